"""What `selfreview validate` says of a valid rule pack, plan and migration (the one line
summing each up), and that the library's `validate_files` warns, rather than refuses, a
condition that can never hold unless asked to be strict (`check_files` too, by default),
with a warning on a JSON Lines line located at that line; that an assessment's summary
counts strands not applicable apart; and that the JSON tally is indented by two spaces.
Mutation passes (round 39) found these unpinned. Round 47's found `--format json`'s summary
and `line` of each document, and the summary of a framework model, unpinned too."""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING

import yaml
from click.testing import CliRunner

from selfreview_core import load_assessment, load_framework
from selfreview_core.cli import cli
from selfreview_core.validation.files import Tally, check_files, summarise, validate_files
from test_pydantic_errors_mutants import TINY_ASSESSMENT

if TYPE_CHECKING:
    from pathlib import Path

_RULES = """\
kind: rules
id: tiny-rules
framework: tiny
rules:
  - id: first
    when: {strand: E1.1, level: [0, 1]}
    recommend: {title: Start, action: Do it.}
  - id: second
    when: {strand: E1.2, level: [0]}
    recommend: {title: Start again, action: Do it.}
"""

_NEVER = """\
kind: rules
id: tiny-never
framework: tiny
rules:
  - id: never
    when: {strand: E1.1, below: 0}
    recommend: {title: Never, action: Do it.}
"""

_PLAN = """\
kind: plan
framework: tiny@1
school: {id: T-001, name: Tiny School}
made_from: {assessed_on: 2026-09-30}
created_on: 2026-10-01
actions:
  - {id: a1, recommendation: r1, title: One, targets: [E1.1], status: done}
  - {id: a2, recommendation: r2, title: Two, targets: [E1.2]}
  - {id: a3, recommendation: r3, title: Three, targets: [E1.2], status: done}
"""


def _validate(*paths: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, ["validate", *map(str, paths)], catch_exceptions=False)
    return result.exit_code, result.output.splitlines()


def test_validate_sums_up_a_valid_rule_pack_and_plan(tmp_path: Path, data: Path) -> None:
    framework = data / "good" / "tiny-framework.yaml"
    rules = tmp_path / "rules.yaml"
    rules.write_text(_RULES)
    plan = tmp_path / "plan.yaml"
    plan.write_text(_PLAN)
    code, lines = _validate(framework, rules, plan)
    assert code == 0, lines
    assert f"{rules}: ok: rule pack tiny-rules for tiny: 2 rules" in lines
    assert (
        f"{plan}: ok: plan for Tiny School (T-001) of tiny@1: 3 actions (1 planned, 2 done)"
        in lines
    )
    assert lines[-1] == "3 files checked: 3 valid, 0 invalid"


def test_validate_sums_up_a_valid_migration(tmp_path: Path, root: Path) -> None:
    examples = root / "examples" / "migration"
    names = ("example-srf-1.yaml", "example-srf-2.yaml", "example-srf-1-to-2.yaml")
    for name in names:
        shutil.copy(examples / name, tmp_path / name)
    code, lines = _validate(*(tmp_path / name for name in names))
    assert code == 0, lines
    assert (
        f"{tmp_path / names[2]}: ok: migration example-srf@1 -> example-srf@2: "
        "6 strands mapped (1 split, 1 merge), 1 retired"
    ) in lines


def test_validate_files_warns_of_a_condition_that_never_holds_unless_strict(
    tmp_path: Path, data: Path
) -> None:
    framework = data / "good" / "tiny-framework.yaml"
    rules = tmp_path / "never.yaml"
    rules.write_text(_NEVER)
    [_, lenient] = validate_files([framework, rules])
    assert lenient.ok
    assert lenient.diagnostics == []
    [warning] = lenient.warnings
    assert (warning.line, warning.path, warning.code) == (6, "rules[0].when.below", "never-holds")
    [_, strict] = validate_files([framework, rules], strict=True)
    assert not strict.ok
    assert [d.code for d in strict.diagnostics] == ["never-holds"]
    assert strict.warnings == []


def test_check_files_is_lenient_unless_asked_to_be_strict(tmp_path: Path, data: Path) -> None:
    rules = tmp_path / "never.yaml"
    rules.write_text(_NEVER)
    [_, result] = check_files([data / "good" / "tiny-framework.yaml", rules])
    assert result.ok
    assert [w.code for w in result.warnings] == ["never-holds"]


def test_a_warning_on_a_json_lines_line_is_located_at_that_line(tmp_path: Path, data: Path) -> None:
    """The second line's rule pack never holds: the warning names the file and line 2."""
    lines = tmp_path / "packs.jsonl"
    packs = [yaml.safe_load(_RULES), yaml.safe_load(_NEVER)]
    lines.write_text("".join(json.dumps(p) + "\n" for p in packs))
    results = validate_files([data / "good" / "tiny-framework.yaml", lines])
    assert [(r.where, r.ok, len(r.warnings)) for r in results[1:]] == [
        (f"{lines}:1", True, 0),
        (f"{lines}:2", True, 1),
    ]
    [warning] = results[2].warnings
    assert (warning.file, warning.line, warning.code) == (str(lines), 2, "never-holds")


_NOT_APPLICABLE = TINY_ASSESSMENT + "  E1.2: {applicable: false, evidence: No such thing}\n"


def test_a_summary_counts_strands_not_applicable_apart(data: Path) -> None:
    """Of tiny's two strands one is judged and one does not apply: it is judged of one."""
    tiny = load_framework(data / "good" / "tiny-framework.yaml")
    assessment = load_assessment("a.yaml", tiny, text=_NOT_APPLICABLE)
    start = "assessment of tiny@1 for Tiny School (T-001) on 2026-09-30: "
    assert summarise(assessment, tiny) == start + "1 of 1 strands judged, 1 not applicable"
    assert summarise(assessment) == start + "1 strand judged, 1 not applicable"


def test_the_json_tally_is_indented_by_two_spaces() -> None:
    assert Tally().json([]) == '{\n  "valid": true,\n  "files": []\n}'


def test_a_framework_built_is_summed_up_as_one_read_on_its_plain_data(data: Path) -> None:
    """`summarise` of a framework model (what `validate` prints when the model had to be
    built) says what the quick outline of its plain data says: the same line either way."""
    tiny = data / "good" / "tiny-framework.yaml"
    said = (
        'framework tiny@1 "Tiny framework": 1 element, 1 aspect, 2 strands, '
        "levels 3 (best) .. 0 (worst)"
    )
    assert summarise(load_framework(tiny)) == said
    code, lines = _validate(tiny)
    assert (code, lines[0]) == (0, f"{tiny}: ok: {said}")


def test_validate_json_gives_each_document_its_summary_and_a_json_lines_one_its_line(
    tmp_path: Path, data: Path
) -> None:
    """`validate --format json`: a valid assessment's summary (one of tiny's two strands
    judged), none for an invalid file, and a `line` key only for a document of a JSON Lines
    file."""
    tiny = data / "good" / "tiny-framework.yaml"
    school = tmp_path / "school.yaml"
    school.write_text(TINY_ASSESSMENT)
    broken = tmp_path / "broken.yaml"
    broken.write_text(TINY_ASSESSMENT.replace("E1.1: 2", "E1.1: 9"))
    lines = tmp_path / "schools.jsonl"
    lines.write_text(json.dumps(yaml.safe_load(TINY_ASSESSMENT), default=str) + "\n")
    result = CliRunner().invoke(
        cli, ["validate", "--format", "json", *map(str, (tiny, school, broken, lines))]
    )
    assert result.exit_code == 1
    files = json.loads(result.output)["files"]
    judged = "assessment of tiny@1 for Tiny School (T-001) on 2026-09-30: 1 of 2 strands judged"
    assert [(f["file"], f["valid"], f["summary"], f.get("line", "none")) for f in files[1:]] == [
        (str(school), True, judged, "none"),
        (str(broken), False, None, "none"),
        (str(lines), True, judged, 1),
    ]
