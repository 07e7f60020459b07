"""Plain value objects passed between pipeline stages.

Every stage takes and returns these frozen dataclasses; none of them does I/O.
All character offsets (``start``/``end``) point into ``Article.text``, the ORIGINAL
text of the article, so that ``article.text[start:end] == evidence.text`` always holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

__all__ = [
    "Article",
    "Attribution",
    "Claim",
    "CleanArticle",
    "Component",
    "Conflict",
    "ConflictValue",
    "Copy",
    "Debris",
    "Entity",
    "Evidence",
    "Mention",
    "Provenance",
    "Quote",
    "Report",
    "Sentence",
    "Skipped",
    "SummarySentence",
    "TimelineEntry",
]


@dataclass(frozen=True)
class Article:
    """One article as read from its source.

    ``text`` is the original text every offset refers to: the file content for a
    plain-text file, the text field of a JSON record, the extracted main text of an
    HTML page or feed item.
    """

    id: str
    text: str
    outlet: str = ""
    title: str = ""
    url: str = ""
    published: datetime | None = None
    origin: str = ""
    description: str = ""
    outlet_inferred_from: str = "metadata"  # metadata|dateline|credit|site_name|domain|unknown
    language: str = ""


@dataclass(frozen=True)
class Skipped:
    """An input that was not used, with the reason (one clear line for the user)."""

    origin: str
    reason: str


@dataclass(frozen=True)
class Debris:
    """A span of the original text that is not article prose (embed, caption, link list...)."""

    start: int
    end: int
    kind: str  # social_embed|caption|credit|related_links|byline|updated_stamp|prompt|boilerplate


@dataclass(frozen=True)
class Mention:
    """A named-entity or value mention; offsets into the article's original text."""

    start: int
    end: int
    text: str
    label: str  # spaCy-style label: PERSON, ORG, GPE, LOC, NORP, FAC, DATE, TIME, CARDINAL, ...


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article; ``text == article.text[start:end]``."""

    article_id: str
    index: int
    start: int
    end: int
    text: str
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class CleanArticle:
    """An article after cleaning: its prose sentences and the debris that was set aside."""

    article: Article
    sentences: tuple[Sentence, ...]
    debris: tuple[Debris, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """A checkable citation: ``articles[article].text[start:end] == text``."""

    article: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Copy:
    """``article`` is a (near-)copy of ``copy_of``; both count as one independent source."""

    article: str
    copy_of: str
    similarity: float


@dataclass(frozen=True)
class Claim:
    """One piece of information, with every sentence that states it."""

    id: str
    text: str
    kind: str  # "shared" (2+ independent sources) | "unique" (one independent source)
    sources: tuple[str, ...]  # article ids, copies included
    independent_sources: int
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class ConflictValue:
    value: str
    normalized: str
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Conflict:
    """Two or more independent sources giving different values for the same fact."""

    id: str
    kind: str  # number|date|person|place|organisation|outcome|attribution
    what: str  # what the values are about, e.g. "number of people killed"
    values: tuple[ConflictValue, ...]
    claims: tuple[str, ...] = ()


@dataclass(frozen=True)
class Attribution:
    """Who the articles ``sources`` credit a quotation to."""

    speaker: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Quote:
    """A direct quotation, grouped across the articles that carry the same words.

    ``speaker`` is the speaker most sources credit. ``attributions`` is empty when every
    source that names a speaker names that one; otherwise it lists each speaker with the
    articles that credit the words to them (AP: "the British government", Kyodo: "Sunak").
    """

    id: str
    speaker: str  # resolved full name; "" when nobody could be resolved
    text: str
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    attributions: tuple[Attribution, ...] = ()

    def speaker_in(self, article: str) -> str:
        """The speaker that ``article`` credits the words to."""
        for a in self.attributions:
            if article in a.sources:
                return a.speaker
        return self.speaker


@dataclass(frozen=True)
class Entity:
    """A person, organisation or place with its merged name variants."""

    id: str
    name: str
    type: str  # person|organisation|place
    variants: tuple[str, ...]
    mentions: int
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class TimelineEntry:
    """A dated statement; ``date`` is ISO 8601 at the given precision."""

    id: str
    date: str
    precision: str  # year|month|day|time
    expression: str  # the words in the text that gave the date ("Wednesday", "in May")
    text: str
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class SummarySentence:
    """One extractive summary sentence; ``kind`` is agreement|unique|conflict|update."""

    text: str
    kind: str
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    claim: str = ""


@dataclass(frozen=True)
class Component:
    name: str
    version: str


@dataclass(frozen=True)
class Provenance:
    newsweave_version: str
    components: tuple[Component, ...]
    settings: dict[str, Any]
    created: str


@dataclass(frozen=True)
class Report:
    """The comparison of one story; ``report.to_dict`` gives the documented JSON."""

    title: str
    articles: tuple[CleanArticle, ...]
    claims: tuple[Claim, ...]
    conflicts: tuple[Conflict, ...]
    quotes: tuple[Quote, ...]
    entities: tuple[Entity, ...]
    timeline: tuple[TimelineEntry, ...]
    summary: tuple[SummarySentence, ...]
    copies: tuple[Copy, ...]
    provenance: Provenance
    skipped: tuple[Skipped, ...] = ()
    story_id: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    # counts that changed between reports written apart in time (not conflicts)
    updates: tuple[Conflict, ...] = ()
