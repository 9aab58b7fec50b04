"""Reading where a pattern's matches begin, and one pass over the words finding what finditer finds."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from functools import cache
from itertools import islice

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.caseless import FOLDS_TO_ASCII, lower
from index.extract import classify, onepass
from index.extract.beginnings import Starts, contained, starts
from index.extract.events import _goal_not_after, _modal, rules
from index.extract.minutes import phrases
from index.extract.wordscan import WordScan
from index.normalise import fold

from .conftest import corpus_file

POSSESSOR = r"\b(?:\w+'s? (?:[\w\-]+ )?own[- ]goal)(?![\w\-])"

STARTS = {  # id: (pattern, flags, what its matches begin with; None: cannot be told)
    "literal-words": (r"\b(?:own[- ]goal (?:by|from))(?![\w\-])", 0, Starts(words={"own": frozenset(
        {"own goal by", "own goal fro", "own-goal by", "own-goal fro"})})),
    "optional-first-word": (r"\b(?:(?:was|were) )?sent off\b", 0, Starts(words={
        "was": frozenset({"was sent off"}), "were": frozenset({"were sent of"}), "sent": frozenset({"sent off"})})),
    "word-ends-at-lookahead": (r"\b(?:booked|cautioned)(?![\w\-])", 0, Starts(words={
        "booked": frozenset({"booked"}), "cautioned": frozenset({"cautioned"})})),
    "word-ends-at-boundary": (r"\bcelebrat(?:ed|ing)\b", 0, Starts(words={
        "celebrated": frozenset({"celebrated"}), "celebrating": frozenset({"celebrating"})})),
    "word-may-go-on": (r"\b(?:penalty|pen)[^.]{0,40}? was", 0, Starts(
        words={"penalty": frozenset({"penalty was"}), "pen": frozenset({"pen was"})},
        prefixes=frozenset({"pen", "penalty"}))),
    "any-words-between": (r"\b(?:hit|struck)(?: \w+){0,4}? (?:against|off) the post", 0, Starts(words={
        "hit": frozenset({"hit ", "hit against ", "hit off the "}),
        "struck": frozenset({"struck ", "struck again", "struck off t"})})),
    "caseless-lowered": (r"\b(?:Video review|VAR)\b", re.IGNORECASE, Starts(words={
        "video": frozenset({"video review"}), "var": frozenset({"var"})})),
    "case-kept": (r"\b(?:Video review|VAR)\b", 0, Starts(words={
        "Video": frozenset({"Video review"}), "VAR": frozenset({"VAR"})})),
    "possessive": (POSSESSOR, 0, Starts(before=frozenset({"' ", "'s ", "' own goal", "' own-goal", "'s own goal",
                                                          "'s own-goal"}))),
    "number": (r"\b(?P<n>\d{1,3})(?:st|nd|rd|th)?[- ]minute\b", 0, Starts(digits=frozenset(
        {" minute", "-minute", "st minute", "st-minute", "nd minute", "nd-minute", "rd minute", "rd-minute",
         "th minute", "th-minute"}))),
    "number-then-anything": (r"\b\d+\b", 0, Starts(digits=frozenset({""}))),
    "number-then-digit": (r"\b\d{1,2}0 minutes", 0, Starts(digits=frozenset({""}))),
    "one-digit": (r"\b(?:two|\d) tries", 0, Starts(words={"two": frozenset({"two tries"})},
                                                    digits=frozenset({" tries"}))),
    "sign-after-a-word": (r"\b(?:fee|£\d+)\b", 0, Starts(words={"fee": frozenset({"fee"})},
                                                        literals=frozenset({"£"}))),
    "possessive-sign": (r"\b(?:a|'s) try", 0, Starts(words={"a": frozenset({"a try"})},
                                                    literals=frozenset({"'s try"}))),
    "word-then-end": (r"\b\w+\b", 0, None),
    "branch-without-boundary": (r"\bat the death|(?:in )?the (?:last|final) minute|last-gasp\b", 0, Starts(
        literals=frozenset({"at the death", "in the last ", "in the final", "the last min", "the final mi",
                            "last-gasp"}))),
    "no-boundary": (r"saved\b", 0, Starts(literals=frozenset({"saved"}))),
    "starts-with-any-words": (r"(?:[\w\-]+ )foo", 0, None),
    "word-then-letters": (r"\b(?:a|\w+ing) goal", 0, None),
    "capital-inside-caseless": (r"\b(?-i:[A-Z])\w+", re.IGNORECASE, None),
    "ascii-boundary": (r"\bfoo", re.ASCII, None),
}


@pytest.mark.parametrize("pattern, flags, expected", [pytest.param(*v, id=k) for k, v in STARTS.items()])
def test_starts(pattern: str, flags: int, expected: Starts | None) -> None:
    assert starts(re.compile(pattern, flags)) == expected


CONTAINED = {  # id: (pattern, flags, strings one of which every match holds)
    "after-a-lazy-run": (r"^(?:(?!\b(?:but|and)\b)[^.;])*?\b(?:saved|blocked|off the line|over the (?:cross)?bar)\b",
                         re.IGNORECASE, {"saved", "blocked", "off the line", "over the bar", "over the cro"}),
    "one-from-each-branch": (r"^[^.;]{0,80}?\b(?:but|only for) (?:it|he) was|^[^.;]{0,60}?\bsince (?:19|20)\d\d\b",
                             re.IGNORECASE, {"but it was", "but he was", "only for it ", "only for he ", "since 19",
                                             "since 20"}),
    "modal-words": (r"\b(?:has|have|n't|no)\b(?:(?!\b(?:as|when)\b)[^.,;])*$", re.IGNORECASE,
                    {"has", "have", "n't", "no"}),
    "caseless-lowered": (r"\bPenalty\b(?! (?:appeals?|claims?))|pointed to the spot", re.IGNORECASE,
                         {"penalty", "pointed to t"}),
    "digits-between": (r"\b(?:win|victory|\d-\d)\b", 0, {"win", "victory", "-"}),
    "repeated-group": (r"(?:Goal)+ by", 0, {"Goal"}),
    "word-ending": (r"\w+ing", 0, {"ing"}),
    "nothing-literal": (r"\w+\d", 0, None),
}


@pytest.mark.parametrize("pattern, flags, expected", [pytest.param(*v, id=k) for k, v in CONTAINED.items()])
def test_contained(pattern: str, flags: int, expected: set[str] | None) -> None:
    assert contained(re.compile(pattern, flags)) == (None if expected is None else frozenset(expected))


def test_every_rule_phrase_and_cue_is_read() -> None:
    """Only what cannot be told keeps a full scan: none of the data's patterns today."""
    patterns = onepass._scan()[0].patterns
    assert [p.pattern[:40] for p in patterns if starts(p) is None] == []


@cache
def _scan() -> tuple[list[re.Pattern[str]], WordScan]:
    patterns = [r.pattern for r in rules()] + [p for p, _ in phrases()]
    return patterns, WordScan(patterns)


def _assert_same(text: str, patterns: list[re.Pattern[str]], scan: WordScan) -> int:
    """WordScan finds exactly what each pattern's finditer finds; how many matches there were."""
    lowered = lower(text)
    found = scan.finditer(text, lowered)
    for pattern, matches in zip(patterns, found):
        target = text if pattern.flags & re.IGNORECASE else lowered
        assert [m.span() for m in matches] == [m.span() for m in pattern.finditer(target)], pattern.pattern[:60]
    return sum(len(m) for m in found)


def _texts(relative: str, n: int) -> list[str]:
    path = corpus_file(relative)
    if path.is_dir():
        return [p.read_text(encoding="utf-8") for p in sorted(path.glob("*.txt"))[:n]]
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in islice(lines, n)]


def _cues() -> tuple[list[re.Pattern[str]], WordScan]:
    patterns = classify._cues()
    return patterns, WordScan(patterns)


def _one_pass() -> tuple[list[re.Pattern[str]], WordScan]:
    scan, _ = onepass._scan()
    return list(scan.patterns), scan


@pytest.mark.parametrize("scan", [pytest.param(_scan, id="events"), pytest.param(_cues, id="report-cues"),
                                  pytest.param(_one_pass, id="one-pass")])
@pytest.mark.parametrize("relative, n", [
    pytest.param("espnfc-epl-2013", 202, id="espnfc"),
    pytest.param("guardian-worldcup-2022/articles.jsonl", 100, id="guardian"),
    pytest.param("footy-narratives-2025/articles.jsonl", 100, id="footy-narratives"),
])
def test_scan_finds_what_finditer_finds_in_real_reports(
        relative: str, n: int, scan: Callable[[], tuple[list[re.Pattern[str]], WordScan]]) -> None:
    patterns, scanner = scan()
    found = sum(_assert_same(fold(text), patterns, scanner) for text in _texts(relative, n))
    assert found > n  # the reports do hold events and minutes, and a match report's cues


WORDS = sorted({w for p in [r.pattern for r in rules()] + [p for p, _ in phrases()] for found in [starts(p)] if found
                for b in [*found.words.values(), found.digits, found.before] for w in b}
               | {"Muriel", "Lukaku's", "'s", "23", "90th", "2023", "1234", "minutes", "penalty", "goal", "Kadıoğlu",
                  "İzmir", "ſaved", "KELVIN", "the", "İnter", "VAR", "Own", "Goal", "by", "Olsson"})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from([" ", " ", ", ", ". ", "-", "\n", "", "'s "])),
                max_size=40))
def test_scan_finds_what_finditer_finds_in_made_up_text(parts: list[tuple[str, str]]) -> None:
    patterns, scan = _scan()
    _assert_same("".join(w + sep for w, sep in parts), patterns, scan)


@pytest.mark.parametrize("patterns", [
    pytest.param([p for p, _ in phrases()], id="minute-phrases"),
    pytest.param([re.compile(POSSESSOR)], id="possessive"),
    pytest.param([re.compile(STARTS["number"][0])], id="number"),
    pytest.param([re.compile(STARTS["literal-words"][0]), re.compile(STARTS["word-may-go-on"][0])], id="words"),
])
def test_scan_of_some_ways_to_begin(patterns: list[re.Pattern[str]]) -> None:
    """A scan whose patterns begin in only some of the ways."""
    text = ("Muriel's own goal after 23 minutes; the 90th-minute penalty was saved, an own goal by Lukaku "
            "in the 3rd minute of added time, and Kadıoğlu's own-goal.")
    assert _assert_same(text, patterns, WordScan(patterns)) > 0


MIXED = [re.compile(STARTS[k][0]) for k in ("sign-after-a-word", "possessive-sign", "one-digit")]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "try", "tries", "Sexton", "'s", "it's", "fee", "£5m", "x£5", "£",
                                           "two", "3", "23", "his", "'s try"]),
                          st.sampled_from([" ", " ", "", "'s ", ", "])), max_size=30))
def test_scan_of_words_and_literals_finds_what_finditer_finds(parts: list[tuple[str, str]]) -> None:
    """Patterns that begin at a word or at a sign after one: both kinds of place, tried in order."""
    _assert_same("".join(w + sep for w, sep in parts), MIXED, WordScan(MIXED))


ALL_CHARACTERS = "".join(map(chr, range(0x110000)))


def test_caseless_odd_characters_are_all_there_are() -> None:
    """A case-insensitive letter matches these but lower-casing them gives no ASCII letter."""
    odd = set()
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for m in re.finditer(letter, ALL_CHARACTERS, re.IGNORECASE):
            if lower(m[0]) != letter:
                odd.add(m[0])
    assert odd == set(FOLDS_TO_ASCII)


def test_lowering_keeps_word_characters() -> None:
    """Words are read from the lowered text for patterns that read the text itself."""
    lowered = lower(ALL_CHARACTERS)
    assert len(lowered) == len(ALL_CHARACTERS)
    words = [m.start() for m in re.finditer(r"\w", ALL_CHARACTERS)]
    assert words == [m.start() for m in re.finditer(r"\w", lowered)]


GUARDED = [_modal(), *_goal_not_after()]
CUES = sorted({s for g in GUARDED for s in contained(g.pattern) or ()} | {
    "almost", "Should have", "FAILED TO", "ruled out", "but it was offside", "scored", "he", ",", ".", ";",
    "Kadıoğlu", "mıssed", "ſaved", "last week", "2019", "but", "and", "when"})


def _span(m: re.Match[str] | None) -> tuple[int, int] | None:
    return m.span() if m else None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(CUES), st.sampled_from([" ", " ", ", ", ". ", ""])), max_size=12))
def test_guarded_search_is_search(parts: list[tuple[str, str]]) -> None:
    text = "".join(w + sep for w, sep in parts)
    for guarded in GUARDED:
        assert _span(guarded.search(text)) == _span(guarded.pattern.search(text))


def test_guarded_search_is_search_in_real_reports() -> None:
    """Every window of ninety characters ending at a sentence end or a comma."""
    windows = 0
    for text in map(fold, _texts("espnfc-epl-2013", 60)):
        for cut in re.finditer(r"[.,]", text):
            window = text[max(0, cut.start() - 90):cut.start()]
            windows += 1
            for guarded in GUARDED:
                assert _span(guarded.search(window)) == _span(guarded.pattern.search(window))
    assert windows > 1000


def test_one_pass_gives_each_stage_its_own_patterns_matches(seed_a: str) -> None:
    """What a stage asks of the shared pass is what its patterns' finditer finds, by name."""
    text = fold(seed_a)
    for name, patterns in [("event rules", [r.pattern for r in rules()]), ("report cues", classify._cues()),
                           ("minute phrases", [p for p, _ in phrases()])]:
        found = onepass.found(name, text)
        assert len(found) == len(patterns)
        assert [[m.span() for m in ms] for ms in found] == \
               [[m.span() for m in p.finditer(text if p.flags & re.IGNORECASE else lower(text))]
                for p in patterns], name
    assert any(onepass.found("event rules", text)) and any(onepass.found("report cues", text))


def test_one_pass_is_built_once_with_every_stages_patterns() -> None:
    onepass.found("event rules", "Inter drew 1-1 with Atalanta.")
    with pytest.raises(RuntimeError, match="after the pass was built"):
        onepass.reads("late", lambda: [])


def test_one_pass_asked_first_still_reads_every_stage() -> None:
    """In a new process, asking the pass before any stage is imported builds it with every
    stage's patterns (and a stage imported later is not refused)."""
    code = ("from index.extract import onepass; onepass.found('event rules', 'Muriel hit the post');"
            "from index.extract import classify; print(sorted(onepass._scan()[1]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['event rules', 'minute phrases', 'report cues', 'side nouns']"
