"""What the plugin host reads of an entry point (`entry_points.py`): a value written as one is
loaded (tests/test_plugins_entry_points.py), and a plugin's Python files are what can be known
of them."""

from __future__ import annotations

import types
from pathlib import Path
from typing import Any

import pytest

from selfreview_core import entry_points
from selfreview_core.errors import Refused
from test_engine import _EntryPoint


def test_a_plugins_python_files_are_what_can_be_known_of_them(tmp_path: Path) -> None:
    """`PluginHost.code_files`, through `entry_points.python_files` (`-o` never over one): a
    module whose folder cannot be read (a zip file's) is still its own file; one with no
    file, nothing; a distribution whose files cannot be listed, none of them, and no error."""
    alone = str(tmp_path / "archive.zip" / "kit.py")
    assert entry_points._beside(alone) == [alone]
    assert entry_points._beside(None) == []
    (tmp_path / "kit.py").write_text("", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("", encoding="utf-8")
    beside = entry_points._beside(str(tmp_path / "kit.py"))
    assert beside[0] == str(tmp_path / "kit.py")
    assert sorted(beside[1:]) == [str(tmp_path / "kit.py")]
    broken: Any = _EntryPoint("kit", "kit")
    broken.dist = types.SimpleNamespace(version="1", files=[object()])
    assert entry_points._listed(broken) == []
    broken.dist = None
    assert entry_points._listed(broken) == []


class _Loading:
    """An entry point as `importlib.metadata` gives it: a value, and what `load` does."""

    def __init__(self, value: object, loads: object = None, error: Exception | None = None):
        self.value, self._loads, self._error = value, loads, error

    def load(self) -> object:
        if self._error is not None:
            raise self._error
        return self._loads


def test_what_loads_is_the_plugin_however_its_value_is_written() -> None:
    """A value Python's pattern would refuse (a hyphen, a character outside Python's names)
    that loads all the same, as an entry point a tool or a test makes: the plugin."""
    plugin = types.ModuleType("advice")
    assert entry_points.load(_Loading("raw-exporter_module", plugin)) is plugin  # type: ignore[arg-type]


def test_a_well_written_value_that_fails_to_load_fails_with_its_own_error() -> None:
    """`pkg:missing` names an attribute the module lacks: Python's error, which names it,
    not "an entry point is written ...", which would send its author to the wrong place."""
    missing = AttributeError("module 'pkg' has no attribute 'missing'")
    with pytest.raises(AttributeError) as raised:
        entry_points.load(_Loading("pkg:missing", error=missing))  # type: ignore[arg-type]
    assert raised.value is missing
    with pytest.raises(Refused, match="failed to load from `pkg main`: an entry point is written"):
        entry_points.load(_Loading("pkg main", error=AttributeError("'NoneType' ...")))  # type: ignore[arg-type]


_SPY = """
SEEN = []


class _Spy:
    def new_schema_validator(self, schema, schema_type, path, kind, config, settings):
        SEEN.append(getattr(schema_type, "__name__", None))
        return None, None, None


plugin = _Spy()
"""


def _pydantic_plugin(
    monkeypatch: pytest.MonkeyPatch, folder: Path, module: str, code: str
) -> list[int]:
    """A distribution installed in `folder` whose entry point in pydantic's group names
    `module` (written as `code`), pydantic's loader as if no validator were built yet; and
    how many scans of every distribution's metadata are made from now (`distributions`)."""
    from importlib import metadata

    import pydantic.plugin._loader as loader

    (folder / f"{module}.py").write_text(code, encoding="utf-8")
    info = folder / f"{module}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[pydantic]\nspy = {module}:plugin\n")
    monkeypatch.syspath_prepend(str(folder))
    monkeypatch.setattr(loader, "_plugins", None)
    scans = [0]
    every = metadata.distributions

    def distributions(**given: Any) -> Any:
        scans[0] += 1
        return every(**given)

    monkeypatch.setattr(metadata, "distributions", distributions)
    return scans


def test_pydantics_plugins_are_loaded_from_the_engines_own_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pydantic scans every installed distribution's metadata for its own plugins as it
    builds its first validator; the engine has just scanned the same metadata for ours
    (`entry_points.installed`). One scan serves both (round 74: 17 M instructions of every
    command's start-up; two before), and a pydantic plugin a user installs still sees every
    validator built after."""
    import sys

    from pydantic import BaseModel

    from selfreview_core.engine import Engine

    scans = _pydantic_plugin(monkeypatch, tmp_path, "selfreview_spy_one", _SPY)
    engine = Engine()
    assert "lea-support" in {info.name for info in engine.plugins()}

    class Probe(BaseModel):
        x: int

    assert Probe.model_validate({"x": 1}).x == 1
    assert sys.modules["selfreview_spy_one"].SEEN == ["Probe"]
    assert scans == [1]
    assert not [p for p in engine.problems if "spy" in p.message]


def test_a_pydantic_plugin_that_fails_to_import_is_pydantics_to_tell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pydantic plugin whose module raises as it is imported: the engine is built with
    every plugin of ours, with no problem of its own, and pydantic raises the error where it
    did before the scan was shared, as it builds its first validator."""
    from pydantic import BaseModel

    from selfreview_core.engine import Engine

    code = "raise RuntimeError('a broken pydantic plugin')\n"
    _pydantic_plugin(monkeypatch, tmp_path, "selfreview_spy_two", code)
    engine = Engine()
    assert "lea-support" in {info.name for info in engine.plugins()}
    assert not [p for p in engine.problems if p.severity == "error"]
    with pytest.raises(RuntimeError, match="a broken pydantic plugin"):

        class Probe(BaseModel):
            x: int
