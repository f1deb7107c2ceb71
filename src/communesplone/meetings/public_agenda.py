"""The public agenda of a meeting: a small HTML document, the same bytes every time.

It is OParl's `invitation` file, so its size and SHA-512 are announced before it is
downloaded: it holds only the meeting's title, date, place and the numbers and titles of
its public items (never a huis clos item), and no date of generation.
"""

from communesplone.core.calendar import french_date
from communesplone.meetings.agenda import agenda_brains

import html


def public_agenda_html(meeting) -> bytes:
    title = html.escape(meeting.Title())
    lines = [
        "<!DOCTYPE html>",
        '<html lang="fr"><head><meta charset="utf-8">',
        f"<title>Ordre du jour – {title}</title></head><body>",
        f"<h1>Ordre du jour – {title}</h1>",
    ]
    if meeting.start:
        when = f"{french_date(meeting.start)} à {meeting.start:%H:%M}"
        lines.append(f"<p>Séance du {html.escape(when)}</p>")
    if meeting.place:
        lines.append(f"<p>Lieu : {html.escape(meeting.place)}</p>")
    lines.append("<ol>")
    for brain in agenda_brains(meeting, restricted=False):
        if brain.item_privacy != "public":
            continue
        number = meeting.number_of(brain.UID)
        lines.append(f'<li value="{number}">{html.escape(brain.Title)}</li>')
    lines.append("</ol>")
    lines.append("<p>Les points à huis clos ne sont pas publiés.</p>")
    lines.append("</body></html>")
    return "\n".join(lines).encode("utf-8")
