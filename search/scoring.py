"""Finding and scoring every match over Whoosh's postings: with engine.py, the query side's Whoosh seam.

Facets count every match, so a search needs every matching document and the
top N by BM25F, not just the top N that Whoosh's own collector is built for.
Whoosh walks its postings one call chain per posting (union trees, scorers,
column look-ups), which is most of what a search costs. Here:

- :class:`BM25F` reads each field's document lengths once per segment;
- :func:`top_and_all` scores the queries that words and filters make (terms
  combined by AND and OR) a block of postings at a time, with BM25F's own
  formula, and leaves anything else (phrases, patterns, negation, ranges) to
  :class:`TopAndAll`, Whoosh's matchers walked in one tight loop.

Both give every match, the same scores (sums may differ in the last bit, as
Whoosh's own do between its union matchers) and the same order: score, then
document number.
"""
from __future__ import annotations

import heapq
import weakref
from collections.abc import Iterable
from typing import Any

from whoosh import collectors, query, scoring
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.matching import FilterMatcher
from whoosh.searching import Results, Searcher
from whoosh.util.numeric import byte_to_length

Scores = dict[int, float]


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
            # Whoosh 2.7's W3 codec: column "_<field>_len", one byte a document, 0 for none
            column = reader._perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
            raw = column._dbfile.get(column._basepos, column._count) if column is not None else b""
            raw += bytes(reader.doc_count_all() - len(raw))
            fields[fieldname] = [byte_to_length(b) if b else 1 for b in raw]
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
    """The top ``limit`` hits of ``q`` by score (then document number) and every matching document."""
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
        found.update((d + offset, x) for d, x in scores.items())
    top = heapq.nlargest(limit, ((x, -d) for d, x in found.items()))
    matched = set(found)
    return Results(s, q, [(x, -d) for x, d in top], docset=matched)[:], matched  # a slice: Hit objects


def _scores(q: query.Query, s: Searcher) -> Scores | None:
    """Scores of the documents of one segment that match ``q``, or ``None`` if not a sum of terms."""
    if q.boost != 1.0:
        return None
    if isinstance(q, query.Term):
        return _term(q, s)
    if type(q) is query.And or (type(q) is query.Or and not q.scale):
        parts = []
        for sub in q.subqueries:
            part = _scores(sub, s)
            if part is None:
                return None
            parts.append(part)
        return _all(parts) if isinstance(q, query.And) else _any(parts)
    return None


def _any(parts: list[Scores]) -> Scores:
    """Documents matching any part, their scores added part by part."""
    out = dict(parts[0]) if parts else {}
    for part in parts[1:]:
        get = out.get
        for d, x in part.items():
            out[d] = get(d, 0.0) + x
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


def _term(q: query.Term, s: Searcher) -> Scores | None:
    """One term's postings in one segment, scored a block at a time."""
    field = s.schema[q.fieldname] if q.fieldname in s.schema else None
    if field is None:
        return {}
    try:
        text = field.to_bytes(q.text)
    except ValueError:
        return {}
    reader = s.reader()
    if (q.fieldname, text) not in reader:
        return {}
    scorer = s.weighting.scorer(s, q.fieldname, text)
    m = reader.postings(q.fieldname, text, scorer=scorer)
    if isinstance(m, FilterMatcher):  # deleted documents: taken out once the query is scored
        m = m.child
    if isinstance(scorer, scoring.BM25FScorer) and isinstance(m, W3LeafMatcher):
        lengths = s.weighting.lengths(reader, q.fieldname)
        idf, avgfl, b, k1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
        k1p1, omb = k1 + 1, 1 - b
        # scoring.bm25(idf, tf, fl, avgfl, B, K1), term for term
        return {d: idf * ((tf * k1p1) / (tf + k1 * (omb + b * lengths[d] / avgfl))) for d, tf in _blocks(m)}
    if isinstance(scorer, scoring.WeightScorer) and isinstance(m, W3LeafMatcher):
        return dict(_blocks(m))
    out = {}
    while m.is_active():
        out[m.id()] = m.score()
        m.next()
    return out


def _blocks(m: W3LeafMatcher) -> Iterable[tuple[int, float]]:
    """(document, weight) of every posting, a block at a time (Whoosh 2.7's W3 codec)."""
    while m.is_active():
        m._read_ids()
        m._read_weights()
        yield from zip(m._ids, m._weights)
        m._next_block()
