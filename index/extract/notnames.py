"""Capitalised words that name no person: teams, towns, competitions, countries, a club's members.

Their spans cut the runs of :mod:`.namewords` into names. A team or town may still be a
surname the report uses ("Antonio Valencia", then "Valencia"): :func:`possible_surnames` says
which might be, and :mod:`.names` unblocks them once a full name confirms it.
"""
from __future__ import annotations

import re
from functools import cache

from .. import knowledge
from ..caseless import lower
from ..record import Span
from .namewords import common_word, data, in_word, next_is_capital, word_char

FIRST_NAME_BEFORE = re.compile(r"([A-Z][a-z]+) $")


@cache
def cities() -> re.Pattern[str] | None:
    """The home towns of the teams the book knows: places, not people."""
    towns = {t.city for t in knowledge.teams().teams.values() if t.city}
    if not towns:
        return None
    return re.compile(knowledge.phrases_pattern(sorted(towns)) + r"(?![\w'])")


def possible_surnames(text: str, match_teams: tuple[str, ...],
                      towns: list[re.Match[str]]) -> list[tuple[Span, str, bool]]:
    """Teams (not of this match) and towns named in the text, each with whether a first name
    comes right before it: either may be a surname the report uses ("Antonio Valencia", then
    "Valencia"; "Darren Stirling")."""
    out = [((h.start, h.end), h.text, _after_first_name(text, h.start)) for h in knowledge.teams().find(text)
           if not set(h.teams) & set(match_teams)]
    return out + [(m.span(), m[0], _after_first_name(text, m.start())) for m in towns]


def _after_first_name(text: str, pos: int) -> bool:
    """"Antonio Valencia": a capitalised word that is no common word right before the team name."""
    m = FIRST_NAME_BEFORE.search(text[max(0, pos - 20):pos])
    return bool(m) and knowledge.strip_accents(m[1]) not in data().not_names and not common_word(text, m[1])


def blocked_spans(text: str, match_teams: tuple[str, ...],
                  towns: list[re.Match[str]]) -> tuple[list[Span], dict[int, tuple[int, str]]]:
    """Spans that are not people, and the team named by each team phrase (by its end).

    A phrase several teams share ("United") names the one of this match that has it.
    """
    spans: list[Span] = []
    team_at: dict[int, tuple[int, str]] = {}
    hits = knowledge.teams().find(text)
    strong = {t for h in hits if h.strength in ("name", "nickname") for t in h.teams}
    for h in hits:
        if h.strength == "manager" or h.strength == "weak" and not set(h.teams) & set(match_teams) and not (
                set(h.teams) & strong and not next_is_capital(text, h.end)):
            # "Alex" is Crewe Alexandra's nickname only in a Crewe match; but "Villa" alone, in a
            # text that names Aston Villa, is the club (a "David Villa" there is found again
            # as a namesake, and "Milan Skriniar" is no team: a name follows)
            continue
        spans.append((h.start, h.end))
        named = h.teams if len(h.teams) == 1 else tuple(t for t in h.teams if t in match_teams)
        if len(named) == 1 and h.strength in ("name", "nickname", "weak"):
            team_at[h.end] = (h.start, named[0])
    spans += [m.span() for m in towns]
    spans += [(s, e) for _, s, e in knowledge.competitions().find(text)]
    spans += [m.span() for m in data().phrases.finditer(text)]
    spans += _club_members(text)
    return spans, team_at


@cache
def _singular_nicknames() -> re.Pattern[str]:
    """Club nicknames made singular ("Gunners" -> "Gunner", "Red Devils" -> "Red Devil",
    "Canaries" -> "Canary"), as a pattern to try right after a word of ``member_before``."""
    singular = set()
    for team in knowledge.teams().teams.values():
        for nick in (*team.nicknames, *team.weak):
            head, _, last = nick.rpartition(" ")
            if len(last) > 3 and last.endswith("s") and not last.endswith("ss"):
                one = last[:-3] + "y" if last.endswith("ies") else last[:-2] if last.endswith("xes") else last[:-1]
                singular.add(f"{head} {one}".strip())
    return re.compile(r"[\s-]*" + knowledge.phrases_pattern(sorted(singular)) + r"(?![\w'-])")


def _club_members(text: str) -> list[Span]:
    """"the former Gunner", "ex-Toffee", "a one-time Red Devil": a club's nickname made singular
    after a word of ``member_before`` (``data/names.json``) names a player of the club, not a
    person called Gunner. The rare cue words are found first, with a plain search."""
    low = lower(text)
    nicknames = _singular_nicknames()
    out = []
    for cue in data().member_before:
        at = low.find(cue)
        while at >= 0:
            end = at + len(cue)
            if not (at and in_word(text[at - 1])) and not (end < len(text) and word_char(text[end])):
                m = nicknames.match(text, end)
                if m:
                    out.append((at, m.end()))
            at = low.find(cue, end)
    return out


def towns_in(text: str) -> list[re.Match[str]]:
    """The home towns of known teams named in the text."""
    towns = cities()
    return list(towns.finditer(text)) if towns else []
