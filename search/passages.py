"""Passages for a hit: escaped text with the words that matched in ``<mark>``.

Re-analysing a whole report to highlight it costs more than the search
itself, so passages are built from bounded windows: a cheap scan finds where
words that could match occur, and only those windows are analysed (by the
tokenizer the engine hands in, so marks agree with what the index matched).
For filter-only queries the evidence spans that extraction kept say what to
show instead. The same cheap scans tell how near a query's words stand, which
reorders the top of a ranking (:func:`rescore`).
"""
from __future__ import annotations

import html
import re
from functools import lru_cache
from collections.abc import Callable, Iterable, Iterator
from typing import Any

Tokens = Callable[[str], Iterable[tuple[str, int, int]]]
WIDTH = 220
MAX_WINDOWS = 6
RESCORE_WINDOW = 50


@lru_cache(maxsize=256)
def candidates(terms: frozenset[str]) -> tuple[re.Pattern[str], tuple[str, ...]] | None:
    """Where a word indexed as one of ``terms`` may start (stems match by prefix), and the prefixes."""
    prefixes = tuple(sorted({t[: max(3, len(t) - 1)] for t in terms if t}, key=len, reverse=True))
    if not prefixes:
        return None
    return re.compile(r"\b(?:" + "|".join(map(re.escape, prefixes)) + r")", re.IGNORECASE), prefixes


def passages(text: str, terms: set[str], tokens: Tokens, top: int = 2) -> list[str]:
    """Up to ``top`` passages, in text order, with the most distinct matched words."""
    found = candidates(frozenset(terms))
    if found is None:
        return []
    finder, prefixes = found
    windows: list[tuple[int, int]] = []
    for m in finditer(finder, prefixes, text, lowered(text)):
        if windows and m.start() < windows[-1][1]:
            continue
        start = max(0, m.start() - WIDTH // 3)
        windows.append((start, min(len(text), start + WIDTH)))
        if len(windows) == MAX_WINDOWS:
            break
    scored = []
    for start, end in windows:
        start, end = _word_bounds(text, start, end)
        marks = [(s + start, e + start) for t, s, e in tokens(text[start:end]) if t in terms]
        if marks:
            distinct = len({text[s:e].lower() for s, e in marks})
            scored.append((distinct, -start, start, end, marks))
    best = sorted(scored, reverse=True)[:top]
    return [render(text, start, end, marks) for _, _, start, end, marks in sorted(best, key=lambda b: b[2])]


def lowered(text: str) -> str | None:
    """``text`` in lower case, if a letter-for-letter copy: offsets agree, and a case-blind
    pattern of plain letters matches ``text`` exactly where its lower case occurs here.

    Only three characters break that (checked over all of Unicode): ``İ`` lowers to two
    characters, and ``ı`` and ``ſ`` match ``i`` and ``s`` without lowering to them.
    """
    low = text.lower()
    if len(low) != len(text) or (not text.isascii() and ("ı" in text or "ſ" in text)):
        return None
    return low


def finditer(pattern: re.Pattern[str], literals: Iterable[str], text: str,
             low: str | None) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, where the case-blind ``pattern`` can only match where one of
    ``literals`` starts: those are found in ``low`` (see :func:`lowered`) by plain substring
    search and ``pattern`` is tried there alone. A pattern that begins with ``\\b`` defeats the
    regex engine's own literal search, so this is several times faster on a whole report.
    """
    literals = list(literals)
    if low is None or not all(lit.isascii() and lit == lit.lower() for lit in literals):
        yield from pattern.finditer(text)
        return
    starts = sorted({i for lit in literals for i in _occurrences(low, lit)})
    end = 0
    for i in starts:
        if i >= end and (m := pattern.match(text, i)):
            yield m
            end = m.end()


def _occurrences(text: str, literal: str) -> Iterator[int]:
    i = text.find(literal)
    while i >= 0:
        yield i
        i = text.find(literal, i + 1)


def rescore(hits: list[Any], words: list[str]) -> list[Any]:
    """The top of a ranking reordered so exact phrases and near words come first.

    Only the first :data:`RESCORE_WINDOW` hits move, so every page of the
    same query sees the same order.
    """
    if len(words) < 2:
        return hits
    window = hits[:RESCORE_WINDOW]
    bonus = {h.docnum: proximity(h["body"], words) for h in window}
    window.sort(key=lambda h: -(h.score or 0.0) * (1.0 + bonus[h.docnum]))
    return window + hits[RESCORE_WINDOW:]


def render(text: str, start: int, end: int, marks: list[tuple[int, int]]) -> str:
    """Escaped ``text[start:end]`` with ``marks`` in ``<mark>``, one line, ellipses at cuts."""
    out = ["…" if start > 0 else ""]
    pos = start
    for s, e in marks:
        out.append(html.escape(text[pos:s], quote=False))
        out.append("<mark>" + html.escape(text[s:e], quote=False) + "</mark>")
        pos = e
    out.append(html.escape(text[pos:end], quote=False))
    out.append("…" if end < len(text) else "")
    return " ".join("".join(out).split())


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < end else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return start, end


def evidence(text: str, record: dict[str, Any], players: set[str], events: set[str],
             top: int = 2) -> list[str]:
    """Passages around the spans that made a report match a player or event filter."""
    if not players and not events:
        return []
    out = []
    for e in record.get("events", []):
        if not e.get("span"):
            continue
        kind = e["type"]
        if events and not (kind in events or ("goal" in events and kind in ("penalty_goal", "own_goal"))):
            continue
        if players and e.get("player") not in players:
            continue
        s, t = e["span"]
        start, end = _word_bounds(text, max(0, s - WIDTH // 3), min(len(text), t + WIDTH // 2))
        out.append(render(text, start, end, [(s, t)]))
        if len(out) == top:
            break
    return out


def lead(text: str) -> str:
    """The opening of a report, for hits with nothing to mark."""
    _, end = _word_bounds(text, 0, min(len(text), WIDTH))
    return render(text, 0, end, [])


def proximity(text: str, words: list[str], near: int = 60) -> float:
    """1.0 if ``words`` stand together in order in ``text``, 0.5 if within ``near`` characters.

    Words match by prefix (a typed "post" finds "posts"), cheaply, on the raw text.

    >>> proximity("Kane hit the post early", ["hit", "post"]), proximity("hit it. The post", ["hit", "post"])
    (0.5, 0.5)
    >>> proximity("Kane hit post", ["hit", "post"]), proximity("hit, then far later a post", ["hit", "post"], 10)
    (1.0, 0.0)
    """
    lower = tuple(w.lower() for w in words)
    patterns, low = _word_patterns(lower), lowered(text)
    if next(finditer(patterns[0], lower[:1], text, low), None):
        return 1.0
    spots = [[m.start() for m in finditer(p, (w,), text, low)] for p, w in zip(patterns[1:], lower)]
    if not all(spots):
        return 0.0
    ends = [(p, p + near) for p in spots[0]]
    for start, stop in ends:
        if all(any(start - near <= q <= stop for q in qs) for qs in spots[1:]):
            return 0.5
    return 0.0


@lru_cache(maxsize=64)
def _word_patterns(words: tuple[str, ...]) -> list[re.Pattern[str]]:
    """The phrase as one pattern, then one pattern per word (compiled once per query)."""
    phrase = re.compile(r"\b" + r"\w*\W+".join(map(re.escape, words)), re.IGNORECASE)
    return [phrase] + [re.compile(r"\b" + re.escape(w), re.IGNORECASE) for w in words]
