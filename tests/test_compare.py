"""The compare pipeline as a whole: title, provenance, timings, evidence invariant."""

from __future__ import annotations

from newsweave import Article, Settings, compare
from newsweave.models import Conflict, ConflictValue

FAST = Settings(embedder="hashing", ner="none")

A = Article(
    id="a",
    text=(
        "PORT ELLIS (Harbor Wire) – The Port Ellis council voted on Tuesday to close the old ferry "
        "pier after engineers found cracks in two of its supports. Repairs would cost 4.2 million dollars."
    ),
)
B = Article(
    id="b",
    text=(
        "The town council of Port Ellis voted on Tuesday to close the old ferry pier after engineers "
        "found cracks in two of its supports. Ferries will use the north terminal."
    ),
)


def test_untitled_story_takes_its_lead_without_dateline() -> None:
    report = compare([A, B], FAST)
    assert report.title.startswith(
        ("The Port Ellis council voted", "The town council of Port Ellis")
    )
    assert "(Harbor Wire)" not in report.title


def test_headline_wins_when_present() -> None:
    titled = Article(id="c", text=B.text, title="Port Ellis shuts ferry pier")
    assert compare([A, titled], FAST).title == "Port Ellis shuts ferry pier"


def test_a_page_titled_only_with_its_site_is_named_by_its_url() -> None:
    page = Article(
        id="p",
        text=B.text,
        title="Harbor Wire",
        outlet="harborwire.test",
        url="https://harborwire.test/news/port-ellis-closes-old-ferry-pier-88231907",
    )
    # the words the text writes with a capital keep it
    assert compare([A, page], FAST).title == "Port Ellis closes old ferry pier"
    # with no slug in the address the site's title stays
    plain = Article(id="q", text=B.text, title="Harbor Wire", outlet="harborwire.test")
    assert compare([plain], FAST).title == "Harbor Wire"


def test_provenance_and_timings() -> None:
    timings: dict[str, float] = {}
    report = compare([A, B], FAST, timings=timings)
    names = {c.name for c in report.provenance.components}
    assert {"newsweave.claims", "embedder:hashing-bow", "ner:none"} <= names
    assert report.provenance.settings["embedder"] == "hashing"
    assert set(timings) >= {"clean", "ner", "embed", "claims", "conflicts", "summary"}
    for claim in report.claims:
        for ev in claim.evidence:
            text = A.text if ev.article == "a" else B.text
            assert text[ev.start : ev.end] == ev.text


def test_empty_input_gives_empty_report() -> None:
    report = compare([], FAST)
    assert report.claims == () and report.title == "(no text)"


def test_story_title_is_the_gist_of_the_headlines_not_a_junk_one() -> None:
    from newsweave.render import gist_title

    titles = [
        "Search results : Tidewire",  # a scraped search page's title, and the shortest
        "Storm Carys cuts power to 40,000 Valdora homes",
        "40,000 homes without power as Storm Carys hits Valdora",
        "Valdora storm: clean-up begins",
    ]
    assert gist_title(titles) == "Storm Carys cuts power to 40,000 Valdora homes"
    # two headlines: the articles' first sentences decide
    leads = ["Storm Carys cut power to 40,000 homes in Valdora on Monday."]
    assert gist_title(titles[:2], leads) == titles[1]
    assert gist_title([]) == "" and gist_title(["", " "]) == ""


def test_a_headline_with_a_toll_later_reports_changed_gives_way() -> None:
    from datetime import UTC, datetime, timedelta

    t0 = datetime(2031, 11, 9, 7, 0, tzinfo=UTC)
    early = Article(
        id="a",
        title="Tarrow tram crash: five dead after tram overturns",
        text="At least five people are dead after a tram overturned in Tarrow, police said.",
        published=t0,
    )
    later = [
        Article(
            id=k,
            title={"b": "Driver held after Tarrow tram overturns", "c": "Tram line shut"}[k],
            text="At least seven people were killed when a tram overturned in Tarrow, police said.",
            published=t0 + timedelta(hours=10 + i),
        )
        for i, k in enumerate("bc")
    ]
    report = compare([early, *later], FAST)
    assert [[v.normalized for v in u.values] for u in report.updates] == [["5", "7"]]
    assert "five" not in report.title
    # without an update the early headline may still name the story
    alone = compare([early, Article(id="d", text=early.text, title=early.title)], FAST)
    assert alone.title == early.title


def test_a_report_stops_adding_articles_at_max_report_sentences() -> None:
    one = Article(id="one", text=A.text, outlet="Harbor Wire")
    two = Article(id="two", text=A.text + " " + A.text, outlet="Harbor Wire")
    three = Article(id="three", text=B.text, outlet="Coastline Radio")
    settings = FAST.replace(max_report_sentences=4)
    report = compare([one, two, three], settings)
    # one article per outlet first (one, three: 2 sentences each), then the rest if it fits
    assert [a.article.id for a in report.articles] == ["one", "three"]
    assert [s.origin for s in report.skipped] == ["two"]
    assert "max_report_sentences" in report.skipped[0].reason
    long = Article(id="long", text=A.text * 10)
    report = compare([long, three], FAST.replace(max_article_chars=len(A.text) * 5))
    assert [a.article.id for a in report.articles] == ["three"]
    assert report.skipped[0].origin == "long" and "max_article_chars" in report.skipped[0].reason


def _toll(*values: str) -> Conflict:
    return Conflict(
        "u1", "number", "number killed", tuple(ConflictValue(v, v, ("a",), ()) for v in values)
    )


def test_a_headline_with_a_count_the_story_revised_gives_way() -> None:
    from newsweave.compare import _states_a_superseded_count

    update = [_toll("25", "28", "47", "100")]
    assert _states_a_superseded_count("Suicide bomber kills at least 25 at mosque", update)
    # between the first and the latest value, of the update's kind
    assert _states_a_superseded_count("Blast at mosque kills at least 27", update)
    assert _states_a_superseded_count("Pakistan Bombing at Mosque Kills at Least 28", update)
    assert not _states_a_superseded_count("Mosque blast toll rises to 100", update)
    # a number of another kind
    assert not _states_a_superseded_count("27 nations condemn mosque attack", update)
    assert not _states_a_superseded_count("Blast at mosque kills at least 27", [])


def test_a_video_page_or_live_blog_headline_gives_way() -> None:
    from newsweave.compare import _MEDIA_PAGE

    assert _MEDIA_PAGE.search("Suicide bombing kills worshippers at mosque – video")
    assert _MEDIA_PAGE.search("Russia-Ukraine war: Germany expects decision soon – live")
    assert _MEDIA_PAGE.search("The World Economic Forum returns to Davos – in pictures")
    assert _MEDIA_PAGE.search("Live updates | World Economic Forum gathering in Davos")
    assert not _MEDIA_PAGE.search("Live music returns to Davos after two years")
