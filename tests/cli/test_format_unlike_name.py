"""`--format` wins over `-o`'s name, and where the name's extension names another format a
warning says so (round 81): `report --format json -o r.html` wrote JSON into `r.html` with
only "Wrote r.html (json).", and the browser that opened it showed text. The file is written
as before, the exit code is unchanged; a name that says the same format, or none it could
be mistaken for (`.txt` holds any text), gets no warning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SCHOOL = str(ROOT / "examples" / "example-primary-2026.yaml")
EARLIER = str(ROOT / "examples" / "example-primary-2025.yaml")
RESPONDENTS = str(ROOT / "examples" / "respondents")


def _warning(name: str, suffix: str, named: str, given: str) -> str:
    return (
        f"warning: -o {name}: its `{suffix}` names the {named} format, but --format {given} "
        f"wins: {given} is written\n"
    )


@pytest.mark.parametrize(
    ("args", "given", "name", "suffix", "named", "wrote"),
    [
        (["report", SCHOOL], "json", "r.html", ".html", "html", "Wrote {}.html (json).\n"),
        (["report", SCHOOL], "csv", "r.HTM", ".HTM", "html", "Wrote {}.HTM (csv).\n"),
        (["report", SCHOOL], "table", "r.jsonl", ".jsonl", "json", "Wrote {}.jsonl (table).\n"),
        (["report", SCHOOL], "markdown", "r.json", ".json", "json", "Wrote {}.json (markdown).\n"),
        (["report", SCHOOL, EARLIER], "json", "r.html", ".html", "html", None),
        (["voices", RESPONDENTS], "json", "v.html", ".html", "html", "Wrote {}.html (json).\n"),
        (["benchmark", SCHOOL], "csv", "b.json", ".json", "json", "Wrote {}.json (csv).\n"),
        (["support", SCHOOL], "html", "s.csv", ".csv", "csv", "Wrote {}.csv (html).\n"),
    ],
)
def test_a_name_naming_another_format_is_warned_of_and_written_as_asked(
    tmp_path: Path,
    args: list[str],
    given: str,
    name: str,
    suffix: str,
    named: str,
    wrote: str | None,
) -> None:
    output = tmp_path / name
    asked = CliRunner().invoke(cli, [*args, "--format", given, "-o", str(output)])
    assert asked.exit_code == 0, asked.output
    assert asked.stdout == ""
    warning = _warning(str(output), suffix, named, given)
    assert asked.stderr.startswith(warning)
    if wrote is not None:
        assert asked.stderr == warning + wrote.format(str(output)[: -len(suffix)])
    if args[0] in ("report", "voices"):  # the same bytes as to standard output
        plain = CliRunner().invoke(cli, [*args, "--format", given])
        assert (plain.exit_code, plain.stdout) == (0, output.read_text(encoding="utf-8"))
    if given == "json" and len(args) == 2:
        json.loads(output.read_text(encoding="utf-8"))
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


@pytest.mark.parametrize(
    ("args", "given", "name"),
    [
        (["report", SCHOOL], "summary", "r.html"),  # the governors' page is HTML
        (["report", SCHOOL], "html", "r.htm"),
        (["report", SCHOOL], "json", "r.jsonl"),
        (["report", SCHOOL], "markdown", "r.txt"),  # a .txt holds any text
        (["report", SCHOOL], "text", "r.txt"),
        (["report", SCHOOL], "json", "r.yaml"),  # names no format of report's
        (["voices", RESPONDENTS], "text", "v.txt"),
        (["voices", RESPONDENTS], "csv", "v.txt"),
        (["benchmark", SCHOOL], "json", "b.JSON"),
    ],
)
def test_a_name_that_says_the_same_or_nothing_else_gets_no_warning(
    tmp_path: Path, args: list[str], given: str, name: str
) -> None:
    output = tmp_path / name
    result = CliRunner().invoke(cli, [*args, "--format", given, "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr
    assert result.stderr.startswith(f"Wrote {output} (")
