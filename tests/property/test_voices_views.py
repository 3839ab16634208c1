"""The respondents' view as its readers see it (`voices.views`, `exporters.voices`), over
generated respondents on frameworks of both scale directions (SPEC section 9): a strand is
flagged exactly where two shown groups' medians are two or more levels apart on the scale,
and a group under the minimum shows no level in any format, the report's Markdown included.
"""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from selfreview_core import Assessment, Framework, aggregate
from selfreview_core.exporters.markdown import escape
from selfreview_core.exporters.voices import FORMATS, render_voices
from selfreview_core.model.assessment import Judgement
from selfreview_core.model.voices import DISAGREEMENT
from selfreview_core.testing import frameworks, mirror_framework, mirror_responses, response_sets
from selfreview_core.voices.groups import voices
from selfreview_core.voices.views import flag_text, voices_csv_rows, voices_markdown

from .test_voices import hiding_cases

examples = settings(max_examples=max(10, settings().max_examples // 2))
Case = tuple[Framework, list[Assessment], int]


@st.composite
def cases(draw: st.DrawFn, most: int = 6) -> Case:
    """A framework, one school's responses to it, and a minimum group size (at most
    `most`: a small one shows most groups, so that medians exactly two levels apart come up
    often)."""
    framework = draw(frameworks(max_elements=2, max_aspects=2, max_strands=2))
    return framework, draw(response_sets(framework)), draw(st.integers(1, most))


def both_directions(case: Case) -> Iterator[Case]:
    framework, responses, minimum = case
    yield case
    yield mirror_framework(framework), mirror_responses(framework, responses), minimum


def _answers(responses: list[Assessment], strand: str) -> dict[str, list[int]]:
    """Each group's levels given on `strand`, in the order the groups first answered."""
    found: dict[str, list[int]] = {}
    for response in responses:
        judgement = response.judgements.get(strand)
        if judgement is not None and judgement.level is not None and response.respondent:
            found.setdefault(response.respondent.group, []).append(judgement.level)
    return found


@examples
@given(cases(most=2))
def test_a_strand_is_flagged_exactly_where_two_shown_medians_are_two_levels_apart(
    case: Case,
) -> None:
    """Counted in steps of the scale, whichever way it runs: the table's "Worth
    discussing", the CSV's `disagreement` column and the data agree, and name the groups
    with the worst and the best median."""
    for framework, responses, minimum in both_directions(case):
        scale = framework.scale
        view = voices(framework, responses, min_group=minimum)
        table = render_voices(framework, view, "table")
        rows = voices_csv_rows(framework, view)
        for strand in view.strands:
            shown: dict[str, int] = {}
            for group, levels in _answers(responses, strand.strand).items():
                median = aggregate(scale, levels, "median")
                if len(levels) >= minimum and median is not None:
                    shown[group] = median
            ranks = sorted(scale.rank(m) for m in shown.values())
            gap = ranks[-1] - ranks[0] if len(ranks) >= 2 else None
            apart = gap is not None and gap >= DISAGREEMENT
            assert strand.gap == gap
            assert strand.disagreement is apart
            said = {row[10] for row in rows if row[0] == strand.strand}
            assert said == {"yes" if apart else "no"}
            if apart:
                assert strand.apart is not None
                low, high = strand.apart
                assert scale.rank(shown[low]) == ranks[0]
                assert scale.rank(shown[high]) == ranks[-1]
                assert f"are {gap} levels apart" in flag_text(framework, strand)[0]
        flagged = [s.strand for s in view.strands if s.flagged]
        assert ("Worth discussing" in table) is bool(flagged)
        assert [s.strand for s in view.disagreements] == [
            s.strand for s in view.strands if s.disagreement
        ]


def _everything(
    framework: Framework, responses: list[Assessment], minimum: int, own: Assessment
) -> list[str]:
    """Every format of the view, without and with the school's own review `own`, and the
    report's Markdown section."""
    out = []
    for view in (
        voices(framework, responses, min_group=minimum),
        voices(framework, responses, own=own, min_group=minimum),
    ):
        out += [render_voices(framework, view, fmt) for fmt in FORMATS]
        out.append("\n".join(voices_markdown(framework, view, escape)))
    return out


@examples
@given(hiding_cases(), st.data())  # a group under the minimum: `cases` rejected half
def test_no_format_shows_a_level_of_a_group_under_the_minimum(
    case: Case, data: st.DataObject
) -> None:
    """Every answer of every group under the minimum changed at once, to any level: no
    output of `voices` or `report --voices` changes, in either scale direction."""
    framework, responses, minimum = case
    levels = framework.scale.levels
    changed = []
    for response in responses:
        assert response.respondent is not None
        judgements = dict(response.judgements)
        for strand in judgements:
            group = _answers(responses, strand).get(response.respondent.group, [])
            if len(group) < minimum:
                judgements[strand] = Judgement(level=data.draw(st.sampled_from(levels)))
        changed.append(response.model_copy(update={"judgements": judgements}))
    assume(changed != responses)
    original = (framework, responses, minimum)
    for (fw, before, _), (_, after, _) in zip(
        both_directions(original), both_directions((framework, changed, minimum)), strict=True
    ):
        own = before[0].model_copy(update={"respondent": None})
        assert _everything(fw, after, minimum, own) == _everything(fw, before, minimum, own)
