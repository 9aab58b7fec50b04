"""Normalising: one clean text per article, and a folded twin for matching.

The display text keeps the article's own quotes and dashes; ``fold`` has
the same length with curly quotes and dashes made plain, so a span found by
matching ``fold`` marks the same characters in ``text``. Page furniture
(boilerplate lines, agency photo slugs, caption lines of bare names), a
leading dateline, lines broken mid-sentence, sentences run together
("safety.The draw") and HTML escapes left in a text ("Pel&#233;") are
repaired here, once, so that no extraction stage has to know about them.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass

from . import knowledge
from .read import RawArticle

FOLD = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "`": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
    "\u2014": "-", "\u2015": "-", "\u2212": "-",
}
SPACES = {c: " " for c in "\u00a0\u2002\u2003\u2009\u200a\u202f\u205f\u3000\t\x0b\x0c"} \
    | {c: "" for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"}

DATELINE = re.compile(
    r"\A\s*(?:date[d]?|published|updated|posted)?\s*[:\-]?\s*(\d{4})-(\d{2})-(\d{2})\b[\s:,.\-]*",
    re.IGNORECASE)
SLUG = re.compile(r"^[A-Z0-9]{2,}(?:-[A-Z0-9]{2,}){2,}$")
NAME = r"[A-Z][\w'.\-]*(?: (?:[a-z]{1,3} )?[A-Z][\w'.\-]*){0,3}"
NAME_LIST = re.compile(rf"^{NAME}(?:\s*,\s*{NAME})+$")
ENDS_SENTENCE = re.compile(r"[.!?:;\"')\]]$")
STARTS_CONTINUATION = re.compile(r"^(?:[a-z]|[,.;:)\]]|'s\b|'\s)")
JOIN_WORDS = frozenset("""a an and as at but by for from in into of on or than that the to
when where which while who whom whose with against after before between beyond past
through toward towards under via his her their its""".split())
HEADLINE_MAX = 150
ENTITY = re.compile(r"&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[a-zA-Z]{2,8});")
# "safety.The draw": a sentence run into the next when a page was scraped ("Leasing.Com" is a name)
RUN_ON = re.compile(r"([.!?])(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])(?!(?:Com|Net|Org)\b)")  # the stop first: fast to scan for


@dataclass(frozen=True, slots=True)
class Article:
    """An article ready for extraction.

    ``text`` starts with the title (when there is one) as its own paragraph,
    so every span of every stage indexes one string; ``title_end`` is where
    the title stops (0 without one).
    """

    id: str
    source: str
    path: str | None
    text: str
    fold: str
    title: str | None
    title_end: int
    date: dt.date | None
    ref_date: dt.date | None
    url: str | None = None
    digest: str | None = None

    @property
    def lead(self) -> str:
        """The first paragraph after the title: weighs more in ranking."""
        body = self.text[self.title_end:].lstrip("\n")
        return body.split("\n\n", 1)[0]


def fold(text: str) -> str:
    """Plain quotes and dashes, same length: for matching, never for display."""
    return _replace(text, FOLD)


def _replace(text: str, table: dict[str, str]) -> str:
    """``text`` with each character of ``table`` replaced by its value. Like ``str.translate``,
    which is much slower on a non-ASCII text: it looks up every character in the table."""
    for old, new in table.items():
        if old in text:
            text = text.replace(old, new)
    return text


def clean_lines(text: str) -> list[str]:
    """Lines with furniture dropped and mid-sentence breaks joined; blank lines kept as ''."""
    if "&" in text:  # "Pel&#233;", "Dagenham &amp; Redbridge": HTML escapes left in a text or JSON field
        text = ENTITY.sub(lambda m: html.unescape(m[0]), text)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _replace(text, SPACES)
    out: list[str] = []
    pending_blank = False
    for raw in text.split("\n"):
        line = RUN_ON.sub(r"\1 ", " ".join(raw.split()))
        if not line:
            pending_blank = bool(out)
            continue
        if _is_furniture(line):
            continue
        if out and _continues(out[-1], line, across_blank=pending_blank, first=len(out) == 1):
            sep = "" if re.match(r"[,.;:)\]]|['\u2019]s\b", line) else " "
            out[-1] = out[-1] + sep + line
        else:
            out.append(line)
        pending_blank = False
    return out


def _is_furniture(line: str) -> bool:
    if SLUG.match(line):
        return True
    anchored, scanning = knowledge.boilerplate()
    if len(line) <= 160 and (anchored.fullmatch(line) or scanning.search(line)):
        return True
    return len(line) <= 120 and bool(NAME_LIST.match(line)) and not ENDS_SENTENCE.search(line)


def _continues(prev: str, line: str, across_blank: bool, first: bool) -> bool:
    """Does ``line`` carry on the sentence ``prev`` left open?"""
    folded = fold(line)
    if ENDS_SENTENCE.search(fold(prev)) and not folded[0].islower():
        return False
    if STARTS_CONTINUATION.match(folded):
        return not (first and across_blank and _headline_like(prev))
    last = prev.rsplit(" ", 1)[-1].lower()
    if prev.endswith((",", "-", "\u2013", "\u2014")) or last in JOIN_WORDS:
        return not first or len(prev) > HEADLINE_MAX
    return False


def _headline_like(line: str) -> bool:
    return len(line) <= HEADLINE_MAX and not line.rstrip().endswith(".")


def normalise(raw: RawArticle, ref_date: dt.date | None = None) -> Article:
    """Clean ``raw`` into an :class:`Article`; the date comes from metadata or a dateline."""
    lines = clean_lines(raw.text)
    date: dt.date | None = parse_date(raw.date) if raw.date else None
    if lines:
        m = DATELINE.match(lines[0])
        if m:
            try:
                stated = dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                stated = None
            if stated:
                date = date or stated
                lines[0] = lines[0][m.end():]
                if not lines[0]:
                    lines.pop(0)
    title = " ".join(raw.title.split()) if raw.title else None
    if title is None and len(lines) > 1 and _headline_like(lines[0]):
        title = lines.pop(0)
    elif title is not None and lines and fold(lines[0]).strip() == fold(title).strip():
        lines.pop(0)
    body = "\n\n".join(lines)
    text = f"{title}\n\n{body}" if title else body
    title_end = len(title) if title else 0
    folded = fold(text)
    return Article(
        id=doc_id(folded), source=raw.source, path=raw.path, text=text, fold=folded,
        title=title, title_end=title_end, date=date,
        ref_date=ref_date or date, url=raw.url, digest=raw.digest,
    )


def doc_id(folded: str) -> str:
    """A stable id from the normalised text: the same report gets the same id anywhere."""
    key = " ".join(folded.lower().split())
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


def parse_date(value: str) -> dt.date | None:
    """A metadata date in any common form, or ``None`` when it is not one."""
    from dateutil import parser as dateparser

    try:
        return dateparser.parse(value, default=dt.datetime(2000, 1, 1)).date()
    except (ValueError, OverflowError, TypeError):
        return None
