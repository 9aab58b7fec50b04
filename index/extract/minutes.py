"""Match minutes stated in prose, each with where it was said.

"after 23 minutes", "in the 15th minute", "on the hour", "with 15 minutes
to go" (75), "three minutes from time" (87), "six minutes before
half-time" (39), "a minute into the second half" (46), "30 seconds into
the game" (1), "with four minutes on the clock" (4), "in stoppage time"
(90), and "seven minutes later", counted from the minute said before it.
The phrases are data (``data/events.json``, ``minutes``).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from .. import knowledge
from ..record import Span
from . import onepass

NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())} | {"a": 1, "an": 1, "thirty": 30, "forty": 40,
                                                           "half an hour": 30, "a couple of": 2}
ORDINALS = {w: i for i, w in enumerate(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}
NUMBER = r"(?P<n>\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
ORDINAL = r"(?P<n>\d{1,3}(?:st|nd|rd|th)|" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + r")"


CLAUSE_BREAK = re.compile(r"[,;:()]| - ")


@dataclass(frozen=True, slots=True)
class Said:
    """A minute the text states, and the words that state it."""

    minute: int
    span: Span


@cache
def phrases() -> list[tuple[re.Pattern[str], str]]:
    """(pattern, formula) pairs over lower-cased text: the formula turns the number ``n`` into a minute."""
    out = []
    for row in knowledge.data_json("events.json")["minutes"]:
        pattern = row["pattern"].replace("{N}", NUMBER).replace("{ORD}", ORDINAL)
        out.append((re.compile(r"\b" + pattern + r"\b"), row["minute"]))
    return out


onepass.reads("minute phrases", lambda: [pattern for pattern, _ in phrases()])


def minutes_said(text: str) -> list[Said]:
    """Every minute stated in ``text``, in order; a relative one counts from the one before."""
    return stated(onepass.found("minute phrases", text))


def stated(found: Sequence[Sequence[re.Match[str]]]) -> list[Said]:
    """The minutes that the matches of :func:`phrases` state, given phrase by phrase (one
    scan can find them with other patterns): the first phrase to claim some words wins."""
    spans: list[tuple[Span, str, int | None]] = []
    taken: list[Span] = []
    for (_, formula), matches in zip(phrases(), found):
        for m in matches:
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append(m.span())
            n = _number(m.groupdict().get("n"))
            spans.append((m.span(), formula, n))
    spans.sort()
    out: list[Said] = []
    last: int | None = None
    for span, formula, n in spans:
        minute = _apply(formula, n, last)
        if minute is not None and 0 < minute <= 130:
            out.append(Said(minute, span))
            last = minute
    return out


def _number(raw: str | None) -> int | None:
    if raw is None:
        return None
    raw = raw.lower()
    digits = raw.rstrip("stndrh")
    if digits.isdigit():
        return int(digits)
    return NUMBER_WORDS.get(raw, ORDINALS.get(raw))


def _apply(formula: str, n: int | None, last: int | None) -> int | None:
    """Evaluate a formula such as ``"90-n"``, ``"n"``, ``"last+n"`` or ``"60"``."""
    if "last" in formula and last is None or "n" in formula and n is None:
        return None
    value = 0
    for sign, term in re.findall(r"([+-]?)\s*(\w+)", formula):
        x = n if term == "n" else last if term == "last" else int(term)
        assert x is not None
        value += -x if sign == "-" else x
    return value


def assign(said: list[Said], text: str, phrases: list[tuple[int, Span]]) -> dict[int, int]:
    """Each stated minute goes to the nearest event phrase of its sentence, its own clause first.

    ``phrases`` are (position, sentence) pairs; the result maps a position to its minute. One
    statement dates one event, so "from the fourth minute thanks to Lautaro's strike, a second
    half goal by Gosens" dates Lautaro's goal and not Gosens's.
    """
    out: dict[int, int] = {}
    for said_one in said:
        where = said_one.span[0]
        here = [pos for pos, (s0, s1) in phrases if s0 <= where < s1]
        if not here:
            continue
        best = min(here, key=lambda pos: (bool(CLAUSE_BREAK.search(text, min(pos, where), max(pos, where))),
                                          abs(pos - where)))
        out.setdefault(best, said_one.minute)
    return out
