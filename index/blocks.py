"""Posting blocks as a few strings of bytes rather than a Python object per posting.

Whoosh's W3 codec pickles each block of up to 128 postings (protocol 2) as a
tuple of document numbers, weights and encoded values: an int, a float and,
for want of a bytes opcode in protocol 2, a call of ``codecs.encode`` on a
``str`` for every posting. Reading a block back built all of those again:
a third of what a two-word or phrase search spent at 20,000 reports, most of
it on values (positions) that free-text scoring never looks at.

:class:`PackedCodec` writes the same tuple with the document-number deltas
and the weights as arrays and the values as one string with their lengths
(:class:`Values`). Whoosh's own block reader reads them unchanged: it only
iterates the deltas and indexes the weights and values. Segments written by
Whoosh's codec, in indexes made before this one, read as before.

A term of no more than :data:`INLINED_UP_TO` postings (half of a commit's terms)
has no block at all: its postings are kept in its entry in the term table, which
Whoosh's W3 format provides for and its writer never managed (:func:`inlined`).
"""
from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate, islice
from operator import sub
from typing import Any

from whoosh.codec.whoosh3 import W3Codec, W3PostingsWriter
from whoosh.matching import ListMatcher

PACKED_FROM = 16
"""Postings in a block for it to be packed: an array's pickle costs more than a few numbers'."""
INLINED_UP_TO = 4
"""Postings of a term few enough to be kept in its entry in the term table, with no block."""


class PackedCodec(W3Codec):
    """Whoosh's W3 codec with packed posting blocks (:class:`PackedPostingsWriter`), and the
    postings of a rare term in its entry (:func:`inlined`)."""

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> W3PostingsWriter:
        return PackedPostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                                    compression=self._compression, inlinelimit=self._inlinelimit)

    def postings_reader(self, dbfile: Any, terminfo: Any, format_: Any, term: Any = None,
                        scorer: Any = None) -> Any:
        if terminfo.is_inlined():
            return _Inlined(*terminfo.inlined_postings(), format_, scorer=scorer, term=term, terminfo=terminfo)
        return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)


def inlined(format_: Any, ids: Sequence[int], weights: Sequence[float],
            values: Sequence[bytes]) -> tuple[tuple[int, ...], tuple[float, ...], tuple[Any, ...]]:
    """A term's postings as its entry holds them: as a block of them reads back (a format with no
    values reads ``None`` for each), for Whoosh's ``ListMatcher``.

    Whoosh 2.7 meant to keep a term of one posting so, but its writer calls ``set_inline``
    where the term info has ``set_inlined``: no Whoosh index has any."""
    return (tuple(ids), tuple(weights),
            (None,) * len(ids) if format_.fixed_value_size() == 0 else tuple(values))


class _Inlined(ListMatcher):
    """Whoosh's matcher of inlined postings, whose copy keeps the term and its entry (Whoosh's
    drops them, and its block statistics then fail)."""

    def copy(self) -> _Inlined:
        return _Inlined(self._ids, self._weights, self._values, self._format, scorer=self._scorer,
                        position=self._i, all_weights=self._all_weights, term=self._term,
                        terminfo=self._terminfo)


class PackedPostingsWriter(W3PostingsWriter):
    """Whoosh's block writer; only the three "minify" steps that make a block's data differ,
    and only in blocks of :data:`PACKED_FROM` postings or more, and a rare term's postings
    kept in its entry."""

    def finish_postings(self) -> Any:
        """Whoosh's, with a term of no more than :data:`INLINED_UP_TO` postings inlined."""
        if self.written() or len(self) > INLINED_UP_TO:
            return super().finish_postings()
        info = self._terminfo
        info.add_block(self)
        info.set_inlined(*inlined(self._format, self._ids, self._weights, self._values))
        self._terminfo = None
        return info

    def _small(self) -> bool:
        return len(self._ids) < PACKED_FROM

    def _mini_ids(self) -> Any:
        if self._byteids or self._small():  # byteids: term vectors, whose ids are words
            return super()._mini_ids()
        ids = self._ids
        deltas = list(map(sub, ids, (0, *ids[:-1])))  # Whoosh's delta_encode
        return _Packed(array(_typecode(max(deltas)), deltas))

    def _mini_weights(self) -> Any:
        if self._small():
            return super()._mini_weights()
        weights = self._weights
        first = weights[0]
        if weights.count(first) == len(weights):  # the shorthands Whoosh's reader expects
            return None if first == 1.0 else first
        return _Packed(array("f", weights))  # the writer's own weights are single floats

    def _mini_values(self) -> Any:
        values = self._values
        size = self._format.fixed_value_size()
        if self._small() or not values or (size is not None and size >= 0):  # or a run of fixed sizes
            return super()._mini_values()
        return Values(b"".join(values), array(_typecode(max(map(len, values))), map(len, values)))


class _Packed:
    """An array that pickles as its machine bytes (protocol 2 would list every item)."""

    __slots__ = ("items",)

    def __init__(self, items: array) -> None:
        self.items = items

    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]:
        return array, (self.items.typecode, self.items.tobytes())


class Values(Sequence[bytes]):
    """A block's encoded values: their bytes end to end, and each one's length."""

    __slots__ = ("data", "lengths", "_starts")

    def __init__(self, data: bytes, lengths: array) -> None:
        self.data = data
        self.lengths = lengths
        self._starts: list[int] | None = None

    def __reduce__(self) -> tuple[Any, tuple[bytes, _Packed]]:
        return Values, (self.data, _Packed(self.lengths))

    @classmethod
    def of(cls, values: Iterable[bytes]) -> Values:
        """Values held some other way (a list, a block of Whoosh's own codec) packed."""
        values = list(values)
        return cls(b"".join(values), array("I", map(len, values)))

    def starts(self) -> list[int]:
        """Where each value starts in :attr:`data`, and where the last one ends."""
        if self._starts is None:
            self._starts = list(accumulate(self.lengths, initial=0))
        return self._starts

    def take(self, places: Iterable[int]) -> Iterator[bytes]:
        """The values at ``places``, sliced in C."""
        starts = self.starts()
        places = list(places)
        return map(self.data.__getitem__,
                   map(slice, map(starts.__getitem__, places), map(starts.__getitem__, map((1).__add__, places))))

    def __len__(self) -> int:
        return len(self.lengths)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return list(self.take(range(len(self))[i]))
        if i < 0:
            i += len(self)
        starts = self.starts()
        return self.data[starts[i]:starts[i + 1]]

    def __iter__(self) -> Iterator[bytes]:
        starts = self.starts()
        return map(self.data.__getitem__, map(slice, starts, islice(starts, 1, None)))


def _typecode(largest: int) -> str:
    """The smallest unsigned array type that holds ``largest``."""
    return "B" if largest < 1 << 8 else "H" if largest < 1 << 16 else "I"
