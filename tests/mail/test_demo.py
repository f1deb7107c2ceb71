"""The demo commune's mail: every state, numbers that follow the dates."""

from plone import api


def test_the_demo_commune_has_mail_in_every_state(tenants):
    from communesplone.core.tenants.sites import on_site

    with on_site(tenants["app"]["valmont"]):
        search = api.portal.get_tool("portal_catalog").unrestrictedSearchResults
        incoming = search(portal_type="IncomingMail", sort_on="mail_reference")
        outgoing = search(portal_type="OutgoingMail")
        assert len(incoming) == 300 and len(outgoing) == 40
        assert {b.review_state for b in incoming} == {
            "registered",
            "assigned",
            "in_treatment",
            "closed",
            "cancelled",
        }
        assert {b.review_state for b in outgoing} >= {"sent", "draft"}
        dates = [b.mail_date for b in incoming]
        assert dates == sorted(dates)  # numbered in the order they arrived
        assert any(b.mail_confidential for b in incoming)
