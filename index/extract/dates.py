"""The match date: metadata first, then a date written in the text, then a
weekday phrase resolved against a known reference date. Never a guess: with
nothing to go on the date stays unknown."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..normalise import Article
from ..record import Facts, Found
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
WEEKDAY = re.compile(r"\b(?:on|last|this) (" + "|".join(WEEKDAYS) + r")(?: (?:night|afternoon|evening))?\b",
                     re.IGNORECASE)


@stage("date")
def date(article: Article, facts: Facts) -> dict[str, Any]:
    if article.date:
        return {"date": Found(article.date)}
    lead = article.fold[: max(article.title_end, 0) + 1500]
    for pattern in WRITTEN:
        m = pattern.search(lead)
        if m:
            try:
                when = dt.date(int(m["year"]), MONTHS[m["month"].lower().rstrip(".")], int(m["day"]))
            except ValueError:
                continue
            return {"date": Found(when, (m.start(), m.end()))}
    if article.ref_date:
        m = WEEKDAY.search(lead)
        if m:
            return {"date": Found(last_weekday(article.ref_date, m[1]), (m.start(), m.end()))}
    return {}


def last_weekday(ref: dt.date, weekday: str) -> dt.date:
    """The latest ``weekday`` on or before ``ref``: reports follow their matches."""
    back = (ref.weekday() - WEEKDAYS.index(weekday.lower())) % 7
    return ref - dt.timedelta(days=back)
