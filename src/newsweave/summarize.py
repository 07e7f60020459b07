"""Summary: an extractive summary behind a small interface (an LLM backend can come later).

PLACEHOLDER: the first shared claims only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from .models import Claim, Conflict, SummarySentence
from .settings import Settings

__all__ = ["ExtractiveSummarizer", "Summarizer", "get_summarizer"]


class Summarizer(Protocol):
    name: str
    version: str

    def summarize(
        self, claims: Sequence[Claim], conflicts: Sequence[Conflict], settings: Settings
    ) -> list[SummarySentence]: ...


class ExtractiveSummarizer:
    name = "extractive"
    version = "v1"

    def summarize(
        self, claims: Sequence[Claim], conflicts: Sequence[Conflict], settings: Settings
    ) -> list[SummarySentence]:
        shared = [c for c in claims if c.kind == "shared"][: settings.summary_sentences]
        return [SummarySentence(c.text, "agreement", c.sources, c.evidence, c.id) for c in shared]


def get_summarizer(name: str) -> Summarizer:
    return ExtractiveSummarizer()
