"""Check a store against the SHACL shapes in ``ontology/shapes.ttl`` with pySHACL."""

from __future__ import annotations

from dataclasses import dataclass

from kg import resources
from kg.store import Store


@dataclass
class Validation:
    """The outcome of a SHACL check."""

    conforms: bool
    violations: int
    report: str


def validate_graph(data: "object") -> Validation:
    """Validate an rdflib graph (the data and the fields scheme) against the shapes."""
    import pyshacl
    from rdflib import Graph, URIRef
    from rdflib.namespace import SH

    shapes = Graph().parse(resources.path("ontology", "shapes.ttl"))
    ontology = Graph().parse(resources.path("ontology", "kg.ttl"))
    conforms, report_graph, text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", allow_warnings=True
    )
    violations = sum(1 for _ in report_graph.subjects(URIRef(str(SH.resultSeverity)), SH.Violation))
    return Validation(bool(conforms), violations, str(text))


def validate(store: Store) -> Validation:
    """Validate everything in the store (all named graphs at once)."""
    import pyoxigraph as ox
    from rdflib import Graph

    data = Graph()
    nt = ox.serialize(
        (q.triple for q in store.oxigraph.quads_for_pattern(None, None, None, None)),
        format=ox.RdfFormat.N_TRIPLES,
    )
    data.parse(data=nt.decode("utf-8"), format="nt")
    return validate_graph(data)
