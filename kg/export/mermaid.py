"""Mermaid flowchart text of a small graph, for embedding in Markdown.

GitHub, GitLab and most Markdown viewers render a fenced ``mermaid`` block.
"""

from __future__ import annotations

from typing import IO, Any

from kg.errors import KgError
from kg.export.style import TYPE_COLOURS, colour, text_colour

MAX_NODES = 150
"""Mermaid diagrams beyond this size are unreadable; such exports are refused."""

_SHAPES = {
    "Country": ('(["', '"])'),
    "Organization": ('["', '"]'),
    "Person": ('("', '")'),
    "Event": ('{{"', '"}}'),
    "Agreement": ('[/"', '"/]'),
    "Plan": ('[["', '"]]'),
    "Fund": ('[("', '")]'),
    "Indicator": ('>"', '"]'),
}


def escape(text: str) -> str:
    """Text safe inside a quoted Mermaid label (entity codes for ``# " < > &``).

    >>> escape('A "quoted" <script>')
    'A #quot;quoted#quot; #lt;script#gt;'
    """
    text = " ".join(str(text).split())
    for char, code in (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"), ("&", "#amp;")):
        text = text.replace(char, code)
    return text


def mermaid(graph: Any, direction: str = "LR") -> str:
    """The flowchart text: one node per graph node (shape and colour by type), labelled edges.

    Raises:
        KgError: when the graph has more than :data:`MAX_NODES` nodes.
    """
    if graph.number_of_nodes() > MAX_NODES:
        raise KgError(
            f"a Mermaid diagram of {graph.number_of_nodes()} nodes would be unreadable (at most {MAX_NODES}): "
            "select a neighbourhood, e.g. --actor NAME --hops 1"
        )
    ids = {node: f"n{i}" for i, node in enumerate(sorted(graph.nodes, key=lambda n: (graph.nodes[n].get("type", ""), n)))}
    lines = [f"flowchart {direction}"]
    used: set[str] = set()
    for node, name in ids.items():
        data = graph.nodes[node]
        node_type = str(data.get("type", ""))
        opening, closing = _SHAPES.get(node_type, ('["', '"]'))
        label = escape(data.get("label") or node)
        if data.get("date"):
            label += f"<br/>{escape(data['date'])}"
        css = node_type if node_type in TYPE_COLOURS else "Other"
        used.add(css)
        lines.append(f"  {name}{opening}{label}{closing}:::{css}")
    for u, v, data in sorted(graph.edges(data=True), key=lambda e: (int(ids[e[0]][1:]), int(ids[e[1]][1:]), str(e[2].get("relation")))):
        relation = escape(data.get("relation", ""))
        arrow = f' -- "{relation}" --> ' if relation else " --> "
        lines.append(f"  {ids[u]}{arrow}{ids[v]}")
    for css in sorted(used):
        fill = colour(css)
        lines.append(f"  classDef {css} fill:{fill},color:{text_colour(fill)},stroke:#333")
    return "\n".join(lines) + "\n"


def write_mermaid(graph: Any, out: IO[bytes]) -> None:
    """Write :func:`mermaid` text (without the Markdown fence) to ``out``."""
    out.write(mermaid(graph).encode("utf-8"))
