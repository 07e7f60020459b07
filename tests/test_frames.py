"""Recurring news frames (newsweave.frames) and the claims they join."""

from __future__ import annotations

import numpy as np
import pytest

from newsweave.claims import _group, features
from newsweave.frames import frames
from newsweave.models import Sentence


@pytest.mark.parametrize(
    ("text", "frame"),
    [
        ("Investigators have not yet determined what caused the fire.", "cause-unknown:"),
        (
            "The cause of the fire is still unknown, and an investigation has begun.",
            "cause-unknown:",
        ),
        ("Officials said it was too early to say how the fire began.", "cause-unknown:"),
        ("The cause of the accident was unclear, the police said.", "cause-unknown:"),
        ("Part of the warehouse roof fell in shortly before 10 p.m.", "collapse:roof"),
        ("Crews had to pull back when the warehouse roof collapsed", "collapse:roof"),
        ("The roof of the building caved in as the fire spread.", "collapse:roof"),
        ("The roof of the stand had partially collapsed.", "collapse:roof"),
        ("It follows the collapse of the Morandi bridge in Genoa.", "collapse:bridge"),
        ("Thick fog had settled over the mouth of the bay.", "visibility:"),
        ("Visibility in the bay was very poor at the time.", "visibility:"),
        ("No one was injured, the company said.", "unharmed:injured"),
        ("There were no injuries.", "unharmed:injured"),
        ("Nobody was killed in the blast.", "unharmed:killed"),
    ],
)
def test_a_frame_is_named_with_its_object(text: str, frame: str) -> None:
    assert frame in frames(text)


@pytest.mark.parametrize(
    "text",
    [
        # a person collapses; the stage is where
        "The coach began to stagger on stage and collapsed.",
        # the opposite of poor visibility
        "Weather and visibility were ideal, he added.",
        # idioms
        "He said he saw a red mist descend on his brother.",
        "Lost in the fog of war, the claims could not be checked.",
        # history, not this event
        "There have been no fatalities on board a tram in the UK since 1959.",
        # an investigation without a cause
        "Police are investigating the robbery.",
        # a known cause
        "The fire was caused by an electrical fault.",
    ],
)
def test_no_frame_where_the_words_say_something_else(text: str) -> None:
    assert not frames(text)


def _groups(texts: dict[str, list[str]], pairs: dict[tuple[int, int], float]) -> list[list[int]]:
    """Claims grouping of the articles ``texts`` (article id -> sentences), every pair of
    sentences scoring 0.2 but ``pairs``."""
    sents = [Sentence(aid, i, 0, len(t), t) for aid, ts in texts.items() for i, t in enumerate(ts)]
    scores = np.full((len(sents), len(sents)), 0.2)
    np.fill_diagonal(scores, 1.0)
    for (i, j), v in pairs.items():
        scores[i, j] = scores[j, i] = v
    return sorted(_group(sents, scores, 0.62, [features(s) for s in sents]))


def test_sentences_of_one_frame_join_a_claim_that_is_all_that_frame() -> None:
    # a and b are one claim already; c scores low with both (no shared word but "roof")
    groups = _groups(
        {
            "a": ["Part of the warehouse roof fell in shortly before 10 p.m."],
            "b": ["Crews had to pull back when the warehouse roof collapsed."],
            "c": ["The roof of the building caved in as the fire spread, officials said."],
        },
        {(0, 1): 0.7},
    )
    assert groups == [[0, 1, 2]]


def test_a_frame_sentence_does_not_join_a_claim_about_something_else() -> None:
    groups = _groups(
        {
            "a": ["Firefighters battled the blaze for six hours before the roof collapsed."],
            "b": ["Firefighters battled the blaze for six hours."],
            "c": ["The roof of the building caved in."],
        },
        {(0, 1): 0.75},
    )
    assert groups == [[0, 1], [2]]


def test_an_article_that_states_the_frame_twice_is_left_out() -> None:
    groups = _groups(
        {
            "a": ["Fog closed the port on Friday.", "Dense fog lingered until noon."],
            "b": ["Visibility was poor all morning."],
        },
        {},
    )
    assert groups == [[0], [1], [2]]


def test_a_frame_pair_of_no_other_relation_stays_apart() -> None:
    groups = _groups(
        {"a": ["No one was injured."], "b": ["Nobody was hurt, the ferry company said."]},
        {(0, 1): 0.05},
    )
    assert groups == [[0], [1]]
