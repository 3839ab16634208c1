"""Pins of `entry_points.installed`'s shared scan that sweep75's mutation pass found untested:
pydantic's loader is handed the engine's scan only when it is the loader that scan was
written against (pydantic 2's `_plugins`, `_loading_plugins` and `entry_points`); any other
is left to its own scan, as before round 74."""

from __future__ import annotations

from importlib import metadata
from typing import Any

import pytest

from selfreview_core import entry_points


def _asked(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Pydantic's loader as if no validator were built yet, its `get_plugins` a stand-in
    recording the `entry_points` it would scan with (the loader's, as it is called)."""
    import pydantic.plugin._loader as loader

    monkeypatch.setattr(loader, "_plugins", None)
    monkeypatch.setattr(loader, "_loading_plugins", False)
    asked: list[object] = []

    def get_plugins() -> tuple[()]:
        asked.append(loader.entry_points)  # type: ignore[attr-defined]
        return ()

    monkeypatch.setattr(loader, "get_plugins", get_plugins)
    return asked


def test_pydantics_loader_as_written_against_is_handed_the_one_scan(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The contrast of the two below: the loader they change is asked once, scanning with
    the engine's scan, and given its own `entry_points` back."""
    import pydantic.plugin._loader as loader

    asked = _asked(monkeypatch)
    list(entry_points.installed("selfreview_core", metadata.entry_points))
    assert len(asked) == 1
    assert asked[0] is not metadata.entry_points
    assert loader.entry_points is metadata.entry_points  # type: ignore[attr-defined]


def test_a_loader_scanning_otherwise_is_left_to_its_own_scan(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A pydantic whose loader reads entry points through something else (another version,
    a backport): not asked, and its own reader kept, not replaced by importlib's."""
    import pydantic.plugin._loader as loader

    asked = _asked(monkeypatch)

    def its_own(**given: Any) -> Any:
        raise AssertionError("the engine's scan is never made through the loader's own")

    monkeypatch.setattr(loader, "entry_points", its_own)
    list(entry_points.installed("selfreview_core", metadata.entry_points))
    assert asked == []
    assert loader.entry_points is its_own  # type: ignore[attr-defined]
    assert loader._plugins is None  # its own scan, at its first validator, loads them


def test_a_loader_with_no_loading_flag_is_left_to_its_own_scan(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A loader with no `_loading_plugins` cannot say it is not loading already (a plugin
    that builds an engine): it is not asked."""
    import pydantic.plugin._loader as loader

    asked = _asked(monkeypatch)
    monkeypatch.delattr(loader, "_loading_plugins")
    list(entry_points.installed("selfreview_core", metadata.entry_points))
    assert asked == []
    assert loader.entry_points is metadata.entry_points  # type: ignore[attr-defined]
