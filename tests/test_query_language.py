"""The query language: syntax table, lenient notes, strict errors, and properties."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.query import All, Any, Filter, Not, Parsed, Pattern, Phrase, Word, parse
from search.request import QueryError


@pytest.mark.parametrize("text,node", [
    pytest.param("penalty", Word("penalty"), id="word"),
    pytest.param("penalty save", All((Word("penalty"), Word("save"))), id="implicit-and"),
    pytest.param("penalty AND save", All((Word("penalty"), Word("save"))), id="and"),
    pytest.param("Lukaku OR Lautaro", Any((Word("Lukaku"), Word("Lautaro"))), id="or"),
    pytest.param("NOT offside", Not(Word("offside")), id="not"),
    pytest.param("goal -offside", All((Word("goal"), Not(Word("offside")))), id="minus"),
    pytest.param('"hit the post"', Phrase(("hit", "the", "post")), id="phrase"),
    pytest.param('"hit post"~3', Phrase(("hit", "post"), 3), id="proximity"),
    pytest.param("Handanovich~", Word("Handanovich", fuzzy=True), id="fuzzy"),
    pytest.param("Malin*", Pattern("malin*"), id="pattern"),
    pytest.param("(goal OR penalty) Inter", All((Any((Word("goal"), Word("penalty"))), Word("Inter"))),
                 id="grouping"),
    pytest.param('team:"Man Utd"', Filter("team", "Man Utd"), id="quoted-field"),
    pytest.param("event:penalty_saved", Filter("event", "penalty_saved"), id="event-field"),
    pytest.param("date:[2020-01-01 TO 2020-03-31]", Filter("date", "2020-01-01", "2020-03-31"), id="range"),
    pytest.param("date:[2020-01-01 TO ]", Filter("date", "2020-01-01", "*"), id="open-range"),
])
def test_syntax(text: str, node: object) -> None:
    assert parse(text).node == node


@pytest.mark.parametrize("text,note", [
    pytest.param("(penalty save", "never closed", id="open-paren"),
    pytest.param("penalty save)", "no opening one", id="stray-paren"),
    pytest.param('"hit the post', "quote was never closed", id="open-quote"),
    pytest.param("penalty OR", "OR needs something", id="dangling-or"),
    pytest.param("foo:bar", "unknown field foo", id="unknown-field"),
    pytest.param("a* goal", "too broad", id="broad-pattern"),
    pytest.param("goal NOT", "NOT needs something", id="dangling-not"),
])
def test_lenient_notes_and_strict_errors(text: str, note: str) -> None:
    lenient = parse(text, strict=False)
    assert any(note in n for n in lenient.notes)
    with pytest.raises(QueryError, match=note):
        parse(text, strict=True)


def test_lenient_keeps_what_it_can() -> None:
    assert parse("foo:bar goal", strict=False).node == All((Word("bar"), Word("goal")))
    assert parse("(penalty save", strict=False).node == All((Word("penalty"), Word("save")))


def test_overlong_query_is_refused_or_cut() -> None:
    text = "goal " * 400
    with pytest.raises(QueryError, match="limit"):
        parse(text)
    assert parse(text, strict=False).notes


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list('ab "()*~:-[]') + ["OR ", "AND ", "NOT ", "team:", "date:", " TO "]),
                max_size=25).map("".join) | st.text(max_size=60))
def test_any_string_parses_or_explains(text: str) -> None:
    lenient = parse(text, strict=False)
    assert isinstance(lenient, Parsed)
    try:
        strict = parse(text, strict=True)
    except QueryError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert strict.node == lenient.node and not strict.notes
