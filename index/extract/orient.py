"""Which of the two teams was at home: every cue in the text casts a weighted vote.

A report rarely says "home" outright; it says "a 2-1 win at Reading", "the
visit of Chelsea", "a 3-1 home defeat", "at Goodison Park". Each such cue
votes for one team being home (or away), weighted by its kind and by where
it stands: the lead sentence says what the report is about, and a sentence
about last season, a transfer or the next fixture says nothing of this
match's ground and is skipped. The cue phrases are data
(``data/orientation.json``).
"""
from __future__ import annotations

import re
from collections import defaultdict
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from .. import knowledge
from ..caseless import Caseless
from ..normalise import Article
from . import lineup, lineups
from .allegiance import names_sides, tied
from .mentions import Mention, describers, sentence_at, sentences

CLAUSE_EDGE = re.compile(r"[,;:()]|\s-+\s|\b(?:but|while|whereas|although|though|who|which|when|after|"
                         r"before|as|and|with)\b")
CLAUSE_OPENER = Caseless(r"\W*(?:but|while|whereas|although|though|who|which|when|after|before|as|and|with)?")
ASIDE = re.compile(r",\s+(?:who|whose|which)\b[^,;:()]*,")  # ", who scored here last season,"
PRONOUN_START = Caseless(r"\s*(?:they|their|them|it|its|his|he)\b")
VENUE_PLACE = Caseless(r"\b(?:at|to|from|in|inside|around|on)\s+(?:the\s+)?(?:[a-z][\w'\-]*\s+){0,2}$")
AWAY_FROM = Caseless(r"\baway from\s+(?:the\s+)?$")
NAMES = ("name", "nickname", "weak")


@dataclass(frozen=True, slots=True)
class Vote:
    """One cue: ``team`` was home (``home`` True) or away, with this much weight."""

    team: str
    home: bool
    weight: float
    kind: str
    span: tuple[int, int]


@dataclass(frozen=True)
class _Cues:
    near: dict[str, Caseless]  # "before.home", "at.home", "after.away", ...
    subject: dict[str, Caseless]
    town_before: Caseless
    town_after: Caseless
    at_not: Caseless
    at_not_before: Caseless
    veto_sentence: Caseless
    veto_clause: Caseless
    weights: dict[str, float]


@cache
def _cues() -> _Cues:
    data = knowledge.data_json("orientation.json")
    gap = describers() + "$"
    near = {}
    for kind in ("before", "at"):
        for side in ("home", "away"):
            if data[kind][side]:
                near[f"{kind}.{side}"] = Caseless("(?:" + "|".join(data[kind][side]) + r")\s+" + gap)
    for side in ("home", "away"):
        near[f"after.{side}"] = Caseless("|".join(data["after"][side]))
    return _Cues(near=near,
                 subject={side: Caseless("|".join(data["subject"][side])) for side in ("home", "away")},
                 town_before=Caseless(data["town_before"]),
                 town_after=Caseless(data["town_after"]),
                 at_not=Caseless(data["at_not_after"]),
                 at_not_before=Caseless(data["at_not_before"]),
                 veto_sentence=Caseless("|".join(data["veto_sentence"])),
                 veto_clause=Caseless("|".join(data["veto_clause"])),
                 weights=data["weights"])


def home_first(article: Article, pair: tuple[str, str], mentions: tuple[Mention, ...]) -> tuple[str, str]:
    """``pair`` in home-away order; with no cue at all, the first-named team is home."""
    weight: dict[str, float] = defaultdict(float)
    for v in votes(article, pair, mentions):
        weight[v.team] += v.weight if v.home else -v.weight
    a, b = pair
    return (b, a) if weight[a] - weight[b] < 0 else (a, b)


def votes(article: Article, pair: tuple[str, str], mentions: tuple[Mention, ...]) -> Iterator[Vote]:
    """Every home/away cue about the two teams of ``pair``."""
    cues = _cues()
    text = article.fold
    lead_end = _lead_end(article)

    def weight(kind: str, pos: int) -> float:
        """A cue's weight, ``lead_factor`` times more in the title and lead sentence."""
        return cues.weights[kind] * (cues.weights["lead_factor"] if pos < lead_end else 1.0)

    ours = [m for m in mentions if m.team in pair]
    for m in ours:
        start, end = sentence_at(article, m.start)
        if other_occasion(text, start, end, m.start):
            continue
        for home, kind in _mention_votes(text, m, start, end, cues):
            yield Vote(m.team, home, weight(kind, m.start), kind, (m.start, m.end))
    for side, pattern in cues.subject.items():
        for cue in pattern.finditer(text):
            start, end = sentence_at(article, cue.start())
            if other_occasion(text, start, end, cue.start()):
                continue
            possessive = cue[0].lower().startswith("their")  # "pinned their hosts back": whole sentence
            before = sentence_at(article, start - 1) if start else None
            subject = _subject(text, ours, start, cue.start(), before, whole=possessive)
            if subject:
                yield Vote(subject.team, side == "home", weight("subject", cue.start()), "subject", cue.span())
    for team, pattern in _town_patterns(pair):
        for m in pattern.finditer(text):
            start, end = sentence_at(article, m.start())
            placed = cues.town_before.search(text, max(start, m.start() - 30), m.start()) \
                or cues.town_after.match(text[m.end():m.end() + 20])  # its cue opens with "^"
            if placed and not other_occasion(text, start, end, m.start()):
                yield Vote(team, True, weight("town", m.start()), "town", m.span())
    listed = lineups.labelled_teams(text)
    if sorted(team for team, _ in listed) == sorted(pair):  # "Sweden XI: ... France XI: ...": home first
        for n, (team, span) in enumerate(listed):
            yield Vote(team, n == 0, cues.weights["lineup_order"], "lineup_order", span)
    block = lineup.block(article)
    if block is None and not names_sides(article):
        return  # no player can be tied to a side, and no scorer listed
    ties = tied(article, pair, mentions)
    for team, home, span in ties.home_or_away():
        yield Vote(team, home, cues.weights["player"], "player", span)
    if block is not None:
        for side in (block.home, block.away):
            for name, _, kind in side.goals:
                team = ties.teams.get(name.split()[-1])
                if team and kind != "og":  # the home side's scorers are listed first
                    yield Vote(team, side is block.home, cues.weights["block_scorer"], "block_scorer", side.span)


@lru_cache(maxsize=256)
def _town_patterns(pair: tuple[str, str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """A matcher of each team's home town, when the two teams of ``pair`` have different ones
    ("Helsinki" for Finland v Wales; none in a London derby)."""
    book = knowledge.teams().teams
    towns = {team: town for team in pair if team in book and (town := book[team].city)}
    if len(towns) < 2 or len({knowledge.key(town) for town in towns.values()}) < 2:
        return ()
    return tuple((team, re.compile(knowledge.phrases_pattern({town, knowledge.strip_accents(town)}) + r"(?![\w'])"))
                 for team, town in towns.items())


def _mention_votes(text: str, m: Mention, start: int, end: int, cues: _Cues) -> Iterator[tuple[bool, str]]:
    """(home?, kind) for each cue right around one mention."""
    if m.strength == "stadium":
        if m.venue:
            window = (max(start, m.start - 40), m.start)
            if AWAY_FROM.search(text, *window):
                yield False, "venue_at"
            else:
                yield True, "venue_at" if VENUE_PLACE.search(text, *window) else "venue"
        return
    if m.strength not in NAMES:
        return
    window = (max(start, m.start - 80), m.start)
    for side in ("home", "away"):
        if (p := cues.near.get(f"before.{side}")) and p.search(text, *window):
            yield side == "home", "before"
        if cues.near[f"after.{side}"].match(text[m.end:min(end, m.end + 60)]):  # its cues open with "^"
            yield side == "home", "after"
    at = cues.near["at.home"].search(text, *window)
    if at and not text.startswith("'", m.end) and not cues.at_not_before.match(text, m.end) \
            and not cues.at_not.search(text, max(start, at.start() - 30), at.start()):
        yield True, "at"


def other_occasion(text: str, start: int, end: int, pos: int) -> bool:
    """Is what stands at ``pos`` in the sentence ``start:end`` about another match or time
    ("last season", "next week", "his move to")? A sentence's marker counts unless it is in an
    aside ``pos`` is outside of; a weaker marker counts in the clause around ``pos``.

    Several stages ask about the same sentences and clauses; each is read once.
    """
    if any(not _aside(text, start, end, at, pos) for at in _sentence_vetoes(text, start, end)):
        return True
    return _clause_vetoed(text, *_clause(text, start, end, pos))


def other_occasion_asides(text: str, start: int, end: int) -> tuple[tuple[int, int], ...] | None:
    """The asides of the sentence ``start:end`` that are about another match or time (", who
    scored against Tottenham last weekend,"), or ``None`` if the sentence itself is: what a
    reader of the sentence leaves out to keep the rest."""
    asides = _asides(text, start, end)
    out: set[tuple[int, int]] = set()
    for at in _sentence_vetoes(text, start, end):
        holding = [(a, b) for a, b in asides if a <= at < b]
        if not holding:
            return None
        out.update(holding)
    return tuple(sorted(out))


@lru_cache(maxsize=4096)
def _sentence_vetoes(text: str, start: int, end: int) -> tuple[int, ...]:
    return tuple(m.start() for m in _cues().veto_sentence.finditer(text, start, end))


@lru_cache(maxsize=4096)
def _clause_vetoed(text: str, start: int, end: int) -> bool:
    return bool(_cues().veto_clause.search(text, start, end))


def _aside(text: str, start: int, end: int, at: int, pos: int) -> bool:
    """Is ``at`` inside a relative clause set off by commas that ``pos`` is outside of?
    "The striker, who scored here last season, helped himself to a double as the Reds
    romped to a 6-0 victory": last season is the striker's, the 6-0 is this match's."""
    return any(a <= at < b and not a <= pos < b for a, b in _asides(text, start, end))


@lru_cache(maxsize=1024)
def _asides(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in ASIDE.finditer(text, start, end))


def _clause(text: str, start: int, end: int, pos: int) -> tuple[int, int]:
    edges = _edges(text, start, end)
    before, after = bisect_left(edges, pos), bisect_right(edges, pos)
    return (edges[before - 1] if before else start, edges[after] if after < len(edges) else end)


@lru_cache(maxsize=1024)
def _edges(text: str, start: int, end: int) -> tuple[int, ...]:
    """Where the clauses of the sentence ``start:end`` begin or end, in order."""
    return tuple(m.start() for m in CLAUSE_EDGE.finditer(text, start, end))


def _subject(text: str, ours: list[Mention], start: int, pos: int, before: tuple[int, int] | None = None,
             whole: bool = False) -> Mention | None:
    """The team a clause is about: the nearest team before ``pos`` in its clause not governed
    by a preposition; a clause opening with a pronoun ("as they crashed to") looks back, as
    does a cue owned by "their" (``whole``). A sentence that opens with the pronoun ("Their
    home fortress has been anything but") means the subject of the sentence ``before``."""
    left, _ = _clause(text, start, pos + 1, pos)
    edge = CLAUSE_OPENER.match(text, left, pos)
    pronoun = edge and PRONOUN_START.match(text, edge.end())
    if whole or pronoun:
        left = start
    for m in reversed([m for m in ours if left <= m.start and m.end <= pos]):
        if m.strength in NAMES and not preposition_before(text, m.start, left):
            return m
    if pronoun and edge.end() == start and before:
        return next((m for m in ours if before[0] <= m.start < before[1] and m.strength in NAMES
                     and not preposition_before(text, m.start, before[0])), None)
    return None


def preposition_before(text: str, pos: int, floor: int = 0) -> bool:
    """Is the team named at ``pos`` the object of a preposition ("against Reading")?"""
    return bool(_preposition().search(text, max(floor, pos - 40), pos))


@cache
def _preposition() -> Caseless:
    return Caseless(r"\b(?:at|to|against|over|with|by|for|from|of|on|in|past|than|beat|beating|"
                    r"and|v|vs)\s+" + describers() + "$")


def _lead_end(article: Article) -> int:
    """Where the title and the first sentence of the body end."""
    spans = sentences(article)
    body = [e for s, e in spans if s >= article.title_end]
    return body[0] if body else article.title_end
