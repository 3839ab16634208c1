"""An empty `all` or `any` in a rule's condition (round 59).

SPEC 3's grammar allows `{all: [...]}` and `{any: [...]}` with any number of conditions, so
an empty one is legal; but `{all: []}` fires for every school and `{any: []}` for none,
which is almost never what the author meant. Before round 59 nothing said so. Now
`selfreview validate` warns of each (codes `always-holds` and `never-holds`, at the `all` or
`any` it is about: file, line, column and document path), an error with `--strict`, as it
warns of `below` the worst level; and loading the pack for a report (`report --rules FILE`,
`Engine(rule_packs=[FILE])`) gives the same warnings among the report's problems. Nothing
else changes: the rule still fires (or not) as before, the pack loads as before."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Engine, load_assessment, load_framework, load_rules
from selfreview_core.cli import cli
from selfreview_core.model.conditions import condition_warnings
from selfreview_core.model.findings import Finding
from selfreview_core.rules.warned import load_warned
from selfreview_core.testing import conditions, frameworks

DATA = Path(__file__).resolve().parents[1] / "data" / "good"
FRAMEWORK = DATA / "tiny-framework.yaml"
REVIEW = DATA / "tiny-assessment.yaml"

PACK = """\
kind: rules
id: empties
framework: tiny
rules:
  - id: always
    when: {all: []}
    recommend: {title: Always, action: Do it}
  - id: never
    when: {any: []}
    recommend: {title: Never, action: Do it}
  - id: nested
    when: {not: {any: [{strand: E1.1, level: 2}, {all: []}]}}
    recommend: {title: Nested, action: Do it}
"""

ALL = "an empty `all` holds for every school: it has no condition that could fail"
ANY = "an empty `any` can never hold: it has no condition that could hold"
ALL_HINT = "(list the conditions that must all hold, or remove the rule)"
ANY_HINT = "(list the conditions one of which must hold, or remove the rule)"


def _located(pack: Path) -> list[str]:
    """The three warnings, as `file:line:column: path: message (hint)`."""
    return [
        f"{pack}:6:17: rules[0].when.all: {ALL} {ALL_HINT}",
        f"{pack}:9:17: rules[1].when.any: {ANY} {ANY_HINT}",
        f"{pack}:12:56: rules[2].when.not.any[1].all: {ALL} {ALL_HINT}",
    ]


def _pack(tmp_path: Path) -> Path:
    pack = tmp_path / "empties.yaml"
    pack.write_text(PACK, encoding="utf-8")
    return pack


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_validate_warns_of_each_empty_all_and_any_where_it_is(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    result = _run("validate", str(FRAMEWORK), str(pack))
    assert result.exit_code == 0, result.output
    warned = [line for line in result.stdout.splitlines() if ": warning: " in line]
    assert [w.replace(": warning: ", ": ", 1) for w in warned] == _located(pack)
    assert result.stdout.splitlines()[-1].endswith("2 valid, 0 invalid (3 warnings)")
    assert pack.read_text(encoding="utf-8") == PACK
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empties.yaml"]


def test_validate_strict_refuses_them_and_json_gives_their_codes(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    strict = _run("validate", "--strict", str(FRAMEWORK), str(pack))
    assert strict.exit_code == 1
    assert [line for line in strict.stdout.splitlines() if ": error: " in line] == [
        line.replace(": rules", ": error: rules", 1) for line in _located(pack)
    ]
    listed = _run("validate", "--format", "json", str(FRAMEWORK), str(pack))
    assert listed.exit_code == 0
    assert '"always-holds"' in listed.stdout
    assert '"never-holds"' in listed.stdout
    assert pack.read_text(encoding="utf-8") == PACK


def test_report_with_the_pack_warns_of_them_and_fires_as_before(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    args = ["report", str(REVIEW), "--framework", str(FRAMEWORK), "--rules", str(pack)]
    result = _run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [f"warning: {line}" for line in _located(pack)]
    report = json.loads(result.stdout)
    assert [(p["source"], p["severity"], p["message"]) for p in report["problems"]] == [
        ("engine", "warning", line) for line in _located(pack)
    ]
    # `all: []` still fires, `any: []` still does not; E1.1 is at 2, so `nested` does not.
    fired = [r["id"] for r in report["recommendations"] if r["source"] == "empties"]
    assert fired == ["always"]
    strict = _run(*args, "--strict")  # problems make --strict's exit 1, as a plugin's do
    assert strict.exit_code == 1
    assert strict.stderr.splitlines()[-1] == "--strict: 3 problem(s)"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empties.yaml"]
    assert pack.read_text(encoding="utf-8") == PACK


def test_the_engine_gives_them_as_problems_of_its_report(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    framework = load_framework(FRAMEWORK)
    engine = Engine(frameworks=[framework], rule_packs=[pack], disable=["next-steps"])
    report = engine.report(load_assessment(REVIEW, framework))
    assert [p.message for p in report.problems] == _located(pack)
    assert [r.id for r in report.recommendations] == ["always"]


def test_a_pack_with_no_empty_condition_loads_with_no_warning(tmp_path: Path) -> None:
    pack = tmp_path / "fine.yaml"
    pack.write_text(PACK.replace("[]", "[{strand: E1.2, below: 2}]"), encoding="utf-8")
    framework = load_framework(FRAMEWORK)
    loaded, warnings = load_warned(pack, framework)
    assert warnings == []
    assert loaded == load_rules(pack, framework)


# -- generated conditions: the empties are warned of, and nothing else changes ----------------


def _walk(raw: Any, path: tuple[str | int, ...]) -> tuple[list[tuple[Any, ...]], list[Any]]:
    """(the path and key of every empty `all`/`any`, every test with its path), found
    independently of `condition_warnings`."""
    empties: list[tuple[Any, ...]] = []
    tests: list[Any] = []
    for key in ("all", "any"):
        if key in raw:
            if not raw[key]:
                empties.append(((*path, key), key))
            for i, child in enumerate(raw[key]):
                found = _walk(child, (*path, key, i))
                empties += found[0]
                tests += found[1]
    if "not" in raw:
        found = _walk(raw["not"], (*path, "not"))
        empties += found[0]
        tests += found[1]
    if not {"all", "any", "not"} & raw.keys():
        tests.append((raw, path))
    return empties, tests


def _key(finding: Finding) -> tuple[Any, ...]:
    return (finding.path, finding.code, finding.message, finding.hint)


@settings(max_examples=scaled(80))
@given(st.data())
def test_generated_conditions_warn_of_their_empties_and_of_nothing_new(data: st.DataObject) -> None:
    framework = data.draw(frameworks())
    condition = data.draw(conditions(framework))
    raw = condition.model_dump(mode="json", by_alias=True, exclude_none=True)
    found = Counter(_key(f) for f in condition_warnings(framework, raw, ("when",)))
    empties, tests = _walk(raw, ("when",))
    expected: Counter[tuple[Any, ...]] = Counter()
    for path, key in empties:
        code = "always-holds" if key == "all" else "never-holds"
        message, hint = (ALL, ALL_HINT) if key == "all" else (ANY, ANY_HINT)
        expected[(path, code, message, hint[1:-1])] += 1
    for test, path in tests:  # each test's own warnings, as a test alone has them
        expected.update(_key(f) for f in condition_warnings(framework, test, path))
    assert found == expected


def test_a_pack_loaded_with_no_framework_to_check_it_against_has_no_warnings(
    tmp_path: Path,
) -> None:
    """Without a framework (`lookup` None) a pack is read as `load_rules` reads it then, and
    nothing is said of its conditions: their warnings need the framework's scale."""
    pack = _pack(tmp_path)
    loaded, warnings = load_warned(pack, None)
    assert loaded == load_rules(pack)
    assert warnings == []


def test_a_raw_condition_that_is_no_mapping_has_no_warnings() -> None:
    """What is not a mapping (a list, a number, a text) is not a condition: the model's
    errors say so, and the warnings add nothing to them (no `AttributeError` either)."""
    framework = load_framework(FRAMEWORK)
    raws: list[object] = [[], [{"all": []}], 3, "all", None]
    for raw in raws:
        assert list(condition_warnings(framework, raw, ("rules", 0, "when"))) == []
