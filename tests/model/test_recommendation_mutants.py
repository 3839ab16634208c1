"""Behaviours of `model.recommendation` that mutation passes (rounds 33 and 39) found no
test pinned."""

from __future__ import annotations

from itertools import combinations
from typing import Any

import pytest

from selfreview_core import Recommendation
from selfreview_core.model import recommendation

#: Optional fields a template may be given, each with a value.
OPTIONAL: dict[str, Any] = {
    "priority": "high",
    "audience": "governors",
    "reference": "Guidance, 2024",
    "links": ("https://example.org",),
    "source": "giver",
}


def test_the_fields_sets_of_advice_are_kept_within_max_validated(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Advice from templates given many different sets of fields has each its template's
    fields set with its reasons, and what is kept to make those sets quickly starts again
    when it holds `MAX_VALIDATED` of them: bounded, however many sets there are."""
    monkeypatch.setattr(recommendation, "MAX_VALIDATED", 3)
    monkeypatch.setattr(recommendation, "_FIELDS_WITH_REASONS", {})
    for size in range(len(OPTIONAL) + 1):
        for names in combinations(OPTIONAL, size):
            template = Recommendation(
                id="advice", title="T", action="A", **{name: OPTIONAL[name] for name in names}
            )
            made = template.with_reasons(("A1",), "why")
            assert made.model_fields_set == {
                "id",
                "title",
                "action",
                "targets",
                "rationale",
                *names,
            }
            assert len(recommendation._FIELDS_WITH_REASONS) <= 3
    assert recommendation._FIELDS_WITH_REASONS  # the quick path was taken


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("http://a", True),
        ("mailto:a", True),
        ("HTTPS://a.example", True),
        ("http://", False),
        ("mailto:", False),
        ("ftp://a.example", False),
        (" http://a", False),
    ],
)
def test_a_link_is_safe_from_its_first_character_after_the_scheme(url: str, safe: bool) -> None:
    """The shortest links a report shows are a scheme and one character; a scheme alone,
    another scheme, or a link with space around it is refused, by validation as by the
    exporters (`safe_link`)."""
    assert recommendation.safe_link(url) is safe
    if safe:
        assert Recommendation(id="r", title="T", action="A", links=(url,)).links == (url,)
    else:
        with pytest.raises(ValueError, match="links must start with"):
            Recommendation(id="r", title="T", action="A", links=(url,))


def test_advice_from_a_template_as_validation_built_it_is_made_without_validating(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A template validation built and not changed since, given reasons found valid
    before, makes its advice by the written-out path: no validation at all (which is what
    makes advice for each school cheap), with its template's values and the new reasons."""
    template = Recommendation(id="advice", title="T", action="A", priority="high")
    template.with_reasons(("A1",), "first")  # "A1" found a valid id

    def validating(*_: object) -> object:
        raise AssertionError("validated")

    monkeypatch.setattr(recommendation, "_checked_reasons", validating)
    made = template.with_reasons(("A1",), "why")
    assert (made.targets, made.rationale, made.priority) == (("A1",), "why", "high")
    assert made.model_fields_set == {"id", "title", "action", "priority", "targets", "rationale"}


def test_an_instance_passed_through_validation_is_not_taken_as_validated() -> None:
    """Pydantic gives an instance back as it is: one never validated (`model_construct`,
    holding a link no report may show) is not remembered as validation built it, so that
    the engine still checks it in full; a subclass's validated instance neither."""
    unchecked = Recommendation.model_construct(
        id="r", title="T", action="A", links=("javascript:alert(1)",)
    )
    assert Recommendation.model_validate(unchecked) is unchecked
    assert not recommendation.validated(unchecked)

    class Sub(Recommendation):
        pass

    assert not recommendation.validated(Sub(id="r", title="T", action="A"))


def test_reasons_found_valid_before_are_not_validated_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert recommendation._reasons_of(("A1", "B2"), "first") == (("A1", "B2"), "first")

    def validating(_: object) -> object:
        raise AssertionError("validated")

    monkeypatch.setattr(recommendation, "_REASONS", [validating])
    assert recommendation._reasons_of(("B2", "A1"), "why") == (("B2", "A1"), "why")


@pytest.mark.parametrize(
    ("source", "sources"),
    [("other", ("giver",)), ("giver", ("other",)), ("giver", ("giver", "other")), ("giver", ())],
)
def test_a_credited_copy_credits_its_plugin_alone_whatever_half_was_right(
    source: str, sources: tuple[str, ...]
) -> None:
    given = Recommendation(id="r", title="T", action="A", source=source, sources=sources)
    copy = recommendation.credited_copy(vars(given), "giver")
    assert (copy.source, copy.sources) == ("giver", ("giver",))
    assert copy.model_fields_set == set(Recommendation.model_fields)


def test_ids_found_valid_one_at_a_time_never_number_more_than_max_validated(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The ids found valid start again when they number `MAX_VALIDATED`, before more are
    added: advice for one new strand at a time never leaves more than that many kept."""
    monkeypatch.setattr(recommendation, "MAX_VALIDATED", 5)
    monkeypatch.setattr(recommendation, "_IDS", set())
    template = Recommendation.model_validate({"id": "advice", "title": "T", "action": "A"})
    for number in range(20):
        made = template.with_reasons((f"S{number}",), "why")
        assert made.targets == (f"S{number}",)
        assert f"S{number}" in recommendation._IDS  # kept: not validated again
        assert len(recommendation._IDS) <= 5
