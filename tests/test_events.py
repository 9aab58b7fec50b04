"""Events with actor and minute, minutes from prose, goal lines, and scorers that add up."""
from __future__ import annotations

import pytest

from index import extract
from index.extract.minutes import minutes_said

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


@pytest.mark.parametrize("sentence, kind, player", [
    pytest.param("Lukaku hit the post with a low strike.", "woodwork", "Lukaku", id="hit-the-post"),
    pytest.param("Ramires and Benteke were sent off.", "red_card", "Ramires", id="coordinated-red"),
    pytest.param("Ramires and Benteke were sent off.", "red_card", "Benteke", id="coordinated-red-2"),
    pytest.param("John Terry was booked for a late tackle on Benteke.", "yellow_card", "John Terry", id="booked"),
    pytest.param("Frank Lampard converted a penalty after 30 minutes.", "penalty_goal", "Frank Lampard",
                 id="penalty-goal"),
    pytest.param("Jonas Olsson turned into his own net.", "own_goal", "Jonas Olsson", id="own-goal"),
    pytest.param("Cristiano Ronaldo came on for John O'Shea.", "substitution", "Cristiano Ronaldo", id="sub"),
    pytest.param("Terry limped off with a hamstring problem.", "injury", "Terry", id="injury"),
    pytest.param("Gareth Bale's header was ruled out for offside.", "disallowed_goal", "Gareth Bale",
                 id="disallowed"),
    pytest.param("Valencia crossed for Robin van Persie to fire home.", "goal", "Robin van Persie",
                 id="for-x-to-score"),
    pytest.param("Downing's cross was headed in at the far post by Robson-Kanu.", "goal", "Robson-Kanu",
                 id="passive-by"),
    pytest.param("Suarez was brought down in the box by Baker and the penalty was given.", "penalty_awarded",
                 "Baker", id="fouler-after-by"),
    pytest.param("Sidwell received a straight red card for a scything challenge.", "red_card", "Sidwell",
                 id="received-red"),
    pytest.param("The goal came when Marveaux picked out Cisse and he fired past Begovic.", "goal", "Cisse",
                 id="he-is-the-last-named"),
])
def test_event_actor(sentence: str, kind: str, player: str) -> None:
    text = "Chelsea 1-1 Aston Villa\n\nChelsea drew 1-1 with Aston Villa. " + sentence
    assert (kind, player) in events(text)


@pytest.mark.parametrize("sentence, kind, who", [
    pytest.param("Toloi should have levelled after 40 minutes.", "goal", "Toloi", id="should-have"),
    pytest.param("Henry headed over from a corner.", "goal", "Henry", id="headed-over"),
    pytest.param("Lampard almost scored but Guzan saved.", "goal", "Lampard", id="almost"),
    pytest.param("Lallana had penalty appeals waved away after Clyne caught him.", "penalty_awarded", "Clyne",
                 id="appeals"),
    pytest.param("Sidwell got a red card for a scything challenge on Armand Traore.", "red_card", "Armand Traore",
                 id="reason-not-man"),
    pytest.param("Ferdinand's 87th winner seven days ago against Swansea was recalled.", "goal", "Ferdinand",
                 id="another-match"),
])
def test_what_did_not_happen(sentence: str, kind: str, who: str) -> None:
    text = "Chelsea 1-1 Aston Villa\n\nChelsea drew 1-1 with Aston Villa. " + sentence
    assert (kind, who) not in events(text)


MINUTES = {
    "after 23 minutes": 23, "on the hour": 60, "with 15 minutes to go": 75, "in stoppage time": 90,
    "30 seconds into the game": 1, "with four minutes on the clock": 4, "in the 15th minute": 15,
    "from the fourth minute": 4, "three minutes from time": 87, "six minutes before half-time": 39,
    "a minute into the second half": 46, "an 88th minute penalty": 88,
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
