"""Fetch: download one web page or feed and read it into articles.

This is the only module of newsweave that touches the network (trafilatura style:
extraction never fetches). The network boundary is one ``httpx`` transport, so tests
swap in an ``httpx.MockTransport`` instead of a socket (httpx style).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from urllib.parse import urlsplit

import httpx

from . import __version__
from .errors import InputError
from .ingest import IngestResult, normalize_url, parse_bytes
from .settings import Settings

__all__ = ["ACCEPTED_TYPES", "MAX_REDIRECTS", "TIMEOUT", "fetch_url"]

TIMEOUT = 15.0  # seconds for connecting and for each read
MAX_REDIRECTS = 5

# Media types newsweave can read: web pages, feeds, JSON records and plain text.
ACCEPTED_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "application/feed+json",
        "application/json",
        "application/x-ndjson",
        "application/jsonl",
        "text/plain",
    }
)

_HEADERS = {
    "User-Agent": f"newsweave/{__version__} (local news comparison; +https://example.invalid/newsweave)",
    "Accept": "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
    "application/xml;q=0.9, text/plain;q=0.5",
}


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"}:
        raise InputError(url or "(empty URL)", "only http:// and https:// URLs can be fetched")
    if not parts.hostname:
        raise InputError(url, "the URL has no host name")


def _refuse_other_schemes(url: str) -> Callable[[httpx.Request], None]:
    """A request hook: a redirect may only lead to another http(s) address."""

    def check(request: httpx.Request) -> None:
        if request.url.scheme not in {"http", "https"}:
            raise InputError(url, "redirected to a URL that is not http:// or https://")

    return check


def _media_type(header: str) -> str:
    return header.split(";", 1)[0].strip().lower()


def fetch_url(
    url: str,
    settings: Settings | None = None,
    *,
    transport: httpx.BaseTransport | None = None,
    timeout: float = TIMEOUT,
) -> IngestResult:
    """Download ``url`` (an article page or an RSS/Atom feed) and read it into articles.

    An HTML page gives one article, a feed gives its items (through
    :func:`newsweave.ingest.parse_bytes`). Only http/https; at most
    ``settings.max_upload_bytes`` bytes; redirects are limited to ``MAX_REDIRECTS``.
    Raises :class:`InputError` naming the URL and the reason when it cannot be used.
    """
    settings = settings or Settings()
    url = url.strip()
    _check_url(url)
    limit = settings.max_upload_bytes
    try:
        with (
            httpx.Client(
                transport=transport,
                timeout=httpx.Timeout(timeout),
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                headers=_HEADERS,
                event_hooks={"request": [_refuse_other_schemes(url)]},
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                reason = response.reason_phrase or "error"
                raise InputError(url, f"the server answered HTTP {response.status_code} {reason}")
            media_type = _media_type(response.headers.get("content-type", ""))
            if media_type and media_type not in ACCEPTED_TYPES:
                raise InputError(
                    url,
                    f"unsupported content type {media_type!r} (expected a web page, a feed, JSON or text)",
                )
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise InputError(
                    url, f"too large ({int(declared):,} bytes; the limit is {limit:,})"
                )
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise InputError(url, f"too large (more than {limit:,} bytes)")
                chunks.append(chunk)
            final_url = str(response.url)
    except httpx.TimeoutException:
        raise InputError(url, f"timed out after {timeout:g} s") from None
    except httpx.TooManyRedirects:
        raise InputError(url, f"more than {MAX_REDIRECTS} redirects") from None
    except httpx.UnsupportedProtocol:
        raise InputError(url, "redirected to a URL that is not http:// or https://") from None
    except httpx.ConnectError as exc:
        raise InputError(url, f"cannot connect ({exc or 'connection refused'})") from None
    except httpx.HTTPError as exc:
        raise InputError(url, f"download failed ({type(exc).__name__}: {exc})") from None
    result = parse_bytes(
        b"".join(chunks), name=url, content_type=media_type or None, settings=settings
    )
    # A page that does not name its own address gets the one it was fetched from (after
    # redirects), so that it links back to the original and its id is URL based.
    norm = normalize_url(final_url)
    result.articles = [
        dataclasses.replace(a, url=final_url, id=norm or a.id)
        if not a.url and a.origin == url
        else a
        for a in result.articles
    ]
    return result
