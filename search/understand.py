"""Understanding a parsed query: names, nicknames, event types and dates resolved.

The parser only knows syntax; this step knows football. ``player:`` and
``--player`` accept any spelling the player registry knows, ``team:`` and
``--team`` any name or nickname in the team data, ``date:`` any form
:func:`search.dates.parse_day` reads. Free-text words that name a team or a
player also match that team's or player's reports. A top-level player filter
and event filter together mean the player did the event.
"""
from __future__ import annotations

from collections.abc import Callable

from index import knowledge
from index.record import EVENT_TYPES
from index.registry import Registry

from .dates import parse_day
from .query import All, Any, Did, During, Filter, Is, Node, Not, Phrase, Word
from .request import Lenient

MAX_ALIAS_WORDS = 3
MIN_PLAYER_WORD = 4
MAX_NAMED = 10_000  # words remembered with the player they name (a bound for long-lived programs)


class Understanding(Lenient):
    """Resolves one query's filters and aliases, collecting notes as it goes."""

    def __init__(self, registry: Registry, strict: bool,
                 named: dict[str, str | None] | None = None) -> None:
        """``named``: free-text words -> the player each names, kept by the caller for the
        life of ``registry`` (a word the registry has not seen is compared with every
        surname of like length, which costs milliseconds; queries repeat their words)."""
        super().__init__(strict)
        self.registry = registry
        self.named = {} if named is None else named

    def resolve(self, node: Node | None) -> Node | None:
        if node is None:
            return None
        if isinstance(node, All):
            items = [self.resolve(i) for i in self._aliases_in_runs(list(node.items))]
            return _did([i for i in items if i is not None])
        if isinstance(node, Any):
            items = [r for r in (self.resolve(i) for i in node.items) if r is not None]
            return items[0] if len(items) == 1 else (Any(tuple(items)) if items else None)
        if isinstance(node, Not):
            inner = self.resolve(node.item)
            return Not(inner) if inner is not None else None
        if isinstance(node, Filter):
            return self.filter(node)
        if isinstance(node, Word):
            return self._with_alias(node, node.text)
        if isinstance(node, Phrase):
            return self._with_alias(node, " ".join(node.words))
        return node

    def filter(self, f: Filter) -> Node | None:
        handler: dict[str, Callable[[Filter], Node | None]] = {
            "player": self._player, "team": self._team, "event": self._event,
            "competition": self._competition, "date": self._date}
        return handler[f.field](f)

    def _player(self, f: Filter) -> Node | None:
        found = self.registry.lookup(f.value)
        if not found:
            self.notes.append(f"no player known as {f.value!r}")
            return Is("player", (f.value,))
        return Is("player", tuple(found))

    def _team(self, f: Filter) -> Node:
        team = knowledge.teams().resolve(f.value)
        if team is None:
            self.notes.append(f"no team known as {f.value!r}; matched the name as given")
        return Is("team", (team or f.value,))

    def _event(self, f: Filter) -> Node | None:
        if f.value not in EVENT_TYPES:
            self.problem(f"unknown event type {f.value!r}; one of: {', '.join(EVENT_TYPES)}")
            return None
        return Is("event", (f.value,))

    def _competition(self, f: Filter) -> Node:
        found = next((c for c, _, _ in knowledge.competitions().find(f.value)), None)
        if found is None:
            found = next((c for c, _, _ in knowledge.competitions().find(f.value.title())), f.value)
        return Is("competition", (found,))

    def _date(self, f: Filter) -> Node | None:
        low = f.value if f.upper is None or f.value != "*" else None
        high = f.value if f.upper is None else (f.upper if f.upper != "*" else None)
        since = parse_day(low) if low else None
        until = parse_day(high, end=True) if high else None
        if (low and since is None) or (high and until is None):
            self.problem(f"cannot read {f.value if since is None and low else f.upper!r} as a date "
                         "(try 2020-01-11, 2020-01, 'January 2020' or 'last week')")
            return None
        return During(since, until)

    def _with_alias(self, node: Node, text: str) -> Node:
        """A word or phrase that names a team or player also matches their reports."""
        team = knowledge.teams().resolve(text)
        if team is not None:
            return Any((node, Is("team", (team,))))
        if len(text) >= MIN_PLAYER_WORD:
            if text not in self.named:
                if len(self.named) >= MAX_NAMED:
                    self.named.clear()
                self.named[text] = self.registry.find(text)
            player = self.named[text]
            if player is not None:
                return Any((node, Is("player", (player,))))
        return node

    def _aliases_in_runs(self, items: list[Node]) -> list[Node]:
        """"Man Utd" typed without quotes: adjacent words that together name a team."""
        out: list[Node] = []
        i = 0
        while i < len(items):
            for n in range(MAX_ALIAS_WORDS, 1, -1):
                run = items[i:i + n]
                if len(run) == n and all(isinstance(w, Word) for w in run):
                    text = " ".join(w.text for w in run)  # type: ignore[union-attr]
                    if knowledge.teams().resolve(text) is not None:
                        out.append(Phrase(tuple(w.text for w in run)))  # type: ignore[union-attr]
                        i += n
                        break
            else:
                out.append(items[i])
                i += 1
        return out


def _did(items: list[Node]) -> Node | None:
    """At the top of an AND, player and event filters become "this player did this event"."""
    players = [i for i in items if isinstance(i, Is) and i.field == "player"]
    events = [i for i in items if isinstance(i, Is) and i.field == "event"]
    if players and events:
        rest = [i for i in items if i not in players and i not in events]
        items = rest + [Did(p.values, e.values) for p in players for e in events]
    if not items:
        return None
    return items[0] if len(items) == 1 else All(tuple(items))
