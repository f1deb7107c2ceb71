"""One source of version truth: constraints.txt; versions.cfg is generated from it."""

from pathlib import Path

import importlib.util
import re


ROOT = Path(__file__).parents[2]


def _generator():
    spec = importlib.util.spec_from_file_location(
        "make_versions_cfg", ROOT / "scripts" / "make_versions_cfg.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pins(text, pattern):
    return {
        re.sub(r"[-_.]+", "-", name).lower(): version
        for name, version in re.findall(pattern, text, re.M)
    }


def test_versions_cfg_is_generated_from_constraints():
    constraints = (ROOT / "constraints.txt").read_text(encoding="utf-8")
    expected = _generator().render_versions_cfg(constraints)
    assert (ROOT / "versions.cfg").read_text(encoding="utf-8") == expected


def test_both_files_pin_the_same_versions():
    constraints = pins((ROOT / "constraints.txt").read_text(), r"^([A-Za-z0-9_.-]+)==(\S+)")
    versions = pins((ROOT / "versions.cfg").read_text(), r"^([A-Za-z0-9_.-]+)\s*=\s*(\S+)")
    assert constraints == versions
    assert constraints["products-cmfplone"] == "6.2.2"
    assert constraints["plone-restapi"] == "10.0.4"


def test_every_installed_distribution_is_pinned():
    from importlib.metadata import distributions

    constraints = pins((ROOT / "constraints.txt").read_text(), r"^([A-Za-z0-9_.-]+)==(\S+)")
    import sysconfig

    site_packages = Path(sysconfig.get_paths()["purelib"])
    installed = {
        re.sub(r"[-_.]+", "-", dist.metadata["Name"]).lower(): dist.version
        for dist in distributions(path=[str(site_packages)])
    }
    unpinned = sorted(
        name for name in installed if name not in constraints and name != "communesplone"
    )
    assert unpinned == []
    wrong = {
        name: (version, constraints[name])
        for name, version in installed.items()
        if name in constraints and constraints[name] != version
    }
    assert wrong == {}
