#!/usr/bin/env python3
"""Build ``index/data/common_words.txt``: words that, capitalised at a sentence start, are no name.

A one-word "name" that opens a sentence ("My feeling is...", "Join the club",
"Today, how much...") is usually a common word. A report short enough not to
write the word in lower case anywhere else cannot tell by itself, so the
corpus tells instead: a word is common when it is written in lower case at
least ``--min`` times and at least ``--ratio`` times as often as it is
capitalised in mid-sentence (where capitals mean a name). "young" qualifies
although Ashley Young exists ("young" is far more frequent), "walker" does
not. Only counts are kept, no text. Names of two or more words, and a word
that is part of such a name in the same report, are never affected.

Usage: ``python scripts/build_common_words.py [--corpus DIR] [--out FILE]``.
Running it twice gives byte-identical output.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from index.read import RawArticle, read_all  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
DEFAULT_OUT = REPO / "index" / "data" / "common_words.txt"
LOWER = re.compile(r"(?<![\w'])[a-z]+(?![\w'])")
# a capitalised word after a lower-case word or a comma and one space: inside a sentence
MID_CAPITAL = re.compile(r"(?<=[a-z,] )[A-Z][a-z]+(?![\w'])")


def counts(corpus: Path) -> tuple[Counter[str], Counter[str]]:
    """(lower-case uses, mid-sentence capitalised uses) of every word of the corpus's articles."""
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    for item in read_all([corpus / p.name for p in sorted(corpus.iterdir())
                          if p.name not in ("labels", "results", "alignment")]):
        if isinstance(item, RawArticle):
            lower.update(LOWER.findall(item.text))
            capital.update(w.lower() for w in MID_CAPITAL.findall(item.text))
    return lower, capital


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--min", type=int, default=30)
    ap.add_argument("--ratio", type=float, default=4.0)
    args = ap.parse_args(argv)
    lower, capital = counts(args.corpus)
    common = sorted(w for w, n in lower.items() if n >= args.min and n >= args.ratio * capital[w] and len(w) > 1)
    header = (f"# Words written in lower case at least {args.min} times and {args.ratio:g} times as often as\n"
              "# capitalised in mid-sentence, counted over ../shared/corpus's articles by\n"
              "# scripts/build_common_words.py: a one-word name that opens a sentence and is one of\n"
              "# these is a common word. One word a line; counts only, no text.\n")
    args.out.write_text(header + "\n".join(common) + "\n", encoding="utf-8")
    print(f"{len(common)} common words -> {args.out}")


if __name__ == "__main__":
    main()
