"""Named queries: SPARQL files in ``queries/``, loaded by name, run with bound parameters.

A query file starts with comment lines::

    # One-line description.
    # @param actor actor: what it does          (kinds: actor, entity, subject, date, literal)
    # @output actor IRI; label literal; ...

and holds ``VALUES (?p_NAME ...) { (UNDEF ...) }`` rows for its parameters: one
at the top, or one inside each sub-query that uses them (sub-queries do not see
outer variables).  Parameters are bound as RDF terms in those rows (Oxigraph's
own serialization of each term), never pasted into the query text as strings.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

import pyoxigraph as ox

from kg import resources
from kg.errors import KgError, UnknownNameError
from kg.store import Store

_PARAM = re.compile(r"^#\s*@param\s+(\w+)\s+(\w+)(\s*\(required\))?\s*:\s*(.*)$")
_OUTPUT = re.compile(r"^#\s*@output\s+(.*)$")
_VALUES = re.compile(r"VALUES\s*\(((?:\s*\?p_\w+)+)\s*\)\s*\{\s*\((?:\s*UNDEF)+\s*\)\s*\}")
XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_DATE = ox.NamedNode(XSD + "date")
PARAM_KINDS = ("actor", "entity", "subject", "date", "literal")


@dataclass(frozen=True)
class Param:
    """A named query's parameter."""

    name: str
    kind: str
    description: str
    required: bool = False


@dataclass(frozen=True)
class NamedQuery:
    """A named query as read from its ``.rq`` file."""

    name: str
    description: str
    params: tuple[Param, ...]
    outputs: str
    text: str


def _parse(name: str, text: str) -> NamedQuery:
    description, params, outputs = "", [], ""
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if m := _PARAM.match(line):
            if m.group(2) not in PARAM_KINDS:
                raise KgError(f"queries/{name}.rq: parameter kind {m.group(2)!r} is not one of {PARAM_KINDS}")
            params.append(Param(m.group(1), m.group(2), m.group(4).strip(), bool(m.group(3))))
        elif m := _OUTPUT.match(line):
            outputs = m.group(1).strip()
        elif not description:
            description = line.lstrip("# ").strip()
    declared = {p.name for p in params}
    used = {n for values in _VALUES.finditer(text) for n in re.findall(r"\?p_(\w+)", values.group(1))}
    if declared != used:
        raise KgError(f"queries/{name}.rq: @param lines {sorted(declared)} and its VALUES rows {sorted(used)} differ")
    return NamedQuery(name, description, tuple(params), outputs, text)


@cache
def catalog() -> dict[str, NamedQuery]:
    """Every named query shipped in ``queries/``, by name."""
    folder = resources.path("queries")
    return {p.stem: _parse(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.rq"))}


def get(name: str) -> NamedQuery:
    """The named query ``name``, or an error listing the known names."""
    queries = catalog()
    if name not in queries:
        close = difflib.get_close_matches(name, queries, n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise KgError(f"no named query {name!r}.{hint} Known queries: {', '.join(queries)}", exit_code=2)
    return queries[name]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[\u2010-\u2015\u2212\-]", " ", text)
    text = re.sub(r"[^\w ]+", "", text)
    text = " ".join(text.split())
    return text[4:] if text.startswith("the ") else text


_CLASSES = {
    "actor": "kgo:Actor",
    "subject": "kgo:Actor kgo:Agreement kgo:Plan kgo:Event kgo:Fund",
    "entity": "kgo:Actor kgo:Agreement kgo:Plan kgo:Event kgo:Fund kgo:Indicator",
}
# Shared entities (actors, agreements, plans, funds) are named in the entities graph, once each
# (kg.entities); events and indicators belong to one article each and are named in its graph.
_SHARED = {"kgo:Actor", "kgo:Agreement", "kgo:Plan", "kgo:Fund"}


def _name_patterns(kind: str) -> tuple[str, str]:
    shared = " ".join(c for c in _CLASSES[kind].split() if c in _SHARED)
    local = " ".join(c for c in _CLASSES[kind].split() if c not in _SHARED)
    return shared, local


_EXACT_QUERY: dict[str, list[str]] = {}
"""Per kind, queries tried in turn for a name exactly as stored: shared entities first (a
lookup in the entities graph), then events and indicators (the union of article graphs,
which also holds every restated copy of the shared names, so it is only asked on a miss)."""
_NAMES_QUERY = {}
for _kind in _CLASSES:
    _shared, _local = _name_patterns(_kind)
    _EXACT_QUERY[_kind] = [f"SELECT DISTINCT ?x ?name WHERE {{ GRAPH kgg:entities {{ ?x rdfs:label|skos:altLabel|kgo:acronym ?name }} "
                           f"FILTER EXISTS {{ GRAPH kgg:entities {{ VALUES ?class {{ {_shared} }} ?x a ?class }} }} }}"]
    _names = [f"{{ SELECT ?x ?name WHERE {{ GRAPH kgg:entities {{ ?x rdfs:label|skos:altLabel|kgo:acronym ?name }} }} }}"]
    if _local:
        _EXACT_QUERY[_kind].append(f"SELECT DISTINCT ?x ?name WHERE {{ ?x rdfs:label ?name . VALUES ?class {{ {_local} }} "
                                   "FILTER EXISTS { ?x a ?class } }")
        _names.append(f"{{ SELECT DISTINCT ?x ?name WHERE {{ VALUES ?class {{ {_local} }} ?x a ?class . ?x rdfs:label ?name }} }}")
    # Every name of every entity of a kind: the entities graph holds each shared one once.
    _NAMES_QUERY[_kind] = (f"SELECT ?x ?name WHERE {{ {' UNION '.join(_names)} "
                           f"{{ SELECT DISTINCT ?x WHERE {{ {{ GRAPH kgg:entities {{ VALUES ?class {{ {_shared} }} ?x a ?class }} }}"
                           + (f" UNION {{ VALUES ?class {{ {_local} }} ?x a ?class }}" if _local else "") + " } } }")


def resolve(store: Store, value: str, kind: str = "actor") -> list[ox.NamedNode]:
    """The IRIs a user's name for an actor or entity stands for.

    An IRI is taken as given; a label, alias or acronym is matched after folding
    case, accents and dashes.

    Raises:
        UnknownNameError: when nothing matches, naming the closest known names.
    """
    value = value.strip()
    if re.match(r"^(https?|urn):\S+$", value):
        try:
            return [ox.NamedNode(value)]
        except ValueError as exc:
            raise KgError(f"{value!r} is not a valid IRI: {exc}", exit_code=2) from None
    # Fast path: the name exactly as stored (an index lookup on the literal), before folding.
    for query in _EXACT_QUERY[kind]:
        exact = sorted({row["x"].value for row in store.query(query, {"name": ox.Literal(value)})})
        if exact:
            return [ox.NamedNode(i) for i in exact]
    names: dict[str, set[str]] = {}
    spelled: dict[str, list[str]] = {}
    for row in store.query(_NAMES_QUERY[kind]):
        folded = _fold(row["name"].value)
        names.setdefault(folded, set()).add(row["x"].value)
        spelled.setdefault(folded, []).append(row["name"].value)
    wanted = _fold(value)
    if wanted in names:
        return [ox.NamedNode(i) for i in sorted(names[wanted])]
    close = difflib.get_close_matches(wanted, names, n=5, cutoff=0.6)
    labels = []
    for folded in close:
        for name in sorted(spelled[folded]):
            if name not in labels:
                labels.append(name)
    hint = f" Closest known names: {', '.join(labels[:5])}." if labels else " The store has no such names yet."
    raise UnknownNameError(f"no {kind} called {value!r} in the store.{hint}")


def _date_term(value: str, end: bool) -> ox.Literal:
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value.strip())
    if not m:
        raise KgError(f"{value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD", exit_code=2)
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day:
            d = dt.date(year, int(month), int(day))
        elif month:
            last = calendar.monthrange(year, int(month))[1]
            d = dt.date(year, int(month), last if end else 1)
        else:
            d = dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    except ValueError:
        raise KgError(f"{value!r} is not a real calendar date", exit_code=2) from None
    return ox.Literal(d.isoformat(), datatype=_XSD_DATE)


def bind(store: Store, query: NamedQuery, params: Mapping[str, str]) -> str:
    """The query text with its parameters bound as RDF terms in its VALUES row."""
    return _fill(query, _terms(store, query, params))


def _terms(store: Store, query: NamedQuery, params: Mapping[str, str]) -> dict[str, list[str]]:
    """Per parameter, the RDF terms it is bound to (serialized by Oxigraph), or ``UNDEF``."""
    known = {p.name: p for p in query.params}
    for key in params:
        if key not in known:
            names = ", ".join(known) or "none"
            raise KgError(f"query {query.name} has no parameter {key!r} (its parameters: {names})", exit_code=2)
    for p in query.params:
        if p.required and not params.get(p.name):
            raise KgError(f"query {query.name} needs -p {p.name}=VALUE ({p.description})", exit_code=2)
    terms: dict[str, list[str]] = {}
    for p in query.params:
        given = params.get(p.name)
        if not given:
            terms[p.name] = ["UNDEF"]
        elif p.kind in ("actor", "entity", "subject"):
            terms[p.name] = [str(t) for t in resolve(store, given, p.kind)]
        elif p.kind == "date":
            terms[p.name] = [str(_date_term(given, end=p.name == "to"))]
        else:
            terms[p.name] = [str(ox.Literal(given))]
    return terms


def _fill(query: NamedQuery, terms: Mapping[str, list[str]]) -> str:
    def fill(values: re.Match[str]) -> str:
        names = re.findall(r"\?p_(\w+)", values.group(1))
        rows: list[list[str]] = [[]]
        for name in names:
            rows = [row + [t] for row in rows for t in terms[name]]
        block = " ".join("(" + " ".join(row) + ")" for row in rows)
        return f"VALUES ({' '.join(f'?p_{n}' for n in names)}) {{ {block} }}"

    return _VALUES.sub(fill, query.text)


# Broad forms. A named query looks up the facts of each row it selects, which is the fast way while
# the selection is small; when it is large against what the store holds (no actor, or a frequent
# one), scanning a few properties whole and hash-joining them costs less than a lookup per row
# (Oxigraph: ~9 us a lookup against ~1 us a scanned row). queries/broad/NAME.rq is that form; on
# the embedded store kg counts the selection first and runs the broad form when the selection is
# at least a tenth of what it scans (BROAD_SHARE). Per query: the parameter that selects, the
# pattern of the rows it selects (?p bound to the parameter's terms), and the pattern of what the
# broad form scans, both on ?x.
BROAD: dict[str, tuple[str, str, str]] = {
    "indicators": ("actor", "?x kgo:about ?p", "?x a kgo:Indicator"),
    # The sentences that name the entity, against the articles whose URL and date the broad form scans.
    "sources": ("entity", "?p kgo:mentionedIn|kgo:statedIn ?x", "?x a kgo:Article"),
}
BROAD_SHARE = 10


@cache
def _broad_forms() -> dict[str, NamedQuery]:
    folder = resources.path("queries") / "broad"
    return {p.stem: _parse(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.rq"))}


def _form(store: Store, query: NamedQuery, terms: Mapping[str, list[str]]) -> NamedQuery:
    """``query`` or its broad form, whichever suits the size of this selection (see BROAD)."""
    if query.name not in BROAD or query.name not in _broad_forms():
        return query
    param, selected, every = BROAD[query.name]
    bound = [t for t in terms[param] if t != "UNDEF"]
    if not bound:
        return _broad_forms()[query.name]
    count = ("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?x WHERE { VALUES ?p { "
             + " ".join(bound) + " } " + selected + " } }")
    n = int(next(iter(store.query(count)))["n"].value)
    if n == 0:
        return query
    # Count all rows only up to the share that decides, so a large store is not counted through.
    cap = n * BROAD_SHARE
    capped = f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT ?x WHERE {{ {every} }} LIMIT {cap + 1} }}"
    total = int(next(iter(store.query(capped)))["n"].value)
    return _broad_forms()[query.name] if total <= cap else query


@dataclass
class Result:
    """Rows of a SELECT: variable names and, per row, a term or None per variable."""

    variables: list[str]
    rows: list[list[Any]]

    def to_json(self) -> dict[str, Any]:
        """The W3C SPARQL 1.1 Query Results JSON document."""
        bindings = []
        for row in self.rows:
            binding = {}
            for var, term in zip(self.variables, row):
                if term is not None:
                    binding[var] = term_json(term)
            bindings.append(binding)
        return {"head": {"vars": self.variables}, "results": {"bindings": bindings}}


def term_json(term: Any) -> dict[str, str]:
    """One RDF term in the SPARQL JSON results form."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def select(store: Store, sparql: str) -> Result:
    """Run a SELECT and collect its rows, leaving out the ``p_`` parameter variables."""
    solutions = store.query(sparql)
    names = [v.value for v in solutions.variables]
    variables = [v for v in names if not v.startswith("p_")]
    if variables == names:
        rows = [list(solution) for solution in solutions]
    else:
        rows = [[solution[v] for v in variables] for solution in solutions]
    return Result(variables, rows)


def run(store: Store, name: str, **params: str) -> Result:
    """Run the named query ``name`` with keyword parameters.

    On the embedded store the final ``ORDER BY`` is done here in Python (see
    :func:`_sorted_locally`); a remote endpoint runs the query text as written.

    >>> from kg.store import Store
    >>> run(Store(None), "actors").variables
    ['actor', 'label', 'type', 'sameAs']
    """
    query = get(name)
    if isinstance(store, Store):
        _check_entities_graph(store)
        terms = _terms(store, query, params)
        query = _form(store, query, terms)
        local = _sorted_locally(query)
        if local is not None:
            unordered, keys, extra, distinct = local
            return _order(select(store, _fill(unordered, terms)), keys, extra, distinct)
        return select(store, _fill(query, terms))
    return select(store, bind(store, query, params))


def _check_entities_graph(store: Store) -> None:
    """Refuse to answer from a store whose articles predate the entities graph (the answers would be empty)."""
    from kg import entities

    if entities.missing(store.oxigraph):
        raise KgError(f"the store {store} was written by an older kg and has no entities graph yet: "
                      f"run `kg --store {store} reindex` once, then ask again")


# -- ORDER BY in Python for the embedded store ------------------------------------------------
#
# Oxigraph's ORDER BY reads every label or IRI back from storage on each comparison, which costs
# more than the rest of the query on a thousand rows; the same order is computed here from the
# terms already read.  The order follows SPARQL's ORDER BY: unbound first, then blank nodes, IRIs
# (by their text), literals: numbers by value, xsd:date/gYear/gYearMonth/dateTime by their earliest
# instant (then their text), booleans, and strings by their text; ASC or DESC per key.

_ORDER = re.compile(r"\n\s*ORDER\s+BY\s+((?:(?:ASC|DESC)\s*\(\s*\?\w+\s*\)|\?\w+)(?:\s+|$))+\s*$", re.IGNORECASE)
_ORDER_KEY = re.compile(r"(ASC|DESC)?\s*\(?\s*\?(\w+)\s*\)?", re.IGNORECASE)
_TOP_SELECT = re.compile(r"^SELECT\s+(DISTINCT\s+|REDUCED\s+)?(.*?)\s+WHERE\b", re.IGNORECASE | re.MULTILINE | re.DOTALL)
_NUMERIC = {XSD + t for t in ("integer", "decimal", "int", "long", "short", "byte", "nonNegativeInteger",
                               "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedLong",
                               "unsignedInt", "unsignedShort", "unsignedByte")}
_FLOATING = {XSD + "float", XSD + "double"}
_TEMPORAL = {XSD + t for t in ("date", "dateTime", "gYear", "gYearMonth", "dateTimeStamp")}
_TEMPORAL_TEXT = re.compile(r"(-?\d{4,})(?:-(\d{2}))?(?:-(\d{2}))?(?:T(\d{2}):(\d{2}):(\d{2}(?:\.\d+)?))?")


@cache
def _sorted_locally(query: NamedQuery) -> tuple[NamedQuery, list[tuple[str, bool]], list[str], bool] | None:
    """The query without its final ORDER BY, the sort keys (variable, descending), the variables
    added to the projection for sorting, and whether the projection is DISTINCT; None when the
    ORDER BY is not a plain list of variables (left to SPARQL)."""
    order = _ORDER.search(query.text)
    head = _TOP_SELECT.search("\n".join(line for line in query.text.splitlines() if not line.lstrip().startswith("#")))
    if not order or not head:
        return None
    keys = [(m.group(2), (m.group(1) or "").upper() == "DESC") for m in _ORDER_KEY.finditer(order.group(0)[order.group(0).upper().index("BY") + 2:])]
    projection = head.group(2)
    projected = re.findall(r"(?:^|\s)\?(\w+)", re.sub(r"\((?:[^()]|\([^()]*\))*\)", " ", projection))
    if "*" in projection:
        return None
    extra = list(dict.fromkeys(v for v, _ in keys if v not in projected))
    if extra and (re.search(r"\bGROUP\s+BY\b", query.text, re.IGNORECASE) or "(" in projection):
        return None
    text = query.text[:order.start()] + "\n"
    if extra:
        # Sort on variables the projection leaves out: project them too, drop them after sorting.
        start = text.index(projection, text.upper().index("SELECT", _first_code(text)))
        text = text[:start] + projection + "".join(f" ?{v}" for v in extra) + text[start + len(projection):]
    distinct = bool(head.group(1)) and head.group(1).strip().upper() == "DISTINCT"
    return NamedQuery(query.name, query.description, query.params, query.outputs, text), keys, extra, distinct


def _first_code(text: str) -> int:
    """The offset of the first line of ``text`` that is not a comment."""
    offset = 0
    for line in text.splitlines(keepends=True):
        if line.strip() and not line.lstrip().startswith("#"):
            return offset
        offset += len(line)
    return offset


def _order_key(term: Any) -> tuple[Any, ...]:
    """A key that sorts terms as SPARQL's ORDER BY does (see the note above)."""
    if term is None:
        return (0,)
    if isinstance(term, ox.BlankNode):
        return (1,)
    if isinstance(term, ox.NamedNode):
        return (2, term.value)
    if not isinstance(term, ox.Literal):
        return (5, str(term))
    value, datatype = term.value, term.datatype.value
    try:
        if datatype in _NUMERIC:
            return (3, 0, Decimal(value.strip()), "")
        if datatype in _FLOATING:
            number = float(value.strip())
            if number == number:
                return (3, 0, number, "")
        if datatype in _TEMPORAL and (m := _TEMPORAL_TEXT.match(value.strip())):
            # The earliest instant the value covers (time zones are not taken into account).
            year, month, day, hour, minute, second = m.groups()
            instant = (int(year), int(month or 1), int(day or 1), int(hour or 0), int(minute or 0), float(second or 0))
            return (3, 1, instant, value)
        if datatype == XSD + "boolean":
            return (3, 2, value.strip() in ("true", "1"), "")
    except (ArithmeticError, ValueError):
        pass
    return (4, value, term.language or "")


def _order(result: Result, keys: list[tuple[str, bool]], extra: list[str], distinct: bool) -> Result:
    """``result`` sorted by ``keys``, without the ``extra`` sort-only variables (rows deduplicated
    again when the query is DISTINCT, keeping the first of equal rows, as SPARQL does)."""
    rows = result.rows
    for var, descending in reversed(keys):
        i = result.variables.index(var)
        rows.sort(key=lambda row: _order_key(row[i]), reverse=descending)
    if not extra:
        return result
    keep = [i for i, v in enumerate(result.variables) if v not in extra]
    rows = [[row[i] for i in keep] for row in rows]
    if distinct:
        seen: set[tuple[Any, ...]] = set()
        unique = []
        for row in rows:
            marker = tuple(row)
            if marker not in seen:
                seen.add(marker)
                unique.append(row)
        rows = unique
    return Result([result.variables[i] for i in keep], rows)


GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
"""Serializations of CONSTRUCT and DESCRIBE results, by the name the CLI uses."""

_UPDATE_WORD = re.compile(
    r"^(?:\s|#[^\n]*\n|(?:PREFIX\s+[\w.-]*:\s*<[^>]*>)|(?:BASE\s*<[^>]*>))*"
    r"(INSERT|DELETE|DROP|CLEAR|LOAD|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE,
)


def ad_hoc(store: Store, sparql: str) -> Result | bool | list[ox.Triple]:
    """Run any SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over the union of all graphs.

    Returns:
        A :class:`Result` for SELECT, a bool for ASK, a list of triples for
        CONSTRUCT and DESCRIBE.

    Raises:
        KgError: (exit code 2) on a syntax error, with Oxigraph's line:column and
            message; an update is refused here (see :func:`update`).
    """
    try:
        answer = store.query(sparql)
    except KgError as exc:
        if _UPDATE_WORD.match(sparql):
            raise KgError(f"{exc}. This looks like a SPARQL Update: run it with --update to change the store",
                          exit_code=2) from None
        raise
    if isinstance(answer, bool) or type(answer).__name__ == "QueryBoolean":
        return bool(answer)
    if hasattr(answer, "variables"):
        variables = [v.value for v in answer.variables]
        return Result(variables, [[s[v] for v in variables] for s in answer])
    # A graph is a set: the union of graphs returns a triple once per graph that states it.
    return list(dict.fromkeys(t if isinstance(t, ox.Triple) else t.triple for t in answer))


def update(store: Store, sparql: str) -> None:
    """Run a SPARQL Update on a store opened for writing (one transaction).

    Write inside ``GRAPH <...> { }``: queries see the union of the named graphs only.

    Raises:
        KgError: (exit code 2) on a syntax error, with Oxigraph's position and message.
    """
    from kg.store import PREFIXES

    if getattr(store, "read_only", False):
        raise KgError("the store is open read-only; updates need a writable store", exit_code=2)
    try:
        if hasattr(store, "update"):
            store.update(sparql)
        else:
            store.oxigraph.update(sparql, prefixes=PREFIXES)
    except SyntaxError as exc:
        raise KgError(f"SPARQL syntax error: {exc}", exit_code=2) from None
    store.flush()


def serialize_triples(triples: list[ox.Triple], fmt: str = "turtle") -> bytes:
    """CONSTRUCT or DESCRIBE results as Turtle, N-Triples or JSON-LD (see :data:`GRAPH_FORMATS`)."""
    from kg.store import PREFIXES

    if fmt not in GRAPH_FORMATS:
        raise KgError(f"{fmt!r} is not a graph format: use one of {', '.join(GRAPH_FORMATS)}", exit_code=2)
    prefixes = PREFIXES if fmt == "turtle" else None
    return ox.serialize(triples, format=GRAPH_FORMATS[fmt], prefixes=prefixes) or b""
