"""`report --cohort COHORT` against a small cohort (`cli/_report_extras.py`): the cohort's
figures that rest on `--min-group` schools or fewer are withheld in every format,
and the report says which and why; the rest of the report is as it was.

Before, a report against a cohort of three schools showed their median and quartiles and
the school's percentile: with so few schools, where each of them stands. Then which
figures were withheld hung on which school the report was for, so two schools' reports, or
one run with a review carrying another school's id, told whether that school has a level
there; now it is the same in every school's report.
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
#: Seven schools of the example cohort, one of them judging only some strands.
SEVEN = (
    *THREE,
    "infant-4-2025.yaml",
    "special-9-2025.yaml",
    "primary-3-2025.yaml",
    "secondary-6-2025.yaml",
)
EVERY = "The cohort has 3 schools judging each of "
RULE = (
    "A cohort figure (median, quartiles, counts, and this school's percentile) is shown only "
    "where at least 6 schools have a level, so that 5 or more stand behind it besides any "
    "one of them, and it is withheld alike in every school's report: with fewer, it would "
    "tell where they stand (--min-group)."
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
    assert ": fewer than 6, so their figures are not shown. " + RULE in words


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
    assert "3 schools judging each of 1a1, 1a2" in section
    summary = run("report", NEW, "--cohort", three, "--format", "summary")
    assert summary.exit_code == 0, summary.output
    aspects = summary.stdout.split('<section id="aspects">')[1].split("</section>")[0]
    assert "3 schools judging each of 1a1" in aspects
    assert "this school&#x27;s percentile" in aspects
    cells = re.findall(r"<td>([^<]*)</td></tr>", aspects)
    assert cells == ["–"] * 3  # aspects 1a, 1b, 1c: no median in the column


def test_any_school_of_the_cohort_has_five_others_behind_a_figure(tmp_path: Path) -> None:
    """A figure needs six schools with a level, whoever the report is for: of five (the
    school's own earlier review and four others, here), a school among them would read
    the four others' median (it knows its own level); with six it is shown."""
    four = [COHORT / f for f in (*THREE, "infant-4-2025.yaml")]
    with_own = _collect(tmp_path / "own", OLD, *four, COHORT / "special-9-2025.yaml")
    result = run("report", NEW, "--cohort", with_own, "--format", "json")
    data = json.loads(result.stdout)["cohort"]
    assert data["cohort"]["strands"]["1a1"]["judged"] == 6
    assert data["cohort"]["strands"]["1a1"]["median"] is not None
    assert data["school"]["strands"]["1a1"]["percentile"] is not None
    assert all(" 1a1" not in note for note in data["notes"])
    five = _collect(tmp_path / "five", *four, COHORT / "special-9-2025.yaml")
    data = json.loads(run("report", NEW, "--cohort", five, "--format", "json").stdout)["cohort"]
    assert data["cohort"]["strands"]["1a1"]["judged"] == 5
    assert data["cohort"]["strands"]["1a1"]["median"] is None
    assert data["school"]["strands"]["1a1"]["percentile"] is None
    assert data["notes"][0].startswith("The cohort has 5 schools judging each of 1a1")


def _figures(review: Path, cohort: str, min_group: int) -> dict[str, object]:
    """The cohort's figures in `review`'s JSON report: what its reader sees of the others."""
    result = run(
        "report", str(review), "--cohort", cohort, "--min-group", str(min_group), "--format", "json"
    )
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)["cohort"]
    return {"cohort": shown["cohort"], "notes": shown["notes"]}


def test_two_schools_reports_differ_in_nothing_of_the_cohort(tmp_path: Path) -> None:
    """The differencing attack: seven schools, one judging only some strands, each one's
    report against the cohort, at every threshold. Were a figure computed over the other
    schools, or withheld by how many others judge it, two reports would differ where one
    school is in the figure and the other is not: a median or a count of six schools
    against one of five tells the sixth one's level, and shown against withheld tells
    whether it has one. Every report shows the same cohort figures and withholds the same
    ones, so subtracting one from another leaves nothing. (Before, a strand that six of seven
    judge was withheld, at --min-group 6, from those six and shown to the seventh.)"""
    files = [COHORT / f for f in SEVEN]
    cohort = _collect(tmp_path / "seven", *files)
    for min_group in (1, 3, 4, 5, 6):
        first, *rest = (_figures(file, cohort, min_group) for file in files)
        assert all(other == first for other in rest), min_group
        shown = first["cohort"]
        assert isinstance(shown, dict)
        for table in ("strands", "aspects", "elements"):
            for stats in shown[table].values():  # any school has min_group others behind it
                assert stats["median"] is None or stats["judged"] > min_group
    strands = json.loads(
        run("report", str(files[0]), "--cohort", cohort, "--format", "json").stdout
    )["cohort"]["cohort"]["strands"]
    assert sorted({s["judged"] for s in strands.values()}) == [6, 7]  # one judges fewer


def test_min_group_sets_the_threshold_and_needs_voices_or_cohort(three: str) -> None:
    shown = run("report", NEW, "--cohort", three, "--min-group", "2", "--format", "json")
    data = json.loads(shown.stdout)["cohort"]
    assert data["cohort"]["min_group"] == 2
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
