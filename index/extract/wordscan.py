"""Many patterns over one text: one pass over its words instead of one scan per pattern.

An event rule such as ``\\b(?:booked|cautioned|...)`` can only match where a
word starts, and only where that word is one of a few; the regex engine does
not see this and tries the whole pattern at every character, so sixty rules
cost sixty scans. :func:`.beginnings.starts` reads from a compiled pattern how its
matches may begin; :class:`WordScan` finds the words of a text that begin some
pattern in one pass, and tries each pattern only there, keeping ``finditer``'s
leftmost, non-overlapping matches. A pattern whose beginnings cannot be told
keeps its full scan.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence

from ..caseless import lowered, trie_pattern
from .beginnings import HORIZON, starts

MAX_CHECKS = 4  # the most beginnings worth checking before trying a pattern

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
        words: dict[str, list[tuple[int, tuple[str, ...] | None]]] = defaultdict(list)
        prefixes: dict[str, list[tuple[int, None]]] = defaultdict(list)
        before: dict[str, list[tuple[int, None]]] = defaultdict(list)
        digit: list[tuple[int, None]] = []
        for i, pattern in enumerate(self.patterns):
            found = starts(pattern)
            if found is None:
                self.full.add(i)
                continue
            for word, beginnings in found.words.items():
                words[word].append((i, _check(word, beginnings)))
            for keys, table in ((found.prefixes, prefixes), (found.before, before)):
                for key in keys:
                    table[key].append((i, None))
            if found.digit:
                digit.append((i, None))
            if found.literals:
                self.literals[i] = tuple(sorted(found.literals))
        self.prefixes = {k: tuple(v) for k, v in prefixes.items()}
        self.lengths = sorted({len(k) for k in prefixes})
        self.digit = tuple(digit)
        self.words = {w: (_gate(hits), hits) for w, v in words.items() for hits in [tuple(v) + self._begin(w)]}
        self.before = {c: tuple(v) for c, v in before.items()}
        # one group for each way a word may begin a pattern, in the order _heads relies on
        heads = [f"({trie_pattern(sorted(words))})(?!\\w)" if words else "(?!)",
                 f"({trie_pattern(sorted(prefixes))})" if prefixes else "(?!)",
                 r"(\d)" if digit else "(?!)",
                 r"(\w++[" + "".join(map(re.escape, sorted(before))) + "])" if before else "(?!)"]
        self.heads = re.compile(r"\b(?=" + "|".join(heads) + r")\w+")

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
        for start, hits in self._heads(lower):
            for i, beginnings in hits:
                if start >= ends[i] and (beginnings is None or lower.startswith(beginnings, start)):
                    m = patterns[i].match(targets[i], start)
                    if m is not None:
                        out[i].append(m)
                        ends[i] = m.end()
        for i, literals in self.literals.items():
            at = set()
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
        words, before = self.words, self.before
        for m in self.heads.finditer(lower):
            start, end = m.span()
            kind = m.lastindex  # the first way that fits: a listed word has the others folded in
            if kind == 1:
                gate, hits = words[m[0]]
                if gate is not None and not lower.startswith(gate, start):
                    hits = ()
            else:
                hits = self._begin(m[0]) if kind in (2, 3) else ()
            if before and end < len(lower) and lower[end] in before:
                hits += before[lower[end]]
            yield start, hits


def _check(word: str, beginnings: frozenset[str]) -> tuple[str, ...] | None:
    """What to check at ``word`` before trying a pattern whose matches there begin with one of
    ``beginnings``: a few of them, cut short, when they tell more than the word does."""
    for n in range(HORIZON, len(word) + 1, -1):
        cut = {b[:n] for b in beginnings}
        if len(cut) <= MAX_CHECKS:
            return tuple(sorted(cut)) if all(len(b) > len(word) + 1 for b in cut) else None
    return None


def _gate(hits: Hits) -> tuple[str, ...] | None:
    """One check for all the patterns that may begin at a word ("a minute", "a second yellow"),
    when each has its own."""
    checks = [check for _, check in hits]
    return None if None in checks else tuple(sorted(set().union(*checks)))


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
