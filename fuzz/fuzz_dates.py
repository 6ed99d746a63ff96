#!/usr/bin/env python3
"""Coverage-guided fuzzing of the date normalizer (:mod:`kg.extract.dates`) with atheris.

Run (see fuzz/README.md)::

    /tmp/venv/bin/python fuzz/fuzz_dates.py fuzz/corpus/dates -max_total_time=180

:func:`check` raises on any exception inside the normalizer and on any broken
invariant of its output; atheris reports both as crashes.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import split_ref

from kg.extract.dates import find_dates, find_periods

_VALUE = {"day": re.compile(r"\d{4}-\d{2}-\d{2}"), "month": re.compile(r"\d{4}-\d{2}"), "year": re.compile(r"\d{4}")}


def check(data: bytes) -> None:
    """Run the date finders on one input and check what they return."""
    ref, text = split_ref(data)
    for d in find_dates(text, ref):
        assert 0 <= d.start < d.end <= len(text), d
        assert text[d.start:d.end] == d.text, d
        assert d.earliest <= d.latest, d
        assert _VALUE[d.precision].fullmatch(d.value), d
        assert d.earliest.isoformat().startswith(d.value), d
        assert d.latest.isoformat().startswith(d.value[:4]), d
    for start_year, end_year, start, end in find_periods(text):
        assert start_year < end_year <= start_year + 100
        assert 0 <= start < end <= len(text)


if __name__ == "__main__":
    import atheris

    atheris.instrument_all()
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()
