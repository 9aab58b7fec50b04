"""Indexing a pile of inputs: read, skip what is unchanged, extract in parallel, write.

Reading and writing stay in this process; normalising and extraction, the
costly pure-Python part, run in worker processes over bounded windows of
articles, so memory stays flat however large the archive. Commits are
batched and atomic: a crash loses at most the last batch, and running the
same command again picks up from there (unchanged inputs are recognised by
digest, so every report ends up in the index exactly once).
"""
from __future__ import annotations

import datetime as dt
import gc
import os
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import islice
from multiprocessing.pool import Pool
from pathlib import Path

from . import extract, extract_article
from .errors import IndexProblem
from .interrupts import Interrupts, TooSlow, time_limit
from .lock import DEFAULT_WAIT_S
from .matches import indexed, match_id
from .normalise import fold, normalise
from .read import DEFAULT_MAX_BYTES, RawArticle, Skipped, discover, read_all
from .record import Record
from .registry import Registry
from .document import document, texts
from .postings import Analysed, analyse
from .store import Store

WINDOW = 256
AHEAD = 3  # windows extracting while one is written: a commit takes seconds
BATCH = 2000


@dataclass
class IndexReport:
    """What one run did: counts, every skipped input with its reason, and notes on the index."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"added": self.added, "updated": self.updated, "unchanged": self.unchanged,
                "duplicates": self.duplicates,
                "skipped": [{"source": s.source, "reason": s.reason} for s in self.skipped],
                "notes": self.notes}


@dataclass(frozen=True)
class Options:
    jobs: int = 0  # 0: every core
    max_bytes: int = DEFAULT_MAX_BYTES
    ref_date: dt.date | None = None
    batch: int = BATCH  # reports a commit: a crash loses at most this much work
    wait: float = DEFAULT_WAIT_S  # seconds to wait for another writer to finish
    article_seconds: float = 60.0  # processor seconds: an article that takes longer is skipped (0: no limit)


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
    """Index ``paths`` into the index at ``where`` (created if missing).

    Holds the index's writer lock throughout (waiting up to ``options.wait``
    for another writer). Every commit is atomic and journalled; after a kill
    the same call completes the work, and a Ctrl-C commits what is done
    before it stops. A damaged index is rebuilt from its recorded inputs.
    """
    given = [str(p) for p in paths]
    with Store.open(where, options.wait) as store, Interrupts() as interrupts, _few_collections():
        report = IndexReport(notes=list(store.folder.notes))
        inputs = given + [p for p in store.reread if p not in {os.path.abspath(q) for q in given}]
        store.folder.journal.start(inputs)
        registry = Registry.load(where)
        try:
            _run(store, registry, report, inputs, options, interrupts, progress or (lambda n: None))
        except KeyboardInterrupt:
            with interrupts.held():
                _commit(store, registry)
            raise
        with interrupts.held():
            _commit(store, registry)
            store.folder.journal.append("end", **{k: v for k, v in report.to_json().items()
                                           if isinstance(v, int)})
    return report


GC_THRESHOLDS = (20_000, 20, 1_000)  # allocations before a young collection, and how often older ones run


@contextmanager
def _few_collections() -> Iterator[None]:
    """Indexing allocates millions of small objects that live until the next commit, almost none
    of them in cycles: at Python's default thresholds the cycle collector took 15% of the
    writer's time scanning them. The workers inherit the setting."""
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _run(store: Store, registry: Registry, report: IndexReport, inputs: list[str],
         options: Options, interrupts: Interrupts, tick: Callable[[int], None]) -> None:
    """Read, skip what is unchanged, extract, write; commit every ``options.batch`` reports.

    Up to :data:`AHEAD` windows are extracting in the workers while this process
    writes the oldest, so the extractors keep working through a commit.
    """
    with _Extractor(options.jobs) as extractor:
        pending: deque[tuple[list[tuple[RawArticle, bool]], Iterator[Done]]] = deque()
        for window in _windows(read_all(inputs, options.max_bytes), WINDOW):
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
            pending.append((todo, extractor.submit([raw for raw, _ in todo], options.ref_date,
                                                   options.article_seconds)))
            if len(pending) > AHEAD:
                _write_window(store, registry, report, options, interrupts, tick, *pending.popleft())
        while pending:
            _write_window(store, registry, report, options, interrupts, tick, *pending.popleft())


def _write_window(store: Store, registry: Registry, report: IndexReport, options: Options,
                  interrupts: Interrupts, tick: Callable[[int], None],
                  todo: list[tuple[RawArticle, bool]], results: Iterator[Done]) -> None:
    for (raw, changed), done in zip(todo, results):
        with interrupts.held():  # the writer only ever holds whole documents
            if isinstance(done, Skipped):
                report.skipped.append(done)
            else:
                _write(store, registry, report, raw, changed, *done)
            if store.pending >= options.batch:
                _commit(store, registry)
        tick(1)


def _write(store: Store, registry: Registry, report: IndexReport, raw: RawArticle,
           changed: bool, rec: Record, analysed: dict[str, Analysed], people: list[Spelled]) -> None:
    if not changed and store.known(rec.id):
        report.duplicates += 1
        report.skipped.append(Skipped(raw.source, "same text as a report already indexed"))
        return
    rec = canonical_players(rec, people, registry)
    match = match_id(rec, lambda home, away: indexed(store.reports_between(home, away)))
    store.put(document(rec, raw.source, raw.digest, match), replace=changed, analysed=analysed)
    if changed:
        report.updated += 1
    else:
        report.added += 1


def _commit(store: Store, registry: Registry) -> None:
    """Registry first: a crash between the two leaves extra names, never missing ones."""
    try:
        if store.pending:
            registry.save(store.folder.path)
        store.commit()
    except OSError as exc:  # a full disk, a file size limit, an I/O error
        raise IndexProblem(f"could not write the index at {store.folder.path}"
                           f" ({exc.strerror or exc}); what earlier commits hold is kept:"
                           " make room and run the same command again") from exc


Spelled = tuple[str, str | None, tuple[str, ...]]  # a player's name, team and every spelling in the text


def player_spellings(rec: Record) -> list[Spelled]:
    """The report's players with every spelling the report used for them ("Ruslan Malinvosky"
    and "Malinovsky"): what the registry resolves (computed in the workers).

    The spellings go in order as a tuple: a set came out in an order that changed from run to run,
    and unpickling sets took a fifth of the transfer of a report from the workers."""
    return [(p.name, p.team, tuple(sorted({fold(rec.text[s:e]) for s, e in p.spans})))
            for p in rec.facts.players if p.role == "player"]


def canonical_players(rec: Record, people: list[Spelled], registry: Registry) -> Record:
    """The record with every player name replaced by the registry's canonical one.

    The registry sees each of the report's ``people`` with their spellings and
    team, and the match's teams.
    """
    f = rec.facts
    names = registry.resolve_report(people, match=[t.name for t in f.teams])
    names = {old: new for old, new in names.items() if old != new}
    if not names:
        return rec
    players = tuple(replace(p, name=names[p.name]) if p.name in names else p for p in f.players)
    scorers = tuple(replace(g, player=names[g.player]) if g.player in names else g for g in f.scorers)
    events = tuple(replace(e, player=names[e.player]) if e.player in names else e for e in f.events)
    return replace(rec, facts=replace(f, players=players, scorers=scorers, events=events))


def _windows(items: Iterator[RawArticle | Skipped], size: int) -> Iterator[list[RawArticle | Skipped]]:
    items = iter(items)
    while window := list(islice(items, size)):
        yield window


Done = tuple[Record, dict[str, Analysed], list[Spelled]] | Skipped


def _extract_one(args: tuple[RawArticle, dt.date | None, float]) -> Done:
    """One article's record and analysed text fields; a failure skips that article, not the run."""
    raw, ref_date, seconds = args
    _ready()
    try:
        with time_limit(seconds):
            rec = extract_article(normalise(raw, ref_date=ref_date))
            return rec, analyse(texts(rec)), player_spellings(rec)
    except TooSlow:
        return Skipped(raw.source, f"took longer than {seconds:g} s of processor time to read"
                                   f" ({len(raw.text):,} characters); please report this file")
    except Exception as exc:  # a bug on one odd article must not stop an archive's indexing
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{os.path.basename(frame.filename)}:{frame.lineno}"
        return Skipped(raw.source, f"could not be processed ({type(exc).__name__} at {where}: {exc});"
                                   " please report this")


@cache
def _ready() -> None:
    """Load the data files and compile every stage's patterns, once per process and outside any
    article's time limit: that is the process's cost, not the first article's."""
    extract("Inter 1-1 Atalanta\n\nInter drew 1-1 with Atalanta at San Siro.")


class _Extractor:
    """Extraction in this process (one job) or in a pool of workers that die with us."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs or os.cpu_count() or 1
        self.pool: Pool | None = None

    def __enter__(self) -> _Extractor:
        if self.jobs > 1:
            import multiprocessing as mp
            self.pool = mp.get_context("fork").Pool(self.jobs, initializer=_start_worker)
        return self

    def submit(self, raws: list[RawArticle], ref_date: dt.date | None, seconds: float) -> Iterator[Done]:
        """Start extracting ``raws``: their results in order, each as soon as its chunk of
        eight is done, so that the writer files a window while its last chunks are extracted
        (waiting for whole windows left a core idle while the writer filed the last one)."""
        args = [(r, ref_date, seconds) for r in raws]
        if self.pool is None or len(args) < 8:
            return iter([_extract_one(a) for a in args])
        return self.pool.imap(_extract_one, args, chunksize=8)

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()


def _start_worker() -> None:
    """Workers die with the indexer (they would hold nothing, but linger) and leave Ctrl-C to it;
    their data and patterns load once and are set aside from the cycle collector's scans."""
    import signal
    try:
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        _ready()
    except Exception:  # raised again by the first article, as an error the indexer reports:
        pass  # a failing initializer would only make the pool start workers forever
    gc.freeze()
