"""Resolution: acronyms defined in the text, "the two sides", surnames, and spelling variants as one node."""

from __future__ import annotations

import pytest
from _extract import run


def test_acronym_defined_in_text_refers_to_the_plan() -> None:
    view = run("The ASEAN-China Comprehensive Plan of Action (CPA) for 2021-2025 was adopted. "
               "So far 80 of 100 lines of action of the CPA have been carried out.")
    (plan,) = view.facts.plans.values()
    assert plan.acronym == "CPA"
    assert (plan.lines_done, plan.lines_total) == (80, 100)
    assert plan.sentences == {0, 1}


def test_acronym_defined_in_text_refers_to_the_organization() -> None:
    view = run("The Mekong Institute for Water Studies (MIWS) published a report. Officials of MIWS presented it.")
    org = next(a for a in view.facts.actors.values() if a.label == "Mekong Institute for Water Studies")
    assert org.acronym == "MIWS"


@pytest.mark.parametrize("phrase", ["the two sides", "both sides", "The two sides", "the sides"])
def test_the_two_sides_are_the_focus_pair(phrase: str) -> None:
    view = run(f"ASEAN-Japan ties are strong. At the ASEAN-Japan Summit in Jakarta on 6 September, {phrase} "
               "agreed to meet again.")
    (event,) = view.events()
    assert view.participants(event) >= {"ASEAN", "Japan"}


def test_surname_after_full_name_is_the_same_person() -> None:
    view = run("US Secretary of State Antony Blinken met Thai Foreign Minister Maris Sangiampongsa on Monday. "
               "Blinken later met the ASEAN Secretary-General.")
    people = sorted(a.label for a in view.facts.actors.values() if a.kind == "Person")
    assert people == ["Antony Blinken", "Maris Sangiampongsa"]
    blinken = next(a for a in view.facts.actors.values() if a.label == "Antony Blinken")
    assert blinken.sentences == {0, 1}


@pytest.mark.parametrize("first, second", [("Viet Nam", "Vietnam"), ("Vietnam", "Viet Nam")])
def test_viet_nam_and_vietnam_are_one_node(first: str, second: str) -> None:
    view = run(f"{first} hosted the meeting. {second} said it would host another one.")
    assert [a.key for a in view.facts.actors.values() if a.kind == "Country"] == ["country/VNM"]


@pytest.mark.parametrize("first, second", [("ASEAN \u2013 Russia", "ASEAN-Russia"), ("ASEAN-Russia", "ASEAN \u2014 Russia")])
def test_pair_spelled_with_different_dashes_is_one_relationship(first: str, second: str) -> None:
    view = run(f"The {first} strategic partnership grew. Officials praised the {second} strategic partnership.")
    assert list(view.agreements) == ["ASEAN-Russia strategic partnership"]
    (agreement,) = view.facts.agreements.values()
    assert agreement.sentences == {0, 1}


@pytest.mark.parametrize("name", ["Republic of Korea", "South Korea", "ROK", "Korea"])
def test_korea_aliases_are_one_country(name: str) -> None:
    view = run(f"ASEAN and the {name} held talks." if name != "Korea" else "ASEAN and Korea held talks.")
    assert "country/KOR" in view.facts.actors


def test_same_actor_in_two_articles_has_the_same_key() -> None:
    a = run("The European Union and ASEAN met.")
    b = run("The EU said it supported ASEAN centrality.")
    assert "org/european-union" in a.facts.actors and "org/european-union" in b.facts.actors
