"""``kg load``: the loading stage alone, from the N-Quads shards ``kg extract`` wrote."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("load")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_context
def command(ctx: click.Context, folder: Path, quiet: bool) -> None:
    """Load the shards in FOLDER (from `kg extract` or the Dask extraction) into the store.

    Into a fresh store, with no article in two shards, Oxigraph's bulk loader
    is used: fast, but not transactional (if it is interrupted, delete the
    store and load again); the store's files are compacted after it, which
    makes later queries faster.  Otherwise each article's graph is written
    atomically, replacing the graph an article already has.  Only finished
    shards (those with a manifest) are loaded.
    """
    from kg.progress import ArticleProgress
    from kg.shards import load_shards, read_manifests
    from kg.stats import stats
    from kg.store import open_store

    store = open_store(ctx.obj)
    show = not quiet and sys.stderr.isatty()
    total = sum(len(m["articles"]) for m in read_manifests(folder)) if show and folder.is_dir() else None
    with ArticleProgress("loading", total, show) as tick:
        report = load_shards(store, folder, on_item=tick)
    how = "bulk loader" if report.bulk else "one transaction per batch of new articles"
    summary = stats(store)
    click.echo(
        f"Loaded {report.added + report.replaced} article(s) from {report.shards} shard(s) "
        f"({report.added} new, {report.replaced} replaced; {how}). "
        f"Store {ctx.obj}: {summary.articles} articles, {summary.extracted_triples} triples."
    )
