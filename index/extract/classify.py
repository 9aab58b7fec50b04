"""Is this a match report at all?

Transfer, injury, disciplinary and preview pieces mention results too, so
the question is whether the text narrates a match: the form of one (a
scoreline headline, a line-up block), its result stated in the lead, match
action (goals, chances, minutes) throughout, against the vocabulary of news
about a match rather than of one (quotes, contracts, bans, fixtures to
come) and a headline about a person's reaction. A report of a rugby, cricket
or tennis match is no football match report, however like one it reads. The
cue words and weights are data (``data/classify.json``); this module only
weighs them.
"""
from __future__ import annotations

import re
from functools import cache
from typing import Any

from .. import knowledge
from ..caseless import Exact, lower, lower_pattern
from ..normalise import Article
from ..record import Facts, Found
from . import lineup, onepass
from .mentions import sentences, team_mentions
from .pipeline import stage
from .teams import scoreline


@cache
def _data() -> dict[str, Any]:
    data = knowledge.data_json("classify.json")
    data["title_compiled"] = {name: Exact(_cue_pattern(c["phrases"]), gated=True)
                              for name, c in data["title_cues"].items()}
    return data


def _cue_pattern(phrases: list[str]) -> str:
    """One cue's phrases as a pattern for lower-cased text."""
    return lower_pattern(r"\b(?:" + "|".join(phrases) + r")\b")


def _cues() -> list[re.Pattern[str]]:
    """The body cues, then each sport's phrases: read in the pass over a text's words that
    the stages share (:mod:`.onepass`). A report is read with a dozen cues, and a scan of
    the whole text for each cost more than the rest of the verdict."""
    data = _data()
    groups = [c["phrases"] for c in data["cues"].values()] + list(data["other_sport"]["sports"].values())
    return [re.compile(_cue_pattern(phrases)) for phrases in groups]


onepass.reads("report cues", _cues)


def _found(article: Article) -> tuple[dict[str, list[re.Match[str]]], list[list[re.Match[str]]]]:
    """Every match of each body cue (by name) and of each sport's phrases in ``article``."""
    matches = onepass.found("report cues", article.fold)
    cues = _data()["cues"]
    return dict(zip(cues, matches)), matches[len(cues):]


@stage("is_match_report")
def is_match_report(article: Article, facts: Facts) -> dict[str, Any]:
    cues, sports = _found(article)
    score, span = report_score(article, facts, cues)
    verdict = score >= _data()["threshold"] and not other_sport(sports)
    return {"is_match_report": Found(verdict, span if verdict else None)}


def other_sport(sports: list[list[re.Match[str]]]) -> bool:
    """Whether the text, with these matches of each sport's phrases, is about rugby, cricket,
    tennis or the like: their reports have scorelines, line-ups and teams that share
    football's names ('Italy 17-28 Ireland')."""
    veto_at = _data()["other_sport"]["veto_at"]
    return any(len({m.group(0) for m in found}) >= veto_at for found in sports)


def report_score(article: Article, facts: Facts,
                 cues: dict[str, list[re.Match[str]]]) -> tuple[float, tuple[int, int] | None]:
    """How strongly the text reads as a match report, and the evidence that spoke most for it
    (``cues``: every match of each body cue in the text)."""
    data = _data()
    weights = data["structure"]
    score, span = 0.0, None
    for name, found in cues.items():
        cue = data["cues"][name]
        hits = [m for m in found if m.start() >= article.title_end][:cue["cap"]]  # a cue's pull stops at its cap
        if hits:
            score += cue["weight"] * len(hits)
            if span is None and cue["weight"] > 0:
                span = hits[0].span()
    title = lower(article.fold[:article.title_end])
    for name, pattern in data["title_compiled"].items():
        if pattern.search(title):
            score += data["title_cues"][name]["weight"]
    if scoreline(article, team_mentions(article)):
        score += weights["scoreline_title"]
        span = (0, article.title_end)
    block = lineup.block(article)
    if block is not None:
        score += weights["lineup_block"]
        span = span or block.home.span
    if len(facts.teams) == 2:
        score += weights["two_teams"]
    if facts.score is not None and facts.score.span:
        lead = sentences(article)[:data["lead_sentences"] + (1 if article.title_end else 0)]
        in_lead = bool(lead) and facts.score.span[0] < lead[-1][1]
        score += weights["score_in_lead"] if in_lead else weights["score_later"]
    return score, span
