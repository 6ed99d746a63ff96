"""Graph files, images, timelines and Mermaid: read back, they hold what the projection holds."""

from __future__ import annotations

import io
import json
import re
import struct
import xml.etree.ElementTree as ET
from collections import Counter

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.export import Selection, export
from kg.export.mermaid import escape, mermaid
from kg.export.selection import graph_view

ATTRIBUTES = ("label", "type", "kind", "date")


@pytest.fixture(scope="module")
def projection(sample_store) -> nx.MultiDiGraph:
    graph = graph_view(sample_store, Selection())
    assert graph.number_of_nodes() > 15 and graph.number_of_edges() > 15
    return graph


def _export(store, fmt: str, selection: Selection | None = None) -> bytes:
    buffer = io.BytesIO()
    export(store, fmt, buffer, selection)
    return buffer.getvalue()


def _edges(graph: nx.MultiDiGraph) -> Counter:
    return Counter(
        (u, v, str(d.get("relation", "")), " ".join(sorted(str(d.get("articles", "")).split())))
        for u, v, d in graph.edges(data=True)
    )


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_files_read_back_with_the_same_nodes_edges_and_attributes(sample_store, projection, fmt) -> None:
    data = _export(sample_store, fmt)
    if fmt == "graphml":
        back = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    else:
        back = nx.read_gexf(io.BytesIO(data))
    assert back.is_directed()  # (read_gexf gives a multigraph only when there are parallel edges)
    assert set(back.nodes) == set(projection.nodes)
    for node, attrs in projection.nodes(data=True):
        for key in ATTRIBUTES:
            assert str(back.nodes[node].get(key, "")) == str(attrs.get(key, "")), (node, key)
    assert _edges(back) == _edges(projection)
    types = {d["type"] for _, d in back.nodes(data=True)}
    assert {"Country", "Organization", "Person", "Event", "Agreement"} <= types


def test_gexf_colours_nodes_by_type(sample_store, projection) -> None:
    back = nx.read_gexf(io.BytesIO(_export(sample_store, "gexf")))
    russia = next(n for n, d in back.nodes(data=True) if d["label"] == "Russia")
    assert back.nodes[russia]["viz"]["color"] == {"r": 0, "g": 114, "b": 178, "a": 1.0}  # Country blue


def test_cytoscape_json_has_elements_with_positions(sample_store, projection) -> None:
    document = json.loads(_export(sample_store, "cytoscape"))
    nodes = document["elements"]["nodes"]
    edges = document["elements"]["edges"]
    assert {n["data"]["id"] for n in nodes} == set(projection.nodes)
    assert len(edges) == projection.number_of_edges()
    assert all({"x", "y"} <= set(n["position"]) for n in nodes)
    assert len({(n["position"]["x"], n["position"]["y"]) for n in nodes}) == len(nodes)
    russia = next(n["data"] for n in nodes if n["data"]["label"] == "Russia")
    assert russia["type"] == "Country" and russia["degree"] == projection.degree(russia["id"])
    ids = {n["data"]["id"] for n in nodes}
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids and e["data"]["relation"] for e in edges)


def test_actor_neighbourhood_selection(sample_store, projection) -> None:
    russia = next(n for n, d in projection.nodes(data=True) if d["label"] == "Russia")
    expected = {russia} | set(projection.successors(russia)) | set(projection.predecessors(russia))
    back = nx.read_graphml(io.BytesIO(_export(sample_store, "graphml", Selection(actor="Russia", hops=1))))
    assert set(back.nodes) == expected
    assert "Vietnam News Agency" not in {d["label"] for _, d in back.nodes(data=True)}


def test_query_selection_keeps_returned_entities_and_their_edges(sample_store, projection) -> None:
    from kg import queries

    events = {row[1].value for row in queries.run(sample_store, "timeline", actor="Russia").rows}
    back = nx.read_graphml(io.BytesIO(_export(sample_store, "graphml", Selection(query="timeline", params={"actor": "Russia"}))))
    assert events <= set(back.nodes)
    assert all(u in events or v in events for u, v in back.edges())
    expected_edges = sum(1 for u, v in projection.edges() if u in events or v in events)
    assert back.number_of_edges() == expected_edges


def _svg_text(data: bytes) -> str:
    root = ET.fromstring(data)
    return " ".join(t.text or "" for t in root.iter() if t.tag.endswith("text"))


def test_svg_neighbourhood_shows_every_label_and_the_legend(sample_store, projection) -> None:
    graph = graph_view(sample_store, Selection(actor="Russia", hops=1))
    text = _svg_text(_export(sample_store, "svg", Selection(actor="Russia", hops=1)))
    words = set(text.split())
    for _, data in graph.nodes(data=True):
        assert set(data["label"].split()) <= words, data["label"]
        assert data["type"] in words  # the legend names each type present
    relations = {d["relation"] for _, _, d in graph.edges(data=True)}
    assert relations and all(r in text for r in relations)


def test_png_is_a_readable_picture(sample_store) -> None:
    data = _export(sample_store, "png", Selection(actor="Russia", hops=1))
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width > 600 and height > 400


def test_timeline_shows_the_actors_events_only(sample_store) -> None:
    from kg import queries

    everything = {row[2].value for row in queries.run(sample_store, "timeline").rows}
    of_lavrov = {row[2].value for row in queries.run(sample_store, "timeline", actor="Sergei Lavrov").rows}
    assert of_lavrov and everything - of_lavrov
    text = _svg_text(_export(sample_store, "timeline-svg", Selection(actor="Sergei Lavrov")))
    assert all(label in text for label in of_lavrov)
    assert not any(label in text for label in everything - of_lavrov)
    assert "Events of Sergei Lavrov" in text


def test_timeline_date_range(sample_store) -> None:
    text = _svg_text(_export(sample_store, "timeline-svg", Selection(date_from="2022-02", date_to="2022-02-15")))
    assert "regular press briefing" in text and "(2022-02-09)" in text
    assert "commemorative summit" not in text  # 2021-10
    assert "meeting between Sergei Lavrov" not in text  # 2022-02-17
    png = _export(sample_store, "timeline-png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_mermaid_of_a_small_neighbourhood(sample_store) -> None:
    graph = graph_view(sample_store, Selection(actor="Russia", hops=1))
    text = _export(sample_store, "mermaid", Selection(actor="Russia", hops=1)).decode()
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    node_lines = [line for line in lines if re.match(r"^  n\d+\W", line) and ":::" in line]
    assert len(node_lines) == graph.number_of_nodes()
    assert any('(["Russia"]):::Country' in line for line in node_lines)
    edge_lines = [line for line in lines if "-->" in line]
    assert len(edge_lines) == len({(u, v, d["relation"]) for u, v, d in graph.edges(data=True)})
    assert "classDef Country fill:#0072B2" in text


def test_mermaid_escapes_labels() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("a", label='Say "hi" <script>alert(1)</script> #1', type="Person")
    text = mermaid(graph)
    assert "<script>" not in text and '"hi"' not in text
    assert escape('"') == "#quot;" and escape("#") == "#35;"


def test_mermaid_refuses_big_graphs() -> None:
    from kg.errors import KgError

    with pytest.raises(KgError, match="unreadable"):
        mermaid(nx.path_graph(500, create_using=nx.MultiDiGraph))


def test_cli_png_needs_a_file_and_reports(sample_store, tmp_path) -> None:
    target = tmp_path / "russia.svg"
    runner = CliRunner()
    args = ["--store", str(sample_store.location), "export", "-f", "svg", "--actor", "Russia", "-o", str(target)]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert target.read_bytes().lstrip().startswith(b"<?xml") and "neighbourhood of Russia" in result.output
    unknown = runner.invoke(main, ["--store", str(sample_store.location), "export", "-f", "svg", "--actor", "Atlantis"])
    assert unknown.exit_code == 3 and "Atlantis" in unknown.output
