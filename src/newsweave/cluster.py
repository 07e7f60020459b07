"""Online story clustering: each new article joins an existing story or starts one.

Pure: no I/O. The store feeds articles in batches and persists the index's state.

How an article is matched (few parameters, each with a reason):

* **What is read**: the title, description and body without the debris lines the
  cleaning stage finds (:func:`newsweave.clean.find_debris`: newsletter and app prompts,
  captions, credits, embedded posts, link lists). A feed that repeats "Get our morning
  and afternoon news emails, free app or daily news podcast" in every entry chained 64
  unrelated entries of the January stream into one story before.
* **Candidates** come from a dense index of story centroids (WordLlama embeddings of
  title + description + lead, ~8k texts/s): the ``top_k`` most similar stories whose time
  span lies within the horizon (below) of the article. Computed per batch as one matrix
  product, so there is no Python loop over the history.
* **Score** of a candidate: ``lexical_weight`` x TF-IDF cosine (words and capitalised
  phrases, with IDF learned online from the stream) + (1 - ``lexical_weight``) x
  embedding similarity (average linkage: the mean cosine to the story's members, which
  keeps a big, diffuse story from swallowing everything on its topic); that content score
  is then mixed with **name agreement** (weight ``entity_weight``): capitalised phrases,
  in-sentence names and numbers are a cheap stand-in for named entities, places and
  values (spaCy NER is too slow for a stream), and agreement is the smaller of the
  article's names found in the story and the story's names found in the article. Names
  keep "Japan and UK sign defence pact" apart from "Japan and Italy agree defence
  cooperation" although their embeddings are close; embeddings help when two outlets
  word the same event differently.
* **An article's time** is its publication time, except when its URL names a day
  ("/2016/11/13/...") more than two days earlier: that is the day it first appeared, and
  the later time an update or a scrape (:func:`newsweave.dates.first_published`; on the
  dev set a Grand Prix report of November 2016 is dated March 2017).
* **Time**: events happen in a window. Within ``window_days`` of the story's span (first
  to latest article) the score is untouched; beyond it, it decays as
  exp(-(gap - window) / ``decay_days``). A story that keeps developing day after day
  stays one story (the span moves with it), while the same topic months later cannot
  reach the threshold (two missile tests are two stories). Stories whose span is further
  away than ``window + decay_days x ln(1/threshold)`` days are not even candidates.
  For **full articles** (``long_words`` or more) time never lowers a score below
  ``time_floor`` (0.7) x its content score: a full text carries enough names, numbers and
  details that a very strong match months later is the same matter (a trial's verdict, a
  follow-up), while two distinct events on one topic do not come close (two court
  rulings on different laws stay apart: tests/test_cluster.py). Feed entries (a title and
  a sentence) share a topic's words as easily as an event's, so for them the decay is
  complete. On the dev set the floor raises B-cubed F1 from 0.881 to 0.917.
* The article joins the best candidate if its score reaches the threshold: ``threshold``
  for full articles (``long_words`` words or more), ``short_threshold`` for feed entries
  of a title and a sentence (``short_words`` or fewer), linear in between: short texts
  share a topic's words as much as long ones but have little else to tell two events
  apart, so they must match more closely. Otherwise it starts a new story. A new story is
  linked into the **storyline** of the best candidate when that one's content score
  (before time) is at least ``link_threshold`` within ``link_days`` (a follow-up of an
  ongoing matter: close in content, but too far in time or too different to be the
  same story).

* **Headlines**: a scraped page whose body is site boilerplate, or a feed entry of a
  headline and a line, can say little beyond its headline. So a story also keeps the
  headline words of its latest members (``max_story_titles``), and an article whose
  headline matches one of them (TF-IDF cosine over the stream's IDF) counts as joining
  even when the rest of its text does not: a headline similarity of
  ``title_threshold`` (0.4) counts as the joining threshold, higher ones as more. Only
  members published within ``title_days`` (2) of the article are compared, because the
  same headline words weeks later are a new event on that topic ("X fires missile over
  Y" twice a month). On the dev set, headline pairs within 3 days with a similarity of
  0.4 or more were all of one event (338 pairs, none of two events), and the match
  raises B-cubed F1 from 0.917 to 0.925. Stories sharing rarer headline words with the
  article are added to the candidates, so a page whose boilerplate body embeds far
  from its story is still compared with it.

  A page whose title names only its site ("ABC News", "World news - RT International":
  the scraper got the site's title and its boilerplate) takes its headline from its
  URL's slug ("russian-space-experts-regain-control-1st-angola-satellite").

  Two headlines that each name a country or region the other does not ("Magnitude 6
  earthquake strikes Turkey" / "... strikes Indonesia") never match.

* **Places** (feed entries only): a title and a line share a topic's words as easily as
  an event's, so an entry whose headline names countries that differ from those of every
  headline of a story (each side naming one the other lacks: "Japan, Italy sign defence
  pact" against "Japan, UK sign defence pact") has its score for that story multiplied
  by ``place_penalty`` (0.7). Full articles are left alone: their stories gather
  reactions from many countries (a North Korean launch, then "China opposes...", "Russia
  evacuates..."), and the same check on full articles cost 0.009 of dev-set F1.

* **Editions**: a headline that names a calendar day ("Today's Wordle #568 ... for
  Sunday, January 8th", "Mega Millions drawing for 01/13/23", "New on Netflix this
  weekend (January 13)") never joins a story most headlines of which name a day, none
  of them its own: those are the daily editions of a series, one event each, however
  alike their words. Without this rule the January 2023 stream chained a month of
  daily puzzle answers into one story of 168 entries. Headlines without a date are not
  affected, nor an event's story where few headlines name a day ("Storm hits coast on
  March 2", "Storm: 40,000 homes without power", "... March 3 update"). A numbered
  edition counts as a day ("Russia-Ukraine war: List of key events, day 339", "Wordle
  #579": a month of Al Jazeera's daily lists was one story).

* **Close calls** (long articles only): a cheap embedding (WordLlama) decides most
  joins, but near the threshold it mistakes topic neighbours for one event (two towns'
  floods in one week: tests/test_cluster.py). When an article of ``refine_words`` (300)
  words or more scores within ``refine_band`` (0.05) of the threshold for a candidate and
  a :class:`Refiner` is given (all-MiniLM-L6-v2 when it is installed: see
  ``settings.cluster_refiner``), the embedding part of that score is computed again with
  the sharper model: the article's first ``embed_chars`` characters of the refiner
  against the story's first ``refine_refs`` (5) members (the articles that founded it; a
  centroid of the refiner would need every member embedded). Only those articles are
  embedded by the slow model (a third of the dev set's articles; 8% of the first 10,000
  entries of the January 2023 stream), so full-text ingest stays above 30 articles/s.
  On the dev set B-cubed F1 goes from 0.937 to 0.951 (as high as MiniLM for every
  article), flat for bands of 0.03-0.1 and for 100-500 words; the word floor keeps the
  stream's feed entries with long descriptions out of it, which would double the
  stream's time (docs/benchmarks.md).

* **Second look**: at the end of each batch, every article that founded a story of its
  own in that batch is scored again against the stories as they now are; an article
  that arrived just before the rest of its story moves there, so the result depends
  less on the order of arrival.

* **Merges**: two entries minutes apart, worded differently ("Dozens injured in blast at
  busy mosque in Pakistan's Peshawar" / "Suicide bomber kills at least 25 after targeting
  mosque in Pakistan"), can each found a story, and the later reports then split between
  the two by wording (the January 2023 stream listed that bombing twice, with 12 and 11
  sources). At the end of each batch, a story the batch touched merges with another
  when both have three or more members, their summed embeddings have a cosine of
  ``MERGE_COSINE`` (0.8) or more, and at least half of the headlines of each (two or
  more) match a headline of the other published within ``title_days`` (the headline
  match's rule and 0.4; editions are never matched). The smaller joins the larger, and
  the store moves its articles (``merge_stories``; :meth:`StoryIndex.merged_since_last_call`
  says which). On the January stream this makes 43 merges, 38 of them right (see
  docs/benchmarks.md).

Defaults were chosen on the dev set (full articles, 2013-2018) and the fictional demo
corpus, checked against fictional feed entries in tests/test_cluster.py; see
docs/benchmarks.md for the scores and for what the time decay costs on the dev set.

Copies (wire stories republished by several sites) are found among the members of the
story the article joins, by MinHash signatures of word shingles (see :func:`signature`).
"""

from __future__ import annotations

import functools
import math
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, KeysView, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
from numpy.typing import NDArray

from .clean import find_debris
from .dates import calendar_days, first_published
from .entities import places_in
from .models import Article
from .outlets import names_only_site, url_headline

__all__ = [
    "Assignment",
    "ClusterParams",
    "Features",
    "Refiner",
    "StoryIndex",
    "StoryState",
    "article_signature",
    "copy_similarity",
    "embed_text",
    "featurize",
    "key_terms",
    "signature",
    "title_case",
]

Vector = NDArray[np.float32]

# Words that are capitalised at the start of sentences or in headlines without naming
# anything; they must not count as entities.
_STOP_WORDS = """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves says said say new news may might must one two three first last year
    years day days week weeks time times us mr mrs ms dr get got make made via amid after
    over back still says just like told tells report reports latest live update updates
    photo photos video watch read more here how what why who when monday tuesday wednesday
    thursday friday saturday sunday today yesterday tomorrow s t january february march
    april june july august september october november december jan feb mar apr jun jul
    aug sep sept oct nov dec"""
_STOP = frozenset(_STOP_WORDS.split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|\d[\d,.]*\d|\d")
_CAPS = re.compile(r"\b[A-Z][A-Za-z'’\-]*(?:\s+(?:of\s+|de\s+|al-)?[A-Z][A-Za-z'’\-]*)*")

SECONDS_PER_DAY = 86400.0


# (time, outlet, headline words) of a story member, for the headline match
Headline = tuple[float, str, dict[str, float]]


@dataclass(frozen=True)
class ClusterParams:
    """The knobs of the clustering (see the module docstring for what each one does)."""

    threshold: float = 0.25
    window_days: float = 3.0
    decay_days: float = 60.0
    lexical_weight: float = 0.5
    entity_weight: float = 0.4
    short_threshold: float = 0.4
    short_words: int = 60
    long_words: int = 100
    top_k: int = 12
    link_threshold: float = 0.35
    link_days: float = 60.0
    embed_lead_words: int = 120
    # Characters of title + lead embedded (600 for MiniLM: see store.cluster_params)
    embed_chars: int = 1200
    max_story_terms: int = 300
    linkage: str = "average"
    retry_singletons: bool = True
    # Full articles only: time lowers a score to at most this share, never below it
    # (see "Time" in the module docstring).
    time_floor: float = 0.7
    # Headline match (see "Headlines" in the module docstring); 0 turns it off.
    title_threshold: float = 0.4
    title_days: float = 2.0
    max_story_titles: int = 40
    # Feed entries only: the score's factor when the headline's countries differ from
    # those of every headline of the story (see "Places").
    place_penalty: float = 0.7
    # Merge two stories that grew side by side (see "Merges"); False keeps every story
    # apart once founded.
    merge_stories: bool = True
    # Close calls (see "Close calls"): the score of an article of ``refine_words`` words or
    # more within this distance of the threshold is computed again with the refiner's
    # embedding against the story's first ``refine_refs`` members; 0 turns it off.
    refine_band: float = 0.05
    refine_refs: int = 5
    refine_words: int = 300


@dataclass(frozen=True)
class Features:
    """What the clustering needs from one article (computed once, stored with it)."""

    article_id: str
    vector: Vector  # L2-normalised embedding of title + description + lead
    terms: dict[str, float]  # sublinear term weights (words + capitalised phrases)
    time: float | None  # days since the Unix epoch (UTC), None when unknown
    sig: NDArray[np.uint32]  # MinHash signature of word shingles (copy detection)
    outlet: str = ""
    words: int = 0  # words of text compared (title + description + body)
    title_terms: dict[str, float] = field(default_factory=dict)  # unit-length headline words
    # title + lead as embedded (before the embedder's cut): what a Refiner embeds
    embed_text: str = ""


@dataclass(frozen=True)
class Assignment:
    """Where one article went: its story, whether the story is new, the score."""

    article_id: str
    story_id: str
    created: bool
    score: float
    storyline: str | None = None


@dataclass
class StoryState:
    """The clustering's view of one story (persisted by the store)."""

    id: str
    vec_sum: Vector
    count: int
    start: float
    end: float
    terms: Counter[str] = field(default_factory=Counter)
    storyline: str | None = None
    # (time, headline words) of the latest members, for the headline match
    titles: list[Headline] = field(default_factory=list)
    # the first members' article ids (at most ``refine_refs``), for close calls
    refs: list[str] = field(default_factory=list)


def _tokens(text: str) -> list[str]:
    return [w for w in (m.lower() for m in _WORD.findall(text)) if w not in _STOP]


# A headline's first word is a name when it is listed with another ("Italy, Japan
# pledge...", "Japan and Italy agree...", "Japan's premier...").
_LISTED = re.compile(r",|\s+(?:and|&)\s+[A-Z]|['’]s\b")


def _inside_sentence(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" \t\"'“‘(")
    return bool(before) and before[-1] not in ".!?:\n"


def key_terms(text: str) -> list[str]:
    """Capitalised phrases and numbers: a cheap stand-in for named entities and values.

    Multi-word names ("Supreme Court", "Kim Jong Un") are kept whole, lower-cased, so
    that two stories about different countries or people do not share them. A single
    capitalised word counts only inside a sentence (not after . ! ? or a line break),
    where capitals mark names rather than sentence starts, or at the start when it is
    listed with another name ("Italy, Japan pledge...").
    """
    out: list[str] = []
    for m in _CAPS.finditer(text):
        words = [w for w in m.group(0).split() if w.lower() not in _STOP]
        if not words:
            continue
        if len(words) > 1:
            out.append("_".join(w.lower() for w in words))
        elif len(words[0]) > 2 and (
            _inside_sentence(text, m.start()) or _LISTED.match(text, m.end())
        ):
            out.append(words[0].lower())
    out.extend(n for n in re.findall(r"\b\d[\d,.]*\d\b", text) if len(n) >= 2)
    return out


BODY_WEIGHT = 1.0


def title_case(title: str) -> bool:
    """Whether a headline capitalises (nearly) every word ("North Korea Fires Missile")."""
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’\-]*", title) if w.lower() not in _STOP]
    if len(words) < 3:
        return False
    return sum(1 for w in words if w[0].isupper()) >= 0.8 * len(words)


@functools.lru_cache(maxsize=65536)
def _headline_places(words: tuple[str, ...]) -> frozenset[str]:
    return places_in(words)


def _places_conflict(a: frozenset[str], b: frozenset[str]) -> bool:
    """Each names a country or region the other does not (UK vs Italy; not UK vs UK+Japan)."""
    return bool(a - b) and bool(b - a)


@dataclass(frozen=True)
class _ArticleView:
    """An article's side of every comparison, IDF-weighted once per batch."""

    article_id: str
    rows: list[tuple[str, float, float, bool]]  # (term, weight x IDF, IDF, is a name)
    norm_sq: float
    names: float  # IDF-weighted mass of its names
    headline: dict[str, float]  # headline words x IDF
    headline_norm: float
    places: frozenset[str]  # countries and regions its headline names

    @classmethod
    def of(cls, f: Features, idf: Callable[[str], float]) -> _ArticleView:
        rows = [(t, w * idf(t), idf(t), t[0] == "#") for t, w in f.terms.items()]
        headline = {w: x * idf(w) for w, x in f.title_terms.items()}
        return cls(
            article_id=f.article_id,
            rows=rows,
            norm_sq=sum(r[1] * r[1] for r in rows),
            names=sum(r[1] for r in rows if r[3]),
            headline=headline,
            headline_norm=math.sqrt(sum(v * v for v in headline.values())),
            places=_headline_places(tuple(f.title_terms)),
        )


DATE_KEY = "@"  # headline words starting with it are the calendar dates the headline names
MERGE_SHARE = 0.5  # of each story's headlines matching the other's, for a merge
MERGE_TITLE = 0.4  # the headline similarity that counts as a match for a merge
MERGE_MIN_MEMBERS = 3  # stories smaller than this are left to the second look
MERGE_MIN_MATCHES = 2  # matching headlines each side, at least
MERGE_CANDIDATES = 5  # stories looked at per touched story (those sharing its rarer words)
# The cosine of the two stories' summed embeddings, at least: on the January stream, of
# 59 merges the headline rule alone made, 13 joined topic neighbours ("Google phone bug"
# / "DOJ sues Google"; two Netflix lists), 11 of them below 0.8; 10 right ones are lost.
MERGE_COSINE = 0.8


# A numbered edition of a series: "List of key events, day 339", "Wordle #579".
_EDITION_NUMBER = re.compile(r"\bday (\d{1,4})\b|#(\d{2,5})\b", re.IGNORECASE)


def headline_dates(title: str) -> set[str]:
    """The calendar days a headline names (:func:`newsweave.dates.calendar_days`), as
    ``"@M-D"`` ("January 8th" -> ``"@1-8"``), and the numbered edition it names, as
    ``"@#N"`` ("day 339", "#579")."""
    days = {f"{DATE_KEY}{month}-{day}" for month, day in calendar_days(title)}
    days.update(f"{DATE_KEY}#{m.group(1) or m.group(2)}" for m in _EDITION_NUMBER.finditer(title))
    return days


def _title_weights(title: str) -> dict[str, float]:
    """The headline's words (no stop words), unit length: what the headline match compares.

    The calendar days it names ride along as weight-0 keys (:func:`headline_dates`): they
    add nothing to a similarity and only serve the editions rule.
    """
    counts = Counter(_tokens(title))
    if not counts:
        return {}
    norm = math.sqrt(sum(c * c for c in counts.values()))
    out = {t: c / norm for t, c in counts.items()}
    out.update(dict.fromkeys(headline_dates(title), 0.0))
    return out


def _term_weights(title: str, lead: str, body: str) -> dict[str, float]:
    counts: defaultdict[str, float] = defaultdict(float)
    # The title and lead say what the event is; the body adds detail and debris.
    for t in _tokens(title):
        counts[t] += 2.0
    for t in _tokens(lead):
        counts[t] += 1.0
    for t in _tokens(body):
        counts[t] += BODY_WEIGHT
    # A Title Case headline capitalises every word: its capitals mark no names.
    for t in key_terms((title + "\n" if not title_case(title) else "") + lead):
        counts["#" + t] += 1.0
    for t in key_terms(body):
        counts["#" + t] += 1.0
    weights = {t: 1.0 + math.log(c) if c >= 1 else c for t, c in counts.items()}
    # Unit length, so that a long article weighs as much as a short one in its story.
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {t: w / norm for t, w in weights.items()}


_PERMS = 64
# One 64-bit seed per permutation; each shingle's 64-bit hash is xored with it and mixed
# (splitmix64's finaliser), so the 64 minima are independent. (Until cluster v8 the
# permutations were a*h+b mod 2^61-1 over 32-bit hashes with a < 2^31: the products
# wrapped at most four times, nearly every permutation kept the same smallest hash, and
# two feed entries sharing one shingle looked 70% alike.)
_SEEDS = np.random.default_rng(20230111).integers(0, 1 << 63, size=_PERMS, dtype=np.uint64)


def _mix64(z: NDArray[np.uint64]) -> NDArray[np.uint64]:
    z = z + np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    out: NDArray[np.uint64] = z ^ (z >> np.uint64(31))
    return out


def signature(text: str) -> NDArray[np.uint32]:
    """MinHash signature (64 values) of the word shingles of ``text``.

    Shingles are 5 words for texts over 60 words, 3 words for feed entries, so small
    edits of a short description still leave most shingles intact. The share of equal
    values of two signatures estimates the Jaccard similarity of their shingle sets
    (standard error about 0.06).
    """
    words = re.findall(r"\w+", text.lower())
    n = 5 if len(words) > 60 else 3
    if len(words) < n:
        shingles = {" ".join(words)} if words else {""}
    else:
        shingles = {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}
    hashes = np.fromiter(
        (zlib.crc32(b) | (zlib.crc32(b, 0x5BD1E995) << 32) for b in (x.encode() for x in shingles)),
        dtype=np.uint64,
        count=len(shingles),
    )
    with np.errstate(over="ignore"):
        mixed = _mix64(hashes[None, :] ^ _SEEDS[:, None])
    sig: NDArray[np.uint32] = (mixed.min(axis=1) >> np.uint64(32)).astype(np.uint32)
    return sig


def article_signature(article: Article, params: ClusterParams | None = None) -> NDArray[np.uint32]:
    """The copy-detection signature of an article: of the text the clusterer reads."""
    params = params or ClusterParams()
    title, lead, rest = _lead(article, params.embed_lead_words)
    return signature(" ".join(p for p in (title, lead, rest) if p))


def copy_similarity(sig: NDArray[np.uint32], others: NDArray[np.uint32]) -> NDArray[np.float64]:
    """Estimated Jaccard similarity of one signature with each row of ``others``."""
    if others.size == 0:
        return np.zeros(0)
    out: NDArray[np.float64] = (others == sig[None, :]).mean(axis=1)
    return out


def _time_days(published: datetime | None) -> float | None:
    if published is None:
        return None
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return published.timestamp() / SECONDS_PER_DAY


# Feed aggregators wrap every entry in the same metadata ("Article URL: ... Comments
# URL: ... Points: 3", "submitted by /u/x [link] [comments]"); it says nothing about the
# event and would pull all of that feed's entries into one story.
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.I)
_AGGREGATOR = re.compile(
    r"(?:#\s*)?\b(?:Article URL|Comments URL|Points|Comments)\s*:\s*\d*"
    r"|submitted by\s+/?u/\S+|\[(?:link|comments)\]",
    re.I,
)


def _clean(text: str) -> str:
    return " ".join(_AGGREGATOR.sub(" ", _URL.sub(" ", text)).split())


# A one-line text worth the cleaning's look: a feed entry whose description is a photo's
# caption and credit ("... in Davos, on Jan. 16, 2023. (AP Photo/Markus Schreiber)"), which
# another entry of the same outlet reuses for another story.
_CREDIT_HINT = re.compile(r"\b(?:Photo|Image|Getty|Reuters|AFP|Credit)\b|©")


def _without_debris(text: str) -> str:
    """``text`` without the debris lines the cleaning stage finds in it (newsletter and
    app prompts, captions, credits, embedded posts, link lists): a feed that repeats
    "Get our morning and afternoon news emails, free app or daily news podcast" in every
    entry would otherwise chain all of its entries into one story. A one-line text is
    left as it is (the cleaning's line rules need lines, and it saves the time) unless
    it names a photo credit."""
    if "\n" not in text.strip() and not _CREDIT_HINT.search(text):
        return text
    spans = find_debris(text)
    if not spans:
        return text
    kept, pos = [], 0
    for d in sorted(spans, key=lambda d: d.start):
        if d.start > pos:
            kept.append(text[pos : d.start])
        pos = max(pos, d.end)
    kept.append(text[pos:])
    return "\n".join(kept)


def _lead(article: Article, words: int) -> tuple[str, str, str]:
    """(title, lead, rest): lead = description + the first ``words`` words of the body.

    A page whose title names only its site ("ABC News") takes its headline from its
    URL's slug (:func:`newsweave.outlets.url_headline`), when the URL has one.
    """
    title = _clean(article.title)
    if article.url and names_only_site(title, article.outlet, article.url):
        title = url_headline(article.url) or title
    description = _clean(_without_debris(article.description))
    body = article.text or ""
    # Feed entries carry "title\ndescription" as their text: do not count them twice.
    if article.title and body.startswith(article.title):
        body = body[len(article.title) :]
    if article.description and body.strip().startswith(article.description.strip()):
        body = body.strip()[len(article.description.strip()) :]
    parts = _clean(_without_debris(body)).split()
    lead = " ".join(p for p in (description, " ".join(parts[:words])) if p)
    return title, lead, " ".join(parts[words:])


def featurize(
    articles: Sequence[Article],
    encode: Callable[[Sequence[str]], Vector],
    params: ClusterParams | None = None,
) -> list[Features]:
    """Compute the clustering features of ``articles`` (one embedding call per batch)."""
    params = params or ClusterParams()
    leads = [_lead(a, params.embed_lead_words) for a in articles]
    texts = [
        _embed_text(a, title, lead) for a, (title, lead, _) in zip(articles, leads, strict=True)
    ]
    cut = [t[: params.embed_chars] for t in texts]
    vectors = encode(cut) if cut else np.zeros((0, 1), dtype=np.float32)
    out = []
    for a, (title, lead, rest), v, text in zip(articles, leads, vectors, texts, strict=True):
        full = " ".join(p for p in (title, lead, rest) if p)
        out.append(
            Features(
                article_id=a.id,
                vector=np.asarray(v, dtype=np.float32),
                terms=_term_weights(title, lead, rest),
                time=_time_days(first_published(a.published, a.url)),
                sig=signature(full),
                outlet=a.outlet,
                words=len(full.split()),
                title_terms=_title_weights(title),
                embed_text=text,
            )
        )
    return out


def _embed_text(a: Article, title: str, lead: str) -> str:
    return f"{title}. {lead}".strip(". ") or _clean(a.text) or a.id


def embed_text(article: Article, params: ClusterParams | None = None) -> str:
    """The text :func:`featurize` embeds for ``article`` (title + lead), before the cut to
    ``embed_chars``: what a :class:`Refiner` embeds for a stored article."""
    params = params or ClusterParams()
    title, lead, _ = _lead(article, params.embed_lead_words)
    return _embed_text(article, title, lead)


class Refiner:
    """A second, sharper embedding, asked only about close calls (see "Close calls").

    ``encode`` embeds texts (L2-normalised rows) cut to ``chars`` characters;
    ``texts_of(ids)`` returns the :func:`embed_text` of stored articles (the store reads
    them; an article of the batch being placed brings its own). Vectors are cached by
    text, so an edited article is embedded again.
    """

    def __init__(
        self,
        encode: Callable[[Sequence[str]], Vector],
        texts_of: Callable[[Sequence[str]], dict[str, str]],
        *,
        chars: int = 600,
        cache_size: int = 50_000,
    ) -> None:
        self.encode = encode
        self.texts_of = texts_of
        self.chars = chars
        self.cache_size = cache_size
        self._vectors: dict[str, Vector] = {}  # text -> vector, oldest first
        self._batch: dict[str, str] = {}  # article id -> text, for the batch being placed
        self.calls = 0
        self.embedded = 0

    def start_batch(self, feats: Sequence[Features]) -> None:
        self._batch = {f.article_id: f.embed_text for f in feats}

    def cosine(self, article: Features, refs: Sequence[str]) -> float | None:
        """Mean cosine of ``article`` to the articles ``refs`` (None without texts)."""
        known = {r: self._batch[r] for r in refs if r in self._batch}
        missing = [r for r in refs if r not in known]
        if missing:
            known.update(self.texts_of(missing))
        mine = article.embed_text
        others = [known[r][: self.chars] for r in dict.fromkeys(refs) if known.get(r)]
        if not mine or not others:
            return None
        self.calls += 1
        vecs = self._embed([mine[: self.chars], *others])
        return float(np.mean(vecs[1:] @ vecs[0]))

    def _embed(self, texts: Sequence[str]) -> Vector:
        todo = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if todo:
            self.embedded += len(todo)
            # One text per call (as fast on 2 cores): a text's vector must not depend on
            # its batch mates, or a resumed ingest, whose cache starts empty, could decide
            # a close call differently.
            for t in todo:
                self._vectors[t] = np.asarray(self.encode([t])[0], dtype=np.float32)
            while len(self._vectors) > self.cache_size:
                del self._vectors[next(iter(self._vectors))]
        return np.stack([self._vectors[t] for t in texts])


def _headline_cosine(
    weighted: dict[str, float], norm: float, other: dict[str, float], idf: Callable[[str], float]
) -> tuple[float, int]:
    """(TF-IDF cosine, words in common) of an IDF-weighted headline of norm ``norm`` and a
    stored one (unit-length word weights)."""
    num = nb = 0.0
    common = 0
    for w, x in other.items():
        y = x * idf(w)
        nb += y * y
        a = weighted.get(w)
        if a:
            num += a * y
            common += 1
    if num <= 0 or norm <= 0 or nb <= 0:
        return 0.0, common
    return num / (norm * math.sqrt(nb)), common


class StoryIndex:
    """The stories seen so far: centroids, time spans, term profiles, document frequencies.

    ``assign`` places a batch of articles; the index is updated in place. The caller
    (the store) persists :class:`StoryState` of the touched stories and the document
    frequencies, and rebuilds the index from them with :meth:`load`.
    """

    def __init__(
        self, dim: int, params: ClusterParams | None = None, refiner: Refiner | None = None
    ) -> None:
        self.params = params or ClusterParams()
        self.dim = dim
        # the sharper embedding for close calls (see "Close calls"); None: no second look
        self.refiner = refiner
        self.ids: list[str] = []
        self.pos: dict[str, int] = {}
        self._vec = np.zeros((64, dim), dtype=np.float32)
        self._count = np.zeros(64, dtype=np.int64)
        self._start = np.zeros(64, dtype=np.float64)
        self._end = np.zeros(64, dtype=np.float64)
        self.terms: list[Counter[str]] = []
        self.storyline: list[str | None] = []
        self.titles: list[list[Headline]] = []
        self.refs: list[list[str]] = []
        # headline word -> {story id: latest time}: candidates for the headline match
        self._by_title: defaultdict[str, dict[str, float]] = defaultdict(dict)
        self.df: Counter[str] = Counter()
        self.docs = 0
        self.latest: float | None = None
        self._linked: list[str] = []
        self._merged: list[tuple[str, str]] = []  # (absorbed story, the story it joined)
        # IDF changes little within a batch: cache it (and story norms) per batch.
        self._idf_cache: dict[str, float] = {}
        self._norm_cache: dict[int, float] = {}
        self._names_cache: dict[int, float] = {}  # IDF-weighted mass of a story's names
        # the article being placed, weighed once for all its candidate stories
        self._view: _ArticleView | None = None

    # -- state -----------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.ids)

    def load(self, stories: Iterable[StoryState], df: dict[str, int], docs: int) -> None:
        """Fill the index from persisted state."""
        for s in stories:
            self._put(s)
        self.df.update(df)
        self.docs = docs

    def state(self, story_id: str) -> StoryState:
        i = self.pos[story_id]
        return StoryState(
            id=story_id,
            vec_sum=self._vec[i].copy(),
            count=int(self._count[i]),
            start=float(self._start[i]),
            end=float(self._end[i]),
            terms=self.terms[i],
            storyline=self.storyline[i],
            titles=self.titles[i],
            refs=list(self.refs[i]),
        )

    def _put(self, s: StoryState) -> int:
        i = self.pos.get(s.id)
        if i is None:
            i = len(self.ids)
            if i >= len(self._count):
                grow = max(64, len(self._count))
                self._vec = np.vstack([self._vec, np.zeros((grow, self.dim), np.float32)])
                self._count = np.concatenate([self._count, np.zeros(grow, np.int64)])
                self._start = np.concatenate([self._start, np.zeros(grow)])
                self._end = np.concatenate([self._end, np.zeros(grow)])
            self.ids.append(s.id)
            self.pos[s.id] = i
            self.terms.append(s.terms)
            self.storyline.append(s.storyline)
            self.titles.append(s.titles)
            self.refs.append([])
        self._norm_cache.pop(i, None)
        self._vec[i] = s.vec_sum
        self._count[i] = s.count
        self._start[i] = s.start
        self._end[i] = s.end
        self.terms[i] = s.terms
        self.storyline[i] = s.storyline
        self.titles[i] = s.titles
        self.refs[i] = list(s.refs)
        for when, _outlet, words in s.titles:
            self._index_title(s.id, when, words)
        if self.latest is None or s.end > self.latest:
            self.latest = s.end
        return i

    # -- scoring ---------------------------------------------------------------
    def _idf(self, term: str) -> float:
        v = self._idf_cache.get(term)
        if v is None:
            v = math.log((self.docs + 1) / (self.df.get(term, 0) + 1)) + 1.0
            self._idf_cache[term] = v
        return v

    def _story_norm(self, i: int) -> float:
        sq = self._norm_cache.get(i)  # squared TF-IDF norm of the story profile
        if sq is None:
            idf = self._idf
            sq = names = 0.0
            for t, w in self.terms[i].items():
                x = w * idf(t)
                sq += x * x
                if t[0] == "#":
                    names += x
            self._norm_cache[i] = sq
            self._names_cache[i] = names
        return math.sqrt(sq)

    def _article(self, f: Features) -> _ArticleView:
        """The IDF-weighted side of article ``f`` (the same for every candidate story)."""
        if self._view is None or self._view.article_id != f.article_id:
            self._view = _ArticleView.of(f, self._idf)
        return self._view

    def _lexical(self, f: Features, i: int) -> tuple[float, float | None]:
        """(TF-IDF cosine with story ``i``'s profile, agreement of their key names).

        Name agreement is the smaller of two IDF-weighted shares: of the article's names
        that the story has, and of the story's names that the article has (so sharing
        "Japan" does not make a Japan-Italy article part of a Japan-UK story). None when
        the article has no names.
        """
        story = self.terms[i]
        if not story:
            return 0.0, None
        view = self._article(f)
        rows, na, names = view.rows, view.norm_sq, view.names
        num = found = found_story = 0.0
        for t, wa, x, is_name in rows:
            sw = story.get(t)
            if sw:
                num += wa * sw * x
                if is_name:
                    found += wa
                    found_story += sw * x
        nb = self._story_norm(i)
        ent: float | None = None
        if names > 0:
            story_names = self._names_cache.get(i, 0.0)
            ent = found / names
            if story_names > 0:
                ent = min(ent, found_story / story_names)
        if num <= 0 or na <= 0 or nb <= 0:
            return 0.0, ent
        return num / (math.sqrt(na) * nb), ent

    def _score(
        self, f: Features, i: int, dense: float, gap: float, t: float
    ) -> tuple[float, float]:
        """(content score before time, final score) of article ``f`` for story ``i``.

        The final score is the content score after time, raised by a headline match:
        a headline similarity of ``title_threshold`` counts as the joining threshold.
        """
        p = self.params
        if self._other_edition(f, i):
            return 0.0, 0.0
        raw, score = self._content_score(f, i, dense, gap, t)
        if (
            self.refiner is not None
            and p.refine_band > 0
            and f.words >= p.refine_words
            and abs(score - p.threshold) <= p.refine_band
            and self.refs[i]
        ):
            sharper = self.refiner.cosine(f, self.refs[i][: p.refine_refs])
            if sharper is not None:
                raw, score = self._content_score(f, i, sharper, gap, t)
        return raw, score

    def _content_score(
        self, f: Features, i: int, dense: float, gap: float, t: float
    ) -> tuple[float, float]:
        """:meth:`_score` with the embedding similarity ``dense``."""
        p = self.params
        lex, ent = self._lexical(f, i)
        raw = p.lexical_weight * lex + (1 - p.lexical_weight) * dense
        if ent is not None:
            raw = (1 - p.entity_weight) * raw + p.entity_weight * ent
        score = self._timed(raw, gap, f.words)
        if p.place_penalty < 1 and f.words < p.long_words and self._places_differ(f, i):
            score *= p.place_penalty
        if p.title_threshold > 0 and f.title_terms:
            title = self._title_match(f, i, t)
            if title > 0:
                score = max(score, self.threshold_for(f.words) * title / p.title_threshold)
        return raw, score

    def _other_edition(self, f: Features, i: int) -> bool:
        """Whether the article's headline names calendar days, most headlines of story
        ``i`` name one too, and none names the article's (see "Editions" in the module
        docstring)."""
        mine = {w for w in f.title_terms if w[0] == DATE_KEY}
        if not mine:
            return False
        theirs: set[str] = set()
        dated = 0
        for _when, _outlet, other in self.titles[i]:
            days = {w for w in other if w[0] == DATE_KEY}
            dated += bool(days)
            theirs |= days
        # Most headlines undated: an event's story, not a series of editions.
        return 2 * dated > len(self.titles[i]) and not mine & theirs

    def _places_differ(self, f: Features, i: int) -> bool:
        """Whether the article's headline names a country or region that each of story
        ``i``'s headlines naming places lacks, while naming one the article's lacks."""
        places = self._article(f).places
        if not places:
            return False
        seen = False
        for _when, _outlet, other in self.titles[i]:
            theirs = _headline_places(tuple(other))
            if not theirs:
                continue
            seen = True
            if not _places_conflict(places, theirs):
                return False
        return seen

    def _title_match(self, f: Features, i: int, t: float) -> float:
        """The best TF-IDF cosine of the article's headline with the headlines of story
        ``i``'s members published within ``title_days`` of ``t`` that share at least two
        of its words (0 when there is none).

        One shared word is a topic, not an event ("Your Monday Briefing" / "Your Tuesday
        Briefing"). The same outlet's identical headline is not compared either: outlets
        reuse series titles ("Watch live: White House press briefing") for new events
        every day. Nor are two headlines that each name a country or region the other
        does not ("Magnitude 6 earthquake strikes Turkey" / "... strikes Indonesia").
        """
        days = self.params.title_days
        if self._end[i] < t - days or self._start[i] > t + days:
            return 0.0  # no member that close in time
        view = self._article(f)
        if view.headline_norm == 0:
            return 0.0
        return self._best_headline(
            view.headline,
            view.headline_norm,
            view.places,
            f.outlet,
            f.title_terms.keys(),
            t,
            self.titles[i],
        )

    def _best_headline(
        self,
        weighted: dict[str, float],
        norm: float,
        places: frozenset[str],
        outlet: str,
        keys: KeysView[str],
        t: float,
        titles: Sequence[Headline],
        dates: frozenset[str] = frozenset(),
    ) -> float:
        """The best TF-IDF cosine of one IDF-weighted headline (of ``outlet``, at ``t``)
        with ``titles`` published within ``title_days``, under the headline match's rules
        (see :meth:`_title_match`). With ``dates`` (the calendar days the headline names),
        a headline naming other days only is another edition of a series: not compared."""
        best = 0.0
        for when, other_outlet, other in titles:
            if abs(when - t) > self.params.title_days:
                continue
            if outlet and outlet == other_outlet and other.keys() == keys:
                continue  # the outlet's series title, not the same event
            if places and _places_conflict(places, _headline_places(tuple(other))):
                continue  # "Japan, UK sign defence pact" / "Japan, Italy sign defence pact"
            if dates:
                theirs = {w for w in other if w[0] == DATE_KEY}
                if theirs and not dates & theirs:
                    continue  # two editions of a series (see "Editions")
            sim, common = _headline_cosine(weighted, norm, other, self._idf)
            if common >= 2:
                best = max(best, sim)
        return best

    def _index_title(self, sid: str, when: float, words: dict[str, float]) -> None:
        for w in words:
            if w[0] == DATE_KEY:
                continue  # no similarity, no candidate
            seen = self._by_title[w]
            if seen.get(sid, -math.inf) < when:
                seen[sid] = when

    def _prune_titles(self) -> None:
        """Forget headline words of stories not seen for a while (bounded memory)."""
        if self.latest is None or self.params.title_threshold <= 0:
            return
        cutoff = self.latest - 4 * self.params.title_days
        for w in list(self._by_title):
            seen = self._by_title[w]
            old = [sid for sid, when in seen.items() if when < cutoff or sid not in self.pos]
            for sid in old:
                del seen[sid]
            if not seen:
                del self._by_title[w]

    def _title_candidates(self, f: Features, t: float, limit: int = 5) -> list[int]:
        """Stories with a recent headline sharing the article's rarer headline words."""
        if self.params.title_threshold <= 0 or not f.title_terms:
            return []
        days = self.params.title_days
        votes: defaultdict[str, float] = defaultdict(float)
        for w, x in f.title_terms.items():
            seen = self._by_title.get(w)
            if not seen or len(seen) > 500:  # a word that common picks no story
                continue
            weight = x * self._idf(w) ** 2
            for sid, when in seen.items():
                if abs(when - t) <= days:
                    votes[sid] += weight
        best = sorted(votes.items(), key=lambda kv: -kv[1])[:limit]
        return [self.pos[sid] for sid, _ in best if sid in self.pos]

    def _gap(self, i: int, t: float) -> float:
        # Distance to the story's span, so a story that develops day after day stays one.
        return float(max(0.0, self._start[i] - t, t - self._end[i]))

    def threshold_for(self, words: int) -> float:
        """The joining threshold for an article of ``words`` words.

        Feed entries (a title and a sentence or two) share a topic's vocabulary as much as
        full articles do, but with little else to tell two events apart, so their
        similarities run higher for unrelated events: they must match more closely.
        Between ``short_words`` and ``long_words`` the threshold moves linearly.
        """
        p = self.params
        if words <= p.short_words:
            return p.short_threshold
        if words >= p.long_words:
            return p.threshold
        share = (words - p.short_words) / (p.long_words - p.short_words)
        return p.short_threshold + share * (p.threshold - p.short_threshold)

    @property
    def horizon(self) -> float:
        """Days beyond which even a perfect match of a feed entry decays below the threshold."""
        p = self.params
        return p.window_days + p.decay_days * math.log(1 / max(p.threshold, 1e-3))

    def horizon_for(self, words: int) -> float:
        """The horizon of one article: unlimited for full articles when a floor is set."""
        if words >= self.params.long_words and self.params.time_floor > 0:
            return math.inf
        return self.horizon

    def _timed(self, raw: float, gap: float, words: int) -> float:
        """The score after time: full inside the window, decaying exponentially after.

        A full article's score never drops below ``time_floor`` x its content score.
        """
        over = max(0.0, gap - self.params.window_days)
        factor = math.exp(-over / self.params.decay_days)
        if words >= self.params.long_words:
            factor = max(factor, self.params.time_floor)
        return raw * factor

    def _dense(
        self, vectors: Vector, lo: float, hi: float, horizon: float | None = None
    ) -> tuple[NDArray[np.int64], Vector]:
        """Row indices of stories within the time horizon and their centroid cosines."""
        n = len(self.ids)
        h = self.horizon if horizon is None else horizon
        mask = (self._end[:n] >= lo - h) & (self._start[:n] <= hi + h)
        rows = np.flatnonzero(mask)
        if rows.size == 0:
            return rows, np.zeros((len(vectors), 0), np.float32)
        cent = self._vec[rows]
        norms = self._norms(rows)
        sims: Vector = ((vectors @ cent.T) / norms[None, :]).astype(np.float32)
        return rows, sims

    def _norms(self, rows: NDArray[np.int64]) -> NDArray[np.float64]:
        if self.params.linkage == "average":
            return self._count[rows].astype(np.float64)
        norms: NDArray[np.float64] = np.linalg.norm(self._vec[rows], axis=1).astype(np.float64)
        norms[norms == 0] = 1.0
        return norms

    # -- assignment ------------------------------------------------------------
    def assign(
        self,
        feats: Sequence[Features],
        new_id: Callable[[str], str],
        now: float | None = None,
    ) -> list[Assignment]:
        """Place each article of the batch (in the given order) into a story.

        ``new_id(article_id)`` names a story founded by that article. Articles without a
        date are placed at the latest time seen (or ``now``, in days since the epoch).
        """
        p = self.params
        for f in feats:
            self.docs += 1
            self.df.update(f.terms.keys())
            if f.time is not None and (self.latest is None or f.time > self.latest):
                self.latest = f.time
        self._idf_cache = {}
        self._norm_cache = {}
        self._names_cache = {}
        self._view = None  # IDF changed
        self._prune_titles()
        if not feats:
            return []
        if self.refiner is not None:
            self.refiner.start_batch(feats)
        times = [f.time for f in feats]
        known = [t for t in times if t is not None]
        fallback = self.latest if self.latest is not None else (now or 0.0)
        lo = min(known) if known else fallback
        hi = max(known) if known else fallback
        vectors = np.stack([f.vector for f in feats]).astype(np.float32)
        rows, sims = self._dense(vectors, lo, hi, max(self.horizon_for(f.words) for f in feats))
        touched: dict[int, None] = {}  # stories changed or created in this batch, in order
        out: list[Assignment] = []
        for j, f in enumerate(feats):
            t = f.time if f.time is not None else fallback
            cand: dict[int, float] = {}
            if rows.size:
                k = min(p.top_k, rows.size)
                top = np.argpartition(-sims[j], k - 1)[:k]
                for r in top:
                    cand[int(rows[r])] = float(sims[j, r])
            if touched:
                idx = np.fromiter(touched, dtype=np.int64)
                cent = self._vec[idx]
                norms = self._norms(idx)
                fresh = (cent @ f.vector) / norms
                order = np.argsort(-fresh)[: p.top_k]
                for r in order:
                    cand[int(idx[r])] = float(fresh[r])
                if len(cand) > p.top_k:
                    cand = dict(sorted(cand.items(), key=lambda kv: -kv[1])[: p.top_k])
            for i in self._title_candidates(f, t):
                if i not in cand:
                    cand[i] = float(self._vec[i] @ f.vector) / float(self._norms(np.array([i]))[0])
            best, best_score = -1, -1.0
            link, link_score = -1, -1.0
            for i, dense in cand.items():
                gap = self._gap(i, t)
                if gap > self.horizon_for(f.words):
                    continue
                raw, score = self._score(f, i, dense, gap, t)
                if score > best_score:
                    best, best_score = i, score
                if gap <= p.link_days and raw > link_score:
                    link, link_score = i, raw
            if best >= 0 and best_score >= self.threshold_for(f.words):
                self._join(best, f, t)
                touched[best] = None
                out.append(
                    Assignment(
                        f.article_id, self.ids[best], False, best_score, self.storyline[best]
                    )
                )
                continue
            sid = new_id(f.article_id)
            storyline = None
            if link >= 0 and link_score >= p.link_threshold:
                storyline = self.storyline[link] or self.ids[link]
                if self.storyline[link] != storyline:
                    self.storyline[link] = storyline
                    self._linked.append(self.ids[link])
                touched[link] = None
            titles = [(t, f.outlet, f.title_terms)] if f.title_terms else []
            state = StoryState(
                sid, f.vector.copy(), 1, t, t, Counter(f.terms), storyline, titles, [f.article_id]
            )
            i = self._put(state)
            touched[i] = None
            out.append(Assignment(f.article_id, sid, True, max(best_score, 0.0), storyline))
        if p.retry_singletons:
            self._retry(feats, out, fallback)
        if p.merge_stories and p.title_threshold > 0:
            merged = self._merge_pass([a.story_id for a in out])
            if merged:
                into = dict(merged)

                def final(sid: str) -> str:
                    while sid in into:
                        sid = into[sid]
                    return sid

                out = [
                    Assignment(
                        a.article_id,
                        final(a.story_id),
                        a.created and a.story_id not in into,
                        a.score,
                        self.storyline[self.pos[final(a.story_id)]],
                    )
                    for a in out
                ]
        return out

    def _retry(self, feats: Sequence[Features], out: list[Assignment], fallback: float) -> None:
        """Give the batch's new single-article stories a second chance.

        An article that arrived before the rest of its story (in this batch) started a
        story of its own; once the others are in, it may match their story. Moving it
        there before anything is returned makes the result depend less on arrival order.
        """
        p = self.params
        todo = [
            j
            for j, a in enumerate(out)
            if a.created and not a.storyline and self._count[self.pos[a.story_id]] == 1
        ]
        if not todo:
            return
        times: list[float] = []
        for j in todo:
            tj = feats[j].time
            times.append(fallback if tj is None else tj)
        vectors = np.stack([feats[j].vector for j in todo]).astype(np.float32)
        # One matrix product for all of them; a story changed meanwhile keeps its old
        # centroid for this second look, which is deterministic and close enough.
        horizon = max(self.horizon_for(feats[j].words) for j in todo)
        rows, sims = self._dense(vectors, min(times), max(times), horizon)
        ids = [self.ids[int(r)] for r in rows]
        for n, j in enumerate(todo):
            f, t = feats[j], times[n]
            own = out[j].story_id
            best, best_score = -1, -1.0
            k = min(p.top_k + 1, rows.size)
            if k == 0:
                continue
            for r in np.argpartition(-sims[n], k - 1)[:k]:
                c = self.pos.get(ids[int(r)], -1)
                if c < 0 or ids[int(r)] == own:
                    continue
                gap = self._gap(c, t)
                if gap > self.horizon_for(f.words):
                    continue
                _, score = self._score(f, c, float(sims[n, r]), gap, t)
                if score > best_score:
                    best, best_score = c, score
            i = self.pos[own]
            if self._count[i] != 1:  # another retried article joined it meanwhile
                continue
            if best >= 0 and best_score >= self.threshold_for(f.words):
                target = self.ids[best]
                self._remove(i)
                b = self.pos[target]
                self._join(b, f, t)
                out[j] = Assignment(f.article_id, target, False, best_score, self.storyline[b])

    def _remove(self, i: int) -> None:
        """Drop story ``i`` from the index (the last row moves into its place)."""
        last = len(self.ids) - 1
        gone = self.ids[i]
        self._norm_cache.pop(i, None)
        self._names_cache.pop(i, None)
        if i != last:
            moved = self.ids[last]
            self._vec[i] = self._vec[last]
            self._count[i] = self._count[last]
            self._start[i] = self._start[last]
            self._end[i] = self._end[last]
            self.ids[i] = moved
            self.terms[i] = self.terms[last]
            self.storyline[i] = self.storyline[last]
            self.titles[i] = self.titles[last]
            self.refs[i] = self.refs[last]
            self.pos[moved] = i
            for cache in (self._norm_cache, self._names_cache):
                v = cache.pop(last, None)
                if v is not None:
                    cache[i] = v
        self.ids.pop()
        self.terms.pop()
        self.storyline.pop()
        self.titles.pop()
        self.refs.pop()
        self._vec[last] = 0
        self._count[last] = 0
        del self.pos[gone]

    def _join(self, i: int, f: Features, t: float) -> None:
        self._vec[i] += f.vector
        self._count[i] += 1
        if len(self.refs[i]) < self.params.refine_refs:
            self.refs[i].append(f.article_id)
        if f.time is not None:
            # An undated article takes a stand-in time to be matched, but it must not
            # stretch the span of the story it joins ("4 Mar - 14 Mar" for one day's event).
            self._start[i] = min(self._start[i], t)
            self._end[i] = max(self._end[i], t)
        if f.title_terms:
            self._index_title(self.ids[i], t, f.title_terms)
            titles = self.titles[i]
            titles.append((t, f.outlet, f.title_terms))
            if len(titles) > self.params.max_story_titles:
                # Keep the latest: the headline match only looks a few days around them.
                titles.sort(key=lambda x: x[0])
                del titles[: len(titles) - self.params.max_story_titles]

        terms = self.terms[i]
        sq = self._norm_cache.get(i)
        if sq is not None:
            # Update the cached norm for the added weights instead of recomputing it
            # over the whole (possibly large) profile.
            names = self._names_cache.get(i, 0.0)
            for term, w in f.terms.items():
                old = terms.get(term, 0.0)
                x = self._idf(term)
                sq += ((old + w) ** 2 - old * old) * x * x
                if term[0] == "#":
                    names += w * x
            self._norm_cache[i] = sq
            self._names_cache[i] = names
        terms.update(f.terms)
        if len(terms) > self.params.max_story_terms * 2:
            self._norm_cache.pop(i, None)
            # Keep the profile bounded: the strongest terms describe the story.
            keep = terms.most_common(self.params.max_story_terms)
            terms.clear()
            terms.update(dict(keep))

    def linked_since_last_call(self) -> list[str]:
        """Existing stories that were given a storyline since the last call."""
        out, self._linked = self._linked, []
        return out

    def merged_since_last_call(self) -> list[tuple[str, str]]:
        """(absorbed story, the story it joined) for the merges since the last call."""
        out, self._merged = self._merged, []
        return out

    # -- merges ----------------------------------------------------------------
    def _matching_share(self, i: int, j: int) -> float:
        """Share of story ``i``'s headlines that match one of story ``j``'s (the headline
        match's rules, editions never, at ``MERGE_TITLE``); 0 below ``MERGE_MIN_MATCHES``."""
        mine = [h for h in self.titles[i] if any(w[0] != DATE_KEY for w in h[2])]
        hits = 0
        for when, outlet, words in mine:
            weighted = {w: x * self._idf(w) for w, x in words.items()}
            norm = math.sqrt(sum(v * v for v in weighted.values()))
            places = _headline_places(tuple(words))
            dates = frozenset(w for w in words if w[0] == DATE_KEY)
            best = self._best_headline(
                weighted, norm, places, outlet, words.keys(), when, self.titles[j], dates
            )
            hits += best >= MERGE_TITLE
        return hits / len(mine) if hits >= MERGE_MIN_MATCHES else 0.0

    def _merge_pass(self, touched: Sequence[str]) -> list[tuple[str, str]]:
        """Merge stories that grew side by side: two entries minutes apart worded
        differently ("Dozens injured in blast at busy mosque in Pakistan's Peshawar" /
        "Suicide bomber kills at least 25 after targeting mosque in Pakistan") each found
        a story, and later reports split between them by wording. Two stories of
        ``MERGE_MIN_MEMBERS`` or more members whose summed embeddings have a cosine of
        ``MERGE_COSINE`` merge when half the headlines of each (``MERGE_SHARE``, and
        ``MERGE_MIN_MATCHES``) match a headline of the other (:meth:`_matching_share`);
        the smaller joins the larger. See "Merges" in the module docstring."""
        merged: list[tuple[str, str]] = []
        for sid in dict.fromkeys(touched):
            i = self.pos.get(sid)
            if i is None or self._count[i] < MERGE_MIN_MEMBERS:
                continue
            votes: defaultdict[str, float] = defaultdict(float)
            for when, _outlet, words in self.titles[i]:
                for w, x in words.items():
                    seen = self._by_title.get(w)
                    if not seen or len(seen) > 500 or w[0] == DATE_KEY:
                        continue
                    weight = x * self._idf(w) ** 2
                    for other, t in seen.items():
                        if other != sid and abs(t - when) <= self.params.title_days:
                            votes[other] += weight
            best = sorted(votes, key=lambda o: (-votes[o], o))[:MERGE_CANDIDATES]
            for other in best:
                j = self.pos.get(other)
                i = self.pos.get(sid)
                if i is None or j is None or self._count[j] < MERGE_MIN_MEMBERS:
                    continue
                va, vb = self._vec[i], self._vec[j]
                norms = float(np.linalg.norm(va) * np.linalg.norm(vb))
                if norms <= 0 or float(va @ vb) / norms < MERGE_COSINE:
                    continue  # their members' embeddings point different ways
                if (
                    self._matching_share(i, j) < MERGE_SHARE
                    or self._matching_share(j, i) < MERGE_SHARE
                ):
                    continue
                big, small = (i, j) if (self._count[i], -i) >= (self._count[j], -j) else (j, i)
                into, gone = self.ids[big], self.ids[small]
                self._absorb(big, small)
                merged.append((gone, into))
                if gone == sid:
                    break  # this story is gone; its members now speak for ``into``
        self._merged.extend(merged)
        return merged

    def _absorb(self, big: int, small: int) -> None:
        """Story ``small`` joins story ``big`` (then leaves the index)."""
        into, gone = self.ids[big], self.ids[small]
        self._vec[big] += self._vec[small]
        self._count[big] += self._count[small]
        self._start[big] = min(self._start[big], self._start[small])
        self._end[big] = max(self._end[big], self._end[small])
        self.terms[big].update(self.terms[small])
        if len(self.terms[big]) > self.params.max_story_terms * 2:
            keep = self.terms[big].most_common(self.params.max_story_terms)
            self.terms[big].clear()
            self.terms[big].update(dict(keep))
        titles = sorted(self.titles[big] + self.titles[small], key=lambda h: h[0])
        self.titles[big] = titles[-self.params.max_story_titles :]
        self.refs[big] = (self.refs[big] + self.refs[small])[: self.params.refine_refs]
        for when, _outlet, words in self.titles[small]:
            self._index_title(into, when, words)
        for seen in self._by_title.values():
            seen.pop(gone, None)
        if self.storyline[big] is None and self.storyline[small] not in (None, into):
            self.storyline[big] = self.storyline[small]
        for k, line in enumerate(self.storyline):
            if line == gone:
                self.storyline[k] = into
        self._norm_cache.pop(big, None)
        self._names_cache.pop(big, None)
        self._remove(small)
