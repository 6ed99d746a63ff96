"""``kg graph``: paths, neighbours, centrality and communities over the graph projection.

The commands are a thin layer over :mod:`kg.graph` (imported inside each command,
so ``kg --help`` does not load NetworkX).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import click

_FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
                       help="A readable table, or JSON on stdout.")
_FROM = click.option("--from", "date_from", metavar="DATE",
                     help="Leave out events that end before DATE (YYYY, YYYY-MM or YYYY-MM-DD) or have no date.")
_TO = click.option("--to", "date_to", metavar="DATE",
                   help="Leave out events that begin after DATE or have no date.")
_KIND = click.option("--kind", "kinds", multiple=True, metavar="NAME",
                     help="Keep only nodes of this type or kind (repeatable), e.g. --kind Meeting --kind Agreement; "
                          "actor names (Country, Ministry, ...) filter the actors. Default: all.")


def _filters(f: Callable[..., Any]) -> Callable[..., Any]:
    for option in (_KIND, _TO, _FROM, _FORMAT):
        f = option(f)
    return f


def _project(ctx: click.Context, kinds: tuple[str, ...], date_from: str | None, date_to: str | None) -> tuple[Any, Any]:
    from kg.graph import project
    from kg.store import open_store

    store = open_store(ctx.obj, read_only=True)
    return store, project(store, kinds=kinds or None, date_from=date_from, date_to=date_to)


def _node_json(G: Any, n: str) -> dict[str, str]:
    return {"node": n, **G.nodes[n]}


def _table(columns: list[str], rows: list[list[str]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(*columns)
    for row in rows:
        table.add_row(*row)
    console = Console()
    if not console.is_terminal:
        console = Console(width=max(console.width, 200))
    console.print(table)


@click.group("graph")
def command() -> None:
    """Graph questions over the projection: actors, events, agreements, plans and funds as nodes.

    Edges are the relations between them (participant, party, postIn, onBehalfOf,
    memberOf, ofCountry, implements, contributesTo, ...), each with the articles
    that state it.
    """


@command.command()
@click.argument("source")
@click.argument("target")
@click.option("--max-hops", type=click.IntRange(min=1), default=None, help="Longest path to report. Default: no limit.")
@_filters
@click.pass_context
def path(ctx: click.Context, source: str, target: str, max_hops: int | None, fmt: str, date_from: str | None,
         date_to: str | None, kinds: tuple[str, ...]) -> None:
    """How SOURCE is connected to TARGET: the shortest paths, with the relation on each hop.

    SOURCE and TARGET are labels, aliases, acronyms or IRIs. Exit code 3 when a
    name is unknown; 1 when no path is found.
    """
    from kg.errors import KgError
    from kg.graph import paths, resolve_node

    store, G = _project(ctx, kinds, date_from, date_to)
    a, b = resolve_node(store, G, source), resolve_node(store, G, target)
    found = paths(G, a, b, max_hops=max_hops)
    if fmt == "json":
        click.echo(json.dumps({
            "source": _node_json(G, a), "target": _node_json(G, b),
            "paths": [[{"source": h.source, "relation": h.relation, "target": h.target, "forward": h.forward,
                        "articles": list(h.articles)} for h in p] for p in found],
        }, ensure_ascii=False, indent=1))
    else:
        label = lambda n: G.nodes[n]["label"]  # noqa: E731
        for i, p in enumerate(found, 1):
            parts = [label(p[0].source)]
            for h in p:
                arrow = f"--{h.relation}-->" if h.forward else f"<--{h.relation}--"
                parts.append(f"{arrow} {label(h.target)}")
            click.echo(f"{i}. " + " ".join(parts))
    if not found:
        hops = f" within {max_hops} hops" if max_hops else ""
        raise KgError(f"no path from {G.nodes[a]['label']} to {G.nodes[b]['label']}{hops}")


@command.command()
@click.argument("name")
@click.option("--hops", type=click.IntRange(min=1), default=1, show_default=True, help="How far to look.")
@_filters
@click.pass_context
def neighbors(ctx: click.Context, name: str, hops: int, fmt: str, date_from: str | None, date_to: str | None,
              kinds: tuple[str, ...]) -> None:
    """Who and what surrounds NAME within --hops edges, and the edges between them."""
    from kg.graph import neighborhood, resolve_node

    store, G = _project(ctx, kinds, date_from, date_to)
    node = resolve_node(store, G, name)
    H = neighborhood(G, node, hops)
    edges = sorted(H.edges(keys=True, data=True), key=lambda e: (H.nodes[e[0]]["label"], e[2], H.nodes[e[1]]["label"]))
    if fmt == "json":
        nodes = sorted(H.nodes, key=lambda n: (H.nodes[n]["label"], n))
        click.echo(json.dumps({
            "node": node, "hops": hops, "nodes": [_node_json(H, n) for n in nodes],
            "edges": [{"source": s, "relation": k, "target": o, "articles": d["articles"].split()}
                      for s, o, k, d in edges],
        }, ensure_ascii=False, indent=1))
        return
    _table(["source", "relation", "target", "target kind", "date"],
           [[H.nodes[s]["label"], k, H.nodes[o]["label"], H.nodes[o]["kind"], H.nodes[o]["date"]]
            for s, o, k, _ in edges])
    click.echo(f"{H.number_of_nodes() - 1} node(s) within {hops} hop(s) of {G.nodes[node]['label']}")


@command.command()
@click.option("--by", type=click.Choice(["pagerank", "degree", "betweenness"]), default="pagerank", show_default=True,
              help="Centrality on the actor graph (actors linked by shared events, agreements, plans, funds).")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="How many actors to list.")
@_filters
@click.pass_context
def rank(ctx: click.Context, by: str, top: int, fmt: str, date_from: str | None, date_to: str | None,
         kinds: tuple[str, ...]) -> None:
    """The most central actors (betweenness is estimated from 500 sampled nodes on large graphs)."""
    from kg.graph import rank as ranking

    _, G = _project(ctx, kinds, date_from, date_to)
    ranked = ranking(G, by=by, top=top)
    if fmt == "json":
        click.echo(json.dumps([{**_node_json(G, n), "score": s} for n, s in ranked], ensure_ascii=False, indent=1))
        return
    _table(["#", "actor", "kind", by], [[str(i), G.nodes[n]["label"], G.nodes[n]["kind"], f"{s:.4f}"]
                                        for i, (n, s) in enumerate(ranked, 1)])


@command.command()
@_filters
@click.pass_context
def communities(ctx: click.Context, fmt: str, date_from: str | None, date_to: str | None,
                kinds: tuple[str, ...]) -> None:
    """Groups of actors that act together (Louvain on the actor graph, seed 0)."""
    from kg.graph import communities as find

    _, G = _project(ctx, kinds, date_from, date_to)
    groups = find(G)
    if fmt == "json":
        click.echo(json.dumps([[_node_json(G, n) for n in g] for g in groups], ensure_ascii=False, indent=1))
        return
    _table(["#", "size", "actors"], [[str(i), str(len(g)), ", ".join(G.nodes[n]["label"] for n in g)]
                                     for i, g in enumerate(groups, 1)])
