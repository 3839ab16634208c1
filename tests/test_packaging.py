"""The wheel: typed, with its frameworks inside, found from any working directory."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from hatchling.builders.wheel import WheelBuilder

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
    located = subprocess.run(
        [sys.executable, "-c", code],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert all(line.startswith(str(site)) for line in located), located
    listed = subprocess.run(
        [sys.executable, "-m", "selfreview_core", "frameworks"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "becta-srf" in listed
