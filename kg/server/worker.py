"""What runs inside a query worker process: open the store, run jobs, serialize results.

A worker owns one store handle.  Readers open the store read-only; a read-only
Oxigraph (RocksDB) store is a snapshot taken when it is opened, so a reader
looks at the store's write-ahead log and manifest files before each job (a few
``stat`` calls) and reopens the store when they changed: a query always sees
what was committed before it started, also while ``kg ingest`` writes to the
same folder.  The one writer (only with ``--allow-update``) opens the store
for writing and runs SPARQL updates.

The parent process kills a worker whose job outlives the time-out; the worker
itself also stops iterating results once its deadline has passed.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_CHECK_EVERY = 256  # rows between deadline checks while iterating


@dataclass(frozen=True)
class Job:
    """One request for a worker.

    Attributes:
        kind: ``query`` (SPARQL query), ``update`` (SPARQL update), ``named`` (named query)
            or ``graph`` (the interactive graph page of :mod:`kg.export.html`).
        text: the query or update text (``query``/``update``), or the named query's name.
        accept: the client's Accept header.
        formats: ``format=`` request parameters, overriding ``accept`` (see :func:`kg.server.formats.negotiate`).
        params: a named query's parameters.
        default_graphs: ``default-graph-uri`` (or ``using-graph-uri``) values.
        named_graphs: ``named-graph-uri`` (or ``using-named-graph-uri``) values.
        selection: for ``graph``: ``actor``, ``hops``, ``from``, ``to`` (see :class:`kg.export.Selection`).
        max_rows: the most rows (or triples) a result may have.
        deadline: ``time.time()`` after which the job gives up.
    """

    kind: str
    text: str
    accept: str = ""
    formats: tuple[str, ...] = ()
    params: dict[str, str] = field(default_factory=dict)
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    selection: dict[str, str] = field(default_factory=dict)
    max_rows: int = 10_000
    deadline: float = float("inf")


@dataclass(frozen=True)
class Reply:
    """A worker's answer: an HTTP status, a Content-Type and a body."""

    status: int
    media_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def error(status: int, message: str) -> Reply:
    """A plain-text error reply."""
    return Reply(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode())


class TooManyRows(Exception):
    """The result has more rows than the configured limit."""


class OutOfTime(Exception):
    """The job passed its deadline while iterating results."""


def _fingerprint(location: Path) -> tuple[Any, ...]:
    entries = []
    for entry in os.scandir(location):
        if entry.name.endswith(".log") or entry.name.startswith("MANIFEST") or entry.name == "CURRENT":
            st = entry.stat()
            entries.append((entry.name, st.st_size, st.st_mtime_ns))
    return tuple(sorted(entries))


class _Handle:
    """The worker's store, reopened (readers) when the files on disk changed."""

    def __init__(self, location: Path, writable: bool) -> None:
        self.location = location
        self.writable = writable
        self._store: Any = None
        self._seen: tuple[Any, ...] = ()
        self.get()

    def get(self, force: bool = False) -> Any:
        from kg.store import Store

        if self.writable:
            if self._store is None:
                self._store = Store(self.location)
            return self._store
        now = _fingerprint(self.location)
        if force or self._store is None or now != self._seen:
            self._store = Store(self.location, read_only=True)
            self._seen = now
        return self._store


def main(conn: Any, location: str, writable: bool, memory_limit: int = 0) -> None:
    """A worker process: open the store, say ``ready``, then answer jobs until told to stop.

    Args:
        conn: the pipe to the parent.
        location: the store folder.
        writable: open the store for writing (the update worker).
        memory_limit: bytes of address space the worker may use (0: no limit); a query
            that needs more fails and the worker is replaced.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops workers; Ctrl-C is for the server
    try:
        handle = _Handle(Path(location), writable)
        if memory_limit:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which refuses to start
        conn.send(("failed", str(exc)))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        try:
            reply = run(handle, job)
        except Exception as exc:  # noqa: BLE001 - the client gets a 500, the worker lives on
            reply = error(500, f"internal error: {type(exc).__name__}: {exc}")
        conn.send(reply)


def run(handle: _Handle, job: Job) -> Reply:
    """Answer one job."""
    from kg.errors import KgError
    from kg.server.formats import NotAcceptable

    try:
        if job.kind == "named":
            return _named(handle.get(), job)
        if job.kind == "graph":
            return _graph(handle.get(), job)
        if job.kind == "update":
            return _update(handle.get(), job)
        try:
            return _query(handle.get(), job)
        except (OSError, RuntimeError):
            # A file of the snapshot may have been compacted away by a writer in another
            # process (RocksDB then reports "Corruption: IO error"): reopen once and retry.
            return _query(handle.get(force=True), job)
    except TooManyRows:
        return error(
            422,
            f"the result has more than {job.max_rows} rows, this endpoint's limit (kg serve --max-rows); "
            "narrow the query or add a LIMIT",
        )
    except OutOfTime:
        return error(503, "the query took longer than this endpoint's time-out (kg serve --timeout)")
    except NotAcceptable as exc:
        return error(406, str(exc))
    except KgError as exc:
        return error(400, str(exc))
    except SyntaxError as exc:
        return error(400, f"SPARQL syntax error: {exc}")


def _collect(iterator: Any, job: Job) -> list[Any]:
    items = []
    for n, item in enumerate(iterator, 1):
        if n > job.max_rows:
            raise TooManyRows
        if n % _CHECK_EVERY == 0 and time.time() > job.deadline:
            raise OutOfTime
        items.append(item)
    return items


def _query(store: Any, job: Job) -> Reply:
    import pyoxigraph as ox

    from kg.server import formats
    from kg.store import PREFIXES

    options: dict[str, Any] = {"prefixes": PREFIXES}
    if job.default_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
    else:
        options["use_default_graph_as_union"] = True
    if job.named_graphs:
        options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    try:
        result = store.oxigraph.query(job.text, **options)
    except ValueError as exc:
        return error(400, f"bad dataset IRI: {exc}")
    if isinstance(result, ox.QueryBoolean):
        fmt = formats.negotiate(job.accept, formats.RESULT_FORMATS, job.formats)
        return Reply(200, formats.content_type(fmt), formats.serialize_boolean(bool(result), fmt))
    if isinstance(result, ox.QuerySolutions):
        fmt = formats.negotiate(job.accept, formats.RESULT_FORMATS, job.formats)
        variables = [v.value for v in result.variables]
        rows = _collect(([s[v] for v in variables] for s in result), job)
        return Reply(200, formats.content_type(fmt), formats.serialize_solutions(variables, rows, fmt))
    fmt = formats.negotiate(job.accept, formats.GRAPH_FORMATS, job.formats)
    triples = _collect(result, job)
    return Reply(200, formats.content_type(fmt), formats.serialize_triples(triples, fmt, PREFIXES))


def _update(store: Any, job: Job) -> Reply:
    from kg.store import PREFIXES

    try:
        store.oxigraph.update(job.text, prefixes=PREFIXES)
    except ValueError as exc:
        return error(400, str(exc))
    store.flush()
    return Reply(204, "text/plain", b"")


def _named(store: Any, job: Job) -> Reply:
    from kg import queries
    from kg.server import formats

    fmt = formats.negotiate(job.accept, formats.RESULT_FORMATS, job.formats)
    result = queries.run(store, job.text, **job.params)
    if len(result.rows) > job.max_rows:
        raise TooManyRows
    return Reply(200, formats.content_type(fmt), formats.serialize_solutions(result.variables, result.rows, fmt))


GRAPH_PAGE_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:"
"""The exported page is self-contained: it may run its inline script, and load nothing."""


def _graph(store: Any, job: Job) -> Reply:
    import importlib.util
    import io

    from kg.export import Selection, export

    if importlib.util.find_spec("kg.graph") is None:
        return error(501, "the graph view needs kg.graph (the graph projection), which this installation lacks")
    s = job.selection
    try:
        hops = int(s.get("hops") or 1)
    except ValueError:
        return error(400, f"hops must be a whole number, not {s.get('hops')!r}")
    selection = Selection(query=job.text or None, params=dict(job.params), actor=s.get("actor") or None, hops=hops,
                          date_from=s.get("from") or None, date_to=s.get("to") or None)
    out = io.BytesIO()
    export(store, "html", out, selection, max_nodes=min(job.max_rows, 5000))
    return Reply(200, "text/html; charset=utf-8", out.getvalue(),
                 {"Content-Security-Policy": GRAPH_PAGE_CSP, "X-Content-Type-Options": "nosniff"})
