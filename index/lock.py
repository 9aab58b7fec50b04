"""The writer lock: one indexing process at a time, the others wait.

The lock is an ``flock`` on ``LOCK`` in the index folder. The kernel drops
it when its holder exits, however it exits (kill -9 included), so a lock is
never stale: a dead holder's lock is simply free to take. The holder writes
who it is (pid, host, start time, command) into the file, so a process
that waits, and one that gives up, can say who holds the index.

The file is never deleted: deleting a locked file would let a second
process lock a new file of the same name while the first still writes.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import socket
import sys
import time
from pathlib import Path

from .errors import IndexLocked

FILE = "LOCK"
DEFAULT_WAIT_S = 60.0


class WriterLock:
    """Held from :meth:`acquire` to :meth:`release` (or the holder's death)."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.path = Path(folder, FILE)
        self.fd: int | None = None
        self.waited = 0.0

    def acquire(self, wait: float = DEFAULT_WAIT_S) -> None:
        """Take the lock, waiting up to ``wait`` seconds for the holder to finish."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        started = time.monotonic()
        pause = 0.05
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                self.waited = time.monotonic() - started
                if self.waited >= wait:
                    os.close(fd)
                    raise IndexLocked(
                        f"the index at {self.path.parent} is being written by {self.holder()};"
                        f" gave up after waiting {self.waited:.0f} s"
                        " (wait longer with --wait SECONDS, or try again when it is done)") from None
                time.sleep(min(pause, wait - self.waited))
                pause = min(pause * 2, 1.0)
        self.fd = fd
        me = {"pid": os.getpid(), "host": socket.gethostname(),
              "started": dt.datetime.now().isoformat(timespec="seconds"),
              "command": " ".join(os.path.basename(a) if i == 0 else a
                                  for i, a in enumerate(sys.argv))[:200]}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(me).encode("utf-8"), 0)

    def holder(self) -> str:
        """Who holds the lock, as the holder wrote it ("another process" if it has not yet)."""
        try:
            info = json.loads(self.path.read_text(encoding="utf-8"))
            return (f"pid {info['pid']} on {info['host']} (started {info['started']}:"
                    f" {info.get('command') or '?'})")
        except (OSError, ValueError, KeyError, TypeError):
            return "another process"

    def release(self) -> None:
        if self.fd is not None:
            os.ftruncate(self.fd, 0)
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None
