"""Line-up blocks and goal lines at the foot of a report.

BBC-style reports end with one block per side, home first, either inline
("Man Utd: Carroll, Gary Neville, ... Subs Not Used: ... Goals: Rooney 68,
Dunne 75 og.") or as bare paragraphs (the eleven, the substitutes, the
booked, then "Henry 2, 29."). A goal line below a side's eleven lists the
goals credited to that side, own goals included. Everyone listed is a
player of that side.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import Any

from .. import knowledge
from ..record import Facts, Span

NAME = r"[A-Z][\w'\-]*\.?(?: (?:[a-z]{1,3} ){0,2}[A-Z][\w'\-]*)*"
ITEM = rf"(?P<n>{NAME})(?: ?\((?P<sub>{NAME}),? (?P<min>\d{{1,3}})\))?"
MARK = r"(?: ?(?:\(?pen\)?|\(?p\)|\(?og\)?|\(?o\.g\.\)?))"
MINUTES = rf"\d{{1,3}}(?:\+\d)?'?{MARK}?(?:(?:, ?| and )\d{{1,3}}(?:\+\d)?'?{MARK}?)*"
GOAL_ITEM = re.compile(rf"(?P<name>{NAME}) \(?(?P<mins>{MINUTES})\)?")
GOAL_LIST = re.compile(rf"{NAME} \(?{MINUTES}\)?(?:[,;] ?{NAME} \(?{MINUTES}\)?)*\.?")
PLAIN_ITEM = rf"{NAME}(?: ?\({NAME},? \d{{1,3}}\))?"
NAME_LIST = re.compile(rf"{PLAIN_ITEM}(?:, ?{PLAIN_ITEM})*\.?")
# A sentence end ("(?<=[.!?])[\"']?\s+(?=[A-Z:])", not after an initial: "P. Bengtsson, M. Berg") or line
# breaks ("\n+"), written to open with one character class so that the regex engine skips to those
# characters at once.
BOUNDARY = re.compile(r"[\s\"'](?:(?<=[.!?][\"'])\s+(?=[A-Z:])|(?<=[.!?]\s)(?<![\s,(][A-Z]\.\s)\s*(?=[A-Z:])|(?<=\n)\n*)")
LABEL = re.compile(r"^(?P<label>[A-Z][\w'&. \-]{0,40}?|):\s*")
MINUTE = re.compile(rf"(?P<m>\d{{1,3}})(?:\+(?P<x>\d))?'?(?P<mark>{MARK})?")
LINEUP_MIN = 7


@dataclass(frozen=True, slots=True)
class ListedGoal:
    """One goal of a goal line: who, when, and how."""

    name: str
    minute: int
    penalty: bool
    own_goal: bool
    span: Span


@dataclass
class Side:
    """One side's block: its label (if any), the players listed, the goals credited to it.

    Read only: the lists are shared by every stage that reads the report's blocks.
    """

    label: str | None
    players: list[tuple[str, Span]] = field(default_factory=list)
    goals: list[ListedGoal] = field(default_factory=list)
    team: str | None = None
    events: list[tuple[str, str, Span, int | None]] = field(default_factory=list)  # type, name, span, minute
    label_span: Span | None = None


@cache
def _labels() -> dict[str, Any]:
    """Block labels that list players (``Booked:``) and those that do not (``Att:``)."""
    raw = knowledge.data_json("events.json")["lineup_labels"]
    return {"players": frozenset(raw["players"]), "other": frozenset(raw["other"]), "events": raw["events"],
            "noise": raw["noise"]}


@cache
def _label_noise() -> re.Pattern[str]:
    """"France XI", "Chelsea (4-2-3-1)": what a block label adds to the team's name."""
    words = "|".join(re.escape(w) for w in _labels()["noise"])
    return re.compile(r"\([^)]*\)|\b(?:" + words + r")\b", re.IGNORECASE)


def sides(text: str, facts: Facts) -> list[Side]:
    """The line-up blocks of ``text`` in order, each tied to its team where possible."""
    found = _blocks(text)
    teams = _tie_teams(found, facts)
    return [replace(side, team=teams.get(i)) for i, side in enumerate(found)]


@lru_cache(maxsize=64)
def _blocks(text: str) -> tuple[Side, ...]:
    """The line-up blocks of ``text``, not yet tied to teams.

    Three stages read the blocks of each report, so they are found once (and shared:
    their lists are never changed after this).
    """
    found: list[Side] = []
    loose: list[ListedGoal] = []
    for start, body in _segments(text):
        label_m = LABEL.match(body)
        label = label_m["label"].strip() if label_m else None
        content_at = start + (label_m.end() if label_m else 0)
        content = body[label_m.end():] if label_m else body
        kind = label.lower() if label else ""
        if kind in ("goals", "goal", "scorers", "scorer"):
            goals = _goals(content, content_at)
            (found[-1].goals if found else loose).extend(goals)
        elif kind in _labels()["players"]:
            if found:
                listed = _names(content, content_at)
                found[-1].players += listed
                event = _labels()["events"].get(kind)
                found[-1].events += [(event, name, span, None) for name, span in listed] if event else []
        elif kind in _labels()["other"]:
            continue
        elif content.count(",") + 1 >= LINEUP_MIN and NAME_LIST.fullmatch(content):
            side = Side(label or None, _names(content, content_at),
                        label_span=(start, start + len(label)) if label else None)
            side.events = [("substitution", m["sub"], (content_at + m.start("sub"), content_at + m.end("sub")),
                            int(m["min"])) for m in re.finditer(ITEM, content) if m["sub"]]
            found.append(side)
        elif found and not label and GOAL_LIST.fullmatch(content) and re.search(r"\d", content):
            found[-1].goals.extend(_goals(content, content_at))
    if loose:
        found.append(Side(None, goals=loose))
    return tuple(found)


def _segments(text: str) -> list[tuple[int, str]]:
    """Sentences and lines with their offsets: the units a block is made of."""
    out, pos = [], 0
    for b in BOUNDARY.finditer(text):
        if b.start() > pos:
            out.append((pos, text[pos:b.start()]))
        pos = b.end()
    if pos < len(text):
        out.append((pos, text[pos:]))
    return out


def _names(content: str, offset: int) -> list[tuple[str, Span]]:
    out = []
    for m in re.finditer(ITEM, content):
        for g in ("n", "sub"):
            if m[g]:
                out.append((m[g].rstrip("."), (offset + m.start(g), offset + m.start(g) + len(m[g].rstrip(".")))))
    return out


def _goals(content: str, offset: int) -> list[ListedGoal]:
    out = []
    for item in GOAL_ITEM.finditer(content):
        name = item["name"]
        span = (offset + item.start("name"), offset + item.end("name"))
        for mm in MINUTE.finditer(item["mins"]):
            mark = (mm["mark"] or "").strip(" ()").replace(".", "")
            minute = int(mm["m"]) + int(mm["x"] or 0)
            out.append(ListedGoal(name, minute, mark in ("pen", "p"), mark == "og", span))
    return out


def labelled_teams(text: str) -> list[tuple[str, Span]]:
    """The teams that label the line-ups of ``text`` ("Sweden XI:", "Celtic (4-3-3):"), in the
    order listed (the home side's first), each with its label's span."""
    out: list[tuple[str, Span]] = []
    for side in _blocks(text):
        team = _label_team(side.label) if side.players else None
        if team and side.label_span and team not in (t for t, _ in out):
            out.append((team, side.label_span))
    return out


def _label_team(label: str | None) -> str | None:
    """The team a block label names, once "XI" and "(4-3-3)" are taken off it."""
    return knowledge.teams().resolve(_label_noise().sub(" ", label).strip()) if label else None


def _tie_teams(found: tuple[Side, ...], facts: Facts) -> dict[int, str | None]:
    """Each side's team, by position: its label when it names a team, else home for the
    first, away for the second."""
    order = [facts.home.name if facts.home else None, facts.away.name if facts.away else None]
    blocks = [i for i, s in enumerate(found) if s.players]
    teams = {}
    for n, i in enumerate(blocks):
        teams[i] = _label_team(found[i].label) or (order[n] if n < 2 else None)
    return teams
