"""Linking: the shipped table offline, reconciliation and enrichment against a real SPARQL server.

The online tests start an Oxigraph server on loopback holding ``tests/data/wikidata/fixture.ttl``
(a few items in Wikidata's data model) and, for failures, a tiny HTTP server that sleeps or
answers with errors.  Every failure must leave the links and enrichment graphs as they were.
"""

from __future__ import annotations

import http.server
import json
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import link as linking
from kg import queries, resources
from kg.cli import main
from kg.errors import KgError
from kg.store import Store
from kg.terms import ENRICHMENT_GRAPH, ID, LINKS_GRAPH

DATA = Path(__file__).parent / "data" / "wikidata"
WD = "http://www.wikidata.org/entity/"
LINKS = ox.NamedNode(str(LINKS_GRAPH))
ENRICHMENT = ox.NamedNode(str(ENRICHMENT_GRAPH))
SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def graph(store: Store, g: ox.NamedNode) -> set[tuple[str, str, str]]:
    """A graph's triples as strings, blank nodes left out (the SSSOM axioms are compared elsewhere)."""
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in store.oxigraph.quads_for_pattern(None, None, None, g)
            if not isinstance(q.subject, ox.BlankNode)}


def same_as(store: Store) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for q in store.oxigraph.quads_for_pattern(None, ox.NamedNode(SAME_AS), None, LINKS):
        out.setdefault(q.subject.value.removeprefix(str(ID)), set()).add(q.object.value)
    return out


@pytest.fixture()
def store_dir(tmp_path: Path, sample_dir: Path) -> Path:
    """A fresh on-disk store of the sample corpus (the shared sample_store is never written)."""
    done = run("--store", str(tmp_path / "store"), "ingest", "-q", str(sample_dir))
    assert done.exit_code == 0, done.output
    return tmp_path / "store"


@pytest.fixture()
def store(sample_dir: Path) -> Store:
    """The sample corpus in memory."""
    from kg.ingest import ingest

    s = Store(None)
    ingest(s, [sample_dir])
    return s


@pytest.fixture()
def actors() -> Store:
    """A fixed set of actors as extraction writes them (``tests/data/wikidata/actors.trig``), in memory."""
    s = Store(None)
    s.oxigraph.load(path=str(DATA / "actors.trig"), format=ox.RdfFormat.TRIG)
    s.rebuild_entities()
    return s


@pytest.fixture()
def actors_dir(tmp_path: Path) -> Path:
    """The same actors in a store on disk, for the command line."""
    s = Store(tmp_path / "actors")
    s.oxigraph.load(path=str(DATA / "actors.trig"), format=ox.RdfFormat.TRIG)
    s.rebuild_entities()
    s.flush()
    del s
    return tmp_path / "actors"


# ---------------------------------------------------------------------------------------------
# Offline: the shipped link table
# ---------------------------------------------------------------------------------------------


def test_offline_link_gives_every_country_and_asean_a_wikidata_link(store_dir: Path) -> None:
    done = run("--store", str(store_dir), "link")
    assert done.exit_code == 0, done.output
    assert re.search(r"^Linked \d+ of \d+ actors: (\d+) links \(\1 from the table, 0 online\)", done.output), done.output
    assert "`kg link --online` reconciles them" in done.output
    s = Store(store_dir, read_only=True)
    countries = {r["c"].value.removeprefix(str(ID)) for r in s.query("SELECT ?c WHERE { ?c a kgo:Country }")}
    assert countries == {"country/VNM", "country/RUS", "country/MMR"}
    links = same_as(s)
    for country in countries:
        assert any(t.startswith(WD) for t in links[country]), country
    assert links["country/VNM"] == {WD + "Q881", "http://sws.geonames.org/1562822/"}
    assert links["country/RUS"] == {WD + "Q159", "http://sws.geonames.org/2017370/"}
    assert links["country/MMR"] == {WD + "Q836", "http://sws.geonames.org/1327865/"}
    assert links["org/association-of-southeast-asian-nations"] == {WD + "Q7768"}
    assert "person/sergei-lavrov" not in links  # people are left to online linking


def test_the_actors_query_returns_the_links_in_same_as(store: Store) -> None:
    linking.link(store)
    rows = queries.run(store, "actors", type="Country")
    vietnam = {str(r[3].value) for r in rows.rows if r[1].value == "Vietnam"}
    assert vietnam == {WD + "Q881", "http://sws.geonames.org/1562822/"}
    asean = queries.run(store, "actors", type="Organization")
    assert {r[3].value for r in asean.rows if r[1].value == "ASEAN"} == {WD + "Q7768"}


def test_every_link_records_how_it_was_made(store: Store) -> None:
    linking.link(store)
    rows = list(store.query("""
        SELECT ?actor ?target ?how ?score ?source ?tool ?how_made WHERE { GRAPH ?g {
          ?actor owl:sameAs ?target .
          ?m a owl:Axiom ; owl:annotatedSource ?actor ; owl:annotatedProperty owl:sameAs ; owl:annotatedTarget ?target ;
             <https://w3id.org/sssom/mapping_justification> ?how ; <https://w3id.org/sssom/confidence> ?score ;
             <http://purl.org/dc/terms/source> ?source ; <https://w3id.org/sssom/mapping_tool> ?tool ;
             rdfs:comment ?how_made } }"""))
    assert len(rows) == sum(len(v) for v in same_as(store).values()) >= 7
    by_target = {r["target"].value: r for r in rows}
    vietnam = by_target[WD + "Q881"]
    assert vietnam["how"].value == "https://w3id.org/semapv/vocab/ManualMappingCuration"
    assert float(vietnam["score"].value) == 1.0
    assert vietnam["source"].value == "https://github.com/owid/owid-grapher"
    assert vietnam["tool"].value.startswith("kg ")
    assert vietnam["how_made"].value == "kg link: Wikidata id from the link table data/links/links.tsv"
    assert by_target["http://sws.geonames.org/1562822/"]["source"].value == "https://www.geonames.org/"
    assert by_target[WD + "Q7768"]["source"].value == "https://www.wikidata.org/wiki/Q7768"


def test_links_live_in_their_own_graph_and_can_be_dropped(store_dir: Path) -> None:
    before = Store(store_dir, read_only=True)
    facts = len(before)
    del before
    assert run("--store", str(store_dir), "link").exit_code == 0
    after = Store(store_dir, read_only=True)
    linked = len(after)
    assert linked - facts == len(list(after.oxigraph.quads_for_pattern(None, None, None, LINKS))) > 0
    del after
    # A second run replaces the graph: nothing doubles.
    assert run("--store", str(store_dir), "link").exit_code == 0
    again = Store(store_dir, read_only=True)
    assert len(again) == linked
    del again
    done = run("--store", str(store_dir), "link", "--drop")
    assert done.exit_code == 0 and "Dropped all links." in done.output
    dropped = Store(store_dir, read_only=True)
    assert len(dropped) == facts and same_as(dropped) == {}


def test_the_link_table_is_what_its_sources_give() -> None:
    derive = resources.path("data", "links", "derive.py")
    printed = subprocess.run([sys.executable, str(derive)], capture_output=True, text=True, check=True).stdout
    assert resources.path("data", "links", "links.tsv").read_text(encoding="utf-8") == printed
    table = linking._table()
    assert len(table) > 480
    by_actor: dict[str, set[str]] = {}
    for actor, target, source in table:
        assert source.startswith("https://"), (actor, source)
        by_actor.setdefault(actor.removeprefix(str(ID)), set()).add(target)
    assert by_actor["country/IDN"] == {WD + "Q252", "http://sws.geonames.org/1643084/"}
    assert by_actor["org/european-union"] == {WD + "Q458"}
    assert by_actor["org/united-nations"] == {WD + "Q1065"}
    # Organizations without a cited id are left to online linking.
    assert not [a for a in by_actor if a.startswith("org/")
                and a not in {"org/association-of-southeast-asian-nations", "org/european-union", "org/united-nations"}]


# ---------------------------------------------------------------------------------------------
# Servers
# ---------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _oxigraph() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    assert Path(found).exists(), "the Oxigraph server is missing: pip install oxigraph (a test dependency of kg)"
    return found


@pytest.fixture(scope="module")
def wikidata(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of a real Oxigraph SPARQL server on loopback holding the Wikidata-model fixture."""
    binary = _oxigraph()
    location = tmp_path_factory.mktemp("wikidata") / "db"
    subprocess.run([binary, "load", "--location", str(location), "--file", str(DATA / "fixture.ttl")],
                   check=True, capture_output=True)
    port = _free_port()
    server = subprocess.Popen([binary, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                assert server.poll() is None, "the Oxigraph server stopped"
                assert time.monotonic() < deadline, "the Oxigraph server did not start within 15 s"
                time.sleep(0.05)
        yield url
    finally:
        server.terminate()
        server.wait(5)


class _Stub(http.server.BaseHTTPRequestHandler):
    """Answers as its server's ``behaviour`` says, and records each request's headers."""

    def do_POST(self) -> None:
        server: Any = self.server
        server.requests.append(dict(self.headers))
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        behaviour = server.behaviour
        if behaviour == "first-ok-then-500":
            behaviour = "empty" if len(server.requests) == 1 else "500"
        if behaviour == "sleep":
            time.sleep(3)
            behaviour = "empty"
        if behaviour == "empty":
            body = json.dumps({"head": {"vars": []}, "results": {"bindings": []}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
        else:
            body = b"the server is unhappy" if behaviour == "500" else b"Parser error: bad query"
            self.send_response(int(behaviour))
            self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture()
def stub() -> Iterator[Any]:
    """A tiny HTTP server on loopback; set ``.behaviour`` to sleep, 500, 400 or first-ok-then-500."""
    server: Any = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
    server.daemon_threads = True
    server.block_on_close = False
    server.requests = []
    server.behaviour = "500"
    server.url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def endpoint(url: str, tmp_path: Path, **kw: Any) -> linking.Endpoint:
    options = {"timeout": 5.0, "cache": tmp_path / "cache", "interval": 0.0, "backoff": 0.01} | kw
    return linking.Endpoint(url, **options)


# ---------------------------------------------------------------------------------------------
# Online: reconciliation against the Oxigraph server
# ---------------------------------------------------------------------------------------------


def test_online_linking_by_name_type_and_post(actors: Store, wikidata: str, tmp_path: Path) -> None:
    store = actors
    report = linking.link(store, endpoint=endpoint(wikidata, tmp_path))
    outcome = {r.label: (r.status, r.best.item.removeprefix(WD) if r.best else None) for r in report.reconciliations}
    assert outcome["State Duma"] == ("linked", "Q9000101")  # a film of that name has the wrong type
    assert outcome["Maria Zakharova"] == ("linked", "Q9000203")  # a ship of that name has the wrong type
    assert outcome["Sergei Lavrov"] == ("linked", "Q9000201")  # the namesake holds no position: the post decides
    assert outcome["Nguyen Hai Bang"] == ("no match", None)
    assert outcome["Vietnam News Agency"][0] == "ambiguous"  # two agencies, nothing to tell them apart
    assert outcome["ASEAN Moscow Committee"] == ("below threshold", "Q9000105")  # alias only: 0.80
    lavrov = next(r for r in report.reconciliations if r.label == "Sergei Lavrov")
    assert [(c.item.removeprefix(WD), c.score) for c in lavrov.candidates] == [("Q9000201", 1.0), ("Q9000202", 0.9)]
    assert "holds the position 'Minister of Foreign Affairs of Russia'" in lavrov.best.evidence
    links = same_as(store)
    assert links["person/sergei-lavrov"] == {WD + "Q9000201", "http://dbpedia.org/resource/Sergey_Lavrov"}
    assert links["org/state-duma"] == {WD + "Q9000101", "http://dbpedia.org/resource/State_Duma"}
    assert links["person/maria-zakharova"] == {WD + "Q9000203"}  # no English Wikipedia sitelink in the fixture
    assert links["country/VNM"] == {WD + "Q881", "http://sws.geonames.org/1562822/", "http://dbpedia.org/resource/Vietnam"}
    for unlinked in ("org/vietnam-news-agency", "org/asean-moscow-committee", "person/nguyen-hai-bang"):
        assert unlinked not in links
    assert report.count("table") == 7 and report.count("online") == 8
    score = {r["t"].value: float(r["score"].value) for r in store.query("""
        SELECT ?t ?score WHERE { ?m owl:annotatedTarget ?t ; <https://w3id.org/sssom/confidence> ?score ;
          <https://w3id.org/sssom/mapping_justification> <https://w3id.org/semapv/vocab/LexicalMatching> }""")}
    assert score == {WD + "Q9000101": 1.0, WD + "Q9000201": 1.0, WD + "Q9000203": 1.0}
    comment = {r["t"].value: r["c"].value for r in store.query("""
        SELECT ?t ?c WHERE { ?m owl:annotatedTarget ?t ; rdfs:comment ?c ; <http://purl.org/dc/terms/source> ?s }""")}
    assert comment[WD + "Q9000201"].startswith("kg link --online: Person by name 'Sergei Lavrov' is an alias of the item;")
    assert comment["http://dbpedia.org/resource/Sergey_Lavrov"] == (
        "kg link --online: DBpedia resource of the English Wikipedia article 'Sergey Lavrov' of Q9000201")


def test_the_threshold_decides_and_answers_come_from_the_cache(actors: Store, wikidata: str, tmp_path: Path) -> None:
    store = actors
    first = endpoint(wikidata, tmp_path)
    linking.link(store, endpoint=first, threshold=0.8)
    assert same_as(store)["org/asean-moscow-committee"] == {WD + "Q9000105"}
    assert first.requests == 2 and first.cache_hits == 0
    again = endpoint(wikidata, tmp_path)
    linking.link(store, endpoint=again, threshold=0.8)
    assert again.requests == 0 and again.cache_hits == 2
    default = endpoint(wikidata, tmp_path)
    linking.link(store, endpoint=default)
    assert "org/asean-moscow-committee" not in same_as(store)
    # Same candidates query (from the cache); one fewer item whose sitelinks are asked for (a new query).
    assert default.cache_hits == 1 and default.requests == 1


def test_kg_link_online_on_the_command_line(actors_dir: Path, wikidata: str, tmp_path: Path) -> None:
    done = run("--store", str(actors_dir), "link", "--online", "--endpoint", wikidata, "--cache", str(tmp_path / "c"))
    assert done.exit_code == 0, done.output
    assert "Linked 7 of 10 actors: 15 links (7 from the table, 8 online)" in done.output
    assert "2 request(s), 0 answered from the cache" in done.output
    assert "linked          Person       Sergei Lavrov  ->  Q9000201 'Sergey Lavrov' score 1.00" in done.output
    assert "no match        Person       Nguyen Hai Bang\n" in done.output
    assert "ambiguous       Organization Vietnam News Agency  ->  Q9000103" in done.output
    assert "also Q9000104 score 0.90" in done.output


def test_a_slow_server_times_out_and_leaves_the_links_as_they_were(actors: Store, stub: Any, tmp_path: Path) -> None:
    store = actors
    linking.link(store)
    before = graph(store, LINKS)
    stub.behaviour = "sleep"
    started = time.monotonic()
    with pytest.raises(KgError, match=r"failed: no answer within 0.3 s \(2 attempts\)"):
        linking.link(store, endpoint=endpoint(stub.url, tmp_path, timeout=0.3, retries=1))
    assert time.monotonic() - started < 2.0
    assert graph(store, LINKS) == before and len(before) == 7
    assert len(stub.requests) == 2


def test_kg_link_times_out_on_the_command_line(store_dir: Path, stub: Any, tmp_path: Path) -> None:
    stub.behaviour = "sleep"
    started = time.monotonic()
    done = run("--store", str(store_dir), "link", "--online", "--endpoint", stub.url, "--timeout", "0.2",
               "--cache", str(tmp_path / "c"))
    assert done.exit_code == 1
    assert done.output.strip().splitlines() == [
        f"Error: the SPARQL endpoint {stub.url} failed: no answer within 0.2 s (3 attempts)"]
    assert time.monotonic() - started < 6.0  # 3 x 0.2 s plus 1 s and 2 s of backoff
    assert same_as(Store(store_dir, read_only=True)) == {}


def test_an_error_response_is_retried_then_reported(actors: Store, stub: Any, tmp_path: Path) -> None:
    store = actors
    stub.behaviour = "500"
    with pytest.raises(KgError, match=r"failed: HTTP 500 Internal Server Error: the server is unhappy \(3 attempts\)"):
        linking.link(store, endpoint=endpoint(stub.url, tmp_path))
    assert len(stub.requests) == 3
    assert stub.requests[0]["User-Agent"].startswith("kg/")
    assert "https://w3id.org/aseankg" in stub.requests[0]["User-Agent"]
    assert stub.requests[0]["Accept"] == "application/sparql-results+json"
    assert same_as(store) == {}


def test_a_bad_request_is_not_retried(store_dir: Path, stub: Any, tmp_path: Path) -> None:
    stub.behaviour = "400"
    done = run("--store", str(store_dir), "link", "--online", "--endpoint", stub.url, "--cache", str(tmp_path / "c"))
    assert done.exit_code == 1
    assert "failed: HTTP 400 Bad Request: Parser error: bad query (1 attempt)" in done.output
    assert len(stub.requests) == 1


def test_a_failure_after_a_good_answer_writes_nothing(actors: Store, stub: Any, tmp_path: Path) -> None:
    store = actors
    linking.link(store)
    before = graph(store, LINKS)
    stub.behaviour = "first-ok-then-500"  # candidates answered, sitelinks fail
    with pytest.raises(KgError, match="HTTP 500"):
        linking.link(store, endpoint=endpoint(stub.url, tmp_path, retries=0))
    assert len(stub.requests) == 2
    assert graph(store, LINKS) == before


def test_usage_errors(store_dir: Path) -> None:
    done = run("--store", str(store_dir), "link", "--endpoint", "http://127.0.0.1:9/sparql")
    assert done.exit_code == 2 and "--endpoint is used only with --online" in done.output
    done = run("--store", str(store_dir), "link", "--online", "--endpoint", "ftp://example.org/")
    assert done.exit_code == 2 and "is not an http(s) URL of a SPARQL endpoint" in done.output
    done = run("--store", str(store_dir), "enrich")
    assert done.exit_code == 2 and "add --online" in done.output


# ---------------------------------------------------------------------------------------------
# Enrichment, SERVICE and VoID
# ---------------------------------------------------------------------------------------------


def test_enrich_pulls_facts_into_their_own_graph(actors_dir: Path, wikidata: str, tmp_path: Path) -> None:
    store_dir = actors_dir
    done = run("--store", str(store_dir), "enrich", "--online", "--endpoint", wikidata)
    assert done.exit_code == 1 and "no Wikidata links yet: run `kg link` first" in done.output
    assert run("--store", str(store_dir), "link").exit_code == 0
    done = run("--store", str(store_dir), "enrich", "--online", "--endpoint", wikidata, "--cache", str(tmp_path / "c"),
               "--lang", "en,vi")
    assert done.exit_code == 0, done.output
    assert "Enriched 4 Wikidata item(s)" in done.output
    s = Store(store_dir, read_only=True)
    rows = {(r["p"].value.rsplit("/", 1)[-1], str(r["v"])) for r in s.query("""
        SELECT ?p ?v WHERE { GRAPH ?g { <http://www.wikidata.org/entity/Q881> ?p ?v } }""")}
    assert ("P1082", '"96208984"^^<http://www.w3.org/2001/XMLSchema#decimal>') in rows
    assert ("P625", '"Point(105.85 21.03)"^^<http://www.opengis.net/ont/geosparql#wktLiteral>') in rows
    assert ("rdf-schema#label", '"Việt Nam"@vi') in rows
    assert ("rdf-schema#label", '"Вьетнам"@ru') not in rows  # only the languages asked for
    capital = list(s.query("""SELECT DISTINCT ?name WHERE { ?c a kgo:Country ; rdfs:label "Vietnam" ; owl:sameAs ?item .
        ?item <http://www.wikidata.org/prop/direct/P36> ?capital . ?capital rdfs:label ?name }"""))
    assert [r["name"].value for r in capital] == ["Hanoi"]
    enriched = graph(s, ENRICHMENT)
    assert enriched and all(t[0].startswith("<" + WD) or t[0] == f"<{ENRICHMENT_GRAPH}>" for t in enriched)


def test_a_failed_enrichment_leaves_the_graph_as_it_was(actors: Store, wikidata: str, stub: Any,
                                                        tmp_path: Path) -> None:
    store = actors
    linking.link(store)
    linking.enrich(store, endpoint(wikidata, tmp_path))
    before = graph(store, ENRICHMENT)
    assert len(before) > 10
    stub.behaviour = "sleep"
    with pytest.raises(KgError, match="no answer within 0.2 s"):
        linking.enrich(store, endpoint(stub.url, tmp_path, timeout=0.2, retries=0))
    assert graph(store, ENRICHMENT) == before


def test_the_service_example_joins_the_graph_with_wikidata(actors: Store, wikidata: str) -> None:
    store = actors
    linking.link(store)
    text = resources.path("queries", "examples", "wikidata-service.rq").read_text(encoding="utf-8")
    assert "SERVICE <https://query.wikidata.org/sparql>" in text
    assert "wikidata-service" not in queries.catalog()
    local = text.replace("https://query.wikidata.org/sparql", wikidata)  # the fixture server stands in for Wikidata
    rows = [(r["label"].value, r["population"].value, r["capitalLabel"].value) for r in store.query(local)]
    assert rows == [("Russia", "146171015", "Moscow"), ("Vietnam", "96208984", "Hanoi")]


def test_void_describes_the_dataset_and_its_linksets(actors: Store) -> None:
    store = actors
    linking.link(store)
    turtle = linking.void_description(store)
    void = "http://rdfs.org/ns/void#"
    triples = {(t.subject.value, t.predicate.value, t.object.value)
               for t in ox.parse(turtle, format=ox.RdfFormat.TURTLE)}
    dataset = "https://w3id.org/aseankg/dataset"
    wikidata = dataset + "/links/wikidata"
    assert (dataset, void + "subset", wikidata) in triples
    assert (wikidata, void + "triples", "4") in triples
    assert (dataset + "/links/geonames", void + "triples", "3") in triples
    assert (wikidata, void + "linkPredicate", SAME_AS) in triples
    assert (wikidata, "http://purl.org/dc/terms/source", "https://github.com/owid/owid-grapher") in triples
    assert (dataset + "/class/Country", void + "entities", "3") in triples
    assert not any(s == dataset + "/links/dbpedia" for s, _, _ in triples)  # no DBpedia links offline
