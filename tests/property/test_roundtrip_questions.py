"""Round trips of the documents SPEC section 10 and section 9 add: frameworks with questions,
answer sets, a default policy and their own words (`terms`); assessments judged by answers,
by level, or not applicable; a respondent's answers. Each is written as YAML and as JSON and
read back equal, over generated frameworks of either scale direction, so that nothing a
reviewer wrote is lost or changed between one command and the next (`combine` writes a
draft that `assess --all` reads; `migrate` and `plan` write what `report` reads)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Framework, load_assessment, load_framework
from selfreview_core.dump import dump_json, dump_yaml
from selfreview_core.model.questions import Terms
from selfreview_core.testing import frameworks
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


def _both_ways(framework: Framework, written: Any) -> None:
    """`written` (an assessment) read back equal from YAML and from JSON."""
    assert load_assessment("a.yaml", framework, text=dump_yaml(written)) == written
    assert load_assessment("a.json", framework, text=dump_json(written)) == written


@examples
@given(question_frameworks().flatmap(worded))
def test_a_framework_with_questions_and_its_own_words_survives_a_round_trip(
    framework: Framework,
) -> None:
    """Questions, answer sets with their exact values, `policy:` and `terms:` come back."""
    for name, text in (("f.yaml", dump_yaml(framework)), ("f.json", dump_json(framework))):
        read = load_framework(name, text=text)
        assert read == framework
        assert read.terms == framework.terms
        assert read.policy == framework.policy


@examples
@given(question_frameworks().flatmap(lambda f: st.tuples(st.just(f), answered_assessments(f))))
def test_answers_and_not_applicable_survive_a_round_trip(pair: tuple[Framework, Any]) -> None:
    """Judgements by answers (some questions left unanswered), by level, and not applicable
    with their evidence come back as they were written."""
    framework, assessment = pair
    _both_ways(framework, assessment)


@examples
@given(frameworks().flatmap(lambda f: st.tuples(st.just(f), responses(f))))
def test_a_respondents_answers_survive_a_round_trip(pair: tuple[Framework, Any]) -> None:
    """A respondent's file keeps its group (and whatever a careless respondent added)."""
    framework, response = pair
    _both_ways(framework, response)
    assert load_assessment("r.yaml", framework, text=dump_yaml(response)).respondent == (
        response.respondent
    )
