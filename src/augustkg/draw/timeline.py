"""The war on a dated axis: the war and its operations as start–end bars, dated events as marks.

Operations are read by class and dates, events by their one-day `ako:date`, so whatever the
data adds appears without touching this file. An operation the article gives no end date is
drawn hatched up to the end of the war it is part of. Event labels are stacked in rows, each
placed in the first row where it does not overlap its neighbours. Only fonts that ship with
matplotlib (DejaVu Sans, which has ō and the en dash) are used, and SVG text stays text.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

OPERATIONS = """
SELECT ?op ?label ?start ?end ?warEnd ?kind WHERE {
  { ?op a ako:Operation BIND("operation" AS ?kind) } UNION { ?op a ako:Conflict ; ako:endDate ?e0 BIND("war" AS ?kind) }
  ?op rdfs:label ?label ; ako:startDate ?start FILTER(lang(?label) = "en")
  OPTIONAL { ?op ako:endDate ?end }
  OPTIONAL { ?op ako:partOf ?war . ?war a ako:Conflict ; ako:endDate ?warEnd }
}"""
EVENTS = """
SELECT ?e ?label ?date WHERE {
  ?e ako:date ?date ; rdfs:label ?label FILTER(lang(?label) = "en")
  FILTER NOT EXISTS { ?e a ako:Operation }
}"""
#: how far before the first and after the last operation day events are still shown
BEFORE, AFTER = dt.timedelta(days=30), dt.timedelta(days=10)
WAR_COLOUR, OPERATION_COLOUR, EVENT_COLOUR = "#7f1d1d", "#c62828", "#37474f"


@dataclass(frozen=True)
class Bar:
    label: str
    start: dt.date
    end: dt.date
    open_end: bool  # the end is not given; drawn to the end of the war
    war: bool


@dataclass(frozen=True)
class Mark:
    label: str
    date: dt.date


def bars(kg) -> list[Bar]:
    found: dict[str, Bar] = {}
    for row in kg.query(OPERATIONS).values():
        end = row.get("end") or row.get("warEnd")
        if not isinstance(row["start"], dt.date) or not isinstance(end, dt.date):
            continue
        war = row["kind"] == "war"
        bar = Bar(row["label"], row["start"], end, row.get("end") is None, war)
        if row["op"] not in found or (war and not found[row["op"]].war):
            found[row["op"]] = bar
    return sorted(found.values(), key=lambda b: (not b.war, b.start, -(b.end - b.start).days, b.label))


def marks(kg, first: dt.date, last: dt.date) -> list[Mark]:
    rows = kg.query(EVENTS).values()
    out = {Mark(r["label"], r["date"]) for r in rows
           if isinstance(r["date"], dt.date) and first - BEFORE <= r["date"] <= last + AFTER}
    return sorted(out, key=lambda m: (m.date, m.label))


def draw(kg, fmt: str = "svg") -> bytes:
    from ..errors import AugustError

    spans = bars(kg)
    if not spans:
        raise AugustError("no operation with dates to draw")
    first, last = min(b.start for b in spans), max(b.end for b in spans)
    return render(spans, marks(kg, first, last), fmt)


def render(spans: list[Bar], events: list[Mark], fmt: str) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    style = {"svg.fonttype": "none", "svg.hashsalt": "augustkg", "font.family": "DejaVu Sans", "font.size": 9}
    with plt.rc_context(style):
        start = min([b.start for b in spans] + [m.date for m in events]) - dt.timedelta(days=2)
        end = max([b.end for b in spans] + [m.date for m in events]) + dt.timedelta(days=3)
        fig, ax = plt.subplots(figsize=(12, 3 + 0.32 * (len(spans) + len(events) / 2)), dpi=100)
        ax.set_xlim(start, end)
        for row, bar in enumerate(spans):
            width = (bar.end - bar.start).days + 1
            colour = WAR_COLOUR if bar.war else OPERATION_COLOUR
            ax.barh(-row, width, left=bar.start, height=0.6, color=colour, alpha=0.25 if bar.open_end else 0.9,
                    hatch="///" if bar.open_end else None, edgecolor=colour, linewidth=0.8)
            span = f"{_day(bar.start)} – {'(end not given)' if bar.open_end else _day(bar.end)}"
            if width >= 9:
                ax.text(mdates.date2num(bar.start) + width / 2, -row, span, ha="center", va="center",
                        fontsize=7.5, color=colour if bar.open_end else "white")
            else:  # too short to hold its dates: write them beside it
                ax.text(mdates.date2num(bar.end) + 1.4, -row, span, ha="left", va="center", fontsize=7.5,
                        color=colour)
        ax.set_yticks([-i for i in range(len(spans))], [b.label for b in spans])
        for tick, bar in zip(ax.get_yticklabels(), spans):
            tick.set_fontweight("bold" if bar.war else "normal")
        top = -len(spans) + 0.2
        ax.axhline(top, color="#9e9e9e", linewidth=0.6)
        fig.canvas.draw()
        rows = _place(ax, fig, events, start, end)
        for event, (row, left) in zip(events, rows):
            y = top - 0.9 - row * 0.75
            ax.plot([event.date, event.date], [top, y], color=EVENT_COLOUR, linewidth=0.5, alpha=0.3, linestyle=":")
            ax.plot(event.date, y, marker="D", markersize=4, color=EVENT_COLOUR)
            x = mdates.date2num(event.date)  # a float, since date + timedelta drops fractions of a day
            ax.text(x - 0.7 if left else x + 0.7, y, f"{_day(event.date)}  {event.label}",
                    ha="right" if left else "left", va="center", fontsize=8, color=EVENT_COLOUR)
        lowest = top - 0.9 - (max((r for r, _ in rows), default=0)) * 0.75
        ax.set_ylim(lowest - 0.7, 0.6)
        ax.xaxis.set_major_locator(mdates.WeekdayLocator(byweekday=mdates.MO))
        ax.xaxis.set_minor_locator(mdates.DayLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%-d %b %Y"))
        ax.grid(axis="x", color="#eeeeee", linewidth=0.8)
        ax.set_axisbelow(True)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.tick_params(axis="y", length=0)
        ax.set_title("The Soviet–Japanese War of 1945: operations (bars) and dated events (marks)", loc="left",
                     fontsize=11, fontweight="bold")
        fig.tight_layout()
        buffer = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(buffer, format=fmt, metadata=metadata, dpi=150 if fmt == "png" else 100)
        plt.close(fig)
    return buffer.getvalue()


def _place(ax, fig, events: list[Mark], start: dt.date, end: dt.date) -> list[tuple[int, bool]]:
    """Greedy rows: each label goes into the first row where it fits; labels near the right edge
    are written leftwards from their mark."""
    import matplotlib.dates as mdates

    renderer = fig.canvas.get_renderer()
    to_days = (mdates.date2num(end) - mdates.date2num(start)) / ax.get_window_extent(renderer).width
    rows: list[list[tuple[float, float]]] = []
    out = []
    for event in events:
        probe = ax.text(0, 0, f"{_day(event.date)}  {event.label}", fontsize=8)
        width = probe.get_window_extent(renderer).width * to_days + 1.5
        probe.remove()
        x = mdates.date2num(event.date)
        left = x + width > mdates.date2num(end)
        extent = (x - width, x + 0.3) if left else (x - 0.3, x + width)
        for row, taken in enumerate(rows):
            if all(extent[1] < a or extent[0] > b for a, b in taken):
                taken.append(extent)
                out.append((row, left))
                break
        else:
            rows.append([extent])
            out.append((len(rows) - 1, left))
    return out


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b}"
