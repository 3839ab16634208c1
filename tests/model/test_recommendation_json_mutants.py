"""`recommendation_json` where round 78's tests did not reach (round 79's sweep): a
recommendation built without validation whose shared values cannot key a frame (a list or
a dict where the model keeps a tuple or a string) is written as pydantic writes it, with
nothing kept for it, as before round 78, where it raised `TypeError` (unhashable) from
the frames' lookup."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

from selfreview_core.model import recommendation_json as module
from selfreview_core.model.recommendation import Recommendation
from selfreview_core.model.recommendation_json import recommendation_json


def _pydantic(rec: Recommendation) -> bytes:
    data: bytes = rec.__pydantic_serializer__.to_json(rec, by_alias=True)
    return data


@pytest.mark.parametrize(
    "given",
    [
        {"sources": ["lea-support"]},
        {"sources": ("lea-support", ["nested"])},
        {"audience": ["governors"]},
        {"reference": {"by": "Becta"}},
    ],
    ids=["a list", "a list in a tuple", "a list for a string", "a dict"],
)
def test_shared_values_no_frame_can_be_kept_by_are_written_whole(given: dict[str, Any]) -> None:
    module._FRAMES.clear()
    fields: dict[str, Any] = {
        "id": "lea-advice",
        "title": "Analyse the training needs",
        "action": "Plan it",
        "audience": "local authority",
        "reference": "Becta (2003)",
        "source": "lea-support",
        "sources": ("lea-support",),
        "targets": ("1a1",),
        "rationale": "weak",
    }
    with warnings.catch_warnings():  # pydantic warns of what it writes of these
        warnings.simplefilter("ignore")
        rec = Recommendation.model_construct(**{**fields, **given})
        expected = _pydantic(rec)
        assert recommendation_json(rec) == expected  # met first
        assert recommendation_json(rec) == expected  # met again: still whole
    assert module._FRAMES == {}


_ALIKE: dict[str, Any] = {
    "id": "lea-advice",
    "title": "Analyse the training needs",
    "action": "Plan it",
    "priority": "medium",
    "audience": "local authority",
    "reference": "Becta (2003)",
    "source": "lea-support",
    "sources": ("lea-support",),
}


@pytest.mark.parametrize(
    ("field", "other"),
    [
        ("id", "lea-other"),
        ("title", "Another title"),
        ("action", "Another action"),
        ("priority", "high"),
        ("audience", "governors"),
        ("reference", None),
        ("source", "another-plugin"),
        ("sources", ("lea-support", "another-plugin")),
    ],
)
def test_advice_alike_but_in_one_value_is_each_written_as_its_own(
    field: str, other: object
) -> None:
    """Two pieces of advice, each given to two schools, that differ in one value only (the
    first or the last the model shares among them, or any between) are each written with
    their own: a frame is kept by every value it holds, never served to advice that differs
    in one."""
    module._FRAMES.clear()
    templates = [
        Recommendation.model_validate(_ALIKE),
        Recommendation.model_validate({**_ALIKE, field: other}),
    ]
    for _ in range(2):  # met first (whole), then again (framed)
        for template in templates:
            for rec in (template.with_reasons(("1a1",), "weak"), template.with_reasons((), "")):
                assert recommendation_json(rec) == _pydantic(rec)
    assert len(module._FRAMES) == 2
    assert all(module._FRAMES.values())
