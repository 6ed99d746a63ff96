"""SVG and PNG pictures of a graph (typically an actor's neighbourhood), drawn by Graphviz.

Needs Graphviz's programs on the PATH (Debian package ``graphviz``). Nodes are
coloured and shaped by type, edges labelled with their relation, and a legend
sits under the title.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import textwrap
from typing import IO, Any

from kg.errors import KgError
from kg.export.style import GRAPHVIZ_SHAPES, TYPE_COLOURS, colour, text_colour

MAX_NODES = 300
"""Larger graphs are cut to their most connected nodes (the caption says so)."""

FONT = "DejaVu Sans,Helvetica,Arial,sans-serif"


def _quote(text: str) -> str:
    """A DOT double-quoted string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _wrap(label: str, width: int = 22) -> str:
    return "\n".join(textwrap.wrap(" ".join(label.split()), width)[:4]) or " "


def to_dot(graph: Any, title: str = "") -> str:
    """The graph in Graphviz's DOT language, ready for ``fdp`` or ``sfdp``.

    Parallel edges between two nodes are drawn as one edge labelled with all
    their relations.  Graphs above :data:`MAX_NODES` nodes keep the most
    connected ones.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", label='Say "hi"', type="Country")
    >>> g.add_node("b", label="Talks", type="Event", date="2021-04-02")
    >>> g.add_edge("b", "a", relation="participant")
    0
    >>> 'label="Say \\\\"hi\\\\""' in to_dot(g)
    True
    """
    shown = graph
    caption = title
    if graph.number_of_nodes() > MAX_NODES:
        keep = sorted(graph.nodes, key=lambda n: (-graph.degree(n), n))[:MAX_NODES]
        shown = graph.subgraph(keep)
        caption += f" (the {MAX_NODES} most connected of {graph.number_of_nodes()} nodes)"
    ids = {node: f"n{i}" for i, node in enumerate(sorted(shown.nodes))}
    big = shown.number_of_nodes() > 60
    lines = [
        "digraph kg {",
        (
            f'  graph [overlap={"prism" if big else "false"}, sep="+6", esep="+3", splines=true, '
            f'outputorder=edgesfirst, pad=0.3, fontname="{FONT}", labelloc=t, label={_legend(shown, caption)}];'
        ),
        f'  node [style="filled", fontname="{FONT}", fontsize=13, penwidth=0.8, margin="0.06,0.03"];',
        f'  edge [fontname="{FONT}", fontsize=10, color="#666666", len=0.8, fontcolor="#333333", arrowsize=0.6];',
    ]
    for node, name in ids.items():
        data = shown.nodes[node]
        node_type = str(data.get("type", ""))
        fill = colour(node_type)
        label = _wrap(str(data.get("label") or node))
        if data.get("date"):
            label += "\n" + str(data["date"])
        lines.append(
            f"  {name} [label={_quote(label)}, shape={GRAPHVIZ_SHAPES.get(node_type, 'box')}, "
            f'fillcolor="{fill}", fontcolor="{text_colour(fill)}", tooltip={_quote(node)}'
            + (', style="rounded,filled"' if node_type == "Event" else "")
            + "];"
        )
    relations: dict[tuple[str, str], list[str]] = {}
    for u, v, data in shown.edges(data=True):
        relations.setdefault((u, v), [])
        relation = str(data.get("relation", ""))
        if relation and relation not in relations[(u, v)]:
            relations[(u, v)].append(relation)
    for (u, v), names in sorted(relations.items(), key=lambda item: (ids[item[0][0]], ids[item[0][1]])):
        lines.append(f"  {ids[u]} -> {ids[v]} [label={_quote(', '.join(sorted(names)))}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _legend(graph: Any, caption: str) -> str:
    """An HTML-like label: the caption, then one coloured cell per node type present."""
    present = sorted({str(d.get("type", "")) for _, d in graph.nodes(data=True)}, key=lambda t: (t not in TYPE_COLOURS, t))
    cells = "".join(
        f'<TD BGCOLOR="{colour(t)}"><FONT COLOR="{text_colour(colour(t))}" POINT-SIZE="10">'
        f"{html.escape(t or 'Other')}</FONT></TD>"
        for t in present
    )
    heading = f'<TR><TD COLSPAN="{max(len(present), 1)}" BORDER="0"><B>{html.escape(caption)}</B></TD></TR>' if caption else ""
    return f'<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="3" CELLPADDING="3">{heading}<TR>{cells}</TR></TABLE>>'


def render(dot: str, fmt: str, engine: str = "fdp") -> bytes:
    """Run a Graphviz ``engine`` on ``dot`` and return the ``svg`` or ``png`` bytes.

    Raises:
        KgError: when Graphviz is not installed or fails.
    """
    if shutil.which(engine) is None:
        raise KgError(f"images need Graphviz's `{engine}` program: install Graphviz (e.g. `apt-get install graphviz`)")
    args = [engine, f"-T{fmt}"] + (["-Gdpi=110"] if fmt == "png" else [])
    done = subprocess.run(args, input=dot.encode("utf-8"), capture_output=True, check=False)
    if done.returncode != 0:
        raise KgError(f"Graphviz {engine} failed: {done.stderr.decode(errors='replace').strip()[:300]}")
    return done.stdout


def write_image(graph: Any, fmt: str, out: IO[bytes], title: str = "") -> None:
    """Draw ``graph`` as ``svg`` or ``png`` into ``out``."""
    if graph.number_of_nodes() == 0:
        raise KgError("nothing to draw: the selection holds no node")
    engine = "fdp" if graph.number_of_nodes() <= 150 else "sfdp"
    out.write(render(to_dot(graph, title), fmt, engine))
