"""Conflicts: each kind found on short fictional articles, and the look-alikes NOT reported."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pytest

from newsweave.claims import build_claims
from newsweave.clean import clean_article
from newsweave.cluster import title_case
from newsweave.conflicts import _name_slots, find_conflicts, find_updates
from newsweave.copies import find_copies
from newsweave.embed import get_embedder
from newsweave.models import Article, Conflict, Copy, Mention, Quote, Sentence
from newsweave.settings import Settings

pytestmark = pytest.mark.slow  # WordLlama embeddings (0.3 s to load)

SETTINGS = Settings()


def run(
    texts: Sequence[str],
    quotes: Sequence[Quote] = (),
    copies: Sequence[Copy] | None = None,
    published: Sequence[datetime | None] = (),
    updates: bool = False,
) -> list[Conflict]:
    """Clean, embed, align and look for conflicts (or, with ``updates``, counts that
    changed between reports); NER-free (the regex fallbacks)."""
    when = list(published) or [None] * len(texts)
    arts = [
        Article(f"a{i + 1}", t, outlet=f"Outlet {i + 1}", published=when[i])
        for i, t in enumerate(texts)
    ]
    cleaned = [clean_article(a) for a in arts]
    flat = [s.text for a in cleaned for s in a.sentences]
    vectors = get_embedder("wordllama").encode(flat)
    found = find_copies(cleaned, SETTINGS) if copies is None else list(copies)
    claims = build_claims(cleaned, vectors, found, SETTINGS)
    if updates:
        conflicts = find_updates(cleaned, claims, found)
    else:
        conflicts = find_conflicts(cleaned, claims, quotes, found, SETTINGS)
    # Every value cites exact spans of its own articles.
    by_id = {a.id: a for a in arts}
    for c in conflicts:
        assert len(c.values) >= 2
        for v in c.values:
            for ev in v.evidence:
                assert by_id[ev.article].text[ev.start : ev.end] == ev.text
                assert ev.article in v.sources
    return conflicts


def values(c: Conflict) -> dict[str, tuple[str, ...]]:
    return {v.normalized: v.sources for v in c.values}


FIRE_A = (
    "A fire at the Lindqvist timber yard in Port Alder injured 12 people on Tuesday night. "
    "The blaze started in a drying shed and spread to two warehouses."
)
FIRE_B = (
    "Fourteen people were injured when fire swept through the Lindqvist timber yard in "
    "Port Alder on Tuesday night. Crews from three towns fought the flames until dawn."
)


def test_number_of_injured_differs() -> None:
    conflicts = run([FIRE_A, FIRE_B.replace("Fourteen people were", "14 people were")])
    [c] = [c for c in conflicts if c.kind == "number"]
    assert c.what == "number injured"
    assert values(c) == {"12": ("a1",), "14": ("a2",)}
    assert c.claims


def test_number_words_and_verb_before_the_number() -> None:
    a = "The storm killed 9 people in the hill villages of Corvale on Sunday, officials said."
    b = "At least 11 people died in the hill villages of Corvale when the storm struck on Sunday."
    [c] = run([a, b])
    assert c.kind == "number" and c.what == "number killed"
    assert values(c) == {"9": ("a1",), "11": ("a2",)}


def test_at_least_is_a_lower_bound() -> None:
    # "at least 9 dead" and "killed 11" agree; "at least 11 dead" and "killed 9" do not.
    agree_a = "At least 9 people died when the storm hit the hill villages of Corvale on Sunday."
    agree_b = "The storm killed 11 people when it hit the hill villages of Corvale on Sunday."
    assert run([agree_a, agree_b]) == []
    clash_a = agree_a.replace("At least 9", "At least 11")
    clash_b = agree_b.replace("killed 11", "killed 9")
    [c] = run([clash_a, clash_b])
    assert values(c) == {"11": ("a1",), "9": ("a2",)}


def test_rounding_and_approximations_are_not_conflicts() -> None:
    a = "About 1,000 residents were evacuated from the river district of Tamsford on Friday."
    b = "Officials said 1,020 residents were evacuated from the river district of Tamsford on Friday."
    assert run([a, b]) == []
    c = "Some 1,000 residents were evacuated from the river district of Tamsford on Friday."
    d = "Nearly 1,000 residents were evacuated from the river district of Tamsford on Friday."
    assert run([c, d]) == []


def test_an_extra_number_is_not_a_conflict() -> None:
    a = "Twelve people were injured in the Lindqvist timber yard fire in Port Alder, three of them seriously."
    b = "12 people were injured in the Lindqvist timber yard fire in Port Alder, the fire service said."
    assert run([a, b]) == []


def test_years_and_counts_never_mix() -> None:
    a = "The Harwick bridge, opened in 1998, carries 4,000 cars a day across the Mell estuary."
    b = "The Harwick bridge, opened in 2001, carries 4,000 cars a day across the Mell estuary."
    assert [c for c in run([a, b]) if c.kind == "number"] == []


def test_measurements_with_different_roles_are_not_compared() -> None:
    a = "The probe climbed to an altitude of 480 miles before it fell into the Quill Sea."
    b = "The probe flew 900 miles before it fell into the Quill Sea, the agency said."
    assert run([a, b]) == []


def test_date_of_the_same_event_differs() -> None:
    a = "The Dunmore town council voted on Tuesday to close the old ferry terminal for good."
    b = "The Dunmore town council voted on Thursday to close the old ferry terminal for good."
    [c] = run([a, b])
    assert c.kind == "date"
    assert values(c) == {"tuesday": ("a1",), "thursday": ("a2",)}


def test_two_dates_for_two_events_are_not_a_conflict() -> None:
    a = "The Dunmore council voted on Tuesday to close the ferry terminal, and the mayor spoke on Friday."
    b = "The Dunmore council voted on Tuesday to close the ferry terminal for good."
    assert run([a, b]) == []


def test_person_in_the_same_role_differs() -> None:
    a = FIRE_A + " Fire chief Anna Berg said the cause was not yet known."
    b = FIRE_B + " Fire chief Tomas Reyes said the cause was not yet known."
    kinds = {c.kind: c for c in run([a, b])}
    person = kinds["person"]
    assert person.what == "name of the fire chief"
    assert {v.value: v.sources for v in person.values} == {
        "Anna Berg": ("a1",),
        "Tomas Reyes": ("a2",),
    }


def test_two_people_with_one_title_are_not_a_conflict() -> None:
    # Both articles name both ministers: different people, not a disagreement.
    a = (
        "Prime Minister Ilse Marren met Prime Minister Oto Kand in Velda on Monday. "
        "Prime Minister Ilse Marren signed the fisheries treaty at the harbour office."
    )
    b = (
        "Prime Minister Oto Kand and Prime Minister Ilse Marren met in Velda on Monday. "
        "Prime Minister Oto Kand signed the fisheries treaty at the harbour office."
    )
    assert [c for c in run([a, b]) if c.kind == "person"] == []


def test_place_differs() -> None:
    a = "The cargo plane of Skyfreight crashed near Dunmore shortly after take-off on Monday morning."
    b = "The cargo plane of Skyfreight crashed near Kelby shortly after take-off on Monday morning."
    [c] = run([a, b])
    assert c.kind == "place"
    assert {v.value for v in c.values} == {"Dunmore", "Kelby"}


def test_aliases_of_one_country_are_one_place() -> None:
    a = "The actor Rowan Vale was charged in Britain with four counts of fraud on Thursday."
    b = "The actor Rowan Vale was charged in the United Kingdom with four counts of fraud on Thursday."
    assert [c for c in run([a, b]) if c.kind == "place"] == []
    c = "The actor Rowan Vale was charged in Ireland with four counts of fraud on Thursday."
    assert [x.kind for x in run([a, c])] == ["place"]


def test_two_buildings_still_differ() -> None:
    a = "The body of Bishop Aldo Renn will lie in state at St Anselm's Basilica."
    b = "The body of Bishop Aldo Renn will lie in state at Dunmore Cathedral."
    assert [x.kind for x in run([a, b])] == ["place"]


def test_organisation_differs() -> None:
    a = "The strike at the Oren mine was called by the Northern Miners Union after talks broke down."
    b = "The strike at the Oren mine was called by the Federation of Pit Workers after talks broke down."
    [c] = run([a, b])
    assert c.kind == "organisation"


def test_outcome_differs() -> None:
    a = "The Velda senate passed the coastal protection bill by a narrow margin on Wednesday."
    b = "The Velda senate rejected the coastal protection bill by a narrow margin on Wednesday."
    [c] = run([a, b])
    assert c.kind == "outcome"
    assert values(c) == {"passed": ("a1",), "rejected": ("a2",)}


def test_attribution_from_sentences() -> None:
    a = (
        "Floodwater reached the first floor of homes in Tamsford. "
        "“We will rebuild every single home on this street,” Mayor Lena Okafor said."
    )
    b = (
        "Floodwater reached the first floor of homes in Tamsford overnight. "
        "“We will rebuild every single home on this street,” said councillor Piet Janssen."
    )
    [c] = run([a, b])
    assert c.kind == "attribution"
    assert c.what.startswith("who said “We will rebuild")
    assert {v.value: v.sources for v in c.values} == {
        "Lena Okafor": ("a1",),
        "Piet Janssen": ("a2",),
    }


def test_attribution_from_quotes_argument() -> None:
    a = "“We will rebuild every single home on this street,” Mayor Lena Okafor said on Friday."
    b = "“We will rebuild every single home on this street,” Piet Janssen told reporters on Friday."
    words = "We will rebuild every single home on this street,"
    arts = [Article("a1", a), Article("a2", b)]
    quotes = [
        Quote("q1", "Lena Okafor", words, ("a1",), (_ev(arts[0], words),)),
        Quote("q2", "Piet Janssen", words, ("a2",), (_ev(arts[1], words),)),
    ]
    [c] = run([a, b], quotes=quotes)
    assert c.kind == "attribution"
    assert {v.value for v in c.values} == {"Lena Okafor", "Piet Janssen"}
    # The evidence is the whole sentence around the quote.
    assert all(ev.text in (a, b) for v in c.values for ev in v.evidence)


def test_unresolved_or_pronoun_speaker_is_not_an_attribution_conflict() -> None:
    a = "“We will rebuild every single home on this street,” she said after touring Tamsford."
    b = "“We will rebuild every single home on this street,” said councillor Piet Janssen."
    assert run([a, b]) == []


def test_copies_of_one_source_never_conflict() -> None:
    a = FIRE_A
    b = FIRE_B.replace("Fourteen people were", "14 people were")
    assert run([a, b], copies=[Copy("a2", "a1", 0.9)]) == []


def test_no_conflict_when_sources_agree() -> None:
    assert run([FIRE_A, FIRE_B.replace("Fourteen", "Twelve")]) == []


def _ev(article: Article, words: str):  # type: ignore[no-untyped-def]
    from newsweave.models import Evidence

    start = article.text.index(words)
    return Evidence(article.id, start, start + len(words), words)


def test_titled_person_without_ner() -> None:
    a = "Police Chief Marta Solberg said the Tamsford bridge would stay closed until Monday."
    b = "Police Chief Edvin Lark said the Tamsford bridge would stay closed until Monday."
    [c] = run([a, b])
    assert c.kind == "person"
    assert {v.value for v in c.values} == {"Marta Solberg", "Edvin Lark"}


def test_casualty_counts_compared_across_the_story() -> None:
    # The two counts sit in sentences the aligner keeps apart; one role, one value each.
    a = (
        "Fire tore through the Lindqvist timber yard in Port Alder before dawn on Tuesday. "
        "Twelve people were injured, the fire service said."
    )
    b = (
        "A blaze destroyed most of the Lindqvist timber yard in Port Alder early on Tuesday. "
        "Hospital staff said they had treated 14 injured people by midday."
    )
    conflicts = run([a, b])
    assert [(c.kind, values(c)) for c in conflicts] == [("number", {"12": ("a1",), "14": ("a2",)})]


def test_a_death_toll_and_a_count_after_an_aside_are_counts_of_the_dead() -> None:
    a = (
        "Fire tore through the Lindqvist timber yard in Port Alder before dawn on Tuesday. "
        "The death toll in the Port Alder fire, which began in a drying shed, rose to 9, "
        "the mayor said."
    )
    b = (
        "A blaze destroyed most of the Lindqvist timber yard in Port Alder early on Tuesday. "
        "Seven people, including two firefighters, were killed, officials said."
    )
    conflicts = run([a, b])
    assert [(c.kind, values(c)) for c in conflicts] == [("number", {"9": ("a1",), "7": ("a2",)})]


def test_part_of_a_total_is_not_a_conflict() -> None:
    a = "Twelve people were injured in the Lindqvist timber yard fire in Port Alder on Tuesday."
    b = (
        "Twelve people were hurt in the Lindqvist timber yard fire in Port Alder on Tuesday. "
        "Three of the injured were firefighters."
    )
    assert run([a, b]) == []


def test_the_total_that_a_part_was_among_is_compared() -> None:
    a = "Two Velda citizens were among four killed when the Corvale helicopters collided."
    b = "Three people were killed when the Corvale helicopters collided, police said."
    conflicts = run([a, b])
    assert [(c.kind, values(c)) for c in conflicts] == [("number", {"4": ("a1",), "3": ("a2",)})]


def test_incident_role_compared_across_the_story() -> None:
    a = FIRE_A + " The cause is not known, Fire Chief Anna Berg said at a briefing."
    b = FIRE_B + " “It spread very fast,” Port Alder Fire Chief Tomas Reyes told the radio station."
    [c] = [c for c in run([a, b]) if c.kind == "person"]
    assert {v.value for v in c.values} == {"Anna Berg", "Tomas Reyes"}


def test_spelling_variants_of_a_name_are_not_conflicts() -> None:
    a = "The strike at the Oren mine was called by the Northern Miners Union after talks broke down."
    b = "The strike at the Oren mine was called by the Northern Mineworkers Union after talks broke down."
    assert run([a, b]) == []


def test_day_of_a_statement_is_not_the_date_of_the_event() -> None:
    a = "The Tamsford port authority said on Monday that the ferry terminal would close for repairs."
    b = "The Tamsford port authority said on Wednesday that the ferry terminal would close for repairs."
    assert run([a, b]) == []


def test_a_count_is_named_after_its_whole_noun_phrase() -> None:
    a = "The Harwick pharmacy plan covers 50 generic medications for a monthly fee."
    b = "Subscribers to the Harwick pharmacy plan can pick from 60 generic medications."
    [c] = run([a, b])
    assert c.what == "number of generic medications"
    assert values(c) == {"50": ("a1",), "60": ("a2",)}


def test_a_count_that_goes_on_in_its_clause_is_not_the_whole_group() -> None:
    a = (
        "Three members of the Harwick Watch and a fourth person linked to the group were "
        "convicted of arson on Monday."
    )
    b = "Four members of the Harwick Watch were convicted of arson on Monday."
    assert run([a, b]) == []
    # a real difference in the same words is still found
    c = "A Tamsford court on Monday convicted five members of the Harwick Watch of arson."
    [x] = run([b, c])
    assert sorted(v.sources for v in x.values) == [("a1",), ("a2",)]


def test_market_moves_are_not_conflicts() -> None:
    a = "Shares of Oren Mining fell 4 percent after the strike was announced."
    b = "Shares of Oren Mining fell 7 percent after the strike was announced."
    assert run([a, b]) == []


def test_passenger_count_with_a_shared_verb_across_the_story() -> None:
    a = "A ferry carrying 214 passengers struck a sandbank off Harwick on Saturday. Nobody was hurt."
    b = (
        "The Tamsford Queen ran aground off Harwick on Saturday morning. "
        "The ship was carrying 241 passengers and nine crew, the coastguard said."
    )
    [c] = run([a, b])
    assert c.what == "number of passengers"
    assert values(c) == {"214": ("a1",), "241": ("a2",)}


def test_others_is_a_part_not_a_total() -> None:
    a = "Twelve people were injured when the ferry struck the pier at Harwick on Saturday."
    b = (
        "The ferry struck the pier at Harwick on Saturday. "
        "Two passengers were badly hurt and 10 others were slightly injured."
    )
    assert run([a, b]) == []


def test_site_of_the_event_named_differently() -> None:
    a = "Fire gutted a paint store on the Brackley Industrial Estate in Dunmore on Sunday night."
    b = (
        "A paint store in Dunmore burned down on Sunday night. "
        "The building stands on the Wetherby Industrial Estate, near the bypass."
    )
    [c] = run([a, b])
    assert c.kind == "place"
    assert {v.value for v in c.values} == {
        "Brackley Industrial Estate",
        "Wetherby Industrial Estate",
    }


def test_name_variants() -> None:
    from newsweave.conflicts import _same_name

    assert _same_name("First Group", "FirstGroup")
    assert _same_name("Shettleston Road", "Shettlestone Road")
    assert _same_name("International Red Cross", "International Committee of the Red Cross")
    assert not _same_name("Fernside Industrial Estate", "Hollins Industrial Estate")
    assert not _same_name("Anna Berg", "Tomas Reyes")


def test_who_did_it_active_or_passive() -> None:
    a = "Dunmore Rowing Club opened a food bank in the old boathouse on Saturday for flooded families."
    b = "A food bank in the old boathouse was opened by the Kelby Rotary Society on Saturday for flooded families."
    [c] = run([a, b])
    # named after what was done, from either voice ("a food bank ... was opened by")
    assert c.kind == "organisation" and c.what == "who opened a food bank"
    assert {v.value: v.sources for v in c.values} == {
        "Dunmore Rowing Club": ("a1",),
        "Kelby Rotary Society": ("a2",),
    }


def test_an_abbreviation_is_not_a_different_name() -> None:
    from newsweave.conflicts import _same_name

    assert _same_name("LAX", "Los Angeles International Airport")
    assert _same_name("Los Angeles International Airport", "LAX")
    assert not _same_name("JFK", "Los Angeles International Airport")
    assert not _same_name("LAX", "Heathrow")


def test_counts_hours_apart_are_an_update_not_a_conflict() -> None:
    morning = (
        "Rescuers searched the gorge near Tarrow for four people still missing after the crash."
    )
    evening = (
        "Rescuers searched the gorge near Tarrow for two people still missing after the crash."
    )
    t0 = datetime(2031, 4, 2, 6, 0, tzinfo=UTC)
    same_time = run([morning, evening], published=[t0, t0 + timedelta(hours=2)])
    assert [c.what for c in same_time if c.kind == "number"] == ["number missing"]
    later = run([morning, evening], published=[t0, t0 + timedelta(hours=10)])
    assert [c for c in later if c.kind == "number"] == []
    # ... and it is an update, oldest value first (whichever article comes first)
    for order in (1, -1):
        texts, when = [morning, evening][::order], [t0, t0 + timedelta(hours=10)][::order]
        updates = run(texts, published=when, updates=True)
        assert [(u.id, u.kind, u.what) for u in updates] == [("u1", "number", "number missing")]
        assert [v.normalized for v in updates[0].values] == ["4", "2"]
    assert run([morning, evening], published=[t0, t0 + timedelta(hours=2)], updates=True) == []
    assert run([morning, evening], updates=True) == []  # undated: cannot tell


def test_vote_tallies_a_day_apart_are_updates_and_thresholds_are_no_tallies() -> None:
    # ballots go on for days: a tally a day later is an update, the same day a conflict
    a = "Ana Lind lost the Corvale speaker vote on Tuesday, with 20 Republicans voting against her."
    b = "Ana Lind lost the Corvale speaker vote again, with 14 Republicans voting against her."
    t0 = datetime(2031, 1, 3, 18, 0, tzinfo=UTC)
    same_day = run([a, b], published=[t0, t0 + timedelta(hours=2)])
    assert [(c.kind, values(c)) for c in same_day] == [("number", {"20": ("a1",), "14": ("a2",)})]
    assert run([a, b], published=[t0, t0 + timedelta(days=1)]) == []
    later = run([a, b], published=[t0, t0 + timedelta(days=1)], updates=True)
    assert [[v.normalized for v in u.values] for u in later] == [["20", "14"]]
    # "the 218 votes necessary to be elected" is the bar, not anyone's tally
    c = "Ana Lind won 212 votes in the Corvale speaker vote, short of a majority."
    d = "Ana Lind failed to win the 218 votes necessary in the Corvale speaker vote."
    assert run([c, d]) == []


def test_only_counts_of_a_developing_story_are_updates() -> None:
    # a place or a date named differently a day later is still a conflict, never an update
    a = "The ferry Corvale ran aground near Tarrow Island on Saturday, the coastguard said."
    b = "The ferry Corvale ran aground near Harwick Point on Saturday, the coastguard said."
    t0 = datetime(2031, 4, 2, 6, 0, tzinfo=UTC)
    assert run([a, b], published=[t0, t0 + timedelta(days=1)], updates=True) == []
    # an outlet's own later count is an update (a live page updated)
    c = "Officials said 63 people were killed in the strike on the Tarrow barracks."
    d = "Officials now say 89 people were killed in the strike on the Tarrow barracks."
    one = [Copy("a2", "a1", 0.9)]
    found = run([c, d], published=[t0, t0 + timedelta(days=2)], copies=one, updates=True)
    assert [[v.normalized for v in u.values] for u in found] == [["63", "89"]]


def test_a_tally_of_past_years_is_not_the_events_count() -> None:
    a = "The plane crashed near Tarrow, killing 68 people, officials said."
    b = "Since 2000, more than 300 people have been killed in plane crashes near Tarrow, officials said."
    assert [c for c in run([a, b]) if c.kind == "number"] == []
    # ... while "the first strike since 2013" still gives this event's count
    c = "Teachers in Dunmore began their first strike since 2013 on Monday, closing 23 schools."
    d = "Teachers in Dunmore began a strike on Monday, closing 32 schools."
    assert [x.what for x in run([c, d]) if x.kind == "number"] == ["number of schools"]


def test_a_toll_since_a_month_is_not_the_days_count() -> None:
    # "more than 40 killed since December" is the toll of months of unrest, not of the
    # day's clash that reported eight dead: neither a conflict nor an update
    a = "Police clashed with protesters in Tarrow on Monday, and eight people were killed."
    b = "More than 40 people have been killed in protests in Tarrow since December."
    t0 = datetime(2031, 1, 9, 18, 0, tzinfo=UTC)
    assert [c for c in run([a, b], published=[t0, t0]) if c.kind == "number"] == []
    later = [t0, t0 + timedelta(days=1)]
    assert run([a, b], published=later, updates=True) == []
    # ... while a later count of the same day's dead is an update
    c = "Police clashed with protesters in Tarrow on Monday, and 17 people were killed."
    assert [
        [v.normalized for v in u.values] for u in run([a, c], published=later, updates=True)
    ] == [["8", "17"]]


def test_a_count_given_again_days_later_is_another_incidents() -> None:
    # a story that chained a month of raids: "two shot dead" on the 14th is not the
    # first value of the 26th's toll, which rose from 8 to nine the next day
    a = "Two protesters were shot dead by soldiers in the Tarrow camp, officials said."
    b = "Soldiers stormed the Tarrow camp and 8 people were killed, officials said."
    c = "Nine people were killed when soldiers stormed the Tarrow camp, officials said."
    d = "Soldiers killed 3 in Tarrow raids, pushing the death toll to 12 already this year."
    t0 = datetime(2031, 1, 14, 9, 0, tzinfo=UTC)
    when = [t0, t0 + timedelta(days=12), t0 + timedelta(days=13), t0 + timedelta(days=1)]
    found = run([a, b, c, d], published=when, updates=True)
    assert [[v.normalized for v in u.values] for u in found] == [["8", "9"]]


def test_those_still_in_hospital_and_another_towns_dead_are_not_the_events_counts() -> None:
    t0 = datetime(2031, 1, 30, 9, 0, tzinfo=UTC)
    later = [t0, t0 + timedelta(days=1)]
    # "52 injured people remain in hospital" is a part of the injured, at that moment
    a = "The bomb at the Tarrow mosque left more than 200 people injured, officials said."
    b = "Most of the dead at the Tarrow mosque were police; 52 injured people remain in hospital."
    assert run([a, b], published=[t0, t0]) == []
    assert run([a, b], published=later, updates=True) == []
    # ... while "52 people were injured" is a count of the injured
    c = "The bomb at the Tarrow mosque left 52 people injured, officials said."
    assert [
        [v.normalized for v in u.values] for u in run([c, a], published=later, updates=True)
    ] == [["52", "200"]]
    # "clashes in another city left 18 dead": another incident's toll
    d = "Protests against the Velda government have left 47 people dead, officials said."
    e = "Protesters blocked roads in Tarrow two days after clashes in another city left 18 dead."
    assert run([d, e], published=[t0, t0]) == []
    assert run([d, e], published=later, updates=True) == []


def test_a_polls_reporting_verb_and_a_list_of_ages_give_no_counts() -> None:
    # two questions of one poll: "showed 40 percent ... approve" / "shows 64 percent ...
    # believe" are no one percentage given twice
    a = "A new Velda poll showed 40 percent of voters approve of the mayor's work in office."
    b = "A new Velda poll shows that 64 percent of voters believe the council should investigate."
    assert run([a, b]) == []
    # "three girls aged 7, 8 and 10 are killed": the ages are no count of the dead
    t0 = datetime(2031, 1, 1, 9, 0, tzinfo=UTC)
    c = "Three girls were killed in a house fire in Tarrow on Sunday, officials said."
    d = "Three girls aged 7, 8 and 10 are killed in a Tarrow house fire, officials said."
    later = [t0, t0 + timedelta(hours=10)]
    assert run([c, d], published=later, updates=True) == []
    assert run([c, d], published=[t0, t0]) == []


WELL_A = (
    "Rescuers in Corvale worked through the night to reach a five-year-old boy trapped in a "
    "disused well on Tuesday. The shaft is 40 metres deep."
)
WELL_B = (
    "A 6-year-old boy fell into a disused well in Corvale on Tuesday afternoon, and crews "
    "dug a parallel shaft to reach him."
)


def test_age_of_the_central_person_differs() -> None:
    conflicts = run([WELL_A, WELL_B])
    [c] = [c for c in conflicts if c.what == "age of the boy"]
    assert c.kind == "number"
    assert values(c) == {"5": ("a1",), "6": ("a2",)}


def test_an_older_incident_in_its_own_year_is_another_boy() -> None:
    # B's 2009 sentence names another boy: B still gives one age for today's
    b = WELL_B + " In 2009 a 9-year-old boy fell into a well near Harwick and was rescued."
    [c] = [c for c in run([WELL_A, b]) if c.what == "age of the boy"]
    assert values(c) == {"5": ("a1",), "6": ("a2",)}


@pytest.mark.parametrize(
    "b",
    [
        # a source that gives two ages for "boy" today tells of two boys
        WELL_B.replace("reach him.", "reach him; a 9-year-old boy raised the alarm."),
        # ages of relations are not compared ("whose son?")
        WELL_B.replace("A 6-year-old boy", "A woman's 6-year-old son"),
    ],
)
def test_ages_that_are_not_one_persons_are_not_conflicts(b: str) -> None:
    assert not [c for c in run([WELL_A, b]) if c.what.startswith("age")]


def test_ages_in_sentences_about_different_moments_are_not_compared() -> None:
    a = "A five-year-old boy won the Corvale spelling contest on Tuesday."
    b = "A 6-year-old boy fell into a disused well in Harwick on Tuesday afternoon."
    assert not [c for c in run([a, b]) if c.what.startswith("age")]


def test_the_same_title_at_two_organisations_is_not_a_conflict() -> None:
    # whose head coach is part of the role
    a = "Harwick Rovers head coach Ana Lind led a team prayer after the collapse on Sunday."
    b = "Dunmore City head coach Tom Hale led a team prayer after the collapse on Sunday."
    assert [c for c in run([a, b]) if c.kind == "person"] == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a place that qualifies a noun is not the place of the event
        (
            "A gunman killed 10 people at Corvale dance studio on Saturday night.",
            "A gunman killed 10 people at Harwick on Saturday night, police said.",
        ),
        # a lower-case "name" is a misparse
        (
            "The district attorney for Corvale said more charges could follow on Monday.",
            "District attorney Ana Lind said more charges could follow on Monday.",
        ),
    ],
)
def test_misparsed_names_are_not_conflicts(a: str, b: str) -> None:
    assert [c for c in run([a, b]) if c.kind in {"person", "place"}] == []


def test_one_disagreement_is_reported_once() -> None:
    a = (
        "The Corvale ferry sank on Saturday night, the coastguard said. "
        "Rescuers reached the ferry that sank on Saturday night within an hour."
    )
    b = (
        "The Corvale ferry sank on Sunday night, the coastguard said. "
        "Rescuers reached the ferry that sank on Sunday night within an hour."
    )
    dates = [c for c in run([a, b]) if c.kind == "date"]
    assert len(dates) == 1
    assert all(len(v.evidence) == 2 for v in dates[0].values)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # parts of a total: the counted noun named twice
        (
            "Ana Lind was convicted on four counts of fraud in Corvale last May.",
            "Ana Lind was convicted of three counts of fraud and one count of conspiracy "
            "in Corvale last May.",
        ),
        # durations are not counts of the dead
        (
            "Tom Hale died three days after the beating by Corvale police officers.",
            "Tom Hale was beaten to death in FIVE MINUTES by Corvale police officers.",
        ),
        # a count of the moment ("remaining") and a season's tally
        (
            "There are just four teams remaining in the Corvale cup after the weekend.",
            "Odds for the Eight Remaining Teams in the Corvale cup after the weekend.",
        ),
        (
            "Ana Lind, with 15 goals in all competitions, led Corvale against Harwick.",
            "Ana Lind scored two goals as Corvale beat Harwick on Saturday.",
        ),
        # an abbreviation of a run of the name's words
        (
            "The DOJ filed a lawsuit against Corvale Ads on Tuesday.",
            "The US Department of Justice filed a lawsuit against Corvale Ads on Tuesday.",
        ),
        # dimensions, loose dozens and the first few of a series are not totals
        (
            "The Corvale monitor has a resolution of 7,680 x 2,160 pixels.",
            "The Corvale monitor has a resolution of 6,144 x 3,456 pixels.",
        ),
        (
            "Vandals damaged more than 30 graves in the Corvale cemetery.",
            "Vandals damaged over two dozen graves in the Corvale cemetery.",
        ),
        (
            "Critics have seen the first four episodes of the Corvale drama.",
            "There will be nine episodes of the Corvale drama.",
        ),
        (
            "The ozone layer over Corvale will heal within four decades, the report said.",
            "The ozone layer over Corvale will heal within two decades, the report said.",
        ),
        # a name that qualifies a noun is not the speaker
        (
            "Corvale Awards host tears into the academy: “I am here because I am the host.”",
            "“I am here because I am the host,” said comedian Ana Lind at the Corvale Awards.",
        ),
        # a place and a region that may contain it
        (
            "The founder of the Corvale exchange was arrested in Miami on Tuesday evening.",
            "The founder of the Corvale exchange was arrested in Florida on Tuesday evening.",
        ),
        # a product's number is not a count
        (
            "Corvale Motors will build its 4680 battery cells at the new plant.",
            "Corvale Motors will build 100 battery cells a minute at the new plant.",
        ),
        # one make of a thing is not all of them; a model's name and number
        (
            "Allies have pledged at least 105 tanks to Velda, officials said.",
            "Corvale has pledged 31 Abrams tanks to Velda, officials said.",
        ),
        # a count of one kind is not the count of all
        (
            "Ana Lind, 61, was convicted of 24 counts of rape at Corvale Crown Court.",
            "Ana Lind, 61, was convicted of more than 43 counts at Corvale Crown Court.",
        ),
        (
            "Corvale will send 14 Leopard 2 tanks to Velda, officials said.",
            "Corvale and its allies will send more than 100 Leopard 2 tanks to Velda.",
        ),
        # counts of one thing that share only names: two scopes, two moments
        (
            "Mayor Ana Lind to visit Corvale after 3 mass shootings",
            "There have already been 39 mass shootings across Velda this year, five in Corvale.",
        ),
        (
            "Corvale will house about 1,000 asylum seekers at the Harwick Cruise Terminal.",
            "Corvale received more than 3,100 asylum seekers over the course of a week.",
        ),
        # "X were among those killed": a part; the count after "killed after" is not of
        # the dead ("two helicopters")
        (
            "Two Velda citizens were among those killed after two Corvale helicopters "
            "collided on Monday.",
            "Three people were killed when the Corvale helicopters collided on Monday.",
        ),
        # counts of two periods named by their years
        (
            "Corvale Soft cut 18,000 jobs in 2014 as it scaled back its phone business.",
            "Corvale Soft eliminated around 25,000 jobs between 2014 and 2015 in its phone business.",
        ),
        # the days of two rounds of one vote: "after three rounds" / "a fourth round"
        (
            "Ana Lind failed to win the Corvale speaker vote on Tuesday after three rounds of voting.",
            "Ana Lind faces a fourth round of voting in the Corvale speaker vote on Wednesday.",
        ),
        # counts of two reporting periods: the year's and a quarter's
        (
            "Analysts had hoped Corvale Motors would deliver 1.8 million vehicles for the year.",
            "Analysts had expected Corvale Motors to deliver about 418,000 vehicles in Q4.",
        ),
        # a count of two kinds together; a ratio
        (
            "Corvale brought home 32 children and 15 women from the camps in Velda.",
            "Corvale brings home over 40 women and children from the camps in Velda.",
        ),
        (
            "Nine in 10 people in Corvale province have had the flu, officials say.",
            "More than 88 million people in Corvale province have had the flu, officials say.",
        ),
        # a larger region may contain the other place
        (
            "Gunmen attacked a prison near Texas, freeing 24 inmates in Corvale.",
            "Gunmen attacked a prison near US, freeing 24 inmates in Corvale.",
        ),
        (
            "Corvale testers formed the largest games union in North America on Tuesday.",
            "Corvale testers formed the largest games union in the U.S. on Tuesday.",
        ),
        # a building and the town (or state) around it
        (
            "The body of Bishop Aldo Renn will lie in state at St Anselm's Basilica.",
            "The body of Bishop Aldo Renn will lie in state at Dunmore.",
        ),
        (
            "The body of Bishop Aldo Renn lies in state at the Vatican in Rome.",
            "The body of Bishop Aldo Renn will lie in state at St Peter's Basilica.",
        ),
    ],
)
def test_values_that_do_not_disagree(a: str, b: str) -> None:
    assert run([a, b]) == []


def test_counts_of_two_different_days_are_not_compared() -> None:
    found = run(
        [
            "Velda said 17 aircraft and 3 ships entered the zone near Corvale on Friday.",
            "Velda said 57 aircraft and four ships entered the zone near Corvale on Sunday.",
        ]
    )
    assert [c for c in found if c.kind == "number"] == []


def test_a_share_is_named_after_what_it_measures() -> None:
    [c] = run(
        [
            "Orrin Ferries chief Ana Lind will take a 40% pay cut this year, the board said.",
            "Orrin Ferries chief Ana Lind will take a 50% pay cut this year, the board said.",
        ]
    )
    assert c.what == "size of the pay cut"
    assert {v.value for v in c.values} == {"40%", "50%"}


def test_a_title_case_headlines_words_after_a_title_are_no_person() -> None:
    from newsweave.conflicts import _name_slots
    from newsweave.models import Mention, Sentence

    text = "Velda Interior Minister Among 18 Dead In Corvale Helicopter Crash"
    at = text.index("Among")
    tagged = Sentence(
        "a", 0, 0, len(text), text, (Mention(at, at + 13, "Among 18 Dead", "PERSON"),)
    )
    assert [x for x in _name_slots(tagged) if x.kind == "person"] == []
    text = "Velda Interior Minister Ana Lind was among those killed."
    at = text.index("Ana")
    tagged = Sentence("a", 0, 0, len(text), text, (Mention(at, at + 8, "Ana Lind", "PERSON"),))
    assert [x.value for x in _name_slots(tagged) if x.kind == "person"] == ["Ana Lind"]


def test_counts_of_one_kind_disagree_with_each_other() -> None:
    a = "Ana Lind, 61, was convicted of 24 counts of rape at Corvale Crown Court."
    b = "Former coach Ana Lind was found guilty of 31 counts of rape by Corvale Crown Court."
    [c] = [c for c in run([a, b]) if c.kind == "number"]
    assert c.what == "number of counts of rape"
    assert values(c) == {"24": ("a1",), "31": ("a2",)}


def test_a_sentence_telling_of_another_incident_gives_no_counts() -> None:
    first = "A gunman killed seven people and wounded nine outside a synagogue in Tarrow."
    fresh = (
        "A gunman wounded two people in a fresh attack in Tarrow, a day after seven "
        "people were killed outside a synagogue."
    )
    t0 = datetime(2031, 4, 2, 20, 0, tzinfo=UTC)
    when = [t0, t0 + timedelta(hours=14)]
    assert run([first, fresh], published=when, updates=True) == []
    # the same counts without the other incident are an update
    later = "A gunman killed seven people and wounded twelve outside a synagogue in Tarrow."
    [u] = run([first, later], published=when, updates=True)
    assert [v.normalized for v in u.values] == ["9", "12"]


def test_a_history_of_two_outcomes_is_no_outcome() -> None:
    a = "Ana Lind, who was found guilty and then acquitted of fraud, died on Monday in Corvale."
    b = "Ana Lind, convicted of fraud in Corvale before her 2020 acquittal, died on Monday."
    assert [c for c in run([a, b]) if c.kind == "outcome"] == []
    # one outcome each is still a conflict
    c = "Ana Lind was found guilty of fraud by a Corvale court on Monday."
    d = "Ana Lind was acquitted of fraud by a Corvale court on Monday."
    assert [x.what for x in run([c, d]) if x.kind == "outcome"] == ["outcome for Lind"]


def test_a_round_of_a_tournament_is_no_count_of_the_missing() -> None:
    t0 = datetime(2031, 1, 21, 12, 0, tzinfo=UTC)
    a = "Corvale Open: Lind beats Hale to reach the last 16, Varga bows out"
    b = "Corvale Open: Lind is back in the last four after beating Hale in straight sets"
    assert run([a, b], published=[t0, t0 + timedelta(days=4)], updates=True) == []


def test_a_series_of_incidents_gives_no_counts() -> None:
    t0 = datetime(2031, 1, 22, 12, 0, tzinfo=UTC)
    a = "A gunman killed ten people and injured ten at a dance hall in Corvale."
    b = "One dead and seven injured in Harwick, the region's third mass shooting in three days."
    c = "Two people were shot in Harwick hours after a gunman killed ten people in Corvale."
    when = [t0, t0 + timedelta(days=2)]
    assert run([a, b], published=when, updates=True) == []
    assert run([a, c], published=when, updates=True) == []


def test_counts_of_two_places_are_two_incidents() -> None:
    # a story of feed entries holding two shootings of one week
    t0 = datetime(2031, 1, 1, 9, 0, tzinfo=UTC)
    a = "Ten people were injured in a shooting outside a restaurant in Tarrow, police said."
    b = "Two people were injured in a shooting outside a nightclub in Corvale, police said."
    c = "Police in Tarrow said four people were injured when a gunman opened fire at a diner."
    assert run([a, b], published=[t0, t0]) == []
    assert run([a, b], published=[t0, t0 + timedelta(hours=10)], updates=True) == []
    # the same place: still a conflict
    found = run([a, c], published=[t0, t0])
    assert [sorted(v.normalized for v in x.values) for x in found] == [["10", "4"]]


def test_a_title_case_headline_holds_no_name_slots() -> None:
    # "Wizards Of The Coast Cancels ..." / "Wizards of the Coast Is Scaling Back ...": a
    # headline's capitals are no names (the model read "Coast Cancels" as an organisation)
    a = "Harbour Publisher Friends Of The Tarrow Cancels Five Ferry Guides"
    b = "Friends of the Tarrow cancelled its ferry guides, the publisher said."
    assert title_case(a) and not title_case(b)
    at = a.index("Tarrow Cancels")
    headline = Sentence("a1", 0, 0, len(a), a, (Mention(at, at + 14, "Tarrow Cancels", "ORG"),))
    assert _name_slots(headline) == []
    bt = b.index("Tarrow")
    prose = Sentence("a2", 0, 0, len(b), b, (Mention(bt, bt + 6, "Tarrow", "ORG"),))
    assert [x.value for x in _name_slots(prose)] == ["Tarrow"]


BOMB_EVENING = (
    "A car bomb exploded outside the Tarrow customs office late on Thursday, killing at "
    "least two people and wounding at least 40, officials said. The militants said it was "
    "revenge for air strikes near Kessel earlier this month that left 32 civilians dead."
)
BOMB_MORNING = (
    "The death toll from Thursday's car bomb at the Tarrow customs office rose to at least "
    "six on Friday, with more than 100 others wounded, officials said."
)
BOMB_NOON = (
    "A car bomb at the Tarrow customs office on Thursday night killed at least six people, "
    "officials said on Friday. More than 30 civilians were killed in air strikes near Kessel "
    "last week."
)


def test_a_rising_toll_given_in_bounds_is_an_update() -> None:
    t0 = datetime(2031, 11, 10, 19, 0, tzinfo=UTC)
    when = [t0, t0 + timedelta(hours=13), t0 + timedelta(hours=16)]
    texts = [BOMB_EVENING, BOMB_MORNING, BOMB_NOON]
    updates = run(texts, published=when, updates=True)
    assert sorted((u.what, tuple(v.normalized for v in u.values)) for u in updates) == [
        ("number injured", ("40", "100")),
        ("number killed", ("2", "6")),
    ]
    # Kessel's strikes of "earlier this month" / "last week" are another incident's dead:
    # they neither block the update nor join it.
    assert all("32" not in values(u) and "30" not in values(u) for u in updates)
    # "at least two" and "at least six" do not contradict each other: no conflict
    assert [c for c in run(texts, published=when) if c.kind == "number"] == []


def test_a_lower_toll_in_a_later_report_is_no_update() -> None:
    # a page first published in the morning and updated since keeps its first time: the
    # dead are not fewer the next day
    a = "A gunman killed 59 people at the Tarrow music festival, police said."
    b = "A gunman killed at least 50 people at the Tarrow music festival, police said."
    t0 = datetime(2031, 10, 2, 9, 0, tzinfo=UTC)
    assert run([a, b], published=[t0, t0 + timedelta(days=1)], updates=True) == []
    assert [
        [v.normalized for v in u.values]
        for u in run([b, a], published=[t0, t0 + timedelta(days=1)], updates=True)
    ] == [["50", "59"]]


def test_an_update_needs_two_of_its_own_reports_compared() -> None:
    # Weeks later two reports give 500+ and 527 injured; each was compared with October's
    # "over 400", never with the other: they are no update of each other.
    a = "A gunman opened fire at the Tarrow music festival, wounding over 400 people."
    b = "More than 500 people were injured when a gunman opened fire at the Tarrow festival."
    c = "In all 527 people were injured when a gunman opened fire at the Tarrow festival."
    t0 = datetime(2031, 10, 2, 9, 0, tzinfo=UTC)
    late = t0 + timedelta(days=50)
    found = run([a, b, c], published=[t0, late, late + timedelta(hours=1)], updates=True)
    assert [[v.normalized for v in u.values] for u in found] == []


def test_casualties_so_far_are_the_toll_and_goals_so_far_a_tally() -> None:
    a = (
        "Two dead bodies and more than 40 wounded people had so far been brought to Tarrow "
        "hospital after the blast, a doctor said."
    )
    b = "The blast in Tarrow killed four people and wounded 45, a doctor said."
    assert sorted(c.what for c in run([a, b]) if c.kind == "number") == ["number killed"]
    c = "Ana Lind has scored 15 goals so far for Tarrow Rovers, the club said."
    d = "Ana Lind has scored 12 goals for Tarrow Rovers, the club said."
    assert [x for x in run([c, d]) if x.kind == "number"] == []


def test_a_toll_raised_on_a_later_day_is_an_update_of_that_toll() -> None:
    # "killed early Sunday" / "raised to 17 Monday": one toll named on two days; the ten
    # guards and four inmates are parts of the 14, and "one of 25 escapees" is no toll
    a = (
        "Gunmen attacked the Tarrow state prison early Sunday, and 14 people were killed. "
        "Ten guards and four inmates were killed, the prosecutor said."
    )
    b = (
        "The death toll from the attack on the Tarrow state prison was raised to 17 Monday; "
        "a gang leader was one of 25 escapees."
    )
    t0 = datetime(2031, 1, 1, 22, 0, tzinfo=UTC)
    found = run([a, b], published=[t0, t0 + timedelta(hours=27)], updates=True)
    assert [(u.what, [v.normalized for v in u.values]) for u in found] == [
        ("number killed", ["14", "17"])
    ]
    # two tolls of two days with no word of a rise stay apart
    c = "Soldiers killed 14 people in a raid on the Tarrow camp on Sunday."
    d = "Soldiers killed 17 people in a raid on the Tarrow camp on Monday."
    assert run([c, d], published=[t0, t0 + timedelta(hours=27)], updates=True) == []


def test_named_groups_of_dead_are_not_one_count() -> None:
    a = "Tarrow militia fighters said they killed eight Kessel rebels in raids on Friday."
    b = "The Tarrow militia said Kessel gunmen killed 25 Tarrow fighters in raids on Friday."
    assert [c for c in run([a, b]) if c.kind == "number"] == []


def test_a_fresh_attack_and_a_population_are_no_updates_of_the_storys_counts() -> None:
    t0 = datetime(2031, 1, 27, 19, 0, tzinfo=UTC)
    first = "A gunman opened fire outside a Tarrow synagogue, killing seven and wounding nine."
    fresh = (
        "Gunman wounds two in fresh Tarrow attack - a day after seven were killed. "
        "A gunman has wounded at least two people after opening fire in Tarrow this morning."
    )
    assert run([first, fresh], published=[t0, t0 + timedelta(hours=15)], updates=True) == []
    # "a population of nearly 99 million people" is not a count of the infected
    a = "Officials in Kessel province said 88 million people may have had the virus."
    b = "Kessel province, with a population of nearly 99 million people, may have had the virus."
    assert run([a, b], published=[t0, t0 + timedelta(hours=9)], updates=True) == []


def test_a_later_bound_that_the_earlier_count_keeps_to_is_no_update() -> None:
    t0 = datetime(2031, 1, 13, 21, 0, tzinfo=UTC)
    a = "Ana Lind broke into a Tarrow school and sheltered 24 people from the blizzard."
    b = "Ana Lind broke into a Tarrow school and sheltered more than 20 people from the blizzard."
    assert run([a, b], published=[t0, t0 + timedelta(days=2)], updates=True) == []


def test_counts_of_two_towns_are_no_update_even_when_both_articles_name_both() -> None:
    t0 = datetime(2031, 1, 24, 2, 0, tzinfo=UTC)
    a = (
        "Seven people were killed and one was injured in shootings in Harwick. "
        "It came two days after the shooting in Tarrow."
    )
    b = (
        "The minister said 11 people were killed and nine were wounded in a shooting at a "
        "ballroom in Tarrow. She spoke of Harwick too."
    )
    assert run([a, b], published=[t0, t0 + timedelta(hours=19)], updates=True) == []


def test_a_later_report_naming_the_earlier_number_as_the_trapped_still_updates_the_toll() -> None:
    # At dawn five are dead; by noon seven are, and the later reports tell of the five
    # people trapped and five fire rescue units: those fives are not the toll.
    t0 = datetime(2031, 11, 9, 0, 0, tzinfo=UTC)
    a = "At least five people are dead after a tram overturned in Tarrow, police said."
    b = (
        "At least seven people were killed when a tram overturned in Tarrow, police said. "
        "Emergency workers labored for hours to free five people trapped in the wreckage."
    )
    c = (
        "Seven people have died after a tram overturned in Tarrow, police said. Eight fire "
        "engines and five fire rescue units were sent."
    )
    when = [t0, t0 + timedelta(hours=9), t0 + timedelta(hours=12)]
    found = run([a, b, c], published=when, updates=True)
    assert [(u.what, [v.normalized for v in u.values]) for u in found] == [
        ("number killed", ["5", "7"])
    ]
    # a later report that states "five" with no other state may be counting something
    # else the earlier report took for the dead: no update
    d = "Seven people were killed when a tram overturned in Tarrow; five of them were children."
    assert run([a, d], published=when[:2], updates=True) == []


@pytest.mark.parametrize("rising", [True, False])
def test_a_toll_that_rises_within_hours_in_a_developing_story_is_no_conflict(
    rising: bool,
) -> None:
    from newsweave import compare

    first = "A suicide bomber killed 28 people at a mosque in Tarrow on Monday, officials said."
    second = (
        "A suicide bomber killed at least 47 people at a mosque in Tarrow on Monday, "
        "officials said."
    )
    later = "A suicide bomber killed 100 people at a mosque in Tarrow on Monday, officials said."
    t0 = datetime(2031, 1, 30, 11, 0, tzinfo=UTC)
    texts = [first, second, later] if rising else [second, first, later]
    when = [t0, t0 + timedelta(minutes=40), t0 + timedelta(hours=20)]
    arts = [
        Article(f"a{i + 1}", t, outlet=f"Outlet {i + 1}", published=w)
        for i, (t, w) in enumerate(zip(texts, when, strict=True))
    ]
    report = compare(arts, settings=SETTINGS)
    assert [u.what for u in report.updates] == ["number killed"]
    # 28 at 11:00 and 47 at 11:40 in a toll that reached 100: the same development seen
    # closer up; 47 and then 28 forty minutes later is a disagreement
    conflicts = [c.what for c in report.conflicts if c.kind == "number"]
    assert conflicts == ([] if rising else ["number killed"])
