"""`kg sparql`: every query form, the graph formats, read-only by default, syntax errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import queries
from kg.cli import main
from kg.errors import KgError
from kg.store import Store

ID = "https://w3id.org/aseankg/id/"
COUNTRIES = "CONSTRUCT { ?c rdfs:label ?l } WHERE { ?c a kgo:Country ; rdfs:label ?l }"


@pytest.fixture()
def store_dir(tmp_path: Path) -> Path:
    """An on-disk copy of the fixture graph with the ontology."""
    store = Store(tmp_path / "store")
    store.oxigraph.load(path=str(Path(__file__).parent / "data" / "fixture.trig"), format=ox.RdfFormat.TRIG)
    store.ensure_ontology()
    store.rebuild_entities()
    store.flush()
    del store
    return tmp_path / "store"


def run(store: Path, *args: str) -> object:
    return CliRunner().invoke(main, ["--store", str(store), "sparql", *args])


def test_select_and_ask(store_dir: Path) -> None:
    done = run(store_dir, "SELECT DISTINCT ?l WHERE { ?c a kgo:Country ; rdfs:label ?l }", "--format", "csv")
    assert (done.exit_code, done.output) == (0, "l\nRussia\n")
    ask = run(store_dir, "ASK { ?x a kgo:Fund }", "--format", "json")
    assert json.loads(ask.output) == {"head": {}, "boolean": True}
    assert run(store_dir, "ASK { ?x a kgo:Treaty }").output == "false\n"


def test_construct_formats(store_dir: Path) -> None:
    turtle = run(store_dir, COUNTRIES)
    assert turtle.exit_code == 0
    assert f'<{ID}country/RUS> rdfs:label "Russia" .' in turtle.output
    assert "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ." in turtle.output
    nt = run(store_dir, COUNTRIES, "--format", "ntriples")
    assert nt.output == f'<{ID}country/RUS> <http://www.w3.org/2000/01/rdf-schema#label> "Russia" .\n'
    jsonld = json.loads(run(store_dir, COUNTRIES, "--format", "jsonld").output)
    assert jsonld == [{"@id": ID + "country/RUS", "http://www.w3.org/2000/01/rdf-schema#label": [{"@value": "Russia"}]}]
    wrong = run(store_dir, COUNTRIES, "--format", "csv")
    assert wrong.exit_code == 2 and "turtle, ntriples, jsonld" in wrong.output


def test_describe(store_dir: Path) -> None:
    done = run(store_dir, f"DESCRIBE <{ID}place/sochi>", "--format", "ntriples")
    assert sorted(done.output.splitlines()) == [
        f'<{ID}place/sochi> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/aseankg/ontology#Place> .',
        f'<{ID}place/sochi> <http://www.w3.org/2000/01/rdf-schema#label> "Sochi" .',
    ]


def test_syntax_error_shows_position(store_dir: Path) -> None:
    done = run(store_dir, "SELECT ?x WHERE { ?x ?y }")
    assert done.exit_code == 2
    assert done.output.startswith("Error: SPARQL syntax error: error at 1:26: expected")


def test_update_needs_the_flag(store_dir: Path) -> None:
    insert = f'INSERT DATA {{ GRAPH <{ID}graph/manual> {{ <{ID}country/THA> a kgo:Country ; rdfs:label "Thailand" }} }}'
    refused = run(store_dir, insert)
    assert refused.exit_code == 2 and "run it with --update" in refused.output
    count = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a kgo:Country }"
    assert run(store_dir, count, "--format", "csv").output == "n\n1\n"
    done = run(store_dir, insert, "--update")
    assert done.exit_code == 0, done.output
    assert run(store_dir, count, "--format", "csv").output == "n\n2\n"
    bad = run(store_dir, "INSERT DATA { <a:b> }", "--update")
    assert bad.exit_code == 2 and "error at 1:" in bad.output


def test_read_only_store_refuses_update(store_dir: Path) -> None:
    store = Store(store_dir, read_only=True)
    with pytest.raises(KgError, match="read-only"):
        queries.update(store, "CLEAR ALL")
    assert queries.ad_hoc(store, "ASK { ?x a kgo:Country }") is True


def test_sample_store_construct(sample_store: Store) -> None:
    triples = queries.ad_hoc(sample_store, "CONSTRUCT { ?a kgo:party ?p } WHERE { ?a a kgo:StrategicPartnership ; kgo:party ?p }")
    assert sorted(t.object.value for t in triples) == [ID + "country/RUS", ID + "org/association-of-southeast-asian-nations"]
