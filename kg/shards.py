"""Extraction shards: N-Quads files of many articles' graphs, written without a store.

A shard folder holds pairs of files:

- ``shard-RUN-ID.nq``: the N-Quads of several articles, one named graph each,
  article after article;
- ``shard-RUN-ID.json``: its manifest, written (atomically, by a temporary
  file and a rename) only after the shard itself is complete: the articles it
  holds (key, graph IRI, origin, byte offset and length) and the inputs skipped.

A shard without a manifest is unfinished and is ignored.  The manifests
together say which articles are done, so re-running an interrupted extraction
skips them (:func:`done_keys`).  ``kg extract`` and :mod:`kg.distributed`
write shards; ``kg load`` (:func:`load_shards`) reads them.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.readers import Article, Skipped

SHARD_ARTICLES = 1000
"""Articles per shard written by ``kg extract``."""


@dataclass
class ExtractReport:
    """What an extraction into shards did.

    Attributes:
        extracted: articles extracted in this run.
        already: articles found already done in the folder and not extracted again.
        shards: shards written in this run.
        skipped: inputs that could not be read or extracted, with the reason.
    """

    extracted: int = 0
    already: int = 0
    shards: int = 0
    skipped: list[Skipped] = field(default_factory=list)


@dataclass
class LoadReport:
    """What loading shards into a store did.

    Attributes:
        added: articles new to the store.
        replaced: articles whose graph the store held already (replaced).
        shards: shards read.
        bulk: True when Oxigraph's bulk loader was used (a fresh store, no article twice).
    """

    added: int = 0
    replaced: int = 0
    shards: int = 0
    bulk: bool = False


def _manifests(folder: Path) -> list[Path]:
    return sorted(folder.glob("shard-*.json"))


def read_manifests(folder: Path) -> list[dict[str, Any]]:
    """The manifests of the finished shards in ``folder``, in name order."""
    out = []
    for path in _manifests(folder):
        try:
            out.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue  # a manifest is written atomically; an unreadable one is not ours
    return out


def done_keys(folder: Path) -> set[str]:
    """Keys of the articles already extracted into finished shards of ``folder``."""
    return {a["key"] for m in read_manifests(folder) for a in m["articles"]}


def new_run_id() -> str:
    """A name part that no other run (on any machine) uses."""
    return uuid.uuid4().hex[:12]


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def write_shard(folder: Path, name: str, extracted: list[tuple[Article, str, bytes]],
                skipped: Iterable[Skipped] = ()) -> dict[str, Any]:
    """Write one shard and then its manifest, each atomically; return the manifest.

    Args:
        folder: the shard folder (created when missing).
        name: the shard's name without suffix, e.g. ``shard-RUN-00001``.
        extracted: ``(article, graph IRI, N-Quads)`` per article.
        skipped: inputs skipped while making this shard (recorded, not retried as done).
    """
    folder.mkdir(parents=True, exist_ok=True)
    articles, parts, offset = [], [], 0
    for article, graph, data in extracted:
        articles.append({"key": article.key, "graph": graph, "origin": article.origin,
                         "offset": offset, "length": len(data)})
        parts.append(data)
        offset += len(data)
    _atomic_write(folder / f"{name}.nq", b"".join(parts))
    manifest = {"shard": f"{name}.nq", "articles": articles,
                "skipped": [{"origin": s.origin, "reason": s.reason} for s in skipped]}
    _atomic_write(folder / f"{name}.json", json.dumps(manifest, ensure_ascii=False).encode("utf-8"))
    return manifest


def remove_unfinished(folder: Path) -> None:
    """Delete temporary files and shards left without a manifest by an interrupted run."""
    if not folder.is_dir():
        return
    finished = {m["shard"] for m in read_manifests(folder)}
    for path in folder.glob("shard-*"):
        if path.name.endswith(".tmp") or (path.suffix == ".nq" and path.name not in finished):
            path.unlink(missing_ok=True)


def skip_done(items: Iterable[Article | Skipped], done: set[str], counter: list[int]) -> Iterator[Article | Skipped]:
    """The items whose article is not in ``done`` (``counter[0]`` counts the others)."""
    for item in items:
        if isinstance(item, Article) and item.key in done:
            counter[0] += 1
            continue
        yield item


def extract_to_shards(
    paths: Iterable[Path],
    folder: Path,
    jobs: int = 1,
    time_limit: float | None = 60.0,
    default_date: Any = None,
    shard_articles: int = SHARD_ARTICLES,
    on_item: Callable[[Article | Skipped], None] | None = None,
) -> ExtractReport:
    """Extract every article under ``paths`` into shards in ``folder``, skipping those already done.

    Args:
        paths: files and folders to read.
        folder: where the shards go.
        jobs: extraction worker processes.
        time_limit: seconds one article's extraction may take (None: no limit).
        default_date: the date of plain-text articles that do not state one.
        shard_articles: articles per shard.
        on_item: called after each article or skipped input (for progress bars).
    """
    from kg.ingest import extract_all
    from kg.readers import read

    folder.mkdir(parents=True, exist_ok=True)
    remove_unfinished(folder)
    report = ExtractReport()
    already = [0]
    run = new_run_id()
    batch: list[tuple[Article, str, bytes]] = []
    skipped: list[Skipped] = []

    def flush() -> None:
        if batch:
            write_shard(folder, f"shard-{run}-{report.shards:05d}", batch, skipped)
            report.shards += 1
            batch.clear()
            skipped.clear()

    items = skip_done(read(paths, default_date), done_keys(folder), already)
    for out in extract_all(items, jobs, time_limit):
        if isinstance(out, Skipped):
            report.skipped.append(out)
            skipped.append(out)
            item: Article | Skipped = out
        else:
            batch.append(out)
            report.extracted += 1
            item = out[0]
            if len(batch) >= shard_articles:
                flush()
        if on_item:
            on_item(item)
    flush()
    report.already = already[0]
    return report


def load_shards(store: Any, folder: Path, on_item: Callable[[], None] | None = None) -> LoadReport:
    """Load the finished shards of ``folder`` into ``store``.

    Into a fresh embedded store (no article yet) where no article appears in
    two shards, every shard goes through Oxigraph's bulk loader (fast, but not
    transactional: if it is interrupted, delete the store and load again).
    Otherwise each article's graph is written atomically: new ones many per
    transaction, ones already stored replaced one by one.

    Args:
        store: the store to write to.
        folder: a folder written by ``kg extract`` or :func:`kg.distributed.extract_with_dask`.
        on_item: called once per article loaded (for progress bars).
    """
    from kg.errors import KgError
    from kg.ingest import Loader
    from kg.store import ONTOLOGY_GRAPH_OX, Store

    if not folder.is_dir():
        raise KgError(f"no shard folder {folder}: make one with `kg extract PATHS --out {folder}`")
    manifests = read_manifests(folder)
    report = LoadReport(shards=len(manifests))
    graphs = [a["graph"] for m in manifests for a in m["articles"]]
    store.ensure_ontology()
    fresh = isinstance(store, Store) and all(g == ONTOLOGY_GRAPH_OX for g in store.oxigraph.named_graphs())
    if fresh and len(set(graphs)) == len(graphs):
        import pyoxigraph as ox

        report.bulk = True
        for m in manifests:
            store.oxigraph.bulk_load(path=str(folder / m["shard"]), format=ox.RdfFormat.N_QUADS)
            report.added += len(m["articles"])
            for _ in m["articles"]:
                if on_item:
                    on_item()
        store.flush()
        # The bulk loader leaves many files behind; compacting them once makes every later lookup
        # cheaper (5-20% on the query benchmark's store, for about a third of the loading time).
        store.oxigraph.optimize()
        return report
    with Loader(store) as loader:
        for m in manifests:
            data = (folder / m["shard"]).read_bytes()
            for a in m["articles"]:
                if loader.put(a["graph"], data[a["offset"]:a["offset"] + a["length"]]):
                    report.replaced += 1
                else:
                    report.added += 1
                if on_item:
                    on_item()
    store.flush()
    return report
