"""Score story clustering against labels: B-cubed, adjusted Rand index, throughput.

``evaluate_clustering`` reads a labeled JSONL file (the shape of the dev set: id, url,
outlet, title, published, description, text and a label field), feeds the articles to
the online clustering in order of ``published`` (in memory, no store) and scores the
result.
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from .cluster import ClusterParams, StoryIndex, embed_text, featurize
from .embed import get_embedder, load_clustering_models
from .errors import InputError
from .models import Article
from .provenance import clustering_provenance
from .settings import Settings

__all__ = [
    "bcubed",
    "cluster_in_memory",
    "evaluate_clustering",
    "format_scores",
    "load_labeled",
    "params_from_settings",
]


def bcubed(predicted: Mapping[str, Hashable], truth: Mapping[str, Hashable]) -> dict[str, float]:
    """B-cubed precision, recall and F1 over the items present in ``truth``.

    For each item: precision = share of its predicted cluster that shares its true label,
    recall = share of its true cluster that shares its predicted cluster; both averaged
    over items (Bagga & Baldwin 1998; Amigó et al. 2009).
    """
    items = [i for i in truth if i in predicted]
    if not items:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    pairs = Counter((predicted[i], truth[i]) for i in items)
    pred_size = Counter(predicted[i] for i in items)
    true_size = Counter(truth[i] for i in items)
    p = sum(pairs[(predicted[i], truth[i])] / pred_size[predicted[i]] for i in items) / len(items)
    r = sum(pairs[(predicted[i], truth[i])] / true_size[truth[i]] for i in items) / len(items)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1}


def params_from_settings(settings: Settings) -> ClusterParams:
    """The clustering parameters that come from the settings object."""
    from .store import cluster_params

    return cluster_params(settings)


def _parse_time(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


def load_labeled(path: str | Path, label: str) -> tuple[list[Article], dict[str, str]]:
    """Articles and their labels from a JSONL file; raises InputError on bad input."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(p), f"cannot read ({exc.strerror})") from None
    articles: list[Article] = []
    labels: dict[str, str] = {}
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{p}:{n}", f"not valid JSON ({exc.msg})") from None
        if not isinstance(rec, dict) or label not in rec:
            raise InputError(f"{p}:{n}", f"no {label!r} field")
        aid = str(rec.get("id") or rec.get("url") or f"{p.name}:{n}")
        articles.append(
            Article(
                id=aid,
                text=str(rec.get("text") or rec.get("description") or rec.get("title") or ""),
                outlet=str(rec.get("outlet") or ""),
                title=str(rec.get("title") or ""),
                url=str(rec.get("url") or ""),
                published=_parse_time(rec.get("published")),
                description=str(rec.get("description") or ""),
                origin=f"{p}:{n}",
            )
        )
        labels[aid] = str(rec[label])
    if not articles:
        raise InputError(str(p), "no records")
    return articles, labels


def _when(a: Article) -> float:
    return a.published.timestamp() if a.published is not None else float("inf")


def cluster_in_memory(
    articles: Sequence[Article],
    settings: Settings | None = None,
    params: ClusterParams | None = None,
    batch_size: int = 0,
) -> dict[str, str]:
    """Cluster ``articles`` (fed in order of publication) without a store: id -> story id.

    Batches are as large as ``newsweave ingest`` makes them (``store.BATCH_SIZE``) unless
    ``batch_size`` says otherwise: the batch's second look depends on it (on the dev set
    F1 is 0.913 one article at a time, 0.927 in batches of 1,000).
    """
    if batch_size <= 0:
        from .store import BATCH_SIZE

        batch_size = BATCH_SIZE
    settings = settings or Settings()
    params = params or params_from_settings(settings)
    embedder = get_embedder(settings.embedder)
    ordered = sorted(articles, key=_when)
    by_id = {a.id: a for a in ordered}

    def texts_of(ids: Sequence[str]) -> dict[str, str]:
        return {i: embed_text(by_id[i], params) for i in ids if i in by_id}

    from .store import cluster_refiner

    index = StoryIndex(embedder.dim, params, cluster_refiner(settings, texts_of))
    counter = iter(range(1, 1 << 62))
    out: dict[str, str] = {}
    for b in range(0, len(ordered), batch_size):
        batch = ordered[b : b + batch_size]
        feats = featurize(batch, embedder.encode, params)
        for a in index.assign(feats, lambda _aid: f"s{next(counter)}"):
            out[a.article_id] = a.story_id
        merged = dict(index.merged_since_last_call())
        if merged:
            for aid, sid in out.items():
                while sid in merged:
                    sid = merged[sid]
                out[aid] = sid
    return out


def evaluate_clustering(
    path: str | Path, label: str, settings: Settings | None = None
) -> dict[str, Any]:
    """Cluster a labeled JSONL file and score it (the ``newsweave eval clustering`` result)."""
    from sklearn.metrics import adjusted_rand_score

    articles, labels = load_labeled(path, label)
    settings = settings or Settings()
    # the models are loaded outside the timed part
    refiner = load_clustering_models(settings.embedder, settings.cluster_refiner)
    t0 = time.perf_counter()
    assignments = cluster_in_memory(articles, settings)
    elapsed = time.perf_counter() - t0
    ids = list(labels)
    sizes = Counter(assignments.values())
    return {
        "file": str(path),
        "label": label,
        "articles": len(ids),
        "bcubed": bcubed(assignments, labels),
        "ari": float(adjusted_rand_score([labels[i] for i in ids], [assignments[i] for i in ids])),
        "predicted_stories": len(sizes),
        "true_stories": len(set(labels.values())),
        "singleton_share": sum(1 for n in sizes.values() if n == 1) / max(1, len(sizes)),
        "articles_per_second": len(ids) / elapsed if elapsed > 0 else 0.0,
        "seconds": elapsed,
        "embedder": settings.embedder,
        "refiner": refiner,
        "provenance": clustering_provenance(settings),
        "assignments": assignments,
    }


def format_scores(result: Mapping[str, Any]) -> str:
    """The human-readable summary printed by ``newsweave eval clustering``."""
    b = result["bcubed"]
    lines = [
        f"{result['file']}: {result['articles']} articles, label {result['label']!r}",
        f"B-cubed precision {b['precision']:.3f}  recall {b['recall']:.3f}  F1 {b['f1']:.3f}",
        f"adjusted Rand index {result['ari']:.3f}",
        f"stories: predicted {result['predicted_stories']}, true {result['true_stories']}; "
        f"single-article stories {result['singleton_share']:.1%}",
        f"throughput {result['articles_per_second']:.0f} articles/s "
        f"({result['seconds']:.2f} s, embedder {result['embedder']}"
        + (f", close calls {result['refiner']}" if result.get("refiner") else "")
        + ")",
    ]
    return "\n".join(lines)


def group_by_story(assignments: Mapping[str, str]) -> dict[str, list[str]]:
    """story id -> article ids (helper for inspection)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for a, s in assignments.items():
        groups[s].append(a)
    return dict(groups)
