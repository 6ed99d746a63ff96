"""Find the files kg ships: the ontology, the named queries and the data.

In an installed wheel they live under ``kg/_res/`` (mapped in at build time by
``pyproject.toml``); in a source checkout they are the top-level ``ontology/``,
``queries/`` and ``data/`` folders.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

from kg.errors import KgError

_PACKAGED = Path(str(files("kg"))) / "_res"
_CHECKOUT = Path(__file__).resolve().parent.parent


@cache
def root() -> Path:
    """The folder holding ``ontology/``, ``queries/`` and ``data/``."""
    for candidate in (_PACKAGED, _CHECKOUT):
        if (candidate / "ontology").is_dir() and (candidate / "queries").is_dir():
            return candidate
    raise KgError(f"kg's data files are missing: looked in {_PACKAGED} and {_CHECKOUT}")


def path(*parts: str) -> Path:
    """Path of a shipped file, e.g. ``path("ontology", "kg.ttl")``."""
    found = root().joinpath(*parts)
    if not found.exists():
        raise KgError(f"kg's data file {'/'.join(parts)} is missing from {root()}")
    return found
