"""The endpoint's self-descriptions: a SPARQL 1.1 service description and an OpenAPI document."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from kg.server.formats import GRAPH_FORMATS, RESULT_FORMATS

_SD = "http://www.w3.org/ns/sparql-service-description#"
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def service_description(endpoint: str, allow_update: bool) -> list[ox.Triple]:
    """The triples of the service description (SPARQL 1.1 Service Description) of ``endpoint``."""
    sd = {name: ox.NamedNode(_SD + name) for name in (
        "Service", "endpoint", "supportedLanguage", "SPARQL11Query", "SPARQL11Update", "resultFormat",
        "feature", "UnionDefaultGraph", "BasicFederatedQuery", "defaultDataset", "Dataset", "defaultGraph", "Graph",
    )}
    service = ox.NamedNode(endpoint)
    triples = [
        ox.Triple(service, _RDF_TYPE, sd["Service"]),
        ox.Triple(service, sd["endpoint"], service),
        ox.Triple(service, sd["supportedLanguage"], sd["SPARQL11Query"]),
        ox.Triple(service, sd["feature"], sd["UnionDefaultGraph"]),
    ]
    if allow_update:
        triples.append(ox.Triple(service, sd["supportedLanguage"], sd["SPARQL11Update"]))
    for fmt in (*RESULT_FORMATS, *GRAPH_FORMATS):
        triples.append(ox.Triple(service, sd["resultFormat"], ox.NamedNode("http://www.w3.org/ns/formats/" + fmt.w3c)))
    dataset, default = ox.BlankNode("dataset"), ox.BlankNode("default")
    triples += [
        ox.Triple(service, sd["defaultDataset"], dataset),
        ox.Triple(dataset, _RDF_TYPE, sd["Dataset"]),
        ox.Triple(dataset, sd["defaultGraph"], default),
        ox.Triple(default, _RDF_TYPE, sd["Graph"]),
    ]
    return triples


def openapi(catalog: dict[str, Any], version: str) -> dict[str, Any]:
    """The OpenAPI 3.1 description of the endpoint, with one path per named query."""
    sparql_params = [
        {"name": "query", "in": "query", "required": False, "schema": {"type": "string"},
         "description": "A SPARQL 1.1 query (the prefixes kgo, rdf, rdfs, xsd, owl, skos, schema, prov, time are predefined). "
                        "Without it, GET /sparql answers with the service description."},
        {"name": "default-graph-uri", "in": "query", "schema": {"type": "array", "items": {"type": "string"}},
         "description": "Default graph(s) of the query (default: the union of all named graphs)."},
        {"name": "named-graph-uri", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}},
        {"name": "format", "in": "query", "schema": {"type": "string"},
         "description": "Result format overriding Accept: json, xml, csv, tsv; turtle, nt, jsonld, rdfxml."},
    ]
    results = {f.media_type: {} for f in (*RESULT_FORMATS, *GRAPH_FORMATS)}
    errors = {
        "400": {"description": "SPARQL syntax error or bad parameter (the message says which)"},
        "403": {"description": "an update without the token, or SERVICE while federation is off"},
        "406": {"description": "no acceptable result format"},
        "413": {"description": "request body larger than the limit"},
        "422": {"description": "result larger than the row limit"},
        "503": {"description": "time-out, or every worker busy"},
    }
    paths: dict[str, Any] = {
        "/sparql": {
            "get": {"summary": "SPARQL 1.1 Protocol query (or the service description without query)",
                    "parameters": sparql_params, "responses": {"200": {"description": "results", "content": results}, **errors}},
            "post": {"summary": "SPARQL 1.1 Protocol query or update (updates need --allow-update and the bearer token)",
                     "requestBody": {"content": {
                         "application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {
                             "query": {"type": "string"}, "update": {"type": "string"}}}},
                         "application/sparql-query": {"schema": {"type": "string"}},
                         "application/sparql-update": {"schema": {"type": "string"}}}},
                     "responses": {"200": {"description": "results", "content": results},
                                   "204": {"description": "update done"}, **errors}},
        },
        "/queries": {"get": {"summary": "The named queries and their parameters", "responses": {"200": {
            "description": "a JSON list", "content": {"application/json": {}}}}}},
        "/graph": {"get": {
            "summary": "Interactive graph page of an actor's neighbourhood (or of the whole graph)",
            "parameters": [{"name": n, "in": "query", "schema": {"type": "string"}, "description": d} for n, d in (
                ("actor", "label, alias or IRI"), ("hops", "steps from the actor (default 1)"),
                ("from", "first day, YYYY[-MM[-DD]]"), ("to", "last day, YYYY[-MM[-DD]]"))],
            "responses": {"200": {"description": "a self-contained HTML page", "content": {"text/html": {}}},
                          "501": {"description": "the graph projection is not installed"}, **errors}}},
        "/graph/queries/{name}": {"get": {
            "summary": "Interactive graph page of a named query's result (parameters as for /queries/NAME)",
            "parameters": [{"name": "name", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "a self-contained HTML page", "content": {"text/html": {}}},
                          "501": {"description": "the graph projection is not installed"}, **errors}}},
    }
    for q in catalog.values():
        params = [{"name": p.name, "in": "query", "required": p.required, "schema": {"type": "string"},
                   "description": f"{p.description} ({p.kind})"} for p in q.params]
        params.append({"name": "format", "in": "query", "schema": {"type": "string", "enum": [f.key for f in RESULT_FORMATS]}})
        paths[f"/queries/{q.name}"] = {"get": {
            "summary": q.description, "description": f"Output: {q.outputs}", "operationId": f"query_{q.name}",
            "parameters": params,
            "responses": {"200": {"description": "SPARQL results", "content": {f.media_type: {} for f in RESULT_FORMATS}},
                          **errors},
        }}
    return {
        "openapi": "3.1.0",
        "info": {"title": "kg SPARQL endpoint", "version": version,
                 "description": "A read-only SPARQL 1.1 endpoint over kg's knowledge graph of news, "
                                "and its named queries as REST routes."},
        "paths": paths,
    }
