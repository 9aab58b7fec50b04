"""Competition and venue: which of the competitions and grounds a report names are its match's.

A report names many competitions ("a place in the Champions League", "the
Europa League semi-final next week") and grounds ("the 2-2 draw at the
Etihad"); each mention is weighed by what stands around it: "Premier League
clash" names the match's competition, "a Champions League place" a race; "at
Goodison Park" in the lead is where the match was, the home side's ground
is likelier than another, and a sentence about another time counts for
nothing. The league both clubs were in that season (the team book's
divisions) counts as well, unless the lead names a cup.
Venue names are made canonical (``data/venues.json``): the Stadio Giuseppe
Meazza is San Siro.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from functools import cache, lru_cache
from typing import Any

from .. import knowledge
from ..caseless import Caseless, lower
from ..normalise import Article
from ..record import Facts, Found
from .mentions import managers_named, names_club, sentence_at, sentences, team_mentions
from .orient import VENUE_PLACE, other_occasion
from .pipeline import stage

LEAD_SENTENCES = 2
CLAUSE_END = re.compile(r"[,;:]|\s-+\s|\b(?:but|while|and|as)\b")
MATCH_WEIGHT, PLAIN_WEIGHT, CONTEXT_WEIGHT, KIND_WEIGHT, PRIOR_WEIGHT = 3.0, 1.0, 0.25, 0.5, 2.0


@cache
def _cues() -> dict[str, Any]:
    data = knowledge.data_json("competition_cues.json")
    return {"match": Caseless(data["match_after"]), "before": Caseless(data["context_before"]),
            "after": Caseless(data["context_after"]), "reach": Caseless(data["reach_before"]),
            "stage": Caseless(data["stage_after"]), "lead_factor": data["lead_factor"],
            "leagues": frozenset(data["leagues"]), "league_words": Caseless(data["league_words"]),
            "cup_words": Caseless(data["cup_words"]),
            "not_league": re.compile(knowledge.phrases_pattern(data["not_league_words"]) + r"(?![\w'])")}


@cache
def _venue_names() -> dict[str, str]:
    """Every name of a ground (folded key) -> its canonical name."""
    out = {}
    for canonical, aliases in knowledge.data_json("venues.json")["venues"].items():
        for name in (canonical, *aliases):
            out[knowledge.key(name)] = canonical
    return out


def canonical_venue(name: str) -> str:
    """The canonical name of a ground ("Stadio Giuseppe Meazza" -> "San Siro")."""
    return _venue_names().get(knowledge.key(name), name)


@stage("competition")
def competition(article: Article, facts: Facts) -> dict[str, Any]:
    """The competition whose mentions weigh most as this match's; the words of a league
    match (table, points, relegation) or of a cup tie (replay, extra time) add to each
    competition of that kind the report names. Unless the lead names another, the league both
    clubs were in that season weighs as two plain mentions, named or not: a Premier League
    report that calls a club "Capital One Cup winners" is no League Cup tie."""
    cues = _cues()
    text = article.fold
    lead_end = _lead_end(article)
    pair = {t.name for t in facts.teams}
    weight: dict[str, float] = defaultdict(float)
    first: dict[str, tuple[int, int]] = {}
    for name, start, end in knowledge.competitions().find(text):
        s, e = sentence_at(article, start)
        if other_occasion(text, s, e, start) or _other_teams(article, pair, end, e):
            continue
        before, after = (max(s, start - 50), start), text[end:end + 40]
        if cues["before"].search(text, *before) or cues["after"].match(after) \
                or (cues["reach"].search(text, *before) and not cues["stage"].match(after)):
            if name not in cues["leagues"]:
                continue  # "a Champions League place" is a race, not this match
            w = CONTEXT_WEIGHT
        elif cues["match"].match(after):
            w = MATCH_WEIGHT
        else:
            w = PLAIN_WEIGHT
        weight[name] += w * (cues["lead_factor"] if start < lead_end else 1.0)
        first.setdefault(name, (start, end))
    cup_in_lead = any(at < lead_end for name, (at, _) in first.items() if name not in cues["leagues"])
    shared = None if cup_in_lead else _shared_league(article, facts)
    if shared and cues["not_league"].search(lower(text)):  # a cup tie's words, "Arsenal Women": no league match
        shared = None
    if shared:
        weight[shared] += PRIOR_WEIGHT
    if not weight:
        return {}
    if len(weight) == 1:  # nothing to weigh it against: no league or cup words to count
        (only,) = weight
        return {"competition": Found(only, first.get(only))}
    league_like = len(cues["league_words"].findall(text))
    cup_like = len(cues["cup_words"].findall(text))
    for name in weight:
        weight[name] += KIND_WEIGHT * (league_like if name in cues["leagues"] else cup_like)
    best = max(weight, key=lambda n: (weight[n], -first.get(n, (len(text),))[0]))
    return {"competition": Found(best, first.get(best))}


def _shared_league(article: Article, facts: Facts) -> str | None:
    """The league both clubs of a result played in. The season is the report's date's; with
    no date, every season in which the two shared a division, within the tenures of the
    managers the report names, must agree (Cardiff and Swansea met in the Premier League and
    in the Championship: no answer)."""
    if facts.score is None or facts.home is None or facts.away is None:
        return None
    book = knowledge.teams().teams
    home, away = (book[t.name].divisions if t.name in book else {} for t in (facts.home, facts.away))
    shared = {s for s in home if home[s] == away.get(s)}
    if facts.date and facts.date.value:
        shared &= {season_of(facts.date.value)}
    elif len({home[s] for s in shared}) > 1:  # the managers named may tell the seasons apart
        for tenures in _named_managers(article, (facts.home.name, facts.away.name)):
            shared = {s for s in shared if any(_overlaps(s, t) for t in tenures)}
    leagues = {home[s] for s in shared}
    return leagues.pop() if len(leagues) == 1 else None


def _named_managers(article: Article, pair: tuple[str, str]) -> list[list[tuple[str, str]]]:
    """The tenures ("2012-06", "2016-07") of the managers of ``pair`` the report names as such,
    one list for each club: any of a club's may date the match. A manager of both clubs
    (Pellegrini, at Manchester City and West Ham years apart) has a list of his own."""
    spells: dict[tuple[str, ...], list[tuple[str, str]]] = defaultdict(list)
    for hit in managers_named(article):
        called = knowledge.key(hit.text)
        mine = [(team, tenure) for team in pair for names, tenure in _tenures(team) if called in names]
        spells[tuple(sorted({team for team, _ in mine}))] += [tenure for _, tenure in mine]
    return [tenures for tenures in spells.values() if tenures]


@lru_cache(maxsize=512)
def _tenures(team: str) -> tuple[tuple[tuple[str, str], tuple[str, str]], ...]:
    """A club's managers as ((full name, surname) as keys, (from, to)), read once."""
    known = knowledge.teams().teams.get(team)
    return tuple(((knowledge.key(m["name"]), knowledge.key(m["name"].split()[-1])),
                  (m.get("from") or "0000-00", m.get("to") or "9999-99")) for m in (known.managers if known else ()))


def _overlaps(season: str, tenure: tuple[str, str]) -> bool:
    """Was a manager in charge during ``season`` ("2012-13" runs from 2012-07 to 2013-06)?"""
    first = int(season[:4])
    return tenure[0] <= f"{first + 1}-06" and tenure[1] >= f"{first}-07"


def season_of(day: dt.date) -> str:
    """The season a day falls in, as "2012-13" (a season runs from July to June)."""
    first = day.year if day.month >= 7 else day.year - 1
    return f"{first}-{(first + 1) % 100:02d}"


@stage("venue")
def venue(article: Article, facts: Facts) -> dict[str, Any]:
    """The ground the report places the match at: "at <stadium>" first, the lead first,
    the home side's ground before another."""
    text = article.fold
    lead_end = _lead_end(article)
    home = facts.home.name if facts.home else None
    best: tuple[float, int, str, tuple[int, int]] | None = None
    for hit in knowledge.teams().find(text):
        if hit.strength != "stadium" or names_club(text, hit.end):
            continue
        s, e = sentence_at(article, hit.start)
        if other_occasion(text, s, e, hit.start):
            continue
        score = (2.0 if VENUE_PLACE.search(text, max(s, hit.start - 40), hit.start) else 1.0) \
            * (2.0 if hit.start < lead_end else 1.0) * (1.5 if home in hit.teams else 1.0)
        if best is None or score > best[0]:
            best = (score, hit.start, hit.text, (hit.start, hit.end))
    if best is None:
        return {}
    return {"venue": Found(canonical_venue(best[2]), best[3])}


def _other_teams(article: Article, pair: set[str], start: int, end: int) -> bool:
    """Is the clause after a competition's name about other teams ("a Capital One Cup
    victory over Peterborough")? A national ground is no team: "the FA Cup semi-final at Wembley"."""
    stop = CLAUSE_END.search(article.fold, start, end)
    teams = knowledge.teams().teams
    named = {m.team for m in team_mentions(article) if start <= m.start < (stop.start() if stop else end)
             and not (m.strength == "stadium" and teams[m.team].kind != "club")}
    return bool(named) and not named & pair


def _lead_end(article: Article) -> int:
    body = [e for s, e in sentences(article) if s >= article.title_end]
    return body[LEAD_SENTENCES - 1] if len(body) >= LEAD_SENTENCES else len(article.fold)
