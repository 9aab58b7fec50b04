"""People of the report, one entry per person, with role and team.

Mentions come from :mod:`.names` (prose) and :mod:`.lineups` (line-up
blocks). Within a report the short forms join the full name they belong
to: "Lautaro Martinez", "Lautaro" and "Martinez" are one player, the
misspelt "Malinvosky" joins "Malinovsky", and a bare "Neville" between
"Gary Neville" and "Phil Neville" goes to the one named last before it.
Managers and referees (by cue words, or the team book's managers) are kept
apart from players.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .. import knowledge
from ..normalise import Article
from ..record import Facts, Player, Span
from .lineups import sides
from .names import Mention, mentions
from .namewords import data
from .pipeline import stage
from .similar import near


@dataclass
class _Person:
    name: str
    spans: list[Span] = field(default_factory=list)
    roles: dict[str, int] = field(default_factory=dict)  # counts of each role cue
    teams: dict[str, int] = field(default_factory=dict)  # weights of each team cue


@stage("players")
def players(article: Article, facts: Facts) -> dict[str, Any]:
    found = mentions(article, tuple(t.name for t in facts.teams))
    for side in sides(article.fold, facts):
        found += [Mention(name, span, team=side.team, listed=True) for name, span in side.players]
    found += _managers(article, facts)
    found.sort(key=lambda m: m.span)
    match_teams = {t.name for t in facts.teams}
    return {"players": tuple(_player(p, match_teams) for p in cluster(found))}


def _managers(article: Article, facts: Facts) -> list[Mention]:
    """Managers the team book says were in charge of this match's teams on the report's date.

    Without a date nobody is known to be a manager: the book's managers of 2025 were the
    players of 2013 (Arteta, Lampard). A bare surname only hints: the person may be a player.
    """
    when = facts.date.value.strftime("%Y-%m") if facts.date and facts.date.value else None
    if when is None:
        return []
    out = []
    for team in facts.teams:
        for name in _in_charge(team.name, when):
            for m in name_pattern(name).finditer(article.fold):
                full = " " in m.group(0)
                out.append(Mention(m.group(0), m.span(), role="manager" if full else "manager?", team=team.name))
    return out


def _in_charge(team: str, when: str) -> list[str]:
    known = knowledge.teams().teams.get(team)
    return [m["name"] for m in (known.managers if known else ())
            if (m.get("from") or "") <= when <= (m.get("to") or "9999")]


@cache
def name_pattern(name: str) -> re.Pattern[str]:
    """A person's full name or surname, accents optional."""
    forms = {name, knowledge.strip_accents(name)}
    forms |= {f.split()[-1] for f in forms if len(f.split()[-1]) > 3}
    return re.compile(knowledge.phrases_pattern(sorted(forms)) + r"(?![\w])")


def _player(p: _Person, match_teams: set[str]) -> Player:
    """The person as a Player: the role the cues agree on, the team of this match they are tied to.

    "Wales midfielder Ramsey" in a club match says nothing of his side in it.
    """
    role = "player"
    strong = {r: n for r, n in p.roles.items() if r in ("manager", "referee")}
    if strong and not p.roles.get("listed"):
        role = _most(strong)
    elif p.roles.get("manager?") and " " not in p.name:
        role = "manager"
    teams = {t: n for t, n in p.teams.items() if t in match_teams or not match_teams}
    team = _most(teams) if teams else None
    return Player(name=p.name, team=team, role=role, spans=tuple(sorted(set(p.spans))))


def _most(counts: dict[str, int]) -> str:
    """The key counted most; of a tie, the first counted (as ``Counter.most_common``)."""
    return max(counts, key=counts.__getitem__)


def cluster(found: list[Mention]) -> list[_Person]:
    """Group mentions into people, in order of first mention."""
    forms: dict[str, list[Mention]] = {}
    for m in found:
        forms.setdefault(m.name, []).append(m)
    full = sorted((f for f in forms if len(f.split()) > 1),
                  key=lambda f: (-len(f.split()), len(f.split()[0].rstrip(".")) == 1, -len(forms[f])))
    owner = _owners(full, forms)
    singles = _Singles([f for f in full if owner[f] == f], forms)
    fits: dict[str, list[str]] = {}
    people: dict[str, _Person] = {}
    for m in found:
        if m.name in owner:
            head = owner[owner[m.name]]
        else:
            if m.name not in fits:
                fits[m.name] = singles.fits(m.name)
            head = _last_named(m, fits[m.name], found)
        person = people.setdefault(head, _Person(head))
        person.spans.append(m.span)
        if m.role:
            person.roles[m.role] = person.roles.get(m.role, 0) + 1
        if m.listed:
            person.roles["listed"] = person.roles.get("listed", 0) + 1
        if m.team:
            person.teams[m.team] = person.teams.get(m.team, 0) + (3 if m.listed else 1)
    return sorted(people.values(), key=lambda p: min(p.spans))


def _owners(full: list[str], forms: dict[str, list[Mention]]) -> dict[str, str]:
    """The full name each full name stands for: the first longer form that extends it, then
    the spelling with as many mentions that it is a typo of.

    Only names that share a first or last word can extend each other, and only names equal
    but for one word can be typos of each other, so each name is compared with those alone.
    """
    keys = {f: knowledge.key(f).split() for f in full}
    order = {f: i for i, f in enumerate(full)}
    owner: dict[str, str] = {}
    by_end: dict[str, list[str]] = {}  # heads so far, by the first and by the last word of their key
    for f in full:
        ends = {keys[f][0], keys[f][-1]}
        extended = sorted({g for w in ends for g in by_end.get(w, ())}, key=order.get)
        owner[f] = next((g for g in extended if _extends(keys[g], keys[f])), f)
        if owner[f] == f:
            for w in ends:
                by_end.setdefault(w, []).append(f)
    by_rest: dict[tuple[int, tuple[str, ...]], list[str]] = {}  # names by all their words but one
    for f in full:
        for rest in _all_but_one(f):
            by_rest.setdefault(rest, []).append(f)
    for f in full:
        if owner[f] == f:
            for g in sorted({g for rest in _all_but_one(f) for g in by_rest[rest]}, key=order.get):
                if owner[g] == g and g != f and _near_full(f, g) and len(forms[f]) >= len(forms[g]):
                    owner[g] = f
    return owner


def _all_but_one(name: str) -> list[tuple[int, tuple[str, ...]]]:
    """``name`` with each of its words left out in turn (and where): names that differ
    in one word only share one of these."""
    words = name.split()
    return [(i, tuple(words[:i] + words[i + 1:])) for i in range(len(words))]


def _extends(longer: list[str], shorter: list[str]) -> bool:
    """"Robin van Persie" extends "van Persie" and "R. van Persie"; "Sir Alex Ferguson" extends
    "Alex Ferguson" (compared by the words of their keys)."""
    a, b = longer, shorter
    if len(a) == len(b) > 1 and len(b[0]) == 1 and a[1:] == b[1:] and a[0][0] == b[0] != a[0]:
        return True
    return len(a) > len(b) and (a[-len(b):] == b or a[:len(b)] == b)


def _near_full(a: str, b: str) -> bool:
    """Two full names that differ by a typo in one word: "Ruslan Malinvosky", "Ruslan Malinovsky"."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb):
        return False
    diff = [(x, y) for x, y in zip(wa, wb) if x != y]
    return len(diff) == 1 and near(*diff[0])


class _Singles:
    """What a one-word mention may stand for, among the full names (heads) of the report.

    Near spellings share the first letter of their keys, so each word is compared only
    with the names that start as it does.
    """

    def __init__(self, heads: list[str], forms: dict[str, list[Mention]]) -> None:
        self.forms = forms
        self.by_part: dict[str, list[str]] = {}
        self.by_initial: dict[str, list[tuple[str, str]]] = {}  # (surname, head) by the surname's
        for h in heads:
            for part in name_parts(h):
                self.by_part.setdefault(part, []).append(h)
            surname = h.split()[-1]
            self.by_initial.setdefault(knowledge.key(surname)[:1], []).append((surname, h))
        self.one_word: dict[str, list[str]] = {}
        for f in forms:
            if " " not in f:
                self.one_word.setdefault(knowledge.key(f)[:1], []).append(f)

    def fits(self, word: str) -> list[str]:
        """The heads ``word`` may stand for; failing any, the one-word form it is a typo of, or itself."""
        initial = knowledge.key(word)[:1]
        fits = self.by_part.get(word) or [h for surname, h in self.by_initial.get(initial, ())
                                          if near(word, surname)]
        if fits:
            return fits
        typo_of = next((f for f in self.one_word.get(initial, ()) if f != word
                        and len(self.forms[f]) > len(self.forms[word]) and near(word, f)), word)
        return [typo_of]


def _last_named(m: Mention, fits: list[str], found: list[Mention]) -> str:
    """Of several fitting names, the one named last before ``m`` (else the first)."""
    if len(fits) == 1:
        return fits[0]
    before = [x for x in found if x.span < m.span and x.name in fits]
    return before[-1].name if before else fits[0]


@cache
def name_parts(name: str) -> frozenset[str]:
    """The words a person may be called by alone: first name, surname, each half of a double name."""
    words = name.split()
    parts = {words[0], words[-1], " ".join(w for w in words if w[0].isupper())}
    parts |= set(words[-1].split("-")) if "-" in words[-1] else set()
    particles = data().particles
    for i, w in enumerate(words):
        if w in particles:
            parts.add(" ".join(words[i:]))
            parts.add(" ".join(words[i + 1:]))
            break
    return frozenset(parts)
