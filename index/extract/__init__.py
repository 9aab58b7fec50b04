"""Extraction: what a report says about its match, with the evidence for each fact.

``STAGES`` is the whole pipeline in dependency order; every stage declares
the :class:`~index.record.Facts` fields it fills (see :mod:`.pipeline`).
"""
from __future__ import annotations

from .classify import is_match_report
from .competition import competition, venue
from .dates import date
from .events import events
from .pipeline import Stage, run, stage
from .players import players
from .scorers import player_sides, scorers
from .score import score
from .teams import teams

STAGES: tuple[Stage, ...] = (
    date, teams, score, competition, venue, players, events, scorers, player_sides, is_match_report,
)

__all__ = ["STAGES", "Stage", "run", "stage"]
