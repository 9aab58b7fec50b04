"""An index folder held for writing: its lock, its journal, and its housekeeping.

Everything here happens under the writer lock and needs no Whoosh: taking
the lock (after the trust check), removing what a killed writer left behind
(temporary TOC files and temporary folders, which Whoosh never cleans up),
moving a damaged index aside, and the notes a run reports about all this.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

from .errors import IndexProblem, NotAnIndex
from .journal import FILE as JOURNAL_FILE
from .journal import Journal, fsync_path
from .lock import FILE as LOCK_FILE
from .lock import WriterLock
from .trust import check_trusted

INDEX_NAME = "MAIN"
WHOOSH_FILES = (f"_{INDEX_NAME}_", f"{INDEX_NAME}_")
TOC = re.compile(rf"^_{INDEX_NAME}_\d+\.toc$")
LEFTOVER = re.compile(rf"^_{INDEX_NAME}_\d+\.toc\..+|.+\.tmp$")  # temp TOCs, writer temp folders


class Folder:
    """An index folder whose writer lock this process holds, from :meth:`take` to :meth:`release`."""

    def __init__(self, path: Path, lock: WriterLock) -> None:
        self.path = path
        self.lock = lock
        self.journal = Journal(path)
        self.notes: list[str] = []

    @classmethod
    def take(cls, where: str | os.PathLike[str], wait: float) -> Folder:
        """Lock the folder for writing (waiting up to ``wait`` s), refusing one others can write."""
        path = Path(where)
        if path.exists() and not path.is_dir():
            raise IndexProblem(f"{path} is a file, not an index folder")
        check_trusted(path)
        lock = WriterLock(path)
        try:
            lock.acquire(wait)
        except OSError as exc:  # not a folder, no permission, read-only file system...
            raise IndexProblem(f"cannot write an index at {path}: {exc.strerror or exc}") from exc
        try:
            check_trusted(path)  # again: it may have changed while we waited
            folder = cls(path, lock)
            folder._clear_leftovers()
        except BaseException:
            lock.release()
            raise
        if lock.waited:
            folder.notes.append(f"waited {lock.waited:.0f} s for another indexing run to finish")
        if (gap := folder.journal.interrupted()) is not None:
            folder.notes.append(gap)
        return folder

    def release(self) -> None:
        self.lock.release()

    def _clear_leftovers(self) -> None:
        for p in self.path.iterdir():
            if LEFTOVER.match(p.name):
                shutil.rmtree(p) if p.is_dir() and not p.is_symlink() else p.unlink()

    def move_aside(self, damage: str) -> list[str]:
        """Move a damaged index's files into ``damaged-TIME/`` (nothing is deleted).

        Returns the recorded inputs of every earlier run: what to index again.
        """
        aside = self.path / f"damaged-{dt.datetime.now():%Y%m%dT%H%M%S}"
        aside.mkdir()
        for p in self.path.iterdir():
            if p.name.startswith(WHOOSH_FILES):
                p.rename(aside / p.name)
        fsync_path(self.path)
        inputs = self.journal.inputs()
        self.journal.append("repaired", damage=damage, moved_to=str(aside))
        self.notes = [n for n in self.notes if not n.startswith("the previous run")]
        self.notes.append(f"the index could not be read ({damage}); its files are now in {aside};"
                          f" rebuilding it from the {len(inputs)} recorded input(s)")
        return inputs


def refuse_foreign(path: Path) -> None:
    """Refuse to empty a folder that holds files but no index (someone else's folder)."""
    if not path.exists() or any(TOC.match(p.name) for p in path.iterdir()):
        return
    if any(p.name not in (LOCK_FILE, JOURNAL_FILE) for p in path.iterdir()):
        raise NotAnIndex(f"{path} is not a matchsearch index; not deleting it")
