#!/usr/bin/env python3
"""Extraction cost on its own: reports per second on one core, and where the time goes.

Reads the real reports of ``../shared/corpus`` (ESPN FC, BBC Sport, web) and
300 generated ones, then normalises and extracts each one in this process.
``--profile`` prints the functions that take the most time (cProfile), to
find what to optimise next. ``--save FILE`` writes every record (with spans)
and ``--compare FILE`` reports the articles whose record changed since: an
optimisation that should not change behaviour must compare clean.

    python bench/extract_speed.py [--repeat 3] [--profile | --stages] [--save F | --compare F]
"""
from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import pstats
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from index import extract_article  # noqa: E402
from index.extract import STAGES  # noqa: E402
from index.normalise import normalise  # noqa: E402
from index.read import RawArticle, read_all  # noqa: E402
from index.record import Facts  # noqa: E402

SOURCES = ["espnfc-epl-2013", "bbcsport-2005/football", "gdelt-web-2023-2026"]
GENERATED = 300


def reports() -> list[RawArticle]:
    """The real reports, then generated ones (made once, in ``bench/out``)."""
    made = ROOT / "bench" / "out" / f"generated-{GENERATED}"
    if not (made / f"{GENERATED - 1:06d}.txt").exists():
        subprocess.run([sys.executable, str(SHARED / "bench" / "make_corpus.py"), str(made),
                        "--n", str(GENERATED)], check=True, capture_output=True)
    paths = [SHARED / "corpus" / s for s in SOURCES] + [made]
    return [r for r in read_all(paths) if isinstance(r, RawArticle)]


def snapshot(raws: list[RawArticle]) -> dict[str, dict[str, object]]:
    """Every report's record with the evidence spans, keyed by source; ``facts`` fingerprints
    what the JSON leaves out (players' teams and roles, every confidence)."""
    out = {}
    for raw in raws:
        rec = extract_article(normalise(raw))
        here = rec.to_json(spans=True) | {"facts": hashlib.sha1(repr(rec.facts).encode()).hexdigest()}
        here["path"] = here["path"] and here["path"].replace(str(ROOT), "<checkout>")  # any worktree
        out[raw.source.replace(str(ROOT), "<checkout>")] = here
    return out


def compare(saved: dict[str, dict[str, object]], now: dict[str, dict[str, object]]) -> int:
    """Print the fields that changed, report by report; the number of changed reports."""
    changed = 0
    for source in sorted(set(saved) | set(now)):
        before, after = saved.get(source, {}), now.get(source, {})
        fields = [k for k in sorted(set(before) | set(after)) if before.get(k) != after.get(k)]
        if fields:
            changed += 1
            print(f"{source}:")
            for k in fields:
                print(f"  {k}: {json.dumps(before.get(k))[:300]}\n   -> {json.dumps(after.get(k))[:300]}")
    return changed


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--stages", action="store_true", help="CPU time of each stage")
    ap.add_argument("--save", type=Path, help="write every record to this JSON file")
    ap.add_argument("--compare", type=Path, help="show what changed since --save")
    args = ap.parse_args()
    raws = reports()
    if args.save:
        args.save.write_text(json.dumps(snapshot(raws)))
        print(f"saved {len(raws)} records to {args.save}")
        return
    if args.compare:
        changed = compare(json.loads(args.compare.read_text()), snapshot(raws))
        print(f"{changed} of {len(raws)} records changed")
        sys.exit(1 if changed else 0)
    extract_article(normalise(raws[0]))  # load data files and compile matchers once
    chars = sum(len(r.text) for r in raws)

    def run() -> None:
        for raw in raws:
            extract_article(normalise(raw))

    if args.stages:
        print_stages(raws)
        return
    if args.profile:
        prof = cProfile.Profile()
        prof.runcall(run)
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
        return
    best = min(_time(run) for _ in range(args.repeat))
    print(f"{len(raws)} reports, {chars / len(raws):.0f} chars each on average")
    print(f"extraction: {len(raws) / best:.0f} reports per CPU second ({1000 * best / len(raws):.2f} ms each)")


def print_stages(raws: list[RawArticle]) -> None:
    """Milliseconds of CPU per report spent in normalising and in each extraction stage."""
    spent = dict.fromkeys(["normalise"] + [st.name for st in STAGES], 0.0)
    for raw in raws:
        start = time.process_time()
        article = normalise(raw)
        spent["normalise"] += time.process_time() - start
        facts = Facts()
        for st in STAGES:
            start = time.process_time()
            facts = st(article, facts)
            spent[st.name] += time.process_time() - start
    for name, secs in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"{name:20s} {1000 * secs / len(raws):6.2f} ms")
    print(f"{'total':20s} {1000 * sum(spent.values()) / len(raws):6.2f} ms")


def _time(fn: Callable[[], None]) -> float:
    """CPU seconds of this process: steadier than wall time on a shared machine."""
    start = time.process_time()
    fn()
    return time.process_time() - start


if __name__ == "__main__":
    main()
