"""Typed loaders for the curated tables in ``data/vocab`` (sources in its ``README.md``).

Every loader reads its file once per process.  The tables are UTF-8,
tab-separated, with one header row; ``|`` separates several values in a cell
and ``#`` lines are comments allowed only before the header.  A malformed
table raises :class:`kg.errors.KgError` naming the file and line.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from kg import resources
from kg.errors import KgError

ORG_TYPES = frozenset({
    "IntergovernmentalOrganization", "IntergovernmentalBody", "GovernmentBody", "Ministry", "Parliament",
    "DiplomaticMission", "ResearchInstitution", "EducationInstitution", "Company", "NewsAgency",
})
EVENT_KINDS = frozenset({
    "Meeting", "Summit", "Conference", "Forum", "PressBriefing", "Ceremony", "Visit", "Talks", "Speech",
    "Exercise", "Signing", "ThemedYear",
})
AGREEMENT_KINDS = frozenset({
    "Relations", "DialoguePartnership", "StrategicPartnership", "ComprehensiveStrategicPartnership",
    "Partnership", "Treaty", "MemorandumOfUnderstanding", "Declaration", "JointStatement", "FreeTradeAgreement",
})
PLAN_KINDS = frozenset({"PlanOfAction", "WorkPlan", "Programme", "Roadmap"})
# The only Wikidata ids the project can cite (see data/vocab/README.md).
CITED_WIKIDATA = {"Q7768": "ASEAN", "Q458": "European Union", "Q1065": "United Nations"}


@dataclass(frozen=True)
class Country:
    """A country or territory with the names and adjectives text uses for it."""

    iso3: str
    iso2: str
    name: str
    wikidata: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    capital: str
    capitals: tuple[str, ...] = ()  # the capital first, then other spellings or seats


@dataclass(frozen=True)
class Org:
    """A named organization or body."""

    name: str
    type: str
    acronyms: tuple[str, ...]
    aliases: tuple[str, ...]
    wikidata: str
    country: str  # ISO 3166-1 alpha-3, or "" for an international body
    source: str = ""


@dataclass(frozen=True)
class Title:
    """A phrase naming a post, its canonical title and the kind of body it implies."""

    phrase: str
    title: str
    org: str
    rank: int


@dataclass(frozen=True)
class Currency:
    """An ISO 4217 currency with the words and symbols that name it."""

    code: str
    names: tuple[str, ...]
    symbols: tuple[str, ...]


def _split(cell: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in cell.split("|") if v.strip())


def _rows(name: str, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) pairs of a tab-separated table, checked against its expected header."""
    path = resources.path("data", "vocab", name)
    out: list[tuple[int, dict[str, str]]] = []
    header: list[str] | None = None
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            line = line.rstrip("\r\n")
            if header is None:
                if line.startswith("#") or not line.strip():
                    continue
                header = line.split("\t")
                if tuple(header) != columns:
                    raise KgError(f"data/vocab/{name}: header is {header}, expected {list(columns)}")
                continue
            if not line.strip():
                continue
            cells = line.split("\t")
            if len(cells) != len(columns):
                raise KgError(f"data/vocab/{name} line {number}: {len(cells)} cells, expected {len(columns)}")
            out.append((number, dict(zip(columns, (c.strip() for c in cells)))))
    if header is None:
        raise KgError(f"data/vocab/{name} has no header row")
    return out


# Aliases from countries.csv that are catalogue forms or broken text, never written in news.
_MOJIBAKE = re.compile(r"[ÃÂ\ufffd]|â€|[À-Þ][A-Z]")
_CATALOGUE = re.compile(r"[,&/]|\(the\b|[A-Za-z]\.[A-Za-z]{2}")
_CLIPPED = re.compile(r"^[A-Za-z]*[a-z]\.$")


def _usable_csv_alias(alias: str) -> bool:
    if len(alias) < 3 or _MOJIBAKE.search(alias) or _CATALOGUE.search(alias):
        return False
    return not any(_CLIPPED.match(word.strip("()")) and word != "St." for word in alias.split())


def _unique(values: list[str], exclude: str) -> tuple[str, ...]:
    out: list[str] = []
    for v in values:
        if v and v != exclude and v not in out:
            out.append(v)
    return tuple(out)


@cache
def countries() -> list[Country]:
    """Countries of ``countries.csv`` with aliases, adjectives and capitals from the curated tables."""
    path = resources.path("data", "vocab", "countries.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        base = list(csv.DictReader(fh))
    known = {row["iso3"] for row in base}
    extra: dict[str, list[str]] = {}
    preferred: dict[str, str] = {}
    for number, row in _rows("extra_country_aliases.tsv", ("iso3", "alias", "preferred")):
        if row["iso3"] not in known:
            raise KgError(f"data/vocab/extra_country_aliases.tsv line {number}: unknown iso3 {row['iso3']!r}")
        extra.setdefault(row["iso3"], []).append(row["alias"])
        if row["preferred"] == "yes":
            preferred[row["iso3"]] = row["alias"]
        elif row["preferred"]:
            raise KgError(f"data/vocab/extra_country_aliases.tsv line {number}: preferred must be 'yes' or empty")
    forms: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for number, row in _rows("demonyms.tsv", ("iso3", "adjectives", "capital")):
        if row["iso3"] not in known or row["iso3"] in forms:
            raise KgError(f"data/vocab/demonyms.tsv line {number}: unknown or repeated iso3 {row['iso3']!r}")
        forms[row["iso3"]] = (_split(row["adjectives"]), _split(row["capital"]))
    out = []
    for row in base:
        iso3 = row["iso3"]
        name = preferred.get(iso3, row["name"])
        aliases = [a for a in _split(row["aliases"]) if _usable_csv_alias(a)]
        aliases += extra.get(iso3, [])
        label = row["wikidata_label"].strip()
        if label and not _MOJIBAKE.search(label):
            aliases.append(label)
        adjectives, capitals = forms.get(iso3, ((), ()))
        out.append(Country(
            iso3=iso3, iso2=row["iso2"], name=name, wikidata=row["wikidata"].strip(),
            aliases=_unique(aliases, name), adjectives=adjectives,
            capital=capitals[0] if capitals else "", capitals=capitals,
        ))
    return out


@cache
def organizations() -> list[Org]:
    """Named organizations, bodies and news agencies from ``organizations.tsv``."""
    columns = ("name", "type", "acronyms", "aliases", "wikidata", "source", "country")
    iso3 = {c.iso3 for c in countries()}
    out = []
    for number, row in _rows("organizations.tsv", columns):
        where = f"data/vocab/organizations.tsv line {number}"
        if row["type"] not in ORG_TYPES:
            raise KgError(f"{where}: unknown type {row['type']!r}")
        if row["wikidata"] and row["wikidata"] not in CITED_WIKIDATA:
            raise KgError(f"{where}: wikidata {row['wikidata']!r} has no cited source")
        if row["country"] and row["country"] not in iso3:
            raise KgError(f"{where}: unknown country {row['country']!r}")
        out.append(Org(row["name"], row["type"], _split(row["acronyms"]), _split(row["aliases"]),
                       row["wikidata"], row["country"], row["source"]))
    return out


@cache
def titles() -> list[Title]:
    """Phrases naming posts, from ``titles.tsv``."""
    out = []
    for number, row in _rows("titles.tsv", ("phrase", "title", "org", "rank")):
        try:
            rank = int(row["rank"])
        except ValueError:
            raise KgError(f"data/vocab/titles.tsv line {number}: rank {row['rank']!r} is not an integer") from None
        out.append(Title(row["phrase"], row["title"], row["org"], rank))
    return out


def _kinds(name: str, allowed: frozenset[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for number, row in _rows(name, ("phrase", "kind")):
        phrase = row["phrase"].lower()
        if row["kind"] not in allowed:
            raise KgError(f"data/vocab/{name} line {number}: unknown kind {row['kind']!r}")
        if phrase in out:
            raise KgError(f"data/vocab/{name} line {number}: repeated phrase {phrase!r}")
        out[phrase] = row["kind"]
    return out


@cache
def event_kinds() -> dict[str, str]:
    """Lower-case event phrase → event class, from ``event_kinds.tsv``."""
    return _kinds("event_kinds.tsv", EVENT_KINDS)


@cache
def agreement_kinds() -> dict[str, str]:
    """Lower-case relationship or agreement phrase → class, from ``agreement_kinds.tsv``."""
    return _kinds("agreement_kinds.tsv", AGREEMENT_KINDS)


@cache
def plan_kinds() -> dict[str, str]:
    """Lower-case plan phrase → plan class, from ``plan_kinds.tsv``."""
    return _kinds("plan_kinds.tsv", PLAN_KINDS)


@cache
def geographic_features() -> tuple[str, ...]:
    """Named seas, straits and peninsulas whose names hold a country word, from ``geographic_features.tsv``."""
    return tuple(dict.fromkeys(row["name"] for _, row in _rows("geographic_features.tsv", ("name",))))


@cache
def currencies() -> list[Currency]:
    """ISO 4217 currencies with their names and symbols, from ``currencies.tsv``."""
    out = []
    for number, row in _rows("currencies.tsv", ("code", "names", "symbols")):
        if not re.fullmatch(r"[A-Z]{3}", row["code"]):
            raise KgError(f"data/vocab/currencies.tsv line {number}: {row['code']!r} is not an ISO 4217 code")
        out.append(Currency(row["code"], _split(row["names"]), _split(row["symbols"])))
    return out
