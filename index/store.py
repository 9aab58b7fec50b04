"""The writing seam: with :mod:`index.postings`, :mod:`index.writer` and :mod:`index.merge`, the
only modules of the indexing side that know Whoosh.

It takes the fields :mod:`index.document` makes of a record (with text
fields analysed ahead in the workers, see :func:`index.postings.analyse`),
and owns the writer: deduplication by source and by content, skipping
unchanged inputs by digest, durable journalled commits, and the check at
open that moves a damaged index aside.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index
from whoosh.filedb.filestore import FileStorage
from whoosh.query import And, Term
from whoosh.reading import IndexReader
from whoosh.searching import Searcher
from whoosh.writing import CLEAR, IndexWriter

from .folder import INDEX_NAME, WHOOSH_FILES, Folder, refuse_foreign
from .journal import fsync_path
from .document import state_key
from .lock import DEFAULT_WAIT_S
from .postings import Analysed, AnalysedText, schema
from .writer import Writer
from .registry import FILE as REGISTRY_FILE

MatchRow = tuple[str, "str | None", "list[int] | None"]
"""(match id, ISO date, score) of one indexed report of a pairing."""

LOCK_TIMEOUT_S = 30.0
POOL_MB = 128  # postings held before Whoosh spills a sorted run to disk; real memory is about 1.3x


class _DurableStorage(FileStorage):
    """Whoosh's file storage, with commits that survive a power cut as well as a kill.

    Whoosh commits by renaming a new table of contents (TOC) over the old
    one, so a *kill* leaves the old generation or the new one. It never
    fsyncs, though, so after a power cut the new TOC could name segment
    files whose data never reached the disk. Here every index file is
    flushed before the rename, and the folder after it.

    Files are read with ``read`` calls, not memory maps: the indexer looks up
    every new report's id and source in every segment, and the mapped pages it
    touched counted as its own memory, growing with the index (1,022 MB peak
    for 20,000 reports, 351 MB without maps, at the same speed).
    """

    def __init__(self, path: str) -> None:
        super().__init__(path, supports_mmap=False)

    def rename_file(self, oldname: str, newname: str, safe: bool = False) -> None:
        for name in self.list():
            path = os.path.join(self.folder, name)
            if name.startswith(WHOOSH_FILES) and os.path.isfile(path):
                fsync_path(path)
        super().rename_file(oldname, newname, safe)
        fsync_path(self.folder)


@dataclass
class Store:
    """An index open for writing, under its writer lock until :meth:`close`.

    Opening takes the lock (see :class:`~index.folder.Folder`) and checks
    that the index reads; a damaged one is moved aside and started anew,
    and :attr:`reread` lists the recorded inputs to index again.
    """

    ix: index.Index
    folder: Folder
    writer: IndexWriter | None = None
    pending: int = 0
    reader: IndexReader | None = None
    reread: list[str] = field(default_factory=list)
    pairings: dict[tuple[str, str], list[MatchRow]] = field(default_factory=dict)
    keys: dict[str, set[str]] = field(default_factory=dict)

    @staticmethod
    def exists(where: str | os.PathLike[str]) -> bool:
        return index.exists_in(str(where), indexname=INDEX_NAME)

    @classmethod
    def create(cls, where: str | os.PathLike[str], wait: float = DEFAULT_WAIT_S) -> None:
        """Make an empty index at ``where`` unless there is one (under the lock: never twice)."""
        cls.open(where, wait).close()

    @classmethod
    def wipe(cls, where: str | os.PathLike[str], wait: float = DEFAULT_WAIT_S) -> None:
        """Empty an index in one commit, refusing any folder that is not an index.

        Searches see the old contents until the empty generation is committed;
        a kill at any point leaves the old index or the empty one.
        """
        refuse_foreign(Path(where))
        with cls.open(where, wait) as store:
            store.ix.writer(timeout=LOCK_TIMEOUT_S).commit(mergetype=CLEAR)
            Path(where, REGISTRY_FILE).unlink(missing_ok=True)
            store.folder.journal.reset(reason="rebuild")

    @classmethod
    def open(cls, where: str | os.PathLike[str], wait: float = DEFAULT_WAIT_S) -> Store:
        folder = Folder.take(where, wait)
        try:
            storage = _DurableStorage(str(folder.path))
            if not index.exists_in(str(folder.path), indexname=INDEX_NAME):
                return cls(storage.create_index(schema(), indexname=INDEX_NAME), folder)
            try:
                ix = storage.open_index(indexname=INDEX_NAME)
                _verify(ix)
                return cls(ix, folder)
            except PermissionError:
                raise
            except Exception as exc:  # Whoosh raises many kinds for damaged files
                reread = folder.move_aside(f"{type(exc).__name__}: {exc}")
                return cls(storage.create_index(schema(), indexname=INDEX_NAME), folder, reread=reread)
        except BaseException:
            folder.release()
            raise

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Drop what is not committed and let the next writer in."""
        self.cancel()
        self.folder.release()
    def _writer(self) -> IndexWriter:
        if self.writer is None:
            self.writer = Writer(self.ix, timeout=LOCK_TIMEOUT_S, limitmb=POOL_MB)
        return self.writer

    def _reader(self) -> IndexReader:
        """One reader for a batch of look-ups; renewed after each commit."""
        if self.reader is None:
            self.reader = self.ix.reader()
        return self.reader

    def _keys(self, name: str) -> set[str]:
        """Every value of an identity field ("state", "source", "id"), committed or added in
        this run: read from the index once a run, then kept up to date by :meth:`put`.

        Asking the index for each report probed every segment's term table: 0.8 ms a
        report at 20,000 reports (10 segments), more with every commit.
        """
        if name not in self.keys:
            self.keys[name] = {t.decode("utf-8") for t in self._reader().lexicon(name)}
        return self.keys[name]

    def status(self, source: str, digest: str) -> str:
        """"unchanged", "changed" or "new" for an input, before any extraction."""
        if state_key(source, digest) in self._keys("state"):
            return "unchanged"
        return "changed" if source in self._keys("source") else "new"

    def known(self, doc_id: str) -> bool:
        """Is this text indexed already (under any source)?"""
        return doc_id in self._keys("id")

    def put(self, doc: dict[str, object], replace: bool,
            analysed: dict[str, Analysed] | None = None) -> None:
        """Add a document (replacing its source's earlier one), with postings analysed ahead if given."""
        w = self._writer()
        for name, postings in (analysed or {}).items():
            if isinstance(w.schema[name], AnalysedText):  # indexes made before take text
                doc["_stored_" + name] = doc[name]
                doc[name] = postings
        if replace:
            w.delete_by_term("source", str(doc["source"]))
        w.add_document(**doc)
        for name in ("state", "source", "id"):
            self._keys(name).add(str(doc[name]))
        if doc.get("match"):
            rec = json.loads(str(doc["record"]))
            self.reports_between(rec["home"], rec["away"]).append(
                (str(doc["match"]), rec.get("date"), rec.get("score")))
        self.pending += 1

    def reports_between(self, home: str, away: str) -> list[MatchRow]:
        """(match id, ISO date, score) of every report with this home and away side that has a
        match id, committed or added in this run: what a new report's match id is matched to.

        Read from the index once per pairing and run, then kept up to date as reports
        are added: asking the index each time re-read every earlier report of the
        pairing, which made indexing quadratic in the reports of popular fixtures.
        """
        key = (home, away)
        if key not in self.pairings:
            rows = []
            with Searcher(self._reader(), closereader=False) as s:
                q = And([Term("teams", home), Term("teams", away)])
                for hit in s.search(q, limit=None):
                    if hit.get("match"):
                        rec = json.loads(hit["record"])
                        if rec.get("home") == home and rec.get("away") == away:
                            rows.append((hit["match"], rec.get("date"), rec.get("score")))
            self.pairings[key] = rows
        return self.pairings[key]

    def commit(self) -> None:
        """Make the pending documents durable and visible, as one generation."""
        if self.writer is not None:
            self.folder.journal.append("committing", reports=self.pending)
            self.writer.commit()
            self.writer = None
            self.folder.journal.append("commit", generation=self.ix.latest_generation(),
                                documents=self.ix.doc_count())
        self._reset()

    def cancel(self) -> None:
        if self.writer is not None:
            try:
                self.writer.cancel()
            except Exception:  # a writer whose commit failed (disk full) can fail to cancel too;
                pass  # its files are orphans that the next commit removes
        self.keys.clear()  # both held what was just dropped
        self.pairings.clear()
        self._reset()

    def _reset(self) -> None:
        if self.reader is not None:
            self.reader.close()
        self.writer = self.reader = None
        self.pending = 0


def _verify(ix: index.Index) -> None:
    """Read a little of every segment: its first and last stored document and a term."""
    with ix.reader() as r:
        for leaf, _ in r.leaf_readers():
            n = leaf.doc_count_all()
            if n:
                leaf.stored_fields(0)
                leaf.stored_fields(n - 1)
                next(iter(leaf.lexicon("id")), None)
