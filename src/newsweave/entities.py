"""Entities: people, organisations and places, with name variants merged.

PLACEHOLDER: returns nothing yet.
"""

from __future__ import annotations

from collections.abc import Sequence

from .models import CleanArticle, Entity

__all__ = ["collect_entities"]


def collect_entities(articles: Sequence[CleanArticle]) -> list[Entity]:
    """Merge the PERSON/ORG/GPE/LOC/FAC mentions of all sentences into entities."""
    return []
