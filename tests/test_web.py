"""The web UI and HTTP API, called in-process (Starlette TestClient) over a real store."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from starlette.routing import Route
from starlette.testclient import TestClient

from newsweave.errors import StoreError
from newsweave.models import Article
from newsweave.settings import Settings
from newsweave.store import Store
from newsweave.web import (
    API_MAX_LIMIT,
    CSP,
    create_app,
    openapi_document,
    segment_text,
    story_view,
)

# ---------------------------------------------------------------------------- fixtures
# Fictional events and outlets, written for these tests.

PWN_TEXT = "<script>window.__pwned = 'text'</script>"
PWN_TITLE = "Glenholt dam repairs: <img src=x onerror=\"window.__pwned='title'\"> reservoir lowered"
PWN_OUTLET = "Eastmoor <script>window.__pwned='outlet'</script> Post"


def _a(id_: str, outlet: str, title: str, text: str, day: int, hour: int = 9) -> Article:
    return Article(
        id=f"https://{id_}",
        url=f"https://{id_}",
        outlet=outlet,
        title=title,
        text=text,
        published=datetime(2025, 5, day, hour, 0, tzinfo=UTC),
        origin=f"test:{id_}",
        language="en",
    )


ARTICLES = [
    _a(
        "glenholt-gazette.example/news/dam-repair",
        "Glenholt Gazette",
        "Glenholt reservoir dam repairs begin after spillway cracks found",
        "GLENHOLT – Repairs to the Glenholt reservoir dam began on Monday after engineers found "
        "cracks in the spillway wall during a routine inspection. The Glenholt water board said "
        "45 workers would work on the dam in shifts through the summer. Anglers have been asked "
        'to keep away from the northern shore until the work is finished. "The dam is safe, and '
        'we are fixing it before it becomes a problem," said Orla Penhallow, chief engineer of '
        "the water board. The last major work on the Glenholt dam was carried out in 1998.",
        12,
    ),
    _a(
        "valley-wire.example/2031/05/glenholt-dam",
        "Valley Wire",
        "Cracked spillway: Glenholt reservoir dam repairs begin",
        "Work crews moved onto the Glenholt reservoir dam on Monday to mend a cracked spillway "
        "wall, according to the Glenholt water board. Forty workers will be on site until "
        "September, the board told Valley Wire. The repairs are put at 3.2 million pounds, to be "
        "paid from the board's reserve fund rather than from higher charges. Chief engineer Orla "
        "Penhallow insisted the dam was safe and there was no danger to homes below the reservoir.",
        12,
        11,
    ),
    _a(
        "eastmoor-post.example/glenholt-dam-shifts",
        PWN_OUTLET,
        PWN_TITLE,
        "People living near the Glenholt reservoir watched water levels fall over the weekend as "
        "the water board prepared for repairs to the dam's cracked spillway, which began on "
        f"Monday. {PWN_TEXT} Residents of Eastmoor said nobody had told them the Glenholt "
        "reservoir would be lowered by two metres. Orla Penhallow, the board's chief engineer, "
        "said letters had been sent to every household on Friday.",
        12,
        15,
    ),
    _a(
        "tarn-courier.example/sport/marathon-postponed",
        "Tarn Courier",
        "Tarn City marathon postponed by a week because of heatwave",
        "The Tarn City marathon has been postponed by a week because of a forecast heatwave, the "
        "organisers said on Thursday. About 6,000 runners had registered for the Tarn City "
        "marathon, which was due to start on Sunday at the old harbour. All entries will be "
        "carried over to the new date, race director Bram Kettle said.",
        15,
    ),
    _a(
        "harbour-radio.example/news/marathon-heat",
        "Harbour Radio",
        "Heatwave: Tarn City marathon postponed for a week",
        "Sunday's Tarn City marathon will not go ahead this weekend: organisers postponed it by "
        "a week on Thursday as forecasters warned of a heatwave with temperatures of up to 34 "
        "degrees. Nearly 6,000 runners had signed up. Race director Bram Kettle said running in "
        "that heat would put lives at risk.",
        15,
        13,
    ),
]


def fast_settings(store: Path, **kw: Any) -> Settings:
    """No model files: the hashing embedder and no NER keep these tests fast."""
    return Settings(store=str(store), embedder="hashing", ner="none", **kw)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "store.sqlite"
    settings = fast_settings(path)
    with Store(path) as store:
        store.ingest(ARTICLES, settings)
    return path


@pytest.fixture(scope="module")
def client(store_path: Path) -> Iterator[TestClient]:
    app = create_app(fast_settings(store_path), store_path)
    with TestClient(app) as c:
        yield c


@pytest.fixture
def writable_client(tmp_path: Path) -> Iterator[TestClient]:
    path = tmp_path / "w.sqlite"
    settings = fast_settings(path, max_upload_bytes=20_000)
    with Store(path) as store:
        store.ingest(ARTICLES[3:], settings)
    with TestClient(create_app(settings)) as c:
        yield c


def _story_ids(client: TestClient) -> list[str]:
    data = client.get("/api/stories").json()
    return [s["id"] for s in data["stories"]]


def _dam_story(client: TestClient) -> dict[str, Any]:
    data = client.get("/api/stories", params={"q": "Glenholt"}).json()
    assert data["stories"], "the Glenholt story is missing"
    return data["stories"][0]


def assert_error(response: Any, status: int, needle: str = "") -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["error"]["status"] == status
    assert needle.lower() in body["error"]["message"].lower()


# ---------------------------------------------------------------------------- pure view code


def test_segment_text_keeps_every_character_and_marks() -> None:
    text = "Alpha one. Beta two! Photo: Someone/Agency Gamma three."
    sentences = [(0, 10), (11, 20), (43, 55)]
    debris = [(21, 42, "credit")]
    marks = [(0, 10, "c1"), (11, 20, "c2"), (43, 55, "c1")]
    segs = segment_text(text, sentences, debris, marks, frozenset({"c2"}))
    assert "".join(s.text for s in segs) == text
    by_text = {s.text: s for s in segs}
    assert by_text["Alpha one."].claims == ("c1",) and by_text["Alpha one."].shared
    assert by_text["Beta two!"].only and not by_text["Beta two!"].shared
    assert by_text["Photo: Someone/Agency"].kind == "debris"
    assert by_text["Photo: Someone/Agency"].debris_kind == "credit"
    assert by_text["Photo: Someone/Agency"].claims == ()


def test_segment_text_overlapping_evidence_and_bad_offsets() -> None:
    text = "One two three four five."
    segs = segment_text(
        text, [(0, 24)], [], [(0, 13, "c1"), (4, 24, "c2"), (30, 40, "c9")], frozenset()
    )
    assert "".join(s.text for s in segs) == text
    assert [(s.text, s.claims) for s in segs] == [
        ("One ", ("c1",)),
        ("two three", ("c1", "c2")),
        (" four five.", ("c2",)),
    ]


def _handmade_report() -> dict[str, Any]:
    t1 = "The ferry carried 120 people. The captain said: 'All safe.'"
    t2 = "The ferry carried 150 people. A tug arrived at noon."
    return {
        "title": "Ferry aground",
        "articles": [
            {
                "id": "a",
                "outlet": "North Star",
                "title": "Ferry aground",
                "url": "https://n.example/1",
                "published": "2031-01-02T10:00:00+00:00",
                "text": t1,
                "sentences": [
                    {"index": 0, "start": 0, "end": 29},
                    {"index": 1, "start": 30, "end": 59},
                ],
                "debris": [],
            },
            {
                "id": "b",
                "outlet": "South Bell",
                "title": "",
                "url": "",
                "published": "2031-01-02T12:30:00+00:00",
                "text": t2,
                "sentences": [
                    {"index": 0, "start": 0, "end": 29},
                    {"index": 1, "start": 30, "end": 52},
                ],
                "debris": [],
            },
        ],
        "claims": [
            {
                "id": "c1",
                "text": "The ferry carried people.",
                "kind": "shared",
                "sources": ["a", "b"],
                "independent_sources": 2,
                "evidence": [
                    {"article": "a", "start": 0, "end": 29, "text": t1[:29]},
                    {"article": "b", "start": 0, "end": 29, "text": t2[:29]},
                ],
            },
            {
                "id": "c2",
                "text": "A tug arrived at noon.",
                "kind": "unique",
                "sources": ["b"],
                "independent_sources": 1,
                "evidence": [{"article": "b", "start": 30, "end": 52, "text": t2[30:52]}],
            },
        ],
        "conflicts": [
            {
                "id": "k1",
                "kind": "number",
                "what": "number of passengers",
                "claims": ["c1"],
                "values": [
                    {
                        "value": "120",
                        "normalized": "120",
                        "sources": ["a"],
                        "evidence": [{"article": "a", "start": 0, "end": 29, "text": t1[:29]}],
                    },
                    {
                        "value": "150",
                        "normalized": "150",
                        "sources": ["b"],
                        "evidence": [{"article": "b", "start": 0, "end": 29, "text": t2[:29]}],
                    },
                ],
            },
        ],
        "quotes": [
            {
                "id": "q1",
                "speaker": "Captain Ruan Dole",
                "text": "All safe.",
                "sources": ["a"],
                "evidence": [],
            },
            {"id": "q2", "speaker": "", "text": "We waited.", "sources": ["b"], "evidence": []},
            {
                "id": "q3",
                "speaker": "Captain Ruan Dole",
                "text": "The gates held all night.",
                "sources": ["a", "b"],
                "evidence": [],
                "attributions": [
                    {"speaker": "Captain Ruan Dole", "sources": ["a"]},
                    {"speaker": "Port Authority", "sources": ["b"]},
                ],
            },
        ],
        "entities": [
            {
                "id": "e1",
                "name": "Ruan Dole",
                "type": "person",
                "variants": ["Dole"],
                "mentions": 2,
                "sources": ["a"],
            }
        ],
        "timeline": [
            {
                "id": "t1",
                "date": "2031-01-02",
                "precision": "day",
                "expression": "noon",
                "text": "A tug arrived at noon.",
                "sources": ["b"],
                "evidence": [],
            }
        ],
        "summary": [
            {
                "text": "The ferry carried people.",
                "kind": "agreement",
                "sources": ["a", "b"],
                "evidence": [],
                "claim": "c1",
            },
            {
                "text": "A tug arrived at noon.",
                "kind": "unique",
                "sources": ["b"],
                "evidence": [],
                "claim": "c2",
            },
        ],
        "copies": [],
    }


def test_story_view_from_a_report() -> None:
    view = story_view(_handmade_report())
    assert [c["name"] for c in view["columns"]] == ["North Star", "South Bell"]
    [conflict] = view["conflicts"]
    assert conflict["what"] == "number of passengers"
    assert [(v["value"], [o["name"] for o in v["outlets"]]) for v in conflict["values"]] == [
        ("120", ["North Star"]),
        ("150", ["South Bell"]),
    ]
    # when each value was first reported, as the articles' times say
    assert [v["first"] for v in conflict["values"]] == ["2031-01-02 10:00", "2031-01-02 12:30"]
    assert [speaker for speaker, _ in view["quotes"]] == ["Captain Ruan Dole", "Unattributed"]
    assert [c["id"] for c in view["claims"]] == ["c1", "c2"]
    south = view["columns"][1]
    only = [s for s in south["segments"] if s.only]
    assert [s.text for s in only] == ["A tug arrived at noon."]
    assert south["only_count"] == 1
    assert [s["claim"] for s in view["agreement"]] == ["c1"]
    assert [s["claim"] for s in view["differences"]] == ["c2"]


def test_story_view_tolerates_a_sparse_report() -> None:
    view = story_view({"articles": [{"id": "x", "text": "Only text."}]})
    assert view["columns"][0]["name"] == "x"
    assert view["claims"] == [] and view["conflicts"] == []


# ---------------------------------------------------------------------------- pages


def test_stories_page_lists_stories(client: TestClient) -> None:
    r = client.get("/stories")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "Tarn City marathon" in r.text
    assert "Glenholt" in r.text
    assert client.get("/").text == r.text


def test_stories_json_twin(client: TestClient) -> None:
    data = client.get("/stories.json").json()
    assert data["total"] == len(data["stories"]) >= 2
    titles = " ".join(s["title"] for s in data["stories"])
    assert "Glenholt" in titles and "Tarn City" in titles
    dam = next(s for s in data["stories"] if "Glenholt" in s["title"])
    assert dam["source_count"] == 3
    assert "Glenholt Gazette" in dam["outlets"]
    assert dam["url"] == f"/stories/{dam['id']}"


def test_story_filters(client: TestClient) -> None:
    by_outlet = client.get("/api/stories", params={"outlet": "Harbour Radio"}).json()
    assert [s["title"] for s in by_outlet["stories"]] and all(
        "Harbour Radio" in s["outlets"] for s in by_outlet["stories"]
    )
    assert by_outlet["total"] == 1
    assert client.get("/api/stories", params={"q": "marathon"}).json()["total"] == 1
    assert client.get("/api/stories", params={"since": "2025-05-14"}).json()["total"] == 1
    assert client.get("/api/stories", params={"until": "2025-05-12"}).json()["total"] == 1
    assert client.get("/api/stories", params={"until": "2025-05-11"}).json()["total"] == 0
    assert client.get("/api/stories", params={"min_sources": 3}).json()["total"] == 1
    page = client.get("/stories", params={"outlet": "Harbour Radio"})
    assert "Tarn City" in page.text and "Glenholt reservoir" not in page.text


def test_pagination(client: TestClient) -> None:
    first = client.get("/api/stories", params={"limit": 1}).json()
    assert len(first["stories"]) == 1 and first["total"] >= 2
    assert first["next"] and "offset=1" in first["next"]
    second = client.get(first["next"]).json()
    assert second["stories"][0]["id"] != first["stories"][0]["id"]
    last = client.get("/api/stories", params={"limit": 1, "offset": first["total"] - 1}).json()
    assert last["next"] is None
    assert client.get("/api/stories", params={"offset": 999}).json()["stories"] == []


@pytest.mark.parametrize(
    ("params", "needle"),
    [
        ({"since": "banana"}, "since='banana' is not a date"),
        ({"until": "2031-13-40"}, "not a date"),
        ({"since": "2025-05-20", "until": "2025-05-01"}, "since must not be after until"),
        ({"limit": str(API_MAX_LIMIT + 1)}, "out of range"),
        ({"limit": "0"}, "out of range"),
        ({"limit": "ten"}, "not a whole number"),
        ({"offset": "-1"}, "out of range"),
        ({"order": "sideways"}, "order='sideways'"),
        ({"min_sources": "0"}, "out of range"),
        ({"q": "x" * 600}, "too long"),
    ],
)
def test_bad_filters_are_400_json(client: TestClient, params: dict[str, str], needle: str) -> None:
    assert_error(client.get("/api/stories", params=params), 400, needle)
    assert_error(client.get("/stories.json", params=params), 400, needle)


def test_bad_filter_on_html_page_is_an_html_400(client: TestClient) -> None:
    r = client.get("/stories", params={"since": "banana"})
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("text/html")
    assert "is not a date" in r.text


def test_story_page(client: TestClient) -> None:
    dam = _dam_story(client)
    r = client.get(f"/stories/{dam['id']}")
    assert r.status_code == 200
    html = r.text
    assert "Glenholt Gazette" in html and "Valley Wire" in html
    assert 'class="col"' in html and html.count('data-article="') == 3
    assert 'button type="button" class="claim' in html
    assert "data-claims=" in html
    assert 'href="https://glenholt-gazette.example/news/dam-repair"' in html
    report = client.get(f"/api/stories/{dam['id']}/report").json()
    for claim in report["claims"]:
        assert f'data-claim="{claim["id"]}"' in html


def test_story_json_twin_and_api(client: TestClient) -> None:
    dam = _dam_story(client)
    twin = client.get(f"/stories/{dam['id']}.json").json()
    assert twin["story"]["id"] == dam["id"]
    assert {a["id"] for a in twin["report"]["articles"]} == {a.id for a in ARTICLES[:3]}
    api = client.get(f"/api/stories/{dam['id']}").json()
    assert api["story"]["title"] == dam["title"]
    assert sorted(a["outlet"] for a in api["articles"]) == sorted(a.outlet for a in ARTICLES[:3])
    assert api["report_url"] == f"/api/stories/{dam['id']}/report"
    # stories of the same days that read alike: none here (the other stories are
    # other events)
    assert twin["similar"] == api["similar"] == []


def test_report_endpoint_is_the_documented_json(client: TestClient) -> None:
    from newsweave.report import validate

    dam = _dam_story(client)
    report = client.get(f"/api/stories/{dam['id']}/report").json()
    validate(report)
    texts = {a["id"]: a["text"] for a in report["articles"]}
    for claim in report["claims"]:
        for ev in claim["evidence"]:
            assert texts[ev["article"]][ev["start"] : ev["end"]] == ev["text"]


def test_unknown_story(client: TestClient) -> None:
    assert_error(client.get("/api/stories/s000000000000"), 404, "no story with id 's000000000000'")
    assert_error(client.get("/api/stories/nope/report"), 404, "no story")
    assert_error(client.get("/stories/nope.json"), 404, "no story")
    r = client.get("/stories/nope")
    assert r.status_code == 404 and "no story with id" in r.text
    assert r.headers["content-type"].startswith("text/html")


def test_article_page_and_api(client: TestClient) -> None:
    art = ARTICLES[0]
    path = "/articles/" + quote(art.id, safe="")
    r = client.get(path)
    assert r.status_code == 200, r.text
    assert "Orla Penhallow" in r.text
    assert "Story:" in r.text  # links to its story
    data = client.get("/api/articles/" + quote(art.id, safe="")).json()
    assert data["id"] == art.id and data["text"] == art.text
    assert data["outlet"] == "Glenholt Gazette"
    assert data["story_id"]
    assert client.get(path + ".json").json()["id"] == art.id
    assert_error(client.get("/api/articles/nothing-here"), 404, "no article")
    assert client.get("/articles/nothing-here").status_code == 404


def test_outlet_and_entity_pages(client: TestClient) -> None:
    outlets = client.get("/outlets.json").json()["items"]
    assert {"name": "Valley Wire", "stories": 1} in outlets
    page = client.get("/outlets")
    assert page.status_code == 200 and "/outlets/Valley%20Wire" in page.text
    one = client.get("/outlets/Valley%20Wire")
    assert one.status_code == 200 and "Glenholt" in one.text
    twin = client.get("/outlets/Valley%20Wire.json").json()
    assert twin["outlet"] == "Valley Wire" and twin["total"] == 1
    assert client.get("/api/outlets").json()["items"] == outlets
    assert client.get("/outlets/No%20Such%20Outlet").status_code == 404
    assert_error(client.get("/outlets/No%20Such%20Outlet.json"), 404, "no stories")

    # A name the store does not index per story falls back to a word search.
    found = client.get("/entities/Glenholt%20reservoir.json").json()
    assert found["matched_by"] == "search" and found["total"] == 1
    assert "in their titles or names" in client.get("/entities/Glenholt%20reservoir").text
    assert_error(client.get("/entities/Nobody%20Anywhere.json"), 404, "no stories")

    entities = client.get("/entities.json").json()["items"]
    assert client.get("/entities").status_code == 200
    if entities:  # the store may derive none from these short texts
        name = entities[0]["name"]
        r = client.get("/entities/" + quote(name, safe=""))
        assert r.status_code == 200
        assert client.get("/entities/" + quote(name, safe="") + ".json").json()["total"] >= 1


def test_search_api(client: TestClient) -> None:
    data = client.get("/api/search", params={"q": "marathon"}).json()
    assert [s["title"] for s in data["stories"]] == [
        t for t in (s["title"] for s in data["stories"]) if "arathon" in t
    ]
    assert data["total"] == 1
    assert_error(client.get("/api/search"), 400, "q is required")
    assert_error(client.get("/api/search", params={"q": "  "}), 400, "q is required")


def test_openapi_document_covers_every_api_route(client: TestClient) -> None:
    doc = client.get("/api/openapi.json").json()
    assert doc == json.loads(json.dumps(openapi_document()))
    assert doc["openapi"].startswith("3.1")
    app_paths = {
        re.sub(r"\{(\w+)(:\w+)?\}", r"{\1}", r.path)
        for r in client.app.routes  # type: ignore[attr-defined]
        if isinstance(r, Route)
        and r.path.startswith("/api/")
        and r.path not in {"/api/", "/api/docs"}
    }
    assert app_paths == set(doc["paths"])
    for path, item in doc["paths"].items():
        for op in item.values():
            assert op["summary"] and op["responses"], path
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    for path in doc["paths"]:
        assert path in docs.text
    assert client.get("/api", follow_redirects=False).status_code == 308


def test_unknown_routes_and_methods(client: TestClient) -> None:
    assert_error(client.get("/api/nothing"), 404, "not found")
    assert client.get("/nothing").status_code == 404
    assert_error(client.delete("/api/stories"), 405, "method not allowed")


# ---------------------------------------------------------------------------- safety


def test_security_headers(client: TestClient) -> None:
    for path in ("/stories", "/api/stories", "/static/newsweave.css", "/nothing"):
        r = client.get(path)
        assert r.headers["content-security-policy"] == CSP, path
        assert r.headers["x-content-type-options"] == "nosniff"
        # not no-referrer: browsers would then send "Origin: null" on our own forms
        assert r.headers["referrer-policy"] == "same-origin"
    assert "script-src 'self'" in CSP and "'unsafe-inline'" not in CSP


def test_untrusted_text_is_escaped(client: TestClient) -> None:
    dam = _dam_story(client)
    pages = [
        client.get("/stories").text,
        client.get(f"/stories/{dam['id']}").text,
        client.get("/articles/" + quote(ARTICLES[2].id, safe="")).text,
        client.get("/outlets").text,
    ]
    for html in pages:
        assert "window.__pwned" in html or "Eastmoor" in html
        assert "<script>window" not in html
        assert "<img src=x" not in html
        # the only scripts are our own file
        assert re.findall(r"<script[^>]*>", html) == [
            '<script src="/static/newsweave.js?v=0.1.0" defer>'
        ]
    story = pages[1]
    assert "&lt;script&gt;window.__pwned = &#39;text&#39;&lt;/script&gt;" in story
    assert "&lt;img src=x onerror=" in story


def test_no_external_resources(client: TestClient) -> None:
    dam = _dam_story(client)
    for path in ("/stories", f"/stories/{dam['id']}", "/add", "/api/docs", "/outlets"):
        html = client.get(path).text
        assert not re.search(
            r"""(src|href)=["'](https?:)?//(?!glenholt|valley|eastmoor|tarn|harbour)""", html
        ), path
        for ref in re.findall(r"""<(?:link|script|img)[^>]+(?:src|href)=["']([^"']+)""", html):
            assert ref.startswith("/") and not ref.startswith("//"), (path, ref)
    css = client.get("/static/newsweave.css").text
    assert "http" not in css and "@import" not in css


# ---------------------------------------------------------------------------- ingest


def test_add_page(client: TestClient) -> None:
    r = client.get("/add")
    assert r.status_code == 200
    assert 'enctype="multipart/form-data"' in r.text
    assert client.get("/add.json").json()["allow_writes"] is True


def test_upload_files(writable_client: TestClient) -> None:
    c = writable_client
    before = c.get("/api/stories").json()["total"]
    r = c.post(
        "/api/ingest",
        files=[
            ("files", ("gazette.txt", ARTICLES[0].text.encode(), "text/plain")),
            ("files", ("wire.txt", ARTICLES[1].text.encode(), "text/plain")),
            ("files", ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(40), "image/png")),
        ],
    )
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["articles"] == 2 and data["added"] == 2
    assert [s["origin"] for s in data["skipped_inputs"]] == ["photo.png"]
    assert "unsupported file type" in data["skipped_inputs"][0]["reason"]
    assert c.get("/api/stories").json()["total"] > before
    again = c.post(
        "/api/ingest", files=[("files", ("gazette.txt", ARTICLES[0].text.encode(), "text/plain"))]
    )
    assert again.json()["added"] == 0


def test_upload_form_page(writable_client: TestClient) -> None:
    r = writable_client.post(
        "/add", files=[("files", ("note.txt", ARTICLES[1].text.encode(), "text/plain"))]
    )
    assert r.status_code == 200
    assert "Read 1 article" in r.text
    bad = writable_client.post(
        "/add", files=[("files", ("x.exe", b"MZ\x00\x00", "application/octet-stream"))]
    )
    assert bad.status_code == 400 and "Nothing was added" in bad.text


@pytest.mark.parametrize(
    ("kwargs", "status", "needle"),
    [
        ({"files": [("files", ("a.png", b"\x89PNG", "image/png"))]}, 400, "unsupported file type"),
        ({"files": [("files", ("empty.txt", b"", "text/plain"))]}, 400, "empty"),
        (
            {"files": [("files", ("bin.txt", bytes(range(256)) * 4, "text/plain"))]},
            400,
            "nothing to add",
        ),
        ({"files": [("files", ("big.txt", b"word " * 5000, "text/plain"))]}, 413, "too large"),
        (
            {"data": {"other": "x"}, "files": [("nothing", ("", b"", "text/plain"))]},
            400,
            "choose at least one file",
        ),
        (
            {"content": b"plain words", "headers": {"content-type": "text/plain"}},
            415,
            "unsupported content type",
        ),
        (
            {"content": b"{not json", "headers": {"content-type": "application/json"}},
            400,
            "not valid JSON",
        ),
        ({"json": {"link": "https://x.example"}}, 400, '{"url"'),
        ({"json": {"url": "ftp://x.example/feed"}}, 400, "only http:// and https://"),
    ],
)
def test_bad_uploads(
    writable_client: TestClient, kwargs: dict[str, Any], status: int, needle: str
) -> None:
    assert_error(writable_client.post("/api/ingest", **kwargs), status, needle)


def test_cross_site_posts_are_refused(writable_client: TestClient) -> None:
    files = [("files", ("a.txt", ARTICLES[0].text.encode(), "text/plain"))]
    assert_error(
        writable_client.post(
            "/api/ingest", files=files, headers={"origin": "https://evil.example"}
        ),
        403,
        "cannot add articles",
    )
    assert_error(
        writable_client.post("/api/ingest", files=files, headers={"sec-fetch-site": "cross-site"}),
        403,
        "cross-site",
    )
    ok = writable_client.post("/api/ingest", files=files, headers={"origin": "http://testserver"})
    assert ok.status_code == 200


class _PageHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path != "/sport/tarn":
            self.send_error(404)
            return
        body = (
            b"<html><head><title>Tarn marathon moved to June</title>"
            b'<meta property="og:site_name" content="Quayside Weekly"></head><body><article>'
            b"<h1>Tarn marathon moved to June</h1><p>The Tarn City marathon has been postponed by a "
            b"week because of a forecast heatwave, the organisers said on Thursday.</p><p>Runners "
            b"will receive new start times by email, and the route along the old harbour stays the "
            b"same.</p></article></body></html>"
        )
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_ingest_a_url(writable_client: TestClient) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _PageHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/sport/tarn"
        r = writable_client.post("/api/ingest", json={"url": url})
        assert r.status_code == 200, r.text
        assert r.json()["added"] == 1
        found = writable_client.get("/api/stories", params={"outlet": "Quayside Weekly"}).json()
        assert found["total"] == 1
        missing = url.replace("/sport/tarn", "/missing")
        assert_error(writable_client.post("/api/ingest", json={"url": missing}), 400, "HTTP 404")
        form = writable_client.post("/add", data={"url": missing})
        assert form.status_code == 400 and "Nothing was added" in form.text
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_read_only_server(store_path: Path) -> None:
    settings = fast_settings(store_path, allow_writes=False)
    with TestClient(create_app(settings, store_path)) as c:
        files = [
            ("files", ("a.txt", b"Some words about the dam repairs at Glenholt.", "text/plain"))
        ]
        assert_error(c.post("/api/ingest", files=files), 403, "read-only")
        assert_error(c.post("/api/ingest", json={"url": "https://x.example/"}), 403, "read-only")
        page = c.post("/add", files=files)
        assert page.status_code == 403 and "read-only" in page.text
        assert "turned off" in c.get("/add").text
        assert 'href="/add"' not in c.get("/stories").text
        assert c.get("/stories").status_code == 200


def test_read_only_server_needs_an_existing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="store not found"):
        create_app(fast_settings(tmp_path / "missing.sqlite", allow_writes=False))


def test_empty_store_page(tmp_path: Path) -> None:
    with TestClient(create_app(fast_settings(tmp_path / "new.sqlite"))) as c:
        r = c.get("/stories")
        assert r.status_code == 200 and "The store is empty" in r.text
        listing = c.get("/api/stories").json()
        assert listing.pop("provenance")["components"][0]["name"] == "newsweave.cluster"
        assert listing == {
            "stories": [],
            "total": 0,
            "limit": 50,
            "offset": 0,
            "next": None,
        }


# ---------------------------------------------------------------------------- serve / CLI


def test_serve_refuses_a_busy_port(tmp_path: Path) -> None:
    import socket

    from click.testing import CliRunner

    from newsweave.cli import main

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        result = CliRunner().invoke(
            main, ["serve", "--store", str(tmp_path / "s.sqlite"), "--port", str(port)]
        )
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.output


def test_serve_help_documents_the_flags() -> None:
    from click.testing import CliRunner

    from newsweave.cli import main

    out = CliRunner().invoke(main, ["serve", "--help"]).output
    for flag in ("--store", "--port", "--host", "--read-only"):
        assert flag in out


def test_serve_binds_loopback_and_warns_for_other_hosts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    import uvicorn

    from newsweave.web import serve

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = fast_settings(tmp_path / "s.sqlite", port=port)
    serve(settings)
    err = capsys.readouterr().err
    assert calls[-1]["host"] == "127.0.0.1" and calls[-1]["port"] == port
    assert f"open http://127.0.0.1:{port}/" in err and "WARNING" not in err
    serve(settings.replace(host="0.0.0.0", allow_writes=False))
    err = capsys.readouterr().err
    assert calls[-1]["host"] == "0.0.0.0"
    assert "WARNING: listening on 0.0.0.0" in err and "(read-only)" in err


def test_story_page_renders_every_report_section(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The template over a report with conflicts, quotes, entities, timeline and summary."""
    from newsweave import web

    monkeypatch.setattr(web._Stores, "report", lambda self, summary: _handmade_report())
    dam = _dam_story(client)
    html = client.get(f"/stories/{dam['id']}").text
    conflicts = html[html.index('id="conflicts"') : html.index('id="quotes"')]
    assert "number of passengers" in conflicts
    assert conflicts.index(">120<") < conflicts.index(">150<")
    assert "North Star" in conflicts and "South Bell" in conflicts
    assert "first reported 2031-01-02 12:30" in conflicts
    quotes = html[html.index('id="quotes"') : html.index('id="entities"')]
    assert "Captain Ruan Dole" in quotes and "Unattributed" in quotes and "All safe." in quotes
    # words the outlets credit to different speakers say who credits whom
    assert (
        "credited to <strong>Captain Ruan Dole</strong> by North Star; "
        "to <strong>Port Authority</strong> by South Bell"
    ) in quotes
    assert "/entities/Ruan%20Dole" in html
    assert "2031-01-02" in html[html.index('id="timeline"') :]
    assert 'class="claim-link" data-claim="c1"' in html
    # the shared claim whose number the sources dispute says so
    claims = html[html.index('class="claims"') :]
    assert (
        '<span class="claim-disputed">⚠ Sources differ on the number of passengers</span>'
        in (claims[: claims.index('data-claim="c2"')])
    )
    assert 'class="ev only" data-claims="c2"' in html
    assert 'class="ev shared" data-claims="c1"' in html


def test_story_page_shows_counts_that_changed_between_reports(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same values, given a day apart, are an update: their own section, no conflict."""
    from newsweave import web

    report = _handmade_report()
    report["updates"] = [dict(report["conflicts"][0], id="u1")]
    report["conflicts"] = []
    monkeypatch.setattr(web._Stores, "report", lambda self, summary: report)
    dam = _dam_story(client)
    html = client.get(f"/stories/{dam['id']}").text
    assert 'id="conflicts"' not in html and 'href="#updates"' in html
    updates = html[html.index('id="updates"') : html.index('id="quotes"')]
    assert "number of passengers: 120 → 150" in updates
    assert "North Star" in updates and "South Bell" in updates
    assert "↻ The number of passengers changed between reports" in html


def test_store_wide_figures_are_reused_then_refreshed(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsweave import web

    stores = web._Stores(store_path, fast_settings(store_path))
    calls: list[int] = []

    def compute(store: Store) -> int:
        calls.append(store.stats()["articles"])
        return len(calls)

    try:
        assert stores.facet("n", compute) == 1
        assert stores.facet("n", compute) == 1
        monkeypatch.setattr(web, "FACET_SECONDS", 0.0)
        assert stores.facet("n", compute) == 2
        assert calls == [len(ARTICLES), len(ARTICLES)]
        assert stores.count({"outlet": "Valley Wire"}) == 1
    finally:
        stores.close()


def test_story_title_for_untitled_stories() -> None:
    from newsweave.store import StorySummary
    from newsweave.web import story_title

    def summary(title: str, text: str) -> StorySummary:
        return StorySummary(
            "s1", title, None, None, 1, 1, ("X",), text, None, None, datetime.now(UTC)
        )

    assert story_title(summary("Dam repairs", "lead")) == "Dam repairs"
    assert story_title(summary("(untitled)", "The ferry resumed on Tuesday.")) == (
        "The ferry resumed on Tuesday."
    )
    long = story_title(summary("(untitled)", "word " * 60))
    assert long.endswith("…") and len(long) <= 121
    assert story_title(summary("", ""), "From the report") == "From the report"
    assert story_title(summary("", "")) == "Untitled story"


def test_a_merged_story_redirects_to_the_story_that_absorbed_it(tmp_path: Path) -> None:
    path = tmp_path / "merged.sqlite"
    settings = fast_settings(path)
    with Store(path) as store:
        store.ingest(ARTICLES, settings)
        gone, into = [s.id for s in store.stories(limit=2)]
        store._db.execute("BEGIN IMMEDIATE")
        store._apply_merges([(gone, into)], {})
        store._db.execute("COMMIT")
    with TestClient(create_app(settings, path)) as client:
        for old, new in (
            (f"/stories/{gone}", f"/stories/{into}"),
            (f"/stories/{gone}.json", f"/stories/{into}.json"),
            (f"/api/stories/{gone}?x=1", f"/api/stories/{into}?x=1"),
            (f"/api/stories/{gone}/report", f"/api/stories/{into}/report"),
        ):
            res = client.get(old, follow_redirects=False)
            assert res.status_code == 308, old
            assert res.headers["location"] == new
        assert client.get(f"/stories/{gone}").status_code == 200  # followed
        assert client.get("/stories/never-a-story").status_code == 404
