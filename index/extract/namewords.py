"""The words a person's name may be made of, and the word lists that say which.

A name is a run of capitalised words that are no common word (``data/names.json``,
``data/common_words.txt``), with the particles ("van", "de") before a capital and
the initials ("R.") between them. This module finds those words in one pass of one
pattern; :mod:`.names` joins them into mentions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from .. import knowledge

LETTER = r"[^\W\d_]"
TOKEN = re.compile(rf"{LETTER}+(?:['\-]{LETTER}+)*'?")
# Where TOKEN.finditer starts a word: not inside one, nor after its inner apostrophe or hyphen.
WORD_START = re.compile(rf"(?<!{LETTER})(?<!{LETTER}['\-])" + TOKEN.pattern)
# The words of TOKEN.finditer that start with a capital (and some with other letters beyond ASCII).
# The first character comes first so that the regex engine skips to such characters at once;
# the look-behinds then say (one character later) that a word starts there.
CAPITAL_WORD = re.compile(rf"[A-Z\x80-\U0010ffff](?<={LETTER})(?<!{LETTER}.)(?<!{LETTER}['\-].)"
                          rf"{LETTER}*(?:['\-]{LETTER}+)*'?")
TITLES = ("Sir", "Dr", "Mr", "Senor", "Signor")


@dataclass(frozen=True)
class NameData:
    """The word lists of ``data/names.json``, ready for matching."""

    particles: frozenset[str]
    particle_lengths: list[int]  # of the one-word particles
    not_names: frozenset[str]
    contractions: tuple[str, ...]  # "I'm", "Don't": endings no name has
    common: frozenset[str]  # lower-case words that open sentences, not names (data/common_words.txt)
    places: frozenset[str]
    places_first: frozenset[str]
    phrases: re.Pattern[str]  # countries and nationalities, never a person
    roles: tuple[str, ...]  # of role_before's groups, in order
    role_before: re.Pattern[str]  # one group a role, matched against the reversed text before a name
    role_after: dict[str, re.Pattern[str]]
    role_after_far: dict[str, re.Pattern[str]]
    position: re.Pattern[str]
    former: re.Pattern[str]
    member_before: tuple[str, ...]
    referring: re.Pattern[str]  # the end of "Ramsey-inspired", "Bale-esque": the name is what is before it
    grounds_after_the: frozenset[str]  # "the Kop", "the Bridge": a stand or ground, not Lize Kop or Wayne Bridge


@cache
def data() -> NameData:
    raw = knowledge.data_json("names.json")
    fold = knowledge.strip_accents
    phrases = raw["nationalities"].split() + raw["countries"]
    cues = raw["positions"] + raw["roles"]["manager"]
    positions = "|".join(re.escape(p) for p in sorted(cues, key=len, reverse=True))
    return NameData(
        particles=frozenset(raw["particles"]),
        particle_lengths=sorted({len(p) for p in raw["particles"] if " " not in p}),
        not_names=frozenset(fold(w) for w in (raw["not_names"] + " " + raw["regions"]).split()),
        contractions=tuple(raw["contractions"]),
        common=knowledge.common_words(),
        places=frozenset(raw["places"]),
        places_first=frozenset(raw["places_first"]),
        phrases=re.compile(knowledge.phrases_pattern(sorted(set(phrases))) + r"s?(?:'s?)?(?![\w'])"),
        roles=tuple(raw["roles"]),
        role_before=re.compile("|".join(f"({_cue_before(cues)})" for cues in raw["roles"].values()), re.IGNORECASE),
        role_after={role: re.compile(r"^'s?\s+(?:\w+\s+)?(?:" + "|".join(cues) + r")\b", re.IGNORECASE)
                    for role, cues in raw["roles_after"].items()},
        role_after_far={role: re.compile(p, re.IGNORECASE) for role, p in raw["roles_after_far"].items()},
        former=re.compile(r"\b(?:" + "|".join(re.escape(w) for w in raw["former"]) + r")\s*$", re.IGNORECASE),
        member_before=tuple(raw["member_before"]),
        position=re.compile(r"^\s+(?:[\w\-]+\s+){0,2}?(?:" + positions + r")\s+$", re.IGNORECASE),
        referring=re.compile(r"-(?:" + "|".join(map(re.escape, raw["referring_suffixes"])) + r")$"),
        grounds_after_the=frozenset(raw["grounds_after_the"]),
    )


def _cue_before(cues: list[str]) -> str:
    """A role cue right before a name ("boss ", "referee Mr. "), as a pattern for the text
    before the name read backwards: one anchored match, not a search at every position."""
    titles = "|".join(re.escape(t[::-1]) for t in TITLES)
    words = "|".join(re.escape(c[::-1]) for c in cues)
    return rf"(?:\s+\.?(?:{titles}))?\s+(?:{words})\b"


class Word(NamedTuple):
    """A word that may be part of a name; ``closes`` a name when possessive ("Muriel's")."""

    start: int
    end: int
    text: str
    closes: bool


def name_words(text: str) -> list[Word]:
    """The words that may be in a name: capitalised ones that are no common word, and the
    particle ("van", "de") right before one.

    Any other word ends a run, and so does the gap it leaves between two kept words (no
    longer a single space), so :func:`.names._runs` need not see it: a particle before any other
    capital would only end a run, and a run's last particle is dropped.
    """
    out = []
    for m in CAPITAL_WORD.finditer(text):
        word, at = m[0], m.start()
        kind = _kind(word)
        if kind is None or kind == "particle" and not next_is_capital(text, m.end()):
            continue
        if text[at - 1:at] == " ":
            out += _particle_before(text, at)
        out.append(Word(at, m.end(), word, kind == "last"))
    return out


@lru_cache(maxsize=1 << 16)
def _kind(word: str) -> str | None:
    """How a word may be part of a name: ``"name"``, ``"last"`` (a possessive ends the name:
    "Muriel's"), ``"particle"`` (kept when a capital follows), or ``None``: a common word, or
    not capitalised (lower-case particles are found by :func:`_particle_before`)."""
    if not word[0].isupper() or never_name(word):
        return None
    if not (word.isupper() and len(word.strip("'")) > 1):
        return "last" if word.endswith("'") or word.endswith("'s") else "name"
    return "particle" if word in data().particles else None


def _particle_before(text: str, at: int) -> list[Word]:
    """The particle word just before the word at ``at`` and a space, if any ("van" of "van Persie")."""
    d = data()
    for n in d.particle_lengths:
        start = at - 1 - n
        word = text[start:at - 1]
        if start >= 0 and word in d.particles and not word[0].isupper() and not never_name(word):
            m = WORD_START.match(text, start)
            if m and m.end() == at - 1:
                return [Word(start, at - 1, word, False)]
    return []


@lru_cache(maxsize=1 << 16)
def never_name(word: str) -> bool:
    bare = word[:-2] if word.endswith("'s") else word.rstrip("'")
    return knowledge.strip_accents(bare) in data().not_names or bare.endswith(data().contractions)


def next_is_capital(text: str, pos: int) -> bool:
    return pos + 1 < len(text) and text[pos] == " " and text[pos + 1].isupper()


def common_word(text: str, word: str) -> bool:
    """A sentence-opening word that the corpus or this text writes in lower case is not a name."""
    low = word.lower()
    return low in data().common or written(text, low) or low.endswith(("ing", "ly"))


def written(text: str, word: str) -> bool:
    """Is ``word`` in ``text`` as a word of its own, not part of a longer one ("long" in "along")
    nor after an apostrophe? (A literal search: no pattern to compile for each word.)"""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if not (at and in_word(text[at - 1])) and not (end < len(text) and in_word(text[end])):
            return True
        at = text.find(word, at + 1)
    return False


def in_word(char: str) -> bool:
    """What the pattern ``[\\w']`` matches."""
    return word_char(char) or char == "'"


def word_char(char: str) -> bool:
    """What the pattern ``\\w`` matches (nothing, for the empty string past the end)."""
    return char.isalnum() or char == "_"
