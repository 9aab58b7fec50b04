"""What a regular expression's matches must begin with, read from the expression itself.

Most event phrases begin with one of a few words right after a ``\\b``
(``\\b(?:booked|cautioned|...)``); :func:`starts` parses a compiled pattern
and lists those words, with the first characters of each match that begins
there, so that :mod:`.wordscan` need try the pattern only where they stand.
What it cannot read it widens (a lookahead is skipped) or gives up on
(``None``): the list is always a superset of where matches begin.
"""
from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..caseless import lowered
from ..patterns import trie_pattern

# Markers in a derived prefix: a ``\b`` holds before it, a run of word characters, a digit,
# the end of a word.
BOUNDARY, WORD, DIGIT, END = "\x00", "\x01", "\x02", "\x03"
HORIZON = 12  # how many characters of a beginning are read, to check before trying a pattern
LITERAL_LENGTH = 8  # the least kept of a beginning that may lie inside a word
MAX_PREFIXES = 5000
WORD_RUN = re.compile(r"\w+")
IS_WORD = re.compile(r"\w")
IS_DIGIT = re.compile(r"\d")
WORDS = (sre.CATEGORY_WORD, sre.CATEGORY_UNI_WORD)  # the classes \w and \d, read as runs
DIGITS = (sre.CATEGORY_DIGIT, sre.CATEGORY_UNI_DIGIT)
RUNS = WORDS + DIGITS


@dataclass(frozen=True)
class Starts:
    """Where a pattern's matches may begin: at a word that is a key of ``words`` (each match
    then begins with one of its strings), begins with one of ``prefixes``, is followed by one
    of the strings ``before`` ("Muriel's "), or is a run of digits followed by one of the
    strings ``digits`` (" minute", "th minute"; "" for anything); or anywhere one of the
    strings ``literals`` begins."""

    words: Mapping[str, frozenset[str]] = field(default_factory=dict)
    prefixes: frozenset[str] = frozenset()
    before: frozenset[str] = frozenset()
    digits: frozenset[str] = frozenset()
    literals: frozenset[str] = frozenset()


class _TooMany(Exception):
    """The pattern begins in more ways than are worth listing."""


def starts(pattern: re.Pattern[str]) -> Starts | None:
    """Where ``pattern``'s matches may begin, or ``None`` when it cannot be told.

    Zero-width assertions other than a leading ``\\b`` are skipped, which can only widen
    the result: a position they would rule out is tried and fails to match. A
    case-insensitive pattern's letters are given lower-cased.
    """
    if pattern.flags & (re.VERBOSE | re.ASCII):
        return None  # ASCII: its \b is not where a word of the text begins
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    for horizon in (HORIZON, 0):  # read less of a pattern that begins in too many ways
        try:
            opened, closed = _Walk(bool(pattern.flags & re.IGNORECASE), horizon).run(parsed, {""})
        except _TooMany:
            continue
        return _sorted(opened | closed)
    return None


def _sorted(prefixes: set[str]) -> Starts | None:
    """The derived prefixes sorted by the way they begin (see :class:`Starts`)."""
    if any(not p.startswith(BOUNDARY) for p in prefixes):
        # some may begin inside a word: look all of them up as they are
        literals = {p.removeprefix(BOUNDARY).replace(END, "") for p in prefixes}
        if "" in literals or any(WORD in p or DIGIT in p for p in literals):
            return None
        return Starts(literals=frozenset(literals))
    words: dict[str, set[str]] = defaultdict(set)
    found: dict[str, set[str]] = {"prefixes": set(), "before": set(), "digits": set(), "literals": set()}
    for p in prefixes:
        head, rest = p[1:2], p[2:].replace(END, "")
        if head == DIGIT:
            found["digits"].add("" if IS_DIGIT.match(rest) else rest)  # the run of digits ends before it
        elif head == WORD and rest and not IS_WORD.match(rest):
            found["before"].add(rest)
        elif head and head not in (WORD, DIGIT) and not IS_WORD.match(head):
            # a sign right after a word ("'s try", "£5"): looked up as it is
            if WORD in rest or DIGIT in rest:
                return None
            found["literals"].add(head + rest)
        elif not head or not IS_WORD.match(head):
            return None
        else:
            word = WORD_RUN.match(p, 1)
            assert word is not None
            if word.end() < len(p):
                words[word[0]].add(p[1:].replace(END, ""))
            else:
                found["prefixes"].add(word[0])
    return Starts({w: frozenset(v) for w, v in words.items()}, **{k: frozenset(v) for k, v in found.items()})


@dataclass(frozen=True)
class _Walk:
    """Reads a parsed pattern's literal beginnings, ``horizon`` characters of each at most."""

    caseless: bool
    horizon: int

    def run(self, items: Sequence[tuple[object, object]], opened: set[str]) -> tuple[set[str], set[str]]:
        """The prefixes after ``items``: those that may still grow, and those that end here."""
        closed: set[str] = set()
        for op, arg in items:
            if not opened:
                break
            if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
                if op is sre.AT and arg is sre.AT_BOUNDARY:
                    opened = {p or BOUNDARY for p in opened}
                if op is sre.AT and arg is sre.AT_BOUNDARY or op is sre.ASSERT_NOT and _no_word_next(arg):
                    # after a letter, "\b" and "(?![\w-])" say the word ends there
                    opened = {p + END if IS_WORD.match(p[-1:]) else p for p in opened}
                continue
            chars = self._chars(op, arg)
            if chars is not None:
                opened = {p + c for p in opened for c in chars}
                done = {p for p in opened if self._long_enough(p)}  # (a group checks its own)
                opened -= done
                closed |= done
            elif op is sre.SUBPATTERN and not arg[1] and not arg[2]:  # a group that keeps the flags
                opened, shut = self.run(arg[3], opened)
                closed |= shut
            elif op is sre.BRANCH:
                grown: set[str] = set()
                for branch in arg[1]:
                    more, shut = self.run(branch, opened)
                    grown |= more
                    closed |= shut
                opened = grown
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
                opened, shut = self._repeat(arg, opened)
                closed |= shut
            elif op is sre.IN and _is_class([(op, arg)], *RUNS):  # one word character or digit: a run of one
                opened, shut = self._repeat((1, 1, [(op, arg)]), opened)
                closed |= shut
            else:
                closed |= opened
                opened = set()
            if len(opened) + len(closed) > MAX_PREFIXES:
                raise _TooMany
        return opened, closed

    def _repeat(self, arg: tuple, opened: set[str]) -> tuple[set[str], set[str]]:
        """The prefixes after ``x{lo,hi}``."""
        lo, hi, body = arg
        marker = (WORD if _is_class(body, *WORDS) else DIGIT if _is_class(body, *DIGITS) else None)
        if lo >= 1 and marker:
            # a run of word characters or digits right after the \b: any word may begin the match
            at_start = {p for p in opened if p == BOUNDARY}
            return {p + marker for p in at_start}, opened - at_start
        grown, shut = self.run(body, opened)
        if lo == 0 and hi == 1:
            return opened | grown, shut
        if lo == 0:
            return opened, shut | grown
        if lo == hi == 1:
            return grown, shut
        return set(), shut | grown

    def _chars(self, op: object, arg: object) -> list[str] | None:
        """The characters one item matches, when it is a literal or a set of literals."""
        if op is sre.LITERAL:
            codes = [arg]
        elif op is sre.IN and all(kind is sre.LITERAL for kind, _ in arg):
            codes = [code for _, code in arg]
        else:
            return None
        chars = [chr(c).lower() if self.caseless else chr(c) for c in codes]
        return chars if all(len(c) == 1 for c in chars) else None

    def _long_enough(self, prefix: str) -> bool:
        """Has ``prefix`` told enough: after a ``\\b``, its first word whole (or the character
        after any word) and ``horizon`` characters; elsewhere, ``LITERAL_LENGTH`` or more."""
        if not prefix.startswith(BOUNDARY):
            return len(prefix) >= max(LITERAL_LENGTH, self.horizon)
        body = prefix[1:]
        if body[:1] in (WORD, DIGIT):  # what follows the run of characters
            return len(body) > 1 and len(body) >= self.horizon
        if len(body) < self.horizon:
            return False
        word = WORD_RUN.match(body)
        return word is not None and word.end() < len(body)


def _no_word_next(arg: tuple) -> bool:
    """Is ``(?!...)`` with this argument a lookahead that no word character passes?"""
    direction, body = arg
    return direction == 1 and len(body) == 1 and body[0][0] is sre.IN and any(
        kind is sre.CATEGORY and code in (sre.CATEGORY_WORD, sre.CATEGORY_UNI_WORD) for kind, code in body[0][1])


def _is_class(body: Sequence[tuple[object, object]], *categories: object) -> bool:
    """Is ``body`` one character class of just one of ``categories`` (``\\w``, ``\\d``)?"""
    return (len(body) == 1 and body[0][0] is sre.IN and len(body[0][1]) == 1
            and body[0][1][0][0] is sre.CATEGORY and body[0][1][0][1] in categories)


def contained(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` holds (lower-cased when it ignores
    case), or ``None`` when there are none to tell: a text holding none cannot match."""
    if pattern.flags & re.VERBOSE:
        return None
    walk = _Walk(bool(pattern.flags & re.IGNORECASE), HORIZON)
    return _contained(sre_parse.parse(pattern.pattern, pattern.flags), walk)


def _contained(items: Sequence[tuple[object, object]], walk: _Walk) -> frozenset[str] | None:
    """The best literals for ``items``, whose shortest is longest: those any tail of the
    sequence begins with, or those of one of its groups (of a branch, one from each way)."""
    options: list[frozenset[str] | None] = []
    for i, (op, arg) in enumerate(items):
        try:
            opened, closed = walk.run(items[i:], {""})
        except _TooMany:
            opened, closed = set(), {""}
        found = frozenset(p.removeprefix(BOUNDARY).replace(END, "") for p in opened | closed)
        if "" not in found and not any(WORD in p or DIGIT in p for p in found):
            options.append(found)
        if op is sre.BRANCH:
            each = [_contained(branch, walk) for branch in arg[1]]
            options.append(None if any(e is None for e in each) else frozenset().union(*each))
        elif op is sre.SUBPATTERN and not arg[1] and not arg[2]:
            options.append(_contained(arg[3], walk))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[0] >= 1:
            options.append(_contained(arg[2], walk))
    return max(filter(None, options), key=lambda found: min(map(len, found)), default=None)


@dataclass(frozen=True)
class Guarded:
    """A pattern searched only when a quick scan finds one of the strings its every match
    holds: most short texts hold none of "almost", "should have", "failed to"...."""

    pattern: re.Pattern[str]
    needed: re.Pattern[str] | None  # over the lower-cased text when ``caseless``
    caseless: bool

    @classmethod
    def of(cls, pattern: re.Pattern[str]) -> Guarded:
        found = contained(pattern)
        return cls(pattern, re.compile(trie_pattern(sorted(found))) if found else None,
                   bool(pattern.flags & re.IGNORECASE))

    def search(self, text: str) -> re.Match[str] | None:
        """``pattern.search(text)``."""
        if self.needed is not None:
            # a caseless pattern's needed strings are read lower-cased, which tells nothing in a
            # text that ``lowered`` cannot give ("ı")
            form = lowered(text) if self.caseless else text
            if form is not None and not self.needed.search(form):
                return None
        return self.pattern.search(text)
