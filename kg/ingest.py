"""Ingest in two stages: extract each article to N-Quads, then load them into a store.

Extraction (:func:`extract_article`) is a pure function from an article to the
N-Quads of its named graph, so it can run anywhere: in this process, in worker
processes (:func:`extract_all` with ``jobs > 1``), on a Dask cluster
(:mod:`kg.distributed`) or ahead of time into shards (``kg extract``).  Loading
(:class:`Loader`) writes each article's graph atomically: new graphs are
appended many articles per transaction, a graph already in the store is
replaced in a transaction of its own.  A batch is one transaction, so a crash
leaves whole articles, never part of one.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any, Self

from kg.readers import Article, Skipped, read

Extractor = Callable[[Article], tuple[str, bytes]]
"""The extraction stage: an article to ``(graph IRI, N-Quads of that graph)``."""

DEFAULT_TIME_LIMIT = 60.0
"""Seconds one article's extraction may take before it is cut off and skipped."""

BATCH_ARTICLES = 200
"""New articles written per transaction by the loader."""

FLUSH_ARTICLES = 1000
"""Articles written between two flushes of the store's write buffers to disk.

Oxigraph (RocksDB) otherwise keeps up to about 1.5 GB of recent writes in
memory; flushing every 1,000 articles (about 330 MB) bounds the loader's memory
at no measurable cost in speed.
"""

_PREFETCH = 4  # articles queued per worker process beyond the one it is working on
_WARM_UP = Article(text="ASEAN and Russia held talks in Hanoi on March 3, 2021.", date=dt.date(2021, 3, 5), origin="warm-up")


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


def extract_article(article: Article) -> tuple[str, bytes]:
    """The extraction stage: an article's named graph as N-Quads.

    Pure: it reads nothing but the article and kg's shipped vocabularies, and
    writes nothing.

    Args:
        article: the article as read.

    Returns:
        The IRI of the article's named graph and the N-Quads (UTF-8) of every
        quad in it, followed by its statements about shared entities in the
        entities graph (:mod:`kg.entities`).
    """
    import pyoxigraph as ox

    from kg.build import build, graph_iri
    from kg.entities import with_entities
    from kg.extract import extract

    quads = with_entities(build(article, extract(article)))
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert data is not None  # serialize returns the bytes when given no output
    return graph_iri(article).value, data


# -- extraction: in process or in worker processes ------------------------------------------

Extracted = tuple[Article, str, bytes]
"""An article, its graph IRI and its N-Quads."""


def extract_all(
    items: Iterable[Article | Skipped],
    jobs: int = 1,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    extractor: Extractor | None = None,
) -> Iterator[Extracted | Skipped]:
    """Run the extraction stage over articles, in input order.

    Args:
        items: articles (and skipped inputs, passed through) as :func:`kg.readers.read` yields them.
        jobs: worker processes; 1 extracts in this process.
        time_limit: seconds an article may take; a slower one is cut off and
            yielded as :class:`Skipped`.  None for no limit.
        extractor: the extraction stage (default :func:`extract_article`); with
            worker processes it must be a module-level function.

    Yields:
        ``(article, graph IRI, N-Quads)`` per article extracted, :class:`Skipped` per input
        that could not be read or extracted.
    """
    extractor = extractor or extract_article
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    in_main_thread = threading.current_thread() is threading.main_thread()
    if jobs == 1 and (time_limit is None or (in_main_thread and hasattr(signal, "setitimer"))):
        yield from _extract_here(items, time_limit, extractor)
    else:
        yield from _Workers(jobs, time_limit, extractor).run(items)


class _TimeUp(BaseException):
    """Raised by the alarm inside an extraction that ran out of time (not an Exception, so
    the extractor cannot swallow it)."""


def _alarm(signum: int, frame: Any) -> None:
    raise _TimeUp()


def _too_slow(origin: str, time_limit: float) -> Skipped:
    return Skipped(origin, f"extraction took longer than {time_limit:g} s")


def _extract_here(
    items: Iterable[Article | Skipped], time_limit: float | None, extractor: Extractor
) -> Iterator[Extracted | Skipped]:
    warm = time_limit is None
    for item in items:
        if not warm and not isinstance(item, Skipped):
            # Load spaCy and the vocabularies outside the alarm: the first article's time limit
            # is for that article, and an alarm must not interrupt an import half-way.
            _extract_one(_WARM_UP, extractor)
            warm = True
        if isinstance(item, Skipped):
            yield item
            continue
        if time_limit is None:
            yield _extract_one(item, extractor)
            continue
        previous = signal.signal(signal.SIGALRM, _alarm)
        try:
            signal.setitimer(signal.ITIMER_REAL, time_limit)
            try:
                result = _extract_one(item, extractor)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        except _TimeUp:
            result = _too_slow(item.origin, time_limit)
        finally:
            signal.signal(signal.SIGALRM, previous)
        yield result


def _extract_one(article: Article, extractor: Extractor) -> Extracted | Skipped:
    try:
        graph, data = extractor(article)
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
        return Skipped(article.origin, f"extraction failed: {exc!r}")
    return article, graph, data


def _context() -> Any:
    methods = mp.get_all_start_methods()
    return mp.get_context("forkserver" if "forkserver" in methods else "spawn")


def _worker_main(tasks: Any, results: Any, extractor: Extractor) -> None:
    """A worker process: warm up (spaCy, vocabularies) once, then extract what it is sent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    try:
        _extract_one(_WARM_UP, extract_article)
        results.send(("ready",))
        while (task := tasks.get()) is not None:
            seq, article = task
            out = _extract_one(article, extractor)
            if isinstance(out, Skipped):
                results.send(("skipped", seq, out.reason))
            else:
                results.send(("done", seq, out[1], out[2]))
    except (EOFError, BrokenPipeError, KeyboardInterrupt):
        return


class _Worker:
    """One extraction process with its task queue, its result pipe and what it holds."""

    def __init__(self, ctx: Any, extractor: Extractor) -> None:
        self.tasks = ctx.Queue()
        receive, send = ctx.Pipe(duplex=False)
        self.results = receive
        self.process = ctx.Process(target=_worker_main, args=(self.tasks, send, extractor), daemon=True)
        self.process.start()
        send.close()
        self.ready = False
        self.gone = False
        self.inflight: deque[tuple[int, Article]] = deque()
        self.started = 0.0  # when the article at the head of ``inflight`` began

    def submit(self, seq: int, article: Article) -> None:
        if not self.inflight:
            self.started = time.monotonic()
        self.inflight.append((seq, article))
        self.tasks.put((seq, article))

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.tasks.put(None)
            except (OSError, ValueError):
                pass
            self.process.join(timeout=5)
            if self.process.is_alive():
                self.process.kill()
        self.process.join(timeout=5)
        self.tasks.close()
        self.tasks.cancel_join_thread()
        self.results.close()


class _Workers:
    """Extraction in worker processes, with a time limit per article.

    Each worker loads spaCy and the vocabularies once.  An article that takes
    longer than the limit gets its worker killed and replaced; the article is
    skipped, the ones queued behind it go to the new worker.
    """

    def __init__(self, jobs: int, time_limit: float | None, extractor: Extractor) -> None:
        self.jobs = jobs
        self.time_limit = time_limit
        self.extractor = extractor
        self.ctx = _context()
        self.failed_starts = 0

    def run(self, items: Iterable[Article | Skipped]) -> Iterator[Extracted | Skipped]:
        workers = [_Worker(self.ctx, self.extractor) for _ in range(self.jobs)]
        done: dict[int, Extracted | Skipped] = {}
        articles: dict[int, Article] = {}
        source = iter(items)
        exhausted = False
        next_seq = 0  # next sequence number to hand out
        next_out = 0  # next sequence number to yield
        try:
            while True:
                while not exhausted and sum(len(w.inflight) for w in workers) < self.jobs * (_PREFETCH + 1):
                    item = next(source, None)
                    if item is None:
                        exhausted = True
                        break
                    seq, next_seq = next_seq, next_seq + 1
                    if isinstance(item, Skipped):
                        done[seq] = item
                        continue
                    articles[seq] = item
                    min(workers, key=lambda w: len(w.inflight)).submit(seq, item)
                while next_out in done:
                    yield done.pop(next_out)
                    next_out += 1
                if exhausted and next_out == next_seq:
                    return
                self._wait(workers, done, articles)
        finally:
            for w in workers:
                w.stop(kill=True)

    def _wait(self, workers: list[_Worker], done: dict[int, Extracted | Skipped], articles: dict[int, Article]) -> None:
        now = time.monotonic()
        timeout = None
        if self.time_limit is not None:
            deadlines = [w.started + self.time_limit - now for w in workers if w.ready and w.inflight]
            timeout = max(0.0, min(deadlines)) if deadlines else None
        watched: dict[Any, _Worker] = {}
        for w in workers:
            watched[w.results] = w
            watched[w.process.sentinel] = w
        for ready in wait(list(watched), timeout):
            w = watched[ready]
            if ready is w.process.sentinel:
                continue  # handled below, after reading what it sent
            try:
                message = w.results.recv()
            except (EOFError, OSError):
                w.gone = True  # the process exited: nothing more will come
                continue
            if message[0] == "ready":
                w.ready = True
                w.started = time.monotonic()
                continue
            seq = message[1]
            w.inflight.popleft()
            w.started = time.monotonic()
            article = articles.pop(seq)
            done[seq] = (article, message[2], message[3]) if message[0] == "done" else Skipped(article.origin, message[2])
        now = time.monotonic()
        for i, w in enumerate(workers):
            overdue = (
                self.time_limit is not None and w.ready and w.inflight and now - w.started > self.time_limit
            )
            dead = w.gone
            if not (overdue or dead):
                continue
            if dead and not w.ready:
                self.failed_starts += 1
                if self.failed_starts > 3:
                    from kg.errors import KgError

                    raise KgError(
                        f"extraction worker processes fail to start (exit code {w.process.exitcode}); "
                        "try --jobs 1"
                    )
            w.stop(kill=True)
            pending = list(w.inflight)
            if pending and (overdue or w.ready):
                seq, article = pending.pop(0)
                articles.pop(seq)
                if overdue:
                    done[seq] = _too_slow(article.origin, self.time_limit or 0)
                else:
                    done[seq] = Skipped(article.origin, f"the extraction worker died (exit code {w.process.exitcode})")
            workers[i] = _Worker(self.ctx, self.extractor)
            for seq, article in pending:
                workers[i].submit(seq, article)


# -- loading ------------------------------------------------------------------------------------


_MAX_REMEMBERED = 1_000_000
"""Entities-graph lines a loader remembers at most (about 200 MB); past that it starts afresh."""


class Loader:
    """Writes extracted graphs into a store, whole articles at a time.

    New graphs are buffered and written ``batch`` articles per transaction;
    a graph the store already holds is replaced in its own transaction.  Call
    :meth:`flush` (or use it as a context manager) to write the last batch.

    Each article brings its share of the entities graph (:mod:`kg.entities`),
    mostly statements earlier articles made already ("Japan is a country").
    Writing a quad the store holds still costs a read in a transaction, so the
    loader remembers the entities-graph lines it wrote in this run and leaves
    out repeats from new articles (forgetting them all whenever a replaced
    article may have taken statements out, or when too many are remembered).

    Args:
        store: an embedded :class:`kg.store.Store` or any store with the same
            ``has_graph``/``add_graph``/``replace_article`` methods.
        batch: new articles per transaction.
    """

    def __init__(self, store: Any, batch: int = BATCH_ARTICLES) -> None:
        self.store = store
        self.batch = batch
        self._pending: list[bytes] = []
        self._pending_graphs: set[str] = set()
        self._unflushed = 0
        self._written_entities: set[bytes] = set()
        from kg.entities import LINE_END

        self._entities_line_end = LINE_END

    def put(self, graph: str, nquads: bytes) -> bool:
        """Write (or queue) one article's graph; True when it replaced a graph already stored."""
        import pyoxigraph as ox

        if graph in self._pending_graphs:
            self.flush()
        node = ox.NamedNode(graph)
        if self.store.has_graph(node):
            self.flush()
            self.store.replace_article(node, ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
            self._written_entities.clear()  # the replacement may have removed some of them
            self._written(1)
            return True
        self._pending.append(self._new_entities(nquads))
        self._pending_graphs.add(graph)
        if len(self._pending) >= self.batch:
            self.flush()
        return False

    def _new_entities(self, nquads: bytes) -> bytes:
        """An article's N-Quads without the entities-graph lines this loader has written already.

        Extraction writes them after the article's own quads, one per line.
        """
        at = nquads.find(self._entities_line_end)
        if at < 0:
            return nquads
        start = nquads.rfind(b"\n", 0, at) + 1
        written = self._written_entities
        if len(written) > _MAX_REMEMBERED:
            written.clear()
        kept = [nquads[:start]]
        for line in nquads[start:].splitlines(keepends=True):
            if line not in written:
                written.add(line)
                kept.append(line)
        return b"".join(kept)

    def flush(self) -> None:
        """Write the buffered new graphs in one transaction."""
        if not self._pending:
            return
        import pyoxigraph as ox

        from kg.store import Store

        data = b"".join(self._pending)
        if isinstance(self.store, Store):
            self.store.oxigraph.load(data, format=ox.RdfFormat.N_QUADS)
        else:
            self.store.add_graph(list(ox.parse(data, format=ox.RdfFormat.N_QUADS)))
        written = len(self._pending)
        self._pending.clear()
        self._pending_graphs.clear()
        self._written(written)

    def _written(self, articles: int) -> None:
        self._unflushed += articles
        if self._unflushed >= FLUSH_ARTICLES:
            self.store.flush()
            self._unflushed = 0

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.flush()


def ingest(
    store: Any,
    paths: Iterable[Path],
    default_date: dt.date | None = None,
    on_item: Callable[[Article | Skipped], None] | None = None,
    jobs: int = 1,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    extractor: Extractor | None = None,
) -> IngestReport:
    """Read, extract and store every article under ``paths``.

    Each article's graph is written whole (new articles many per transaction,
    replaced ones one per transaction), so a crash leaves either its old graph
    or its new one.  Bad inputs, failed and too slow extractions are reported
    in the result and skipped; the rest of the batch is ingested.

    Args:
        store: the store to write to.
        paths: files and folders to read.
        default_date: the date of plain-text articles that do not state one.
        on_item: called after each article or skipped input (for progress bars).
        jobs: extraction worker processes (1: extract in this process).
        time_limit: seconds one article's extraction may take (None: no limit).
        extractor: the extraction stage (default :func:`extract_article`).
    """
    store.ensure_ontology()
    report = IngestReport()
    with Loader(store) as loader:
        for out in extract_all(read(paths, default_date), jobs, time_limit, extractor):
            if isinstance(out, Skipped):
                report.skipped.append(out)
                item: Article | Skipped = out
            else:
                item, graph, data = out
                if loader.put(graph, data):
                    report.replaced += 1
                else:
                    report.added += 1
            if on_item:
                on_item(item)
    store.flush()
    return report


def count_inputs(paths: Iterable[Path]) -> int:
    """A quick estimate of how many articles ``paths`` hold (for progress bars).

    Counts one per text file and one per non-empty line of a JSON Lines file,
    without parsing anything.
    """
    from kg.readers import _files

    total = 0
    for item in _files(paths):
        if isinstance(item, Skipped):
            total += 1
        elif item.suffix.lower() in {".jsonl", ".ndjson"}:
            try:
                with item.open("rb") as f:
                    total += sum(1 for line in f if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total
