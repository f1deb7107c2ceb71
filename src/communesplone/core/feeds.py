"""Calendar (iCalendar) and news (RSS 2.0) feeds: one way to write them for every module.

Feeds are read by programs (agenda applications, feed readers), so they are built with
libraries that escape what they hold (icalendar, ElementTree), never by string pasting.
"""

from datetime import date
from datetime import datetime
from email.utils import format_datetime
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import icalendar


ZONE = ZoneInfo("Europe/Brussels")


def local(value: datetime) -> datetime:
    return value.replace(tzinfo=ZONE) if value.tzinfo is None else value.astimezone(ZONE)


def new_calendar(name: str, product: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//CommunesPlone//{product}//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Brussels")
    return calendar


def add_event(calendar, uid: str, summary: str, start, end, **optional) -> None:
    """One event; `start`/`end` are datetimes, or dates for a whole-day event (end
    excluded, as iCalendar counts it)."""
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", local(datetime.now()))
    event.add(
        "dtstart",
        start if isinstance(start, date) and not isinstance(start, datetime) else local(start),
    )
    event.add(
        "dtend", end if isinstance(end, date) and not isinstance(end, datetime) else local(end)
    )
    event.add("summary", summary)
    for name in ("location", "description", "url"):
        if optional.get(name):
            event.add(name, optional[name])
    calendar.add_component(event)


def ics_response(request, calendar, filename: str) -> bytes:
    response = request.response
    response.setHeader("Content-Type", "text/calendar; charset=utf-8")
    response.setHeader("Content-Disposition", f'inline; filename="{filename}"')
    return calendar.to_ical()


def rss_response(request, title: str, link: str, description: str, entries: list[dict]) -> bytes:
    """RSS 2.0; each entry: title, link, guid, description, published (datetime)."""
    rss = ElementTree.Element("rss", version="2.0")
    channel = ElementTree.SubElement(rss, "channel")
    for name, value in (("title", title), ("link", link), ("description", description)):
        ElementTree.SubElement(channel, name).text = value
    ElementTree.SubElement(channel, "language").text = "fr-BE"
    for entry in entries:
        item = ElementTree.SubElement(channel, "item")
        ElementTree.SubElement(item, "title").text = entry["title"]
        ElementTree.SubElement(item, "link").text = entry["link"]
        guid = ElementTree.SubElement(item, "guid", isPermaLink="false")
        guid.text = entry["guid"]
        if entry.get("description"):
            ElementTree.SubElement(item, "description").text = entry["description"]
        if entry.get("published"):
            ElementTree.SubElement(item, "pubDate").text = format_datetime(
                local(entry["published"])
            )
    request.response.setHeader("Content-Type", "application/rss+xml; charset=utf-8")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(rss, "utf-8")
