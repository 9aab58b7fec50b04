"""A written result: which score in the text is the final one, and whose goals are whose.

"crashed to a 3-1 home defeat to Aston Villa": the noun after the score
says the subject lost, and the team after "to" won. "beat Norwich 3-1":
the team after the verb lost. "were dispatched 4-0 by Liverpool": the team
after "by" won. "condemned City to a 1-0 loss": the team after the verb
lost. A score right between two team names is already in order. The first
score that reads as the final result of this pair's match is the answer;
half-time, running and shoot-out scores are passed over, and a result
between other teams ("rivals Tottenham lost 2-1 at Wigan") is not ours.
The phrases are data (``data/results.json``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .. import knowledge
from ..normalise import Article
from ..record import Score
from .mentions import Mention, sentence_at
from .orient import PREPOSITION

SCORE = re.compile(r"(?<![\d.,:/])(?<!\d-)(\d{1,2})\s*-\s*(\d{1,2})(?!\s*-\s*\d)(?![\d.,:/]\d)")
GAP = r"(?:(?:the|a|an|\d+-man|[a-z][\w'\-]*)\s+){0,3}?"
NOT_OURS = "other"
MAX_GOALS = 15


@dataclass(frozen=True)
class _Phrases:
    noun: re.Pattern[str]
    objected: re.Pattern[str]
    beat: re.Pattern[str]
    lost_to: re.Pattern[str]
    subject: dict[str, re.Pattern[str]]
    passive: re.Pattern[str]
    by: re.Pattern[str]
    inflict: re.Pattern[str]
    not_before: re.Pattern[str]
    not_after: re.Pattern[str]
    goalless: re.Pattern[str]
    goalless_not: re.Pattern[str]


def _alt(words: list[str]) -> str:
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


@cache
def _phrases() -> _Phrases:
    d = knowledge.data_json("results.json")
    i = re.IGNORECASE
    nouns = "|".join(f"(?P<{k}>{_alt(v)})" for k, v in d["noun"].items())
    return _Phrases(
        noun=re.compile(rf"\s*(?:[\w'\-]+\s+){{0,3}}?(?:{nouns})\b", i),
        objected=re.compile(rf"\s+(?P<prep>over|against|to|at|with|by|from|on|versus|v)\s+{GAP}", i),
        beat=re.compile(rf"\b{_alt(d['beat'])}\s+{GAP}$", i),
        lost_to=re.compile(rf"\b{_alt(d['lost_to'])}\s+{GAP}$", i),
        subject={k: re.compile(rf"\s*{_alt(v)}\s+(?:by\s+)?", i) for k, v in d["subject"].items()},
        passive=re.compile(rf"\b{_alt(d['passive'])}\s*$", i),
        by=re.compile(rf"\s+by\s+{GAP}", i),
        inflict=re.compile(rf"\b{_alt(d['inflict'])}\s+$", i),
        not_before=re.compile(rf"\b{_alt(d['not_final_before'])}\s*$", i),
        not_after=re.compile(rf"\s*,?\s*{_alt(d['not_final_after'])}", i),
        goalless=re.compile(_alt(d["goalless"]), i),
        goalless_not=re.compile(rf"\s*{_alt(d['goalless_not'])}", i),
    )


def final_score(article: Article, found: tuple[Mention, ...], pair: tuple[str, str]) -> Score | None:
    """The first written score that reads as the final result of ``pair``'s match."""
    p = _phrases()
    text = article.fold
    candidates = [(m.start(), m) for m in SCORE.finditer(text)]
    candidates += [(g.start(), g) for g in p.goalless.finditer(text)]
    for _, m in sorted(candidates, key=lambda c: c[0]):
        start, end = sentence_at(article, m.start())
        near = [x for x in found if start <= x.start < end and x.strength != "manager"]
        if m.re is p.goalless:
            read = _goalless(text, m, near, pair)
        else:
            read = _read(text, m, start, end, near, pair)
        if read == NOT_OURS or read is None:
            continue
        return Score(*read, m.span())
    return None


def _goalless(text: str, m: re.Match[str], near: list[Mention], pair: tuple[str, str]) -> tuple[int, int] | str | None:
    if _phrases().goalless_not.match(text, m.end()):
        return None
    if near and not any(x.team in pair for x in near):
        return NOT_OURS
    return 0, 0


def _read(text: str, m: re.Match[str], start: int, end: int, near: list[Mention],
          pair: tuple[str, str]) -> tuple[int, int] | str | None:
    """The score ``m`` oriented home-away, ``NOT_OURS``, or ``None`` when it is no final result."""
    p = _phrases()
    x, y = int(m[1]), int(m[2])
    if max(x, y) > MAX_GOALS or p.not_before.search(text, max(start, m.start() - 30), m.start()) \
            or p.not_after.match(text, m.end()):
        return None
    high, low = max(x, y), min(x, y)
    before = [t for t in near if t.end <= m.start()]
    after = [t for t in near if t.start >= m.end()]
    named = [t for t in near if t.strength != "stadium" or not t.venue]
    if before and after and before[-1] in named and after[0] in named \
            and not text[before[-1].end:m.start()].strip() and not text[m.end():after[0].start].strip():
        if {before[-1].team, after[0].team} != set(pair):
            return NOT_OURS
        return (x, y) if before[-1].team == pair[0] else (y, x)
    side = _side(text, m, start, end, before, after, named)
    if side is None:
        if high == low:
            return (x, x) if _about_pair(before, after, pair) else NOT_OURS
        return None
    team, won = side
    if team not in pair:
        return NOT_OURS
    if won is None:
        return (x, x) if high == low else None
    goals = (high, low) if won else (low, high)
    return goals if team == pair[0] else (goals[1], goals[0])


def _side(text: str, m: re.Match[str], start: int, end: int, before: list[Mention],
          after: list[Mention], named: list[Mention]) -> tuple[str, bool | None] | None:
    """A team and whether it won (None: a draw) by the words around the score."""
    p = _phrases()
    noun = p.noun.match(text, m.end(), end)
    obj = next((t for t in after if t in named), None)
    if noun and noun.lastgroup != "neutral":
        kind = noun.lastgroup
        between = text[noun.end():obj.start] if obj else ""
        prep = p.objected.fullmatch(between) if obj else None
        if prep and kind != "draw" and obj is not None:
            # "a 2-1 win over X", "a 3-1 defeat to X", "inflicted a defeat on X"
            loser = (kind == "win") != (prep["prep"].lower() in ("to", "by", "from"))
            if kind == "loss" and prep["prep"].lower() == "on":
                loser = True
            return obj.team, not loser
        owner = _owner(text, m, start, before, named)
        if owner is None:
            return None
        team, suffered = owner
        if kind == "draw":
            return team, None
        won = kind == "win"
        return team, (not won if suffered else won)
    return _verb_side(text, m, start, end, before, after, named)


def _owner(text: str, m: re.Match[str], start: int, before: list[Mention],
           named: list[Mention]) -> tuple[str, bool] | None:
    """Whose result a noun phrase is, and whether that team suffered it ("condemned X to a ...")."""
    p = _phrases()
    for t in reversed([t for t in before if t in named]):
        lead_in = text[t.end:m.start()]
        if p.inflict.search(text, max(start, t.start - 25), t.start) and len(lead_in) < 30:
            return t.team, True
        if text.startswith("'", t.end) and len(lead_in) < 45:
            return t.team, False
        if not PREPOSITION.search(text, max(start, t.start - 30), t.start):
            return t.team, False
    return None


def _verb_side(text: str, m: re.Match[str], start: int, end: int, before: list[Mention],
               after: list[Mention], named: list[Mention]) -> tuple[str, bool | None] | None:
    """"beat Norwich 3-1", "lost to Fulham 2-1", "were dispatched 4-0 by Liverpool", "Chelsea won 2-1"."""
    p = _phrases()
    last = next((t for t in reversed(before) if t in named), None)
    if last is not None and not text[last.end:m.start()].strip(" ,"):
        if p.beat.search(text, max(start, last.start - 40), last.start):
            return last.team, False
        if p.lost_to.search(text, max(start, last.start - 40), last.start):
            return last.team, True
    obj = next((t for t in after if t in named), None)
    if obj is not None and p.passive.search(text, max(start, m.start() - 25), m.start()) \
            and p.by.fullmatch(text[m.end():obj.start]):
        return obj.team, True
    for kind, pattern in p.subject.items():
        lead = next((t for t in reversed(before) if t in named and pattern.fullmatch(text[t.end:m.start()])), None)
        if lead is not None:
            return lead.team, None if kind == "draw" else kind == "win"
    return None


def _about_pair(before: list[Mention], after: list[Mention], pair: tuple[str, str]) -> bool:
    """A level score with no owner: ours unless the nearest team named is another."""
    nearest = [t for t in (before[-1:] + after[:1])]
    return not nearest or any(t.team in pair for t in nearest)
