"""The entities graph: what articles say about shared entities, once, kept in step with the articles."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox

from kg import entities, queries
from kg.ingest import ingest
from kg.store import Store
from kg.terms import KGO

LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
NAMED = ox.NamedNode(str(KGO.named))


def _batch(path: Path, texts: dict[str, str]) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for url, text in texts.items():
            f.write(json.dumps({"url": url, "date": "2022-02-10", "text": text}) + "\n")
    return path


def _held(store: Store) -> set[ox.Triple]:
    return {q.triple for q in store.oxigraph.quads_for_pattern(None, None, None, entities.GRAPH)}


def _labels(store: Store) -> set[str]:
    return {t.object.value for t in _held(store) if t.predicate == LABEL}


def test_each_statement_is_held_once_and_replacing_an_article_drops_what_nothing_else_says(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    first = {
        "https://example.org/a": "Vietnam and Thailand held talks in Hanoi on March 3, 2022.",
        "https://example.org/b": "Thailand and Japan signed a memorandum of understanding in Bangkok on May 5, 2022.",
    }
    ingest(store, [_batch(tmp_path / "one.jsonl", first)])
    held = _held(store)
    assert {"Vietnam", "Thailand", "Japan", "Hanoi", "Bangkok"} <= _labels(store)
    thailand = queries.resolve(store, "Thailand")[0]
    # Two articles restate Thailand's label; the entities graph holds it once, and says it is named.
    assert len(list(store.oxigraph.quads_for_pattern(thailand, LABEL, None, None))) == 3
    assert ox.Triple(thailand, NAMED, ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))) in held
    assert not any(t.predicate in (ox.NamedNode(str(KGO.mentionedIn)), ox.NamedNode(str(KGO.statedIn))) for t in held)

    # The first article now speaks of Laos in Vientiane: Vietnam and Hanoi are no longer stated
    # anywhere, Thailand still is (by the second article).
    second = {"https://example.org/a": "Laos and Thailand held talks in Vientiane on March 3, 2022."}
    report = ingest(store, [_batch(tmp_path / "two.jsonl", second)])
    assert report.replaced == 1
    labels = _labels(store)
    assert {"Laos", "Thailand", "Japan", "Vientiane", "Bangkok"} <= labels
    assert not {"Vietnam", "Hanoi"} & labels
    # Exactly what the article graphs support, as a rebuild from scratch computes it.
    now = _held(store)
    assert store.rebuild_entities() == len(now)
    assert _held(store) == now
    # Queries read actors from it: Vietnam is gone, Laos is there.
    names = {row[1].value for row in queries.run(store, "actors", type="Country").rows}
    assert {"Laos", "Thailand", "Japan"} <= names and "Vietnam" not in names


def test_posts_are_shared_across_articles(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    text = ("Russian Foreign Minister Sergei Lavrov met ASEAN ambassadors in Moscow on February {day}, 2022. "
            "Lavrov said the sides would deepen cooperation.")
    ingest(store, [_batch(tmp_path / "b.jsonl", {f"https://example.org/{d}": text.format(day=d) for d in (17, 18)})])
    posts = {q.subject for q in store.oxigraph.quads_for_pattern(None, ox.NamedNode(str(KGO.heldBy)), None, entities.GRAPH)}
    assert len(posts) == 1  # one post, stated by both articles
    rows = queries.run(store, "people", actor="Russia").rows
    assert [(r[1].value, r[2].value) for r in rows] == [("Sergei Lavrov", "Minister of Foreign Affairs")]


def test_rebuild_derives_it_for_graphs_loaded_by_other_tools() -> None:
    store = Store(None)
    store.oxigraph.load(b"""
        @prefix kgo: <https://w3id.org/aseankg/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <https://w3id.org/aseankg/id/graph/x> {
          <https://w3id.org/aseankg/id/country/LAO> a kgo:Country, kgo:Actor ; rdfs:label "Laos" ;
              kgo:mentionedIn <https://w3id.org/aseankg/id/article/x/s0> .
          <https://w3id.org/aseankg/id/article/x/s0> a kgo:Sentence ; kgo:text "Laos spoke." .
        }""", format=ox.RdfFormat.TRIG)
    assert store.rebuild_entities() == 4  # two types, the label, and "named"
    assert [r[1].value for r in queries.run(store, "actors").rows] == ["Laos"]


def test_the_loader_skips_repeats_but_not_after_a_replacement_took_statements_out(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    batch = tmp_path / "b.jsonl"
    with batch.open("w", encoding="utf-8") as f:
        for url, text in [
            ("https://example.org/a", "Vietnam and Thailand held talks in Hanoi on March 3, 2022."),
            ("https://example.org/b", "Vietnam and Thailand met again in Hanoi on March 9, 2022."),
            ("https://example.org/b", "Laos and Thailand met in Vientiane on March 9, 2022."),  # replaces b
            ("https://example.org/a", "Laos and Cambodia held talks in Vientiane on March 3, 2022."),  # replaces a
            ("https://example.org/c", "Vietnam and Japan held talks in Hanoi on April 1, 2022."),  # states them again
        ]:
            f.write(json.dumps({"url": url, "date": "2022-04-02", "text": text}) + "\n")
    report = ingest(store, [batch])
    assert (report.added, report.replaced) == (3, 2)
    now = _held(store)
    assert {"Vietnam", "Hanoi", "Laos", "Vientiane", "Japan"} <= _labels(store)
    assert store.rebuild_entities() == len(now) and _held(store) == now


def test_a_store_without_the_entities_graph_is_refused_until_reindexed(tmp_path: Path) -> None:
    import pytest
    from click.testing import CliRunner

    from kg.cli import main
    from kg.errors import KgError

    location = tmp_path / "old"
    store = Store(location)
    ingest(store, [_batch(tmp_path / "b.jsonl", {"https://example.org/a": "Vietnam and Laos held talks on May 2, 2022."})])
    store.oxigraph.remove_graph(entities.GRAPH)  # as kg before ontology 0.2.0 wrote it
    with pytest.raises(KgError, match="reindex"):
        queries.run(store, "actors")
    store.flush()
    del store
    done = CliRunner().invoke(main, ["--store", str(location), "reindex"])
    assert done.exit_code == 0 and "Rebuilt the entities graph" in done.output, done.output
    names = {row[1].value for row in queries.run(Store(location, read_only=True), "actors").rows}
    assert names == {"Vietnam", "Laos"}


def test_stats_count_the_entities_graph_apart_from_what_was_extracted(tmp_path: Path) -> None:
    from kg.stats import stats

    store = Store(tmp_path / "store")
    ingest(store, [_batch(tmp_path / "b.jsonl", {"https://example.org/a": "Vietnam and Laos held talks on May 2, 2022."})])
    article_quads = sum(1 for g in store.graphs() if "/id/graph/" in g.value
                        for _ in store.oxigraph.quads_for_pattern(None, None, None, g))
    s = stats(store)
    assert s.entity_triples == len(_held(store)) > 0
    assert s.extracted_triples == article_quads
