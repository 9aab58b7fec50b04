"""Reading: turn paths into raw articles, or into a reason why not.

An archive holds years of collected files, so reading never raises for bad
input: every path yields either :class:`RawArticle` items or one
:class:`Skipped` with a one-line reason, and the caller goes on.
"""
from __future__ import annotations

import codecs
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html",
                 ".jsonl": "jsonl", ".ndjson": "jsonl"}
TEXT_KEYS = ("text", "body", "content")


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

    Folders yield only files of known suffixes; a file named explicitly is
    read whatever its suffix (as text). Symlink loops, missing paths and
    unreadable folders become :class:`Skipped`.
    """
    seen: set[str] = set()
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            yield Skipped(str(p), "no such file or folder" if not p.is_symlink() else "broken link")
            continue
        if p.is_dir():
            yield from _walk(p, seen)
        elif _once(p, seen):
            yield p


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
        if real in visited:  # a symlink loop leads back to a folder already walked
            dirs[:] = []
            yield Skipped(root, "symlink loop, folder already read")
            continue
        visited.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            p = Path(root, name)
            if p.suffix.lower() in TEXT_SUFFIXES and _once(p, seen):
                if not p.exists():
                    yield Skipped(str(p), "broken link")
                else:
                    yield p
    for err in errors:
        yield Skipped(str(err.filename), f"cannot read folder: {err.strerror}")


def read_path(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Read one file into articles; JSON lines give one article a line."""
    kind = TEXT_SUFFIXES.get(path.suffix.lower(), "text")
    try:
        size = path.stat().st_size
        if kind != "jsonl" and size > max_bytes:
            yield Skipped(str(path), f"larger than the {_mb(max_bytes)} limit ({_mb(size)})")
            return
        if kind == "jsonl":
            yield from _read_jsonl(path, max_bytes)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Skipped(str(path), f"cannot read: {exc.strerror or exc}")
        return
    digest = _digest(data)
    text = decode(data)
    if text is None:
        yield Skipped(str(path), "binary file, not text")
        return
    if kind == "html":
        from .html import html_to_text  # BeautifulSoup loads only when there is HTML to read
        text = html_to_text(text)
    if not text.strip():
        yield Skipped(str(path), "empty")
        return
    yield RawArticle(source=str(path), path=str(path), text=text, digest=digest)


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[Item]:
    with path.open("rb") as fh:
        for lineno, line in enumerate(fh, 1):
            where = f"{path}:{lineno}"
            if not line.strip():
                continue
            if len(line) > max_bytes:
                yield Skipped(where, f"line larger than the {_mb(max_bytes)} limit")
                continue
            try:
                obj = json.loads(line)
            except ValueError as exc:
                yield Skipped(where, f"broken JSON line: {exc}")
                continue
            if not isinstance(obj, dict):
                yield Skipped(where, "JSON line is not an object")
                continue
            text = next((obj[k] for k in TEXT_KEYS if isinstance(obj.get(k), str)), None)
            if text is None or not text.strip():
                yield Skipped(where, "no text in 'text', 'body' or 'content'")
                continue
            ident = obj.get("id")
            source = f"{path}#{ident}" if isinstance(ident, (str, int)) and str(ident) else where
            yield RawArticle(
                source=source, path=str(path), text=text, digest=_digest(line),
                title=_str(obj.get("title")), date=_str(obj.get("date")), url=_str(obj.get("url")),
            )


def read_all(paths: Iterable[str | os.PathLike[str]],
             max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Every article under ``paths``, and a :class:`Skipped` for each input that failed."""
    for found in discover(paths):
        if isinstance(found, Skipped):
            yield found
        else:
            yield from read_path(found, max_bytes)


def decode(data: bytes) -> str | None:
    """Decode text of any encoding an archive holds; ``None`` for binary data.

    BOMs decide first (UTF-8, UTF-16); then UTF-8; then UTF-16 without a BOM
    (NULs in every other byte); NULs otherwise mean binary; last, Windows-1252
    with Latin-1 for the bytes 1252 leaves undefined.
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
        return None if _looks_binary(text := data.decode("utf-8")) else text
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors=_LATIN1_FALLBACK)
    return None if _looks_binary(text) else text


def _latin1(err: UnicodeError) -> tuple[str, int]:
    """Bytes Windows-1252 leaves undefined (0x81, 0x8d...) read as Latin-1."""
    assert isinstance(err, UnicodeDecodeError)
    return err.object[err.start:err.end].decode("latin-1"), err.end


_LATIN1_FALLBACK = "matchsearch-latin1"
codecs.register_error(_LATIN1_FALLBACK, _latin1)


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return "\x00" in sample or control * 20 > len(sample)


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=12).hexdigest()


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def _str(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
