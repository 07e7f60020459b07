"""Timeline: dated statements ordered in time, relative dates resolved.

Each prose sentence with a date expression (see :mod:`newsweave.dates`) gives an
entry: the resolved date at its precision, the words that gave it, the sentence as
evidence. Relative dates count from the article's publication date; when an article
has none (a plain-text file), from the latest full date written in its own time stamps
(captions, embeds, datelines), else in its text; with neither, only explicit dates are
kept. Time stamps themselves never make entries: they are debris, outside the prose
sentences, and a sentence that is little more than a date is skipped too. Nor does
"since 2010": it starts a period, nothing is dated by it (but "since 1902, when they
signed the alliance" and "the highest level since 1998" date an earlier event).

Entries with the same date from sentences of the same claim (the same information in
several articles) are merged into one entry listing every source.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from .claims import asks, restatements
from .dates import DateMention, after_superlative, find_dates, first_published, reference_date
from .models import Claim, CleanArticle, Evidence, Sentence, TimelineEntry
from .quotes import quoted_spans

__all__ = ["build_timeline"]

_PRECISION_RANK = {"year": 0, "month": 1, "day": 2, "time": 3}
_SINCE = re.compile(r"since\b", re.IGNORECASE)
_WHEN = re.compile(r",?\s+when\b", re.IGNORECASE)
_MIN_OTHER_WORDS = 4  # a sentence with fewer words besides its date is a time stamp
_STAMP_WORDS = frozenset(
    [
        "a.m",
        "p.m",
        "am",
        "pm",
        "updated",
        "published",
        "posted",
        "on",
        "at",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)


@dataclass
class _Candidate:
    order: int
    sentence: Sentence
    found: DateMention
    group: str  # claim id, or a key unique to the sentence
    repeat: bool = False  # the article's repeat of another of its sentences


def _since_names_an_event(text: str, found: DateMention) -> bool:
    """ "Since 1902, when they signed the alliance", "the highest level since 1998", "the
    first strike since 2013": the date is of an earlier event, not just a period's start."""
    return bool(_WHEN.match(text, found.end)) or after_superlative(text, found.start)


def _prose_words(sentence: str, expression: str) -> int:
    """Words of ``sentence`` besides its date, times, numbers and zone codes."""
    rest = sentence.replace(expression, " ")
    return sum(
        1
        for w in rest.split()
        if any(c.islower() for c in w)
        and not any(c.isdigit() for c in w)
        and w.lower().strip(".,;:") not in _STAMP_WORDS
    )


def _dates_of(text: str, reference: date | None) -> list[DateMention]:
    """The sentence's dates; a relative one inside a quotation counts from the day the
    sentence says the words were spoken, when it names one day outside the quotation:
    "On Saturday, in an Instagram post, Jackson wrote: 'I will be performing at the Super
    Bowl tomorrow'" is Sunday, not the day after publication."""
    found = find_dates(text, reference)
    if len(found) < 2:
        return found
    spans = quoted_spans(text)
    if not spans:
        return found

    def quoted(m: DateMention) -> bool:
        return any(a <= m.start and m.end <= b for a, b in spans)

    explicit = {m.start for m in find_dates(text, None)}
    inside = [m for m in found if quoted(m) and m.start not in explicit]
    spoken = {m.first_day for m in found if not quoted(m) and m.precision in ("day", "time")}
    if not inside or len(spoken) != 1:
        return found
    again = {m.start: m for m in find_dates(text, next(iter(spoken)))}
    return [again.get(m.start, m) if m in inside else m for m in found]


def _claim_of(claims: Sequence[Claim]) -> Mapping[tuple[str, int, int], str]:
    """(article, start, end) of every evidence span -> its claim id."""
    spans: dict[tuple[str, int, int], str] = {}
    for c in claims:
        for ev in c.evidence:
            spans.setdefault((ev.article, ev.start, ev.end), c.id)
    return spans


def _sentence_claim(
    s: Sentence,
    spans: Mapping[tuple[str, int, int], str],
    by_article: Mapping[str, list[tuple[int, int, str]]],
) -> str:
    exact = spans.get((s.article_id, s.start, s.end))
    if exact:
        return exact
    # Evidence may cover part of a sentence or several: any overlap ties them.
    for start, end, claim in by_article.get(s.article_id, []):
        if start < s.end and s.start < end:
            return claim
    return f"sentence:{s.article_id}:{s.index}"


def build_timeline(
    articles: Sequence[CleanArticle], claims: Sequence[Claim]
) -> list[TimelineEntry]:
    """Dated statements, relative dates resolved against each article's publication date.

    Sorted by date (a year before its months, a month before its days, a day before its
    times), then by the order of the articles.
    """
    spans = _claim_of(claims)
    by_article: dict[str, list[tuple[int, int, str]]] = {}
    for (article, start, end), claim in spans.items():
        by_article.setdefault(article, []).append((start, end, claim))
    # An article's repeat of its own sentence is told with that sentence.
    flat = [s for a in articles for s in a.sentences]
    twin = {(flat[i].article_id, flat[i].index): flat[j] for i, j in restatements(flat).items()}
    candidates: list[_Candidate] = []
    for order, art in enumerate(articles):
        text = art.article.text
        reference = reference_date(
            first_published(art.article.published, art.article.url),
            text,
            [(d.start, d.end) for d in art.debris],
        )
        for s in art.sentences:
            if asks(s.text):
                continue  # "What is the best way to learn Docker in 2023?": no dated fact
            for found in _dates_of(s.text, reference):
                if _prose_words(s.text, found.expression) < _MIN_OTHER_WORDS:
                    continue
                if found.explicit_day and not re.search(r"[^\W\d_]", s.text[: found.start]):
                    continue  # "19/34 12 November 2017 A veteran…": a gallery caption's stamp
                if _SINCE.match(found.expression) and not _since_names_an_event(s.text, found):
                    continue  # "since 2010" starts a period: nothing happened then
                said = twin.get((s.article_id, s.index), s)
                group = _sentence_claim(said, spans, by_article)
                candidates.append(_Candidate(order, s, found, group, said is not s))
    merged: dict[tuple[str, str, str], list[_Candidate]] = {}
    for c in candidates:
        merged.setdefault((c.found.date, c.found.precision, c.group), []).append(c)
    entries: list[tuple[tuple[date, int, str, int, int], TimelineEntry]] = []
    for (iso, precision, _), members in merged.items():
        members.sort(key=lambda c: (c.order, c.repeat, c.sentence.start))
        first = members[0]
        sources = tuple(dict.fromkeys(c.sentence.article_id for c in members))
        evidence = tuple(
            dict.fromkeys(
                Evidence(c.sentence.article_id, c.sentence.start, c.sentence.end, c.sentence.text)
                for c in members
            )
        )
        entry = TimelineEntry(
            id="",
            date=iso,
            precision=precision,
            expression=first.found.expression,
            text=first.sentence.text,
            sources=sources,
            evidence=evidence,
        )
        key = (
            first.found.first_day,
            _PRECISION_RANK[precision],
            iso,
            first.order,
            first.sentence.start,
        )
        entries.append((key, entry))
    entries.sort(key=lambda kv: kv[0])
    return [
        TimelineEntry(f"t{i}", e.date, e.precision, e.expression, e.text, e.sources, e.evidence)
        for i, (_, e) in enumerate(entries, 1)
    ]
