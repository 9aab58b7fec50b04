"""What a report becomes in the index: its fields, facet cells and lookup keys.

Engine-neutral: plain values (text, keys, dates, bytes) that
:mod:`index.store` hands to Whoosh and :mod:`search.engine` reads back.
Facet fields hold canonical names; ``*_keys`` fields hold folded keys for
matching what users type.
"""
from __future__ import annotations

import datetime as dt
import json

from .knowledge import key
from .record import GOAL_TYPES, Record

def document(rec: Record, source: str, digest: str, match: str | None) -> dict[str, object]:
    """The Whoosh fields of one record (facets hold canonical names)."""
    f = rec.facts
    players = [p.name for p in f.players if p.role == "player"]
    types = {e.type for e in f.events}
    pairs = {pair_key(e.player, e.type) for e in f.events if e.player}
    for g in f.scorers:  # who scored is the reconciled list, which may know more than the phrases
        if g.player:
            kind = "own_goal" if g.own_goal else "penalty_goal" if g.penalty else "goal"
            pairs |= {pair_key(g.player, kind), pair_key(g.player, "goal")}
            types.add(kind)
    if any(t in GOAL_TYPES for t in types):
        types.add("goal")
    names = players + [p.name for p in f.players if p.role == "manager"] + [t.name for t in f.teams]
    doc: dict[str, object] = {
        "id": rec.id, "source": source, "state": state_key(source, digest),
        "path": rec.path or source, "url": rec.url or "",
        **texts(rec),
        "names": " ".join(names),
        "teams": ",".join(t.name for t in f.teams),
        "team_keys": ",".join(key(t.name) for t in f.teams),
        "player_keys": ",".join(key(p) for p in players),
        "events": ",".join(sorted(types)),
        "player_events": ",".join(sorted(pairs)),
        "report": bool(f.is_match_report and f.is_match_report.value),
        "day": rec.date.toordinal() if rec.date else 0,
        "record": json.dumps(rec.to_json(), ensure_ascii=False),
    }
    if rec.date:
        doc["date"] = dt.datetime(rec.date.year, rec.date.month, rec.date.day)
    if f.competition:
        doc["competition"] = f.competition.value
    if f.venue:
        doc["venue"] = f.venue.value
    if match:
        doc["match"] = match
    doc["facets"] = facet_bytes({
        "player": players, "team": [t.name for t in f.teams], "event": sorted(types),
        "competition": [f.competition.value] if f.competition else [],
        "month": [rec.date.strftime("%Y-%m")] if rec.date else []})
    return doc


def texts(rec: Record) -> dict[str, str]:
    """The searchable text fields: title, lead (first paragraph after the title) and body."""
    body_start = rec.text.find("\n\n", len(rec.title or "")) + 2 if rec.title else 0
    lead = rec.text[body_start:].split("\n\n", 1)[0]
    return {"title": rec.title or "", "lead": lead, "body": rec.text}


FACET_SEP, VALUE_SEP = "\x1e", "\x1f"


def facet_bytes(values: dict[str, list[str]]) -> bytes:
    """Every facet value of a document in one column cell: counting reads one cell a hit."""
    return FACET_SEP.join(f"{kind}{VALUE_SEP}{v}" for kind, vs in values.items()
                          for v in vs).encode("utf-8")


def pair_key(player: str, event: str) -> str:
    """The term that says ``player`` did ``event`` in a report."""
    return f"{key(player)}|{event}"


def state_key(source: str, digest: str) -> str:
    return f"{source}\x00{digest}"
