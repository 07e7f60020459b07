"""Render a report as text (terminal), Markdown, HTML (self-contained page) or JSON.

PLACEHOLDER: JSON only; the full renderers replace the others.
"""

from __future__ import annotations

import json

from .models import Report
from .report import to_dict

__all__ = ["FORMATS", "render"]

FORMATS = ("text", "markdown", "html", "json")


def render(report: Report, fmt: str = "text") -> str:
    """The report in format ``fmt`` (one of ``FORMATS``)."""
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2)
