"""Timeline and date expressions: absolute, relative, tense, merging by claim (fictional texts)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from newsweave.dates import find_dates, first_published, reference_date
from newsweave.models import Claim, Debris, Evidence
from newsweave.timeline import build_timeline
from test_entities import build, seed_report

# A Thursday.
REF = date(2024, 3, 14)


def dates_in(text: str, ref: date | None = REF) -> list[tuple[str, str, str]]:
    return [(d.expression, d.date, d.precision) for d in find_dates(text, ref)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The pier closed on Jan. 11, 2023 after a storm.",
            [("Jan. 11, 2023", "2023-01-11", "day")],
        ),
        ("It reopened 11 January 2024, weeks late.", [("11 January 2024", "2024-01-11", "day")]),
        ("The report is dated 2024-02-29 in the archive.", [("2024-02-29", "2024-02-29", "day")]),
        ("Work began in May 2021 on the deck.", [("May 2021", "2021-05", "month")]),
        ("The alliance dates from 1902 and was renewed.", [("from 1902", "1902", "year")]),
        ("Engines must be electric by 2035 under the law.", [("by 2035", "2035", "year")]),
        ("The mayor spoke Wednesday at the quay.", [("Wednesday", "2024-03-13", "day")]),
        ("The mayor spoke on Thursday at the quay.", [("on Thursday", "2024-03-14", "day")]),
        ("The mayor will speak on Saturday at the quay.", [("on Saturday", "2024-03-16", "day")]),
        ("Veterans marched on Remembrance Sunday in the rain.", []),
        ("The ferry was scheduled to leave on Wednesday.", [("on Wednesday", "2024-03-13", "day")]),
        ("The strike is planned to last until Wednesday.", [("Wednesday", "2024-03-20", "day")]),
        ("It reopened later than planned on Wednesday.", [("on Wednesday", "2024-03-13", "day")]),
        ("The ferry is scheduled to leave on Wednesday.", [("on Wednesday", "2024-03-20", "day")]),
        (
            "Wednesday night's concert was the festival's last scheduled show.",
            [("Wednesday", "2024-03-13", "day")],
        ),
        ("The mayor spoke last Thursday at the quay.", [("last Thursday", "2024-03-07", "day")]),
        # the day after a Thursday reference is that Friday (an updated story, or another
        # time zone), not the Friday six days before; "last Friday" still is
        ("The mayor spoke early Friday at the quay.", [("early Friday", "2024-03-15", "day")]),
        ("The mayor spoke last Friday at the quay.", [("last Friday", "2024-03-08", "day")]),
        ("The mayor spoke on Saturday at the quay.", [("on Saturday", "2024-03-09", "day")]),
        ("The board met yesterday and agreed.", [("yesterday", "2024-03-13", "day")]),
        ("The vote was held in May after delays.", [("in May", "2023-05", "month")]),
        ("The vote will be held in May after delays.", [("in May", "2024-05", "month")]),
        ("In May, the chief said the firm would move.", [("In May", "2023-05", "month")]),
        ("Trains stopped in February for repairs.", [("in February", "2024-02", "month")]),
        ("Trains stopped last March for repairs.", [("last March", "2023-03", "month")]),
        ("The fund was set up a year ago by the council.", [("a year ago", "2023", "year")]),
        (
            "The fund was set up three days ago by the council.",
            [("three days ago", "2024-03-11", "day")],
        ),
        ("Fares rose last month across the network.", [("last month", "2024-02", "month")]),
        ("Fares will rise next year across the network.", [("next year", "2025", "year")]),
        ("Fares rose last week across the network.", [("last week", "2024-03", "month")]),
        (
            "The fire started at 3 p.m. on Tuesday near the quay.",
            [("3 p.m. on Tuesday", "2024-03-12T15:00", "time")],
        ),
        (
            "It reopened Tuesday at 10:15 after repairs.",
            [("Tuesday at 10:15", "2024-03-12T10:15", "time")],
        ),
        # British style: "6.10am" is ten past six, not 10am
        (
            "The crash happened at 6.10am on Tuesday near the quay.",
            [("6.10am on Tuesday", "2024-03-12T06:10", "time")],
        ),
        (
            "The ferry left at 7.45 p.m. on Tuesday.",
            [("7.45 p.m. on Tuesday", "2024-03-12T19:45", "time")],
        ),
        ("It rose 2.10 on Tuesday, the board said.", [("on Tuesday", "2024-03-12", "day")]),
        ("Police said 3 people were hurt on Tuesday.", [("on Tuesday", "2024-03-12", "day")]),
        ("The ferry left on March 3 with 40 cars.", [("March 3", "2024-03-03", "day")]),
        # a bare day a few weeks ahead is ahead, whatever the tense; months ahead, it is past
        ("At the April 2 meeting, the board votes.", [("April 2", "2024-04-02", "day")]),
        ("The pier reopened on May 30 after repairs.", [("May 30", "2023-05-30", "day")]),
        ("Critics say the plan may fail and May Ellery agrees.", []),
        ("About 2035 people signed the petition.", []),
        ("Prices rose 2.5% in 2023, the office said.", [("in 2023", "2023", "year")]),
        # a year told relative to the reference joins the day or month before it
        (
            "The pier burned on June 12 last year and was rebuilt.",
            [("June 12 last year", "2023-06-12", "day")],
        ),
        ("The ferry sank on 3 May last year.", [("3 May last year", "2023-05-03", "day")]),
        ("Trains stopped in May of last year.", [("in May of last year", "2023-05", "month")]),
        ("The pier opens in late May next year.", [("late May next year", "2025-05", "month")]),
        ("The pier will open in July this year.", [("in July this year", "2024-07", "month")]),
        # told in the past, a month ahead "this year" was written the year before
        ("In July this year, the pier burned.", [("In July this year", "2023-07", "month")]),
        (
            "Work starts in May, next year the pier opens.",
            [("in May", "2024-05", "month"), ("next year", "2025", "year")],
        ),
    ],
)
def test_date_expressions(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert dates_in(text) == expected


def test_weekday_repeating_a_full_date_is_one_expression() -> None:
    assert dates_in("The pact was signed on Wednesday, Jan. 11, 2023, in the old fort.") == [
        ("Jan. 11, 2023", "2023-01-11", "day")
    ]


def test_without_reference_only_explicit_dates_are_kept() -> None:
    text = "The mayor spoke Wednesday about the bridge opened in May 2021 and the storm of 1902."
    assert dates_in(text, None) == [("May 2021", "2021-05", "month"), ("of 1902", "1902", "year")]


def test_reference_date_prefers_publication_then_stamps_then_text() -> None:
    text = "Opened on Jan. 3, 2024. Photo: Port Ellery Post, Feb. 9, 2024. The plan dates from March 1, 2020."
    published = datetime(2024, 2, 10, 9, 30)
    assert reference_date(published, text) == date(2024, 2, 10)
    stamp = text.index("Photo:")
    assert reference_date(None, text, [(stamp, stamp + 40)]) == date(2024, 2, 9)
    assert reference_date(None, text) == date(2024, 2, 9)
    assert reference_date(None, "No dates at all here.") is None


@pytest.mark.parametrize(
    ("published", "url", "first"),
    [
        # the address keeps the day of first publication; a time months later is an
        # update or a scrape
        (datetime(2024, 7, 2, 9), "https://x.example/2024/03/12/bridge", datetime(2024, 3, 12, 12)),
        (None, "https://x.example/sport/2024-03-12/bridge-opens", datetime(2024, 3, 12, 12)),
        # within two days, or later than the time (a magazine's issue date): the time
        (
            datetime(2024, 3, 13, 23),
            "https://x.example/2024/03/12/bridge",
            datetime(2024, 3, 13, 23),
        ),
        (datetime(2024, 3, 1, 8), "https://x.example/2024/03/12/bridge", datetime(2024, 3, 1, 8)),
        # no day in the path (a query's, an id's, a month's) or an impossible one
        (None, "https://x.example/a?d=2024/03/12/", None),
        (None, "https://x.example/20240312/bridge", None),
        (None, "https://x.example/2024/03/bridge", None),
        (None, "https://x.example/2024/02/30/bridge", None),
    ],
)
def test_first_published_takes_an_earlier_day_from_the_url(
    published: datetime | None, url: str, first: datetime | None
) -> None:
    got = first_published(published, url)
    if first is not None and got is not None and got.tzinfo is not None:
        first = first.replace(tzinfo=got.tzinfo)
    assert got == first


def test_relative_dates_count_from_the_day_in_the_url() -> None:
    art = build(["The bridge opened on Tuesday to cheers."], id="a")
    page = type(art.article)(
        id="a",
        text=art.article.text,
        url="https://x.example/2024/03/14/bridge",
        published=datetime(2024, 9, 1, 8),
    )
    timeline = build_timeline([type(art)(page, art.sentences, ())], [])
    assert [(e.date, e.expression) for e in timeline] == [("2024-03-12", "on Tuesday")]


def test_timeline_merges_one_claim_across_articles_and_sorts() -> None:
    a = build(
        [
            "The Tamsin Bridge opened on Tuesday after four years of work.",
            "Work on the bridge began in 2020 under the previous council.",
        ],
        id="a",
        published=datetime(2024, 3, 14, 8, 0),
    )
    b = build(
        [
            "Brackenford's new bridge opened Tuesday, officials said.",
            "A second crossing will open in June, the council said.",
        ],
        id="b",
        published=datetime(2024, 3, 13, 18, 0),
    )
    claim = Claim(
        "c1",
        "The bridge opened on Tuesday.",
        "shared",
        ("a", "b"),
        2,
        (
            Evidence("a", a.sentences[0].start, a.sentences[0].end, a.sentences[0].text),
            Evidence("b", b.sentences[0].start, b.sentences[0].end, b.sentences[0].text),
        ),
    )
    timeline = build_timeline([a, b], [claim])
    assert [(e.date, e.precision, e.sources) for e in timeline] == [
        ("2020", "year", ("a",)),
        ("2024-03-12", "day", ("a", "b")),
        ("2024-06", "month", ("b",)),
    ]
    opened = timeline[1]
    assert opened.expression == "on Tuesday"
    assert [ev.article for ev in opened.evidence] == ["a", "b"]
    texts = {"a": a.article.text, "b": b.article.text}
    for e in timeline:
        for ev in e.evidence:
            assert texts[ev.article][ev.start : ev.end] == ev.text
    assert [e.id for e in timeline] == ["t1", "t2", "t3"]


def test_same_date_in_different_claims_stays_apart() -> None:
    a = build(["The bridge opened on Tuesday to cheers."], id="a", published=datetime(2024, 3, 14))
    b = build(
        ["The ferry union went on strike on Tuesday."], id="b", published=datetime(2024, 3, 14)
    )
    timeline = build_timeline([a, b], [])
    assert [(e.date, e.sources) for e in timeline] == [
        ("2024-03-12", ("a",)),
        ("2024-03-12", ("b",)),
    ]


def test_time_stamps_make_no_entry_but_give_the_reference_day() -> None:
    art = build(
        [
            "Updated March 14, 2024.",
            "12 p.m. AEST Thursday, March 14",
            "19/34 12 March 2024 A veteran lays a wreath during the ceremony in the rain.",
            "The bridge opened on Tuesday to cheers.",
        ],
        id="a",
    )
    timeline = build_timeline([art], [])
    assert [(e.date, e.expression) for e in timeline] == [("2024-03-12", "on Tuesday")]


def test_relative_dates_without_any_reference_are_skipped() -> None:
    art = build(
        ["The bridge opened on Tuesday to cheers.", "It was built in 1902 by hand."], id="a"
    )
    assert [(e.date, e.expression) for e in build_timeline([art], [])] == [("1902", "in 1902")]


def test_debris_stamp_gives_the_reference_day() -> None:
    text = "The bridge opened on Tuesday to cheers. Photo taken March 12, 2024 by staff."
    art = build(["The bridge opened on Tuesday to cheers."], id="a")
    stamp = text.index("Photo")
    art = type(art)(
        type(art.article)(id="a", text=text), art.sentences, (Debris(stamp, len(text), "caption"),)
    )
    timeline = build_timeline([art], [])
    assert [(e.date, e.expression) for e in timeline] == [("2024-03-12", "on Tuesday")]


@pytest.mark.slow
def test_seed_timeline(shared_data: Path) -> None:
    timeline = seed_report(shared_data).timeline
    dates = {(e.date, e.precision) for e in timeline}
    assert ("2023-01-11", "day") in dates
    assert ("1902", "year") in dates
    assert ("2035", "year") in dates
    may = [e for e in timeline if e.expression.endswith("May")]
    assert may and all(e.date.endswith("-05") for e in may)
    # Both reports date the signing to Wednesday (one entry when the claims align them).
    signed = {s for e in timeline if e.date == "2023-01-11" for s in e.sources}
    assert len(signed) == 2
    keys = [e.date for e in timeline]
    assert keys == sorted(keys, key=lambda d: (d[:4], d))


def test_since_starts_a_period_and_dates_nothing() -> None:
    art = build(
        [
            "Since 2010, more than 300 people have died in air crashes in Valdora.",
            "The ferry has been closed since May for repairs.",
            "The bridge opened in 1902 to cheers.",
        ],
        id="a",
        published=datetime(2024, 3, 14),
    )
    assert [(e.date, e.expression) for e in build_timeline([art], [])] == [("1902", "in 1902")]


def test_a_weekday_in_reported_speech_with_would_is_the_coming_one() -> None:
    sunday = date(2031, 3, 9)
    [d] = find_dates("Soto said divers would begin searching the harbour on Tuesday.", sunday)
    assert d.date == "2031-03-11"
    # without the reported future, the weekday is the last one
    [d] = find_dates("Soto said divers searched the harbour on Tuesday.", sunday)
    assert d.date == "2031-03-04"


def test_a_deadline_by_the_end_of_a_month_is_ahead_unless_told_in_the_past() -> None:
    january = date(2031, 1, 4)
    [d] = find_dates("The ferry line could reopen by the end of March, the owners said.", january)
    assert d.date == "2031-03"
    [d] = find_dates("By the end of March, ferry traffic had fallen by half.", january)
    assert d.date == "2030-03"


def test_the_day_someone_spoke_is_past_whatever_they_promise() -> None:
    friday = date(2031, 1, 10)
    [d] = find_dates(
        "Harbour regulators said on Thursday they will seek to close the pier.", friday
    )
    assert d.date == "2031-01-09"
    [d] = find_dates("The ferry company announced Monday it will cut 40 jobs.", friday)
    assert d.date == "2031-01-06"
    # the promise's own day stays ahead
    [d] = find_dates("The mayor will visit the pier on Thursday, her office said.", friday)
    assert d.date == "2031-01-16"
    [d] = find_dates("She said she will visit the pier on Monday.", friday)
    assert d.date == "2031-01-13"


def test_a_date_with_its_weekday_takes_the_year_where_they_agree() -> None:
    january = date(2031, 1, 24)
    # 18 April is a Friday in 2031 and a Thursday in 2030: the weekday decides
    [d] = find_dates("Ferry passes stay valid until Friday, April 18th.", january)
    assert d.date == "2031-04-18"
    [d] = find_dates("The pier closed on Thursday, April 18, after the storm.", january)
    assert d.date == "2030-04-18"


def test_an_article_repeating_its_own_dated_sentence_makes_one_entry() -> None:
    # a bullet point above the story, then the story's own sentence
    bullet = "Two Tamsford ferries collided in the harbour early Tuesday, injuring one deckhand"
    other = "Eleven passengers were on board when the ferries met."
    a = build([bullet, other, bullet + "."], id="a", published=datetime(2024, 3, 14))
    timeline = build_timeline([a], [])
    assert [(e.date, e.text) for e in timeline] == [("2024-03-12", bullet + ".")]
    assert len(timeline[0].evidence) == 2


def test_a_question_is_no_dated_statement() -> None:
    a = build(
        [
            "What will the Tamsin ferry cost in February?",
            "The Tamsin ferry will cost 4 euros from 1 February 2031, the operator said.",
        ],
        id="a",
        published=datetime(2031, 1, 10),
    )
    assert [e.expression for e in build_timeline([a], [])] == ["1 February 2031"]


def test_a_relative_date_in_a_quotation_counts_from_the_day_it_was_said() -> None:
    monday = datetime(2031, 3, 10)
    said = (
        "On Saturday, in a post online, Ellery ended the rumours: "
        "“I will be sailing in the regatta tomorrow, and nothing will stop me.”"
    )
    art = build([said], id="a", published=monday)
    dates = [(e.expression, e.date) for e in build_timeline([art], [])]
    # the future inside the quotation does not make the Saturday outside it a coming one,
    # and her "tomorrow" is the Sunday after it, not the day after publication
    assert dates == [("Saturday", "2031-03-08"), ("tomorrow", "2031-03-09")]
    # with no day of speaking outside the quotation, it counts from publication
    art = build(["“We sail tomorrow,” Ellery told the harbour radio crew."], published=monday)
    assert [(e.expression, e.date) for e in build_timeline([art], [])] == [
        ("tomorrow", "2031-03-11")
    ]
