#!/usr/bin/env python3
"""Speed of matchsearch against plain Whoosh, measured in one run on one machine.

For each corpus size it generates reports with ``../shared/bench/make_corpus.py``
(cached in ``bench/out/corpus-N``), then measures:

- indexing wall time and peak memory: ``matchsearch index`` (full extraction)
  and the baseline ``../shared/bench/naive_whoosh.py index`` (no extraction), one
  right after the other; with ``--pairs N``, N such pairs, and the medians (a shared
  machine's speed drifts by a fifth within minutes, and a ratio of one pair with it);
- re-indexing the unchanged corpus;
- query latency p50/p95 through the library for a fixed mix (free text,
  phrase, player, event, player+event, team, date range; each with facet
  counts and highlights of the first ten hits) on an index opened once and
  warmed with ``MatchIndex.warm()`` (its seconds are a column), and the
  baseline's p50/p95 on the free-text part;
- cold ``matchsearch search`` wall time (a new process, as a user runs it).

``--real`` also indexes the whole real archive in ``../shared/corpus``.
Prints a table and writes ``bench/out/results.json``. Timings are figures to
read, never test assertions.

    python bench/bench.py --sizes 3000 20000 [--real] [--rounds 5] [--pairs 3]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
OUT = HERE / "out"

FREE_TEXT = ["penalty", "late winner", "red card", "header", "equaliser", "crossbar",
             "keeper", "corner", "stoppage time", "free kick"]
MIX = [
    ("free text", {"text": "penalty"}),
    ("free text 2 words", {"text": "late winner"}),
    ("phrase", {"text": '"hit the post"'}),
    ("player", {"player": "Rooney"}),
    ("event", {"event": "penalty_saved"}),
    ("player+event", {"player": "Rooney", "event": "goal"}),
    ("team", {"team": "Arsenal"}),
    ("date range", {"since": "2013-01", "until": "2013-06"}),
]


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB of the child (and its children), stdout."""
    wrapper = [sys.executable, "-c",
               "import resource,subprocess,sys,json;"
               "p=subprocess.run(sys.argv[1:],capture_output=True,text=True);"
               "sys.stderr.write(p.stderr);"
               "r=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss;"
               "print(json.dumps({'rc':p.returncode,'maxrss_kb':r,'out':p.stdout}))", *cmd]
    start = time.perf_counter()
    proc = subprocess.run(wrapper, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - start
    info = json.loads(proc.stdout.strip().splitlines()[-1])
    if info["rc"] != 0:
        raise RuntimeError(f"{cmd[:3]} failed: {proc.stderr[-2000:]}")
    return wall, info["maxrss_kb"] / 1024, info["out"]


def corpus(n: int) -> Path:
    where = OUT / f"corpus-{n}"
    if not (where / f"{n - 1:06d}.txt").exists():
        subprocess.run([sys.executable, str(SHARED / "bench" / "make_corpus.py"), str(where),
                        "--n", str(n)], check=True, capture_output=True)
    return where


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * (len(values) - 1)))]


def library_latency(where: Path, rounds: int, clock: Callable[[], float] = time.perf_counter,
                    warm: bool = True) -> tuple[float | None, dict[str, dict[str, float]]]:
    """Seconds of ``MatchIndex.warm()`` (``None`` with ``warm=False``), and p50/p95 ms of
    each kind of the mix, of the whole mix and of the baseline's queries.

    A program that answers many queries warms its index once, as a server would;
    ``clock``: wall time by default; ``bench/query_speed.py --cpu`` passes process time.
    """
    sys.path.insert(0, str(ROOT))
    from search import open_index

    ix = open_index(where)
    warmed = None
    if warm:
        start = clock()
        ix.warm()
        warmed = clock() - start
    ix.search("warm up")
    per: dict[str, list[float]] = {name: [] for name, _ in MIX}
    free: list[float] = []
    for _ in range(rounds):
        for name, kw in MIX:
            t = clock()
            ix.search(kw.get("text", ""), **{k: v for k, v in kw.items() if k != "text"})
            per[name].append(clock() - t)
        for q in FREE_TEXT:
            t = clock()
            ix.search(q)
            free.append(clock() - t)
    everything = [x for xs in per.values() for x in xs]
    out = {name: {"p50_ms": 1000 * statistics.median(xs), "p95_ms": 1000 * percentile(xs, 0.95)}
           for name, xs in per.items()}
    out["ALL (mix)"] = {"p50_ms": 1000 * statistics.median(everything),
                        "p95_ms": 1000 * percentile(everything, 0.95)}
    out["free text (baseline's queries)"] = {"p50_ms": 1000 * statistics.median(free),
                                             "p95_ms": 1000 * percentile(free, 0.95)}
    ix.close()
    return warmed, out


def cold_search(ms: list[str], where: Path, runs: int = 3) -> float:
    """Wall seconds of ``matchsearch search`` in a new process, as a user runs it: timed
    directly (no wrapper process), the best of ``runs`` after one run that leaves Python's
    bytecode cache in place (an installed package has it)."""
    cmd = ms + ["search", "penalty", "--index", str(where)]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(cmd, capture_output=True, check=True, env=env)
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True, env=env)
        best = min(best, time.perf_counter() - start)
    return best


def seeds_cold_search() -> float:
    """Cold ``matchsearch search`` on an index of the README's seeds."""
    where = OUT / "ix-seeds"
    shutil.rmtree(where, ignore_errors=True)
    ms = [str(Path(sys.executable).with_name("matchsearch"))]
    subprocess.run(ms + ["index", str(ROOT / "seeds"), "--index", str(where)], capture_output=True, check=True)
    try:
        return cold_search(ms, where)
    finally:
        shutil.rmtree(where, ignore_errors=True)


def run_size(n: int | None, source: Path, rounds: int, jobs: int, keep: bool = False,
             pairs: int = 1) -> dict[str, object]:
    label = str(n) if n else "real archive"
    work = OUT / f"ix-{n or 'real'}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    ms = [str(Path(sys.executable).with_name("matchsearch"))]
    base = [sys.executable, str(SHARED / "bench" / "naive_whoosh.py")]
    result: dict[str, object] = {"corpus": label, "source": str(source)}
    runs = []
    for k in range(pairs):  # the first pair's indexes are the ones measured below
        ours = work / ("ms" if k == 0 else f"ms-{k}")
        wall, rss, out = timed(ms + ["index", str(source), "--index", str(ours), "--json", "--jobs", str(jobs)])
        run: dict[str, object] = {"ms_index_s": wall, "ms_index_peak_mb": rss}
        if k == 0:
            summary = json.loads(out.strip().splitlines()[-1])
            result |= {"ms_docs": summary["added"], "ms_skipped": len(summary["skipped"])}
        else:
            shutil.rmtree(ours)
        if n:  # the baseline reads only .txt files, as written
            theirs = work / ("naive" if k == 0 else f"naive-{k}")
            wall, rss, _ = timed(base + ["index", str(source), str(theirs)])
            run |= {"naive_index_s": wall, "naive_index_peak_mb": rss}
            if k:
                shutil.rmtree(theirs)
        runs.append(run)
    result |= medians(runs)
    if pairs > 1:
        result["index_pairs"] = runs
    wall, rss, _ = timed(ms + ["index", str(source), "--index", str(work / "ms"), "--json"])
    result |= {"ms_reindex_s": wall}
    result |= {"ms_cold_search_s": cold_search(ms, work / "ms")}
    result["ms_warm_s"], result["ms_latency"] = library_latency(work / "ms", rounds)
    if n:
        _, _, out = timed(base + ["query", str(work / "naive"), *FREE_TEXT])
        result["naive_latency"] = json.loads(out.strip().splitlines()[-1])
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
    return result


def medians(runs: list[dict[str, object]]) -> dict[str, object]:
    """The median of each figure over the index runs, and of the ratio of each pair (not the
    ratio of the medians: each pair ran on the machine of the same minutes)."""
    out: dict[str, object] = {k: statistics.median(r[k] for r in runs) for k in runs[0]}  # type: ignore[misc]
    if "naive_index_s" in out:
        out["ratio"] = statistics.median(r["ms_index_s"] / r["naive_index_s"] for r in runs)  # type: ignore[operator]
    return out


def table(rows: list[dict[str, object]]) -> str:
    def f(x: object, spec: str = ".1f") -> str:
        return "-" if x is None else format(x, spec)  # type: ignore[arg-type]

    head = ("corpus", "docs", "index s", "naive s", "ratio", "peak MB", "naive MB", "reindex s",
            "cold s", "warm s", "mix p50", "mix p95", "free p95", "naive p95")
    lines = [" | ".join(head), " | ".join("---" for _ in head)]
    for r in rows:
        lat = r["ms_latency"]  # type: ignore[index]
        naive = r.get("naive_latency") or {}
        ratio = r.get("ratio")
        lines.append(" | ".join([
            str(r["corpus"]), str(r["ms_docs"]), f(r["ms_index_s"]), f(r.get("naive_index_s")),
            f(ratio, ".2f"), f(r["ms_index_peak_mb"], ".0f"), f(r.get("naive_index_peak_mb"), ".0f"),
            f(r["ms_reindex_s"]), f(r["ms_cold_search_s"], ".2f"), f(r.get("ms_warm_s"), ".2f"),
            f(lat["ALL (mix)"]["p50_ms"]), f(lat["ALL (mix)"]["p95_ms"]),  # type: ignore[index]
            f(lat["free text (baseline's queries)"]["p95_ms"]),  # type: ignore[index]
            f(naive.get("p95_ms"))]))  # type: ignore[union-attr]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="*", default=[3000, 20000])
    ap.add_argument("--real", action="store_true", help="also index the whole ../shared/corpus")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=0)
    ap.add_argument("--pairs", type=int, default=1,
                    help="index each corpus this many times, each run of ours followed by the baseline's;"
                         " the table shows the medians")
    ap.add_argument("--keep", action="store_true",
                    help="keep the indexes in bench/out/ix-N for bench/query_speed.py")
    args = ap.parse_args()
    if not SHARED.exists():
        sys.exit("bench needs ../shared beside the checkout")
    OUT.mkdir(exist_ok=True)
    seeds = seeds_cold_search()
    rows = [run_size(n, corpus(n), args.rounds, args.jobs, args.keep, args.pairs) for n in args.sizes]
    if args.real:
        rows.append(run_size(None, SHARED / "corpus", args.rounds, args.jobs, args.keep, args.pairs))
    machine = {"cpus": os.cpu_count(), "python": platform.python_version(),
               "platform": platform.platform(), "memory_gb": round(
                   os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
               "when": time.strftime("%Y-%m-%d %H:%M")}
    (OUT / "results.json").write_text(json.dumps({"machine": machine, "cold_search_seeds_s": seeds,
                                                  "rows": rows}, indent=1))
    print(f"machine: {machine}")
    print(f"cold matchsearch search on the seeds: {seeds:.2f} s")
    print(table(rows))
    for r in rows:
        print(f"\n{r['corpus']}: query latency by kind (ms)")
        for name, v in r["ms_latency"].items():  # type: ignore[union-attr]
            print(f"  {name:32s} p50 {v['p50_ms']:7.1f}  p95 {v['p95_ms']:7.1f}")


if __name__ == "__main__":
    main()
