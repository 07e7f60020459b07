"""Web load check: requests/s and latency of the story page and the stories API.

Starts the real server (``newsweave serve --read-only``, uvicorn, one process) on
127.0.0.1 over an existing store, then sends requests from client threads on the same
machine and prints requests/s with p50/p95/p99 latency per endpoint, with the machine and
the data named. Story pages are measured warm (their reports computed and cached first;
the time of those first, cold requests is printed too).

    .venv/bin/python bench/bench_web.py --store STORE.sqlite [--write-docs]

Build the store from the January 2023 stream first, e.g. with
``bench/bench_stream.py --store STORE.sqlite`` or ``newsweave ingest``.
Targets (issue 4): story page p95 <= 200 ms; stories API >= 100 requests/s.
"""

from __future__ import annotations

import argparse
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

from machine import describe
from newsweave.store import Store

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "benchmarks.md"


def machine() -> str:
    return describe()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Result:
    name: str
    requests: int
    seconds: float
    latencies: list[float]
    errors: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    def pct(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    def line(self) -> str:
        return (
            f"{self.name:<28} {self.requests:5d} req  {self.rps:7.1f} req/s  "
            f"p50 {self.pct(0.50):6.1f} ms  p95 {self.pct(0.95):6.1f} ms  "
            f"p99 {self.pct(0.99):6.1f} ms  errors {self.errors}"
        )


def load(base: str, name: str, paths: Sequence[str], total: int, concurrency: int) -> Result:
    """Send ``total`` GETs cycling through ``paths`` from ``concurrency`` threads."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    counter = iter(range(total))

    def worker() -> None:
        nonlocal errors
        with httpx.Client(base_url=base, timeout=60) as client:
            while True:
                with lock:
                    i = next(counter, None)
                if i is None:
                    return
                t = time.perf_counter()
                r = client.get(paths[i % len(paths)])
                dt = time.perf_counter() - t
                with lock:
                    latencies.append(dt)
                    errors += r.status_code != 200

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    start = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return Result(name, total, time.perf_counter() - start, latencies, errors)


def start_server(store: Path, port: int) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "newsweave", "serve", "--store", str(store)]
    cmd += ["--port", str(port), "--read-only"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode() if proc.stderr else ""
            raise SystemExit(f"the server stopped: {err.strip()}")
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/stories?limit=1", timeout=2)
            return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start within 60 s")


def write_docs(text: str) -> None:
    """Replace the body of the "## Web" section of docs/benchmarks.md (re-read first)."""
    doc = DOCS.read_text(encoding="utf-8")
    section = f"## Web\n\n{text.strip()}\n"
    pattern = re.compile(r"^## Web\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(doc):
        doc = pattern.sub(lambda _: section + "\n", doc, count=1).rstrip() + "\n"
    else:
        doc = doc.rstrip() + "\n\n" + section
    DOCS.write_text(doc, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", required=True, help="an existing store file")
    ap.add_argument("--requests", type=int, default=1000, help="requests per endpoint")
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--stories", type=int, default=20, help="story pages to cycle through")
    ap.add_argument("--max-articles", type=int, default=40, help="skip stories with more articles")
    ap.add_argument("--write-docs", action="store_true", help="update docs/benchmarks.md")
    args = ap.parse_args(argv)
    store = Path(args.store)
    if not store.is_file():
        raise SystemExit(f"{store}: store not found (build it with bench/bench_stream.py --store)")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    print(f"machine: {machine()}")
    proc = start_server(store, port)
    try:
        with httpx.Client(base_url=base, timeout=300) as c:
            total = c.get("/stories.json?limit=1").json()["total"]
            biggest = c.get("/api/stories", params={"order": "size", "limit": 200}).json()
            # The biggest stories a reader opens; runaway clusters of hundreds of feed
            # entries are left out (their first report takes minutes, see docs/web.md).
            picked = [s for s in biggest["stories"] if s["article_count"] <= args.max_articles]
            picked = picked[: args.stories]
            ids = [s["id"] for s in picked]
            sizes = [s["article_count"] for s in picked]
            cold = []
            c.get("/stories").raise_for_status()  # outlet/entity lists, computed once
            for sid in ids:
                t = time.perf_counter()
                c.get(f"/stories/{sid}").raise_for_status()
                cold.append(time.perf_counter() - t)
        with Store(store, readonly=True) as st:
            counts = st.stats()
        data = (
            f"store {store.name}: {counts['articles']:,} articles, {total:,} stories, "
            f"{counts['outlets']:,} outlets"
        )
        print(f"data: {data}")
        print(
            f"story pages: the {len(ids)} biggest stories of at most {args.max_articles} articles "
            f"({min(sizes)}-{max(sizes)} articles); "
            f"first (cold) request incl. computing the report: median "
            f"{statistics.median(cold) * 1000:.0f} ms, max {max(cold) * 1000:.0f} ms"
        )
        api_paths = [
            "/api/stories",
            "/api/stories?order=size",
            "/api/stories?q=ukraine",
            "/api/stories?since=2023-01-20&until=2023-01-25",
            "/api/stories?offset=500&limit=50",
        ]
        results = [
            load(base, "GET /api/stories (mixed)", api_paths, args.requests, args.concurrency),
            load(
                base,
                "GET /stories/{id} (warm)",
                [f"/stories/{i}" for i in ids],
                args.requests // 2,
                args.concurrency,
            ),
            load(
                base,
                "GET /stories (HTML list)",
                ["/stories", "/stories?page=3"],
                args.requests // 2,
                args.concurrency,
            ),
            load(
                base,
                "GET /api/stories/{id}/report",
                [f"/api/stories/{i}/report" for i in ids],
                args.requests // 2,
                args.concurrency,
            ),
        ]
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    for r in results:
        print(r.line())
    api, story = results[0], results[1]
    verdict = (
        f"targets: story page p95 {story.pct(0.95):.0f} ms (<= 200: "
        f"{'met' if story.pct(0.95) <= 200 else 'NOT met'}); stories API "
        f"{api.rps:.0f} req/s (>= 100: {'met' if api.rps >= 100 else 'NOT met'})"
    )
    print(verdict)
    if args.write_docs:
        rows = "\n".join(
            f"| {r.name} | {r.requests} | {r.rps:.0f} | {r.pct(0.5):.0f} | {r.pct(0.95):.0f} | "
            f"{r.pct(0.99):.0f} | {r.errors} |"
            for r in results
        )
        write_docs(
            f"""Command: `.venv/bin/python bench/bench_web.py --store {store.name} --write-docs`
(one uvicorn process serving `newsweave serve --read-only`; {args.concurrency} client threads
on the same machine).

- Machine: {machine()}. The 2 cores were shared with the client threads and, while this
  ran, with other work on the machine: absolute figures are noisy.
- Data: {data}, built from `../shared/data/stream/rss-2023-01.jsonl.gz` (the January 2023
  stream) with `bench/bench_stream.py --store`.
- Story pages: the {len(ids)} biggest stories of at most {args.max_articles} articles
  ({min(sizes)}-{max(sizes)} articles; bigger ones are runaway clusters of feed entries),
  measured warm; the first request of each also computes the report: median
  {statistics.median(cold) * 1000:.0f} ms, max {max(cold) * 1000:.0f} ms.
- `GET /api/stories` mixes the default list, `order=size`, a word search, a date range and
  `offset=500`.

| endpoint | requests | req/s | p50 ms | p95 ms | p99 ms | errors |
|---|---|---|---|---|---|---|
{rows}

{verdict}."""
        )
        print(f"wrote the Web section of {DOCS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
