"""Result formats of the SPARQL endpoint: content negotiation and serializers.

SELECT and ASK results: SPARQL 1.1 Query Results JSON, XML, CSV and TSV.
CONSTRUCT and DESCRIBE results: Turtle, N-Triples, JSON-LD and RDF/XML
(serialized by Oxigraph).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox


@dataclass(frozen=True)
class Format:
    """One result format.

    Attributes:
        key: short name, also accepted in a ``format=`` request parameter.
        media_type: the Content-Type the endpoint answers with.
        aliases: other media types a client may ask for in ``Accept``.
        w3c: the format's IRI under http://www.w3.org/ns/formats/ (service description).
        names: other names accepted in ``format=``.
    """

    key: str
    media_type: str
    aliases: tuple[str, ...] = ()
    w3c: str = ""
    names: tuple[str, ...] = ()


RESULT_FORMATS = (
    Format("json", "application/sparql-results+json", ("application/json", "text/javascript", "application/javascript"), "SPARQL_Results_JSON"),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml"), "SPARQL_Results_XML"),
    Format("csv", "text/csv", (), "SPARQL_Results_CSV"),
    Format("tsv", "text/tab-separated-values", (), "SPARQL_Results_TSV"),
)
"""Formats of SELECT and ASK results; the first is the default."""

GRAPH_FORMATS = (
    Format("turtle", "text/turtle", ("application/turtle", "application/x-turtle", "text/n3", "text/rdf+n3"), "Turtle", ("ttl", "n3")),
    Format("nt", "application/n-triples", ("text/plain",), "N-Triples", ("ntriples", "n-triples")),
    Format("jsonld", "application/ld+json", ("application/x-json+ld", "application/json"), "JSON-LD", ("json-ld", "json")),
    Format("rdfxml", "application/rdf+xml", ("application/xml", "text/xml"), "RDF_XML", ("rdf+xml", "xml", "rdf")),
)
"""Formats of CONSTRUCT and DESCRIBE results; the first is the default."""

_OX_GRAPH = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


class NotAcceptable(Exception):
    """No format offered matches the client's ``Accept`` header or ``format`` parameter."""


def negotiate(accept: str | None, offered: Sequence[Format], overrides: Sequence[str] = ()) -> Format:
    """The offered format that best fits the request.

    Args:
        accept: the request's ``Accept`` header (q-values and wildcards honoured).
        offered: the formats possible for this result, server preference first.
        overrides: ``format=`` request parameters (keys or media types); the first
            one offered here wins over ``accept``, others are ignored (clients such
            as SPARQLWrapper send several, some meant for other servers).

    Raises:
        NotAcceptable: when nothing offered is acceptable.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_FORMATS).key
    'xml'
    >>> negotiate("*/*", GRAPH_FORMATS).key
    'turtle'
    >>> negotiate("", GRAPH_FORMATS, ["rdf+xml", "application/rdf+xml"]).key
    'rdfxml'
    """
    for override in overrides:
        wanted = override.strip().lower()
        for f in offered:
            if wanted in (f.key, f.media_type, *f.aliases, *f.names):
                return f
    if not accept or not accept.strip():
        return offered[0]
    ranges: list[tuple[float, str]] = []
    for item in accept.split(","):
        parts = [p.strip() for p in item.split(";")]
        media = parts[0].lower()
        q = 1.0
        for p in parts[1:]:
            if p.lower().startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranges.append((q, media))
    best: tuple[float, int, int, Format] | None = None
    for q, media in ranges:
        for rank, f in enumerate(offered):
            names = (f.media_type, *f.aliases)
            if media == "*/*" or media in names or (media.endswith("/*") and any(n.startswith(media[:-1]) for n in names)):
                specific = 0 if "*" in media else 1
                candidate = (q, specific, -rank, f)
                if best is None or candidate[:3] > best[:3]:
                    best = candidate
                break
    if best is None:
        raise NotAcceptable(
            f"none of the formats in Accept: {accept} is available here; "
            f"use one of {', '.join(f.media_type for f in offered)}"
        )
    return best[3]


# -- SELECT and ASK ----------------------------------------------------------------------


def _plain(term: Any) -> str:
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return term.value


def _json_term(term: Any) -> dict[str, str]:
    from kg.queries import term_json

    return term_json(term)


def _xml_term(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def serialize_solutions(variables: Sequence[str], rows: Sequence[Sequence[Any]], fmt: Format) -> bytes:
    """SELECT results (rows of terms or None, one per variable) in ``fmt``."""
    if fmt.key == "json":
        bindings = [{v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None} for row in rows]
        return json.dumps({"head": {"vars": list(variables)}, "results": {"bindings": bindings}}, ensure_ascii=False).encode()
    if fmt.key == "xml":
        out = ['<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
        out += [f"<variable name={quoteattr(v)}/>" for v in variables]
        out.append("</head>\n<results>")
        for row in rows:
            out.append("<result>")
            out += [f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>" for v, t in zip(variables, row, strict=True) if t is not None]
            out.append("</result>")
        out.append("</results>\n</sparql>\n")
        return "\n".join(out).encode()
    buffer = io.StringIO()
    if fmt.key == "csv":
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(variables)
        for row in rows:
            writer.writerow(["" if t is None else _plain(t) for t in row])
    else:  # tsv: terms in their N-Triples form, tabs and newlines escaped
        buffer.write("\t".join("?" + v for v in variables) + "\n")
        for row in rows:
            buffer.write("\t".join("" if t is None else str(t).replace("\t", "\\t") for t in row) + "\n")
    return buffer.getvalue().encode()


def serialize_boolean(value: bool, fmt: Format) -> bytes:
    """An ASK result in ``fmt`` (CSV and TSV as Oxigraph writes them: the bare word)."""
    word = "true" if value else "false"
    if fmt.key == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt.key == "xml":
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'
            f"<head/>\n<boolean>{word}</boolean>\n</sparql>\n"
        ).encode()
    return word.encode()


def serialize_triples(triples: Sequence[ox.Triple], fmt: Format, prefixes: dict[str, str] | None = None) -> bytes:
    """CONSTRUCT or DESCRIBE results in ``fmt``, with ``prefixes`` where the format has them."""
    ox_format = _OX_GRAPH[fmt.key]
    if ox_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML):
        return ox.serialize(triples, format=ox_format, prefixes=prefixes or {})
    return ox.serialize(triples, format=ox_format)


def content_type(fmt: Format) -> str:
    """The Content-Type header value for ``fmt`` (UTF-8 stated for text types)."""
    if fmt.media_type.startswith("text/"):
        return fmt.media_type + "; charset=utf-8"
    return fmt.media_type
