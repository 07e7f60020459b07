"""Story clustering in a dense stream: the labeled dev events buried in real feed entries.

    .venv/bin/python bench/bench_cluster_dense.py [--days 6] [--seeds 1 2 3] [--embedder NAME]
        [--refiner auto|minilm|none]

The dev set is sparse (69 events over five years): nearly any shared word there is the
same event. A real stream is dense (2,000+ entries a day, many on the same topics), and
that is where a clusterer joins topic neighbours. This benchmark moves each dev event in
time so that its first article lands at a random moment of the first ``--days`` days of
January 2023 (the gaps between its articles are kept), mixes the events with the real
English entries of the January stream published in those days (unlabeled distractors),
clusters everything online in order of publication, as ``newsweave ingest`` does, and
scores the dev articles:

* **dev only**: B-cubed over the dev articles, distractors ignored (what the dev set's
  score becomes when the index also holds a real stream: IDF, candidates, headlines);
* **with distractors**: B-cubed precision where every distractor in a dev article's
  story counts as an article of another event (a topic neighbour swallowed or joined).

Each dev event is scored twice: as full articles (text) and as feed entries (title and
description only, as a feed gives them). The dates moved are the only change: the
distractors are real January 2023 entries, so events on the topics of the dev set
(North Korean launches, Samsung phones, Israel and the West Bank) meet real neighbours
of 2023 in the same days, which is harsher than most real weeks and as a stream of one
beat (tech, one conflict) can be.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from machine import describe
from newsweave.embed import refiner_name
from newsweave.evaluate import bcubed, cluster_in_memory, load_labeled
from newsweave.ingest import load_articles
from newsweave.models import Article
from newsweave.settings import Settings
from newsweave.store import cluster_params

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
STREAM = SHARED / "stream" / "rss-2023-01.jsonl.gz"
DEV = SHARED / "dev" / "news_cluster.jsonl"
START = datetime(2023, 1, 1, tzinfo=UTC)


def shifted(
    articles: list[Article], truth: dict[str, str], days: float, seed: int
) -> list[Article]:
    """Each event moved so that its first article lands in the first ``days`` days."""
    rng = random.Random(seed)
    by_event: defaultdict[str, list[Article]] = defaultdict(list)
    for a in articles:
        by_event[truth[a.id]].append(a)
    out: list[Article] = []
    for label in sorted(by_event):
        members = by_event[label]
        first = min(a.published for a in members if a.published is not None)
        at = START + timedelta(days=rng.uniform(0.5, days - 0.5))
        out.extend(
            replace(a, published=at + (a.published - first) if a.published else at) for a in members
        )
    return out


def score(pred: dict[str, str], truth: dict[str, str]) -> tuple[dict[str, float], float, float]:
    """(dev-only B-cubed, precision counting distractors, F1 with that precision)."""
    dev = bcubed(pred, truth)
    size = Counter(pred.values())
    same = Counter((pred[i], truth[i]) for i in truth)
    precision = sum(same[(pred[i], truth[i])] / size[pred[i]] for i in truth) / len(truth)
    recall = dev["recall"]
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return dev, precision, f1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--days", type=float, default=6.0, help="days of the stream mixed in")
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--embedder", default="wordllama")
    ap.add_argument("--refiner", default="auto", help="settings.cluster_refiner")
    args = ap.parse_args(argv)
    settings = Settings(
        embedder=args.embedder, cluster_refiner=args.refiner, max_input_bytes=500_000_000
    )
    refiner = refiner_name(settings.cluster_refiner, settings.embedder)
    params = cluster_params(settings)
    articles, truth = load_labeled(DEV, "event_id")
    feed = [replace(a, text=a.description, description="") for a in articles]
    loaded = load_articles([STREAM], settings).articles
    end = START + timedelta(days=args.days)
    distractors = [
        a
        for a in loaded
        if a.published is not None
        and START <= a.published < end
        and (a.language or "en").lower().startswith("en")
    ]
    print(f"machine: {describe()}")
    print(
        f"data: {DEV} ({len(articles)} articles, {len(set(truth.values()))} events) moved "
        f"into the first {args.days:g} days of January 2023, with the {len(distractors)} "
        f"English entries of {STREAM.name} published then; embedder {args.embedder}, close calls {refiner or 'not refined'}"
    )
    print(
        "| dev articles as | seed | dev only P | R | F1 | with distractors P | F1 "
        "| alone F1 | entries/s |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for name, data in (("full text", articles), ("feed entries", feed)):
        alone = bcubed(cluster_in_memory(data, settings, params), truth)["f1"]
        for seed in args.seeds:
            mixed = shifted(data, truth, args.days, seed) + distractors
            t0 = time.perf_counter()
            pred = cluster_in_memory(mixed, settings, params)
            rate = len(mixed) / (time.perf_counter() - t0)
            dev, precision, f1 = score(pred, truth)
            print(
                f"| {name} | {seed} | {dev['precision']:.3f} | {dev['recall']:.3f} "
                f"| {dev['f1']:.3f} | {precision:.3f} | {f1:.3f} | {alone:.3f} | {rate:.0f} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
