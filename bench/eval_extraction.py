"""Score ``index.extract`` against a labels file: per-field accuracy and the failures.

A labels file is JSON lines, one article a line: ``file`` (relative to the
corpus folder), ``kind`` (``match_report`` or anything else), and for match
reports ``home``, ``away``, ``score`` ([home, away]), ``date`` and
``competition``. Team names compare without FC/AFC suffixes, case and
accents; competitions compare through the competition lexicon, so a label's
"FIFA World Cup qualification" is our "World Cup qualifier".

    python -m bench.eval_extraction ../shared/corpus/labels/dev.jsonl
    python -m bench.eval_extraction --alignment --exclude ../shared/corpus/labels/dev.jsonl
    python -m bench.eval_extraction --headlines ../shared/corpus/dailymail-sport-2020/articles.jsonl

``--alignment`` builds labels from ``corpus/alignment/`` instead (auto-derived, and
put right where ``alignment_review.json`` found the article telling another match:
an extra held-out check rather than ground truth); ``--exclude`` drops the
files another labels file already covers. ``--headlines`` needs no labels: a
report headed by its scoreline ("Huddersfield 1-0 Nottingham Forest Bielsa
watches ...") is its own label for teams, home and away and score, and its
body is read without the headline, as a report headed otherwise would be.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from index import extract_article
from index.knowledge import competitions, key, teams
from index.normalise import normalise
from index.read import RawArticle, read_all

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
BARS = {"teams": 0.95, "home_away": 0.90, "score": 0.90, "match_report": 0.95}
"""The issue's bars: share of match reports (of all articles for ``match_report``)."""
SUFFIX = re.compile(r"\b(?:a?fc|cf)\b")
SCORELINE = re.compile(r"(?P<home>.+?) (?P<h>\d{1,2})-(?P<a>\d{1,2}) (?P<rest>.+)")
REVIEW = Path(__file__).with_name("alignment_review.json")
ESPN_ALIGNMENT, BBC_ALIGNMENT = "espnfc-epl-2013.json", "bbcsport-2005-football.json"
ALIGNED_FOLDERS = {ESPN_ALIGNMENT: "espnfc-epl-2013", BBC_ALIGNMENT: "bbcsport-2005"}
"""Each alignment file of ``corpus/alignment/`` and the corpus folder its keys name files in."""
REVIEWED_MATCH = re.compile(r"(?P<date>\d{4}-\d\d-\d\d) (?P<home>.+?) (?P<h>\d+)-(?P<a>\d+) (?P<away>.+)")


@dataclass
class Tally:
    """Right answers of one field, and a line for every wrong one."""

    right: int = 0
    total: int = 0
    failures: list[str] = field(default_factory=list)

    def add(self, ok: bool, failure: str | None) -> None:
        """Count one answer; a wrong one is listed unless ``failure`` is None (an abstention)."""
        self.total += 1
        self.right += ok
        if not ok and failure is not None:
            self.failures.append(failure)

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 1.0


@dataclass
class Evaluation:
    """Per-field tallies over one labels file."""

    fields: dict[str, Tally] = field(default_factory=dict)

    def tally(self, name: str) -> Tally:
        return self.fields.setdefault(name, Tally())

    def below_bars(self) -> list[str]:
        """The fields under the issue's bars, and any date that contradicts the label."""
        low = [f"{name} {self.tally(name).rate:.1%} < {bar:.0%}"
               for name, bar in BARS.items() if self.tally(name).rate < bar]
        wrong = self.tally("date_not_contradicted")
        if wrong.right < wrong.total:
            low.append(f"{wrong.total - wrong.right} dates contradict the label")
        return low

    def summary(self, failures: bool = True) -> str:
        lines = [f"{name:22} {t.right:4}/{t.total:<4} {t.rate:7.1%}" for name, t in self.fields.items()]
        if failures:
            for name, t in self.fields.items():
                lines += [f"\n{name} failures:"] + [f"  {f}" for f in t.failures] if t.failures else []
        return "\n".join(lines)


def team_key(name: str | None) -> str | None:
    """A team name for comparison: no FC/AFC, case or accents."""
    if name is None:
        return None
    return " ".join(SUFFIX.sub(" ", key(name)).split())


def competition_key(name: str | None) -> str | None:
    """A competition under its canonical name, whichever alias the label uses."""
    if name is None:
        return None
    found = [c for c, s, e in competitions().find(name) if s == 0 and e == len(name)]
    return found[0] if found else name


def read_labels(path: str | Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def reviewed_alignment(name: str, corpus: Path = CORPUS) -> dict[str, dict[str, Any]]:
    """The alignment file ``name`` of ``corpus/alignment/``, with the records a reader put right.

    The alignment chose among a pair's fixtures by heuristics, and for clubs that met twice in
    the year it often took the other meeting (a goalless report linked to a 2-2); scoring against
    those would count right answers as failures. ``alignment_review.json`` holds the match each
    such article tells, read from its headline and lead and found in the results, and settles
    the records the alignment left ambiguous or unlabelled. A reviewed match's goals are known
    where the review lists them or the match was goalless.
    """
    rows = json.loads((corpus / "alignment" / name).read_text(encoding="utf-8"))
    for file, fix in json.loads(REVIEW.read_text(encoding="utf-8"))[name].items():
        m = REVIEWED_MATCH.fullmatch(fix["match"])
        if m is None:
            raise ValueError(f"{REVIEW.name}: {file}: match {fix['match']!r} is not 'date home h-a away'")
        goals = fix.get("goals", [] if m["h"] == m["a"] == "0" else None)
        rows[file] = {**rows[file], "status": "ok", "method": "review", "match": {
            "date": m["date"], "competition": fix["competition"], "home": m["home"], "away": m["away"],
            "home_score": int(m["h"]), "away_score": int(m["a"]), "results_source": fix["source"],
            "goals": goals or [], "goals_confidence": "low" if goals is None else "normal"}}
    return rows


def alignment_labels(corpus: Path = CORPUS) -> list[dict[str, Any]]:
    """Labels built from the auto-derived alignment files (see alignment/README.md), as reviewed.

    ESPN FC: every fixture the alignment settled (``status`` ok) is a match
    report. BBC Sport: the ``match-report`` category with a settled match is
    one, ``other-news`` is not; ``news-mentioning-result`` and unsettled reports
    are left out, since their kind is not known.
    """
    rows: list[dict[str, Any]] = []
    espn, bbc = ALIGNED_FOLDERS[ESPN_ALIGNMENT], ALIGNED_FOLDERS[BBC_ALIGNMENT]
    for name, a in reviewed_alignment(ESPN_ALIGNMENT, corpus).items():
        if a.get("status") == "ok" and a.get("match"):
            rows.append(_match_row(f"{espn}/{name}", a["match"]))
    for name, a in reviewed_alignment(BBC_ALIGNMENT, corpus).items():
        if a["category"] == "match-report" and a.get("match"):
            rows.append(_match_row(f"{bbc}/{name}", a["match"]))
        elif a["category"] == "other-news":
            rows.append({"file": f"{bbc}/{name}", "kind": "other_news"})
    return rows


def excluding(labels: list[dict[str, Any]], other: str | Path) -> list[dict[str, Any]]:
    """``labels`` without the files another labels file covers: the held-out rest."""
    seen = {row["file"] for row in read_labels(other)}
    return [row for row in labels if row["file"] not in seen]


def _match_row(file: str, m: dict[str, Any]) -> dict[str, Any]:
    return {"file": file, "kind": "match_report", "date": m["date"], "competition": m["competition"],
            "home": m["home"], "away": m["away"], "score": [m["home_score"], m["away_score"]]}


def extracted(labels: Iterable[dict[str, Any]], corpus: Path = CORPUS) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Each label with the ``extract --json`` record of its file, read as the CLI reads it."""
    for label in labels:
        items = [i for i in read_all([corpus / label["file"]]) if isinstance(i, RawArticle)]
        if not items:
            raise FileNotFoundError(f"cannot read {label['file']}")
        yield label, extract_article(normalise(items[0])).to_json()


def headline_labelled(paths: Iterable[str | Path]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Each report headed "Home x-y Away ..." with both teams known: the headline as its label,
    and the record of its body read without the headline."""
    book = teams()
    for raw in read_all(paths):
        m = SCORELINE.fullmatch(raw.title or "") if isinstance(raw, RawArticle) else None
        if m is None:
            continue
        words = re.split(r"[\s:,|]+", m["rest"].strip())
        home = book.resolve(m["home"])
        away = next(filter(None, (book.resolve(" ".join(words[:n])) for n in (4, 3, 2, 1))), None)
        if home and away and home != away:
            label = {"file": raw.source, "kind": "match_report", "home": home, "away": away,
                     "score": [int(m["h"]), int(m["a"])]}
            yield label, extract_article(normalise(replace(raw, title=None))).to_json()


def evaluate(labels: Iterable[dict[str, Any]], corpus: Path = CORPUS) -> Evaluation:
    """Score every field of every labelled article."""
    return tally(extracted(labels, corpus))


def tally(labelled: Iterable[tuple[dict[str, Any], dict[str, Any]]]) -> Evaluation:
    """Score every field of each (label, extracted record)."""
    ev = Evaluation()
    for label, got in labelled:
        name = label["file"]
        is_report = label["kind"] == "match_report"
        ev.tally("match_report").add(got["is_match_report"] == is_report,
                                     f"{name}: is_match_report {got['is_match_report']}, label {label['kind']}")
        if is_report:
            _score_match(ev, name, label, got)
    return ev


def _score_match(ev: Evaluation, name: str, label: dict[str, Any], got: dict[str, Any]) -> None:
    want = (team_key(label["home"]), team_key(label["away"]))
    have = (team_key(got["home"]), team_key(got["away"]))
    shown = f"{got['home']} v {got['away']} {got['score']}, label {label['home']} v {label['away']} {label['score']}"
    ev.tally("teams").add(set(want) == set(have), f"{name}: {shown}")
    ev.tally("home_away").add(want == have, f"{name}: {shown}")
    ev.tally("score").add(want == have and got["score"] == label["score"], f"{name}: {shown}")
    if label.get("date"):
        ev.tally("date").add(got["date"] == label["date"],
                             f"{name}: {got['date']}, label {label['date']}" if got["date"] else None)
        ev.tally("date_not_contradicted").add(got["date"] in (None, label["date"]),
                                              f"{name}: {got['date']}, label {label['date']}")
    if label.get("competition"):
        ev.tally("competition").add(competition_key(got["competition"]) == competition_key(label["competition"]),
                                    f"{name}: {got['competition']}, label {label['competition']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("labels", nargs="?", help="a labels file (JSON lines)")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="folder the labels' file names are in")
    ap.add_argument("--alignment", action="store_true", help="labels from corpus/alignment/ instead")
    ap.add_argument("--exclude", help="leave out the files of this labels file")
    ap.add_argument("--headlines", nargs="+", metavar="PATH", help="reports headed by their scoreline, no labels")
    ap.add_argument("--quiet", action="store_true", help="figures only, no failures")
    args = ap.parse_args(argv)
    if [bool(args.labels), args.alignment, bool(args.headlines)].count(True) != 1:
        ap.error("give a labels file, --alignment or --headlines")
    if args.headlines:
        ev = tally(headline_labelled(args.headlines))
    else:
        labels = alignment_labels(args.corpus) if args.alignment else read_labels(args.labels)
        if args.exclude:
            labels = excluding(labels, args.exclude)
        ev = evaluate(labels, args.corpus)
    print(ev.summary(failures=not args.quiet))
    low = ev.below_bars()
    if low:
        print("\nbelow the bars: " + "; ".join(low))
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
