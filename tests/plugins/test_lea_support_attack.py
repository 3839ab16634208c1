"""The lea-support plugin's kept answers (`_by_levels`: the very same objects for schools
alike, advice made from a template for each school) through the engine's quick paths, and
given again by another plugin: each report is what the full checks give (the reference's
plugins give fresh copies of the same answers in a tuple, which no quick path takes,
`isolation.test_accept_attacks`)."""

from __future__ import annotations

import types
from typing import Any

import selfreview_lea_support as lea_support
from hypothesis import given, settings
from hypothesis import strategies as st

from isolation.test_accept_attacks import (  # `advice_never_given_forgotten`: autouse, here too
    advice_never_given_forgotten,  # noqa: F401
    fresh,
    outcome,
    school,
)
from scaled import scaled
from selfreview_core import Assessment, Engine, Framework, Profile, hookimpl
from selfreview_core.model.assessment import Judgement


def schools(framework: Framework, example: Assessment) -> st.SearchStrategy[Assessment]:
    """The example school with other levels (some strands unjudged): few levels, so that
    schools alike, whose answers lea-support keeps, come often."""
    levels = st.sampled_from([None, *framework.scale.levels[:2], framework.scale.levels[-1]])
    return st.lists(
        levels, min_size=len(framework.strand_ids), max_size=len(framework.strand_ids)
    ).map(
        lambda drawn: example.model_copy(
            update={
                "judgements": {
                    strand: Judgement(level=level)
                    for strand, level in zip(framework.strand_ids, drawn, strict=True)
                    if level is not None
                }
            }
        )
    )


def plugins(reference: bool) -> list[types.ModuleType]:
    """lea-support, and `mimic`, which gives lea-support's answer to the school before:
    as they are, or (`reference`) as fresh copies in a tuple."""
    last: list[list[object]] = [[]]

    def lea(framework: Framework, profile: Profile, previous: Assessment | None) -> object:
        answer = lea_support.selfreview_recommend(framework, profile, previous)
        given, last[0] = last[0], list(answer)
        mimic.given = given  # type: ignore[attr-defined]
        return tuple(map(fresh, answer)) if reference else answer

    def mimicked() -> object:
        given: list[object] = getattr(mimic, "given", [])
        return tuple(map(fresh, given)) if reference else given

    module = types.ModuleType("lea-support")
    module.selfreview_recommend = hookimpl(lea)  # type: ignore[attr-defined]
    mimic = types.ModuleType("mimic")
    mimic.selfreview_recommend = hookimpl(mimicked)  # type: ignore[attr-defined]
    return [module, mimic]


@settings(max_examples=scaled(30), deadline=None)
@given(data=st.data())
def test_lea_supports_kept_answers_given_again_are_what_the_full_checks_give(
    data: st.DataObject,
) -> None:
    framework, example = school()
    drawn = data.draw(st.lists(schools(framework, example), min_size=1, max_size=4))
    order = data.draw(st.lists(st.integers(0, len(drawn) - 1), min_size=2, max_size=8))
    attacked = Engine(entry_points=False, plugins=plugins(False))
    reference = Engine(entry_points=False, plugins=plugins(True))
    made: list[Any] = []
    for n in order:  # schools in turn, and again: kept answers are given again
        got = attacked.report(drawn[n], framework=framework)
        assert outcome(got) == outcome(reference.report(drawn[n], framework=framework))
        made.append((got, outcome(got)))
    assert all(outcome(report) == before for report, before in made)
