"""``kg serve``: a SPARQL 1.1 endpoint over the embedded store (Starlette under uvicorn).

:func:`create_app` builds the ASGI application from a :class:`ServerConfig`;
:mod:`kg.server.pool` runs each query in a worker process with a hard time-out.
"""

from __future__ import annotations

from kg.server.app import ServerConfig, create_app

__all__ = ["ServerConfig", "create_app"]
