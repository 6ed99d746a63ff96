"""The extraction stage on Dask (a LocalCluster of two workers) gives what `kg ingest` gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.distributed import extract_with_dask
from kg.ingest import ingest
from kg.shards import load_shards
from kg.store import ONTOLOGY_GRAPH_OX, Store

_TEXTS = {
    "a.txt": "date 2021-03-05\nVietnam and Russia held talks in Hanoi on March 3, 2021 on trade and energy.",
    "b.txt": "date 2022-05-14\nJapan and ASEAN signed a memorandum of understanding in Tokyo on May 12, 2022.",
    "c.jsonl": '{"id": "c1", "date": "2023-09-07", "text": "The ASEAN-China Summit took place in Jakarta on September 6, 2023."}\n'
               '{"id": "c2", "date": "2020-06-03", "text": "Thailand and India agreed to expand cooperation in tourism."}\n',
}


def article_quads(store: Store) -> list[str]:
    return sorted(str(q) for q in store.oxigraph if q.graph_name != ONTOLOGY_GRAPH_OX)


@pytest.fixture()
def corpus(tmp_path: Path, sample_dir: Path) -> Path:
    folder = tmp_path / "news"
    shutil.copytree(sample_dir, folder)
    for name, text in _TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_dask_extraction_on_a_local_cluster_loads_the_same_graph_as_ingest(tmp_path: Path, corpus: Path) -> None:
    from dask.distributed import Client, LocalCluster

    expected = Store(tmp_path / "expected")
    assert ingest(expected, [corpus], time_limit=None).added == 6
    shards = tmp_path / "shards"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        report = extract_with_dask([corpus], shards, client=client, files_per_task=2)
        assert (report.extracted, report.already, report.skipped) == (6, 0, [])
        assert report.shards == 3  # five article files, two per task
        again = extract_with_dask([corpus], shards, client=client, files_per_task=2)
        assert (again.extracted, again.already, again.shards) == (0, 6, 0)
    store = Store(tmp_path / "store")
    loaded = load_shards(store, shards)
    assert (loaded.added, loaded.bulk) == (6, True)
    assert article_quads(store) == article_quads(expected)
