"""Ingest: read articles, extract facts, and write one named graph per article."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.build import build, graph_iri
from kg.readers import Article, Skipped, read
from kg.store import Store


@dataclass
class IngestReport:
    """What an ingest did.

    Attributes:
        added: articles new to the store.
        replaced: articles already in the store, whose graph was replaced.
        skipped: inputs that could not be ingested, with the reason.
    """

    added: int = 0
    replaced: int = 0
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def articles(self) -> int:
        """Articles written (new or replaced)."""
        return self.added + self.replaced


def ingest(
    store: Store,
    paths: Iterable[Path],
    default_date: dt.date | None = None,
    on_item: Callable[[Article | Skipped], None] | None = None,
) -> IngestReport:
    """Read, extract and store every article under ``paths``.

    Each article is written in one transaction, so a crash leaves either its
    old graph or its new one.  Bad inputs are reported in the result and
    skipped; the rest of the batch is ingested.

    Args:
        store: the store to write to.
        paths: files and folders to read.
        default_date: the date of plain-text articles that do not state one.
        on_item: called after each article or skipped input (for progress bars).
    """
    from kg.extract import extract

    store.ensure_ontology()
    report = IngestReport()
    for item in read(paths, default_date):
        if isinstance(item, Article):
            try:
                quads = build(item, extract(item))
            except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
                item_or_skip: Article | Skipped = Skipped(item.origin, f"extraction failed: {exc!r}")
            else:
                graph = graph_iri(item)
                if store.has_graph(graph):
                    store.replace_graph(graph, quads)
                    report.replaced += 1
                else:
                    store.add_graph(quads)
                    report.added += 1
                item_or_skip = item
        else:
            item_or_skip = item
        if isinstance(item_or_skip, Skipped):
            report.skipped.append(item_or_skip)
        if on_item:
            on_item(item_or_skip)
    store.flush()
    return report
