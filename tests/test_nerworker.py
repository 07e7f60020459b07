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


def test_helpers_that_die_before_they_are_ready_are_not_started_forever(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A helper that cannot load its model (another Python, no spaCy) dies at once: after
    a few such helpers, long batches are done here without starting new ones."""
    import subprocess
    import sys
    import time

    import newsweave.nerworker as nw

    started: list[int] = []

    def broken(self: nw._Helper) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", "raise SystemExit(1)"])
        self.proc.wait()
        self.ready = False
        started.append(1)

    monkeypatch.setattr(nw._Helper, "__init__", broken)
    workers = NerWorkers(1, lambda texts: [[] for _ in texts], min_chars=1)
    try:
        for _ in range(8):
            assert workers.recognize(["some long text"] * 3) == [[], [], []]
            time.sleep(0.01)
    finally:
        workers.close()
    assert len(started) == 3
