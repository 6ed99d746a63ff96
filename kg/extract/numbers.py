"""Amounts of money, percentages and numbers in news text.

:func:`find_money` reads "4.25 million USD", "USD 2.758 billion", "US$20 bn",
"A$222.5 mn", "€3 billion", "20 billion yen", "Rs 100 crore", "RM1.2 billion"
and the like into exact :class:`decimal.Decimal` whole units with an ISO 4217
code.  Currency words and symbols come from ``data/vocab/currencies.tsv``
(:func:`kg.vocab.currencies`); a bare "$" or "dollar(s)" is read as USD, a
documented default, and a bare "peso(s)" as the Philippine peso.

Multipliers: thousand/k, million/mn/mln/m, billion/bn/b, trillion/tn, lakh
(10^5) and crore (10^7); two may follow each other ("1.5 lakh crore",
"5 thousand billion").  The one-letter forms (k, m, b) count only when glued
to the number ("$1.5m").  A range ("$5-6 billion") gives its lower bound,
marked approximate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Context, Decimal, InvalidOperation
from functools import cache

from kg import vocab


@dataclass(frozen=True)
class Money:
    """An amount of money found in text."""

    amount: Decimal  # whole units: 8130000
    currency: str  # ISO 4217
    start: int
    end: int
    text: str
    approximate: bool  # "over", "about", "nearly", "more than" ... before it, or a range


_MULTIPLIERS = {
    "thousand": 10**3, "k": 10**3,
    "million": 10**6, "millions": 10**6, "mn": 10**6, "mln": 10**6, "m": 10**6, "mil": 10**6,
    "billion": 10**9, "billions": 10**9, "bn": 10**9, "bln": 10**9, "b": 10**9,
    "trillion": 10**12, "tn": 10**12, "trn": 10**12,
    "lakh": 10**5, "lakhs": 10**5, "lac": 10**5, "crore": 10**7, "crores": 10**7,
}
_SPACED_MULT = r"thousand|millions?|mln|mil|mn|billions?|bln|bn|trillion|trn|tn|lakhs?|lac|crores?"
_GLUED_MULT = _SPACED_MULT + r"|k|m|b"
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_DASH = "\\-\u2010-\u2015"
_APPROX = re.compile(
    r"(?i:(?<![\w])(?:over|about|nearly|almost|around|approximately|approx\.|roughly|some|more\s+than|"
    r"less\s+than|fewer\s+than|up\s+to|at\s+least|close\s+to|in\s+excess\s+of|upwards\s+of|above|"
    r"below|under|just\s+over|just\s+under|an\s+estimated|estimated)\s+)$"
)


def _amount_re(tag: str) -> str:
    # A number, an optional range end, then up to two multipliers (glued one-letter forms allowed).
    mult = (rf"(?:(?:(?<=\d)(?P<{tag}g>{_GLUED_MULT})|\s*(?P<{tag}s>{_SPACED_MULT}))(?![A-Za-z])"
            rf"(?:\s*(?P<{tag}t>{_SPACED_MULT})(?![A-Za-z]))?)?")
    return (rf"(?P<{tag}n>{_NUM})(?:\s*(?:[{_DASH}]|to)\s*(?P<{tag}r>{_NUM}))?(?![\d])" + mult)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class _Tables:
    pattern: re.Pattern[str]
    names: dict[str, str]  # lower-cased, spaces collapsed
    symbols: dict[str, str]


@cache
def _tables() -> _Tables:
    names: dict[str, str] = {}
    symbols: dict[str, str] = {}
    codes: set[str] = set()
    for c in vocab.currencies():
        codes.add(c.code)
        for n in c.names:
            if n != c.code:
                names.setdefault(" ".join(n.lower().split()), c.code)
            if n.isalpha() and n.isupper():  # "RMB 3 billion": an upper-case abbreviation also leads
                symbols.setdefault(n, c.code)
        for s in c.symbols:
            symbols.setdefault(s, c.code)
        symbols.setdefault(c.code, c.code)
    for bare in ("dollar", "dollars"):  # documented default
        names.setdefault(bare, "USD")
    names.update({code.lower(): code for code in codes})
    # Codes and symbols are matched in their own case ("RM", "Rs", "USD"); names in any case.
    letter_syms = [s for s in symbols if s[0].isalpha()]
    other_syms = [s for s in symbols if not s[0].isalpha()]
    prefix = (rf"(?:(?<![A-Za-z])(?P<psym>(?-i:{_alternation(letter_syms)}))|(?P<psym2>{_alternation(other_syms)}))"
              rf"\s?{_amount_re('p')}")
    words = [n for n in names if n.upper() not in codes]
    name_alt = f"(?-i:{_alternation(sorted(codes))})|{_alternation(words)}"
    suffix = rf"(?<![\w.,]){_amount_re('s')}\s*(?:of\s+)?(?P<sname>{name_alt})(?![A-Za-z])"
    return _Tables(re.compile(rf"{prefix}|{suffix}", re.IGNORECASE), names, symbols)


# Currency names that are also common English words: they need a multiplier or a grouped number.
_WORDLIKE = {"won"}


_MAX_DIGITS = 30
"""Numbers with more digits than this are not amounts anyone writes: they are ignored."""
_LARGEST = 10**36
"""Numbers in words above this ("a dozen dozen dozen ...") are ignored too."""
_MAX_AMOUNT = 10**18
"""Amounts of money above a quintillion units are misreadings; Oxigraph's xsd:decimal ends near 1.7e20."""
_EXACT = Context(prec=100)
"""Arithmetic without rounding for every amount kept (30 digits times two multipliers)."""


def _to_decimal(raw: str) -> Decimal | None:
    digits = raw.replace(",", "")
    if sum(c.isdigit() for c in digits) > _MAX_DIGITS:
        return None
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def _whole(value: Decimal) -> Decimal:
    """4.25 × 10^6 as ``Decimal('4250000')``, not ``4250000.00``."""
    integral = value.to_integral_value(context=_EXACT)
    return integral.quantize(Decimal(1), context=_EXACT) if value == integral else value.normalize(_EXACT)


def _scaled(m: re.Match[str], tag: str) -> tuple[Decimal, bool] | None:
    number = _to_decimal(m.group(f"{tag}n"))
    if number is None:
        return None
    factor = 1
    for key in (f"{tag}g", f"{tag}s", f"{tag}t"):
        word = m.group(key)
        if word:
            factor *= _MULTIPLIERS[word.lower()]
    return _whole(_EXACT.multiply(number, factor)), m.group(f"{tag}r") is not None


_CUE = re.compile(r"\d")


def find_money(text: str) -> list[Money]:
    """Every amount of money in ``text``, in order."""
    if not _CUE.search(text):
        return []
    t = _tables()
    out = []
    for m in t.pattern.finditer(text):
        if m.group("pn") is not None:
            sym = m.group("psym") or m.group("psym2")
            code = t.symbols.get(sym) or t.symbols.get(sym.upper()) or t.names.get(sym.lower())
            scaled = _scaled(m, "p")
        else:
            word = " ".join(m.group("sname").lower().split())
            code = t.names.get(word)
            scaled = _scaled(m, "s")
            if word in _WORDLIKE and not (m.group("sg") or m.group("ss") or "," in m.group("sn")):
                continue
        if code is None or scaled is None:
            continue
        amount, is_range = scaled
        if amount > _MAX_AMOUNT:
            continue
        approximate = is_range or _APPROX.search(text, max(0, m.start() - 40), m.start()) is not None
        out.append(Money(amount, code, m.start(), m.end(), m.group(0), approximate))
    return out


_PERCENT = re.compile(
    rf"(?:(?<![\w.,\-\u2212])(?P<sign>[-\u2212]))?(?<![\w.,])(?P<n>{_NUM})\s*(?:%|(?i:per\s*cent|percent|pct)(?![A-Za-z]))"
)


def find_percentages(text: str) -> list[tuple[Decimal, int, int]]:
    """Percentages in ``text`` as (value, char start, char end): "17.9 percent", "17.9%", "17.9 per cent"."""
    if "%" not in text and not re.search(r"(?i)per\s*cent|pct", text):
        return []
    out = []
    for m in _PERCENT.finditer(text):
        value = _to_decimal(m.group("n"))
        if value is None:
            continue
        out.append((-value if m.group("sign") else value, m.start(), m.end()))
    return out


_UNITS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"])}
_TENS = {w: 10 * i for i, w in enumerate(["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]) if w != "_"}
_NUMERIC = re.compile(rf"^(?P<n>{_NUM})\s*(?:(?P<m1>{_GLUED_MULT})(?:\s+(?P<m2>{_SPACED_MULT}))?)?$", re.IGNORECASE)


def _words_to_int(words: list[str]) -> int | None:
    """English number words: "twenty-five", "one hundred and five", "a dozen", "three million"."""
    total, current, seen = 0, 0, False
    for w in words:
        if w in ("and",):
            continue
        if w == "a" and not seen:
            current, seen = 1, True
            continue
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "dozen":
            current = (current or 1) * 12
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in _MULTIPLIERS and len(w) > 2:
            total += (current or 1) * _MULTIPLIERS[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(text: str) -> Decimal | None:
    """A number written in digits or words: "99", "1,500", "2.758", "4.25 million", "twenty-five", "a dozen"."""
    s = " ".join(text.strip().split())
    if not s:
        return None
    m = _NUMERIC.match(s)
    if m:
        value = _to_decimal(m.group("n"))
        if value is None:
            return None
        for key in ("m1", "m2"):
            if m.group(key):
                value = _EXACT.multiply(value, _MULTIPLIERS[m.group(key).lower()])
        return _whole(value)
    words = re.split(r"[\s\-\u2010-\u2015]+", s.lower())
    if words == ["a"]:
        return None
    digits = re.fullmatch(rf"({_NUM})", words[0]) if len(words) > 1 else None
    if digits:  # "5 thousand" handled above; "2 dozen"
        rest = _words_to_int(["one", *words[1:]]) if words[1:] else None
        value = _to_decimal(digits.group(1))
        if rest is None or value is None or rest > _LARGEST:
            return None
        return _whole(_EXACT.multiply(value, rest))
    result = _words_to_int(words)
    return Decimal(result) if result is not None and result <= _LARGEST else None
