"""The extraction pipeline: small stages, each declaring the fields it fills.

A stage is a plain function ``(article, facts) -> {field: value}``; the
pipeline checks that it returned only the fields it declared and folds them
into a new frozen :class:`~index.record.Facts`. Later stages read what
earlier ones found, never the other way round, so the order in
:data:`STAGES` is the dependency order and a stage can be tested alone by
handing it the facts it needs.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from ..normalise import Article
from ..record import Facts

FACT_FIELDS = frozenset(f.name for f in fields(Facts))
StageFn = Callable[[Article, Facts], dict[str, Any]]


@dataclass(frozen=True)
class Stage:
    """A named step of extraction and the :class:`Facts` fields it may fill."""

    name: str
    fills: frozenset[str]
    fn: StageFn

    def __call__(self, article: Article, facts: Facts) -> Facts:
        out = self.fn(article, facts)
        stray = set(out) - self.fills
        if stray:
            raise TypeError(f"stage {self.name!r} filled {sorted(stray)} "
                            f"but declares only {sorted(self.fills)}")
        return replace(facts, **out) if out else facts


def stage(*fills: str) -> Callable[[StageFn], Stage]:
    """Declare a function as a stage that fills ``fills``."""
    unknown = set(fills) - FACT_FIELDS
    if unknown:
        raise TypeError(f"no such fields in Facts: {sorted(unknown)}")

    def wrap(fn: StageFn) -> Stage:
        return Stage(fn.__name__, frozenset(fills), fn)

    return wrap


def run(stages: Sequence[Stage], article: Article, facts: Facts | None = None) -> Facts:
    """Run ``stages`` in order over ``article``."""
    facts = facts or Facts()
    for st in stages:
        facts = st(article, facts)
    return facts
