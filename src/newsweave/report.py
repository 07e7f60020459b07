"""The report's JSON form: the documented contract for the web UI, API and other tools.

The JSON Schema is ``report.schema.json`` beside this module (documented in docs/report.md).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from .models import CleanArticle, Report

__all__ = ["SCHEMA_VERSION", "to_dict"]

SCHEMA_VERSION = "1"


def _article_dict(a: CleanArticle) -> dict[str, Any]:
    art = a.article
    return {
        "id": art.id,
        "outlet": art.outlet,
        "outlet_inferred_from": art.outlet_inferred_from,
        "title": art.title,
        "url": art.url,
        "published": art.published.isoformat() if art.published else None,
        "origin": art.origin,
        "text": art.text,
        "sentences": [{"index": s.index, "start": s.start, "end": s.end} for s in a.sentences],
        "debris": [dataclasses.asdict(d) for d in a.debris],
    }


def to_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data (see report.schema.json)."""

    def plain(items: Any) -> list[dict[str, Any]]:
        return [dataclasses.asdict(x) for x in items]

    return {
        "schema_version": SCHEMA_VERSION,
        "story_id": report.story_id,
        "title": report.title,
        "articles": [_article_dict(a) for a in report.articles],
        "claims": plain(report.claims),
        "conflicts": plain(report.conflicts),
        "quotes": plain(report.quotes),
        "entities": plain(report.entities),
        "timeline": plain(report.timeline),
        "summary": plain(report.summary),
        "copies": plain(report.copies),
        "skipped": plain(report.skipped),
        "provenance": dataclasses.asdict(report.provenance),
    }
