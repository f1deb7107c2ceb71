"""Performance of the urbanism service: deposits, time to acknowledgement and decision.

Figures per deposit year and procedure, from the dates stored on each file
(tracking.py), read in one catalog query.
"""

from datetime import date
from statistics import median


def _days(start: str | None, end: str | None) -> int | None:
    if not start or not end:
        return None
    return (date.fromisoformat(end) - date.fromisoformat(start)).days


def _durations(group, step: str) -> list[int]:
    found = (_days(stats["deposit"], stats.get(step)) for stats in group)
    return [days for days in found if days is not None]


def figures(rows) -> list[dict]:
    """`rows`: (procedure, stats dict) pairs. One line per (year, procedure), newest first."""
    groups: dict[tuple[int, str], list[dict]] = {}
    for procedure, stats in rows:
        if not stats or not stats.get("deposit"):
            continue
        year = date.fromisoformat(stats["deposit"]).year
        groups.setdefault((year, procedure), []).append(stats)
    lines = []
    for (year, procedure), group in sorted(groups.items(), key=lambda kv: (-kv[0][0], kv[0][1])):
        to_ack = [
            d
            for d in (_days(s["deposit"], s.get("acknowledgement")) for s in group)
            if d is not None
        ]
        to_decision = [
            d for d in (_days(s["deposit"], s.get("decision")) for s in group) if d is not None
        ]
        judged = [s["on_time"] for s in group if s.get("on_time") is not None]
        lines.append(
            {
                "year": year,
                "procedure": procedure,
                "deposited": len(group),
                "median_to_acknowledgement": median(to_ack) if to_ack else None,
                "median_to_decision": median(to_decision) if to_decision else None,
                "decided": len(judged),
                "on_time_rate": round(100 * sum(judged) / len(judged)) if judged else None,
            }
        )
    return lines
