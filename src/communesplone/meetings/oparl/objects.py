"""The OParl objects, each built from a whitelist of what an anonymous visitor may read.

The catalog is asked without the visitor's rights (they have none on the intranet), so
every publication rule is written here, next to `meetings.publication`:

- organizations: the assemblies, the political groups and the services (names only);
- people: those holding a mandate in an assembly, with their name and memberships only
  (never an address, a phone number or an e-mail);
- meetings: those of an assembly that publishes its decisions, once the agenda is frozen
  (the council's agenda is posted publicly before the séance); never a meeting still in
  creation;
- agenda items, papers and consultations: the public items of those meetings, never a
  huis clos item; the result, the decision text and the votes once the meeting is closed,
  as on the public decisions page;
- files: the public agenda and the public minutes (without any huis clos item).

Each builder returns None for what is not published; the endpoint then answers with the
deletion record if there is one, else 404.
"""

from communesplone.core.content.directory import ROLE_TITLES
from communesplone.core.persistence import stored
from communesplone.meetings.content.assembly import IAssembly
from communesplone.meetings.oparl import registry
from communesplone.meetings.publication import PUBLISHED_AGENDA_STATES
from communesplone.meetings.publication import publishing_assemblies
from communesplone.meetings.publication import STATE_WORDS
from DateTime import DateTime
from datetime import date
from datetime import datetime
from functools import cached_property
from plone import api
from plone.app.uuid.utils import uuidToObject
from zoneinfo import ZoneInfo

import hashlib
import lxml.html


ZONE = ZoneInfo("Europe/Brussels")
SCHEMA = "https://schema.oparl.org/1.1/"
VERSION = "https://schema.oparl.org/1.1/"
MEETING_STATE_WORDS = {
    "frozen": "convoquée",
    "in_session": "en séance",
    "decided": "décisions prises",
    "closed": "clôturée",
}
RESULT_WORDS = {**STATE_WORDS, "postponed": "Reporté", "withdrawn": "Retiré"}
ASSEMBLY_BODIES = ("college", "council")
GENDERS = {"F": "female", "M": "male", "X": "other"}
ADDRESS = {"F": "Madame", "M": "Monsieur"}
ORGANIZATION_KINDS = {
    "assembly": ("Gremium", None),
    "political_group": ("Fraktion", "Groupe politique"),
    "service": ("Verwaltungsbereich", "Service communal"),
}
# The kinds an OParl path starts with, and their OParl type.
TYPES = {
    "system": "System",
    "body": "Body",
    "legislativeterm": "LegislativeTerm",
    "organization": "Organization",
    "person": "Person",
    "membership": "Membership",
    "meeting": "Meeting",
    "agendaitem": "AgendaItem",
    "paper": "Paper",
    "consultation": "Consultation",
    "file": "File",
    "location": "Location",
}
# A legislature starts on the first Monday of December after the October elections,
# every six years (2018, 2024, 2030…), and lasts until the next one.
ELECTION_YEAR = 2018
TERM_YEARS = 6


def iso(value) -> str | None:
    """A date-time as OParl writes it, in the commune's time zone."""
    if value is None:
        return None
    if isinstance(value, DateTime):
        value = value.asdatetime()
    if isinstance(value, datetime):
        value = value.replace(tzinfo=ZONE) if value.tzinfo is None else value.astimezone(ZONE)
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return None


def as_datetime(value) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, DateTime):
        return value.asdatetime()
    return value.replace(tzinfo=ZONE) if value.tzinfo is None else value


def latest(*values) -> datetime | None:
    found = [as_datetime(value) for value in values if value is not None]
    return max(found) if found else None


def plain_text(html: str) -> str:
    if not html or not html.strip():
        return ""
    return " ".join(lxml.html.fromstring(html).text_content().split())


def compact(data: dict) -> dict:
    """OParl leaves out empty optional fields: never "", None or []."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def term_start(year: int) -> date:
    first = date(year, 12, 1)
    return date(year, 12, 1 + (7 - first.weekday()) % 7)


def term_years(first: date, last: date) -> list[int]:
    """The election years of the legislatures from `first` to `last`."""

    def election(day: date) -> int:
        year = ELECTION_YEAR + (day.year - ELECTION_YEAR) // TERM_YEARS * TERM_YEARS
        return year if day >= term_start(year) else year - TERM_YEARS

    return list(range(election(first), election(last) + 1, TERM_YEARS))


class OParl:
    """One request's view of the commune's OParl data (caches live as long as it)."""

    def __init__(self, portal=None):
        self.portal = portal or api.portal.get()
        self.catalog = api.portal.get_tool("portal_catalog")
        self.base = f"{self.portal.absolute_url()}/@oparl"

    # -- addresses ------------------------------------------------------------------

    def url(self, path: str) -> str:
        return f"{self.base}/{path}" if path else self.base

    def list_url(self, name: str, **filters) -> str:
        query = "&".join(f"{key}={value}" for key, value in filters.items())
        return f"{self.base}/{name}" + (f"?{query}" if query else "")

    def header(self, path: str) -> dict:
        kind = path.split("/", 1)[0]
        return {"id": self.url(path), "type": SCHEMA + TYPES[kind]}

    def dates(self, created, modified, uid: str | None = None) -> dict:
        changed = latest(modified, registry.stamp_of(uid) if uid else None)
        return {"created": iso(created), "modified": iso(changed)}

    def search(self, **query) -> list:
        return self.catalog.unrestrictedSearchResults(**query)

    # -- what is published ----------------------------------------------------------

    @cached_property
    def body_key(self) -> str:
        return (
            api.portal.get_registry_record("communesplone.commune.nis_code", default=None)
            or self.portal.getId()
        )

    @cached_property
    def assemblies(self) -> dict:
        """{UID: assembly} of every assembly (published as organizations)."""
        return {obj.UID(): obj for obj in self.portal.objectValues() if IAssembly.providedBy(obj)}

    @cached_property
    def assembly_by_kind(self) -> dict:
        found = {}
        for assembly in self.assemblies.values():
            found.setdefault(assembly.kind, assembly)
        return found

    @cached_property
    def publishing_paths(self) -> list[str]:
        return ["/".join(obj.getPhysicalPath()) for obj in publishing_assemblies()]

    def meeting_brains(self, **query) -> list:
        if not self.publishing_paths:
            return []
        return self.search(
            portal_type="Meeting",
            path=self.publishing_paths,
            review_state=list(PUBLISHED_AGENDA_STATES),
            **query,
        )

    @cached_property
    def meetings(self) -> dict:
        """{UID: brain} of the published meetings."""
        return {brain.UID: brain for brain in self.meeting_brains()}

    def item_brains(self, **query) -> list:
        if not self.meetings:
            return []
        return self.search(
            portal_type="MeetingItem",
            meeting_uid=list(self.meetings),
            item_privacy="public",
            **query,
        )

    def mandate_brains(self, body: str | None = None, **query) -> list:
        """Mandates in an assembly (one, or all): they are OParl's memberships."""
        bodies = [kind for kind in ASSEMBLY_BODIES if kind in self.assembly_by_kind]
        if body is not None:
            bodies = [kind for kind in bodies if kind == body]
        if not bodies:
            return []
        return self.search(portal_type="Mandate", mandate_body=bodies, **query)

    def organization_brains(self, **query) -> list:
        groups = self.search(
            portal_type="Organization", organization_kind="political_group", **query
        )
        return [
            *self.search(portal_type="Assembly", **query),
            *groups,
            *self.search(portal_type="Service", **query),
        ]

    # -- one object -----------------------------------------------------------------

    def build(self, path: str, internal: bool = True) -> dict | None:
        """The object at `path` ("meeting/<uid>"), or None when it is not published."""
        kind, _sep, key = path.partition("/")
        builder = getattr(self, f"build_{kind}", None) if kind in TYPES else None
        if kind == "system":
            return None if key else self.build_system()
        if builder is None or not key:
            return None
        return builder(key, internal)

    def tombstone(self, path: str) -> dict | None:
        record = registry.deleted_record(path)
        if record is None:
            return None
        return compact(
            {
                **self.header(path),
                **record.get("extra", {}),
                "created": iso(record.get("created")),
                "modified": iso(record["deleted"]),
                "deleted": True,
            }
        )

    def build_system(self, internal: bool = True) -> dict:
        name = api.portal.get_registry_record("communesplone.commune.commune_name", default="")
        return compact(
            {
                "id": self.base,
                "type": SCHEMA + "System",
                "oparlVersion": VERSION,
                "body": self.list_url("bodies"),
                "name": f"CommunesPlone – {name}" if name else "CommunesPlone",
                "website": self.portal.absolute_url(),
                "created": iso(self.portal.created()),
            }
        )

    def build_body(self, key: str, internal: bool = True) -> dict | None:
        if key != self.body_key:
            return None
        name = api.portal.get_registry_record("communesplone.commune.commune_name", default="")
        nis = api.portal.get_registry_record("communesplone.commune.nis_code", default=None)
        email = api.portal.get_registry_record("communesplone.commune.email", default=None)
        return compact(
            {
                **self.header(f"body/{key}"),
                "system": self.url(""),
                "name": name or self.portal.Title(),
                "shortName": name or None,
                # The Belgian NIS code (INS) where OParl has the German AGS.
                "ags": nis,
                "website": self.portal.absolute_url(),
                "contactEmail": email,
                "classification": "Commune",
                "organization": self.list_url("organizations"),
                "person": self.list_url("persons"),
                "meeting": self.list_url("meetings"),
                "paper": self.list_url("papers"),
                "agendaItem": self.list_url("agendaitems"),
                "consultation": self.list_url("consultations"),
                "file": self.list_url("files"),
                "membership": self.list_url("memberships"),
                "legislativeTermList": self.list_url("legislativeterms"),
                "legislativeTerm": [
                    self.build_legislativeterm(str(year)) for year in self.legislative_years
                ],
                "created": iso(self.portal.created()),
            }
        )

    # -- legislative terms ----------------------------------------------------------

    @cached_property
    def legislative_years(self) -> list[int]:
        """From the first mandate or meeting on record to today."""
        firsts = []
        for brain in self.mandate_brains(sort_on="mandate_start", sort_limit=1)[:1]:
            if brain.mandate_start:
                firsts.append(as_day(brain.mandate_start))
        for brain in self.meeting_brains(sort_on="start", sort_limit=1)[:1]:
            if brain.start:
                firsts.append(as_day(brain.start))
        today = date.today()
        return term_years(min([*firsts, today]), today)

    def build_legislativeterm(self, key: str, internal: bool = True) -> dict | None:
        if not key.isdigit() or int(key) not in self.legislative_years:
            return None
        year = int(key)
        end = term_start(year + TERM_YEARS)
        return compact(
            {
                **self.header(f"legislativeterm/{year}"),
                "body": self.url(f"body/{self.body_key}"),
                "name": f"Législature {year}-{year + TERM_YEARS}",
                "startDate": term_start(year).isoformat(),
                "endDate": date.fromordinal(end.toordinal() - 1).isoformat(),
            }
        )

    # -- organizations, people, memberships -------------------------------------------

    def organization_kind(self, obj) -> str | None:
        if IAssembly.providedBy(obj):
            return "assembly"
        if obj.portal_type == "Service":
            return "service"
        if obj.portal_type == "Organization" and obj.kind == "political_group":
            return "political_group"
        return None

    def build_organization(self, uid: str, internal: bool = True) -> dict | None:
        obj = uuidToObject(uid, unrestricted=True)
        kind = self.organization_kind(obj) if obj is not None else None
        if kind is None:
            return None
        organization_type, classification = ORGANIZATION_KINDS[kind]
        data = {
            **self.header(f"organization/{uid}"),
            "body": self.url(f"body/{self.body_key}"),
            "name": obj.Title(),
            "organizationType": organization_type,
            "classification": classification,
            **self.dates(obj.created(), obj.modified(), uid),
        }
        if kind == "assembly":
            data["classification"] = (
                "Conseil communal" if obj.kind == "council" else "Collège communal"
            )
            data["meeting"] = self.list_url("meetings", organization=uid)
            data["membership"] = [
                self.url(f"membership/{brain.UID}")
                for brain in self.mandate_brains(obj.kind, sort_on="mandate_start")
            ]
            data["consultation"] = self.list_url("consultations", organization=uid)
        elif kind == "political_group":
            data["shortName"] = obj.acronym
        return compact(data)

    def person_of_mandate(self, brain) -> str | None:
        parent = brain.getPath().rsplit("/", 1)[0]
        people = self.search(portal_type="Person", path={"query": parent, "depth": 0})
        return people[0].UID if people else None

    def build_person(self, uid: str, internal: bool = True) -> dict | None:
        people = self.search(portal_type="Person", UID=uid)
        if not people:
            return None
        path = people[0].getPath()
        mandates = self.mandate_brains(path={"query": path, "depth": 1}, sort_on="mandate_start")
        if not mandates:
            return None
        person = people[0]._unrestrictedGetObject()
        today = date.today()
        data = {
            **self.header(f"person/{uid}"),
            "body": self.url(f"body/{self.body_key}"),
            "name": person.Title(),
            "familyName": person.lastname,
            "givenName": person.firstname,
            "formOfAddress": ADDRESS.get(person.gender),
            "gender": GENDERS.get(person.gender),
            "status": sorted(
                {
                    str(ROLE_TITLES.get(brain.mandate_role, brain.mandate_role))
                    for brain in mandates
                    if in_force(brain, today)
                }
            ),
            **self.dates(person.created(), person.modified(), uid),
        }
        if internal:
            data["membership"] = [self.membership(brain, uid) for brain in mandates]
        return compact(data)

    def build_membership(self, uid: str, internal: bool = True) -> dict | None:
        brains = self.mandate_brains(UID=uid)
        if not brains:
            return None
        return self.membership(brains[0], self.person_of_mandate(brains[0]))

    def membership(self, brain, person_uid: str | None) -> dict:
        mandate = brain._unrestrictedGetObject()
        assembly = self.assembly_by_kind[brain.mandate_body]
        return compact(
            {
                **self.header(f"membership/{brain.UID}"),
                "person": self.url(f"person/{person_uid}") if person_uid else None,
                "organization": self.url(f"organization/{assembly.UID()}"),
                "role": str(ROLE_TITLES.get(mandate.role, mandate.role)),
                "votingRight": bool(mandate.voting),
                "startDate": iso(mandate.mandate_start),
                "endDate": iso(mandate.mandate_end),
                "onBehalfOf": (
                    self.url(f"organization/{mandate.political_group}")
                    if mandate.political_group
                    else None
                ),
                **self.dates(mandate.created(), mandate.modified(), brain.UID),
            }
        )

    # -- meetings ---------------------------------------------------------------------

    def published_meeting(self, uid: str):
        brain = self.meetings.get(uid)
        return brain._unrestrictedGetObject() if brain is not None else None

    def build_meeting(self, uid: str, internal: bool = True) -> dict | None:
        meeting = self.published_meeting(uid)
        if meeting is None:
            return None
        brain = self.meetings[uid]
        assembly = meeting.__parent__
        data = {
            **self.header(f"meeting/{uid}"),
            "name": meeting.Title(),
            "meetingState": MEETING_STATE_WORDS[brain.review_state],
            "start": iso(meeting.start),
            "end": iso(meeting.end),
            "organization": [self.url(f"organization/{assembly.UID()}")],
            **self.dates(meeting.created(), meeting.modified(), uid),
        }
        if internal:
            data["location"] = self.build_location(uid)
            data["invitation"] = self.build_file(f"agenda-{uid}")
            data["resultsProtocol"] = self.build_file(f"minutes-{uid}")
            data["agendaItem"] = [
                self.agenda_item(meeting, brain) for brain in self.agenda_of(meeting)
            ]
        return compact(data)

    def build_location(self, uid: str, internal: bool = True) -> dict | None:
        meeting = self.published_meeting(uid)
        if meeting is None or not meeting.place:
            return None
        return compact(
            {
                **self.header(f"location/{uid}"),
                "description": meeting.place,
                "meetings": [self.url(f"meeting/{uid}")],
            }
        )

    def agenda_of(self, meeting) -> list:
        """The meeting's public items, in the agenda's order."""
        uids = list(meeting.agenda)
        found = (
            {
                brain.UID: brain
                for brain in self.search(UID=uids, portal_type="MeetingItem", item_privacy="public")
            }
            if uids
            else {}
        )
        return [found[uid] for uid in uids if uid in found]

    def published_item(self, uid: str):
        """(item brain, meeting) for a published item, or (None, None)."""
        brains = self.item_brains(UID=uid)
        if not brains:
            return None, None
        meeting = self.published_meeting(brains[0].meeting_uid)
        if meeting is None or uid not in meeting.agenda:
            return None, None
        return brains[0], meeting

    def build_agendaitem(self, uid: str, internal: bool = True) -> dict | None:
        brain, meeting = self.published_item(uid)
        return self.agenda_item(meeting, brain) if brain is not None else None

    def agenda_item(self, meeting, brain) -> dict:
        item = brain._unrestrictedGetObject()
        uid = brain.UID
        number = meeting.number_of(uid)
        data = {
            **self.header(f"agendaitem/{uid}"),
            "meeting": self.url(f"meeting/{meeting.UID()}"),
            "number": str(number),
            "order": number,
            "name": item.Title(),
            "public": True,
            "consultation": self.url(f"consultation/{uid}"),
            **self.dates(item.created(), item.modified(), uid),
        }
        if self.meetings[meeting.UID()].review_state == "closed":
            data["result"] = RESULT_WORDS.get(brain.review_state)
            data["resolutionText"] = plain_text(item.decision.output if item.decision else "")
            data["communesplone:votes"] = self.votes(item)
        return compact(data)

    def votes(self, item) -> list[dict]:
        """Our extension: each vote's counts and result, and who voted what when public."""
        from communesplone.meetings.votes import summaries

        result = []
        for vote in summaries(item):
            entry = {
                "label": vote["label"],
                "pollType": vote["poll_type"],
                "counts": vote["counts"],
                "result": vote["result"],
            }
            if "votes" in vote:
                entry["votes"] = [
                    {"person": self.url(f"person/{named['person']}"), "value": named["value"]}
                    for named in vote["votes"]
                ]
            result.append(entry)
        return result

    # -- papers and consultations -------------------------------------------------------

    def chain(self, item) -> list:
        """The item's path from the Collège to the Conseil: [origin, …, item, …]."""
        before, after = [], []
        origin = self.origin_of(item)
        if origin is not None:
            before.append(origin)
        sent_uid = stored(item, "transmitted_uid")
        sent = uuidToObject(sent_uid, unrestricted=True) if sent_uid else None
        if sent is not None:
            after.append(sent)
        return [*before, item, *after]

    def origin_of(self, item):
        """The Collège item this one was transmitted from, or None."""
        uid = stored(item, "transmitted_from")
        if uid:
            return uuidToObject(uid, unrestricted=True)
        for linked in item.linked_items or ():
            other = uuidToObject(linked, unrestricted=True)
            if other is not None and stored(other, "transmitted_uid") == item.UID():
                return other
        return None

    def build_paper(self, uid: str, internal: bool = True) -> dict | None:
        brain, meeting = self.published_item(uid)
        if brain is None:
            return None
        item = brain._unrestrictedGetObject()
        chain = self.chain(item)
        published = [other for other in chain if self.published_item(other.UID())[0]]
        origin = chain[0]
        originator = (
            [self.url(f"organization/{origin.__parent__.UID()}")]
            if origin is not item and IAssembly.providedBy(origin.__parent__)
            else []
        )
        service = self.service_uid(item.stored_service)
        data = {
            **self.header(f"paper/{uid}"),
            "body": self.url(f"body/{self.body_key}"),
            "name": item.Title(),
            "reference": f"{meeting.Title()} – point {meeting.number_of(uid)}",
            "date": iso(as_day(meeting.start)) if meeting.start else None,
            "paperType": "Projet de délibération",
            "originatorOrganization": originator,
            "underDirectionOf": [self.url(f"organization/{service}")] if service else [],
            "relatedPaper": [
                self.url(f"paper/{other.UID()}") for other in published if other is not item
            ],
            **self.dates(item.created(), item.modified(), uid),
        }
        if internal:
            data["consultation"] = [self.build_consultation(other.UID()) for other in published]
        return compact(data)

    def service_uid(self, code: str | None) -> str | None:
        if not code:
            return None
        brains = self.search(portal_type="Service", service_code=code)
        return brains[0].UID if brains else None

    def build_consultation(self, uid: str, internal: bool = True) -> dict | None:
        brain, meeting = self.published_item(uid)
        if brain is None:
            return None
        item = brain._unrestrictedGetObject()
        assembly = meeting.__parent__
        goes_on = bool(stored(item, "transmitted_uid")) or bool(item.to_council)
        return compact(
            {
                **self.header(f"consultation/{uid}"),
                "paper": self.url(f"paper/{uid}"),
                "agendaItem": self.url(f"agendaitem/{uid}"),
                "meeting": self.url(f"meeting/{meeting.UID()}"),
                "organization": [self.url(f"organization/{assembly.UID()}")],
                "authoritative": not goes_on,
                "role": "Proposition au Conseil" if goes_on else "Décision",
                **self.dates(item.created(), item.modified(), uid),
            }
        )

    # -- files ------------------------------------------------------------------------

    def build_file(self, key: str, internal: bool = True) -> dict | None:
        kind, _sep, uid = key.partition("-")
        meeting = self.published_meeting(uid)
        if meeting is None or kind not in ("agenda", "minutes"):
            return None
        site = self.portal.absolute_url()
        common = {
            **self.header(f"file/{key}"),
            "meeting": [self.url(f"meeting/{uid}")],
            **self.dates(meeting.created(), meeting.modified(), uid),
        }
        if kind == "agenda":
            from communesplone.meetings.public_agenda import public_agenda_html

            content = public_agenda_html(meeting)
            address = f"{site}/@@ordre-du-jour-public?seance={uid}"
            return compact(
                {
                    **common,
                    "name": f"Ordre du jour – {meeting.Title()}",
                    "fileName": "ordre-du-jour.html",
                    "mimeType": "text/html",
                    "size": len(content),
                    "sha512Checksum": hashlib.sha512(content).hexdigest(),
                    "accessUrl": address,
                    "downloadUrl": address,
                }
            )
        if self.meetings[uid].review_state != "closed" or not meeting.minutes_public_file:
            return None
        file = meeting.minutes_public_file
        checksum = stored(meeting, "minutes_public_sha512") or hashlib.sha512(file.data).hexdigest()
        address = f"{site}/@@proces-verbal-public?seance={uid}"
        return compact(
            {
                **common,
                "name": f"Procès-verbal public – {meeting.Title()}",
                "fileName": file.filename,
                "mimeType": file.contentType,
                "size": file.getSize(),
                "sha512Checksum": checksum,
                "accessUrl": address,
                "downloadUrl": address,
            }
        )


def as_day(value) -> date:
    if isinstance(value, DateTime):
        value = value.asdatetime()
    if isinstance(value, datetime):
        return as_datetime(value).astimezone(ZONE).date()
    return value


def in_force(brain, on: date) -> bool:
    start = as_day(brain.mandate_start) if brain.mandate_start else None
    end = as_day(brain.mandate_end) if brain.mandate_end else None
    return start is not None and start <= on and (end is None or end >= on)
