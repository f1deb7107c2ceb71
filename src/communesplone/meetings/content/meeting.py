"""A meeting (séance) of an assembly: its date, place and the ordered agenda."""

from communesplone import _
from communesplone.core.calendar import french_date
from communesplone.core.persistence import has_stored
from communesplone.core.persistence import stored
from communesplone.meetings.content.assembly import assembly_of
from datetime import timedelta
from persistent.list import PersistentList
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant


class IMeeting(model.Schema):
    start = schema.Datetime(title=_("Début de la séance"))
    end = schema.Datetime(title=_("Fin prévue"), required=False)
    place = schema.TextLine(title=_("Lieu"), required=False)
    signatories = schema.List(
        title=_("Signataires du procès-verbal"),
        description=_(
            "Par défaut, le directeur général et le bourgmestre en fonction le jour de la "
            "séance ; à choisir en cas d'absence ou de délégation."
        ),
        value_type=schema.Choice(vocabulary="communesplone.meetings.Signatories"),
        required=False,
        default=[],
        max_length=4,
    )

    # Stored when the meeting closes (closing.py), never entered: read-only everywhere.
    directives.omitted("minutes_file", "minutes_sha256", "minutes_public_file")
    minutes_file = NamedBlobFile(
        title=_("Procès-verbal (PDF)"),
        description=_("Le procès-verbal complet, archivé à la clôture de la séance."),
        required=False,
        readonly=True,
    )
    minutes_sha256 = schema.ASCIILine(
        title=_("Empreinte SHA-256 du procès-verbal"), required=False, readonly=True
    )
    minutes_public_file = NamedBlobFile(
        title=_("Procès-verbal public (PDF)"),
        description=_("La version publiable, sans les points à huis clos."),
        required=False,
        readonly=True,
    )

    @invariant
    def ends_after_start(data):
        if data.start and data.end and data.end <= data.start:
            raise Invalid(_("La fin de la séance doit suivre son début."))


@implementer(IMeeting)
class Meeting(Item):
    """The agenda is the ordered list of the UIDs of its items: numbers derive from it."""

    def Title(self):
        assembly = assembly_of(self)
        name = assembly.Title() if assembly is not None else "Séance"
        return f"{name} du {french_date(self.start)}" if self.start else name

    @property
    def title(self):
        return self.Title()

    @title.setter
    def title(self, value):
        """Computed from the assembly and the date."""

    @property
    def agenda(self):
        """The ordered UIDs (read-only use; `writable_agenda` to change it)."""
        return stored(self, "_agenda", ())

    def writable_agenda(self) -> PersistentList:
        """The agenda list, created on the first write only (no write on read)."""
        if not has_stored(self, "_agenda"):
            self._agenda = PersistentList()
        return self._agenda

    def number_of(self, uid: str) -> int | None:
        return self.agenda.index(uid) + 1 if uid in self.agenda else None


# CDLD L1122-13: the council's convocation reaches its members at least seven full days
# (« jours francs ») before the meeting, two in urgency.
CONVOCATION_FULL_DAYS = {"council": 7}


def convocation_deadline(meeting):
    """The last day to send the convocation, or None when the assembly has no such rule.

    Full days exclude the day of sending and the day of the meeting: for a meeting on
    the 20th, the convocation leaves on the 12th at the latest.
    """
    assembly = assembly_of(meeting)
    days = CONVOCATION_FULL_DAYS.get(getattr(assembly, "kind", None))
    if days is None or meeting.start is None:
        return None
    return meeting.start.date() - timedelta(days=days + 1)


def meeting_defaults(meeting) -> None:
    """Fill the end and the place from the assembly when they are not given."""
    assembly = assembly_of(meeting)
    if assembly is None or meeting.start is None:
        return
    if not meeting.end:
        meeting.end = meeting.start + timedelta(minutes=assembly.default_duration or 120)
    if not meeting.place and assembly.default_place:
        meeting.place = assembly.default_place
