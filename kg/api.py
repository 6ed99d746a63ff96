"""A Python API for notebooks and scripts: the same functions the command line uses.

>>> from kg.api import KG
>>> g = KG.open()                      # an in-memory store; KG.open("kg-store") opens a folder
>>> g.query("actors")
[]
>>> g.query("actors").variables
['actor', 'label', 'type', 'sameAs']

Rows are named tuples of Python values: ``str`` for IRIs and text, ``int``,
``Decimal``, ``bool``, ``datetime.date``, and the ISO string itself for a date
known only to the month or year (``"2021-10"``, ``"2022"``: never padded to a
made-up day).  ``rows.to_dataframe()`` gives a pandas DataFrame when pandas is
installed.
"""

from __future__ import annotations

import datetime as dt
from collections import namedtuple
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from kg.errors import KgError

__all__ = ["KG", "Rows", "to_python"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {f"{_XSD}{t}" for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                      "positiveInteger", "nonPositiveInteger", "negativeInteger",
                                      "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}


def to_python(term: Any) -> Any:
    """An RDF term as a Python value.

    IRIs and blank nodes give their string; xsd:integer (and its subtypes) an
    ``int``; xsd:decimal a ``Decimal``; xsd:double/float a ``float``;
    xsd:boolean a ``bool``; xsd:date a ``datetime.date``; xsd:dateTime a
    ``datetime.datetime``; anything else (including xsd:gYear and
    xsd:gYearMonth, kept at their precision) its lexical string.  None stays None.

    >>> import pyoxigraph as ox
    >>> to_python(ox.Literal("8130000.0", datatype=ox.NamedNode(_XSD + "decimal")))
    Decimal('8130000.0')
    >>> to_python(ox.Literal("2021-10", datatype=ox.NamedNode(_XSD + "gYearMonth")))
    '2021-10'
    """
    if term is None:
        return None
    value = term.value
    datatype = getattr(getattr(term, "datatype", None), "value", None)
    if datatype is None:
        return value
    try:
        if datatype in _INTEGERS:
            return int(value)
        if datatype == _XSD + "decimal":
            return Decimal(value)
        if datatype in (_XSD + "double", _XSD + "float"):
            return float(value)
        if datatype == _XSD + "boolean":
            return value in ("true", "1")
        if datatype == _XSD + "date":
            return dt.date.fromisoformat(value)
        if datatype == _XSD + "dateTime":
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (ValueError, InvalidOperation):
        return value
    return value


@cache
def _row_type(variables: tuple[str, ...]) -> type:
    return namedtuple("Row", variables, rename=True)  # type: ignore[misc]


class Rows(list):
    """Rows of a SELECT as named tuples of Python values (see :func:`to_python`).

    Attributes:
        variables: the column names, in order.
    """

    def __init__(self, variables: list[str], rows: Iterable[Iterable[Any]]) -> None:
        row = _row_type(tuple(variables))
        super().__init__(row(*(to_python(t) for t in r)) for r in rows)
        self.variables = list(variables)

    def to_dataframe(self) -> Any:
        """The rows as a pandas DataFrame, one column per variable.

        Raises:
            KgError: when pandas is not installed.
        """
        try:
            import pandas as pd
        except ImportError:
            raise KgError("Rows.to_dataframe() needs pandas: pip install 'pandas>=2'") from None
        return pd.DataFrame([tuple(r) for r in self], columns=self.variables)


class KG:
    """A knowledge graph store, for use from Python.

    Args:
        store: a :class:`kg.store.Store` or :class:`kg.remote.RemoteStore`.
    """

    def __init__(self, store: Any) -> None:
        self.store = store

    @classmethod
    def open(cls, path: str | Path | None = None, read_only: bool = False) -> KG:
        """Open (or create) the store at ``path``: a folder, or ``sparql+http://...``.

        Args:
            path: the store; None for a new in-memory store.
            read_only: open without writing (no lock on an embedded store).
        """
        from kg.store import Store, open_store

        return cls(Store(None) if path is None else open_store(path, read_only=read_only))

    def ingest(self, paths: str | Path | Iterable[str | Path], default_date: dt.date | None = None,
               jobs: int = 1) -> Any:
        """Read articles from files and folders into the store (see :func:`kg.ingest.ingest`).

        Returns:
            The :class:`kg.ingest.IngestReport`.
        """
        from kg.ingest import ingest

        if isinstance(paths, (str, Path)):
            paths = [paths]
        report = ingest(self.store, [Path(p) for p in paths], default_date, jobs=jobs)
        self.store.flush()
        return report

    def query(self, name: str, **params: Any) -> Rows:
        """Run the named query ``name`` (see ``kg query --list``).

        Parameters are keywords; ``from`` is written ``from_``; dates may be
        ``datetime.date`` objects.  Actor and entity parameters take a label,
        alias, acronym or IRI.

        Raises:
            kg.errors.UnknownNameError: for an unknown actor name (naming the closest).
        """
        from kg import queries

        given = {}
        for key, value in params.items():
            if value is None:
                continue
            given[key.rstrip("_")] = value.isoformat() if isinstance(value, dt.date) else str(value)
        result = queries.run(self.store, name, **given)
        return Rows(result.variables, result.rows)

    def sparql(self, text: str) -> Rows | bool | list[Any]:
        """Run a SELECT (:class:`Rows`), ASK (bool) or CONSTRUCT/DESCRIBE (list of pyoxigraph triples)."""
        from kg import queries

        result = queries.ad_hoc(self.store, text)
        if isinstance(result, queries.Result):
            return Rows(result.variables, result.rows)
        return result

    def update(self, text: str) -> None:
        """Run a SPARQL Update (the store must be writable)."""
        from kg import queries

        queries.update(self.store, text)

    def graph(self, kinds: Iterable[str] | None = None, date_from: str | dt.date | None = None,
              date_to: str | dt.date | None = None) -> Any:
        """The NetworkX projection (see :func:`kg.graph.project`)."""
        from kg.graph import project

        iso = lambda d: d.isoformat() if isinstance(d, dt.date) else d  # noqa: E731
        return project(self.store, kinds=kinds, date_from=iso(date_from), date_to=iso(date_to))

    def resolve(self, name: str, kind: str = "entity") -> list[str]:
        """The IRIs a label, alias, acronym or IRI stands for (``kind``: actor, subject or entity)."""
        from kg.queries import resolve

        return [n.value for n in resolve(self.store, name, kind)]

    def __len__(self) -> int:
        return len(self.store)

    def __repr__(self) -> str:
        return f"KG({self.store})"
