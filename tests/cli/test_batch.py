"""`selfreview report` over many files, directories and JSON Lines files."""

from __future__ import annotations

import gc
import io
import json
import os
import shutil
import sys
import weakref
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from selfreview_core._names import PROGRESS_FILES
from selfreview_core.cli import cli
from selfreview_core.report import ReportJson
from test_outputs import no_space, snapshot, temporary_files

__all__ = ["no_space"]  # a fixture, used by name

COHORT = "examples/cohort"


@pytest.fixture(autouse=True)
def _in_repo(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [])


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def cohort_files() -> list[Path]:
    return sorted(Path(COHORT).glob("*.yaml"))


def as_json_lines(target: Path, files: list[Path], *extra: str) -> Path:
    lines = []
    for file in files:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        data["assessed_on"] = data["assessed_on"].isoformat()
        lines.append(json.dumps(data))
    target.write_text("\n".join([*lines, *extra]) + "\n", encoding="utf-8")
    return target


def test_a_directory_gives_one_file_per_school_review(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    result = run("report", COHORT, "--output-dir", str(out), "--format", "html")
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.iterdir())
    assert len(written) == len(cohort_files())
    assert "900001-2024-11-12.html" in written
    assert f"{len(written)} reports written in {out}" in result.stderr
    assert result.stdout == ""


def test_output_dir_defaults_to_json_files(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    assert run("report", COHORT, "--output-dir", str(out)).exit_code == 0
    for path in out.iterdir():
        assert path.suffix == ".json"
        ReportJson.model_validate_json(path.read_text(encoding="utf-8"))


def test_many_reports_as_one_json_lines_stream(tmp_path: Path) -> None:
    result = run("report", COHORT, "examples/example-primary-2026.yaml", "--format", "json")
    assert result.exit_code == 0, result.output
    reports = [ReportJson.model_validate_json(line) for line in result.stdout.splitlines()]
    assert len(reports) == len(cohort_files()) + 1
    target = tmp_path / "all.jsonl"
    assert run("report", COHORT, "--format", "json", "-o", str(target)).exit_code == 0
    assert len(target.read_text(encoding="utf-8").splitlines()) == len(cohort_files())


def test_a_json_lines_input_with_bad_lines_reports_them_by_line(tmp_path: Path) -> None:
    source = as_json_lines(
        tmp_path / "schools.jsonl", cohort_files()[:3], "", "not json", '{"kind": "assessment"}'
    )
    result = run("report", str(source), "--format", "json")
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 3
    assert f"{source}:5:1: error: invalid JSON" in result.stderr
    assert f"{source}:6:1: error: missing required key `framework`" in result.stderr
    assert "3 reports written; 2 assessments skipped (errors above)" in result.stderr


def test_a_bad_file_is_reported_and_skipped_and_strict_stops(tmp_path: Path) -> None:
    folder = tmp_path / "cohort"
    shutil.copytree(COHORT, folder)
    bad = folder / "000-bad.yaml"  # read first
    bad.write_text("kind: assessment\nframework: becta-srf\nschool: {id: X}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("report", str(folder), "--output-dir", str(out))
    assert result.exit_code == 1
    assert f"{bad}:3:9: error: school: missing required key `name`" in result.stderr
    assert len(list(out.iterdir())) == len(cohort_files())
    strict = tmp_path / "strict"
    result = run("report", str(folder), "--output-dir", str(strict), "--strict")
    assert result.exit_code == 1
    assert "--strict: stopped after 0 report(s)" in result.stderr
    assert list(strict.iterdir()) == []


def test_strict_with_one_output_file_leaves_nothing_half_written(tmp_path: Path) -> None:
    source = as_json_lines(tmp_path / "s.jsonl", cohort_files()[:2], "oops")
    target = tmp_path / "out.jsonl"
    target.write_text("earlier\n", encoding="utf-8")
    result = run("report", str(source), "--format", "json", "-o", str(target), "--strict")
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == "earlier\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "html"], "html makes one file per school: give --output-dir"),
        (["--previous", "examples/example-primary-2025.yaml"], "needs a single ASSESSMENT"),
        (["-o", "x.json", "--output-dir", "d"], "give -o or --output-dir, not both"),
        (["--output-dir", "d", "--format", "jsn"], "no exporter `jsn`"),
    ],
)
def test_batch_usage_errors(args: list[str], message: str) -> None:
    result = run("report", COHORT, *args)
    assert result.exit_code == 2
    assert message in result.output


@pytest.mark.parametrize("terminal", [True, False])
def test_many_files_show_a_progress_bar_on_stderr_only_at_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terminal: bool
) -> None:
    """A CI log or a file gets the reports and the summary, not a progress label."""
    from selfreview_core.cli import _terminal

    monkeypatch.setattr(_terminal, "stderr_is_terminal", lambda: terminal)
    folder = tmp_path / "many"
    folder.mkdir()
    original = cohort_files()[0].read_text(encoding="utf-8")
    for i in range(PROGRESS_FILES + 1):
        (folder / f"s{i:03}.yaml").write_text(
            original.replace("900001", f"9{i:05}"), encoding="utf-8"
        )
    result = run("report", str(folder), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert ("Reporting" in result.stderr) is terminal
    assert len(result.stdout.splitlines()) == PROGRESS_FILES + 1
    if not terminal:
        assert result.stderr == f"{PROGRESS_FILES + 1} reports written\n"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("terminal", [True, False])
def test_a_batchs_progress_counts_the_steps_it_is_given(
    monkeypatch: pytest.MonkeyPatch, terminal: bool
) -> None:
    """Workers send reports in runs: the bar is advanced by each run's size, and shows the
    count so far (how many reports a JSON Lines file holds is not known beforehand)."""
    from selfreview_core.cli import _terminal

    screen = _Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    monkeypatch.setattr(_terminal, "stderr_is_terminal", lambda: terminal)
    with _terminal.progress_steps("Reporting") as advance:
        assert (advance is not None) is terminal
        if advance is not None:
            advance(3)
            advance(40)
    shown = screen.getvalue()
    if not terminal:
        assert shown == ""
        return
    assert shown.startswith("\r\x1b[?25lReporting  [")
    counts = [line.rsplit("]", 1)[1].split("\x1b")[0] for line in shown.split("\r")[1:]]
    assert [count.strip() for count in counts] == [
        "0",
        "3",
        "43",
    ]


def test_a_json_lines_line_over_the_size_cap_is_skipped_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selfreview_core.batch import work as batch_work
    from selfreview_core.files.limits import Limits

    monkeypatch.setattr(batch_work, "DEFAULT_LIMITS", Limits(max_bytes=5000))
    source = tmp_path / "s.jsonl"
    as_json_lines(source, cohort_files()[:2])
    source.write_text('{"x": "' + "y" * 20000 + '"}\n' + source.read_text(), encoding="utf-8")
    result = run("report", str(source), "--format", "json")
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 2
    assert f"{source}:1:1: error: the line is over 5,000 bytes" in result.stderr


# -- outputs: never over an input; one failed write does not stop the batch ---------------


def cohort_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "cohort"
    shutil.copytree(COHORT, folder)
    return folder


def school(folder: Path, name: str, school_id: str, on: str = "2026-01-15") -> Path:
    """An assessment of a school with this id, copied from the first of the cohort."""
    data = yaml.safe_load(cohort_files()[0].read_text(encoding="utf-8"))
    data["school"]["id"] = school_id
    data["assessed_on"] = on
    path = folder / name
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    return path


def test_output_dir_holding_the_inputs_is_refused_before_anything_is_written(
    tmp_path: Path,
) -> None:
    """`report DIR --output-dir DIR` wrote `<school>-<date>.json` reports over assessments
    of the same names before reading them. The rule: an output folder may hold no input."""
    folder = cohort_copy(tmp_path)
    # An assessment named as its own report would be: the name the collision used to take.
    school(folder, "900001-2024-11-12.json", "900001", "2024-11-12")
    before = snapshot(folder)
    for output_dir in (str(folder), str(folder / "." / ".." / "cohort")):
        result = run("report", str(folder), "--output-dir", output_dir)
        assert result.exit_code == 2, result.output
        assert "Invalid value for --output-dir" in result.output
        assert f"`{output_dir}` holds" in result.output
        assert snapshot(folder) == before
        assert temporary_files(folder) == []


def test_output_dir_holding_one_input_among_many_is_refused(tmp_path: Path) -> None:
    here = tmp_path / "here"
    here.mkdir()
    mine = school(here, "mine.json", "123456")
    before = snapshot(tmp_path)
    result = run("report", COHORT, str(mine), "--output-dir", str(here))
    assert result.exit_code == 2
    assert f"holds `{mine}` (ASSESSMENT)" in result.output
    assert snapshot(tmp_path) == before


def test_an_output_named_like_a_hard_link_to_an_input_gets_another_name(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    review = school(source, "review.json", "900001", "2024-11-12")
    out = tmp_path / "out"
    out.mkdir()
    os.link(review, out / "900001-2024-11-12.json")
    before = snapshot(source)
    result = run("report", str(review), "--output-dir", str(out))
    assert result.exit_code == 0, result.output
    assert snapshot(source) == before
    assert (out / "900001-2024-11-12-2.json").is_file()


@pytest.mark.parametrize(("option", "jobs"), [("-o", "1"), ("--output", "1"), ("-o", "2")])
def test_one_stream_over_a_json_lines_input_is_refused(
    tmp_path: Path, option: str, jobs: str
) -> None:
    """Whatever the jobs: workers writing straight into the output never start."""
    source = as_json_lines(tmp_path / "schools.jsonl", cohort_files()[:2])
    before = snapshot(tmp_path)
    result = run("report", str(source), "--format", "json", option, str(source), "--jobs", jobs)
    assert result.exit_code == 2
    assert f"`{source}` is ASSESSMENT" in result.output
    assert snapshot(tmp_path) == before


def test_one_stream_over_a_file_found_in_a_directory_is_refused(tmp_path: Path) -> None:
    folder = cohort_copy(tmp_path)
    victim = folder / "primary-1-2024.yaml"
    before = snapshot(folder)
    result = run("report", str(folder), "--format", "json", "-o", str(victim))
    assert result.exit_code == 2
    assert f"`{victim}` is ASSESSMENT" in result.output
    assert snapshot(folder) == before


def test_one_stream_in_a_missing_folder_fails_before_any_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_report(*args: object, **kwargs: object) -> None:
        raise AssertionError("a report was made before the output was checked")

    monkeypatch.setattr("selfreview_core.engine.Engine.report", no_report)
    target = tmp_path / "missing" / "all.jsonl"
    result = run("report", COHORT, "--format", "json", "-o", str(target))
    assert result.exit_code == 2
    assert f"the folder `{tmp_path / 'missing'}` does not exist" in result.output
    assert list(tmp_path.iterdir()) == []


def test_a_json_lines_stream_goes_to_o_with_a_jsonl_name(tmp_path: Path) -> None:
    target = tmp_path / "all.jsonl"
    assert run("report", COHORT, "-o", str(target)).exit_code == 0
    assert len(target.read_text(encoding="utf-8").splitlines()) == len(cohort_files())


@pytest.mark.parametrize(
    ("school_id", "expected"),
    [
        ("CON", "CON-2026-01-15.json"),  # not a device name once the date follows
        ("com1.x", "_com1.x-2026-01-15.json"),
        ("nul.txt", "_nul.txt-2026-01-15.json"),
        ("../../outside", "_.._outside-2026-01-15.json"),
        ("a\\b", "a_b-2026-01-15.json"),
        ("-rf", "rf-2026-01-15.json"),
        (".hidden", "hidden-2026-01-15.json"),
        ("x\x1b]52;c;aGk=\x07y", "x__52_c_aGk__y-2026-01-15.json"),
        ("\u202eevil", "_evil-2026-01-15.json"),
    ],
)
def test_report_file_names_are_safe_whatever_the_school_id(
    tmp_path: Path, school_id: str, expected: str
) -> None:
    source = tmp_path / "in"
    source.mkdir()
    school(source, "s.json", school_id)
    out = tmp_path / "out"
    result = run("report", str(source), "--output-dir", str(out))
    assert result.exit_code == 0, result.output
    assert [p.name for p in out.iterdir()] == [expected]
    assert not (tmp_path / "outside-2026-01-15.json").exists()


def test_a_school_id_too_long_for_a_file_name_is_cut_to_fit(tmp_path: Path) -> None:
    """A name is at most 255 bytes: counted in UTF-8, not in characters."""
    source = tmp_path / "in"
    source.mkdir()
    school(source, "a.json", "9" * 300)
    school(source, "b.json", "é" * 200)
    school(source, "c.json", "9" * 300 + "x")  # the same once cut: numbered
    out = tmp_path / "out"
    result = run("report", str(source), "--output-dir", str(out))
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 3
    assert all(len(n.encode("utf-8")) <= 255 for n in names)
    assert any(n.endswith("-2.json") for n in names)
    assert "3 reports written" in result.stderr


def test_school_ids_that_differ_only_in_case_get_two_files(tmp_path: Path) -> None:
    """On a case-insensitive disk (Windows, macOS) `ABC` and `abc` are one name: the
    second school's report must not replace the first's."""
    source = tmp_path / "in"
    source.mkdir()
    school(source, "a.json", "ABC")
    school(source, "b.json", "abc")
    out = tmp_path / "out"
    assert run("report", str(source), "--output-dir", str(out)).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["ABC-2026-01-15.json", "abc-2026-01-15-2.json"]


def test_one_failed_write_is_reported_and_the_batch_goes_on(
    tmp_path: Path, no_space: Callable[[bytes], None]
) -> None:
    """A read-only file in the way, a directory in the way, a full disk for one report:
    each named (never a temporary file), the other reports written, exit 1 at the end."""
    source = tmp_path / "in"
    source.mkdir()
    for number in range(1, 6):
        school(source, f"{number}.json", f"S{number}")
    out = tmp_path / "out"
    out.mkdir()
    locked = out / "S2-2026-01-15.json"
    locked.write_text("signed off")
    locked.chmod(0o444)
    (out / "S3-2026-01-15.json").mkdir()
    no_space(b'"S4"')
    before = snapshot(source)
    result = run("report", str(source), "--output-dir", str(out))
    assert result.exit_code == 1
    for name in ("S2", "S3", "S4"):
        target = out / f"{name}-2026-01-15.json"
        assert f"{target}: error: cannot write this report: " in result.stderr
    assert "read-only" in result.stderr
    assert "No space left on device" in result.stderr
    assert ".tmp" not in result.output
    assert "2 reports written in" in result.stderr
    assert "3 could not be written (errors above)" in result.stderr
    assert (out / "S1-2026-01-15.json").is_file()
    assert (out / "S5-2026-01-15.json").is_file()
    assert locked.read_text() == "signed off"
    assert not (out / "S4-2026-01-15.json").exists()
    assert snapshot(source) == before
    assert temporary_files(out) == []


def test_strict_stops_at_the_first_failed_write(
    tmp_path: Path, no_space: Callable[[bytes], None]
) -> None:
    source = tmp_path / "in"
    source.mkdir()
    for number in range(1, 4):
        school(source, f"{number}.json", f"S{number}")
    out = tmp_path / "out"
    no_space(b'"S2"')
    result = run("report", str(source), "--output-dir", str(out), "--strict")
    assert result.exit_code == 1
    assert "--strict: stopped after 1 report(s)" in result.stderr
    assert [p.name for p in out.iterdir()] == ["S1-2026-01-15.json"]


def _system_writes(monkeypatch: pytest.MonkeyPatch) -> list[list[int]]:
    calls: list[list[int]] = []
    real = os.writev

    def counted(handle: int, data: list[bytes]) -> int:
        calls.append([len(b) for b in data])
        return real(handle, data)

    monkeypatch.setattr(os, "writev", counted)
    return calls


def test_a_stream_into_a_file_goes_to_the_kernel_a_few_reports_a_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Into a regular file every byte is handed to the kernel by `spool.Gathered`, never
    copied into the file stream's buffer: reports in calls of at most `spool._GATHER` bytes
    (one larger report alone), and the file holds what standard output gets."""
    from selfreview_core.jobs import spool

    expected = run("report", COHORT, "--format", "json").stdout_bytes
    largest = max(map(len, expected.splitlines(keepends=True)))
    monkeypatch.setattr(spool, "_GATHER", 2 * largest)
    calls = _system_writes(monkeypatch)
    target = tmp_path / "all.jsonl"
    assert run("report", COHORT, "--format", "json", "-o", str(target)).exit_code == 0
    assert target.read_bytes() == expected
    assert sum(map(sum, calls)) == len(expected)
    assert 1 < len(calls) < len(cohort_files())
    assert all(sum(call) <= 2 * largest for call in calls)


def test_the_write_behind_of_a_file_asks_for_bytes_already_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Asking the system to start writing a range to disk (`spool.Output`, every
    `spool._BEHIND` bytes) first hands it what `spool.Gathered` holds: each range asked
    for is in the file by then."""
    from selfreview_core.jobs import spool

    asked: list[tuple[int, int, int]] = []
    real = os.posix_fadvise

    def advise(handle: int, offset: int, length: int, advice: int) -> None:
        asked.append((offset, length, os.fstat(handle).st_size))
        real(handle, offset, length, advice)

    monkeypatch.setattr(os, "posix_fadvise", advise)
    monkeypatch.setattr(spool, "_BEHIND", 3000)
    target = tmp_path / "all.jsonl"
    assert run("report", COHORT, "--format", "json", "-o", str(target)).exit_code == 0
    assert len(asked) > 1
    assert all(offset + length <= size for offset, length, size in asked)


def test_a_stream_into_a_device_keeps_the_streams_own_writes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A device or a pipe is written as before (`atomic.open_atomic`'s usual buffer), so
    that what reads it sees each report soon: nothing is held for a larger call."""
    calls = _system_writes(monkeypatch)
    result = run("report", COHORT, "--format", "json", "-o", os.devnull)
    assert result.exit_code == 0
    assert f"{len(cohort_files())} reports written to {os.devnull}" in result.stderr
    assert calls == []


def test_many_reports_are_flushed_in_groups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each report is whole when it appears; they appear group by group, and every one is
    there at the end."""
    from selfreview_core.outputs import writing as outputs

    monkeypatch.setattr(outputs.BatchWriter.__init__, "__defaults__", (None,))
    monkeypatch.setattr(outputs.BatchWriter.__init__, "__kwdefaults__", {"group": 3})
    source = tmp_path / "in"
    source.mkdir()
    for number in range(1, 8):
        school(source, f"{number}.json", f"S{number}")
    out = tmp_path / "out"
    assert run("report", str(source), "--output-dir", str(out)).exit_code == 0
    assert len(list(out.iterdir())) == 7
    for path in out.iterdir():
        ReportJson.model_validate_json(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("strict", [False, True])
def test_a_batch_in_a_callers_process_leaves_its_garbage_collectable(
    tmp_path: Path, strict: bool
) -> None:
    """The batch keeps the collector off what was made before it (`gc.freeze`), and hands
    it back when it ends, stopped or not: a program running the command in its own process
    has every cycle of its garbage collected afterwards, older ones included."""
    gc.collect()
    alive = weakref.ref(_Cyclic())  # garbage, in a cycle, when the batch starts
    source = as_json_lines(tmp_path / "in.jsonl", cohort_files()[:2], '{"kind": "assessment"}')
    flags = ["--strict"] if strict else []
    result = run("report", str(source), "--format", "json", "-o", str(tmp_path / "o"), *flags)
    assert result.exit_code == 1
    assert f"{source}:3:" in result.stderr
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert alive() is None


class _Cyclic:
    def __init__(self) -> None:
        self.me = self
