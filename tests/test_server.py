"""``kg serve``: the SPARQL endpoint on loopback, asked by independent clients (SPARQLWrapper, curl)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import time
import warnings
import xml.dom.minidom
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib
from _servers import Server, copy_store, kg_serve
from SPARQLWrapper import CSV, JSON, JSONLD, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from kg import queries
from kg.server import formats
from kg.store import Store

TOKEN = "s3cret-token"
COUNTRIES = "SELECT ?c ?label WHERE { ?c a kgo:Country ; rdfs:label ?label } ORDER BY ?label"
CONSTRUCT = "CONSTRUCT { ?c a kgo:Country ; rdfs:label ?label } WHERE { ?c a kgo:Country ; rdfs:label ?label }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def server(sample_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A read-only server over the sample store: 1.5 s time-out, 200 rows, 4 KiB bodies, CORS for one origin."""
    folder = tmp_path_factory.mktemp("serve")
    store = copy_store(sample_store, folder / "store")
    srv = kg_serve(store, folder / "serve.log", "--timeout", "1.5", "--max-rows", "200", "--max-body", "16384",
                   "--workers", "2", "--cors", "https://app.example.org")
    srv.store = store  # type: ignore[attr-defined]
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def writable(sample_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A server that accepts updates carrying the token, over a copy of the sample store; 1000 MiB per worker."""
    folder = tmp_path_factory.mktemp("serve-rw")
    store = copy_store(sample_store, folder / "store")
    srv = kg_serve(store, folder / "serve.log", "--allow-update", "--token", TOKEN, "--workers", "1",
                   "--worker-memory", "1000")
    yield srv
    srv.stop()


def curl(*args: str) -> tuple[int, dict[str, str], bytes]:
    """Run curl; the status, the response headers (lower-case names) and the body."""
    done = subprocess.run(["curl", "-sS", "-D", "-", *args], capture_output=True, check=True, timeout=30)
    head, _, body = done.stdout.partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return status, headers, body


def expected_countries(store: Store) -> list[tuple[str, str]]:
    return [(r["c"].value, r["label"].value) for r in store.query(COUNTRIES)]


def wrapper(server: Server, fmt: str, query: str) -> Any:
    client = SPARQLWrapper(server.url + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # SPARQLWrapper warns when the Content-Type is not the one asked for
        return client.query().convert()


# -- SELECT through SPARQLWrapper, every result format --------------------------------------------


def test_select_json_via_sparqlwrapper(server: Server, sample_store: Store) -> None:
    doc = wrapper(server, JSON, COUNTRIES)
    got = [(b["c"]["value"], b["label"]["value"]) for b in doc["results"]["bindings"]]
    assert got == expected_countries(sample_store)
    assert ("https://w3id.org/aseankg/id/country/RUS", "Russia") in got


def test_select_xml_via_sparqlwrapper(server: Server, sample_store: Store) -> None:
    doc: xml.dom.minidom.Document = wrapper(server, XML, COUNTRIES)
    got = []
    for result in doc.getElementsByTagName("result"):
        cells = {b.getAttribute("name"): b.firstChild.firstChild.data for b in result.getElementsByTagName("binding")}
        got.append((cells["c"], cells["label"]))
    assert got == expected_countries(sample_store)


def test_select_csv_via_sparqlwrapper(server: Server, sample_store: Store) -> None:
    text = wrapper(server, CSV, COUNTRIES)
    rows = list(csv.reader(io.StringIO(text.decode() if isinstance(text, bytes) else text)))
    assert rows[0] == ["c", "label"]
    assert [tuple(r) for r in rows[1:]] == expected_countries(sample_store)


def test_select_tsv_via_sparqlwrapper(server: Server, sample_store: Store) -> None:
    text = wrapper(server, TSV, COUNTRIES)
    lines = (text.decode() if isinstance(text, bytes) else text).splitlines()
    assert lines[0] == "?c\t?label"
    assert lines[1:] == [f"<{iri}>\t{ox.Literal(label)}" for iri, label in expected_countries(sample_store)]


def test_ask_json_and_xml(server: Server) -> None:
    assert wrapper(server, JSON, "ASK { ?c rdfs:label 'Russia' }")["boolean"] is True
    doc = wrapper(server, XML, "ASK { ?c rdfs:label 'Atlantis' }")
    assert doc.getElementsByTagName("boolean")[0].firstChild.data == "false"


# -- CONSTRUCT: Turtle, N-Triples, JSON-LD, RDF/XML ------------------------------------------------


def _expected_graph(store: Store) -> set[tuple[str, str, str]]:
    return {(t.subject.value, t.predicate.value, t.object.value) for t in store.query(CONSTRUCT)}


def _as_set(graph: rdflib.Graph) -> set[tuple[str, str, str]]:
    return {(str(s), str(p), str(o)) for s, p, o in graph}


@pytest.mark.parametrize(
    "fmt,rdflib_format",
    [(TURTLE, "turtle"), (JSONLD, None), (RDFXML, None)],
    ids=["turtle", "jsonld", "rdfxml"],
)
def test_construct_via_sparqlwrapper(server: Server, sample_store: Store, fmt: str, rdflib_format: str | None) -> None:
    converted = wrapper(server, fmt, CONSTRUCT)
    graph = converted if rdflib_format is None else rdflib.Graph().parse(data=converted, format=rdflib_format)
    assert _as_set(graph) == _expected_graph(sample_store)
    assert len(graph) > 3


def test_construct_ntriples_via_curl(server: Server, sample_store: Store) -> None:
    status, headers, body = curl("-H", "Accept: application/n-triples", "--data-urlencode", f"query={CONSTRUCT}",
                                 server.url + "/sparql")
    assert status == 200 and headers["content-type"] == "application/n-triples"
    got = {(t.subject.value, t.predicate.value, t.object.value) for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)}
    assert got == _expected_graph(sample_store)


# -- the protocol's three ways of sending a query, by curl ------------------------------------------


@pytest.mark.parametrize("how", ["get", "post-form", "post-direct"])
def test_query_operations_via_curl(server: Server, sample_store: Store, how: str) -> None:
    url = server.url + "/sparql"
    args = {
        "get": ["-G", "--data-urlencode", f"query={COUNTRIES}", url],
        "post-form": ["--data-urlencode", f"query={COUNTRIES}", url],
        "post-direct": ["-H", "Content-Type: application/sparql-query", "--data-binary", COUNTRIES, url],
    }[how]
    status, headers, body = curl("-H", "Accept: text/csv", *args)
    assert status == 200
    assert headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(body.decode())))
    assert [tuple(r) for r in rows[1:]] == expected_countries(sample_store)


def test_unacceptable_format_is_406(server: Server) -> None:
    status, _, body = curl("-H", "Accept: image/png", "--data-urlencode", f"query={COUNTRIES}", server.url + "/sparql")
    assert status == 406 and b"application/sparql-results+json" in body


# -- errors and limits -------------------------------------------------------------------------------


def test_syntax_error_is_400_with_the_message(server: Server) -> None:
    status, _, body = curl("--data-urlencode", "query=SELECT * WHERE { ?s ?p }", server.url + "/sparql")
    assert status == 400
    assert body.startswith(b"SPARQL syntax error: error at 1:")


@pytest.mark.parametrize("how", ["form", "direct"])
def test_update_refused_on_a_read_only_server(server: Server, how: str) -> None:
    update = "INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/s> <https://example.org/p> 1 } }"
    args = (["--data-urlencode", f"update={update}"] if how == "form"
            else ["-H", "Content-Type: application/sparql-update", "--data-binary", update])
    status, _, body = curl(*args, server.url + "/sparql")
    assert status == 403 and b"read-only" in body
    status, _, body = curl("-H", "Accept: text/csv", "--data-urlencode",
                           "query=SELECT ?s ?p ?o WHERE { GRAPH <https://example.org/g> { ?s ?p ?o } }", server.url + "/sparql")
    assert (status, body) == (200, b"s,p,o\r\n")


def test_runaway_query_times_out_and_the_server_recovers(server: Server, sample_store: Store) -> None:
    started = time.monotonic()
    status, headers, body = curl("--data-urlencode", f"query={RUNAWAY}", server.url + "/sparql")
    took = time.monotonic() - started
    assert status == 503 and b"time-out (1.5 s" in body and headers["retry-after"] == "5"
    assert 1.4 < took < 5
    # Both workers answer again (the killed one is replaced): run more queries than workers.
    for _ in range(4):
        doc = wrapper(server, JSON, COUNTRIES)
        assert len(doc["results"]["bindings"]) == len(expected_countries(sample_store))


def test_service_refused_unless_allowed(server: Server) -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    status, _, body = curl("--data-urlencode", f"query={query}", server.url + "/sparql")
    assert status == 403 and b"SERVICE" in body and b"--allow-service" in body
    hidden = "SELECT * WHERE { ?s ?p ?o .SERVICE<http://127.0.0.1:1/sparql>{ ?a ?b ?c } }"
    assert curl("--data-urlencode", f"query={hidden}", server.url + "/sparql")[0] == 403
    # The word in a literal is no SERVICE clause.
    fine = 'SELECT ?s WHERE { ?s rdfs:label "SERVICE" }'
    assert curl("--data-urlencode", f"query={fine}", server.url + "/sparql")[0] == 200


def test_result_larger_than_max_rows_is_422(server: Server) -> None:
    status, _, body = curl("--data-urlencode", "query=SELECT * WHERE { ?s ?p ?o }", server.url + "/sparql")
    assert status == 422 and b"more than 200 rows" in body
    status, _, _ = curl("--data-urlencode", "query=SELECT * WHERE { ?s ?p ?o } LIMIT 200", server.url + "/sparql")
    assert status == 200


def test_body_larger_than_the_limit_is_413(server: Server) -> None:
    query = "SELECT * WHERE { ?s ?p ?o } # " + "x" * 20000
    status, _, body = curl("-H", "Content-Type: application/sparql-query", "--data-binary", query, server.url + "/sparql")
    assert status == 413 and b"16384 bytes" in body


def test_unsupported_post_type_is_415(server: Server) -> None:
    status, _, _ = curl("-H", "Content-Type: text/plain", "--data-binary", COUNTRIES, server.url + "/sparql")
    assert status == 415


# -- updates with the token ---------------------------------------------------------------------------


def test_update_needs_the_token_and_is_then_seen_by_queries(writable: Server) -> None:
    graph = "https://example.org/graph/added"
    update = f"INSERT DATA {{ GRAPH <{graph}> {{ <https://example.org/s> rdfs:label 'added by update' }} }}"
    ask = f"query=ASK {{ GRAPH <{graph}> {{ ?s rdfs:label 'added by update' }} }}"
    url = writable.url + "/sparql"
    assert curl("--data-urlencode", f"update={update}", url)[0] == 403
    assert curl("-H", "Authorization: Bearer wrong", "--data-urlencode", f"update={update}", url)[0] == 403
    assert json.loads(curl("--data-urlencode", ask, url)[2])["boolean"] is False
    status, _, body = curl("-H", f"Authorization: Bearer {TOKEN}", "--data-urlencode", f"update={update}", url)
    assert status == 204, body
    # The readers reopen their snapshot when the store's files changed.
    assert json.loads(curl("--data-urlencode", ask, url)[2])["boolean"] is True


def test_writes_by_another_process_are_seen(server: Server) -> None:
    """What `kg ingest` writes while the server runs shows up in the next query (no restart)."""
    import gc

    graph = ox.NamedNode("https://example.org/graph/written-alongside")
    ask = f"query=ASK {{ GRAPH {graph} {{ ?s ?p 'written alongside' }} }}"
    assert json.loads(curl("--data-urlencode", ask, server.url + "/sparql")[2])["boolean"] is False
    writer = Store(server.store)  # type: ignore[attr-defined]
    writer.add_graph([ox.Quad(ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p"),
                              ox.Literal("written alongside"), graph)])
    writer.flush()
    del writer
    gc.collect()
    for _ in range(3):  # every worker, not just the first one asked
        assert json.loads(curl("--data-urlencode", ask, server.url + "/sparql")[2])["boolean"] is True


def test_query_over_the_memory_limit_kills_only_its_worker(writable: Server) -> None:
    hog = "SELECT ?a ?b ?c ?d ?e ?f WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f ?a"  # ~8 million sorted rows
    status, _, body = curl("--data-urlencode", f"query={hog}", writable.url + "/sparql")
    assert status == 500 and b"worker died" in body and b"--worker-memory" in body
    deadline = time.monotonic() + 60  # the replacement worker starts in the background
    while True:
        status, _, body = curl("--data-urlencode", "query=ASK { ?c rdfs:label 'Russia' }", writable.url + "/sparql")
        if status == 200 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert status == 200 and json.loads(body)["boolean"] is True


# -- named queries, descriptions, the page, CORS ------------------------------------------------------


def test_named_query_route_binds_parameters(server: Server, sample_store: Store) -> None:
    expected = queries.run(sample_store, "events", actor="Russia")
    status, headers, body = curl(server.url + "/queries/events?actor=Russia")
    assert status == 200 and headers["content-type"] == "application/sparql-results+json"
    assert json.loads(body) == expected.to_json()
    assert len(expected.rows) > 0
    # A value that looks like SPARQL is a name, not query text.
    status, _, body = curl("-G", "--data-urlencode", 'actor=x" } UNION { ?s ?p ?o } #', server.url + "/queries/events")
    assert status == 400 and b"no actor called" in body
    assert curl(server.url + "/queries/evnts")[0] == 404
    status, _, body = curl(server.url + "/queries/events?color=red")
    assert status == 400 and b"no parameter 'color'" in body


def test_named_query_listing_and_openapi(server: Server) -> None:
    listing = json.loads(curl(server.url + "/queries")[2])
    assert [q["name"] for q in listing] == list(queries.catalog())
    events = next(q for q in listing if q["name"] == "events")
    assert {p["name"] for p in events["params"]} == {"actor", "from", "to", "kind"}
    spec = json.loads(curl(server.url + "/openapi.json")[2])
    assert spec["openapi"].startswith("3.")
    names = {p["name"] for p in spec["paths"]["/queries/events"]["get"]["parameters"]}
    assert {"actor", "from", "to", "kind", "format"} == names
    assert {"get", "post"} <= set(spec["paths"]["/sparql"])


def test_service_description(server: Server) -> None:
    status, headers, body = curl(server.url + "/sparql")
    assert status == 200 and headers["content-type"] == "text/turtle; charset=utf-8"
    graph = rdflib.Graph().parse(data=body, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = rdflib.URIRef(server.url + "/sparql")
    assert (service, sd.endpoint, service) in graph
    assert (service, sd.supportedLanguage, sd.SPARQL11Query) in graph
    assert (service, sd.supportedLanguage, sd.SPARQL11Update) not in graph
    assert (service, sd.resultFormat, rdflib.URIRef("http://www.w3.org/ns/formats/SPARQL_Results_CSV")) in graph


def test_page_and_its_script(server: Server) -> None:
    status, headers, body = curl(server.url + "/")
    assert status == 200 and "script-src 'self'" in headers["content-security-policy"]
    assert b'<script src="/static/app.js"' in body
    script = curl(server.url + "/static/app.js")[2].decode()
    assert "textContent" in script and "innerHTML" not in script
    assert 'fetch("/queries")' in script


def test_cors_only_for_the_configured_origin(server: Server) -> None:
    _, headers, _ = curl("-H", "Origin: https://app.example.org", server.url + "/queries")
    assert headers["access-control-allow-origin"] == "https://app.example.org"
    _, headers, _ = curl("-H", "Origin: https://evil.example.com", server.url + "/queries")
    assert "access-control-allow-origin" not in headers


def test_kg_reads_its_own_endpoint_as_a_remote_store(server: Server, sample_store: Store) -> None:
    from kg.store import open_store

    remote = open_store(f"sparql+{server.url}/sparql", read_only=True)
    got = queries.run(remote, "people", actor="Russia")
    want = queries.run(sample_store, "people", actor="Russia")
    assert got.to_json() == want.to_json() and len(want.rows) > 0


def test_graph_routes_check_their_parameters(server: Server) -> None:
    status, _, body = curl(server.url + "/graph?actor=Russia&color=red")
    assert status == 400 and b"unknown parameter(s) color" in body
    assert curl(server.url + "/graph/queries/nope")[0] == 404


@pytest.mark.parametrize("path,title", [
    ("/graph?actor=Russia&hops=1", "1-hop neighbourhood of Russia"),
    ("/graph/queries/events?actor=Russia", "query events (actor=Russia)"),
])
def test_graph_pages_are_the_export_page_with_a_closed_csp(server: Server, path: str, title: str) -> None:
    status, headers, body = curl(server.url + path)
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert headers["content-security-policy"].startswith("default-src 'none'")
    page = body.decode()
    assert page.startswith("<!DOCTYPE html>") and title in page
    assert "https://w3id.org/aseankg/id/country/RUS" in page


def test_graph_page_without_the_projection_is_501(sample_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from kg.server import worker

    job = worker.Job(kind="graph", text="", selection={"actor": "Russia", "hops": "1"})
    monkeypatch.setitem(sys.modules, "kg.graph", None)  # as in an installation without kg.graph
    missing = worker._graph(sample_store, job)
    assert missing.status == 501 and b"kg.graph" in missing.body
    monkeypatch.undo()
    bad = worker._graph(sample_store, worker.Job(kind="graph", text="", selection={"actor": "Russia", "hops": "x"}))
    assert bad.status == 400 and b"hops must be a whole number" in bad.body


# -- negotiation (no server) --------------------------------------------------------------------------


def test_negotiation_honours_q_values_and_format_parameters() -> None:
    assert formats.negotiate("text/csv;q=0.9, text/tab-separated-values", formats.RESULT_FORMATS).key == "tsv"
    assert formats.negotiate("application/*", formats.RESULT_FORMATS).key == "json"
    assert formats.negotiate("text/html, */*;q=0.1", formats.GRAPH_FORMATS).key == "turtle"
    assert formats.negotiate("text/csv", formats.RESULT_FORMATS, ["nonsense", "xml"]).key == "xml"
    with pytest.raises(formats.NotAcceptable):
        formats.negotiate("text/csv;q=0", formats.RESULT_FORMATS)


# -- the command's own checks (no server started) -------------------------------------------------------


def test_serve_refuses_bad_combinations(sample_store: Store, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    def serve(*args: str) -> Any:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    done = serve("--store", str(sample_store.location), "serve", "--allow-update")
    assert done.exit_code == 2 and "--allow-update needs --token" in done.output
    # This test process holds the sample store's writer lock, as a running `kg ingest` would.
    done = serve("--store", str(sample_store.location), "serve", "--allow-update", "--token", "t")
    assert done.exit_code == 4 and "in use by another kg process" in done.output
    done = serve("--store", str(tmp_path / "none"), "serve")
    assert done.exit_code == 1 and "no store at" in done.output
    done = serve("--store", "sparql+http://127.0.0.1:1/query", "serve")
    assert done.exit_code == 2 and "serves an embedded store folder" in done.output
