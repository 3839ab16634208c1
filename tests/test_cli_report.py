"""`selfreview report` and `selfreview plugins`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core import Engine, Report, load_assessment
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
    assert "--previous is a review of school 200000, ASSESSMENT of school 100000" in result.output


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


# -- --previous: checked, located, and advice the command line can follow (issue 13) ------


def line_of(path: Path, key: str) -> int:
    """The 1-based line on which a top-level key (or `  id:` under school) starts."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.lstrip().startswith(key))


def dated(tmp_path: Path, name: str, on: str, *, school: str = "100000") -> Path:
    """The example's older review, re-dated (and perhaps of another school)."""
    text = (
        Path(OLD)
        .read_text(encoding="utf-8")
        .replace("assessed_on: 2025-10-06", f"assessed_on: {on}")
    )
    path = tmp_path / name
    path.write_text(text.replace('id: "100000"', f'id: "{school}"'), encoding="utf-8")
    return path


@pytest.mark.usefixtures("no_entry_points")
def test_a_previous_review_newer_than_the_current_one_is_refused(tmp_path: Path) -> None:
    """Issue 13: it was compared as if it were older. Refused, at the --previous file's
    `assessed_on`, saying which is newer and how to swap them; nothing is written."""
    later = dated(tmp_path, "later.yaml", "2027-03-01")
    target = tmp_path / "report.json"
    result = run("report", NEW, "--previous", str(later), "-o", str(target))
    assert result.exit_code == 1
    line = line_of(later, "assessed_on:")
    assert result.stderr.startswith(
        f"{later}:{line}:14: error: assessed_on: --previous is newer than ASSESSMENT: "
        f"{later} is of 2027-03-01, {NEW} of 2026-10-05 "
        f"(swap them: {NEW} as --previous, {later} as ASSESSMENT)"
    )
    assert result.stdout == ""
    assert not target.exists()
    swapped = run("report", str(later), "--previous", NEW, "--format", "json")
    assert swapped.exit_code == 0, swapped.output
    assert json.loads(swapped.stdout)["comparison"]["days"] == 147


@pytest.mark.usefixtures("no_entry_points")
def test_a_previous_review_of_the_same_day_is_compared(tmp_path: Path) -> None:
    same = dated(tmp_path, "same.yaml", "2026-10-05")
    result = run("report", NEW, "--previous", str(same), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["comparison"]["days"] == 0
    newer_by_a_day = dated(tmp_path, "next.yaml", "2026-10-06")
    assert run("report", NEW, "--previous", str(newer_by_a_day)).exit_code == 1


@pytest.mark.usefixtures("no_entry_points")
def test_another_schools_review_gets_advice_the_cli_can_follow(tmp_path: Path) -> None:
    """The library's hint (`any_school=True`) cannot be typed at a command line: the CLI
    says what to do instead, located at the --previous file's school id, and
    `--any-school` compares a school whose id changed (a new URN on becoming an academy)."""
    other = dated(tmp_path, "urn.yaml", "2025-10-06", school="200000")
    result = run("report", NEW, "--previous", str(other))
    assert result.exit_code == 1
    assert "any_school=True" not in result.output
    line = line_of(other, "id:")
    assert result.stderr == (
        f"{other}:{line}:7: error: school.id: --previous is a review of school 200000, "
        "ASSESSMENT of school 100000 (give --previous an earlier review of the same school; "
        "if it is this school under a changed id, such as a new URN, add --any-school)\n"
    )
    allowed = run("report", NEW, "--previous", str(other), "--any-school", "--format", "json")
    assert allowed.exit_code == 0, allowed.output
    data = json.loads(allowed.stdout)
    assert data["comparison"]["school"] == "100000"
    assert data["previous"]["school"]["id"] == "200000"
    # --any-school does not allow the wrong order.
    later = dated(tmp_path, "later-urn.yaml", "2027-01-01", school="200000")
    refused = run("report", NEW, "--previous", str(later), "--any-school")
    assert refused.exit_code == 1
    assert "--previous is newer than ASSESSMENT" in refused.stderr


@pytest.mark.usefixtures("no_entry_points")
def test_any_school_without_previous_is_a_usage_error() -> None:
    result = run("report", NEW, "--any-school")
    assert result.exit_code == 2
    assert "--any-school" in result.stderr
    assert "--previous" in result.stderr


@pytest.mark.usefixtures("no_entry_points")
def test_plan_checks_previous_the_same_way_without_advising_an_option_it_lacks(
    tmp_path: Path,
) -> None:
    other = dated(tmp_path, "urn.yaml", "2025-10-06", school="200000")
    output = tmp_path / "plan.yaml"
    result = run("plan", NEW, "-o", str(output), "--priority", "high", "--previous", str(other))
    assert result.exit_code == 1
    assert f"{other}:{line_of(other, 'id:')}:7: error: school.id:" in result.stderr
    assert "any-school" not in result.output
    assert "any_school" not in result.output
    assert "give --previous an earlier review of the same school" in result.stderr
    later = dated(tmp_path, "later.yaml", "2027-03-01")
    result = run("plan", NEW, "-o", str(output), "--priority", "high", "--previous", str(later))
    assert result.exit_code == 1
    assert f"{later}:{line_of(later, 'assessed_on:')}:14: error: assessed_on:" in result.stderr
    assert not output.exists()


def test_a_previous_file_gone_before_its_refusal_is_still_named(
    tmp_path: Path, engine: Engine
) -> None:
    """The refusal is located by reading --previous again; if it cannot be, the message
    still names the file (no traceback, no lost message)."""
    from selfreview_core.cli import report_against
    from selfreview_core.errors import ComparisonError

    later = dated(tmp_path, "later.yaml", "2027-03-01")
    names = engine.framework_names()
    current, previous = load_assessment(NEW, names), load_assessment(later, names)
    later.unlink()
    with pytest.raises(ComparisonError) as raised:
        report_against(engine, (NEW, current), str(later), previous)
    assert raised.value.file == str(later)
    assert raised.value.line is None
    assert "--previous is newer than ASSESSMENT" in str(raised.value)


# -- evidence: where the format shows it, and nowhere with --no-evidence (issue 13) -------

NOW, THEN, CARRIED = "Qzxnowtext", "Qzxthentext", "Qzxcarriedtext"
#: Where each report format shows the school's evidence today (SPEC section 7: "only where
#: the format shows it to the reader"): the table shows none.
SHOWS_EVIDENCE = {"table": False, "json": True, "csv": True, "markdown": True, "html": True}


@pytest.fixture
def with_evidence(tmp_path: Path) -> tuple[Path, Path]:
    """A review with evidence, one strand carried by a migration with evidence, and an
    earlier review with evidence."""
    current = tmp_path / "current.yaml"
    current.write_text(
        "kind: assessment\nframework: becta-srf@2010\n"
        "school: {id: '100000', name: Example Primary School}\nassessed_on: 2026-10-05\n"
        f"judgements:\n  1a1: {{level: 3, evidence: {NOW}}}\n  1a2: 4\n"
        f"review:\n  1c1: {{reason: split, note: Split from an old strand, evidence: {CARRIED}}}\n",
        encoding="utf-8",
    )
    previous = tmp_path / "previous.yaml"
    previous.write_text(
        "kind: assessment\nframework: becta-srf@2010\n"
        "school: {id: '100000', name: Example Primary School}\nassessed_on: 2025-10-06\n"
        f"judgements:\n  1a1: {{level: 4, evidence: {THEN}}}\n",
        encoding="utf-8",
    )
    return current, previous


@pytest.mark.usefixtures("no_entry_points")
@pytest.mark.parametrize("name", sorted(SHOWS_EVIDENCE))
def test_evidence_is_where_the_format_shows_it_and_gone_with_no_evidence(
    with_evidence: tuple[Path, Path], name: str
) -> None:
    current, previous = with_evidence
    before = current.read_bytes(), previous.read_bytes()
    shown = run("report", str(current), "--previous", str(previous), "--format", name)
    assert shown.exit_code == 0, shown.output
    assert (NOW in shown.stdout) is SHOWS_EVIDENCE[name]
    if name == "json":  # the whole report: the previous review and carried evidence too
        assert THEN in shown.stdout
        assert CARRIED in shown.stdout
    explicit = run(
        "report", str(current), "--previous", str(previous), "--format", name, "--with-evidence"
    )
    assert explicit.stdout == shown.stdout  # --with-evidence is the default
    dropped = run(
        "report", str(current), "--previous", str(previous), "--format", name, "--no-evidence"
    )
    assert dropped.exit_code == 0, dropped.output
    for text in (NOW, THEN, CARRIED, "Qzx"):
        assert text not in dropped.output
    assert (current.read_bytes(), previous.read_bytes()) == before


@pytest.mark.usefixtures("no_entry_points")
def test_no_evidence_keeps_the_rest_of_the_json_report(with_evidence: tuple[Path, Path]) -> None:
    current, previous = with_evidence
    args = ("report", str(current), "--previous", str(previous), "--format", "json")
    full = json.loads(run(*args).stdout)
    bare = json.loads(run(*args, "--no-evidence").stdout)
    assert bare["assessment"]["judgements"]["1a1"] == {
        "level": 3,
        "evidence": None,
        "judged_on": None,
    }
    assert bare["previous"]["judgements"]["1a1"]["evidence"] is None
    assert bare["assessment"]["review"]["1c1"]["evidence"] is None
    assert bare["assessment"]["review"]["1c1"]["note"] == "Split from an old strand"
    for data in (full, bare):
        data["assessment"]["judgements"]["1a1"]["evidence"] = None
        data["previous"]["judgements"]["1a1"]["evidence"] = None
        data["assessment"]["review"]["1c1"]["evidence"] = None
    assert bare == full


@pytest.mark.usefixtures("no_entry_points")
def test_no_evidence_in_a_batch_and_to_a_file(
    with_evidence: tuple[Path, Path], tmp_path: Path
) -> None:
    current, previous = with_evidence
    lines = run("report", str(current), str(previous), "--format", "json", "--no-evidence")
    assert lines.exit_code == 0, lines.output
    reports = [json.loads(line) for line in lines.stdout.splitlines()]
    assert len(reports) == 2
    assert NOW not in lines.stdout
    assert THEN not in lines.stdout
    assert CARRIED not in lines.stdout
    kept = run("report", str(current), str(previous), "--format", "json")
    assert NOW in kept.stdout
    out = tmp_path / "out"
    result = run(
        "report",
        str(current),
        str(previous),
        "--output-dir",
        str(out),
        "--format",
        "html",
        "--no-evidence",
    )
    assert result.exit_code == 0, result.output
    written = sorted(out.iterdir())
    assert len(written) == 2
    for file in written:
        assert "Qzx" not in file.read_text(encoding="utf-8")
    single = tmp_path / "one.md"
    assert run("report", str(current), "-o", str(single), "--no-evidence").exit_code == 0
    assert NOW not in single.read_text(encoding="utf-8")
