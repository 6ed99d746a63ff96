"""Date expressions and year periods: kg.extract.dates on sentences written for these tests."""

from __future__ import annotations

import random
import time
from datetime import date

import pytest

from kg.extract.dates import DateValue, find_dates, find_periods

REF = date(2022, 2, 10)  # a Thursday
REF_APRIL = date(2021, 4, 2)  # a Friday


def _one(text: str, ref: date | None) -> DateValue:
    found = find_dates(text, ref)
    assert len(found) == 1, found
    d = found[0]
    assert text[d.start:d.end] == d.text
    return d


# (sentence, ref, value, precision, earliest, latest, matched text)
SINGLE = [
    # the anchors of the brief
    ("Leaders attended the summit last October.", REF, "2021-10", "month", "2021-10-01", "2021-10-31", "last October"),
    ("As of February 28, the fund had more than 8 million dollars.", REF_APRIL, "2021-02-28", "day", "2021-02-28", "2021-02-28", "February 28"),
    ("The event is scheduled to take place on February 17.", REF, "2022-02-17", "day", "2022-02-17", "2022-02-17", "February 17"),
    ("In late January, the minister spoke before lawmakers.", REF, "2022-01", "month", "2022-01-01", "2022-01-31", "late January"),
    # day and month written in different orders and styles
    ("The agreement was signed on March 13, 2021 in Hanoi.", REF, "2021-03-13", "day", "2021-03-13", "2021-03-13", "March 13, 2021"),
    ("The agreement was signed on 13 March 2021 in Hanoi.", REF, "2021-03-13", "day", "2021-03-13", "2021-03-13", "13 March 2021"),
    ("The agreement was signed on the 13th of March, 2021.", REF, "2021-03-13", "day", "2021-03-13", "2021-03-13", "13th of March, 2021"),
    ("Talks resumed on Sept. 5 after a pause.", REF, "2021-09-05", "day", "2021-09-05", "2021-09-05", "Sept. 5"),
    ("Talks resumed on Feb. 2 after a pause.", REF, "2022-02-02", "day", "2022-02-02", "2022-02-02", "Feb. 2"),
    ("Delegates will meet again on Apr 30.", REF, "2022-04-30", "day", "2022-04-30", "2022-04-30", "Apr 30"),
    ("The forum closed on December 3rd.", REF, "2021-12-03", "day", "2021-12-03", "2021-12-03", "December 3rd"),
    ("A new round opened on 21 December.", REF, "2021-12-21", "day", "2021-12-21", "2021-12-21", "21 December"),
    ("The report is dated 2021-02-28 and was released later.", REF, "2021-02-28", "day", "2021-02-28", "2021-02-28", "2021-02-28"),
    ("The report is dated 28/02/2021 and was released later.", REF, "2021-02-28", "day", "2021-02-28", "2021-02-28", "28/02/2021"),
    ("The report is dated 05.03.2021 and was released later.", REF, "2021-03-05", "day", "2021-03-05", "2021-03-05", "05.03.2021"),
    ("The memo dated 02/28/2021 was leaked.", REF, "2021-02-28", "day", "2021-02-28", "2021-02-28", "02/28/2021"),
    ("A leap-day session was held on February 29, 2024.", REF, "2024-02-29", "day", "2024-02-29", "2024-02-29", "February 29, 2024"),
    # month precision
    ("Trade rose sharply in March 2021 compared with a year earlier.", REF, "2021-03", "month", "2021-03-01", "2021-03-31", "March 2021"),
    ("The first shipment arrived in October of 2019.", REF, "2019-10", "month", "2019-10-01", "2019-10-31", "October of 2019"),
    ("The ministers met in November to prepare the summit.", REF, "2021-11", "month", "2021-11-01", "2021-11-30", "November"),
    ("Both sides will hold consultations in April.", REF, "2022-04", "month", "2022-04-01", "2022-04-30", "April"),
    ("Both sides will hold consultations in early March.", REF, "2022-03", "month", "2022-03-01", "2022-03-31", "early March"),
    ("The delegation arrived in mid-April 2019.", REF, "2019-04", "month", "2019-04-01", "2019-04-30", "mid-April 2019"),
    ("The plan will be reviewed at the end of March.", REF, "2022-03", "month", "2022-03-01", "2022-03-31", "end of March"),
    ("The October summit adopted a joint statement.", REF, "2021-10", "month", "2021-10-01", "2021-10-31", "October"),
    ("The leaders recalled December's meeting in Seoul.", REF, "2021-12", "month", "2021-12-01", "2021-12-31", "December"),
    ("Negotiations will conclude next September.", REF, "2022-09", "month", "2022-09-01", "2022-09-30", "next September"),
    ("Negotiations concluded last February.", REF, "2021-02", "month", "2021-02-01", "2021-02-28", "last February"),
    ("Negotiations will conclude this July.", REF, "2022-07", "month", "2022-07-01", "2022-07-31", "this July"),
    ("Prices were published last month.", REF, "2022-01", "month", "2022-01-01", "2022-01-31", "last month"),
    ("Prices will be published next month.", date(2021, 12, 20), "2022-01", "month", "2022-01-01", "2022-01-31", "next month"),
    ("Exports rose by a fifth this month.", REF, "2022-02", "month", "2022-02-01", "2022-02-28", "this month"),
    ("The 2021-10 figures were revised.", REF, "2021-10", "month", "2021-10-01", "2021-10-31", "2021-10"),
    # a range of days inside one month: the month, bounded by the days
    ("The games take place on February 14-16, 2021 in Manila.", REF, "2021-02", "month", "2021-02-14", "2021-02-16", "February 14-16, 2021"),
    ("The exercise runs 14\u201316 March off the coast.", REF, "2022-03", "month", "2022-03-14", "2022-03-16", "14\u201316 March"),
    # years
    ("ASEAN was founded in 1967 in Bangkok.", REF, "1967", "year", "1967-01-01", "1967-12-31", "1967"),
    ("2021 marks the 30th anniversary of the relations.", REF_APRIL, "2021", "year", "2021-01-01", "2021-12-31", "2021"),
    ("The 2020 summit was held online.", REF, "2020", "year", "2020-01-01", "2020-12-31", "2020"),
    ("Trade has doubled since 2018.", REF, "2018", "year", "2018-01-01", "2018-12-31", "2018"),
    ("The railway opened in 1899.", REF, "1899", "year", "1899-01-01", "1899-12-31", "1899"),
    ("The plant will be completed in early 2021.", REF, "2021", "year", "2021-01-01", "2021-12-31", "early 2021"),
    ("The plant will be completed by mid-2023.", REF, "2023", "year", "2023-01-01", "2023-12-31", "mid-2023"),
    ("The plant will be completed by the end of 2024.", REF, "2024", "year", "2024-01-01", "2024-12-31", "end of 2024"),
    ("Growth slowed in Q4 2021.", REF, "2021", "year", "2021-10-01", "2021-12-31", "Q4 2021"),
    ("Growth slowed in Q2/2020.", REF, "2020", "year", "2020-04-01", "2020-06-30", "Q2/2020"),
    ("Growth slowed in the fourth quarter of 2021.", REF, "2021", "year", "2021-10-01", "2021-12-31", "fourth quarter of 2021"),
    ("Growth slowed in the third quarter of last year.", REF, "2021", "year", "2021-07-01", "2021-09-30", "third quarter of last year"),
    ("Growth picked up in the first half of 2019.", REF, "2019", "year", "2019-01-01", "2019-06-30", "first half of 2019"),
    ("Growth picked up in H2 2019.", REF, "2019", "year", "2019-07-01", "2019-12-31", "H2 2019"),
    ("Bilateral trade grew last year.", REF, "2021", "year", "2021-01-01", "2021-12-31", "last year"),
    ("Bilateral trade is expected to grow next year.", REF, "2023", "year", "2023-01-01", "2023-12-31", "next year"),
    ("Earlier this year, the two sides agreed to cooperate.", REF, "2022", "year", "2022-01-01", "2022-12-31", "this year"),
    # days relative to the article
    ("The minister arrived in Jakarta yesterday.", REF, "2022-02-09", "day", "2022-02-09", "2022-02-09", "yesterday"),
    ("Today, the council adopted the statement.", REF, "2022-02-10", "day", "2022-02-10", "2022-02-10", "Today"),
    ("The talks will continue tomorrow.", REF, "2022-02-11", "day", "2022-02-11", "2022-02-11", "tomorrow"),
    ("The spokeswoman said on Tuesday that the visit went well.", REF, "2022-02-08", "day", "2022-02-08", "2022-02-08", "Tuesday"),
    ("The spokeswoman said on Thursday that the visit went well.", REF, "2022-02-10", "day", "2022-02-10", "2022-02-10", "Thursday"),
    ("The spokeswoman said on Friday that the visit went well.", REF, "2022-02-04", "day", "2022-02-04", "2022-02-04", "Friday"),
    ("The ministers will talk again next Monday.", REF, "2022-02-14", "day", "2022-02-14", "2022-02-14", "next Monday"),
    ("The ministers talked last Thursday.", REF, "2022-02-03", "day", "2022-02-03", "2022-02-03", "last Thursday"),
    # the year of a bare date follows the window around the article date
    ("Leaders met on December 30 to sign the plan.", date(2022, 1, 5), "2021-12-30", "day", "2021-12-30", "2021-12-30", "December 30"),
    ("Leaders will meet on January 3 to sign the plan.", date(2021, 12, 20), "2022-01-03", "day", "2022-01-03", "2022-01-03", "January 3"),
    ("Leaders met on May 20 to sign the plan.", REF, "2021-05-20", "day", "2021-05-20", "2021-05-20", "May 20"),
    ("Leaders will meet on May 10 to sign the plan.", REF, "2022-05-10", "day", "2022-05-10", "2022-05-10", "May 10"),
    ("Leaders met last October.", date(2021, 10, 20), "2020-10", "month", "2020-10-01", "2020-10-31", "last October"),
]


@pytest.mark.parametrize(("text", "ref", "value", "precision", "earliest", "latest", "matched"), SINGLE)
def test_single_date(text, ref, value, precision, earliest, latest, matched):
    d = _one(text, ref)
    assert (d.value, d.precision, d.earliest.isoformat(), d.latest.isoformat(), d.text) == (
        value, precision, earliest, latest, matched)


def test_several_dates_in_order_with_offsets():
    text = "The visit on 13 March 2021 followed talks on March 1 and preceded the summit in October 2021."
    found = find_dates(text, REF)
    assert [d.value for d in found] == ["2021-03-13", "2022-03-01", "2021-10"]
    assert all(text[d.start:d.end] == d.text for d in found)
    assert [d.start for d in found] == sorted(d.start for d in found)


def test_years_joined_by_and_are_two_dates():
    found = find_dates("In 2021 and 2022 the talks continued.", REF)
    assert [(d.value, d.text) for d in found] == [("2021", "2021"), ("2022", "2022")]


def test_months_of_a_range_are_each_resolved():
    found = find_dates("Between March and May, and from September to November, trade grew.", REF)
    assert [d.value for d in found] == ["2022-03", "2022-05", "2021-09", "2021-11"]


def test_relative_words_in_one_paragraph():
    text = "Last year trade fell; this year it recovered, and next year it should grow. Yesterday, today and tomorrow."
    assert [d.value for d in find_dates(text, REF)] == ["2021", "2022", "2023", "2022-02-09", "2022-02-10", "2022-02-11"]


NOTHING = [
    "The two sides agreed to deepen the strategic partnership in many fields.",
    "Officials met last week to review progress.",  # too vague
    "Over the last year, trade has grown steadily.",  # the past twelve months, not a calendar year
    "Over 2000 people attended the opening of the fair.",  # a count
    "The company exported 2021 tonnes of rice.",  # a count
    "The council adopted resolution 2019 on the matter.",  # a number
    "Prime Minister Theresa May spoke to the press.",  # a name, not a month
    "The delegates may march together.",  # verbs
    "Invalid dates: 2021-13-45, 2021-02-30, 0000-01-01 and 31/04/2021.",
    "The session on February 30, 2021 never took place.",
    "In 2016-2020 and for the 2021\u20132025 period the plan was carried out.",  # periods, not dates
    "The 1990s were a decade of growth.",
    "Turnover reached 1,999 units and 2,021 cases.",
    "Decree No. 15/2021/ND-CP took effect.",
    "Call the embassy on +84 24 3823 2040 for details.",  # a phone number
    "The tickets cost USD 2000 each, or $ 2000 at the door.",  # amounts
    "The mission opened 12 new offices and 4 desks.",
]


@pytest.mark.parametrize("text", NOTHING)
def test_no_date(text):
    assert find_dates(text, REF) == []


NEEDS_REF = [
    "The event takes place on February 17.",
    "Leaders attended the summit last October.",
    "In late January, the minister spoke.",
    "Trade grew last year and will grow next month.",
    "The minister arrived yesterday.",
    "The spokeswoman said on Tuesday that talks went well.",
    "The ministers met in November.",
]


@pytest.mark.parametrize("text", NEEDS_REF)
def test_without_ref_only_dates_with_their_own_year(text):
    assert find_dates(text, None) == []


def test_without_ref_dates_with_a_year_are_kept():
    text = "Signed on March 13, 2021, effective in 2022 and reviewed in Q1 2023."
    assert [(d.value, d.precision) for d in find_dates(text, None)] == [("2021-03-13", "day"), ("2022", "year"), ("2023", "year")]


def test_bare_leap_day_out_of_window_is_dropped():
    assert find_dates("The fund was set up on February 29.", date(2021, 3, 10)) == []
    assert [d.value for d in find_dates("The fund was set up on February 29.", date(2020, 3, 10))] == ["2020-02-29"]


def test_periods_are_not_dates():
    text = "Under the plan for 2016-2020, and the new one for 2021-2025, 99 lines were done in 2020."
    assert [d.value for d in find_dates(text, REF)] == ["2020"]


PERIODS = [
    ("the Comprehensive Plan of Action for the 2016-2020 period", [(2016, 2020, "2016-2020")]),
    ("the Comprehensive Plan of Action 2016\u20132020", [(2016, 2020, "2016\u20132020")]),
    ("the plan of action 2016 \u2014 2020", [(2016, 2020, "2016 \u2014 2020")]),
    ("a work plan running from 2016 to 2020", [(2016, 2020, "2016 to 2020")]),
    ("the plan for 2021-25 was adopted", [(2021, 2025, "2021-25")]),
    ("the 2019/20 academic year", [(2019, 2020, "2019/20")]),
    ("trade doubled between 2010 and 2020", [(2010, 2020, "2010 and 2020")]),
    ("in 2010 and 2020 the summits were held in Hanoi", []),
    ("the 2021-02 figures and the 2021-02-28 report", []),
    ("from 2020-2010 backwards", []),
    ("2021-2025 and 2026-2030", [(2021, 2025, "2021-2025"), (2026, 2030, "2026-2030")]),
    ("no years here at all", []),
]


@pytest.mark.parametrize(("text", "expected"), PERIODS)
def test_find_periods(text, expected):
    found = find_periods(text)
    assert [(a, b, text[s:e]) for a, b, s, e in found] == expected


def test_dates_are_frozen_values():
    d = _one("Signed on March 13, 2021.", None)
    with pytest.raises(AttributeError):
        d.value = "2020"  # type: ignore[misc]


def test_long_noisy_text_does_not_hang():
    rng = random.Random(7)
    pieces = ["March", "May", "2021", "-", "13", "/", "02", "late", "last", "October", "Q4", "of", "the", "1,500",
              "Tuesday", "2016\u20132020", "early", "mid-", "28.02.2021", "next", "year", "quarter", "first", ",", "12"]
    text = " ".join(rng.choice(pieces) for _ in range(20000))
    started = time.perf_counter()
    found = find_dates(text, REF)
    find_periods(text)
    assert time.perf_counter() - started < 5
    assert found and all(text[d.start:d.end] == d.text for d in found)
    assert all(d.earliest <= d.latest for d in found)


def test_sentence_without_date_is_cheap():
    text = ("The two sides affirmed the need to closely work together to cope with the pandemic and promote recovery "
            "in a comprehensive and sustainable manner, focusing on fields of mutual concern such as trade.")
    started = time.perf_counter()
    for _ in range(2000):
        assert find_dates(text, REF) == []
    assert (time.perf_counter() - started) / 2000 < 200e-6  # generous bound for slow CI machines
