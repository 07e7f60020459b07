"""Copies: near-identical articles (one wire story republished) count as one source.

PLACEHOLDER: exact-text copies only; the shingle-based detector replaces ``find_copies``.
"""

from __future__ import annotations

from collections.abc import Sequence

from .models import CleanArticle, Copy
from .settings import Settings

__all__ = ["find_copies", "source_groups"]


def find_copies(articles: Sequence[CleanArticle], settings: Settings) -> list[Copy]:
    """Pairs (copy -> original) of articles that are near-identical texts."""
    seen: dict[str, str] = {}
    out: list[Copy] = []
    for a in articles:
        key = " ".join(a.article.text.split())
        if key in seen:
            out.append(Copy(a.article.id, seen[key], 1.0))
        else:
            seen[key] = a.article.id
    return out


def source_groups(article_ids: Sequence[str], copies: Sequence[Copy]) -> dict[str, str]:
    """Map every article id to the id of its independent source (the original it copies)."""
    parent = {a: a for a in article_ids}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for c in copies:
        if c.article in parent and c.copy_of in parent:
            ra, rb = root(c.article), root(c.copy_of)
            if ra != rb:
                # the earliest-listed article stays the representative
                first, second = sorted((ra, rb), key=list(article_ids).index)
                parent[second] = first
    return {a: root(a) for a in article_ids}
