"""Optional text given by an option (`assess --authority`, `--assessor`, `plan --owner`) is
kept as the same text typed at its prompt is (`typed_text.optional_text`): stripped, and
none when it says nothing (blank, or only what prints as nothing).

Until round 74 `--authority` of a zero-width space (or `--authority '  '`, `--assessor ''`)
was written to the file as given, where the same text typed at the prompt was none: one
review, two files, by how the answer came.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core import load_assessment, load_plan
from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
REVIEW_2025 = ROOT / "examples" / "example-primary-2025.yaml"
HEADER = ["--school-id", "100001", "--school-name", "Piped School", "--date", "2026-11-01"]
#: Optional text that says nothing: empty, blank, a zero-width space, a word joiner and
#: a tab, a mark on nothing.
NOTHING = ["", "  ", "\u200b", "\u2060\t", "\u0301"]


def run(*args: str, input: str | None = None) -> Result:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def _assessed(out: Path, *options: str) -> str:
    """The file `assess` writes for the school given by `HEADER` and `options`, stopped at
    the first strand's level (a level given to the first strand, then q)."""
    result = run("assess", "becta-srf", "-o", str(out), *HEADER, *options, input="3\n\nq\n")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("nothing", NOTHING, ids=repr)
def test_an_authority_or_assessor_option_saying_nothing_is_none(
    tmp_path: Path, nothing: str
) -> None:
    """The file is byte for byte the one written without the options: the school, the
    date and the level given are all there, and no `authority:` or `assessor:` key."""
    given = _assessed(tmp_path / "given.yaml", "--authority", nothing, "--assessor", nothing)
    plain = _assessed(tmp_path / "plain.yaml")
    assert given == plain
    assessment = load_assessment(tmp_path / "given.yaml")
    assert (assessment.school.id, assessment.school.name) == ("100001", "Piped School")
    assert (assessment.school.authority, assessment.assessor) == (None, None)
    assert assessment.judgements["1a1"].level == 3


def test_an_authority_or_assessor_option_is_kept_stripped_as_typed_text_is(
    tmp_path: Path,
) -> None:
    out = tmp_path / "review.yaml"
    _assessed(out, "--authority", "  Leeds\u200b ", "--assessor", "\tHead ")
    assessment = load_assessment(out)
    assert (assessment.school.authority, assessment.assessor) == ("Leeds\u200b", "Head")


def test_an_assessor_saying_nothing_may_go_with_a_group(tmp_path: Path) -> None:
    """`--assessor ''` is no assessor, so it does not name anyone in a respondent's file."""
    out = tmp_path / "teachers.yaml"
    result = run(
        "assess",
        "becta-srf",
        "-o",
        str(out),
        *HEADER,
        "--group",
        "teachers",
        "--assessor",
        "\u200b",
        input="3\n\nq\n",
    )
    assert result.exit_code == 0, result.output
    assessment = load_assessment(out)
    assert assessment.assessor is None
    assert assessment.respondent is not None
    assert assessment.respondent.group == "teachers"


@pytest.mark.parametrize("nothing", NOTHING, ids=repr)
def test_an_optional_option_given_saying_nothing_is_not_asked_for(
    tmp_path: Path, nothing: str
) -> None:
    """`--authority ''` with the school asked at its prompts: the authority is none and
    its prompt is not asked, so the next line piped is the assessor's. Until round 75 the
    prompt was asked, and each answer piped after it moved up one prompt: the assessor's
    answer was written as the authority and the first strand's level as the assessor."""
    out = tmp_path / "review.yaml"
    result = run(
        "assess",
        "becta-srf",
        "-o",
        str(out),
        "--date",
        "2026-11-01",
        "--authority",
        nothing,
        input="100001\nPiped School\nHead\n3\n\nq\n",
    )
    assert result.exit_code == 0, result.output
    assert "Local authority" not in result.output
    assert "Your name or role (optional):" in result.output
    assessment = load_assessment(out)
    assert (assessment.school.id, assessment.school.name) == ("100001", "Piped School")
    assert (assessment.school.authority, assessment.assessor) == (None, "Head")
    assert assessment.judgements["1a1"].level == 3
    assert "authority" not in out.read_text(encoding="utf-8")


def test_both_optional_options_given_saying_nothing_ask_neither(tmp_path: Path) -> None:
    out = tmp_path / "review.yaml"
    result = run(
        "assess",
        "becta-srf",
        "-o",
        str(out),
        "--date",
        "2026-11-01",
        "--authority",
        "",
        "--assessor",
        " ",
        input="100001\nPiped School\n3\n\nq\n",
    )
    assert result.exit_code == 0, result.output
    assert "(optional)" not in result.output
    assessment = load_assessment(out)
    assert (assessment.school.authority, assessment.assessor) == (None, None)
    assert assessment.judgements["1a1"].level == 3
    assert out.read_text(encoding="utf-8") == _assessed(tmp_path / "plain.yaml")


def _planned(out: Path, *options: str) -> str:
    result = run("plan", str(REVIEW_2025), "-o", str(out), *options)
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("nothing", NOTHING, ids=repr)
def test_an_owner_option_saying_nothing_is_none(tmp_path: Path, nothing: str) -> None:
    """Every action is the one made without `--owner`: no owner, as Enter at `plan -i`'s
    owner question (or a zero-width space typed there) leaves it."""
    given = _planned(tmp_path / "given.yaml", "--owner", nothing)
    plain = _planned(tmp_path / "plain.yaml")
    assert given == plain
    actions = load_plan(tmp_path / "given.yaml").actions
    assert actions
    assert all(action.owner is None for action in actions)


def test_an_owner_option_is_kept_stripped_as_typed_text_is(tmp_path: Path) -> None:
    out = tmp_path / "plan.yaml"
    _planned(out, "--owner", " Deputy head\t")
    actions = load_plan(out).actions
    assert actions
    assert all(action.owner == "Deputy head" for action in actions)


def test_an_owner_option_saying_nothing_is_no_default_answer_at_plan_i(tmp_path: Path) -> None:
    """With -i the option is the owner question's default: one that says nothing is no
    default (`Owner`, not `Owner [` and the character), and Enter leaves no owner."""
    out = tmp_path / "plan.yaml"
    result = run(
        "plan", str(REVIEW_2025), "-o", str(out), "-i", "--owner", "\u200b", input="y\n\n\nq\n"
    )
    assert result.exit_code == 0, result.output
    assert "  Owner: \n" in result.output
    assert "Owner [" not in result.output
    (action,) = load_plan(out).actions
    assert action.owner is None


@pytest.mark.parametrize(
    ("schema", "problem"),
    [
        ("x.json\nkind: framework\n#", "control characters (here U+000A) cannot be kept"),
        ("x.json\x1b[2J", "control characters (here U+001B) cannot be kept"),
        ("x\u2028.json", "line separators (here U+2028) cannot be kept"),
    ],
    ids=["newline", "escape", "separator"],
)
def test_a_plan_schema_that_a_comment_line_cannot_hold_is_a_usage_error(
    tmp_path: Path, schema: str, problem: str
) -> None:
    """As `assess --schema`: until round 74 a line break in `plan --schema` started a line
    of YAML in the plan (`kind: framework`), written with exit 0, the plan then invalid."""
    result = run("plan", str(REVIEW_2025), "-o", str(tmp_path / "plan.yaml"), "--schema", schema)
    assert result.exit_code == 2, result.output
    assert f"Error: Invalid value for --schema: {problem}" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("nothing", NOTHING, ids=repr)
def test_a_schema_option_saying_nothing_writes_no_schema_line(tmp_path: Path, nothing: str) -> None:
    """`plan --schema` and `assess --schema`: no `$schema=` line of nothing to see (or of
    spaces, in a plan), the file as without the option."""
    assert _planned(tmp_path / "given.yaml", "--schema", nothing) == _planned(
        tmp_path / "plain.yaml"
    )
    given = _assessed(tmp_path / "given-review.yaml", "--schema", nothing)
    assert given == _assessed(tmp_path / "plain-review.yaml")
    assert "$schema" not in given


def test_a_plan_schema_is_kept_stripped_as_assess_keeps_it(tmp_path: Path) -> None:
    text = _planned(tmp_path / "plan.yaml", "--schema", " ../schema/plan.json ")
    assert text.startswith("# yaml-language-server: $schema=../schema/plan.json\n")


def test_a_schema_for_a_json_plan_is_a_usage_error(tmp_path: Path) -> None:
    """As `assess` says it: the option was passed by in silence, the plan written without."""
    result = run("plan", str(REVIEW_2025), "-o", str(tmp_path / "plan.json"), "--schema", "x")
    assert result.exit_code == 2, result.output
    assert "Invalid value for --schema: a JSON file has no comment line to hold it" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_school_name_option_is_kept_stripped_as_typed_text_is(tmp_path: Path) -> None:
    """`--school-name '  Piped School '`: the file is the one `--school-name 'Piped School'`
    writes, as the name typed at its prompt is stripped; it was written with its spaces."""
    out = tmp_path / "given.yaml"
    header = [*HEADER[:3], "  Piped School\t", *HEADER[4:]]
    assert header[2] == "--school-name"
    result = run("assess", "becta-srf", "-o", str(out), *header, input="3\n\nq\n")
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == _assessed(tmp_path / "plain.yaml")
    assert load_assessment(out).school.name == "Piped School"
