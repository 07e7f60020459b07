"""The report's JSON contract: schema, evidence invariant, round trip, error messages.

The fictional story (a ferry fire in the invented port of Lindqvist Bay) is our own
writing. ``fictional_report()`` builds a report by hand with every section filled, so
the contract is tested even where a pipeline stage finds nothing; the other tests run
the real ``newsweave.compare`` pipeline.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from newsweave import Article, Settings, compare
from newsweave.errors import InputError
from newsweave.models import (
    Claim,
    CleanArticle,
    Component,
    Conflict,
    ConflictValue,
    Copy,
    Debris,
    Entity,
    Evidence,
    Mention,
    Provenance,
    Quote,
    Report,
    Sentence,
    Skipped,
    SummarySentence,
    TimelineEntry,
)
from newsweave.report import (
    SCHEMA,
    SCHEMA_VERSION,
    from_dict,
    problems,
    schema,
    stats,
    to_dict,
    validate,
)

FAST = Settings(embedder="hashing", ner="none")

COURIER = (
    "Fire crews battled a blaze aboard the ferry Marisol in Lindqvist Bay on Tuesday night. "
    "Twelve passengers were treated for smoke inhalation, the harbour authority said. "
    "Photo: the Marisol at berth 4 (Courier staff)\n"
    "Harbour master Edda Rolfsen said: “We got everyone off within eleven minutes.” "
    "The ferry had been refitted in March."
)
WIRE = (
    "LINDQVIST BAY (Valley Wire) – A fire broke out on the ferry Marisol in Lindqvist Bay on Tuesday night. "
    "Fifteen passengers were treated for smoke inhalation, the harbour authority said. "
    "“We got everyone off within eleven minutes,” said harbour master Edda Rolfsen. "
    "The cause of the fire is not yet known."
)
LEDGER = (
    "LINDQVIST BAY (Valley Wire) – A fire broke out on the ferry Marisol in Lindqvist Bay on Tuesday night. "
    "Fifteen passengers were treated for smoke inhalation, the harbour authority said. "
    "“We got everyone off within eleven minutes,” said harbour master Edda Rolfsen. "
    "The cause of the fire is not yet known, the wire service reported."
)


def _sentences(
    article_id: str, text: str, skip: tuple[tuple[int, int], ...] = ()
) -> tuple[Sentence, ...]:
    """A deterministic splitter for the fixture (after ". " or a newline), outside ``skip``."""
    out: list[Sentence] = []
    for m in re.finditer(r"[^\n]+?(?:[.”](?= |\n|$)|$)", text):
        start, end = m.start(), m.end()
        while start < end and text[start] == " ":
            start += 1
        if start == end or any(s <= start < e for s, e in skip):
            continue
        out.append(Sentence(article_id, len(out), start, end, text[start:end]))
    return tuple(out)


def ev(articles: dict[str, str], article: str, needle: str) -> Evidence:
    start = articles[article].index(needle)
    return Evidence(article, start, start + len(needle), needle)


def fictional_report(
    courier: str = COURIER, courier_title: str = "Ferry fire in Lindqvist Bay"
) -> Report:
    """Three articles (one a wire copy) with every report section filled by hand."""
    texts = {"a1": courier, "a2": WIRE, "a3": LEDGER}
    caption = "Photo: the Marisol at berth 4 (Courier staff)"
    cap_start = courier.find(caption)
    debris = (Debris(cap_start, cap_start + len(caption), "caption"),) if cap_start >= 0 else ()
    skip = tuple((d.start, d.end) for d in debris)
    arts = (
        Article(
            "a1",
            courier,
            outlet="Coastline Courier",
            title=courier_title,
            url="https://courier.example/ferry-fire",
            published=datetime(2031, 6, 4, 7, 30),
            origin="stories/courier.html",
        ),
        Article(
            "a2",
            WIRE,
            outlet="Valley Wire",
            outlet_inferred_from="dateline",
            published=datetime(2031, 6, 4),
            origin="stories/wire.txt",
        ),
        Article("a3", LEDGER, outlet="", title="Ferry blaze", origin="stories/ledger.json#3"),
    )
    cleaned = []
    for a in arts:
        sents = _sentences(a.id, a.text, skip if a.id == "a1" else ())
        if a.id == "a1":
            # one recognised name, so mentions take part in the round trip
            s0 = sents[0]
            i = a.text.index("Lindqvist Bay")
            sents = (
                replace(s0, mentions=(Mention(i, i + 13, "Lindqvist Bay", "GPE"),)),
                *sents[1:],
            )
        cleaned.append(CleanArticle(a, sents, debris if a.id == "a1" else ()))
    fire = "on the ferry Marisol in Lindqvist Bay on Tuesday night"
    c1 = Claim(
        "c1",
        "A fire broke out on the ferry Marisol in Lindqvist Bay on Tuesday night.",
        "shared",
        ("a1", "a2", "a3"),
        2,
        (
            ev(
                texts,
                "a1",
                "Fire crews battled a blaze aboard the ferry Marisol in Lindqvist Bay on Tuesday night.",
            ),
            ev(texts, "a2", "A fire broke out " + fire + "."),
            ev(texts, "a3", "A fire broke out " + fire + "."),
        ),
    )
    c2 = Claim(
        "c2",
        "The ferry had been refitted in March.",
        "unique",
        ("a1",),
        1,
        (ev(texts, "a1", "The ferry had been refitted in March."),),
    )
    c3 = Claim(
        "c3",
        "The cause of the fire is not yet known.",
        "unique",
        ("a2", "a3"),
        1,
        (
            ev(texts, "a2", "The cause of the fire is not yet known."),
            ev(texts, "a3", "The cause of the fire is not yet known"),
        ),
    )
    c4 = Claim(
        "c4",
        "Passengers were treated for smoke inhalation, the harbour authority said.",
        "shared",
        ("a1", "a2", "a3"),
        2,
        (
            ev(
                texts,
                "a1",
                "Twelve passengers were treated for smoke inhalation, the harbour authority said.",
            ),
            ev(
                texts,
                "a2",
                "Fifteen passengers were treated for smoke inhalation, the harbour authority said.",
            ),
            ev(
                texts,
                "a3",
                "Fifteen passengers were treated for smoke inhalation, the harbour authority said.",
            ),
        ),
    )
    conflict = Conflict(
        "x1",
        "number",
        "number of passengers treated for smoke inhalation",
        (
            ConflictValue(
                "Twelve",
                "12",
                ("a1",),
                (ev(texts, "a1", "Twelve passengers were treated for smoke inhalation"),),
            ),
            ConflictValue(
                "Fifteen",
                "15",
                ("a2", "a3"),
                (
                    ev(texts, "a2", "Fifteen passengers were treated for smoke inhalation"),
                    ev(texts, "a3", "Fifteen passengers were treated for smoke inhalation"),
                ),
            ),
        ),
        ("c4",),
    )
    words = "We got everyone off within eleven minutes"
    quote = Quote(
        "q1",
        "Edda Rolfsen",
        words,
        ("a1", "a2", "a3"),
        (ev(texts, "a1", words), ev(texts, "a2", words), ev(texts, "a3", words)),
    )
    entities = (
        Entity(
            "e1",
            "Edda Rolfsen",
            "person",
            ("Edda Rolfsen", "harbour master Edda Rolfsen"),
            3,
            ("a1", "a2", "a3"),
            (ev(texts, "a1", "Edda Rolfsen"), ev(texts, "a2", "Edda Rolfsen")),
        ),
        Entity(
            "e2",
            "Lindqvist Bay",
            "place",
            ("Lindqvist Bay", "LINDQVIST BAY"),
            5,
            ("a1", "a2", "a3"),
        ),
    )
    timeline = (
        TimelineEntry(
            "t1",
            "2031-03",
            "month",
            "in March",
            "The ferry had been refitted in March.",
            ("a1",),
            (ev(texts, "a1", "The ferry had been refitted in March."),),
        ),
        TimelineEntry(
            "t2", "2031-06-03", "day", "Tuesday", c1.text, ("a1", "a2", "a3"), c1.evidence
        ),
    )
    summary = (
        SummarySentence(c1.text, "agreement", c1.sources, c1.evidence, "c1"),
        SummarySentence(
            "The sources differ on the number of passengers treated: 12 or 15.",
            "conflict",
            ("a1", "a2", "a3"),
            conflict.values[0].evidence + conflict.values[1].evidence,
        ),
        SummarySentence(c2.text, "unique", c2.sources, c2.evidence, "c2"),
    )
    return Report(
        title="Ferry fire in Lindqvist Bay",
        articles=tuple(cleaned),
        claims=(c1, c2, c3, c4),
        conflicts=(conflict,),
        quotes=(quote,),
        entities=entities,
        timeline=timeline,
        summary=summary,
        copies=(Copy("a3", "a2", 0.93),),
        provenance=Provenance(
            "0.1.0",
            (Component("newsweave.claims", "v1"), Component("embedder:hashing", "v1")),
            FAST.as_dict(),
            "2031-06-05T09:00:00+00:00",
        ),
        skipped=(Skipped("stories/empty.txt", "empty file"),),
        story_id="s-ferry",
        extra={"note": ["fixture"]},
    )


def all_evidence(node: Any) -> list[dict[str, Any]]:
    """Every evidence object anywhere in the JSON (found by shape, not by path)."""
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if set(node) == {"article", "start", "end", "text"}:
            found.append(node)
        for v in node.values():
            found += all_evidence(v)
    elif isinstance(node, list):
        for v in node:
            found += all_evidence(v)
    return found


def check_invariant(d: dict[str, Any]) -> int:
    texts = {a["id"]: a["text"] for a in d["articles"]}
    evidence = all_evidence(d)
    for e in evidence:
        assert texts[e["article"]][e["start"] : e["end"]] == e["text"], e
    for a in d["articles"]:
        for s in a["sentences"]:
            assert 0 <= s["start"] < s["end"] <= len(a["text"])
        for x in a["debris"]:
            assert 0 <= x["start"] < x["end"] <= len(a["text"])
    return len(evidence)


# ------------------------------------------------------------------------ schema


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema() == SCHEMA and schema() is not SCHEMA


def test_full_fictional_report_validates_and_keeps_the_invariant() -> None:
    d = to_dict(fictional_report())
    jsonschema.Draft202012Validator(SCHEMA).validate(d)
    validate(d)
    assert problems(d) == []
    assert check_invariant(d) >= 20
    assert d["schema_version"] == SCHEMA_VERSION
    assert d["stats"] == {
        "articles": 3,
        "independent_sources": 2,
        "copies": 1,
        "claims": 4,
        "shared_claims": 2,
        "unique_claims": 2,
        "conflicts": 1,
        "updates": 0,
        "quotes": 1,
        "entities": 2,
        "timeline": 2,
        "skipped": 1,
    }
    a1 = d["articles"][0]
    assert a1["published"] == "2031-06-04T07:30:00"
    assert a1["debris"] == [
        {"start": COURIER.index("Photo:"), "end": COURIER.index("staff)") + 6, "kind": "caption"}
    ]
    assert a1["sentences"][0]["mentions"][0]["label"] == "GPE"
    assert d["articles"][2]["published"] is None
    # JSON-serialisable as is, and unchanged by a trip through text
    assert json.loads(json.dumps(d, ensure_ascii=False)) == d


def test_round_trip_is_exact() -> None:
    r = fictional_report()
    back = from_dict(to_dict(r))
    assert back == r
    assert from_dict(json.loads(json.dumps(to_dict(r)))) == r


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda d: d["claims"][0].update(kind="agreed"), "claims"),
        (lambda d: d["conflicts"][0].update(kind="casualties"), "conflicts"),
        (lambda d: d["conflicts"][0]["values"].pop(), "values"),
        (lambda d: d["entities"][0].update(type="PERSON"), "entities"),
        (lambda d: d["timeline"][0].update(precision="week"), "timeline"),
        (lambda d: d["timeline"][0].update(date="March 2031"), "timeline"),
        (lambda d: d["summary"][0].update(kind="shared"), "summary"),
        (lambda d: d["articles"][0]["debris"][0].update(kind="junk"), "debris"),
        (lambda d: d["claims"][0]["evidence"][0].update(start=-1), "evidence"),
        (lambda d: d["claims"][0]["evidence"][0].update(page=2), "evidence"),
        (lambda d: d["claims"][0].pop("sources"), "claims"),
        (lambda d: d["quotes"][0].update(speaker=None), "quotes"),
        (lambda d: d["copies"][0].update(similarity=1.5), "copies"),
        (lambda d: d.update(unexpected=1), "unexpected"),
        (lambda d: d.pop("provenance"), "provenance"),
        (lambda d: d["articles"][0].update(published="yesterday"), "published"),
        (lambda d: d.update(schema_version="3.0"), "schema_version"),
    ],
)
def test_schema_catches_mistakes(mutate: Any, where: str) -> None:
    d = to_dict(fictional_report())
    mutate(d)
    with pytest.raises(InputError) as info:
        validate(d)
    assert where in str(info.value)
    assert "\n" not in str(info.value)


def test_problems_catch_what_the_schema_cannot() -> None:
    d = to_dict(fictional_report())
    d["claims"][0]["evidence"][0]["start"] += 1
    d["quotes"][0]["sources"].append("a9")
    d["conflicts"][0]["claims"] = ["c99"]
    d["summary"][0]["claim"] = "c42"
    d["copies"][0]["copy_of"] = "nobody"
    d["articles"][1]["sentences"][0]["end"] = 10_000
    d["entities"][1]["id"] = "e1"
    found = "\n".join(problems(d))
    assert "$.claims[0].evidence[0]: text differs" in found
    assert "unknown article 'a9'" in found
    assert "unknown claim 'c99'" in found
    assert "unknown claim 'c42'" in found
    assert "unknown article 'nobody'" in found
    assert "outside the text" in found
    assert "duplicate ids e1" in found
    with pytest.raises(InputError, match="text differs"):
        validate(d)


def test_from_dict_names_the_bad_field() -> None:
    d = to_dict(fictional_report())
    bad = copy.deepcopy(d)
    del bad["articles"][1]["text"]
    with pytest.raises(InputError, match=r"story\.json: \$\.articles\[1\]: missing field 'text'"):
        from_dict(bad, origin="story.json")
    bad = copy.deepcopy(d)
    bad["claims"][0]["evidence"][0]["start"] = "7"
    with pytest.raises(InputError, match=r"evidence\[0\]\.start: expected an integer"):
        from_dict(bad)
    with pytest.raises(InputError, match="expected an object"):
        from_dict([])  # type: ignore[arg-type]
    bad = copy.deepcopy(d)
    bad["schema_version"] = "7.1"
    with pytest.raises(InputError, match="not supported"):
        from_dict(bad)


def test_from_dict_accepts_a_newer_minor_version_and_ignores_stats() -> None:
    d = to_dict(fictional_report())
    d["schema_version"] = "1.9"
    d["stats"]["claims"] = 1000
    assert from_dict(d) == fictional_report()


# ------------------------------------------------------------- with the pipeline

HARBOUR = [
    Article(
        "h1",
        "The Lindqvist Bay harbour will close for repairs on Monday, the port authority said. "
        "Repairs to the north pier are expected to take three weeks. "
        "Local fishermen said they would move their boats to Sandvik.",
        outlet="Coastline Courier",
        title="Harbour to close for repairs",
        published=datetime(2031, 6, 1),
    ),
    Article(
        "h2",
        "The port authority said the harbour in Lindqvist Bay will close for repairs on Monday. "
        "Repairs to the north pier are expected to take three weeks. "
        "A temporary ferry landing will open at the old customs quay.",
        outlet="",
        origin="/data/valley-wire/harbour.txt",
    ),
]


def test_compare_report_validates_and_round_trips() -> None:
    report = compare(HARBOUR, FAST, skipped=[Skipped("bad.bin", "binary file")], story_id="st1")
    d = to_dict(report)
    validate(d)
    assert problems(d) == []
    check_invariant(d)
    assert d["story_id"] == "st1"
    assert d["skipped"] == [{"origin": "bad.bin", "reason": "binary file"}]
    assert {a["id"] for a in d["articles"]} == {"h1", "h2"}
    assert d["claims"], "every article sentence should reach some claim"
    names = [c["name"] for c in d["provenance"]["components"]]
    assert "ner:none" in names
    assert any(n.startswith("embedder:hashing") for n in names)
    assert d["provenance"]["settings"]["embedder"] == "hashing"
    assert from_dict(d) == report
    assert from_dict(json.loads(json.dumps(d))) == report
    assert stats(report)["articles"] == 2


@pytest.mark.slow
def test_compare_with_default_models_validates_and_round_trips() -> None:
    report = compare(HARBOUR)
    d = to_dict(report)
    validate(d)
    n = check_invariant(d)
    assert n >= len(d["claims"])
    assert from_dict(json.loads(json.dumps(d, ensure_ascii=False))) == report
    # spaCy mentions survive the trip too
    assert any(s["mentions"] for a in d["articles"] for s in a["sentences"])


# ------------------------------------------------------------------------ docs

DOCS = Path(__file__).resolve().parents[1] / "docs" / "report.md"


def _properties(node: Any) -> set[str]:
    names: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                names |= set(value)
            names |= _properties(value)
    elif isinstance(node, list):
        for value in node:
            names |= _properties(value)
    return names


def test_docs_explain_every_field_and_their_example_is_valid() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    missing = sorted(n for n in _properties(SCHEMA) if f"`{n}`" not in docs)
    assert missing == []
    for enum_value in ("social_embed", "attribution", "organisation", "precision", "agreement"):
        assert f"`{enum_value}`" in docs
    blocks = re.findall(r"```json\n(.*?)```", docs, flags=re.S)
    assert len(blocks) == 1
    example = json.loads(blocks[0])
    validate(example)
    assert check_invariant(example) >= 5
    assert example["schema_version"] == SCHEMA_VERSION
    assert from_dict(example).articles[1].debris[0].kind == "byline"
