"""What plugins give is checked at the boundary (`plugin_results`): constructed models that
break the rules, lone surrogates anywhere, unsafe links, unknown targets and careless
exporters are problems naming the plugin, and the rest of its work is kept (SPEC 4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from pydantic import BaseModel

from selfreview_core import (
    Assessment,
    Engine,
    Exporter,
    Framework,
    Migration,
    Recommendation,
    Report,
    RulePack,
    SelfReviewError,
)
from selfreview_core.isolation.results import lone_surrogate
from test_engine import plugin_module

M = TypeVar("M", bound=BaseModel)
FORMATS = ("table", "json", "csv", "markdown", "html", "summary")


def constructed(**fields: Any) -> Recommendation:
    """A recommendation built with no checks at all, as `model_construct` allows."""
    return junk(Recommendation, **fields)


def junk(model: type[M], **fields: Any) -> M:
    """`model` built from `fields` with no checks at all."""
    return model.model_construct(**fields)


def advice(rec_id: str, **fields: Any) -> dict[str, Any]:
    return {"id": rec_id, "title": "T", "action": "A", "targets": ["A1"], **fields}


def report_with(
    small_framework: Framework, assessment: Assessment, *given: object
) -> tuple[Engine, Report]:
    plugin = plugin_module("giver", selfreview_recommend=lambda: list(given))
    engine = Engine(entry_points=False, plugins=[plugin])
    return engine, engine.report(assessment, framework=small_framework)


def assert_every_format_renders(engine: Engine, report: Report) -> None:
    for name in FORMATS:
        output = engine.export(report, name)
        (output if isinstance(output, bytes) else output.encode("utf-8")).decode("utf-8")


CONSTRUCTED: list[tuple[Callable[[], Recommendation], str]] = [
    (
        lambda: constructed(id="c", title="T", action="A", priority="urgent"),
        "malformed recommendation: priority: Input should be 'high', 'medium' or 'low'",
    ),
    (
        lambda: constructed(id="c", action="A"),
        "malformed recommendation: title: Field required",
    ),
    (
        lambda: constructed(id="c", title=5, action="A"),
        "malformed recommendation: title: Input should be a valid string",
    ),
    (
        lambda: constructed(id="c", title="T", action="A", targets="A1"),
        "malformed recommendation: targets: Input should be a valid tuple",
    ),
    (
        lambda: Recommendation.model_construct(
            id="c", title="T", action="A", links=("javascript:alert(1)",)
        ),
        "malformed recommendation: links[0]: links must start with http://, https:// or mailto:",
    ),
    (
        lambda: Recommendation.model_construct(id="has space", title="T", action="A"),
        "malformed recommendation: id: the text `has space` is not a valid id (ids have no "
        "spaces and no `@`)",
    ),
    (
        lambda: Recommendation.model_construct(id="c", title="   ", action="A"),
        "malformed recommendation: title: must not be empty",
    ),
]


@pytest.mark.parametrize(("make", "message"), CONSTRUCTED)
def test_a_constructed_recommendation_that_breaks_the_rules_is_refused(
    small_framework: Framework,
    assessment: Assessment,
    make: Callable[[], Recommendation],
    message: str,
) -> None:
    engine, report = report_with(small_framework, assessment, make(), advice("kept"))
    [problem] = report.problems
    assert problem.source == "giver"
    assert problem.message.startswith(message)
    assert "kept" in {r.id for r in report.recommendations}
    assert_every_format_renders(engine, report)


def test_a_subclass_is_validated_as_what_it_holds(
    small_framework: Framework, assessment: Assessment
) -> None:
    class Shouting(Recommendation):
        @property
        def shout(self) -> str:
            return self.title.upper()

    given = Shouting(id="sub", title="T", action="A", targets=("A1",))
    _, report = report_with(small_framework, assessment, given)
    [rec] = [r for r in report.recommendations if r.id == "sub"]
    assert type(rec) is Recommendation
    assert report.problems == ()


@pytest.mark.parametrize("field", ["title", "action", "audience", "rationale", "reference"])
def test_a_lone_surrogate_anywhere_in_a_recommendation_is_refused(
    small_framework: Framework, assessment: Assessment, field: str
) -> None:
    bad = Recommendation(**{**advice("bad"), field: "text \ud800 here"})
    engine, report = report_with(small_framework, assessment, bad, advice("kept"))
    [problem] = report.problems
    assert problem.source == "giver"
    assert f"{field} holds a lone surrogate, which cannot be written" in problem.message
    assert {r.id for r in report.recommendations if r.source == "giver"} == {"kept"}
    assert_every_format_renders(engine, report)


def test_a_lone_surrogate_in_a_link_or_a_mapping_is_refused_too(
    small_framework: Framework, assessment: Assessment
) -> None:
    in_link = Recommendation(**advice("l", links=("https://example.org/\udfff",)))
    in_mapping = advice("m", title="\ud83d")
    engine, report = report_with(small_framework, assessment, in_link, in_mapping)
    assert [p.message for p in report.problems] == [
        "recommendation l: links[0] holds a lone surrogate, which cannot be written",
        "recommendation m: title holds a lone surrogate, which cannot be written",
    ]
    assert_every_format_renders(engine, report)


def test_wrong_types_each_a_problem_and_the_good_kept(
    small_framework: Framework, assessment: Assessment
) -> None:
    engine, report = report_with(
        small_framework, assessment, None, 42, "text", b"b", [1], advice("x", junk=1), advice("ok")
    )
    assert [p.message for p in report.problems] == [
        "gave NoneType, not a Recommendation",
        "gave int, not a Recommendation",
        "gave str, not a Recommendation",
        "gave bytes, not a Recommendation",
        "gave list, not a Recommendation",
        "malformed recommendation: junk: Extra inputs are not permitted",
    ]
    assert "ok" in {r.id for r in report.recommendations}
    assert_every_format_renders(engine, report)


class _Failing(str):
    """Text whose formatting and methods fail: only its characters can be read."""

    def __format__(self, spec: str) -> str:
        raise RuntimeError("cannot be formatted")

    def __str__(self) -> str:
        raise RuntimeError("cannot be made text")


class _Odd:
    """What a plugin gives, of a class whose name is a `_Failing` (set below)."""


_Odd.__name__ = _Failing("Odd")


def test_an_item_of_a_class_whose_name_fails_is_named_by_its_class(
    small_framework: Framework, assessment: Assessment
) -> None:
    """Before round 50 the message naming what was given failed as it was made, and the
    problem said the hook raised `RuntimeError: cannot be formatted`."""
    engine, report = report_with(small_framework, assessment, _Odd(), advice("ok"))
    assert [(p.source, p.message) for p in report.problems] == [
        ("giver", "gave Odd, not a Recommendation")
    ]
    assert "ok" in {r.id for r in report.recommendations}
    assert_every_format_renders(engine, report)


def test_a_built_in_plugins_recommendations_are_not_validated_twice(
    monkeypatch: pytest.MonkeyPatch, small_framework: Framework, assessment: Assessment
) -> None:
    """Trusted: next-steps is our code. The check-free path is what keeps reports quick."""
    calls: list[object] = []
    original = Recommendation.model_validate

    def counting(data: Any, **kwargs: Any) -> Recommendation:
        calls.append(data)
        return original(data, **kwargs)

    monkeypatch.setattr(Recommendation, "model_validate", counting)
    engine = Engine(entry_points=False)
    report = engine.report(assessment, framework=small_framework)
    assert any(r.source == "next-steps" for r in report.recommendations)
    assert calls == []
    built = Recommendation.model_construct(**advice("o"))  # not validated: validated here
    plugin = plugin_module("other", selfreview_recommend=lambda: [built])
    Engine(entry_points=False, plugins=[plugin]).report(assessment, framework=small_framework)
    assert len(calls) == 1  # another plugin's is


def test_a_plugins_validated_recommendation_is_not_validated_again(
    monkeypatch: pytest.MonkeyPatch, small_framework: Framework, assessment: Assessment
) -> None:
    """A recommendation a plugin made by validation, unchanged since, is taken as it is:
    validating it again would give the same. Changed behind its frozen fields, even to an
    equal value, it is validated again, and refused if it no longer fits."""
    calls: list[object] = []
    original = Recommendation.model_validate

    def counting(data: Any, **kwargs: Any) -> Recommendation:
        calls.append(data)
        return original(data, **kwargs)

    made = [Recommendation(**advice(f"o{i}", title="Title")) for i in range(3)]
    plugin = plugin_module("other", selfreview_recommend=lambda: list(made))
    engine = Engine(entry_points=False, plugins=[plugin], disable=["next-steps"])
    monkeypatch.setattr(Recommendation, "model_validate", counting)
    report = engine.report(assessment, framework=small_framework)
    assert [r.id for r in report.recommendations] == ["o0", "o1", "o2"]
    assert calls == []
    made = [Recommendation(**advice(f"n{i}", title="Title")) for i in range(4)]
    object.__setattr__(made[0], "title", "".join(["Tit", "le"]))  # equal, not the same
    object.__setattr__(made[1], "targets", ("NOPE",))
    object.__setattr__(made[2], "title", "\udc80")  # a lone surrogate: never written
    object.__setattr__(made[3], "title", "")  # no longer valid
    report = engine.report(assessment, framework=small_framework)
    assert [r.id for r in report.recommendations] == ["n0"]
    assert [p.message for p in report.problems] == [
        "recommendation n1 targets NOPE, not in small@1",
        "recommendation n2: title holds a lone surrogate, which cannot be written",
        "malformed recommendation: title: must not be empty",
    ]
    assert [c["id"] for c in calls] == ["n0", "n1", "n2", "n3"]  # type: ignore[index]


def test_validation_passing_an_instance_through_does_not_vouch_for_it(
    small_framework: Framework, assessment: Assessment
) -> None:
    """`model_validate` of an instance gives it back unchecked: a broken one is still
    checked at the boundary."""
    broken = Recommendation.model_construct(**advice("b", title=""))
    assert Recommendation.model_validate(broken) is broken
    _, report = report_with(small_framework, assessment, broken)
    assert "b" not in {r.id for r in report.recommendations}
    [problem] = report.problems
    assert problem.message.startswith("malformed recommendation: title")


# -- frameworks, rule packs, migrations ------------------------------------------------------


def framework_with_descriptor(small_framework: Framework, text: str) -> Framework:
    data = small_framework.model_dump(by_alias=True)
    data["id"] = "plugin-made"
    data["elements"][0]["aspects"][0]["strands"][0]["levels"][1] = text
    return Framework.model_validate(data)


def test_framework_objects_are_validated_again(small_framework: Framework) -> None:
    broken = Framework.model_construct(**{**vars(small_framework), "id": "broken", "scale": 5})
    surrogate = framework_with_descriptor(small_framework, "half \ud800")
    good = framework_with_descriptor(small_framework, "fine")
    plugin = plugin_module("giver", selfreview_frameworks=lambda: [broken, surrogate, good])
    engine = Engine(entry_points=False, plugins=[plugin])
    assert [e.framework.id for e in engine.frameworks()] == ["becta-srf", "plugin-made"]
    [kept] = [e.framework for e in engine.frameworks() if e.provider == "giver"]
    assert kept == good
    assert kept is not good  # a validated copy
    messages = [p.message for p in engine.problems]
    assert len(messages) == 2
    assert messages[0].startswith("malformed framework: scale: Input should be")
    assert messages[1] == (
        "framework: elements[0].aspects[0].strands[0].levels[1] holds a lone surrogate, "
        "which cannot be written"
    )


def test_a_whole_framework_that_breaks_a_rule_is_refused_with_the_rule(
    small_framework: Framework,
) -> None:
    twice = junk(Framework, **{**vars(small_framework), "id": "twice"})
    object.__setattr__(twice, "elements", small_framework.elements * 2)
    plugin = plugin_module("giver", selfreview_frameworks=lambda: [twice])
    engine = Engine(entry_points=False, plugins=[plugin])
    assert [e.framework.id for e in engine.frameworks()] == ["becta-srf"]
    [problem] = engine.problems
    assert problem.message.startswith(
        "malformed framework: Value error, elements[2].id: duplicate id `A`"
    )


@pytest.mark.parametrize(
    "shape",
    [
        pytest.param(lambda item: item, id="one item"),
        pytest.param(lambda item: [item], id="a list"),
        pytest.param(lambda item: (x for x in [item]), id="a generator"),
        pytest.param(lambda item: {"mine": item}, id="a mapping"),
    ],
)
def test_a_collecting_hook_may_give_one_item_a_list_a_generator_or_a_mapping(
    small_framework: Framework, tmp_path: Path, shape: Callable[[object], object]
) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(
        "kind: framework\nid: from-file\nversion: '1'\ntitle: T\nscale: {best: 1, worst: 2}\n"
        "elements:\n  - id: E\n    title: E\n    aspects:\n      - id: E1\n        title: E1\n"
        "        strands:\n          - {id: E1.1, title: S, levels: {1: One., 2: Two.}}\n",
        encoding="utf-8",
    )
    exporter = Exporter("mine", ".mine", "text/plain", _render)
    for item in (str(path), path, small_framework):
        plugin = plugin_module(
            "giver",
            selfreview_frameworks=lambda item=item: shape(item),
            selfreview_exporters=lambda: shape(exporter),
        )
        engine = Engine(entry_points=False, plugins=[plugin])
        assert len(engine.frameworks()) == 2
        assert "mine" in engine.exporters()
        assert engine.problems == []


def test_a_hook_giving_none_gives_nothing_and_no_problem(
    small_framework: Framework, assessment: Assessment
) -> None:
    plugin = plugin_module(
        "giver",
        selfreview_frameworks=_none,
        selfreview_rule_packs=_none,
        selfreview_migrations=_none,
        selfreview_exporters=_none,
        selfreview_recommend=_none,
    )
    engine = Engine(entry_points=False, plugins=[plugin])
    report = engine.report(assessment, framework=small_framework)
    assert (engine.rule_packs(), engine.migrations()) == ((), ())
    assert report.problems == ()
    assert engine.problems == []


def _none() -> None:
    return None


def test_paths_must_be_text(small_framework: Framework) -> None:
    class BytesPath:
        def __fspath__(self) -> bytes:
            return b"/tmp/x.yaml"

    plugin = plugin_module("giver", selfreview_frameworks=lambda: [BytesPath()])
    engine = Engine(entry_points=False, plugins=[plugin])
    assert engine.frameworks()
    [problem] = engine.problems
    assert problem.message == "selfreview_frameworks gave BytesPath, not a path or a Framework"


def test_rule_pack_and_migration_objects_are_validated_again(
    small_framework: Framework, tmp_path: Path
) -> None:
    pack = RulePack.model_validate(
        {
            "id": "p",
            "framework": "small",
            "rules": [
                {
                    "id": "r",
                    "when": {"strand": "A1", "level": 0},
                    "recommend": {"title": "T \udcff", "action": "A"},
                }
            ],
        }
    )
    junk_pack = junk(RulePack, id="junk", framework="small", rules=[1, 2])
    newer = small_framework.model_copy(update={"version": "2"})
    migration = Migration.model_validate(
        {
            "from": "small@1",
            "to": "small@2",
            "strands": {s: s for s in small_framework.strand_ids},
        }
    )
    junk_migration = junk(Migration, strands={"A1.1": "A1.1"})  # no from, no to
    plugin = plugin_module(
        "giver",
        selfreview_frameworks=lambda: [newer],
        selfreview_rule_packs=lambda: [pack, junk_pack],
        selfreview_migrations=lambda: [junk_migration, migration],
    )
    engine = Engine(entry_points=False, plugins=[plugin], frameworks=[small_framework])
    assert engine.rule_packs() == ()
    assert [e.migration.ref for e in engine.migrations()] == [migration.ref]
    messages = [p.message for p in engine.problems]
    assert messages[0] == (
        "rule pack: rules[0].recommend.title holds a lone surrogate, which cannot be written"
    )
    assert messages[1].startswith("malformed rule pack: rules[0]: ")
    assert messages[2].startswith("malformed migration: ")
    assert len(messages) == 3


# -- exporters -------------------------------------------------------------------------------


def _render(report: Report) -> str:
    return "rendered\n"


@pytest.mark.parametrize(
    ("extension", "kept"),
    [
        ("txt", ".txt"),
        (".txt", ".txt"),
        ("tar.gz", ".tar.gz"),
        (".my-format", ".my-format"),
        ("c++", ".c++"),
        ("", None),
        (".", None),
        ("..", None),
        ("a/b", None),
        ("a\\b", None),
        ("/etc", None),
        (".x y", None),
        ("x\n", None),
        (".a..b", None),
        (5, None),
    ],
)
def test_an_exporters_extension_gets_its_dot_or_is_refused(
    extension: Any, kept: str | None
) -> None:
    exporter = Exporter("mine", extension, "text/plain", _render)
    engine = Engine(
        entry_points=False,
        plugins=[plugin_module("giver", selfreview_exporters=lambda: [exporter])],
    )
    found = engine.exporters().get("mine")
    if kept is None:
        assert found is None
        [problem] = engine.problems
        assert problem.source == "giver"
        assert problem.message.startswith("exporter mine: ")
    else:
        assert found is not None
        assert found.extension == kept
        assert engine.problems == []


@pytest.mark.parametrize(
    ("exporter", "message"),
    [
        (Exporter("", ".x", "text/plain", _render), "exporter name '' is not a name"),
        (Exporter("two words", ".x", "text/plain", _render), "exporter name 'two words'"),
        (Exporter("x\x1b[2J", ".x", "text/plain", _render), "exporter name 'x\\x1b[2J'"),
        (Exporter(5, ".x", "text/plain", _render), "exporter name 5 is not a name"),  # type: ignore[arg-type]
        (Exporter("m", ".x", None, _render), "exporter m: its media type is not text"),  # type: ignore[arg-type]
        (Exporter("m", ".x", "text/\ud800", _render), "exporter m: its media type is not text"),
        (Exporter("m", ".x", "text/plain", "render"), "exporter m: its render is str"),  # type: ignore[arg-type]
    ],
)
def test_a_careless_exporter_is_refused_naming_the_plugin(exporter: Exporter, message: str) -> None:
    engine = Engine(
        entry_points=False,
        plugins=[plugin_module("giver", selfreview_exporters=lambda: [exporter])],
    )
    assert set(engine.exporters()) == set(FORMATS)
    [problem] = engine.problems
    assert problem.source == "giver"
    assert problem.message.startswith(message)


def test_an_exporter_name_already_taken_keeps_the_first() -> None:
    mine = Exporter("json", ".json", "application/json", _render)
    engine = Engine(
        entry_points=False, plugins=[plugin_module("giver", selfreview_exporters=lambda: [mine])]
    )
    assert engine.exporters()["json"].render is not _render
    [problem] = engine.problems
    assert problem.message == (
        "exporter json is also provided by standard-exporters; using standard-exporters's"
    )


@pytest.mark.parametrize(
    ("render", "message"),
    [
        (lambda report: b"\xff raw bytes", None),
        (lambda report: "ok \u2713", None),
        (lambda report: "half \ud800", "returned text with a lone surrogate at character 5"),
        (lambda report: None, "returned NoneType, not str or bytes"),
        (lambda report: bytearray(b"x"), "returned bytearray, not str or bytes"),
    ],
)
def test_what_render_returns_must_be_writable(
    small_framework: Framework,
    assessment: Assessment,
    render: Callable[[Report], Any],
    message: str | None,
) -> None:
    exporter = Exporter("mine", "out", "text/plain", render)
    engine = Engine(
        entry_points=False,
        plugins=[plugin_module("giver", selfreview_exporters=lambda: [exporter])],
    )
    report = engine.report(assessment, framework=small_framework)
    if message is None:
        output = engine.export(report, "mine")
        assert output == render(report)
    else:
        with pytest.raises(SelfReviewError) as raised:
            engine.export(report, "mine")
        assert str(raised.value).startswith(f"exporter mine (from giver) {message}")
        assert raised.value.first.code == "export-failed"


def test_a_render_that_exits_is_an_error_not_an_exit(
    small_framework: Framework, assessment: Assessment
) -> None:
    def exits(report: Report) -> str:
        raise SystemExit(0)

    exporter = Exporter("mine", ".out", "text/plain", exits)
    engine = Engine(
        entry_points=False,
        plugins=[plugin_module("giver", selfreview_exporters=lambda: [exporter])],
    )
    report = engine.report(assessment, framework=small_framework)
    with pytest.raises(SelfReviewError, match=r"exporter mine \(from giver\) failed: SystemExit"):
        engine.export(report, "mine")


# -- the surrogate search -------------------------------------------------------------------


def test_lone_surrogate_finds_the_place_at_any_depth() -> None:
    deep: Any = "fine"
    for _ in range(5000):
        deep = [deep]
    assert lone_surrogate(deep) is None
    assert lone_surrogate({"a": [1, {"b": ("x", "\ud800")}]}) == "a[1].b[1]"
    assert lone_surrogate({"\udcff": 1}) == "a key"
    assert lone_surrogate("\ud800") == "the text"
    assert lone_surrogate({"date": dt.date(2026, 1, 1), "n": None, "s": {"é"}}) is None
