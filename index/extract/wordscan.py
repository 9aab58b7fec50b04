"""Many patterns over one text: one pass over its words instead of one scan per pattern.

An event rule such as ``\\b(?:booked|cautioned|...)`` can only match where a
word starts, and only where that word is one of a few; the regex engine does
not see this and tries the whole pattern at every character, so sixty rules
cost sixty scans. :func:`.beginnings.starts` reads from a compiled pattern how its
matches may begin; :class:`WordScan` finds the words of a text that begin some
pattern in one pass, and tries each pattern only there, keeping ``finditer``'s
leftmost, non-overlapping matches. A pattern that may also begin at a sign right
after a word ("Sexton's try", "£5m") has those places found as literals, and its
places at words taken down in the pass, then tried in order. A pattern whose
beginnings cannot be told keeps its full scan.

The pass is one regular expression, and it reads past the word where it can
("the hosts", not every "the"; "23 minutes", not every number; "Muriel's ",
not "didn't"): what the regex engine turns away costs no Python.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from ..caseless import lowered
from ..patterns import trie_pattern
from .beginnings import HORIZON, starts

MAX_CHECKS = 4  # the most beginnings worth checking before trying a pattern
TOLD = 4  # how many characters past a word its patterns' beginnings are read in the scan's regex
MAX_TOLD = 16  # the most beginnings read in the scan's regex for one word

Hits = tuple[tuple[int, tuple[str, ...] | None], ...]  # (pattern, what it must begin with there)


class WordScan:
    """Every match of each of ``patterns``, as ``finditer`` gives them, with one pass over the words.

    A pattern without ``re.IGNORECASE`` runs on the lower-cased text, one with it on the text
    itself; the words are read from the lower-cased text (the two have the same length).
    """

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        self.patterns = tuple(patterns)
        self.caseless = {i for i, p in enumerate(self.patterns) if p.flags & re.IGNORECASE}
        self.full: set[int] = set()
        self.literals: dict[int, tuple[str, ...]] = {}
        self.mixed: set[int] = set()  # patterns that begin at words or at literals
        words: dict[str, dict[int, frozenset[str]]] = defaultdict(dict)
        prefixes: dict[str, list[tuple[int, None]]] = defaultdict(list)
        before: dict[int, frozenset[str]] = {}
        digits: dict[int, frozenset[str]] = {}
        for i, pattern in enumerate(self.patterns):
            found = starts(pattern)
            if found is None:
                self.full.add(i)
                continue
            for word, beginnings in found.words.items():
                words[word][i] = beginnings
            for key in found.prefixes:
                prefixes[key].append((i, None))
            if found.before:
                before[i] = found.before
            if found.digits:
                digits[i] = found.digits
            if found.literals:
                self.literals[i] = tuple(sorted(found.literals))
                if found.words or found.prefixes or found.before or found.digits:
                    self.mixed.add(i)
        self.prefixes = {k: tuple(v) for k, v in prefixes.items()}
        self.lengths = sorted({len(k) for k in prefixes})
        self.digit = tuple((i, None) for i in digits)
        self.before = _by_beginning(before)
        self.after_word = re.compile(trie_pattern(sorted(self.before)))
        self.before_first = frozenset(b[0] for b in self.before)
        # A word whose every pattern's matches go on past it in known ways ("the hosts") is
        # found by those ways, so that the regex engine, not Python, turns away the others.
        told = {w: _cut(w, v) for w, v in words.items()
                if not self._begin(w) and all(len(b) > len(w) for bs in v.values() for b in bs)}
        self.told = {b: hits for v in told.values() for b, hits in _by_beginning(v).items()}
        self.words = {w: tuple((i, _check(w, bs)) for i, bs in v.items()) + self._begin(w)
                      for w, v in words.items() if w not in told}
        self.digits = _by_beginning(digits)
        # one group for each way a word may begin a pattern, in the order _heads relies on
        # (a way no pattern begins in keeps its group, which never matches)
        heads = [f"({trie_pattern(sorted(self.told))})" if told else "((?!))",
                 f"({trie_pattern(sorted(self.words))})(?!\\w)" if self.words else "((?!))",
                 f"({trie_pattern(sorted(prefixes))})" if prefixes else "((?!))",
                 f"\\d++({trie_pattern(sorted(self.digits))})" if digits else "((?!))",
                 f"(\\w++{self.after_word.pattern})" if before else "((?!))"]
        self.heads = re.compile(r"\b(?=\w)(?=" + "|".join(heads) + r")\w+")  # (?=\w): not where a word ends

    def _begin(self, word: str) -> Hits:
        """The patterns that may begin at ``word`` by its first letters or its digit."""
        out: list[tuple[int, None]] = []
        for n in self.lengths:
            out += self.prefixes.get(word[:n], ())
        if word[0].isdecimal():
            out += self.digit
        return tuple(out)

    def finditer(self, text: str, lower: str) -> list[list[re.Match[str]]]:
        """Each pattern's matches in ``text`` (``lower`` is ``text`` lower-cased, letter for letter)."""
        patterns = self.patterns
        targets = [text if i in self.caseless else lower for i in range(len(patterns))]
        out: list[list[re.Match[str]]] = [[] for _ in patterns]
        ends = [0] * len(patterns)
        # a pattern that also begins at literals is tried in order once those are known: at its
        # words, a stand-in only takes down the places
        places = {i: _Places() for i in self.mixed}
        tried: Sequence[Any] = [places.get(i, p) for i, p in enumerate(patterns)] if places else patterns
        for start, hits in self._heads(lower):
            for i, beginnings in hits:
                if start >= ends[i] and (beginnings is None or lower.startswith(beginnings, start)):
                    m = tried[i].match(targets[i], start)
                    if m is not None:
                        out[i].append(m)
                        ends[i] = m.end()
        for i, literals in self.literals.items():
            at = set(places[i].found) if i in places else set()
            for lit in literals:
                pos = lower.find(lit)
                while pos >= 0:
                    at.add(pos)
                    pos = lower.find(lit, pos + 1)
            out[i] = list(_matches(patterns[i], targets[i], sorted(at)))
        full = self.full
        if lowered(text) is None:  # caseless patterns read case by case there
            full = full | self.caseless
        for i in full:
            out[i] = list(patterns[i].finditer(targets[i]))
        return out

    def _heads(self, lower: str) -> Iterator[tuple[int, Hits]]:
        """Each word that may begin a pattern: where it begins, and the patterns."""
        told, words, digits, before, first = self.told, self.words, self.digits, self.before, self.before_first
        for m in self.heads.finditer(lower):
            start, end = m.span()
            kind = m.lastindex  # the first way that fits: a listed word has the others folded in
            if kind == 1:
                hits = told[m[1]]
            elif kind == 2:
                hits = words[m[0]]
            elif kind == 3:
                hits = self._begin(m[0])
            else:
                hits = digits[m[4]] if kind == 4 else ()
            if end < len(lower) and lower[end] in first:
                after = self.after_word.match(lower, end)
                if after is not None:
                    hits += before[after[0]]
            yield start, hits


class _Places:
    """Stands in for a pattern in the pass over the words: takes down where it would be tried."""

    __slots__ = ("found",)

    def __init__(self) -> None:
        self.found: list[int] = []

    def match(self, text: str, pos: int) -> None:
        self.found.append(pos)


def _cut(word: str, beginnings: dict[int, frozenset[str]]) -> dict[int, frozenset[str]]:
    """The beginnings of patterns at ``word`` cut short: at most ``TOLD`` characters past it, and
    shorter still when there are more than ``MAX_TOLD`` of them ("fired in", "fired hom"...)."""
    for n in range(len(word) + TOLD, len(word) + 1, -1):
        cut = {i: frozenset(b[:n] for b in bs) for i, bs in beginnings.items()}
        if len(set().union(*cut.values())) <= MAX_TOLD:
            break
    return cut


def _check(word: str, beginnings: frozenset[str]) -> tuple[str, ...] | None:
    """What to check at ``word`` before trying a pattern whose matches there begin with one of
    ``beginnings``: a few of them, cut short, when they tell more than the word does."""
    for n in range(HORIZON, len(word) + 1, -1):
        cut = {b[:n] for b in beginnings}
        if len(cut) <= MAX_CHECKS:
            return tuple(sorted(cut)) if all(len(b) > len(word) + 1 for b in cut) else None
    return None


def _by_beginning(beginnings: dict[int, frozenset[str]]) -> dict[str, Hits]:
    """For each of the ways patterns' matches begin (``beginnings``, pattern by pattern), the
    patterns that may begin so: those with a way that it begins with. (Of the ways a text
    begins with, a trie of them finds the longest, which begins with the others.)"""
    owners: dict[str, set[int]] = defaultdict(set)
    for i, bs in beginnings.items():
        for b in bs:
            owners[b].add(i)
    return {b: tuple((i, None) for i in sorted(set().union(*(owners.get(b[:n], ()) for n in range(len(b) + 1)))))
            for b in owners}


def _matches(pattern: re.Pattern[str], text: str, positions: Sequence[int]) -> Iterator[re.Match[str]]:
    """The matches ``pattern.finditer(text)`` gives, when every one begins at one of ``positions``
    (a match is never empty: it begins with a word or a literal)."""
    end = 0
    for pos in positions:
        if pos >= end:
            m = pattern.match(text, pos)
            if m is not None:
                yield m
                end = m.end()
