"""The meetings' share of the daily job (`communesplone sites daily`)."""

from communesplone.core.daily import IDailyTask
from communesplone.meetings import advices
from zope.interface import implementer


@implementer(IDailyTask)
class LateAdvices:
    """Tell the advisers' managers about advices past their due date (once each)."""

    def __call__(self, site):
        return f"{advices.remind_late()} avis en retard signalé(s)"
