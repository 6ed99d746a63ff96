"""The graph projection and the `kg graph` commands, on the fixture graph and the sample store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import graph
from kg.cli import main
from kg.errors import KgError, UnknownNameError
from kg.store import Store

ID = "https://w3id.org/aseankg/id/"
A1, A2 = ID + "article/a1", ID + "article/a2"


def short(iri: str) -> str:
    return iri[len(ID):]


def test_project_nodes_and_attributes(fixture_store: Store) -> None:
    G = graph.project(fixture_store)
    nodes = {short(n): (d["type"], d["kind"], d["label"], d["date"]) for n, d in G.nodes(data=True)}
    assert nodes == {
        "country/RUS": ("Country", "Country", "Russia", ""),
        "org/asean": ("Organization", "IntergovernmentalOrganization", "ASEAN", ""),
        "org/rus/mfa": ("Organization", "Ministry", "Ministry of Foreign Affairs of Russia", ""),
        "org/committee": ("Organization", "IntergovernmentalBody", "ASEAN Moscow Committee", ""),
        "person/lavrov": ("Person", "Person", "Sergei Lavrov", ""),
        "person/nobody": ("Person", "Person", "Anna Example", ""),
        "event/m": ("Event", "Meeting", "meeting between Sergei Lavrov and ASEAN Moscow Committee", "2022-02-17"),
        "event/s": ("Event", "Summit", "ASEAN-Russia commemorative summit", "2021-10"),
        "agreement/rel": ("Agreement", "Relations", "ASEAN-Russia relations", "1991"),
        "agreement/sp": ("Agreement", "StrategicPartnership", "ASEAN-Russia strategic partnership", ""),
        "plan/cpa": ("Plan", "PlanOfAction", "ASEAN-Russia Comprehensive Plan of Action 2016-2020", "2016"),
        "plan/next": ("Plan", "PlanOfAction", "ASEAN-Russia Comprehensive Plan of Action 2021-2025", "2021"),
        "fund/f": ("Fund", "Fund", "ASEAN-Russia Dialogue Partnership Financial Fund", ""),
        "indicator/t": ("Indicator", "Indicator", "two-way trade", "2018"),
    }


def test_project_edges_fold_posts_and_contributions(fixture_store: Store) -> None:
    G = graph.project(fixture_store)
    edges = {(short(s), k, short(o), d["articles"]) for s, o, k, d in G.edges(keys=True, data=True)}
    assert edges == {
        ("agreement/rel", "party", "country/RUS", A2), ("agreement/rel", "party", "org/asean", A2),
        ("agreement/sp", "party", "country/RUS", A2), ("agreement/sp", "party", "org/asean", A2),
        ("country/RUS", "contributesTo", "fund/f", A2),
        ("event/m", "participant", "org/committee", A1), ("event/m", "participant", "person/lavrov", A1),
        ("event/s", "participant", "country/RUS", A1), ("event/s", "participant", "org/asean", A1),
        ("indicator/t", "about", "country/RUS", A2), ("indicator/t", "about", "org/asean", A2),
        ("org/rus/mfa", "ofCountry", "country/RUS", A1),
        ("person/lavrov", "onBehalfOf", "country/RUS", A1), ("person/lavrov", "postIn", "org/rus/mfa", A1),
        ("plan/cpa", "implements", "agreement/sp", A2),
    }
    assert all(d["relation"] == k for _, _, k, d in G.edges(keys=True, data=True))


def test_project_filters_by_date_and_kind(fixture_store: Store) -> None:
    from_2022 = graph.project(fixture_store, date_from="2022")
    assert ID + "event/m" in from_2022 and ID + "event/s" not in from_2022
    assert ID + "agreement/rel" in from_2022  # only events are filtered by date
    october = graph.project(fixture_store, date_from="2021-10-15", date_to="2021-10")
    assert {short(n) for n, d in october.nodes(data=True) if d["type"] == "Event"} == {"event/s"}
    meetings = graph.project(fixture_store, kinds=["Meeting"])
    assert {short(n) for n, d in meetings.nodes(data=True) if d["type"] not in graph.ACTOR_TYPES} == {"event/m"}
    assert ID + "person/nobody" in meetings  # actors stay unless an actor kind is named
    people = graph.project(fixture_store, kinds=["Person", "Agreement"])
    assert {short(n) for n in people} == {"person/lavrov", "person/nobody", "agreement/rel", "agreement/sp"}
    with pytest.raises(KgError, match="YYYY"):
        graph.project(fixture_store, date_from="last week")


def test_paths_name_the_relation_on_each_hop(fixture_store: Store) -> None:
    G = graph.project(fixture_store)
    lavrov = graph.resolve_node(fixture_store, G, "Sergei Lavrov")
    asean = graph.resolve_node(fixture_store, G, "Association of Southeast Asian Nations")
    assert (short(lavrov), short(asean)) == ("person/lavrov", "org/asean")
    found = graph.paths(G, lavrov, asean)
    hops = [[(short(h.source), h.relation, short(h.target), h.forward) for h in p] for p in found]
    # Lavrov acts for Russia; Russia and ASEAN share a summit, two agreements and an indicator
    # (paths in the order of their nodes' labels).
    assert hops == [
        [("person/lavrov", "onBehalfOf", "country/RUS", True), ("country/RUS", "participant", "event/s", False),
         ("event/s", "participant", "org/asean", True)],
        [("person/lavrov", "onBehalfOf", "country/RUS", True), ("country/RUS", "party", "agreement/rel", False),
         ("agreement/rel", "party", "org/asean", True)],
        [("person/lavrov", "onBehalfOf", "country/RUS", True), ("country/RUS", "party", "agreement/sp", False),
         ("agreement/sp", "party", "org/asean", True)],
        [("person/lavrov", "onBehalfOf", "country/RUS", True), ("country/RUS", "about", "indicator/t", False),
         ("indicator/t", "about", "org/asean", True)],
    ]
    assert found[0][0].articles == (A1,)
    assert graph.paths(G, lavrov, asean, max_hops=2) == []
    assert graph.paths(G, lavrov, ID + "person/nobody") == []


def test_resolve_node_unknown_names_the_closest(fixture_store: Store) -> None:
    G = graph.project(fixture_store)
    with pytest.raises(UnknownNameError, match="Closest known names: Russia"):
        graph.resolve_node(fixture_store, G, "Rusia")
    meetings_only = graph.project(fixture_store, kinds=["Summit"])
    with pytest.raises(UnknownNameError, match="not a node of the graph"):
        graph.resolve_node(fixture_store, meetings_only, "ASEAN-Russia relations")


def test_neighborhood_hops(fixture_store: Store) -> None:
    G = graph.project(fixture_store)
    one = graph.neighborhood(G, ID + "person/lavrov", 1)
    assert {short(n) for n in one} == {"person/lavrov", "country/RUS", "org/rus/mfa", "event/m"}
    two = graph.neighborhood(G, ID + "person/lavrov", 2)
    assert {short(n) for n in two} - {short(n) for n in one} == {
        "org/committee", "agreement/rel", "agreement/sp", "event/s", "fund/f", "indicator/t"}


def test_rank_and_communities(fixture_store: Store) -> None:
    G = graph.project(fixture_store)
    degree = [(short(n), round(s, 3)) for n, s in graph.rank(G, "degree", top=10)]
    assert degree == [("country/RUS", 0.6), ("person/lavrov", 0.6), ("org/rus/mfa", 0.4),
                      ("org/asean", 0.2), ("org/committee", 0.2), ("person/nobody", 0.0)]
    pr = dict(graph.rank(G, "pagerank", top=10))
    assert abs(sum(pr.values()) - 1.0) < 1e-9
    assert max(pr, key=pr.get) == ID + "country/RUS" and min(pr, key=pr.get) == ID + "person/nobody"
    between = graph.rank(G, "betweenness", top=1)
    assert [(short(n), round(s, 3)) for n, s in between] == [("country/RUS", 0.3)]
    assert [[short(n) for n in g] for g in graph.communities(G)] == [
        ["org/committee", "org/rus/mfa", "person/lavrov"], ["org/asean", "country/RUS"]]


def test_pagerank_matches_networkx_reference() -> None:
    import networkx as nx

    G = nx.Graph()
    G.add_weighted_edges_from([("a", "b", 2), ("b", "c", 1), ("c", "a", 1), ("c", "d", 3)])
    G.add_node("e")
    ours = graph.pagerank(G)
    reference = _reference_pagerank(G)
    assert all(abs(ours[n] - reference[n]) < 1e-6 for n in G)


def _reference_pagerank(G: object) -> dict[str, float]:
    """NetworkX's pure-Python PageRank (its public one needs SciPy), run to the same precision."""
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

    return _pagerank_python(G, weight="weight", tol=1e-12, max_iter=1000)


# -- the command line ------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_copy(sample_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample store, flushed and copied so it can be opened read-only by path."""
    sample_store.flush()
    target = tmp_path_factory.mktemp("graphcli") / "store"
    shutil.copytree(sample_store.location, target)
    return target


def run(*args: str) -> object:
    return CliRunner().invoke(main, list(args))


def test_cli_path_vietnam_russia(sample_copy: Path) -> None:
    done = run("--store", str(sample_copy), "graph", "path", "Vietnam", "Russia")
    assert done.exit_code == 0, done.output
    assert done.output.splitlines() == [
        "1. Vietnam <--ofCountry-- Nguyen Hai Bang <--participant-- meeting --participant--> Russia",
        "2. Vietnam <--ofCountry-- Permanent Mission of Vietnam to ASEAN <--participant-- meeting --participant--> Russia",
    ]
    as_json = json.loads(run("--store", str(sample_copy), "graph", "path", "Vietnam", "Russia", "--format", "json").output)
    assert [h["relation"] for h in as_json["paths"][0]] == ["ofCountry", "participant", "participant"]
    assert as_json["target"]["label"] == "Russia"
    assert as_json["paths"][0][0]["articles"] == [ID + "article/43a020175266f1456dd4a9d3"]


def test_cli_path_errors(sample_copy: Path) -> None:
    unknown = run("--store", str(sample_copy), "graph", "path", "Vietnam", "Rusia")
    assert unknown.exit_code == 3
    assert "Closest known names: Russia" in unknown.output
    dated = run("--store", str(sample_copy), "graph", "path", "Vietnam", "Russia", "--from", "2022-02")
    assert dated.exit_code == 1 and "no path from Vietnam to Russia" in dated.output


def test_cli_neighbors_rank_communities(sample_copy: Path) -> None:
    near = json.loads(run("--store", str(sample_copy), "graph", "neighbors", "Sergei Lavrov", "--format", "json").output)
    assert sorted(n["label"] for n in near["nodes"]) == [
        "Ministry of Foreign Affairs of Russia", "Russia", "Sergei Lavrov",
        "meeting between Sergei Lavrov and ASEAN Moscow Committee", "speech before State Duma"]
    ranked = json.loads(run("--store", str(sample_copy), "graph", "rank", "--top", "2", "--format", "json").output)
    assert [r["label"] for r in ranked] == ["Russia", "ASEAN"]
    table = run("--store", str(sample_copy), "graph", "rank", "--by", "degree", "--top", "1")
    assert table.exit_code == 0 and "Russia" in table.output and "degree" in table.output
    groups = json.loads(run("--store", str(sample_copy), "graph", "communities", "--format", "json").output)
    assert sorted(sorted(n["label"] for n in g) for g in groups) == [
        ["ASEAN", "Maria Zakharova", "Ministry of Foreign Affairs of Russia",
         "Ministry of Science and Higher Education of Russia", "Russia"],
        ["ASEAN Moscow Committee", "Sergei Lavrov", "State Duma"],
        ["Nguyen Hai Bang", "Permanent Mission of Vietnam to ASEAN", "Vietnam"],
    ]
