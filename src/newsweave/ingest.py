"""Ingest: read articles from text, JSON/JSONL, HTML and RSS/Atom files.

PLACEHOLDER: plain text only; the full reader replaces it with the same signatures.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .models import Article, Skipped
from .settings import Settings

__all__ = ["IngestResult", "load_articles", "parse_bytes"]


@dataclass
class IngestResult:
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _article_id(origin: str, text: str) -> str:
    return hashlib.sha1((origin + "\0" + text).encode()).hexdigest()[:16]


def parse_bytes(
    data: bytes, name: str, content_type: str | None = None, settings: Settings | None = None
) -> IngestResult:
    """Parse one input (a file's bytes, an upload, a fetched page) into articles.

    ``name`` names the input in messages and in ``Article.origin``.
    """
    result = IngestResult()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        result.skipped.append(Skipped(name, "not valid UTF-8 text"))
        return result
    if not text.strip():
        result.skipped.append(Skipped(name, "empty"))
        return result
    result.articles.append(Article(id=_article_id(name, text), text=text, origin=name))
    return result


def load_articles(paths: Sequence[str | Path], settings: Settings | None = None) -> IngestResult:
    """Read every file (folders are walked) into articles; bad inputs are skipped."""
    result = IngestResult()
    for path in _expand(paths):
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            result.skipped.append(Skipped(str(path), f"cannot read ({exc.strerror})"))
            continue
        part = parse_bytes(data, str(path), settings=settings)
        result.articles.extend(part.articles)
        result.skipped.extend(part.skipped)
    return result


def _expand(paths: Sequence[str | Path]) -> Iterable[Path]:
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(x for x in p.rglob("*") if x.is_file() and not x.name.startswith("."))
        else:
            yield p
