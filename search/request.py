"""What a search asks for, and what it answers, free of any engine.

The CLI and the library build a :class:`Request`; :mod:`search.engine`
runs it; :mod:`search.render` shows the :class:`Results`. Names in a
request are already resolved to canonical players and teams.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .query import Node

FACETS = ("player", "team", "event", "competition", "month")


class QueryError(ValueError):
    """A query that cannot be understood; the message says why, in one line."""


class Lenient:
    """Reading a query leniently (collect notes on what was ignored) or strictly (raise)."""

    def __init__(self, strict: bool) -> None:
        self.strict = strict
        self.notes: list[str] = []

    def problem(self, message: str) -> None:
        message = " ".join(message.split())  # one line, whatever the query held
        if self.strict:
            raise QueryError(message)
        if message not in self.notes:
            self.notes.append(message)


@dataclass(frozen=True)
class Request:
    """A resolved query tree (see :mod:`search.query`) and how to page and sort its answer."""

    node: Node | None
    text: str = ""
    sort: str = "relevance"
    limit: int = 10
    page: int = 1
    facet_limit: int = 10
    group: bool = False


@dataclass(frozen=True)
class Hit:
    id: str
    path: str
    title: str | None
    date: str | None
    home: str | None
    away: str | None
    score: list[int] | None
    rank: float
    highlights: list[str]
    match: str | None = None
    teams: list[str] = field(default_factory=list)
    competition: str | None = None
    reports: int = 1  # with grouping: how many reports of this match matched

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "path": self.path, "title": self.title, "date": self.date,
                "home": self.home, "away": self.away, "score": self.score,
                "rank": round(self.rank, 3), "highlights": self.highlights,
                "match": self.match, "teams": self.teams, "competition": self.competition,
                "reports": self.reports}


@dataclass(frozen=True)
class Results:
    query: str
    total: int
    page: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]]
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"query": self.query, "total": self.total, "page": self.page,
                "hits": [h.to_json() for h in self.hits],
                "facets": {k: [[v, n] for v, n in vals] for k, vals in self.facets.items()},
                "notes": self.notes}
