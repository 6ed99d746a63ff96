"""Dates and year periods in news text, resolved against the article's date.

:func:`find_dates` finds every date expression in a sentence or paragraph and
gives it at the precision the text gives — a day, a month or a year — with the
first and last day it can mean.  It never invents a day or a month: "last
October" is ``2021-10``, not ``2021-10-01``.  :func:`find_periods` finds year
ranges ("2016-2020", "the 2021-25 period"), which are periods, not dates, and
which :func:`find_dates` therefore skips.

Resolution rules, all relative to the article date ``ref``:

* A month or day without a year ("February 17", "in October", "late January")
  takes the year that puts it within about [ref - 270 days, ref + 95 days]:
  news mostly reports the recent past and the near future.  A month is placed
  by its 15th.
* "last October" is the most recent October before ref's month, "next October"
  the first one after it, "this October" the one in ref's year.
* "last/this/next year", "last/this/next month", "yesterday/today/tomorrow"
  count from ref.  Vaguer spans ("last week", "recently") give nothing.
* A weekday ("on Tuesday") is the nearest such day from ref back to 6 days
  before it (ref itself included: wire copy reports the same day); "last
  Tuesday" is 1-7 days before, "next Tuesday" 1-7 days after.  Tense is not
  read.
* "Q4 2021", "the fourth quarter of 2021", "the first half of 2021" are the
  year at year precision, bounded by the quarter or half.  "early/late 2021" is
  the year; "early/mid/late March" the month (bounded by the whole month).
* "28/02/2021" is read day first; when the middle number cannot be a month
  ("02/28/2021") it is read month first.
* A lone four-digit year counts when a preposition or qualifier leads it ("in
  1967", "since 2018") or when it lies in 1900-2099 and is not a count ("over
  2000 people", "2021 tonnes").

Without ``ref`` only expressions that carry their own year are returned.
Invalid dates (2021-13-45, February 30, year 0) are skipped, never raised.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class DateValue:
    """A date expression found in text."""

    value: str  # ISO at the precision the text gives: "2021-02-28", "2021-10" or "2021"
    precision: str  # "day" | "month" | "year"
    earliest: dt.date  # first day the expression can mean
    latest: dt.date  # last day
    start: int  # character offsets of the expression in the input text
    end: int
    text: str


_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
           "oct": 10, "nov": 11, "dec": 12}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_PAST, _FUTURE = dt.timedelta(days=270), dt.timedelta(days=95)

_DASH = "\\-\u2010-\u2015"
# Month names are matched capitalised only ("may", "march" are verbs).
_M = (r"(?<![A-Za-z])(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
      r"Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)(?![A-Za-z])")


def _m(name: str) -> str:
    return f"(?P<{name}>{_M})"


def _d(name: str) -> str:
    return rf"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?(?![\d\w])"


def _y(name: str) -> str:
    return rf"(?P<{name}>\d{{4}})(?![\d\w])"


_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_Q = r"(?:early|earlier|mid|middle|late|later|end|beginning|start)"

_PATTERN = re.compile(
    "|".join([
        # 2021-02-28, 2021/02/28
        rf"(?<![\d.])(?P<iso_y>\d{{4}})(?P<iso_s>[{_DASH}/.])(?P<iso_m>\d{{1,2}})(?P=iso_s)(?P<iso_d>\d{{1,2}})(?![\d])",
        # 28/02/2021, 28.02.2021, 28-02-2021
        rf"(?<![\d.])(?P<num_a>\d{{1,2}})(?P<num_s>[{_DASH}/.])(?P<num_b>\d{{1,2}})(?P=num_s)(?P<num_y>\d{{4}})(?![\d])",
        # 14-16 March 2021
        rf"{_d('dr_a')}\s*[{_DASH}]\s*{_d('dr_b')}\s+(?:of\s+)?{_m('dr_m')}(?:,?\s+{_y('dr_y')})?",
        # 13 March 2021, 13th of March
        rf"{_d('dm_d')}\s+(?:of\s+)?{_m('dm_m')}(?:,?\s+{_y('dm_y')})?",
        # March 14-16, 2021
        rf"{_m('mr_m')}\s+{_d('mr_a')}\s*[{_DASH}]\s*{_d('mr_b')}(?:,?\s+{_y('mr_y')})?",
        # March 13, 2021; Feb. 28
        rf"{_m('md_m')}\s+{_d('md_d')}(?:,?\s+{_y('md_y')})?",
        # early/mid/late March [2021]; mid-April; the end of March
        rf"(?P<qm_q>(?i:{_Q}))(?:\s*[{_DASH}]\s*|\s+(?:of\s+)?(?:the\s+month\s+of\s+)?){_m('qm_m')}(?:,?\s+{_y('qm_y')})?",
        # March 2021, March of 2021
        rf"{_m('my_m')},?\s+(?:of\s+)?{_y('my_y')}",
        # last/next/this October
        rf"(?P<rm_r>(?i:last|next|this|coming))\s+{_m('rm_m')}",
        # Q4 2021, Q4/2021
        rf"(?<![A-Za-z])Q(?P<q_n>[1-4])\s*(?:[/{_DASH}]\s*|of\s+)?{_y('q_y')}",
        # the fourth quarter of 2021 / of this year; the first half of 2021
        rf"(?i:(?P<qo_n>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?P<qo_u>quarter|half)\s+of\s+"
        rf"(?:(?P<qo_r>last|this|next)\s+year|(?:the\s+year\s+)?{_y('qo_y')}))",
        # H1 2021
        rf"(?<![A-Za-z])H(?P<h_n>[12])\s*(?:[/{_DASH}]\s*)?{_y('h_y')}",
        # early 2021, mid-2021, the end of 2021
        rf"(?P<qy_q>(?i:{_Q}))(?:\s*[{_DASH}]\s*|\s+(?:of\s+)?(?:the\s+year\s+)?){_y('qy_y')}",
        # last/next/this year, last/next/this month
        r"(?i:(?<![\w])(?<!the\s)(?P<ry_r>last|next|this)\s+(?P<ry_u>year|month)(?![\w]))",
        # yesterday, today, tomorrow
        r"(?i:(?<![\w])(?P<dw>yesterday|today|tomorrow)(?![\w]))",
        # [last|next|this] Tuesday
        rf"(?:(?P<wd_r>(?i:last|next|this))\s+)?(?<![A-Za-z])(?P<wd>{_WD})(?![a-z])",
        # 2021-10 (year-month), when it is not a period
        rf"(?<![\d.,/{_DASH}])(?P<ym_y>\d{{4}})-(?P<ym_m>\d{{2}})(?![\d]|[{_DASH}/.]\d)",
        # October (alone: checked against its context)
        _m("bm"),
        # 2018 (alone: checked against its context)
        rf"(?<![\d,./$€£¥#{_DASH}])(?P<by>\d{{4}})(?![\d\w/]|[.,]\d|\s*%)",
    ])
)

# Where an expression can start: every alternative of _PATTERN begins at one of these.
_ANCHOR = re.compile(
    r"(?<![\d.,])\d|(?<![A-Za-z])(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Q[1-4]|H[12]|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday|(?i:early|earlier|mid|middle|late|later|end|beginning|start|last|"
    r"next|this|coming|first|second|third|fourth|yesterday|today|tomorrow))"
)
# Cheap pre-check: text with none of these has no date.
_CUE = re.compile(r"\d|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|day|Day|DAY|year|Year|month|Month|morrow|MORROW")

_PERIOD = re.compile(
    rf"(?<![\d.,/{_DASH}])(?P<a>(?:1[89]|2[01])\d\d)"
    rf"(?P<sep>\s*[{_DASH}/]\s*|\s+(?:to|until|till|through|and)\s+)"
    rf"(?P<b>(?:1[89]|2[01])?\d\d)(?![\d]|[{_DASH}/.]\d|\s*%)"
)
_BETWEEN = re.compile(r"(?i:between)\s+$")

_MONTH_CUE = re.compile(
    r"(?i:(?<![\w])(?:in|since|until|till|by|from|during|of|for|before|after|through|throughout|between|and|"
    r"to|on|or|early|late|mid|last|next|this|coming|around|about)\s+|mid-|\()$"
)
# Months that may stand alone without a cue word: not also a name or a verb ("May", "March", "June").
_BARE_MONTHS = {"January", "February", "July", "September", "October", "November", "December"}
_YEAR_CUE = re.compile(
    r"(?i:(?<![\w])(?:in|since|until|till|by|from|during|for|before|after|through|throughout|between|and|to|"
    r"of|year|fiscal|FY|the|early|late|mid|around|circa|c\.|as\s+of)\s+|\()$"
)
_COUNT_BEFORE = re.compile(
    r"(?i:(?<![\w])(?:over|about|nearly|almost|around|some|more\s+than|less\s+than|fewer\s+than|up\s+to|"
    r"at\s+least|approximately|roughly|only|just|No\.|number|resolution|decree|decision|flight|article|"
    r"chapter|page|route|code|room|circular|directive|item)\s+|(?<![\w])(?:USD|EUR|VND|JPY|CNY|RMB|RUB|INR|"
    r"RM|Rs|Rp|US\$|S\$|A\$)\s*|[\d$€£¥₫₹₩₽]\s+)$"
)
_COUNT_AFTER = re.compile(
    r"\s*(?:[-\u2010-\u2015]?\s*(?i:people|persons|tons|tonnes|km|kilometres|kilometers|metres|meters|units|"
    r"cases|students|participants|delegates|troops|soldiers|vehicles|hectares|ha|mw|megawatts|kw|items|"
    r"projects|jobs|companies|enterprises|firms|workers|visitors|tourists|copies|beds|members|officials|"
    r"scholarships|households|families|containers|teu|barrels|vessels|ships|aircraft|flights|times|"
    r"documents|doses|tests|patients|deaths|infections|new\s+cases|usd|dollars|euros|yen|yuan|rubles|"
    r"roubles|dong|rupees|baht|ringgit|pesos|million|billion|thousand|trillion|mn|bn|mln)(?![\w]))"
)


def _month_num(token: str) -> int:
    return _MONTHS[token[:3].lower()]


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _valid_year(year: int) -> bool:
    return 1 <= year <= 9999


def _day(year: int, month: int, day: int) -> dt.date | None:
    if not _valid_year(year):
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _plus(d: dt.date, days: int | dt.timedelta) -> dt.date | None:
    """``d`` moved by ``days``, or None past the calendar's ends (0001-01-01, 9999-12-31)."""
    try:
        return d + (days if isinstance(days, dt.timedelta) else dt.timedelta(days=days))
    except OverflowError:
        return None


def _in_window(d: dt.date, ref: dt.date) -> bool:
    return (_plus(ref, -_PAST) or dt.date.min) <= d <= (_plus(ref, _FUTURE) or dt.date.max)


def _year_for_day(month: int, day: int, ref: dt.date) -> int | None:
    for year in (ref.year - 1, ref.year, ref.year + 1):
        d = _day(year, month, day)
        if d and _in_window(d, ref):
            return year
    return None


def _year_for_month(month: int, ref: dt.date) -> int | None:
    for year in (ref.year - 1, ref.year, ref.year + 1):
        if _valid_year(year) and _in_window(dt.date(year, month, 15), ref):
            return year
    return None


def _day_value(d: dt.date) -> tuple[str, str, dt.date, dt.date]:
    return d.isoformat(), "day", d, d


def _month_value(year: int, month: int) -> tuple[str, str, dt.date, dt.date] | None:
    if not _valid_year(year) or not 1 <= month <= 12:
        return None
    return f"{year:04d}-{month:02d}", "month", dt.date(year, month, 1), _last_day(year, month)


def _year_value(year: int, first_month: int = 1, last_month: int = 12) -> tuple[str, str, dt.date, dt.date] | None:
    if not _valid_year(year):
        return None
    return f"{year:04d}", "year", dt.date(year, first_month, 1), _last_day(year, last_month)


Resolved = tuple[str, str, dt.date, dt.date] | None


def _resolve(m: re.Match[str], text: str, ref: dt.date | None) -> Resolved:
    g = m.groupdict()
    if g["iso_y"]:
        d = _day(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))
        return _day_value(d) if d else None
    if g["num_a"]:
        a, b, year = int(g["num_a"]), int(g["num_b"]), int(g["num_y"])
        d = _day(year, b, a) if b <= 12 else _day(year, a, b)
        return _day_value(d) if d else None
    if g["dr_a"] or g["mr_a"]:
        p = "dr" if g["dr_a"] else "mr"
        month, a, b = _month_num(g[f"{p}_m"]), int(g[f"{p}_a"]), int(g[f"{p}_b"])
        year = int(g[f"{p}_y"]) if g[f"{p}_y"] else (_year_for_day(month, a, ref) if ref else None)
        if year is None:
            return None
        first, last = _day(year, month, a), _day(year, month, b)
        if not first or not last or last <= first:
            return None
        return f"{year:04d}-{month:02d}", "month", first, last
    if g["dm_d"] or g["md_d"]:
        p = "dm" if g["dm_d"] else "md"
        month, day = _month_num(g[f"{p}_m"]), int(g[f"{p}_d"])
        year = int(g[f"{p}_y"]) if g[f"{p}_y"] else (_year_for_day(month, day, ref) if ref else None)
        d = _day(year, month, day) if year is not None else None
        return _day_value(d) if d else None
    if g["qm_m"] or g["my_m"]:
        p = "qm" if g["qm_m"] else "my"
        month = _month_num(g[f"{p}_m"])
        year = int(g[f"{p}_y"]) if g[f"{p}_y"] else (_year_for_month(month, ref) if ref else None)
        return _month_value(year, month) if year is not None else None
    if g["rm_r"]:
        if ref is None:
            return None
        month, rel = _month_num(g["rm_m"]), g["rm_r"].lower()
        if rel == "last":
            year = ref.year if month < ref.month else ref.year - 1
        elif rel in ("next", "coming"):
            year = ref.year if month > ref.month else ref.year + 1
        else:
            year = ref.year
        return _month_value(year, month)
    if g["q_n"] or g["h_n"] or g["qo_n"]:
        if g["q_n"]:
            n, unit, year = int(g["q_n"]), "quarter", int(g["q_y"])
        elif g["h_n"]:
            n, unit, year = int(g["h_n"]), "half", int(g["h_y"])
        else:
            n, unit = _ORDINALS[g["qo_n"].lower()], g["qo_u"].lower()
            if g["qo_y"]:
                year = int(g["qo_y"])
            elif ref is None:
                return None
            else:
                year = ref.year + {"last": -1, "this": 0, "next": 1}[g["qo_r"].lower()]
        size = 3 if unit == "quarter" else 6
        if n * size > 12:
            return None
        return _year_value(year, (n - 1) * size + 1, n * size)
    if g["qy_y"]:
        return _year_value(int(g["qy_y"]))
    if g["ry_r"]:
        if ref is None:
            return None
        shift = {"last": -1, "this": 0, "next": 1}[g["ry_r"].lower()]
        if g["ry_u"].lower() == "year":
            return _year_value(ref.year + shift)
        index = ref.year * 12 + ref.month - 1 + shift
        return _month_value(index // 12, index % 12 + 1)
    if g["dw"]:
        if ref is None:
            return None
        d = _plus(ref, {"yesterday": -1, "today": 0, "tomorrow": 1}[g["dw"].lower()])
        return _day_value(d) if d else None
    if g["wd"]:
        if ref is None:
            return None
        wanted, rel = _WEEKDAYS[g["wd"].lower()], (g["wd_r"] or "").lower()
        back = (ref.weekday() - wanted) % 7
        if rel == "next":
            d = _plus(ref, (wanted - ref.weekday()) % 7 or 7)
        elif rel == "last":
            d = _plus(ref, -(back or 7))
        else:
            d = _plus(ref, -back)
        return _day_value(d) if d else None
    if g["ym_y"]:
        return _month_value(int(g["ym_y"]), int(g["ym_m"]))
    if g["bm"]:
        if ref is None:
            return None
        before = text[max(0, m.start() - 25):m.start()]
        if not (_MONTH_CUE.search(before) or text.startswith(("'s", "\u2019s"), m.end()) or g["bm"] in _BARE_MONTHS):
            return None
        month = _month_num(g["bm"])
        year = _year_for_month(month, ref)
        return _month_value(year, month) if year is not None else None
    if g["by"]:
        year = int(g["by"])
        before = text[max(0, m.start() - 25):m.start()]
        if _COUNT_BEFORE.search(before) or _COUNT_AFTER.match(text, m.end()):
            return None
        cued = _YEAR_CUE.search(before) is not None
        if not ((cued and 1800 <= year <= 2199) or 1900 <= year <= 2099):
            return None
        return _year_value(year)
    return None


def find_periods(text: str) -> list[tuple[int, int, int, int]]:
    """Year ranges in ``text`` as (start year, end year, char start, char end).

    "2016-2020", "2016–2020", "2016 to 2020", "between 2016 and 2020", "2021-25"
    (→ 2025).  The end year must follow the start year by at most a century;
    "2021-02" is not a period (it is February 2021).
    """
    if not _CUE.search(text):
        return []
    out = []
    for m in _PERIOD.finditer(text):
        start, raw = int(m.group("a")), m.group("b")
        end = start // 100 * 100 + int(raw) if len(raw) == 2 else int(raw)
        if not start < end <= start + 100:
            continue
        if m.group("sep").strip() == "and" and not _BETWEEN.search(text, max(0, m.start() - 20), m.start()):
            continue
        out.append((start, end, m.start(), m.end()))
    return out


def find_dates(text: str, ref: dt.date | None) -> list[DateValue]:
    """Every date expression in ``text``, resolved against the article date ``ref`` (see the module doc)."""
    if not _CUE.search(text):
        return []
    periods = [(s, e) for _, _, s, e in find_periods(text)]
    out = []
    pos = 0
    while (anchor := _ANCHOR.search(text, pos)) is not None:
        m = _PATTERN.match(text, anchor.start())
        if m is None:
            pos = anchor.end()
            continue
        start, end = m.span()
        pos = max(end, anchor.end())
        if any(start < pe and ps < end for ps, pe in periods):
            continue
        resolved = _resolve(m, text, ref)
        if resolved is None:
            continue
        value, precision, earliest, latest = resolved
        out.append(DateValue(value, precision, earliest, latest, start, end, m.group(0)))
    return out
