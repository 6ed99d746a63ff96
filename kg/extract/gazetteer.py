"""Known names: countries, their adjectives, organizations, titles and kinds, from ``data/vocab``.

Built once per process from the curated tables (see ``data/vocab/README.md``
for their sources) and the fields scheme in ``ontology/fields.ttl``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from kg import resources, vocab


@lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """A readable key part: lower case, words joined by hyphens.

    >>> slug("Ministry of Foreign Affairs")
    'ministry-of-foreign-affairs'
    """
    import unicodedata

    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("đ", "d").replace("Đ", "D")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


@dataclass(frozen=True)
class Known:
    """A known actor: its key, preferred label and class."""

    key: str
    label: str
    kind: str
    country: str | None = None
    wikidata: str | None = None
    acronym: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass
class Gazetteer:
    """Lookup tables for names as they appear in text (case-sensitive)."""

    names: dict[str, Known] = field(default_factory=dict)
    adjectives: dict[str, Known] = field(default_factory=dict)
    capitals: dict[str, Known] = field(default_factory=dict)
    titles: list[tuple[str, str, str]] = field(default_factory=list)
    event_kinds: dict[str, str] = field(default_factory=dict)
    agreement_kinds: dict[str, str] = field(default_factory=dict)
    plan_kinds: dict[str, str] = field(default_factory=dict)
    fields: dict[str, tuple[str, str]] = field(default_factory=dict)
    honorifics: tuple[str, ...] = ()
    national: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    # Generic names only one country's body goes by ("State Department"): generic → iso3.
    national_unique: dict[str, str] = field(default_factory=dict)

    def is_place_or_actor(self, word: str) -> bool:
        """Whether a word is a known name, adjective or capital (so not a person's name)."""
        return word in self.names or word in self.adjectives or word in self.capitals

    def by_key(self, key: str) -> Known | None:
        """Any known actor by key."""
        return self._by_key.get(key)

    _by_key: dict[str, Known] = field(default_factory=dict)


_PORTFOLIO_FIRST = re.compile(r"^((?:deputy |vice )?)minister (?:of|for) (?:the )?(?!state\b)(.+)$")
_BAD_ALIAS = re.compile(r"[ÃÂ]|^\W|\W$")


@cache
def gazetteer() -> Gazetteer:
    """The shared gazetteer."""
    g = Gazetteer()
    for c in vocab.countries():
        known = Known(f"country/{c.iso3}", c.name, "Country", None, c.wikidata or None, None, tuple(c.aliases))
        g._by_key[known.key] = known
        for name in (c.name, *c.aliases):
            if len(name) >= 2 and not _BAD_ALIAS.search(name):
                g.names.setdefault(name, known)
        for adjective in c.adjectives:
            if len(adjective) >= 3:
                g.adjectives.setdefault(adjective, known)
        if c.capital:
            g.capitals.setdefault(c.capital, known)
    for o in vocab.organizations():
        country = f"country/{o.country}" if o.country else None
        acronym = o.acronyms[0] if o.acronyms else None
        # Bodies the news names by a word-like acronym (ASEAN, APEC, BRICS) are labelled by it.
        label = acronym if acronym and len(acronym) >= 4 and acronym.isupper() else o.name
        known = Known(f"org/{slug(o.name)}", label, o.type, country, o.wikidata or None, acronym,
                      tuple(o.aliases) + tuple(o.acronyms) + (o.name,))
        g._by_key[known.key] = known
        for name in (o.name, *o.acronyms, *o.aliases):
            if len(name) >= 2:
                g.names.setdefault(name, known)
    titles = {t.phrase.lower(): (t.title, t.org) for t in vocab.titles()}
    # "Commerce and Industry Minister" is "Minister of Commerce and Industry" with the portfolio first.
    for phrase, entry in list(titles.items()):
        inverse = _PORTFOLIO_FIRST.match(phrase)
        if inverse:
            titles.setdefault(f"{inverse.group(1)}{inverse.group(2)} minister", entry)
    g.titles = sorted(((p, t, o) for p, (t, o) in titles.items()), key=lambda t: -len(t[0]))
    g.event_kinds = {k.lower(): v for k, v in vocab.event_kinds().items()}
    g.agreement_kinds = {k.lower(): v for k, v in vocab.agreement_kinds().items()}
    g.plan_kinds = {k.lower(): v for k, v in vocab.plan_kinds().items()}
    g.fields = _field_labels()
    g.honorifics = _honorifics()
    g.national = _national_bodies()
    owners: dict[str, set[str]] = {}
    for iso3, generic in g.national:
        owners.setdefault(generic, set()).add(iso3)
    # Only names no table row gives another country, and none a title implies for every country.
    generic_posts = {org for _, _, org in g.titles}
    g.national_unique = {generic: next(iter(isos)) for generic, isos in owners.items()
                         if len(isos) == 1 and generic not in generic_posts}
    return g


def _national_bodies() -> dict[tuple[str, str], tuple[str, str]]:
    """(iso3, generic body name) → (the country's own name for it, class), from ``data/vocab/national_bodies.tsv``."""
    rows = vocab._rows("national_bodies.tsv", ("iso3", "generic", "name", "kind"))
    return {(row["iso3"], row["generic"]): (row["name"], row["kind"]) for _, row in rows}


def _honorifics() -> tuple[str, ...]:
    """Honorifics from ``data/vocab/honorifics.tsv``, longest first."""
    lines = resources.path("data", "vocab", "honorifics.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return tuple(sorted(rows[1:], key=len, reverse=True))


def _field_labels() -> dict[str, tuple[str, str]]:
    """Lower-cased label → (concept slug, preferred label), from ``ontology/fields.ttl``."""
    import pyoxigraph as ox

    skos = "http://www.w3.org/2004/02/skos/core#"
    base = "https://w3id.org/aseankg/fields/"
    pref: dict[str, str] = {}
    labels: list[tuple[str, str]] = []
    for t in ox.parse(path=str(resources.path("ontology", "fields.ttl")), format=ox.RdfFormat.TURTLE):
        if not isinstance(t.subject, ox.NamedNode) or not t.subject.value.startswith(base):
            continue
        concept = t.subject.value[len(base):]
        if t.predicate.value == skos + "prefLabel":
            pref[concept] = t.object.value
            labels.append((t.object.value, concept))
        elif t.predicate.value in (skos + "altLabel", skos + "hiddenLabel"):
            labels.append((t.object.value, concept))
    out: dict[str, tuple[str, str]] = {}
    for label, concept in labels:
        out.setdefault(label.lower(), (concept, pref.get(concept, label)))
    return out
