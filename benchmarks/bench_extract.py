"""Extraction speed on one core: articles per second on the sample corpus, repeated.

One command::

    python benchmarks/bench_extract.py            # 100 rounds of the 2 sample articles
    python benchmarks/bench_extract.py --rounds 20

Prints the machine (cores, memory, load average), then articles per second in
this one process (wall clock and CPU time) for: spaCy's tokenizer and
sentencizer alone on the same texts (the baseline: the least any extraction
built on them costs), the extraction rules (``kg.extract.extract``), and the
whole extraction stage (``kg.ingest.extract_article``: rules, quads, N-Quads).
Target (issue 3): at least 50 articles per second for the extraction stage.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from typing import Any


def _measure(what: Callable[[Any], object], articles: list[Any]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    for article in articles:
        what(article)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return len(articles) / wall, len(articles) / cpu


def main(argv: list[str] | None = None) -> int:
    """Measure and print the extraction speed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=100, help="times the sample corpus is repeated (default: 100)")
    args = parser.parse_args(argv)

    from kg import resources
    from kg.extract import extract
    from kg.extract.text import nlp
    from kg.ingest import extract_article
    from kg.readers import Article, read

    sample = [a for a in read([resources.path("data", "sample")]) if isinstance(a, Article)]
    articles = sample * args.rounds
    extract_article(sample[0])  # load spaCy and the vocabularies once, outside the timing
    load = os.getloadavg()
    pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    print(f"machine: {os.cpu_count()} cores, {pages / 2**30:.1f} GiB memory, "
          f"load average {load[0]:.2f} (other work slows the wall-clock figures), Python {sys.version.split()[0]}")
    print(f"corpus: the {len(sample)} sample articles x {args.rounds} = {len(articles)} articles, one process\n")
    pipe = nlp()
    base = _measure(lambda a: pipe(a.text), articles)
    rules = _measure(extract, articles)
    stage = _measure(extract_article, articles)
    print("| step | articles/s (wall) | articles/s (CPU) | CPU time vs baseline |\n|---|---|---|---|")
    print(f"| spaCy tokenizer + sentencizer (baseline) | {base[0]:.1f} | {base[1]:.1f} | 1.0 |")
    print(f"| extraction rules (kg.extract.extract) | {rules[0]:.1f} | {rules[1]:.1f} | {base[1] / rules[1]:.1f}x |")
    print(f"| extraction stage (kg.ingest.extract_article) | {stage[0]:.1f} | {stage[1]:.1f} | {base[1] / stage[1]:.1f}x |")
    verdict = "met" if stage[1] >= 50 else "missed"
    print(f"\ntarget >= 50 articles/s for the extraction stage (CPU time): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
