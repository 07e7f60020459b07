"""Quotes: finding, scare quotes, speaker patterns, grouping across articles (fictional texts)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from newsweave.entities import collect_entities
from newsweave.models import Attribution, CleanArticle, Copy, Quote
from newsweave.quotes import extract_quotes
from test_entities import build, seed_report

PEOPLE = {
    "Lena Okafor": "PERSON",
    "Okafor": "PERSON",
    "Tunde Adeyemi": "PERSON",
    "Adeyemi": "PERSON",
    "Odile Varga": "PERSON",
    "Varga": "PERSON",
    "Mira Castell": "PERSON",
    "Brackenford Harbour Authority": "ORG",
    "Brackenford": "GPE",
}


def quotes_of(*articles: CleanArticle, copies: Sequence[Copy] = ()) -> list[Quote]:
    quotes = extract_quotes(articles, collect_entities(articles), copies)
    texts = {a.article.id: a.article.text for a in articles}
    for q in quotes:
        for ev in q.evidence:
            assert texts[ev.article][ev.start : ev.end] == ev.text
            assert not ev.text.startswith(("“", '"', "‘", "'"))
            assert not ev.text.endswith(("”", '"', "’", "'"))
    return quotes


def speakers(quotes: Sequence[Quote]) -> dict[str, str]:
    return {q.text: q.speaker for q in quotes}


def test_speaker_after_the_quote_is_resolved_to_the_full_name() -> None:
    art = build(
        [
            "Mayor Lena Okafor opened the Tamsin Bridge on Monday.",
            "“This bridge joins two halves of one town at last,” Okafor said.",
            "“We waited forty years for this crossing,” said Mayor Lena Okafor.",
            "“Traffic will fall by a third within a year,” Okafor told reporters.",
        ],
        PEOPLE,
    )
    assert speakers(quotes_of(art)) == {
        "This bridge joins two halves of one town at last": "Lena Okafor",
        "We waited forty years for this crossing": "Lena Okafor",
        "Traffic will fall by a third within a year": "Lena Okafor",
    }


def test_speaker_before_the_quote_and_straight_quotes() -> None:
    art = build(
        [
            "Councillor Tunde Adeyemi spoke next.",
            'Adeyemi said: "The tolls must go before the winter comes."',
            'Okafor said the tolls were "a fair price for a safer crossing."',
        ],
        PEOPLE,
    )
    got = speakers(quotes_of(art))
    assert got["The tolls must go before the winter comes."] == "Tunde Adeyemi"
    assert got["a fair price for a safer crossing."] == "Okafor"


def test_pronoun_takes_the_nearest_preceding_person() -> None:
    art = build(
        [
            "Transport Minister Odile Varga arrived by ferry.",
            "She inspected the new rail deck with engineers.",
            "“I have never seen steel laid this quickly,” she said.",
        ],
        PEOPLE,
    )
    assert speakers(quotes_of(art)) == {"I have never seen steel laid this quickly": "Odile Varga"}


def test_pronoun_skips_a_person_known_to_take_the_other_pronoun() -> None:
    art = build(
        [
            "Mayor Lena Okafor said she would not resign over the vote.",
            "Mr. Adeyemi, her deputy, asked for a recount.",
            "“The numbers will not change however often we count them,” she said.",
            "“I still want a recount,” he said.",
        ],
        PEOPLE,
    )
    assert speakers(quotes_of(art)) == {
        "The numbers will not change however often we count them": "Lena Okafor",
        "I still want a recount": "Adeyemi",  # named once, but "Mr." makes him salient
    }


def test_role_description_resolves_to_the_person_with_that_title() -> None:
    art = build(
        [
            "Transport Minister Odile Varga and Mayor Lena Okafor toured the site.",
            "The transport minister said the line “will carry its first train in spring.”",
        ],
        PEOPLE,
    )
    assert speakers(quotes_of(art)) == {"will carry its first train in spring.": "Odile Varga"}


def test_organisation_statement_and_according_to() -> None:
    art = build(
        [
            "The Brackenford Harbour Authority said in a statement that “the old pier will close for good.”",
            "The statement said the pier had become “too costly to repair and too risky to use.”",
            "The city council said it would “review every contract signed since the spring.”",
            "“Fares will not rise this year,” according to Mira Castell.",
            "In a statement, ferry spokeswoman Odile Varga said the last crossing would run in June.",
            "“Every season ticket will be refunded in full,” the statement said.",
        ],
        PEOPLE,
    )
    got = speakers(quotes_of(art))
    assert got["the old pier will close for good."] == "Brackenford Harbour Authority"
    assert got["too costly to repair and too risky to use."] == "Brackenford Harbour Authority"
    assert got["review every contract signed since the spring."] == "city council"
    assert got["Fares will not rise this year"] == "Mira Castell"
    assert got["Every season ticket will be refunded in full"] == "Odile Varga"


def test_a_quote_with_its_own_lead_in_does_not_continue_the_last_one() -> None:
    art = build(
        [
            "“The ferry will be back by May,” Okafor said.",
            "The harbour board published its report on Friday: “Repairs will take at least a year.”",
        ],
        PEOPLE,
    )
    assert speakers(quotes_of(art)) == {
        "The ferry will be back by May": "Okafor",
        "Repairs will take at least a year.": "",
    }


def test_multi_sentence_split_and_continued_quotes() -> None:
    art = build(
        [
            "Lena Okafor spoke at the opening.",
            "“The river divided us. Today it does not,” Okafor said.",
            "“It took years,” she added, “and more patience than any of us expected.”",
            "“I thank every worker who stood in that cold water.”",
            "The crowd cheered.",
        ],
        PEOPLE,
    )
    got = speakers(quotes_of(art))
    assert got == {
        "The river divided us. Today it does not": "Lena Okafor",
        "It took years": "Lena Okafor",  # short, but a whole attributed utterance
        "and more patience than any of us expected.": "Lena Okafor",
        "I thank every worker who stood in that cold water.": "Lena Okafor",
    }


def test_a_quotation_over_two_paragraphs_and_adverbs_before_the_verb() -> None:
    # Paragraph style: no closing mark where the quotation's first paragraph ends, an
    # opening mark again where it goes on.
    art = build(
        [
            'Harbourmaster Odile Varga explained: "The pier was closed because divers '
            "found cracks in two of its piles.",
            '"After checking every pile, the authority closed the pier to all traffic."',
            "Varga recently wrote that “nobody should walk on the old landing stage.”",
        ],
        PEOPLE,
        sep="\n",
    )
    assert speakers(quotes_of(art)) == {
        "The pier was closed because divers found cracks in two of its piles.": "Odile Varga",
        "After checking every pile, the authority closed the pier to all traffic.": "Odile Varga",
        "nobody should walk on the old landing stage.": "Odile Varga",
    }
    # A paragraph that leaves a mark open with no quotation after it quotes nothing.
    stray = build(
        ['Varga said: "The pier was closed because divers found cracks.', "Crews came at noon."],
        PEOPLE,
        sep="\n",
    )
    assert quotes_of(stray) == []


def test_an_unnamed_or_unmarked_subject_is_nobodys_name() -> None:
    art = build(
        [
            'Odile Varga said: "The pier was closed because divers found cracks in its piles."',
            'Another revealed: "The ferry turned towards the wall and never slowed down."',
            "Kartik and his family managed to leave the harbour before noon.",
            'He said: "I am still shaking after what we saw on the pier."',
        ],
        PEOPLE,
        sep="\n",
    )
    got = speakers(quotes_of(art))
    assert got["The pier was closed because divers found cracks in its piles."] == "Odile Varga"
    # "Another" is another witness; "he" is Kartik, whom the model did not mark
    assert got["The ferry turned towards the wall and never slowed down."] == ""
    assert got["I am still shaking after what we saw on the pier."] == ""


def test_participles_and_a_second_verb_share_the_clauses_subject() -> None:
    art = build(
        [
            "Mayor Lena Okafor opened the Tamsin Bridge on Monday.",
            "But on Tuesday, Councillor Tunde Adeyemi criticised the tolls, saying they "
            "would “drive the poorest families off the only crossing in town.”",
            "Okafor told reporters that the council “will not back down” and said that "
            "the tolls would “pay for the bridge within twenty years at most.”",
            "“I cried when the first car crossed the bridge,” she recalls.",
            "Police closed the old ferry, adding that “the pier is no longer safe for "
            "anyone to use.”",
        ],
        PEOPLE,
    )
    got = speakers(quotes_of(art))
    assert got["drive the poorest families off the only crossing in town."] == "Tunde Adeyemi"
    assert got["pay for the bridge within twenty years at most."] == "Lena Okafor"
    assert got["I cried when the first car crossed the bridge"] == "Lena Okafor"
    assert got["the pier is no longer safe for anyone to use."] == "Police"
    # a word capitalised only because it opens the sentence names nobody
    art = build(
        [
            "Several traders criticised the tolls, saying they were “far too high for a town bridge.”"
        ],
        PEOPLE,
    )
    assert speakers(quotes_of(art)) == {"far too high for a town bridge.": ""}


def test_a_title_with_short_words_in_lower_case_is_no_quote() -> None:
    art = build(
        [
            "Okafor sang “Man of the Woods” and “Bridge Over the River” at the opening.",
            "“Time travel is possible for all of us,” Okafor said.",
        ],
        PEOPLE,
    )
    assert speakers(quotes_of(art)) == {"Time travel is possible for all of us": "Okafor"}


def test_attribution_split_into_its_own_sentence() -> None:
    art = build(
        [
            "Councillor Tunde Adeyemi was not convinced.",
            "“Where will the night buses stop now?”",
            "Adeyemi asked.",
            "“Nobody has told the drivers.”",
            "Okafor said the stops “will be announced within the week.”",
        ],
        PEOPLE,
    )
    assert speakers(quotes_of(art)) == {
        "Where will the night buses stop now?": "Tunde Adeyemi",
        "Nobody has told the drivers.": "Tunde Adeyemi",
        "will be announced within the week.": "Okafor",
    }


def test_colon_after_a_named_person_and_no_borrowed_continuation() -> None:
    art = build(
        [
            "Harbourmaster Mira Castell said the quay “will reopen once the divers finish.”",
            "Councillor Tunde Adeyemi posted on Twitter: “Thank you to every diver out there tonight.”",
            "Theresa May today said: “The whole county is grateful to the rescue crews.”",
        ],
        {**PEOPLE, "Theresa May": "PERSON"},
    )
    assert speakers(quotes_of(art)) == {
        "will reopen once the divers finish.": "Mira Castell",
        "Thank you to every diver out there tonight.": "Tunde Adeyemi",
        "The whole county is grateful to the rescue crews.": "Theresa May",
    }


def test_appositions_name_the_speaker() -> None:
    art = build(
        [
            "A spokesperson for the Brackenford Harbour Authority, Mira Castell, said the dredging “would take the whole summer and most of the autumn.”",
            "“We will not cut corners on safety,” Tunde Adeyemi, the transport councillor, said.",
            "“Not this year,” harbour engineer Mira Castell said of a reopening.",
            "“The silt keeps coming back.”",
        ],
        PEOPLE,
    )
    assert speakers(quotes_of(art)) == {
        "Not this year": "Mira Castell",
        "The silt keeps coming back.": "Mira Castell",
        "would take the whole summer and most of the autumn.": "Mira Castell",
        "We will not cut corners on safety": "Tunde Adeyemi",
    }


def test_scare_quotes_are_not_quotes() -> None:
    art = build(
        [
            "Adeyemi called the plan a “landmark” for the region.",
            'Critics say the so-called "green corridor" is a car park.',
            "Okafor said she hoped for a “frank discussion.”",
            "The town’s ‘new deal’ was signed on the quay.",
            'The band played "Down By The Old Quay Wall" as the ship left.',
        ],
        PEOPLE,
    )
    assert quotes_of(art) == []


def test_single_curly_quotes_and_apostrophes() -> None:
    art = build(
        ["Okafor said the town’s bridge was ‘the best thing to happen here in decades’ and left."],
        PEOPLE,
    )
    assert speakers(quotes_of(art)) == {"the best thing to happen here in decades": "Okafor"}


def test_straight_single_quotes_and_apostrophes() -> None:
    # The Daily Mail's style in scraped text: straight single marks for speech.
    art = build(
        [
            "Okafor said: 'We will rebuild the pier before the summer season.'",
            "'The crews were magnificent all night long,' Adeyemi said.",
            "The workers' union said it didn't agree, and the band played rock 'n' roll.",
            "'He called the plan 'a disgrace' and walked out of the meeting,' Varga said.",
            "Fans of 'Harbour Lights' said the show's finale was a letdown.",
            # a title before its star; a number's apostrophe; a one-word title
            "'Tamsin Tides' star Mira Castell is recovering after a fall with '30 broken bones'.",
            "The crew stopped filming 'Breakwater,' Okafor says.",
            # a plural's apostrophe before a name, in a quotation going on over paragraphs
            "Varga said: 'Not long ago, the Harbour Lords' Tamsin Party opened the old quay.",
            "'Our town will open the new one next spring.'",
            # titles opening paragraphs of a list
            "'Harbour Lights' returns to the screen in May",
            "'Tamsin Tides' will end after ten seasons",
        ],
        PEOPLE,
        sep="\n",
    )
    assert speakers(quotes_of(art)) == {
        "We will rebuild the pier before the summer season.": "Okafor",
        "The crews were magnificent all night long": "Adeyemi",
        "He called the plan 'a disgrace' and walked out of the meeting": "Varga",
        "Not long ago, the Harbour Lords' Tamsin Party opened the old quay.": "Varga",
        "Our town will open the new one next spring.": "Varga",
    }


@pytest.mark.parametrize("label", ["ORG", "PERSON"])  # the small model says either
def test_a_name_that_qualifies_a_role_is_not_the_speaker(label: str) -> None:
    art = build(
        [
            "Lena Okafor drove her last race at Brackenford on Sunday.",
            "The Tamsin Racing driver was making her final appearance at home, and admitted: "
            "“I will never forget this day at the harbour.”",
        ],
        {**PEOPLE, "Tamsin Racing": label},
    )
    assert speakers(quotes_of(art)) == {"I will never forget this day at the harbour.": ""}


def test_more_ways_of_saying() -> None:
    art = build(
        [
            "Lena Okafor and Tunde Adeyemi had shared an office for years.",
            "“The harbour is closed for the night, sorry everyone,” Okafor shared on Twitter.",
            "“Then we will sail at dawn instead,” Adeyemi deadpanned.",
        ],
        PEOPLE,
    )
    assert speakers(quotes_of(art)) == {
        "The harbour is closed for the night, sorry everyone": "Lena Okafor",
        "Then we will sail at dawn instead": "Tunde Adeyemi",
    }


def test_a_speech_verb_inside_an_earlier_quote_does_not_end_a_participle() -> None:
    art = build(
        [
            "The Brackenford Harbour Authority met on Monday to decide the pier's future.",
            "Mayor Lena Okafor backed the plan on Monday, saying the pier the minister had "
            "“said was unsafe” must “reopen before the summer season begins”.",
        ],
        PEOPLE,
    )
    assert speakers(quotes_of(art))["reopen before the summer season begins"] == ("Lena Okafor")


def test_with_someone_saying() -> None:
    art = build(
        [
            "The council rejected the plan, with Mayor Lena Okafor arguing last year there "
            "was “no real path to a safe harbour for the fleet”.",
        ],
        PEOPLE,
    )
    assert speakers(quotes_of(art)) == {
        "no real path to a safe harbour for the fleet": "Lena Okafor"
    }


def test_a_quote_in_an_opening_clause_is_the_main_subjects() -> None:
    art = build(
        [
            "Despite saying that Adeyemi “treated the town better than anyone ever did” "
            "when he visited in May, Mayor Lena Okafor said on Thursday that the port must pay.",
        ],
        PEOPLE,
    )
    assert speakers(quotes_of(art)) == {
        "treated the town better than anyone ever did": "Lena Okafor"
    }


def test_a_title_opening_the_sentence_is_its_holder() -> None:
    art = build(
        [
            "Tamsin Party leader Lena Okafor opened the new quay on Monday.",
            "The Tamsin Party leader had waited ten years for it, and added: "
            "“We will never again turn a ship away.”",
        ],
        {**PEOPLE, "Tamsin Party": "ORG"},
    )
    assert speakers(quotes_of(art)) == {"We will never again turn a ship away.": "Lena Okafor"}


def test_a_stray_straight_mark_does_not_flip_later_pairs() -> None:
    art = build(
        [
            "The sign reads 6'2\" and nothing else.",
            'Okafor said: "Tall lorries must take the old road from now on."',
            '"The bridge is for trains and cars only," Adeyemi said.',
        ],
        PEOPLE,
    )
    assert speakers(quotes_of(art)) == {
        "Tall lorries must take the old road from now on.": "Okafor",
        "The bridge is for trains and cars only": "Adeyemi",
    }


def test_same_words_trimmed_differently_group_across_articles() -> None:
    a = build(
        [
            "Mayor Lena Okafor spoke.",
            "“The bridge will carry trains by spring and buses soon after,” Okafor said.",
        ],
        PEOPLE,
        id="a",
    )
    b = build(
        ["“The bridge will carry trains by spring,” said Lena Okafor."],
        PEOPLE,
        id="b",
    )
    c = build(
        ["“The bridge will carry trains by spring and buses soon after,” the mayor said."],
        PEOPLE,
        id="c",
    )
    quotes = quotes_of(a, b, c)
    assert len(quotes) == 1
    q = quotes[0]
    assert q.speaker == "Lena Okafor"
    assert q.text == "The bridge will carry trains by spring and buses soon after"
    assert q.sources == ("a", "b", "c")
    assert [ev.article for ev in q.evidence] == ["a", "b", "c"]
    assert q.id == "q1"


def test_same_words_credited_to_different_speakers_are_one_quote_with_attributions() -> None:
    a = build(
        ["Lena Okafor spoke.", "“The ferry service will end in June,” Okafor said."], PEOPLE, id="a"
    )
    b = build(
        ["Tunde Adeyemi spoke.", "“The ferry service will end in June,” Adeyemi said."],
        PEOPLE,
        id="b",
    )
    c = build(
        ["Tunde Adeyemi spoke.", "“The ferry service will end in June,” Adeyemi said."],
        PEOPLE,
        id="c",
    )
    (q,) = quotes_of(a, b, c)
    assert q.sources == ("a", "b", "c")
    # the speaker most sources name comes first and heads the quote
    assert q.speaker == "Tunde Adeyemi"
    assert q.attributions == (
        Attribution("Tunde Adeyemi", ("b", "c")),
        Attribution("Lena Okafor", ("a",)),
    )
    assert [q.speaker_in(x) for x in "abc"] == ["Lena Okafor", "Tunde Adeyemi", "Tunde Adeyemi"]


def test_an_unattributed_quotation_joins_every_outlets_cut_of_it() -> None:
    # One outlet prints the whole statement with no speaker; two others each quote a
    # piece of it, credited to two speakers: one quotation, credited differently.
    whole = (
        "A statement read: “We are working to free two people still trapped. Sadly we can "
        "say there has been some loss of life.”"
    )
    a = build(["Lena Okafor spoke.", whole], PEOPLE, id="a")
    b = build(["“Some loss of life,” Okafor said."], PEOPLE, id="b")
    c = build(
        [
            "Tunde Adeyemi spoke.",
            "“Sadly we can say there has been some loss of life,” Adeyemi said.",
        ],
        PEOPLE,
        id="c",
    )
    (q,) = quotes_of(a, b, c)
    assert q.sources == ("a", "b", "c")
    assert q.text.startswith("We are working to free two people")
    assert {x.speaker for x in q.attributions} == {"Lena Okafor", "Tunde Adeyemi"}


def test_one_speaker_everywhere_has_no_attributions() -> None:
    a = build(["“The ferry service will end in June,” Lena Okafor said."], PEOPLE, id="a")
    b = build(["“The ferry service will end in June,” Okafor said."], PEOPLE, id="b")
    (q,) = quotes_of(a, b)
    assert (q.speaker, q.attributions) == ("Lena Okafor", ())


def test_short_or_same_article_words_of_different_speakers_stay_separate() -> None:
    # five words may be a stock phrase two people both say
    a = build(["“We are deeply saddened today,” Lena Okafor said."], PEOPLE, id="a")
    b = build(["“We are deeply saddened today,” Tunde Adeyemi said."], PEOPLE, id="b")
    # one article giving the words to two people means two people said them
    c = build(
        [
            "“The ferry service will end in June,” Lena Okafor said.",
            "“The ferry service will end in June,” Tunde Adeyemi agreed.",
        ],
        PEOPLE,
        id="c",
    )
    assert sorted((q.speaker, q.sources, q.attributions) for q in quotes_of(a, b)) == [
        ("Lena Okafor", ("a",), ()),
        ("Tunde Adeyemi", ("b",), ()),
    ]
    assert sorted((q.speaker, q.sources, q.attributions) for q in quotes_of(c)) == [
        ("Lena Okafor", ("c",), ()),
        ("Tunde Adeyemi", ("c",), ()),
    ]


def test_copies_count_once_when_ordering() -> None:
    a = build(["“Ferries stop at midnight from next week,” Okafor said."], PEOPLE, id="a")
    a2 = build(["“Ferries stop at midnight from next week,” Okafor said."], PEOPLE, id="a2")
    b = build(["“The toll booth will be removed in autumn,” Adeyemi said."], PEOPLE, id="b")
    c = build(["“The toll booth will be removed in autumn,” Adeyemi said."], PEOPLE, id="c")
    quotes = quotes_of(a, a2, b, c, copies=[Copy("a2", "a", 0.99)])
    assert [q.speaker for q in quotes] == ["Adeyemi", "Okafor"]
    assert quotes[1].sources == ("a", "a2")


@pytest.mark.slow
def test_seed_quotes(shared_data: Path) -> None:
    quotes = seed_report(shared_data).quotes
    by_start = {q.text[:45]: q for q in quotes}
    relationship = next(q for q in quotes if q.text.startswith("The relationship between our two"))
    assert relationship.speaker == "Rishi Sunak"
    elevate = next(q for q in quotes if "elevate Japan-Britain security cooperation" in q.text)
    assert elevate.speaker == "Fumio Kishida"
    scare = {"Indo-Pacific tilt", "strategic discussion", "landmark"}
    assert not [q for q in quotes if q.text.strip(" .,") in scare], by_start
    assert all(q.speaker for q in quotes)
    # AP quotes the British government, Kyodo Sunak, in the same words: one quote
    cements = [q for q in quotes if "cements our commitment to the Indo-Pacific" in q.text]
    assert len(cements) == 1 and len(cements[0].sources) == 2
    assert sorted(a.speaker for a in cements[0].attributions) == [
        "British government",
        "Rishi Sunak",
    ]


def test_pronoun_takes_a_subject_never_the_person_spoken_to() -> None:
    art = build(
        [
            "Mira Castell told Tunde Adeyemi that the quay would close in March.",
            "“We cannot patch that wall again,” she said.",
            "The harbour closed early on Friday, said engineer Odile Varga.",
            "“The tide came over the steps twice,” she said.",
        ],
        PEOPLE,
    )
    assert speakers(quotes_of(art)) == {
        "We cannot patch that wall again": "Mira Castell",  # not Adeyemi, who was told
        "The tide came over the steps twice": "Odile Varga",
    }


def test_pronoun_after_an_unnamed_subject_or_a_passing_mention_is_unresolved() -> None:
    art = build(
        [
            "A harbour spokesman said Mayor Lena Okafor was being kept informed.",
            "“Our thoughts are with the crews tonight,” he stressed.",
            "The comedian even joked about Adeyemi on the radio.",
            "“I have never laughed so much at a council meeting,” she said.",
        ],
        PEOPLE,
    )
    assert speakers(quotes_of(art)) == {
        "Our thoughts are with the crews tonight": "",  # the spokesman, not Okafor
        "I have never laughed so much at a council meeting": "",  # the comedian, not Adeyemi
    }


def test_pronoun_follows_a_chain_of_subjects_and_an_apposition() -> None:
    art = build(
        [
            "Lena Okafor spoke first.",
            "She thanked the divers.",
            "She praised the lifeboat crews by name.",
            "“Nobody in this town will forget that night,” she said.",
            "The new head of the Brackenford Harbour Authority, Tunde Adeyemi, also said the fees would rise.",
            "“Every berth will cost more from April,” he said.",
        ],
        PEOPLE,
    )
    assert speakers(quotes_of(art)) == {
        "Nobody in this town will forget that night": "Lena Okafor",
        "Every berth will cost more from April": "Tunde Adeyemi",
    }


def test_a_place_after_a_preposition_is_not_the_speaker() -> None:
    art = build(
        [
            "Varga won the race and after the final lap in Brackenford said: “I will never forget this harbour.”",
            "Will the ferry survive the winter?",
            "According to Mr. Adeyemi, barely.",
            "“The whole quay cheered for her,” he said.",
        ],
        PEOPLE,
    )
    got = speakers(quotes_of(art))
    assert got["I will never forget this harbour."] == ""  # not "Brackenford"
    assert got["The whole quay cheered for her"] == "Adeyemi"  # "according to" names a source


def test_the_holder_of_a_role_in_apposition_speaks_not_the_employer() -> None:
    art = build(
        [
            "“The pier will stay shut all winter,” said the Brackenford harbour master, Mira Castell.",
            "“We are heartbroken and we want answers,” Tunde Adeyemi’s sister, Odile Varga, wrote on Facebook.",
            "A representative for Okafor, Jo Penn, responded by saying only: “The report speaks for itself.”",
        ],
        PEOPLE,
    )
    assert speakers(quotes_of(art)) == {
        "The pier will stay shut all winter": "Mira Castell",  # not "Brackenford"
        "We are heartbroken and we want answers": "Odile Varga",  # not her brother
        "The report speaks for itself.": "",  # the unmarked representative, not Okafor
    }


def test_a_representative_for_someone_is_not_that_someone() -> None:
    art = build(
        [
            "In a statement, a rep for Okafor said, “The mayor regrets nothing about the vote.”",
            "“Every child deserves a safe crossing,” said Skerry Line’s chief executive, Odile Varga.",
        ],
        {**PEOPLE, "Skerry Line": "ORG"},
    )
    assert speakers(quotes_of(art)) == {
        "The mayor regrets nothing about the vote.": "",
        "Every child deserves a safe crossing": "Odile Varga",
    }


def test_the_listener_after_told_is_not_the_antecedent() -> None:
    art = build(
        [
            "The quay is unsafe, Odile Varga, the harbour engineer, told Adeyemi.",
            "“Nobody should stand on it until the divers finish,” she said.",
        ],
        PEOPLE,
    )
    assert speakers(quotes_of(art)) == {
        "Nobody should stand on it until the divers finish": "Odile Varga"
    }


def test_a_clause_subject_or_an_unnamed_speaker_is_not_the_antecedent() -> None:
    art = build(
        [
            "Despite saying that Mr. Adeyemi “ran the best harbour in the county” last year, Mayor Lena Okafor said on Monday that “the board must answer for the delays.”",
            "“We will not sign another contract with them,” she said.",
            "Pel Arno, a ferry pilot, said the wall had moved overnight.",
            "“I could see the cracks from the wheelhouse,” he said.",
            "“Bring the divers back before the spring tides,” said harbour engineer Mira Castell.",
        ],
        PEOPLE,  # "Pel Arno" is not marked: the model missed him
    )
    got = speakers(quotes_of(art))
    assert got["the board must answer for the delays."] == "Lena Okafor"
    assert got["We will not sign another contract with them"] == "Lena Okafor"
    assert got["I could see the cracks from the wheelhouse"] == ""  # the pilot, not Okafor
    assert got["Bring the divers back before the spring tides"] == "Mira Castell"


def test_another_given_name_with_a_known_surname_is_another_person() -> None:
    # The model missed "Sam Okafor"; the known Lena Okafor must not take the quote.
    art = build(
        [
            "Mayor Lena Okafor opened the Tamsin Bridge on Monday.",
            "“The queue was longer than the bridge,” said Sam Okafor, who runs a bakery on the quay.",
            "“It is a fine day for the town,” said Okafor.",
        ],
        PEOPLE,
    )
    assert speakers(quotes_of(art)) == {
        "The queue was longer than the bridge": "Sam Okafor",
        "It is a fine day for the town": "Lena Okafor",
    }


def test_the_company_is_the_one_organisation_named_before() -> None:
    orgs = {**PEOPLE, "Skerry Line": "ORG", "Tamsin Ferries": "ORG"}
    art = build(
        [
            "Skerry Line cancelled every crossing on Monday.",
            "Skerry Line blamed the storm.",
            "“All passengers will get a full refund,” the company said.",
            "Tamsin Ferries kept sailing, and Skerry Line sent its crews home.",
            "Tamsin Ferries said it had seen worse.",
            "“We will review the timetable,” the company said.",
        ],
        orgs,
    )
    assert speakers(quotes_of(art)) == {
        "All passengers will get a full refund": "Skerry Line",
        # two companies named just before: which one is not clear
        "We will review the timetable": "",
    }


def test_apostrophes_and_a_middle_initial_do_not_split_a_quote() -> None:
    people = {"Lena P. Okafor": "PERSON", "Lena Okafor": "PERSON"}
    a = build(["“We’re building it for the children,” said Lena P. Okafor."], people, id="a")
    b = build(["“We're building it for the children,” said Lena Okafor."], people, id="b")
    quotes = quotes_of(a, b)
    assert len(quotes) == 1
    assert quotes[0].speaker == "Lena P. Okafor"
    assert quotes[0].sources == ("a", "b")


def test_an_agency_that_relays_a_named_speaker_is_not_the_speaker() -> None:
    art = build(
        [
            "Harbour spokesman Tunde Adeyemi said the crews had been ordered "
            "“to keep every ferry in port until the storm has passed,” Reuters reported."
        ],
        {**PEOPLE, "Reuters": "ORG"},
    )
    assert speakers(quotes_of(art)) == {
        "to keep every ferry in port until the storm has passed": "Tunde Adeyemi"
    }


def test_a_role_that_runs_on_to_its_holder_gives_the_holder() -> None:
    art = build(
        [
            "The Brackenford movement’s spokesman, Tunde Adeyemi, said by telephone that "
            "crews were sent “to keep every ferry in port until the storm has passed”."
        ],
        PEOPLE,
    )
    assert speakers(quotes_of(art)) == {
        "to keep every ferry in port until the storm has passed": "Tunde Adeyemi"
    }


def test_according_to_names_no_speaker_called_according() -> None:
    art = build(
        [
            "According to the Gazette, chief engineer of the harbour, said to reporters, "
            "“The new gates will hold back a surge of four metres.”"
        ],
        PEOPLE,
    )
    assert speakers(quotes_of(art)) == {"The new gates will hold back a surge of four metres.": ""}


def test_the_statement_said_goes_back_to_a_speaker_named_after_the_verb() -> None:
    art = build(
        [
            "Odile Varga and her two sons were members of the rowing club, "
            "said Mira Castell in a statement posted online.",
            "“This loss hits our whole club very hard.” the statement said.",
        ],
        PEOPLE,
    )
    assert speakers(quotes_of(art)) == {"This loss hits our whole club very hard.": "Mira Castell"}


def test_one_quotation_cut_differently_by_two_outlets_is_one_quote() -> None:
    a = build(
        [
            "“The ferry will run again in June, once the new pier has been tested by the "
            "harbour engineers,” Lena Okafor said."
        ],
        PEOPLE,
        id="a",
    )
    # another cut: an ellipsis, one word changed, the end left out
    b = build(
        ["Okafor said the ferry “will run again in June ... once the pier has been tested.”"],
        PEOPLE,
        id="b",
    )
    (q,) = quotes_of(a, b)
    assert (q.speaker, q.sources) == ("Lena Okafor", ("a", "b"))


def test_a_longer_cut_joins_every_piece_of_it() -> None:
    a = build(
        [
            "The operator apologised: “We are sorry for the delay to every passenger.”",
            "It added: “The ferry will run again as soon as the pier is safe.”",
        ],
        PEOPLE,
        id="a",
    )
    b = build(
        [
            "A notice read: “We are sorry for the delay to every passenger. The ferry will "
            "run again as soon as the pier is safe.”"
        ],
        PEOPLE,
        id="b",
    )
    (q,) = quotes_of(a, b)
    assert q.sources == ("a", "b") and len(q.evidence) == 3


def test_a_pronoun_is_not_taken_for_the_person_the_quote_names() -> None:
    opening = "Mayor Lena Okafor cut the ribbon on Monday."
    praise = (
        "Congratulating the Okafor family, he said: “Lena was brilliant today. She "
        "fought for this bridge for ten years.”"
    )
    own = "He said: “I waited forty years for this crossing, and so did my town.”"
    art = build([opening, praise, "Tunde Adeyemi spoke next.", own], PEOPLE)
    got = speakers(quotes_of(art))
    # people do not speak of themselves by name: "he" is someone else
    assert got["Lena was brilliant today. She fought for this bridge for ten years."] == ""
    assert got["I waited forty years for this crossing, and so did my town."] == "Tunde Adeyemi"
    # a name inside a quotation within the quotation is someone else's words
    post = build(
        [
            "Lena Okafor announced the split on Twitter on Monday.",
            "She wrote: “We should just tell y'all so you stop asking, 'How's Lena?' today.”",
        ],
        PEOPLE,
        id="a2",
    )
    [q] = quotes_of(post)
    assert q.speaker == "Lena Okafor"


def test_it_said_names_the_one_organisation_just_before() -> None:
    art = build(
        [
            "The Brackenford Harbour Authority closed the pier on Monday.",
            "Brackenford Harbour Authority divers found cracks in two piles.",
            "“We regret the disruption this causes to ferry passengers,” it said.",
        ],
        PEOPLE,
    )
    got = speakers(quotes_of(art))
    assert got["We regret the disruption this causes to ferry passengers"] == (
        "Brackenford Harbour Authority"
    )


def test_quoted_words_of_a_sentence_inside_a_longer_quotation() -> None:
    from newsweave.quotes import quoted_words

    # the first sentence of a quotation that a later sentence closes, and the last one
    assert quoted_words("“The harbour team’s quick response saved the boy’s life.") == [
        ("the", "harbour", "team's", "quick", "response", "saved", "the", "boy's", "life")
    ]
    assert quoted_words('We never expected it," Varga said.') == [("we", "never", "expected", "it")]
    # a closed quotation stays as it was; a sentence with no marks has none
    assert quoted_words('Varga said "the pier is closed" on Monday.') == [
        ("the", "pier", "is", "closed")
    ]
    assert quoted_words("The pier is closed.") == []


def test_a_name_in_a_relative_clause_is_not_the_speaker() -> None:
    # "The mother of X, who was ... killed by Y, says": Y said nothing
    art = build(
        [
            "The mother of Odile Varga, who was among the four students allegedly attacked "
            'by Tunde Adeyemi, says that her late daughter was "the kindest person in the town."',
            'A spokesperson for the harbour, Lena Okafor, said the pier "will stay shut all winter."',
        ],
        PEOPLE,
    )
    got = speakers(quotes_of(art))
    assert got["the kindest person in the town."] == ""
    assert got["will stay shut all winter."] == "Lena Okafor"


def test_the_object_of_a_participle_a_rank_and_a_role_after_a_name() -> None:
    art = build(
        [
            "Councillor targeting Tunde Adeyemi says: “I do not target individuals at all.”",
            "Brackenford Harbour Authority host tears into critics: “I am here because I care.”",
            "“I saw him today before my match,” said the No 3 seed Odile Varga.",
            "Mira Castell paid tribute on the radio: “He was the best harbour master we had.”",
            "Harbour marketing chief Lena Okafor explained: “The pier was closed for repairs.”",
        ],
        PEOPLE,
    )
    got = speakers(quotes_of(art))
    assert got["I do not target individuals at all."] == ""
    assert got["I am here because I care."] == ""
    assert got["I saw him today before my match"] == "Odile Varga"
    assert got["He was the best harbour master we had."] == "Mira Castell"
    assert got["The pier was closed for repairs."] == "Lena Okafor"


def test_a_title_opening_a_sentence_names_nobody() -> None:
    art = build(
        ["Ex-president says ‘it was not my fault at all’ after the harbour vote failed."], PEOPLE
    )
    assert speakers(quotes_of(art)) == {"it was not my fault at all": ""}


def test_a_role_serving_a_name_speaks_for_it_not_the_name() -> None:
    art = build(
        [
            "The lawyer for Odile Varga said the verdict was “a travesty of justice for us all.”",
            "Founder of news outlet Brackenford Harbour Authority says it was “a win for every "
            "reader in the town.”",
            "Secretary of State Lena Okafor said the talks were “frank and useful for both sides.”",
        ],
        PEOPLE,
    )
    got = speakers(quotes_of(art))
    assert got["a travesty of justice for us all."] == ""
    assert got["a win for every reader in the town."] == ""
    assert got["frank and useful for both sides."] == "Lena Okafor"


def test_a_name_particle_and_a_word_qualifying_a_role_after_the_verb() -> None:
    people = {**PEOPLE, "Adrian van Holt": "PERSON", "Skerry Line Design": "ORG"}
    art = build(
        [
            "“The ferry becomes a floating home,” Adrian van Holt, head of Skerry Line "
            "Design, said in a release.",
            "‘It is really gruelling for the crews,’ says Brackenfordian nine-times champion.",
            "‘The port is used as a political weapon,’ says Brackenford’s first minister.",
            "“We will rebuild the harbour wall this year,” said Varga on Monday.",
        ],
        people,
    )
    got = speakers(quotes_of(art))
    assert got["The ferry becomes a floating home"] == "Adrian van Holt"
    assert got["It is really gruelling for the crews"] == ""
    assert got["The port is used as a political weapon"] == ""
    assert got["We will rebuild the harbour wall this year"] == "Varga"


def test_descriptions_roles_of_someone_and_questions_put_to_a_person() -> None:
    people = {
        **PEOPLE,
        "Okafor’s": "PERSON",
        "Tunde Adeyemi’s": "PERSON",
        "Mira Castell": "PERSON",
        "Senior VP Odile Varga": "PERSON",
    }
    art = build(
        [
            "Mira Castell was at the ferry terminal when the fire began.",
            "“You could hear the alarms all over the harbour,” said the Brackenfordian "
            "businesswoman, who had planned to sail at noon.",
            "“We are waiting on a decision,” Okafor’s lawyer, Tunde Adeyemi, told reporters.",
            "Tunde Adeyemi’s aide Mira Castell speaks out: ‘The harbour was never safe’",
            "Okafor was asked whether “the harbour board had ignored every warning?” at the "
            "hearing.",
            "Senior VP Odile Varga said the line would run “every hour from next spring.”",
            "Ferry group said 2025 was “the hardest year the line has ever known.”",
        ],
        people,
    )
    got = speakers(quotes_of(art))
    # "the Brackenfordian businesswoman" names nobody (not "Brackenfordian")
    assert got["You could hear the alarms all over the harbour"] == ""
    # a role of someone, then its holder: the holder speaks
    assert got["We are waiting on a decision"] == "Tunde Adeyemi"
    assert got["The harbour was never safe"] == "Mira Castell"
    # a question put to Okafor is not Okafor's words
    assert got["the harbour board had ignored every warning?"] == ""
    # a title before the name is no part of it
    assert got["every hour from next spring."] == "Odile Varga"
    # a common noun capitalised because it opens the sentence is no name
    assert got["the hardest year the line has ever known."] == ""


def test_the_institution_named_before_and_a_name_after_a_preposition() -> None:
    people = {**PEOPLE, "Skerry Line": "ORG", "Tamsin Port Authority": "ORG"}
    art = build(
        [
            "Skerry Line has ceased trading, the Tamsin Port Authority announced.",
            "“All Skerry Line sailings are cancelled. Please do not come to the harbour,” the "
            "authority said in a statement.",
            "Town erupts over Okafor harbour plan: ‘A betrayal of every fisherman in Tamsin’",
        ],
        people,
    )
    got = speakers(quotes_of(art))
    assert (
        got["All Skerry Line sailings are cancelled. Please do not come to the harbour"]
        == "Tamsin Port Authority"
    )
    # Okafor is what the town erupts over, not who speaks
    assert got["A betrayal of every fisherman in Tamsin"] == ""


def test_someone_elses_role_holder_and_words_said_of_a_person() -> None:
    art = build(
        [
            "Press secretary Tunde Adeyemi criticised Mayor Odile Varga.",
            "“The plan leaves the fishermen behind,” Varga’s press secretary said.",
            "Mira Castell was described as “the most generous donor the harbour ever had”.",
            "“The quay will reopen in May,” the press secretary said.",
        ],
        PEOPLE,
    )
    got = speakers(quotes_of(art))
    # Varga's press secretary is not the story's (Adeyemi), and is not named
    assert got["The plan leaves the fishermen behind"] == ""
    # words said of Castell are not Castell's
    assert got["the most generous donor the harbour ever had"] == ""
    # the story's own press secretary still is
    assert got["The quay will reopen in May"] == "Tunde Adeyemi"


def test_a_second_verb_takes_the_subject_of_its_own_clause() -> None:
    art = build(
        [
            "Tunde Adeyemi had been linked to the harbour job, but Lena Okafor told the "
            "radio station she would not call him and added: “He can go wherever he wants.”",
        ],
        PEOPLE,
    )
    assert speakers(quotes_of(art)) == {"He can go wherever he wants.": "Lena Okafor"}


def test_an_organisation_named_with_of_is_one_name() -> None:
    people = {**PEOPLE, "Naturalists": "ORG"}
    art = build(
        [
            "Naturalists warn of the harbour's decline.",
            "The harbour is “a warning of how close the town is to ruin,” according to the "
            "Society of the Tamsin Naturalists, which studies the bay each year.",
        ],
        people,
    )
    got = speakers(quotes_of(art))
    # not "Scientists"-like tails ("Naturalists"): the whole name
    assert got["a warning of how close the town is to ruin"] == "Society of the Tamsin Naturalists"


def test_a_family_name_with_its_arabic_article_is_one_speaker() -> None:
    people = {"Karim al-Hadidi": "PERSON", "Hadidi": "PERSON"}
    a = build(["“The port will stay closed for a week,” Karim al-Hadidi said."], people, id="a")
    b = build(["“The port will stay closed for a week,” Hadidi said."], people, id="b")
    (q,) = quotes_of(a, b)
    assert (q.speaker, q.attributions) == ("Karim al-Hadidi", ())


def test_an_acronym_and_a_plain_plural_credit_the_same_body() -> None:
    bodies = {"Harbour Safety Board": "ORG", "HSB": "ORG"}
    words = "The ferry was moving too fast for the channel"
    a = build([f"“{words},” the Harbour Safety Board said."], bodies, id="a")
    b = build(["The HSB spoke.", f"An HSB spokesman said: “{words}.”"], bodies, id="b")
    c = build([f"Investigators said: “{words}.”"], bodies, id="c")
    (q,) = quotes_of(a, b, c)
    assert q.sources == ("a", "b", "c")
    assert q.speaker in ("HSB", "Harbour Safety Board")  # the entity's name
    assert q.attributions == ()
    # a plain plural alone is still shown as what the article says
    (alone,) = quotes_of(c)
    assert alone.speaker == "Investigators"


def test_the_one_led_to_speak_is_the_speaker() -> None:
    art = build(
        [
            "The leak led the harbour master to resign and the mayor of Brackenford to "
            "announce: “I have nothing to hide from anyone.”",
            "The report prompted Tunde Adeyemi to tweet: “We will check every account.”",
        ],
        PEOPLE,
    )
    assert speakers(quotes_of(art)) == {
        # a role with "of" nobody in the story is said to hold
        "I have nothing to hide from anyone.": "mayor of Brackenford",
        "We will check every account.": "Tunde Adeyemi",
    }


def test_words_said_of_something_by_no_one_named_have_no_speaker() -> None:
    a = build(
        [
            "Lena Okafor said the tram was going at a “significantly higher speed than is "
            "permitted”, and she is looking into it.",
            "Scenes on board have been described as “total carnage” and “like something out "
            "of a film” as the tram tipped over.",
        ],
        PEOPLE,
        id="a",
    )
    said = {q.text: q.speaker for q in quotes_of(a)}
    assert said["like something out of a film"] == ""
    assert said["significantly higher speed than is permitted"] == "Lena Okafor"


def test_a_long_title_before_the_name_keeps_the_name() -> None:
    a = build(
        [
            "Orrin Harbour Committee Ranking Member Rep. Lena Okafor, D-Orrin, argued “no amount "
            "of dredging” could save the pier."
        ],
        PEOPLE,
        id="a",
    )
    (q,) = quotes_of(a)
    assert (q.text, q.speaker) == ("no amount of dredging", "Lena Okafor")


def test_the_state_after_a_town_is_no_speaker() -> None:
    labels = {**PEOPLE, "Tarrow": "GPE", "Wessex": "GPE", "Lena Okafor": "PERSON"}
    a = build(
        [
            "The harbour master of Tarrow, Wessex has described the storm as “the worst in "
            "living memory for the harbour”.",
            "In Tarrow, Lena Okafor said: “We will rebuild the harbour wall by spring.”",
        ],
        labels,
        id="a",
    )
    said = {q.text: q.speaker for q in quotes_of(a)}
    assert said["the worst in living memory for the harbour"] == ""
    assert said["We will rebuild the harbour wall by spring."] == "Lena Okafor"


def test_a_former_holder_is_not_the_role_and_pm_is_the_prime_minister() -> None:
    labels = {**PEOPLE, "Tunde Adeyemi": "PERSON", "Lena Okafor": "PERSON", "PM": "ORG"}
    a = build(
        [
            "Former Prime Minister Tunde Adeyemi was at the Tarrow pier.",
            "The prime minister said: “We will reopen the pier by spring.”",
        ],
        labels,
        id="a",
    )
    b = build(
        [
            "Prime Minister Lena Okafor visited Tarrow.",
            "PM says the pier will take ‘whatever repairs are needed’ before it reopens",
        ],
        labels,
        id="b",
    )
    said = {q.text: q.speaker for q in quotes_of(a, b)}
    # the story's prime minister is Lena Okafor; Tunde Adeyemi held the post before
    assert said["We will reopen the pier by spring."] == "Lena Okafor"
    assert said["whatever repairs are needed"] == "Lena Okafor"


def test_initials_go_by_the_given_name_they_open_and_two_initials_are_two_people() -> None:
    from newsweave.quotes import _same_speaker

    assert _same_speaker("CJ Davis", "Cerelyn Davis")
    assert not _same_speaker("T.J. Watt", "J.J. Watt")  # brothers
    assert _same_speaker("T.J. Watt", "TJ Watt") and _same_speaker("James P. Steyer", "Steyer")
    labels = {"Cerelyn Okafor": "PERSON", "CJ Okafor": "PERSON"}
    a = build(
        ["Police chief Cerelyn Okafor spoke.", "“The pier is safe,” Cerelyn Okafor said."],
        labels,
        id="a",
    )
    b = build(["“We will rebuild the harbour wall by spring,” CJ Okafor said."], labels, id="b")
    assert {q.speaker for q in quotes_of(a, b)} == {"Cerelyn Okafor"}
