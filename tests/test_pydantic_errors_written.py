"""A number where text belongs is to be quoted as the file spells it, not as it was read:
before round 42 the hint for `id: 0012345` said `write it in quotes: "12345"`, and following
it lost the zeros that make the id (and `version: 1.10` became "1.1", `0x1` became "1")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from program import selfreview_here
from selfreview_core import InvalidDocument, load
from selfreview_core.cli import cli
from selfreview_core.errors import Diagnostic
from selfreview_core.files.written import _reads_as

_REVIEW = """\
kind: assessment
framework: becta-srf
school: {{id: {id}, name: X}}
assessed_on: 2026-01-01
judgements:
  {key}: 3
"""


def _problems(text: str, name: str = "doc.yaml") -> list[Diagnostic]:
    with pytest.raises(InvalidDocument) as raised:
        load(name, text=text)
    return list(raised.value.diagnostics)


@pytest.mark.parametrize(
    "written",
    [
        "0012345",
        "007",
        "1.10",
        "+5",
        "-0",
        "1e3",
        ".5",
        "0x1F",
        "0o17",
        ".inf",
        "-.Inf",
        ".NaN",
        "-1e999",
        ".INF",
    ],
)
def test_a_number_as_an_id_is_quoted_as_written(written: str) -> None:
    """Named in the message as written too (before round 48 as read: "got the number 31"
    for `0x1F`, "12345" for `0012345`, a number the reader does not find in the file)."""
    (problem,) = _problems(_REVIEW.format(id=written, key="1a1"))
    assert problem.message == f"expected text, got the number {written}"
    assert problem.hint == f'write it in quotes: "{written}"'
    assert (problem.line, problem.column, problem.path) == (3, 14, "school.id")


@pytest.mark.parametrize("written", ["0012", "0x1", "+7", "0o12", "0x0A"])
def test_a_number_as_a_strand_key_is_quoted_as_written_at_the_key(written: str) -> None:
    """Named in its path as written too (since round 45: `judgements[0012]`, where it was
    `judgements[12]`, a spelling the file does not hold), and in the message (round 48)."""
    (problem,) = _problems(_REVIEW.format(id="S-1", key=written))
    assert problem.message == f"expected a text key (an id), got the number {written}"
    assert problem.hint == f'write it in quotes: "{written}"'
    assert (problem.line, problem.column, problem.path) == (6, 3, f"judgements[{written}]")


def test_a_number_on_a_last_line_without_a_line_break_is_quoted_as_written() -> None:
    text = _REVIEW.format(id="S-1", key="0012").rstrip("\n")
    assert not text.endswith("\n")
    (problem,) = _problems(text)
    assert problem.hint == 'write it in quotes: "0012"'


@pytest.mark.parametrize(
    ("token", "value", "reads"),
    [
        ("0012", 12, True),
        ("-0x1f", -31, True),
        ("1", 2, False),
        ("abc", 1, False),  # not a number at all: a neighbour's text at an ancestor's place
        ("0x1G", 1, False),
        (".nan", float("nan"), True),
        (".nan", 1, False),
        (".nan", 1.5, False),
        ("1", float("nan"), False),
    ],
)
def test_only_a_spelling_of_the_number_read_is_taken(
    token: str, value: object, reads: bool
) -> None:
    assert _reads_as(token, value) is reads


def test_json_numbers_are_quoted_as_written() -> None:
    text = (
        '{"kind": "assessment", "framework": "becta-srf",\n'
        ' "school": {"id": 1.50, "name": "X"},\n'
        ' "assessed_on": "2026-01-01", "judgements": {}}'
    )
    (problem,) = _problems(text, "doc.json")
    assert problem.hint == 'write it in quotes: "1.50"'
    assert (problem.line, problem.column) == (2, 19)


def test_a_number_reached_through_an_alias_is_quoted_as_read() -> None:
    """At the alias `*z` there is no number to copy: the hint falls back to the value."""
    text = "zeros: &z 0012\n" + _REVIEW.format(id="*z", key="1a1")
    problems = [p for p in _problems(text) if p.path == "school.id"]
    assert [p.hint for p in problems] == ['write it in quotes: "12"']
    assert [p.message for p in problems] == ["expected text, got the number 12"]


@pytest.mark.parametrize(
    "text",
    [
        "# a\u2028# b\n" + _REVIEW.format(id="0042", key="1a1"),  # PyYAML ends a line there
        "# a\x85# b\n" + _REVIEW.format(id="0042", key="1a1"),
        "# a\r# b\n" + _REVIEW.format(id="0042", key="1a1"),
        ("# a\n" + _REVIEW.format(id="0042", key="1a1")).replace("\n", "\r\n"),
        ("# a\n" + _REVIEW.format(id="0042", key="1a1")).replace("\n", "\r"),
    ],
    ids=["U+2028", "U+0085", "CR then LF", "CRLF", "CR"],
)
def test_the_number_is_found_on_the_line_pyyaml_counted(text: str) -> None:
    """Lines end where PyYAML ends them (CR, LF, CRLF, NEL, U+2028), so the number is read
    from the line the problem is placed on, not from a neighbour's."""
    (problem,) = _problems(text)
    assert problem.hint == 'write it in quotes: "0042"'
    assert problem.column == 14


def test_validate_prints_the_hint_with_the_zeros(tmp_path: Path) -> None:
    path = tmp_path / "review.yaml"
    path.write_text(_REVIEW.format(id="0012345", key="1a1"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.output.startswith(
        f"{path}:3:14: error: school.id: expected text, got the number 0012345 "
        '(write it in quotes: "0012345")\n'
    )


@given(
    zeros=st.integers(0, 4),
    number=st.integers(0, 10**12),
    sign=st.sampled_from(["", "+", "-"]),
    indent=st.integers(0, 3),
)
def test_any_integer_id_is_quoted_as_written(
    zeros: int, number: int, sign: str, indent: int
) -> None:
    written = f"{sign}{'0' * zeros}{number}"
    text = _REVIEW.format(id="X", key="1a1").replace(
        "school: {id: X, name: X}",
        f"school:\n{' ' * (indent + 1)}id: {written}\n{' ' * (indent + 1)}name: X",
    )
    (problem,) = _problems(text)
    assert problem.message == f"expected text, got the number {written}"
    assert problem.hint == f'write it in quotes: "{written}"'


@pytest.mark.parametrize(
    ("name", "written", "said"),
    [
        ("a.yaml", ".inf", ".inf"),
        ("a.yaml", "-.Inf", "-.Inf"),
        ("a.yaml", ".NaN", ".NaN"),
        ("a.yaml", ".INF", ".INF"),
        ("a.yaml", "1e999", "1e999"),
        ("a.yaml", "-1e999", "-1e999"),
        ("a.json", "Infinity", "Infinity"),
        ("a.json", "-Infinity", "-Infinity"),
        ("a.json", "NaN", "NaN"),
        ("a.json", "1e999", "1e999"),
        ("a.json", "-1e999", "-1e999"),
    ],
)
def test_a_number_that_is_not_finite_is_named_as_its_file_writes_one(
    name: str, written: str, said: str
) -> None:
    """Round 46: YAML's `.inf` and JSON's `NaN` were "the number inf", "the number nan", as
    Python writes them, in neither file's words. Until round 47 `-1e999`, `.INF` and `-.Inf`
    were still named `-.inf`, `.inf`, `-.inf`, while the hint beside such a value (quote it)
    and the path of such a key spell it as written: now the message does too."""
    if name == "a.json":
        text = (
            '{"kind": "assessment", "framework": "becta-srf", "school": {"id": "1", "name": '
            f'"X"}},\n "assessed_on": "2026-01-01", "judgements": {{"1a1": {written}}}}}'
        )
        place = (2, text.rindex(written) - text.index("\n"), "judgements.1a1")
    else:
        text = _REVIEW.format(id="S-1", key="1a1").replace("1a1: 3", f"1a1: {{level: {written}}}")
        place = (6, 16, "judgements.1a1.level")
    (problem,) = _problems(text, name)
    got = (
        "expected a level or a mapping with `level`"
        if name == "a.json"
        else "expected a whole number"
    )
    assert problem.message == f"{got}, got the number {said}"
    assert (problem.line, problem.column, problem.path) == place
    assert problem.hint is None


@pytest.mark.parametrize("written", ["-.Inf", "1e999", "-1e999"])
def test_a_key_that_is_not_finite_is_named_as_written(written: str) -> None:
    """As its path names it (before round 47: `judgements[-.Inf]`, "got the number -.inf")."""
    text = _REVIEW.format(id="S-1", key=written)
    (problem,) = _problems(text)
    assert problem.message == f"expected a text key (an id), got the number {written}"
    assert (problem.line, problem.column, problem.path) == (6, 3, f"judgements[{written}]")
    assert problem.hint is None


def test_a_number_not_found_where_read_is_named_as_the_syntax_writes_one() -> None:
    """An anchored value (`&x -1e999`) and its alias have no number at their own place
    (an anchor or a `*`): named as YAML writes such a number."""
    text = _REVIEW.format(id="S-1", key="1a1").replace(
        "1a1: 3", "1a1: {level: &x -1e999}\n  1a2: {level: *x}"
    )
    problems = _problems(text)
    assert [(p.path, p.message) for p in problems] == [
        ("judgements.1a1.level", "expected a whole number, got the number -.inf"),
        ("judgements.1a2.level", "expected a whole number, got the number -.inf"),
    ]


_QUESTIONS = Path(__file__).resolve().parents[1] / "examples/questions/technology-standards.yaml"


def _questions_with_value(written: str, *, as_json: bool = False) -> str:
    """The example framework with questions, its answer `partly` worth `written`."""
    text = _QUESTIONS.read_text(encoding="utf-8")
    text = text.replace('text: "In part", value: 0.25}', f'text: "In part", value: {written}}}')
    if as_json:
        data = yaml.safe_load(text)
        return json.dumps(data, default=str).replace('"value": 0.25', '"value": NaN')
    return text


@pytest.mark.parametrize(
    ("written", "said"),
    [
        (".nan", "expected a number of at least 0, got `.nan`, which is not a number"),
        (".NaN", "expected a number of at least 0, got `.NaN`, which is not a number"),
        (".NAN", "expected a number of at least 0, got `.NAN`, which is not a number"),
        (".inf", "expected a number of at most 1, got the number .inf"),
        ("1e999", "expected a number of at most 1, got the number 1e999"),
        ("0x2", "expected a number of at most 1, got the number 0x2"),
        ("-0.5", "expected a number of at least 0, got the number -0.5"),
    ],
)
def test_an_answer_value_out_of_bounds_is_named_as_written(written: str, said: str) -> None:
    """Round 48: `value: .nan` said "Input should be greater than or equal to 0", pydantic's
    words for a NaN, which is neither; `.inf` said "Input should be less than or equal to 1"."""
    text = _questions_with_value(written)
    (problem,) = _problems(text, "q.yaml")
    assert problem.message == said
    assert (problem.line, problem.column, problem.path) == (22, 44, "answer_sets.extent[1].value")
    assert problem.hint is None


def test_a_json_nan_answer_value_is_named_as_json_writes_it() -> None:
    text = _questions_with_value("0.25", as_json=True)
    (problem,) = _problems(text, "q.json")
    assert problem.message == "expected a number of at least 0, got `NaN`, which is not a number"
    assert problem.path == "answer_sets.extent[1].value"
    at = text.index("NaN")
    assert (problem.line, problem.column) == (text[:at].count("\n") + 1, at + 1)


def test_validate_names_a_nan_answer_value_and_checks_every_other_file(tmp_path: Path) -> None:
    (tmp_path / "q.yaml").write_text(_questions_with_value(".NaN"), encoding="utf-8")
    (tmp_path / "r.yaml").write_text(_REVIEW.format(id="0x0A", key="1a1"), encoding="utf-8")
    (tmp_path / "ok.yaml").write_text(_REVIEW.format(id="'1'", key="1a1"), encoding="utf-8")
    result = selfreview_here(["validate", "q.yaml", "r.yaml", "ok.yaml"], cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.decode() == "3 files checked: 1 valid, 2 invalid (2 errors)\n"
    assert result.stdout.decode().splitlines() == [
        "q.yaml:22:44: error: answer_sets.extent[1].value: expected a number of at least 0, "
        "got `.NaN`, which is not a number",
        "r.yaml:3:14: error: school.id: expected text, got the number 0x0A "
        '(write it in quotes: "0x0A")',
        "ok.yaml: ok: assessment of becta-srf for X (1) on 2026-01-01: 1 of 12 strands judged",
    ]


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("1", "the number 1"),
        ("yes", "the text `yes`"),
        ("'true'", "the text `true`"),
        ("[true]", "a list"),
    ],
)
def test_a_yes_or_no_of_the_wrong_type_is_told_in_the_files_words(written: str, said: str) -> None:
    """Before round 51: pydantic's own "Input should be a valid boolean", the one message
    of a wrong type not in the words every other one uses."""
    text = _REVIEW.format(id="S-1", key="1a1").replace(
        "1a1: 3", f"1a1: {{applicable: {written}, evidence: None here}}"
    )
    (problem,) = _problems(text)
    assert problem.message == f"expected `true` or `false`, got {said}"
    assert (problem.line, problem.path) == (6, "judgements.1a1.applicable")
