"""Upgrade steps of the core profile, run by `communesplone sites upgrade`."""

from communesplone.core.documents import MEMBERS_ONLY
from communesplone.core.documents import templates_folder


def templates_for_members_only(context):
    """Templates installed before the rule: no document for anonymous visitors."""
    for template in templates_folder().objectValues():
        if not (getattr(template, "tal_condition", "") or "").strip():
            template.tal_condition = MEMBERS_ONLY


def import_actions(context):
    """Links in the user's menu (« Mes notifications »…) for sites made before them."""
    context.runImportStepFromProfile("profile-communesplone.core:default", "actions")
