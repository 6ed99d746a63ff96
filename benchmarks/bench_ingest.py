"""Ingest benchmark: extraction speed, ingest wall time, peak memory, store size, query latency.

One command::

    python benchmarks/bench_ingest.py                       # 10,000 and 100,000 articles (long)
    python benchmarks/bench_ingest.py --sizes 1000          # a quick run

For each size it makes a synthetic corpus with ``benchmarks/make_corpus.py``
(for speed, not quality), then prints:

- the machine: cores, memory, load average (other work on the machine slows every figure);
- extraction articles per second in one process (wall clock and CPU time);
- ``kg ingest --jobs N`` for each N: wall time, articles per second, peak memory of
  the whole process tree (the sum of the resident sizes of kg and its workers,
  sampled every 0.2 s from /proc) and store size on disk;
- the named queries' latency (p50/p95) on the resulting store;
- the same ingest through rdflib's in-memory ``Dataset`` as a baseline, for
  sizes up to 10,000, measured in the same run, with the ratio to kg.

``--profile`` adds a cProfile of an in-process ingest of 500 articles.
Linux only (memory is read from /proc).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUERY_PARAMS = {"actor": "Japan", "entity": "Japan"}
"""Parameters given to the named queries that take them (Japan: a mid-frequency actor in the corpus)."""


# -- machine and memory --------------------------------------------------------------------------


def machine() -> str:
    """Cores, memory and load average of this machine."""
    pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    load = os.getloadavg()
    return (f"{os.cpu_count()} cores, {pages / 2**30:.1f} GiB memory, load average "
            f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, Python {sys.version.split()[0]}")


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu_ticks(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime
    except (OSError, IndexError, ValueError):
        return 0


class TreeMemory:
    """Samples the summed resident memory, and the CPU time, of a process and all its descendants.

    (The CPU time of a process's last 0.2 s before it exits is not seen.)
    """

    def __init__(self, pid: int, every: float = 0.2) -> None:
        self.pid, self.every, self.peak = pid, every, 0
        self.ticks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            tree, todo, total = _children(), [self.pid], 0
            while todo:
                pid = todo.pop()
                total += _rss_kib(pid)
                self.ticks[pid] = max(self.ticks.get(pid, 0), _cpu_ticks(pid))
                todo.extend(tree.get(pid, []))
            self.peak = max(self.peak, total)
            self._stop.wait(self.every)

    def stop(self) -> float:
        """Stop sampling; the peak in MiB."""
        self._stop.set()
        self._thread.join()
        return self.peak / 1024

    def cpu_seconds(self) -> float:
        """CPU time (user + system) seen used by the tree."""
        return sum(self.ticks.values()) / os.sysconf("SC_CLK_TCK")


def du_mib(path: Path) -> float:
    """Size on disk of a folder, in MiB."""
    return sum(p.stat().st_blocks * 512 for p in path.rglob("*") if p.is_file()) / 2**20


# -- the measurements ---------------------------------------------------------------------------


def corpus(n: int, work: Path, seed: int) -> Path:
    """The synthetic corpus of ``n`` articles (made once, then reused)."""
    path = work / f"corpus-{n}-seed{seed}"
    if not path.exists():
        shutil.rmtree(str(path) + ".tmp", ignore_errors=True)
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), str(n), "--out", str(path) + ".tmp",
                        "--seed", str(seed)], check=True)
        os.replace(str(path) + ".tmp", path)
    return path


def extraction_rate(path: Path, n: int = 300) -> dict[str, float]:
    """Articles per second of the extraction stage in this process (wall and CPU)."""
    from kg.ingest import extract_article
    from kg.readers import Article, read

    articles = []
    for item in read([path]):
        if isinstance(item, Article):
            articles.append(item)
        if len(articles) == n:
            break
    extract_article(articles[0])  # load spaCy and the vocabularies
    wall, cpu = time.perf_counter(), time.process_time()
    size = sum(len(extract_article(a)[1]) for a in articles)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"articles": len(articles), "wall_per_s": len(articles) / wall, "cpu_per_s": len(articles) / cpu,
            "nquads_kib_per_article": size / len(articles) / 1024}


def run_ingest(path: Path, store: Path, jobs: int) -> dict[str, float]:
    """``kg ingest --jobs N`` in a subprocess: wall time, peak tree memory, store size."""
    shutil.rmtree(store, ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "--store", str(store), "ingest", str(path),
                             "--jobs", str(jobs), "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    memory = TreeMemory(proc.pid)
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    peak = memory.stop()
    if proc.returncode != 0:
        raise SystemExit(f"kg ingest failed ({proc.returncode}): {err[-2000:]}")
    cpu = memory.cpu_seconds()
    articles = int(out.split("Ingested ")[1].split()[0])
    written = du_mib(store)
    import pyoxigraph

    pyoxigraph.Store(str(store)).flush()  # opening it once drops the write-ahead logs left behind
    return {"jobs": jobs, "articles": articles, "wall_s": wall, "per_s": articles / wall, "peak_mib": peak,
            "store_mib": du_mib(store), "store_mib_before_reopen": written, "cpu_s": cpu, "per_cpu_s": articles / cpu,
            "summary": out.strip()}


def query_latency(store_path: Path, repeats: int, timeout: float) -> dict[str, object]:
    """p50/p95 of each named query on the store (parameters from QUERY_PARAMS), in ms.

    Each query runs in its own process, cut off after ``timeout`` seconds.
    """
    from kg import queries

    per_query: dict[str, dict[str, object]] = {}
    everything: list[float] = []
    for name, query in queries.catalog().items():
        params = {p.name: QUERY_PARAMS[p.name] for p in query.params if p.name in QUERY_PARAMS}
        shown = " ".join(f"{k}={v}" for k, v in params.items())
        try:
            proc = subprocess.run([sys.executable, __file__, "--query-child", str(store_path), name, str(repeats)],
                                  capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            per_query[name] = {"params": shown, "rows": "?", "p50_ms": f"> {timeout * 1000:.0f}",
                               "p95_ms": f"> {timeout * 1000:.0f}"}
            everything.append(timeout * 1000)
            continue
        if proc.returncode != 0:
            per_query[name] = {"params": shown, "rows": "error", "p50_ms": proc.stderr.strip()[-200:], "p95_ms": ""}
            continue
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        everything += result["times"]
        per_query[name] = {"params": shown, "rows": result["rows"], "p50_ms": f"{_pct(result['times'], 50):.1f}",
                           "p95_ms": f"{_pct(result['times'], 95):.1f}"}
    return {"p50_ms": _pct(everything, 50), "p95_ms": _pct(everything, 95), "queries": per_query}


def query_child(store_path: str, name: str, repeats: int) -> None:
    """Run one named query ``repeats`` times (after one warm-up run); print the times as JSON."""
    from kg import queries
    from kg.store import Store

    store = Store(Path(store_path), read_only=True)
    params = {p.name: QUERY_PARAMS[p.name] for p in queries.get(name).params if p.name in QUERY_PARAMS}
    rows = len(queries.run(store, name, **params).rows)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        queries.run(store, name, **params)
        times.append((time.perf_counter() - start) * 1000)
    print(json.dumps({"rows": rows, "times": times}))


def _pct(values: list[float], pct: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def rdflib_child(path: str) -> None:
    """The baseline, run in its own process: extract every article, parse it into rdflib's memory."""
    from rdflib import Dataset

    from kg.ingest import extract_all
    from kg.readers import read

    dataset = Dataset()
    start = time.perf_counter()
    articles = 0
    for out in extract_all(read([Path(path)]), jobs=1, time_limit=None):
        if not isinstance(out, tuple):
            continue
        dataset.parse(data=out[2].decode("utf-8"), format="nquads")
        articles += 1
    print(json.dumps({"articles": articles, "wall_s": time.perf_counter() - start, "quads": len(dataset)}))


def run_rdflib(path: Path) -> dict[str, float]:
    """The rdflib in-memory baseline in a subprocess: wall time and peak memory."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--rdflib-child", str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    memory = TreeMemory(proc.pid)
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    peak = memory.stop()
    if proc.returncode != 0:
        raise SystemExit(f"rdflib baseline failed: {err[-2000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    return {"jobs": 1, "articles": result["articles"], "wall_s": wall, "per_s": result["articles"] / wall,
            "peak_mib": peak, "quads": result["quads"]}


def profile(path: Path, n: int = 500) -> None:
    """cProfile of an in-process ingest of ``n`` articles into a store on disk."""
    import cProfile
    import pstats
    import tempfile

    from kg.ingest import ingest

    with tempfile.TemporaryDirectory() as tmp:
        part = Path(tmp) / "part.jsonl"
        with (path / "part-00000.jsonl").open(encoding="utf-8") as src, part.open("w", encoding="utf-8") as dst:
            for i, line in enumerate(src):
                if i == n:
                    break
                dst.write(line)
        from kg.store import Store

        store = Store(Path(tmp) / "store")
        profiler = cProfile.Profile()
        profiler.enable()
        ingest(store, [part], time_limit=None)
        profiler.disable()
        print(f"\n## cProfile: in-process ingest of {n} articles (top 25 by cumulative time)")
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(25)


# -- the command -----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures (and write them as JSON with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="corpus sizes (default: 10000,100000)")
    parser.add_argument("--jobs", default="2,1", help="--jobs values for kg ingest, in order (default: 2,1)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-bench"), help="corpora and stores (default: /tmp/kg-bench)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default: 1)")
    parser.add_argument("--rdflib-max", type=int, default=10000, help="run the rdflib baseline for sizes up to this (default: 10000)")
    parser.add_argument("--query-repeats", type=int, default=10, help="runs of each named query (default: 10)")
    parser.add_argument("--keep", action="store_true", help="keep the stores")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile of an in-process ingest")
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file as they come")
    parser.add_argument("--query-timeout", type=float, default=30.0, help="seconds per named query, all runs (default: 30)")
    parser.add_argument("--rdflib-child", help=argparse.SUPPRESS)
    parser.add_argument("--query-child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.query_child:
        query_child(args.query_child[0], args.query_child[1], int(args.query_child[2]))
        return 0
    if args.rdflib_child:
        rdflib_child(args.rdflib_child)
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    jobs_list = [int(j) for j in args.jobs.split(",")]
    args.work.mkdir(parents=True, exist_ok=True)
    figures: dict[str, object] = {"machine": machine(), "runs": []}

    def say(line: str) -> None:
        print(line, flush=True)
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2))

    say(f"# kg ingest benchmark\nmachine: {figures['machine']}")
    say("corpus: synthetic, benchmarks/make_corpus.py (for speed, not quality)")
    first = corpus(sizes[0], args.work, args.seed)
    rate = extraction_rate(first)
    figures["extraction"] = rate
    say(f"\nextraction, one process, {rate['articles']:.0f} articles: {rate['wall_per_s']:.1f} articles/s wall, "
        f"{rate['cpu_per_s']:.1f} articles/s of CPU time; {rate['nquads_kib_per_article']:.1f} KiB of N-Quads per article")
    say("\n| articles | how | wall s | articles/s | peak MiB | store MiB | vs rdflib |\n|---|---|---|---|---|---|---|")
    runs: list[dict[str, object]] = figures["runs"]  # type: ignore[assignment]
    for n in sizes:
        path = corpus(n, args.work, args.seed)
        baseline = None
        if n <= args.rdflib_max:
            baseline = run_rdflib(path)
            runs.append({"size": n, "how": "rdflib Dataset (memory)", **baseline})
            say(f"| {n} | rdflib in-memory Dataset, 1 process | {baseline['wall_s']:.1f} | {baseline['per_s']:.1f} | "
                f"{baseline['peak_mib']:.0f} | (memory) | 1.00 |")
        last_store = None
        for jobs in jobs_list:
            store = args.work / f"store-{n}-j{jobs}"
            result = run_ingest(path, store, jobs)
            speedup = f"{baseline['wall_s'] / result['wall_s']:.2f}" if baseline else "-"
            runs.append({"size": n, "how": f"kg ingest --jobs {jobs}", **result})
            say(f"| {n} | kg ingest --jobs {jobs} | {result['wall_s']:.1f} | {result['per_s']:.1f} | "
                f"{result['peak_mib']:.0f} | {result['store_mib']:.0f} | {speedup} |")
            say(f"|   | (CPU time of the process tree: {result['cpu_s']:.0f} s, {result['per_cpu_s']:.1f} articles "
                f"per CPU-second) | | | | | |")
            if last_store and not args.keep:
                shutil.rmtree(last_store, ignore_errors=True)
            last_store = store
        if last_store:
            latency = query_latency(last_store, args.query_repeats, args.query_timeout)
            figures.setdefault("queries", {})[str(n)] = latency  # type: ignore[union-attr]
            say(f"\nnamed queries on the {n}-article store ({args.query_repeats} runs each): "
                f"p50 {latency['p50_ms']:.1f} ms, p95 {latency['p95_ms']:.1f} ms")
            for name, q in latency["queries"].items():  # type: ignore[union-attr]
                say(f"  {name:<11} {q['params']:<14} {q['rows']!s:>7} rows  p50 {q['p50_ms']:>8} ms  p95 {q['p95_ms']:>8} ms")
            if not args.keep:
                shutil.rmtree(last_store, ignore_errors=True)
            say("\n| articles | how | wall s | articles/s | peak MiB | store MiB | vs rdflib |\n|---|---|---|---|---|---|---|")
    say(f"\nmachine at the end: {machine()}")
    if args.profile:
        profile(first)
    return 0


if __name__ == "__main__":
    sys.exit(main())
