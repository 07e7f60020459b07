"""Conflicts: sources stating the same kind of fact with different values.

PLACEHOLDER: returns nothing yet.
"""

from __future__ import annotations

from collections.abc import Sequence

from .models import Claim, CleanArticle, Conflict, Copy, Quote
from .settings import Settings

__all__ = ["find_conflicts"]


def find_conflicts(
    articles: Sequence[CleanArticle],
    claims: Sequence[Claim],
    quotes: Sequence[Quote],
    copies: Sequence[Copy],
    settings: Settings,
) -> list[Conflict]:
    """Numbers, dates, names, outcomes and attributions on which independent sources differ."""
    return []
