"""The extraction evaluator on the labelled real articles, held to the issue's bars."""
from __future__ import annotations

import pytest

from bench.eval_extraction import BARS, Tally, competition_key, evaluate, read_labels, team_key

from .conftest import CORPUS, corpus_file


@pytest.fixture(scope="module")
def dev():
    labels = read_labels(corpus_file("labels/dev.jsonl"))
    return evaluate(labels, CORPUS)


def test_dev_labels_meet_the_bars(dev) -> None:
    assert dev.tally("match_report").total > 150
    assert dev.tally("teams").total > 80
    assert dev.below_bars() == [], dev.summary()


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
