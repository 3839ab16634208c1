"""`cohort/views.py`: what round 68's mutation pass of the lines round 67 left found no test
holding. A framework's own words and a withheld-figures note are printed as written: never
read as numbers by the table's layout, never joined onto one line by the notes' wrapping."""

from __future__ import annotations

import datetime as dt

from selfreview_core import Assessment, Cohort, Framework, Judgement, School, benchmark
from selfreview_core.cohort.views import school_table
from selfreview_core.model.questions import Terms

from .test_views_mutants import own_cell


def _every_strand_judged(framework: Framework) -> Cohort:
    """Six schools, each judging every strand (so a school's own column holds only levels)."""
    scale = framework.scale
    strands = framework.strand_ids
    return benchmark(
        framework,
        [
            Assessment(
                framework=framework.ref,
                school=School(id=f"s{n}", name=f"School {n}"),
                assessed_on=dt.date(2025, 6, 1),
                judgements={s: Judgement(level=scale.from_rank(n % 3)) for s in strands},
            )
            for n in range(6)
        ],
    )


def test_a_subject_word_that_looks_like_a_number_heads_the_schools_column_as_written(
    small_framework: Framework,
) -> None:
    """Terms a framework gives (`subject: "1.50"`) head the school's own column. With every
    strand judged that column holds only numbers, and a table layout that read numbers would
    print the heading as `1.5`: the table keeps every cell as text."""
    cohort = _every_strand_judged(small_framework)
    terms = Terms(subject="1.50", subjects="1.50s")
    table = school_table(cohort, cohort.position("s1"), width=120, terms=terms)
    headings = next(line for line in table.splitlines() if line.startswith("strand"))
    assert headings.split() == ["strand", "title", "1.50", "Q1", "median", "Q3", "percentile"]
    level = str(small_framework.scale.from_rank(1))
    assert own_cell(table, "A1.1") == own_cell(table, "overall") == level


def test_a_withheld_note_holding_a_line_break_shows_it_escaped(
    small_framework: Framework,
) -> None:
    """The note naming withheld figures quotes the framework's titles, which may hold a line
    break (a YAML block title). It is shown escaped, `\\n`, as every title in a table is:
    not turned into a space by the notes' wrapping, so the quoted title reads as it is."""
    cohort = _every_strand_judged(small_framework)
    note = 'Q1 of "Vision\nnow" is withheld.'
    table = school_table(cohort, cohort.position("s1"), width=200, note=note)
    last = table.rstrip("\n").splitlines()[-1]
    assert last.endswith('[c]: withheld. Q1 of "Vision\\nnow" is withheld.')
