"""`Recommendation.with_reasons` attacked through the fields set of its template (pydantic's
`__pydantic_fields_set__`, a plain set: changed in place, or replaced behind the frozen
fields): it gives what validating the fields the template says it was given gives, whether
or not the template is still remembered as validation built it, so that what a plugin
gives never depends on what else the process validated before."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from selfreview_core import Recommendation
from selfreview_core.model.recommendation import REASONED

from .test_accept_attacks import advice_never_given_forgotten  # noqa: F401  # autouse


def made_of(template: Recommendation, targets: tuple[str, ...], rationale: str) -> Any:
    """What `template.with_reasons(targets, rationale)` gives: its values and fields set,
    or the errors it raises."""
    try:
        made = template.with_reasons(targets, rationale)
    except ValidationError as error:
        return "raised", error.errors(include_url=False)
    return "made", (vars(made), made.__pydantic_fields_set__)


def given_fields(template: Recommendation, targets: tuple[str, ...], rationale: str) -> Any:
    """What validating the fields `template` was given, with these reasons, gives: what
    `with_reasons` promises."""
    try:
        made = Recommendation.model_validate(
            {
                **{name: getattr(template, name) for name in template.__pydantic_fields_set__},
                "targets": targets,
                "rationale": rationale,
            }
        )
    except ValidationError as error:
        return "raised", error.errors(include_url=False)
    return "made", (vars(made), made.__pydantic_fields_set__)


@pytest.mark.parametrize("field", ["title", "priority", "links"])
@pytest.mark.parametrize("how", ["replaced", "in place"])
@pytest.mark.parametrize("advice", [False, True])
def test_a_template_whose_fields_set_was_changed_gives_what_validating_its_fields_gives(
    field: str, how: str, advice: bool
) -> None:
    """A template (or advice made from one, used as a template in turn) remembered as
    validation built it, whose fields set was then changed (replaced behind its frozen
    fields, or changed in place: pydantic's set is mutable): `with_reasons` gives what
    validating the fields it now says it was given gives, as it does once the template is
    forgotten, not the values the quick path would copy. Before, the answer depended on
    whether the template was still remembered: on what else the process had validated."""
    template = Recommendation.model_validate(
        {
            "id": "t",
            "title": "Do",
            "action": "it",
            "targets": ("1a1",),
            "priority": "high",
            "links": ("https://example.org",),
        }
    )
    made_of(template, ("1b2",), "why")  # the reasons' ids known: the quickest path
    if advice:
        template = template.with_reasons(("1a1",), "first")
    if how == "replaced":
        object.__setattr__(template, "__pydantic_fields_set__", template.model_fields_set - {field})
    else:
        template.__pydantic_fields_set__.discard(field)
    assert made_of(template, ("1b2",), "why") == given_fields(template, ("1b2",), "why")


def test_advice_used_as_a_template_as_it_was_made_takes_the_quick_path() -> None:
    """Advice made by `with_reasons`, its fields set as made, is itself a template whose
    advice is made knowing what it was made from (`REASONED`), not validated whole: what
    is remembered of it holds the fields it was made with set."""
    template = Recommendation.model_validate({"id": "t", "title": "Do", "action": "it"})
    advice = template.with_reasons(("1a1",), "first")
    made = advice.with_reasons(("1b2",), "second")
    assert REASONED[id(made)][2] is advice
    assert REASONED[id(advice)][3] == {"id", "title", "action", "targets", "rationale"}
    assert made.__pydantic_fields_set__ == REASONED[id(advice)][3]
