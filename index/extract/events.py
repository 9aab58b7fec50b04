"""Match events with the player who did them and the minute.

Event phrases live in ``data/events.json``; each rule names where its
actor is (see :mod:`.actors`), so "Samir Handanovic was equal to Luis
Muriel's spot kick" gives a penalty save to Handanovic and a missed
penalty to Muriel. Phrases that did not happen ("should have levelled",
"almost hit the post") are dropped by the rule's ``modal`` cue words.
Line-up blocks add what they list: bookings and substitutions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from .. import knowledge
from ..normalise import Article
from ..record import Event, Facts, Span
from .actors import Mentions, Ref, object_cue
from .beginnings import Guarded
from .lineups import sides
from . import onepass
from .minutes import Said, assign, stated
from .onepass import Matches
from .pipeline import stage

TEAM_IN_PHRASE = ("goal", "penalty_goal")
GOAL_PHRASES = ("goal", "penalty_goal", "own_goal")
NAMED_ONLY = ("adjacent", "inside", "after_list")
FOR_TEAM = re.compile(r" (?:[\w\-]+ ){0,3}?for (?:the )?")
SENTENCE_END = re.compile(r"[.!?]\s|\n")
ADVERB_ASIDE = re.compile(r"\s*(?:,\s*(?:though|however|then|meanwhile|eventually|finally|instead|in turn)\s*,)?\s*"
                          r"(?:(?:then|eventually|finally|soon|quickly|duly|deservedly|briefly|again)\s+)?")
SPECIFIC_GOALS = ("penalty_goal", "own_goal", "penalty_missed", "penalty_saved", "disallowed_goal")


@dataclass(frozen=True)
class Rule:
    """An event phrase. ``pattern`` reads the lower-cased text, which is much faster than
    ignoring case; a phrase that looks at capitals ignores case and reads the text itself."""

    type: str
    pattern: re.Pattern[str]
    actor: str
    requires: re.Pattern[str] | None
    not_after: re.Pattern[str] | None


@cache
def rules() -> tuple[Rule, ...]:
    """The event rules from ``data/events.json``, compiled once."""
    def opt(raw: str | None) -> re.Pattern[str] | None:
        return re.compile(raw, re.IGNORECASE) if raw else None

    raw = knowledge.data_json("events.json")
    words = {name: knowledge.trie_pattern(sorted(ws)) for name, ws in raw["words"].items()}

    def expand(pattern: str) -> str:
        return re.sub(r"\{([A-Z_]+)\}", lambda m: words[m[1]], pattern)

    out = []
    for r in raw["rules"]:
        source = r"\b(?:" + expand(r["pattern"]) + r")(?![\w\-])"
        pattern = re.compile(source, re.IGNORECASE if "(?-i:" in source else 0)
        out.append(Rule(r["type"], pattern, r["actor"], opt(r.get("requires")), opt(r.get("not_after"))))
    return tuple(out)


def _found(text: str) -> tuple[list[Matches], list[Matches], dict[str, Matches]]:
    """Each rule's matches, each minute phrase's and each side's ("the hosts"), from the pass
    over the words of ``text`` (:mod:`.onepass`)."""
    return (onepass.found("event rules", text), onepass.found("minute phrases", text),
            dict(zip(_sides(), onepass.found("side nouns", text))))


@cache
def _goal_not_after() -> tuple[Guarded, ...]:
    """What, said right after a goal phrase, makes it no goal ("headed in, but it was ruled out")."""
    raw = knowledge.data_json("events.json")
    return tuple(Guarded.of(re.compile(raw[k], re.IGNORECASE)) for k in ("goal_not_after", "goal_not_after_far"))


@cache
def _other_match() -> re.Pattern[str]:
    """A sentence opening that tells of another match ("Twenty years ago", "Last season")."""
    return re.compile(knowledge.data_json("events.json")["goal_not_in_opening"], re.IGNORECASE)


@cache
def _modal() -> Guarded:
    return Guarded.of(re.compile(knowledge.data_json("events.json")["modal"], re.IGNORECASE))


def team_mentions(text: str, facts: Facts, sides: dict[str, Matches]) -> list[tuple[Span, str]]:
    """Where the text names one of the match's teams, by name or as "the hosts" and "the visitors"
    (``sides``: where each side's nouns are)."""
    match_teams = tuple(t.name for t in facts.teams)
    out = []
    for h in knowledge.teams().find(text):
        named = [t for t in h.teams if t in match_teams]
        if h.strength in ("name", "nickname", "weak") and len(named) == 1:
            out.append(((h.start, h.end), named[0]))
    for side, matches in sides.items():
        team = facts.home if side == "home" else facts.away
        if team is not None:
            out += [(m.span(), team.name) for m in matches]
    return sorted(out)


@cache
def _sides() -> dict[str, re.Pattern[str]]:
    raw = knowledge.data_json("events.json")["actors"]
    return {side: re.compile(r"\b(?:" + "|".join(map(re.escape, raw[f"{side}_nouns"])) + r")\b", re.IGNORECASE)
            for side in ("home", "away")}


onepass.reads("event rules", lambda: [r.pattern for r in rules()])
onepass.reads("side nouns", lambda: list(_sides().values()))


@stage("events")
def events(article: Article, facts: Facts) -> dict[str, Any]:
    text = article.fold
    rule_matches, minute_matches, side_matches = _found(text)
    teams_at = team_mentions(text, facts, side_matches)
    index = Mentions(text, facts.players, teams_at)
    said = stated(minute_matches)
    found: list[Event] = []
    for rule, matches in zip(rules(), rule_matches):
        for m in matches:
            sentence = index.sentence(m.start())
            if not _happened(rule, text, m, sentence):
                continue
            actors = index.actor(m.span(), rule.actor) if rule.actor != "none" else []
            if not actors and rule.actor in NAMED_ONLY:
                continue  # "an equaliser" alone tells of no goal; "a Kone winner" does
            phrase_team = _team_inside(text, teams_at, m.span()) if rule.type in TEAM_IN_PHRASE else None
            for ref in actors or [Ref(m.span(), None)]:
                player = ref.player
                team = phrase_team or (player.team if player else None)
                found.append(Event(rule.type, player.name if player else None, team, None, m.span()))
    found = _dated(found, said, text, index)
    found += _listed(article, facts)
    found.sort(key=lambda e: e.span or (0, 0))
    return {"events": tuple(_dedupe(found, text))}


def _happened(rule: Rule, text: str, m: re.Match[str], sentence: Span) -> bool:
    """Did the phrase happen: its cue word is there, and no "almost" or "should have" says otherwise."""
    if rule.requires:
        cue = rule.requires.search(text, sentence[0], sentence[1])
        if cue is None or _modal().search(text[max(sentence[0], cue.start() - 60):cue.start()]):
            return False
    if rule.not_after and rule.not_after.search(text[m.end():m.end() + 40]):
        return False
    if rule.type in TEAM_IN_PHRASE and any(p.search(text[m.end():sentence[1]]) for p in _goal_not_after()):
        return False
    if rule.type in GOAL_PHRASES and _other_match().match(text, sentence[0], m.start()):
        return False
    return not _modal().search(text[max(sentence[0], m.start() - 60):m.start()])


def _dated(found: list[Event], said: list[Said], text: str, index: Mentions) -> list[Event]:
    """Events with the minute their sentence states for them."""
    phrases = sorted({(e.span[0], index.sentence(e.span[0])) for e in found if e.span})
    minutes = assign(said, text, phrases)
    return [replace(e, minute=minutes.get(e.span[0])) if e.span else e for e in found]


def _team_inside(text: str, teams_at: list[tuple[Span, str]], span: Span) -> str | None:
    """"to put Inter ahead", "Arsenal made it 3-0", "Arsenal, though, swept into the lead", "scored
    for Chelsea": the team a goal phrase names."""
    inside = [team for (s, e), team in teams_at
              if span[0] <= s and e <= span[1]
              or e <= span[0] and ADVERB_ASIDE.fullmatch(text, e, span[0]) and not object_cue(text, s)
              or span[1] <= s and FOR_TEAM.fullmatch(text, span[1], s)]
    return inside[0] if len(set(inside)) == 1 else None


def _listed(article: Article, facts: Facts) -> list[Event]:
    """Bookings and substitutions from line-up blocks."""
    out = []
    by_span = {span: p for p in facts.players for span in p.spans}
    for side in sides(article.fold, facts):
        for kind, name, span, minute in side.events:
            player = by_span.get(span)
            out.append(Event(kind, player.name if player else name, side.team, minute, span))
    return out


def _sentence_between(text: str, a: Span, b: Span) -> bool:
    first, second = sorted((a, b))
    return bool(SENTENCE_END.search(text, first[1], max(first[1], second[0])))


def _dedupe(found: list[Event], text: str) -> list[Event]:
    """One event per type and actor per sentence, with what each phrase knew of it.

    A penalty or own goal phrase says more than a plain goal phrase over the same words, and
    "an own goal from De Guzman put them ahead" is one goal, the own goal.
    """
    specific = [e.span for e in found if e.type in SPECIFIC_GOALS and e.span]
    own = [e for e in found if e.type == "own_goal" and e.span]
    found = [e for e in found if not (e.type == "goal" and e.span and (
        any(s < e.span[1] and e.span[0] < t for s, t in specific)
        or any(o.player == e.player and not _sentence_between(text, o.span, e.span) for o in own)))]
    out: list[Event] = []
    for e in found:
        twin = next((o for o in out if o.type == e.type and o.span and e.span
                     and abs(o.span[0] - e.span[0]) < 100 and not _sentence_between(text, o.span, e.span)
                     and (o.player == e.player or o.player is None or e.player is None)), None)
        if twin is None:
            out.append(e)
        else:
            out[out.index(twin)] = replace(twin, player=twin.player or e.player, team=twin.team or e.team,
                                           minute=twin.minute if twin.minute is not None else e.minute)
    return out

