"""CSV import of people into the directory: parse and check every row, then import.

The expected file is what a spreadsheet saves as CSV in Belgium: UTF-8 (with or without
BOM) or Windows-1252, `;` or `,` as separator, a header line naming the columns
`prenom`, `nom` (required), `genre`, `email`, `telephone`, `utilisateur`.
"""

from dataclasses import dataclass
from dataclasses import field
from plone import api
from plone.dexterity.utils import createContentInContainer

import csv
import io
import re


COLUMNS = {
    "prenom": "firstname",
    "prénom": "firstname",
    "nom": "lastname",
    "genre": "gender",
    "email": "email",
    "courriel": "email",
    "telephone": "phone",
    "téléphone": "phone",
    "utilisateur": "userid",
}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_ROWS = 5000


class SemicolonDialect(csv.excel):
    delimiter = ";"


@dataclass
class Preview:
    accepted: list = field(default_factory=list)
    rejected: list = field(default_factory=list)
    errors: list = field(default_factory=list)


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError


def _existing_keys(directory) -> set:
    return {
        brain.Title.strip().lower()
        for brain in api.content.find(context=directory, portal_type="Person")
    }


def parse_csv(raw: bytes, directory) -> Preview:
    preview = Preview()
    try:
        text = _decode(raw)
    except ValueError:
        preview.errors.append("Le fichier n'est ni en UTF-8 ni en Windows-1252.")
        return preview
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else "", delimiters=";,")
    except csv.Error:
        dialect = SemicolonDialect
    reader = csv.reader(io.StringIO(text), dialect)
    header = next(reader, None)
    if not header:
        preview.errors.append("Le fichier est vide.")
        return preview
    names = [COLUMNS.get(column.strip().lower()) for column in header]
    if "firstname" not in names or "lastname" not in names:
        preview.errors.append(
            "L'en-tête doit contenir au moins les colonnes « prenom » et « nom »."
        )
        return preview
    existing = _existing_keys(directory)
    seen = set()
    for line_number, values in enumerate(reader, start=2):
        if not any(value.strip() for value in values):
            continue
        if line_number > MAX_ROWS + 1:
            preview.errors.append(f"Plus de {MAX_ROWS} lignes : découpez le fichier.")
            break
        row = {name: value.strip() for name, value in zip(names, values, strict=False) if name}
        reasons = []
        if not row.get("firstname") or not row.get("lastname"):
            reasons.append("prénom et nom obligatoires")
        if row.get("gender") and row["gender"].upper() not in ("F", "M", "X"):
            reasons.append(f"genre « {row['gender']} » inconnu (F, M ou X)")
        if row.get("email") and not EMAIL.match(row["email"]):
            reasons.append(f"adresse électronique « {row['email']} » invalide")
        if row.get("userid") and api.user.get(userid=row["userid"]) is None:
            reasons.append(f"utilisateur « {row['userid']} » inconnu")
        key = f"{row.get('firstname', '')} {row.get('lastname', '')}".strip().lower()
        if key in existing:
            reasons.append("personne déjà dans l'annuaire")
        elif key in seen:
            reasons.append("personne en double dans le fichier")
        seen.add(key)
        if reasons:
            preview.rejected.append({"line": line_number, "row": row, "reasons": reasons})
        else:
            if row.get("gender"):
                row["gender"] = row["gender"].upper()
            preview.accepted.append({"line": line_number, "row": row})
    return preview


def import_rows(directory, accepted: list) -> list:
    """Create the accepted people (checked again by the caller in this transaction)."""
    created = []
    for item in accepted:
        row = item["row"]
        created.append(
            createContentInContainer(
                directory,
                "Person",
                firstname=row["firstname"],
                lastname=row["lastname"],
                gender=row.get("gender") or None,
                email=row.get("email") or None,
                phone=row.get("phone") or None,
                userid=row.get("userid") or None,
            )
        )
    return created
