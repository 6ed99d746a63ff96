"""Checks of the ontology (kg.ttl), the fields scheme (fields.ttl) and the SHACL shapes (shapes.ttl).

- kg.ttl parses, is versioned, and declares every term ``kg.terms.KGO`` names,
  each with a label and a definition;
- HermiT (through owlready2) finds it consistent, with no unsatisfiable class,
  and does find an inconsistency when one is planted;
- the fields scheme is a proper SKOS hierarchy under the three ASEAN pillars,
  with no label shared by two concepts;
- the shapes accept a small well-formed graph and reject a broken one, naming
  each problem.
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import owlready2
import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.terms import FIELD, FIELDS_SCHEME, KGO, ONTOLOGY_IRI, SCHEMA, SCHEMA_TERMS

# The folder holding kg.ttl, fields.ttl and shapes.ttl.
ONTOLOGY_DIR = Path(__file__).resolve().parents[1] / "ontology"

KG = Namespace(str(KGO._NS))
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
ID = Namespace("https://w3id.org/aseankg/id/")
PILLARS = {FIELD["political-security"], FIELD["economic"], FIELD["socio-cultural"]}
DECLARATION_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


def _kgo_names() -> list[str]:
    return [name for name in KGO.__annotations__ if not name.startswith("_")]


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "kg.ttl", format="turtle")


@pytest.fixture(scope="module")
def fields() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "fields.ttl", format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")


# ---------------------------------------------------------------------------
# kg.ttl
# ---------------------------------------------------------------------------


def test_ontology_header(ontology: Graph) -> None:
    iri = URIRef(ONTOLOGY_IRI)
    assert (iri, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(iri, OWL.versionIRI) == URIRef(ONTOLOGY_IRI + "/0.2.0")
    assert str(ontology.value(iri, OWL.versionInfo)) == "0.2.0"
    dcterms = Namespace("http://purl.org/dc/terms/")
    assert ontology.value(iri, dcterms.title) is not None
    assert ontology.value(iri, dcterms.description) is not None
    assert "MIT" in str(ontology.value(iri, dcterms.license))
    assert str(ontology.value(iri, dcterms.creator)) == "kg contributors"
    assert not list(ontology.objects(iri, OWL.imports)), "the ontology must not import remote ontologies"


def test_every_kgo_declaration_has_label_and_definition(ontology: Graph) -> None:
    declared = {s for t in DECLARATION_TYPES for s in ontology.subjects(RDF.type, t) if str(s).startswith(str(KG))}
    assert len(declared) >= len(_kgo_names())
    missing = []
    for term in sorted(declared):
        labels = [o for o in ontology.objects(term, RDFS.label) if isinstance(o, Literal) and o.language == "en"]
        definitions = list(ontology.objects(term, SKOS.definition))
        if not labels or not definitions:
            missing.append(str(term))
    assert missing == [], f"terms without an English rdfs:label or a skos:definition: {missing}"


def test_every_term_of_the_code_is_declared(ontology: Graph) -> None:
    names = _kgo_names()
    assert "Event" in names and "statedIn" in names
    wrong = []
    for name in names:
        term = KG[name]
        expected = (OWL.Class,) if name[0].isupper() else (OWL.ObjectProperty, OWL.DatatypeProperty)
        types = set(ontology.objects(term, RDF.type))
        if not types & set(expected):
            wrong.append(name)
    assert wrong == [], f"terms of kg.terms.KGO not declared (with the right OWL type) in kg.ttl: {wrong}"


def test_no_term_is_both_object_and_datatype_property(ontology: Graph) -> None:
    both = set(ontology.subjects(RDF.type, OWL.ObjectProperty)) & set(ontology.subjects(RDF.type, OWL.DatatypeProperty))
    assert both == set()


def test_schema_terms_of_the_code_are_declared(ontology: Graph) -> None:
    for name in SCHEMA_TERMS:
        term = URIRef(SCHEMA + name)
        types = set(ontology.objects(term, RDF.type))
        assert types & {OWL.DatatypeProperty, OWL.AnnotationProperty}, name
        assert ontology.value(term, RDFS.label) is not None, name


@pytest.mark.parametrize(
    ("child", "parent"),
    [
        (KG.Country, KG.Actor),
        (KG.Ministry, KG.GovernmentBody),
        (KG.ComprehensiveStrategicPartnership, KG.StrategicPartnership),
        (KG.FreeTradeAgreement, KG.Treaty),
        (KG.ThemedYear, KG.Event),
        (KG.Event, URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/Event")),
        (KG.Organization, URIRef("http://www.w3.org/ns/org#Organization")),
        (KG.Plan, URIRef("http://www.w3.org/ns/prov#Plan")),
        (KG.Article, URIRef(SCHEMA + "NewsArticle")),
    ],
)
def test_hierarchy(ontology: Graph, child: URIRef, parent: URIRef) -> None:
    assert parent in set(ontology.transitive_objects(child, RDFS.subClassOf))


def test_property_alignments(ontology: Graph) -> None:
    org = Namespace("http://www.w3.org/ns/org#")
    sem = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
    prov = Namespace("http://www.w3.org/ns/prov#")
    for prop, parent in [
        (KG.holdsPost, org.holds),
        (KG.heldBy, org.heldBy),
        (KG.postIn, org.postIn),
        (KG.memberOf, org.memberOf),
        (KG.partOf, org.subOrganizationOf),
        (KG.place, sem.hasPlace),
        (KG.chairedBy, sem.hasActor),
        (KG.date, sem.hasTimeStamp),
        (KG.statedIn, prov.wasDerivedFrom),
        (KG.inArticle, prov.wasDerivedFrom),
    ]:
        assert parent in set(ontology.transitive_objects(prop, RDFS.subPropertyOf)), (prop, parent)
    assert (KG.holdsPost, OWL.inverseOf, KG.heldBy) in ontology


# ---------------------------------------------------------------------------
# HermiT through owlready2
# ---------------------------------------------------------------------------


def _java() -> None:
    assert shutil.which("java"), "HermiT needs Java on PATH (.ci/setup.d/10-java.sh installs it)"


def _reason(graph: Graph, tmp_path: Path) -> owlready2.World:
    """Load the graph into a fresh owlready2 World, run HermiT and return the world."""
    _java()
    path = tmp_path / "kg.nt"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        graph.serialize(destination=path, format="nt", encoding="utf-8")
    world = owlready2.World()
    world.get_ontology(path.as_uri()).load()
    owlready2.sync_reasoner(world, infer_property_values=False, debug=0)
    return world


def test_hermit_finds_the_ontology_consistent(ontology: Graph, tmp_path: Path) -> None:
    world = _reason(ontology, tmp_path)
    assert list(world.inconsistent_classes()) == []
    kg_classes = [c for c in world.classes() if c.iri.startswith(str(KG))]
    assert len(kg_classes) >= sum(1 for n in _kgo_names() if n[0].isupper())


def test_hermit_detects_a_planted_inconsistency(ontology: Graph, tmp_path: Path) -> None:
    broken = Graph()
    for triple in ontology:
        broken.add(triple)
    both = URIRef("https://w3id.org/aseankg/id/test/country-and-person")
    broken.add((both, RDF.type, OWL.NamedIndividual))
    broken.add((both, RDF.type, KG.Country))
    broken.add((both, RDF.type, KG.Person))
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        _reason(broken, tmp_path)


# ---------------------------------------------------------------------------
# fields.ttl
# ---------------------------------------------------------------------------


def _concepts(fields: Graph) -> set[URIRef]:
    return set(fields.subjects(RDF.type, SKOS.Concept))


def test_fields_scheme(fields: Graph) -> None:
    assert (FIELDS_SCHEME, RDF.type, SKOS.ConceptScheme) in fields
    assert "Fields of cooperation" in {str(x) for x in fields.objects(FIELDS_SCHEME, SKOS.prefLabel)}
    concepts = _concepts(fields)
    assert len(concepts) >= 40
    for c in concepts:
        assert str(c).startswith(str(FIELD)), c
        slug = str(c)[len(str(FIELD)):]
        assert slug == slug.lower() and " " not in slug and "_" not in slug, c
        assert len(list(fields.objects(c, SKOS.prefLabel))) == 1, c
        assert (c, SKOS.inScheme, FIELDS_SCHEME) in fields, c
        assert fields.value(c, SKOS.definition) is not None, c


def test_pillars_are_the_top_concepts(fields: Graph) -> None:
    tops = set(fields.objects(FIELDS_SCHEME, SKOS.hasTopConcept))
    assert tops == PILLARS
    assert set(fields.subjects(SKOS.topConceptOf, FIELDS_SCHEME)) == PILLARS
    for pillar in PILLARS:
        assert fields.value(pillar, SKOS.broader) is None


def test_every_field_reaches_a_pillar(fields: Graph) -> None:
    for c in _concepts(fields) - PILLARS:
        assert fields.value(c, SKOS.broader) is not None, f"{c} has no skos:broader"
        ancestors = set(fields.transitive_objects(c, SKOS.broader)) - {c}
        assert ancestors & PILLARS, f"{c} does not reach a pillar"


def test_broader_and_narrower_agree(fields: Graph) -> None:
    broader = set(fields.subject_objects(SKOS.broader))
    narrower = {(child, parent) for parent, child in fields.subject_objects(SKOS.narrower)}
    assert broader == narrower
    for child, parent in broader:
        assert parent in _concepts(fields), parent


def test_no_label_is_shared_by_two_concepts(fields: Graph) -> None:
    owner: dict[str, URIRef] = {}
    shared = []
    for c in sorted(_concepts(fields)):
        mine: set[str] = set()
        for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
            for label in fields.objects(c, prop):
                key = str(label).strip().lower()
                assert key, f"empty label on {c}"
                assert key not in mine, f"{c} repeats the label {label!r}"
                mine.add(key)
                if key in owner and owner[key] != c:
                    shared.append((key, str(owner[key]), str(c)))
                owner[key] = c
    assert shared == [], f"labels shared by two concepts: {shared}"


def test_no_overly_generic_labels(fields: Graph) -> None:
    generic = {"in", "and", "of", "the", "cooperation", "development", "area", "areas", "field", "fields", "it", "sector"}
    labels = {str(o).lower() for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel) for o in fields.objects(None, p)}
    assert labels & generic == set()


@pytest.mark.parametrize(
    ("words", "slug"),
    [
        ("science-technology", "science-technology"),
        ("S&T", "science-technology"),
        ("scientific and technological cooperation", "science-technology"),
        ("micro, small and medium-sized enterprises", "msmes"),
        ("SMEs", "msmes"),
        ("politics-security", "political-security"),
        ("economy", "economic"),
        ("socio-culture", "socio-cultural"),
        ("development gap narrowing", "narrowing-development-gap"),
        ("narrow development gap", "narrowing-development-gap"),
        ("fight against terrorism", "counter-terrorism"),
        ("transnational crime", "transnational-crime"),
        ("regional connectivity", "connectivity"),
        ("Smart Cities Network", "smart-cities"),
        ("human resources development", "human-resources-development"),
        ("youth exchange", "youth"),
        ("disease prevention", "health"),
        ("disaster management", "disaster-management"),
        ("climate change response", "climate-change"),
        ("peace, stability and security", "security"),
        ("high technology", "high-technology"),
        ("industrial cooperation", "industry"),
        ("culture", "culture"),
        ("people-to-people exchanges", "people-to-people"),
        ("COVID-19", "covid-19-response"),
    ],
)
def test_fields_are_found_by_the_words_news_uses(fields: Graph, words: str, slug: str) -> None:
    found = {
        s
        for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
        for s, o in fields.subject_objects(p)
        if str(o).lower() == words.lower()
    }
    assert found == {FIELD[slug]}


def test_covid_response_is_under_health(fields: Graph) -> None:
    assert (FIELD["covid-19-response"], SKOS.broader, FIELD["health"]) in fields


# ---------------------------------------------------------------------------
# shapes.ttl
# ---------------------------------------------------------------------------


def _valid_graph(fields: Graph) -> Graph:
    """A small graph the way kg writes it: superclasses written out, fields scheme included."""
    g = Graph()
    for triple in fields:
        g.add(triple)
    schema = Namespace(SCHEMA)

    art = ID["article/test"]
    g.add((art, RDF.type, KG.Article))
    g.add((art, RDFS.label, Literal("ASEAN, Russia review cooperation")))
    g.add((art, schema.identifier, Literal("test")))
    g.add((art, schema.datePublished, Literal("2021-04-02", datatype=XSD.date)))
    g.add((art, schema.url, Literal("https://example.org/news/1", datatype=XSD.anyURI)))
    g.add((art, KG.sourceFile, Literal("data/sample/000.txt")))

    s0 = URIRef(str(art) + "/s0")
    g.add((s0, RDF.type, KG.Sentence))
    g.add((s0, KG.inArticle, art))
    g.add((s0, KG.text, Literal("The meeting was held in Jakarta in October 2021.")))
    g.add((s0, KG.charStart, Literal(0)))
    g.add((s0, KG.charEnd, Literal(48)))

    russia, asean, person = ID["country/RUS"], ID["org/asean"], ID["person/sergei-lavrov"]
    ministry = ID["org/rus/ministry-of-foreign-affairs"]
    for node, label, types in [
        (russia, "Russia", (KG.Country, KG.Actor)),
        (asean, "ASEAN", (KG.IntergovernmentalOrganization, KG.Organization, KG.Actor)),
        (person, "Sergei Lavrov", (KG.Person, KG.Actor)),
        (ministry, "Ministry of Foreign Affairs of Russia", (KG.Ministry, KG.GovernmentBody, KG.Organization, KG.Actor)),
    ]:
        g.add((node, RDFS.label, Literal(label)))
        for t in types:
            g.add((node, RDF.type, t))
        g.add((node, KG.mentionedIn, s0))
    g.add((ministry, KG.ofCountry, russia))

    post = ID["post/test/0"]
    g.add((post, RDF.type, KG.Post))
    g.add((post, RDFS.label, Literal("Minister of Foreign Affairs")))
    g.add((post, KG.title, Literal("Minister of Foreign Affairs")))
    g.add((post, KG.heldBy, person))
    g.add((person, KG.holdsPost, post))
    g.add((post, KG.postIn, ministry))
    g.add((post, KG.onBehalfOf, russia))
    g.add((post, KG.statedIn, s0))

    partnership = ID["agreement/strategicpartnership/asean--rus"]
    for t in (KG.StrategicPartnership, KG.Partnership, KG.Agreement):
        g.add((partnership, RDF.type, t))
    g.add((partnership, RDFS.label, Literal("ASEAN-Russia strategic partnership")))
    g.add((partnership, KG.party, asean))
    g.add((partnership, KG.party, russia))
    g.add((partnership, KG.since, Literal("2018", datatype=XSD.gYear)))
    g.add((partnership, KG.sinceDerived, Literal(False)))
    g.add((partnership, KG.statedIn, s0))

    plan = ID["plan/asean--rus/plan-of-action-2016-2020"]
    g.add((plan, RDF.type, KG.PlanOfAction))
    g.add((plan, RDF.type, KG.Plan))
    g.add((plan, RDFS.label, Literal("ASEAN-Russia Comprehensive Plan of Action 2016-2020")))
    g.add((plan, KG.startYear, Literal("2016", datatype=XSD.gYear)))
    g.add((plan, KG.endYear, Literal("2020", datatype=XSD.gYear)))
    g.add((plan, KG.linesTotal, Literal(139)))
    g.add((plan, KG.linesDone, Literal(99)))
    g.add((plan, KG.linesUnit, Literal("lines of action")))
    g.add((plan, KG.implements, partnership))
    g.add((plan, KG.statedIn, s0))

    event = ID["event/test/0"]
    g.add((event, RDF.type, KG.Meeting))
    g.add((event, RDF.type, KG.Event))
    g.add((event, RDFS.label, Literal("ASEAN-Russia Joint Cooperation Committee meeting")))
    g.add((event, KG.date, Literal("2021-10", datatype=XSD.gYearMonth)))
    g.add((event, KG.earliest, Literal("2021-10-01", datatype=XSD.date)))
    g.add((event, KG.latest, Literal("2021-10-31", datatype=XSD.date)))
    g.add((event, KG.datePrecision, Literal("month")))
    place = ID["place/jakarta"]
    g.add((place, RDF.type, KG.Place))
    g.add((place, RDFS.label, Literal("Jakarta")))
    g.add((event, KG.place, place))
    g.add((event, KG.hasParticipant, russia))
    g.add((event, KG.chairedBy, asean))
    g.add((event, KG.hasParticipant, asean))
    g.add((event, KG.online, Literal(False)))
    g.add((event, KG.ordinal, Literal(18)))
    g.add((event, KG.concerns, plan))
    g.add((event, KG.statedIn, s0))

    fund = ID["fund/ardpff"]
    g.add((fund, RDF.type, KG.Fund))
    g.add((fund, RDFS.label, Literal("ASEAN-Russia Dialogue Partnership Financial Fund")))
    g.add((fund, KG.acronym, Literal("ARDPFF")))
    g.add((fund, KG.statedIn, s0))
    balance = ID["fund/ardpff/balance/test"]
    g.add((balance, RDF.type, KG.MonetaryAmount))
    g.add((fund, KG.balance, balance))
    g.add((balance, KG.amount, Literal("8130000", datatype=XSD.decimal)))
    g.add((balance, KG.currency, Literal("USD")))
    g.add((balance, KG.asOf, Literal("2021-02-28", datatype=XSD.date)))
    g.add((balance, KG.statedIn, s0))
    contribution = ID["fund/ardpff/contribution/test/0"]
    g.add((contribution, RDF.type, KG.Contribution))
    g.add((fund, KG.hasContribution, contribution))
    g.add((contribution, KG.contributor, russia))
    g.add((russia, KG.contributesTo, fund))
    g.add((contribution, KG.amount, Literal("1500000", datatype=XSD.decimal)))
    g.add((contribution, KG.currency, Literal("USD")))
    g.add((contribution, KG.frequency, Literal("year")))
    g.add((contribution, KG.statedIn, s0))

    indicator = ID["indicator/test/0"]
    g.add((indicator, RDF.type, KG.Indicator))
    g.add((indicator, RDFS.label, Literal("two-way trade")))
    g.add((indicator, KG.value, Literal("20000000000", datatype=XSD.decimal)))
    g.add((indicator, KG.unit, Literal("USD")))
    g.add((indicator, KG.refDate, Literal("2021", datatype=XSD.gYear)))
    g.add((indicator, KG.about, asean))
    g.add((indicator, KG.about, russia))
    g.add((indicator, KG.change, Literal("-3.5", datatype=XSD.decimal)))
    g.add((indicator, KG.statedIn, s0))

    mention = URIRef(str(art) + "/field0")
    g.add((mention, RDF.type, KG.FieldMention))
    g.add((mention, KG.mentionSubject, plan))
    g.add((mention, KG.mentionField, FIELD["science-technology"]))
    g.add((mention, KG.words, Literal("science-technology")))
    g.add((mention, KG.statedIn, s0))
    g.add((plan, KG.coversField, FIELD["science-technology"]))
    return g


def _validate(data: Graph, shapes: Graph, ontology: Graph) -> tuple[bool, Graph, str]:
    conforms, report, text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", allow_warnings=True
    )
    return bool(conforms), report, str(text)


def _violations(report: Graph) -> list[str]:
    sh = Namespace("http://www.w3.org/ns/shacl#")
    return [str(report.value(r, sh.resultMessage)) for r in report.subjects(sh.resultSeverity, sh.Violation)]


def test_shapes_parse(shapes: Graph) -> None:
    sh = Namespace("http://www.w3.org/ns/shacl#")
    node_shapes = set(shapes.subjects(RDF.type, sh.NodeShape))
    assert len(node_shapes) >= 10
    targets = set(shapes.objects(None, sh.targetClass))
    for cls in (KG.Event, KG.Agreement, KG.Plan, KG.Post, KG.Sentence, KG.Article, KG.FieldMention, KG.Person):
        assert cls in targets, cls
    # Every constraint in a property shape says what is wrong in words.
    for prop_shape in shapes.objects(None, sh.property):
        assert isinstance(prop_shape, BNode | URIRef)
        assert shapes.value(prop_shape, sh.message) is not None, shapes.value(prop_shape, sh.path)


def test_a_well_formed_graph_conforms(fields: Graph, shapes: Graph, ontology: Graph) -> None:
    conforms, report, text = _validate(_valid_graph(fields), shapes, ontology)
    assert conforms, text
    assert _violations(report) == []


def test_a_broken_graph_does_not_conform(fields: Graph, shapes: Graph, ontology: Graph) -> None:
    g = _valid_graph(fields)
    balance = ID["fund/ardpff/balance/test"]
    event = ID["event/test/0"]
    plan = ID["plan/asean--rus/plan-of-action-2016-2020"]
    g.remove((balance, KG.currency, None))  # an amount without a currency
    g.remove((event, KG.statedIn, None))  # an event without its sentence
    g.remove((plan, KG.linesDone, None))
    g.add((plan, KG.linesDone, Literal(140)))  # more lines done than in total
    conforms, report, text = _validate(g, shapes, ontology)
    assert not conforms
    messages = _violations(report)
    assert len(messages) == 3, messages
    assert "currency (kgo:currency)" in text
    assert "event must cite at least one sentence" in text
    assert "more lines done (kgo:linesDone) than lines in total" in text


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        ("event-date-string", "must be an xsd:date, xsd:gYearMonth or xsd:gYear"),
        ("event-without-kind", "must also be typed with its kind"),
        ("lowercase-currency", "ISO 4217 code"),
        ("post-without-holder", "held by exactly one person"),
        ("field-not-a-concept", "skos:Concept of the fields scheme"),
        ("agreement-without-party", "at least one party"),
        ("sentence-twice-in-article", "exactly one article"),
        ("plan-ends-before-it-starts", "must not be after its end year"),
        ("event-ends-before-it-starts", "must not be after its latest day"),
    ],
)
def test_each_shape_catches_its_problem(
    fields: Graph, shapes: Graph, ontology: Graph, breakage: str, expected: str
) -> None:
    g = _valid_graph(fields)
    event = ID["event/test/0"]
    if breakage == "event-date-string":
        g.set((event, KG.date, Literal("October 2021")))
    elif breakage == "event-without-kind":
        g.remove((event, RDF.type, KG.Meeting))
    elif breakage == "lowercase-currency":
        g.set((ID["fund/ardpff/balance/test"], KG.currency, Literal("usd")))
    elif breakage == "post-without-holder":
        g.remove((ID["post/test/0"], KG.heldBy, None))
    elif breakage == "field-not-a-concept":
        g.set((URIRef(str(ID["article/test"]) + "/field0"), KG.mentionField, FIELD["no-such-field"]))
    elif breakage == "agreement-without-party":
        g.remove((ID["agreement/strategicpartnership/asean--rus"], KG.party, None))
    elif breakage == "sentence-twice-in-article":
        g.add((URIRef(str(ID["article/test"]) + "/s0"), KG.inArticle, ID["article/other"]))
    elif breakage == "plan-ends-before-it-starts":
        g.set((ID["plan/asean--rus/plan-of-action-2016-2020"], KG.startYear, Literal("2021", datatype=XSD.gYear)))
    elif breakage == "event-ends-before-it-starts":
        g.set((event, KG.latest, Literal("2021-09-30", datatype=XSD.date)))
    conforms, report, text = _validate(g, shapes, ontology)
    assert not conforms
    assert any(expected in m for m in _violations(report)), text
