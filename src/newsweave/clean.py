"""Cleaning: find the debris of scraped news while keeping offsets into the original text.

PLACEHOLDER: finds no debris yet; the real rules replace ``find_debris``.
"""

from __future__ import annotations

from .models import Article, CleanArticle, Debris, Sentence
from .sentences import split_sentences

__all__ = ["clean_article", "find_debris", "kept_regions"]


def find_debris(text: str) -> list[Debris]:
    """Return the spans of ``text`` that are not article prose, sorted and non-overlapping."""
    return []


def kept_regions(text: str, debris: list[Debris]) -> list[tuple[int, int]]:
    """The complement of ``debris`` within ``text``."""
    regions: list[tuple[int, int]] = []
    pos = 0
    for d in sorted(debris, key=lambda d: d.start):
        if d.start > pos:
            regions.append((pos, d.start))
        pos = max(pos, d.end)
    if pos < len(text):
        regions.append((pos, len(text)))
    return regions


def clean_article(article: Article) -> CleanArticle:
    """Split ``article`` into prose sentences, setting its debris aside."""
    debris = find_debris(article.text)
    spans = split_sentences(article.text, kept_regions(article.text, debris))
    sentences = tuple(
        Sentence(article.id, i, s, e, article.text[s:e]) for i, (s, e) in enumerate(spans)
    )
    return CleanArticle(article, sentences, tuple(debris))
