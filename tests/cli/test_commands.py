"""The `selfreview` command: exit codes, located errors, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner, Result

from bad_cases import CASES, Case
from files.test_walk import deny_listing
from fuzz.harness import hang_guard
from program import selfreview, selfreview_here
from selfreview_core._names import SCHEMA_KINDS
from selfreview_core.cli import cli
from selfreview_core.loader import KINDS


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def assert_no_traceback(result: Result) -> None:
    assert "Traceback" not in result.output
    assert "Traceback" not in (result.stderr or "")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.file)
def test_validate_reports_each_bad_file_with_its_location(case: Case, data: Path) -> None:
    path = data / "bad" / case.file
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert_no_traceback(result)
    located = f"{path}:{case.line}:{case.column}: error: "
    line = next((ln for ln in result.output.splitlines() if ln.startswith(located)), None)
    assert line is not None, result.output
    assert case.words in line
    if case.path:
        assert f": {case.path}: " in line
    if case.hint:
        assert f"({case.hint})" in line


def test_validate_prints_a_summary_of_each_good_file(data: Path, root: Path) -> None:
    result = run(
        "validate",
        str(root / "frameworks" / "becta-srf.yaml"),
        str(data / "good" / "tiny-framework.yaml"),
        str(data / "good" / "tiny-assessment.yaml"),
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].endswith(
        'becta-srf.yaml: ok: framework becta-srf@2010 "Self-review framework": '
        "1 element, 3 aspects, 12 strands, levels 1 (best) .. 5 (worst)"
    )
    assert lines[2].endswith(
        "tiny-assessment.yaml: ok: assessment of tiny@1 for Tiny School (T-001) on 2026-09-30: "
        "2 of 2 strands judged"
    )
    assert lines[-1] == "3 files checked: 3 valid, 0 invalid"


def test_validate_takes_directories(data: Path) -> None:
    result = run("validate", str(data / "good"))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "3 files checked: 3 valid, 0 invalid"
    result = run("validate", str(data / "bad"))
    assert result.exit_code == 1
    assert result.output.splitlines()[-1].startswith(f"{len(CASES)} files checked: 0 valid")


def test_an_assessments_framework_can_come_from_framework_option(
    tmp_path: Path, data: Path
) -> None:
    assessment = tmp_path / "a.yaml"
    assessment.write_text((data / "good" / "tiny-assessment.yaml").read_text())
    result = run("validate", str(assessment))
    assert result.exit_code == 1
    assert "unknown framework `tiny@1`" in result.output
    result = run(
        "validate", str(assessment), "--framework", str(data / "good" / "tiny-framework.yaml")
    )
    assert result.exit_code == 0, result.output


def test_an_assessment_of_a_broken_framework_on_the_command_line_says_so(
    tmp_path: Path, data: Path
) -> None:
    framework = tmp_path / "f.yaml"
    framework.write_text((data / "good" / "tiny-framework.yaml").read_text().replace("All.", "''"))
    result = run("validate", str(framework), str(data / "good" / "tiny-assessment.yaml"))
    assert result.exit_code == 1
    assert f"framework `tiny@1` cannot be used: {framework} has errors" in result.output


def test_validate_json_output_is_machine_readable(data: Path) -> None:
    good, bad = data / "good" / "tiny-framework.yaml", data / "bad" / "unknown-key.yaml"
    result = run("validate", "--format", "json", str(good), str(bad))
    assert result.exit_code == 1
    payload = json.loads(result.output)
    assert payload["valid"] is False
    first, second = payload["files"]
    assert first["valid"] is True
    assert first["kind"] == "framework"
    assert first["summary"].startswith("framework tiny@1")
    error = next(e for e in second["errors"] if e["code"] == "unknown-key")
    assert error == {
        "message": "unknown key `strand`",
        "file": str(bad),
        "line": 12,
        "column": 9,
        "path": "elements[0].aspects[0].strand",
        "hint": "did you mean `strands`?",
        "code": "unknown-key",
    }


@pytest.mark.parametrize(
    "args",
    [
        ["validate"],
        ["validate", "does-not-exist.yaml"],
        ["validate", "--format", "xml", "x"],
        ["schema", "nonsense"],
        ["show", "no-such-framework"],
        ["show", "becta-srf", "1z9"],
        ["no-such-command"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert_no_traceback(result)


def test_an_empty_directory_is_a_usage_error(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path))
    assert result.exit_code == 2
    assert "no YAML, JSON or JSON Lines files under" in result.output


def test_show_hints_at_a_misspelt_id() -> None:
    result = run("show", "becta-srf", "1b7")
    assert "`1b7` is not an element, aspect or strand of becta-srf@2010" in result.output
    assert "did you mean" in result.output


def test_frameworks_lists_the_bundled_framework() -> None:
    result = run("frameworks")
    assert result.exit_code == 0
    header, _, row = result.output.splitlines()[:3]
    assert header.split() == ["id", "version", "title", "publisher", "strands", "provided", "by"]
    assert row.split() == [
        "becta-srf",
        "2010",
        "Self-review",
        "framework",
        "Becta",
        "2010",
        "12",
        "bundled-frameworks",
    ]
    listed = json.loads(run("frameworks", "--format", "json").output)
    assert [(f["id"], f["version"], f["strands"]) for f in listed] == [("becta-srf", "2010", 12)]


def test_show_prints_a_strand_with_every_descriptor_from_worst_to_best() -> None:
    result = run("show", "becta-srf", "1b1")
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert text.startswith("Element 1: Leadership and management Aspect 1b: A strategy to achieve")
    assert "Strand 1b1: Strategic leadership of ICT across the whole school" in text
    positions = [text.index(f"│ {label}") for label in ("5 (worst)", "4", "3", "2", "1 (best)")]
    assert positions == sorted(positions)
    assert "are not part of the senior leadership team" in text.replace("│ ", "")


def test_show_a_whole_framework_by_path_and_as_json(data: Path) -> None:
    path = str(data / "good" / "tiny-framework.yaml")
    text = run("show", path).output
    assert text.splitlines()[0] == "Tiny framework (tiny@1)"
    assert "Scale: 3 (best) .. 0 (worst)" in text
    assert "3 Embedded (best)" in text
    assert "0 Not started (worst)" in text
    node = json.loads(run("show", path, "E1.2", "--format", "json").output)
    assert node == {
        "id": "E1.2",
        "title": "Second strand",
        "levels": {"0": "None yet.", "1": "Some.", "2": "Most.", "3": "All."},
    }


def test_show_of_a_broken_framework_file_exits_1(data: Path) -> None:
    result = run("show", str(data / "bad" / "missing-level.yaml"))
    assert result.exit_code == 1
    assert "missing-level.yaml:16:15: error:" in result.output
    assert_no_traceback(result)


def test_schema_kinds_are_the_loader_kinds() -> None:
    assert set(SCHEMA_KINDS) == set(KINDS)


def test_the_framework_schema_accepts_the_bundled_framework(root: Path) -> None:
    """`selfreview schema framework` validates the bundled framework in a JSON Schema tool."""
    schema = json.loads(run("schema", "framework").output)
    jsonschema.Draft202012Validator.check_schema(schema)
    document = json.loads(
        json.dumps(yaml.safe_load((root / "frameworks" / "becta-srf.yaml").read_text()))
    )
    jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)
    assert schema["required"][0] == "kind"
    document["elements"][0]["aspects"][0]["strand"] = []
    with pytest.raises(jsonschema.ValidationError, match="'strand' was unexpected"):
        jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)


def test_the_assessment_schema_accepts_the_short_and_long_forms(data: Path) -> None:
    schema = json.loads(run("schema", "assessment").output)
    document = yaml.safe_load((data / "good" / "tiny-assessment.yaml").read_text())
    document["assessed_on"] = document["assessed_on"].isoformat()
    jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)
    document["judgements"]["E1.2"] = "high"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)


def test_an_unexpected_error_is_one_line_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import selfreview_core.display

    def explode(*args: object, **kwargs: object) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(selfreview_core.display, "show", explode)
    monkeypatch.delenv("SELFREVIEW_DEBUG", raising=False)
    result = CliRunner().invoke(cli, ["show", "becta-srf"])
    assert result.exit_code == 1
    assert "internal error: RuntimeError: boom" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert_no_traceback(result)


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.startswith("selfreview, version ")


@pytest.mark.parametrize("kind", [*SCHEMA_KINDS, "report"])
def test_the_schemas_in_docs_are_current(kind: str, root: Path) -> None:
    """docs/schema/KIND.json is what editors point at; regenerate with `selfreview schema KIND`."""
    text = (root / "docs" / "schema" / f"{kind}.json").read_text(encoding="utf-8")
    # Byte for byte (two spaces a level, text as written): regenerating one changes no line.
    assert run("schema", kind).output == text
    committed = json.loads(text)
    assert committed["$id"] == f"urn:selfreview-core:schema:{kind}"
    jsonschema.Draft202012Validator.check_schema(committed)


@pytest.mark.parametrize(
    ("content", "where", "words"),
    [
        (b"kind: framework\n\x00\x01\x02", ":2:1: error: ", "this is a binary file"),
        (b"kind: framework\ntitle: caf\xe9\n", ":2:11: error: ", "not valid UTF-8 (byte 0xe9)"),
        (
            b"kind: framework\nnotes: '" + b"x" * (11 * 1024 * 1024) + b"'\n",
            ": error: ",
            "the limit is 10,485,760",
        ),
    ],
    ids=["binary", "not-utf-8", "huge"],
)
def test_validate_refuses_hostile_bytes(
    tmp_path: Path, content: bytes, where: str, words: str
) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_bytes(content)
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert_no_traceback(result)
    [line] = [ln for ln in result.output.splitlines() if "error:" in ln]
    assert line.startswith(f"{path}{where}")
    assert words in line


def test_the_pre_commit_hook_runs_validate(root: Path) -> None:
    [hook] = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "selfreview-validate"
    assert hook["entry"] == "selfreview validate"
    assert hook["language"] == "python"
    assert set(hook["types_or"]) == {"yaml", "json"}


# -- limits and special files (issue 13; SPEC 7) ---------------------------------------------

FIFO = "is a named pipe (FIFO), not a regular file"
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")


def run_guarded(*args: str) -> subprocess.CompletedProcess[str]:
    """`selfreview ARGS` as the program gives it (exit code, standard output and error), in
    this process: if it blocks on a named pipe (waiting for a writer that never comes), the
    hang guard's alarm ends it and fails the test, instead of the test suite hanging. What
    these tests check is the files' refusal, not the process: a process of its own cost
    half a second of processor time a command (round 73)."""
    with hang_guard(120, waits=True):
        done = selfreview_here(args)
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode(), done.stderr.decode()
    )


@needs_fifo
@pytest.mark.parametrize(
    ("command", "name"),
    [
        ("validate", "pipe.yaml"),
        ("validate", "pipe.jsonl"),
        ("report", "pipe.yaml"),
        ("report", "pipe.jsonl"),
        ("show", "pipe.yaml"),
        ("benchmark", "pipe.yaml"),
        ("awards", "pipe.yaml"),
    ],
)
def test_a_named_pipe_given_to_any_command_is_refused_without_blocking(
    command: str, name: str, tmp_path: Path
) -> None:
    pipe = tmp_path / name
    os.mkfifo(pipe)
    done = run_guarded(command, str(pipe))
    assert done.returncode == 1, done
    assert f"{pipe}: error: {FIFO}" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr


@needs_fifo
def test_a_named_pipe_as_a_framework_option_is_refused_without_blocking(
    tmp_path: Path, data: Path
) -> None:
    pipe = tmp_path / "framework.yaml"
    os.mkfifo(pipe)
    done = run_guarded(
        "validate", "--framework", str(pipe), str(data / "good" / "tiny-assessment.yaml")
    )
    assert done.returncode == 1, done
    assert f"{pipe}: error: {FIFO}" in done.stderr


@needs_fifo
def test_validate_dir_reports_everything_it_cannot_read(tmp_path: Path, data: Path) -> None:
    """Nothing under the folder is skipped in silence: each is named, with why, and counts
    as invalid; the good file is still checked."""
    shutil.copy(data / "good" / "tiny-framework.yaml", tmp_path / "a-good.yaml")
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "broken.yaml").symlink_to("gone.yaml")
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to("..")
    done = run_guarded("validate", str(tmp_path))
    assert done.returncode == 1, done
    lines = done.stdout.splitlines()
    assert lines == [
        f'{tmp_path / "a-good.yaml"}: ok: framework tiny@1 "Tiny framework": 1 element, '
        "1 aspect, 2 strands, levels 3 (best) .. 0 (worst)",
        f"{tmp_path / 'broken.yaml'}: error: is a broken symbolic link "
        "(to `gone.yaml`, which does not exist)",
        f"{tmp_path / 'loop.yaml'}: error: is a symbolic link that loops: it never reaches a file",
        f"{tmp_path / 'pipe.yaml'}: error: {FIFO} (selfreview reads files, not streams or "
        "devices: save the text to a file)",
        f"{tmp_path / 'sub' / 'up'}: error: leads back to {tmp_path}, a folder that holds it: "
        "not followed, it would loop",
    ]
    assert done.stderr.splitlines()[-1] == "5 files checked: 1 valid, 4 invalid (4 errors)"


def test_validate_dir_reports_a_folder_it_cannot_list(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(data / "good" / "tiny-framework.yaml", tmp_path / "good.yaml")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "x.yaml").write_text("kind: rules\n")
    deny_listing(monkeypatch, tmp_path / "locked")
    result = run("validate", "--format", "json", str(tmp_path))
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["valid"] is False
    assert [(f["file"], f["valid"]) for f in payload["files"]] == [
        (str(tmp_path / "good.yaml"), True),
        (str(tmp_path / "locked"), False),
    ]
    [error] = payload["files"][1]["errors"]
    assert error["message"] == "is a folder that cannot be read: Permission denied"
    assert (error["code"], error["line"]) == ("unreadable", None)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root lists any folder")
def test_validate_dir_reports_a_folder_without_permission(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("kind: rules\n")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        result = run("validate", str(tmp_path))
    finally:
        locked.chmod(0o700)
    assert result.exit_code == 1
    assert f"{locked}: error: is a folder that cannot be read: Permission denied" in (result.output)


def alias_attack(path: Path, size: int = 4 * 1024 * 1024) -> Path:
    """A framework valid in every way but that each level descriptor is one alias of a
    title of `size` characters (4 MB: 40 MB of text in a 4 MB file)."""
    levels = "{0: *big, 1: *big, 2: *big, 3: *big}"
    path.write_text(
        "kind: framework\nid: tiny\nversion: '1'\n"
        f"title: &big {'x' * size}\n"
        "scale: {best: 3, worst: 0}\nelements:\n  - id: E\n    title: E\n    aspects:\n"
        "      - id: E1\n        title: E1\n        strands:\n"
        f"          - {{id: E1.1, title: *big, levels: {levels}}}\n"
        f"          - {{id: E1.2, title: one, levels: {levels}}}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("command", ["validate", "show", "report", "benchmark"])
def test_a_large_text_repeated_through_aliases_is_refused_by_every_command(
    command: str, tmp_path: Path
) -> None:
    """It passed `validate`, then `show` hung and `report` ran out of memory: now every
    command refuses it where the expanded text passes 10 MB (the title, then two
    aliases), without a traceback."""
    path = alias_attack(tmp_path / "attack.yaml")
    with hang_guard(60):
        result = CliRunner().invoke(cli, [command, str(path)], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert_no_traceback(result)
    column = len("          - {id: E1.1, title: *big, levels: {0: ") + 1
    assert (
        f"{path}:13:{column}: error: elements[0].aspects[0].strands[0].levels[0]: "
        "the document expands to more than 10,485,760 characters "
        "of text (the alias `*big` repeats 4,194,304 characters, counted each time)"
    ) in result.output


def test_aliases_within_the_limit_still_validate(tmp_path: Path) -> None:
    path = alias_attack(tmp_path / "small.yaml", size=1_000_000)  # 10 million characters
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output


@pytest.mark.skipif(not Path("/dev/stdin").exists(), reason="no /dev/stdin")
def test_dev_stdin_redirected_from_a_file_is_still_read(data: Path) -> None:
    """Reading standard input is for a later issue; what worked, a file redirected to
    `/dev/stdin` (a regular file underneath), still does. A pipe there is refused."""
    with (data / "good" / "tiny-framework.yaml").open("rb") as stdin:
        done = selfreview(["validate", "/dev/stdin"], stdin=stdin)
    assert done.returncode == 0, done
    assert done.stdout.startswith(b'/dev/stdin: ok: framework tiny@1 "Tiny framework"')


def test_the_frameworks_listed_as_json_are_indented_two_spaces() -> None:
    result = run("frameworks", "--format", "json")
    assert result.output.startswith('[\n  {\n    "id": ')
    assert "[default: table]" in " ".join(run("frameworks", "--help").output.split())


def test_plugins_as_json_are_indented_two_spaces_and_help_gives_the_default() -> None:
    result = run("plugins", "--format", "json")
    assert result.output.startswith('{\n  "')
    assert "[default: table]" in " ".join(run("plugins", "--help").output.split())


def test_awards_of_a_folder_is_a_usage_error_and_help_gives_the_default(root: Path) -> None:
    result = run("awards", str(root / "examples"))
    assert result.exit_code == 2
    assert "is a directory" in result.output
    assert "[default: table]" in " ".join(run("awards", "--help").output.split())
