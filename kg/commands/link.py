"""``kg link``: link actors to Wikidata, GeoNames and DBpedia (library: :mod:`kg.link`)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

DEFAULT_ENDPOINT = "https://query.wikidata.org/sparql"  # kg.link.DEFAULT_ENDPOINT, kept here for fast --help
DEFAULT_TIMEOUT = 30.0


def open_store(ctx: click.Context, read_only: bool = False) -> Any:
    """The store named by ``kg --store``."""
    from kg import store

    opener = getattr(store, "open_store", None)
    return opener(ctx.obj, read_only=read_only) if opener else store.Store(ctx.obj, read_only=read_only)


def endpoint_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The options of commands that ask a SPARQL endpoint: --online, --endpoint, --cache, --timeout."""
    func = click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_TIMEOUT,
                        show_default=True,
                        help="Seconds one request may take; a slower one is abandoned and retried "
                             "(2 retries, 1 s then 2 s apart).")(func)
    func = click.option("--cache", "cache", type=click.Path(file_okay=False, path_type=Path), default=None,
                        help="Folder of the disk cache of endpoint answers  [default: $XDG_CACHE_HOME/kg/sparql "
                             "or ~/.cache/kg/sparql]. Delete it to ask the endpoint afresh.")(func)
    func = click.option("--endpoint", default=None, metavar="URL",
                        help=f"SPARQL endpoint in Wikidata's data model  [default: {DEFAULT_ENDPOINT}].")(func)
    return func


def make_endpoint(online: bool, endpoint: str | None, cache: Path | None, timeout: float) -> Any:
    """The :class:`kg.link.Endpoint` asked for, or None when not ``online``."""
    if not online:
        if endpoint:
            raise click.UsageError("--endpoint is used only with --online")
        return None
    from kg.link import Endpoint, default_cache

    return Endpoint(endpoint or DEFAULT_ENDPOINT, timeout=timeout, cache=cache or default_cache())


def request_progress(what: str) -> Any:
    """A spinner on stderr counting requests (silent when stderr is not a terminal)."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(SpinnerColumn(), TextColumn(what), TextColumn("{task.completed} request(s)"),
                    TimeElapsedColumn(), disable=not sys.stderr.isatty(), console=Console(stderr=True),
                    transient=True)


@click.command("link")
@click.option("--online", is_flag=True,
              help="Also reconcile the actors the link table leaves out against a SPARQL endpoint "
                   "(by label, kind and post), and add DBpedia links from English Wikipedia sitelinks. "
                   "Off by default: without it kg link uses no network.")
@endpoint_options
@click.option("--threshold", type=click.FloatRange(0, 1, min_open=True), default=0.85, show_default=True,
              help="Least confidence score (0-1) an online candidate needs to become a link.")
@click.option("--drop", is_flag=True, help="Remove all links (the links graph) and stop.")
@click.pass_context
def command(ctx: click.Context, online: bool, endpoint: str | None, cache: Path | None, timeout: float,
            threshold: float, drop: bool) -> None:
    """Link countries, organizations and people to Wikidata, GeoNames and DBpedia.

    Writes owl:sameAs links, each described by an SSSOM mapping (how it was
    made, confidence, source), into the named graph
    https://w3id.org/aseankg/graph/links, replacing it in one transaction:
    extracted facts are never touched, and a failed run leaves the previous
    links in place.  Offline, links come from the shipped table
    data/links/links.tsv (countries: Wikidata and GeoNames; ASEAN, EU, UN:
    Wikidata).  `kg query actors` shows them in its sameAs column.
    """
    from kg import link as linking

    client = make_endpoint(online, endpoint, cache, timeout)
    store = open_store(ctx)
    if drop:
        linking.drop_links(store)
        click.echo("Dropped all links.")
        return
    with request_progress("asking the endpoint") as progress:
        task = progress.add_task("link", total=None)
        report = linking.link(store, endpoint=client, threshold=threshold,
                              on_request=lambda: progress.advance(task))
    click.echo(
        f"Linked {report.linked_actors} of {report.actors} actors: {len(report.links)} links "
        f"({report.count('table')} from the table, {report.count('online')} online) in the graph "
        "https://w3id.org/aseankg/graph/links."
    )
    if client is not None:
        click.echo(f"Endpoint {client.url}: {client.requests} request(s), {client.cache_hits} answered from the cache.")
        for r in report.reconciliations:
            best = r.best
            detail = f"{best.item.rsplit('/', 1)[-1]} {best.label!r} score {best.score:.2f} ({'; '.join(best.evidence)})" if best else ""
            if r.status == "ambiguous" and len(r.candidates) > 1:
                other = r.candidates[1]
                detail += f"; also {other.item.rsplit('/', 1)[-1]} score {other.score:.2f}"
            click.echo(f"  {r.status:<16}{r.kind:<13}{r.label}" + (f"  ->  {detail}" if detail else ""))
    elif report.linked_actors < report.actors:
        click.echo(f"{report.actors - report.linked_actors} actor(s) have no link in the table; "
                   "`kg link --online` reconciles them against Wikidata.")
