"""Readers: the sample format, plain text, JSON Lines, and every kind of bad input."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kg.readers import Article, Skipped, parse_date, read


def _read(*paths: Path, **kw: object) -> tuple[list[Article], list[Skipped]]:
    items = list(read(list(paths), **kw))  # type: ignore[arg-type]
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Skipped)]


def test_sample_format_header_and_source(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(" date 2021-04-02 First sentence here.\n\nSecond one.\n\nSource: VNA", encoding="utf-8")
    (article,), skipped = _read(f)
    assert skipped == []
    assert article.date == dt.date(2021, 4, 2)
    assert article.source == "VNA"
    assert article.text == "First sentence here.\n\nSecond one."


def test_plain_text_takes_the_default_date(tmp_path: Path) -> None:
    f = tmp_path / "b.txt"
    f.write_text("Talks were held in Hanoi.", encoding="utf-8")
    (article,), _ = _read(f, default_date=dt.date(2020, 1, 5))
    assert article.date == dt.date(2020, 1, 5) and article.source is None
    (undated,), _ = _read(f)
    assert undated.date is None


def test_jsonl_fields_and_bad_lines(tmp_path: Path) -> None:
    f = tmp_path / "c.jsonl"
    lines = [
        json.dumps({"text": "One.", "id": "x1", "url": "https://e.org/1", "date": "2022-02-10", "title": "T", "source": "S"}),
        "{not json",
        json.dumps({"id": "no-text"}),
        json.dumps({"text": 42}),
        json.dumps({"text": "Two.", "date": "2021-13-45"}),
        json.dumps({"text": "Three.", "date": "0000-01-01"}),
        json.dumps({"text": "Four.", "url": ["a", "list"]}),
        json.dumps(["an", "array"]),
        json.dumps({"text": "Five."}),
    ]
    f.write_text("\n".join(lines), encoding="utf-8")
    articles, skipped = _read(f)
    assert [a.text for a in articles] == ["One.", "Five."]
    assert articles[0].url == "https://e.org/1" and articles[0].date == dt.date(2022, 2, 10)
    assert [s.origin for s in skipped] == [f"{f}:{n}" for n in (2, 3, 4, 5, 6, 7, 8)]
    assert "malformed JSON" in skipped[0].reason
    assert "'text'" in skipped[1].reason and "'text'" in skipped[2].reason
    assert "not a real calendar date" in skipped[3].reason
    assert "not a real calendar date" in skipped[4].reason
    assert "'url' must be a string" in skipped[5].reason


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\t ", "empty file"),
        (b"\x00\x01\x02binary\x00", "binary data"),
        (b"caf\xe9 au lait", "not valid UTF-8"),
        (b"date 2021-02-30 Text.", "not a real calendar date"),
        (b"date 2021-04-02\n\nSource: VNA", "no article text"),
    ],
)
def test_bad_files_are_reported(tmp_path: Path, content: bytes, reason: str) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    articles, (skipped,) = _read(f)
    assert articles == []
    assert reason in skipped.reason and str(f) in skipped.origin


def test_folders_are_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("Beta.", encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text("Alpha.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    articles, skipped = _read(tmp_path, tmp_path / "missing.txt")
    assert [a.text for a in articles] == ["Beta.", "Alpha."]
    assert [s.reason for s in skipped] == ["no such file or folder"]


def test_zero_width_and_bidi_characters_are_removed(tmp_path: Path) -> None:
    f = tmp_path / "z.txt"
    f.write_text("Viet\u200bnam and \u202eRussia\u202c met.", encoding="utf-8")
    (article,), _ = _read(f)
    assert article.text == "Vietnam and Russia met."


def test_article_key_is_stable_and_prefers_url() -> None:
    a = Article("Some text.", None, "x")
    b = Article("Some   text.", None, "y")
    c = Article("Other text.", None, "z", url="https://e.org/1")
    d = Article("Changed text.", None, "z", url="https://e.org/1")
    assert a.key == b.key
    assert c.key == d.key != a.key


def test_parse_date_rejects_impossible_dates() -> None:
    assert parse_date("2022-02-10T08:00:00Z") == dt.date(2022, 2, 10)
    for bad in ("2021-13-45", "0000-01-01", "yesterday", "2021-02-29"):
        with pytest.raises(ValueError):
            parse_date(bad)
