"""`cohort/dashboard_charts.py` after round 53 (not applicable apart from not judged): what
the mutation pass of round 54 found. An anonymised cohort's bar draws what the cohort shows
and withholds only what it withholds, with not judged and not applicable apart. Both scale
directions."""

from __future__ import annotations

import random

import pytest

from selfreview_core import Scale, anonymise, benchmark
from selfreview_core.cohort.dashboard_charts import _BAR_WIDTH, WITHHELD_COLOUR
from selfreview_core.cohort.views import WITHHELD

from .test_anonymity_na_mutants import RANKS, strand_s0
from .test_dashboard_charts_mutants import SVG, ZERO_ENDED, _bars
from .test_dashboard_mutants import _framework
from .test_dashboard_na_mutants import NA


def _bar(scale: Scale, ranks: tuple[int | str | None, ...]) -> tuple[list[str], list[str]]:
    """`s0`'s bar in the anonymised cohort (`--min-group 3`): each part's title and width in
    schools, then its words after the name."""
    framework = _framework(scale, aspects=2)
    cohort = anonymise(
        benchmark(framework, strand_s0(framework, ranks)), min_group=3, rng=random.Random(0)
    ).cohort
    bar = _bars(cohort)[0]
    parts = [
        f"{(r.findtext(f'{SVG}title') or '').split(':')[0]} "
        f"{float(r.get('width', '')) * cohort.size / _BAR_WIDTH:.0f}"
        + (" grey" if r.get("fill") == WITHHELD_COLOUR else "")
        for r in bar.findall(f"{SVG}rect")
    ]
    return parts, [t.text or "" for t in bar.findall(f"{SVG}text")][1:]


@pytest.mark.parametrize("scale", ZERO_ENDED, ids=["rising", "falling"])
def test_the_not_judged_and_not_applicable_withheld_are_a_grey_part(scale: Scale) -> None:
    """Four and four at two levels, shown; two not judged and two not applicable, withheld
    together: the four are one grey `[c]` part after the levels (they were left out of the
    bar, which then ended short of the cohort with nothing to say why), and the median the
    shown levels decide is written."""
    parts, words = _bar(scale, RANKS)
    low, high = (scale.from_rank(r) for r in (1, 2))
    assert parts == [f"level {low} 4", f"level {high} 4", "withheld 4 grey"]
    assert words == ["4", "4", WITHHELD, f"median {low}, middle half {low}–{high}"]


@pytest.mark.parametrize("scale", ZERO_ENDED, ids=["rising", "falling"])
def test_a_shown_count_not_applicable_is_said_beside_a_withheld_part(scale: Scale) -> None:
    """Two not judged (withheld, with the smaller level, four schools) and six not
    applicable (shown in the cohort's figures): the grey part holds the six withheld, and
    "+6 not applicable" is said beside it (the six were drawn withheld, as if hidden)."""
    parts, words = _bar(scale, (*[1] * 4, *[2] * 5, None, None, *[NA] * 6))
    high = scale.from_rank(2)
    assert parts == [f"level {high} 5", "withheld 6 grey"]
    assert words == ["5", WITHHELD, "+6 not applicable", f"median {WITHHELD}, middle half [c]–[c]"]
