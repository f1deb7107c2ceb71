"""The PST's charts as standalone SVG (pygal): pages show them, reports embed them.

Each function takes plain values (read from the catalog or the stored roll-ups) and
returns the SVG text; nothing here reads the site.
"""

from communesplone.pst.vocabularies import HEALTH

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


def budget_chart(title: str, by_year: dict) -> str:
    """Planned and spent per year, from a roll-up's `by_year`."""
    years = sorted(by_year)
    chart = pygal.Bar(**_options(title, value_formatter=euros))
    chart.x_labels = [str(year) for year in years]
    chart.add("Prévu (€)", [round(by_year[year]["planned"], 2) for year in years])
    chart.add("Dépensé (€)", [round(by_year[year]["spent"], 2) for year in years])
    return chart.render(is_unicode=True)


def health_chart(title: str, counts: dict) -> str:
    """How many actions are in each health, in the vocabulary's order."""
    style = STYLE(colors=tuple(HEALTH_COLOURS[key] for key, _title in HEALTH))
    chart = pygal.Pie(**{**_options(title, inner_radius=0.4), "style": style})
    for key, label in HEALTH:
        chart.add(f"{label} ({counts.get(key, 0)})", counts.get(key, 0))
    return chart.render(is_unicode=True)
