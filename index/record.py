"""The values extraction produces, each carrying the text span it came from.

Every fact about a report points back at the characters of the normalised
text that support it (``span``), so highlighting and debugging can show the
evidence. ``None`` as a span means the value came from metadata (a JSONL
``date`` field, a dateline), not from prose.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any, TypeVar

Span = tuple[int, int]

EVENT_TYPES: tuple[str, ...] = (
    "goal", "penalty_goal", "own_goal", "disallowed_goal", "penalty_awarded",
    "penalty_saved", "penalty_missed", "red_card", "yellow_card", "woodwork",
    "var_review", "save", "substitution", "injury",
)
"""Event types of INTERFACE.md; ``goal`` as a filter also covers the goal subtypes."""

GOAL_TYPES: frozenset[str] = frozenset({"goal", "penalty_goal", "own_goal"})

T = TypeVar("T")


def _pickled_as_values(cls: type[T]) -> type[T]:
    """Pickle ``cls`` as its class and field values. Records go from the extraction workers
    to the writer, and the state methods of slotted dataclasses run field by field in Python:
    this halves the cost of that transfer."""
    values = attrgetter(*(f.name for f in fields(cls)))  # type: ignore[arg-type]
    cls.__reduce__ = lambda self: (cls, values(self))  # type: ignore[assignment,method-assign]
    return cls


@_pickled_as_values
@dataclass(frozen=True, slots=True)
class Found:
    """A plain value (date, competition, venue, label) and where it was read."""

    value: Any
    span: Span | None = None


@_pickled_as_values
@dataclass(frozen=True, slots=True)
class TeamRef:
    """A team of the match under its canonical name, and the mention that named it."""

    name: str
    span: Span | None = None


@_pickled_as_values
@dataclass(frozen=True, slots=True)
class Score:
    """The final score, oriented home-away."""

    home: int
    away: int
    span: Span | None = None


@_pickled_as_values
@dataclass(frozen=True, slots=True)
class Player:
    """One person of the report under one canonical name, with every mention."""

    name: str
    team: str | None = None
    role: str = "player"  # "player", "manager" or "referee"
    spans: tuple[Span, ...] = ()


@_pickled_as_values
@dataclass(frozen=True, slots=True)
class Goal:
    """A goal of the final score."""

    player: str | None
    team: str | None
    minute: int | None
    penalty: bool = False
    own_goal: bool = False
    span: Span | None = None


@_pickled_as_values
@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened in the match, and who did it."""

    type: str
    player: str | None = None
    team: str | None = None
    minute: int | None = None
    span: Span | None = None


@_pickled_as_values
@dataclass(frozen=True)
class Facts:
    """Everything extraction knows about one report; stages fill it field by field."""

    date: Found | None = None
    competition: Found | None = None
    venue: Found | None = None
    is_match_report: Found | None = None
    teams: tuple[TeamRef, ...] = ()
    home: TeamRef | None = None
    away: TeamRef | None = None
    score: Score | None = None
    players: tuple[Player, ...] = ()
    scorers: tuple[Goal, ...] = ()
    events: tuple[Event, ...] = ()


@dataclass(frozen=True)
class Record:
    """One report as ``extract --json`` shows it and the index stores it."""

    id: str
    text: str
    title: str | None
    path: str | None
    url: str | None
    facts: Facts = field(default_factory=Facts)

    @property
    def date(self) -> dt.date | None:
        return self.facts.date.value if self.facts.date else None

    def to_json(self, spans: bool = False) -> dict[str, Any]:
        """The INTERFACE.md shape; ``spans=True`` adds the evidence of every value."""
        f = self.facts
        out: dict[str, Any] = {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "competition": f.competition.value if f.competition else None,
            "venue": f.venue.value if f.venue else None,
            "is_match_report": bool(f.is_match_report.value) if f.is_match_report else False,
            "home": f.home.name if f.home else None,
            "away": f.away.name if f.away else None,
            "score": [f.score.home, f.score.away] if f.score else None,
            "teams": [t.name for t in f.teams],
            "players": [p.name for p in f.players if p.role == "player"],
            "managers": [p.name for p in f.players if p.role == "manager"],
            "referees": [p.name for p in f.players if p.role == "referee"],
            "scorers": [
                {"player": g.player, "team": g.team, "minute": g.minute,
                 "penalty": g.penalty, "own_goal": g.own_goal}
                | ({"span": list(g.span)} if spans and g.span else {})
                for g in f.scorers
            ],
            "events": [
                {"type": e.type, "player": e.player, "team": e.team, "minute": e.minute,
                 "span": list(e.span) if e.span else None}
                for e in f.events
            ],
        }
        if self.url:
            out["url"] = self.url
        if spans:
            out["spans"] = _spans(f)
        return out


def _spans(f: Facts) -> dict[str, Any]:
    """Where each single-valued fact was read, for `extract --spans`."""
    def one(x: Any) -> list[int] | None:
        return list(x.span) if x is not None and x.span else None

    return {
        "date": one(f.date), "competition": one(f.competition), "venue": one(f.venue),
        "is_match_report": one(f.is_match_report), "home": one(f.home), "away": one(f.away),
        "score": one(f.score), "teams": {t.name: one(t) for t in f.teams},
        "players": {p.name: [list(s) for s in p.spans] for p in f.players},
    }
