"""Person mentions: the shortcuts that keep them cheap find exactly what the plain patterns find."""
from __future__ import annotations

import re

import pytest

from index import knowledge
from index.extract import names, namewords, notnames

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
    assert namewords.written(text, word) is found


@pytest.mark.parametrize("report", REPORTS)
def test_written_agrees_with_the_word_pattern(report: str) -> None:
    text = corpus_file(report).read_text(encoding="utf-8")
    for word in {m[0].lower() for m in re.finditer(r"[\w'\-]+", text)} | {"ly", "ing", "the"}:
        pattern = rf"(?<![\w']){re.escape(word)}(?![\w'])"
        assert namewords.written(text, word) is bool(re.search(pattern, text)), word


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
    assert names.role_before(before, len(before)) == role


@pytest.mark.parametrize("report", REPORTS)
def test_role_cues_read_backwards_agree_with_the_plain_pattern(report: str) -> None:
    text = corpus_file(report).read_text(encoding="utf-8")
    plain = {role: forward(cues) for role, cues in knowledge.data_json("names.json")["roles"].items()}
    for end in range(len(text)):
        before = text[max(0, end - 40):end]
        assert names.role_before(text, end) == next((r for r, p in plain.items() if p.search(before)), None), before


@pytest.mark.parametrize("text", [
    pytest.param("Robin van Persie and O'Neill met de-facto Ödegaard, the vanishing St. Pauli's Ramsey-Jones.",
                 id="particles-apostrophes-hyphens"),
    pytest.param("Man Utd: Carroll, Gary Neville, Ferdinand. Subs Not Used: Howard. Goals: Rooney 68.", id="line-up"),
    pytest.param("abc'Def abc''Def abc-Def 3Def _Def ’Def Ärger ärger (van Dijk) del UEFA van The de van Sar",
                 id="word-edges"),
    pytest.param("Edwin van der Sar saved from Rafael da Silva; Van der Vaart watched.", id="two-particles"),
])
def test_name_words_are_the_capitalised_words_and_particles(text: str) -> None:
    assert [(w.start, w.end) for w in namewords.name_words(text)] == reference_words(text)


@pytest.mark.parametrize("report", REPORTS)
def test_name_words_of_reports(report: str) -> None:
    text = corpus_file(report).read_text(encoding="utf-8")
    assert [(w.start, w.end) for w in namewords.name_words(text)] == reference_words(text)


def reference_words(text: str) -> list[tuple[int, int]]:
    """Every word of the text, one by one: capitalised and no common word, or a lower-case
    particle with such a word right after it."""
    particles = namewords.data().particles
    words = list(namewords.TOKEN.finditer(text))

    def capital(m: re.Match[str]) -> bool:
        word = m[0]
        if not word[0].isupper() or namewords.never_name(word):
            return False
        if not (word.isupper() and len(word.strip("'")) > 1):
            return True
        return word in particles and namewords.next_is_capital(text, m.end())

    def particle(m: re.Match[str], after: re.Match[str] | None) -> bool:
        return (not m[0][0].isupper() and m[0] in particles and not namewords.never_name(m[0])
                and after is not None and after.start() == m.end() + 1 and text[m.end()] == " " and capital(after))

    return [m.span() for m, after in zip(words, words[1:] + [None]) if capital(m) or particle(m, after)]


@pytest.mark.parametrize("words, text", [
    pytest.param(["South Africa", "Africa", "African"], "South Africa and the African side; Africa.", id="prefixes"),
    pytest.param(["'s-Hertogenbosch", "1966 Chemnitz", "Den Bosch"], "in 's-Hertogenbosch, 1966 Chemnitz's Den Bosch",
                 id="towns"),
    pytest.param(["Manchester", "Manchester United"], "Manchester United, Manchesterx, O'Manchester, xManchester, "
                 "Manchester", id="word-edges"),
    pytest.param(["A", "AB", "Šibenik"], "A AB ABC Šibenik\nA", id="short-and-accented"),
])
def test_phrases_pattern_finds_what_the_plain_pattern_finds(words: list[str], text: str) -> None:
    fast = re.compile(knowledge.phrases_pattern(words) + r"(?![\w'])")
    plain = re.compile(r"(?<![\w'])(?:" + knowledge.trie_pattern(sorted(words)) + r")(?![\w'])")
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)] != []


@pytest.mark.parametrize("report", REPORTS)
def test_phrases_pattern_on_reports(report: str) -> None:
    text = corpus_file(report).read_text(encoding="utf-8")
    raw = knowledge.data_json("names.json")
    phrases = sorted(set(raw["nationalities"].split() + raw["countries"]))
    towns = sorted({t.city for t in knowledge.teams().teams.values() if t.city})
    for words, fast in ((phrases, namewords.data().phrases.pattern), (towns, notnames.cities().pattern)):
        end = fast[len(knowledge.phrases_pattern(words)):]
        plain = re.compile(r"(?<![\w'])(?:" + knowledge.trie_pattern(words) + ")" + end)
        assert [m.span() for m in re.finditer(fast, text)] == [m.span() for m in plain.finditer(text)]
