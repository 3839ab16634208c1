"""`cohort/history.py`: what the mutation pass of round 42 (second wave) found no test holding.

A school's reviews over the years, on a scale rising from 0 to 3 or falling from 3 to 0:
each review's own levels in date order, none dropped in silence, drawn with the best level
at the top whichever way the numbers run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
import xml.etree.ElementTree as ET
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from program import selfreview
from scaled import scaled
from selfreview_core import Assessment, Framework, Scale, School, testing
from selfreview_core.cohort.history import (
    History,
    HistoryError,
    history,
    history_chart,
    history_html,
    history_table,
)
from selfreview_core.exporters.page import e
from selfreview_core.scoring.profiles import score

from .test_dashboard_charts_mutants import ZERO_ENDED
from .test_dashboard_mutants import SCALES, _framework, _review

#: The tiny framework (best 3, worst 0), one aspect `E1` of two strands.
TINY = Path(__file__).resolve().parents[1] / "data" / "good" / "tiny-framework.yaml"


def _write(path: Path, day: str, first: int, second: int, school: str = "T-001") -> Path:
    path.write_text(
        f"kind: assessment\nframework: tiny@1\nschool: {{id: {school}, name: Tiny}}\n"
        f"assessed_on: {day}\njudgements: {{E1.1: {first}, E1.2: {second}}}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("scale", SCALES, ids=["rising", "falling"])
def test_two_different_reviews_of_one_date_are_refused_not_one_dropped(scale: Scale) -> None:
    """Neither is dropped in silence (the later used to replace the earlier, so that the
    report's own review lost its column to another review of its date)."""
    framework = _framework(scale, aspects=2)
    day = dt.date(2026, 9, 30)
    own, other = _review(framework, "a", [0, 1], day), _review(framework, "a", [3, 3], day)
    for reviews in ([own, other], [other, own]):
        with pytest.raises(HistoryError) as caught:
            history(framework, reviews)
        assert str(caught.value) == (
            "school a has two different reviews dated 2026-09-30 "
            "(a history holds one review a date: leave one of them out)"
        )
        assert caught.value.first.code == "same-date"


@pytest.mark.parametrize("scale", SCALES, ids=["rising", "falling"])
def test_a_review_given_twice_is_one_review(scale: Scale) -> None:
    framework = _framework(scale, aspects=2)
    older = _review(framework, "a", [2, None], dt.date(2024, 1, 5))
    own = _review(framework, "a", [0, 1], dt.date(2026, 9, 30))
    again = _review(framework, "a", [0, 1], dt.date(2026, 9, 30))
    found = history(framework, [own, older, again])
    assert found.dates == (older.assessed_on, own.assessed_on)
    worst = scale.worst
    assert found.levels["a0"] == (scale.from_rank(2), worst)
    assert found.levels["a1"] == (None, scale.from_rank(1))


def test_report_refuses_a_history_review_of_the_report_s_own_date(tmp_path: Path) -> None:
    """`report A --history B`, B another review of A's date: refused (exit 1), naming the
    school and the date, and nothing written; it used to show B's levels in A's column,
    under a report of A's."""
    own = _write(tmp_path / "own.yaml", "2026-09-30", 2, 0)
    other = _write(tmp_path / "other.yaml", "2026-09-30", 3, 3)
    out = tmp_path / "report.html"
    done = selfreview(
        ["report", str(own), "--framework", str(TINY), "--history", str(other), "-o", str(out)]
    )
    assert done.returncode == 1
    assert done.stderr.decode() == (
        f"{other}: error: school T-001 has two different reviews dated 2026-09-30 "
        "(a history holds one review a date: leave one of them out)\n"
    )
    assert done.stdout == b""
    assert not out.exists()
    again = selfreview(["report", str(own), "--framework", str(TINY), "--history", str(own)])
    assert again.returncode == 0, again.stderr
    assert again.stdout.decode().endswith(
        "aspect    title            2026-09-30\n"
        "--------  ---------------  ------------\n"
        "E1        The only aspect  0\n"
        "overall   Overall          0\n\n"
        "Levels from 0 (worst) to 3 (best); - means not judged.\n"
    )


# -- what the pass found no test holding ----------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"
POLICIES = ("median", "mean", "weakest")


@st.composite
def histories(draw: st.DrawFn) -> tuple[Framework, list[Assessment], str]:
    """A framework on a scale of either direction (0 .. 3, 3 .. 0, or any from -10 to 10),
    one school's reviews of it on 1 to 5 different dates, in any order, and a policy."""
    scale = draw(st.sampled_from(ZERO_ENDED) | testing.scales())
    framework = draw(testing.frameworks(scale=scale, max_elements=2, max_aspects=3, max_strands=2))
    days = draw(st.lists(testing.dates(), min_size=1, max_size=5, unique=True))
    school = School(id="s", name="S")
    reviews = [
        draw(testing.assessments(framework, school=school)).model_copy(update={"assessed_on": d})
        for d in days
    ]
    return framework, reviews, draw(st.sampled_from(POLICIES))


@settings(max_examples=scaled(40))
@given(histories())
def test_a_history_is_each_review_s_own_levels_in_date_order(
    drawn: tuple[Framework, list[Assessment], str],
) -> None:
    framework, reviews, policy = drawn
    found = history(framework, reviews, policy=policy)  # type: ignore[arg-type]
    ordered = sorted(reviews, key=lambda review: review.assessed_on)
    profiles = [score(framework, review, policy) for review in ordered]  # type: ignore[arg-type]
    assert found.school == "s"
    assert found.dates == tuple(review.assessed_on for review in ordered)
    assert found.ids() == (*(aspect.id for aspect in framework.aspects), "overall")
    for aspect in framework.aspects:
        assert found.levels[aspect.id] == tuple(p.aspects[aspect.id] for p in profiles)
    assert found.levels["overall"] == tuple(p.overall for p in profiles)


def _title(found: History, node_id: str) -> str:
    return "Overall" if node_id == "overall" else found.framework.get(node_id).title


@settings(max_examples=scaled(40))
@given(histories())
def test_the_chart_puts_each_review_at_its_date_and_level_the_best_at_the_top(
    drawn: tuple[Framework, list[Assessment], str],
) -> None:
    """Levels from the worst at the bottom (y 20 + 34 a rank below the best) to the best at
    the top, whichever way the numbers run; reviews from x 60 to 560 in date order (one
    review in the middle); a line per aspect and overall, each point titled with its date
    and level, and a label at its end that no other label overlaps."""
    framework, reviews, _ = drawn
    found = history(framework, reviews)
    scale = framework.scale
    count = len(found.dates)
    bottom = 20 + 34 * (scale.size - 1)

    def x(index: int) -> float:
        return 60 + 500 * (index / (count - 1) if count > 1 else 0.5)

    def y(level: int) -> float:
        return 20 + 34 * (scale.size - 1 - scale.rank(level))

    svg = ET.fromstring(history_chart(found))
    height = bottom + 60 + 12 * len(found.levels)
    assert svg.get("viewBox") == f"0 0 720 {height}"
    assert (svg.get("width"), svg.get("height")) == ("720", str(height))
    assert svg.findtext(f"{SVG}title") == "Reviews of school s"
    assert svg.findtext(f"{SVG}desc") == (
        f"Level of each aspect and overall in each of {count} reviews, the best level "
        f"({scale.best}) at the top and the worst ({scale.worst}) at the bottom."
    )
    grid = [
        (float(line.get("y1", "")), line.get("x1"), line.get("x2"))
        for line in svg.findall(f"{SVG}line")
    ]
    assert grid == [(y(level), "60", "560") for level in scale.levels]
    ticks = list(svg.findall(f"{SVG}text"))
    assert [t.text for t in ticks[: scale.size]] == [
        f"{level} best"
        if level == scale.best
        else f"{level} worst"
        if level == scale.worst
        else str(level)
        for level in scale.levels
    ]
    assert [t.findtext(f"{SVG}title") for t in ticks[: scale.size]] == [
        html.unescape(e(words)) if (words := scale.labels.get(level)) else None
        for level in scale.levels
    ]  # the level's words, the tick's own title
    assert svg.findall(f"{SVG}title") == svg.findall(f"{SVG}title")[:1]
    assert all(float(t.get("x", "")) < 60 for t in ticks[: scale.size])  # left of the grid
    assert [float(t.get("y", "")) for t in ticks[: scale.size]] == [
        pytest.approx(y(level) + 4) for level in scale.levels
    ]
    days = ticks[scale.size :]
    assert [t.text for t in days] == [day.isoformat() for day in found.dates]
    for index, day in enumerate(days):
        assert float(day.get("x", "")) == pytest.approx(x(index), abs=0.051)
        assert float(day.get("y", "")) == bottom + 24
    groups = [g for g in svg.findall(f"{SVG}g") if g.get("class") == "line"]
    assert len(groups) == len(found.levels)
    labels: list[tuple[float, float]] = []
    for group, (node_id, levels) in zip(groups, found.levels.items(), strict=True):
        name = html.unescape(e(f"{node_id} {_title(found, node_id)}"))
        assert group.findtext(f"{SVG}title") == name
        given = [(i, level) for i, level in enumerate(levels) if level is not None]
        circles = group.findall(f"{SVG}circle")
        at = [(float(c.get("cx", "")), float(c.get("cy", ""))) for c in circles]
        assert len(at) == len(given)
        for (cx, cy), (i, level) in zip(at, given, strict=True):
            assert abs(cx - x(i)) <= 0.051
            assert abs(cy - y(level)) <= 0.051
        assert [c.findtext(f"{SVG}title") for c in circles] == [
            f"{name}, {found.dates[i].isoformat()}: level {level}" for i, level in given
        ]
        colours = {c.get("fill") for c in circles}
        lines = group.findall(f"{SVG}polyline")
        assert len(lines) == (1 if len(given) > 1 else 0)
        for line in lines:
            assert line.get("points") == " ".join(f"{c.get('cx')},{c.get('cy')}" for c in circles)
            assert line.get("stroke-width") == ("3" if node_id == "overall" else "1.8")
            colours.add(line.get("stroke"))
        texts = group.findall(f"{SVG}text")
        if not given:
            assert texts == []
            continue
        (label,) = texts
        assert label.text == f"{html.unescape(e(node_id))} ({given[-1][1]})"
        assert label.get("x") == "572.0"
        colours.add(label.get("fill"))
        assert len(colours) == 1
        labels.append((y(given[-1][1]), float(label.get("y", "")) - 4))
    placed = sorted(labels)
    for want, where in placed:
        assert want <= where + 0.051 <= height
    assert all(b[1] - a[1] >= 12 - 0.051 for a, b in pairwise(placed))
    below = float("-inf")  # moved down just enough: to its point, or 12 below the one above
    for want, where in placed:
        assert abs(where - max(want, below + 12)) <= 0.051
        below = where


def test_lines_are_told_apart_by_dash_and_colour_and_overall_is_thickest() -> None:
    """Seven aspects and overall: each of the first seven lines a colour and dash of its
    own (the first solid), the eighth (overall) the first's again, three wide."""
    framework = _framework(Scale(best=3, worst=0), aspects=7)
    reviews = [
        _review(framework, "a", [n % 4 for n in range(7)], dt.date(2024, 1, 1)),
        _review(framework, "a", [(n + 1) % 4 for n in range(7)], dt.date(2025, 1, 1)),
    ]
    svg = ET.fromstring(history_chart(history(framework, reviews)))
    lines = [
        (p.get("stroke"), p.get("stroke-dasharray"), p.get("stroke-width"))
        for p in svg.iter(f"{SVG}polyline")
    ]
    assert lines == [
        ("#1f5f8b", None, "1.8"),
        ("#b54708", "6 3", "1.8"),
        ("#1a7f37", "2 3", "1.8"),
        ("#7a3e9d", "8 3 2 3", "1.8"),
        ("#b42318", "1 2", "1.8"),
        ("#5f6b76", "10 4", "1.8"),
        ("#0e7490", "4 2 1 2", "1.8"),
        ("#1f5f8b", None, "3"),
    ]
    starts = {p.get("points", "").split(" ")[0].split(",")[0] for p in svg.iter(f"{SVG}polyline")}
    ends = {p.get("points", "").split(" ")[-1].split(",")[0] for p in svg.iter(f"{SVG}polyline")}
    assert (starts, ends) == ({"60.0"}, {"560.0"})  # two reviews: at either end


def test_what_history_returns_is_frozen() -> None:
    framework = _framework(Scale(best=3, worst=0), aspects=1)
    found = history(framework, [_review(framework, "a", [1])])
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.school = "b"  # type: ignore[misc]
    assert not hasattr(found, "__dict__")


@pytest.mark.parametrize("scale", SCALES, ids=["rising", "falling"])
def test_the_table_and_the_page_give_each_review_s_levels_and_a_dash_for_none(
    scale: Scale,
) -> None:
    framework = _framework(scale, aspects=2)
    reviews = [
        _review(framework, "a", [3, None], dt.date(2025, 6, 1)),
        _review(framework, "a", [0, 1], dt.date(2024, 6, 1)),
    ]
    found = history(framework, reviews)
    best, worst = scale.best, scale.worst
    one = scale.from_rank(1)
    assert history_table(found) == (
        "aspect    title     2024-06-01    2025-06-01\n"
        "--------  --------  ------------  ------------\n"
        f"a0        Aspect 0  {worst}             {best}\n"
        f"a1        Aspect 1  {one}             -\n"
        f"overall   Overall   {worst}             {best}\n"
        f"\nLevels from {worst} (worst) to {best} (best); - means not judged.\n"
    )
    page = history_html(found)
    assert page.startswith('<section id="history">\n<h2>Review by review</h2>\n<figure><svg ')
    assert page.endswith("</table>\n</section>\n")
    assert re.findall(r"<tr>.*?</tr>", page) == [
        '<tr><th>Aspect</th><th scope="col" class="num">2024-06-01</th>'
        '<th scope="col" class="num">2025-06-01</th></tr>',
        f'<tr><th scope="row">a0 Aspect 0</th><td class="num">{worst}</td>'
        f'<td class="num">{best}</td></tr>',
        f'<tr><th scope="row">a1 Aspect 1</th><td class="num">{one}</td>'
        '<td class="num">–</td></tr>',
        f'<tr><th scope="row">overall Overall</th><td class="num">{worst}</td>'
        f'<td class="num">{best}</td></tr>',
    ]


def test_a_history_refuses_another_framework_and_no_review_and_takes_its_bare_id() -> None:
    framework = _framework(Scale(best=3, worst=0), aspects=1)
    own = _review(framework, "a", [1], dt.date(2025, 6, 1))
    bare = own.model_copy(update={"framework": "dash", "assessed_on": dt.date(2024, 6, 1)})
    assert history(framework, [own, bare]).dates == (dt.date(2024, 6, 1), dt.date(2025, 6, 1))
    other = own.model_copy(update={"framework": "dash@2"})
    with pytest.raises(HistoryError) as caught:
        history(framework, [own, other])
    assert str(caught.value) == (
        "a review of 2025-06-01 is of dash@2, not of dash@1 "
        "(carry it to the same version first (`selfreview migrate`))"
    )
    assert caught.value.first.code == "history-framework"
    with pytest.raises(HistoryError) as named:
        history(framework, [own, bare, other], files=[None, "bare.yaml", "other.yaml"])
    assert named.value.file == "other.yaml"
    assert str(named.value).startswith("other.yaml: a review of 2025-06-01 is of dash@2")
    with pytest.raises(HistoryError) as short:  # fewer files than reviews: none named
        history(framework, [own, other], files=[None])
    assert short.value.file is None
    with pytest.raises(HistoryError) as none:
        history(framework, [])
    assert str(none.value) == "no review to make a history of"
    assert none.value.first.code == "no-reviews"


def test_the_table_keeps_a_title_with_a_line_break_on_its_row() -> None:
    framework = _framework(Scale(best=3, worst=0), aspects=1, aspect_title="One\nTwo\tThree")
    found = history(framework, [_review(framework, "a", [1], dt.date(2025, 6, 1))])
    lines = history_table(found).splitlines()
    assert lines[2] == "a0        One\\nTwo\\tThree  1"
    assert len(lines) == 6


def test_the_table_shows_an_aspects_invisible_characters_and_keeps_its_titles() -> None:
    """An aspect's id is a name (`escaping.shown_name`): `a0` and `a0` with a zero-width
    space after it read alike before round 46; its title keeps its joiner."""
    plain = _framework(Scale(best=3, worst=0), aspects=1, aspect_title="One\u200dTwo")
    data = plain.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["elements"][0]["aspects"][0]["id"] = "a0\u200b"
    framework = Framework.model_validate(data)
    found = history(framework, [_review(framework, "a", [1], dt.date(2025, 6, 1))])
    lines = history_table(found).splitlines()
    assert lines[2].split() == ["a0\\u200b", "One\u200dTwo", "1"]
