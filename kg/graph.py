"""The graph a user would draw on paper, as NetworkX, and the questions SPARQL answers poorly.

:func:`project` reads the store with three SPARQL queries (``queries/graph/*.rq``)
and builds a :class:`networkx.MultiDiGraph`: actors, events, agreements, plans,
funds and indicators are nodes; participation, party-to, post-in, member-of,
implements, contributes-to (and a few more) are labelled edges.  No ``rdf:type``
or label edges; places, posts and contributions are folded into the edges.

Paths, neighbourhoods, centrality and communities work on that projection.

>>> from kg.store import Store
>>> project(Store(None)).number_of_nodes()
0
"""

from __future__ import annotations

import calendar
import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import networkx as nx

from kg import resources
from kg.errors import KgError, UnknownNameError
from kg.terms import BASE, KGO

ACTOR_TYPES = ("Country", "Organization", "Person")
"""The ``type`` of an actor node."""
NODE_TYPES = (*ACTOR_TYPES, "Event", "Agreement", "Plan", "Fund", "Indicator")
"""Every node ``type`` the projection has."""
RANKINGS = ("pagerank", "degree", "betweenness")
"""The centrality measures :func:`rank` offers."""

_KGO = str(KGO._NS)
_GRAPH_PREFIX = BASE + "id/graph/"
_ARTICLE_PREFIX = BASE + "id/article/"


@cache
def _query(name: str) -> str:
    return resources.path("queries", "graph", f"{name}.rq").read_text(encoding="utf-8")


def _local(iri: str) -> str:
    return iri[len(_KGO):] if iri.startswith(_KGO) else ""


def _article(graph: str) -> str:
    return _ARTICLE_PREFIX + graph[len(_GRAPH_PREFIX):] if graph.startswith(_GRAPH_PREFIX) else graph


def _bounds(value: str) -> tuple[str, str]:
    """First and last day (ISO) of a date known to the day, month or year."""
    m = re.fullmatch(r"(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value.strip())
    if not m:
        return "", ""
    year, month, day = m.groups()
    if day:
        return value, value
    if month:
        last = calendar.monthrange(int(year), int(month))[1]
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    return f"{year}-01-01", f"{year}-12-31"


@dataclass
class _Node:
    classes: set[str] = field(default_factory=set)
    labels: set[str] = field(default_factory=set)
    attrs: dict[str, str] = field(default_factory=dict)


def project(store: Any, *, kinds: Iterable[str] | None = None, date_from: str | None = None,
            date_to: str | None = None) -> nx.MultiDiGraph:
    """The store as a graph of actors, events, agreements, plans, funds and indicators.

    Args:
        store: a :class:`kg.store.Store` (or anything with its ``query`` method).
        kinds: keep only nodes whose ``type`` or ``kind`` is one of these names
            (e.g. ``["Meeting", "Agreement"]``).  Names of actor types or kinds
            (Country, Person, Ministry, ...) filter actors; the others filter the
            non-actor nodes.  Actors are kept when no actor name is given, and
            non-actors when no non-actor name is given.
        date_from: ISO date (YYYY, YYYY-MM or YYYY-MM-DD); events that end before
            it are left out, and so are events without a date.
        date_to: ISO date; events that begin after it are left out, and so are
            events without a date.

    Returns:
        A MultiDiGraph whose nodes are IRI strings with attributes ``label``,
        ``type`` (one of :data:`NODE_TYPES`), ``kind`` (the most specific class,
        e.g. Meeting, Ministry) and ``date`` (ISO string or ""); its edges run in
        the direction of the RDF statement, are keyed by their ``relation`` (e.g.
        participant, party, postIn, onBehalfOf, memberOf, implements,
        contributesTo, ofCountry) and carry ``articles``: the space-separated
        IRIs of the articles that state them.
    """
    ancestors: dict[str, set[str]] = defaultdict(set)
    for row in store.query(_query("classes")):
        ancestors[row["sub"].value].add(row["sup"].value)

    nodes: dict[str, _Node] = defaultdict(_Node)
    for row in store.query(_query("nodes")):
        node = nodes[row["x"].value]
        key, value = row["k"].value, row["v"].value
        if key == "class":
            node.classes.add(value)
        elif key == "label":
            node.labels.add(value)
        else:
            node.attrs.setdefault(key, value)

    G = nx.MultiDiGraph()
    for iri, node in nodes.items():
        G.add_node(iri, **_attributes(iri, node, ancestors))
    _filter_kinds(G, kinds)
    if date_from or date_to:
        _filter_dates(G, nodes, date_from, date_to)

    articles: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for row in store.query(_query("edges")):
        s, o = row["s"].value, row["o"].value
        if s in G and o in G and s != o:
            articles[(s, row["rel"].value, o)].add(_article(row["g"].value))
    for (s, rel, o), found in sorted(articles.items()):
        G.add_edge(s, o, key=rel, relation=rel, articles=" ".join(sorted(found)))
    return G


def _attributes(iri: str, node: _Node, ancestors: dict[str, set[str]]) -> dict[str, str]:
    names = {_local(c) for c in node.classes} - {""}
    node_type = next((t for t in NODE_TYPES if t in names), "")
    # The most specific class: one that no other class of the node has as a subclass.
    specific = [c for c in node.classes if _local(c)
                and not any(c in ancestors[d] for d in node.classes if d != c)]
    kind = min((_local(c) for c in specific), key=lambda n: (n == node_type, n), default=node_type)
    label = min(node.labels, key=lambda s: (len(s), s)) if node.labels else iri.rsplit("/", 1)[-1]
    date = node.attrs.get("date") or node.attrs.get("since") or node.attrs.get("earliest") or ""
    return {"label": label, "type": node_type, "kind": kind, "date": date}


def _filter_kinds(G: nx.MultiDiGraph, kinds: Iterable[str] | None) -> None:
    if not kinds:
        return
    wanted = {k.strip() for k in kinds if k.strip()}
    actor_names = {n for _, d in G.nodes(data=True) if d["type"] in ACTOR_TYPES for n in (d["type"], d["kind"])}
    actor_wanted, other_wanted = wanted & actor_names, wanted - actor_names
    drop = []
    for n, d in G.nodes(data=True):
        names = (d["type"], d["kind"])
        selected = actor_wanted if d["type"] in ACTOR_TYPES else other_wanted
        if selected and not selected.intersection(names):
            drop.append(n)
    G.remove_nodes_from(drop)


def _filter_dates(G: nx.MultiDiGraph, nodes: dict[str, _Node], date_from: str | None, date_to: str | None) -> None:
    low = _bounds(date_from)[0] if date_from else ""
    high = _bounds(date_to)[1] if date_to else ""
    if (date_from and not low) or (date_to and not high):
        raise KgError("a date filter is YYYY, YYYY-MM or YYYY-MM-DD", exit_code=2)
    drop = []
    for n, d in G.nodes(data=True):
        if d["type"] != "Event":
            continue
        attrs = nodes[n].attrs
        start = attrs.get("earliest") or _bounds(attrs.get("date", ""))[0]
        end = attrs.get("latest") or _bounds(attrs.get("date", ""))[1]
        if not start or (low and end < low) or (high and start > high):
            drop.append(n)
    G.remove_nodes_from(drop)


def neighborhood(G: nx.MultiDiGraph, node: str, hops: int = 1) -> nx.MultiDiGraph:
    """The nodes within ``hops`` edges of ``node`` (either direction) and the edges among them."""
    if node not in G:
        raise KgError(f"{node} is not in the graph", exit_code=3)
    near = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), node, cutoff=hops)
    return G.subgraph(near).copy()


def resolve_node(store: Any, G: nx.MultiDiGraph, name: str) -> str:
    """The node of ``G`` a user's name (label, alias, acronym or IRI) stands for.

    Raises:
        UnknownNameError: when no node matches, naming the closest known names.
    """
    from kg.queries import resolve

    found = [iri.value for iri in resolve(store, name, "entity") if iri.value in G]
    if found:
        # Several IRIs for one name: prefer an actor, then the best connected.
        return max(found, key=lambda n: (G.nodes[n]["type"] in ACTOR_TYPES, G.degree(n), n))
    labels = sorted({d["label"] for _, d in G.nodes(data=True)})
    close = difflib.get_close_matches(name, labels, n=5, cutoff=0.5)
    hint = f" Closest names in the graph: {', '.join(close)}." if close else ""
    raise UnknownNameError(f"{name!r} is not a node of the graph (with the filters given).{hint}")


@dataclass(frozen=True)
class Hop:
    """One step of a path.

    Attributes:
        source: the node the step leaves.
        relation: the edge's relation (``participant``, ``party``, ...).
        target: the node the step reaches.
        forward: True when the RDF statement runs from ``source`` to ``target``.
        articles: the articles that state it.
    """

    source: str
    relation: str
    target: str
    forward: bool
    articles: tuple[str, ...]


def paths(G: nx.MultiDiGraph, source: str, target: str, max_hops: int | None = None,
          limit: int = 10) -> list[list[Hop]]:
    """The shortest paths (ignoring edge direction) from ``source`` to ``target``.

    Args:
        G: a projection.
        source: start node.
        target: end node.
        max_hops: longest path wanted; none is found beyond it.
        limit: at most this many paths, in a stable order.

    Returns:
        Paths as lists of hops; empty when the nodes are not connected.
    """
    U = G.to_undirected(as_view=True)
    try:
        found = []
        for path in nx.all_shortest_paths(U, source, target):
            if max_hops is not None and len(path) - 1 > max_hops:
                break
            found.append(path)
            if len(found) >= limit * 10:
                break
    except nx.NetworkXNoPath:
        return []
    found.sort(key=lambda p: [G.nodes[n]["label"] for n in p])
    return [_hops(G, p) for p in found[:limit]]


def _hops(G: nx.MultiDiGraph, path: list[str]) -> list[Hop]:
    hops = []
    for a, b in zip(path, path[1:]):
        if G.has_edge(a, b):
            rel, data = sorted(G[a][b].items())[0]
            hops.append(Hop(a, rel, b, True, tuple(data["articles"].split())))
        else:
            rel, data = sorted(G[b][a].items())[0]
            hops.append(Hop(a, rel, b, False, tuple(data["articles"].split())))
    return hops


def actor_projection(G: nx.MultiDiGraph) -> nx.Graph:
    """Actors only: two actors are linked when an edge joins them or they share a node.

    Each link's ``weight`` counts the edges and shared events, agreements,
    plans and funds behind it.
    """
    A = nx.Graph()
    actors = [n for n, d in G.nodes(data=True) if d["type"] in ACTOR_TYPES]
    A.add_nodes_from((n, G.nodes[n]) for n in actors)
    weights: Counter[tuple[str, str]] = Counter()
    for s, o in G.edges():
        if s in A and o in A:
            weights[tuple(sorted((s, o)))] += 1
    for n, d in G.nodes(data=True):
        if d["type"] in ACTOR_TYPES:
            continue
        members = sorted({m for m in nx.all_neighbors(G, n) if m in A})
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                weights[(a, b)] += 1
    for (a, b), w in weights.items():
        A.add_edge(a, b, weight=w)
    return A


def pagerank(G: nx.Graph, alpha: float = 0.85, tol: float = 1.0e-10, max_iter: int = 200) -> dict[str, float]:
    """PageRank by power iteration on a weighted undirected graph (no SciPy needed).

    Dangling nodes spread their rank evenly. Scores sum to 1.
    """
    n = G.number_of_nodes()
    if n == 0:
        return {}
    nodes = list(G)
    strength = {u: sum(d.get("weight", 1) for _, _, d in G.edges(u, data=True)) for u in nodes}
    rank = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_iter):
        dangling = alpha * sum(rank[u] for u in nodes if strength[u] == 0) / n
        new = dict.fromkeys(nodes, (1.0 - alpha) / n + dangling)
        for u in nodes:
            if strength[u]:
                share = alpha * rank[u] / strength[u]
                for _, v, d in G.edges(u, data=True):
                    new[v] += share * d.get("weight", 1)
        if sum(abs(new[u] - rank[u]) for u in nodes) < n * tol:
            return new
        rank = new
    return rank


def rank(G: nx.MultiDiGraph, by: str = "pagerank", top: int = 10, sample: int = 500) -> list[tuple[str, float]]:
    """The ``top`` actors by centrality on the actor projection.

    Args:
        G: a projection.
        by: ``pagerank`` (weighted), ``degree`` (number of distinct actors linked,
            normalized) or ``betweenness`` (estimated from ``sample`` source nodes,
            seed 0, when the graph has more nodes than that).
        top: how many to return.
        sample: the betweenness sample size.

    Returns:
        ``(node, score)`` pairs, highest first, ties broken by label.
    """
    A = actor_projection(G)
    if by == "pagerank":
        scores = pagerank(A)
    elif by == "degree":
        scores = nx.degree_centrality(A)
    elif by == "betweenness":
        k = sample if A.number_of_nodes() > sample else None
        scores = nx.betweenness_centrality(A, k=k, seed=0)
    else:
        raise KgError(f"--by {by!r}: choose one of {', '.join(RANKINGS)}", exit_code=2)
    ordered = sorted(scores.items(), key=lambda kv: (-kv[1], A.nodes[kv[0]]["label"], kv[0]))
    return ordered[:top]


def communities(G: nx.MultiDiGraph, seed: int = 0) -> list[list[str]]:
    """Groups of actors that act together: Louvain communities of the actor projection.

    Actors without any link are left out.  Each group is sorted by label, the
    groups by size (largest first), then by their first label.
    """
    A = actor_projection(G)
    A.remove_nodes_from([n for n in list(A) if A.degree(n) == 0])
    if A.number_of_nodes() == 0:
        return []
    groups = nx.community.louvain_communities(A, weight="weight", seed=seed)
    label = lambda n: (A.nodes[n]["label"], n)  # noqa: E731
    out = [sorted(g, key=label) for g in groups]
    return sorted(out, key=lambda g: (-len(g), label(g[0])))
