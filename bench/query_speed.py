#!/usr/bin/env python3
"""Query latency on an index you already have, where its time goes, and what it answers.

``bench/bench.py`` builds its indexes and measures everything in one run (minutes
of both cores); this reads existing ones, so query work is measured in seconds:

- the latency of each kind of ``bench.py``'s mix and of the baseline's free-text
  queries, and, with ``--naive``, the baseline itself (``naive_whoosh.py``'s loop)
  on its own index of the same corpus, in this process;
- ``--cpu``: process time instead of wall time for both, steadier on a shared machine;
- ``--profile KIND``: the functions that take the most own time (cProfile) over
  that kind's queries (``free`` for the baseline's queries);
- ``--save FILE`` / ``--compare FILE``: every answer (hits, ranks, highlights,
  facets, notes) to a fixed set of probe queries: an optimisation that should not
  change behaviour must compare clean.

    python bench/query_speed.py IX [--naive NAIVE_IX] [--cpu] [--profile KIND] [--save F | --compare F]
"""
from __future__ import annotations

import argparse
import contextlib
import cProfile
import importlib.util
import io
import json
import pstats
import sys
import time
import types
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]  # bench.py beside this file, then the project

from bench import FREE_TEXT, MIX, SHARED, library_latency  # noqa: E402
from search import open_index  # noqa: E402

PROBES: list[dict[str, Any]] = [{"text": q} for q in FREE_TEXT] + [kw for _, kw in MIX] + [
    {"text": "penalty", "page": 2}, {"text": "penalty", "sort": "date"},
    {"text": "penalty", "group": True}, {"text": "Rooney header"}, {"text": "Rooneyy"},
    {"text": "cross*"}, {"text": '"late winner"~3'}, {"text": "goal -penalty"},
    {"text": "NOT penalty"}, {"text": "Arsenal corner"}, {"text": "Man Utd"},
    {"text": "date:2013 penalty"}, {"text": "", "team": "Arsenal", "since": "2012-01"},
    {"text": "keeper", "player": "Rooney"}, {"text": "the"}, {"text": "penalty save", "limit": 50},
    {"text": "header OR volley"}, {"text": "Gerrard~"}, {"text": "winner", "facet_limit": 3},
]


def answers(where: Path) -> list[dict[str, Any]]:
    """What the library answers to every probe (ranks to 6 places)."""
    ix = open_index(where)
    out = []
    for kw in PROBES:
        res = ix.search(kw.get("text", ""), strict=False, **{k: v for k, v in kw.items() if k != "text"})
        got = res.to_json()
        for hit in got["hits"]:
            hit["rank"] = round(hit["rank"], 6)
        out.append({"probe": kw, "answer": got})
    ix.close()
    return out


def naive_latency(where: Path, rounds: int, clock: Any) -> dict[str, float]:
    """The baseline's own query loop, run here so that it is timed with the same clock."""
    spec = importlib.util.spec_from_file_location("naive_whoosh", SHARED / "bench" / "naive_whoosh.py")
    assert spec is not None and spec.loader is not None
    naive = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(naive)
    naive.time = types.SimpleNamespace(perf_counter=clock)  # its loop reads time.perf_counter
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        naive.query(str(where), FREE_TEXT, rounds=rounds)
    return json.loads(printed.getvalue().strip().splitlines()[-1])


def profile(where: Path, kind: str, rounds: int) -> None:
    queries = [{"text": q} for q in FREE_TEXT] if kind == "free" else [kw for n, kw in MIX if n == kind]
    if not queries:
        sys.exit(f"no kind {kind!r}: one of free, {', '.join(n for n, _ in MIX)}")
    ix = open_index(where)
    ix.warm()  # as bench.py measures: the steady state
    ix.search("warm up")
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(rounds):
        for kw in queries:
            ix.search(kw.get("text", ""), **{k: v for k, v in kw.items() if k != "text"})
    prof.disable()
    pstats.Stats(prof).sort_stats("tottime").print_stats(25)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("index", type=Path)
    ap.add_argument("--naive", type=Path, help="the baseline's index of the same corpus")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--cpu", action="store_true", help="process time, not wall time")
    ap.add_argument("--cold", action="store_true",
                    help="do not warm the index first: first searches read what they need")
    ap.add_argument("--profile", metavar="KIND")
    ap.add_argument("--save", type=Path)
    ap.add_argument("--compare", type=Path)
    args = ap.parse_args()
    if args.profile:
        return profile(args.index, args.profile, args.rounds)
    if args.save or args.compare:
        now = answers(args.index)
        if args.save:
            args.save.write_text(json.dumps(now, ensure_ascii=False, indent=0))
        if args.compare:
            before = json.loads(args.compare.read_text())
            changed = [b["probe"] for a, b in zip(now, before) if a != b]
            print(f"{len(changed)} of {len(now)} answers changed", *changed, sep="\n")
            sys.exit(1 if changed else 0)
        return None
    clock = time.process_time if args.cpu else time.perf_counter
    warmed, latency = library_latency(args.index, args.rounds, clock, warm=not args.cold)
    print(f"{'CPU' if args.cpu else 'wall'} ms, {args.rounds} rounds, {args.index}"
          + (f", warmed in {warmed:.2f} s" if warmed is not None else ", not warmed"))
    for name, v in latency.items():
        print(f"  {name:32s} p50 {v['p50_ms']:7.1f}  p95 {v['p95_ms']:7.1f}")
    if args.naive:
        v = naive_latency(args.naive, args.rounds, clock)
        print(f"  {'baseline (naive_whoosh.py)':32s} p50 {v['p50_ms']:7.1f}  p95 {v['p95_ms']:7.1f}")
    return None


if __name__ == "__main__":
    main()
