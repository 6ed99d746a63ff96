"""Agreements and relationships: parties from "A-B", "between A and B", "A and B agreed"; since from years and anniversaries."""

from __future__ import annotations

import pytest
from _extract import run


@pytest.mark.parametrize("pair", ["ASEAN-Japan", "ASEAN \u2013 Japan", "ASEAN\u2013Japan", "ASEAN - Japan"])
def test_pair_with_any_dash(pair: str) -> None:
    agreements = run(f"Both leaders hailed the {pair} comprehensive strategic partnership.").agreements
    assert agreements == {"ASEAN-Japan comprehensive strategic partnership":
                          ("ComprehensiveStrategicPartnership", frozenset({"ASEAN", "Japan"}), None)}


@pytest.mark.parametrize(
    "text",
    [
        "The strategic partnership between ASEAN and the European Union was launched in December 2020.",
        "ASEAN and the European Union launched their strategic partnership in December 2020.",
        "In December 2020, the European Union and ASEAN launched a strategic partnership.",
    ],
    ids=["between", "subject-pair", "fronted-date"],
)
def test_parties_and_stated_start(text: str) -> None:
    ((kind, parties, since),) = run(text).agreements.values()
    assert kind == "StrategicPartnership"
    assert parties == {"ASEAN", "European Union"}
    assert since == "2020-12"  # the month the text gives, no day invented


def test_agreed_to_establish_in_a_year() -> None:
    agreements = run("ASEAN and Japan agreed to establish a comprehensive strategic partnership in 2023.").agreements
    assert agreements["ASEAN-Japan comprehensive strategic partnership"][2] == "2023"


def test_upgrade_to() -> None:
    agreements = run("Tokyo and ASEAN agreed to upgrade their relationship to a comprehensive strategic partnership "
                     "in September 2023.").agreements
    _, parties, since = agreements["ASEAN-Japan comprehensive strategic partnership"]
    assert parties == {"ASEAN", "Japan"}
    assert since == "2023-09"


@pytest.mark.parametrize(
    "text, date, label, kind, since",
    [
        ("2021 marks the 30th anniversary of ASEAN-China dialogue relations.", "2021-05-01",
         "ASEAN-China dialogue relations", "DialoguePartnership", "1991"),
        ("This year marks the 50th anniversary of ASEAN\u2013Japan friendship and cooperation.", "2023-03-01",
         "ASEAN-Japan relations", "Relations", "1973"),
        ("Next year the two sides will celebrate 30 years of the ASEAN-India dialogue partnership.", "2021-06-10",
         "ASEAN-India dialogue partnership", "DialoguePartnership", "1992"),
        ("The leaders marked the 35th anniversary of the establishment of ASEAN-Korea dialogue relations in 2024.",
         "2024-10-11", "ASEAN-Korea dialogue relations", "DialoguePartnership", "1989"),
        ("Twenty-five years of the ASEAN-Russia dialogue partnership were celebrated in 2021.", "2021-11-01",
         "ASEAN-Russia dialogue partnership", "DialoguePartnership", "1996"),
    ],
    ids=["marks", "this-year", "years-of", "establishment-of", "spelled-number"],
)
def test_since_from_anniversaries(text: str, date: str, label: str, kind: str, since: str) -> None:
    agreements = run(text, date).agreements
    got = {k.replace("South Korea", "Korea"): v for k, v in agreements.items()}
    assert got[label][0] == kind
    assert got[label][2] == since


@pytest.mark.parametrize(
    "text, since",
    [
        ("ASEAN-Korea dialogue relations were established in 1989.", "1989"),
        ("ASEAN has had dialogue relations with Australia since 1974.", "1974"),
        ("Australia became ASEAN's first dialogue partner in 1974.", "1974"),
    ],
)
def test_since_from_stated_years(text: str, since: str | None) -> None:
    agreements = run(text).agreements
    if since is None:
        assert all(v[2] is None for v in agreements.values())
    else:
        assert [v[2] for v in agreements.values()] == [since]


def test_named_treaty_with_acronym() -> None:
    view = run("The ASEAN-Australia-New Zealand Free Trade Agreement (AANZFTA) was signed in 2009 by the parties.")
    (agreement,) = view.facts.agreements.values()
    assert agreement.kind == "FreeTradeAgreement"
    assert agreement.label == "ASEAN-Australia-New Zealand Free Trade Agreement"
    assert {view.label(p) for p in agreement.parties} == {"ASEAN", "Australia", "New Zealand"}
    assert agreement.since == "2009"


def test_the_two_sides_relationship_is_the_focus_pair() -> None:
    agreements = run("ASEAN-India trade grew fast. Both sides vowed to deepen their comprehensive strategic "
                     "partnership.").agreements
    assert agreements["ASEAN-India comprehensive strategic partnership"][1] == {"ASEAN", "India"}


def test_memorandum_signed_gives_a_signing_event() -> None:
    view = run("Vietnam and Japan signed a memorandum of understanding on energy cooperation on Friday.")
    (agreement,) = view.facts.agreements.values()
    assert agreement.kind == "MemorandumOfUnderstanding"
    (event,) = view.events("Signing")
    assert view.participants(event) == {"Vietnam", "Japan"}
    assert event.date.value == "2024-06-07"


@pytest.mark.parametrize(
    "text",
    [
        "South Korea and ASEAN on Thursday elevated their relations to a comprehensive strategic partnership.",
        ("ASEAN and India marked 30 years of dialogue relations in 2022, when the partnership was raised to a "
         "comprehensive strategic partnership."),
    ],
)
def test_ties_raised_to_a_partnership_are_not_another_agreement(text: str) -> None:
    kinds = sorted(kind for kind, _, _ in run(text, "2024-10-10").agreements.values())
    assert "Relations" not in kinds and "Partnership" not in kinds
    assert "ComprehensiveStrategicPartnership" in kinds


def test_since_from_the_date_before_the_verb() -> None:
    agreements = run("South Korea and ASEAN on Thursday elevated their relations to a comprehensive strategic "
                     "partnership, as they mark the 35th anniversary of their dialogue relations this year.",
                     "2024-10-10").agreements
    since = {kind: s for kind, _, s in agreements.values()}
    assert since == {"ComprehensiveStrategicPartnership": "2024-10-10", "DialoguePartnership": "1989"}


def test_adopted_declaration_since_its_date() -> None:
    agreements = run("Japan and ASEAN on Sunday adopted a joint vision statement.", "2023-12-17").agreements
    assert [s for _, _, s in agreements.values()] == ["2023-12-17"]


def test_code_of_conduct_to_be_concluded() -> None:
    view = run("ASEAN and China agreed to speed up talks. China committed to conclude a Code of Conduct in the "
               "South China Sea within three years.")
    kinds = {a.kind: a for a in view.facts.agreements.values()}
    assert {view.label(p) for p in kinds["Treaty"].parties} == {"ASEAN", "China"}


@pytest.mark.parametrize(
    "text, label, since",
    [
        ("The leaders hailed the comprehensive strategic partnership that ASEAN and Japan launched in Tokyo last December.",
         "ASEAN-Japan comprehensive strategic partnership", "2023-12"),
        ("The ASEAN-Hong Kong Free Trade Agreement, which entered into force on June 11, 2019, has boosted trade.",
         "ASEAN-Hong Kong Free Trade Agreement", "2019-06-11"),
        ("Negotiations on the ASEAN-Canada Free Trade Agreement are expected to be concluded in 2026.",
         "ASEAN-Canada Free Trade Agreement", None),
    ],
    ids=["launched-last-month", "entered-into-force-on", "to-be-concluded-is-no-start"],
)
def test_since_from_the_verb_after_the_agreement(text: str, label: str, since: str | None) -> None:
    assert run(text).agreements[label][2] == since


def test_years_since_a_country_became_a_dialogue_partner() -> None:
    view = run("This year marks 50 years since New Zealand became ASEAN's dialogue partner.", date="2025-03-01")
    ((label, (kind, parties, since)),) = view.agreements.items()
    assert (kind, parties, since) == ("DialoguePartnership", frozenset({"New Zealand", "ASEAN"}), "1975")


def test_a_sentence_naming_no_party_speaks_of_the_article_pair() -> None:
    view = run("India and ASEAN held talks in Delhi. India and ASEAN agreed to meet again.\n\n"
               "The partnership, which began as a sectoral dialogue partnership in 1992, was upgraded to a "
               "strategic partnership in 2012.")
    got = {kind: since for kind, _, since in view.agreements.values()}
    assert got == {"DialoguePartnership": "1992", "StrategicPartnership": "2012"}


@pytest.mark.parametrize(
    "text, since",
    [
        ("The United States became ASEAN's dialogue partner in 1977.", "1977"),
        ("India became a full dialogue partner of ASEAN in 1995, the minister recalled.", "1995"),
        ("In 1977, Japan became a dialogue partner of ASEAN.", "1977"),
    ],
    ids=["possessive", "of-bloc", "fronted-year"],
)
def test_became_partner_in_year_states_the_start(text: str, since: str) -> None:
    ((_, _, found),) = run(text, "2023-11-15").agreements.values()
    assert found == since


@pytest.mark.parametrize(
    "text, date, since",
    [
        ("Biden hosted a dinner to mark the first anniversary of the U.S.-ASEAN Comprehensive Strategic Partnership.",
         "2023-11-15", "2022"),
        ("The leaders celebrated the twenty-fifth anniversary of ASEAN-Russia dialogue partnership.", "2021-10-28", "1996"),
        ("The event marked the second anniversary of the ASEAN-Australia Comprehensive Strategic Partnership.",
         "2023-10-28", "2021"),
    ],
    ids=["first-us-dot-dash", "twenty-fifth", "second"],
)
def test_word_ordinal_anniversary_derives_the_start(text: str, date: str, since: str) -> None:
    view = run(text, date)
    ((_, parties, found),) = view.agreements.values()
    assert found == since
    assert all(a.since_derived for a in view.facts.agreements.values())


@pytest.mark.parametrize("pair", ["U.S.-ASEAN", "ASEAN-U.S.", "U.S.\u2013ASEAN"])
def test_abbreviation_with_a_dash_names_both_sides(pair: str) -> None:
    view = run(f"The {pair} Comprehensive Strategic Partnership was launched in 2022.")
    ((kind, parties, _),) = view.agreements.values()
    assert kind == "ComprehensiveStrategicPartnership"
    assert parties == {"ASEAN", "United States"}
