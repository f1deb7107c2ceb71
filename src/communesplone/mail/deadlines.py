"""The due date of incoming mail: reception date plus the delay of its type, on a worked day.

The arithmetic is pure (dates, a delay table, a WorkingCalendar) so it is tested without
a site; the event handlers below apply it to a mail when it is registered and again when
its type or reception date changes, unless someone typed the due date by hand.
"""

from communesplone.core.calendar import WorkingCalendar
from datetime import date
from datetime import timedelta
from plone import api


DELAYS_RECORD = "communesplone.mail.delays"
REMINDER_DAYS_RECORD = "communesplone.mail.reminder_days"
ESCALATE_RECORD = "communesplone.mail.escalate"
DEFAULT_DELAY = 30
DEFAULT_REMINDER_DAYS = 3
# The states in which a service holds the mail: the dashboard's « En retard » too.
OPEN_STATES = ("assigned", "in_treatment")


def delay_for(mail_type: str | None, delays: dict) -> int:
    """Days allowed for a type; an unknown type gets « other »'s, then the default."""
    if mail_type in delays:
        return delays[mail_type]
    return delays.get("other", DEFAULT_DELAY)


def compute_due_date(
    reception_date: date | None, mail_type: str | None, delays: dict, calendar: WorkingCalendar
) -> date | None:
    """Reception date plus the type's delay in calendar days, moved to the next worked day."""
    if reception_date is None:
        return None
    return calendar.add_days(reception_date, delay_for(mail_type, delays))


def reminder_horizon(today: date, reminder_days: int, calendar: WorkingCalendar) -> date:
    """The last due date that gets a reminder today: due dates at most `reminder_days`
    working days away, i.e. before the (reminder_days + 1)-th working day from today."""
    return calendar.add_working_days(today, reminder_days + 1) - timedelta(days=1)


def is_late(due: date | None, today: date) -> bool:
    """The due date is the last day allowed: a mail is late the day after."""
    return due is not None and due < today


# Site settings


def site_delays() -> dict:
    return dict(api.portal.get_registry_record(DELAYS_RECORD, default=None) or {})


def site_reminder_days() -> int:
    value = api.portal.get_registry_record(REMINDER_DAYS_RECORD, default=None)
    return DEFAULT_REMINDER_DAYS if value is None else value


def site_escalates() -> bool:
    return bool(api.portal.get_registry_record(ESCALATE_RECORD, default=True))


def due_date_of(mail, calendar: WorkingCalendar | None = None) -> date | None:
    """The due date the site's settings give this mail."""
    return compute_due_date(
        mail.reception_date,
        mail.mail_type,
        site_delays(),
        calendar or WorkingCalendar.for_site(),
    )


# The mail's flag: the due date we computed last; any other value was typed by hand.


def entered_by_hand(mail) -> bool:
    return mail.due_date is not None and mail.due_date != getattr(mail, "due_date_computed", None)


def _apply_computed(mail) -> bool:
    """Set the computed due date; True when it changed."""
    due = due_date_of(mail)
    mail.due_date_computed = due
    mail.due_date_manual = False
    if due == mail.due_date:
        return False
    mail.due_date = due
    return True


def mail_added(mail, event):
    """A registered mail without a due date gets its type's."""
    if "reception_date" not in mail.__dict__:
        # The field's default is « today » each time it is read: keep the day of registration.
        mail.reception_date = mail.reception_date
    if mail.due_date is not None:
        mail.due_date_manual = True
        return
    if _apply_computed(mail):
        mail.reindexObject(idxs=["mail_due"])


def mail_modified(mail, event):
    """Follow a new type or reception date, unless the due date was typed by hand."""
    if entered_by_hand(mail):
        mail.due_date_manual = True
        return
    if _apply_computed(mail):
        mail.reindexObject(idxs=["mail_due"])
