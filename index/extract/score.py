"""The final score, oriented home-away.

A scoreline headline is already oriented. Otherwise the first result phrase
of the title and lead gives the goals ("a 3-1 home defeat", "drew 1-1",
"goalless"); whether the sentence's subject won or lost says which number
is whose. Half-time scores, shoot-outs and aggregates are not the result.
"""
from __future__ import annotations

import re
from typing import Any

from .. import knowledge
from ..normalise import Article
from ..record import Facts, Score
from .pipeline import stage

NUMBER = r"(\d{1,2})\s*-\s*(\d{1,2})"
RESULT = re.compile(NUMBER)
NOT_FINAL = re.compile(r"(?:half[- ]?time|interval|break|aggregate|on penalties|shoot-?out|"
                       r"pens|first leg|ht)\W{0,3}$", re.IGNORECASE)
NOT_FINAL_AFTER = re.compile(r"^\s*(?:on penalties|on pens|in the shoot-?out|on aggregate|agg|"
                             r"at half[- ]?time|at the break|pens\))", re.IGNORECASE)
GOALLESS = re.compile(r"\b(?:goalless|scoreless|nil-nil|0-0)\b", re.IGNORECASE)
LOSS = re.compile(r"\b(?:los[te]s?|losing|defeat(?:ed)?|beaten|crashed|slumped|fell|went down|"
                  r"succumbed|thrashed by|hammered by|humbled|loss)\b", re.IGNORECASE)
WIN = re.compile(r"\b(?:beat|beats|beating|won|win|wins|victory|triumph\w*|thrash\w*|hammer\w*|"
                 r"romp\w*|cruise\w*|edge\w*|swept|see off|saw off|overc\w+)\b", re.IGNORECASE)


@stage("score")
def score(article: Article, facts: Facts) -> dict[str, Any]:
    home, away = facts.home, facts.away
    if home is None or away is None:
        return {}
    text = article.fold
    head_end = article.title_end or text.find("\n")
    if home.span and away.span and home.span[1] <= head_end and away.span[0] < head_end:
        m = RESULT.search(text, home.span[1], away.span[0])
        if m:
            return {"score": Score(int(m[1]), int(m[2]), m.span())}
    window = text[: article.title_end + 1200]
    for m in RESULT.finditer(window):
        if NOT_FINAL.search(window[max(0, m.start() - 20):m.start()]) or \
                NOT_FINAL_AFTER.match(window[m.end():m.end() + 25]):
            continue
        x, y = int(m[1]), int(m[2])
        if x > 15 or y > 15:
            continue
        oriented = _orient(window, m, x, y, home.name, away.name)
        if oriented:
            return {"score": Score(*oriented, m.span())}
    g = GOALLESS.search(window)
    if g:
        return {"score": Score(0, 0, g.span())}
    return {}


def _orient(text: str, m: re.Match[str], x: int, y: int,
            home: str, away: str) -> tuple[int, int] | None:
    """Whose are ``x`` and ``y``? The sentence's subject and its verb decide."""
    if x == y:
        return x, y
    start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
    sentence = text[start:m.start()]
    subject = next((h.teams[0] for h in knowledge.teams().find(sentence)
                    if len(h.teams) == 1 and h.teams[0] in (home, away)), None)
    after = text[m.end():m.end() + 60]
    if subject is None:
        after_team = next((h.teams[0] for h in knowledge.teams().find(after)
                           if len(h.teams) == 1 and h.teams[0] in (home, away)), None)
        if after_team is None:
            return None
        # "a 2-1 win over Chelsea" / "Arsenal 2-1 Chelsea": the number after is the named team's
        subject = home if after_team == away else away
        lost = bool(LOSS.search(text[m.end():m.end() + 25]))
    else:
        verbs = text[start:m.end() + 25]
        lost = bool(LOSS.search(verbs)) and not (WIN.search(verbs) and
                                                  WIN.search(verbs).start() < LOSS.search(verbs).start())
    high, low = max(x, y), min(x, y)
    subject_goals, other_goals = (low, high) if lost else (high, low)
    return (subject_goals, other_goals) if subject == home else (other_goals, subject_goals)
