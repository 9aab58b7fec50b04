"""Which side a player was on: a way to read "the visitors" through the players named.

Reports say "the visitors" far more than they say who the visitors were, but
they also say "Sunderland ... hit the bar through Sebastian Larsson" and
"Larsson came close to giving the home side the lead". A player tied to a
team by one phrase and to home or away by another tells which team was at
home; each such player casts one vote for :mod:`.orient`. The phrases are
data (``data/allegiance.json``).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from .. import knowledge
from ..caseless import Caseless, Exact
from ..normalise import Article
from .mentions import Mention, sentences

NAME = r"(?P<p>[A-Z][a-z'\-]+(?: (?:(?:van|von|de|der|den|da|di|del|dos|le|la) )*[A-Z][a-z'\-]+){0,2})"


@cache
def _links() -> tuple[tuple[Exact, ...], Caseless]:
    data = knowledge.data_json("allegiance.json")
    roles = "(?:" + "|".join(sorted(map(re.escape, data["roles"]), key=len, reverse=True)) + ")"
    patterns = tuple(Exact(p.replace("{X}", r"(?P<x>@[12HA])").replace("{P}", NAME).replace("{ROLE}", roles))
                     for p in data["links"])
    sides = Caseless(r"\b(?:the |their )?(?P<w>hosts|home side|home team|visitors|away side|away team|visiting side|"
                     rf"visiting team)\b|\b(?:the )?(?P<adj>home|away|visiting)(?= {roles}\b)")
    return patterns, sides


@dataclass(frozen=True)
class Ties:
    """Players tied to a team of the pair (surname -> team) and to a side (surname -> @H/@A),
    and the sentence that first named each."""

    teams: dict[str, str]
    sides: dict[str, str]
    where: dict[str, tuple[int, int]]

    def home_or_away(self) -> Iterator[tuple[str, bool, tuple[int, int]]]:
        """(team, was home, evidence span) for each player tied both to a team and to a side."""
        for surname, team in self.teams.items():
            if surname in self.sides:
                yield team, self.sides[surname] == "@H", self.where[surname]


def tied(article: Article, pair: tuple[str, str], mentions: tuple[Mention, ...]) -> Ties:
    """The players the report's phrases tie to a team of ``pair`` or to a side."""
    links: dict[str, Counter[str]] = defaultdict(Counter)
    where: dict[str, tuple[int, int]] = {}
    for start, end, sentence in _templated(article, pair, mentions):
        for pattern in _links()[0]:
            for m in pattern.finditer(sentence):
                surname = m["p"].split()[-1]
                links[surname][m["x"]] += 1
                where.setdefault(surname, (start, end))
    teams, sides = {}, {}
    for surname, tags in links.items():
        for kind, out, names in (("@1@2", teams, {"@1": pair[0], "@2": pair[1]}), ("@H@A", sides, None)):
            mine = Counter({t: n for t, n in tags.items() if t in kind})
            if mine:
                (tag, n), rest = mine.most_common(1)[0], sum(mine.values())
                if n > rest - n:
                    out[surname] = names[tag] if names else tag
    return Ties(teams, sides, where)


def names_sides(article: Article) -> bool:
    """Does the report call a team "the hosts", "the visitors", "the home side"...?"""
    return bool(_sides(article.fold))


@lru_cache(maxsize=64)
def _sides(text: str) -> tuple[tuple[int, int, str], ...]:
    """Where the text names a side: (start, end, @H or @A)."""
    out = []
    for w in _links()[1].finditer(text):
        word = (w["w"] or w["adj"]).lower()
        out.append((w.start(), w.end(), "@H" if word.startswith(("host", "home")) else "@A"))
    return tuple(out)


def _templated(article: Article, pair: tuple[str, str], mentions: tuple[Mention, ...]) -> Iterator[tuple[int, int, str]]:
    """Sentences with the pair as @1/@2 and the sides as @H/@A."""
    text = article.fold
    tag = {pair[0]: "@1", pair[1]: "@2"}
    spots = [(m.start, m.end, tag[m.team]) for m in mentions
             if m.team in pair and m.strength != "stadium"]
    spots += _sides(text)
    spots.sort()
    for start, end in sentences(article):
        parts, at = [], start
        i = bisect_left(spots, (start,))
        while i < len(spots) and spots[i][0] < end:
            s, e, t = spots[i]
            if e <= end and s >= at:
                parts += [text[at:s], t]
                at = e
            i += 1
        if at > start:
            yield start, end, "".join(parts) + text[at:end]
