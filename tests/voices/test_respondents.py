"""`respondent: {group: NAME}` on an assessment: loading, `validate`, the JSON Schema, and
`selfreview assess --group NAME` writing one (SPEC section 9)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner, Result

from selfreview_core import Assessment, Engine, Framework, InvalidDocument, load_assessment
from selfreview_core.cli import cli
from selfreview_core.model.assessment import Respondent
from selfreview_core.schema import json_schema

HEAD = (
    "kind: assessment\nframework: becta-srf\nschool: {id: '1', name: S}\nassessed_on: 2026-09-01\n"
)
SCHOOL = ("--school-id", "100000", "--school-name", "Example Primary School")


def load(text: str, becta: Framework) -> Assessment:
    return load_assessment("r.yaml", becta, text=HEAD + text + "judgements: {1a1: 3}\n")


def run(*args: str, input: str | None = None) -> Result:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def test_a_response_names_its_group_and_an_own_review_none(becta: Framework) -> None:
    assert load("respondent: {group: teachers}\n", becta).respondent == Respondent(group="teachers")
    assert load("respondent: {group: school-council}\n", becta).respondent is not None
    assert load("", becta).respondent is None


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            "respondent: {grup: teachers}\n",
            "r.yaml:5:14",
            "respondent.grup: unknown key `grup` (did you mean `group`?)",
        ),
        ("respondent: {}\n", "r.yaml:5:13", "respondent: missing required key `group`"),
        (
            "respondent: teachers\n",
            "r.yaml:5:13",
            "respondent: expected `{group: NAME}`: write `respondent: {group: teachers}`",
        ),
        (
            "respondent: {group: two words}\n",
            "r.yaml:5:21",
            "respondent.group: the text `two words` is not a valid id",
        ),
        ("respondent: {group: 7}\n", "r.yaml:5:21", "respondent.group: expected text"),
        ("respondnet: {group: pupils}\n", "r.yaml:5:1", "did you mean `respondent`?"),
    ],
    ids=["misspelt-key", "no-group", "text", "spaces", "number", "misspelt-respondent"],
)
def test_a_bad_respondent_is_located_with_a_hint(
    becta: Framework, text: str, where: str, message: str
) -> None:
    with pytest.raises(InvalidDocument) as caught:
        load(text, becta)
    shown = [str(d) for d in caught.value.diagnostics]
    assert any(line.startswith(where) and message in line for line in shown), shown


def test_validate_says_whose_answers_a_file_holds(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(HEAD + "respondent: {group: pupils}\njudgements: {1a1: 3}\n")
    result = run("validate", str(path))
    assert result.exit_code == 0
    assert "a response of pupils, 1 of 12 strands judged" in result.stdout
    path.write_text(HEAD + "respondent: {group: 'pupils and staff'}\njudgements: {1a1: 3}\n")
    bad = run("validate", str(path), "--format", "json")
    assert bad.exit_code == 1
    [diagnostic] = json.loads(bad.stdout)["files"][0]["errors"]
    assert (diagnostic["line"], diagnostic["path"]) == (5, "respondent.group")


def test_the_schema_knows_respondent(root: Path) -> None:
    schema = json_schema("assessment")
    assert "respondent" in schema["properties"]
    good = yaml.safe_load(HEAD + "respondent: {group: pupils}\njudgements: {1a1: 3}\n")
    good["assessed_on"] = "2026-09-01"
    jsonschema.validate(good, schema, cls=jsonschema.Draft202012Validator)
    for wrong in ({"grup": "pupils"}, {}, "pupils", {"group": "two words"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**good, "respondent": wrong}, schema)
    committed = json.loads((root / "docs" / "schema" / "assessment.json").read_text())
    assert committed == schema


def test_the_json_of_a_response_round_trips(becta: Framework) -> None:
    made = load("respondent: {group: governors}\n", becta)
    assert Assessment.model_validate_json(made.model_dump_json()) == made


# -- assess --group ------------------------------------------------------------------------------


def test_assess_group_writes_a_response_naming_no_one(tmp_path: Path) -> None:
    out = tmp_path / "mine.yaml"
    result = run(
        "assess", "becta-srf", "-o", str(out), *SCHOOL, "--group", "teachers", input="3\n\nq\n"
    )
    assert result.exit_code == 0, result.output
    assert "Your name or role" not in result.output
    saved = load_assessment(out, Engine(entry_points=False).framework_names())
    assert saved.respondent == Respondent(group="teachers")
    assert saved.assessor is None
    assert saved.level("1a1") == 3
    assert "respondent:\n  group: teachers\n" in out.read_text(encoding="utf-8")


def test_assess_group_asks_for_the_school_but_not_for_a_name(tmp_path: Path) -> None:
    out = tmp_path / "mine.json"
    typed = "100000\nExample Primary School\nExample LEA\nq\n"
    result = run("assess", "becta-srf", "-o", str(out), "--group", "pupils", input=typed)
    assert result.exit_code == 0, result.output
    assert "Local authority" in result.output
    assert "Your name or role" not in result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["respondent"] == {"group": "pupils"}
    assert "assessor" not in data


def test_assess_group_refuses_an_assessor_and_a_bad_group(tmp_path: Path) -> None:
    out = tmp_path / "mine.yaml"
    both = run(
        "assess", "becta-srf", "-o", str(out), *SCHOOL, "--group", "pupils", "--assessor", "Me"
    )
    assert both.exit_code == 2
    assert "--assessor cannot go with --group" in both.stderr
    spaced = run("assess", "becta-srf", "-o", str(out), *SCHOOL, "--group", "year 6")
    assert spaced.exit_code == 2
    assert "Invalid value for --group: a group is an id: no spaces and no `@`" in spaced.stderr
    assert not out.exists()


def test_a_group_close_to_a_conventional_one_gets_a_note(tmp_path: Path) -> None:
    out = tmp_path / "mine.yaml"
    result = run("assess", "becta-srf", "-o", str(out), *SCHOOL, "--group", "teacher", input="q\n")
    assert result.exit_code == 0, result.output
    assert "note: `teacher` is not one of the usual groups (did you mean `teachers`?)" in (
        result.stderr
    )
    assert load_assessment(out).respondent == Respondent(group="teacher")
    other = run(
        "assess",
        "becta-srf",
        "-o",
        str(tmp_path / "b.yaml"),
        *SCHOOL,
        "--group",
        "year-6",
        input="q\n",
    )
    assert "note:" not in other.stderr


def test_continuing_a_file_of_another_group_is_refused_and_the_file_kept(
    tmp_path: Path, root: Path
) -> None:
    out = tmp_path / "mine.yaml"
    run("assess", "becta-srf", "-o", str(out), *SCHOOL, "--group", "teachers", input="3\n\nq\n")
    before = out.read_bytes()
    result = run("assess", "becta-srf", "-o", str(out), "--group", "pupils", input="q\n")
    assert result.exit_code == 1
    assert "holds the answers of a respondent of group `teachers`, not `pupils`" in result.stderr
    assert "give --group teachers to continue it" in result.stderr
    assert out.read_bytes() == before
    # Without --group the file goes on as the response it is.
    again = run("assess", "becta-srf", "-o", str(out), input="4\n\nq\n")
    assert again.exit_code == 0, again.output
    assert load_assessment(out).respondent == Respondent(group="teachers")
    own = tmp_path / "own.yaml"
    own.write_bytes((root / "examples" / "example-primary-2025.yaml").read_bytes())
    refused = run("assess", "becta-srf", "-o", str(own), "--group", "teachers", input="q\n")
    assert refused.exit_code == 1
    assert "holds the school's own review, not a respondent's answers" in refused.stderr
