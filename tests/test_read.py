"""Reading: every format and encoding an archive holds, and bad input skipped with a reason."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.read import CONTROLS, RawArticle, Skipped, decode, read_all, without_controls

TEXT = "Inter drew 1–1 with Atalanta at San Siro. Iličić crossed, Gosens scored."


def _read(tmp_path: Path, name: str, data: bytes) -> list[RawArticle | Skipped]:
    path = tmp_path / name
    path.write_bytes(data)
    return list(read_all([path]))


@pytest.mark.parametrize("data", [
    pytest.param(TEXT.encode("utf-8"), id="utf-8"),
    pytest.param(b"\xef\xbb\xbf" + TEXT.encode("utf-8"), id="utf-8-bom"),
    pytest.param(TEXT.encode("utf-16"), id="utf-16-bom"),
    pytest.param(TEXT.encode("utf-16-le"), id="utf-16-le-no-bom"),
    pytest.param(TEXT.replace("č", "c").replace("ć", "c").encode("cp1252"), id="windows-1252"),
    pytest.param(TEXT.replace("\u2013", "-").replace("č", "c").replace("ć", "c").encode("latin-1"),
                 id="latin-1"),
    pytest.param(TEXT.replace(". ", ".\r\n").encode("utf-8"), id="crlf"),
])
def test_text_encodings_decode(tmp_path: Path, data: bytes) -> None:
    [item] = _read(tmp_path, "report.txt", data)
    assert isinstance(item, RawArticle)
    assert "Atalanta at San Siro" in item.text
    assert "Gosens scored" in item.text


def test_windows_1252_quotes_survive() -> None:
    assert decode("Gosens\u2019 goal \u2013 late".encode("cp1252")) == "Gosens\u2019 goal \u2013 late"


@pytest.mark.parametrize("name,data,reason", [
    pytest.param("empty.txt", b"", "empty", id="empty"),
    pytest.param("blank.txt", b"  \n\n \t\n", "empty", id="whitespace-only"),
    pytest.param("photo.txt", bytes(range(256)) * 40, "binary", id="binary"),
])
def test_bad_files_are_skipped_with_a_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    [item] = _read(tmp_path, name, data)
    assert isinstance(item, Skipped)
    assert reason in item.reason


def test_oversized_file_is_skipped_and_limit_named(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("goal " * 3000)
    [item] = list(read_all([path], max_bytes=10_000))
    assert isinstance(item, Skipped) and "limit" in item.reason and "KB" in item.reason


def test_missing_path_is_skipped(tmp_path: Path) -> None:
    [item] = list(read_all([tmp_path / "nope"]))
    assert isinstance(item, Skipped) and "no such file" in item.reason


def test_html_drops_scripts_and_furniture(tmp_path: Path) -> None:
    page = b"""<html><head><title>Inter 1-1 Atalanta</title><script>alert('x')</script>
    <style>p{}</style></head><body><nav>Home | Football</nav><header>Site</header>
    <h1>Inter 1-1 Atalanta</h1><p>Handanovic <b>saved</b> a late penalty.</p>
    <figure><img src=a.jpg><figcaption>Lautaro celebrates</figcaption></figure>
    <p>Gosens equalised.</p><footer>Copyright</footer></body></html>"""
    [item] = _read(tmp_path, "page.html", page)
    assert isinstance(item, RawArticle)
    assert item.text.splitlines()[0] == "Inter 1-1 Atalanta"
    assert "Handanovic saved a late penalty." in item.text
    for gone in ("alert", "Home | Football", "Lautaro celebrates", "Copyright", "p{}"):
        assert gone not in item.text


def test_jsonl_lines_become_articles_and_broken_lines_are_reported(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "a1", "title": "Inter 1-1 Atalanta", "date": "2020-01-11",
                         "text": "Handanovic saved a penalty."}),
             "{not json",
             json.dumps({"body": "Gosens scored.", "url": "https://example.org/r"}),
             json.dumps({"title": "no text here"}),
             json.dumps({"content": "Lukaku hit the post."})]
    items = _read(tmp_path, "reports.jsonl", ("\n".join(lines) + "\n").encode())
    good = [i for i in items if isinstance(i, RawArticle)]
    bad = [i for i in items if isinstance(i, Skipped)]
    assert [g.text for g in good] == ["Handanovic saved a penalty.", "Gosens scored.", "Lukaku hit the post."]
    assert good[0].source.endswith("#a1") and good[0].date == "2020-01-11"
    assert good[1].source.endswith(":3") and good[1].url == "https://example.org/r"
    assert [b.source.rsplit(":", 1)[1] for b in bad] == ["2", "4"]
    assert "broken JSON line" in bad[0].reason


def test_folders_are_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / "a.txt").write_text("one")
    (tmp_path / "b" / "deep" / "c.htm").write_text("<p>two</p>")
    (tmp_path / "b" / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden.txt").write_text("secret")
    items = list(read_all([tmp_path]))
    assert [Path(i.source).name for i in items] == ["a.txt", "c.htm"]


def test_symlink_loop_is_reported_not_followed_forever(tmp_path: Path) -> None:
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "a.txt").write_text("one")
    (tmp_path / "r" / "loop").symlink_to(tmp_path / "r")
    items = list(read_all([tmp_path]))
    assert sum(isinstance(i, RawArticle) for i in items) == 1
    assert any(isinstance(i, Skipped) and "loop" in i.reason for i in items)


@given(st.text(alphabet=st.characters(max_codepoint=0x2FF)))
def test_control_characters_go_whatever_the_text(text: str) -> None:
    cleaned = without_controls(text)
    assert cleaned == text.translate(CONTROLS)
    assert not any(ord(c) in CONTROLS for c in cleaned)
