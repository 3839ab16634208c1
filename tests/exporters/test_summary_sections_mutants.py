"""The governors' page's behaviour that the mutation pass over its parts
(`exporters/summary_sections.py`, round 41) found no test held, pinned by what a governor
reading the page meets: what each list holds at its limit and one past it, how it says what
it left out, the actions when there are none, the evidence section, and the chart's layout
either side of eight aspects."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from exporters.extreme_summaries import Extreme, extreme_report
from exporters.test_summary import RESPONDENTS, Page, assert_structure, big_report, example
from selfreview_core import (
    Aspect,
    Assessment,
    Element,
    Engine,
    Framework,
    Judgement,
    Recommendation,
    Report,
    School,
    Strand,
)
from selfreview_core.award_check import AwardResult, Shortfall
from selfreview_core.exporters.summary import render
from selfreview_core.exporters.summary_sections import aspects_part
from selfreview_core.model.conditions import Test
from selfreview_core.model.framework import Award
from selfreview_core.model.scale import Scale
from selfreview_core.scoring.profiles import score
from selfreview_core.voices.groups import voices
from selfreview_core.voices.responses import read_responses, response_files


def section(html: str, name: str) -> str:
    """The HTML of one `<section id=name>`."""
    start = html.index(f'<section id="{name}">')
    return html[start : html.index("</section>", start)]


def items(html: str) -> list[str]:
    """The text of each `<li>` in `html`, tags removed."""
    return [re.sub(r"<[^>]+>", "", li) for li in re.findall(r"<li>(.*?)</li>", html, re.S)]


def framework_of(aspects: int, *, best: int = 3, worst: int = 0, awards: int = 0) -> Framework:
    """A framework of `aspects` aspects of one strand each; `awards` awards, the k-th
    needing aspect A{k} at the best level."""
    scale = Scale(best=best, worst=worst)
    strands = {
        n: Strand(id=f"S{n}", title=f"Strand {n}", levels={lv: f"d{lv}" for lv in scale.levels})
        for n in range(aspects)
    }
    element = Element(
        id="E",
        title="E",
        aspects=tuple(
            Aspect(id=f"A{n}", title=f"Title of aspect {n}", strands=(strands[n],))
            for n in range(aspects)
        ),
    )
    made = tuple(
        Award(
            id=f"award-{k}",
            title=f"Award {k}",
            require=Test.model_validate({"aspect": f"A{k}", "reached": best}),
        )
        for k in range(awards)
    )
    return Framework(
        id="fw", version="1", title="FW", scale=scale, elements=(element,), awards=made
    )


def review(framework: Framework, day: int, levels: dict[str, Judgement | int]) -> Assessment:
    judgements = {
        k: v if isinstance(v, Judgement) else Judgement(level=v) for k, v in levels.items()
    }
    return Assessment(
        framework=framework.ref,
        school=School(id="S1", name="A School"),
        assessed_on=dt.date(2026, 1, day),
        judgements=judgements,
    )


def report_of(
    framework: Framework, now: dict[str, Judgement | int], before: dict[str, int] | None = None
) -> Report:
    engine = Engine(entry_points=False, frameworks=[framework])
    previous = None if before is None else review(framework, 1, dict(before))
    return engine.report(review(framework, 2, now), previous)


def recommendations(count: int) -> tuple[Recommendation, ...]:
    return tuple(
        Recommendation(id=f"r{n}", title=f"Action number {n}", action=f"Do thing {n}.")
        for n in range(count)
    )


# -- the actions -------------------------------------------------------------------------------


def test_a_report_without_recommendations_says_no_actions_were_recommended() -> None:
    report = example().model_copy(update={"recommendations": ()})
    html = render(report)
    assert_structure(html, report)
    actions = section(html, "actions")
    assert "<p>No actions were recommended.</p>" in actions
    assert "<ol" not in actions
    assert "<li>" not in actions
    assert "more recommendation" not in html


@pytest.mark.parametrize(("count", "more"), [(4, None), (5, None), (6, 1), (9, 4)])
def test_the_actions_past_five_are_counted_and_none_when_five_or_fewer(
    count: int, more: int | None
) -> None:
    report = example().model_copy(update={"recommendations": recommendations(count)})
    html = render(report)
    assert_structure(html, report)
    actions = section(html, "actions")
    assert items(actions)[-1].startswith(f"Action number {min(count, 5) - 1}")
    if more is None:
        assert "more recommendation" not in actions
    else:
        assert f"{more} more recommendation(s) in the full report." in actions


@pytest.mark.parametrize(
    ("count", "heading"),
    [
        (0, "The most important actions"),
        (1, "The most important action"),
        (2, "The 2 most important actions"),
        (5, "The 5 most important actions"),
        (9, "The 5 most important actions"),
    ],
)
def test_the_actions_heading_counts_the_actions_listed(count: int, heading: str) -> None:
    """Never "The 5 most important actions" over a list of two."""
    report = example().model_copy(update={"recommendations": recommendations(count)})
    actions = section(render(report), "actions")
    assert f"<h2>{heading}</h2>" in actions
    assert len(items(actions)) == min(count, 5)


@pytest.mark.parametrize(
    ("field", "limit"), [("action", 280), ("title", 120)], ids=["action", "title"]
)
def test_an_actions_text_at_its_limit_is_whole_and_one_character_more_is_cut_at_a_word(
    field: str, limit: int
) -> None:
    whole = ("abcd " * limit)[: limit - 1] + "z"  # exactly `limit` characters
    assert len(whole) == limit
    over = whole + "y"
    for text, cut in ((whole, False), (over, True)):
        rec = Recommendation(id="r", title="T", action="A").model_copy(update={field: text})
        html = render(example().model_copy(update={"recommendations": (rec,)}))
        shown = whole[: whole.rindex(" ")] + " …" if cut else whole
        assert shown in section(html, "actions")
        assert over not in html


def test_a_recommendations_audience_is_cut_short_like_its_title() -> None:
    """A plugin or rule pack's audience (free text) is cut at a word as the title is: a
    long one made the page run to four A4 pages, where its promise is two."""
    rec = Recommendation(id="r", title="T", action="A", audience="governors " + "and more " * 500)
    html = render(example().model_copy(update={"recommendations": (rec,)}))
    [audience] = re.findall(r'<span class="meta">For (.*?)</span>', html)
    assert audience.startswith("governors and more")
    assert audience.endswith(" …")
    assert len(audience) <= 120 + 2
    short = Recommendation(id="r", title="T", action="A", audience="governors")
    html = render(example().model_copy(update={"recommendations": (short,)}))
    assert '<span class="meta">For governors</span>' in html


# -- progress, awards, respondents: at the limit and one past it ---------------------------------


@pytest.mark.parametrize(("moved", "more"), [(5, None), (6, 1)])
def test_progress_lists_five_aspects_that_moved_and_counts_the_rest(
    moved: int, more: int | None
) -> None:
    framework = framework_of(7, best=0, worst=3)  # the scale reversed: 0 is the best
    before = {f"S{n}": 3 for n in range(7)}
    now = {f"S{n}": 2 if n < moved else 3 for n in range(7)}
    progress = section(render(report_of(framework, dict(now), before)), "progress")
    listed = items(progress)
    assert [li.split(" ")[0] for li in listed[:5]] == ["A0", "A1", "A2", "A3", "A4"]
    assert all("3 → 2 ▲ 1 better" in li for li in listed[:5])
    if more is None:
        assert len(listed) == 5
        assert "more aspects that moved" not in progress
    else:
        assert listed[5:] == [f"and {more} more aspects that moved"]


@pytest.mark.parametrize(("count", "more"), [(3, None), (4, 1)])
def test_the_page_lists_three_awards_and_counts_the_rest(count: int, more: int | None) -> None:
    results = tuple(
        AwardResult(id=f"a{n}", title=f"Award {n}", met=True, requirement="r") for n in range(count)
    )
    report = example().model_copy(update={"awards": results})
    html = render(report)
    assert_structure(html, report)
    awards = section(html, "awards")
    assert re.findall(r"<strong>(Award \d)</strong>", awards) == ["Award 0", "Award 1", "Award 2"]
    if more is None:
        assert "more in the full report" not in awards
    else:
        assert f"<p>and {more} more in the full report</p>" in awards
    assert f'{count} of {count}</strong><span class="key">awards met' in html  # all counted


@pytest.mark.parametrize(("missing", "more"), [(2, None), (3, 1)])
def test_an_award_lists_two_things_missing_and_counts_the_rest(
    missing: int, more: int | None
) -> None:
    gaps = tuple(Shortfall(kind="condition", text=f"gap {n}") for n in range(missing))
    result = AwardResult(id="a", title="Award", met=False, requirement="r", missing=gaps)
    awards = section(render(example().model_copy(update={"awards": (result,)})), "awards")
    assert items(awards) == ["gap 0", "gap 1", *([f"and {more} more"] if more else [])]


def test_when_no_group_differs_the_page_says_they_broadly_agree() -> None:
    report = example()
    assert report.voices is not None
    names = Engine(entry_points=False).framework_names()
    found = read_responses(response_files([str(RESPONDENTS)]), names)
    # No group has 1,000 answers: none shows a level, so no strand is flagged.
    quiet = voices(report.framework, found.responses, own=report.assessment, min_group=1000)
    assert not quiet.flagged
    said = section(render(report.model_copy(update={"voices": quiet})), "voices")
    assert "The groups broadly agree with each other and with the school's judgement" in said
    assert "Worth discussing" not in said
    assert "<ul" not in said


@pytest.mark.parametrize(("flagged", "more"), [(4, None), (5, 1)])
def test_the_page_lists_four_strands_worth_discussing_and_counts_the_rest(
    flagged: int, more: int | None
) -> None:
    # Without its actions: the page keeps its four strands while it fits on two A4 pages.
    report = big_report().model_copy(update={"recommendations": ()})
    assert report.voices is not None
    strands = report.voices.flagged[:flagged]
    view = report.voices.model_copy(update={"strands": strands})
    said = section(render(report.model_copy(update={"voices": view})), "voices")
    assert f"Worth discussing ({flagged}):" in said
    listed = items(said)
    assert [li.split(" ")[0] for li in listed[:4]] == [s.strand for s in strands[:4]]
    assert listed[4:] == ([f"and {more} more in the full report"] if more else [])


# -- the evidence --------------------------------------------------------------------------------


def test_with_evidence_but_none_written_the_page_has_no_evidence_section() -> None:
    framework = framework_of(2)
    report = report_of(framework, {"S0": 1, "S1": 2})
    html = render(report, with_evidence=True)
    assert_structure(html, report)
    assert "evidence" not in Page(html).section_ids
    assert "Evidence behind the judgements" not in html


def test_the_evidence_lists_only_strands_with_evidence_in_framework_order_each_cut() -> None:
    """A strand not judged, or judged without evidence, is not listed; evidence of 200
    characters is whole, and 201 are cut at a word."""
    framework = framework_of(5)
    whole = ("word " * 40)[:199] + "z"  # 200 characters
    now: dict[str, Judgement | int] = {
        "S3": Judgement(level=1, evidence=whole + "y"),  # 201 characters
        "S0": Judgement(level=1, evidence=whole),
        "S1": 2,  # judged, no evidence; S2 and S4 not judged
    }
    report = report_of(framework, now)
    html = render(report, with_evidence=True)
    assert_structure(html, report)
    listed = items(section(html, "evidence"))
    assert listed == [f"S0 Strand 0: {whole}", f"S3 Strand 3: {whole[: whole.rindex(' ')]} …"]
    assert "evidence" not in Page(render(report)).section_ids


@pytest.mark.parametrize(("count", "more"), [(6, None), (7, 1), (24, 18)])
def test_the_evidence_of_six_strands_is_given_and_the_rest_counted(
    count: int, more: int | None
) -> None:
    """Evidence of every strand ran the page past its two A4 pages from about 20 strands:
    the first six in framework order are given (eight until round 42, when every other
    text was cut too), and how many more the full report has."""
    framework = framework_of(count)
    now: dict[str, Judgement | int] = {
        f"S{n}": Judgement(level=1, evidence=f"Evidence of strand {n}.") for n in range(count)
    }
    report = report_of(framework, now)
    html = render(report, with_evidence=True)
    assert_structure(html, report)
    evidence = section(html, "evidence")
    assert items(evidence) == [f"S{n} Strand {n}: Evidence of strand {n}." for n in range(6)]
    told = re.findall(r"The evidence of (\d+) more strand\(s\) is in the full report\.", evidence)
    assert told == ([] if more is None else [str(more)])


# -- the chart ---------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [8, 9])
def test_up_to_eight_aspects_the_axes_have_titles_and_sit_beside_the_table(count: int) -> None:
    framework = framework_of(count)
    report = report_of(framework, {f"S{n}": n % 4 for n in range(count)})
    html = render(report)
    assert_structure(html, report)
    chart = section(html, "chart")
    many = count > 8
    assert ("Title of aspect 0" in chart) is not many  # the table always has the titles
    assert "Title of aspect 0" in section(html, "aspects")
    assert ("Axes are named by aspect id (see the table)." in chart) is many
    assert ('<div class="stack">' in html) is many
    assert ('<div class="grid">\n<section id="aspects">' in html) is not many


def test_the_chart_draws_the_thresholds_of_the_first_two_awards_only() -> None:
    framework = framework_of(4, awards=3)
    report = report_of(framework, {f"S{n}": 1 for n in range(4)})
    chart = section(render(report), "chart")
    assert "Award 0: threshold" in chart
    assert "Award 1: threshold" in chart
    assert "Award 2: threshold" not in chart
    assert len(report.awards) == 3


def test_the_tables_head_names_the_columns_of_the_previous_review_and_the_cohort() -> None:
    """Each row has a cell for the previous review's level, the change and the cohort's
    median when there are some; the head names each (round 47's mutation pass: a head
    without them went unnoticed)."""
    for previous, cohort in ((True, True), (True, False), (False, True), (False, False)):
        report, medians = extreme_report(Extreme(previous=previous, cohort=cohort))
        head = re.findall(r"<thead><tr>(.*?)</tr></thead>", render(report, cohort=medians))
        columns = ["Aspect", "This review"]
        columns += ["Before", "Change"] if previous else []
        columns += ["Cohort median"] if cohort else []
        assert head == ["".join(f'<th scope="col">{c}</th>' for c in columns)]


def test_each_row_gives_the_cohorts_median_or_a_dash_and_one_more_aspect_is_counted() -> None:
    """A row's last cell is the cohort's median, a dash for an aspect the cohort has none of;
    and a table one aspect short says "and 1 more" (round 47's mutation pass)."""
    report, medians = extreme_report(Extreme(aspects=6, cohort=True))
    assert medians is not None
    medians["A1xx"] = None
    rows = aspects_part(report, medians, 5)
    cells = [re.findall(r"<td>([^<]*)</td>", row)[-1] for row in rows if '<th scope="row">' in row]
    assert cells == ["2", "–", "2", "2", "2"]
    assert any("and 1 more aspect(s) in the full report" in row for row in rows)


# -- round 63's pass: the overall change, a table of every aspect, the previous review -----------


@pytest.mark.parametrize(
    ("now", "said"),
    [
        (2, '(<span class="better">▲ 1 better</span>)'),
        (3, '(<span class="same">= the same</span>)'),
    ],
)
def test_progress_says_the_overall_level_then_and_now_and_which_way_it_moved(
    now: int, said: str
) -> None:
    """A governor is told the school's overall level at both reviews, even when it has not
    moved (round 63's pass: the line could go unnoticed, or be given only when absent)."""
    framework = framework_of(3, best=0, worst=3)
    report = report_of(framework, {"S0": now, "S1": now, "S2": 3}, {f"S{n}": 3 for n in range(3)})
    progress = section(render(report), "progress")
    assert f"<p>Overall: level 3 then, level {now} now {said}.</p>" in progress


def test_a_table_of_every_aspect_counts_none_more() -> None:
    """Exactly as many rows as aspects: nothing is left out, so no "and 0 more" row."""
    report = report_of(framework_of(3), {"S0": 1, "S1": 2, "S2": 3})
    rows = aspects_part(report, None, 3)
    assert sum('<th scope="row">' in row for row in rows) == 3
    assert not any("more aspect(s)" in row for row in rows)


def test_the_table_scores_the_previous_review_itself_when_not_given_its_profile() -> None:
    """`aspects_part`'s caller may leave the previous review unscored: the table then scores
    it, and shows the same columns and cells as when given its profile."""
    framework = framework_of(3, best=0, worst=3)
    report = report_of(framework, {"S0": 2, "S1": 3, "S2": 3}, {f"S{n}": 3 for n in range(3)})
    assert report.previous is not None
    scored = score(framework, report.previous, report.profile.policy)
    rows = aspects_part(report, None)
    assert rows == aspects_part(report, None, scored=scored)
    assert '<th scope="col">Before</th><th scope="col">Change</th>' in rows[2]
    [first] = [row for row in rows if "A0 Title" in row]
    assert '<td>3</td><td class="change"><span class="better">▲ 1 better</span></td>' in first


def test_each_actions_priority_is_marked_with_its_own_colour() -> None:
    """The page colours an action by its priority (`.priority.high` and the others in its
    style sheet): a high-priority action marked as a low one would look like one."""
    made = tuple(
        Recommendation(id=f"r{n}", title=f"Action {n}", action="Do it.", priority=priority)
        for n, priority in enumerate(("high", "medium", "low"))
    )
    actions = section(render(example().model_copy(update={"recommendations": made})), "actions")
    marks = re.findall(r'<span class="(priority [a-z]+)">([a-z]+) priority</span>', actions)
    assert marks == [
        ("priority high", "high"),
        ("priority medium", "medium"),
        ("priority low", "low"),
    ]
