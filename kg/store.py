"""The embedded store: Oxigraph on disk, one named graph per article.

The default graph is never written; queries see the union of all named graphs
(the articles, the ontology and the fields scheme, and the links).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg import resources
from kg.errors import KgError
from kg.terms import BASE, KGO, ONTOLOGY_GRAPH

DEFAULT_STORE = "kg-store"
"""The store folder used when neither ``--store`` nor ``KG_STORE`` is given."""

PREFIXES = {
    "kgo": str(KGO._NS),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "time": "http://www.w3.org/2006/time#",
    "kgg": BASE + "graph/",
}

_VERSION_INFO = ox.NamedNode("http://www.w3.org/2002/07/owl#versionInfo")


def default_location() -> Path:
    """``$KG_STORE`` if set, else ``./kg-store``."""
    return Path(os.environ.get("KG_STORE") or DEFAULT_STORE)


class Store:
    """An Oxigraph store on disk (or in memory when ``location`` is None).

    Args:
        location: the store folder; created when missing unless ``read_only``.
        read_only: open without taking the writer's lock, so queries can run
            while another process ingests.
    """

    def __init__(self, location: Path | None, read_only: bool = False) -> None:
        self.location = location
        self.read_only = read_only
        try:
            if location is None:
                self._store = ox.Store()
            elif read_only:
                if not (location / "CURRENT").exists():
                    raise KgError(
                        f"no store at {location}: build one with `kg --store {location} ingest PATH`"
                    )
                self._store = _open_read_only(location)
            else:
                location.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(location))
                _write_holder(location)
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise KgError(
                    f"the store {location} is in use by {_holder(location)}; "
                    "wait for it to finish (queries can still run: they open the store read-only)",
                    exit_code=4,
                ) from None
            raise KgError(f"cannot open the store {location}: {exc}") from None

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying :class:`pyoxigraph.Store`."""
        return self._store

    # -- writing -------------------------------------------------------------------------

    def ensure_ontology(self) -> None:
        """Load the ontology and the fields scheme into their graph when missing or outdated."""
        files = [resources.path("ontology", name) for name in ("kg.ttl", "fields.ttl")]
        loaded = [
            q.object.value
            for q in self._store.quads_for_pattern(None, _VERSION_INFO, None, ONTOLOGY_GRAPH_OX)
        ]
        wanted = _ontology_version(files[0])
        if loaded == [wanted]:
            return
        quads: list[ox.Quad] = []
        for file in files:
            for triple in ox.parse(path=str(file), format=ox.RdfFormat.TURTLE):
                quads.append(ox.Quad(triple.subject, triple.predicate, triple.object, ONTOLOGY_GRAPH_OX))
        self.replace_graph(ONTOLOGY_GRAPH_OX, quads)
        if loaded:  # written by an older kg: its articles may predate the entities graph
            self.rebuild_entities()

    def rebuild_entities(self) -> int:
        """Recompute the entities graph from the article graphs (see :mod:`kg.entities`); its size."""
        from kg import entities

        return entities.rebuild(self._store)

    def replace_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> None:
        """Replace a named graph's content in one transaction: all of it or none of it.

        The new content is encoded as RDF terms by Oxigraph's own serializer
        (``str`` of a term is its N-Triples form, with every character escaped).
        """
        body = " .\n".join(str(q.triple) for q in quads)
        # A single SPARQL update runs in one transaction, so a crash leaves the old graph.
        self._store.update(f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body} }} }}")

    def replace_article(self, graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> None:
        """Replace an article's graph and its share of the entities graph in one transaction.

        ``quads`` are what extraction wrote: the article's graph and its
        entities-graph triples (:mod:`kg.entities`).  What the old version
        contributed to the entities graph and the new one does not is removed
        unless another article still states it.
        """
        from kg import entities

        own, shared = entities.split(graph, quads)
        old = self._store.quads_for_pattern(None, None, None, graph)
        stale = entities.stale(old, shared, entities.supported_in(self._store, graph))
        g = entities.GRAPH
        parts = [f"DROP SILENT GRAPH {graph}"]
        if stale:
            parts.append("DELETE DATA { GRAPH %s {\n%s } }" % (g, " .\n".join(str(t) for t in stale)))
        body = " .\n".join(str(t) for t in own)
        more = " .\n".join(str(t) for t in shared)
        parts.append(f"INSERT DATA {{ GRAPH {graph} {{\n{body} }} GRAPH {g} {{\n{more} }} }}")
        # A single SPARQL update runs in one transaction, so a crash leaves the old version whole.
        self._store.update(" ;\n".join(parts))

    def add_graph(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads in one transaction (for graphs known to be new)."""
        self._store.extend(quads)

    def bulk_load(self, data: bytes | str, format: ox.RdfFormat = ox.RdfFormat.N_QUADS) -> None:
        """Load a large N-Quads document with Oxigraph's bulk loader (not transactional)."""
        self._store.bulk_load(data, format=format)

    def has_graph(self, graph: ox.NamedNode) -> bool:
        """Whether the named graph holds anything."""
        return self._store.contains_named_graph(graph) and next(
            iter(self._store.quads_for_pattern(None, None, None, graph)), None
        ) is not None

    def flush(self) -> None:
        """Write buffers to disk."""
        if not self.read_only and self.location is not None:
            self._store.flush()

    # -- reading -------------------------------------------------------------------------

    def query(self, sparql: str, bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None) -> Any:
        """Run a SPARQL query over the union of all graphs.

        Args:
            sparql: the query text; the standard prefixes above are predefined.
            bindings: values for variables, bound as RDF terms (SEP-0007), never
                pasted into the text.

        Raises:
            KgError: on a syntax error, with Oxigraph's position and message.
        """
        substitutions = {ox.Variable(k): v for k, v in (bindings or {}).items()}
        try:
            return self._store.query(
                sparql,
                prefixes=PREFIXES,
                use_default_graph_as_union=True,
                substitutions=substitutions or None,
            )
        except SyntaxError as exc:
            raise KgError(f"SPARQL syntax error: {exc}", exit_code=2) from None

    def as_rdflib(self) -> Any:
        """The same store seen through rdflib's API (an ``rdflib.Dataset`` backed by oxrdflib).

        Reads and writes go to this Oxigraph store; rdflib's own SPARQL engine is
        bypassed in favour of Oxigraph's.
        """
        from oxrdflib import OxigraphStore
        from rdflib import Dataset

        return Dataset(store=OxigraphStore(store=self._store), default_union=True)

    def graphs(self) -> list[ox.NamedNode]:
        """The named graphs in the store (articles, ontology, links), sorted by IRI."""
        return sorted((g for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)), key=lambda g: g.value)

    def dump(self, format: ox.RdfFormat = ox.RdfFormat.N_QUADS, graph: ox.NamedNode | None = None) -> bytes:
        """The whole store (or one named ``graph``) serialized in ``format``.

        A format without named graphs (Turtle, N-Triples, ...) needs ``graph``.
        """
        return self._store.dump(format=format, from_graph=graph)

    def __len__(self) -> int:
        return len(self._store)

    def __str__(self) -> str:
        return str(self.location) if self.location is not None else "(in memory)"


ONTOLOGY_GRAPH_OX = ox.NamedNode(str(ONTOLOGY_GRAPH))

_HOLDER_FILE = "kg-writer.json"
"""Who opened the store for writing (pid, command, time), read when a second writer is refused."""


def _write_holder(location: Path) -> None:
    import datetime as dt
    import json
    import sys

    info = {"pid": os.getpid(), "command": " ".join(["kg", *sys.argv[1:]]) if sys.argv else "kg",
            "since": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")}
    try:
        (location / _HOLDER_FILE).write_text(json.dumps(info), encoding="utf-8")
    except OSError:
        pass  # only used to word an error message


def _holder(location: Path | None) -> str:
    """The process holding the writer's lock, as recorded when it opened the store."""
    import json

    try:
        if location is None:
            raise OSError("in memory")
        info = json.loads((location / _HOLDER_FILE).read_text(encoding="utf-8"))
        pid = int(info["pid"])
        os.kill(pid, 0)  # still running? (else the record is stale)
    except (OSError, ValueError, KeyError, TypeError):
        return "another process that is writing to it"
    return f"another kg process that is writing to it (pid {pid}, `{info.get('command', 'kg')}`, since {info.get('since', '?')})"


def _open_read_only(location: Path) -> ox.Store:
    """Open read-only, retrying while a concurrent writer renames files under us.

    Oxigraph calls a read-only open next to a writing process undefined behaviour; what happens in
    practice is a transient error while RocksDB compacts or creates files, which a retry clears.
    """
    import time

    for attempt in range(20):
        try:
            return ox.Store.read_only(str(location))
        except (OSError, RuntimeError) as exc:
            if attempt == 19:
                raise KgError(
                    f"cannot read the store {location} while another process writes to it ({exc}); "
                    "try again when it has finished",
                    exit_code=4,
                ) from None
            time.sleep(0.05)
    raise AssertionError("unreachable")


def open_store(spec: str | Path, read_only: bool = False) -> Any:
    """The store ``spec`` names: an embedded store folder, or a SPARQL endpoint.

    Args:
        spec: a folder, or ``sparql+http://HOST:PORT/PATH`` (``sparql+https://...``)
            for a remote SPARQL 1.1 endpoint (see :mod:`kg.remote`).
        read_only: open without writing (an embedded store then takes no lock).

    Returns:
        A :class:`Store` or a :class:`kg.remote.RemoteStore`; both have the same methods.
    """
    text = str(spec)
    if text.startswith(("sparql+http://", "sparql+https://")):
        from kg.remote import RemoteStore

        return RemoteStore(text, read_only=read_only)
    if "://" in text:
        raise KgError(f"--store {text}: a remote store is written sparql+http://HOST:PORT/PATH", exit_code=2)
    return Store(Path(text), read_only=read_only)


def _ontology_version(path: Path) -> str:
    for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        if triple.predicate == _VERSION_INFO:
            return triple.object.value
    raise KgError(f"{path} has no owl:versionInfo")
