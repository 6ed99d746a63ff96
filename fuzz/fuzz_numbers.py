#!/usr/bin/env python3
"""Coverage-guided fuzzing of the money and number normalizers (:mod:`kg.extract.numbers`).

Run (see fuzz/README.md)::

    /tmp/venv/bin/python fuzz/fuzz_numbers.py fuzz/corpus/numbers -max_total_time=180
"""

from __future__ import annotations

import re
import sys
from decimal import Decimal

from kg.extract.numbers import find_money, find_percentages, parse_number

_CODE = re.compile(r"[A-Z]{3}")


def check(data: bytes) -> None:
    """Run the money, percentage and number parsers on one input and check what they return."""
    text = data.decode("utf-8", "replace")
    for m in find_money(text):
        assert 0 <= m.start < m.end <= len(text), m
        assert text[m.start:m.end] == m.text, m
        assert _CODE.fullmatch(m.currency), m
        assert m.amount.is_finite() and 0 <= m.amount <= 10**18, m
        # Exact: the digits written in the text survive the multiplication (no rounding to 28 digits).
        assert len(m.amount.as_tuple().digits) <= 60, m
    for value, start, end in find_percentages(text):
        assert isinstance(value, Decimal) and value.is_finite()
        assert 0 <= start < end <= len(text)
    number = parse_number(text)
    assert number is None or (isinstance(number, Decimal) and number.is_finite()), number


if __name__ == "__main__":
    import atheris

    atheris.instrument_all()
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()
