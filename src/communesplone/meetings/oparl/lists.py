"""The external lists: every published object of a kind, filtered, in a stable order.

Which objects a list holds comes from catalog queries (metadata only); only the objects
of the page asked are woken to be written out. Objects no longer published are listed
too, from their deletion records, with `deleted: true`.
"""

from communesplone.meetings.oparl import registry
from communesplone.meetings.oparl.objects import as_datetime
from communesplone.meetings.oparl.objects import latest
from datetime import datetime
from datetime import UTC
from urllib.parse import urlencode


DEFAULT_LIMIT = 100
MAX_LIMIT = 500
FILTERS = ("created_since", "created_until", "modified_since", "modified_until")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# List name -> the kind of its objects.
LISTS = {
    "bodies": "body",
    "legislativeterms": "legislativeterm",
    "organizations": "organization",
    "persons": "person",
    "memberships": "membership",
    "meetings": "meeting",
    "agendaitems": "agendaitem",
    "papers": "paper",
    "consultations": "consultation",
    "files": "file",
}


class ListError(ValueError):
    """A list request that cannot be answered; the message says why."""


def _entry(path, created, modified, uid=None) -> tuple:
    return (path, as_datetime(created), latest(modified, registry.stamp_of(uid) if uid else None))


def entries(oparl, name: str, organization: str | None = None) -> list[tuple]:
    """[(path, created, modified)] of the published objects of list `name`."""
    kind = LISTS[name]
    portal = oparl.portal
    if kind == "body":
        return [_entry(f"body/{oparl.body_key}", portal.created(), portal.modified())]
    if kind == "legislativeterm":
        return [
            _entry(f"legislativeterm/{year}", portal.created(), portal.modified())
            for year in oparl.legislative_years
        ]
    if kind == "organization":
        return [
            _entry(f"organization/{b.UID}", b.created, b.modified, b.UID)
            for b in oparl.organization_brains()
        ]
    if kind == "membership":
        return [
            _entry(f"membership/{b.UID}", b.created, b.modified, b.UID)
            for b in oparl.mandate_brains()
        ]
    if kind == "person":
        parents = sorted({b.getPath().rsplit("/", 1)[0] for b in oparl.mandate_brains()})
        if not parents:
            return []
        people = oparl.search(portal_type="Person", path={"query": parents, "depth": 0})
        return [_entry(f"person/{b.UID}", b.created, b.modified, b.UID) for b in people]
    if kind == "meeting":
        brains = oparl.meetings.values()
        if organization:
            brains = [b for b in brains if _under(b, oparl, organization)]
        return [_entry(f"meeting/{b.UID}", b.created, b.modified, b.UID) for b in brains]
    if kind in ("agendaitem", "paper", "consultation"):
        brains = oparl.item_brains()
        if organization:
            brains = [b for b in brains if _under(b, oparl, organization)]
        return [_entry(f"{kind}/{b.UID}", b.created, b.modified, b.UID) for b in brains]
    if kind == "file":
        found = []
        for brain in oparl.meetings.values():
            found.append(
                _entry(f"file/agenda-{brain.UID}", brain.created, brain.modified, brain.UID)
            )
            if (
                brain.review_state == "closed"
                and brain._unrestrictedGetObject().minutes_public_file
            ):
                found.append(
                    _entry(f"file/minutes-{brain.UID}", brain.created, brain.modified, brain.UID)
                )
        return found
    return []


def _under(brain, oparl, organization: str) -> bool:
    assembly = oparl.assemblies.get(organization)
    if assembly is None:
        return False
    return brain.getPath().startswith("/".join(assembly.getPhysicalPath()) + "/")


def parse_moment(name: str, value) -> datetime:
    if not isinstance(value, str):
        raise ListError(f"« {name} » : une seule date ISO 8601 est attendue.")
    try:
        moment = datetime.fromisoformat(value.strip().replace(" ", "+"))
    except ValueError:
        raise ListError(
            f"« {name} » : « {value} » n'est pas une date ISO 8601 (ex. 2026-01-31T12:00:00+01:00)."
        ) from None
    return as_datetime(moment)


def parse_limit(value) -> int:
    if value is None:
        return DEFAULT_LIMIT
    if not isinstance(value, str) or not value.isdigit() or int(value) < 1:
        raise ListError("« limit » : un nombre entier positif est attendu.")
    return min(int(value), MAX_LIMIT)


def parse_page(value) -> int:
    if value is None:
        return 1
    if not isinstance(value, str) or not value.isdigit() or int(value) < 1:
        raise ListError("« page » : un numéro de page (1, 2…) est attendu.")
    return int(value)


def is_true(value) -> bool:
    return isinstance(value, str) and value.strip().lower() in ("1", "true", "yes", "on")


def answer(oparl, name: str, form: dict) -> dict:
    """The page of list `name` the request asks for (filters, limit, page)."""
    bounds = {key: parse_moment(key, form[key]) for key in FILTERS if key in form}
    limit = parse_limit(form.get("limit"))
    page = parse_page(form.get("page"))
    organization = form.get("organization")
    if organization is not None and not isinstance(organization, str):
        raise ListError("« organization » : un seul identifiant est attendu.")
    internal = not is_true(form.get("omit_internal"))
    kind = LISTS[name]
    found = entries(oparl, name, organization)
    published = {path for path, *_dates in found}
    for path, record in registry.deleted_records(kind):
        if path not in published and not organization:
            found.append((path, record.get("created"), record["deleted"]))
    chosen = sorted(
        (entry for entry in found if _within(entry, bounds)),
        key=lambda entry: (entry[1] or EPOCH, entry[0]),
    )
    total = len(chosen)
    pages = max(1, -(-total // limit))
    start = (page - 1) * limit
    data = []
    for path, *_dates in chosen[start : start + limit]:
        built = oparl.build(path, internal=internal) or oparl.tombstone(path)
        if built is not None:
            data.append(built)
    kept = {
        key: form[key]
        for key in (*FILTERS, "limit", "omit_internal", "organization")
        if key in form
    }

    def link(number: int) -> str:
        return oparl.list_url(name) + "?" + urlencode({**kept, "page": number})

    links = {"first": link(1), "last": link(pages)}
    if page > 1:
        links["prev"] = link(min(page - 1, pages))
    if page < pages:
        links["next"] = link(page + 1)
    return {
        "data": data,
        "pagination": {
            "totalElements": total,
            "elementsPerPage": limit,
            "currentPage": page,
            "totalPages": pages,
        },
        "links": links,
    }


def _within(entry: tuple, bounds: dict) -> bool:
    _path, created, modified = entry
    checks = {
        "created_since": lambda: created is not None and created >= bounds["created_since"],
        "created_until": lambda: created is not None and created <= bounds["created_until"],
        "modified_since": lambda: modified is not None and modified >= bounds["modified_since"],
        "modified_until": lambda: modified is not None and modified <= bounds["modified_until"],
    }
    return all(checks[key]() for key in bounds)
