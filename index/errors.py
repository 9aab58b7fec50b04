"""Problems with an index folder that a user can act on.

Each is raised with a one-line message that says what is wrong and what to
do; the CLI prints it without a traceback and exits with status 1.
"""
from __future__ import annotations


class IndexProblem(Exception):
    """An index folder cannot be used as asked; the message says why and what to do."""


class IndexLocked(IndexProblem):
    """Another process held the index's writer lock for longer than we were willing to wait."""


class UntrustedIndex(IndexProblem):
    """The folder is writable by others: opening it would run code they could have put there."""


class NotAnIndex(IndexProblem):
    """A folder that holds other files, which matchsearch will not overwrite or delete."""
