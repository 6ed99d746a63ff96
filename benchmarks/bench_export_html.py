"""Interactive page benchmark: is `kg export --format html` usable at 5,000 nodes?

One command::

    python benchmarks/bench_export_html.py                  # 5,000 nodes (and a 500-node baseline)
    python benchmarks/bench_export_html.py --nodes 20000    # a sampled page (shows --max-nodes 5000)

It makes a synthetic graph (preferential attachment, two edges per new node:
FOR MEASURING SPEED, the labels and types are invented) in the shape
:func:`kg.graph.project` returns, writes the page with an empty store (so no
sentences; provenance lookups still run), and opens it in headless Chromium
(Selenium, no network). It prints the machine, then for each size: time to lay
out and write the page, page size, time until the page is interactive, time of
a search, and the time to draw a frame after zooming (a full redraw). The
baseline is the same measurements at 500 nodes, in the same run.
Needs Graphviz (sfdp), Chromium and chromedriver.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path


def machine() -> str:
    """Cores, memory and load average of this machine."""
    pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    load = os.getloadavg()
    return (f"{os.cpu_count()} cores, {pages / 2**30:.1f} GiB memory, load average "
            f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, Python {sys.version.split()[0]}")


def synthetic(nodes: int, seed: int = 1):
    """A MultiDiGraph like kg.graph.project's, with invented labels, types and dates."""
    import networkx as nx

    rng = random.Random(seed)
    base = nx.barabasi_albert_graph(nodes, 2, seed=seed)
    types = ["Country", "Organization", "Person", "Event", "Agreement", "Plan", "Fund", "Indicator"]
    graph = nx.MultiDiGraph()
    for n in base.nodes:
        kind = rng.choice(types)
        date = f"20{rng.randint(10, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if kind == "Event" else ""
        graph.add_node(f"https://w3id.org/aseankg/id/x/{n}", label=f"{kind} number {n}", type=kind, kind=kind, date=date)
    for u, v in base.edges:
        graph.add_edge(f"https://w3id.org/aseankg/id/x/{u}", f"https://w3id.org/aseankg/id/x/{v}",
                       relation=rng.choice(["participant", "party", "memberOf", "postIn"]), articles="")
    return graph


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900",
                     "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def measure(nodes: int, max_nodes: int, driver, folder: Path) -> dict[str, float]:
    from selenium.webdriver.support.ui import WebDriverWait

    from kg.export.html import write_html
    from kg.store import Store

    graph = synthetic(nodes)
    store = Store(None)
    page = folder / f"page-{nodes}.html"
    start = time.perf_counter()
    buffer = io.BytesIO()
    write_html(store, graph, buffer, title=f"{nodes} synthetic nodes", max_nodes=max_nodes)
    page.write_bytes(buffer.getvalue())
    written = time.perf_counter() - start
    start = time.perf_counter()
    driver.get(page.as_uri())
    WebDriverWait(driver, 120).until(lambda d: d.execute_script("return !!(window.kg && window.kg.ready)"))
    loaded = time.perf_counter() - start
    shown = int(driver.find_element("id", "node-count").text.replace(",", ""))
    start = time.perf_counter()
    hits = driver.execute_script("return kg.search('number 1').length")
    searched = time.perf_counter() - start
    frame = driver.execute_async_script(
        "var done = arguments[0]; var t = performance.now(); kg.cy.zoom(kg.cy.zoom() * 1.7);"
        "requestAnimationFrame(function () { requestAnimationFrame(function () { done(performance.now() - t); }); });"
    )
    return {"nodes": nodes, "shown": shown, "write_s": written, "size_mb": page.stat().st_size / 2**20,
            "load_s": loaded, "search_ms": searched * 1000, "hits": hits, "frame_ms": frame}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=5000, help="size of the graph (default 5000)")
    parser.add_argument("--max-nodes", type=int, default=5000, help="the page's --max-nodes (default 5000)")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    driver = browser()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            baseline = measure(500, args.max_nodes, driver, Path(tmp))
            result = measure(args.nodes, args.max_nodes, driver, Path(tmp))
    finally:
        driver.quit()
    header = f"{'nodes':>7} {'shown':>6} {'write s':>8} {'MiB':>6} {'load s':>7} {'search ms':>10} {'frame ms':>9}"
    print(header)
    for r in (baseline, result):
        print(f"{r['nodes']:>7} {r['shown']:>6} {r['write_s']:>8.2f} {r['size_mb']:>6.2f} {r['load_s']:>7.2f} "
              f"{r['search_ms']:>10.1f} {r['frame_ms']:>9.1f}")
    print(f"ratio {args.nodes} / 500 nodes: write x{result['write_s'] / baseline['write_s']:.1f}, "
          f"load x{result['load_s'] / baseline['load_s']:.1f}, frame x{result['frame_ms'] / max(baseline['frame_ms'], 0.1):.1f}")


if __name__ == "__main__":
    main()
