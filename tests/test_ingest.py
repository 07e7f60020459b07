"""Ingest: every input format, field-name variants, outlet inference and bad input."""

from __future__ import annotations

import gzip
import itertools
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import SHARED
from newsweave.ingest import (
    guess_language,
    html_to_text,
    load_articles,
    normalize_url,
    parse_bytes,
    parse_date,
)
from newsweave.outlets import infer_outlet, normalize_outlet, outlet_from_url
from newsweave.settings import Settings

FIX = Path(__file__).parent / "fixtures" / "ingest"


def load(name: str) -> tuple[list, list]:  # type: ignore[type-arg]
    r = load_articles([FIX / name])
    return r.articles, r.skipped


# ---------------------------------------------------------------- formats


def test_plain_text_keeps_file_content_and_infers_outlet_from_dateline() -> None:
    arts, skipped = load("wire-story.txt")
    assert not skipped
    (a,) = arts
    assert a.text == (FIX / "wire-story.txt").read_text(encoding="utf-8")
    assert a.outlet == "Tidewater Press"
    assert a.outlet_inferred_from == "dateline"
    assert a.title == "" and a.published is None
    assert a.language == "en"


def test_single_json_record_with_variant_field_names() -> None:
    arts, skipped = load("record.json")
    assert not skipped
    (a,) = arts
    assert a.title == "Halverston pier closed after storm surge"
    assert a.text.startswith("The northern pier in Halverston")
    assert a.outlet == "gullcoast-gazette.example"  # "www." dropped
    assert a.outlet_inferred_from == "metadata"
    assert a.published == datetime(2025, 2, 6, 13, 30, tzinfo=UTC)  # RFC 2822, +0100
    assert a.id == "https://gullcoast-gazette.example/news/pier-closed?ref=home"
    assert a.language == "en"


def test_json_list_under_articles_key() -> None:
    arts, skipped = load("records.json")
    by_title = {a.title: a for a in arts}
    ferry = by_title["Ferry timetable cut for winter"]
    assert ferry.outlet == "Orrin Herald"  # source as a dict with a name
    assert ferry.published == datetime(2024, 10, 14, 8, 0, tzinfo=UTC)
    library = by_title["Library extends opening hours"]
    assert library.text == (
        "The Brennick public library will open on Sundays from next month.\n\n"
        "The council approved the change on Tuesday."
    )  # markup in the body field became text
    assert library.outlet == "Brennick Bulletin"
    assert library.published == datetime(2024, 10, 15, 9, 15, tzinfo=UTC)  # no zone -> UTC
    festival = by_title["Harbour festival returns"]
    assert festival.text.splitlines() == [
        "Harbour festival returns",
        "The Halverston harbour festival returns in May after a two-year break.",
    ]
    assert festival.outlet == "tidewater-press.example"
    assert [s.origin.rsplit("/", 1)[-1] for s in skipped] == ["records.json#4"]
    assert skipped[0].reason == "record has no text, title or description"


def test_jsonl_bad_line_skipped_with_line_number_rest_kept() -> None:
    arts, skipped = load("records.jsonl")
    assert [a.origin.rsplit("/", 1)[-1] for a in arts] == ["records.jsonl:1", "records.jsonl:5"]
    reasons = {s.origin.rsplit("/", 1)[-1]: s.reason for s in skipped}
    assert set(reasons) == {"records.jsonl:2", "records.jsonl:3"}
    assert "JSON" in reasons["records.jsonl:2"]
    assert "'fr'" in reasons["records.jsonl:3"]
    snow = arts[1]
    assert snow.id == "https://kettleby-news.example/snow?id=7"  # fbclid dropped
    assert snow.published == datetime(2023, 1, 1, 0, 2, 53, tzinfo=UTC)
    assert snow.outlet == "kettleby-news.example"
    assert snow.outlet_inferred_from == "domain"
    assert snow.description.startswith("The pass road")


def test_html_page_main_text_title_date_site_name() -> None:
    arts, skipped = load("page.html")
    assert not skipped
    (a,) = arts
    assert a.title == "Lighthouse keeper retires after 40 years"
    assert a.text.startswith("Tomas Bredin, who kept the Orrin Point lighthouse")
    assert "Home" not in a.text and "All rights reserved" not in a.text
    assert "automated since 2009" in a.text
    assert a.outlet == "Orrin Herald" and a.outlet_inferred_from == "site_name"
    assert a.published == datetime(2025, 1, 20, 7, 45, tzinfo=UTC)
    assert a.id == "https://orrin-herald.example/2025/01/lighthouse-keeper"


def test_rss_uses_full_content_else_summary() -> None:
    arts, skipped = load("feed.rss")
    assert not skipped
    school, roof = arts
    assert school.text == (
        "Kettleby primary school reopened on Monday, five weeks after a burst river bank "
        "flooded its ground floor.\n\n"
        "Head teacher Mara Lindqvist said the new floors had been laid in record time."
    )
    assert school.description == "Pupils returned on Monday."
    assert school.outlet == "Kettleby News"
    assert school.id == "https://kettleby-news.example/school-reopens"  # at_* dropped
    assert school.published == datetime(2025, 3, 3, 8, 0, tzinfo=UTC)
    assert "<" not in roof.text and "£1.2 million" in roof.text
    assert roof.origin.endswith("feed.rss#2")


def test_atom_content() -> None:
    arts, skipped = load("feed.atom")
    assert not skipped
    (a,) = arts
    assert a.text.startswith("The Brennick footbridge has won a national design award")
    assert a.outlet == "Brennick Bulletin"
    assert a.published == datetime(2025, 2, 10, 11, 0, tzinfo=UTC)


def test_folder_is_walked_and_bad_files_are_reported_once_each() -> None:
    r = load_articles([FIX])
    names = {s.origin.rsplit("/", 1)[-1] for s in r.skipped}
    assert {"empty.txt", "malformed.xml", "not-english.txt", "truncated.json"} <= names
    assert len(r.articles) == 11
    assert len({a.id for a in r.articles}) == len(r.articles)


# -------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b" \n\t\n", "empty"),
        (b"GIF89a\x00\x01\x02\x00\x00binary", "binary"),
        (bytes([0xE9, 0xA9, 0xC3, 0xFF, 0xD0]) * 100, "binary or undecodable"),
        (b"\x81\x8d\x8f\x90\x9d" * 50, "cannot decode"),
        (b'{"title": "x", "text": "unfinished', "truncated JSON"),
        (b'{"title": "x" "text": "y"}', "malformed JSON"),
        (b"[1, 2, 3]", "no records"),
        (b'"just a string"', "JSON holds a str"),
        (b"<?xml version='1.0'?><rss><channel><item><title>x", "malformed feed"),
        (b"<html><body><nav>Home</nav></body></html>", "no article text"),
        (gzip.compress(b'{"title": "a"}\n' * 3)[:-12], "gzip"),
    ],
)
def test_bad_input_is_one_clear_skip(data: bytes, reason: str) -> None:
    r = parse_bytes(data, "input.json" if data.startswith(b'"') else "input.bin")
    assert not r.articles
    assert len(r.skipped) == 1
    assert r.skipped[0].origin.startswith("input.")
    assert reason in r.skipped[0].reason


def test_a_truncated_feed_keeps_its_items_and_says_the_rest_is_lost() -> None:
    data = (
        b"<rss><channel><title>Orrin Herald</title>"
        b"<item><title>Pier reopens</title><description>The Orrin pier reopened on Monday "
        b"after a year of repairs, the council said.</description></item>"
        b"<item><title>Ferry fares rise</title><descr"
    )
    r = parse_bytes(data, "feed.xml")
    assert [a.title for a in r.articles][:1] == ["Pier reopens"]
    assert len(r.skipped) == 1 and r.skipped[0].origin == "feed.xml"
    assert r.skipped[0].reason.startswith("malformed feed XML")
    assert f"kept the {len(r.articles)} item" in r.skipped[0].reason


def test_too_large_input_is_refused() -> None:
    r = parse_bytes(b"word " * 400, "big.txt", settings=Settings(max_input_bytes=1000))
    assert not r.articles
    assert "too large" in r.skipped[0].reason


def test_missing_file_and_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "a.txt").write_bytes(b"")
    r = load_articles([tmp_path / "nope.txt", tmp_path / "empty", junk])
    reasons = {Path(s.origin).name: s.reason for s in r.skipped}
    assert reasons["nope.txt"] == "no such file or folder"
    assert "no files" in reasons["empty"]
    assert reasons["a.txt"] == "empty"
    assert "nothing usable" in reasons["junk"]


def test_encodings() -> None:
    text = "The café on the quay reopened on Monday after the storm, its owner said to the press."
    for data in (
        text.encode("utf-8"),
        b"\xef\xbb\xbf" + text.encode("utf-8"),
        text.encode("utf-16"),
        text.encode("cp1252"),
    ):
        r = parse_bytes(data, "x.txt")
        assert not r.skipped, r.skipped
        assert r.articles[0].text.lstrip("\ufeff") == text


def test_language_from_record_field_and_settings() -> None:
    rec = json.dumps({"title": "Hola", "text": "Texto corto.", "language": "es-ES"}).encode()
    assert "'es'" in parse_bytes(rec, "r.json").skipped[0].reason
    ok = parse_bytes(rec, "r.json", settings=Settings(languages=("en", "es")))
    assert ok.articles[0].language == "es"


def test_the_texts_own_language_overrules_the_metadata() -> None:
    # a feed that declares every item English, whatever language the item is written in
    polish = (
        "Wiatraki wyprodukowały rekordową ilość energii. W ostatnich tygodniach elektrownie "
        "wiatrowe w Orinie pracują na pełnych obrotach i operator dwa razy musiał redukować "
        "ich moc, by nie doprowadzić do awarii sieci."
    )
    english = (
        "The Orrin ferry returned to port on Wednesday after a week in dry dock, and the "
        "council said that the service would run as normal from the weekend. "
        "Article URL: https://orrin.example/com/a/as/no/do/para/com"
    )
    records = [
        {"id": "pl", "title": "Rekord wiatraków", "text": polish, "language": "en-US"},
        {"id": "en", "title": "Ferry back", "text": english, "language": "en-US"},
        {"id": "en2", "title": "Ferry back", "text": english + " Again.", "language": "pl-PL"},
    ]
    data = "\n".join(json.dumps(r) for r in records).encode()
    result = parse_bytes(data, "feed.jsonl")
    assert [a.id for a in result.articles] == ["en", "en2"]
    assert [a.language for a in result.articles] == ["en", "en"]
    assert [s.reason for s in result.skipped] == [
        "language 'pl' (guessed from its text; its metadata says 'en-US') is not in "
        "settings.languages (en)"
    ]
    # an English text whose stop words are few, or shared with Portuguese ("a", "as",
    # "com" in addresses), keeps its declared language
    assert guess_language(english, sure=True) == "en"
    assert (
        guess_language(
            "Databases in 2022: A Year in Review. Article URL: "
            "https://a.example.com/blog Comments URL: https://b.example.com/x "
            "Points: 32 Comments: 2",
            sure=True,
        )
        == ""
    )


def test_guess_language() -> None:
    assert guess_language((FIX / "not-english.txt").read_text(encoding="utf-8")) == "de"
    assert guess_language((FIX / "wire-story.txt").read_text(encoding="utf-8")) == "en"
    assert guess_language("Too short to tell.") == ""
    # other scripts, by script: the stop words cannot tell
    for text, code in (
        ("Президент Орина заявил в среду, что паром вернётся в порт.", "ru"),
        ("Президент заявив у середу, що їхній пором повернеться.", "uk"),
        ("オリン市は水曜日、フェリーの運航を再開すると発表した。", "ja"),
        ("奥林市政府周三宣布渡轮将恢复运营。", "zh"),
        ("أعلنت بلدية أورين يوم الأربعاء عودة العبارة", "ar"),
        ("Ο δήμος ανακοίνωσε την Τετάρτη ότι το πλοίο επιστρέφει.", "el"),
        ("The Orrin ferry (паром) returns to port on Wednesday, the council said.", "en"),
    ):
        assert guess_language(text) == code, text


def test_articles_in_other_scripts_are_skipped_with_their_language() -> None:
    result = parse_bytes(
        "Президент Орина заявил в среду, что паром вернётся в порт.".encode(), "ru.txt"
    )
    assert not result.articles
    assert result.skipped[0].reason == (
        "language 'ru' (guessed from its text) is not in settings.languages (en)"
    )


def test_duplicate_inputs_are_skipped(tmp_path: Path) -> None:
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "story.txt").write_text(
            "The same story, word for word, filed twice.", encoding="utf-8"
        )
    r = load_articles([tmp_path / "a", tmp_path / "b"])
    assert len(r.articles) == 1
    assert r.skipped[0].reason.startswith("duplicate of")


# ---------------------------------------------------- URLs, dates, outlets


def test_normalize_url() -> None:
    assert (
        normalize_url(
            "http://WWW.BBC.co.uk/news/world-123/?at_medium=RSS&at_campaign=KARANGA&utm_source=x#top"
        )
        == "https://bbc.co.uk/news/world-123"
    )
    assert normalize_url("https://x.example/a?id=7&fbclid=1&gclid=2") == "https://x.example/a?id=7"
    assert normalize_url("https://x.example:443/") == "https://x.example/"
    assert normalize_url("mailto:a@b.c") == "" and normalize_url("not a url") == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-01-01 00:02:53+00:00", datetime(2023, 1, 1, 0, 2, 53, tzinfo=UTC)),
        ("2023-01-01 00:02:53.307481+00:00", datetime(2023, 1, 1, 0, 2, 53, 307481, tzinfo=UTC)),
        ("2013-01-30T03:43:55", datetime(2013, 1, 30, 3, 43, 55, tzinfo=UTC)),
        ("2025-03-04T13:05:00Z", datetime(2025, 3, 4, 13, 5, tzinfo=UTC)),
        ("2025-03-04T13:05:00-05:00", datetime(2025, 3, 4, 18, 5, tzinfo=UTC)),
        ("2025-03-04", datetime(2025, 3, 4, tzinfo=UTC)),
        ("Wed, 11 Jan 2023 10:00:00 GMT", datetime(2023, 1, 11, 10, 0, tzinfo=UTC)),
        ("January 11, 2023", datetime(2023, 1, 11, tzinfo=UTC)),
        ("11 January 2023", datetime(2023, 1, 11, tzinfo=UTC)),
        (1673431200, datetime(2023, 1, 11, 10, 0, tzinfo=UTC)),
        (1673431200000, datetime(2023, 1, 11, 10, 0, tzinfo=UTC)),
        ("yesterday-ish", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(value: object, expected: datetime | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("text", "outlet", "how"),
    [
        ("LONDON (AP) – The leaders met on Wednesday.", "AP", "dateline"),
        ("WASHINGTON, Jan 5 (Reuters) - Officials said on Thursday.", "Reuters", "dateline"),
        ("(CNN) -- A storm hit the coast.", "CNN", "dateline"),
        ("Washington (CNN) A storm hit the coast.", "CNN", "dateline"),
        ("TOKYO, Jan. 11, Kyodo - Japan said on Wednesday.", "Kyodo", "dateline"),
        ("BEIJING, Jan. 5 (Xinhua) -- China said.", "Xinhua", "dateline"),
        (
            "By Ana Lind, Kettleby News\n\nKETTLEBY (Kettleby News) – Snow fell.",
            "Kettleby News",
            "dateline",
        ),
        (
            "The ministers met.\n\nA handshake in the hall. (Pool photo)(Kyodo)\n\nThey agreed.",
            "Kyodo",
            "credit",
        ),
        ("The ministers met on Monday.\n\nThey agreed to meet again. — AFP", "AFP", "credit"),
        ("He moved to Pittsburgh (PA) in 1990.", "", "unknown"),
        ("A photo (AP Photo/Jane Roe) of the scene.", "", "unknown"),
    ],
)
def test_outlet_from_text(text: str, outlet: str, how: str) -> None:
    assert infer_outlet(text) == (outlet, how)


def test_outlet_order_site_name_then_dateline_then_domain() -> None:
    wire = "PORT ELLIS (Harbor Wire) – A fire broke out."
    assert infer_outlet(wire, site_name="Meridian Daily") == ("Meridian Daily", "site_name")
    assert infer_outlet(wire, url="https://www.x.example/a") == ("Harbor Wire", "dateline")
    assert infer_outlet("Plain.", url="https://www.x.example/a") == ("x.example", "domain")
    assert normalize_outlet("www.nytimes.com") == "nytimes.com"
    assert normalize_outlet("The Times") == "The Times"
    assert outlet_from_url("nonsense") == ""


def test_escaped_html_in_record_fields_is_decoded(tmp_path: Path) -> None:
    # feed entries carry escaped HTML without tags ("Korea&#039;s", "AT&amp;T")
    rec = {
        "url": "https://orrin.example/pier",
        "title": "Orrin&#039;s pier reopens &amp; fares fall",
        "description": "The council&#8217;s pier reopened on Monday &ndash; a year late.",
    }
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    (a,) = load_articles([path]).articles
    assert a.title == "Orrin's pier reopens & fares fall"
    assert a.description == "The council’s pier reopened on Monday – a year late."
    assert "&#" not in a.text and "&amp;" not in a.text


@pytest.mark.parametrize(
    ("title", "outlet", "url", "bare"),
    [
        (
            "Orrin pier reopens after storm - CNET",
            "",
            "https://www.cnet.com/x",
            "Orrin pier reopens after storm",
        ),
        (
            "Orrin pier reopens after storm | Orrin Herald",
            "Orrin Herald",
            "",
            "Orrin pier reopens after storm",
        ),
        ("Orrin pier reopens - BBC News", "", "https://www.bbc.co.uk/news/1", "Orrin pier reopens"),
        # a dash that is part of the headline stays
        (
            "Orrin pier reopens - a year late",
            "",
            "https://www.cnet.com/x",
            "Orrin pier reopens - a year late",
        ),
        ("Orrin pier: the full story", "Orrin Herald", "", "Orrin pier: the full story"),
    ],
)
def test_site_name_after_a_headline_is_dropped(
    title: str, outlet: str, url: str, bare: str
) -> None:
    from newsweave.outlets import without_site_suffix

    assert without_site_suffix(title, outlet, url) == bare


@pytest.mark.parametrize(
    ("title", "outlet", "url", "only_site"),
    [
        ("Orbital Times", "orbitaltimes.example", "", True),
        ("World news - Orbital Times International", "", "https://www.orbitaltimes.example/", True),
        ("OTN Search : OTN", "www.otn.example", "", True),
        ("", "", "", True),
        ("Orbital Times: Halcyon crew finds microbes", "orbitaltimes.example", "", False),
        ("World News", "Orrin Herald", "https://orrinherald.example/x", False),
    ],
)
def test_a_title_naming_only_the_site(title: str, outlet: str, url: str, only_site: bool) -> None:
    from newsweave.outlets import names_only_site

    assert names_only_site(title, outlet, url) is only_site


@pytest.mark.parametrize(
    ("url", "words"),
    [
        (
            "https://x.example/Tech/wireStory/halcyon-crew-finds-1st-microbes-in-orbit-52044233",
            "halcyon crew finds 1st microbes in orbit",
        ),
        ("https://x.example/on-air/414286-orrin-pier-reopens/", "orrin pier reopens"),
        ("https://x.example/2031/03/02/orrin_pier_reopens.html", "orrin pier reopens"),
        ("https://x.example/news/a3f9c2e71b0d-pier-works-9f8e7d6c5b4a", ""),
        ("https://x.example/search/index.php?q=orrin+pier+reopens", ""),
        (
            "https://x.example/story/keeper-retires-after-40-years-5512",
            "keeper retires after 40 years",
        ),
    ],
)
def test_url_headline_is_the_slug(url: str, words: str) -> None:
    from newsweave.outlets import url_headline

    assert url_headline(url) == words


def test_html_to_text() -> None:
    assert html_to_text("<p>One &amp; two.</p><p>Three<br>four</p><script>x()</script>") == (
        "One & two.\n\nThree\n\nfour"
    )


# ------------------------------------------------------------ real data


def test_seeds_outlets() -> None:
    r = load_articles([SHARED / "seeds"])
    assert not r.skipped
    outlets = {Path(a.origin).name: (a.outlet, a.outlet_inferred_from) for a in r.articles}
    assert outlets == {
        "000_ac9ff6e36c986dde.txt": ("AP", "dateline"),
        "003_cd416d8be37682f9.txt": ("Kyodo", "credit"),
    }


@pytest.mark.slow
def test_dev_set_loads_383_articles() -> None:
    r = load_articles([SHARED / "dev" / "news_cluster.jsonl"])
    assert len(r.articles) == 383 and not r.skipped
    assert all(a.published is not None and a.published.tzinfo is not None for a in r.articles)
    assert all(a.outlet and "www." not in a.outlet for a in r.articles)
    first = json.loads((SHARED / "dev" / "news_cluster.jsonl").open().readline())
    assert r.articles[0].text == first["text"]


@pytest.mark.slow
def test_stream_gz_first_lines_load_titles_and_descriptions(tmp_path: Path) -> None:
    with gzip.open(SHARED / "stream" / "rss-2023-01.jsonl.gz", "rb") as fh:
        head = b"".join(itertools.islice(fh, 3000))
    part = tmp_path / "stream-head.jsonl.gz"
    part.write_bytes(gzip.compress(head))
    r = load_articles([part])
    assert len(r.articles) + len(r.skipped) == 3000
    assert len(r.articles) > 2000
    assert all(s.reason.startswith("language") for s in r.skipped)
    a = r.articles[0]
    assert a.text.split("\n")[0] == a.title
    assert a.published is not None and a.published.tzinfo is not None
    assert all(a.outlet for a in r.articles)
    # ids are the normalised URLs: BBC's at_medium/at_campaign are gone
    assert not any("at_medium" in a.id for a in r.articles)


def test_same_url_twice_in_one_input_is_one_article() -> None:
    data = json.dumps(
        [
            {"title": "Pier closed", "url": "https://x.example/pier"},
            {"title": "Pier closed", "url": "https://x.example/pier?utm_source=rss"},
        ]
    ).encode()
    r = parse_bytes(data, "d.json")
    assert [a.origin for a in r.articles] == ["d.json#1"]
    assert r.skipped[0].reason == "duplicate of d.json#1"


def test_prose_that_starts_like_json_is_text() -> None:
    text = "[Updated] The Orrin ferry was cancelled on Monday because of high winds, the operator said."
    r = parse_bytes(text.encode(), "note.txt")
    assert not r.skipped and r.articles[0].text == text


def test_current_folder_with_usable_files_is_not_reported_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(
        "The Brannock council voted on Monday to rebuild the river bridge that collapsed in May, "
        "and the work will start in the autumn, officials said."
    )
    (tmp_path / "b.bin").write_bytes(b"\x00\x01binary")
    monkeypatch.chdir(tmp_path)
    result = load_articles(["."])
    assert len(result.articles) == 1
    assert [s.origin for s in result.skipped] == ["b.bin"]


def test_dateline_length() -> None:
    from newsweave.outlets import dateline_length

    for text, rest in [
        ("LONDON (AP) – The leaders met.", "The leaders met."),
        ("PORT ELLIS (Harbor Wire) – A fire broke out.", "A fire broke out."),
        ("WASHINGTON, Jan 5 (Reuters) - Talks resumed.", "Talks resumed."),
        ("The council voted on Tuesday.", "The council voted on Tuesday."),
    ]:
        assert text[dateline_length(text) :] == rest


def test_a_text_too_long_for_one_article_is_skipped_with_its_reason(tmp_path: Path) -> None:
    from newsweave.ingest import load_articles
    from newsweave.settings import Settings

    book = tmp_path / "book.txt"
    book.write_text("The Orrin ferry left the pier at noon on Tuesday.\n" * 50)
    records = tmp_path / "records.jsonl"
    records.write_text(
        '{"title": "Pier reopens", "text": "' + "The pier reopened on Monday. " * 50 + '"}\n'
        '{"title": "Short", "text": "The Orrin pier reopened on Monday after repairs."}\n'
    )
    got = load_articles([book, records], Settings(max_article_chars=1000))
    assert [a.title for a in got.articles] == ["Short"]
    reasons = {s.origin: s.reason for s in got.skipped}
    assert len(reasons) == 2
    assert all(
        "too long for one news article" in r and "max_article_chars" in r for r in reasons.values()
    )


def test_csv_and_tsv_rows_are_records(tmp_path: Path) -> None:
    (tmp_path / "news.csv").write_text(
        "Title,Text,URL,Source,Date\n"
        '"Pier reopens","The Orrin pier reopened on Monday after a storm, the council said.\n'
        'Repairs cost 2 million.",https://orrin.example/pier?utm_source=x,Orrin Herald,2025-03-04\n'
        '"Only a title",,,,\n'
        ",,,,\n"
        '"A row too long",text,u,s,d,extra\n',
        encoding="utf-8",
    )
    (tmp_path / "fares.tsv").write_text(
        "headline\tcontent\nFerry fares rise\tFares on the Orrin ferry rise by 5 percent.\n",
        encoding="utf-8",
    )
    (tmp_path / "broken.csv").write_text('id,body\n1,"never closed\n', encoding="utf-8")
    (tmp_path / "numbers.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / "empty.csv").write_text("title,text\n", encoding="utf-8")
    result = load_articles([tmp_path])
    got = {Path(a.origin).name: a for a in result.articles}
    pier = got["news.csv:2"]  # the line its row starts on
    assert pier.title == "Pier reopens" and pier.outlet == "Orrin Herald"
    assert pier.text.endswith("Repairs cost 2 million.")  # a quoted cell over two lines
    assert pier.id == "https://orrin.example/pier"  # keyed like any record: no utm_*
    assert pier.published == datetime(2025, 3, 4, tzinfo=UTC)
    assert got["news.csv:4"].text == "Only a title"
    assert got["fares.tsv:2"].title == "Ferry fares rise"
    reasons = {Path(s.origin).name: s.reason for s in result.skipped}
    assert reasons["news.csv:6"] == "row has 6 cells for 5 columns"
    assert reasons["broken.csv:2"].startswith("malformed CSV")
    assert reasons["numbers.csv"] == (
        "CSV file has no text, title or description column (columns: a, b)"
    )
    assert reasons["empty.csv"] == "CSV file holds no records"
    assert len(result.articles) == 3
