"""Commune profiles: the demo is valid, bad profiles are refused with French reasons."""

from communesplone.core.tenants.profile import demo_profile_path
from communesplone.core.tenants.profile import load_profile
from communesplone.core.tenants.profile import ProfileError
from communesplone.core.tenants.profile import validate_profile
from pathlib import Path

import copy
import json
import pytest


ROOT = Path(__file__).parents[2]


@pytest.fixture
def demo():
    return load_profile(demo_profile_path())


def errors_of(answers, **kwargs):
    with pytest.raises(ProfileError) as caught:
        validate_profile(answers, **kwargs)
    return caught.value.errors


def test_repository_profile_is_the_shipped_one():
    assert (ROOT / "profiles" / "demo.json").read_bytes() == demo_profile_path().read_bytes()


def test_demo_profile_describes_valmont(demo):
    assert validate_profile(demo) is demo
    assert demo["site_id"] == "valmont"
    assert demo["setup_content"] is True
    assert 11000 <= demo["population"] <= 13000
    assert demo["default_language"] == "fr"
    assert demo["portal_timezone"] == "Europe/Brussels"


def test_demo_council_composition(demo):
    in_force = [m for m in demo["mandates"] if m["end"] is None]
    council = [m for m in in_force if m["body"] == "council"]
    college_roles = sorted(m["role"] for m in in_force if m["body"] == "college")
    assert len(council) == 21
    assert len({m["political_group"] for m in council}) == 3
    assert college_roles == ["bourgmestre"] + ["echevin"] * 4 + ["president_cpas"]
    administration = sorted(m["role"] for m in in_force if m["body"] == "administration")
    assert administration == ["directeur_financier", "directeur_general"]
    # The bourgmestre and the échevins sit in the council too.
    councillors = {m["person"] for m in council}
    assert all(
        m["person"] in councillors for m in in_force if m["role"] in ("bourgmestre", "echevin")
    )


def test_profiles_never_carry_passwords(demo):
    text = json.dumps(demo).lower()
    assert "password" not in text and "mot de passe" not in text


def test_missing_fields_are_named_in_french(demo):
    del demo["nis_code"]
    errors = errors_of(demo)
    assert errors == ["« profil » : le champ obligatoire « nis_code » manque."]


def test_every_error_is_reported_at_once(demo):
    demo["nis_code"] = "123"
    demo["site_id"] = "Valmont Ville"
    demo["default_language"] = "nl"
    demo["unexpected"] = True
    errors = errors_of(demo)
    assert len(errors) == 4
    assert any("cinq chiffres" in error for error in errors)
    assert any("« site_id »" in error and "minuscules" in error for error in errors)
    assert any("« nl » n'est pas permis" in error for error in errors)
    assert any("champ inconnu « unexpected »" in error for error in errors)


def test_rules_beyond_the_schema(demo):
    broken = copy.deepcopy(demo)
    broken["services"].append(dict(broken["services"][0]))
    broken["mandates"][0]["person"] = "nobody"
    broken["mandates"][1]["political_group"] = "nogroup"
    broken["mandates"][2]["end"] = "2020-01-01"
    errors = errors_of(broken)
    assert "Le code de service « secretariat » est utilisé plusieurs fois." in errors
    assert "« mandates[1].person » : la personne « nobody » n'existe pas." in errors
    assert any("nogroup" in error for error in errors)
    assert "« mandates[3] » : la fin du mandat précède son début." in errors


def test_format_errors(demo):
    demo["email"] = "pas-une-adresse"
    demo["mandates"][0]["start"] = "2024-13-45"
    errors = errors_of(demo)
    assert (
        "« email » (Adresse électronique) : « pas-une-adresse » n'est pas une adresse électronique."
        in errors
    )
    assert (
        "« mandates[1].start » (Début) : « 2024-13-45 » n'est pas une date (AAAA-MM-JJ)." in errors
    )


def test_taken_site_id_is_refused(demo):
    errors = errors_of(demo, taken_ids=["valmont", "autreville"])
    assert errors == ["« site_id » : un site « valmont » existe déjà dans cette instance."]


def test_unreadable_files(tmp_path):
    with pytest.raises(ProfileError, match="introuvable"):
        load_profile(tmp_path / "absent.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json", encoding="utf-8")
    with pytest.raises(ProfileError, match="pas du JSON valide"):
        load_profile(bad)
    listing = tmp_path / "list.json"
    listing.write_text("[]", encoding="utf-8")
    with pytest.raises(ProfileError, match="objet JSON"):
        load_profile(listing)
