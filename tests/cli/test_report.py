"""`selfreview report` and `selfreview plugins`."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pytest
import yaml
from click.testing import CliRunner, Result

from program import ended, selfreview
from selfreview_core import Engine, load_assessment
from selfreview_core.cli import cli
from selfreview_core.report import read_report
from test_engine import _EntryPoint
from test_outputs import PipeReader, no_space, snapshot, temporary_files

__all__ = ["no_space"]  # a fixture, used by name

NEW = "examples/example-primary-2026.yaml"
OLD = "examples/example-primary-2025.yaml"


@pytest.fixture(autouse=True)
def _in_repo(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)


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
    assert "Why: 1b1 is at level 4 or 5 (it is at 4)" in out[first:]
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
    # SPEC 5: the framework as a reference; its descriptors live in the framework.
    assert data["framework"] == {
        "id": "becta-srf",
        "version": "2010",
        "title": "Self-review framework",
    }
    report = read_report(result.output, Engine(entry_points=False).framework_names().get)
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
    assert run("plugins", "--strict").exit_code == 0  # no problem: --strict passes
    lines = result.output.splitlines()
    assert any(ln.split()[:3] == ["next-steps", "-", "selfreview_recommend"] for ln in lines)
    data = json.loads(run("plugins", "--format", "json").output)
    assert {p["name"]: p["origin"] for p in data["plugins"]} == {
        "bundled-frameworks": "built-in",
        "next-steps": "built-in",
        "standard-exporters": "built-in",
    }


# -- outputs: never over an input, nothing half-written, the real target named -------------


def refused_output(result: Result, option: str, *names: str) -> None:
    """A usage error (exit 2) naming the option and every file given."""
    assert result.exit_code == 2, result.output
    assert "Error: Invalid value for" in result.output
    assert option in result.output.split("Invalid value for", 1)[1]
    for name in names:
        assert name in result.output
    assert "Traceback" not in result.output


@pytest.mark.usefixtures("no_entry_points")
@pytest.mark.parametrize("spelling", ["same", "dot", "absolute", "symlink", "hard link"])
def test_o_naming_the_assessment_by_any_spelling_is_refused(tmp_path: Path, spelling: str) -> None:
    """SPEC 7: `-o` that would replace a file being read is refused before anything is
    written; `report X.json -o X.json` used to replace the review with its report."""
    folder = tmp_path / "school"
    folder.mkdir()
    review = folder / "review.json"
    review.write_text(json.dumps(yaml.safe_load(Path(NEW).read_text()), default=str))
    output = {
        "same": str(review),
        "dot": str(folder / "." / "review.json"),
        "absolute": str(review.resolve()),
        "symlink": str(folder / "link.json"),
        "hard link": str(folder / "hard.json"),
    }[spelling]
    if spelling == "symlink":
        Path(output).symlink_to(review)
    if spelling == "hard link":
        os.link(review, output)
    before = snapshot(folder)
    result = run("report", str(review), "-o", output)
    refused_output(result, "-o", output, "is ASSESSMENT")
    assert snapshot(folder) == before
    assert temporary_files(folder) == []


@pytest.mark.usefixtures("no_entry_points")
@pytest.mark.parametrize("option", ["--previous", "--rules", "--framework", "--migration"])
def test_o_naming_any_other_input_is_refused(tmp_path: Path, option: str) -> None:
    files = {
        "--previous": OLD,
        "--rules": INVOLVE_SLT,
        "--framework": "frameworks/becta-srf.yaml",
        "--migration": "examples/migration/example-srf-1-to-2.yaml",
    }
    given = tmp_path / f"given-{option.strip('-')}.yaml"
    if option == "--rules":
        given.write_text("kind: rules\nid: my-pack\nframework: becta-srf\nrules:\n" + INVOLVE_SLT)
    else:
        given.write_bytes(Path(files[option]).read_bytes())
    before = snapshot(tmp_path)
    result = run("report", NEW, option, str(given), "-o", str(given))
    refused_output(result, "-o", str(given), f"is {option}")
    assert snapshot(tmp_path) == before


@pytest.mark.usefixtures("no_entry_points")
def test_o_in_a_missing_folder_fails_before_rendering(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_rendering(*args: object, **kwargs: object) -> str:
        raise AssertionError("rendered before the output was checked")

    monkeypatch.setattr("selfreview_core.engine.Engine.export", no_rendering)
    monkeypatch.setattr("selfreview_core.engine.Engine.report", no_rendering)
    target = tmp_path / "missing" / "r.html"
    result = run("report", NEW, "-o", str(target))
    refused_output(result, "-o", f"the folder `{tmp_path / 'missing'}` does not exist")
    assert ".tmp" not in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.usefixtures("no_entry_points")
def test_o_that_is_a_read_only_file_or_a_directory_is_refused(tmp_path: Path) -> None:
    locked = tmp_path / "report.html"
    locked.write_text("signed off")
    locked.chmod(0o444)
    refused_output(run("report", NEW, "-o", str(locked)), "-o", "read-only")
    assert locked.read_text() == "signed off"
    folder = tmp_path / "report.json"
    folder.mkdir()
    refused_output(run("report", NEW, "-o", str(folder)), "-o", "is a directory")


@pytest.mark.usefixtures("no_entry_points")
def test_a_failed_write_names_the_target_and_keeps_the_old_file(
    tmp_path: Path, no_space: Callable[[bytes], None]
) -> None:
    target = tmp_path / "report.json"
    target.write_text("last year's report")
    no_space(b'"assessment"')
    result = run("report", NEW, "-o", str(target))
    assert result.exit_code == 1
    assert f"{target}: No space left on device" in result.stderr
    assert ".tmp" not in result.output
    assert target.read_text() == "last year's report"
    assert temporary_files(tmp_path) == []


@pytest.mark.usefixtures("no_entry_points")
def test_o_dash_writes_standard_output(tmp_path: Path) -> None:
    result = run("report", NEW, "-o", "-", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["assessment"]["school"]["id"] == "100000"
    assert not Path("-").exists()
    assert run("report", NEW, "-o", "-").stdout.startswith("Example Primary School")


@pytest.mark.usefixtures("no_entry_points")
def test_the_format_is_guessed_from_any_case_of_the_suffix(tmp_path: Path) -> None:
    target = tmp_path / "REPORT.JSON"
    assert run("report", NEW, "-o", str(target)).exit_code == 0
    assert json.loads(target.read_text())["profile"]


# -- the reader of the output going away (`report | head`) --------------------------------


#: A process of its own, with standard output buffered as a user's is (not as under some
#: test runners and CI systems, which set PYTHONUNBUFFERED).
BUFFERED = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


def _selfreview(*args: str) -> tuple[subprocess.Popen[bytes], IO[bytes]]:
    """The command in a process of its own, its stdout and stderr piped to this one: the
    process, and its standard output to read (and close, as a reader gone)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "selfreview_core", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=BUFFERED,
    )
    assert process.stdout is not None
    return process, process.stdout


def test_a_reader_that_stops_early_ends_the_report_quietly_with_exit_0() -> None:
    """`selfreview report DIR --format json | head -n 1`: the batch (over 300 kB, more
    than a pipe holds) meets a closed pipe part-way. No "Broken pipe", no traceback; exit 0
    (documented: the reader had what it wanted)."""
    process, stdout = _selfreview("report", "examples/cohort", "--format", "json")
    with process:
        first = stdout.readline()
        stdout.close()  # as `head -n 1` does
        done = ended(process)
    assert done.returncode == 0
    assert json.loads(first)["assessment"]["school"]["id"]
    assert done.stderr.decode() == ""


def test_a_reader_gone_before_anything_is_written_is_quiet_too() -> None:
    """A small report is flushed only at exit: the closed pipe is met there."""
    process, stdout = _selfreview("report", NEW)
    with process:
        stdout.close()
        done = ended(process)
    assert (done.returncode, done.stderr.decode()) == (0, "")


@pytest.mark.parametrize("option", ["--help", "--version"])
def test_help_and_version_meet_a_reader_gone_with_exit_0(option: str) -> None:
    """`selfreview --help | true`: the program's own `--help` and `--version`, printed
    while click parses the group's options (outside any command), meet the closed pipe as
    a command's output does: exit 0, nothing said. click's own `main` ended them with exit
    1, silently (round 64's attacker); `report --help` was already 0."""
    read, write = os.pipe()
    os.close(read)  # the reader is gone before anything is written
    try:
        done = selfreview([option], stdout=write, env=BUFFERED)
    finally:
        os.close(write)
    assert (done.returncode, done.stderr.decode()) == (0, "")


def test_output_still_buffered_at_the_end_meets_the_gone_reader_quietly() -> None:
    """`main` flushes standard output itself before exit, so a reader gone by then is
    caught like any other, even for output written without a flush."""
    script = (
        "import sys, click\n"
        "from selfreview_core import cli\n"
        "@cli.cli.command()\n"
        "def unflushed():\n"
        "    sys.stdout.write('x' * 100)\n"
        "cli.main(['unflushed'])\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=BUFFERED
    )
    assert process.stdout is not None
    assert process.stderr is not None
    with process:
        process.stdout.close()
        done = ended(process)
    assert (done.returncode, done.stderr.decode()) == (0, "")


def test_a_plugin_exporter_whose_extension_lacks_the_dot_is_still_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selfreview_core import Exporter
    from test_engine import plugin_module

    plain = Exporter("plain", "pln", "text/plain", lambda report: "plain report\n")
    module = plugin_module("plain_exporter", selfreview_exporters=lambda: [plain])
    point = _EntryPoint("plain-exporter", "plain_exporter", target=module)
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [point])
    target = tmp_path / "report.pln"
    result = run("report", NEW, "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_text() == "plain report\n"
    out = tmp_path / "out"
    result = run("report", NEW, OLD, "--output-dir", str(out), "--format", "plain")
    assert result.exit_code == 0, result.output
    assert sorted(p.suffix for p in out.iterdir()) == [".pln", ".pln"]


@pytest.mark.usefixtures("no_entry_points")
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_o_naming_a_named_pipe_writes_into_it(tmp_path: Path) -> None:
    """As `-o /dev/stdout` and `-o /dev/null` do: the device stays a device."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = PipeReader(fifo)
    result = run("report", NEW, "-o", str(fifo), "--format", "json")
    assert result.exit_code == 0, result.output
    received = reader.result()
    assert received is not None
    assert json.loads(received)["assessment"]["school"]["id"] == "100000"
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


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


@pytest.mark.usefixtures("no_entry_points", "no_future_dates")  # 2027 is not after "today"
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


@pytest.mark.usefixtures("no_entry_points", "no_future_dates")
def test_a_newer_previous_than_standard_input_says_to_save_it_to_a_file(tmp_path: Path) -> None:
    """`--previous` must be a file, so "swap them: <stdin> as --previous" could not be done
    (before round 42); the hint says to save standard input to a file first."""
    later = dated(tmp_path, "later.yaml", "2027-03-01")
    text = Path(NEW).read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["report", "-", "--previous", str(later)], input=text)
    assert result.exit_code == 1
    assert result.stderr.endswith(
        f"(swap them: standard input, saved to a file, as --previous, {later} as ASSESSMENT)\n"
    )
    assert result.stdout == ""


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
    from selfreview_core.batch.report_files import report_against
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
