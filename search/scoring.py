"""Finding and scoring every match over Whoosh's postings: with engine.py, the query side's Whoosh seam.

Facets count every match, so a search needs every matching document and the
top N by BM25F, not just the top N that Whoosh's own collector is built for.
Whoosh walks its postings one call chain per posting (union trees, scorers,
column look-ups), which is most of what a search costs. Here:

- :class:`BM25F` reads each field's document lengths once per segment;
- :func:`top_and_all` scores the queries that words, phrases and filters make
  (terms, phrases and date ranges combined by AND and OR) a block of postings
  at a time, with BM25F's own formula, and leaves anything else (near
  spellings, negation) to :class:`TopAndAll`, Whoosh's matchers walked in one
  tight loop.

Both give every match, the same scores (sums may differ in the last bit, as
Whoosh's own do between its union matchers) and the same order: score, then
document number.
"""
from __future__ import annotations

import heapq
import weakref
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import compress
from operator import add
from typing import Any

from whoosh import collectors, query, scoring
from whoosh.codec.whoosh3 import W3LeafMatcher, W3TermInfo
from whoosh.reading import SegmentReader
from whoosh.searching import Results, Searcher

from index.blocks import Values
from index.merge import blocks, term_blocks
from index.writer import length_column

Scores = dict[int, float]
WIDE_SLOP = 16
"""A phrase's slop up to which the places its next word may stand are listed (as many as
the slop for each word found): beyond it they are searched."""


class BM25F(scoring.BM25F):
    """Whoosh's BM25F, reading document lengths from one decoded list per segment and field.

    BM25F needs a field's length at every posting it scores, and Whoosh fetches
    it through six calls into the length column each time (40% of a one-word
    search). The column holds one byte a document; it is read whole and decoded
    with Whoosh's own table, once per segment for the life of its reader.
    """

    def __init__(self) -> None:
        super().__init__()
        self._lengths: weakref.WeakKeyDictionary[Any, dict[str, list[int]]] = weakref.WeakKeyDictionary()

    def scorer(self, searcher: Searcher, fieldname: str, text: bytes, qf: int = 1) -> scoring.BaseScorer:
        found = super().scorer(searcher, fieldname, text, qf=qf)
        if isinstance(found, scoring.BM25FScorer) and searcher.is_atomic():  # one segment's reader
            found.dfl = self.lengths(searcher.reader(), fieldname).__getitem__
        return found

    def lengths(self, reader: Any, fieldname: str) -> list[int]:
        """Every document's length of ``fieldname`` in the segment ``reader`` reads."""
        fields = self._lengths.setdefault(reader, {})
        if fieldname not in fields:
            fields[fieldname] = [n or 1 for n in length_column(reader._perdoc, fieldname)]
        return fields[fieldname]


class TopAndAll(collectors.TopCollector):
    """The top N by score and every matching document, in one pass of Whoosh's matchers.

    Whoosh's own top collector skips low-scoring blocks and so must run the
    query again when asked for all matches; facets always need all of them.
    """

    def __init__(self, limit: int) -> None:
        super().__init__(limit=limit, usequality=False)

    def collect_matches(self) -> None:
        """Whoosh's loop for one segment, tightened: no block skipping (every match
        counts) and no matcher replacement (which can drop matches: see the test
        ``test_every_report_that_mentions_a_team_counts``), one call a match instead of five."""
        m, offset, docset, items, limit = self.matcher, self.offset, self.docset, self.items, self.limit
        while m.is_active():
            docnum = offset + m.id()
            score = m.score()
            docset.add(docnum)
            if len(items) < limit:
                heapq.heappush(items, (score, -docnum))
            elif score > items[0][0]:
                heapq.heapreplace(items, (score, -docnum))
            m.next()

    def all_ids(self) -> set[int]:
        return self.docset

    def count(self) -> int:
        return len(self.docset)


def top_and_all(s: Searcher, q: query.Query, limit: int) -> tuple[list[Any], set[int]]:
    """The top ``limit`` hits of ``q`` by score (then document number) and every matching document.

    From blocks of postings where every part of ``q`` allows, else from Whoosh's matchers.
    """
    found: Scores = {}
    for sub, offset in s.leaf_searchers():
        scores = _scores(q, sub)
        if scores is None:  # a query these sums do not cover: Whoosh's matchers
            collector = TopAndAll(limit)
            s.search_with_collector(q, collector)
            return list(collector.results()), collector.docset
        if sub.reader().has_deletions():
            for d in sub.reader().deleted_docs_set:
                scores.pop(d, None)
        found.update(zip(map(offset.__add__, scores), scores.values()) if offset else scores)
    # not a sort of every score at or above the N-th: a filter's matches all tie (30 ms at 100,000)
    top = heapq.nlargest(limit, zip(found.values(), map(int.__neg__, found)))
    matched = set(found)
    return Results(s, q, [(x, -d) for x, d in top], docset=matched)[:], matched  # a slice: Hit objects


def _scores(q: query.Query, s: Searcher) -> Scores | None:
    """Scores of the documents of one segment that match ``q``, or ``None`` if not terms and phrases."""
    if q.boost != 1.0:
        return None
    if type(q) in (query.Term, query.Phrase) or (type(q) is query.Or and not q.scale):
        out: Scores = {}
        return out if _add(out, q, s) else None
    if isinstance(q, query.NumericRange) and q.constantscore:  # a date filter: every match scores the same
        compiled = q._compile_query(s.reader())
        if not isinstance(compiled, query.ConstantScoreQuery):
            return {} if compiled is query.NullQuery else None
        ids = _ids(compiled.child, s)
        return None if ids is None else dict.fromkeys(ids, compiled.score)
    if type(q) is query.And:
        parts = []
        for sub in q.subqueries:
            part = _scores(sub, s)
            if part is None:
                return None
            parts.append(part)
        return _all(parts)
    return None


def _add(out: Scores, q: query.Query, s: Searcher) -> bool:
    """Add the scores of ``q`` into ``out`` (OR), a term's straight from its postings.

    False if ``q`` has a part these sums do not cover.
    """
    if q.boost != 1.0:
        return False
    if type(q) is query.Term:
        _add_term(out, q, s)
        return True
    if type(q) is query.Or and not q.scale:
        return all(_add(out, sub, s) for sub in q.subqueries)
    part = _phrase(q, s) if type(q) is query.Phrase else _scores(q, s)
    if part is None:
        return False
    get = out.get
    for d, x in part.items():
        out[d] = get(d, 0.0) + x
    return True


def _ids(q: query.Query, s: Searcher) -> set[int] | None:
    """The documents of one segment that have a term of ``q`` (terms, term ranges, OR), unscored."""
    if type(q) is query.Term:
        terms: Iterable[Any] = [q.text]
    elif type(q) is query.TermRange:
        terms = q._btexts(s.reader())
    elif type(q) is query.Or:
        found: set[int] = set()
        for sub in q.subqueries:
            ids = _ids(sub, s)
            if ids is None:
                return None
            found |= ids
        return found
    else:
        return None
    out: set[int] = set()
    for text in terms:
        postings = _postings(s, q.fieldname, text)
        if postings is not None:
            m = postings[1]
            if isinstance(m, W3LeafMatcher):
                for ids, _, _ in blocks(m):
                    out.update(ids)
            else:
                out.update(m.all_ids())
    return out


def _all(parts: list[Scores]) -> Scores:
    """Documents matching every part, their scores added part by part."""
    if not parts:
        return {}
    common = set(min(parts, key=len))
    for part in parts:
        common.intersection_update(part)
    out = {d: parts[0][d] for d in common}
    for part in parts[1:]:
        for d in common:
            out[d] += part[d]
    return out


def _add_term(out: Scores, q: query.Term, s: Searcher) -> None:
    """One term's postings in one segment, scored a block at a time and added into ``out``."""
    found = _postings(s, q.fieldname, q.text)
    if found is None:
        return
    scorer, m = found
    get = out.get
    if isinstance(scorer, (scoring.BM25FScorer, scoring.WeightScorer)) and isinstance(m, W3LeafMatcher):
        lengths = s.weighting.lengths(s.reader(), q.fieldname)
        for ids, weights, _ in blocks(m):
            for d, x in zip(ids, _weigh(scorer, lengths, ids, weights)):
                out[d] = get(d, 0.0) + x
    else:
        while m.is_active():
            out[m.id()] = get(m.id(), 0.0) + m.score()
            m.next()


def _phrase(q: query.Phrase, s: Searcher) -> Scores | None:
    """Documents of one segment with the words in order within the slop, scored as Whoosh does.

    Whoosh intersects the words' postings and compares positions one posting
    at a time; here the documents that have every word are found first, and
    only their positions are decoded (each distinct encoding once). A word's
    span grows by a next word that comes after its end and no further than the
    slop (``SpanNear2``, ordered, at least one apart), so only the spans' ends
    matter: sets of them, shifted and intersected in C. The score is the words'
    scores added as Whoosh's binary tree of intersections adds them.
    """
    if q.char_ranges or q.fieldname not in s.schema:
        return None
    field = s.schema[q.fieldname]
    if not field.format or not field.format.supports("positions"):
        return None  # Whoosh's matcher says why
    words = []
    for word in q.words:
        found = _postings(s, q.fieldname, word)
        if found is None:
            return {}
        words.append(found)
    if not all(isinstance(scorer, (scoring.BM25FScorer, scoring.WeightScorer)) for scorer, _ in words):
        return None
    postings = [_columns(m) for _, m in words]
    places = [place for place, _, _ in postings]
    docs = list(set(min(places, key=len)).intersection(*places))
    positions = _positions(type(field.format)).__getitem__
    ends: list[frozenset[int]] = []
    for place, _, values in postings:  # word by word over every document, each step a C-level map
        here = map(positions, values.take(map(place.__getitem__, docs)))
        if not ends:
            ends = list(here)
        elif q.slop <= WIDE_SLOP:
            ends = list(map(frozenset.intersection, map(_reach(q.slop).__getitem__, ends), here))
        else:
            ends = [_follows(e, later, q.slop) for e, later in zip(ends, here)]
    matched = list(compress(docs, ends))
    lengths = s.weighting.lengths(s.reader(), q.fieldname)
    scores = [_weigh(scorer, lengths, matched, map(weights.__getitem__, map(place.__getitem__, matched)))
              for (scorer, _), (place, weights, _) in zip(words, postings)]
    return dict(zip(matched, _tree_sum(scores)))


def _weigh(scorer: Any, lengths: list[int], docs: Iterable[int], weights: Iterable[float]) -> list[float]:
    """The scores of a term's postings in ``docs`` with these weights: BM25F's or the weights themselves."""
    if not isinstance(scorer, scoring.BM25FScorer):
        return list(weights)
    idf, avgfl, b, k1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
    k1p1, omb = k1 + 1, 1 - b
    # scoring.bm25(idf, tf, fl, avgfl, B, K1), term for term
    return [idf * ((tf * k1p1) / (tf + k1 * (omb + b * lengths[d] / avgfl))) for d, tf in zip(docs, weights)]


def _columns(m: Any) -> tuple[dict[int, int], list[float], Values]:
    """A term's postings as columns: each document's place, then the weights and values in that order.

    Whole blocks are appended, so a posting costs no Python-level step; the values stay
    packed (:class:`~index.blocks.Values`) until a phrase takes the ones of its documents.
    """
    ids: list[int] = []
    weights: list[float] = []
    data: list[bytes] = []
    lengths: list[int] = []
    for block_ids, block_weights, block_values in term_blocks(m):
        ids += block_ids
        weights += block_weights
        packed = block_values if isinstance(block_values, Values) else Values.of(block_values)
        data.append(packed.data)
        lengths += packed.lengths
    return dict(zip(ids, range(len(ids)))), weights, Values(b"".join(data), array("I", lengths))


class _Memo(dict[Any, frozenset[int]]):
    """Values computed once each, looked up in C: the same position lists recur from report to
    report and query to query. Cleared when full, to stay bounded."""

    LIMIT = 1 << 16

    def __init__(self, compute: Callable[[Any], frozenset[int]]) -> None:
        super().__init__()
        self.compute = compute

    def __missing__(self, key: Any) -> frozenset[int]:
        if len(self) >= self.LIMIT:
            self.clear()
        found = self[key] = self.compute(key)
        return found


@lru_cache(maxsize=None)
def _positions(fmt: type) -> _Memo:
    """A posting's positions from its encoded value, by the field's format (a class of
    Whoosh's, whose instances are not hashable: their options do not change positions)."""
    decode = fmt().decoder("positions")
    return _Memo(lambda value: frozenset(decode(value)))


@lru_cache(maxsize=WIDE_SLOP)
def _reach(slop: int) -> _Memo:
    """Where the next word of a phrase may stand: after a span's end, no further than the slop."""
    return _Memo(lambda ends: frozenset(end + k for end in ends for k in range(1, slop + 1)))


def _follows(ends: frozenset[int], later: frozenset[int], slop: int) -> frozenset[int]:
    """The positions of ``later`` that stand after one of ``ends``, no further than the slop:
    for a slop too wide to list every place it reaches ("hit post"~1000000)."""
    ordered = sorted(ends)
    return frozenset(pos for pos in later if (i := bisect_left(ordered, pos)) and ordered[i - 1] >= pos - slop)


def _tree_sum(columns: list[list[float]]) -> list[float]:
    """Columns of scores added row by row as Whoosh's ``make_binary_tree`` of matchers adds them."""
    if len(columns) == 1:
        return columns[0]
    half = len(columns) // 2
    return list(map(add, _tree_sum(columns[:half]), _tree_sum(columns[half:])))


def _postings(s: Searcher, fieldname: str, text: str | bytes) -> tuple[Any, Any] | None:
    """(scorer, matcher) of a term in one segment, deleted documents left in; ``None`` if absent.

    The term's entry is looked up once: asking the reader whether it has the term and then
    for its postings looked it up three times (each an MD5 of the key and reads of the hash
    table), for every term of a filter on a common surname in every segment.
    """
    if fieldname not in s.schema:
        return None
    try:
        word = text if isinstance(text, bytes) else s.schema[fieldname].to_bytes(text)
    except ValueError:
        return None
    reader = s.reader()
    if not isinstance(reader, SegmentReader):  # an empty index's (Whoosh's EmptyReader): no terms
        return None
    terms = reader._terms
    info = terms._tindex.get(terms._keycoder(fieldname, word))
    if info is None:
        return None
    info = W3TermInfo.from_bytes(info)
    scorer = s.weighting.scorer(s, fieldname, word)
    m = terms._codec.postings_reader(terms._postfile, info, s.schema[fieldname].format,
                                     term=(fieldname, word), scorer=scorer)
    return scorer, m
