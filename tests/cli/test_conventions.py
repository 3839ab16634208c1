"""The command line's conventions (`cli/_terminal.py`): colour, progress, standard input
and output, `validate --quiet`, one name for the table, options given once, frameworks
among the files on the command line (SPEC section 5)."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from program import selfreview_here
from selfreview_core.cli import COMMANDS, cli
from selfreview_core.files.stdin import is_stdin

NEW = "examples/example-primary-2026.yaml"
OLD = "examples/example-primary-2025.yaml"
AWARDS = "examples/awards/illustrative-award-framework.yaml"
AWARDS_SCHOOL = "examples/awards/example-school.yaml"
BAD = "tests/data/bad/unknown-key.yaml"
ESC = "\x1b["


@pytest.fixture(autouse=True)
def _in_repo(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)
    monkeypatch.delenv("NO_COLOR", raising=False)


def run(*args: str, input: str | None = None, color: bool = False, **env: str) -> Result:
    return CliRunner(env=env or None).invoke(
        cli, list(args), input=input, color=color, catch_exceptions=False
    )


# -- colour ------------------------------------------------------------------------------


def test_errors_are_coloured_at_a_terminal_by_default() -> None:
    result = run("validate", BAD, color=True)
    assert result.exit_code == 1
    assert ESC in result.output


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--no-color", "validate", BAD], {}),
        (["validate", "--no-color", BAD], {}),
        (["validate", BAD], {"NO_COLOR": "1"}),
        (["validate", BAD], {"NO_COLOR": "anything"}),
    ],
)
def test_no_color_and_dash_dash_no_color_take_every_colour_away(
    args: list[str], env: dict[str, str]
) -> None:
    result = run(*args, color=True, **env)
    assert result.exit_code == 1
    assert ESC not in result.output
    assert "error: " in result.output  # the same words, only plain


def test_an_empty_no_color_is_not_set() -> None:
    """no-color.org: set to a non-empty string."""
    assert ESC in run("validate", BAD, color=True, NO_COLOR="").output


def test_every_command_takes_no_color() -> None:
    from selfreview_core.cli import COMMANDS

    for name in COMMANDS:
        assert "--no-color" in run(name, "--help").output, name


# -- standard input and output -----------------------------------------------------------


def test_dash_reads_standard_input_as_the_file_would_be_read(root: Path) -> None:
    text = (root / NEW).read_text(encoding="utf-8")
    piped = run("report", "-", "--format", "json", input=text)
    named = run("report", NEW, "--format", "json")
    assert piped.exit_code == 0, piped.output
    assert json.loads(piped.stdout) == json.loads(named.stdout)
    assert not is_stdin("<stdin>")  # released when the command ends


@pytest.mark.parametrize("command", ["validate", "report", "awards"])
def test_a_bad_document_on_standard_input_is_named_stdin_with_its_line(
    command: str, root: Path
) -> None:
    text = (root / "tests/data/bad/yaml-syntax.yaml").read_text(encoding="utf-8")
    result = run(command, "-", input=text)
    assert result.exit_code == 1
    assert "<stdin>:" in result.stderr if command != "validate" else "<stdin>:" in result.output
    assert "Traceback" not in result.output


def _cohort_lines(root: Path) -> str:
    """The example cohort as JSON Lines, one assessment a line."""
    import yaml

    files = sorted((root / "examples/cohort").glob("*.yaml"))
    return "".join(
        json.dumps(yaml.safe_load(f.read_text(encoding="utf-8")), default=str) + "\n" for f in files
    )


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_benchmark_reads_one_assessment_from_standard_input(root: Path, jobs: str) -> None:
    text = (root / "examples/cohort/primary-3-2025.yaml").read_text(encoding="utf-8")
    piped = run("benchmark", "-", "--format", "json", "--jobs", jobs, input=text)
    named = run("benchmark", "examples/cohort/primary-3-2025.yaml", "--format", "json")
    assert piped.exit_code == 0, piped.output
    assert json.loads(piped.stdout)["size"] == 1
    assert json.loads(piped.stdout)["strands"] == json.loads(named.stdout)["strands"]
    assert not is_stdin("<stdin>")


@pytest.mark.parametrize("command", ["benchmark", "support"])
def test_a_cohort_command_reads_json_lines_from_standard_input(root: Path, command: str) -> None:
    piped = run(command, "-", "--format", "json", input=_cohort_lines(root))
    named = run(command, "examples/cohort", "--format", "json")
    assert piped.exit_code == named.exit_code == 0, piped.output
    assert json.loads(piped.stdout) == json.loads(named.stdout)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_report_reads_json_lines_from_standard_input_as_from_a_file(
    root: Path, tmp_path: Path, jobs: str
) -> None:
    """`report -` of JSON Lines reports on each line, as on the same lines in a `.jsonl`
    file: the same bytes, whatever --jobs (it was one document: "Extra data")."""
    lines = _cohort_lines(root)
    named = tmp_path / "cohort.jsonl"
    named.write_text(lines, encoding="utf-8")
    piped = run("report", "-", "--format", "json", "--jobs", jobs, input=lines)
    from_file = run("report", str(named), "--format", "json")
    assert piped.exit_code == from_file.exit_code == 0, piped.output
    assert len(piped.stdout.splitlines()) == len(lines.splitlines()) > 1
    assert piped.stdout == from_file.stdout
    assert not is_stdin("<stdin>")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bad_line_on_standard_input_is_named_stdin_with_its_line(root: Path, jobs: str) -> None:
    good = _cohort_lines(root).splitlines(keepends=True)
    text = "".join([good[0], '{"kind": "assessment"}\n', "\n", *good[1:3]])
    result = run("report", "-", "--format", "json", "--jobs", jobs, input=text)
    assert result.exit_code == 1
    assert "<stdin>:2:1: error: missing required key `framework`" in result.stderr
    assert "3 reports written; 1 assessment skipped" in result.stderr
    schools = [
        json.loads(line)["assessment"]["school"]["id"] for line in result.stdout.splitlines()
    ]
    assert schools == [json.loads(line)["school"]["id"] for line in [good[0], *good[1:3]]]


def test_validate_checks_json_lines_on_standard_input_line_by_line(
    root: Path, tmp_path: Path
) -> None:
    """As a `.jsonl` file's: each line's result, at its line (it was one document)."""
    good = _cohort_lines(root).splitlines(keepends=True)
    text = "".join([good[0], '{"kind": "assessment"}\n', *good[1:3]])
    named = tmp_path / "lines.jsonl"
    named.write_text(text, encoding="utf-8")
    piped = run("validate", "-", input=text)
    from_file = run("validate", str(named))
    assert piped.exit_code == from_file.exit_code == 1
    assert "<stdin>:2:1: error: missing required key `framework`" in piped.output
    assert "4 documents checked: 3 valid, 1 invalid" in piped.output
    assert piped.output == from_file.output.replace(str(named), "<stdin>")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_lone_carriage_return_in_a_line_on_standard_input_splits_nothing(
    root: Path, tmp_path: Path, jobs: str
) -> None:
    """A `\\r` alone is white space within a line's JSON, and only `\\n` ends a line, on
    standard input as in a `.jsonl` file: before, `-` split the line there, refused both
    halves and numbered every line after it one too many."""
    good = _cohort_lines(root).splitlines(keepends=True)
    text = "".join([good[0], good[1].replace(', "', ',\r"'), '{"kind": "assessment"}\n', good[2]])
    named = tmp_path / "lines.jsonl"
    named.write_text(text, encoding="utf-8", newline="")
    piped = run("validate", "-", input=text)
    from_file = run("validate", str(named))
    assert piped.exit_code == from_file.exit_code == 1
    assert "<stdin>:3:1: error: missing required key `framework`" in piped.output
    assert "4 documents checked: 3 valid, 1 invalid (4 errors)" in piped.output
    assert piped.output == from_file.output.replace(str(named), "<stdin>")
    reported = run("report", "-", "--format", "json", "--jobs", jobs, input=text)
    assert reported.exit_code == 1
    assert "<stdin>:3:1: error: missing required key `framework`" in reported.stderr
    assert "3 reports written; 1 assessment skipped" in reported.stderr
    schools = [
        json.loads(line)["assessment"]["school"]["id"] for line in reported.stdout.splitlines()
    ]
    assert schools == [json.loads(line)["school"]["id"] for line in good[:3]]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_report_passes_over_a_line_of_a_byte_order_mark_alone(
    root: Path, tmp_path: Path, jobs: str
) -> None:
    """A `.jsonl` file saved "UTF-8 with BOM" with an empty first line: before, `report`
    refused that line ("the file is empty"), skipped a review that was never there and
    exited 1."""
    good = _cohort_lines(root).splitlines(keepends=True)
    named = tmp_path / "lines.jsonl"
    mark = b"\xef\xbb\xbf\n"
    named.write_bytes(mark + good[0].encode("utf-8") + mark + good[1].encode("utf-8"))
    result = run("report", str(named), "--format", "json", "--jobs", jobs)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == ["2 reports written"]
    schools = [
        json.loads(line)["assessment"]["school"]["id"] for line in result.stdout.splitlines()
    ]
    assert schools == [json.loads(line)["school"]["id"] for line in good[:2]]


def test_one_json_line_on_standard_input_is_still_one_document(root: Path) -> None:
    """A compact JSON assessment (one line) on standard input gives the one report of a
    file, as it always did: not a stream of one line."""
    text = json.dumps(yaml_data(root / NEW), default=str)
    piped = run("report", "-", "--format", "json", input=text + "\n")
    named = run("report", NEW, "--format", "json")
    assert piped.exit_code == named.exit_code == 0, piped.output
    assert piped.stdout == named.stdout
    assert piped.stdout.startswith("{\n")  # indented: the one-report form


def yaml_data(path: Path) -> object:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_collect_reads_standard_input(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "cohort.parquet"
    result = run("collect", "-", "-o", str(out), input=_cohort_lines(root))
    assert result.exit_code == 0, result.output
    assert "Collected 11 reviews" in result.stderr
    again = run("benchmark", str(out), "--format", "json")
    assert json.loads(again.stdout)["size"] == 10  # a school reviewed twice: its latest


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("kind: assessment\nframework: becta-srf\n  bad: [\n", "<stdin>:3:6: error: invalid YAML"),
        (None, "<stdin>:4:60: error: school: expected a mapping"),
    ],
)
def test_a_bad_review_on_standard_input_is_named_stdin_with_its_line(
    root: Path, text: str | None, where: str
) -> None:
    if text is None:  # JSON Lines with a bad fourth line: the others are counted
        lines = _cohort_lines(root).splitlines(keepends=True)
        lines[3] = '{"kind": "assessment", "framework": "becta-srf", "school": 3}\n'
        text = "".join(lines)
    result = run("benchmark", "-", input=text)
    assert result.exit_code == 1
    assert where in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", ["benchmark", "collect", "support"])
def test_a_cohort_command_reads_standard_input_once(command: str, tmp_path: Path) -> None:
    extra = ["-o", str(tmp_path / "c.parquet")] if command == "collect" else []
    result = run(command, "-", "-", *extra, input="kind: assessment\n")
    assert result.exit_code == 2
    assert "can be read only once" in result.stderr


def test_validate_reads_standard_input_among_files(root: Path) -> None:
    text = (root / NEW).read_text(encoding="utf-8")
    result = run("validate", OLD, "-", input=text)
    assert result.exit_code == 0, result.output
    assert "<stdin>: ok: assessment" in result.output
    assert f"{OLD}: ok" in result.output


def test_standard_input_given_twice_is_a_usage_error(root: Path) -> None:
    result = run("validate", "-", "-", input="kind: framework\n")
    assert result.exit_code == 2
    assert "can be read only once" in result.stderr


def test_a_file_named_stdin_is_a_file_to_the_library(tmp_path: Path) -> None:
    """Only the command line's `-` is standard input."""
    from selfreview_core.files.source import read_bytes

    (tmp_path / "<stdin>").write_bytes(b"kind: x\n")
    assert read_bytes(str(tmp_path / "<stdin>")) == b"kind: x\n"
    assert not is_stdin("<stdin>")


@pytest.mark.parametrize("command", [["report", NEW], ["migrate", OLD, "--to", "becta-srf"]])
def test_dash_o_dash_writes_standard_output_and_no_file_named_dash(
    command: list[str], tmp_path: Path, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = [str(root / a) if a.endswith(".yaml") else a for a in command]
    monkeypatch.chdir(tmp_path)
    result = run(*args, "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()
    assert list(tmp_path.iterdir()) == []


# -- validate --quiet ----------------------------------------------------------------------


def test_validate_quiet_says_nothing_of_valid_files() -> None:
    loud = run("validate", NEW, OLD)
    quiet = run("validate", "--quiet", NEW, OLD)
    assert loud.exit_code == quiet.exit_code == 0
    assert "ok" in loud.output
    assert quiet.output == ""


def test_validate_quiet_shows_the_problems_only_with_the_same_exit_code() -> None:
    loud = run("validate", NEW, BAD)
    quiet = run("validate", "-q", NEW, BAD)
    assert loud.exit_code == quiet.exit_code == 1
    problems = [line for line in loud.output.splitlines() if ": error: " in line]
    assert problems
    assert quiet.output.splitlines() == problems


def test_validate_quiet_json_lists_only_the_files_with_problems() -> None:
    result = run("validate", "-q", "--format", "json", NEW, BAD)
    assert result.exit_code == 1
    files = json.loads(result.stdout)["files"]
    assert [f["file"] for f in files] == [BAD]


# -- one name for the table ----------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["validate", NEW],
        ["show", "becta-srf", "1a"],
        ["awards", AWARDS_SCHOOL, "--framework", AWARDS],
        ["frameworks"],
        ["report", NEW],
        ["benchmark", "examples/cohort"],
    ],
)
def test_format_table_everywhere_and_text_still_works(args: list[str]) -> None:
    table = run(*args, "--format", "table")
    text = run(*args, "--format", "text")
    assert table.exit_code == text.exit_code
    assert table.exit_code in (0, 1), table.output
    assert table.stdout == text.stdout
    assert "text" not in run(args[0], "--help").output.split("--format", 1)[1].split("\n")[0]


# -- an option that takes one value, given twice --------------------------------------------


def _one_valued() -> list[tuple[str, str]]:
    """Every command's every option that takes one value, by its long name."""
    return [
        (name, max(param.opts, key=len))
        for name in COMMANDS
        for param in cli.commands[name].params
        if isinstance(param, click.Option)
        and not (param.multiple or param.is_flag or param.count or param.nargs != 1)
    ]


@pytest.mark.parametrize(("command", "option"), _one_valued())
def test_every_option_of_one_value_given_two_values_is_a_usage_error(
    command: str, option: str, tmp_path: Path
) -> None:
    """click kept the last value in silence (`-o a.json -o b.json` wrote b.json only); now
    exit 2 naming the option and both values, and nothing read or written."""
    one, two = tmp_path / "one", tmp_path / "two"
    result = run(command, option, str(one), option, str(two))
    assert result.exit_code == 2, result.output
    said = f"Error: {option} given more than once, as `{one}` and `{two}`: it takes one value"
    assert said in result.stderr
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_the_options_of_one_value_are_found() -> None:
    found = set(_one_valued())
    assert {("report", "--output"), ("plan", "--due"), ("benchmark", "--jobs")} <= found
    assert not {("report", "--rules"), ("report", "--strict")} & found
    assert len(found) > 40


@pytest.mark.parametrize(
    ("args", "option", "values"),
    [
        (["report", NEW, "--format", "json", "--format", "table"], "--format", "json` and `table"),
        (["report", NEW, "-o", "a.json", "--output", "b.json"], "--output", "a.json` and `b.json"),
        (
            ["report", NEW, "--previous", OLD, "--previous=" + NEW],
            "--previous",
            f"{OLD}` and `{NEW}",
        ),
        (
            ["migrate", OLD, "--to", "becta-srf", "--to", "becta-srf@1"],
            "--to",
            "becta-srf` and `becta-srf@1",
        ),
        (["assess", "becta-srf", "-oa.yaml", "-o", "b.yaml"], "--output", "a.yaml` and `b.yaml"),
        (["report", NEW, "--jobs", "1", "--jobs=2", "--jobs", "3"], "--jobs", "1`, `2` and `3"),
        (["report", NEW, "-o", "a\x1b[31m", "-o", "b"], "--output", "a\\x1b[31m` and `b"),
        (["report", NEW, "-o", "a\nb", "-o", "c"], "--output", "a\\nb` and `c"),
    ],
)
def test_an_option_of_one_value_given_twice_names_each_value_shown_escaped(
    args: list[str], option: str, values: str
) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert f"{option} given more than once, as `{values}`: it takes one value" in result.stderr
    assert "\x1b" not in result.stderr


def test_an_option_given_twice_with_the_same_value_is_that_value(tmp_path: Path) -> None:
    """A shell alias's `--format json` and the same typed after it agree: nothing is lost,
    so it is not refused; the report is the one the option given once writes."""
    twice, once = tmp_path / "twice.json", tmp_path / "once.json"
    same = run(
        "report", NEW, "--format", "json", "-o", str(twice), "--format=json", "-o", str(twice)
    )
    assert same.exit_code == 0, same.output
    assert run("report", NEW, "--format", "json", "-o", str(once)).exit_code == 0
    assert twice.read_bytes() == once.read_bytes()
    assert json.loads(twice.read_text(encoding="utf-8"))["assessment"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["once.json", "twice.json"]


def test_repeatable_options_and_flags_given_twice_are_not_refused(tmp_path: Path) -> None:
    """`--rules A --rules B` means both; `--strict --strict` is `--strict`."""
    rules = []
    for name in ("a", "b"):
        rules.append(tmp_path / f"{name}.yaml")
        text = f"kind: rules\nid: pack-{name}\nframework: becta-srf\nrules: []\n"
        rules[-1].write_text(text, encoding="utf-8")
    both = run(
        "report", NEW, "--rules", str(rules[0]), "--rules", str(rules[1]), "--strict", "--strict"
    )
    assert both.exit_code == 0, both.output
    assert "given more than once" not in both.stderr
    flags = run("validate", "--quiet", NEW, "--quiet", "--strict", "--strict")
    assert (flags.exit_code, flags.output) == (0, "")


# -- a framework among the files on the command line (SPEC section 5) ------------------------


def test_report_uses_a_framework_file_given_among_the_assessments() -> None:
    result = run("report", AWARDS, AWARDS_SCHOOL, "--format", "json")
    assert result.exit_code == 0, result.output
    assert "expected an assessment" not in result.output
    data = json.loads(result.stdout)
    assert data["assessment"]["school"]["id"] == "EX-1"
    without = run("report", AWARDS_SCHOOL)
    assert without.exit_code == 1
    assert "example-awards" in without.stderr


def test_report_of_a_framework_alone_asks_for_an_assessment() -> None:
    result = run("report", AWARDS)
    assert result.exit_code == 2
    assert "give an ASSESSMENT" in result.stderr


def test_report_of_a_bad_framework_alone_is_refused_located(root: Path) -> None:
    bad = "tests/data/bad/duplicate-id.yaml"
    result = run("report", bad)
    assert result.exit_code == 1
    assert f"{bad}:" in result.stderr


def test_benchmark_uses_a_framework_file_given_among_the_paths(tmp_path: Path) -> None:
    result = run("benchmark", AWARDS, AWARDS_SCHOOL, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["size"] == 1


def test_benchmark_framework_takes_files_as_every_command_does() -> None:
    result = run("benchmark", AWARDS_SCHOOL, "--framework", AWARDS, "--format", "json")
    assert result.exit_code == 0, result.output
    assert "deprecated" not in result.stderr


def test_benchmark_framework_id_still_works_with_a_warning() -> None:
    old = run("benchmark", "examples/cohort", "--framework", "becta-srf")
    new = run("benchmark", "examples/cohort", "--to", "becta-srf")
    assert old.exit_code == new.exit_code == 0, old.output
    assert old.stdout == new.stdout
    assert "--framework ID is deprecated for benchmark: use --to becta-srf" in old.stderr
    assert "deprecated" not in new.stderr


def test_benchmark_framework_id_with_to_is_refused() -> None:
    result = run("benchmark", "examples/cohort", "--framework", "becta-srf", "--to", "becta-srf")
    assert result.exit_code == 2
    assert "--to ID" in result.stderr


# -- tables fit the terminal, not a pipe --------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["frameworks"],
        ["report", NEW, "--previous", OLD],
        ["awards", AWARDS_SCHOOL, "--framework", AWARDS],
        ["plan", "--status", "examples/plan/example-primary-plan.yaml", "--review", NEW],
        ["plan", "--status", "examples/plan/example-primary-plan.yaml"],
        ["show", "becta-srf"],
        ["benchmark", "examples/cohort"],
        ["benchmark", "examples/cohort", "--school", "900003"],
        ["benchmark", "examples/cohort", "--anonymise", "--min-group", "2"],
        ["support", "examples/cohort"],
    ],
)
def test_tables_and_headings_fit_80_columns(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = run(*args)
    assert result.exit_code == 0, result.output
    wide = [line for line in result.stdout.splitlines() if len(line) > 80]
    assert wide == []


def test_the_voices_view_fits_its_words_and_its_groups_to_the_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Five groups' columns cannot all fit 80 (each keeps its name and its figures whole):
    every line is fitted to 80, the groups of each strand laid in a block, where a pipe keeps
    the table, one row a line (tests/voices/test_views_width.py shows what each holds)."""
    piped = run("voices", "examples/respondents", "--min-group", "1")
    monkeypatch.setenv("COLUMNS", "80")
    fitted = run("voices", "examples/respondents", "--min-group", "1")
    assert piped.exit_code == fitted.exit_code == 0, fitted.output
    lines = fitted.stdout.splitlines()
    assert [line for line in lines if len(line) > 80] == []
    assert "1b1  Strategic leadership of ICT across the whole school" in lines
    assert max(len(line) for line in piped.stdout.splitlines()) > 200
    assert "support-staff" in piped.stdout
    assert "support-\n" not in piped.stdout


def test_a_table_to_a_pipe_keeps_each_row_on_one_line() -> None:
    result = run("plan", "--status", "examples/plan/example-primary-plan.yaml", "--review", NEW)
    rows = [line for line in result.stdout.splitlines() if line.startswith("involve-slt")]
    assert len(rows) == 1
    assert "2026-09-01 (overdue)" in rows[0]


def test_fitted_table_shares_the_room_and_keeps_words_whole() -> None:
    from selfreview_core.display import fitted_table

    rows = [["an-id-that-is-long", "a title of many words " * 3, "2026-09-01 (overdue)"]]
    table = fitted_table(rows, ["id", "title", "due"], flexible=[1, 2], width=60)
    assert max(len(line) for line in table.splitlines()) <= 60
    assert "2026-09-01" in table  # its longest word kept whole
    assert "an-id-that-is-long" in table  # not a last resort: not wrapped
    narrow = fitted_table(rows, ["id", "title", "due"], flexible=[1, 2], width=30, last_resort=[0])
    assert "an-id-that-is-long" not in narrow
    assert fitted_table(rows, ["id", "title", "due"], flexible=[1], width=None).count("\n") == 2


# -- show: awards, and ids that differ only in case ------------------------------------------


def test_show_lists_a_frameworks_awards() -> None:
    result = run("show", AWARDS)
    assert result.exit_code == 0, result.output
    assert "Awards (1; `selfreview awards REVIEW` checks one):" in result.stdout
    assert "Illustrative mark (made up, not a real award) (illustrative-mark): requires" in (
        " ".join(result.stdout.split())
    )
    assert "Awards" not in run("show", "becta-srf").stdout  # declares none: no heading


@pytest.mark.parametrize(
    ("args", "suggested"),
    [
        (["show", "becta-srf", "1B"], "did you mean `1b`?"),
        (["show", "becta-srf", "1C4"], "did you mean `1c4`?"),
        (["show", "BECTA-SRF"], "did you mean `becta-srf`?"),
        (["report", NEW, "--format", "JSON"], "did you mean `json`?"),
    ],
)
def test_an_id_that_differs_only_in_case_gets_a_suggestion(args: list[str], suggested: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert suggested in result.stderr


# -- shell completion (click's), as docs/command-line.md says -------------------------------


def _complete(env: dict[str, str]) -> str:
    """What click's shell completion of `selfreview` prints, given its variables."""
    done = selfreview_here([], env=env)
    assert (done.returncode, done.stderr) == (0, b"")
    return done.stdout.decode()


@pytest.mark.parametrize(
    ("shell", "words"),
    [("bash", "complete -o nosort -F"), ("zsh", "compdef"), ("fish", "complete --no-files")],
)
def test_the_completion_script_is_produced(shell: str, words: str) -> None:
    script = _complete({"_SELFREVIEW_COMPLETE": f"{shell}_source"})
    assert words in script
    assert "_SELFREVIEW_COMPLETE" in script


def test_completion_completes_commands_and_options() -> None:
    bash = {"_SELFREVIEW_COMPLETE": "bash_complete"}
    assert "report" in _complete({**bash, "COMP_WORDS": "selfreview rep", "COMP_CWORD": "1"})
    options = _complete({**bash, "COMP_WORDS": "selfreview report --no-c", "COMP_CWORD": "2"})
    assert "--no-color" in options


# -- one CSV convention -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["report", NEW, "--format", "csv"],
        ["benchmark", "examples/cohort", "--format", "csv"],
        ["support", "examples/cohort", "--format", "csv"],
    ],
)
def test_every_csv_has_a_bom_crlf_and_snake_case_headings(args: list[str]) -> None:
    import csv
    import io

    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = result.stdout_bytes
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert data.endswith(b"\r\n")
    assert data.count(b"\r\n") >= len(rows)  # every row ends CRLF (a cell may hold lines)
    headings = rows[0]
    assert headings[0] == ("section" if args[0] == "support" else "school_id")
    assert all(h == h.lower() and " " not in h for h in headings), headings


def test_stderr_is_a_terminal_only_when_it_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    from selfreview_core.cli._terminal import stderr_is_terminal

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    class Closed(io.StringIO):
        def isatty(self) -> bool:
            raise ValueError("I/O operation on closed file")

    for stream, expected in ((io.StringIO(), False), (Terminal(), True), (Closed(), False)):
        monkeypatch.setattr(sys, "stderr", stream)
        assert stderr_is_terminal() is expected
    monkeypatch.setattr(sys, "stderr", None)
    assert stderr_is_terminal() is False


def test_a_file_argument_that_does_not_exist_is_a_usage_error() -> None:
    result = run("report", "no-such-review.yaml")
    assert result.exit_code == 2
    assert "no-such-review.yaml" in result.stderr
    assert "does not exist" in result.stderr


def test_standard_input_is_capped_as_a_file_is(monkeypatch: pytest.MonkeyPatch) -> None:
    """`-` is read within the size limit of a file: a stream without end is refused at the
    cap, not read into memory."""
    import io
    import sys

    from selfreview_core.errors import InvalidDocument
    from selfreview_core.files.limits import Limits
    from selfreview_core.files.source import read_bytes
    from selfreview_core.files.stdin import claim_stdin, release_stdin

    class Endless(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
            buffer[:] = b"x" * len(buffer)
            return len(buffer)

    endless = io.BufferedReader(Endless())  # type: ignore[type-var]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(endless))
    name = claim_stdin()
    try:
        with pytest.raises(InvalidDocument) as raised:
            read_bytes(name, Limits(max_bytes=1000))
        assert raised.value.first.file == "<stdin>"
        assert raised.value.first.code == "too-large"
    finally:
        release_stdin()


# -- the commands of issues 17 and 18 follow the same conventions ----------------------------

RESPONDENTS = "examples/respondents"


def _respondent_lines(root: Path) -> str:
    return "".join(
        f.read_text(encoding="utf-8") for f in sorted((root / RESPONDENTS).glob("*.jsonl"))
    )


def test_voices_reads_json_lines_from_standard_input(root: Path) -> None:
    named = sorted(str(f.relative_to(root)) for f in (root / RESPONDENTS).glob("*.jsonl"))
    piped = run("voices", "-", "--format", "json", input=_respondent_lines(root))
    direct = run("voices", *named, "--format", "json")
    assert piped.exit_code == direct.exit_code == 0, piped.output
    assert json.loads(piped.stdout) == json.loads(direct.stdout)


def test_combine_reads_standard_input_and_writes_standard_output(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _respondent_lines(root)
    monkeypatch.chdir(tmp_path)
    result = run("combine", "-", "-o", "-", input=text)
    assert result.exit_code == 0, result.output
    assert result.stdout.lstrip("# \n").count("kind: assessment") == 1
    assert list(tmp_path.iterdir()) == []


def test_a_bad_response_on_standard_input_is_named_stdin_with_its_line(root: Path) -> None:
    lines = _respondent_lines(root).splitlines(keepends=True)
    lines[1] = '{"kind": "assessment", "school": 3}\n'
    result = run("voices", "-", input="".join(lines))
    assert result.exit_code == 1
    assert "<stdin>:2:" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "command",
    [["support", "examples/cohort"], ["voices", RESPONDENTS], ["collect", "examples/cohort"]],
)
def test_dash_o_dash_writes_standard_output_for_the_newer_commands(
    command: list[str], root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = [str(root / command[1]) if i == 1 else a for i, a in enumerate(command)]
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, [*args, "-o", "-"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.strip()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", [["support", "examples/cohort"], ["voices", RESPONDENTS]])
def test_format_table_and_its_alias_for_the_newer_commands(args: list[str]) -> None:
    table = run(*args, "--format", "table")
    text = run(*args, "--format", "text")
    assert table.exit_code == text.exit_code == 0, table.output
    assert table.stdout == text.stdout
    assert "text" not in run(args[0], "--help").output.split("--format", 1)[1].split("\n")[0]


def test_no_progress_label_when_stderr_is_not_a_terminal(tmp_path: Path, root: Path) -> None:
    """Above 20 files `collect` would show a bar at a terminal; in a test (a pipe) none."""
    for i in range(25):
        text = (root / "examples/cohort/primary-3-2025.yaml").read_text(encoding="utf-8")
        (tmp_path / f"s{i}.yaml").write_text(text.replace("900003", f"9{i:05}"), encoding="utf-8")
    result = run("collect", str(tmp_path), "-o", str(tmp_path / "c.parquet"))
    assert result.exit_code == 0, result.output
    assert "Reading" not in result.stderr


def test_standard_input_over_the_limit_is_refused_at_stdin_without_a_size_it_does_not_have() -> (
    None
):
    """Only one byte past the limit is read from `-`, so the message says "more than" the
    limit, never the size of the part read; named `<stdin>`, exit 1, no traceback."""
    result = run("validate", "-", input="kind: assessment\n" + "#" * (10 * 1024 * 1024))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "<stdin>: error: the file is more than 10,485,760 bytes; the limit is 10,485,760"
    )
    assert "Traceback" not in result.output
