"""``kg reindex``: recompute the entities graph from the article graphs."""

from __future__ import annotations

import click


@click.command("reindex")
@click.pass_context
def command(ctx: click.Context) -> None:
    """Recompute the entities graph (shared entities, each statement once) from the articles.

    `kg ingest` and `kg load` keep it up to date; run this once on a store
    written by kg before ontology 0.2.0, or by another tool, before querying it.
    """
    from kg.store import Store, open_store

    store = open_store(ctx.obj)
    if not isinstance(store, Store):
        raise click.UsageError("kg reindex works on an embedded store (--store FOLDER)")
    store.ensure_ontology()
    n = store.rebuild_entities()
    store.flush()
    click.echo(f"Rebuilt the entities graph of {ctx.obj}: {n} statement(s).")
