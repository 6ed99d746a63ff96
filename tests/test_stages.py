"""Ingest in two stages: extraction to N-Quads and loading, in processes, in shards, with a time limit."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.ingest
from kg import entities
from kg.cli import main
from kg.ingest import extract_article, ingest
from kg.readers import Article
from kg.shards import done_keys, extract_to_shards, load_shards
from kg.store import ONTOLOGY_GRAPH_OX, Store
from kg.terms import KGO

_TEXTS = [
    "Vietnam and Russia held talks in Hanoi on March 3, 2021 on trade and energy.",
    "Japan and ASEAN signed a memorandum of understanding on digital cooperation in Tokyo on May 12, 2022.",
    "The ASEAN-China Summit took place in Jakarta on September 6, 2023; Indonesia chaired it.",
    "Thailand and India agreed to expand cooperation in tourism and education, officials said on June 2, 2020.",
    "SLOW: Cambodia and Australia held a meeting in Phnom Penh on April 8, 2021.",
]


@pytest.fixture()
def corpus(tmp_path: Path, sample_dir: Path) -> list[Path]:
    """The sample articles and a JSON Lines file of five short ones (the last one marked SLOW)."""
    lines = tmp_path / "news.jsonl"
    lines.write_text("".join(json.dumps({"id": f"n{i}", "date": "2023-10-01", "text": t}) + "\n"
                             for i, t in enumerate(_TEXTS)), encoding="utf-8")
    return [sample_dir, lines]


def quads(store: Store) -> list[str]:
    """Every quad of the articles' graphs as sorted N-Quads lines, and the ontology graph's size.

    (The ontology has blank nodes, whose labels differ from store to store.)
    """
    ontology = ONTOLOGY_GRAPH_OX.value
    lines = sorted(str(q) for q in store.oxigraph if q.graph_name.value != ontology)
    assert not any("_:" in line for line in lines)
    size = sum(1 for _ in store.oxigraph.quads_for_pattern(None, None, None, ONTOLOGY_GRAPH_OX))
    return [*lines, f"ontology quads: {size}"]


def article_graphs(store: Store) -> set[str]:
    return {g.value for g in store.oxigraph.named_graphs() if "/id/graph/" in g.value}


def slow_extractor(article: Article) -> tuple[str, bytes]:
    """Takes far too long on articles marked SLOW (a worker process imports this module)."""
    if "SLOW" in article.text:
        time.sleep(60)
    return extract_article(article)


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, sample_dir: Path) -> dict[str, object]:
    """The quads of a plain one-process `ingest` of the corpus (built once)."""
    folder = tmp_path_factory.mktemp("ref")
    lines = folder / "news.jsonl"
    lines.write_text("".join(json.dumps({"id": f"n{i}", "date": "2023-10-01", "text": t}) + "\n"
                             for i, t in enumerate(_TEXTS)), encoding="utf-8")
    store = Store(folder / "store")
    report = ingest(store, [sample_dir, lines], time_limit=None)
    assert (report.added, report.skipped) == (7, [])
    return {"paths": [sample_dir, lines], "quads": quads(store), "graphs": article_graphs(store)}


def test_extract_article_is_the_article_graph_in_n_quads(sample_dir: Path) -> None:
    from kg.build import graph_iri
    from kg.readers import read

    article = next(a for a in read([sample_dir]) if isinstance(a, Article))
    graph, data = extract_article(article)
    assert graph == graph_iri(article).value
    lines = data.decode("utf-8").splitlines()
    assert len(lines) > 50
    own = [line for line in lines if line.endswith(f"<{graph}> .")]
    shared = [line for line in lines if line.endswith(f"<{entities.GRAPH.value}> .")]
    assert len(own) > 50 and len(own) + len(shared) == len(lines)
    # Its share of the entities graph: the actors it names, once each, without where they were said.
    assert any('<http://www.w3.org/2000/01/rdf-schema#label> "Russia"' in line for line in shared)
    assert any(str(KGO.named) in line for line in shared)
    assert not any(str(KGO.mentionedIn) in line or str(KGO.statedIn) in line for line in shared)
    assert extract_article(article) == (graph, data)  # pure: the same article gives the same bytes


def test_extract_then_load_gives_the_same_graph_as_ingest(tmp_path: Path, reference: dict) -> None:
    report = extract_to_shards(reference["paths"], tmp_path / "shards", shard_articles=3, time_limit=None)
    assert (report.extracted, report.shards, report.already) == (7, 3, 0)
    store = Store(tmp_path / "store")
    loaded = load_shards(store, tmp_path / "shards")
    assert (loaded.added, loaded.replaced, loaded.bulk) == (7, 0, True)
    assert quads(store) == reference["quads"]
    # Loading again replaces each graph in a transaction and changes nothing.
    again = load_shards(store, tmp_path / "shards")
    assert (again.added, again.replaced, again.bulk) == (0, 7, False)
    assert quads(store) == reference["quads"]


def test_jobs_2_gives_the_same_graph_as_jobs_1(tmp_path: Path, reference: dict) -> None:
    store = Store(tmp_path / "store")
    report = ingest(store, reference["paths"], jobs=2)
    assert (report.added, report.replaced, report.skipped) == (7, 0, [])
    assert quads(store) == reference["quads"]


def test_an_interrupted_extraction_resumes_without_duplicates(tmp_path: Path, reference: dict) -> None:
    out = tmp_path / "shards"
    seen = []

    def stop_after_three(item: object) -> None:
        seen.append(item)
        if len(seen) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        extract_to_shards(reference["paths"], out, shard_articles=2, time_limit=None, on_item=stop_after_three)
    assert len(done_keys(out)) == 2  # the first shard is finished, the third article was lost with its batch
    (out / "shard-crashed-00000.nq").write_bytes(b"<a:b> <a:c> <a:d> <a:g> .\n")  # a shard without manifest
    again = extract_to_shards(reference["paths"], out, shard_articles=2, time_limit=None)
    assert (again.already, again.extracted) == (2, 5)
    assert not (out / "shard-crashed-00000.nq").exists()
    manifests = [json.loads(p.read_text()) for p in out.glob("shard-*.json")]
    keys = [a["key"] for m in manifests for a in m["articles"]]
    assert len(keys) == len(set(keys)) == 7
    store = Store(tmp_path / "store")
    load_shards(store, out)
    assert article_graphs(store) == reference["graphs"]
    assert quads(store) == reference["quads"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_time_limit_cuts_off_a_slow_article_and_the_rest_lands(
    tmp_path: Path, corpus: list[Path], reference: dict, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    store = Store(tmp_path / "store")
    start = time.monotonic()
    if jobs == 1:
        monkeypatch.setattr(kg.ingest, "extract_article", slow_extractor)
        report = ingest(store, corpus, time_limit=1.0, jobs=1)
    else:
        report = ingest(store, corpus, time_limit=1.0, jobs=2, extractor=slow_extractor)
    assert time.monotonic() - start < 30
    assert [(s.origin.rsplit("/", 1)[-1], s.reason) for s in report.skipped] == [
        ("news.jsonl:5", "extraction took longer than 1 s")]
    assert report.added == 6
    assert len(article_graphs(store)) == 6


def test_cli_extract_and_load(tmp_path: Path, reference: dict) -> None:
    runner = CliRunner()
    paths = [str(p) for p in reference["paths"]]
    out = tmp_path / "shards"
    first = runner.invoke(main, ["extract", *paths, "--out", str(out), "--shard-size", "4", "-q"])
    assert first.exit_code == 0, first.output
    assert "Extracted 7 article(s) into 2 new shard(s)" in first.output
    second = runner.invoke(main, ["extract", *paths, "--out", str(out), "-q"])
    assert "Extracted 0 article(s) into 0 new shard(s)" in second.output and "7 already done" in second.output
    loaded = runner.invoke(main, ["--store", str(tmp_path / "store"), "load", str(out), "-q"])
    assert loaded.exit_code == 0, loaded.output
    assert "Loaded 7 article(s) from 2 shard(s) (7 new, 0 replaced; bulk loader)" in loaded.output
    assert quads(Store(tmp_path / "store", read_only=True)) == reference["quads"]
    missing = runner.invoke(main, ["--store", str(tmp_path / "store2"), "load", str(tmp_path / "nowhere")])
    assert missing.exit_code == 1 and "no shard folder" in missing.output


def test_cli_ingest_reports_a_slow_article_as_skipped(tmp_path: Path, corpus: list[Path],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.ingest, "extract_article", slow_extractor)
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "s"), "ingest", *map(str, corpus),
                                       "--time-limit", "0.5", "-q"])
    assert result.exit_code == 5
    assert "Ingested 6 article(s) (6 new, 0 replaced), skipped 1." in result.output
    assert "news.jsonl:5: extraction took longer than 0.5 s" in result.output


def crashing_extractor(article: Article) -> tuple[str, bytes]:
    """Kills its own process on articles marked SLOW, as a segfault in a C library would."""
    import os

    if "SLOW" in article.text:
        os._exit(3)
    return extract_article(article)


def test_a_worker_that_dies_costs_one_article(tmp_path: Path, corpus: list[Path]) -> None:
    store = Store(tmp_path / "store")
    report = ingest(store, corpus, jobs=2, extractor=crashing_extractor)
    assert [(s.origin.rsplit("/", 1)[-1], s.reason) for s in report.skipped] == [
        ("news.jsonl:5", "the extraction worker died (exit code 3)")]
    assert report.added == 6


def test_the_first_article_does_not_pay_for_loading_the_pipeline(tmp_path: Path) -> None:
    """In a fresh process the pipeline loads in seconds; a short time limit still lets the first article land."""
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text("Vietnam and Russia held talks in Hanoi on March 3, 2021.", encoding="utf-8")
    code = (
        "import datetime as dt, pathlib, sys\n"
        "from kg.ingest import ingest\nfrom kg.store import Store\n"
        "report = ingest(Store(None), [pathlib.Path(sys.argv[1])], default_date=dt.date(2021, 3, 5), time_limit=0.5)\n"
        "print(len(report.skipped), report.skipped)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("0 "), done.stdout
