"""SHACL validation of real extracted graphs, and readable failures on broken ones."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph

from kg.store import Store
from kg.validate import validate, validate_graph

KGO = "https://w3id.org/aseankg/ontology#"


def _graph(store: Store) -> Graph:
    data = ox.serialize((q.triple for q in store.oxigraph.quads_for_pattern(None, None, None, None)),
                        format=ox.RdfFormat.N_TRIPLES)
    return Graph().parse(data=data.decode("utf-8"), format="nt")


def test_the_sample_corpus_graph_conforms(sample_store: Store) -> None:
    result = validate(sample_store)
    assert result.conforms, result.report
    assert result.violations == 0


def test_broken_data_fails_with_a_readable_report(sample_store: Store) -> None:
    g = _graph(sample_store)
    from rdflib import URIRef

    currency, amount = URIRef(KGO + "currency"), URIRef(KGO + "amount")
    stated = URIRef(KGO + "statedIn")
    balances = [s for s, _, _ in g.triples((None, currency, None)) if (s, amount, None) in g]
    assert balances
    for node in balances:
        g.remove((node, currency, None))
    events = [s for s in g.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(KGO + "Event"))]
    g.remove((events[0], stated, None))
    result = validate_graph(g)
    assert not result.conforms
    assert result.violations >= 2
    assert "currency" in result.report.lower()
    assert str(events[0]) in result.report
