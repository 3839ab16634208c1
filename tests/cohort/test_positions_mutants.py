"""`cohort.positions`: behaviours a mutation pass (round 38) found no test pinning."""

from __future__ import annotations

import datetime as dt

from selfreview_core import Assessment, Cohort, Framework, Judgement, School, benchmark


def test_a_cohort_saved_before_years_reads_back_from_dates_as_well_as_text(
    becta: Framework, small_framework: Framework
) -> None:
    """A cohort written before entries had a `year` reads back with the year of its date
    whether the date is text (JSON) or a date (a YAML reader, or Python data): both scale
    directions."""
    for framework in (becta, small_framework):
        strand = framework.strand_ids[0]
        reviews = [
            Assessment(
                framework=framework.ref,
                school=School(id=f"s{i}", name=f"School {i}"),
                assessed_on=dt.date(2023 + i, 9, 1),
                judgements={strand: Judgement(level=framework.scale.levels[i])},
            )
            for i in range(2)
        ]
        cohort = benchmark(framework, reviews)
        data = cohort.model_dump()
        for entry in data["schools"]:
            assert isinstance(entry["assessed_on"], dt.date)
            del entry["year"]
        read = Cohort.model_validate(data)
        assert read == cohort
        assert [entry.year for entry in read.schools] == [2023, 2024]
