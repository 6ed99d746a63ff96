"""Shared helpers for the fuzz targets: turn raw fuzzer bytes into typed inputs.

The decoding is plain Python (no atheris), so that the corpus can be replayed by
``tests/test_fuzz_corpus.py`` with the same meaning the fuzzer gave it.
"""

from __future__ import annotations

import datetime as dt

_MAX_ORDINAL = dt.date.max.toordinal()


def split_ref(data: bytes) -> tuple[dt.date | None, str]:
    """The first three bytes choose an article date (any day in 1-9999, or none), the rest is text.

    Byte values ``ff ff ff`` and inputs shorter than three bytes mean "no date".
    Dates near 0001-01-01 and 9999-12-31 are reachable on purpose: they are the
    edges where date arithmetic overflows.
    """
    if len(data) < 3:
        return None, data.decode("utf-8", "replace")
    n = int.from_bytes(data[:3], "big")
    text = data[3:].decode("utf-8", "replace")
    if n == 0xFFFFFF:
        return None, text
    # Spread the values: the low end and the high end of the calendar, and everything between.
    ordinal = n % _MAX_ORDINAL + 1
    return dt.date.fromordinal(ordinal), text
