"""Domain knowledge, loaded once per process from the files in ``index/data``.

Team names, nicknames, stadiums, managers, competitions and boilerplate are
data, not code: this module only turns those files into matchers. Every
matcher is built lazily and cached, so a process pays for it once and a
command that needs none of it (``stats``) pays nothing.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from importlib import resources
from typing import Any


def data_text(name: str) -> str:
    """The text of a data file shipped in ``index/data``."""
    return resources.files("index").joinpath("data", name).read_text(encoding="utf-8")


def data_json(name: str) -> Any:
    return json.loads(data_text(name))


def strip_accents(text: str) -> str:
    """``Iličić`` -> ``Ilicic``; for matching and keys, never for display."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    out = "".join(c for c in decomposed if not unicodedata.combining(c))
    return out.translate(_LETTERS)


_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                          "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i",
                          "þ": "th", "ð": "d"})


def key(text: str) -> str:
    """A comparison key: accents folded, lower case, single spaces, no dots."""
    return " ".join(strip_accents(text).lower().replace(".", " ").split())


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
    (see :mod:`index.caseless` for the text where that holds). A pattern whose
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


@cache
def boilerplate() -> re.Pattern[str]:
    """Whole lines that are page furniture (``data/boilerplate.txt``)."""
    rules = [ln.strip() for ln in data_text("boilerplate.txt").splitlines()
             if ln.strip() and not ln.lstrip().startswith("#")]
    return re.compile("|".join(f"(?:{r})" for r in rules), re.IGNORECASE)


@dataclass(frozen=True)
class Team:
    """A club or national team and every name it goes by."""

    name: str
    kind: str = "club"
    country: str | None = None
    aliases: tuple[str, ...] = ()
    nicknames: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()
    stadiums: tuple[str, ...] = ()
    city: str | None = None
    managers: tuple[dict[str, str], ...] = ()


@dataclass(frozen=True)
class Hit:
    """A phrase found in text: what it names and how surely."""

    start: int
    end: int
    text: str
    teams: tuple[str, ...]
    strength: str  # "name", "nickname", "weak", "stadium", "manager"


@dataclass
class TeamBook:
    """All teams, and one matcher over every name, nickname, stadium and manager."""

    teams: dict[str, Team]
    phrases: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    @classmethod
    def load(cls, entries: Iterable[dict[str, Any]]) -> TeamBook:
        teams = {}
        for e in entries:
            t = Team(name=e["name"], kind=e.get("kind", "club"), country=e.get("country"),
                     aliases=tuple(e.get("aliases", ())), nicknames=tuple(e.get("nicknames", ())),
                     weak=tuple(e.get("weak", ())), stadiums=tuple(e.get("stadiums", ())),
                     city=e.get("city"), managers=tuple(e.get("managers", ())))
            teams[t.name] = t
        book = cls(teams)
        for t in teams.values():
            book._add(t.name, t.name, "name")
            for a in t.aliases:
                book._add(a, t.name, "name")
            for n in t.nicknames:
                book._add(n, t.name, "nickname")
            for w in t.weak:
                book._add(w, t.name, "weak")
            for s in t.stadiums:
                book._add(s, t.name, "stadium")
            for m in t.managers:
                book._add(m["name"], t.name, "manager")
                surname = m["name"].split()[-1]
                if len(surname) > 3:
                    book._add(surname, t.name, "manager")
        return book

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """One matcher for every phrase; compiled on first use (queries only resolve names)."""
        words = sorted(self.phrases, key=len, reverse=True)
        return re.compile(r"(?<![\w'])(?:" + trie_pattern(words) + r")(?![\w])")

    def _add(self, phrase: str, team: str, strength: str) -> None:
        for form in {phrase, strip_accents(phrase)}:
            if len(form) > 1:
                slots = self.phrases.setdefault(form, [])
                if (team, strength) not in slots:
                    slots.append((team, strength))

    def find(self, text: str) -> tuple[Hit, ...]:
        """Every team phrase in ``text`` (use the folded text), left to right.

        Several stages look for teams in the same text; the hits of the last
        texts are kept, so each text is scanned once.
        """
        return self._find(text)

    @cached_property
    def _find(self) -> Callable[[str], tuple[Hit, ...]]:
        @lru_cache(maxsize=256)
        def scan(text: str) -> tuple[Hit, ...]:
            hits = []
            for m in self.pattern.finditer(text):
                slots = self.phrases[m.group(0)]
                best = min(STRENGTHS.index(s) for _, s in slots)
                strength = STRENGTHS[best]
                names = tuple(dict.fromkeys(t for t, s in slots if s == strength))
                hits.append(Hit(m.start(), m.end(), m.group(0), names, strength))
            return tuple(hits)
        return scan

    def resolve(self, name: str) -> str | None:
        """The canonical team for any name or nickname a user types, if it is unambiguous.

        A full name or alias beats a nickname, which beats a weak name ("Reds"),
        so "Inter" is Inter even though it is also a weak name of Inter Miami.
        """
        text = name.strip()
        for article in ("the ", "The ", "THE "):
            text = text.removeprefix(article)
        by_strength = self._keys.get(key(text), {})
        for strength in ("name", "nickname", "weak"):
            found = by_strength.get(strength, [])
            if found:
                return found[0] if len(found) == 1 else None
        return None

    @cached_property
    def _keys(self) -> dict[str, dict[str, list[str]]]:
        """Folded name -> strength -> teams, for :meth:`resolve`."""
        keys: dict[str, dict[str, list[str]]] = {}
        for phrase, slots in self.phrases.items():
            for team, strength in slots:
                if strength in ("name", "nickname", "weak"):
                    bucket = keys.setdefault(key(phrase), {}).setdefault(strength, [])
                    if team not in bucket:
                        bucket.append(team)
        return keys


STRENGTHS = ("name", "nickname", "manager", "stadium", "weak")


@cache
def teams() -> TeamBook:
    """The team book from ``data/teams.json``."""
    return TeamBook.load(data_json("teams.json")["teams"])


@dataclass(frozen=True)
class Lexicon:
    """Phrases mapping to one canonical value each (competitions, ...)."""

    values: dict[str, str]
    pattern: re.Pattern[str]

    @classmethod
    def load(cls, entries: dict[str, list[str]], flags: int = 0) -> Lexicon:
        values: dict[str, str] = {}
        for canonical, aliases in entries.items():
            for phrase in (canonical, *aliases):
                for form in (phrase, strip_accents(phrase)):
                    values.setdefault(form.lower() if flags & re.IGNORECASE else form, canonical)
        words = sorted(values, key=len, reverse=True)
        return cls(values, re.compile(r"(?<![\w])(?:" + trie_pattern(words) + r")(?![\w])", flags))

    def find(self, text: str) -> Iterator[tuple[str, int, int]]:
        lower = bool(self.pattern.flags & re.IGNORECASE)
        for m in self.pattern.finditer(text):
            yield self.values[m.group(0).lower() if lower else m.group(0)], m.start(), m.end()


@cache
def competitions() -> Lexicon:
    """Competition names and their aliases (``data/competitions.json``)."""
    return Lexicon.load(data_json("competitions.json"))
