"""The web UI and JSON HTTP API over the store (``newsweave serve``).

Every HTML page has a JSON twin served by the same view (datasette style:
``/stories/{id}`` and ``/stories/{id}.json``), and ``/api/`` offers REST endpoints
described by a hand-written OpenAPI document (``/api/openapi.json``, rendered at
``/api/docs``). Article text is untrusted: templates autoescape everything, no page
loads anything from another origin and a strict Content-Security-Policy is sent.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import math
import re
import sys
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from time import monotonic as time_monotonic
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import __version__
from .errors import InputError, NewsweaveError, StoreError
from .ingest import IngestResult, parse_bytes
from .models import Article, Skipped
from .outlets import without_dateline
from .provenance import clustering_provenance
from .render import first_reported, shorten
from .settings import Settings
from .store import Store, StoredArticle, StorySummary
from .summarize import changed_claims, disputed_claims

__all__ = ["API_MAX_LIMIT", "PAGE_SIZE", "create_app", "openapi_document", "serve"]

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

PAGE_SIZE = 25  # stories per HTML page
API_DEFAULT_LIMIT = 50
API_MAX_LIMIT = 200
REPORT_CACHE_SIZE = 64  # report dicts kept in memory, keyed by story id and last change
MAX_COLUMNS = 30  # articles shown side by side; the JSON twin has them all
FACET_SECONDS = 30.0  # how long store-wide counts and lists are reused
# how long the stories' centroids (for "similar stories") are reused: reading them all
# takes ~0.2 s for 30,000 stories, and a new story missing from the list for a few
# minutes costs little
CENTROID_SECONDS = 300.0

# Upload names newsweave reads (ingest decides the format; this refuses the obvious rest).
UPLOAD_SUFFIXES: tuple[str, ...] = (
    ".txt",
    ".text",
    ".md",
    ".json",
    ".jsonl",
    ".ndjson",
    ".gz",
    ".html",
    ".htm",
    ".xml",
    ".rss",
    ".atom",
    ".csv",
    ".tsv",
)

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    # same-origin, not no-referrer: with no-referrer a browser sends "Origin: null" on our own
    # form posts, which the cross-site check must refuse.
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]

DEBRIS_LABELS = {
    "social_embed": "social media embed",
    "caption": "photo caption",
    "credit": "photo credit",
    "related_links": "related links",
    "byline": "byline",
    "updated_stamp": "update stamp",
    "prompt": "newsletter / cookie prompt",
    "boilerplate": "boilerplate",
}


# --------------------------------------------------------------------------- errors


class ApiError(Exception):
    """A client mistake: answered with ``{"error": {"status": ..., "message": ...}}``."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path == "/api" or path.endswith(".json")


def _dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, default=_json_default).encode("utf-8")


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def json_response(data: Any, status: int = 200) -> Response:
    return Response(_dumps(data), status_code=status, media_type="application/json")


def error_body(status: int, message: str) -> dict[str, Any]:
    return {"error": {"status": status, "message": message}}


# --------------------------------------------------------------------------- store access


class _Stores:
    """One store connection per worker thread (SQLite connections are per thread),
    one writer at a time for ingest, and a small in-memory cache of report dicts."""

    def __init__(self, path: Path, settings: Settings) -> None:
        self.path = path
        self.settings = settings
        self._local = threading.local()
        self._opened: list[Store] = []
        self._lock = threading.Lock()
        self.write_lock = threading.Lock()
        self._reports: OrderedDict[tuple[str, str], dict[str, Any]] = OrderedDict()
        self._facets: dict[str, tuple[float, Any]] = {}
        self._refreshing: set[str] = set()
        self._first: dict[str, threading.Lock] = {}

    def reader(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            # Not opened read-only: the store caches computed reports in the file.
            readonly = self.path.exists() and not _writable(self.path)
            store = Store(self.path, readonly=readonly)
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        return store

    def report(self, summary: StorySummary) -> dict[str, Any]:
        key = (summary.id, summary.updated.isoformat())
        with self._lock:
            cached = self._reports.get(key)
            if cached is not None:
                self._reports.move_to_end(key)
                return cached
        report = self.reader().story_report(summary.id, self.settings)
        with self._lock:
            self._reports[key] = report
            while len(self._reports) > REPORT_CACHE_SIZE:
                self._reports.popitem(last=False)
        return report

    def facet(
        self, name: str, compute: Callable[[Store], Any], seconds: float | None = None
    ) -> Any:
        """A store-wide figure (counts, outlet and entity lists) kept for ``FACET_SECONDS``:
        they scan the whole store, and the stories page shows them on every request.

        When a kept value expires, one request recomputes it while the others still get
        the old one, so that a busy server does not run the same scan in every thread.
        """
        now = time_monotonic()
        with self._lock:
            hit = self._facets.get(name)
            ttl = FACET_SECONDS if seconds is None else seconds
            fresh = hit is not None and now - hit[0] < ttl
            if hit is not None and not fresh:
                if name in self._refreshing:
                    return hit[1]
                self._refreshing.add(name)
        if fresh:
            assert hit is not None
            return hit[1]
        if hit is None:
            # The first time, concurrent requests wait for one computation.
            with self._lock:
                first = self._first.setdefault(name, threading.Lock())
            with first:
                with self._lock:
                    again = self._facets.get(name)
                if again is not None:
                    return again[1]
                return self._compute(name, compute, now)
        return self._compute(name, compute, now)

    def _compute(self, name: str, compute: Callable[[Store], Any], now: float) -> Any:
        try:
            value = compute(self.reader())
        finally:
            with self._lock:
                self._refreshing.discard(name)
        with self._lock:
            if len(self._facets) > 1000:  # many distinct searches: start afresh
                self._facets.clear()
                self._first.clear()
            self._facets[name] = (now, value)
        return value

    def count(self, filters: Mapping[str, Any]) -> int:
        """``Store.count_stories`` for these filters, reused for ``FACET_SECONDS``: a count
        reads every matching story, while a page of stories reads only its rows."""
        key = "count:" + repr(sorted(filters.items()))
        return int(self.facet(key, lambda st: st.count_stories(**filters)))

    def ingest(self, articles: Sequence[Article]) -> dict[str, int]:
        with self.write_lock, Store(self.path) as store:
            stats = store.ingest(articles, self.settings)
        with self._lock:
            self._facets.clear()
        return {
            name: int(getattr(stats, name))
            for name in (
                "added",
                "updated",
                "unchanged",
                "skipped",
                "stories_created",
                "stories_changed",
            )
        }

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for store in opened:
            # A connection made in another thread may refuse to close; the process ends anyway.
            with contextlib.suppress(Exception):
                store.close()


def _writable(path: Path) -> bool:
    import os

    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


# --------------------------------------------------------------------------- parsing queries


@dataclass(frozen=True)
class StoryFilters:
    """The filters of the stories list, as given in the query string."""

    since: datetime | None = None
    until: datetime | None = None
    outlet: str | None = None
    entity: str | None = None
    search: str | None = None
    min_sources: int = 1
    order: str = "recent"

    def store_kwargs(self) -> dict[str, Any]:
        return {
            "since": self.since,
            "until": self.until,
            "outlet": self.outlet,
            "entity": self.entity,
            "search": self.search,
            "min_sources": self.min_sources,
        }

    def query(self) -> dict[str, str]:
        """The filters back as query parameters (for links that keep them)."""
        out: dict[str, str] = {}
        if self.since:
            out["since"] = self.since.date().isoformat()
        if self.until:
            out["until"] = self.until.date().isoformat()
        for name in ("outlet", "entity"):
            value = getattr(self, name)
            if value:
                out[name] = value
        if self.search:
            out["q"] = self.search
        if self.min_sources > 1:
            out["min_sources"] = str(self.min_sources)
        if self.order != "recent":
            out["order"] = self.order
        return out

    @property
    def active(self) -> bool:
        q = self.query()
        q.pop("order", None)
        return bool(q)


def parse_when(name: str, value: str, *, end_of_day: bool = False) -> datetime:
    """A date (``2023-01-11``) or ISO datetime from the query string, in UTC."""
    text = value.strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            moment = datetime.combine(day, time.min, tzinfo=UTC)
            return moment + timedelta(days=1) - timedelta(microseconds=1) if end_of_day else moment
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ApiError(
            400, f"{name}={value!r} is not a date (use YYYY-MM-DD or an ISO 8601 date-time)"
        ) from None
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def parse_int(params: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, f"{name}={raw!r} is not a whole number") from None
    if not low <= value <= high:
        raise ApiError(400, f"{name}={value} is out of range (allowed: {low} to {high})")
    return value


def parse_filters(params: Mapping[str, str]) -> StoryFilters:
    """The stories filters from a query string; :class:`ApiError` (400) when one is bad."""

    def text(name: str) -> str | None:
        value = (params.get(name) or "").strip()
        if len(value) > 500:
            raise ApiError(400, f"{name} is too long (at most 500 characters)")
        return value or None

    since = parse_when("since", params["since"]) if params.get("since") else None
    until = parse_when("until", params["until"], end_of_day=True) if params.get("until") else None
    if since and until and since > until:
        raise ApiError(400, "since must not be after until")
    order = params.get("order") or "recent"
    if order not in {"recent", "size"}:
        raise ApiError(400, f"order={order!r} is not one of: recent, size")
    return StoryFilters(
        since=since,
        until=until,
        outlet=text("outlet"),
        entity=text("entity"),
        search=text("q") or text("search"),
        min_sources=parse_int(params, "min_sources", 1, 1, 1000),
        order=order,
    )


# --------------------------------------------------------------------------- JSON shapes


def summary_json(s: StorySummary) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "start": s.start,
        "end": s.end,
        "article_count": s.article_count,
        "source_count": s.source_count,
        "outlets": list(s.outlets),
        "summary": s.summary,
        "has_conflicts": s.has_conflicts,
        "storyline": s.storyline,
        "updated": s.updated,
        "url": f"/stories/{quote(s.id, safe='')}",
        "api_url": f"/api/stories/{quote(s.id, safe='')}",
    }


def article_json(a: Article) -> dict[str, Any]:
    return {
        "id": a.id,
        "outlet": a.outlet,
        "outlet_inferred_from": a.outlet_inferred_from,
        "title": a.title,
        "url": a.url,
        "published": a.published,
        "origin": a.origin,
        "description": a.description,
        "language": a.language,
        "page_url": f"/articles/{quote(a.id, safe='')}",
    }


def stored_article_json(sa: StoredArticle, with_text: bool = True) -> dict[str, Any]:
    out = article_json(sa.article)
    if with_text:
        out["text"] = sa.article.text
    out["story_id"] = sa.story_id
    out["revisions"] = sa.revisions
    out["copies"] = list(sa.copies)
    return out


# --------------------------------------------------------------------------- view models


def _fromiso(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


def fmt_date(value: Any) -> str:
    moment = _fromiso(value)
    return f"{moment.day} {moment:%b %Y}" if moment else ""


def fmt_datetime(value: Any) -> str:
    moment = _fromiso(value)
    if not moment:
        return ""
    if (moment.hour, moment.minute) == (0, 0):
        return fmt_date(moment)
    return f"{moment.day} {moment:%b %Y, %H:%M}"


def fmt_span(start: datetime | None, end: datetime | None) -> str:
    """``11 Jan 2023`` or ``11–13 Jan 2023`` for a story's time span."""
    if not start and not end:
        return "date unknown"
    a, b = start or end, end or start
    assert a is not None and b is not None
    if a.date() == b.date():
        return fmt_date(a)
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {b:%b %Y}"
    if a.year == b.year:
        return f"{a.day} {a:%b} – {b.day} {b:%b %Y}"
    return f"{fmt_date(a)} – {fmt_date(b)}"


UNTITLED = {"", "(untitled)"}  # what the store calls a story none of whose articles has a title


def story_title(s: StorySummary, fallback: str = "") -> str:
    """A story's title for display: its own, else ``fallback`` or its summary, shortened."""
    title = s.title.strip()
    if title not in UNTITLED:
        return title
    return shorten(fallback or s.summary, 120) or "Untitled story"


@dataclass(frozen=True)
class Segment:
    """A run of an article's text with the same marks (claims, debris, sentence)."""

    text: str
    start: int
    claims: tuple[str, ...] = ()
    kind: str = "gap"  # gap | sentence | debris
    only: bool = False  # every claim here is reported by this source alone
    shared: bool = False
    debris_kind: str = ""


def segment_text(
    text: str,
    sentences: Iterable[tuple[int, int]],
    debris: Iterable[tuple[int, int, str]],
    marks: Iterable[tuple[int, int, str]],
    unique_claims: frozenset[str],
) -> list[Segment]:
    """Cut ``text`` at every sentence, debris and evidence boundary.

    ``marks`` are ``(start, end, claim_id)`` evidence spans; offsets index the original
    text, so ``"".join(s.text for s in result) == text`` always holds.
    """
    n = len(text)

    def clip(a: int, b: int) -> tuple[int, int] | None:
        a, b = max(0, min(a, n)), max(0, min(b, n))
        return (a, b) if b > a else None

    sent = [c for c in (clip(a, b) for a, b in sentences) if c]
    deb = [(c, k) for c, k in ((clip(a, b), k) for a, b, k in debris) if c]
    mk = [(c, cid) for c, cid in ((clip(a, b), cid) for a, b, cid in marks) if c]
    bounds = {0, n}
    for a, b in sent:
        bounds.update((a, b))
    for (a, b), _ in deb:
        bounds.update((a, b))
    for (a, b), _ in mk:
        bounds.update((a, b))
    cuts = sorted(bounds)
    pieces = list(itertools.pairwise(cuts))
    index = {a: i for i, (a, _) in enumerate(pieces)}
    claims: list[list[str]] = [[] for _ in pieces]
    kinds = ["gap"] * len(pieces)
    debris_kind = [""] * len(pieces)
    sentence_of = [-1] * len(pieces)
    for j, (a, b) in enumerate(sent):
        i = index[a]
        while i < len(pieces) and pieces[i][0] < b:
            kinds[i], sentence_of[i] = "sentence", j
            i += 1
    for (a, b), cid in mk:
        i = index[a]
        while i < len(pieces) and pieces[i][0] < b:
            if cid not in claims[i]:
                claims[i].append(cid)
            i += 1
    for (a, b), kind in deb:
        i = index[a]
        while i < len(pieces) and pieces[i][0] < b:
            kinds[i], debris_kind[i] = "debris", kind
            i += 1
    out: list[Segment] = []
    for i, (a, b) in enumerate(pieces):
        cl = tuple(claims[i]) if kinds[i] != "debris" else ()
        kind = "sentence" if cl and kinds[i] == "gap" else kinds[i]
        seg = Segment(
            text=text[a:b],
            start=a,
            claims=cl,
            kind=kind,
            only=bool(cl) and all(c in unique_claims for c in cl),
            shared=any(c not in unique_claims for c in cl),
            debris_kind=debris_kind[i],
        )
        prev = out[-1] if out else None
        same_run = (
            prev is not None
            and prev.kind == seg.kind
            and prev.claims == seg.claims
            and prev.debris_kind == seg.debris_kind
            and (kind != "sentence" or sentence_of[i] == sentence_of[i - 1])
        )
        if prev is not None and same_run:
            out[-1] = Segment(
                prev.text + seg.text,
                prev.start,
                prev.claims,
                prev.kind,
                prev.only,
                prev.shared,
                prev.debris_kind,
            )
        else:
            out.append(seg)
    return out


def _outlet_label(article: Mapping[str, Any]) -> str:
    return str(article.get("outlet") or article.get("title") or article.get("id") or "unknown")


def story_view(report: Mapping[str, Any]) -> dict[str, Any]:
    """Everything the story page shows, derived from the report JSON (docs/report.md)."""
    articles = list(report.get("articles") or [])
    names: dict[str, str] = {}
    used: dict[str, int] = {}
    for a in articles:
        label = _outlet_label(a)
        used[label] = used.get(label, 0) + 1
        # Two articles of one outlet get "Outlet (2)" so columns and chips stay tellable apart.
        names[str(a.get("id"))] = label if used[label] == 1 else f"{label} ({used[label]})"

    def outlets(ids: Iterable[Any]) -> list[dict[str, str]]:
        seen: list[dict[str, str]] = []
        for i in ids:
            key = str(i)
            if key not in {s["id"] for s in seen}:
                seen.append({"id": key, "name": names.get(key, key)})
        return seen

    claims = list(report.get("claims") or [])
    unique = frozenset(str(c.get("id")) for c in claims if c.get("kind") != "shared")
    marks: dict[str, list[tuple[int, int, str]]] = {}
    for c in claims:
        for ev in c.get("evidence") or []:
            marks.setdefault(str(ev.get("article")), []).append(
                (int(ev.get("start", 0)), int(ev.get("end", 0)), str(c.get("id")))
            )
    copy_of = {str(c.get("article")): str(c.get("copy_of")) for c in report.get("copies") or []}
    columns = []
    for a in articles:
        aid = str(a.get("id"))
        text = str(a.get("text") or "")
        segs = segment_text(
            text,
            ((int(s.get("start", 0)), int(s.get("end", 0))) for s in a.get("sentences") or []),
            (
                (int(d.get("start", 0)), int(d.get("end", 0)), str(d.get("kind", "")))
                for d in a.get("debris") or []
            ),
            marks.get(aid, []),
            unique,
        )
        columns.append(
            {
                "id": aid,
                "name": names[aid],
                "outlet": str(a.get("outlet") or ""),
                "title": str(a.get("title") or ""),
                "url": str(a.get("url") or ""),
                "published": fmt_datetime(a.get("published")),
                "segments": segs,
                "only_count": sum(1 for s in segs if s.only),
                "debris_count": len(a.get("debris") or []),
                "copy_of": names.get(copy_of[aid], copy_of[aid]) if aid in copy_of else "",
            }
        )
    disputed = disputed_claims(
        (str(k.get("what") or k.get("kind") or "value"), [str(x) for x in k.get("claims") or []])
        for k in report.get("conflicts") or []
    )
    changed = changed_claims(
        (str(k.get("what") or k.get("kind") or "value"), [str(x) for x in k.get("claims") or []])
        for k in report.get("updates") or []
    )
    claim_rows: list[dict[str, Any]] = [
        {
            "id": str(c.get("id")),
            "text": without_dateline(str(c.get("text") or "")),
            "kind": "shared" if c.get("kind") == "shared" else "unique",
            "outlets": outlets(c.get("sources") or []),
            "independent": int(c.get("independent_sources") or len(c.get("sources") or [])),
            "disputed": disputed.get(str(c.get("id")), []),
            "changed": changed.get(str(c.get("id")), []),
        }
        for c in claims
    ]
    claim_rows.sort(key=lambda c: (c["kind"] != "shared", -c["independent"]))
    published = {
        str(a.get("id")): _fromiso(a.get("published")) for a in report.get("articles") or []
    }

    def values(k: Mapping[str, Any]) -> list[dict[str, Any]]:
        given = list(k.get("values") or [])
        first = first_reported(published, ([str(x) for x in v.get("sources") or []] for v in given))
        return [
            {
                "value": str(v.get("value") or ""),
                "outlets": outlets(v.get("sources") or []),
                "first": first[i] if first else "",
                "evidence": [
                    {"name": names.get(str(e.get("article")), ""), "text": str(e.get("text"))}
                    for e in v.get("evidence") or []
                ],
            }
            for i, v in enumerate(given)
        ]

    def cards(key: str) -> list[dict[str, Any]]:
        return [
            {
                "id": str(k.get("id")),
                "what": str(k.get("what") or k.get("kind") or "value"),
                "kind": str(k.get("kind") or ""),
                "claims": [str(x) for x in k.get("claims") or []],
                "values": values(k),
            }
            for k in report.get(key) or []
        ]

    conflicts = cards("conflicts")
    updates = cards("updates")  # absent from reports of schema 1.0
    by_speaker: dict[str, list[dict[str, Any]]] = {}
    for q in report.get("quotes") or []:
        speaker = str(q.get("speaker") or "") or "Unattributed"
        by_speaker.setdefault(speaker, []).append(
            {
                "text": str(q.get("text") or ""),
                "outlets": outlets(q.get("sources") or []),
                # the sources credit the words to different speakers
                "credits": [
                    {
                        "speaker": str(a.get("speaker") or ""),
                        "outlets": outlets(a.get("sources") or []),
                    }
                    for a in q.get("attributions") or []
                ],
            }
        )
    quotes = sorted(
        by_speaker.items(), key=lambda kv: (kv[0] == "Unattributed", -len(kv[1]), kv[0])
    )
    entities: list[dict[str, Any]] = sorted(
        (
            {
                "name": str(e.get("name") or ""),
                "type": str(e.get("type") or ""),
                "mentions": int(e.get("mentions") or 0),
                "outlets": outlets(e.get("sources") or []),
                "variants": [str(v) for v in e.get("variants") or [] if v != e.get("name")],
            }
            for e in report.get("entities") or []
        ),
        key=lambda e: (-len(e["outlets"]), -e["mentions"], e["name"]),
    )
    timeline: list[dict[str, Any]] = sorted(
        (
            {
                "date": str(t.get("date") or ""),
                "precision": str(t.get("precision") or ""),
                "expression": str(t.get("expression") or ""),
                "text": str(t.get("text") or ""),
                "outlets": outlets(t.get("sources") or []),
            }
            for t in report.get("timeline") or []
        ),
        key=lambda t: t["date"],
    )
    summary = [
        {
            "text": str(s.get("text") or ""),
            "kind": str(s.get("kind") or ""),
            "claim": str(s.get("claim") or ""),
            "outlets": outlets(s.get("sources") or []),
        }
        for s in report.get("summary") or []
    ]
    copies = [
        {
            "article": names.get(str(c.get("article")), str(c.get("article"))),
            "article_id": str(c.get("article")),
            "copy_of": names.get(str(c.get("copy_of")), str(c.get("copy_of"))),
            "copy_of_id": str(c.get("copy_of")),
            "similarity": float(c.get("similarity") or 0.0),
        }
        for c in report.get("copies") or []
    ]
    return {
        "title": str(report.get("title") or ""),
        "columns": columns[:MAX_COLUMNS],
        "hidden_columns": max(0, len(columns) - MAX_COLUMNS),
        "claims": claim_rows,
        "shared_count": sum(1 for c in claim_rows if c["kind"] == "shared"),
        "unique_count": sum(1 for c in claim_rows if c["kind"] != "shared"),
        "conflicts": conflicts,
        "updates": updates,
        "quotes": quotes,
        "entities": entities,
        "timeline": timeline,
        "agreement": [s for s in summary if s["kind"] == "agreement"],
        "differences": [s for s in summary if s["kind"] != "agreement"],
        "copies": copies,
    }


def article_view(report: Mapping[str, Any] | None, article: Article) -> dict[str, Any]:
    """The article's text cut into segments, with its claims marked, from its story report."""
    entry: Mapping[str, Any] | None = None
    if report:
        entry = next(
            (a for a in report.get("articles") or [] if str(a.get("id")) == article.id), None
        )
    if entry is None or entry.get("text") != article.text:
        from .clean import clean_article

        cleaned = clean_article(article)
        segs = segment_text(
            article.text,
            ((s.start, s.end) for s in cleaned.sentences),
            ((d.start, d.end, d.kind) for d in cleaned.debris),
            (),
            frozenset(),
        )
        return {"segments": segs, "claims": [], "has_report": False}
    claims = [
        c
        for c in (report or {}).get("claims") or []
        if any(str(e.get("article")) == article.id for e in c.get("evidence") or [])
    ]
    unique = frozenset(str(c.get("id")) for c in claims if c.get("kind") != "shared")
    marks = [
        (int(e.get("start", 0)), int(e.get("end", 0)), str(c.get("id")))
        for c in claims
        for e in c.get("evidence") or []
        if str(e.get("article")) == article.id
    ]
    segs = segment_text(
        article.text,
        ((int(s.get("start", 0)), int(s.get("end", 0))) for s in entry.get("sentences") or []),
        (
            (int(d.get("start", 0)), int(d.get("end", 0)), str(d.get("kind", "")))
            for d in entry.get("debris") or []
        ),
        marks,
        unique,
    )
    return {
        "segments": segs,
        "has_report": True,
        "shared_count": sum(1 for c in claims if c.get("kind") == "shared"),
        "unique_count": sum(1 for c in claims if c.get("kind") != "shared"),
    }


# --------------------------------------------------------------------------- OpenAPI


def _param(name: str, kind: str, description: str, **schema: Any) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": {"type": kind, **schema},
    }


def openapi_document() -> dict[str, Any]:
    """The hand-written OpenAPI 3.1 description of ``/api/``."""
    error = {"$ref": "#/components/responses/Error"}
    merged = {
        "description": (
            "The story was merged into another: Location is the same request for the "
            "story that holds its articles now."
        )
    }
    story_filters = [
        _param(
            "since",
            "string",
            "Stories that end on or after this date (YYYY-MM-DD or ISO 8601).",
            format="date",
        ),
        _param(
            "until",
            "string",
            "Stories that start on or before this date (inclusive).",
            format="date",
        ),
        _param("outlet", "string", "Only stories an outlet reports (exact outlet name)."),
        _param("entity", "string", "Only stories mentioning this person, organisation or place."),
        _param("q", "string", "Free-text search in titles and summaries."),
        _param(
            "min_sources",
            "integer",
            "At least this many independent sources.",
            minimum=1,
            default=1,
        ),
        _param(
            "order",
            "string",
            "`recent` (newest first) or `size` (most sources first).",
            enum=["recent", "size"],
            default="recent",
        ),
    ]
    paging = [
        _param(
            "limit",
            "integer",
            f"Page size (1 to {API_MAX_LIMIT}).",
            minimum=1,
            maximum=API_MAX_LIMIT,
            default=API_DEFAULT_LIMIT,
        ),
        _param("offset", "integer", "Stories to skip.", minimum=0, default=0),
    ]
    story_id = {
        "name": "story_id",
        "in": "path",
        "required": True,
        "description": "Story id, as listed by /api/stories.",
        "schema": {"type": "string"},
    }

    def ok(ref: str, description: str) -> dict[str, Any]:
        return {
            "description": description,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}},
        }

    return {
        "openapi": "3.1.0",
        "info": {
            "title": "newsweave API",
            "version": __version__,
            "description": (
                "Read the stories in a newsweave store: which outlets report a story, what they "
                "agree on, what only some report and where they conflict, with citations. Every "
                "HTML page of the web UI also has a JSON twin: add `.json` to its path "
                "(`/stories.json`, `/stories/{id}.json`, `/articles/{id}.json`, "
                "`/outlets/{name}.json`, `/entities/{name}.json`). Errors are JSON: "
                '`{"error": {"status": 400, "message": "..."}}`.'
            ),
            "license": {"name": "Apache-2.0", "identifier": "Apache-2.0"},
        },
        "servers": [{"url": "/"}],
        "paths": {
            "/api/stories": {
                "get": {
                    "summary": "List stories",
                    "description": "Newest first (or biggest with order=size), filtered and paginated.",
                    "operationId": "listStories",
                    "parameters": story_filters + paging,
                    "responses": {"200": ok("StoryList", "A page of stories."), "400": error},
                }
            },
            "/api/stories/{story_id}": {
                "get": {
                    "summary": "One story",
                    "description": "The story's summary, its articles and related stories.",
                    "operationId": "getStory",
                    "parameters": [story_id],
                    "responses": {
                        "200": ok("StoryDetail", "The story."),
                        "308": merged,
                        "404": error,
                    },
                }
            },
            "/api/stories/{story_id}/report": {
                "get": {
                    "summary": "A story's comparison report",
                    "description": (
                        "The full report JSON documented in docs/report.md (claims with evidence "
                        "spans, conflicts, quotes, entities, timeline, summary, copies, provenance). "
                        "Computed on first request and cached until the story changes."
                    ),
                    "operationId": "getStoryReport",
                    "parameters": [story_id],
                    "responses": {
                        "200": ok("Report", "The report."),
                        "308": merged,
                        "404": error,
                    },
                }
            },
            "/api/articles/{article_id}": {
                "get": {
                    "summary": "One article",
                    "description": "The article's metadata, original text, story and copies.",
                    "operationId": "getArticle",
                    "parameters": [
                        {
                            "name": "article_id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        }
                    ],
                    "responses": {"200": ok("ArticleDetail", "The article."), "404": error},
                }
            },
            "/api/search": {
                "get": {
                    "summary": "Search stories",
                    "description": "Stories whose title or summary matches `q`; the other story filters apply too.",
                    "operationId": "search",
                    "parameters": [
                        {**_param("q", "string", "Words to look for."), "required": True},
                        *story_filters[:4],
                        *paging,
                    ],
                    "responses": {"200": ok("StoryList", "Matching stories."), "400": error},
                }
            },
            "/api/outlets": {
                "get": {
                    "summary": "Outlets",
                    "description": "Outlets in the store with their number of stories.",
                    "operationId": "listOutlets",
                    "responses": {"200": ok("NameCounts", "Outlets.")},
                }
            },
            "/api/entities": {
                "get": {
                    "summary": "Entities",
                    "description": "People, organisations and places with their number of stories.",
                    "operationId": "listEntities",
                    "responses": {"200": ok("NameCounts", "Entities.")},
                }
            },
            "/api/ingest": {
                "post": {
                    "summary": "Add articles",
                    "description": (
                        "Upload files (multipart field `files`: text, JSON/JSONL, HTML or RSS/Atom) "
                        'or send `{"url": "https://..."}` to fetch a page or feed. The request may '
                        "carry at most the server's max_upload_bytes. Refused with 403 on a "
                        "read-only server and from other sites' pages."
                    ),
                    "operationId": "ingest",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "multipart/form-data": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "files": {
                                            "type": "array",
                                            "items": {"type": "string", "format": "binary"},
                                        }
                                    },
                                }
                            },
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["url"],
                                    "properties": {"url": {"type": "string", "format": "uri"}},
                                }
                            },
                        },
                    },
                    "responses": {
                        "200": ok("IngestResult", "What was added."),
                        "400": error,
                        "403": error,
                        "413": error,
                        "415": error,
                    },
                }
            },
            "/api/openapi.json": {
                "get": {
                    "summary": "This document",
                    "operationId": "openapi",
                    "responses": {"200": {"description": "OpenAPI 3.1 document."}},
                }
            },
        },
        "components": {
            "responses": {
                "Error": {
                    "description": "A bad request, an unknown id, or a refused write.",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                    },
                }
            },
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {
                        "error": {
                            "type": "object",
                            "required": ["status", "message"],
                            "properties": {
                                "status": {"type": "integer"},
                                "message": {"type": "string"},
                            },
                        }
                    },
                },
                "StorySummary": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string"},
                        "title": {"type": "string"},
                        "start": {"type": ["string", "null"], "format": "date-time"},
                        "end": {"type": ["string", "null"], "format": "date-time"},
                        "article_count": {"type": "integer"},
                        "source_count": {
                            "type": "integer",
                            "description": "Independent sources (copies collapsed).",
                        },
                        "outlets": {"type": "array", "items": {"type": "string"}},
                        "summary": {"type": "string"},
                        "has_conflicts": {
                            "type": ["boolean", "null"],
                            "description": "null until the report is computed.",
                        },
                        "storyline": {"type": ["string", "null"]},
                        "updated": {"type": "string", "format": "date-time"},
                        "url": {"type": "string"},
                        "api_url": {"type": "string"},
                    },
                },
                "StoryList": {
                    "type": "object",
                    "properties": {
                        "stories": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/StorySummary"},
                        },
                        "total": {"type": "integer"},
                        "limit": {"type": "integer"},
                        "offset": {"type": "integer"},
                        "next": {"type": ["string", "null"]},
                        "provenance": {
                            "type": "object",
                            "description": "newsweave version, components with versions, "
                            "settings and clustering parameters behind the story assignments",
                        },
                    },
                },
                "Article": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string"},
                        "outlet": {"type": "string"},
                        "title": {"type": "string"},
                        "url": {"type": "string"},
                        "published": {"type": ["string", "null"], "format": "date-time"},
                        "origin": {"type": "string"},
                    },
                },
                "StoryDetail": {
                    "type": "object",
                    "properties": {
                        "story": {"$ref": "#/components/schemas/StorySummary"},
                        "articles": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Article"},
                        },
                        "related": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/StorySummary"},
                        },
                        "similar": {
                            "type": "array",
                            "description": "Stories of the same days that read alike "
                            "(pieces of one event that the clustering kept apart, "
                            "daily editions of a series).",
                            "items": {"$ref": "#/components/schemas/StorySummary"},
                        },
                        "report_url": {"type": "string"},
                    },
                },
                "ArticleDetail": {
                    "allOf": [
                        {"$ref": "#/components/schemas/Article"},
                        {
                            "type": "object",
                            "properties": {
                                "text": {"type": "string"},
                                "story_id": {"type": ["string", "null"]},
                                "revisions": {"type": "integer"},
                                "copies": {"type": "array", "items": {"type": "string"}},
                            },
                        },
                    ]
                },
                "Report": {
                    "type": "object",
                    "description": "See docs/report.md and src/newsweave/report.schema.json.",
                },
                "NameCounts": {
                    "type": "object",
                    "properties": {
                        "items": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "name": {"type": "string"},
                                    "stories": {"type": "integer"},
                                },
                            },
                        }
                    },
                },
                "IngestResult": {
                    "type": "object",
                    "properties": {
                        "added": {"type": "integer"},
                        "updated": {"type": "integer"},
                        "unchanged": {"type": "integer"},
                        "skipped": {"type": "integer"},
                        "stories_created": {"type": "integer"},
                        "stories_changed": {"type": "integer"},
                        "articles": {"type": "integer"},
                        "skipped_inputs": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "origin": {"type": "string"},
                                    "reason": {"type": "string"},
                                },
                            },
                        },
                    },
                },
            },
        },
    }


# --------------------------------------------------------------------------- the app


class _SecurityHeaders:
    """Adds the CSP and related headers to every response (pure ASGI: no body buffering)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class _Web:
    """The views; one instance per app, holding the settings and the store access."""

    def __init__(self, settings: Settings, stores: _Stores) -> None:
        self.settings = settings
        self.stores = stores
        self.env = Environment(
            loader=FileSystemLoader(str(TEMPLATES)),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals.update(
            version=__version__,
            allow_writes=settings.allow_writes,
            fmt_span=fmt_span,
            fmt_date=fmt_date,
            fmt_datetime=fmt_datetime,
            story_title=story_title,
            debris_labels=DEBRIS_LABELS,
        )
        self.env.filters["q"] = lambda s: quote(str(s), safe="")
        self.env.filters["thousands"] = lambda n: f"{int(n):,}"
        self.env.filters["code"] = inline_code

    # ---------------------------------------------------------------- helpers
    def page(
        self, request: Request, name: str, context: dict[str, Any], status: int = 200
    ) -> HTMLResponse:
        template = self.env.get_template(name)
        html = template.render({"request": request, "path": request.url.path, **context})
        return HTMLResponse(html, status_code=status)

    @property
    def store(self) -> Store:
        return self.stores.reader()

    def moved(self, request: Request, story_id: str) -> Response | None:
        """A permanent redirect when ``story_id`` names a story merged into another
        (``Store.resolve``): links and bookmarks to it lead to the story that holds its
        articles now. None when the id is a story (or no story at all: a 404 follows)."""
        now = self.store.resolve(story_id)
        if now is None or now == story_id:
            return None
        old, new = quote(story_id, safe=""), quote(now, safe="")
        path = request.url.path.replace(f"/{old}", f"/{new}", 1)
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(path + query, status_code=308)

    def story_or_404(self, story_id: str) -> StorySummary:
        summary = self.store.story(story_id)
        if summary is None:
            raise ApiError(404, f"no story with id {story_id!r}")
        return summary

    # ---------------------------------------------------------------- stories
    def stories_page(self, request: Request) -> Response:
        as_json = request.url.path.endswith(".json")
        params = request.query_params
        filters = parse_filters(params)
        if as_json:
            limit = parse_int(params, "limit", API_DEFAULT_LIMIT, 1, API_MAX_LIMIT)
            offset = parse_int(params, "offset", 0, 0, 10**9)
            return json_response(self.story_list(request, filters, limit, offset))
        page = parse_int(params, "page", 1, 1, 10**6)
        kwargs = filters.store_kwargs()
        total = self.stores.count(kwargs)
        stories = self.store.stories(
            **kwargs, order=filters.order, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
        )
        pages = max(1, math.ceil(total / PAGE_SIZE))
        base = filters.query()

        def link(**changes: Any) -> str:
            q = {**base, **{k: str(v) for k, v in changes.items() if v is not None}}
            if q.get("page") == "1":
                q.pop("page")
            return "/stories" + ("?" + urlencode(q) if q else "")

        return self.page(
            request,
            "stories.html",
            {
                "title": "Stories",
                "stories": stories,
                "filters": filters,
                "total": total,
                "page": page,
                "pages": pages,
                "prev_url": link(page=page - 1) if page > 1 else None,
                "next_url": link(page=page + 1) if page < pages else None,
                "order_urls": {
                    "recent": link(order=None)
                    if filters.order == "recent"
                    else _without(base, "order", "/stories"),
                    "size": "/stories?" + urlencode({**base, "order": "size"}),
                },
                "json_url": "/stories.json" + ("?" + urlencode(base) if base else ""),
                "outlets": self.stores.facet("outlets", lambda st: st.outlets(limit=200)),
                "entities": self.stores.facet("entities", lambda st: st.entities(limit=200)),
                "stats": self.stores.facet("stats", lambda st: st.stats()),
            },
        )

    def story_list(
        self, request: Request, filters: StoryFilters, limit: int, offset: int
    ) -> dict[str, Any]:
        kwargs = filters.store_kwargs()
        stories = self.store.stories(**kwargs, order=filters.order, limit=limit, offset=offset)
        total = self.stores.count(kwargs)
        nxt = None
        if offset + limit < total:
            q = dict(request.query_params)
            q.update(limit=str(limit), offset=str(offset + limit))
            nxt = request.url.path + "?" + urlencode(q)
        return {
            "stories": [summary_json(s) for s in stories],
            "total": total,
            "limit": limit,
            "offset": offset,
            "next": nxt,
            "provenance": clustering_provenance(self.settings),
        }

    def story_page(self, request: Request) -> Response:
        story_id, as_json = _split_json(request.path_params["story_id"])
        if (moved := self.moved(request, story_id)) is not None:
            return moved
        summary = self.story_or_404(story_id)
        report = self.stores.report(summary)
        related = self.store.related_stories(story_id, limit=10)
        similar = self.similar(story_id)
        if as_json:
            return json_response(
                {
                    "story": summary_json(summary),
                    "related": [summary_json(s) for s in related],
                    "similar": [summary_json(s) for s in similar],
                    "report": report,
                }
            )
        view = story_view(report)
        return self.page(
            request,
            "story.html",
            {
                "title": story_title(summary, view["title"]),
                "story": summary,
                "view": view,
                "related": related,
                "similar": similar,
                "json_url": f"/stories/{quote(story_id, safe='')}.json",
            },
        )

    def similar(self, story_id: str) -> list[StorySummary]:
        """Stories of the same days that read alike (``Store.similar_stories``) over an
        in-memory index of the stories' centroids, rebuilt every ``CENTROID_SECONDS``."""
        index = self.stores.facet(
            "centroids", lambda st: st.centroid_index(), seconds=CENTROID_SECONDS
        )
        return self.store.similar_stories(story_id, limit=5, index=index)

    def api_story(self, request: Request) -> Response:
        story_id = request.path_params["story_id"]
        if (moved := self.moved(request, story_id)) is not None:
            return moved
        summary = self.story_or_404(story_id)
        articles = self.store.story_articles(story_id)
        related = self.store.related_stories(story_id, limit=10)
        similar = self.similar(story_id)
        return json_response(
            {
                "story": summary_json(summary),
                "articles": [article_json(a) for a in articles],
                "related": [summary_json(s) for s in related],
                "similar": [summary_json(s) for s in similar],
                "report_url": f"/api/stories/{quote(story_id, safe='')}/report",
            }
        )

    def api_report(self, request: Request) -> Response:
        story_id = request.path_params["story_id"]
        if (moved := self.moved(request, story_id)) is not None:
            return moved
        summary = self.story_or_404(story_id)
        return json_response(self.stores.report(summary))

    def api_stories(self, request: Request) -> Response:
        params = request.query_params
        filters = parse_filters(params)
        limit = parse_int(params, "limit", API_DEFAULT_LIMIT, 1, API_MAX_LIMIT)
        offset = parse_int(params, "offset", 0, 0, 10**9)
        return json_response(self.story_list(request, filters, limit, offset))

    def api_search(self, request: Request) -> Response:
        params = request.query_params
        if not (params.get("q") or "").strip():
            raise ApiError(400, "q is required: the words to search for")
        return self.api_stories(request)

    # ---------------------------------------------------------------- articles
    def article_page(self, request: Request) -> Response:
        raw = request.path_params["article_id"]
        article_id, as_json = _split_json(raw)
        stored = self.store.article(article_id) if as_json else None
        if stored is None:
            # Ids are normalised URLs, which may themselves end in ".json".
            article_id, as_json = raw, False
            stored = self.store.article(article_id)
        if stored is None:
            raise ApiError(404, f"no article with id {article_id!r}")
        if as_json or request.url.path.startswith("/api/"):
            return json_response(stored_article_json(stored))
        story = self.store.story(stored.story_id) if stored.story_id else None
        report = self.stores.report(story) if story else None
        copies = [c for c in (self.store.article(cid) for cid in stored.copies) if c is not None]
        return self.page(
            request,
            "article.html",
            {
                "title": stored.article.title or stored.article.outlet or article_id,
                "stored": stored,
                "a": stored.article,
                "story": story,
                "view": article_view(report, stored.article),
                "copies": copies,
                "json_url": f"/articles/{quote(article_id, safe='')}.json",
            },
        )

    # ---------------------------------------------------------------- outlets / entities
    def names_page(self, request: Request) -> Response:
        kind = (
            "outlets" if request.url.path.startswith(("/outlets", "/api/outlets")) else "entities"
        )
        rows = (
            self.store.outlets(limit=1000) if kind == "outlets" else self.store.entities(limit=1000)
        )
        if request.url.path.endswith(".json") or request.url.path.startswith("/api/"):
            return json_response({"items": [{"name": n, "stories": c} for n, c in rows]})
        return self.page(
            request,
            "names.html",
            {
                "title": "Outlets" if kind == "outlets" else "Entities",
                "kind": kind,
                "rows": rows,
                "json_url": f"/{kind}.json",
            },
        )

    def name_page(self, request: Request) -> Response:
        kind = "outlets" if request.url.path.startswith("/outlets/") else "entities"
        name, as_json = _split_json(request.path_params["name"])
        params = request.query_params
        page = parse_int(params, "page", 1, 1, 10**6)
        order = params.get("order") or "recent"
        if order not in {"recent", "size"}:
            raise ApiError(400, f"order={order!r} is not one of: recent, size")
        key = "outlet" if kind == "outlets" else "entity"
        by: dict[str, Any] = {key: name}
        total = self.stores.count(by)
        matched_by = key
        if total == 0 and key == "entity" and len(name) <= 500:
            # The report names more entities than the store indexes per story: fall
            # back to the stories whose titles or names contain the words.
            by, matched_by = {"search": name}, "search"
            total = self.stores.count(by)
        if as_json:
            limit = parse_int(params, "limit", API_DEFAULT_LIMIT, 1, API_MAX_LIMIT)
            offset = parse_int(params, "offset", 0, 0, 10**9)
        else:
            limit, offset = PAGE_SIZE, (page - 1) * PAGE_SIZE
        stories = self.store.stories(**by, order=order, limit=limit, offset=offset)
        if total == 0:
            raise ApiError(404, f"no stories for {key} {name!r}")
        if as_json:
            return json_response(
                {
                    key: name,
                    "matched_by": matched_by,
                    "total": total,
                    "limit": limit,
                    "offset": offset,
                    "stories": [summary_json(s) for s in stories],
                }
            )
        pages = max(1, math.ceil(total / PAGE_SIZE))
        here = f"/{kind}/{quote(name, safe='')}"
        return self.page(
            request,
            "name.html",
            {
                "title": name,
                "kind": key,
                "name": name,
                "stories": stories,
                "total": total,
                "page": page,
                "prev_url": f"{here}?page={page - 1}" if page > 1 else None,
                "next_url": f"{here}?page={page + 1}" if page < pages else None,
                "pages": pages,
                "matched_by": matched_by,
                "filter_url": "/stories?"
                + urlencode({"q" if matched_by == "search" else key: name}),
                "json_url": f"{here}.json",
            },
        )

    # ---------------------------------------------------------------- ingest
    def add_page(self, request: Request) -> Response:
        if request.url.path.endswith(".json"):
            return json_response(
                {
                    "allow_writes": self.settings.allow_writes,
                    "max_upload_bytes": self.settings.max_upload_bytes,
                    "accepted_suffixes": list(UPLOAD_SUFFIXES),
                    "api": "/api/ingest",
                }
            )
        return self.page(request, "add.html", self._add_context())

    def _add_context(self, **extra: Any) -> dict[str, Any]:
        return {
            "title": "Add articles",
            "max_mb": self.settings.max_upload_bytes / 1_000_000,
            "suffixes": ", ".join(UPLOAD_SUFFIXES),
            "accept": ",".join(UPLOAD_SUFFIXES),
            **extra,
        }

    async def add_post(self, request: Request) -> Response:
        try:
            outcome = await self.ingest_request(request)
        except ApiError as exc:
            return self.page(
                request,
                "add.html",
                self._add_context(error=exc.message, url=""),
                status=exc.status,
            )
        return self.page(request, "add.html", self._add_context(outcome=outcome))

    async def api_ingest(self, request: Request) -> Response:
        return json_response(await self.ingest_request(request))

    async def ingest_request(self, request: Request) -> dict[str, Any]:
        """Read the uploaded files or the URL to fetch, and ingest them into the store."""
        from starlette.concurrency import run_in_threadpool

        if not self.settings.allow_writes:
            raise ApiError(403, "this server is read-only: adding articles is turned off")
        _check_same_origin(request)
        body = await _read_limited(request, self.settings.max_upload_bytes)
        media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        replay = _replayed(request, body)
        result = IngestResult()
        if media_type == "application/json":
            try:
                payload = json.loads(body or b"null")
            except (ValueError, UnicodeDecodeError):
                raise ApiError(400, "the request body is not valid JSON") from None
            url = payload.get("url") if isinstance(payload, dict) else None
            if not isinstance(url, str) or not url.strip():
                raise ApiError(400, 'send {"url": "https://..."} to fetch a page or feed')
            result = await run_in_threadpool(self._fetch, url)
        elif media_type in {"multipart/form-data", "application/x-www-form-urlencoded"}:
            form = await replay.form(
                max_files=100, max_fields=20, max_part_size=self.settings.max_upload_bytes
            )
            try:
                url = str(form.get("url") or "").strip()
                uploads = [
                    f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename
                ]
                if not uploads and not url:
                    raise ApiError(400, "choose at least one file to upload or give a URL")
                for upload in uploads:
                    name = Path(upload.filename or "upload").name
                    data = await upload.read()
                    part = _parse_upload(name, data, upload.content_type, self.settings)
                    result.articles.extend(part.articles)
                    result.skipped.extend(part.skipped)
                if url:
                    part = await run_in_threadpool(self._fetch, url)
                    result.articles.extend(part.articles)
                    result.skipped.extend(part.skipped)
            finally:
                await form.close()
        else:
            raise ApiError(
                415,
                f'unsupported content type {media_type or "(none)"!r}: send multipart/form-data files or JSON {{"url": ...}}',
            )
        skipped = [{"origin": s.origin, "reason": s.reason} for s in result.skipped]
        if not result.articles:
            reasons = (
                "; ".join(f"{s['origin']}: {s['reason']}" for s in skipped) or "no article found"
            )
            raise ApiError(400, f"nothing to add ({reasons})")
        stats = await run_in_threadpool(self.stores.ingest, result.articles)
        return {**stats, "articles": len(result.articles), "skipped_inputs": skipped}

    def _fetch(self, url: str) -> IngestResult:
        from .fetch import fetch_url

        try:
            return fetch_url(url, self.settings)
        except InputError as exc:
            raise ApiError(400, str(exc)) from None

    # ---------------------------------------------------------------- API docs
    def openapi(self, request: Request) -> Response:
        return json_response(openapi_document())

    def api_docs(self, request: Request) -> Response:
        doc = openapi_document()
        operations = [
            {
                "path": path,
                "method": method.upper(),
                "op": op,
                "anchor": op.get("operationId", path),
            }
            for path, item in doc["paths"].items()
            for method, op in item.items()
        ]
        return self.page(
            request,
            "api_docs.html",
            {
                "title": "API",
                "doc": doc,
                "operations": operations,
                "schemas": doc["components"]["schemas"],
                "pretty": lambda v: json.dumps(v, indent=2, ensure_ascii=False),
            },
        )

    # ---------------------------------------------------------------- errors
    async def on_error(self, request: Request, exc: Exception) -> Response:
        if isinstance(exc, ApiError):
            status, message = exc.status, exc.message
        elif isinstance(exc, HTTPException):
            status = exc.status_code
            message = {404: "not found", 405: "method not allowed"}.get(status, str(exc.detail))
            if status == 404 and not _wants_json(request):
                message = f"nothing here at {request.url.path}"
        elif isinstance(exc, StoreError | InputError | NewsweaveError):
            status, message = 400, str(exc)
        else:  # a bug: say so without leaking a traceback
            print(f"newsweave: error serving {request.url.path}: {exc!r}", file=sys.stderr)
            status, message = 500, "internal error (the server log has details)"
        if _wants_json(request):
            return json_response(error_body(status, message), status=status)
        return self.page(
            request,
            "error.html",
            {"title": f"Error {status}", "status": status, "message": message},
            status=status,
        )


def inline_code(text: str) -> Markup:
    """``text`` escaped, with `backticked` words set as code (for the API docs page)."""
    escaped = str(escape(text))
    return Markup(re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped))


def _without(query: Mapping[str, str], key: str, path: str) -> str:
    q = {k: v for k, v in query.items() if k != key}
    return path + ("?" + urlencode(q) if q else "")


def _split_json(value: str) -> tuple[str, bool]:
    return (value[:-5], True) if value.endswith(".json") else (value, False)


def _check_same_origin(request: Request) -> None:
    """Refuse writes sent by another site's page (a local server is reachable from any tab)."""
    if request.headers.get("sec-fetch-site", "") == "cross-site":
        raise ApiError(403, "cross-site requests cannot add articles")
    origin = request.headers.get("origin")
    if origin and origin != "null":
        host = request.headers.get("host", "")
        if urlsplit(origin).netloc != host:
            raise ApiError(403, f"requests from {origin} cannot add articles")
    elif origin == "null":
        raise ApiError(403, "requests from an opaque origin cannot add articles")


async def _read_limited(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise ApiError(
            413, f"the upload is too large ({int(declared):,} bytes; the limit is {limit:,})"
        )
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"the upload is too large (more than {limit:,} bytes)")
        chunks.append(chunk)
    return b"".join(chunks)


def _replayed(request: Request, body: bytes) -> Request:
    """A request whose body is ``body`` again (the original stream is consumed)."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return Request(request.scope, receive)


def _parse_upload(
    name: str, data: bytes, content_type: str | None, settings: Settings
) -> IngestResult:
    if not name.lower().endswith(UPLOAD_SUFFIXES):
        return IngestResult(
            skipped=[
                Skipped(name, f"unsupported file type (accepted: {', '.join(UPLOAD_SUFFIXES)})")
            ]
        )
    ctype = (content_type or "").split(";", 1)[0].strip().lower()
    generic = {"", "application/octet-stream"}
    return parse_bytes(
        data, name=name, content_type=None if ctype in generic else ctype, settings=settings
    )


def create_app(settings: Settings, store_path: str | Path | None = None) -> Starlette:
    """The Starlette app serving the store at ``store_path`` (default: ``settings.store_path()``).

    A missing store is created when writes are allowed; a read-only app refuses it.
    """
    path = Path(store_path).expanduser() if store_path else settings.store_path()
    if not path.exists():
        if not settings.allow_writes:
            raise StoreError(f"{path}: store not found (a read-only server cannot create it)")
        path.parent.mkdir(parents=True, exist_ok=True)
    # Open once up front so that the file is created and migrated before any request.
    Store(path, readonly=path.exists() and not _writable(path)).close()
    stores = _Stores(path, settings)
    web = _Web(settings, stores)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            stores.close()

    def redirect(to: str) -> Callable[[Request], Response]:
        def view(request: Request) -> Response:
            return RedirectResponse(to, status_code=308)

        return view

    async def no_icon(request: Request) -> Response:
        return RedirectResponse("/static/favicon.svg", status_code=308)

    routes = [
        Route("/", web.stories_page, name="home"),
        Route("/stories", web.stories_page, name="stories"),
        Route("/stories.json", web.stories_page),
        Route("/stories/{story_id}", web.story_page, name="story"),
        Route("/articles/{article_id:path}", web.article_page, name="article"),
        Route("/outlets", web.names_page, name="outlets"),
        Route("/outlets.json", web.names_page),
        Route("/outlets/{name:path}", web.name_page, name="outlet"),
        Route("/entities", web.names_page, name="entities"),
        Route("/entities.json", web.names_page),
        Route("/entities/{name:path}", web.name_page, name="entity"),
        Route("/add", web.add_page, name="add"),
        Route("/add.json", web.add_page),
        Route("/add", web.add_post, methods=["POST"]),
        Route("/api", redirect("/api/docs")),
        Route("/api/", redirect("/api/docs")),
        Route("/api/docs", web.api_docs, name="api_docs"),
        Route("/api/openapi.json", web.openapi),
        Route("/api/stories", web.api_stories),
        Route("/api/stories/{story_id}", web.api_story),
        Route("/api/stories/{story_id}/report", web.api_report),
        Route("/api/articles/{article_id:path}", web.article_page),
        Route("/api/search", web.api_search),
        Route("/api/outlets", web.names_page),
        Route("/api/entities", web.names_page),
        Route("/api/ingest", web.api_ingest, methods=["POST"]),
        Route("/favicon.ico", no_icon),
        Mount("/static", StaticFiles(directory=str(STATIC)), name="static"),
    ]
    handlers: dict[Any, Callable[[Request, Exception], Awaitable[Response]]] = {
        ApiError: web.on_error,
        HTTPException: web.on_error,
        NewsweaveError: web.on_error,
        Exception: web.on_error,
    }
    app = Starlette(routes=routes, exception_handlers=handlers, lifespan=lifespan)
    app.state.settings = settings
    app.state.store_path = path
    app.add_middleware(_SecurityHeaders)
    return app


LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def serve(settings: Settings) -> None:
    """Run the web app with uvicorn on ``settings.host``:``settings.port`` until Ctrl-C."""
    import socket

    import uvicorn

    app = create_app(settings)
    host, port = settings.host, settings.port
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        raise NewsweaveError(
            f"cannot listen on {host}:{port} ({exc.strerror}); choose another port with --port"
        ) from None
    shown = f"[{host}]" if ":" in host else host
    if host not in LOOPBACK:
        print(
            f"newsweave: WARNING: listening on {host}, reachable from other machines."
            + (
                ""
                if not settings.allow_writes
                else " Anyone who can reach it can add articles; use --read-only for a public server."
            ),
            file=sys.stderr,
        )
    with Store(app.state.store_path, readonly=True) as store:
        empty = store.stats().get("articles", 0) == 0
    if empty:
        print(
            "newsweave: the store is empty: add articles with `newsweave ingest FILES` or on "
            "the Add articles page (after `make demo`: newsweave serve --store out/demo/demo.sqlite)",
            file=sys.stderr,
        )
    mode = "read-only" if not settings.allow_writes else "read-write"
    print(f"newsweave: serving {app.state.store_path} ({mode})", file=sys.stderr)
    print(
        f"newsweave: open http://{shown if host not in {'0.0.0.0', '::'} else '127.0.0.1'}:{port}/  (Ctrl-C to stop)",
        file=sys.stderr,
    )
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
