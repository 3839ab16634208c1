"""A review that does not fit the plan it is given with, said once, at its key, in the file
the user gave wrongly (SPEC sections 3 and 6: every error names the file, line, column and
path), exit 1, nothing written.

Before round 57, `plan --status PLAN --review FILE` with a review against another framework
printed one unlocated line per judgement (`error: judgements.S-C-2: ... is not a strand of
becta-srf@2010`, ten for the example) and named no file at all; a review of another school,
or older than the plan's, and `plan REVIEW -o PLAN` onto the plan of another school or
framework, said so with no file, line or column either.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
PLAN = EXAMPLES / "plan" / "example-primary-plan.yaml"
REVIEW = EXAMPLES / "example-primary-2026.yaml"
SETTING = EXAMPLES / "questions" / "example-setting.yaml"
STANDARDS = EXAMPLES / "questions" / "technology-standards.yaml"


def run(*args: str | Path, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    copy = tmp_path / "plan.yaml"
    shutil.copyfile(PLAN, copy)
    return copy


def _edited(tmp_path: Path, name: str, old: str, new: str) -> Path:
    text = REVIEW.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line]


def _refused(plan: Path, *args: str | Path, input: str | None = None) -> list[str]:
    """The lines of a refusal: exit 1, nothing on standard output, the plan as it was."""
    before = plan.read_bytes()
    result = run("plan", *args, input=input)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert plan.read_bytes() == before
    return _lines(result)


def test_status_with_a_review_of_another_framework_is_one_error_at_its_framework(
    plan: Path,
) -> None:
    assert _refused(plan, "--status", plan, "--review", SETTING, "--framework", STANDARDS) == [
        f"{SETTING}:3:12: error: framework: --review is of framework example-tech-standards@1; "
        f"the plan {plan} is for framework becta-srf@2010 (give --review a later review "
        "against becta-srf@2010)"
    ]


def test_status_with_a_review_of_another_school_is_said_at_its_school_id(
    plan: Path, tmp_path: Path
) -> None:
    other = _edited(tmp_path, "other.yaml", 'id: "100000"', 'id: "100001"')
    assert _refused(plan, "--status", plan, "--review", other) == [
        f"{other}:7:7: error: school.id: --review is of school 100001 (Example Primary "
        f"School); the plan {plan} is for school 100000 (Example Primary School) (give "
        "--review a later review of the plan's school)"
    ]


def test_status_with_a_review_older_than_the_plans_is_said_at_its_date(
    plan: Path, tmp_path: Path
) -> None:
    old = _edited(tmp_path, "old.yaml", "assessed_on: 2026-", "assessed_on: 2024-")
    (line,) = _refused(plan, "--status", plan, "--review", old)
    assert line.startswith(f"{old}:10:14: error: assessed_on: --review is of 2024-")
    assert line.endswith(
        f"; the plan {plan} was made from a review of 2025-10-06 (give --review a later "
        "review of the plan's school)"
    )


def test_status_with_a_review_on_standard_input_is_said_at_stdin(
    plan: Path, tmp_path: Path
) -> None:
    other = _edited(tmp_path, "other.yaml", 'id: "100000"', 'id: "100001"')
    result = run("plan", "--status", plan, "--review", "-", input=other.read_text(encoding="utf-8"))
    assert result.exit_code == 1
    (line,) = _lines(result)
    assert line.startswith("<stdin>:7:7: error: school.id: --review is of school 100001")


def test_status_with_a_fitting_review_is_shown(plan: Path) -> None:
    result = run("plan", "--status", plan, "--review", REVIEW)
    assert result.exit_code == 0, result.output
    assert "against the review of 2026-" in result.stdout


def test_a_review_onto_the_plan_of_another_school_is_said_at_the_plans_school_id(
    plan: Path, tmp_path: Path
) -> None:
    other = _edited(tmp_path, "other.yaml", 'id: "100000"', 'id: "100001"')
    assert _refused(plan, other, "-o", plan) == [
        f"{plan}:8:14: error: school.id: the plan is for school 100000 (Example Primary "
        f"School); the review {other} is of school 100001 (Example Primary School) (give -o "
        "this school's plan, or a new file to make one)"
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.yaml", "plan.yaml"]


def test_a_review_onto_the_plan_of_another_framework_is_said_at_the_plans_framework(
    plan: Path, tmp_path: Path
) -> None:
    assert _refused(plan, SETTING, "--framework", STANDARDS, "-o", plan) == [
        f"{plan}:7:12: error: framework: the plan is for framework becta-srf@2010; the "
        f"review {SETTING} is of framework example-tech-standards@1 (give -o a plan for "
        "example-tech-standards@1, or a new file to make one)"
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]


def test_the_library_still_refuses_unlocated() -> None:
    """`plan_status` and `add_to_plan` keep their own checks for programs that give
    objects, not files."""
    from selfreview_core import ComparisonError, load_assessment, load_plan
    from selfreview_core.engine import Engine
    from selfreview_core.model.assessment import School
    from selfreview_core.plans.progress import plan_status

    engine = Engine(entry_points=False)
    framework = engine.framework("becta-srf")
    review = load_assessment(REVIEW).model_copy(update={"school": School(id="9", name="N")})
    with pytest.raises(ComparisonError, match="the review is of school 9"):
        plan_status(load_plan(PLAN), framework, review)


# -- one respondent's answers, not the school's own review ----------------------------------

GOVERNOR = EXAMPLES / "respondents" / "governor-1.yaml"
NOTE = (
    f"{GOVERNOR}: note: one respondent's answers (group governors), not the school's own "
    "review: the plan's actions {what} alone (`selfreview combine` drafts the review from all "
    "the respondents' answers)"
)


def test_a_plan_made_from_one_respondents_answers_says_so(tmp_path: Path) -> None:
    """Before round 57 a plan for the school was made from one governor's answers without a
    word (`assess --group` writes a file `plan` reads as any review)."""
    out = tmp_path / "plan.yaml"
    result = run("plan", GOVERNOR, "-o", out)
    assert result.exit_code == 0
    assert _lines(result) == [NOTE.format(what="come from them")]
    assert out.exists()


def test_a_plan_measured_by_one_respondents_answers_says_so(plan: Path) -> None:
    result = run("plan", "--status", plan, "--review", GOVERNOR)
    assert result.exit_code == 0
    assert _lines(result) == [NOTE.format(what="are measured by them")]


def test_the_schools_own_review_has_no_note(plan: Path, tmp_path: Path) -> None:
    assert run("plan", "--status", plan, "--review", REVIEW).stderr == ""
    assert run("plan", REVIEW, "-o", tmp_path / "new.yaml").stderr == ""


@pytest.mark.parametrize(
    ("update", "path"),
    [
        ({"school": {"id": "9", "name": "N"}}, "school"),
        ({"assessed_on": "2026-01-01"}, "assessed_on"),
    ],
)
def test_a_review_built_without_validation_is_refused_as_report_refuses_it(
    update: dict[str, object], path: str
) -> None:
    """Before round 57 `plan_status` given a review copied with a plain mapping for its
    school (`model_copy(update=...)` does not validate) stopped with Python's
    `AttributeError: 'FrozenDict' object has no attribute 'id'`, where `Engine.report`
    refuses it in words at its path."""
    from selfreview_core import InvalidDocument, load_assessment, load_plan
    from selfreview_core.engine import Engine
    from selfreview_core.plans.progress import plan_status

    framework = Engine(entry_points=False).framework("becta-srf")
    review = load_assessment(REVIEW).model_copy(update=update)
    with pytest.raises(InvalidDocument) as caught:
        plan_status(load_plan(PLAN), framework, review)
    assert caught.value.path == path
    assert "(built without validation?)" in str(caught.value)


@pytest.mark.parametrize(
    ("update", "path"),
    [
        ({"school": {"id": "9", "name": "N"}}, "school"),
        ({"made_from": {"assessed_on": "2025-01-01"}}, "made_from"),
        ({"actions": [{"id": "x"}]}, "actions"),
    ],
)
def test_a_plan_built_without_validation_is_refused_in_words(
    update: dict[str, object], path: str
) -> None:
    """Before round 57 `plan_status` and `add_to_plan` given such a plan stopped with
    Python's `AttributeError` ('FrozenDict' object has no attribute 'id')."""
    import warnings

    from selfreview_core import InvalidDocument, load_assessment, load_plan
    from selfreview_core.engine import Engine
    from selfreview_core.plans.building import add_to_plan
    from selfreview_core.plans.progress import plan_status

    engine = Engine(entry_points=False)
    review = load_assessment(REVIEW)
    with warnings.catch_warnings():  # pydantic's, about the copy's plain mapping
        warnings.simplefilter("ignore")
        plan = load_plan(PLAN).model_copy(update=update)
        for call in (
            lambda: plan_status(plan, engine.framework("becta-srf"), review),
            lambda: add_to_plan(plan, engine.report(review)),
        ):
            with pytest.raises(InvalidDocument) as caught:
                call()
            assert caught.value.path == path
            assert "(built without validation?)" in str(caught.value)
