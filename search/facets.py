"""Facet counts over a whole result set, from one cell of facet values per document.

Every matching document counts. A document's cell (all its players, teams,
events, competition and month, see :func:`index.document.facet_bytes`) is read
once for the life of a searcher and kept as interned strings; as cells are read,
each value also collects the documents read so far that have it, and a value
found in many documents also keeps them as a bitmap.

A small result set is counted cell by cell. A large one would cost as many
steps as its cells (300,000 for a common word at 20,000 reports), so each kind
is counted value by value instead, most frequent first (a bitmap is one AND and
a bit count), and stops as soon as a value's documents are fewer than the count
it would have to beat: a few dozen values of each kind. The counts are exact
either way: every document of the result set has been read, so a value's
documents read so far include all of its matches.
"""
from __future__ import annotations

import heapq
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from itertools import chain

from index.document import FACET_SEP, VALUE_SEP

from .request import FACETS

Counts = dict[str, list[tuple[str, int]]]
BROAD = 1_000  # result sets at least this large are counted value by value
BITMAP_SHARE = 256  # a value in at least 1/256 of the documents keeps a bitmap (no larger than its list)
PLAYER_CELL = "player" + VALUE_SEP  # the kind with thousands of values: four cells of five are players


class FacetCounter:
    """Facet counts for the documents of one searcher (keep one per searcher)."""

    def __init__(self, doc_count: int) -> None:
        self._doc_count = doc_count
        self._size = (doc_count + 7) // 8
        self._bitmap_from = max(64, doc_count // BITMAP_SHARE)
        self._cells: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {}  # document -> its
        # "kind<US>value" cells: its players', then the rest
        self._read_cells = 0  # cells of the documents read so far
        self._docs: defaultdict[str, list[int]] = defaultdict(list)  # cell -> documents read that have it
        self._bitmaps: dict[str, tuple[bytearray, int]] = {}  # cell -> its first n documents, bit by bit
        self._kind: dict[str, tuple[int, str]] = {}  # cell -> (index in FACETS, value)
        self._ranked: list[list[str]] | None = None  # per kind, cells by documents, most first

    def count(self, docnums: Iterable[int], limit: int,
              column: Callable[[], Callable[[int], bytes]]) -> Counts:
        """The ``limit`` most frequent values of each kind among ``docnums``, ties by name.

        ``column()`` gives the searcher's cells by document number; it is asked
        for only when some cell has not been read yet.
        """
        docnums = list(docnums)
        self._read(docnums, column)
        if limit <= 0:
            return {kind: [] for kind in FACETS}
        if len(docnums) >= BROAD:
            found = self._by_value(docnums, limit)
            if found is not None:
                return found
        return self._by_document(docnums, limit)

    def read_all(self, column: Callable[[], Callable[[int], bytes]]) -> None:
        """Read every document's cell now, so that no later count pays for reading any."""
        self._read(range(self._doc_count), column)
        self._ranked = self._rank()

    def _read(self, docnums: Iterable[int], column: Callable[[], Callable[[int], bytes]]) -> None:
        cells, docs = self._cells, self._docs
        missing = [d for d in docnums if d not in cells]
        if not missing:
            return
        read = column()
        for d in missing:
            raw = read(d)
            found = tuple(map(sys.intern, raw.decode("utf-8").split(FACET_SEP))) if raw else ()
            self._read_cells += len(found)
            for cell in found:
                docs[cell].append(d)
            cells[d] = _players_apart(found)
        self._ranked = None

    def _kind_of(self, cell: str) -> tuple[int, str]:
        found = self._kind.get(cell)
        if found is None:
            kind, value = cell.split(VALUE_SEP, 1)
            found = self._kind[cell] = (FACETS.index(kind), value)
        return found

    def _rank(self) -> list[list[str]]:
        """Cells of each kind by their documents, most first; bitmaps brought up to date."""
        ranked: list[list[str]] = [[] for _ in FACETS]
        for cell, docs in self._docs.items():
            ranked[self._kind_of(cell)[0]].append(cell)
            if len(docs) >= self._bitmap_from:
                bits, done = self._bitmaps.get(cell) or (bytearray(self._size), 0)
                for d in docs[done:]:
                    bits[d >> 3] |= 1 << (d & 7)
                self._bitmaps[cell] = (bits, len(docs))
        for cells in ranked:
            cells.sort(key=lambda c: -len(self._docs[c]))
        return ranked

    def _by_document(self, docnums: list[int], limit: int) -> Counts:
        """Counted cell by cell: one pass over every cell of the result set.

        Players are counted apart, and only those that can reach the top are named: the
        phrase "hit the post" at 100,000 reports has 3,576 reports, 24,941 distinct players
        in 119,836 of their 144,598 cells, and giving each its kind took longer than counting them.
        """
        cells = list(map(self._cells.__getitem__, docnums))
        players = Counter(chain.from_iterable(c[0] for c in cells))
        if len(players) > limit:
            least = heapq.nlargest(limit, players.values())[-1]
            players = Counter({cell: n for cell, n in players.items() if n >= least})
        out: list[Counter[str]] = [Counter() for _ in FACETS]
        for cell, n in chain(players.items(), Counter(chain.from_iterable(c[1] for c in cells)).items()):
            i, value = self._kind_of(cell)
            out[i][value] = n
        return {kind: _top(counts, limit) for kind, counts in zip(FACETS, out)}

    def _by_value(self, docnums: list[int], limit: int) -> Counts | None:
        """Counted value by value, most frequent first, stopping where no value can reach the top.

        ``None`` when that would take more steps than counting cell by cell.
        """
        if self._ranked is None:
            self._ranked = self._rank()
        matched = set(docnums)
        bits = int.from_bytes(_bitmap(docnums, self._size), "little")
        step = max(1, self._size // 64)  # what a bitmap's AND and bit count cost, in set look-ups
        # the cell-by-cell steps, from the mean cells a document (summing them took 20 ms at 35,000)
        budget = len(docnums) * self._read_cells // len(self._cells)
        out: Counts = {}
        for kind, cells in zip(FACETS, self._ranked):
            least: list[int] = []  # the ``limit`` largest counts so far, smallest first
            counts: Counter[str] = Counter()
            for cell in cells:
                docs = self._docs[cell]
                if len(least) == limit and len(docs) < least[0]:
                    break  # this value and every later one match fewer documents than the top needs
                bitmap = self._bitmaps.get(cell, (None, 0))[0]
                budget -= step if bitmap else len(docs)
                if budget < 0:
                    return None
                n = ((bits & int.from_bytes(bitmap, "little")).bit_count() if bitmap
                     else sum(map(matched.__contains__, docs)))
                if n:
                    counts[self._kind[cell][1]] = n
                    if len(least) < limit:
                        heapq.heappush(least, n)
                    elif n > least[0]:
                        heapq.heapreplace(least, n)
            out[kind] = _top(counts, limit)
        return out


def _players_apart(cells: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    r"""(the player cells, the others). A document's cells come kind by kind, players first
    (:func:`index.document.facet_bytes`), so the others are mostly the tail; any order works.

    >>> _players_apart(("player\x1fA", "player\x1fB", "team\x1fInter"))
    (('player\x1fA', 'player\x1fB'), ('team\x1fInter',))
    >>> _players_apart(("team\x1fInter", "player\x1fA", "event\x1fgoal"))
    (('player\x1fA',), ('team\x1fInter', 'event\x1fgoal'))
    """
    players = tuple(c for c in cells if c.startswith(PLAYER_CELL))
    if cells[:len(players)] == players:
        return players, cells[len(players):]
    return players, tuple(c for c in cells if not c.startswith(PLAYER_CELL))


def _bitmap(docnums: Iterable[int], size: int) -> bytearray:
    bits = bytearray(size)
    for d in docnums:
        bits[d >> 3] |= 1 << (d & 7)
    return bits


def _top(counts: Counter[str], limit: int) -> list[tuple[str, int]]:
    """The ``limit`` most frequent values, ties by name; only those that can make it are sorted.

    >>> _top(Counter({"b": 2, "a": 2, "c": 5, "d": 1}), 2), _top(Counter({"x": 1}), 0)
    ([('c', 5), ('a', 2)], [])
    """
    if limit <= 0:
        return []
    if len(counts) > limit:
        least = heapq.nlargest(limit, counts.values())[-1]
        counts = Counter({v: n for v, n in counts.items() if n >= least})
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
