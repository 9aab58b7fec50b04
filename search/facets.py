"""Facet counts over a whole result set, from one cell of facet values per document.

Every matching document counts, so counting runs once per match: each
document's cell (all its players, teams, events, competition and month, see
:func:`index.document.facet_bytes`) is read and split by kind once for the life
of a searcher, its values interned so their hashes are kept; counting a kind is
then one pass in C, and only values that can reach the top are sorted.
"""
from __future__ import annotations

import heapq
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from itertools import chain
from operator import itemgetter

from index.document import FACET_SEP, VALUE_SEP

from .request import FACETS

Cell = tuple[tuple[str, ...], ...]  # one tuple of values per kind, in FACETS order


class FacetCounter:
    """Facet counts for the documents of one searcher (keep one per searcher)."""

    def __init__(self) -> None:
        self._cells: dict[int, Cell] = {}

    def count(self, docnums: Iterable[int], limit: int,
              column: Callable[[], Callable[[int], bytes]]) -> dict[str, list[tuple[str, int]]]:
        """The ``limit`` most frequent values of each kind among ``docnums``, ties by name.

        ``column()`` gives the searcher's cells by document number; it is asked
        for only when some cell has not been read yet.
        """
        docnums = list(docnums)
        cells = self._cells
        missing = [d for d in docnums if d not in cells]
        if missing:
            read = column()
            for d in missing:
                cells[d] = _cell(read(d))
        per_doc = list(map(cells.__getitem__, docnums))
        return {kind: _top(Counter(chain.from_iterable(map(itemgetter(i), per_doc))), limit)
                for i, kind in enumerate(FACETS)}


def _cell(raw: bytes) -> Cell:
    values: dict[str, list[str]] = {kind: [] for kind in FACETS}
    for item in raw.decode("utf-8").split(FACET_SEP) if raw else ():
        kind, value = item.split(VALUE_SEP, 1)
        values[kind].append(sys.intern(value))
    return tuple(map(tuple, values.values()))


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
