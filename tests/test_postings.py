"""The postings analysed ahead of the writer are Whoosh's own, and the tuned writer writes what Whoosh writes."""
from __future__ import annotations

import pickle
from array import array

import pytest
from hypothesis import given, settings, strategies as st
from whoosh import fields
from whoosh.codec.whoosh3 import W3Codec, W3LeafMatcher
from whoosh.filedb.filestore import FileStorage
from whoosh.writing import SegmentWriter

from index.blocks import Values
from index.postings import keyword_postings, postings, schema
from index.writer import Writer
from tests.conftest import corpus_file

SCHEMA = schema()
TEXT_FIELDS = ["title", "lead", "body", "names"]


def whoosh_postings(fieldname: str, text: str) -> list[tuple[bytes, int, float, bytes]]:
    return sorted(fields.TEXT.index(SCHEMA[fieldname], text))


@pytest.mark.parametrize("fieldname", TEXT_FIELDS)
@pytest.mark.parametrize("text", [
    pytest.param("The goal came after the break, and the goal stood.", id="stop-words-first"),
    pytest.param("Iličić and Ilicic, Müller and MÜLLER; Weiß", id="accents-and-case"),
    pytest.param("It was a s*** show, said the U.S.A. coach at 3.30pm.", id="stars-and-dots"),
    pytest.param("Inter 1-1 Atalanta: Lautaro (4') and Gosens (75')", id="scoreline"),
    pytest.param("a I to", id="only-stop-words"),
    pytest.param("", id="empty"),
])
def test_same_postings_as_whoosh(fieldname: str, text: str) -> None:
    assert sorted(postings(SCHEMA[fieldname], text)) == whoosh_postings(fieldname, text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("aAbeéİıßæ*.'- \n0123456789"), max_size=80))
def test_same_postings_on_any_text(text: str) -> None:
    for fieldname in TEXT_FIELDS:
        assert sorted(postings(SCHEMA[fieldname], text)) == whoosh_postings(fieldname, text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab é,, |\t_"), max_size=40), st.sampled_from([1.0, 2.5]))
def test_keyword_postings_are_whooshs(value: str, boost: float) -> None:
    field = fields.KEYWORD(commas=True, field_boost=boost)
    assert sorted(keyword_postings(value, boost)) == sorted(fields.KEYWORD.index(field, value))


def test_same_postings_on_real_reports() -> None:
    folder = corpus_file("espnfc-epl-2013")
    for path in sorted(folder.glob("*.txt"))[:40]:
        text = path.read_text(encoding="utf-8")
        for fieldname in TEXT_FIELDS:
            assert sorted(postings(SCHEMA[fieldname], text)) == whoosh_postings(fieldname, text), path.name


DOCS = [
    {"id": "a", "source": "a.txt", "body": "Handanovic saved the penalty from Muriel", "names": "Handanovic Muriel",
     "player_keys": "samir handanovic,luis muriel", "events": "penalty_saved,penalty_missed"},
    {"id": "b", "source": "b.txt", "body": "Lukaku hit the post twice, then the post again",
     "title": "Lukaku hits post", "teams": "Inter,Atalanta"},
    {"id": "c", "source": "c.txt", "body": "A goalless draw", "report": True},
]


WORDS = "Handanovic saved the penalty from Muriel Lukaku hit post twice again Inter Atalanta draw".split()
MORE_DOCS = [{"id": f"g{i}", "source": f"g{i}.txt", "title": " ".join(WORDS[i % 7:i % 7 + 3]),
              "body": " ".join(WORDS[(i * j) % len(WORDS)] for j in range(i % 23 + 1)),
              "player_keys": ",".join(WORDS[i % 5:i % 5 + 2]).lower()} for i in range(200)]  # common words fill several blocks


def _packed_blocks(m) -> int:
    count = 0
    while isinstance(m, W3LeafMatcher) and m.is_active():
        m._read_data()
        count += isinstance(m._data[0], array)
        m._next_block()
    return count


def _whoosh_blocks(ix, **kwargs):
    """Our writer with Whoosh's own block format: the segments of an index made before packed blocks."""
    return Writer(ix, codec=W3Codec(), **kwargs)


@pytest.mark.parametrize(("limitmb", "commits", "churn", "older"), [
    pytest.param(128, 1, False, None, id="one-commit"),
    pytest.param(0.001, 1, False, None, id="pool-spills-to-runs"),
    pytest.param(128, 3, False, None, id="segments-merged"),
    pytest.param(0.001, 3, False, None, id="segments-merged-and-spilled"),
    pytest.param(128, 3, True, None, id="merged-with-deletions-and-new-documents"),
    pytest.param(0.001, 3, True, None, id="merged-with-deletions-and-spilled"),
    pytest.param(128, 3, True, _whoosh_blocks, id="whoosh-format-segments-merged-into-packed"),
    pytest.param(0.001, 3, False, _whoosh_blocks, id="whoosh-format-segments-merged-and-spilled"),
])
def test_tuned_writer_writes_what_whoosh_writes(tmp_path, limitmb: float, commits: int, churn: bool,
                                                older) -> None:
    docs = DOCS + MORE_DOCS
    gone = {f"g{i}" for i in range(0, 200, 7)}  # with churn: deleted as the segments merge
    new = [{"id": f"n{i}", "source": f"n{i}.txt", "body": f"{WORDS[i]} came back", "player_keys": WORDS[i].lower()}
           for i in range(5)]  # and added in the same commit, numbered before the merged segments

    def build(where, make):
        where.mkdir()
        ix = FileStorage(str(where)).create_index(SCHEMA)
        for part in range(commits):
            w = (older if older and make is Writer else make)(ix, limitmb=limitmb)
            for doc in docs[part::commits]:
                w.add_document(**doc)
            w.commit()
        if commits > 1:  # a last writer merges every segment, block by block or through its pool
            w = make(ix, limitmb=limitmb)
            if churn:
                for doc_id in sorted(gone):
                    w.delete_by_term("id", doc_id)
                for doc in new:
                    w.add_document(**doc)
            w.commit(optimize=True)
        return ix

    kept = [d for d in docs if d["id"] not in gone] + new if churn else docs
    ours, plain = build(tmp_path / "ours", Writer), build(tmp_path / "plain", SegmentWriter)
    with ours.reader() as a, plain.reader() as b:
        assert a.doc_count() == b.doc_count() == len(kept)
        assert not a.has_deletions() and not b.has_deletions()
        assert list(a.all_terms()) == list(b.all_terms())
        packed = inlined = 0
        for fieldname, text in b.all_terms():
            packed += _packed_blocks(a.postings(fieldname, text))
            inlined += a.term_info(fieldname, text).is_inlined()
            m, n = a.postings(fieldname, text), b.postings(fieldname, text)
            assert _stats(a.term_info(fieldname, text)) == _stats(b.term_info(fieldname, text))
            # the block's lengths are the ones the writer looked up for each posting
            assert (m.block_min_length(), m.block_max_length()) == (n.block_min_length(), n.block_max_length())
            assert list(m.all_items()) == list(n.all_items())
        for docnum in range(len(kept)):
            assert a.stored_fields(docnum) == b.stored_fields(docnum)
            for fieldname in SCHEMA.names():
                assert a.doc_field_length(docnum, fieldname) == b.doc_field_length(docnum, fieldname)
    assert packed  # the common words' blocks: the packed format was read, not only Whoosh's
    assert inlined or older  # and the rare words' postings, kept in their entries


def _stats(info) -> tuple:
    """What a term's entry tells of its postings (Whoosh scores and skips blocks by these)."""
    return (info.weight(), info.doc_frequency(), info.min_length(), info.max_length(), info.max_weight(),
            info.min_id(), info.max_id())


def test_a_copy_of_inlined_postings_keeps_their_statistics(tmp_path) -> None:
    """Whoosh copies matchers inside some compound ones; its copy of inlined postings lost the
    term's entry, and the scorer's block quality then failed."""
    ix = FileStorage(str(tmp_path)).create_index(SCHEMA)
    w = Writer(ix)
    for doc in DOCS:
        w.add_document(**doc)
    w.commit()
    with ix.searcher() as s:
        info = s.reader().term_info("body", "handanov")
        m = s.reader().postings("body", "handanov", scorer=s.weighting.scorer(s, "body", "handanov"))
        assert info.is_inlined()
        twin = m.copy()
        assert twin.term() == m.term() and twin.block_min_length() == m.block_min_length() > 0
        assert twin.max_quality() == m.max_quality() > 0
        assert list(twin.all_items()) == list(m.all_items()) == [(0, m.value())]


@given(st.lists(st.binary(max_size=300), max_size=200))
def test_packed_values_read_as_the_list_they_were(values: list[bytes]) -> None:
    packed = Values.of(values)
    assert len(packed) == len(values) and list(packed) == values
    assert [packed[i] for i in range(-len(values), len(values))] == values + values
    assert packed[1:9:3] == values[1:9:3]
    assert list(packed.take(reversed(range(len(values))))) == values[::-1]
    assert list(pickle.loads(pickle.dumps(packed, 2))) == values  # protocol 2, as Whoosh pickles blocks
