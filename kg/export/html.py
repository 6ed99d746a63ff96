"""The interactive page: one self-contained HTML file that works offline.

Cytoscape.js (bundled in ``static/``) and the page's own script and style are
inlined, the graph is embedded as JSON in a ``<script type="application/json">``
element with ``<``, ``>`` and ``&`` escaped, and the page's script sets all
text with ``textContent``, so no label can inject markup or script.

Nodes are placed beforehand (:mod:`kg.export.layout`); the page runs no
physics, which keeps it usable at 5,000 nodes.  Above ``max_nodes`` the page
shows the most connected nodes and says so.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Iterable
from importlib.resources import files
from typing import IO, Any

from kg.export.layout import positions
from kg.export.selection import run_with_values
from kg.export.style import TYPE_COLOURS, colour
from kg.terms import KGO

MAX_SOURCES = 5
"""Sentences kept per edge and per node in the panel."""

_STATIC = files("kg.export") / "static"


def sample(graph: Any, max_nodes: int) -> Any:
    """``graph`` itself, or its subgraph on the ``max_nodes`` most connected nodes."""
    if graph.number_of_nodes() <= max_nodes:
        return graph
    keep = sorted(graph.nodes, key=lambda n: (-graph.degree(n), n))[:max_nodes]
    return graph.subgraph(keep).copy()


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


class _Sources:
    """The sentences behind nodes and edges, read from the store in a few batched queries."""

    def __init__(self, store: Any, nodes: Iterable[str]) -> None:
        self.store = store
        self.of: dict[str, set[str]] = {}
        for row in run_with_values(store, "sources", nodes):
            self.of.setdefault(row["x"].value, set()).add(row["s"].value)
        self.bridges: dict[str, dict[str, set[str]]] = {}

    def load_bridges(self, nodes: Iterable[str]) -> None:
        """Nodes stated in sentences that link to ``nodes`` (a post links a person and a ministry)."""
        for row in run_with_values(self.store, "bridges", nodes):
            self.bridges.setdefault(row["x"].value, {}).setdefault(row["b"].value, set()).add(row["s"].value)

    def direct(self, u: str, v: str) -> set[str]:
        """Sentences that state or mention both ends."""
        return self.of.get(u, set()) & self.of.get(v, set())

    def bridged(self, u: str, v: str) -> set[str]:
        """Sentences stating a node linked to both ends, or stating either end."""
        found = set()
        bu, bv = self.bridges.get(u, {}), self.bridges.get(v, {})
        for b in bu.keys() & bv.keys():
            found |= bu[b]
        return found or (self.of.get(u, set()) | self.of.get(v, set()))


def page_data(store: Any, graph: Any, max_nodes: int = 5000, title: str = "") -> dict[str, Any]:
    """Everything the page shows, as plain JSON-able data.

    Returns:
        A dict with ``nodes`` (``[iri, label, type, kind, date, degree, x, y]``),
        ``edges`` (``[source, target, relation, [sentence, ...], [article, ...]]``,
        nodes, sentences and articles by index), ``sentences`` (``[text, article]``), ``articles``
        (``[iri, title, url, date]``), ``mentions`` (node index -> sentences),
        ``properties`` (node index -> ``[name, value]`` pairs), ``types``,
        ``total_nodes``/``total_edges``, ``sampled``, ``title`` and ``generated``.
    """
    shown = sample(graph, max_nodes)
    nodes = sorted(shown.nodes, key=lambda n: (-shown.degree(n), n))
    index = {n: i for i, n in enumerate(nodes)}
    pos = positions(shown)

    edges = list(shown.edges(data=True))
    sources = _Sources(store, nodes)
    # An edge's sentences: those that state or mention both ends, else those stating a node
    # linked to both ends (a post links a person and a ministry), else either end's; always
    # within the articles that state the edge, when the projection names them.
    edge_sentences = [_within(sources.direct(u, v), _articles(d)) for u, v, d in edges]
    pending = [i for i, found in enumerate(edge_sentences) if not found]
    if pending:
        sources.load_bridges({n for i in pending for n in edges[i][:2]})
        for i in pending:
            u, v, d = edges[i]
            edge_sentences[i] = _within(sources.bridged(u, v), _articles(d))
    picked_edges = [sorted(found, key=_sentence_order)[:MAX_SOURCES] for found in edge_sentences]
    picked_nodes = {n: sorted(sources.of.get(n, ()), key=_sentence_order)[:MAX_SOURCES] for n in nodes}
    wanted = {s for group in picked_edges for s in group} | {s for group in picked_nodes.values() for s in group}
    texts: dict[str, tuple[str, str]] = {}
    for row in run_with_values(store, "sentences", wanted):
        texts[row["s"].value] = (row["text"].value, row["a"].value)
    article_iris = sorted({a for _, a in texts.values()} | {a for _, _, d in edges for a in _articles(d)})
    article_index = {a: i for i, a in enumerate(article_iris)}
    article_rows = {a: [a, "", "", ""] for a in article_iris}
    for row in run_with_values(store, "articles", article_iris):
        item = article_rows[row["a"].value]
        for slot, var in ((1, "label"), (2, "url"), (3, "date")):
            if row[var] is not None and not item[slot]:
                item[slot] = row[var].value
    sentences: list[list[Any]] = []
    sentence_ids: dict[str, int] = {}

    def sentence(iri: str) -> int | None:
        if iri not in texts:
            return None
        if iri not in sentence_ids:
            sentence_ids[iri] = len(sentences)
            text, article = texts[iri]
            sentences.append([text, article_index[article]])
        return sentence_ids[iri]

    properties: dict[str, list[list[str]]] = {}
    for row in run_with_values(store, "literals", nodes):
        if row["p"].value in (str(KGO.earliest), str(KGO.latest), str(KGO.charStart), str(KGO.charEnd)):
            continue
        group = properties.setdefault(str(index[row["x"].value]), [])
        if len(group) < 20:
            group.append([_local(row["p"].value), row["o"].value])

    node_rows = []
    for n in nodes:
        data = shown.nodes[n]
        x, y = pos[n]
        node_rows.append([n, str(data.get("label") or _local(n)), str(data.get("type") or "Other"),
                          str(data.get("kind") or ""), str(data.get("date") or ""), shown.degree(n), x, y])
    edge_rows = []
    for (u, v, data), picked in zip(edges, picked_edges):
        ids = [i for i in (sentence(s) for s in picked) if i is not None]
        edge_rows.append([index[u], index[v], str(data.get("relation") or ""), ids,
                          sorted(article_index[a] for a in _articles(data) if a in article_index)])
    mentions = {}
    for n, picked in picked_nodes.items():
        ids = [i for i in (sentence(s) for s in picked) if i is not None]
        if ids:
            mentions[str(index[n])] = ids
    present = sorted({row[2] for row in node_rows}, key=lambda t: (t not in TYPE_COLOURS, t))
    return {
        "title": title,
        "generated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "total_nodes": graph.number_of_nodes(),
        "total_edges": graph.number_of_edges(),
        "sampled": shown is not graph,
        "types": [[t, colour(t)] for t in present],
        "nodes": node_rows,
        "edges": edge_rows,
        "sentences": sentences,
        "articles": [article_rows[a] for a in article_iris],
        "mentions": mentions,
        "properties": properties,
    }


def _articles(data: dict[str, Any]) -> set[str]:
    """The article IRIs an edge's ``articles`` attribute names (a space-separated string or a list)."""
    value = data.get("articles") or ""
    return set(value.split() if isinstance(value, str) else value)


def _within(sentences: set[str], articles: set[str]) -> set[str]:
    """The sentences (``<article>/sN``) that belong to ``articles``; all of them when none are named."""
    if not articles:
        return sentences
    return {s for s in sentences if s.rpartition("/s")[0] in articles}


def _sentence_order(iri: str) -> tuple[str, int]:
    article, _, number = iri.rpartition("/s")
    return (article, int(number)) if number.isdigit() else (iri, 0)


def embed_json(data: Any) -> str:
    """JSON that is inert inside ``<script type="application/json">``: no ``<``, ``>`` or ``&``.

    >>> embed_json({"name": "</script><script>alert(1)</script>"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _inline_script(text: str) -> str:
    """Script text that cannot end its ``<script>`` element early."""
    return text.replace("</script", "<\\/script").replace("<!--", "<\\!--")


def render_page(data: dict[str, Any]) -> str:
    """The HTML document for :func:`page_data`'s ``data``."""
    library = (_STATIC / "cytoscape.min.js").read_text(encoding="utf-8")
    script = (_STATIC / "page.js").read_text(encoding="utf-8")
    style = (_STATIC / "page.css").read_text(encoding="utf-8")
    template = (_STATIC / "page.html").read_text(encoding="utf-8")
    parts = {
        "title": html.escape(data.get("title") or "kg graph"),
        "style": style.replace("</style", "<\\/style"),
        "data": embed_json(data),
        "library": _inline_script(library),
        "script": _inline_script(script),
    }
    # One pass: text put in by one placeholder is never searched for another.
    return re.sub(r"\{\{(\w+)\}\}", lambda m: parts[m.group(1)], template)


def write_html(store: Any, graph: Any, out: IO[bytes], title: str = "", max_nodes: int = 5000) -> str:
    """Write the page for ``graph`` to ``out``; returns a note when it shows a sample."""
    data = page_data(store, graph, max_nodes=max_nodes, title=title)
    out.write(render_page(data).encode("utf-8"))
    if data["sampled"]:
        return (f"The page shows the {len(data['nodes']):,} most connected of {data['total_nodes']:,} nodes "
                f"(--max-nodes {max_nodes}).")
    return ""
