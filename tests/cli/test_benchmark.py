"""`selfreview benchmark` on the example cohort and on hostile or broken input."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core import POLICIES, Cohort, Framework, Scale
from selfreview_core._names import POLICIES as BENCHMARK_POLICIES
from selfreview_core._names import PROGRESS_FILES
from selfreview_core.cli import cli
from selfreview_core.dump import dump_yaml
from selfreview_core.exporters.csv import BOM

BECTA_STRANDS = ["1a1", "1a2", "1b1", "1b2", "1b3", "1b4", "1b5", "1b6", "1c1", "1c2", "1c3", "1c4"]
FORMATS = ("table", "json", "csv")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_the_examples_are_valid_and_marked_as_made_up(cohort_dir: Path) -> None:
    result = run("validate", str(cohort_dir))
    assert result.exit_code == 0, result.output
    files = sorted(cohort_dir.glob("*.yaml"))
    assert len(files) >= 8
    for file in files:
        assert file.read_text(encoding="utf-8").startswith("# A made-up example")
    assert "made-up" in (cohort_dir / "README.md").read_text(encoding="utf-8")


def test_table_has_a_row_per_strand(cohort_dir: Path) -> None:
    result = run("benchmark", str(cohort_dir))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Cohort of 10 schools (latest review of each school)")
    rows = {line.split()[0]: line.split() for line in lines if line.split()[:1]}
    for strand in [*BECTA_STRANDS, "overall"]:
        assert strand in rows, strand
    # 1a1: 0 at 5, 1 at 4, 4 at 3, 3 at 2, 2 at 1; none unjudged; quartiles 3, 3, 2.
    assert rows["1a1"][-9:] == ["0", "1", "4", "3", "2", "0", "3", "3", "2"]
    # Levels run worst to best, as `selfreview show` lists them.
    at = next(i for i, line in enumerate(lines) if line.startswith("strand"))
    assert lines[at].split()[2:7] == ["5", "4", "3", "2", "1"]
    assert "Schools at each level, from 5 (worst) to 1 (best)." in result.stdout
    assert "Example Primary School" not in result.stdout  # the table names no school


def test_all_reviews_counts_each_review(cohort_dir: Path) -> None:
    result = run("benchmark", str(cohort_dir), "--all-reviews", "--format", "json")
    assert result.exit_code == 0, result.output
    cohort = Cohort.model_validate_json(result.stdout)
    assert cohort.size == 11
    assert len(cohort.positions("900001")) == 2


def test_json_is_the_cohort(cohort_dir: Path) -> None:
    result = run("benchmark", str(cohort_dir), "--format", "json", "--policy", "weakest")
    assert result.exit_code == 0, result.output
    cohort = Cohort.model_validate_json(result.stdout)
    assert cohort.size == 10
    assert cohort.policy == "weakest"
    assert cohort.framework == "becta-srf@2010"
    assert cohort.position("900001").year == 2025  # its latest review


def test_school_against_the_cohort(cohort_dir: Path) -> None:
    result = run("benchmark", str(cohort_dir), "--school", "900003")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Example Primary School 3 (900003, Example LEA), reviewed 2025-06-18")
    assert "percentile" in out
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line.split()[:1]}
    # school, lower quartile, median, upper quartile, percentile
    assert rows["1a1"][-5:] == ["2", "3", "3", "2", "65"]
    assert rows["1c4"][-5:] == ["-", "4", "3", "3", "-"]  # not judged by this school


def test_school_in_json_and_csv(cohort_dir: Path) -> None:
    result = run("benchmark", str(cohort_dir), "--school", "900003", "--format", "json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["school"]["school"]["name"] == "Example Primary School 3"
    assert payload["cohort"]["size"] == 10
    result = run("benchmark", str(cohort_dir), "--school", "900003", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout.removeprefix(BOM))))
    assert {row["school_id"] for row in rows} == {"900003"}
    assert len(rows) == 12 + 3 + 1 + 1  # strands, aspects, element, overall


def test_unknown_school_is_a_usage_error(cohort_dir: Path) -> None:
    result = run("benchmark", str(cohort_dir), "--school", "90003")
    assert result.exit_code == 2
    assert "no school `90003` in the cohort" in result.stderr
    assert "did you mean `900003`?" in result.stderr


def test_unknown_school_when_anonymised_suggests_no_real_id(cohort_dir: Path) -> None:
    result = run("benchmark", str(cohort_dir), "--school", "90003", "--anonymise")
    assert result.exit_code == 2
    assert "9000" not in result.stderr.replace("90003", "")


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.mark.parametrize("output", FORMATS)
def test_anonymise_drops_school_names_ids_authorities_and_dates(
    cohort_dir: Path, output: str
) -> None:
    for extra in ((), ("--school", "900003"), ("--all-reviews",), ("--min-group", "1")):
        result = run("benchmark", str(cohort_dir), "--anonymise", "--format", output, *extra)
        assert result.exit_code == 0, result.output
        for secret in ("Example Primary", "Example Infant", "9000", "Example LEA"):
            assert secret not in result.stdout
        assert not ISO_DATE.search(result.stdout), ISO_DATE.search(result.stdout)
        if extra == ("--school", "900003") or output != "table":
            assert "School " in result.stdout  # labels stand in for the names
        if output != "table":
            assert "2025" in result.stdout  # the year stays (where enough schools share it)


def rows(table: str) -> dict[str, list[str]]:
    """A table's rows by their first cell (strand id or overall)."""
    lines = [line.split() for line in table.splitlines()]
    return {
        cells[0]: cells
        for cells in lines
        if (cells and cells[0][:1].isdigit()) or cells[:1] == ["overall"]
    }


def test_anonymised_school_keeps_its_numbers(cohort_dir: Path) -> None:
    """With no minimum the school's view is the named one under its label and year; with
    the default, its own levels stay and the cohort's small groups are withheld."""
    named = run("benchmark", str(cohort_dir), "--school", "900003").stdout
    open_view = run(
        "benchmark", str(cohort_dir), "--school", "900003", "--anonymise", "--min-group", "1"
    ).stdout
    assert rows(named) == rows(open_view)
    assert re.match(r"School \d+ \(school-\d+\), reviewed in 2025\n", open_view)
    guarded = run("benchmark", str(cohort_dir), "--school", "900003", "--anonymise").stdout
    assert len(rows(guarded)) == len(rows(named)) == 13
    for strand, cells in rows(guarded).items():
        assert cells[-5] == rows(named)[strand][-5]  # the school's own level
    assert "[c]" in guarded
    assert "withheld because it would describe fewer than 5 schools" in " ".join(guarded.split())


def test_anonymised_labels_are_drawn_afresh_each_run(cohort_dir: Path) -> None:
    """Labels do not follow results (nor ids): which school is School 1 changes from run to
    run (ten schools: six runs alike would be a 1 in 10^32 chance)."""
    runs = set()
    for _ in range(6):
        result = run(
            "benchmark", str(cohort_dir), "--anonymise", "--min-group", "1", "--format", "json"
        )
        cohort = Cohort.model_validate_json(result.stdout)
        runs.add(tuple(e.overall.level for e in cohort.schools))
    assert len(runs) > 1


def test_a_cohort_smaller_than_min_group_is_refused(cohort_dir: Path, tmp_path: Path) -> None:
    for name in ("primary-2-2025.yaml", "primary-3-2025.yaml", "infant-4-2025.yaml"):
        shutil.copy(cohort_dir / name, tmp_path / name)
    result = run("benchmark", str(tmp_path), "--anonymise", "--format", "json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert (
        "error: the cohort has 3 schools, fewer than the 5 an anonymised cohort needs"
        in result.stderr
    )
    assert "Traceback" not in result.output
    assert run("benchmark", str(tmp_path), "--anonymise", "--min-group", "3").exit_code == 0
    assert run("benchmark", str(tmp_path), "--anonymise", "--min-group", "4").exit_code == 1


def test_min_group_needs_anonymise(cohort_dir: Path) -> None:
    result = run("benchmark", str(cohort_dir), "--min-group", "3")
    assert result.exit_code == 2
    assert "--min-group applies to --anonymise" in result.stderr
    result = run("benchmark", str(cohort_dir), "--anonymise", "--min-group", "0")
    assert result.exit_code == 2
    assert "--min-group" in result.stderr


def test_anonymised_csv_and_json_mark_what_they_withhold(cohort_dir: Path) -> None:
    result = run("benchmark", str(cohort_dir), "--anonymise", "--format", "csv")
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.stdout.removeprefix(BOM))))
    assert {row["authority"] for row in table} == {""}
    assert {row["has_evidence"] for row in table} == {""}
    assert "[c]" in {row["level"] for row in table}
    assert {row["assessed_on"] for row in table} <= {"2024", "2025", "[c]"}
    data = json.loads(run("benchmark", str(cohort_dir), "--anonymise", "--format", "json").stdout)
    assert (data["anonymous"], data["min_group"]) == (True, 5)
    strand = data["strands"]["1a1"]
    assert strand["suppressed"] is True
    assert strand["counts"]["4"] is None  # one school at 4
    assert strand["unjudged"] == 0
    for entry in data["schools"]:
        assert entry["assessed_on"] is None
        assert entry["school"]["authority"] is None


def test_csv_cells_never_run_as_formulas(copied: Path) -> None:
    hostile = (copied / "primary-2-2025.yaml").read_text(encoding="utf-8")
    hostile = hostile.replace('id: "900002"', 'id: "=1+1"')
    hostile = hostile.replace(
        "name: Example Primary School 2", 'name: \'=HYPERLINK("http://example.invalid","x")\''
    )
    hostile = hostile.replace("authority: Example LEA", "authority: '@SUM(A1)'")
    (copied / "primary-2-2025.yaml").write_text(hostile, encoding="utf-8")
    result = run("benchmark", str(copied), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout.removeprefix(BOM))))
    assert len(rows) == 1 + 10 * 17
    names = {row[1] for row in rows[1:]}
    assert '\'=HYPERLINK("http://example.invalid","x")' in names
    assert "'=1+1" in {row[0] for row in rows[1:]}
    assert "'@SUM(A1)" in {row[2] for row in rows[1:]}
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
            if cell.startswith("-"):
                float(cell)  # only numbers may start with a minus


def test_csv_keeps_negative_levels_numeric(tmp_path: Path) -> None:
    """On a scale running below zero, a level of -1 is a number, not a formula."""
    from selfreview_core import Aspect, Element, Strand

    framework = Framework(
        id="signed",
        version="1",
        title="A scale around zero",
        scale=Scale(best=1, worst=-1),
        elements=(
            Element(
                id="E",
                title="=Element",
                aspects=(
                    Aspect(
                        id="A",
                        title="Aspect",
                        strands=(Strand(id="S", title="Strand", levels={1: "a", 0: "b", -1: "c"}),),
                    ),
                ),
            ),
        ),
    )
    (tmp_path / "signed.yaml").write_text(dump_yaml(framework), encoding="utf-8")
    cohort = tmp_path / "cohort"
    cohort.mkdir()
    (cohort / "a.yaml").write_text(
        "kind: assessment\nframework: signed@1\nschool: {id: a, name: A}\n"
        "assessed_on: 2025-01-01\njudgements: {S: -1}\n",
        encoding="utf-8",
    )
    result = run(
        "benchmark", str(cohort), "--framework", str(tmp_path / "signed.yaml"), "--format", "csv"
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout.removeprefix(BOM))))
    strand = next(row for row in rows if row["id"] == "S")
    assert strand["level"] == "-1"
    assert strand["cohort_median"] == "-1"
    element = next(row for row in rows if row["id"] == "E")
    assert element["title"] == "'=Element"


def test_a_bad_file_is_skipped_and_reported(copied: Path) -> None:
    bad = copied / "zz-bad.yaml"
    text = (copied / "primary-2-2025.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    line = next(i for i, each in enumerate(lines, start=1) if each.startswith("  1a1: "))
    lines[line - 1] = "  1a1: 9"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("benchmark", str(copied))
    assert result.exit_code == 1
    assert f"{bad}:{line}:8: error: judgements.1a1: " in result.stderr
    assert "1 of 12 files skipped" in result.stderr
    assert result.stdout.startswith("Cohort of 10 schools")  # the good files still count
    assert "Traceback" not in result.output


def test_an_assessment_of_another_framework_is_skipped(cohort_dir: Path, data: Path) -> None:
    other = data / "good" / "tiny-assessment.yaml"
    result = run("benchmark", str(cohort_dir), str(other), "--format", "json")
    assert result.exit_code == 1
    assert f"{other}:2:12: error: framework: assessment is of `tiny@1`" in result.stderr
    assert Cohort.model_validate_json(result.stdout).size == 10


def test_no_usable_assessment(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("kind: assessment\n", encoding="utf-8")
    result = run("benchmark", str(tmp_path))
    assert result.exit_code == 1
    assert "no usable assessments in 1 file(s)" in result.stderr
    assert result.stdout == ""


def test_no_files_is_a_usage_error(tmp_path: Path) -> None:
    result = run("benchmark", str(tmp_path))
    assert result.exit_code == 2
    assert "no YAML, JSON or JSON Lines files under" in result.stderr
    assert run("benchmark").exit_code == 2


def test_framework_option(cohort_dir: Path, root: Path) -> None:
    for name in ("becta-srf", str(root / "frameworks" / "becta-srf.yaml")):
        result = run("benchmark", str(cohort_dir), "--framework", name)
        assert result.exit_code == 0, result.output
    result = run("benchmark", str(cohort_dir), "--framework", "becta-sfr")
    assert result.exit_code == 2
    assert "becta-srf" in result.stderr


@pytest.mark.parametrize("terminal", [True, False])
def test_many_files_show_progress_on_stderr_only_at_a_terminal(
    cohort_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terminal: bool
) -> None:
    from selfreview_core.cli import _terminal

    monkeypatch.setattr(_terminal, "stderr_is_terminal", lambda: terminal)
    text = (cohort_dir / "primary-2-2025.yaml").read_text(encoding="utf-8")
    for i in range(PROGRESS_FILES + 1):
        school = text.replace('id: "900002"', f'id: "{800000 + i}"')
        (tmp_path / f"school-{i}.yaml").write_text(school, encoding="utf-8")
    result = run("benchmark", str(tmp_path), "--format", "json")
    assert result.exit_code == 0, result.output
    assert Cohort.model_validate_json(result.stdout).size == PROGRESS_FILES + 1
    assert ("Reading assessments" in result.stderr) is terminal
    if not terminal:
        assert result.stderr == ""
    few = run("benchmark", str(cohort_dir), "--format", "json")
    assert "Reading assessments" not in few.stderr


def test_policies_are_the_scoring_policies() -> None:
    assert BENCHMARK_POLICIES == POLICIES


def test_the_docs_show_real_output(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every `$ selfreview benchmark ...` example in docs/benchmarking.md prints what the
    docs say it prints."""
    monkeypatch.chdir(root)
    monkeypatch.setenv("COLUMNS", "80")  # as in a pipe, whatever runs the tests
    docs = (root / "docs" / "benchmarking.md").read_text(encoding="utf-8")
    examples = re.findall(r"```\n\$ selfreview (benchmark .*?)\n(.*?)```", docs, flags=re.DOTALL)
    assert len(examples) == 2
    for command, shown in examples:
        result = run(*command.split())
        assert result.exit_code == 0, result.output
        assert result.stdout == shown


# -- duplicates (issue 13) ----------------------------------------------------------------


def test_two_reviews_of_one_school_on_one_date_are_reported(copied: Path) -> None:
    """Issue 13: one was kept without a word. Both files, the school and the date are named
    on stderr, the JSON lists them, the later file in argument order counts, exit 1."""
    original = copied / "primary-3-2025.yaml"
    copy = copied / "zz-copy.yaml"
    copy.write_text(original.read_text(encoding="utf-8").replace("  1a1: 2\n", "  1a1: 4\n"))
    result = run("benchmark", str(original), str(copy), str(copied), "--format", "json")
    assert result.exit_code == 1
    assert result.stderr.count("warning:") == 1
    assert (
        f"warning: school 900003 has 2 reviews dated 2025-06-18: {original} and {copy}; "
        f"{copy} (read last) counts; {original} is left out" in result.stderr
    )
    cohort = Cohort.model_validate_json(result.stdout)
    assert cohort.size == 10
    (duplicate,) = cohort.duplicates
    assert (duplicate.school, duplicate.sources, duplicate.counted) == (
        "900003",
        (str(original), str(copy)),
        "last",
    )
    assert cohort.position("900003").level("1a1") == 4  # the copy's level


def test_with_every_review_both_count_and_are_reported(copied: Path) -> None:
    copy = copied / "zz-copy.yaml"
    shutil.copy(copied / "primary-3-2025.yaml", copy)
    result = run("benchmark", str(copied), "--all-reviews", "--format", "json")
    assert result.exit_code == 1
    assert "each counts as a review of its own (--all-reviews)" in result.stderr
    assert str(copy) in result.stderr
    assert Cohort.model_validate_json(result.stdout).size == 12


@pytest.mark.parametrize("output", FORMATS)
def test_duplicates_are_reported_in_every_format_and_anonymised_in_json(
    copied: Path, output: str
) -> None:
    copy = copied / "zz-copy.yaml"
    shutil.copy(copied / "primary-3-2025.yaml", copy)
    result = run("benchmark", str(copied), "--anonymise", "--format", output)
    assert result.exit_code == 1
    assert result.stderr.startswith("warning: 1 school has two or more reviews on one date")
    assert "9000" not in result.stderr  # counted, not named (round 63)
    assert "9000" not in result.stdout
    assert "zz-copy" not in result.stdout
    if output == "json":
        (entry,) = json.loads(result.stdout)["duplicates"]
        assert entry["school"].startswith("school-")
        assert (entry["assessed_on"], entry["sources"], entry["reviews"]) == (None, [], 2)


def test_an_older_pair_of_duplicates_is_reported_too(copied: Path) -> None:
    copy = copied / "zz-copy.yaml"
    shutil.copy(copied / "primary-1-2024.yaml", copy)
    result = run("benchmark", str(copied), "--format", "json")
    assert result.exit_code == 1
    assert "none of them counts: a later review of the school does" in result.stderr


# -- evidence (issue 13) ------------------------------------------------------------------


@pytest.fixture
def evidenced(copied: Path) -> Path:
    """The copied cohort with evidence, one piece of it a formula, for school 900003."""
    path = copied / "primary-3-2025.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  1a1: 2\n", "  1a1: {level: 2, evidence: '=Qzx evidence'}\n", 1)
    assert "Qzx" in text
    path.write_text(text, encoding="utf-8")
    return copied


def test_cohort_outputs_say_whether_there_is_evidence_not_what_it_says(evidenced: Path) -> None:
    data = json.loads(run("benchmark", str(evidenced), "--format", "json").stdout)
    assert "Qzx" not in json.dumps(data)
    assert data["evidence"] is False
    entry = next(e for e in data["schools"] if e["school"]["id"] == "900003")
    assert (entry["strands"]["1a1"]["has_evidence"], entry["strands"]["1a2"]["has_evidence"]) == (
        True,
        False,
    )
    assert entry["strands"]["1c4"]["has_evidence"] is None  # not judged
    result = run("benchmark", str(evidenced), "--format", "csv")
    assert "Qzx" not in result.stdout
    table = list(csv.DictReader(io.StringIO(result.stdout.removeprefix(BOM))))
    assert "evidence" not in table[0]
    mine = {row["id"]: row["has_evidence"] for row in table if row["school_id"] == "900003"}
    assert (mine["1a1"], mine["1a2"], mine["1c4"], mine["1a"]) == ("yes", "no", "", "")


@pytest.mark.parametrize("output", ["json", "csv"])
def test_with_evidence_adds_the_text(evidenced: Path, output: str) -> None:
    result = run("benchmark", str(evidenced), "--format", output, "--with-evidence")
    assert result.exit_code == 0, result.output
    if output == "json":
        data = json.loads(result.stdout)
        assert data["evidence"] is True
        entry = next(e for e in data["schools"] if e["school"]["id"] == "900003")
        assert entry["strands"]["1a1"]["evidence"] == "=Qzx evidence"
    else:
        table = list(csv.DictReader(io.StringIO(result.stdout.removeprefix(BOM))))
        cell = next(r for r in table if r["school_id"] == "900003" and r["id"] == "1a1")
        assert cell["evidence"] == "'=Qzx evidence"  # never a formula
    same = run("benchmark", str(evidenced), "--format", output, "--no-evidence")
    assert "Qzx" not in same.stdout


def test_with_evidence_is_refused_where_it_cannot_apply(evidenced: Path) -> None:
    result = run("benchmark", str(evidenced), "--with-evidence")
    assert result.exit_code == 2
    assert "the table shows no evidence" in result.stderr
    result = run("benchmark", str(evidenced), "--with-evidence", "--anonymise", "--format", "json")
    assert result.exit_code == 2
    assert "evidence text can name the school" in result.stderr
    assert result.stdout == ""


@pytest.mark.slow  # workers are started
@pytest.mark.parametrize("form", ["json", "csv"])
def test_many_reviews_give_the_same_cohort_whatever_the_jobs(
    cohort_dir: Path, tmp_path: Path, form: str
) -> None:
    """Hundreds of reviews in a JSON Lines file (many spans for the workers, each staging
    its part in a file of its own), with every school reviewed twice on one date: the
    cohort, its duplicates and what is said of them are the same for one job and two."""
    import yaml

    lines = []
    for copy in range(40):
        for file in sorted(cohort_dir.glob("*.yaml")):
            data = yaml.safe_load(file.read_text(encoding="utf-8"))
            data["assessed_on"] = data["assessed_on"].isoformat()
            data["school"]["id"] = f"{data['school']['id']}-{copy % 20}"
            lines.append(json.dumps(data) + "\n")
    reviews = tmp_path / "reviews.jsonl"
    reviews.write_text("".join(lines), encoding="utf-8")
    found = [
        run("benchmark", str(reviews), "--all-reviews", "--format", form, "--jobs", jobs)
        for jobs in ("1", "2")
    ]
    assert found[0].exit_code == found[1].exit_code == 1  # the duplicates are reported
    assert found[0].stdout == found[1].stdout
    assert found[0].stderr == found[1].stderr
    assert "reviews dated" in found[0].stderr


def check_format_by_extension(command: str, folder: Path, output: Path, first: bytes) -> None:
    """`command FOLDER -o OUTPUT`, no --format: exit 0, the format named on stderr, the file
    as `--format` writes it and starting with `first` (its own bytes, not only --format's
    output), the inputs untouched. Shared with `support`'s tests."""
    chosen = {".json": "json", ".csv": "csv", ".html": "html", ".txt": "table"}[
        output.suffix.lower()
    ]
    before = {file.name: file.read_bytes() for file in folder.iterdir()}
    result = run(command, str(folder), "-o", str(output))
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Wrote {output} ({chosen}).\n"
    assert result.stdout == ""
    written = output.read_bytes()
    assert written == run(command, str(folder), "--format", chosen).stdout_bytes
    assert written.startswith(first)
    assert {file.name: file.read_bytes() for file in folder.iterdir()} == before


def check_table_kept(command: str, folder: Path, output: str, given: str | None) -> None:
    """`-o OUTPUT` with `--format GIVEN`, over any extension, or `-o -`: the
    table, as with no `-o` at all. Shared with `support`'s tests."""
    chosen = ("--format", given) if given else ()
    result = run(command, str(folder), *chosen, "-o", output)
    assert result.exit_code == 0, result.output
    table = run(command, str(folder)).stdout_bytes
    written = result.stdout_bytes if output == "-" else Path(output).read_bytes()
    assert written == table


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("cohort.json", b'{\n  "'),
        ("cohort.CSV", BOM.encode() + b"school_id,"),
        ("dashboard.html", b"<!DOCTYPE html>"),
        ("a.txt", b"Cohort of 10 schools"),
    ],
)
def test_the_format_comes_from_the_output_files_extension(
    copied: Path, tmp_path: Path, name: str, first: bytes
) -> None:
    """`-o cohort.json` with no --format writes the JSON `--format json` prints, as `report`
    and `voices` do: before, a table went into the `.json` file, and the program reading it
    next failed on its first byte."""
    check_format_by_extension("benchmark", copied, tmp_path / name, first)


@pytest.mark.parametrize(("name", "given"), [("a.json", "table"), ("a.yaml", "table"), ("-", None)])
def test_format_wins_over_the_extension_and_dash_is_the_table(
    cohort_dir: Path, tmp_path: Path, name: str, given: str | None
) -> None:
    """--format says it outright, over an extension naming another format or none (`.yaml`:
    without --format, refused, tests/cli/test_terminal_formats.py); `-o -` keeps the table."""
    check_table_kept("benchmark", cohort_dir, name if name == "-" else str(tmp_path / name), given)


def test_with_evidence_into_an_html_file_is_a_usage_error(cohort_dir: Path, tmp_path: Path) -> None:
    """`-o dashboard.html` asks for the dashboard, which shows no evidence: refused before any
    work, as `--format html --with-evidence` is, and nothing written."""
    output = tmp_path / "dashboard.html"
    result = run("benchmark", str(cohort_dir), "--with-evidence", "-o", str(output))
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: the html shows no evidence: use --with-evidence with --format json or csv\n"
    )
    assert not output.exists()
    assert list(tmp_path.iterdir()) == []
