"""The extraction stage on Dask: article files in, N-Quads shards out, for ``kg load``.

Needs the optional extra ``dask`` (``pip install 'kg[dask]'``: ``dask[bag]`` and
``distributed``).  Any Dask cluster works; the shard folder must be reachable
under the same path by every worker (a shared file system) and by the
process that runs ``kg load`` afterwards::

    from dask.distributed import Client
    from kg.distributed import extract_with_dask

    client = Client("tcp://scheduler:8786")
    report = extract_with_dask(["/shared/news"], "/shared/shards", client=client)
    # then: kg --store STORE load /shared/shards

Input files are the unit of work (a JSON Lines file is one task): split a big
JSON Lines corpus into several files to spread it.  Every partition writes its
own shard and manifest (:mod:`kg.shards`), so a failed or interrupted run can be
started again: the articles already in finished shards are skipped.  The
per-article time limit of ``kg ingest`` does not apply here; use Dask's own
task timeouts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kg.shards import ExtractReport


def _extract_partition(files: list[str], folder: str, done: frozenset[str], run: str,
                       default_date: dt.date | None) -> list[dict[str, Any]]:
    """One Dask task: extract the articles of some files into one shard; its manifest."""
    import uuid

    from kg.ingest import extract_all
    from kg.readers import Article, Skipped, read
    from kg.shards import write_shard

    extracted: list[tuple[Article, str, bytes]] = []
    skipped: list[Skipped] = []
    already = 0
    items = []
    for item in read([Path(f) for f in files], default_date):
        if isinstance(item, Article) and item.key in done:
            already += 1
        else:
            items.append(item)
    for out in extract_all(items, jobs=1, time_limit=None):
        if isinstance(out, Skipped):
            skipped.append(out)
        else:
            extracted.append(out)
    if not extracted and not skipped:
        return [{"articles": [], "skipped": [], "already": already, "shard": None}]
    manifest = write_shard(Path(folder), f"shard-{run}-{uuid.uuid4().hex[:8]}", extracted, skipped)
    return [{**manifest, "already": already}]


def extract_with_dask(
    paths: Iterable[Path | str],
    folder: Path | str,
    client: Any = None,
    files_per_task: int = 50,
    default_date: dt.date | None = None,
) -> ExtractReport:
    """Extract every article under ``paths`` into shards in ``folder`` with ``dask.bag``.

    Args:
        paths: files and folders of articles (folders are searched as ``kg ingest`` does).
        folder: the shard folder; articles already in its finished shards are skipped.
        client: a ``dask.distributed.Client``; None uses Dask's current scheduler
            (the last Client created, else local threads).
        files_per_task: input files per Dask task (and so per shard).
        default_date: the date of plain-text articles that do not state one.

    Returns:
        How many articles were extracted, already done and skipped, and the shards written.
    """
    import dask.bag as db

    from kg.readers import Skipped, _files
    from kg.shards import done_keys, new_run_id, remove_unfinished

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    remove_unfinished(folder)
    report = ExtractReport()
    files: list[str] = []
    for item in _files(Path(p) for p in paths):
        if isinstance(item, Skipped):
            report.skipped.append(item)
        else:
            files.append(str(item))
    if not files:
        return report
    done = frozenset(done_keys(folder))
    partitions = max(1, -(-len(files) // files_per_task))
    bag = db.from_sequence(files, npartitions=partitions).map_partitions(
        _extract_partition, str(folder), done, new_run_id(), default_date)
    manifests = client.compute(bag).result() if client is not None else bag.compute()
    for m in manifests:
        report.already += m["already"]
        report.extracted += len(m["articles"])
        report.skipped += [Skipped(s["origin"], s["reason"]) for s in m["skipped"]]
        report.shards += m["shard"] is not None
    return report
