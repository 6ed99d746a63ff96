"""Fields of cooperation from lists, and trade and investment figures with value, unit, period and pair."""

from __future__ import annotations

from decimal import Decimal

import pytest
from _extract import run


@pytest.mark.parametrize(
    "cue",
    ["in areas such as", "in the fields of", "focusing on", "including cooperation in", "with priority sectors including"],
)
def test_field_lists_after_any_cue(cue: str) -> None:
    view = run(f"ASEAN and Korea will deepen cooperation {cue} digital transformation, maritime security and "
               "people-to-people exchanges.")
    assert {concept for concept, _ in view.fields} == {"digital-economy", "maritime-cooperation", "people-to-people"}
    assert ("maritime-cooperation", "maritime security") in view.fields


def test_fields_keep_the_article_words_and_subject() -> None:
    view = run("The ASEAN-EU Plan of Action 2023-2027 covers climate change, connectivity and education.")
    (plan,) = view.facts.plans.values()
    assert {m.subject for m in view.facts.fields} == {plan.key}
    assert {words for _, words in view.fields} == {"climate change", "connectivity", "education"}


def test_no_fields_without_a_cooperation_cue() -> None:
    assert run("The minister praised the education of young people in his hometown.").fields == set()


def test_words_inside_an_organization_name_are_not_fields() -> None:
    view = run("The ASEAN Economic Ministers met the Eurasian Economic Commission to discuss cooperation.")
    assert all(words.lower() != "economic" for _, words in view.fields)


@pytest.mark.parametrize(
    "text, label, value, unit, date, change",
    [
        ("Two-way trade between ASEAN and China hit 975.3 billion USD in 2022, up 11.2 percent.",
         "two-way trade", Decimal(975300000000), "USD", "2022", Decimal("11.2")),
        ("In 2023, ASEAN-China trade reached US$911.7 billion, down 4.9 per cent year on year.",
         "trade", Decimal(911700000000), "USD", "2023", Decimal("-4.9")),
        ("Bilateral trade between India and ASEAN stood at USD 131.5 billion in 2023.",
         "bilateral trade", Decimal(131500000000), "USD", "2023", None),
        ("Australia's two-way trade with ASEAN totalled A$178 bn in 2022.",
         "two-way trade", Decimal(178000000000), "AUD", "2022", None),
    ],
    ids=["hit-up", "fronted-year-down", "stood-at", "aud-bn"],
)
def test_trade_indicators(text: str, label: str, value: Decimal, unit: str, date: str, change: Decimal | None) -> None:
    view = run(text)
    (indicator,) = view.facts.indicators
    assert (indicator.label, indicator.value, indicator.unit) == (label, value, unit)
    assert indicator.date.value == date
    assert indicator.change == change
    assert len(indicator.about) == 2


def test_indicator_pair_from_between() -> None:
    view = run("Two-way trade between ASEAN and China hit 975.3 billion USD in 2022.")
    (indicator,) = view.facts.indicators
    assert {view.label(k) for k in indicator.about} == {"ASEAN", "China"}


def test_investment_figure() -> None:
    view = run("Japanese foreign direct investment in ASEAN was US$26.7 billion in 2022.")
    (indicator,) = view.facts.indicators
    assert (indicator.label, indicator.value, indicator.unit) == ("foreign direct investment", Decimal(26700000000), "USD")


@pytest.mark.parametrize(
    "money, value, code",
    [("US$20 bn", Decimal(20000000000), "USD"), ("A$222.5 mn", Decimal(222500000), "AUD"),
     ("USD 2.758 billion", Decimal(2758000000), "USD"), ("EUR 10 million", Decimal(10000000), "EUR")],
)
def test_money_forms_in_a_trade_figure(money: str, value: Decimal, code: str) -> None:
    (indicator,) = run(f"ASEAN-Australia trade reached {money} in 2023.").facts.indicators
    assert (indicator.value, indicator.unit) == (value, code)


def test_work_with_on_is_a_field_cue() -> None:
    view = run("China is ready to work with the bloc on connectivity, green economy and the digital economy.")
    assert {c for c, _ in view.fields} == {"connectivity", "sustainable-development", "digital-economy"}


def test_field_inside_a_fund_name_is_not_a_field() -> None:
    view = run("Japan will support youth exchanges through the Japan-ASEAN Integration Fund.")
    assert all(words != "ASEAN Integration" for _, words in view.fields)


@pytest.mark.parametrize(
    "text, pair",
    [
        ("Australia's two-way trade with ASEAN reached A$178 billion in 2022.", {"Australia", "ASEAN"}),
        ("Japanese direct investment in ASEAN totaled 3.6 trillion yen in 2022.", {"Japan", "ASEAN"}),
        ("Korea's trade with ASEAN came to 189 billion dollars last year.", {"South Korea", "ASEAN"}),
    ],
)
def test_owner_and_other_side_of_a_figure(text: str, pair: set[str]) -> None:
    view = run(text)
    (indicator,) = view.facts.indicators
    assert {view.label(k) for k in indicator.about} == pair


@pytest.mark.parametrize(
    "text, unit",
    [
        ("Media release. Australia's two-way trade with ASEAN reached $178 billion in 2022, Australia said.", "AUD"),
        ("SINGAPORE - Singapore's trade with ASEAN reached $310 billion in 2023.", "SGD"),
        ("HANOI (VNA) - Australia's trade with ASEAN reached $178 billion in 2022.", "USD"),
        ("SINGAPORE - Singapore's trade with ASEAN reached US$230 billion in 2023.", "USD"),
    ],
    ids=["australian-release", "singapore-dateline", "vietnamese-agency", "explicit-us-dollar"],
)
def test_bare_dollar_is_the_local_dollar(text: str, unit: str) -> None:
    (indicator,) = run(text).facts.indicators
    assert indicator.unit == unit


@pytest.mark.parametrize("verb", ["boost", "promote", "strengthen", "step up", "deepen"])
def test_cooperation_verbs_cue_a_field_list(verb: str) -> None:
    view = run(f"ASEAN and Japan agreed to {verb} trade, investment and tourism.")
    assert {c for c, _ in view.fields} == {"trade", "investment", "tourism"}


def test_figure_after_a_growth_clause() -> None:
    view = run("Trade between Japan and ASEAN grew by 3.1% in 2023 and reached about $240 bln, the ministry said.")
    (ind,) = view.facts.indicators
    assert (ind.label, ind.value, ind.unit, ind.date.value) == ("trade", Decimal("240000000000"), "USD", "2023")


@pytest.mark.parametrize(
    "text",
    [
        "Wang held talks with Indonesian Foreign Minister Retno Marsudi on maritime security and the fight "
        "against terrorism.",
        "The two ministers held talks in Tokyo on Monday about maritime security and combating terrorism.",
    ],
    ids=["talks-with-on", "talks-about"],
)
def test_talks_on_topics_give_fields(text: str) -> None:
    assert {c for c, _ in run(text).fields} == {"maritime-cooperation", "counter-terrorism"}
