"""Benchmark the comparison engine.

1. Analysis time of one story of 10 articles of ~700 words (models loaded), per stage.
2. The same story compared again once it gained an article, with and without the cache
   of named-entity mentions that the store keeps (NER then runs on the new text only).
3. `newsweave compare` on the two seed reports from a cold start (wall, new process).
4. Size on disk of the default install (packages newsweave depends on, without extras).

Data: ../shared/data/dev/news_cluster.jsonl (the 10 articles closest to 700 words) and
../shared/data/seeds/*.txt. Run: .venv/bin/python bench/bench_compare.py
"""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

from machine import describe
from newsweave import Article, Settings, compare, nlp
from newsweave.models import Mention

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


def ten_articles() -> list[Article]:
    rows = [json.loads(line) for line in (SHARED / "dev" / "news_cluster.jsonl").open()]
    rows.sort(key=lambda r: abs(len(r["text"].split()) - 700))
    return [
        Article(id=r["id"], text=r["text"], outlet=r["outlet"], title=r["title"]) for r in rows[:10]
    ]


def analysis(settings: Settings, runs: int = 5) -> tuple[float, dict[str, float], int]:
    arts = ten_articles()
    words = sum(len(a.text.split()) for a in arts)
    compare(arts, settings)  # warm-up: loads the models
    if settings.ner == "spacy" and settings.ner_workers:
        # ... and waits for the NER helper processes to load theirs.
        nlp.ner_helpers(settings.ner_workers).wait_ready()
    times, stages = [], {}
    for _ in range(runs):
        t: dict[str, float] = {}
        start = time.perf_counter()
        compare(arts, settings, timings=t)
        times.append(time.perf_counter() - start)
        for k, v in t.items():
            stages.setdefault(k, []).append(v)
    return statistics.median(times), {k: statistics.median(v) for k, v in stages.items()}, words


def recompute(settings: Settings, runs: int = 5) -> tuple[float, float]:
    """(median s without, with the NER cache) to compare the 10-article story again
    after it gained its 10th article, the first 9 having been compared before."""
    arts = ten_articles()
    plain, cached = [], []
    for _ in range(runs):
        start = time.perf_counter()
        compare(arts, settings)
        plain.append(time.perf_counter() - start)
        cache: dict[str, list[Mention]] = {}
        compare(arts[:9], settings, ner_cache=cache)
        start = time.perf_counter()
        compare(arts, settings, ner_cache=cache)
        cached.append(time.perf_counter() - start)
    return statistics.median(plain), statistics.median(cached)


def cold_start(runs: int = 3) -> float:
    exe = Path(sys.executable).parent / "newsweave"
    seeds = sorted(str(p) for p in (SHARED / "seeds").glob("*.txt"))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [str(exe), "compare", *seeds, "--format", "json"], check=True, capture_output=True
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def install_size() -> tuple[float, int]:
    """MB on disk of newsweave's default dependency tree (from the installed RECORD files)."""
    seen: set[str] = set()
    todo = ["newsweave"]
    total = 0
    while todo:
        name = re.split(r"[\s<>=!~;\[]", todo.pop())[0].lower().replace("_", "-")
        if name in seen:
            continue
        seen.add(name)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        for f in dist.files or []:
            p = Path(str(dist.locate_file(f)))
            if p.is_file():
                total += p.stat().st_size
        for req in dist.requires or []:
            if "extra ==" not in req:
                todo.append(req)
    return total / 1e6, len(seen)


def main() -> None:
    print(f"machine: {describe()}")
    settings = Settings()
    med, stages, words = analysis(settings)
    print(f"data: 10 dev-set articles closest to 700 words ({words} words in all)")
    print(
        f"analysis, 10 articles, models loaded (median of 5; {settings.ner_workers} NER helper "
        f"process): {med:.2f} s  [target <= 1.5 s]"
    )
    for k, v in stages.items():
        print(f"  {k:<10} {v * 1000:7.0f} ms")
    alone, alone_stages, _ = analysis(settings.replace(ner_workers=0))
    print(
        f"the same in one process (ner_workers = 0): {alone:.2f} s "
        f"(NER {alone_stages['ner'] * 1000:.0f} ms)"
    )
    plain, cached = recompute(settings)
    print(
        "the same story compared again after gaining its 10th article (median of 5): "
        f"{plain:.2f} s, {cached:.2f} s with the NER cache the store keeps"
    )
    print(
        f"cold start `newsweave compare` on the 2 seed reports (median of 3): {cold_start():.2f} s  [target <= 5 s]"
    )
    mb, n = install_size()
    print(f"default install: {mb:.0f} MB on disk in {n} distributions (no torch, no GPU)")


if __name__ == "__main__":
    main()
