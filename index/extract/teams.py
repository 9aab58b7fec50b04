"""The two teams of the match, and which was at home.

Teams are found by every name the team book knows; the two that the title
and lead talk about most are the match's teams. Home and away come from the
strongest cue present: a scoreline headline ("Newcastle 2-1 Bolton"), a
stadium, "home defeat"/"travelled to" phrases; failing all, the first-named
team is taken as home.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from .. import knowledge
from ..knowledge import Hit
from ..normalise import Article
from ..record import Facts, TeamRef
from .pipeline import stage

SCORELINE = re.compile(r"(?P<a>[A-Z][^\n\d]{1,40}?)\s+(?P<x>\d{1,2})\s*-\s*(?P<y>\d{1,2})\s+(?P<b>[A-Z][^\n\d,.;:]{1,40})")
AWAY_AT = re.compile(r"\b(?:travel(?:l)?ed to|trip to|visit to|win at|victory at|defeat at|draw at|"
                     r"loss at|lost at|won at|drew at|beaten at|away (?:win|victory|defeat|draw) at)\s+$")
HOME_OF = re.compile(r"\bhome (?:win|victory|defeat|draw|loss|game|match|fixture|clash)\b")
WEIGHT = {"name": 1.0, "nickname": 1.0, "manager": 0.5, "stadium": 0.5}


@stage("teams", "home", "away")
def teams(article: Article, facts: Facts) -> dict[str, Any]:
    book = knowledge.teams()
    hits = [h for h in book.find(article.fold) if h.strength != "weak"]
    pair = _scoreline_pair(article)
    if pair:
        home, away = pair
        return {"teams": (home, away), "home": home, "away": away}
    chosen = _top_two(article, hits)
    if len(chosen) < 2:
        return {"teams": tuple(chosen)}
    home, away = _orient(article, hits, chosen)
    return {"teams": (home, away), "home": home, "away": away}


def _scoreline_pair(article: Article) -> tuple[TeamRef, TeamRef] | None:
    """"Newcastle 2-1 Bolton" in the title or first line: home side first."""
    head = article.fold[: article.title_end or article.fold.find("\n")]
    m = SCORELINE.search(head)
    if not m:
        return None
    a = _team_in(m["a"], m.start("a"))
    b = _team_in(m["b"], m.start("b"))
    if a and b and a.name != b.name:
        return a, b
    return None


def _team_in(text: str, offset: int) -> TeamRef | None:
    """The team a headline fragment names (its last team phrase)."""
    found = [h for h in knowledge.teams().find(text) if h.strength in ("name", "nickname")
             and len(h.teams) == 1]
    if not found:
        return None
    h = found[-1] if offset == 0 else found[0]
    return TeamRef(h.teams[0], (offset + h.start, offset + h.end))


def _top_two(article: Article, hits: list[Hit]) -> list[TeamRef]:
    lead_end = article.title_end + len(article.lead) + 2
    weight: dict[str, float] = defaultdict(float)
    first: dict[str, Hit] = {}
    for h in hits:
        if len(h.teams) != 1:
            continue
        team = h.teams[0]
        w = WEIGHT.get(h.strength, 0.0)
        if h.start < article.title_end:
            w *= 3
        elif h.start < lead_end:
            w *= 2
        weight[team] += w
        if team not in first or h.start < first[team].start:
            first[team] = h
    ranked = sorted(weight, key=lambda t: (-weight[t], first[t].start))[:2]
    ranked.sort(key=lambda t: first[t].start)
    return [TeamRef(t, (first[t].start, first[t].end)) for t in ranked]


def _orient(article: Article, hits: list[Hit], pair: list[TeamRef]) -> tuple[TeamRef, TeamRef]:
    """Decide home and away from the strongest cue in the text."""
    names = {t.name for t in pair}
    by_name = {t.name: t for t in pair}
    for h in hits:
        if h.strength == "stadium" and len(set(h.teams) & names) == 1:
            home = next(iter(set(h.teams) & names))
            return by_name[home], next(t for t in pair if t.name != home)
    text = article.fold
    for h in hits:
        if h.strength in ("name", "nickname") and len(h.teams) == 1 and h.teams[0] in names:
            before = text[max(0, h.start - 40):h.start]
            if AWAY_AT.search(before):
                home = h.teams[0]
                return by_name[home], next(t for t in pair if t.name != home)
    for m in HOME_OF.finditer(text[: article.title_end + 2000]):
        sentence_start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        subject = [h for h in hits if sentence_start <= h.start < m.start()
                   and len(h.teams) == 1 and h.teams[0] in names]
        if subject:
            home = subject[0].teams[0]
            return by_name[home], next(t for t in pair if t.name != home)
    return pair[0], pair[1]
