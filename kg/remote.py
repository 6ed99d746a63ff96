"""A remote triple store reached over the SPARQL 1.1 Protocol, with the embedded store's methods.

``--store sparql+http://HOST:PORT/PATH`` names the query endpoint
``http://HOST:PORT/PATH``.  The update endpoint and the Graph Store Protocol
endpoint are derived from it, or given as parameters of the spec (which are
removed from the query URL) or by environment variables:

=============  ======================  ================================================
spec parameter environment             default
=============  ======================  ================================================
``update``     ``KG_SPARQL_UPDATE``    ``.../update`` when the path ends in ``/query``
                                       (Oxigraph, Fuseki), else the query URL itself
``store``      ``KG_SPARQL_STORE``     ``.../store`` when the path ends in ``/query``
                                       (Oxigraph; Fuseki: ``store=data``), else none
``union``      ``KG_SPARQL_UNION``     ``param``: send ``union-default-graph`` with each
                                       query (Oxigraph); ``native``: the server's default
                                       graph already is the union (Virtuoso, GraphDB,
                                       Fuseki with ``unionDefaultGraph``)
``write``      ``KG_SPARQL_WRITE``     ``update`` (SPARQL update requests) or ``gsp`` (Graph
                                       Store Protocol: POST a new graph, PUT a replaced one;
                                       for Virtuoso, whose updates are limited in size)
``batch``                              20000 quads at most per update request
``auth``       ``KG_SPARQL_AUTH``      ``basic`` or ``digest`` (Virtuoso's
                                       ``/sparql-auth``), with ``user:password@`` in the spec
                                       or ``KG_SPARQL_USER`` and ``KG_SPARQL_PASSWORD``
``timeout``                            60 seconds per request
=============  ======================  ================================================

A relative ``update``/``store`` value is resolved against the query URL's folder,
so ``sparql+http://localhost:3030/ds/query?store=data`` gives ``/ds/data``.

Writing: each article keeps its own named graph.  ``add_graph`` sends one
``INSERT DATA`` request per batch of whole graphs (a graph larger than the batch
goes alone); ``replace_graph`` sends ``DROP SILENT GRAPH`` and ``INSERT DATA`` in
one request, which Oxigraph and Fuseki run as one transaction.  Counts and
listings (``len``, :meth:`RemoteStore.graphs`, :meth:`RemoteStore.dump`) cover the
graphs under ``https://w3id.org/aseankg/``, so a shared triple store's other
graphs (Virtuoso's system graphs, say) are left out.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any
from urllib.parse import parse_qsl, unquote, urljoin, urlsplit, urlunsplit

import pyoxigraph as ox

from kg.errors import KgError
from kg.store import ONTOLOGY_GRAPH_OX, PREFIXES, _ontology_version
from kg.terms import BASE, KGO

DEFAULT_BATCH = 20_000
"""Quads per update request when the spec gives no ``batch``."""

_PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
_KG_GRAPHS = f'FILTER(STRSTARTS(STR(?g), "{BASE}"))'
_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"


def _resolve(base: str, value: str) -> str:
    return value if "://" in value else urljoin(base.rsplit("/", 1)[0] + "/", value)


class RemoteStore:
    """A SPARQL 1.1 endpoint used as kg's store.

    Args:
        spec: ``sparql+http://[USER:PASSWORD@]HOST:PORT/PATH[?update=...&store=...&union=...]``.
        read_only: refuse every write.
    """

    def __init__(self, spec: str, read_only: bool = False) -> None:
        import httpx

        self.spec = spec
        shown = re.sub(r"//[^/@]*@", "//***@", spec)  # no password in messages
        self.read_only = read_only
        self.location = None
        scheme, netloc, path, query, _ = urlsplit(spec)
        if scheme not in ("sparql+http", "sparql+https") or not netloc:
            raise KgError(f"{shown!r} is not a remote store: write sparql+http://HOST:PORT/PATH", exit_code=2)
        options = dict(parse_qsl(query))
        unknown = set(options) - {"update", "store", "union", "batch", "auth", "timeout", "write"}
        if unknown:
            raise KgError(f"--store {shown}: unknown parameter(s) {', '.join(sorted(unknown))} "
                          "(known: update, store, union, write, batch, auth, timeout)", exit_code=2)
        user, password = os.environ.get("KG_SPARQL_USER") or None, os.environ.get("KG_SPARQL_PASSWORD")
        if "@" in netloc:
            credentials, netloc = netloc.rsplit("@", 1)
            user, _, password = (unquote(part) for part in credentials.partition(":"))
        self.query_url = urlunsplit((scheme.split("+", 1)[1], netloc, path or "/", "", ""))
        derived = path.endswith("/query")
        update = options.get("update") or os.environ.get("KG_SPARQL_UPDATE") or ("update" if derived else self.query_url)
        store = options.get("store") or os.environ.get("KG_SPARQL_STORE") or ("store" if derived else "")
        self.update_url = _resolve(self.query_url, update)
        self.store_url = _resolve(self.query_url, store) if store else None
        self.union = options.get("union") or os.environ.get("KG_SPARQL_UNION") or "param"
        if self.union not in ("param", "native"):
            raise KgError(f"--store {shown}: union must be param or native, not {self.union!r}", exit_code=2)
        self.write = options.get("write") or os.environ.get("KG_SPARQL_WRITE") or "update"
        if self.write not in ("update", "gsp"):
            raise KgError(f"--store {shown}: write must be update or gsp, not {self.write!r}", exit_code=2)
        if self.write == "gsp" and not self.store_url:
            raise KgError(f"--store {shown}: write=gsp needs the Graph Store URL (store=...)", exit_code=2)
        try:
            self.batch = int(options.get("batch", DEFAULT_BATCH))
            timeout = float(options.get("timeout", 60))
        except ValueError:
            raise KgError(f"--store {shown}: batch and timeout must be numbers", exit_code=2) from None
        auth: Any = None
        kind = options.get("auth") or os.environ.get("KG_SPARQL_AUTH") or "basic"
        if kind not in ("basic", "digest"):
            raise KgError(f"--store {shown}: auth must be basic or digest, not {kind!r}", exit_code=2)
        if user is not None:
            auth = httpx.DigestAuth(user, password or "") if kind == "digest" else httpx.BasicAuth(user, password or "")
        self._http = httpx.Client(timeout=timeout, auth=auth, follow_redirects=True)

    def __repr__(self) -> str:
        return f"RemoteStore({self.query_url!r})"

    def __str__(self) -> str:
        return self.query_url

    # -- HTTP --------------------------------------------------------------------------------

    def _post(self, url: str, **kwargs: Any) -> Any:
        import httpx

        try:
            response = self._http.post(url, **kwargs)
        except httpx.HTTPError as exc:
            raise KgError(f"cannot reach the SPARQL endpoint {url}: {exc}") from None
        return response

    def _check(self, response: Any, what: str) -> None:
        if response.status_code >= 400:
            text = response.text.strip()[:500]
            if response.status_code == 400:
                raise KgError(f"the endpoint {response.url} refused the {what}: {text}", exit_code=2)
            raise KgError(f"the endpoint {response.url} answered HTTP {response.status_code} to the {what}: {text}")

    # -- reading -----------------------------------------------------------------------------

    def query(self, sparql: str, bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None) -> Any:
        """Run a SPARQL query on the endpoint over the union of all graphs.

        Returns the same objects as the embedded store: :class:`pyoxigraph.QuerySolutions`,
        :class:`pyoxigraph.QueryBoolean`, or a list of :class:`pyoxigraph.Triple`.

        Args:
            sparql: the query; the standard prefixes of :data:`kg.store.PREFIXES` are predefined.
            bindings: values for variables, sent as a trailing ``VALUES`` row of RDF terms
                (an endpoint cannot take SEP-0007 substitutions).
        """
        text = _PROLOGUE + sparql
        if bindings:
            names = list(bindings)
            text += "\nVALUES (" + " ".join(f"?{n}" for n in names) + ") { (" + " ".join(str(bindings[n]) for n in names) + ") }"
        data = {"query": text}
        if self.union == "param":
            data["union-default-graph"] = ""
        response = self._post(self.query_url, data=data, headers={"Accept": _ACCEPT})
        self._check(response, "query")
        kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind in ("application/sparql-results+json", "application/json"):
            return _ask_fix(ox.parse_query_results(_bnode_fix(response.content), format=ox.QueryResultsFormat.JSON))
        if kind in ("application/sparql-results+xml", "application/xml"):
            return _ask_fix(ox.parse_query_results(response.content, format=ox.QueryResultsFormat.XML))
        formats = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES,
                   "text/turtle": ox.RdfFormat.TURTLE}
        if kind in formats:
            return list(ox.parse(response.content, format=formats[kind]))
        raise KgError(f"the endpoint {self.query_url} answered with an unexpected Content-Type {kind!r}")

    def has_graph(self, graph: ox.NamedNode) -> bool:
        """Whether the named graph holds anything."""
        return bool(self.query(f"ASK {{ GRAPH {graph} {{ ?s ?p ?o }} }}"))

    def graphs(self) -> list[ox.NamedNode]:
        """kg's named graphs on the endpoint (IRIs under https://w3id.org/aseankg/), sorted."""
        rows = self.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_KG_GRAPHS} }}")
        return sorted((row["g"] for row in rows if isinstance(row["g"], ox.NamedNode)), key=lambda g: g.value)

    def count(self, graph: ox.NamedNode | None = None) -> int:
        """Quads in ``graph``, or in all of kg's graphs."""
        where = f"GRAPH {graph} {{ ?s ?p ?o }}" if graph else f"GRAPH ?g {{ ?s ?p ?o }} {_KG_GRAPHS}"
        return int(next(iter(self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")))["n"].value)

    def __len__(self) -> int:
        return self.count()

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of kg's graphs."""
        for row in self.query(f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_KG_GRAPHS} }}"):
            yield ox.Quad(row["s"], row["p"], row["o"], row["g"])

    def dump(self, format: ox.RdfFormat = ox.RdfFormat.N_QUADS, graph: ox.NamedNode | None = None) -> bytes:
        """kg's graphs (or one named ``graph``) serialized in ``format``."""
        if graph is not None:
            triples = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
            return ox.serialize(triples, format=format)
        if not format.supports_datasets:
            raise KgError(f"{format.name} has no named graphs: dump one graph, or use N-Quads or TriG")
        return ox.serialize(self.quads(), format=format)

    @property
    def oxigraph(self) -> Any:
        raise KgError(f"this command needs an embedded store (--store FOLDER), not the SPARQL endpoint {self.query_url}")

    def as_rdflib(self) -> Any:
        """Not available for a remote store."""
        raise KgError(f"this command needs an embedded store (--store FOLDER), not the SPARQL endpoint {self.query_url}")

    # -- writing -----------------------------------------------------------------------------

    def update(self, sparql: str) -> None:
        """Send one SPARQL update request (run by Oxigraph and Fuseki as one transaction)."""
        if self.read_only:
            raise KgError(f"the store {self.query_url} was opened read-only")
        response = self._post(self.update_url, data={"update": _PROLOGUE + sparql})
        self._check(response, "update")

    def add_graph(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads, whole graphs per request, at most ``batch`` quads per request.

        With ``write=gsp``: one Graph Store Protocol POST per graph instead.
        """
        if self.write == "gsp":
            for graph, triples in _by_graph(quads):
                self._send_graph("POST", graph, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
            return
        blocks: list[tuple[str, bool]] = []
        size = 0
        for graph, triples in _by_graph(quads):
            if blocks and size + len(triples) > self.batch:
                self.update(_insert(blocks))
                blocks, size = [], 0
            blocks.append((_block(graph, triples), _has_blank_nodes(triples)))
            size += len(triples)
        if blocks:
            self.update(_insert(blocks))

    def replace_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> None:
        """Replace a named graph's content in one update request (``write=gsp``: one PUT)."""
        triples = [q.triple for q in quads]
        if self.write == "gsp":
            self._send_graph("PUT", graph, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
            return
        self.update(f"DROP SILENT GRAPH {graph} ;\n" + _insert([(_block(graph, triples), _has_blank_nodes(triples))]))

    def replace_article(self, graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> None:
        """Replace an article's graph and its share of the entities graph (see :mod:`kg.entities`).

        One update request (``write=gsp``: a PUT, then the entities graph's changes).
        """
        from kg import entities

        own, shared = entities.split(graph, quads)
        rows = self.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
        old = [ox.Quad(r["s"], r["p"], r["o"], graph) for r in rows]
        others = "FILTER(?g NOT IN (%s))" % ", ".join(str(g) for g in (graph, *sorted(entities.NOT_ARTICLES, key=str)))

        def exists(t: ox.Triple) -> bool:
            if t.predicate == entities.NAMED:
                where = (f"{{ GRAPH ?g {{ {t.subject} <{KGO.mentionedIn}> ?x }} }} UNION "
                         f"{{ GRAPH ?g {{ ?x <{KGO.onBehalfOf}> {t.subject} }} }}")
            else:
                where = f"GRAPH ?g {{ {t} }}"
            return bool(self.query(f"ASK {{ {where} {others} }}"))

        stale = entities.stale(old, shared, exists)
        delete = f"DELETE DATA {{ {_block(entities.GRAPH, stale)} }} ;\n" if stale else ""
        if self.write == "gsp":
            self._send_graph("PUT", graph, ox.serialize(own, format=ox.RdfFormat.N_TRIPLES))
            if delete:
                self.update(delete.rstrip(" ;\n"))
            self._send_graph("POST", entities.GRAPH, ox.serialize(shared, format=ox.RdfFormat.N_TRIPLES))
            return
        self.update(f"DROP SILENT GRAPH {graph} ;\n" + delete
                    + _insert([(_block(graph, own) + "\n" + _block(entities.GRAPH, shared), _has_blank_nodes(own))]))

    def put_graph(self, graph: ox.NamedNode, data: bytes) -> None:
        """Replace a named graph with N-Triples ``data`` through the Graph Store Protocol (HTTP PUT)."""
        self._send_graph("PUT", graph, data)

    def _send_graph(self, method: str, graph: Any, data: bytes) -> None:
        import httpx

        if self.read_only:
            raise KgError(f"the store {self.query_url} was opened read-only")
        if not self.store_url:
            raise KgError(f"no Graph Store Protocol URL for {self.query_url}: add ?store=URL to the spec")
        target = {"default": ""} if isinstance(graph, ox.DefaultGraph) else {"graph": graph.value}
        try:
            response = self._http.request(method, self.store_url, params=target, content=data,
                                          headers={"Content-Type": "application/n-triples"})
        except httpx.HTTPError as exc:
            raise KgError(f"cannot reach the Graph Store endpoint {self.store_url}: {exc}") from None
        self._check(response, "graph upload")

    def ensure_ontology(self) -> None:
        """Load the ontology and the fields scheme into their graph when missing or outdated."""
        from kg import resources

        files = [resources.path("ontology", name) for name in ("kg.ttl", "fields.ttl")]
        rows = self.query(f"SELECT ?v WHERE {{ GRAPH {ONTOLOGY_GRAPH_OX} {{ ?x owl:versionInfo ?v }} }}")
        if [row["v"].value for row in rows] == [_ontology_version(files[0])]:
            return
        quads = [ox.Quad(t.subject, t.predicate, t.object, ONTOLOGY_GRAPH_OX)
                 for file in files for t in ox.parse(path=str(file), format=ox.RdfFormat.TURTLE)]
        self.replace_graph(ONTOLOGY_GRAPH_OX, quads)

    def flush(self) -> None:
        """Nothing to do: every write has been sent when its method returns."""

    def close(self) -> None:
        """Close the HTTP connections."""
        self._http.close()


def _ask_fix(result: Any) -> Any:
    """Virtuoso answers ASK with a SELECT of ``?__ASK_RETVAL`` (no row, or one row holding 1): a bool."""
    if isinstance(result, ox.QuerySolutions) and [v.value for v in result.variables] == ["__ASK_RETVAL"]:
        return any(row["__ASK_RETVAL"] is not None and row["__ASK_RETVAL"].value not in ("0", "false") for row in result)
    return result


_BNODE_LABEL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")


def _bnode_fix(content: bytes) -> bytes:
    """Relabel blank nodes whose label pyoxigraph refuses (Virtuoso's ``nodeID://b10003``) in JSON results.

    A refused label becomes ``x`` and its UTF-8 bytes in hex, the same for every occurrence
    in the answer; answers without such labels are returned untouched.
    """
    if b'"bnode"' not in content:
        return content
    import json

    data = json.loads(content)
    changed = False
    for row in data.get("results", {}).get("bindings", []):
        for term in row.values():
            if term.get("type") == "bnode" and not _BNODE_LABEL.fullmatch(term.get("value", "")):
                term["value"] = "x" + term.get("value", "").encode().hex()
                changed = True
    return json.dumps(data).encode() if changed else content


def _by_graph(quads: Iterable[ox.Quad]) -> list[tuple[Any, list[ox.Triple]]]:
    groups: dict[Any, list[ox.Triple]] = {}
    for q in quads:
        groups.setdefault(q.graph_name, []).append(q.triple)
    return list(groups.items())


def _has_blank_nodes(triples: list[ox.Triple]) -> bool:
    return any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples)


def _insert(blocks: list[tuple[str, bool]]) -> str:
    """``INSERT DATA`` for graphs without blank nodes; one ``INSERT {...} WHERE {}`` per graph with them.

    Both make fresh blank nodes, but Virtuoso refuses blank nodes in ``INSERT DATA``.
    """
    plain = [text for text, blank in blocks if not blank]
    operations = ["INSERT DATA {\n" + "\n".join(plain) + "\n}"] if plain else []
    operations += ["INSERT {\n" + text + "\n} WHERE {}" for text, blank in blocks if blank]
    return " ;\n".join(operations)


def _block(graph: Any, triples: list[ox.Triple]) -> str:
    body = " .\n".join(str(t) for t in triples)
    if not body:
        return ""
    if isinstance(graph, ox.DefaultGraph):
        return body + " ."
    return f"GRAPH {graph} {{\n{body} .\n}}"


__all__ = ["DEFAULT_BATCH", "RemoteStore"]
