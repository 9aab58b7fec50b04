"""The extraction evaluator on the labelled real articles, held to the issue's bars."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bench.eval_extraction import (ALIGNED_FOLDERS, BARS, ESPN_ALIGNMENT, REVIEW, REVIEWED_MATCH, Tally,
                                   alignment_labels, competition_key, evaluate, excluding, headline_labelled, read_labels,
                                   reviewed_alignment, tally, team_key)

from .conftest import CORPUS, corpus_file


@pytest.fixture(scope="module")
def dev():
    labels = read_labels(corpus_file("labels/dev.jsonl"))
    return evaluate(labels, CORPUS)


def test_dev_labels_meet_the_bars(dev) -> None:
    assert dev.tally("match_report").total > 150
    assert dev.tally("teams").total > 80
    assert dev.below_bars() == [], dev.summary()


def test_the_reviewed_alignment_outside_dev_meets_the_bars() -> None:
    """The issue asks the figures to hold on reports the rules were not written against."""
    corpus_file(f"alignment/{ESPN_ALIGNMENT}")
    held_out = evaluate(excluding(alignment_labels(CORPUS), corpus_file("labels/dev.jsonl")), CORPUS)
    assert held_out.tally("teams").total > 100
    assert held_out.below_bars() == [], held_out.summary()


def test_no_date_contradicts_the_labels(dev) -> None:
    dates = dev.tally("date_not_contradicted")
    assert dates.right == dates.total, dates.failures


@pytest.mark.parametrize("field", sorted(BARS))
def test_every_bar_is_measured(dev, field: str) -> None:
    assert dev.tally(field).total > 0


@pytest.mark.parametrize("label, ours, same", [
    pytest.param("Arsenal FC", "Arsenal", True, id="fc-suffix"),
    pytest.param("Chelsea FC", "Chelsea", True, id="fc-suffix-2"),
    pytest.param("West Bromwich Albion", "West Bromwich Albion", True, id="same"),
    pytest.param("Manchester City", "Manchester United", False, id="different-clubs"),
])
def test_team_names_compare_without_suffixes(label: str, ours: str, same: bool) -> None:
    assert (team_key(label) == team_key(ours)) is same


def test_competitions_compare_through_aliases() -> None:
    assert competition_key("FIFA World Cup qualification") == competition_key("World Cup qualifier")
    assert competition_key("Barclays Premier League") == "Premier League"


def test_a_tally_lists_wrong_answers_but_not_abstentions() -> None:
    t = Tally()
    t.add(True, "never shown")
    t.add(False, "wrong: shown")
    t.add(False, None)
    assert (t.right, t.total, t.failures) == (1, 3, ["wrong: shown"])


def test_a_scoreline_headline_labels_the_body(tmp_path: Path) -> None:
    """The headline is the label, and only the body is read: its words decide the answer."""
    reports = [
        {"title": "Wigan 0-2 Everton Seamus Coleman and Kevin Mirallas strike",
         "text": "Everton won 2-0 at the DW Stadium, Seamus Coleman and Kevin Mirallas scoring."},
        {"title": "Stoke 0-2 Bristol City Nakhi Wells and Andreas Weimann score",
         "text": "Nakhi Wells scored twice in the first half."},
        {"title": "Transfer news: Arsenal want a striker", "text": "Arsenal want a striker."},
    ]
    path = tmp_path / "reports.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in reports), encoding="utf-8")
    labelled = list(headline_labelled([path]))
    assert [(label["home"], label["away"], label["score"]) for label, _ in labelled] == [
        ("Wigan Athletic", "Everton", [0, 2]), ("Stoke City", "Bristol City", [0, 2])]
    assert [got["title"] for _, got in labelled] == [None, None]
    ev = tally(labelled)
    assert (ev.tally("home_away").right, ev.tally("score").right, ev.tally("score").total) == (1, 1, 2)


REVIEWED = [(name, file, fix) for name, fixes in json.loads(REVIEW.read_text(encoding="utf-8")).items()
            if name in ALIGNED_FOLDERS for file, fix in fixes.items()]


@pytest.mark.parametrize("name, file, fix", [pytest.param(*row, id=row[1]) for row in REVIEWED])
def test_a_reviewed_match_is_one_of_the_results_it_names(name: str, file: str, fix: dict) -> None:
    """The review reads which match an article tells; the match itself must be a real result:
    one line of the named results file with both teams in order and the score."""
    corpus_file(f"{ALIGNED_FOLDERS[name]}/{file}")
    m = REVIEWED_MATCH.fullmatch(fix["match"])
    assert m, fix["match"]
    score = re.compile(rf"(?<![\d-]){m['h']}-{m['a']}(?![\d-])")
    lines = corpus_file(f"results/{fix['source']}").read_text(encoding="utf-8").splitlines()
    found = [line for line in lines if m["home"] in line and m["away"] in line[line.index(m["home"]) + len(m["home"]):]
             and score.search(line)]
    assert found, f"{fix['match']} not in {fix['source']}"


def test_the_review_changes_only_the_records_it_names() -> None:
    raw = json.loads(corpus_file(f"alignment/{ESPN_ALIGNMENT}").read_text(encoding="utf-8"))
    reviewed = reviewed_alignment(ESPN_ALIGNMENT, CORPUS)
    fixed = {file for name, file, _ in REVIEWED if name == ESPN_ALIGNMENT}
    assert reviewed.keys() == raw.keys()
    assert {f for f in raw if raw[f] != reviewed[f]} == fixed
    goalless = reviewed["Everton-Tottenham Hotspur.txt"]["match"]
    assert (goalless["home"], goalless["home_score"], goalless["away_score"]) == ("Everton", 0, 0)
    assert goalless["goals"] == [] and goalless["goals_confidence"] == "normal"  # no goal is known too
    assert reviewed["Aston Villa-Chelsea.txt"]["match"]["goals_confidence"] == "low"  # 2-1: scorers not listed
