"""Behaviours of `lea-support`'s rules (`_rules`) that a mutation pass (round 51) found no
test pinned: the words that place a school's weak strands on the scale, and good practice
at the best level when there is a previous review."""

from __future__ import annotations

from test_lea_support import recommend

from selfreview_core import Framework
from selfreview_core.testing import mirror_framework


def test_training_needs_name_the_weaker_half_of_the_scale_in_its_own_direction(
    becta: Framework,
) -> None:
    """The rationale says which levels count as weak, on the framework's own scale: the
    kept phrase (no previous review) and the rule's (with one) alike."""
    levels = {"1a1": 4, "1b4": 5, "1c3": 4, "1c4": 2}
    for previous in (None, {"1a1": 4}):
        rec = recommend(becta, levels, previous)["lea-training-needs-analysis"]
        assert rec.rationale == (
            "3 of the 4 judged strands are in the weaker half of the scale 1 (best) .. 5"
            " (worst), levels 5 and 4 (1a1 at level 4, 1b4 at level 5, 1c3 at level 4);"
            " this advice is given from 3 such strands"
        )
    mirrored = mirror_framework(becta)
    rec = recommend(mirrored, {"1a1": 2, "1b4": 1, "1c3": 2})["lea-training-needs-analysis"]
    assert rec.rationale == (
        "3 of the 3 judged strands are in the weaker half of the scale 5 (best) .. 1"
        " (worst), levels 1 and 2 (1a1 at level 2, 1b4 at level 1, 1c3 at level 2);"
        " this advice is given from 3 such strands"
    )


def test_a_strand_still_at_the_best_level_since_the_previous_review_is_good_practice(
    becta: Framework,
) -> None:
    """At the best level now and then: no improvement to tell, and still practice to
    share, said as it is said with no previous review."""
    rec = recommend(becta, {"1a1": 1, "1c2": 2}, previous={"1a1": 1, "1c2": 3})[
        "lea-share-good-practice"
    ]
    assert rec.targets == ("1a1", "1c2")
    assert rec.rationale == (
        "1a1 is at level 1, the best level; 1c2 has improved from level 3 to 2"
        " (previous review 2026-10-01)"
    )


def test_a_strand_judged_at_the_previous_review_and_not_now_is_passed_by(
    becta: Framework,
) -> None:
    """A strand left unjudged this time has nothing to share, whatever it was before: it
    is passed by, not compared (round 67's pass: compared, the rule failed)."""
    rec = recommend(becta, {"1a1": 1}, previous={"1a1": 3, "1c2": 4})["lea-share-good-practice"]
    assert rec.targets == ("1a1",)
    assert rec.rationale == "1a1 is at level 1, the best level (previous review 2026-10-01)"
