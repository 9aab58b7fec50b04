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

from ..normalise import Article
from ..record import Score
from .mentions import Mention
from .result import Read
from .told import Phrases, Sentence, happened_in, nearest_tag, phrases, subject_tag, tag, told_sentences

LEAD_FACTOR = 3.0


def counted_score(article: Article, found: tuple[Mention, ...], pair: tuple[str, str],
                  reads: list[Read]) -> Score | None:
    """The score from the winner the report names and the goals it narrates, or None."""
    p = phrases()
    told = told_sentences(article, found, pair)
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
    loser = _other(winner)
    win, lose = max(goals[winner], goals[loser] + 1), goals[loser]
    return Score(*((win, lose) if winner == "@H" else (lose, win)), span)


def _outcome(told: list[Sentence]) -> tuple[str | None, tuple[int, int] | None]:
    """"@H", "@A", "draw" or None: the result the words of the report give, lead first."""
    p = phrases()
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


def _outcomes(p: Phrases, sentence: str) -> Iterator[str]:
    for m in happened_in(p, p.won, sentence):
        yield tag(sentence, m)
    for m in happened_in(p, p.lost, sentence):
        yield _other(tag(sentence, m))
    for m in happened_in(p, p.drew, sentence):
        if m.groupdict().get("t") or nearest_tag(sentence, m.start()) in ("@H", "@A"):
            yield "draw"
    if p.only_goal.search(sentence) and (subject := subject_tag(sentence)):
        yield subject  # "Koscielny ensured Arsenal of a place ... with the only goal"


def _goals(told: list[Sentence], winner: str) -> tuple[dict[str, int], bool]:
    """At least how many goals each side scored, and whether "the only goal" was said."""
    p = phrases()
    goals: dict[str, int] = defaultdict(int)
    nil: set[str] = set()
    only = False

    def at_least(side: str, n: int) -> None:
        goals[side] = max(goals[side], n)

    for s in told:
        only = only or bool(p.only_goal.search(s.text))
        for m in happened_in(p, p.at_least, s.text):
            at_least(tag(s.text, m), _number(p, m.groupdict().get("n")))
        for m in happened_in(p, p.one_goal, s.text):
            at_least(tag(s.text, m), 1)
        for m in happened_in(p, p.chasing, s.text):
            at_least(tag(s.text, m), _number(p, m["n"]) - 1)
        for m in happened_in(p, p.ahead_again, s.text):
            team, n = tag(s.text, m), _number(p, m["n"])
            at_least(team, n)
            at_least(_other(team), n - 1)
        for m in happened_in(p, p.came_back, s.text):
            for side in ("@H", "@A"):
                at_least(side, _number(p, m["n"]))
        for m in happened_in(p, p.level, s.text):
            if m.groupdict().get("t") or nearest_tag(s.text, m.start()) != "@O":
                at_least("@H", 1)
                at_least("@A", 1)
        for m in happened_in(p, p.conceded, s.text):
            at_least(_other(tag(s.text, m)), 1)
        for m in happened_in(p, p.clean_sheet, s.text):
            nil.add(_other(tag(s.text, m)))
        if winner in ("@H", "@A"):
            for m in happened_in(p, p.unowned, s.text):
                at_least(winner, _number(p, m["n"]))
        for group, sign in ((p.running_up, 1), (p.running_down, -1)):
            for m in happened_in(p, group, s.text):
                lead, trail = max(int(m["x"]), int(m["y"])), min(int(m["x"]), int(m["y"]))
                team = tag(s.text, m)
                other = _other(team)
                at_least(team, lead if sign > 0 else trail)
                at_least(other, trail if sign > 0 else lead)
        if winner in ("@H", "@A", "draw"):
            for m in happened_in(p, p.running_unowned, s.text):
                lead, trail = max(int(m["x"]), int(m["y"])), min(int(m["x"]), int(m["y"]))
                first = "@H" if winner == "draw" else winner
                at_least(first, lead)
                at_least(_other(first), lead if winner == "draw" else trail)
        subject = winner if winner in ("@H", "@A") else subject_tag(s.text)
        if s.lead and subject:
            at_least(subject, _told_in_one_sentence(p, s.text, subject))
    for side in nil:
        goals[side] = 0
    return goals, only


def _told_in_one_sentence(p: Phrases, sentence: str, side: str) -> int:
    """Goals a lead sentence gives ``side``: the tallies of its players ("a hat-trick", "scored
    two late goals", "twice headed home") or its list of scorers, plus a goal told apart from
    them ("X blasted @A into the lead and strikes by Y and Z ...")."""
    found = [(m.span(), p.tallies[m["w"].lower()]) for m in happened_in(p, p.player_goals, sentence)]
    found += [(m.span(), _number(p, m["n"])) for pattern in p.player_tallies
              for m in happened_in(p, pattern, sentence)]
    tallies: list[tuple[tuple[int, int], int]] = []
    for span, n in sorted(found):
        if nearest_tag(sentence, span[0]) in (None, side) and all(span[0] >= b for (_, b), _ in tallies):
            tallies.append((span, n))  # not the other side's man, not told twice
    for pattern in p.scorer_list:
        listed = pattern.search(sentence)
        if listed:
            tallies = [(listed.span(), len(re.split(r",\s*|,?\s+and\s+", listed["names"])))]
    count = sum(n for _, n in tallies)
    if count:
        for m in happened_in(p, p.one_goal, sentence):
            if tag(sentence, m) == side and all(m.end() <= a or m.start() >= b for (a, b), _ in tallies):
                return count + 1
    return count


def _other(side: str) -> str:
    return "@A" if side == "@H" else "@H"


def _number(p: Phrases, word: str | None) -> int:
    """A count from an ordinal or number word; "doubled the lead" (no word) is two."""
    if word is None:
        return 2
    return int(word) if word.isdigit() else p.numbers[word.lower()]
