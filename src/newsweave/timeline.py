"""Timeline: dated statements ordered in time, relative dates resolved.

PLACEHOLDER: returns nothing yet.
"""

from __future__ import annotations

from collections.abc import Sequence

from .models import Claim, CleanArticle, TimelineEntry

__all__ = ["build_timeline"]


def build_timeline(
    articles: Sequence[CleanArticle], claims: Sequence[Claim]
) -> list[TimelineEntry]:
    """Dated statements, relative dates resolved against each article's publication date."""
    return []
