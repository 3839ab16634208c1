"""What `selfreview collect` (`cli/collect.py`) does that its other tests did not pin: found
by the round-71 mutation pass over the module. A framework file in a folder that does not
load is one of the inputs read, and skipped: the counts `collect` tells include it. A
review given twice, and ids that look alike, are told in the framework's words for who is
reviewed."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
REVIEW = ROOT / "examples" / "example-primary-2025.yaml"
FRAMEWORK = ROOT / "examples" / "migration" / "example-srf-1.yaml"
QUESTIONS = ROOT / "examples" / "questions"


def _folder(tmp_path: Path) -> Path:
    """A folder of a review and a framework file with a mistake (`titel:` at line 8)."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(REVIEW, folder / "a.yaml")
    text = FRAMEWORK.read_text(encoding="utf-8").replace("\ntitle: ", "\ntitel: ")
    (folder / "fw.yaml").write_text(text, encoding="utf-8")
    return folder


def test_a_broken_framework_in_a_folder_is_counted_among_the_inputs_skipped(
    tmp_path: Path,
) -> None:
    """The review is collected, the framework told at its mistake, and the summary says one
    of the two inputs read was skipped, exit 1: it said "1 of 0 inputs" had the broken
    framework been taken from the count rather than added to it."""
    folder = _folder(tmp_path)
    out = tmp_path / "cohort.parquet"
    result = CliRunner().invoke(cli, ["collect", str(folder), "-o", str(out)])
    assert (result.exit_code, result.stdout) == (1, "")
    lines = result.stderr.splitlines()
    assert (
        f"{folder / 'fw.yaml'}:8:1: error: titel: unknown key `titel` (did you mean `title`?)"
        in (lines)
    )
    assert lines[-1] == (
        f"Collected 1 review (11 rows) into {out}; 1 of 2 inputs skipped (errors above)."
    )
    assert out.is_file()


def test_nothing_usable_counts_the_broken_framework_among_the_inputs(tmp_path: Path) -> None:
    """With the review not valid either, nothing is written, and both inputs read are
    counted: "no usable assessments in 2 input(s)", exit 1."""
    folder = _folder(tmp_path)
    (folder / "a.yaml").write_text("kind: assessment\nframework: becta-srf\n", encoding="utf-8")
    out = tmp_path / "cohort.parquet"
    result = CliRunner().invoke(cli, ["collect", str(folder), "-o", str(out)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines()[-1] == (
        "no usable assessments in 2 input(s); nothing was written"
    )
    assert not out.exists()


def test_a_review_given_twice_is_told_in_its_frameworks_words(tmp_path: Path) -> None:
    """Two copies of a setting's review (technology-standards: `terms: {subject: setting}`)
    on one date: the warning names the setting as a setting, not a school, and keeps the
    one read last, exit 1."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.yaml", "b.yaml"):
        shutil.copy(QUESTIONS / "example-setting.yaml", folder / name)
    out = tmp_path / "cohort.parquet"
    framework = str(QUESTIONS / "technology-standards.yaml")
    result = CliRunner().invoke(
        cli, ["collect", str(folder), "--framework", framework, "-o", str(out)]
    )
    assert (result.exit_code, result.stdout) == (1, "")
    a, b = folder / "a.yaml", folder / "b.yaml"
    assert result.stderr == (
        f"warning: setting SET-001 has 2 reviews dated 2026-11-01: {a} and {b}; {b} (read "
        f"last) is kept, {a} left out\nCollected 1 review (8 rows) into {out}.\n"
    )


def test_ids_that_look_alike_are_told_in_the_frameworks_words(tmp_path: Path) -> None:
    """Two settings whose ids differ in letter case alone: the warning says "settings" and
    "a setting", the words of the framework they share (technology-standards), not
    "schools". Exit 0, both collected."""
    folder = tmp_path / "in"
    folder.mkdir()
    text = (QUESTIONS / "example-setting.yaml").read_text(encoding="utf-8")
    (folder / "a.yaml").write_text(text, encoding="utf-8")
    (folder / "b.yaml").write_text(text.replace("id: SET-001", "id: set-001"), encoding="utf-8")
    out = tmp_path / "cohort.parquet"
    framework = str(QUESTIONS / "technology-standards.yaml")
    result = CliRunner().invoke(
        cli, ["collect", str(folder), "--framework", framework, "-o", str(out)]
    )
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == (
        "warning: the settings `SET-001`, `set-001` have ids that look alike (they differ in "
        "letter case alone): each counts as a setting of its own, with reviews of its own; "
        f"give them one id if they are one setting\nCollected 2 reviews (16 rows) into {out}.\n"
    )
