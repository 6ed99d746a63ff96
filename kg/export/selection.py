"""What part of the store an export covers: the whole graph, a named query's result,
an actor's neighbourhood, and a date range.

RDF formats select triples (:func:`rdf_quads`); graph formats select a part of
the graph projection (:func:`graph_view`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

import pyoxigraph as ox

from kg.errors import KgError
from kg.terms import ID, LINKS_GRAPH, ONTOLOGY_GRAPH

_ONTOLOGY = ox.NamedNode(str(ONTOLOGY_GRAPH))
_LINKS = ox.NamedNode(str(LINKS_GRAPH))
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@dataclass(frozen=True)
class Selection:
    """The part of the store to export; all fields empty means the whole graph.

    Attributes:
        query: a named query whose returned IRIs are selected.
        params: the named query's parameters (KEY -> VALUE).
        actor: an actor's name, alias or IRI whose neighbourhood is selected.
        hops: how many steps from ``actor`` the neighbourhood reaches.
        date_from: first day (YYYY, YYYY-MM or YYYY-MM-DD) of the date range, inclusive.
        date_to: last day of the date range, inclusive.
        include_ontology: RDF exports of the whole graph also carry the ontology graph.
    """

    query: str | None = None
    params: dict[str, str] = field(default_factory=dict)
    actor: str | None = None
    hops: int = 1
    date_from: str | None = None
    date_to: str | None = None
    include_ontology: bool = False

    def __post_init__(self) -> None:
        if self.query and self.actor:
            raise KgError("choose either --query or --actor, not both", exit_code=2)
        if self.params and not self.query:
            raise KgError("-p KEY=VALUE parameters need --query NAME", exit_code=2)
        if self.hops < 0:
            raise KgError("--hops must be 0 or more", exit_code=2)
        for name, value in (("--from", self.date_from), ("--to", self.date_to)):
            if value and not _DATE.fullmatch(value):
                raise KgError(f"{name} {value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD", exit_code=2)

    @property
    def whole(self) -> bool:
        """Whether nothing narrows the export."""
        return not (self.query or self.actor or self.date_from or self.date_to)

    def describe(self) -> str:
        """A short human description, shown on pages and images."""
        parts = []
        if self.query:
            params = ", ".join(f"{k}={v}" for k, v in sorted(self.params.items()))
            parts.append(f"query {self.query}" + (f" ({params})" if params else ""))
        if self.actor:
            parts.append(f"{self.hops}-hop neighbourhood of {self.actor}")
        if self.date_from or self.date_to:
            parts.append(f"dates {self.date_from or '…'} to {self.date_to or '…'}")
        return "; ".join(parts) or "whole graph"


def date_bound(value: str, end: bool) -> str:
    """``YYYY[-MM[-DD]]`` widened to the first (or last) day it covers, as ISO text.

    >>> date_bound("2021-02", end=True), date_bound("2021", end=False)
    ('2021-02-28', '2021-01-01')
    """
    parts = [int(p) for p in value.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else (12 if end else 1)
    try:
        last = calendar.monthrange(year, month)[1]
        day = parts[2] if len(parts) > 2 else (last if end else 1)
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise KgError(f"{value!r} is not a real calendar date", exit_code=2) from None


def query_iris(store: Any, name: str, params: dict[str, str]) -> list[str]:
    """The entity IRIs (under the id/ base) a named query returns, in first-seen order."""
    from kg import queries

    result = queries.run(store, name, **params)
    seen: dict[str, None] = {}
    for row in result.rows:
        for term in row:
            if isinstance(term, ox.NamedNode) and term.value.startswith(str(ID)):
                seen.setdefault(term.value, None)
    return list(seen)


def article_graphs_in_range(store: Any, date_from: str | None, date_to: str | None) -> set[str]:
    """The named graphs of the articles published within the range (inclusive)."""
    lo = date_bound(date_from, end=False) if date_from else "0001-01-01"
    hi = date_bound(date_to, end=True) if date_to else "9999-12-31"
    return {row["g"].value for row in store.query(sparql_text("article-dates")) if lo <= row["d"].value[:10] <= hi}


# -- SPARQL files ------------------------------------------------------------------------

_EMPTY_VALUES = re.compile(r"VALUES\s*\?(\w+)\s*\{\s*\}")


@cache
def sparql_text(name: str) -> str:
    """The text of ``kg/export/rq/NAME.rq``."""
    return (files("kg.export") / "rq" / f"{name}.rq").read_text(encoding="utf-8")


def run_with_values(store: Any, name: str, iris: Iterable[str], chunk: int = 2000) -> Iterator[Any]:
    """Run ``rq/NAME.rq`` with its empty ``VALUES ?x { }`` row filled with ``iris``.

    Each IRI goes in as Oxigraph's own N-Triples serialization of the term
    (escaped), never as raw user text; long lists are sent in chunks.
    """
    text = sparql_text(name)
    match = _EMPTY_VALUES.search(text)
    if match is None:
        raise ValueError(f"rq/{name}.rq has no empty VALUES row")
    items = sorted(set(iris))
    for start in range(0, len(items), chunk):
        terms = " ".join(str(ox.NamedNode(i)) for i in items[start:start + chunk])
        yield from store.query(text[: match.start()] + f"VALUES ?{match.group(1)} {{ {terms} }}" + text[match.end():])


def rdf_quads(store: Any, selection: Selection) -> list[ox.Quad]:
    """The quads an RDF export of ``selection`` holds, sorted by graph, subject, predicate, object.

    The whole graph is every named graph but the ontology (unless
    ``include_ontology``). A named query or an actor's neighbourhood selects the
    triples whose subject is one of its IRIs. A date range keeps the graphs of
    the articles published in it, plus the links about the subjects they hold.
    """
    subjects: list[str] | None = None
    if selection.query:
        subjects = query_iris(store, selection.query, selection.params)
    elif selection.actor:
        from kg import graph as kg_graph

        projection = kg_graph.project(store)
        node = kg_graph.resolve_node(store, projection, selection.actor)
        subjects = sorted(kg_graph.neighborhood(projection, node, selection.hops).nodes)
    graphs = None
    if selection.date_from or selection.date_to:
        graphs = article_graphs_in_range(store, selection.date_from, selection.date_to)

    from kg.remote import RemoteStore

    if subjects is None and isinstance(store, RemoteStore):
        quads = list(store.quads())  # kg's graphs only, not a shared server's own (Virtuoso's system graphs)
    else:
        rows = store.query(sparql_text("all-quads")) if subjects is None else run_with_values(store, "quads-about", subjects)
        quads = [ox.Quad(row["s"], row["p"], row["o"], row["g"]) for row in rows]
    keep_ontology = selection.include_ontology and selection.whole
    quads = [q for q in quads if keep_ontology or q.graph_name != _ONTOLOGY]
    if graphs is not None:
        kept = [q for q in quads if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in graphs]
        seen_subjects = {q.subject for q in kept}
        kept.extend(q for q in quads if q.graph_name == _LINKS and q.subject in seen_subjects)
        quads = kept
    return sorted(set(quads), key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


# -- graph projection ---------------------------------------------------------------------


def graph_view(store: Any, selection: Selection, kinds: Iterable[str] | None = None) -> Any:
    """The part of the graph projection (a ``networkx.MultiDiGraph``) ``selection`` covers.

    A named query keeps the entities it returns and the edges that touch them
    (with their other ends); an actor keeps its ``hops``-step neighbourhood; a
    date range is passed on to :func:`kg.graph.project`.

    Raises:
        KgError: when the selection matches nothing.
    """
    from kg import graph as kg_graph

    date_from = date_bound(selection.date_from, end=False) if selection.date_from else None
    date_to = date_bound(selection.date_to, end=True) if selection.date_to else None
    projection = kg_graph.project(store, kinds=list(kinds) if kinds else None, date_from=date_from, date_to=date_to)
    if selection.actor:
        node = kg_graph.resolve_node(store, projection, selection.actor)
        return kg_graph.neighborhood(projection, node, selection.hops)
    if selection.query:
        wanted = [i for i in query_iris(store, selection.query, selection.params) if i in projection]
        if not wanted:
            raise KgError(f"query {selection.query} returned no entity that is in the graph", exit_code=1)
        edges = [(u, v, k) for u, v, k in projection.edges(keys=True) if u in wanted or v in wanted]
        view = projection.edge_subgraph(edges).copy()
        for node in wanted:
            if node not in view:
                view.add_node(node, **projection.nodes[node])
        return view
    return projection
