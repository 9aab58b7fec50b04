r"""Reading and writing regular expressions: what every match of a pattern holds, and one
alternation for many phrases.

:func:`needs` and :func:`keys` read a compiled pattern's parse tree for the literal
text its matches must hold, so that a text lacking it is turned away before any
matching (:mod:`index.caseless`); :func:`trie_pattern` writes thousands of phrases
as one pattern that the regex engine matches in near-linear time.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from re import _constants as sre, _parser  # type: ignore[attr-defined]
from typing import Any


def trie_pattern(words: Iterable[str]) -> str:
    """One regular expression alternation for many literal phrases, as a trie.

    A plain ``a|b|c`` of thousands of names makes the regex engine try each in
    turn at every position; sharing prefixes makes matching near linear.
    Longer phrases win over their prefixes.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict[str, Any]) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


def needs(pattern: str) -> tuple[str, ...]:
    r"""Pieces of text every match of ``pattern`` holds (matched as written, case and all):
    runs of literal characters outside any optional part or alternative, or in every
    alternative. Runs of spaces alone are left out, since every text has them.

    >>> needs(r"(?:win|victory) for (?P<t>@[ha])\b(?! over)")
    (' for ', '@')
    >>> needs(r"\b(?:made|make) it (?P<x>\d{1,2})-(?P<y>\d{1,2})")
    ('ma', ' it ', '-')
    """
    held = frozenset.intersection(*_ways(_parser.parse(pattern)))
    return tuple(sorted((r for r in held if r.strip()), key=pattern.find))


def keys(pattern: str) -> frozenset[str] | None:
    r"""Pieces of text one of which every match of ``pattern`` holds: the longest run of
    literal characters of each way the pattern can match. None when a way holds none.

    >>> sorted(keys(r"(?:beat|saw off) (?P<t>@[ha])|(?P<u>@[ha]) won\b"))
    [' won', 'beat', 'saw off']
    >>> sorted(keys(r"\w+ minutes? later|(?:opener|winner)"))
    [' minute', 'opener', 'winner']
    >>> print(keys(r"\d+|goal"))
    None
    """
    out = set()
    for way in _ways(_parser.parse(pattern)):
        runs = [r for r in way if r.strip()]
        if not runs:
            return None
        out.add(max(runs, key=len))
    return frozenset(out)


WAYS_MAX = 256


def _ways(items: Any) -> list[frozenset[str]]:
    """The ways a parsed pattern can match, each as the runs of literal characters it then
    holds. Past :data:`WAYS_MAX` ways, a part's alternatives count only for what they share."""
    ways = [frozenset[str]()]
    run = ""

    def then(options: list[frozenset[str]]) -> None:
        nonlocal ways
        if len(ways) * len(options) > WAYS_MAX:
            options = [frozenset.intersection(*options)]
        ways = list({w | o for w in ways for o in options})

    for op, av in items:
        if op is sre.LITERAL:
            run += chr(av)
            continue
        if run:
            then([frozenset({run})])
            run = ""
        if op is sre.SUBPATTERN:
            then(_ways(av[3]))
        elif op is sre.ATOMIC_GROUP:
            then(_ways(av))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            then(_ways(av[2]))
        elif op is sre.BRANCH:
            then([way for alt in av[1] for way in _ways(alt)])
    if run:
        then([frozenset({run})])
    return ways
