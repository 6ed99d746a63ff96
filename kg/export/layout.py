"""Node positions computed before export, so that viewers need no physics simulation.

Small graphs are laid out by NetworkX's spring layout; larger ones by Graphviz's
``sfdp`` (a multilevel force-directed layout that places 5,000 nodes in about
two seconds, where NetworkX's spring layout takes about a minute).
"""

from __future__ import annotations

import shutil
import subprocess
from typing import Any

from kg.errors import KgError

SMALL = 400
"""Graphs with at most this many nodes are laid out by NetworkX."""


def positions(graph: Any, size: float = 1000.0) -> dict[str, tuple[float, float]]:
    """Positions of the nodes, scaled into a ``size`` x ``size`` square (y grows downwards).

    Args:
        graph: a NetworkX graph.
        size: the side of the square.

    Raises:
        KgError: when the graph is large and Graphviz's ``sfdp`` is not installed.

    >>> import networkx as nx
    >>> pos = positions(nx.path_graph(["a", "b", "c"]))
    >>> sorted(pos) == ["a", "b", "c"] and all(0 <= x <= 1000 and 0 <= y <= 1000 for x, y in pos.values())
    True
    """
    nodes = list(graph.nodes)
    if not nodes:
        return {}
    if len(nodes) == 1:
        return {nodes[0]: (size / 2, size / 2)}
    raw = _networkx(graph) if len(nodes) <= SMALL else _sfdp(graph)
    low_x = min(p[0] for p in raw.values())
    high_y = max(p[1] for p in raw.values())
    span = max(max(p[0] for p in raw.values()) - low_x, high_y - min(p[1] for p in raw.values())) or 1.0
    return {n: (round((raw[n][0] - low_x) / span * size, 1), round((high_y - raw[n][1]) / span * size, 1)) for n in nodes}


def _networkx(graph: Any) -> dict[str, tuple[float, float]]:
    """Spring layout of each connected component, the components packed in rows, largest first."""
    import networkx as nx

    simple = nx.Graph(graph.to_undirected(as_view=True))
    components = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(c)))
    placed: list[tuple[float, dict[str, tuple[float, float]]]] = []
    for component in components:
        radius = 0.5 * len(component) ** 0.5
        if len(component) == 1:
            placed.append((0.5, {next(iter(component)): (0.0, 0.0)}))
            continue
        pos = nx.spring_layout(simple.subgraph(component), iterations=100, seed=1, scale=radius)
        placed.append((radius + 0.5, {n: (float(x), float(y)) for n, (x, y) in pos.items()}))
    row_width = max(2 * placed[0][0], sum(2 * r for r, _ in placed) ** 0.5 * 2)
    out: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for radius, pos in placed:
        if x > 0 and x + 2 * radius > row_width:
            x, y, row_height = 0.0, y - row_height, 0.0
        for n, (px, py) in pos.items():
            out[n] = (x + radius + px, y - radius + py)
        x += 2 * radius
        row_height = max(row_height, 2 * radius)
    return out


def _sfdp(graph: Any) -> dict[str, tuple[float, float]]:
    if shutil.which("sfdp") is None:
        raise KgError(
            f"laying out {graph.number_of_nodes()} nodes needs Graphviz's sfdp: install Graphviz "
            "(e.g. `apt-get install graphviz`), or export fewer nodes (--max-nodes, --actor)"
        )
    index = {n: i for i, n in enumerate(graph.nodes)}
    pairs = {(min(index[u], index[v]), max(index[u], index[v])) for u, v in graph.edges() if u != v}
    lines = ["graph G {", "node [shape=point];"]
    lines += [f"n{i};" for i in index.values()]
    lines += [f"n{a} -- n{b};" for a, b in sorted(pairs)]
    lines.append("}")
    done = subprocess.run(
        ["sfdp", "-Gstart=1", "-Tplain"], input="\n".join(lines).encode(), capture_output=True, check=False
    )
    if done.returncode != 0:
        raise KgError(f"Graphviz sfdp failed: {done.stderr.decode(errors='replace').strip()[:300]}")
    by_index: dict[int, tuple[float, float]] = {}
    for line in done.stdout.decode().splitlines():
        parts = line.split()
        if parts and parts[0] == "node":
            by_index[int(parts[1][1:])] = (float(parts[2]), float(parts[3]))
    return {n: by_index[i] for n, i in index.items()}
