"""End to end in a real headless Chromium (Debian's ``chromium``, driven by Playwright).

The app runs under uvicorn on 127.0.0.1 over a store holding the bundled demo corpus and
the fictional articles of ``test_web`` (one of them carries ``<script>`` in its text,
title and outlet). Screenshots go to ``artifacts/screenshots/`` (git-ignored).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
import uvicorn

from conftest import ROOT
from newsweave.ingest import load_articles
from newsweave.settings import Settings
from newsweave.store import Store
from newsweave.web import create_app
from test_web import ARTICLES

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "artifacts" / "screenshots"
DEMO = ROOT / "src" / "newsweave" / "demo" / "corpus"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium() -> str:
    found = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if not found:
        pytest.fail(
            "Chromium is not installed: the browser tests need Debian's chromium "
            "(run `make browser`, or `apt-get install chromium`)"
        )
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("browser") / "store.sqlite"
    settings = Settings(store=str(path))
    demo = load_articles([DEMO], settings)
    assert demo.articles, "the demo corpus is missing"
    with Store(path) as store:
        # The demo first: undated articles are placed at the time the stream has reached.
        store.ingest(demo.articles, settings)
        store.ingest(ARTICLES, settings)
    app = create_app(settings, path)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web app did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    executable = _chromium()
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        try:
            yield b
        finally:
            b.close()


class Page:
    """A page that records console errors (CSP violations show up there) and dialogs."""

    def __init__(self, browser: Any, width: int, height: int) -> None:
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def shot(self, name: str, full: bool = False) -> None:
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)

    def close(self) -> None:
        self.page.close()


_BEST: dict[str, tuple[dict[str, Any], dict[str, Any], dict[str, Any]]] = {}


def _best_story(base: str) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The demo story and claim stated by the most articles, and the story's report."""
    if base not in _BEST:
        best: tuple[int, dict[str, Any], dict[str, Any], dict[str, Any]] | None = None
        stories = httpx.get(base + "/api/stories", params={"limit": 20}).json()["stories"]
        for story in stories:
            if "Glenholt" in story["title"] or "Tarn City" in story["title"]:
                continue  # the test_web articles: the demo corpus is richer
            url = f"{base}/api/stories/{story['id']}/report"
            report = httpx.get(url, timeout=120).json()
            for claim in report["claims"]:
                n = len({e["article"] for e in claim["evidence"]})
                if best is None or n > best[0]:
                    best = (n, story, claim, report)
        assert best is not None, "no demo story with claims"
        _BEST[base] = best[1:]
    return _BEST[base]


def test_stories_page_and_skip_link(server: str, browser: Any) -> None:
    for width, height, tag in ((1366, 900, "desktop"), (375, 812, "phone")):
        p = Page(browser, width, height)
        p.page.goto(server + "/stories")
        cards = p.page.locator(".story-card")
        assert cards.count() >= 7
        p.shot(f"stories-{tag}")
        if tag == "phone":
            # nothing wider than the screen
            assert p.page.evaluate("document.documentElement.scrollWidth") <= 375
        p.page.keyboard.press("Tab")
        assert p.page.evaluate("document.activeElement.textContent") == "Skip to content"
        assert p.errors == [], p.errors
        p.close()


def test_claim_highlights_its_evidence_in_every_article(server: str, browser: Any) -> None:
    story, claim, report = _best_story(server)
    with_claim = {e["article"] for e in claim["evidence"]}
    assert len(with_claim) >= 2, "the demo story should have a claim shared by several outlets"
    p = Page(browser, 1440, 960)
    p.page.goto(server + "/stories")
    p.page.click(f'.story-title a[href="/stories/{story["id"]}"]')
    p.page.wait_for_selector("#compare")
    p.shot("story-desktop", full=True)
    button = p.page.locator(f'button.claim[data-claim="{claim["id"]}"]')
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    for article in report["articles"]:
        col = p.page.locator(f'.col[data-article="{article["id"]}"]')
        lit = col.locator(".ev.hl")
        if article["id"] in with_claim:
            assert col.get_attribute("data-match") == "yes"
            assert lit.count() >= 1, article["outlet"]
            evidence = " ".join(
                e["text"] for e in claim["evidence"] if e["article"] == article["id"]
            )
            for text in lit.all_inner_texts():
                assert text.strip() in evidence
            assert lit.first.is_visible()
            background = lit.first.evaluate("el => getComputedStyle(el).backgroundColor")
            assert background not in ("rgba(0, 0, 0, 0)", "transparent")
        else:
            assert col.get_attribute("data-match") == "no"
            assert lit.count() == 0
    status = p.page.locator("#claim-status").inner_text()
    assert f"Stated in {len(with_claim)} of {len(report['articles'])} articles" in status
    p.page.locator("#compare").scroll_into_view_if_needed()
    p.page.mouse.move(1, 1)  # no hover preview in the screenshot
    p.page.wait_for_timeout(300)
    assert p.page.locator(".ev.hl").count() >= len(with_claim)
    p.shot("story-claim-desktop")

    # Single-source passages are visibly marked.
    only = p.page.locator(".col-body .ev.only")
    assert only.count() >= 1
    style = only.first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert style not in ("rgba(0, 0, 0, 0)", "transparent")

    # Keyboard: another claim pinned with Enter, released with Space.
    other = p.page.locator("button.claim").nth(1)
    other.focus()
    p.page.keyboard.press("Enter")
    assert other.get_attribute("aria-pressed") == "true"
    assert button.get_attribute("aria-pressed") == "false"
    p.page.keyboard.press("Space")
    assert other.get_attribute("aria-pressed") == "false"
    p.page.keyboard.press("Enter")
    p.page.keyboard.press("Escape")
    assert other.get_attribute("aria-pressed") == "false"

    # Clicking a highlighted sentence in an article pins its claim.
    p.page.locator(".col-body .ev.shared").first.click()
    assert p.page.locator('button.claim[aria-pressed="true"]').count() == 1
    assert p.errors == [], p.errors
    p.close()


def test_story_at_phone_width(server: str, browser: Any) -> None:
    story, claim, _ = _best_story(server)
    p = Page(browser, 375, 812)
    p.page.goto(f"{server}/stories/{story['id']}")
    assert p.page.evaluate("document.documentElement.scrollWidth") <= 375
    p.shot("story-phone")
    p.page.locator(f'button.claim[data-claim="{claim["id"]}"]').click()
    assert p.page.locator(".ev.hl").count() >= 2
    p.page.locator(".col").first.scroll_into_view_if_needed()
    p.shot("story-claim-phone")
    assert p.errors == [], p.errors
    p.close()


def test_script_in_an_article_never_runs(server: str, browser: Any) -> None:
    stories = httpx.get(server + "/api/stories", params={"q": "Glenholt"}).json()["stories"]
    assert stories
    hostile = ARTICLES[2]
    p = Page(browser, 1366, 900)
    for path in (
        "/stories",
        f"/stories/{stories[0]['id']}",
        "/articles/" + quote(hostile.id, safe=""),
        "/outlets",
    ):
        p.page.goto(server + path)
        p.page.wait_for_load_state("load")
        assert p.page.evaluate("window.__pwned === undefined"), path
        assert p.dialogs == []
        assert p.page.locator("img[src='x']").count() == 0
    # The hostile strings are shown as text.
    body = p.page.locator("body").inner_text()
    assert "<script>window.__pwned='outlet'</script>" in body
    p.page.goto(server + "/articles/" + quote(hostile.id, safe=""))
    assert (
        "<script>window.__pwned = 'text'</script>" in p.page.locator(".article-text").inner_text()
    )
    assert '<img src=x onerror="window.__pwned=' in p.page.locator("h1").inner_text()
    assert p.page.evaluate("window.__pwned === undefined")
    p.shot("article-desktop", full=True)
    p.close()


def test_other_pages_render(server: str, browser: Any) -> None:
    p = Page(browser, 1366, 900)
    for path, name in (("/api/docs", "api-docs"), ("/add", "add"), ("/outlets", "outlets")):
        p.page.goto(server + path)
        assert p.page.locator("h1").count() == 1
        p.shot(name)
    assert p.errors == [], p.errors
    p.close()


def test_add_articles_form_uploads_a_file(server: str, browser: Any, tmp_path: Path) -> None:
    # Last in this file: it adds an article to the shared store.
    note = tmp_path / "lighthouse.txt"
    note.write_text(
        "KESTREL BAY – The old lighthouse on Gull Point will reopen to visitors in June after "
        "a two-year restoration, the harbour trust said on Friday. Volunteers repainted the "
        "tower and rebuilt the keeper's cottage.",
        encoding="utf-8",
    )
    p = Page(browser, 1366, 900)
    p.page.goto(server + "/add")
    p.page.set_input_files("#files", str(note))
    p.page.click("form:has(#files) button[type=submit]")
    p.page.wait_for_selector(".notice-ok")
    assert "Read 1 article" in p.page.locator(".notice-ok").inner_text()
    p.shot("add-done")
    assert p.errors == [], p.errors
    p.close()
