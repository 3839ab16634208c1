"""The respondents' view as data (`model.voices`), built by an embedder field by field: what
is left out means nothing to discuss and no school's own review beside the groups."""

from __future__ import annotations

from selfreview_core import Framework, School
from selfreview_core.model.voices import GroupTotal, GroupView, StrandView, Voices
from selfreview_core.voices.views import voices_table

SCHOOL = School(id="S1", name="Test School")


def test_a_strand_view_built_without_a_disagreement_is_not_worth_discussing() -> None:
    teachers = GroupView(group="teachers", count=5, median=1, worst=0, best=2, spread=2)
    strand = StrandView(strand="A1.1", groups=(teachers,))
    assert strand.disagreement is False
    assert strand.flagged is False
    view = Voices(
        framework="small@1",
        school=SCHOOL,
        min_group=5,
        respondents=5,
        groups=(GroupTotal(group="teachers", respondents=5),),
        strands=(strand,),
    )
    assert view.disagreements == ()
    assert view.flagged == ()


def test_a_view_built_without_the_schools_review_shows_the_groups_alone(
    small_framework: Framework,
) -> None:
    teachers = GroupView(group="teachers", count=5, median=1, worst=0, best=2, spread=2)
    view = Voices(
        framework=small_framework.ref,
        school=SCHOOL,
        min_group=5,
        respondents=5,
        groups=(GroupTotal(group="teachers", respondents=5),),
        strands=(StrandView(strand="A1.1", groups=(teachers,)),),
    )
    assert view.own_review is False
    header = next(
        line
        for line in voices_table(small_framework, view).splitlines()
        if line.startswith("strand ")
    )
    assert header.split() == ["strand", "title", "teachers"]
