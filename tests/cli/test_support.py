"""`selfreview support`: the schools not yet at a level, and the advice for them, counted.

SPEC section 8: "`support --reached LEVEL` lists, per strand and aspect, the schools not yet at
LEVEL (default: the lowest threshold the framework's awards name, else the middle of the
scale), and every recommendation the installed plugins and rule packs make for those
schools, with the number of schools each applies to".
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from cli.test_benchmark import check_format_by_extension, check_table_kept
from selfreview_core import Engine, load_assessment, load_framework, score
from selfreview_core.cli import cli
from selfreview_core.cohort.support import default_level


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def listed(cohort_dir: Path) -> dict[str, Any]:
    result = run("support", str(cohort_dir), "--format", "json")
    assert result.exit_code == 0, result.output
    found: dict[str, Any] = json.loads(result.stdout)
    return found


def latest_reviews(cohort_dir: Path) -> dict[str, Any]:
    latest: dict[str, Any] = {}
    for file in sorted(cohort_dir.glob("*.yaml")):
        review = load_assessment(file)
        held = latest.get(review.school.id)
        if held is None or review.assessed_on >= held.assessed_on:
            latest[review.school.id] = review
    return latest


def test_the_default_level_is_the_middle_of_the_scale_without_awards(
    listed: dict[str, Any],
) -> None:
    assert (listed["reached"], listed["reached_from"]) == (3, "the middle of the scale")


def test_the_default_level_is_the_lowest_award_threshold(root: Path) -> None:
    framework = load_framework(root / "examples" / "awards" / "illustrative-award-framework.yaml")
    level, why = default_level(framework)
    # Its award asks for aspect 1a and strand 1b1 at 2, element 2 at 1, on a 0..3 scale.
    assert level == 1
    assert "lowest threshold" in why


def test_the_schools_below_are_those_whose_level_is_worse(
    listed: dict[str, Any], cohort_dir: Path
) -> None:
    """Per aspect and strand, the schools at a worse level than 3 (Becta: a larger number),
    as `score` gives them; a school that did not judge a strand is not below it."""
    framework = Engine().framework("becta-srf")
    profiles = {s: score(framework, r) for s, r in latest_reviews(cohort_dir).items()}
    for shortfall in listed["shortfalls"]:
        node_id = shortfall["id"]
        levels = {s: p.level(node_id) for s, p in profiles.items()}
        assert shortfall["schools"] == sorted(
            s for s, level in levels.items() if level is not None and level > 3
        )
        assert shortfall["judged"] == sum(level is not None for level in levels.values())
    assert [s["id"] for s in listed["shortfalls"]][:3] == ["1a", "1a1", "1a2"]


def test_every_recommendation_for_those_schools_is_counted(
    listed: dict[str, Any], cohort_dir: Path
) -> None:
    engine = Engine()
    below = {s for shortfall in listed["shortfalls"] for s in shortfall["schools"]}
    expected: dict[tuple[str, str], set[str]] = {}
    for school, review in latest_reviews(cohort_dir).items():
        if school not in below:
            continue
        for rec in engine.report(review).recommendations:
            expected.setdefault((rec.id, rec.title), set()).add(school)
    found = {(r["id"], r["title"]): set(r["schools"]) for r in listed["recommendations"]}
    assert found == expected
    assert listed["needing"] == len(below)
    counts = [len(r["schools"]) for r in listed["recommendations"]]
    assert counts == sorted(counts, reverse=True)


def test_a_cohort_file_and_more_jobs_give_the_same_list(
    listed: dict[str, Any], cohort_dir: Path, tmp_path: Path
) -> None:
    parquet = tmp_path / "cohort.parquet"
    assert run("collect", str(cohort_dir), "-o", str(parquet)).exit_code == 0
    for args in ((str(parquet),), (str(cohort_dir), "--jobs", "2")):
        result = run("support", *args, "--format", "json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout) == listed


def test_a_level_off_the_scale_is_a_usage_error(cohort_dir: Path) -> None:
    result = run("support", str(cohort_dir), "--reached", "9")
    assert result.exit_code == 2
    assert "9 is not a level of becta-srf@2010 (1 (best) .. 5 (worst))" in result.stderr


def test_reached_moves_the_line(cohort_dir: Path) -> None:
    strict = json.loads(
        run("support", str(cohort_dir), "--reached", "1", "--format", "json").stdout
    )
    lenient = json.loads(
        run("support", str(cohort_dir), "--reached", "5", "--format", "json").stdout
    )
    assert lenient["needing"] == 0
    assert lenient["recommendations"] == []
    assert strict["needing"] == 9  # one school is at level 1 on all it judged


def test_a_disabled_plugin_gives_no_advice(cohort_dir: Path) -> None:
    result = run("support", str(cohort_dir), "--disable", "next-steps", "--format", "json")
    assert result.exit_code == 0
    sources = {r["source"] for r in json.loads(result.stdout)["recommendations"]}
    assert "next-steps" not in sources
    assert "becta-leadership" in sources


def test_the_table_counts_schools_for_each_recommendation(
    cohort_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "140")  # a wide terminal: each row on one line
    result = run("support", str(cohort_dir))
    assert result.exit_code == 0
    assert "not yet at level 3 (the middle of the scale)" in result.stdout
    lines = result.stdout.splitlines()
    assert any(
        line.startswith("2 schools  high ") and "Bring ICT leadership into the senior" in line
        for line in lines
    )
    assert max(len(line) for line in lines) <= 140


def test_csv_has_a_row_for_each_shortfall_and_recommendation(
    listed: dict[str, Any], cohort_dir: Path
) -> None:
    result = run("support", str(cohort_dir), "--format", "csv")
    table = list(csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    assert len(table) == len(listed["shortfalls"]) + len(listed["recommendations"])
    first = table[0]
    assert (first["section"], first["id"], first["schools"], first["school_ids"]) == (
        "below",
        "1a",
        "1",
        "900007",
    )


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_the_page_is_self_contained_and_escapes_what_files_say(
    cohort_dir: Path, tmp_path: Path
) -> None:
    hostile = tmp_path / "cohort"
    hostile.mkdir()
    for file in cohort_dir.glob("*.yaml"):
        text = file.read_text(encoding="utf-8")
        if "900004" in text:
            text = text.replace("900004", "<script>alert(1)</script>")
        (hostile / file.name).write_text(text, encoding="utf-8")
    out = tmp_path / "support.html"
    result = run("support", str(hostile), "--format", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    page = _Page()
    page.feed(out.read_text(encoding="utf-8"))
    assert "script" not in page.tags
    assert "<script>alert(1)</script>" in "".join(page.text)
    assert {"table", "article", "style"} <= set(page.tags)
    assert "link" not in page.tags
    assert "img" not in page.tags


# -- --framework FILE and --to ID, as for benchmark (SPEC section 5; issue 16) -------------


def test_framework_id_still_works_with_the_benchmark_warning(cohort_dir: Path) -> None:
    """`support --framework ID`, what the option once took, gives the output of `--to ID`,
    exit 0, with benchmark's deprecation warning on stderr and nothing else there."""
    old = run("support", str(cohort_dir), "--framework", "becta-srf")
    new = run("support", str(cohort_dir), "--to", "becta-srf")
    assert old.exit_code == new.exit_code == 0, old.output
    assert old.stdout == new.stdout
    assert "Support needed: 10 schools on becta-srf@2010" in old.stdout
    assert old.stderr == (
        "warning: --framework ID is deprecated for support: use --to becta-srf "
        "(--framework takes a FILE, as for every command)\n"
    )
    assert new.stderr == ""


def test_framework_file_is_taken_without_a_warning(root: Path, cohort_dir: Path) -> None:
    result = run(
        "support",
        str(cohort_dir),
        "--framework",
        str(root / "frameworks" / "becta-srf.yaml"),
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    assert "deprecated" not in result.stderr
    assert json.loads(result.stdout)["size"] == 10


def test_framework_id_with_to_is_a_usage_error(cohort_dir: Path) -> None:
    result = run("support", str(cohort_dir), "--framework", "becta-srf", "--to", "becta-srf")
    assert result.exit_code == 2
    assert "Invalid value for --framework: takes a framework FILE" in result.stderr
    assert "--to ID" in result.stderr
    assert result.stdout == ""


def test_a_framework_file_among_the_paths_names_the_cohort(root: Path) -> None:
    """SPEC section 5: a framework among the files on the command line is the framework,
    not an input skipped as "expected an assessment"."""
    awards = root / "examples" / "awards"
    result = run(
        "support",
        str(awards / "illustrative-award-framework.yaml"),
        str(awards / "example-school.yaml"),
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)
    assert (listed["framework"], listed["size"]) == ("example-awards@1", 1)
    alone = run("support", str(awards / "illustrative-award-framework.yaml"))
    assert alone.exit_code == 2
    assert "give the assessments as well as their framework" in alone.stderr


def test_to_carries_every_assessment_through_a_migration(root: Path) -> None:
    folder = root / "examples" / "migration"
    result = run(
        "support",
        str(folder / "example-school-v1.yaml"),
        "--framework",
        str(folder / "example-srf-1.yaml"),
        "--to",
        str(folder / "example-srf-2.yaml"),
        "--migration",
        str(folder / "example-srf-1-to-2.yaml"),
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["framework"] == "example-srf@2"
    assert "1 assessment(s) of other versions carried to example-srf@2" in result.stderr
    without = run(
        "support",
        str(folder / "example-school-v1.yaml"),
        "--to",
        str(folder / "example-srf-2.yaml"),
        "--framework",
        str(folder / "example-srf-1.yaml"),
    )
    assert without.exit_code == 1  # no migration: the v1 review is skipped, located
    assert "example-school-v1.yaml:5:12: error:" in without.stderr


def test_to_with_a_cohort_file_is_a_usage_error(cohort_dir: Path, tmp_path: Path) -> None:
    parquet = tmp_path / "cohort.parquet"
    assert run("collect", str(cohort_dir), "-o", str(parquet)).exit_code == 0
    result = run("support", str(parquet), "--to", "becta-srf")
    assert result.exit_code == 2
    assert "--to carries assessments, not a cohort file's rows" in result.stderr


def test_two_reviews_of_one_school_on_one_date_are_named_and_exit_1_as_benchmark_does(
    cohort_dir: Path, tmp_path: Path
) -> None:
    """A copy of a review with a level changed: `support` used to count the one read last
    in silence and exit 0, where `benchmark` and `collect` name the pair and exit 1. It
    names them in benchmark's words now, and its list is still given whole."""
    for file in cohort_dir.glob("*.yaml"):
        (tmp_path / file.name).write_bytes(file.read_bytes())
    original = (cohort_dir / "primary-1-2025.yaml").read_text(encoding="utf-8")
    review = load_assessment(cohort_dir / "primary-1-2025.yaml")
    first = next(iter(review.judgements))
    level = review.judgements[first].level
    changed = original.replace(f"{first}: {level}", f"{first}: {5 if level != 5 else 4}", 1)
    assert changed != original
    (tmp_path / "copy.yaml").write_text(changed, encoding="utf-8")
    result = run("support", str(tmp_path), "--format", "json")
    benchmark = run("benchmark", str(tmp_path))
    assert (result.exit_code, benchmark.exit_code) == (1, 1)
    warning = [ln for ln in result.stderr.splitlines() if "reviews dated" in ln]
    assert warning == [ln for ln in benchmark.stderr.splitlines() if "reviews dated" in ln]
    assert len(warning) == 1
    assert f"school {review.school.id} has 2 reviews dated" in warning[0]
    assert json.loads(result.stdout)["shortfalls"]  # the list itself, whole


def test_an_assessment_of_another_framework_is_refused_in_words_for_any_cohort_command(
    cohort_dir: Path, tmp_path: Path
) -> None:
    """The hint named `benchmark` in `support` too ("benchmark the others on their own")."""
    root = Path(__file__).resolve().parents[2]
    (tmp_path / "a.yaml").write_bytes((cohort_dir / "primary-1-2025.yaml").read_bytes())
    other = root / "examples" / "migration" / "example-school-v1.yaml"
    (tmp_path / "other.yaml").write_bytes(other.read_bytes())
    result = run("support", str(tmp_path), "--framework", "becta-srf")
    assert result.exit_code == 1
    [refusal] = [ln for ln in result.stderr.splitlines() if "other.yaml" in ln]
    assert refusal.endswith(
        "error: framework: assessment is of `example-srf@1`, not of becta-srf@2010 (a cohort "
        "is of one framework version: give the others in a cohort of their own; school EX-2)"
    )
    assert "benchmark" not in result.stderr


def test_an_engine_s_warning_is_told_once(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each report holds the engine's problems again: `support --framework` of the bundled
    framework's own file warned twice before round 43."""
    monkeypatch.chdir(root)
    result = CliRunner().invoke(
        cli,
        ["support", "examples/cohort", "--framework", "frameworks/becta-srf.yaml"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    warned = [line for line in result.stderr.splitlines() if "also provided by" in line]
    assert warned == [
        "warning: plugin bundled-frameworks: framework becta-srf@2010 is also provided by the "
        "file frameworks/becta-srf.yaml; using the file frameworks/becta-srf.yaml's"
    ]


@pytest.mark.parametrize("command", ["support", "benchmark"])
def test_what_was_skipped_is_counted_in_files_or_in_a_json_lines_files_documents(
    cohort_dir: Path, tmp_path: Path, command: str
) -> None:
    """Both commands say how much of the input was skipped (`support` said nothing of it),
    counted in documents where a JSON Lines file was read: `1 of 12 files` was said of
    one file whose twelfth line was bad."""
    reviews = sorted(cohort_dir.glob("*.yaml"))
    lines = [
        json.dumps(yaml.safe_load(p.read_text(encoding="utf-8")), default=str) for p in reviews
    ]
    file = tmp_path / "reviews.jsonl"
    text = "\n".join([*lines[:3], '{"kind": "assessment"}', *lines[3:]]) + "\n"
    file.write_text(text, encoding="utf-8")
    result = run(command, str(file), "--format", "json")
    assert result.exit_code == 1
    assert f"{file}:4:1: error: missing required key `framework`" in result.stderr
    told = f"1 of {len(reviews) + 1} documents skipped; the cohort is the other {len(reviews)}.\n"
    assert result.stderr.endswith(told)
    assert json.loads(result.stdout)  # the rest still reported
    folder = tmp_path / "folder"
    shutil.copytree(cohort_dir, folder)
    clean = run(command, str(folder), "--format", "json")
    assert (clean.exit_code, clean.stderr) == (0, "")  # nothing skipped: nothing said
    (folder / "zz.yaml").write_text("kind: assessment\n", encoding="utf-8")
    result = run(command, str(folder), "--format", "json")
    assert result.exit_code == 1
    told = f"1 of {len(reviews) + 1} files skipped; the cohort is the other {len(reviews)}.\n"
    assert result.stderr.endswith(told)
    assert json.loads(result.stdout)


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("need.json", b'{\n  "'),
        ("need.Csv", b"\xef\xbb\xbfsection,kind,"),
        ("need.html", b"<!DOCTYPE html>"),
        ("need.txt", b"Support needed: 10 schools"),
    ],
)
def test_the_format_comes_from_the_output_files_extension(
    cohort_dir: Path, tmp_path: Path, name: str, first: bytes
) -> None:
    """`-o need.json` with no --format writes the JSON `--format json` prints, as `report`
    and `voices` do: before, a table went into the `.json` file."""
    check_format_by_extension("support", cohort_dir, tmp_path / name, first)


@pytest.mark.parametrize(("name", "given"), [("a.json", "table"), ("a.yaml", "table"), ("-", None)])
def test_format_wins_over_the_extension_and_dash_is_the_table(
    cohort_dir: Path, tmp_path: Path, name: str, given: str | None
) -> None:
    """--format says it outright, over an extension naming another format or none (`.yaml`:
    without --format, refused, tests/cli/test_terminal_formats.py); `-o -` keeps the table."""
    check_table_kept("support", cohort_dir, name if name == "-" else str(tmp_path / name), given)


@pytest.mark.parametrize("output", ["table", "json"])
def test_why_the_default_level_says_how_a_score_threshold_became_it(
    output: str, root: Path
) -> None:
    """The award asks `score_reached: 1.5` on a 0..3 scale: level 2, and the table and JSON
    say how; before round 50 they named only the award, and level 2 for 1.5 looked wrong."""
    questions = root / "examples" / "questions"
    args = ["support", str(questions / "example-setting.yaml"), "--format", output]
    result = run(*args, "--framework", str(questions / "technology-standards.yaml"))
    assert result.exit_code == 0, result.output
    why = (
        "the lowest threshold of the framework's awards (Connected and safe (illustrative): "
        "score 1.5 rounded up to level 2)"
    )
    if output == "json":
        listed = json.loads(result.stdout)
        assert (listed["reached"], listed["reached_from"]) == (2, why)
    else:
        assert f"not yet at level 2 ({why})." in " ".join(result.stdout.split())
