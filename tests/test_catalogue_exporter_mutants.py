"""An exporter asked of an engine by a name none has (`Catalogue.exporter`, which
`Engine.export` asks first), what no test held (round 68's pass over `catalogue.py`): a
library's caller is told, as `SelfReviewError` and never `KeyError`, which name is
unknown, with the closest name when one is close and every name when none is."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfreview_core import Engine, load_assessment
from selfreview_core.errors import SelfReviewError, UnknownIdError

#: The built-in formats, in the order every list of them gives.
_BUILT_IN = "table, json, csv, markdown, html, summary"


@pytest.mark.parametrize(
    ("name", "told", "hint"),
    [
        ("jsn", "no exporter `jsn`", "did you mean `json`?"),
        ("zzzzzz", "no exporter `zzzzzz`", f"choose from {_BUILT_IN}"),
        ("", "no exporter has an empty name", f"choose from {_BUILT_IN}"),
    ],
)
def test_an_unknown_exporter_is_refused_with_the_closest_name_or_every_one(
    name: str, told: str, hint: str
) -> None:
    engine = Engine(entry_points=False)
    with pytest.raises(UnknownIdError) as caught:
        engine.exporter(name)
    assert str(caught.value) == f"{told} ({hint})"
    (only,) = caught.value.diagnostics
    assert (only.message, only.hint, only.code) == (told, hint, "unknown-exporter")
    assert list(engine.exporters()) == _BUILT_IN.split(", ")  # nothing lost by asking


def test_exporting_in_an_unknown_format_is_refused_with_the_name_meant(root: Path) -> None:
    engine = Engine(entry_points=False)
    report = engine.report(load_assessment(root / "examples" / "example-primary-2026.yaml"))
    with pytest.raises(SelfReviewError) as caught:
        engine.export(report, "jsn")
    assert str(caught.value) == "no exporter `jsn` (did you mean `json`?)"
    assert caught.value.first.code == "unknown-exporter"
    assert isinstance(engine.export(report, "json"), str)  # the engine still exports
