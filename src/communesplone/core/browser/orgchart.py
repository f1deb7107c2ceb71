"""The organisation chart as a tree, with who works in each service."""

from communesplone.core import groups
from plone import api
from Products.Five.browser import BrowserView


class OrgChartView(BrowserView):
    """One catalog query for the services; group members from the user folder."""

    def tree(self):
        brains = api.content.find(
            context=self.context, portal_type="Service", sort_on="sortable_title"
        )
        nodes = {
            brain.service_code: {
                "code": brain.service_code,
                "title": brain.Title,
                "url": brain.getURL(),
                "parent": brain.service_parent,
                "children": [],
            }
            for brain in brains
        }
        roots = []
        for node in nodes.values():
            parent = nodes.get(node["parent"])
            (parent["children"] if parent else roots).append(node)
        return roots

    def people(self, code):
        """Full names of the members of each group of a service, by kind."""
        result = []
        for kind, label in groups.SERVICE_GROUP_KINDS:
            users = (
                api.user.get(userid=userid)
                for userid in groups.members(groups.service_group_id(code, kind))
            )
            names = sorted(
                user.getProperty("fullname") or user.getId() for user in users if user is not None
            )
            if names:
                result.append({"label": label.capitalize(), "names": ", ".join(names)})
        return result
