"""fetch_url: real HTTP servers on 127.0.0.1 and swapped-in transports."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from newsweave.errors import InputError
from newsweave.fetch import MAX_REDIRECTS, fetch_url
from newsweave.settings import Settings

# Fictional page and feed, written for these tests.
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour ferry service resumes after storm | The Marlow Ledger</title>
<meta property="og:site_name" content="The Marlow Ledger">
<meta property="og:title" content="Harbour ferry service resumes after storm">
<meta name="date" content="2031-03-04">
</head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a></nav>
<article>
<h1>Harbour ferry service resumes after storm</h1>
<p>The ferry between Marlow Quay and Finch Island resumed on Tuesday morning, three days after
a storm tore a mooring from the island pier, the harbour authority said.</p>
<p>Harbour master Ilse Brandvold said divers had inspected the pier overnight and found no damage
below the waterline. "We will run the full timetable from Wednesday," she said.</p>
<p>About 1,200 islanders rely on the ferry to reach the mainland for work and school. During the
closure, a fishing cooperative carried medicines and post across the strait.</p>
</article>
<footer>Subscribe to our newsletter</footer>
</body></html>
"""

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Finch Island Courier</title><link>https://courier.example/</link>
<description>News from the island</description><language>en</language>
<item><title>Ferry back on schedule after three-day halt</title>
<link>https://courier.example/news/ferry-back</link>
<pubDate>Tue, 04 Mar 2031 09:30:00 GMT</pubDate>
<description>The island ferry sailed again on Tuesday after storm damage to the pier was ruled out by divers working through the night.</description></item>
<item><title>Cooperative boats carried medicine during the closure</title>
<link>https://courier.example/news/coop-boats</link>
<pubDate>Mon, 03 Mar 2031 17:00:00 GMT</pubDate>
<description>Fishing boats from the island cooperative made six crossings with medicines and post while the ferry was stopped.</description></item>
</channel></rss>
"""


@dataclass
class Site:
    """What the test server answers: path -> (status, content type, body, extra headers)."""

    routes: dict[str, tuple[int, str, bytes, dict[str, str]]] = field(default_factory=dict)
    delay: float = 0.0
    hits: list[str] = field(default_factory=list)


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.hits.append(self.path)
            if site.delay and self.path == "/slow":
                time.sleep(site.delay)
            status, ctype, body, headers = site.routes.get(
                self.path, (404, "text/plain", b"not here", {})
            )
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def site() -> Iterator[tuple[Site, str]]:
    state = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_html_page_becomes_one_article(site: tuple[Site, str]) -> None:
    state, base = site
    state.routes["/news/ferry"] = (200, "text/html; charset=utf-8", PAGE.encode(), {})
    result = fetch_url(base + "/news/ferry", Settings())
    assert result.skipped == []
    [article] = result.articles
    assert "Ilse Brandvold" in article.text
    assert "Subscribe to our newsletter" not in article.text
    assert article.title == "Harbour ferry service resumes after storm"
    assert article.outlet == "The Marlow Ledger"
    # The page does not name its own address, so it gets the fetched one.
    assert article.url == base + "/news/ferry"
    assert article.origin == base + "/news/ferry"


def test_feed_becomes_its_items(site: tuple[Site, str]) -> None:
    state, base = site
    state.routes["/feed.xml"] = (200, "application/rss+xml", FEED.encode(), {})
    result = fetch_url(base + "/feed.xml", Settings())
    assert [a.url for a in result.articles] == [
        "https://courier.example/news/ferry-back",
        "https://courier.example/news/coop-boats",
    ]
    assert result.articles[0].title == "Ferry back on schedule after three-day halt"
    assert result.articles[0].published is not None
    assert result.articles[0].published.day == 4


def test_redirect_is_followed(site: tuple[Site, str]) -> None:
    state, base = site
    state.routes["/old"] = (301, "", b"", {"Location": "/news/ferry"})
    state.routes["/news/ferry"] = (200, "text/html", PAGE.encode(), {})
    result = fetch_url(base + "/old", Settings())
    [article] = result.articles
    assert article.url == base + "/news/ferry"
    assert state.hits == ["/old", "/news/ferry"]


def test_redirect_loop_is_refused(site: tuple[Site, str]) -> None:
    state, base = site
    state.routes["/loop"] = (302, "", b"", {"Location": "/loop"})
    with pytest.raises(InputError, match=f"more than {MAX_REDIRECTS} redirects"):
        fetch_url(base + "/loop", Settings())


def test_http_error_status(site: tuple[Site, str]) -> None:
    _, base = site
    with pytest.raises(InputError) as info:
        fetch_url(base + "/missing", Settings())
    assert str(info.value) == f"{base}/missing: the server answered HTTP 404 Not Found"


def test_wrong_content_type(site: tuple[Site, str]) -> None:
    state, base = site
    state.routes["/photo.png"] = (200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64), {})
    with pytest.raises(InputError, match="unsupported content type 'image/png'"):
        fetch_url(base + "/photo.png", Settings())


def test_too_large_by_header(site: tuple[Site, str]) -> None:
    state, base = site
    state.routes["/big"] = (200, "text/plain", b"word " * 400, {})
    with pytest.raises(InputError, match=r"too large \(2,000 bytes; the limit is 1,000\)"):
        fetch_url(base + "/big", Settings(max_upload_bytes=1000))


def test_too_large_while_streaming() -> None:
    # No Content-Length: the size is only known while reading.
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, headers={"Content-Type": "text/plain"}, content=iter([b"x" * 600] * 3)
        )

    with pytest.raises(InputError, match="more than 1,000 bytes"):
        fetch_url(
            "https://paper.example/a",
            Settings(max_upload_bytes=1000),
            transport=httpx.MockTransport(handler),
        )


def test_timeout(site: tuple[Site, str]) -> None:
    state, base = site
    state.delay = 2.0
    state.routes["/slow"] = (200, "text/html", PAGE.encode(), {})
    started = time.monotonic()
    with pytest.raises(InputError, match=r"timed out after 0\.3 s"):
        fetch_url(base + "/slow", Settings(), timeout=0.3)
    assert time.monotonic() - started < 1.5


def test_connection_refused() -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(InputError, match="cannot connect"):
        fetch_url(f"http://127.0.0.1:{port}/", Settings(), timeout=2)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://files.example/a.txt", "only http:// and https:// URLs"),
        ("file:///etc/passwd", "only http:// and https:// URLs"),
        ("javascript:alert(1)", "only http:// and https:// URLs"),
        ("", "only http:// and https:// URLs"),
        ("http:///nohost", "no host name"),
    ],
)
def test_bad_urls(url: str, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        fetch_url(url, Settings())


def test_transport_swap_and_headers() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            200, headers={"Content-Type": "application/rss+xml"}, content=FEED.encode()
        )

    result = fetch_url(
        "https://courier.example/feed", Settings(), transport=httpx.MockTransport(handler)
    )
    assert len(result.articles) == 2
    assert seen[0].headers["user-agent"].startswith("newsweave/")


def test_redirect_to_other_scheme_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "file:///etc/passwd"})

    with pytest.raises(InputError, match="not http"):
        fetch_url("https://courier.example/x", Settings(), transport=httpx.MockTransport(handler))


def test_unusable_body_is_reported_as_skipped() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Type": "text/plain"}, content=b"   \n")

    result = fetch_url(
        "https://paper.example/blank", Settings(), transport=httpx.MockTransport(handler)
    )
    assert result.articles == []
    assert [s.origin for s in result.skipped] == ["https://paper.example/blank"]
