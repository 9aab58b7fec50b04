"""The two teams of the match, and which was at home.

The strongest evidence decides: a scoreline headline ("Newcastle 2-1
Bolton", home side first), then a line-up block whose sides are labelled
with their teams (home side first). Otherwise the two teams the report
names most, its title and lead counting extra, are the match's teams, and
the cues of :mod:`.orient` say which was at home.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from .. import knowledge
from ..normalise import Article
from ..record import Facts, TeamRef
from . import lineup, orient, result
from .mentions import Mention, sentences, team_mentions
from .pipeline import stage

SCORE_BETWEEN = re.compile(r"\s*\d{1,2}\s*-\s*\d{1,2}\s*")
# "Southampton 1 QPR 2", "Austria 0, France 1": each side's goals after its name, the line ending there
GOALS_BETWEEN, GOALS_AFTER = re.compile(r"\s+\d{1,2},?\s+"), re.compile(r"\s+(\d{1,2})\s*(?:$|[-:|.!?(])")
WEIGHT = {"name": 1.0, "nickname": 1.0, "weak": 0.5, "manager": 0.5, "stadium": 0.5}
TITLE_FACTOR, LEAD_FACTOR = 3.0, 2.0
RESULT_BONUS, RESULT_SENTENCES = 3.0, 3


@stage("teams", "home", "away")
def teams(article: Article, facts: Facts) -> dict[str, Any]:
    found = team_mentions(article)
    pair = headline_pair(article, found) or _labelled_pair(article, found)
    if pair is None:
        chosen = _top_two(article, found)
        if len(chosen) < 2:
            return {"teams": tuple(chosen)}
        named = (chosen[0].name, chosen[1].name)
        home, away = orient.home_first(article, named, team_mentions(article, named))
        by_name = {t.name: t for t in chosen}
        pair = by_name[home], by_name[away]
    return {"teams": pair, "home": pair[0], "away": pair[1]}


def headline_pair(article: Article, found: tuple[Mention, ...]) -> tuple[TeamRef, TeamRef] | None:
    """"Newcastle 2-1 Bolton" in the title (or first line): the home side first."""
    line = scoreline(article, found)
    if line is None:
        return None
    a, b, _ = line
    return TeamRef(a.team, (a.start, a.end)), TeamRef(b.team, (b.start, b.end))


def scoreline(article: Article, found: tuple[Mention, ...]) -> tuple[Mention, Mention, tuple[int, int]] | None:
    """The two teams and goals of a "Team x-y Team" (or "Team x Team y") title or first line."""
    head_end = article.title_end or article.fold.find("\n")
    named = [m for m in found if m.end <= head_end and m.strength in ("name", "nickname")]
    for a, b in zip(named, named[1:]):
        gap = article.fold[a.end:b.start]
        if a.team == b.team:
            continue
        if SCORE_BETWEEN.fullmatch(gap):
            x, y = (int(n) for n in re.findall(r"\d+", gap))
            return a, b, (x, y)
        after = GOALS_AFTER.match(article.fold, b.end, head_end)
        if GOALS_BETWEEN.fullmatch(gap) and after:
            return a, b, (int(gap.strip(" ,")), int(after[1]))
    return None


def _labelled_pair(article: Article, found: tuple[Mention, ...]) -> tuple[TeamRef, TeamRef] | None:
    """A line-up block whose sides are labelled with their teams."""
    blk = lineup.block(article)
    if blk is None or not blk.home.team or not blk.away.team or blk.home.team == blk.away.team:
        return None
    return (_first_ref(blk.home.team, found, blk.home.label_span),
            _first_ref(blk.away.team, found, blk.away.label_span))


def _first_ref(team: str, found: tuple[Mention, ...], fallback: tuple[int, int] | None) -> TeamRef:
    first = next((m for m in found if m.team == team and m.strength in ("name", "nickname")), None)
    return TeamRef(team, (first.start, first.end) if first else fallback)


def _top_two(article: Article, found: tuple[Mention, ...]) -> list[TeamRef]:
    """The two teams named most, the title and lead sentence weighing extra, and a team the
    first result of the report is about ("a 1-0 win over Sunderland") more; in order of mention.

    Both are clubs or both national teams: "the England striker" in a club
    report, or a player's club in an international, is not the other side.
    """
    spans = sentences(article)
    body = [e for s, e in spans if s >= article.title_end]
    lead_end = body[0] if body else article.title_end
    weight: dict[str, float] = defaultdict(float)
    early = body[RESULT_SENTENCES - 1] if len(body) >= RESULT_SENTENCES else len(article.fold)
    for read in result.reads(article, found):
        if read.span[0] >= early:
            break
        for team in read.line or ((read.team,) if read.team else ()):
            weight[team] += RESULT_BONUS
    first: dict[str, Mention] = {}
    for m in found:
        w = WEIGHT.get(m.strength, 0.0) if m.venue or m.strength != "stadium" else WEIGHT["name"]
        if m.start < article.title_end:
            w *= TITLE_FACTOR
        elif m.start < lead_end:
            w *= LEAD_FACTOR
        weight[m.team] += w
        if m.team not in first or (first[m.team].strength not in ("name", "nickname")
                                   and m.strength in ("name", "nickname")):
            first[m.team] = m
    book = knowledge.teams()
    kinds: dict[str, list[str]] = defaultdict(list)
    for t in sorted(weight, key=lambda t: (-weight[t], first[t].start)):
        kinds[book.teams[t].kind].append(t)
    ranked = max(kinds.values(), key=lambda ts: sum(weight[t] for t in ts[:2]), default=[])[:2]
    ranked.sort(key=lambda t: min(m.start for m in found if m.team == t))
    return [TeamRef(t, (first[t].start, first[t].end)) for t in ranked]
