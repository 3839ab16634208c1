"""The checks' messages name a number from a file as the file writes it (`files.written`).

YAML reads `0o12`, `0x0A` and `+10` as 10: "level 10 is outside the scale" named text the
reader does not find in the file. A framework's level keys, an assessment's levels, the
levels a rule's condition names and a question's level are each named as written, at
their place; where nothing at the place spells the number (an alias), as read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from selfreview_core.files.positions import Tree
from selfreview_core.files.source import Source
from selfreview_core.files.written import (
    number_written,
    with_keys_written,
    with_number_written,
)
from selfreview_core.validation.files import validate_files

GOOD = Path(__file__).resolve().parents[1] / "data" / "good"
QUESTIONS = Path(__file__).resolve().parents[2] / "examples" / "questions"
FRAMEWORK = GOOD / "tiny-framework.yaml"


def _errors(path: Path, *frameworks: Path) -> list[tuple[int | None, int | None, str, str]]:
    results = validate_files([path], framework_files=frameworks)
    return [(d.line, d.column, d.path, d.message) for r in results for d in r.diagnostics]


def test_a_frameworks_level_keys_are_named_as_written(tmp_path: Path) -> None:
    text = FRAMEWORK.read_text(encoding="utf-8").replace(
        "levels: {0: None yet., 1: Some., 2: Most., 3: All.}\n          - id: E1.2",
        "levels: {0: None yet., 1: Some., 2: Most., 3: All., 0o12: Ten., 0x0B: Eleven.}\n"
        "          - id: E1.2",
    )
    path = tmp_path / "framework.yaml"
    path.write_text(text, encoding="utf-8")
    outside = [e for e in _errors(path) if "outside the scale" in e[3]]
    assert outside == [
        (
            16,
            65,
            "elements[0].aspects[0].strands[0].levels[0o12]",
            "level 0o12 is outside the scale 3 (best) .. 0 (worst)",
        ),
        (
            16,
            77,
            "elements[0].aspects[0].strands[0].levels[0x0B]",
            "level 0x0B is outside the scale 3 (best) .. 0 (worst)",
        ),
    ]


@pytest.mark.parametrize(
    ("written", "named"),
    [("0o12", "0o12"), ("0x0A", "0x0A"), ("+10", "+10"), ("010", "010"), ("10", "10")],
)
def test_an_assessments_level_is_named_as_written(tmp_path: Path, written: str, named: str) -> None:
    path = tmp_path / "school.yaml"
    text = (GOOD / "tiny-assessment.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("E1.2: 0", f"E1.2: {written}"), encoding="utf-8")
    assert _errors(path, FRAMEWORK) == [
        (7, 9, 'judgements["E1.2"]', f"level {named} is outside the scale 3 (best) .. 0 (worst)")
    ]


def test_a_json_level_and_a_yaml_alias_are_named_as_read(tmp_path: Path) -> None:
    """JSON writes a whole number one way; an anchored value and an alias have no number
    at their place (`&ten`, `*ten`), as pydantic's messages name them."""
    path = tmp_path / "school.json"
    path.write_text(
        '{"kind": "assessment", "framework": "tiny@1", "school": {"id": "T", "name": "T"},\r'
        ' "assessed_on": "2026-09-30", "judgements": {"E1.1": 10, "E1.2": -0}}',
        encoding="utf-8",
    )
    assert _errors(path, FRAMEWORK) == [
        (2, 54, 'judgements["E1.1"]', "level 10 is outside the scale 3 (best) .. 0 (worst)")
    ]
    path = tmp_path / "school.yaml"
    text = (GOOD / "tiny-assessment.yaml").read_text(encoding="utf-8")
    text = text.replace("E1.1: {level: 2,", "E1.1: {level: &ten 0o12,")
    text = text.replace("E1.2: 0\n", "E1.2: *ten\n")
    path.write_text(text, encoding="utf-8")
    assert [e[2:] for e in _errors(path, FRAMEWORK)] == [
        ('judgements["E1.1"].level', "level 10 is outside the scale 3 (best) .. 0 (worst)"),
        ('judgements["E1.2"]', "level 10 is outside the scale 3 (best) .. 0 (worst)"),
    ]


def test_the_levels_a_rules_condition_names_are_named_as_written(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    recommend = "recommend: {title: T, action: A, audience: senior leadership, priority: high}"
    path.write_text(
        "kind: rules\nid: r\nframework: tiny@1\nrules:\n"
        f"  - id: a\n    when: {{strand: E1.1, level: [1, 0o12]}}\n    {recommend}\n"
        f"  - id: b\n    when: {{strand: E1.1, below: 0x0A}}\n    {recommend}\n"
        f"  - id: c\n    when: {{aspect: E1, reached: +10}}\n    {recommend}\n",
        encoding="utf-8",
    )
    scale = "is outside the scale 3 (best) .. 0 (worst)"
    assert _errors(path, FRAMEWORK) == [
        (6, 37, "rules[0].when.level[1]", f"level 0o12 {scale}"),
        (9, 33, "rules[1].when.below", f"level 0x0A {scale}"),
        (12, 33, "rules[2].when.reached", f"level +10 {scale}"),
    ]


def test_a_questions_level_and_a_level_the_answers_disagree_with_are_named_as_written(
    tmp_path: Path,
) -> None:
    text = (QUESTIONS / "technology-standards.yaml").read_text(encoding="utf-8")
    text = text.replace("{id: L-G-1-a, level: 1,", "{id: L-G-1-a, level: 0x00,")
    text = text.replace("{id: L-G-2-a, level: 1,", "{id: L-G-2-a, level: +9,")
    text = text.replace("{id: C-N-1-b, level: 2,", "{id: C-N-1-b, level: 0o1,")
    framework = tmp_path / "framework.yaml"
    framework.write_text(text, encoding="utf-8")
    messages = [e[3] for e in _errors(framework) if "level" in e[2]]
    assert messages == [
        "a question on the worst level (0x00): the worst level is where a strand stands with "
        "no answer, so it has no question",
        "level +9 is outside the scale 3 (best) .. 0 (worst)",
        "two questions on level 0o1, line 71",
    ]
    school = tmp_path / "school.yaml"
    text = (QUESTIONS / "example-setting.yaml").read_text(encoding="utf-8")
    school.write_text(text.replace("level: 1}", "level: 0o3}"), encoding="utf-8")
    [(line, column, path, message)] = _errors(school, QUESTIONS / "technology-standards.yaml")
    assert (line, column, path) == (10, 75, "judgements.C-N-1.level")
    assert message == "level 0o3 disagrees with the answers, which score 1 (level 1)"


def test_only_the_number_is_named_as_written_not_the_scale_beside_it(tmp_path: Path) -> None:
    """`level 0 is outside the scale 1 (best) .. 10 (worst)`: the `0` of `10` is the
    scale's, and stays; a finding with no number keeps its message whole."""
    levels = "{" + ", ".join(f"{n}: L{n}." for n in range(1, 11)) + "}"
    text = FRAMEWORK.read_text(encoding="utf-8").replace(
        "scale: {best: 3, worst: 0, labels: {0: Not started, 3: Embedded}}",
        "scale: {best: 1, worst: 10}",
    )
    text = text.replace("levels: {0: None yet., 1: Some., 2: Most., 3: All.}", f"levels: {levels}")
    framework = tmp_path / "framework.yaml"
    framework.write_text(text, encoding="utf-8")
    school = tmp_path / "school.yaml"
    text = (GOOD / "tiny-assessment.yaml").read_text(encoding="utf-8")
    school.write_text(text.replace("E1.2: 0", "E1.2: 0x0\n  E9: 1"), encoding="utf-8")
    assert [e[3] for e in _errors(school, framework)] == [
        "level 0x0 is outside the scale 1 (best) .. 10 (worst)",
        "`E9` is not a strand of tiny@1",
    ]


def test_no_number_is_found_where_the_source_has_no_place() -> None:
    """A source made by hand (no place for its root) names its numbers as read."""
    source = Source("school.yaml", {"level": 10}, "yaml", "level: 0o12", Tree({"level": 10}))
    assert number_written(source, ("level",), 10, key=False) is None
    message = "level 10 is outside the scale"
    assert with_number_written(source, ("level",), message, 10, key=False) == message


def test_a_level_given_twice_names_its_keys_as_written(tmp_path: Path) -> None:
    """`level 1 is given twice: `1` and `"1"``: a number key named as read, where the file
    writes `0o1` (YAML 1.1's octal) or `0x1`; text keys as they are, in either order, and a
    scale's labels the same."""
    text = FRAMEWORK.read_text(encoding="utf-8")
    text = text.replace("labels: {0: Not started,", 'labels: {"0": Not started, +0: Zero,', 1)
    text = text.replace("{0: None yet., 1: Some.,", '{0: None yet., 0o1: Some., "1": Again.,', 1)
    text = text.replace("{0: None yet., 1: Some.,", '{0: None yet., "1": Some., 0x1: Again.,', 1)
    path = tmp_path / "framework.yaml"
    path.write_text(text, encoding="utf-8")
    strands = "elements[0].aspects[0].strands"
    assert [e for e in _errors(path) if "given twice" in e[3]] == [
        (6, 55, "scale.labels[+0]", 'level 0 is given twice: `"0"` and `+0` name the same level'),
        (
            16,
            48,
            f"{strands}[0].levels.1",
            'level 1 is given twice: `0o1` and `"1"` name the same level',
        ),
        (
            19,
            48,
            f"{strands}[1].levels[0x1]",
            'level 1 is given twice: `"1"` and `0x1` name the same level',
        ),
    ]


def test_a_text_key_in_single_quotes_is_named_in_single_quotes(tmp_path: Path) -> None:
    """Before round 51 `'1'` was named `"1"`, quotes the file does not hold; a key in double
    quotes, or text by a tag (`!!str 1`), is named as before."""
    text = FRAMEWORK.read_text(encoding="utf-8")
    text = text.replace("labels: {0: Not started,", "labels: {'0': Not started, 0: Zero,", 1)
    text = text.replace("{0: None yet., 1: Some.,", "{0: None yet., 1: Some., '1': Again,", 1)
    text = text.replace("{0: None yet., 1: Some., 2", '{0: None yet., "1": Some., 1: Again., 2', 1)
    path = tmp_path / "framework.yaml"
    path.write_text(text, encoding="utf-8")
    said = [e[2:] for e in _errors(path) if "given twice" in e[3]]
    strands = "elements[0].aspects[0].strands"
    assert said == [
        ("scale.labels[0]", "level 0 is given twice: `'0'` and `0` name the same level"),
        (f"{strands}[0].levels.1", "level 1 is given twice: `1` and `'1'` name the same level"),
        (f"{strands}[1].levels[1]", 'level 1 is given twice: `"1"` and `1` name the same level'),
    ]


def test_keys_are_named_as_read_where_the_source_has_no_place() -> None:
    """A source made by hand names each key as read; a text key is passed over, and the
    key after it still found."""
    source = Source("f.yaml", {"levels": {}}, "yaml", "levels: {0o1: a}", Tree({"levels": {}}))
    message = 'level 1 is given twice: `"1"` and `1` name the same level'
    keys = (("levels", "1"), ("levels", 1))
    assert with_keys_written(source, message, keys) == message
