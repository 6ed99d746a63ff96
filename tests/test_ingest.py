"""Ingest into the embedded store: idempotence, atomic replacement, bad input, a second writer."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import graph_iri
from kg.errors import KgError
from kg.ingest import ingest
from kg.readers import Article
from kg.store import Store


def test_reingest_leaves_the_triple_count_unchanged(tmp_path: Path, sample_dir: Path) -> None:
    store = Store(tmp_path / "s")
    first = ingest(store, [sample_dir])
    size = len(store)
    again = ingest(store, [sample_dir])
    assert (first.added, first.replaced, again.added, again.replaced) == (2, 0, 0, 2)
    assert len(store) == size


def test_changed_article_replaces_its_graph(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    store = Store(tmp_path / "s")
    f.write_text(json.dumps({"url": "https://e.org/1", "text": "Vietnam and Russia held talks on March 3.", "date": "2022-03-05"}))
    ingest(store, [f])
    f.write_text(json.dumps({"url": "https://e.org/1", "text": "Japan and ASEAN held talks on March 4.", "date": "2022-03-05"}))
    ingest(store, [f])
    graph = graph_iri(Article("", None, "", url="https://e.org/1"))
    texts = [q.object.value for q in store.oxigraph.quads_for_pattern(None, None, None, graph)
             if q.predicate.value.endswith("#text")]
    assert texts == ["Japan and ASEAN held talks on March 4."]


def test_bad_inputs_are_skipped_and_the_rest_lands(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "ok.txt").write_text("date 2022-01-05 Vietnam and Russia held talks in Hanoi.", encoding="utf-8")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02")
    (corpus / "latin1.txt").write_bytes("date 2022-01-05 Caf\xe9".encode("latin-1"))
    (corpus / "empty.txt").write_text("")
    (corpus / "bad-date.txt").write_text("date 2022-02-31 Text.")
    (corpus / "lines.jsonl").write_text('{"text": "Japan and ASEAN met."}\n{broken\n{"id": 1}\n')
    store = Store(tmp_path / "s")
    report = ingest(store, [corpus])
    assert report.added == 2
    reasons = sorted(s.reason.split(" (")[0].split(";")[0] for s in report.skipped)
    assert len(report.skipped) == 6, reasons
    assert any("lines.jsonl:2" in s.origin for s in report.skipped)
    assert any("lines.jsonl:3" in s.origin for s in report.skipped)
    articles = list(store.query("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kgo:Article }"))
    assert articles[0]["n"].value == "2"


def test_replace_graph_keeps_hostile_literals_as_data(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    g = ox.NamedNode("https://e.org/g")
    s, p = ox.NamedNode("https://e.org/s"), ox.NamedNode("https://e.org/p")
    hostile = ox.Literal('x" } } ; DROP ALL ; INSERT DATA { <a:b> <a:c> "d')
    store.add_graph([ox.Quad(s, p, ox.Literal("other"), ox.NamedNode("https://e.org/keep"))])
    store.replace_graph(g, [ox.Quad(s, p, hostile, g)])
    store.replace_graph(g, [ox.Quad(s, p, hostile, g)])
    assert [q.object for q in store.oxigraph.quads_for_pattern(None, None, None, g)] == [hostile]
    assert len(store) == 2


def test_a_second_writer_gets_a_clear_error(tmp_path: Path) -> None:
    first = Store(tmp_path / "s")
    with pytest.raises(KgError, match="in use by another kg process") as err:
        Store(tmp_path / "s")
    assert err.value.exit_code == 4
    reader = Store(tmp_path / "s", read_only=True)
    assert len(reader) == len(first)


def test_rdflib_sees_the_same_store(sample_store: Store) -> None:
    from rdflib import RDFS, URIRef

    dataset = sample_store.as_rdflib()
    russia = URIRef("https://w3id.org/aseankg/id/country/RUS")
    assert str(dataset.value(russia, RDFS.label)) == "Russia"
    rows = list(dataset.query(
        "SELECT ?l WHERE { ?a a <https://w3id.org/aseankg/ontology#Country> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }"))
    assert {str(r[0]) for r in rows} >= {"Russia", "Vietnam", "Myanmar"}
