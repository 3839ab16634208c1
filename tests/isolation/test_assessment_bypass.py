"""A plugin that writes past the immutability of the school's assessment it is given
(`dict.__setitem__` on the judgements' read-only mapping) changes the report it is given
for: the report shows a level the school never gave, off the scale, and no problem names
the plugin. Unlike the framework (tests/isolation/test_frozen_bypass.py), the assessment
is the school's own and small, so the check is as cheap as reading it; found by round 58's
red team, left to the owner of the engine's report path (recommending.py / engine.py):
a strict expected failure that passes, and so fails the run, the day it is closed.

Round 59 closed it (commit 238c0e8: `isolation.school_given`, a C-level `dict.copy` of
every mapping a plugin is given of the school before the plugins and one `==` of the two
tuples after each call of a plugin not built in; a difference put back and a problem
naming the plugin) and backed it out on its cost: 28,300 instructions a school on
`bench.instructions report`'s schools (the profile's five tables and fields 20,200, the
judgements alone 3,100: `dict.__eq__` reads about 170 instructions an entry), against a
budget of 2,000. A value whose `__eq__` says it equals anything would still hide the
change; an identity check (`map(operator.is_, ...)`) costs four times the `==`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from selfreview_core import Engine, Judgement, hookimpl, load_assessment, load_framework

_ROOT = Path(__file__).resolve().parents[2]


class _Rewrites:
    """Sets strand E1.1 to level 99 (built without validation) in the review it is given."""

    name = "hostile-rewrites"

    @hookimpl
    def selfreview_recommend(self, assessment: Any) -> list[object]:
        dict.__setitem__(assessment.judgements, "E1.1", Judgement.model_construct(level=99))
        return []


def _report() -> tuple[Any, int | None]:
    framework = load_framework(_ROOT / "tests" / "data" / "good" / "tiny-framework.yaml")
    engine = Engine(entry_points=False, plugins=[_Rewrites()], frameworks=[framework])
    review = load_assessment(_ROOT / "tests" / "data" / "good" / "tiny-assessment.yaml")
    return engine.report(review), review.judgements["E1.1"].level


def test_the_limit_is_what_it_says() -> None:
    report, level = _report()
    assert level == 99  # the plugin wrote into the school's own review
    assert report.assessment.judgements["E1.1"].level == 99
    assert not [p for p in report.problems if "hostile-rewrites" in p.source]


@pytest.mark.xfail(
    strict=True,
    reason="a plugin's dict.__setitem__ on the assessment's judgements is not looked for",
)
def test_a_judgement_set_past_its_freezing_is_a_problem_naming_the_plugin() -> None:
    report, _ = _report()
    assert report.assessment.judgements["E1.1"].level == 2
    assert any("hostile-rewrites" in p.source for p in report.problems)
