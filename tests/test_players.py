"""Players: mentions, one person per report, roles, teams, line-ups, and the cross-index registry."""
from __future__ import annotations

import re

import pytest

from index import extract
from index.build import player_spellings
from index.extract.lineups import BOUNDARY
from index.extract.similar import distance, near
from index.registry import Registry

from .conftest import corpus_file


def people(text: str, **kw: object) -> dict[str, tuple[str, str | None]]:
    rec = extract(text, **kw)
    return {p.name: (p.role, p.team) for p in rec.facts.players}


def test_seed_a_people_roles_and_teams(seed_a: str) -> None:
    found = people(seed_a)
    assert {"Samir Handanovic", "Lautaro Martinez", "Alessandro Bastoni", "Luis Muriel",
            "Ruslan Malinvosky", "Papu Gomez", "Ilicic", "Gosens"} <= set(found)
    assert found["Gianluca Rocchi"][0] == "referee"
    assert found["Antonio Conte"][0] == "manager" and found["Gian Piero Gasperini"][0] == "manager"
    assert found["Lautaro Martinez"] == ("player", "Inter")
    assert found["Gosens"] == ("player", "Atalanta")
    for not_a_person in ("Belgian", "Brazilian", "German", "Inter", "Atalanta", "Serie A", "San Siro",
                         "Stadio Giuseppe Meazza", "Meazza", "Juventus", "Roma", "Malinovsky", "Lautaro"):
        assert not_a_person not in found, not_a_person


def test_seed_a_spellings_the_registry_is_given(seed_a: str) -> None:
    """Every spelling of a person in the report, in one order whatever the process's hash seed."""
    spelled = {name: (team, spellings) for name, team, spellings in player_spellings(extract(seed_a))}
    assert spelled["Ruslan Malinvosky"][1] == ("Malinovsky", "Ruslan Malinvosky")
    assert spelled["Lautaro Martinez"] == ("Inter", ("Lautaro", "Lautaro Martinez"))


def test_seed_b_title_case_headline_adds_no_people(seed_b: str) -> None:
    found = people(seed_b)
    assert not any("Spares" in n or "Blushes" in n for n in found)
    assert {"Samir Handanovic", "Ruslan Malinovskiy", "Alejandro Gomez", "Robin Gosens"} <= set(found)


@pytest.mark.parametrize("text, joined, apart", [
    pytest.param("Lautaro Martinez scored. Lautaro ran. Martinez's shot went wide.",
                 {"Lautaro Martinez"}, set(), id="first-name-and-surname-join"),
    pytest.param("Ruslan Malinvosky came on. Malinovsky hit the post.",
                 {"Ruslan Malinvosky"}, {"Malinovsky"}, id="typo-joins-full-name"),
    pytest.param("Gary Neville crossed. Phil Neville came on. Neville crossed again.",
                 {"Gary Neville", "Phil Neville"}, {"Neville"}, id="brothers-stay-apart"),
    pytest.param("Robin van Persie scored. Van Persie celebrated.",
                 {"Robin van Persie"}, {"Van Persie"}, id="particle-surname"),
    pytest.param("Alex Oxlade-Chamberlain ran. Oxlade-Chamberlain's cross found Charles N'Zogbia.",
                 {"Alex Oxlade-Chamberlain", "Charles N'Zogbia"}, {"Oxlade-Chamberlain"}, id="hyphen-apostrophe"),
    pytest.param("Robin van Persie scored. R. van Persie ran.",
                 {"Robin van Persie"}, {"R. van Persie"}, id="initial-joins-full-name"),
    pytest.param("Josip Iličić scored. Josip Ilicic ran. Iličić shot.",
                 {"Josip Iličić"}, {"Josip Ilicic", "Iličić"}, id="accents-join"),
    pytest.param("Ruslan Malinovskiy scored. Ruslan Malinovskiy ran. Ruslan Malinvosky shot. Malinvosky missed.",
                 {"Ruslan Malinovskiy"}, {"Ruslan Malinvosky", "Malinvosky"}, id="full-name-typo-joins-commoner"),
    pytest.param("Malinovsky came on. Malinovsky shot. The Malinvosky effort went wide.",
                 {"Malinovsky"}, {"Malinvosky"}, id="one-word-typo-joins-commoner"),
    pytest.param("Ashley Cole crossed. Andy Carroll headed. Cale ran.",
                 {"Ashley Cole", "Andy Carroll", "Cale"}, set(), id="short-names-stay-apart"),
])
def test_one_person_per_report(text: str, joined: set[str], apart: set[str]) -> None:
    found = people("Match report\n\n" + text)
    assert joined <= set(found)
    assert not apart & set(found)


@pytest.mark.parametrize("text, kept, dropped", [
    pytest.param("Kane scored twice. 'I'm so happy,' he said. \"We're through, I've no doubt.\"",
                 {"Kane"}, {"I'm", "We're", "I've"}, id="contractions"),
    pytest.param("Kane scored. He added: 'My feeling is that we won.' 'Today was special.'",
                 {"Kane"}, {"My", "Today"}, id="sentence-opened-by-a-quote"),
    pytest.param("Kane scored.\n\nJoin the club for full access.\n\nWant to add more newsletters?",
                 {"Kane"}, {"Join", "Want"}, id="corpus-common-openers"),
    pytest.param("Young scored. Ashley Young ran.", {"Ashley Young"}, {"Young"}, id="surname-joins-its-person"),
    pytest.param("George Boyd pips Christian Eriksen Jordan Henderson distance covered",
                 {"George Boyd", "Christian Eriksen", "Jordan Henderson"}, {"Christian Eriksen Jordan Henderson"},
                 id="two-people-side-by-side"),
    pytest.param("Rafael Van Der Vaart scored.", {"Rafael Van Der Vaart"}, set(), id="particles-keep-one-person"),
    pytest.param("Centre-back Jan Vertonghen scored. Post-match, Line-ups and On-loan were stop words.",
                 {"Jan Vertonghen"}, {"Centre-back Jan Vertonghen", "Post-match", "Line-ups", "On-loan"},
                 id="describing-hyphenated-word-opens-no-name"),
    pytest.param("Kane scored. His record has been:\n\n- Caught speeding twice;\n\n- Published in the papers.",
                 {"Kane"}, {"Caught", "Published"}, id="list-item-opens-a-sentence"),
    pytest.param("Mary Earps won the Golden Glove; Lize Kop watched the PlayStation Player Ratings.",
                 {"Mary Earps", "Lize Kop"}, {"Glove", "Golden Glove", "PlayStation", "Ratings"},
                 id="award-and-brand-words-are-no-names"),
    pytest.param("Player ratings\n\nST: Alessia Russo - 9/10 - Scored the early breakthrough. LB: Olga Carmona - 8/10 - "
                 "Screamer of a goal.", {"Alessia Russo", "Olga Carmona"}, {"Scored", "Screamer"},
                 id="a-ratings-comment-opens-a-sentence"),
    pytest.param("All afternoon the Kop urged Jamie Carragher to shoot. The Bridge fell silent when Wayne Bridge crossed.",
                 {"Jamie Carragher", "Wayne Bridge"}, {"Kop", "Bridge"}, id="the-kop-is-a-stand"),
    pytest.param("Park Ji-sung and Ki Sung-yueng played.", {"Park Ji-sung", "Ki Sung-yueng"}, set(),
                 id="korean-given-names-kept"),
    pytest.param("An Aaron Ramsey-inspired Arsenal won; a Croydon-born winger crossed.", {"Aaron Ramsey"},
                 {"Aaron Ramsey-inspired", "Croydon", "Croydon-born"}, id="suffix-referring-to-a-person"),
    pytest.param("England Women's coach Sarina Wiegman watched the Euros.", {"Sarina Wiegman"}, {"Women", "Euros"},
                 id="competition-words"),
    pytest.param("Chelsea beat Everton. Jack Grealish left Aston Villa in 2021; Villa were happy.", {"Jack Grealish"},
                 {"Villa"}, id="a-named-club-alone"),
    pytest.param("Chelsea beat Everton. David Villa left Valencia; Villa scored twice later.", {"David Villa"}, set(),
                 id="a-club-word-that-is-a-surname"),
    pytest.param("Chelsea beat Everton. Inter Milan defender Milan Skriniar watched. Carrick ran.",
                 {"Milan Skriniar", "Carrick"}, set(), id="a-club-word-before-a-name-or-of-an-unnamed-club"),
    pytest.param("Daniel Sturridge scored twice in Munich. Coutinho sent in Sturridge again.",
                 {"Daniel Sturridge"}, {"Munich"}, id="one-word-after-in-is-a-place-unless-a-surname"),
    pytest.param("Flamini, the former Gunner, came on. Ex-Toffee Jack Rodwell and former Tiger Michael Turner "
                 "watched Danny Fox, the one-time Red Devil, and 25-year-old Jack Grealish.",
                 {"Michael Turner", "Jack Rodwell", "Danny Fox", "Jack Grealish"},
                 {"Gunner", "Toffee Jack Rodwell", "Tiger Michael Turner", "Devil", "Red Devil"},
                 id="a-former-club-nickname-made-singular"),
])
def test_words_that_are_no_people(text: str, kept: set[str], dropped: set[str]) -> None:
    found = set(people("Match report\n\n" + text))
    assert kept <= found
    assert not dropped & found


@pytest.mark.parametrize("text, name, role, team", [
    pytest.param("Arsenal won. Arsenal boss Arsene Wenger was happy.", "Arsene Wenger", "manager", "Arsenal",
                 id="boss-cue"),
    pytest.param("Chelsea won. Nigel Adkins' men lost.", "Nigel Adkins", "manager", None, id="possessive-men"),
    pytest.param("Chelsea won. Referee Mike Dean booked Terry.", "Mike Dean", "referee", None, id="referee-cue"),
    pytest.param("Chelsea won. Chelsea striker Didier Drogba scored.", "Didier Drogba", "player", "Chelsea",
                 id="team-position-name"),
    pytest.param("Inter drew. Inter's Lautaro Martinez scored.", "Lautaro Martinez", "player", "Inter",
                 id="team-possessive"),
    pytest.param("Chelsea won. Referee: Mike Dean booked Terry.", "Mike Dean", "referee", None, id="referee-label"),
    pytest.param("United won. Manchester United boss Sir Alex Ferguson was happy.", "Alex Ferguson", "manager", None,
                 id="boss-title"),
    pytest.param("United won. The embossed Paul Scholes was happy.", "Paul Scholes", "player", None,
                 id="cue-inside-a-word"),
])
def test_roles_and_teams_from_cues(text: str, name: str, role: str, team: str | None) -> None:
    found = people("Match report\n\n" + text)
    assert found[name][0] == role
    if team:
        assert found[name][1] == team


def test_bbc_line_up_blocks_give_teams() -> None:
    text = corpus_file("bbcsport-2005/football/007.txt").read_text(encoding="utf-8")
    found = people(text)
    assert found["Richard Dunne"] == ("player", "Manchester City")
    assert found["Wayne Rooney"] == ("player", "Manchester United")
    assert found["Gary Neville"][1] == found["Phil Neville"][1] == "Manchester United"
    assert found["Kevin Keegan"][0] == "manager"


PLAIN_BOUNDARY = re.compile(r"(?<=[.!?])[\"']?\s+(?=[A-Z:])|\n+")


@pytest.mark.parametrize("text", [
    pytest.param('He scored." Then Rooney ran.\n\nMan Utd: Carroll, Neville.', id="quote-sentence-line"),
    pytest.param("a.' \n B x.\"\nY a.\n\nb a. \n\n: q!' x a.\"x \n\n\nA end.\"  z?\u00a0A", id="edges"),
])
def test_line_up_segments_split_where_the_plain_pattern_does(text: str) -> None:
    assert [m.span() for m in BOUNDARY.finditer(text)] == [m.span() for m in PLAIN_BOUNDARY.finditer(text)] != []


def test_line_up_segments_of_a_bbc_report() -> None:
    text = corpus_file("bbcsport-2005/football/007.txt").read_text(encoding="utf-8")
    assert [m.span() for m in BOUNDARY.finditer(text)] == [m.span() for m in PLAIN_BOUNDARY.finditer(text)]


def test_espn_scraped_holes_invent_nobody() -> None:
    text = corpus_file("espnfc-epl-2013/Arsenal-Reading.txt").read_text(encoding="utf-8")
    rec = extract(text)
    scorers = [g.player for g in rec.facts.scorers]
    assert "Gervinho" in scorers
    assert None not in scorers
    assert "Royals" not in {p.name for p in rec.facts.players}


@pytest.mark.parametrize("a, b, same", [
    pytest.param("Malinovskiy", "Malinovsky", True, id="dropped-letter"),
    pytest.param("Malinvosky", "Malinovskiy", True, id="swap-and-letter"),
    pytest.param("Ilicic", "Iličić", True, id="accents"),
    pytest.param("Cole", "Cale", False, id="short-names-exact"),
    pytest.param("Johnson", "Jonsson", False, id="two-edits-short"),
])
def test_near_spellings(a: str, b: str, same: bool) -> None:
    assert near(a, b) is same


def test_distance_counts_a_swap_as_one() -> None:
    assert distance("abcd", "abdc") == 1 and distance("kitten", "sitting") == 3


@pytest.mark.parametrize("a, b, limit, edits", [
    pytest.param("malinvosky", "malinovskiy", 2, 2, id="at-the-limit"),
    pytest.param("malinovsky", "malinovskiy", 2, 1, id="under-the-limit"),
    pytest.param("kitten", "sitting", 1, 2, id="over-the-limit-says-limit-plus-one"),
    pytest.param("johnson", "jonsson", 1, 2, id="two-edits-over-one"),
    pytest.param("handanovic", "hernandez", 2, 3, id="far-apart"),
    pytest.param("abcd", "abdc", 0, 1, id="swap-over-zero"),
])
def test_distance_with_a_limit(a: str, b: str, limit: int, edits: int) -> None:
    assert distance(a, b, limit) == edits
    assert (distance(a, b) <= limit) is (edits <= limit)


def test_names_run_together_in_a_headline_are_the_bodys_people() -> None:
    rec = extract("Thiago Silva warns PSG Barcelona trio Lionel Messi Luis Suarez Neymar three best players world"
                  "\n\nBarcelona beat Sevilla. Lionel Messi scored, Neymar added a second and Luis Suarez a third.")
    written = {p.name: {rec.text[a:b] for a, b in p.spans} for p in rec.facts.players}
    assert {n: w for n, w in written.items() if n != "Thiago Silva"} == {
        "Lionel Messi": {"Lionel Messi"}, "Neymar": {"Neymar"}, "Luis Suarez": {"Luis Suarez"}}


def test_a_club_after_a_name_in_a_headline_is_still_the_club() -> None:
    rec = extract("Arsenal swap Theo Walcott Liverpool s Raheem Sterling club getting better deal\n\n"
                  "Theo Walcott and Raheem Sterling will go head to head. Sterling is one of Liverpool's best.")
    assert {p.name for p in rec.facts.players} == {"Theo Walcott", "Raheem Sterling"}


def test_registry_one_person_for_every_spelling() -> None:
    reg = Registry()
    match = ["Inter", "Atalanta"]
    first = reg.resolve_report([("Ruslan Malinvosky", None, {"Malinovsky"}), ("Papu Gomez", "Atalanta", set()),
                                ("Ilicic", "Atalanta", set())], match)
    second = reg.resolve_report([("Ruslan Malinovskiy", None, set()), ("Alejandro Gomez", "Atalanta", set()),
                                 ("Josip Iličić", "Atalanta", set())], match)
    assert second["Ruslan Malinovskiy"] == first["Ruslan Malinvosky"]
    assert second["Alejandro Gomez"] == first["Papu Gomez"]
    assert second["Josip Iličić"] == first["Ilicic"]
    for typed in ("Malinovskiy", "Malinovsky", "Malinvosky", "malinovskiy"):
        assert reg.lookup(typed) == [first["Ruslan Malinvosky"]]


def test_registry_keeps_namesakes_of_other_teams_apart() -> None:
    reg = Registry()
    a = reg.resolve_report([("Joe Gomez", "Liverpool", set())], ["Liverpool", "Everton"])
    b = reg.resolve_report([("Papu Gomez", "Atalanta", set())], ["Inter", "Atalanta"])
    c = reg.resolve_report([("Gomez", "Atalanta", set())], ["Roma", "Atalanta"])
    assert a["Joe Gomez"] != b["Papu Gomez"]
    assert c["Gomez"] == b["Papu Gomez"]
    assert sorted(reg.lookup("Gomez")) == sorted({a["Joe Gomez"], b["Papu Gomez"]})


def test_registry_a_surname_before_a_first_name() -> None:
    reg = Registry()
    johnson = reg.resolve_report([("Adam Johnson", "Sunderland", {"Adam"})], ["Sunderland", "Stoke City"])
    adam = reg.resolve_report([("Charlie Adam", "Stoke City", set())], ["Stoke City", "Norwich City"])
    assert reg.lookup("Adam") == [adam["Charlie Adam"]]
    assert reg.lookup("Adam Johnson") == [johnson["Adam Johnson"]]
    chelsea = reg.resolve_report([("Terry", "Chelsea", set())], ["Chelsea", "Everton"])
    other = reg.resolve_report([("Terry", "Southampton", set())], ["Chelsea", "Southampton"])
    assert other["Terry"] == "Terry (Southampton)"  # a namesake's name is marked with the team
    assert reg.lookup("Terry") == sorted([chelsea["Terry"], other["Terry"]])


def test_registry_a_first_name_finds_its_only_bearer() -> None:
    reg = Registry()
    out = reg.resolve_report([("Lautaro Martinez", "Inter", {"Lautaro"})], ["Inter", "Atalanta"])
    assert reg.lookup("Lautaro") == [out["Lautaro Martinez"]]


def test_registry_a_one_name_player_is_not_a_full_name_spelt_near_it() -> None:
    reg = Registry()
    for _ in range(2):
        ramires = reg.resolve_report([("Ramires", None, set())], ["Chelsea", "Everton"])["Ramires"]
    ramirez = reg.resolve_report([("Gaston Ramirez", None, set())], ["Southampton", "Chelsea"])
    assert ramirez["Gaston Ramirez"] != ramires
    # a bare misspelling still joins the full name it is near, and a full name with the word
    # a man was known by as its surname still joins him
    assert reg.resolve_report([("Ramirex", None, set())], ["Southampton", "Fulham"])["Ramirex"] == "Gaston Ramirez"
    for _ in range(2):
        terry = reg.resolve_report([("Terry", None, set())], ["Chelsea", "Everton"])["Terry"]
    assert reg.resolve_report([("John Terry", None, set())], ["Chelsea", "Fulham"])["John Terry"] == terry


def test_registry_two_people_of_one_report_stay_two() -> None:
    reg = Registry()
    out = reg.resolve_report([("Gary Neville", "Manchester United", set()),
                              ("Phil Neville", "Manchester United", set())], ["Manchester United"])
    assert out["Gary Neville"] != out["Phil Neville"]
    assert reg.lookup("G. Neville") == ["Gary Neville"]


def test_registry_a_bare_surname_does_not_make_every_first_name_agree() -> None:
    """The real archive's first Silva was a cricketer called "Silva" in one report: David and
    Thiago Silva must not become him, while a man known only as "Silva" still gains a first name."""
    reg = Registry()
    cricketer = reg.resolve_report([("Aravinda de Silva", None, {"Silva"})])["Aravinda de Silva"]
    david = reg.resolve_report([("David Silva", None, set())])["David Silva"]
    thiago = reg.resolve_report([("Thiago Silva", None, set())])["Thiago Silva"]
    assert len({cricketer, david, thiago}) == 3
    only_surname = reg.resolve_report([("Handanovic", None, set())])["Handanovic"]
    assert reg.resolve_report([("Samir Handanovic", None, set())])["Samir Handanovic"] == only_surname
    assert reg.resolve_report([("Jasmin Handanovic", None, set())])["Jasmin Handanovic"] != only_surname


def test_registry_a_lone_common_word_is_nobodys_near_spelling() -> None:
    """The real archive's Edson Mexer took "Mixer" (a newsletter's name) as a near spelling, and
    then "Mixed" as a near spelling of that: 796 reports in all."""
    reg = Registry()
    mexer = reg.resolve_report([("Edson Mexer", "Rennes", set())])["Edson Mexer"]
    reg.resolve_report([("Mixer", None, set())])
    assert reg.resolve_report([("Mixed", None, set())])["Mixed"] != mexer
    assert reg.resolve_report([("Mexer", None, set())])["Mexer"] == mexer


def test_registry_survives_save_and_load(tmp_path) -> None:
    reg = Registry()
    reg.resolve_report([("Samir Handanovic", "Inter", {"Handanovic"})], ["Inter"])
    reg.save(tmp_path)
    again = Registry.load(tmp_path)
    assert again.lookup("Handanovic") == ["Samir Handanovic"]
    assert again.people["Samir Handanovic"].teams == {"Inter"} and len(again) == 1


def test_seeded_index_one_person_per_spelling_and_player_event_search(seeded_index) -> None:
    for typed in ("Malinovskiy", "Malinovsky", "Malinvosky", "Ruslan Malinovskiy"):
        assert len(seeded_index.registry.lookup(typed)) == 1, typed
    assert seeded_index.registry.lookup("Iličić") == seeded_index.registry.lookup("Ilicic")
    assert seeded_index.registry.lookup("Papu Gomez") == seeded_index.registry.lookup("Alejandro Gomez")
    assert seeded_index.search(player="Handanovic", event="penalty_saved").total == 2
    assert seeded_index.search(player="Lukaku", event="penalty_saved").total == 0
    assert seeded_index.search(player="Malinovsky", event="woodwork").total == 2
    assert seeded_index.search(player="Muriel", event="penalty_missed").total == 2
    assert seeded_index.search(player="Bastoni", event="penalty_awarded").total == 2
    assert seeded_index.search(player="Lautaro", event="goal").total == 2
    assert seeded_index.search(player="Gosens", event="goal").total == 2
    assert seeded_index.search(player="Handanovic", event="goal").total == 0


def test_registry_shares_what_people_have_in_common_and_keeps_nothing_they_outgrew() -> None:
    """At 100,000 reports the registry was the indexer's largest holding: the players of one
    match share one set of its teams, and a player's growing set of matches is not cached
    (caching every set a player outgrew took 14 MB at 3,000 reports, growing with the run)."""
    reg = Registry()
    rivals = [f"Club {i}" for i in range(30)]
    for rival in rivals:
        reg.resolve_report([("Wayne Rooney", "Everton", set()), (f"Keeper {rival}", rival, set())],
                           ["Everton", rival])
    rooney = reg.people["Wayne Rooney"]
    assert rooney.matches == {"Everton", *rivals}
    assert reg.people["Keeper Club 3"].matches is reg._shared(["Everton", "Club 3"])
    assert max(map(len, reg._sets)) == 2  # pairs of teams, and Rooney's first name with none
