"""Links from kg's actors to Wikidata, GeoNames and DBpedia, enrichment from Wikidata, and VoID.

Three steps, each a function a command calls:

- :func:`link` writes ``owl:sameAs`` links into the named graph
  ``kg.terms.LINKS_GRAPH``, replacing it in one transaction.  Links come from the
  shipped table ``data/links/links.tsv`` (countries: Wikidata and GeoNames;
  ASEAN, the EU and the UN: Wikidata) and, when asked, from reconciling the
  other actors against a SPARQL endpoint in Wikidata's data model
  (:func:`reconcile`), which also yields DBpedia links through English Wikipedia
  sitelinks.  Every link is described by an SSSOM mapping in its OWL form (an
  ``owl:Axiom`` with ``sssom:mapping_justification``, ``sssom:confidence``,
  ``sssom:mapping_tool``, ``dcterms:source`` and an ``rdfs:comment`` saying
  how it was made) in the same graph.
- :func:`enrich` pulls chosen facts about the linked Wikidata items into the
  named graph ``kg.terms.ENRICHMENT_GRAPH``, in Wikidata's own terms.
- :func:`void_description` describes the dataset and its linksets in VoID.

Online work goes through :class:`Endpoint`: a disk cache, a polite interval
between requests, retries with backoff, a descriptive User-Agent and a time
limit per request that holds even when a server trickles its answer.  Nothing
is written unless every request succeeded.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib.namespace import OWL, RDF, RDFS

from kg import resources
from kg.errors import KgError
from kg.terms import (
    DATASET,
    DBPEDIA,
    DCTERMS,
    ENRICHMENT_GRAPH,
    GEONAMES,
    ID,
    KGO,
    LINKS_GRAPH,
    SEMAPV,
    SSSOM,
    VOID,
    WD,
)

__all__ = [
    "DEFAULT_ENDPOINT", "DEFAULT_LANGUAGES", "DEFAULT_THRESHOLD", "Endpoint", "EnrichReport", "Link", "LinkReport",
    "Reconciliation", "default_cache", "drop_links", "enrich", "link", "reconcile", "table_links", "void_description",
]

DEFAULT_ENDPOINT = "https://query.wikidata.org/sparql"
"""Wikidata's public SPARQL endpoint (Wikidata Query Service)."""
DEFAULT_THRESHOLD = 0.85
"""The lowest confidence score at which an online candidate becomes a link."""
DEFAULT_LANGUAGES = ("en", "fr", "es", "ru", "zh", "ar", "id", "ms", "th", "vi", "km", "lo", "my", "tl")
"""Languages of the labels :func:`enrich` pulls: the UN's six and those of the ASEAN members."""

USER_AGENT = "kg/{version} (knowledge graph of news about ASEAN; https://w3id.org/aseankg) Python-urllib"
_BATCH = 40  # names or items per request

# Confidence of an online candidate, in hundredths (see _score).
_NAME_POINTS = {("label", "label"): 60, ("label", "alias"): 50, ("alias", "label"): 50, ("alias", "alias"): 40}
_TYPE_POINTS = 30
_CONTEXT_POINTS = 20
_MARGIN = 10


def _n(term: Any) -> ox.NamedNode:
    return ox.NamedNode(str(term))


_SAME_AS = _n(OWL.sameAs)
_A = _n(RDF.type)
_LABEL = _n(RDFS.label)
_LABEL_COMMENT = _n(RDFS.comment)  # SSSOM's "comment"
_XSD_DOUBLE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#double")
_XSD_DATETIME = ox.NamedNode("http://www.w3.org/2001/XMLSchema#dateTime")
_XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_PROV_DERIVED = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
_PROV_GENERATED = ox.NamedNode("http://www.w3.org/ns/prov#generatedAtTime")
_FOAF_HOMEPAGE = ox.NamedNode("http://xmlns.com/foaf/0.1/homepage")

# The external datasets links point into: (name, dataset IRI, URI space, SPARQL endpoint or "").
_TARGETS = (
    ("Wikidata", "https://www.wikidata.org/", str(WD), DEFAULT_ENDPOINT),
    ("GeoNames", "https://www.geonames.org/", str(GEONAMES), ""),
    ("DBpedia", "https://dbpedia.org/", str(DBPEDIA), "https://dbpedia.org/sparql"),
)


# ---------------------------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """One link from a local actor to an external resource.

    Attributes:
        actor: the actor's IRI in kg.
        target: the external resource's IRI.
        method: ``"table"`` (the shipped link table) or ``"online"`` (reconciled
            against an endpoint, or derived from such a link).
        score: confidence between 0 and 1 (1.0 for table rows).
        source: IRI of where the link comes from (a cited table or the endpoint).
        justification: the SEMAPV term naming how it was made.
        note: how it was made, in words (stored as ``rdfs:comment``, SSSOM's
            ``comment``; ``sssom:mapping_tool`` names kg and its version).
    """

    actor: str
    target: str
    method: str
    score: float
    source: str
    justification: str
    note: str


@dataclass
class Candidate:
    """A Wikidata item proposed for an actor, with its confidence in hundredths."""

    item: str
    label: str
    points: int
    evidence: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        """Confidence between 0 and 1."""
        return self.points / 100


@dataclass
class Reconciliation:
    """The outcome of reconciling one actor.

    Attributes:
        actor: the actor's IRI.
        label: its label.
        kind: Country, Organization or Person.
        status: ``linked``, ``ambiguous`` (two candidates too close to call),
            ``below threshold`` or ``no match``.
        candidates: the candidates, best first.
    """

    actor: str
    label: str
    kind: str
    status: str
    candidates: list[Candidate]

    @property
    def best(self) -> Candidate | None:
        """The best candidate, if any."""
        return self.candidates[0] if self.candidates else None


@dataclass
class LinkReport:
    """What :func:`link` wrote."""

    links: list[Link]
    actors: int
    linked_actors: int
    reconciliations: list[Reconciliation]
    online: bool

    def count(self, method: str) -> int:
        """Number of links made by ``method`` (``table`` or ``online``)."""
        return sum(1 for link in self.links if link.method == method)


@dataclass
class EnrichReport:
    """What :func:`enrich` wrote."""

    items: int
    triples: int
    facts: dict[str, int]


@dataclass(frozen=True)
class _Actor:
    iri: str
    kind: str
    label: str
    names: tuple[tuple[str, str], ...]  # (name, "label" | "alias")
    countries: frozenset[str]  # local IRIs of the countries it acts for or belongs to
    titles: tuple[str, ...]  # titles of the posts a person holds


# ---------------------------------------------------------------------------------------------
# The link table
# ---------------------------------------------------------------------------------------------


def _tsv(*parts: str) -> list[dict[str, str]]:
    path = resources.path(*parts)
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@cache
def _sources() -> dict[str, str]:
    return {row["key"]: row["url"] for row in _tsv("data", "links", "sources.tsv")}


@cache
def _table() -> tuple[tuple[str, str, str], ...]:
    """(actor IRI, target IRI, source IRI) rows of ``data/links/links.tsv``."""
    sources = _sources()
    out = []
    for number, row in enumerate(_tsv("data", "links", "links.tsv"), start=1):
        source = sources.get(row["source"], row["source"])
        if not re.match(r"https?://", source):
            raise KgError(f"data/links/links.tsv row {number}: source {row['source']!r} is neither a key of "
                          "sources.tsv nor a URL")
        out.append((str(ID) + row["actor"], row["target"], source))
    return tuple(out)


def table_links(store: Any) -> list[Link]:
    """Links of the shipped table for the actors present in the store."""
    present = {row["actor"].value for row in store.query("SELECT DISTINCT ?actor WHERE { ?actor a kgo:Actor }")}
    out = []
    for actor, target, source in _table():
        if actor in present:
            dataset = "GeoNames" if target.startswith(str(GEONAMES)) else "Wikidata"
            out.append(Link(actor, target, "table", 1.0, source, str(SEMAPV.ManualMappingCuration),
                            f"kg link: {dataset} id from the link table data/links/links.tsv"))
    return out


# ---------------------------------------------------------------------------------------------
# The endpoint client
# ---------------------------------------------------------------------------------------------


def default_cache() -> Path:
    """``$XDG_CACHE_HOME/kg/sparql``, else ``~/.cache/kg/sparql``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kg" / "sparql"


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kg")
    except PackageNotFoundError:  # pragma: no cover - source checkout without install
        return "dev"


class Endpoint:
    """A SPARQL endpoint asked politely: cached, spaced out, retried, and never waited on for ever.

    Args:
        url: the endpoint's query URL (``http`` or ``https``).
        timeout: seconds one request may take, answer included; a slower
            request is abandoned and counts as a failed attempt.
        cache: folder of the disk cache (answers by endpoint and query text);
            None for no cache.
        retries: further attempts after a time-out, a network error or an
            HTTP 429/5xx answer (other errors are not retried).
        backoff: seconds before the first retry, doubled for each further one
            (a server's ``Retry-After`` is honoured up to 60 s).
        interval: the least number of seconds between two requests.

    Raises:
        KgError: (exit code 2) when ``url`` is not an http(s) URL.
    """

    def __init__(self, url: str = DEFAULT_ENDPOINT, *, timeout: float = 30.0, cache: Path | None = None,
                 retries: int = 2, backoff: float = 1.0, interval: float = 1.0) -> None:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise KgError(f"--endpoint {url!r} is not an http(s) URL of a SPARQL endpoint", exit_code=2)
        if timeout <= 0:
            raise KgError("--timeout must be more than 0 seconds", exit_code=2)
        self.url = url
        self.timeout = timeout
        self.cache = cache
        self.retries = retries
        self.backoff = backoff
        self.interval = interval
        self.user_agent = USER_AGENT.format(version=_version())
        self.requests = 0
        self.cache_hits = 0
        self._last = 0.0

    def select(self, query: str) -> list[dict[str, Any]]:
        """Run a SELECT query and return its rows (variable → pyoxigraph term).

        Raises:
            KgError: when every attempt failed, naming the endpoint and the last error.
        """
        key = hashlib.sha256(f"{self.url}\n{query}".encode()).hexdigest()
        cached = self.cache / f"{key}.json" if self.cache else None
        if cached and cached.exists():
            self.cache_hits += 1
            return _rows(json.loads(cached.read_bytes()))
        body = self._fetch(query)
        try:
            document = json.loads(body)
            rows = _rows(document)
        except (ValueError, KeyError, TypeError) as exc:
            raise KgError(f"{self.url} did not answer with SPARQL JSON results: {exc}") from None
        if cached:
            cached.parent.mkdir(parents=True, exist_ok=True)
            temporary = cached.with_suffix(".tmp")
            temporary.write_bytes(body)
            temporary.replace(cached)
        return rows

    def _fetch(self, query: str) -> bytes:
        attempts = self.retries + 1
        last = ""
        for attempt in range(attempts):
            wait = self._last + self.interval - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self._last = time.monotonic()
            self.requests += 1
            status, body, error, retry_after = self._request(query)
            if error is None:
                return body
            last = error
            retryable = status is None or status == 429 or status >= 500
            if not retryable or attempt == attempts - 1:
                break
            delay = self.backoff * 2**attempt
            if retry_after is not None:
                delay = max(delay, min(retry_after, 60.0))
            time.sleep(delay)
        tries = f" ({attempt + 1} attempt{'s' if attempt else ''})"
        raise KgError(f"the SPARQL endpoint {self.url} failed: {last}{tries}")

    def _request(self, query: str) -> tuple[int | None, bytes, str | None, float | None]:
        """One attempt, on a helper thread so that no server can hold it past ``timeout``."""
        request = urllib.request.Request(
            self.url,
            data=urllib.parse.urlencode({"query": query}).encode(),
            headers={"Accept": "application/sparql-results+json", "User-Agent": self.user_agent,
                     "Content-Type": "application/x-www-form-urlencoded"},
            method="POST",
        )
        outcome: dict[str, Any] = {}

        def work() -> None:
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    outcome["body"] = response.read()
            except urllib.error.HTTPError as exc:
                try:
                    text = exc.read(300).decode("utf-8", "replace")
                except Exception:  # noqa: BLE001 - the body is only a hint
                    text = ""
                outcome["status"] = exc.code
                outcome["error"] = f"HTTP {exc.code} {exc.reason}" + (f": {' '.join(text.split())[:200]}" if text else "")
                retry = exc.headers.get("Retry-After", "") if exc.headers else ""
                outcome["retry_after"] = float(retry) if retry.strip().isdigit() else None
            except TimeoutError:
                outcome["error"] = f"no answer within {self.timeout:g} s"
            except (urllib.error.URLError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                outcome["error"] = (f"no answer within {self.timeout:g} s" if "timed out" in str(reason)
                                    else f"cannot connect: {reason}")

        worker = threading.Thread(target=work, name="kg-sparql", daemon=True)
        worker.start()
        worker.join(self.timeout)
        if worker.is_alive():
            return None, b"", f"no answer within {self.timeout:g} s", None
        if "body" in outcome:
            return 200, outcome["body"], None, None
        return outcome.get("status"), b"", outcome.get("error", "unknown error"), outcome.get("retry_after")


def _term(value: dict[str, str]) -> Any:
    kind = value["type"]
    if kind == "uri":
        return ox.NamedNode(value["value"])
    if kind == "bnode":
        return ox.BlankNode(value["value"])
    if "xml:lang" in value:
        return ox.Literal(value["value"], language=value["xml:lang"])
    if "datatype" in value:
        return ox.Literal(value["value"], datatype=ox.NamedNode(value["datatype"]))
    return ox.Literal(value["value"])


def _rows(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [{k: _term(v) for k, v in binding.items()} for binding in document["results"]["bindings"]]


# ---------------------------------------------------------------------------------------------
# Query files
# ---------------------------------------------------------------------------------------------


@cache
def _query_text(name: str) -> str:
    return resources.path("queries", "link", f"{name}.rq").read_text(encoding="utf-8")


def _fill(text: str, variables: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """Bind a ``VALUES (?a ?b) { (UNDEF UNDEF) }`` row of ``text`` to rows of RDF terms.

    Terms are written in Oxigraph's own N-Triples form (``str`` of a term), never
    pasted as raw strings.
    """
    header = r"\s+".join(rf"\?{v}" for v in variables)
    pattern = re.compile(rf"VALUES\s*\(\s*{header}\s*\)\s*\{{\s*\((?:\s*UNDEF)+\s*\)\s*\}}")
    block = " ".join("(" + " ".join(str(t) for t in row) + ")" for row in rows)
    filled, count = pattern.subn(lambda _: f"VALUES ({' '.join('?' + v for v in variables)}) {{ {block} }}", text)
    if count != 1:
        raise KgError(f"a linking query has no VALUES row for {variables}")  # pragma: no cover - shipped files
    return filled


def _batches(items: Sequence[Any], size: int = _BATCH) -> list[Sequence[Any]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


# ---------------------------------------------------------------------------------------------
# Online reconciliation
# ---------------------------------------------------------------------------------------------

# Each article graph restates the names and types of what it mentions, and the union of graphs
# returns every copy: each query collapses the copies of one kind of fact, and Python joins them.
_ACTOR_QUERIES = {
    "label": """SELECT DISTINCT ?actor ?kind ?v WHERE {
  { SELECT DISTINCT ?actor ?kind WHERE {
      VALUES (?class ?kind) { (kgo:Country "Country") (kgo:Organization "Organization") (kgo:Person "Person") }
      ?actor a ?class } }
  ?actor rdfs:label ?v }""",
    "alias": "SELECT DISTINCT ?actor ?v WHERE { ?actor skos:altLabel|kgo:acronym ?v }",
    "country": "SELECT DISTINCT ?actor ?v WHERE { ?actor kgo:ofCountry ?v }",
    "post": """SELECT DISTINCT ?actor ?title ?v WHERE {
  { SELECT DISTINCT ?actor ?post WHERE { ?actor kgo:holdsPost ?post } }
  OPTIONAL { ?post kgo:title ?title }
  OPTIONAL { ?post kgo:onBehalfOf ?v } }""",
}


def _actors(store: Any) -> list[_Actor]:
    found: dict[str, dict[str, Any]] = {}
    for row in sorted(store.query(_ACTOR_QUERIES["label"]), key=lambda r: (r["actor"].value, r["v"].value)):
        found.setdefault(row["actor"].value, {"kind": row["kind"].value, "label": row["v"].value, "aliases": set(),
                                              "countries": set(), "titles": set()})
    for row in store.query(_ACTOR_QUERIES["alias"]):
        if (entry := found.get(row["actor"].value)) is not None:
            entry["aliases"].add(row["v"].value)
    for row in store.query(_ACTOR_QUERIES["country"]):
        if (entry := found.get(row["actor"].value)) is not None:
            entry["countries"].add(row["v"].value)
    for row in store.query(_ACTOR_QUERIES["post"]):
        if (entry := found.get(row["actor"].value)) is not None:
            if row["v"] is not None:
                entry["countries"].add(row["v"].value)
            if row["title"] is not None:
                entry["titles"].add(row["title"].value)
    out = []
    for iri, e in sorted(found.items()):
        names = [(e["label"], "label")] + [(a, "alias") for a in sorted(e["aliases"]) if a != e["label"]]
        out.append(_Actor(iri, e["kind"], e["label"], tuple(names), frozenset(e["countries"]),
                          tuple(sorted(e["titles"]))))
    return out


def _score(actor: _Actor, rows: list[dict[str, Any]], qids: dict[str, str]) -> list[Candidate]:
    """Candidates for one actor from the rows of ``candidates.rq`` about its names, best first.

    Points (hundredths): 60 when the actor's label is an English label of the
    item, 50 when a label meets an alias (either way), 40 alias to alias; 30
    for being of the actor's kind (the query keeps only such items); 20 for
    context (at most 100 in all): a person holding a position (P39) whose English label contains
    the title of a post the person holds in kg, or which belongs (P17/P1001) to
    a country the person acts for, or a citizen (P27) of such a country; an
    organization of (P17) the country kg gives it.
    """
    mine = dict(actor.names)
    wanted = {qids[c] for c in actor.countries if c in qids}
    titles = [t.lower() for t in actor.titles if t]
    names: dict[str, tuple[int, str]] = {}
    context: dict[str, set[str]] = {}
    labels: dict[str, str] = {}

    def value(row: dict[str, Any], key: str) -> str:
        term = row.get(key)
        return term.value if term is not None else ""

    for row in rows:
        item, name, how = row["item"].value, row["name"].value, row["how"].value
        points = _NAME_POINTS[mine[name], how]
        if points > names.get(item, (0, ""))[0]:
            names[item] = (points, f"name {name!r} is an {how} of the item" if how == "alias"
                           else f"name {name!r} is the item's label")
        labels[item] = value(row, "itemLabel") or labels.get(item, "")
        reasons = context.setdefault(item, set())
        if actor.kind == "Person":
            post = value(row, "postLabel")
            if value(row, "postCountry") in wanted:
                reasons.add(f"holds a position in {value(row, 'postCountry').rsplit('/', 1)[-1]}")
            if post and any(title in post.lower() for title in titles):
                reasons.add(f"holds the position {post!r}")
            if value(row, "citizen") in wanted:
                reasons.add(f"citizen of {value(row, 'citizen').rsplit('/', 1)[-1]}")
        elif actor.kind == "Organization" and value(row, "country") in wanted:
            reasons.add(f"country {value(row, 'country').rsplit('/', 1)[-1]}")
    out = [
        Candidate(item, labels[item], min(100, points + _TYPE_POINTS + (_CONTEXT_POINTS if context[item] else 0)),
                  [why, *sorted(context[item])])
        for item, (points, why) in names.items()
    ]
    return sorted(out, key=lambda c: (-c.points, c.item))


def reconcile(store: Any, endpoint: Endpoint, *, threshold: float = DEFAULT_THRESHOLD,
              qids: dict[str, str] | None = None, skip: Iterable[str] = (),
              on_request: Callable[[], None] | None = None) -> list[Reconciliation]:
    """Reconcile actors with Wikidata items by name, kind and context.

    Args:
        store: the store holding the actors.
        endpoint: the SPARQL endpoint in Wikidata's data model.
        threshold: the least score a candidate needs to be linked.
        qids: local country IRI → Wikidata QID IRI, used as context.
        skip: IRIs of actors that already have a Wikidata link.
        on_request: called after each batch request.

    Returns:
        One :class:`Reconciliation` per actor, linked or not.  A candidate is
        linked when its score reaches ``threshold`` and the runner-up scores at
        least 0.1 less.

    Raises:
        KgError: when the endpoint fails (nothing is returned then).
    """
    if not 0 < threshold <= 1:
        raise KgError(f"--threshold must be in (0, 1], not {threshold}", exit_code=2)
    skip = set(skip)
    actors = [a for a in _actors(store) if a.iri not in skip]
    pairs = sorted({(name, a.kind) for a in actors for name, _ in a.names})
    rows_by_pair: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for batch in _batches(pairs):
        text = _fill(_query_text("candidates"), ("name", "kind"),
                     [(ox.Literal(name, language="en"), ox.Literal(kind)) for name, kind in batch])
        for row in endpoint.select(text):
            rows_by_pair.setdefault((row["name"].value, row["kind"].value), []).append(row)
        if on_request:
            on_request()
    out = []
    for actor in actors:
        rows = [r for name, _ in actor.names for r in rows_by_pair.get((name, actor.kind), [])]
        candidates = _score(actor, rows, qids or {})
        best = candidates[0] if candidates else None
        if best is None:
            status = "no match"
        elif best.points < round(threshold * 100):
            status = "below threshold"
        elif len(candidates) > 1 and best.points - candidates[1].points < _MARGIN:
            status = "ambiguous"
        else:
            status = "linked"
        out.append(Reconciliation(actor.iri, actor.label, actor.kind, status, candidates))
    return out


def _dbpedia(title: str) -> str:
    """DBpedia's resource IRI for an English Wikipedia title: spaces become ``_``.

    >>> _dbpedia("Association of Southeast Asian Nations")
    'http://dbpedia.org/resource/Association_of_Southeast_Asian_Nations'
    """
    name = title.replace(" ", "_")
    return str(DBPEDIA) + re.sub(r'[\x00-\x20"<>\\^`{|}]', lambda m: urllib.parse.quote(m.group()), name)


def _sitelinks(endpoint: Endpoint, items: Sequence[str], on_request: Callable[[], None] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for batch in _batches(sorted(set(items))):
        text = _fill(_query_text("sitelinks"), ("item",), [(ox.NamedNode(i),) for i in batch])
        for row in endpoint.select(text):
            out.setdefault(row["item"].value, row["title"].value)
        if on_request:
            on_request()
    return out


# ---------------------------------------------------------------------------------------------
# Writing links
# ---------------------------------------------------------------------------------------------


def _link_quads(links: Iterable[Link]) -> list[ox.Quad]:
    g = _n(LINKS_GRAPH)
    out = []
    for link in links:
        actor, target = ox.NamedNode(link.actor), ox.NamedNode(link.target)
        out.append(ox.Quad(actor, _SAME_AS, target, g))
        axiom = ox.BlankNode()
        for p, o in (
            (_A, _n(OWL.Axiom)),
            (_n(OWL.annotatedSource), actor),
            (_n(OWL.annotatedProperty), _SAME_AS),
            (_n(OWL.annotatedTarget), target),
            (_n(SSSOM.mapping_justification), ox.NamedNode(link.justification)),
            (_n(SSSOM.confidence), ox.Literal(f"{link.score:.2f}", datatype=_XSD_DOUBLE)),
            (_n(SSSOM.mapping_tool), ox.Literal(f"kg {_version()}")),
            (_LABEL_COMMENT, ox.Literal(link.note)),
            (_n(DCTERMS.source), ox.NamedNode(link.source)),
        ):
            out.append(ox.Quad(axiom, p, o, g))
    return out


def link(store: Any, *, endpoint: Endpoint | None = None, threshold: float = DEFAULT_THRESHOLD,
         on_request: Callable[[], None] | None = None) -> LinkReport:
    """Link the store's actors and replace the links graph with the result, in one transaction.

    Args:
        store: the store (written).
        endpoint: when given, actors the table does not link are reconciled
            against it (see :func:`reconcile`), and Wikidata-linked actors get a
            DBpedia link from their English Wikipedia sitelink.
        threshold: see :func:`reconcile`.
        on_request: called after each request to the endpoint.

    Raises:
        KgError: when the endpoint fails; the links graph is then left as it was.
    """
    links = table_links(store)
    reconciliations: list[Reconciliation] = []
    if endpoint is not None:
        qids = {l.actor: l.target for l in links if l.target.startswith(str(WD))}
        reconciliations = reconcile(store, endpoint, threshold=threshold, qids=qids, skip=set(qids),
                                    on_request=on_request)
        for r in reconciliations:
            if r.status == "linked" and r.best:
                why = "; ".join(r.best.evidence)
                links.append(Link(r.actor, r.best.item, "online", r.best.score, endpoint.url,
                                  str(SEMAPV.LexicalMatching), f"kg link --online: {r.kind} by {why}"))
        wikidata = {l.actor: l for l in links if l.target.startswith(str(WD))}
        titles = _sitelinks(endpoint, [l.target for l in wikidata.values()], on_request)
        for actor, wd_link in sorted(wikidata.items()):
            if wd_link.target in titles:
                links.append(Link(actor, _dbpedia(titles[wd_link.target]), "online", wd_link.score, endpoint.url,
                                  str(SEMAPV.MappingChaining),
                                  f"kg link --online: DBpedia resource of the English Wikipedia article "
                                  f"{titles[wd_link.target]!r} of {wd_link.target.rsplit('/', 1)[-1]}"))
    store.replace_graph(_n(LINKS_GRAPH), _link_quads(links))
    store.flush()
    actors = len(_actors(store))
    return LinkReport(links, actors, len({l.actor for l in links}), reconciliations, endpoint is not None)


def drop_links(store: Any) -> None:
    """Remove the links graph (extracted facts are untouched)."""
    store.replace_graph(_n(LINKS_GRAPH), [])
    store.flush()


# ---------------------------------------------------------------------------------------------
# Enrichment
# ---------------------------------------------------------------------------------------------


def enrich(store: Any, endpoint: Endpoint, *, languages: Sequence[str] = DEFAULT_LANGUAGES,
           on_request: Callable[[], None] | None = None) -> EnrichReport:
    """Replace the enrichment graph with facts about the actors' Wikidata items.

    Pulls coordinates (P625), capital (P36), population (P1082), head of state
    (P35) and head of government (P6), the English label of each value, and the
    items' labels in ``languages``, in Wikidata's own terms (``wdt:`` properties,
    ``rdfs:label``), with the Wikidata item as subject.  Join them to kg's actors
    through ``owl:sameAs``.

    Raises:
        KgError: when the store has no Wikidata links yet, or the endpoint fails
            (the enrichment graph is then left as it was).
    """
    for lang in languages:
        if not re.fullmatch(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*", lang):
            raise KgError(f"{lang!r} is not a language tag (e.g. en, vi, zh-hans)", exit_code=2)
    query = _fill(_WIKIDATA_LINKS, ("g", "wd"), [(_n(LINKS_GRAPH), ox.Literal(str(WD)))])
    items = sorted({row["t"].value for row in store.query(query)})
    if not items:
        raise KgError("the store has no Wikidata links yet: run `kg link` first")
    g = _n(ENRICHMENT_GRAPH)
    quads: set[ox.Quad] = set()
    facts: dict[str, int] = {}
    lang_rows = [(ox.Literal(lang),) for lang in languages]
    for batch in _batches(items):
        text = _fill(_query_text("enrich"), ("item",), [(ox.NamedNode(i),) for i in batch])
        text = _fill(text, ("lang",), lang_rows)
        for row in endpoint.select(text):
            item, prop, value = row["item"], row["property"], row["value"]
            quads.add(ox.Quad(item, prop, value, g))
            if row.get("valueLabel") is not None and isinstance(value, ox.NamedNode):
                quads.add(ox.Quad(value, _LABEL, row["valueLabel"], g))
            name = prop.value.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
            facts[name] = facts.get(name, 0) + 1
        if on_request:
            on_request()
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    quads.add(ox.Quad(g, _PROV_DERIVED, ox.NamedNode(endpoint.url), g))
    quads.add(ox.Quad(g, _PROV_GENERATED, ox.Literal(now, datatype=_XSD_DATETIME), g))
    store.replace_graph(g, sorted(quads, key=str))
    store.flush()
    return EnrichReport(len(items), len(quads), facts)


# ---------------------------------------------------------------------------------------------
# VoID
# ---------------------------------------------------------------------------------------------

_WIKIDATA_LINKS = """SELECT DISTINCT ?t WHERE {
  VALUES (?g ?wd) { (UNDEF UNDEF) } GRAPH ?g { ?a owl:sameAs ?t } FILTER(STRSTARTS(STR(?t), ?wd)) }"""
_COUNT_ARTICLE_TRIPLES = """SELECT (COUNT(*) AS ?n) WHERE {
  VALUES (?prefix) { (UNDEF) } GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), ?prefix)) }"""
_COUNT_CLASS = "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { VALUES (?class) { (UNDEF) } ?x a ?class }"
_COUNT_LINKS = """SELECT (COUNT(*) AS ?n) WHERE {
  VALUES (?g ?space) { (UNDEF UNDEF) } GRAPH ?g { ?a owl:sameAs ?t } FILTER(STRSTARTS(STR(?t), ?space)) }"""
_LINK_SOURCES = """SELECT DISTINCT ?source WHERE {
  VALUES (?g ?space) { (UNDEF UNDEF) }
  GRAPH ?g { ?m owl:annotatedTarget ?t ; <http://purl.org/dc/terms/source> ?source } FILTER(STRSTARTS(STR(?t), ?space)) }"""
_GRAPH_PROVENANCE = """SELECT ?p ?o WHERE {
  VALUES (?g) { (UNDEF) } GRAPH ?g { ?g ?p ?o } FILTER(?p IN (prov:wasDerivedFrom, prov:generatedAtTime)) }"""
_COUNT_GRAPH = "SELECT (COUNT(*) AS ?n) WHERE { VALUES (?g) { (UNDEF) } GRAPH ?g { ?s ?p ?o } }"


def _count(store: Any, query: str, **bindings: Any) -> int:
    for row in store.query(_fill(query, tuple(bindings), [tuple(bindings.values())])):
        return int(row["n"].value)
    return 0  # pragma: no cover - COUNT always answers


def void_description(store: Any) -> str:
    """A VoID description (Turtle) of the dataset, its classes and its linksets.

    The dataset ``https://w3id.org/aseankg/dataset`` counts the triples
    extracted from articles; one ``void:Linkset`` per external dataset
    (Wikidata, GeoNames, DBpedia) counts the ``owl:sameAs`` links into it; the
    enrichment graph, when present, is a subset derived from Wikidata.
    """
    d = _n(DATASET)
    lit = ox.Literal
    triples: list[ox.Triple] = []

    def add(s: Any, p: Any, o: Any) -> None:
        triples.append(ox.Triple(s, p, o))

    def integer(n: int) -> ox.Literal:
        return lit(str(n), datatype=_XSD_INTEGER)

    add(d, _A, _n(VOID.Dataset))
    add(d, _n(DCTERMS.title), lit("kg: ASEAN and its partners in the news", language="en"))
    add(d, _n(DCTERMS.description), lit("A knowledge graph of actors, relationships, events, plans, funds and "
                                        "indicators extracted from news articles, each fact citing its sentence.",
                                        language="en"))
    add(d, _n(VOID.uriSpace), lit(str(ID)))
    for vocabulary in (str(KGO._NS).rstrip("#"), "http://www.w3.org/2004/02/skos/core",
                       "https://schema.org/", "http://www.w3.org/ns/prov", "https://w3id.org/sssom/"):
        add(d, _n(VOID.vocabulary), ox.NamedNode(vocabulary))
    add(d, _n(VOID.triples), integer(_count(store, _COUNT_ARTICLE_TRIPLES, prefix=lit(str(ID) + "graph/"))))
    for name in ("Actor", "Country", "Organization", "Person", "Event", "Agreement", "Plan", "Fund", "Indicator"):
        part = ox.NamedNode(f"{DATASET}/class/{name}")
        add(d, _n(VOID.classPartition), part)
        add(part, _n(VOID["class"]), _n(KGO[name]))
        add(part, _n(VOID.entities), integer(_count(store, _COUNT_CLASS, **{"class": _n(KGO[name])})))
    for name, homepage, space, sparql in _TARGETS:
        target = ox.NamedNode(homepage)
        add(target, _A, _n(VOID.Dataset))
        add(target, _n(DCTERMS.title), lit(name))
        add(target, _FOAF_HOMEPAGE, target)
        add(target, _n(VOID.uriSpace), lit(space))
        if sparql:
            add(target, _n(VOID.sparqlEndpoint), ox.NamedNode(sparql))
        n = _count(store, _COUNT_LINKS, g=_n(LINKS_GRAPH), space=lit(space))
        if not n:
            continue
        linkset = ox.NamedNode(f"{DATASET}/links/{name.lower()}")
        add(d, _n(VOID.subset), linkset)
        add(linkset, _A, _n(VOID.Linkset))
        add(linkset, _n(DCTERMS.title), lit(f"kg actors linked to {name}", language="en"))
        add(linkset, _n(VOID.subjectsTarget), d)
        add(linkset, _n(VOID.objectsTarget), target)
        add(linkset, _n(VOID.linkPredicate), _SAME_AS)
        add(linkset, _n(VOID.triples), integer(n))
        sources = store.query(_fill(_LINK_SOURCES, ("g", "space"), [(_n(LINKS_GRAPH), lit(space))]))
        for row in sorted(sources, key=lambda r: r["source"].value):
            add(linkset, _n(DCTERMS.source), row["source"])
    enriched = _count(store, _COUNT_GRAPH, g=_n(ENRICHMENT_GRAPH))
    if enriched:
        subset = _n(ENRICHMENT_GRAPH)
        add(d, _n(VOID.subset), subset)
        add(subset, _A, _n(VOID.Dataset))
        add(subset, _n(DCTERMS.title), lit("Facts about the linked actors, from Wikidata", language="en"))
        add(subset, _n(VOID.triples), integer(enriched))
        for q in store.query(_fill(_GRAPH_PROVENANCE, ("g",), [(subset,)])):
            add(subset, q["p"], q["o"])
    # Group each subject's triples (the dataset first) so that Turtle writes one block per subject.
    order = {s: i for i, s in reversed(list(enumerate(t.subject for t in triples)))}
    triples.sort(key=lambda t: order[t.subject])
    prefixes = {"void": str(VOID), "dcterms": str(DCTERMS), "owl": str(OWL), "kgo": str(KGO._NS),
                "foaf": "http://xmlns.com/foaf/0.1/", "prov": "http://www.w3.org/ns/prov#",
                "xsd": "http://www.w3.org/2001/XMLSchema#", "rdf": str(RDF)}
    turtle = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    return (turtle or b"").decode("utf-8")

