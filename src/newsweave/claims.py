"""Claims: sentences across articles that state the same information, grouped.

PLACEHOLDER: every sentence is its own claim; the aligner replaces ``build_claims``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from .models import Claim, CleanArticle, Copy, Evidence
from .settings import Settings

__all__ = ["build_claims"]


def build_claims(
    articles: Sequence[CleanArticle],
    vectors: NDArray[np.float32],
    copies: Sequence[Copy],
    settings: Settings,
) -> list[Claim]:
    """Group sentences into claims.

    ``vectors`` has one L2-normalised row per sentence, in the order of
    ``[s for a in articles for s in a.sentences]``.
    """
    claims: list[Claim] = []
    for a in articles:
        for s in a.sentences:
            ev = Evidence(a.article.id, s.start, s.end, s.text)
            claims.append(Claim(f"c{len(claims) + 1}", s.text, "unique", (a.article.id,), 1, (ev,)))
    return claims
