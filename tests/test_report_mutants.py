"""Report behaviours the round-37 mutation pass over `report.py` found unpinned: the JSON
exporter's layout (two spaces an indent, as `selfreview report --format json` writes it),
and a report read back only with the framework its JSON names."""

from __future__ import annotations

import json

import pytest

from selfreview_core import Assessment, Engine, Framework, Report, SelfReviewError
from selfreview_core.report import read_report


def _report(framework: Framework, assessment: Assessment) -> Report:
    return Engine(entry_points=False, frameworks=[framework]).report(
        assessment, framework=framework
    )


def test_the_json_export_is_indented_by_two_spaces(
    small_framework: Framework, assessment: Assessment
) -> None:
    """What `--format json` writes: `json.dumps`'s layout at `indent=2` (SPEC's report
    JSON, read by people and diffed between runs), each key on its own line."""
    report = _report(small_framework, assessment)
    text = Engine(entry_points=False, frameworks=[small_framework]).export(report, "json")
    assert isinstance(text, str)
    assert text.endswith("}\n")
    lines = text.splitlines()
    assert lines[:3] == ["{", '  "framework": {', f'    "id": "{small_framework.id}",']
    depths = {len(line) - len(line.lstrip(" ")) for line in lines}
    assert all(depth % 2 == 0 for depth in depths)
    assert json.loads(text)["framework"]["version"] == small_framework.version


@pytest.mark.parametrize("found", ["none", "another version"])
def test_a_report_read_back_refuses_a_framework_other_than_the_one_it_names(
    small_framework: Framework, assessment: Assessment, found: str
) -> None:
    """The lookup gives nothing, or a framework of another `id@version`: the report is
    refused as of an unknown framework, never read against the wrong framework's ids."""
    text = Engine(entry_points=False, frameworks=[small_framework]).export(
        _report(small_framework, assessment), "json"
    )
    assert isinstance(text, str)
    other = small_framework.model_copy(update={"version": f"{small_framework.version}.1"})
    lookup = {"none": None, "another version": other}[found]
    with pytest.raises(SelfReviewError, match=r"framework small@1 is not known") as raised:
        read_report(text, lambda ref: lookup)
    assert [d.code for d in raised.value.diagnostics] == ["unknown-framework"]
    assert read_report(text, {small_framework.ref: small_framework}.get).framework is (
        small_framework
    )
