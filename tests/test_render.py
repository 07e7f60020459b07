"""The renderers: text (rich), Markdown, self-contained HTML and JSON.

Most tests render the hand-built fictional report of test_report.py (every section
filled); one renders a report made by the real pipeline.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from newsweave import compare
from newsweave.errors import NewsweaveError
from newsweave.models import Evidence, Report
from newsweave.render import FORMATS, render, source_label
from newsweave.report import from_dict, to_dict, validate
from test_report import COURIER, FAST, HARBOUR, fictional_report

EVIL_TITLE = "Ferry <script>alert('title')</script> fire"
EVIL_LINE = "\nA reader wrote: </script><script>document.title='pwned'</script><img src=x onerror=\"document.title='img'\"> [bold red]alarm[/] *stars* and `ticks`."


def evil_report() -> Report:
    """The fictional report with hostile markup in an article's title and text."""
    return fictional_report(courier=COURIER + EVIL_LINE, courier_title=EVIL_TITLE)


class Page(HTMLParser):
    """Collects what matters for safety: tags, URL-bearing attributes, script bodies."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.urls: list[tuple[str, str, str]] = []  # tag, attribute, value
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self.ids: list[str] = []
        self.attrs: list[tuple[str, dict[str, str | None]]] = []
        self._in: tuple[str, dict[str, str | None]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        self.attrs.append((tag, a))
        for k, v in attrs:
            if k in {
                "src",
                "href",
                "srcset",
                "action",
                "poster",
                "data",
                "formaction",
                "background",
            }:
                self.urls.append((tag, k, v or ""))
            if k == "id" and v:
                self.ids.append(v)
            if k == "style" and v:
                self.styles.append(v)
        if tag in {"script", "style"}:
            self._in = (tag, a)
            self._buf: list[str] = []

    def handle_data(self, data: str) -> None:
        if self._in:
            self._buf.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._in and tag == self._in[0]:
            body = "".join(self._buf)
            if tag == "script":
                self.scripts.append((self._in[1], body))
            else:
                self.styles.append(body)
            self._in = None


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


# ------------------------------------------------------------------------ text


def test_text_has_every_section_in_order_with_values() -> None:
    out = render(fictional_report(), "text")
    order = [
        "Ferry fire in Lindqvist Bay",
        "3 articles · 2 independent sources",
        "SOURCES",
        "SUMMARY",
        "WHAT THE SOURCES AGREE ON (2)",
        "ONLY SOME SOURCES (2)",
        "CONFLICTS (1)",
        "QUOTES (1)",
        "ENTITIES (2)",
        "TIMELINE (2)",
        "SKIPPED INPUTS (1)",
        "newsweave 0.1.0",
    ]
    positions = [out.index(s) for s in order]
    assert positions == sorted(positions)
    # numbered sources, outlet names, the file name when there is no outlet
    assert "[1] Coastline Courier — Ferry fire in Lindqvist Bay" in out
    assert "[3] ledger.json — Ferry blaze" in out
    assert "Copies: ledger.json [3] republishes Valley Wire [2] (93% the same)" in out
    assert "Coastline Courier, Valley Wire, ledger.json — 2 independent sources" in out
    assert "Coastline Courier [1] only:" in out
    assert "Valley Wire, ledger.json [2][3] only:" in out
    # conflict values side by side on one line, with their evidence
    row = next(line for line in out.splitlines() if "Twelve" in line and "Fifteen" in line)
    assert row.index("Twelve") < row.index("Fifteen")
    assert "“Twelve passengers were treated for smoke" in out
    assert "Edda Rolfsen" in out and "“We got everyone off within eleven minutes”" in out
    assert re.search(r"Lindqvist Bay\s+place\s+3 of 3\s+5\s+LINDQVIST BAY", out)
    assert out.index("2031-03 ") < out.index("2031-06-03 ")
    assert "stories/empty.txt: empty file" in out
    assert all(len(line) <= 100 for line in out.splitlines())


def test_text_is_plain_unless_colour_is_asked_for() -> None:
    plain = render(fictional_report(), "text")
    assert "\x1b[" not in plain
    coloured = render(fictional_report(), "text", color=True)
    assert "\x1b[" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured).split() == plain.split()


def test_text_never_interprets_article_markup() -> None:
    r = evil_report()
    claim = replace(r.claims[1], text="[bold red]alarm[/] is not markup")
    out = render(replace(r, claims=(r.claims[0], claim, *r.claims[2:])), "text", color=True)
    assert "[bold red]alarm[/] is not markup" in re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert EVIL_TITLE in out


def test_sections_say_so_when_empty() -> None:
    r = fictional_report()
    empty = replace(r, claims=(), conflicts=(), quotes=(), entities=(), timeline=(), summary=())
    text = render(empty, "text")
    for phrase in (
        "no claim is reported",
        "no conflicting values",
        "no direct quotations",
        "no dated statements",
    ):
        assert phrase in text
    md = render(empty, "markdown")
    assert "*No conflicting values found.*" in md
    html = render(empty, "html")
    assert "No conflicting values found." in html


# -------------------------------------------------------------------- markdown


def test_markdown_sections_citations_and_evidence() -> None:
    md = render(fictional_report(), "markdown")
    headings = re.findall(r"^#+ .*$", md, flags=re.M)
    assert headings[0] == "# Ferry fire in Lindqvist Bay"
    for h in (
        "## Summary",
        "## What the sources agree on (2)",
        "## Only some sources (2)",
        "### Coastline Courier [1] only",
        "## Conflicts (1)",
        "## Quotes (1)",
        "## Entities (2)",
        "## Timeline (2)",
        "## Sources",
    ):
        assert h in headings, h
    assert (
        "- **A fire broke out on the ferry Marisol in Lindqvist Bay on Tuesday night.** [1][2][3]"
        in md
    )
    assert (
        "  > “Twelve passengers were treated for smoke inhalation” — Coastline Courier [1]  " in md
    )
    assert "| **Twelve** | **Fifteen** |" in md
    assert "| Coastline Courier [1] | Valley Wire, ledger.json [2][3] |" in md
    assert (
        "1. **Coastline Courier** — *Ferry fire in Lindqvist Bay* (2031-06-04, stories/courier.html) <https://courier.example/ferry-fire>"
        in md
    )
    assert "3. **ledger.json** — *Ferry blaze* (stories/ledger.json#3) (copy of [2])" in md
    assert "| Lindqvist Bay | place | 3 of 3 | 5 | LINDQVIST BAY |" in md


def test_markdown_escapes_article_text() -> None:
    r = evil_report()
    weird = replace(r.claims[1], text="Costs *rose* to <b>£3m</b> | [see](javascript:x)")
    md = render(replace(r, claims=(r.claims[0], weird, *r.claims[2:])), "markdown")
    assert "Costs \\*rose\\* to \\<b\\>£3m\\</b\\> \\| \\[see\\](javascript:x)" in md
    assert "<script>" not in md
    assert "1. **Coastline Courier** — *Ferry \\<script\\>alert('title')\\</script\\> fire*" in md


def test_only_web_urls_become_links() -> None:
    r = fictional_report()
    a0 = r.articles[0]
    bad = replace(a0, article=replace(a0.article, url="javascript:alert(1)"))
    r = replace(r, articles=(bad, *r.articles[1:]))
    assert "javascript:" not in render(r, "markdown")
    page = parse(render(r, "html"))
    assert not any("javascript:" in v for _, _, v in page.urls)


# ------------------------------------------------------------------------ html


def test_html_sections_and_side_by_side_articles() -> None:
    html = render(fictional_report(), "html")
    page = parse(html)
    for section in (
        "summary",
        "agree",
        "only",
        "conflicts",
        "quotes",
        "entities",
        "timeline",
        "articles",
    ):
        assert section in page.ids, section
    assert html.count('<article class="article"') == 3
    # claims in the lists point at their evidence sentences in every article
    claims = {a["data-claim"]: a for t, a in page.attrs if t == "li" and a.get("data-claim")}
    assert set(claims) == {"c1", "c2", "c3", "c4"}
    assert claims["c4"]["data-sents"] == "s0-1 s1-1 s2-1"
    spans = {
        a["id"]: a for t, a in page.attrs if t == "span" and (a.get("id") or "").startswith("s")
    }
    for sid in (claims["c4"]["data-sents"] or "").split():
        assert "c4" in (spans[sid].get("data-claim") or "").split()
        assert "conflict" in (spans[sid].get("class") or "")
    # unique sentences are visibly marked; shared ones are not marked unique
    refit = next(a for a in spans.values() if a.get("data-claim") == "c2")
    assert "unique" in (refit.get("class") or "")
    assert "unique" not in (spans["s0-0"].get("class") or "")
    assert "shared" in (spans["s0-0"].get("class") or "")
    # claims and values are keyboard reachable
    assert all(a.get("tabindex") == "0" for a in claims.values())
    # debris is collapsed, not dropped
    assert (
        '<details class="debris"><summary>caption · hidden</summary><div>Photo: the Marisol at berth 4 (Courier staff)</div></details>'
        in html
    )
    # conflict values side by side with marked evidence
    assert '<div class="big">Twelve</div>' in html and '<div class="big">Fifteen</div>' in html
    assert "<mark>Fifteen</mark> passengers were treated" in html
    assert "Edda Rolfsen" in html and "2031-06-03" in html and "LINDQVIST BAY" in html
    assert "ledger.json" in html and "copy of Valley Wire [2]" in html


def test_html_sentences_cover_the_original_text() -> None:
    r = fictional_report()
    page = parse(render(r, "html"))
    body_texts: list[str] = []

    class Bodies(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.depth = 0
            self.buf: list[str] = []
            self.in_summary = False

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if self.depth:
                self.depth += 1
                self.in_summary = self.in_summary or tag == "summary"
            elif tag == "div" and ("class", "abody") in attrs:
                self.depth = 1

        def handle_endtag(self, tag: str) -> None:
            if self.depth:
                if tag == "summary":
                    self.in_summary = False
                self.depth -= 1
                if not self.depth:
                    body_texts.append("".join(self.buf))
                    self.buf = []

        def handle_data(self, data: str) -> None:
            if self.depth and not self.in_summary:
                self.buf.append(data)

    b = Bodies()
    b.feed(render(r, "html"))
    # every character of every article is shown (debris inside its collapsed box)
    assert body_texts == [a.article.text for a in r.articles]
    assert page.ids.count("s0-0") == 1


def test_html_is_self_contained() -> None:
    html = render(evil_report(), "html")
    page = parse(html)
    assert "link" not in page.tags and "img" not in page.tags and "iframe" not in page.tags
    for tag, attr, value in page.urls:
        if re.match(r"^\s*(https?:)?//", value):
            assert (tag, attr) == ("a", "href"), (tag, attr, value)
    # the only web link is the article's own URL
    assert [v for t, k, v in page.urls if v.startswith("http")] == [
        "https://courier.example/ferry-fire"
    ] * 2
    for attrs, body in page.scripts:
        assert "src" not in attrs
        if attrs.get("type") != "application/json":  # data may hold URLs; code loads none
            assert not re.search(r"https?://", body)
    for css in page.styles:
        assert "url(" not in css and "@import" not in css and "http" not in css


def test_html_escapes_untrusted_text_and_embeds_the_json_safely() -> None:
    r = evil_report()
    html = render(r, "html")
    page = parse(html)
    # exactly our two scripts: the JSON data block and the page script
    assert html.count("<script") == 2
    assert [a.get("type") for a, _ in page.scripts] == ["application/json", None]
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html
    assert "&lt;/script&gt;&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" in html
    assert "<img" not in html
    # "</script>" inside article text did not end the data block early
    data = json.loads(page.scripts[0][1])
    assert data == to_dict(r)
    validate(data)
    assert from_dict(data) == r
    assert "</" not in page.scripts[0][1]


# ------------------------------------------------------------------------ json


def test_json_format_is_the_contract() -> None:
    r = fictional_report()
    out = render(r, "json")
    assert "“We got everyone off" in out  # ensure_ascii=False
    d = json.loads(out)
    validate(d)
    assert from_dict(d) == r


def test_unknown_format_is_a_clear_error() -> None:
    assert FORMATS == ("text", "markdown", "html", "json")
    with pytest.raises(NewsweaveError, match="unknown report format 'pdf'"):
        render(fictional_report(), "pdf")


def test_source_label_falls_back_to_the_file_name() -> None:
    r = fictional_report()
    assert [source_label(a) for a in r.articles] == [
        "Coastline Courier",
        "Valley Wire",
        "ledger.json",
    ]
    a = r.articles[2]
    assert source_label(replace(a, article=replace(a.article, origin=""))) == "a3"
    web = replace(
        a, article=replace(a.article, origin="https://www.harbour-news.example/2031/fire")
    )
    assert source_label(web) == "harbour-news.example"


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_a_pipeline_report(fmt: str) -> None:
    report = compare(HARBOUR, FAST)
    out = render(report, fmt)
    assert "Coastline Courier" in out
    assert "harbour.txt" in out  # the article without an outlet is named by its file
    if fmt == "json":
        validate(json.loads(out))
    elif fmt == "html":
        assert out.startswith("<!doctype html>") and out.rstrip().endswith("</html>")
        assert 'data-claim="c1"' in out


def test_an_agreement_whose_value_sources_dispute_points_to_the_conflict() -> None:
    import newsweave
    from newsweave.demo import event_paths

    loaded = newsweave.load_articles(event_paths()["port-ellis-warehouse-fire"])
    report = compare(loaded.articles)
    lead = next(c for c in report.claims if "injuring 12 people" in c.text)
    assert lead.kind == "shared"
    assert any(lead.id in x.claims and x.what == "number injured" for x in report.conflicts)
    marker = "Sources differ on the number injured"
    text = render(report, "text")
    block = text[text.index("WHAT THE SOURCES AGREE ON") : text.index("ONLY SOME SOURCES")]
    assert marker in block and "(see CONFLICTS)" in block
    md = render(report, "markdown")
    block = md[md.index("## What the sources agree on") : md.index("## Only some sources")]
    assert f"⚠ {marker} (see conflicts)" in block
    html = render(report, "html")
    assert f'<a href="#conflicts">⚠ {marker}</a>' in html
    # The summary cites the lead only to the outlets that do not give another count.
    line = next(s for s in report.summary if s.claim == lead.id)
    fourteen = next(v for x in report.conflicts for v in x.values if v.normalized == "14")
    assert not set(line.sources) & set(fourteen.sources)


def test_a_quote_credited_to_different_speakers_says_who_credits_whom() -> None:
    import newsweave
    from newsweave.demo import event_paths

    loaded = newsweave.load_articles(event_paths()["northgate-budget-vote"])
    report = compare(loaded.articles)
    quote = next(q for q in report.quotes if "keeps the buses running" in q.text)
    assert [a.speaker for a in quote.attributions] == ["Lena Okafor", "Tomas Reyes"]
    text = render(report, "text")
    assert "credited to Lena Okafor by" in text and "; to Tomas Reyes by" in text
    md = render(report, "markdown")
    line = next(x for x in md.splitlines() if "keeps the buses running" in x and "credited" in x)
    assert re.search(r"credited to Lena Okafor by [^;]+ \[\d\]\[\d\]; to Tomas Reyes by ", line)
    html = render(report, "html")
    assert '<div class="meta differ">credited to Lena Okafor by' in html
    # the JSON contract carries the attributions and reads them back
    again = from_dict(json.loads(render(report, "json")))
    assert next(q for q in again.quotes if q.id == quote.id).attributions == quote.attributions


# --------------------------------------------------------------------- browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def dump_dom(path: Path, fragment: str = "") -> str:
    assert CHROMIUM, "chromium is not installed (make browser)"
    result = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--virtual-time-budget=3000",
            "--dump-dom",
            path.as_uri() + fragment,
        ],
        capture_output=True,
        text=True,
        timeout=90,
        check=True,
    )
    return result.stdout


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (make browser)")
def test_html_runs_in_a_browser_without_running_article_code(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(render(evil_report(), "html"), encoding="utf-8")
    dom = dump_dom(page, "#claim-c4")
    title = re.search(r"<title>(.*?)</title>", dom, flags=re.S)
    assert title and "pwned" not in title.group(1) and title.group(1) != "img"
    # the page script ran: the claim named in the address is pinned with its evidence
    pinned: list[dict[str, Any]] = [
        a for _, a in parse(dom).attrs if "pin" in (a.get("class") or "").split()
    ]
    assert {a.get("id") for a in pinned} >= {"s0-1", "s1-1", "s2-1"}
    assert any(a.get("data-claim") == "c4" and a.get("role") == "button" for a in pinned)


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (make browser)")
def test_html_claims_highlight_their_evidence_by_mouse_and_keyboard(tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    page_file = tmp_path / "report.html"
    page_file.write_text(render(evil_report(), "html"), encoding="utf-8")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page(viewport={"width": 1300, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))
            page.goto(page_file.as_uri())

            def ids(selector: str) -> list[str]:
                found: list[str] = page.eval_on_selector_all(selector, "els => els.map(e => e.id)")
                return found

            # hovering a shared claim lights its sentence in all three articles
            page.hover('li[data-claim="c4"]')
            assert ids(".s.hl") == ["s0-1", "s1-1", "s2-1"]
            # keyboard: focus moves with Tab and highlights; Enter pins; Escape clears
            page.focus('li[data-claim="c1"]')
            for _ in range(3):  # past the "how each source puts it" toggle of c1
                page.keyboard.press("Tab")
                if page.evaluate("document.activeElement.dataset.claim"):
                    break
            assert page.evaluate("document.activeElement.dataset.claim") == "c4"
            assert ids(".s.hl") == ["s0-1", "s1-1", "s2-1"]
            page.focus('li[data-claim="c2"]')
            page.keyboard.press("Enter")
            assert ids(".s.pin") == [page.eval_on_selector(".s.unique", "e => e.id")]
            assert page.is_visible("#jump") and "1 article" in page.inner_text("#jump-text")
            page.keyboard.press("Escape")
            assert ids(".s.pin") == [] and not page.is_visible("#jump")
            # clicking a sentence in an article pins its claim everywhere
            page.click("#s1-1")
            assert ids(".s.pin") == ["s0-1", "s1-1", "s2-1"]
            assert page.eval_on_selector('li[data-claim="c4"]', "e => e.classList.contains('pin')")
            assert page.title() == "Ferry fire in Lindqvist Bay · newsweave"
            assert errors == []
        finally:
            browser.close()


def test_quoted_evidence_gets_no_second_pair_of_quotation_marks() -> None:
    r = fictional_report()
    span = "“We got everyone off within eleven minutes.”"
    start = COURIER.index(span)
    ev = Evidence("a1", start, start + len(span), span)
    cf = r.conflicts[0]
    value = replace(cf.values[0], evidence=(ev,))
    r = replace(r, conflicts=(replace(cf, values=(value, cf.values[1])),))
    text, md, html = (render(r, f) for f in ("text", "markdown", "html"))
    assert "“We got everyone off within eleven minutes.”" in text and "““" not in text
    assert "> “We got everyone off within eleven minutes.” — Coastline Courier [1]" in md
    assert '<q class="raw">“We got everyone off within eleven minutes.”</q>' in html


def test_text_cuts_long_tails_but_other_formats_keep_everything() -> None:
    r = fictional_report()
    c2 = r.claims[1]
    many = tuple(
        replace(c2, id=f"u{i}", text=f"Detail number {i} of the refit.") for i in range(14)
    )
    r = replace(r, claims=(*r.claims, *many))
    text = render(r, "text")
    assert "Detail number 8 of the refit." in text
    assert "Detail number 13 of the refit." not in text
    assert "… and 5 more (--format markdown or html lists them all)" in text
    for fmt in ("markdown", "html", "json"):
        assert "Detail number 13 of the refit." in render(r, fmt)


def test_conflicting_values_say_when_each_was_first_reported() -> None:
    from datetime import datetime

    from newsweave.render import first_reported

    when = {
        "a": datetime(2031, 6, 4, 7, 49),
        "b": datetime(2031, 6, 4, 9, 15),
        "c": datetime(2031, 6, 4, 9, 30),
        "d": datetime(2031, 6, 5),
        "e": None,
        "f": datetime(2031, 6, 4),
    }
    assert first_reported(when, [["a", "c"], ["b"]]) == ["2031-06-04 07:49", "2031-06-04 09:15"]
    # a bare date makes every value a date; the same day then says nothing
    assert first_reported(when, [["a"], ["d"]]) == ["2031-06-04", "2031-06-05"]
    assert first_reported(when, [["a"], ["f"]]) == []
    # one dated value alone, or none
    assert first_reported(when, [["a"], ["e"]]) == []
    assert first_reported(when, [["e"], ["e"]]) == []
    assert first_reported(when, [["a"], ["b"], ["e"]]) == [
        "2031-06-04 07:49",
        "2031-06-04 09:15",
        "",
    ]
    # a time with a zone and one without compare as UTC
    zoned = {"x": datetime.fromisoformat("2031-06-04T09:49:00+02:00"), "b": when["b"]}
    assert first_reported(zoned, [["x"], ["b"]]) == ["2031-06-04 07:49", "2031-06-04 09:15"]

    # the report: the Courier's "Twelve" at 07:30, the wire's "Fifteen" a day later
    r = fictional_report()
    later = replace(r.articles[1].article, published=datetime(2031, 6, 5, 6, 10))
    r = replace(r, articles=(r.articles[0], replace(r.articles[1], article=later), r.articles[2]))
    md = render(r, "markdown")
    assert "| first reported 2031-06-04 07:30 | first reported 2031-06-05 06:10 |" in md
    assert "first reported 2031-06-05 06:10" in render(r, "text")
    assert "first reported 2031-06-05 06:10" in render(r, "html")
    # the same day with and without a time: nothing to say
    assert "first reported" not in render(fictional_report(), "markdown")


def test_a_count_that_changed_between_reports_is_an_update_in_every_format() -> None:
    # the fictional report's Twelve / Fifteen, given a day apart: an update, not a conflict
    from datetime import datetime

    from newsweave.web import story_view

    r = fictional_report()
    later = replace(r.articles[1].article, published=datetime(2031, 6, 5, 6, 10))
    r = replace(r, articles=(r.articles[0], replace(r.articles[1], article=later), r.articles[2]))
    (conflict,) = r.conflicts
    r = replace(r, conflicts=(), updates=(replace(conflict, id="u1"),))
    first, second = (v.value for v in conflict.values)
    text = render(r, "text")
    assert "CHANGED BETWEEN REPORTS (1)" in text and f"{first} → {second}" in text
    assert "CONFLICTS (0)" in text
    assert f"The {conflict.what} changed between reports" in text  # marks the claim
    md = render(r, "markdown")
    assert "## Changed between reports (1)" in md and f"**{first}** → **{second}**" in md
    assert "first reported 2031-06-05 06:10" in md
    page = render(r, "html")
    assert "updates" in parse(page).ids and "Changed between reports" in page
    data = to_dict(r)
    validate(data)
    assert data["stats"]["updates"] == 1 and data["stats"]["conflicts"] == 0
    assert from_dict(data) == r
    view = story_view(data)
    assert [u["id"] for u in view["updates"]] == ["u1"] and view["conflicts"] == []
    assert any(c["changed"] for c in view["claims"])
    # a report of schema 1.0 has no updates: still read
    old = {k: v for k, v in data.items() if k != "updates"}
    old["schema_version"] = "1.0"
    assert from_dict(old).updates == ()
    # no changes: no section
    assert "CHANGED BETWEEN REPORTS" not in render(fictional_report(), "text")
    assert "updates" not in parse(render(fictional_report(), "html")).ids


def test_claim_lists_leave_out_the_dateline_of_a_lead() -> None:
    from newsweave import Article, Settings, compare
    from newsweave.outlets import without_dateline
    from newsweave.render import render

    lead = "The Port Ellis council voted on Tuesday to close the old ferry pier after engineers found cracks."
    rest = {
        "a": "Ferries will use the north terminal from Monday. The mayor said repairs would take "
        "two years and cost the town more than it had budgeted for the whole harbour.",
        "b": "Fishing boats may still tie up at the pier's landward end. Residents told the radio "
        "station they feared the closure would hurt the summer trade in the old town.",
    }
    arts = [
        Article(id=k, text=f"PORT ELLIS ({outlet}) – {lead} {rest[k]}")
        for k, outlet in (("a", "Harbor Wire"), ("b", "Coastline Radio News"))
    ]
    report = compare(arts, Settings(embedder="hashing", ner="none"))
    claim = next(c for c in report.claims if "ferry pier" in c.text)
    assert claim.text.startswith("PORT ELLIS (")  # the JSON keeps the whole sentence
    assert without_dateline(claim.text) == lead
    markdown = render(report, "markdown")
    assert f"**{lead}**" in markdown and "**PORT ELLIS (" not in markdown
    assert f"• {lead}"[:40] in render(report, "text").replace("\n    ", " ")
