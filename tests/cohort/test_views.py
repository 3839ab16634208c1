"""The cohort's table and CSV for anonymised cohorts: `[c]` exactly where a figure is
withheld, `-` or an empty cell where there is none, the figure itself everywhere else."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections.abc import Sequence

from selfreview_core import Assessment, Cohort, Framework, Judgement, School, anonymise, benchmark
from selfreview_core.cohort.views import WITHHELD, cohort_csv, cohort_table, school_table
from selfreview_core.exporters.csv import BOM


def cohort_of(
    framework: Framework, levels: Sequence[int | None], *, with_evidence: bool = False
) -> Cohort:
    """School `s<i>` judges A1.1 at `levels[i]` (None: not at all) with evidence, and A1.2
    at 0 without."""
    return benchmark(
        framework,
        [
            Assessment(
                framework=framework.ref,
                school=School(id=f"s{i}", name=f"Name {i}"),
                assessed_on=dt.date(2025, 6, 1),
                judgements={"A1.2": Judgement(level=0)}
                | ({} if level is None else {"A1.1": Judgement(level=level, evidence="Minutes")}),
            )
            for i, level in enumerate(levels)
        ],
        with_evidence=with_evidence,
    )


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix(BOM))))


def table_row(table: str, first: str) -> list[str]:
    return next(line.split() for line in table.splitlines() if line.startswith(first + " "))


def test_withheld_and_shown_figures_in_the_table(small_framework: Framework) -> None:
    """Two at 0 and three at 1 withheld, six at 2 and five at 3 shown; the lower quartile is
    undecided, the median (2) and upper quartile (3) are decided."""
    cohort = cohort_of(small_framework, [0] * 2 + [1] * 3 + [2] * 6 + [3] * 5)
    anonymous = anonymise(cohort, rng=random.Random(0)).cohort
    row = table_row(cohort_table(anonymous), "A1.1")
    # strand, title (2 words), counts from worst (0) to best (3), not judged, quartiles
    assert row[-8:] == [WITHHELD, WITHHELD, "6", "5", "0", WITHHELD, "2", "3"]
    assert table_row(cohort_table(anonymous), "A1.2")[-8:] == [
        "16",
        "0",
        "0",
        "0",
        "0",
        "0",
        "0",
        "0",
    ]


def test_no_judged_school_is_a_dash_not_withheld(small_framework: Framework) -> None:
    cohort = cohort_of(small_framework, [None] * 5 + [0] * 6)
    anonymous = anonymise(cohort, rng=random.Random(0)).cohort
    row = table_row(cohort_table(anonymous), "B1.1")  # judged by nobody
    assert row[-8:] == ["0", "0", "0", "0", "11", "-", "-", "-"]


def test_withheld_and_shown_figures_in_the_csv(small_framework: Framework) -> None:
    cohort = cohort_of(small_framework, [0] * 2 + [1] * 3 + [2] * 6 + [3] * 5 + [None] * 5)
    anonymous = anonymise(cohort, rng=random.Random(0)).cohort
    rows = [row for row in rows_of(cohort_csv(anonymous)) if row["id"] == "A1.1"]
    assert {row["cohort_lower_quartile"] for row in rows} == {WITHHELD}
    assert {(row["cohort_median"], row["cohort_upper_quartile"]) for row in rows} == {("2", "3")}
    assert {row["cohort_judged"] for row in rows} == {"16"}
    levels = {(row["level"], row["percentile"]) for row in rows}
    # At 2: hidden cells only below, so its percentile is decided; at 3 likewise; withheld
    # levels are [c]; the five that did not judge A1.1 (a shown group) are empty cells.
    assert levels == {
        (WITHHELD, WITHHELD),
        ("2", "50.0"),
        ("3", "84.4"),
        ("", ""),
    }
    assert {row["has_evidence"] for row in rows} == {""}  # no flags in others' rows


def test_one_schools_own_view_in_table_and_csv(small_framework: Framework) -> None:
    cohort = cohort_of(small_framework, [0] * 2 + [1] * 3 + [2] * 6 + [3] * 5)
    made = anonymise(cohort, rng=random.Random(0))
    own = made.school("s0")  # at 0: its own level shows, its percentile is undecided
    table = school_table(made.cohort, own)
    assert table.startswith(f"{own.school.name} ({own.school.id}), reviewed in 2025\n")
    assert table_row(table, "A1.1")[-5:] == ["0", WITHHELD, "2", "3", WITHHELD]
    (row,) = [r for r in rows_of(cohort_csv(made.cohort, [own])) if r["id"] == "A1.1"]
    assert (row["level"], row["percentile"], row["has_evidence"], row["assessed_on"]) == (
        "0",
        WITHHELD,
        "yes",
        "2025",
    )


def test_a_withheld_year_is_marked(small_framework: Framework) -> None:
    reviews = [
        Assessment(
            framework=small_framework.ref,
            school=School(id=f"s{i}", name="N"),
            assessed_on=dt.date(2025 if i else 2019, 1, 1),
            judgements={},
        )
        for i in range(6)
    ]
    anonymous = anonymise(benchmark(small_framework, reviews), rng=random.Random(0)).cohort
    years = {row["assessed_on"] for row in rows_of(cohort_csv(anonymous))}
    assert years == {"2025", WITHHELD}


def test_evidence_column_only_with_evidence(small_framework: Framework) -> None:
    plain = cohort_of(small_framework, [0, 1])
    assert "evidence" not in rows_of(cohort_csv(plain))[0]
    assert {r["has_evidence"] for r in rows_of(cohort_csv(plain)) if r["id"] == "A1.1"} == {"yes"}
    assert {r["has_evidence"] for r in rows_of(cohort_csv(plain)) if r["id"] == "A1.2"} == {"no"}
    full = cohort_of(small_framework, [0, 1], with_evidence=True)
    rows = rows_of(cohort_csv(full))
    assert {r["evidence"] for r in rows if r["id"] == "A1.1"} == {"Minutes"}
    assert {r["evidence"] for r in rows if r["id"] == "A1"} == {""}


def test_the_table_fits_its_width_and_keeps_every_title_whole(
    small_framework: Framework,
) -> None:
    """Titles wrap within their column, never cut ("..."); the figures stay on the row's
    first line; every line fits the width, down to a narrow terminal."""
    long_title = "A strand whose title runs on for many words, well past any narrow column"
    framework = small_framework.model_copy(deep=True)
    strand = framework.elements[0].aspects[0].strands[0]
    object.__setattr__(strand, "title", long_title)
    cohort = cohort_of(framework, [0, 1, 2, 3, None])
    own = cohort.schools[0]
    for width in (60, 80, 120):
        for table in (cohort_table(cohort, width), school_table(cohort, own, width)):
            assert max(len(line) for line in table.splitlines()) <= width, (width, table)
            assert "..." not in table
            lines = table.splitlines()
            at = next(i for i, line in enumerate(lines) if line.startswith("A1.1 "))
            column = [lines[at][9:].split("  ")[0]]
            column += [line.strip() for line in lines[at + 1 :] if line.startswith(" " * 9)]
            assert " ".join(column) == long_title, table
    row = table_row(cohort_table(cohort, 60), "A1.1")
    assert row[-8:-3] == ["1", "1", "1", "1", "1"]  # the figures on the first line


def test_the_school_and_the_framework_show_their_invisible_characters(
    small_framework: Framework,
) -> None:
    """A school's and a framework's ids are names (`escaping.shown_name`): `s0` and `s0`
    with a zero-width space after it read alike in the headings before round 46. The
    school's name keeps its joiner."""
    z = "\u200b"
    framework = small_framework.model_copy(update={"id": f"small{z}"})
    cohort = cohort_of(framework, [0, 1, 2])
    own = cohort.schools[0]
    own = own.model_copy(
        update={"school": own.school.model_copy(update={"id": f"s0{z}", "name": f"N{z}ame"})}
    )
    assert school_table(cohort, own, 200).startswith(f"N{z}ame (s0\\u200b), reviewed 2025-06-01\n")
    assert "Cohort of 3 schools (latest review of each school) on small\\u200b@1." in (
        cohort_table(cohort, 200)
    )
    anonymous = own.model_copy(update={"school": own.school.model_copy(update={"id": ""})})
    assert school_table(cohort, anonymous, 200).startswith(f"N{z}ame (), reviewed")
