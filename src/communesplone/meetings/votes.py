"""Votes on an item: public (each member's value) or secret (counts only).

A vote is recorded only while the meeting is in session, only from members present for
that item with a voting right, and a secret vote cannot count more voters than are
present. In a tie the proposal is rejected (CDLD L1122-26).
"""

from communesplone.core.persistence import has_stored
from communesplone.core.persistence import stored
from communesplone.meetings.attendance import item_attendance
from persistent.list import PersistentList
from plone import api


POLL_TYPES = ("freehand", "out_loud", "secret")
VALUES = ("yes", "no", "abstain")


class VoteError(ValueError):
    """A vote that cannot be recorded; the message says why, in French."""


def voters(item, entries: list[dict] | None = None) -> dict:
    """Members present for the item with a voting right: {person UID: entry}.

    `entries` is the item's attendance when the caller has it already.
    """
    entries = item_attendance(item) if entries is None else entries
    return {
        entry["person"]: entry
        for entry in entries
        if entry["status"] == "present" and entry["voting"]
    }


def group_titles(entries: list[dict]) -> dict:
    """{political group UID: title} for the members listed (one catalog query)."""
    uids = sorted({entry["political_group"] for entry in entries} - {None})
    return {brain.UID: brain.Title for brain in api.content.find(UID=uids)} if uids else {}


def _result(counts: dict) -> str:
    return "accepted" if counts["yes"] > counts["no"] else "rejected"


def require_session(item):
    """The item's meeting, in session, or VoteError."""
    meeting = item.meeting()
    if meeting is None or api.content.get_state(meeting, default=None) != "in_session":
        raise VoteError("On ne vote que pendant la séance : elle n'est pas ouverte.")
    return meeting


def check(item, data) -> dict:
    """The vote to store, or VoteError."""
    require_session(item)
    if not isinstance(data, dict):
        raise VoteError("Un objet JSON est attendu : {label, poll_type, votes ou counts}.")
    label = (data.get("label") or "").strip() if isinstance(data.get("label"), str) else ""
    if not label:
        raise VoteError("Chaque vote a un libellé (« Point », « Amendement 1 »…).")
    poll_type = data.get("poll_type")
    if poll_type not in POLL_TYPES:
        raise VoteError(f"Type de vote « {poll_type} » : freehand, out_loud ou secret.")
    present = voters(item)
    if poll_type == "secret":
        counts = data.get("counts")
        if not isinstance(counts, dict) or set(counts) != set(VALUES):
            raise VoteError("Un vote secret donne « counts » : yes, no et abstain.")
        if not all(isinstance(counts[key], int) and counts[key] >= 0 for key in VALUES):
            raise VoteError("Les comptes d'un vote secret sont des entiers positifs.")
        total = sum(counts.values())
        if total > len(present):
            raise VoteError(
                f"{total} voix pour {len(present)} votant(s) présent(s) : le compte est faux."
            )
        return {"label": label, "poll_type": poll_type, "counts": dict(counts)}
    votes = data.get("votes")
    if not isinstance(votes, dict) or not votes:
        raise VoteError(
            "Un vote public donne « votes » : {UID de la personne: yes, no ou abstain}."
        )
    for person, value in votes.items():
        if person not in present:
            raise VoteError(
                f"« {person} » ne peut pas voter sur ce point : pas membre présent avec voix "
                "délibérative."
            )
        if value not in VALUES:
            raise VoteError(f"Vote « {value} » de {present[person]['title']} : yes, no ou abstain.")
    return {"label": label, "poll_type": poll_type, "votes": dict(votes)}


def record(item, data) -> dict:
    vote = check(item, data)
    if not has_stored(item, "votes"):
        item.votes = PersistentList()
    item.votes.append(vote)
    return vote


def summaries(item, entries: list[dict] | None = None, groups: dict | None = None) -> list[dict]:
    """Each vote with its counts, result, and for public votes the names and the groups.

    `entries` (the item's attendance) and `groups` (group_titles) when the caller has them.
    """
    entries = item_attendance(item) if entries is None else entries
    groups = group_titles(entries) if groups is None else groups
    members = {entry["person"]: entry for entry in entries}
    result = []
    for vote in stored(item, "votes") or ():
        if vote["poll_type"] == "secret":
            counts, by_group, named = dict(vote["counts"]), {}, None
        else:
            counts = dict.fromkeys(VALUES, 0)
            by_group = {}
            for person, value in vote["votes"].items():
                counts[value] += 1
                entry = members.get(person, {})
                group = groups.get(entry.get("political_group"), "")
                slot = by_group.setdefault(group or "—", dict.fromkeys(VALUES, 0))
                slot[value] += 1
            named = [
                {
                    "person": person,
                    "title": members.get(person, {}).get("title", ""),
                    "value": value,
                }
                for person, value in vote["votes"].items()
            ]
        summary = {
            "label": vote["label"],
            "poll_type": vote["poll_type"],
            "counts": counts,
            "result": _result(counts),
            "by_group": by_group,
        }
        if named is not None:
            summary["votes"] = named
        result.append(summary)
    return result
