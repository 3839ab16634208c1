"""A plugin's new recommendation is taken in one pass (`isolation.accepting.accepted`): the
writable check, its targets, its place in the report and its credit, as the general path
(`recommendation`, `with_sources`, `sort_key`) gives them, whoever built it and however."""

from __future__ import annotations

from typing import Any

import pytest

from selfreview_core import Assessment, Engine, Framework, Recommendation
from selfreview_core.isolation import accepting, calls
from selfreview_core.isolation.accepting import accepted
from selfreview_core.isolation.calls import PluginCall
from selfreview_core.model.problem import Problem
from test_engine import plugin_module


def made(rec_id: str, **fields: Any) -> Recommendation:
    """A recommendation built by validation, as a plugin builds one."""
    return Recommendation(**{"id": rec_id, "title": "T", "action": "A", **fields})


def report_of(framework: Framework, assessment: Assessment, *given: Recommendation) -> Any:
    plugin = plugin_module("giver", selfreview_recommend=lambda: list(given))
    engine = Engine(entry_points=False, plugins=[plugin], disable=["next-steps"])
    return engine.report(assessment, framework=framework)


def test_recommendations_of_one_priority_follow_their_first_target_in_framework_order(
    small_framework: Framework, assessment: Assessment
) -> None:
    """By the earliest of its targets in the framework, not the first it names; none last."""
    report = report_of(
        small_framework,
        assessment,
        made("none", priority="high"),
        made("late", priority="high", targets=("B1.1", "A1.2")),  # A1.2: before A2.1
        made("middle", priority="high", targets=("A2.1",)),
        made("low", priority="low", targets=("A",)),
    )
    assert [r.id for r in report.recommendations] == ["late", "middle", "none", "low"]
    assert report.problems == ()


def test_a_validated_recommendation_naming_an_unknown_target_is_refused_alone(
    small_framework: Framework, assessment: Assessment
) -> None:
    report = report_of(
        small_framework,
        assessment,
        made("stray", targets=("A", "NOPE", "B1", "ALSO")),  # A: the first id of all
        made("kept", targets=("A1",)),
    )
    assert [r.id for r in report.recommendations] == ["kept"]
    [problem] = report.problems
    assert (problem.source, problem.message) == (
        "giver",
        "recommendation stray targets NOPE, ALSO, not in small@1",
    )


def test_a_recommendation_crediting_someone_else_is_credited_to_its_plugin(
    small_framework: Framework, assessment: Assessment
) -> None:
    """Whatever `source` and `sources` a plugin wrote, the report credits the plugin alone,
    and says so explicitly (a dump of the fields set keeps the credit)."""
    report = report_of(
        small_framework,
        assessment,
        made("other", source="someone", sources=("someone",)),
        made("more", source="giver", sources=("giver", "someone")),
        made("half", source="someone", sources=("giver",)),
        made("plain"),
        made("same", source="giver", sources=("giver",)),
    )
    for rec in report.recommendations:
        assert (rec.source, rec.sources) == ("giver", ("giver",)), rec.id
        assert rec.model_dump(exclude_unset=True)["sources"] == ("giver",)
    assert [r.id for r in report.recommendations] == ["other", "more", "half", "plain", "same"]


def test_a_built_in_plugins_recommendation_is_credited_to_it_and_otherwise_shared(
    small_framework: Framework,
) -> None:
    """A trusted (built-in) plugin's own object is taken as it is when it credits the
    plugin already, and copied to credit it otherwise; a mapping it gives is validated."""
    problems: list[Problem] = []
    call = PluginCall("built-in", "{}", problems, trusted=True)
    own = made("own", targets=("A1",), source="built-in", sources=("built-in",))
    uncredited = made("uncredited", targets=("A2",))
    mapping = {"id": "mapped", "title": "T", "action": "A", "targets": ("B1",)}
    recs, keys = accepted(call, [own, uncredited, mapping], small_framework)
    assert problems == []
    assert recs[0] is own
    assert (recs[1].id, recs[1].source, recs[1].sources) == (
        "uncredited",
        "built-in",
        ("built-in",),
    )
    assert uncredited.source == ""  # the plugin's object is not changed
    assert (recs[2].id, recs[2].source, recs[2].sources) == ("mapped", "built-in", ("built-in",))
    assert type(recs[2]) is Recommendation
    assert keys == sorted(keys)  # all medium: A1, A2 and B1 in framework order


def test_a_recommendation_still_given_outlives_a_flood_of_new_ones(
    monkeypatch: pytest.MonkeyPatch, small_framework: Framework, assessment: Assessment
) -> None:
    """What a plugin gives every school is checked once, however many recommendations made
    for one school each come after it; what is kept stays bounded."""
    monkeypatch.setattr(accepting, "MAX_ACCEPTED", 3)
    checked: list[object] = []
    original = Recommendation.model_validate

    def counting(data: Any, **kwargs: Any) -> Recommendation:
        checked.append(data["id"])
        return original(data, **kwargs)

    # Not built by validation: each time it is not found accepted, it is validated again.
    shared = Recommendation.model_construct(id="shared", title="T", action="A", targets=("A1",))
    count = iter(range(1000))

    def give() -> list[Recommendation]:
        return [shared, *(made(f"once-{next(count)}", targets=("B1",)) for _ in range(2))]

    plugin = plugin_module("giver", selfreview_recommend=give)
    engine = Engine(entry_points=False, plugins=[plugin], disable=["next-steps"])
    monkeypatch.setattr(Recommendation, "model_validate", counting)
    for _ in range(20):
        report = engine.report(assessment, framework=small_framework)
        assert {r.id for r in report.recommendations} >= {"shared"}
        assert not report.problems
    assert checked.count("shared") == 1
    tables = accepting._ACCEPTED.get(small_framework)
    assert tables is not None
    assert [len(table) <= 3 for table in tables] == [True, True]


def test_a_pending_call_is_made_for_the_first_item_that_needs_it_and_credits_the_plugin(
    small_framework: Framework,
) -> None:
    """Given as `Pending` (the engine's way), the call is made only when an item takes the
    general path: a bad item is refused alone, with one problem credited to the plugin (its
    name made writable), after and before items accepted as a `PluginCall` accepts them."""
    problems: list[Problem] = []
    name = "odd\udc80name"
    good = made("good", targets=("A1",))
    bad = made("bad", targets=("Z9",))  # not in the framework
    later = made("later", targets=("B1",))
    recs, keys = accepted((name, "{}", problems, False), [good, bad, later], small_framework)
    expected, expected_keys = accepted(
        PluginCall(name, "{}", [], trusted=False), [good, bad, later], small_framework
    )
    assert [r.id for r in recs] == ["good", "later"]
    assert recs == expected
    assert keys == expected_keys
    assert {r.source for r in recs} == {"odd\\udc80name"}
    assert [(p.source, p.severity) for p in problems] == [("odd\\udc80name", "error")]
    assert "Z9" in problems[0].message
    assert "bad" in problems[0].message


def test_a_pending_call_whose_answer_takes_the_quick_paths_records_nothing(
    small_framework: Framework,
) -> None:
    """An answer accepted before, given again as `Pending`: the same objects and keys, and
    no problem."""
    problems: list[Problem] = []
    items: list[object] = [
        made("again", targets=("A2",)),
        made("twice", targets=("A1",), priority="high"),
    ]
    first = accepted(("again-plugin", "{}", problems, False), items, small_framework)
    second = accepted(("again-plugin", "{}", problems, False), items, small_framework)
    assert [r.id for r in second[0]] == ["again", "twice"]
    assert all(a is b for a, b in zip(first[0], second[0], strict=True))
    assert second[1] == first[1]
    assert second[1][1] < second[1][0]
    assert problems == []


def test_one_answer_full_of_bad_items_records_at_most_max_problems(
    small_framework: Framework, assessment: Assessment
) -> None:
    """The call made for an answer's first bad item serves the rest of it: past
    `MAX_PROBLEMS` one line says the rest are not shown, and the good items stay."""
    limit = calls.MAX_PROBLEMS
    bad = [made(f"bad-{n}", targets=("Z9",)) for n in range(limit + 5)]
    report = report_of(small_framework, assessment, made("good", targets=("A1",)), *bad)
    assert [r.id for r in report.recommendations] == ["good"]
    assert len(report.problems) == limit + 1
    assert all(p.source == "giver" for p in report.problems)
    assert all("Z9" in p.message for p in report.problems[:limit])
    assert report.problems[-1].message == (
        f"more than {limit} problems in one call; the rest not shown"
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda targets: targets.append("NOPE"),
            "recommendation built targets NOPE, not in small@1",
        ),
        (lambda targets: targets.__setitem__(0, "B1"), None),
    ],
    ids=["a-target-added", "a-target-changed"],
)
def test_a_constructed_recommendation_whose_list_changed_in_place_is_checked_again(
    small_framework: Framework, assessment: Assessment, change: Any, message: str | None
) -> None:
    """A recommendation a plugin built with `model_construct` holds the very list it was
    given, which the plugin can change in place between two schools. Before round 50 the
    second school's report took it as it was accepted for the first (the same objects):
    a target added that is not in the framework was not refused, and a target changed
    was not the one the report held."""
    targets: Any = ["A1"]  # a list: `model_construct` keeps it as it is given
    built = Recommendation.model_construct(
        id="built", title="T", action="A", targets=targets, priority="low"
    )
    plugin = plugin_module("giver", selfreview_recommend=lambda: [built, made("kept")])
    engine = Engine(entry_points=False, plugins=[plugin], disable=["next-steps"])
    first = engine.report(assessment, framework=small_framework)
    assert [(r.id, r.targets) for r in first.recommendations] == [("kept", ()), ("built", ("A1",))]
    change(targets)
    second = engine.report(assessment, framework=small_framework)
    if message is None:  # still valid: the report holds what it holds now
        assert [(r.id, r.targets) for r in second.recommendations] == [
            ("kept", ()),
            ("built", ("B1",)),
        ]
        assert second.problems == ()
    else:  # refused alone, naming the plugin
        assert [r.id for r in second.recommendations] == ["kept"]
        assert [(p.source, p.message) for p in second.problems] == [("giver", message)]
    assert [(r.id, r.targets) for r in first.recommendations] == [("kept", ()), ("built", ("A1",))]


def test_a_constructed_recommendation_whose_text_changed_in_place_is_checked_again(
    small_framework: Framework, assessment: Assessment
) -> None:
    """Validation takes a `bytearray` for text, and a tuple holding one can change in place
    too: a constructed recommendation holding one is found again only by what it holds."""
    target = bytearray(b"A1")
    targets: Any = (target,)
    built = Recommendation.model_construct(
        id="built", title="T", action="A", targets=targets, priority="low"
    )
    plugin = plugin_module("giver", selfreview_recommend=lambda: [built])
    engine = Engine(entry_points=False, plugins=[plugin], disable=["next-steps"])
    first = engine.report(assessment, framework=small_framework)
    assert [(r.id, r.targets) for r in first.recommendations] == [("built", ("A1",))]
    target[:] = b"B1"
    second = engine.report(assessment, framework=small_framework)
    assert [(r.id, r.targets) for r in second.recommendations] == [("built", ("B1",))]
    assert second.problems == ()
