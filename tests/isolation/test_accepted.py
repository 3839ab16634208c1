"""A recommendation accepted once from a plugin is taken again at the cost of a lookup
(`isolation.results.accepted`), but only while it is the same object, from the same plugin,
for the same framework, holding the same values: changed behind its frozen fields, it is
checked again; given by another plugin, it is credited to that one."""

from __future__ import annotations

from selfreview_core import Assessment, Engine, Framework, Recommendation
from test_engine import plugin_module


def shared() -> Recommendation:
    return Recommendation(id="shared", title="T", action="A", targets=("A1",))


def test_the_same_object_twice_gives_the_same_accepted_recommendation(
    small_framework: Framework, assessment: Assessment
) -> None:
    given = shared()
    plugin = plugin_module("giver", selfreview_recommend=lambda: [given])
    engine = Engine(entry_points=False, plugins=[plugin], disable=["next-steps"])
    first = engine.report(assessment, framework=small_framework)
    second = engine.report(assessment, framework=small_framework)
    assert first.recommendations == second.recommendations
    [rec] = second.recommendations
    assert (rec.source, rec.sources) == ("giver", ("giver",))
    assert not second.problems


def test_a_recommendation_changed_after_it_was_accepted_is_checked_again(
    small_framework: Framework, assessment: Assessment
) -> None:
    given = shared()
    plugin = plugin_module("giver", selfreview_recommend=lambda: [given])
    engine = Engine(entry_points=False, plugins=[plugin], disable=["next-steps"])
    assert engine.report(assessment, framework=small_framework).recommendations
    object.__setattr__(given, "title", "")  # round its frozen fields: no longer valid
    report = engine.report(assessment, framework=small_framework)
    assert report.recommendations == ()
    [problem] = report.problems
    assert problem.source == "giver"
    assert "title" in problem.message
    object.__setattr__(given, "targets", ("NOPE",))
    object.__setattr__(given, "title", "T again")
    [problem] = engine.report(assessment, framework=small_framework).problems
    assert "targets NOPE" in problem.message


def test_one_object_from_two_plugins_is_credited_to_both(
    small_framework: Framework, assessment: Assessment
) -> None:
    given = shared()
    first = plugin_module("first", selfreview_recommend=lambda: [given])
    second = plugin_module("second", selfreview_recommend=lambda: [given])
    engine = Engine(entry_points=False, plugins=[first, second], disable=["next-steps"])
    for _ in range(2):  # the second time, each plugin's is found accepted
        [rec] = engine.report(assessment, framework=small_framework).recommendations
        assert (rec.source, rec.sources) == ("first", ("first", "second"))


def test_what_was_accepted_for_one_framework_is_checked_for_another(
    small_framework: Framework, assessment: Assessment
) -> None:
    given = shared()
    plugin = plugin_module("giver", selfreview_recommend=lambda: [given])
    engine = Engine(entry_points=False, plugins=[plugin], disable=["next-steps"])
    assert engine.report(assessment, framework=small_framework).recommendations
    other = small_framework.model_copy(update={"title": "Another"})  # a framework of its own
    report = engine.report(assessment, framework=other)
    assert [r.id for r in report.recommendations] == ["shared"]


def test_a_report_never_shares_an_object_its_plugin_can_still_change(
    small_framework: Framework, assessment: Assessment
) -> None:
    """Accepted without validating it again (validation built it), a plugin's
    recommendation is still copied: changing it afterwards behind its frozen fields,
    even to an equal value of another type, changes no report made before."""

    class Sly(str):
        """Equal to the text it replaces, with a type of its own."""

    # Credited already, as `lea-support` credits its own: the engine need not copy it
    # to credit it.
    given = Recommendation(
        id="shared", title="T", action="A", targets=("A1",), source="giver", sources=("giver",)
    )
    plugin = plugin_module("giver", selfreview_recommend=lambda: [given])
    engine = Engine(entry_points=False, plugins=[plugin], disable=["next-steps"])
    [before] = engine.report(assessment, framework=small_framework).recommendations
    assert before is not given
    object.__setattr__(given, "title", Sly("T"))
    assert type(before.title) is str
    [after] = engine.report(assessment, framework=small_framework).recommendations
    assert type(after.title) is str  # checked again: validation gives plain text
    assert after.title == before.title == "T"
