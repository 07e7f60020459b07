"""Compare: the pipeline that turns the articles of one story into a :class:`Report`.

Stages, each a pure function over plain dataclasses (I/O stays in ingest/store/web):
clean -> entities (NER) -> embed -> copies -> claims -> entities/quotes -> conflicts
-> timeline -> summary.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Sequence
from datetime import UTC, datetime

import numpy as np

from . import __version__
from .claims import build_claims
from .clean import clean_article
from .conflicts import counts_in, find_conflicts, find_updates, settle_by_updates, value_of
from .copies import find_copies
from .embed import get_embedder
from .entities import collect_entities
from .models import (
    Article,
    Claim,
    CleanArticle,
    Component,
    Conflict,
    Provenance,
    Report,
    Skipped,
)
from .nlp import CachedRecognizer, MentionCache, annotate, get_recognizer
from .outlets import display_title, without_dateline
from .quotes import extract_quotes
from .relevance import off_story
from .render import gist_title, shorten
from .settings import Settings
from .summarize import get_summarizer
from .timeline import build_timeline

__all__ = ["compare", "report_signature"]

# Bump the version of a stage when its behaviour changes (spacy-llm style).
STAGES = (
    # compare v2: headlines' gist; v3: site titles named by URL; v4: the report's updates
    Component("newsweave.compare", "v4"),
    # v7: "are seen"; v8: lines cut short and repeated, more credits opening captions;
    # v9: an "Updated |" stamp without its date; v10: "Continue Reading at GameSpot",
    # "View this post on Instagram", shops' buttons and price tags, "..., click here",
    # captions closed by "| Photo by X / Outlet", "See all our X coverage"; v11: a wire
    # caption closed by its place and date ("... in Hong Kong, China Feb. 9, 2021."); the
    # outlet's pitch around a subscribe prompt ("X is on Substack now! ... we ... your");
    # v12: a footer under the closing copyright line ("... transcripts are created on a
    # rush deadline ..."); a video still's caption with no full stop ("Grab from a video
    # obtained via ... shows ...", "Screenshot: ...")
    Component("newsweave.clean", "v12"),
    Component("newsweave.sentences", "v3"),  # v2: clauses; v3: run-in list items
    Component("newsweave.copies", "v3"),  # v3: an outlet carrying two wires is not one source
    # claims v8: weak links need rare words; v9: small-story support; v10: no questions;
    # v13: numbers with a unit glued on ("3.5mm", "60,000km"), "2,000 km" is no year;
    # v14: a shouted opening ("AT least two ...") is not the claim's text when another is;
    # v15: recurring news frames ("the roof collapsed" / "caved in", newsweave.frames)
    Component("newsweave.claims", "v15"),
    # conflicts v5: labels; v6: the quotes' same-words rule; v7: "were among N killed" is a
    # total, "killed after two helicopters" no count of the dead; v8: find_updates; v9: vote
    # tallies change over days, "the 218 votes necessary" is no tally; v10: reporting periods;
    # v11: "who opened an emergency shelter", not "who opened"; v12: rounds of one series;
    # v13: counts of different years, headline words after a title; v17: place aliases,
    # "since December"; v18: an update's values cut at 3-day gaps; v19: "remain in hospital",
    # "in another city"; v20: a poll's reporting verb, "aged 7, 8 and 10"; v21: counts of
    # two places neither article links (Miami / Hollywood), no name slots in Title Case;
    # v22: "the death toll ... rose to 85", "84 people, including children, were killed"
    # v23: a building or site ("St Peter's Basilica") is no rival to the place around it
    # ("the Vatican", now a country the tables know)
    # v24: updates of tolls given as bounds ("at least two" -> "at least six"), counts of
    # an earlier time ("last week", "in 2015") kept out of the story-wide pass, tolls
    # "so far", named groups of dead ("25 Taliban fighters" / "eight ISIL fighters");
    # v25: a later report's "five people trapped" does not stop "at least five dead" ->
    # "seven killed" being an update; v26: a count differing between reports an hour
    # apart in a story where it develops, rising with time, is no conflict
    Component("newsweave.conflicts", "v26"),
    # v4: one quote, several credits; v5: "he" is not whom the quotation names; v9: relative
    # clauses; v10: "targeting X says", "No 3 seed X", "X host ...:"; v11: "Ex-president says";
    # v12: "the lawyer for X said" is not X; v13: "van"/"de" in names, "says Serbian champion";
    # v14: one list of role nouns for "the lawyer for X" and "X host ...:"; v15: "said the
    # Mexican businessman", "Rock group said", "X was asked whether “…?”" / "X was described
    # as “…”" name nobody; "the authority said" after "... Authority"; "DeSantis' press
    # secretary" is not the story's press secretary; a second verb ("..., but X told ... and
    # added:") takes the subject of its own clause; "according to the Bulletin of the
    # Atomic Scientists" is that one name, not "Scientists"
    # v16: "al-Adnani" and "Adnani" are one speaker
    # v17: "led the president of Argentina to announce: “…”": the one led speaks; "the
    # department said" with no department named before is no speaker; v18: an
    # unattributed quotation joins every outlet's long enough cut of it, not only the first;
    # "described as “…” and “…”": the second is said of something too, by no one named;
    # a title of more than seven words before the name keeps the name ("House Judiciary
    # Committee Ranking Member Rep. Jim Jordan, R-Ohio, argued"); the state after a town
    # is no speaker ("The police chief of Memphis, Tennessee has described"); a former
    # holder of a title does not hold it ("former Russian President Dmitry Medvedev" is no
    # "Russian president"); "PM says" is the story's prime minister; "CJ Davis" is
    # "Cerelyn Davis", and "T.J. Watt" and "J.J. Watt" are two speakers (were one);
    # v19: straight single quotation marks (the Daily Mail's, Fox News headlines); "The
    # Williams driver" is no Williams; a one-word quotation is a title, not an utterance
    Component("newsweave.quotes", "v19"),
    # entities v6: no org as a first name; v7: "a stake in"; v8: a known city or state
    # called a person is a place, "... Industrial Estate" a place; v10: an organisation
    # named ten times as often is no person's surname; v11: "Warns Putin", "X (ABC";
    # v12: "AI", "EV", "COVID" are no entities; v13: "VP", "Reviewer", "analyst" are titles,
    # "Meloni Visits" (a headline's verb after a name), "CTO", "USB", "Wi-Fi" are no names;
    # v14: "in X case" / "in X' death" is no place cue; a Title Case headline's mention
    # loses the ordinary words run into it ("Damar Hamlin Collapses"); "Trump's Facebook"
    # is two names; a US state is a place unless the words around it say otherwise;
    # v15: "a man who gave his name as Michel" is not Michel Temer; "Lawyer Harjit" is
    # Harjit; "Karim al-Hadidi" is a name; "al-Sisi" and "el-Sissi" are one person;
    # well-known companies ("Microsoft", "Oracle") are organisations; a headline's common
    # words after a name go when the prose never writes them ("George Santos Has");
    # "the Prince of Wales" is a title naming someone, "Secretary of State X" is X;
    # "Prince Harry, the Duke of Sussex, said": the title joins the person
    # v16: an age after a name, "Ms X", "I" in its quotation, "said she": a person;
    # "X, also known as Dr Doom": a nickname joins X; "X, a research scientist at";
    # a one-word "place" that speaks and ends a person's name is their surname; "I" in
    # the quotation an attribution runs on into ("X said. “I ...”"); a country's adjective
    # tagged as a name ("Ukrainian") is the country; "Bengals" joins "Cincinnati Bengals";
    # "pope." ending the sentence before is no title; "X of the Bills, who": not the Bills;
    # shouted common words ("AGAIN", "VERY FIRST THING") are no names; a name opening two
    # model numbers ("Ryzen 7040") is a product line, no surname; a headline name gives up
    # trailing words the prose never writes ("Sam Bankman-Fried Pleads", "Mexico Detains");
    # names compare without accents ("Pelé" / "Pele"); "FC Santos" is an organisation;
    # "the House", "Congress": organisations; "his counterpart, X": a person; a nickname
    # quoted inside a name (Joaquin "El Chapo" Guzmán) joins the person; "the X is", "a X"
    # (naming nothing after it) is a thing, no person; v17: "Cape X", "Mount X", "Lake X",
    # "X St", "X Tavern", "X Hotel" are places, "X Zeitung", "X Observatory" and armed
    # groups (ISIS, "pro-ISIS", Taliban, AfD) organisations, whatever the model says; so
    # are sports teams ("Buffalo Bills") and "House of ...", "Bank of ..."; "Golden
    # Globes", "Australian Open", "Grand Slam" are events (dropped when called places);
    # v18: "iPhones", "iPad" called places are products (dropped); "Yeosu Port" a place
    Component("newsweave.entities", "v18"),
    # v7: own repeats; v8: the day in the URL; v9: "by the end of March" is ahead;
    # v10: "said on Thursday they will ..." is the past Thursday; "Tuesday, April 18th"
    # takes the year in which 18 April is a Tuesday; a question dates nothing; v11: a
    # relative date inside a quotation counts from the day the sentence says it was
    # spoken, and a future inside a quotation does not make the day outside it ahead;
    # "on June 12 last year", "in May of next year" are one expression; v12: British
    # "6.10am" is ten past six (was read as 10am)
    Component("newsweave.timeline", "v12"),
)


# The settings that change what a report says (not where it is stored or served).
_REPORT_SETTINGS = (
    "embedder",
    "ner",
    "claim_threshold",
    "copy_threshold",
    "min_claim_words",
    "summary_sentences",
    "summary_differences",
    "summarizer",
    "max_report_articles",
    "max_article_chars",
    "max_report_sentences",
)


def report_signature(settings: Settings) -> str:
    """What made a report: package and stage versions and the settings that matter. A
    cached report made under another signature is stale (the store recomputes it)."""
    chosen = {k: v for k, v in settings.as_dict().items() if k in _REPORT_SETTINGS}
    summarizer = get_summarizer(settings.summarizer)
    parts = [
        __version__,
        *(f"{c.name}={c.version}" for c in STAGES),
        f"summarizer={summarizer.name}:{summarizer.version}",
        repr(sorted(chosen.items())),
    ]
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


def compare(
    articles: Sequence[Article],
    settings: Settings | None = None,
    *,
    skipped: Sequence[Skipped] = (),
    story_id: str = "",
    timings: dict[str, float] | None = None,
    ner_cache: MentionCache | None = None,
) -> Report:
    """Compare the articles of one story: claims, conflicts, quotes, entities, timeline.

    ``timings``, if given, receives the seconds spent in each stage (for benchmarks).
    ``ner_cache``, if given, keeps the named-entity mentions of each stretch of text, so
    that comparing the story again after it gains an article runs the model only on the
    new text (:class:`newsweave.nlp.CachedRecognizer`; the store passes its own table).
    """
    settings = settings or Settings()
    clock = _Clock(timings)
    skipped = list(skipped)
    articles = _within_length(articles, settings, skipped)
    cleaned = _within_sentences([clean_article(a) for a in articles], settings, skipped)
    clock.lap("clean")
    recognizer = get_recognizer(settings.ner, settings.ner_workers)
    if ner_cache is not None:
        recognizer = CachedRecognizer(recognizer, ner_cache)
    cleaned = annotate(cleaned, recognizer)
    clock.lap("ner")
    embedder = get_embedder(settings.embedder)
    flat = [s.text for a in cleaned for s in a.sentences]
    vectors = embedder.encode(flat) if flat else np.zeros((0, 1), dtype=np.float32)
    clock.lap("embed")
    copies = find_copies(cleaned, settings)
    clock.lap("copies")
    claims = build_claims(cleaned, vectors, copies, settings)
    clock.lap("claims")
    entities = collect_entities(cleaned)
    clock.lap("entities")
    quotes = extract_quotes(cleaned, entities, copies)
    clock.lap("quotes")
    conflicts = find_conflicts(cleaned, claims, quotes, copies, settings)
    updates = find_updates(cleaned, claims, copies)
    conflicts = settle_by_updates(conflicts, updates, cleaned)
    clock.lap("conflicts")
    timeline = build_timeline(cleaned, claims)
    clock.lap("timeline")
    summarizer = get_summarizer(settings.summarizer)
    aside = off_story(cleaned, vectors)
    summary = summarizer.summarize(claims, conflicts, settings, cleaned, updates, aside)
    clock.lap("summary")
    provenance = Provenance(
        newsweave_version=__version__,
        components=(
            *STAGES,
            Component(f"embedder:{embedder.name}", embedder.version),
            Component(f"ner:{recognizer.name}", recognizer.version),
            Component(f"summarizer:{summarizer.name}", summarizer.version),
        ),
        settings=settings.as_dict(),
        created=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    return Report(
        title=_title(cleaned, claims, updates),
        articles=tuple(cleaned),
        claims=tuple(claims),
        conflicts=tuple(conflicts),
        updates=tuple(updates),
        quotes=tuple(quotes),
        entities=tuple(entities),
        timeline=tuple(timeline),
        summary=tuple(summary),
        copies=tuple(copies),
        provenance=provenance,
        skipped=tuple(skipped),
        story_id=story_id,
    )


def _name(article: Article) -> str:
    return article.origin or article.url or article.id


def _within_length(
    articles: Sequence[Article], settings: Settings, skipped: list[Skipped]
) -> list[Article]:
    """The articles short enough to be one news article; the others are named in
    ``skipped`` (a whole book or a data dump would take minutes and gigabytes)."""
    kept = []
    for a in articles:
        if why := settings.too_long(a.text):
            skipped.append(Skipped(_name(a), why))
        else:
            kept.append(a)
    return kept


def _within_sentences(
    cleaned: list[CleanArticle], settings: Settings, skipped: list[Skipped]
) -> list[CleanArticle]:
    """At most ``max_report_sentences`` sentences in all: one article per outlet first (in
    the given order), then the others, each while it fits. The memory of the comparison
    grows with the square of the sentences (about 150 bytes a pair: 1.9 GB at 3,350)."""
    limit = settings.max_report_sentences
    if sum(len(c.sentences) for c in cleaned) <= limit:
        return cleaned
    first: dict[str, CleanArticle] = {}
    for c in cleaned:
        first.setdefault(c.article.outlet or c.article.id, c)
    leads = {id(c) for c in first.values()}
    order = [*first.values(), *(c for c in cleaned if id(c) not in leads)]
    chosen: set[int] = set()
    total = 0
    for c in order:
        n = len(c.sentences)
        if total + n <= limit:
            chosen.add(id(c))
            total += n
    for c in cleaned:
        if id(c) not in chosen:
            skipped.append(
                Skipped(
                    _name(c.article),
                    f"left out of the comparison: with it the articles have more than "
                    f"{limit:,} sentences (max_report_sentences)",
                )
            )
    return [c for c in cleaned if id(c) in chosen]


class _Clock:
    def __init__(self, sink: dict[str, float] | None) -> None:
        self.sink = sink
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        if self.sink is not None:
            now = time.perf_counter()
            self.sink[stage] = self.sink.get(stage, 0.0) + now - self.last
            self.last = now


def _states_a_superseded_count(title: str, updates: Sequence[Conflict]) -> bool:
    """Does ``title`` count what an update counts, but not with its latest value? An
    earlier value ("Five dead after tram overturns" when the toll became seven), or one
    between the first and the latest ("Blast at mosque kills at least 27" when the toll
    went from 25 to 100). The headline's counts are read as conflicts reads them."""
    stated = counts_in(title)
    for u in updates:
        values = [x for x in map(value_of, u.values) if x is not None]
        mine = {n for what, n in stated if what == u.what}
        if not values or not mine or values[-1] in mine:
            continue
        if mine & set(values[:-1]) or any(min(values) <= n < values[-1] for n in mine):
            return True
    return False


_MEDIA_PAGE = re.compile(
    r"\s[–—|-]\s*(?:video|live|in pictures|podcast|audio|photos)\s*$"
    r"|\((?:video|photos|live)\)\s*$"
    r"|^\s*(?:live|live updates|live blog|watch|video|in pictures)\s*[|:–—-]\s",
    re.IGNORECASE,
)


def _title(
    cleaned: Sequence[CleanArticle], claims: Sequence[Claim], updates: Sequence[Conflict] = ()
) -> str:
    """The headline that names the story best (:func:`newsweave.render.gist_title`);
    without headlines, the best-supported lead sentence. A headline stating a count that
    later reports changed ("Five dead after tram overturns", when the toll became seven)
    gives way to the others, and so does the headline of a video page or a live blog
    ("... – video", "... – live")."""
    titles = [
        t
        for a in cleaned
        if (t := display_title(a.article.title, a.article.outlet, a.article.url, a.article.text))
    ]
    fresh = [t for t in titles if not _states_a_superseded_count(t, updates)]
    titles = fresh or titles
    # the headline of the story, not of its video page or live blog
    plain = [t for t in titles if not _MEDIA_PAGE.search(t)]
    titles = plain or titles
    if titles:
        return gist_title(titles, [a.sentences[0].text for a in cleaned if a.sentences])
    support = {(e.article, e.start): c.independent_sources for c in claims for e in c.evidence}
    leads = [a.sentences[0] for a in cleaned if a.sentences]
    if not leads:
        return "(no text)"
    best = max(leads, key=lambda s: support.get((s.article_id, s.start), 0))
    return shorten(without_dateline(best.text), 120)
