"""The line-up block that closes many reports (BBC Sport's among them).

    Man City: James, Mills (Bradley Wright-Phillips 83), Dunne, ... Subs Not Used: Weaver.
    Booked: Fowler. Man Utd: Carroll, ... Goals: Rooney 68, Dunne 75 og. Att: 47,111 Ref: ...

The home side is listed first, and each side's goals (own goals included,
credited to the side they counted for) follow its line-up, with or without
a "Goals:" or "Scorers:" label (the Daily Mail's); the team labels may be
missing too, leaving eleven bare names a side. The block is the strongest
evidence of the score and of home and away when it is there, so it is read
once here for the stages that weigh it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import knowledge
from ..normalise import Article

NAME = r"[A-Z][\w'\-]*(?:\s+(?:[a-z]{1,3}\s+)?[A-Z][\w'\-]*)*"
MINUTE = r"\d{1,3}(?:\s*\+\s*\d{1,2})?(?:\s*\(?(?:pen|og)\)?)?"
MINUTES = rf"{MINUTE}(?:\s*,\s*{MINUTE})*"
GOAL = re.compile(rf"(?P<name>{NAME})\s+(?P<mins>{MINUTES})")
GOAL_ITEM = re.compile(rf"(?:(?:Goals?|(?:Goal)?[Ss]corers?)\s*)?:?\s*{NAME}\s+{MINUTES}(?:\s*,\s*{NAME}\s+{MINUTES})*")
PLAYER = re.compile(rf"{NAME}(?:\s*\({NAME}\s+\d{{1,3}}\))?")
LABEL = re.compile(r"(?P<label>[A-Z][\w'.&\- ]{1,40}?):\s*(?=[A-Z])")
# a full stop after a word, number or bracket, and the space before a capital; or line breaks
# (the character before the stop is tested after it, and the breaks are written "\n\n*" not
# "\n+", so that every way opens on a character: the engine skips ahead to stops and breaks)
ITEM_END = re.compile(r"\.(?<=[a-z\d)]\.)[\"']*\s+(?=[A-Z:])|\n\n*")
SUBS = re.compile(r"^Subs(?: not used)?\s*:", re.IGNORECASE)
LINEUP_MIN = 9


@dataclass(frozen=True, slots=True)
class Side:
    """One team's part of the block: its label (a team, if named), players and goals."""

    team: str | None
    label_span: tuple[int, int] | None
    players: tuple[str, ...]
    goals: tuple[tuple[str, int, str], ...]  # (name, minute, "" | "pen" | "og")
    span: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Block:
    """The line-up block: the home side first."""

    home: Side
    away: Side

    @property
    def score(self) -> tuple[int, int]:
        return len(self.home.goals), len(self.away.goals)


def block(article: Article) -> Block | None:
    """The report's line-up block, when it has one with two sides."""
    return _block(article.fold)


@lru_cache(maxsize=64)
def _block(text: str) -> Block | None:
    sides: list[dict[str, object]] = []
    for start, end in _items(text):
        if not sides and text.count(",", start, end) < LINEUP_MIN - 1:
            continue  # no line-up, and goals only count after one: most of the text, read no further
        item = text[start:end].strip().rstrip(".")
        offset = start + (len(text[start:end]) - len(text[start:end].lstrip()))
        if item.count(",") >= LINEUP_MIN - 1:  # else neither the item nor its body is a line-up
            label = LABEL.match(item)
            team = _team(label["label"]) if label else None
            body = item[label.end():] if label and team else item
            if _is_lineup(body):
                sides.append({"team": team, "label": (offset, offset + label.end("label")) if team else None,
                              "players": _players(body), "goals": [], "start": offset, "end": end})
                continue
        if sides and not SUBS.match(item):
            goals = _goals(item)
            if goals:
                sides[-1]["goals"] += goals  # type: ignore[operator]
                sides[-1]["end"] = end
    if len(sides) != 2:
        return None
    home, away = (Side(s["team"], s["label"], tuple(s["players"]), tuple(s["goals"]),  # type: ignore[arg-type]
                       (s["start"], s["end"])) for s in sides)  # type: ignore[arg-type]
    return Block(home, away)


def _items(text: str) -> list[tuple[int, int]]:
    """Sentence-like pieces of the text: the block's entries end with a full stop or a line."""
    out, start = [], 0
    for m in ITEM_END.finditer(text):
        out.append((start, m.start() + (1 if text[m.start()] == "." else 0)))
        start = m.end()
    out.append((start, len(text)))
    return out


def _team(label: str) -> str | None:
    hits = [h for h in knowledge.teams().find(label) if len(h.teams) == 1 and h.strength in ("name", "nickname")]
    if hits and hits[0].start == 0 and hits[0].end == len(label.strip()):
        return hits[0].teams[0]
    return None


def _is_lineup(body: str) -> bool:
    parts = [p.strip() for p in body.split(",")]
    return len(parts) >= LINEUP_MIN and all(PLAYER.fullmatch(p) for p in parts)


def _players(body: str) -> list[str]:
    return [re.sub(r"\s*\(.*", "", p.strip()) for p in body.split(",")]


def _goals(item: str) -> list[tuple[str, int, str]]:
    """The goals of an item such as ``Goals: Rooney 68, Dunne 75 og`` or ``Henry 2, 29``."""
    if not GOAL_ITEM.fullmatch(item.strip()):
        return []
    out = []
    for g in GOAL.finditer(item):
        for minute in re.finditer(r"(\d{1,3})(?:\s*\+\s*\d{1,2})?\s*\(?(pen|og)?\)?", g["mins"]):
            out.append((g["name"], int(minute[1]), minute[2] or ""))
    return out
