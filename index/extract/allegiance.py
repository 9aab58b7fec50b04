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
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import cache

from .. import knowledge
from ..normalise import Article
from .mentions import Mention, sentences

NAME = r"(?P<p>[A-Z][a-z'\-]+(?: (?:(?:van|von|de|der|den|da|di|del|dos|le|la) )*[A-Z][a-z'\-]+){0,2})"


@cache
def _links() -> tuple[tuple[re.Pattern[str], ...], re.Pattern[str]]:
    data = knowledge.data_json("allegiance.json")
    roles = "(?:" + "|".join(sorted(map(re.escape, data["roles"]), key=len, reverse=True)) + ")"
    patterns = tuple(re.compile(p.replace("{X}", r"(?P<x>@[12HA])").replace("{P}", NAME).replace("{ROLE}", roles))
                     for p in data["links"])
    sides = re.compile(r"\b(?:the |their )?(?P<w>hosts|home side|home team|visitors|away side|away team|visiting side|"
                       rf"visiting team)\b|\b(?:the )?(?P<adj>home|away|visiting)(?= {roles}\b)", re.IGNORECASE)
    return patterns, sides


def player_sides(article: Article, pair: tuple[str, str], mentions: tuple[Mention, ...]) -> Iterator[tuple[str, bool, tuple[int, int]]]:
    """(team, was home, evidence span) for each player tied both to a team and to a side."""
    teams, sides, where = _tied(article, pair, mentions)
    for surname, team in teams.items():
        if surname in sides:
            yield team, sides[surname] == "@H", where[surname]


def player_teams(article: Article, pair: tuple[str, str], mentions: tuple[Mention, ...]) -> dict[str, str]:
    """Surname -> team, for each player a phrase ties to one team of ``pair``."""
    return _tied(article, pair, mentions)[0]


def _tied(article: Article, pair: tuple[str, str], mentions: tuple[Mention, ...]
          ) -> tuple[dict[str, str], dict[str, str], dict[str, tuple[int, int]]]:
    """Players tied to a team (surname -> team) and to a side (surname -> @H/@A), where first."""
    patterns, side_words = _links()
    links: dict[str, Counter[str]] = defaultdict(Counter)
    where: dict[str, tuple[int, int]] = {}
    for start, end, sentence in _templated(article, pair, mentions, side_words):
        for pattern in patterns:
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
    return teams, sides, where


def _templated(article: Article, pair: tuple[str, str], mentions: tuple[Mention, ...],
               side_words: re.Pattern[str]) -> Iterator[tuple[int, int, str]]:
    """Sentences with the pair as @1/@2 and the sides as @H/@A."""
    text = article.fold
    tag = {pair[0]: "@1", pair[1]: "@2"}
    spots = [(m.start, m.end, tag[m.team]) for m in mentions
             if m.team in pair and m.strength != "stadium"]
    for w in side_words.finditer(text):
        word = (w["w"] or w["adj"]).lower()
        spots.append((w.start(), w.end(), "@H" if word.startswith(("host", "home")) else "@A"))
    spots.sort()
    for start, end in sentences(article):
        parts, at = [], start
        for s, e, t in spots:
            if start <= s and e <= end and s >= at:
                parts += [text[at:s], t]
                at = e
        if at > start:
            yield start, end, "".join(parts) + text[at:end]
