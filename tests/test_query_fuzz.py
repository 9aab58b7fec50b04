"""Any query string gets an answer or a clean QueryError, never markup from an article.

Hypothesis throws arbitrary text and query-syntax soup at a small index that
holds the seeds and a report full of markup; every answer must be well formed
and every highlight HTML-escaped apart from ``<mark>``.
"""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search import QueryError, open_index
from search.request import Results

from .conftest import SEEDS

HOSTILE = """Inter 2-1 Milan: <script>alert('penalty')</script> at San Siro

Lautaro Martinez scored a penalty <img src=x onerror=alert(1)> and Lukaku hit the post.
The ultras' banner read <b>&amp;</b> "<mark>penalty</mark>" </textarea><iframe src=//x>.
Handanovic saved a late penalty & Milan's <style>body{}</style> protests were waved away.
"""
SYNTAX = ["penalty", "Lukaku", "post", "saved", "*", "?", "a*", "pen*", "*nal*", "AND", "OR", "NOT",
          "ANDNOT", "ANDMAYBE", "(", ")", '"', "'", "[", "]", "{", "}", "TO", "^2", "~", "~2", ":",
          "title:", "body:x", "-", "+", "\\", "<script>", "&amp;", "\x00", "\u202e", "Martínez",
          "ß", "😀", "[a TO]", "[TO z]", "*:*", "/", "//", "ü*", "0", "2020-01-11", " ", "  "]
TAG = re.compile(r"<(?!/?mark>)")


@pytest.fixture(scope="module")
def ix(tmp_path_factory: pytest.TempPathFactory):
    docs = tmp_path_factory.mktemp("docs")
    for seed in SEEDS.iterdir():
        (docs / seed.name).write_bytes(seed.read_bytes())
    (docs / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (docs / "hostile.html").write_text(f"<html><body><p>{HOSTILE}</p><script>alert(2)</script>"
                                       "</body></html>", encoding="utf-8")
    index = open_index(tmp_path_factory.mktemp("ix"), create=True)
    assert index.add([docs], jobs=1).added == 4
    return index


def _well_formed(res: Results) -> None:
    assert res.total >= len(res.hits)
    for hit in res.hits:
        for passage in hit.highlights:
            assert not TAG.search(passage), passage
            assert "&lt;" in passage or "<" not in passage.replace("<mark>", "").replace("</mark>", "")


def _answer_or_query_error(ix, text: str, **kw: object) -> None:
    try:
        res = ix.search(text, **kw)
    except QueryError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    _well_formed(res)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200))
def test_any_text_is_answered_or_refused_cleanly(ix, text: str) -> None:
    _answer_or_query_error(ix, text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(SYNTAX), max_size=12).map("".join),
       st.sampled_from(["relevance", "date"]), st.integers(1, 50), st.integers(1, 400))
def test_query_syntax_soup_is_answered_or_refused_cleanly(ix, text: str, sort: str, limit: int,
                                                         page: int) -> None:
    _answer_or_query_error(ix, text, sort=sort, limit=limit, page=page)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=30), st.text(max_size=30), st.text(max_size=20), st.text(max_size=20))
def test_any_filter_values_are_answered_or_refused_cleanly(ix, player: str, team: str, since: str,
                                                         competition: str) -> None:
    _answer_or_query_error(ix, "", player=player, team=team, since=since or None,
                           competition=competition or None)


@pytest.mark.parametrize("text", ["penalty", "script", "alert", "onerror", "mark", "ultras",
                                  "banner", "textarea iframe", '"hit the post"'])
def test_markup_in_a_report_reaches_highlights_escaped(ix, text: str) -> None:
    res = ix.search(text, limit=10)
    assert res.total >= 1
    _well_formed(res)


def test_script_text_is_escaped_where_it_is_matched(ix) -> None:
    res = ix.search("alert")
    passages = [p for h in res.hits for p in h.highlights]
    assert any("&lt;script&gt;<mark>alert</mark>" in p for p in passages), passages


def test_a_decoded_escape_is_escaped_again_in_highlights(ix) -> None:
    """The report's "&amp;" is read as "&" (normalising decodes escapes), and a highlight shows
    it escaped, never as markup."""
    assert ix.search("amp").total == 0
    passages = [p for h in ix.search("banner").hits for p in h.highlights]
    assert any("&lt;b&gt;&amp;&lt;/b&gt;" in p for p in passages), passages


def test_page_past_the_last_is_empty_not_the_last_page_again(ix) -> None:
    res = ix.search("penalty", limit=1, page=200)
    assert res.total >= 1 and res.hits == []


@pytest.mark.parametrize("text", [
    pytest.param("*", id="lone-star"),
    pytest.param("a*", id="one-letter-prefix"),
    pytest.param("*a*", id="infix"),
    pytest.param("[a TO z]", id="range-without-field"),
])
def test_patterns_that_expand_to_everything_are_refused(ix, text: str) -> None:
    with pytest.raises(QueryError):
        ix.search(text)


@pytest.mark.parametrize("kwargs,message", [
    pytest.param({"text": "goal " * 300}, "query too long", id="long"),
    pytest.param({"text": "goal " * 40}, "too many words", id="many-words"),
    pytest.param({"text": " OR ".join(["goal"] * 32)}, None, id="operators-do-not-count"),
    pytest.param({"text": " ".join(f"go{c}*" for c in "abcdefghi")}, "too many patterns",
                 id="many-patterns"),
    pytest.param({"text": "", "limit": 5000}, "limit 5000 is too large", id="huge-limit"),
    pytest.param({"text": "", "limit": 100, "page": 101}, "past the first 10,000", id="deep-page"),
    pytest.param({"text": "", "team": ["Inter"] * 100}, "too many filters", id="many-filters"),
])
def test_requests_too_large_to_answer_quickly_are_refused(ix, kwargs: dict, message: str | None
                                                         ) -> None:
    if message is None:
        assert ix.search(**kwargs).total >= 1
        return
    with pytest.raises(QueryError, match=message):
        ix.search(**kwargs)
