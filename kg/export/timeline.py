"""A timeline picture of events: those of an actor, of a date range, or of a named query.

Events come from the named query ``timeline``. An event dated to the day is a
dot; one known only to the month or year is a bar over that month or year.
Drawn with Matplotlib.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import IO, Any

from kg.errors import KgError
from kg.export.selection import Selection, date_bound, query_iris

MAX_EVENTS = 200
"""Timelines of more events show the latest ones (the title says so)."""

_KIND_COLOURS = ["#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7F7F7F", "#F0E442", "#000000"]


@dataclass(frozen=True)
class TimelineEvent:
    """One event on the timeline.

    Attributes:
        iri: the event's IRI.
        label: its name.
        kind: its class, e.g. ``Meeting``.
        date: the date as stated (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``).
        earliest: the first day the date covers.
        latest: the last day the date covers.
    """

    iri: str
    label: str
    kind: str
    date: str
    earliest: dt.date
    latest: dt.date


def _span(value: str) -> tuple[dt.date, dt.date]:
    """The first and last day a ``YYYY[-MM[-DD]]`` date covers.

    >>> _span("2021-02")
    (datetime.date(2021, 2, 1), datetime.date(2021, 2, 28))
    """
    parts = [int(p) for p in value[:10].split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], calendar.monthrange(*parts)[1])
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def timeline_events(store: Any, selection: Selection) -> list[TimelineEvent]:
    """The events ``selection`` covers, in date order.

    ``actor`` keeps the events it took part in; ``query`` the events among the
    IRIs the named query returns; ``date_from``/``date_to`` the events whose
    date overlaps the range.
    """
    from kg import queries

    params = {"actor": selection.actor} if selection.actor else {}
    rows = queries.run(store, "timeline", **params).rows
    wanted = set(query_iris(store, selection.query, selection.params)) if selection.query else None
    lo = dt.date.fromisoformat(date_bound(selection.date_from, end=False)) if selection.date_from else dt.date.min
    hi = dt.date.fromisoformat(date_bound(selection.date_to, end=True)) if selection.date_to else dt.date.max
    events: dict[str, TimelineEvent] = {}
    for date, event, label, kind in rows:
        if wanted is not None and event.value not in wanted:
            continue
        try:
            earliest, latest = _span(date.value)
        except ValueError:
            continue
        if latest < lo or earliest > hi or event.value in events:
            continue
        events[event.value] = TimelineEvent(event.value, label.value, kind.value if kind else "", date.value,
                                            earliest, latest)
    return sorted(events.values(), key=lambda e: (e.earliest, e.latest, e.label))


def draw_timeline(events: list[TimelineEvent], fmt: str, out: IO[bytes], title: str) -> None:
    """Draw ``events`` (one row each, oldest at the top) as ``svg`` or ``png`` into ``out``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    if len(events) > MAX_EVENTS:
        title += f" (the latest {MAX_EVENTS} of {len(events)} events)"
        events = events[-MAX_EVENTS:]
    kinds = sorted({e.kind for e in events})
    colours = {k: _KIND_COLOURS[i % len(_KIND_COLOURS)] for i, k in enumerate(kinds)}
    with matplotlib.rc_context({"svg.fonttype": "none", "font.family": "DejaVu Sans", "font.size": 9}):
        fig, ax = plt.subplots(figsize=(11, 1.6 + 0.34 * len(events)))
        for row, event in enumerate(events):
            y = len(events) - 1 - row
            start = mdates.date2num(event.earliest)
            end = mdates.date2num(event.latest + dt.timedelta(days=1))
            c = colours[event.kind]
            if event.earliest == event.latest:
                ax.plot([start], [y], "o", color=c, markersize=7)
            else:
                ax.barh(y, end - start, left=start, height=0.45, color=c, alpha=0.55)
            text = f"{event.label}  ({event.date})"
            ax.text(end, y, "  " + (text if len(text) <= 90 else text[:87] + "…"), va="center", fontsize=8.5,
                    parse_math=False)
        low = min(mdates.date2num(e.earliest) for e in events)
        high = max(mdates.date2num(e.latest) for e in events)
        pad = max((high - low) * 0.05, 15)
        ax.set_xlim(low - pad, high + pad + max((high - low) * 0.9, 200))
        ax.set_ylim(-0.8, len(events) - 0.2)
        ax.set_yticks([])
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=10))
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        for side in ("left", "right", "top"):
            ax.spines[side].set_visible(False)
        ax.set_title(title, loc="left", fontsize=11, fontweight="bold")
        handles = [Line2D([], [], marker="o", linestyle="", color=colours[k], label=k or "Event") for k in kinds]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.6 / (1.6 + 0.34 * len(events))),
                  ncol=min(len(kinds), 6), frameon=False, fontsize=8)
        fig.tight_layout()
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(out, format=fmt, dpi=150, metadata=metadata, bbox_inches="tight")
        plt.close(fig)


def _title(selection: Selection) -> str:
    """``Events of Russia, 2021 to 2022``, ``Events returned by query q``, ``Dated events``."""
    if selection.actor:
        text = f"Events of {selection.actor}"
    elif selection.query:
        text = f"Events returned by query {selection.query}"
    else:
        text = "Dated events"
    if selection.date_from or selection.date_to:
        text += f", {selection.date_from or '…'} to {selection.date_to or '…'}"
    return text


def write_timeline(store: Any, selection: Selection, fmt: str, out: IO[bytes], title: str | None = None) -> int:
    """Draw the timeline of the events ``selection`` covers; returns how many events it shows.

    Raises:
        KgError: when no event matches.
    """
    events = timeline_events(store, selection)
    if not events:
        raise KgError(f"no dated events for the timeline ({selection.describe()})")
    draw_timeline(events, fmt, out, title or _title(selection))
    return min(len(events), MAX_EVENTS)
