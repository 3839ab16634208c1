"""Action plans: the models and their checks, plans made from reports, adding to them, and
the status view against a later review on hand-written cases in both scale directions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pydantic import ValidationError

from selfreview_core import (
    Action,
    Assessment,
    ComparisonError,
    Framework,
    InvalidDocument,
    Judgement,
    Plan,
    Recommendation,
    Report,
    School,
    add_to_plan,
    check_plan,
    load_plan,
    plan_from_report,
    plan_status,
    score,
)
from selfreview_core.model.plan import MadeFrom
from selfreview_core.plans.building import ActionDetails, action_from, unplanned
from selfreview_core.testing import mirror_framework

SCHOOL = School(id="T1", name="Test School")
ON = dt.date(2026, 10, 1)


def rec(
    rec_id: str, priority: str = "medium", targets: tuple[str, ...] = ("A1.1",)
) -> Recommendation:
    return Recommendation.model_validate(
        {
            "id": rec_id,
            "title": f"Do {rec_id}",
            "action": "Something.",
            "targets": targets,
            "priority": priority,
        }
    )


def review(
    framework: Framework, levels: dict[str, int], *, on: dt.date = ON, school: School = SCHOOL
) -> Assessment:
    return Assessment(
        framework=framework.ref,
        school=school,
        assessed_on=on,
        judgements={s: Judgement(level=level) for s, level in levels.items()},
    )


def report_of(framework: Framework, assessment: Assessment, *recs: Recommendation) -> Report:
    return Report(
        framework=framework,
        assessment=assessment,
        profile=score(framework, assessment),
        recommendations=recs,
    )


# -- plans from reports ---------------------------------------------------------------------


def hand_written(assessment: Assessment, *actions: Action) -> Plan:
    """A plan of the small framework for the school that holds only `actions`, as a person
    wrote them."""
    return Plan(framework="small", school=assessment.school, created_on=ON, actions=actions)


def test_priority_selects_that_priority_and_above(
    small_framework: Framework, assessment: Assessment
) -> None:
    report = report_of(
        small_framework, assessment, rec("h", "high"), rec("m", "medium"), rec("l", "low")
    )

    def chosen(select: object) -> list[str]:
        return [a.id for a in plan_from_report(report, select).actions]  # type: ignore[arg-type]

    assert chosen("high") == ["h"]
    assert chosen("medium") == ["h", "m"]
    assert chosen("low") == chosen(None) == ["h", "m", "l"]
    assert chosen(lambda r: r.id == "l") == ["l"]


def test_an_unknown_priority_is_refused(small_framework: Framework, assessment: Assessment) -> None:
    with pytest.raises(ValueError, match="unknown priority 'urgent'"):
        plan_from_report(report_of(small_framework, assessment), "urgent")  # type: ignore[arg-type]


def test_a_new_plan_records_the_school_its_source_and_each_targets_level_then(
    small_framework: Framework, assessment: Assessment
) -> None:
    # assessment: A1.1 at 2, A1.2 at 0, A2.1 at 1, B1.1 not judged; aspect A1 is at 0
    # (the median of 2 and 0, a tie going to the worse).
    report = report_of(small_framework, assessment, rec("r", targets=("A1.1", "A1", "B1.1", "B")))
    plan = plan_from_report(
        report, owner="Head", due=dt.date(2027, 1, 31), file="review.yaml", today=ON
    )
    assert plan.framework == "small@1"
    assert plan.school == assessment.school
    assert plan.made_from == MadeFrom(assessed_on=assessment.assessed_on, file="review.yaml")
    assert plan.created_on == ON
    assert plan.actions == (
        Action(
            id="r",
            recommendation="r",
            title="Do r",
            targets=("A1.1", "A1", "B1.1", "B"),
            owner="Head",
            due=dt.date(2027, 1, 31),
            status="planned",
            baseline={"A1.1": 2, "A1": 0},  # B1.1 and B: nothing judged, so no level
        ),
    )


def test_adding_keeps_every_existing_action_and_adds_only_new_recommendations(
    small_framework: Framework, assessment: Assessment
) -> None:
    first = plan_from_report(
        report_of(small_framework, assessment, rec("a", "high"), rec("b", "low")), "high"
    )
    edited = first.model_copy(
        update={
            "actions": (
                first.actions[0].model_copy(
                    update={"owner": "Head", "status": "done", "notes": "Done in June."}
                ),
            )
        }
    )
    later = report_of(small_framework, assessment, rec("a"), rec("b", "low"), rec("c"))
    plan = add_to_plan(edited, later)
    assert plan.actions[0] == edited.actions[0]
    assert [a.recommendation for a in plan.actions] == ["a", "b", "c"]
    assert add_to_plan(plan, later) is plan  # the same report again adds nothing
    assert unplanned(plan, later) == ()


def test_a_new_action_never_takes_an_id_already_in_the_plan(
    small_framework: Framework, assessment: Assessment
) -> None:
    plan = hand_written(
        assessment,
        Action(id="b", recommendation="other", title="Hand-written"),
        Action(id="b-2", recommendation="another", title="Hand-written too"),
    )
    added = add_to_plan(plan, report_of(small_framework, assessment, rec("b")))
    assert [a.id for a in added.actions] == ["b", "b-2", "b-3"]
    assert added.actions[2].recommendation == "b"


def test_decide_chooses_and_gives_owner_and_due_date(
    small_framework: Framework, assessment: Assessment
) -> None:
    answers = {"a": ActionDetails("Head", dt.date(2027, 3, 31)), "b": None, "c": ActionDetails()}
    report = report_of(small_framework, assessment, rec("a"), rec("b"), rec("c"))
    plan = plan_from_report(report, owner="ignored", decide=lambda r: answers[r.id])
    assert [(a.id, a.owner, a.due) for a in plan.actions] == [
        ("a", "Head", dt.date(2027, 3, 31)),
        ("c", None, None),
    ]


def test_adding_a_report_of_another_school_or_framework_is_refused(
    small_framework: Framework, assessment: Assessment
) -> None:
    plan = plan_from_report(report_of(small_framework, assessment))
    other = assessment.model_copy(update={"school": School(id="T2", name="Other School")})
    with pytest.raises(ComparisonError, match=r"plan is for school T1 \(Test School\)"):
        add_to_plan(plan, report_of(small_framework, other))
    pinned = plan.model_copy(update={"framework": "small@0"})
    with pytest.raises(ComparisonError, match="plan is for small@0, the review for small@1"):
        add_to_plan(pinned, report_of(small_framework, assessment))


def test_action_from_gives_a_baseline_for_judged_targets_only(
    small_framework: Framework, assessment: Assessment
) -> None:
    profile = score(small_framework, assessment)
    action = action_from(rec("x", targets=("B1.1",)), profile)
    assert action.baseline == {}
    assert action.targets == ("B1.1",)


# -- the models and their checks ------------------------------------------------------------


def test_action_ids_are_unique_in_a_plan_built_in_python() -> None:
    action = Action(id="a", recommendation="r", title="T")
    with pytest.raises(ValidationError, match="duplicate action id `a`"):
        Plan(framework="small", school=SCHOOL, created_on=ON, actions=(action, action))


def test_a_status_must_be_one_of_the_four() -> None:
    with pytest.raises(ValidationError, match="status"):
        Action.model_validate({"id": "a", "recommendation": "r", "title": "T", "status": "done!"})


GOOD = """\
kind: plan
framework: small@1
school: {id: T1, name: Test School}
created_on: 2026-10-02
actions:
- id: a
  recommendation: r1
  title: Do a thing
  targets: [A1.1, A1]
  status: doing
  baseline: {A1.1: 2, A1: 0}
- id: b
  recommendation: r2
  title: Do another
  targets: [B1.1]
"""

#: (replace, with, line, column, path, words, code, hint): one broken plan each.
BAD = [
    ("status: doing", "status: dnoe", 10, 11, "actions[0].status",
     "the text `dnoe` is not allowed here", "invalid", "did you mean `done`?"),
    ("targets: [B1.1]", "targets: [B1.2]", 15, 13, "actions[1].targets[0]",
     "`B1.2` is not an element, aspect or strand of small@1", "unknown-id",
     "did you mean `B1.1`?"),
    ("- id: b", "- id: a", 12, 7, "actions[1].id",
     "duplicate action id `a`: already used at actions[0], line 6", "duplicate-id",
     "action ids must be unique in a plan"),
    ("{A1.1: 2, A1: 0}", "{A1.1: 7, A1: 0}", 11, 20, 'actions[0].baseline["A1.1"]',
     "level 7 is outside the scale 3 (best) .. 0 (worst)", "level-outside-scale", None),
    ("{A1.1: 2, A1: 0}", "{A1.1: 2, B1.2: 0}", 11, 23, 'actions[0].baseline["B1.2"]',
     "`B1.2` is not an element, aspect or strand of small@1", "unknown-id",
     "did you mean `B1.1`?"),
    ("  title: Do another", "  title: Do another\n  onwer: Head", 15, 3, "actions[1].onwer",
     "unknown key `onwer`", "unknown-key", "did you mean `owner`?"),
    ("framework: small@1", "framework: small@2", 2, 12, "framework",
     "plan is of version 2, but small is version 1", "framework-version", None),
    ("status: doing", "due: 2026-02-30", 10, 8, "actions[0].due",
     "is not a valid date", "date", "write dates as YYYY-MM-DD"),
    ("created_on: 2026-10-02\n", "", 1, 1, "", "missing required key `created_on`",
     "missing-key", None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("old", "new", "line", "column", "path", "words", "code", "hint"),
    BAD,
    ids=[case[6] + "-" + str(i) for i, case in enumerate(BAD)],
)
def test_a_bad_plan_is_refused_with_file_line_and_message(
    small_framework: Framework,
    tmp_path: Path,
    old: str,
    new: str,
    line: int,
    column: int,
    path: str,
    words: str,
    code: str,
    hint: str | None,
) -> None:
    assert old in GOOD
    file = tmp_path / "plan.yaml"
    file.write_text(GOOD.replace(old, new, 1))
    with pytest.raises(InvalidDocument) as caught:
        load_plan(file, small_framework)
    [problem] = caught.value.diagnostics
    assert (problem.file, problem.line, problem.column) == (str(file), line, column)
    assert (problem.path, problem.code, problem.hint) == (path, code, hint)
    assert words in problem.message


def test_the_good_plan_loads(small_framework: Framework) -> None:
    plan = load_plan("plan.yaml", small_framework, text=GOOD)
    assert [a.status for a in plan.actions] == ["doing", "planned"]
    assert plan.actions[0].baseline == {"A1.1": 2, "A1": 0}
    assert plan.actions[1].baseline is None


def test_a_plan_for_another_framework_is_refused(small_framework: Framework) -> None:
    with pytest.raises(InvalidDocument, match="plan is of `other`, not of small@1"):
        load_plan("plan.yaml", small_framework, text=GOOD.replace("small@1", "other"))


def test_check_plan_refuses_a_built_plan_that_does_not_fit(small_framework: Framework) -> None:
    plan = Plan(
        framework="small",
        school=SCHOOL,
        created_on=ON,
        actions=(Action(id="a", recommendation="r", title="T", targets=("Z9",)),),
    )
    with pytest.raises(InvalidDocument) as caught:
        check_plan(small_framework, plan)
    assert caught.value.path == "actions[0].targets[0]"


# -- status ---------------------------------------------------------------------------------


def action(
    action_id: str,
    targets: tuple[str, ...],
    baseline: dict[str, int] | None,
    status: str = "done",
    due: dt.date | None = None,
) -> Action:
    return Action.model_validate(
        {
            "id": action_id,
            "recommendation": action_id,
            "title": action_id,
            "targets": targets,
            "baseline": baseline,
            "status": status,
            "due": due,
        }
    )


# Each case: the framework's scale direction, the actions (id, targets, baseline, status),
# the later review's levels, and each action's verdicts. Written out by hand for both
# directions: on small_framework higher is better (best 3), on its mirror lower is (best 0).
STATUS_CASES = {
    "higher is better": (
        False,
        [
            ("up", ("A1.1",), {"A1.1": 1}, "done"),
            ("down", ("A1.2",), {"A1.2": 2}, "done"),
            ("same", ("A2.1",), {"A2.1": 1}, "done"),
            ("gone", ("B1.1",), {"B1.1": 1}, "done"),  # B1.1 not judged in the review
            ("no-baseline", ("A1",), None, "done"),
            ("aspect", ("A1",), {"A1": 0}, "done"),  # A1 now: median of 2 and 1, tie to worse
            ("doing", ("A1.1",), {"A1.1": 0}, "doing"),
        ],
        {"A1.1": 2, "A1.2": 1, "A2.1": 1},
        {
            "up": [("A1.1", 1, 2, "improved")],
            "down": [("A1.2", 2, 1, "regressed")],
            "same": [("A2.1", 1, 1, "unchanged")],
            "gone": [("B1.1", 1, None, "not judged")],
            "no-baseline": [("A1", None, 1, "not judged")],
            "aspect": [("A1", 0, 1, "improved")],
            "doing": [("A1.1", 0, 2, "improved")],
        },
    ),
    "lower is better": (
        True,
        [
            ("up", ("A1.1",), {"A1.1": 2}, "done"),
            ("down", ("A1.2",), {"A1.2": 1}, "done"),
            ("same", ("A2.1",), {"A2.1": 2}, "done"),
            ("gone", ("B1.1",), {"B1.1": 2}, "done"),
            ("no-baseline", ("A1",), None, "done"),
            ("aspect", ("A1",), {"A1": 3}, "done"),  # A1 now: median of 1 and 2, tie to worse
            ("doing", ("A1.1",), {"A1.1": 3}, "doing"),
        ],
        {"A1.1": 1, "A1.2": 2, "A2.1": 2},
        {
            "up": [("A1.1", 2, 1, "improved")],
            "down": [("A1.2", 1, 2, "regressed")],
            "same": [("A2.1", 2, 2, "unchanged")],
            "gone": [("B1.1", 2, None, "not judged")],
            "no-baseline": [("A1", None, 2, "not judged")],
            "aspect": [("A1", 3, 2, "improved")],
            "doing": [("A1.1", 3, 1, "improved")],
        },
    ),
}


@pytest.mark.parametrize("case", STATUS_CASES, ids=list(STATUS_CASES))
def test_status_against_a_later_review_follows_the_scale(
    small_framework: Framework, case: str
) -> None:
    mirrored, actions, levels, expected = STATUS_CASES[case]
    framework = mirror_framework(small_framework) if mirrored else small_framework
    plan = Plan(
        framework=framework.ref,
        school=SCHOOL,
        made_from=MadeFrom(assessed_on=dt.date(2025, 10, 1)),
        created_on=dt.date(2025, 10, 2),
        actions=tuple(action(i, t, b, s) for i, t, b, s in actions),
    )
    status = plan_status(plan, framework, review(framework, levels), today=ON)
    got = {a.id: [(t.id, t.baseline, t.now, t.verdict) for t in a.targets] for a in status.actions}
    assert got == expected
    assert status.review_on == ON
    # Only done actions count; "doing" improved too, but is not in the summary.
    assert status.done_targets == {
        "improved": 2,
        "unchanged": 1,
        "regressed": 1,
        "not judged": 2,
    }
    assert status.counts == {"planned": 0, "doing": 1, "done": 6, "dropped": 0}


def test_overdue_means_due_before_today_and_still_open(small_framework: Framework) -> None:
    today = dt.date(2026, 11, 1)
    plan = Plan(
        framework="small",
        school=SCHOOL,
        created_on=ON,
        actions=(
            action("late", (), None, "planned", dt.date(2026, 10, 31)),
            action("late-doing", (), None, "doing", dt.date(2026, 1, 1)),
            action("due-today", (), None, "planned", today),
            action("done-late", (), None, "done", dt.date(2026, 1, 1)),
            action("dropped-late", (), None, "dropped", dt.date(2026, 1, 1)),
            action("no-date", (), None, "planned"),
        ),
    )
    status = plan_status(plan, small_framework, today=today)
    assert status.overdue == ("late", "late-doing")
    assert [a.overdue for a in status.actions] == [True, True, False, False, False, False]
    assert status.counts == {"planned": 3, "doing": 1, "done": 1, "dropped": 1}
    assert status.done_targets == {}  # no review
    assert all(a.targets == () for a in status.actions)
    assert status.today == today


def test_status_refuses_a_review_of_another_school_or_an_older_one(
    small_framework: Framework,
) -> None:
    plan = Plan(
        framework="small",
        school=SCHOOL,
        made_from=MadeFrom(assessed_on=ON),
        created_on=ON,
        actions=(),
    )
    other = review(small_framework, {}, school=School(id="T2", name="Other"))
    with pytest.raises(ComparisonError, match="review is of school T2"):
        plan_status(plan, small_framework, other)
    older = review(small_framework, {}, on=dt.date(2026, 9, 30))
    with pytest.raises(ComparisonError, match="older than the one the plan was made from"):
        plan_status(plan, small_framework, older)
    same_day = review(small_framework, {"A1.1": 1}, on=ON)
    assert plan_status(plan, small_framework, same_day).review_on == ON


def test_status_refuses_a_plan_that_does_not_fit_the_framework(
    small_framework: Framework,
) -> None:
    plan = Plan(framework="other", school=SCHOOL, created_on=ON, actions=())
    with pytest.raises(InvalidDocument, match="plan is of `other`, not of small@1"):
        plan_status(plan, small_framework)
