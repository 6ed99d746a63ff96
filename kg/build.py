"""Turn an article and the facts extracted from it into quads of its named graph."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from importlib.metadata import PackageNotFoundError, version

import pyoxigraph as ox

from kg.model import Facts, When
from kg.readers import Article
from kg.terms import FIELD, ID, KGO, SCHEMA

_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_ALT = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")

# Superclasses written out with each class, so that queries and SHACL need no reasoner.
_ACTOR_PARENTS = {
    "Country": ("Actor",),
    "Person": ("Actor",),
    "Organization": ("Actor",),
    "Ministry": ("GovernmentBody", "Organization", "Actor"),
    "Parliament": ("GovernmentBody", "Organization", "Actor"),
}
_AGREEMENT_PARENTS = {
    "DialoguePartnership": ("Partnership",),
    "StrategicPartnership": ("Partnership",),
    "ComprehensiveStrategicPartnership": ("StrategicPartnership", "Partnership"),
    "FreeTradeAgreement": ("Treaty",),
}


@cache
def _kgo(name: str) -> ox.NamedNode:
    return ox.NamedNode(str(KGO[name]))


_ID = str(ID)


def iri(key: str) -> ox.NamedNode:
    """The IRI of an entity key such as ``country/RUS``."""
    return ox.NamedNode(_ID + key)


@cache
def _xsd(name: str) -> ox.NamedNode:
    return ox.NamedNode(_XSD + name)


def article_iri(article: Article) -> ox.NamedNode:
    """The IRI of the article node."""
    return iri(f"article/{article.key}")


def graph_iri(article: Article) -> ox.NamedNode:
    """The named graph that holds everything extracted from the article."""
    return iri(f"graph/{article.key}")


def lit(value: object, datatype: str | None = None) -> ox.Literal:
    """A typed literal for a Python value (str, bool, int, Decimal)."""
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=_xsd("boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=_xsd(datatype or "integer"))
    if isinstance(value, Decimal):
        return ox.Literal(format(value.normalize(), "f"), datatype=_xsd("decimal"))
    if datatype:
        return ox.Literal(str(value), datatype=_xsd(datatype))
    return ox.Literal(str(value))


def date_literal(when: When) -> ox.Literal:
    """An ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear`` literal as precise as the text."""
    datatype = {"day": "date", "month": "gYearMonth", "year": "gYear"}[when.precision]
    return lit(when.value, datatype)


@cache
def _version() -> str:
    try:
        return "kg " + version("kg")
    except PackageNotFoundError:  # pragma: no cover - running from a checkout without install
        return "kg (source checkout)"


def build(article: Article, facts: Facts) -> list[ox.Quad]:
    """All quads of the article's named graph.

    Args:
        article: the article as read.
        facts: what extraction found in it.

    Returns:
        Quads in the graph :func:`graph_iri` ``(article)``.
    """
    g = graph_iri(article)
    out: list[ox.Quad] = []
    append, quad = out.append, ox.Quad

    def add(s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        append(quad(s, p, o, g))

    def types(s: ox.NamedNode, kind: str, parents: tuple[str, ...]) -> None:
        add(s, _RDF_TYPE, _kgo(kind))
        for parent in parents:
            add(s, _RDF_TYPE, _kgo(parent))

    art = article_iri(article)
    add(art, _RDF_TYPE, _kgo("Article"))
    add(art, ox.NamedNode(SCHEMA + "identifier"), lit(article.key))
    add(art, _kgo("sourceFile"), lit(article.origin))
    add(art, _kgo("extractedBy"), lit(_version()))
    add(art, ox.NamedNode(SCHEMA + "articleBody"), lit(article.text))
    if article.date:
        add(art, ox.NamedNode(SCHEMA + "datePublished"), lit(article.date.isoformat(), "date"))
    if article.url:
        add(art, ox.NamedNode(SCHEMA + "url"), lit(article.url, "anyURI"))
    if article.title:
        add(art, ox.NamedNode(SCHEMA + "headline"), lit(article.title))
    if article.source:
        add(art, _kgo("publisherName"), lit(article.source))
    if facts.place:
        place = iri("place/" + _slug(facts.place))
        add(place, _RDF_TYPE, _kgo("Place"))
        add(place, _LABEL, lit(facts.place))
        add(art, _kgo("dateline"), place)
    label = article.title or article.text.split("\n", 1)[0][:80]
    add(art, _LABEL, lit(label))

    sentence_iris = []
    for s in facts.sentences:
        node = ox.NamedNode(f"{art.value}/s{s.index}")
        sentence_iris.append(node)
        add(node, _RDF_TYPE, _kgo("Sentence"))
        add(node, _kgo("inArticle"), art)
        add(node, _kgo("text"), lit(s.text))
        add(node, _kgo("charStart"), lit(s.start))
        add(node, _kgo("charEnd"), lit(s.end))

    def stated(node: ox.NamedNode, sentences: set[int], prop: str = "statedIn") -> None:
        for index in sorted(sentences):
            add(node, _kgo(prop), sentence_iris[index])

    def when(node: ox.NamedNode, prop: str, value: When | None) -> None:
        if value is not None:
            add(node, _kgo(prop), date_literal(value))

    for actor in facts.actors.values():
        node = iri(actor.key)
        types(node, actor.kind, _ACTOR_PARENTS.get(actor.kind, ("Organization", "Actor")))
        add(node, _LABEL, lit(actor.label))
        for alias in sorted(actor.aliases - {actor.label}):
            add(node, _ALT, lit(alias))
        if actor.acronym:
            add(node, _kgo("acronym"), lit(actor.acronym))
        if actor.country and actor.country != actor.key:
            add(node, _kgo("ofCountry"), iri(actor.country))
        stated(node, actor.sentences, "mentionedIn")

    for post in facts.posts:
        # One IRI per person, title, body and represented actor, whatever the article: every
        # article that states the post restates it, and the entities graph holds it once.
        node = iri("post/" + "/".join(_slug(part or "-") for part in (post.person, post.title, post.organization, post.represents)))
        types(node, "Post", ())
        add(node, _LABEL, lit(post.title))
        add(node, _kgo("title"), lit(post.title))
        add(node, _kgo("heldBy"), iri(post.person))
        add(iri(post.person), _kgo("holdsPost"), node)
        if post.organization:
            add(node, _kgo("postIn"), iri(post.organization))
        if post.represents:
            add(node, _kgo("onBehalfOf"), iri(post.represents))
        stated(node, post.sentences)

    for agreement in facts.agreements.values():
        node = iri(agreement.key)
        types(node, agreement.kind, (*_AGREEMENT_PARENTS.get(agreement.kind, ()), "Agreement"))
        add(node, _LABEL, lit(agreement.label))
        for party in agreement.parties:
            add(node, _kgo("party"), iri(party))
        if agreement.since:
            add(node, _kgo("since"), lit(agreement.since, {4: "gYear", 7: "gYearMonth"}.get(len(agreement.since), "date")))
            add(node, _kgo("sinceDerived"), lit(agreement.since_derived))
        stated(node, agreement.sentences)

    for plan in facts.plans.values():
        node = iri(plan.key)
        types(node, plan.kind, ("Plan",))
        add(node, _LABEL, lit(plan.label))
        if plan.acronym:
            add(node, _kgo("acronym"), lit(plan.acronym))
        if plan.start is not None:
            add(node, _kgo("startYear"), lit(f"{plan.start:04d}", "gYear"))
        if plan.end is not None:
            add(node, _kgo("endYear"), lit(f"{plan.end:04d}", "gYear"))
        if plan.implements:
            add(node, _kgo("implements"), iri(plan.implements))
        if plan.lines_total is not None:
            add(node, _kgo("linesTotal"), lit(plan.lines_total))
        if plan.lines_done is not None:
            add(node, _kgo("linesDone"), lit(plan.lines_done))
        if plan.lines_unit:
            add(node, _kgo("linesUnit"), lit(plan.lines_unit))
        when(node, "progressAsOf", plan.as_of)
        stated(node, plan.sentences)

    for fund in facts.funds.values():
        node = iri(fund.key)
        types(node, "Fund", ())
        add(node, _LABEL, lit(fund.label))
        if fund.acronym:
            add(node, _kgo("acronym"), lit(fund.acronym))
        if fund.amount is not None:
            balance = iri(f"{fund.key}/balance/{article.key}")
            types(balance, "MonetaryAmount", ())
            add(node, _kgo("balance"), balance)
            add(balance, _kgo("amount"), lit(fund.amount))
            if fund.currency:
                add(balance, _kgo("currency"), lit(fund.currency))
            when(balance, "asOf", fund.as_of)
            stated(balance, fund.sentences)
        for number, contribution in enumerate(fund.contributions):
            part = iri(f"{fund.key}/contribution/{article.key}/{number}")
            types(part, "Contribution", ())
            add(node, _kgo("hasContribution"), part)
            add(part, _kgo("contributor"), iri(contribution.contributor))
            add(iri(contribution.contributor), _kgo("contributesTo"), node)
            if contribution.amount is not None:
                add(part, _kgo("amount"), lit(contribution.amount))
            if contribution.currency:
                add(part, _kgo("currency"), lit(contribution.currency))
            if contribution.per:
                add(part, _kgo("frequency"), lit(contribution.per))
            stated(part, fund.sentences)
        stated(node, fund.sentences)

    for event in facts.events:
        node = iri(event.key)
        types(node, event.kind, ("Event",))
        add(node, _LABEL, lit(event.label))
        if event.date:
            add(node, _kgo("date"), date_literal(event.date))
            add(node, _kgo("earliest"), lit(event.date.earliest, "date"))
            add(node, _kgo("latest"), lit(event.date.latest, "date"))
            add(node, _kgo("datePrecision"), lit(event.date.precision))
        if event.place:
            place = iri("place/" + _slug(event.place))
            types(place, "Place", ())
            add(place, _LABEL, lit(event.place))
            add(node, _kgo("place"), place)
        for actor, role in event.participants:
            add(node, _kgo("hasParticipant"), iri(actor))
            if role == "chair":
                add(node, _kgo("chairedBy"), iri(actor))
            elif role == "speaker":
                add(node, _kgo("speaker"), iri(actor))
        if event.online is not None:
            add(node, _kgo("online"), lit(event.online))
        for concerned in event.concerns:
            add(node, _kgo("concerns"), iri(concerned))
        if event.ordinal is not None:
            add(node, _kgo("ordinal"), lit(event.ordinal))
        stated(node, event.sentences)

    for indicator in facts.indicators:
        node = iri(indicator.key)
        types(node, "Indicator", ())
        add(node, _LABEL, lit(indicator.label))
        add(node, _kgo("value"), lit(indicator.value))
        add(node, _kgo("unit"), lit(indicator.unit))
        when(node, "refDate", indicator.date)
        for actor in indicator.about:
            add(node, _kgo("about"), iri(actor))
        if indicator.change is not None:
            add(node, _kgo("change"), lit(indicator.change))
        stated(node, indicator.sentences)

    seen: set[tuple[str, str, str]] = set()
    for number, mention in enumerate(facts.fields):
        subject = iri(mention.subject) if not mention.subject.startswith("article") else art
        concept = ox.NamedNode(str(FIELD) + mention.field)
        add(subject, _kgo("coversField"), concept)
        if (mention.subject, mention.field, mention.words.lower()) in seen:
            continue
        seen.add((mention.subject, mention.field, mention.words.lower()))
        node = ox.NamedNode(f"{art.value}/field{number}")
        types(node, "FieldMention", ())
        add(node, _kgo("mentionSubject"), subject)
        add(node, _kgo("mentionField"), concept)
        add(node, _kgo("words"), lit(mention.words))
        add(node, _kgo("statedIn"), sentence_iris[mention.sentence])

    return out


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


