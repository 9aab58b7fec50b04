"""The reading seam: with :mod:`search.scoring`, the only modules of the query side that know Whoosh.

It turns a :class:`~search.request.Request` into a Whoosh query, runs it
with BM25F over title, lead, body and names, counts facets over the whole
result set and highlights the top hits. The searcher is kept open between
queries and renewed only when the index has changed.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from itertools import islice
from typing import Any

from whoosh import index, query, sorting
from whoosh.searching import Searcher

from index.knowledge import key
from index.document import pair_key
from index.store import INDEX_NAME

from . import passages
from .facets import FacetCounter
from .query import (All, Any as Either, Did, During, Is, Node, Not, Pattern, Phrase, Word,
                    plain_words, targets)
from .request import Hit, Request, Results
from .scoring import BM25F, top_and_all

DATE_ORDER = sorting.FieldFacet("day", reverse=True)  # undated reports have day 0: last
KEY_FIELDS = {"player": "player_keys", "team": "team_keys", "event": "events",
              "competition": "competition"}
MAX_PATTERN_TERMS = 512
SCORED_FIELDS = ("title", "lead", "body", "names")  # the fields BM25F scores


class Engine:
    """A Whoosh index open for reading."""

    def __init__(self, where: str | os.PathLike[str]) -> None:
        self.where = str(where)
        self.ix = index.open_dir(self.where, indexname=INDEX_NAME)
        self._searcher: Searcher | None = None
        self._facets: FacetCounter | None = None
        self._matches: dict[int, str] | None = None
        self._words: dict[str, dict[str, str | None]] = {}

    def searcher(self) -> Searcher:
        """The open searcher, renewed (and caches dropped) only when the index changed."""
        if self._searcher is None:
            self._searcher = self.ix.searcher(weighting=BM25F())
        else:
            empty = self._searcher.reader().generation() is None  # Whoosh cannot refresh those
            fresh = self.ix.searcher(weighting=BM25F()) if empty else self._searcher.refresh()
            if fresh is not self._searcher:
                self._searcher, self._words, self._facets, self._matches = fresh, {}, None, None
        return self._searcher

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None

    def build(self, req: Request) -> tuple[query.Query, list[str]]:
        """The Whoosh query for a resolved tree, and the notes made on the way."""
        notes: list[str] = []
        q = self._translate(req.node, notes) if req.node is not None else None
        if q is None:
            return query.Every(), notes
        if _only_negative(q):
            q = query.And([query.Every(), q])
        return q, notes

    def _analyse(self, fieldname: str, words: list[str]) -> list[str]:
        field = self.searcher().schema[fieldname]
        return [t.text for w in words for t in field.analyzer(w, mode="query")]

    def _translate(self, node: Node, notes: list[str]) -> query.Query | None:
        if isinstance(node, Word):
            return self._word(node, notes)
        if isinstance(node, Phrase):
            parts = [query.Phrase(f, self._analyse(f, list(node.words)), slop=max(node.slop, 1))
                     for f in ("title", "body")]
            parts = [p for p in parts if p.words]
            return query.Or(parts) if parts else None
        if isinstance(node, Pattern):
            return bounded_pattern(self.searcher().reader(), node.pattern, notes)
        if isinstance(node, Is):
            fieldname = KEY_FIELDS[node.field]
            terms = [query.Term(fieldname, key(v) if node.field in ("player", "team") else v)
                     for v in node.values]
            return terms[0] if len(terms) == 1 else query.Or(terms)
        if isinstance(node, Did):
            return query.Or([query.Term("player_events", pair_key(p, e))
                             for p in node.players for e in node.events])
        if isinstance(node, During):
            start = _day(node.since) if node.since else None
            end = _day(node.until, end=True) if node.until else None
            return query.DateRange("date", start, end)
        if isinstance(node, (All, Either)):
            parts = [q for q in (self._translate(i, notes) for i in node.items) if q is not None]
            if not parts:
                return None
            return parts[0] if len(parts) == 1 else (query.And if isinstance(node, All) else query.Or)(parts)
        if isinstance(node, Not):
            inner = self._translate(node.item, notes)
            return query.Not(inner) if inner is not None else None
        raise TypeError(f"unresolved query node {node!r}")

    def _word(self, node: Word, notes: list[str]) -> query.Query | None:
        """A word over title, lead, body and names; near spellings of names when it finds nothing."""
        terms = [query.Term(f, t) for f in ("title", "lead", "body")
                 for t in self._analyse(f, [node.text])]
        if not terms:
            return None  # a stop word
        name = self._analyse("names", [node.text])
        terms += [query.Term("names", t) for t in name]
        reader = self.searcher().reader()
        known = any((t.fieldname, t.text) in reader for t in terms)
        if name and (node.fuzzy or not known):
            word = name[0]
            dist = 1 if len(word) < 7 else 2
            terms.append(query.FuzzyTerm("names", word, maxdist=dist, prefixlength=1))
            if not known:
                suggestion = self._suggest(word)
                if suggestion:
                    notes.append(f"no report has {node.text!r}; did you mean {suggestion!r}?")
        return query.Or(terms)

    def _suggest(self, word: str) -> str | None:
        for fieldname in ("names", "body"):
            found = self.searcher().corrector(fieldname).suggest(word, limit=1, maxdist=2, prefix=1)
            if found:
                return found[0]
        return None

    def search(self, req: Request) -> Results:
        q, notes = self.build(req)
        s = self.searcher()
        if req.group:
            return self._grouped(q, req, notes)
        first = (req.page - 1) * req.limit
        if req.sort == "date":
            results = s.search(q, limit=first + req.limit, sortedby=DATE_ORDER)
            ranked, matched = list(results), results.docs()
        else:
            top, matched = top_and_all(s, q, max(first + req.limit, passages.RESCORE_WINDOW))
            ranked = passages.rescore(top, plain_words(req.node))
        counts = self._count_facets(s, matched, req.facet_limit)
        notes += self._undated_note(q, req)
        terms = self._text_terms(q)
        hits = [self._hit(hit, req, terms) for hit in ranked[first:first + req.limit]]
        return Results(query=req.text, total=len(matched), page=req.page, hits=hits, facets=counts,
                       notes=notes)

    def _text_terms(self, q: query.Query) -> dict[str, set[str]]:
        """The words a query looks for, by analyzer: stemmed text words and names as typed."""
        out: dict[str, set[str]] = {"body": set(), "names": set()}
        reader = self.searcher().reader()
        # not Query.existing_terms: in Whoosh 2.7.5 its loop variable overwrites its
        # ``fieldname`` argument, so it skips every field but the first leaf's
        for leaf in q.leaves():
            for fieldname, text in leaf.expanded_terms(reader, phrases=True):
                if fieldname in SCORED_FIELDS and (fieldname, text) in reader:
                    word = text.decode("utf-8") if isinstance(text, bytes) else text
                    out["names" if fieldname == "names" else "body"].add(word)
        return out

    def _grouped(self, q: query.Query, req: Request, notes: list[str]) -> Results:
        """One hit per match (its best report) with the number of reports of that match."""
        s = self.searcher()
        results = s.search(q, limit=None, **({"sortedby": DATE_ORDER} if req.sort == "date" else {}))
        counts = self._count_facets(s, results.docs(), req.facet_limit)
        match_of = self._match_of(s)
        firsts: dict[str | int, Any] = {}
        sizes: Counter[str | int] = Counter()
        for hit in results:
            group = match_of.get(hit.docnum, hit.docnum)  # a report of no known match: a group of its own
            sizes[group] += 1
            firsts.setdefault(group, hit)
        start = (req.page - 1) * req.limit
        chosen = list(firsts.items())[start:start + req.limit]
        terms = self._text_terms(q)
        hits = [replace(self._hit(hit, req, terms), reports=sizes[g]) for g, hit in chosen]
        notes += self._undated_note(q, req)
        return Results(query=req.text, total=len(firsts), page=req.page, hits=hits,
                       facets=counts, notes=notes)

    def _match_of(self, s: Searcher) -> dict[int, str]:
        """Document number -> match id, from the match field's postings, once per searcher
        (reading each hit's stored fields for it made grouping 20 times slower than searching)."""
        if self._matches is None:
            self._matches = {}
            for sub, offset in s.leaf_searchers():
                reader = sub.reader()
                for term in reader.lexicon("match"):
                    match = term.decode("utf-8")
                    for d in reader.postings("match", term).all_ids():
                        self._matches[d + offset] = match
        return self._matches

    def _undated_note(self, q: query.Query, req: Request) -> list[str]:
        """Date-filtered results leave undated reports out: say how many."""
        if not _has_date(req.node):
            return []
        left_out = _strip_dates(query.And([q, query.NumericRange("day", 0, 0)]))
        n = len(top_and_all(self.searcher(), left_out, 1)[1])
        return [f"{n} undated report{'s' if n != 1 else ''} left out by the date filter"] if n else []

    def related(self, doc_id: str, limit: int = 10) -> tuple[list[Hit], list[Hit]]:
        """Other reports of the same match, then the most similar other reports."""
        s = self.searcher()
        docnum = s.document_number(id=doc_id)
        if docnum is None:
            return [], []
        fields = s.stored_fields(docnum)
        req, terms = Request(node=None), {"body": set(), "names": set()}
        same: list[Hit] = []
        if fields.get("match"):
            for hit in s.search(query.Term("match", fields["match"]), limit=None):
                if hit["id"] != doc_id:
                    same.append(self._hit(hit, req, terms))
        seen = {doc_id} | {h.id for h in same}
        similar = [self._hit(hit, req, terms) for hit in
                   s.more_like(docnum, "body", text=fields["body"], top=limit + len(seen))
                   if hit["id"] not in seen][:limit]
        return same, similar

    def _hit(self, hit: Any, req: Request, terms: dict[str, set[str]]) -> Hit:
        fields = hit.fields()
        record = json.loads(fields["record"])
        body = fields["body"]
        found = passages.passages(body, terms["body"], self._tokens("body"))
        if not found and terms["names"]:
            found = passages.passages(body, terms["names"], self._tokens("names"))
        if not found:
            found = passages.evidence(body, record, *targets(req.node)) or [passages.lead(body)]
        return Hit(id=fields["id"], path=fields.get("path", ""), title=fields.get("title") or None,
                   date=record.get("date"), home=record.get("home"), away=record.get("away"),
                   score=record.get("score"), rank=hit.score if isinstance(hit.score, float) else 0.0,
                   highlights=found, match=fields.get("match"), teams=record.get("teams", []),
                   competition=record.get("competition"))

    def _tokens(self, fieldname: str) -> passages.Tokens:
        """The field's analysis of a passage, with the offsets of each word.

        The field's tokenizer finds the words; the rest of its chain (lower case,
        folding, stop words, stemming) depends on the word alone, so it runs once
        per distinct word for the life of the searcher, not once per word shown.
        """
        analyzer = self.searcher().schema[fieldname].analyzer
        words = analyzer.items[0].expression  # the RegexTokenizer that starts every text analyzer
        known = self._words.setdefault(fieldname, {})

        def tokens(text: str) -> Iterable[tuple[str, int, int]]:
            for m in words.finditer(text):
                word = m.group()
                if word not in known:
                    known[word] = next((t.text for t in analyzer(word, mode="index", removestops=True)), None)
                term = known[word]
                if term is not None:
                    yield term, m.start(), m.end()
        return tokens

    def _count_facets(self, s: Searcher, docnums: Iterable[int],
                      limit: int) -> dict[str, list[tuple[str, int]]]:
        """Facet counts over ``docnums`` of ``s``, from its column of facet cells."""
        return self._facet_counter(s).count(docnums, limit, _facet_column(s))

    def _facet_counter(self, s: Searcher) -> FacetCounter:
        if self._facets is None:
            self._facets = FacetCounter(s.doc_count_all())
        return self._facets

    def warm(self) -> None:
        """Read now what searches would otherwise read the first time they need it: every
        report's facet cell, every scored field's lengths, every report's match."""
        s = self.searcher()
        self._facet_counter(s).read_all(_facet_column(s))
        for sub, _ in s.leaf_searchers():
            for fieldname in SCORED_FIELDS:
                s.weighting.lengths(sub.reader(), fieldname)
        self._match_of(s)

    def get(self, doc_id: str) -> dict[str, Any] | None:
        """The stored fields of one report, by id or unique id prefix."""
        s = self.searcher()
        found = s.document(id=doc_id)
        if found is None and len(doc_id) >= 4:
            ids = list(islice(s.reader().expand_prefix("id", doc_id), 2))
            if len(ids) == 1:
                term = ids[0]
                found = s.document(id=term.decode() if isinstance(term, bytes) else term)
        return found

    def stats(self) -> dict[str, int]:
        s = self.searcher()
        r = s.reader()
        return {"documents": s.doc_count(),
                "teams": sum(1 for _ in r.lexicon("teams")) if "teams" in r.indexed_field_names() else 0,
                "matches": sum(1 for _ in r.lexicon("match")) if "match" in r.indexed_field_names() else 0}


def _facet_column(s: Searcher) -> Callable[[], Callable[[int], bytes]]:
    return lambda: s.reader().column_reader("facets").__getitem__


def _day(d: dt.date, end: bool = False) -> dt.datetime:
    return dt.datetime(d.year, d.month, d.day, 23, 59, 59) if end else dt.datetime(d.year, d.month, d.day)


def bounded_pattern(reader: Any, pattern: str, notes: list[str]) -> query.Query | None:
    """A wildcard over title, body and names, refused past a bound on the words it expands to."""
    parts = []
    for fieldname in ("title", "body", "names"):
        terms = list(islice(query.Wildcard(fieldname, pattern)._btexts(reader), MAX_PATTERN_TERMS + 1))
        if len(terms) > MAX_PATTERN_TERMS:
            notes.append(f"the pattern {pattern!r} matches more than {MAX_PATTERN_TERMS} words; "
                         "used the first of them")
            terms = terms[:MAX_PATTERN_TERMS]
        parts += [query.Term(fieldname, t.decode("utf-8") if isinstance(t, bytes) else t) for t in terms]
    return query.Or(parts) if parts else query.NullQuery


def _only_negative(q: query.Query) -> bool:
    if isinstance(q, query.Not):
        return True
    return isinstance(q, query.And) and all(isinstance(c, query.Not) for c in q.subqueries)


def _has_date(node: Node | None) -> bool:
    if isinstance(node, During):
        return True
    if isinstance(node, (All, Either)):
        return any(_has_date(i) for i in node.items)
    return False


def _strip_dates(q: query.Query) -> query.Query:
    """``q`` without its date ranges: to count what the date filter left out."""
    if isinstance(q, query.DateRange):
        return query.Every()
    if isinstance(q, query.And):  # matching every report narrows nothing: left out, not scanned
        parts = [p for p in map(_strip_dates, q.subqueries) if not isinstance(p, query.Every)]
        return query.And(parts) if parts else query.Every()
    if isinstance(q, query.CompoundQuery):
        return type(q)([_strip_dates(c) for c in q.subqueries])
    if isinstance(q, query.AndMaybe):
        return query.AndMaybe(_strip_dates(q.a), q.b)
    return q
