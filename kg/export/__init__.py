"""Exports of the graph: RDF documents, graph files, an interactive page, images, Mermaid.

One module per family of formats; :func:`export` picks the writer for a format
name and the part of the store a :class:`Selection` covers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Any

from kg.errors import KgError
from kg.export.selection import Selection

__all__ = ["FORMATS", "ExportFormat", "ExportResult", "Selection", "export"]


@dataclass(frozen=True)
class ExportFormat:
    """A format ``kg export --format`` offers.

    Attributes:
        name: the ``--format`` value.
        family: ``rdf`` (selects triples), ``graph`` (selects part of the graph projection),
            ``timeline`` (selects events) or ``void`` (describes the whole dataset).
        binary: whether the output is bytes that do not belong on a terminal (PNG).
        description: one line for the help text.
    """

    name: str
    family: str
    binary: bool
    description: str


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("turtle", "rdf", False, "Turtle (named graphs merged)"),
        ExportFormat("trig", "rdf", False, "TriG (one named graph per article, plus the links)"),
        ExportFormat("nquads", "rdf", False, "N-Quads (named graphs kept)"),
        ExportFormat("ntriples", "rdf", False, "N-Triples (named graphs merged)"),
        ExportFormat("jsonld", "rdf", False, "JSON-LD with a context of short prefixes (named graphs kept)"),
        ExportFormat("graphml", "graph", False, "GraphML for Gephi, yEd and Cytoscape desktop"),
        ExportFormat("gexf", "graph", False, "GEXF for Gephi"),
        ExportFormat("cytoscape", "graph", False, "Cytoscape.js JSON (elements with data and positions)"),
        ExportFormat("html", "graph", False, "one self-contained interactive page that works offline"),
        ExportFormat("svg", "graph", False, "SVG image drawn by Graphviz"),
        ExportFormat("png", "graph", True, "PNG image drawn by Graphviz"),
        ExportFormat("timeline-svg", "timeline", False, "SVG timeline of the selected events"),
        ExportFormat("timeline-png", "timeline", True, "PNG timeline of the selected events"),
        ExportFormat("mermaid", "graph", False, "Mermaid flowchart text for Markdown"),
        ExportFormat("void", "void", False, "VoID description (Turtle) of the dataset and its linksets"),
    )
}
"""The export formats, by ``--format`` name."""


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote.

    Attributes:
        format: the format name.
        items: triples or quads (RDF), nodes (graph formats) or events (timelines).
        edges: edges written (graph formats; 0 otherwise).
        note: a remark for the user, e.g. that a page shows a sample of the graph.
    """

    format: str
    items: int
    edges: int = 0
    note: str = ""


def export(store: Any, fmt: str, out: IO[bytes], selection: Selection | None = None, **options: Any) -> ExportResult:
    """Write the part of ``store`` that ``selection`` covers to ``out`` in format ``fmt``.

    Args:
        store: a :class:`kg.store.Store` (or anything with its ``query`` method).
        fmt: a key of :data:`FORMATS`.
        out: a binary stream.
        selection: what to export; the whole graph when None.
        **options: format options: ``max_nodes`` (html, default 5000),
            ``title`` (html, images).

    Returns:
        What was written.
    """
    selection = selection or Selection()
    if fmt not in FORMATS:
        raise KgError(f"unknown export format {fmt!r}; known formats: {', '.join(FORMATS)}", exit_code=2)
    family = FORMATS[fmt].family
    if family == "void":
        import pyoxigraph as ox

        from kg.link import void_description

        if not selection.whole:
            raise KgError("--format void describes the whole dataset: leave out --query, --actor, --from and --to",
                          exit_code=2)
        text = void_description(store)
        out.write(text.encode("utf-8"))
        return ExportResult(fmt, sum(1 for _ in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE)))
    if family == "rdf":
        from kg.export.rdf import write_rdf
        from kg.export.selection import rdf_quads

        quads = rdf_quads(store, selection)
        return ExportResult(fmt, write_rdf(quads, fmt, out))
    if family == "timeline":
        from kg.export.timeline import write_timeline

        count = write_timeline(store, selection, fmt.removeprefix("timeline-"), out, title=options.get("title"))
        return ExportResult(fmt, count)
    from kg.export.selection import graph_view

    graph = graph_view(store, selection)
    title = options.get("title") or f"kg: {selection.describe()}"
    note = ""
    if fmt in ("graphml", "gexf", "cytoscape"):
        from kg.export import graphfiles

        graphfiles.WRITERS[fmt](graph, out)
    elif fmt == "html":
        from kg.export.html import write_html

        note = write_html(store, graph, out, title=title, max_nodes=options.get("max_nodes") or 5000)
    elif fmt in ("svg", "png"):
        from kg.export.images import write_image

        write_image(graph, fmt, out, title=title)
    elif fmt == "mermaid":
        from kg.export.mermaid import write_mermaid

        write_mermaid(graph, out)
    return ExportResult(fmt, graph.number_of_nodes(), graph.number_of_edges(), note)
