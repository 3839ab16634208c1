"""Round trips and mutations over generated frameworks of any size, id style and direction."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import (
    Assessment,
    Engine,
    Framework,
    InvalidDocument,
    Report,
    load_assessment,
    load_framework,
    load_plan,
    plan_from_report,
)
from selfreview_core.dump import dump_json, dump_yaml, to_data
from selfreview_core.testing import (
    assessment_pairs,
    assessments,
    framework_and_assessment,
    frameworks,
)

#: Each test draws many generated frameworks or files: seconds, not milliseconds.
pytestmark = pytest.mark.slow

Draw = Callable[[st.SearchStrategy[Any]], Any]
#: Each example writes and reads a whole generated framework: 50 examples in CI.
examples = settings(max_examples=scaled(50))


@examples
@given(frameworks())
def test_roundtrip_framework_yaml(framework: Framework) -> None:
    """dump -> load gives back an equal framework, whatever its scale runs."""
    assert load_framework("f.yaml", text=dump_yaml(framework)) == framework


@examples
@given(frameworks())
def test_roundtrip_framework_json(framework: Framework) -> None:
    assert load_framework("f.json", text=dump_json(framework)) == framework


@examples
@given(framework_and_assessment())
def test_roundtrip_assessment_yaml(pair: tuple[Framework, Any]) -> None:
    """Generated assessments validate against their framework and survive a round trip."""
    framework, assessment = pair
    assert load_assessment("a.yaml", framework, text=dump_yaml(assessment)) == assessment
    assert load_assessment("a.json", framework, text=dump_json(assessment)) == assessment


@examples
@given(frameworks().flatmap(lambda f: st.tuples(st.just(f), assessment_pairs(f))))
def test_roundtrip_report_and_plan(pair: tuple[Framework, tuple[Assessment, Assessment]]) -> None:
    """A report (profile, comparison, advice) comes back equal from its JSON, and the plan
    made from it from its YAML, on either scale direction: what a program stores it reads
    back the same."""
    framework, (old, new) = pair
    engine = Engine(entry_points=False, frameworks=[framework])
    report = engine.report(new, previous=old, framework=framework)
    assert report.comparison is not None
    assert Report.model_validate_json(report.model_dump_json()) == report
    plan = plan_from_report(report, today=dt.date(2026, 1, 5))
    assert load_plan("plan.yaml", framework, text=dump_yaml(plan)) == plan
    assert load_plan("plan.json", framework, text=dump_json(plan)) == plan


@examples
@given(frameworks().flatmap(lambda f: st.tuples(st.just(f), assessments(f, complete=True))))
def test_complete_assessments_judge_every_strand(pair: tuple[Framework, Any]) -> None:
    framework, assessment = pair
    assert list(assessment.judgements) == list(framework.strand_ids)


# -- single-point mutations -------------------------------------------------------------------


def _strands(data: dict[str, Any]) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
    return [
        (("elements", e, "aspects", a, "strands", s), strand)
        for e, element in enumerate(data["elements"])
        for a, aspect in enumerate(element["aspects"])
        for s, strand in enumerate(aspect["strands"])
    ]


def _at(path: tuple[Any, ...]) -> str:
    return f"elements[{path[1]}].aspects[{path[3]}].strands[{path[5]}]"


def _drop_level(data: dict[str, Any], draw: Draw) -> set[str]:
    path, strand = draw(st.sampled_from(_strands(data)))
    level = draw(st.sampled_from(sorted(strand["levels"])))
    del strand["levels"][level]
    return {f"{_at(path)}.levels"}


def _duplicate_id(data: dict[str, Any], draw: Draw) -> set[str]:
    """Give a strand the id of another strand or of the first element.

    The duplicate is reported where it occurs second, which may be the other node.
    """
    strands = _strands(data)
    path, strand = draw(st.sampled_from(strands))
    others = [("elements[0].id", data["elements"][0]["id"])] + [
        (f"{_at(p)}.id", s["id"]) for p, s in strands if s is not strand
    ]
    other_path, strand["id"] = draw(st.sampled_from(others))
    return {f"{_at(path)}.id", other_path}


def _rename_key(data: dict[str, Any], draw: Draw) -> set[str]:
    path, strand = draw(st.sampled_from(_strands(data)))
    key = draw(st.sampled_from(["id", "title", "levels"]))
    strand[key + "x"] = strand.pop(key)
    return {f"{_at(path)}.{key}x"}


def _level_outside(data: dict[str, Any], draw: Draw) -> set[str]:
    path, strand = draw(st.sampled_from(_strands(data)))
    best, worst = data["scale"]["best"], data["scale"]["worst"]
    outside = draw(st.sampled_from([max(best, worst) + 1, min(best, worst) - 1]))
    strand["levels"][outside] = "Off the scale."
    # Named as written: a YAML level key is a number (`levels[6]`), a JSON one is text
    # (`levels.6`, or `levels["-6"]` where it needs quotes, as validation names a text key).
    text = f".{outside}" if outside >= 0 else f'["{outside}"]'
    return {f"{_at(path)}.levels[{outside}]", f"{_at(path)}.levels{text}"}


MUTATIONS = {
    "drop a level": _drop_level,
    "duplicate an id": _duplicate_id,
    "rename a key": _rename_key,
    "add a level outside the scale": _level_outside,
}


@pytest.mark.parametrize("mutation", MUTATIONS)
@examples
@given(framework=frameworks(), data=st.data(), syntax=st.sampled_from(["yaml", "json"]))
def test_every_single_point_mutation_is_rejected_with_a_location(
    mutation: str, framework: Framework, data: st.DataObject, syntax: str
) -> None:
    document = copy.deepcopy(to_data(framework))
    expected_paths = MUTATIONS[mutation](document, data.draw)
    if syntax == "yaml":
        text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    else:
        text = json.dumps(document, ensure_ascii=False, indent=1)
    with pytest.raises(InvalidDocument) as raised:
        load_framework(f"mutated.{syntax}", text=text)
    diagnostics = raised.value.diagnostics
    assert any(d.path in expected_paths for d in diagnostics), [str(d) for d in diagnostics]
    assert all(d.line is not None and d.column is not None for d in diagnostics)
