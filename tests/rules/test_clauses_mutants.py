"""The forms the rule index works with (`rules.clauses`), pinned where a whole mutation pass
found no test that would notice a change. Every such change kept the index's answers (a
rule the index cannot take is checked against its definition instead), so what is pinned
here is the promise that makes the index pay: which rules it answers alone (as an `any` of
`all`s of tests, at most `MAX_CLAUSES` clauses), and that a rule it must check is anchored
on its narrowest part, so that it is checked only where it may hold. Round 64's pass found
changes that did alter an answer: a test of a change inside `not`, `all` or `any` not counted
as one, so that a second school was given the first school's change in words."""

from __future__ import annotations

import datetime as dt

import pytest

from selfreview_core import Assessment, Framework, Judgement, RulePack, School, compare, score
from selfreview_core.facts import Facts
from selfreview_core.model.conditions import AllOf, AnyOf, Condition, NotOf, Test
from selfreview_core.model.scale import Scale
from selfreview_core.rules.clauses import anchor, clauses
from selfreview_core.rules.index import CompiledRules

UPWARD = Scale(best=3, worst=0)


def conditions_on(count: int) -> list[Condition]:
    """`count` different tests: `{strand: sN, level: 1}`."""
    return [Test.model_validate({"strand": f"s{n}", "level": 1}) for n in range(count)]


def any_of(*children: Condition) -> AnyOf:
    return AnyOf(any=children)


def all_of(*children: Condition) -> AllOf:
    return AllOf(all=children)


def not_of(child: Condition) -> NotOf:
    return NotOf.model_validate({"not": child})


def test_a_condition_becomes_an_any_of_alls_of_tests_and_negated_tests() -> None:
    a, b, c, d = conditions_on(4)
    assert clauses(a) == [[a]]
    assert clauses(not_of(a)) == [[not_of(a)]]
    assert clauses(any_of(a, not_of(b))) == [[a], [not_of(b)]]
    assert clauses(all_of(any_of(a, b), any_of(c, d))) == [[a, c], [a, d], [b, c], [b, d]]
    assert clauses(any_of(all_of(a, b), any_of(c))) == [[a, b], [c]]
    assert clauses(all_of()) == [[]]  # always holds: one empty clause
    assert clauses(any_of()) == []  # never holds: no clause


def test_a_not_of_a_compound_has_no_clauses_wherever_it_is() -> None:
    a, b = conditions_on(2)
    compound = not_of(any_of(a, b))
    assert clauses(compound) is None
    assert clauses(any_of(a, compound)) is None
    assert clauses(all_of(a, compound)) is None


@pytest.mark.parametrize("shape", ["any", "all", "nested any"])
def test_a_rule_of_at_most_max_clauses_clauses_is_answered_by_the_index(shape: str) -> None:
    """Sixteen clauses (`MAX_CLAUSES`) is the most the index takes; one more and the rule
    is checked against its definition instead."""

    def of(count: int) -> Condition:
        parts = conditions_on(count)
        if shape == "any":
            return any_of(*parts)
        if shape == "nested any":
            half = count // 2
            return any_of(any_of(*parts[:half]), any_of(*parts[half:]))
        # all of (any of two) * 3 and (any of count / 8): count clauses
        twos = [any_of(*parts[i : i + 2]) for i in range(0, 6, 2)]
        return all_of(*twos, any_of(*parts[6 : 6 + count // 8]))

    most = clauses(of(16))
    assert most is not None
    assert len(most) == 16
    if shape == "all":
        assert clauses(of(24)) is None  # all of any of 2, 2, 2 and 3: 24 clauses
    else:
        assert clauses(of(17)) is None


def test_a_rule_the_index_must_check_is_anchored_on_its_narrowest_part() -> None:
    """`all` of a wide test and a narrow one: checked only where the narrow one holds."""
    wide = Test.model_validate({"strand": "A1.1", "below": 3})  # levels 2, 1, 0
    narrow = Test.model_validate({"strand": "B1.1", "level": 3})
    compound = not_of(any_of(*conditions_on(2)))  # no anchor of its own
    assert anchor(all_of(wide, narrow, compound), UPWARD) == [("B1.1", "level", 3)]
    assert anchor(all_of(narrow, wide), UPWARD) == [("B1.1", "level", 3)]
    assert anchor(all_of(compound), UPWARD) is None
    assert anchor(any_of(narrow, compound), UPWARD) is None
    assert anchor(any_of(narrow, not_of(wide)), UPWARD) == [
        ("B1.1", "level", 3),
        ("A1.1", "level", 3),
        ("A1.1", "level", None),
    ]


@pytest.mark.parametrize(
    ("when", "said"),
    [
        ({"not": {"strand": "A1.1", "regressed": True}}, "not (A1.1 has regressed since {}"),
        ({"all": [{"strand": "A1.1", "regressed": False}]}, "A1.1 has not regressed since {}"),
        ({"any": [{"strand": "A1.1", "regressed": False}]}, "A1.1 has not regressed since {}"),
    ],
    ids=["not", "all", "any"],
)
def test_a_rule_on_a_change_inside_not_all_or_any_states_each_schools_own_earlier_level(
    small_framework: Framework, when: dict[str, object], said: str
) -> None:
    """A test of a change reads the earlier review however it is wrapped: two schools at one
    level now (2) that came from 1 and from 2 each get their own change in words from one
    compiled pack, never the first school's "up one level" again for the second."""
    framework = small_framework
    pack = RulePack.model_validate(
        {
            "id": "wrapped-change",
            "framework": framework.id,
            "rules": [
                {"id": "held", "when": when, "recommend": {"title": "Held", "action": "Keep on."}}
            ],
        }
    )
    compiled = CompiledRules(framework, [pack])

    def review(level: int, day: int) -> Assessment:
        return Assessment(
            framework=framework.ref,
            school=School(id="S1", name="School S1"),
            assessed_on=dt.date(2026, 1, day),
            judgements={"A1.1": Judgement(level=level)},
        )

    for old, words in ((1, "up one level, 1 → 2"), (2, "unchanged at level 2")):
        now = review(2, 2)
        facts = Facts(score(framework, now), compare(framework, review(old, 1), now))
        [made] = compiled.recommendations(facts)
        earlier = f"the previous review ({words})" + (")" if when.keys() == {"not"} else "")
        assert made.rationale == said.format(earlier)
