"""The index round trip: add, re-add, change, duplicate, search, facets, show, stats."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from search import QueryError, open_index

from .conftest import SEEDS


@pytest.fixture
def fresh(tmp_path: Path):
    docs = tmp_path / "docs"
    shutil.copytree(SEEDS, docs)
    return open_index(tmp_path / "ix", create=True), docs


def _ids(ix) -> set[str]:
    return {h.id for h in ix.search(limit=100).hits}


def test_reindexing_the_same_input_changes_nothing(fresh) -> None:
    ix, docs = fresh
    first = ix.add([docs], jobs=1)
    assert (first.added, first.unchanged) == (2, 0)
    before = _ids(ix)
    again = ix.add([docs], jobs=1)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    assert _ids(ix) == before and ix.stats()["documents"] == 2


def test_changed_file_replaces_its_old_version(fresh) -> None:
    ix, docs = fresh
    ix.add([docs], jobs=1)
    path = docs / "inter-atalanta-2020-01-11-b.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n\nLukaku was booked late on.", encoding="utf-8")
    report = ix.add([docs], jobs=1)
    assert (report.updated, report.unchanged) == (1, 1)
    assert ix.stats()["documents"] == 2
    assert ix.search('"booked late on"').total == 1


def test_same_text_at_another_path_is_a_duplicate(fresh) -> None:
    ix, docs = fresh
    shutil.copy(docs / "inter-atalanta-2020-01-11-a.txt", docs / "copy.txt")
    report = ix.add([docs], jobs=1)
    assert report.added == 2 and report.duplicates == 1
    assert any("same text" in s.reason for s in report.skipped)


def test_parallel_extraction_gives_the_same_index(tmp_path: Path) -> None:
    one = open_index(tmp_path / "one", create=True)
    two = open_index(tmp_path / "two", create=True)
    one.add([SEEDS], jobs=1)
    two.add([SEEDS], jobs=2)
    assert _ids(one) == _ids(two)
    assert one.search("penalty").to_json()["facets"] == two.search("penalty").to_json()["facets"]


def test_search_highlights_and_facets(seeded_index) -> None:
    res = seeded_index.search("penalty")
    assert res.total == 2
    for hit in res.hits:
        assert any("<mark>penalty</mark>" in h.lower() for h in hit.highlights)
    assert dict(res.facets["event"])["penalty_saved"] == 2
    assert res.facets["month"] == [("2020-01", 1)]


def test_player_event_filter_means_the_player_did_it(seeded_index) -> None:
    assert seeded_index.search(player="Handanovic", event="penalty_saved").total == 2
    assert seeded_index.search(player="Lukaku", event="penalty_saved").total == 0


def test_filters_narrow(seeded_index) -> None:
    assert seeded_index.search(since="2020-01", until="2020-01").total == 1  # one seed is undated
    assert seeded_index.search(since="2030-01-01").total == 0
    assert seeded_index.search(competition="Serie A").total >= 1


def test_pages_do_not_overlap(seeded_index) -> None:
    p1 = seeded_index.search(limit=1, page=1).hits
    p2 = seeded_index.search(limit=1, page=2).hits
    assert len(p1) == len(p2) == 1 and p1[0].id != p2[0].id


def test_sort_by_date_puts_dated_report_first(seeded_index) -> None:
    hits = seeded_index.search(sort="date").hits
    assert hits[0].date == "2020-01-11"


@pytest.mark.parametrize("kwargs,needle", [
    pytest.param({"event": "kicked"}, "unknown event type", id="event"),
    pytest.param({"since": "someday"}, "as a date", id="date"),
    pytest.param({"sort": "random"}, "sort", id="sort"),
])
def test_bad_requests_raise_query_error(seeded_index, kwargs, needle) -> None:
    with pytest.raises(QueryError, match=needle):
        seeded_index.search(**kwargs)


def test_get_by_id_prefix(seeded_index) -> None:
    hit = seeded_index.search("Gollini").hits[0]
    rec = seeded_index.get(hit.id[:6])
    assert rec is not None and rec["id"] == hit.id and "Gollini" in rec["text"]
    assert seeded_index.get("ffffffffffff") is None


def _segments(where: Path) -> int:
    from whoosh import index

    from index.store import INDEX_NAME
    return len(index.open_dir(str(where), indexname=INDEX_NAME)._segments())


def test_segments_merged_by_whoosh_answer_as_one_commit_does(tmp_path: Path) -> None:
    """Whoosh merges small segments as commits pile up; ``index.merge`` moves their postings
    a block at a time and carries their exact field lengths, so ranks do not drift."""
    from .indexer import make_reports

    files = make_reports(tmp_path / "corpus", 90)
    merged, single = open_index(tmp_path / "merged", create=True), open_index(tmp_path / "single", create=True)
    merged.add([tmp_path / "corpus"], jobs=1, batch=5)  # 18 commits
    single.add([tmp_path / "corpus"], jobs=1)
    assert 1 < _segments(tmp_path / "merged") < 18
    for kw in [{"text": "penalty"}, {"text": '"the final"'}, {"event": "goal"}, {"text": "penalty", "event": "goal"}]:
        a, b = merged.search(limit=100, **kw), single.search(limit=100, **kw)
        assert a.total == b.total > 0 and a.facets == b.facets
        assert {h.id: round(h.rank, 6) for h in a.hits} == {h.id: round(h.rank, 6) for h in b.hits}
    assert merged.stats()["documents"] == len(files)
