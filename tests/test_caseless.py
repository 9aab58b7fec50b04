"""Groups of caseless patterns that share one scan for their keys find what each pattern finds."""
from __future__ import annotations

import re
from collections.abc import Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.caseless import Caseless, Gated, Keys
from index.extract.told import GROUPS, phrases
from index.normalise import fold

from .conftest import corpus_file

NARRATION = [getattr(phrases(), name) for name in
             ("won", "lost", "drew", "at_least", "one_goal", "conceded", "clean_sheet", "unowned", "running_up",
              "running_down", "running_unowned", "chasing", "ahead_again", "came_back",
              "level", "further", "further_winner")]


def _spans(found: Iterable[re.Match[str]]) -> list[tuple[int, int]]:
    return [m.span() for m in found]


def _assert_each_finds(text: str) -> int:
    """Each group finds what its patterns find one by one; how many matches there were."""
    n = 0
    for group in NARRATION:
        expected = [span for p in group.patterns for span in _spans(re.finditer(p.pattern, text, re.IGNORECASE))]
        assert _spans(group.finditer(text)) == expected
        n += len(expected)
    return n


def test_every_narration_group_is_read() -> None:
    assert len(NARRATION) == len(GROUPS)


def test_shared_keys_in_real_reports() -> None:
    """Sentences of real reports with the teams written as narration reads them."""
    folder = corpus_file("espnfc-epl-2013")
    found = 0
    for path in sorted(folder.glob("*.txt"))[:40]:
        text = fold(path.read_text(encoding="utf-8"))
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            found += _assert_each_finds(re.sub(r"\b(?:Arsenal|Chelsea|Liverpool|Everton)\b", "@H", sentence))
    assert found > 20


KEY_WORDS = sorted({k.strip() for g in NARRATION for p in g.patterns for k in p.keys or ()} | {
    "@H", "@A", "@O", "Kadıoğlu", "İnter", "3-1", "two", "second", "they", "BEAT"})


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(KEY_WORDS), st.sampled_from([" ", " ", ", ", ". ", ""])), max_size=12))
def test_shared_keys_in_made_up_sentences(parts: list[tuple[str, str]]) -> None:
    _assert_each_finds("".join(w + sep for w, sep in parts))


def test_shared_keys_must_hold_the_groups_keys() -> None:
    pattern = Caseless(r"\bbeat (?P<t>@[HA])")
    assert _spans(Gated([pattern], Keys({"beat ", "won"})).finditer("They beat @A")) == [(5, 12)]
    with pytest.raises(ValueError):
        Gated([pattern], Keys({"won"}))
