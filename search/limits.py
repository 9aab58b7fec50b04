"""Bounds on what one search may ask for, so that any request is answered or refused quickly.

A search's time grows with the length of its query (most of all with its
patterns), the number of its filters and the depth of the page it asks
for. These checks run before the query is even parsed and refuse an
oversized request with a :class:`QueryError` that says what to do instead.
(Each pattern such as ``ma*`` is bounded where it is expanded, in
:func:`search.engine.bounded_pattern`.)
"""
from __future__ import annotations

from .request import QueryError

MAX_QUERY_CHARS = 1000
MAX_QUERY_WORDS = 32  # not counting AND, OR, NOT
MAX_PATTERNS = 8  # words with * or ?: each expands to up to hundreds of words
MAX_FILTERS = 64  # players, teams and events given together
MAX_LIMIT = 1000
MAX_WINDOW = 10_000  # page * limit: the deepest result a page may reach
OPERATORS = frozenset({"AND", "OR", "NOT", "-", "+", "(", ")"})


def check_request(text: str, filters: int, limit: int, page: int) -> None:
    """Refuse a request whose size alone would make it slow."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long ({len(text)} characters, at most {MAX_QUERY_CHARS})")
    words = [w for w in text.split() if w not in OPERATORS]
    if len(words) > MAX_QUERY_WORDS:
        raise QueryError(f"query has too many words ({len(words)}, at most {MAX_QUERY_WORDS})")
    patterns = sum(1 for w in words if "*" in w or "?" in w)
    if patterns > MAX_PATTERNS:
        raise QueryError(f"query has too many patterns ({patterns}, at most {MAX_PATTERNS})")
    if filters > MAX_FILTERS:
        raise QueryError(f"too many filters ({filters}, at most {MAX_FILTERS})")
    if limit > MAX_LIMIT:
        raise QueryError(f"limit {limit} is too large (at most {MAX_LIMIT} hits a page)")
    if page * limit > MAX_WINDOW:
        raise QueryError(f"page {page} of {limit} hits goes past the first {MAX_WINDOW:,}"
                         " results; narrow the query (filters, dates) instead of paging that deep")
