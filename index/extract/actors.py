"""Who did it: the player an event phrase belongs to.

An event rule says where its actor is named: the ``subject`` of the clause
before the phrase ("Lukaku hit the post"), ``after`` it ("was saved by
Handanovic"), or the ``possessor`` inside it ("equal to Muriel's spot
kick"). The subject is the nearest person before the phrase who is not an
object ("past Gollini", "for Zapata") nor the owner of someone else's
action ("Gary Neville's cross"); failing one, the agent of "through" or
"thanks to" after the phrase, then, when the clause says "he" or "his",
the subject of the sentence before. A hole where a scraped page lost a
linked name (a sentence opening in lower case, "as's penalty") is a
mention of nobody: an event there has no actor rather than a wrong one.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from .. import knowledge
from ..record import Player, Span

@dataclass(frozen=True, slots=True)
class Ref:
    """A person mention (``player`` is ``None`` for a hole) or a team mention."""

    span: Span
    player: Player | None
    team: str | None = None


SENTENCE_BREAK = re.compile(r"[.!?](?=[\"']?\s)|\n")
# A hole: a sentence opening in lower case, or a small word that owns something ("as's penalty")
SENTENCE_OPENS = re.compile(r"(?:[.!?] |\n)(?=[a-z])")
OWNED = re.compile(r"'(?=\w)")
OWNER_HOLE = re.compile(r"\b(?:as|and|but|by|from|with|to|when|after|before|while|for|that|of|then|time|later|"
                        r"until)\Z")
LIST_JOIN = re.compile(r"^(?:,|,? and|,? &)\s+(?:substitute\s+|fellow substitute\s+|defender\s+|midfielder\s+|striker\s+)?$")
HE = re.compile(r"\b(?:and|as|but|when|before|where|then|,) he\b(?!.*\bhe\b)", re.IGNORECASE | re.DOTALL)
PATIENT = re.compile(r"^ (?:was|were|had been|has been) (?:\w+ )?\w+(?:ed|en|wn) by\b")
VERB_NEXT = re.compile(r"^ (?:then |again |also |later |duly |calmly |coolly )?[a-z]+ed\b")
GERUND = re.compile(r"^ (?:then |again |calmly |coolly )?\w+ing\b")
BARE_VERB = re.compile(r"^ [a-z]+\b")
PRONOUN = re.compile(r"\b(?:he|his|him|himself)\b", re.IGNORECASE)
NOT_BLANK = re.compile(r"\S")
HE_OPENS = re.compile(r"\s*(?:He|His)\b")


def holes(text: str) -> list[int]:
    """Where a scraped page lost a linked name (see the module's doc), in order.

    Found from the few places worth a look (sentence ends, apostrophes) rather than by
    a lookbehind tried at every character; a place that is both is listed twice.
    """
    out = [m.end() for m in SENTENCE_OPENS.finditer(text)]
    if "a" <= text[:1] <= "z":
        out.append(0)
    for m in OWNED.finditer(text):
        owner = OWNER_HOLE.search(text, max(0, m.start() - 6), m.start())
        if owner:
            out.append(owner.start())
    return sorted(out)


def _words(key: str) -> str:
    """The cue words ``key`` of ``data/events.json`` as one alternation, a trie: the patterns here only
    tell whether a cue is there, and a trie tells it without trying eighty words at every place."""
    return knowledge.trie_pattern(sorted(knowledge.data_json("events.json")["actors"][key]))


@cache
def _enabler() -> re.Pattern[str]:
    """"for Hernandez to touch home": the words that make the man after them the one who scored."""
    return re.compile(r"\b(?:" + _words("enablers") + r")\s+(?:(?:a|an|the)\s+)?(?:[\w\-]+\s+)?$", re.IGNORECASE)


@cache
def _perceiver() -> re.Pattern[str]:
    """"deserved to see O'Shea prod home": the man after these words did what follows him."""
    return re.compile(r"\b(?:" + _words("perceivers") + r")\s+$", re.IGNORECASE)


@cache
def _team_subject() -> re.Pattern[str]:
    """"the visitors pulled one back": a subject that is a team, not a player."""
    return re.compile(r"\b(?:" + _words("team_nouns") + r")\s+(?:\w+\s+)?$", re.IGNORECASE)


@cache
def _joint() -> re.Pattern[str]:
    """"McManaman and Maloney combined to put the visitors ahead": one move, one goal, and the
    words do not say whose."""
    return re.compile(r"\s+(?:" + _words("joint_verbs") + r")\b", re.IGNORECASE)


@cache
def _place_of() -> re.Pattern[str]:
    """"the middle of Mignolet's goal": the goal a keeper guards, not one he scored."""
    return re.compile(r"\b(?:" + _words("place_prepositions") + r")\s+(?:the\s+)?$")


@cache
def _cues() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    objects = re.compile(r"\b(?:" + _words("object_cues") + r")\s+(?:(?:the|a|an)\s+)?"
                         r"(?:(?!(?:as|and|but|when|while|before|after|then|so|until|which|who)\b)[\w\-]+\s+){0,2}$",
                         re.IGNORECASE)
    not_own = re.compile(r"^'s?\s+(?:[\w\-]+\s+){0,2}?(?:" + _words("not_actor_nouns") + r")\b",
                         re.IGNORECASE)
    agent = re.compile(r"\b(?:" + _words("agent_cues") + r")\s+(?:(?:the|a|an)\s+)?"
                       r"(?:(?!(?:as|and|but|when|while|before|after|then|so|until)\b)[\w\-]+\s+){0,4}$",
                       re.IGNORECASE)
    return objects, not_own, agent


def object_cue(text: str, pos: int) -> bool:
    """Is what starts at ``pos`` the object of the words before it ("past Gollini", "against Fulham")?"""
    objects, _, _ = _cues()
    return bool(objects.search(text, max(0, pos - 50), pos))


@cache
def _modifier() -> re.Pattern[str]:
    """"a David Luiz shot": a name that only qualifies the noun after it."""
    return re.compile(r"^\s+(?:" + _words("modifier_nouns") + r")\b", re.IGNORECASE)


ARTICLE_BEFORE = re.compile(r"\b(?:a|an|the)\s+(?:[\w\-]+\s+){0,2}$", re.IGNORECASE)


@cache
def _epithet() -> re.Pattern[str]:
    """"the Belgian", "the England striker", "the 23-year-old": someone named before."""
    raw = knowledge.data_json("names.json")
    nations = "|".join(sorted(raw["nationalities"].split() + raw["countries"], key=len, reverse=True))
    heads = "|".join(sorted(knowledge.data_json("events.json")["actors"]["epithet_heads"], key=len, reverse=True))
    # the \b written after the first letter lets the regex engine skip to each "t"
    return re.compile(r"[Tt](?<!\w[Tt])he (?:former [A-Z]\w+ )?(?:\d+-year-old |in-form |experienced |young |veteran )?"
                      r"(?:(?:" + nations + r")(?: (?:" + heads + r"))?|(?:[\w\-']+ )?(?:" + heads + r")|\d+-year-old)\b"
                      r"(?! (?:side|team|club|league|champions|national|FA|press|media|giants|of|in|for|who had))")


class Mentions:
    """The report's person, hole and team mentions by position, and its sentences."""

    def __init__(self, text: str, players: tuple[Player, ...], teams: list[tuple[Span, str]]) -> None:
        self.text = text
        refs = [Ref(span, p) for p in players if p.role == "player" for span in p.spans]
        refs += [Ref((pos, pos), None) for pos in holes(text)]
        refs += [Ref(span, None, team) for span, team in teams]
        self._set(refs)
        self.breaks = [m.start() for m in SENTENCE_BREAK.finditer(text)]
        self._set(refs + self._epithets())

    def _set(self, refs: list[Ref]) -> None:
        self.refs = sorted(refs, key=lambda r: r.span)
        self.starts = [r.span[0] for r in self.refs]

    def _epithets(self) -> list[Ref]:
        """"the Belgian", "the German": the player last spoken of, as the subject of his sentence."""
        out = []
        for m in _epithet().finditer(self.text):
            s_start = self.sentence(m.start())[0]
            earlier = [r for r in self.between(s_start, m.start()) if r.player and not self._owner(r)]
            found = earlier[-1:] or self._previous_subject(s_start)
            if found:
                out.append(Ref(m.span(), found[0].player))
        return out

    def sentence(self, pos: int) -> Span:
        """The sentence around ``pos``."""
        i = bisect_left(self.breaks, pos)
        start = self.breaks[i - 1] + 1 if i > 0 else 0
        end = self.breaks[i] if i < len(self.breaks) else len(self.text)
        return start, end

    def _position(self, r: Ref) -> int:
        """``self.refs.index(r)``, found by where ``r`` starts rather than by comparing every mention."""
        i = bisect_left(self.starts, r.span[0])
        while not (self.refs[i] is r or self.refs[i] == r):
            i += 1
        return i

    def between(self, start: int, end: int) -> list[Ref]:
        return self.refs[bisect_left(self.starts, start):bisect_left(self.starts, end)]

    def actor(self, span: Span, side: str) -> list[Ref]:
        """The mention(s) that did what the phrase at ``span`` says (several when coordinated)."""
        s_start, s_end = self.sentence(span[0])
        if side == "possessor":
            owners = [r for r in self.between(span[0] - 60, span[1])
                      if r.player and span[0] < r.span[1] < span[1] and self.text.startswith("'", r.span[1])][:1]
            # "the middle of Mignolet's goal" is a place, not Mignolet's doing; the phrase's own
            # words ("either side of Sturridge's strike") are not
            places = (_place_of().search(self.text, max(s_start, r.span[0] - 30), r.span[0]) for r in owners)
            return [r for r, place in zip(owners, places) if place is None or place.start() >= span[0]]
        if side == "after":
            return [r for r in self.between(span[1], s_end) if r.team is None][:1]
        if side == "after_list":
            return self._listed_after(span[1], s_end)
        if side == "inside":
            return [r for r in self.between(span[0], span[1]) if r.player
                    and r.span[1] <= span[1] and not self.text.startswith("'", r.span[1])][:1]
        if side == "adjacent":
            return [r for r in self.between(span[0] - 60, span[0]) if r.player and r.span[1] == span[0] - 1][:1]
        if side != "subject":
            return []
        subject = None if _team_subject().search(self.text, s_start, span[0]) else (
            self._apposed(s_start, span[0]) or self._subject(s_start, span[0]))
        if subject and subject.team is None:
            return self._coordinated(subject, s_start)
        agent = self._agent(span[1], s_end)
        if agent:
            return [agent]
        if PRONOUN.search(self.text[s_start:span[0]]):
            return self._previous_subject(s_start, topic=False)
        return []

    def _subject(self, start: int, end: int) -> Ref | None:
        """The nearest mention before ``end`` that can be the clause's subject.

        A name that only qualifies a noun ("a David Luiz shot") is taken only when no other fits.
        """
        return self._nearest(start, end, strict=True) or self._nearest(start, end, strict=False)

    def _nearest(self, start: int, end: int, strict: bool) -> Ref | None:
        objects, not_own, _ = _cues()
        he = HE.search(self.text, start, end)
        if he and not any(self._may_act(r, start) for r in self.between(he.end(), end)):
            # "Marveaux picked out Cisse ... and he fired", "when he flicked a Van Persie corner
            # in": "he" is the last man named (no subject comes between)
            named = [r for r in self.between(start, he.start()) if r.player
                     and not not_own.match(self.text[r.span[1]:r.span[1] + 40])]
            if named:
                return named[-1]
        for r in reversed(self.between(start, end + 1)):
            if r.span[1] > end:
                continue
            if r.team is not None:
                if not self.text[r.span[1]:end].strip(" ,") and not objects.search(
                        self.text[max(start, r.span[0] - 30):r.span[0]]):
                    return r  # "United struck again": the team did it, no player named here
                continue
            if r.player is None:
                return r
            after = self.text[r.span[1]:r.span[1] + 40]
            if self._object(r, start) and not self._subject_of_clause(r, start):
                continue
            if not_own.match(after):
                continue
            if strict and _modifier().match(after) and ARTICLE_BEFORE.search(
                    self.text[max(start, r.span[0] - 50):r.span[0]]):
                continue
            return r
        return None

    def _apposed(self, start: int, end: int) -> Ref | None:
        """"Adebayor, with time and space as Cahill backed off, unleashed": the name before the aside."""
        closing = self.text.rfind(",", start, end)
        if closing < 0 or self.text[closing + 1:end].strip():
            return None
        opened = [r for r in self.between(start, closing) if r.player and self.text.startswith(",", r.span[1])
                  and r.span[1] < closing and not self._object(r, start)]
        return opened[-1] if opened else None

    def _topic(self, start: int, end: int) -> Ref | None:
        """The first person of a sentence who is not an object nor the owner of a thing ("in
        Rooney's place"): whom "he" or "the Belgian" means."""
        for r in self.between(start, end):
            if r.player and not self._object(r, start) and not self._owner(r):
                return r
        return None

    def _may_act(self, r: Ref, start: int) -> bool:
        """Can the person mention be a subject: not an object ("past Gollini"), nor the owner
        ("Neville's cross") or qualifier ("a Van Persie corner") of a thing?"""
        qualifier = bool(_modifier().match(self.text[r.span[1]:r.span[1] + 40])
                         and ARTICLE_BEFORE.search(self.text[max(start, r.span[0] - 50):r.span[0]]))
        return (bool(r.player) and not self._owner(r) and not qualifier
                and (self._subject_of_clause(r, start) or not self._object(r, start)))

    def _owner(self, r: Ref) -> bool:
        """"Gary Neville's cross", "in Rooney's place": a name that owns a thing, not one that acts."""
        _, not_own, _ = _cues()
        return bool(not_own.match(self.text[r.span[1]:r.span[1] + 40]))

    def _listed_after(self, start: int, end: int) -> list[Ref]:
        """"goals from Pilkington, Holt and Howson": everyone in the list after the phrase."""
        people = [r for r in self.between(start, end) if r.team is None]
        if not people:
            return []
        out = [people[0]]
        for r in people[1:]:
            if not LIST_JOIN.match(self.text[out[-1].span[1]:r.span[0]]):
                break
            out.append(r)
        return out

    def _object(self, r: Ref, start: int) -> bool:
        """Is the mention an object ("past Gollini"), or joined by "and" to one ("from Lescott and Richards")?"""
        objects, _, _ = _cues()
        before = self.text[max(start, r.span[0] - 50):r.span[0]]
        after = self.text[r.span[1]:r.span[1] + 40]
        if objects.search(before) or PATIENT.match(after):
            return True
        if VERB_NEXT.match(after):
            return False  # "... and Ivanovic directed": a new clause's subject
        i = self._position(r)
        prev = self.refs[i - 1] if i > 0 else None
        return (prev is not None and prev.span[0] >= start and prev.player is not None
                and self.text[prev.span[1]:r.span[0]] in (" and ", ", ") and self._object(prev, start))

    def _subject_of_clause(self, r: Ref, start: int) -> bool:
        """"Lautaro, who ...", "with Lambert lashing home", "for Hernandez to touch home", "to see
        O'Shea prod home"."""
        before = self.text[max(start, r.span[0] - 50):r.span[0]]
        after = self.text[r.span[1]:r.span[1] + 40]
        return bool(after.startswith((", who", " who ")) or GERUND.match(after)
                    or after.startswith(" to ") and _enabler().search(before)
                    or BARE_VERB.match(after) and _perceiver().search(before))

    def _coordinated(self, ref: Ref, start: int) -> list[Ref]:
        """"Ramires and Benteke sent off", "first Lukaku, then Mulumbu scored", "Kone, McArthur
        and McManaman scored": each did it; but no one named, when they "combined" to do it."""
        out = [ref]
        i = self._position(ref)
        while i > 0:
            prev = self.refs[i - 1]
            if prev.player is None or prev.span[0] < start or self._object(prev, start):
                break
            joint = self.text[prev.span[1]:out[-1].span[0]]
            if joint not in (" and ", " & ", ", then ", ", and ") and not (joint == ", " and len(out) > 1):
                break  # a comma joins a list that ends with "and"
            out.append(prev)
            i -= 1
        if len(out) > 1 and _joint().match(self.text, ref.span[1]):
            return []
        return out

    def _agent(self, start: int, end: int) -> Ref | None:
        """"broke the deadlock through Lautaro Martinez": the agent named after the phrase."""
        _, _, agent = _cues()
        for r in self.between(start, end):
            if r.player is not None and agent.search(self.text[max(start, r.span[0] - 60):r.span[0]]):
                return r
        return None

    def _previous_subject(self, s_start: int, sentences: int = 1, topic: bool = True) -> list[Ref]:
        """Whom "he" (the last man named) or "the Belgian" (the topic) means in one of the
        ``sentences`` before. Neither the blank line between paragraphs nor a sentence that
        only says "he" again ("He has lots of talent.", "He set up Vaz Te.") counts: the man
        is still the one before."""
        pos = s_start - 1
        while sentences and pos > 0:
            p_start, p_end = self.sentence(pos)
            pos = p_start - 1
            people = [r for r in self.between(p_start, p_end) if r.team is None]
            if people and not (topic and self._topic(p_start, p_end) is None and HE_OPENS.match(self.text, p_start)):
                last = [r for r in people if r.player and not self._owner(r)]
                first = (self._topic(p_start, p_end) if topic else (last or [None])[-1]) or people[-1]
                return [first] if first.player else []
            if NOT_BLANK.search(self.text, p_start, p_end) and not PRONOUN.search(self.text, p_start, p_end):
                sentences -= 1
        return []
