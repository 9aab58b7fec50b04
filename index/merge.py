"""Merging segments a block of postings at a time.

Whoosh merges segments every few commits of a bulk run (its ``MERGE_SMALL``
policy) and all of them when an index is optimised. It walks every posting of
every merged segment through four calls and a tuple into the writer's pool,
and past the pool's memory limit through pickled run files and a heap merge
back: minutes for a merge of 40,000 reports, with the pool's memory at its
limit. Here a merged segment stays where it is until the new segment is
written; then each field's terms are read in order from the pool and from
every merged segment side by side, and each term's postings move a block at a
time: decoded by Whoosh's own block reader, renumbered, and filed by the
pool's block writer (``index.writer._fill_blocks``). Memory holds one
term's postings at a time.
"""
from __future__ import annotations

import heapq
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate, groupby
from operator import itemgetter
from typing import Any

from whoosh.codec.whoosh3 import W3LeafMatcher

Columns = tuple[array, array, list[bytes]]
"""One term's postings: document numbers, weights, encoded values (b"" for none)."""


@dataclass(frozen=True)
class Source:
    """A segment being merged into the one a writer is writing."""

    reader: Any  # whoosh.reading.SegmentReader, open until the new segment is written
    base: int  # the new number of the segment's first document
    docmap: dict[int, int] | None  # old -> new numbers where the segment has deleted documents

    def terms(self, fieldname: str) -> Iterator[tuple[bytes, Any]]:
        """The field's terms in order, with their term infos."""
        for (name, tbytes), info in self.reader._terms.items_from(fieldname, b""):
            if name != fieldname:
                return
            yield tbytes, info

    def postings(self, fieldname: str, tbytes: bytes, info: Any, fmt: Any) -> Columns:
        """The term's postings, numbered as in the new segment, deleted documents left out."""
        terms = self.reader._terms
        m = terms._codec.postings_reader(terms._postfile, info, fmt, term=(fieldname, tbytes))
        docs, weights, values = array("I"), array("f"), []
        for ids, ws, vs in term_blocks(m):
            vs = [v or b"" for v in vs] if vs is not None else [b""] * len(ids)
            if self.docmap is None:
                docs.extend(map(self.base.__add__, ids))
                weights.extend(ws)
                values.extend(vs)
            else:
                docmap = self.docmap
                for d, w, v in zip(ids, ws, vs):
                    if d in docmap:
                        docs.append(docmap[d])
                        weights.append(w)
                        values.append(v)
        return docs, weights, values

    def close(self) -> None:
        self.reader.close()


def merged_terms(pool: dict[bytes, Columns], sources: Sequence[Source], fieldname: str,
                 fmt: Any) -> Iterator[tuple[bytes, Columns]]:
    """Every term of the field in order, with its postings from the pool (the new documents,
    numbered first) and then from each merged segment, in document order; empty lists left out."""
    if not sources:
        yield from sorted(pool.items())
        return
    streams = [_numbered(0, sorted(pool.items()))]
    streams += [_numbered(i, src.terms(fieldname)) for i, src in enumerate(sources, 1)]
    for tbytes, group in groupby(heapq.merge(*streams, key=itemgetter(0, 1)), key=itemgetter(0)):
        parts = [cols if i == 0 else sources[i - 1].postings(fieldname, tbytes, cols, fmt)
                 for _, i, cols in group]
        if len(parts) == 1:
            cols = parts[0]
        else:
            cols = (array("I"), array("f"), [])
            for docs, weights, values in parts:
                cols[0].extend(docs)
                cols[1].extend(weights)
                cols[2].extend(values)
        if cols[0]:
            yield tbytes, cols


def _numbered(i: int, items: Iterable[tuple[bytes, Any]]) -> Iterator[tuple[bytes, int, Any]]:
    """``items`` tagged with their stream's number, which orders the streams' postings."""
    for tbytes, payload in items:
        yield tbytes, i, payload


def term_blocks(m: Any) -> Iterable[tuple[Any, Any, Any]]:
    """(documents, weights, values) of each block of a term's postings: a W3 matcher's blocks,
    or the one block of postings inlined in the term's entry (a ``ListMatcher`` over the
    columns :func:`.blocks.inlined` wrote, taken as they are)."""
    if isinstance(m, W3LeafMatcher):
        return blocks(m, values=True)
    return [(m._ids, m._weights, m._values)] if m.is_active() else []


def blocks(m: W3LeafMatcher, values: bool = False) -> Iterator[tuple[Any, Any, Any]]:
    """(documents, weights, values or None) of each block of postings (Whoosh 2.7's W3 codec)."""
    while m.is_active():
        m._read_data()
        ids = m._data[0] if m._byteids else tuple(accumulate(m._data[0]))  # as _read_ids, in C
        m._read_weights()
        if values:
            m._read_values()
        yield ids, m._weights, m._values if values else None
        m._next_block()
