"""Reading the responses (`voices.responses`): files that hold none, a refusal pointed at
the very line and column of a JSON Lines file, and what is read is frozen."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from selfreview_core import Engine, InvalidDocument
from selfreview_core.cli import cli
from selfreview_core.voices.responses import read_responses

ROOT = Path(__file__).resolve().parents[2]
GOVERNOR = str(ROOT / "examples" / "respondents" / "governor-1.yaml")


def response(school: str, *, school_first: bool) -> dict[str, Any]:
    """One teacher's answer for `school`; the school's id early in the line or late."""
    found: dict[str, Any] = {"judgements": {"1a1": 3}, "kind": "assessment"}
    if school_first:
        found = {"school": {"id": school, "name": "A School"}, **found}
    else:
        found["school"] = {"name": "A School with a longer name", "id": school}
    found.update(
        framework="becta-srf@2010", respondent={"group": "teachers"}, assessed_on="2026-09-21"
    )
    return found


def test_files_that_hold_no_response_are_refused_with_one_message(tmp_path: Path) -> None:
    empty = tmp_path / "none.jsonl"
    empty.write_text("\n\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["voices", str(empty)], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stderr == (
        "error: no responses found: the files hold no assessments\n"
        "the responses were refused (errors above); nothing was written\n"
    )
    assert result.stdout == ""
    with pytest.raises(InvalidDocument) as caught:
        read_responses([str(empty)], Engine(entry_points=False).framework_names())
    assert [d.code for d in caught.value.diagnostics] == ["empty"]


def test_another_schools_response_is_pointed_at_its_own_line_and_column(
    tmp_path: Path,
) -> None:
    """Line 3 of the file: its column found in line 3, not in another line of the file."""
    lines = [
        json.dumps(response("100000", school_first=True)),
        json.dumps(response("100000", school_first=True)),
        json.dumps(response("100001", school_first=False)),
    ]
    path = tmp_path / "answers.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["voices", str(path)], catch_exceptions=False)
    assert result.exit_code == 1
    column = lines[2].index('"100001"') + 1
    assert result.stderr.startswith(f"{path}:3:{column}: error: school.id: a response for ")
    assert result.stderr.count("error:") == 1


def test_what_read_responses_returns_is_frozen() -> None:
    read = read_responses([GOVERNOR], Engine(entry_points=False).framework_names())
    assert [source for source, _ in read.responses] == [GOVERNOR]
    assert read.own == ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        read.own = read.responses  # type: ignore[misc]


def test_another_schools_response_in_a_yaml_file_is_pointed_at_its_line_and_column(
    tmp_path: Path,
) -> None:
    other = tmp_path / "other.yaml"
    text = Path(GOVERNOR).read_text(encoding="utf-8").replace('id: "100000"', 'id: "100009"')
    other.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["voices", GOVERNOR, str(other)], catch_exceptions=False)
    assert result.exit_code == 1
    line = next(i for i, x in enumerate(text.splitlines(), 1) if "100009" in x)
    column = text.splitlines()[line - 1].index('"100009"') + 1
    assert result.stderr.startswith(f"{other}:{line}:{column}: error: school.id: a response ")


def test_a_line_over_the_limit_is_refused_where_it_is_and_the_other_lines_still_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import selfreview_core.voices.responses as module
    from selfreview_core.files.limits import Limits

    good = json.dumps(response("100000", school_first=True))
    monkeypatch.setattr(module, "DEFAULT_LIMITS", Limits(max_bytes=len(good) + 10))
    long = json.dumps({**response("100000", school_first=True), "assessor": "x" * 50})
    path = tmp_path / "answers.jsonl"
    path.write_text(f"{good}\n{long}\n{good[:-1]}\n", encoding="utf-8")
    with pytest.raises(InvalidDocument) as caught:
        read_responses([str(path)], Engine(entry_points=False).framework_names())
    found = [(d.file, d.line, d.code) for d in caught.value.diagnostics]
    assert found[0] == (str(path), 2, "too-large")
    assert f"over {len(good) + 10:,} bytes" in caught.value.diagnostics[0].message
    assert [line for _, line, _ in found[1:]] == [3]  # line 3 is cut short: still reported


def test_only_the_responses_to_another_framework_version_are_named(tmp_path: Path) -> None:
    framework = tmp_path / "becta-2011.yaml"
    text = (ROOT / "frameworks" / "becta-srf.yaml").read_text(encoding="utf-8")
    framework.write_text(text.replace('version: "2010"', 'version: "2011"', 1), encoding="utf-8")
    assert 'version: "2011"' in framework.read_text(encoding="utf-8")
    paths = []
    for name, version in (("a", "2010"), ("b", "2011"), ("c", "2010")):
        document = {**response("100000", school_first=True), "framework": f"becta-srf@{version}"}
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        paths.append(str(path))
    args = ["voices", *paths, "--framework", str(framework)]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 1
    [message, unwritten] = result.stderr.splitlines()
    assert unwritten == "the responses were refused (errors above); nothing was written"
    assert message.startswith(f"{paths[1]}:")
    assert "a response to becta-srf@2011, but the first one answers becta-srf@2010" in message


def test_a_diagnostic_at_a_line_the_file_no_longer_has_is_returned_as_it_was(
    tmp_path: Path,
) -> None:
    from selfreview_core import Diagnostic, SelfReviewError
    from selfreview_core.voices.responses import located

    path = tmp_path / "answers.jsonl"
    line = json.dumps(response("100000", school_first=True))
    path.write_text(line + "\n", encoding="utf-8")
    gone = Diagnostic("changed since", str(path), 7, path="school.id", code="x")
    there = Diagnostic("still there", str(path), 1, path="school.id", code="y")
    found = located(SelfReviewError([gone, there]))
    assert type(found) is SelfReviewError
    assert found.diagnostics[0] == gone
    assert (found.diagnostics[1].line, found.diagnostics[1].column) == (
        1,
        line.index('"100000"') + 1,
    )


def test_a_file_whose_name_ends_in_a_number_is_not_taken_for_a_line_of_another(
    tmp_path: Path,
) -> None:
    """`a.jsonl:2`, a YAML file of its own beside `a.jsonl`: a refusal of it names it and
    its own line, not line 2 of `a.jsonl` (which holds a sound response)."""
    lines = [json.dumps(response("100000", school_first=True)) for _ in range(3)]
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    text = Path(GOVERNOR).read_text(encoding="utf-8").replace('id: "100000"', 'id: "100009"')
    odd = tmp_path / "a.jsonl:2"
    odd.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["voices", GOVERNOR, str(tmp_path / "a.jsonl"), str(odd)], catch_exceptions=False
    )
    assert result.exit_code == 1
    line = next(i for i, x in enumerate(text.splitlines(), 1) if "100009" in x)
    column = text.splitlines()[line - 1].index('"100009"') + 1
    assert result.stderr.startswith(f"{odd}:{line}:{column}: error: school.id: a response ")
    assert result.stderr.count("error:") == 1
    assert result.stdout == ""
    read = read_responses([str(odd)], Engine(entry_points=False).framework_names())
    assert read.responses[0][0] == str(odd)  # still reads as the file's name


@pytest.mark.parametrize("command", ["voices", "combine", "report"])
def test_a_refusal_of_many_lines_reads_the_file_once_to_point_at_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """Each refused line of a JSON Lines file is pointed at its line and column, the file
    read once for all of them: round 59's attack gave `voices` an authority's file of
    20,000 responses of 500 schools, and it read the file again for each line refused
    (385 s, quadratic). Nothing is written."""
    from selfreview_core.files.json_lines import read_lines as counted
    from selfreview_core.voices import responses as module

    lines = [response(f"s{n}" if n % 2 == 0 else "s0", school_first=n % 3 == 0) for n in range(60)]
    file = tmp_path / "mixed.jsonl"
    file.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    own = tmp_path / "own.yaml"
    own.write_text(
        (ROOT / "examples" / "example-primary-2026.yaml")
        .read_text(encoding="utf-8")
        .replace('id: "100000"', 'id: "s0"'),
        encoding="utf-8",
    )
    before = file.read_bytes(), own.read_bytes()
    reads: list[str] = []

    def read_lines(name: str, limit: int | None = None) -> Any:
        reads.append(name)
        return counted(name, limit)

    monkeypatch.setattr(module, "read_lines", read_lines)
    output = tmp_path / "out.json"
    args = {
        "voices": ["voices", str(file), "-o", str(output)],
        "combine": ["combine", str(file), "-o", str(output)],
        "report": ["report", str(own), "--voices", str(file), "-o", str(output)],
    }[command]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 1
    refused = range(3, 61, 2)  # line 1 (s0, lines[0]) is the first school
    said = result.stderr.splitlines()
    if command != "report":  # voices and combine end so; report --voices as report does
        assert said.pop() == "the responses were refused (errors above); nothing was written"
    assert len(said) == len(refused)
    for number, line in zip(refused, said, strict=True):
        column = json.dumps(lines[number - 1]).index('"id"') + 7
        assert line.startswith(f"{file}:{number}:{column}: error: school.id: a response for ")
    assert reads == [str(file), str(file)]  # read, then pointed at: once each
    assert not output.exists()
    assert (file.read_bytes(), own.read_bytes()) == before


def test_a_diagnostic_of_a_file_gone_since_is_returned_as_it_was(tmp_path: Path) -> None:
    """A response file removed between its reading and its refusal (another program, a
    second command): the refusal names the file and key as they were, never a crash."""
    from selfreview_core import Diagnostic, SelfReviewError
    from selfreview_core.voices.responses import located

    gone = Diagnostic("refused", str(tmp_path / "gone.yaml"), None, path="school.id", code="x")
    gone_line = Diagnostic("refused", str(tmp_path / "gone.jsonl"), 3, path="school.id", code="y")
    found = located(SelfReviewError([gone, gone_line]))
    assert found.diagnostics == (gone, gone_line)


def test_a_line_over_the_cap_is_named_as_it_was_and_the_file_read_up_to_the_last_line_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A line the reader does not hold (over the size cap: no text) keeps its refusal as it
    was, the next line named is still pointed at its column, and the file is read no further
    than the last line named (a survey of a million lines refused at its second is not read
    to its end)."""
    from selfreview_core import Diagnostic, SelfReviewError
    from selfreview_core.voices import responses as module
    from selfreview_core.voices.responses import located

    line = json.dumps(response("100000", school_first=True)).encode()
    given: list[int] = []

    def read_lines(name: str, limit: int | None = None) -> Any:
        for number in range(1, 6):
            given.append(number)
            yield number, (None if number == 1 else line)

    monkeypatch.setattr(module, "read_lines", read_lines)
    name = str(tmp_path / "survey.jsonl")
    over = Diagnostic("too large", name, 1, path="school.id", code="too-large")
    second = Diagnostic("refused", name, 2, path="school.id", code="x")
    found = located(SelfReviewError([over, second]))
    assert found.diagnostics[0] == over
    assert (found.diagnostics[1].line, found.diagnostics[1].column) == (
        2,
        line.decode().index('"100000"') + 1,
    )
    assert given == [1, 2]
