"""The vocabulary terms kg writes and reads, as closed namespaces.

Every term the code uses is named here once; ``tests/test_ontology.py`` checks
that each of them is declared in ``ontology/kg.ttl``.  Standard vocabularies
(schema.org, SKOS, PROV-O, OWL-Time) are used directly where they fit.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace, URIRef

BASE = "https://w3id.org/aseankg/"
ONTOLOGY_IRI = BASE + "ontology"
ID = Namespace(BASE + "id/")
FIELDS_SCHEME = URIRef(BASE + "fields")
FIELD = Namespace(BASE + "fields/")
ONTOLOGY_GRAPH = URIRef(BASE + "graph/ontology")
LINKS_GRAPH = URIRef(BASE + "graph/links")
ENRICHMENT_GRAPH = URIRef(BASE + "graph/enrichment")
ENTITIES_GRAPH = URIRef(BASE + "graph/entities")
DATASET = URIRef(BASE + "dataset")


class KGO(DefinedNamespace):
    """kg's own ontology (``ontology/kg.ttl``)."""

    _fail = True
    _NS = Namespace(ONTOLOGY_IRI + "#")

    # Actors
    Actor: URIRef
    Country: URIRef
    Organization: URIRef
    IntergovernmentalOrganization: URIRef
    IntergovernmentalBody: URIRef  # committees, councils and mechanisms
    GovernmentBody: URIRef
    Ministry: URIRef
    Parliament: URIRef
    DiplomaticMission: URIRef
    ResearchInstitution: URIRef
    EducationInstitution: URIRef
    Company: URIRef
    NewsAgency: URIRef
    Person: URIRef
    Post: URIRef
    Place: URIRef
    # Agreements and relationships
    Agreement: URIRef
    Relations: URIRef
    Partnership: URIRef
    DialoguePartnership: URIRef
    StrategicPartnership: URIRef
    ComprehensiveStrategicPartnership: URIRef
    Treaty: URIRef
    MemorandumOfUnderstanding: URIRef
    Declaration: URIRef
    JointStatement: URIRef
    FreeTradeAgreement: URIRef
    # Plans
    Plan: URIRef
    PlanOfAction: URIRef
    WorkPlan: URIRef
    Programme: URIRef
    Roadmap: URIRef
    # Events
    Event: URIRef
    Meeting: URIRef
    Summit: URIRef
    Conference: URIRef
    Forum: URIRef
    PressBriefing: URIRef
    Ceremony: URIRef
    Visit: URIRef
    Talks: URIRef
    Speech: URIRef
    Exercise: URIRef
    Signing: URIRef
    ThemedYear: URIRef
    # Funds, amounts and indicators
    Fund: URIRef
    MonetaryAmount: URIRef
    Contribution: URIRef
    Indicator: URIRef
    # Provenance
    Article: URIRef
    Sentence: URIRef
    FieldMention: URIRef

    # Names
    acronym: URIRef
    # Posts (W3C ORG)
    holdsPost: URIRef
    heldBy: URIRef
    postIn: URIRef
    onBehalfOf: URIRef
    title: URIRef
    postDuring: URIRef
    # Organizations
    ofCountry: URIRef
    memberOf: URIRef
    partOf: URIRef
    # Events
    date: URIRef
    earliest: URIRef
    latest: URIRef
    datePrecision: URIRef
    place: URIRef
    hasParticipant: URIRef
    chairedBy: URIRef
    speaker: URIRef
    online: URIRef
    concerns: URIRef
    ordinal: URIRef
    # Agreements
    party: URIRef
    since: URIRef
    sinceDerived: URIRef
    # Plans
    period: URIRef
    startYear: URIRef
    endYear: URIRef
    implements: URIRef
    linesTotal: URIRef
    linesDone: URIRef
    linesUnit: URIRef
    progressAsOf: URIRef
    # Funds
    balance: URIRef
    amount: URIRef
    currency: URIRef
    asOf: URIRef
    hasContribution: URIRef
    contributor: URIRef
    contributesTo: URIRef
    frequency: URIRef
    # Indicators
    value: URIRef
    unit: URIRef
    refDate: URIRef
    about: URIRef
    change: URIRef
    # Fields
    coversField: URIRef
    mentionSubject: URIRef
    mentionField: URIRef
    words: URIRef
    # Provenance
    statedIn: URIRef
    mentionedIn: URIRef
    named: URIRef
    inArticle: URIRef
    text: URIRef
    charStart: URIRef
    charEnd: URIRef
    sourceFile: URIRef
    publisherName: URIRef
    dateline: URIRef
    extractedBy: URIRef


SCHEMA = Namespace("https://schema.org/")
SCHEMA_TERMS = ("datePublished", "url", "headline", "articleBody", "identifier")

# Linking (kg.link): how links are recorded (SSSOM in its OWL form, SEMAPV justifications),
# the datasets linked to, and VoID.
SSSOM = Namespace("https://w3id.org/sssom/")
SEMAPV = Namespace("https://w3id.org/semapv/vocab/")
VOID = Namespace("http://rdfs.org/ns/void#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
WD = Namespace("http://www.wikidata.org/entity/")
GEONAMES = Namespace("http://sws.geonames.org/")
DBPEDIA = Namespace("http://dbpedia.org/resource/")
