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
from typing import NamedTuple

from .. import knowledge
from ..caseless import Caseless
from ..knowledge import Hit
from ..normalise import Article

# after ".", "!" or "?" (and closing quotes or brackets), the space before a capital or a digit;
# or line breaks: (?<=[.!?])["')\]]*\s+(?=["'(\[]?[A-Z0-9])|\n+, written to open on the character
# a break starts with and test what stands before it after it
SENTENCE_END = re.compile(r"[\"')\]\s](?:(?<=[.!?][\"')\]])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])"
                          r"|(?<=[.!?]\s)\s*(?=[\"'(\[]?[A-Z0-9])|(?<=\n)\n*)")
# where SENTENCE_END may begin: right after a stop, or at a line break; it is tried there alone,
# not at every space its first character allows (a report has some 40 of those, 700 spaces)
BREAK_AT = re.compile(r"[.!?\n]")
WORD_BEFORE = re.compile(r"([A-Z][\w'\-]*)\s+$")
NEXT_CAPITAL = re.compile(r" [A-Z][a-z]")


class Mention(NamedTuple):  # a tuple: made by the dozen for every report, and cheap to make
    """A team named in the text; ``venue`` when it is a stadium used as a place."""

    team: str
    start: int
    end: int
    strength: str
    venue: bool = False


@dataclass(frozen=True)
class _Rules:
    role: re.Pattern[str]
    person_words: frozenset[str]
    former: frozenset[str]  # "Former Chelsea striker": a person's old club
    side: re.Pattern[str]
    manager_before: Caseless
    manager_after: Caseless
    former_manager: Caseless


@cache
def _rules() -> _Rules:
    data = knowledge.data_json("mentions.json")
    return _Rules(
        role=re.compile(r"\s+(?:" + "|".join(re.escape(w) for w in data["role_after"]) + r")\b"),
        person_words=frozenset(data["person_words"]),
        former=frozenset(knowledge.data_json("names.json")["former"]),
        side=re.compile(r"\s+(?:" + "|".join(re.escape(w) for w in data["side_after"]) + r")\b"),
        manager_before=Caseless(data["manager_before"]),
        manager_after=Caseless(data["manager_after"]),
        former_manager=Caseless(data["former_manager_before"]))


@cache
def describers() -> str:
    """A regex for up to three words that describe a team before its name ("fellow strugglers",
    "10-man", "relegation-threatened"), each with the space after it."""
    words = knowledge.data_json("mentions.json")["describers"]
    alt = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return rf"(?:(?:{alt}|\d+-man|[A-Za-z]+(?:-[A-Za-z]+)+)\s+){{0,3}}"


def team_mentions(article: Article, pair: tuple[str, str] | None = None) -> tuple[Mention, ...]:
    """Every mention of one team in ``article``; once the match's ``pair`` is known, a
    shared name that can mean one of them ("the Reds") counts for it."""
    return _mentions(article.fold, pair)


@lru_cache(maxsize=64)
def _mentions(text: str, pair: tuple[str, str] | None) -> tuple[Mention, ...]:
    """Sure hits first (a full name, nickname or stadium of one team); a shared
    name ("United", "City") or a manager's name then counts for the one team it
    can mean among those, or failing them among the teams whose manager the report
    names in full. A weak name of one team alone ("Palace") counts as weak."""
    kept, sure, managed = _named(text)
    out = []
    for h in kept:
        options = [t for t in h.teams if t in sure]
        if len(options) > 1 and pair:
            options = [t for t in options if t in pair]
        if not options and h.strength == "weak":
            options = [t for t in h.teams if t in managed]  # "United", with Sir Alex Ferguson named
        if len(h.teams) == 1 and h.strength in ("name", "nickname", "stadium", "weak"):
            options = list(h.teams)
        if len(options) != 1:
            continue
        venue = h.strength == "stadium" and not names_club(text, h.end)
        out.append(Mention(options[0], h.start, h.end, h.strength, venue))
    return tuple(out)


@lru_cache(maxsize=64)
def _named(text: str) -> tuple[tuple[Hit, ...], frozenset[str], frozenset[str]]:
    """The hits that name a team, whatever the pair: not a person ("the England midfielder",
    "Antonio Valencia"), not part of a longer name; the teams surely named, and those whose
    manager is named in full."""
    rules = _rules()
    book = knowledge.teams()
    hits = book.find(text)
    ends = {e for _, _, e in knowledge.competitions().find(text)} | {h.end for h in hits}
    kept = []
    for h in hits:
        if rules.role.match(text, h.end, h.end + 30) and any(book.teams[t].kind == "national" for t in h.teams):
            continue
        if h.strength in ("name", "nickname", "weak") and " " not in h.text \
                and _surname(text, h, rules, ends):
            continue
        if h.strength == "manager" and not (rules.manager_before.search(text, max(0, h.start - 40), h.start)
                                            or rules.manager_after.match(text[h.end:h.end + 30])):
            continue
        kept.append(h)
    sure = frozenset(h.teams[0] for h in kept if len(h.teams) == 1 and h.strength in ("name", "nickname", "stadium"))
    managed = frozenset(h.teams[0] for h in hits if len(h.teams) == 1 and h.strength == "manager" and " " in h.text)
    # a weak or manager's name that is part of a longer one: "Martin Skrtel", "Villa Park", and a
    # name that the data marks weak for its own team: "Jordan Henderson", "Georgia Stanway"
    named = tuple(h for h in kept if not ((h.strength in ("weak", "manager") or _weak_name(book, h))
                                          and NEXT_CAPITAL.match(text, h.end)))
    return named, sure, managed


def managers_named(article: Article) -> tuple[Hit, ...]:
    """The team book's managers the report names as such ("Alan Pardew's side", "boss Rafael
    Benitez"): not a player who managed a club years later, nor a "former boss"."""
    text, former = article.fold, _rules().former_manager
    return tuple(h for h in _named(text)[0] if h.strength == "manager"
                 and not former.search(text, max(0, h.start - 40), h.start))


def names_club(text: str, end: int) -> bool:
    """Does the stadium name ending at ``end`` stand for its club ("the Stamford Bridge side")?"""
    return bool(_rules().side.match(text, end))


def _weak_name(book: knowledge.TeamBook, h: Hit) -> bool:
    return any(h.text in book.teams[t].weak for t in h.teams)


def _surname(text: str, h: Hit, rules: _Rules, ends: set[int]) -> bool:
    """Is this one-word team name the surname of a person ("Antonio Valencia"), or the old club a
    person is described by ("Former Chelsea striker")?"""
    m = WORD_BEFORE.search(text, max(0, h.start - 30), h.start)
    if not m or m.end(1) in ends or m[1].endswith("'s"):
        return False
    word = m[1]
    if word.lower() in rules.former:
        return True
    return word not in rules.person_words and not word.isupper() and "-" not in word \
        and not (word.endswith("ly") and len(word) > 5)


def sentences(article: Article) -> tuple[tuple[int, int], ...]:
    """The (start, end) of every sentence of the folded text."""
    return _sentences(article.fold)


@lru_cache(maxsize=64)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    out, start = [], 0
    for b in BREAK_AT.finditer(text):
        at = b.start() if b[0] == "\n" else b.end()
        m = SENTENCE_END.match(text, at) if at >= start else None
        if m is None:
            continue
        if at > start:
            out.append((start, at))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return tuple(out)


def sentence_at(article: Article, pos: int) -> tuple[int, int]:
    """The sentence that holds position ``pos``."""
    spans = sentences(article)
    i = max(bisect_right(_starts(article.fold), pos) - 1, 0)
    return spans[i] if spans else (0, len(article.fold))


@lru_cache(maxsize=64)
def _starts(text: str) -> tuple[int, ...]:
    return tuple(s for s, _ in _sentences(text))
