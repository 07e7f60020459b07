"""Comparison statistics on the dev set: claims, shared/unique, copies, conflicts, timing.

Usage: .venv/bin/python bench/dev_compare_stats.py [--data PATH] [--out out/dev_conflicts.txt]

Groups ../shared/data/dev/news_cluster.jsonl by ``event_id``, runs ``newsweave.compare`` on
every event with two or more articles, prints per-story figures and totals, and writes every
conflict (values, sources, evidence sentences) to ``--out`` so that a person can read them
and count the real ones. Also times the analysis of one 10-article story (models loaded).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from newsweave import Article, Settings, compare
from newsweave.embed import get_embedder
from newsweave.nlp import get_recognizer

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "dev" / "news_cluster.jsonl"


def _published(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def load_events(path: Path) -> dict[str, list[Article]]:
    events: dict[str, list[Article]] = defaultdict(list)
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            text = r.get("text") or ""
            if not text.strip():
                continue
            events[str(r["event_id"])].append(
                Article(
                    id=str(r["id"]),
                    text=text,
                    outlet=r.get("outlet") or "",
                    title=r.get("title") or "",
                    url=r.get("url") or "",
                    published=_published(r.get("published")),
                    origin=str(path),
                )
            )
    return {k: v for k, v in events.items() if len(v) >= 2}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--out", type=Path, default=Path("out/dev_conflicts.txt"))
    ap.add_argument("--limit", type=int, default=0, help="only the first N events")
    args = ap.parse_args()
    settings = Settings()
    events = load_events(args.data)
    if args.limit:
        events = dict(list(events.items())[: args.limit])
    # Load the models before timing anything.
    get_embedder(settings.embedder)
    get_recognizer(settings.ner)

    per_story: list[int] = []
    shared = unique = copies = n_conflicts = 0
    by_kind: dict[str, int] = defaultdict(int)
    lines: list[str] = []
    print(
        f"{'event':<12} {'arts':>4} {'claims':>6} {'shared':>6} {'unique':>6} {'copies':>6} {'confl':>5} {'sec':>5}"
    )
    for event_id, articles in events.items():
        t0 = time.perf_counter()
        report = compare(articles, settings, story_id=event_id)
        dt = time.perf_counter() - t0
        ns = sum(c.kind == "shared" for c in report.claims)
        nu = len(report.claims) - ns
        per_story.append(len(report.claims))
        shared += ns
        unique += nu
        copies += len(report.copies)
        n_conflicts += len(report.conflicts)
        print(
            f"{event_id:<12} {len(articles):>4} {len(report.claims):>6} {ns:>6} {nu:>6} {len(report.copies):>6} {len(report.conflicts):>5} {dt:>5.2f}"
        )
        outlet = {a.id: a.outlet or a.id for a in articles}
        for cp in report.copies:
            lines.append(
                f"[event {event_id}] COPY {outlet[cp.article]} ({cp.article}) of {outlet[cp.copy_of]} ({cp.copy_of}) sim={cp.similarity}"
            )
        for c in report.conflicts:
            by_kind[c.kind] += 1
            lines.append(
                f"\n[event {event_id}] {c.id} {c.kind}: {c.what} (claims {', '.join(c.claims)})"
            )
            for v in c.values:
                lines.append(
                    f"  = {v.value!r} ({v.normalized}) from {', '.join(outlet[s] for s in v.sources)}"
                )
                for ev in v.evidence:
                    lines.append(f"      [{outlet[ev.article]}] {ev.text}")
    total = shared + unique
    print()
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs; data: {args.data.name}")
    print(
        f"stories: {len(per_story)}; claims per story: mean {statistics.mean(per_story):.1f}, median {statistics.median(per_story)}"
    )
    print(
        f"shared: {shared} ({shared / max(total, 1):.1%}), unique: {unique} ({unique / max(total, 1):.1%})"
    )
    print(f"copies found: {copies}; conflicts found: {n_conflicts} {dict(by_kind)}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"conflicts and copies written to {args.out}")

    # Timing: one story of 10 articles, models already loaded, best of 3.
    ten = next((v for v in events.values() if len(v) >= 10), None)
    if ten is not None:
        ten = ten[:10]
        words = sum(len(a.text.split()) for a in ten)
        runs = []
        for _ in range(3):
            t0 = time.perf_counter()
            compare(ten, settings)
            runs.append(time.perf_counter() - t0)
        print(
            f"10-article story ({words} words): compare {min(runs):.2f} s best of 3 (median {statistics.median(runs):.2f} s)"
        )


if __name__ == "__main__":
    main()
