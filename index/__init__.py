"""matchsearch's indexing side: read, normalise, extract, write.

    >>> from index import extract
    >>> rec = extract("Inter 1-1 Atalanta\\n\\nInter drew 1-1 with Atalanta at San Siro.")
    >>> rec.facts.home.name, rec.facts.away.name, (rec.facts.score.home, rec.facts.score.away)
    ('Inter', 'Atalanta', (1, 1))
"""
from __future__ import annotations

import datetime as dt

from . import extract as _extraction
from .normalise import Article, normalise
from .read import RawArticle
from .record import Facts, Record

__all__ = ["extract", "extract_article", "Record", "Facts", "Article"]


def extract(text: str, title: str | None = None, date: str | dt.date | None = None,
            path: str | None = None, ref_date: dt.date | None = None) -> Record:
    """Extract the record of one report from its text (the record behind ``extract --json``).

    ``date`` is the report's known date (metadata); ``ref_date`` a reference
    for resolving "on Saturday" when the report's own date is unknown.
    """
    raw = RawArticle(source=path or "<text>", path=path, text=text, digest="",
                     title=title, date=date.isoformat() if isinstance(date, dt.date) else date)
    return extract_article(normalise(raw, ref_date=ref_date))


def extract_article(article: Article) -> Record:
    """Run every stage over a normalised article."""
    facts = _extraction.run(_extraction.STAGES, article)
    return Record(id=article.id, text=article.text, title=article.title,
                  path=article.path, url=article.url, facts=facts)
