"""`report --cohort COHORT` against a small cohort (`cli/_report_extras.py`): the cohort's
figures that rest on fewer than `--min-group` other schools are withheld in every format,
and the report says which and why; the rest of the report is as it was.

Before, a report against a cohort of three schools showed their median and quartiles and
the school's percentile: with so few schools, where each of them stands.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
COHORT = ROOT / "examples" / "cohort"
NEW = str(ROOT / "examples" / "example-primary-2026.yaml")
OLD = ROOT / "examples" / "example-primary-2025.yaml"
#: Schools of the example cohort that judge every strand of the framework.
THREE = ("junior-5-2025.yaml", "primary-2-2025.yaml", "primary-8-2025.yaml")
EVERY = "The cohort has 3 other schools judging each of "
RULE = (
    "A cohort figure (median, quartiles, counts, and this school's percentile) is shown only "
    "where at least 5 schools other than this one have a level: with fewer, it would tell "
    "where they stand (--min-group)."
)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _collect(folder: Path, *files: Path) -> str:
    folder.mkdir()
    for file in files:
        shutil.copy(file, folder / file.name)
    out = folder.with_suffix(".parquet")
    result = run("collect", str(folder), "-o", str(out))
    assert result.exit_code == 0, result.output
    return str(out)


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A cohort of three schools, none of them the reported one."""
    return _collect(tmp_path_factory.mktemp("three") / "c", *(COHORT / f for f in THREE))


def _words(text: str) -> str:
    return " ".join(text.split())


def test_a_table_against_three_schools_withholds_their_figures_and_says_so(three: str) -> None:
    plain = run("report", NEW)
    result = run("report", NEW, "--cohort", three)
    assert result.exit_code == 0, result.output
    report, added = result.stdout.split("\nIn the cohort\n\n")
    assert report == plain.stdout  # the report itself as it was
    rows = {line.split()[0]: line.split() for line in added.splitlines() if line[:1].isalnum()}
    assert rows["1a1"][-4:] == ["[c]"] * 4  # Q1, median, Q3, percentile
    assert rows["1a1"][-5] == "3"  # the school's own level is shown
    assert rows["overall"][-4:] == ["[c]"] * 4
    words = _words(added)
    assert EVERY + "1a1, 1a2, 1b1," in words
    assert ": fewer than 5, so their figures are not shown. " + RULE in words


def test_json_withholds_the_figures_the_school_s_percentile_and_gives_the_note(
    three: str,
) -> None:
    result = run("report", NEW, "--cohort", three, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    plain = json.loads(run("report", NEW, "--format", "json").stdout)
    assert {k: v for k, v in data.items() if k != "cohort"} == plain
    cohort, school = data["cohort"]["cohort"], data["cohort"]["school"]
    assert cohort["min_group"] == 5
    for table in ("strands", "aspects", "elements"):
        for stats in cohort[table].values():
            assert stats["suppressed"] is True
            assert stats["median"] is stats["lower_quartile"] is stats["upper_quartile"] is None
            assert set(stats["counts"].values()) == {None}
            assert stats["judged"] == 3  # how many judge it is said, in words too
    assert cohort["overall"]["median"] is None
    assert school["strands"]["1a1"] == {
        "level": 3,
        "percentile": None,
        "has_evidence": True,
        "evidence": None,
        "suppressed": True,
    }
    assert school["overall"]["percentile"] is None
    (note,) = data["cohort"]["notes"]
    assert note.startswith(EVERY + "1a1, 1a2, ")
    assert note.endswith(RULE)


def test_the_page_and_the_governors_summary_say_so_and_draw_no_median(three: str) -> None:
    page = run("report", NEW, "--cohort", three, "--format", "html")
    assert page.exit_code == 0, page.output
    section = page.stdout.split('<section id="cohort">')[1].split("</section>\n</section>")[0]
    assert "median [c], percentile [c]" in section
    assert not re.search(r"median \d", section)
    assert "cohort median" not in section  # the mark drawn at the median
    assert "3 other schools judging each of 1a1, 1a2" in section
    summary = run("report", NEW, "--cohort", three, "--format", "summary")
    assert summary.exit_code == 0, summary.output
    aspects = summary.stdout.split('<section id="aspects">')[1].split("</section>")[0]
    assert "3 other schools judging each of 1a1" in aspects
    assert "this school&#x27;s percentile" in aspects
    cells = re.findall(r"<td>([^<]*)</td></tr>", aspects)
    assert cells == ["–"] * 3  # aspects 1a, 1b, 1c: no median in the column


def test_the_school_itself_does_not_count_among_the_five(tmp_path: Path) -> None:
    """Its own earlier review and four others: the four others' median could be read
    (the school knows its own level), so it is withheld; with five others it is shown."""
    four = [COHORT / f for f in (*THREE, "infant-4-2025.yaml")]
    with_own = _collect(tmp_path / "own", OLD, *four)
    result = run("report", NEW, "--cohort", with_own, "--format", "json")
    data = json.loads(result.stdout)["cohort"]
    assert data["cohort"]["strands"]["1a1"]["judged"] == 5
    assert data["cohort"]["strands"]["1a1"]["median"] is None
    assert data["notes"][0].startswith("The cohort has 4 other schools judging each of 1a1")
    five = _collect(tmp_path / "five", *four, COHORT / "special-9-2025.yaml")
    data = json.loads(run("report", NEW, "--cohort", five, "--format", "json").stdout)["cohort"]
    assert data["cohort"]["strands"]["1a1"]["median"] is not None
    assert data["school"]["strands"]["1a1"]["percentile"] is not None
    assert data["notes"] == []


def test_min_group_sets_the_threshold_and_needs_voices_or_cohort(three: str) -> None:
    shown = run("report", NEW, "--cohort", three, "--min-group", "3", "--format", "json")
    data = json.loads(shown.stdout)["cohort"]
    assert data["cohort"]["min_group"] == 3
    assert data["cohort"]["strands"]["1a1"]["median"] is not None
    assert data["notes"] == []
    alone = run("report", NEW, "--min-group", "3")
    assert alone.exit_code == 2
    assert "--min-group applies to --voices and --cohort: give one of them" in alone.stderr
    assert "Traceback" not in alone.output


def test_a_cohort_that_is_no_cohort_file_is_a_usage_error() -> None:
    """A review given as --cohort is named so, before anything is read or written."""
    result = run("report", NEW, "--cohort", str(OLD))
    assert result.exit_code == 2
    assert "Invalid value for --cohort: give a cohort file written by `selfreview collect`" in (
        result.stderr
    )
    assert result.stdout == ""
