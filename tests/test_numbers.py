"""Money, percentages and numbers: kg.extract.numbers on sentences written for these tests."""

from __future__ import annotations

import random
import time
from decimal import Decimal

import pytest

from kg.extract.numbers import Money, find_money, find_percentages, parse_number

# (sentence, amount, currency, matched text, approximate)
MONEY = [
    ("The fund had over 8.13 million USD at the end of the year.", "8130000", "USD", "8.13 million USD", True),
    ("Russia contributes 1.5 million USD each year.", "1500000", "USD", "1.5 million USD", False),
    ("Two-way trade reached USD 2.758 billion last year.", "2758000000", "USD", "USD 2.758 billion", False),
    ("The bank approved a US$20 bn loan.", "20000000000", "USD", "US$20 bn", False),
    ("The bank approved a U.S.$20 bn loan.", "20000000000", "USD", "U.S.$20 bn", False),
    ("Investment topped $20bn in 2021.", "20000000000", "USD", "$20bn", False),
    ("A grant of $1.5m was announced.", "1500000", "USD", "$1.5m", False),
    ("Canberra pledged A$222.5 mn for the programme.", "222500000", "AUD", "A$222.5 mn", False),
    ("Canberra pledged AU$ 40 million for the programme.", "40000000", "AUD", "AU$ 40 million", False),
    ("The donors gave 5 million US dollars.", "5000000", "USD", "5 million US dollars", False),
    ("The donors gave 5 million U.S. dollars.", "5000000", "USD", "5 million U.S. dollars", False),
    ("The donors gave about 10 million dollars.", "10000000", "USD", "10 million dollars", True),
    ("Brussels set aside \u20ac3 billion for the region.", "3000000000", "EUR", "\u20ac3 billion", False),
    ("Brussels set aside EUR 3bn for the region.", "3000000000", "EUR", "EUR 3bn", False),
    ("Brussels set aside nearly 3 billion euros for the region.", "3000000000", "EUR", "3 billion euros", True),
    ("Tokyo lent 20 billion yen to the project.", "20000000000", "JPY", "20 billion yen", False),
    ("Tokyo lent \u00a5100 billion to the project.", "100000000000", "JPY", "\u00a5100 billion", False),
    ("The ministry spent VND 5 trillion on roads.", "5000000000000", "VND", "VND 5 trillion", False),
    ("The ministry spent 5 trillion VND on roads.", "5000000000000", "VND", "5 trillion VND", False),
    ("The ministry spent 5,000 billion dong on roads.", "5000000000000", "VND", "5,000 billion dong", False),
    ("Tickets cost 30,000 Vietnamese dong.", "30000", "VND", "30,000 Vietnamese dong", False),
    ("New Delhi allocated Rs 100 crore to the centre.", "1000000000", "INR", "Rs 100 crore", False),
    ("New Delhi allocated Rs. 1.5 lakh crore to railways.", "1500000000000", "INR", "Rs. 1.5 lakh crore", False),
    ("New Delhi allocated 250 crore rupees to the port.", "2500000000", "INR", "250 crore rupees", False),
    ("Kuala Lumpur invested RM1.2 billion in the line.", "1200000000", "MYR", "RM1.2 billion", False),
    ("Kuala Lumpur invested 800 million ringgit in the line.", "800000000", "MYR", "800 million ringgit", False),
    ("Singapore committed S$50 million to the fund.", "50000000", "SGD", "S$50 million", False),
    ("The contract is worth 100,000 USD.", "100000", "USD", "100,000 USD", False),
    ("The contract is worth USD100,000.", "100000", "USD", "USD100,000", False),
    ("Moscow provided 1.5 mln USD for the projects.", "1500000", "USD", "1.5 mln USD", False),
    ("Moscow provided 2 billion roubles for the projects.", "2000000000", "RUB", "2 billion roubles", False),
    ("Moscow provided 2 billion rubles for the projects.", "2000000000", "RUB", "2 billion rubles", False),
    ("Seoul will invest 10 billion won in the park.", "10000000000", "KRW", "10 billion won", False),
    ("Beijing offered 3 billion yuan in aid.", "3000000000", "CNY", "3 billion yuan", False),
    ("Beijing offered RMB 3 billion in aid.", "3000000000", "CNY", "RMB 3 billion", False),
    ("Bangkok budgeted 500 million baht for it.", "500000000", "THB", "500 million baht", False),
    ("Jakarta budgeted Rp 10 trillion for it.", "10000000000000", "IDR", "Rp 10 trillion", False),
    ("Manila budgeted 3 billion pesos for it.", "3000000000", "PHP", "3 billion pesos", False),
    ("Mexico budgeted 5 billion Mexican pesos for it.", "5000000000", "MXN", "5 billion Mexican pesos", False),
    ("London offered \u00a35m in grants.", "5000000", "GBP", "\u00a35m", False),
    ("The hub raised HK$3 billion.", "3000000000", "HKD", "HK$3 billion", False),
    ("Wellington gave NZ$ 1 million.", "1000000", "NZD", "NZ$ 1 million", False),
    ("Ottawa gave C$12 million.", "12000000", "CAD", "C$12 million", False),
    ("A grant of more than $5-6 billion was discussed.", "5000000000", "USD", "$5-6 billion", True),
    ("The fund received $250k from donors.", "250000", "USD", "$250k", False),
    ("The company earned 3.5 thousand billion dong.", "3500000000000", "VND", "3.5 thousand billion dong", False),
]


@pytest.mark.parametrize(("text", "amount", "currency", "matched", "approximate"), MONEY)
def test_money(text, amount, currency, matched, approximate):
    found = find_money(text)
    assert len(found) == 1, found
    m = found[0]
    assert (m.amount, m.currency, m.text, m.approximate) == (Decimal(amount), currency, matched, approximate)
    assert text[m.start:m.end] == m.text


def test_amounts_are_exact_whole_units():
    m = find_money("It had 8.13 million USD.")[0]
    assert m.amount == Decimal(8130000)
    assert str(m.amount) == "8130000"
    assert str(find_money("It cost 0.5 USD.")[0].amount) == "0.5"


def test_several_amounts_in_order():
    text = "Of the $20bn pledged, Japan gave 5 billion USD and Korea 3 billion USD; Australia added A$500 million."
    assert [(str(m.amount), m.currency) for m in find_money(text)] == [
        ("20000000000", "USD"), ("5000000000", "USD"), ("3000000000", "USD"), ("500000000", "AUD")]


NO_MONEY = [
    "The two sides signed 12 agreements worth a great deal.",
    "In 2018 won the championship for the third time.",  # "won" the verb
    "99 out of 139 lines of action were carried out.",
    "The 2021-2025 plan has 5 m long chapters.",  # a one-letter multiplier must be glued
    "Trade grew 17.9 percent year on year.",
    "He holds a 5 million share stake.",
    "",
]


@pytest.mark.parametrize("text", NO_MONEY)
def test_no_money(text):
    assert find_money(text) == []


def test_money_is_frozen():
    m = find_money("It cost $5.")[0]
    assert isinstance(m, Money)
    with pytest.raises(AttributeError):
        m.amount = Decimal(1)  # type: ignore[misc]


PERCENT = [
    ("Trade rose 17.9 percent last year.", [("17.9", "17.9 percent")]),
    ("Trade rose 17.9% last year.", [("17.9", "17.9%")]),
    ("Trade rose 17.9 per cent last year.", [("17.9", "17.9 per cent")]),
    ("Trade rose 5 Percent and exports 3.2 % while imports fell -2.5%.", [("5", "5 Percent"), ("3.2", "3.2 %"), ("-2.5", "-2.5%")]),
    ("Inflation held at 4pct.", [("4", "4pct")]),
    ("Growth of 5-6% is expected, after \u22121.2 percent.", [("6", "6%"), ("-1.2", "\u22121.2 percent")]),
    ("No share was given; percentages were not published.", []),
    ("A percentage point is not a number here.", []),
]


@pytest.mark.parametrize(("text", "expected"), PERCENT)
def test_percentages(text, expected):
    found = find_percentages(text)
    assert [(str(v), text[s:e]) for v, s, e in found] == expected


NUMBERS = [
    ("99", "99"), ("1,500", "1500"), ("2.758", "2.758"), ("8.13 million", "8130000"), ("1.5bn", "1500000000"),
    ("20 thousand", "20000"), ("twenty-five", "25"), ("Twenty five", "25"), ("one", "1"), ("zero", "0"),
    ("a dozen", "12"), ("two dozen", "24"), ("a hundred", "100"), ("one hundred", "100"),
    ("one hundred and five", "105"), ("ninety-nine", "99"), ("three million", "3000000"), ("  42  ", "42"),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERS)
def test_parse_number(text, expected):
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "a", "abc", "many", "twenty apples", "1.2.3", "five-ish"])
def test_parse_number_rejects(text):
    assert parse_number(text) is None


def test_long_noisy_text_does_not_hang():
    rng = random.Random(11)
    pieces = ["$", "US$", "5", "1,500", "2.758", "million", "bn", "USD", "dollars", "-", "to", "of", "the", "%",
              "percent", "Rs", "crore", "lakh", "RM", "€", "won", "yen", "8.13", "m", "k", ",", "over", "about"]
    text = " ".join(rng.choice(pieces) for _ in range(20000))
    started = time.perf_counter()
    money = find_money(text)
    find_percentages(text)
    assert time.perf_counter() - started < 5
    assert money and all(text[m.start:m.end] == m.text for m in money)
