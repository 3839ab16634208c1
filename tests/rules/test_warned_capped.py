"""A rule pack with many warnings (round 61; an attacker's pass found it).

A pack made by a program, an empty `any` in each of its rules, was warned of once a rule,
and the engine keeps its warnings among its problems, which every report carries: 100,000
such rules put 100,000 problems in each report of a batch. The engine keeps a pack's first
20 and counts the rest in one more; `validate` still lists every one."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from selfreview_core import Engine, hookimpl, load_assessment, load_framework, load_rules
from selfreview_core.cli import cli

from .test_empty_conditions import ANY, ANY_HINT, FRAMEWORK, REVIEW

#: The warnings the engine keeps of one pack, as CHANGELOG.md and docs/robustness.md say.
KEPT = 20
RULES = KEPT + 5


def _many(tmp_path: Path, rules: int = RULES) -> Path:
    """A pack of `rules` rules, each with an empty `any` (line 5 + 3n, column 17)."""
    pack = tmp_path / "many.yaml"
    pack.write_text(
        "kind: rules\nid: many\nframework: tiny\nrules:\n"
        + "".join(
            f"  - id: r{n}\n    when: {{any: []}}\n    recommend: {{title: R{n}, action: Do it}}\n"
            for n in range(rules)
        ),
        encoding="utf-8",
    )
    return pack


def _said(where: str, n: int) -> str:
    return f"{where}rules[{n}].when.any: {ANY} {ANY_HINT}"


MORE = (
    "rule pack many: 5 more warnings like these, not shown "
    "(`selfreview validate` of the pack lists them all)"
)


def test_a_caller_pack_file_gives_the_first_ones_and_counts_the_rest(tmp_path: Path) -> None:
    pack = _many(tmp_path)
    engine = Engine(entry_points=False, frameworks=[FRAMEWORK], rule_packs=[pack])
    assert [p.message for p in engine.problems] == [
        *(_said(f"{pack}:{6 + 3 * n}:17: ", n) for n in range(KEPT)),
        MORE,
    ]
    assert {(p.source, p.severity) for p in engine.problems} == {("engine", "warning")}
    made = engine.report(load_assessment(REVIEW))
    assert list(made.problems) == engine.problems


def test_a_pack_object_and_a_plugins_pack_are_capped_alike(tmp_path: Path) -> None:
    file = _many(tmp_path)
    obj = load_rules(file, load_framework(FRAMEWORK))

    class Plugin:
        @hookimpl
        def selfreview_rule_packs(self) -> list[object]:
            return [file]

    given = Engine(entry_points=False, frameworks=[FRAMEWORK], rule_packs=[obj])
    assert [p.message for p in given.problems] == [
        *(_said("rule pack many: ", n) for n in range(KEPT)),
        MORE,
    ]
    plugin = Engine(entry_points=False, frameworks=[FRAMEWORK], plugins=[Plugin()])
    plugin.rule_packs()
    assert [p.message for p in plugin.problems] == [
        *(_said(f"{file}:{6 + 3 * n}:17: ", n) for n in range(KEPT)),
        MORE,
    ]


def test_a_pack_of_exactly_the_most_is_warned_of_whole(tmp_path: Path) -> None:
    pack = _many(tmp_path, KEPT)
    engine = Engine(entry_points=False, frameworks=[FRAMEWORK], rule_packs=[pack])
    assert [p.message for p in engine.problems] == [
        _said(f"{pack}:{6 + 3 * n}:17: ", n) for n in range(KEPT)
    ]


def test_validate_and_report_of_a_pack_file(tmp_path: Path) -> None:
    """`validate` lists every warning, where the user mends them; `report --rules` the
    first ones and the count, after the report (exit 0: warnings)."""
    pack = _many(tmp_path)
    runner = CliRunner()
    checked = runner.invoke(cli, ["validate", str(FRAMEWORK), str(pack)])
    assert checked.exit_code == 0, checked.output
    assert sum(": warning: " in line for line in checked.stdout.splitlines()) == RULES
    made = runner.invoke(
        cli, ["report", str(REVIEW), "--framework", str(FRAMEWORK), "--rules", str(pack)]
    )
    assert made.exit_code == 0, made.output
    warned = [line for line in made.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warned) == KEPT + 1
    assert warned[-1] == f"warning: {MORE}"


def test_one_more_is_counted_as_one_warning(tmp_path: Path) -> None:
    """Round 62: "1 more warnings like these"."""
    pack = _many(tmp_path, KEPT + 1)
    engine = Engine(entry_points=False, frameworks=[FRAMEWORK], rule_packs=[pack])
    assert engine.problems[-1].message == (
        "rule pack many: 1 more warning like these, not shown "
        "(`selfreview validate` of the pack lists them all)"
    )
