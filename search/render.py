"""Rendering for people: results as a search page, records as short summaries.

JSON output is the objects' own ``to_json``; this module is only the human
side. Highlights arrive as escaped HTML with ``<mark>``; on a terminal the
marks become colour, elsewhere ``[brackets]``.
"""
from __future__ import annotations

import html
import re
import textwrap
from typing import TYPE_CHECKING, Any

from .request import Results

if TYPE_CHECKING:
    from index.build import IndexReport

MARK = re.compile(r"<mark>(.*?)</mark>", re.S)
BOLD, YELLOW, DIM, RESET = "\x1b[1m", "\x1b[1;33m", "\x1b[2m", "\x1b[0m"


def unmark(passage: str, color: bool) -> str:
    """An escaped, marked passage as terminal text."""
    sub = (lambda m: f"{YELLOW}{m[1]}{RESET}") if color else (lambda m: f"[{m[1]}]")
    return html.unescape(MARK.sub(sub, passage))


def match_line(hit: Any) -> str:
    """"2020-01-11  Inter 1-1 Atalanta  Serie A": what a reader scans first."""
    parts = [hit.date or "undated"]
    if hit.home and hit.away:
        score = f" {hit.score[0]}-{hit.score[1]} " if hit.score else " v "
        parts.append(f"{hit.home}{score}{hit.away}")
    elif hit.teams:
        parts.append(" v ".join(hit.teams))
    if hit.competition:
        parts.append(hit.competition)
    return "  ".join(parts)


def results_text(res: Results, color: bool = False, width: int = 100) -> str:
    if res.total == 0:
        lines = ["No reports found."]
    else:
        first = (res.page - 1) * max(len(res.hits), 1) + 1
        lines = [f"{res.total} report{'s' if res.total != 1 else ''}"
                 + (f", page {res.page}" if res.page > 1 else "")]
        for n, hit in enumerate(res.hits, first):
            title = hit.title or "(untitled)"
            lines.append("")
            lines.append(f"{n}. {BOLD if color else ''}{title}{RESET if color else ''}")
            lines.append(f"   {match_line(hit)}")
            for passage in hit.highlights[:1]:
                text = unmark(passage, color).replace("\n", " ")
                lines.extend(textwrap.wrap(text, width - 3, initial_indent="   ",
                                           subsequent_indent="   ") if not color else ["   " + text])
            tail = f"   id {hit.id}  {hit.path}"
            lines.append(f"{DIM}{tail}{RESET}" if color else tail)
    facet_lines = [f"{name}: " + ", ".join(f"{v} ({n})" for v, n in vals)
                   for name, vals in res.facets.items() if vals]
    if facet_lines and res.total:
        lines += ["", *facet_lines]
    lines += [f"note: {n}" for n in res.notes]
    return "\n".join(lines)


def record_text(rec: dict[str, Any]) -> str:
    """A record from ``extract`` or ``show``, as a short report card."""
    lines = [rec.get("title") or "(untitled)"]
    if rec.get("path"):
        lines.append(f"  path: {rec['path']}")
    lines.append(f"  id: {rec['id']}   date: {rec.get('date') or 'unknown'}"
                 f"   match report: {'yes' if rec.get('is_match_report') else 'no'}")
    if rec.get("home") or rec.get("teams"):
        score = rec.get("score")
        s = f" {score[0]}-{score[1]} " if score else " v "
        pair = f"{rec['home']}{s}{rec['away']}" if rec.get("home") else " v ".join(rec["teams"])
        lines.append(f"  match: {pair}")
    for label in ("competition", "venue"):
        if rec.get(label):
            lines.append(f"  {label}: {rec[label]}")
    if rec.get("scorers"):
        goals = ", ".join(f"{g['player'] or '?'} {g['minute'] or ''}{' pen' if g['penalty'] else ''}"
                          f"{' og' if g['own_goal'] else ''}".strip() for g in rec["scorers"])
        lines.append(f"  scorers: {goals}")
    if rec.get("events"):
        evs = ", ".join(f"{e['type']}" + (f" ({e['player']}" + (f" {e['minute']}'" if e.get("minute") else "")
                                          + ")" if e.get("player") else "") for e in rec["events"])
        lines.append("  events: " + evs)
    if rec.get("players"):
        lines.append("  players: " + ", ".join(rec["players"]))
    return "\n".join(lines)


def index_summary(report: IndexReport, seconds: float) -> str:
    lines = [f"indexed {report.added} new, {report.updated} updated, {report.unchanged} unchanged"
             f", {len(report.skipped)} skipped in {seconds:.1f}s"]
    lines += [f"  skipped {s.source}: {s.reason}" for s in report.skipped]
    lines += [f"  note: {n}" for n in report.notes]
    return "\n".join(lines)
