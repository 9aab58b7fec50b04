"""The goals of the final score: scorer, team, minute, penalty or own goal.

A goal line under a side's line-up ("Goals: Rooney 68, Dunne 75 og",
"Henry 2, 29.") is the report's own list, and wins. Otherwise goals come
from the goal events of the prose: one goal per scorer and stated minute,
a phrase without a minute joining a goal the scorer already has, "brace"
and "hat-trick" saying how many. A goal's team is its scorer's, or the
team its phrase puts ahead; an own goal counts for the other side.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace
from functools import cache
from typing import Any

from .. import knowledge
from ..normalise import Article
from ..record import GOAL_TYPES, Event, Facts, Goal, Player, Span
from .lineups import ListedGoal, sides
from .pipeline import stage
from .players import name_parts

SAME_GOAL_MINUTES = 3  # minutes told in words are near: "at the death" (90), "three minutes from time" (87)
LEAD_CHARS = 400
COUNT_BEFORE = 25  # a count may open before the goal phrase it belongs to: "two fine [goals from] Agbonlahor"
LISTED_AFTER = re.compile(r"\s*(?:[A-Z][\w'\-]*\s?){1,3}(?:,|\s*and)\s+[A-Z]")  # "Walcott, Podolski and Ramsey"


@stage("scorers")
def scorers(article: Article, facts: Facts) -> dict[str, Any]:
    listed = [(side.team, g) for side in sides(article.fold, facts) for g in side.goals]
    goals = _from_lines(listed, facts) if listed else _from_events(article.fold, facts)
    return {"scorers": tuple(_complete_teams(goals, facts))}


@stage("players", "events")
def player_sides(article: Article, facts: Facts) -> dict[str, Any]:
    """Players whose side only their goals showed get it, and so do their events; goal
    phrases that the score did not keep are dropped."""
    scored: dict[str, Counter[str]] = defaultdict(Counter)
    for g in facts.scorers:
        if g.player and g.team:
            side = _credited(g.team, g.own_goal, facts)
            if side:
                scored[g.player][side] += 1
    players = tuple(replace(p, team=scored[p.name].most_common(1)[0][0])
                    if p.team is None and scored.get(p.name) else p for p in facts.players)
    teams = {p.name: p.team for p in players}
    goals = {(g.player, g.own_goal) for g in facts.scorers}
    no_goals = facts.score is not None and facts.score.home + facts.score.away == 0
    events = tuple(replace(e, team=teams.get(e.player) or e.team) if e.player else e for e in facts.events
                   if e.type not in GOAL_TYPES or _told(e, goals, no_goals))
    return {"players": players, "events": events}


def _told(e: Event, goals: set[tuple[str | None, bool]], no_goals: bool) -> bool:
    """Is a goal phrase one of the goals kept? (Phrases beyond the score were not goals.)"""
    if no_goals:
        return False
    return e.player is None or (e.player, e.type == "own_goal") in goals


def _complete_teams(goals: list[Goal], facts: Facts) -> list[Goal]:
    """Goals of unknown side go to the only side whose score is not yet accounted for."""
    if not (facts.score and facts.home and facts.away) or all(g.team for g in goals):
        return goals
    want = {facts.home.name: facts.score.home, facts.away.name: facts.score.away}
    have = Counter(g.team for g in goals if g.team)
    unknown = sum(1 for g in goals if g.team is None)
    open_sides = [t for t, n in want.items() if n > have[t]]
    if len(open_sides) != 1 or unknown > want[open_sides[0]] - have[open_sides[0]]:
        return goals
    return [g if g.team else replace(g, team=open_sides[0]) for g in goals]


def _from_lines(listed: list[tuple[str | None, ListedGoal]], facts: Facts) -> list[Goal]:
    out = []
    for team, g in listed:
        player = _player_called(g.name, facts.players, team, g.own_goal)
        scorer = player.name if player else g.name
        out.append(Goal(scorer, team or (player.team if player else None), g.minute,
                        penalty=g.penalty, own_goal=g.own_goal, span=g.span))
    return sorted(out, key=lambda g: (g.minute is None, g.minute or 0))


def _player_called(name: str, players: tuple[Player, ...], team: str | None, own_goal: bool) -> Player | None:
    """The report's player a goal line calls ``name``, preferring the side that fits."""
    fits = [p for p in players if p.role == "player" and (p.name == name or name in name_parts(p.name))]
    if len(fits) > 1 and team:
        same = [p for p in fits if (p.team == team) != own_goal]
        fits = same or fits
    return fits[0] if fits else None


def _from_events(text: str, facts: Facts) -> list[Goal]:
    by_player: dict[str, list[Event]] = defaultdict(list)
    for e in facts.events:
        if e.type in GOAL_TYPES and e.player:
            by_player[e.player].append(e)
    teams = {p.name: p.team for p in facts.players}
    weighed: list[tuple[float, Goal]] = []
    for name, evs in by_player.items():
        for own in (False, True):
            mine = [e for e in evs if (e.type == "own_goal") == own]
            if mine:
                weighed += _goals_of(text, name, teams.get(name), mine, facts)
    goals = _within_score(weighed, facts)
    return sorted(goals, key=lambda g: (g.minute is None, g.minute or 0, g.span or (0, 0)))


def _within_score(weighed: list[tuple[float, Goal]], facts: Facts) -> list[Goal]:
    """No more goals than the score has, per side and in all: the best-supported ones stay."""
    if facts.score is None:
        return [g for _, g in weighed]
    limit = {facts.home.name if facts.home else "": facts.score.home,
             facts.away.name if facts.away else "": facts.score.away}
    kept: list[Goal] = []
    per_side: Counter[str | None] = Counter()
    for _, g in sorted(weighed, key=lambda wg: -wg[0]):
        if len(kept) >= facts.score.home + facts.score.away:
            break
        if g.team in limit and per_side[g.team] >= limit[g.team]:
            continue
        per_side[g.team] += 1
        kept.append(g)
    return kept


def _goals_of(text: str, name: str, team: str | None, evs: list[Event],
              facts: Facts) -> list[tuple[float, Goal]]:
    """One player's goals of one kind, each weighed by the phrases that tell it.

    Goals are the distinct minutes, at least as many as "brace" or "hat-trick" says; a
    goal told twice, with its minute, or early in the report (the lead sums up) weighs more.
    """
    groups: list[list[Event]] = []
    lead_end = _lead_end(text)
    for e in sorted(evs, key=lambda e: (e.minute is None, _in(e, lead_end))):
        home = next((g for g in groups if e.minute is None or g[0].minute is None or _in(e, lead_end)
                     or abs(g[0].minute - e.minute) <= SAME_GOAL_MINUTES), None)
        if home is None:
            groups.append([e])
        else:
            home.append(e)
            home.sort(key=lambda x: x.minute is None)
    want = max((_told_count(text, e.span) for e in evs if e.span), default=1)
    told = len(groups)
    while len(groups) < want:
        groups.append([replace(groups[-1][-1], minute=None)])
    out = []
    for i, g in enumerate(groups):
        first = g[0]
        own = first.type == "own_goal"
        goal_team = _credited(next((e.team for e in g if e.team), None) or team, own, facts)
        weight = len(g) + 0.5 * (first.minute is not None) + 0.5 * (min(e.span[0] for e in g if e.span) < 600)
        if i >= told:  # a goal "brace" or "hat-trick" counts: as sure as the phrase that counted it
            weight = max(len(x) for x in groups[:told]) + 0.5
        out.append((weight, Goal(name, goal_team, first.minute, penalty=any(e.type == "penalty_goal" for e in g),
                                 own_goal=own, span=first.span)))
    return out


@cache
def _counts() -> tuple[tuple[re.Pattern[str], int], ...]:
    """Phrases that say how many goals ("brace", "hat-trick"), from ``data/events.json``."""
    return tuple((re.compile(c["pattern"], re.IGNORECASE), c["goals"])
                 for c in knowledge.data_json("events.json")["goal_counts"])


def _told_count(text: str, span: Span) -> int:
    """How many goals a count phrase gives the goal phrase at ``span`` (1 if none): one in it or
    after it ("his brace", "struck twice"), or opening just before it ("two fine [goals from]
    Agbonlahor") unless it names a list ("three goals ... from Walcott, Podolski and Ramsey": a
    goal each)."""
    start, end = span
    begin = start if LISTED_AFTER.match(text, end) else max(0, start - COUNT_BEFORE)
    return max((n for pattern, n in _counts() if any(m.end() > start for m in pattern.finditer(text, begin, end + 40))),
               default=1)


def _in(e: Event, end: int) -> bool:
    return bool(e.span) and e.span[0] < end


def _lead_end(text: str) -> int:
    """The end of the paragraph that holds character 400: a lead that sums up, not a new goal."""
    end = text.find("\n\n", min(LEAD_CHARS, len(text)))
    return end if end >= 0 else len(text)


def _credited(team: str | None, own_goal: bool, facts: Facts) -> str | None:
    """The side a goal counts for: the scorer's, or for an own goal the other one."""
    if not own_goal or team is None:
        return team
    others = [t.name for t in facts.teams if t.name != team]
    return others[0] if len(others) == 1 else None
