"""`next-steps` hands the engine the ids its answer from the tables is of (one step a strand,
each id once: `next_steps.Keyed.keyed`), so that the engine reads only the other plugins'
ids to tell that every id of a report is there once (`recommending.order_parts`). A report
is the one made reading every id: whatever ids other plugins or rule packs give (a step's,
twice, a rule's), for another thread's answer, and over frameworks of both scale
directions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import (
    Assessment,
    Engine,
    Framework,
    Profile,
    Recommendation,
    RulePack,
    score,
)
from selfreview_core.default_plugins import next_steps
from selfreview_core.isolation.accepting import Known
from selfreview_core.model.conditions import Test
from selfreview_core.model.rules import Rule, RuleAdvice
from selfreview_core.recommending import sort_key
from selfreview_core.testing import assessments, frameworks, mirror_framework, scales
from test_engine import plugin_module


def _giver(ids: list[str], framework: Framework) -> Callable[..., list[Recommendation]]:
    """A plugin's `selfreview_recommend` giving a recommendation of each of `ids`."""
    target = framework.strand_ids[0]

    def selfreview_recommend() -> list[Recommendation]:
        return [
            Recommendation(id=i, title=f"Do {i}", action="Act.", targets=(target,)) for i in ids
        ]

    return selfreview_recommend


def _pack(ids: list[str], framework: Framework) -> RulePack:
    """A rule pack of a rule of each of `ids`, each firing for every school."""
    strand = framework.strand_ids[0]
    rules = tuple(
        Rule(
            id=i,
            when=Test.model_validate({"strand": strand, "reached": framework.scale.worst}),
            recommend=RuleAdvice(title=f"Rule {i}", action="Act.", priority="high"),
        )
        for i in ids
    )
    return RulePack(id="pack", framework=framework.ref, rules=rules)


def _reports(framework: Framework, schools: list[Assessment], **given: Any) -> list[object]:
    engine = Engine(entry_points=False, frameworks=[framework], **given)
    return [
        [(vars(r), r.__pydantic_fields_set__) for r in report.recommendations]
        + [p.message for p in report.problems]
        for report in (engine.report(a, framework=framework) for a in [*schools, *schools])
    ]


@settings(
    max_examples=scaled(25),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_reports_are_those_made_reading_every_id(data: st.DataObject) -> None:
    """Plugins and rule packs giving steps' ids (once, twice), ids of their own or each
    other's: each id once in the report, crediting every source, as when every id is
    read (`Known.keyed`, which knows no ids)."""
    made = data.draw(frameworks(scale=data.draw(scales(max_levels=6))))
    for framework in (made, mirror_framework(made)):
        schools = data.draw(st.lists(assessments(framework), min_size=1, max_size=3))
        steps = [f"next-step-{i}" for i in framework.strand_ids]
        pool = st.sampled_from([*steps, "own", "other"])
        given_ids = data.draw(st.lists(pool, max_size=4))
        rule_ids = data.draw(st.lists(pool, max_size=3, unique=True))
        given: dict[str, Any] = {
            "plugins": [plugin_module("giver", selfreview_recommend=_giver(given_ids, framework))],
            "rule_packs": [_pack(rule_ids, framework)] if rule_ids else [],
        }
        keyed = _reports(framework, schools, **given)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(next_steps.Keyed, "keyed", Known.keyed)
            assert _reports(framework, schools, **given) == keyed


def _first_step(framework: Framework, assessment: Assessment) -> str:
    """The id of the first step next-steps gives `assessment`."""
    steps = next_steps.selfreview_recommend(framework, score(framework, assessment))
    assert steps
    return steps[0].id


def _once(
    engine: Engine, assessment: Assessment, framework: Framework, step: str, sources: set[str]
) -> None:
    """`step` once in two reports in a row (the second takes the steps whole), crediting
    `sources`, and every id once."""
    for _ in range(2):
        found = engine.report(assessment, framework=framework).recommendations
        [entry] = [r for r in found if r.id == step]
        assert set(entry.sources) == sources
        assert len({r.id for r in found}) == len(found)


def test_a_plugin_giving_a_steps_id_is_one_entry_crediting_both(
    small_framework: Framework, assessment: Assessment
) -> None:
    """The steps' ids known distinct do not hide another plugin's recommendation of a
    step's id: one entry crediting both."""
    step = _first_step(small_framework, assessment)
    engine = Engine(
        entry_points=False,
        plugins=[plugin_module("giver", selfreview_recommend=_giver([step], small_framework))],
    )
    _once(engine, assessment, small_framework, step, {"next-steps", "giver"})


def test_a_rule_of_a_steps_id_is_one_entry_crediting_both(
    small_framework: Framework, assessment: Assessment
) -> None:
    """A rule pack's ids, distinct, sharing one with the steps: the union is not taken
    (`distinct_union`), and the id is one entry crediting both."""
    step = _first_step(small_framework, assessment)
    engine = Engine(
        entry_points=False,
        frameworks=[small_framework],
        rule_packs=[_pack([step], small_framework)],
    )
    _once(engine, assessment, small_framework, step, {"next-steps", "pack"})


def test_another_threads_answer_gives_no_ids(
    small_framework: Framework, assessment: Assessment
) -> None:
    """Asked of an answer that is not the last made from the tables (another thread's
    since), `keyed` gives its keys looked up step by step and no ids: they are read."""
    profile: Profile = score(small_framework, assessment)
    keyed = next_steps.Keyed()
    first = next_steps.selfreview_recommend(small_framework, profile)
    assert keyed.keyed(list(first)) is None  # told of nothing yet
    keys = [sort_key(small_framework, step) for step in first]
    for step, key in zip(first, keys, strict=True):
        keyed.add(step, key)
    answer = keyed.keyed(first)  # type: ignore[arg-type]
    assert answer is not None
    assert answer[0] == keys
    assert answer[1] == frozenset(f"next-step-{i}" for i in small_framework.strand_ids)
    second = next_steps.selfreview_recommend(small_framework, profile)
    assert second is not first
    assert keyed.keyed(first) == (keys, None)  # type: ignore[arg-type]
    assert keyed.keyed([*first, Known()]) is None


def test_two_strands_of_one_id_give_no_ids() -> None:
    """Steps of two strands sharing an id (a framework not validated) are not known
    distinct: no ids, so that they are read."""
    framework = Engine(entry_points=False).framework("becta-srf")
    strands = list(framework.strands)
    twin = strands[1].model_copy(update={"id": strands[0].id})
    element = framework.elements[0]
    aspect = element.aspects[0].model_copy(
        update={"strands": (strands[0], twin, *element.aspects[0].strands[2:])}
    )
    odd = Framework.model_construct(
        **{
            **vars(framework),
            "elements": (
                element.model_copy(update={"aspects": (aspect, *element.aspects[1:])}),
                *framework.elements[1:],
            ),
        }
    )
    assert next_steps._steps(odd)[3] is None
    assert next_steps._steps(framework)[3] == frozenset(
        f"next-step-{i}" for i in framework.strand_ids
    )
