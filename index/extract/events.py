"""Match events with the player who did them, and the scorers of the result.

Event phrases live in ``data/events.json``; each rule says where its actor
is named (before the phrase, after it, or as the possessor inside it). The
actor is the nearest player mention on that side within the sentence, so
"Samir Handanovic was equal to Luis Muriel's spot kick" gives a penalty save
to Handanovic and a missed penalty to Muriel.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from typing import Any

from .. import knowledge
from ..normalise import Article
from ..record import GOAL_TYPES, Event, Facts, Goal, Player, Span
from .pipeline import stage

ORDINAL_MINUTE = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)[- ]minute\b")
AFTER_MINUTES = re.compile(r"\b(?:after|on|in|inside|within) (\d{1,3}) minutes?\b")
WORDS_MINUTE = {"on the hour": 60, "at the death": 90, "in stoppage time": 90, "in injury time": 90,
                "in added time": 90, "seconds into the game": 1, "just before half-time": 44,
                "on the stroke of half-time": 45, "with four minutes on the clock": 4}
TO_GO = re.compile(r"\bwith (\d{1,2}) minutes? (?:to go|remaining|left)\b")
GOAL_LINE = re.compile(r"(?:^|\n|\.\s)Goals?:\s*(?P<body>[^\n]+?)(?:\.\s*(?:Att|Ref|Booked|Subs|Sent)|$|\n)")
GOAL_ITEM = re.compile(r"(?P<name>[A-Z][\w'\-]*(?: [A-Z][\w'\-]*)*)\s+(?P<mins>\d{1,3}(?:\s*(?:pen|og|\(pen\)|\(og\)))?"
                       r"(?:\s*,\s*\d{1,3}(?:\s*(?:pen|og|\(pen\)|\(og\)))?)*)")


@dataclass(frozen=True)
class Rule:
    type: str
    pattern: re.Pattern[str]
    actor: str


@cache
def rules() -> tuple[Rule, ...]:
    """The event rules from ``data/events.json``, compiled once."""
    return tuple(Rule(r["type"], re.compile(r["pattern"], re.IGNORECASE), r["actor"])
                 for r in knowledge.data_json("events.json")["rules"])


@stage("events")
def events(article: Article, facts: Facts) -> dict[str, Any]:
    text = article.fold
    index = _MentionIndex(facts.players)
    found: list[Event] = []
    seen: set[tuple[str, int]] = set()
    for rule in rules():
        for m in rule.pattern.finditer(text):
            if (rule.type, m.start()) in seen:
                continue
            player = index.actor(text, m, rule.actor)
            if rule.actor != "before" or player is not None or rule.type in ("var_review",):
                seen.add((rule.type, m.start()))
                found.append(Event(rule.type, player.name if player else None,
                                   player.team if player else None, minute_near(text, m.start()),
                                   m.span()))
    found.sort(key=lambda e: e.span or (0, 0))
    return {"events": tuple(_dedupe(found))}


def _dedupe(found: list[Event]) -> list[Event]:
    """One event per type and actor per sentence: overlapping phrases say it once."""
    out: list[Event] = []
    for e in found:
        if any(o.type == e.type and o.player == e.player and o.span and e.span
               and abs(o.span[0] - e.span[0]) < 80 for o in out):
            continue
        out.append(e)
    return out


@stage("scorers")
def scorers(article: Article, facts: Facts) -> dict[str, Any]:
    """Goals from a "Goals:" line when the report has one, else from goal events."""
    listed = list(_goal_lines(article.fold, facts.players))
    if listed:
        return {"scorers": tuple(listed)}
    goals = [Goal(e.player, e.team, e.minute, penalty=e.type == "penalty_goal",
                  own_goal=e.type == "own_goal", span=e.span)
             for e in facts.events if e.type in GOAL_TYPES and e.player]
    return {"scorers": tuple(goals)}


def _goal_lines(text: str, players: tuple[Player, ...]) -> list[Goal]:
    out = []
    for line in GOAL_LINE.finditer(text):
        offset = line.start("body")
        for item in GOAL_ITEM.finditer(line["body"]):
            name = _full_name(item["name"], players)
            for minute in re.finditer(r"(\d{1,3})\s*(\(?pen\)?|\(?og\)?)?", item["mins"]):
                kind = (minute[2] or "").strip("()")
                span = (offset + item.start(), offset + item.end())
                out.append(Goal(name, None, int(minute[1]), penalty=kind == "pen",
                                own_goal=kind == "og", span=span))
    return out


def _full_name(name: str, players: tuple[Player, ...]) -> str:
    for p in players:
        if p.name == name or p.name.split(" ")[-1] == name:
            return p.name
    return name


def minute_near(text: str, pos: int) -> int | None:
    """The match minute stated in the sentence around ``pos``, if any."""
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    ends = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0]
    end = min(ends) if ends else len(text)
    sentence = text[start:end]
    for phrase, minute in WORDS_MINUTE.items():
        if phrase in sentence:
            return minute
    for pattern in (ORDINAL_MINUTE, AFTER_MINUTES):
        m = pattern.search(sentence)
        if m and 0 < int(m[1]) <= 130:
            return int(m[1])
    m = TO_GO.search(sentence)
    if m:
        return 90 - int(m[1])
    return None


class _MentionIndex:
    """Player mentions sorted by position, to find the one nearest a phrase."""

    def __init__(self, players: tuple[Player, ...]) -> None:
        pairs = sorted((span, p) for p in players if p.role == "player" for span in p.spans)
        self.starts = [s for (s, _), _ in pairs]
        self.items: list[tuple[Span, Player]] = pairs

    def actor(self, text: str, m: re.Match[str], side: str) -> Player | None:
        s_start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        s_end = text.find(". ", m.end())
        s_end = len(text) if s_end < 0 else s_end
        if side == "possessor":
            for span, p in self.items[bisect_left(self.starts, m.start()):]:
                if span[0] >= m.end():
                    break
                if text.startswith("'", span[1]):
                    return p
            return None
        if side == "after":
            i = bisect_left(self.starts, m.end())
            if i < len(self.items) and self.items[i][0][0] < s_end:
                return self.items[i][1]
            return None
        i = bisect_left(self.starts, m.start()) - 1
        while i >= 0 and self.items[i][0][1] > m.start():
            i -= 1
        if i >= 0 and self.items[i][0][0] >= s_start:
            return self.items[i][1]
        return None
