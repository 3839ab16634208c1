"""`benchmark --format html`: the authority's dashboard, checked without a browser.

Issue 17: "The dashboard ... on the example cohort: a browser-free check of their structure
(charts present, matrix rows sorted by need, anonymised output with no id, name or exact
date, groups under the minimum suppressed)".
"""

from __future__ import annotations

import datetime as dt
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core import (
    Aspect,
    Assessment,
    Element,
    Engine,
    Framework,
    Judgement,
    Scale,
    School,
    Strand,
    benchmark,
    load_assessment,
)
from selfreview_core.cli import cli
from selfreview_core.cohort.dashboard import level_colour, school_section

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
SVG = "{http://www.w3.org/2000/svg}"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@dataclass
class Page(HTMLParser):
    """What the checks need: tags, sections, the matrix rows, texts, titles, comments."""

    tags: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    _in_matrix: bool = False
    _row: list[str] | None = None
    _cell: list[str] | None = None
    _title: list[str] | None = None

    def __post_init__(self) -> None:
        super().__init__()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append(tag)
        if tag == "section" and found.get("id"):
            self.sections.append(str(found["id"]))
        if tag == "table":
            self._in_matrix = found.get("class") == "matrix"
        if self._in_matrix and tag == "tr":
            self._row = []
        if self._row is not None and tag in ("td", "th"):
            self._cell = []
        if tag == "title":
            self._title = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        if tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None
        if tag == "table":
            self._in_matrix = False
        if tag == "title" and self._title is not None:
            self.titles.append("".join(self._title))
            self._title = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._title is not None:
            self._title.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def dashboard(*args: str) -> tuple[Page, str]:
    result = run("benchmark", *args, "--format", "html")
    assert result.exit_code == 0, result.output
    page = Page()
    page.feed(result.stdout)
    return page, result.stdout


def test_the_page_is_self_contained_and_prints_on_a4_landscape(cohort_dir: Path) -> None:
    page, html = dashboard(str(cohort_dir))
    assert html.startswith("<!DOCTYPE html>")
    assert not {"script", "link", "img", "iframe", "object"} & set(page.tags)
    assert "Content-Security-Policy" in html
    assert "default-src 'none'" in html
    assert "@page{size:A4 landscape" in html
    assert "http://www.w3.org/2000/svg" in html  # the SVG namespace, not a request
    assert not re.search(r"(src|href)=", html)


def test_a_stacked_bar_per_strand_aspect_and_overall(cohort_dir: Path) -> None:
    page, html = dashboard(str(cohort_dir))
    assert page.sections[:2] == ["distributions", "matrix"]
    assert html.count('<g class="dist">') == 12 + 3 + 1
    # Every part of a bar says its level and count: colour is never alone.
    parts = [t for t in page.titles if t.startswith("level ")]
    assert "level 5 (worst): 1 school" in parts
    assert sum(int(t.rsplit(": ", 1)[1].split()[0]) for t in parts if "1a1" in t) == 0
    cohort = benchmark(
        Engine().framework("becta-srf"),
        (load_assessment(f) for f in sorted(cohort_dir.glob("*.yaml"))),
    )
    total = sum(int(t.rsplit(": ", 1)[1].split()[0]) for t in parts)
    assert total == sum(
        n or 0 for stats in [*cohort.strands.values(), *cohort.aspects.values(), cohort.overall]
        for n in stats.counts.values()
    )  # fmt: skip
    assert "5 (worst)" in "".join(page.text)
    assert "1 (best)" in "".join(page.text)


def _need_rows(page: Page) -> list[tuple[str, int, list[str]]]:
    rows = [r for r in page.rows if r and r[0] != "School"]
    return [(r[0], int(r[1]), r[2:]) for r in rows]


def test_matrix_rows_are_sorted_by_need(cohort_dir: Path) -> None:
    """Need: aspects below the cohort's median (Becta: a larger number), most first; then
    the lower mean level; each school once, with its own aspect levels in the cells."""
    page, _ = dashboard(str(cohort_dir))
    rows = _need_rows(page)
    framework = Engine().framework("becta-srf")
    cohort = benchmark(framework, (load_assessment(f) for f in sorted(cohort_dir.glob("*.yaml"))))
    assert len(rows) == cohort.size
    medians = {a: cohort.aspects[a].median for a in cohort.aspects}
    expected = []
    for entry in cohort.schools:
        levels = [entry.level(a) for a in cohort.aspects]
        need = sum(
            1
            for a, level in zip(cohort.aspects, levels, strict=True)
            if level is not None and (m := medians[a]) is not None and level > m
        )
        judged = [5 - lv for lv in levels if lv is not None]  # ranks
        mean = sum(judged) / len(judged) if judged else 5.0
        expected.append((-need, mean, entry.school.id, need, entry))
    expected.sort(key=lambda item: item[:3])
    assert [(name, need) for name, need, _ in rows] == [
        (f"{e.school.name} ({e.school.id})", need) for *_, need, e in expected
    ]
    needs = [need for _, need, _ in rows]
    assert needs == sorted(needs, reverse=True)
    assert needs[0] > needs[-1]
    first = expected[0][-1]
    assert rows[0][2] == [
        "–" if (lv := first.level(a)) is None else str(lv) for a in [*cohort.aspects, "overall"]
    ]


def test_the_median_year_by_year_when_the_cohort_spans_years(
    cohort_dir: Path, tmp_path: Path
) -> None:
    """The reviews read span 2024 and 2025 (one school was reviewed in both): a row per
    strand, a column per year; reviews of 2025 only make no trend."""
    spanning, _ = dashboard(str(cohort_dir))
    assert "trend" in spanning.sections
    assert "Medians year by year" in "".join(spanning.text)
    for file in cohort_dir.glob("*-2025.yaml"):
        (tmp_path / file.name).write_bytes(file.read_bytes())
    one_year, _ = dashboard(str(tmp_path))
    assert "trend" not in one_year.sections


def test_one_school_against_the_median_and_quartiles(cohort_dir: Path) -> None:
    page, _html = dashboard(str(cohort_dir), "--school", "900003")
    assert "school" in page.sections
    text = "".join(page.text)
    assert "Example Primary School 3 (900003) against the cohort" in text
    assert "level 2, median 3, percentile 75" in text  # aspect 1a
    assert any(t.startswith("middle half of the cohort: ") for t in page.titles)
    assert not page.comments  # no placeholder left where the radar chart is drawn


def test_anonymised_no_id_name_or_date_and_small_groups_withheld(cohort_dir: Path) -> None:
    page, html = dashboard(str(cohort_dir), "--all-reviews", "--anonymise")
    assert not re.search(r"9000\d\d", html)
    assert "Example" not in html.replace("Example LEA", "")
    assert "Example LEA" not in html
    assert not ISO_DATE.search(html)
    # Every count shown describes at least 5 schools; the rest are withheld.
    shown = [int(t.rsplit(": ", 1)[1].split()[0]) for t in page.titles if t.startswith("level ")]
    assert "trend" in page.sections
    assert shown
    assert min(shown) >= 5
    assert "[c]" in "".join(page.text)
    names = [r[0] for r in _need_rows(page)]
    assert all(re.fullmatch(r"School \d+, (\d{4}|\[c\])", n) for n in names)


def test_anonymised_school_view_keeps_to_its_label(cohort_dir: Path) -> None:
    page, html = dashboard(str(cohort_dir), "--school", "900003", "--anonymise", "--min-group", "2")
    assert "900003" not in html
    assert re.search(r"School \d+ against the cohort", "".join(page.text))


def test_text_from_files_is_escaped(cohort_dir: Path, tmp_path: Path) -> None:
    for file in cohort_dir.glob("*.yaml"):
        text = file.read_text(encoding="utf-8").replace(
            "Example Primary School 3", '"<img src=x onerror=alert(1)>\\u001b[2J"'
        )
        (tmp_path / file.name).write_text(text, encoding="utf-8")
    page, html = dashboard(str(tmp_path))
    assert "img" not in page.tags
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "\x1b" not in html
    assert "\\x1b[2J" in html


def test_colours_follow_the_scale_not_its_numbers() -> None:
    becta = Scale(best=1, worst=5)
    upwards = Scale(best=3, worst=0)
    assert level_colour(becta, 5) == level_colour(upwards, 0)  # the worst levels
    assert level_colour(becta, 1) == level_colour(upwards, 3)  # the best levels
    assert level_colour(becta, 5) != level_colour(becta, 1)


def test_a_large_cohort_shows_its_neediest_schools(tmp_path: Path) -> None:
    import json

    from selfreview_core.cohort import dashboard as module

    lines = tmp_path / "many.jsonl"
    with lines.open("w", encoding="utf-8") as stream:
        for n in range(module.MATRIX_ROWS + 20):
            review = {
                "kind": "assessment",
                "framework": "becta-srf",
                "school": {"id": f"{n:03d}", "name": f"School {n}"},
                "assessed_on": "2025-06-01",
                "judgements": {"1a1": 1 + n % 5, "1b1": 1 + n % 4, "1c1": 1 + n % 3},
            }
            stream.write(json.dumps(review) + "\n")
    page, _ = dashboard(str(lines))
    rows = _need_rows(page)
    assert len(rows) == module.MATRIX_ROWS
    assert f"The {module.MATRIX_ROWS} schools most in need of {module.MATRIX_ROWS + 20}" in "".join(
        page.text
    )
    assert rows[0][1] == 3


# -- one school as a radar chart ----------------------------------------------------------


def _radar(html: str) -> ET.Element:
    """The radar chart of the `--school` view, parsed."""
    start = html.index('<figure class="school-radar">')
    return ET.fromstring(html[html.index("<svg", start) : html.index("</svg>", start) + 6])


def _marks(root: ET.Element, scale: Scale, axes: int) -> dict[str, list[tuple[int, int]]]:
    """Each series' marks (by its name), as (axis, rank) read back from where each is drawn:
    its angle gives the axis, its distance from the centre the rank (`radar_chart`'s default
    radius of 130, one ring per level)."""
    found: dict[str, list[tuple[int, int]]] = {}
    for group in root.iter(f"{SVG}g"):
        if not group.attrib.get("class", "").startswith("series "):
            continue
        name = group.findtext(f"{SVG}title") or ""
        marks = []
        for mark in group:
            if mark.tag == f"{SVG}title" or mark.attrib.get("stroke-width") == "2":
                continue  # the name and the series' own line
            if mark.tag == f"{SVG}circle":
                x, y = float(mark.attrib["cx"]), float(mark.attrib["cy"])
            else:
                pairs = [p.split(",") for p in mark.attrib["points"].split()]
                x = sum(float(a) for a, _ in pairs) / len(pairs)
                y = sum(float(b) for _, b in pairs) / len(pairs)
            axis = round((math.atan2(y, x) + math.pi / 2) / (2 * math.pi / axes)) % axes
            marks.append((axis, round(math.hypot(x, y) * scale.size / 130) - 1))
        found[name] = sorted(marks)
    return found


@pytest.mark.parametrize("school", ["900003", "900001"])
def test_the_school_view_draws_a_radar_mark_per_aspect_per_series(
    cohort_dir: Path, school: str
) -> None:
    """Issue 17: "with `--school ID`, that school's aspects against the cohort's median and
    quartiles (a radar chart and a bar chart)". Each series has a mark on each aspect it has
    a level for, at that level; 900003 did not judge 1c: a gap, not a guess."""
    _page, html = dashboard(str(cohort_dir), "--school", school)
    root = _radar(html)
    framework = Engine().framework("becta-srf")
    cohort = benchmark(framework, (load_assessment(f) for f in sorted(cohort_dir.glob("*.yaml"))))
    scale, aspects = cohort.scale, list(cohort.aspects.values())
    entry = cohort.position(school)

    def expected(levels: list[int | None]) -> list[tuple[int, int]]:
        return sorted((i, scale.rank(v)) for i, v in enumerate(levels) if v is not None)

    assert _marks(root, scale, len(aspects)) == {
        "This school": expected([entry.level(a.id) for a in aspects]),
        "Cohort median": expected([a.median for a in aspects]),
        "Cohort lower quartile": expected([a.lower_quartile for a in aspects]),
        "Cohort upper quartile": expected([a.upper_quartile for a in aspects]),
    }
    assert len(_marks(root, scale, 3)["Cohort median"]) == len(aspects) == 3
    # Colour is never alone: every series is named in the legend, and the values in words.
    legend = [
        "".join(g.itertext()) for g in root.iter(f"{SVG}g") if g.get("class") == "legend-entry"
    ]
    assert legend == [
        "This school", "Cohort median", "Cohort lower quartile", "Cohort upper quartile"
    ]  # fmt: skip
    desc = root.findtext(f"{SVG}desc") or ""
    assert f"1a ICT and the school vision: This school {entry.level('1a')}, Cohort median " in desc
    assert "Further out is better" in "".join(root.itertext())
    labels = {
        t.findtext(f"{SVG}title") for t in root.iter(f"{SVG}text") if t.get("class") == "axis-label"
    }
    assert labels == {f"{a.id} {a.title}" for a in aspects}
    if school == "900003":
        assert "level –" in html  # 1c: not judged, and no mark on its axis
        assert all(axis != 2 for axis, _ in _marks(root, scale, 3)["This school"])


def test_the_radar_escapes_its_labels_and_the_school_name(cohort_dir: Path) -> None:
    """Aspect titles come from a framework file and the name from a review: text, never
    markup, in the labels, their tooltips, the title and the description."""
    data = Engine().framework("becta-srf").model_dump(mode="json")
    hostile = '"><script>alert(1)</script><img src=x onerror=alert(1)>\u202e'
    for element in data["elements"]:
        for aspect in element["aspects"]:
            aspect["title"] = hostile
    framework = Framework.model_validate(data)
    reviews = [load_assessment(f) for f in sorted(cohort_dir.glob("*.yaml"))]
    reviews = [
        r.model_copy(update={"school": r.school.model_copy(update={"name": hostile})})
        for r in reviews
    ]
    cohort = benchmark(framework, reviews)
    html = "\n".join(school_section(cohort, cohort.position("900003")))
    radar = html[html.index('<figure class="school-radar">') :]
    root = ET.fromstring(radar[radar.index("<svg") : radar.index("</svg>") + 6])  # well formed
    assert not [e for e in root.iter() if e.tag in (f"{SVG}script", f"{SVG}img", "script", "img")]
    assert "<script" not in radar
    assert "<img" not in radar
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in radar
    assert "\u202e" not in radar  # a control of the text's direction is shown, not obeyed
    assert radar.count("&lt;script&gt;") >= 3 + 1  # every label's tooltip, and the title


def test_the_anonymised_radar_names_the_school_by_its_label_only(cohort_dir: Path) -> None:
    page, html = dashboard(str(cohort_dir), "--school", "900003", "--anonymise", "--min-group", "2")
    root = _radar(html)
    title = root.findtext(f"{SVG}title") or ""
    assert re.fullmatch(r"Aspects of School \d+", title)
    svg = ET.tostring(root, encoding="unicode")
    assert "900003" not in svg
    assert "Example Primary School" not in svg
    assert not ISO_DATE.search(svg)
    assert title.removeprefix("Aspects of ") + " against the cohort" in "".join(page.text)


def _cohort_of(aspects: int, schools: int = 7) -> tuple[Framework, list[Assessment]]:
    """A framework of `aspects` aspects of one strand each, on a scale whose best level is
    its largest number (Becta's is its smallest), and `schools` reviews of it."""
    levels = {0: "none", 1: "some", 2: "most", 3: "all"}
    framework = Framework(
        id="wide",
        version="1",
        title="Wide",
        scale=Scale(best=3, worst=0),
        elements=(
            Element(
                id="e",
                title="E",
                aspects=tuple(
                    Aspect(
                        id=f"a{n}",
                        title=f"Aspect number {n}",
                        strands=(Strand(id=f"s{n}", title=f"S{n}", levels=levels),),
                    )
                    for n in range(aspects)
                ),
            ),
        ),
    )
    reviews = [
        Assessment(
            framework="wide@1",
            school=School(id=f"k{k}", name=f"School k{k}"),
            assessed_on=dt.date(2025, 6, 1),
            judgements={f"s{n}": Judgement(level=(k + n) % 4) for n in range(aspects) if k or n},
        )
        for k in range(schools)
    ]
    return framework, reviews


def test_many_aspects_name_the_radars_axes_by_id_on_a_rising_scale() -> None:
    framework, reviews = _cohort_of(9)
    cohort = benchmark(framework, reviews)
    html = "\n".join(school_section(cohort, cohort.position("k0")))
    root = _radar(html)
    labels = [
        t.findtext(f"{SVG}title") for t in root.iter(f"{SVG}text") if t.get("class") == "axis-label"
    ]
    assert labels == [f"a{n}" for n in range(9)]
    assert "Axes are named by aspect id" in html
    scale, aspects = cohort.scale, list(cohort.aspects.values())
    marks = _marks(root, scale, 9)
    # k0 did not judge a0: eight marks, each at its level's ring counted from the worst (0).
    assert marks["This school"] == [(n, n % 4) for n in range(1, 9)]
    assert marks["Cohort median"] == sorted(
        (i, scale.rank(a.median)) for i, a in enumerate(aspects) if a.median is not None
    )
    assert len(marks["Cohort upper quartile"]) == 9


def test_under_three_aspects_the_radar_is_a_bar_chart() -> None:
    framework, reviews = _cohort_of(2)
    cohort = benchmark(framework, reviews)
    html = "\n".join(school_section(cohort, cohort.position("k1")))
    root = _radar(html)
    assert "Longer is better" in "".join(root.itertext())
    legend = [
        "".join(g.itertext()) for g in root.iter(f"{SVG}g") if g.get("class") == "legend-entry"
    ]
    assert len(legend) == 4
    assert "Axes are named by aspect id" not in html
