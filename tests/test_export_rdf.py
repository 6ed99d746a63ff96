"""RDF exports round-trip: parsed back by rdflib, they are isomorphic to what the store holds."""

from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.cli import main
from kg.errors import KgError
from kg.export import FORMATS, Selection, export
from kg.terms import ID, ONTOLOGY_GRAPH

RDFLIB_FORMAT = {"turtle": "turtle", "ntriples": "nt", "trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}


def _expected(store, graphs=None, subjects=None) -> dict[str, Graph]:
    """The store's quads, read directly from Oxigraph, one rdflib graph per named graph."""
    out: dict[str, Graph] = {}
    for quad in store.oxigraph.quads_for_pattern(None, None, None, None):
        g = quad.graph_name.value
        if g == str(ONTOLOGY_GRAPH) or (graphs is not None and g not in graphs):
            continue
        if subjects is not None and quad.subject.value not in subjects:
            continue
        graph = out.setdefault(g, Graph())
        graph.parse(data=str(quad.triple) + " .", format="nt")
    return out


def _merged(graphs: dict[str, Graph]) -> Graph:
    merged = Graph()
    for graph in graphs.values():
        for triple in graph:
            merged.add(triple)
    return merged


def _assert_same(expected: Graph, got: Graph) -> None:
    if not isomorphic(expected, got):
        _, only_expected, only_got = graph_diff(to_isomorphic(expected), to_isomorphic(got))
        pytest.fail(
            "exported graph differs\nonly in the store:\n"
            + only_expected.serialize(format="nt")[:2000]
            + "\nonly in the export:\n"
            + only_got.serialize(format="nt")[:2000]
        )


def _export(store, fmt: str, selection: Selection | None = None) -> bytes:
    buffer = io.BytesIO()
    export(store, fmt, buffer, selection)
    return buffer.getvalue()


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld"])
def test_quad_formats_keep_the_named_graphs(sample_store, fmt: str) -> None:
    expected = _expected(sample_store)
    assert len(expected) == 3  # one graph per sample article, and the entities graph
    dataset = Dataset()
    dataset.parse(data=_export(sample_store, fmt), format=RDFLIB_FORMAT[fmt])
    got = {str(g.identifier): g for g in dataset.graphs() if len(g)}
    assert sorted(got) == sorted(expected)
    for name, graph in expected.items():
        _assert_same(graph, got[name])


@pytest.mark.parametrize("fmt", ["turtle", "ntriples"])
def test_triple_formats_merge_the_graphs(sample_store, fmt: str) -> None:
    expected = _merged(_expected(sample_store))
    got = Graph().parse(data=_export(sample_store, fmt), format=RDFLIB_FORMAT[fmt])
    assert len(got) > 500
    _assert_same(expected, got)


def test_turtle_and_jsonld_are_readable(sample_store) -> None:
    turtle = _export(sample_store, "turtle").decode()
    assert "@prefix kgo: <https://w3id.org/aseankg/ontology#> ." in turtle
    assert "<country/RUS> a kgo:Actor" in turtle
    document = json.loads(_export(sample_store, "jsonld"))
    context = document["@context"]
    for prefix in ("kgo", "schema", "skos", "prov", "rdfs", "xsd"):
        assert prefix in context
    text = json.dumps(document)
    assert '"kgo:statedIn"' in text and '"label": "Russia"' in text


def test_query_selection_exports_the_triples_about_its_iris(sample_store) -> None:
    from kg import queries

    rows = queries.run(sample_store, "timeline", actor="Russia").rows
    events = {row[1].value for row in rows}
    assert events  # the sample has an event with Russia as participant
    expected = _expected(sample_store, subjects=events)
    dataset = Dataset()
    data = _export(sample_store, "nquads", Selection(query="timeline", params={"actor": "Russia"}))
    dataset.parse(data=data, format="nquads")
    got = {str(g.identifier): g for g in dataset.graphs() if len(g)}
    assert sorted(got) == sorted(expected)
    for name, graph in expected.items():
        _assert_same(graph, got[name])
    assert {str(s) for s, _, _, _ in dataset.quads((None, None, None, None))} == events


def test_date_range_keeps_the_articles_published_in_it(sample_store) -> None:
    published = {
        row["g"].value: row["d"].value
        for row in sample_store.query("SELECT ?g ?d WHERE { GRAPH ?g { ?a schema:datePublished ?d } }")
    }
    in_2022 = {g for g, d in published.items() if d.startswith("2022")}
    assert len(in_2022) == 1 and len(published) == 2
    expected = _expected(sample_store, graphs=in_2022)
    dataset = Dataset()
    dataset.parse(data=_export(sample_store, "trig", Selection(date_from="2022-01", date_to="2022")), format="trig")
    got = {str(g.identifier): g for g in dataset.graphs() if len(g)}
    assert sorted(got) == sorted(in_2022)
    _assert_same(expected[next(iter(in_2022))], got[next(iter(in_2022))])


def test_include_ontology_adds_the_ontology_graph(sample_store) -> None:
    dataset = Dataset()
    dataset.parse(data=_export(sample_store, "nquads", Selection(include_ontology=True)), format="nquads")
    ontology = dataset.graph(URIRef(str(ONTOLOGY_GRAPH)))
    assert (URIRef("https://w3id.org/aseankg/ontology#Event"), None, None) in ontology


def test_cli_writes_the_file_and_reports_counts(sample_store, tmp_path) -> None:
    target = tmp_path / "out.ttl"
    result = CliRunner().invoke(main, ["--store", str(sample_store.location), "export", "-f", "turtle", "-o", str(target)])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(target, format="turtle")
    assert f"{len(graph)} triples" in result.output
    assert not (tmp_path / "out.ttl.part").exists()


def test_cli_rejects_a_bad_selection(sample_store) -> None:
    runner = CliRunner()
    store = str(sample_store.location)
    bad_date = runner.invoke(main, ["--store", store, "export", "-f", "turtle", "--from", "2021-13"])
    assert bad_date.exit_code == 2 and "not a real calendar date" in bad_date.output
    unknown = runner.invoke(main, ["--store", store, "export", "-f", "turtle", "--query", "timeline", "-p", "actor=Atlantis"])
    assert unknown.exit_code == 3 and "no actor called 'Atlantis'" in unknown.output
    both = runner.invoke(main, ["--store", store, "export", "-f", "turtle", "--query", "actors", "--actor", "Russia"])
    assert both.exit_code == 2 and "not both" in both.output


def test_cli_format_list_matches_the_library() -> None:
    from kg.commands.export import FORMAT_NAMES

    assert set(FORMAT_NAMES) == set(FORMATS)


def test_void_describes_the_exported_dataset(sample_store) -> None:
    void = Graph().parse(data=_export(sample_store, "void"), format="turtle")
    dataset = URIRef("https://w3id.org/aseankg/dataset")
    triples = void.value(dataset, URIRef("http://rdfs.org/ns/void#triples"))
    article_graphs = {g: t for g, t in _expected(sample_store).items() if g.startswith(str(ID) + "graph/")}
    assert len(article_graphs) == 2
    assert int(triples) == sum(len(g) for g in article_graphs.values())
    with pytest.raises(KgError, match="whole dataset"):
        _export(sample_store, "void", Selection(actor="Russia"))
