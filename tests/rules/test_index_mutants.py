"""The rule index (`rules.index`), pinned where round 64's mutation pass found no test that
would notice a change: a rule on a change in a framework with questions fires by score, as
its definition says, and a rule on a change with no previous review is answered (and says
so) by the index's quick path, a strand not applicable is never said of one only not
judged, a pack not checked against the framework is refused where its definition is, and
a rule id two packs share is one recommendation crediting both."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from selfreview_core import (
    Assessment,
    Engine,
    Framework,
    Judgement,
    RulePack,
    School,
    compare,
    score,
)
from selfreview_core.errors import UnknownIdError
from selfreview_core.facts import Facts
from selfreview_core.rules.index import CompiledRules, fires_naively
from test_scores import answered, samm_framework


def pack_of(framework: Framework, when: dict[str, Any]) -> RulePack:
    return RulePack.model_validate(
        {
            "id": "changes",
            "framework": framework.id,
            "rules": [{"id": "r0", "when": when, "recommend": {"title": "T", "action": "A"}}],
        }
    )


def review_of(framework: Framework, judgements: dict[str, Judgement]) -> Assessment:
    """One school's review, on one day, with these judgements."""
    return Assessment(
        framework=framework.ref,
        school=School(id="S1", name="School S1"),
        assessed_on=dt.date(2026, 1, 1),
        judgements=judgements,
    )


def test_a_gain_in_score_within_one_level_fires_a_rule_on_improvement() -> None:
    """In a framework with questions a change of score counts as improved (SPEC, on
    questions): a stream from 0 to 0.5, level 0 both times, has improved, and the index
    fires the rule as the definition does, not by the unchanged level."""
    framework = samm_framework(1)
    old = answered(framework, {"P0-A": ["no"], "P0-B": ["no"]})
    new = answered(framework, {"P0-A": ["half"], "P0-B": ["no"]})
    new = new.model_copy(update={"assessed_on": dt.date(2026, 2, 1)})
    facts = Facts(score(framework, new), compare(framework, old, new))
    assert facts.profile.level("P0-A") == 0  # the same level as before
    for when in (
        {"strand": "P0-A", "improved": True},
        {"all": [{"strand": "P0-A", "improved": True}, {"strand": "P0-B", "improved": False}]},
    ):
        pack = pack_of(framework, when)
        assert [rule.id for rule in fires_naively(pack, framework.scale, facts)] == ["r0"]
        compiled = CompiledRules(framework, [pack])
        assert [rule.id for _, rule in compiled.fired(facts)] == ["r0"]
    quiet = pack_of(framework, {"strand": "P0-A", "improved": False})
    assert list(CompiledRules(framework, [quiet]).fired(facts)) == []


@pytest.mark.parametrize("not_applicable", [False, True], ids=["all-judged", "one-n/a"])
def test_a_rule_on_a_change_without_a_previous_review_says_there_is_none(
    small_framework: Framework, not_applicable: bool
) -> None:
    """With no previous review nothing has improved: `not improved` fires, and its rationale
    says that there is no previous review, for every school the compiled pack is asked of
    (with a strand not applicable too, where the index cannot read its tables directly)."""
    framework = small_framework
    pack = pack_of(framework, {"not": {"strand": "A1.1", "improved": True}})
    compiled = CompiledRules(framework, [pack])
    for level in (1, 2, 1):
        judged = {"A1.1": Judgement(level=level)}
        if not_applicable:
            judged["B1.1"] = Judgement(applicable=False, evidence="No such provision here.")
        review = review_of(framework, judged)
        [made] = compiled.recommendations(Facts(score(framework, review)))
        assert made.rationale == (
            "not (A1.1 has improved since the previous review (there is no previous review))"
        )


def test_a_rule_id_two_packs_share_is_one_recommendation_crediting_both(
    small_framework: Framework,
) -> None:
    """Two packs that give the same rule id (SPEC 4: `sources`, every pack that gave the
    same id) make one recommendation in a report, crediting both, not the id twice."""
    framework = small_framework
    packs = [
        RulePack.model_validate(
            {
                "id": pack_id,
                "framework": framework.id,
                "rules": [
                    {
                        "id": "shared",
                        "when": {"strand": "A1.1", "level": 1},
                        "recommend": {"title": f"From {pack_id}", "action": "A"},
                    }
                ],
            }
        )
        for pack_id in ("first-pack", "second-pack")
    ]
    engine = Engine(entry_points=False, frameworks=[framework], rule_packs=packs)
    review = review_of(framework, {"A1.1": Judgement(level=1)})
    for _ in range(2):  # the second time with what the engine kept from the first
        made = [r for r in engine.report(review).recommendations if r.id == "shared"]
        assert [(r.title, r.sources) for r in made] == [
            ("From first-pack", ("first-pack", "second-pack"))
        ]


def test_a_strand_not_applicable_and_one_not_judged_are_each_said_as_they_are(
    small_framework: Framework,
) -> None:
    """Two schools with no level for A1.1, one because it does not apply and one because it
    is not judged (and another strand not applicable), each get their own words from one
    compiled pack: never "not applicable" for the school that only left it unjudged."""
    framework = small_framework
    compiled = CompiledRules(
        framework, [pack_of(framework, {"not": {"strand": "A1.1", "level": 1}})]
    )
    missing = Judgement(applicable=False, evidence="No strategy of its own.")
    for absent, words in (("A1.1", "it is not applicable"), ("A2.1", "it is not judged")):
        judged = {"B1.1": Judgement(level=1), absent: missing}
        review = review_of(framework, judged)
        [made] = compiled.recommendations(Facts(score(framework, review)))
        assert made.rationale == f"not (A1.1 is at level 1 ({words}))"


def test_a_pack_not_checked_that_names_an_unknown_id_is_refused_as_its_definition_refuses_it(
    small_framework: Framework,
) -> None:
    """A pack built without `check_rules` may name an id the framework lacks. Where the
    definition (`facts.holds`) refuses it (`UnknownIdError`), so does the index, rather than
    answer as if the unknown test were false and fire the rule on its other part."""
    framework = small_framework
    when = {"any": [{"not": {"strand": "ZZ", "level": 1}}, {"strand": "A1.1", "level": 1}]}
    pack = pack_of(framework, when)
    review = review_of(framework, {"A1.1": Judgement(level=1)})
    facts = Facts(score(framework, review))
    with pytest.raises(UnknownIdError, match="`ZZ` is not an element, aspect or strand"):
        fires_naively(pack, framework.scale, facts)
    with pytest.raises(UnknownIdError, match="`ZZ` is not an element, aspect or strand"):
        list(CompiledRules(framework, [pack]).fired(facts))


def test_streams_at_one_level_each_get_their_own_score_in_words() -> None:
    """In a framework with questions a rationale states the score beside the level: two
    streams at level 0, one at 0.5 and one at 0.25, each get their own score in words from
    one compiled pack, never the first school's again for the second."""
    framework = samm_framework(1)
    compiled = CompiledRules(framework, [pack_of(framework, {"strand": "P0-A", "below": 3})])
    for answer, stated in (("half", "0.5"), ("some", "0.25"), ("half", "0.5")):
        review = answered(framework, {"P0-A": [answer], "P0-B": ["no"]})
        [made] = compiled.recommendations(Facts(score(framework, review)))
        assert made.rationale == f"P0-A is not yet at level 3 (it is at {stated}, level 0)"


def test_facts_of_their_own_kind_answer_for_changes_without_a_previous_review_too(
    small_framework: Framework,
) -> None:
    """A `Facts` subclass with a `change` of its own (a school's changes from elsewhere) is
    asked by the index, as by the definition, when it has no comparison too: before, the
    index took "no previous review" for "nothing changed" and did not fire the rule."""

    class EverythingImproved(Facts):
        def change(self, node_id: str) -> int | None:
            return 1

    framework = small_framework
    pack = pack_of(framework, {"strand": "A1.1", "improved": True})
    facts = EverythingImproved(score(framework, review_of(framework, {"A1.1": Judgement(level=1)})))
    assert [rule.id for rule in fires_naively(pack, framework.scale, facts)] == ["r0"]
    assert [rule.id for _, rule in CompiledRules(framework, [pack]).fired(facts)] == ["r0"]
    [made] = CompiledRules(framework, [pack]).recommendations(facts)
    assert made.id == "r0"
