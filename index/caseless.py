r"""Regular expressions matched as Python's engine does, only faster.

Extraction matches hundreds of patterns over every report, and two flags
make Python's engine slow. ``re.IGNORECASE`` makes it fold every character
it compares and stops it skipping ahead to where a match can start: the
lower-cased pattern over the lower-cased text finds the same spans, three
times faster, as long as the text holds none of the characters that
``IGNORECASE`` takes for an ASCII letter while ``str.lower`` does not turn
them into it (dotted and dotless I, long s); such a text is matched the slow
way. And Unicode classes (``\w``, ``\b``, ``\s``) look every character up in
the Unicode tables: on a text of plain ASCII, ``re.ASCII`` means the same and
is a third faster. :class:`Caseless` and :class:`Exact` choose for each text.

A text that lacks a piece of text every match holds (the ``@`` of a team
tag, the `` for `` of "win for @H", read from the pattern by :mod:`index.patterns`)
is turned away before any matching.
"""
from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from functools import lru_cache
from re import _constants as sre, _parser  # type: ignore[attr-defined]
from typing import Any

from .patterns import keys, needs, trie_pattern

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


_UNICODE_ONLY_SPACES = re.compile("[\x1c-\x1f]")
_NON_ASCII = re.compile("[^\x00-\x7f]")
WORD_STAND_IN, SIGN_STAND_IN = "_", "\x7f"


@lru_cache(maxsize=1024)
def ascii_form(text: str) -> str | None:
    """``text`` as ``re.ASCII`` matches it like Unicode matches ``text``, or None.

    An ASCII text is its own form, unless it holds one of the four control characters that
    Unicode, unlike ASCII, counts as spaces. In another, each other character is stood in for
    by an ASCII one of the same classes: ``_`` for a letter (a word character, not a digit),
    DEL for a sign (neither a word character nor a space); a non-ASCII digit or space has no
    stand-in. Only a pattern that names no stand-in (:func:`names_stand_ins`) may match it.
    """
    if _UNICODE_ONLY_SPACES.search(text):
        return None
    if text.isascii():
        return text
    for ch in set(_NON_ASCII.findall(text)):
        if ch.isdecimal() or ch.isspace():
            return None
        text = text.replace(ch, WORD_STAND_IN if ch.isalnum() else SIGN_STAND_IN)
    return text


def names_stand_ins(pattern: str) -> bool:
    r"""Does ``pattern`` hold a character other than ASCII, or name a stand-in of
    :func:`ascii_form` (in a literal or a class), so that it could tell a stand-in from
    the character it stands in for?

    >>> names_stand_ins(r"\b[\w'-]+ (?:win|draw)\b"), names_stand_ins(r"[^_]"), names_stand_ins(r"[A-z]")
    (False, True, True)
    """
    if not pattern.isascii():
        return True
    stand_ins = (ord(WORD_STAND_IN), ord(SIGN_STAND_IN))

    def names(items: Any) -> bool:
        for op, av in items:
            if op in (sre.LITERAL, sre.NOT_LITERAL) and av in stand_ins:
                return True
            if op is sre.RANGE and any(av[0] <= c <= av[1] for c in stand_ins):
                return True
            if op is sre.IN and names(av):
                return True
            if any(names(sub) for sub in _parts(av)):
                return True
        return False

    return names(_parser.parse(pattern))


def _parts(av: Any) -> Iterator[Any]:
    """The parsed subpatterns inside an item's arguments (groups, repeats, alternatives)."""
    if isinstance(av, _parser.SubPattern):
        yield av
    elif isinstance(av, (tuple, list)):
        for x in av:
            if isinstance(x, (_parser.SubPattern, list)):
                yield from _parts(x)


class _Matcher:
    """The methods of a compiled pattern, over the form of the text :meth:`_pick` chooses.

    ``gated``: before matching, search the text for the pieces one of which every match holds
    (:func:`~index.patterns.keys`): worth it for a costly pattern over whole texts that few of them can match.
    """

    __slots__ = ("pattern", "needs", "keys", "_gate", "_stands_in", "_compiled")

    def __init__(self, pattern: str, matched: str, gated: bool) -> None:
        self.pattern = pattern
        self.needs = needs(matched)
        self.keys = keys(matched)
        self._gate = re.compile(trie_pattern(sorted(self.keys))) if gated and self.keys else None
        self._stands_in = not names_stand_ins(matched)
        self._compiled: tuple[str, dict[bool, re.Pattern[str]]] = (matched, {})

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.pattern!r})"

    def _variant(self, ascii: bool) -> re.Pattern[str]:
        """The pattern compiled for plain ASCII text or any text, on first need."""
        matched, done = self._compiled
        if ascii not in done:
            done[ascii] = re.compile(matched, re.ASCII if ascii else 0)
        return done[ascii]

    def _pick(self, text: str, pos: int, endpos: int) -> tuple[re.Pattern[str], str] | None:
        """The pattern and the form of ``text`` to match, or None when no match can be."""
        for piece in self.needs:
            if piece not in text:
                return None
        if self._gate is not None and not self._gate.search(text, pos, endpos):
            return None
        form = ascii_form(text)
        if form is text or (form is not None and self._stands_in):
            return self._variant(True), form
        return self._variant(False), text

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        picked = self._pick(text, pos, endpos)
        return picked[0].search(picked[1], pos, endpos) if picked else None

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        picked = self._pick(text, pos, endpos)
        return picked[0].match(picked[1], pos, endpos) if picked else None

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        picked = self._pick(text, pos, endpos)
        return picked[0].fullmatch(picked[1], pos, endpos) if picked else None

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        picked = self._pick(text, pos, endpos)
        return picked[0].finditer(picked[1], pos, endpos) if picked else iter(())

    def findall(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        picked = self._pick(text, pos, endpos)
        return picked[0].findall(picked[1], pos, endpos) if picked else []


class Exact(_Matcher):
    """A regular expression matched as ``re.compile(pattern)`` matches it."""

    __slots__ = ()

    def __init__(self, pattern: str, gated: bool = False) -> None:
        super().__init__(pattern, pattern, gated)


class Caseless(_Matcher):
    """A regular expression matched case-insensitively: what ``re.compile(pattern,
    re.IGNORECASE)`` finds, with the same spans, but group texts come in lower case
    (take the original's from the text by the group's span when case matters)."""

    __slots__ = ()

    def __init__(self, pattern: str, gated: bool = False) -> None:
        if any(not c.isascii() and c.lower() + c.upper() != c + c for c in pattern):
            raise ValueError(f"a caseless pattern may hold no letters but ASCII ones: {pattern!r}")
        super().__init__(pattern, lower_pattern(pattern), gated)

    def _pick(self, text: str, pos: int, endpos: int) -> tuple[re.Pattern[str], str] | None:
        low = lowered(text)
        if low is None:
            return _ignorecase(self.pattern), text
        return super()._pick(low, pos, endpos)


class Keys:
    """The :func:`~index.patterns.keys` of many patterns, found in a text with one scan. Patterns read over the
    same sentences share one (:class:`Gated`): a scan costs about the same for a few keys as
    for hundreds, and the last texts' finds are kept."""

    def __init__(self, pieces: Iterable[str]) -> None:
        self.pieces = frozenset(pieces)
        # a zero-width match at each place a key starts, holding the longest key there
        self._scan = re.compile(f"(?=({trie_pattern(sorted(self.pieces))}))") if self.pieces else None
        # the keys a found key holds: a key found inside a longer one is found too
        self._within = {k: frozenset(q for q in self.pieces if q in k) for k in self.pieces}

    @lru_cache(maxsize=256)
    def found(self, low: str) -> frozenset[str]:
        """The keys that :func:`lowered` text ``low`` holds."""
        if self._scan is None:
            return frozenset()
        return frozenset().union(*map(self._within.__getitem__, self._scan.findall(low)))


class Gated:
    """Caseless patterns tried one by one, each only on a text that holds one of its
    :func:`~index.patterns.keys` ("won", "beat", " for "). One scan of the text for every key of every pattern
    tells which patterns to try: a report's sentences are read with dozens of phrases each,
    most of them in vain. ``keys``: a scan shared with other groups, holding these keys."""

    __slots__ = ("patterns", "_keys")

    def __init__(self, patterns: Iterable[Caseless], keys: Keys | None = None) -> None:
        self.patterns = tuple(patterns)
        pieces = set().union(*(p.keys for p in self.patterns if p.keys is not None))
        if keys is not None and not keys.pieces >= pieces:
            raise ValueError("the shared keys lack some of the patterns' keys")
        self._keys = keys or Keys(pieces)

    def search(self, text: str) -> re.Match[str] | None:
        """The first match of the first pattern that matches ``text``."""
        return next(self.finditer(text), None)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches of each pattern in turn, as :meth:`Caseless.finditer` finds them."""
        low = lowered(text)
        if low is None:
            for pattern in self.patterns:
                yield from _ignorecase(pattern.pattern).finditer(text)
            return
        found = self._keys.found(low)
        for pattern in self.patterns:
            if pattern.keys is None or not pattern.keys.isdisjoint(found):
                picked = _Matcher._pick(pattern, low, 0, sys.maxsize)
                if picked:
                    yield from picked[0].finditer(picked[1])


@lru_cache(maxsize=None)
def _ignorecase(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)
