"""Loading files by kind: each bad-input rule gives a located diagnostic; good files load."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
import yaml

from bad_cases import CASES, Case
from selfreview_core import (
    Assessment,
    Engine,
    Framework,
    InvalidDocument,
    SelfReviewError,
    check_assessment,
    load,
    load_assessment,
    load_framework,
)
from selfreview_core.files.limits import Limits
from selfreview_core.model.assessment import Judgement, School

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(scope="module")
def catalog() -> dict[str, Framework]:
    return Engine(entry_points=False).framework_names()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.file)
def test_each_bad_input_rule_is_located(
    case: Case, data: Path, catalog: dict[str, Framework]
) -> None:
    """SPEC 3: bad input gives a clear error naming file, line, column and document path."""
    path = data / "bad" / case.file
    with pytest.raises(InvalidDocument) as raised:
        load(path, framework=catalog)
    matching = [d for d in raised.value.diagnostics if case.words in d.message]
    assert matching, f"no diagnostic says {case.words!r}: {raised.value}"
    diagnostic = matching[0]
    assert (diagnostic.file, diagnostic.line, diagnostic.column) == (
        str(path),
        case.line,
        case.column,
    )
    assert diagnostic.path == case.path
    assert diagnostic.code == case.code
    if case.hint is not None:
        assert diagnostic.hint == case.hint


def test_every_problem_in_a_file_is_reported_in_one_run(tmp_path: Path) -> None:
    """Errors are collected, not stopped at the first: parse, type and cross-field alike."""
    path = tmp_path / "many.yaml"
    path.write_text(
        "kind: framework\n"
        "id: many\n"
        "version: 1\n"  # type: unquoted number
        "title: Many problems\n"
        "title: Again\n"  # duplicate key
        "scale: {best: 1, worst: 3}\n"
        "elemnts: []\n"  # unknown key, with a hint
        "elements:\n"
        "  - id: e\n"
        "    title: E\n"
        "    aspects:\n"
        "      - id: e\n"  # duplicate id
        "        title: A\n"
        "        strands:\n"
        "          - id: s\n"
        "            title: ''\n"  # empty title
        "            levels: {1: x, 2: y}\n"  # missing level 3
    )
    with pytest.raises(InvalidDocument) as raised:
        load_framework(path)
    found = {(d.line, d.code) for d in raised.value.diagnostics}
    assert found == {
        (3, "type"),
        (5, "duplicate-key"),
        (7, "unknown-key"),
        (12, "duplicate-id"),
        (16, "empty-text"),
        (17, "missing-level"),
    }
    lines = [d.line or 0 for d in raised.value.diagnostics]
    assert lines == sorted(lines), "diagnostics are reported top to bottom"


@pytest.mark.parametrize(
    ("content", "words", "code", "line", "column"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file", "binary", 3, 1),
        (b"kind: framework\ntitle: caf\xe9\n", "not valid UTF-8 (byte 0xe9)", "encoding", 2, 11),
        ("kind: framework\n".encode("utf-16"), "UTF-16", "encoding", 1, 1),
        (b"", "the file is empty", "empty", 1, 1),
        (b"kind: framework\nid: \x07bell\n", "control characters are not allowed", "yaml", 2, 5),
    ],
    ids=["binary", "latin-1", "utf-16", "empty", "control-character"],
)
def test_hostile_bytes_are_refused_with_a_location(
    tmp_path: Path, content: bytes, words: str, code: str, line: int, column: int
) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_bytes(content)
    with pytest.raises(InvalidDocument) as raised:
        load(path)
    error = raised.value
    assert words in error.first.message
    assert error.first.code == code
    assert (error.file, error.line, error.column) == (str(path), line, column)


def test_files_over_the_size_cap_are_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("kind: framework\n" + "# padding\n" * 200)
    with pytest.raises(InvalidDocument, match="the file is 2,016 bytes; the limit is 1,000"):
        load(path, limits=Limits(max_bytes=1000))


def test_the_default_size_cap_is_ten_megabytes(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("w") as handle:
        handle.write("kind: framework\nnotes: '")
        handle.write("x" * (10 * 1024 * 1024))
        handle.write("'\n")
    with pytest.raises(InvalidDocument) as raised:
        load(path)
    assert raised.value.first.code == "too-large"


def test_an_unreadable_path_is_an_error_not_a_crash(tmp_path: Path) -> None:
    with pytest.raises(InvalidDocument, match="cannot read"):
        load(tmp_path / "missing.yaml")
    with pytest.raises(InvalidDocument, match="is a directory"):
        load(tmp_path)


def test_yaml_and_json_load_to_equal_models(data: Path) -> None:
    from_yaml = load_framework(data / "good" / "tiny-framework.yaml")
    as_json = json.dumps(yaml.safe_load((data / "good" / "tiny-framework.yaml").read_text()))
    assert load_framework("tiny.json", text=as_json) == from_yaml


def test_a_good_assessment_loads_against_its_framework(data: Path) -> None:
    framework = load_framework(data / "good" / "tiny-framework.yaml")
    assessment = load_assessment(data / "good" / "tiny-assessment.yaml", framework)
    assert assessment.framework_id == "tiny"
    assert assessment.framework_version == "1"
    assert assessment.level("E1.1") == 2
    assert assessment.judgements["E1.1"].evidence == "Most classes, checked in June"
    assert assessment.level("E1.2") == 0, "the short form `E1.2: 0` is a level"


def test_an_assessment_of_another_version_is_refused(data: Path) -> None:
    framework = load_framework(data / "good" / "tiny-framework.yaml")
    text = (data / "good" / "tiny-assessment.yaml").read_text().replace("tiny@1", "tiny@2")
    with pytest.raises(InvalidDocument) as raised:
        load_assessment("other.yaml", framework, text=text)
    assert raised.value.first.path == "framework"
    assert "version 2, but tiny is version 1" in raised.value.first.message
    # An assessment can be carried to another version: the hint says how (round 57); a
    # plan or rule pack of another version has none (tests/plans/test_plan.py).
    assert raised.value.first.hint == (
        "`selfreview migrate --to tiny@1` carries it to that version, given the framework of "
        "version 2 by `--framework FILE` where no plugin provides it"
    )


def test_judging_an_aspect_rather_than_a_strand_hints_at_its_strands(
    becta: Framework,
) -> None:
    text = (
        "kind: assessment\nframework: becta-srf\nschool: {id: '1', name: S}\n"
        "assessed_on: 2026-01-01\njudgements: {1b: 3}\n"
    )
    with pytest.raises(InvalidDocument) as raised:
        load_assessment("aspect.yaml", becta, text=text)
    assert raised.value.first.message == "`1b` is an aspect, not a strand of becta-srf@2010"
    assert raised.value.first.hint == "judge each of its strands, such as `1b1`"


def test_check_assessment_checks_objects_built_in_python(small_framework: Framework) -> None:
    assessment = Assessment(
        framework="small",
        school=School(id="s", name="School"),
        assessed_on="2026-01-01",  # validated into a date
        judgements={"A1.1": Judgement(level=7), "nope": Judgement(level=1)},
    )
    with pytest.raises(SelfReviewError) as raised:
        check_assessment(small_framework, assessment)
    # A key with a dot in it is quoted, so the path stays unambiguous.
    paths = [d.path for d in raised.value.diagnostics]
    assert paths == ['judgements["A1.1"]', "judgements.nope"]
    check_assessment(small_framework, assessment.model_copy(update={"judgements": {}}))


def test_values_yaml_1_1_would_mangle_stay_text(small_framework: Framework) -> None:
    """`no`, `on` and `yes` are text (YAML 1.2 core schema), not booleans."""
    text = (
        "kind: assessment\nframework: small\nschool: {id: NO, name: on}\n"
        "assessed_on: 2026-01-01\njudgements: {A1.1: {level: 1, evidence: yes}}\n"
    )
    assessment = load_assessment("norway.yaml", small_framework, text=text)
    assert assessment.school.id == "NO"
    assert assessment.school.name == "on"
    assert assessment.judgements["A1.1"].evidence == "yes"


def test_load_dispatches_on_kind(data: Path) -> None:
    assert isinstance(load(data / "good" / "tiny-framework.json"), Framework)
    assert isinstance(load(data / "good" / "tiny-assessment.yaml"), Assessment)
    with pytest.raises(InvalidDocument, match="expected a framework file, not an assessment"):
        load_framework(data / "good" / "tiny-assessment.yaml")


@pytest.mark.parametrize(
    ("entry", "path", "hint"),
    [
        ("judgements: {A1.1: {levle: 1}}", 'judgements["A1.1"].levle', "did you mean `level`?"),
        (
            "judgements: {}\nreview: {A1.1: {reason: split, nte: Split.}}",
            'review["A1.1"].nte',
            "did you mean `note`?",
        ),
    ],
)
def test_a_misspelt_key_inside_a_mapping_of_models_gets_its_hint(
    small_framework: Framework, entry: str, path: str, hint: str
) -> None:
    """The hint follows the field's type into the mapping's values (a `FrozenDict`, as every
    mapping field is: SPEC section 4)."""
    head = "kind: assessment\nframework: small\nschool: {id: s, name: S}\nassessed_on: 2026-01-01"
    text = f"{head}\n{entry}\n"
    with pytest.raises(InvalidDocument) as raised:
        load_assessment("misspelt.yaml", small_framework, text=text)
    [found] = [d for d in raised.value.diagnostics if d.path == path]
    assert (found.message, found.hint) == (f"unknown key `{path.rsplit('.', 1)[1]}`", hint)


def test_the_kinds_made_on_first_use_are_each_kind_s_model_in_order() -> None:
    """`loader.KINDS` is made when first asked (`loader._kinds`, so that `report` starts
    without the plan and migration models): each file kind, in `FILE_KINDS`' order, with
    the model of that kind, the same dict every time; another name is still missing."""
    from selfreview_core import loader
    from selfreview_core._names import FILE_KINDS
    from selfreview_core.model.migration import Migration
    from selfreview_core.model.plan import Plan
    from selfreview_core.model.rules import RulePack

    kinds = loader.KINDS
    assert list(kinds) == list(FILE_KINDS) == list(loader._KIND_NAMES)
    assert kinds == {
        "framework": Framework,
        "assessment": Assessment,
        "rules": RulePack,
        "migration": Migration,
        "plan": Plan,
    }
    assert loader.KINDS is kinds
    with pytest.raises(AttributeError, match="no_such_name"):
        loader.__getattr__("no_such_name")


def test_a_file_of_another_kind_is_named_as_a_file_of_its_kind(tmp_path: Path) -> None:
    """`kind: rules` given as a framework said "expected a framework file, not a rules"
    before round 43."""
    pack = tmp_path / "pack.yaml"
    pack.write_text("kind: rules\nid: mine\nframework: becta-srf\nrules: []\n", encoding="utf-8")
    with pytest.raises(InvalidDocument) as caught:
        load_framework(pack)
    assert caught.value.first.message == "expected a framework file, not a rules file"
    assert (caught.value.line, caught.value.column) == (1, 7)
