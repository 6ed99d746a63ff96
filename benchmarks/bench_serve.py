"""Load test of ``kg serve``: concurrent clients sending named queries for a fixed time.

One command::

    python benchmarks/bench_serve.py                     # 16 clients, 30 s, the sample corpus
    python benchmarks/bench_serve.py --articles 1000     # a bigger synthetic store (make_corpus.py)

It builds a store (the sample corpus, or a synthetic corpus of ``--articles``
articles made by ``benchmarks/make_corpus.py``: for speed, not quality), starts
``kg serve`` in its own process on a free loopback port, and runs ``--clients``
client threads in this process, each with its own keep-alive HTTP connection,
sending ``GET /queries/NAME?...`` in turn over every named query (with
``actor=Russia`` / ``entity=Russia`` where they take one) for ``--seconds``.
It prints the machine (cores, memory, load), requests per second, latency
percentiles and errors by HTTP status.  The baseline, measured in the same run,
is the same queries run one after another in this process on the embedded
store (``kg.queries.run``): the ratio shows what HTTP, the worker processes and
concurrency add or gain.  Exits 1 when any request failed.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

ACTOR = "Russia"


def machine() -> str:
    """Cores, memory and load average."""
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{os.cpu_count()} cores, {mem} memory, load average {load}, Python {sys.version.split()[0]}"


def requests_to_send() -> list[tuple[str, dict[str, str]]]:
    """Every named query, with the actor (or entity) parameter where it has one."""
    from kg import queries

    out = []
    for q in queries.catalog().values():
        params = {p.name: ACTOR for p in q.params if p.kind in ("actor", "entity")}
        out.append((q.name, params))
    return out


def build_store(folder: Path, articles: int) -> Path:
    """Ingest the sample corpus (or a synthetic corpus of ``articles``) into ``folder/store``."""
    store = folder / "store"
    if articles:
        corpus = folder / "corpus.jsonl"
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), str(articles), "--out", str(corpus)], check=True)
        source = str(corpus)
    else:
        from kg import resources

        source = str(resources.path("data", "sample"))
    subprocess.run([sys.executable, "-m", "kg", "--store", str(store), "ingest", "-q", source], check=True)
    return store


def baseline(store: Path, work: list[tuple[str, dict[str, str]]], seconds: float) -> tuple[float, list[float]]:
    """Queries per second and latencies of the same named queries run in this process, one at a time."""
    from kg import queries
    from kg.store import Store

    db = Store(store, read_only=True)
    latencies = []
    started = time.perf_counter()
    i = 0
    while time.perf_counter() - started < seconds:
        name, params = work[i % len(work)]
        t0 = time.perf_counter()
        queries.run(db, name, **params)
        latencies.append(time.perf_counter() - t0)
        i += 1
    return i / (time.perf_counter() - started), latencies


def client(port: int, work: list[tuple[str, dict[str, str]]], offset: int, stop_at: float,
           latencies: list[float], statuses: Counter[int | str], lock: threading.Lock) -> None:
    """One client: a keep-alive connection sending named queries until ``stop_at``."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    mine: list[float] = []
    seen: Counter[int | str] = Counter()
    i = offset
    while time.perf_counter() < stop_at:
        name, params = work[i % len(work)]
        path = f"/queries/{name}" + (f"?{urlencode(params)}" if params else "")
        t0 = time.perf_counter()
        try:
            conn.request("GET", path, headers={"Accept": "application/sparql-results+json"})
            response = conn.getresponse()
            response.read()
            seen[response.status] += 1
        except (OSError, http.client.HTTPException) as exc:
            seen[type(exc).__name__] += 1
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine.append(time.perf_counter() - t0)
        i += 1
    conn.close()
    with lock:
        latencies.extend(mine)
        statuses.update(seen)


def percentile(values: list[float], p: float) -> float:
    """The ``p``-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients (default 16)")
    parser.add_argument("--seconds", type=float, default=30.0, help="length of the load test (default 30)")
    parser.add_argument("--workers", type=int, default=None, help="kg serve --workers (default: number of CPUs)")
    parser.add_argument("--articles", type=int, default=0, help="synthetic corpus size (default: the 2-article sample)")
    parser.add_argument("--store", type=Path, default=None, help="serve this existing store instead of building one")
    args = parser.parse_args()

    from _servers import kg_serve

    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        folder = Path(tmp)
        store = args.store or build_store(folder, args.articles)
        work = requests_to_send()
        print(f"machine: {machine()}")
        print(f"store: {store}; {len(work)} named queries in turn: "
              + ", ".join(n + ("?" + urlencode(p) if p else "") for n, p in work))
        base_qps, base_lat = baseline(store, work, min(args.seconds, 10.0))
        options = ["--timeout", "30"] + (["--workers", str(args.workers)] if args.workers else [])
        server = kg_serve(store, folder / "serve.log", *options)
        try:
            latencies: list[float] = []
            statuses: Counter[int | str] = Counter()
            lock = threading.Lock()
            stop_at = time.perf_counter() + args.seconds
            started = time.perf_counter()
            threads = [
                threading.Thread(target=client, args=(server.port, work, k, stop_at, latencies, statuses, lock))
                for k in range(args.clients)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.perf_counter() - started
        finally:
            server.stop()
        total = sum(statuses.values())
        errors = {k: v for k, v in statuses.items() if k != 200}
        rps = total / elapsed
        workers = args.workers or os.cpu_count()
        print(f"kg serve ({workers} workers), {args.clients} clients, {elapsed:.1f} s: {total} requests, "
              f"{rps:.1f} requests/s")
        print(f"latency: p50 {percentile(latencies, 50) * 1000:.1f} ms, p95 {percentile(latencies, 95) * 1000:.1f} ms, "
              f"p99 {percentile(latencies, 99) * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms")
        print(f"errors: {sum(errors.values())} {dict(errors) if errors else ''}".rstrip())
        print(f"baseline (same queries in-process, one at a time): {base_qps:.1f} queries/s, "
              f"p50 {statistics.median(base_lat) * 1000:.1f} ms, p95 {percentile(base_lat, 95) * 1000:.1f} ms; "
              f"server/baseline throughput ratio {rps / base_qps:.2f}")
        return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
