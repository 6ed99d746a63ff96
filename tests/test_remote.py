"""Remote stores: ingest, named queries, export and ``kg push`` against a real Oxigraph server on loopback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib
from _servers import Server, oxigraph_server
from click.testing import CliRunner
from rdflib.compare import isomorphic

from kg import queries
from kg.cli import main
from kg.errors import KgError
from kg.remote import RemoteStore
from kg.store import Store, open_store


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module", params=["update", "gsp"])
def ingested(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, sample_dir: Path) -> Any:
    """An Oxigraph server into which ``kg ingest`` has read the sample corpus, writing by SPARQL
    updates or by the Graph Store Protocol (``write=gsp``, as for Virtuoso)."""
    folder = tmp_path_factory.mktemp("oxigraph")
    srv = oxigraph_server(folder / "data", folder / "server.log")
    spec = f"sparql+http://127.0.0.1:{srv.port}/query" + ("?write=gsp" if request.param == "gsp" else "")
    done = run("--store", spec, "ingest", "-q", str(sample_dir))
    assert done.exit_code == 0, done.output
    assert "Ingested 2 article(s) (2 new, 0 replaced), skipped 0" in done.output
    yield srv, spec
    srv.stop()


def _rows(result: queries.Result) -> list[tuple[str, ...]]:
    return sorted(tuple("" if t is None else str(t) for t in row) for row in result.rows)


def _cases() -> list[tuple[str, dict[str, str]]]:
    cases = []
    for q in queries.catalog().values():
        names = {p.name for p in q.params}
        if "entity" in names:
            cases.append((q.name, {"entity": "Russia"}))
            continue
        cases.append((q.name, {}))
        if "actor" in names:
            cases.append((q.name, {"actor": "Russia"}))
    return cases


@pytest.mark.parametrize("name,params", _cases(), ids=lambda v: v if isinstance(v, str) else ",".join(v.values()) or "all")
def test_named_queries_answer_as_the_embedded_store(ingested: Any, sample_store: Store, name: str, params: dict[str, str]) -> None:
    _, spec = ingested
    remote = open_store(spec, read_only=True)
    got = queries.run(remote, name, **params)
    want = queries.run(sample_store, name, **params)
    assert got.variables == want.variables
    assert _rows(got) == _rows(want)


def test_named_query_from_the_command_line(ingested: Any, sample_store: Store) -> None:
    _, spec = ingested
    out = run("--store", spec, "query", "events", "-p", "actor=Russia", "--format", "json")
    assert out.exit_code == 0, out.output
    expected = queries.run(sample_store, "events", actor="Russia").to_json()
    assert json.loads(out.stdout)["results"]["bindings"] == expected["results"]["bindings"]
    bad = run("--store", spec, "query", "events", "-p", "actor=Atlantis")
    assert bad.exit_code == 3 and "no actor called 'Atlantis'" in bad.output


def test_graphs_counts_and_reingest(ingested: Any, sample_store: Store, sample_dir: Path) -> None:
    _, spec = ingested
    remote = open_store(spec)
    assert isinstance(remote, RemoteStore)
    assert [g.value for g in remote.graphs()] == [g.value for g in sample_store.graphs()]
    assert len(remote) == len(sample_store) > 1000
    again = run("--store", spec, "ingest", "-q", str(sample_dir))
    assert "Ingested 2 article(s) (0 new, 2 replaced)" in again.output
    assert len(remote) == len(sample_store)
    # Graph by graph, compared as graphs (the ontology has blank nodes).
    for graph in sample_store.graphs():
        theirs = rdflib.Graph().parse(data=remote.dump(ox.RdfFormat.N_TRIPLES, graph), format="nt")
        ours = rdflib.Graph().parse(data=sample_store.dump(ox.RdfFormat.N_TRIPLES, graph), format="nt")
        assert isomorphic(theirs, ours), graph


def test_export_reads_a_remote_store(ingested: Any, sample_store: Store) -> None:
    _, spec = ingested
    remote = run("--store", spec, "export", "--format", "nquads", "--include-ontology")
    local = run("--store", str(sample_store.location), "export", "--format", "nquads", "--include-ontology")
    assert remote.exit_code == 0 and local.exit_code == 0, remote.output
    lines = set(local.stdout_bytes.splitlines())
    assert len(lines) > 500
    # Blank nodes (in the ontology) get other labels on the remote side: compare the rest exactly.
    assert {x for x in remote.stdout_bytes.splitlines() if b"_:" not in x} == {x for x in lines if b"_:" not in x}


def test_graph_projection_and_command_through_a_remote_store(ingested: Any, sample_store: Store) -> None:
    from networkx.utils import edges_equal, nodes_equal

    from kg.graph import project

    _, spec = ingested
    remote, local = project(open_store(spec, read_only=True)), project(sample_store)
    assert nodes_equal(remote.nodes(data=True), local.nodes(data=True))
    assert edges_equal(remote.edges(data=True), local.edges(data=True))
    assert local.number_of_edges() > 10
    out = run("--store", spec, "graph", "neighbors", "Russia", "--format", "json")
    want = run("--store", str(sample_store.location), "graph", "neighbors", "Russia", "--format", "json")
    assert out.exit_code == 0 and out.stdout == want.stdout and "Russia" in out.stdout


def test_push_copies_every_graph_and_checks_counts(sample_store: Store, tmp_path: Path) -> None:
    srv: Server = oxigraph_server(tmp_path / "data", tmp_path / "server.log")
    try:
        spec = f"sparql+http://127.0.0.1:{srv.port}/query"
        done = run("--store", str(sample_store.location), "push", "--to", spec, "-q")
        assert done.exit_code == 0, done.output
        graphs = len(sample_store.graphs())
        assert f"Pushed {graphs} graph(s), {len(sample_store)} quads" in done.output
        assert "the remote counts match" in done.output
        remote = open_store(spec)
        assert len(remote) == len(sample_store)
        assert _rows(queries.run(remote, "people")) == _rows(queries.run(sample_store, "people"))
    finally:
        srv.stop()


def test_push_needs_a_reachable_target(sample_store: Store) -> None:
    done = run("--store", str(sample_store.location), "push", "--to", "sparql+http://127.0.0.1:9/query")
    assert done.exit_code == 1 and "cannot reach the Graph Store endpoint http://127.0.0.1:9/store" in done.output


def test_spec_derives_update_and_graph_store_urls(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("KG_SPARQL_UPDATE", "KG_SPARQL_STORE", "KG_SPARQL_UNION", "KG_SPARQL_AUTH", "KG_SPARQL_WRITE",
                 "KG_SPARQL_USER", "KG_SPARQL_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    oxigraph = RemoteStore("sparql+http://localhost:7878/query")
    assert (oxigraph.query_url, oxigraph.update_url, oxigraph.store_url) == (
        "http://localhost:7878/query", "http://localhost:7878/update", "http://localhost:7878/store")
    fuseki = RemoteStore("sparql+https://db.example.org/ds/query?store=data&union=native")
    assert (fuseki.update_url, fuseki.store_url, fuseki.union) == (
        "https://db.example.org/ds/update", "https://db.example.org/ds/data", "native")
    virtuoso = RemoteStore("sparql+http://dba:dba@localhost:8890/sparql-auth?auth=digest&union=native")
    assert (virtuoso.query_url, virtuoso.update_url, virtuoso.store_url) == ("http://localhost:8890/sparql-auth",) * 2 + (None,)
    monkeypatch.setenv("KG_SPARQL_STORE", "http://other:1/gsp")
    assert RemoteStore("sparql+http://localhost:8890/sparql").store_url == "http://other:1/gsp"
    import httpx

    encoded = RemoteStore("sparql+http://ann:p%40ss@localhost:7878/query")
    assert encoded._http.auth._auth_header == httpx.BasicAuth("ann", "p@ss")._auth_header  # type: ignore[union-attr]
    assert "p@ss" not in str(encoded) and "ann" not in repr(encoded)
    monkeypatch.setenv("KG_SPARQL_USER", "bob")
    monkeypatch.setenv("KG_SPARQL_PASSWORD", "secret")
    from_env = RemoteStore("sparql+http://localhost:7878/query")
    assert from_env._http.auth._auth_header == httpx.BasicAuth("bob", "secret")._auth_header  # type: ignore[union-attr]
    with pytest.raises(KgError, match="auth must be basic or digest"):
        RemoteStore("sparql+http://localhost:7878/query?auth=kerberos")
    with pytest.raises(KgError, match="unknown parameter") as refused:
        RemoteStore("sparql+http://ann:topsecret@localhost:7878/query?graph=x")
    assert "topsecret" not in str(refused.value)
    with pytest.raises(KgError, match="unknown parameter"):
        RemoteStore("sparql+http://localhost:7878/query?graph=x")
    with pytest.raises(KgError, match="opened read-only"):
        RemoteStore("sparql+http://localhost:7878/query", read_only=True).update("CLEAR ALL")
    with pytest.raises(KgError, match="sparql\\+http://"):
        open_store("http://localhost:7878/query")


@pytest.mark.parametrize("rows,expected", [([], False), ([{"__ASK_RETVAL": {"type": "typed-literal",
    "datatype": "http://www.w3.org/2001/XMLSchema#integer", "value": "1"}}], True)], ids=["false", "true"])
def test_virtuoso_ask_answers_become_booleans(rows: list[Any], expected: bool) -> None:
    """Virtuoso answers ASK with a SELECT of ?__ASK_RETVAL (seen with Virtuoso 7.2.5)."""
    from kg.remote import _ask_fix

    doc = {"head": {"link": [], "vars": ["__ASK_RETVAL"]}, "results": {"distinct": False, "bindings": rows}}
    parsed = ox.parse_query_results(json.dumps(doc).encode(), format=ox.QueryResultsFormat.JSON)
    assert _ask_fix(parsed) is expected
    other = ox.parse_query_results(b'{"head":{"vars":["x"]},"results":{"bindings":[]}}', format=ox.QueryResultsFormat.JSON)
    assert _ask_fix(other) is other


def test_virtuoso_blank_node_labels_are_relabelled() -> None:
    """Virtuoso labels blank nodes ``nodeID://b10003`` in JSON results (seen with Virtuoso 7.2.5), which pyoxigraph refuses."""
    from kg.remote import _bnode_fix

    doc = {"head": {"vars": ["s", "o"]}, "results": {"bindings": [
        {"s": {"type": "bnode", "value": "nodeID://b10003"}, "o": {"type": "bnode", "value": "nodeID://b10003"}},
        {"s": {"type": "bnode", "value": "b1"}, "o": {"type": "uri", "value": "http://example.org/x"}}]}}
    rows = list(ox.parse_query_results(_bnode_fix(json.dumps(doc).encode()), format=ox.QueryResultsFormat.JSON))
    assert isinstance(rows[0]["s"], ox.BlankNode) and rows[0]["s"] == rows[0]["o"]
    assert rows[1]["s"] == ox.BlankNode("b1")
    plain = b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"bnode","value":"b0"}}]}}'
    assert _bnode_fix(plain) is plain


@pytest.mark.parametrize("write", ["update", "gsp"])
def test_reingest_keeps_the_entities_graph_as_the_embedded_store_does(tmp_path: Path, write: str) -> None:
    """Replacing an article on a remote store drops what no other article still says, as locally."""
    srv = oxigraph_server(tmp_path / "data", tmp_path / "server.log")
    try:
        spec = f"sparql+http://127.0.0.1:{srv.port}/query" + ("?write=gsp" if write == "gsp" else "")
        local = tmp_path / "local"
        for n, texts in enumerate([
            {"a": "Vietnam and Thailand held talks in Hanoi on March 3, 2022.",
             "b": "Thailand and Japan signed a memorandum of understanding in Bangkok on May 5, 2022."},
            {"a": "Laos and Thailand held talks in Vientiane on March 3, 2022."},
        ]):
            batch = tmp_path / f"batch{n}.jsonl"
            batch.write_text("".join(json.dumps({"url": f"https://example.org/{k}", "date": "2022-03-04", "text": t}) + "\n"
                                     for k, t in texts.items()), encoding="utf-8")
            for store in (spec, str(local)):
                done = run("--store", store, "ingest", "-q", str(batch))
                assert done.exit_code == 0, done.output
        graph = ox.NamedNode("https://w3id.org/aseankg/graph/entities")
        theirs = set(open_store(spec, read_only=True).dump(ox.RdfFormat.N_TRIPLES, graph).splitlines())
        ours = set(Store(local, read_only=True).dump(ox.RdfFormat.N_TRIPLES, graph).splitlines())
        assert theirs == ours
        assert any(b'"Laos"' in line for line in ours) and not any(b'"Hanoi"' in line for line in ours)
    finally:
        srv.stop()
