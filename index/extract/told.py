"""The sentences of a report as narration reads them, and the phrases it reads them with.

Narration's phrases (``data/narration.json``) are written over sentences in
which the home team reads ``@H``, the away team ``@A`` and any other team
``@O``: "the hosts" is ``@H`` as much as the home team's name is, and "they"
is the sentence's one subject team. This module builds those sentences once.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from .. import knowledge
from ..caseless import Caseless, Gated, Keys
from ..normalise import Article
from .mentions import Mention, sentences
from .orient import other_occasion_asides, preposition_before

LEAD_SENTENCES = 3
GROUPS = ("won", "lost", "drew", "goals_at_least", "one_goal", "conceded", "clean_sheet", "unowned_at_least",
          "running_up", "running_down", "running_unowned", "chasing_at_least", "ahead_again", "came_back", "level",
          "further_goal", "further_goal_winner")  # the phrases of data/narration.json read as groups

TEAM = r"(?P<t>@[HA])"
PRONOUN = re.compile(r"\b(?:they|them)\b|\btheir\b", re.IGNORECASE)
CUE_CHARS = 64  # how far before a phrase its "almost", "prevented X from" may start
NEW_CLAUSE = Caseless(r"\b(?:who|which|whose|whom)\b")
PERSON_CLAUSE = re.compile(r"\b(?i:when|after|before|while|until|as)\s+[A-Z]")  # "when Lukaku ..."
THE_BEFORE = re.compile(r"\bthe $", re.IGNORECASE)
GOVERNED = Caseless(r"\b(?:at|to|against|over|with|by|for|from|of|on|in|past|than|beat|and)\s+$")


@dataclass(frozen=True)
class Phrases:
    won: Gated
    lost: Gated
    drew: Gated
    only_goal: Caseless
    at_least: Gated
    one_goal: Gated
    conceded: Gated
    clean_sheet: Gated
    player_goals: Caseless
    player_tallies: tuple[Caseless, ...]
    tallies: dict[str, int]
    not_scored: Caseless
    not_scored_inside: Caseless
    attribute: Caseless
    unowned: Gated
    running_up: Gated
    running_down: Gated
    running_unowned: Gated
    chasing: Gated
    ahead_again: Gated
    came_back: Gated
    level: Gated
    further: Gated
    further_winner: Gated
    draw_total: Caseless
    scorer_list: tuple[re.Pattern[str], ...]
    numbers: dict[str, int]
    sides: Caseless
    home_words: frozenset[str]


@cache
def phrases() -> Phrases:
    d = knowledge.data_json("narration.json")
    numbers = d["numbers"]
    ordinal = "(?P<n>" + "|".join(w for w, n in numbers.items() if w.endswith(("nd", "rd", "th"))) + ")"
    count = "(?P<n>" + "|".join(w for w in numbers if not w.endswith(("nd", "rd", "th"))) + r"|\d)"

    not_count = r"(?![ -](?:" + "|".join(d["ordinal_not_before"]) + "))"  # "third successive", "seventh penalty"

    def written(p: str) -> str:
        return p.replace("{T}", TEAM).replace("{ORD}", ordinal).replace("{NOT_COUNT}", not_count).replace("{N}", count)

    groups = {name: [Caseless(written(p)) for p in d[name]] for name in GROUPS}
    # every group reads the same sentences: one scan of each for the keys of all
    keys = Keys(k for group in groups.values() for p in group for k in p.keys or ())

    def comp(name: str) -> Gated:
        return Gated(groups[name], keys)

    words = d["home_words"] + d["away_words"]
    return Phrases(
        won=comp("won"), lost=comp("lost"), drew=comp("drew"),
        only_goal=Caseless("|".join(d["only_goal"])),
        at_least=comp("goals_at_least"), one_goal=comp("one_goal"),
        conceded=comp("conceded"), clean_sheet=comp("clean_sheet"),
        player_goals=Caseless(r"\b(?:(?:a|his|her) (?:[\w-]+ )?(?P<w>" + "|".join(map(re.escape, d["player_goals"]))
                              + r"))\b"),
        player_tallies=tuple(Caseless(x.replace("{N}", count)) for x in d["player_tallies"]),
        tallies={k.lower(): v for k, v in d["player_goals"].items()}, numbers=numbers,
        not_scored=Caseless(d["not_scored"]), unowned=comp("unowned_at_least"),
        not_scored_inside=Caseless(d["not_scored_inside"]),
        attribute=Caseless(d["attribute_after"]),
        running_up=comp("running_up"), running_down=comp("running_down"),
        running_unowned=comp("running_unowned"), chasing=comp("chasing_at_least"),
        ahead_again=comp("ahead_again"), came_back=comp("came_back"), level=comp("level"),
        further=comp("further_goal"), further_winner=comp("further_goal_winner"),
        draw_total=Caseless(d["draw_total"]), scorer_list=tuple(re.compile(x) for x in d["scorer_list"]),
        sides=Caseless(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b"),
        home_words=frozenset(w.lower() for w in d["home_words"]))


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str  # the sentence with the teams as @H and @A
    lead: bool


def told_sentences(article: Article, found: tuple[Mention, ...], pair: tuple[str, str]) -> list[Sentence]:
    """Each sentence with the pair's mentions (and "the hosts", "the visitors") as @H/@A
    and any other team as @O; not the sentences about another match or time, and not their
    asides about one (", who scored against Tottenham last weekend,")."""
    p = phrases()
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
        asides = other_occasion_asides(text, start, end)
        if asides is None:
            continue
        parts, at = [], start
        mine = [s for s in spots if start <= s[0] and s[1] <= end
                and not any(a <= s[0] < b for a, b in asides)]
        for s, e, t in sorted(mine + [(a, b, "") for a, b in asides]):  # an aside reads as nothing
            if s < at:
                continue
            parts.append(THE_BEFORE.sub("", text[at:s]) if t else text[at:s])
            parts.append(t)
            at = e
        parts.append(text[at:end])
        templated = _pronouns("".join(parts), text, [x for x in mine if x[2] != "@O"], start)
        out.append(Sentence(start, end, templated, start < lead_end))
    return out


def _pronouns(templated: str, text: str, mine: list[tuple[int, int, str]], start: int) -> str:
    """"they"/"their" stand for the sentence's one subject team, when it has one and no
    relative clause ("a side who suffered their first defeat") comes between them; "their"
    not when a person's clause does ("were exposed when Lukaku stroked home their second" is
    Lukaku's side's second, while "as Collison's strike secured them the points" is theirs)."""
    subjects = {t for s, _, t in mine if not preposition_before(text, s, start)}
    if len(subjects) != 1:
        return templated
    team = next(iter(subjects))

    def resolve(m: re.Match[str]) -> str:
        tag = templated.rfind(team, 0, m.start())
        if tag < 0 or NEW_CLAUSE.search(templated, tag, m.start()):
            return m[0]
        if m[0].lower() == "their" and PERSON_CLAUSE.search(templated, tag, m.start()):
            return m[0]  # a person's goal tells whose it was, not the sentence's subject
        return team + "'s" if m[0].lower() == "their" else team

    return PRONOUN.sub(resolve, templated)


def nearest_tag(sentence: str, pos: int) -> str | None:
    tags = re.findall(r"@[HAO]", sentence[:pos])
    return tags[-1] if tags else None


def subject_tag(sentence: str) -> str | None:
    """The first of @H/@A in a sentence that no preposition governs."""
    for m in re.finditer(r"@[HA]", sentence):
        if not GOVERNED.search(sentence, 0, m.start()):
            return m[0]
    return None


def tag(sentence: str, m: re.Match[str]) -> str:
    """The team (@H or @A) a phrase of :class:`Phrases` matched, as ``sentence`` writes it."""
    return sentence[m.start("t"):m.end("t")]


def happened_in(p: Phrases, group: Gated | Caseless, sentence: str) -> Iterator[re.Match[str]]:
    """Matches of each pattern of ``group`` not preceded (or interrupted) by "almost", "should
    have", "failed to"... and not ending on a team that only describes something of it ("beat
    @H defence")."""
    for m in group.finditer(sentence):
        if p.not_scored.search(sentence, max(0, m.start() - CUE_CHARS), m.start()) \
                or p.not_scored_inside.search(sentence, m.start(), m.end()):
            continue
        if m.groupdict().get("t") and m.end("t") == m.end() and p.attribute.match(sentence, m.end()):
            continue
        yield m
