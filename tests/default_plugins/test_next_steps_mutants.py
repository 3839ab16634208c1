"""`next-steps`, what its own tests did not hold (round 42's mutation pass): the reference
each step gives, the framework's title with its publisher and year as far as it has them."""

from __future__ import annotations

import pytest

from selfreview_core import Assessment, Framework, score
from selfreview_core.default_plugins import next_steps


@pytest.mark.parametrize(
    ("publisher", "year", "reference"),
    [
        ("Becta", 2010, "A small test framework (Becta, 2010)"),
        ("Becta", None, "A small test framework (Becta)"),
        (None, 2010, "A small test framework (2010)"),
        (None, None, "A small test framework"),
    ],
)
def test_a_next_step_refers_to_its_framework_with_the_publisher_and_year_it_has(
    small_framework: Framework,
    assessment: Assessment,
    publisher: str | None,
    year: int | None,
    reference: str,
) -> None:
    """Every step of a report names where its target comes from: the framework's title,
    then its publisher and year in brackets, or the title alone when it has neither."""
    framework = small_framework.model_copy(update={"publisher": publisher, "year": year})
    steps = next_steps.selfreview_recommend(framework, score(framework, assessment))
    assert [step.targets for step in steps] == [("A1.1",), ("A1.2",), ("A2.1",)]
    assert {step.reference for step in steps} == {reference}
