"""What the mutation pass over `voices/draft.py` showed no test pinned (docs/testing.md,
"The project's own mutation pass"): each test names what the leadership reads in the
draft `combine` makes."""

from __future__ import annotations

from selfreview_core import Framework
from selfreview_core.voices.draft import combine
from voices.test_voices import many


def test_a_group_of_one_respondent_is_named_with_its_count_and_left_out_of_the_level(
    small_framework: Framework,
) -> None:
    """SPEC section 9: a group under `--min-group` shows its count only. A single pupil is
    such a group too: the draft says one pupil answered and was not counted, and the level
    is the median of the others, whatever that pupil said."""
    items = many(small_framework, "teachers", "A1.1", [3, 3, 3, 3, 0])
    for pupil in (0, 3):
        draft = combine(
            small_framework, [*items, *many(small_framework, "pupils", "A1.1", [pupil])]
        )
        assert draft.level("A1.1") == 3
        assert draft.judgements["A1.1"].evidence == (
            "Draft from the responses: median 3 of 5 answers. teachers: 5 answered, median 3. "
            "Not counted (fewer than 5 answered, so no level is shown): pupils 1. "
            "Confirm or change the level, and write the evidence for it."
        )
