"""The query language, parsed into a small tree that no engine has to know.

Syntax, as in Whoosh and most search boxes::

    penalty save                 both words (AND is implied)
    Lukaku OR Lautaro            either
    NOT offside   -offside       without
    "hit the post"               the exact phrase; "hit post"~3 within 3 words
    Handanovich~                 this word or a near spelling
    Malin*                       a pattern (a prefix needs 2 letters at least)
    (goal OR penalty) AND Inter  grouping
    player:Handanovic  team:"Man Utd"  event:penalty_saved  competition:"Serie A"
    date:2020-01  date:[2020-01-01 TO 2020-03-31]

A lenient parse (the CLI's) always returns a tree and says in ``notes`` what
it ignored; a strict parse (the library's default) raises
:class:`~search.request.QueryError` with the reason instead.

    >>> parse('"hit the post" player:Lukaku -offside').node
    All(items=(Phrase(words=('hit', 'the', 'post'), slop=0), Filter(field='player', value='Lukaku', upper=None), Not(item=Word(text='offside', fuzzy=False))))
    >>> parse('penalty (save', strict=False).notes
    ['an opening parenthesis was never closed; read it as closed at the end']
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .request import Lenient, QueryError

FIELDS = ("player", "team", "event", "competition", "date")
MAX_QUERY_CHARS = 1000
MIN_PATTERN_PREFIX = 2


@dataclass(frozen=True)
class Word:
    text: str
    fuzzy: bool = False


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]
    slop: int = 0


@dataclass(frozen=True)
class Pattern:
    pattern: str


@dataclass(frozen=True)
class Filter:
    field: str
    value: str
    upper: str | None = None  # the end of a range, for date:[a TO b]


@dataclass(frozen=True)
class Is:
    """Resolved: the report's ``field`` (player, team, event, competition) is one of ``values``."""

    field: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Did:
    """Resolved: one of ``players`` did one of ``events`` in the report."""

    players: tuple[str, ...]
    events: tuple[str, ...]


@dataclass(frozen=True)
class During:
    """Resolved: the report's date is within the range (ends included; ``None`` is open)."""

    since: dt.date | None
    until: dt.date | None


@dataclass(frozen=True)
class All:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Any:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    item: Node


Node = Word | Phrase | Pattern | Filter | Is | Did | During | All | Any | Not


@dataclass
class Parsed:
    node: Node | None
    notes: list[str] = field(default_factory=list)


TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<lparen>\()
  | (?P<rparen>\))
  | (?P<field>[A-Za-z_]+):(?=\S)
  | (?P<range>\[[^\]]*\]?)
  | (?P<quote>"[^"]*"?(?:~\d+)?)
  | (?P<word>[^\s()"]+)
""", re.VERBOSE)


class _Parser(Lenient):
    def __init__(self, text: str, strict: bool) -> None:
        super().__init__(strict)
        self.tokens = self._lex(text)
        self.pos = 0

    def _lex(self, text: str) -> list[tuple[str, str]]:
        out = []
        for m in TOKEN.finditer(text):
            kind = m.lastgroup
            assert kind is not None
            if kind != "space":
                out.append((kind, m.group(kind)))
        return out

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def parse(self) -> Node | None:
        node = self.expr(depth=0)
        while self.peek() is not None:  # only a stray ")" stops expr early
            self.take()
            self.problem("a closing parenthesis had no opening one; ignored it")
            rest = self.expr(depth=0)
            node = _join(All, [n for n in (node, rest) if n is not None])
        return node

    def expr(self, depth: int) -> Node | None:
        options = [self.conjunction(depth)]
        while self._is_word("OR"):
            self.take()
            options.append(self.conjunction(depth))
        present = [o for o in options if o is not None]
        if len(options) > 1 and len(present) < len(options):
            self.problem("OR needs something on both sides; ignored the empty side")
        return _join(Any, present)

    def conjunction(self, depth: int) -> Node | None:
        items: list[Node] = []
        while True:
            tok = self.peek()
            if tok is None or tok[0] == "rparen" or self._is_word("OR"):
                break
            if self._is_word("AND"):
                self.take()
                continue
            item = self.unary(depth)
            if item is not None:
                items.append(item)
        return _join(All, items)

    def unary(self, depth: int) -> Node | None:
        if self._is_word("NOT"):
            self.take()
            inner = self.unary(depth) if self.peek() not in (None, ("rparen", ")")) else None
            if inner is None:
                self.problem("NOT needs something after it; ignored it")
                return None
            return Not(inner)
        kind, value = self.peek() or ("", "")
        if kind == "word" and value.startswith("-") and len(value) > 1:
            self.tokens[self.pos] = ("word", value[1:])
            inner = self.unary(depth)
            return Not(inner) if inner is not None else None
        if kind == "word" and value.startswith("+") and len(value) > 1:
            self.tokens[self.pos] = ("word", value[1:])
        return self.atom(depth)

    def atom(self, depth: int) -> Node | None:
        kind, value = self.take()
        if kind == "lparen":
            inner = self.expr(depth + 1)
            if self.peek() is not None and self.peek()[0] == "rparen":  # type: ignore[index]
                self.take()
            else:
                self.problem("an opening parenthesis was never closed; read it as closed at the end")
            return inner
        if kind == "field":
            return self.field(value.lower())
        if kind == "quote":
            return self.phrase(value)
        if kind == "range":
            self.problem(f"a range {value} needs a field, as in date:{value}; ignored it")
            return None
        return self.word(value)

    def field(self, name: str) -> Node | None:
        if name not in FIELDS:
            self.problem(f"unknown field {name}: (fields: {', '.join(FIELDS)}); searched its value as text")
            return self.atom(0) if self.peek() is not None else None
        if self.peek() is None:
            self.problem(f"{name}: needs a value; ignored it")
            return None
        kind, value = self.take()
        if kind == "range":
            m = re.fullmatch(r"\[\s*(\S*)\s+TO\s+(\S*)\s*\]", value, re.IGNORECASE)
            if not m or name != "date":
                self.problem(f"cannot read the range {name}:{value}; ignored it")
                return None
            return Filter(name, m[1] or "*", m[2] or "*")
        if kind == "quote":
            text = value.strip('"').split('"~')[0].strip()
            if not value.endswith('"') and "~" not in value:
                self.problem("a quote was never closed; read it as closed at the end")
            return Filter(name, text) if text else None
        if kind in ("lparen", "rparen"):
            self.pos -= 1
            self.problem(f"{name}: needs a value; ignored it")
            return None
        return Filter(name, value)

    def phrase(self, value: str) -> Node | None:
        m = re.fullmatch(r'"([^"]*)("?)(?:~(\d+))?', value)
        assert m is not None
        if not m[2]:
            self.problem("a quote was never closed; read it as closed at the end")
        words = tuple(w for w in re.findall(r"[^\s]+", m[1]))
        if not words:
            return None
        if len(words) == 1:
            return Word(words[0])
        return Phrase(words, int(m[3]) if m[3] else 0)

    def word(self, value: str) -> Node | None:
        fuzzy = value.endswith("~")
        text = value.rstrip("~")
        text = re.sub(r"~\d*(?:\.\d+)?$", "", text)
        if not text:
            return None
        if "*" in text or "?" in text:
            literal = re.split(r"[*?]", text, maxsplit=1)[0]
            if len(literal) < MIN_PATTERN_PREFIX:
                self.problem(f"the pattern {text!r} is too broad (it needs at least "
                             f"{MIN_PATTERN_PREFIX} letters before * or ?); ignored it")
                return None
            return Pattern(text.lower())
        return Word(text, fuzzy)

    def _is_word(self, op: str) -> bool:
        tok = self.peek()
        return tok is not None and tok == ("word", op)


def _join(kind: type[All] | type[Any], items: list[Node]) -> Node | None:
    if not items:
        return None
    if len(items) == 1:
        return items[0]
    return kind(tuple(items))


def parse(text: str, strict: bool = True) -> Parsed:
    """Parse a query string; lenient parses never raise, strict ones raise :class:`QueryError`."""
    if len(text) > MAX_QUERY_CHARS:
        message = f"the query is {len(text)} characters long; the limit is {MAX_QUERY_CHARS}"
        if strict:
            raise QueryError(message)
        text = text[:MAX_QUERY_CHARS]
        parser = _Parser(text, strict)
        parser.notes.append(message + "; used the start of it")
    else:
        parser = _Parser(text, strict)
    return Parsed(parser.parse(), parser.notes)


def words(node: Node | None) -> list[str]:
    """Every free-text word of a query, for suggestions and alias expansion."""
    if isinstance(node, Word):
        return [node.text]
    if isinstance(node, Phrase):
        return list(node.words)
    if isinstance(node, (All, Any)):
        return [w for item in node.items for w in words(item)]
    if isinstance(node, Not):
        return words(node.item)
    return []


def targets(node: Node | None) -> tuple[set[str], set[str]]:
    """The players and events a query requires at its top level: what evidence to show."""
    players: set[str] = set()
    events: set[str] = set()
    items = node.items if isinstance(node, All) else (node,) if node is not None else ()
    for item in items:
        if isinstance(item, Did):
            players.update(item.players)
            events.update(item.events)
        elif isinstance(item, Is) and item.field in ("player", "event"):
            (players if item.field == "player" else events).update(item.values)
    return players, events


def plain_words(node: Node | None) -> list[str]:
    """The words of a query that is only words (for the phrase-proximity boost)."""
    items = node.items if isinstance(node, All) else (node,) if node is not None else ()
    found = []
    for item in items:
        if isinstance(item, Word):
            found.append(item.text)
        elif isinstance(item, Any) and isinstance(item.items[0], Word):
            found.append(item.items[0].text)
        else:
            return []
    return found
