"""`selfreview support`'s list as the command holds and writes it (round 61: each school's
id once, each list of schools as places, JSON and CSV a part at a time) is the library's
list, byte for byte in every format: over generated cohorts of either scale direction, in a
cohort file or staged, with school ids of any character an id may hold (quotes,
backslashes, controls, bidirectional marks, letters of every plane), reviews of one school
on one date, and recommendations made twice for one school."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from property.test_cohort_sql import Case, _cohort_rows, _latest_only, cohorts
from scaled import scaled
from selfreview_core import Assessment, Recommendation
from selfreview_core.cohort import support_ids
from selfreview_core.cohort.sql import SqlCohort, connect
from selfreview_core.cohort.support import Reported, rebuilt_reviews, support, support_found
from selfreview_core.cohort.support_views import (
    support_csv,
    support_csv_lines,
    support_html,
    support_json,
    support_table,
)
from selfreview_core.escaping import shown_json
from selfreview_core.model.unseen import unseen_only

#: Ids JSON or a terminal escapes, or whose order in code points is not that of their
#: UTF-16 or of a locale: a quote, a backslash, controls, a bidirectional mark, a letter
#: beyond the first plane before one within it.
HOSTILE = ('a"b', "\\", "\x1b[31m", "\x7f\x9b", "\u202ex", "\U0001d518", "\uff21", "é", "Z")
#: A school id: no white space and no `@`, and something that prints (`model.base.Id`;
#: since round 70 an id only of what prints as nothing, `\xad`, is refused), here of any
#: other character (none DuckDB cannot hold: a NUL, a lone surrogate).
IDS = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(
        st.characters(exclude_categories=["Cs"], exclude_characters="@\x00"),
        min_size=1,
        max_size=4,
    ).filter(lambda text: re.fullmatch(r"[^\s@]+", text) is not None and not unseen_only(text)),
)


def _report(rebuilt: Iterable[Assessment]) -> Iterator[Reported]:
    """For each school, a recommendation for each strand it judged below its best, one
    made for every school, and the first made twice (as a plugin and a rule pack may)."""
    for review in rebuilt:
        made = [
            Recommendation(id=f"r-{strand}", title=f"Look at {strand}", action="Do it.")
            for strand, judgement in review.judgements.items()
            if judgement.level is not None
        ]
        made.append(Recommendation(id="every", title="Every school", action="Visit."))
        yield review.school.id, (*made, made[0]), ()


@st.composite
def named_cohorts(draw: st.DrawFn) -> Case:
    """`test_cohort_sql.cohorts` with its schools given ids drawn from `IDS`."""
    framework, reviews, policy = draw(st.one_of(cohorts(), cohorts(questions=True)))
    names = draw(st.lists(IDS, min_size=4, max_size=4, unique=True))
    renamed = dict(zip(sorted({r.school.id for r in reviews}), names, strict=False))
    return (
        framework,
        [
            r.model_copy(
                update={"school": r.school.model_copy(update={"id": renamed[r.school.id]})}
            )
            for r in reviews
        ],
        policy,
    )


@settings(max_examples=scaled(40))
@given(
    named_cohorts(),
    st.booleans(),
    st.booleans(),
    st.integers(min_value=0, max_value=39),
    st.sampled_from([1, 1 << 40]),
)
def test_the_command_s_list_writes_as_the_library_s_in_every_format(
    tmp_path_factory: pytest.TempPathFactory,
    case: Case,
    from_file: bool,
    latest_only: bool,
    pick: int,
    dense: int,
) -> None:
    """Every format of `support_found`'s list is that of `support`'s (the JSON as the
    command wrote it before: pydantic's, escaped), each list by id; with every review of a
    school (not `latest_only`), a school below on a strand in two reviews is listed twice
    there, as before, and advised once. Each list held as places (`dense` 1: never a
    bitmap) or as a bitmap (from its first member)."""
    framework, reviews, policy = case
    kept = _latest_only(reviews)
    work = tmp_path_factory.mktemp("streamed")
    rows = _cohort_rows(work, framework, kept, from_file)
    reached = framework.scale.from_rank(pick % framework.scale.size)
    con = connect(work)
    was = support_ids.DENSE
    support_ids.DENSE = dense  # type: ignore[misc]
    try:
        made = SqlCohort(con, rows, framework, policy, latest_only=latest_only)
        listed = support(made, _report, reached)
        found = support_found(made, _report, reached)
        rank = framework.scale.rank(reached)
        advised: dict[tuple[str, str], set[str]] = {}
        for school, recommendations, _ in _report(rebuilt_reviews(made, rank)):
            for rec in recommendations:
                advised.setdefault((rec.id, rec.title), set()).add(school)
    finally:
        support_ids.DENSE = was  # type: ignore[misc]
        con.close()
    # The definition: each recommendation's schools, each once, by id (round 60's dict).
    assert {(a.id, a.title): a.schools for a in listed.recommendations} == {
        key: tuple(sorted(schools)) for key, schools in advised.items()
    }
    for shortfall in listed.shortfalls:
        assert list(shortfall.schools) == sorted(shortfall.schools)
    # What the command wrote before round 61, from the library's list.
    assert "".join(support_json(found)) == shown_json(listed.model_dump_json(indent=2)) + "\n"
    assert "".join(support_csv_lines(found)) == support_csv(listed)
    assert support_table(found, width=100) == support_table(listed, width=100)
    assert support_html(found, framework.terms) == support_html(listed, framework.terms)
    assert [(s.count, tuple(s.schools)) for s in found.shortfalls] == [
        (s.count, s.schools) for s in listed.shortfalls
    ]
