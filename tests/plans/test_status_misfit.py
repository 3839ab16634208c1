"""The library's `plan_status` given a plan or a review of another framework, or version:
one error at `framework`, as `selfreview plan --status` refuses it (tests/cli/test_plan_misfit.py).

Before round 58 the whole check of the review ran first, and said the judgements one by one:
ten errors for the example, "judgements.S-C-2: `S-C-2` is not a strand of becta-srf@2010",
after the two that said why (another framework, another version); a plan of another
framework was six, one for each target and baseline.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from selfreview_core import (
    InvalidDocument,
    load_assessment,
    load_framework,
    load_plan,
    plan_status,
)
from selfreview_core.engine import Engine

ROOT = Path(__file__).resolve().parents[2]
PLAN = ROOT / "examples" / "plan" / "example-primary-plan.yaml"
REVIEW = ROOT / "examples" / "example-primary-2026.yaml"
STANDARDS = ROOT / "examples" / "questions" / "technology-standards.yaml"
SETTING = ROOT / "examples" / "questions" / "example-setting.yaml"


def _refusal(*args: object) -> list[tuple[str, str, str | None, str]]:
    with pytest.raises(InvalidDocument) as refused:
        plan_status(*args)  # type: ignore[arg-type]
    return [(d.path, d.message, d.hint, d.code) for d in refused.value.diagnostics]


def test_a_review_of_another_framework_is_one_error_at_its_framework() -> None:
    becta = Engine().framework("becta-srf")
    review = load_assessment(SETTING, load_framework(STANDARDS))
    assert _refusal(load_plan(PLAN), becta, review) == [
        (
            "framework",
            "assessment is of `example-tech-standards@1`, not of becta-srf@2010",
            None,
            "wrong-framework",
        )
    ]


def test_a_review_of_another_version_is_one_error_with_the_hint_to_migrate() -> None:
    becta = Engine().framework("becta-srf")
    review = load_assessment(REVIEW).model_copy(update={"framework": "becta-srf@2009"})
    assert _refusal(load_plan(PLAN), becta, review) == [
        (
            "framework",
            "assessment is of version 2009, but becta-srf is version 2010",
            "`selfreview migrate --to becta-srf@2010` carries it to that version, given the "
            "framework of version 2009 by `--framework FILE` where no plugin provides it",
            "framework-version",
        )
    ]


def test_a_plan_of_another_framework_is_one_error_at_its_framework() -> None:
    assert _refusal(load_plan(PLAN), load_framework(STANDARDS)) == [
        (
            "framework",
            "plan is of `becta-srf@2010`, not of example-tech-standards@1",
            None,
            "wrong-framework",
        )
    ]


def test_a_fitting_review_is_still_compared() -> None:
    status = plan_status(load_plan(PLAN), Engine().framework("becta-srf"), load_assessment(REVIEW))
    assert status.actions
