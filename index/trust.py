"""The trust boundary: an index folder is trusted like code.

Whoosh keeps its schema and segment list with pickle, so opening an index
runs code its files name. Anyone who can write the folder could put code
there; so matchsearch refuses to open an index that people other than its
owner can write: a world-writable folder or file, or one owned by another
user (root excepted, who can write everything anyway).
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import UntrustedIndex


def check_trusted(folder: str | os.PathLike[str]) -> None:
    """Raise :class:`UntrustedIndex` if others could have written the index at ``folder``."""
    top = Path(folder)
    try:
        entries = [top] + [p for p in top.iterdir() if not p.is_symlink()]
    except (FileNotFoundError, NotADirectoryError):
        return  # nothing to open there; the caller says so
    me = os.geteuid()
    for path in entries:
        try:
            st = path.stat()
        except OSError:
            continue
        problem = None
        if st.st_mode & stat.S_IWOTH:
            problem = "is writable by every user"
        elif st.st_uid not in (me, 0):
            problem = f"belongs to another user (uid {st.st_uid})"
        if problem:
            raise UntrustedIndex(
                f"refusing to open the index at {top}: {path} {problem}, and opening an index"
                " runs code from its files (see 'Trust' in the README);"
                f" if you trust it, fix with: chmod -R go-w {top}"
                + (" and chown it" if "another user" in problem else ""))
