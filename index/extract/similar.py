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


def distance(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap neighbours) turning ``a`` into ``b``."""
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
        prev2, prev = prev, row
    return prev[-1]


@lru_cache(maxsize=65536)
def near(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` one name spelt two ways?"""
    ka, kb = key(a), key(b)
    if ka == kb:
        return True
    short = min(len(ka), len(kb))
    if short < 5 or ka[0] != kb[0] or abs(len(ka) - len(kb)) > 2:
        return False
    allowed = 1 if short < 8 else 2
    return distance(ka, kb) <= allowed
