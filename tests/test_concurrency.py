"""Concurrent use of one embedded store: one writer, a refused second writer, readers meanwhile.

How it works (see readme-reliability): a writer (`kg ingest`) takes the store's lock and records
who it is in ``kg-writer.json``; a second writer is refused with exit code 4 and a message naming
the holder.  Queries (`kg query`, `kg sparql`, `kg stats`) open the store read-only, which takes no
lock: they keep answering during an ingest and see the store as of the writer's last flush.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from test_crash import ARTICLES, article_graphs, write_batch

from kg.store import Store

_KG = [sys.executable, "-m", "kg"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*_KG, *args], capture_output=True, text=True, timeout=120, check=False)


def test_a_second_writer_is_refused_naming_the_holder_and_readers_keep_answering(tmp_path: Path) -> None:
    old, new = write_batch(tmp_path / "a.jsonl", "A"), write_batch(tmp_path / "b.jsonl", "B")
    store = tmp_path / "store"
    assert _run("--store", str(store), "ingest", "-q", str(old)).returncode == 0

    writer = subprocess.Popen([*_KG, "--store", str(store), "ingest", "-q", str(new)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    holder = store / "kg-writer.json"
    deadline = time.monotonic() + 30
    while not (holder.exists() and json.loads(holder.read_text() or "{}").get("pid") == writer.pid):
        assert time.monotonic() < deadline and writer.poll() is None, "the writer never opened the store"
        time.sleep(0.01)

    second = _run("--store", str(store), "ingest", "-q", str(old))
    answers = []
    while writer.poll() is None or len(answers) < 2:
        stats = _run("--store", str(store), "stats", "--format", "json")
        assert stats.returncode == 0, stats.stderr
        answers.append(json.loads(stats.stdout)["articles"])
    writer.wait(timeout=120)

    assert second.returncode == 4, second.stderr
    message = second.stderr.strip()
    assert message.startswith(f"Error: the store {store} is in use by another kg process that is writing to it "
                              f"(pid {writer.pid}, `kg --store {store} ingest -q {new}`, since "), message
    assert "\n" not in message and "Traceback" not in message
    assert writer.returncode == 0, writer.stderr.read() if writer.stderr else ""
    # Every answer saw whole articles only: the old batch or the new one, never a torn count.
    assert answers and set(answers) == {ARTICLES}, answers
    # Nothing was corrupted by the refused writer or the readers: the new batch is all there.
    graphs = article_graphs(Store(store, read_only=True))
    assert len(graphs) == ARTICLES
    assert all(any("(version B)" in q for q in quads) for quads in graphs.values())


def test_a_query_on_a_store_that_is_being_created_gets_a_clear_error_or_an_answer(tmp_path: Path) -> None:
    batch = write_batch(tmp_path / "a.jsonl", "A", n=40)
    store = tmp_path / "store"
    writer = subprocess.Popen([*_KG, "--store", str(store), "ingest", "-q", str(batch)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    outcomes = []
    while writer.poll() is None:
        done = _run("--store", str(store), "sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?a a kgo:Article }")
        outcomes.append((done.returncode, done.stderr.strip().splitlines()[:1]))
        assert "Traceback" not in done.stderr, done.stderr
        assert done.returncode in (0, 1, 4), done.stderr
        if done.returncode == 1:
            assert done.stderr.startswith(f"Error: no store at {store}"), done.stderr
    assert writer.wait(timeout=120) == 0
    final = _run("--store", str(store), "sparql", "--format", "json", "SELECT (COUNT(*) AS ?n) WHERE { ?a a kgo:Article }")
    assert json.loads(final.stdout)["results"]["bindings"][0]["n"]["value"] == "40", final.stdout
    assert outcomes


def test_the_server_keeps_answering_while_an_ingest_writes_to_its_store(tmp_path: Path) -> None:
    from _servers import kg_serve

    old, new = write_batch(tmp_path / "a.jsonl", "A", n=60), write_batch(tmp_path / "b.jsonl", "B", n=60)
    store = tmp_path / "store"
    assert _run("--store", str(store), "ingest", "-q", str(old)).returncode == 0
    server = kg_serve(store, tmp_path / "serve.log", "--workers", "1", "--timeout", "10")
    count = urllib.parse.urlencode({"query": "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kgo:Article }"})
    try:
        writer = subprocess.Popen([*_KG, "--store", str(store), "ingest", "-q", str(new)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        answers = []
        while writer.poll() is None or not answers:
            request = urllib.request.Request(f"{server.url}/sparql?{count}", headers={"Accept": "text/csv"})
            with urllib.request.urlopen(request, timeout=15) as response:
                assert response.status == 200
                answers.append(response.read().decode().split()[-1])
        assert writer.wait(timeout=120) == 0
        assert len(answers) >= 3 and set(answers) == {"60"}, answers  # whole articles only, all along
        # After the ingest the server sees the new version.
        marker = urllib.parse.urlencode({"query": "ASK { ?s kgo:text ?t FILTER(CONTAINS(?t, '(version B)')) }"})
        request = urllib.request.Request(f"{server.url}/sparql?{marker}", headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=15) as response:
            assert json.loads(response.read())["boolean"] is True
    finally:
        server.stop()
