"""`cohort.positions`: behaviours a mutation pass (round 38) found no test pinning."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from selfreview_core import (
    Assessment,
    Cohort,
    Framework,
    Judgement,
    School,
    UnknownIdError,
    benchmark,
)
from selfreview_core.cohort.positions import score_percentiles


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


def test_a_saved_cohort_dated_in_digits_int_refuses_is_refused_for_its_date(
    small_framework: Framework,
) -> None:
    """A saved cohort without `year` whose date begins `²²²²` (digits to `str.isdigit`,
    not to `int()`): refused for its date, as any bad date is, not for a year taken from it
    with "invalid literal for int()"."""
    review = Assessment(
        framework=small_framework.ref,
        school=School(id="s0", name="School 0"),
        assessed_on=dt.date(2024, 9, 1),
        judgements={"A1.1": Judgement(level=2)},
    )
    data = benchmark(small_framework, [review]).model_dump(mode="json")
    del data["schools"][0]["year"]
    data["schools"][0]["assessed_on"] = "²²²²-09-01"
    with pytest.raises(ValidationError) as caught:
        Cohort.model_validate(data)
    where = {error["loc"]: error["type"] for error in caught.value.errors()}
    assert where[("schools", 0, "assessed_on")] == "date_from_datetime_parsing"
    assert "int()" not in str(caught.value)


def test_a_school_alone_at_the_worst_level_of_a_large_cohort_has_a_percentile_below_one(
    becta: Framework, small_framework: Framework
) -> None:
    """Percentiles run from 0 to 100, and in a cohort of more than 50 schools the one
    school at the worst level stands below 1 (100 * 1/2 / 101): it is built, and reads
    back, like any other."""
    for framework in (becta, small_framework):
        strand = framework.strand_ids[0]
        worst, best = framework.scale.levels[-1], framework.scale.levels[0]
        reviews = [
            Assessment(
                framework=framework.ref,
                school=School(id=f"s{i:03}", name=f"School {i}"),
                assessed_on=dt.date(2025, 9, 1),
                judgements={strand: Judgement(level=worst if i == 0 else best)},
            )
            for i in range(101)
        ]
        cohort = benchmark(framework, reviews)
        assert cohort.position("s000").percentile(strand) == 100 * 0.5 / 101
        assert Cohort.model_validate_json(cohort.model_dump_json()) == cohort


def test_a_cohort_saved_before_evidence_text_reads_back_without_it(becta: Framework) -> None:
    """`evidence` (whether positions carry evidence text) is False in a cohort written
    before the field existed: its positions carry none."""
    review = Assessment(
        framework=becta.ref,
        school=School(id="s1", name="School 1"),
        assessed_on=dt.date(2025, 9, 1),
        judgements={"1a1": Judgement(level=2, evidence="Minutes")},
    )
    data = benchmark(becta, [review]).model_dump(mode="json")
    del data["evidence"]
    read = Cohort.model_validate(data)
    assert read.evidence is False
    assert read == benchmark(becta, [review])


def test_an_unknown_id_is_named_with_the_cohorts_framework(becta: Framework) -> None:
    """`Cohort.stats` names the cohort's framework in its error; a school's `get`, which
    has no framework to name, says "the cohort's framework"."""
    review = Assessment(
        framework=becta.ref,
        school=School(id="s1", name="School 1"),
        assessed_on=dt.date(2025, 9, 1),
        judgements={"1a1": Judgement(level=2)},
    )
    cohort = benchmark(becta, [review])
    with pytest.raises(UnknownIdError) as caught:
        cohort.stats("1a9")
    assert caught.value.first.message == f"`1a9` is not an element, aspect or strand of {becta.ref}"
    with pytest.raises(UnknownIdError) as caught:
        cohort.position("s1").get("1a9")
    assert caught.value.first.message == (
        "`1a9` is not an element, aspect or strand of the cohort's framework"
    )
    # An empty id or name is said to be one (round 46: it was "`` is not ...").
    told = {}
    for call in (cohort.stats, cohort.strand, cohort.positions, cohort.position("s1").get):
        with pytest.raises(UnknownIdError) as caught:
            call("")
        told[call.__name__] = str(caught.value)
    assert told == {
        "stats": f"an empty id is not an element, aspect or strand of {becta.ref}",
        "strand": f"an empty id is not a strand of {becta.ref}",
        "positions": "no school in the cohort has an empty id",
        "get": "an empty id is not an element, aspect or strand of the cohort's framework",
    }


def test_a_position_holds_a_percentile_to_100_and_is_shown_unless_said_suppressed() -> None:
    """A position saved without `suppressed` (or by a caller who left it out) is a shown one;
    a percentile is a share, 0 to 100, and one past 100 is refused (round 41)."""
    from pydantic import ValidationError

    from selfreview_core.cohort.positions import Position

    assert Position.model_validate({"level": 1, "percentile": 100}).suppressed is False
    assert Position(level=None, percentile=0).percentile == 0
    with pytest.raises(ValidationError, match="percentile"):
        Position.model_validate({"level": 1, "percentile": 100.5})


def test_a_score_percentile_counts_those_below_and_half_those_at_the_score() -> None:
    """By score as by level (a framework with questions): 100 * (strictly lower + half the
    same) / judged. The SQL path and the definition share this function, so their property
    cannot see it wrong: it is held here on its own."""
    assert score_percentiles({0.5: 1, 1.75: 2, 3.0: 1}) == {0.5: 12.5, 1.75: 50.0, 3.0: 87.5}
    assert score_percentiles({2.0: 4}) == {2.0: 50.0}
    assert score_percentiles({}) == {}


@given(
    st.dictionaries(
        st.floats(0, 3, allow_nan=False).map(lambda x: round(x, 2)), st.integers(1, 50), min_size=1
    )
)
def test_score_percentiles_lie_in_0_to_100_rise_with_the_score_and_average_50(
    counts: dict[float, int],
) -> None:
    """Every school counted at its score, the percentiles average exactly 50."""
    found = score_percentiles(counts)
    ordered = [found[value] for value in sorted(counts)]
    assert all(0 < p < 100 for p in ordered)
    assert ordered == sorted(ordered)
    mean = sum(found[v] * c for v, c in counts.items()) / sum(counts.values())
    assert math.isclose(mean, 50.0)
