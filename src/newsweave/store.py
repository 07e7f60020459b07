"""The persistent store: one SQLite file of articles, their stories and cached reports.

All SQL of newsweave lives here. One writer at a time (SQLite's lock, waited on with
``busy_timeout``), any number of readers: the file is in WAL mode, so the web app can
read while ``newsweave ingest`` writes. Schema changes are numbered migrations
(:data:`MIGRATIONS`) recorded in the ``migrations`` table. See docs/store.md.

Ingest commits one transaction per batch: a kill at any moment leaves the store as it
was after the last committed batch (no half-written story), and re-running the same
ingest is idempotent (articles are keyed by their id, the normalised URL when known).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import math
import os
import re
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .cluster import (
    SECONDS_PER_DAY,
    Assignment,
    ClusterParams,
    Features,
    Refiner,
    StoryIndex,
    StoryState,
    article_signature,
    copy_similarity,
    embed_text,
    featurize,
)
from .embed import get_embedder, refiner_name
from .errors import StoreError
from .models import Article, Mention, Skipped
from .outlets import display_title, names_only_site
from .render import gist_title, lead_title
from .settings import Settings

# Upgrading an existing store says so (the CLI prints these lines on stderr): migration 7
# recomputes every copy signature, ~30 s for 56,000 entries.
log = logging.getLogger(__name__)

__all__ = [
    "MIGRATIONS",
    "IngestStats",
    "Store",
    "StoredArticle",
    "StorySummary",
    "cluster_params",
    "export_store",
    "format_stories",
    "parse_since",
]

# Each entry is one migration, applied in order inside one transaction and recorded in
# the ``migrations`` table; never edit an applied one, append a new one.
MIGRATIONS: tuple[str, ...] = (
    # 1: articles, revisions, stories, copies, cached reports, clustering state
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        summary TEXT NOT NULL,
        t_start REAL NOT NULL,          -- days since the Unix epoch (UTC)
        t_end REAL NOT NULL,
        article_count INTEGER NOT NULL,
        source_count INTEGER NOT NULL,
        outlets TEXT NOT NULL,          -- JSON list, most articles first
        storyline TEXT,
        version INTEGER NOT NULL,       -- bumped whenever the story changes
        updated TEXT NOT NULL,          -- ISO 8601 UTC
        has_conflicts INTEGER,          -- from the cached report, NULL until computed
        search_text TEXT NOT NULL,      -- lower-cased titles, for --search
        centroid BLOB NOT NULL,         -- float32 sum of member embeddings
        terms TEXT NOT NULL             -- JSON {term: weight}: the story's lexical profile
    );
    CREATE INDEX stories_end ON stories (t_end);
    CREATE INDEX stories_storyline ON stories (storyline);
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        outlet TEXT NOT NULL,
        title TEXT NOT NULL,
        description TEXT NOT NULL,
        text TEXT NOT NULL,
        published TEXT,
        origin TEXT NOT NULL,
        language TEXT NOT NULL,
        outlet_inferred_from TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        story_id TEXT NOT NULL REFERENCES stories (id),
        sig BLOB NOT NULL,              -- MinHash signature (copy detection)
        added TEXT NOT NULL,
        updated TEXT NOT NULL
    );
    CREATE INDEX articles_story ON articles (story_id);
    CREATE INDEX articles_outlet ON articles (outlet);
    CREATE TABLE article_revisions (
        article_id TEXT NOT NULL REFERENCES articles (id),
        revision INTEGER NOT NULL,
        title TEXT NOT NULL,
        description TEXT NOT NULL,
        text TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        stored TEXT NOT NULL,
        PRIMARY KEY (article_id, revision)
    );
    CREATE TABLE copies (
        article_id TEXT NOT NULL REFERENCES articles (id),
        copy_of TEXT NOT NULL REFERENCES articles (id),
        story_id TEXT NOT NULL,
        similarity REAL NOT NULL,
        PRIMARY KEY (article_id, copy_of)
    );
    CREATE INDEX copies_story ON copies (story_id);
    CREATE INDEX copies_of ON copies (copy_of);
    CREATE TABLE story_entities (
        story_id TEXT NOT NULL REFERENCES stories (id),
        name TEXT NOT NULL,
        PRIMARY KEY (story_id, name)
    );
    CREATE INDEX story_entities_name ON story_entities (name);
    CREATE TABLE story_reports (
        story_id TEXT PRIMARY KEY REFERENCES stories (id),
        version INTEGER NOT NULL,
        report TEXT NOT NULL,
        created TEXT NOT NULL
    );
    CREATE TABLE term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
    """,
    # 2: indexes for the story list's counts and its "biggest first" order (web app)
    """
    CREATE INDEX stories_live ON stories (article_count, t_end);
    CREATE INDEX stories_size ON stories
        (source_count DESC, article_count DESC, t_end DESC, id);
    """,
    # 3: the latest members' headline words, for the clustering's headline match
    """
    ALTER TABLE stories ADD COLUMN titles TEXT NOT NULL DEFAULT '[]';
    """,
    # 4: what made a cached report (compare.report_signature): newer stages or other
    # settings make it stale
    """
    ALTER TABLE story_reports ADD COLUMN signature TEXT NOT NULL DEFAULT '';
    """,
    # 5: named-entity mentions per stretch of text (nlp.CachedRecognizer): a story's
    # report, recomputed when the story gains an article, runs NER on the new text only
    """
    CREATE TABLE ner_cache (key TEXT PRIMARY KEY, mentions TEXT NOT NULL) WITHOUT ROWID;
    """,
    # 6: where merged stories went (cluster merges): an old story id, in a link or a
    # bookmark, still leads to the story that absorbed it
    """
    CREATE TABLE story_merges (
        id TEXT PRIMARY KEY,            -- the absorbed story's id (no longer a story)
        into_id TEXT NOT NULL,          -- the story that holds its articles now
        merged TEXT NOT NULL            -- ISO 8601 UTC
    ) WITHOUT ROWID;
    CREATE INDEX story_merges_into ON story_merges (into_id);
    """,
    # 7: copy signatures of cluster v8 (the earlier MinHash permutations were correlated
    # and called feed entries sharing one phrase copies): every signature and copy link
    # is recomputed (Store._rebuild_copies, run right after this script)
    """
    DELETE FROM copies;
    UPDATE articles SET sig = X'';
    """,
    # 8: each story's first members (cluster v9's close calls compare an article with
    # them); filled from the stored articles (Store._fill_refs, run right after this)
    """
    ALTER TABLE stories ADD COLUMN refs TEXT NOT NULL DEFAULT '[]';
    """,
)
# Migrations after whose SQL a Python step rebuilds what the SQL cannot.
_REBUILD_COPIES = 7
_FILL_REFS = 8

# Store.check(): (what a non-zero count means, the query that counts it)
_CHECKS = (
    (
        "articles without a copy signature",
        "SELECT COUNT(*) FROM articles WHERE length(sig) = 0",
    ),
    (
        "merged stories that lead nowhere",
        "SELECT COUNT(*) FROM story_merges m LEFT JOIN stories s ON s.id = m.into_id "
        "WHERE s.id IS NULL",
    ),
    (
        "merged story ids that are stories again",
        "SELECT COUNT(*) FROM story_merges m JOIN stories s ON s.id = m.id",
    ),
    (
        "articles without a story",
        "SELECT COUNT(*) FROM articles a LEFT JOIN stories s ON s.id = a.story_id "
        "WHERE s.id IS NULL",
    ),
    (
        "stories without articles",
        "SELECT COUNT(*) FROM stories s WHERE NOT EXISTS "
        "(SELECT 1 FROM articles a WHERE a.story_id = s.id)",
    ),
    (
        "stories with a wrong article count",
        "SELECT COUNT(*) FROM stories s WHERE article_count != "
        "(SELECT COUNT(*) FROM articles a WHERE a.story_id = s.id)",
    ),
    (
        "articles without a revision",
        "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS "
        "(SELECT 1 FROM article_revisions r WHERE r.article_id = a.id)",
    ),
)

BATCH_SIZE = 1000
# Characters of an article read to give a slug title its capitals (see _display_title).
TITLE_CASE_CHARS = 4000
ENTITIES_PER_STORY = 6


@dataclass(frozen=True)
class StorySummary:
    """One story as listed by ``newsweave stories`` and the web app."""

    id: str
    title: str
    start: datetime | None
    end: datetime | None
    article_count: int
    source_count: int
    outlets: tuple[str, ...]
    summary: str
    has_conflicts: bool | None
    storyline: str | None
    updated: datetime


@dataclass(frozen=True)
class StoredArticle:
    """An article as stored: its latest text, its story, revisions and copies."""

    article: Article
    story_id: str | None
    revisions: int
    copies: tuple[str, ...]


@dataclass(frozen=True)
class IngestStats:
    """What one ``Store.ingest`` call did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    stories_created: int = 0
    stories_changed: int = 0


# "Similar stories": stories of the same days (within SIMILAR_DAYS of each other) whose
# centroids have a cosine of at least SIMILAR_COSINE (see Store.similar_stories).
SIMILAR_COSINE = 0.8
SIMILAR_DAYS = 2.0


def _similar_window(t0: float, t1: float, days: float) -> tuple[float, float]:
    """The days whose stories may be "similar" to a story spanning ``[t0, t1]``: around
    its last week."""
    return max(t0, t1 - 7.0) - days, t1 + days


@dataclass(frozen=True)
class CentroidIndex:
    """Stories' unit centroids with their time spans and storylines (see
    ``Store.similar_stories``)."""

    ids: NDArray[np.str_]
    t_start: NDArray[np.float64]
    t_end: NDArray[np.float64]
    storyline: NDArray[np.str_]  # "" when none
    unit: NDArray[np.float32]  # one unit-length centroid per row

    @classmethod
    def of(cls, rows: Sequence[Sequence[Any]]) -> CentroidIndex:
        dim = max((len(r[4]) // 4 for r in rows), default=0)
        rows = [r for r in rows if len(r[4]) == 4 * dim]
        vecs = (
            np.stack([np.frombuffer(r[4], dtype=np.float32) for r in rows])
            if rows
            else np.zeros((0, dim), dtype=np.float32)
        )
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        norms[norms == 0.0] = 1.0
        return cls(
            ids=np.array([r[0] for r in rows], dtype=np.str_),
            t_start=np.array([r[1] for r in rows], dtype=np.float64),
            t_end=np.array([r[2] for r in rows], dtype=np.float64),
            storyline=np.array([r[3] or "" for r in rows], dtype=np.str_),
            unit=(vecs / norms).astype(np.float32),
        )

    def similar(
        self,
        story_id: str,
        t0: float,
        t1: float,
        storyline: str | None,
        vector: NDArray[np.float32],
        limit: int,
        min_cosine: float,
        days: float,
    ) -> list[str]:
        """Ids of the stories near ``[t0, t1]`` whose centroid has a cosine of at least
        ``min_cosine`` with ``vector``, most similar first; not the story itself nor its
        storyline."""
        norm = float(np.linalg.norm(vector))
        if norm == 0.0 or not len(self.ids) or len(vector) != self.unit.shape[1]:
            return []
        lo, hi = _similar_window(t0, t1, days)
        line = storyline or story_id
        near = np.nonzero(
            (self.t_end >= lo)
            & (self.t_start <= hi)
            & (self.ids != story_id)
            & (self.ids != line)
            & (self.storyline != line)
        )[0]
        sims = self.unit[near] @ (vector / norm)
        order = np.argsort(-sims)
        return [str(self.ids[near[k]]) for k in order if sims[k] >= min_cosine][:limit]


def cluster_params(settings: Settings) -> ClusterParams:
    """Clustering parameters from the settings.

    ``cluster_threshold`` and ``cluster_window_days`` are the user's knobs.
    """
    base = ClusterParams()
    threshold = settings.cluster_threshold
    return ClusterParams(
        **{
            **base.__dict__,
            "threshold": threshold,
            # feed entries keep the same margin over full articles
            "short_threshold": min(1.0, threshold + base.short_threshold - base.threshold),
            "window_days": settings.cluster_window_days,
            "embed_chars": _EMBED_CHARS.get(settings.embedder, base.embed_chars),
        }
    )


def cluster_refiner(
    settings: Settings, texts_of: Callable[[Sequence[str]], dict[str, str]]
) -> Refiner | None:
    """The :class:`~newsweave.cluster.Refiner` of ``settings.cluster_refiner`` (None when
    there is none: "none", or "auto" without MiniLM installed). ``texts_of`` reads the
    embedded text of stored articles."""
    name = refiner_name(settings.cluster_refiner, settings.embedder)
    if name is None:
        return None
    embedder = get_embedder(name)
    chars = _EMBED_CHARS.get(name, ClusterParams().embed_chars)
    return Refiner(embedder.encode, texts_of, chars=chars)


# MiniLM's time grows with its input (WordLlama's hardly does): on the dev set, its first
# 600 characters of title + lead score B-cubed F1 0.9515 against 0.952 for 1,200, at about
# 1.7 times the speed (docs/benchmarks.md).
_EMBED_CHARS = {"minilm": 600}


def _report_selection(articles: list[Article], limit: int) -> tuple[list[Article], list[Skipped]]:
    """At most ``limit`` articles for a report: one per outlet first, then the newest.

    A runaway story of hundreds of feed entries would take minutes to compare and
    could not be read anyway; the report names what it left out.
    """
    if len(articles) <= limit:
        return articles, []
    newest_first = articles[::-1]
    ids: set[str] = set()
    outlets: set[str] = set()
    for a in newest_first:  # one article per outlet, newest first
        if len(ids) < limit and (a.outlet or a.id) not in outlets:
            outlets.add(a.outlet or a.id)
            ids.add(a.id)
    for a in newest_first:  # then fill up with the newest
        if len(ids) < limit:
            ids.add(a.id)
    keep = [a for a in articles if a.id in ids]
    left = [
        Skipped(
            a.origin or a.url or a.id, f"not compared: the report is limited to {limit} articles"
        )
        for a in articles
        if a.id not in ids
    ]
    return keep, left


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _content_hash(a: Article) -> str:
    h = hashlib.sha1()
    for part in (a.title, a.description, a.text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def _story_id(article_id: str) -> str:
    # Derived from the founding article, so re-running an ingest gives the same ids.
    return "s" + hashlib.sha1(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def _day_to_dt(days: float | None) -> datetime | None:
    if days is None or not math.isfinite(days):
        return None
    return datetime.fromtimestamp(days * SECONDS_PER_DAY, UTC)


def _parse_dt(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _entity_name(term: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in term.split("_"))


@dataclass
class _Member:
    id: str
    outlet: str
    title: str
    description: str
    time: float
    sig: np.ndarray[Any, np.dtype[np.uint32]]
    lead: bool = False  # the title is the article's first sentence (it has no title)


class Store:
    """One SQLite store file; see the module docstring and docs/store.md."""

    def __init__(self, path: str | Path, *, readonly: bool = False, create: bool = True) -> None:
        """Open (read-write: and create unless ``create`` is false) the store at ``path``."""
        self.path = Path(path).expanduser()
        self.readonly = readonly
        self._index: StoryIndex | None = None
        self._members: dict[str, list[_Member]] = {}
        self._copies: dict[str, list[tuple[str, str]]] = {}
        if (readonly or not create) and not self.path.is_file():
            raise StoreError(
                f"{self.path}: store not found (fill it with: newsweave ingest PATH...)"
            )
        if readonly and _schema_is_old(self.path) and os.access(self.path, os.W_OK):
            # A newer newsweave reading an older store: migrate it once (the migrations
            # only add), then read it as asked.
            Store(self.path).close()
        try:
            if readonly:
                uri = f"file:{self.path}?mode=ro"
                self._db = sqlite3.connect(
                    uri, uri=True, isolation_level=None, check_same_thread=False
                )
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(
                    str(self.path), isolation_level=None, check_same_thread=False
                )
            self._db.execute("PRAGMA busy_timeout = 10000")
            if not readonly:
                self._db.execute("PRAGMA journal_mode = WAL")
                self._db.execute("PRAGMA synchronous = NORMAL")
                self._migrate()
            else:
                self._check_schema()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc})") from None
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc.strerror})") from None

    @classmethod
    def open(cls, settings: Settings, *, readonly: bool = False, create: bool = True) -> Store:
        """The store at ``settings.store_path()``."""
        return cls(settings.store_path(), readonly=readonly, create=create)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ schema
    def _migrate(self) -> None:
        db = self._db
        if self._schema_complete():
            return  # up to date: no write lock (an ingest may hold it right now)
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute(
                "CREATE TABLE IF NOT EXISTS migrations (number INTEGER PRIMARY KEY, applied TEXT NOT NULL)"
            )
            done = {r[0] for r in db.execute("SELECT number FROM migrations")}
            if done and max(done) > len(MIGRATIONS):
                raise StoreError(
                    f"{self.path}: store was written by a newer newsweave (schema {max(done)})"
                )
            if done:
                log.info(
                    "upgrading the store %s from schema %d to %d",
                    self.path,
                    max(done),
                    len(MIGRATIONS),
                )
            for number, sql in enumerate(MIGRATIONS, 1):
                if number in done:
                    continue
                for statement in sql.split(";"):
                    if statement.strip():
                        db.execute(statement)
                if number == _REBUILD_COPIES and done:
                    self._rebuild_copies()
                if number == _FILL_REFS and done:
                    self._fill_refs()
                db.execute("INSERT INTO migrations VALUES (?, ?)", (number, _now_iso()))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _rebuild_copies(self) -> None:
        """Recompute every article's copy signature, every story's copy links (each
        article against the ones published before it, as an ingest finds them) and its
        count of independent sources (migration 7)."""
        db = self._db
        story_ids = [r[0] for r in db.execute("SELECT id FROM stories")]
        n = len(story_ids)
        log.info(
            "recomputing the copy links of %d stor%s (new copy detection)",
            n,
            "y" if n == 1 else "ies",
        )
        for sid in story_ids:
            rows = db.execute(
                f"SELECT {_ARTICLE_COLS}, COALESCE(julianday(published) - 2440587.5, 0) "
                "FROM articles WHERE story_id = ? ORDER BY COALESCE(published, ''), rowid",
                (sid,),
            ).fetchall()
            members: list[_Member] = []
            links: list[tuple[str, str]] = []
            for r in rows:
                a = _article(r[:-1])
                sig = article_signature(a)
                db.execute("UPDATE articles SET sig = ? WHERE id = ?", (sig.tobytes(), a.id))
                copy = _copy_of(sig, members)
                if copy is not None:
                    db.execute(
                        "INSERT OR REPLACE INTO copies VALUES (?, ?, ?, ?)",
                        (a.id, copy[0], sid, copy[1]),
                    )
                    links.append((a.id, copy[0]))
                members.append(_member(a.id, a.outlet, a.title, a.description, r[-1], sig, a.title))
            if members:
                db.execute(
                    "UPDATE stories SET source_count = ? WHERE id = ?",
                    (_independent_sources(members, links), sid),
                )
        self._members.clear()
        self._copies.clear()

    def _fill_refs(self) -> None:
        """Each story's first members, in the order they were stored (migration 8)."""
        db = self._db
        limit = ClusterParams().refine_refs
        refs: dict[str, list[str]] = {}
        for article_id, story_id in db.execute(
            "SELECT id, story_id FROM articles ORDER BY rowid"
        ).fetchall():
            first = refs.setdefault(story_id, [])
            if len(first) < limit:
                first.append(article_id)
        db.executemany(
            "UPDATE stories SET refs = ? WHERE id = ?",
            [(json.dumps(ids), sid) for sid, ids in refs.items()],
        )

    def _schema_complete(self) -> bool:
        """Whether every migration this newsweave knows, and no other, is applied."""
        return _applied(self._db) == (len(MIGRATIONS), len(MIGRATIONS))

    def _check_schema(self) -> None:
        applied = _applied(self._db)
        if applied is None:
            raise StoreError(f"{self.path}: not a newsweave store")
        if applied[1] < len(MIGRATIONS):
            raise StoreError(
                f"{self.path}: store schema is old; open it once without readonly to migrate"
            )

    def schema_version(self) -> int:
        """The number of the last applied migration."""
        return int(self._db.execute("SELECT MAX(number) FROM migrations").fetchone()[0] or 0)

    # ------------------------------------------------------------------ ingest
    def _writable(self) -> None:
        if self.readonly:
            raise StoreError(f"{self.path}: store is open read-only")

    def _load_index(self, dim: int, params: ClusterParams) -> StoryIndex:
        if self._index is not None and self._index.dim == dim and self._index.params == params:
            return self._index
        index = StoryIndex(dim, params)
        rows = self._db.execute(
            "SELECT id, centroid, article_count, t_start, t_end, terms, storyline, titles, refs "
            "FROM stories"
        )
        index.load(
            (
                StoryState(
                    id=r[0],
                    vec_sum=np.frombuffer(r[1], dtype=np.float32).copy(),
                    count=r[2],
                    start=r[3],
                    end=r[4],
                    terms=Counter(json.loads(r[5])),
                    storyline=r[6],
                    titles=[(float(w), str(o), dict(t)) for w, o, t in json.loads(r[7])],
                    refs=[str(x) for x in json.loads(r[8])],
                )
                for r in rows
            ),
            dict(self._db.execute("SELECT term, df FROM term_df")),
            int(self._meta("docs") or 0),
        )
        self._index = index
        return index

    def _embed_texts(self, ids: Sequence[str], params: ClusterParams) -> dict[str, str]:
        """What the clustering embedded of the stored articles ``ids`` (for close calls)."""
        marks = ",".join("?" * len(ids))
        return {
            r[0]: embed_text(_article(r), params)
            for r in self._db.execute(
                f"SELECT {_ARTICLE_COLS} FROM articles WHERE id IN ({marks})", list(ids)
            )
        }

    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def _display_title(self, article_id: str, title: str, outlet: str, url: str) -> str:
        """:func:`_shown_title` of a stored article; its text is read only for the rare
        article with no title or a title that names only its site."""
        if title and not (url and names_only_site(title, outlet, url)):
            return title
        row = self._db.execute(
            "SELECT substr(text, 1, ?) FROM articles WHERE id = ?", (TITLE_CASE_CHARS, article_id)
        ).fetchone()
        return _shown_title(title, outlet, url, row[0] if row else "")

    def _story_members(self, story_id: str) -> list[_Member]:
        members = self._members.get(story_id)
        if members is None:
            members = [
                _member(
                    r[0],
                    r[1],
                    r[2],
                    r[3],
                    r[4],
                    np.frombuffer(r[5], dtype=np.uint32),
                    self._display_title(r[0], r[2], r[1], r[6]),
                )
                for r in self._db.execute(
                    "SELECT id, outlet, title, description, "
                    "COALESCE(julianday(published) - 2440587.5, 0), sig, url "
                    "FROM articles WHERE story_id = ?",
                    (story_id,),
                )
            ]
            self._members[story_id] = members
            self._copies[story_id] = [
                (r[0], r[1])
                for r in self._db.execute(
                    "SELECT article_id, copy_of FROM copies WHERE story_id = ?", (story_id,)
                )
            ]
        return members

    def ingest(
        self,
        articles: Iterable[Article],
        settings: Settings,
        *,
        progress: Callable[[int], None] | None = None,
        batch_size: int = BATCH_SIZE,
    ) -> IngestStats:
        """Add articles (idempotent), assign each to a story, commit batch by batch.

        An article whose id is already stored with the same text is left alone; with
        changed text it is an update: the new text replaces the old one, the old one is
        kept as a revision and the story's cached report becomes stale. ``progress`` is
        called with the number of articles handled so far after each committed batch.
        """
        self._writable()
        embedder = get_embedder(settings.embedder)
        params = cluster_params(settings)
        refiner = cluster_refiner(settings, functools.partial(self._embed_texts, params=params))
        total = IngestStats()
        done = 0
        for batch in _batches(articles, batch_size):
            try:
                stats = self._ingest_batch(batch, embedder.encode, embedder.dim, params, refiner)
            except BaseException:
                # The transaction was rolled back: forget in-memory state that may
                # include the lost batch, it is rebuilt from the file on next use.
                self._index = None
                self._members.clear()
                self._copies.clear()
                raise
            total = IngestStats(
                *(a + b for a, b in zip(_fields(total), _fields(stats), strict=True))
            )
            done += len(batch)
            if progress is not None:
                progress(done)
        return total

    def _ingest_batch(
        self,
        batch: Sequence[Article],
        encode: Callable[[Sequence[str]], Any],
        dim: int,
        params: ClusterParams,
        refiner: Refiner | None = None,
    ) -> IngestStats:
        db = self._db
        unique: dict[str, Article] = {}
        for a in batch:
            unique[a.id] = a  # the last version in a batch wins, as if ingested in order
        index = self._load_index(dim, params)
        index.refiner = refiner
        now = _now_iso()
        db.execute("BEGIN IMMEDIATE")
        try:
            existing: dict[str, tuple[str, str]] = {}
            ids = list(unique)
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                marks = ",".join("?" * len(chunk))
                for r in db.execute(
                    f"SELECT id, content_hash, story_id FROM articles WHERE id IN ({marks})", chunk
                ):
                    existing[r[0]] = (r[1], r[2])
            new: list[Article] = []
            unchanged = updated = 0
            changed_stories: dict[str, None] = {}
            for a in unique.values():
                h = _content_hash(a)
                old = existing.get(a.id)
                if old is None:
                    new.append(a)
                elif old[0] == h:
                    unchanged += 1
                else:
                    self._update_article(a, h, old[1], now)
                    changed_stories[old[1]] = None
                    updated += 1
            # Feed in order of publication inside the batch (the stream is mostly sorted).
            new.sort(key=lambda a: a.published.timestamp() if a.published else math.inf)
            feats = featurize(new, encode, params)
            assignments = index.assign(feats, _story_id, now=time.time() / SECONDS_PER_DAY)
            created = self._write_new(new, feats, assignments, now)
            for asg in assignments:
                changed_stories[asg.story_id] = None
            self._apply_merges(index.merged_since_last_call(), changed_stories)
            for sid in index.linked_since_last_call():
                changed_stories[sid] = None
            self._write_stories(index, list(changed_stories), now)
            self._write_df(feats)
            db.execute(
                "INSERT INTO meta VALUES ('docs', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (str(index.docs),),
            )
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        return IngestStats(
            added=len(new),
            updated=updated,
            unchanged=unchanged,
            skipped=0,
            stories_created=created,
            stories_changed=len(changed_stories) - created,
        )

    def _apply_merges(
        self, merges: Sequence[tuple[str, str]], changed_stories: dict[str, None]
    ) -> None:
        """Move the articles of each absorbed story to the story it joined (see "Merges"
        in :mod:`newsweave.cluster`), inside the batch's transaction. The absorbed story's
        id is no story any more: its row, entities and cached report are deleted,
        storylines that pointed to it point to the story it joined, and ``story_merges``
        remembers where it went (:meth:`resolve`)."""
        db = self._db
        for gone, into in merges:
            db.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", (into, gone))
            db.execute("UPDATE copies SET story_id = ? WHERE story_id = ?", (into, gone))
            db.execute("UPDATE stories SET storyline = ? WHERE storyline = ?", (into, gone))
            db.execute("DELETE FROM story_entities WHERE story_id = ?", (gone,))
            db.execute("DELETE FROM story_reports WHERE story_id = ?", (gone,))
            db.execute("DELETE FROM stories WHERE id = ?", (gone,))
            # Earlier merges into the absorbed story now lead to its new home too.
            db.execute("UPDATE story_merges SET into_id = ? WHERE into_id = ?", (into, gone))
            db.execute(
                "INSERT OR REPLACE INTO story_merges VALUES (?, ?, ?)",
                (gone, into, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            for cache in (self._members, self._copies):
                cache.pop(gone, None)
                cache.pop(into, None)
            changed_stories.pop(gone, None)
            changed_stories[into] = None

    def _update_article(self, a: Article, h: str, story_id: str, now: str) -> None:
        db = self._db
        count = db.execute(
            "SELECT COUNT(*) FROM article_revisions WHERE article_id = ?", (a.id,)
        ).fetchone()[0]
        db.execute(
            "INSERT INTO article_revisions VALUES (?, ?, ?, ?, ?, ?, ?)",
            (a.id, count + 1, a.title, a.description, a.text, h, now),
        )
        db.execute(
            "UPDATE articles SET title = ?, description = ?, text = ?, content_hash = ?, "
            "url = ?, outlet = COALESCE(NULLIF(?, ''), outlet), "
            "published = COALESCE(?, published), updated = ? WHERE id = ?",
            (
                a.title,
                a.description,
                a.text,
                h,
                a.url,
                a.outlet,
                a.published.isoformat() if a.published else None,
                now,
                a.id,
            ),
        )
        for m in self._members.get(story_id, []):
            if m.id == a.id:
                m.title, m.description = a.title, a.description

    def _write_new(
        self,
        new: Sequence[Article],
        feats: Sequence[Features],
        assignments: Sequence[Assignment],
        now: str,
    ) -> int:
        db = self._db
        created = 0
        rows = []
        revs = []
        copies = []
        # New stories first: an article placed by the clustering's second look may come
        # before the article that founded its story.
        for asg in assignments:
            if asg.created:
                created += 1
                self._members[asg.story_id] = []
                self._copies[asg.story_id] = []
        for a, f, asg in zip(new, feats, assignments, strict=True):
            members = self._story_members(asg.story_id)
            copy = _copy_of(f.sig, members)
            if copy is not None:
                copies.append((a.id, copy[0], asg.story_id, copy[1]))
                self._copies[asg.story_id].append((a.id, copy[0]))
            t = f.time if f.time is not None else time.time() / SECONDS_PER_DAY
            shown = _shown_title(a.title, a.outlet, a.url, a.text[:TITLE_CASE_CHARS])
            members.append(_member(a.id, a.outlet, a.title, a.description, t, f.sig, shown))
            h = _content_hash(a)
            rows.append(
                (
                    a.id,
                    a.url,
                    a.outlet,
                    a.title,
                    a.description,
                    a.text,
                    a.published.isoformat() if a.published else None,
                    a.origin,
                    a.language,
                    a.outlet_inferred_from,
                    h,
                    asg.story_id,
                    f.sig.tobytes(),
                    now,
                    now,
                )
            )
            revs.append((a.id, 1, a.title, a.description, a.text, h, now))
        # Stories first: articles reference them.
        for sid in dict.fromkeys(x.story_id for x in assignments if x.created):
            db.execute(
                "INSERT INTO stories (id, title, summary, t_start, t_end, article_count, "
                "source_count, outlets, storyline, version, updated, search_text, centroid, terms) "
                "VALUES (?, '', '', 0, 0, 0, 0, '[]', NULL, 0, ?, '', x'', '{}')",
                (sid, now),
            )
        db.executemany(f"INSERT INTO articles VALUES ({','.join('?' * 15)})", rows)
        db.executemany("INSERT INTO article_revisions VALUES (?, ?, ?, ?, ?, ?, ?)", revs)
        db.executemany("INSERT OR IGNORE INTO copies VALUES (?, ?, ?, ?)", copies)
        return created

    def _write_stories(self, index: StoryIndex, story_ids: Sequence[str], now: str) -> None:
        db = self._db
        rows = []
        entity_rows = []
        for sid in story_ids:
            if sid not in index.pos:
                continue
            st = index.state(sid)
            members = self._story_members(sid)
            if not members:
                continue
            first = min(members, key=lambda m: m.time)
            outlets = Counter(m.outlet for m in members if m.outlet)
            sources = _independent_sources(members, self._copies.get(sid, []))
            search = " ".join(dict.fromkeys(m.title.lower() for m in members))[:4000]
            entities = [
                t[1:]
                for t, _ in sorted(st.terms.items(), key=lambda kv: -kv[1])
                if t.startswith("#") and not t[1:2].isdigit()
            ][:ENTITIES_PER_STORY]
            rows.append(
                (
                    _best_title(members),
                    first.description or first.title,
                    st.start,
                    st.end,
                    len(members),
                    sources,
                    json.dumps([o for o, _ in outlets.most_common()]),
                    st.storyline,
                    now,
                    search + " " + " ".join(entities).replace("_", " "),
                    st.vec_sum.astype(np.float32).tobytes(),
                    json.dumps(dict(st.terms)),
                    json.dumps(st.titles),
                    json.dumps(st.refs),
                    sid,
                )
            )
            entity_rows.append((sid, [_entity_name(e) for e in entities]))
        db.executemany(
            "UPDATE stories SET title = ?, summary = ?, t_start = ?, t_end = ?, article_count = ?, "
            "source_count = ?, outlets = ?, storyline = ?, version = version + 1, updated = ?, "
            "has_conflicts = NULL, search_text = ?, centroid = ?, terms = ?, titles = ?, refs = ? "
            "WHERE id = ?",
            rows,
        )
        for sid, names in entity_rows:
            db.execute("DELETE FROM story_entities WHERE story_id = ?", (sid,))
            db.executemany(
                "INSERT OR IGNORE INTO story_entities VALUES (?, ?)", [(sid, n) for n in names]
            )

    def _write_df(self, feats: Sequence[Features]) -> None:
        df: Counter[str] = Counter()
        for f in feats:
            df.update(f.terms.keys())
        self._db.executemany(
            "INSERT INTO term_df VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
            df.items(),
        )

    # ------------------------------------------------------------------ queries
    _SUMMARY_COLS = (
        "id, title, t_start, t_end, article_count, source_count, outlets, summary, "
        "has_conflicts, storyline, updated"
    )

    def _summary(self, r: Sequence[Any]) -> StorySummary:
        return StorySummary(
            id=r[0],
            title=r[1],
            start=_day_to_dt(r[2]),
            end=_day_to_dt(r[3]),
            article_count=r[4],
            source_count=r[5],
            outlets=tuple(json.loads(r[6])),
            summary=r[7],
            has_conflicts=None if r[8] is None else bool(r[8]),
            storyline=r[9],
            updated=_parse_dt(r[10]) or datetime.now(UTC),
        )

    def _where(
        self,
        since: datetime | None,
        until: datetime | None,
        min_sources: int,
        outlet: str | None,
        entity: str | None,
        search: str | None,
    ) -> tuple[str, list[Any]]:
        clauses = ["article_count > 0"]
        args: list[Any] = []
        if since is not None:
            clauses.append("t_end >= ?")
            args.append(_to_days(since))
        if until is not None:
            clauses.append("t_start <= ?")
            args.append(_to_days(until))
        if min_sources > 1:
            clauses.append("source_count >= ?")
            args.append(min_sources)
        if outlet:
            clauses.append(
                "EXISTS (SELECT 1 FROM articles a WHERE a.story_id = stories.id AND a.outlet = ? COLLATE NOCASE)"
            )
            args.append(outlet)
        if entity:
            clauses.append(
                "EXISTS (SELECT 1 FROM story_entities e WHERE e.story_id = stories.id AND e.name = ? COLLATE NOCASE)"
            )
            args.append(entity)
        for word in (search or "").lower().split():
            clauses.append("search_text LIKE ? ESCAPE '\\'")
            args.append(
                "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            )
        return " AND ".join(clauses), args

    def stories(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        min_sources: int = 1,
        outlet: str | None = None,
        entity: str | None = None,
        search: str | None = None,
        order: str = "recent",
        limit: int = 50,
        offset: int = 0,
    ) -> list[StorySummary]:
        """Stories matching the filters, most recent (or biggest, ``order="size"``) first."""
        if order not in {"recent", "size"}:
            raise StoreError(f"unknown story order {order!r}; choose recent or size")
        where, args = self._where(since, until, min_sources, outlet, entity, search)
        by = (
            "t_end DESC, id"
            if order == "recent"
            else "source_count DESC, article_count DESC, t_end DESC, id"
        )
        rows = self._db.execute(
            f"SELECT {self._SUMMARY_COLS} FROM stories WHERE {where} ORDER BY {by} LIMIT ? OFFSET ?",
            [*args, max(0, limit), max(0, offset)],
        )
        return [self._summary(r) for r in rows]

    def count_stories(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        min_sources: int = 1,
        outlet: str | None = None,
        entity: str | None = None,
        search: str | None = None,
    ) -> int:
        """How many stories :meth:`stories` would list without a limit."""
        where, args = self._where(since, until, min_sources, outlet, entity, search)
        return int(
            self._db.execute(f"SELECT COUNT(*) FROM stories WHERE {where}", args).fetchone()[0]
        )

    def resolve(self, story_id: str) -> str | None:
        """The id under which story ``story_id`` lives now: itself, or the story that
        absorbed it in a merge; None if no story ever had that id."""
        db = self._db
        if db.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone():
            return story_id
        row = db.execute("SELECT into_id FROM story_merges WHERE id = ?", (story_id,)).fetchone()
        if row and db.execute("SELECT 1 FROM stories WHERE id = ?", (row[0],)).fetchone():
            return str(row[0])
        return None

    def story(self, story_id: str) -> StorySummary | None:
        """One story's summary, or None if unknown."""
        r = self._db.execute(
            f"SELECT {self._SUMMARY_COLS} FROM stories WHERE id = ?", (story_id,)
        ).fetchone()
        return None if r is None else self._summary(r)

    def story_articles(self, story_id: str) -> list[Article]:
        """The (latest versions of the) articles of a story, oldest first."""
        rows = self._db.execute(
            f"SELECT {_ARTICLE_COLS} FROM articles WHERE story_id = ? "
            "ORDER BY COALESCE(published, '9999'), id",
            (story_id,),
        )
        return [_article(r) for r in rows]

    def story_report(self, story_id: str, settings: Settings) -> dict[str, Any]:
        """The comparison report (JSON dict) of a story, cached until the story changes
        (or newsweave's analysis or the settings it depends on do)."""
        from .compare import compare, report_signature
        from .report import to_dict

        row = self._db.execute("SELECT version FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            raise StoreError(f"unknown story {story_id!r}")
        version = int(row[0])
        signature = report_signature(settings)
        cached = self._db.execute(
            "SELECT version, report, signature FROM story_reports WHERE story_id = ?",
            (story_id,),
        ).fetchone()
        if cached is not None and cached[0] == version and cached[2] == signature:
            report: dict[str, Any] = json.loads(cached[1])
            return report

        articles, left_out = _report_selection(
            self.story_articles(story_id), settings.max_report_articles
        )
        mentions = _MentionTable(self._db)
        report = to_dict(
            compare(articles, settings, story_id=story_id, skipped=left_out, ner_cache=mentions)
        )
        if not self.readonly:
            # A busy store (an ingest holding its write lock beyond busy_timeout) does not
            # keep the report from being answered: it is cached on a later request.
            with contextlib.suppress(sqlite3.OperationalError):
                self._cache_report(story_id, version, signature, report, mentions)
        return report

    def _cache_report(
        self,
        story_id: str,
        version: int,
        signature: str,
        report: dict[str, Any],
        mentions: _MentionTable,
    ) -> None:
        """Keep ``report`` (and the new NER cache entries) unless the story changed since."""
        with _transaction(self._db):
            mentions.save()
            still = self._db.execute(
                "SELECT version FROM stories WHERE id = ?", (story_id,)
            ).fetchone()
            if still is None or still[0] != version:
                return
            self._db.execute(
                "INSERT INTO story_reports VALUES (?, ?, ?, ?, ?) ON CONFLICT(story_id) "
                "DO UPDATE SET version = excluded.version, report = excluded.report, "
                "created = excluded.created, signature = excluded.signature",
                (story_id, version, json.dumps(report, ensure_ascii=False), _now_iso(), signature),
            )
            self._db.execute(
                "UPDATE stories SET has_conflicts = ? WHERE id = ?",
                (int(bool(report.get("conflicts"))), story_id),
            )

    def cached_report(
        self, story_id: str, settings: Settings | None = None
    ) -> dict[str, Any] | None:
        """The cached report if it is up to date for ``settings`` (default settings when
        None), else None (never computes)."""
        from .compare import report_signature

        r = self._db.execute(
            "SELECT r.report FROM story_reports r JOIN stories s ON s.id = r.story_id "
            "WHERE r.story_id = ? AND r.version = s.version AND r.signature = ?",
            (story_id, report_signature(settings or Settings())),
        ).fetchone()
        return None if r is None else dict(json.loads(r[0]))

    def article(self, article_id: str) -> StoredArticle | None:
        """One stored article with its story, revision count and copies; None if unknown."""
        r = self._db.execute(
            f"SELECT {_ARTICLE_COLS}, story_id FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if r is None:
            return None
        revisions = self._db.execute(
            "SELECT COUNT(*) FROM article_revisions WHERE article_id = ?", (article_id,)
        ).fetchone()[0]
        copies = [
            x[0]
            for x in self._db.execute(
                "SELECT copy_of FROM copies WHERE article_id = ? UNION "
                "SELECT article_id FROM copies WHERE copy_of = ?",
                (article_id, article_id),
            )
        ]
        return StoredArticle(_article(r[:-1]), r[-1], int(revisions), tuple(sorted(copies)))

    def revisions(self, article_id: str) -> list[dict[str, Any]]:
        """Every stored text version of an article, oldest first."""
        rows = self._db.execute(
            "SELECT revision, title, description, text, stored FROM article_revisions "
            "WHERE article_id = ? ORDER BY revision",
            (article_id,),
        )
        keys = ("revision", "title", "description", "text", "stored")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def related_stories(self, story_id: str, limit: int = 10) -> list[StorySummary]:
        """Other stories of the same storyline (linked follow-ups), in time order."""
        row = self._db.execute("SELECT storyline FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None or not row[0]:
            return []
        rows = self._db.execute(
            f"SELECT {self._SUMMARY_COLS} FROM stories WHERE storyline = ? AND id != ? "
            "AND article_count > 0 ORDER BY t_start, id LIMIT ?",
            (row[0], story_id, limit),
        )
        return [self._summary(r) for r in rows]

    def similar_stories(
        self,
        story_id: str,
        limit: int = 5,
        min_cosine: float = SIMILAR_COSINE,
        days: float = SIMILAR_DAYS,
        min_articles: int = 2,
        index: CentroidIndex | None = None,
    ) -> list[StorySummary]:
        """Stories of the same days whose members read most like this story's, most
        similar first, other than its storyline.

        Online clustering can split one event into several stories (the first reports of
        a shooting "near Los Angeles" before the town is named, then "Monterey Park
        shooting ..."); this lets a reader walk between them. A centroid cosine of
        ``min_cosine`` (0.8) over WordLlama embeddings, measured on the January 2023 stream,
        joins such pieces and the daily editions of a series, and leaves stories of one
        topic and another event (a shooting at a mushroom farm two days later: 0.68) out,
        mostly. Only stories of ``min_articles`` or more are listed (a single entry is
        seldom a piece worth walking to, and single entries are most stories).

        ``index`` (from :meth:`centroid_index`, with the same ``min_articles``) saves
        reading the centroids of the story's days from the file: a server keeps one.
        """
        row = self._db.execute(
            "SELECT t_start, t_end, centroid, storyline FROM stories WHERE id = ?", (story_id,)
        ).fetchone()
        if row is None:
            return []
        t0, t1, blob, storyline = row
        mine = np.frombuffer(blob, dtype=np.float32)
        if index is None:
            lo, hi = _similar_window(t0, t1, days)
            index = self.centroid_index(min_articles, lo, hi)
        ids = index.similar(story_id, t0, t1, storyline, mine, limit, min_cosine, days)
        found = [self.story(x) for x in ids]
        return [x for x in found if x is not None]

    def centroid_index(
        self, min_articles: int = 2, t_from: float = -math.inf, t_to: float = math.inf
    ) -> CentroidIndex:
        """The unit centroids of the stories of ``min_articles`` or more that overlap
        ``[t_from, t_to]`` (days since the epoch), for :meth:`similar_stories`."""
        rows = self._db.execute(
            "SELECT id, t_start, t_end, storyline, centroid FROM stories "
            "WHERE article_count >= ? AND t_end >= ? AND t_start <= ?",
            (min_articles, t_from, t_to),
        ).fetchall()
        return CentroidIndex.of(rows)

    def outlets(self, limit: int = 200) -> list[tuple[str, int]]:
        """Outlets with the number of stories they appear in, most first."""
        rows = self._db.execute(
            "SELECT outlet, COUNT(DISTINCT story_id) AS n FROM articles WHERE outlet != '' "
            "GROUP BY outlet ORDER BY n DESC, outlet LIMIT ?",
            (limit,),
        )
        return [(r[0], int(r[1])) for r in rows]

    def entities(self, limit: int = 200) -> list[tuple[str, int]]:
        """Key names (capitalised phrases) with the number of stories they describe."""
        rows = self._db.execute(
            "SELECT name, COUNT(*) AS n FROM story_entities GROUP BY name "
            "ORDER BY n DESC, name LIMIT ?",
            (limit,),
        )
        return [(r[0], int(r[1])) for r in rows]

    def stats(self) -> dict[str, int]:
        """Counts of articles, stories, outlets, copies, revisions and cached reports."""
        q = self._db.execute
        return {
            "articles": int(q("SELECT COUNT(*) FROM articles").fetchone()[0]),
            "stories": int(q("SELECT COUNT(*) FROM stories WHERE article_count > 0").fetchone()[0]),
            "outlets": int(
                q("SELECT COUNT(DISTINCT outlet) FROM articles WHERE outlet != ''").fetchone()[0]
            ),
            "copies": int(q("SELECT COUNT(*) FROM copies").fetchone()[0]),
            "revisions": int(q("SELECT COUNT(*) FROM article_revisions").fetchone()[0]),
            "reports": int(q("SELECT COUNT(*) FROM story_reports").fetchone()[0]),
        }

    def check(self) -> list[str]:
        """Consistency problems (empty list when the store is sound)."""
        q = self._db.execute
        problems = []
        integrity = q("PRAGMA integrity_check").fetchone()[0]
        if integrity != "ok":
            problems.append(f"integrity_check: {integrity}")
        for what, sql in _CHECKS:
            n = q(sql).fetchone()[0]
            if n:
                problems.append(f"{n} {what}")
        return problems

    def iter_articles(self) -> Iterator[tuple[Article, str]]:
        """Every stored article with its story id (for export)."""
        for r in self._db.execute(f"SELECT {_ARTICLE_COLS}, story_id FROM articles ORDER BY rowid"):
            yield _article(r[:-1]), r[-1]

    def story_ids(self) -> list[str]:
        return [
            r[0]
            for r in self._db.execute(
                "SELECT id FROM stories WHERE article_count > 0 ORDER BY t_start, id"
            )
        ]


_COPY_JACCARD = 0.6  # estimated shingle Jaccard from which an article is a copy


def _copy_of(
    sig: np.ndarray[Any, np.dtype[np.uint32]], members: Sequence[_Member]
) -> tuple[str, float] | None:
    """(id, estimated Jaccard) of the member an article with signature ``sig`` copies, if
    any: the most similar one, at ``_COPY_JACCARD`` or more."""
    if not members:
        return None
    sims = copy_similarity(sig, np.stack([m.sig for m in members]))
    best = int(np.argmax(sims))
    return (members[best].id, float(sims[best])) if sims[best] >= _COPY_JACCARD else None


_ARTICLE_COLS = (
    "id, text, outlet, title, url, published, origin, description, outlet_inferred_from, language"
)


def _article(r: Sequence[Any]) -> Article:
    return Article(
        id=r[0],
        text=r[1],
        outlet=r[2],
        title=r[3],
        url=r[4],
        published=_parse_dt(r[5]),
        origin=r[6],
        description=r[7],
        outlet_inferred_from=r[8],
        language=r[9],
    )


def _to_days(dt: datetime) -> float:
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.timestamp() / SECONDS_PER_DAY


def _fields(s: IngestStats) -> tuple[int, ...]:
    return (s.added, s.updated, s.unchanged, s.skipped, s.stories_created, s.stories_changed)


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for a in items:
        batch.append(a)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _independent_sources(members: Sequence[_Member], copies: Sequence[tuple[str, str]]) -> int:
    """Independent sources: articles grouped by outlet and by copy links (union-find)."""
    parent: dict[str, str] = {m.id: m.id for m in members}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        if a in parent and b in parent:
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[rb] = ra

    by_outlet: dict[str, str] = {}
    for m in members:
        if m.outlet:
            first = by_outlet.setdefault(m.outlet.lower(), m.id)
            union(first, m.id)
    for a, b in copies:
        union(a, b)
    return len({root(m.id) for m in members})


def _best_title(members: Sequence[_Member]) -> str:
    """The title that shares most words with the other titles (the story's gist); the
    first sentences standing in for missing titles only when no member has a title."""
    titled = [m.title for m in members if not m.lead]
    return gist_title(titled) or gist_title([m.title for m in members]) or "(untitled)"


def _shown_title(title: str, outlet: str, url: str, text: str) -> str:
    """The title a story list shows for an article: its own, its URL's slug when the title
    names only its site, or its first sentence when it has none (a plain-text file)."""
    return display_title(title, outlet, url, text) or lead_title(text)


def _member(
    aid: str, outlet: str, title: str, description: str, time: float, sig: Any, shown: str
) -> _Member:
    return _Member(aid, outlet, shown, description, time, sig, lead=not title and bool(shown))


def _applied(db: sqlite3.Connection) -> tuple[int, int] | None:
    """(how many, the last) migrations applied; None when the file has no migrations
    table (a new file, or not a newsweave store)."""
    try:
        count, last = db.execute("SELECT COUNT(*), MAX(number) FROM migrations").fetchone()
    except sqlite3.OperationalError:
        return None
    return int(count), int(last or 0)


def _schema_is_old(path: Path) -> bool:
    """Whether the store at ``path`` has fewer migrations than this newsweave knows (False
    when it cannot tell: the normal open then says what is wrong)."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            applied = _applied(db)
        finally:
            db.close()
    except sqlite3.Error:
        return False
    return applied is not None and applied[1] < len(MIGRATIONS)


class _MentionTable:
    """The ``ner_cache`` table as a :class:`newsweave.nlp.MentionCache`: lookups read it,
    new entries wait in memory until :meth:`save` (inside the caller's transaction)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._new: dict[str, list[Mention]] = {}

    def get(self, key: str, /) -> list[Mention] | None:
        if key in self._new:
            return self._new[key]
        row = self._db.execute("SELECT mentions FROM ner_cache WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        return [
            Mention(int(a), int(b), str(t), str(label)) for a, b, t, label in json.loads(row[0])
        ]

    def __setitem__(self, key: str, value: list[Mention], /) -> None:
        self._new[key] = value

    def save(self) -> None:
        self._db.executemany(
            "INSERT OR IGNORE INTO ner_cache VALUES (?, ?)",
            [
                (k, json.dumps([[m.start, m.end, m.text, m.label] for m in v], ensure_ascii=False))
                for k, v in self._new.items()
            ],
        )
        self._new.clear()


class _transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.db.execute("COMMIT" if exc_type is None else "ROLLBACK")


# ---------------------------------------------------------------------- CLI helpers

_SINCE = {"m": 60.0, "h": 3600.0, "d": 86400.0, "w": 7 * 86400.0}


def parse_since(
    value: str, now: datetime | None = None, flag: str = "--since", end_of_day: bool = False
) -> datetime:
    """``2d``, ``12h``, ``3w``, ``30m`` before now, or an ISO date; raises StoreError.

    With ``end_of_day`` a bare date means the end of that day (for ``--until``).
    """
    now = now or datetime.now(UTC)
    v = value.strip().lower()
    if v and v[-1] in _SINCE:
        try:
            amount = float(v[:-1])
        except ValueError:
            amount = -1.0
        if amount >= 0:
            return datetime.fromtimestamp(now.timestamp() - amount * _SINCE[v[-1]], UTC)
    try:
        dt = datetime.fromisoformat(value.strip())
    except ValueError:
        raise StoreError(
            f"{flag} {value!r}: use an age like 2d, 12h, 3w or a date like 2023-01-15"
        ) from None
    if end_of_day and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        dt += timedelta(days=1, microseconds=-1)
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _summary_dict(s: StorySummary) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "start": s.start.isoformat() if s.start else None,
        "end": s.end.isoformat() if s.end else None,
        "article_count": s.article_count,
        "source_count": s.source_count,
        "outlets": list(s.outlets),
        "summary": s.summary,
        "has_conflicts": s.has_conflicts,
        "storyline": s.storyline,
        "updated": s.updated.isoformat(),
    }


def format_stories(
    stories: Sequence[StorySummary], fmt: str, provenance: dict[str, Any] | None = None
) -> str:
    """A story list as text, Markdown or JSON (one object with a ``stories`` list).

    ``provenance`` (see :func:`newsweave.provenance.clustering_provenance`) goes into the
    JSON form.
    """
    if fmt == "json":
        data: dict[str, Any] = {"stories": [_summary_dict(s) for s in stories]}
        if provenance is not None:
            data["provenance"] = provenance
        return json.dumps(data, indent=2)

    def when(s: StorySummary) -> str:
        a = s.start.strftime("%Y-%m-%d") if s.start else "?"
        b = s.end.strftime("%Y-%m-%d") if s.end else "?"
        return a if a == b else f"{a}..{b}"

    def outlets(s: StorySummary) -> str:
        shown = ", ".join(s.outlets[:4])
        return shown + (f" +{len(s.outlets) - 4}" if len(s.outlets) > 4 else "")

    if fmt == "markdown":
        lines = [
            "| story | title | dates | sources | articles | outlets |",
            "|---|---|---|---|---|---|",
        ]
        for s in stories:
            title = s.title.replace("|", "\\|")
            lines.append(
                f"| `{s.id}` | {title} | {when(s)} | {s.source_count} | {s.article_count} "
                f"| {outlets(s).replace('|', '/')} |"
            )
        return "\n".join(lines)
    if not stories:
        return "no stories"
    lines = []
    for s in stories:
        lines.append(
            f"{s.id}  {when(s)}  {s.source_count} sources / {s.article_count} articles  {s.title}"
        )
        lines.append(f"    {outlets(s)}")
    return "\n".join(lines)


def export_store(
    store: Store,
    fmt: str,
    out: str | Path,
    settings: Settings,
    *,
    compute_reports: bool = False,
) -> dict[str, int]:
    """Write articles (with story ids) and stories (with reports) to ``out``.

    ``jsonl``: one file, records ``{"type": "article", ...}`` then ``{"type": "story",
    ..., "report": {...} | null}``. ``parquet``: ``out`` holds the articles and
    ``<out stem>.stories.parquet`` the stories (needs pyarrow: the ``parquet`` extra).
    The provenance (components, versions, settings) is the first JSONL record, and the
    ``newsweave_provenance`` schema metadata of both Parquet files.
    Reports are the cached ones; ``compute_reports`` computes the missing ones first.
    """
    out = Path(out)
    articles = (
        {
            "type": "article",
            "id": a.id,
            "story_id": sid,
            "url": a.url,
            "outlet": a.outlet,
            "title": a.title,
            "published": a.published.isoformat() if a.published else None,
            "description": a.description,
            "text": a.text,
            "language": a.language,
        }
        for a, sid in store.iter_articles()
    )

    def stories() -> Iterator[dict[str, Any]]:
        for sid in store.story_ids():
            summary = store.story(sid)
            if summary is None:
                continue
            report = (
                store.story_report(sid, settings)
                if compute_reports
                else store.cached_report(sid, settings)
            )
            yield {"type": "story", **_summary_dict(summary), "report": report}

    from .provenance import clustering_provenance

    provenance = clustering_provenance(settings)
    counts = {"articles": 0, "stories": 0}
    if fmt == "jsonl":
        try:
            with out.open("w", encoding="utf-8") as fh:
                fh.write(json.dumps({"type": "provenance", **provenance}) + "\n")
                for rec in articles:
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                    counts["articles"] += 1
                for rec in stories():
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                    counts["stories"] += 1
        except OSError as exc:
            raise StoreError(f"{out}: cannot write ({exc.strerror})") from None
        return counts
    if fmt != "parquet":
        raise StoreError(f"unknown export format {fmt!r}; choose jsonl or parquet")
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        from .errors import ModelMissingError

        raise ModelMissingError(
            "parquet export needs pyarrow: pip install 'newsweave[parquet]'"
        ) from None
    rows = list(articles)
    story_rows = [
        {
            **s,
            "outlets": json.dumps(s["outlets"]),
            "report": json.dumps(s["report"]) if s["report"] else None,
        }
        for s in stories()
    ]
    second = out.with_name(out.stem + ".stories.parquet")
    try:
        meta = {b"newsweave_provenance": json.dumps(provenance).encode()}
        for table_rows, path in ((rows, out), (story_rows, second)):
            table = pa.Table.from_pylist(table_rows)
            pq.write_table(table.replace_schema_metadata(meta), str(path))
    except OSError as exc:
        raise StoreError(f"{out}: cannot write ({exc})") from None
    return {"articles": len(rows), "stories": len(story_rows)}
