"""Hypothesis strategies and pytest fixtures for testing selfreview_core and its plugins.

Needs the `test` extra (`pip install selfreview-core[test]`). In a plugin's tests::

    # conftest.py
    pytest_plugins = ["selfreview_core.testing"]

    # test_my_plugin.py
    from hypothesis import given
    from selfreview_core import testing

    @given(testing.framework_and_assessment())
    def test_never_fails(pair):
        framework, assessment = pair
        ...

Generated frameworks vary in size, in id style and in the direction of their scale
(higher-is-better as often as lower-is-better), so a plugin that assumes Becta's 1..5
scale is caught.

The strategies are in `strategies` (and `plan_strategies`, `migration_strategies`,
`respondent_strategies`, and `question_strategies` for question-based frameworks and
answered assessments), the fixtures in `fixtures`, the transforms properties use (the
scale mirrored, a level improved) in `mirror`, and `misquoted` (`quotations`) for holding
advice that quotes a source to the source's own words; every public name is here.
"""

from __future__ import annotations

from .fixtures import assessment, becta, engine, small_framework
from .migration_strategies import migrations, moved_version, versions
from .mirror import (
    improve,
    inverse_migration,
    mirror_assessment,
    mirror_condition,
    mirror_framework,
)
from .plan_strategies import plans, recommendation_lists
from .question_strategies import (
    answer_sets,
    answered_assessments,
    answered_judgements,
    question_framework_and_assessment,
    question_frameworks,
)
from .quotations import misquoted
from .respondent_strategies import groups, mirror_responses, response_sets, responses
from .strategies import (
    TERMINAL_ATTACKS,
    assessment_pairs,
    assessments,
    conditions,
    dates,
    framework_and_assessment,
    frameworks,
    hostile_texts,
    ids,
    judgements,
    review_days,
    rule_packs,
    scales,
    schools,
    texts,
)

__all__ = [
    "TERMINAL_ATTACKS",
    "answer_sets",
    "answered_assessments",
    "answered_judgements",
    "assessment",
    "assessment_pairs",
    "assessments",
    "becta",
    "conditions",
    "dates",
    "engine",
    "framework_and_assessment",
    "frameworks",
    "groups",
    "hostile_texts",
    "ids",
    "improve",
    "inverse_migration",
    "judgements",
    "migrations",
    "mirror_assessment",
    "mirror_condition",
    "mirror_framework",
    "mirror_responses",
    "misquoted",
    "moved_version",
    "plans",
    "question_framework_and_assessment",
    "question_frameworks",
    "recommendation_lists",
    "response_sets",
    "responses",
    "review_days",
    "rule_packs",
    "scales",
    "schools",
    "small_framework",
    "texts",
    "versions",
]
