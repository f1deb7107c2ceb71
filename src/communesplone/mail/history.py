"""A mail's own history: who registered it, who changed what, every original it had.

Transitions are in the workflow history; this log adds the changes of fields and keeps
each replaced original (file and SHA-256), so nothing is ever silently replaced.
"""

from DateTime import DateTime
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api


def _log(mail) -> PersistentList:
    if "_mail_history" not in mail.__dict__:
        mail._mail_history = PersistentList()
    return mail._mail_history


def record(mail, what: str, comment: str = "") -> None:
    user = api.user.get_current()
    _log(mail).append(
        PersistentMapping(
            {
                "when": DateTime(),
                "actor": user.getId() if user else None,
                "what": what,
                "comment": comment,
            }
        )
    )


def entries(mail) -> list:
    return list(mail.__dict__.get("_mail_history", ()))


def keep_replaced_original(mail) -> dict | None:
    """If the original was replaced, keep the former one; return it (file, sha)."""
    current = getattr(mail, "original", None)
    previous = mail.__dict__.get("_original_file")
    mail._original_file = current
    if previous is None or previous is current:
        return None
    if "_original_versions" not in mail.__dict__:
        mail._original_versions = PersistentList()
    kept = PersistentMapping(
        {"file": previous, "sha256": mail.original_sha256, "replaced": DateTime()}
    )
    mail._original_versions.append(kept)
    return kept


def original_versions(mail) -> list:
    return list(mail.__dict__.get("_original_versions", ()))
