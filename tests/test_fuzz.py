"""Property-based tests (hypothesis) of the readers, the date and money normalizers and the extractor.

Each property says what must hold for every input: no exception but the documented ones, no
hang (hypothesis deadlines), output that is internally consistent, and, for the extractor, quads
that pass the SHACL shapes.  Example counts are modest so the suite stays fast; the coverage-guided
run with atheris (``fuzz/``) explores further and its corpus is replayed by test_fuzz_corpus.py.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg import entities
from kg.extract.dates import find_dates, find_periods
from kg.extract.numbers import find_money, find_percentages, parse_number
from kg.readers import Article, Skipped, parse_date, read_jsonl, read_text_file

# Text with the characters hostile input is made of: controls, bidi and zero-width marks,
# lookalike letters, digits, dashes, and ordinary words.
_HOSTILE_CHARS = st.sampled_from(
    list("\x00\x01\x1b\r\n\t \u200b\u200d\u202e\u202b\u2066\u2069\ufeff\u2028\u0456\u0455\u0430()[]{}<>\"'\\/-–—.,;:$€£¥%")
)
_WORDS = st.sampled_from(
    ["Vietnam", "Russia", "ASEAN", "Japan", "in", "on", "March", "May", "2021", "13", "45", "Q4", "USD", "billion",
     "million", "last", "next", "year", "the", "Fund", "Summit", "held", "talks", "since", "over", "per", "cent"]
)
hostile_text = st.lists(st.one_of(_HOSTILE_CHARS, _WORDS, st.text(max_size=8)), max_size=60).map(" ".join)
any_text = st.one_of(st.text(max_size=400), hostile_text)
ref_dates = st.one_of(st.none(), st.dates(), st.sampled_from([dt.date.min, dt.date.max, dt.date(2021, 4, 2)]))
# Derandomized so that CI runs the same examples every time; set KG_FUZZ_RANDOM=1 to explore new ones.
_DERANDOMIZE = not os.environ.get("KG_FUZZ_RANDOM")
FAST = settings(max_examples=200, deadline=timedelta(seconds=1), derandomize=_DERANDOMIZE,
                suppress_health_check=[HealthCheck.too_slow])


# -- readers -----------------------------------------------------------------------------------


def _check_item(item: Article | Skipped, origin_prefix: str) -> None:
    assert isinstance(item, (Article, Skipped))
    assert item.origin.startswith(origin_prefix)
    if isinstance(item, Skipped):
        assert item.reason
        return
    assert item.text and item.text == item.text.strip()
    assert not re.search("[\r\x00-\x08\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]", item.text)
    item.text.encode("utf-8")
    assert len(item.key) == 24


@FAST
@given(data=st.one_of(st.binary(max_size=600), any_text.map(lambda s: s.encode("utf-8", "surrogatepass"))),
       default=ref_dates)
def test_text_reader_never_raises(data: bytes, default: dt.date | None) -> None:
    item = read_text_file(Path("a.txt"), data, default)
    _check_item(item, "a.txt")
    if isinstance(item, Article) and not data.lstrip().startswith(b"date"):
        assert item.date == default


_JSON_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20),
                          st.sampled_from(["2021-04-02", "2021-13-45", "0000-01-01", "2021-02-29T10:00Z", "\ud800"]))
_JSON = st.recursive(_JSON_SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                     max_leaves=6)
_RECORDS = st.fixed_dictionaries(
    {}, optional={k: st.one_of(_JSON, any_text) for k in ("text", "id", "url", "title", "source", "date")}
)


@FAST
@given(records=st.lists(st.one_of(_RECORDS, _JSON), min_size=1, max_size=6))
def test_jsonl_reader_gives_one_item_per_line_and_keeps_exactly_the_valid_records(records: list[object]) -> None:
    data = "\n".join(json.dumps(r) for r in records).encode("utf-8")
    items = list(read_jsonl(Path("a.jsonl"), data))
    assert [i.origin for i in items] == [f"a.jsonl:{n}" for n in range(1, len(records) + 1)]
    for record, item in zip(records, items):
        _check_item(item, "a.jsonl:")
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            assert isinstance(item, Skipped) and ("'text'" in item.reason or "JSON object" in item.reason)
            continue
        text = record["text"]
        fields = {k: record.get(k) for k in ("id", "url", "title", "source")}
        fields_ok = all(v is None or (isinstance(v, (str, int)) and _encodable(str(v))) for v in fields.values())
        if isinstance(item, Article):
            assert fields_ok and _encodable(text)
            assert set(item.text) <= set(text) | {"\n"}
            assert item.date == (None if record.get("date") is None else parse_date(record["date"]))
            assert [item.id, item.url, item.title, item.source] == [None if v is None else str(v) for v in fields.values()]
        elif fields_ok and record.get("date") is None and _encodable(text) and re.search(r"\w", text):
            raise AssertionError(f"a valid record was skipped: {record!r} -> {item}")


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@FAST
@given(value=st.one_of(any_text, st.dates().map(lambda d: d.isoformat()), st.integers(), st.none()))
def test_parse_date_returns_a_real_date_or_a_value_error(value: object) -> None:
    try:
        result = parse_date(value)
    except ValueError as exc:
        assert str(exc)
    else:
        assert isinstance(result, dt.date) and result.isoformat() in str(value)


@FAST
@given(d=st.dates(min_value=dt.date(1000, 1, 1)))
def test_parse_date_round_trips_every_iso_date(d: dt.date) -> None:
    assert parse_date(d.isoformat()) == d
    assert parse_date(f" {d.isoformat()}T23:59:59+07:00 ") == d


# -- date normalizer ---------------------------------------------------------------------------

_PRECISION = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}


@FAST
@given(text=any_text, ref=ref_dates)
def test_find_dates_never_raises_and_gives_consistent_values(text: str, ref: dt.date | None) -> None:
    for d in find_dates(text, ref):
        assert text[d.start:d.end] == d.text
        assert re.fullmatch(_PRECISION[d.precision], d.value)
        assert d.earliest <= d.latest
        assert d.earliest.isoformat().startswith(d.value) and d.latest.isoformat()[:4] == d.value[:4]
    for a, b, start, end in find_periods(text):
        assert a < b <= a + 100 and 0 <= start < end <= len(text)


_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December"]


@FAST
@given(d=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)), ref=ref_dates,
       form=st.sampled_from(["{iso}", "{day} {month} {year}", "{month} {day}, {year}", "{dd}/{mm}/{year}"]))
def test_a_written_date_is_read_back_exactly(d: dt.date, ref: dt.date | None, form: str) -> None:
    written = form.format(iso=d.isoformat(), day=d.day, month=_MONTH_NAMES[d.month - 1], year=d.year,
                          dd=f"{d.day:02d}", mm=f"{d.month:02d}")
    found = find_dates(f"The talks were held on {written} in Hanoi.", ref)
    assert [(x.value, x.precision, x.text) for x in found] == [(d.isoformat(), "day", written)]


@FAST
@given(year=st.integers(0, 9999), month=st.integers(0, 99), day=st.integers(0, 99), ref=ref_dates)
def test_impossible_iso_dates_are_skipped_never_raised(year: int, month: int, day: int, ref: dt.date | None) -> None:
    text = f"on {year:04d}-{month:02d}-{day:02d}."
    values = [x.value for x in find_dates(text, ref) if x.precision == "day"]
    try:
        real = dt.date(year, month, day)
    except ValueError:
        assert values == []
    else:
        assert values == [real.isoformat()]


# -- money and numbers -------------------------------------------------------------------------

_CODES = ["USD", "EUR", "JPY", "VND", "THB", "SGD", "CNY"]


@FAST
@given(text=any_text)
def test_money_and_number_parsers_never_raise(text: str) -> None:
    for m in find_money(text):
        assert text[m.start:m.end] == m.text
        assert re.fullmatch(r"[A-Z]{3}", m.currency) and 0 <= m.amount <= 10**18
    for value, start, end in find_percentages(text):
        assert value.is_finite() and 0 <= start < end <= len(text)
    number = parse_number(text)
    assert number is None or number.is_finite()


@FAST
@given(amount=st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False),
       code=st.sampled_from(_CODES), grouped=st.booleans())
def test_an_amount_is_read_back_exactly(amount: Decimal, code: str, grouped: bool) -> None:
    written = f"{amount:,}" if grouped else f"{amount}"
    (money,) = find_money(f"Japan pledged {code} {written} to the fund.")
    assert (money.amount, money.currency, money.text) == (amount, code, f"{code} {written}")


@FAST
@given(n=st.integers(0, 10**15), scale=st.sampled_from([("", 1), (" thousand", 10**3), (" million", 10**6), (" billion", 10**9)]))
def test_parse_number_reads_digits_and_multipliers_exactly(n: int, scale: tuple[str, int]) -> None:
    word, factor = scale
    assert parse_number(f"{n:,}{word}") == n * factor
    assert parse_number(f"{n}{word}") == n * factor


# -- the extractor ------------------------------------------------------------------------------

_ACTORS = ["Vietnam", "Russia", "ASEAN", "Japan", "the European Union", "China", "India", "the Philippines",
           "Prime Minister Pham Minh Chinh", "Thailand's Foreign Minister", "President Joko Widodo", "Laos"]
_PREDICATES = ["held talks with {b}", "met {b} in Hanoi", "signed a Memorandum of Understanding with {b}",
               "agreed to upgrade relations with {b} to a Comprehensive Strategic Partnership",
               "pledged {money} to the Mekong-Lancang Cooperation Fund", "attended the ASEAN Summit in Jakarta with {b}",
               "said trade with {b} grew {pct} percent", "co-chaired the {nth} Joint Committee meeting with {b}"]
_DATES = ["on March 3", "on 2021-13-45", "in year 0", "last October", "on 31/02/2021", "in 2016-2020", "next year",
          "on Tuesday", "in the fourth quarter of 2021", "since 1967", "on 0000-01-01", ""]


@st.composite
def articles(draw: st.DrawFn) -> Article:
    """An article of generated news sentences with hostile fragments mixed in."""
    sentences = []
    for _ in range(draw(st.integers(1, 4))):
        a, b = draw(st.sampled_from(_ACTORS)), draw(st.sampled_from(_ACTORS))
        predicate = draw(st.sampled_from(_PREDICATES)).format(
            b=b, money=f"USD {draw(st.integers(1, 10**6))} million", pct=draw(st.integers(0, 300)),
            nth=draw(st.sampled_from(["1st", "22nd", "third"])))
        noise = draw(st.one_of(st.just(""), hostile_text.map(lambda s: s[:80])))
        sentences.append(f"{a} {predicate} {draw(st.sampled_from(_DATES))}{noise}.")
    text = " ".join(sentences)
    date = draw(st.one_of(st.none(), st.dates(), st.sampled_from([dt.date.min, dt.date.max])))
    # Through the reader, as ingest does it (that cleans invisible characters).
    item = read_text_file(Path("gen.txt"), text.encode("utf-8", "surrogatepass"), date)
    return item if isinstance(item, Article) else Article("Vietnam and Russia held talks.", date, "gen.txt")


_EXTRACTED: dict[str, bytes] = {}
_ID = "https://w3id.org/aseankg/id/"


@settings(max_examples=50, deadline=timedelta(seconds=10), derandomize=_DERANDOMIZE,
          suppress_health_check=[HealthCheck.too_slow])
@given(article=articles())
def _extract_many(article: Article) -> None:
    from kg.ingest import extract_article

    graph, nquads = extract_article(article)
    quads = list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    assert quads and all(q.graph_name in (ox.NamedNode(graph), entities.GRAPH) for q in quads)
    assert any(q.object == ox.NamedNode("https://w3id.org/aseankg/ontology#Article") for q in quads)
    _EXTRACTED[graph] = nquads  # the same article again replaces its graph, as ingest does


def _article_local(n: int, nquads: bytes) -> list[ox.Quad]:
    """The quads with every entity IRI made private to article ``n``.

    Validating all examples in one pySHACL call is fast, but entities shared between articles
    ("country/VNM") would then be checked as the union of what the articles say; suffixing
    them keeps each article's description apart, as if validated alone.
    """

    def local(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> ox.NamedNode | ox.Literal | ox.BlankNode:
        return ox.NamedNode(f"{term.value}~{n}") if isinstance(term, ox.NamedNode) and term.value.startswith(_ID) else term

    return [ox.Quad(local(q.subject), q.predicate, local(q.object), local(q.graph_name))
            for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS)]


def test_the_extractor_never_raises_or_hangs_and_its_output_passes_the_shapes() -> None:
    from kg.store import Store
    from kg.validate import validate

    _EXTRACTED.clear()
    _extract_many()
    assert len(_EXTRACTED) >= 20
    # All examples' graphs in one small store, validated once (pySHACL is the slow part).
    store = Store(None)
    store.ensure_ontology()
    for n, nquads in enumerate(_EXTRACTED.values()):
        store.add_graph(_article_local(n, nquads))
    result = validate(store)
    assert result.conforms, result.report[:3000]


@settings(max_examples=6, deadline=timedelta(seconds=20), derandomize=_DERANDOMIZE,
          suppress_health_check=[HealthCheck.too_slow])
@given(article=articles())
def test_each_extracted_article_passes_the_shapes_alone(article: Article) -> None:
    from kg.build import build
    from kg.extract import extract
    from kg.store import Store
    from kg.validate import validate

    store = Store(None)
    store.ensure_ontology()
    store.add_graph(build(article, extract(article)))
    result = validate(store)
    assert result.conforms, result.report[:3000]
