"""The entities graph: what the articles say about shared entities, each statement once.

Every article graph restates the type, label, aliases and relations of each actor,
post, agreement, plan, fund and place it mentions, so a popular actor's label is stored
once per article that names it.  Queries over the union of graphs then read and
collapse every copy: at 100,000 articles "the label of Russia" is tens of thousands
of rows.  The entities graph (``kg.terms.ENTITIES_GRAPH``) holds each such
statement once, so queries read descriptions there and go to the article graphs
only for what is stated per article (mentions, events, progress, balances).

Its content is a function of the article graphs, kept in step as they change:

- copied: every triple of an article graph whose subject the same graph types as
  a shared entity (:data:`SHARED`), except the per-statement ones
  (:data:`PER_ARTICLE`: where it was said, progress counts, balances);
- derived: ``?actor kgo:named true`` for each actor some sentence names or some
  post represents, so "actors the articles name" is one small scan.

Extraction emits these quads in the entities graph beside the article's own (so
parallel workers do the work and bulk loads need nothing more); replacing an
article removes the statements no other article still supports
(:func:`stale`).  :func:`rebuild` recomputes the graph from scratch, for
stores written by other tools or by kg before 0.2.0 of the ontology.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pyoxigraph as ox

from kg.terms import ENRICHMENT_GRAPH, ENTITIES_GRAPH, KGO, LINKS_GRAPH, ONTOLOGY_GRAPH

GRAPH = ox.NamedNode(str(ENTITIES_GRAPH))
"""The entities graph."""

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _k(term: Any) -> ox.NamedNode:
    return ox.NamedNode(str(term))


SHARED = frozenset(_k(c) for c in (KGO.Actor, KGO.Post, KGO.Agreement, KGO.Plan, KGO.Fund, KGO.Place))
"""Classes whose members many articles describe (kg writes each superclass, so these suffice)."""

PER_ARTICLE = frozenset(_k(p) for p in (
    KGO.mentionedIn, KGO.statedIn,  # where it was said: stays with the article
    KGO.linesTotal, KGO.linesDone, KGO.linesUnit, KGO.progressAsOf,  # a count as of the article's date
    KGO.balance, KGO.hasContribution,  # links to the article's own amounts
))
"""Predicates that are not copied: their meaning depends on the article that states them."""

NAMED = _k(KGO.named)
_TRUE = ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
_MENTIONED_IN = _k(KGO.mentionedIn)
_ON_BEHALF_OF = _k(KGO.onBehalfOf)
_ACTOR = _k(KGO.Actor)
LINE_END = f"<{GRAPH.value}> .\n".encode()
"""How an entities-graph quad's N-Quads line ends."""
NOT_ARTICLES = frozenset(ox.NamedNode(str(g)) for g in (ONTOLOGY_GRAPH, LINKS_GRAPH, ENRICHMENT_GRAPH, ENTITIES_GRAPH))
"""kg's named graphs that are not article graphs."""


def derive(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """The entities-graph triples one article graph contributes (no duplicates, in a stable order)."""
    quads = list(quads)
    shared = set()
    actors = set()
    for q in quads:
        if q.predicate == _RDF_TYPE and q.object in SHARED:
            shared.add(q.subject)
            if q.object == _ACTOR:
                actors.add(q.subject)
    out: dict[ox.Triple, None] = {}
    named = []
    for q in quads:
        p = q.predicate
        if p == _MENTIONED_IN:
            if q.subject in actors:
                named.append(q.subject)
            continue
        if p == _ON_BEHALF_OF:
            named.append(q.object)
        if q.subject in shared and p not in PER_ARTICLE:
            out[q.triple] = None
    for actor in named:
        out[ox.Triple(actor, NAMED, _TRUE)] = None
    return list(out)


def with_entities(quads: list[ox.Quad]) -> list[ox.Quad]:
    """An article graph's quads followed by what it contributes to the entities graph."""
    return quads + [ox.Quad(t.subject, t.predicate, t.object, GRAPH) for t in derive(quads)]


def split(graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> tuple[list[ox.Triple], list[ox.Triple]]:
    """An extracted article's quads as (triples of its own graph, triples for the entities graph).

    Raises:
        ValueError: for a quad in any other graph.
    """
    own, entities = [], []
    for q in quads:
        if q.graph_name == graph:
            own.append(q.triple)
        elif q.graph_name == GRAPH:
            entities.append(q.triple)
        else:
            raise ValueError(f"a quad of the article {graph.value} is in another graph: {q}")
    return own, entities


def stale(old: Iterable[ox.Quad], new: Iterable[ox.Triple], exists: Callable[[ox.Triple], bool]) -> list[ox.Triple]:
    """What replacing an article takes out of the entities graph.

    Args:
        old: the quads of the article graph being replaced.
        new: the entities-graph triples its new version contributes.
        exists: whether some other article graph still states a triple (for
            ``kgo:named``: still names the actor, or has a post representing it).

    Returns:
        The triples the old version contributed that neither the new version nor
        any other article states.
    """
    keep = set(new)
    return [t for t in derive(old) if t not in keep and not exists(t)]


def supported_in(store: ox.Store, graph: ox.NamedNode) -> Callable[[ox.Triple], bool]:
    """For an embedded store: whether an article graph other than ``graph`` supports a triple."""

    def other(quads: Iterable[ox.Quad]) -> bool:
        return any(q.graph_name != graph and q.graph_name not in NOT_ARTICLES for q in quads)

    def exists(t: ox.Triple) -> bool:
        if t.predicate == NAMED:
            return (other(store.quads_for_pattern(t.subject, _MENTIONED_IN, None, None))
                    or other(store.quads_for_pattern(None, _ON_BEHALF_OF, t.subject, None)))
        return other(store.quads_for_pattern(t.subject, t.predicate, t.object, None))

    return exists


def rebuild(store: ox.Store) -> int:
    """Recompute the entities graph of an embedded store from its article graphs.

    Returns:
        The number of triples in the new entities graph.
    """
    if store.contains_named_graph(GRAPH):
        store.remove_graph(GRAPH)
    total: dict[ox.Triple, None] = {}
    for g in list(store.named_graphs()):
        if g in NOT_ARTICLES:
            continue
        for t in derive(store.quads_for_pattern(None, None, None, g)):
            total[t] = None
    store.extend(ox.Quad(t.subject, t.predicate, t.object, GRAPH) for t in total)
    return len(total)


def missing(store: ox.Store) -> bool:
    """Whether the store holds articles but no entities graph (written by kg before 0.2.0, or by
    another tool): named queries would answer empty until :func:`rebuild` runs."""
    if store.contains_named_graph(GRAPH):
        return False
    return next(iter(store.quads_for_pattern(None, _RDF_TYPE, _k(KGO.Article), None)), None) is not None
