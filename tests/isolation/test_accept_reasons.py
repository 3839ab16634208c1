"""Advice made with `Recommendation.with_reasons` is accepted knowing what it was made
from: once the advice it shares its other values with is found writable, only its new
targets and rationale are checked (`accepting._writable`). What the engine gives for it,
recommendations and problems alike, is what it gives for the same fields validated afresh
and for the same fields as a mapping (the general path), over frameworks of both scale
directions and text that cannot be written."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Assessment, Engine, Framework, Recommendation
from selfreview_core._names import PRIORITIES
from selfreview_core.isolation import accepting
from selfreview_core.isolation.calls import PluginCall
from selfreview_core.isolation.results import writable_fields
from selfreview_core.model.recommendation import REASONED, validated
from selfreview_core.recommending import sort_key
from selfreview_core.testing.strategies import (
    assessments,
    framework_and_assessment,
    hostile_texts,
    texts,
)
from test_engine import plugin_module

#: Text that UTF-8 cannot encode (a lone surrogate), or can.
LONE: st.SearchStrategy[str] = st.sampled_from(["\udc80", "a\ud800b", "fine", "é"])
TEXTS: st.SearchStrategy[str] = st.one_of(
    hostile_texts(), st.tuples(hostile_texts(), LONE).map("".join)
)


#: What the one plugin of `ENGINE` gives: set by `outcome`.
GIVEN: list[list[Any]] = [[]]
ENGINE = Engine(
    entry_points=False,
    plugins=[plugin_module("giver", selfreview_recommend=lambda: list(GIVEN[0]))],
    disable=["next-steps"],
)


def outcome(framework: Framework, assessment: Assessment, given: list[Any]) -> Any:
    """The recommendations (every value) and problems of a report whose one plugin gives
    `given`."""
    GIVEN[0] = given
    report = ENGINE.report(assessment, framework=framework)
    return [vars(r) for r in report.recommendations], [
        (p.source, p.message) for p in report.problems
    ]


def refused(field: str) -> list[tuple[str, str]]:
    """The one problem of advice refused for a lone surrogate in `field`."""
    return [
        ("giver", f"recommendation advice: {field} holds a lone surrogate, which cannot be written")
    ]


@settings(max_examples=scaled(60), deadline=None)
@given(case=framework_and_assessment(), data=st.data())
def test_advice_made_with_reasons_is_accepted_as_its_fields_would_be(
    case: tuple[Framework, Assessment], data: st.DataObject
) -> None:
    framework, assessment = case
    target = st.sampled_from([*framework.ids, "NOPE"])
    made: list[Recommendation] = []
    for number in range(data.draw(st.integers(1, 3))):
        template = Recommendation(
            id=f"advice-{number}",
            title=data.draw(TEXTS),
            action=data.draw(TEXTS),
            source=data.draw(st.sampled_from(["giver", "other"])),
        )
        for _ in range(data.draw(st.integers(1, 2))):  # the second: the template known
            targets = data.draw(st.lists(target, max_size=3))
            made.append(template.with_reasons(targets, data.draw(TEXTS)))
            quick = accepting._writable(made[-1], template)
            assert quick == writable_fields(made[-1])
    fields = [{name: getattr(rec, name) for name in rec.model_fields_set} for rec in made]
    expected = outcome(framework, assessment, [Recommendation(**f) for f in fields])
    assert outcome(framework, assessment, made) == expected
    assert outcome(framework, assessment, fields) == expected


def test_advice_whose_template_holds_unwritable_text_is_refused_each_time(
    small_framework: Framework, assessment: Assessment
) -> None:
    """A template whose own text cannot be written is never taken as writable: each piece
    of advice made from it is refused, naming the field."""
    template = Recommendation(id="advice", title="T", action="lone \udc80")
    given = [template.with_reasons(("A1",), f"school {n}") for n in range(2)]
    _, problems = outcome(small_framework, assessment, given)
    assert problems == refused("action") * 2


def test_advice_changed_behind_its_back_after_it_was_made_is_checked_in_full(
    small_framework: Framework, assessment: Assessment
) -> None:
    """The template known writable, advice made from it and changed since (its rationale
    replaced behind its frozen fields) is no longer taken as validation built it: checked
    in full, and refused for the text it holds now."""
    template = Recommendation(id="advice", title="T", action="A")
    first = template.with_reasons(("A1",), "fine")
    second = template.with_reasons(("A1",), "fine too")
    assert outcome(small_framework, assessment, [first])[1] == []  # the template now known
    object.__setattr__(second, "rationale", "lone \udc80")
    assert outcome(small_framework, assessment, [second])[1] == refused("rationale")


def test_a_template_changed_after_advice_was_made_from_it_is_not_trusted(
    small_framework: Framework, assessment: Assessment
) -> None:
    """Advice made before its template was changed still holds the template's values as
    validation built them; once the template changes, what is made from it is validated
    whole, and its unwritable text refused."""
    template = Recommendation(id="advice", title="T", action="A")
    before = template.with_reasons(("A1",), "fine")
    assert outcome(small_framework, assessment, [before])[1] == []
    object.__setattr__(template, "action", "lone \udc80")
    after = template.with_reasons(("A1",), "fine")
    recs, problems = outcome(small_framework, assessment, [before, after])
    assert [r["action"] for r in recs] == ["A"]
    assert problems == refused("action")


def test_a_template_cleaned_behind_its_back_does_not_vouch_for_advice_made_before(
    small_framework: Framework, assessment: Assessment
) -> None:
    """Advice made from a template holding unwritable text holds that text; a template
    changed since to hold writable text says nothing of it: the advice is refused."""
    template = Recommendation(id="advice", title="T", action="lone \udc80")
    made = template.with_reasons(("A1",), "fine")
    object.__setattr__(template, "action", "A")  # its advice made before holds the other
    assert outcome(small_framework, assessment, [made])[1] == refused("action")


def test_advice_made_for_one_school_goes_with_its_report(
    small_framework: Framework, assessment: Assessment
) -> None:
    """Once accepted, advice `with_reasons` made is neither kept by the engine nor
    remembered as validation built it, so that it is not held after its report; given
    again, it is checked in full, with the same outcome. Its template is still known."""
    template = Recommendation(id="advice", title="T", action="A")
    made = template.with_reasons(("A1",), "why")
    first = outcome(small_framework, assessment, [made])
    assert first[0]
    assert first[1] == []
    assert not validated(made)
    assert validated(template)
    kept = accepting._ACCEPTED.get(small_framework)
    assert kept is not None
    assert all(id(made) not in table for table in kept)
    assert outcome(small_framework, assessment, [made]) == first


def known(template: Recommendation, framework: Framework, assessment: Assessment) -> None:
    """`template` known writable by the engine: its first advice accepted (in full)."""
    outcome(framework, assessment, [template.with_reasons((), "first")])


@settings(max_examples=scaled(60), deadline=None)
@given(case=framework_and_assessment(), data=st.data())
def test_advice_taken_quickly_is_what_the_general_path_gives(
    case: tuple[Framework, Assessment], data: st.DataObject
) -> None:
    """Advice made from a template known writable, with ASCII reasons naming ids of the
    framework, is taken by one check (`accepted`, written out): the same values, fields
    set, credit and sort key as `_accept` gives, a copy whether or not the plugin still
    holds it, and the same report as its fields
    validated afresh; once taken, it is forgotten."""
    framework, assessment = case
    template = Recommendation(
        id="advice",
        title=data.draw(texts()),
        action=data.draw(texts()),
        priority=data.draw(st.sampled_from(PRIORITIES)),
        source=data.draw(st.sampled_from(["giver", "other"])),
    )
    known(template, framework, assessment)
    targets = data.draw(st.lists(st.sampled_from(framework.ids), max_size=3))
    rationale = data.draw(st.text(st.characters(max_codepoint=127), max_size=30))
    call = PluginCall("giver", "{}", [])
    for alone in (False, True):
        made = template.with_reasons(targets, rationale)
        slow, key, _ = accepting._accept(call, made, framework)
        expected = (dict(vars(slow)), set(slow.__pydantic_fields_set__), [key])
        number, result = id(made), list[object]([made])
        if alone:  # held by `result` alone, as the engine holds a plugin's answer
            del made
        [quick], keys = accepting.accepted(call, result, framework)
        assert number not in REASONED  # taken quickly (ids drawn as files write them: ASCII)
        assert (vars(quick), quick.__pydantic_fields_set__, keys) == expected
        assert id(quick) != number  # a copy, even of advice no one else holds
        assert (quick.__pydantic_extra__, quick.__pydantic_private__) == (None, None)
    made = template.with_reasons(targets, rationale)
    fields = {name: getattr(made, name) for name in made.model_fields_set}
    other = Recommendation(id="other", title="T", action="A")
    assert outcome(framework, assessment, [made, other]) == outcome(
        framework, assessment, [fields, other]
    )
    assert id(made) not in REASONED
    assert not validated(made)


def test_advice_changed_to_other_ascii_text_since_it_was_made_is_validated_whole(
    small_framework: Framework, assessment: Assessment
) -> None:
    """Changed behind its frozen fields to text the quick check would pass (ASCII, but no
    longer valid), advice is validated whole and refused alone, as its fields would be."""
    template = Recommendation(id="advice", title="T", action="A")
    known(template, small_framework, assessment)
    made = template.with_reasons(("A1",), "why")
    object.__setattr__(made, "title", " ")
    other = Recommendation(id="other", title="T", action="A")
    fields = {**{name: getattr(made, name) for name in made.model_fields_set}, "title": " "}
    recs, problems = outcome(small_framework, assessment, [made, other])
    assert (recs, problems) == outcome(small_framework, assessment, [fields, other])
    assert [r["id"] for r in recs] == ["other"]
    assert [source for source, _ in problems] == ["giver"]


def test_advice_naming_an_id_not_in_the_framework_is_refused_alone(
    small_framework: Framework, assessment: Assessment
) -> None:
    template = Recommendation(id="advice", title="T", action="A")
    known(template, small_framework, assessment)
    given = [
        template.with_reasons(("A1", "NOPE"), "why"),
        Recommendation(id="other", title="T", action="A"),
    ]
    recs, problems = outcome(small_framework, assessment, given)
    assert [r["id"] for r in recs] == ["other"]
    assert problems == [("giver", "recommendation advice targets NOPE, not in small@1")]


def test_advice_whose_class_was_changed_is_checked_inside_the_guard(
    small_framework: Framework, assessment: Assessment
) -> None:
    """Advice whose class was swapped for a subclass (whose `__dict__` runs code) is not
    read by the quick check: the general path reads it inside the plugin's guarded call,
    so its failure is a problem of that item alone."""

    class Sly(Recommendation):
        @property
        def __dict__(self) -> dict[str, Any]:  # type: ignore[override]
            raise RuntimeError("read me not")

    template = Recommendation(id="advice", title="T", action="A")
    known(template, small_framework, assessment)
    made = template.with_reasons(("A1",), "why")
    object.__setattr__(made, "__class__", Sly)
    recs, problems = outcome(
        small_framework, assessment, [made, Recommendation(id="other", title="T", action="A")]
    )
    assert [r["id"] for r in recs] == ["other"]
    assert problems == [("giver", "selfreview_recommend raised RuntimeError: read me not")]


@settings(max_examples=scaled(30), deadline=None)
@given(first=framework_and_assessment(), second=framework_and_assessment(), data=st.data())
def test_advice_for_frameworks_in_turn_is_placed_in_its_own(
    first: tuple[Framework, Assessment], second: tuple[Framework, Assessment], data: st.DataObject
) -> None:
    """`accepted` keeps the last framework's positions (one identity check): advice for
    frameworks asked in turn is each placed by its own framework's positions, as
    `sort_key` places it."""
    template = Recommendation(id="advice", title="T", action="A")
    for framework, assessment in (first, first, second, first, second, second):
        known(template, framework, assessment)
        targets = data.draw(st.lists(st.sampled_from(framework.ids), max_size=3))
        made = template.with_reasons(targets, "why")
        pending: accepting.Pending = ("giver", "{}", [], False)
        recs, keys = accepting.accepted(pending, [made], framework)
        assert keys == [sort_key(framework, recs[0])]
        assert id(made) not in REASONED  # taken quickly


def test_advice_taken_quickly_from_a_pending_call_credits_the_plugin_name_made_writable(
    small_framework: Framework, assessment: Assessment
) -> None:
    """Advice taken by the quick path from a `Pending` call whose plugin name holds a lone
    surrogate is credited to the name made writable, as a `PluginCall` credits it: the
    report must still encode."""
    template = Recommendation(id="advice", title="T", action="A")
    known(template, small_framework, assessment)
    made = template.with_reasons(("A1",), "why")
    recs, _ = accepting.accepted(("odd\udc80name", "{}", [], False), [made], small_framework)
    assert id(made) not in REASONED  # taken quickly
    assert [r.source for r in recs] == ["odd\\udc80name"]
    recs[0].model_dump_json()


def test_advice_made_with_a_rationale_that_cannot_be_written_is_refused_alone(
    small_framework: Framework, assessment: Assessment
) -> None:
    """Advice made from a template known writable, with a rationale holding a lone
    surrogate, is not taken quickly: refused, naming its rationale."""
    template = Recommendation(id="advice", title="T", action="A")
    known(template, small_framework, assessment)
    given = [template.with_reasons(("A1",), "lone \udc80")]
    assert outcome(small_framework, assessment, given) == ([], refused("rationale"))


def _with_ids_not_ascii(framework: Framework, data: st.DataObject) -> Framework:
    """`framework` with some of its ids (drawn) ending in "é": ids a file may write, which
    the quick check of `accepted` leaves to the general path."""
    plain = framework.model_dump(by_alias=True, exclude_defaults=True)
    plain["kind"] = "framework"
    for element in plain["elements"]:
        if data.draw(st.booleans()):
            element["id"] += "é"
        for aspect in element["aspects"]:
            if data.draw(st.booleans()):
                aspect["id"] += "é"
            for strand in aspect["strands"]:
                if data.draw(st.booleans()):
                    strand["id"] += "é"
    return Framework.model_validate(plain)


@settings(max_examples=scaled(40), deadline=None)
@given(case=framework_and_assessment(), data=st.data())
def test_advice_naming_ids_not_ascii_is_placed_as_the_general_path_places_it(
    case: tuple[Framework, Assessment], data: st.DataObject
) -> None:
    """In a framework some of whose ids are not ASCII, advice made with reasons is taken
    by the quick check exactly when every target is ASCII (the rest by the general path,
    `_accept`), and either way placed where `sort_key` places it: advice without targets
    after every id of the framework, ASCII or not."""
    framework = _with_ids_not_ascii(case[0], data)
    template = Recommendation(id="advice", title="T", action="A")
    known(template, framework, data.draw(assessments(framework)))
    general: list[object] = []

    def counted(call: PluginCall, item: object, framework: Framework) -> Any:
        general.append(item)
        return slow(call, item, framework)

    slow = accepting._accept
    accepting._accept = counted
    try:
        for _ in range(3):
            targets = data.draw(st.lists(st.sampled_from(framework.ids), max_size=3))
            made = template.with_reasons(targets, "why")
            general.clear()
            recs, keys = accepting.accepted(("giver", "{}", [], False), [made], framework)
            assert keys == [sort_key(framework, recs[0])]
            assert recs[0].targets == tuple(targets)
            assert general == ([] if "".join(targets).isascii() else [made])
    finally:
        accepting._accept = slow
