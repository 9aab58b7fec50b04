"""Facet counts are exact whichever way they are counted.

Large result sets are counted value by value with early stopping (and bitmaps
for frequent values), small ones cell by cell; both must give what a plain
count of every cell of the result set gives, ties ordered by name, whatever
order the documents were first read in.
"""
from __future__ import annotations

import random
from collections import Counter

import pytest

from index.document import facet_bytes
from search.facets import BROAD, FacetCounter
from search.request import FACETS

PLAYERS = [f"Player {i}" for i in range(400)]
TEAMS = [f"Team {i}" for i in range(30)]
EVENTS = ["goal", "save", "red_card", "woodwork", "injury"]


def corpus(n: int, seed: int) -> list[dict[str, list[str]]]:
    """Facet values of ``n`` documents: a few very common values, many rare ones, many ties."""
    rng = random.Random(seed)
    docs = []
    for _ in range(n):
        players = {rng.choice(PLAYERS[:20]) if rng.random() < 0.5 else rng.choice(PLAYERS)
                   for _ in range(rng.randint(0, 12))}
        docs.append({"player": sorted(players), "team": rng.sample(TEAMS, 2),
                     "event": sorted(set(rng.choices(EVENTS, k=3))),
                     "competition": [rng.choice(["Serie A", "La Liga"])] if rng.random() < 0.8 else [],
                     "month": [f"2020-{rng.randint(1, 12):02d}"]})
    return docs


def plain(docs: list[dict[str, list[str]]], docnums: list[int],
          limit: int) -> dict[str, list[tuple[str, int]]]:
    out = {}
    for kind in FACETS:
        counts = Counter(v for d in docnums for v in docs[d][kind])
        out[kind] = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return out


@pytest.mark.parametrize("share, limit", [
    pytest.param(0.9, 10, id="most-documents"),
    pytest.param(0.5, 3, id="half-short-list"),
    pytest.param(0.35, 10, id="a-third"),
    pytest.param(0.35, 1000, id="longer-list-than-values"),
    pytest.param(0.1, 10, id="small-share-counted-by-document"),
    pytest.param(0.5, 0, id="no-values-asked"),
])
def test_counts_equal_a_plain_count(share: float, limit: int) -> None:
    docs = corpus(4 * BROAD, seed=int(share * 100) + limit)
    cells = [facet_bytes(d) for d in docs]
    counter = FacetCounter(len(docs))
    rng = random.Random(7)
    order = list(range(len(docs)))
    rng.shuffle(order)
    for warm in (order[:BROAD], order[BROAD:2 * BROAD + 17]):  # read in an order of its own first
        counter.count(warm, 5, lambda: cells.__getitem__)
    for _ in range(3):
        matched = [d for d in range(len(docs)) if rng.random() < share]
        assert counter.count(matched, limit, lambda: cells.__getitem__) == plain(docs, matched, limit)


def test_a_tie_at_the_cut_goes_to_the_first_name() -> None:
    """Zed is read first, Abe later, both in as many documents: Abe wins the one place."""
    docs = [{"player": ["Zed"]}] * BROAD + [{"player": ["Abe"]}] * BROAD
    cells = [facet_bytes(d) for d in docs]
    counter = FacetCounter(len(docs))
    assert counter.count(range(len(docs)), 1, lambda: cells.__getitem__)["player"] == [("Abe", BROAD)]


def test_read_all_leaves_nothing_to_read() -> None:
    """After ``read_all`` every count is answered from what was read: the column is never asked again."""
    docs = corpus(3 * BROAD, seed=11)
    cells = [facet_bytes(d) for d in docs]
    counter = FacetCounter(len(docs))
    counter.read_all(lambda: cells.__getitem__)

    def no_column():
        raise AssertionError("a cell was read again")
    rng = random.Random(3)
    for share, limit in ((0.9, 10), (0.05, 3)):
        matched = [d for d in range(len(docs)) if rng.random() < share]
        assert counter.count(matched, limit, no_column) == plain(docs, matched, limit)
