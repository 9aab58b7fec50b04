"""The ``matchsearch`` command: parses arguments, calls the library, renders.

No logic lives here beyond turning options into library calls and results
into text or JSON; everything it does, a program can do through
:func:`search.open_index` and :func:`index.extract`.
"""
from __future__ import annotations

import json
import sys
import time
import traceback
from typing import Any, NoReturn

import click

from index.record import EVENT_TYPES

INDEX_HELP = "Index folder (default: $MATCHSEARCH_INDEX, else ./.matchsearch)."


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
    from .dates import parse_day
    from index.build import count_inputs
    from index.store import Store

    location = where or default_location()
    day = None
    if ref_date:
        day = parse_day(ref_date)
        if day is None:
            raise Fail(f"cannot read --date {ref_date!r} as a date", 2)
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
@click.option("--player", multiple=True, metavar="NAME", help="Reports with this player (any spelling).")
@click.option("--team", multiple=True, metavar="NAME", help="Reports of this team (any name or nickname).")
@click.option("--event", multiple=True, type=click.Choice(EVENT_TYPES), metavar="TYPE",
              help="Reports with this event; with --player, done by that player. "
                   f"One of: {', '.join(EVENT_TYPES)}.")
@click.option("--competition", metavar="NAME", help="Reports of this competition.")
@click.option("--since", metavar="DATE", help="From this date (2020-01-11, 2020-01, 'January 2020', 'last week').")
@click.option("--until", metavar="DATE", help="Up to this date, same forms as --since.")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True)
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option("--page", type=click.IntRange(1, 100000), default=1, show_default=True)
@click.option("--index", "where", metavar="DIR", help=INDEX_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (see INTERFACE.md).")
def search_cmd(query: str, player: tuple[str, ...], team: tuple[str, ...], event: tuple[str, ...],
               competition: str | None, since: str | None, until: str | None, sort: str,
               limit: int, page: int, where: str | None, as_json: bool) -> None:
    """Search indexed reports: free text plus filters.

    \b
    Examples:
      matchsearch search penalty
      matchsearch search --player Handanovic --event penalty_saved
      matchsearch search "hit the post" --team Inter --since 2020-01 --until 2020-01
      matchsearch search Lukaku --sort date --limit 5 --json
    """
    ix = _open(where)
    res = ix.search(query, player=player, team=team, event=event, competition=competition,
                    since=since, until=until, sort=sort, limit=limit, page=page)
    if as_json:
        click.echo(json.dumps(res.to_json(), ensure_ascii=False))
    else:
        from .render import results_text
        click.echo(results_text(res, color=sys.stdout.isatty()))


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

    from .dates import parse_day
    from .render import record_text

    day = parse_day(ref_date) if ref_date else None
    if ref_date and day is None:
        raise Fail(f"cannot read --date {ref_date!r} as a date", 2)
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
@click.option("--index", "where", metavar="DIR", help=INDEX_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the stored record as JSON.")
def show_cmd(doc_id: str, where: str | None, as_json: bool) -> None:
    """Show one indexed report by id (or a unique prefix of it).

    \b
    Example:
      matchsearch show 3f2a9c1e
    """
    ix = _open(where)
    rec = ix.get(doc_id)
    if rec is None:
        raise Fail(f"no report with id {doc_id!r}", 1)
    if as_json:
        click.echo(json.dumps(rec, ensure_ascii=False))
    else:
        from .render import record_text
        click.echo(record_text(rec) + "\n\n" + rec["text"])


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
