"""`selfreview report` and `selfreview plugins`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core import Report
from selfreview_core.cli import cli
from test_engine import _EntryPoint

NEW = "examples/example-primary-2026.yaml"
OLD = "examples/example-primary-2025.yaml"


@pytest.fixture(autouse=True)
def _in_repo(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)


@pytest.fixture
def no_entry_points(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the built-in plugins, whatever is installed in this environment."""
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [])


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def pack(tmp_path: Path, body: str) -> str:
    path = tmp_path / "pack.yaml"
    path.write_text("kind: rules\nid: my-pack\nframework: becta-srf\nrules:\n" + body)
    return str(path)


INVOLVE_SLT = """\
  - id: involve-slt
    when: {strand: 1b1, level: [4, 5]}
    recommend:
      title: Bring ICT leadership into the senior leadership team
      action: Make the strategic leadership of ICT part of the senior team's remit.
      priority: high
"""


@pytest.mark.usefixtures("no_entry_points")
def test_report_shows_the_profile_and_explained_recommendations(tmp_path: Path) -> None:
    result = run("report", NEW, "--rules", pack(tmp_path, INVOLVE_SLT))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Example Primary School (100000)" in out
    assert "1b1       Strategic leadership of ICT" in out
    first = out.index("1. [high] Bring ICT leadership into the senior leadership team (1b1)")
    assert "Why: 1b1 is at level 4; the rule fires when 1b1 is at level 4 or 5" in out[first:]
    assert "From: my-pack" in out
    assert "[low] Next step for 1a1 The vision: level 2" in out


@pytest.mark.usefixtures("no_entry_points")
def test_report_json_has_the_contracts_keys_and_the_comparison() -> None:
    result = run("report", NEW, "--previous", OLD, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"framework", "assessment", "profile", "recommendations", "problems"} <= set(data)
    assert data["comparison"]["days"] == 364
    assert "1a1" in data["comparison"]["improved"]
    report = Report.model_validate(data)
    assert report.previous is not None
    assert report.previous.assessed_on.year == 2025


@pytest.mark.usefixtures("no_entry_points")
def test_report_disable_removes_a_plugins_recommendations() -> None:
    result = run("report", NEW, "--disable", "next-steps", "--format", "json")
    assert json.loads(result.output)["recommendations"] == []


@pytest.mark.usefixtures("no_entry_points")
def test_report_writes_a_file_in_the_format_its_extension_names(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    result = run("report", NEW, "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert json.loads(target.read_text())["assessment"]["school"]["id"] == "100000"
    result = run("report", NEW, "-o", str(tmp_path / "report.xyz"))
    assert result.exit_code == 2
    assert "cannot tell the format from `.xyz`" in result.output
    assert not (tmp_path / "report.xyz").exists()


@pytest.mark.usefixtures("no_entry_points")
def test_report_unknown_format_is_a_usage_error() -> None:
    result = run("report", NEW, "--format", "jsn")
    assert result.exit_code == 2
    assert "no exporter `jsn` (did you mean `json`?)" in result.output


@pytest.mark.usefixtures("no_entry_points")
def test_report_with_a_bad_rule_pack_exits_1_with_located_errors(tmp_path: Path) -> None:
    path = pack(tmp_path, INVOLVE_SLT.replace("1b1", "1b9"))
    result = run("report", NEW, "--rules", path)
    assert result.exit_code == 1
    assert f"{path}:6:20: error: rules[0].when.strand: `1b9` is not a strand" in result.output


@pytest.mark.usefixtures("no_entry_points")
def test_report_of_a_bad_assessment_or_another_school_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(Path(NEW).read_text().replace("level: 3", "level: 8", 1))
    result = run("report", str(bad))
    assert result.exit_code == 1
    assert "level 8 is outside the scale" in result.output
    other = tmp_path / "other.yaml"
    other.write_text(Path(OLD).read_text().replace('id: "100000"', 'id: "200000"'))
    result = run("report", NEW, "--previous", str(other))
    assert result.exit_code == 1
    assert "different schools (200000 and 100000)" in result.output


def test_report_strict_turns_plugin_problems_into_exit_1(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = _EntryPoint("broken", "broken_plugin", error=ImportError("No module named 'x'"))
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [broken])
    result = run("report", NEW)
    assert result.exit_code == 0
    assert "plugin broken: failed to load from `broken_plugin`" in result.stderr
    assert "Recommendations (" in result.stdout  # the rest of the report stands
    assert run("report", NEW, "--strict").exit_code == 1


def test_report_framework_option_takes_a_framework_file(
    tmp_path: Path, data: Path, no_entry_points: None
) -> None:
    framework = data / "good" / "tiny-framework.yaml"
    assessment = data / "good" / "tiny-assessment.yaml"
    result = run("report", str(assessment), "--framework", str(framework), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["framework"]["id"] == "tiny"


@pytest.mark.usefixtures("no_entry_points")
def test_plugins_lists_the_built_ins_with_their_hooks() -> None:
    result = run("plugins")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert any(ln.split()[:3] == ["next-steps", "-", "selfreview_recommend"] for ln in lines)
    data = json.loads(run("plugins", "--format", "json").output)
    assert {p["name"]: p["origin"] for p in data["plugins"]} == {
        "bundled-frameworks": "built-in",
        "next-steps": "built-in",
        "standard-exporters": "built-in",
    }
