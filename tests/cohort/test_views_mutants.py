"""The cohort's tables as the authority reads them (`cohort.views`): behaviours the mutation
pass of round 41 found no test pinning. Both scale directions where levels matter."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

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
from selfreview_core.cohort.views import WITHHELD, cohort_table, school_table
from selfreview_core.model.questions import Terms


@pytest.fixture(params=["becta", "small_framework"])
def framework(request: pytest.FixtureRequest) -> Framework:
    """Both scale directions: Becta's best level is 1, the small framework's is 3."""
    found: Framework = request.getfixturevalue(request.param)
    return found


def cohort_of(framework: Framework, ranks: Sequence[int | None]) -> Cohort:
    """School `s<i>` judges the first strand at the level of rank `ranks[i]` (None: not at
    all), and nothing else."""
    strand = framework.strand_ids[0]
    scale = framework.scale
    return benchmark(
        framework,
        [
            Assessment(
                framework=framework.ref,
                school=School(id=f"s{i}", name=f"Name {i}"),
                assessed_on=dt.date(2025, 6, 1),
                judgements={} if rank is None else {strand: Judgement(level=scale.from_rank(rank))},
            )
            for i, rank in enumerate(ranks)
        ],
    )


def own_cell(table: str, strand: str) -> str:
    """The school's own cell of `strand`'s row in `school_table` (after id and title)."""
    line = next(line for line in table.splitlines() if line.startswith(strand + " "))
    return [cell for cell in line.split("  ") if cell.strip()][2].strip()


def test_a_score_is_shown_only_beside_the_level_it_leads_to(framework: Framework) -> None:
    """SPEC section 10: `2.5 (level L)` where the score's whole part is the level's rank;
    a score that leads to another level (from another review, or a caller's mistake) is
    not written beside it, nor beside a strand with no level."""
    cohort = cohort_of(framework, [2, 0, 1])
    own = next(entry for entry in cohort.schools if entry.school.id == "s0")
    strand, other = framework.strand_ids[:2]
    level = framework.scale.from_rank(2)

    def cell(score: float, on: str = strand) -> str:
        return own_cell(school_table(cohort, own, width=200, scores={on: score}), on)

    assert cell(2.5) == f"2.5 (level {level})"
    assert cell(0.75) == str(level)  # leads to the level of rank 0
    assert cell(2.99) == f"2.99 (level {level})"
    assert cell(2.123456) == f"2.123 (level {level})"  # three places at most
    assert cell(1.5, on=other) == "-"  # not judged: no level, no score beside it


def test_a_title_with_a_tab_or_a_line_break_stays_on_its_row(framework: Framework) -> None:
    """A title from a file is shown escaped on one line: a raw tab or line break would
    break the table's columns (and a line break start a row of its own)."""
    changed = framework.model_copy(deep=True)
    strand = changed.elements[0].aspects[0].strands[0]
    object.__setattr__(strand, "title", "Tab\there\nand on")
    cohort = cohort_of(changed, [0, 1])
    for table in (cohort_table(cohort, 200), school_table(cohort, cohort.schools[0], 200)):
        assert "\t" not in table
        (row,) = [line for line in table.splitlines() if line.startswith(strand.id + " ")]
        assert "Tab\\there\\nand on" in row, table


def test_the_counts_are_aligned_right_in_every_level_column(framework: Framework) -> None:
    """Numbers line up by their last digit, the worst level's column too: 10 over 0."""
    cohort = cohort_of(framework, [0] * 10)
    table = cohort_table(cohort, width=200)
    first, second = framework.strand_ids[:2]
    rows = {line.split()[0]: line for line in table.splitlines() if line.strip()}
    tens = rows[first].index(" 10 ") + 3
    assert rows[second][tens - 2 : tens] == " 0", table


@pytest.mark.parametrize(
    ("count", "latest_only", "said"),
    [
        (1, False, "Cohort of 1 review (every review counted)"),
        (2, False, "Cohort of 2 reviews (every review counted)"),
        (1, True, "Cohort of 1 school (latest review of each school)"),
        (2, True, "Cohort of 2 schools (latest review of each school)"),
    ],
)
def test_the_cohort_is_counted_in_the_singular_or_plural(
    small_framework: Framework, count: int, latest_only: bool, said: str
) -> None:
    reviews = [
        Assessment(
            framework=small_framework.ref,
            school=School(id="s", name="Name"),
            assessed_on=dt.date(2025, 6, 1 + n),
            judgements={"A1.1": Judgement(level=n)},
        )
        for n in range(count)
    ]
    if latest_only:  # one school a review: each counts
        reviews = [
            r.model_copy(update={"school": School(id=f"s{n}", name="N")})
            for n, r in enumerate(reviews)
        ]
    cohort = benchmark(small_framework, reviews, latest_only=latest_only)
    assert cohort_table(cohort, width=200).startswith(f"{said} on {small_framework.ref}.\n")


def test_the_title_column_keeps_twelve_characters_on_the_narrowest_terminal(
    becta: Framework,
) -> None:
    """Where the figures leave no room (a 40-column terminal), titles still get a column of
    12 characters (`TITLE_LEAST`), wrapped within it, rather than one a word wide."""
    table = cohort_table(cohort_of(becta, [0, 1, 2]), width=40)
    rule = next(line for line in table.splitlines() if line.startswith("-------  "))
    assert rule.split("  ")[1] == "-" * 12, table


def test_a_long_title_takes_all_the_room_the_figures_leave(framework: Framework) -> None:
    """The title column is as wide as the width allows, not narrower: the table is exactly
    `width` wide when a title is longer than the room (and wraps no more than it must)."""
    changed = framework.model_copy(deep=True)
    strand = changed.elements[0].aspects[0].strands[0]
    object.__setattr__(strand, "title", "x" * 300)  # cut at the column's width
    cohort = cohort_of(changed, [0, 1, 2])
    for width in (60, 80, 120):
        for table in (cohort_table(cohort, width), school_table(cohort, cohort.schools[0], width)):
            lines = table.splitlines()
            at = next(i for i, line in enumerate(lines) if line.startswith(strand.id + " "))
            end = lines.index("", at)  # the table's last line, before its notes
            assert max(len(line) for line in lines[at - 3 : end]) == width, (width, table)


def test_a_schools_name_and_the_frameworks_words_with_tabs_stay_on_their_lines(
    small_framework: Framework,
) -> None:
    """A school's name and the framework's `terms:` are text from files: a tab or a line
    break in them is shown escaped in the school's heading, its column's heading and the
    notes, never raw (which would break the heading's line or the table's columns)."""
    review = Assessment(
        framework=small_framework.ref,
        school=School(id="s0", name="Name\twith\na break"),
        assessed_on=dt.date(2025, 6, 1),
        judgements={"A1.1": Judgement(level=1)},
    )
    cohort = benchmark(small_framework, [review])
    terms = Terms(subject="set\nting", subjects="set\ttings")
    table = school_table(cohort, cohort.schools[0], 200, terms)
    assert "\t" not in table
    lines = table.splitlines()
    assert lines[0] == "Name\\twith\\na break (s0), reviewed 2025-06-01"
    assert lines[1].startswith("Cohort of 1 set\\nting (latest review of each set\\nting)")
    assert next(line for line in lines if line.startswith("strand ")).split()[2] == "set\\nting"
    assert "share of the set\\ttings with a level" in " ".join(lines)
    whole = cohort_table(cohort, 200, terms)
    assert whole.startswith("Cohort of 1 set\\nting (latest review of each set\\nting)")
    assert "Set\\ttings at each level" in whole
    assert "only the set\\ttings with a level" in whole.replace("\n", " ")


def test_quartiles_of_one_school_are_withheld_and_of_none_a_dash(becta: Framework) -> None:
    """Anonymised: a strand only one school judged has its quartiles withheld (`[c]`), not
    `-`, which says no school has a level there (and so would tell that one school did);
    a strand nobody judged is `-`."""
    first, second = becta.strand_ids[:2]
    reviews = [
        Assessment(
            framework=becta.ref,
            school=School(id=f"s{n}", name="N"),
            assessed_on=dt.date(2025, 6, 1),
            judgements={second: Judgement(level=3)} | ({} if n else {first: Judgement(level=2)}),
        )
        for n in range(6)
    ]
    anonymous = anonymise(benchmark(becta, reviews), min_group=5, rng=random.Random(0)).cohort
    table = cohort_table(anonymous, 200).splitlines()
    rows = {line.split()[0]: line.split() for line in table if line.strip()}
    third = becta.strand_ids[2]
    assert rows[first][-3:] == [WITHHELD] * 3, rows[first]
    assert rows[third][-3:] == ["-"] * 3, rows[third]
