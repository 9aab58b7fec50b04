"""The reading seam: the only module of the query side that knows Whoosh.

It turns a :class:`~search.request.Request` into a Whoosh query, runs it
with BM25F over title, lead, body and names, counts facets over the whole
result set and highlights the top hits. The searcher is kept open between
queries and renewed only when the index has changed.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from whoosh import highlight, index, qparser, query, scoring, sorting
from whoosh.searching import Searcher

from index.knowledge import key
from index.store import FACET_SEP, INDEX_NAME, VALUE_SEP, pair_key

from .limits import check_patterns, check_request
from .request import FACETS, Hit, QueryError, Request, Results

TEXT_FIELDS = ["title", "lead", "body", "names"]
PASSAGE_CHARS = 220
PASSAGES = 2


class MarkFormatter(highlight.Formatter):
    """Passages as HTML-escaped text with matched words in ``<mark>``, one string each."""

    between = "\x00"

    def _text(self, text: str) -> str:
        return html.escape(text, quote=False)

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return "<mark>" + html.escape(highlight.get_text(text, token, replace), quote=False) + "</mark>"


class Engine:
    """A Whoosh index open for reading."""

    def __init__(self, where: str | os.PathLike[str]) -> None:
        self.where = str(where)
        self.ix = index.open_dir(self.where, indexname=INDEX_NAME)
        self._searcher: Searcher | None = None
        self._parser = qparser.MultifieldParser(TEXT_FIELDS, self.ix.schema, group=qparser.AndGroup)
        self._parser.remove_plugin_class(qparser.FieldsPlugin)
        self._highlighter = highlight.Highlighter(
            fragmenter=highlight.ContextFragmenter(maxchars=PASSAGE_CHARS, surround=60),
            formatter=MarkFormatter())

    def searcher(self) -> Searcher:
        if self._searcher is None:
            self._searcher = self.ix.searcher(weighting=scoring.BM25F())
        else:
            self._searcher = self._searcher.refresh()
        return self._searcher

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None

    def parse_text(self, text: str) -> query.Query | None:
        """The free-text part as a Whoosh query (``None`` when there is none)."""
        if not text.strip():
            return None
        try:
            return self._parser.parse(text)
        except Exception as exc:  # Whoosh raises many kinds for bad syntax
            raise QueryError(f"cannot parse query {text!r}: {exc}") from exc

    def build(self, req: Request) -> tuple[query.Query, query.Query | None]:
        """The whole query, and its free-text part (what highlights mark)."""
        text_q = self.parse_text(req.text)
        parts: list[query.Query] = [text_q] if text_q is not None else []
        for names in req.players:
            if req.events:
                parts.append(query.Or([query.Term("player_events", pair_key(n, ev))
                                       for n in names for ev in req.events]))
            else:
                parts.append(query.Or([query.Term("player_keys", key(n)) for n in names]))
        if not req.players:
            parts += [query.Term("events", ev) for ev in req.events]
        parts += [query.Term("team_keys", key(t)) for t in req.teams]
        if req.competition:
            parts.append(query.Term("competition", req.competition))
        if req.filtered_by_date:
            start = _day(req.since) if req.since else None
            end = _day(req.until, end=True) if req.until else None
            parts.append(query.DateRange("date", start, end))
        if not parts:
            return query.Every(), None
        return (parts[0] if len(parts) == 1 else query.And(parts)), text_q

    def search(self, req: Request) -> Results:
        check_request(req)
        q, text_q = self.build(req)
        s = self.searcher()
        check_patterns(patterns(text_q, s.reader()))
        kwargs: dict[str, Any] = {}
        if req.sort == "date":
            kwargs["sortedby"] = sorting.FieldFacet("day", reverse=True)  # undated: 0, last
        res = s.search_page(q, req.page, pagelen=req.limit, terms=text_q is not None, **kwargs)
        counts = count_facets(s, res.results.docs(), req.facet_limit)
        hits = [self._hit(hit, text_q, req) for hit in res] if res.pagenum == req.page else []
        return Results(query=req.text, total=res.total, page=req.page, hits=hits, facets=counts)

    def _hit(self, hit: Any, text_q: query.Query | None, req: Request) -> Hit:
        fields = hit.fields()
        record = json.loads(fields["record"])
        passages: list[str] = []
        if text_q is not None:
            out = self._highlighter.highlight_hit(hit, "body", top=PASSAGES)
            passages = [p.strip() for p in out.split("\x00") if p.strip()] if out else []
        if not passages:
            passages = evidence(fields["body"], record, req) or [_lead_passage(fields["body"])]
        return Hit(id=fields["id"], path=fields.get("path", ""), title=fields.get("title") or None,
                   date=record.get("date"), home=record.get("home"), away=record.get("away"),
                   score=record.get("score"), rank=hit.score if isinstance(hit.score, float) else 0.0, highlights=passages,
                   match=fields.get("match"), teams=record.get("teams", []),
                   competition=record.get("competition"))

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


def patterns(q: query.Query | None, reader: Any) -> Iterator[tuple[str, Iterator[int]]]:
    """For :func:`search.limits.check_patterns`: each pattern and the frequencies it expands to."""
    for leaf in q.leaves() if q is not None else ():
        if isinstance(leaf, query.MultiTerm):
            words = leaf._btexts(reader)
        elif isinstance(leaf, query.Every) and leaf.fieldname:  # a lone "*": every word
            words = (w for w, _ in reader.iter_field(leaf.fieldname))
        else:
            continue
        yield str(leaf).split(":", 1)[-1], (reader.doc_frequency(leaf.fieldname, w) for w in words)


def evidence(body: str, record: dict[str, Any], req: Request) -> list[str]:
    """Passages around the spans that made this report match a player or event filter."""
    wanted_players = {n for names in req.players for n in names}
    out = []
    for e in record.get("events", []):
        if not e.get("span"):
            continue
        if req.events and not _event_matches(e["type"], req.events):
            continue
        if wanted_players and e.get("player") not in wanted_players:
            continue
        if not req.events and not wanted_players:
            continue
        out.append(mark_span(body, tuple(e["span"])))
        if len(out) == PASSAGES:
            break
    return out


def _event_matches(kind: str, wanted: tuple[str, ...]) -> bool:
    return kind in wanted or ("goal" in wanted and kind in ("penalty_goal", "own_goal"))


def mark_span(text: str, span: tuple[int, int], context: int = 90) -> str:
    """An escaped passage around ``span`` with the span itself in ``<mark>``."""
    start, end = span
    left = max(0, start - context)
    right = min(len(text), end + context)
    left = text.find(" ", left) + 1 if left > 0 else 0
    right = text.rfind(" ", end, right) if right < len(text) and text.rfind(" ", end, right) > 0 else right
    return (("…" if left else "") + html.escape(text[left:start], quote=False)
            + "<mark>" + html.escape(text[start:end], quote=False) + "</mark>"
            + html.escape(text[end:right], quote=False) + ("…" if right < len(text) else ""))


def _lead_passage(body: str) -> str:
    cut = body[:PASSAGE_CHARS]
    if len(body) > PASSAGE_CHARS:
        cut = cut[: cut.rfind(" ")] + "…"
    return html.escape(cut.replace("\n\n", " "), quote=False)


def count_facets(s: Searcher, docnums: Iterable[int], limit: int) -> dict[str, list[tuple[str, int]]]:
    """Facet counts over the whole result set, from one column cell per document."""
    counts: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
    column = s.reader().column_reader("facets")
    for docnum in docnums:
        cell = column[docnum]
        if not cell:
            continue
        for item in cell.decode("utf-8").split(FACET_SEP):
            kind, _, value = item.partition(VALUE_SEP)
            counts[kind][value] += 1
    return {name: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
            for name, c in counts.items()}


def _day(d: dt.date, end: bool = False) -> dt.datetime:
    return dt.datetime(d.year, d.month, d.day, 23, 59, 59) if end else dt.datetime(d.year, d.month, d.day)
