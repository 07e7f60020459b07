"""Stream throughput: ingest + cluster the January 2023 RSS stream into a fresh store.

Prints entries/s, and elapsed time and peak memory when the store reaches 10k, 35k and
70k entries, with the machine and the data named. Reports are not computed (they are
lazy: ``newsweave show`` computes and caches them).

    .venv/bin/python bench/bench_stream.py [--limit N] [--store PATH]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from machine import describe
from newsweave.ingest import load_articles
from newsweave.settings import Settings
from newsweave.store import Store

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
STREAM = SHARED / "stream" / "rss-2023-01.jsonl.gz"
DEV = SHARED / "dev" / "news_cluster.jsonl"
MARKS = (10_000, 35_000, 70_000)


def machine() -> str:
    return describe()


def rss_mb() -> float:
    """Current resident memory (MB)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_models(settings: Settings) -> str:
    """Load the embedder and the close-call refiner outside the timed part; name them."""
    from newsweave.embed import load_clustering_models

    refiner = load_clustering_models(settings.embedder, settings.cluster_refiner)
    return f"embedder {settings.embedder}, close calls {refiner or 'not refined'}"


def full_text(embedder: str = "wordllama", refiner: str = "auto") -> int:
    """Throughput of read + clean + ingest + cluster on full-text articles (no reports)."""
    from newsweave.clean import clean_article

    settings = Settings(embedder=embedder, cluster_refiner=refiner)
    models = load_models(settings)
    print(f"machine: {machine()}")
    print(f"data: {DEV}; {models}")
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        articles = load_articles([DEV], settings).articles
        t1 = time.perf_counter()
        cleaned = [clean_article(a) for a in articles]
        t2 = time.perf_counter()
        with Store(Path(tmp) / "full.sqlite") as store:
            store.ingest(articles, settings)
        t3 = time.perf_counter()
    n = len(articles)
    words = sum(len(a.text.split()) for a in articles)
    print(
        f"{n} articles, {words / n:.0f} words on average, {sum(len(c.sentences) for c in cleaned)} sentences"
    )
    print(f"read {t1 - t0:.2f} s, clean {t2 - t1:.2f} s, ingest + cluster {t3 - t2:.2f} s")
    print(
        f"read + clean + ingest + cluster: {n / (t3 - t0):.0f} articles/s; peak RSS {peak_mb():.0f} MB"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(STREAM))
    ap.add_argument("--limit", type=int, default=0, help="only the first N entries")
    ap.add_argument("--store", help="store file (default: a fresh temporary one)")
    ap.add_argument("--top", type=int, default=15, help="print the N biggest stories")
    ap.add_argument(
        "--full-text",
        action="store_true",
        help="instead: full-text articles (the dev set): read + clean + ingest + cluster",
    )
    ap.add_argument("--embedder", default="wordllama", help="with --full-text: the embedder")
    ap.add_argument(
        "--refiner", default="auto", help="settings.cluster_refiner: auto | minilm | none"
    )
    args = ap.parse_args(argv)
    if args.full_text:
        return full_text(args.embedder, args.refiner)
    settings = Settings(max_input_bytes=500_000_000, cluster_refiner=args.refiner)
    models = load_models(settings)
    print(f"machine: {machine()}")
    print(f"data: {args.data}; {models}")
    t0 = time.perf_counter()
    loaded = load_articles([args.data], settings)
    articles = loaded.articles[: args.limit] if args.limit else loaded.articles
    t_read = time.perf_counter() - t0
    print(
        f"read {len(articles)} entries ({len(loaded.skipped)} skipped) in {t_read:.1f} s; "
        f"RSS {rss_mb():.0f} MB"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.store) if args.store else Path(tmp) / "stream.sqlite"
        marks = [m for m in MARKS if m <= len(articles)] or [len(articles)]
        if len(articles) not in marks and len(articles) > marks[-1]:
            marks.append(len(articles))
        start = time.perf_counter()
        pending = list(marks)

        def progress(n: int) -> None:
            while pending and n >= pending[0]:
                el = time.perf_counter() - start
                print(
                    f"  {n:>6} entries: {el:6.1f} s, {n / el:6.0f} entries/s, "
                    f"RSS {rss_mb():.0f} MB, peak {peak_mb():.0f} MB",
                    flush=True,
                )
                pending.pop(0)

        with Store(path) as store:
            stats = store.ingest(articles, settings, progress=progress)
            elapsed = time.perf_counter() - start
            totals = store.stats()
            print(
                f"ingest + cluster: {len(articles)} entries in {elapsed:.1f} s "
                f"({len(articles) / elapsed:.0f} entries/s); with reading {elapsed + t_read:.1f} s; "
                f"peak RSS {peak_mb():.0f} MB"
            )
            print(f"stats: {stats}")
            print(f"store: {totals}; file {path.stat().st_size / 2**20:.0f} MB")
            big = store.stories(order="size", limit=args.top)
            print(f"\nbiggest {len(big)} stories by independent sources:")
            for s in big:
                day = s.start.strftime("%m-%d") if s.start else "?"
                end = s.end.strftime("%m-%d") if s.end else "?"
                print(
                    f"  {s.source_count:3d} src {s.article_count:4d} art  {day}..{end}  {s.title[:90]}"
                )
            sizes = [s.article_count for s in store.stories(order="size", limit=10**7)]
            single = sum(1 for n in sizes if n == 1)
            print(
                f"\nstories: {len(sizes)}; single-entry stories {single / max(1, len(sizes)):.0%}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
