"""Extraction: what a report says about its match, with the evidence for each fact.

``STAGES`` is the whole pipeline in dependency order; every stage declares
the :class:`~index.record.Facts` fields it fills (see :mod:`.pipeline`).
It is loaded on first use: searching reads :mod:`.similar` (through the
player registry) and must not pay at start-up for every stage's patterns.
"""
from __future__ import annotations

from functools import cache
from typing import Any

from .pipeline import Stage, run, stage


@cache
def _stages() -> tuple[Stage, ...]:
    from .classify import is_match_report
    from .competition import competition, venue
    from .dates import date
    from .events import events
    from .players import players
    from .scorers import player_sides, scorers
    from .score import score
    from .teams import teams

    return (date, teams, score, competition, venue, players, events, scorers, player_sides,
            is_match_report)


def __getattr__(name: str) -> Any:
    if name == "STAGES":
        return _stages()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["STAGES", "Stage", "run", "stage"]
