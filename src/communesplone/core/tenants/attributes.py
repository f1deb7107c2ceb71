"""What a commune's objects store beyond plone.restapi's view of them, as JSON.

plone.restapi serializes the schema fields a form shows. Our objects keep more: a
meeting's agenda, an item's votes and advices, a mail's history and former originals, a
permit's tracking, an evaluation's stored figures, the workflow history to the
microsecond, permission settings made by our code. An export of a commune carries all
of it, to set it back on the imported objects exactly as it was.

Values are plain JSON where they can be; others are tagged (`{"@": "DateTime", …}`).
Files are written beside the JSON. A value of an unknown kind is not carried: it is
named in the export's list of losses instead.
"""

from Acquisition import aq_base
from BTrees.OOBTree import OOBTree
from DateTime import DateTime
from datetime import date
from datetime import datetime
from pathlib import Path
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import iterSchemata
from plone.namedfile.file import NamedBlobFile
from plone.namedfile.file import NamedBlobImage
from plone.namedfile.file import NamedFile
from plone.namedfile.file import NamedImage
from plone.namedfile.interfaces import INamedField
from zope.annotation.interfaces import IAnnotations
from zope.dottedname.resolve import resolve
from zope.interface import alsoProvides
from zope.interface import directlyProvidedBy
from zope.interface import noLongerProvides
from zope.schema import getFieldsInOrder

import Persistence


# The container, identity and catalog machinery of every object (CMF's own id of an
# object included): plone.exportimport and the import itself rebuild them.
FRAMEWORK = frozenset(
    {
        "id",
        "__name__",
        "_plone.uuid",
        "portal_type",
        "_tree",
        "_count",
        "_mt_index",
        "_objects",
        "__annotations__",
        "_lockinfo",
        "__before_traverse__",
        "__before_publishing_traverse__",
        "_components",
        "cmf_uid",
    }
)
OUR_ANNOTATIONS = "communesplone"
FILE_CLASSES = {cls.__name__: cls for cls in (NamedBlobFile, NamedBlobImage, NamedFile, NamedImage)}
MAPPINGS = {
    "dict": dict,
    "PersistentMapping": PersistentMapping,
    "Persistence.PersistentMapping": Persistence.PersistentMapping,
    "OOBTree": OOBTree,
}
SEQUENCES = {
    "tuple": tuple,
    "PersistentList": PersistentList,
    "set": set,
    "frozenset": frozenset,
}


class Unknown(Exception):
    """A value this module cannot write as JSON."""


def _mapping_tag(value) -> str | None:
    if isinstance(value, Persistence.PersistentMapping):
        return "Persistence.PersistentMapping"
    if isinstance(value, PersistentMapping):
        return "PersistentMapping"
    if isinstance(value, OOBTree):
        return "OOBTree"
    if type(value) is dict:
        return "dict"
    return None


class Writer:
    """Encode the stored values of objects; files go under `folder`."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.lost: dict[str, set[str]] = {}

    def encode(self, value, owner, name: str, fields: dict):
        if value is None or isinstance(value, (bool, int, float, str)):
            return value
        for field_name, field_value in fields.items():
            # The same file as one of the object's file fields (a mail's current
            # original): a reference keeps it the same object after the import.
            if value is field_value:
                return {"@": "field", "name": field_name}
        if isinstance(value, DateTime):
            return {"@": "DateTime", "value": str(value)}
        if isinstance(value, datetime):
            return {"@": "datetime", "value": value.isoformat()}
        if isinstance(value, date):
            return {"@": "date", "value": value.isoformat()}
        if isinstance(value, RichTextValue):
            return {
                "@": "RichTextValue",
                "raw": value.raw,
                "mimeType": value.mimeType,
                "outputMimeType": value.outputMimeType,
                "encoding": value.encoding,
            }
        if type(value) in FILE_CLASSES.values():
            return self._file(value, owner, name)
        tag = _mapping_tag(value)
        if tag is not None:
            return {
                "@": tag,
                "items": [
                    [self.encode(key, owner, name, {}), self.encode(item, owner, name, fields)]
                    for key, item in value.items()
                ],
            }
        if type(value) is list:
            return [self.encode(item, owner, name, fields) for item in value]
        for tag, cls in SEQUENCES.items():
            if type(value) is cls:
                items = sorted(value, key=repr) if cls in (set, frozenset) else value
                return {
                    "@": tag,
                    "items": [self.encode(item, owner, name, fields) for item in items],
                }
        raise Unknown(f"{type(value).__module__}.{type(value).__qualname__}")

    def _file(self, value, owner, name: str) -> dict:
        files = self.folder / owner
        files.mkdir(parents=True, exist_ok=True)
        path = files / f"{name}-{len(list(files.iterdir()))}"
        path.write_bytes(value.data)
        return {
            "@": "file",
            "class": type(value).__name__,
            "path": str(path.relative_to(self.folder)),
            "filename": value.filename,
            "contentType": value.contentType,
        }

    def stored(self, obj, uid: str, attributes: bool = True, skip_annotations=()) -> dict:
        """The object's own attributes and our annotations, encoded."""
        fields = _file_fields(obj) if attributes else {}
        found = {}
        for name, value in sorted(state(obj).items()) if attributes else ():
            if not carried(name) or name in fields:
                continue
            try:
                found[name] = self.encode(value, uid, name, fields)
            except Unknown as exc:
                self.lost.setdefault(f"{obj.portal_type}.{name}", set()).add(str(exc))
        if attributes and "__provides__" in state(obj):
            found["__provides__"] = {
                "@": "interfaces",
                "names": sorted(i.__identifier__ for i in directlyProvidedBy(obj)),
            }
        annotations = {}
        for key, value in _our_annotations(obj, skip_annotations).items():
            try:
                annotations[key] = self.encode(value, uid, key, {})
            except Unknown as exc:
                self.lost.setdefault(f"{obj.portal_type}[{key}]", set()).add(str(exc))
        return {"attributes": found, "annotations": annotations}


def state(obj) -> dict:
    """The object's stored attributes, loaded: a ghost's `__dict__` is empty."""
    base = aq_base(obj)
    base._p_activate()
    return base.__dict__


def carried(name: str) -> bool:
    return not (
        name in FRAMEWORK
        or name == "__provides__"
        or name.startswith("_p_")
        or name.startswith("_v_")
    )


def _file_fields(obj) -> dict:
    """The object's file fields that plone.exportimport writes, with their values."""
    fields = {}
    for schema in iterSchemata(obj):
        for name, field in getFieldsInOrder(schema):
            if INamedField.providedBy(field) and not field.readonly:
                value = state(obj).get(name)
                if value is not None:
                    fields[name] = value
    return fields


def _our_annotations(obj, skip=()) -> dict:
    annotations = aq_base(obj).__dict__.get("__annotations__") or {}
    return {
        key: value
        for key, value in annotations.items()
        if isinstance(key, str) and key.startswith(OUR_ANNOTATIONS) and key not in skip
    }


class Reader:
    """Decode what `Writer` wrote and set it on the imported objects."""

    def __init__(self, folder: Path):
        self.folder = folder

    def decode(self, value, obj):
        if isinstance(value, list):
            return [self.decode(item, obj) for item in value]
        if not isinstance(value, dict):
            return value
        tag = value["@"]
        if tag == "field":
            return state(obj).get(value["name"])
        if tag == "DateTime":
            return DateTime(value["value"])
        if tag == "datetime":
            return datetime.fromisoformat(value["value"])
        if tag == "date":
            return date.fromisoformat(value["value"])
        if tag == "RichTextValue":
            return RichTextValue(
                raw=value["raw"],
                mimeType=value["mimeType"],
                outputMimeType=value["outputMimeType"],
                encoding=value["encoding"],
            )
        if tag == "file":
            data = (self.folder / value["path"]).read_bytes()
            return FILE_CLASSES[value["class"]](
                data=data, contentType=value["contentType"], filename=value["filename"]
            )
        if tag in MAPPINGS:
            mapping = MAPPINGS[tag]()
            for key, item in value["items"]:
                mapping[self.decode(key, obj)] = self.decode(item, obj)
            return mapping
        if tag in SEQUENCES:
            return SEQUENCES[tag](self.decode(item, obj) for item in value["items"])
        raise ValueError(f"valeur d'export inconnue : {tag}")

    def restore(self, obj, stored: dict, attributes: bool = True, skip_annotations=()) -> None:
        """Set the object's attributes and our annotations as exported.

        What the import's own events stored and the source never had goes: the object
        ends as it was at the source, not as re-enacting its life made it. With
        `attributes` false (the site itself, whose attributes are its tools and
        settings), only our annotations are set.
        """
        if attributes:
            self._restore_attributes(obj, dict(stored.get("attributes", {})))
        annotations = stored.get("annotations", {})
        if annotations or _our_annotations(obj, skip_annotations):
            target = IAnnotations(obj)
            for key in _our_annotations(obj, skip_annotations):
                if key not in annotations:
                    del target[key]
            for key, value in annotations.items():
                target[key] = self.decode(value, obj)

    def _restore_attributes(self, obj, attributes: dict) -> None:
        provides = attributes.pop("__provides__", None)
        stored_here = state(obj)
        files = _file_fields(obj)
        for name in [name for name in stored_here if carried(name)]:
            if name not in attributes and name not in files:
                del stored_here[name]
        for name, value in attributes.items():
            stored_here[name] = self.decode(value, obj)
        aq_base(obj)._p_changed = True
        if provides is not None:
            wanted = [resolve(dotted) for dotted in provides["names"]]
            for interface in directlyProvidedBy(obj):
                if interface not in wanted:
                    noLongerProvides(obj, interface)
            if wanted:
                alsoProvides(obj, *wanted)
