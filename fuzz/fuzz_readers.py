#!/usr/bin/env python3
"""Coverage-guided fuzzing of the article readers (:mod:`kg.readers`) with atheris.

The raw bytes are read both as a text article and as a JSON Lines file; the
readers must never raise, and every article they return must be usable.

Run (see fuzz/README.md)::

    /tmp/venv/bin/python fuzz/fuzz_readers.py fuzz/corpus/readers -max_total_time=180
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from kg.readers import Article, Skipped, parse_date, read_jsonl, read_text_file

_PATH = Path("fuzz-input.txt")
_JSONL = Path("fuzz-input.jsonl")


def _ok(item: object) -> None:
    assert isinstance(item, (Article, Skipped)), item
    if isinstance(item, Skipped):
        assert item.reason and item.origin.startswith(("fuzz-input",)), item
        return
    assert item.text and item.text == item.text.strip(), item
    assert "\r" not in item.text and "\u200b" not in item.text and "\u202e" not in item.text
    assert item.date is None or isinstance(item.date, dt.date)
    assert len(item.key) == 24
    item.text.encode("utf-8")  # no lone surrogates reach the store


def check(data: bytes) -> None:
    """Read one input as a text file and as JSON Lines, and parse it as a date."""
    _ok(read_text_file(_PATH, data, dt.date(2021, 4, 2)))
    for item in read_jsonl(_JSONL, data):
        _ok(item)
    try:
        parse_date(data.decode("utf-8", "replace"))
    except ValueError:
        pass


if __name__ == "__main__":
    import atheris

    atheris.instrument_all()
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()
