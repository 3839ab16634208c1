"""Rule packs: every condition form, in both scale directions, on hand-written cases."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest

from selfreview_core import (
    Assessment,
    Framework,
    InvalidDocument,
    Judgement,
    RulePack,
    School,
    check_rules,
    compare,
    load_rules,
    score,
)
from selfreview_core.comparison import Comparison
from selfreview_core.facts import Facts, describe, holds
from selfreview_core.model.scale import Scale
from selfreview_core.rules import clauses as rule_clauses
from selfreview_core.rules import index as rule_index
from selfreview_core.rules.index import CompiledRules, fires_naively
from selfreview_core.testing import mirror_framework

SCHOOL = School(id="T1", name="Test School")

# small_framework: best 3, worst 0. Aspect A1 = strands A1.1, A1.2; A2 = A2.1; B1 = B1.1.
# Each case: a condition, the levels judged, whether it holds.
CASES: list[tuple[dict[str, Any], dict[str, int], bool]] = [
    ({"strand": "A1.1", "level": 1}, {"A1.1": 1}, True),
    ({"strand": "A1.1", "level": [0, 1]}, {"A1.1": 2}, False),
    ({"strand": "A1.1", "level": 1}, {}, False),
    ({"strand": "A1.1", "below": 2}, {"A1.1": 1}, True),
    ({"strand": "A1.1", "below": 2}, {"A1.1": 2}, False),
    ({"strand": "A1.1", "below": 2}, {"A1.1": 3}, False),
    ({"strand": "A1.1", "below": 2}, {}, False),  # unjudged is not "below" anything
    ({"strand": "A1.1", "reached": 2}, {"A1.1": 2}, True),
    ({"strand": "A1.1", "reached": 2}, {"A1.1": 3}, True),
    ({"strand": "A1.1", "reached": 2}, {"A1.1": 1}, False),
    ({"strand": "A1.1", "unjudged": True}, {}, True),
    ({"strand": "A1.1", "unjudged": True}, {"A1.1": 0}, False),
    ({"strand": "A1.1", "unjudged": False}, {"A1.1": 0}, True),
    # Aspects and elements use the profile's aggregate (median, ties to the worse).
    ({"aspect": "A1", "level": 1}, {"A1.1": 1, "A1.2": 3}, True),
    ({"aspect": "A1", "reached": 2}, {"A1.1": 1, "A1.2": 3}, False),
    ({"aspect": "A1", "unjudged": True}, {"A2.1": 3}, True),
    ({"element": "A", "below": 2}, {"A1.1": 3, "A1.2": 1, "A2.1": 1}, True),
    ({"element": "B", "reached": 3}, {"B1.1": 3}, True),
    # Combinations.
    (
        {"all": [{"strand": "A1.1", "below": 2}, {"strand": "B1.1", "reached": 2}]},
        {"A1.1": 0, "B1.1": 2},
        True,
    ),
    (
        {"all": [{"strand": "A1.1", "below": 2}, {"strand": "B1.1", "reached": 2}]},
        {"A1.1": 0, "B1.1": 1},
        False,
    ),
    ({"all": []}, {}, True),
    ({"any": [{"strand": "A1.1", "level": 3}, {"strand": "B1.1", "level": 3}]}, {"B1.1": 3}, True),
    ({"any": [{"strand": "A1.1", "level": 3}, {"strand": "B1.1", "level": 3}]}, {"B1.1": 2}, False),
    ({"any": []}, {"A1.1": 1}, False),
    ({"not": {"strand": "A1.1", "reached": 2}}, {"A1.1": 1}, True),
    ({"not": {"strand": "A1.1", "reached": 2}}, {}, True),  # not judged, so not reached
    ({"not": {"strand": "A1.1", "reached": 2}}, {"A1.1": 2}, False),
    (
        {"not": {"any": [{"strand": "A1.1", "unjudged": True}, {"aspect": "A2", "below": 1}]}},
        {"A1.1": 1, "A2.1": 1},
        True,
    ),
    (
        {"not": {"any": [{"strand": "A1.1", "unjudged": True}, {"aspect": "A2", "below": 1}]}},
        {"A1.1": 1, "A2.1": 0},
        False,
    ),
    (
        {
            "all": [
                {"any": [{"strand": "A1.2", "level": 0}]},
                {"not": {"element": "B", "unjudged": True}},
            ]
        },
        {"A1.2": 0, "B1.1": 0},
        True,
    ),
]

# With a previous review: (condition, levels then, levels now, holds).
CHANGE_CASES: list[tuple[dict[str, Any], dict[str, int], dict[str, int], bool]] = [
    ({"strand": "A1.1", "improved": True}, {"A1.1": 1}, {"A1.1": 2}, True),
    ({"strand": "A1.1", "improved": True}, {"A1.1": 2}, {"A1.1": 2}, False),
    ({"strand": "A1.1", "improved": False}, {"A1.1": 2}, {"A1.1": 2}, True),
    ({"strand": "A1.1", "regressed": True}, {"A1.1": 2}, {"A1.1": 1}, True),
    ({"strand": "A1.1", "regressed": True}, {"A1.1": 1}, {"A1.1": 2}, False),
    ({"strand": "A1.1", "improved": True}, {}, {"A1.1": 2}, False),  # newly judged
    ({"strand": "A1.1", "improved": False}, {}, {"A1.1": 2}, False),
    ({"aspect": "A1", "improved": True}, {"A1.1": 0, "A1.2": 0}, {"A1.1": 1, "A1.2": 2}, True),
    ({"element": "A", "regressed": True}, {"A1.1": 3}, {"A1.1": 2}, True),
]


def mirror_condition(condition: Any, scale: Scale) -> Any:
    if isinstance(condition, list):
        return [mirror_condition(c, scale) for c in condition]
    if not isinstance(condition, dict):
        return condition
    out: dict[str, Any] = {}
    for key, value in condition.items():
        if key in ("level", "below", "reached"):
            levels = value if isinstance(value, list) else [value]
            mirrored = [scale.mirror_level(v) for v in levels]
            out[key] = mirrored if isinstance(value, list) else mirrored[0]
        else:
            out[key] = mirror_condition(value, scale)
    return out


def assessment_of(framework: Framework, levels: dict[str, int], day: int = 1) -> Assessment:
    return Assessment(
        framework=framework.ref,
        school=SCHOOL,
        assessed_on=dt.date(2026, 1, day),
        judgements={k: Judgement(level=v) for k, v in levels.items()},
    )


def pack_of(framework: Framework, *conditions: dict[str, Any]) -> RulePack:
    pack = RulePack.model_validate(
        {
            "id": "test-pack",
            "framework": framework.id,
            "rules": [
                {"id": f"r{i}", "when": c, "recommend": {"title": "T", "action": "A"}}
                for i, c in enumerate(conditions)
            ],
        }
    )
    check_rules(framework, pack)
    return pack


def fires(framework: Framework, condition: dict[str, Any], facts: Facts) -> bool:
    """Evaluated both ways, which must agree: the definition and the compiled index."""
    pack = pack_of(framework, condition)
    by_definition = holds(pack.rules[0].when, framework.scale, facts)
    by_index = [rule.id for _, rule in CompiledRules(framework, [pack]).fired(facts)]
    assert by_index == (["r0"] if by_definition else [])
    return by_definition


@pytest.mark.parametrize("mirrored", [False, True], ids=["best-3", "best-0"])
@pytest.mark.parametrize(("condition", "levels", "expected"), CASES)
def test_each_condition_form(
    small_framework: Framework,
    condition: dict[str, Any],
    levels: dict[str, int],
    expected: bool,
    mirrored: bool,
) -> None:
    framework = small_framework
    if mirrored:  # the same case written on the scale that runs the other way
        scale = framework.scale
        framework = mirror_framework(framework)
        condition = mirror_condition(condition, scale)
        levels = {k: scale.mirror_level(v) for k, v in levels.items()}
    facts = Facts(score(framework, assessment_of(framework, levels)))
    assert fires(framework, condition, facts) is expected


@pytest.mark.parametrize("mirrored", [False, True], ids=["best-3", "best-0"])
@pytest.mark.parametrize(("condition", "before", "after", "expected"), CHANGE_CASES)
def test_improved_and_regressed_compare_with_the_previous_review(
    small_framework: Framework,
    condition: dict[str, Any],
    before: dict[str, int],
    after: dict[str, int],
    expected: bool,
    mirrored: bool,
) -> None:
    framework = small_framework
    if mirrored:
        scale = framework.scale
        framework = mirror_framework(framework)
        before = {k: scale.mirror_level(v) for k, v in before.items()}
        after = {k: scale.mirror_level(v) for k, v in after.items()}
    old, new = assessment_of(framework, before, 1), assessment_of(framework, after, 2)
    facts = Facts(score(framework, new), compare(framework, old, new))
    assert fires(framework, condition, facts) is expected
    # Without a previous review, neither ever holds.
    assert fires(framework, condition, Facts(score(framework, new))) is False


def test_becta_1b1_at_level_4_explains_itself(becta: Framework) -> None:
    pack = RulePack.model_validate(
        {
            "id": "leadership",
            "framework": "becta-srf",
            "reference": "Becta (2010)",
            "rules": [
                {
                    "id": "involve-slt",
                    "when": {"strand": "1b1", "level": [4, 5]},
                    "recommend": {
                        "title": "Bring ICT leadership into the senior leadership team",
                        "action": "Make ICT a standing item for the senior leadership team.",
                        "priority": "high",
                    },
                },
                {
                    "id": "strategy",
                    "when": {"strand": "1b1", "below": 3},
                    "recommend": {"title": "T", "action": "A", "targets": ["1b", "1b2"]},
                },
            ],
        }
    )
    facts = Facts(score(becta, assessment_of(becta, {"1b1": 4})))
    first, second = CompiledRules(becta, [pack]).recommendations(facts)
    assert (first.id, first.priority, first.targets) == ("involve-slt", "high", ("1b1",))
    assert first.source == "leadership"
    assert first.reference == "Becta (2010)"
    assert first.rationale == "1b1 is at level 4 or 5 (it is at 4)"
    # Level 1 is the best: "below level 3" would mislead, so the scale's own words.
    assert second.rationale == "1b1 is not yet at level 3 (it is at 4)"
    assert second.targets == ("1b", "1b2")
    facts = Facts(score(becta, assessment_of(becta, {"1b1": 3})))
    assert list(CompiledRules(becta, [pack]).recommendations(facts)) == []


def test_a_pack_for_another_framework_is_not_applied(
    becta: Framework, small_framework: Framework
) -> None:
    pack = pack_of(small_framework, {"strand": "A1.1", "unjudged": True})
    assert len(CompiledRules(becta, [pack])) == 0
    assert len(CompiledRules(small_framework, [pack])) == 1


def test_describe_reads_as_a_sentence() -> None:
    pack = RulePack.model_validate(
        {
            "id": "p",
            "framework": "f",
            "rules": [
                {
                    "id": "r",
                    "when": {
                        "all": [
                            {"aspect": "1a", "below": 3},
                            {
                                "any": [
                                    {"strand": "1b1", "unjudged": True},
                                    {"element": "1", "improved": True},
                                ]
                            },
                            {"not": {"strand": "1c1", "reached": 2}},
                        ]
                    },
                    "recommend": {"title": "T", "action": "A"},
                }
            ],
        }
    )
    assert describe(pack.rules[0].when) == (
        "aspect 1a is not yet at level 3 and (1b1 is not judged or element 1 has improved since "
        "the previous review) and not (1c1 has reached level 2)"
    )


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ({"strand": "A1.1"}, "exactly one test"),
        ({"strand": "A1.1", "aspect": "A1", "below": 1}, "exactly one of `strand`"),
        ({"strand": "A1.1", "below": 1, "reached": 2}, "exactly one test"),
        ({"strand": "A1.1", "level": []}, "at least one level"),
        ({"strand": "A1.1", "unjudged": "yes"}, "expected `true` or `false`"),
    ],
)
def test_malformed_conditions_are_refused(
    tmp_path: Any, small_framework: Framework, condition: dict[str, Any], message: str
) -> None:
    import json

    path = tmp_path / "pack.json"
    pack = {
        "kind": "rules",
        "id": "p",
        "framework": "small",
        "rules": [{"id": "r", "when": condition, "recommend": {"title": "T", "action": "A"}}],
    }
    path.write_text(json.dumps(pack))
    with pytest.raises(InvalidDocument) as raised:
        load_rules(path, small_framework)
    [diagnostic] = raised.value.diagnostics
    assert message in diagnostic.message
    assert diagnostic.path.startswith("rules[0].when")
    assert diagnostic.line == 1


def test_check_rules_refuses_a_built_pack_that_does_not_fit(small_framework: Framework) -> None:
    pack = RulePack.model_validate(
        {
            "id": "p",
            "framework": "small",
            "rules": [
                {
                    "id": "r",
                    "when": {"aspect": "A1.1", "below": 7},
                    "recommend": {"title": "T", "action": "A"},
                }
            ],
        }
    )
    with pytest.raises(InvalidDocument) as raised:
        check_rules(small_framework, pack)
    messages = [d.message for d in raised.value.diagnostics]
    assert messages == [
        "`A1.1` is a strand of small@1, not an aspect",
        "level 7 is outside the scale 3 (best) .. 0 (worst)",
    ]


# -- what a mutation pass left untested (issue 14) -------------------------------------------

#: A rule the index cannot write as clauses (it holds a `not` of a compound): it is anchored
#: on its test of A1.1 and checked in full only where that test holds.
ANCHORED: dict[str, Any] = {
    "all": [
        {"strand": "A1.1", "below": 2},
        {"not": {"any": [{"strand": "B1.1", "level": 3}, {"aspect": "A2", "unjudged": True}]}},
    ]
}


@pytest.mark.parametrize("mirrored", [False, True], ids=["best-3", "best-0"])
def test_a_rule_the_index_can_only_anchor_fires_exactly_where_the_definition_says(
    small_framework: Framework, mirrored: bool
) -> None:
    """Every combination of levels (and none) of the strands it names: the index fires it
    exactly where `fires_naively` does, and that is somewhere (a wrong anchor never fires)."""
    framework, condition = small_framework, ANCHORED
    if mirrored:
        framework = mirror_framework(small_framework)
        condition = mirror_condition(ANCHORED, small_framework.scale)
    pack = pack_of(framework, condition)
    compiled = CompiledRules(framework, [pack])
    fired = 0
    choices = (*framework.scale.levels, None)
    for levels in itertools.product(choices, repeat=3):
        judged = {
            s: v for s, v in zip(("A1.1", "B1.1", "A2.1"), levels, strict=True) if v is not None
        }
        facts = Facts(score(framework, assessment_of(framework, judged)))
        naive = [rule.id for rule in fires_naively(pack, framework.scale, facts)]
        assert [rule.id for _, rule in compiled.fired(facts)] == naive, judged
        fired += bool(naive)
    assert fired > 0


def test_the_anchor_is_the_tested_id_at_the_levels_where_its_test_holds(
    small_framework: Framework,
) -> None:
    """The anchored rule is indexed under (A1.1, level, 1) and (A1.1, level, 0), where
    `below: 2` holds on a 3 (best) .. 0 (worst) scale, and is not checked for every school."""
    pack = pack_of(small_framework, ANCHORED)
    keys = [("A1.1", "level", 1), ("A1.1", "level", 0)]
    assert rule_clauses.anchor(pack.rules[0].when, small_framework.scale) == keys
    compiled = CompiledRules(small_framework, [pack])
    assert compiled._rest == {key: [0] for key in keys}
    assert compiled._rest_always == []


@pytest.mark.parametrize(
    ("level", "condition", "expected"),
    [
        (4, {"strand": "A1.1", "reached": 3}, True),  # past the best: reached everything
        (4, {"strand": "A1.1", "below": 3}, False),
        (4, {"not": {"strand": "A1.1", "reached": 3}}, False),
        (4, {"strand": "A1.1", "level": [3]}, False),
        (4, {"strand": "A1.1", "unjudged": False}, True),
        (-1, {"strand": "A1.1", "below": 0}, True),  # past the worst: below everything
        (-1, {"any": [{"strand": "A1.1", "reached": 0}, {"strand": "B1.1", "level": 3}]}, False),
        (-1, ANCHORED, True),
    ],
)
def test_a_hand_built_profile_with_a_level_off_the_scale_is_checked_rule_by_rule(
    small_framework: Framework, level: int, condition: dict[str, Any], expected: bool
) -> None:
    """A `Profile` built by hand may hold a level the scale lacks; the index knows only the
    scale's levels, so such a profile is checked rule by rule (`fires` compares the two)."""
    judged = {"A1.1": 2, "B1.1": 1, "A2.1": 1}
    profile = score(small_framework, assessment_of(small_framework, judged))
    profile = profile.model_copy(update={"strands": {**profile.strands, "A1.1": level}})
    assert fires(small_framework, condition, Facts(profile)) is expected


@pytest.mark.parametrize(("table", "node_id"), [("aspects", "A1"), ("elements", "A")])
@pytest.mark.parametrize(("level", "test", "bound"), [(4, "reached", 3), (-1, "below", 0)])
def test_an_aggregate_off_the_scale_in_a_hand_built_profile_is_checked_rule_by_rule(
    small_framework: Framework, table: str, node_id: str, level: int, test: str, bound: int
) -> None:
    """A level off the scale in any table (an aspect's or an element's as much as a
    strand's) sends the profile to the rules one by one: the index would find none.
    Past the best level everything is reached; past the worst, everything is above it."""
    profile = score(small_framework, assessment_of(small_framework, {"A1.1": 2, "B1.1": 1}))
    changed = {**getattr(profile, table), node_id: level}
    profile = profile.model_copy(update={table: changed})
    kind = table.removesuffix("s")
    assert fires(small_framework, {kind: node_id, test: bound}, Facts(profile)) is True


def test_a_strand_not_applicable_is_not_taken_for_unjudged_by_the_index(
    small_framework: Framework,
) -> None:
    """The index's masks cannot tell a strand not applicable from one not judged, so a
    profile with one is checked rule by rule: `unjudged` holds for neither the same way."""
    assessment = assessment_of(small_framework, {"A1.1": 2, "B1.1": 1})
    judgements = {
        **assessment.judgements,
        "A1.2": Judgement(applicable=False, evidence="No such practice here."),
    }
    profile = score(small_framework, assessment.model_copy(update={"judgements": judgements}))
    assert profile.not_applicable == ("A1.2",)
    facts = Facts(profile)
    assert fires(small_framework, {"strand": "A1.2", "unjudged": True}, facts) is False
    assert fires(small_framework, {"strand": "A2.1", "unjudged": True}, facts) is True


def test_a_profile_on_the_scale_takes_the_index_without_checking_a_rule(
    small_framework: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rules written as clauses (tests, `all`, `any`, `not` of a test) are answered by the
    index alone for a profile on the scale: the definition is never called."""
    conditions = [
        condition
        for condition, _, _ in CASES
        if rule_clauses.clauses(
            RulePack.model_validate(
                {
                    "id": "p",
                    "framework": "small",
                    "rules": [
                        {"id": "r", "when": condition, "recommend": {"title": "T", "action": "A"}}
                    ],
                }
            )
            .rules[0]
            .when
        )
        is not None
    ]
    assert len(conditions) > 20
    pack = pack_of(small_framework, *conditions)
    facts = Facts(score(small_framework, assessment_of(small_framework, {"A1.1": 1, "B1.1": 3})))
    naive = [rule.id for rule in fires_naively(pack, small_framework.scale, facts)]
    assert naive

    def refuse(*args: object) -> bool:
        raise AssertionError("a rule was checked one by one")

    monkeypatch.setattr(rule_index, "holds", refuse)
    compiled = CompiledRules(small_framework, [pack])
    assert [rule.id for _, rule in compiled.fired(facts)] == naive


def test_the_rationale_of_a_compound_condition_on_change_gives_the_earlier_level(
    small_framework: Framework,
) -> None:
    """Each id a rule tests for a change is given with its level at the previous review,
    however deep in `all`, `any` or `not` the test is; an id it tests for a level is not."""
    framework = small_framework
    pack = pack_of(
        framework,
        {"all": [{"strand": "A1.1", "improved": True}, {"strand": "B1.1", "below": 2}]},
        {"any": [{"not": {"strand": "A2.1", "regressed": True}}, {"strand": "B1.1", "level": 3}]},
    )
    old = assessment_of(framework, {"A1.1": 1, "A2.1": 2, "B1.1": 1}, 1)
    new = assessment_of(framework, {"A1.1": 2, "A2.1": 2, "B1.1": 1}, 2)
    facts = Facts(score(framework, new), compare(framework, old, new))
    first, second = CompiledRules(framework, [pack]).recommendations(facts)
    assert first.rationale == (
        "A1.1 has improved since the previous review (up one level, 1 → 2) and "
        "B1.1 is not yet at level 2 (it is at 1)"
    )
    assert second.rationale == (
        "not (A2.1 has regressed since the previous review (unchanged at level 2)) or "
        "B1.1 is at level 3 (it is at 1)"
    )


def test_facts_of_its_own_kind_answer_for_changes_in_the_index_too(
    small_framework: Framework,
) -> None:
    """A `Facts` subclass with a `change` of its own (a school's changes from elsewhere) is
    asked, not bypassed by the index's shortcut through the comparison's tables."""

    class EverythingImproved(Facts):
        def change(self, node_id: str) -> int | None:
            return 1

    framework = small_framework
    pack = pack_of(framework, {"strand": "A1.1", "improved": True})
    old = assessment_of(framework, {"A1.1": 2}, 1)
    new = assessment_of(framework, {"A1.1": 2}, 2)
    facts = EverythingImproved(score(framework, new), compare(framework, old, new))
    assert [rule.id for rule in fires_naively(pack, framework.scale, facts)] == ["r0"]
    assert [rule.id for _, rule in CompiledRules(framework, [pack]).fired(facts)] == ["r0"]


def test_a_comparison_of_its_own_kind_answers_for_changes_in_the_index_too(
    small_framework: Framework,
) -> None:
    """A `Comparison` subclass with a `direction` of its own (changes worked out elsewhere)
    is asked, as the naive check asks it through `Facts.change`, not bypassed by the
    index's shortcut through the comparison's tables."""

    class EverythingImproved(Comparison):
        def direction(self, node_id: str) -> int | None:
            return 1

    framework = small_framework
    pack = pack_of(framework, {"strand": "A1.1", "improved": True})
    old = assessment_of(framework, {"A1.1": 2}, 1)
    new = assessment_of(framework, {"A1.1": 2}, 2)
    plain = compare(framework, old, new)
    facts = Facts(score(framework, new), EverythingImproved.model_construct(**dict(plain)))
    assert [rule.id for rule in fires_naively(pack, framework.scale, facts)] == ["r0"]
    assert [rule.id for _, rule in CompiledRules(framework, [pack]).fired(facts)] == ["r0"]
    unchanged = Facts(score(framework, new), plain)
    assert list(CompiledRules(framework, [pack]).fired(unchanged)) == []


@pytest.mark.parametrize(
    ("test", "steps", "fires"),
    [
        ({"improved": True}, 2, True),
        ({"improved": True}, -3, False),
        ({"regressed": True}, -3, True),
        ({"regressed": True}, 2, False),
        ({"improved": False}, -3, True),
        ({"improved": False}, 2, False),
    ],
)
def test_changes_of_their_own_kind_count_by_their_sign_in_the_index_as_in_the_definition(
    small_framework: Framework, test: dict[str, bool], steps: int, fires: bool
) -> None:
    """A `Facts` subclass whose `change` gives the steps of a change (2: up two levels), not
    only its sign, without a previous review: `improved` holds by the definition (`change >
    0`), and the index fires the rule too. Before round 65 the index found no table for 2
    and fired nothing."""

    class Stepped(Facts):
        def change(self, node_id: str) -> int | None:
            return steps

    framework = small_framework
    pack = pack_of(framework, {"strand": "A1.1", **test})
    facts = Stepped(score(framework, assessment_of(framework, {"A1.1": 2}, 2)))
    assert [rule.id for rule in fires_naively(pack, framework.scale, facts)] == ["r0"] * fires
    assert [rule.id for _, rule in CompiledRules(framework, [pack]).fired(facts)] == ["r0"] * fires


def test_schools_at_one_level_but_different_scores_each_get_their_own_score_in_words(
    small_framework: Framework,
) -> None:
    """A rule on an aspect's score states the school's score: two schools whose aspect is at
    one level (mean 1.5 and 1, both level 1) get one rationale each from one compiled pack,
    never the first school's words again for the second."""
    framework = small_framework
    pack = pack_of(framework, {"aspect": "A1", "score_below": 3})
    compiled = CompiledRules(framework, [pack])
    for levels, stated in (((1, 2), "it is at 1.5, level 1"), ((1, 1), "it is at 1, level 1")):
        judged = assessment_of(framework, {"A1.1": levels[0], "A1.2": levels[1]})
        facts = Facts(score(framework, judged, "mean"))
        [made] = compiled.recommendations(facts)
        assert made.rationale == (
            f"aspect A1 scores below 3 ({stated}, the mean of its judged strands)"
        )


def test_schools_with_a_strand_not_applicable_each_get_their_own_earlier_level_in_words(
    small_framework: Framework,
) -> None:
    """With a strand not applicable the index cannot read levels from its tables and takes
    its general path: a rule on a change still states each school's own earlier level
    (0 → 2, then 1 → 2), not the first school's."""
    framework = small_framework
    pack = pack_of(framework, {"strand": "A1.1", "improved": True})
    compiled = CompiledRules(framework, [pack])
    for old, words in ((0, "up two levels, 0 → 2"), (1, "up one level, 1 → 2")):
        before = assessment_of(framework, {"A1.1": old, "B1.1": 1}, 1)
        after = assessment_of(framework, {"A1.1": 2, "B1.1": 1}, 2)
        missing = Judgement(applicable=False, evidence="No strategy of its own.")
        after = after.model_copy(update={"judgements": {**after.judgements, "A2.1": missing}})
        facts = Facts(score(framework, after), compare(framework, before, after))
        [made] = compiled.recommendations(facts)
        assert made.rationale == f"A1.1 has improved since the previous review ({words})"


def test_a_recommendation_is_made_on_the_scale_its_caller_names() -> None:
    """`recommendation_for`'s `scale` had a default (the profile's) that no caller took: the
    index and the definition's tests each pass the framework's (round 66). It is required,
    so that the signature says what its callers do and a new caller cannot forget it."""
    import inspect

    scale = inspect.signature(rule_index.recommendation_for).parameters["scale"]
    assert scale.kind is inspect.Parameter.KEYWORD_ONLY
    assert scale.default is inspect.Parameter.empty
