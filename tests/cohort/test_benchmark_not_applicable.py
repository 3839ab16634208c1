"""`benchmark` counts a strand a school marked not applicable apart from one it left
unjudged (SPEC section 10: "Not applicable ... is not unjudged: the strand leaves coverage's
denominator and every aggregate"). Before round 53 every output counted it under "not
judged": the distribution's `unjudged` (in Python and in DuckDB, from files and from a cohort
file), the text table, the dashboard's "+N not judged", a school's own table (`-`), and an
anonymised cohort suppressed it with the unjudged.

The cohort here: six settings of the example technology self-check, judged by level. Two
mark C-N-3 (cabling between buildings) not applicable and two leave it unjudged; one marks
S-F-1, the only strand of aspect S-F, not applicable (so the aspect is not applicable there
too)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from cohort.test_support_scores import FRAMEWORK, run
from selfreview_core.cohort.positions import Cohort

STRANDS = ("L-G-1", "L-G-2", "C-N-1", "C-N-2", "C-N-3", "S-C-1", "S-C-2", "S-F-1")
#: Each setting's strands not applicable, and those it left unjudged.
SETTINGS: dict[str, tuple[set[str], set[str]]] = {
    "S1": ({"C-N-3"}, set()),
    "S2": ({"C-N-3"}, set()),
    "S3": (set(), {"C-N-3"}),
    "S4": ({"S-F-1"}, set()),
    "S5": (set(), {"C-N-3"}),
    "S6": (set(), set()),
}


def _write(folder: Path) -> Path:
    folder.mkdir()
    for n, (school, (na, left)) in enumerate(SETTINGS.items()):
        lines = [
            "kind: assessment",
            "framework: example-tech-standards@1",
            f"school: {{id: {school}, name: Setting {school}}}",
            "assessed_on: 2026-11-01",
            "judgements:",
        ]
        for strand in STRANDS:
            if strand in na:
                lines.append(f"  {strand}: {{applicable: false, evidence: One building}}")
            elif strand not in left:
                lines.append(f"  {strand}: {1 + n % 3}")
        (folder / f"{school}.yaml").write_text("\n".join(lines) + "\n")
    return folder


def _source(tmp_path: Path, source: str) -> str:
    folder = _write(tmp_path / "reviews")
    if source == "files":
        return str(folder)
    out = tmp_path / "cohort.parquet"
    result = run("collect", str(folder), "--framework", FRAMEWORK, "-o", str(out))
    assert result.exit_code == 0, result.output
    return str(out)


def _benchmark(source: str, *args: str) -> Any:
    result = run("benchmark", source, "--framework", FRAMEWORK, *args)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("source", ["files", "parquet"])
def test_a_strand_not_applicable_is_counted_apart_from_one_not_judged(
    tmp_path: Path, source: str
) -> None:
    cohort = json.loads(_benchmark(_source(tmp_path, source), "--format", "json"))
    cabling = cohort["strands"]["C-N-3"]
    assert (cabling["judged"], cabling["unjudged"], cabling["not_applicable"]) == (2, 2, 2)
    filtering = cohort["aspects"]["S-F"]  # its one strand not applicable: so is the aspect
    assert (filtering["judged"], filtering["unjudged"], filtering["not_applicable"]) == (5, 0, 1)
    network = cohort["aspects"]["C-N"]  # other strands apply: the aspect is judged
    assert (network["judged"], network["unjudged"], network["not_applicable"]) == (6, 0, 0)
    assert cohort["overall"]["not_applicable"] == 0
    for table in ("strands", "aspects", "elements"):
        for stats in cohort[table].values():
            total = stats["judged"] + stats["unjudged"] + stats["not_applicable"]
            assert total == cohort["size"] == 6
    marked = {s["school"]["id"]: s.get("not_applicable") for s in cohort["schools"]}
    assert marked == {
        "S1": ["C-N-3"], "S2": ["C-N-3"], "S3": None, "S4": ["S-F-1", "S-F"], "S5": None,
        "S6": None,
    }  # fmt: skip
    assert Cohort.model_validate_json(json.dumps(cohort)).model_dump(mode="json") == cohort


def test_the_table_has_a_column_of_those_not_applicable(tmp_path: Path) -> None:
    table = _benchmark(_source(tmp_path, "files"))
    head = table[table.index("\nstrand ") + 1 :].splitlines()
    assert head[0].split()[-5:] == ["not", "not", "Q1", "median", "Q3"]
    assert head[1].split() == ["judged", "applicable"]
    cabling = next(line for line in head if line.startswith("C-N-3"))
    assert re.search(r" 2 +2 +\d +\d +\d$", cabling)  # 2 not judged, 2 not applicable
    filtering = next(line for line in head if line.startswith("S-F-1"))
    assert re.search(r" 0 +1 +\d +\d +\d$", filtering)


def test_the_dashboard_says_how_many_are_not_applicable_beside_not_judged(
    tmp_path: Path,
) -> None:
    page = _benchmark(_source(tmp_path, "parquet"), "--format", "html")
    assert ">+2 not judged, +2 not applicable</text>" in page
    # S-F-1 and its aspect S-F: none left unjudged; nowhere else
    assert page.count(">+1 not applicable</text>") == 2
    assert page.count("not applicable</text>") == 3


@pytest.mark.parametrize("anonymise", [[], ["--anonymise", "--min-group", "1"]])
def test_the_matrix_says_n_a_where_a_school_marked_every_strand_of_an_aspect_so(
    tmp_path: Path, anonymise: list[str]
) -> None:
    """S4 marked S-F-1, the only strand of aspect S-F, not applicable: its cell says so,
    not "not judged" (from DuckDB's rows, and from an anonymised cohort's)."""
    page = _benchmark(_source(tmp_path, "files"), "--format", "html", *anonymise)
    assert page.count('<td class="cell none" title="not applicable">n/a</td>') == 1
    assert '<td class="cell none" title="not judged">' not in page  # every aspect judged


def test_a_school_s_own_table_says_n_a_where_it_marked_a_strand_so(tmp_path: Path) -> None:
    source = _source(tmp_path, "files")
    table = _benchmark(source, "--school", "S1")
    assert re.search(r"^C-N-3 .* n/a ", table, re.M)
    assert "- means not judged; n/a: not applicable." in " ".join(table.split())
    left = _benchmark(source, "--school", "S3")
    assert re.search(r"^C-N-3 .* - ", left, re.M)
    assert "n/a" not in left


def test_report_cohort_says_n_a_for_a_review_the_cohort_does_not_hold(tmp_path: Path) -> None:
    cohort = _source(tmp_path, "parquet")
    review = tmp_path / "later.yaml"
    review.write_text(
        (tmp_path / "reviews" / "S1.yaml").read_text().replace("2026-11-01", "2027-11-01")
    )
    result = run("report", str(review), "--framework", FRAMEWORK, "--cohort", cohort)
    assert result.exit_code == 0, result.output
    assert re.search(r"^C-N-3 .* n/a ", result.stdout, re.M)


def test_an_anonymised_cohort_suppresses_a_small_count_of_not_applicable(
    tmp_path: Path,
) -> None:
    """With --min-group 2, the one setting that marked S-F-1 not applicable is a group of
    one: hidden, as one setting leaving it unjudged would be, with the judged count (judged,
    unjudged and not applicable add up to the size)."""
    source = _source(tmp_path, "files")
    cohort = json.loads(_benchmark(source, "--format", "json", "--anonymise", "--min-group", "2"))
    filtering = cohort["strands"]["S-F-1"]
    assert filtering["not_applicable"] is None
    assert filtering["judged"] is None
    assert filtering["suppressed"] is True
    # C-N-3: two at levels 1 and 3 (hidden), two unjudged (hidden too, with the judged
    # count, lest the two be worked out), two not applicable (shown)
    cabling = cohort["strands"]["C-N-3"]
    assert cabling["not_applicable"] == 2
    assert cabling["unjudged"] is None
    shown = sorted(tuple(s.get("not_applicable", ())) for s in cohort["schools"])
    assert shown == [(), (), (), (), ("C-N-3",), ("C-N-3",)]  # S-F-1's is hidden
    assert sum(s["strands"]["S-F-1"]["suppressed"] for s in cohort["schools"]) >= 2


def test_a_cohort_whose_figures_do_not_add_up_is_refused(tmp_path: Path) -> None:
    cohort = json.loads(_benchmark(_source(tmp_path, "files"), "--format", "json"))
    cohort["strands"]["C-N-3"]["unjudged"] = 3  # 3 + 3 + 2 is not 6
    with pytest.raises(ValueError, match="C-N-3: judged \\+ unjudged \\+ not_applicable is not"):
        Cohort.model_validate_json(json.dumps(cohort))


def test_a_cohort_without_strands_not_applicable_gains_only_a_zero(tmp_path: Path) -> None:
    """The bundled example cohort (Becta's framework): the JSON says `not_applicable: 0`,
    the table has no column for it, the dashboard no word of it."""
    examples = str(Path(FRAMEWORK).parents[1] / "cohort")
    cohort = json.loads(run("benchmark", examples, "--format", "json").stdout)
    figures = [*cohort["strands"].values(), *cohort["aspects"].values(), cohort["overall"]]
    assert {stats["not_applicable"] for stats in figures} == {0}
    assert all("not_applicable" not in school for school in cohort["schools"])
    assert "applicable" not in run("benchmark", examples).stdout
    assert "applicable" not in run("benchmark", examples, "--format", "html").stdout
