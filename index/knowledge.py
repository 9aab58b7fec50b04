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
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from importlib import resources
from typing import Any, NamedTuple

from .caseless import Caseless, Gated
from .patterns import trie_pattern


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


@cache
def common_words() -> frozenset[str]:
    """Lower-case words that, capitalised alone, are common words rather than names
    (``data/common_words.txt``, counted over the corpus by ``scripts/build_common_words.py``)."""
    return frozenset(w for w in data_text("common_words.txt").split("\n") if w and w[0] != "#")


@lru_cache(maxsize=1 << 16)
def key(text: str) -> str:
    """A comparison key: accents folded, lower case, single spaces, no dots.

    Memoised: extraction asks for the keys of the same few hundred names again and again.
    """
    return " ".join(strip_accents(text).lower().replace(".", " ").split())


SAINT = re.compile(r"\bSt (?=[A-Z])")


def phrases_pattern(words: Iterable[str], not_after: str = r"[\w']") -> str:
    """``(?<!not_after)(?:trie_pattern(words))``, written so that the regex engine scans fast.

    A pattern that opens with a look-behind is tried at every position of the text. Here each
    alternative opens with its literal first character, so the engine skips straight to the
    characters a phrase can start with, and the look-behind (one character, ``not_after`` a
    character class) is checked only there: the same matches, two to three times faster.
    """
    rests: dict[str, list[str]] = {}
    for word in words:
        rests.setdefault(word[0], []).append(word[1:])
    return "(?:" + "|".join(f"{re.escape(c)}(?<!{not_after}{re.escape(c)}){trie_pattern(rest)}"
                            for c, rest in sorted(rests.items())) + ")"


@cache
def boilerplate() -> tuple[Caseless, Gated]:
    """Whole lines that are page furniture (``data/boilerplate.txt``): a line is furniture when
    a rule matches all of it. Rules that fail at the first word are matched as one; a rule that
    opens with ``.*`` runs over the whole line, so those are matched behind a search for the
    words they need ("newsletter")."""
    rules = [ln.strip() for ln in data_text("boilerplate.txt").splitlines()
             if ln.strip() and not ln.lstrip().startswith("#")]
    anchored = Caseless("|".join(f"(?:{r})" for r in rules if not r.startswith(".*")))
    return anchored, Gated(Caseless(rf"\A(?:{r})\Z") for r in rules if r.startswith(".*"))


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
    divisions: Mapping[str, str] = field(default_factory=dict)  # season ("2012-13") -> its league, where known


class Hit(NamedTuple):  # a tuple: made by the dozen for every report, and cheap to make
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

    @classmethod
    def load(cls, entries: Iterable[dict[str, Any]]) -> TeamBook:
        teams = {}
        for e in entries:
            t = Team(name=e["name"], kind=e.get("kind", "club"), country=e.get("country"),
                     aliases=tuple(e.get("aliases", ())), nicknames=tuple(e.get("nicknames", ())),
                     weak=tuple(e.get("weak", ())), stadiums=tuple(e.get("stadiums", ())),
                     city=e.get("city"), managers=tuple(e.get("managers", ())),
                     divisions=e.get("divisions", {}))
            teams[t.name] = t
        return cls(teams)

    @cached_property
    def phrases(self) -> dict[str, list[tuple[str, str]]]:
        """Each way of writing a team's names -> (team, strength). Built on first use: a
        search only resolves names (:meth:`resolve`), and building this was 40 ms of its start."""
        phrases: dict[str, list[tuple[str, str]]] = {}
        for t in self.teams.values():
            for phrase, strength in _names(t):
                forms = {phrase, strip_accents(phrase)}
                forms |= {SAINT.sub("St. ", f) for f in forms}  # "St. Mary's", as American copy writes it
                for form in forms:
                    if len(form) > 1:
                        slots = phrases.setdefault(form, [])
                        if (t.name, strength) not in slots:
                            slots.append((t.name, strength))
        return phrases

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """One matcher for every phrase; compiled on first use (queries only resolve names)."""
        words = sorted(self.phrases, key=len, reverse=True)
        return re.compile(phrases_pattern(words) + r"(?![\w])")

    def find(self, text: str) -> tuple[Hit, ...]:
        """Every team phrase in ``text`` (use the folded text), left to right.

        Several stages look for teams in the same text; the hits of the last
        texts are kept, so each text is scanned once.
        """
        return self._find(text)

    @cached_property
    def _find(self) -> Callable[[str], tuple[Hit, ...]]:
        named = self._named

        @lru_cache(maxsize=256)
        def scan(text: str) -> tuple[Hit, ...]:
            return tuple(Hit(m.start(), m.end(), m[0], *named[m[0]]) for m in self.pattern.finditer(text))
        return scan

    @cached_property
    def _named(self) -> dict[str, tuple[tuple[str, ...], str]]:
        """Phrase -> the teams it names most surely, and how surely."""
        out = {}
        for phrase, slots in self.phrases.items():
            strength = STRENGTHS[min(STRENGTHS.index(s) for _, s in slots)]
            out[phrase] = tuple(dict.fromkeys(t for t, s in slots if s == strength)), strength
        return out

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
        """Folded name -> strength -> teams, for :meth:`resolve` (the key folds the
        accents and dots that :attr:`phrases` spells out)."""
        keys: dict[str, dict[str, list[str]]] = {}
        for t in self.teams.values():
            for phrase, strength in _names(t):
                if strength in ("name", "nickname", "weak") and len(phrase) > 1:
                    bucket = keys.setdefault(key(phrase), {}).setdefault(strength, [])
                    if t.name not in bucket:
                        bucket.append(t.name)
        return keys


def _names(t: Team) -> Iterator[tuple[str, str]]:
    """A team's names with how surely each names it."""
    yield t.name, "name"
    for a in t.aliases:
        yield a, "name"
    for n in t.nicknames:
        yield n, "nickname"
    for w in t.weak:
        yield w, "weak"
    for s in t.stadiums:
        yield s, "stadium"
    for m in t.managers:
        yield m["name"], "manager"
        surname = m["name"].split()[-1]
        if len(surname) > 3:
            yield surname, "manager"


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
    def load(cls, entries: dict[str, list[str]]) -> Lexicon:
        values: dict[str, str] = {}
        for canonical, aliases in entries.items():
            for phrase in (canonical, *aliases):
                for form in (phrase, strip_accents(phrase)):
                    values.setdefault(form, canonical)
        words = sorted(values, key=len, reverse=True)
        return cls(values, re.compile(phrases_pattern(words, not_after=r"\w") + r"(?![\w])"))

    def find(self, text: str) -> tuple[tuple[str, int, int], ...]:
        """(value, start, end) of every phrase in ``text``; several stages look in the same
        text, so the finds of the last texts are kept."""
        return self._find(text)

    @cached_property
    def _find(self) -> Callable[[str], tuple[tuple[str, int, int], ...]]:
        @lru_cache(maxsize=256)
        def scan(text: str) -> tuple[tuple[str, int, int], ...]:
            return tuple((self.values[m[0]], m.start(), m.end()) for m in self.pattern.finditer(text))
        return scan


@cache
def competitions() -> Lexicon:
    """Competition names and their aliases (``data/competitions.json``)."""
    return Lexicon.load(data_json("competitions.json"))
