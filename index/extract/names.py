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
from typing import NamedTuple

from ..normalise import Article
from ..record import Span
from .namewords import Word, common_word, data, in_word, name_words, word_char
from .notnames import blocked_spans, possible_surnames, towns_in


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


# what comes right before a sentence's first word, with the quote a quotation opens with
# or the dash of a list item ("- Caught driving under the influence") or of a rating's comment
# ("Alessia Russo - 10/10 - Scored the early breakthrough")
SENTENCE_END = re.compile(r"""(?:[.!?:;]['"]?\s+|(?:\n|^)\s*(?:[-\u2022*]\s+)?|\s[-\u2013\u2014]\s+)['"]?$""")
PLACE_BEFORE = re.compile(r"\b(?:in|at) $")
DESCRIBING = re.compile(r"-[a-z]")


def mentions(article: Article, match_teams: tuple[str, ...] = ()) -> list[Mention]:
    """Every person mention of the body, and those of the title the body confirms."""
    text = article.fold
    words = name_words(text)
    towns = towns_in(text)
    blocked, team_at = blocked_spans(text, match_teams, towns)
    made: dict[Span, Mention | None] = {}
    title_case = _title_case(text[:article.title_end])

    def people(blocked: list[Span]) -> list[Mention]:
        found = [m for m in _runs(text, words, blocked, made) if m]
        if title_case:
            return found
        names = {m.name for m in found if m.span[0] >= article.title_end}
        return [p for m in found for p in (_split_run(m, names) if m.span[0] < article.title_end else [m])]

    found = people(blocked)
    candidates = possible_surnames(text, match_teams, towns)
    for _ in range(2):  # "Antonio Valencia", then "Valencia": the man, not the club
        surnames = {m.name.split()[-1] for m in found if " " in m.name}
        namesakes = {span for span, name, after_first in candidates  # a headline's capitals say nothing
                     if name in surnames or after_first and span[0] >= article.title_end} & set(blocked)
        if not namesakes:
            break
        blocked = [b for b in blocked if b not in namesakes]
        found = people(blocked)
    # "a win in Munich" is a place; "to slide in Sturridge" is Daniel Sturridge
    surnames = {m.name.split()[-1] for m in found if " " in m.name}
    found = [m for m in found if not m.placed or m.name in surnames]
    full_name_words = {w for m in found if " " in m.name for w in m.name.split()}
    found = [m for m in found if not (m.starts_sentence and " " not in m.name and m.name not in full_name_words
                                      and common_word(text, m.name))]  # "However", but "Long" of "Shane Long"
    body = [m for m in found if m.span[0] >= article.title_end]
    title = [m for m in found if m.span[0] < article.title_end]
    if title_case:
        title = _known_in(text[:article.title_end], {m.name for m in body})
    ends = sorted(team_at)
    return [_with_cues(text, m, team_at, ends) for m in title + body]

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
        if not (at and in_word(title[at - 1])):
            name = next((n for n in longest_first.get(title[at], ()) if title.startswith(n, at)
                         and not word_char(title[at + len(n):at + len(n) + 1])), None)
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

def _runs(text: str, words: list[Word], blocked: list[Span], made: dict[Span, Mention | None]) -> list[Mention | None]:
    """Runs of :func:`.namewords.name_words` with nothing but a space between them (or the dot of an
    initial), cut at blocked words. ``made`` keeps the mention of each run already seen."""
    blocked_at = set()
    for s, e in blocked:
        blocked_at.update(range(s, e))
    out: list[Mention | None] = []
    run: list[Word] = []

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


def _people_of(run: list[Word]) -> list[list[Word]]:
    """A run of four plain names is two people side by side ("George Boyd pips Christian
    Eriksen Jordan Henderson distance covered": a headline stripped of its punctuation); with
    a particle ("Rafael Van Der Vaart") or an initial, or of any other length, it is one.

    No name opens with a word hyphenated to a lower-case part: "Full-back Davide Santon",
    "Post-match", "On-loan" describe (a Korean given name, "Park Ji-sung", follows the family name).
    A name may end in a suffix that refers to the person ("an Aaron Ramsey-inspired win").
    """
    if run and (cut := data().referring.search(run[-1].text)):
        last = run[-1]
        run = run[:-1] + [Word(last.start, last.start + cut.start(), last.text[:cut.start()], last.closes)]
    while run and DESCRIBING.search(run[0].text):
        run = run[1:]
    if len(run) == 4 and all(len(w.text) > 1 and w.text.lower() not in data().particles for w in run):
        return [run[:2], run[2:]]
    return [run] if run else []


def _mention(text: str, run: list[Word]) -> Mention | None:
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
