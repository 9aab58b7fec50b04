#!/usr/bin/env python3
"""Extraction cost on its own: reports per second on one core, and where the time goes.

Reads the real reports of ``../shared/corpus`` (ESPN FC, BBC Sport, web), then
normalises and extracts each one in this process. ``--profile`` prints the
functions that take the most time (cProfile), to find what to optimise next.

    python bench/extract_speed.py [--repeat 3] [--profile]
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index import extract_article  # noqa: E402
from index.normalise import normalise  # noqa: E402
from index.read import RawArticle, read_all  # noqa: E402

SOURCES = ["espnfc-epl-2013", "bbcsport-2005/football", "gdelt-web-2023-2026"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    corpus = ROOT.parent / "shared" / "corpus"
    raws = [r for r in read_all([corpus / s for s in SOURCES]) if isinstance(r, RawArticle)]
    extract_article(normalise(raws[0]))  # load data files and compile matchers once
    chars = sum(len(r.text) for r in raws)

    def run() -> None:
        for raw in raws:
            extract_article(normalise(raw))

    if args.profile:
        prof = cProfile.Profile()
        prof.runcall(run)
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
        return
    best = min(_time(run) for _ in range(args.repeat))
    print(f"{len(raws)} reports, {chars / len(raws):.0f} chars each on average")
    print(f"extraction: {len(raws) / best:.0f} reports per CPU second ({1000 * best / len(raws):.2f} ms each)")


def _time(fn) -> float:  # type: ignore[no-untyped-def]
    """CPU seconds of this process: steadier than wall time on a shared machine."""
    start = time.process_time()
    fn()
    return time.process_time() - start


if __name__ == "__main__":
    main()
