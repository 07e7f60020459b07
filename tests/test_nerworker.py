"""Helper processes for NER: same mentions as one process, and no harm when one dies."""

from __future__ import annotations

import pytest

from newsweave.nerworker import NerWorkers, split_by_size
from newsweave.nlp import spacy_mentions


def test_split_by_size_balances_characters() -> None:
    texts = ["a" * 10, "b" * 10, "c" * 10, "d" * 10]
    assert split_by_size(texts, 2) == [range(0, 2), range(2, 4)]
    assert split_by_size(texts, 1) == [range(0, 4)]
    # One long text and short ones: the long one is a part by itself.
    assert split_by_size(["x" * 100, "y", "z"], 2) == [range(0, 1), range(1, 3)]
    # More parts than texts: the extra parts are empty, every text is in exactly one part.
    parts = split_by_size(["p", "q"], 4)
    assert len(parts) == 4
    assert sorted(i for part in parts for i in part) == [0, 1]
    assert split_by_size([], 2) == [range(0, 0), range(0, 0)]


def _texts() -> list[str]:
    people = ["Lena Okafor", "Tunde Adeyemi", "Maria Lindqvist", "Paolo Ferri", "Aiko Tanaka"]
    places = ["Lagos", "Stockholm", "Milan", "Osaka", "Nairobi"]
    out = []
    for k in range(12):
        who, where = people[k % 5], places[(k + 2) % 5]
        out.append(
            f"{who} of the Northern Rail Authority said on Tuesday that the line to {where} "
            f"would reopen within {k + 2} days. " * 8
        )
    return out


@pytest.mark.slow
def test_helpers_find_the_same_mentions_and_survive_a_dead_helper() -> None:
    texts = _texts()
    alone = spacy_mentions(texts)
    workers = NerWorkers(1, spacy_mentions, min_chars=1000)
    try:
        # Not ready yet: the first batch is done here, with the same answer.
        assert workers.recognize(texts) == alone
        assert workers.wait_ready(timeout=120)
        assert workers.recognize(texts) == alone
        assert 0 < workers.last_shared < len(texts)  # the helper did part of the batch
        # Short batches stay in this process.
        assert workers.recognize(texts[:1]) == alone[:1]
        assert workers.last_shared == 0
        # A helper killed between batches: the batch is still complete and right.
        helper = workers._helpers[0]
        helper.proc.kill()
        helper.proc.wait()
        assert workers.recognize(texts) == alone
    finally:
        workers.close()
    assert all(h.proc.poll() is not None for h in workers._helpers) or not workers._helpers


def test_no_helpers_when_disabled() -> None:
    calls: list[int] = []

    def local(texts: list[str]) -> list[list[tuple[int, int, str, str]]]:
        calls.append(len(texts))
        return [[] for _ in texts]

    workers = NerWorkers(0, local, min_chars=1)
    assert workers.recognize(["some text"] * 3) == [[], [], []]
    assert calls == [3] and not workers._helpers
