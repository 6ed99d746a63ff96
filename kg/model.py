"""Typed records of what extraction finds in one article, before it becomes RDF.

Extraction (``kg.extract``) fills a :class:`Facts`; ``kg.build`` turns it into
quads.  Entities are referred to by *keys*: stable, readable identifiers such as
``country/RUS`` or ``person/sergei-lavrov`` that become IRIs under ``id/``, so
the same actor found in two articles is one node.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article with its character offsets in the article text."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class When:
    """A date at the precision the text gives.

    Attributes:
        value: ISO text: "2021-02-28", "2021-10" or "2021".
        precision: "day", "month" or "year".
        earliest: first day it can mean (ISO date).
        latest: last day it can mean (ISO date).
    """

    value: str
    precision: str
    earliest: str
    latest: str


@dataclass
class Actor:
    """A country, organization or person.

    Attributes:
        key: stable identifier ("country/RUS", "org/asean", "person/sergei-lavrov").
        label: preferred name.
        kind: class name in the ontology ("Country", "Ministry", "Person", ...).
        aliases: other names seen or known.
        acronym: short form, if any.
        country: key of the country it belongs to (ministries, missions, people).
        wikidata: Wikidata QID when a shipped table gives it.
        sentences: indexes of the sentences that mention it.
    """

    key: str
    label: str
    kind: str
    aliases: set[str] = field(default_factory=set)
    acronym: str | None = None
    country: str | None = None
    wikidata: str | None = None
    sentences: set[int] = field(default_factory=set)


@dataclass
class Post:
    """A person holding a post in an organization on behalf of a country or bloc."""

    person: str
    title: str
    organization: str | None
    represents: str | None
    sentences: set[int] = field(default_factory=set)


@dataclass
class Event:
    """A meeting, summit, briefing, visit, ...

    Attributes:
        key: stable identifier.
        kind: class name ("Meeting", "PressBriefing", ...).
        label: a readable name ("ASEAN-Russia commemorative summit").
        date: when, at the text's precision.
        place: place name, if stated.
        participants: (actor key, role) pairs; role is "participant", "chair" or "speaker".
        online: True when held online, False when in person, None when unknown.
        concerns: keys of agreements or plans it is about.
        ordinal: the number in "the 18th ... meeting".
    """

    key: str
    kind: str
    label: str
    date: When | None = None
    place: str | None = None
    participants: list[tuple[str, str]] = field(default_factory=list)
    online: bool | None = None
    concerns: list[str] = field(default_factory=list)
    ordinal: int | None = None
    sentences: set[int] = field(default_factory=set)


@dataclass
class Agreement:
    """A relationship or accord between parties, and when it began."""

    key: str
    kind: str
    label: str
    parties: list[str]
    since: str | None = None
    since_derived: bool = False
    sentences: set[int] = field(default_factory=set)


@dataclass
class Plan:
    """A plan of action, work plan, programme or roadmap, with its period and progress."""

    key: str
    kind: str
    label: str
    start: int | None = None
    end: int | None = None
    acronym: str | None = None
    implements: str | None = None
    lines_total: int | None = None
    lines_done: int | None = None
    lines_unit: str | None = None
    as_of: When | None = None
    sentences: set[int] = field(default_factory=set)


@dataclass
class Contribution:
    """Money an actor pays into a fund."""

    contributor: str
    amount: Decimal | None
    currency: str | None
    per: str | None


@dataclass
class Fund:
    """A named fund, its balance and who pays into it."""

    key: str
    label: str
    acronym: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    as_of: When | None = None
    serves: str | None = None
    contributions: list[Contribution] = field(default_factory=list)
    sentences: set[int] = field(default_factory=set)


@dataclass
class Indicator:
    """A figure about a relationship: trade, investment, visitors."""

    key: str
    label: str
    value: Decimal
    unit: str
    date: When | None = None
    about: list[str] = field(default_factory=list)
    change: Decimal | None = None
    sentences: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class FieldMention:
    """A field of cooperation named in a sentence, about a subject."""

    subject: str
    field: str
    words: str
    sentence: int


@dataclass
class Facts:
    """Everything extracted from one article."""

    sentences: list[Sentence] = field(default_factory=list)
    actors: dict[str, Actor] = field(default_factory=dict)
    posts: list[Post] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    agreements: dict[str, Agreement] = field(default_factory=dict)
    plans: dict[str, Plan] = field(default_factory=dict)
    funds: dict[str, Fund] = field(default_factory=dict)
    indicators: list[Indicator] = field(default_factory=list)
    fields: list[FieldMention] = field(default_factory=list)
    place: str | None = None
