"""Copies: the same wire story republished counts as one source; a shared quote does not."""

from __future__ import annotations

from datetime import UTC, datetime

from newsweave.clean import clean_article
from newsweave.copies import find_copies, shingles, source_groups
from newsweave.models import Article, CleanArticle, Copy
from newsweave.settings import Settings

WIRE = [
    "HARWICK (Harbor Wire) - Two ferries collided in thick fog at the mouth of the Mell estuary on Saturday morning, injuring nine passengers and forcing the closure of the port for most of the day.",
    "The Tamsford Queen, carrying 214 passengers from the islands, struck the side of a smaller vessel, the Gull, as both approached the harbour entrance shortly after 7 a.m.",
    "Coastguard officer Brenda Koll said visibility at the time was below fifty metres and both captains had reduced speed. “They did what they could in conditions like that,” she said.",
    "The injured were taken to Harwick General Hospital with cuts and bruises; none of the injuries were thought to be life-threatening.",
    "The port authority said an inquiry would begin on Monday and that ferry services would resume on Sunday under a temporary speed limit.",
    "The Gull, which carries vehicles and freight, was towed to a repair dock with a gash above the waterline.",
]


def _art(id: str, paragraphs: list[str], **kw: object) -> CleanArticle:
    return clean_article(Article(id=id, text="\n\n".join(paragraphs), **kw))  # type: ignore[arg-type]


def test_shingles_ignore_case_and_punctuation() -> None:
    assert shingles("The Ferry, sank!", size=2) == {("the", "ferry"), ("ferry", "sank")}


def test_republished_wire_story_with_small_edits_is_a_copy() -> None:
    original = _art(
        "w", WIRE, outlet="Harbor Wire", published=datetime(2026, 3, 7, 9, 0, tzinfo=UTC)
    )
    # A regional site: new headline line, one paragraph trimmed, two swapped, a word changed.
    edited = [
        "Ferries collide in fog off Harwick",
        *WIRE[:2],
        WIRE[3],
        WIRE[2].replace("below fifty metres", "under fifty metres"),
        WIRE[4],
    ]
    reprint = _art(
        "r", edited, outlet="Valley Post", published=datetime(2026, 3, 7, 11, 30, tzinfo=UTC)
    )
    [copy] = find_copies([reprint, original], Settings())
    assert copy.article == "r" and copy.copy_of == "w"
    assert 0.8 <= copy.similarity <= 1.0


def test_earliest_published_is_the_original_when_no_wire_is_named() -> None:
    later = _art("b", WIRE, outlet="Valley Post", published=datetime(2026, 3, 8))
    earlier = _art("a", WIRE[:5], outlet="Coast Times", published=datetime(2026, 3, 7))
    [copy] = find_copies([later, earlier], Settings())
    assert (copy.article, copy.copy_of) == ("b", "a")


def test_longest_version_is_the_original_without_dates() -> None:
    full = _art("full", WIRE)
    trimmed = _art("trim", WIRE[:4])
    [copy] = find_copies([trimmed, full], Settings())
    assert (copy.article, copy.copy_of) == ("trim", "full")


def test_sharing_a_quoted_paragraph_is_not_a_copy() -> None:
    other = [
        "Passengers on the Tamsford Queen described a sudden jolt and the sound of scraping metal as the ferry came to a stop in the fog.",
        "Lena Okafor, who was travelling with her two children, said the crew handed out life jackets within minutes and kept everyone calm.",
        WIRE[2],
        "Several passengers said they would wait for the inquiry before booking the crossing again, and local businesses worried about the lost weekend trade.",
        "The islands depend on the ferry for food deliveries, and the council said it had arranged extra sailings for Sunday.",
    ]
    a = _art("a", WIRE)
    b = _art("b", other)
    assert find_copies([a, b], Settings()) == []


def test_three_copies_point_to_one_original_and_form_one_source() -> None:
    a = _art("a", WIRE, outlet="Harbor Wire")
    b = _art("b", WIRE[:5])
    c = _art("c", ["Fog blamed for ferry crash", *WIRE])
    d = _art("d", ["An unrelated story about a bakery opening in Dunmore with fresh bread."] * 3)
    copies = find_copies([b, c, d, a], Settings())
    assert {(x.article, x.copy_of) for x in copies} == {("b", "a"), ("c", "a")}
    groups = source_groups(["b", "c", "d", "a"], copies)
    assert groups == {"a": "a", "b": "a", "c": "a", "d": "d"}


def test_source_groups_without_copies_are_identity() -> None:
    assert source_groups(["x", "y"], []) == {"x": "x", "y": "y"}
    assert source_groups(["x", "y"], [Copy("y", "x", 0.9)]) == {"x": "x", "y": "x"}


def test_threshold_is_a_setting() -> None:
    a = _art("a", WIRE)
    b = _art(
        "b",
        [*WIRE[:3], "A different ending about the weather on the coast for the rest of the week."],
    )
    assert find_copies([a, b], Settings(copy_threshold=0.8))
    assert not find_copies([a, b], Settings(copy_threshold=1.0))


def test_an_outlets_articles_are_one_source_unless_they_carry_different_wires() -> None:
    outlets = {
        "ap": "Harbor Wire",
        "courier-ap": "Orrin Courier",  # runs Harbor Wire's story
        "courier-rw": "Orrin Courier",  # and Ridge Wire's
        "rw": "Ridge Wire",
        "mail-1": "Daily Gull",  # two pieces of its own
        "mail-2": "Daily Gull",
    }
    copies = [Copy("courier-ap", "ap", 0.97), Copy("courier-rw", "rw", 0.98)]
    groups = source_groups(list(outlets), copies, outlets)
    # two wires, not one joined through the outlet that runs both; the Gull's two pieces
    # are one source
    assert groups == {
        "ap": "ap",
        "courier-ap": "ap",
        "courier-rw": "rw",
        "rw": "rw",
        "mail-1": "mail-1",
        "mail-2": "mail-1",
    }
