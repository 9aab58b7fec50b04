"""Case-insensitive matching at the speed of case-sensitive matching.

``re.IGNORECASE`` makes Python's regex engine fold every character it
compares and stops it from skipping ahead to where a match can start, which
makes a pattern about three times slower. The lower-cased pattern over the
lower-cased text finds the same spans, as long as the text holds none of the
characters that ``IGNORECASE`` takes for an ASCII letter while ``str.lower``
does not turn them into it (dotted and dotless I, long s); such a text is
matched the slow way. Extraction matches hundreds of case-insensitive
patterns over every report, so it uses :class:`Caseless` for them.

A text that lacks a piece of text every match holds (the ``@`` of a team
tag, the `` for `` of "win for @H") is turned away before any matching.
"""
from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import cache, lru_cache
from re import _constants as sre, _parser  # type: ignore[attr-defined]
from typing import Any

FOLDS_TO_ASCII = "\u0130\u0131\u017f"  # İ ı ſ
_UNSAFE = re.compile(f"[{FOLDS_TO_ASCII}]")


def lower(text: str) -> str:
    """Lower case of the same length, so spans found in it index the original text.

    Matching lower-cased text with a lower-cased pattern is about three times
    faster than ``re.IGNORECASE``.
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def lower_pattern(pattern: str) -> str:
    r"""A regular expression for :func:`lower` text: letters lowered, escapes and group names kept.

    Over lower-cased text it matches what ``pattern`` matches case-insensitively
    (see :func:`lowered` for the text where that holds). A pattern whose
    meaning lowering would change raises ``ValueError``: a character code
    (``\x41``), a class range that is not all one case (``[!-Z]``), or a part
    that turns case-insensitivity off (``(?-i:...)``).

    >>> print(lower_pattern(r"Subs Not Used|(?P<Side>\W[A-Z])\d\b"))
    subs not used|(?P<Side>\W[a-z])\d\b
    """
    out = []
    i, in_class = 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            if pattern[i + 1:i + 2] in CODE_ESCAPES:
                raise ValueError(f"cannot lower a character code: {pattern[i:i + 2]!r}")
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if not in_class and pattern.startswith(("(?P<", "(?P="), i):
            close = pattern.index(">" if pattern[i + 3] == "<" else ")", i)
            out.append(pattern[i:close + 1])
            i = close + 1
            continue
        if not in_class and pattern.startswith("(?-", i):
            raise ValueError("cannot lower a pattern that turns flags off")
        if ch == "[" and not in_class:
            in_class, start = True, i
            i += 2 if pattern.startswith("[^", i) else 1
            i += 1 if pattern.startswith("]", i) else 0  # a "]" right after "[" is a literal
            out.append(pattern[start:i])
            continue
        if in_class and ch == "]":
            in_class = False
        elif in_class and ch == "-" and pattern[i + 1] != "]":
            _check_range(pattern[i - 1], pattern[i + 1])
        out.append(ch.lower())
        i += 1
    return "".join(out)


CODE_ESCAPES = frozenset("xuUN01234567")


def _check_range(low: str, high: str) -> None:
    """A class range means the same in lower case only if it is all letters of one case or
    holds no letter (``a-z``, ``A-Z``, ``0-9``)."""
    if not ((low.isupper() and high.isupper()) or (low.islower() and high.islower())
            or not any(c.isalpha() for c in map(chr, range(ord(low), ord(high) + 1)))):
        raise ValueError(f"cannot lower the class range {low}-{high}")



@lru_cache(maxsize=1024)
def lowered(text: str) -> str | None:
    """``text`` in lower case, or None when it holds a character that lowering would not
    match as ``IGNORECASE`` does. Cached: many patterns are matched over each text."""
    if text.isascii():
        return text.lower()
    return None if _UNSAFE.search(text) else lower(text)


class Caseless:
    """A regular expression matched case-insensitively: what ``re.compile(pattern,
    re.IGNORECASE)`` finds, with the same spans, but group texts come in lower case
    (take the original's from the text by the group's span when case matters)."""

    __slots__ = ("pattern", "needs", "_fast")

    def __init__(self, pattern: str) -> None:
        if any(not c.isascii() and c.lower() + c.upper() != c + c for c in pattern):
            raise ValueError(f"a caseless pattern may hold no letters but ASCII ones: {pattern!r}")
        self.pattern = pattern
        self._fast = re.compile(lower_pattern(pattern))
        self.needs = needs(self._fast.pattern)

    def __repr__(self) -> str:
        return f"Caseless({self.pattern!r})"

    def _pick(self, text: str) -> tuple[re.Pattern[str], str] | None:
        """The pattern and text to match, or None when the text cannot match."""
        low = lowered(text)
        if low is None:
            return _ignorecase(self.pattern), text
        for piece in self.needs:
            if piece not in low:
                return None
        return self._fast, low

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        picked = self._pick(text)
        return picked[0].search(picked[1], pos, endpos) if picked else None

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        picked = self._pick(text)
        return picked[0].match(picked[1], pos, endpos) if picked else None

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        picked = self._pick(text)
        return picked[0].fullmatch(picked[1], pos, endpos) if picked else None

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        picked = self._pick(text)
        return picked[0].finditer(picked[1], pos, endpos) if picked else iter(())

    def findall(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        picked = self._pick(text)
        return picked[0].findall(picked[1], pos, endpos) if picked else []


def needs(pattern: str) -> tuple[str, ...]:
    r"""Pieces of text every match of ``pattern`` holds (matched as written, case and all):
    runs of literal characters outside any optional part or alternative, or in every
    alternative. Runs of spaces alone are left out, since every text has them.

    >>> needs(r"(?:win|victory) for (?P<t>@[ha])\b(?! over)")
    (' for ', '@')
    >>> needs(r"\b(?:made|make) it (?P<x>\d{1,2})-(?P<y>\d{1,2})")
    ('ma', ' it ', '-')
    """
    def runs(items: Any) -> set[str]:
        found: set[str] = set()
        run = ""
        for op, av in items:
            if op is sre.LITERAL:
                run += chr(av)
                continue
            found.add(run)
            run = ""
            if op is sre.SUBPATTERN:
                found |= runs(av[3])
            elif op is sre.ATOMIC_GROUP:
                found |= runs(av)
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
                found |= runs(av[2])
            elif op is sre.BRANCH:
                found |= set.intersection(*(runs(alt) for alt in av[1]))
        found.add(run)
        return found

    return tuple(sorted((r for r in runs(_parser.parse(pattern)) if r.strip()), key=pattern.find))


@cache
def _ignorecase(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)
