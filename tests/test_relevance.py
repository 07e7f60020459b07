"""Relevance: the stretches of an article about another story (a digest's other items)."""

from __future__ import annotations

import numpy as np

from newsweave.models import Article, CleanArticle, Sentence
from newsweave.relevance import off_story


def _article(aid: str, n: int) -> CleanArticle:
    text = " ".join(f"Sentence {i} of {aid}." for i in range(n))
    sents, pos = [], 0
    for i in range(n):
        part = f"Sentence {i} of {aid}."
        start = text.index(part, pos)
        sents.append(Sentence(aid, i, start, start + len(part), part))
        pos = start + len(part)
    return CleanArticle(Article(aid, text), tuple(sents))


def _vectors(topics: list[str]) -> np.ndarray:
    """One vector per sentence: the story's direction, or another story's, with noise."""
    rng = np.random.default_rng(7)
    story, other = np.zeros(16), np.zeros(16)
    story[0], other[1] = 1.0, 1.0
    rows = [(story if t == "s" else other) + 0.1 * rng.standard_normal(16) for t in topics]
    return np.array(rows)


def test_a_digests_other_items_are_off_the_story() -> None:
    arts = [_article("a", 4), _article("b", 4), _article("c", 12)]
    # c opens with the story, then runs eight sentences of other news
    topics = ["s"] * 8 + ["s"] * 4 + ["o"] * 8
    off = off_story(arts, _vectors(topics))
    c = arts[2].sentences
    assert {(s.article_id, s.start) for s in c[6:]} <= off
    assert not off & {(s.article_id, s.start) for a in arts[:2] for s in a.sentences}
    assert not off & {(s.article_id, s.start) for s in c[:3]}


def test_one_odd_sentence_among_on_story_ones_stays() -> None:
    arts = [_article("a", 4), _article("b", 4), _article("c", 9)]
    topics = ["s"] * 8 + ["s"] * 4 + ["o"] + ["s"] * 4
    assert off_story(arts, _vectors(topics)) == frozenset()


def test_two_articles_or_none_are_left_alone() -> None:
    arts = [_article("a", 4), _article("b", 8)]
    assert off_story(arts, _vectors(["s"] * 4 + ["o"] * 8)) == frozenset()
    assert off_story([], np.zeros((0, 16))) == frozenset()
