"""Which of the two teams was at home: every cue in the text casts a weighted vote.

A report rarely says "home" outright; it says "a 2-1 win at Reading", "the
visit of Chelsea", "a 3-1 home defeat", "at Goodison Park", and names the
home side first in its line-up block. Each such cue votes for one team
being home (or away), weighted by its kind and by where it stands (the lead
sentence says what the report is about; a clause about last season or the
next fixture says nothing and is skipped). The cue phrases are data
(``data/orientation.json``).
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from .. import knowledge
from ..normalise import Article
from .lineup import Block
from .mentions import Mention, sentence_at, sentences

GAP = (r"(?:\s+(?!(?:the|a|an|of|to|in|on|for|with|by|and|but|as|that|which|who|when|while|home|all|"
       r"least|once|time|times|end|start)\b)[a-z][\w'\-]*){0,3}\s+$")
PREPOSITION = re.compile(r"\b(?:at|to|against|over|with|by|for|from|of|on|in|past|than|beat|beating|"
                         r"and|v|vs)\s+(?:[a-z][\w'\-]*\s+){0,2}$")
VENUE_PLACE = re.compile(r"\b(?:at|to|from|in|inside|around|on)\s+(?:the\s+)?(?:[a-z][\w'\-]*\s+){0,2}$")


@dataclass(frozen=True, slots=True)
class Vote:
    """One cue: ``team`` was home (``home`` True) or away, with this much weight."""

    team: str
    home: bool
    weight: float
    kind: str
    span: tuple[int, int]


@cache
def _cues() -> dict[str, object]:
    data = knowledge.data_json("orientation.json")
    out: dict[str, object] = {"weights": data["weights"],
                              "veto": re.compile("|".join(data["veto"]), re.IGNORECASE)}
    for kind in ("before", "at"):
        for side in ("home", "away"):
            if data[kind][side]:
                out[f"{kind}.{side}"] = re.compile("(?:" + "|".join(data[kind][side]) + ")" + GAP,
                                                   re.IGNORECASE)
    for kind in ("after", "subject"):
        for side in ("home", "away"):
            out[f"{kind}.{side}"] = re.compile("|".join(data[kind][side]), re.IGNORECASE)
    return out


def home_first(article: Article, pair: tuple[str, str], mentions: tuple[Mention, ...],
               block: Block | None = None) -> tuple[str, str]:
    """``pair`` in home-away order; with no cue at all, the first-named team is home."""
    weight: dict[str, float] = defaultdict(float)
    for v in votes(article, pair, mentions, block):
        weight[v.team] += v.weight if v.home else -v.weight
    a, b = pair
    margin = weight[a] - weight[b]
    return (b, a) if margin < 0 else (a, b)


def votes(article: Article, pair: tuple[str, str], mentions: tuple[Mention, ...],
          block: Block | None = None) -> Iterator[Vote]:
    """Every home/away cue about the two teams of ``pair``."""
    cues = _cues()
    weights: dict[str, float] = cues["weights"]  # type: ignore[assignment]
    veto: re.Pattern[str] = cues["veto"]  # type: ignore[assignment]
    text = article.fold
    lead_end = _lead_end(article)
    ours = [m for m in mentions if m.team in pair]
    for m in ours:
        start, end = sentence_at(article, m.start)
        if veto.search(text, start, end):
            continue
        factor = weights["lead_factor"] if m.start < lead_end else 1.0
        for vote in _mention_votes(text, m, start, end, cues):
            yield Vote(vote[0], vote[1], weights[vote[2]] * factor, vote[2], (m.start, m.end))
    for side in ("home", "away"):
        for cue in cues[f"subject.{side}"].finditer(text):  # type: ignore[attr-defined]
            start, end = sentence_at(article, cue.start())
            if veto.search(text, start, end):
                continue
            subject = _subject(text, ours, start, cue.start())
            if subject:
                factor = weights["lead_factor"] if cue.start() < lead_end else 1.0
                yield Vote(subject.team, side == "home", weights["subject"] * factor, "subject", cue.span())
    if block is not None:
        yield from _block_votes(article, pair, ours, block, weights["block_players"])


def _mention_votes(text: str, m: Mention, start: int, end: int,
                   cues: dict[str, object]) -> Iterator[tuple[str, bool, str]]:
    if m.strength == "stadium":
        if m.venue:
            near = VENUE_PLACE.search(text, max(start, m.start - 40), m.start)
            yield m.team, True, "venue_at" if near else "venue"
        return
    if m.strength not in ("name", "nickname"):
        return
    possessive = text.startswith("'", m.end)
    window = (max(start, m.start - 80), m.start)
    for kind in ("before", "at"):
        if kind == "at" and possessive:
            continue
        for side in ("home", "away"):
            pattern = cues.get(f"{kind}.{side}")
            if pattern is not None and pattern.search(text, *window):  # type: ignore[attr-defined]
                yield m.team, side == "home", kind
    for side in ("home", "away"):
        if cues[f"after.{side}"].match(text[m.end:min(end, m.end + 60)]):  # type: ignore[attr-defined]
            yield m.team, side == "home", "after"


def _subject(text: str, ours: list[Mention], start: int, pos: int) -> Mention | None:
    """The team a clause is about: the nearest team before ``pos`` not governed by a preposition."""
    for m in reversed([m for m in ours if start <= m.start and m.end <= pos]):
        if m.strength in ("name", "nickname") and not PREPOSITION.search(text, max(start, m.start - 30), m.start):
            return m
    return None


def _block_votes(article: Article, pair: tuple[str, str], ours: list[Mention], block: Block,
                 weight: float) -> Iterator[Vote]:
    """The block lists the home side first: whose players are its first eleven?

    A player's surname and his team's name share sentences of the report
    more often than he shares them with the other team; own goals aside,
    the scorers under each side are its own players.
    """
    text = article.fold
    affinity: dict[tuple[int, str], float] = defaultdict(float)
    for start, end in sentences(article):
        if start >= block.home.span[0]:
            break
        teams = {m.team for m in ours if start <= m.start < end}
        if len(teams) != 1:
            continue
        team = next(iter(teams))
        for i, side in enumerate((block.home, block.away)):
            names = {p.split()[-1] for p in side.players} | {g[0].split()[-1] for g in side.goals if g[2] != "og"}
            affinity[(i, team)] += sum(1 for n in names if re.search(rf"\b{re.escape(n)}\b", text[start:end]))
    a, b = pair
    margin = affinity[(0, a)] + affinity[(1, b)] - affinity[(0, b)] - affinity[(1, a)]
    if margin:
        home = a if margin > 0 else b
        span = block.home.span
        yield Vote(home, True, weight * min(abs(margin), 4) / 2, "block_players", span)


def _lead_end(article: Article) -> int:
    """Where the title and the first sentence of the body end."""
    spans = sentences(article)
    body = [e for s, e in spans if s >= article.title_end]
    return body[0] if body else article.title_end
