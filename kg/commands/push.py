"""``kg push``: copy the embedded store into a remote triple store, graph by graph."""

from __future__ import annotations

import sys

import click

from kg.errors import KgError


@click.command("push")
@click.option("--to", "target", required=True, metavar="URL",
              help="The remote store, as for --store: sparql+http://HOST:PORT/PATH[?store=GSP-URL] "
                   "(Oxigraph: sparql+http://HOST:7878/query; Fuseki: sparql+http://HOST:3030/DS/query?store=data).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_context
def command(ctx: click.Context, target: str, quiet: bool) -> None:
    """Copy every named graph of the embedded store (--store) to a remote store.

    Each named graph (one per article, plus the ontology and the links) is
    sent with an HTTP PUT of the Graph Store Protocol, which replaces that
    graph on the remote side; graphs only on the remote side are left alone.
    At the end the remote quad count of every pushed graph is checked against
    the local one: exit 1 when they differ.
    """
    import pyoxigraph as ox
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from kg.remote import RemoteStore
    from kg.store import Store, open_store

    source = open_store(ctx.obj, read_only=True)
    if not isinstance(source, Store):
        raise KgError("kg push copies an embedded store (--store FOLDER) to a remote one", exit_code=2)
    remote = open_store(target)
    if not isinstance(remote, RemoteStore):
        raise KgError(f"--to {target}: give a remote store, sparql+http://HOST:PORT/PATH", exit_code=2)

    graphs = source.graphs()
    expected: dict[str, int] = {}
    with Progress(
        TextColumn("pushing"), BarColumn(), MofNCompleteColumn(), TextColumn("graphs"), TimeElapsedColumn(),
        disable=quiet or not sys.stderr.isatty(), console=Console(stderr=True),
    ) as progress:
        task = progress.add_task("push", total=len(graphs))
        for graph in graphs:
            data = source.dump(ox.RdfFormat.N_TRIPLES, graph)
            expected[graph.value] = data.count(b"\n")
            remote.put_graph(graph, data)
            progress.advance(task)
    counts = {
        row["g"].value: int(row["n"].value)
        for row in remote.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    }
    wrong = [g for g, n in expected.items() if counts.get(g, 0) != n]
    total = sum(expected.values())
    if wrong:
        shown = ", ".join(f"{g} ({counts.get(g, 0)} of {expected[g]})" for g in wrong[:5])
        raise KgError(f"count check failed: {len(wrong)} of {len(graphs)} graph(s) differ on {remote}: {shown}")
    click.echo(f"Pushed {len(graphs)} graph(s), {total} quads, to {remote}; the remote counts match.")
