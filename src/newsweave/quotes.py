"""Quotes: direct quotations with resolved speakers, grouped across outlets.

PLACEHOLDER: returns nothing yet.
"""

from __future__ import annotations

from collections.abc import Sequence

from .models import CleanArticle, Copy, Entity, Quote

__all__ = ["extract_quotes"]


def extract_quotes(
    articles: Sequence[CleanArticle], entities: Sequence[Entity], copies: Sequence[Copy]
) -> list[Quote]:
    """Find direct quotations, resolve their speakers, group identical words."""
    return []
