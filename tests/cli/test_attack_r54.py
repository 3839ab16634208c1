"""Round 54's attacks on the surfaces rounds 52 and 53 added, each break pinned here where
no module's own tests hold it better.

A framework file or rule pack found in a folder given that is a file given already (named
among the paths or by `--framework`/`--rules`, or reached again through a link in the
folder) is that file, once: before round 54 every command said it was "given twice", and
`report --strict` stopped on that warning after 0 reports for the commonest layout there is,
a folder holding its framework, named with `--framework` too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cohort.test_year_counts import wide_document

from .test_folder_frameworks import COMMANDS, RULES, _folder, _run


@pytest.fixture(scope="module")
def v1() -> str:
    return (
        Path(__file__).resolve().parents[2] / "examples" / "migration" / "example-srf-1.yaml"
    ).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_framework_in_a_folder_given_already_is_given_once(
    tmp_path: Path, name: str, v1: str
) -> None:
    command = COMMANDS[name]
    folder = _folder(tmp_path, command, {"framework.yaml": v1}, "example-srf@1")
    plain = _run(command, folder)
    assert plain.exit_code == 0, plain.stderr
    (folder / "linked.yaml").symlink_to("framework.yaml")
    for extra in (
        (),
        ("--framework", str(folder / "framework.yaml")),
        ("--framework", str(folder / "linked.yaml")),
        ("--framework", f"{folder}/../{folder.name}/framework.yaml"),
    ):
        found = _run(command, folder, *extra)
        assert found.exit_code == 0, (extra, found.stderr)
        assert "given twice" not in found.stderr, (extra, found.stderr)
        assert "also provided" not in found.stderr, (extra, found.stderr)
        # combine's "Confirm it" line names the framework's file as given (round 59)
        assert _unconfirmed(found.output) == _unconfirmed(plain.output), extra


def test_report_strict_takes_a_folder_with_its_framework_and_rules_also_named(
    tmp_path: Path, v1: str
) -> None:
    """`report --strict` fails on a problem: a file named twice is none (it stopped after 0
    reports, exit 1, writing nothing)."""
    command = COMMANDS["report"]
    folder = _folder(
        tmp_path, command, {"framework.yaml": v1, "rules.yaml": RULES}, "example-srf@1"
    )
    plain = _run(command, folder, "--strict")
    assert plain.exit_code == 0, plain.stderr
    for extra in (
        ("--framework", str(folder / "framework.yaml")),
        ("--rules", str(folder / "rules.yaml")),
        (str(folder / "framework.yaml"),),
        ("--jobs", "2", "--rules", f"{folder}/./rules.yaml"),
    ):
        found = _run(command, folder, "--strict", *extra)
        assert found.exit_code == 0, (extra, found.stderr)
        assert "given twice" not in found.stderr
        assert found.output == plain.output
    # Two files of one framework (the same id and version, other words) are still two.
    (tmp_path / "copy.yaml").write_text(v1.replace("\ntitle: ", "\ntitle: Copy of ", 1), "utf-8")
    two = _run(command, folder, "--strict", "--framework", str(tmp_path / "copy.yaml"))
    assert two.exit_code == 1
    assert "framework example-srf@1 is given twice, in " in two.stderr
    assert two.output in (None, "")


@pytest.mark.parametrize("name", ["report", "support"])
def test_a_rule_pack_in_a_folder_reached_through_a_link_is_applied_once(
    tmp_path: Path, name: str, v1: str
) -> None:
    command = COMMANDS[name]
    folder = _folder(
        tmp_path, command, {"framework.yaml": v1, "rules.yaml": RULES}, "example-srf@1"
    )
    plain = _run(command, folder)
    (folder / "z-linked-rules.yaml").symlink_to("rules.yaml")
    found = _run(command, folder, "--rules", str(folder / "z-linked-rules.yaml"))
    assert found.exit_code == 0, found.stderr
    assert "given twice" not in found.stderr
    assert found.output == plain.output


def _wide(folder: Path, strands: int) -> None:
    """A framework of one aspect of `strands` strands, and one school judging every one."""
    framework = wide_document(strands)
    school = {
        "kind": "assessment",
        "framework": "wide@1",
        "school": {"id": "W-1", "name": "Wide School"},
        "assessed_on": "2025-01-01",
        "judgements": {f"s{n}": 1 + n % 4 for n in range(strands)},
    }
    folder.mkdir()
    (folder / "framework.json").write_text(json.dumps(framework), encoding="utf-8")
    (folder / "school.json").write_text(json.dumps(school), encoding="utf-8")


def test_the_dashboard_of_one_school_on_a_framework_of_seventy_strands_is_made(
    tmp_path: Path,
) -> None:
    from click.testing import CliRunner

    from selfreview_core.cli import cli

    folder = tmp_path / "given"
    _wide(folder, 70)
    out = tmp_path / "cohort.html"
    args = ["benchmark", str(folder), "--format", "html", "-o", str(out)]
    table = CliRunner().invoke(cli, [*args[:2], "--format", "json"], catch_exceptions=False)
    assert table.exit_code == 0, table.stderr  # the figures themselves are counted
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert "internal error" not in result.stderr
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_the_benchmark_csv_tells_a_strand_not_applicable_from_one_not_judged(
    tmp_path: Path,
) -> None:
    from click.testing import CliRunner

    from selfreview_core.cli import cli

    questions = Path(__file__).resolve().parents[2] / "examples" / "questions"
    setting = (questions / "example-setting.yaml").read_text(encoding="utf-8")
    na_line = "  C-N-3: {applicable: false, evidence: The setting is a single building}\n"
    assert na_line in setting
    folder = tmp_path / "given"
    folder.mkdir()
    (folder / "a.yaml").write_text(setting, encoding="utf-8")  # C-N-3 not applicable
    other = setting.replace("SET-001", "SET-002").replace(na_line, "")  # C-N-3 not judged
    (folder / "b.yaml").write_text(other, encoding="utf-8")
    args = ["benchmark", str(folder), "--framework", str(questions / "technology-standards.yaml")]
    result = CliRunner().invoke(cli, [*args, "--format", "csv"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    rows = {
        line.split(",")[0].lstrip("\ufeff"): line
        for line in result.stdout.splitlines()
        if ",strand,C-N-3," in line
    }
    assert set(rows) == {"SET-001", "SET-002"}
    assert rows["SET-001"].replace("SET-001", "") != rows["SET-002"].replace("SET-002", "")
    header = result.stdout.splitlines()[0].split(",")
    assert header[-2:] == ["has_evidence", "applicable"]
    # Both levels empty; the last column tells them apart.
    assert rows["SET-001"].split(",")[7] == rows["SET-002"].split(",")[7] == ""
    assert rows["SET-001"].endswith(",no")
    assert rows["SET-002"].endswith(",yes")
    # Without any strand not applicable, the columns are as before (no `applicable`).
    (folder / "a.yaml").unlink()
    plain = CliRunner().invoke(cli, [*args, "--format", "csv"], catch_exceptions=False)
    assert plain.exit_code == 0, plain.stderr
    assert plain.stdout.splitlines()[0].split(",")[-1] == "has_evidence"


def test_an_anonymised_csv_withholds_a_small_group_not_applicable_in_its_own_column(
    tmp_path: Path,
) -> None:
    """Anonymised, one school of six not applicable on a strand is a group under
    `--min-group 5`: its cell is withheld in `applicable` as in `level`, never `no`."""
    from click.testing import CliRunner

    from selfreview_core.cli import cli

    questions = Path(__file__).resolve().parents[2] / "examples" / "questions"
    setting = (questions / "example-setting.yaml").read_text(encoding="utf-8")
    na_line = "  C-N-3: {applicable: false, evidence: The setting is a single building}\n"
    folder = tmp_path / "given"
    folder.mkdir()
    (folder / "a.yaml").write_text(setting, encoding="utf-8")
    for n in range(2, 7):
        judged = setting.replace("SET-001", f"SET-00{n}").replace(na_line, "  C-N-3: 2\n")
        (folder / f"s{n}.yaml").write_text(judged, encoding="utf-8")
    args = ["benchmark", str(folder), "--framework", str(questions / "technology-standards.yaml")]
    result = CliRunner().invoke(
        cli, [*args, "--format", "csv", "--anonymise"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split(",")[-1] == "applicable"
    cells = [line.rsplit(",", 1)[1] for line in lines[1:] if ",strand,C-N-3," in line]
    # The lone school not applicable is hidden, and with it the one figure that would tell
    # it from the others (the cohort withholds the strand's cells whole): none says `no`.
    assert cells == ["[c]"] * 6
    assert "SET-00" not in result.stdout


def test_a_suggested_id_that_holds_a_control_character_says_so(tmp_path: Path) -> None:
    """A school id holding ESC is shown escaped, `sch\\x1b1`; a user who types what they
    see (backslash, x, 1, b) is told the id meant and that it holds the character itself,
    not a suggestion that reads exactly as what they typed. Exit 2, nothing on stdout."""
    from click.testing import CliRunner

    from selfreview_core.cli import cli

    examples = Path(__file__).resolve().parents[2] / "examples"
    school = (examples / "example-primary-2026.yaml").read_text(encoding="utf-8")
    assert '  id: "100000"\n' in school
    folder = tmp_path / "given"
    folder.mkdir()
    (folder / "a.yaml").write_text(school.replace('"100000"', '"sch\\e1"'), encoding="utf-8")
    found = CliRunner().invoke(cli, ["benchmark", str(folder), "--school", "sch\\x1b1"])
    assert found.exit_code == 2
    assert found.stdout == ""
    assert (
        "no school `sch\\x1b1` in the cohort (did you mean `sch\\x1b1`? It holds U+001B "
        "(a control character), shown escaped)"
    ) in found.stderr
    assert "\x1b" not in found.stderr


def test_a_suggestion_names_the_characters_a_message_shows_escaped() -> None:
    """Only those `escaping.shown_name` escapes (a control, an invisible format character)
    and the word typed does not hold; a suggestion of plain text names none."""
    from selfreview_core.model.base import did_you_mean

    assert did_you_mean("1a9", ["1a1", "2b2"]) == "did you mean `1a1`?"
    # Typed with the character itself: the hint reads as it always did.
    assert did_you_mean("1a9\u200b", ["1a3\u200b"]) == "did you mean `1a3\u200b`?"
    assert did_you_mean("school-1\\u200b", ["school-1\u200b"]) == (
        "did you mean `school-1\u200b`? It holds U+200B ZERO WIDTH SPACE, shown escaped"
    )
    assert did_you_mean("school-1\\x1b", ["school-1\x1b", "school-2"]) == (
        "did you mean `school-1\x1b`? It holds U+001B (a control character), shown escaped"
    )
    # A title's characters that a name alone escapes are not the point here: an accent
    # or a non-breaking space is shown as it is, so it is not named.
    assert did_you_mean("ecole-1", ["\u00e9cole-1"]) == "did you mean `\u00e9cole-1`?"
    assert did_you_mean("school 1", ["school\u00a01"]) == "did you mean `school\u00a01`?"


def _unconfirmed(output: object) -> object:
    """`output` but the lines naming the framework's file as given (combine's draft)."""
    if not isinstance(output, str):
        return output
    confirm = ("Confirm it: ", "# Confirm each level", "# combine replaces this file")
    return [line for line in output.splitlines() if not line.startswith(confirm)]
