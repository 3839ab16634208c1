"""`benchmark`'s tables isolate right-to-left text (U+2068 ... U+2069,
`text_tables.isolated`) as every other table does since round 75: a strand's title in
Hebrew, beside the counts and quartiles of its row, and a school's name first on
`--school`'s heading. Not isolated, a terminal that orders text by the bidirectional
algorithm laid the row's digits out on the wrong side of the title, and the heading right
to left as a whole (`(s1) שלום`). Text without right-to-left letters is as it was."""

from __future__ import annotations

import datetime as dt
from typing import Any

from selfreview_core import Assessment, Cohort, Framework, Judgement, School, benchmark
from selfreview_core.cohort.views import cohort_table, school_table

FSI, PDI = "\u2068", "\u2069"
HEBREW = "בית ספר שלום"
LATIN = "abc def ghij"  # as wide, its spaces where the Hebrew has them


def _cohort(framework: Framework, name: str) -> Cohort:
    level = framework.scale.from_rank(1)
    return benchmark(
        framework,
        [
            Assessment(
                framework=framework.ref,
                school=School(id=f"s{n}", name=name if n else "School 0"),
                assessed_on=dt.date(2025, 6, 1),
                judgements={s: Judgement(level=level) for s in framework.strand_ids},
            )
            for n in range(2)
        ],
    )


def _titled(framework: Framework, title: str) -> Framework:
    """`framework` with its first strand titled `title`."""
    data: dict[str, Any] = framework.model_dump(mode="json", exclude_none=True)
    data["elements"][0]["aspects"][0]["strands"][0]["title"] = title
    return Framework.model_validate(data)


def test_a_right_to_left_strand_title_is_isolated_in_the_cohort_table(
    small_framework: Framework,
) -> None:
    """The row reads as the row of a Latin title of the same width, its title isolated."""
    hebrew = cohort_table(_cohort(_titled(small_framework, HEBREW), "School 1"), width=120)
    latin = cohort_table(_cohort(_titled(small_framework, LATIN), "School 1"), width=120)
    row = next(line for line in hebrew.splitlines() if HEBREW in line)
    assert f"{FSI}{HEBREW}{PDI}" in row
    assert hebrew.replace(f"{FSI}{HEBREW}{PDI}", LATIN) == latin
    assert FSI not in latin


def test_a_right_to_left_school_name_is_isolated_first_on_the_school_heading(
    small_framework: Framework,
) -> None:
    cohort = _cohort(small_framework, HEBREW)
    heading = school_table(cohort, cohort.position("s1"), width=120).splitlines()[0]
    assert heading == f"{FSI}{HEBREW}{PDI} (s1), reviewed 2025-06-01"
    latin = _cohort(small_framework, "School 1")
    assert school_table(latin, latin.position("s1"), width=120).splitlines()[0] == (
        "School 1 (s1), reviewed 2025-06-01"
    )
