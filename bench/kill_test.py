#!/usr/bin/env python3
"""Kill the indexer with SIGKILL at random moments, many times; then check nothing was lost.

Generates a corpus with ``../shared/bench/make_corpus.py`` (cached in
``bench/out/corpus-N``), then repeats ``matchsearch index`` on it, each run
killed after a random delay, until ``--kills`` kills have landed; after each
kill it opens the index and checks that it answers a search and that its
document count is one a commit left (from the journal). A last run goes to
the end, and the index must hold every file exactly once (count, paths, ids).
Prints one line a kill (delay, what the journal says was happening, count)
and a summary; exits 1 on any violation.

    python bench/kill_test.py --n 1500 --kills 10 --batch 300 [--seed 1]
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MAKE_CORPUS = HERE.parent.parent / "shared" / "bench" / "make_corpus.py"
CLI = [sys.executable, "-c", "from search.cli import main; main()"]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1500)
    ap.add_argument("--kills", type=int, default=10)
    ap.add_argument("--batch", type=int, default=300)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-delay", type=float, default=12.0)
    args = ap.parse_args()
    sys.path.insert(0, str(HERE.parent))
    from search import open_index
    from tests.indexer import committed_counts, journal

    corpus = HERE / "out" / f"corpus-{args.n}"
    if not corpus.exists():
        subprocess.run([sys.executable, str(MAKE_CORPUS), str(corpus), "--n", str(args.n)], check=True)
    files = sorted(str(p) for p in corpus.glob("*.txt"))
    where = HERE / "out" / "kill-index"
    subprocess.run(["rm", "-rf", str(where)], check=True)
    rng = random.Random(args.seed)
    command = CLI + ["index", str(corpus), "--index", str(where), "--batch", str(args.batch),
                     "--jobs", str(args.jobs), "--json"]
    failures, kills, runs = 0, 0, 0
    started = time.monotonic()
    while kills < args.kills:
        delay = rng.uniform(0.5, args.max_delay)
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        runs += 1
        try:
            proc.wait(timeout=delay)
            print(f"run {runs}: finished before its kill at {delay:.1f} s; starting over")
            subprocess.run(["rm", "-rf", str(where)], check=True)
            continue
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        kills += 1
        entries = journal(where)
        doing = entries[-1]["event"] if entries else "nothing journalled"
        ix = open_index(where)
        count = ix.stats()["documents"]
        ix.search("goal")
        ix.close()
        ok = count in committed_counts(where)
        failures += not ok
        print(f"kill {kills}: at {delay:.1f} s, last journal entry {doing!r}, "
              f"{count} documents {'(a committed state)' if ok else '(NOT a committed state)'}")
    proc = subprocess.run(command, capture_output=True, text=True)
    summary = json.loads(proc.stdout)
    ix = open_index(where)
    count = ix.stats()["documents"]
    hits = [h for page in range(1, len(files) // 1000 + 2) for h in ix.search(limit=1000, page=page).hits]
    once = sorted(h.path for h in hits) == files and len({h.id for h in hits}) == len(files)
    print(f"final run: added {summary['added']}, unchanged {summary['unchanged']}, "
          f"notes {summary['notes']}")
    print(f"{kills} kills in {runs + 1} runs, {time.monotonic() - started:.0f} s: {count} documents of "
          f"{len(files)}; every file exactly once: {once}; states after kills all committed: "
          f"{failures == 0}")
    return 0 if once and count == len(files) and failures == 0 and proc.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
