"""Entities: merging of name variants, types, junk, ordering, evidence (fictional texts)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import pytest

from newsweave.entities import (
    build_name_index,
    collect_entities,
    name_key,
    resolve_name,
    strip_name,
)
from newsweave.models import Article, CleanArticle, Entity, Mention, Report, Sentence


def build(
    sentences: Sequence[str],
    mentions: dict[str, str] | None = None,
    id: str = "a1",
    sep: str = " ",
    **kw: object,
) -> CleanArticle:
    """An article from the given sentences, with ``mentions`` (surface -> label) marked.

    Stands in for the splitter and the model so that these tests check this stage's
    rules alone; shorter names inside a longer marked one are not marked again. ``sep``
    joins the sentences ("\n" makes each a paragraph).
    """
    text = sep.join(sentences)
    out: list[Sentence] = []
    pos = 0
    for i, s in enumerate(sentences):
        start = text.index(s, pos)
        pos = start + len(s)
        found: list[Mention] = []
        for name, label in sorted((mentions or {}).items(), key=lambda kv: -len(kv[0])):
            for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", s):
                a, b = start + m.start(), start + m.end()
                if not any(x.start <= a and b <= x.end for x in found):
                    found.append(Mention(a, b, name, label))
        out.append(
            Sentence(id, i, start, start + len(s), s, tuple(sorted(found, key=lambda m: m.start)))
        )
    return CleanArticle(Article(id=id, text=text, **kw), tuple(out))  # type: ignore[arg-type]


def by_name(entities: Sequence[Entity], name: str) -> Entity:
    matches = [e for e in entities if e.name == name]
    assert matches, f"{name!r} not in {[e.name for e in entities]}"
    return matches[0]


def check_evidence(articles: Sequence[CleanArticle], entities: Sequence[Entity]) -> None:
    texts = {a.article.id: a.article.text for a in articles}
    for e in entities:
        for ev in e.evidence:
            assert texts[ev.article][ev.start : ev.end] == ev.text


def test_a_title_with_of_names_someone_or_precedes_the_name() -> None:
    assert strip_name("the Prince of Wales") == "Prince of Wales"  # not the place Wales
    assert strip_name("Duke of Tarrow") == "Duke of Tarrow"
    assert strip_name("Minister of Health") == "Minister of Health"
    assert strip_name("Secretary of State Ilse Varga") == "Ilse Varga"
    assert strip_name("Secretary of State Ilse K. Varga") == "Ilse K. Varga"
    assert strip_name("Mayor of Tarrow Lena Okafor") == "Lena Okafor"
    assert strip_name("Chancellor of the Exchequer Odile Varga") == "Odile Varga"
    assert strip_name("UN Secretary-General Tomas Reyes") == "Tomas Reyes"


def test_strip_name_titles_possessives_and_the() -> None:
    assert strip_name("Prime Minister Rishi Sunak's") == "Rishi Sunak"
    assert strip_name("Mayor Lena Okafor") == "Lena Okafor"
    assert strip_name("Dr. Ines Marlow") == "Ines Marlow"
    assert strip_name("Eastland Transport Minister Odile Varga") == "Odile Varga"
    assert strip_name("the Brackenford Harbour Authority") == "Brackenford Harbour Authority"
    assert strip_name("Okafor’s") == "Okafor"
    assert strip_name("King Aldric") == "King Aldric"  # a royal title is the name
    assert strip_name("Deputy Chief Constable Mara Quist") == "Mara Quist"
    assert name_key("U.K.") == name_key("Britain") == name_key("the United Kingdom")


def test_titles_possessives_and_surnames_merge_into_one_person() -> None:
    art = build(
        [
            "Mayor Lena Okafor opened the Tamsin Bridge in Brackenford on Monday.",
            "Okafor's office said the bridge cost 4 million crowns.",
            "Lena Okafor thanked the engineers, and Okafor cut the ribbon.",
        ],
        {"Lena Okafor": "PERSON", "Okafor's": "PERSON", "Okafor": "PERSON", "Brackenford": "GPE"},
    )
    entities = collect_entities([art])
    okafor = by_name(entities, "Lena Okafor")
    assert okafor.type == "person"
    assert okafor.mentions == 4
    assert {"Mayor Lena Okafor", "Okafor", "Lena Okafor"} <= set(okafor.variants)
    assert not [e for e in entities if e.name in {"Okafor", "Okafor's"}]
    assert by_name(entities, "Brackenford").type == "place"
    check_evidence([art], entities)


def test_title_variants_stop_at_a_conjunction() -> None:
    art = build(
        ["Mayor Lena Okafor and Eastland Transport Minister Odile Varga met the press."],
        {"Lena Okafor": "PERSON", "Odile Varga": "PERSON"},
    )
    varga = by_name(collect_entities([art]), "Odile Varga")
    assert set(varga.variants) == {"Odile Varga", "Eastland Transport Minister Odile Varga"}


def test_a_surname_shared_by_two_people_stays_apart() -> None:
    art = build(
        [
            "Lena Okafor and her brother Tunde Okafor run the ferry company.",
            "Okafor said the fares would rise.",
        ],
        {"Lena Okafor": "PERSON", "Tunde Okafor": "PERSON", "Okafor": "PERSON"},
    )
    names = {e.name for e in collect_entities([art])}
    assert {"Lena Okafor", "Tunde Okafor", "Okafor"} <= names


def test_spellings_and_hyphens_of_one_name_merge() -> None:
    art = build(
        [
            "Ousted leader Mohamed Selim was sentenced on Sunday.",
            "Mohammed Selim denied the charges, and Selim's lawyer Rania Abdel-Karim appealed.",
            "Rania Abdel Karim said the court had erred.",
        ],
        {
            "Mohamed Selim": "PERSON",
            "Mohammed Selim": "PERSON",
            "Selim's": "PERSON",
            "Rania Abdel-Karim": "PERSON",
            "Rania Abdel Karim": "PERSON",
        },
    )
    entities = collect_entities([art])
    assert [(e.name, e.mentions) for e in entities if e.type == "person"] == [
        ("Mohammed Selim", 3),  # a tie between spellings goes to the longer
        ("Rania Abdel-Karim", 2),
    ]


def test_a_mention_running_employer_title_and_name_together_is_split() -> None:
    art = build(
        [
            "Marrow Bay Harbour Chief Ines Marlow closed the quay.",
            "Marlow said the storm had moved the buoys.",
            "The quay is run by the operator Marrow Bay Holdings, which owns the pier.",
        ],
        {"Marrow Bay Harbour Chief Ines Marlow": "WORK_OF_ART", "Marrow Bay Holdings": "PERSON"},
    )
    entities = collect_entities([art])
    marlow = by_name(entities, "Ines Marlow")
    assert marlow.type == "person"
    assert marlow.mentions == 2  # the bare surname was found although the model missed it
    assert by_name(entities, "Marrow Bay").type == "organisation"
    assert by_name(entities, "Marrow Bay Holdings").type == "organisation"  # "operator", "which"
    check_evidence([art], entities)


def test_context_cues_outweigh_the_model_label() -> None:
    art = build(
        [
            "TARROW — Storms closed the harbour in Tarrow on Sunday.",
            "Tarrow has two ferries.",
            "Councillor Ames Pell, who chairs the board, spoke.",
        ],
        {"TARROW": "ORG", "Tarrow": "ORG", "Ames Pell": "ORG"},
    )
    entities = collect_entities([art])
    assert by_name(entities, "Tarrow").type == "place"
    assert by_name(entities, "Ames Pell").type == "person"


def test_money_put_in_a_name_is_no_place_cue() -> None:
    art = build(
        [
            "Corvane has invested $10 billion in Skyhook, the chatbot's maker.",
            "Corvane already holds a stake in Skyhook.",
            "Skyhook said its tools would reach more users.",
        ],
        {"Skyhook": "ORG", "Corvane": "ORG"},
    )
    assert by_name(collect_entities([art]), "Skyhook").type == "organisation"


def test_names_run_together_with_a_comma_are_dropped() -> None:
    art = build(["The jet left Port Ellery, Eastland at dawn."], {"Port Ellery, Eastland": "GPE"})
    assert collect_entities([art]) == []


def test_place_aliases_merge_and_name_is_the_most_frequent_form() -> None:
    art = build(
        [
            "Britain and the U.K. trade office welcomed the pact.",
            "The United Kingdom will send two ships, and Britain will pay for fuel.",
        ],
        {"Britain": "GPE", "U.K.": "GPE", "The United Kingdom": "GPE"},
    )
    entities = collect_entities([art])
    uk = by_name(entities, "Britain")
    assert uk.mentions == 4
    # the sentence's "The" is not part of the name: "the" is an ordinary word here
    assert {"U.K.", "Britain", "United Kingdom"} <= set(uk.variants)
    assert len([e for e in entities if e.type == "place"]) == 1


def test_a_sentences_first_word_run_into_a_name_is_left_out() -> None:
    # the model's "Sedating Bruno": "sedating" is written in lower case elsewhere and
    # never capitalised inside a sentence; "Will Okafor" keeps "Will", which the story
    # capitalises inside a sentence
    art = build(
        [
            "Sedating Bruno would have taken too long, the keeper said.",
            "Keepers said sedating a bear takes minutes.",
            "Bruno, a brown bear, was shot.",
            "Will Okafor runs the park.",
            "The park is run by Will Okafor, who will speak on Monday.",
        ],
        {"Sedating Bruno": "PERSON", "Bruno": "PERSON", "Will Okafor": "PERSON"},
    )
    entities = collect_entities([art])
    names = {e.name for e in entities}
    assert "Bruno" in names and "Sedating Bruno" not in names
    assert by_name(entities, "Bruno").mentions == 2
    assert by_name(entities, "Will Okafor").mentions == 2


def test_a_titled_person_the_model_calls_an_organisation_is_a_person() -> None:
    art = build(
        ["Prime Minister Odile Varga met the press.", "Odile Varga said little."],
        {"Odile Varga": "ORG"},
    )
    varga = by_name(collect_entities([art]), "Odile Varga")
    assert varga.type == "person"
    assert "Prime Minister Odile Varga" in varga.variants


def test_acronym_joins_the_organisation_it_spells() -> None:
    art = build(
        [
            "The Northern Rail Authority approved the plan.",
            "The NRA will publish the timetable in March.",
        ],
        {"Northern Rail Authority": "ORG", "NRA": "ORG"},
    )
    nra = by_name(collect_entities([art]), "Northern Rail Authority")
    assert nra.mentions == 2
    assert "NRA" in nra.variants


def test_acronym_joins_the_expansion_named_far_more_often_than_a_slip() -> None:
    art = build(
        [
            *[f"The Northern Rail Authority met on day {i}." for i in range(4)],
            "A spokesman for the Northern Rail Agency declined to comment.",
            "The NRA will publish the timetable in March.",
        ],
        {"Northern Rail Authority": "ORG", "Northern Rail Agency": "ORG", "NRA": "ORG"},
    )
    nra = by_name(collect_entities([art]), "Northern Rail Authority")
    assert nra.mentions == 5 and "NRA" in nra.variants


def test_a_titled_surname_joins_the_one_full_name_the_model_mislabelled() -> None:
    art = build(
        [
            "Ana Lind posted a photo of the empty cabin.",
            "Ms Lind said the crew apologised.",
            "Lind later deleted the post.",
        ],
        {"Ana Lind": "ORG", "Lind": "PERSON"},
    )
    lind = by_name(collect_entities([art]), "Ana Lind")
    assert lind.type == "person" and lind.mentions == 3


def test_social_platforms_are_organisations_whatever_the_model_says() -> None:
    art = build(
        ["Ana Lind wrote on Twitter that the ferry was late.", "Her Instagram post was shared."],
        {"Ana Lind": "PERSON", "Twitter": "PERSON", "Instagram": "GPE"},
    )
    entities = collect_entities([art])
    assert by_name(entities, "Twitter").type == "organisation"
    assert by_name(entities, "Instagram").type == "organisation"


def test_untagged_occurrences_give_type_cues() -> None:
    # The model tags "Skyhook" twice and calls it a person; where it did not tag the
    # name, the words around it say it is a company.
    tagged = build(
        ["Skyhook launched its rocket on Monday.", "Skyhook said the launch went well."],
        {"Skyhook": "PERSON"},
        id="a1",
    )
    untagged = build(
        [
            "Dana Reyes, the chief executive of Skyhook, watched from the pad.",
            "Skyhook CEO Dana Reyes said the next flight is in May.",
            "Analysts said investors in Skyhook were pleased.",
        ],
        {"Dana Reyes": "PERSON"},
        id="a2",
    )
    entities = collect_entities([tagged, untagged])
    skyhook = by_name(entities, "Skyhook")
    assert skyhook.type == "organisation"
    assert skyhook.mentions == 2  # cues only: the untagged ones are not counted as mentions
    assert by_name(entities, "Dana Reyes").type == "person"


def test_a_name_the_model_cut_in_two_is_one_name_where_it_is_tagged_whole() -> None:
    a = build(["Mayor Lena Okafor opened the bridge."], {"Lena Okafor": "PERSON"}, id="a1")
    b = build(["Lena Okafor thanked the crews."], {"Lena": "PERSON", "Okafor": "ORG"}, id="a2")
    entities = collect_entities([a, b])
    okafor = by_name(entities, "Lena Okafor")
    assert (okafor.type, okafor.mentions, okafor.sources) == ("person", 2, ("a1", "a2"))
    assert [e.name for e in entities] == ["Lena Okafor"]


def test_an_untagged_name_inside_a_longer_name_gives_no_cues() -> None:
    # "a spokesman of Tamsin" would be an organisation's cue, but that "Tamsin" is in
    # the tagged "Tamsin Bridge Trust".
    art = build(
        [
            "Tamsin is a port on the coast.",
            "A spokesman of Tamsin Bridge Trust said the port would reopen.",
        ],
        {"Tamsin": "GPE", "Tamsin Bridge Trust": "ORG"},
    )
    assert by_name(collect_entities([art]), "Tamsin").type == "place"


def test_a_names_last_word_or_platform_says_what_it_is() -> None:
    art = build(
        [
            "The Tamsin App Store removed Ferrygram Lite on Monday.",
            "Ferrygram Lite had been downloaded by staff of Carrow Harbour Hospital.",
            "The Office of Rail and Road said David Harbour was not on board.",
            "Instagram Lite was removed too.",
        ],
        {
            "Tamsin App Store": "PERSON",
            "Ferrygram Lite": "PERSON",
            "Carrow Harbour Hospital": "PERSON",
            "Office of Rail and Road": "ORG",
            "David Harbour": "PERSON",
            "Instagram Lite": "PERSON",
        },
    )
    types = {e.name: e.type for e in collect_entities([art])}
    assert types == {
        "Tamsin App Store": "organisation",
        "Ferrygram Lite": "person",  # no rule knows it: the model's label stands
        "Carrow Harbour Hospital": "place",
        "Office of Rail and Road": "organisation",  # the head stands before "of"
        "David Harbour": "person",  # "Harbour" is also a surname
        "Instagram Lite": "organisation",  # a platform's product
    }


@pytest.mark.parametrize(
    ("sentences", "labels", "expected"),
    [
        (  # capes, lakes, streets, taverns; newspapers and armed groups
            [
                "The missile fell 2,000 km east of Cape Tarrow, near the Billy Goat Tavern.",
                "Police closed N. Quincy St and the Orrin Zeitung reported that pro-ISIS "
                "accounts and ISIS fighters celebrated; Lake Tamsin froze.",
                "ISIS claimed the attack.",
                "The tanker had called at Velda Port on Oct. 11.",
            ],
            {
                "Velda Port": "PERSON",
                "Cape Tarrow": "PERSON",
                "Billy Goat Tavern": "PERSON",
                "N. Quincy St": "PERSON",
                "Orrin Zeitung": "PERSON",
                "pro-ISIS": "PERSON",
                "ISIS": "PERSON",
                "Lake Tamsin": "PERSON",
            },
            {
                "Velda Port": "place",
                "Cape Tarrow": "place",
                "Billy Goat Tavern": "place",
                "N. Quincy St": "place",
                "Orrin Zeitung": "organisation",
                "ISIS": "organisation",
                "Lake Tamsin": "place",
            },
        ),
        (  # teams and "House of ..."; named events are dropped, as the EVENT label is
            [
                "The Tarrow Bills beat the Orrin Rams as the House of Representatives met.",
                "The Tarrow Globes and the Orrin Open were held in Tarrow.",
            ],
            {
                "Tarrow Bills": "GPE",
                "Orrin Rams": "PERSON",
                "House of Representatives": "GPE",
                "Tarrow Globes": "GPE",
                "Orrin Open": "GPE",
                "Tarrow": "GPE",
            },
            {
                "Tarrow Bills": "organisation",
                "Orrin Rams": "organisation",
                "House of Representatives": "organisation",
                "Tarrow": "place",
            },
        ),
    ],
)
def test_what_a_names_words_say_it_is_outweighs_the_models_label(
    sentences: list[str], labels: dict[str, str], expected: dict[str, str]
) -> None:
    types = {e.name: e.type for e in collect_entities([build(sentences, labels)])}
    assert types == expected


def test_former_before_an_organisation_names_no_role() -> None:
    art = build(
        [
            "A former Velda Space Agency engineer watched the launch.",
            "The Velda Space Agency said the rocket reached orbit.",
        ],
        {"Velda Space Agency": "ORG"},
    )
    assert by_name(collect_entities([art]), "Velda Space Agency").type == "organisation"


def test_a_companys_name_with_and_without_its_legal_form_is_one_entity() -> None:
    art = build(
        [
            "Orrin Ferries Group Inc said profits fell.",
            "Orrin Ferries will cut two routes, Corvale Bank Corp said.",
            "Corvale Bank advised on the deal.",
            "Ana Lind of Lind Group said she was not surprised.",
        ],
        {
            "Orrin Ferries Group Inc": "ORG",
            "Orrin Ferries": "ORG",
            "Corvale Bank Corp": "ORG",
            "Corvale Bank": "ORG",
            "Ana Lind": "PERSON",
            "Lind Group": "ORG",
        },
    )
    entities = collect_entities([art])
    assert by_name(entities, "Orrin Ferries").mentions == 2  # the plain name shown
    assert by_name(entities, "Corvale Bank").mentions == 2
    # a person's name with "Group" after it is another entity
    assert by_name(entities, "Lind Group").type == "organisation"


def test_a_word_of_an_organisations_name_taken_for_a_person_joins_it() -> None:
    art = build(
        [
            "The Harwick Gulls beat Corvale 3-1 on Sunday.",
            "The Gulls scored twice in the first half.",
            "Coach Ana Lind praised the Gulls.",
        ],
        {"Harwick Gulls": "ORG", "Gulls": "PERSON", "Ana Lind": "PERSON", "Corvale": "GPE"},
    )
    entities = collect_entities([art])
    gulls = by_name(entities, "Gulls")
    assert gulls.type == "organisation" and gulls.mentions == 3
    assert by_name(entities, "Ana Lind").type == "person"


def test_junk_and_groups_are_dropped() -> None:
    art = build(
        [
            "Ferry Set To Sail Again After Storm",
            "Follow @brackenpost for updates on the Tamsin Bridge.",
            "About 2023 residents and some Eastlanders came to watch the engineers.",
        ],
        {
            "Ferry Set To Sail Again": "PERSON",
            "@brackenpost": "PERSON",
            "2023": "ORG",
            "Eastlanders": "NORP",
            "engineers": "ORG",
        },
    )
    assert collect_entities([art]) == []


def test_sorted_by_sources_then_mentions_with_real_evidence() -> None:
    a = build(
        [
            "Port Ellery flooded again.",
            "Port Ellery and Marrow Bay closed schools.",
            "Marrow Bay stayed calm.",
        ],
        {"Port Ellery": "GPE", "Marrow Bay": "GPE"},
        id="a",
    )
    b = build(["Rain hit Marrow Bay overnight."], {"Marrow Bay": "GPE"}, id="b")
    entities = collect_entities([a, b])
    assert [e.name for e in entities] == ["Marrow Bay", "Port Ellery"]
    bay = entities[0]
    assert bay.sources == ("a", "b")
    assert bay.mentions == 3
    assert [e.id for e in entities] == ["e1", "e2"]
    assert {ev.article for ev in bay.evidence} == {"a", "b"}
    check_evidence([a, b], entities)


def test_name_index_resolves_variants_and_unique_surnames() -> None:
    art = build(
        ["Mayor Lena Okafor spoke.", "Councillor Tunde Adeyemi listened."],
        {"Lena Okafor": "PERSON", "Tunde Adeyemi": "PERSON"},
    )
    index = build_name_index(collect_entities([art]))
    for text, name in [
        ("Okafor", "Lena Okafor"),
        ("Mayor Lena Okafor", "Lena Okafor"),
        ("Adeyemi’s", "Tunde Adeyemi"),
    ]:
        found = resolve_name(text, index)
        assert found is not None and found.name == name
    assert resolve_name("Varga", index) is None


@lru_cache(maxsize=1)
def seed_report(shared: Path) -> Report:
    import newsweave

    paths = sorted((shared / "seeds").glob("*.txt"))
    return newsweave.compare(newsweave.load_articles(paths).articles)


@pytest.mark.slow
def test_seed_entities(shared_data: Path) -> None:
    report = seed_report(shared_data)
    entities = report.entities
    sunak = by_name(entities, "Rishi Sunak")
    assert sunak.type == "person"
    assert {"Sunak", "Prime Minister Rishi Sunak"} <= set(sunak.variants)
    assert len(sunak.sources) == 2
    assert by_name(entities, "Fumio Kishida").type == "person"
    assert by_name(entities, "Japan").type == "place"
    assert by_name(entities, "Tower of London")
    uk = next(e for e in entities if {"Britain", "U.K."} & set(e.variants))
    assert uk.type == "place" and len(uk.sources) == 2
    assert not [e for e in entities if e.name in {"Sunak", "Kishida"}]
    assert not [e for e in entities if "@" in e.name or "http" in e.name]
    texts = {a.article.id: a.article.text for a in report.articles}
    for e in entities:
        for ev in e.evidence:
            assert texts[ev.article][ev.start : ev.end] == ev.text


def _types(text: str, labelled: list[tuple[str, str]]) -> dict[str, str]:
    """Entity name -> type for one sentence whose mentions the model labelled so."""
    from newsweave.entities import collect_entities
    from newsweave.models import Article, CleanArticle, Mention, Sentence

    mentions = tuple(
        Mention(text.index(name), text.index(name) + len(name), name, label)
        for name, label in labelled
    )
    sentence = Sentence("a", 0, 0, len(text), text, mentions)
    return {
        e.name: e.type for e in collect_entities([CleanArticle(Article("a", text), (sentence,))])
    }


def test_countries_and_regions_are_places_whatever_the_model_says() -> None:
    got = _types(
        "Valdora and Taiwan signed a trade pact covering the Indo-Pacific.",
        [("Valdora", "ORG"), ("Taiwan", "ORG"), ("the Indo-Pacific", "ORG")],
    )
    assert got["Taiwan"] == "place"
    assert got.get("Indo-Pacific", got.get("the Indo-Pacific")) == "place"
    assert got["Valdora"] == "organisation"  # unknown names keep the model's label


def test_well_known_cities_and_states_are_places_whatever_the_model_says() -> None:
    # headline-style text, where the small model calls a capital a person
    got = _types(
        "Kyiv Says Texas Group Sent Aid To Orin Vale",
        [("Kyiv", "PERSON"), ("Texas", "ORG"), ("Orin Vale", "PERSON")],
    )
    assert got["Kyiv"] == "place"
    assert got["Texas"] == "place"  # the model's ORG alone does not make a state a body
    assert got["Orin Vale"] == "person"  # unknown names keep the model's label
    sued = _types(
        "The lawsuit was filed by Texas, which says the rule is unlawful.", [("Texas", "ORG")]
    )
    assert sued["Texas"] == "organisation"  # the words around it say it is the government


def test_title_case_headline_words_are_not_entities() -> None:
    headline = build(
        ["Ferry Crash Leaves 12 Hurt In Tarrow", "A ferry crash in Tarrow left 12 people hurt."],
        {"Ferry Crash": "ORG", "Tarrow": "GPE", "NATO": "ORG"},
        id="a",
    )
    other = build(
        ["The ferry crash happened at dawn near Tarrow, NATO divers said."],
        {"Tarrow": "GPE", "NATO": "ORG"},
        id="b",
    )
    names = {e.name for e in collect_entities([headline, other])}
    assert "Ferry Crash" not in names  # both words are written in lower case more often
    assert {"Tarrow", "NATO"} <= names


def test_picture_credits_are_not_names() -> None:
    art = build(
        [
            "GETTY Ana Lind crossed the line first in Corvale.",
            "Ana Lind won the race in Corvale on Sunday.",
            "Tom Hale / Reuters photographed the finish.",
        ],
        {"GETTY Ana Lind": "PERSON", "Ana Lind": "PERSON", "Tom Hale / Reuters": "PERSON"},
    )
    entities = collect_entities([art])
    names = {e.name for e in entities}
    assert "Ana Lind" in names and by_name(entities, "Ana Lind").mentions == 2
    assert not any("Reuters" in n or "GETTY" in n for n in names)


def test_the_agency_of_a_dateline_is_not_an_entity() -> None:
    art = build(
        [
            "CORVALE (Harbor Wire) – Ana Lind won the Corvale marathon on Sunday.",
            "A Harbor Wire photographer caught the finish.",
        ],
        {"CORVALE": "GPE", "Corvale": "GPE", "Harbor Wire": "ORG", "Ana Lind": "PERSON"},
    )
    entities = collect_entities([art])
    assert by_name(entities, "Corvale").mentions == 2  # the dateline's place counts
    # the outlet credit of the dateline is the source, not the news; named later, it counts
    assert by_name(entities, "Harbor Wire").mentions == 1


@pytest.mark.parametrize(
    ("sents", "ana", "piet"),
    [
        # Ana Lind is the story; her father Piet Lind is named once: "Lind" is Ana
        (
            [
                "Ana Lind won the Corvale marathon.",
                "Ana Lind led from the start.",
                "Ana Lind thanked the crowd.",
                "Her father Piet Lind watched.",
                *[f"Lind ran mile {i} alone." for i in range(5)],
            ],
            8,
            1,
        ),
        # two bearers named alike: "Lind" stays nobody's
        (
            [
                "Ana Lind and Piet Lind won.",
                "Ana Lind led early.",
                "Piet Lind led late.",
                "Lind said it was a family day.",
            ],
            2,
            2,
        ),
    ],
)
def test_a_surname_goes_to_the_bearer_named_far_more_often(
    sents: list[str], ana: int, piet: int
) -> None:
    art = build(sents, {"Ana Lind": "PERSON", "Piet Lind": "PERSON", "Lind": "PERSON"})
    entities = collect_entities([art])
    assert by_name(entities, "Ana Lind").mentions == ana
    assert by_name(entities, "Piet Lind").mentions == piet


def test_an_organisation_is_not_the_first_name_of_a_person_it_opens() -> None:
    # "the official Skerrow Twitter account", mislabelled a person once, must not take
    # over Skerrow, which the model calls an organisation everywhere else
    said = "Skerrow said the breach exposed 40 million customers."
    more = ["Skerrow apologised on Monday.", "Skerrow will offer free credit monitoring."]
    shares = "Skerrow's shares fell 12 percent."
    account = "The official Skerrow Twitter account linked to a fake site."
    labels = {"Skerrow": "ORG", "Skerrow's": "PERSON", "Skerrow Twitter": "PERSON"}
    a = build([said, *more, shares, account], labels)
    entities = collect_entities([a])
    skerrow = by_name(entities, "Skerrow")
    assert skerrow.type == "organisation"
    assert skerrow.mentions == 4


def test_an_organisation_is_not_the_surname_of_a_person_named_once() -> None:
    # a headline's "Helping Skerrow", called a person once, must not take over Skerrow,
    # which the model calls an organisation ten times (quotes credited to "Helping
    # Skerrow" followed); a surname the model calls an organisation a few times still
    # goes to the person named in full
    head = "Next big challenge: Helping Skerrow to beat its rivals"
    body = [f"Skerrow said in note {i} that the breach exposed customers." for i in range(10)]
    a = build([head, *body], {"Skerrow": "ORG", "Helping Skerrow": "PERSON"})
    skerrow = by_name(collect_entities([a]), "Skerrow")
    assert skerrow.type == "organisation" and skerrow.mentions == 10
    named = "Professor Ana Lind studies the region."
    later = [f"Lind said in talk {i} that the launch was a provocation." for i in range(4)]
    b = build([named, *later], {"Ana Lind": "PERSON", "Lind": "ORG"})
    lind = by_name(collect_entities([b]), "Ana Lind")
    assert lind.type == "person" and lind.mentions == 5


def test_a_name_run_into_itself_by_a_caption_is_that_name_once() -> None:
    a = build(
        [
            "Skerrow said the breach exposed 40 million customers.",
            "Skerrow Skerrow holds data on 800 million people",
            "Skerrow apologised on Monday.",
            "Skerrow will offer free credit monitoring.",
        ],
        {"Skerrow Skerrow": "PERSON", "Skerrow": "ORG"},
    )
    entities = collect_entities([a])
    assert [e.name for e in entities] == ["Skerrow"]
    assert entities[0].mentions == 4
    check_evidence([a], entities)
    # a name that is a word said twice stays whole when it is written so more than once
    b = build(
        [
            "Sirhan Sirhan was denied parole on Wednesday.",
            "Sirhan Sirhan, now 78, has been held since 1968.",
            "Sirhan had asked for release.",
        ],
        {"Sirhan Sirhan": "PERSON", "Sirhan": "PERSON"},
    )
    assert by_name(collect_entities([b]), "Sirhan Sirhan").mentions == 3


def test_a_team_is_an_organisation_named_in_full_and_no_caption_adjective_takes_it() -> None:
    # the model calls the team an organisation nearly everywhere (a person once);
    # "The Harriers, who" is said of a team, and "Jubilant Harriers" in a caption is no
    # person named Harriers
    sentences = [
        "The Dunmore Harriers won the league on Saturday.",
        "The Harriers, who had not won a title since 1931, beat Tamsford 2-1.",
        "Harriers fans poured into the streets of Dunmore.",
        "The Dunmore Harriers will parade the trophy on Monday.",
        "Harriers captain Ines Marlow lifted the cup.",
        "The Dunmore Harriers' coach said the title was overdue.",
        "Jubilant Harriers fans celebrate outside the ground",
        "The Harriers scored twice in the second half.",
    ]
    a = build(
        sentences,
        {
            "Dunmore Harriers": "ORG",
            "Dunmore Harriers'": "PERSON",
            "Harriers": "ORG",
            "Jubilant Harriers": "PERSON",
            "Ines Marlow": "PERSON",
            "Dunmore": "GPE",
            "Tamsford": "GPE",
        },
    )
    entities = collect_entities([a])
    team = by_name(entities, "Dunmore Harriers")
    assert team.type == "organisation"
    assert team.mentions == 7
    assert all(e.mentions == 1 for e in entities if e.name == "Jubilant Harriers")


def test_a_name_with_a_digit_is_no_person_and_a_link_is_no_name() -> None:
    lines = [
        "The Velda Phone 7 goes on sale in March.",
        "Reviewers said the Velda Phone 7 is the fastest yet.",
        "Map: goo.gl/q9iwrS shows the shops.",
    ]
    a = build(lines, {"Velda Phone 7": "PERSON", "goo.gl/q9iwrS": "PERSON"})
    entities = collect_entities([a])
    assert [(e.name, e.type) for e in entities] == [("Velda Phone 7", "organisation")]


def test_what_only_a_person_does_makes_a_person() -> None:
    lines = [
        "Varessa is mourning the death of her cousin.",
        "Varessa posed for photographers in Dunmore on Friday.",
        "Varessa grew up in Dunmore.",
    ]
    a = build(lines, {"Varessa": "GPE", "Dunmore": "GPE"})
    assert by_name(collect_entities([a]), "Varessa").type == "person"


def test_an_estate_is_a_place() -> None:
    got = _types(
        "The fire began on the Orin Industrial Estate, Corvale Council said.",
        [("the Orin Industrial Estate", "ORG"), ("Corvale Council", "ORG")],
    )
    assert got["Orin Industrial Estate"] == "place"
    assert got["Corvale Council"] == "organisation"


def test_events_the_model_calls_places_are_dropped() -> None:
    art = build(
        [
            "Crowds gathered in Corvale on Harbour Day to watch the fireworks.",
            "Ana Lind won the Corvale Grand Prix at the Tarrow circuit.",
            "She sang at the Grammys in Velda.",
        ],
        {
            "Corvale": "GPE",
            "Harbour Day": "FAC",
            "Ana Lind": "PERSON",
            "Corvale Grand Prix": "GPE",
            "Tarrow": "GPE",
            "Grammys": "GPE",
            "Velda": "GPE",
        },
    )
    names = {e.name: e.type for e in collect_entities([art])}
    assert names == {"Corvale": "place", "Ana Lind": "person", "Tarrow": "place", "Velda": "place"}


def test_products_the_model_calls_places_are_dropped() -> None:
    art = build(
        ["Sales of iPhones fell in Corvale, while the eBay shop in Velda grew."],
        {"iPhones": "GPE", "Corvale": "GPE", "eBay": "ORG", "Velda": "GPE"},
    )
    names = {e.name: e.type for e in collect_entities([art])}
    assert names == {"Corvale": "place", "eBay": "organisation", "Velda": "place"}


def test_a_headline_verb_run_into_a_name_and_an_open_bracket() -> None:
    art = build(
        [
            "Mayor Warns Skerrow Over Harbour Fees",
            "The Harbour Safety Board (HSB said on Monday that fees would rise.",
            "The HSB will meet again in May, Skerrow said.",
        ],
        {
            "Warns Skerrow": "PERSON",
            "Skerrow": "ORG",
            "Harbour Safety Board (HSB": "ORG",
            "HSB": "ORG",
        },
    )
    names = {e.name for e in collect_entities([art])}
    assert "Warns Skerrow" not in names and "Skerrow" in names
    assert "Harbour Safety Board" in names and not any("(" in n for n in names)


def test_common_acronyms_are_no_entities() -> None:
    art = build(
        ["Skerrow will spend more on AI and EV batteries.", "Skerrow said the A.I. work grows."],
        {"AI": "GPE", "EV": "ORG", "A.I.": "GPE", "Skerrow": "ORG"},
    )
    assert {e.name for e in collect_entities([art])} == {"Skerrow"}


def test_a_headline_verb_after_a_name_and_more_common_acronyms() -> None:
    art = build(
        [
            "Premier Okafor Visits Skerrow To Strengthen Ferry Ties",
            "Premier Lena Okafor met Skerrow's CTO, who showed her the USB-C chargers and Wi-Fi.",
        ],
        {
            "Okafor Visits Skerrow": "PERSON",
            "Lena Okafor": "PERSON",
            "Skerrow": "ORG",
            "CTO": "ORG",
            "USB-C": "ORG",
            "Wi-Fi": "PERSON",
        },
    )
    names = {e.name for e in collect_entities([art])}
    assert names == {"Lena Okafor", "Skerrow"}


def test_a_name_before_the_noun_it_qualifies_is_no_place() -> None:
    """ "charged in Tomas Ferrow's death", "in Tomas Ferrow case": the name qualifies the
    noun that follows, not a place where something happened (the January stream's
    biggest story typed its victim a place from such phrases)."""
    art = build(
        [
            "Five officers were charged in Tomas Ferrow case on Thursday.",
            "Video released in Tomas Ferrow beating angered crowds in Corvale, where he lived.",
            "Tomas Ferrow died three days after the stop in Corvale.",
        ],
        {"Tomas Ferrow": "PERSON", "Corvale": "GPE"},
    )
    types = {e.name: e.type for e in collect_entities([art])}
    assert types["Tomas Ferrow"] == "person"
    assert types["Corvale"] == "place"  # "in Corvale," and "in Corvale." still say place


def test_a_title_case_headline_gives_up_the_ordinary_words_run_into_its_names() -> None:
    """A feed entry is stored as its headline, a line break and its description; in a
    Title Case headline the model runs ordinary words into names."""
    entries = [
        build(
            [
                "Dario Vensk Collapses On Field As Game Halted",
                "Halvor Bay safety Dario Vensk collapses on the field after a tackle.",
            ],
            {"Dario Vensk Collapses": "PERSON", "Halvor Bay": "ORG", "Dario Vensk": "PERSON"},
            id="e1",
            sep="\n",
            title="Dario Vensk Collapses On Field As Game Halted",
        ),
        build(
            [
                "Family Releases Statement On Dario Vensk",
                "The family of Dario Vensk releases a statement thanking the medical staff.",
            ],
            {"Family Releases Statement": "PERSON", "Dario Vensk": "PERSON"},
            id="e2",
            sep="\n",
            title="Family Releases Statement On Dario Vensk",
        ),
    ]
    entities = collect_entities(entries)
    names = {e.name for e in entities}
    assert "Dario Vensk Collapses" not in names and "Family Releases Statement" not in names
    assert "Releases Statement" not in names and "Statement" not in names
    assert by_name(entities, "Dario Vensk").sources == ("e1", "e2")
    check_evidence(entries, entities)


def test_a_headline_without_prose_gives_up_common_words_after_a_name() -> None:
    """Entries that are only a headline: the prose says nothing of how words are written,
    so a common English word (by the tokenizer's vocabulary) at a name's end goes."""
    titles = [
        "Dario Vensk Leak Sparks Row",
        "Tarrow Mayor Ilse Varga Has Quit",
        "New Zealand Ferry Strike Ends",
        "House of Representatives Votes",
    ]
    entries = [
        build([t], m, id=f"e{k}", title=t)
        for k, (t, m) in enumerate(
            zip(
                titles,
                [
                    {"Dario Vensk Leak": "PERSON"},
                    {"Ilse Varga Has": "PERSON", "Tarrow": "GPE"},
                    {"New Zealand": "GPE"},
                    {"House of Representatives": "ORG"},
                ],
                strict=True,
            )
        )
    ]
    names = {e.name for e in collect_entities(entries)}
    assert {"Dario Vensk", "Ilse Varga", "New Zealand", "House of Representatives"} <= names
    assert not names & {"Dario Vensk Leak", "Ilse Varga Has", "Zealand", "House"}


def test_a_names_own_last_word_is_not_trimmed_from_a_headline() -> None:
    entry = build(
        ["Orland Party Wins Vote In Tarrow", "The party won the vote in Tarrow on Sunday."],
        {"Orland Party": "ORG", "Tarrow": "GPE"},
        sep="\n",
        title="Orland Party Wins Vote In Tarrow",
    )
    names = {e.name for e in collect_entities([entry])}
    assert "Orland Party" in names  # "party" is written in lower case, but it ends the name


def test_two_names_run_together_across_a_possessive_are_split() -> None:
    art = build(
        [
            "Ray Dunmore’s Chirper account was restored on Tuesday.",
            "Ray Dunmore thanked Chirper, and St. Alder’s Basilica rang its bells.",
        ],
        {
            "Ray Dunmore’s Chirper": "PERSON",
            "Ray Dunmore": "PERSON",
            "Chirper": "ORG",
            "St. Alder’s Basilica": "FAC",
        },
    )
    entities = collect_entities([art])
    types = {e.name: e.type for e in entities}
    assert "Ray Dunmore’s Chirper" not in types
    assert types["Ray Dunmore"] == "person" and types["Chirper"] == "organisation"
    assert by_name(entities, "Ray Dunmore").mentions == 2
    assert types["St. Alder’s Basilica"] == "place"  # "St. Alder" is never named alone
    check_evidence([art], entities)


def test_someone_known_by_a_given_name_alone_is_not_a_namesake_of_another_article() -> None:
    a = build(
        [
            "A waiter who gave his name as Tomas said the lorry came from the east.",
            "Tomas said he ran.",
        ],
        {"Tomas": "PERSON"},
        id="a",
    )
    b = build(["Harbour chief Tomas Reyes thanked the crews."], {"Tomas Reyes": "PERSON"}, id="b")
    names = {e.name: e for e in collect_entities([a, b])}
    assert set(names) == {"Tomas", "Tomas Reyes"}
    assert names["Tomas"].sources == ("a",)
    # without that cue a given name still finds the one person named in full
    c = build(["Tomas said he ran."], {"Tomas": "PERSON"}, id="c")
    assert [e.name for e in collect_entities([c, b])] == ["Tomas Reyes"]


def test_a_role_before_a_given_name_is_not_part_of_the_name() -> None:
    a = build(
        [
            "Priya Anand was on holiday with her two sons.",
            "Nurse Priya, from Leeds, said the crowd ran.",
            "Mother Teresa was not there.",
        ],
        {"Priya Anand": "PERSON", "Nurse Priya": "PERSON", "Mother Teresa": "PERSON"},
    )
    names = {e.name: e for e in collect_entities([a])}
    assert set(names) == {"Priya Anand", "Mother Teresa"}
    assert "Nurse Priya" in names["Priya Anand"].variants


def test_two_romanisations_of_an_arabic_name_are_one_person() -> None:
    a = build(
        ["President Abdel Fattah al-Sisi spoke in Cairo."],
        {"Abdel Fattah al-Sisi": "PERSON", "Cairo": "GPE"},
        id="a",
    )
    b = build(
        ["Abdel-Fattah el-Sissi led the country.", "Karim al-Hadidi did not."],
        {"Abdel-Fattah el-Sissi": "PERSON", "Karim al-Hadidi": "PERSON"},
        id="b",
    )
    people = [e for e in collect_entities([a, b]) if e.type == "person"]
    assert [e.sources for e in people] == [("a", "b"), ("b",)]
    assert {"Abdel Fattah al-Sisi", "Abdel-Fattah el-Sissi"} <= {
        people[0].name,
        *people[0].variants,
    }
    assert people[1].name == "Karim al-Hadidi"


def test_vowels_of_a_romanised_name_may_differ_and_a_title_keeps_the_surname_a_person() -> None:
    a = build(
        ["Spokesman for the group Abu Mohammed al-Rashid made a threat."],
        {"Abu Mohammed al-Rashid": "PERSON"},
        id="a",
    )
    b = build(
        ["Abu Muhammad al-Rashid spoke.", "Mr. Rashid said more.", "Rashid left."],
        {"Abu Muhammad al-Rashid": "PERSON", "Rashid": "PERSON"},
        id="b",
    )
    (e,) = collect_entities([a, b])
    assert (e.type, e.sources) == ("person", ("a", "b"))
    assert {"Abu Mohammed al-Rashid", "Abu Muhammad al-Rashid", "Mr. Rashid"} <= {
        e.name,
        *e.variants,
    }


def test_a_given_name_finds_the_full_name_that_joined_a_longer_form() -> None:
    a = build(
        [
            "Veteran Lena Voss spoke first.",
            "Lena Voss later wrote a post.",
            "Lena Voss left.",
            "Lena said no more.",
        ],
        {"Veteran Lena Voss": "PERSON", "Lena Voss": "PERSON", "Lena": "PERSON"},
    )
    (e,) = collect_entities([a])
    assert e.name == "Lena Voss"
    assert {"Lena", "Veteran Lena Voss"} <= set(e.variants)


def test_a_well_known_company_is_an_organisation_whatever_the_model_says() -> None:
    a = build(
        ["Jobs in Microsoft were cut.", "Oracle said little."],
        {"Microsoft": "GPE", "Oracle": "PERSON"},
    )
    assert {(e.name, e.type) for e in collect_entities([a])} == {
        ("Microsoft", "organisation"),
        ("Oracle", "organisation"),
    }


def test_a_title_set_beside_a_name_is_that_person() -> None:
    a = build(
        ["Prince Tomas, the Duke of Tarrow, has written a memoir.", "The Duke said little."],
        {"Prince Tomas": "PERSON", "Duke of Tarrow": "PERSON", "Duke": "PERSON"},
        id="a",
    )
    b = build(
        ["In his book Harbour, the Duke of Tarrow claims much.", "Harbour sold well."],
        {"Harbour": "PERSON", "Duke of Tarrow": "PERSON"},
        id="b",
    )
    people = {e.name: e for e in collect_entities([a, b]) if e.type == "person"}
    assert "Duke of Tarrow" not in people
    assert {"Duke of Tarrow", "Duke"} <= set(people["Prince Tomas"].variants)
    # "In his book Harbour, the Duke ... claims" is no apposition: the book stays apart
    assert "Harbour" not in people["Prince Tomas"].variants


def test_the_words_around_a_name_the_model_calls_an_organisation_say_it_is_a_person() -> None:
    art = build(
        [
            "Talia Brenner, 46, rushed to the quay when she heard.",
            "“Even my husband was covered in spray,” Ms Brenner said.",
            "“I saw the hull tip over,” said Oskar Vell from the harbour wall.",
            "“We were eating when the crowd ran,” said Mira Ostrand.",
            "Mira Ostrand, a witness, said she was walking along the pier.",
            "“The ferry is safe,” Skerry Lines said, adding that its crews had trained.",
            "Ana Lind of Lind Group said she was not surprised.",
            "“The crews did well,” Pim Okoro said.",
            "“I steered us clear of the rocks.”",
        ],
        {
            "Pim Okoro": "ORG",
            "Talia Brenner": "ORG",
            "Ms Brenner": "ORG",
            "Oskar Vell": "ORG",
            "Mira Ostrand": "ORG",
            "Skerry Lines": "ORG",
            "Ana Lind": "PERSON",
            "Lind Group": "ORG",
        },
    )
    entities = collect_entities([art])
    # an age after the name, an honorific, "I" in the words the name speaks, "said she"
    assert by_name(entities, "Talia Brenner").type == "person"
    assert by_name(entities, "Talia Brenner").mentions == 2  # "Ms Brenner" joins her
    assert by_name(entities, "Oskar Vell").type == "person"
    assert by_name(entities, "Mira Ostrand").type == "person"
    # "I" in the quotation the attribution runs on into
    assert by_name(entities, "Pim Okoro").type == "person"
    # an organisation speaks as "we" and "its"; a name after "of" is not the speaker
    assert by_name(entities, "Skerry Lines").type == "organisation"
    assert by_name(entities, "Lind Group").type == "organisation"


def test_a_headline_pm_is_a_title_but_a_clock_pm_is_not() -> None:
    art = build(
        [
            "PM Hana Verlo vows to rebuild the pier.",
            "The alert came at 5:57 pm EDT on Tuesday, officials said.",
        ],
        {"PM Hana Verlo": "ORG", "EDT": "ORG"},
    )
    entities = collect_entities([art])
    assert by_name(entities, "Hana Verlo").variants == ("PM Hana Verlo",)
    assert by_name(entities, "EDT").type == "organisation"


def test_a_nickname_set_beside_a_person_joins_them() -> None:
    art = build(
        [
            "Ivo Marek, professor of economics at Tarrow College, also known as Dr Gloom, "
            "has warned about the ferry bonds.",
            "Dr Gloom said the bonds would fail.",
            "Oda Lind, 46, said the line would stay open, stating that a new ferry, known "
            "as the Island Lark, would sail in May.",
        ],
        {
            "Ivo Marek": "PERSON",
            "Dr Gloom": "PERSON",
            "Tarrow College": "ORG",
            "Oda Lind": "PERSON",
            "Island Lark": "ORG",
        },
    )
    entities = collect_entities([art])
    assert by_name(entities, "Ivo Marek").mentions == 3
    assert "Dr Gloom" in by_name(entities, "Ivo Marek").variants
    # only "also known as" reaches past other appositions: the ferry is no nickname
    assert by_name(entities, "Island Lark").mentions == 1


def test_a_role_after_a_name_and_a_surname_that_speaks() -> None:
    art = build(
        [
            "“The ice is thin,” said Noah Brevik, a research scientist from the Tarrow Institute.",
            "Skerry Property Trust, the owner of the pier, sued the council.",
            "“Sightings like this are rare,” said Mika Tenholm, an operations manager at the "
            "Coast Watch.",
            "Meteors are small, Tenholm told reporters.",
        ],
        {
            "Noah Brevik": "ORG",
            "Tarrow Institute": "ORG",
            "Skerry Property Trust": "ORG",
            "Mika Tenholm": "PERSON",
            "Coast Watch": "ORG",
            "Tenholm": "GPE",
        },
    )
    entities = collect_entities([art])
    assert by_name(entities, "Noah Brevik").type == "person"
    # an owner may be a company
    assert by_name(entities, "Skerry Property Trust").type == "organisation"
    # a "place" that tells reporters, and no place the tables know, is the person's surname
    assert by_name(entities, "Mika Tenholm").mentions == 2


def test_a_countrys_adjective_tagged_as_a_name_is_that_country() -> None:
    art = build(
        [
            "Ukrainian forces shelled the depot near Velda on Monday.",
            "Ukraine said the depot held ammunition.",
            "A Ukrainian spokesman confirmed the strike.",
        ],
        {"Ukrainian": "GPE", "Ukraine": "GPE", "Velda": "GPE"},
    )
    entities = collect_entities([art])
    ukraine = by_name(entities, "Ukraine")
    assert ukraine.mentions == 3 and ukraine.type == "place"
    assert not [e for e in entities if e.name == "Ukrainian"]
    # only the adjective in the story: the entity is still named for the country
    alone = collect_entities([build(["Russian troops left the town."], {"Russian": "ORG"})])
    assert [(e.name, e.type) for e in alone] == [("Russia", "place")]


def test_an_organisation_named_by_the_end_of_its_name_joins_it() -> None:
    art = build(
        [
            "The Carrow Gulls beat the Dunmore Otters 3-1 on Sunday.",
            "The Gulls had lost four games in a row.",
            "Police said the Otters' coach was unhurt.",
            "The Capitol Police and the White House issued statements, and the House met.",
            "Mercedes Building Tesla Rival, a headline said, as Tesla shares fell.",
        ],
        {
            "Carrow Gulls": "ORG",
            "Dunmore Otters": "ORG",
            "Gulls": "ORG",
            "Otters": "ORG",
            "Capitol Police": "ORG",
            "Police": "ORG",
            "White House": "ORG",
            "House": "ORG",
            "Mercedes Building Tesla": "ORG",
            "Tesla": "ORG",
        },
    )
    entities = collect_entities([art])
    assert by_name(entities, "Carrow Gulls").mentions == 2
    assert by_name(entities, "Dunmore Otters").mentions == 2
    # ordinary words are no short name; a headline's words are no name to join
    assert by_name(entities, "White House").mentions == 1
    assert by_name(entities, "House").mentions == 1
    assert by_name(entities, "Tesla").mentions == 1


def test_a_word_closing_the_sentence_before_is_no_title_and_of_x_who_is_not_x() -> None:
    art = build(
        [
            "Crowds came to see the former pope. Harbour News' Ana Lind reports.",
            "Harbour News said the queue was a mile long.",
            "Ivo Marek of the Carrow Gulls, who fainted on the pitch, is recovering.",
            "The Carrow Gulls said the match was called off.",
        ],
        {"Harbour News": "ORG", "Ana Lind": "PERSON", "Ivo Marek": "PERSON", "Carrow Gulls": "ORG"},
    )
    entities = collect_entities([art])
    assert by_name(entities, "Harbour News").type == "organisation"
    assert by_name(entities, "Carrow Gulls").type == "organisation"


def test_shouted_words_are_no_names_but_a_capitalised_dateline_is() -> None:
    art = build(
        [
            "DUNMORE — Harbour Trust is AGAIN under fire after the VERY FIRST THING it did.",
            "Ferries left Dunmore on time, and the US and WHO sent observers.",
        ],
        {
            "DUNMORE": "GPE",
            "Harbour Trust": "ORG",
            "AGAIN": "ORG",
            "VERY FIRST THING": "ORG",
            "Dunmore": "GPE",
            "US": "GPE",
            "WHO": "ORG",
        },
    )
    names = {e.name for e in collect_entities([art])}
    assert "AGAIN" not in names and "VERY FIRST THING" not in names
    assert {"Dunmore", "US", "WHO"} <= names


def test_a_product_line_is_no_surname() -> None:
    art = build(
        [
            "Orrin unveiled the Gullwing 7040 and the Gullwing 5 550 at the show.",
            "Mainstream Gullwing chips will ship in May.",
            "Gullwing sales rose, and Gullwing prices fell.",
        ],
        {
            "Gullwing 7040": "ORG",
            "Gullwing 5 550": "PERSON",
            "Mainstream Gullwing": "PERSON",
            "Gullwing": "PERSON",
        },
    )
    entities = collect_entities([art])
    gullwing = by_name(entities, "Gullwing")
    assert gullwing.type == "organisation" and gullwing.mentions == 2
    assert by_name(entities, "Mainstream Gullwing").mentions == 1


def test_a_headline_name_gives_up_words_the_prose_never_writes() -> None:
    entries = [
        build(
            [
                "Ilse Varga Pleads Not Guilty To Fraud",
                "Former Tarrow Lines chief Ilse Varga denied eight counts in court.",
            ],
            {"Ilse Varga Pleads": "PERSON", "Tarrow Lines": "ORG", "Ilse Varga": "PERSON"},
            id="e1",
            sep="\n",
            title="Ilse Varga Pleads Not Guilty To Fraud",
        ),
        build(
            [
                "Orrin Detains Gullwing 7000 Smugglers As Dario Mentions Otto Brack",
                "Police in Orrin held three men. Dario said the Gullwing was seized.",
            ],
            {
                "Orrin Detains": "ORG",
                "Orrin": "GPE",
                "Gullwing 7000": "ORG",
                "Gullwing": "ORG",
                "Dario Mentions Otto Brack": "PERSON",
                "Dario": "PERSON",
            },
            id="e2",
            sep="\n",
            title="Orrin Detains Gullwing 7000 Smugglers As Dario Mentions Otto Brack",
        ),
    ]
    names = {e.name for e in collect_entities(entries)}
    assert {"Ilse Varga", "Orrin", "Gullwing 7000"} <= names
    assert not names & {"Ilse Varga Pleads", "Orrin Detains"}
    # a given name alone is no full name to cut at: its next word may be a surname
    assert "Dario" not in names or "Dario Mentions Otto Brack" in names


def test_a_name_with_and_without_its_accents_is_one_entity() -> None:
    art = build(
        [
            "Pelé was buried in Santos.",
            "Fans of Pele lined the streets of São Paulo and Sao Paulo.",
        ],
        {
            "Pelé": "PERSON",
            "Pele": "PERSON",
            "Santos": "GPE",
            "São Paulo": "GPE",
            "Sao Paulo": "GPE",
        },
    )
    entities = collect_entities([art])
    assert by_name(entities, "Pelé").mentions == 2 or by_name(entities, "Pele").mentions == 2
    assert len([e for e in entities if e.name in ("São Paulo", "Sao Paulo")]) == 1


def test_a_club_or_company_marker_makes_an_organisation_and_no_surname() -> None:
    art = build(
        [
            "Mourners gathered in Santos, where FC Santos played his music.",
            "Santos fell silent as the procession passed.",
            "Santos was his home for 18 years.",
        ],
        {"Santos": "PERSON", "FC Santos": "PERSON"},
    )
    entities = collect_entities([art])
    assert by_name(entities, "FC Santos").type == "organisation"
    assert by_name(entities, "FC Santos").mentions == 1
    assert by_name(entities, "Santos").mentions == 3


def test_a_legislature_named_by_one_word_is_an_organisation() -> None:
    art = build(
        ["The vote in the House failed again.", "Members of Congress met in the Senate."],
        {"House": "GPE", "Congress": "GPE", "Senate": "ORG"},
    )
    types = {e.name: e.type for e in collect_entities([art])}
    assert types == {"House": "organisation", "Congress": "organisation", "Senate": "organisation"}


def test_a_name_set_after_a_title_and_a_comma_is_a_person() -> None:
    art = build(
        [
            "Macron called his Velda counterpart, Oleksa Brant, on Friday.",
            "Oleksa Brant thanked him.",
        ],
        {"Macron": "PERSON", "Velda": "GPE", "Oleksa Brant": "ORG"},
    )
    assert by_name(collect_entities([art]), "Oleksa Brant").type == "person"


def test_a_nickname_quoted_inside_a_name_joins_the_person() -> None:
    art = build(
        [
            'Police arrested the son of Marco "El Lobo" Varga on Thursday.',
            "El Lobo is serving a life sentence.",
            "Supporters of Marco “El Lobo blocked roads.",
        ],
        {'Marco "El Lobo" Varga': "PERSON", "El Lobo": "ORG", "Marco “El Lobo": "PERSON"},
    )
    entities = collect_entities([art])
    people = [e for e in entities if e.type == "person"]
    assert len(people) == 1 and people[0].mentions == 3


def test_a_name_after_the_or_a_that_qualifies_nothing_is_a_thing() -> None:
    art = build(
        [
            "The Gullwing Controller is sold in Orrin.",
            "Reviewers liked the Gullwing Controller.",
            "Fans queued for a Talia Brenner concert in Orrin.",
            "Talia Brenner sang for two hours.",
        ],
        {"Gullwing Controller": "PERSON", "Orrin": "GPE", "Talia Brenner": "PERSON"},
    )
    entities = collect_entities([art])
    assert by_name(entities, "Gullwing Controller").type == "organisation"
    assert by_name(entities, "Talia Brenner").type == "person"
