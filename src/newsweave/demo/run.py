"""The demo: ingest the bundled corpus into a fresh store, find its stories, report each.

Stories are found by the normal story clustering (not hand-grouped); the reports are
the same as ``newsweave compare``/``newsweave show`` produce.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..ingest import load_articles
from ..render import render
from ..report import from_dict
from ..settings import Settings
from ..store import Store

__all__ = ["DemoResult", "run_demo"]


@dataclass
class DemoResult:
    store: Path
    index: Path
    stories: list[tuple[str, str, Path]] = field(default_factory=list)  # id, title, html file
    skipped: int = 0


def run_demo(
    out_dir: Path, settings: Settings, echo: Callable[[str], None] = print, fmt: str = "text"
) -> DemoResult:
    """Ingest the demo corpus into ``out_dir/demo.sqlite`` (fresh) and report every story."""
    from . import corpus_paths

    out_dir.mkdir(parents=True, exist_ok=True)
    store_path = out_dir / "demo.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(str(store_path) + suffix).unlink(missing_ok=True)
    loaded = load_articles(corpus_paths(), settings)
    result = DemoResult(store=store_path, index=out_dir / "index.html", skipped=len(loaded.skipped))
    with Store(store_path) as store:
        store.ingest(loaded.articles, settings)
        stories = store.stories(order="size", limit=1000)
        echo(
            f"newsweave demo: {len(loaded.articles)} articles -> {len(stories)} stories "
            f"(store: {store_path})\n"
        )
        for s in stories:
            report = from_dict(store.story_report(s.id, settings))
            echo(render(report, fmt))
            page = out_dir / f"story-{s.id}.html"
            page.write_text(render(report, "html"), encoding="utf-8")
            result.stories.append((s.id, s.title, page))
    items = "\n".join(
        f'<li><a href="{html.escape(p.name)}">{html.escape(t)}</a></li>'
        for _, t, p in result.stories
    )
    result.index.write_text(
        "<!doctype html><meta charset=utf-8><title>newsweave demo</title>"
        "<style>body{font:17px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;"
        "padding:0 1rem}</style><h1>newsweave demo stories</h1>"
        f"<ol>{items}</ol>",
        encoding="utf-8",
    )
    echo(f"\nHTML reports: {result.index}")
    echo("Browse them with a server: newsweave --store " + str(store_path) + " serve")
    return result
