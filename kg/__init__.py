"""kg: turn news about international relations into an RDF knowledge graph you can query."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kg")
except PackageNotFoundError:  # pragma: no cover - a source checkout that is not installed
    __version__ = "0.0.0"

__all__ = ["__version__"]
