"""Counts that summarise a store: articles, triples, actors by type, events by kind."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.store import Store
from kg.terms import ENTITIES_GRAPH, ONTOLOGY_GRAPH

_ARTICLES = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kgo:Article }"
_BY_CLASS = """SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {
  VALUES ?top { kgo:Country kgo:Organization kgo:Person kgo:Agreement kgo:Plan kgo:Fund kgo:Indicator }
  ?x a ?top . BIND(STRAFTER(STR(?top), "#") AS ?class)
} GROUP BY ?class"""
_EVENTS = """SELECT ?kind (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?e a kgo:Event ; a ?class . FILTER(?class != kgo:Event && STRSTARTS(STR(?class), STR(kgo:)))
  BIND(STRAFTER(STR(?class), "#") AS ?kind)
} GROUP BY ?kind ORDER BY DESC(?n)"""


@dataclass
class Stats:
    """A store's summary counts."""

    articles: int
    triples: int
    extracted_triples: int
    entity_triples: int = 0
    """Statements in the entities graph (derived from the articles, see kg.entities)."""
    things: dict[str, int] = field(default_factory=dict)
    events: dict[str, int] = field(default_factory=dict)


def stats(store: Store) -> Stats:
    """Count what the store holds."""
    import pyoxigraph as ox

    # A query rather than store.oxigraph, so that a remote store (kg.remote) is counted too.
    def count(graph: ox.NamedNode) -> int:
        return int(next(iter(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")))["n"].value)

    ontology = count(ox.NamedNode(str(ONTOLOGY_GRAPH)))
    shared = count(ox.NamedNode(str(ENTITIES_GRAPH)))
    total = len(store)
    articles = int(next(iter(store.query(_ARTICLES)))["n"].value)
    things = {r["class"].value: int(r["n"].value) for r in store.query(_BY_CLASS)}
    events = {r["kind"].value: int(r["n"].value) for r in store.query(_EVENTS)}
    return Stats(articles, total, total - ontology - shared, shared, things, events)
