"""Shared test helpers: paths to ../shared/data and small article builders."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.models import Article

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


def make_article(text: str, id: str = "a1", outlet: str = "", **kw: object) -> Article:
    return Article(id=id, text=text, outlet=outlet, **kw)  # type: ignore[arg-type]


@pytest.fixture
def shared_data() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"../shared/data is missing (expected at {SHARED})")
    return SHARED
