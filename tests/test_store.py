"""The SQLite store: migrations, idempotent ingest, updates, concurrency, read-only, CLI."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner

from newsweave.cli import main
from newsweave.embed import get_embedder
from newsweave.errors import StoreError
from newsweave.ingest import parse_bytes
from newsweave.models import Article, Mention
from newsweave.provenance import CLUSTER_COMPONENT
from newsweave.settings import Settings
from newsweave.store import MIGRATIONS, Store, cluster_params, format_stories, parse_since

T0 = datetime(2031, 5, 10, 7, 0, tzinfo=UTC)
SETTINGS = Settings()


def art(aid: str, title: str, desc: str, hours: float, outlet: str, text: str = "") -> Article:
    return Article(
        id=aid,
        url=aid,
        title=title,
        description=desc,
        text=text or f"{title}\n{desc}",
        outlet=outlet,
        published=T0 + timedelta(hours=hours),
    )


# A fictional bridge collapse covered by three outlets (one republishing the wire copy),
# and an unrelated fictional election.
WIRE = "A road bridge over the river Selva collapsed in the town of Brannock on Tuesday morning, sending two cars into the water; rescuers pulled four people out alive, the regional governor said."
BRIDGE = [
    art(
        "https://daily.test/bridge",
        "Bridge collapses in Brannock, cars plunge into Selva river",
        WIRE,
        0,
        "Brannock Daily",
    ),
    art(
        "https://wire.test/bridge",
        "Brannock bridge collapse sends two cars into the Selva",
        WIRE,
        1,
        "Wire Service",
    ),
    art(
        "https://herald.test/bridge",
        "Four rescued after Brannock bridge over the Selva collapses",
        "Rescuers in Brannock saved four people after the bridge across the Selva gave way, the governor of the region said.",
        3,
        "Selva Herald",
    ),
]
ELECTION = [
    art(
        "https://daily.test/vote",
        "Estoria votes in snap parliamentary election",
        "Polls opened across Estoria for an early election called by prime minister Lena Ostrova after her coalition collapsed.",
        2,
        "Brannock Daily",
    ),
    art(
        "https://post.test/vote",
        "Estorians head to the polls in snap election called by Ostrova",
        "Voters in Estoria are choosing a new parliament after prime minister Lena Ostrova's coalition fell apart.",
        4,
        "Estoria Post",
    ),
]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "nw.sqlite")
    yield s  # type: ignore[misc]
    s.close()


def test_migrations_recorded_and_not_reapplied(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite"
    with Store(path) as s:
        assert s.schema_version() == len(MIGRATIONS)
    with Store(path) as s:
        rows = s._db.execute("SELECT number FROM migrations").fetchall()
        assert [r[0] for r in rows] == list(range(1, len(MIGRATIONS) + 1))
    db = sqlite3.connect(path)
    db.execute("INSERT INTO migrations VALUES (?, 'future')", (len(MIGRATIONS) + 1,))
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="newer newsweave"):
        Store(path)


def test_journal_is_wal(store: Store) -> None:
    assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.slow
def test_ingest_is_idempotent_and_finds_stories(store: Store) -> None:
    first = store.ingest(BRIDGE + ELECTION, SETTINGS)
    assert first.added == 5 and first.unchanged == 0
    assert first.stories_created == 2
    again = store.ingest(BRIDGE + ELECTION, SETTINGS)
    assert again.added == 0 and again.unchanged == 5 and again.stories_created == 0
    assert store.stats()["articles"] == 5
    assert store.stats()["stories"] == 2
    assert store.check() == []
    bridge = store.article(BRIDGE[0].id)
    assert bridge is not None and bridge.story_id is not None
    story = store.story(bridge.story_id)
    assert story is not None
    assert story.article_count == 3
    # the wire copy republished by the daily counts once: 2 independent sources
    assert bridge.copies == (BRIDGE[1].id,)
    assert story.source_count == 2
    assert {a.id for a in store.story_articles(story.id)} == {a.id for a in BRIDGE}
    assert story.start == T0 and story.end == T0 + timedelta(hours=3)


@pytest.mark.slow
def test_update_keeps_revision_history_and_marks_story_stale(store: Store) -> None:
    store.ingest(BRIDGE, SETTINGS)
    sid = store.article(BRIDGE[2].id).story_id  # type: ignore[union-attr]
    version = store._db.execute("SELECT version FROM stories WHERE id = ?", (sid,)).fetchone()[0]
    changed = art(
        BRIDGE[2].id,
        BRIDGE[2].title,
        BRIDGE[2].description + " Five people are still missing.",
        3,
        "Selva Herald",
    )
    stats = store.ingest([changed], SETTINGS)
    assert stats.updated == 1 and stats.added == 0
    stored = store.article(BRIDGE[2].id)
    assert stored is not None
    assert stored.revisions == 2
    assert stored.article.description.endswith("still missing.")
    revs = store.revisions(BRIDGE[2].id)
    assert [r["revision"] for r in revs] == [1, 2]
    assert "still missing" not in revs[0]["description"]
    after = store._db.execute("SELECT version FROM stories WHERE id = ?", (sid,)).fetchone()[0]
    assert after > version
    assert store.stats()["articles"] == 3


@pytest.mark.slow
def test_tracking_parameters_do_not_make_new_articles(store: Store) -> None:
    def feed(url: str) -> Article:
        rec = {
            "url": url,
            "title": "Brannock bridge reopens after repairs",
            "description": "The rebuilt bridge over the Selva opened to traffic on Monday.",
            "published": "2031-09-01T08:00:00Z",
            "outlet": "Selva Herald",
        }
        result = parse_bytes(json.dumps(rec).encode(), "entry.json", settings=SETTINGS)
        assert result.articles, result.skipped
        return result.articles[0]

    a = feed("https://www.herald.test/reopen?utm_source=rss&at_medium=RSS")
    b = feed("http://herald.test/reopen/?utm_campaign=x")
    assert a.id == b.id == "https://herald.test/reopen"
    store.ingest([a], SETTINGS)
    assert store.ingest([b], SETTINGS).unchanged == 1
    assert store.stats()["articles"] == 1


@pytest.mark.slow
def test_queries_and_filters(store: Store) -> None:
    store.ingest(BRIDGE + ELECTION, SETTINGS)
    assert store.count_stories() == 2
    assert len(store.stories(min_sources=2)) == 2
    assert next(s.title for s in store.stories(search="selva")).startswith(
        ("Bridge", "Brannock", "Four")
    )
    assert store.stories(search="selva estoria") == []
    assert len(store.stories(outlet="estoria post")) == 1
    assert store.stories(since=T0 + timedelta(days=5)) == []
    assert len(store.stories(since=T0 - timedelta(days=1), until=T0 + timedelta(days=1))) == 2
    big = store.stories(order="size")
    assert big[0].article_count == 3
    assert store.count_stories(outlet="Brannock Daily") == 2
    names = dict(store.entities())
    assert any("Estoria" in n or "Brannock" in n or "Selva" in n for n in names)
    assert dict(store.outlets())["Brannock Daily"] == 2
    assert store.story("s-unknown") is None
    assert store.article("nope") is None
    assert store.related_stories("s-unknown") == []
    with pytest.raises(StoreError):
        store.story_report("s-unknown", SETTINGS)
    with pytest.raises(StoreError, match="unknown story order"):
        store.stories(order="alphabetical")
    text = format_stories(big, "text")
    assert big[0].id in text
    md = format_stories(big, "markdown")
    assert md.startswith("| story |")
    assert json.loads(format_stories(big, "json"))["stories"][0]["id"] == big[0].id


@pytest.mark.slow
def test_reader_reads_while_writer_holds_a_transaction(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with Store(path) as writer:
        writer.ingest(BRIDGE, SETTINGS)
        with Store(path, readonly=True) as reader:
            writer._db.execute("BEGIN IMMEDIATE")
            writer._db.execute("DELETE FROM story_entities")
            # the reader is not blocked and sees the last committed state
            assert reader.stats()["articles"] == 3
            assert len(reader._db.execute("SELECT * FROM story_entities").fetchall()) > 0
            writer._db.execute("ROLLBACK")
            seen: list[int] = []

            def progress(n: int) -> None:
                seen.append(reader.stats()["articles"])

            writer.ingest(
                ELECTION
                + [
                    art(
                        f"https://x.test/{i}",
                        f"Item {i} of the Brannock fair",
                        "Stalls and music.",
                        10 + i,
                        "Fair News",
                    )
                    for i in range(6)
                ],
                SETTINGS,
                progress=progress,
                batch_size=2,
            )
            assert seen == [5, 7, 9, 11]


@pytest.mark.slow
def test_readonly_store_never_writes(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite"
    with Store(path) as s:
        s.ingest(BRIDGE, SETTINGS)
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir() if p.name == "r.sqlite"}
    with Store(path, readonly=True) as ro:
        with pytest.raises(StoreError, match="read-only"):
            ro.ingest(ELECTION, SETTINGS)
        assert ro.stats()["articles"] == 3
    after = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir() if p.name == "r.sqlite"}
    assert before == after
    with pytest.raises(StoreError, match="not found"):
        Store(tmp_path / "missing.sqlite", readonly=True)


def test_not_a_store(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        Store(bad)


def test_parse_since() -> None:
    now = datetime(2031, 1, 10, tzinfo=UTC)
    assert parse_since("2d", now) == datetime(2031, 1, 8, tzinfo=UTC)
    assert parse_since("12h", now) == datetime(2031, 1, 9, 12, tzinfo=UTC)
    assert parse_since("2031-01-01", now) == datetime(2031, 1, 1, tzinfo=UTC)
    with pytest.raises(StoreError, match="--since"):
        parse_since("yesterday-ish", now)
    # --until: a bare date means the end of that day
    until = parse_since("2031-01-01", now, flag="--until", end_of_day=True)
    assert until.date() == datetime(2031, 1, 1).date() and until.hour == 23
    with pytest.raises(StoreError, match="--until"):
        parse_since("soon", now, flag="--until")


@pytest.mark.slow
def test_stories_command_until(tmp_path: Path) -> None:
    path = tmp_path / "u.sqlite"
    with Store(path) as s:
        s.ingest(BRIDGE, SETTINGS)  # 10 May 2031, 07:00-10:00
    runner = CliRunner()
    day = T0.date().isoformat()
    before = (T0.date() - timedelta(days=1)).isoformat()
    got = runner.invoke(main, ["stories", "--store", str(path), "--until", day, "--format", "json"])
    assert got.exit_code == 0, got.output
    assert len(json.loads(got.output)["stories"]) == 1
    got = runner.invoke(
        main, ["stories", "--store", str(path), "--until", before, "--format", "json"]
    )
    assert json.loads(got.output)["stories"] == []
    bad = runner.invoke(main, ["stories", "--store", str(path), "--until", "soon"])
    assert bad.exit_code != 0 and "--until 'soon'" in bad.output
    assert "Traceback" not in bad.output


@pytest.mark.slow
def test_story_report_is_cached_until_the_story_changes(store: Store) -> None:
    store.ingest(BRIDGE, SETTINGS)
    sid = store.article(BRIDGE[0].id).story_id  # type: ignore[union-attr]
    assert store.cached_report(sid) is None  # lazy: not computed during ingest
    report = store.story_report(sid, SETTINGS)
    assert report == store.cached_report(sid)
    assert store.story(sid).has_conflicts is not None  # type: ignore[union-attr]
    # Other analysis settings (or a newer newsweave) make the cached report stale.
    stricter = SETTINGS.replace(claim_threshold=0.9)
    assert store.cached_report(sid, stricter) is None
    other = store.story_report(sid, stricter)
    assert other["provenance"]["settings"]["claim_threshold"] == 0.9
    assert store.cached_report(sid, stricter) == other
    assert store.cached_report(sid) is None  # replaced by the stricter one
    store.ingest(
        [
            art(
                "https://late.test/bridge",
                "Brannock bridge: inquiry opened into Selva collapse",
                "Investigators in Brannock opened an inquiry into why the bridge over the Selva gave way.",
                20,
                "Late Gazette",
            )
        ],
        SETTINGS,
    )
    if store.article("https://late.test/bridge").story_id == sid:  # type: ignore[union-attr]
        assert store.cached_report(sid) is None
        assert store.story(sid).has_conflicts is None  # type: ignore[union-attr]


def _write_inputs(folder: Path) -> list[Path]:
    folder.mkdir()
    recs = [
        {
            "url": a.url,
            "title": a.title,
            "description": a.description,
            "outlet": a.outlet,
            "published": a.published.isoformat() if a.published else None,
        }
        for a in BRIDGE + ELECTION
    ]
    good = folder / "feed.jsonl"
    good.write_text("\n".join(json.dumps(r) for r in recs) + "\n", encoding="utf-8")
    bad = folder / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    return [good, bad]


@pytest.mark.slow
def test_cli_ingest_stories_show_export(tmp_path: Path) -> None:
    good, bad = _write_inputs(tmp_path / "in")
    db = str(tmp_path / "cli.sqlite")
    runner = CliRunner()
    res = runner.invoke(main, ["ingest", "--store", db, str(good), str(bad)])
    assert res.exit_code == 3, res.output
    assert "5 added" in res.output and "broken.json" in res.output
    res = runner.invoke(main, ["--store", db, "ingest", str(good)])
    assert res.exit_code == 0 and "5 unchanged" in res.output
    res = runner.invoke(main, ["stories", "--store", db, "--format", "json", "--min-sources", "2"])
    assert res.exit_code == 0, res.output
    listed = json.loads(res.output)["stories"]
    assert len(listed) == 2
    res = runner.invoke(
        main, ["--store", db, "stories", "--search", "Estoria", "--format", "markdown"]
    )
    assert res.exit_code == 0 and "Estoria" in res.output
    sid = listed[0]["id"]
    res = runner.invoke(main, ["show", sid, "--store", db, "--format", "json"])
    assert res.exit_code == 0, res.output
    assert "claims" in json.loads(res.output)
    res = runner.invoke(main, ["show", "s000000000000", "--store", db])
    assert res.exit_code == 2 and "unknown story" in res.output
    out = tmp_path / "export.jsonl"
    res = runner.invoke(main, ["export", "--store", db, "--format", "jsonl", str(out)])
    assert res.exit_code == 0, res.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sum(r["type"] == "article" for r in records) == 5
    stories = [r for r in records if r["type"] == "story"]
    assert len(stories) == 2 and any(r["report"] is not None for r in stories)
    pq = pytest.importorskip("pyarrow.parquet")
    res = runner.invoke(
        main, ["export", "--store", db, "--format", "parquet", str(tmp_path / "a.parquet")]
    )
    assert res.exit_code == 0, res.output
    assert pq.read_table(str(tmp_path / "a.parquet")).num_rows == 5
    assert pq.read_table(str(tmp_path / "a.stories.parquet")).num_rows == 2
    res = runner.invoke(main, ["stories", "--store", str(tmp_path / "none.sqlite")])
    assert res.exit_code == 2 and "not found" in res.output


@pytest.mark.slow
def test_related_stories_follow_the_storyline(store: Store) -> None:
    later = art(
        "https://herald.test/inquiry",
        "Inquiry blames rusted cables for Brannock bridge collapse",
        "A report into the collapse of the Brannock bridge over the Selva found that corroded cables were never replaced.",
        24 * 45,
        "Selva Herald",
    )
    store.ingest(BRIDGE, SETTINGS)
    store.ingest([later], SETTINGS)
    first = store.article(BRIDGE[0].id).story_id  # type: ignore[union-attr]
    second = store.article(later.id).story_id  # type: ignore[union-attr]
    assert first != second
    assert [s.id for s in store.related_stories(first)] == [second]
    assert [s.id for s in store.related_stories(second)] == [first]
    assert store.story(second).storyline == store.story(first).storyline == first  # type: ignore[union-attr]
    # `newsweave show` ends with where to walk next
    res = CliRunner().invoke(main, ["show", first, "--store", str(store.path)])
    assert res.exit_code == 0, res.output
    assert "Related stories (same storyline):" in res.output and second in res.output


def test_report_selection_caps_runaway_stories() -> None:
    from newsweave.store import _report_selection

    arts = [
        Article(id=f"a{i}", text=f"Entry {i}", outlet=f"o{i % 5}", origin=f"f{i}")
        for i in range(12)
    ]
    keep, left = _report_selection(arts, 8)
    assert len(keep) == 8 and len(left) == 4
    assert {a.outlet for a in keep} == {f"o{i}" for i in range(5)}  # every outlet kept
    assert [a.id for a in keep] == sorted((a.id for a in keep), key=lambda x: int(x[1:]))
    assert all("limited to 8" in s.reason for s in left)
    assert _report_selection(arts[:3], 8) == (arts[:3], [])


def test_story_lists_and_exports_carry_provenance(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    from newsweave.provenance import clustering_provenance
    from newsweave.settings import Settings
    from newsweave.store import Store, export_store, format_stories

    settings = Settings(store=str(tmp_path / "p.sqlite"))
    prov = clustering_provenance(settings)
    assert {"name": CLUSTER_COMPONENT[0], "version": CLUSTER_COMPONENT[1]} in prov["components"]
    names = [c["name"] for c in prov["components"]]
    assert "embedder:wordllama" in names and "refiner:minilm" in names  # MiniLM is installed
    assert "refiner:minilm" not in [
        c["name"]
        for c in clustering_provenance(settings.replace(cluster_refiner="none"))["components"]
    ]
    assert (
        prov["settings"]["embedder"] == settings.embedder and "threshold" in prov["cluster_params"]
    )
    assert json.loads(format_stories([], "json", prov))["provenance"] == prov
    with Store.open(settings) as store:
        export_store(store, "jsonl", tmp_path / "e.jsonl", settings)
        first = json.loads((tmp_path / "e.jsonl").read_text().splitlines()[0])
        assert first["type"] == "provenance" and first["components"] == prov["components"]
        export_store(store, "parquet", tmp_path / "e.parquet", settings)
    meta = pq.read_schema(tmp_path / "e.parquet").metadata
    assert json.loads(meta[b"newsweave_provenance"])["components"] == prov["components"]


@pytest.mark.slow
def test_headline_match_survives_reopening_the_store(tmp_path: Path) -> None:
    """A story's recent headlines are stored with it: after a restart, a page whose body is
    boilerplate still joins the story its headline matches."""
    path = tmp_path / "h.sqlite"
    with Store(path) as s:
        s.ingest(BRIDGE, SETTINGS)
    junk = "Subscribe to our newsletter. Cookie settings. Sections: Sport, Culture, Opinion. " * 8
    page = art(
        "https://portal.test/b",
        "Brannock bridge collapse sends two cars into the Selva river",
        "",
        5,
        "Portal",
        text=junk,
    )
    with Store(path) as s:
        s.ingest([page], SETTINGS)
        got = s.article(page.id)
        first = s.article(BRIDGE[0].id)
        assert got is not None and first is not None
        assert got.story_id == first.story_id
        assert s.check() == []


@pytest.mark.slow
def test_a_store_from_before_migration_3_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with Store(path) as s:
        s.ingest(BRIDGE[:2], SETTINGS)
    # Make it look like a store written before `stories.titles` existed.
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE stories DROP COLUMN titles")
    db.execute("DELETE FROM migrations WHERE number = 3")
    db.commit()
    db.close()
    with Store(path) as s:
        assert s.schema_version() == len(MIGRATIONS)
        s.ingest(BRIDGE[2:] + ELECTION, SETTINGS)
        assert s.stats()["stories"] == 2
        assert s.check() == []


def test_show_and_export_of_a_missing_store_say_so_and_create_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "none.sqlite"
    runner = CliRunner()
    for args in (["show", "s1"], ["export", str(tmp_path / "out.jsonl"), "--reports"]):
        got = runner.invoke(main, [*args, "--store", str(missing)])
        assert got.exit_code == 2 and "store not found" in got.output, got.output
        assert "Traceback" not in got.output
    assert not missing.exists()
    with pytest.raises(StoreError, match="store not found"):
        Store(missing, create=False)


@pytest.mark.slow
def test_similar_stories_of_the_same_days(tmp_path: Path) -> None:
    # A clustering that splits everything: each article is a story of its own. The two
    # dam reports read alike; the election does not.
    dam = [
        art(
            "https://daily.test/dam",
            "Dam wall cracks above Orrin valley",
            "Engineers found a crack in the Orrin dam wall on Monday and evacuated 300 homes in the valley below.",
            0,
            "Brannock Daily",
        ),
        art(
            "https://post.test/dam",
            "Hundreds evacuated as Orrin reservoir leaks",
            "About 300 homes below the Orrin dam were evacuated on Monday after engineers found a crack in the dam wall.",
            2,
            "Estoria Post",
        ),
    ]
    strict = replace(SETTINGS, cluster_threshold=0.99, store=tmp_path / "s.sqlite")
    with Store(strict.store) as store:
        store.ingest([*dam, *ELECTION], strict)
        first, second = (store.article(a.id).story_id for a in dam)  # type: ignore[union-attr]
        election = {store.article(a.id).story_id for a in ELECTION}  # type: ignore[union-attr]
        assert first != second
        # linked at creation: the second is the first's follow-up, not "similar"
        assert [s.id for s in store.related_stories(first)] == [second]
        assert store.similar_stories(first, min_articles=1) == []
        # a piece that grew alike only later is not linked (as when the first reports of
        # a shooting "near Los Angeles" and the "Monterey Park shooting" became two stories)
        store._db.execute("UPDATE stories SET storyline = NULL")
        similar = [s.id for s in store.similar_stories(first, min_articles=1)]
        assert similar == [second]
        # the same through an index of all centroids (what the web app keeps)
        index = store.centroid_index(min_articles=1)
        assert [s.id for s in store.similar_stories(first, index=index)] == [second]
        assert not set(similar) & election
        # none above a cosine of 1, and no story of two articles or more here
        assert store.similar_stories(first, min_cosine=1.01, min_articles=1) == []
        assert store.similar_stories(first) == []
        assert store.similar_stories("s-unknown") == []


def test_a_story_of_a_page_titled_only_with_its_site_is_named_by_its_url(
    store: Store, tmp_path: Path
) -> None:
    page = Article(
        id="https://news.brannock.test/world/story/lighthouse-keeper-at-brannock-retires-after-40-years-5512",
        url="https://news.brannock.test/world/story/lighthouse-keeper-at-brannock-retires-after-40-years-5512",
        title="Brannock News",
        description="",
        text="Copyright Brannock News. The keeper of the Brannock lighthouse retires. All rights reserved.",
        outlet="news.brannock.test",
        published=T0,
    )
    store.ingest([page], SETTINGS)
    got = store.article(page.id)
    assert got is not None and got.story_id is not None
    story = store.story(got.story_id)
    assert story is not None
    # the words the text capitalises inside a sentence keep their capitals
    assert story.title == "Lighthouse keeper at Brannock retires after 40 years"
    assert got.article.title == "Brannock News"  # the article keeps its own title
    # a reopened store (members read back from the database) names it the same way
    store.close()
    again = Store(tmp_path / "nw.sqlite")
    try:
        again.ingest([replace(page, id="x2", url="https://other.test/x", title="")], SETTINGS)
        copy = again.article("x2")
        assert copy is not None and copy.story_id == got.story_id
        assert again.story(got.story_id).title == story.title  # type: ignore[union-attr]
    finally:
        again.close()


def test_a_recomputed_report_runs_ner_only_on_new_text(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    from newsweave.nlp import NoRecognizer

    # the module (newsweave.compare is also the name of the function the package exports)
    compare_module = importlib.import_module("newsweave.compare")

    class Counting(NoRecognizer):
        def __init__(self) -> None:
            self.seen: list[str] = []

        def recognize(self, texts: Sequence[str]) -> list[list[Mention]]:
            self.seen.extend(texts)
            return super().recognize(texts)

    counting = Counting()
    monkeypatch.setattr(compare_module, "get_recognizer", lambda name, workers=0: counting)
    store.ingest(BRIDGE, SETTINGS)
    sid = store.article(BRIDGE[0].id).story_id  # type: ignore[union-attr]
    first = store.story_report(sid, SETTINGS)
    assert counting.seen  # every stretch of text went through the model once
    n_first = len(counting.seen)
    # the same texts again (another setting makes the cached report stale): no model run
    store.story_report(sid, SETTINGS.replace(claim_threshold=0.7))
    assert len(counting.seen) == n_first
    late = art(
        "https://late.test/bridge",
        "Brannock bridge collapse: four rescued from the Selva",
        "Rescuers pulled four people alive from the Selva after the Brannock bridge collapsed on Tuesday.",
        5,
        "Late Gazette",
    )
    store.ingest([late], SETTINGS)
    assert store.article(late.id).story_id == sid  # type: ignore[union-attr]
    second = store.story_report(sid, SETTINGS)
    new_texts = counting.seen[n_first:]
    assert new_texts and all("rescued" in t or "Rescuers" in t for t in new_texts)
    assert len(second["articles"]) == len(first["articles"]) + 1


def test_a_story_of_untitled_texts_is_named_by_a_first_sentence(
    store: Store, tmp_path: Path
) -> None:
    a = Article(
        id="plain-a",
        text="BRANNOCK (Wire Service) – A road bridge over the river Selva collapsed on Tuesday. "
        "Two cars fell into the water.",
        outlet="Wire Service",
        published=T0,
    )
    b = Article(
        id="plain-b",
        text="The bridge over the Selva in Brannock collapsed on Tuesday morning, and rescuers "
        "pulled four people from the river. The governor visited the site.",
        outlet="Selva Herald",
        published=T0 + timedelta(hours=1),
    )
    store.ingest([a, b], SETTINGS)
    sid = store.article("plain-a").story_id  # type: ignore[union-attr]
    assert store.article("plain-b").story_id == sid  # type: ignore[union-attr]
    title = store.story(sid).title  # type: ignore[union-attr]
    # the first sentence of one of them, without the dateline, cut at a word
    assert title.startswith(("A road bridge over the river Selva", "The bridge over the Selva"))
    assert "(Wire Service)" not in title and len(title) <= 110
    # read back from the database (a new store object) it is the same
    store.close()
    again = Store(tmp_path / "nw.sqlite")
    try:
        c = replace(a, id="plain-c", text=a.text + " Divers searched the river.")
        again.ingest([c], SETTINGS)
        assert again.article("plain-c").story_id == sid  # type: ignore[union-attr]
        # the members read back from the database have their first sentences as titles
        assert all(m.title for m in again._story_members(sid))
        assert again.story(sid).title.startswith(  # type: ignore[union-attr]
            ("A road bridge over the river Selva", "The bridge over the Selva")
        )
    finally:
        again.close()


def test_a_read_command_migrates_an_older_writable_store_first(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    Store(path).close()
    db = sqlite3.connect(path)  # make it look written by a newsweave one migration older
    for table in re.findall(r"CREATE TABLE (\w+)", MIGRATIONS[-1]):
        db.execute(f"DROP TABLE {table}")
    for table, column in re.findall(r"ALTER TABLE (\w+) ADD COLUMN (\w+)", MIGRATIONS[-1]):
        db.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    db.execute("DELETE FROM migrations WHERE number = ?", (len(MIGRATIONS),))
    db.commit()
    db.close()
    with Store(path, readonly=True) as st:  # `newsweave stories` opens the store so
        assert st.stats()["stories"] == 0
    db = sqlite3.connect(path)
    assert db.execute("SELECT MAX(number) FROM migrations").fetchone()[0] == len(MIGRATIONS)
    db.close()


def test_a_report_is_answered_while_an_ingest_holds_the_write_lock(tmp_path: Path) -> None:
    path = tmp_path / "busy.sqlite"
    with Store(path) as st:
        st.ingest(BRIDGE, SETTINGS)
        sid = st.article(BRIDGE[0].id).story_id  # type: ignore[union-attr]
    ingest = sqlite3.connect(path, isolation_level=None)
    ingest.execute("BEGIN IMMEDIATE")  # another process writing a batch
    try:
        with Store(path) as web:
            web._db.execute("PRAGMA busy_timeout = 50")
            report = web.story_report(sid, SETTINGS)  # computed, not cached
            assert report["articles"] and web.cached_report(sid) is None
    finally:
        ingest.execute("ROLLBACK")
        ingest.close()
    with Store(path) as web:
        again = web.story_report(sid, SETTINGS)  # computed again, and cached now
        assert web.cached_report(sid) == again

        def content(r: dict[str, Any]) -> dict[str, Any]:
            return {**r, "provenance": {**r["provenance"], "created": ""}}

        assert content(again) == content(report)


def test_a_merged_story_moves_its_articles_in_one_transaction(store: Store) -> None:
    store.ingest(BRIDGE + ELECTION, SETTINGS)
    bridge = store.stories(search="Brannock")[0].id
    election = store.stories(search="election")[0].id
    assert bridge != election
    moved = store.story_articles(election)
    # what the clusterer's merge step reports, applied as an ingest batch applies it
    db = store._db
    db.execute("BEGIN IMMEDIATE")
    changed: dict[str, None] = {election: None}
    store._apply_merges([(election, bridge)], changed)
    from newsweave.embed import get_embedder
    from newsweave.store import cluster_params

    index = store._load_index(get_embedder(SETTINGS.embedder).dim, cluster_params(SETTINGS))
    store._write_stories(index, list(changed), "2031-05-11T00:00:00+00:00")
    db.execute("COMMIT")
    assert list(changed) == [bridge]
    assert store.story(election) is None
    ids = {a.id for a in store.story_articles(bridge)}
    assert {a.id for a in moved} <= ids
    assert store.check() == []
    # The absorbed id still leads somewhere: to the story that holds its articles.
    assert store.resolve(election) == bridge
    assert store.resolve(bridge) == bridge
    assert store.resolve("no-such-story") is None
    # `newsweave show OLD_ID` shows the story it went to, and says so.
    res = CliRunner().invoke(
        main, ["show", election, "--store", str(store.path), "--format", "json"]
    )
    assert res.exit_code == 0, res.output
    assert f"merged into story {bridge}" in res.stderr
    assert json.loads(res.stdout)["story_id"] == bridge


def test_merged_story_ids_follow_later_merges(store: Store) -> None:
    """A merged story that is absorbed in turn: both old ids lead to the last one."""
    store.ingest(BRIDGE + ELECTION, SETTINGS)
    bridge = store.stories(search="Brannock")[0].id
    election = store.stories(search="election")[0].id
    db = store._db
    db.execute("BEGIN IMMEDIATE")
    # a story made up for the chain: the election story is absorbed by the bridge story,
    # which is then absorbed by a third one (here: a copy of the bridge story's row)
    db.execute(
        "INSERT INTO stories SELECT 'third', title, summary, t_start, t_end, article_count, "
        "source_count, outlets, storyline, version, updated, has_conflicts, search_text, "
        "centroid, terms, titles, refs FROM stories WHERE id = ?",
        (bridge,),
    )
    changed: dict[str, None] = {}
    store._apply_merges([(election, bridge)], changed)
    store._apply_merges([(bridge, "third")], changed)
    db.execute("COMMIT")
    assert store.resolve(election) == "third"
    assert store.resolve(bridge) == "third"
    assert store.story(bridge) is None
    assert {a.id for a in store.story_articles("third")} >= {a.id for a in BRIDGE + ELECTION}


def test_migration_7_recomputes_copy_signatures_and_links(tmp_path: Path) -> None:
    """A store written before cluster v8 holds signatures of the old MinHash and false
    copy links; opening it runs migration 7, which recomputes both and the source counts."""
    path = tmp_path / "old.sqlite"
    with Store(path) as st:
        st.ingest(BRIDGE + ELECTION, SETTINGS)
        bridge = st.stories(search="Brannock")[0]
        good = {(r[0], r[1]) for r in st._db.execute("SELECT article_id, copy_of FROM copies")}
        ids = [a.id for a in st.story_articles(bridge.id)]
    db = sqlite3.connect(path)
    # what an older newsweave left: other signatures, a false copy link, a lower count
    db.execute("UPDATE articles SET sig = ?", (np.zeros(64, dtype=np.uint32).tobytes(),))
    db.execute("INSERT OR REPLACE INTO copies VALUES (?, ?, ?, 0.7)", (ids[-1], ids[0], bridge.id))
    db.execute("UPDATE stories SET source_count = 1 WHERE id = ?", (bridge.id,))
    db.execute("DELETE FROM migrations WHERE number = 7")
    db.commit()
    db.close()
    with Store(path) as st:
        assert st.schema_version() == len(MIGRATIONS)
        after = {(r[0], r[1]) for r in st._db.execute("SELECT article_id, copy_of FROM copies")}
        assert after == good
        assert st.story(bridge.id).source_count == bridge.source_count  # type: ignore[union-attr]
        assert st.check() == []
        sigs = {bytes(r[0]) for r in st._db.execute("SELECT sig FROM articles")}
        assert len(sigs) > 1 and np.zeros(64, dtype=np.uint32).tobytes() not in sigs


def test_a_story_keeps_its_first_members_for_close_calls(tmp_path: Path) -> None:
    """The clustering's close calls compare an article with a story's first members: the
    store keeps their ids with the story, and an ingest reads them back after a restart."""
    path = tmp_path / "refs.sqlite"
    with Store(path) as st:
        st.ingest(BRIDGE[:2], SETTINGS)
        st.ingest(BRIDGE[2:] + ELECTION, SETTINGS)
        bridge = st.stories(search="Brannock")[0]
        members = [a.id for a in st.story_articles(bridge.id)]
        refs = json.loads(
            st._db.execute("SELECT refs FROM stories WHERE id = ?", (bridge.id,)).fetchone()[0]
        )
    assert refs and set(refs) <= set(members) and len(refs) == min(5, len(members))
    with Store(path) as st:
        index = st._load_index(get_embedder(SETTINGS.embedder).dim, cluster_params(SETTINGS))
        assert index.state(bridge.id).refs == refs


def test_migration_8_gives_an_older_store_its_stories_first_members(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with Store(path) as st:
        st.ingest(BRIDGE + ELECTION, SETTINGS)
        want = {
            sid: [
                r[0]
                for r in st._db.execute(
                    "SELECT id FROM articles WHERE story_id = ? ORDER BY rowid LIMIT 5", (sid,)
                )
            ]
            for (sid,) in st._db.execute("SELECT id FROM stories").fetchall()
        }
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE stories DROP COLUMN refs")  # what schema 7 had
    db.execute("DELETE FROM migrations WHERE number = 8")
    db.commit()
    db.close()
    with Store(path) as st:
        assert st.schema_version() == len(MIGRATIONS) == 8
        got = {r[0]: json.loads(r[1]) for r in st._db.execute("SELECT id, refs FROM stories")}
        assert got == want and all(got.values())
        assert st.check() == []
        st.ingest(BRIDGE + ELECTION, SETTINGS)  # and it ingests as before (idempotent)
