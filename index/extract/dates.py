"""The match date, never a guess and never against the text.

A weekday the lead gives the match ("drew 1-1 ... on Saturday night") is
resolved against the date the report is known by (a dateline, a JSONL
``date``, ``--date``): the latest such weekday on or before it, since
reports follow their matches. Failing that, the known date itself; failing
that, a full date written in the lead about the match. A weekday or date in
a sentence about another occasion ("Roma on Sunday", "next week") says
nothing; with nothing to go on the date stays unknown.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..normalise import Article
from ..record import Facts, Found
from .mentions import sentences
from .orient import other_occasion
from .pipeline import stage

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTHS |= {m[:3]: i for m, i in list(MONTHS.items())} | {"sept": 9}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
WRITTEN = [
    re.compile(rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)? (?:of )?{_MONTH},? (?P<year>(?:19|20)\d\d)\b",
               re.IGNORECASE),
    re.compile(rf"\b{_MONTH} (?P<day>[0-3]?\d)(?:st|nd|rd|th)?,? (?P<year>(?:19|20)\d\d)\b", re.IGNORECASE),
]
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY = re.compile(r"\b(?:on|last) (" + "|".join(WEEKDAYS) + r")(?:'s)?(?: (?:night|afternoon|evening|lunchtime))?\b",
                     re.IGNORECASE)
LEAD_SENTENCES = 1
MAX_BACK_DAYS = 6


@stage("date")
def date(article: Article, facts: Facts) -> dict[str, Any]:
    known = article.date or article.ref_date
    lead = _lead(article)
    if known:
        for start, end in lead:
            m = WEEKDAY.search(article.fold, start, end)
            if m and not other_occasion(article.fold, start, end, m.start()):
                return {"date": Found(last_weekday(known, m[1]), m.span())}
    if article.date:
        return {"date": Found(article.date)}
    for start, end in lead:
        for pattern in WRITTEN:
            m = pattern.search(article.fold, start, end)
            if m is None or other_occasion(article.fold, start, end, m.start()):
                continue
            try:
                when = dt.date(int(m["year"]), MONTHS[m["month"].lower().rstrip(".")], int(m["day"]))
            except ValueError:
                continue
            return {"date": Found(when, m.span())}
    return {}


def _lead(article: Article) -> list[tuple[int, int]]:
    """The title and the first sentence of the body, where a report dates its match."""
    spans = sentences(article)
    title = [s for s in spans if s[1] <= article.title_end]
    body = [s for s in spans if s[0] >= article.title_end][:LEAD_SENTENCES]
    return title + body


def last_weekday(ref: dt.date, weekday: str) -> dt.date:
    """The latest ``weekday`` on or before ``ref``: reports follow their matches."""
    back = (ref.weekday() - WEEKDAYS.index(weekday.lower())) % 7
    return ref - dt.timedelta(days=min(back, MAX_BACK_DAYS))
