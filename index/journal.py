"""The journal: what each indexing run set out to do and what it committed.

One JSON object a line in ``journal.log`` in the index folder, appended and
fsynced under the writer lock:

- ``start``: a run began, with its inputs (absolute paths), pid and host;
- ``committing`` / ``commit``: a batch is being made durable / is durable,
  with the index generation and document count after it;
- ``end``: the run finished, with its counts.

It serves three purposes. The inputs of every run are the *recorded
sources* an index is rebuilt from when its files are found damaged. A
``start`` without an ``end`` tells the next run that one was interrupted,
and how far it got. And ``commit`` lines say what the index held after
each commit, which a check at open compares with what it finds.

A kill during an append leaves at most one torn last line; reading skips it
and the next append starts on a fresh line.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import socket
from pathlib import Path
from typing import Any

FILE = "journal.log"
COMPACT_BYTES = 256 * 1024


def fsync_path(path: str | os.PathLike[str]) -> None:
    """Make a file's data, or a folder's entries (new, renamed, deleted files), durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Journal:
    """The journal of one index folder (used only by the holder of its writer lock)."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.path = Path(folder, FILE)
        self.run = f"{os.getpid()}-{dt.datetime.now().strftime('%Y%m%dT%H%M%S.%f')}"

    def entries(self) -> list[dict[str, Any]]:
        """Every complete entry, oldest first (a torn or foreign line is skipped)."""
        try:
            lines = self.path.read_bytes().split(b"\n")
        except FileNotFoundError:
            return []
        out = []
        for line in lines:
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if isinstance(entry, dict) and "event" in entry:
                out.append(entry)
        return out

    def append(self, event: str, **fields: Any) -> None:
        """Add one entry and make it durable before returning."""
        entry = {"event": event, "run": self.run,
                 "time": dt.datetime.now().isoformat(timespec="seconds")} | fields
        line = json.dumps(entry, ensure_ascii=False).encode("utf-8") + b"\n"
        with self.path.open("ab") as fh:
            if fh.tell() and not self._ends_with_newline():
                line = b"\n" + line  # the last append was torn by a kill
            fh.write(line)
            fh.flush()
            os.fsync(fh.fileno())

    def _ends_with_newline(self) -> bool:
        with self.path.open("rb") as fh:
            fh.seek(-1, os.SEEK_END)
            return fh.read(1) == b"\n"

    def start(self, inputs: list[str]) -> None:
        self.compact()
        self.append("start", pid=os.getpid(), host=socket.gethostname(),
                    inputs=[os.path.abspath(p) for p in inputs])

    def inputs(self) -> list[str]:
        """Every input any run was given, in first-seen order: what a rebuild reads again."""
        seen: dict[str, None] = {}
        for e in self.entries():
            for p in e.get("inputs", []):
                seen.setdefault(p, None)
        return list(seen)

    def interrupted(self) -> str | None:
        """A one-line account of the last run if it never finished, else ``None``."""
        runs: dict[str, list[dict[str, Any]]] = {}
        for e in self.entries():
            runs.setdefault(e.get("run", ""), []).append(e)
        if not runs:
            return None
        last = list(runs.values())[-1]
        if last[0]["event"] != "start" or any(e["event"] == "end" for e in last):
            return None
        commits = [e for e in last if e["event"] == "commit"]
        where = ("during a commit" if last[-1]["event"] == "committing" else
                 f"after {len(commits)} commit{'s' * (len(commits) != 1)}")
        return (f"the previous run (pid {last[0].get('pid')}, started {last[0].get('time')})"
                f" stopped {where}; what it committed is kept and this run completes the rest")

    def last_commit(self) -> dict[str, Any] | None:
        commits = [e for e in self.entries() if e["event"] == "commit"]
        return commits[-1] if commits else None

    def reset(self, **fields: Any) -> None:
        """Forget every earlier run (the index was emptied on purpose): one entry remains."""
        self._rewrite([{"event": "reset", "run": self.run,
                        "time": dt.datetime.now().isoformat(timespec="seconds")} | fields])

    def compact(self) -> None:
        """Keep the journal small: past a size, only the inputs and the last commit remain."""
        try:
            if self.path.stat().st_size < COMPACT_BYTES:
                return
        except FileNotFoundError:
            return
        keep: list[dict[str, Any]] = [{"event": "inputs", "run": "compacted",
                                      "inputs": self.inputs()}]
        last = self.last_commit()
        if last:
            keep.append(last)
        self._rewrite(keep)

    def _rewrite(self, entries: list[dict[str, Any]]) -> None:
        tmp = self.path.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            for e in entries:
                fh.write(json.dumps(e, ensure_ascii=False).encode("utf-8") + b"\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)
        fsync_path(self.path.parent)
