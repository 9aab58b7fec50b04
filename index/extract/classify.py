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

from functools import cache
from itertools import islice
from typing import Any

from .. import knowledge
from ..caseless import Exact, lower, lower_pattern
from ..normalise import Article
from ..record import Facts, Found
from . import lineup
from .mentions import sentences, team_mentions
from .pipeline import stage
from .teams import scoreline


@cache
def _data() -> dict[str, Any]:
    data = knowledge.data_json("classify.json")
    def compiled(phrases: dict[str, list[str]]) -> dict[str, Exact]:  # matched on lower-cased text
        return {name: Exact(lower_pattern(r"\b(?:" + "|".join(p) + r")\b"), gated=True)
                for name, p in phrases.items()}

    data["compiled"] = compiled({name: c["phrases"] for name, c in data["cues"].items()})
    data["title_compiled"] = compiled({name: c["phrases"] for name, c in data["title_cues"].items()})
    data["sports_compiled"] = compiled(data["other_sport"]["sports"])
    return data


@stage("is_match_report")
def is_match_report(article: Article, facts: Facts) -> dict[str, Any]:
    score, span = report_score(article, facts)
    verdict = score >= _data()["threshold"] and not other_sport(article)
    return {"is_match_report": Found(verdict, span if verdict else None)}


def other_sport(article: Article) -> bool:
    """Whether the text is about rugby, cricket, tennis or the like: their reports have
    scorelines, line-ups and teams that share football's names ('Italy 17-28 Ireland')."""
    data = _data()
    text = lower(article.fold)
    return any(len({m.group(0) for m in pattern.finditer(text)}) >= data["other_sport"]["veto_at"]
               for pattern in data["sports_compiled"].values())


def report_score(article: Article, facts: Facts) -> tuple[float, tuple[int, int] | None]:
    """How strongly the text reads as a match report, and the evidence that spoke most for it."""
    data = _data()
    weights = data["structure"]
    text = lower(article.fold)
    score, span = 0.0, None
    for name, pattern in data["compiled"].items():
        cue = data["cues"][name]
        hits = list(islice(pattern.finditer(text, article.title_end), cue["cap"]))  # a cue's pull stops at its cap
        if hits:
            score += cue["weight"] * len(hits)
            if span is None and cue["weight"] > 0:
                span = hits[0].span()
    title = text[:article.title_end]
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
