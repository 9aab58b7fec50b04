"""Which reports tell the same match: they share a match id.

Two reports are of one match when they have the same home and away teams and
nothing tells them apart: the same date, or no date on one of them, and no
other final score. One report of a pairing may carry a date and another
not (the seeds: one has a dateline, the other none), so a new report joins
the one group already indexed that it agrees with; with none, or with
several it cannot choose between, it starts its own.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .record import Record

SAME_DAY_SLACK = dt.timedelta(days=1)
"""A report dated the day after its match (by publication) still tells that match, if the scores agree."""


@dataclass(frozen=True, slots=True)
class Indexed:
    """What the index holds of one report of a pairing."""

    match: str
    date: dt.date | None
    score: tuple[int, int] | None


Lookup = Callable[[str, str], Iterable[Indexed]]


def indexed(rows: Iterable[tuple[str, str | None, list[int] | None]]) -> list[Indexed]:
    """The store's (match, ISO date, score) rows as :class:`Indexed` reports."""
    return [Indexed(match, dt.date.fromisoformat(day) if day else None, (score[0], score[1]) if score else None)
            for match, day, score in rows]


def match_id(rec: Record, indexed: Lookup) -> str | None:
    """The id of the match ``rec`` reports: the agreeing group's, else a new one."""
    f = rec.facts
    if not (f.home and f.away and f.is_match_report and f.is_match_report.value):
        return None
    date = rec.date
    score = (f.score.home, f.score.away) if f.score else None
    groups: dict[str, list[Indexed]] = defaultdict(list)
    for report in indexed(f.home.name, f.away.name):
        groups[report.match].append(report)
    agreeing = [m for m, reports in groups.items() if all(_agree(r, date, score) for r in reports)]
    if len(agreeing) > 1 and date is not None:
        agreeing = [m for m in agreeing if any(r.date == date for r in groups[m])] or agreeing
    if len(agreeing) == 1:
        return agreeing[0]
    own = f"{f.home.name}|{f.away.name}|{date.isoformat() if date else ''}|{score or ''}"
    return hashlib.blake2b(own.encode(), digest_size=6).hexdigest()


def _agree(report: Indexed, date: dt.date | None, score: tuple[int, int] | None) -> bool:
    """Nothing tells ``report`` apart from a report dated ``date`` with ``score``."""
    if report.score and score and report.score != score:
        return False
    if report.date and date and report.date != date:
        return abs(report.date - date) <= SAME_DAY_SLACK and report.score is not None and report.score == score
    return True
