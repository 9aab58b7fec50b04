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

from collections import Counter
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .. import knowledge
from ..normalise import Article
from ..record import Facts, Player, Span
from .lineups import sides
from .names import Mention, data, mentions
from .pipeline import stage
from .similar import near


@dataclass
class _Person:
    name: str
    spans: list[Span] = field(default_factory=list)
    roles: Counter[str] = field(default_factory=Counter)
    teams: Counter[str] = field(default_factory=Counter)


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
    return re.compile(r"(?<![\w'])(?:" + knowledge.trie_pattern(sorted(forms)) + r")(?![\w])")


def _player(p: _Person, match_teams: set[str]) -> Player:
    """The person as a Player: the role the cues agree on, the team of this match they are tied to.

    "Wales midfielder Ramsey" in a club match says nothing of his side in it.
    """
    role = "player"
    strong = Counter({r: n for r, n in p.roles.items() if r in ("manager", "referee")})
    if strong and not p.roles["listed"]:
        role = strong.most_common(1)[0][0]
    elif p.roles["manager?"] and " " not in p.name:
        role = "manager"
    teams = Counter({t: n for t, n in p.teams.items() if t in match_teams or not match_teams})
    team = teams.most_common(1)[0][0] if teams else None
    return Player(name=p.name, team=team, role=role, spans=tuple(sorted(set(p.spans))))


def cluster(found: list[Mention]) -> list[_Person]:
    """Group mentions into people, in order of first mention."""
    forms: dict[str, list[Mention]] = {}
    for m in found:
        forms.setdefault(m.name, []).append(m)
    full = sorted((f for f in forms if len(f.split()) > 1),
                  key=lambda f: (-len(f.split()), len(f.split()[0].rstrip(".")) == 1, -len(forms[f])))
    owner: dict[str, str] = {}
    for f in full:
        owner[f] = next((g for g in full if g != f and owner.get(g) == g and _extends(g, f)), f)
    for f in full:
        if owner[f] == f:
            for g in full:
                if owner[g] == g and g != f and _near_full(f, g) and len(forms[f]) >= len(forms[g]):
                    owner[g] = f
    heads = [f for f in full if owner[f] == f]
    people: dict[str, _Person] = {}
    for m in found:
        if m.name in owner:
            head = owner[owner[m.name]]
        else:
            head = _single_owner(m, heads, found, forms)
        person = people.setdefault(head, _Person(head))
        person.spans.append(m.span)
        if m.role:
            person.roles[m.role] += 1
        if m.listed:
            person.roles["listed"] += 1
        if m.team:
            person.teams[m.team] += 3 if m.listed else 1
    return sorted(people.values(), key=lambda p: min(p.spans))


def _extends(longer: str, shorter: str) -> bool:
    """"Robin van Persie" extends "van Persie" and "R. van Persie"; "Sir Alex Ferguson" extends "Alex Ferguson"."""
    a, b = knowledge.key(longer).split(), knowledge.key(shorter).split()
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


def _single_owner(m: Mention, heads: list[str], found: list[Mention], forms: dict[str, list[Mention]]) -> str:
    """The full name a one-word mention stands for: the only fitting one, or the last named."""
    word = m.name
    fits = [h for h in heads if word in name_parts(h)] or [h for h in heads if near(word, h.split()[-1])]
    if not fits:
        typo_of = [f for f in forms if " " not in f and f != word and near(word, f)
                   and len(forms[f]) > len(forms[word])]
        return typo_of[0] if typo_of else word
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
