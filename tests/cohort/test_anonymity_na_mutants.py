"""`cohort/anonymity.py` after round 53 (not applicable a group of its own, SPEC sections 7
and 10): what the mutation pass of round 54 found, pinned by what a user sees, `benchmark
--anonymise`'s output. Both scale directions.

The cohort of `strand_s0`: twelve schools, four at one level and four at the next, two that
did not judge the strand and two that marked it not applicable. With `--min-group 3` the
two small groups are withheld together (four schools in two cells: neither can be worked
out), and every level is shown."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from selfreview_core import Assessment, Framework, Scale, anonymise, benchmark
from selfreview_core.cohort.views import cohort_table

from .test_dashboard_mutants import SCALES, _benchmark, _framework
from .test_dashboard_na_mutants import NA, _marked

#: Ranks of `s0` (0: the worst; None: not judged; `NA`: not applicable), school by school.
RANKS: tuple[int | str | None, ...] = (*[1] * 4, *[2] * 4, None, None, NA, NA)


def strand_s0(framework: Framework, ranks: Sequence[int | str | None] = RANKS) -> list[Assessment]:
    """A review per rank, `s1` judged at rank 2 by all."""
    day = dt.date(2025, 3, 1)
    return [_marked(framework, f"k{n}", [rank, 2], day) for n, rank in enumerate(ranks)]


def _json(folder: Path, framework: Framework, reviews: Sequence[Assessment]) -> Any:
    """`benchmark --anonymise --min-group 3 --format json` of `reviews` (JSON Lines)."""
    options = ("--anonymise", "--min-group", "3", "--format", "json")
    return json.loads(_benchmark(folder, framework, reviews, *options))


@pytest.mark.parametrize("scale", SCALES, ids=["rising", "falling"])
def test_the_median_the_shown_levels_decide_is_shown_with_not_judged_and_n_a_withheld(
    tmp_path: Path, scale: Scale
) -> None:
    """Every level is shown, so the judged are their sum (eight) and the quartiles and
    median are decided, whatever the two withheld cells hold: they are shown, as are the
    percentiles of the schools at those levels. Only the not judged, the not applicable and
    the judged count (which with the size would give their sum) are withheld. (A bug: with
    the judged count withheld, every quartile and percentile was, though nothing hid them.)"""
    framework = _framework(scale, aspects=2)
    data = _json(tmp_path, framework, strand_s0(framework))
    stats = data["cohort"]["strands"]["s0"] if "cohort" in data else data["strands"]["s0"]
    low, high = (scale.from_rank(r) for r in (1, 2))
    assert {int(k): v for k, v in stats["counts"].items()} == {
        level: {low: 4, high: 4}.get(level, 0) for level in scale.levels
    }
    assert (stats["judged"], stats["unjudged"], stats["not_applicable"]) == (None, None, None)
    assert (stats["lower_quartile"], stats["median"], stats["upper_quartile"]) == (low, low, high)
    assert stats["suppressed"] is True
    schools = data["cohort"]["schools"] if "cohort" in data else data["schools"]
    shown = Counter(
        (s["strands"]["s0"]["level"], s["strands"]["s0"]["percentile"]) for s in schools
    )
    assert shown == {(None, None): 4, (low, 25.0): 4, (high, 75.0): 4}


@pytest.mark.parametrize("scale", SCALES, ids=["rising", "falling"])
def test_a_median_a_withheld_level_could_move_stays_withheld(scale: Scale) -> None:
    """The other side: one school fewer at the lower level (three), and a lone school at the
    worst, which is withheld with the smallest shown cell; the median is then not decided
    by what is shown, and the table says `[c]`."""
    framework = _framework(scale, aspects=2)
    ranks = (0, *[1] * 3, *[2] * 4, None, None, NA, NA)
    cohort = benchmark(framework, strand_s0(framework, ranks))
    shown = anonymise(cohort, min_group=3, rng=random.Random(0)).cohort
    stats = shown.strands["s0"]
    assert stats.median is None
    assert stats.suppressed
    row = next(line for line in cohort_table(shown, width=200).splitlines() if line[:3] == "s0 ")
    assert row.split()[-3:] == ["[c]"] * 3
