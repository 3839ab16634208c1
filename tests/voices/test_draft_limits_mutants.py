"""What the draft `combine` makes says, and where it is refused, that its other tests did not
pin (`voices/draft.py`): found by the round-70 mutation pass over the module. Groups under
the minimum past the first `LINE_NAMES` are counted with their answers, and only then; a
draft too large to read back is refused at the group whose name makes half of it or more,
else at the output."""

from __future__ import annotations

import pytest

from selfreview_core import Assessment, Framework, SelfReviewError
from selfreview_core._words import LINE_NAMES
from selfreview_core.voices.draft import check_readable, combine, draft_evidence
from voices.test_voices import many, response

NOT_COUNTED = "Not counted (fewer than 5 answered, so no level is shown): "


def _hidden(count: int) -> dict[str, list[int]]:
    """Five teachers, and `count` groups under the minimum: `g00` of one answer, `g01` of
    two, `g02` of one, ..."""
    groups = {f"g{n:02}": [1] * (1 + n % 2) for n in range(count)}
    return {"teachers": [3] * 5, **groups}


def test_exactly_as_many_groups_as_a_line_names_are_named_with_no_count(
    small_framework: Framework,
) -> None:
    by_group = _hidden(LINE_NAMES)
    said = draft_evidence(small_framework, by_group, list(by_group), 5, 3)
    folded = said.partition(NOT_COUNTED)[2].partition(". Confirm")[0]
    assert folded == ", ".join(f"g{n:02} {1 + n % 2}" for n in range(LINE_NAMES))
    assert "(" not in folded


@pytest.mark.parametrize(("extra", "answers"), [(1, "1 answer"), (3, "4 answers")])
def test_groups_past_those_a_line_names_are_counted_with_their_answers(
    small_framework: Framework, extra: int, answers: str
) -> None:
    """The groups left unnamed are counted, and so are their answers, so that the
    evidence still says how many answers were not counted."""
    by_group = _hidden(LINE_NAMES + extra)
    said = draft_evidence(small_framework, by_group, list(by_group), 5, 3)
    folded = said.partition(NOT_COUNTED)[2].partition(". Confirm")[0]
    assert folded.startswith(", ".join(f"g{n:02} {1 + n % 2}" for n in range(LINE_NAMES)))
    assert folded.endswith(f" ({answers})")


def _long_group(framework: Framework) -> tuple[Assessment, list[tuple[str, Assessment]], int, int]:
    """A draft of five teachers and a group named by six million characters, the group's
    name's length in bytes and how many strands' evidence names it."""
    group = "g" * 6_000_000
    answers = [
        *many(framework, "teachers", "A1.1", [1] * 5),
        response(framework, group, {"A1.1": 2}),
    ]
    draft = combine(framework, answers)
    named = sum(group in (j.evidence or "") for j in draft.judgements.values())
    assert named >= 1
    responses = [(f"r{n}.yaml", answer) for n, answer in enumerate(answers)]
    return draft, responses, len(group), named


def test_a_group_making_half_the_draft_is_where_it_is_refused(
    small_framework: Framework,
) -> None:
    draft, responses, length, named = _long_group(small_framework)
    with pytest.raises(SelfReviewError) as raised:
        check_readable(2 * length * named, "draft.yaml", draft, responses)
    (diagnostic,) = raised.value.diagnostics
    assert (diagnostic.file, diagnostic.path) == ("r5.yaml", "respondent.group")
    assert "(6,000,000 characters, #" in diagnostic.message
    assert ") is named in the evidence of" in diagnostic.message


def test_a_group_making_less_than_half_of_it_leaves_the_refusal_at_the_output(
    small_framework: Framework,
) -> None:
    """One byte more than twice the group's share: its name is not what makes the draft
    too large, so the refusal is at the output, naming no group."""
    draft, responses, length, named = _long_group(small_framework)
    with pytest.raises(SelfReviewError) as raised:
        check_readable(2 * length * named + 1, "draft.yaml", draft, responses)
    (diagnostic,) = raised.value.diagnostics
    assert (diagnostic.file, diagnostic.line, diagnostic.path) == ("draft.yaml", None, "")
    assert diagnostic.message.endswith("could read it back; nothing was written")
