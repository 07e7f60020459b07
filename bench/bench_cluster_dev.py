"""Story clustering on the labeled dev set: newsweave (online) vs the TF-IDF baseline.

    .venv/bin/python bench/bench_cluster_dev.py [FILE.jsonl] [--label event_id]

newsweave sees the articles once, in order of publication (as a stream), in batches of
1,000 as `newsweave ingest` does (and, for comparison, one at a time); the baseline
sees them all at once (offline average-linkage agglomerative clustering, no time) with
its threshold tuned on this very file. Also printed: an ablation of newsweave without
its time decay, and the ceiling of any clusterer that splits an event wherever its
articles are more than N days apart (the dev set's dates spread some events over years).
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from dataclasses import replace
from pathlib import Path

from sklearn.metrics import adjusted_rand_score

sys.path.insert(0, str(Path(__file__).resolve().parent))

from baseline_tfidf import DEFAULT_THRESHOLD, baseline_clusters
from newsweave.evaluate import bcubed, cluster_in_memory, load_labeled
from newsweave.settings import Settings
from newsweave.store import cluster_params

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev" / "news_cluster.jsonl"


def row(name: str, pred: dict[str, str], truth: dict[str, str], seconds: float) -> str:
    b = bcubed(pred, truth)
    ids = list(truth)
    ari = adjusted_rand_score([truth[i] for i in ids], [pred[i] for i in ids])
    sizes = collections.Counter(pred[i] for i in ids)
    single = sum(1 for n in sizes.values() if n == 1) / len(sizes)
    return (
        f"| {name} | {b['precision']:.3f} | {b['recall']:.3f} | {b['f1']:.3f} | {ari:.3f} "
        f"| {len(sizes)} | {single:.0%} | {len(ids) / seconds:.0f} |"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", default=str(DEV))
    ap.add_argument("--label", default="event_id")
    args = ap.parse_args(argv)
    articles, truth = load_labeled(args.file, args.label)
    settings = Settings()
    print(f"data: {args.file}: {len(articles)} articles, {len(set(truth.values()))} true stories")
    print("| method | B3 precision | B3 recall | B3 F1 | ARI | stories | singletons | articles/s |")
    print("|---|---|---|---|---|---|---|---|")
    params = cluster_params(settings)
    cluster_in_memory(articles[:5], settings, params)  # load the embedder outside the timing
    t0 = time.perf_counter()
    pred = cluster_in_memory(articles, settings, params)
    print(row("newsweave (online, time-aware)", pred, truth, time.perf_counter() - t0))
    t0 = time.perf_counter()
    pred = cluster_in_memory(articles, settings, params, batch_size=1)
    print(row("newsweave, one article at a time (no batch)", pred, truth, time.perf_counter() - t0))
    t0 = time.perf_counter()
    no_time = replace(params, decay_days=1e6)
    pred = cluster_in_memory(articles, settings, no_time)
    print(row("newsweave without time decay (ablation)", pred, truth, time.perf_counter() - t0))
    t0 = time.perf_counter()
    pred = baseline_clusters(articles, DEFAULT_THRESHOLD)
    print(
        row(
            f"baseline TF-IDF avg-link (offline, tuned {DEFAULT_THRESHOLD})",
            pred,
            truth,
            time.perf_counter() - t0,
        )
    )
    # Ceiling: the true clusters, cut wherever consecutive articles are > N days apart.
    when = {a.id: (a.published.timestamp() / 86400 if a.published else 0.0) for a in articles}
    by_event: dict[str, list[str]] = collections.defaultdict(list)
    for aid, label in truth.items():
        by_event[label].append(aid)
    for days in (7, 30, 60):
        cut: dict[str, str] = {}
        for label, ids in by_event.items():
            ids.sort(key=lambda i: when[i])
            part, last = 0, None
            for i in ids:
                if last is not None and when[i] - last > days:
                    part += 1
                cut[i] = f"{label}/{part}"
                last = when[i]
        print(
            f"ceiling of a clusterer that never links articles > {days} days apart: B3 F1 {bcubed(cut, truth)['f1']:.3f}"
        )
    demo_corpus(settings)
    return 0


def demo_corpus(settings: Settings) -> None:
    """The same comparison on the fictional demo corpus (7 events, labels = folders)."""
    from newsweave.demo import corpus_paths
    from newsweave.ingest import load_articles

    articles = load_articles(corpus_paths(), settings).articles
    truth = {a.id: Path(a.origin.split("#")[0].split(":")[0]).parent.name for a in articles}
    print(f"\ndata: demo corpus: {len(articles)} articles, {len(set(truth.values()))} true stories")
    print("| method | B3 precision | B3 recall | B3 F1 | ARI | stories | singletons | articles/s |")
    print("|---|---|---|---|---|---|---|---|")
    t0 = time.perf_counter()
    pred = cluster_in_memory(articles, settings, cluster_params(settings))
    print(row("newsweave (online, time-aware)", pred, truth, time.perf_counter() - t0))
    t0 = time.perf_counter()
    pred = baseline_clusters(articles, DEFAULT_THRESHOLD)
    print(
        row(
            f"baseline TF-IDF avg-link ({DEFAULT_THRESHOLD})", pred, truth, time.perf_counter() - t0
        )
    )


if __name__ == "__main__":
    sys.exit(main())
