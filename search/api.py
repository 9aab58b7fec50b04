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
from dataclasses import replace
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.registry import Registry
from index.store import Store
from index.trust import check_trusted

from .limits import check_request
from .query import All, Filter, parse
from .request import Hit, QueryError, Request, Results
from .understand import Understanding

if TYPE_CHECKING:
    from index.build import IndexReport

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
        self._named: dict[str, str | None] = {}  # what the registry says free-text words name

    @property
    def engine(self) -> Any:
        if self._engine is None:
            from .engine import Engine
            self._engine = Engine(self.where)
        return self._engine

    @property
    def registry(self) -> Registry:
        if self._registry is None:
            self._registry, self._named = Registry.load(self.where), {}
        return self._registry

    def add(self, paths: Iterable[str | os.PathLike[str]], jobs: int = 0,
            max_bytes: int | None = None, ref_date: dt.date | None = None,
            progress: Callable[[int], None] | None = None, wait: float | None = None,
            batch: int | None = None) -> IndexReport:
        """Index files and folders; unchanged inputs are skipped, changed ones replaced.

        ``wait``: seconds to wait for another writer (default 60); ``batch``:
        reports per commit (default 2000).
        """
        from index.build import Options, build  # searching never loads the indexing stack

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
               page: int = 1, facet_limit: int = 10, group: bool = False,
               strict: bool = True) -> Results:
        """Search reports: free text in the query language of :mod:`search.query`, and filters.

        Every filter narrows; facets count the whole result set. ``strict``
        (the default) raises :class:`QueryError` for anything it cannot
        understand; ``strict=False`` answers anyway and says in
        ``Results.notes`` what it ignored.
        """
        if sort not in ("relevance", "date"):
            raise QueryError(f"sort must be 'relevance' or 'date', not {sort!r}")
        if limit < 1 or page < 1 or facet_limit < 0:
            raise QueryError("limit and page start at 1")
        check_request(text, len(_many(player)) + len(_many(team)) + len(_many(event)), limit, page)
        parsed = parse(text, strict=strict)
        if text.strip() and parsed.node is None and parsed.notes:
            raise QueryError("nothing to search for in the query: " + "; ".join(parsed.notes))
        options: list[Filter] = [Filter("player", p) for p in _many(player)]
        options += [Filter("team", t) for t in _many(team)]
        options += [Filter("event", e) for e in _many(event)]
        options += [Filter("competition", competition)] if competition else []
        if since is not None or until is not None:
            options.append(_date_filter(since, until))
        # option values are the user's own words: a bad one is an error even when lenient
        from_options = Understanding(self.registry, strict=True)
        resolved = [n for n in (from_options.filter(f) for f in options) if n is not None]
        parts = ([parsed.node] if parsed.node is not None else []) + resolved
        tree = parts[0] if len(parts) == 1 else All(tuple(parts)) if parts else None
        understanding = Understanding(self.registry, strict=strict, named=self._named)
        node = understanding.resolve(tree)
        req = Request(node=node, text=text, sort=sort, limit=limit, page=page,
                      facet_limit=facet_limit, group=group)
        res = self.engine.search(req)
        notes = parsed.notes + from_options.notes + understanding.notes + res.notes
        return replace(res, notes=list(dict.fromkeys(notes)))

    def related(self, doc_id: str, limit: int = 10) -> tuple[list[Hit], list[Hit]]:
        """Other reports of the same match, then the most similar other reports."""
        fields = self.engine.get(doc_id)
        if fields is None:
            return [], []
        return self.engine.related(fields["id"], limit)

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

    def warm(self) -> None:
        """Load now what the first searches would otherwise load as they need it: the player
        registry, and every report's facet values, field lengths and match.

        For a program that answers many queries from one open index: its first
        searches then take as long as later ones. Beyond the registry, which any first
        search loads, it costs about 0.6 s and 66 MB at 20,000 reports and 3 s and
        343 MB at 100,000 (see the README's performance section); a one-shot search
        should not pay it, and the CLI does not.
        """
        self.registry
        self.engine.warm()

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


def _date_filter(since: str | dt.date | None, until: str | dt.date | None) -> Filter:
    def text(v: str | dt.date | None) -> str:
        return "*" if v is None else v.isoformat() if isinstance(v, dt.date) else v
    return Filter("date", text(since), text(until))
