"""``kg export``: write the graph, or part of it, as RDF, graph files, a page, images or Mermaid."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.errors import KgError

# Kept here (not imported from kg.export) so that `kg --help` imports nothing heavy;
# tests check that it matches kg.export.FORMATS.
FORMAT_NAMES = (
    "turtle", "trig", "nquads", "ntriples", "jsonld",
    "graphml", "gexf", "cytoscape", "html", "svg", "png", "timeline-svg", "timeline-png", "mermaid", "void",
)


def _params(values: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for value in values:
        key, sep, rest = value.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{value!r} is not KEY=VALUE", param_hint="-p")
        params[key.strip()] = rest
    return params


@click.command(name="export")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMAT_NAMES), required=True,
              help="Output format (see below).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path), default="-",
              show_default=True, help="File to write; '-' writes to standard output (not for png).")
@click.option("--query", "query_name", metavar="NAME",
              help="Export what the named query NAME returns (see `kg query --list`).")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter of --query, e.g. -p actor=Russia.")
@click.option("--actor", metavar="NAME", help="Export the neighbourhood of this actor (name, alias or IRI).")
@click.option("--hops", type=click.IntRange(min=0), default=1, show_default=True,
              help="How many steps from --actor the neighbourhood reaches.")
@click.option("--from", "date_from", metavar="DATE", help="Only from this date on (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--to", "date_to", metavar="DATE", help="Only up to this date, inclusive.")
@click.option("--include-ontology", is_flag=True,
              help="RDF exports of the whole graph also carry the ontology and fields graph.")
@click.option("--max-nodes", type=click.IntRange(min=1), default=5000, show_default=True,
              help="html: show at most this many nodes, the most connected ones (the page says when it samples).")
@click.option("--title", help="Title of the page or image (default: describes the selection).")
@click.pass_context
def command(
    ctx: click.Context,
    fmt: str,
    output: Path,
    query_name: str | None,
    params: tuple[str, ...],
    actor: str | None,
    hops: int,
    date_from: str | None,
    date_to: str | None,
    include_ontology: bool,
    max_nodes: int,
    title: str | None,
) -> None:
    """Export the graph, or a part of it, to a file.

    \b
    What is exported (the whole graph by default):
      --query NAME -p KEY=VALUE  RDF formats: the triples about the IRIs the query
                                 returns; other formats: those entities and the
                                 edges that touch them.
      --actor NAME --hops N      the actor's neighbourhood N steps out.
      --from / --to              RDF formats: the articles published in the range;
                                 other formats: the graph projected for that range;
                                 timelines: the events in the range.

    \b
    Formats:
      turtle, ntriples           RDF, named graphs merged into one graph
      trig, nquads, jsonld       RDF, one named graph per article kept
      graphml, gexf              graph files for Gephi, yEd, Cytoscape desktop
      cytoscape                  Cytoscape.js JSON
      html                       one interactive page, works offline
      svg, png                   a picture drawn by Graphviz (`dot` must be installed)
      timeline-svg, timeline-png events in date order (of --actor, or in --from/--to)
      mermaid                    Mermaid flowchart text for Markdown
      void                       VoID description of the dataset and its linksets
                                 (Turtle; whole dataset only)

    Example: kg export --format html -o graph.html; kg export -f png --actor Russia -o russia.png
    """
    from kg.export import FORMATS, Selection, export
    from kg.store import open_store

    if FORMATS[fmt].binary and str(output) == "-" and sys.stdout.isatty():
        raise click.UsageError(f"{fmt} is binary: write it to a file with -o FILE")
    selection = Selection(
        query=query_name,
        params=_params(params),
        actor=actor,
        hops=hops,
        date_from=date_from,
        date_to=date_to,
        include_ontology=include_ontology,
    )
    store = open_store(ctx.obj, read_only=True)
    if str(output) == "-":
        result = export(store, fmt, sys.stdout.buffer, selection, max_nodes=max_nodes, title=title)
    else:
        partial = output.with_name(output.name + ".part")
        try:
            with partial.open("wb") as out:
                result = export(store, fmt, out, selection, max_nodes=max_nodes, title=title)
            partial.replace(output)
        except OSError as exc:
            raise KgError(f"cannot write {output}: {exc.strerror or exc}") from None
        finally:
            partial.unlink(missing_ok=True)
    what = {"rdf": "triples" if fmt in ("turtle", "ntriples") else "quads", "timeline": "events",
            "void": "triples"}.get(
        FORMATS[fmt].family, "nodes"
    )
    summary = f"{result.items} {what}" + (f", {result.edges} edges" if result.edges else "")
    where = "standard output" if str(output) == "-" else str(output)
    click.echo(f"Exported {selection.describe()} as {fmt} to {where}: {summary}.", err=True)
    if result.note:
        click.echo(result.note, err=True)
