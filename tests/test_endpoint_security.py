"""The endpoint under attack: `kg serve` on loopback, asked by a hostile client.

SPARQL injection through named-query parameters, oversized bodies, slow clients, exploding
queries, SERVICE, updates without the token, path traversal, and hostile labels in the pages.
Each test states what an attacker tries and what must come back.
"""

from __future__ import annotations

import json
import socket
import subprocess
import threading
import time
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from _servers import Server, copy_store, free_port, kg_serve

from kg.entities import with_entities
from kg.store import Store

TOKEN = "t0ken-for-tests"
TIMEOUT = 2.0
MAX_ROWS = 100
MAX_BODY = 4096
HOSTILE = '</script><script>alert("label")</script><img src=x onerror=alert(2)>&amp;'
_ID = "https://w3id.org/aseankg/id/"
_KGO = "https://w3id.org/aseankg/ontology#"
_RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _hostile_store(sample_store: Store, dest: Path) -> Path:
    """The sample store plus a country whose label is markup, taking part in a meeting with Russia."""
    path = copy_store(sample_store, dest)
    store = ox.Store(str(path))
    g = ox.NamedNode(_ID + "graph/hostile")
    xss, event, rus = ox.NamedNode(_ID + "country/XSS"), ox.NamedNode(_ID + "event/hostile/0"), ox.NamedNode(_ID + "country/RUS")
    store.extend(with_entities([
        ox.Quad(xss, _TYPE, ox.NamedNode(_KGO + "Country"), g), ox.Quad(xss, _TYPE, ox.NamedNode(_KGO + "Actor"), g),
        ox.Quad(xss, _RDFS_LABEL, ox.Literal(HOSTILE), g),
        ox.Quad(event, _TYPE, ox.NamedNode(_KGO + "Event"), g), ox.Quad(event, _TYPE, ox.NamedNode(_KGO + "Meeting"), g),
        ox.Quad(event, _RDFS_LABEL, ox.Literal("meeting " + HOSTILE), g),
        ox.Quad(event, ox.NamedNode(_KGO + "hasParticipant"), xss, g),
        ox.Quad(event, ox.NamedNode(_KGO + "hasParticipant"), rus, g),
    ]))  # with its share of the entities graph, as extraction writes it
    store.flush()
    del store
    return path


@pytest.fixture(scope="module")
def server(sample_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A read-only server: 2 s time-out, 100 rows, 4 KiB bodies, over the sample store plus hostile labels."""
    folder = tmp_path_factory.mktemp("attack")
    store = _hostile_store(sample_store, folder / "store")
    srv = kg_serve(store, folder / "serve.log", "--timeout", str(TIMEOUT), "--max-rows", str(MAX_ROWS),
                   "--max-body", str(MAX_BODY), "--workers", "2")
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def writable(sample_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A server that accepts updates carrying the token."""
    folder = tmp_path_factory.mktemp("attack-rw")
    store = copy_store(sample_store, folder / "store")
    srv = kg_serve(store, folder / "serve.log", "--allow-update", "--token", TOKEN, "--workers", "1",
                   "--timeout", str(TIMEOUT))
    yield srv
    srv.stop()


def curl(*args: str, timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    """Run curl; the status, the response headers (lower-case names) and the body."""
    done = subprocess.run(["curl", "-sS", "-D", "-", *args], capture_output=True, check=True, timeout=timeout)
    head, _, body = done.stdout.partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body


def query(server: Server, text: str, *extra: str) -> tuple[int, dict[str, str], bytes]:
    return curl(*extra, "--data-urlencode", f"query={text}", server.url + "/sparql")


def alive(server: Server) -> None:
    """The server still answers an ordinary query, quickly."""
    start = time.monotonic()
    status, _, body = query(server, "SELECT DISTINCT ?l WHERE { <https://w3id.org/aseankg/id/country/RUS> rdfs:label ?l }",
                         "-H", "Accept: text/csv")
    assert (status, body) == (200, b"l\r\nRussia\r\n")
    assert time.monotonic() - start < TIMEOUT


# -- SPARQL injection through named-query parameters ------------------------------------------------


def _rows(server: Server, name: str, **params: str) -> tuple[int, Any]:
    status, _, body = curl(f"{server.url}/queries/{name}?{urllib.parse.urlencode(params)}", "-H", "Accept: application/sparql-results+json")
    return status, (json.loads(body)["results"]["bindings"] if status == 200 else body.decode())


@pytest.mark.parametrize("payload", [
    'Russia" } UNION { ?s ?p ?o } #',
    "Russia> } UNION { ?s ?p ?o } #",
    "Russia' ; DROP ALL ; #",
    "?s",
    "*",
    '") || true || ("',
    "Russia\n} UNION { ?a ?b ?c }",
    "<https://w3id.org/aseankg/id/country/RUS> } UNION { ?s ?p ?o",
])
def test_named_query_parameters_are_names_never_sparql(server: Server, payload: str) -> None:
    status, result = _rows(server, "events", actor=payload)
    # An unknown name is a 404 that says so; never a result widened by the payload.
    assert status in (400, 404), result
    assert result.startswith(f"no actor called {payload!r} in the store"), result


def test_a_real_name_and_its_iri_give_the_same_rows(server: Server) -> None:
    by_name = _rows(server, "events", actor="Russia")
    by_iri = _rows(server, "events", actor="https://w3id.org/aseankg/id/country/RUS")
    assert by_name[0] == by_iri[0] == 200 and by_name[1] == by_iri[1] and len(by_name[1]) > 0


# -- oversized and slow requests ------------------------------------------------------------------------


def test_a_declared_oversized_body_is_refused_before_it_is_sent(server: Server) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        s.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                  b"Content-Length: 1000000000\r\nConnection: close\r\n\r\nSELECT")
        reply = b""
        while chunk := s.recv(4096):  # the server answers and closes without reading the gigabyte
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 413"), reply[:200]
    assert f"{MAX_BODY} bytes".encode() in reply


def test_a_chunked_body_over_the_limit_is_refused(server: Server) -> None:
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * (MAX_BODY * 4)
    status, _, body = curl("-H", "Content-Type: application/sparql-query", "-H", "Transfer-Encoding: chunked",
                           "--data-binary", big, server.url + "/sparql")
    assert status == 413 and f"{MAX_BODY} bytes".encode() in body
    status, _, _ = curl("--data-urlencode", f"query={big}", server.url + "/sparql")
    assert status == 413
    alive(server)


def test_a_huge_query_string_is_refused_cleanly(server: Server) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        s.sendall(b"GET /sparql?query=" + b"A" * 1_000_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        reply = s.recv(4096)
    assert reply == b"" or reply.startswith((b"HTTP/1.1 4", b"HTTP/1.0 4")), reply[:200]
    alive(server)


def test_slow_clients_do_not_block_the_others(server: Server) -> None:
    stop = threading.Event()
    sockets = []
    for _ in range(40):  # slowloris: headers one byte at a time, and a body that never finishes
        s = socket.create_connection(("127.0.0.1", server.port), timeout=10)
        s.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 900\r\n\r\nSELECT")
        sockets.append(s)
    for _ in range(40):
        s = socket.create_connection(("127.0.0.1", server.port), timeout=10)
        s.sendall(b"GET /sparql?query=SELECT HTTP/1.1\r\nHo")
        sockets.append(s)

    def dribble() -> None:
        while not stop.wait(0.3):
            for s in sockets:
                try:
                    s.sendall(b" ")
                except OSError:
                    pass

    thread = threading.Thread(target=dribble, daemon=True)
    thread.start()
    try:
        for _ in range(5):
            alive(server)
    finally:
        stop.set()
        thread.join()
        for s in sockets:
            s.close()


# -- queries designed to explode ---------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "statuses"), [
    ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }", {503}),
    ("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", {422, 503}),
    ("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a ?d ?f", {422, 503}),
    ("CONSTRUCT { ?a ?b ?f } WHERE { ?a ?b ?c . ?d ?e ?f }", {422, 503}),
    ("SELECT * WHERE { ?s (<urn:x>|!<urn:x>)* ?o }", {422, 503}),
    ("SELECT (COUNT(*) AS ?n) WHERE { ?s (!<urn:x>|^!<urn:x>)* ?o . ?o (!<urn:y>)+ ?z }", {503}),
    ("SELECT * WHERE { ?s ?p ?o } ORDER BY (STRLEN(STR(?o)) * RAND())", {422, 503}),
])
def test_exploding_queries_are_stopped_by_the_time_out_or_the_row_limit(server: Server, text: str, statuses: set[int]) -> None:
    start = time.monotonic()
    status, _, body = query(server, text)
    took = time.monotonic() - start
    assert status in statuses, (status, body[:300])
    assert took < TIMEOUT + 3, took
    if status == 422:
        assert f"more than {MAX_ROWS}".encode() in body
    alive(server)


# -- SERVICE ----------------------------------------------------------------------------------------------


class _Listener:
    """A TCP listener that records whether anything connected to it."""

    def __init__(self) -> None:
        self.port = free_port()
        self.sock = socket.create_server(("127.0.0.1", self.port))
        self.sock.settimeout(0.2)
        self.hits = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.hits += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.mark.parametrize("template", [
    "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "select * where { service silent <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { ?x ?y ?z . SeRvIcE\t<{url}>{ ?s ?p ?o } }",
    "SELECT * WHERE { OPTIONAL { { SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } } } } }",
    "SELECT * WHERE { BIND(<{url}> AS ?e) SERVICE ?e { ?s ?p ?o } }",
    "SELECT * WHERE { ?s rdfs:label \"x\" .SERVICE#comment\n<{url}> { ?a ?b ?c } }",
    "ASK { SERVICE <{url}> { ?s ?p ?o } }",
])
def test_service_is_refused_and_nothing_is_fetched(server: Server, template: str) -> None:
    listener = _Listener()
    try:
        text = template.replace("{url}", f"http://127.0.0.1:{listener.port}/sparql")
        for how in (["--get"], [], ["-H", "Content-Type: application/sparql-query"]):
            if how and how[0] == "-H":
                status, _, body = curl(*how, "--data-binary", text, server.url + "/sparql")
            else:
                status, _, body = query(server, text, *how)
            assert status == 403 and b"SERVICE" in body, (how, status, body[:200])
        time.sleep(0.3)
        assert listener.hits == 0
    finally:
        listener.close()


# -- updates ---------------------------------------------------------------------------------------------


_INSERT = "INSERT DATA { GRAPH <https://example.org/pwned> { <https://example.org/s> <https://example.org/p> 'pwned' } }"
_ASK = "ASK { GRAPH <https://example.org/pwned> { ?s ?p ?o } }"


def _pwned(server: Server) -> bool:
    status, _, body = query(server, _ASK, "-H", "Accept: application/sparql-results+json")
    assert status == 200
    return bool(json.loads(body)["boolean"])


@pytest.mark.parametrize("args", [
    ["--data-urlencode", f"update={_INSERT}"],
    ["-H", "Content-Type: application/sparql-update", "--data-binary", _INSERT],
    ["--get", "--data-urlencode", f"update={_INSERT}"],
    ["--data-urlencode", f"query={_INSERT}"],
    ["--data-urlencode", "update=DROP ALL"],
    ["--data-urlencode", "update=CLEAR DEFAULT ; LOAD <file:///etc/passwd>"],
])
def test_updates_are_refused_on_a_read_only_server(server: Server, args: list[str]) -> None:
    status, _, _ = curl(*args, server.url + "/sparql")
    assert status in (400, 403, 405)
    assert not _pwned(server)
    alive(server)


@pytest.mark.parametrize("auth", [
    [],
    ["-H", "Authorization: Bearer wrong-token"],
    ["-H", f"Authorization: Basic {TOKEN}"],
    ["-H", f"Authorization: Bearer {TOKEN}x"],
    ["-H", f"Authorization: Bearer {TOKEN[:-1]}"],
    ["-H", "Authorization: Bearer "],
])
def test_updates_without_the_right_token_are_refused(writable: Server, auth: list[str]) -> None:
    status, _, body = curl(*auth, "--data-urlencode", f"update={_INSERT}", writable.url + "/sparql")
    assert status == 403 and b"Authorization: Bearer" in body
    status, _, _ = curl(*auth, f"{writable.url}/sparql?access_token={TOKEN}&token={TOKEN}",
                        "--data-urlencode", f"update={_INSERT}")
    assert status == 403  # a token in the URL does not count
    assert not _pwned(writable)


def test_the_right_token_is_needed_and_enough(writable: Server) -> None:
    update = "INSERT DATA { GRAPH <https://example.org/ok> { <https://example.org/s> <https://example.org/p> 'ok' } }"
    status, _, _ = curl("-H", f"Authorization: Bearer {TOKEN}", "--data-urlencode", f"update={update}", writable.url + "/sparql")
    assert status in (200, 204)
    status, _, body = query(writable, "ASK { GRAPH <https://example.org/ok> { ?s ?p 'ok' } }", "-H", "Accept: application/sparql-results+json")
    assert json.loads(body)["boolean"] is True


# -- path traversal ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [
    "/static/../../../../../../etc/passwd",
    "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/static/%2e%2e%2fapp.py",
    "/static/../app.py",
    "/static/..%5capp.py",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "//etc/passwd",
    "/queries/..%2f..%2fetc%2fpasswd",
    "/queries/%2e%2e",
    "/graph/queries/..%2f..%2fkg%2fserver%2fapp",
    "/static/index.html%00.js",
])
def test_no_file_outside_the_static_folder_is_served(server: Server, path: str) -> None:
    status, _, body = curl("--path-as-is", server.url + path)
    assert status in (400, 404, 405), (status, body[:200])
    assert b"root:" not in body and b"def create_app" not in body and b"import" not in body


def test_the_static_files_themselves_are_served(server: Server) -> None:
    status, headers, body = curl(server.url + "/static/app.js")
    assert status == 200 and b"textContent" in body and "javascript" in headers["content-type"]


# -- hostile labels in pages ---------------------------------------------------------------------------------


class _Markup(HTMLParser):
    """The tags, attributes and script texts a browser would see in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def test_labels_are_escaped_in_the_graph_pages(server: Server) -> None:
    for path in ("/graph?" + urllib.parse.urlencode({"actor": HOSTILE}),
                 "/graph/queries/events?" + urllib.parse.urlencode({"actor": HOSTILE})):
        status, headers, body = curl(server.url + path)
        page = body.decode()
        assert status == 200 and headers["content-type"].startswith("text/html"), (path, status, page[:300])
        assert headers["content-security-policy"].startswith("default-src 'none'")
        assert "https://w3id.org/aseankg/id/country/XSS" in page, path  # the hostile node is on the page ...
        markup = _Markup()
        markup.feed(page)
        # ... but its label added no element, no event handler and no script of its own.
        assert "img" not in markup.tags and not [a for a in markup.attributes if a.startswith("on")]
        assert not [s for s in markup.scripts if "alert(" in s and "\\u003cscript\\u003ealert(" not in s]
        assert markup.tags.count("script") == page.count("<script")


def test_labels_come_back_as_data_in_results(server: Server) -> None:
    status, headers, body = query(server, "SELECT DISTINCT ?l WHERE { <https://w3id.org/aseankg/id/country/XSS> rdfs:label ?l }",
                                  "-H", "Accept: application/sparql-results+json")
    assert status == 200 and headers["content-type"].startswith("application/sparql-results+json")
    assert json.loads(body)["results"]["bindings"] == [{"l": {"type": "literal", "value": HOSTILE}}]
    status, headers, body = query(server, "SELECT DISTINCT ?l WHERE { <https://w3id.org/aseankg/id/country/XSS> rdfs:label ?l }",
                                  "-H", "Accept: application/sparql-results+xml")
    assert status == 200 and b"&lt;/script&gt;&lt;script&gt;" in body and b"</script>" not in body


def test_error_messages_that_echo_input_are_plain_text(server: Server) -> None:
    status, headers, _ = curl(f"{server.url}/queries/{urllib.parse.quote(HOSTILE, safe='')}")
    assert status == 404 and headers["content-type"].startswith("text/plain")
    status, headers, _ = curl(server.url + "/queries/events?" + urllib.parse.urlencode({"actor": HOSTILE + "zz"}))
    assert status == 400 and headers["content-type"].startswith("text/plain")
    status, headers, _ = query(server, HOSTILE)
    assert status == 400 and headers["content-type"].startswith("text/plain")


@pytest.mark.parametrize("template", [
    "LOAD <{url}>",
    "load silent <{url}> into graph <urn:g>",
    "INSERT DATA { GRAPH <urn:a> { <urn:s> <urn:p> 'x' } } ;\nLoad\t<{url}> INTO GRAPH <urn:g>",
])
def test_load_is_refused_even_with_the_token_and_nothing_is_fetched(writable: Server, template: str) -> None:
    listener = _Listener()
    try:
        update = template.replace("{url}", f"http://127.0.0.1:{listener.port}/data.ttl")
        status, _, body = curl("-H", f"Authorization: Bearer {TOKEN}", "--data-urlencode", f"update={update}",
                               writable.url + "/sparql")
        assert status == 403 and b"LOAD" in body, (status, body[:200])
        time.sleep(0.3)
        assert listener.hits == 0
    finally:
        listener.close()
    status, _, body = query(writable, "ASK { GRAPH <urn:a> { ?s ?p 'x' } }", "-H", "Accept: application/sparql-results+json")
    assert json.loads(body)["boolean"] is False  # the refused request changed nothing


def test_a_body_that_never_finishes_gets_408_after_the_time_out(server: Server) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=TIMEOUT + 10) as s:
        s.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                  b"Content-Length: 100\r\n\r\nSELECT")
        started = time.monotonic()
        answer = s.recv(4096)
        waited = time.monotonic() - started
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    assert TIMEOUT - 0.5 < waited < TIMEOUT + 5
