#!/usr/bin/env python3
"""How well matchsearch knows who scored: scorer F1, and "--player S --event goal" search.

Two measures over the real corpus in ``../shared/corpus``:

- **scorers**: for every report of ``labels/dev.jsonl`` that lists its scorers,
  the extracted scorers against the labelled ones at surname level, goal by
  goal (a brace is two), own goals counted apart. Labels come from a scraped
  results table, so "Ag?ero" stands for "Agüero": "?" matches any letter.
- **aligned scorers**: the same over the auto-aligned reports outside the dev labels
  whose goal lists are trusted (``alignment/`` as ``bench/alignment_review.json`` put it
  right, ``goals_confidence`` "normal"): the figure for reports the rules were not written
  against.
- **search**: the ESPN FC reports indexed through the library, then for every
  scorer surname S of the trusted ground truth (dev labels, and the alignment
  file's goals with ``goals_confidence`` "normal", as reviewed; the 2013-14 goal lists are
  unreliable, see ``alignment/README.md``) ``search(player=S, event="goal")``
  against the reports in which someone called S scored. The baseline is a
  plain text search for S. Only reports with trusted goals count on either side.

    python bench/eval_players.py [--corpus ../shared/corpus] [--index DIR] [--show]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.eval_extraction import ALIGNED_FOLDERS, ESPN_ALIGNMENT, reviewed_alignment  # noqa: E402
from index import extract  # noqa: E402
from index.extract.similar import near  # noqa: E402
from index.knowledge import key  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
ESPN = ALIGNED_FOLDERS[ESPN_ALIGNMENT]  # the ESPN FC reports: the folder its alignment file names


@dataclass
class Tally:
    """True positives, false positives, false negatives, and the cases behind the errors."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def figures(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "f1": round(self.f1, 3), "tp": self.tp, "fp": self.fp, "fn": self.fn}


def surname(name: str) -> str:
    """The comparison key of a person: the last word, accents folded ("R.v. Persie" -> "persie")."""
    words = key(name.replace("?", "_")).replace("_", "?").split()
    return words[-1] if words else ""


def same_surname(label: str, found: str, typos: bool = True) -> bool:
    """Does the labelled surname (where "?" is any letter) match the extracted one?

    With ``typos`` a near spelling counts: the report's own typo ("Beasejour") names the
    same man. Across reports it does not: Ramires and Ramirez are two people.
    """
    pattern = re.escape(label).replace(r"\?", ".")
    return any(re.fullmatch(pattern, f) is not None or (typos and "?" not in label and near(label, f))
               for f in {found, found.split("-")[-1]})


def _compare(labelled: list[str], extracted: list[str], tally: Tally, where: str) -> None:
    left = list(extracted)
    for name in labelled:
        hit = next((x for x in left if same_surname(name, x)), None)
        if hit is None:
            tally.fn += 1
            tally.misses.append(f"{where}: missed {name}")
        else:
            tally.tp += 1
            left.remove(hit)
    tally.fp += len(left)
    tally.misses += [f"{where}: extra {x}" for x in left]


def labelled_reports(corpus: Path) -> list[dict]:
    """Rows of ``labels/dev.jsonl`` that list their scorers (an empty list for 0-0)."""
    rows = [json.loads(line) for line in (corpus / "labels" / "dev.jsonl").read_text().splitlines() if line]
    return [r for r in rows if r.get("scorers") is not None]


def scorer_scores(corpus: Path = CORPUS) -> dict[str, Tally]:
    """Scorer P/R/F1 over the labelled reports, own goals apart."""
    return _scored(corpus, labelled_reports(corpus), "")


def aligned_scorer_scores(corpus: Path = CORPUS) -> dict[str, Tally]:
    """Scorer P/R/F1 over the aligned reports outside the dev labels with trusted goal lists."""
    dev = {row["file"] for row in labelled_reports(corpus)}
    rows = []
    for name, folder in ALIGNED_FOLDERS.items():
        for key, row in reviewed_alignment(name, corpus).items():
            match, file = row.get("match") or {}, f"{folder}/{key}"
            told = match.get("goals") or (match.get("home_score"), match.get("away_score")) == (0, 0)
            if match.get("goals_confidence") == "normal" and told and file not in dev:
                rows.append({"file": file, "scorers": match.get("goals") or []})
    return _scored(corpus, rows, "_aligned")


def _scored(corpus: Path, rows: list[dict], suffix: str) -> dict[str, Tally]:
    goals, own = Tally(), Tally()
    for row in rows:
        path = corpus / row["file"]
        rec = extract(path.read_text(encoding="utf-8", errors="replace"), path=str(path))
        for tally, og in ((goals, False), (own, True)):
            labelled = [surname(g["player"]) for g in row["scorers"] if (g["type"] == "og") == og]
            found = [surname(g.player) for g in rec.facts.scorers if g.player and g.own_goal == og]
            _compare(labelled, found, tally, row["file"])
    return {"scorers" + suffix: goals, "own_goals" + suffix: own}


def trusted_goals(corpus: Path = CORPUS) -> dict[str, list[str]]:
    """ESPN FC file name -> surnames of its (non-own-goal) scorers, where the goals are trusted:
    the dev labels, then the alignment's trusted goal lists, both as ``alignment_review.json``
    put them right (a dev label of a reviewed file was joined from the same wrong link)."""
    truth: dict[str, list[str]] = {}
    for row in labelled_reports(corpus):
        if row["file"].startswith(ESPN + "/"):
            truth[row["file"].split("/", 1)[1]] = [surname(g["player"]) for g in row["scorers"]
                                                   if g["type"] != "og"]
    for name, row in reviewed_alignment(ESPN_ALIGNMENT, corpus).items():
        match = row.get("match") or {}
        if row.get("method") == "review":  # dev labels were joined from the same links: the reading wins
            truth.pop(name, None)
        if match.get("goals_confidence") == "normal" and name not in truth:
            truth[name] = [surname(g["player"]) for g in match["goals"] if g["type"] != "og"]
    return truth


def search_scores(corpus: Path = CORPUS, where: str | None = None) -> dict[str, Tally]:
    """``--player S --event goal`` against the trusted scorers, and plain text search for S."""
    from search import open_index

    folder = where or tempfile.mkdtemp(prefix="eval-players-")
    ix = open_index(folder, create=True)
    ix.add([corpus / ESPN], jobs=0)
    truth = trusted_goals(corpus)
    names: list[str] = []
    for s in sorted({s for scorers in truth.values() for s in scorers}, key=lambda s: ("?" in s, s)):
        if not any(same_surname(s, kept, typos=False) or same_surname(kept, s, typos=False) for kept in names):
            names.append(s)  # "ag?ero" of the scraped table is the "aguero" of the labels
    faceted, plain = Tally(), Tally()
    for s in names:
        wanted = {f for f, scorers in truth.items()  # "aguero" also stands for the "ag?ero" it replaced
                  if any(same_surname(s, x, typos=False) or same_surname(x, s, typos=False) for x in scorers)}
        query = as_written(s, ((corpus / ESPN / f).read_text(encoding="utf-8", errors="replace")
                               for f in sorted(wanted)))  # read only for a damaged label
        for tally, hits in ((faceted, _files(ix.search(player=query, event="goal", limit=500))),
                            (plain, _files(ix.search(query, limit=500)))):
            got = hits & truth.keys()
            tally.tp += len(got & wanted)
            tally.fp += len(got - wanted)
            tally.fn += len(wanted - got)
            if tally is faceted:
                tally.misses += [f"{s}: missed {f}" for f in sorted(wanted - got)]
                tally.misses += [f"{s}: extra {f}" for f in sorted(got - wanted)]
    ix.close()
    return {"player_goal_search": faceted, "plain_text_search": plain}


def as_written(label: str, texts: Iterable[str]) -> str:
    """The labelled surname as the reports spell it, which is what a user types: the results
    table lost a letter or an apostrophe where it shows "?" ("tour?" is Touré, "o?shea" O'Shea).
    The measure used to search for "tour" and "oshea", names nobody writes.
    """
    if "?" not in label:
        return label
    pattern = re.compile(r"(?<!\w)" + re.escape(label).replace(r"\?", r"\S?") + r"(?!\w)", re.IGNORECASE)
    found = next((m.group() for m in map(pattern.search, texts) if m), None)
    return found or label.replace("?", "")


def _files(res) -> set[str]:
    return {Path(h.path).name for h in res.hits}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--index", help="index folder to (re)use for the search measure")
    ap.add_argument("--show", action="store_true", help="list every miss and extra")
    args = ap.parse_args()
    results = scorer_scores(args.corpus) | aligned_scorer_scores(args.corpus) | search_scores(args.corpus, args.index)
    for name, tally in results.items():
        print(f"{name:20} " + "  ".join(f"{k}={v}" for k, v in tally.figures().items()))
        if args.show:
            for line in tally.misses:
                print("    " + line)


if __name__ == "__main__":
    main()
