"""The command-line interface: a thin shell over the library API.

Each command parses its arguments, calls one library function and turns known
errors (:class:`~newsweave.errors.NewsweaveError`) into one line on stderr.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import NewsweaveError
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

    Settings come from defaults, then a TOML file (--config or $NEWSWEAVE_CONFIG),
    then NEWSWEAVE_* environment variables, then flags. See docs/settings.md.
    """
    ctx.obj = {"config": config, "overrides": {"store": store, "embedder": embedder}}


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
    for s in result.skipped:
        click.echo(f"newsweave: skipped {s.origin}: {s.reason}", err=True)
    if not result.articles:
        fail("no usable article in the inputs")
    report = run_compare(result.articles, settings, skipped=result.skipped)
    out = render(report, fmt)
    if output:
        Path(output).write_text(out, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(out)
    if result.skipped:
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
