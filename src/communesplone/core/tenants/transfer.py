"""Move a commune to another instance: `communesplone sites export` and `sites import`.

The content, users and groups, redirects, relations and portlets go through
plone.exportimport (the format of Plone's `plone-exporter`). Beside it:

- `communesplone.json`: the profiles' versions the export was made with, the numbering
  counters (the next mail or permit number follows the last one given at the source)
  and the `communesplone.*` registry settings;
- `communesplone-objects.json` and `communesplone-files/`: what each object stores
  beyond plone.restapi's view of it (see `attributes`), set back after the import.

The import goes into a new, non-demo site of the same release, in one transaction.
"""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from Acquisition import aq_base
from communesplone.core import numbering
from communesplone.core.template_guard import shipped_code
from communesplone.core.tenants.attributes import Reader
from communesplone.core.tenants.attributes import Writer
from communesplone.core.tenants.sites import on_site
from communesplone.core.tenants.sites import profile_versions
from contextlib import contextmanager
from datetime import date
from datetime import datetime
from pathlib import Path
from plone import api
from plone.base.interfaces import IPloneSiteRoot
from plone.browserlayer.utils import registered_layers
from plone.dexterity.interfaces import IDexterityFTI
from plone.exportimport.exporters import get_exporter
from plone.exportimport.importers import get_importer
from plone.namedfile.interfaces import INamedField
from plone.restapi.interfaces import IFieldDeserializer
from plone.restapi.interfaces import IPloneRestapiLayer
from plone.restapi.serializer.converters import json_compatible
from Products.MailHost.MailHost import MailBase
from zExceptions import BadRequest
from zope.annotation.interfaces import IAnnotations
from zope.component import queryMultiAdapter
from zope.component import queryUtility
from zope.globalrequest import getRequest
from zope.interface import alsoProvides
from zope.schema import getFieldNames
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import IDate
from zope.schema.interfaces import IDatetime
from zope.schema.interfaces import IDict
from zope.schema.interfaces import IFrozenSet
from zope.schema.interfaces import ISet
from zope.schema.interfaces import ITuple

import copy
import json
import logging
import secrets


# Site annotations that do not travel as they are: the counters have their own place in
# the manifest; OParl's change stamps and deletion records describe the source's history
# (an imported commune starts a new one: its objects are all new to a harvester).
SKIPPED = (numbering.ANNOTATION_KEY, "communesplone.oparl")


logger = logging.getLogger(__name__)

FORMAT = 1
MANIFEST = "communesplone.json"
OBJECTS = "communesplone-objects.json"
FILES = "communesplone-files"
IMPORT_USER = "communesplone-import"
CONTENT_EXPORTER = "plone.exporter.content"
CONTENT_IMPORTER = "plone.importer.content"
PRINCIPALS_IMPORTER = "plone.importer.principals"
# A schema field named like one of plone.restapi's own keys (a service's `parent`
# service, where restapi puts the container's summary) travels under this key.
SHADOWED_KEY = "communesplone.fields"
RESTAPI_KEYS = ("parent",)


class TransferError(Exception):
    """Why an export or an import cannot go on, in French for the operator."""


def _site_path(site) -> str:
    return "/".join(site.getPhysicalPath())


def _catalogued(site):
    """The site's content, from its catalog (an empty query finds nothing in Plone),
    without the site itself (catalogued too since Plone 6)."""
    for brain in site.portal_catalog.unrestrictedSearchResults(path=_site_path(site)):
        obj = brain._unrestrictedGetObject()
        if not IPloneSiteRoot.providedBy(obj):
            yield brain, obj


def _as_rest_request():
    """Give the request plone.restapi's layer and the site's add-on layers.

    Offline there is no traversal to apply them, and some serializers need them.
    """
    request = getRequest()
    alsoProvides(request, IPloneRestapiLayer, *registered_layers())
    return request


# Export


def _registry_values(site) -> dict:
    registry = site.portal_registry
    # The records' keys are a BTree's: a range gives our prefix without a full scan.
    names = registry.records.keys(min="communesplone.", max="communesplone/")
    return {name: json_compatible(registry[name]) for name in names}


def _keep_shadowed_fields(exporter) -> None:
    """Serialize a field named like one of plone.restapi's keys under our own key.

    Its value overwrites restapi's (a service's parent code where restapi puts the
    container's summary), on which plone.exportimport then fails.
    """
    serializer_for = exporter._serializer

    def serializer(obj):
        serialize = serializer_for(obj)
        names = getFieldNames(obj.getTypeInfo().lookupSchema())
        shadowed = [name for name in RESTAPI_KEYS if name in names]

        def call(**kwargs):
            data = serialize(**kwargs)
            if shadowed:
                data[SHADOWED_KEY] = {name: data.pop(name, None) for name in shadowed}
            return data

        return call

    exporter._serializer = serializer


def read_manifest(path: Path) -> dict:
    manifest_path = path / MANIFEST
    if not manifest_path.is_file():
        raise TransferError(
            f"{path} n'est pas un export de commune (pas de {MANIFEST} : "
            "« communesplone sites export » l'écrit)."
        )
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise TransferError(
            f"format d'export {manifest.get('format')!r} inconnu de cette version "
            f"(attendu : {FORMAT})."
        )
    return manifest


def export_site(site, path: Path) -> dict:
    """Write the site into the empty folder `path`; return what was written and lost."""
    path.mkdir(parents=True, exist_ok=True)
    if any(path.iterdir()):
        raise TransferError(f"le dossier {path} n'est pas vide.")
    writer = Writer(path / FILES)
    with on_site(site):
        _as_rest_request()
        exporter = get_exporter(site)
        _keep_shadowed_fields(exporter.exporters[CONTENT_EXPORTER])
        exporter.export_site(path)
        stored = {
            brain.UID: writer.stored(obj, brain.UID)
            for brain, obj in _catalogued(site)
            if brain.UID
        }
        # The site's own attributes are its tools and settings, made by its creation;
        # only our annotations travel (the counters have their own place).
        stored["site"] = writer.stored(site, "site", attributes=False, skip_annotations=SKIPPED)
        lost = {key: sorted(kinds) for key, kinds in sorted(writer.lost.items())}
        manifest = {
            "format": FORMAT,
            "site": {"id": site.getId(), "title": site.Title()},
            "profiles": {
                profile_id: versions["installed"]
                for profile_id, versions in profile_versions(site).items()
            },
            "counters": numbering.export_counters(),
            "registry": _registry_values(site),
            "lost": lost,
        }
    (path / OBJECTS).write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
    (path / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True), encoding="utf-8"
    )
    return {
        "id": site.getId(),
        "objects": len(list((path / "content").glob("*/data.json"))),
        "counters": manifest["counters"],
        "settings": len(manifest["registry"]),
        "lost": lost,
    }


# Import


def _check_target(site, manifest: dict) -> None:
    """Only into a new, non-demo site of the same release with the same modules."""
    site_id = site.getId()
    if site.portal_registry.get("communesplone.commune.demo"):
        raise TransferError(
            f"« {site_id} » est un site de démonstration : importez dans un site créé "
            "avec un profil sans « setup_content »."
        )
    if numbering.export_counters():
        raise TransferError(
            f"« {site_id} » a déjà donné des numéros d'enregistrement : importez dans un "
            "site nouvellement créé."
        )
    here = {
        profile_id: versions["installed"] for profile_id, versions in profile_versions(site).items()
    }
    problems = []
    for profile_id, version in sorted(manifest["profiles"].items()):
        if not here.get(profile_id):
            problems.append(f"module {profile_id} absent")
        elif here[profile_id] != version:
            problems.append(f"{profile_id} en version {here[profile_id]} ici, {version} à l'export")
    for profile_id in sorted(set(here) - set(manifest["profiles"])):
        problems.append(f"module {profile_id} installé ici, absent de l'export")
    if problems:
        raise TransferError(
            f"« {site_id} » ne correspond pas à l'export ("
            + " ; ".join(problems)
            + ") : mettez les deux instances à la même version (« sites upgrade »)."
        )


@contextmanager
def _as_importer(site):
    """Import as a Manager of the site who belongs to no group, removed afterwards.

    Zope's system user does not do: workflow guards look the current user up in the
    site, and adding a mail asks for the user's services through their groups.
    """
    acl_users = site.acl_users
    acl_users.source_users.addUser(IMPORT_USER, IMPORT_USER, secrets.token_urlsafe(32))
    acl_users.portal_role_manager.assignRoleToPrincipal("Manager", IMPORT_USER)
    previous = getSecurityManager().getUser()
    newSecurityManager(None, acl_users.getUserById(IMPORT_USER))
    try:
        yield
    finally:
        newSecurityManager(None, previous)
        acl_users.portal_role_manager.removeRoleFromPrincipal("Manager", IMPORT_USER)
        acl_users.source_users.removeUser(IMPORT_USER)


@contextmanager
def _mails_held(held: list):
    """No e-mail leaves during an import.

    Importing re-enacts each object's life (added, then taken to its state): nobody
    must be told again of what happened at the source. The command is a process of
    its own, so holding the sending of every MailHost while it runs holds nothing else.
    """
    send = MailBase.send

    def hold(self, message, mto=None, *args, **kwargs):
        held.append(mto)

    MailBase.send = hold
    try:
        yield
    finally:
        MailBase.send = send


def _from_json(field, value):
    """A registry value read back from JSON, in the type its field wants."""
    if value is None:
        return None
    if IDatetime.providedBy(field):
        return datetime.fromisoformat(value)
    if IDate.providedBy(field):
        return date.fromisoformat(value[:10])
    if IDict.providedBy(field):
        return {
            _from_json(field.key_type, key): _from_json(field.value_type, item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        items = [_from_json(field.value_type, item) for item in value]
        if ITuple.providedBy(field):
            return tuple(items)
        if IFrozenSet.providedBy(field):
            return frozenset(items)
        if ISet.providedBy(field):
            return set(items)
        return items
    return value


def _restore_registry(site, values: dict) -> list[str]:
    """Set our settings from the export; return the names this site does not have."""
    registry = site.portal_registry
    missing = []
    for name, value in sorted(values.items()):
        if name not in registry.records:
            missing.append(name)
            continue
        registry[name] = _from_json(registry.records[name].field, value)
    return missing


def _put_back_shadowed_fields(item: dict, config) -> dict:
    item.update(item.pop(SHADOWED_KEY, {}))
    return item


def _construct_with_data(item: dict, config) -> dict:
    """Create each object with its fields already set, as our forms and code do.

    plone.exportimport adds an empty object and fills it afterwards, but our types act
    when they are added: a service makes its groups from its code, a mail takes a
    number unless it has one. Files are left to the deserialization that follows.
    """
    if item.get("@type") == "Plone Site":
        return item
    fti = queryUtility(IDexterityFTI, name=item.get("@type"))
    if fti is None:
        return item
    request = getRequest()
    kwargs = {name: item[name] for name in ("title", "description") if item.get(name)}
    for name, field in getFieldsInOrder(fti.lookupSchema()):
        if item.get(name) is None or INamedField.providedBy(field):
            continue
        deserializer = queryMultiAdapter((field, config.site, request), IFieldDeserializer)
        if deserializer is None:
            continue
        try:
            kwargs[name] = deserializer(copy.deepcopy(item[name]))
        except Exception:  # noqa: BLE001 - the stored attributes set it afterwards
            continue
    item["factory_kwargs"] = kwargs
    return item


def _deserialize_quietly(importer, refused: list) -> None:
    """A value a vocabulary refuses today (a meeting no longer open) is not an error.

    plone.exportimport would log each refusal with its traceback; the stored
    attributes set the exported value afterwards anyway.
    """
    request = importer.request

    def deserialize(data, obj, config):
        deserializer = importer._deserializer(obj)
        try:
            if obj.portal_type == "Plone Site":
                request["BODY"] = json.dumps(data)
                deserializer(validate_all=False)
            else:
                deserializer(validate_all=False, data=data)
        except BadRequest as exc:
            refused.append("/".join(obj.getPhysicalPath()))
            logger.info("%s : valeurs refusées à l'import (%s)", obj.absolute_url(1), exc)
        return obj

    importer.deserialize = deserialize


def _add_refused_members(site, path: Path) -> list[str]:
    """Users plone.exportimport skipped, added straight to the user folder.

    It registers users as the join form does, which refuses an id of less than three
    characters or a user without e-mail; the export has their password hash, roles,
    groups and properties all the same.
    """
    principals = path / "principals.json"
    if not principals.is_file():
        return []
    data = json.loads(principals.read_text(encoding="utf-8"))
    acl_users = site.acl_users
    added = []
    for member in data.get("members", []):
        user_id = member["username"]
        if acl_users.getUserById(user_id) is not None:
            continue
        acl_users.source_users.addUser(
            user_id, member.get("login_name") or user_id, member.get("password") or ""
        )
        roles = [role for role in member.get("roles", []) if role != "Authenticated"]
        acl_users.portal_role_manager.assignRolesToPrincipal(roles, user_id)
        for group_id in member.get("groups", []):
            if acl_users.getGroupById(group_id) is not None:
                acl_users.source_groups.addPrincipalToGroup(user_id, group_id)
        properties = {
            key: value
            for key, value in member.items()
            if key not in ("username", "login_name", "password", "roles", "groups")
            and value is not None
        }
        if properties:
            api.user.get(userid=user_id).setMemberProperties(properties)
        added.append(user_id)
    return added


def _restore_stored(site, path: Path) -> int:
    """Set back what each object stored at the source, then index it again."""
    objects = path / OBJECTS
    if not objects.is_file():
        return 0
    stored = json.loads(objects.read_text(encoding="utf-8"))
    reader = Reader(path / FILES)
    # Every index named: a bare reindexObject() would also touch the modification date.
    indexes = list(site.portal_catalog.indexes())
    count = 0
    for brain, obj in list(_catalogued(site)):
        if brain.UID in stored:
            reader.restore(obj, stored[brain.UID])
            obj.reindexObject(idxs=indexes)
            count += 1
    reader.restore(site, stored.get("site", {}), attributes=False, skip_annotations=SKIPPED)
    return count


def _forget_importer(site) -> None:
    """The importer made the site's root its own too: that role goes."""
    if IMPORT_USER in (getattr(aq_base(site), "__ac_local_roles__", None) or {}):
        site.manage_delLocalRoles([IMPORT_USER])


def _restore_counters(site, values: dict) -> None:
    """The counters as exported, whatever the import's own additions took."""
    IAnnotations(site).pop(numbering.ANNOTATION_KEY, None)
    numbering.import_counters(values)


def import_site(site, path: Path) -> dict:
    """Import an export into `site`, in one transaction the caller commits."""
    manifest = read_manifest(path)
    refused, held = [], []
    # The command runs as the operator; the site's user only stands in for workflow
    # guards and mail rules, so the templates of the export pass the operator's guard.
    with on_site(site), _as_importer(site), shipped_code(), _mails_held(held):
        _check_target(site, manifest)
        _as_rest_request()
        missing_settings = _restore_registry(site, manifest["registry"])
        importers = get_importer(site).importers
        content = importers[CONTENT_IMPORTER]
        # Its `dropped` is a class attribute, shared by every import of the process.
        content.dropped = set()
        _deserialize_quietly(content, refused)
        # Content before users and groups: a service makes its own groups when added,
        # and the users then join the groups the export lists for them.
        order = [CONTENT_IMPORTER, PRINCIPALS_IMPORTER]
        order += [name for name in importers if name not in order]
        for name in order:
            importer = importers.get(name)
            if importer is None:
                continue
            # One transaction: a failed import leaves the site as it was.
            importer.intermediate_commits = False
            hooks = {}
            if name == CONTENT_IMPORTER:
                hooks = {"data_hooks": [_put_back_shadowed_fields, _construct_with_data]}
            importer.import_data(path, **hooks)
        members_added = _add_refused_members(site, path)
        restored = _restore_stored(site, path)
        _forget_importer(site)
        _restore_counters(site, manifest["counters"])
        dropped = sorted(content.dropped)
    return {
        "id": site.getId(),
        "source": manifest["site"]["id"],
        "objects": len(list((path / "content").glob("*/data.json"))),
        "restored": restored,
        "dropped": dropped,
        "members_added": members_added,
        "counters": manifest["counters"],
        "missing_settings": missing_settings,
        "lost": manifest.get("lost", {}),
        "mails_held": len(held),
    }
