"""Indexing a pile of inputs: read, skip what is unchanged, extract in parallel, write.

Reading and writing stay in this process; normalising and extraction, the
costly pure-Python part, run in worker processes over bounded windows of
articles, so memory stays flat however large the archive. Commits are
batched: a crash loses at most the last batch, and running the same command
again picks up from there (unchanged inputs are recognised by digest).
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path

from . import extract_article
from .matches import indexed, match_id
from .normalise import fold, normalise
from .read import DEFAULT_MAX_BYTES, RawArticle, Skipped, discover, read_all
from .record import Record
from .registry import Registry
from .store import Store, document

WINDOW = 256
BATCH = 2000


@dataclass
class IndexReport:
    """What one run did: counts, and every skipped input with its reason."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    skipped: list[Skipped] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"added": self.added, "updated": self.updated, "unchanged": self.unchanged,
                "duplicates": self.duplicates,
                "skipped": [{"source": s.source, "reason": s.reason} for s in self.skipped]}


@dataclass(frozen=True)
class Options:
    jobs: int = 0  # 0: every core
    max_bytes: int = DEFAULT_MAX_BYTES
    ref_date: dt.date | None = None
    batch: int = BATCH


def count_inputs(paths: Iterable[str | os.PathLike[str]]) -> int:
    """How many articles a run will look at (JSON lines counted line by line), for progress."""
    total = 0
    for p in discover(paths):
        if isinstance(p, Path):
            if p.suffix.lower() in (".jsonl", ".ndjson"):
                try:
                    with p.open("rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
    return total


def build(where: str | os.PathLike[str], paths: Iterable[str | os.PathLike[str]],
          options: Options = Options(),
          progress: Callable[[int], None] | None = None) -> IndexReport:
    """Index ``paths`` into the index at ``where`` (created if missing)."""
    store = Store.open(where)
    registry = Registry.load(where)
    report = IndexReport()
    tick = progress or (lambda n: None)
    try:
        with _Extractor(options.jobs) as extractor:
            for window in _windows(read_all(paths, options.max_bytes), WINDOW):
                todo: list[tuple[RawArticle, bool]] = []
                for item in window:
                    if isinstance(item, Skipped):
                        report.skipped.append(item)
                        tick(1)
                        continue
                    status = store.status(item.source, item.digest)
                    if status == "unchanged":
                        report.unchanged += 1
                        tick(1)
                    else:
                        todo.append((item, status == "changed"))
                records = extractor.map([raw for raw, _ in todo], options.ref_date)
                for (raw, changed), rec in zip(todo, records):
                    _write(store, registry, report, raw, changed, rec)
                    tick(1)
                if store.pending >= options.batch:
                    _commit(store, registry, where)
        _commit(store, registry, where)
    except BaseException:
        store.cancel()
        raise
    return report


def _write(store: Store, registry: Registry, report: IndexReport, raw: RawArticle,
           changed: bool, rec: Record) -> None:
    if not changed and store.known(rec.id):
        report.duplicates += 1
        report.skipped.append(Skipped(raw.source, "same text as a report already indexed"))
        return
    rec = canonical_players(rec, registry)
    match = match_id(rec, lambda home, away: indexed(store.reports_between(home, away)))
    store.put(document(rec, raw.source, raw.digest, match), replace=changed)
    if changed:
        report.updated += 1
    else:
        report.added += 1


def _commit(store: Store, registry: Registry, where: str | os.PathLike[str]) -> None:
    """Registry first: a crash between the two leaves extra names, never missing ones."""
    if store.pending:
        registry.save(where)
    store.commit()


def canonical_players(rec: Record, registry: Registry) -> Record:
    """The record with every player name replaced by the registry's canonical one.

    The registry sees each player with every spelling the report used for them
    ("Ruslan Malinvosky" and "Malinovsky"), their team, and the match's teams.
    """
    f = rec.facts
    people = [(p.name, p.team, {fold(rec.text[s:e]) for s, e in p.spans}) for p in f.players
              if p.role == "player"]
    names = registry.resolve_report(people, match=[t.name for t in f.teams])
    players = tuple(replace(p, name=names.get(p.name, p.name)) for p in f.players)
    scorers = tuple(replace(g, player=names.get(g.player, g.player)) if g.player else g
                    for g in f.scorers)
    events = tuple(replace(e, player=names.get(e.player, e.player)) if e.player else e
                   for e in f.events)
    return replace(rec, facts=replace(f, players=players, scorers=scorers, events=events))


def _windows(items: Iterator[RawArticle | Skipped], size: int) -> Iterator[list[RawArticle | Skipped]]:
    items = iter(items)
    while window := list(islice(items, size)):
        yield window


def _extract_one(args: tuple[RawArticle, dt.date | None]) -> Record:
    raw, ref_date = args
    return extract_article(normalise(raw, ref_date=ref_date))


class _Extractor:
    """Extraction in this process (one job) or in a pool of workers that die with us."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs or os.cpu_count() or 1
        self.pool = None

    def __enter__(self) -> _Extractor:
        if self.jobs > 1:
            import multiprocessing as mp
            self.pool = mp.get_context("fork").Pool(self.jobs, initializer=_die_with_parent)
        return self

    def map(self, raws: list[RawArticle], ref_date: dt.date | None) -> list[Record]:
        args = [(r, ref_date) for r in raws]
        if self.pool is None or len(args) < 8:
            return [_extract_one(a) for a in args]
        return self.pool.map(_extract_one, args, chunksize=8)

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()


def _die_with_parent() -> None:
    """Workers must not outlive a killed indexer (they would hold nothing, but linger)."""
    import signal
    try:
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
