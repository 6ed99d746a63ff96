"""Shared fixtures: the sample corpus, a store built from it, and a hand-written fixture store."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import resources
from kg.store import Store

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    """The bundled sample corpus."""
    return resources.path("data", "sample")


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory, sample_dir: Path) -> Store:
    """A store built by ingesting the sample corpus once per test session."""
    from kg.ingest import ingest

    store = Store(tmp_path_factory.mktemp("sample") / "store")
    report = ingest(store, [sample_dir])
    assert report.skipped == []
    return store


@pytest.fixture()
def fixture_store() -> Store:
    """An in-memory store holding ``tests/data/fixture.trig`` and the ontology."""
    store = Store(None)
    store.oxigraph.load(path=str(DATA / "fixture.trig"), format=ox.RdfFormat.TRIG)
    store.ensure_ontology()
    store.rebuild_entities()  # extraction writes it beside each article; a hand-written fixture needs it made
    return store
