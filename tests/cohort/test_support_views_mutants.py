"""The support list as the authority reads it (`cohort.support_views`): what the table, the
CSV and the page say, and that the framework's own words (`terms:`, text from a file) reach
a terminal escaped, as every other text from a file does."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

import pytest

from selfreview_core.cohort.support import Advice, Shortfall, SupportList
from selfreview_core.cohort.support_views import (
    CSV_COLUMNS,
    support_csv,
    support_html,
    support_html_lines,
    support_table,
)
from selfreview_core.exporters.csv import BOM
from selfreview_core.model.questions import Terms

#: What the escaping hides from a terminal: C0 and C1 controls, bidi overrides and isolates.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def found(size: int = 3, needing: int = 2, **changes: object) -> SupportList:
    """A cohort of `size` schools, `needing` of them below level 3 somewhere."""
    fields: dict[str, object] = {
        "framework": "example@1",
        "policy": "median",
        "reached": 3,
        "reached_from": "given",
        "size": size,
        "needing": needing,
        "shortfalls": (
            Shortfall(kind="aspect", id="A1", title="Aspect", judged=3, schools=("s1", "s2")),
            Shortfall(kind="strand", id="A1.1", title="Strand", judged=2, schools=("s1",)),
        ),
        "recommendations": (
            Advice(
                id="r1",
                title="Book the course",
                action="Book it.",
                priority="high",
                audience="senior",
                source="rules",
                targets=("A1.1",),
                schools=("s1", "s2"),
            ),
        ),
    }
    return SupportList.model_validate(fields | changes)


SETTINGS = Terms(subject="setting", subjects="settings")
HOSTILE = Terms(subject="set\x1b[31mting", subjects="set\x1b[31mtings\u202e", review="check")


def test_the_frameworks_words_reach_the_terminal_escaped() -> None:
    """`terms:` is the framework file's text: in the table's headings, column heading and
    counts ("2 settings") it is shown escaped, never a raw escape sequence or bidi override
    (the page and the CSV never held them)."""
    table = support_table(found(), width=200, terms=HOSTILE)
    assert RAW.search(table) is None, [line for line in table.splitlines() if RAW.search(line)]
    escaped = "set\\x1b[31mtings\\u202e"
    lines = table.splitlines()
    assert f"{escaped.capitalize()} not yet at level 3, by aspect and strand" in lines
    assert any(line.rstrip().endswith(f"{escaped} below") for line in lines)  # the heading
    assert any(line.startswith(f"2 {escaped}  high") for line in lines)  # the count's cell
    assert f"Recommendations for the 2 {escaped} below level 3, most {escaped} first" in (
        " ".join(lines)
    )
    assert RAW.search(support_html(found(), HOSTILE)) is None
    assert "".join(support_html_lines(found(), HOSTILE)) == support_html(found(), HOSTILE)


def test_the_frameworks_words_shown_escaped_once_in_the_heading() -> None:
    """The heading (escaped as a whole) keeps each escape once: `\\x1b`, not `\\\\x1b`."""
    heading = support_table(found(size=1, needing=1), width=200, terms=HOSTILE).splitlines()[0]
    assert heading.startswith("Support needed: 1 set\\x1b[31mting on example@1,"), heading


@pytest.mark.parametrize(("size", "said"), [(1, "1 school on"), (2, "2 schools on")])
def test_the_heading_counts_the_cohort_in_the_singular_or_plural(size: int, said: str) -> None:
    """`Support needed: 1 school on ...`, as the line under it says `1 school is below it`."""
    table = support_table(found(size=size, needing=1), width=200)
    assert table.startswith(f"Support needed: {said} example@1, each with its latest review")
    assert "\n1 school is below it on at least one strand or aspect" in table

    class Lead(HTMLParser):
        text = ""
        inside = False

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.inside = tag == "p" and ("class", "lead") in attrs

        def handle_data(self, data: str) -> None:
            if self.inside:
                self.text += data

    page = Lead()
    page.feed(support_html(found(size=size, needing=1)))
    assert page.text.startswith(f"Support needed: {said} example@1")


def test_the_csv_is_in_the_convention_of_every_csv() -> None:
    """A byte order mark (without it Excel garbles an accented school's name or title),
    CRLF line ends, one row per shortfall and per recommendation, formulas neutralised."""
    text = support_csv(found(recommendations=()))
    assert text.startswith(BOM + ",".join(CSV_COLUMNS) + "\r\n")
    assert text.count("\r\n") == text.count("\n") == 3
    advice = Advice(
        id="r1",
        title='=HYPERLINK("http://e")',
        action="Book it.",
        priority="high",
        audience="senior",
        source="rules",
        targets=("A1.1",),
        schools=("s1", "s2"),
    )
    rows = list(csv.reader(io.StringIO(support_csv(found(recommendations=(advice,))))))
    assert rows[0][0] == BOM + "section"
    assert rows[1:] == [
        ["below", "aspect", "A1", "Aspect", "", "", "", "2", "3", "s1 s2"],
        ["below", "strand", "A1.1", "Strand", "", "", "", "1", "2", "s1"],
        [
            "recommendation",
            "recommendation",
            "r1",
            '\'=HYPERLINK("http://e")',
            "high",
            "senior",
            "rules",
            "2",
            "2",
            "s1 s2",
        ],
    ]


def test_a_table_in_a_pipe_wraps_at_80_columns_and_names_six_schools() -> None:
    """No terminal (a pipe or a file): the table is fitted to 80 columns; a shortfall's
    cell names six schools, then how many more (the page names 12, the CSV all)."""
    schools = tuple(f"s{n}" for n in range(8))
    eight = Shortfall(kind="strand", id="A1.1", title="Strand", judged=8, schools=schools)
    table = support_table(found(size=8, shortfalls=(eight,), framework="example@123"))
    assert max(len(line) for line in table.splitlines()) <= 80, table
    heading = "Support needed: 8 schools on example@123, each with its latest review; not yet"
    assert table.splitlines()[0] == heading  # `at` would make it 81
    assert "s0, s1, s2, s3, s4, s5 and 2 more" in " ".join(table.split())
    six = eight.model_copy(update={"schools": schools[:6]})
    named = " ".join(support_table(found(shortfalls=(six,))).split())
    assert "s0, s1, s2, s3, s4, s5 Recommendations" in named  # all six, no "and 0 more"
    assert "s0, s1, s2, s3, s4, s5, s6, s7" in support_html(found(size=8, shortfalls=(eight,)))


def test_the_problems_plugins_had_end_the_table_and_the_page_escaped() -> None:
    """What went wrong in plugins while reporting is told after the recommendations, each
    problem on a line of its own, escaped; with no problem, no such section."""
    problems = ("plugin a raised\nValueError: \x1b[2J", "plugin b timed out")
    table = support_table(found(problems=problems), width=200)
    assert table.endswith(
        "\n\nProblems while reporting:\n"
        "  plugin a raised\\nValueError: \\x1b[2J\n"
        "  plugin b timed out\n"
    )
    assert "Problems" not in support_table(found(), width=200)
    page = support_html(found(problems=problems))
    assert '<section id="problems">' in page
    assert "<li>plugin a raised\nValueError: \\x1b[2J</li>" in page
    assert "problems" not in support_html(found())


def test_no_recommendation_is_said_in_the_frameworks_words() -> None:
    none = found(recommendations=())
    assert "<p>No recommendations for these settings.</p>" in support_html(none, SETTINGS)
    assert support_table(none, width=200, terms=SETTINGS).endswith(
        "\n\nNo recommendations for these settings.\n"
    )
    assert "No recommendations" not in support_html(found(), SETTINGS)


def test_the_frameworks_words_with_a_tab_or_a_line_break_stay_on_their_lines() -> None:
    """A tab or a line break in `terms:` is shown escaped, never breaking a heading, the
    table's columns or a count's cell."""
    terms = Terms(subject="set\nting", subjects="set\ttings")
    table = support_table(found(), width=200, terms=terms)
    assert "\t" not in table
    assert "(aspects: each set\\nting's median strand level)" in " ".join(table.split())
    assert any(line.rstrip().endswith("set\\ttings below") for line in table.splitlines())
    assert any(line.startswith("2 set\\ttings  high") for line in table.splitlines())


def test_a_title_with_a_tab_or_a_line_break_stays_in_its_cell() -> None:
    """Titles (of strands, aspects and recommendations) and sources are text from files or
    plugins: a tab or a line break in one is shown escaped, on its row."""
    strand = Shortfall(kind="strand", id="A1.1", title="Str\tand\nx", judged=2, schools=("s1",))
    made = Advice(
        id="r1",
        title="Book\tthe\ncourse",
        action="Book it.",
        priority="high",
        audience="sen\tior",
        source="ru\nles",
        targets=("A1.1",),
        schools=("s1", "s2"),
    )
    table = support_table(found(shortfalls=(strand,), recommendations=(made,)), width=200)
    assert "\t" not in table
    lines = table.splitlines()
    assert any(line.startswith("strand  A1.1  Str\\tand\\nx  ") for line in lines), table
    assert any(
        line.split() == ["2", "schools", "high", "sen\\tior", "Book\\tthe\\ncourse", "ru\\nles"]
        for line in lines
    ), table


def test_the_page_names_twelve_schools_of_a_shortfall_and_thirty_of_a_recommendation() -> None:
    schools = tuple(f"s{n:02d}" for n in range(40))
    many = Shortfall(kind="strand", id="A1.1", title="Strand", judged=40, schools=schools)
    made = found(size=40, shortfalls=(many,)).recommendations[0]
    made = made.model_copy(update={"schools": schools})
    page = support_html(found(size=40, shortfalls=(many,), recommendations=(made,)))
    assert f"<td>{', '.join(schools[:12])} and 28 more</td>" in page
    assert f"Schools: {', '.join(schools[:30])} and 10 more</p>" in page


def test_ids_schools_and_sources_show_their_invisible_characters() -> None:
    """The framework, each aspect's or strand's id, each school and the plugin a piece of
    advice came from are names (`escaping.shown_name`): `s1` and `s1` with a zero-width
    space after it read alike before round 46; a title keeps its joiner. Past six schools
    the rest are counted."""
    z = "\u200b"
    schools = tuple(f"s{n}{z}" for n in range(8))
    shortfall = Shortfall(kind="strand", id=f"A1{z}", title=f"Str{z}and", judged=8, schools=schools)
    advice = found().recommendations[0].model_copy(update={"source": f"rules{z}"})
    table = support_table(
        found(framework=f"example{z}@1", shortfalls=(shortfall,), recommendations=(advice,)),
        width=200,
    )
    lines = table.splitlines()
    assert lines[0].startswith("Support needed: 3 schools on example\\u200b@1, each")
    listed = ", ".join(f"s{n}\\u200b" for n in range(6))
    # The joiner takes no cell on a terminal (`text_tables.display_width`): one more space.
    assert f"strand  A1\\u200b  Str{z}and   8        8         {listed} and 2 more" in lines
    assert lines[-1].split()[-1] == "rules\\u200b"
    assert z not in table.replace(f"Str{z}and", "")
