"""`make bench`'s arithmetic: medians, ratios, the targets and whether they are met.

Pure Python (no Zope, no HTTP) so the rules the page states are tested on their own.
"""

import re
import statistics


# name: (what is compared, "<=" or ">=", limit, how the page says the target)
TARGETS = {
    "meeting_page": ("ratio", "<=", 2.0, "≤ 2,0 × Plone"),
    "agenda_json": ("ratio", "<=", 2.0, "≤ 2,0 × Plone"),
    "mail_dashboard": ("growth", "<=", 1.5, "L/S ≤ 1,5"),
    "mail_registration": ("ratio", ">=", 0.5, "≥ 0,5 × Plone, 0 doublon"),
    "legal_clock": ("permits_per_second", ">=", 5000, "≥ 5 000 permis/s"),
    "agenda_odt": ("seconds", "<=", 10, "≤ 10 s"),
    "agenda_pdf": ("seconds", "<=", 20, "≤ 20 s"),
    "minutes_odt": ("seconds", "<=", 10, "≤ 10 s"),
    "minutes_pdf": ("seconds", "<=", 20, "≤ 20 s"),
    "site_creation": ("seconds", "<=", 15, "≤ 15 s par site"),
}


def median_ms(seconds: list[float]) -> float:
    """The median of durations in seconds, in milliseconds (0 without any)."""
    return round(statistics.median(seconds) * 1000, 1) if seconds else 0.0


def ratio(product: float, plain: float) -> float | None:
    """Product over plain Plone; None when plain Plone gave nothing to divide by."""
    return round(product / plain, 2) if plain else None


def met(name: str, value: float | None) -> bool | None:
    """Is the target of benchmark `name` met by `value`? None when not measured."""
    if value is None:
        return None
    _key, sense, limit, _text = TARGETS[name]
    return value <= limit if sense == "<=" else value >= limit


def verdict(name: str, value: float | None, **extra) -> dict:
    """A figure with its target, as the JSON and the page carry it."""
    _key, _sense, _limit, text = TARGETS[name]
    return {"value": value, "target": text, "met": met(name, value), **extra}


def duplicates(numbers: list[str]) -> int:
    """How many registration numbers were handed out more than once (must be 0)."""
    present = [number for number in numbers if number]
    return len(present) - len(set(present))


def growth(small: dict | None, large: dict | None) -> float | None:
    """The L/S ratio of the mail dashboard, normalised by plain Plone in each run.

    S and L are measured in different runs, maybe under another load: dividing each by
    the plain listing of its own run leaves the cost of the bigger database alone."""
    if not small or not large:
        return None
    if small.get("ratio") and large.get("ratio"):
        return round(large["ratio"] / small["ratio"], 2)
    return ratio(large.get("product_ms", 0), small.get("product_ms", 0))


def rss_mb(status_text: str) -> float | None:
    """Resident memory in MB from the text of /proc/<pid>/status."""
    for line in status_text.splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return None


def parse_sites(text: str) -> list[int]:
    """`1,10,30` → [1, 10, 30]: the site counts at which memory is read, ascending."""
    counts = sorted({int(part) for part in text.replace(" ", "").split(",") if part})
    if any(count < 1 for count in counts):
        raise ValueError("un nombre de sites est au moins 1")
    return counts


def distinct(text: str, prefix: str) -> int:
    """How many different numbered titles (`prefix 12`) a page shows, not how often:
    a page may name an item twice (link and title), and must show all 150."""
    return len(set(re.findall(re.escape(prefix) + r" (\d+)", text)))
