"""`selfreview combine`'s command line: what it asks for, what it writes to standard output,
and what it says of one response (a mutation pass over `cli/combine.py`, round 44)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from selfreview_core.cli import cli

GOVERNOR = Path(__file__).resolve().parents[2] / "examples" / "respondents" / "governor-1.yaml"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_paths_and_the_output_are_both_required() -> None:
    no_paths = run("combine", "-o", "draft.yaml")
    assert no_paths.exit_code == 2
    assert "Missing argument 'PATH...'" in no_paths.stderr
    no_output = run("combine", str(GOVERNOR))
    assert no_output.exit_code == 2
    assert "Missing option '-o' / '--output'" in no_output.stderr


def test_a_folder_as_the_output_is_a_usage_error(tmp_path: Path) -> None:
    result = run("combine", str(GOVERNOR), "-o", str(tmp_path), "--min-group", "1")
    assert result.exit_code == 2
    assert "is a directory" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_one_response_drafted_to_standard_output(tmp_path: Path) -> None:
    """The draft is the whole of standard output, ending in one line break; "1 response",
    not "1 responses", in its header and on standard error."""
    result = run("combine", str(GOVERNOR), "-o", "-", "--min-group", "1")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# A draft of the school's review from 1 response, made ")
    assert result.stdout.endswith("\n")
    assert not result.stdout.endswith("\n\n")
    draft = yaml.safe_load(result.stdout)
    assert draft["judgements"]["1a1"]["level"] == 3
    assert result.stderr.startswith(
        "Wrote standard output: 12 of 12 strands drafted from 1 response.\n"
    )


def test_an_output_name_with_a_line_break_is_shown_escaped(tmp_path: Path) -> None:
    output = tmp_path / "draft\nok: forged.yaml"
    result = run("combine", str(GOVERNOR), "-o", str(output), "--min-group", "1")
    assert result.exit_code == 0, result.output
    assert output.is_file()
    shown = str(output).replace("\n", "\\n")
    assert f"Wrote {shown}: 12 of 12 strands drafted from 1 response.\n" in result.stderr
    assert "\nok: forged" not in result.stderr


# -- never over confirmed work (before round 49 `combine -o DRAFT` replaced a draft the
# leadership had confirmed with `assess --all`, and any other file, without a word) --------


def refusal(output: Path, why: str) -> str:
    return (
        f"{output}: error: the file exists {why}: it may hold judgements confirmed with "
        "`selfreview assess`, which replacing it would lose, so nothing was written (give "
        "another name with -o, or move the file away first to replace it)\n"
    )


NOT_A_DRAFT = "and is not a draft `selfreview combine` wrote that nobody changed since"


def draft(output: Path, *more: str) -> Result:
    return run("combine", str(GOVERNOR), "-o", str(output), "--min-group", "1", *more)


def assert_refused(output: Path, why: str = NOT_A_DRAFT, *more: str) -> None:
    """`combine -o OUTPUT` refuses, exit 1, saying `why`, and leaves OUTPUT as it was."""
    before = output.read_bytes()
    result = draft(output, *more)
    assert result.exit_code == 1
    assert result.stderr == refusal(output, why)
    assert result.stdout == ""
    assert output.read_bytes() == before


def test_a_draft_confirmed_with_assess_is_not_replaced(tmp_path: Path) -> None:
    output = tmp_path / "draft.yaml"
    assert draft(output).exit_code == 0
    confirmed = CliRunner().invoke(
        cli, ["assess", "becta-srf", "-o", str(output), "--all"], input="2\nAgreed at SLT\nq\n"
    )
    assert confirmed.exit_code == 0, confirmed.output  # stopped with q: the answer is saved
    assert b"Agreed at SLT" in output.read_bytes()
    assert_refused(output, NOT_A_DRAFT, "--date", "2027-01-01")
    assert [p.name for p in tmp_path.iterdir()] == ["draft.yaml"]  # no temporary file left


def test_an_unchanged_draft_is_replaced(tmp_path: Path) -> None:
    output = tmp_path / "draft.yaml"
    assert draft(output, "--date", "2026-10-01").exit_code == 0
    again = draft(output, "--date", "2027-01-01")
    assert again.exit_code == 0, again.output
    assert again.stderr.startswith(f"Wrote {output}: 12 of 12 strands drafted from 1 response.\n")
    text = output.read_text(encoding="utf-8")
    assert "assessed_on: 2027-01-01\n" in text
    assert text.count("\n# combine replaces this file only while it is unchanged: mark ") == 1
    assert draft(output).exit_code == 0  # the new draft carries its own mark


def test_a_draft_written_to_standard_output_carries_the_same_mark(tmp_path: Path) -> None:
    output = tmp_path / "draft.yaml"
    output.write_text(draft(Path("-")).stdout, encoding="utf-8")  # `> draft.yaml`
    assert draft(output).exit_code == 0


@pytest.mark.parametrize(
    "change",
    [
        lambda text: text.replace("level: 3", "level: 2", 1),  # a level changed by hand
        lambda text: text.replace("kind:", "# read by the governors\nkind:", 1),
        lambda text: re.sub(r"(mark \w{15})(\w)", lambda m: m[1] + "01"[m[2] == "0"], text),
        lambda text: text.replace("# combine replaces", "#combine replaces", 1),
        lambda text: text.replace("\n", "\r\n"),
        lambda text: text[: len(text) // 2],
    ],
)
def test_a_draft_changed_in_any_way_is_not_replaced(
    tmp_path: Path, change: Callable[[str], str]
) -> None:
    output = tmp_path / "draft.yaml"
    assert draft(output).exit_code == 0
    output.write_bytes(change(output.read_text(encoding="utf-8")).encode("utf-8"))
    assert_refused(output)


def test_any_other_file_is_not_replaced(tmp_path: Path) -> None:
    output = tmp_path / "review.yaml"
    review = (GOVERNOR.parents[1] / "example-primary-2025.yaml").read_bytes()
    output.write_bytes(review)
    assert_refused(output)


def test_an_existing_json_file_is_not_replaced_for_it_carries_no_mark(tmp_path: Path) -> None:
    output = tmp_path / "draft.json"
    first = draft(output)
    assert first.exit_code == 0, first.output
    assert output.read_text(encoding="utf-8").startswith("{")  # no comment, no mark
    assert_refused(
        output, "and a JSON file has no comment to carry the mark that shows a draft unchanged"
    )


def test_an_empty_file_or_a_device_is_written(tmp_path: Path) -> None:
    output = tmp_path / "draft.yaml"
    output.touch()  # `mktemp`'s: nothing to lose
    assert draft(output).exit_code == 0
    assert output.read_text(encoding="utf-8").startswith("# A draft of the school's review")
    assert draft(Path(os.devnull)).exit_code == 0


def test_a_link_to_a_confirmed_review_is_not_replaced(tmp_path: Path) -> None:
    review = tmp_path / "review.yaml"
    review.write_text("kind: assessment\n", encoding="utf-8")
    link = tmp_path / "draft.yaml"
    link.symlink_to(review)
    assert_refused(link)
    assert review.read_text(encoding="utf-8") == "kind: assessment\n"


def test_a_subject_with_a_line_break_keeps_the_drafts_header_comments(tmp_path: Path) -> None:
    """The framework's word for what is reviewed goes into the draft's first comment line:
    a line break in it is shown escaped, so the comment stays one line and the rest of the
    header is not read as YAML (round-65 pass)."""
    becta = Path(__file__).resolve().parents[2] / "frameworks" / "becta-srf.yaml"
    framework = yaml.safe_load(becta.read_text(encoding="utf-8"))
    framework["terms"] = {"subject": "set\nting"}
    given = tmp_path / "framework.yaml"
    given.write_text(yaml.safe_dump(framework), encoding="utf-8")
    result = run("combine", str(GOVERNOR), "--framework", str(given), "-o", "-", "--min-group", "1")
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert (
        first
        == "# A draft of the set\\nting's review from 1 response, made by `selfreview combine`."
    )
    assert yaml.safe_load(result.stdout)["judgements"]["1a1"]["level"] == 3
