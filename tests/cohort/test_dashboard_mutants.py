"""`cohort/dashboard.py`: what the mutation pass of round 42 found no test holding.

Each test writes a framework (on a scale rising from 0 to 3, or falling from 3 to 0) and its
reviews to files, runs `benchmark --format html` as a user would, and reads the page back.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core import Aspect, Assessment, Element, Framework, Judgement, Scale, School, Strand
from selfreview_core.cli import cli

from .test_dashboard import Page

#: Both directions: the best level the largest number, then the smallest.
SCALES = [Scale(best=3, worst=0), Scale(best=0, worst=3)]


@pytest.fixture(params=SCALES, ids=["rising", "falling"])
def scale(request: pytest.FixtureRequest) -> Scale:
    found: Scale = request.param
    return found


def _framework(
    scale: Scale,
    aspects: int = 3,
    *,
    last_apart: bool = False,
    strand_title: str = "Strand {n}",
    aspect_title: str = "Aspect {n}",
) -> Framework:
    """`aspects` aspects (`a0`, ...) of one strand each (`s0`, ...), in one element `e`; or,
    `last_apart`, with the last aspect in an element `f` of its own."""
    levels = {level: f"Level {level}." for level in scale.levels}
    made = [
        Aspect(
            id=f"a{n}",
            title=aspect_title.format(n=n),
            strands=(Strand(id=f"s{n}", title=strand_title.format(n=n), levels=levels),),
        )
        for n in range(aspects)
    ]
    groups = [made[:-1], made[-1:]] if last_apart else [made]
    return Framework(
        id="dash",
        version="1",
        title="Dashboard",
        scale=scale,
        elements=tuple(
            Element(id=name, title=f"Element {name}", aspects=tuple(group))
            for name, group in zip("ef", groups, strict=False)
        ),
    )


def _review(
    framework: Framework, school: str, ranks: Sequence[int | None], day: dt.date | None = None
) -> Assessment:
    """A review of `school` with strand `sN` at rank `ranks[N]` (0: the worst; None: not
    judged)."""
    scale = framework.scale
    return Assessment(
        framework=framework.ref,
        school=School(id=school, name=f"School {school}"),
        assessed_on=day or dt.date(2025, 6, 1),
        judgements={
            f"s{n}": Judgement(level=scale.from_rank(rank))
            for n, rank in enumerate(ranks)
            if rank is not None
        },
    )


def _benchmark(
    folder: Path, framework: Framework, reviews: Sequence[Assessment], *options: str
) -> str:
    """What `benchmark` writes of `reviews` (one JSON Lines file) against `framework`."""
    (folder / "framework.json").write_text(
        json.dumps(framework.model_dump(mode="json", exclude_none=True)), encoding="utf-8"
    )
    lines = folder / "reviews.jsonl"
    lines.write_text(
        "".join(json.dumps(r.model_dump(mode="json", exclude_none=True)) + "\n" for r in reviews),
        encoding="utf-8",
    )
    framework_file = str(folder / "framework.json")
    args = ["benchmark", str(lines), "--framework", framework_file, *options]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def _page(
    folder: Path, framework: Framework, reviews: Sequence[Assessment], *options: str
) -> tuple[Page, str]:
    """`benchmark --format html` of `reviews` (one JSON Lines file) against `framework`."""
    html = _benchmark(folder, framework, reviews, *options, "--format", "html")
    page = Page()
    page.feed(html)
    return page, html


def _matrix(page: Page) -> list[list[str]]:
    """The matrix's rows below its head: name, below median, then each aspect and overall."""
    return [row for row in page.rows if row and row[0] != "School"]


def _trend(html: str) -> list[list[str]]:
    """The trend table's rows, head first, each cell's text."""
    start = html.index('<table class="trend">')
    table = html[start : html.index("</table>", start)]
    return [
        [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", table)
    ]


# -- the matrix ---------------------------------------------------------------------------


def test_more_aspects_below_the_median_come_before_a_lower_mean_level(
    tmp_path: Path, scale: Scale
) -> None:
    """Need first, mean level second: `x` is below the median on two aspects with a mean
    rank of 5/3, `y` on one with 4/3; `x` comes first though `y` is further from the best."""
    framework = _framework(scale)
    reviews = [
        _review(framework, "x", [1, 1, 3]),
        _review(framework, "y", [0, 2, 2]),
        *(_review(framework, f"z{n}", [2, 2, 2]) for n in range(3)),
    ]
    page, _ = _page(tmp_path, framework, reviews)
    rows = _matrix(page)
    assert [(row[0], row[1]) for row in rows] == [
        ("School x (x)", "2"),
        ("School y (y)", "1"),
        ("School z0 (z0)", "0"),
        ("School z1 (z1)", "0"),
        ("School z2 (z2)", "0"),
    ]
    assert rows[0][2:] == [str(scale.from_rank(r)) for r in (1, 1, 3, 1)]


@pytest.mark.parametrize("schools", [80, 81])
def test_the_matrix_shows_at_most_80_schools_and_counts_the_rest(
    tmp_path: Path, schools: int
) -> None:
    """docs/authorities.md: "A large cohort shows its 80 neediest schools and says how many
    more there are"; a cohort of exactly 80 is shown whole, with no such note."""
    framework = _framework(Scale(best=3, worst=0))
    reviews = [_review(framework, f"{n:03d}", [n % 4, 3, 3]) for n in range(schools)]
    page, _ = _page(tmp_path, framework, reviews)
    assert len(_matrix(page)) == 80
    note = f"The 80 schools most in need of {schools};"
    assert (note in "".join(page.text)) is (schools > 80)
    assert ("most in need of" in "".join(page.text)) is (schools > 80)


def test_with_every_review_each_row_names_its_date(tmp_path: Path, scale: Scale) -> None:
    """`--all-reviews`: one school's two reviews are two rows, told apart by their dates."""
    framework = _framework(scale)
    reviews = [
        _review(framework, "a", [0, 0, 0], dt.date(2024, 9, 1)),
        _review(framework, "a", [3, 3, 3], dt.date(2025, 9, 1)),
    ]
    latest, _ = _page(tmp_path, framework, reviews)
    assert [row[0] for row in _matrix(latest)] == ["School a (a)"]
    every, _ = _page(tmp_path, framework, reviews, "--all-reviews")
    assert [row[0] for row in _matrix(every)] == [
        "School a (a), 2024-09-01",
        "School a (a), 2025-09-01",
    ]


def test_the_matrix_s_last_column_is_each_school_s_overall_level(
    tmp_path: Path, scale: Scale
) -> None:
    """Overall, not the last element's level: with `a2` in an element of its own, `x` is at
    the worst level overall (the median of its strands) and at the best in that element."""
    framework = _framework(scale, last_apart=True)
    reviews = [
        _review(framework, "x", [0, 0, 3]),
        _review(framework, "y", [3, 3, 0]),
        _review(framework, "z", [1, 1, 1]),
    ]
    page, _ = _page(tmp_path, framework, reviews)
    level = [str(scale.from_rank(r)) for r in range(4)]
    assert {row[0]: row[2:] for row in _matrix(page)} == {
        "School x (x)": [level[0], level[0], level[3], level[0]],
        "School y (y)": [level[3], level[3], level[0], level[3]],
        "School z (z)": [level[1], level[1], level[1], level[1]],
    }


def test_anonymised_the_matrix_withholds_a_level_only_where_its_cell_is_hidden(
    tmp_path: Path, scale: Scale
) -> None:
    """`--anonymise --min-group 3`: the one school at the worst level and the two at the best
    are hidden together (`[c]`); the levels between are shown, though their percentiles are
    not (the hidden cells lie either side); the three that did not judge show a dash."""
    framework = _framework(scale, aspects=1)
    ranks = [3, 3, 2, 2, 2, 1, 1, 1, 0, None, None, None]
    reviews = [_review(framework, f"k{n}", [rank]) for n, rank in enumerate(ranks)]
    page, _ = _page(tmp_path, framework, reviews, "--anonymise", "--min-group", "3")
    rows = _matrix(page)
    assert all(re.fullmatch(r"School \d+", row[0]) for row in rows)
    level = [str(scale.from_rank(r)) for r in range(4)]
    assert sorted(tuple(row[2:]) for row in rows) == sorted(
        [("[c]", "[c]")] * 3 + [(level[1],) * 2] * 3 + [(level[2],) * 2] * 3 + [("–", "–")] * 3
    )


# -- the trend ----------------------------------------------------------------------------


def test_the_trend_counts_each_years_schools_and_has_a_row_per_strand_and_overall(
    tmp_path: Path, scale: Scale
) -> None:
    """A row per strand and overall (no aspect's or element's), after the schools reviewed
    each year, each headed by its id and its title cut to 40 characters; each cell the
    median level of that year's reviews."""
    framework = _framework(scale, aspects=2, strand_title="Strand {n} " + "of a long title " * 4)
    reviews = [
        _review(framework, "a", [0, 1], dt.date(2024, 3, 1)),
        _review(framework, "a", [2, 2], dt.date(2025, 3, 1)),
        _review(framework, "b", [2, None], dt.date(2025, 4, 1)),
        _review(framework, "c", [3, 3], dt.date(2025, 5, 1)),
    ]
    _, html = _page(tmp_path, framework, reviews)
    level = [str(scale.from_rank(r)) for r in range(4)]
    assert _trend(html) == [
        ["Strand", "2024", "2025"],
        ["Schools reviewed", "1", "3"],
        ["s0 Strand 0 of a long title of a long titl…", level[0], level[2]],
        ["s1 Strand 1 of a long title of a long titl…", level[1], level[2]],
        ["overall Overall", level[0], level[2]],
    ]


def test_anonymised_the_trend_withholds_small_years_and_medians_small_cells_could_tell(
    tmp_path: Path, scale: Scale
) -> None:
    """`--anonymise --min-group 2`: 2024's one school is withheld as a count, and every
    median of it. In 2025 (four schools) `s0` has two schools at one level and two not
    judged: every cell holds two or none, so its median is shown; `s1` has one school alone
    at a level, `s2` one school alone not judged, so theirs are withheld. 2026's two schools,
    at one level everywhere, are exactly enough: count and medians shown."""
    framework = _framework(scale)
    day = dt.date(2025, 3, 1)
    reviews = [
        _review(framework, "a", [0, 0, 0], dt.date(2024, 3, 1)),
        _review(framework, "a", [1, 1, 1], day),
        _review(framework, "b", [1, 1, 1], day),
        _review(framework, "c", [None, 1, 1], day),
        _review(framework, "d", [None, 2, None], day),
        *(_review(framework, s, [3, 3, 3], dt.date(2026, 3, 1)) for s in "ef"),
    ]
    _, html = _page(tmp_path, framework, reviews, "--anonymise", "--min-group", "2")
    level = [str(scale.from_rank(r)) for r in range(4)]
    assert _trend(html) == [
        ["Strand", "2024", "2025", "2026"],
        ["Schools reviewed", "[c]", "4", "2"],
        ["s0 Strand 0", "[c]", level[1], level[3]],
        ["s1 Strand 1", "[c]", "[c]", level[3]],
        ["s2 Strand 2", "[c]", "[c]", level[3]],
        ["overall Overall", "[c]", "[c]", level[3]],
    ]


def test_an_anonymised_page_says_so_and_what_its_mark_means(tmp_path: Path) -> None:
    framework = _framework(Scale(best=0, worst=3))
    reviews = [_review(framework, f"k{n}", [n % 4, 1, 2]) for n in range(4)]
    page, _ = _page(tmp_path, framework, reviews, "--anonymise", "--min-group", "3")
    said = " ".join("".join(page.text).split())
    assert (
        "4 schools (each school's latest review), levels from 3 (worst) to 0 (best). "
        "Anonymised: schools labelled at random, years for dates; [c] marks a figure withheld "
        "because it would describe fewer than 3 schools."
    ) in said
    plain, _ = _page(tmp_path, framework, reviews)
    assert "Anonymised" not in "".join(plain.text)
