"""The README's command-line examples run, in order, against a fresh index."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from search.cli import main

from .conftest import ROOT


def readme_commands() -> list[list[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## Command line", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    out = []
    for line in block.strip().splitlines():
        words = shlex.split(line, comments=True)
        assert words[0] == "matchsearch"
        out.append(words[1:])
    return out


def test_readme_command_line_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    env = {"MATCHSEARCH_INDEX": str(tmp_path / "ix")}
    runner = CliRunner()
    doc_id = None
    for args in readme_commands():
        if "ID" in args:
            args = [doc_id if a == "ID" else a for a in args]
        result = runner.invoke(main, args, env=env)
        assert result.exit_code == 0, (args, result.output)
        if args[0] == "search":
            assert re.search(r"\d+ reports?|\"total\": [1-9]|\"id\"", result.stdout), args
            found = re.search(r"id ([0-9a-f]{16})", result.stdout)
            doc_id = doc_id or (found and found.group(1))
    assert doc_id
