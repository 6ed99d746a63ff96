"""The Python API: typed rows, DataFrames, SPARQL and the graph, on the fixture and the sample corpus."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from kg.api import KG, Rows
from kg.errors import KgError, UnknownNameError
from kg.store import Store

ID = "https://w3id.org/aseankg/id/"


def test_named_query_rows_are_typed(fixture_store: Store) -> None:
    g = KG(fixture_store)
    funds = g.query("funds")
    assert funds == [(ID + "fund/f", "ASEAN-Russia Dialogue Partnership Financial Fund", Decimal("8130000.0"), "USD",
                      dt.date(2021, 2, 28), "Russia", Decimal("1500000.0"), "year")]
    assert funds[0].amount == Decimal("8130000") and funds[0].asOf == dt.date(2021, 2, 28)
    plans = {p.label: p for p in g.query("plans")}
    cpa = plans["ASEAN-Russia Comprehensive Plan of Action 2016-2020"]
    assert (cpa.start, cpa.end, cpa.linesTotal, cpa.linesDone) == ("2016", "2020", 139, 99)
    assert plans["ASEAN-Russia Comprehensive Plan of Action 2021-2025"].linesDone is None


def test_query_parameters(fixture_store: Store) -> None:
    g = KG(fixture_store)
    russia = {(e.label, e.date) for e in g.query("events", actor="Russian Federation")}
    assert russia == {("ASEAN-Russia commemorative summit", "2021-10")}  # month precision kept
    summit = {(e.label, e.date) for e in g.query("events", actor="Russian Federation", to=dt.date(2021, 12, 31))}
    assert summit == {("ASEAN-Russia commemorative summit", "2021-10")}
    later = {(e.label, e.date) for e in g.query("events", from_=dt.date(2022, 1, 1))}
    assert later == {("meeting between Sergei Lavrov and ASEAN Moscow Committee", dt.date(2022, 2, 17))}
    with pytest.raises(UnknownNameError, match="Russia"):
        g.query("events", actor="Rusia")


def test_to_dataframe(fixture_store: Store) -> None:
    frame = KG(fixture_store).query("agreements", actor="ASEAN").to_dataframe()
    assert list(frame.columns)[:5] == ["agreement", "label", "kind", "party", "since"]
    assert sorted(set(frame["label"])) == ["ASEAN-Russia relations", "ASEAN-Russia strategic partnership"]
    assert len(frame) == 4


def test_to_dataframe_without_pandas_says_how_to_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(KgError, match="pip install 'pandas>=2'"):
        Rows(["x"], []).to_dataframe()


def test_sparql_and_graph(fixture_store: Store) -> None:
    g = KG(fixture_store)
    rows = g.sparql("SELECT ?v WHERE { ?i a kgo:Indicator ; kgo:value ?v }")
    assert rows == [(Decimal("19800000000.0"),)]
    assert g.sparql("ASK { ?x a kgo:Treaty }") is False
    G = g.graph(kinds=["Agreement"])
    assert sorted(d["label"] for _, d in G.nodes(data=True) if d["type"] == "Agreement") == [
        "ASEAN-Russia relations", "ASEAN-Russia strategic partnership"]
    assert g.resolve("ARDPFF") == [ID + "fund/f"]


def test_open_ingest_and_query(tmp_path: Path, sample_dir: Path) -> None:
    g = KG.open(tmp_path / "store")
    report = g.ingest(sample_dir)
    assert report.articles == 2
    funds = g.query("funds")
    assert [(f.amount, f.currency, f.asOf, f.contributor, f.per) for f in funds] == [
        (Decimal("8130000"), "USD", dt.date(2021, 2, 28), "Russia", "year")]
    since = {(a.label, a.since) for a in g.query("agreements", actor="Russia")}
    assert {("ASEAN-Russia relations", "1991"), ("ASEAN-Russia dialogue partnership", "1996")} <= since


def test_import_kg_stays_light() -> None:
    code = "import sys, kg, kg.api; print(sorted(m for m in ('networkx', 'pandas', 'rdflib', 'spacy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
