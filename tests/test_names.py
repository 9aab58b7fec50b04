"""Person mentions: the shortcuts that keep them cheap find exactly what the plain patterns find."""
from __future__ import annotations

import re

import pytest

from index import knowledge
from index.extract import names

from .conftest import corpus_file

REPORTS = [pytest.param("bbcsport-2005/football/007.txt", id="bbc-line-ups"),
           pytest.param("espnfc-epl-2013/Arsenal-Reading.txt", id="espn")]


@pytest.mark.parametrize("text, word, found", [
    pytest.param("he hit a long ball", "long", True, id="own-word"),
    pytest.param("he ran along the line", "long", False, id="inside-a-word"),
    pytest.param("he ran along the line with a long stride", "long", True, id="own-word-after-a-longer-one"),
    pytest.param("longer", "long", False, id="start-of-a-word"),
    pytest.param("o'long", "long", False, id="after-an-apostrophe"),
    pytest.param("long", "long", True, id="the-whole-text"),
    pytest.param("however, it ended", "however", True, id="before-a-comma"),
])
def test_written_as_a_word_of_its_own(text: str, word: str, found: bool) -> None:
    assert names.written(text, word) is found


@pytest.mark.parametrize("report", REPORTS)
def test_written_agrees_with_the_word_pattern(report: str) -> None:
    text = corpus_file(report).read_text(encoding="utf-8")
    for word in {m[0].lower() for m in re.finditer(r"[\w'\-]+", text)} | {"ly", "ing", "the"}:
        pattern = rf"(?<![\w']){re.escape(word)}(?![\w'])"
        assert names.written(text, word) is bool(re.search(pattern, text)), word


def forward(cues: list[str]) -> re.Pattern[str]:
    """The role cue before a name as a plain pattern, searched in the 40 characters before it."""
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues)
                      + r")\s+(?:(?:Sir|Dr|Mr|Senor|Signor)\.?\s+)?$", re.IGNORECASE)


@pytest.mark.parametrize("before, role", [
    pytest.param("Arsenal boss ", "manager", id="boss"),
    pytest.param("Manchester United boss Sir ", "manager", id="boss-title"),
    pytest.param("Chelsea head coach Mr. ", "manager", id="two-word-cue-title-dot"),
    pytest.param("Referee: ", "referee", id="label"),
    pytest.param("the fourth official\n", "referee", id="line-end"),
    pytest.param("The embossed ", None, id="inside-a-word"),
    pytest.param("former boss, ", None, id="comma"),
    pytest.param("the boss of ", None, id="word-between"),
])
def test_role_cue_before_a_name(before: str, role: str | None) -> None:
    found = next((r for r, cue in names.data().role_before.items() if cue.match(before[::-1])), None)
    assert found == role


@pytest.mark.parametrize("report", REPORTS)
def test_role_cues_read_backwards_agree_with_the_plain_pattern(report: str) -> None:
    text = corpus_file(report).read_text(encoding="utf-8")
    roles = knowledge.data_json("names.json")["roles"]
    for role, cue in names.data().role_before.items():
        plain = forward(roles[role])
        for end in range(len(text)):
            before = text[max(0, end - 40):end]
            assert bool(cue.match(before[::-1])) is bool(plain.search(before)), (role, before)


@pytest.mark.parametrize("report", REPORTS)
def test_name_words_are_the_capitalised_words_and_particles(report: str) -> None:
    text = corpus_file(report).read_text(encoding="utf-8")
    every = [m for m in names.TOKEN.finditer(text)]
    kept = [m.span() for m in every if m[0][0].isupper() or m[0] in names.data().particles]
    assert [m.span() for m in names._words(text)] == kept
