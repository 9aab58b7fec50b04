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
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from .. import knowledge
from ..caseless import Caseless
from ..normalise import Article
from ..record import Score
from .mentions import Mention, describers, sentence_at
from .orient import other_occasion, preposition_before

# "2-1" with one or two goals a side, not part of a date, time, decimal or longer run ("1-1-2"):
# no digit, "." "," ":" "/" or "<digit>-" before the first digit (tested right after it, so
# that the engine can skip ahead to digits), and none of those after the last.
SCORE = re.compile(r"(\d(?<![\d.,:/]\d)(?<!\d-\d)\d?)\s*-\s*(\d{1,2})(?!\s*-\s*\d)(?![\d.,:/]\d)")
MAX_GOALS = 15
VENUE_REACH = 60
PRONOUN_OBJECT = Caseless(r"\b(?:them|they)\s+(?:(?:were|was|being|been|get|got)\s+)?$")
TEAM_TAIL = Caseless(r"(?:'s?)?\s*(?:side|outfit|team|XI|men)?\s*,?\s*(?:to (?:triumph|win|victory) )?")


@dataclass(frozen=True)
class _Phrases:
    noun: Caseless
    objected: Caseless
    beat: Caseless
    lost_to: Caseless
    subject: dict[str, Caseless]
    verb_before: dict[str, Caseless]
    passive: Caseless
    by: Caseless
    inflict: Caseless
    not_before: Caseless
    final_before: Caseless
    not_after: Caseless
    shootout: Caseless
    shootout_not_after: Caseless
    shootout_final_before: Caseless
    shootout_not_before: Caseless
    shootout_other_after: Caseless
    goalless: Caseless
    goalless_not: Caseless
    goalless_not_before: Caseless


def _alt(words: list[str]) -> str:
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


@cache
def _phrases() -> _Phrases:
    d = knowledge.data_json("results.json")
    nouns = "|".join(f"(?P<{k}>{_alt(v)})" for k, v in d["noun"].items())
    gap = describers()
    return _Phrases(
        noun=Caseless(rf"\s*(?:[\w'\-]+\s+){{0,3}}?(?:{nouns})\b"),
        objected=Caseless(rf"\s+(?P<prep>over|against|to|at|with|by|from|on|of|for|versus|v)\s+{gap}"),
        beat=Caseless(rf"\b{_alt(d['beat'])}\s+{gap}$"),
        lost_to=Caseless(rf"\b{_alt(d['lost_to'])}\s+{gap}$"),
        subject={k: Caseless(rf"\s*{_alt(v)}\s+(?:by\s+)?") for k, v in d["subject"].items()},
        verb_before={k: Caseless(rf"\b(?:and|but|then|to)\s+{_alt(v)}\s+(?:by\s+)?$") for k, v in d["subject"].items()},
        passive=Caseless(rf"\b{_alt(d['passive'])}\s*$"),
        by=Caseless(rf"\s+by\s+{gap}"),
        inflict=Caseless(rf"\b{_alt(d['inflict'])}\s+$"),
        not_before=Caseless(rf"\b{_alt(d['not_final_before'])}\s*$"),
        final_before=Caseless(rf"\b{_alt(d['final_before'])}\s*$"),
        not_after=Caseless(rf"\s*,?\s*{_alt(d['not_final_after'])}"),
        shootout=Caseless(d["shootout_told"]),
        shootout_not_after=Caseless(d["shootout_not_after"]),
        shootout_final_before=Caseless(d["shootout_final_before"]),
        shootout_not_before=Caseless(d["shootout_not_before"]),
        shootout_other_after=Caseless(d["shootout_other_after"]),
        goalless=Caseless(_alt(d["goalless"])),
        goalless_not=Caseless(rf"\s*{_alt(d['goalless_not'])}"),
        goalless_not_before=Caseless(d["goalless_not_before"]),
    )


@dataclass(frozen=True, slots=True)
class Read:
    """One written score that reads as a final result, and what the words around it say.

    ``line`` holds the teams of a "Team x-y Team" form in order; otherwise
    ``team`` is the team the words make winner (``won`` True), loser (False)
    or party to a draw (None); ``near`` are the teams named in the sentence.
    """

    span: tuple[int, int]
    goals: tuple[int, int]
    line: tuple[str, str] | None = None
    team: str | None = None
    won: bool | None = None
    near: frozenset[str] = frozenset()
    venue: str | None = None

    def oriented(self, pair: tuple[str, str]) -> tuple[int, int] | None:
        """The goals home-away for ``pair``, or None when the result is not this pair's."""
        if self.venue is not None and self.venue not in pair:
            return None  # "the 2-2 draw at the Etihad Stadium" in a report of another match
        x, y = self.goals
        high, low = max(x, y), min(x, y)
        if self.line is not None:
            if set(self.line) != set(pair):
                return None
            return (x, y) if self.line[0] == pair[0] else (y, x)
        if self.team is None:
            mine = not self.near or bool(self.near & set(pair))
            return (x, x) if high == low and mine else None
        if self.team not in pair or (self.won is None and high != low):
            return None
        goals = (high, low) if self.won or self.won is None else (low, high)
        return goals if self.team == pair[0] else (goals[1], goals[0])


def final_score(reads: list[Read], pair: tuple[str, str]) -> Score | None:
    """The first written score that reads as the final result of ``pair``'s match."""
    for read in reads:
        goals = read.oriented(pair)
        if goals is not None:
            return Score(*goals, read.span)
    return None


def reads(article: Article, found: tuple[Mention, ...]) -> Iterator[Read]:
    """Every score in the text (and "goalless") that reads as a final result, in text order."""
    text = article.fold
    starts = [x.start for x in found]
    for m, start, end in _written(article):
        near = list(found[bisect_left(starts, start):bisect_left(starts, end)])
        if m.re is SCORE:
            read = _read(text, m, start, end, near)
            if read is not None:
                yield read
        else:
            yield Read(m.span(), (0, 0), near=_nearest(near, m))


@lru_cache(maxsize=16)
def _written(article: Article) -> tuple[tuple[re.Match[str], int, int], ...]:
    """Every score (and "goalless") in the text that can be a final result whatever the teams,
    in text order, with its sentence: not about another occasion, no half-time or running
    score ("led 2-0", "2-1 at the break"), no shoot-out's, no goalless first half."""
    p = _phrases()
    text = article.fold
    candidates = [(m.start(), m) for m in SCORE.finditer(text)]
    candidates += [(g.start(), g) for g in p.goalless.finditer(text)]
    out = []
    for _, m in sorted(candidates, key=lambda c: c[0]):
        start, end = sentence_at(article, m.start())
        if other_occasion(text, start, end, m.start()):
            continue
        if m.re is SCORE:
            if max(int(m[1]), int(m[2])) > MAX_GOALS \
                    or p.not_before.search(text, max(start, m.start() - 30), m.start()) \
                    and not p.final_before.search(text, max(start, m.start() - 40), m.start()) \
                    or p.not_after.match(text, m.end()) \
                    or _shootout(p, text, start, m):
                continue
        elif p.goalless_not.match(text, m.end()) \
                or p.goalless_not_before.search(text, max(start, m.start() - 40), m.start()):
            continue
        out.append((m, start, end))
    return tuple(out)


def tells_shootout(sentence: str) -> bool:
    """Does the sentence tell of a penalty shoot-out that came ("prevailed in a penalty shootout",
    "won on pens"; not "was heading for a penalty shootout")?"""
    return _shootout_in(_phrases(), sentence, 0, len(sentence))


def _shootout_in(p: _Phrases, text: str, start: int, end: int) -> bool:
    """Is a shoot-out of this match told in ``text[start:end]``: one that came, not another match's?"""
    return any(not p.shootout_not_before.search(text, max(start, m.start() - 40), m.start())
               and not p.shootout_other_after.match(text, m.end()) for m in p.shootout.finditer(text, start, end))


def _shootout(p: _Phrases, text: str, start: int, m: re.Match[str]) -> bool:
    """Is score ``m`` a shoot-out's, told after one in its sentence ("dispatched in the shootout,
    but Hull won 9-8"), not the match's ("on penalties after a 1-1 draw", "after the game ended 1-1")?"""
    return _shootout_in(p, text, start, m.start()) and not p.shootout_not_after.match(text, m.end()) \
        and not p.shootout_final_before.search(text, max(start, m.start() - 20), m.start())


def _nearest(near: list[Mention], m: re.Match[str]) -> frozenset[str]:
    """The teams named closest before and after a score."""
    before = [t.team for t in near if t.end <= m.start()][-1:]
    after = [t.team for t in near if t.start >= m.end()][:1]
    return frozenset(before + after)


def _read(text: str, m: re.Match[str], start: int, end: int, near: list[Mention]) -> Read | None:
    """What the words around score ``m`` say about the teams ``near`` it."""
    x, y = int(m[1]), int(m[2])
    before = [t for t in near if t.end <= m.start()]
    after = [t for t in near if t.start >= m.end()]
    named = [t for t in near if t.strength != "stadium" or not t.venue]
    if before and after and before[-1] in named and after[0] in named \
            and not text[before[-1].end:m.start()].strip() and not text[m.end():after[0].start].strip():
        return Read(m.span(), (x, y), line=(before[-1].team, after[0].team))
    side = _side(text, m, start, end, before, after, named)
    venue = next((t.team for t in after if t not in named and t.start - m.end() < VENUE_REACH), None)
    if side is None:
        return Read(m.span(), (x, y), near=_nearest(near, m), venue=venue)
    return Read(m.span(), (x, y), team=side[0], won=side[1], venue=venue)


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
            # "a 2-1 win over X", "a 3-1 defeat to X", "a 2-1 defeat of X", "inflicted a defeat on X"
            word = prep["prep"].lower()
            if word == "for":  # "a 2-0 win for Pochettino's side"
                return obj.team, kind == "win"
            if kind == "win":
                lost = word not in ("to", "by", "from")
            else:
                lost = word in ("of", "on")
            return obj.team, not lost
        owner = _owner(text, m, start, before, named)
        if owner is None:
            return None
        return owner, None if kind == "draw" else kind == "win"
    return _verb_side(text, m, start, end, before, after, named)


def _owner(text: str, m: re.Match[str], start: int, before: list[Mention], named: list[Mention]) -> str | None:
    """Whose result a noun phrase is: the team handed it ("condemned City to a 1-0 loss",
    "gave Spurs a 1-0 win"), the possessor ("Tottenham's 2-0 win"), else the clause's subject:
    not a team a verb beat ("Palace outplayed Sunderland ... with a 3-1 victory")."""
    p = _phrases()
    for t in reversed([t for t in before if t in named]):
        lead_in = text[t.end:m.start()]
        if p.inflict.search(text, max(start, t.start - 25), t.start) and len(lead_in) < 30:
            return t.team
        if text.startswith("'", t.end) and len(lead_in) < 45:
            return t.team
        if not preposition_before(text, t.start, start) and not p.beat.search(text, max(start, t.start - 40), t.start):
            return t.team
    return None


def _verb_side(text: str, m: re.Match[str], start: int, end: int, before: list[Mention],
               after: list[Mention], named: list[Mention]) -> tuple[str, bool | None] | None:
    """"beat Norwich 3-1", "lost to Fulham 2-1", "were dispatched 4-0 by Liverpool", "Chelsea won 2-1"."""
    p = _phrases()
    last = next((t for t in reversed(before) if t in named), None)
    if last is not None and TEAM_TAIL.fullmatch(text, last.end, m.start()):
        if p.beat.search(text, max(start, last.start - 40), last.start):
            return last.team, False
        if p.lost_to.search(text, max(start, last.start - 40), last.start):
            return last.team, True
    obj = next((t for t in after if t in named), None)
    passive = p.passive.search(text, max(start, m.start() - 25), m.start())
    if obj is not None and passive and p.by.fullmatch(text[m.end():obj.start]):
        return obj.team, True
    if passive and last is not None and re.fullmatch(r"\s+(?:(?:were|was|being|been|get|got)\s+)?",
                                                      text[last.end:passive.start()]):
        return last.team, False  # "saw Sunderland hammered 4-0 at Swansea"
    if passive and PRONOUN_OBJECT.search(text, max(start, passive.start() - 12), passive.start()):
        subject = next((t for t in named if t.end <= passive.start() and not preposition_before(text, t.start, start)), None)
        if subject is not None:
            return subject.team, False  # "Sunderland's ... capitulation saw them hammered 4-0"
    for kind, pattern in p.subject.items():
        lead = next((t for t in reversed(before) if t in named and pattern.fullmatch(text[t.end:m.start()])), None)
        if lead is None and p.verb_before[kind].search(text, max(start, m.start() - 30), m.start()):
            # "Chelsea travelled to Everton and lost 1-0": the clause's subject
            lead = next((t for t in before if t in named and not preposition_before(text, t.start, start)), None)
        if lead is not None:
            return lead.team, None if kind == "draw" else kind == "win"
    return None
