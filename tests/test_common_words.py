"""scripts/build_common_words.py: which words count as common, on a corpus small enough to read."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from index import knowledge

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "build_common_words.py"


def build(corpus: Path, out: Path, *flags: str) -> list[str]:
    spec = importlib.util.spec_from_file_location("build_common_words", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(["--corpus", str(corpus), "--out", str(out), *flags])
    return [w for w in out.read_text(encoding="utf-8").splitlines() if w and not w.startswith("#")]


def test_a_word_is_common_when_lower_case_far_outnumbers_mid_sentence_capitals(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = ("The young players ran. A young side won. Young players, young legs. Ashley Young scored. "
            "Kyle Walker ran. Then Walker crossed, and Walker scored. A walker passed. "
            "Join the club. You can join now. We join them and join us.")
    (corpus / "report.txt").write_text(text, encoding="utf-8")
    words = build(corpus, tmp_path / "common.txt", "--min", "3", "--ratio", "2")
    assert "young" in words  # 4 lower case, 1 capitalised mid-sentence ("Ashley Young")
    assert "join" in words  # "Join" only opens a sentence: not counted against it
    assert "walker" not in words  # 1 lower case, 3 capitalised mid-sentence
    assert words == sorted(words)


@pytest.mark.parametrize("word", ["young", "given", "join", "today"])
def test_the_shipped_list_has_common_sentence_openers(word: str) -> None:
    assert word in knowledge.common_words()


@pytest.mark.parametrize("surname", ["walker", "rice", "kane", "silva", "rooney"])
def test_the_shipped_list_leaves_surnames_out(surname: str) -> None:
    assert surname not in knowledge.common_words()
