"""`cohort/dashboard.py` after round 53 (not applicable apart from not judged): what the
mutation pass of round 54 found no test holding.

Each test writes a framework (on a scale rising from 0 to 3, or falling from 3 to 0) and its
reviews, some strands marked not applicable, runs `benchmark --format html` as a user would,
and reads the page back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pytest

from selfreview_core import Assessment, Framework, Judgement, Scale, School

from .test_dashboard_mutants import SCALES, _framework, _page, _trend

#: A strand marked not applicable in `_marked`'s ranks.
NA = "n/a"


def _marked(
    framework: Framework, school: str, ranks: Sequence[int | str | None], day: dt.date
) -> Assessment:
    """A review of `school` with strand `sN` at rank `ranks[N]` (0: the worst), not judged
    (None) or not applicable (`NA`)."""
    judgements = {
        f"s{n}": (
            Judgement(applicable=False, evidence="Not here.")
            if rank == NA
            else Judgement(level=framework.scale.from_rank(int(rank)))
        )
        for n, rank in enumerate(ranks)
        if rank is not None
    }
    return Assessment(
        framework=framework.ref,
        school=School(id=school, name=f"School {school}"),
        assessed_on=day,
        judgements=judgements,
    )


@pytest.mark.parametrize("scale", SCALES, ids=["rising", "falling"])
def test_anonymised_the_trend_takes_not_judged_and_not_applicable_as_one_group(
    tmp_path: Path, scale: Scale
) -> None:
    """`--anonymise --min-group 3`. A year's median is decided by its levels alone, so the
    schools without a level there (not judged or not applicable) are one group of the trend:
    it withholds a median only where that group, or a level's, holds 1 or 2 schools.

    2025: `s0` has three schools at one level, one not judged and two not applicable: three
    without a level, so its median is shown (neither part enters it). 2026: `s0` has three at
    one level and two not applicable, nothing else: the two would be told, so it is
    withheld; `s1`, all at one level, is shown both years. (Overall, the policy's, is not
    what this is about.)"""
    framework = _framework(scale, aspects=2)
    first, second = dt.date(2025, 3, 1), dt.date(2026, 3, 1)
    reviews = [
        *(_marked(framework, f"a{n}", [1, 2], first) for n in range(3)),
        _marked(framework, "a3", [None, 2], first),
        *(_marked(framework, f"a{n}", [NA, 2], first) for n in (4, 5)),
        *(_marked(framework, f"b{n}", [3, 0], second) for n in range(3)),
        *(_marked(framework, f"b{n}", [NA, 0], second) for n in (3, 4)),
    ]
    _, html = _page(tmp_path, framework, reviews, "--anonymise", "--min-group", "3")
    level = [str(scale.from_rank(r)) for r in range(4)]
    assert _trend(html)[:4] == [
        ["Strand", "2025", "2026"],
        ["Schools reviewed", "6", "5"],
        ["s0 Strand 0", level[1], "[c]"],
        ["s1 Strand 1", level[2], level[0]],
    ]
    _, plain = _page(tmp_path, framework, reviews)
    assert _trend(plain)[2] == ["s0 Strand 0", level[1], level[3]]
