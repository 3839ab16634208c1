"""A cohort over several versions of a framework (`cohort/versions.py`): what the mutation
pass found no test for, and the bug it led to.

Without `--to`, when migrations are known, the cohort is of the newest version present;
every line of a JSON Lines file is present, not only a file of one line (a JSON Lines file
of two or more lines was read as one document, failed, and was passed over: the cohort was
of an older version and every line of the newer one was skipped).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from click.testing import CliRunner

from selfreview_core import (
    Assessment,
    Engine,
    Framework,
    InvalidDocument,
    SelfReviewError,
    benchmark_files,
    load_assessment,
)
from selfreview_core.cli import cli
from selfreview_core.cohort.versions import (
    CohortMigration,
    cohort_framework,
    framework_refs,
    migrating_loader,
    newest_present,
)
from selfreview_core.files.source import read_source

if TYPE_CHECKING:
    from selfreview_core.migrations.apply import Migrated

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


def _engines_know_both_versions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every engine the command builds is given both versions' framework files."""
    original = Engine.__init__

    def with_both(self: Engine, **options: Any) -> None:
        options["frameworks"] = [V1, V2]
        original(self, **options)

    monkeypatch.setattr(Engine, "__init__", with_both)


def test_benchmark_without_to_carries_a_cohort_to_the_newest_version_in_json_lines(
    mixed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _engines_know_both_versions(monkeypatch)
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
    _engines_know_both_versions(monkeypatch)
    result = CliRunner().invoke(
        cli,
        ["benchmark", str(mixed), "--migration", str(MIGRATION), "--format", "json"],
        catch_exceptions=False,
    )
    assert result.exit_code == 1, result.output  # the two plans, which are no assessments
    cohort = json.loads(result.stdout)
    assert (cohort["framework"], cohort["size"]) == ("example-srf@1", 1)
    assert cohort["strands"]["1b1"]["judged"] == 1
    assert "carried" not in result.stderr
    assert "2 of 3 files skipped" in result.stderr  # the rule packs passed by (round 55):
    for name in ("rules.json", "rules.yaml"):
        assert f"{mixed / name}: note: a rule pack, not read: `benchmark` applies none" in (
            result.stderr
        )


def test_a_plain_framework_line_is_read_without_parsing_the_file(
    mixed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cohort of thousands of files: each one's version is found by a look at its `kind:`
    and `framework:` lines, the file never parsed for it (staging parses it once)."""
    from selfreview_core.cohort import versions as module

    def refused(*args: object, **options: object) -> None:
        raise AssertionError("parsed")

    monkeypatch.setattr(module, "parse_text", refused)
    files = [str(mixed / "a-v1.yaml"), str(mixed / "b-v2.jsonl")]
    assert framework_refs(files) == ["example-srf@1", "example-srf@2"]


def test_a_review_whose_lines_are_not_plain_is_parsed_for_its_version(tmp_path: Path) -> None:
    """YAML in flow style, or JSON whose `framework` holds an escape, names its version as
    plainly written files do; a flow-style plan still is no review."""
    flow = tmp_path / "a.yaml"
    flow.write_text("{kind: assessment, framework: example-srf@2}\n", encoding="utf-8")
    escaped = tmp_path / "b.json"
    escaped.write_text('{"kind": "assessment", "framework": "example-srf\\u00402"}', "utf-8")
    assert framework_refs([str(flow)]) == ["example-srf@2"]
    assert framework_refs([str(escaped)]) == ["example-srf@2"]


def test_the_cohorts_version_passes_over_unknown_and_other_frameworks(tmp_path: Path) -> None:
    """The newest version is of the first framework available that a file names: a file of
    an unknown framework, one that cannot be read and a review of another framework met
    after it are passed over, whatever their order."""
    (tmp_path / "a.yaml").write_text("kind: assessment\nframework: nowhere@9\n", "utf-8")
    (tmp_path / "b.yaml").write_bytes(SCHOOL_V1.read_bytes())
    becta = "kind: assessment\nframework: becta-srf@2010\n"
    (tmp_path / "c.yaml").write_text(becta, encoding="utf-8")
    (tmp_path / "d.yaml").write_bytes(SCHOOL_V2.read_bytes())
    files = [str(tmp_path / n) for n in ("a.yaml", "gone.yaml", "b.yaml", "c.yaml", "d.yaml")]
    found = newest_present(files, versions())
    assert found is not None
    assert found.ref == "example-srf@2"
    found = newest_present(files[:4], versions())
    assert found is not None
    assert found.ref == "example-srf@1"
    assert newest_present(files[:2], versions()) is None


def test_without_migrations_a_cohort_is_of_one_version_and_nothing_is_carried() -> None:
    """No migration known: the cohort's framework is the one given, or the lookup that the
    first readable assessment's is found in, and nothing carries another version."""
    plain = Engine(frameworks=[V1, V2], entry_points=False)
    first = plain.framework("example-srf@1")
    assert cohort_framework(plain, [str(SCHOOL_V2)], first) == (first, None)
    assert cohort_framework(plain, [str(SCHOOL_V2)], None) == (plain.framework_names(), None)


def test_with_migrations_a_cohort_carries_to_the_version_given_or_the_newest_present(
    tmp_path: Path,
) -> None:
    given = versions()
    first, second = given.framework("example-srf@1"), given.framework("example-srf@2")
    found, carry = cohort_framework(given, [str(SCHOOL_V2)], first)
    assert found is first
    assert carry is not None
    assert carry.target is first
    found, carry = cohort_framework(given, [str(SCHOOL_V1), str(SCHOOL_V2)], None)
    assert found is second
    assert carry is not None
    assert carry.target is second
    # No file of an available framework: the lookup, and nothing to carry to.
    (tmp_path / "a.yaml").write_text("kind: assessment\nframework: nowhere@9\n", "utf-8")
    assert cohort_framework(given, [str(tmp_path / "a.yaml")], None) == (
        given.framework_names(),
        None,
    )


def test_benchmark_with_migrations_over_files_of_no_known_framework_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Migrations known, no file of a framework available: each file is refused, located,
    and the command says no assessment was usable (exit 1), as without migrations."""
    (tmp_path / "a.yaml").write_text("kind: assessment\nframework: nowhere@9\n", "utf-8")
    _engines_know_both_versions(monkeypatch)
    result = CliRunner().invoke(
        cli, ["benchmark", str(tmp_path), "--migration", str(MIGRATION)], catch_exceptions=False
    )
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert f"{tmp_path / 'a.yaml'}:2:12: error: framework: unknown framework" in result.stderr
    assert "no usable assessments in 1 file(s)" in result.stderr


def test_a_cohort_migration_counts_what_it_carried(mixed: Path) -> None:
    """`CohortMigration` (for `benchmark_files`) gives the carried assessment and counts
    each one; reviews already of the cohort's version are not its to count."""
    given = versions()
    second = given.framework("example-srf@2")
    carry = CohortMigration(given, second)
    assert carry.carried == 0
    (mixed / "c-v1.yaml").write_text(
        SCHOOL_V1.read_text("utf-8").replace("id: EX-2", "id: EX-5"), "utf-8"
    )
    files = [str(mixed / n) for n in ("a-v1.yaml", "c-v1.yaml")]
    files.append(str(mixed / "d-v2.yaml"))
    (mixed / "d-v2.yaml").write_bytes(SCHOOL_V2.read_bytes())
    result = benchmark_files(files, second, migrate=carry)
    assert result.cohort is not None
    assert result.skipped == []
    assert result.cohort.school_ids == ("EX-2", "EX-5")  # EX-2's latest is of version 2
    assert carry.carried == 2


class _Failing:
    """The engine's versions, whose migration fails with `error`."""

    def __init__(self, error: SelfReviewError) -> None:
        self._engine = versions()
        self._error = error

    def framework_names(self) -> dict[str, Framework]:
        return self._engine.framework_names()

    def migrations(self) -> Sequence[object]:
        return self._engine.migrations()

    def migrate(self, assessment: Assessment, to: str) -> Migrated:
        raise self._error


@pytest.mark.parametrize(
    ("hint", "shown"),
    [
        ("read the migration", "read the migration"),
        (None, "a cohort is of one framework version: example-srf@2"),
    ],
)
def test_a_review_that_cannot_be_carried_is_refused_at_its_framework_line(
    hint: str | None, shown: str
) -> None:
    """The migration's own message and hint, at the review's `framework` line; without a
    hint, one saying a cohort is of one version."""
    failing = _Failing(SelfReviewError("cannot be carried", hint=hint, code="no-path"))
    load = migrating_loader(failing, failing.framework_names()["example-srf@2"])
    with pytest.raises(InvalidDocument) as raised:
        load(read_source(str(SCHOOL_V1)))
    [problem] = raised.value.diagnostics
    assert (problem.message, problem.hint, problem.code) == ("cannot be carried", shown, "no-path")
    assert (problem.file, problem.line, problem.column) == (str(SCHOOL_V1), 5, 12)
