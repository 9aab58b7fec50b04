"""Normalising: real snippets from the seeds and the shared corpus, and properties."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.normalise import clean_lines, fold, normalise
from index.read import RawArticle

from .conftest import corpus_file


def _norm(text: str, **kw: str):
    return normalise(RawArticle(source="t", path="t", text=text, digest="", **kw))


def test_dateline_becomes_the_date(seed_a: str) -> None:
    art = _norm(seed_a)
    assert art.date == dt.date(2020, 1, 11)
    assert art.text.startswith("Samir Handanovic saved an 88th minute penalty")
    assert art.title is None  # the first line is a paragraph, not a headline


def test_headline_becomes_title_and_furniture_leaves(seed_b: str) -> None:
    art = _norm(seed_b)
    assert art.title == "Samir Handanovic Spares Inter\u2019s Blushes as Late Penalty Save Denies Atalanta"
    assert "FBL-ITA-SERIEA-INTER-ATALANTA" not in art.text
    assert "Lautaro Martinez,Romelu Lukaku" not in art.text
    # a sentence broken across a blank line is joined
    assert "edging ahead as Alejandro Gomez crashed a powerful drive" in art.text


@pytest.mark.parametrize("raw,expected", [
    pytest.param("Ivory Coast international \n set the Gunners on their way.",
                 ["Ivory Coast international set the Gunners on their way."], id="espn-removed-link"),
    pytest.param("no recovery as \n's penalty made sure.", ["no recovery as's penalty made sure."],
                 id="possessive-continuation"),
    pytest.param("First paragraph ends.\nSecond starts.", ["First paragraph ends.", "Second starts."],
                 id="paragraphs-stay"),
    pytest.param("Advertisement\nGoal by Kane.\nSubscribe now for unlimited access.",
                 ["Goal by Kane."], id="boilerplate"),
    pytest.param("(Top photo: Lars Baron/Getty Images)\nKane scored.", ["Kane scored."], id="photo-credit"),
    pytest.param("Kane scored.\nGet your football fix\nDon't want to miss the week's biggest football stories? "
                 "Metro's exclusive football newsletter, In The Mixer, is your essential guide.\nMore Trending\n"
                 "Join the club\nFantastic football content straight to your inbox!\nHe ran.",
                 ["Kane scored.", "He ran."], id="newsletter-promotions"),
    pytest.param("Kane\u00a0scored\u200b twice.", ["Kane scored twice."], id="odd-spaces"),
    pytest.param("points adrift of safety.The draw suits Wigan.", ["points adrift of safety. The draw suits Wigan."],
                 id="sentences-run-together"),
    pytest.param("Pel&#233; scored for Dagenham &amp; Redbridge at the AT&T Stadium; R&D &notanentity;",
                 ["Pelé scored for Dagenham & Redbridge at the AT&T Stadium; R&D &notanentity;"], id="html-escapes-in-text"),
    pytest.param("the Leasing.Com Trophy, U.S. soccer and 2.5 goals", ["the Leasing.Com Trophy, U.S. soccer and 2.5 goals"],
                 id="dots-inside-names-kept"),
])
def test_clean_lines(raw: str, expected: list[str]) -> None:
    assert clean_lines(raw) == expected


def test_fold_keeps_length_and_plain_forms() -> None:
    text = "Martinez\u2019s \u201cgoal\u201d \u2013 late"
    assert fold(text) == "Martinez's \"goal\" - late"
    assert len(fold(text)) == len(text)


def test_espn_report_lines_are_joined() -> None:
    text = corpus_file("espnfc-epl-2013/Arsenal-Reading.txt").read_text(encoding="utf-8")
    art = _norm(text)
    assert "Ivory Coast international set the Gunners on their way" in art.text
    assert "\n set the" not in art.text


def test_bbc_headline_is_title() -> None:
    text = corpus_file("bbcsport-2005/football/007.txt").read_text(encoding="utf-8")
    art = _norm(text)
    assert art.title == "Man City 0-2 Man Utd"
    assert art.lead.startswith("Manchester United reduced Chelsea's Premiership lead")


def test_metadata_title_and_date_win() -> None:
    art = _norm("Inter 1-1 Atalanta\n\nHandanovic saved.", title="Inter 1-1 Atalanta", date="2020-01-11")
    assert art.title == "Inter 1-1 Atalanta" and art.text.count("Inter 1-1 Atalanta") == 1
    assert art.date == dt.date(2020, 1, 11)


def test_same_text_same_id_anywhere(seed_a: str) -> None:
    a = normalise(RawArticle(source="x", path="x", text=seed_a, digest=""))
    b = normalise(RawArticle(source="y", path="y", text=seed_a.replace("\n", "\r\n"), digest=""))
    assert a.id == b.id


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_normaliser_never_raises_and_is_idempotent(text: str) -> None:
    once = "\n".join(clean_lines(text))
    assert "\n".join(clean_lines(once)) == once
    art = _norm(text)
    assert len(art.fold) == len(art.text)


@settings(max_examples=200, deadline=None)
@given(st.text(), st.none() | st.text(max_size=60), st.none() | st.text(max_size=30))
def test_normaliser_never_raises_whatever_the_metadata(text: str, title: str | None,
                                                       date: str | None) -> None:
    art = _norm(text, **{k: v for k, v in {"title": title, "date": date}.items() if v is not None})
    assert len(art.fold) == len(art.text) and art.title_end <= len(art.text)
