"""Dates as people type them: ISO days, months, years, month names, relative phrases."""
from __future__ import annotations

import calendar
import datetime as dt
import re

MONTHS = {name.lower(): i for names in (calendar.month_name, calendar.month_abbr)
          for i, name in enumerate(names) if name} | {"sept": 9}

RELATIVE = re.compile(r"^(?:(?P<n>\d+) (?P<unit>day|week|month|year)s? ago|(?P<which>last|this) "
                      r"(?P<unit2>week|month|year)|(?P<word>today|yesterday))$")


def parse_day(value: str, end: bool = False, today: dt.date | None = None) -> dt.date | None:
    """The first (or, with ``end``, the last) day ``value`` names; ``None`` if it names none.

    >>> parse_day("2020-01"), parse_day("January 2020", end=True)
    (datetime.date(2020, 1, 1), datetime.date(2020, 1, 31))
    >>> parse_day("last week", today=dt.date(2026, 11, 23))
    datetime.date(2026, 11, 16)
    """
    text = " ".join(value.strip().lower().split())
    today = today or dt.date.today()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", text) or re.fullmatch(r"(\d{4})", text)
    if m:
        year = int(m[1])
        month = int(m[2]) if m.lastindex == 2 else (12 if end else 1)
        return _month(year, month, end) if 1 <= month <= 12 else None
    m = re.fullmatch(r"([a-z]+)\.? (\d{4})", text)
    if m and m[1] in MONTHS:
        return _month(int(m[2]), MONTHS[m[1]], end)
    m = RELATIVE.fullmatch(text)
    if m:
        return _relative(m, end, today)
    return None


def _month(year: int, month: int, end: bool) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1] if end else 1)


def _relative(m: re.Match[str], end: bool, today: dt.date) -> dt.date:
    if m["word"]:
        return today if m["word"] == "today" else today - dt.timedelta(days=1)
    if m["n"]:
        n, unit = int(m["n"]), m["unit"]
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * n
        return today - dt.timedelta(days=days)
    unit = m["unit2"]
    if m["which"] == "this":
        start = {"week": today - dt.timedelta(days=today.weekday()),
                 "month": today.replace(day=1), "year": today.replace(month=1, day=1)}[unit]
        return today if end else start
    if unit == "week":
        start = today - dt.timedelta(days=today.weekday() + 7)
        return start + dt.timedelta(days=6) if end else start
    if unit == "month":
        last = today.replace(day=1) - dt.timedelta(days=1)
        return last if end else last.replace(day=1)
    return dt.date(today.year - 1, 12, 31) if end else dt.date(today.year - 1, 1, 1)
