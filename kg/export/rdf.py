"""RDF exports: Turtle, TriG, N-Quads, N-Triples and JSON-LD.

TriG, N-Quads and JSON-LD keep the named graphs (one per article, plus the
links); Turtle and N-Triples merge them into one graph.  Oxigraph writes the
line formats and Turtle/TriG; rdflib writes JSON-LD, compacted with
:data:`JSONLD_CONTEXT` so that it reads as ``kgo:date`` rather than full IRIs.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO

import pyoxigraph as ox

from kg.store import PREFIXES
from kg.terms import BASE, FIELD, ID

RDF_FORMATS = ("turtle", "trig", "nquads", "ntriples", "jsonld")
"""The RDF format names ``kg export --format`` accepts."""

QUAD_FORMATS = ("trig", "nquads", "jsonld")
"""The formats that keep the named graphs."""

EXPORT_PREFIXES = {**PREFIXES, "field": str(FIELD), "graph": BASE + "graph/"}
"""Prefixes written into Turtle and TriG and used by the JSON-LD context."""

EXPORT_BASE = str(ID)
"""The base IRI of Turtle and TriG exports: entities read as ``<country/RUS>``."""

JSONLD_CONTEXT = {
    **EXPORT_PREFIXES,
    "label": {"@id": "rdfs:label"},
    "altLabel": {"@id": "skos:altLabel"},
}
"""The JSON-LD ``@context``: the prefixes plus short names for labels."""

_OX_FORMAT = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "ntriples": ox.RdfFormat.N_TRIPLES,
}


def write_rdf(quads: Sequence[ox.Quad], fmt: str, out: IO[bytes]) -> int:
    """Serialize ``quads`` in the RDF format ``fmt`` to the binary stream ``out``.

    Args:
        quads: the quads to write (see :func:`kg.export.selection.rdf_quads`).
        fmt: one of :data:`RDF_FORMATS`.
        out: where the document goes.

    Returns:
        The number of triples (or quads, for the quad formats) written.

    >>> import io
    >>> q = ox.Quad(ox.NamedNode(str(ID) + "country/RUS"), ox.NamedNode(PREFIXES["rdfs"] + "label"),
    ...             ox.Literal("Russia"), ox.NamedNode(BASE + "graph/links"))
    >>> buffer = io.BytesIO()
    >>> write_rdf([q], "turtle", buffer)
    1
    >>> b"<country/RUS> rdfs:label" in buffer.getvalue()
    True
    """
    if fmt == "jsonld":
        out.write(_jsonld(quads).encode("utf-8"))
        return len(quads)
    items: list[ox.Quad] | list[ox.Triple]
    if fmt in QUAD_FORMATS:
        items = list(quads)
    else:
        triples = {q.triple for q in quads}
        items = sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    if fmt in ("turtle", "trig"):
        out.write(_header().encode("utf-8"))
        body = ox.serialize(items, None, _OX_FORMAT[fmt], prefixes=EXPORT_PREFIXES, base_iri=EXPORT_BASE) or b""
        # Oxigraph writes its prefix IRIs relative to the base (``kgo: </aseankg/ontology#>``);
        # its header is replaced by one with absolute IRIs, which means the same.
        lines = body.split(b"\n")
        while lines and (lines[0].startswith(b"@base ") or lines[0].startswith(b"@prefix ")):
            lines.pop(0)
        out.write(b"\n".join(lines))
    else:
        ox.serialize(items, out, _OX_FORMAT[fmt])
    return len(items)


def _header() -> str:
    lines = [f"@base <{EXPORT_BASE}> ."]
    lines += [f"@prefix {prefix}: <{iri}> ." for prefix, iri in EXPORT_PREFIXES.items()]
    return "\n".join(lines) + "\n"


def _jsonld(quads: Sequence[ox.Quad]) -> str:
    """JSON-LD compacted with :data:`JSONLD_CONTEXT`, one ``@graph`` entry per named graph."""
    from rdflib import Dataset

    dataset = Dataset()
    if quads:
        data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
        dataset.parse(data=data.decode("utf-8"), format="nquads")
    text = dataset.serialize(format="json-ld", context=JSONLD_CONTEXT, auto_compact=True, indent=1)
    # rdflib inlines the context; keep it, and make sure the document is valid JSON.
    json.loads(text)
    return text
