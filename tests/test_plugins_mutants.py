"""Behaviours of the plugin host (`plugins.py`) that its first whole mutation pass (round
40) found no test pinned: a name or a plugin registered twice, an entry point with a name
already taken never imported, what a plugin prints while giving its items, and what
`plugins()` gives an embedder."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from program import selfreview_here
from selfreview_core import Engine, Framework, hookimpl
from test_engine import _EntryPoint, plugin_module


def _nothing() -> list[Any]:
    return []


def test_two_plugins_of_one_name_keep_the_first_and_warn_of_the_second(
    small_framework: Framework,
) -> None:
    first = plugin_module("twin", selfreview_frameworks=lambda: [small_framework])
    second = plugin_module("twin", selfreview_frameworks=_nothing)
    engine = Engine(entry_points=False, plugins=[first, second])
    assert [(p.source, p.message, p.severity) for p in engine.problems] == [
        ("twin", "a plugin of this name is already registered; skipped", "warning")
    ]
    assert engine.plugin_manager.get_plugin("twin") is first
    assert small_framework.ref in {e.framework.ref for e in engine.frameworks()}


def test_one_plugin_under_a_second_name_says_which_name_it_has(
    monkeypatch: pytest.MonkeyPatch, small_framework: Framework
) -> None:
    module = plugin_module("shared_module", selfreview_frameworks=lambda: [small_framework])
    points = [
        _EntryPoint("first-name", "shared_module", target=module),
        _EntryPoint("alias", "shared_module", target=module),
    ]
    monkeypatch.setattr(
        "selfreview_core.engine.entry_points", lambda group: points if group == "selfreview" else []
    )
    engine = Engine()
    problems = [(p.source, p.message, p.severity) for p in engine.problems]
    assert problems == [
        ("alias", "the same plugin is already registered as `first-name`; skipped", "warning")
    ]
    names = [p.name for p in engine.plugins()]
    assert "first-name" in names
    assert "alias" not in names
    # Its frameworks are given once, by the name it has.
    assert [e.provider for e in engine.frameworks() if e.framework == small_framework] == [
        "first-name"
    ]


def test_an_entry_point_with_a_name_taken_is_never_imported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    loaded: list[str] = []

    class Recorded(_EntryPoint):
        def load(self) -> object:
            loaded.append(self.name)
            return super().load()

    points = [Recorded("next-steps", "broken_at_import", error=ImportError("needs numpy 9"))]
    monkeypatch.setattr(
        "selfreview_core.engine.entry_points", lambda group: points if group == "selfreview" else []
    )
    engine = Engine()
    assert loaded == []
    assert [(p.source, p.message, p.severity) for p in engine.problems] == [
        ("next-steps", "a plugin of this name is already registered; skipped", "warning")
    ]
    assert {p.name: p.origin for p in engine.plugins()}["next-steps"] == "built-in"


def test_what_a_plugin_prints_while_giving_its_items_goes_to_standard_error(
    capsys: pytest.CaptureFixture[str], small_framework: Framework
) -> None:
    def noisy(text: str, given: list[Any]) -> Any:
        def hook() -> list[Any]:
            print(text)
            sys.stdout.write(f"{text} written\n")
            return given

        return hook

    plugin = plugin_module(
        "noisy",
        selfreview_frameworks=noisy("frameworks", [small_framework]),
        selfreview_rule_packs=noisy("rule packs", []),
        selfreview_migrations=noisy("migrations", []),
        selfreview_exporters=noisy("exporters", []),
    )
    engine = Engine(entry_points=False, plugins=[plugin])
    engine.frameworks()
    engine.rule_packs()
    engine.migrations()
    engine.exporters()
    captured = capsys.readouterr()
    assert captured.out == ""
    for text in ("frameworks", "rule packs", "migrations", "exporters"):
        assert f"{text}\n{text} written\n" in captured.err


def test_what_plugins_gives_an_embedder_cannot_be_changed_and_can_be_kept_in_a_set() -> None:
    info = Engine(entry_points=False).plugins()
    with pytest.raises(dataclasses.FrozenInstanceError):
        info[0].name = "renamed"  # type: ignore[misc]
    assert len(set(info)) == len(info) == 3
    assert info[0].name == "bundled-frameworks"


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("NEXT-STEPS", "no plugin named `NEXT-STEPS` to disable (did you mean `next-steps`?)"),
        (" next-steps", "no plugin named ` next-steps` to disable (did you mean `next-steps`?)"),
        ("next_steps", "no plugin named `next_steps` to disable (did you mean `next-steps`?)"),
        (
            "next-steps,standard-exporters",
            "no plugin named `next-steps,standard-exporters` to disable (one name to each: "
            "`--disable a --disable b`, or `SELFREVIEW_DISABLE=a,b`)",
        ),
        ("nobody", "no plugin named `nobody` to disable"),
        ("", "no plugin has an empty name: nothing to disable"),
    ],
)
def test_a_name_to_disable_that_no_plugin_has_says_the_name_most_likely_meant(
    name: str, said: str
) -> None:
    engine = Engine(entry_points=False, disable=[name])
    assert [(p.source, p.message, p.severity) for p in engine.problems] == [
        ("engine", said, "warning")
    ]
    # Nothing is disabled on a guess.
    assert [p.name for p in engine.plugins()] == [
        "bundled-frameworks",
        "next-steps",
        "standard-exporters",
    ]


def test_disable_with_a_space_on_the_command_line_warns_and_loses_nothing(root: Path) -> None:
    example = root / "examples" / "example-primary-2026.yaml"
    result = selfreview_here(
        ["report", str(example), "--format", "json", "--disable", " next-steps"],
        env={"SELFREVIEW_DISABLE": None},
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.decode() == (
        "warning: no plugin named ` next-steps` to disable (did you mean `next-steps`?)\n"
    )
    report = json.loads(result.stdout)
    assert "next-steps" in {r["source"] for r in report["recommendations"]}
    assert [p["source"] for p in report["problems"]] == ["engine"]


def test_a_plugin_given_by_object_under_a_disabled_name_is_never_registered_or_checked(
    small_framework: Framework,
) -> None:
    """`disable` holds for a plugin handed over as an object as for an entry point: it is not
    registered, so neither its hooks (one misspelt here) nor its frameworks are looked at; and
    its name is one a plugin has (no "no plugin named `mine` to disable", as until round 57)."""
    called: list[str] = []

    def frameworks() -> list[Framework]:
        called.append("frameworks")
        return [small_framework]

    module = plugin_module("mine", selfreview_frameworks=frameworks)
    module.selfreview_framewroks = hookimpl(_nothing)  # type: ignore[attr-defined]
    engine = Engine(entry_points=False, plugins=[module], disable=["mine"])
    assert engine.problems == []
    assert "mine" not in [p.name for p in engine.plugins()]
    assert engine.plugin_manager.get_plugin("mine") is None
    assert small_framework.ref not in {e.framework.ref for e in engine.frameworks()}
    assert called == []
