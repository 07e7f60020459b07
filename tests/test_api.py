"""The public API: a short, sorted, complete ``__all__`` (httpx style)."""

from __future__ import annotations

import newsweave


def test_all_is_sorted_and_importable() -> None:
    names = newsweave.__all__
    assert names == sorted(names)
    for name in names:
        assert hasattr(newsweave, name), name


def test_every_public_object_is_exported() -> None:
    public = {
        n
        for n, v in vars(newsweave).items()
        if not n.startswith("_")
        and not isinstance(v, type(newsweave))  # submodules are not API objects
        and n != "annotations"  # from __future__ import annotations
    }
    assert public <= set(newsweave.__all__), public - set(newsweave.__all__)
