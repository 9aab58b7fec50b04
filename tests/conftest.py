"""Shared fixtures: the seed reports, the shared corpus (skipped when absent), fresh indexes."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"


def corpus_file(relative: str) -> Path:
    """A file of ../shared/corpus, or a clean skip when the corpus is not beside the checkout."""
    path = CORPUS / relative
    if not path.exists():
        pytest.skip(f"../shared/corpus/{relative} not present")
    return path


@pytest.fixture
def seed_a() -> str:
    return (SEEDS / "inter-atalanta-2020-01-11-a.txt").read_text(encoding="utf-8")


@pytest.fixture
def seed_b() -> str:
    return (SEEDS / "inter-atalanta-2020-01-11-b.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seeded_index(tmp_path_factory: pytest.TempPathFactory):
    """One index of the two seeds, shared by read-only tests."""
    from search import open_index

    where = tmp_path_factory.mktemp("seeded")
    ix = open_index(where, create=True)
    report = ix.add([SEEDS], jobs=1)
    assert report.added == 2
    return ix
