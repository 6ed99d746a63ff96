"""Crash safety: SIGKILL `kg ingest` in the middle of a batch, then check the store.

After every kill the store must open, and every article graph in it must be exactly the graph a
clean single-article build gives (never part of one); a re-run must then complete the batch with
nothing lost.  The kills fall at different moments: start-up, extraction, the first batch write,
and the one-transaction-per-article replacements of a re-run.
"""

from __future__ import annotations

import gc
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import entities
from kg.ingest import extract_article
from kg.readers import Article, read
from kg.store import Store
from kg.terms import KGO, ONTOLOGY_GRAPH

ARTICLES = 120
"""Articles per batch: a first run writes them in one transaction (the loader's batch is 200)."""

_KG = [sys.executable, "-m", "kg"]
_COUNTRIES = ["Vietnam", "Russia", "Japan", "China", "India", "Thailand", "Laos", "Cambodia", "Indonesia",
              "the Philippines", "Singapore", "Malaysia"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_TEXT = ox.NamedNode(str(KGO.text))


def write_batch(path: Path, version: str, n: int = ARTICLES, seed: int = 9) -> Path:
    """A JSON Lines batch of ``n`` generated, distinct articles; each text ends with "(version V)".

    Two versions share their URLs, so the second replaces the first article by article.
    """
    rnd = random.Random(seed)
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            a, b = rnd.sample(_COUNTRIES, 2)
            text = (f"{a} and {b} held talks in Hanoi on {_MONTHS[i % 12]} {i % 28 + 1}, 2021. "
                    f"{a} pledged USD {i + 1} million to the Mekong-Lancang Cooperation Fund. "
                    f"The two sides agreed to upgrade relations to a Strategic Partnership at the {i + 1}th "
                    f"Joint Committee meeting (version {version}).")
            f.write(json.dumps({"url": f"https://example.org/news/{i}", "date": "2021-12-31", "text": text}) + "\n")
    return path


def expected_graphs(batch: Path) -> dict[str, frozenset[str]]:
    """Each article's graph as a clean single-article build gives it: graph IRI -> its quads."""
    out = {}
    for item in read([batch]):
        assert isinstance(item, Article)
        graph, nquads = extract_article(item)
        out[graph] = frozenset(str(q) for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS)
                               if q.graph_name.value == graph)
    return out


def article_graphs(store: Store) -> dict[str, frozenset[str]]:
    """Every article graph in the store with its quads (the ontology and links graphs left out)."""
    out: dict[str, set[str]] = {}
    for q in store.oxigraph.quads_for_pattern(None, None, None, None):
        g = q.graph_name.value
        if "/id/graph/" in g:
            out.setdefault(g, set()).add(str(q))
    return {g: frozenset(qs) for g, qs in out.items()}


Versions = dict[str, dict[str, frozenset[str]]]
"""Version name -> graph IRI -> the quads of a clean single-article build."""


def check_whole(location: Path, versions: Versions) -> dict[str, int]:
    """Open the store as the next run would; assert every article graph is one whole version.

    Returns:
        How many article graphs hold each version.
    """
    store = Store(location)
    try:
        found = article_graphs(store)
        counts = dict.fromkeys(versions, 0)
        for graph, quads in found.items():
            whole = [v for v, graphs in versions.items() if graphs.get(graph) == quads]
            assert whole, f"{graph} is not a whole article graph of any version ({len(quads)} quads)"
            counts[whole[0]] += 1
        if found:
            assert store.has_graph(ox.NamedNode(str(ONTOLOGY_GRAPH)))
        # The entities graph states exactly what the article graphs now in the store support.
        held = {q.triple for q in store.oxigraph.quads_for_pattern(None, None, None, entities.GRAPH)}
        supported = {t for graph in found
                     for t in entities.derive(store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(graph)))}
        assert held == supported
        return counts
    finally:
        del store
        gc.collect()  # release the writer's lock before the next run


def _wal_bytes(location: Path) -> int:
    """Bytes in the store's write-ahead logs: they grow with every transaction the writer commits.

    (A read-only open does not see a live writer's unflushed transactions, so progress is watched here.)
    """
    total = 0
    for f in location.glob("*.log"):
        try:
            total += f.stat().st_size
        except FileNotFoundError:
            pass
    return total


def _ingest(location: Path, batch: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([*_KG, "--store", str(location), "ingest", "-q", str(batch)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def _kill_when(process: subprocess.Popen[bytes], location: Path, trigger: str | int, timeout: float = 60) -> bool:
    """SIGKILL the process once the store exists (``"created"``) or once its write-ahead logs have
    grown by ``trigger`` bytes; False when it finished first."""
    deadline = time.monotonic() + timeout
    low = None
    while process.poll() is None:
        assert time.monotonic() < deadline, "the ingest made no visible progress"
        if trigger == "created":
            if (location / "CURRENT").exists():
                break
        elif location.exists():
            size = _wal_bytes(location)
            low = size if low is None else min(low, size)
            if size - low >= int(trigger):
                break
        time.sleep(0.002)
    killed = process.poll() is None
    if killed:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    return killed


@pytest.fixture(scope="module")
def batches(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Path], Versions]:
    """Two versions of the generated batch, and each article's clean single-article graph in each."""
    folder = tmp_path_factory.mktemp("crash")
    paths = {v: write_batch(folder / f"batch-{v}.jsonl", v) for v in "AB"}
    versions = {v: expected_graphs(p) for v, p in paths.items()}
    assert [len(g) for g in versions.values()] == [ARTICLES, ARTICLES] and set(versions["A"]) == set(versions["B"])
    return paths, versions


# (version to ingest, when to kill it): right after the store is created, once the write-ahead logs
# grew by so many bytes (one article replaced is about 95 kB; a first run's articles are one
# transaction), or never (None: the run completes, so that the next ones replace articles).
SCHEDULE = [("A", "created"), ("A", 1), ("A", 2_000_000), ("A", None), ("B", 100_000), ("A", 3_000_000),
            ("B", 6_000_000), ("A", 500_000), ("B", 8_000_000)]


def test_sigkill_during_ingest_leaves_whole_articles_and_a_rerun_completes(
    tmp_path: Path, batches: tuple[dict[str, Path], Versions]
) -> None:
    paths, versions = batches
    location = tmp_path / "store"
    crashes, states = 0, []
    for version, when in SCHEDULE:
        process = _ingest(location, paths[version])
        if when is None:
            assert process.wait(timeout=120) == 0, process.stderr.read().decode() if process.stderr else ""
        else:
            crashes += _kill_when(process, location, when)
        states.append(check_whole(location, versions))
    attempts = sum(when is not None for _, when in SCHEDULE)
    assert crashes >= attempts - 1, (crashes, states)
    # Some kills fell in the middle of the one-transaction-per-article replacements.
    assert sum(1 for s in states if s["A"] and s["B"]) >= 2, states
    # Queries answer on the crashed store, and count exactly the whole articles in it.
    query = subprocess.run([*_KG, "--store", str(location), "stats", "--format", "json"], capture_output=True, timeout=60, check=False)
    assert query.returncode == 0, query.stderr.decode()
    assert json.loads(query.stdout)["articles"] == states[-1]["A"] + states[-1]["B"]
    final = subprocess.run([*_KG, "--store", str(location), "ingest", "-q", str(paths["B"])], capture_output=True, timeout=120, check=False)
    assert final.returncode == 0, final.stderr.decode()
    assert f"Store {location}: {ARTICLES} articles" in final.stdout.decode()
    assert article_graphs(Store(location, read_only=True)) == versions["B"]  # nothing lost, partial or extra
    print(f"\nsimulated crashes: {crashes}; article graphs (version A, B) after each: "
          f"{[(s['A'], s['B']) for s in states]}")



# -- kg push to a remote store -----------------------------------------------------------------------


def _remote_graphs(url: str) -> dict[str, frozenset[str]]:
    """Every article graph on the remote SPARQL endpoint with its quads."""
    import httpx

    query = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?g), '/id/graph/')) }"
    response = httpx.post(url, data={"query": query}, headers={"Accept": "application/sparql-results+json"}, timeout=30)
    response.raise_for_status()
    out: dict[str, set[str]] = {}
    for row in ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON):
        out.setdefault(row["g"].value, set()).add(str(ox.Quad(row["s"], row["p"], row["o"], row["g"])))
    return {g: frozenset(q) for g, q in out.items()}


def _remote_count(url: str) -> int:
    """How many article graphs the remote holds (a cheap query, for polling)."""
    import httpx

    query = ("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a a <https://w3id.org/aseankg/ontology#Article> } }")
    response = httpx.post(url, data={"query": query}, headers={"Accept": "application/sparql-results+json"}, timeout=30)
    response.raise_for_status()
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_sigkill_during_push_leaves_whole_graphs_on_the_remote_and_a_rerun_completes(
    tmp_path: Path, batches: tuple[dict[str, Path], Versions]
) -> None:
    from _servers import oxigraph_server

    _, versions = batches
    local = Store(tmp_path / "local")
    local.ensure_ontology()
    nquads = "".join(f"{q} .\n" for quads in versions["A"].values() for q in quads)
    local.add_graph(ox.parse(nquads.encode(), format=ox.RdfFormat.N_QUADS))
    local.flush()
    del local
    gc.collect()
    server = oxigraph_server(tmp_path / "remote", tmp_path / "remote.log")
    try:
        url = f"http://127.0.0.1:{server.port}/query"
        push = [*_KG, "--store", str(tmp_path / "local"), "push", "--to", f"sparql+{url}", "-q"]
        crashes, seen = 0, []
        for at_least in (1, 40, 80):
            process = subprocess.Popen(push, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
            deadline = time.monotonic() + 60
            while process.poll() is None and _remote_count(url) < at_least:
                assert time.monotonic() < deadline, "the push made no visible progress"
                time.sleep(0.005)
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                crashes += 1
            process.wait(timeout=30)
            remote = _remote_graphs(url)
            partial = [g for g, quads in remote.items() if quads != versions["A"].get(g)]
            assert partial == [], f"{len(partial)} remote graph(s) differ from the local one, e.g. {partial[0]}"
            seen.append(len(remote))
        assert crashes >= 2 and any(0 < n < ARTICLES for n in seen), (crashes, seen)
        done = subprocess.run(push, capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0 and "the remote counts match" in done.stdout, done.stdout + done.stderr
        assert _remote_graphs(url) == versions["A"]
        print(f"\npush: simulated crashes {crashes}; article graphs on the remote after each: {seen}")
    finally:
        server.stop()
