"""Graph files for other tools: GraphML (Gephi, yEd, Cytoscape desktop), GEXF (Gephi)
and Cytoscape.js JSON.

Nodes carry the projection's attributes (``label``, ``type``, ``kind``,
``date``), edges their ``relation`` and ``articles``; GEXF nodes also get their
type's colour, Cytoscape.js nodes a precomputed position.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import IO, Any

from kg.export.layout import positions
from kg.export.style import colour


def _scalar(value: Any) -> str | int | float | bool:
    """GraphML and GEXF hold strings, numbers and booleans only."""
    if isinstance(value, (str, int, float, bool)):
        return value
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set, frozenset)):
        return " ".join(sorted(str(v) for v in value))
    return str(value)


def clean(graph: Any) -> Any:
    """A copy of ``graph`` whose attribute values are all strings, numbers or booleans."""
    copy = graph.__class__()
    for node, data in graph.nodes(data=True):
        copy.add_node(node, **{k: _scalar(v) for k, v in data.items()})
    for u, v, key, data in graph.edges(keys=True, data=True):
        copy.add_edge(u, v, key=key, **{k: _scalar(v) for k, v in data.items()})
    return copy


def write_graphml(graph: Any, out: IO[bytes]) -> None:
    """GraphML with typed ``<key>`` declarations for every node and edge attribute."""
    import networkx as nx

    nx.write_graphml(clean(graph), out, encoding="utf-8", prettyprint=True)


def write_gexf(graph: Any, out: IO[bytes]) -> None:
    """GEXF 1.2 with node colours by type (Gephi shows them as they are)."""
    import networkx as nx

    copy = clean(graph)
    for _, data in copy.nodes(data=True):
        fill = colour(str(data.get("type", "")))
        data["viz"] = {"color": {"r": int(fill[1:3], 16), "g": int(fill[3:5], 16), "b": int(fill[5:7], 16), "a": 1.0}}
    nx.write_gexf(copy, out, encoding="utf-8", prettyprint=True, version="1.2draft")


def cytoscape_elements(graph: Any) -> dict[str, list[dict[str, Any]]]:
    """Cytoscape.js elements: nodes with ``data`` and ``position``, edges with ``data``.

    Node ``data`` holds ``id`` (the IRI), the projection's attributes and
    ``degree``; edge ``data`` holds ``id``, ``source``, ``target`` and the
    edge's attributes.
    """
    pos = positions(graph)
    nodes = []
    for node, data in graph.nodes(data=True):
        item = {"id": node, **{k: _scalar(v) for k, v in data.items()}, "degree": graph.degree(node)}
        x, y = pos[node]
        nodes.append({"data": item, "position": {"x": x, "y": y}})
    edges = []
    for number, (u, v, data) in enumerate(graph.edges(data=True)):
        edges.append({"data": {"id": f"e{number}", "source": u, "target": v, **{k: _scalar(x) for k, x in data.items()}}})
    return {"nodes": nodes, "edges": edges}


def write_cytoscape(graph: Any, out: IO[bytes]) -> None:
    """A Cytoscape.js JSON document (``{"elements": {...}}``), readable by ``cy.json()``."""
    document = {"format_version": "1.0", "generated_by": "kg export", "elements": cytoscape_elements(graph)}
    out.write(json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8"))


WRITERS: dict[str, Callable[[Any, IO[bytes]], None]] = {
    "graphml": write_graphml,
    "gexf": write_gexf,
    "cytoscape": write_cytoscape,
}
"""The writer of each graph-file format."""
