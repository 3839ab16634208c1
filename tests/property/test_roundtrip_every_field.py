"""Round trips of every kind of document with every optional field: frameworks with
questions, answer sets, a default policy and their own words (`terms`, SPEC section 10),
awards and the metadata that names their source; assessments judged by answers, by level
or not applicable, with strands awaiting review after a migration, and a respondent's
(section 9); rule packs, action plans and migrations. Each is written as YAML and as JSON
(`selfreview_core.dump`) and read back equal, over generated frameworks of either scale
direction, so that nothing a reviewer wrote is lost or changed between one command and the
next (`combine` writes a draft that `assess --all` reads; `migrate` and `plan` write what
`report` reads). `test_roundtrip.py` draws documents without these fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import (
    Assessment,
    Framework,
    load_assessment,
    load_framework,
    load_rules,
)
from selfreview_core.dump import dump_json, dump_yaml
from selfreview_core.loader import load_migration, load_plan
from selfreview_core.model.base import Document
from selfreview_core.model.framework import Award
from selfreview_core.model.questions import Terms
from selfreview_core.model.review import Review
from selfreview_core.testing import conditions, frameworks, moved_version, plans, rule_packs
from selfreview_core.testing.question_strategies import (
    answered_assessments,
    question_frameworks,
)
from selfreview_core.testing.respondent_strategies import responses
from selfreview_core.testing.strategies import texts

#: Each example writes and reads a whole generated framework: seconds, not milliseconds.
pytestmark = pytest.mark.slow

examples = settings(max_examples=scaled(40))


@st.composite
def worded(draw: st.DrawFn, framework: Framework) -> Framework:
    """`framework` in words of its own (`terms`), any text: a reader must get them back."""
    terms = Terms(subject=draw(texts(20)), subjects=draw(texts(20)), review=draw(texts(20)))
    made = Framework.model_validate({**framework.model_dump(by_alias=True), "terms": terms})
    assert made.terms == terms
    return made


@st.composite
def documented(draw: st.DrawFn, framework: Framework) -> Framework:
    """`framework` with every optional field a framework file may hold: where it comes from
    (publisher, year, source, licence, notes) and awards with their conditions, evidence
    flag, description and reference."""
    awards = [
        Award(
            id=f"award-{i}",
            title=draw(texts(20)),
            require=draw(conditions(framework, max_depth=2)),
            evidence_required=draw(st.booleans()),
            description=draw(st.none() | texts()),
            reference=draw(st.none() | texts()),
        )
        for i in range(draw(st.integers(1, 3)))
    ]
    metadata = {
        "publisher": draw(texts(20)),
        "year": draw(st.integers(1990, 2030)),
        "source": draw(texts()),
        "licence": draw(texts()),
        "notes": draw(texts()),
    }
    data = {**framework.model_dump(by_alias=True), **metadata, "awards": awards}
    made = Framework.model_validate(data)
    assert made.awards == tuple(awards)
    assert made.notes == metadata["notes"]
    return made


@st.composite
def awaiting_review(draw: st.DrawFn, framework: Framework, assessment: Assessment) -> Assessment:
    """`assessment` with strands a migration could not judge: their reason, note and the
    evidence that came across."""
    unjudged = [s for s in framework.strand_ids if s not in assessment.judgements]
    chosen = draw(st.lists(st.sampled_from(unjudged), unique=True)) if unjudged else []
    review = {
        strand: Review(
            reason=draw(st.sampled_from(("split", "merge", "scale"))),
            note=draw(texts()),
            evidence=draw(st.none() | texts()),
        )
        for strand in chosen
    }
    data = assessment.model_dump(by_alias=True, exclude_none=True)
    return Assessment.model_validate({**data, "review": review or None})


def _read_back(load: Callable[..., Any], document: Document, *lookup: object) -> list[Any]:
    """`document` written as YAML and as JSON, each read back by `load` (given `lookup`,
    the frameworks to check it against, if any) equal to it; what was read, in that order."""
    read = [
        load(name, *lookup, text=text)
        for name, text in (("d.yaml", dump_yaml(document)), ("d.json", dump_json(document)))
    ]
    for each in read:
        assert each == document
    return read


@examples
@given(question_frameworks().flatmap(worded))
def test_a_framework_with_questions_and_its_own_words_survives_a_round_trip(
    framework: Framework,
) -> None:
    """Questions, answer sets with their exact values, `policy:` and `terms:` come back."""
    for read in _read_back(load_framework, framework):
        assert read.terms == framework.terms
        assert read.policy == framework.policy


@examples
@given(question_frameworks().flatmap(lambda f: st.tuples(st.just(f), answered_assessments(f))))
def test_answers_and_not_applicable_survive_a_round_trip(pair: tuple[Framework, Any]) -> None:
    """Judgements by answers (some questions left unanswered), by level, and not applicable
    with their evidence come back as they were written."""
    framework, assessment = pair
    _read_back(load_assessment, assessment, framework)


@examples
@given(frameworks().flatmap(lambda f: st.tuples(st.just(f), responses(f))))
def test_a_respondents_answers_survive_a_round_trip(pair: tuple[Framework, Any]) -> None:
    """A respondent's file keeps its group (and whatever a careless respondent added)."""
    framework, response = pair
    for read in _read_back(load_assessment, response, framework):
        assert read.respondent == response.respondent


@examples
@given(question_frameworks().flatmap(worded).flatmap(documented))
def test_a_framework_with_every_optional_field_survives_a_round_trip(
    framework: Framework,
) -> None:
    """Awards (their conditions, evidence flag, description, reference) and where the
    framework comes from come back with everything section 10 adds."""
    _read_back(load_framework, framework)


@examples
@given(
    frameworks()
    .flatmap(lambda f: st.tuples(st.just(f), answered_assessments(f)))
    .flatmap(lambda pair: st.tuples(st.just(pair[0]), awaiting_review(*pair)))
)
def test_strands_awaiting_review_survive_a_round_trip(pair: tuple[Framework, Any]) -> None:
    """What a migration leaves for a person to judge (why, what happened, the evidence that
    came across) is kept by every command that writes the assessment again."""
    framework, assessment = pair
    _read_back(load_assessment, assessment, framework)


@examples
@given(frameworks().flatmap(lambda f: st.tuples(st.just(f), rule_packs(f))))
def test_a_rule_pack_survives_a_round_trip(pair: tuple[Framework, Any]) -> None:
    framework, pack = pair
    _read_back(load_rules, pack, framework)


@examples
@given(frameworks().flatmap(lambda f: st.tuples(st.just(f), plans(f))))
def test_an_action_plan_survives_a_round_trip(pair: tuple[Framework, Any]) -> None:
    """Statuses, owners, due dates, notes and baselines come back as written."""
    framework, plan = pair
    _read_back(load_plan, plan, framework)


@examples
@given(frameworks().flatmap(lambda f: st.tuples(st.just(f), moved_version(f))))
def test_a_migration_survives_a_round_trip(drawn: tuple[Framework, Any]) -> None:
    old, (new, migration) = drawn
    _read_back(load_migration, migration, {old.ref: old, new.ref: new})
