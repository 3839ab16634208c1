"""A framework given where an assessment is wanted, or an assessment where a framework is,
is told as the slip it most often is: "expected a framework file, not an assessment file
(were the framework and the assessment given the other way round?)", at the file's `kind`,
exit 1, nothing written. Round 80: the message said what was wrong, not what to do, and a
new user who typed `selfreview assess school.yaml -o ...` or `awards framework.yaml
--framework school.yaml` was left to work out the rest. Other kinds (a rule pack, a
migration) given in the wrong place get no such hint: nothing is swapped there."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from selfreview_core import Assessment, Framework, load_assessment, load_framework
from selfreview_core.cli import cli
from selfreview_core.dump import dump_document
from selfreview_core.errors import InvalidDocument
from selfreview_core.loader import load_migration, load_rules
from selfreview_core.testing.strategies import framework_and_assessment

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FRAMEWORK = ROOT / "frameworks" / "becta-srf.yaml"
SCHOOL = EXAMPLES / "example-primary-2026.yaml"
EARLIER = EXAMPLES / "example-primary-2025.yaml"
HINT = "were the framework and the assessment given the other way round?"


def _kind_place(text: str) -> tuple[int, int]:
    """The line and column of the top-level `kind`'s value in a document `dump_document`
    wrote (YAML or JSON, two-space indented)."""
    for number, line in enumerate(text.splitlines(), start=1):
        for key in ("kind: ", '  "kind": '):
            if line.startswith(key):
                return number, len(key) + 1
    raise AssertionError(text)


@given(pair=framework_and_assessment(), suffix=st.sampled_from([".yaml", ".json"]))
def test_a_framework_and_an_assessment_swapped_are_told_so_at_their_kind(
    pair: tuple[Framework, Assessment], suffix: str
) -> None:
    """Over generated frameworks of either scale direction, of any shape, in YAML or JSON:
    each document loaded as the other is refused at its `kind`, with the hint, and nothing
    else is said of it."""
    framework, assessment = pair
    name = f"given{suffix}"
    for document, load, expected, found in (
        (framework, load_assessment, "an assessment", "a framework"),
        (assessment, load_framework, "a framework", "an assessment"),
    ):
        text = dump_document(document, name)
        with pytest.raises(InvalidDocument) as raised:
            load(name, text=text)
        [problem] = raised.value.diagnostics
        assert problem.message == f"expected {expected} file, not {found} file"
        assert problem.hint == HINT
        assert problem.code == "wrong-kind"
        assert (problem.file, problem.path) == (name, "kind")
        assert (problem.line, problem.column) == _kind_place(text)


@pytest.mark.parametrize(
    ("load", "text", "message"),
    [
        (load_framework, "kind: rules\nid: p\nframework: becta-srf\nrules: []\n", "a rules file"),
        (load_rules, SCHOOL.read_text(encoding="utf-8"), "an assessment file"),
        (load_migration, SCHOOL.read_text(encoding="utf-8"), "an assessment file"),
        (load_assessment, "kind: rules\nid: p\nframework: becta-srf\nrules: []\n", "a rules file"),
    ],
)
def test_another_kind_in_the_wrong_place_gets_no_such_hint(
    load: object, text: str, message: str
) -> None:
    with pytest.raises(InvalidDocument) as raised:
        load("given.yaml", text=text)  # type: ignore[operator]
    [problem] = raised.value.diagnostics
    assert problem.message.endswith(f"file, not {message}")
    assert problem.hint is None


def _line(path: Path, line: int, expected: str, found: str) -> str:
    return f"{path}:{line}:7: error: kind: expected {expected} file, not {found} file ({HINT})\n"


@pytest.mark.parametrize(
    ("args", "told"),
    [
        (["awards", str(FRAMEWORK)], _line(FRAMEWORK, 19, "an assessment", "a framework")),
        (
            ["awards", str(SCHOOL), "--framework", str(EARLIER)],
            _line(EARLIER, 4, "a framework", "an assessment"),
        ),
        (["assess", str(SCHOOL), "-o", "{out}"], _line(SCHOOL, 4, "a framework", "an assessment")),
        (
            ["migrate", str(FRAMEWORK), "--to", "becta-srf", "-o", "{out}"],
            _line(FRAMEWORK, 19, "an assessment", "a framework"),
        ),
        (
            ["plan", str(FRAMEWORK), "-o", "{out}"],
            _line(FRAMEWORK, 19, "an assessment", "a framework"),
        ),
        (
            ["report", str(SCHOOL), "--previous", str(FRAMEWORK), "-o", "{out}"],
            _line(FRAMEWORK, 19, "an assessment", "a framework"),
        ),
        (
            ["benchmark", str(SCHOOL), "--framework", str(EARLIER), "-o", "{out}"],
            _line(EARLIER, 4, "a framework", "an assessment"),
        ),
    ],
)
def test_each_command_given_them_swapped_says_so_and_writes_nothing(
    args: list[str], told: str, tmp_path: Path
) -> None:
    out = tmp_path / "out.json"
    result = CliRunner().invoke(cli, [a.format(out=out) for a in args], input="")
    assert result.exit_code == 1, result.output
    assert result.stderr == told
    assert result.stdout == ""
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []
