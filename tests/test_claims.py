"""Claims: paraphrases align across articles, different subjects stay apart, spans are exact."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from conftest import SHARED
from newsweave.claims import (
    _name_stems,
    asks,
    build_claims,
    content_stems,
    numbers_in,
    restatements,
    stem,
)
from newsweave.clean import clean_article
from newsweave.copies import find_copies
from newsweave.embed import get_embedder
from newsweave.models import Article, Claim, CleanArticle, Copy, Mention, Sentence
from newsweave.settings import Settings

SETTINGS = Settings()

HARBOR = (
    "The Velda senate approved a plan on Wednesday to build a sea wall around the old port of Tamsford. "
    "The wall will cost 40 million crowns and take four years to finish, the finance office said. "
    "Fishermen in the harbour protested against the plan outside the senate building. "
    "Photo."
)
MERIDIAN = (
    "Fishing crews gathered outside the senate building to protest against the sea wall. "
    "Velda's senators on Wednesday backed a plan for a sea wall to protect Tamsford's old port. "
    "The city's mayor, Lena Okafor, said the project would save the historic market hall. "
    "According to the finance office, construction will take four years and cost 40 million crowns."
)


def claims_for(
    texts: Sequence[str], embedder: str = "wordllama", copies: Sequence[Copy] | None = None
) -> tuple[list[CleanArticle], list[Claim]]:
    arts = [Article(f"a{i + 1}", t) for i, t in enumerate(texts)]
    cleaned = [clean_article(a) for a in arts]
    flat = [s.text for a in cleaned for s in a.sentences]
    vectors = get_embedder(embedder).encode(flat)
    found = find_copies(cleaned, SETTINGS) if copies is None else list(copies)
    return cleaned, build_claims(cleaned, vectors, found, SETTINGS)


def claim_with(claims: Sequence[Claim], words: str) -> Claim:
    hits = [c for c in claims if any(words in e.text for e in c.evidence)]
    assert len(hits) == 1, f"{words!r} in {len(hits)} claims"
    return hits[0]


def test_helpers() -> None:
    assert stem("injuries") == stem("injury")
    assert stem("defence") == stem("defense")
    assert "may-month" in content_stems("It was agreed in May.")
    assert [
        v for _, _, v in numbers_in("12 people, 1,020 homes, 2.5 million crowns, nine boats")
    ] == [
        12.0,
        1020.0,
        2_500_000.0,
        9.0,
    ]


@pytest.mark.slow
def test_paraphrases_align_and_different_subjects_stay_apart() -> None:
    _, claims = claims_for([HARBOR, MERIDIAN])
    approved = claim_with(claims, "approved a plan on Wednesday")
    assert approved.kind == "shared" and approved.sources == ("a1", "a2")
    assert any("backed a plan" in e.text for e in approved.evidence)
    cost = claim_with(claims, "40 million crowns and take four years")
    assert cost.sources == ("a1", "a2")
    assert any("construction will take four years" in e.text for e in cost.evidence)
    protest = claim_with(claims, "Fishermen in the harbour protested")
    assert protest.sources == ("a1", "a2")
    mayor = claim_with(claims, "Lena Okafor")
    assert mayor.kind == "unique" and mayor.sources == ("a2",)
    # Shared claims first, by support; then unique ones in article order; ids in order.
    kinds = [c.kind for c in claims]
    assert kinds == sorted(kinds, key=lambda k: k != "shared")
    assert [c.id for c in claims] == [f"c{i + 1}" for i in range(len(claims))]


@pytest.mark.slow
def test_every_sentence_in_exactly_one_claim_with_exact_spans() -> None:
    cleaned, claims = claims_for([HARBOR, MERIDIAN])
    texts = {a.article.id: a.article.text for a in cleaned}
    seen = [(e.article, e.start) for c in claims for e in c.evidence]
    assert len(seen) == len(set(seen))
    expected = {
        (s.article_id, s.start)
        for a in cleaned
        for s in a.sentences
        if len(s.text.split()) >= SETTINGS.min_claim_words
    }
    assert set(seen) == expected  # "Photo." (one word) is dropped
    for c in claims:
        assert len({e.article for e in c.evidence}) == len(c.evidence)  # one per article
        assert c.text in {e.text for e in c.evidence}
        for e in c.evidence:
            assert texts[e.article][e.start : e.end] == e.text


@pytest.mark.slow
def test_an_outlets_own_question_is_no_claim() -> None:
    # an explainer's headings ask; the answer elsewhere is the claim
    a = (
        "What caused the Corvale warehouse fire?\n\n"
        "Investigators said on Monday that faulty wiring caused the Corvale warehouse fire."
    )
    b = (
        "Faulty wiring caused the fire at the Corvale warehouse, investigators said on Monday. "
        "The owner, Ana Lind, said: “Why did nobody check the wiring?”"
    )
    _, claims = claims_for([a, b])
    texts = [e.text for c in claims for e in c.evidence]
    assert not any(t.startswith("What caused") for t in texts)
    assert claim_with(claims, "faulty wiring").kind == "shared"
    assert any("Why did nobody check" in t for t in texts)  # a quoted question stays
    assert asks("Where were the child's parents?")
    assert not asks("He asked: “Where were the child's parents?”")
    assert not asks("How many people do we want to crash?'")  # closes a quotation


@pytest.mark.slow
def test_unrelated_sentences_of_one_story_do_not_join() -> None:
    a = (
        "A landslide blocked the coastal road north of Dunmore on Monday night. "
        "The school in Dunmore will stay closed until the road is cleared."
    )
    b = (
        "Heavy rain brought down part of a hillside onto the coastal road near Dunmore late on Monday. "
        "A bakery in the town centre gave free bread to stranded drivers."
    )
    _, claims = claims_for([a, b])
    assert claim_with(claims, "landslide").sources == ("a1", "a2")
    assert claim_with(claims, "school in Dunmore").sources == ("a1",)
    assert claim_with(claims, "bakery").sources == ("a2",)


@pytest.mark.slow
def test_copies_count_as_one_independent_source() -> None:
    copy = HARBOR.replace("Photo.", "")
    _, claims = claims_for([HARBOR, copy, MERIDIAN], copies=[Copy("a2", "a1", 0.95)])
    approved = claim_with(claims, "Velda's senators on Wednesday")
    assert approved.sources == ("a1", "a2", "a3")
    assert approved.independent_sources == 2
    _, claims2 = claims_for([HARBOR, copy], copies=[Copy("a2", "a1", 0.95)])
    wall = claim_with(claims2, "approved a plan")
    assert wall.sources == ("a1", "a2") and wall.kind == "unique"
    assert wall.independent_sources == 1


def test_hashing_embedder_works_and_ids_are_stable() -> None:
    _, first = claims_for([HARBOR, MERIDIAN], embedder="hashing")
    _, second = claims_for([HARBOR, MERIDIAN], embedder="hashing")
    assert first == second
    assert claim_with(first, "approved a plan on Wednesday").kind == "shared"


def test_no_sentences_no_claims() -> None:
    assert claims_for(["", "  "], embedder="hashing")[1] == []


@pytest.mark.slow
def test_seed_reports_ap_and_kyodo() -> None:
    import newsweave

    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    assert len(seeds) == 2, "the two seed reports are missing from ../shared/data/seeds"
    report = newsweave.compare(newsweave.load_articles(seeds).articles)
    outlet = {a.article.id: a.article.outlet for a in report.articles}
    ap = next(i for i, o in outlet.items() if "AP" in o)
    kyodo = next(i for i, o in outlet.items() if "Kyodo" in o)

    def supported(words: str) -> list[set[str]]:
        hits = [c for c in report.claims if any(words in e.text for e in c.evidence)]
        assert hits, f"no claim mentions {words!r}"
        return [set(c.sources) for c in hits]

    # Facts both report: a claim citing those words is shared by both.
    for words in (
        "signed a defense agreement Wednesday",
        "Tower of London",
        "deploy",
        "in May",
        "Reciprocal Access Agreement",
        "presidency of the G-7",
        "East Asian ally",
        # AP credits the British government, Kyodo Sunak's statement: one statement
        "cements our commitment to the Indo-Pacific",
    ):
        assert {ap, kyodo} in supported(words), words
    # Each lead states the signing: Kyodo's lead is not Kyodo's alone, although grouping
    # gives AP's lead to Kyodo's "landmark pact ... deploy forces" sentence.
    assert supported("bilateral defense cooperation agreement") == [{ap, kyodo}]
    # Kyodo's "Britain views Japan as a key East Asian ally in its Indo-Pacific tilt..."
    # is grouped with AP's tilt sentence, and it contains AP's short "Britain sees Japan
    # as its key East Asian ally" too. In a story of two articles few words are rare, so
    # the containment needs less rare-word mass (SUPPORT_MASS_TOP).
    assert supported("Britain sees Japan") == [{ap, kyodo}]
    # Details only one has stay with that one.
    assert supported("helmets") == [{ap}]
    assert supported("next-generation fighter jet") == [{kyodo}]
    assert supported("two-plus-two") == [{kyodo}]
    # Nothing in these two reports contradicts the other.
    assert report.conflicts == ()
    # A one-sided weak match is no claim: AP's "key East Asian ally" sentence must not be
    # paired with Kyodo's sentence about the treaty with Australia.
    for c in report.claims:
        texts = " ".join(e.text for e in c.evidence)
        assert not ("Britain sees Japan" in texts and "treaty with Australia" in texts), c.text


def test_clock_times() -> None:
    from newsweave.claims import clock_times

    assert clock_times("shortly after 2 a.m. on Tuesday") == {"02:00"}
    assert clock_times("at around 2 o'clock in the morning") == {"02:00"}
    assert clock_times("at about 7:30 p.m. and at midnight") == {"19:30", "00:00"}
    assert clock_times("12 people") == frozenset()


def test_value_anchors_are_typed() -> None:
    from newsweave.claims import clock_times, value_anchors

    def anchors(text: str) -> frozenset[str]:
        return value_anchors(text, clock_times(text))

    assert anchors("The refit cost $8.3 million.") == anchors("after an $8.3 million refit")
    assert anchors("a 4.5% rise") == {"4.5%"}
    assert anchors("at 6.40 a.m. on Friday") == {"06:40"}
    assert anchors("12 months, 340 households") == {"12 month", "340 household"}
    # Bare counts of different things, years and small numbers are no anchors of a fact.
    assert anchors("25 people") != anchors("25 kilometres")
    assert anchors("in 2019, three days, nine boats") == frozenset()
    # An age is not a duration; a clock time's digits are not counts.
    assert anchors("a 20-year-old driver") != anchors("for 20 years")
    assert anchors("a driver, 20 years old,") == anchors("a 20-year-old driver")
    # A unit glued on is read with its number ("3.5mm" is 3.5, not 3); "2,000 km" is no year.
    assert [v for _, _, v in numbers_in("the 3.5mm jack, a 425kg satellite, F-16s")] == [
        3.5,
        425.0,
    ]
    assert anchors("some 60,000km away") == anchors("some 60,000 km away") == {"60000 km"}
    assert anchors("about 2,000 km east") == {"2000 km"}


LIBRARY_A = (
    "HALVERN (Fen Wire) – The Linden Street library in Halvern reopened on Monday after an "
    "$8.3 million renovation that took 18 months. "
    "Readers queued outside the doors before the opening at 9 a.m. "
    "The library lends about 40,000 books a year, the council said. "
    "A stand of 25 kilometres of shelving was donated by a local sawmill."
)
LIBRARY_B = (
    "Halvern's Linden Street library opened its doors again on Monday, 18 months after it closed "
    "for renovation. "
    "The renovation cost $8.3 million. "
    "Twenty-five people were hurt in a fire at the old library building in 2019. "
    "Mayor Ilse Varga said she hoped the library would bring visitors back to the town centre."
)


@pytest.mark.slow
def test_a_short_sentence_is_supported_by_a_lead_that_contains_it() -> None:
    cleaned, claims = claims_for([LIBRARY_A, LIBRARY_B])
    lead = claim_with(claims, "Halvern's Linden Street library opened its doors again")
    assert lead.sources == ("a1", "a2")
    # The lead of a1 packs the cost; a2 states it alone: both claims cite the lead.
    cost = claim_with(claims, "The renovation cost $8.3 million.")
    assert cost.kind == "shared" and cost.sources == ("a1", "a2")
    assert cost.text == "The renovation cost $8.3 million."  # its own sentence, not the lead
    assert any("$8.3 million renovation" in e.text for e in cost.evidence)
    assert any("$8.3 million renovation" in e.text for e in lead.evidence)
    # Every sentence is in at least one claim, spans exact, one sentence per article.
    texts = {a.article.id: a.article.text for a in cleaned}
    for c in claims:
        assert len({e.article for e in c.evidence}) == len(c.evidence)
        for e in c.evidence:
            assert texts[e.article][e.start : e.end] == e.text
    # "25 kilometres" of shelving is not "twenty-five people"; the mayor stays hers.
    assert claim_with(claims, "Twenty-five people were hurt").sources == ("a2",)
    assert claim_with(claims, "Mayor Ilse Varga").sources == ("a2",)
    assert claim_with(claims, "25 kilometres of shelving").sources == ("a1",)


PIER_A = (
    "The Tarrow ferry pier has been shut since October because storm waves cracked two of its "
    "iron pillars, and the harbour board said on Friday that it would reopen in June. "
    "Ferries to Inch Holm now leave from the fishing quay instead. "
    "The board has hired divers from Westray to inspect the seabed around the pier."
)
PIER_B = (
    "Tarrow's ferry pier will reopen in June, the harbour board said on Friday. "
    "The pier was closed in October after storm waves cracked two iron pillars under its deck. "
    "A cafe at the end of the pier has moved to a tent on the beach."
)


@pytest.mark.slow
def test_a_lead_supports_each_fact_it_packs_by_rare_words() -> None:
    _, claims = claims_for([PIER_A, PIER_B])
    reopen = claim_with(claims, "will reopen in June, the harbour board")
    closed = claim_with(claims, "The pier was closed in October")
    for c in (reopen, closed):
        assert c.kind == "shared" and c.sources == ("a1", "a2")
        assert any("shut since October" in e.text for e in c.evidence)
    assert reopen.id != closed.id
    assert claim_with(claims, "cafe at the end of the pier").sources == ("a2",)
    assert claim_with(claims, "hired divers").sources == ("a1",)


FERRY_FEED = [
    "Ferry with 120 aboard runs aground off Tarrow\n"
    "A ferry carrying 120 people ran aground off Tarrow island on Monday.",
    "Ferry carrying 120 people grounded near Tarrow\n"
    "The Tarrow ferry, with 120 people aboard, struck a sandbank on Monday.",
    "Tarrow ferry with 120 on board runs aground\n"
    "A ferry with 120 people on board ran aground near Tarrow island on Monday morning.",
    "Ferry runs aground off Tarrow with 120 aboard\n"
    "Coastguards said a ferry carrying 120 people hit a sandbank off Tarrow on Monday.",
]


def test_a_headline_and_its_restating_line_make_one_claim_not_two() -> None:
    # Feed entries restate their headline in their first line: grouping puts the
    # headlines in one claim and the lines in another, about the same fact.
    _, claims = claims_for(FERRY_FEED)
    shared = [c for c in claims if c.kind == "shared"]
    assert len(shared) == 1, [c.text for c in shared]
    assert len(shared[0].sources) == 4


def test_an_outlets_several_articles_count_as_one_source() -> None:
    texts = FERRY_FEED[:3]
    arts = [
        Article(f"a{i + 1}", t, outlet=o)
        for i, (t, o) in enumerate(
            zip(texts, ["Tarrow Post", "Tarrow Post", "Coast FM"], strict=True)
        )
    ]
    cleaned = [clean_article(a) for a in arts]
    vectors = get_embedder("wordllama").encode([s.text for a in cleaned for s in a.sentences])
    claims = build_claims(cleaned, vectors, [], SETTINGS)
    top = max(claims, key=lambda c: len(c.sources))
    assert set(top.sources) == {"a1", "a2", "a3"}
    assert top.independent_sources == 2  # the Post's two updates are one outlet


def test_clock_time_digits_do_not_match_a_count() -> None:
    # Support compares the counts of two sentences: the 7 of "7:30 p.m." is no count, so
    # "The fire began at 7:30 p.m." does not contain "seven fire engines were called".
    from newsweave.claims import _counts

    assert _counts("The fire began at around 7:30 p.m. in the loading bay.") == set()
    assert _counts("It broke out at about 7:30 p.m. and seven engines came.") == {7.0}


def test_the_route_after_route_14_aligns_with_route_14() -> None:
    from newsweave.claims import _with_antecedents, features

    cleaned = clean_article(
        Article(
            "a1",
            "Councillors argued about Route 14 for an hour. "
            "Under the budget, the route will keep running every 15 minutes. "
            "The budget also keeps the libraries open.",
        )
    )
    sents = list(cleaned.sentences)
    feats = _with_antecedents([features(s) for s in sents], sents)
    assert "14" in feats[1].stems and 14.0 in feats[1].numbers
    assert "14" not in feats[2].stems  # no "the route" there


def test_a_time_every_source_gives_in_a_compound_sentence_is_a_claim() -> None:
    # Each outlet states the start time inside a sentence that grouping puts with
    # another fact (the engines, the night's work, the owner); the time is a claim of
    # its own, cited to the clause of each sentence that states it.
    texts = [
        "The blaze broke out at about 9:15 p.m. and eleven fire engines were called to the scene. "
        "The depot belongs to Varro Goods, a family-owned furniture chain.",
        "Eleven fire engines and 40 firefighters were called to the scene, the fire service said. "
        "Fire crews spent the night at the Orrin depot after a blaze broke out there at around 9:15 p.m. on Monday.",
        "Fire crews spent the night at the Orrin depot on Monday. "
        "The blaze began at 9.15pm at the depot of Varro Goods, a family-owned chain of furniture shops.",
    ]
    cleaned, claims = claims_for(texts)
    timed = [c for c in claims if c.text == "The blaze broke out at about 9:15 p.m."]
    assert len(timed) == 1
    assert timed[0].kind == "shared"
    assert set(timed[0].sources) == {"a1", "a2", "a3"}
    by_id = {a.article.id: a.article.text for a in cleaned}
    assert sorted(e.text for e in timed[0].evidence) == [
        "The blaze began at 9.15pm at the depot of Varro Goods",
        "The blaze broke out at about 9:15 p.m.",
        "a blaze broke out there at around 9:15 p.m. on Monday.",
    ]
    for e in timed[0].evidence:
        assert by_id[e.article][e.start : e.end] == e.text
    # the engines claim keeps its whole sentences
    engines = claim_with(claims, "Eleven fire engines and 40")
    assert any(
        e.text.endswith("called to the scene.") and e.article == "a1" for e in engines.evidence
    )
    # a time one source alone gives is no claim of its own
    _, alone = claims_for([texts[0], "Eleven fire engines were sent to the Orrin depot."])
    assert not [c for c in alone if c.text == "The blaze broke out at about 9:15 p.m."]


def test_name_words_include_titles_and_names_ner_missed() -> None:
    # NER found only "Velda" here; the capitalised run is a name (with its title) too,
    # so that sharing "Prime Minister Lena Okafor" is not taken for sharing a fact.
    text = "Velda will take all measures to keep people safe, says Prime Minister Lena Okafor"
    sent = Sentence("a1", 0, 100, 100 + len(text), text, (Mention(100, 105, "Velda", "GPE"),))
    names = _name_stems(sent)
    assert {"velda", "prim", "minister", "lena", "okafor"} <= names
    assert not names & {"take", "measur", "peopl", "safe"}


def _leads_supported(texts: Sequence[Sequence[str]]) -> dict[int, list[int]]:
    """Run the lead-support rule on articles given as sentences, every sentence alone in
    its group, the two leads scoring as a weak link would and nothing else matching."""
    import numpy as np

    from newsweave.claims import _support_leads

    sents = []
    for a, parts in enumerate(texts):
        for i, t in enumerate(parts):
            sents.append(Sentence(f"a{a}", i, 0, len(t), t))
    n = len(sents)
    scores = np.full((n, n), 0.1)
    np.fill_diagonal(scores, 1.0)
    leads = [k for k, x in enumerate(sents) if x.index == 0]
    for x in leads:
        for y in leads:
            if x != y:
                scores[x, y] = 0.5
    support: dict[int, list[int]] = {}
    _support_leads([[k] for k in range(n)], sents, scores, 0.62, support)
    return support


def test_leads_support_each_other_in_articles_not_in_feed_entries() -> None:
    article = ["Orrin ferry hits harbour wall.", "Twelve were hurt.", "The port reopened."]
    other = ["A ferry struck the Orrin harbour wall.", "Crews came.", "Ferries resumed."]
    assert _leads_supported([article, other]) == {0: [3], 3: [0]}
    # a feed entry's "lead" is its headline, and headlines share a topic
    assert _leads_supported([article[:2], other[:2]]) == {}
    # a newsletter's title never becomes the claim others' leads support
    briefing = ["Your Monday Briefing: Orrin ferry hits harbour wall.", *article[1:]]
    assert _leads_supported([briefing, other]) == {3: [0]}


def test_a_newsletters_title_is_not_a_claims_text() -> None:
    _, claims = claims_for(
        [
            "Your Monday Briefing: Orrin ferry crash injures twelve people at the harbour",
            "Orrin ferry crash injures twelve people at the harbour wall",
        ]
    )
    c = claim_with(claims, "Orrin ferry crash injures twelve")
    assert c.kind == "shared"
    assert c.text == "Orrin ferry crash injures twelve people at the harbour wall"


def test_a_shouted_opening_is_not_a_claims_text() -> None:
    _, claims = claims_for(
        [
            "AT least two people were killed on Friday when a lorry crashed into the harbour "
            "wall at Orrin, police said.",
            "At least two people were killed when a lorry hit the Orrin harbour wall.",
        ]
    )
    c = claim_with(claims, "lorry")
    assert c.kind == "shared" and c.text.startswith("At least")


def test_sentences_quoting_the_same_rare_words_are_one_claim() -> None:
    a = (
        "The Tamsford ferry service will stop for the winter on Friday. "
        'The port authority said the pier was "no longer safe for heavy vehicles to cross" '
        "after last month's storms. "
        "Harbourmaster Ines Varga said there was a lot of damage to the old landing stage."
    )
    b = (
        "Ferries to Tamsford are to be suspended from Friday until the spring. "
        "Engineers found the structure “no longer safe for heavy vehicles to cross,” "
        "a spokesperson confirmed. "
        "“There was a lot of shouting,” one passenger said of the last crossing."
    )
    _, claims = claims_for([a, b])
    quoted = claim_with(claims, "no longer safe for heavy vehicles")
    assert set(quoted.sources) == {"a1", "a2"}
    # Shared words that are common ("there was a lot of") say nothing.
    assert set(claim_with(claims, "lot of shouting").sources) == {"a2"}


def test_a_weak_link_needs_a_shared_word_outside_the_names() -> None:
    import numpy as np

    from newsweave.claims import _group, features

    def sent(article: str, text: str, names: Sequence[str]) -> Sentence:
        found = tuple(
            Mention(text.index(n), text.index(n) + len(n), n, "GPE" if n == "Tamsford" else "NORP")
            for n in names
        )
        return Sentence(article, 0, 0, len(text), text, found)

    head = sent(
        "a1",
        "Explosion and gunfire reported outside Veldan consulate in Tamsford",
        [
            "Veldan",
            "Tamsford",
        ],
    )
    troops = sent(
        "a2",
        "Veldan troops have been based in northern Tamsford for years.",
        [
            "Veldan",
            "Tamsford",
        ],
    )
    blast = sent(
        "a2",
        "A blast and gunfire shook the Veldan consulate in Tamsford.",
        [
            "Veldan",
            "Tamsford",
        ],
    )
    # the rest of the story: other matters, in other words
    rest = [
        sent("a1", "Officials in Ruvenna promised a full inquiry into the attack.", []),
        sent("a1", "Schools near the compound will stay closed on Monday.", []),
        sent("a2", "Flights from the regional airport were suspended overnight.", []),
        sent("a2", "Hospitals asked residents to donate blood.", []),
    ]
    scores = np.eye(6)
    scores[0, 1] = scores[1, 0] = 0.5  # a mutual best match, below the threshold
    for other, together in ((troops, False), (blast, True)):
        sents = [head, other, *rest]
        groups = _group(sents, scores, 0.62, [features(s) for s in sents])
        assert ([0, 1] in groups) is together, other.text


def test_a_weak_link_needs_more_than_the_story_s_common_words() -> None:
    import numpy as np

    from newsweave.claims import _group, features

    def sent(article: str, text: str) -> Sentence:
        return Sentence(article, 0, 0, len(text), text, ())

    # every sentence of this story speaks of settlements: sharing that word says little
    story = [
        sent("a1", "The financing was approved after months of attacks near the settlements."),
        sent("a2", "Plans for settlement construction gained momentum in December."),
        sent("a1", "The settlement council welcomed the vote."),
        sent("a2", "Critics say the settlements block any peace deal."),
        sent("a1", "Settlement leaders had lobbied ministers for a year."),
        sent("a2", "The new money will pay for roads to the settlements."),
    ]
    scores = np.eye(6)
    scores[0, 1] = scores[1, 0] = 0.5  # a mutual best match, below the threshold
    groups = _group(story, scores, 0.62, [features(s) for s in story])
    assert [0, 1] not in groups
    # the same pair sharing a rarer word as well is a weak link
    story[1] = sent("a2", "The financing for settlement roads was approved in December.")
    groups = _group(story, scores, 0.62, [features(s) for s in story])
    assert [0, 1] in groups


def test_two_sentences_between_the_same_two_facts_align_by_their_context() -> None:
    import numpy as np

    from newsweave.claims import _group, features

    def article(aid: str, texts: Sequence[str]) -> list[Sentence]:
        return [Sentence(aid, i, 0, len(t), t) for i, t in enumerate(texts)]

    a = article(
        "a1",
        [
            "The fire started at the Pellham furniture store in Millbrook on Friday.",
            "Flames reached the warehouse shortly before 10 p.m.",
            "Seven fire engines were sent to the scene.",
        ],
    )
    b = article(
        "a2",
        [
            "A fire broke out at Pellham's furniture store in Millbrook on Friday.",
            "Crews had to pull back when the warehouse caught fire.",
            "Seven engines and 35 firefighters attended.",
        ],
    )
    sents = [*a, *b]
    feats = [features(s) for s in sents]
    scores = np.full((6, 6), 0.1)
    np.fill_diagonal(scores, 1.0)
    for i, j, v in ((0, 3, 0.8), (2, 5, 0.7), (1, 4, 0.35)):
        scores[i, j] = scores[j, i] = v
    groups = _group(sents, scores, 0.62, feats)
    assert sorted(groups) == [[0, 3], [1, 4], [2, 5]]
    # aligned on one side only (the engines do not match): left apart
    scores[2, 5] = scores[5, 2] = 0.1
    assert [1, 4] not in _group(sents, scores, 0.62, feats)


def test_a_link_just_above_the_threshold_also_needs_a_word_beyond_the_names() -> None:
    import numpy as np

    from newsweave.claims import _group, features

    def sent(article: str, text: str) -> Sentence:
        found = tuple(
            Mention(m.start(), m.end(), m.group(0), "ORG")
            for m in re.finditer(r"Marine Accident Office|Panama Papers", text)
        )
        return Sentence(article, 0, 0, len(text), text, found)

    scores = np.array([[1.0, 0.64], [0.64, 1.0]])  # just above the 0.62 threshold
    cases = [
        ("Why are they called the Panama Papers?", "Panama Papers scandal sparks denials", 2),
        # "sending" / "sent": one verb, whatever its form
        (
            "The Marine Accident Office is sending a team to the bay.",
            "The Marine Accident Office had sent inspectors to examine the ferry.",
            1,
        ),
    ]
    for a, b, n_groups in cases:
        sents = [sent("a1", a), sent("a2", b)]
        assert len(_group(sents, scores, 0.62, [features(s) for s in sents])) == n_groups, a
    # well above the threshold, the score decides alone
    sents = [sent("a1", cases[0][0]), sent("a2", cases[0][1])]
    high = np.array([[1.0, 0.75], [0.75, 1.0]])
    assert len(_group(sents, high, 0.62, [features(s) for s in sents])) == 1


# Three reports of a club's first title in 64 years: every lead gives the count.
TITLE_A = (
    "Harrow Rovers won the Northern Cup on Saturday, their first title in 64 years, beating "
    "Kestrel Town 2-1 at Mill Lane. "
    "Captain Ada Lorne scored the winner in the 88th minute."
)
TITLE_B = (
    "Harrow Rovers ended a 64-year wait for a trophy when they beat Kestrel Town 2-1 in the "
    "Northern Cup final on Saturday. "
    "Now, 64 years means a lot of singing in the town square."
)
TITLE_C = (
    "Harrow Rovers are Northern Cup champions for the first time in 64 years after a 2-1 win "
    "over Kestrel Town on Saturday. "
    "About 9,000 fans watched the final at Mill Lane."
)


@pytest.mark.slow
def test_a_count_every_lead_gives_does_not_make_them_contain_any_sentence_with_it() -> None:
    _, claims = claims_for([TITLE_A, TITLE_B, TITLE_C])
    # the leads agree with each other ...
    assert claim_with(claims, "Harrow Rovers").kind == "shared"
    # ... but none of them says what the singing sentence says besides the count
    singing = claim_with(claims, "Now, 64 years means a lot of singing")
    assert (singing.kind, singing.sources) == ("unique", ("a2",))


@pytest.mark.slow
def test_an_article_repeating_its_own_sentence_states_one_claim() -> None:
    # A tabloid's bullet points restate its body; a wire story says it once.
    tabloid = (
        "Two Tamsford ferries collided in the harbour early Tuesday, injuring one deckhand\n"
        "The port authority says the ferries scraped each other but did not sink\n"
        "TAMSFORD - Two Tamsford ferries collided in the harbour early Tuesday, injuring "
        "one deckhand. The port authority says the ferries scraped each other but did not "
        "sink. Eleven passengers were on board at the time."
    )
    wire = (
        "Two ferries collided in Tamsford harbour on Tuesday morning and a deckhand was "
        "hurt. The port authority said the ferries scraped each other but neither sank."
    )
    _cleaned, claims = claims_for([tabloid, wire])
    collided = claim_with(claims, "deckhand was hurt")
    assert collided.kind == "shared"
    assert collided.sources == ("a1", "a2")
    # the kept sentence is the one that ends as a sentence does, not the bullet point
    kept = [e.text for e in collided.evidence if e.article == "a1"]
    assert kept == [
        "TAMSFORD - Two Tamsford ferries collided in the harbour early Tuesday, injuring "
        "one deckhand."
    ]
    # each fact is one claim: the bullet points make none of their own
    assert not [c for c in claims if any(not e.text.endswith(".") for e in c.evidence)]
    assert len([c for c in claims if c.kind == "shared"]) == 2
    # a sentence that says the same with a number more is not a repeat
    restated = restatements(
        [
            Sentence("a", 0, 0, 10, "The ferry left Tamsford harbour late on a stormy Tuesday."),
            Sentence(
                "a",
                1,
                11,
                20,
                "The ferry left Tamsford harbour 40 minutes late on a stormy Tuesday.",
            ),
        ]
    )
    assert restated == {}


@pytest.mark.slow
def test_an_age_alone_does_not_make_one_sentence_contain_another() -> None:
    a = (
        "The 19-year-old Corvale driver, who had been running second after a daring move "
        "on the outside of the hairpin, finished third in the rain at Harwick on Sunday. "
        "Race officials praised the marshals for clearing the track quickly."
    )
    b = (
        "The 19-year-old was criticised by his team principal last week for phoning his "
        "father during a meeting. "
        "Corvale finished third at Harwick on Sunday after a race run mostly in heavy rain."
    )
    _, claims = claims_for([a, b])
    phoned = claim_with(claims, "The 19-year-old was criticised")
    assert phoned.sources == ("a2",)
