"""Helper processes that share the named-entity recognition of long inputs.

spaCy holds the GIL, so threads cannot run its model on two cores; a second process
can. :class:`NerWorkers` keeps ``n`` helper processes (``python -m
newsweave.nerworker``), each with its own copy of the spaCy pipeline, and splits a
batch of texts between them and the calling process. Measured on the 10-article
benchmark story (bench/bench_compare.py, 2 cores): NER 1.22-1.27 s in one process,
0.69-0.83 s with one helper.

The helpers are plain subprocesses talking length-prefixed pickles over their stdin
and stdout: no ``multiprocessing`` (whose ``spawn`` re-imports the user's main script
and whose ``fork`` is unsafe under a threaded web server). A helper starts on the
first long batch and is used only once it reports that its model is loaded, so a
one-shot command never waits for it; until then, and whenever a helper has died,
the calling process does all the work itself. The helpers see EOF and exit when the
parent does; the parent also stops them at exit.
"""

from __future__ import annotations

import atexit
import os
import pickle
import select
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

__all__ = ["NerWorkers", "split_by_size"]

_HEADER = struct.Struct("!I")
_MAX_FAILED = 3
_READY = "ready"

Found = list[list[tuple[int, int, str, str]]]


def split_by_size(texts: Sequence[str], parts: int) -> list[range]:
    """Consecutive ranges of ``texts`` with about equal numbers of characters."""
    total = sum(len(t) for t in texts) or 1
    bounds = [0]
    acc = 0
    for i, t in enumerate(texts):
        acc += len(t)
        while len(bounds) < parts and acc >= total * len(bounds) / parts:
            bounds.append(i + 1)
    while len(bounds) < parts:
        bounds.append(len(texts))
    bounds.append(len(texts))
    return [range(bounds[k], bounds[k + 1]) for k in range(parts)]


def _send(stream: IO[bytes], obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _read_exact(stream: IO[bytes], n: int) -> bytes:
    chunks = []
    while n:
        chunk = stream.read(n)
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _receive(stream: IO[bytes]) -> Any:
    (size,) = _HEADER.unpack(_read_exact(stream, _HEADER.size))
    return pickle.loads(_read_exact(stream, size))


class _Helper:
    """One helper process and whether it has said that its model is loaded."""

    def __init__(self) -> None:
        package_root = str(Path(__file__).resolve().parent.parent)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "newsweave.nerworker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        self.ready = False

    def check_ready(self) -> bool:
        """True once the helper has reported its model loaded (never blocks)."""
        if self.ready:
            return True
        out = self.proc.stdout
        if out is None or self.proc.poll() is not None:
            return False
        if select.select([out], [], [], 0)[0]:
            try:
                self.ready = _receive(out) == _READY
            except (EOFError, OSError, pickle.UnpicklingError, struct.error):
                self.stop()
        return self.ready

    def stop(self) -> None:
        self.ready = False
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


class NerWorkers:
    """Split NER batches between this process and ``n`` helper processes.

    ``local`` recognizes a list of texts in this process, returning per text a list of
    ``(start, end, text, label)``. Batches under ``min_chars`` characters stay local.
    """

    def __init__(self, n: int, local: Callable[[list[str]], Found], min_chars: int = 12_000):
        self.n = n
        self.local = local
        self.min_chars = min_chars
        self._helpers: list[_Helper] = []
        # Helpers that died before saying they were ready (no model in their Python,
        # say): after ``_MAX_FAILED`` of them no more are started.
        self._failed = 0
        self._lock = threading.Lock()
        # How many texts of the last batch the helpers answered (for tests and benchmarks).
        self.last_shared = 0
        atexit.register(self.close)

    def recognize(self, texts: list[str]) -> Found:
        """Per text, its mentions; helpers that are ready take a share of the texts."""
        self.last_shared = 0
        if self.n <= 0 or os.name != "posix" or sum(len(t) for t in texts) < self.min_chars:
            return self.local(texts)
        # Another thread is using the helpers: do this batch alone rather than queue.
        if not self._lock.acquire(blocking=False):
            return self.local(texts)
        try:
            return self._shared(texts)
        finally:
            self._lock.release()

    def _shared(self, texts: list[str]) -> Found:
        alive = [h for h in self._helpers if h.proc.poll() is None]
        self._failed += sum(not h.ready for h in self._helpers if h not in alive)
        self._helpers = alive
        while len(self._helpers) < self.n and self._failed < _MAX_FAILED:
            try:
                self._helpers.append(_Helper())
            except OSError:
                break
        ready = [h for h in self._helpers if h.check_ready()]
        if not ready:
            return self.local(texts)
        parts = split_by_size(texts, len(ready) + 1)
        sent: list[tuple[_Helper, range]] = []
        for helper, part in zip(ready, parts[1:], strict=True):
            if not part:
                continue
            try:
                assert helper.proc.stdin is not None
                _send(helper.proc.stdin, [texts[i] for i in part])
                sent.append((helper, part))
            except OSError:  # a dead helper: its texts are done here below
                helper.stop()
        out: list[list[tuple[int, int, str, str]] | None] = [None] * len(texts)
        for i, found in zip(parts[0], self.local([texts[i] for i in parts[0]]), strict=True):
            out[i] = found
        for helper, part in sent:
            try:
                assert helper.proc.stdout is not None
                answer = _receive(helper.proc.stdout)
                if not isinstance(answer, list) or len(answer) != len(part):
                    raise EOFError
                for i, found in zip(part, answer, strict=True):
                    out[i] = found
                self.last_shared += len(part)
            except (EOFError, OSError, pickle.UnpicklingError, struct.error):
                helper.stop()
        missing = [i for i, found in enumerate(out) if found is None]
        if missing:
            for i, found in zip(missing, self.local([texts[i] for i in missing]), strict=True):
                out[i] = found
        return [found or [] for found in out]

    def wait_ready(self, timeout: float = 60.0) -> bool:
        """Start the helpers if need be and wait until all have loaded their model."""
        with self._lock:
            while len(self._helpers) < self.n:
                self._helpers.append(_Helper())
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                if all(h.check_ready() for h in self._helpers):
                    return True
                if any(h.proc.poll() is not None for h in self._helpers):
                    return False
                time.sleep(0.05)
            return False

    def close(self) -> None:
        """Stop the helper processes."""
        for helper in self._helpers:
            helper.stop()
        self._helpers = []


def _serve() -> None:
    """The helper's loop: load the model, say so, then answer batches until EOF."""
    from .nlp import spacy_mentions

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    spacy_mentions(["warm up"])
    _send(stdout, _READY)
    while True:
        try:
            texts = _receive(stdin)
        except EOFError:
            return
        _send(stdout, spacy_mentions(texts))


if __name__ == "__main__":
    _serve()
