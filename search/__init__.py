"""matchsearch's query side: open an index, search it, read its reports.

See :mod:`search.api` for the library and ``matchsearch --help`` for the CLI.
"""
from __future__ import annotations

from .api import IndexNotFound, MatchIndex, default_location, open_index
from .request import Hit, QueryError, Request, Results

__all__ = ["open_index", "MatchIndex", "IndexNotFound", "QueryError", "Results", "Hit",
           "Request", "default_location"]
