"""The HTTP layer: a SPARQL 1.1 Protocol endpoint, named queries as REST routes, a browser page.

Routes:
    ``GET /``: the query page; ``GET /static/...``: its script and style.
    ``GET|POST /sparql``: SPARQL 1.1 Protocol queries (GET, POST url-encoded, POST
    ``application/sparql-query``) and, when enabled, updates; without a query
    the service description.
    ``GET /queries``: the named queries; ``GET /queries/NAME?param=value``: one run.
    ``GET /graph?actor=NAME&hops=1&from=&to=`` and ``GET /graph/queries/NAME?param=value``:
    the interactive graph page of :mod:`kg.export.html` for an actor's neighbourhood
    or a named query's result (the whole graph without parameters).
    ``GET /openapi.json``: the OpenAPI description.
"""

from __future__ import annotations

import asyncio

import contextlib
import hmac
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from kg.server import formats
from kg.server.description import openapi, service_description
from kg.server.pool import WorkerPool
from kg.server.sparqltext import uses_load, uses_service
from kg.server.worker import Job, Reply

_STATIC = Path(__file__).parent / "static"
_PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
}


@dataclass
class ServerConfig:
    """How ``kg serve`` behaves.

    Attributes:
        location: the embedded store's folder.
        timeout: seconds a query may run (and wait for a worker) before a 503.
        max_rows: the most rows (or triples) one result may have; more is a 422.
        workers: query worker processes (queries running at once).
        allow_update: accept SPARQL updates carrying ``token``.
        token: the bearer token updates must carry.
        allow_service: let queries use ``SERVICE`` (federated queries to other endpoints).
        cors: origins allowed to call the endpoint from a browser (``*`` for any).
        max_body: the largest request body accepted, in bytes; more is a 413.
        worker_memory: bytes of address space each worker may use (0: no limit).
    """

    location: Path
    timeout: float = 30.0
    max_rows: int = 10_000
    workers: int = 2
    allow_update: bool = False
    token: str | None = None
    allow_service: bool = False
    cors: tuple[str, ...] = ()
    max_body: int = 1 << 20
    worker_memory: int = 0


class _Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _text(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return Response(message.rstrip() + "\n", status, headers=headers, media_type="text/plain; charset=utf-8")


def _reply(reply: Reply) -> Response:
    return Response(reply.body, reply.status, headers=reply.headers or None, media_type=reply.media_type)


async def _read_body(request: Request, limit: int, timeout: float) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _Refused(413, f"the request body is larger than this endpoint's limit of {limit} bytes (kg serve --max-body)")

    async def read() -> bytes:
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise _Refused(413, f"the request body is larger than this endpoint's limit of {limit} bytes (kg serve --max-body)")
            chunks.append(chunk)
        return b"".join(chunks)

    # A body that never finishes would hold its connection (and a file descriptor) for ever.
    try:
        return await asyncio.wait_for(read(), timeout)
    except asyncio.TimeoutError:
        raise _Refused(408, f"the request body did not arrive within {timeout:g} s (kg serve --timeout)") from None


def create_app(config: ServerConfig) -> Starlette:
    """The ASGI application serving the store at ``config.location``."""
    from kg import __version__, queries

    readers = WorkerPool(str(config.location), max(config.workers, 1), memory_limit=config.worker_memory)
    writer = WorkerPool(str(config.location), 1, writable=True, memory_limit=config.worker_memory) if config.allow_update else None

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # The writer first: when another process holds the lock, the server stops before spawning readers.
        if writer is not None:
            await writer.start()
        await readers.start()
        try:
            yield
        finally:
            readers.close()
            if writer is not None:
                writer.close()

    def job(kind: str, text: str, request: Request, request_params: dict[str, list[str]], **extra: Any) -> Job:
        return Job(
            kind=kind,
            text=text,
            accept=request.headers.get("accept", ""),
            formats=tuple(request_params.get("format", [])),
            max_rows=config.max_rows,
            deadline=time.time() + config.timeout,
            **extra,
        )

    async def sparql(request: Request) -> Response:
        try:
            params: dict[str, list[str]] = {}
            for key, value in request.query_params.multi_items():
                params.setdefault(key, []).append(value)
            if request.method == "POST":
                body = await _read_body(request, config.max_body, config.timeout)
                kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
                if kind == "application/x-www-form-urlencoded":
                    try:
                        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
                    except UnicodeDecodeError:
                        raise _Refused(400, "the form is not UTF-8") from None
                    for key, value in pairs:
                        params.setdefault(key, []).append(value)
                elif kind == "application/sparql-query":
                    params["query"] = [body.decode("utf-8", errors="replace")]
                elif kind == "application/sparql-update":
                    params["update"] = [body.decode("utf-8", errors="replace")]
                else:
                    raise _Refused(
                        415,
                        "POST a query as application/x-www-form-urlencoded (query=...), application/sparql-query "
                        f"or application/sparql-update, not {kind or 'a body without Content-Type'}",
                    )
            query, update = params.get("query", []), params.get("update", [])
            if len(query) > 1 or len(update) > 1 or (query and update):
                raise _Refused(400, "give exactly one query= or update=")
            if update:
                return await _update(request, update[0], params)
            if not query:
                if request.method == "POST":
                    raise _Refused(400, "the POST has no query= or update=")
                return _description(request, params)
            if not config.allow_service and uses_service(query[0]):
                raise _Refused(403, "SERVICE (federated query) is disabled on this endpoint (kg serve --allow-service)")
            reply = await readers.submit(
                job("query", query[0], request, params,
                    default_graphs=tuple(params.get("default-graph-uri", [])),
                    named_graphs=tuple(params.get("named-graph-uri", []))),
                config.timeout,
            )
            return _reply(reply)
        except _Refused as exc:
            return _text(exc.status, str(exc))

    async def _update(request: Request, text: str, params: dict[str, list[str]]) -> Response:
        if writer is None:
            raise _Refused(403, "this endpoint is read-only: updates are refused (start kg serve with --allow-update --token T)")
        given = request.headers.get("authorization", "")
        scheme, _, token = given.partition(" ")
        if scheme.lower() != "bearer" or not config.token or not hmac.compare_digest(token.strip().encode(), config.token.encode()):
            raise _Refused(403, "updates need the header Authorization: Bearer <the token kg serve was started with>")
        if request.method != "POST":
            raise _Refused(405, "send updates with POST")
        if params.get("using-graph-uri") or params.get("using-named-graph-uri"):
            raise _Refused(400, "using-graph-uri and using-named-graph-uri are not supported; use USING in the update")
        if not config.allow_service and uses_service(text):
            raise _Refused(403, "SERVICE (federated query) is disabled on this endpoint (kg serve --allow-service)")
        if not config.allow_service and uses_load(text):
            raise _Refused(403, "LOAD fetches a URL from the server and is disabled on this endpoint (kg serve --allow-service)")
        return _reply(await writer.submit(job("update", text, request, params), config.timeout))

    def _description(request: Request, params: dict[str, list[str]]) -> Response:
        try:
            fmt = formats.negotiate(request.headers.get("accept", ""), formats.GRAPH_FORMATS, params.get("format", []))
        except formats.NotAcceptable as exc:
            raise _Refused(406, str(exc)) from None
        endpoint = str(request.url.replace(query=""))
        body = formats.serialize_triples(service_description(endpoint, config.allow_update), fmt,
                                         {"sd": "http://www.w3.org/ns/sparql-service-description#"})
        return Response(body, 200, media_type=formats.content_type(fmt))

    async def named_list(request: Request) -> Response:
        listing = [
            {
                "name": q.name,
                "description": q.description,
                "params": [{"name": p.name, "kind": p.kind, "description": p.description, "required": p.required} for p in q.params],
                "outputs": q.outputs,
                "path": f"/queries/{q.name}",
                "sparql": q.text,
            }
            for q in queries.catalog().values()
        ]
        return JSONResponse(listing)

    async def named(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in queries.catalog():
            try:
                queries.get(name)
            except Exception as exc:  # noqa: BLE001 - KgError with the known names
                return _text(404, str(exc))
        try:
            params, raw = _named_params(request)
        except _Refused as exc:
            return _text(exc.status, str(exc))
        return _reply(await readers.submit(job("named", name, request, raw, params=params), config.timeout))

    def _named_params(request: Request) -> tuple[dict[str, str], dict[str, list[str]]]:
        params: dict[str, str] = {}
        raw: dict[str, list[str]] = {}
        for key, value in request.query_params.multi_items():
            raw.setdefault(key, []).append(value)
            if key != "format":
                if key in params:
                    raise _Refused(400, f"parameter {key!r} given more than once")
                params[key] = value
        return params, raw

    async def graph_of_query(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in queries.catalog():
            return _text(404, f"no named query {name!r}; see /queries")
        try:
            params, raw = _named_params(request)
        except _Refused as exc:
            return _text(exc.status, str(exc))
        return _reply(await readers.submit(job("graph", name, request, raw, params=params), config.timeout))

    async def graph_of_actor(request: Request) -> Response:
        wanted = {"actor", "hops", "from", "to"}
        given = dict(request.query_params)
        unknown = set(given) - wanted
        if unknown:
            return _text(400, f"unknown parameter(s) {', '.join(sorted(unknown))}; /graph takes actor, hops, from, to")
        return _reply(await readers.submit(job("graph", "", request, {}, selection=given), config.timeout))

    async def openapi_json(request: Request) -> Response:
        return Response(json.dumps(openapi(queries.catalog(), __version__), indent=1), media_type="application/json")

    async def page(request: Request) -> Response:
        return FileResponse(_STATIC / "index.html", headers=_PAGE_HEADERS)

    async def limits(request: Request) -> Response:
        import importlib.util

        graph_view = importlib.util.find_spec("kg.graph") is not None
        return JSONResponse({"timeout": config.timeout, "maxRows": config.max_rows, "update": config.allow_update,
                             "graphView": graph_view})

    middleware = []
    if config.cors:
        middleware.append(Middleware(
            CORSMiddleware,
            allow_origins=list(config.cors),
            allow_methods=["GET", "POST"],
            allow_headers=["Accept", "Authorization", "Content-Type"],
            max_age=600,
        ))
    routes = [
        Route("/", page),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/queries", named_list),
        Route("/queries/{name}", named),
        Route("/graph", graph_of_actor),
        Route("/graph/queries/{name}", graph_of_query),
        Route("/openapi.json", openapi_json),
        Route("/config.json", limits),
        Mount("/static", StaticFiles(directory=_STATIC), name="static"),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.readers = readers
    return app
