"""Named queries on a hand-written fixture graph: exact bindings, parameters, and injection attempts."""

from __future__ import annotations

import pytest

from kg import queries
from kg.errors import KgError, UnknownNameError
from kg.store import Store

ID = "https://w3id.org/aseankg/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"


TRIG_PREFIXES = """@prefix kgo: <https://w3id.org/aseankg/ontology#> .
@prefix id: <https://w3id.org/aseankg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
"""The prefixes of the TriG fixtures written in these tests."""


def rows(store: Store, name: str, **params: str) -> list[dict[str, str]]:
    """Each row as {variable: value}, unbound variables left out."""
    result = queries.run(store, name, **params)
    return [{v: t.value for v, t in zip(result.variables, row) if t is not None} for row in result.rows]


def run_form(store: Store, form: queries.NamedQuery, terms: dict[str, list[str]]) -> queries.Result:
    """One form of a named query with bound terms, sorted as ``queries.run`` sorts."""
    unordered, keys, extra, distinct = queries._sorted_locally(form)
    return queries._order(queries.select(store, queries._fill(unordered, terms)), keys, extra, distinct)


def test_catalog_lists_every_contract_query() -> None:
    assert set(queries.catalog()) >= {
        "actors", "people", "events", "agreements", "plans", "funds", "fields", "indicators", "sources", "timeline",
    }
    for q in queries.catalog().values():
        assert q.description and q.outputs, q.name


def test_actors_types_and_same_as(fixture_store: Store) -> None:
    got = rows(fixture_store, "actors")
    # Only actors an article names: the ministry is only implied by Lavrov's post, Anna Example is named nowhere.
    assert {(r["label"], r["type"]) for r in got} == {
        ("Russia", "Country"), ("ASEAN", "Organization"), ("ASEAN Moscow Committee", "Organization"),
        ("Sergei Lavrov", "Person"),
    }
    russia = [r for r in got if r["label"] == "Russia"]
    assert russia == [{"actor": ID + "country/RUS", "label": "Russia", "type": "Country",
                       "sameAs": "http://www.wikidata.org/entity/Q159"}]
    assert "sameAs" not in next(r for r in got if r["label"] == "ASEAN")
    assert {r["label"] for r in rows(fixture_store, "actors", type="person")} == {"Sergei Lavrov"}


def test_people_posts_and_unbound_optionals(fixture_store: Store) -> None:
    got = rows(fixture_store, "people")
    assert got == [
        {"person": ID + "person/nobody", "name": "Anna Example"},
        {"person": ID + "person/lavrov", "name": "Sergei Lavrov", "title": "Minister of Foreign Affairs",
         "organization": "Ministry of Foreign Affairs of Russia", "country": "Russia"},
    ]
    assert [r["name"] for r in rows(fixture_store, "people", actor="Russian Federation")] == ["Sergei Lavrov"]
    assert rows(fixture_store, "people", actor="ASEAN") == []


def test_events_dates_keep_their_precision(fixture_store: Store) -> None:
    result = queries.run(fixture_store, "events")
    dates = {row[result.variables.index("label")].value: row[result.variables.index("date")] for row in result.rows}
    summit = dates["ASEAN-Russia commemorative summit"]
    assert (summit.value, summit.datatype.value) == ("2021-10", XSD + "gYearMonth")
    meeting = dates["meeting between Sergei Lavrov and ASEAN Moscow Committee"]
    assert (meeting.value, meeting.datatype.value) == ("2022-02-17", XSD + "date")
    got = rows(fixture_store, "events")
    assert {(r["kind"], r["participant"]) for r in got} == {
        ("Summit", "ASEAN"), ("Summit", "Russia"), ("Meeting", "Sergei Lavrov"), ("Meeting", "ASEAN Moscow Committee"),
    }
    assert {r.get("place") for r in got} == {"Sochi", None}


@pytest.mark.parametrize(
    ("params", "kinds"),
    [
        ({"from": "2022"}, {"Meeting"}),
        ({"to": "2021-12-31"}, {"Summit"}),
        ({"from": "2021-10-15", "to": "2021-10-20"}, {"Summit"}),
        ({"from": "2021-11"}, {"Meeting"}),
        ({"kind": "summit"}, {"Summit"}),
        ({"actor": "Sergei Lavrov"}, {"Meeting"}),
        # Only direct participants: Russia was not itself a participant of Lavrov's meeting.
        ({"actor": "Russia", "kind": "Meeting"}, set()),
        ({"actor": "Ministry of Foreign Affairs of Russia"}, set()),
        ({"actor": "ASEAN", "kind": "Meeting"}, set()),
    ],
)
def test_events_filters(fixture_store: Store, params: dict[str, str], kinds: set[str]) -> None:
    assert {r["kind"] for r in rows(fixture_store, "events", **params)} == kinds


def test_agreements_most_specific_kind_and_derived_since(fixture_store: Store) -> None:
    got = rows(fixture_store, "agreements")
    assert {(r["label"], r["kind"], r["party"], r.get("since")) for r in got} == {
        ("ASEAN-Russia relations", "Relations", "ASEAN", "1991"),
        ("ASEAN-Russia relations", "Relations", "Russia", "1991"),
        ("ASEAN-Russia strategic partnership", "StrategicPartnership", "ASEAN", None),
        ("ASEAN-Russia strategic partnership", "StrategicPartnership", "Russia", None),
    }
    assert {r["sinceDerived"] for r in got if "since" in r} == {"true"}
    assert {r["kind"] for r in rows(fixture_store, "agreements", kind="Relations")} == {"Relations"}


def test_plans(fixture_store: Store) -> None:
    got = rows(fixture_store, "plans")
    assert got == [
        {"plan": ID + "plan/cpa", "label": "ASEAN-Russia Comprehensive Plan of Action 2016-2020", "start": "2016",
         "end": "2020", "linesTotal": "139", "linesDone": "99", "agreement": "ASEAN-Russia strategic partnership"},
        {"plan": ID + "plan/next", "label": "ASEAN-Russia Comprehensive Plan of Action 2021-2025", "start": "2021",
         "end": "2025"},
    ]
    assert [r["plan"] for r in rows(fixture_store, "plans", actor="Russia")] == [ID + "plan/cpa"]


def test_funds(fixture_store: Store) -> None:
    (row,) = rows(fixture_store, "funds")
    assert row == {"fund": ID + "fund/f", "label": "ASEAN-Russia Dialogue Partnership Financial Fund",
                   "amount": "8130000", "currency": "USD", "asOf": "2021-02-28", "contributor": "Russia",
                   "contribution": "1500000", "per": "year"}


def test_fields_mention_only_when_words_differ(fixture_store: Store) -> None:
    got = rows(fixture_store, "fields")
    by_field = {r["field"].rsplit("/", 1)[1]: r for r in got}
    assert set(by_field) == {"trade", "science-technology"}
    assert "mention" not in by_field["trade"]
    assert by_field["science-technology"]["mention"] == "science-technology"
    assert {r["subjectLabel"] for r in got} == {"ASEAN-Russia Comprehensive Plan of Action 2016-2020"}
    assert rows(fixture_store, "fields", subject="ASEAN-Russia relations") == []


def test_fields_name_events_and_shared_subjects(fixture_store: Store) -> None:
    """A plan's name comes from the entities graph, an event's (stated by one article) from its graph."""
    import pyoxigraph as ox

    fixture_store.oxigraph.load((TRIG_PREFIXES + """@prefix f: <https://w3id.org/aseankg/fields/> .
        id:graph\\/a1 { id:article\\/a1\\/field9 a kgo:FieldMention ; kgo:mentionSubject id:event\\/s ;
                          kgo:mentionField f:energy ; kgo:words "energy" . }""").encode(), format=ox.RdfFormat.TRIG)
    got = rows(fixture_store, "fields")
    assert {(r["subjectLabel"], r["field"].rsplit("/", 1)[1]) for r in got} == {
        ("ASEAN-Russia Comprehensive Plan of Action 2016-2020", "trade"),
        ("ASEAN-Russia Comprehensive Plan of Action 2016-2020", "science-technology"),
        ("ASEAN-Russia commemorative summit", "energy"),
    }
    assert [r["subjectLabel"] for r in rows(fixture_store, "fields", subject="ASEAN-Russia commemorative summit")] == [
        "ASEAN-Russia commemorative summit"]


def test_indicators(fixture_store: Store) -> None:
    (row,) = rows(fixture_store, "indicators")
    assert row["value"] == "19800000000" and row["unit"] == "USD" and row["date"] == "2018"
    assert row["subject"] in ("ASEAN-Russia", "Russia-ASEAN") and row["change"] == "17.9"


INDICATORS_A3 = TRIG_PREFIXES + """
id:graph\\/a3 {
  id:country\\/VNM a kgo:Country, kgo:Actor ; rdfs:label "Vietnam" .
  id:country\\/CHN a kgo:Country, kgo:Actor ; rdfs:label "China" .
  id:country\\/RUS a kgo:Country, kgo:Actor ; rdfs:label "Russia" .
  id:org\\/asean a kgo:Organization, kgo:Actor ; rdfs:label "ASEAN" .
  id:indicator\\/v a kgo:Indicator ; rdfs:label "visitors" ; kgo:value 1200000 ; kgo:unit "persons" ;
      kgo:refDate "2023-06-30"^^xsd:date ; kgo:about id:country\\/VNM .
  id:indicator\\/three a kgo:Indicator ; rdfs:label "trade" ; kgo:value 5.5 ; kgo:unit "percent" ;
      kgo:about id:country\\/VNM, id:country\\/CHN, id:country\\/RUS ; kgo:change -2.5 .
  id:indicator\\/nounit a kgo:Indicator ; rdfs:label "investment" ; kgo:value 7 ; kgo:about id:country\\/VNM .
}
"""


@pytest.mark.parametrize("params", [{}, {"actor": "Vietnam"}, {"actor": "Russia"}, {"actor": "China"}])
def test_indicators_broad_form_answers_the_same_rows(fixture_store: Store, params: dict[str, str]) -> None:
    """queries/broad/indicators.rq (scans, for large selections) and queries/indicators.rq (lookups) agree row for row."""
    import pyoxigraph as ox

    fixture_store.oxigraph.load(INDICATORS_A3.encode(), format=ox.RdfFormat.TRIG)
    fixture_store.rebuild_entities()
    canonical = queries.get("indicators")
    terms = queries._terms(fixture_store, canonical, params)
    answers = []
    for form in (canonical, queries._broad_forms()["indicators"]):
        result = run_form(fixture_store, form, terms)
        got = [{v: t.value for v, t in zip(result.variables, row) if t is not None} for row in result.rows]
        for row in got:  # a subject of three or more actors comes in no set order (GROUP_CONCAT)
            if row["subject"].count("-") > 1:
                row["subject"] = "-".join(sorted(row["subject"].split("-")))
        answers.append(got)
    assert answers[0] == answers[1]
    assert len(answers[0]) == len(rows(fixture_store, "indicators", **params))
    by_label = {r["label"]: r for r in answers[0]}
    assert "investment" not in by_label  # no unit: not a figure either form reports
    if params.get("actor") in (None, "Vietnam"):
        assert by_label["visitors"] == {"indicator": ID + "indicator/v", "label": "visitors", "value": "1200000",
                                        "unit": "persons", "date": "2023-06-30", "subject": "Vietnam"}
        assert by_label["trade"]["change"] == "-2.5" and "date" not in by_label["trade"]
        assert by_label["trade"]["subject"] == "China-Russia-Vietnam"
    expected = {None: {"visitors", "trade", "two-way trade"}, "Vietnam": {"visitors", "trade"},
                "Russia": {"trade", "two-way trade"}, "China": {"trade"}}[params.get("actor")]
    assert set(by_label) == expected


def test_indicators_form_follows_the_share_selected(fixture_store: Store) -> None:
    """The broad form runs for no actor or an actor with at least a tenth of all indicators, lookups otherwise."""
    import pyoxigraph as ox

    canonical, broad = queries.get("indicators"), queries._broad_forms()["indicators"]
    many = "".join(f"id:indicator\\/x{n} a kgo:Indicator ; rdfs:label \"x\" ; kgo:value {n} ; kgo:unit \"USD\" ; "
                   f"kgo:about id:country\\/RUS .\n" for n in range(10))
    fixture_store.oxigraph.load((INDICATORS_A3.replace("}\n", many + "}\n", 1)).encode(), format=ox.RdfFormat.TRIG)
    fixture_store.rebuild_entities()
    form = {name: queries._form(fixture_store, canonical, queries._terms(fixture_store, canonical, p))
            for name, p in [("all", {}), ("Russia", {"actor": "Russia"}), ("China", {"actor": "China"}),
                            ("ASEAN", {"actor": "ASEAN"}), ("Sergei Lavrov", {"actor": "Sergei Lavrov"})]}
    # 14 indicators: Russia is about 12 of them, China 1 (< 14/10), ASEAN 1, Lavrov none.
    assert form == {"all": broad, "Russia": broad, "China": canonical, "ASEAN": canonical, "Sergei Lavrov": canonical}
    assert len(rows(fixture_store, "indicators", actor="China")) == 1
    assert len(rows(fixture_store, "indicators", actor="Russia")) == 12


@pytest.mark.parametrize("entity", ["Russia", "Sergei Lavrov", "ARDPFF", "ASEAN-Russia Strategic Partnership"])
def test_sources_broad_form_answers_the_same_rows(fixture_store: Store, entity: str) -> None:
    canonical, broad = queries.get("sources"), queries._broad_forms()["sources"]
    terms = queries._terms(fixture_store, canonical, {"entity": entity})
    answers = [[[t.value if t is not None else None for t in row] for row in run_form(fixture_store, form, terms).rows]
               for form in (canonical, broad)]
    assert answers[0] and answers[0] == answers[1]
    # Every article's date came through the join, and a URL where the article has one (a1 only).
    assert all(row[2] for row in answers[0])
    assert all((row[1] is not None) == row[0].endswith("/a1") for row in answers[0])
    # Two articles in the fixture: every entity stated at all is a broad selection there.
    assert queries._form(fixture_store, canonical, terms) is broad


def test_broad_forms_declare_what_their_queries_do() -> None:
    for name, form in queries._broad_forms().items():
        assert name in queries.BROAD
        canonical = queries.get(name)
        assert (form.params, form.outputs) == (canonical.params, canonical.outputs)
        assert queries._sorted_locally(form)[1:] == queries._sorted_locally(canonical)[1:]


def test_sources_trace_facts_to_sentences(fixture_store: Store) -> None:
    quotes = {r["quote"] for r in rows(fixture_store, "sources", entity="ARDPFF")}
    assert quotes == {"The Fund had 8.13 million USD, 1.5 million USD of which Russia paid each year."}
    lavrov = rows(fixture_store, "sources", entity="Sergei Lavrov")
    assert {r["quote"] for r in lavrov} == {"Lavrov met the Committee on February 17."}
    assert lavrov[0]["url"] == "https://example.org/a1" and lavrov[0]["date"] == "2022-02-10"
    with pytest.raises(KgError, match="needs -p entity"):
        queries.run(fixture_store, "sources")


def test_timeline_is_ordered(fixture_store: Store) -> None:
    assert [r["kind"] for r in rows(fixture_store, "timeline")] == ["Summit", "Meeting"]


def test_unknown_names_list_the_closest(fixture_store: Store) -> None:
    with pytest.raises(UnknownNameError, match="Closest known names: Russia"):
        queries.run(fixture_store, "events", actor="Rusia")
    with pytest.raises(KgError, match="no parameter 'colour'"):
        queries.run(fixture_store, "events", colour="red")
    with pytest.raises(KgError, match="not a date"):
        queries.run(fixture_store, "events", **{"from": "last week"})


@pytest.mark.parametrize(
    "hostile",
    [
        'Summit") } ; DROP ALL ; #',
        "Summit' } UNION { ?s ?p ?o } #",
        "Meeting\n}\nDELETE WHERE { ?s ?p ?o }",
        "} ; CLEAR ALL",
    ],
)
def test_parameters_cannot_break_out(fixture_store: Store, hostile: str) -> None:
    before = len(fixture_store)
    assert rows(fixture_store, "events", kind=hostile) == []
    assert rows(fixture_store, "actors", type=hostile) == []
    assert len(fixture_store) == before


def test_iri_parameters_cannot_break_out(fixture_store: Store) -> None:
    before = len(fixture_store)
    for hostile in ("http://x.org/a> } ; DROP ALL ; <http://x.org/b", "http://x.org/a b", "http://x.org/a>DROP"):
        with pytest.raises(KgError):
            queries.run(fixture_store, "events", actor=hostile)
    assert len(fixture_store) == before


RESTATED_CASES = [
    ("actors", {}), ("people", {}), ("people", {"actor": "Russia"}), ("events", {}), ("events", {"actor": "Russia"}),
    ("agreements", {}), ("agreements", {"actor": "ASEAN"}), ("plans", {}), ("plans", {"actor": "Russia"}),
    ("funds", {}), ("funds", {"actor": "Russia"}), ("fields", {}), ("indicators", {}), ("timeline", {}),
    ("sources", {"entity": "Russia"}),
]


@pytest.mark.parametrize(("name", "params"), RESTATED_CASES, ids=[f"{n}-{'-'.join(p.values())}" for n, p in RESTATED_CASES])
def test_facts_restated_in_other_articles_give_the_same_rows(fixture_store: Store, name: str, params: dict[str, str]) -> None:
    """Articles restate what they mention; the queries collapse the copies instead of multiplying them."""
    import pyoxigraph as ox

    before = rows(fixture_store, name, **params)
    assert before, "the fixture should answer this case"
    article_graphs = [g for g in fixture_store.graphs() if "/id/graph/" in g.value]
    assert len(article_graphs) >= 2
    copies = []
    for n in range(3):
        for g in article_graphs:
            copies += [ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(f"{g.value}-copy{n}"))
                       for q in fixture_store.oxigraph.quads_for_pattern(None, None, None, g)]
    fixture_store.add_graph(copies)
    assert len(fixture_store) > 3 * len(copies) // 3, "the copies should have landed"
    assert rows(fixture_store, name, **params) == before


RESTATED_PROGRESS = TRIG_PREFIXES + """

id:graph\\/b1 {
  id:country\\/RUS a kgo:Country, kgo:Actor ; rdfs:label "Russia" .
  id:plan\\/p a kgo:PlanOfAction, kgo:Plan ; rdfs:label "Plan P" ; kgo:startYear "2016"^^xsd:gYear ; kgo:endYear "2020"^^xsd:gYear ;
      kgo:linesTotal 139 ; kgo:linesDone 80 ; kgo:progressAsOf "2019-06-01"^^xsd:date .
  id:fund\\/g a kgo:Fund ; rdfs:label "Fund G" ; kgo:balance id:fund\\/g\\/b1 ; kgo:hasContribution id:fund\\/g\\/c1 .
  id:fund\\/g\\/b1 a kgo:MonetaryAmount ; kgo:amount 5000000.0 ; kgo:currency "USD" ; kgo:asOf "2019-06-01"^^xsd:date .
  id:fund\\/g\\/c1 a kgo:Contribution ; kgo:contributor id:country\\/RUS ; kgo:amount 1500000.0 ; kgo:frequency "year" .
}
id:graph\\/b2 {
  id:country\\/RUS a kgo:Country, kgo:Actor ; rdfs:label "Russia" .
  id:plan\\/p a kgo:PlanOfAction, kgo:Plan ; rdfs:label "Plan P" ; kgo:startYear "2016"^^xsd:gYear ; kgo:endYear "2020"^^xsd:gYear ;
      kgo:linesTotal 139 ; kgo:linesDone 99 ; kgo:progressAsOf "2021-02-28"^^xsd:date .
  id:fund\\/g a kgo:Fund ; rdfs:label "Fund G" ; kgo:balance id:fund\\/g\\/b2 ; kgo:hasContribution id:fund\\/g\\/c2, id:fund\\/g\\/c3 .
  id:fund\\/g\\/b2 a kgo:MonetaryAmount ; kgo:amount 8130000.0 ; kgo:currency "USD" ; kgo:asOf "2021-02-28"^^xsd:date .
  id:fund\\/g\\/c2 a kgo:Contribution ; kgo:contributor id:country\\/RUS ; kgo:amount 1500000.0 ; kgo:frequency "year" .
  id:fund\\/g\\/c3 a kgo:Contribution ; kgo:contributor id:country\\/RUS ; kgo:amount 2000000.0 .
}
id:graph\\/b3 {
  id:plan\\/p a kgo:PlanOfAction, kgo:Plan ; rdfs:label "Plan P" ; kgo:linesTotal 139 ; kgo:linesDone 60 .
  id:fund\\/g a kgo:Fund ; rdfs:label "Fund G" ; kgo:balance id:fund\\/g\\/b3 .
  id:fund\\/g\\/b3 a kgo:MonetaryAmount ; kgo:amount 100.0 ; kgo:currency "USD" .
}
"""


def test_restated_balances_and_progress_give_the_latest_not_a_cross_product() -> None:
    """Articles restating a fund or a plan with their own figures: the latest balance and progress, contributions by value."""
    import pyoxigraph as ox

    store = Store(None)
    store.ensure_ontology()
    store.oxigraph.load(RESTATED_PROGRESS.encode(), format=ox.RdfFormat.TRIG)
    store.rebuild_entities()
    assert rows(store, "funds") == [
        {"fund": ID + "fund/g", "label": "Fund G", "amount": "8130000", "currency": "USD", "asOf": "2021-02-28",
         "contributor": "Russia", "contribution": "1500000", "per": "year"},
        {"fund": ID + "fund/g", "label": "Fund G", "amount": "8130000", "currency": "USD", "asOf": "2021-02-28",
         "contributor": "Russia", "contribution": "2000000"},
    ]
    assert rows(store, "plans") == [
        {"plan": ID + "plan/p", "label": "Plan P", "start": "2016", "end": "2020", "linesTotal": "139",
         "linesDone": "99", "asOf": "2021-02-28"},
    ]


def test_the_embedded_store_sorts_rows_as_sparql_does() -> None:
    """ORDER BY is done in Python for the embedded store: numbers by value, dates by time, unbound first."""
    import pyoxigraph as ox

    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert queries._sorted_locally(queries.get("actors")) is not None  # the named queries take that path
    terms = [ox.Literal("10", datatype=ox.NamedNode(xsd + "integer")), None,
             ox.Literal("9", datatype=ox.NamedNode(xsd + "integer")), ox.Literal("2.5", datatype=ox.NamedNode(xsd + "decimal"))]
    assert [t and t.value for t in sorted(terms, key=queries._order_key)] == [None, "2.5", "9", "10"]
    dates = [ox.Literal("2021-10-01", datatype=ox.NamedNode(xsd + "date")), ox.Literal("2021", datatype=ox.NamedNode(xsd + "gYear")),
             ox.Literal("2020-12", datatype=ox.NamedNode(xsd + "gYearMonth"))]
    assert [t.value for t in sorted(dates, key=queries._order_key)] == ["2020-12", "2021", "2021-10-01"]
