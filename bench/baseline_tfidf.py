"""Baseline story clustering: TF-IDF cosine + average-linkage agglomerative clustering.

Offline (sees every article at once, no time): the reference newsweave's online
clustering must beat. The distance threshold is tuned on the labeled file itself
(``--tune``), which flatters the baseline.

    .venv/bin/python bench/baseline_tfidf.py [FILE.jsonl] [--label event_id] [--tune]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score

from newsweave.evaluate import bcubed, load_labeled
from newsweave.models import Article

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev" / "news_cluster.jsonl"
THRESHOLDS = [round(x, 2) for x in np.arange(0.50, 0.96, 0.025)]
DEFAULT_THRESHOLD = 0.85  # cosine distance; the best value of --tune on the dev set


def baseline_clusters(articles: list[Article], threshold: float) -> dict[str, str]:
    """Article id -> cluster label from TF-IDF (title + description + text) and average linkage."""
    texts = [f"{a.title}\n{a.description}\n{a.text}" for a in articles]
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1).fit_transform(texts)
    if len(articles) == 1:
        return {articles[0].id: "c0"}
    model = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=threshold
    )
    labels = model.fit_predict(matrix.toarray())
    return {a.id: f"c{label}" for a, label in zip(articles, labels, strict=True)}


def score(path: Path, label: str, threshold: float) -> dict[str, Any]:
    articles, truth = load_labeled(path, label)
    t0 = time.perf_counter()
    pred = baseline_clusters(articles, threshold)
    elapsed = time.perf_counter() - t0
    ids = list(truth)
    return {
        "threshold": threshold,
        "bcubed": bcubed(pred, truth),
        "ari": float(adjusted_rand_score([truth[i] for i in ids], [pred[i] for i in ids])),
        "predicted_stories": len(set(pred.values())),
        "true_stories": len(set(truth.values())),
        "seconds": elapsed,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", default=str(DEV))
    ap.add_argument("--label", default="event_id")
    ap.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    ap.add_argument("--tune", action="store_true", help="try a grid of thresholds, print each")
    args = ap.parse_args(argv)
    if args.tune:
        best: dict[str, Any] | None = None
        for t in THRESHOLDS:
            r = score(Path(args.file), args.label, t)
            print(f"threshold {t:.3f}: B-cubed F1 {r['bcubed']['f1']:.3f}", file=sys.stderr)
            if best is None or r["bcubed"]["f1"] > best["bcubed"]["f1"]:
                best = r
        print(json.dumps(best, indent=2))
    else:
        print(json.dumps(score(Path(args.file), args.label, args.threshold), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
