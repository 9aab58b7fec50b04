"""The final score, oriented home-away.

The strongest source decides: a scoreline headline ("Man City 0-2 Man
Utd"), the goals of a line-up block, then the first score in the text that
reads as the final result of this match ("crashed to a 3-1 home defeat to
Aston Villa", "beat Norwich 3-1", "a goalless draw"). Whose goals are which
comes from the words around the score (:mod:`.result`); half-time and
running scores, shoot-outs, aggregates and other matches' results are not
the result. With no score written anywhere, the goals the report narrates
are counted (:mod:`.narration`).
"""
from __future__ import annotations

from typing import Any

from ..normalise import Article
from ..record import Facts, Score
from . import lineup, narration, result
from .mentions import Mention, team_mentions
from .pipeline import stage
from .teams import scoreline


@stage("score")
def score(article: Article, facts: Facts) -> dict[str, Any]:
    home, away = facts.home, facts.away
    if home is None or away is None:
        return {}
    pair = (home.name, away.name)
    found = team_mentions(article, pair)
    headline = _headline_score(article, found, pair)
    if headline:
        return {"score": headline}
    blk = lineup.block(article)
    if blk is not None and sum(blk.score):
        return {"score": Score(*blk.score, (blk.home.span[0], blk.away.span[1]))}
    reads = list(result.reads(article, found))
    stated = result.final_score(reads, pair)
    if stated:
        return {"score": stated}
    counted = narration.counted_score(article, found, pair, reads)
    if blk is not None and (counted is None or counted.home == counted.away):
        return {"score": Score(0, 0, (blk.home.span[0], blk.away.span[1]))}  # a drawn match, no goals listed
    if counted is not None and counted.home != counted.away:
        return {"score": _written_goals(reads, pair, counted.home > counted.away) or counted}
    return {"score": counted} if counted else {}


def _written_goals(reads: list[result.Read], pair: tuple[str, str], home_won: bool) -> Score | None:
    """A winning score written without its winner ("The 2-0 win means Fulham's wait goes on"),
    about only this pair's teams, oriented by the winner the report tells."""
    for read in reads:
        high, low = max(read.goals), min(read.goals)
        if read.line is None and read.team is None and high != low and read.near and read.near <= set(pair) \
                and read.venue in (None, *pair):
            return Score(*((high, low) if home_won else (low, high)), read.span)
    return None


def _headline_score(article: Article, found: tuple[Mention, ...], pair: tuple[str, str]) -> Score | None:
    """A "Team x-y Team" scoreline in the title or first line, about this pair."""
    line = scoreline(article, found)
    if line is None or {line[0].team, line[1].team} != set(pair):
        return None
    a, b, (x, y) = line
    return Score(*((x, y) if a.team == pair[0] else (y, x)), (a.start, b.end))
