"""Plans with periods and progress; funds with amounts, dates and contributions."""

from __future__ import annotations

import pytest
from _extract import run


@pytest.mark.parametrize(
    "period",
    ["for the 2021-2025 period", "2021-2025", "(2021\u20132025)", "for 2021 \u2013 2025", "for the period 2021-25"],
)
def test_plan_period(period: str) -> None:
    view = run(f"The ASEAN-Japan Plan of Action {period} guides the cooperation.")
    (plan,) = view.facts.plans.values()
    assert (plan.start, plan.end) == (2021, 2025)
    assert plan.label == "ASEAN-Japan Plan of Action 2021-2025"
    assert plan.kind == "PlanOfAction"


@pytest.mark.parametrize(
    "sentence, done, total, unit",
    [
        ("92 of 139 activities have been launched", 92, 139, "activities"),
        ("99 out of 139 lines of action were carried out", 99, 139, "lines of action"),
        ("some 45 of its 60 projects were completed", 45, 60, "projects"),
    ],
)
def test_plan_progress(sentence: str, done: int, total: int, unit: str) -> None:
    view = run(f"Under the ASEAN-India Plan of Action 2021-2025, {sentence} as of March 2024.")
    (plan,) = view.facts.plans.values()
    assert (plan.lines_done, plan.lines_total, plan.lines_unit) == (done, total, unit)
    assert plan.as_of.value == "2024-03"


def test_plan_acronym_and_progress_in_a_later_sentence() -> None:
    view = run("The ASEAN-Korea Work Plan (AKWP) for 2021-2025 was adopted. So far, 30 of 50 measures under the "
               "AKWP have been implemented.")
    (plan,) = view.facts.plans.values()
    assert plan.acronym == "AKWP"
    assert (plan.lines_done, plan.lines_total) == (30, 50)
    assert plan.kind == "WorkPlan"


def test_plan_implements_the_relationship() -> None:
    view = run("ASEAN and China adopted the Plan of Action to Implement the ASEAN-China Strategic Partnership "
               "for Peace and Prosperity (2021-2025).")
    (plan,) = view.facts.plans.values()
    assert (plan.start, plan.end) == (2021, 2025)
    assert plan.implements is not None
    assert view.facts.agreements[plan.implements].kind == "StrategicPartnership"


def test_fund_amount_date_and_yearly_contribution() -> None:
    view = run("As of June 30, the ASEAN-India Fund (AIF) had over 50 million USD, 5 million USD of which was "
               "contributed by India each year.")
    (fund,) = view.facts.funds.values()
    assert fund.label == "ASEAN-India Fund"
    assert fund.acronym == "AIF"
    assert (fund.amount, fund.currency) == (50_000_000, "USD")
    assert fund.as_of.value == "2024-06-30"
    ((contributor, amount, per),) = [(view.label(c.contributor), c.amount, c.per) for c in fund.contributions]
    assert (contributor, amount, per) == ("India", 5_000_000, "year")


@pytest.mark.parametrize(
    "text",
    [
        "The ASEAN-Korea Cooperation Fund has received 14 million USD annually from South Korea.",
        "South Korea contributes US$14 million every year to the ASEAN-Korea Cooperation Fund.",
    ],
)
def test_fund_contribution_forms(text: str) -> None:
    view = run(text)
    (fund,) = view.facts.funds.values()
    ((contributor, amount, per),) = [(view.label(c.contributor), c.amount, c.per) for c in fund.contributions]
    assert (contributor, amount, per) == ("South Korea", 14_000_000, "year")
    assert fund.amount is None


def test_fund_acronym_later() -> None:
    view = run("Japan set up the Japan-ASEAN Integration Fund (JAIF) in 2006. JAIF held 500 million USD by 2023.")
    (fund,) = view.facts.funds.values()
    assert fund.label == "Japan-ASEAN Integration Fund"
    assert (fund.amount, fund.currency) == (500_000_000, "USD")
    assert fund.sentences == {0, 1}


@pytest.mark.parametrize(
    "text, contributor, amount, per",
    [
        (("Yoon pledged to double Seoul's annual contribution to the ASEAN-Korea Cooperation Fund to 48 million "
          "dollars by 2027."), "South Korea", 48_000_000, "year"),
        (("Japan will continue its support and announced an additional contribution of 100 million US dollars to "
          "the Japan-ASEAN Integration Fund."), "Japan", 100_000_000, None),
    ],
    ids=["possessive-annual", "contribution-of"],
)
def test_contribution_phrases(text: str, contributor: str, amount: int, per: str | None) -> None:
    view = run(text)
    (fund,) = view.facts.funds.values()
    assert [(view.label(c.contributor), c.amount, c.per) for c in fund.contributions] == [(contributor, amount, per)]
    assert fund.amount is None


def test_plan_named_after_the_partnership_it_implements() -> None:
    view = run("The two sides reviewed the Comprehensive Plan of Action for the ASEAN-Russia Strategic Partnership "
               "for 2021-2025, of which 86 of 153 lines of action have been carried out.")
    (plan,) = view.facts.plans.values()
    assert (plan.start, plan.end, plan.lines_done, plan.lines_total) == (2021, 2025, 86, 153)


def test_contribution_of_goes_to_the_country_not_the_bloc_named_last() -> None:
    view = run("Minister Kamikawa stated that Japan will continue to support the ASEAN Outlook on the Indo-Pacific "
               "and announced an additional contribution of 100 million US dollars to the Japan-ASEAN Integration Fund.")
    (fund,) = view.facts.funds.values()
    assert [view.label(c.contributor) for c in fund.contributions] == ["Japan"]


@pytest.mark.parametrize(
    "sentence, done, total",
    [
        ("Officials said 40 of the 52 activities in the ASEAN-Korea Plan of Action 2021-2025 had been completed.", 40, 52),
        ("Nearly 90 of the 120 measures envisaged by the current ASEAN-Korea Plan of Action 2021-2025 have been "
         "implemented so far.", 90, 120),
        ("The two sides have implemented 75 of the 96 projects of the ASEAN-Korea Plan of Action 2021-2025.", 75, 96),
    ],
    ids=["plan-named-between", "envisaged-by", "verb-first"],
)
def test_plan_progress_with_the_plan_named_inside(sentence: str, done: int, total: int) -> None:
    view = run(sentence)
    (plan,) = view.facts.plans.values()
    assert (plan.start, plan.end, plan.lines_done, plan.lines_total) == (2021, 2025, done, total)


def test_a_generic_word_for_the_plan_is_the_named_plan() -> None:
    view = run("Officials said the 2021-2025 blueprint had served ASEAN and Korea well.\n\n"
               "The ASEAN-Korea Plan of Action 2021-2025 is nearly complete.")
    (plan,) = view.facts.plans.values()
    assert plan.kind == "PlanOfAction" and plan.label.endswith("Plan of Action 2021-2025")
    assert plan.sentences == {0, 1}


@pytest.mark.parametrize(
    "text, contributor, amount, per",
    [
        ("The ASEAN-China Cooperation Fund, to which Beijing transfers $5 mln every year, financed 20 projects.",
         "China", 5_000_000, "year"),
        ("South Korea has topped up the ASEAN-Korea Science and Innovation Fund with another $2 million.",
         "South Korea", 2_000_000, None),
        ("New Zealand will contribute an additional 3 million US dollars to the ASEAN-New Zealand Scholarship Fund.",
         "New Zealand", 3_000_000, None),
    ],
    ids=["to-which-capital", "topped-up-with", "contribute-to"],
)
def test_contribution_verbs(text: str, contributor: str, amount: int, per: str | None) -> None:
    view = run(text)
    (fund,) = view.facts.funds.values()
    assert [(view.label(c.contributor), c.amount, c.per) for c in fund.contributions] == [(contributor, amount, per)]
    assert fund.amount is None


def test_the_short_name_of_a_fund_is_the_fund_named_before() -> None:
    view = run("Japan set up the ASEAN-Japan Smart Cities Trust Fund in 2019. "
               "The Trust Fund held 12 million US dollars as at 31 March 2024.")
    (fund,) = view.facts.funds.values()
    assert (fund.label, fund.amount, fund.as_of.value) == ("ASEAN-Japan Smart Cities Trust Fund", 12_000_000, "2024-03-31")


@pytest.mark.parametrize(
    "text, label, start, end",
    [
        ("The EU launched a 40 million euro programme to support sustainable connectivity in ASEAN. "
         "The programme will run from 2024 to 2027.", "ASEAN-EU Programme 2024-2027", 2024, 2027),
        ("Japan announced a new 5 billion yen programme with ASEAN for disaster management, which runs from 2023 "
         "until 2026.", "ASEAN-Japan Programme 2023-2026", 2023, 2026),
        ("Australia and ASEAN unveiled a A$20 million programme on maritime cooperation covering 2025-2028.",
         "ASEAN-Australia Programme 2025-2028", 2025, 2028),
    ],
    ids=["period-in-next-sentence", "from-until", "covering-period"],
)
def test_an_unnamed_funded_programme_is_a_plan(text: str, label: str, start: int, end: int) -> None:
    view = run(text)
    (plan,) = view.facts.plans.values()
    assert (plan.kind, plan.label, plan.start, plan.end) == ("Programme", label, start, end)


def test_a_programme_without_amount_or_period_is_not_a_plan() -> None:
    assert not run("The two sides discussed a training programme for diplomats.").facts.plans


@pytest.mark.parametrize(
    "text, total, done, as_of",
    [
        ("The ASEAN-EU Plan of Action (2023-2027) now lists 60 activities, 25 of which have been completed as of "
         "end-2023.", 60, 25, "2023"),
        ("The ASEAN-India Plan of Action 2021-2025 contains 150 lines of action, 120 of which had been "
         "implemented as of June 2024.", 150, 120, "2024-06"),
    ],
    ids=["activities-of-which", "lines-of-which"],
)
def test_progress_written_as_total_then_of_which(text: str, total: int, done: int, as_of: str) -> None:
    (plan,) = run(text).facts.plans.values()
    assert (plan.lines_total, plan.lines_done, plan.as_of.value) == (total, done, as_of)


def test_a_funded_programme_without_a_period_is_a_plan_and_the_programme_refers_back() -> None:
    view = run("Japan launched a programme worth 3 billion yen with ASEAN on digital skills. "
               "The programme will train 2,000 officials and run from 2025 to 2028.")
    (plan,) = view.facts.plans.values()
    assert (plan.kind, plan.label, plan.start, plan.end, plan.sentences) == \
        ("Programme", "ASEAN-Japan Programme 2025-2028", 2025, 2028, {0, 1})


@pytest.mark.parametrize(
    "text, giver, amount, per",
    [
        ("The Smart Cities Fund supports projects in the region. Seoul has contributed US$14 million annually to the fund "
         "since 2019.", "South Korea", 14_000_000, "year"),
        ("The Smart Cities Fund supports projects in the region. Australia contributed US$5 million to the fund in 2023.",
         "Australia", 5_000_000, None),
        ("The Green Recovery Fund was set up in 2021. Tokyo will provide an additional US$20 million to this fund.",
         "Japan", 20_000_000, None),
    ],
    ids=["capital-annually", "country-past", "capital-this-fund"],
)
def test_contribution_to_the_fund_named_before(text: str, giver: str, amount: int, per: str | None) -> None:
    view = run(text)
    (fund,) = view.facts.funds.values()
    assert [(view.label(c.contributor), int(c.amount), c.per) for c in fund.contributions] == [(giver, amount, per)]
    assert fund.amount is None


def test_the_fund_spending_is_not_its_size() -> None:
    view = run("The Smart Cities Fund supports projects. So far the fund has disbursed US$3 million to 50 projects.")
    (fund,) = view.facts.funds.values()
    assert fund.amount is None and not fund.contributions


@pytest.mark.parametrize(
    "text, label, amount, currency",
    [
        ("Australia will set up a $2 billion Southeast Asia Investment Financing Facility to provide loans to "
         "Australian businesses.", "Southeast Asia Investment Financing Facility", 2_000_000_000, "AUD"),
        ("Japan launched the ASEAN Green Finance Facility with US$500 million in capital.",
         "ASEAN Green Finance Facility", 500_000_000, "USD"),
    ],
    ids=["investment-financing", "finance"],
)
def test_named_financing_facility_is_a_fund(text: str, label: str, amount: int, currency: str) -> None:
    (fund,) = run(text).facts.funds.values()
    assert (fund.label, int(fund.amount), fund.currency) == (label, amount, currency)


def test_other_facilities_are_no_fund() -> None:
    assert not run("The new Training Facility in Da Nang cost $5 million.").facts.funds
