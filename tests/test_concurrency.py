"""Two writers and readers at once: the second writer waits, readers see committed states.

Writer A indexes one corpus in several commits. While it runs, writer C,
willing to wait only a moment, gives up with a message naming A's pid;
writer B, willing to wait, starts after A finishes and adds its own corpus;
and this process keeps searching, seeing only document counts some commit
left (never a partial commit, never an error).
"""
from __future__ import annotations

import json
from pathlib import Path

from search import open_index

from .indexer import committed_counts, events, make_reports, start, wait_for


def test_second_writer_waits_and_readers_see_only_committed_states(tmp_path: Path) -> None:
    first = make_reports(tmp_path / "a", 90, seed=1)
    second = make_reports(tmp_path / "b", 10, seed=2)
    where = tmp_path / "ix"
    a = start(where, tmp_path / "a", "--batch", "20", "--jobs", "1")
    wait_for(lambda: events(where, 0, "start") > 0, a)

    impatient = start(where, tmp_path / "b", "--wait", "0.3")
    _, err = impatient.communicate(timeout=60)
    assert impatient.returncode == 1 and "Traceback" not in err
    assert f"is being written by pid {a.pid} on " in err and "gave up after waiting" in err

    patient = start(where, tmp_path / "b", "--wait", "300")
    seen = []
    while a.poll() is None:
        ix = open_index(where)
        seen.append(ix.stats()["documents"])
        ix.search("goal")
        ix.close()
    assert a.returncode == 0, a.communicate()
    out, err = patient.communicate(timeout=120)
    assert patient.returncode == 0, err
    summary = json.loads(out)
    assert summary["added"] == len(second)
    assert any(n.startswith("waited") for n in summary["notes"])

    assert seen == sorted(seen) and set(seen) <= committed_counts(where)
    assert len(set(seen)) >= 2  # the reader saw the index grow while A wrote
    ix = open_index(where)
    assert ix.stats()["documents"] == len(first) + len(second)
    hits = ix.search(limit=1000).hits
    assert sorted(h.path for h in hits) == sorted(map(str, first + second))
