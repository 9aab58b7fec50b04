"""The library: one object for an index, used by the CLI and by other programs.

    >>> import tempfile
    >>> from search import open_index
    >>> ix = open_index(tempfile.mkdtemp(), create=True)
    >>> ix.add(["seeds/"]).added
    2
    >>> res = ix.search("penalty", player="Handanovic", event="penalty_saved")
    >>> res.total
    2
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from index import knowledge
from index.build import IndexReport, Options, build
from index.record import EVENT_TYPES
from index.registry import Registry
from index.store import Store
from index.trust import check_trusted

from .dates import parse_day
from .request import QueryError, Request, Results

DEFAULT_INDEX = ".matchsearch"


def default_location() -> str:
    """``$MATCHSEARCH_INDEX``, else ``./.matchsearch``."""
    return os.environ.get("MATCHSEARCH_INDEX") or DEFAULT_INDEX


class IndexNotFound(FileNotFoundError):
    """No index where one was expected."""


class MatchIndex:
    """An index of match reports: add files to it, search it, read its reports."""

    def __init__(self, where: str | os.PathLike[str]) -> None:
        self.where = Path(where)
        self._engine: Any = None
        self._registry: Registry | None = None

    @property
    def engine(self) -> Any:
        if self._engine is None:
            from .engine import Engine
            self._engine = Engine(self.where)
        return self._engine

    @property
    def registry(self) -> Registry:
        if self._registry is None:
            self._registry = Registry.load(self.where)
        return self._registry

    def add(self, paths: Iterable[str | os.PathLike[str]], jobs: int = 0,
            max_bytes: int | None = None, ref_date: dt.date | None = None,
            progress: Callable[[int], None] | None = None, wait: float | None = None,
            batch: int | None = None) -> IndexReport:
        """Index files and folders; unchanged inputs are skipped, changed ones replaced.

        ``wait``: seconds to wait for another writer (default 60); ``batch``:
        reports per commit (default 2000).
        """
        given = {"max_bytes": max_bytes, "wait": wait, "batch": batch}
        opts = Options(jobs=jobs, ref_date=ref_date,
                       **{k: v for k, v in given.items() if v is not None})
        report = build(self.where, paths, opts, progress)
        self._registry = None
        return report

    def search(self, text: str = "", *, player: str | Sequence[str] | None = None,
               team: str | Sequence[str] | None = None, event: str | Sequence[str] | None = None,
               competition: str | None = None, since: str | dt.date | None = None,
               until: str | dt.date | None = None, sort: str = "relevance", limit: int = 10,
               page: int = 1, facet_limit: int = 10) -> Results:
        """Search reports; every filter narrows, and facets count the whole result set.

        Raises :class:`QueryError` for anything it cannot understand.
        """
        notes: list[str] = []
        players = []
        for name in _many(player):
            found = self.registry.lookup(name)
            if not found:
                notes.append(f"no player known as {name!r}")
            players.append(tuple(found) or (name,))
        teams = tuple(knowledge.teams().resolve(t) or t for t in _many(team))
        events = tuple(_many(event))
        for ev in events:
            if ev not in EVENT_TYPES:
                raise QueryError(f"unknown event type {ev!r}; one of: {', '.join(EVENT_TYPES)}")
        if sort not in ("relevance", "date"):
            raise QueryError(f"sort must be 'relevance' or 'date', not {sort!r}")
        if limit < 1 or page < 1:
            raise QueryError("limit and page start at 1")
        comp = None
        if competition:
            comp = next((c for c, _, _ in knowledge.competitions().find(competition)), competition)
        req = Request(text=text, players=tuple(players), teams=teams, events=events,
                      competition=comp, since=_date(since), until=_date(until, end=True),
                      sort=sort, limit=limit, page=page, facet_limit=facet_limit)
        res = self.engine.search(req)
        if notes:
            res = Results(res.query, res.total, res.page, res.hits, res.facets, notes + res.notes)
        return res

    def get(self, doc_id: str) -> dict[str, Any] | None:
        """One report's stored record (id or unique prefix), with its text."""
        import json
        fields = self.engine.get(doc_id)
        if fields is None:
            return None
        record = json.loads(fields["record"])
        record["text"] = fields["body"]
        record["source"] = fields["source"]
        record["match"] = fields.get("match")
        return record

    def stats(self) -> dict[str, int]:
        out = self.engine.stats()
        out["players"] = len(self.registry)
        return out

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()
            self._engine = None


def open_index(where: str | os.PathLike[str] | None = None, create: bool = False) -> MatchIndex:
    """Open the index at ``where`` (default: ``$MATCHSEARCH_INDEX`` or ``./.matchsearch``).

    ``create=True`` makes a new empty index if there is none.
    """
    path = Path(where or default_location())
    check_trusted(path)
    if not Store.exists(path):
        if not create:
            raise IndexNotFound(f"no index at {path} (run `matchsearch index PATH` first)")
        Store.create(path)
    return MatchIndex(path)


def _many(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _date(value: str | dt.date | None, end: bool = False) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    day = parse_day(value, end=end)
    if day is None:
        raise QueryError(f"cannot read {value!r} as a date (try 2020-01-11, 2020-01 or 'January 2020')")
    return day
