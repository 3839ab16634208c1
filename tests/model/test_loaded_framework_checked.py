"""A framework the loader made is checked once: by the loader, on the file's data.

`load_framework` (and a bundled framework read from its JSON twin) validates with
`SKIP_CHECKS` and runs the framework's checks on the file's data instead, so that each
problem is located in the file. Before round 76 the framework was not noted as checked, and
its first use (`Engine(frameworks=[...])`, an assessment loaded against it) dumped it and
validated it whole again, checks and all. Noted now (`framework.checked_on_loading`); one
changed after loading is checked again, as any checked framework is.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings

from scaled import scaled
from selfreview_core import Engine, Framework, load_assessment, load_framework
from selfreview_core.dump import dump_yaml
from selfreview_core.errors import InvalidDocument
from selfreview_core.model.framework import Element
from selfreview_core.testing import frameworks, question_frameworks

ROOT = Path(__file__).resolve().parents[2]
BECTA = ROOT / "frameworks" / "becta-srf.yaml"
EXAMPLE = ROOT / "examples" / "example-primary-2025.yaml"


@pytest.fixture
def checks_made(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The data each `Framework._check` run from now on checked."""
    made: list[object] = []

    def findings(data: object) -> list[object]:
        made.append(data)
        return []

    monkeypatch.setattr("selfreview_core.model.framework.framework_findings", findings)
    return made


def test_a_loaded_framework_is_not_checked_again_where_it_is_used(
    checks_made: list[object],
) -> None:
    loaded = load_framework(BECTA)
    assert loaded.is_checked()
    engine = Engine(frameworks=[loaded])
    assert engine.framework("becta-srf") is loaded
    assessment = load_assessment(EXAMPLE, loaded)
    assert engine.report(assessment, framework=loaded).framework is loaded
    assert checks_made == []


def test_the_bundled_framework_read_from_its_twin_is_not_checked_again(
    checks_made: list[object],
) -> None:
    engine = Engine()
    bundled = engine.framework("becta-srf")
    assert bundled.is_checked()
    engine.report(load_assessment(EXAMPLE, bundled))
    assert checks_made == []


def test_a_loaded_framework_changed_after_loading_is_checked_again_and_refused() -> None:
    loaded = load_framework(BECTA)
    first = loaded.elements[0]
    twice = Element(id=first.id, title=first.title, aspects=first.aspects)
    object.__setattr__(loaded, "elements", (first, twice))
    assert not loaded.is_checked()
    with pytest.raises(InvalidDocument) as refused:
        Engine(frameworks=[loaded])
    [said] = [d.message for d in refused.value.diagnostics]
    assert said.startswith(
        "Value error, elements[1].id: duplicate id `1`: already used by the element at elements[0]"
    )
    assert said.endswith(" (in a framework built without validation?)")
    with pytest.raises(InvalidDocument):
        load_assessment(EXAMPLE, loaded)


@settings(max_examples=scaled(60), deadline=None)
@given(frameworks() | question_frameworks())
def test_what_the_loader_accepts_validation_with_its_checks_accepts_the_same(
    framework: Framework,
) -> None:
    """Why the loader's check may stand for `_check`: a framework of either scale
    direction, written and loaded, passes the whole validation too, to an equal framework."""
    loaded = load_framework("f.yaml", text=dump_yaml(framework))
    assert loaded.is_checked()
    again = Framework.model_validate(loaded.model_dump(by_alias=True, round_trip=True))
    assert again == loaded == framework
