"""Case-insensitive matching at the speed of case-sensitive matching.

``re.IGNORECASE`` makes Python's regex engine fold every character it
compares and stops it from skipping ahead to where a match can start, which
makes a pattern about three times slower. The lower-cased pattern over the
lower-cased text finds the same spans, as long as the text holds none of the
characters that ``IGNORECASE`` takes for an ASCII letter while ``str.lower``
does not turn them into it (dotted and dotless I, long s); such a text is
matched the slow way. Extraction matches hundreds of case-insensitive
patterns over every report, so it uses :class:`Caseless` for them.

A text that lacks a character every match of the pattern holds (the ``@``
of a team tag, the ``-`` of a score) is turned away before any matching.
"""
from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import cache, lru_cache
from re import _constants as sre, _parser  # type: ignore[attr-defined]
from typing import Any

from .knowledge import lower, lower_pattern

FOLDS_TO_ASCII = "\u0130\u0131\u017f"  # İ ı ſ
_UNSAFE = re.compile(f"[{FOLDS_TO_ASCII}]")


@lru_cache(maxsize=4096)
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
        if not pattern.isascii():
            raise ValueError(f"a caseless pattern must be ASCII: {pattern!r}")
        self.pattern = pattern
        self.needs = needs(pattern)
        self._fast = re.compile(lower_pattern(pattern))

    def __repr__(self) -> str:
        return f"Caseless({self.pattern!r})"

    def _pick(self, text: str) -> tuple[re.Pattern[str], str] | None:
        """The pattern and text to match, or None when the text cannot match."""
        for ch in self.needs:
            if ch not in text:
                return None
        low = lowered(text)
        return (self._fast, low) if low is not None else (_ignorecase(self.pattern), text)

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


def needs(pattern: str) -> str:
    r"""The characters other than letters and spaces that every match of ``pattern`` holds,
    whatever the case: those outside any optional part, or in every alternative.

    >>> needs(r"(?P<t>@[HA]) (?:led|leading) (?P<x>\d{1,2})-(?P<y>\d{1,2})")
    '-@'
    """
    def held(items: Any) -> set[str]:
        out: set[str] = set()
        for op, av in items:
            if op is sre.LITERAL:
                out.add(chr(av))
            elif op is sre.SUBPATTERN:
                out |= held(av[3])
            elif op is sre.ATOMIC_GROUP:
                out |= held(av)
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
                out |= held(av[2])
            elif op is sre.BRANCH:
                out |= set.intersection(*(held(alt) for alt in av[1]))
        return out

    return "".join(sorted(c for c in held(_parser.parse(pattern)) if not c.isalpha() and c != " "))


@cache
def _ignorecase(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)
