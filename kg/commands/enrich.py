"""``kg enrich``: facts about the linked actors from Wikidata (library: :func:`kg.link.enrich`)."""

from __future__ import annotations

from pathlib import Path

import click

from kg.commands.link import endpoint_options, make_endpoint, open_store, request_progress

_LANGUAGES = "en,fr,es,ru,zh,ar,id,ms,th,vi,km,lo,my,tl"  # kg.link.DEFAULT_LANGUAGES


@click.command("enrich")
@click.option("--online", is_flag=True, help="Required: enrichment reads from the endpoint over the network.")
@endpoint_options
@click.option("--lang", "languages", default=_LANGUAGES, show_default=True, metavar="TAGS",
              help="Comma-separated language tags of the labels to pull.")
@click.pass_context
def command(ctx: click.Context, online: bool, endpoint: str | None, cache: Path | None, timeout: float,
            languages: str) -> None:
    """Pull facts about the actors linked to Wikidata (run `kg link` first).

    For every Wikidata item an actor is owl:sameAs, pulls its labels in other
    languages, coordinates (P625), capital (P36), population (P1082), head of
    state (P35) and head of government (P6), in Wikidata's own terms, into the
    named graph https://w3id.org/aseankg/graph/enrichment, replacing it in one
    transaction (a failed run leaves it as it was).
    """
    if not online:
        raise click.UsageError("kg enrich reads from a SPARQL endpoint over the network: add --online")
    from kg import link as linking

    client = make_endpoint(online, endpoint, cache, timeout)
    tags = [t.strip() for t in languages.split(",") if t.strip()]
    store = open_store(ctx)
    with request_progress("asking the endpoint") as progress:
        task = progress.add_task("enrich", total=None)
        report = linking.enrich(store, client, languages=tags, on_request=lambda: progress.advance(task))
    facts = ", ".join(f"{name} {n}" for name, n in sorted(report.facts.items())) or "none"
    click.echo(f"Enriched {report.items} Wikidata item(s): {report.triples} triples in the graph "
               f"https://w3id.org/aseankg/graph/enrichment ({facts}).")
