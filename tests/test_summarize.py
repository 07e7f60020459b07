"""Summary: agreements first, then differences; every sentence cites sources and evidence."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsweave.errors import ConfigError
from newsweave.models import (
    Article,
    Claim,
    CleanArticle,
    Conflict,
    ConflictValue,
    Evidence,
    Sentence,
)
from newsweave.settings import Settings
from newsweave.summarize import (
    SUMMARIZERS,
    ExtractiveSummarizer,
    _talks_to_someone,
    get_summarizer,
)

TEXT_A = (
    "A fire at the Lindqvist timber yard in Port Alder injured 12 people on Tuesday. "
    "The yard has been closed since Wednesday. "
    "Fire chief Anna Berg said 40 firefighters from Harwick and Dunmore fought the blaze."
)
TEXT_B = (
    "Fourteen people were injured in a fire at the Lindqvist timber yard in Port Alder on Tuesday. "
    "The yard has been shut since Wednesday. "
    "It was windy."
)


def _sentences(article_id: str, text: str) -> tuple[Sentence, ...]:
    out, pos = [], 0
    for i, part in enumerate(text.split(". ")):
        part = part if part.endswith(".") else part + "."
        start = text.index(part, pos)
        out.append(Sentence(article_id, i, start, start + len(part), part))
        pos = start + len(part)
    return tuple(out)


ARTICLES = [
    CleanArticle(Article("a", TEXT_A, outlet="Harbor Wire"), _sentences("a", TEXT_A)),
    CleanArticle(Article("b", TEXT_B, outlet="Meridian Daily"), _sentences("b", TEXT_B)),
]


def _ev(article: int, sentence: int) -> Evidence:
    s = ARTICLES[article].sentences[sentence]
    return Evidence(s.article_id, s.start, s.end, s.text)


CLAIMS = [
    Claim("c1", _ev(0, 0).text, "shared", ("a", "b"), 2, (_ev(0, 0), _ev(1, 0))),
    Claim("c2", _ev(0, 1).text, "shared", ("a", "b"), 2, (_ev(0, 1), _ev(1, 1))),
    Claim("c3", _ev(0, 2).text, "unique", ("a",), 1, (_ev(0, 2),)),
    Claim("c4", _ev(1, 2).text, "unique", ("b",), 1, (_ev(1, 2),)),
]
CONFLICT = Conflict(
    "x1",
    "number",
    "number injured",
    (
        ConflictValue("12", "12", ("a",), (_ev(0, 0),)),
        ConflictValue("Fourteen", "14", ("b",), (_ev(1, 0),)),
    ),
    ("c1",),
)


def test_agreements_then_conflicts_then_unique_details() -> None:
    summary = ExtractiveSummarizer().summarize(CLAIMS, [CONFLICT], Settings(), ARTICLES)
    # c1 ("injured 12 people") is no agreement: the other source says fourteen.
    assert [s.kind for s in summary] == ["agreement", "conflict", "unique"]
    assert summary[0].text == CLAIMS[1].text and summary[0].claim == "c2"
    assert summary[1].text == (
        "Sources differ on the number injured: 12 (Harbor Wire) vs Fourteen (Meridian Daily)."
    )
    assert summary[1].evidence == (_ev(0, 0), _ev(1, 0))
    # The informative detail (names, numbers) is kept; "It was windy." is not worth it.
    assert summary[2].claim == "c3"


def test_a_disputed_agreement_cites_only_the_sources_that_state_its_value() -> None:
    text_c = "Twelve people were hurt when fire swept through the Lindqvist timber yard."
    third = CleanArticle(Article("c", text_c, outlet="Coastline Radio"), _sentences("c", text_c))
    ev_c = Evidence("c", 0, len(text_c), text_c)
    claim = Claim("c1", _ev(0, 0).text, "shared", ("a", "b", "c"), 3, (_ev(0, 0), _ev(1, 0), ev_c))
    conflict = Conflict(
        "x1",
        "number",
        "number injured",
        (
            ConflictValue("12", "12", ("a", "c"), (_ev(0, 0), ev_c)),
            ConflictValue("Fourteen", "14", ("b",), (_ev(1, 0),)),
        ),
        ("c1",),
    )
    summary = ExtractiveSummarizer().summarize([claim], [conflict], Settings(), [*ARTICLES, third])
    assert [s.kind for s in summary] == ["agreement", "conflict"]
    assert summary[0].sources == ("a", "c")
    assert {e.article for e in summary[0].evidence} == {"a", "c"}
    # the same values a day apart are an update: the agreement still leaves out the
    # source of the later count, and the change is told among the differences
    update = replace(conflict, id="u1")
    summary = ExtractiveSummarizer().summarize(
        [claim], [], Settings(), [*ARTICLES, third], updates=[update]
    )
    assert [s.kind for s in summary] == ["agreement", "update"]
    assert summary[0].sources == ("a", "c")
    assert summary[1].text == (
        "The number injured changed between reports: 12 (Harbor Wire, Coastline Radio) → "
        "Fourteen (Meridian Daily)."
    )
    assert summary[1].sources == ("a", "c", "b") and summary[1].claim == "c1"
    # the differences budget counts it
    none_left = Settings(summary_differences=0)
    assert [
        s.kind
        for s in ExtractiveSummarizer().summarize(
            [claim], [], none_left, [*ARTICLES, third], updates=[update]
        )
    ] == ["agreement"]


def test_an_agreement_is_told_in_the_words_of_the_value_most_outlets_give() -> None:
    # The claim's text says fourteen, which only Meridian gives; Harbor Wire and Coastline
    # Radio say twelve: the agreement is told in Coastline Radio's plain-case words.
    text_c = "Twelve people were hurt when fire swept through the Lindqvist timber yard."
    shouted = "TWELVE people were injured at the Lindqvist timber yard in Port Alder."
    third = CleanArticle(Article("c", text_c, outlet="Coastline Radio"), _sentences("c", text_c))
    fourth = CleanArticle(Article("d", shouted, outlet="Harbor Wire"), _sentences("d", shouted))
    ev_c = Evidence("c", 0, len(text_c), text_c)
    ev_d = Evidence("d", 0, len(shouted), shouted)
    claim = Claim("c1", _ev(1, 0).text, "shared", ("b", "c", "d"), 3, (_ev(1, 0), ev_d, ev_c))
    update = Conflict(
        "u1",
        "number",
        "number injured",
        (
            ConflictValue("12", "12", ("c", "d"), (ev_c, ev_d)),
            ConflictValue("Fourteen", "14", ("b",), (_ev(1, 0),)),
        ),
        ("c1",),
    )
    arts = [ARTICLES[1], third, fourth]
    summary = ExtractiveSummarizer().summarize([claim], [], Settings(), arts, updates=[update])
    assert [s.kind for s in summary] == ["agreement", "update"]
    assert summary[0].text == text_c and summary[0].claim == "c1"
    assert summary[0].sources == ("c", "d") and summary[0].evidence[0] == ev_c


def test_every_sentence_cites_sources_and_exact_evidence() -> None:
    texts = {a.article.id: a.article.text for a in ARTICLES}
    summary = get_summarizer("extractive").summarize(CLAIMS, [CONFLICT], Settings(), ARTICLES)
    assert summary
    for s in summary:
        assert s.sources and s.evidence
        for ev in s.evidence:
            assert ev.article in s.sources
            assert texts[ev.article][ev.start : ev.end] == ev.text
        if s.kind != "conflict":  # extractive: the text is a cited sentence
            assert s.text in {ev.text for ev in s.evidence}


def test_limits_come_from_settings() -> None:
    settings = Settings(summary_sentences=1, summary_differences=1)
    summary = ExtractiveSummarizer().summarize(CLAIMS, [CONFLICT], settings, ARTICLES)
    assert [s.kind for s in summary] == ["agreement", "conflict"]


def test_works_without_articles_and_without_claims() -> None:
    summary = ExtractiveSummarizer().summarize(CLAIMS, [CONFLICT], Settings())
    assert "12 (a) vs Fourteen (b)" in summary[1].text
    assert ExtractiveSummarizer().summarize([], [], Settings()) == []


def test_registry_and_unknown_name() -> None:
    assert "extractive" in SUMMARIZERS
    assert get_summarizer("extractive").name == "extractive"
    with pytest.raises(ConfigError, match="unknown summarizer 'gpt'"):
        get_summarizer("gpt")


def test_conflict_sentence_reads_for_who_questions() -> None:
    who = Conflict(
        "x2",
        "attribution",
        "who said “The yard has been closed”",
        (
            ConflictValue("Anna Berg", "berg", ("a",), (_ev(0, 1),)),
            ConflictValue("Tomas Reyes", "reyes", ("b",), (_ev(1, 1),)),
        ),
        ("c2",),
    )
    [s] = [x for x in ExtractiveSummarizer().summarize([], [who], Settings(), ARTICLES)]
    assert s.text == (
        "Sources differ on who said “The yard has been closed”: "
        "Anna Berg (Harbor Wire) vs Tomas Reyes (Meridian Daily)."
    )


def test_a_sentence_opening_with_a_pronoun_is_not_summary_material() -> None:
    text = "He said the Lindqvist yard in Port Alder would reopen in 2031 with 40 staff."
    art = CleanArticle(Article("c", text, outlet="Valley Post"), _sentences("c", text))
    ev = Evidence("c", 0, len(text), text)
    claims = [*CLAIMS, Claim("c5", text, "unique", ("c",), 1, (ev,))]
    summary = ExtractiveSummarizer().summarize(claims, [], Settings(), [*ARTICLES, art])
    assert "c5" not in {s.claim for s in summary}
    assert "c3" in {s.claim for s in summary}  # the named, numbered detail is still there


@pytest.mark.parametrize(
    "text",
    [
        # a list of names is not a detail for the summary, however many names it has
        "Officials named the crew as Ana Lind, Tom Hale, Jo Marsh, Priya Natarajan, "
        "Marcus Hale, Odile Varga and Sam Reyes of Port Alder.",
        # nor a piece of a quotation whose speaker another sentence names
        "“The Lindqvist yard in Port Alder will reopen in 2031 with 40 staff.",
        "The yard will reopen in Port Alder in 2031 with 40 staff,” Mayor Lena Okafor said.",
        "'The yard's new owners will reopen it in Port Alder in 2031 with 40 staff.",
        # nor a scraped run of captions far longer than a sentence
        " ".join(["Gulls over the Lindqvist yard in Port Alder on 3 May 2025 Orrin Herald"] * 5)
        + ".",
    ],
)
def test_lists_and_overlong_details_are_not_summary_material(text: str) -> None:
    art = CleanArticle(Article("c", text, outlet="Valley Post"), _sentences("c", text))
    ev = Evidence("c", 0, len(text), text)
    claims = [*CLAIMS, Claim("c5", text, "unique", ("c",), 1, (ev,))]
    summary = ExtractiveSummarizer().summarize(claims, [], Settings(), [*ARTICLES, art])
    assert "c5" not in {s.claim for s in summary}
    assert "c3" in {s.claim for s in summary}


def test_sentences_from_inside_a_quotation_are_not_summary_material() -> None:
    a_text = (
        "Ana Lind and Tom Hale have split up.\n"
        '"We parted over Christmas. No fight. We just live in different ports and it got '
        'hard," Lind wrote.'
    )
    b_text = (
        "Ana Lind and Tom Hale have split up.\n"
        "“We parted over Christmas. We just live in different ports and it got hard.”"
    )
    piece = "We just live in different ports and it got hard"
    arts = [
        CleanArticle(Article("a", a_text, outlet="Harbor Wire"), ()),
        CleanArticle(Article("b", b_text, outlet="Meridian Daily"), ()),
    ]

    def ev(aid: str, text: str, sentence: str) -> Evidence:
        start = text.index(sentence)
        return Evidence(aid, start, start + len(sentence), sentence)

    lead = "Ana Lind and Tom Hale have split up."
    claims = [
        Claim("c1", lead, "shared", ("a", "b"), 2, (ev("a", a_text, lead), ev("b", b_text, lead))),
        Claim(
            "c2",
            piece + ".",
            "shared",
            ("a", "b"),
            2,
            (ev("a", a_text, piece), ev("b", b_text, piece + ".")),
        ),
    ]
    summary = ExtractiveSummarizer().summarize(claims, [], Settings(), arts)
    assert [s.claim for s in summary] == ["c1"]


def test_a_headline_left_in_the_text_is_no_detail() -> None:
    text = "Port Alder Yard To Reopen In 2031 With 40 Staff"
    art = CleanArticle(
        Article("c", text, outlet="Valley Post"), (Sentence("c", 0, 0, len(text), text),)
    )
    ev = Evidence("c", 0, len(text), text)
    claims = [*CLAIMS, Claim("c5", text, "unique", ("c",), 1, (ev,))]
    summary = ExtractiveSummarizer().summarize(claims, [], Settings(), [*ARTICLES, art])
    assert "c5" not in {s.claim for s in summary}
    assert "c3" in {s.claim for s in summary}


def test_a_sentence_talking_to_an_interviewer_is_no_agreement_line() -> None:
    talk = "And as you mentioned, about 40 firefighters fought the Lindqvist yard blaze."
    plain = "About 40 firefighters fought the Lindqvist yard blaze, Harbor Wire reported."
    texts = {"c": talk, "d": plain}
    arts = [CleanArticle(Article(k, t, outlet=k), _sentences(k, t)) for k, t in texts.items()]
    ev = {k: Evidence(k, 0, len(t), t) for k, t in texts.items()}
    claims = [
        *CLAIMS,
        Claim("c5", talk, "shared", ("c", "d"), 2, (ev["c"], ev["d"])),
    ]
    summary = ExtractiveSummarizer().summarize(claims, [], Settings(), [*ARTICLES, *arts])
    assert "c5" not in {s.claim for s in summary}
    # the reader's "you" in a plain sentence is fine
    reader = "The Lindqvist yard's new fire doors will protect your home, the council said."
    assert not _talks_to_someone(reader)
    assert _talks_to_someone(talk)


@pytest.mark.parametrize(
    "lead",
    [
        "PORT ALDER (Harbor Wire) – The Lindqvist yard will reopen in May with 40 staff.",
        "PORT ALDER, Wessex — The Lindqvist yard will reopen in May with 40 staff.",
        "PORT ALDER — The Lindqvist yard will reopen in May with 40 staff.",
    ],
)
def test_a_summary_sentence_leaves_out_the_dateline_of_its_lead(lead: str) -> None:
    arts = [CleanArticle(Article(k, lead, outlet=k), _sentences(k, lead)) for k in "cd"]
    ev = [Evidence(k, 0, len(lead), lead) for k in "cd"]
    claims = [Claim("c5", lead, "shared", ("c", "d"), 2, tuple(ev))]
    (line,) = ExtractiveSummarizer().summarize(claims, [], Settings(), arts)
    assert line.text == "The Lindqvist yard will reopen in May with 40 staff."
    # still the article's own words, and its evidence is the whole sentence
    assert lead.endswith(line.text) and line.evidence[0].text == lead


def test_no_detail_comes_from_a_stretch_about_another_story() -> None:
    # c3 (the fire chief's 40 firefighters) is the detail picked, unless its sentence
    # sits in a digest's other news
    summary = ExtractiveSummarizer().summarize(CLAIMS, [CONFLICT], Settings(), ARTICLES)
    assert "c3" in {s.claim for s in summary}
    ev = CLAIMS[2].evidence[0]
    aside = frozenset({(ev.article, ev.start)})
    summary = ExtractiveSummarizer().summarize(
        CLAIMS, [CONFLICT], Settings(), ARTICLES, off_story=aside
    )
    assert "c3" not in {s.claim for s in summary}
