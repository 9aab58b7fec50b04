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
from .result import Read, tells_shootout
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
    if winner != "draw" and any(tells_shootout(s.text) and "@O" not in s.text for s in told):
        winner = "draw"  # a match won on penalties was drawn, whoever "prevailed"
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
        subject = winner if winner in ("@H", "@A") else subject_tag(s.text)
        if s.lead and subject:
            at_least(subject, _told_in_one_sentence(p, s.text, subject))
    for side, n in _tally(p, told, winner).items():
        at_least(side, n)
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


def _running_scores(p: Phrases, sentence: str, winner: str) -> list[dict[str, int]]:
    """The scores along the way a sentence tells ("with @H 2-1 up", "made it 3-1"), in its
    order; one with no team is the winner's lead (in a draw, the higher number for both)."""
    found = []
    for group, sign in ((p.running_up, 1), (p.running_down, -1)):
        for m in happened_in(p, group, sentence):
            lead, trail = max(int(m["x"]), int(m["y"])), min(int(m["x"]), int(m["y"]))
            team = tag(sentence, m)
            mine, theirs = (lead, trail) if sign > 0 else (trail, lead)
            found.append((m.start(), {team: mine, _other(team): theirs}))
    if winner in ("@H", "@A", "draw"):
        first = "@H" if winner == "draw" else winner
        for m in happened_in(p, p.running_unowned, sentence):
            lead, trail = max(int(m["x"]), int(m["y"])), min(int(m["x"]), int(m["y"]))
            found.append((m.start(), {first: lead, _other(first): lead if winner == "draw" else trail}))
    return [score for _, score in sorted(found, key=lambda f: f[0])]


def _tally(p: Phrases, told: list[Sentence], winner: str) -> dict[str, int]:
    """Goals told one after another: from a score along the way ("made it 2-0"), each later
    sentence's further goal ("@A pulled one back", "put the game beyond doubt" for the winner)
    adds one to its side, until the next score along the way; each side scored at least the
    most it reached.
    A sentence that tells a score along the way tells no further goal on top of it; a further
    goal the score before does not allow (pulling one back from level, putting beyond doubt
    from behind) leaves the tally unknown until the next score along the way."""
    score: dict[str, int] = {}
    most: dict[str, int] = defaultdict(int)
    for s in told:
        running = _running_scores(p, s.text, winner)
        if running:
            score = dict(running[-1])
        elif score:
            score = _add_further_goals(p, s.text, winner, score)
        for reached in running or [score]:
            for side, n in reached.items():
                most[side] = max(most[side], n)
    return most


def _add_further_goals(p: Phrases, sentence: str, winner: str, score: dict[str, int]) -> dict[str, int]:
    """``score`` after the further goals of ``sentence``, or {} when one contradicts it."""
    score = dict(score)
    further = [(m.start(), tag(sentence, m), False) for m in happened_in(p, p.further, sentence)]
    if winner in ("@H", "@A"):
        further += [(m.start(), winner, True) for m in happened_in(p, p.further_winner, sentence)
                    if nearest_tag(sentence, m.start()) != "@O"]  # not another team's rout
    for _, side, clinching in sorted(further):
        was_ahead = score[side] > score[_other(side)]
        score[side] += 1
        if not (was_ahead if clinching else score[side] < score[_other(side)]):
            return {}  # beyond doubt from behind, or one back that did not leave the side behind
    return score


def _other(side: str) -> str:
    return "@A" if side == "@H" else "@H"


def _number(p: Phrases, word: str | None) -> int:
    """A count from an ordinal or number word; "doubled the lead" (no word) is two."""
    if word is None:
        return 2
    return int(word) if word.isdigit() else p.numbers[word.lower()]
