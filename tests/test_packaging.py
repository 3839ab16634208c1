"""The wheels and the sdist: typed, with their data, entry points, licence and metadata;
the core finds its frameworks from any working directory; scripts/build_wheels.sh works."""

from __future__ import annotations

import email.parser
import os
import subprocess
import sys
import tarfile
import zipfile
from email.message import Message
from pathlib import Path

import pytest
from hatchling.builders.sdist import SdistBuilder
from hatchling.builders.wheel import WheelBuilder

from program import decoded, python, selfreview

ROOT = Path(__file__).resolve().parents[1]


def test_an_installed_wheel_finds_its_frameworks(tmp_path: Path) -> None:
    """A plain (not editable) install, run from another directory, finds becta-srf."""
    wheel = next(
        iter(WheelBuilder(str(ROOT)).build(directory=str(tmp_path / "dist"), versions=["standard"]))
    )
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert "selfreview_core/frameworks/becta-srf.yaml" in names
        assert "selfreview_core/py.typed" in names
        site = tmp_path / "site"
        archive.extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    code = (
        "import selfreview_core, sys\n"
        "from selfreview_core.default_plugins.bundled_frameworks import frameworks_dir\n"
        "print(selfreview_core.__file__); print(frameworks_dir())"
    )
    done = decoded(python(["-c", code], cwd=elsewhere, env=env))
    assert done.returncode == 0, done.stderr
    located = done.stdout.splitlines()
    assert all(line.startswith(str(site)) for line in located), located
    done = decoded(selfreview(["frameworks"], cwd=elsewhere, env=env))
    assert done.returncode == 0, done.stderr
    assert "becta-srf" in done.stdout


# -- every package's metadata, licence and contents (issue 16) -------------------------------

#: Each distribution: its folder, its import package and what its wheel must carry.
PACKAGES = {
    "selfreview-core": (
        ROOT,
        "selfreview_core",
        ("py.typed", "frameworks/becta-srf.yaml", "frameworks/becta-srf.yaml.twin"),
    ),
    "selfreview-becta-leadership": (
        ROOT / "plugins" / "becta-leadership",
        "selfreview_becta_leadership",
        ("py.typed", "becta-leadership.yaml", "becta-leadership.yaml.twin"),
    ),
    "selfreview-lea-support": (
        ROOT / "plugins" / "lea-support",
        "selfreview_lea_support",
        ("py.typed",),
    ),
    "selfreview-parental-engagement": (
        ROOT / "plugins" / "parental-engagement",
        "selfreview_parental_engagement",
        ("py.typed", "parental-engagement.yaml", "parental-engagement.yaml.twin"),
    ),
}
ENTRY_POINTS = {
    "selfreview-core": "[console_scripts]\nselfreview = selfreview_core._launch:main",
    "selfreview-becta-leadership": "[selfreview]\nbecta-leadership = selfreview_becta_leadership",
    "selfreview-lea-support": "[selfreview]\nlea-support = selfreview_lea_support",
    "selfreview-parental-engagement": (
        "[selfreview]\nparental-engagement = selfreview_parental_engagement"
    ),
}
PYTHONS = ("3.11", "3.12", "3.13")


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """Each package's wheel, built as pip would: every member's name mapped to its text
    (or `""` for a binary member, of which there are none)."""
    built = {}
    for name, (folder, _, _) in PACKAGES.items():
        out = tmp_path_factory.mktemp(name)
        [wheel] = WheelBuilder(str(folder)).build(directory=str(out), versions=["standard"])
        with zipfile.ZipFile(wheel) as archive:
            built[name] = {
                n: archive.read(n).decode("utf-8", "replace") for n in archive.namelist()
            }
    return built


def _metadata(members: dict[str, str]) -> Message:
    [name] = [n for n in members if n.endswith(".dist-info/METADATA")]
    return email.parser.Parser().parsestr(members[name])


@pytest.mark.parametrize("name", PACKAGES)
def test_each_wheel_carries_its_package_data_and_its_entry_point(
    name: str, wheels: dict[str, dict[str, str]]
) -> None:
    _, package, data = PACKAGES[name]
    members = wheels[name]
    for file in data:
        assert f"{package}/{file}" in members, file
    assert f"{package}/__init__.py" in members
    [points] = [n for n in members if n.endswith(".dist-info/entry_points.txt")]
    assert members[points].strip() == ENTRY_POINTS[name]
    assert not [n for n in members if "__pycache__" in n or n.endswith(".pyc")]


@pytest.mark.parametrize("name", PACKAGES)
def test_each_wheel_is_mit_licensed_with_the_licence_and_notice_inside(
    name: str, wheels: dict[str, dict[str, str]]
) -> None:
    """PEP 639: the SPDX expression, and the licence files shipped; no `License ::`
    classifier beside the expression (deprecated, and refused by some build tools)."""
    members = wheels[name]
    metadata = _metadata(members)
    assert metadata["License-Expression"] == "MIT"
    assert sorted(metadata.get_all("License-File") or []) == ["LICENSE", "NOTICE"]
    [licence] = [n for n in members if n.endswith(".dist-info/licenses/LICENSE")]
    assert members[licence].startswith(
        "MIT License\n\nCopyright (c) 2026 selfreview_core developers\n"
    )
    assert members[licence] == (ROOT / "LICENSE").read_text(encoding="utf-8")
    [notice] = [n for n in members if n.endswith(".dist-info/licenses/NOTICE")]
    assert "The MIT licence in LICENSE covers this" in members[notice]
    assert not [c for c in metadata.get_all("Classifier") or [] if c.startswith("License ::")]


@pytest.mark.parametrize("name", PACKAGES)
def test_each_wheel_names_the_pythons_it_supports(
    name: str, wheels: dict[str, dict[str, str]]
) -> None:
    metadata = _metadata(wheels[name])
    assert metadata["Requires-Python"] == ">=3.11"
    classifiers = set(metadata.get_all("Classifier") or [])
    assert {f"Programming Language :: Python :: {v}" for v in PYTHONS} <= classifiers
    expected = {
        "Development Status :: 4 - Beta",
        "Environment :: Console",
        "Operating System :: OS Independent",
        "Intended Audience :: Education",
        "Typing :: Typed",
    }
    assert expected <= classifiers
    assert {c.split(" :: ")[0] for c in classifiers} >= {"Topic"}
    versions = {c.rsplit(" :: ", 1)[1] for c in classifiers if c.count(".") == 1 and "Python" in c}
    assert versions == set(PYTHONS)  # no Python named that requires-python excludes


def test_the_classifiers_are_real_trove_classifiers(wheels: dict[str, dict[str, str]]) -> None:
    """PyPI refuses an upload naming a classifier it does not know."""
    from trove_classifiers import classifiers as known

    for name, members in wheels.items():
        assert set(_metadata(members).get_all("Classifier") or []) <= known, name


def test_the_sdist_carries_licence_notice_changelog_and_framework(tmp_path: Path) -> None:
    [sdist] = SdistBuilder(str(ROOT)).build(directory=str(tmp_path), versions=["standard"])
    with tarfile.open(sdist) as archive:
        names = {n.split("/", 1)[1] for n in archive.getnames() if "/" in n}
    for file in ("LICENSE", "NOTICE", "CHANGELOG.md", "README.md", "frameworks/becta-srf.yaml"):
        assert file in names, file
    for plugin in ("becta-leadership", "lea-support", "parental-engagement"):
        assert f"plugins/{plugin}/LICENSE" in names
        assert f"plugins/{plugin}/NOTICE" in names


@pytest.mark.slow
def test_the_build_script_builds_and_checks_every_wheel_and_sdist(tmp_path: Path) -> None:
    """scripts/build_wheels.sh, offline (`--no-isolation`: the hatchling installed here);
    `twine check --strict` passes on all eight files. Needs the release extra."""
    pytest.importorskip("build", reason="needs the release extra: pip install -e '.[release]'")
    pytest.importorskip("twine", reason="needs the release extra: pip install -e '.[release]'")
    out = tmp_path / "dist"
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "build_wheels.sh"), "--outdir", str(out), "--no-isolation"],
        env={**os.environ, "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    built = sorted(p.name for p in out.iterdir())
    expected = sorted(
        f"{name.replace('-', '_')}-0.1.0{suffix}"
        for name in PACKAGES
        for suffix in ("-py3-none-any.whl", ".tar.gz")
    )
    assert built == expected
    assert done.stdout.count("PASSED") == 8
