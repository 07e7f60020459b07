"""Relevance: the stretches of an article that are about another story.

A newsletter digest ("The Morning After: the FAA grounded all US flights ... The biggest
stories you might have missed: ... Square sold Crystal Dynamics to Embracer Group"), a
roundup ("Meanwhile, the CEO of a catering firm died when his seaplane crashed") or a
page that carries its neighbours' articles is clustered with a story for the part that
is about it; the rest is about something else. Such sentences are no "detail only one
outlet has" worth a summary line.

Each sentence is compared (cosine of its embedding) with the centroid of the *other*
articles of the story, each article weighing the same; the scores are smoothed over
``WINDOW`` sentences either side, since a short on-story sentence ("Now we know why:
deleted files.") scores low on its own. A sentence is off the story when its smoothed
score falls below ``FRACTION`` of the story's 90th-percentile sentence score: relative,
so that it holds for any embedder. Stories of fewer than ``MIN_ARTICLES`` articles are
left alone (one other article is too narrow a picture of the story).

Measured (session 21, WordLlama): on the dev set, 3 summary details of 301 are off the
story, all other articles' items (two of a digest, one of a page that carried the next
article: Paul Simon's farewell tour in the Grammys story); on the 60 biggest stories of the January 2023 stream, 12, of
which 10 were other stories' news (a digest's game and exoskeleton items in the FAA
outage story, a roundup's Jenin raid in the Tyre Nichols story) and 2 on-story (a
press secretary's question-and-answer lines).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .models import CleanArticle

__all__ = ["FRACTION", "MIN_ARTICLES", "WINDOW", "off_story"]

FRACTION = 0.15
WINDOW = 2
MIN_ARTICLES = 3


def off_story(articles: Sequence[CleanArticle], vectors: np.ndarray) -> frozenset[tuple[str, int]]:
    """``(article id, sentence start)`` of the sentences that are about another story.

    ``vectors`` holds one embedding per sentence, in article then sentence order (as
    :func:`newsweave.compare.compare` encodes them).
    """
    if len(articles) < MIN_ARTICLES or len(vectors) == 0:
        return frozenset()
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit = vectors / np.maximum(norms, 1e-9)
    spans: list[tuple[int, int]] = []
    pos = 0
    for a in articles:
        spans.append((pos, pos + len(a.sentences)))
        pos += len(a.sentences)
    centroids = {k: unit[s:e].mean(axis=0) for k, (s, e) in enumerate(spans) if e > s}
    scored: list[tuple[list[tuple[str, int]], np.ndarray, np.ndarray]] = []
    for k, a in enumerate(articles):
        s, e = spans[k]
        others = [c for j, c in centroids.items() if j != k]
        if e == s or not others:
            continue
        centre = np.mean(others, axis=0)
        centre = centre / max(float(np.linalg.norm(centre)), 1e-9)
        sims = unit[s:e] @ centre
        # the mean over the window around each sentence, clipped at the article's ends
        kernel = np.ones(2 * WINDOW + 1)
        n = len(sims)
        sums = np.convolve(sims, kernel)[WINDOW : WINDOW + n]
        smooth = sums / np.convolve(np.ones(n), kernel)[WINDOW : WINDOW + n]
        keys = [(a.article.id, sent.start) for sent in a.sentences]
        scored.append((keys, sims, smooth))
    if not scored:
        return frozenset()
    threshold = FRACTION * float(np.percentile(np.concatenate([raw for _, raw, _ in scored]), 90))
    return frozenset(
        key
        for keys, _, smooth in scored
        for key, low in zip(keys, smooth < threshold, strict=True)
        if low
    )
