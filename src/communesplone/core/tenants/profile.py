"""Commune profiles: the answers a commune site is created from.

A profile is JSON, checked first against the distribution's JSON schema, then against
the rules a schema cannot say (unique codes, mandates naming known people…). Every
problem comes back as one French sentence, so an administrator can fix the whole file
in one go; nothing is written while a profile has errors.
"""

from datetime import date
from importlib import resources
from pathlib import Path

import json
import jsonschema


DISTRIBUTION_NAME = "communesplone"
DISTRIBUTION_DIR = Path(__file__).parent.parent / "distributions" / DISTRIBUTION_NAME


class ProfileError(ValueError):
    """A commune profile that cannot be used; `errors` lists every reason, in French."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


def profile_schema() -> dict:
    raw = json.loads((DISTRIBUTION_DIR / "schema.json").read_text(encoding="utf-8"))
    return raw["schema"]


def demo_profile_path() -> Path:
    return Path(str(resources.files("communesplone.core.tenants") / "demo.json"))


def load_profile(path) -> dict:
    """Read a profile file; a missing or malformed file is a ProfileError."""
    path = Path(path)
    if not path.is_file():
        raise ProfileError([f"Le fichier de profil « {path} » est introuvable."])
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ProfileError([f"Le fichier « {path} » n'est pas encodé en UTF-8."])
    except json.JSONDecodeError as exc:
        raise ProfileError(
            [
                f"Le fichier « {path} » n'est pas du JSON valide "
                f"(ligne {exc.lineno}, colonne {exc.colno})."
            ]
        )
    if not isinstance(data, dict):
        raise ProfileError(["Un profil de commune est un objet JSON ({ … })."])
    return data


def _where(error) -> str:
    parts = []
    for part in error.absolute_path:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts) or "profil"


def _field_title(schema: dict, error) -> str:
    node = schema
    for part in error.absolute_path:
        if isinstance(part, int):
            node = node.get("items", {})
        else:
            node = node.get("properties", {}).get(part, {})
    return node.get("title", "")


def _french(error, schema: dict) -> str:
    """One French sentence for one JSON schema error."""
    where = _where(error)
    title = _field_title(schema, error)
    label = f"« {where} »" + (f" ({title})" if title and where != "profil" else "")
    kind = error.validator
    if kind == "required":
        missing = error.message.split("'")[1]
        return f"{label} : le champ obligatoire « {missing} » manque."
    if kind == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return f"{label} : champ inconnu « {', '.join(extra)} »."
    if kind == "type":
        expected = {
            "string": "un texte",
            "integer": "un nombre entier",
            "boolean": "vrai ou faux (true/false)",
            "array": "une liste",
            "object": "un objet",
            "null": "vide (null)",
        }
        wanted = error.validator_value
        wanted = wanted if isinstance(wanted, list) else [wanted]
        return f"{label} : il faut {' ou '.join(expected.get(w, w) for w in wanted)}."
    if kind == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return f"{label} : « {error.instance} » n'est pas permis (valeurs permises : {allowed})."
    if kind == "pattern":
        if where.endswith("nis_code"):
            return f"{label} : le code INS compte exactement cinq chiffres."
        if where == "site_id":
            return (
                f"{label} : « {error.instance} » ne convient pas ; utilisez de 3 à 50 lettres "
                "minuscules, chiffres ou tirets, en commençant par une lettre."
            )
        return f"{label} : « {error.instance} » n'a pas le format attendu."
    if kind in ("minLength", "maxLength"):
        shortest = error.schema.get("minLength", 0)
        longest = error.schema.get("maxLength", "…")
        return f"{label} : longueur permise de {shortest} à {longest} caractères."
    if kind == "format":
        formats = {"email": "une adresse électronique", "date": "une date (AAAA-MM-JJ)"}
        wanted = formats.get(error.validator_value, error.validator_value)
        return f"{label} : « {error.instance} » n'est pas {wanted}."
    if kind in ("minimum", "maximum"):
        return f"{label} : la valeur {error.instance} est hors des limites permises."
    return f"{label} : valeur invalide."


def _check_date(value, where, errors):
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        errors.append(f"« {where} » : « {value} » n'est pas une date (AAAA-MM-JJ).")


def _duplicates(values):
    seen, twice = set(), []
    for value in values:
        if value in seen and value not in twice:
            twice.append(value)
        seen.add(value)
    return twice


def _rules(answers: dict) -> list[str]:
    """Checks a JSON schema cannot express."""
    errors = []
    services = answers.get("services", [])
    people = answers.get("people", [])
    groups = answers.get("political_groups", [])
    for label, values in (
        ("code de service", [s["code"] for s in services]),
        ("identifiant de personne", [p["id"] for p in people]),
        ("code de groupe politique", [g["code"] for g in groups]),
        ("code d'assemblée", [a["code"] for a in answers.get("assemblies", [])]),
        ("utilisateur lié", [p["userid"] for p in people if p.get("userid")]),
    ):
        for value in _duplicates(values):
            errors.append(f"Le {label} « {value} » est utilisé plusieurs fois.")
    service_codes = {s["code"] for s in services}
    for index, service in enumerate(services, 1):
        parent = service.get("parent")
        if parent and (parent not in service_codes or parent == service["code"]):
            errors.append(
                f"« services[{index}].parent » : le service parent « {parent} » n'existe pas."
            )
    person_ids = {p["id"] for p in people}
    group_codes = {g["code"] for g in groups}
    for index, mandate in enumerate(answers.get("mandates", []), 1):
        where = f"mandates[{index}]"
        if mandate["person"] not in person_ids:
            errors.append(f"« {where}.person » : la personne « {mandate['person']} » n'existe pas.")
        group = mandate.get("political_group")
        if group and group not in group_codes:
            errors.append(
                f"« {where}.political_group » : le groupe politique « {group} » n'existe pas."
            )
        start = _check_date(mandate.get("start"), f"{where}.start", errors)
        end = _check_date(mandate.get("end"), f"{where}.end", errors)
        if start and end and end < start:
            errors.append(f"« {where} » : la fin du mandat précède son début.")
    return errors


def validate_profile(answers: dict, taken_ids=()) -> dict:
    """Return the answers if they make a commune site; raise ProfileError otherwise."""
    schema = profile_schema()
    validator = jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )
    errors = [
        _french(error, schema)
        for error in sorted(validator.iter_errors(answers), key=lambda e: list(e.absolute_path))
    ]
    if not errors:
        errors = _rules(answers)
    site_id = answers.get("site_id")
    if isinstance(site_id, str) and site_id in set(taken_ids):
        errors.append(f"« site_id » : un site « {site_id} » existe déjà dans cette instance.")
    if errors:
        raise ProfileError(errors)
    return answers
