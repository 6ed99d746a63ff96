"""``kg serve``: a SPARQL 1.1 endpoint and a query page over the embedded store."""

from __future__ import annotations

import os
from pathlib import Path

import click

from kg.errors import KgError


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="TCP port.")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0.01),
              help="Seconds a query may take (including the wait for a free worker); then 503 and the worker is killed.")
@click.option("--max-rows", default=10_000, show_default=True, type=click.IntRange(min=1),
              help="Most rows (or triples) one result may have; a larger result is refused with 422.")
@click.option("--workers", default=None, type=click.IntRange(min=1),
              help="Query worker processes, i.e. queries running at once.  [default: number of CPUs]")
@click.option("--allow-update", is_flag=True, help="Accept SPARQL updates that carry the token (the store is then opened for writing).")
@click.option("--token", envvar="KG_SERVE_TOKEN", help="Bearer token updates must carry; prefer setting KG_SERVE_TOKEN (a token on the command line shows in ps).")
@click.option("--allow-service", is_flag=True, help="Let queries use SERVICE, and updates use LOAD, to fetch from other servers (off: 403).")
@click.option("--cors", multiple=True, metavar="ORIGIN", help="Origin allowed to call the endpoint from a browser; repeatable; * for any.  [default: none]")
@click.option("--max-body", default=1 << 20, show_default=True, type=click.IntRange(min=1),
              help="Largest request body accepted, in bytes; a larger one gets 413.")
@click.option("--worker-memory", default=0, show_default=True, type=click.IntRange(min=0), metavar="MB",
              help="Address space each worker process may use, in MiB (0: no limit); a query needing more "
                   "gets 500 and its worker is replaced.")
@click.option("--quiet", "-q", is_flag=True, help="No access log.")
@click.pass_context
def command(
    ctx: click.Context,
    host: str,
    port: int,
    timeout: float,
    max_rows: int,
    workers: int | None,
    allow_update: bool,
    token: str | None,
    allow_service: bool,
    cors: tuple[str, ...],
    max_body: int,
    worker_memory: int,
    quiet: bool,
) -> None:
    """Serve the store as a SPARQL 1.1 endpoint, with a query page at /.

    Routes: /sparql (SPARQL 1.1 Protocol: GET, POST form, POST
    application/sparql-query; the service description without a query),
    /queries and /queries/NAME?param=value (named queries), /openapi.json,
    /graph?actor=NAME and /graph/queries/NAME (interactive graph pages).
    Read-only unless --allow-update and --token are both given.  Each query
    runs in a worker process that is killed when it passes --timeout.
    """
    import uvicorn

    from kg.server import ServerConfig, create_app

    if allow_update and not token:
        raise click.UsageError("--allow-update needs --token T (or KG_SERVE_TOKEN): updates must carry it")
    if token and not allow_update:
        raise click.UsageError("--token is only used with --allow-update")
    spec = str(ctx.obj)
    if "://" in spec:
        raise KgError(f"kg serve serves an embedded store folder, not {spec}: that endpoint can be queried directly", exit_code=2)
    location = Path(spec)
    if not (location / "CURRENT").exists():
        raise KgError(f"no store at {location}: build one with `kg --store {location} ingest PATH`")
    if allow_update:  # fail here, with kg's message, if another process holds the writer's lock
        import gc

        from kg.store import Store

        probe = Store(location)
        del probe
        gc.collect()
    config = ServerConfig(
        location=location,
        timeout=timeout,
        max_rows=max_rows,
        workers=workers or os.cpu_count() or 1,
        allow_update=allow_update,
        token=token,
        allow_service=allow_service,
        cors=cors,
        max_body=max_body,
        worker_memory=worker_memory << 20,
    )
    mode = "updates allowed with the token" if allow_update else "read-only"
    click.echo(f"kg serve: store {location} ({mode}), {config.workers} worker(s), time-out {timeout:g} s, "
               f"at most {max_rows} rows; http://{host}:{port}/ (SPARQL endpoint /sparql)", err=True)
    uvicorn.run(create_app(config), host=host, port=port, log_level="warning" if quiet else "info", access_log=not quiet)
