"""The player registry: one canonical name per person across the whole index.

Reports spell people differently ("Malinovskiy", "Malinovsky", the misspelt
"Malinvosky"; "Iličić" and "Ilicic"). As each report is written, its player
names are resolved against the registry: the same key, a known variant, or a
near spelling of a known surname with a compatible first name resolve to the
existing person; anything else becomes a new one. The registry is saved
beside the Whoosh files, so queries resolve a typed name the same way.
"""
from __future__ import annotations

import json
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .knowledge import key

FILE = "players.json"


@dataclass
class Person:
    """A canonical player and what is known of them."""

    name: str
    variants: set[str] = field(default_factory=set)
    teams: set[str] = field(default_factory=set)
    reports: int = 0


@dataclass
class Registry:
    """Canonical players, findable by any variant, surname or near spelling."""

    people: dict[str, Person] = field(default_factory=dict)
    by_variant: dict[str, str] = field(default_factory=dict)
    by_surname: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def load(cls, folder: str | os.PathLike[str]) -> Registry:
        reg = cls()
        path = Path(folder, FILE)
        if path.exists():
            for row in json.loads(path.read_text(encoding="utf-8")):
                person = Person(row["name"], set(row["variants"]), set(row["teams"]), row["reports"])
                reg._index(person)
        return reg

    def save(self, folder: str | os.PathLike[str]) -> None:
        """Write atomically: a crash leaves the old registry or the new one."""
        rows = [{"name": p.name, "variants": sorted(p.variants), "teams": sorted(p.teams),
                 "reports": p.reports} for p in sorted(self.people.values(), key=lambda p: p.name)]
        path = Path(folder, FILE)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(rows, ensure_ascii=False, indent=0), encoding="utf-8")
        os.replace(tmp, path)

    def _index(self, person: Person) -> None:
        self.people[person.name] = person
        for v in person.variants | {person.name}:
            self.by_variant[key(v)] = person.name
        self.by_surname[_surname(person.name)].add(person.name)

    def canonical(self, name: str, team: str | None = None) -> str:
        """Resolve a name from a report to its person, registering a new one if needed."""
        found = self.find(name, team)
        if found is None:
            person = Person(name, {name})
            self._index(person)
            found = name
        person = self.people[found]
        if name not in person.variants:
            person.variants.add(name)
            self.by_variant[key(name)] = found
        if team:
            person.teams.add(team)
        return found

    def count_report(self, names: set[str]) -> None:
        for n in names:
            self.people[n].reports += 1

    def find(self, name: str, team: str | None = None) -> str | None:
        """The canonical person for ``name``, or ``None`` if nobody fits."""
        k = key(name)
        if k in self.by_variant:
            return self.by_variant[k]
        candidates = self.by_surname.get(_surname(name), set())
        parts = k.split()
        if len(parts) == 1 and len(candidates) == 1:
            return next(iter(candidates))
        fitting = [c for c in candidates if _first_names_agree(key(c), k)]
        if len(fitting) == 1:
            return fitting[0]
        return None

    def lookup(self, query: str) -> list[str]:
        """Every canonical person a user's query could mean (variant, surname or first name)."""
        found = self.find(query)
        if found:
            return [found]
        k = key(query)
        return sorted(n for n in self.people if k in key(n).split())

    def __len__(self) -> int:
        return len(self.people)


def _surname(name: str) -> str:
    parts = key(name).split()
    return parts[-1] if parts else ""


def _first_names_agree(a: str, b: str) -> bool:
    """"samir handanovic" and "s handanovic" agree; "samir" and "luis" do not."""
    fa, fb = a.split()[:-1], b.split()[:-1]
    if not fa or not fb:
        return True
    return fa[0][0] == fb[0][0] and (len(fa[0]) == 1 or len(fb[0]) == 1 or fa[0] == fb[0])
