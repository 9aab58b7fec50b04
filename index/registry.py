"""The player registry: one canonical name per person across the whole index.

Reports spell people differently ("Malinovskiy", "Malinovsky", the misspelt
"Malinvosky"; "Iličić" and "Ilicic"; "Papu Gomez" and "Alejandro Gomez").
As each report is written, its players are resolved against the registry:

- a known variant (accents and case folded) is that person;
- otherwise a person with the same or a near surname (see
  :mod:`index.extract.similar`) whose first name agrees (same, an initial,
  a near spelling, or missing on one side) is;
- a different first name joins only where ``data/names.json`` knows the two
  as one person ("Papu Gomez" is "Alejandro Gomez"): "Gary Neville" and
  "Phil Neville" are brothers, not spellings;
- two people of one report are never one person, and people whose known
  teams differ are never joined on a surname alone;
- a man reports call by one name only ("Ramires") is not a full name spelt
  near it ("Gaston Ramirez").

Anything else is a new person. The first name a person is registered
under stays their canonical name, because the index stores it. The
registry is saved beside the Whoosh files, so queries resolve a typed name
the same way.
"""
from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from sys import intern

from .extract.similar import deletions, near
from .knowledge import common_words, data_json, key

FILE = "players.json"
ONE_NAME_REPORTS = 2  # reports that name a person by one word only before it counts as their name


@dataclass(slots=True)
class Person:
    """A canonical player and what is known of them.

    Compact on purpose: 100,000 generated reports register 368,000 people, and as a set
    each (variants, teams, matches, first names) they took 564 MB of the indexer's peak;
    as small tuples and frozensets, most of them shared between people
    (:meth:`Registry._shared`), 250 MB. The matches of a player of several pairings are
    the one set not shared: the cache would keep every set such a player outgrew.
    """

    name: str
    variants: tuple[str, ...] = ()
    teams: frozenset[str] = frozenset()
    reports: int = 0
    matches: frozenset[str] = frozenset()  # teams of the matches they appeared in
    firsts: frozenset[str] = frozenset()  # first names of the variants ("" for a bare surname)


@dataclass
class Registry:
    """Canonical players, findable by any variant, surname or near spelling."""

    people: dict[str, Person] = field(default_factory=dict)
    by_variant: dict[str, str] = field(default_factory=dict)
    by_surname: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    first_names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # surname with letters left out -> the surname, or a tuple of them (most have one); built on demand
    _deleted: dict[str, str | tuple[str, ...]] | None = None
    _sets: dict[frozenset[str], frozenset[str]] = field(default_factory=dict)  # one object per value

    @classmethod
    def load(cls, folder: str | os.PathLike[str]) -> Registry:
        reg = cls()
        path = Path(folder, FILE)
        if path.exists():
            for row in json.loads(path.read_text(encoding="utf-8")):
                reg._index(Person(intern(row["name"]), reports=row["reports"],
                                  teams=reg._shared(map(intern, row["teams"])),
                                  matches=reg._shared(map(intern, row.get("matches", ())))),
                           row["variants"])
        return reg

    def save(self, folder: str | os.PathLike[str]) -> None:
        """Write atomically: a crash leaves the old registry or the new one.

        A person a line, streamed: building the whole text first held 266 MB more at the
        last commit of 100,000 generated reports (then 203,000 people), the indexer's peak."""
        path = Path(folder, FILE)
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as out:
            out.write("[")
            for i, p in enumerate(sorted(self.people.values(), key=lambda p: p.name)):
                out.write(",\n" if i else "\n")  # json's C encoder: indent= takes the pure-Python one
                out.write(json.dumps({"name": p.name, "variants": sorted(p.variants),
                                      "teams": sorted(p.teams), "reports": p.reports,
                                      "matches": sorted(p.matches)}, ensure_ascii=False))
            out.write("\n]\n")
        os.replace(tmp, path)

    def _index(self, person: Person, variants: Iterable[str] = ()) -> None:
        self.people[person.name] = person
        for v in (person.name, *variants):
            self._add_variant(person, v)

    def _shared(self, values: Iterable[str]) -> frozenset[str]:
        """The one frozenset of these values: most people share their teams' and matches' sets."""
        values = frozenset(values)
        return self._sets.setdefault(values, values)

    def _add_variant(self, person: Person, variant: str) -> None:
        if variant in person.variants:
            return
        person.variants += (intern(variant),)
        k = key(variant)
        self.by_variant.setdefault(k, person.name)
        first = _split(k)[0]
        if first not in person.firsts:
            person.firsts = self._shared((*person.firsts, first))
        words = k.split()
        if words:
            if self._deleted is not None and words[-1] not in self.by_surname:
                self._index_spelling(words[-1])
            self.by_surname[words[-1]].add(person.name)
            if len(words) > 1 and len(words[0]) > 1:
                self.first_names[words[0]].add(person.name)

    def resolve_report(self, players: Iterable[tuple[str, str | None, Iterable[str]]],
                       match: Iterable[str] = ()) -> dict[str, str]:
        """Canonical names for one report's players: ``(name, team, other spellings)`` each.

        People of one report are different people: two of them never resolve to one person.
        """
        match = self._shared(map(intern, match))  # one set for every person of every report of the match
        out: dict[str, str] = {}
        ordered = sorted(players, key=lambda p: -len(p[0].split()))
        for name, team, spellings in ordered:
            found = self.find(name, team, match, taken=set(out.values()), many=True)
            if found is None:
                found = name if name not in self.people else f"{name} ({team or '?'})"
                self._index(Person(found))
            person = self.people[found]
            for v in (name, *spellings):
                self._add_variant(person, v)
            if team and team not in person.teams:
                person.teams = self._shared((*person.teams, intern(team)))
            if not person.matches:
                person.matches = match
            elif not match <= person.matches:  # not shared: the cache would keep every set a person outgrew
                person.matches = person.matches | match
            out[name] = found
        for n in set(out.values()):
            self.people[n].reports += 1
        return out

    def find(self, name: str, team: str | None = None, match: set[str] | frozenset[str] = frozenset(),
             taken: set[str] | frozenset[str] = frozenset(), many: bool = False) -> str | None:
        """The canonical person ``name`` (of ``team``, in a match of ``match``) is, or ``None``.

        ``many`` says thousands of look-ups follow (indexing), worth an index of spellings.
        """
        k = key(name)
        if not k:
            return None
        known = self.by_variant.get(k)
        if known and known not in taken and (len(k.split()) > 1 or _teams_fit(self.people[known], team)):
            return known
        first, surname = _split(k)
        # a lone common word ("Mixed") is nobody's near spelling ("Mixer", then "Mexer")
        near_too = bool(first) or surname not in common_words()
        fits = [p for p in self._same_surname(surname, many, near_too)
                if p.name not in taken and _teams_fit(p, team)]
        exact = surname in self.by_surname
        agreeing = [p for p in fits if _first_names_agree(p.firsts, first)
                    and (exact or not first or not _one_name(p))]
        if len(agreeing) > 1:
            agreeing = [p for p in agreeing if team in p.teams or p.matches & match] or agreeing
        if len(agreeing) == 1:
            return agreeing[0].name
        aka = {key(a) for a in also_known_as().get(k, ())}
        nicknamed = [p for p in fits if not agreeing and aka & {key(v) for v in p.variants}]
        return nicknamed[0].name if len(nicknamed) == 1 else None

    def _same_surname(self, surname: str, many: bool, near_too: bool = True) -> list[Person]:
        """People with this surname or (``near_too``) a near spelling of it.

        Indexing asks this for thousands of names: it pays once for an index of spellings with
        letters left out. A single query (``many=False``) just compares names of like length.
        """
        exact = self.by_surname.get(surname, set())
        if exact or not near_too:
            return [self.people[n] for n in sorted(exact)]
        if many and self._deleted is None:
            self._deleted = {}
            for known in self.by_surname:
                self._index_spelling(known)
        if self._deleted is not None:
            spellings = {s for d in deletions(surname) for s in _many(self._deleted.get(d, ()))}
        else:
            spellings = {s for s in self.by_surname if s[:1] == surname[:1] and abs(len(s) - len(surname)) <= 2}
        close = {n for s in spellings if near(s, surname) for n in self.by_surname[s]}
        return [self.people[n] for n in sorted(close)]

    def _index_spelling(self, surname: str) -> None:
        assert self._deleted is not None
        for d in deletions(surname):
            known = self._deleted.setdefault(d, surname)
            if known != surname and surname not in _many(known):
                self._deleted[d] = (*_many(known), surname)

    def lookup(self, query: str) -> list[str]:
        """Every canonical person a typed name may mean: a known variant, a surname (all who
        bear it), a first name, or a near spelling of any of these.

        A word that is some people's surname and only others' first name means the former:
        "Adam" is Charlie Adam, though reports also call Adam Johnson "Adam".
        """
        first, surname = _split(key(query))
        found = self.by_variant.get(key(query))
        if found and (first or self.by_surname.get(surname, set()) <= {found}):
            return [found]
        people = self._same_surname(surname, False)
        if first:
            people = [p for p in people if _first_names_agree(p.firsts, first)]
        else:
            people = [p for p in people if _split(key(_unmarked(p.name)))[0] != surname] or people
        if not people and not first:
            people = [self.people[n] for n in sorted(self.first_names.get(surname, ()))]
        return sorted(p.name for p in people)

    def __len__(self) -> int:
        return len(self.people)


@cache
def also_known_as() -> dict[str, tuple[str, ...]]:
    """Name key -> the other names of the same person (``data/names.json``, ``also_known_as``)."""
    out: dict[str, tuple[str, ...]] = {}
    for group in data_json("names.json")["also_known_as"]:
        for name in group:
            out[key(name)] = tuple(g for g in group if g != name)
    return out


def _many(found: str | tuple[str, ...]) -> tuple[str, ...]:
    return (found,) if isinstance(found, str) else found


def _unmarked(name: str) -> str:
    """A canonical name without the team that tells namesakes apart ("Terry (Southampton)")."""
    return name.split(" (", 1)[0]


def _split(k: str) -> tuple[str, str]:
    """(first names, surname) of a key; "van persie" keeps its particle in the first part."""
    words = k.split()
    if not words:
        return "", ""
    return " ".join(words[:-1]), words[-1]


def _teams_fit(person: Person, team: str | None) -> bool:
    """People with known, different teams are not joined on a name alone."""
    return not (team and person.teams and team not in person.teams)


def _one_name(person: Person) -> bool:
    """Known by one name in several reports: a player such as Ramires or Oscar, whom a full name
    spelt near it ("Gaston Ramirez") is not."""
    return person.firsts == frozenset({""}) and person.reports >= ONE_NAME_REPORTS


def _first_names_agree(known: frozenset[str], first: str) -> bool:
    """"samir" agrees with "samir", "s", a near spelling, and with a person known by no first
    name at all; "samir" and "luis" do not.

    A bare surname a person was once called by does not make every first name agree: the
    real archive's first "Silva" was a cricketer, and every David, Thiago and Bernardo
    Silva after him became Aravinda de Silva.
    """
    named = known - {""}
    if not first or not named:
        return True
    for k in named:
        a, b = k.split()[0], first.split()[0]
        if a == b or (len(a) == 1 or len(b) == 1) and a[:1] == b[:1] or near(a, b):
            return True
    return False
