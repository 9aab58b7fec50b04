"""Crash safety: kill -9 the indexer at several points; the index always opens and answers,
and one more run completes it with every report exactly once.

The kill points are found by watching the index's journal: during extraction
before any commit, in the middle of a commit (its ``committing`` line is
written just before Whoosh starts writing), and right after one.
"""
from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from search import open_index

from .indexer import MAKE_CORPUS, committed_counts, events, journal, make_reports, start, wait_for

KillPoint = Callable[[Path, int], Callable[[], bool]]


def during_extraction(seconds: float) -> KillPoint:
    def point(where: Path, run: int) -> Callable[[], bool]:
        began: list[float] = []

        def reached() -> bool:
            if not began and events(where, run, "start"):
                began.append(time.monotonic())
            return bool(began) and time.monotonic() - began[0] > seconds
        return reached
    return point


def during_commit(nth: int) -> KillPoint:
    return lambda where, run: lambda: events(where, run, "committing") >= nth


def after_commit(nth: int) -> KillPoint:
    return lambda where, run: lambda: events(where, run, "commit") >= nth


def _kill_at(where: Path, corpus: Path, run: int, point: KillPoint, *args: str) -> None:
    proc = start(where, corpus, *args)
    wait_for(point(where, run), proc)
    proc.kill()  # SIGKILL: no handler, no cleanup
    proc.wait()
    _opens_and_answers(where)


def _opens_and_answers(where: Path) -> None:
    ix = open_index(where)
    assert ix.stats()["documents"] in committed_counts(where)
    ix.search("goal")
    ix.search(player="Smith")
    ix.close()


def _exactly_once(where: Path, files: list[Path]) -> None:
    """Every file indexed once: the count, each path once, no id twice."""
    out = subprocess.run([sys.executable, "-c", "from search.cli import main; main()", "stats",
                          "--index", str(where), "--json"], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout)["documents"] == len(files)
    ix = open_index(where)
    hits = [h for page in range(1, len(files) // 1000 + 2)
            for h in ix.search(limit=1000, page=page).hits]
    assert sorted(h.path for h in hits) == sorted(map(str, files))
    assert len({h.id for h in hits}) == len(files)


def _finish(where: Path, corpus: Path, *args: str) -> dict:
    proc = start(where, corpus, *args)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    return json.loads(out)


def test_kill_at_several_points_then_one_run_completes(tmp_path: Path) -> None:
    files = make_reports(tmp_path / "corpus", 60)
    where = tmp_path / "ix"
    args = ("--batch", "15", "--jobs", "2")
    points = [during_extraction(0.2), during_commit(1), after_commit(1), during_commit(2)]
    for run, point in enumerate(points):
        _kill_at(where, tmp_path / "corpus", run, point, *args)
    summary = _finish(where, tmp_path / "corpus", *args)
    assert summary["added"] + summary["unchanged"] == len(files) and summary["duplicates"] == 0
    assert any("previous run" in n and "stopped during a commit" in n for n in summary["notes"])
    _exactly_once(where, files)
    assert not list(where.glob("*.tmp")) and not list(where.glob("_MAIN_*.toc.*"))


def test_two_kills_during_a_1500_report_index_then_one_run(tmp_path: Path) -> None:
    files = make_reports(tmp_path / "corpus", 1500)
    where = tmp_path / "ix"
    args = ("--batch", "750", "--jobs", "2")
    _kill_at(where, tmp_path / "corpus", 0, during_extraction(1.5), *args)
    _kill_at(where, tmp_path / "corpus", 1, after_commit(1), *args)
    summary = _finish(where, tmp_path / "corpus", *args)
    assert summary["unchanged"] >= 750 and summary["added"] + summary["unchanged"] == 1500
    _exactly_once(where, files)


def test_ctrl_c_commits_every_report_written_so_far(tmp_path: Path) -> None:
    """A real SIGINT sent when the 450th report has been written (progress ticks after each
    write): the commit it triggers holds exactly those 450, a batch and a half."""
    files = make_reports(tmp_path / "corpus", 600)
    ix = open_index(tmp_path / "ix", create=True)
    written = []

    def progress(n: int) -> None:
        written.append(n)
        if len(written) == 450:
            os.kill(os.getpid(), signal.SIGINT)

    with pytest.raises(KeyboardInterrupt):
        ix.add([tmp_path / "corpus"], jobs=2, batch=300, progress=progress)
    commits = [e["documents"] for e in journal(tmp_path / "ix") if e["event"] == "commit"]
    assert commits == [300, 450]
    assert open_index(tmp_path / "ix").stats()["documents"] == 450
    _finish(tmp_path / "ix", tmp_path / "corpus", "--jobs", "2")
    _exactly_once(tmp_path / "ix", files)


def test_ctrl_c_during_a_segment_merge_keeps_every_committed_report(tmp_path: Path, monkeypatch) -> None:
    """Whoosh merges small segments inside a commit: a Ctrl-C then waits for the commit,
    and the next run completes the index."""
    import index.merge

    files = make_reports(tmp_path / "corpus", 120)
    read = index.merge.Source.postings
    calls = []

    def interrupted(*args, **kwargs):
        calls.append(1)
        if len(calls) == 50:
            os.kill(os.getpid(), signal.SIGINT)
        return read(*args, **kwargs)

    monkeypatch.setattr(index.merge.Source, "postings", interrupted)
    ix = open_index(tmp_path / "ix", create=True)
    with pytest.raises(KeyboardInterrupt):
        ix.add([tmp_path / "corpus"], jobs=1, batch=5)
    assert len(calls) > 50  # the merge went on to its end
    monkeypatch.setattr(index.merge.Source, "postings", read)
    kept = open_index(tmp_path / "ix").stats()["documents"]
    assert 0 < kept < len(files)
    _opens_and_answers(tmp_path / "ix")
    assert _finish(tmp_path / "ix", tmp_path / "corpus", "--jobs", "1")["added"] == len(files) - kept
    _exactly_once(tmp_path / "ix", files)


def test_ctrl_c_on_the_command_line_keeps_the_commits_and_says_so(tmp_path: Path) -> None:
    files = make_reports(tmp_path / "corpus", 600 if MAKE_CORPUS.exists() else 3000)
    where = tmp_path / "ix"
    proc = start(where, tmp_path / "corpus", "--batch", "300", "--jobs", "2")
    wait_for(after_commit(1)(where, 0), proc)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "interrupted" in err and "Traceback" not in err
    commits = [e["documents"] for e in journal(where) if e["event"] == "commit"]
    assert 300 <= commits[-1] < len(files)
    assert open_index(where).stats()["documents"] == commits[-1]
    _finish(where, tmp_path / "corpus", "--jobs", "2")
    _exactly_once(where, files)


def test_damaged_index_is_rebuilt_from_its_recorded_inputs(tmp_path: Path) -> None:
    files = make_reports(tmp_path / "corpus", 12)
    where = tmp_path / "ix"
    _finish(where, tmp_path / "corpus", "--jobs", "1")
    for seg in where.glob("MAIN_*.seg"):
        seg.write_bytes(seg.read_bytes()[:100])  # a disk fault, not something a kill can do
    summary = _finish(where, tmp_path / "corpus" / files[0].name, "--jobs", "1")
    assert any("could not be read" in n and "rebuilding" in n for n in summary["notes"])
    assert summary["added"] == len(files)
    assert list(where.glob("damaged-*/MAIN_*.seg"))
    _exactly_once(where, files)


def _disk_nearly_full() -> None:
    """In the child: no file may grow past 150 KB, as if the disk filled up (EFBIG, not a signal)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (150_000, 150_000))


def test_full_disk_keeps_the_last_commit_and_says_so(tmp_path: Path) -> None:
    files = make_reports(tmp_path / "corpus", 40)
    where = tmp_path / "ix"
    _finish(where, tmp_path / "corpus" / files[0].name, "--jobs", "1")
    proc = start(where, tmp_path / "corpus", "--jobs", "1", before=_disk_nearly_full)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1 and "Traceback" not in err
    assert "could not write the index" in err and "run the same command again" in err
    assert open_index(where).stats()["documents"] == 1
    _opens_and_answers(where)
    _finish(where, tmp_path / "corpus", "--jobs", "1")
    _exactly_once(where, files)
