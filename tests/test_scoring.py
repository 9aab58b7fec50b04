"""Scoring postings a block at a time finds what Whoosh's matchers find, with the same scores.

:func:`search.scoring.top_and_all` sums BM25F over the postings of the terms
and phrases that words and filters make; it must give the documents, scores (to rounding)
and order that Whoosh's own matchers give, over several segments and with
deleted documents.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from whoosh.codec.whoosh3 import W3Codec

from index import writer

from search import open_index
from search.query import parse
from search.request import Request
from search.scoring import TopAndAll, top_and_all
from search.understand import Understanding

from .conftest import SEEDS

QUERIES = [
    pytest.param("Arsenal", id="word-and-team"),
    pytest.param("penalty", id="word"),
    pytest.param("Arsenal penalty", id="two-words"),
    pytest.param("goal OR post", id="or"),
    pytest.param("Inter Atalanta", id="two-teams"),
    pytest.param("Chelsea beat", id="team-and-word"),
    pytest.param("Handanovic penalty saved", id="player-and-words"),
    pytest.param("team:Arsenal penalty", id="team-filter"),
    pytest.param("player:Lautaro", id="player-filter"),
    pytest.param("Emirates OR Goodison", id="or-names"),
    pytest.param('"penalty was saved"', id="phrase"),
    pytest.param('"Arsenal beat"~3', id="phrase-slop"),
    pytest.param('"beat Chelsea" Emirates', id="phrase-and-word"),
    pytest.param('"hit the post"', id="phrase-stop-word"),
    pytest.param('"saved penalty"~4', id="phrase-out-of-order"),
    pytest.param('"penalty penalty"', id="phrase-repeated-word"),
    pytest.param('"Arsenal minutes"~12', id="phrase-slop-listed"),
    pytest.param('"Arsenal minutes"~40', id="phrase-wide-slop"),
    pytest.param('"Arsenal minutes"~100000000', id="phrase-huge-slop"),
    pytest.param("Arsenal date:2013", id="date-year"),
    pytest.param("penalty date:[2012-03-05 TO 2013-03-20]", id="date-range"),
    pytest.param('date:2014 OR "beat Chelsea"', id="date-or-phrase"),
]


@pytest.fixture(scope="module", params=["packed", "whoosh-blocks"])
def index(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """Three segments, one with a deleted report; in this project's block format, and in
    Whoosh's own, as indexes made before it have them."""
    with pytest.MonkeyPatch.context() as mp:
        if request.param == "whoosh-blocks":
            mp.setattr(writer, "PackedCodec", W3Codec)
        yield _build(tmp_path_factory.mktemp("scoring"))


def _build(root: Path):
    first, second = root / "first", root / "second"
    first.mkdir()
    second.mkdir()
    for i in range(40):
        dateline = f"LONDON, March {i % 28 + 1}, {2012 + i % 3} - " if i % 2 else ""
        (first / f"a{i:02d}.txt").write_text(
            f"Arsenal {i % 4 + 1}-0 Chelsea\n\n{dateline}Arsenal beat Chelsea at the Emirates, "
            f"Player{i} scoring for Arsenal after {i + 10} minutes."
            + " A penalty was saved." * (i % 3) + " Fine play." * (i % 5), encoding="utf-8")
    for i in range(12):
        (second / f"z{i}.txt").write_text(
            f"Everton {i + 1}-0 Fulham\n\nEverton beat Fulham at Goodison. A former Arsenal trainee, "
            f"Winger{i}, scored a penalty after {i + 20} minutes." + " The post was hit." * (i % 2),
            encoding="utf-8")
    ix = open_index(root / "ix", create=True)
    ix.add([first, SEEDS], jobs=1)
    ix.add([second], jobs=1)  # a second segment
    (first / "a03.txt").write_text("Arsenal 9-0 Chelsea\n\nArsenal won again, a penalty too.",
                                   encoding="utf-8")
    ix.add([first], jobs=1)  # the old a03 is deleted
    assert {type(s.codec()) for s in ix.engine.ix._segments()} == {writer.PackedCodec}
    return ix


@pytest.mark.parametrize("text", QUERIES)
def test_blocks_find_and_score_what_whoosh_matchers_do(index, text: str) -> None:
    engine = index.engine
    searcher = engine.searcher()
    q, _ = engine.build(Request(node=Understanding(index.registry, strict=False).resolve(parse(text).node)))
    top, matched = top_and_all(searcher, q, 50)
    collector = TopAndAll(50)
    searcher.search_with_collector(q, collector)
    expected = list(collector.results())
    assert matched == collector.docset and (matched or text == '"penalty penalty"')
    assert [h.docnum for h in top] == [h.docnum for h in expected]
    assert [h.score for h in top] == pytest.approx([h.score for h in expected], rel=1e-12)


def test_the_deleted_version_is_not_found(index) -> None:
    assert [Path(h.path).name for h in index.search("won again", limit=5).hits] == ["a03.txt"]
    assert index.search("Arsenal", limit=100).total == 40 + 12


@pytest.mark.parametrize("kw", [
    pytest.param({"text": "penalty"}, id="word"),
    pytest.param({"text": '"hit the post"'}, id="phrase"),
    pytest.param({"text": "late winner"}, id="two-words"),
    pytest.param({"text": "", "event": "goal"}, id="filter"),
])
def test_an_empty_index_finds_nothing(tmp_path: Path, kw: dict) -> None:
    ix = open_index(tmp_path / "ix", create=True)
    assert ix.search(**kw).total == 0
