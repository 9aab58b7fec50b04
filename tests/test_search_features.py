"""Searching as football readers do, over the seeds plus the ESPN FC reports when present."""
from __future__ import annotations

from pathlib import Path

import pytest

from search import open_index

from .conftest import CORPUS, SEEDS

SEED_IDS_NEEDED = 2


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory):
    """Seeds plus ESPN FC's 2013 Premier League reports (seeds alone without ../shared)."""
    ix = open_index(tmp_path_factory.mktemp("archive") / "ix", create=True)
    paths = [SEEDS] + ([CORPUS / "espnfc-epl-2013"] if (CORPUS / "espnfc-epl-2013").exists() else [])
    ix.add(paths, jobs=2)
    return ix


def seed_hits(res) -> set[str]:
    return {Path(h.path).name for h in res.hits if Path(h.path).parent.name == "seeds"}


def needs_espn() -> None:
    if not (CORPUS / "espnfc-epl-2013").exists():
        pytest.skip("../shared/corpus/espnfc-epl-2013 not present")


@pytest.mark.parametrize("query", [
    pytest.param("Handanovich", id="typo"),
    pytest.param("handanovic", id="lower-case"),
    pytest.param("Iličić", id="accented-query-finds-plain-text"),
])
def test_names_are_found_despite_typos_and_accents(archive, query: str) -> None:
    res = archive.search(query, limit=50, strict=False)
    assert seed_hits(res)
    assert all("<mark>" in h.highlights[0] for h in res.hits if Path(h.path).parent.name == "seeds")


def test_typo_gets_a_did_you_mean(archive) -> None:
    res = archive.search("Handanovich", strict=False)
    assert any("did you mean 'handanovic'" in n for n in res.notes)


def test_plain_query_finds_accented_text(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text("Josip Iličić scored twice for Atalanta against Torino.", encoding="utf-8")
    ix = open_index(tmp_path / "ix", create=True)
    ix.add([tmp_path / "r.txt"], jobs=1)
    assert ix.search("Ilicic").total == 1 and ix.search("ILIČIĆ").total == 1


def test_team_nickname_equals_team(archive) -> None:
    nick = archive.search(team="Nerazzurri", limit=50)
    assert seed_hits(nick) == {"inter-atalanta-2020-01-11-a.txt", "inter-atalanta-2020-01-11-b.txt"}
    assert nick.total == SEED_IDS_NEEDED
    assert [h.id for h in nick.hits] == [h.id for h in archive.search(team="Inter", limit=50).hits]


def test_team_short_name_equals_full_name(archive) -> None:
    needs_espn()
    short = archive.search(team="Man Utd", limit=100)
    full = archive.search(team="Manchester United", limit=100)
    assert short.total > 10
    assert [h.id for h in short.hits] == [h.id for h in full.hits]


def test_free_text_team_alias_matches_the_team(archive) -> None:
    needs_espn()
    typed = archive.search("Man Utd", limit=200).total
    assert typed >= archive.search(team="Manchester United", limit=200).total


def test_date_ranges(archive) -> None:
    jan = archive.search(since="January 2020", until="January 2020", limit=50)
    assert "inter-atalanta-2020-01-11-a.txt" in seed_hits(jan)
    assert any("undated" in n for n in jan.notes)
    assert archive.search(since="2030-01-01", until="2030-12-31").total == 0
    assert archive.search("date:2020-01").total == jan.total


def test_sort_by_date_newest_first_and_undated_last(archive) -> None:
    dates = [h.date for h in archive.search(sort="date", limit=300).hits]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert dates == dated + [None] * (len(dates) - len(dated))


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_pages_never_overlap(archive, sort: str) -> None:
    p1 = {h.id for h in archive.search("goal", sort=sort, limit=5, page=1).hits}
    p2 = {h.id for h in archive.search("goal", sort=sort, limit=5, page=2).hits}
    assert p1 and not p1 & p2


def test_every_facet_kind_has_counts(archive) -> None:
    facets = archive.search("penalty", limit=5).facets
    for kind in ("player", "team", "event", "competition", "month"):
        assert facets[kind] and all(n > 0 for _, n in facets[kind]), kind
        assert [n for _, n in facets[kind]] == sorted((n for _, n in facets[kind]), reverse=True)


def test_every_report_that_mentions_a_team_counts(tmp_path: Path) -> None:
    """A team's name is searched as a word and as the team: a report that only mentions the
    team (another match) counts as much as the team's own reports, however many rank above it."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(60):
        (docs / f"a{i:02d}.txt").write_text(
            f"Arsenal {i % 4 + 1}-0 Chelsea\n\nArsenal beat Chelsea at the Emirates, Player{i} "
            f"scoring for Arsenal after {i + 10} minutes.\n\nArsenal deserved it." + " Fine play." * (i % 7),
            encoding="utf-8")
    for i in range(8):
        (docs / f"z{i}.txt").write_text(
            f"Everton {i + 1}-0 Fulham\n\nEverton beat Fulham at Goodison. A former Arsenal trainee, "
            f"Winger{i}, scored after {i + 20} minutes.", encoding="utf-8")
    ix = open_index(tmp_path / "ix", create=True)
    ix.add([docs], jobs=1)
    res = ix.search("Arsenal", limit=10)
    assert res.total == 68
    assert dict(res.facets["team"])["Everton"] == 8


def test_title_weighs_more_than_body(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "body.txt").write_text("Match report\n\nThe keeper made a save. " + "Play went on. " * 5 + "Rooney.")
    (docs / "title.txt").write_text("Rooney stars\n\nThe keeper made a save. " + "Play went on. " * 5)
    ix = open_index(tmp_path / "ix", create=True)
    ix.add([docs], jobs=1)
    assert Path(ix.search("Rooney").hits[0].path).name == "title.txt"


def test_exact_phrase_ranks_above_scattered_words(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "scattered.txt").write_text("Report\n\nThe post was a blow. Later Kane hit a shot wide.")
    (docs / "phrase.txt").write_text("Report\n\nKane hit the post early. The shot was wide of nothing.")
    ix = open_index(tmp_path / "ix", create=True)
    ix.add([docs], jobs=1)
    assert Path(ix.search("hit post").hits[0].path).name == "phrase.txt"


def test_seeds_group_as_one_match_and_relate(archive) -> None:
    grouped = archive.search(team="Inter", group=True)
    assert grouped.total == 1 and grouped.hits[0].reports == 2
    for hit in archive.search(team="Inter").hits:
        same, similar = archive.related(hit.id)
        assert len(same) == 1 and same[0].id != hit.id
        assert hit.id not in {h.id for h in similar}


def test_a_warmed_index_answers_as_a_cold_one(tmp_path: Path) -> None:
    """``warm()`` reads ahead, over every segment, what searches read on first use (facet
    cells, field lengths, matches): every answer, ranks, facets and groups included, is
    what an index that was not warmed gives."""
    from .indexer import make_reports

    where = tmp_path / "ix"
    open_index(where, create=True).add(make_reports(tmp_path / "reports", 60), jobs=1, batch=20)
    cold, warm = open_index(where), open_index(where)
    warm.warm()
    top = cold.search("").facets
    asks = [{"text": "penalty"}, {"text": '"the post"'}, {"text": "goal", "group": True},
            {"text": "", "sort": "date", "limit": 50},
            {"text": "", "player": top["player"][0][0]}, {"text": "", "team": top["team"][0][0]}]
    assert len(top["player"]) > 5 and len(top["team"]) > 5
    for ask in asks:
        assert warm.search(**ask) == cold.search(**ask), ask
