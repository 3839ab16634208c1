"""Plans of a question framework (SPEC section 10): an action records its targets' scores
when planned, and `plan --status` counts a change of score as improved or regressed even
when the level is unchanged; plans of level-only frameworks are written and read as before."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from selfreview_core import Assessment, Judgement, load_assessment, load_framework, score
from selfreview_core.model.plan import Plan
from selfreview_core.model.recommendation import Recommendation
from selfreview_core.plans.building import action_from
from selfreview_core.plans.progress import plan_status
from selfreview_core.plans.views import status_text

ROOT = Path(__file__).resolve().parents[2]
FRAMEWORK = load_framework(ROOT / "examples" / "questions" / "technology-standards.yaml")
SETTING = load_assessment(
    ROOT / "examples" / "questions" / "example-setting.yaml", framework=FRAMEWORK
)
REC = Recommendation.model_validate(
    {"id": "gov", "title": "Report to governors", "action": "Do it.", "targets": ["L-G-1"]}
)


def later(answers: dict[str, str]) -> Assessment:
    judgements = dict(SETTING.judgements)
    judgements["L-G-1"] = Judgement(answers=answers)
    return SETTING.model_copy(
        update={"judgements": judgements, "assessed_on": dt.date(2027, 11, 1)}
    )


def planned() -> Plan:
    action = action_from(REC, score(FRAMEWORK, SETTING))
    return Plan(
        framework=FRAMEWORK.ref,
        school=SETTING.school,
        created_on=dt.date(2026, 11, 2),
        actions=(action,),
    )


def test_an_action_records_its_targets_scores_when_planned() -> None:
    action = planned().actions[0]
    assert action.baseline == {"L-G-1": 1}
    assert action.baseline_scores == {"L-G-1": 1.75}


def test_a_better_score_at_the_same_level_is_improved() -> None:
    # planned at 1 + 0.5 + 0.25 = 1.75 (level 1)
    review = later({"L-G-1-a": "yes", "L-G-1-b": "mostly", "L-G-1-c": "mostly"})  # 2.0
    target = plan_status(planned(), FRAMEWORK, review).actions[0].targets[0]
    assert (target.baseline_score, target.now_score, target.verdict) == (1.75, 2.0, "improved")
    same_level = later({"L-G-1-a": "yes", "L-G-1-b": "fully", "L-G-1-c": "no"})  # 2.0 too
    assert plan_status(planned(), FRAMEWORK, same_level).actions[0].targets[0].now == 2
    lower = later({"L-G-1-a": "yes", "L-G-1-b": "partly", "L-G-1-c": "partly"})  # 1.5, level 1
    target = plan_status(planned(), FRAMEWORK, lower).actions[0].targets[0]
    assert (target.baseline, target.now) == (1, 1)  # the level alone says unchanged
    assert target.verdict == "regressed"
    unchanged = later({"L-G-1-a": "yes", "L-G-1-b": "mostly", "L-G-1-c": "partly"})  # 1.75
    assert plan_status(planned(), FRAMEWORK, unchanged).actions[0].targets[0].verdict == (
        "unchanged"
    )


def test_the_status_table_shows_scores_with_levels() -> None:
    review = later({"L-G-1-a": "yes", "L-G-1-b": "partly", "L-G-1-c": "partly"})
    text = status_text(plan_status(planned(), FRAMEWORK, review, today=dt.date(2027, 11, 2)))
    assert "L-G-1: 1.75 (level 1) → 1.5 (level 1)" in " ".join(text.split())
    assert "regressed" in text


def test_a_level_only_target_dumps_as_before() -> None:
    status = plan_status(planned(), FRAMEWORK, later({"L-G-1-a": "no"}))
    data = json.loads(status.model_dump_json())
    assert data["actions"][0]["targets"][0]["baseline_score"] == 1.75
    plain = plan_status(
        planned().model_copy(
            update={"actions": (planned().actions[0].model_copy(update={"baseline_scores": None}),)}
        ),
        FRAMEWORK,
        later({"L-G-1-a": "no"}),
    )
    target = json.loads(plain.model_dump_json())["actions"][0]["targets"][0]
    assert set(target) == {"id", "baseline", "now", "verdict"}
    assert target["verdict"] == "regressed"  # level 1 -> 0, by levels


def test_a_target_not_applicable_in_the_later_review_is_said_so_not_unjudged() -> None:
    """SPEC section 10: not applicable is not unjudged. Before round 50 a target the later
    review marked `applicable: false` read `L-G-1: 1.75 (level 1) → - not judged`, and was
    counted among the done actions' targets not judged."""
    judgements = dict(SETTING.judgements)
    judgements["L-G-1"] = Judgement(applicable=False, evidence="Led by the trust now")
    review = SETTING.model_copy(
        update={"judgements": judgements, "assessed_on": dt.date(2027, 11, 1)}
    )
    done = planned().model_copy(
        update={"actions": (planned().actions[0].model_copy(update={"status": "done"}),)}
    )
    status = plan_status(done, FRAMEWORK, review, today=dt.date(2027, 11, 2))
    target = status.actions[0].targets[0]
    assert (target.baseline, target.now, target.verdict) == (1, None, "not applicable")
    assert (target.baseline_score, target.now_score) == (None, None)
    assert dict(status.done_targets) == {
        "improved": 0,
        "unchanged": 0,
        "regressed": 0,
        "not judged": 0,
        "not applicable": 1,
    }
    text = status_text(status)
    assert "L-G-1: 1 → - not applicable" in text
    assert "0 regressed, 0 not judged, 1 not applicable." in text
    # a target merely left unjudged is still `not judged`, and the count of the not
    # applicable is left out where there is none
    del judgements["L-G-1"]
    review = review.model_copy(update={"judgements": judgements})
    status = plan_status(done, FRAMEWORK, review, today=dt.date(2027, 11, 2))
    assert status.actions[0].targets[0].verdict == "not judged"
    assert "not applicable" not in dict(status.done_targets)
