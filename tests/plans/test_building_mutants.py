"""Plans made from reports (`plans.building`): the id a new action takes beside a
hand-written one, and what a person decided stays as it was given."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from selfreview_core import Action, Assessment, Framework, add_to_plan
from selfreview_core.plans.building import ActionDetails

from .test_plan import hand_written, rec, report_of


def test_a_new_action_beside_one_of_its_id_takes_the_next_number_two(
    small_framework: Framework, assessment: Assessment
) -> None:
    plan = hand_written(assessment, Action(id="b", recommendation="other", title="Hand-written"))
    added = add_to_plan(plan, report_of(small_framework, assessment, rec("b"), rec("b-2")))
    assert [(a.id, a.recommendation) for a in added.actions] == [
        ("b", "other"),
        ("b-2", "b"),
        ("b-2-2", "b-2"),
    ]


def test_what_a_person_decided_about_a_recommendation_cannot_be_changed() -> None:
    details = ActionDetails(owner="Head", due=dt.date(2027, 1, 31))
    with pytest.raises(dataclasses.FrozenInstanceError):
        details.owner = "Someone else"  # type: ignore[misc]
    assert details == ActionDetails("Head", dt.date(2027, 1, 31))
