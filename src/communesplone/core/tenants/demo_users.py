"""The demo commune's users: one per kind of person who uses the intranet.

They exist only on a demo site (a real commune never gets a shared, published password).
The groups each one joins are created by the organisation chart; `groups` records them.
"""

from plone import api


DEMO_PASSWORD = "demodemo"


class DemoRefused(ValueError):
    """Demo users asked for on a site that is not a demo site."""


# (user id, full name, site roles, groups). `college` and `council` come from the
# mandates of the person linked to the user; the other groups are joined directly.
DEMO_USERS = (
    ("admin", "Administrateur de la commune", ("Site Administrator",), ()),
    # The DG coordinates the PST, as in most communes.
    ("dg", "Pascal Fontaine (directeur général)", (), ("direction", "pst_managers")),
    ("secretariat", "Secrétariat des assemblées", (), ("meeting_managers",)),
    ("bourgmestre", "Françoise Lambert (bourgmestre)", (), ("college", "council")),
    ("echevin1", "Olivier Dubois (échevin)", (), ("college", "council")),
    ("conseiller1", "Julie Leclercq (conseillère)", (), ("council",)),
    ("conseiller2", "Philippe Rasquin (conseiller)", (), ("council",)),
    ("agent.travaux", "Agent du service Travaux", (), ("travaux_agents",)),
    ("chef.travaux", "Chef du service Travaux", (), ("travaux_managers",)),
    ("agent.urbanisme", "Agent du service Urbanisme", (), ("urbanisme_agents",)),
    ("chef.urbanisme", "Chef du service Urbanisme", (), ("urbanisme_managers",)),
    ("courrier", "Service courrier", (), ("mail_registrars",)),
    ("agent.finances", "Agent du service Finances", (), ("finances_agents",)),
)


def is_demo_site() -> bool:
    return bool(api.portal.get_registry_record("communesplone.commune.demo", default=False))


def create_demo_users(site) -> list[str]:
    """Create the missing demo users; refuse on a site that is not a demo site."""
    if not is_demo_site():
        raise DemoRefused(
            "Les utilisateurs de démonstration ne peuvent être créés que sur un site "
            "de démonstration (profil avec « setup_content » à true)."
        )
    created = []
    # Only this site's own users count: a Zope root user may share a name.
    existing = set(site.acl_users.source_users.getUserIds())
    for userid, fullname, roles, _groups in DEMO_USERS:
        if userid in existing:
            continue
        # Straight to the user folder: Plone's registration pattern wants 3+ characters
        # and the demo has a `dg`.
        site.acl_users._doAddUser(userid, DEMO_PASSWORD, ("Member",) + tuple(roles), [])
        api.user.get(userid=userid).setMemberProperties(
            {"fullname": fullname, "email": f"{userid}@valmont.example"}
        )
        created.append(userid)
    return created


def join_demo_groups() -> None:
    """Put the demo users in their groups (those the mandates do not already decide)."""
    from communesplone.core.mandates import ASSEMBLY_GROUPS

    for userid, _fullname, _roles, group_ids in DEMO_USERS:
        for group_id in group_ids:
            if group_id in ASSEMBLY_GROUPS.values():
                continue
            if api.group.get(groupname=group_id) is None:
                raise DemoRefused(f"Le groupe « {group_id} » manque au profil de démonstration.")
            api.group.add_user(groupname=group_id, username=userid)
