"""Reading: turn paths into raw articles, or into a reason why not.

An archive holds years of collected files, so reading never raises for bad
input: every path yields either :class:`RawArticle` items or one
:class:`Skipped` with a one-line reason, and the caller goes on.
"""
from __future__ import annotations

import codecs
import errno
import hashlib
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .lock import FILE as INDEX_MARK  # every index folder has its writer lock file

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html",
                 ".jsonl": "jsonl", ".ndjson": "jsonl"}
TEXT_KEYS = ("text", "body", "content")
# control characters out of all text read: a report's text must not drive the terminal it is
# shown on (escape sequences) nor confuse what reads it; tabs, line and page breaks stay
CONTROLS = (dict.fromkeys([*range(0, 9), *range(14, 32), 127, *range(0x80, 0xA0)])
            | {0x85: "\n"})
HAS_CONTROLS = re.compile("[" + "".join(map(re.escape, map(chr, CONTROLS))) + "]")


def without_controls(text: str) -> str:
    """``text`` with its control characters removed: searched for first, since translating
    a whole report character by character costs more than reading it and few have any."""
    return text.translate(CONTROLS) if HAS_CONTROLS.search(text) else text


@dataclass(frozen=True, slots=True)
class RawArticle:
    """One article as read, before normalisation.

    ``source`` identifies where it lives (a path, or ``path#id`` inside JSON
    lines) and is what a changed file replaces; ``digest`` is the hash of the
    bytes it came from, so unchanged inputs are skipped before any work.
    """

    source: str
    path: str
    text: str
    digest: str
    title: str | None = None
    date: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that was not indexed, and why (one line, for the summary)."""

    source: str
    reason: str


Item = RawArticle | Skipped


def discover(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | Skipped]:
    """Expand files and folders (recursively, in a stable order) into readable files.

    Folders yield only files of known suffixes (and skip index folders); a
    file named explicitly is read whatever its suffix (as text). Missing
    paths, broken links, symlink loops, unreadable folders and anything that
    is not a regular file (a FIFO would block forever) become :class:`Skipped`.
    """
    seen: set[str] = set()
    for raw in paths:
        p = Path(raw)
        problem = _problem(p)
        if problem:
            yield Skipped(str(p), problem)
        elif p.is_dir():
            yield from _walk(p, seen)
        elif _once(p, seen):
            yield p


def _problem(p: Path) -> str | None:
    """Why ``p`` cannot be read as a file or folder, or ``None``."""
    try:
        st = p.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink loop"
        if exc.errno == errno.ENOENT:
            return "broken link" if p.is_symlink() else "no such file or folder"
        return f"cannot read: {exc.strerror or exc}"
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode)):
        return "not a regular file"
    return None


def _once(p: Path, seen: set[str]) -> bool:
    key = os.path.realpath(p)
    if key in seen:
        return False
    seen.add(key)
    return True


def _walk(top: Path, seen: set[str]) -> Iterator[Path | Skipped]:
    errors: list[OSError] = []
    visited: set[str] = set()
    for root, dirs, files in os.walk(top, followlinks=True, onerror=errors.append):
        real = os.path.realpath(root)
        if real in visited:  # a symlink leads back to a folder already walked (a loop or an alias)
            dirs[:] = []
            yield Skipped(root, "symlink loop or alias, folder already read")
            continue
        visited.add(real)
        if INDEX_MARK in files:
            dirs[:] = []
            yield Skipped(root, "a matchsearch index folder, not reports")
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            p = Path(root, name)
            if name.startswith(".") or p.suffix.lower() not in TEXT_SUFFIXES or not _once(p, seen):
                continue
            problem = _problem(p)
            yield Skipped(str(p), problem) if problem else p
    for err in errors:
        yield Skipped(str(err.filename), f"cannot read folder: {err.strerror}")


def read_path(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Read one file into articles; JSON lines give one article a line."""
    kind = TEXT_SUFFIXES.get(path.suffix.lower(), "text")
    try:
        if kind == "jsonl":
            yield from _read_jsonl(path, max_bytes)
            return
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)  # bounded even if the file grows after a size check
        if len(data) > max_bytes:
            size = max(path.stat().st_size, len(data))
            yield Skipped(str(path), f"larger than the {_mb(max_bytes)} limit ({_mb(size)})")
            return
    except OSError as exc:
        yield Skipped(str(path), f"cannot read: {exc.strerror or exc}")
        return
    digest = _digest(data)
    text = decode(data, html=kind == "html")
    if text is None:
        yield Skipped(str(path), "binary file, not text")
        return
    if kind == "html":
        from .html import html_to_text  # BeautifulSoup loads only when there is HTML to read
        text = html_to_text(text)
    text = without_controls(text)
    if not text.strip():
        yield Skipped(str(path), "empty" if not data.strip() else "no text in it")
        return
    yield RawArticle(source=str(path), path=str(path), text=text, digest=digest)


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[Item]:
    with path.open("rb") as fh:
        for lineno, line in _lines(fh, max_bytes):
            where = f"{path}:{lineno}"
            if line is None:
                yield Skipped(where, f"line larger than the {_mb(max_bytes)} limit")
                continue
            if lineno == 1:
                line = line.removeprefix(b"\xef\xbb\xbf")
            if not line.strip():
                continue
            try:
                obj = json.loads(decode(line) or "")
            except ValueError as exc:
                yield Skipped(where, f"broken JSON line ({getattr(exc, 'msg', exc)})")
                continue
            except RecursionError:
                yield Skipped(where, "JSON line nested too deeply")
                continue
            if not isinstance(obj, dict):
                yield Skipped(where, "JSON line is not an object")
                continue
            text = next((without_controls(obj[k]) for k in TEXT_KEYS if isinstance(obj.get(k), str)),
                        None)
            if text is None or not text.strip():
                yield Skipped(where, "no text in 'text', 'body' or 'content'")
                continue
            ident = obj.get("id")
            source = f"{path}#{ident}" if isinstance(ident, (str, int)) and str(ident) else where
            yield RawArticle(
                source=source, path=str(path), text=text, digest=_digest(line),
                title=_str(obj.get("title")), date=_str(obj.get("date")), url=_str(obj.get("url")),
            )


def _lines(fh: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines, never holding more than ``limit`` bytes: a longer line gives ``None``."""
    lineno = 0
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        lineno += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield lineno, None
        else:
            yield lineno, line


def read_all(paths: Iterable[str | os.PathLike[str]],
             max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Every article under ``paths``, and a :class:`Skipped` for each input that failed."""
    for found in discover(paths):
        if isinstance(found, Skipped):
            yield found
        else:
            yield from read_path(found, max_bytes)


def decode(data: bytes, html: bool = False) -> str | None:
    """Decode text of any encoding an archive holds; ``None`` for binary data.

    BOMs decide first (UTF-8, UTF-16); then UTF-16 without a BOM (NULs in
    every other byte); NULs otherwise mean binary. The rest is read as
    UTF-8, except that bytes which are not UTF-8 are read as Windows-1252
    (Latin-1 for the few it leaves undefined): Latin-1 files and UTF-8 files
    with stray Latin-1 bytes both come out right. HTML that is not UTF-8 and
    declares its charset is read in that charset.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if max(even, odd) * 3 > len(sample) and min(even, odd) * 10 < max(even, odd):
        text = data.decode("utf-16-le" if odd > even else "utf-16-be", errors="replace")
        return None if _looks_binary(text) else text
    if b"\x00" in sample:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        declared = _declared_charset(data) if html else None
        text = data.decode(declared or "utf-8", errors="replace" if declared else _CP1252_FALLBACK)
    return None if _looks_binary(text) else text


def _declared_charset(data: bytes) -> str | None:
    found = re.search(rb"""<meta[^>]*charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", data[:4096], re.I)
    if not found:
        return None
    try:
        name = codecs.lookup(found.group(1).decode("ascii")).name
    except LookupError:
        return None
    return None if name in ("utf-8", "iso8859-1", "cp1252") else name  # those: the fallback is right


def _cp1252(err: UnicodeError) -> tuple[str, int]:
    """Bytes that are not UTF-8, read as Windows-1252 (or Latin-1 where 1252 has a gap)."""
    assert isinstance(err, UnicodeDecodeError)
    bad = err.object[err.start:err.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad), err.end


_CP1252_FALLBACK = "matchsearch-cp1252"
codecs.register_error(_CP1252_FALLBACK, _cp1252)


BINARY_CONTROL = re.compile("[" + "".join(re.escape(chr(c)) for c in range(32) if chr(c) not in "\t\n\r\f\v") + "]")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    control = len(BINARY_CONTROL.findall(sample))
    return "\x00" in sample or control * 20 > len(sample)


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=12).hexdigest()


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def _str(value: object) -> str | None:
    return without_controls(value).strip() or None if isinstance(value, str) else None
