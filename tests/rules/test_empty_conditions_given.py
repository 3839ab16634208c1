"""An empty `all` or `any` in a rule pack that is no file of the caller's (round 60).

Round 59 warned of `{all: []}` and `{any: []}` in a rule pack FILE (`validate`, `report
--rules`, `Engine(rule_packs=[FILE])`). A `RulePack` object given to `Engine` in Python, and
a plugin's pack (a file of its own or an object, `selfreview_rule_packs`), loaded in silence.
Now each gives the same warnings among the engine's problems, named by the pack's id and the
document path (an object has no file to point into), from the engine for the caller's and
from the plugin for a plugin's; once, as the pack is loaded, not in every report. A plugin's
own file is located in it (file, line, column and document path) as a caller's file is
(round 61)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core import Engine, hookimpl, load_assessment, load_framework, load_rules
from selfreview_core.cli import cli
from selfreview_core.model.problem import Problem
from test_engine import _EntryPoint, plugin_module

from .test_empty_conditions import FRAMEWORK, PACK, REVIEW, _located, _pack

#: The three warnings of round 59's pack, as a pack object has them: by its document path.
WORDS = [line.split(": ", 1)[1] for line in _located(Path("pack.yaml"))]


def _warnings(source: str, pack: str = "empties") -> list[Problem]:
    return [
        Problem(source=source, message=f"rule pack {pack}: {words}", severity="warning")
        for words in WORDS
    ]


def test_a_rulepack_object_is_warned_of_by_the_engine(tmp_path: Path) -> None:
    pack = load_rules(_pack(tmp_path), load_framework(FRAMEWORK))
    engine = Engine(entry_points=False, frameworks=[FRAMEWORK], rule_packs=[pack])
    assert engine.problems == _warnings("engine")
    made = engine.report(load_assessment(REVIEW))
    assert list(made.problems) == _warnings("engine")
    assert "always" in [r.id for r in made.recommendations]  # it fires as before
    engine.report(load_assessment(REVIEW))
    assert engine.problems == _warnings("engine")  # once, at load: not again per report


def _in_file(source: str, file: Path) -> list[Problem]:
    """The three warnings of round 59's pack read from `file`: each at its line and
    column there, as `report --rules FILE` says them."""
    return [Problem(source=source, message=line, severity="warning") for line in _located(file)]


class _Plugin:
    """A plugin giving the pack twice: as an object, and as a file of its own."""

    def __init__(self, file: Path) -> None:
        self.file = file

    @hookimpl
    def selfreview_rule_packs(self) -> list[object]:
        obj = load_rules(self.file, load_framework(FRAMEWORK)).model_copy(update={"id": "obj"})
        return [obj, self.file]


def test_a_plugins_packs_object_or_file_are_warned_of_as_the_plugins(tmp_path: Path) -> None:
    plugin = _Plugin(_pack(tmp_path))
    engine = Engine(entry_points=False, frameworks=[FRAMEWORK], plugins=[plugin])
    assert {e.pack.id for e in engine.rule_packs()} == {"obj", "empties"}
    [name] = {p.source for p in engine.problems}
    assert name != "engine"
    # The object by its id and document path; the file located in it, as a caller's file
    # is (round 61: it was named as the object is, by the pack's id).
    assert engine.problems == [*_warnings(name, "obj"), *_in_file(name, plugin.file)]
    made = engine.report(load_assessment(REVIEW))
    assert list(made.problems) == engine.problems


def test_report_says_a_plugins_pack_warnings_as_the_plugins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command line says them as a plugin's other problems (`warning: plugin NAME:
    FILE:LINE:COLUMN: PATH: ...`, round 61), after the report, which is made as before: exit 0; with
    `--strict`, exit 1."""
    file = _pack(tmp_path)
    module = plugin_module("empty_packs", selfreview_rule_packs=lambda: [file])
    point = _EntryPoint("empty-packs", "empty_packs", target=module)
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [point])
    args = ["report", str(REVIEW), "--framework", str(FRAMEWORK), "--format", "json"]
    said = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert said.exit_code == 0, said.output
    assert said.stderr.splitlines() == [
        f"warning: plugin empty-packs: {line}" for line in _located(file)
    ]
    assert '"always"' in said.stdout  # the report, its rule fired
    strict = CliRunner().invoke(cli, [*args, "--strict"], catch_exceptions=False)
    assert strict.exit_code == 1
    assert strict.stderr.splitlines()[-1] == "--strict: 3 problem(s)"


def test_a_clean_pack_object_has_no_warnings(tmp_path: Path) -> None:
    clean = PACK.replace("{all: []}", "{strand: E1.1, level: 2}").replace(
        "{any: []}", "{strand: E1.2, level: 1}"
    )
    path = tmp_path / "clean.yaml"
    path.write_text(clean, encoding="utf-8")
    pack = load_rules(path, load_framework(FRAMEWORK))
    engine = Engine(entry_points=False, frameworks=[FRAMEWORK], rule_packs=[pack])
    assert engine.problems == []
    plugin = _Plugin(path)
    assert Engine(entry_points=False, frameworks=[FRAMEWORK], plugins=[plugin]).rule_packs()


def test_a_plugins_file_gone_since_it_was_read_is_warned_of_as_an_object(tmp_path: Path) -> None:
    """The file is read again to locate the warnings: gone meanwhile (or no longer a
    pack), they are named by the pack's id and document path, as an object's are, rather
    than the plugin's pack refused, or an internal error."""
    from selfreview_core.rules.warned import file_warnings

    framework = load_framework(FRAMEWORK)
    path = _pack(tmp_path)
    pack = load_rules(path, framework)
    lookup = {"tiny": framework}
    assert file_warnings(lookup, pack, path) == [w.message for w in _in_file("", path)]
    path.unlink()
    assert file_warnings(lookup, pack, path) == [w.message for w in _warnings("")]
    path.write_text("kind: rules\n", encoding="utf-8")
    assert file_warnings(lookup, pack, path) == [w.message for w in _warnings("")]
