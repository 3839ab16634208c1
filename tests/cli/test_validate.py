"""`selfreview validate DIR` walks a folder as the batch commands do (`cli/validate.py`,
`cli/_common.files_named`, `validation.check_files`): its JSON Lines files are checked too.

Before, `validate cohort/` skipped every `.jsonl` file under the folder (one given by name
was checked) while `report cohort/` read them: a user who ran it before a batch thought all
of it had been checked.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner, Result

from cli.test_commands import FIFO, needs_fifo, run_guarded
from selfreview_core.cli import cli
from selfreview_core.validation.files import check_files

ROOT = Path(__file__).resolve().parents[2]
REVIEW = ROOT / "examples" / "example-primary-2025.yaml"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _folder(tmp_path: Path) -> Path:
    """A review, and a JSON Lines file of the review and a line that is no assessment."""
    folder = tmp_path / "cohort"
    folder.mkdir()
    shutil.copy(REVIEW, folder / "a.yaml")
    line = json.dumps(yaml.safe_load(REVIEW.read_text(encoding="utf-8")), default=str)
    (folder / "b.jsonl").write_text(f'{line}\n{{"kind": "assessment"}}\n', encoding="utf-8")
    return folder


def test_validate_dir_checks_its_json_lines_files_as_report_dir_reads_them(
    tmp_path: Path,
) -> None:
    folder = _folder(tmp_path)
    result = run("validate", str(folder))
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"{folder / 'a.yaml'}: ok: " + lines[0].split(": ok: ")[1]
    assert lines[1].startswith(f"{folder / 'b.jsonl'}:1: ok: assessment of becta-srf@2010")
    assert f"{folder / 'b.jsonl'}:2:1: error: missing required key `framework`" in lines
    assert "3 documents checked: 2 valid, 1 invalid" in result.stderr
    batch = run("report", str(folder), "--format", "json")  # the same files, read
    assert f"{folder / 'b.jsonl'}:2:" in batch.stderr
    assert len(batch.stdout.splitlines()) == 2
    found = [r.where for r in check_files([folder])]  # the library walks as the command
    assert found == [str(folder / "a.yaml"), f"{folder / 'b.jsonl'}:1", f"{folder / 'b.jsonl'}:2"]


@needs_fifo
def test_a_named_pipe_named_jsonl_in_a_folder_is_refused_without_blocking(
    tmp_path: Path,
) -> None:
    folder = _folder(tmp_path)
    os.mkfifo(folder / "c.jsonl")
    done = run_guarded("validate", str(folder))
    assert done.returncode == 1, done
    assert f"{folder / 'c.jsonl'}: error: {FIFO}" in done.stdout
    assert f"{folder / 'a.yaml'}: ok: " in done.stdout  # the other files still checked
    assert f"{folder / 'b.jsonl'}:1: ok: " in done.stdout
    assert "4 documents checked: 2 valid, 2 invalid" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr
