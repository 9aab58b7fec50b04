"""Is this a match report at all?

Transfer, injury, disciplinary and preview pieces mention results too, so
the question is whether the text narrates a match: two teams, a result, and
match action (goals, chances, minutes) in the body, against the vocabulary of
news about a match rather than of one. The cue words are data
(``data/classify.json``); this module only weighs them.
"""
from __future__ import annotations

import re
from functools import cache
from typing import Any

from .. import knowledge
from ..normalise import Article
from ..record import Facts, Found
from .pipeline import stage


@cache
def _cues() -> dict[str, tuple[re.Pattern[str], float]]:
    data = knowledge.data_json("classify.json")
    return {name: (re.compile(r"\b(?:" + "|".join(c["phrases"]) + r")\b", re.IGNORECASE), c["weight"])
            for name, c in data["cues"].items()}


@stage("is_match_report")
def is_match_report(article: Article, facts: Facts) -> dict[str, Any]:
    text = article.fold
    body_len = max(len(text), 1)
    score = 0.0
    first_span = None
    for name, (pattern, weight) in _cues().items():
        hits = list(pattern.finditer(text))
        if not hits:
            continue
        density = min(len(hits) * 1000 / body_len, 4.0)
        score += weight * density
        if weight > 0 and first_span is None:
            first_span = hits[0].span()
    if len(facts.teams) == 2:
        score += 1.0
    if facts.score is not None:
        score += 1.5
    if any(e.type in ("goal", "penalty_goal", "own_goal") for e in facts.events):
        score += 1.0
    verdict = score >= knowledge.data_json("classify.json")["threshold"]
    return {"is_match_report": Found(verdict, first_span if verdict else None)}
