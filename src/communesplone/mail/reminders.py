"""The daily pass over open incoming mail: a reminder before the due date, an escalation after.

One unrestricted catalog query finds the candidates and their metadata says who would be
told and whether it was done already; only the mails that get a message are woken up.
The flags (`reminder_sent_for`, `escalation_sent_for`) hold the due date they were sent
for: a second run the same day sends nothing, a postponed due date gets its own messages.
The messages leave at commit (core notifications), so an aborted or retried transaction
sends nothing twice.
"""

from communesplone.core.calendar import WorkingCalendar
from communesplone.core.daily import IDailyTask
from communesplone.core.notifications import GroupMembers
from communesplone.mail import notifications
from communesplone.mail.deadlines import OPEN_STATES
from communesplone.mail.deadlines import reminder_horizon
from communesplone.mail.deadlines import site_escalates
from communesplone.mail.deadlines import site_reminder_days
from dataclasses import dataclass
from datetime import date
from plone import api
from zope.interface import implementer


@dataclass
class PassResult:
    reminders: int = 0
    escalations: int = 0

    def summary(self) -> str:
        return f"{self.reminders} rappel(s), {self.escalations} escalade(s)"


class _Recipients:
    """Who is told of a mail; each group is looked up once for the whole pass."""

    def __init__(self):
        self.group = GroupMembers()

    def reminded(self, brain) -> set[str]:
        """The assigned agent, else every agent of the treating service."""
        if brain.mail_agent:
            return {brain.mail_agent}
        return self.group(f"{brain.mail_service}_agents") if brain.mail_service else set()

    def escalated(self, brain) -> set[str]:
        return self.group(f"{brain.mail_service}_managers") if brain.mail_service else set()


def _fullname(userid: str | None) -> str | None:
    if not userid:
        return None
    user = api.user.get(userid=userid)
    return (user.getProperty("fullname", "") or userid) if user is not None else userid


def candidates(today: date, reminder_days: int, calendar: WorkingCalendar):
    """Open incoming mails due within the reminder horizon or already late (metadata only)."""
    horizon = reminder_horizon(today, reminder_days, calendar)
    catalog = api.portal.get_tool("portal_catalog")
    return catalog.unrestrictedSearchResults(
        portal_type="IncomingMail",
        review_state=list(OPEN_STATES),
        mail_due={"query": horizon.isoformat(), "range": "max"},
    )


def run(today: date | None = None) -> PassResult:
    """Send today's reminders and escalations of the current site; return the counts."""
    today = today or date.today()
    escalate = site_escalates()
    recipients = _Recipients()
    result = PassResult()
    for brain in candidates(today, site_reminder_days(), WorkingCalendar.for_site()):
        due = brain.mail_due
        if due < today.isoformat():
            if not escalate or brain.mail_escalation_sent == due:
                continue
            userids = recipients.escalated(brain)
            if not userids:
                continue
            mail = brain._unrestrictedGetObject()
            notifications.late_escalation(mail, userids, _fullname(mail.assigned_agent))
            mail.escalation_sent_for = due
            result.escalations += 1
        else:
            if brain.mail_reminder_sent == due:
                continue
            userids = recipients.reminded(brain)
            if not userids:
                continue
            mail = brain._unrestrictedGetObject()
            notifications.deadline_reminder(mail, userids)
            mail.reminder_sent_for = due
            result.reminders += 1
        # Naming an index refreshes the metadata too: tomorrow's query sees the flag.
        mail.reindexObject(idxs=["mail_due"])
    return result


def run_on_site(site) -> dict:
    """The pass on one site, for the CLI (offline) and its REST service (instance running)."""
    from communesplone.core.tenants.sites import on_site

    with on_site(site):
        result = run()
    return {
        "id": site.getId(),
        "reminders": result.reminders,
        "escalations": result.escalations,
        "summary": result.summary(),
    }


@implementer(IDailyTask)
class DeadlineReminders:
    """The mail's share of `communesplone sites daily`."""

    def __call__(self, site):
        return run().summary()
