"""`cohort/anonymity.py`, round 55's pass: each quartile of an anonymised cohort is shown
when the shown counts decide it, and only then, each by its own quarter. Both scale
directions (the helpers of `test_anonymity_na_mutants`)."""

from __future__ import annotations

import random

import pytest

from selfreview_core import Scale, anonymise, benchmark
from selfreview_core.cohort.views import WITHHELD, cohort_table

from .test_anonymity_na_mutants import strand_s0
from .test_dashboard_mutants import SCALES, _framework


@pytest.mark.parametrize("scale", SCALES, ids=["rising", "falling"])
def test_each_quartile_is_shown_only_where_the_shown_counts_decide_it(scale: Scale) -> None:
    """Six schools: one at rank 1, three at rank 2, two at rank 3 (0: the worst). With
    `--min-group 3` ranks 1 and 3 are withheld together (three schools in two cells). The
    median is rank 2 however the three split; the lower quartile is rank 1 or 2 and the
    upper rank 2 or 3, as they split one way or the other, so both are withheld. (Round 55:
    a quartile shown by another quarter's test survived every narrow test: the lower
    quartile shown by the median's, the median withheld by the upper's, the upper shown by
    the highest rank's.)"""
    framework = _framework(scale, aspects=2)
    cohort = benchmark(framework, strand_s0(framework, (1, 2, 2, 2, 3, 3)))
    stats = anonymise(cohort, min_group=3, rng=random.Random(0)).cohort.strands["s0"]
    level = scale.from_rank
    assert stats.counts == {lv: {level(0): 0, level(2): 3}.get(lv) for lv in scale.levels}
    assert (stats.judged, stats.unjudged, stats.not_applicable) == (6, 0, 0)
    assert (stats.lower_quartile, stats.median, stats.upper_quartile) == (None, level(2), None)
    assert stats.suppressed
    shown = anonymise(cohort, min_group=3, rng=random.Random(0)).cohort
    row = next(line for line in cohort_table(shown, width=200).splitlines() if line[:3] == "s0 ")
    assert row.split()[-3:] == [WITHHELD, str(level(2)), WITHHELD]


@pytest.mark.parametrize("scale", SCALES, ids=["rising", "falling"])
def test_a_distribution_with_nothing_withheld_is_not_marked_suppressed(scale: Scale) -> None:
    """Six schools, three at rank 1 and three at rank 2, every other strand judged alike by
    all: with `--min-group 3` no group is small, so each distribution shows the original's
    every figure and is not marked `suppressed` (which tells a reader of the JSON that some
    figure is withheld; a figure the cohort has, such as its quartiles, is no reason to mark
    it: round 55's pass, `and` -> `or` in the test of a withheld quartile, survived)."""
    framework = _framework(scale, aspects=2)
    cohort = benchmark(framework, strand_s0(framework, (1, 1, 1, 2, 2, 2)))
    shown = anonymise(cohort, min_group=3, rng=random.Random(0)).cohort
    pairs = [(shown.overall, cohort.overall)]
    for table in ("strands", "aspects", "elements"):
        pairs += [(getattr(shown, table)[k], v) for k, v in getattr(cohort, table).items()]
    assert len(pairs) == 6
    for stats, given in pairs:
        assert stats == given
        assert stats.suppressed is False
        assert stats.median is not None
