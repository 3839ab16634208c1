"""What a rule condition means, pinned where a whole mutation pass of model/conditions.py
found no test that would notice a change: a test names exactly one subject and has exactly
one test of it (else the rule pack is refused, with a location, rather than read as
something its author did not write), and a condition that is not a mapping at all is
reported as such, beside every other problem in the pack, never a crash."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from selfreview_core import Framework, InvalidDocument, RulePack, load_rules, score
from selfreview_core.facts import Facts
from selfreview_core.model.conditions import NotOf, Test
from selfreview_core.rules.index import CompiledRules, fires_naively
from test_scores import answered, samm_framework

SUBJECT = "a condition names exactly one of `strand`, `aspect` or `element`"
OPERATOR = (
    "a condition has exactly one test: `level`, `below`, `reached`, `unjudged`, "
    "`improved`, `regressed`, `score_below` or `score_reached`"
)
NOT_A_CONDITION = "expected a condition, a mapping such as {strand: 1b1, below: 3}"


def problems(framework: Framework, when: str) -> list[tuple[str, str, str]]:
    """(path, code, message) of every problem `load_rules` finds in a one-rule pack."""
    text = (
        f"kind: rules\nid: pack\nframework: {framework.id}\nrules:\n  - id: rule\n"
        f"    when: {when}\n    recommend: {{title: Do it, action: Do it.}}\n"
    )
    with pytest.raises(InvalidDocument) as caught:
        load_rules("pack.yaml", framework, text=text)
    return [(d.path, d.code, d.message) for d in caught.value.diagnostics]


@pytest.mark.parametrize(
    ("when", "code", "message"),
    [
        ("{strand: A1.1, aspect: A1, below: 2}", "condition_subject", SUBJECT),
        ("{below: 2}", "condition_subject", SUBJECT),
        ("{strand: A1.1, below: 2, reached: 1}", "condition_operator", OPERATOR),
        ("{strand: A1.1}", "condition_operator", OPERATOR),
        ("{strand: A1.1, level: []}", "condition_operator", "`level` needs at least one level"),
    ],
)
def test_a_test_names_one_subject_and_one_test_of_it(
    small_framework: Framework, when: str, code: str, message: str
) -> None:
    assert problems(small_framework, when) == [("rules[0].when", code, message)]


def test_a_condition_that_is_not_a_mapping_is_reported_beside_the_other_problems(
    small_framework: Framework,
) -> None:
    assert problems(small_framework, "[{strand: A1.1, below: 2}]") == [
        ("rules[0].when", "condition_type", NOT_A_CONDITION)
    ]
    assert problems(small_framework, "{not: 3}") == [
        ("rules[0].when.not", "condition_type", NOT_A_CONDITION)
    ]
    assert problems(small_framework, "{all: [3, {strand: A1.1, below: 9}]}") == [
        ("rules[0].when.all[0]", "condition_type", NOT_A_CONDITION),
        (
            "rules[0].when.all[1].below",
            "level-outside-scale",
            "level 9 is outside the scale 3 (best) .. 0 (worst)",
        ),
    ]


@pytest.mark.parametrize(
    ("data", "levels"),
    [
        ({"strand": "A1.1", "level": 2}, (2,)),
        ({"strand": "A1.1", "level": [1, 3]}, (1, 3)),
        ({"strand": "A1.1", "below": 2}, (2,)),
        ({"aspect": "A1", "reached": 3}, (3,)),
        ({"strand": "A1.1", "unjudged": True}, ()),
        ({"strand": "A1.1", "score_reached": 2}, ()),
    ],
)
def test_a_test_lists_the_levels_it_names(data: dict[str, object], levels: tuple[int, ...]) -> None:
    """The levels a check against the scale must look at: a score is not a level."""
    assert Test.model_validate(data).levels == levels


def test_a_rule_on_a_score_fires_as_defined_under_not_and_any() -> None:
    """A `not` (or an `any`) of a score test reads the score like the test itself: such a
    rule must never be indexed by level, where no score test holds and its `not` always
    would. P0-A scores 1.75 (level 1); P0-B is not judged."""
    framework = samm_framework(1)
    pack = RulePack.model_validate(
        {
            "id": "pack",
            "framework": framework.id,
            "rules": [
                {"id": rule_id, "when": when, "recommend": {"title": rule_id, "action": "Do it."}}
                for rule_id, when in (
                    ("not-scored-high", {"not": {"strand": "P0-A", "score_reached": 1.5}}),
                    ("not-scored-low", {"not": {"strand": "P0-A", "score_below": 1.5}}),
                    ("unscored", {"not": {"strand": "P0-B", "score_reached": 0}}),
                    (
                        "any",
                        {
                            "any": [
                                {"strand": "P0-A", "score_below": 1},
                                {"not": {"strand": "P0-A", "score_below": 2}},
                            ]
                        },
                    ),
                )
            ],
        }
    )
    facts = Facts(score(framework, answered(framework, {"P0-A": ["most", "half", "some"]})))
    fired = [rule.id for _, rule in CompiledRules(framework, [pack]).fired(facts)]
    assert fired == [rule.id for rule in fires_naively(pack, framework.scale, facts)]
    assert fired == ["not-scored-low", "unscored"]


def test_a_not_is_spelled_not_even_when_built_in_python() -> None:
    """`not_` is only the attribute's Python name: a condition read from data, by a plugin
    or a file alike, says `not`, so a dump of one reads back and nothing else does."""
    inner = {"strand": "A1.1", "below": 2}
    built = NotOf.model_validate({"not": inner})
    assert NotOf.model_validate(built.model_dump(by_alias=True)) == built
    with pytest.raises(ValidationError, match="not_") as told:
        NotOf.model_validate({"not_": inner})
    assert [(e["type"], e["loc"]) for e in told.value.errors()] == [
        ("missing", ("not",)),
        ("extra_forbidden", ("not_",)),
    ]


@pytest.mark.parametrize(
    ("when", "hint"),
    [
        # No key of a test is close to it: what a test is made of.
        ("{strand: P0-A, at_least: 2}", Test.UNKNOWN_KEY_HINT),
        ("{all: [{strand: P0-A, at_least: 2}]}", Test.UNKNOWN_KEY_HINT),
        # A close one: that key alone.
        ("{strand: P0-A, belo: 2}", "did you mean `below`?"),
    ],
)
def test_a_key_no_test_has_is_told_with_what_a_test_is_made_of(when: str, hint: str) -> None:
    """`{strand: 1b1, at_least: 3}` (a word from another tool) is an unknown key at its
    place, and the hint says what a test may name, where the key is close to none; before
    round 59 it had no hint (a test has eleven keys: more than a hint lists)."""
    text = (
        "kind: rules\nid: pack\nframework: samm-like\nrules:\n  - id: rule\n"
        f"    when: {when}\n    recommend: {{title: Do it, action: Do it.}}\n"
    )
    with pytest.raises(InvalidDocument) as caught:
        load_rules("pack.yaml", samm_framework(), text=text)
    [diagnostic] = caught.value.diagnostics
    assert (diagnostic.line, diagnostic.code, diagnostic.hint) == (6, "unknown-key", hint)
    assert diagnostic.message.startswith("unknown key `")
    assert Test.UNKNOWN_KEY_HINT == (
        "a test names one of `strand`, `aspect` or `element`, and has one of `level`, "
        "`below`, `reached`, `unjudged`, `improved`, `regressed`, `score_below` or "
        "`score_reached`"
    )
