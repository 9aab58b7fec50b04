"""Helpers for tests that run the indexer as a real process: a corpus, a run, its journal.

The corpus comes from ``../shared/bench/make_corpus.py`` (real reports with
names swapped, every file distinct) when the shared folder is beside the
checkout, else from a template with varied teams, players and minutes.
"""
from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .conftest import SHARED

MAKE_CORPUS = SHARED / "bench" / "make_corpus.py"
TEAMS = ["Inter", "Atalanta", "Juventus", "Roma", "Lazio", "Napoli", "Arsenal", "Chelsea",
         "Liverpool", "Everton", "Fulham", "Brentford", "Leeds", "Burnley", "Sevilla", "Getafe"]
NAMES = ["Rossi", "Bianchi", "Smith", "Jones", "Garcia", "Silva", "Muller", "Novak", "Kane",
         "Costa", "Moreno", "Dubois", "Ferrari", "Walker", "Lopez", "Ivanov", "Berg", "Olsen"]


def make_reports(out: Path, n: int, seed: int = 1) -> list[Path]:
    """``n`` distinct report files in ``out`` (another ``seed``, other reports)."""
    out.mkdir(parents=True, exist_ok=True)
    if MAKE_CORPUS.exists():
        subprocess.run([sys.executable, str(MAKE_CORPUS), str(out), "--n", str(n), "--seed", str(seed)],
                       check=True, capture_output=True)
    else:
        rng = random.Random(seed * 100_003 + n)
        for i in range(n):
            (out / f"{i:06d}.txt").write_text(_synthetic(rng, i) + f" Series {seed}.",
                                              encoding="utf-8")
    return sorted(out.glob("*.txt"))


def _synthetic(rng: random.Random, i: int) -> str:
    home, away = rng.sample(TEAMS, 2)
    h, a = rng.randint(0, 4), rng.randint(0, 4)
    scorer, keeper, other = (f"{rng.choice('ABCDEFGHJKLMNPRST')}. {rng.choice(NAMES)}" for _ in range(3))
    minute = rng.randint(2, 89)
    return (f"{home} {h}-{a} {away}\n\n{home} and {away} met for the {i}th time on Saturday, and "
            f"the final score was {h}-{a}. {scorer} scored in the {minute}th minute after a fine "
            f"move down the left.\n\n{keeper} saved a penalty from {other} on {minute + 1} minutes, "
            f"and {other} later hit the post. Report number {i}, attendance {rng.randint(9000, 80000)}.")


def start(where: Path, corpus: Path, *args: str,
          before: Callable[[], None] | None = None) -> subprocess.Popen[str]:
    """``matchsearch index CORPUS --index WHERE ARGS...`` as a child process.

    ``before`` runs in the child before it starts (to set resource limits).
    """
    return subprocess.Popen(
        [sys.executable, "-c", "from search.cli import main; main()", "index", str(corpus),
         "--index", str(where), "--json", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=before)


def journal(where: Path) -> list[dict[str, Any]]:
    """The index's journal entries (complete lines only)."""
    try:
        lines = (where / "journal.log").read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    out = []
    for line in lines:
        try:
            out.append(json.loads(line))
        except ValueError:
            pass
    return out


def wait_for(condition: Callable[[], bool], proc: subprocess.Popen[str], timeout: float = 120) -> None:
    """Poll until ``condition`` holds; fail if the process ends first or time runs out."""
    deadline = time.monotonic() + timeout
    while not condition():
        if proc.poll() is not None:
            raise AssertionError(f"indexer ended before the kill point: {proc.communicate()}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError("kill point never reached")
        time.sleep(0.005)


def events(where: Path, run: int, event: str) -> int:
    """How many ``event`` entries the ``run``-th run (0 first) has written so far."""
    runs: dict[str, list[str]] = {}
    for e in journal(where):
        runs.setdefault(e["run"], []).append(e["event"])
    return list(runs.values())[run].count(event) if run < len(runs) else 0


def committed_counts(where: Path) -> set[int]:
    """Every document count a kill may leave: 0, each commit's, and one in flight."""
    counts, last = {0}, 0
    for e in journal(where):
        if e["event"] == "commit":
            last = e["documents"]
            counts.add(last)
        elif e["event"] == "committing":
            counts.add(last + e["reports"])
    return counts
