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
    utf16 = _utf16(data)
    if utf16 is not None:
        text = utf16
    elif b"\x00" in data[:8192]:
        return Skipped(origin, "binary data, not text")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return Skipped(origin, f"not valid UTF-8 (byte {exc.start}); convert it to UTF-8 first")
    if not text.strip():
        return Skipped(origin, "no text")
    return text


def _utf16(data: bytes) -> str | None:
    """UTF-16 with a byte-order mark (as Windows tools write it), or None.

    Binary data that happens to start with FF FE is not taken for text: it rarely decodes, and
    when it does, it holds control characters no text has.
    """
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError:
        return None
    return None if re.search("[\x00-\x08\x0e-\x1f]", text) else text


def _clean(text: str) -> str:
    # Normalise line ends and drop zero-width and bidi control characters, which only
    # confuse matching, and C0 control characters other than tab and newline, which XML
    # (RDF/XML, TriX exports) cannot carry; offsets are taken on the cleaned text that is also stored.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _INVISIBLE.sub("", text)


_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


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
    if isinstance(decoded, Skipped) and not decoded.reason.startswith("not valid UTF-8"):
        yield decoded
        return
    # Split on "\n" only: JSON strings may hold U+2028 and other characters str.splitlines() breaks at.
    # A file with some lines in another encoding loses those lines, not the whole file.
    lines: list[str | bytes] = [*(decoded.split("\n") if isinstance(decoded, str) else data.split(b"\n"))]
    for number, raw in enumerate(lines, start=1):
        origin = f"{path}:{number}"
        line: str
        if isinstance(raw, bytes):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield Skipped(origin, f"not valid UTF-8 (byte {exc.start} of the line); convert it to UTF-8 first")
                continue
        else:
            line = raw
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(origin, f"malformed JSON: {exc.msg} (column {exc.colno})")
            continue
        except RecursionError:  # "[[[[..." deeper than Python's recursion limit
            yield Skipped(origin, "JSON nested too deeply to read")
            continue
        if not isinstance(record, dict):
            yield Skipped(origin, "a line must be a JSON object with a 'text' field")
            continue
        text = record.get("text")
        if isinstance(text, str):
            text = _clean(text).strip()
        if text is not None and not isinstance(text, str):
            yield Skipped(origin, f"'text' must be a string, not {type(text).__name__}")
            continue
        if not text:
            yield Skipped(origin, "missing or empty 'text' (a non-empty string is required)")
            continue
        if _unpaired_surrogate(text):
            yield Skipped(origin, "'text' holds an unpaired surrogate escape such as \\ud800, which is not Unicode")
            continue
        fields: dict[str, str | None] = {}
        bad = None
        for key in ("id", "url", "title", "source"):
            value = record.get(key)
            if value is not None and not isinstance(value, (str, int)):
                bad = f"'{key}' must be a string, not {type(value).__name__}"
                break
            if isinstance(value, str) and _unpaired_surrogate(value):
                bad = f"'{key}' holds an unpaired surrogate escape such as \\ud800, which is not Unicode"
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
        yield Article(text=text, date=date, origin=origin, **fields)


def _unpaired_surrogate(value: str) -> bool:
    # JSON may escape half of a UTF-16 pair ("\ud800"); such a string cannot be encoded or stored.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _files(paths: Iterable[Path]) -> Iterator[Path | Skipped]:
    for path in paths:
        if path.is_dir():
            children = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            yield from (p for p in children if p.suffix.lower() in _SUFFIXES or not p.suffix)
        elif path.is_file():
            yield path
        elif path.exists():  # a pipe, a socket or a device such as /dev/zero: never read
            yield Skipped(str(path), "not a regular file or folder")
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
            if size <= MAX_BYTES:
                # Read at most one byte past the limit: a file may grow after stat().
                with item.open("rb") as stream:
                    data = stream.read(MAX_BYTES + 1)
                size = max(size, len(data))
            if size > MAX_BYTES:
                yield Skipped(str(item), f"{size / 1e6:.0f} MB is larger than the {MAX_BYTES // 1_000_000} MB limit")
                continue
        except OSError as exc:
            yield Skipped(str(item), f"cannot read: {exc.strerror or exc}")
            continue
        if item.suffix.lower() in {".jsonl", ".ndjson"}:
            yield from read_jsonl(item, data)
        else:
            yield read_text_file(item, data, default_date)
