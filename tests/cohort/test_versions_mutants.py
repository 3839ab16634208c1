"""A cohort over several versions of a framework (`cohort/versions.py`): what the mutation
pass found no test for, and the bug it led to.

Without `--to`, when migrations are known, the cohort is of the newest version present;
every line of a JSON Lines file is present, not only a file of one line (a JSON Lines file
of two or more lines was read as one document, failed, and was passed over: the cohort was
of an older version and every line of the newer one was skipped).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from selfreview_core import Engine, load_assessment
from selfreview_core.cli import cli
from selfreview_core.cohort.versions import framework_refs, newest_present

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "migration"
V1 = EXAMPLES / "example-srf-1.yaml"
V2 = EXAMPLES / "example-srf-2.yaml"
MIGRATION = EXAMPLES / "example-srf-1-to-2.yaml"
SCHOOL_V1 = EXAMPLES / "example-school-v1.yaml"
SCHOOL_V2 = EXAMPLES / "example-school-v2-2026.yaml"


def versions() -> Engine:
    return Engine(frameworks=[V1, V2], migrations=[MIGRATION], entry_points=False)


def json_line(path: Path, school_id: str) -> str:
    """The review in `path` as one line of JSON, of school `school_id`."""
    review = load_assessment(path, versions().framework_names())
    school = review.school.model_copy(update={"id": school_id})
    return review.model_copy(update={"school": school}).model_dump_json(exclude_none=True)


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """A review of version 1, and two of version 2 in a JSON Lines file."""
    folder = tmp_path / "cohort"
    folder.mkdir()
    (folder / "a-v1.yaml").write_bytes(SCHOOL_V1.read_bytes())
    lines = [json_line(SCHOOL_V2, "EX-3"), json_line(SCHOOL_V2, "EX-4")]
    (folder / "b-v2.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_every_line_of_a_json_lines_file_is_a_version_present(mixed: Path) -> None:
    files = [str(mixed / "a-v1.yaml"), str(mixed / "b-v2.jsonl")]
    assert framework_refs(files) == ["example-srf@1", "example-srf@2"]
    found = newest_present(files, versions())
    assert found is not None
    assert found.ref == "example-srf@2"
    # A later line of a newer version counts as the first does.
    lines = mixed / "b-v2.jsonl"
    lines.write_text(json_line(SCHOOL_V1, "EX-5") + "\n" + lines.read_text("utf-8"), "utf-8")
    assert framework_refs([str(lines)]) == ["example-srf@1", "example-srf@2"]


def test_benchmark_without_to_carries_a_cohort_to_the_newest_version_in_json_lines(
    mixed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = Engine.__init__

    def with_both(self: Engine, **options: Any) -> None:
        options["frameworks"] = [V1, V2]
        original(self, **options)

    monkeypatch.setattr(Engine, "__init__", with_both)
    result = CliRunner().invoke(
        cli,
        ["benchmark", str(mixed), "--migration", str(MIGRATION), "--format", "json"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    cohort = json.loads(result.stdout)
    assert (cohort["framework"], cohort["size"]) == ("example-srf@2", 3)
    assert "1 assessment(s) of other versions carried to example-srf@2" in result.stderr
    assert "error" not in result.stderr


def test_a_plan_or_rule_pack_of_a_newer_version_does_not_make_the_cohort_newer(
    mixed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only assessments are versions present: a plan or a rule pack of version 2 names the
    framework as a review does, but the benchmark skips it (it is no assessment), and so
    does the choice of the cohort's version, however it is written. It made the cohort of
    version 2, and the reviews of version 1 were carried there, the split strand losing its
    level."""
    (mixed / "b-v2.jsonl").unlink()
    for name, text in (
        ("plan.yaml", "kind: plan\nframework: example-srf@2\n"),
        ("rules.yaml", "# rules\nframework: 'example-srf@2'\nkind: rules\n"),
        ("rules.json", '{"framework": "example-srf@2", "kind": "rules"}'),
        ("flow.yaml", "{kind: plan, framework: example-srf@2}\n"),
    ):
        (mixed / name).write_text(text, encoding="utf-8")
    files = sorted(str(path) for path in mixed.iterdir())
    assert framework_refs(files) == ["example-srf@1"]
    found = newest_present(files, versions())
    assert found is not None
    assert found.ref == "example-srf@1"
    original = Engine.__init__

    def with_both(self: Engine, **options: Any) -> None:
        options["frameworks"] = [V1, V2]
        original(self, **options)

    monkeypatch.setattr(Engine, "__init__", with_both)
    result = CliRunner().invoke(
        cli,
        ["benchmark", str(mixed), "--migration", str(MIGRATION), "--format", "json"],
        catch_exceptions=False,
    )
    assert result.exit_code == 1, result.output  # the four files that are no assessments
    cohort = json.loads(result.stdout)
    assert (cohort["framework"], cohort["size"]) == ("example-srf@1", 1)
    assert cohort["strands"]["1b1"]["judged"] == 1
    assert "carried" not in result.stderr
    assert "4 of 5 files skipped" in result.stderr
