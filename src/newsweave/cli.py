"""The command-line interface: a thin shell over the library API.

Each command parses its arguments, calls one library function and turns known
errors (:class:`~newsweave.errors.NewsweaveError`) into one line on stderr.
"""

from __future__ import annotations

import logging
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import NewsweaveError
from .models import Skipped
from .settings import Settings, load_settings

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_SKIPPED, EXIT_ERROR = 0, 3, 2


def fail(message: str, code: int = EXIT_ERROR) -> None:
    click.echo(f"newsweave: {message}", err=True)
    sys.exit(code)


def friendly(func: F) -> F:
    """Turn NewsweaveError into one clear line and Ctrl-C into a quiet exit."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except NewsweaveError as exc:
            fail(str(exc))
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except BrokenPipeError:
            sys.exit(0)

    return wrapper  # type: ignore[return-value]


SKIP_LINES = 20


def echo_skipped(skipped: Sequence[Skipped]) -> None:
    """One stderr line per skipped input; past SKIP_LINES, a count per reason instead."""
    for s in skipped[:SKIP_LINES]:
        click.echo(f"newsweave: skipped {s.origin}: {s.reason}", err=True)
    rest = skipped[SKIP_LINES:]
    if rest:
        reasons = Counter(s.reason.split(" (")[0] for s in rest)
        top = "; ".join(f"{n} x {r}" for r, n in reasons.most_common(5))
        click.echo(f"newsweave: ... and {len(rest)} more skipped ({top})", err=True)


def settings_from(ctx: click.Context, **overrides: Any) -> Settings:
    obj = ctx.find_root().obj or {}
    return load_settings(obj.get("config"), **{**obj.get("overrides", {}), **overrides})


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsweave")
@click.option("--config", type=click.Path(dir_okay=False), help="Settings TOML file.")
@click.option(
    "--store", help="SQLite store file (default: ~/.local/share/newsweave/newsweave.sqlite)."
)
@click.option(
    "--embedder", type=click.Choice(["wordllama", "minilm", "hashing"]), help="Sentence embedder."
)
@click.pass_context
def main(ctx: click.Context, config: str | None, store: str | None, embedder: str | None) -> None:
    """newsweave: how many outlets cover the same news, fact by fact, with citations.

    \b
    Quick start:
      newsweave compare a.txt b.html c.json          one story from given articles
      newsweave compare FILES --format markdown      also: text, html, json
      newsweave demo                                 the bundled demo corpus
      newsweave ingest FOLDER_OR_FILES               find stories in everything you collect
      newsweave stories --min-sources 2              list them; newsweave show STORY_ID
      newsweave serve                                web UI + HTTP API on 127.0.0.1:8765

    Exit status: 0 ok, 2 error, 3 some inputs were skipped (each named on stderr).

    Settings come from defaults, then a TOML file (--config or $NEWSWEAVE_CONFIG),
    then NEWSWEAVE_* environment variables, then flags. See docs/settings.md.
    """
    ctx.obj = {"config": config, "overrides": {"store": store, "embedder": embedder}}
    _log_to_stderr()


class _StderrNotes(logging.Handler):
    """The library's notes as "newsweave: ..." lines on the stderr of the moment."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"newsweave: {record.getMessage()}", err=True)


def _log_to_stderr() -> None:
    """Show the library's progress notes (a store upgrade) on stderr."""
    logger = logging.getLogger("newsweave")
    if not any(isinstance(h, _StderrNotes) for h in logger.handlers):
        logger.addHandler(_StderrNotes())
    logger.setLevel(logging.INFO)
    logger.propagate = False


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "html", "json"]),
    default="text",
    show_default=True,
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write the report to this file instead of stdout.",
)
@click.pass_context
@friendly
def compare(ctx: click.Context, paths: tuple[str, ...], fmt: str, output: str | None) -> None:
    """Compare the articles in PATHS as one story.

    PATHS are text, JSON/JSONL, HTML or RSS/Atom files, or folders of them. Inputs that
    cannot be used are named on stderr with the reason; the rest are still compared.
    Exit status: 0 all inputs used, 3 some inputs skipped, 2 error (nothing to compare).
    """
    from .compare import compare as run_compare
    from .ingest import load_articles
    from .render import render

    settings = settings_from(ctx)
    result = load_articles(list(paths), settings)
    echo_skipped(result.skipped)
    if not result.articles:
        fail("no usable article in the inputs")
    report = run_compare(result.articles, settings, skipped=result.skipped)
    # inputs the comparison itself left out (too long, too many sentences)
    echo_skipped(report.skipped[len(result.skipped) :])
    if not report.articles:
        fail("no article left to compare (see the reasons above)")
    out = render(report, fmt, color=fmt == "text" and output is None and sys.stdout.isatty())
    if output:
        Path(output).write_text(out, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(out)
    if report.skipped:
        sys.exit(EXIT_SKIPPED)


@main.command()
@click.option(
    "--out",
    "out_dir",
    default="out/demo",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder for the demo store and HTML reports.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
)
@click.pass_context
@friendly
def demo(ctx: click.Context, out_dir: str, fmt: str) -> None:
    """Run newsweave on the bundled demo corpus (fictional events and outlets).

    Ingests the corpus into a fresh store in OUT, finds the stories by clustering, prints
    each story's comparison report and writes one self-contained HTML report per story
    plus an index.html.
    """
    from .demo.run import run_demo

    run_demo(Path(out_dir), settings_from(ctx), echo=click.echo, fmt=fmt)


def _store_settings(ctx: click.Context, store: str | None) -> Settings:
    """Settings with a subcommand's own ``--store`` overriding the global one."""
    return settings_from(ctx, **({"store": store} if store else {}))


def _progress_bar(enabled: bool) -> Any:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    return Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=not enabled,
    )


STORE_OPTION = click.option(
    "--store", "store", help="SQLite store file (overrides the global --store)."
)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@STORE_OPTION
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar on stderr (default: if a terminal).",
)
@click.pass_context
@friendly
def ingest(
    ctx: click.Context, paths: tuple[str, ...], store: str | None, progress: bool | None
) -> None:
    """Add the articles in PATHS to the store and find their stories.

    PATHS are files or folders: JSONL/JSON (also .gz), HTML, RSS/Atom, text. Safe to
    re-run (articles already stored are skipped; changed ones are updated) and to stop
    with Ctrl-C (every committed batch is kept). Exit status 3 if some inputs were skipped.
    """
    from .ingest import load_articles
    from .store import Store

    settings = _store_settings(ctx, store)
    result = load_articles(list(paths), settings)
    echo_skipped(result.skipped)
    show = sys.stderr.isatty() if progress is None else progress
    with Store.open(settings) as st, _progress_bar(show) as bar:
        task = bar.add_task("ingest", total=len(result.articles))
        stats = st.ingest(
            result.articles, settings, progress=lambda n: bar.update(task, completed=n)
        )
        totals = st.stats()
    click.echo(
        f"{stats.added} added, {stats.updated} updated, {stats.unchanged} unchanged, "
        f"{len(result.skipped)} skipped; {stats.stories_created} new stories, "
        f"{stats.stories_changed} changed; store {settings.store_path()}: "
        f"{totals['articles']} articles, {totals['stories']} stories"
    )
    if result.skipped:
        sys.exit(EXIT_SKIPPED)


@main.command()
@STORE_OPTION
@click.option("--since", help="Only stories active in this period: 2d, 12h, 3w or a date.")
@click.option(
    "--until", help="Only stories that started by then: an age (2d = two days ago) or a date."
)
@click.option("--min-sources", type=click.IntRange(1), default=1, show_default=True)
@click.option("--search", help="Words that must all appear in the story's titles or names.")
@click.option("--outlet", help="Only stories covered by this outlet.")
@click.option("--order", type=click.Choice(["recent", "size"]), default="recent", show_default=True)
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
)
@click.pass_context
@friendly
def stories(
    ctx: click.Context,
    store: str | None,
    since: str | None,
    until: str | None,
    min_sources: int,
    search: str | None,
    outlet: str | None,
    order: str,
    limit: int,
    fmt: str,
) -> None:
    """List the stories in the store, most recent first."""
    from .provenance import clustering_provenance
    from .store import Store, format_stories, parse_since

    settings = _store_settings(ctx, store)
    with Store.open(settings, readonly=True) as st:
        found = st.stories(
            since=parse_since(since) if since else None,
            until=parse_since(until, flag="--until", end_of_day=True) if until else None,
            min_sources=min_sources,
            search=search,
            outlet=outlet,
            order=order,
            limit=limit,
        )
    click.echo(format_stories(found, fmt, clustering_provenance(settings)))


@main.command()
@click.argument("story_id")
@STORE_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "html", "json"]),
    default="text",
    show_default=True,
)
@click.pass_context
@friendly
def show(ctx: click.Context, story_id: str, store: str | None, fmt: str) -> None:
    """The comparison report of one story (computed once, then cached until it changes).

    Text and Markdown end with where to go next: the related stories (same storyline)
    and similar stories (same days, read alike)."""
    import json

    from .errors import StoreError
    from .store import Store

    settings = _store_settings(ctx, store)
    with Store.open(settings, create=False) as st:
        now = st.resolve(story_id)
        if now is None:
            raise StoreError(f"unknown story {story_id!r} (see: newsweave stories)")
        if now != story_id:
            click.echo(f"story {story_id} was merged into story {now}: showing {now}", err=True)
            story_id = now
        data = st.story_report(story_id, settings)
        walk = [
            ("Related stories (same storyline)", st.related_stories(story_id, limit=10)),
            ("Similar stories at the same time", st.similar_stories(story_id, limit=5)),
        ]
    if fmt == "json":
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    from .render import render
    from .report import from_dict

    click.echo(render(from_dict(data), fmt))
    if fmt in {"text", "markdown"}:
        # Where a reader can walk next (the web UI shows the same lists).
        for heading, stories in walk:
            if stories:
                click.echo(f"\n## {heading}\n" if fmt == "markdown" else f"\n{heading}:")
                for x in stories:
                    click.echo(
                        f"- {x.id} {x.title} ({x.article_count} articles, {x.source_count} sources)"
                    )


@main.command()
@click.argument("out", type=click.Path(dir_okay=False))
@STORE_OPTION
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "parquet"]), default="jsonl", show_default=True
)
@click.option(
    "--reports/--cached-reports",
    default=False,
    help="Compute missing story reports (slow) or export only cached ones.",
)
@click.pass_context
@friendly
def export(ctx: click.Context, out: str, store: str | None, fmt: str, reports: bool) -> None:
    """Export the articles with their story ids, and the stories with their reports."""
    from .store import Store, export_store

    settings = _store_settings(ctx, store)
    with Store.open(settings, readonly=not reports, create=False) as st:
        counts = export_store(st, fmt, out, settings, compute_reports=reports)
    click.echo(f"wrote {out}: {counts['articles']} articles, {counts['stories']} stories", err=True)


@main.group(name="eval")
def eval_group() -> None:
    """Score newsweave against labeled data."""


@eval_group.command(name="clustering")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--label", default="event_id", show_default=True, help="Field holding the true story."
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--refiner",
    type=click.Choice(["auto", "minilm", "none"]),
    help="Who decides close calls of long articles (setting cluster_refiner; default auto: "
    "MiniLM when installed).",
)
@click.pass_context
@friendly
def eval_clustering(
    ctx: click.Context, file: str, label: str, fmt: str, refiner: str | None
) -> None:
    """Cluster a labeled JSONL file (in order of `published`) and score it.

    Prints B-cubed precision/recall/F1, the adjusted Rand index, predicted vs true
    number of stories, the share of single-article stories and throughput; with
    --format json, one object that also holds the assignments {article id: story id}.
    """
    import json

    from .evaluate import evaluate_clustering, format_scores

    result = evaluate_clustering(file, label, settings_from(ctx, cluster_refiner=refiner))
    if fmt == "json":
        click.echo(json.dumps(result, indent=2))
    else:
        click.echo(format_scores(result))


@main.command()
@STORE_OPTION
@click.option("--port", type=click.IntRange(1, 65535), help="Port to listen on (default 8765).")
@click.option(
    "--host",
    help="Interface to listen on (default 127.0.0.1, this machine only). "
    "Use --host 0.0.0.0 to be reachable from other machines (prints a warning).",
)
@click.option(
    "--read-only", is_flag=True, help="Turn off adding articles (for a public deployment)."
)
@click.pass_context
@friendly
def serve(
    ctx: click.Context, store: str | None, port: int | None, host: str | None, read_only: bool
) -> None:
    """Start the web UI and JSON API over the store, and print its address.

    Pages: stories (filters, pagination), story (agreement, differences, conflicts,
    quotes, entities, timeline, the articles side by side), article, outlet, entity,
    and "Add articles". API under /api/ (documented at /api/docs). See docs/web.md.
    """
    from .web import serve as run_server

    settings = _store_settings(ctx, store).replace(
        port=port, host=host, allow_writes=False if read_only else None
    )
    run_server(settings)
