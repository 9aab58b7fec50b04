"""A tuned Whoosh writer: postings pooled by field and term, filed a block at a time.

Documents reach it analysed (:mod:`index.postings`), so adding one only pools
its postings; committing sorts the distinct terms, not every posting, and
writes each term's postings, with those of the segments merged in
(:mod:`index.merge`), as Whoosh's own block writer would.
"""
from __future__ import annotations

import struct
import zlib
from array import array
from collections.abc import Iterable, Iterator, Sequence
from pickle import dumps
from typing import Any

from whoosh import fields
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC
from whoosh.reading import SegmentReader
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import PostingPool, SegmentWriter

from .blocks import INLINED_UP_TO, PackedCodec, inlined
from .merge import Source, merged_terms
from .postings import Posting

POSTING_BYTES = 24  # what TermPool counts against its limit: a posting in its arrays and list,
TERM_BYTES = 400  # and a term's key, arrays and list


class Writer(SegmentWriter):
    """Whoosh's segment writer, with postings grouped by term as they come (:class:`TermPool`)
    and field lengths read once per field when a segment is written; its blocks are
    packed (:mod:`index.blocks`).

    Whoosh's pool keeps one tuple per posting, sorts them all at commit and,
    past its memory limit, pickles each to a run file and merges the runs back:
    most of what a commit of pre-analysed documents cost. Whoosh also asks the
    new segment for a document's field length once per posting, and for a field
    without lengths (every ID and KEYWORD field) each ask was a file-system check.
    """

    def __init__(self, ix: Any, limitmb: int = 128, codec: Any = None, **kwargs: Any) -> None:
        super().__init__(ix, limitmb=limitmb, codec=codec or PackedCodec(), **kwargs)
        self.pool = TermPool(self._tempstorage, self.newsegment, limitmb=limitmb)
        self.sources: list[Source] = []  # segments merged in as the new segment is written

    def add_reader(self, reader: Any) -> None:
        """Merge a segment in: its stored fields now, as Whoosh does, and its postings a block
        at a time as the new segment is written (:mod:`index.merge`). A pool that has spilled
        to disk takes them Whoosh's way, a posting at a time.

        The segment's total field lengths carry over exactly where no document was deleted,
        so that a merged index ranks as one written in one go."""
        if self.pool.runs:
            super().add_reader(reader)
            return
        self._check_state()
        base = self.docnum
        names = set(self.schema.names())  # Whoosh adds the reader's indexed ones: a subset
        totals = self.perdocwriter._fieldlengths
        before = dict(totals)
        docmap = self.write_per_doc(names, reader)
        if not reader.has_deletions():  # Whoosh adds each document's length as its one-byte
            for name in names:  # approximation: the totals, and so BM25's averages, drifted
                totals[name] = before.get(name, 0) + reader.field_length(name)
        self.sources.append(Source(SegmentReader(self.storage, self.schema, reader.segment()), base, docmap))
        self._added = True

    def add_document(self, **fields: Any) -> None:
        """Whoosh's ``add_document``, each field's postings going to the pool in one call.

        For this project's schema: no term vectors, no separate spelling fields,
        no per-document boosts. ``_stored_<field>`` still gives what is stored.
        """
        self._check_state()
        pdw, schema, docnum = self.perdocwriter, self.schema, self.docnum
        names = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, names)
        pdw.start_doc(docnum)
        try:
            for name in names:
                value = fields[name]
                if value is None:
                    continue
                field = schema[name]
                length = self.pool.add_field(name, docnum, field.index(value)) if field.indexed else 0
                stored = fields.get("_stored_" + name, value)
                pdw.add_field(name, field, stored if field.stored else None, length if field.scorable else 0)
                if field.column_type and stored is not None:
                    pdw.add_column_value(name, field.column_type, field.to_column_value(stored))
        except Exception:
            pdw.cancel_doc()
            raise
        pdw.finish_doc()
        self._added = True
        self.docnum += 1

    def write_per_doc(self, fieldnames: Any, reader: Any) -> Any:
        """Whoosh's copy of a merged segment's stored fields and lengths, the lengths read a
        field at a time (:class:`_Measured`): Whoosh asks for each document's length of each
        field, which took 620,000 file-system checks to merge 20,000 reports."""
        return super().write_per_doc(fieldnames, _Measured(reader))

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = _Lengths(self.per_document_reader()) if self.codec.length_stats else None
        try:
            self.pool.write(self.fieldwriter, self.schema, lengths, self.sources)
        finally:
            self._close_sources()
        self.fieldwriter.close()
        if lengths:
            lengths.close()

    def cancel(self) -> None:
        self._close_sources()
        super().cancel()

    def _close_sources(self) -> None:
        for source in self.sources:
            source.close()
        self.sources = []


class TermPool(PostingPool):
    """Postings held by field and term, in the order they are added.

    A writer adds documents (and merged segments) in ascending document
    order, so each term's postings are already sorted: a commit sorts only the
    distinct terms, not every posting. Past the memory limit the pool spills
    to Whoosh's sorted run files and merges them as Whoosh's pool does.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields: dict[str, dict[bytes, tuple[array, array, list[bytes]]]] = {}

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        """One posting, as Whoosh adds them when it merges segments."""
        fieldname, tbytes, docnum, weight, vbytes = item
        self.add_field(fieldname, docnum, [(tbytes, 0, weight, vbytes)])

    def add_field(self, fieldname: str, docnum: int, items: Iterable[Posting]) -> int:
        """One document's postings in one field; the sum of their frequencies."""
        terms = self.fields.get(fieldname)
        if terms is None:
            terms = self.fields[fieldname] = {}
        length = size = 0
        for tbytes, freq, weight, vbytes in items:
            length += freq
            plist = terms.get(tbytes)
            if plist is None:
                plist = terms[tbytes] = (array("I"), array("f"), [])
                size += TERM_BYTES + len(tbytes)
            vbytes = vbytes or b""
            plist[0].append(docnum)
            plist[1].append(weight)
            plist[2].append(vbytes)
            size += POSTING_BYTES + len(vbytes)
        self.currentsize += size
        if self.currentsize > self.limit:
            self._spill()
        return length

    def _items(self) -> Iterator[tuple[str, bytes, int, float, bytes]]:
        for fieldname in sorted(self.fields):
            terms = self.fields[fieldname]
            for tbytes in sorted(terms):
                docs, weights, values = terms[tbytes]
                for docnum, weight, vbytes in zip(docs, weights, values):
                    yield fieldname, tbytes, docnum, weight, vbytes

    def _spill(self) -> None:
        """Stream the postings, already in order, to a sorted run file as Whoosh's pool writes
        them. Listing them first as tuples took several times the pool's memory: merging
        20,000 reports peaked at 705 MB."""
        path, f = self._new_run()
        self._write_run(f, self._items())
        self._add_run(path)
        self.fields = {}
        self.currentsize = 0

    def iter_postings(self) -> Iterator[tuple[str, bytes, int, float, bytes]]:
        """Every posting in (field, term, document) order, as Whoosh's pool gives them."""
        if not self.runs:
            return self._items()
        self._spill()
        return self.items()

    def write(self, fieldwriter: Any, schema: fields.Schema, lengths: _Lengths | None,
              sources: Sequence[Source] = ()) -> None:
        """File the postings, with those of the merged ``sources``, through ``fieldwriter``:
        a block at a time when nothing was spilled (then no source is left: see
        :meth:`Writer.add_reader`)."""
        if self.runs:
            assert not sources, "a spilled pool merges Whoosh's way"
            fieldwriter.add_postings(schema, lengths, self.iter_postings())
            return
        level = fieldwriter._codec._compression
        names = set(self.fields).union(*(s.reader.indexed_field_names() for s in sources))
        for fieldname in sorted(n for n in names if n in schema):
            field = schema[fieldname]
            fieldwriter.start_field(fieldname, field)
            length = lengths.column(fieldname) if lengths else None
            pw = fieldwriter._postwriter
            pw._format = field.format
            key = pack_ushort(fieldwriter._fieldid)
            add = fieldwriter._tindex.add
            for tbytes, columns in merged_terms(self.fields.get(fieldname, {}), sources, fieldname,
                                                field.format):
                add(key + tbytes, _write_term(pw, level, *columns, length))
            fieldwriter.finish_field()


_TERM_INFO = struct.Struct("!BfIBBfII")  # Whoosh 2.7's W3TermInfo, before the postings' extent


def _write_term(pw: Any, level: int, docs: array, weights: array, values: list[bytes],
                length: list[int] | None) -> bytes:
    """Write one term's postings through Whoosh's W3 postings writer ``pw`` as its ``add_posting``
    and ``finish_postings`` would one by one (the same blocks, block statistics and bytes), a block
    at a time, and give the term's entry for the term table.

    Whoosh spent more on its layers per term (a term info object, a block buffer reset,
    checks) than on writing the term's one small block, and most terms have one. A term
    of few postings has none: they are kept in its entry (:data:`INLINED_UP_TO`).
    """
    count = len(docs)
    if count <= INLINED_UP_TO:
        low, high = _length_range(docs, length)
        return (_TERM_INFO.pack(True, sum(weights), count, length_to_byte(low), length_to_byte(high),
                                max(0, max(weights)), docs[0], docs[-1])
                + dumps(inlined(pw._format, docs, weights, values), -1))  # as Whoosh's W3TermInfo
    post = pw._postfile
    start = post.tell()
    out = [WHOOSH3_HEADER_MAGIC]
    limit = pw._blocklimit
    total, top, shortest, longest = 0.0, 0, None, 0
    for at in range(0, count, limit):
        ids = docs[at:at + limit]
        ws = weights[at:at + limit]
        pw._ids, pw._weights = ids, ws
        pw._values = [v for v in values[at:at + limit] if v]
        heaviest = max(0, max(ws))
        low, high = _length_range(ids, length)
        data = dumps((pw._mini_ids(), pw._mini_weights(), pw._mini_values()), 2)
        if level:
            data = zlib.compress(data, level)
        info = dumps((len(ids), ids[-1], heaviest, level, length_to_byte(low), length_to_byte(high)), 2)
        size = len(info) + len(data)
        out += (pack_int(-size if at + limit >= count else size), info, data)  # the last block's is negative
        total += sum(ws)
        top = max(top, heaviest)
        if low is not None:
            shortest = low if shortest is None else min(shortest, low)
        longest = max(longest, high)
    written = b"".join(out)
    post.write(written)
    return (_TERM_INFO.pack(False, total, count, length_to_byte(shortest), length_to_byte(longest), top,
                            docs[0], docs[-1])
            + pack_long(start) + pack_int(len(written)))


def _length_range(ids: Sequence[int], length: list[int] | None) -> tuple[int | None, int]:
    """The shortest and longest of these documents' field lengths, as Whoosh's block writer keeps
    them: ``(None, 0)`` for a field without lengths or documents without any."""
    known = [n for n in map(length.__getitem__, ids) if n] if length else None
    return (min(known), max(known)) if known else (None, 0)


class _Lengths:
    """A segment's per-document field lengths, each field's read in one go on first use."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader  # a per-document reader
        self._fields: dict[str, list[int]] = {}

    def column(self, fieldname: str) -> list[int]:
        """Every document's length in ``fieldname`` (0 where it has none)."""
        col = self._fields.get(fieldname)
        if col is None:
            col = self._fields[fieldname] = length_column(self._reader, fieldname)
        return col

    def doc_field_length(self, docnum: int, fieldname: str) -> int:
        return self.column(fieldname)[docnum]

    def close(self) -> None:
        self._reader.close()


class _Measured:
    """A merged segment's reader that gives its documents' field lengths from :class:`_Lengths`."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self.doc_field_length = _Lengths(reader._perdoc).doc_field_length

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)


_LENGTH_OF = [0] + [byte_to_length(b) for b in range(1, 256)]


def length_column(perdoc: Any, fieldname: str) -> list[int]:
    """Every document's length of ``fieldname`` in a segment (0 for none), from its per-document
    reader, read whole: Whoosh's ``doc_field_length`` reads a byte a call and, for a field with no
    lengths (every ID and KEYWORD field), checks the file system at each call."""
    count = perdoc.doc_count_all()
    # Whoosh 2.7's W3 codec: column "_<field>_len", one byte a document, 0 for none
    column = perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
    raw = column._dbfile.get(column._basepos, column._count) if column is not None else b""
    return list(map(_LENGTH_OF.__getitem__, raw)) + [0] * (count - len(raw))
