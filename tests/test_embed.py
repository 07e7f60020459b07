from __future__ import annotations

import numpy as np
import pytest

from newsweave.embed import HashingEmbedder, get_embedder, refiner_name
from newsweave.errors import ConfigError

SAME = (
    "The council voted on Tuesday to close the old ferry pier.",
    "On Tuesday the town council decided to shut the old ferry pier.",
)
OTHER = "A rare orchid was found growing in the botanical garden's greenhouse."


def _check(name: str) -> None:
    emb = get_embedder(name)
    m = emb.encode([*SAME, OTHER])
    assert m.shape == (3, emb.dim)
    assert np.allclose(np.linalg.norm(m, axis=1), 1.0, atol=1e-4)
    assert float(m[0] @ m[1]) > float(m[0] @ m[2]) + 0.1
    assert emb.encode([]).shape[0] == 0
    assert emb.name and emb.version


def test_hashing_is_deterministic() -> None:
    a = HashingEmbedder().encode(list(SAME))
    b = HashingEmbedder().encode(list(SAME))
    assert np.array_equal(a, b)
    _check("hashing")


@pytest.mark.slow
def test_wordllama_separates_paraphrase_from_unrelated() -> None:
    _check("wordllama")


@pytest.mark.slow
def test_minilm_separates_paraphrase_from_unrelated() -> None:
    _check("minilm")


def test_unknown_embedder_is_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown embedder"):
        get_embedder("gpt-9")


def test_the_clustering_refiner_is_minilm_when_installed_unless_turned_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newsweave import embed

    assert refiner_name("auto", "wordllama") == "minilm"  # make test installs it
    assert refiner_name("none", "wordllama") is None
    assert refiner_name("minilm", "minilm") is None  # the main embedder needs no second look
    assert refiner_name("auto", "minilm") is None
    monkeypatch.setattr(embed, "_installed", lambda name: False)
    assert refiner_name("auto", "wordllama") is None  # a plain install: no close calls
    assert refiner_name("minilm", "wordllama") == "minilm"  # asked for: its absence is an error
    with pytest.raises(ConfigError, match="cluster_refiner"):
        refiner_name("bogus", "wordllama")
