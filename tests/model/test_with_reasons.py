"""`Recommendation.with_reasons`: one piece of advice for another school's reasons (targets
and rationale) is exactly what validating its fields with those would give, errors
included, however the advice it starts from was made; and the engine takes it as it takes
any recommendation that validation built."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from selfreview_core import Assessment, Engine, Framework, Recommendation
from selfreview_core.model import recommendation
from selfreview_core.model.recommendation import MAX_VALIDATED, validated
from selfreview_core.testing.strategies import hostile_texts, ids
from test_engine import plugin_module

FIELDS: dict[str, Any] = {"id": "advice", "title": "T", "action": "Do it", "source": "giver"}


def advice(**fields: Any) -> Recommendation:
    return Recommendation.model_validate({**FIELDS, **fields})


def outcome(make: Any) -> tuple[str, Any]:
    """What `make()` gives: the recommendation's fields and the fields given, or the
    validation error's details."""
    try:
        made = make()
    except ValidationError as error:
        return "error", (error.title, error.errors(include_url=False))
    return "made", (vars(made), made.__pydantic_fields_set__, type(made))


targets = st.one_of(
    st.lists(ids(), max_size=4),
    st.lists(ids(), max_size=3).map(tuple),
    st.lists(hostile_texts(), max_size=2),
    st.just(("A1", 5)),
    st.just("A1"),
)
rationales = st.one_of(hostile_texts(), st.just(7), st.none())


@given(targets=targets, rationale=rationales)
def test_what_validating_the_fields_with_those_reasons_gives(targets: Any, rationale: Any) -> None:
    template = advice(rationale="", links=("https://example.org",))
    expected = outcome(
        lambda: Recommendation.model_validate(
            {
                **FIELDS,
                "links": ("https://example.org",),
                "targets": targets,
                "rationale": rationale,
            }
        )
    )
    assert outcome(lambda: template.with_reasons(targets, rationale)) == expected


def test_the_result_is_known_as_built_by_validation_and_the_advice_is_unchanged() -> None:
    template = advice()
    before = vars(template).copy()
    made = template.with_reasons(["A1", "B1"], "why")
    assert validated(made)
    assert (made.targets, made.rationale) == (("A1", "B1"), "why")
    assert vars(template) == before
    assert made.model_fields_set == {*FIELDS, "targets", "rationale"}
    # Made as `base.built` makes it: no extra and no private attributes, set (not absent).
    assert (made.__pydantic_extra__, made.__pydantic_private__) == (None, None)
    assert made == Recommendation(**{**vars(template), "targets": ("A1", "B1"), "rationale": "why"})


@pytest.mark.parametrize(
    "change",
    [
        {"title": ""},  # no longer valid
        {"id": "two words"},
        {"title": type("Sly", (str,), {})("T")},  # an equal value of another type
    ],
)
def test_advice_changed_behind_its_frozen_fields_is_validated_whole(change: dict[str, Any]) -> None:
    """Only what validation built and nobody changed since is taken as it stands: anything
    else is validated with its new reasons, as a mapping of its fields would be."""
    template = advice()
    for name, value in change.items():
        object.__setattr__(template, name, value)
    expected = outcome(
        lambda: Recommendation.model_validate(
            {**FIELDS, **change, "targets": ("A1",), "rationale": "why"}
        )
    )
    assert outcome(lambda: template.with_reasons(("A1",), "why")) == expected


def test_advice_never_validated_is_validated_whole() -> None:
    unchecked = Recommendation.model_construct(id="x y", title="T", action="A")
    with pytest.raises(ValidationError) as raised:
        unchecked.with_reasons(("A1",), "why")
    assert [e["loc"] for e in raised.value.errors()] == [("id",)]


def test_the_engine_takes_it_and_still_refuses_what_cannot_be_written(
    small_framework: Framework, assessment: Assessment
) -> None:
    """Taken without validating it again, as any recommendation validation built: credited
    to its plugin, copied, and refused alone when its text cannot be written."""
    template = advice()
    given = [
        template.with_reasons(("A1",), "fine"),
        advice(id="other").with_reasons(("B1",), "lone \udc80 surrogate"),
    ]
    plugin = plugin_module("giver", selfreview_recommend=lambda: given)
    engine = Engine(entry_points=False, plugins=[plugin], disable=["next-steps"])
    report = engine.report(assessment, framework=small_framework)
    [rec] = report.recommendations
    assert (rec.id, rec.source, rec.sources, rec.rationale) == (
        "advice",
        "giver",
        ("giver",),
        "fine",
    )
    assert rec is not given[0]
    [problem] = report.problems
    assert (problem.source, problem.message) == (
        "giver",
        "recommendation other: rationale holds a lone surrogate, which cannot be written",
    )


def test_advice_still_in_use_stays_known_past_the_table_size() -> None:
    """What validation built is remembered in two generations of `MAX_VALIDATED`: advice a
    plugin keeps using (its template) is still taken as validation built it after more than
    `MAX_VALIDATED` others were made, so its advice keeps taking the quick path (only its
    reasons validated); advice no longer used is forgotten, so the memory stays bounded."""
    template = advice()
    unused = advice(id="unused")
    for number in range(MAX_VALIDATED + 10):
        made = template.with_reasons((f"A{number}",), f"school {number}")
        assert validated(made)
    assert validated(template)
    assert validated(template.with_reasons(("A1",), "still quick"))
    for number in range(2 * MAX_VALIDATED):
        template.with_reasons(("A1",), f"school {number}")
        advice(id=f"other-{number}")  # what others validate meanwhile
    assert validated(template)
    assert not validated(unused)  # forgotten: validated again if it is given
    assert all(len(table) <= MAX_VALIDATED for table in recommendation._VALIDATED)
    assert len(recommendation.REASONED) <= MAX_VALIDATED  # advice made and never given


def test_forgotten_advice_is_validated_whole_with_the_same_outcome() -> None:
    """Advice forgotten by the tables (pushed out by others) is validated whole: the same
    value, fields set and type as the quick path gives."""
    template = advice()
    quick = outcome(lambda: template.with_reasons(("A1",), "why"))
    for number in range(2 * MAX_VALIDATED + 1):
        advice(id=f"other-{number}")
    assert not validated(template)
    assert outcome(lambda: template.with_reasons(("A1",), "why")) == quick


@given(targets=st.lists(ids(), max_size=3).map(tuple), rationale=hostile_texts())
def test_reasons_found_valid_before_give_what_validating_gives(
    targets: tuple[str, ...], rationale: str
) -> None:
    """Targets already found valid ids are not validated again: the second time, the same
    value, fields set and type as validating the whole gives."""
    template = advice()
    expected = outcome(
        lambda: Recommendation.model_validate(
            {**FIELDS, "targets": targets, "rationale": rationale}
        )
    )
    assert outcome(lambda: template.with_reasons(targets, rationale)) == expected
    assert outcome(lambda: template.with_reasons(targets, rationale)) == expected


@pytest.mark.parametrize("sly_target", [True, False])
def test_text_of_another_type_equal_to_a_known_id_is_validated(sly_target: bool) -> None:
    """Text of a subclass (equal to an id found valid before, or as the rationale) is not
    taken as it is: it is validated, and the advice holds plain text, as validating the
    whole gives."""
    sly = type("Sly", (str,), {})
    template = advice()
    template.with_reasons(("A1",), "why")
    targets, rationale = ((sly("A1"),), "why") if sly_target else (("A1",), sly("why"))
    made = template.with_reasons(targets, rationale)
    assert [type(t) for t in made.targets] == [str]
    assert type(made.rationale) is str
    assert made == Recommendation.model_validate(
        {**FIELDS, "targets": targets, "rationale": rationale}
    )


def test_ids_found_valid_are_kept_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """The ids found valid (so not validated again) start again when there are
    `MAX_VALIDATED` of them: what is kept stays bounded, whatever the ids."""
    monkeypatch.setattr(recommendation, "MAX_VALIDATED", 5)
    monkeypatch.setattr(recommendation, "_IDS", set())
    template = advice()
    for number in range(20):
        made = template.with_reasons((f"A{number}", f"B{number}"), "why")
        assert made.targets == (f"A{number}", f"B{number}")
    assert 0 < len(recommendation._IDS) <= 5 + 2


def test_advice_made_and_never_given_is_kept_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Advice made and never given to the engine (so never taken out of `REASONED`) starts
    the table again when it holds `MAX_VALIDATED`: it never holds more, however much is
    made, and the newest is always there."""
    monkeypatch.setattr(recommendation, "MAX_VALIDATED", 5)
    monkeypatch.setattr(recommendation, "REASONED", {})
    template = advice()
    for number in range(20):
        made = template.with_reasons(("A1",), f"why {number}")
        assert 0 < len(recommendation.REASONED) <= 5
        assert recommendation.REASONED[id(made)][0] is made


@pytest.mark.parametrize("source", ["giver", "another"])
def test_a_credited_copy_is_what_the_maker_of_every_field_makes(source: str) -> None:
    """`credited_copy` (what the engine keeps of a plugin's validated advice, made by
    `base.built` directly): the same values, class and fields set (every field of the
    model, in any order) as `Recommendation.trusted_maker` of every field makes, credited to
    `source` alone, and a new dict of its own, whether or not the advice credited it."""
    assert not Recommendation.__private_attributes__  # what `built` needs of a class
    made = advice(rationale="why", targets=("A1",), sources=("giver",))
    values = vars(made)
    credited = {**values, "source": source, "sources": (source,)}
    expected = Recommendation.trusted_maker(Recommendation.model_fields)(dict(credited))
    copy = recommendation.credited_copy(values, source)
    assert type(copy) is Recommendation
    assert vars(copy) == vars(expected) == credited
    assert list(vars(copy)) == list(Recommendation.model_fields)
    assert copy.__pydantic_fields_set__ == expected.__pydantic_fields_set__
    assert copy.__pydantic_fields_set__ == set(Recommendation.model_fields)
    assert vars(copy) is not values
    assert copy.__pydantic_extra__ is None
    assert copy.__pydantic_private__ is None


@given(
    targets=st.lists(ids(), max_size=3).map(tuple),
    rationale=hostile_texts(),
    older=st.booleans(),
    known=st.booleans(),
)
def test_the_written_out_path_gives_what_the_checks_through_their_calls_give(
    targets: tuple[str, ...], rationale: str, older: bool, known: bool
) -> None:
    """Advice from a template in the newer generation, with targets already found valid
    ids, is made without calling `validation` and `_reasons_of` (`with_reasons` writes the
    common case out); a template in the older generation, or reasons not yet found valid,
    go through those calls. Both make the same advice: values, fields set, and what
    `REASONED` remembers of it (the values it holds, its template)."""
    template = advice(rationale="", links=("https://example.org",))
    if known:
        recommendation._IDS.update(targets)
    else:
        recommendation._IDS.difference_update(targets)
    if older:  # as after `MAX_VALIDATED` other validations: found in the older generation
        entry = recommendation._VALIDATED[0].pop(id(template))
        recommendation._VALIDATED[1][id(template)] = entry
    made = template.with_reasons(targets, rationale)
    slow = Recommendation.model_validate(
        {**FIELDS, "links": ("https://example.org",), "targets": targets, "rationale": rationale}
    )
    assert (vars(made), made.__pydantic_fields_set__) == (
        vars(slow),
        slow.__pydantic_fields_set__,
    )
    entry = recommendation.REASONED[id(made)]
    assert entry[0] is made
    assert entry[2] is template
    assert all(map(lambda a, b: a is b, vars(made).values(), entry[1]))
    recommendation.forget(made)


def test_a_template_changed_in_the_newer_generation_is_not_written_out() -> None:
    """The written-out path compares the template's values by identity, as `validation`
    does: one changed behind its frozen fields (an equal value of another type) is
    validated whole, as a mapping of its fields is."""
    template = advice()
    assert recommendation._VALIDATED[0].get(id(template)) is not None
    recommendation._IDS.add("A1")
    sly = type("Sly", (str,), {})("T")
    object.__setattr__(template, "title", sly)
    made = template.with_reasons(("A1",), "why")
    assert type(made.title) is str
    assert id(made) not in recommendation.REASONED


def test_advice_given_an_attribute_behind_its_back_is_validated_whole() -> None:
    """Advice known valid, with reasons known valid (the written-out path), that has since
    been given an attribute behind its back (its values no longer those validation built,
    though each one it held still is): validated whole, as a mapping of its fields would
    be, never copied with the odd attribute."""
    template = advice()
    template.with_reasons(("A1",), "why")  # the template and its reasons found valid
    object.__setattr__(template, "extra", "added")
    expected = outcome(
        lambda: Recommendation.model_validate({**FIELDS, "targets": ("A1",), "rationale": "why"})
    )
    assert outcome(lambda: template.with_reasons(("A1",), "why")) == expected


def test_the_common_case_is_written_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """A template validation built, unchanged, given exact-text targets already found valid
    ids and a text rationale: the advice is made on the written-out path, without
    `_checked_reasons` (round 75: that the path is taken, not only that it agrees)."""
    template = advice()
    template.with_reasons(("A1",), "why")  # its ids found valid
    monkeypatch.setattr(recommendation, "_checked_reasons", _not_called)
    made = template.with_reasons(("A1",), "because")
    assert (made.targets, made.rationale) == (("A1",), "because")
    recommendation.forget(made)


def _not_called(*args: object) -> None:
    raise AssertionError("the written-out path was not taken")
