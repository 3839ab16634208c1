"""`cohort/views.py` after round 53 (not applicable apart from not judged, SPEC section 10):
what the mutation pass of round 54 found no test holding. Both scale directions where
levels matter."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import random
from collections.abc import Mapping

import pytest

from selfreview_core import (
    Assessment,
    Cohort,
    Framework,
    Judgement,
    School,
    anonymise,
    benchmark,
)
from selfreview_core.cohort.views import PIPE_WIDTH, cohort_csv, cohort_table, school_table
from selfreview_core.text_tables import display_width

from .test_views_mutants import own_cell

#: A strand marked not applicable in `cohort_with`'s ranks.
NA = "n/a"


def cohort_with(framework: Framework, schools: Mapping[str, Mapping[str, int | str]]) -> Cohort:
    """Each school's strands at a rank (0: the worst) or not applicable (`NA`); a strand not
    named is not judged."""
    scale = framework.scale
    return benchmark(
        framework,
        [
            Assessment(
                framework=framework.ref,
                school=School(id=school, name=f"Name {school}"),
                assessed_on=dt.date(2025, 6, 1),
                judgements={
                    strand: Judgement(applicable=False, evidence="Not here.")
                    if rank == NA
                    else Judgement(level=scale.from_rank(int(rank)))
                    for strand, rank in ranks.items()
                },
            )
            for school, ranks in schools.items()
        ],
    )


@pytest.mark.parametrize("name", ["becta", "small_framework"])
def test_a_school_that_marked_every_strand_not_applicable_is_not_applicable_overall(
    name: str, request: pytest.FixtureRequest
) -> None:
    """Its own column says n/a on every strand and overall (overall is not applicable where
    every strand is), not `-` (not judged) overall; a school with one strand not applicable
    still has its overall level. Both scale directions: Becta's best level is 1, the small
    framework's 3."""
    framework: Framework = request.getfixturevalue(name)
    strands = framework.strand_ids
    cohort = cohort_with(
        framework,
        {
            "all": dict.fromkeys(strands, NA),
            "one": {strands[0]: NA, **dict.fromkeys(strands[1:], 1)},
            **{f"s{n}": dict.fromkeys(strands, 2) for n in range(3)},
        },
    )
    table = school_table(cohort, cohort.position("all"), width=200)
    assert [own_cell(table, s) for s in (*strands, "overall")] == ["n/a"] * (len(strands) + 1)
    assert "- means not judged; n/a: not applicable." in " ".join(table.split())
    table = school_table(cohort, cohort.position("one"), width=200)
    level = str(framework.scale.from_rank(1))
    assert [own_cell(table, s) for s in (strands[0], strands[1], "overall")] == [
        "n/a",
        level,
        level,
    ]


def _applicable(cohort: Cohort) -> dict[tuple[str, str], str]:
    """The `applicable` column of `cohort_csv`, by school and id."""
    rows = csv.DictReader(io.StringIO(cohort_csv(cohort).removeprefix("\ufeff")))
    return {(row["school_id"], row["id"]): row["applicable"] for row in rows}


def test_a_cohorts_csv_tells_a_strand_marked_not_applicable_from_one_not_judged(
    becta: Framework,
) -> None:
    """Round 67's pass: no test read the column (`cohort_csv` of a cohort built in Python;
    the commands write theirs in SQL). `no` where the school marked the strand not
    applicable, `yes` where it judged it or left it unjudged (its empty level is not judged);
    under `--anonymise`'s suppression a hidden empty cell is withheld, `[c]`, since which of
    the two it is would tell the hidden count."""
    first, second, third = becta.strand_ids[:3]
    schools: dict[str, dict[str, int | str]] = {
        "a": {first: NA, second: 1, third: 2},
        "c": {first: 3, third: 2},
        **{f"b{n}": {first: 2, second: 2, third: 2} for n in range(4)},
    }
    said = _applicable(cohort_with(becta, schools))
    assert said[("a", first)] == "no"
    assert said[("b0", first)] == said[("a", second)] == said[("c", second)] == "yes"
    anonymised = anonymise(cohort_with(becta, schools), rng=random.Random(3))
    hidden = _applicable(anonymised.cohort)
    label = anonymised.labels
    assert hidden[(label["a"], first)] == hidden[(label["c"], second)] == "[c]"
    assert hidden[(label["a"], third)] == hidden[(label["b0"], third)] == "yes"


def test_a_cohorts_table_to_a_file_or_pipe_fills_eighty_columns_and_no_more(
    becta: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Round 67's pass: no test held the width a table takes with no terminal to fit, 80
    (`PIPE_WIDTH`): Becta's titles wrap so that the widest line is 80, not 81 (nor wider,
    with the title's room counted the wrong way)."""
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(
        "shutil.get_terminal_size", lambda fallback=(0, 0): os.terminal_size(fallback)
    )
    strands = becta.strand_ids
    cohort = cohort_with(becta, {f"s{n}": dict.fromkeys(strands, n % 3) for n in range(6)})
    for table in (cohort_table(cohort), school_table(cohort, cohort.position("s1"))):
        assert max(display_width(line) for line in table.splitlines()) == PIPE_WIDTH == 80
