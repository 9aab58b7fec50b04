"""The one pass over a report's words that the stages share.

The event rules, the minute phrases, the side nouns ("the hosts") and the
report cues all begin at words. One :class:`.wordscan.WordScan` of all of them
reads a report's words once; a scan for each stage read them once a stage, and
the regular expression that walks the words is most of what a scan costs.

A stage names its patterns with :func:`reads` when it is imported, and asks for
their matches with :func:`found`. The scan is built on the first ask, after
every stage of :mod:`index.extract` is imported and so has named its own.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache, lru_cache

from ..caseless import lower
from .wordscan import WordScan

Matches = list[re.Match[str]]
_GROUPS: dict[str, Callable[[], Sequence[re.Pattern[str]]]] = {}


def reads(name: str, patterns: Callable[[], Sequence[re.Pattern[str]]]) -> None:
    """Have the pass read ``patterns()`` (called once, when the scan is built) under ``name``."""
    if _scan.cache_info().currsize:
        raise RuntimeError(f"{name!r} asked to be read after the pass was built")
    _GROUPS[name] = patterns


def found(name: str, text: str) -> list[Matches]:
    """Each of ``name``'s patterns' matches in ``text``, as its ``finditer`` gives them (a
    pattern without ``re.IGNORECASE`` runs on the lower-cased text)."""
    _, at = _scan()
    return _found(text)[at[name]]


@cache
def _scan() -> tuple[WordScan, dict[str, slice]]:
    from . import STAGES  # noqa: F401  (importing every stage names every group)

    patterns: list[re.Pattern[str]] = []
    at = {}
    for name, group in sorted(_GROUPS.items()):
        start = len(patterns)
        patterns += group()
        at[name] = slice(start, len(patterns))
    return WordScan(patterns), at


@lru_cache(maxsize=16)
def _found(text: str) -> list[Matches]:
    scan, _ = _scan()
    return scan.finditer(text, lower(text))
