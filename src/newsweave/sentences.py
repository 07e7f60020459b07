"""Sentence splitting that keeps character offsets into the original text.

PLACEHOLDER: a naive splitter; the real one (glued boundaries, abbreviations) replaces it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["split_sentences"]

_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def split_sentences(
    text: str, regions: Sequence[tuple[int, int]] | None = None
) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences of ``text``.

    Only the given ``regions`` (kept prose, debris excluded) are split; a sentence
    never crosses a region's border. Offsets are trimmed of surrounding whitespace.
    """
    spans: list[tuple[int, int]] = []
    for rstart, rend in regions if regions is not None else [(0, len(text))]:
        pos = rstart
        chunk = text[rstart:rend]
        cuts = [m.start() + rstart for m in _BOUNDARY.finditer(chunk)] + [rend]
        for cut in cuts:
            seg = text[pos:cut]
            left = len(seg) - len(seg.lstrip())
            right = len(seg.rstrip())
            if right > left:
                spans.append((pos + left, pos + right))
            pos = cut
    return spans
