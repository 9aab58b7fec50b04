"""Where a report names teams: every team phrase that really names a team.

The team book finds every name, nickname, stadium and manager; some of those
hits do not name a side of the match: "the England midfielder" describes a
player, "Antonio Valencia" is a person, "the Stamford Bridge side" names a
club but is no venue. This module drops the first two kinds and marks the
third, once per article, so that choosing the teams, orienting them and
reading the score all see the same mentions. Sentences are found here too,
since every cue of those stages lives within one.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache

from .. import knowledge
from ..knowledge import Hit
from ..normalise import Article

SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n+")
WORD_BEFORE = re.compile(r"([A-Z][\w'\-]*)\s+$")


@dataclass(frozen=True, slots=True)
class Mention:
    """A team named in the text; ``venue`` when it is a stadium used as a place."""

    team: str
    start: int
    end: int
    strength: str
    venue: bool = False


@cache
def _rules() -> tuple[re.Pattern[str], frozenset[str], re.Pattern[str]]:
    data = knowledge.data_json("mentions.json")
    role = re.compile(r"\s+(?:" + "|".join(re.escape(w) for w in data["role_after"]) + r")\b")
    side = re.compile(r"\s+(?:" + "|".join(re.escape(w) for w in data["side_after"]) + r")\b")
    return role, frozenset(data["person_words"]), side


def team_mentions(article: Article) -> tuple[Mention, ...]:
    """Every mention of one team in ``article`` (ambiguous names are left out)."""
    return _mentions(article.fold)


@lru_cache(maxsize=64)
def _mentions(text: str) -> tuple[Mention, ...]:
    role, person_words, side = _rules()
    book = knowledge.teams()
    hits = list(book.find(text))
    ends = {h.end for h in hits} | {e for _, _, e in knowledge.competitions().find(text)}
    out = []
    for h in hits:
        if len(h.teams) != 1 or h.strength == "weak":
            continue
        team = book.teams[h.teams[0]]
        after = text[h.end:h.end + 30]
        if team.kind == "national" and role.match(after):
            continue
        if h.strength in ("name", "nickname") and " " not in h.text and _surname(text, h, person_words, ends):
            continue
        venue = h.strength == "stadium" and not side.match(after)
        out.append(Mention(team.name, h.start, h.end, h.strength, venue))
    return tuple(out)


def _surname(text: str, h: Hit, person_words: frozenset[str], ends: set[int]) -> bool:
    """Is this one-word team name the surname of a person ("Antonio Valencia")?"""
    m = WORD_BEFORE.search(text, max(0, h.start - 30), h.start)
    if not m or m.end(1) in ends or m[1].endswith("'s"):
        return False
    return m[1] not in person_words and not m[1].isupper()


def sentences(article: Article) -> tuple[tuple[int, int], ...]:
    """The (start, end) of every sentence of the folded text."""
    return _sentences(article.fold)


@lru_cache(maxsize=64)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return tuple(out)


def sentence_at(article: Article, pos: int) -> tuple[int, int]:
    """The sentence that holds position ``pos``."""
    spans = sentences(article)
    i = max(bisect_right([s for s, _ in spans], pos) - 1, 0)
    return spans[i] if spans else (0, len(article.fold))
