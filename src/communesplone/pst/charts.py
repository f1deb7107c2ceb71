"""The PST's charts as standalone SVG: pages show them, reports embed them.

Each function takes plain values (read from the catalog or the stored roll-ups) and
returns the SVG text; nothing here reads the site. pygal draws all of them but the
timeline, which pygal cannot draw (it has no Gantt chart) and is written out by hand.
"""

from communesplone import _
from communesplone.pst.vocabularies import HEALTH
from datetime import date
from datetime import datetime
from datetime import timedelta
from xml.sax.saxutils import escape
from xml.sax.saxutils import quoteattr

import pygal


STYLE = pygal.style.LightStyle
HEALTH_TITLES = dict(HEALTH)
HEALTH_COLOURS = {
    "good": "#2e7d32",
    "at_risk": "#f9a825",
    "blocked": "#c62828",
    "paused": "#757575",
}


def _short(label: str, size: int = 45) -> str:
    return label if len(label) <= size else label[: size - 1].rstrip() + "…"


def euros(value) -> str:
    """1 250 000 € (thin spaces), for the axes and the tooltips."""
    return f"{value or 0:,.0f} €".replace(",", "\u202f")


def _options(title: str, **extra) -> dict:
    return {
        "title": title,
        "height": 320,
        "width": 720,
        "legend_at_bottom": True,
        "js": [],  # no script fetched from elsewhere: the SVG stands alone
        "disable_xml_declaration": True,
        "style": STYLE,
        **extra,
    }


def progress_chart(title: str, bars: list[tuple[str, int | None]]) -> str:
    """Progress (%) of each child: (label, progress); none counts as 0."""
    chart = pygal.HorizontalBar(**_options(title, range=(0, 100), show_legend=False))
    # pygal draws the first bar at the bottom: reversed, the chart reads top-down.
    bars = list(reversed(bars))
    chart.x_labels = [_short(label) for label, _progress in bars]
    chart.add("Avancement (%)", [progress or 0 for _label, progress in bars])
    return chart.render(is_unicode=True)


def budget_chart(title: str, by_year: dict, spent: bool = True) -> str:
    """Planned and spent per year, from a roll-up's `by_year` (planned only if not `spent`)."""
    years = sorted(by_year)
    chart = pygal.Bar(**_options(title, value_formatter=euros))
    chart.x_labels = [str(year) for year in years]
    chart.add("Prévu (€)", [round(by_year[year]["planned"], 2) for year in years])
    if spent:
        chart.add("Dépensé (€)", [round(by_year[year]["spent"], 2) for year in years])
    return chart.render(is_unicode=True)


def health_chart(title: str, counts: dict) -> str:
    """How many actions are in each health, in the vocabulary's order."""
    style = STYLE(colors=tuple(HEALTH_COLOURS[key] for key, _title in HEALTH))
    chart = pygal.Pie(**{**_options(title, inner_radius=0.4), "style": style})
    for key, label in HEALTH:
        chart.add(f"{label} ({counts.get(key, 0)})", counts.get(key, 0))
    return chart.render(is_unicode=True)


# Timeline (Gantt-like) ----------------------------------------------------------------
# pygal draws no Gantt chart: this one is plain SVG text, every value escaped.

TIMELINE_WIDTH = 720
TIMELINE_LEFT = 290  # the plot's left edge: the labels live on its left
TIMELINE_RIGHT = 700  # the plot's right edge
TIMELINE_TOP = 56  # the first row's top: the title and the years live above
TIMELINE_ROW = 26
TIMELINE_COLOURS = {
    "planned": "#bbdefb",
    "effective": "#1565c0",
    "late": "#ef9a9a",
    "late_stroke": "#c62828",
    "today": "#ef6c00",
    "grid": "#e0e0e0",
    "text": "#212121",
    "muted": "#757575",
}
TIMELINE_CLOSED = ("terminated", "stopped", "abandoned")  # listing.CLOSED_STATES, site-free
TIMELINE_WORDS = {
    "planned": _("Prévu"),
    "effective": _("Effectif"),
    "ongoing": _("en cours"),
    "late": _("en retard"),
    "today": _("Aujourd'hui"),
    "undated": _("dates non prévues"),
}


def _day(value) -> date | None:
    """A date, or None (a catalog may hold Missing.Value, a datetime, or nothing)."""
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def _period(first: date, last: date) -> str:
    return f"{first:%d/%m/%Y} – {last:%d/%m/%Y}"


def _months(first: date, last: date):
    """The first day of each month after `first` up to `last`."""
    year, month = first.year, first.month
    while True:
        month += 1
        if month > 12:
            year, month = year + 1, 1
        day = date(year, month, 1)
        if day > last:
            return
        yield day


def _is_web_address(url: str) -> bool:
    """Only links a chart may carry: http(s) or a path (never `javascript:` and the like)."""
    url = (url or "").strip().lower()
    return url.startswith(("http://", "https://", "/")) and not url.startswith("//")


def _timeline_rect(classes, first, last, x, y, height, fill, tooltip, stroke="") -> str:
    left, right = x(first), x(last)
    width = max(right - left, 2.0)  # a one-day period stays visible
    stroke = f' stroke="{stroke}"' if stroke else ""
    # The size is also given as style: inside a page, a site's stylesheet may size `rect`
    # elements, and CSS wins over attributes.
    return (
        f'<rect class="{" ".join(classes)}" x="{left:.2f}" y="{y:.2f}" width="{width:.2f}" '
        f'height="{height}" style="width: {width:.2f}px; height: {height}px" rx="2" '
        f'fill="{fill}"{stroke} '
        f'data-start="{first.isoformat()}" data-end="{last.isoformat()}">'
        f"<title>{escape(tooltip)}</title></rect>"
    )


def _timeline_axis(first: date, last: date, x, axis: float, bottom: float) -> list[str]:
    """Month ticks when they can be told apart (under two years), a line and label a year."""
    colours = TIMELINE_COLOURS
    parts = []
    if (last - first).days < 730:
        for day in _months(first, last):
            parts.append(
                f'<line class="month" x1="{x(day):.2f}" y1="{axis - 4}" x2="{x(day):.2f}" '
                f'y2="{axis}" stroke="{colours["muted"]}" data-date="{day.isoformat()}"/>'
            )
    previous = None
    for year in range(first.year, last.year + 1):
        start, end = max(date(year, 1, 1), first), min(date(year + 1, 1, 1), last)
        parts.append(
            f'<line class="year" x1="{x(start):.2f}" y1="{axis - 8}" x2="{x(start):.2f}" '
            f'y2="{bottom}" stroke="{colours["grid"]}" data-date="{start.isoformat()}"/>'
        )
        middle = min(max((x(start) + x(end)) / 2, TIMELINE_LEFT + 14), TIMELINE_RIGHT - 14)
        if previous is None or middle - previous >= 32:  # a long span: no overlapping years
            parts.append(
                f'<text class="year-label" x="{middle:.2f}" y="{axis - 10}" '
                f'text-anchor="middle" fill="{colours["muted"]}">{year}</text>'
            )
            previous = middle
    return parts


def _timeline_row(top: float, row: dict, x, words: dict) -> str:
    """The label (a link when there is a url), then the bars or « dates non prévues »."""
    colours = TIMELINE_COLOURS
    label, late = row["label"], row["late"]
    planned, effective = row["planned"], row["effective"]
    text = (
        f'<text class="label{" late" if late else ""}" x="8" y="{top + 17}" '
        f'fill="{colours["late_stroke"] if late else colours["text"]}">'
        f"{escape(_short(label, 42))}<title>{escape(label)}</title></text>"
    )
    if _is_web_address(row["url"]):
        text = f"<a href={quoteattr(row['url'])}>{text}</a>"
    parts = [f'<g class="row{" late" if late else ""}">', text]
    if not any(planned + effective):
        parts.append(
            f'<text class="undated" x="{TIMELINE_LEFT + 6}" y="{top + 17}" font-style="italic" '
            f'fill="{colours["muted"]}">{escape(words["undated"])}</text>'
        )
    if any(planned):  # one date alone shows as a mark
        start, end = planned[0] or planned[1], planned[1] or planned[0]
        tooltip = f"{words['planned']} : {_period(start, end)}"
        classes, fill, stroke = ["planned"], colours["planned"], ""
        if late:
            tooltip += f" ({words['late']})"
            classes, fill, stroke = ["planned", "late"], colours["late"], colours["late_stroke"]
        parts.append(_timeline_rect(classes, start, end, x, top + 5, 16, fill, tooltip, stroke))
    if any(effective):
        start, end = effective[0] or effective[1], effective[1] or effective[0]
        tooltip = f"{words['effective']} : {_period(start, end)}"
        if row["ongoing"]:
            tooltip += f" ({words['ongoing']})"
        fill = colours["effective"]
        parts.append(_timeline_rect(["effective"], start, end, x, top + 9, 8, fill, tooltip))
    parts.append("</g>")
    return "".join(parts)


def timeline_chart(title: str, bars: list[dict], today: date, *, t=str) -> str:
    """Planned and effective periods of actions, one row each, on a common time axis.

    Each bar: label, planned_start, planned_end, effective_start, effective_end, late,
    state, and optionally url. `t` translates the chart's own words (French by default).
    An open action's effective period without an end runs to `today`.
    """
    if not bars:
        return ""
    colours = TIMELINE_COLOURS
    words = {key: t(word) for key, word in TIMELINE_WORDS.items()}
    rows = []
    for bar in bars:
        effective = [_day(bar.get("effective_start")), _day(bar.get("effective_end"))]
        ongoing = bool(
            effective[0] and not effective[1] and bar.get("state") not in TIMELINE_CLOSED
        )
        if ongoing:
            effective[1] = max(today, effective[0])
        rows.append(
            {
                "label": str(bar.get("label") or ""),
                "url": bar.get("url") or "",
                "late": bool(bar.get("late")),
                "planned": [_day(bar.get("planned_start")), _day(bar.get("planned_end"))],
                "effective": effective,
                "ongoing": ongoing,
            }
        )

    # The axis runs from the earliest to the latest date, today included.
    known = [day for row in rows for day in row["planned"] + row["effective"] if day]
    first, last = min([*known, today]), max([*known, today])
    if last <= first:
        last = first + timedelta(days=1)
    span = (last - first).days

    def x(day: date) -> float:
        return TIMELINE_LEFT + (day - first).days / span * (TIMELINE_RIGHT - TIMELINE_LEFT)

    axis = TIMELINE_TOP - 4
    bottom = TIMELINE_TOP + len(rows) * TIMELINE_ROW
    height = bottom + 28
    now = x(today)
    anchor = "middle"
    if now > TIMELINE_RIGHT - 40:
        anchor = "end"
    elif now < TIMELINE_LEFT + 40:
        anchor = "start"
    return "".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="pst-timeline" '
            f'width="{TIMELINE_WIDTH}" height="{height}" '
            f'viewBox="0 0 {TIMELINE_WIDTH} {height}" style="max-width: 100%; height: auto" '
            f'font-family="sans-serif" font-size="12" role="img" aria-label={quoteattr(title)} '
            f'data-start="{first.isoformat()}" data-end="{last.isoformat()}">',
            f"<title>{escape(title)}</title>",
            f'<text class="chart-title" x="{TIMELINE_WIDTH // 2}" y="20" text-anchor="middle" '
            f'font-size="15" fill="{colours["text"]}">{escape(title)}</text>',
            f'<line class="axis" x1="{TIMELINE_LEFT}" y1="{axis}" x2="{TIMELINE_RIGHT}" '
            f'y2="{axis}" stroke="{colours["muted"]}"/>',
            *_timeline_axis(first, last, x, axis, bottom),
            *(
                _timeline_row(TIMELINE_TOP + index * TIMELINE_ROW, row, x, words)
                for index, row in enumerate(rows)
            ),
            f'<line class="today" x1="{now:.2f}" y1="{axis}" x2="{now:.2f}" y2="{bottom}" '
            f'stroke="{colours["today"]}" stroke-width="2" stroke-dasharray="4 3" '
            f'data-date="{today.isoformat()}"><title>{escape(words["today"])} : '
            f"{today:%d/%m/%Y}</title></line>",
            f'<text class="today-label" x="{now:.2f}" y="{bottom + 16}" '
            f'text-anchor="{anchor}" fill="{colours["today"]}">{escape(words["today"])}</text>',
            "</svg>",
        ]
    )
