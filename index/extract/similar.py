"""Near spellings of a name: the typos and transliterations reports make.

"Malinovsky", "Malinovskiy" and the misspelt "Malinvosky" are one surname;
"Johnson" and "Jonsson" are not. Comparison is on accent-folded lower case
with the optimal-string-alignment form of Damerau-Levenshtein distance
(a swap of two neighbouring letters costs one), and the allowance grows
with length so that short names must match exactly.
"""
from __future__ import annotations

from functools import lru_cache

from ..knowledge import key


def distance(a: str, b: str, limit: int | None = None) -> int:
    """Edits (insert, delete, substitute, swap neighbours) turning ``a`` into ``b``.

    With a ``limit``, a count above it may come back as ``limit + 1``: once two rows of the
    table are all above it, so is everything after, and the rest is not worked out.
    """
    if a == b:
        return 0
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        if limit is not None and min(row) > limit and min(prev) > limit:
            return limit + 1
        prev2, prev = prev, row
    return prev[-1]


def allowed(word: str) -> int:
    """How many edits a name of this length may differ by and still be the same name."""
    return 0 if len(word) < 5 else 1 if len(word) < 8 else 2


def deletions(word: str) -> set[str]:
    """``word`` with up to :func:`allowed` letters left out: two names within that many edits
    share one of these, so a registry finds near spellings by look-up, not by comparing all."""
    out = {word}
    for _ in range(allowed(word)):
        out |= {w[:i] + w[i + 1:] for w in out for i in range(len(w))}
    return out


@lru_cache(maxsize=65536)
def near(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` one name spelt two ways?"""
    ka, kb = key(a), key(b)
    if ka == kb:
        return True
    short = min(len(ka), len(kb))
    if short < 5 or ka[0] != kb[0] or abs(len(ka) - len(kb)) > 2:
        return False
    limit = 1 if short < 8 else 2
    return distance(ka, kb, limit) <= limit
