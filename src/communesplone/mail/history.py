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


def keep_replaced(obj, field: str, fingerprint) -> dict | None:
    """If the file in `field` was replaced, keep the former one with its SHA-256.

    Called when the object is added (to note its first file) and modified.
    """
    current = getattr(obj, field, None)
    marker = f"_{field}_current"
    previous = obj.__dict__.get(marker)
    setattr(obj, marker, current)
    if previous is None or previous is current:
        return None
    store = f"_{field}_versions"
    if store not in obj.__dict__:
        setattr(obj, store, PersistentList())
    kept = PersistentMapping(
        {"file": previous, "sha256": fingerprint(previous), "replaced": DateTime()}
    )
    getattr(obj, store).append(kept)
    return kept


def versions(obj, field: str) -> list:
    return list(obj.__dict__.get(f"_{field}_versions", ()))


def original_versions(mail) -> list:
    return versions(mail, "original")
