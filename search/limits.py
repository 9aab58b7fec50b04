"""Bounds on what one search may cost, so that any query is answered or refused quickly.

A search's time grows with the query's length, with how deep the page is,
and above all with how many words a pattern expands to: ``a*`` or ``*`` on
a large index is thousands of words, each a posting list to merge and score.
These checks refuse such requests with a :class:`QueryError` that says what
to do instead; they know nothing of the engine, which hands them the
document frequencies of the words each pattern expands to.
"""
from __future__ import annotations

from collections.abc import Iterable

from .request import QueryError, Request

MAX_QUERY_CHARS = 1000
MAX_QUERY_WORDS = 64
MAX_FILTERS = 64  # players, teams and events given together
MAX_LIMIT = 1000
MAX_WINDOW = 10_000  # page * limit: the deepest result a page may reach
MAX_PATTERN_WORDS = 128  # words all patterns of a query expand to, together
MAX_PATTERN_POSTINGS = 100_000  # documents those words occur in, summed


def check_request(req: Request) -> None:
    """Refuse a request whose size alone makes it slow, before any work is done."""
    if len(req.text) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long ({len(req.text)} characters, at most {MAX_QUERY_CHARS})")
    if len(req.text.split()) > MAX_QUERY_WORDS:
        raise QueryError(f"query has too many words ({len(req.text.split())}, at most {MAX_QUERY_WORDS})")
    filters = len(req.players) + len(req.teams) + len(req.events)
    if filters > MAX_FILTERS:
        raise QueryError(f"too many filters ({filters}, at most {MAX_FILTERS})")
    if req.limit > MAX_LIMIT:
        raise QueryError(f"limit {req.limit} is too large (at most {MAX_LIMIT} hits a page)")
    if req.page * req.limit > MAX_WINDOW:
        raise QueryError(f"page {req.page} of {req.limit} hits goes past the first {MAX_WINDOW:,}"
                         " results; narrow the query (filters, dates) instead of paging that deep")


def check_patterns(patterns: Iterable[tuple[str, Iterable[int]]]) -> None:
    """Refuse patterns that expand to too many words.

    ``patterns`` gives, for each wildcard, prefix or range in the query, its
    text and the document frequency of every word it expands to; counting
    stops at the first word over the bounds, so checking is cheap too.
    """
    words = postings = 0
    for text, frequencies in patterns:
        for df in frequencies:
            words += 1
            postings += df
            if words > MAX_PATTERN_WORDS or postings > MAX_PATTERN_POSTINGS:
                raise QueryError(f"{text!r} matches too many words to search quickly; make it"
                                 " narrower (more letters before a *), or leave the query"
                                 " empty to list every report")
