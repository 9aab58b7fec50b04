"""Competition and venue, read from the names the data files know."""
from __future__ import annotations

from collections import Counter
from typing import Any

from .. import knowledge
from ..normalise import Article
from ..record import Facts, Found
from .pipeline import stage


@stage("competition")
def competition(article: Article, facts: Facts) -> dict[str, Any]:
    """The competition named first in title and lead, else the most named one."""
    found = list(knowledge.competitions().find(article.fold))
    if not found:
        return {}
    lead_end = article.title_end + 600
    early = [f for f in found if f[1] < lead_end]
    if early:
        name, start, end = early[0]
    else:
        counts = Counter(f[0] for f in found)
        name = counts.most_common(1)[0][0]
        start, end = next((s, e) for n, s, e in found if n == name)
    return {"competition": Found(name, (start, end))}


@stage("venue")
def venue(article: Article, facts: Facts) -> dict[str, Any]:
    """The first stadium named in the report."""
    for hit in knowledge.teams().find(article.fold):
        if hit.strength == "stadium":
            return {"venue": Found(hit.text, (hit.start, hit.end))}
    return {}
