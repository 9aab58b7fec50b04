"""Events with actor and minute, minutes from prose, goal lines, and scorers that add up."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index import extract
from index.extract.actors import holes
from index.extract.minutes import minutes_said
from index.normalise import fold

from .conftest import corpus_file


def events(text: str) -> set[tuple[str, str | None]]:
    return {(e.type, e.player) for e in extract(text).facts.events}


def test_seed_a_events(seed_a: str) -> None:
    found = events(seed_a)
    assert {("penalty_saved", "Samir Handanovic"), ("penalty_missed", "Luis Muriel"),
            ("penalty_awarded", "Alessandro Bastoni"), ("woodwork", "Lukaku"),
            ("woodwork", "Ruslan Malinvosky"), ("substitution", "Ruslan Malinvosky")} <= found
    assert ("penalty_saved", "Lukaku") not in found
    assert not any(t in ("penalty_goal", "own_goal", "red_card") for t, _ in found)


def test_seed_b_events(seed_b: str) -> None:
    found = events(seed_b)
    assert {("penalty_saved", "Samir Handanovic"), ("penalty_missed", "Luis Muriel"),
            ("penalty_awarded", "Alessandro Bastoni"), ("woodwork", "Ruslan Malinovskiy"),
            ("woodwork", "Alejandro Gomez")} <= found
    assert not any(t in ("penalty_goal", "own_goal", "red_card") for t, _ in found)


@pytest.mark.parametrize("seed, scorers", [
    pytest.param("a", [("Lautaro Martinez", "Inter", 4), ("Gosens", "Atalanta", None)], id="seed-a"),
    pytest.param("b", [("Robin Gosens", "Atalanta", 75), ("Lautaro Martinez", "Inter", None)], id="seed-b"),
])
def test_seed_scorers_add_up(seed: str, scorers: list[tuple[str, str, int | None]], request) -> None:
    rec = extract(request.getfixturevalue(f"seed_{seed}"))
    assert [(g.player, g.team, g.minute) for g in rec.facts.scorers] == scorers
    score = rec.facts.score
    assert score is not None
    home = sum(1 for g in rec.facts.scorers if g.team == rec.facts.home.name)
    away = sum(1 for g in rec.facts.scorers if g.team == rec.facts.away.name)
    assert (home, away) == (score.home, score.away)


ACTORS = {  # id: (sentence, event type, player, whether the report says that player did it)
    "hit-the-post": ("Lukaku hit the post with a low strike.", "woodwork", "Lukaku", True),
    "either-side-of-his-strike": ("Oscar scored either side of Daniel Sturridge's close-range strike.",
                                  "goal", "Daniel Sturridge", True),
    "middle-of-his-goal-is-a-place": ("Oscar fired into the middle of Petr Cech's goal.", "goal", "Petr Cech", False),
    "coordinated-red": ("Ramires and Benteke were sent off.", "red_card", "Ramires", True),
    "coordinated-red-2": ("Ramires and Benteke were sent off.", "red_card", "Benteke", True),
    "listed-three": ("Olga Ahtinen, Charli Grant and Matilda Vinberg replaced Summanen, Nilden and Rubensson.",
                     "substitution", "Olga Ahtinen", True),
    "listed-oxford-comma": ("Ramires, John Terry, and Benteke were sent off.", "red_card", "Ramires", True),
    "comma-without-a-list": ("Kane, Bayern's record signing, scored.", "goal", "Kane", True),
    "booked": ("John Terry was booked for a late tackle on Benteke.", "yellow_card", "John Terry", True),
    "penalty-goal": ("Frank Lampard converted a penalty after 30 minutes.", "penalty_goal", "Frank Lampard", True),
    "own-goal": ("Jonas Olsson turned into his own net.", "own_goal", "Jonas Olsson", True),
    "penalty-and-another-goal-ensured": ("Yohan Cabaye's 67th-minute penalty and a Jos Hooiveld own goal 11 minutes "
                                         "from time ensured the win.", "penalty_goal", "Yohan Cabaye", True),
    "own-goal-into-his-goal": ("Clint Hill put a John Arne Riise cross into his goal.", "own_goal", "Clint Hill", True),
    "sub": ("Cristiano Ronaldo came on for John O'Shea.", "substitution", "Cristiano Ronaldo", True),
    "injury": ("Terry limped off with a hamstring problem.", "injury", "Terry", True),
    "disallowed": ("Gareth Bale's header was ruled out for offside.", "disallowed_goal", "Gareth Bale", True),
    "for-x-to-score": ("Valencia crossed for Robin van Persie to fire home.", "goal", "Robin van Persie", True),
    "passive-by": ("Downing's cross was headed in at the far post by Robson-Kanu.", "goal", "Robson-Kanu", True),
    "fouler-after-by": ("Suarez was brought down in the box by Baker and the penalty was given.",
                        "penalty_awarded", "Baker", True),
    "received-red": ("Sidwell received a straight red card for a scything challenge.", "red_card", "Sidwell", True),
    "in-x-who": ("Daniel Sturridge started. Coutinho sped forward to slide in Sturridge, who blasted past Elliot.",
                 "goal", "Daniel Sturridge", True),
    "he-is-the-last-named": ("The goal came when Marveaux picked out Cisse and he fired past Begovic.",
                             "goal", "Cisse", True),
    "should-have": ("Toloi should have levelled after 40 minutes.", "goal", "Toloi", False),
    "headed-over": ("Henry headed over from a corner.", "goal", "Henry", False),
    "almost": ("Lampard almost scored but Guzan saved.", "goal", "Lampard", False),
    "appeals": ("Lallana had penalty appeals waved away after Clyne caught him.", "penalty_awarded", "Clyne", False),
    "reason-not-man": ("Sidwell got a red card for a scything challenge on Armand Traore.", "red_card",
                       "Armand Traore", False),
    "another-match": ("Ferdinand's 87th winner seven days ago against Swansea was recalled.", "goal", "Ferdinand",
                      False),
}


@pytest.mark.parametrize("sentence, kind, player, happened", list(ACTORS.values()), ids=list(ACTORS))
def test_event_actor(sentence: str, kind: str, player: str, happened: bool) -> None:
    text = "Chelsea 1-1 Aston Villa\n\nChelsea drew 1-1 with Aston Villa. " + sentence
    assert ((kind, player) in events(text)) is happened


@pytest.mark.parametrize("text, scorers", [
    pytest.param("Oscar had no trouble putting the hosts ahead.", {("Oscar", None)}, id="no-trouble-is-no-modal"),
    pytest.param("Christian Benteke curled a free-kick over the wall and in off the bar to level.",
                 {("Christian Benteke", None)}, id="shot-then-to-level"),
    pytest.param("Christian Benteke fired wide in a bid to level.", set(), id="bid-to-level-is-no-goal"),
    pytest.param("Fernando Torres struck with ten minutes remaining.", {("Fernando Torres", 80)},
                 id="struck-at-a-minute"),
    pytest.param("Eden Hazard got his 12th of the season after the break.", {("Eden Hazard", 47)},
                 id="nth-of-the-season"),
    pytest.param("Juan Mata teed up Fernando Torres for the opener.", {("Fernando Torres", None)},
                 id="teed-up-for-the-opener"),
    pytest.param("Chelsea deserved to see John Terry prod home a 63rd-minute corner.", {("John Terry", 63)},
                 id="to-see-him-score"),
    pytest.param("Chelsea had looked like winning with a goal from Oscar and an Eden Hazard penalty either side of "
                 "substitute Daniel Sturridge's close-range strike.",
                 {("Oscar", None), ("Daniel Sturridge", None)},
                 id="a-role-and-first-name-before-the-owner"),
    pytest.param("Brad Guzan was busy after initially saving Sergio Aguero's shot.", set(),
                 id="a-saved-shot-is-no-goal"),
    pytest.param("Villa didn't muster an attempt on goal until Timo Werner tame shot easily saved by Petr Cech.", set(),
                 id="an-attempt-on-goal-saved-by-is-no-goal"),
    pytest.param("Nathan Ake had to deal with the double threat of Szoboszlai and Henrichs.", set(),
                 id="a-double-threat-is-no-brace"),
    pytest.param("Juan Mata and Oscar combined to put the hosts ahead. Oscar, who finished it, was booked later.",
                 set(), id="combined-move-names-no-scorer"),
    pytest.param("Shane Long and Gareth McAuley put Chelsea ahead in the 29th and 50th minutes.",
                 {("Shane Long", None), ("Gareth McAuley", None)}, id="coordinated-scorers-each-scored"),
    pytest.param("First Fernando Torres, then Frank Lampard scored.", {("Fernando Torres", None), ("Frank Lampard", None)},
                 id="first-then-scored"),
    pytest.param("Jay Rodriguez slotted past Westwood, only for the linesman to rule the sixth-minute leveller out "
                 "for offside.", set(), id="only-for-the-linesman-to-rule-it-out"),
    pytest.param("The smallest man on the pitch, Emanuele Giaccherini, headed home in only the third minute.",
                 {("Emanuele Giaccherini", 3)}, id="minute-as-an-ordinal-word"),
    pytest.param("Twenty years ago, Mark Bosnich scored his first of the season here.", set(),
                 id="another-match-years-ago"),
    pytest.param("Christian Benteke had scored twice in the win at Anfield earlier in the season.", set(),
                 id="another-match-earlier-in-the-season"),
    pytest.param("Fernando Torres found the net for the first time since October.", {("Fernando Torres", None)},
                 id="first-time-since"),
    pytest.param("It fell to Frank Lampard to level when he flicked a Juan Mata corner in to draw Chelsea level.",
                 {("Frank Lampard", None)}, id="he-past-a-qualifier"),
    pytest.param("Oscar ran the midfield.\n\nHe has lots of talent. And he had no bother putting the hosts ahead.",
                 {("Oscar", None)}, id="he-through-a-he-sentence-and-a-paragraph"),
    pytest.param("In Terry's place came Gary Cahill. The defender headed home.", {("Gary Cahill", None)},
                 id="epithet-not-the-owner"),
    pytest.param("Vincent Kompany flicked home an off-target Gareth Barry effort.", {("Vincent Kompany", None)},
                 id="turned-in-an-off-target-effort"),
    pytest.param("Didier Drogba rued his inability to add a further goal.", set(), id="inability-to-score"),
    pytest.param("Callum McManaman's piledriver put Aston Villa 2-1 up after the break.", {("Callum McManaman", 47)},
                 id="piledriver-put-them-up"),
    pytest.param("Andy Carroll began to exert his influence. He set up Ricardo Vaz Te, but the Portuguese blasted over. "
                 "The England striker then headed home after 16 minutes.", {("Andy Carroll", 16)},
                 id="epithet-through-a-he-sentence"),
    pytest.param("Chelsea had long spells on the ball. " * 12 + "\n\nGraham Dorrans scored a consolation at the death. "
                 "Chelsea dominated. Graham Dorrans pulled one back three minutes from the end.",
                 {("Graham Dorrans", 90)}, id="at-the-death-is-three-minutes-from-the-end"),
])
def test_goal_phrasings(text: str, scorers: set[tuple[str, int | None]]) -> None:
    rec = extract("Chelsea 2-1 Aston Villa\n\nChelsea beat Aston Villa 2-1. " + text)
    assert {(g.player, g.minute) for g in rec.facts.scorers} == scorers


@pytest.mark.parametrize("lead_in", [
    pytest.param("Arsenal swept", id="team-right-before-the-phrase"),
    pytest.param("Arsenal, though, swept", id="an-aside-between"),
    pytest.param("Arsenal eventually swept", id="an-adverb-between"),
])
def test_the_team_a_goal_phrase_names(lead_in: str) -> None:
    """In a draw both sides scored, so only the phrase can say whose goal it was."""
    rec = extract("Arsenal and Tottenham drew 1-1. " + lead_in + " into the lead after 23 minutes, with a swift "
                  "counter from Aaron Ramsey.")
    assert [(g.player, g.team) for g in rec.facts.scorers] == [("Aaron Ramsey", "Arsenal")]


@pytest.mark.parametrize("text, goals", [
    pytest.param("Chelsea beat Aston Villa 3-0 thanks to a hat-trick from Fernando Torres.", {"Fernando Torres": 3},
                 id="hat-trick-from"),
    pytest.param("Chelsea beat Aston Villa 2-0. A brace from Frank Lampard settled it.", {"Frank Lampard": 2},
                 id="brace-from"),
    pytest.param("Chelsea beat Aston Villa 1-0 thanks to a late winner from substitute Oscar.", {"Oscar": 1},
                 id="winner-from-a-substitute"),
    pytest.param("Chelsea beat Aston Villa 2-0 with two fine goals from Oscar in the second half.", {"Oscar": 2},
                 id="a-count-before-the-goal-phrase"),
    pytest.param("Chelsea beat Aston Villa 3-0. Three goals in eight minutes from Fernando Torres, Oscar and Frank "
                 "Lampard settled it.", {"Fernando Torres": 1, "Oscar": 1, "Frank Lampard": 1},
                 id="a-count-before-a-list-is-one-each"),
])
def test_goal_counts(text: str, goals: dict[str, int]) -> None:
    """How many goals each scorer has, from the count the phrase gives ("brace", "two goals")."""
    score = sum(goals.values())
    rec = extract(f"Chelsea {score}-0 Aston Villa\n\n" + text)
    assert Counter(g.player for g in rec.facts.scorers) == goals


MINUTES = {
    "after 23 minutes": 23, "on the hour": 60, "with 15 minutes to go": 75, "in stoppage time": 90,
    "30 seconds into the game": 1, "with four minutes on the clock": 4, "in the 15th minute": 15,
    "from the fourth minute": 4, "three minutes from time": 87, "six minutes before half-time": 39,
    "a minute into the second half": 46, "an 88th minute penalty": 88,
    "with just five minutes gone": 5, "with 17 minutes played": 17,
    "Schneiderlin's third-minute strike": 3, "a first-minute lead": 1,
}


@pytest.mark.parametrize("phrase, minute", list(MINUTES.items()), ids=list(MINUTES))
def test_minutes_from_prose(phrase: str, minute: int) -> None:
    assert [s.minute for s in minutes_said(phrase)] == [minute]


def test_relative_minutes_count_from_the_last() -> None:
    assert [s.minute for s in minutes_said("on 48 minutes. Seven minutes later")] == [48, 55]


@pytest.mark.parametrize("path, expected", [
    pytest.param("bbcsport-2005/football/007.txt",
                 [("Wayne Rooney", "Manchester United", 68, False),
                  ("Richard Dunne", "Manchester United", 75, True)], id="inline-goals-og"),
    pytest.param("bbcsport-2005/football/152.txt",
                 [("Thierry Henry", "Arsenal", 2, False), ("John Terry", "Chelsea", 17, False),
                  ("Thierry Henry", "Arsenal", 29, False), ("Eidur Gudjohnsen", "Chelsea", 46, False)],
                 id="bare-goal-paragraphs"),
])
def test_goal_lines(path: str, expected: list[tuple[str, str, int, bool]]) -> None:
    rec = extract(corpus_file(path).read_text(encoding="utf-8"))
    assert [(g.player, g.team, g.minute, g.own_goal) for g in rec.facts.scorers] == expected


def test_line_up_blocks_give_bookings_and_substitutions() -> None:
    rec = extract(corpus_file("bbcsport-2005/football/007.txt").read_text(encoding="utf-8"))
    found = {(e.type, e.player, e.minute) for e in rec.facts.events}
    assert ("substitution", "Cristiano Ronaldo", 33) in found
    assert ("yellow_card", "Paul Scholes", None) in found


def test_no_goals_in_a_goalless_draw() -> None:
    rec = extract(corpus_file("espnfc-epl-2013/Newcastle United-West Ham United-1.txt").read_text(encoding="utf-8"))
    assert rec.facts.score is not None and (rec.facts.score.home, rec.facts.score.away) == (0, 0)
    assert rec.facts.scorers == ()
    assert not any(e.type == "goal" for e in rec.facts.events)


# What a hole is, as one regex: holes() must find the same places (a place both kinds hit twice).
HOLE = re.compile(r"(?:^|(?<=[.!?] )|(?<=\n))(?=[a-z])|\b(?:as|and|but|by|from|with|to|when|after|before|"
                  r"while|for|that|of|then|time|later|until)(?='s?\b)")


@pytest.mark.parametrize("text, expected", [
    pytest.param("as's goal", [0, 0], id="opening-owner"),
    pytest.param("It was. and's shot", [8, 8], id="after-a-sentence"),
    pytest.param("He hit it. later, time'xyz", [11, 18], id="owner-before-a-letter"),
    pytest.param("He has's Was's before' .\nabc", [25], id="not-holes"),
])
def test_holes(text: str, expected: list[int]) -> None:
    assert holes(text) == expected == [m.start() for m in HOLE.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["as", "and", "has", "time", "Was", "'s", "'", "s", ".", "!", " ", "\n", "x", "é",
                                 "_", "abc", "?"]), max_size=30))
def test_holes_are_the_regex_places(parts: list[str]) -> None:
    text = "".join(parts)
    assert holes(text) == [m.start() for m in HOLE.finditer(text)]


def test_holes_in_real_reports() -> None:
    folder = corpus_file("espnfc-epl-2013")
    for path in sorted(folder.glob("*.txt"))[:80]:
        text = fold(path.read_text(encoding="utf-8"))
        assert holes(text) == [m.start() for m in HOLE.finditer(text)], path.name
