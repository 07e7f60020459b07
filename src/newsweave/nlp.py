"""Named-entity recognition behind one interface (spaCy en_core_web_sm by default).

PLACEHOLDER: the no-op recognizer only; the spaCy one replaces it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from .models import CleanArticle, Mention

__all__ = ["EntityRecognizer", "NoRecognizer", "annotate", "get_recognizer"]


class EntityRecognizer(Protocol):
    name: str
    version: str

    def recognize(self, texts: Sequence[str]) -> list[list[Mention]]:
        """Mentions per text, offsets relative to that text."""
        ...


class NoRecognizer:
    name = "none"
    version = "v1"

    def recognize(self, texts: Sequence[str]) -> list[list[Mention]]:
        return [[] for _ in texts]


def get_recognizer(name: str) -> EntityRecognizer:
    return NoRecognizer()


def annotate(articles: Sequence[CleanArticle], recognizer: EntityRecognizer) -> list[CleanArticle]:
    """Attach mentions (offsets into the article text) to every sentence."""
    flat = [s for a in articles for s in a.sentences]
    found = recognizer.recognize([s.text for s in flat])
    by_key = {
        (s.article_id, s.index): tuple(
            Mention(s.start + m.start, s.start + m.end, m.text, m.label) for m in ms
        )
        for s, ms in zip(flat, found, strict=True)
    }
    return [
        replace(
            a,
            sentences=tuple(
                replace(s, mentions=by_key[(s.article_id, s.index)]) for s in a.sentences
            ),
        )
        for a in articles
    ]
