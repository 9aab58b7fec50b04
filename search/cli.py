"""The ``matchsearch`` command: parses arguments, calls the library, renders.

No logic lives here beyond turning options into library calls and results
into text or JSON; everything it does, a program can do through
:func:`search.open_index` and :func:`index.extract`.
"""
from __future__ import annotations

import datetime as dt
import json
import sys
import time
import traceback
from dataclasses import replace
from typing import Any, NoReturn

import click

from index.record import EVENT_TYPES

from .request import FACETS

INDEX_HELP = "Index folder (default: $MATCHSEARCH_INDEX, else ./.matchsearch)."


def complete_team(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Team names and nicknames that start with what is typed."""
    from index import knowledge
    from index.knowledge import key

    k = key(incomplete)
    return sorted({t.name for t in knowledge.teams().teams.values() if key(t.name).startswith(k)})[:50]


def complete_player(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Players of the index in use whose name or surname starts with what is typed."""
    from index.knowledge import key
    from index.registry import Registry

    from .api import default_location

    k = key(incomplete)
    where = ctx.params.get("where") or default_location()
    names = Registry.load(where).people
    return sorted(n for n in names if any(part.startswith(k) for part in key(n).split()))[:50]


class Fail(click.ClickException):
    """A user-facing failure with an exit status and a one-line message."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = code


class Group(click.Group):
    """Turns library errors into one-line messages; ``--debug`` keeps the traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        from index.errors import IndexProblem

        from .api import IndexNotFound
        from .request import QueryError

        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except QueryError as exc:
            _fail(ctx, exc, 2)
        except (IndexNotFound, IndexProblem) as exc:
            _fail(ctx, exc, 1)
        except KeyboardInterrupt:
            click.echo("interrupted; what was committed is kept, run the command again to finish",
                       err=True)
            ctx.exit(130)
        except Exception as exc:
            if (ctx.obj or {}).get("debug"):
                raise
            _fail(ctx, f"{type(exc).__name__}: {exc} (run with --debug for details)", 1)


def _fail(ctx: click.Context, exc: object, code: int) -> NoReturn:
    if (ctx.obj or {}).get("debug"):
        traceback.print_exc()
    raise Fail(str(exc), code)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks of unexpected errors.")
@click.version_option(package_name="matchsearch")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Search football match reports by player, team, event and date.

    \b
    Index a folder, then ask it questions:
      matchsearch index seeds/
      matchsearch search penalty
      matchsearch search --player Handanovic --event penalty_saved
      matchsearch search "hit the post" --team Inter --since 2020-01 --json
    """
    ctx.obj = {"debug": debug}


def _reference_date(text: str | None) -> dt.date | None:
    """The ``--date`` option of ``index`` and ``extract``, or a usage error."""
    from .dates import parse_day

    if text is None:
        return None
    day = parse_day(text)
    if day is None:
        raise Fail(f"cannot read --date {text!r} as a date", 2)
    return day


def _open(where: str | None) -> Any:
    from .api import open_index
    return open_index(where)


@main.command("index")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--index", "where", metavar="DIR", help=INDEX_HELP)
@click.option("--rebuild", is_flag=True, help="Start from an empty index.")
@click.option("--jobs", type=click.IntRange(0), default=0, show_default="all cores",
              help="Extraction processes (0: one per core).")
@click.option("--date", "ref_date", metavar="DATE",
              help="Reference date for 'on Saturday' in reports without a date of their own.")
@click.option("--max-size", type=click.FloatRange(0.001), default=5.0, show_default=True,
              metavar="MB", help="Skip text and HTML files (and JSONL lines) larger than this.")
@click.option("--wait", type=click.FloatRange(0), default=60.0, show_default=True, metavar="SECONDS",
              help="How long to wait for another indexing run on the same index to finish.")
@click.option("--batch", type=click.IntRange(1), default=2000, show_default=True, metavar="N",
              help="Reports a commit; a crash loses at most this much work.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def index_cmd(paths: tuple[str, ...], where: str | None, rebuild: bool, jobs: int,
              ref_date: str | None, max_size: float, wait: float, batch: int, as_json: bool) -> None:
    """Index report files and folders (.txt, .html, .jsonl), recursively.

    Re-running on the same inputs changes nothing; a changed file replaces
    its earlier version. Unreadable, binary, empty or oversized files are
    skipped with a reason and the rest is indexed.

    \b
    Example:
      matchsearch index seeds/ archive/2020/ --index ~/reports-index
    """
    from .api import default_location, open_index
    from index.build import count_inputs
    from index.store import Store

    location = where or default_location()
    day = _reference_date(ref_date)
    if rebuild:
        Store.wipe(location, wait)
    ix = open_index(location, create=True)
    started = time.perf_counter()
    show_bar = sys.stderr.isatty() and not as_json
    if show_bar:
        total = count_inputs(paths)
        with click.progressbar(length=total, label="indexing", file=sys.stderr) as bar:
            report = ix.add(paths, jobs=jobs, max_bytes=int(max_size * 1024 * 1024),
                            ref_date=day, progress=bar.update, wait=wait, batch=batch)
    else:
        report = ix.add(paths, jobs=jobs, max_bytes=int(max_size * 1024 * 1024), ref_date=day,
                        wait=wait, batch=batch)
    elapsed = time.perf_counter() - started
    if as_json:
        click.echo(json.dumps(report.to_json() | {"seconds": round(elapsed, 3)}))
    else:
        from .render import index_summary
        click.echo(index_summary(report, elapsed), err=True)
    if report.added + report.updated + report.unchanged + report.duplicates == 0:
        raise Fail("nothing could be indexed", 1)


@main.command("search")
@click.argument("query", required=False, default="")
@click.option("--player", multiple=True, metavar="NAME", shell_complete=complete_player,
              help="Reports with this player (any spelling the index knows).")
@click.option("--team", multiple=True, metavar="NAME", shell_complete=complete_team,
              help="Reports of this team (any name or nickname: 'Man Utd', 'the Gunners').")
@click.option("--event", multiple=True, type=click.Choice(EVENT_TYPES), metavar="TYPE",
              help="Reports with this event; with --player, done by that player. "
                   f"One of: {', '.join(EVENT_TYPES)}.")
@click.option("--competition", metavar="NAME", help="Reports of this competition.")
@click.option("--since", metavar="DATE", help="From this date (2020-01-11, 2020-01, 'January 2020', 'last week').")
@click.option("--until", metavar="DATE", help="Up to this date, same forms as --since.")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True,
              help="date: newest first, undated last.")
@click.option("--group", is_flag=True, help="One line per match, with its number of reports.")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option("--page", type=click.IntRange(1, 100000), default=1, show_default=True)
@click.option("--facet", "facets", multiple=True, type=click.Choice(FACETS),
              help="Facets to show (default: all).")
@click.option("--facet-limit", type=click.IntRange(0, 1000), default=10, show_default=True)
@click.option("--strict", is_flag=True, help="Refuse a query with broken syntax instead of reading around it.")
@click.option("--index", "where", metavar="DIR", help=INDEX_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (see INTERFACE.md).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default=None,
              help="text (default), json (as --json) or jsonl (one hit a line).")
def search_cmd(query: str, player: tuple[str, ...], team: tuple[str, ...], event: tuple[str, ...],
               competition: str | None, since: str | None, until: str | None, sort: str,
               group: bool, limit: int, page: int, facets: tuple[str, ...], facet_limit: int,
               strict: bool, where: str | None, as_json: bool, fmt: str | None) -> None:
    """Search indexed reports: free text plus filters.

    \b
    The query reads like a search box: words (all of them), OR, NOT or -word,
    "exact phrases", "words near"~5, Handanovich~ (near spellings), Malin*,
    (grouping), and fields: player:, team:, event:, competition:, date:.

    \b
    Examples:
      matchsearch search penalty
      matchsearch search --player Handanovic --event penalty_saved
      matchsearch search '"hit the post" team:Inter date:2020-01'
      matchsearch search --team "Man Utd" --since "January 2013" --sort date --group
      matchsearch search Lukaku --facet player --facet-limit 20 --format jsonl
    """
    ix = _open(where)
    res = ix.search(query, player=player, team=team, event=event, competition=competition,
                    since=since, until=until, sort=sort, limit=limit, page=page,
                    facet_limit=facet_limit, group=group, strict=strict)
    if facets:
        res = replace(res, facets={k: v for k, v in res.facets.items() if k in facets})
    fmt = fmt or ("json" if as_json else "text")
    if fmt == "json":
        click.echo(json.dumps(res.to_json(), ensure_ascii=False))
    elif fmt == "jsonl":
        for hit in res.hits:
            click.echo(json.dumps(hit.to_json(), ensure_ascii=False))
    else:
        from .render import results_text
        click.echo(results_text(replace(res, notes=[]), color=sys.stdout.isatty()))
    for note in res.notes:
        click.echo(f"note: {note}", err=True)


@main.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--date", "ref_date", metavar="DATE", help="Reference date for 'on Saturday'.")
@click.option("--spans", is_flag=True, help="With --json: add the text span of every value.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line (see INTERFACE.md).")
def extract_cmd(paths: tuple[str, ...], ref_date: str | None, spans: bool, as_json: bool) -> None:
    """Show what matchsearch reads from reports, without indexing anything.

    \b
    Example:
      matchsearch extract seeds/inter-atalanta-2020-01-11-a.txt --json
    """
    from index import extract_article
    from index.normalise import normalise
    from index.read import Skipped, read_all

    from .render import record_text

    day = _reference_date(ref_date)
    done = 0
    for item in read_all(paths):
        if isinstance(item, Skipped):
            click.echo(f"skipped {item.source}: {item.reason}", err=True)
            continue
        rec = extract_article(normalise(item, ref_date=day))
        done += 1
        out = rec.to_json(spans=spans)
        out["path"] = item.source
        click.echo(json.dumps(out, ensure_ascii=False) if as_json else record_text(out) + "\n")
    if not done:
        raise Fail("nothing could be read", 1)


@main.command("show")
@click.argument("doc_id", metavar="ID")
@click.option("--related", is_flag=True,
              help="Also list the other reports of the same match, then the most similar reports.")
@click.option("--index", "where", metavar="DIR", help=INDEX_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the stored record as JSON.")
def show_cmd(doc_id: str, related: bool, where: str | None, as_json: bool) -> None:
    """Show one indexed report by id (or a unique prefix of it).

    \b
    Examples:
      matchsearch show 3f2a9c1e
      matchsearch show 3f2a9c1e --related --json
    """
    ix = _open(where)
    rec = ix.get(doc_id)
    if rec is None:
        raise Fail(f"no report with id {doc_id!r}", 1)
    same, similar = ix.related(rec["id"]) if related else ([], [])
    if as_json:
        if related:
            rec["same_match"] = [h.to_json() for h in same]
            rec["similar"] = [h.to_json() for h in similar]
        click.echo(json.dumps(rec, ensure_ascii=False))
        return
    from .render import match_line, record_text
    click.echo(record_text(rec) + "\n\n" + rec["text"])
    if related:
        click.echo("\nOther reports of this match:" if same else "\nNo other report of this match.")
        for h in same:
            click.echo(f"  {h.id}  {h.title or '(untitled)'}  {match_line(h)}")
        click.echo("\nSimilar reports:")
        for h in similar:
            click.echo(f"  {h.id}  {h.title or '(untitled)'}  {match_line(h)}")


@main.command("stats")
@click.option("--index", "where", metavar="DIR", help=INDEX_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def stats_cmd(where: str | None, as_json: bool) -> None:
    """Count what the index holds: documents, players, teams, matches.

    \b
    Example:
      matchsearch stats --json
    """
    counts = _open(where).stats()
    if as_json:
        click.echo(json.dumps(counts))
    else:
        click.echo("\n".join(f"{k}: {v}" for k, v in counts.items()))


@main.command("completion")
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion_cmd(shell: str) -> None:
    """Print the shell completion script for commands, options, event types and names.

    \b
    Example (add to ~/.bashrc):
      eval "$(matchsearch completion bash)"
    """
    from click.shell_completion import get_completion_class

    cls = get_completion_class(shell)
    assert cls is not None
    click.echo(cls(main, {}, "matchsearch", "_MATCHSEARCH_COMPLETE").source())
