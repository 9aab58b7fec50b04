"""The scorer and player-search evaluation (bench/eval_players.py) on the real corpus.

Skips cleanly without ``../shared/corpus``; fails when the figures fall below the issue's
bars (see the figures printed by ``python bench/eval_players.py``).
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from .conftest import CORPUS, ROOT, corpus_file

SCORER_F1 = 0.90
SEARCH_PRECISION = 0.90
SEARCH_RECALL = 0.90
SEARCH_BEATS_PLAIN_PRECISION_BY = 0.4


def _bench():
    spec = importlib.util.spec_from_file_location("eval_players", ROOT / "bench" / "eval_players.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench():
    corpus_file("labels/dev.jsonl")
    corpus_file("alignment/espnfc-epl-2013.json")
    return _bench()


def test_label_surnames_match_damaged_spellings(bench) -> None:
    assert bench.surname("S. Ag?ero") == "ag?ero" and bench.same_surname("ag?ero", "aguero")
    assert bench.surname("R.v. Persie") == "persie"
    assert not bench.same_surname("cole", "cale")


@pytest.mark.parametrize("label, texts, typed", [
    pytest.param("o?shea", ["John O'Shea headed in."], "O'Shea", id="apostrophe"),
    pytest.param("tour?", ["Yaya Touré scored twice."], "Touré", id="accent"),
    pytest.param("tour?", ["Yaya Toure scored."], "Toure", id="accent-the-report-dropped"),
    pytest.param("tour?", ["Tourism is up."], "tour", id="no-such-name-in-the-reports"),
    pytest.param("silva", [], "silva", id="undamaged"),
])
def test_damaged_label_is_searched_as_the_reports_spell_it(label: str, texts: list[str], typed: str) -> None:
    assert _bench().as_written(label, texts) == typed


def test_scorer_f1_on_labelled_reports(bench) -> None:
    scores = bench.scorer_scores(CORPUS)
    goals = scores["scorers"]
    assert goals.tp + goals.fn >= 100  # the labelled goals are really there
    assert goals.f1 >= SCORER_F1, goals.figures()


def test_scorer_f1_on_aligned_reports_outside_the_labels(bench) -> None:
    scores = bench.aligned_scorer_scores(CORPUS)
    goals = scores["scorers_aligned"]
    assert goals.tp + goals.fn >= 100
    assert goals.f1 >= SCORER_F1, goals.figures()


def test_player_goal_search_beats_plain_text(bench, tmp_path: Path) -> None:
    scores = bench.search_scores(CORPUS, str(tmp_path / "ix"))
    faceted, plain = scores["player_goal_search"], scores["plain_text_search"]
    assert faceted.precision >= SEARCH_PRECISION, faceted.figures()
    assert faceted.recall >= SEARCH_RECALL, faceted.figures()
    assert faceted.precision >= plain.precision + SEARCH_BEATS_PLAIN_PRECISION_BY, (faceted.figures(), plain.figures())
