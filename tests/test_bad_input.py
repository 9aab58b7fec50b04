"""Bad input: every kind an archive holds is indexed correctly or skipped with a reason.

One folder holds every case; it is indexed in one run (so each bad file is
also shown not to stop the others), then each row of the table checks its
own outcome: the text stored for what was indexed, the one-line reason for
what was skipped.
"""
from __future__ import annotations

import json
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from index.build import Options, build
from index.errors import IndexProblem
from index.html import html_to_text
from index.interrupts import TooSlow, time_limit
from index.read import DEFAULT_MAX_BYTES, Skipped, decode, read_path
from search import open_index
from search.cli import main

from .conftest import SEEDS

REPORT = ("Inter drew 1-1 with Atalanta at San Siro. Handanovic saved a late penalty from "
          "Muñoz, and Gosens had equalised after Lautaro Martínez scored. {tag}")
LIMIT = 512 * 1024  # a small size limit keeps the oversized cases small


@dataclass(frozen=True)
class Indexed:
    """The input is indexed and its stored text holds ``text`` (and none of ``absent``)."""

    text: str
    absent: tuple[str, ...] = ()


@dataclass(frozen=True)
class Skip:
    """The input is skipped with a reason containing ``reason``."""

    reason: str


def _report(tag: str) -> str:
    return REPORT.format(tag=tag)


def _write(data: bytes) -> Callable[[Path], None]:
    return lambda p: p.write_bytes(data)


def _symlink(target: str) -> Callable[[Path], None]:
    return lambda p: p.symlink_to(target)


def _loop(p: Path) -> None:
    other = p.with_name("loop-b.txt")
    other.symlink_to(p.name)
    p.symlink_to(other.name)


def _folder_loop(p: Path) -> None:
    p.mkdir()
    (p / "inside.txt").write_text(_report("inside a looped folder"), encoding="utf-8")
    (p / "back").symlink_to("..")


def _unreadable(p: Path) -> None:
    p.write_text(_report("unreadable"), encoding="utf-8")
    p.chmod(0)


def _fifo(p: Path) -> None:
    os.mkfifo(p)


def _index_inside(p: Path) -> None:
    open_index(p, create=True)


def _binary_without_nuls() -> bytes:
    rng = random.Random(7)
    return bytes(rng.choice([*range(1, 9), *range(14, 32), *range(128, 256)]) for _ in range(5000))


def _jsonl() -> bytes:
    good = [json.dumps({"id": f"j{i}", "title": f"Report {i}", "text": _report(f"jsonl line {i}")})
            for i in (1, 2)]
    long_line = json.dumps({"text": "goal " * (LIMIT // 4)})
    return "\n".join([good[0], "{broken", "[1, 2]", '{"title": "no text"}', long_line,
                      "[" * 100_000 + "]" * 100_000, good[1], ""]).encode("utf-8")


HTML = f"""<html><head><title>Inter 1-1 Atalanta</title>
<script>document.write('<b>injected</b>'); alert(1)</script><style>p {{ color: red }}</style>
</head><body><p>{_report("html")}</p>
<p>A fan held a sign reading &lt;script&gt;alert("penalty")&lt;/script&gt; behind the goal.</p>
<script>var penalty = "</p><img src=x onerror=alert(2)>";</script>
<![CDATA[<i>cdata penalty</i>]]><noscript>enable penalty scripts</noscript></body></html>"""

# name: (how to make it, what must happen)
CASES: list = [
    pytest.param("empty.txt", _write(b""), Skip("empty"), id="empty"),
    pytest.param("blank.txt", _write(b" \r\n\t\n"), Skip("empty"), id="whitespace-only"),
    pytest.param("photo.txt", _write(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20),
                 Skip("binary file"), id="binary"),
    pytest.param("noise.txt", _write(_binary_without_nuls()), Skip("binary file"),
                 id="binary-without-nul-bytes"),
    pytest.param("bad-utf8.txt", _write(_report("stray \xff byte").encode("utf-8").replace(
                 b"\xc3\xbf", b"\xff")), Indexed("Lautaro Martínez scored. stray ÿ byte"),
                 id="invalid-utf-8"),
    pytest.param("latin1.txt", _write(_report("Latin-1").replace("í", "i").encode("latin-1")),
                 Indexed("penalty from Muñoz"), id="latin-1"),
    pytest.param("cp1252.txt", _write(_report("Gosens\u2019 goal \u2013 cp1252").replace("í", "i")
                                      .encode("cp1252")),
                 Indexed("Gosens\u2019 goal \u2013 cp1252"), id="windows-1252"),
    pytest.param("utf16.txt", _write(_report("utf-16").encode("utf-16")),
                 Indexed("Lautaro Martínez scored. utf-16"), id="utf-16-bom"),
    pytest.param("utf16be.txt", _write(_report("utf-16-be").encode("utf-16-be")),
                 Indexed("Lautaro Martínez scored. utf-16-be"), id="utf-16-be-no-bom"),
    pytest.param("bom.txt", _write(b"\xef\xbb\xbf" + _report("bom").encode("utf-8")),
                 Indexed("Inter drew 1-1", absent=("\ufeff",)), id="utf-8-bom"),
    pytest.param("huge.txt", _write(_report("huge").encode("utf-8") * (LIMIT // 100)),
                 Skip("larger than the 512 KB limit"), id="over-size-limit"),
    pytest.param("page.html", _write(HTML.encode("utf-8")),
                 Indexed('sign reading <script>alert("penalty")</script> behind',
                         absent=("injected", "alert(1)", "color", "onerror", "cdata", "enable")),
                 id="html-script-style"),
    pytest.param("cyrillic.html", _write('<html><head><meta charset="windows-1251"></head><body><p>'
                                         f'{_report("Зенит")}</p></body></html>'.replace("í", "i")
                                         .replace("ñ", "n").encode("cp1251")),
                 Indexed("Зенит"), id="html-declared-charset"),
    pytest.param("nested.html", _write(("<div>" * 20000 + f"<p>{_report('deep')}</p>" + "</div>" * 20000)
                                       .encode("utf-8")),
                 Indexed("Lautaro Martínez scored. deep"), id="html-nested-20000-deep"),
    pytest.param("many.html", _write(("<div><b></b></div>" * 20000 + f"<p>{_report('many')}</p>")
                                     .encode("utf-8")),
                 Indexed("Lautaro Martínez scored. many"), id="html-40000-elements"),
    pytest.param("escapes.txt", _write(("Inter 2-1 \x1b]0;pwned\x07Milan\x1b[2J\n\n"
                                        + _report("\x1b[31mred\x1b[0m \x9b2J")).encode("utf-8")),
                 Indexed("Lautaro Martínez scored. [31mred[0m 2J", absent=("\x1b", "\x07", "\x9b")),
                 id="terminal-escape-sequences"),
    pytest.param("loop-a.txt", _loop, Skip("symlink loop"), id="symlink-loop-file"),
    pytest.param("looped", _folder_loop, Skip("folder already read"), id="symlink-loop-folder"),
    pytest.param("dangling.txt", _symlink("nowhere.txt"), Skip("broken link"), id="broken-link"),
    pytest.param("locked.txt", _unreadable, Skip("cannot read: Permission denied"),
                 id="unreadable-file"),
    pytest.param("pipe.txt", _fifo, Skip("not a regular file"), id="fifo"),
    pytest.param("old-index", _index_inside, Skip("a matchsearch index folder"),
                 id="index-folder-among-reports"),
]
JSONL_CASES = [
    pytest.param(2, Skip("broken JSON line"), id="jsonl-broken-line"),
    pytest.param(3, Skip("JSON line is not an object"), id="jsonl-not-an-object"),
    pytest.param(4, Skip("no text in 'text', 'body' or 'content'"), id="jsonl-no-text"),
    pytest.param(5, Skip("line larger than the 512 KB limit"), id="jsonl-line-over-limit"),
    pytest.param(6, Skip("JSON line nested too deeply"), id="jsonl-deeply-nested"),
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory):
    """Every case in one folder, indexed in one run with a missing path given too."""
    folder = tmp_path_factory.mktemp("archive")
    for param in CASES:
        name, make, _ = param.values
        make(folder / name)
    (folder / "lines.jsonl").write_bytes(_jsonl())
    ix = open_index(folder.parent / "ix", create=True)
    patch = pytest.MonkeyPatch()
    if os.access(folder / "locked.txt", os.R_OK):  # root reads anything: make the OS say no
        _deny_reading(patch, folder / "locked.txt")
    try:
        report = ix.add([folder, folder / "missing.txt"], jobs=1, max_bytes=LIMIT)
    finally:
        patch.undo()
    return folder, ix, report


def _deny_reading(patch: pytest.MonkeyPatch, denied: Path) -> None:
    real = Path.open

    def open_(self: Path, *args: object, **kw: object):
        if self == denied:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *args, **kw)

    patch.setattr(Path, "open", open_)


def _skips(report, source: str) -> list[str]:
    return [s.reason for s in report.skipped if s.source == source]


def _stored_texts(ix) -> dict[str, str]:
    hits = ix.search(limit=100).hits
    return {Path(h.path).name + (h.id if h.path.endswith(".jsonl") else ""): ix.get(h.id)["text"]
            for h in hits}


@pytest.mark.parametrize("name,make,expected", CASES)
def test_each_bad_input_is_indexed_or_skipped_with_a_reason(archive, name, make, expected) -> None:
    folder, ix, report = archive
    source = str(folder / name)
    if isinstance(expected, Skip):
        reasons = _skips(report, source) or [s.reason for s in report.skipped
                                             if s.source.startswith(source + os.sep)]
        assert reasons and all("\n" not in r for r in reasons)
        assert any(expected.reason in r for r in reasons), reasons
    else:
        assert not _skips(report, source)
        [text] = [t for n, t in _stored_texts(ix).items() if n == name]
        assert expected.text in text
        for gone in expected.absent:
            assert gone not in text


@pytest.mark.parametrize("line,expected", JSONL_CASES)
def test_broken_jsonl_lines_are_reported_by_number(archive, line, expected) -> None:
    folder, _, report = archive
    [reason] = _skips(report, f"{folder / 'lines.jsonl'}:{line}")
    assert expected.reason in reason


def test_the_run_goes_on_past_every_bad_input(archive) -> None:
    folder, ix, report = archive
    indexed = sum(isinstance(p.values[2], Indexed) for p in CASES)
    jsonl_good, looped_folder_file = 2, 1
    assert report.added == indexed + jsonl_good + looped_folder_file
    assert ix.stats()["documents"] == report.added
    assert _skips(report, str(folder / "missing.txt")) == ["no such file or folder"]
    assert ix.search("Muñoz").total == report.added  # accents folded: all reports, every encoding


def test_default_size_limit_is_5_mb_and_said(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"goal " * (DEFAULT_MAX_BYTES // 5 + 1))
    [item] = list(read_path(path))
    assert isinstance(item, Skipped)
    assert item.reason == "larger than the 5.0 MB limit (5.0 MB)"


def test_script_in_a_report_never_reaches_a_highlight_unescaped(archive) -> None:
    _, ix, _ = archive
    res = ix.search("penalty sign", limit=20)
    assert res.total >= 1
    passages = [p for h in res.hits for p in h.highlights]
    assert any("&lt;script&gt;" in p for p in passages)
    for p in passages:
        assert "<" not in p.replace("<mark>", "").replace("</mark>", "")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("cli") / "ix"
    assert CliRunner().invoke(main, ["index", str(SEEDS), "--index", str(where), "--jobs", "1"]
                              ).exit_code == 0
    return where


@pytest.mark.parametrize("args,code,message", [
    pytest.param(["index", "{tmp}/missing.txt", "--index", "{tmp}/ix"], 1,
                 "nothing could be indexed", id="index-nothing"),
    pytest.param(["search", "x", "--index", "{tmp}/ix"], 1, "no index at", id="search-no-index"),
    pytest.param(["search", "*", "--index", "{ix}"], 2, "too broad", id="lone-star"),
    pytest.param(["search", "a*", "--index", "{ix}"], 2, "too broad", id="one-letter-prefix"),
    pytest.param(["search", "x" * 2000, "--index", "{ix}"], 2, "query too long", id="long-query"),
    pytest.param(["search", "goal", "--page", "5000", "--limit", "100", "--index", "{ix}"], 2,
                 "past the first", id="deep-page"),
    pytest.param(["search", "--since", "someday", "--index", "{ix}"], 2, "as a date", id="bad-date"),
    pytest.param(["show", "nope", "--index", "{ix}"], 1, "no report with id", id="unknown-id"),
    pytest.param(["index", str(SEEDS), "--index", "{tmp}/afile"], 1, "is a file, not an index folder",
                 id="index-into-a-file"),
    pytest.param(["stats", "--index", "{tmp}/afile"], 1, "no index at", id="stats-of-a-file"),
])
def test_user_mistakes_get_one_line_and_the_interface_exit_status(
        seeded: Path, tmp_path: Path, args: list[str], code: int, message: str) -> None:
    (tmp_path / "afile").write_text("not an index")
    result = CliRunner().invoke(main, [a.format(tmp=tmp_path, ix=seeded) for a in args])
    assert result.exit_code == code, result.output
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("Error: ") and message in last
    assert "Traceback" not in result.output


def test_index_writable_by_others_is_refused(tmp_path: Path) -> None:
    where = tmp_path / "ix"
    open_index(where, create=True)
    where.chmod(0o777)
    result = CliRunner().invoke(main, ["stats", "--index", str(where)])
    assert result.exit_code == 1
    assert "refusing to open the index" in result.output and "writable by every user" in result.output
    where.chmod(0o755)
    toc = next(where.glob("_MAIN_*.toc"))
    toc.chmod(0o666)
    with pytest.raises(IndexProblem, match="refusing to open"):  # also from the library
        open_index(where)
    toc.chmod(0o644)
    assert open_index(where).stats()["documents"] == 0


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000), st.booleans())
def test_any_bytes_decode_to_text_or_binary_never_an_error(data: bytes, html: bool) -> None:
    text = decode(data, html=html)
    assert text is None or isinstance(text, str)
    if data.isascii() and b"\x00" not in data and text is not None:
        assert text == data.decode("ascii")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500) | st.lists(st.sampled_from(
    ["<p>", "</p>", "<script>", "</script>", "<style>", "<!--", "-->", "<![CDATA[", "]]>", "<h1>",
     "<title>", "&lt;", "&amp;", "<br/>", "<div", ">", "goal", " ", "\n", "<?x", "<!DOCTYPE"]),
    max_size=30).map("".join))
def test_any_markup_becomes_text_never_an_error(markup: str) -> None:
    assert isinstance(html_to_text(markup), str)


def test_an_article_too_slow_to_read_is_skipped_and_the_run_goes_on(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ok.txt").write_text(_report("quick"), encoding="utf-8")
    (docs / "slow.txt").write_text((_report("slow") + "\n\n") * 8000, encoding="utf-8")  # ~1.2 MB
    report = build(tmp_path / "ix", [docs], Options(jobs=1, article_seconds=0.5))
    assert report.added == 1
    [skip] = report.skipped
    assert skip.source == str(docs / "slow.txt") and "took longer than 0.5 s of processor time to read" in skip.reason


def test_a_time_limit_that_does_not_get_through_fires_again() -> None:
    """An expiry raised where Python ignores exceptions (a garbage collector callback, which
    Hypothesis installs, or a ``__del__``) is lost; the limit fires again until one gets through.
    Here the block itself swallows the first."""
    swallowed = 0
    with pytest.raises(TooSlow):
        with time_limit(0.05):
            try:
                while True:
                    pass
            except TooSlow:
                swallowed += 1
            until = time.process_time() + 2  # without a second expiry the block ends here
            while time.process_time() < until:
                pass
    assert swallowed == 1
