"""Mentions of people: runs of capitalised words that name a person.

A run of capitalised words (with particles such as "van" or "de" and
initials such as "R.") is cut at every word that cannot be part of a
person's name: a team, competition, country or nationality phrase, a
common word from ``data/names.json``. What is left and not a place is a
mention. Each mention keeps the cues around it: a role word before it
("boss", "referee"), a team that owns it ("Inter's Lautaro", "Chelsea
striker Didier Drogba") and whether it is a possessive ("Muriel's").
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from .. import knowledge
from ..caseless import lower
from ..normalise import Article
from ..record import Span


class Mention(NamedTuple):
    """A person named in the text, with the cues found around the name.

    (A named tuple: some fifty are made for each report, and a tuple is made fastest.)
    """

    name: str
    span: Span
    role: str | None = None  # "manager" or "referee" when a cue says so
    team: str | None = None  # a team the text ties the person to
    possessive: bool = False
    starts_sentence: bool = False
    listed: bool = False  # from a line-up block, so surely a player
    placed: bool = False  # one word after "in" or "at": a place, unless a man named in full has it as surname


LETTER = r"[^\W\d_]"
TOKEN = re.compile(rf"{LETTER}+(?:['\-]{LETTER}+)*'?")
# Where TOKEN.finditer starts a word: not inside one, nor after its inner apostrophe or hyphen.
WORD_START = re.compile(rf"(?<!{LETTER})(?<!{LETTER}['\-])" + TOKEN.pattern)
# The words of TOKEN.finditer that start with a capital (and some with other letters beyond ASCII).
# The first character comes first so that the regex engine skips to such characters at once;
# the look-behinds then say (one character later) that a word starts there.
CAPITAL_WORD = re.compile(rf"[A-Z\x80-\U0010ffff](?<={LETTER})(?<!{LETTER}.)(?<!{LETTER}['\-].)"
                          rf"{LETTER}*(?:['\-]{LETTER}+)*'?")
# what comes right before a sentence's first word, with the quote a quotation opens with
# or the dash of a list item ("- Caught driving under the influence") or of a rating's comment
# ("Alessia Russo - 10/10 - Scored the early breakthrough")
SENTENCE_END = re.compile(r"""(?:[.!?:;]['"]?\s+|(?:\n|^)\s*(?:[-\u2022*]\s+)?|\s[-\u2013\u2014]\s+)['"]?$""")
PLACE_BEFORE = re.compile(r"\b(?:in|at) $")
DESCRIBING = re.compile(r"-[a-z]")
FIRST_NAME_BEFORE = re.compile(r"([A-Z][a-z]+) $")
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


@cache
def _cities() -> re.Pattern[str] | None:
    """The home towns of the teams the book knows: places, not people."""
    towns = {t.city for t in knowledge.teams().teams.values() if t.city}
    if not towns:
        return None
    return re.compile(knowledge.phrases_pattern(sorted(towns)) + r"(?![\w'])")


def mentions(article: Article, match_teams: tuple[str, ...] = ()) -> list[Mention]:
    """Every person mention of the body, and those of the title the body confirms."""
    text = article.fold
    words = _words(text)
    towns = _towns(text)
    blocked, team_at = _blocked(text, match_teams, towns)
    made: dict[Span, Mention | None] = {}
    title_case = _title_case(text[:article.title_end])

    def people(blocked: list[Span]) -> list[Mention]:
        found = [m for m in _runs(text, words, blocked, made) if m]
        if title_case:
            return found
        names = {m.name for m in found if m.span[0] >= article.title_end}
        return [p for m in found for p in (_split_run(m, names) if m.span[0] < article.title_end else [m])]

    found = people(blocked)
    others = _others(text, match_teams, towns)
    for _ in range(2):  # "Antonio Valencia", then "Valencia": the man, not the club
        surnames = {m.name.split()[-1] for m in found if " " in m.name}
        namesakes = {span for span, name, after_first in others  # a headline's capitals say nothing
                     if name in surnames or after_first and span[0] >= article.title_end} & set(blocked)
        if not namesakes:
            break
        blocked = [b for b in blocked if b not in namesakes]
        found = people(blocked)
    # "a win in Munich" is a place; "to slide in Sturridge" is Daniel Sturridge
    surnames = {m.name.split()[-1] for m in found if " " in m.name}
    found = [m for m in found if not m.placed or m.name in surnames]
    name_words = {w for m in found if " " in m.name for w in m.name.split()}
    found = [m for m in found if not (m.starts_sentence and " " not in m.name and m.name not in name_words
                                      and _common_word(text, m.name))]  # "However", but "Long" of "Shane Long"
    body = [m for m in found if m.span[0] >= article.title_end]
    title = [m for m in found if m.span[0] < article.title_end]
    if title_case:
        title = _known_in(text[:article.title_end], {m.name for m in body})
    ends = sorted(team_at)
    return [_with_cues(text, m, team_at, ends) for m in title + body]


def _others(text: str, match_teams: tuple[str, ...], towns: list[re.Match[str]]) -> list[tuple[Span, str, bool]]:
    """Teams (not of this match) and towns named in the text, each with whether a first name
    comes right before it: either may be a surname the report uses ("Antonio Valencia", then
    "Valencia"; "Darren Stirling")."""
    out = [((h.start, h.end), h.text, _after_first_name(text, h.start)) for h in knowledge.teams().find(text)
           if not set(h.teams) & set(match_teams)]
    return out + [(m.span(), m[0], _after_first_name(text, m.start())) for m in towns]


def _after_first_name(text: str, pos: int) -> bool:
    """"Antonio Valencia": a capitalised word that is no common word right before the team name."""
    m = FIRST_NAME_BEFORE.search(text[max(0, pos - 20):pos])
    return bool(m) and knowledge.strip_accents(m[1]) not in data().not_names and not _common_word(text, m[1])


def _known_in(title: str, names: set[str]) -> list[Mention]:
    """In a Title Case Headline capitals say nothing: the body's names found in it are the people.

    At each word start the longest name that ends there with its word is taken, left to right
    (what one pattern of all the names would find, without compiling one for each report).
    """
    longest_first: dict[str, list[str]] = {}
    for name in sorted(names, key=len, reverse=True):
        longest_first.setdefault(name[0], []).append(name)
    out = []
    at = 0
    while at < len(title):
        name = None
        if not (at and _in_word(title[at - 1])):
            name = next((n for n in longest_first.get(title[at], ()) if title.startswith(n, at)
                         and not _word_char(title[at + len(n):at + len(n) + 1])), None)
        if name:
            end = at + len(name)
            out.append(Mention(name, (at, end), possessive=title.startswith("'", end)))
            at = end
        else:
            at += 1
    return out


def _split_run(m: Mention, names: set[str]) -> list[Mention]:
    """A headline stripped of its commas runs names together ("Barcelona trio Lionel Messi Luis
    Suarez Neymar three best players"): a run that is wholly the body's names, one after
    another and one of them a full name, is those people."""
    if m.name in names or " " not in m.name:
        return [m]
    parts = _known_in(m.name, names)
    if len(parts) < 2 or " ".join(p.name for p in parts) != m.name or all(" " not in p.name for p in parts):
        return [m]  # two one-word names may be one name ("Broadmeadow Magic")
    start = m.span[0]
    parts = [p._replace(span=(start + p.span[0], start + p.span[1])) for p in parts]
    parts[0] = parts[0]._replace(starts_sentence=m.starts_sentence)
    parts[-1] = parts[-1]._replace(possessive=m.possessive)
    return parts


def _title_case(title: str) -> bool:
    """"Handanovic Spares Inter's Blushes": every word capitalised, so capitals say nothing."""
    words = [w for w in title.split() if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _blocked(text: str, match_teams: tuple[str, ...],
             towns: list[re.Match[str]]) -> tuple[list[Span], dict[int, tuple[int, str]]]:
    """Spans that are not people, and the team named by each team phrase (by its end).

    A phrase several teams share ("United") names the one of this match that has it.
    """
    spans: list[Span] = []
    team_at: dict[int, tuple[int, str]] = {}
    hits = knowledge.teams().find(text)
    strong = {t for h in hits if h.strength in ("name", "nickname") for t in h.teams}
    for h in hits:
        if h.strength == "manager" or h.strength == "weak" and not set(h.teams) & set(match_teams) and not (
                set(h.teams) & strong and not _next_is_capital(text, h.end)):
            # "Alex" is Crewe Alexandra's nickname only in a Crewe match; but "Villa" alone, in a
            # text that names Aston Villa, is the club (a "David Villa" there is found again
            # as a namesake, and "Milan Skriniar" is no team: a name follows)
            continue
        spans.append((h.start, h.end))
        named = h.teams if len(h.teams) == 1 else tuple(t for t in h.teams if t in match_teams)
        if len(named) == 1 and h.strength in ("name", "nickname", "weak"):
            team_at[h.end] = (h.start, named[0])
    spans += [m.span() for m in towns]
    spans += [(s, e) for _, s, e in knowledge.competitions().find(text)]
    spans += [m.span() for m in data().phrases.finditer(text)]
    spans += _club_members(text)
    return spans, team_at


@cache
def _singular_nicknames() -> re.Pattern[str]:
    """Club nicknames made singular ("Gunners" -> "Gunner", "Red Devils" -> "Red Devil",
    "Canaries" -> "Canary"), as a pattern to try right after a word of ``member_before``."""
    singular = set()
    for team in knowledge.teams().teams.values():
        for nick in (*team.nicknames, *team.weak):
            head, _, last = nick.rpartition(" ")
            if len(last) > 3 and last.endswith("s") and not last.endswith("ss"):
                one = last[:-3] + "y" if last.endswith("ies") else last[:-2] if last.endswith("xes") else last[:-1]
                singular.add(f"{head} {one}".strip())
    return re.compile(r"[\s-]*" + knowledge.phrases_pattern(sorted(singular)) + r"(?![\w'-])")


def _club_members(text: str) -> list[Span]:
    """"the former Gunner", "ex-Toffee", "a one-time Red Devil": a club's nickname made singular
    after a word of ``member_before`` (``data/names.json``) names a player of the club, not a
    person called Gunner. The rare cue words are found first, with a plain search."""
    low = lower(text)
    nicknames = _singular_nicknames()
    out = []
    for cue in data().member_before:
        at = low.find(cue)
        while at >= 0:
            end = at + len(cue)
            if not (at and _in_word(text[at - 1])) and not (end < len(text) and _word_char(text[end])):
                m = nicknames.match(text, end)
                if m:
                    out.append((at, m.end()))
            at = low.find(cue, end)
    return out


def _towns(text: str) -> list[re.Match[str]]:
    """The home towns of known teams named in the text."""
    towns = _cities()
    return list(towns.finditer(text)) if towns else []


class _Word(NamedTuple):
    """A word that may be part of a name; ``closes`` a name when possessive ("Muriel's")."""

    start: int
    end: int
    text: str
    closes: bool


def _words(text: str) -> list[_Word]:
    """The words that may be in a name: capitalised ones that are no common word, and the
    particle ("van", "de") right before one.

    Any other word ends a run, and so does the gap it leaves between two kept words (no
    longer a single space), so :func:`_runs` need not see it: a particle before any other
    capital would only end a run, and a run's last particle is dropped.
    """
    out = []
    for m in CAPITAL_WORD.finditer(text):
        word, at = m[0], m.start()
        kind = _kind(word)
        if kind is None or kind == "particle" and not _next_is_capital(text, m.end()):
            continue
        if text[at - 1:at] == " ":
            out += _particle_before(text, at)
        out.append(_Word(at, m.end(), word, kind == "last"))
    return out


@lru_cache(maxsize=1 << 16)
def _kind(word: str) -> str | None:
    """How a word may be part of a name: ``"name"``, ``"last"`` (a possessive ends the name:
    "Muriel's"), ``"particle"`` (kept when a capital follows), or ``None``: a common word, or
    not capitalised (lower-case particles are found by :func:`_particle_before`)."""
    if not word[0].isupper() or _never_name(word):
        return None
    if not (word.isupper() and len(word.strip("'")) > 1):
        return "last" if word.endswith("'") or word.endswith("'s") else "name"
    return "particle" if word in data().particles else None


def _particle_before(text: str, at: int) -> list[_Word]:
    """The particle word just before the word at ``at`` and a space, if any ("van" of "van Persie")."""
    d = data()
    for n in d.particle_lengths:
        start = at - 1 - n
        word = text[start:at - 1]
        if start >= 0 and word in d.particles and not word[0].isupper() and not _never_name(word):
            m = WORD_START.match(text, start)
            if m and m.end() == at - 1:
                return [_Word(start, at - 1, word, False)]
    return []


def _runs(text: str, words: list[_Word], blocked: list[Span], made: dict[Span, Mention | None]) -> list[Mention | None]:
    """Runs of :func:`_words` with nothing but a space between them (or the dot of an
    initial), cut at blocked words. ``made`` keeps the mention of each run already seen."""
    blocked_at = set()
    for s, e in blocked:
        blocked_at.update(range(s, e))
    out: list[Mention | None] = []
    run: list[_Word] = []

    def flush() -> None:
        for part in _people_of(run):
            span = (part[0].start, part[-1].end)
            if span not in made:
                made[span] = _mention(text, part)
            out.append(made[span])
        run.clear()

    for w in words:
        if run:
            gap = text[run[-1].end:w.start]
            if gap != " " and (gap != ". " or len(run[-1].text) > 1):
                flush()
        if w.start in blocked_at:
            flush()
            continue
        run.append(w)
        if w.closes:
            flush()
    flush()
    return out


def _people_of(run: list[_Word]) -> list[list[_Word]]:
    """A run of four plain names is two people side by side ("George Boyd pips Christian
    Eriksen Jordan Henderson distance covered": a headline stripped of its punctuation); with
    a particle ("Rafael Van Der Vaart") or an initial, or of any other length, it is one.

    No name opens with a word hyphenated to a lower-case part: "Full-back Davide Santon",
    "Post-match", "On-loan" describe (a Korean given name, "Park Ji-sung", follows the family name).
    A name may end in a suffix that refers to the person ("an Aaron Ramsey-inspired win").
    """
    if run and (cut := data().referring.search(run[-1].text)):
        last = run[-1]
        run = run[:-1] + [_Word(last.start, last.start + cut.start(), last.text[:cut.start()], last.closes)]
    while run and DESCRIBING.search(run[0].text):
        run = run[1:]
    if len(run) == 4 and all(len(w.text) > 1 and w.text.lower() not in data().particles for w in run):
        return [run[:2], run[2:]]
    return [run] if run else []


@lru_cache(maxsize=1 << 16)
def _never_name(word: str) -> bool:
    bare = word[:-2] if word.endswith("'s") else word.rstrip("'")
    return knowledge.strip_accents(bare) in data().not_names or bare.endswith(data().contractions)


def _next_is_capital(text: str, pos: int) -> bool:
    return pos + 1 < len(text) and text[pos] == " " and text[pos + 1].isupper()


def _mention(text: str, run: list[_Word]) -> Mention | None:
    """One run as a mention, or ``None`` when it is a place or a stray common word."""
    d = data()
    while run and run[-1].text in d.particles:
        run.pop()
    while run and run[0].text in d.particles and len(run) == 1:
        run.pop()
    if not run:
        return None
    start, end = run[0].start, run[-1].end
    name = text[start:end]
    possessive = name.endswith("'s") or name.endswith("'")
    if possessive:
        end -= 2 if name.endswith("'s") else 1
        name = text[start:end]
    words = name.split()
    if words[0] in d.places_first or (len(words) > 1 and words[-1] in d.places):
        return None
    if len(name) < 2 or (len(words) == 1 and not (len(name) >= 3 or name.istitle())):
        return None
    placed = len(words) == 1 and not possessive and bool(PLACE_BEFORE.search(text, max(0, start - 4), start))
    if name in d.grounds_after_the and text[max(0, start - 4):start].lower() == "the ":
        return None  # "the Kop had been urging Carragher to shoot"
    opens = bool(SENTENCE_END.search(text[max(0, start - 4):start]))  # '." "My' as well as ". My"
    return Mention(name, (start, end), possessive=possessive, starts_sentence=opens, placed=placed)


def _common_word(text: str, word: str) -> bool:
    """A sentence-opening word that the corpus or this text writes in lower case is not a name."""
    low = word.lower()
    return low in data().common or written(text, low) or low.endswith(("ing", "ly"))


def written(text: str, word: str) -> bool:
    """Is ``word`` in ``text`` as a word of its own, not part of a longer one ("long" in "along")
    nor after an apostrophe? (A literal search: no pattern to compile for each word.)"""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if not (at and _in_word(text[at - 1])) and not (end < len(text) and _in_word(text[end])):
            return True
        at = text.find(word, at + 1)
    return False


def _in_word(char: str) -> bool:
    """What the pattern ``[\\w']`` matches."""
    return _word_char(char) or char == "'"


def _word_char(char: str) -> bool:
    """What the pattern ``\\w`` matches (nothing, for the empty string past the end)."""
    return char.isalnum() or char == "_"


def _with_cues(text: str, m: Mention, team_at: dict[int, tuple[int, str]], ends: list[int]) -> Mention:
    """Role and team cues from the words around a mention."""
    d = data()
    start, end = m.span
    role = role_before(text, start)
    if role is None:
        role = next((r for r, cue in d.role_after.items()
                     if m.possessive and cue.search(text[end:end + 30])), None)
    if role is None:
        role = next((r for r, cue in d.role_after_far.items() if cue.search(text[end:end + 80])), None)
    team = _owning_team(text, start, team_at, ends)
    return Mention(m.name, m.span, role, team, m.possessive, m.starts_sentence)


def role_before(text: str, start: int) -> str | None:
    """The role a cue word right before a name gives ("boss ", "referee Mr. "); the first
    role of ``data/names.json`` whose cue fits."""
    cue = data().role_before.match(text[max(0, start - 40):start][::-1])
    return data().roles[cue.lastindex - 1] if cue else None


def _owning_team(text: str, start: int, team_at: dict[int, tuple[int, str]], ends: list[int]) -> str | None:
    """"Inter's Lautaro", "Chelsea striker Drogba": the team right before the name (``ends``
    are the team phrases' ends, in order)."""
    d = data()
    for t_end in reversed(ends[bisect_right(ends, max(0, start - 40)):bisect_left(ends, start)]):
        t_start, team = team_at[t_end]
        between = text[t_end:start]
        if d.former.search(text[max(0, t_start - 12):t_start]):
            continue
        if between in ("'s ", "' ") or d.position.match(between):
            return team
    return None
