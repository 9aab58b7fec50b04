"""The fast scans behind passages and the phrase boost find exactly what the plain regex finds.

:func:`search.passages.finditer` looks for a case-blind pattern only where its
words occur in the lowered text; over any text (capitals, accents, the dotless
i and long s that fold unlike their lower case, letters that lower to two) it
must give the same matches as ``pattern.finditer``.
"""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.passages import finditer, lowered, proximity

LETTERS = "aeiklnoprstwAEIKLNOPRSTW ,.'-\nıİſKéÉß"
WORDS = ["post", "hit", "sin", "kick", "ilk", "tre", "win"]


@pytest.mark.parametrize("pattern, literals", [
    pytest.param(r"\bpost", ["post"], id="word start"),
    pytest.param(r"\b(?:kick|sin|win)", ["kick", "sin", "win"], id="alternatives"),
    pytest.param(r"\bhit\w*\W+post", ["hit"], id="phrase"),
])
@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=LETTERS, max_size=80) | st.lists(st.sampled_from(
    WORDS + ["Post", "HIT", "ſin", "hıt", "Kİck", "  ", ", "]), max_size=20).map(" ".join))
def test_finditer_finds_what_the_regex_finds(pattern: str, literals: list[str], text: str) -> None:
    rx = re.compile(pattern, re.IGNORECASE)
    fast = [(m.start(), m.end()) for m in finditer(rx, literals, text, lowered(text))]
    assert fast == [(m.start(), m.end()) for m in rx.finditer(text)]


@pytest.mark.parametrize("text, words, bonus", [
    pytest.param("Kane HIT the post early", ["hit", "post"], 0.5, id="capitals near"),
    pytest.param("Kane hits posts", ["hit", "post"], 1.0, id="prefixes together"),
    pytest.param("İnce hit, then Kane struck the ſide-netting, and only very much later the post",
                 ["hit", "post"], 0.0, id="letters that lower unevenly, far apart"),
    pytest.param("Hıt post", ["hit", "post"], 1.0, id="dotless i matches i as the regex does"),
])
def test_proximity(text: str, words: list[str], bonus: float) -> None:
    assert proximity(text, words) == bonus
