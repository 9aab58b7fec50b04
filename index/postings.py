"""What Whoosh files for a document: the schema, and its postings analysed ahead of the writer.

Analysis (tokenising, folding, stemming) is most of what adding a document
costs Whoosh. Here it runs in the extraction workers, and through a cache of
word -> term that gives exactly the terms and positions Whoosh's own
analyser chain gives, at a fraction of the cost (a report repeats most of
its words, and a corpus most of its vocabulary). The writer (:mod:`index.writer`)
then only files postings.
"""
from __future__ import annotations

import pickle
import re
from array import array
from collections.abc import Iterator
from functools import cache
from operator import sub
from typing import Any

from whoosh import columns, fields, formats
from whoosh.analysis import (Analyzer, CharsetFilter, LowercaseFilter, RegexTokenizer,
                             StemFilter, StopFilter)
from whoosh.support.charset import accent_map
from whoosh.system import pack_uint

# RegexTokenizer's default expression, [\w*]+(\.?[\w*]+)*, without its group and matching the
# same words with nothing to backtrack: a fifth less time on a report
WORD = re.compile(r"[\w*]++(?:\.[\w*]++)*+")
CACHE_LIMIT = 200_000  # words per analyser and process; the cache starts over beyond it
PRE_ANALYSED = ("title", "lead", "body")


def text_analyzer() -> Analyzer:
    """Words of title and body: lower case, accents folded, stop words out, stemmed."""
    return (RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
            | StopFilter() | StemFilter(cachesize=50000))


def name_analyzer() -> Analyzer:
    """Names as written, accents folded, not stemmed: fuzzy matching needs the real word."""
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


Posting = tuple[bytes, int, float, bytes]  # term, frequency, weight, encoded positions


class Analysed:
    """Postings of one text field of one document, computed ahead of the writer.

    Held column by column (terms, frequencies, weights, encoded positions):
    they travel from the workers to the writer, and columns pickle at about
    half the cost of a tuple a posting.
    """

    __slots__ = ("terms", "freqs", "weights", "values")

    def __init__(self, terms: tuple[bytes, ...], freqs: array, weights: array, values: tuple[bytes, ...]) -> None:
        self.terms, self.freqs, self.weights, self.values = terms, freqs, weights, values

    def __iter__(self) -> Iterator[Posting]:
        return zip(self.terms, self.freqs, self.weights, self.values)


class AnalysedText(fields.TEXT):
    """A TEXT field that also accepts :class:`Analysed` postings, and analyses through a word cache."""

    def index(self, value: Any, **kwargs: Any) -> Any:
        if isinstance(value, Analysed):
            return iter(value)
        if isinstance(value, str) and not kwargs and type(self.format) in (formats.Positions, formats.Frequency):
            return postings(self, value)
        return super().index(value, **kwargs)


class Keywords(fields.KEYWORD):
    """A comma-separated KEYWORD field whose postings skip the analyser's token stream."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(commas=True, **kwargs)

    def index(self, value: Any, **kwargs: Any) -> Any:
        if not isinstance(value, str) or kwargs:
            return super().index(value, **kwargs)
        return keyword_postings(value, self.format.field_boost)


def keyword_postings(value: str, boost: float) -> list[Posting]:
    """What Whoosh's comma tokenizer and strip filter give a KEYWORD field: every non-empty
    stretch between commas, stripped (even to nothing), counted."""
    freqs: dict[str, int] = {}
    for word in value.split(","):
        if word:
            word = word.strip()
            freqs[word] = freqs.get(word, 0) + 1
    return [(word.encode("utf-8"), n, n * boost, pack_uint(n)) for word, n in freqs.items()]


def postings(field: fields.TEXT, text: str) -> list[Posting]:
    """What ``field.index(text)`` gives for a text field, computed word by word (:func:`posting_columns`)."""
    return list(zip(*posting_columns(field, text)))


def posting_columns(field: fields.TEXT, text: str) -> tuple[tuple[bytes, ...], array, array, tuple[bytes, ...]]:
    """The postings of ``text`` in a text field, column by column: terms, frequencies, weights
    and encoded values.

    Each distinct word goes through the field's own analyser once per process,
    so terms are Whoosh's by construction; positions follow the stop filter's
    renumbering (the first kept word keeps its place, later ones count on from it).
    """
    terms = _word_terms(field.analyzer)
    if len(terms) > CACHE_LIMIT:
        terms.clear()
    words = WORD.findall(text)
    for word in set(words).difference(terms):
        terms[word] = next((t.text.encode("utf-8") for t in field.analyzer(word, mode="index")), None)
    seq = list(map(terms.__getitem__, words))
    first = next((i for i, term in enumerate(seq) if term is not None), 0)
    poses: dict[bytes, list[int]] = {}
    for pos, term in enumerate(filter(None, seq), first):  # a term is never empty
        if term in poses:
            poses[term].append(pos)
        else:
            poses[term] = [pos]
    freqs = array("I", map(len, poses.values()))
    boost = field.format.field_boost
    weights = array("f", freqs) if boost == 1.0 else array("f", [n * boost for n in freqs])
    if isinstance(field.format, formats.Positions):
        values = tuple(map(_encode_positions, poses.values()))
    else:
        values = tuple(map(pack_uint, freqs))
    return tuple(poses), freqs, weights, values


def _encode_positions(ps: list[int]) -> bytes:
    """``formats.Positions.encode``, byte for byte: the count, then the pickled gaps."""
    if len(ps) == 1:
        return _encode_one(ps[0])
    return pack_uint(len(ps)) + pickle.dumps([ps[0], *map(sub, ps[1:], ps)], 2)


@cache
def _encode_one(pos: int) -> bytes:
    """Most words of a report occur once: their encodings repeat from report to report."""
    return pack_uint(1) + pickle.dumps([pos], 2)


_CACHES: dict[int, tuple[Analyzer, dict[str, Any]]] = {}


def _word_terms(analyzer: Analyzer) -> dict[str, Any]:
    """The word cache of ``analyzer`` (held with it, so that its id is never another's)."""
    return _CACHES.setdefault(id(analyzer), (analyzer, {}))[1]


@cache
def _analysis_schema() -> fields.Schema:
    return schema()


def analyse(texts: dict[str, str]) -> dict[str, Analysed]:
    """Postings of the :data:`PRE_ANALYSED` fields, for :meth:`index.store.Store.put` (runs in workers)."""
    sch = _analysis_schema()
    return {name: Analysed(*posting_columns(sch[name], text)) for name, text in texts.items()}


def schema() -> fields.Schema:
    """The index's fields. Only what a hit shows is stored (the record JSON holds the rest), and
    facet counts read the ``facets`` column, so facet fields are indexed for filtering only."""
    text = text_analyzer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        source=fields.ID(stored=True),
        state=fields.ID(),  # source + digest: an unchanged input is one term lookup
        path=fields.STORED,
        url=fields.STORED,
        title=AnalysedText(analyzer=text, stored=True, field_boost=3.0),
        lead=AnalysedText(analyzer=text, field_boost=1.5, phrase=False),  # phrases search title and body
        body=AnalysedText(analyzer=text, stored=True),
        names=AnalysedText(analyzer=name_analyzer(), field_boost=1.0, phrase=False),
        date=fields.DATETIME(),
        day=fields.NUMERIC(sortable=True),  # date ordinal, 0 when undated: sorts undated last
        competition=Keywords(),
        venue=fields.STORED,
        teams=Keywords(),
        team_keys=Keywords(),
        player_keys=Keywords(),
        events=Keywords(),
        player_events=Keywords(),
        match=fields.ID(stored=True),
        report=fields.BOOLEAN(),
        record=fields.STORED,
        facets=fields.COLUMN(columns.VarBytesColumn()),
    )
