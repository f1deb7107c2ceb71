"""The Collège decides a permit through a meeting item, and the decision comes back.

From a file in instruction, the agent prepares the item (title, motivation and proposed
decision filled from the file). When the Collège accepts the item, the file receives the
`decision` event with the proposed outcome, dated the day of the meeting; going back on
the item's decision removes that event. File and item link to each other.
"""

from communesplone.core.calendar import french_date
from communesplone.meetings.content.assembly import site_college
from communesplone.urban.procedures import procedures
from datetime import date
from html import escape
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import createContentInContainer


ADD_ITEM = "communesplone.meetings: Add item"
DECIDING = ("accept", "accept_amended")
UNDECIDING = ("back_to_frozen",)
OUTCOME_TEXT = {"granted": "octroyé", "refused": "refusé"}


class CollegeError(ValueError):
    """A request that cannot be done; the message is French."""


def _html(paragraphs) -> RichTextValue:
    body = "".join(f"<p>{escape(text)}</p>" for text in paragraphs if text)
    return RichTextValue(body, mimeType="text/html", outputMimeType="text/x-html-safe")


def _category(assembly) -> str | None:
    for title in assembly.category_titles():
        if title.lower().startswith("urbanisme"):
            return title
    return None


def create_college_item(permit, outcome: str):
    """The Collège item of this file, proposing to grant or refuse; CollegeError if not."""
    if outcome not in OUTCOME_TEXT:
        raise CollegeError("Choisissez la décision proposée : octroi ou refus.")
    if permit.college_item:
        raise CollegeError("Le point au Collège de ce dossier existe déjà.")
    if api.content.get_state(permit) != "instruction":
        raise CollegeError("Seul un dossier en instruction peut être proposé au Collège.")
    assembly = site_college()
    if assembly is None or not api.user.has_permission(ADD_ITEM, obj=assembly):
        raise CollegeError("Vous ne pouvez pas proposer de point au Collège.")
    procedure = procedures().get(permit.procedure, {}).get("title", permit.procedure)
    places = " ; ".join(permit.work_locations or [])
    title = f"{procedure} {permit.reference} : {permit.title}"
    if places:
        title += f" — {places}"
    events = permit.events()
    facts = [
        "Vu le Code du Développement Territorial (CoDT) ;",
        f"Vu la demande de {procedure.lower()} {permit.reference} relative à : {permit.title} ;",
    ]
    for event in events:
        if event.event_type in ("deposit", "acknowledgement", "inquiry", "announcement"):
            facts.append(f"Vu l'étape « {event.Title()} » ;")
        if event.event_type in ("opinion", "fd_opinion"):
            facts.append(f"Vu l'avis reçu le {french_date(event.date)} ({event.body or 'FD'}) ;")
    decision = [
        f"Article 1er : Le {procedure.lower()} {permit.reference} est {OUTCOME_TEXT[outcome]}.",
        "Article 2 : La présente décision est notifiée au demandeur.",
    ]
    service = permit.__parent__.service or "urbanisme"
    item = createContentInContainer(
        assembly,
        "MeetingItem",
        title=title[:500],
        proposing_service=service,
        category=_category(assembly),
        motivation=_html(facts),
        decision=_html(decision),
        linked_items=[permit.UID()],
    )
    item.permit_uid = permit.UID()
    item.permit_outcome = outcome
    permit.college_item = item.UID()
    return item


def _permit_of(item):
    uid = getattr(item, "permit_uid", None)
    if not uid:
        return None
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(UID=uid)
    return brains[0]._unrestrictedGetObject() if brains else None


def item_transitioned(item, event):
    """Carry the Collège's decision to the file (the system's act, whatever the clerk's
    rights on the file)."""
    transition = event.transition.id if event.transition is not None else None
    permit = _permit_of(item)
    if permit is None or transition not in DECIDING + UNDECIDING:
        return
    if transition in UNDECIDING:
        event_id = getattr(item, "permit_decision_event", None)
        if event_id and event_id in permit.objectIds():
            # Its removal puts the file back where its other events say.
            permit._delObject(event_id)
        item.permit_decision_event = None
        return
    meeting = item.meeting()
    day = meeting.start.date() if meeting is not None else None
    number = meeting.number_of(item.UID()) if meeting is not None else None
    comment = f"Point {number} de la séance « {meeting.Title()} »." if meeting is not None else ""
    decision = createContentInContainer(
        permit,
        "PermitEvent",
        checkConstraints=False,
        event_type="decision",
        date=day or date.today(),
        outcome=item.permit_outcome,
        comment=comment,
    )
    item.permit_decision_event = decision.getId()
