"""The bundled demo corpus: fictional events reported by fictional outlets.

Every event, outlet, person and place in ``corpus/`` is invented. ``expected.json`` holds
what was planted in it (copies, agreements, unique details, conflicts, quotes, entities,
timeline entries, debris) so that tests can check the comparison engine exactly;
``docs/demo-corpus.md`` describes it for humans.

Layout: ``corpus/<event-slug>/<outlet-slug>.<ext>``, one article per file except JSONL
and RSS files, which may carry several records.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = ["corpus_dir", "corpus_paths", "event_paths", "expected"]

_HERE = Path(__file__).resolve().parent


def corpus_dir() -> Path:
    """The folder holding one sub-folder per demo event."""
    return _HERE / "corpus"


def corpus_paths() -> list[Path]:
    """Every file of the demo corpus, sorted by path."""
    return sorted(p for p in corpus_dir().rglob("*") if p.is_file() and not p.name.startswith("."))


def event_paths() -> dict[str, list[Path]]:
    """The corpus files of each event, keyed by event slug (both sorted)."""
    events: dict[str, list[Path]] = {}
    for path in corpus_paths():
        events.setdefault(path.parent.name, []).append(path)
    return dict(sorted(events.items()))


def expected() -> dict[str, Any]:
    """The parsed ``expected.json``: what was planted in each event (see docs/demo-corpus.md)."""
    data = json.loads((_HERE / "expected.json").read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("demo/expected.json must hold a JSON object")
    return data
