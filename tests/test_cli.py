"""The command line: exit codes and messages, asserted together."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main


def run(*args: str) -> "object":
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_ingest_and_query_json(tmp_path: Path, sample_dir: Path) -> None:
    store = str(tmp_path / "s")
    done = run("--store", store, "ingest", "-q", str(sample_dir))
    assert done.exit_code == 0, done.output
    assert "Ingested 2 article(s) (2 new, 0 replaced), skipped 0" in done.output
    out = run("--store", store, "query", "actors", "--format", "json")
    assert out.exit_code == 0
    doc = json.loads(out.stdout)
    assert doc["head"]["vars"] == ["actor", "label", "type", "sameAs"]
    labels = {b["label"]["value"] for b in doc["results"]["bindings"]}
    assert {"ASEAN", "Russia", "Vietnam"} <= labels


def test_ingest_reports_bad_input_and_exits_5(tmp_path: Path) -> None:
    good = tmp_path / "in" / "good.txt"
    good.parent.mkdir()
    good.write_text("date 2022-01-05 Vietnam and Russia held talks in Hanoi on January 4.", encoding="utf-8")
    (tmp_path / "in" / "bad.txt").write_bytes(b"\xff\xfe\x00binary")
    done = run("--store", str(tmp_path / "s"), "ingest", "-q", str(tmp_path / "in"))
    assert done.exit_code == 5
    assert "bad.txt: binary data" in done.output
    assert "Ingested 1 article(s)" in done.output


def test_unknown_actor_is_exit_3_with_suggestions(tmp_path: Path, sample_dir: Path) -> None:
    store = str(tmp_path / "s")
    run("--store", store, "ingest", "-q", str(sample_dir))
    out = run("--store", store, "query", "events", "-p", "actor=Rusia")
    assert out.exit_code == 3
    assert "no actor called 'Rusia'" in out.output and "Russia" in out.output


def test_usage_errors_are_exit_2(tmp_path: Path, sample_dir: Path) -> None:
    store = str(tmp_path / "s")
    run("--store", store, "ingest", "-q", str(sample_dir))
    assert run("--store", store, "query", "nosuch").exit_code == 2
    bad = run("--store", store, "query", "events", "-p", "actor")
    assert bad.exit_code == 2 and "KEY=VALUE" in bad.output
    syntax = run("--store", store, "sparql", "SELECT ?x WHERE { ?x ?y }")
    assert syntax.exit_code == 2 and "SPARQL syntax error" in syntax.output


def test_query_on_a_missing_store_says_how_to_build_one(tmp_path: Path) -> None:
    out = run("--store", str(tmp_path / "none"), "query", "actors")
    assert out.exit_code == 1 and "kg --store" in out.output and "ingest" in out.output


def test_query_list_names_every_query() -> None:
    out = run("query", "--list")
    assert out.exit_code == 0
    for name in ("actors", "people", "events", "agreements", "plans", "funds", "fields", "indicators", "sources"):
        assert f"\n{name} " in "\n" + out.output


def test_csv_and_table_formats(tmp_path: Path, sample_dir: Path) -> None:
    store = str(tmp_path / "s")
    run("--store", store, "ingest", "-q", str(sample_dir))
    csv_out = run("--store", store, "query", "funds", "--format", "csv")
    assert csv_out.output.splitlines()[0] == "fund,label,amount,currency,asOf,contributor,contribution,per"
    table = run("--store", store, "query", "funds")
    assert "8,130,000" in table.output
