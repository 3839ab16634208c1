"""What an `Exporter` (exporters/base.py) promises that round 45's pass over it found no
test pinning: it is frozen, so what the engine checked when it collected a format (a name
`--format` takes, an extension that can end a file name) stays what it checked."""

from __future__ import annotations

import dataclasses

import pytest

from selfreview_core import Engine, Exporter


def _render(report: object) -> str:
    return "x"


def test_an_exporter_cannot_be_changed_after_the_engine_checked_it() -> None:
    engine = Engine(entry_points=False)
    html = engine.exporter("html")
    with pytest.raises(dataclasses.FrozenInstanceError):
        html.extension = "../../outside"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        engine.exporters()["json"].render = _render  # type: ignore[misc]
    assert engine.exporter("html").extension == ".html"
    assert engine.exporter("json").render is not _render


def test_equal_exporters_are_one_member_of_a_set() -> None:
    """Frozen, an exporter can be a key or a set member, equal by its four fields."""
    one = Exporter("mine", ".mine", "text/plain", _render)
    again = Exporter("mine", ".mine", "text/plain", _render)
    assert {one, again} == {one}
    assert {one: "kept"}[again] == "kept"
    assert Exporter("mine", ".other", "text/plain", _render) not in {one}
