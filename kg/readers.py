"""Read articles from files and folders: the sample format, plain text and JSON Lines.

Readers never raise on bad input: each problem becomes a :class:`Skipped`
record naming the file (and line), so a batch goes on with the rest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 20_000_000
"""Articles larger than this are skipped: no news article is 20 MB of text."""

_SAMPLE_HEAD = re.compile(r"\A\s*date\s+(\S+)[ \t]*(?:\r?\n)?[ \t]*")
_SOURCE_LINE = re.compile(r"(?:\r?\n|\A)[ \t]*Source:[ \t]*([^\n]{1,200}?)[ \t]*\s*\Z")
_SUFFIXES = {".txt", ".text", ".jsonl", ".ndjson", ".json"}


@dataclass(frozen=True)
class Article:
    """One news article, ready for extraction.

    Attributes:
        text: the article body (the sample format's header and source line removed).
        date: publication date, or None when unknown.
        origin: where it was read from ("path" or "path:line").
        id: the identifier given in the input, if any.
        url: the article's URL, if known.
        title: the headline, if known.
        source: the publisher's name, if known.
    """

    text: str
    date: dt.date | None
    origin: str
    id: str | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None

    @property
    def key(self) -> str:
        """Stable identity: from the URL or id when given, else from the text."""
        basis = self.url or (f"id:{self.id}" if self.id else "text:" + " ".join(self.text.split()))
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:24]


@dataclass(frozen=True)
class Skipped:
    """An input that could not be read as an article, and why."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


def parse_date(value: object, what: str = "date") -> dt.date:
    """An ISO date (``YYYY-MM-DD``, optionally followed by a time) or a ValueError.

    >>> parse_date("2021-04-02")
    datetime.date(2021, 4, 2)
    """
    if not isinstance(value, str):
        raise ValueError(f"{what} must be a string like 2021-04-02, not {type(value).__name__}")
    match = re.fullmatch(r"\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?\s*", value)
    if not match:
        raise ValueError(f"{what} {value[:40]!r} is not an ISO date like 2021-04-02")
    year, month, day = (int(g) for g in match.groups())
    try:
        if year < 1:
            raise ValueError("year 0")
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"{what} {value!r} is not a real calendar date") from None


def _decode(data: bytes, origin: str) -> str | Skipped:
    if not data.strip():
        return Skipped(origin, "empty file")
    if b"\x00" in data[:8192]:
        return Skipped(origin, "binary data, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Skipped(origin, f"not valid UTF-8 (byte {exc.start}); convert it to UTF-8 first")
    if not text.strip():
        return Skipped(origin, "no text")
    return text


def _clean(text: str) -> str:
    # Normalise line ends and drop zero-width and bidi control characters, which only
    # confuse matching; offsets are taken on the cleaned text that is also stored.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]", "", text)


def read_text_file(path: Path, data: bytes, default_date: dt.date | None) -> Article | Skipped:
    """Read the sample format (``date YYYY-MM-DD`` then text) or plain text."""
    origin = str(path)
    text = _decode(data, origin)
    if isinstance(text, Skipped):
        return text
    text = _clean(text)
    date, source = default_date, None
    head = _SAMPLE_HEAD.match(text)
    if head:
        try:
            date = parse_date(head.group(1), "the date line's date")
        except ValueError as exc:
            return Skipped(f"{origin}:1", str(exc))
        text = text[head.end():]
    tail = _SOURCE_LINE.search(text)
    if tail:
        source = tail.group(1).strip()
        text = text[: tail.start()]
    text = text.strip()
    if not text:
        return Skipped(origin, "no article text after the header")
    return Article(text=text, date=date, origin=origin, source=source)


def read_jsonl(path: Path, data: bytes) -> Iterator[Article | Skipped]:
    """Read JSON Lines: one object per line with ``text`` and optional metadata."""
    decoded = _decode(data, str(path))
    if isinstance(decoded, Skipped):
        yield decoded
        return
    for number, line in enumerate(decoded.splitlines(), start=1):
        origin = f"{path}:{number}"
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield Skipped(origin, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield Skipped(origin, "a line must be a JSON object with a 'text' field")
            continue
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            yield Skipped(origin, "missing or empty 'text' (a non-empty string is required)")
            continue
        fields: dict[str, str | None] = {}
        bad = None
        for key in ("id", "url", "title", "source"):
            value = record.get(key)
            if value is not None and not isinstance(value, (str, int)):
                bad = f"'{key}' must be a string, not {type(value).__name__}"
                break
            fields[key] = str(value) if value is not None else None
        if bad:
            yield Skipped(origin, bad)
            continue
        date = None
        if record.get("date") is not None:
            try:
                date = parse_date(record["date"], "'date'")
            except ValueError as exc:
                yield Skipped(origin, str(exc))
                continue
        yield Article(text=_clean(text).strip(), date=date, origin=origin, **fields)


def _files(paths: Iterable[Path]) -> Iterator[Path | Skipped]:
    for path in paths:
        if path.is_dir():
            children = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            yield from (p for p in children if p.suffix.lower() in _SUFFIXES or not p.suffix)
        elif path.is_file():
            yield path
        else:
            yield Skipped(str(path), "no such file or folder")


def read(paths: Iterable[Path], default_date: dt.date | None = None) -> Iterator[Article | Skipped]:
    """Every article in the given files and folders (recursively), in a stable order.

    Args:
        paths: files and folders; folders are searched for ``.txt``, ``.jsonl``
            and extension-less files.
        default_date: the date of plain-text articles that do not state one.

    Yields:
        An :class:`Article` per article read, a :class:`Skipped` per input that failed.
    """
    for item in _files(paths):
        if isinstance(item, Skipped):
            yield item
            continue
        try:
            size = item.stat().st_size
            if size > MAX_BYTES:
                yield Skipped(str(item), f"{size / 1e6:.0f} MB is larger than the {MAX_BYTES // 1_000_000} MB limit")
                continue
            data = item.read_bytes()
        except OSError as exc:
            yield Skipped(str(item), f"cannot read: {exc.strerror or exc}")
            continue
        if item.suffix.lower() in {".jsonl", ".ndjson"}:
            yield from read_jsonl(item, data)
        else:
            yield read_text_file(item, data, default_date)
