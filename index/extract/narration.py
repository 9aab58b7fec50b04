"""A result the report tells without writing the score.

"Frank Lampard ... moved closer ... with victory over Swansea ... Chelsea had
to be content with two goals, a clean sheet": the winner comes from the
result words of the report, and each side's goals from what it narrates
("put the Toffees ahead", "doubled their advantage", "the visitors pulled
one back", "a hat-trick", "the only goal"), each read as "at least so many",
so that a goal told twice is not counted twice. The phrases are data
(``data/narration.json``), written over sentences in which the home team
reads ``@H`` and the away team ``@A``.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from .. import knowledge
from ..normalise import Article
from ..record import Score
from .mentions import Mention, sentences
from .orient import other_occasion, preposition_before
from .result import Read

TEAM = r"(?P<t>@[HA])"
LEAD_SENTENCES, LEAD_FACTOR = 3, 3.0
PRONOUN = re.compile(r"\b(?:they|them)\b|\btheir\b", re.IGNORECASE)
NEW_CLAUSE = re.compile(r"\b(?:who|which|whose|whom)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Phrases:
    won: tuple[re.Pattern[str], ...]
    lost: tuple[re.Pattern[str], ...]
    drew: tuple[re.Pattern[str], ...]
    only_goal: re.Pattern[str]
    at_least: tuple[re.Pattern[str], ...]
    one_goal: tuple[re.Pattern[str], ...]
    conceded: tuple[re.Pattern[str], ...]
    clean_sheet: tuple[re.Pattern[str], ...]
    player_goals: re.Pattern[str]
    tallies: dict[str, int]
    not_scored: re.Pattern[str]
    attribute: re.Pattern[str]
    unowned: tuple[re.Pattern[str], ...]
    running_up: tuple[re.Pattern[str], ...]
    running_down: tuple[re.Pattern[str], ...]
    running_unowned: tuple[re.Pattern[str], ...]
    draw_total: re.Pattern[str]
    scorer_list: tuple[re.Pattern[str], ...]
    numbers: dict[str, int]
    sides: re.Pattern[str]
    home_words: frozenset[str]


@cache
def _phrases() -> _Phrases:
    d = knowledge.data_json("narration.json")
    numbers = d["numbers"]
    ordinal = "(?P<n>" + "|".join(w for w, n in numbers.items() if w.endswith(("nd", "rd", "th"))) + ")"
    count = "(?P<n>" + "|".join(w for w in numbers if not w.endswith(("nd", "rd", "th"))) + r"|\d)"

    def comp(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p.replace("{T}", TEAM).replace("{ORD}", ordinal).replace("{N}", count),
                                re.IGNORECASE) for p in patterns)

    words = d["home_words"] + d["away_words"]
    return _Phrases(
        won=comp(d["won"]), lost=comp(d["lost"]), drew=comp(d["drew"]),
        only_goal=re.compile("|".join(d["only_goal"]), re.IGNORECASE),
        at_least=comp(d["goals_at_least"]), one_goal=comp(d["one_goal"]),
        conceded=comp(d["conceded"]), clean_sheet=comp(d["clean_sheet"]),
        player_goals=re.compile(r"\b(?:(?:a|his|her) (?:[\w-]+ )?(?P<w>" + "|".join(map(re.escape, d["player_goals"]))
                                + r"))\b", re.IGNORECASE),
        tallies={k.lower(): v for k, v in d["player_goals"].items()}, numbers=numbers,
        not_scored=re.compile(d["not_scored"], re.IGNORECASE), unowned=comp(d["unowned_at_least"]),
        attribute=re.compile(d["attribute_after"], re.IGNORECASE),
        running_up=comp(d["running_up"]), running_down=comp(d["running_down"]),
        running_unowned=comp(d["running_unowned"]),
        draw_total=re.compile(d["draw_total"], re.IGNORECASE), scorer_list=tuple(re.compile(x) for x in d["scorer_list"]),
        sides=re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE),
        home_words=frozenset(w.lower() for w in d["home_words"]))


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    text: str  # the sentence with the teams as @H and @A
    lead: bool


def counted_score(article: Article, found: tuple[Mention, ...], pair: tuple[str, str],
                  reads: list[Read]) -> Score | None:
    """The score from the winner the report names and the goals it narrates, or None."""
    p = _phrases()
    told = _sentences(article, found, pair)
    winner, span = _outcome(told)
    if winner is None:
        return None
    lead_end = max((s.end for s in told if s.lead), default=0)
    unowned = next((r for r in reads if r.team is None and r.line is None and r.goals[0] != r.goals[1]
                    and r.near <= set(pair) and r.span[0] < lead_end), None)
    if unowned is not None and winner != "draw":
        high, low = max(unowned.goals), min(unowned.goals)
        return Score(*((high, low) if winner == "@H" else (low, high)), unowned.span)
    goals, only = _goals(told, winner)
    if winner == "draw":
        n = max(goals.values(), default=0)
        for s in told:
            total = p.draw_total.search(s.text) if s.lead else None
            if total:
                n = max(n, p.numbers[total["n"].lower()] // 2)
        return Score(n, n, span)
    if only:
        return Score(*((1, 0) if winner == "@H" else (0, 1)), span)
    loser = "@A" if winner == "@H" else "@H"
    win, lose = max(goals[winner], goals[loser] + 1), goals[loser]
    return Score(*((win, lose) if winner == "@H" else (lose, win)), span)


def _sentences(article: Article, found: tuple[Mention, ...], pair: tuple[str, str]) -> list[_Sentence]:
    """Each sentence with the pair's mentions (and "the hosts", "the visitors") as @H/@A
    and any other team as @O."""
    p = _phrases()
    text = article.fold
    tag = {pair[0]: "@H", pair[1]: "@A"}
    spots = [(m.start, m.end, tag.get(m.team, "@O")) for m in found
             if m.strength != "stadium" or not m.venue]
    spots += [(s.start(), s.end(), "@H" if s[0].lower() in p.home_words else "@A") for s in p.sides.finditer(text)]
    spots.sort()
    out = []
    body = [s for s in sentences(article) if s[0] >= article.title_end]
    lead_end = body[LEAD_SENTENCES - 1][1] if len(body) >= LEAD_SENTENCES else len(text)
    for start, end in sentences(article):
        if other_occasion(text, start, end):
            continue
        parts, at = [], start
        mine = [s for s in spots if start <= s[0] and s[1] <= end]
        for s, e, t in mine:
            if s < at:
                continue
            parts.append(re.sub(r"\bthe $", "", text[at:s], flags=re.IGNORECASE))
            parts.append(t)
            at = e
        parts.append(text[at:end])
        templated = _pronouns("".join(parts), text, [x for x in mine if x[2] != "@O"], start)
        out.append(_Sentence(start, end, templated, start < lead_end))
    return out


def _pronouns(templated: str, text: str, mine: list[tuple[int, int, str]], start: int) -> str:
    """"they"/"their" stand for the sentence's one subject team, when it has one and no
    relative clause ("a side who suffered their first defeat") comes between them."""
    subjects = {t for s, _, t in mine if not preposition_before(text, s, start)}
    if len(subjects) != 1:
        return templated
    team = next(iter(subjects))

    def resolve(m: re.Match[str]) -> str:
        tag = templated.rfind(team, 0, m.start())
        if tag < 0 or NEW_CLAUSE.search(templated, tag, m.start()):
            return m[0]
        return team + "'s" if m[0].lower() == "their" else team

    return PRONOUN.sub(resolve, templated)


def _outcome(told: list[_Sentence]) -> tuple[str | None, tuple[int, int] | None]:
    """"@H", "@A", "draw" or None: the result the words of the report give, lead first."""
    p = _phrases()
    votes: dict[str, float] = defaultdict(float)
    first: dict[str, tuple[int, int]] = {}
    for s in told:
        weight = LEAD_FACTOR if s.lead else 1.0
        for outcome in _outcomes(p, s.text):
            votes[outcome] += weight
            first.setdefault(outcome, (s.start, s.end))
    if not votes:
        return None, None
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None, None
    return ranked[0][0], first[ranked[0][0]]


def _outcomes(p: _Phrases, sentence: str) -> Iterator[str]:
    for pattern in p.won:
        for m in _happened(p, pattern, sentence):
            yield m["t"]
    for pattern in p.lost:
        for m in _happened(p, pattern, sentence):
            yield "@A" if m["t"] == "@H" else "@H"
    for pattern in p.drew:
        for m in _happened(p, pattern, sentence):
            if m.groupdict().get("t") or _nearest_tag(sentence, m.start()) in ("@H", "@A"):
                yield "draw"
    if p.only_goal.search(sentence) and (subject := _subject_tag(sentence)):
        yield subject  # "Koscielny ensured Arsenal of a place ... with the only goal"


def _nearest_tag(sentence: str, pos: int) -> str | None:
    tags = re.findall(r"@[HAO]", sentence[:pos])
    return tags[-1] if tags else None


def _subject_tag(sentence: str) -> str | None:
    """The first of @H/@A in a sentence that no preposition governs."""
    for m in re.finditer(r"@[HA]", sentence):
        if not re.search(r"\b(?:at|to|against|over|with|by|for|from|of|on|in|past|than|beat|and)\s+$",
                         sentence[:m.start()], re.IGNORECASE):
            return m[0]
    return None


def _goals(told: list[_Sentence], winner: str) -> tuple[dict[str, int], bool]:
    """At least how many goals each side scored, and whether "the only goal" was said."""
    p = _phrases()
    goals: dict[str, int] = defaultdict(int)
    nil: set[str] = set()
    only = False

    def at_least(side: str, n: int) -> None:
        goals[side] = max(goals[side], n)

    for s in told:
        only = only or bool(p.only_goal.search(s.text))
        for pattern in p.at_least:
            for m in _happened(p, pattern, s.text):
                at_least(m["t"], _number(p, m.groupdict().get("n")))
        for pattern in p.one_goal:
            for m in _happened(p, pattern, s.text):
                at_least(m["t"], 1)
        for pattern in p.conceded:
            for m in pattern.finditer(s.text):
                at_least("@A" if m["t"] == "@H" else "@H", 1)
        for pattern in p.clean_sheet:
            for m in pattern.finditer(s.text):
                nil.add("@A" if m["t"] == "@H" else "@H")
        if winner in ("@H", "@A"):
            for pattern in p.unowned:
                for m in _happened(p, pattern, s.text):
                    at_least(winner, _number(p, m["n"]))
        for pattern, sign in [(x, 1) for x in p.running_up] + [(x, -1) for x in p.running_down]:
            for m in pattern.finditer(s.text):
                lead, trail = max(int(m["x"]), int(m["y"])), min(int(m["x"]), int(m["y"]))
                other = "@A" if m["t"] == "@H" else "@H"
                at_least(m["t"], lead if sign > 0 else trail)
                at_least(other, trail if sign > 0 else lead)
        if winner in ("@H", "@A", "draw"):
            for pattern in p.running_unowned:
                for m in pattern.finditer(s.text):
                    lead, trail = max(int(m["x"]), int(m["y"])), min(int(m["x"]), int(m["y"]))
                    first = "@H" if winner == "draw" else winner
                    at_least(first, lead)
                    at_least("@A" if first == "@H" else "@H", lead if winner == "draw" else trail)
        subject = winner if winner in ("@H", "@A") else _subject_tag(s.text)
        if s.lead and subject:
            at_least(subject, _told_in_one_sentence(p, s.text, subject))
    for side in nil:
        goals[side] = 0
    return goals, only


def _told_in_one_sentence(p: _Phrases, sentence: str, side: str) -> int:
    """Goals a lead sentence gives ``side``: a player's tally or a list of scorers, plus a
    goal told apart from them ("X blasted @A into the lead and strikes by Y and Z ...")."""
    count, spans = 0, []
    tally = p.player_goals.search(sentence)
    if tally:
        count, spans = p.tallies[tally["w"].lower()], [tally.span()]
    for pattern in p.scorer_list:
        listed = pattern.search(sentence)
        if listed:
            count, spans = len(re.split(r",\s*|,?\s+and\s+", listed["names"])), [listed.span()]
    if count:
        for pattern in p.one_goal:
            for m in _happened(p, pattern, sentence):
                if m["t"] == side and all(m.end() <= a or m.start() >= b for a, b in spans):
                    return count + 1
    return count


def _happened(p: _Phrases, pattern: re.Pattern[str], sentence: str) -> Iterator[re.Match[str]]:
    """Matches not preceded by "almost", "should have", "failed to"... and not ending on a
    team that only describes something of it ("beat @H defence")."""
    for m in pattern.finditer(sentence):
        if p.not_scored.search(sentence, max(0, m.start() - 40), m.start()):
            continue
        if m.groupdict().get("t") and m.end("t") == m.end() and p.attribute.match(sentence, m.end()):
            continue
        yield m


def _number(p: _Phrases, word: str | None) -> int:
    """A count from an ordinal or number word; "doubled the lead" (no word) is two."""
    if word is None:
        return 2
    return int(word) if word.isdigit() else p.numbers[word.lower()]
