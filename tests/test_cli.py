"""The command line through click's CliRunner: every command, real output."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from search.cli import main

from .conftest import SEEDS


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> str:
    where = str(tmp_path_factory.mktemp("cli") / "ix")
    result = CliRunner().invoke(main, ["index", str(SEEDS), "--index", where, "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return where


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def test_index_summary_and_rerun(indexed: str) -> None:
    result = run("index", str(SEEDS), "--index", indexed, "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["unchanged"] == 2


def test_index_reports_skips_and_exit_status(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    where = str(tmp_path / "ix")
    result = run("index", str(tmp_path / "empty.txt"), "--index", where, "--json")
    assert result.exit_code == 1
    assert "nothing could be indexed" in result.output
    result = run("index", str(tmp_path / "empty.txt"), str(SEEDS), "--index", where, "--json")
    assert result.exit_code == 0
    summary = json.loads(result.stdout.splitlines()[0])
    assert summary["added"] == 2 and summary["skipped"][0]["reason"] == "empty"


def test_rebuild_starts_empty(tmp_path: Path) -> None:
    where = str(tmp_path / "ix")
    assert run("index", str(SEEDS), "--index", where).exit_code == 0
    result = run("index", str(SEEDS), "--index", where, "--rebuild", "--json")
    assert json.loads(result.stdout)["added"] == 2


def test_search_json_shape(indexed: str) -> None:
    result = run("search", "penalty", "--index", indexed, "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["query"] == "penalty" and out["total"] == 2 and out["page"] == 1
    for hit in out["hits"]:
        assert set(hit) >= {"id", "path", "title", "date", "home", "away", "score", "rank", "highlights"}
        assert any("<mark>penalty</mark>" in h.lower() for h in hit["highlights"])
    assert set(out["facets"]) >= {"player", "team", "event", "competition"}
    assert all(isinstance(v, str) and isinstance(n, int) for v, n in out["facets"]["event"])


def test_search_human_output(indexed: str) -> None:
    result = run("search", "penalty", "--index", indexed)
    assert result.exit_code == 0
    assert result.output.startswith("2 reports")
    assert "[penalty]" in result.output.lower() and "event: " in result.output


def test_search_filters_from_options(indexed: str) -> None:
    out = json.loads(run("search", "--player", "Handanovic", "--event", "penalty_saved",
                         "--index", indexed, "--json").stdout)
    assert out["total"] == 2
    out = json.loads(run("search", "--since", "2030-01-01", "--index", indexed, "--json").stdout)
    assert out["total"] == 0
    out = json.loads(run("search", "--sort", "date", "--limit", "1", "--page", "2",
                         "--index", indexed, "--json").stdout)
    assert len(out["hits"]) == 1 and out["hits"][0]["date"] is None


def test_index_location_from_environment(indexed: str) -> None:
    result = run("stats", "--json", env={"MATCHSEARCH_INDEX": indexed})
    assert json.loads(result.stdout)["documents"] == 2


@pytest.mark.parametrize("args,code,needle", [
    pytest.param(["search", "--event", "kicked"], 2, "kicked", id="bad-event"),
    pytest.param(["search", "--since", "whenever"], 2, "as a date", id="bad-date"),
    pytest.param(["search", "--limit", "0"], 2, "limit", id="bad-limit"),
    pytest.param(["show", "nonexistent-id"], 1, "no report", id="unknown-id"),
])
def test_errors_are_one_line_with_status(indexed: str, args: list[str], code: int, needle: str) -> None:
    result = run(*args, "--index", indexed)
    assert result.exit_code == code
    assert needle in result.output and "Traceback" not in result.output


def test_missing_index_is_a_clear_error(tmp_path: Path) -> None:
    result = run("search", "goal", "--index", str(tmp_path / "none"))
    assert result.exit_code == 1 and "no index at" in result.output


def test_extract_json_on_seeds() -> None:
    result = run("extract", str(SEEDS / "inter-atalanta-2020-01-11-a.txt"), "--json")
    assert result.exit_code == 0, result.output
    rec = json.loads(result.stdout)
    assert rec["date"] == "2020-01-11" and rec["teams"] == ["Inter", "Atalanta"]
    assert rec["score"] == [1, 1] and rec["is_match_report"] is True
    keys = {"id", "path", "title", "date", "competition", "venue", "is_match_report", "home",
            "away", "score", "teams", "players", "scorers", "events"}
    assert set(rec) >= keys


def test_extract_spans_point_at_the_evidence() -> None:
    path = SEEDS / "inter-atalanta-2020-01-11-a.txt"
    rec = json.loads(run("extract", str(path), "--json", "--spans").stdout)
    from index import extract
    text = extract(path.read_text(encoding="utf-8")).text
    saved = next(e for e in rec["events"] if e["type"] == "penalty_saved")
    assert "penalty" in text[saved["span"][0]:saved["span"][1]]
    start, end = rec["spans"]["score"]
    assert text[start:end] == "1-1"


def test_show_and_stats(indexed: str) -> None:
    hit = json.loads(run("search", "Gollini", "--index", indexed, "--json").stdout)["hits"][0]
    shown = run("show", hit["id"], "--index", indexed)
    assert shown.exit_code == 0 and "Gollini" in shown.output
    rec = json.loads(run("show", hit["id"], "--index", indexed, "--json").stdout)
    assert rec["id"] == hit["id"] and rec["text"]
    stats = json.loads(run("stats", "--index", indexed, "--json").stdout)
    assert stats["documents"] == 2 and stats["teams"] == 2 and stats["players"] > 5


@pytest.mark.parametrize("command", ["index", "search", "extract", "show", "stats"])
def test_help_teaches_with_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0 and "Example" in result.output and "matchsearch " + command in result.output


def _complete(args: list[str], incomplete: str) -> list[str]:
    from click.shell_completion import ShellComplete

    comp = ShellComplete(main, {}, "matchsearch", "_MATCHSEARCH_COMPLETE")
    return [c.value for c in comp.get_completions(args, incomplete)]


def test_shell_completion_script_and_values(indexed: str) -> None:
    script = run("completion", "bash")
    assert script.exit_code == 0 and "_MATCHSEARCH_COMPLETE" in script.stdout
    assert "search" in _complete([], "se")
    assert set(_complete(["search", "--event"], "penalty_")) == {
        "penalty_goal", "penalty_awarded", "penalty_saved", "penalty_missed"}
    assert "Manchester United" in _complete(["search", "--team"], "manchester u")
    assert "Samir Handanovic" in _complete(["search", "--index", indexed, "--player"], "handa")


def test_extract_keeps_managers_and_referees_apart_from_players() -> None:
    rec = json.loads(run("extract", str(SEEDS / "inter-atalanta-2020-01-11-a.txt"), "--json").stdout)
    assert "Gianluca Rocchi" in rec["referees"]
    assert {"Gian Piero Gasperini", "Antonio Conte"} <= set(rec["managers"])
    assert not ({"Gianluca Rocchi", "Antonio Conte"} & set(rec["players"]))
