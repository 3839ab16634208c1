"""Cohort benchmarks on small hand-written cases, in both scale directions.

SPEC: "per strand, aspect and element the count of schools at each level, the median and
quartiles, and for each school its position (percentile) against the cohort; a school with
several reviews counts with its latest unless asked otherwise. It streams."

`anonymise`'s tests are in test_anonymity.py, and `benchmark_files`' in test_files.py.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import random
import re
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from pydantic import ValidationError

from selfreview_core import (
    Assessment,
    Cohort,
    Duplicate,
    Framework,
    InvalidDocument,
    Judgement,
    School,
    UnknownIdError,
    anonymise,
    benchmark,
)
from selfreview_core.cohort.views import csv_cell

if TYPE_CHECKING:
    from collections.abc import Iterator


def review(
    framework: Framework,
    school_id: str,
    levels: dict[str, int],
    *,
    on: dt.date = dt.date(2025, 10, 1),
    name: str | None = None,
    authority: str | None = "Example LEA",
) -> Assessment:
    return Assessment(
        framework=framework.ref,
        school=School(
            id=school_id, name=name or f"Example School {school_id}", authority=authority
        ),
        assessed_on=on,
        judgements={strand: Judgement(level=level) for strand, level in levels.items()},
    )


def one_strand(framework: Framework, strand: str, levels: list[int | None]) -> Cohort:
    """A cohort where school `s<i>` judges only `strand`, at `levels[i]` (None: not at all)."""
    return benchmark(
        framework,
        [
            review(framework, f"s{i}", {} if level is None else {strand: level})
            for i, level in enumerate(levels)
        ],
    )


# -- counts -------------------------------------------------------------------------------


def test_counts_cover_every_level_best_first(small_framework: Framework) -> None:
    cohort = one_strand(small_framework, "A1.1", [0, 1, 1, 3, None])
    stats = cohort.strand("A1.1")
    assert list(stats.counts) == [3, 2, 1, 0]
    assert stats.counts == {3: 1, 2: 0, 1: 2, 0: 1}
    assert (stats.judged, stats.unjudged, cohort.size) == (4, 1, 5)
    assert cohort.stats("A1.2").counts == {3: 0, 2: 0, 1: 0, 0: 0}
    assert cohort.stats("A1.2").unjudged == 5


def test_counts_on_a_descending_scale(becta: Framework) -> None:
    cohort = one_strand(becta, "1b3", [5, 4, 4, 1, None, None])
    stats = cohort.stats("1b3")
    assert list(stats.counts) == [1, 2, 3, 4, 5]
    assert stats.counts == {1: 1, 2: 0, 3: 0, 4: 2, 5: 1}
    assert (stats.judged, stats.unjudged) == (4, 2)


def test_aspect_and_element_counts_use_each_schools_own_aggregate(
    small_framework: Framework,
) -> None:
    schools = [review(small_framework, "a", {"A1.1": 3, "A1.2": 0})]
    # median of ranks (0, 3): the worse middle; mean 1.5: half-way goes to the worse.
    assert benchmark(small_framework, schools).stats("A1").counts[0] == 1
    assert benchmark(small_framework, schools, policy="mean").stats("A1").counts[1] == 1
    assert benchmark(small_framework, schools, policy="weakest").stats("A").counts[0] == 1
    assert benchmark(small_framework, schools).overall.counts[0] == 1


# -- median and quartiles: nearest rank, ties to the worse level --------------------------


@pytest.mark.parametrize(
    ("levels", "quartiles"),
    [
        ([0, 1, 2, 3], (0, 1, 2)),  # every quantile falls between two schools: the worse
        ([3, 2, 1, 0], (0, 1, 2)),  # order of schools does not matter
        ([0, 1, 2, 3, 3], (1, 2, 3)),
        ([2], (2, 2, 2)),
        ([0, 3], (0, 0, 3)),
        ([1, 1, 1, 3, 3, 3, 3, 3], (1, 3, 3)),
        ([1, 1, 1, 1, 3, 3, 3, 3], (1, 1, 3)),  # the median falls between 1 and 3
    ],
)
def test_quartiles_ascending(
    small_framework: Framework, levels: list[int], quartiles: tuple[int, int, int]
) -> None:
    stats = one_strand(small_framework, "B1.1", list(levels)).stats("B1.1")
    assert (stats.lower_quartile, stats.median, stats.upper_quartile) == quartiles


@pytest.mark.parametrize(
    ("levels", "quartiles"),
    [
        ([5, 4, 3, 2], (5, 4, 3)),  # the mirror image of 0, 1, 2, 3 on a 0..3 scale
        ([5, 4, 3, 2, 2], (4, 3, 2)),
        ([4, 3, 3, 1], (4, 3, 3)),  # the worked example in docs/benchmarking.md
        ([5, 1], (5, 5, 1)),
        ([1, 1, 2, 2], (2, 2, 1)),
    ],
)
def test_quartiles_descending(
    becta: Framework, levels: list[int], quartiles: tuple[int, int, int]
) -> None:
    stats = one_strand(becta, "1a1", list(levels)).stats("1a1")
    assert (stats.lower_quartile, stats.median, stats.upper_quartile) == quartiles


def test_no_judged_school_has_no_median(small_framework: Framework) -> None:
    stats = one_strand(small_framework, "A1.1", [None, None]).stats("A1.1")
    assert (stats.lower_quartile, stats.median, stats.upper_quartile) == (None, None, None)


# -- percentile rank: 100 * (strictly worse + half the same) / judged ---------------------


def test_percentile_definition(small_framework: Framework) -> None:
    cohort = one_strand(small_framework, "A1.1", [0, 1, 1, 3, None])
    got = {s: cohort.position(s).percentile("A1.1") for s in ("s0", "s1", "s2", "s3", "s4")}
    assert got == {"s0": 12.5, "s1": 50.0, "s2": 50.0, "s3": 87.5, "s4": None}


def test_percentile_definition_descending(becta: Framework) -> None:
    cohort = one_strand(becta, "1c4", [5, 4, 4, 1, None])
    got = [cohort.position(f"s{i}").percentile("1c4") for i in range(5)]
    assert got == [12.5, 50.0, 50.0, 87.5, None]
    assert cohort.position("s3").level("1c4") == 1


def test_everyone_at_the_best_level_shares_the_middle(becta: Framework) -> None:
    cohort = one_strand(becta, "1a2", [1, 1, 1])
    assert {cohort.position(f"s{i}").percentile("1a2") for i in range(3)} == {50.0}


def test_a_school_at_the_best_level_everywhere_is_never_outranked(becta: Framework) -> None:
    best = review(becta, "top", dict.fromkeys(becta.strand_ids, becta.scale.best))
    others = [
        review(becta, "x", dict.fromkeys(becta.strand_ids, 2)),
        review(becta, "y", {"1a1": 1, "1b1": 5}),
    ]
    cohort = benchmark(becta, [*others, best])
    top = cohort.position("top")
    for entry in cohort.schools:
        for node_id in (*cohort.strands, *cohort.aspects, *cohort.elements, "overall"):
            theirs = entry.percentile(node_id)
            assert theirs is None or theirs <= (top.percentile(node_id) or 0)
    assert top.percentile("1b2") == 75.0  # above x, the only other school judging 1b2


# -- latest review --------------------------------------------------------------------------


def test_a_school_counts_with_its_latest_review(small_framework: Framework) -> None:
    later = review(small_framework, "a", {"A1.1": 3}, on=dt.date(2025, 1, 1))
    earlier = review(small_framework, "a", {"A1.1": 0}, on=dt.date(2024, 1, 1))
    cohort = benchmark(small_framework, [later, earlier])  # seen out of date order
    assert cohort.size == 1
    assert cohort.stats("A1.1").counts == {3: 1, 2: 0, 1: 0, 0: 0}
    assert cohort.position("a").assessed_on == dt.date(2025, 1, 1)


def test_on_the_same_day_the_review_seen_later_counts(small_framework: Framework) -> None:
    first = review(small_framework, "a", {"A1.1": 3})
    second = review(small_framework, "a", {"A1.1": 1})
    assert benchmark(small_framework, [first, second]).position("a").level("A1.1") == 1
    assert benchmark(small_framework, [second, first]).position("a").level("A1.1") == 3


def test_all_reviews_count_when_asked(small_framework: Framework) -> None:
    reviews = [
        review(small_framework, "a", {"A1.1": 3}, on=dt.date(2025, 1, 1)),
        review(small_framework, "a", {"A1.1": 0}, on=dt.date(2024, 1, 1)),
        review(small_framework, "b", {"A1.1": 1}),
    ]
    cohort = benchmark(small_framework, reviews, latest_only=False)
    assert cohort.size == 3
    assert not cohort.latest_only
    assert [e.year for e in cohort.positions("a")] == [2024, 2025]
    assert cohort.position("a").level("A1.1") == 3  # position() is the latest
    assert cohort.school_ids == ("a", "b")


# -- duplicates: never dropped without a word (issue 13) -----------------------------------


def test_two_reviews_of_one_school_on_one_date_are_listed(small_framework: Framework) -> None:
    first = review(small_framework, "a", {"A1.1": 3})
    second = review(small_framework, "a", {"A1.1": 1})
    other = review(small_framework, "b", {"A1.1": 2})
    cohort = benchmark(small_framework, [first, other, second])
    assert cohort.size == 2
    assert cohort.position("a").level("A1.1") == 1  # the one read last
    assert cohort.duplicates == (
        Duplicate(
            school="a",
            assessed_on=dt.date(2025, 10, 1),
            year=2025,
            reviews=2,
            sources=("#1", "#3"),
            counted="last",
        ),
    )


def test_three_on_one_date_and_pairs_of_several_schools(small_framework: Framework) -> None:
    reviews = [review(small_framework, school, {"A1.1": 1}) for school in "abacab"]
    cohort = benchmark(small_framework, reviews)
    assert [(d.school, d.reviews, d.sources) for d in cohort.duplicates] == [
        ("a", 3, ("#1", "#3", "#5")),
        ("b", 2, ("#2", "#6")),
    ]


def test_duplicates_left_behind_by_a_later_review_count_for_none(
    small_framework: Framework,
) -> None:
    early = dt.date(2024, 1, 1)
    reviews = [
        review(small_framework, "a", {"A1.1": 3}, on=early),
        review(small_framework, "a", {"A1.1": 0}, on=dt.date(2025, 1, 1)),
        review(small_framework, "a", {"A1.1": 2}, on=early),
    ]
    (duplicate,) = benchmark(small_framework, reviews).duplicates
    assert (duplicate.assessed_on, duplicate.sources, duplicate.counted) == (
        early,
        ("#1", "#3"),
        "none",
    )


def test_with_every_review_counted_duplicates_all_count_and_are_listed(
    small_framework: Framework,
) -> None:
    reviews = [review(small_framework, "a", {"A1.1": level}) for level in (3, 1)]
    cohort = benchmark(small_framework, reviews, latest_only=False)
    assert cohort.size == 2
    (duplicate,) = cohort.duplicates
    assert (duplicate.counted, duplicate.reviews) == ("all", 2)


def test_no_duplicates_on_other_days_or_of_other_schools(small_framework: Framework) -> None:
    reviews = [
        review(small_framework, "a", {}, on=dt.date(2025, 1, 1)),
        review(small_framework, "a", {}, on=dt.date(2025, 1, 2)),
        review(small_framework, "b", {}, on=dt.date(2025, 1, 1)),
    ]
    assert benchmark(small_framework, reviews).duplicates == ()
    assert benchmark(small_framework, reviews, latest_only=False).duplicates == ()


# -- evidence: whether there is any, not what it says (issue 13) --------------------------


def with_evidence(framework: Framework, school_id: str, texts: dict[str, str | None]) -> Assessment:
    return Assessment(
        framework=framework.ref,
        school=School(id=school_id, name=f"School {school_id}"),
        assessed_on=dt.date(2025, 10, 1),
        judgements={s: Judgement(level=1, evidence=text) for s, text in texts.items()},
    )


def test_each_strand_says_whether_it_has_evidence(small_framework: Framework) -> None:
    school = with_evidence(small_framework, "a", {"A1.1": "Minutes", "A1.2": "  \n", "A2.1": None})
    cohort = benchmark(small_framework, [school])
    entry = cohort.position("a")
    assert [entry.strands[s].has_evidence for s in ("A1.1", "A1.2", "A2.1", "B1.1")] == [
        True,
        False,  # blank text is no evidence, as for awards
        False,
        None,  # not judged
    ]
    assert {p.has_evidence for p in (*entry.aspects.values(), entry.overall)} == {None}
    assert {p.evidence for p in entry.strands.values()} == {None}
    assert not cohort.evidence
    assert "Minutes" not in cohort.model_dump_json()


def test_evidence_text_only_when_asked(small_framework: Framework) -> None:
    school = with_evidence(small_framework, "a", {"A1.1": "Minutes", "A1.2": None})
    cohort = benchmark(small_framework, [school], with_evidence=True)
    assert cohort.evidence
    entry = cohort.position("a")
    assert (entry.strands["A1.1"].evidence, entry.strands["A1.2"].evidence) == ("Minutes", None)
    assert Cohort.model_validate_json(cohort.model_dump_json()) == cohort
    assert "Minutes" not in anonymise(cohort, min_group=1).cohort.model_dump_json()


def test_an_anonymised_cohort_says_it_holds_no_evidence_text(small_framework: Framework) -> None:
    """Issue 14 (a mutation pass): the text is dropped, and the cohort says so."""
    school = with_evidence(small_framework, "a", {"A1.1": "Minutes"})
    cohort = benchmark(small_framework, [school], with_evidence=True)
    anonymous = anonymise(cohort, min_group=1).cohort
    assert cohort.evidence
    assert anonymous.evidence is False
    assert {p.evidence for e in anonymous.schools for p in e.strands.values()} == {None}


# -- a named cohort -------------------------------------------------------------------------

NAMES = ("Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta")


def named_cohort(becta: Framework, levels: tuple[int, ...] = (4, 1, 3, 2, 2, 5, 3)) -> Cohort:
    """Seven named schools of two authorities, reviewed on seven different days of 2025
    (school i judges 1a1 at levels[i])."""
    return benchmark(
        becta,
        [
            review(
                becta,
                f"90000{i}",
                {"1a1": level},
                on=dt.date(2025, 3, 1 + i),
                name=f"{NAMES[i]} Primary",
                authority="North LEA" if i % 2 else "South LEA",
            )
            for i, level in enumerate(levels)
        ],
    )


# -- models ---------------------------------------------------------------------------------


def test_json_round_trip(becta: Framework) -> None:
    cohort = named_cohort(becta)
    for each in (cohort, anonymise(cohort).cohort):
        assert Cohort.model_validate_json(each.model_dump_json()) == each
        assert Cohort.model_validate(json.loads(each.model_dump_json())) == each


def test_inconsistent_cohorts_are_refused(becta: Framework) -> None:
    data = json.loads(named_cohort(becta).model_dump_json())
    data["size"] = 4
    with pytest.raises(ValidationError, match="size 4 but 7 schools"):
        Cohort.model_validate(data)
    data = json.loads(named_cohort(becta).model_dump_json())
    data["strands"]["1a1"]["counts"]["5"] = 7
    with pytest.raises(ValidationError, match="add up"):
        Cohort.model_validate(data)
    data = json.loads(named_cohort(becta).model_dump_json())
    data["strands"]["1a1"]["judged"] = 6
    with pytest.raises(ValidationError, match="judged \\+ unjudged"):
        Cohort.model_validate(data)
    data = json.loads(named_cohort(becta).model_dump_json())
    data["strands"]["1a1"]["counts"].pop("5")
    with pytest.raises(ValidationError, match="cover the scale"):
        Cohort.model_validate(data)
    data = json.loads(named_cohort(becta).model_dump_json())
    data["strands"]["1a1"]["suppressed"] = True
    with pytest.raises(ValidationError, match="suppressed only under a min_group"):
        Cohort.model_validate(data)
    data = json.loads(named_cohort(becta).model_dump_json())
    data["schools"][0]["year"] = 2024
    with pytest.raises(ValidationError, match="year 2024 but assessed on 2025-03-01"):
        Cohort.model_validate(data)


def test_an_anonymised_cohort_with_hidden_counts_still_validates(becta: Framework) -> None:
    """Hidden counts need not add up; those shown may not exceed the judged count."""
    anonymous = anonymise(named_cohort(becta), rng=random.Random(0)).cohort
    data = json.loads(anonymous.model_dump_json())
    assert data["strands"]["1a1"]["counts"]["2"] is None
    assert Cohort.model_validate(data) == anonymous
    data["strands"]["1a1"]["counts"]["2"] = 8
    with pytest.raises(ValidationError, match="add up"):
        Cohort.model_validate(data)


def test_a_cohort_withheld_for_one_school_s_report_validates(becta: Framework) -> None:
    """`report --cohort` withholds figures of a cohort that is not anonymised (its
    `min_group` set): read back from its JSON, it is the same cohort. Before, the check
    said that only an anonymised cohort suppresses figures, and refused it."""
    from selfreview_core.cohort.standing import withhold

    cohort = named_cohort(becta)
    judging = [stats.judged or 0 for stats in cohort.distributions()]
    cut, _, withheld = withhold(cohort, cohort.position(cohort.schools[0].school.id), judging, 7)
    assert withheld
    assert not cut.anonymous
    assert cut.min_group == 7
    assert Cohort.model_validate(json.loads(cut.model_dump_json())) == cut


def test_a_row_with_neither_date_nor_year_is_refused(becta: Framework) -> None:
    data = json.loads(named_cohort(becta).model_dump_json())
    del data["schools"][0]["year"]
    data["schools"][0]["assessed_on"] = None
    with pytest.raises(ValidationError, match="year"):
        Cohort.model_validate(data)


def test_a_cohort_saved_before_years_reads_back(becta: Framework) -> None:
    """`year` follows from `assessed_on` in JSON written before it existed."""
    cohort = named_cohort(becta)
    data = json.loads(cohort.model_dump_json())
    for entry in data["schools"]:
        del entry["year"]
    assert Cohort.model_validate(data) == cohort
    assert Cohort.model_validate_json(json.dumps(data)) == cohort


def test_unknown_ids_and_schools_get_a_hint(becta: Framework) -> None:
    cohort = named_cohort(becta)
    with pytest.raises(UnknownIdError) as caught:
        cohort.stats("1a9")
    assert caught.value.hint in ("did you mean `1a1`?", "did you mean `1a2`?")
    with pytest.raises(UnknownIdError) as caught:
        cohort.position("900009")
    assert (caught.value.hint or "").startswith("did you mean `90000")
    with pytest.raises(UnknownIdError):
        cohort.strand("1a")  # an aspect, not a strand
    assert cohort.stats("1a").kind == "aspect"
    assert cohort.stats("overall") == cohort.overall


def test_assessments_of_another_framework_are_refused(
    becta: Framework, small_framework: Framework
) -> None:
    with pytest.raises(InvalidDocument, match="not of becta-srf@2010"):
        benchmark(becta, [review(small_framework, "a", {"A1.1": 1})])


def test_unknown_policy_is_refused(becta: Framework) -> None:
    with pytest.raises(ValueError, match="unknown policy"):
        benchmark(becta, [], policy="mode")  # type: ignore[arg-type]


def test_empty_cohort(becta: Framework) -> None:
    cohort = benchmark(becta, [])
    assert cohort.size == 0
    assert cohort.overall.median is None
    assert Cohort.model_validate_json(cohort.model_dump_json()) == cohort


@pytest.mark.usefixtures("frozen_heap")
def test_benchmark_streams(becta: Framework) -> None:
    """No assessment is kept: by the time one is asked for, all but the one before it are
    gone (that one may still sit in the consumer's loop variable)."""
    refs: list[weakref.ref[Assessment]] = []
    alive_at_each_step: list[int] = []

    def stream() -> Iterator[Assessment]:
        for i in range(30):
            gc.collect()
            alive_at_each_step.append(sum(ref() is not None for ref in refs[:-1]))
            item = review(becta, f"s{i}", dict.fromkeys(becta.strand_ids, 1 + i % 5))
            refs.append(weakref.ref(item))
            yield item
            del item

    cohort = benchmark(becta, stream())
    assert cohort.size == 30
    assert alive_at_each_step == [0] * 30


# -- CSV cells ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1", "'+1"),
        ("-1+cmd", "'-1+cmd"),
        ("-1", "'-1"),  # text from a file stays text
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\\r=1"),  # neutralised, and the carriage return shown, not obeyed
        (" =1", "' =1"),  # spaces first do not make it safe
        ("\n@x", "'\n@x"),
        ("\uff1dSUM(1)", "'\uff1dSUM(1)"),  # full-width equals sign
        ("Example School", "Example School"),
        ("a=b", "a=b"),
        (-1, -1),  # a number the library computed stays a number
        (12.5, 12.5),
        (None, ""),
    ],
)
def test_csv_cells_never_run_as_formulas(value: object, cell: object) -> None:
    assert csv_cell(value) == cell


def test_the_docs_python_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    root = Path(__file__).resolve().parents[2]
    monkeypatch.chdir(root)
    docs = (root / "docs" / "benchmarking.md").read_text(encoding="utf-8")
    (code,) = re.findall(r"```python\n(.*?)```", docs, flags=re.DOTALL)
    namespace: dict[str, Any] = {}
    exec(compile(code, "docs/benchmarking.md", "exec"), namespace)
    cohort = namespace["cohort"]
    assert cohort.size == 2
    assert cohort.stats("1a1").counts == {1: 1, 2: 1, 3: 0, 4: 0, 5: 0}
    assert cohort.stats("1a1").median == 2
    assert cohort.position("900003").percentile("1a1") == 25.0
    assert namespace["result"].cohort.size == 10
    assert namespace["shared"].anonymous
    assert namespace["shared"].min_group == 5
