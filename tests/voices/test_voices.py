"""`voices`: one school's respondents compared group by group (SPEC section 9), in Python
and as `selfreview voices`, on the examples and on responses made to show each rule."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core import Assessment, ComparisonError, Framework, School, SelfReviewError
from selfreview_core.cli import cli
from selfreview_core.dump import dump_json, dump_yaml
from selfreview_core.exporters.csv import BOM
from selfreview_core.model.assessment import Judgement, Respondent
from selfreview_core.model.voices import DISAGREEMENT, Voices
from selfreview_core.testing import mirror_assessment, mirror_framework
from selfreview_core.voices.groups import group_order, school_of, voices
from selfreview_core.voices.views import VOICES_COLUMNS, group_cell

ROOT = Path(__file__).resolve().parents[2]
RESPONDENTS = ROOT / "examples" / "respondents"
OWN = ROOT / "examples" / "example-primary-2026.yaml"
SCHOOL = School(id="S1", name="Test School", authority="Test Authority")


def response(
    framework: Framework,
    group: str,
    levels: dict[str, int],
    *,
    school: School = SCHOOL,
    evidence: str | None = None,
    assessor: str | None = None,
) -> Assessment:
    """One respondent's answers: `levels` by strand, each with `evidence` if given."""
    return Assessment(
        framework=framework.ref,
        school=school,
        respondent=Respondent(group=group),
        assessed_on=dt.date(2026, 9, 1),
        assessor=assessor,
        judgements={s: Judgement(level=v, evidence=evidence) for s, v in levels.items()},
    )


def many(framework: Framework, group: str, strand: str, levels: list[int]) -> list[Assessment]:
    return [response(framework, group, {strand: level}) for level in levels]


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


# -- the comparison ----------------------------------------------------------------------------


def test_counts_median_and_range_per_group(small_framework: Framework) -> None:
    """0 (worst) .. 3 (best): the median of 0, 1, 2, 3 is the worse middle, 1."""
    found = voices(small_framework, many(small_framework, "teachers", "A1.1", [3, 0, 2, 1, 1]))
    view = found.strand("A1.1")
    assert view is not None
    [teachers] = view.groups
    assert (teachers.count, teachers.median, teachers.worst, teachers.best) == (5, 1, 0, 3)
    assert teachers.spread == 3
    even = voices(
        small_framework, many(small_framework, "teachers", "A1.1", [3, 0, 2, 1, 2, 3]), min_group=1
    )
    assert even.strands[0].groups[0].median == 2  # 0 1 2 | 2 3 3: between 2 and 2
    tie = voices(small_framework, many(small_framework, "pupils", "A1.1", [0, 3]), min_group=1)
    assert tie.strands[0].groups[0].median == 0  # between 0 and 3: the worse


def test_the_median_tie_goes_to_the_worse_level_on_becta_too(becta: Framework) -> None:
    """1 best .. 5 worst: between 2 and 4 the worse is 4, though it is the larger number."""
    found = voices(becta, many(becta, "teachers", "1a1", [2, 4]), min_group=1)
    assert found.strands[0].groups[0].median == 4
    assert (found.strands[0].groups[0].worst, found.strands[0].groups[0].best) == (4, 2)


def test_a_group_under_the_minimum_shows_its_count_only(small_framework: Framework) -> None:
    items = many(small_framework, "teachers", "A1.1", [3, 3, 3, 3, 3])
    items += many(small_framework, "governors", "A1.1", [0, 0, 0, 0])
    found = voices(small_framework, items)
    teachers, governors = found.strands[0].groups
    assert teachers.shown
    assert teachers.median == 3
    assert not governors.shown
    assert governors.count == 4
    assert (governors.median, governors.worst, governors.best, governors.spread) == (None,) * 4
    # Four governors 3 levels below the teachers: no flag, since their levels are not shown.
    assert not found.strands[0].disagreement
    assert found.disagreements == ()


def test_the_minimum_counts_answers_to_each_strand(small_framework: Framework) -> None:
    """Six teachers, but only two judged A1.2: their A1.2 levels are not shown."""
    items = [response(small_framework, "teachers", {"A1.1": 2, "A1.2": 1}) for _ in range(2)]
    items += [response(small_framework, "teachers", {"A1.1": 2}) for _ in range(4)]
    found = voices(small_framework, items)
    assert found.groups[0].respondents == 6
    a11, a12 = found.strand("A1.1"), found.strand("A1.2")
    assert a11 is not None
    assert a12 is not None
    assert a11.groups[0].median == 2
    assert a12.groups[0].count == 2
    assert a12.groups[0].median is None


def test_two_levels_apart_is_a_disagreement_one_is_not(becta: Framework) -> None:
    assert DISAGREEMENT == 2
    items = many(becta, "teachers", "1b5", [3] * 5) + many(becta, "pupils", "1b5", [5] * 5)
    items += many(becta, "teachers", "1a1", [3] * 5) + many(becta, "pupils", "1a1", [4] * 5)
    found = voices(becta, items)
    flagged = found.strand("1b5")
    calm = found.strand("1a1")
    assert flagged is not None
    assert calm is not None
    assert flagged.disagreement
    assert flagged.gap == 2
    assert flagged.apart == ("pupils", "teachers")  # the worse median first
    assert not calm.disagreement
    assert calm.gap == 1
    assert calm.apart is None
    assert [s.strand for s in found.disagreements] == ["1b5"]


def test_a_group_far_from_the_schools_own_judgement_is_flagged(becta: Framework) -> None:
    items = many(becta, "pupils", "1b5", [5] * 5) + many(becta, "teachers", "1b5", [4] * 5)
    own = response(becta, "x", {"1b5": 3, "1a1": 2}).model_copy(update={"respondent": None})
    found = voices(becta, items, own=own)
    assert found.own_review
    view = found.strand("1b5")
    assert view is not None
    assert view.school == 3
    assert view.school_apart == ("pupils",)
    assert not view.disagreement  # 5 and 4: the groups themselves are one level apart
    assert view.flagged
    unjudged = found.strand("1a2")
    assert unjudged is not None
    assert unjudged.school is None
    assert found.school == own.school


def test_groups_come_in_the_conventional_order_then_by_name() -> None:
    assert group_order(["zebras", "parents", "leaders", "alpacas", "teachers"]) == [
        "leaders",
        "teachers",
        "parents",
        "alpacas",
        "zebras",
    ]


def test_the_school_shown_is_the_one_most_responses_name() -> None:
    one = School(id="S1", name="Test School", authority=None)
    typo = School(id="S1", name="Tset School", authority="LA")

    def of(school: School) -> Assessment:
        return Assessment(
            framework="f", school=school, assessed_on=dt.date(2026, 1, 1), judgements={}
        )

    made = [of(s) for s in (typo, one, one)]
    assert school_of(made) == one
    assert school_of(made[::-1]) == one
    tied = [of(s) for s in (typo, one)]
    assert school_of(tied) == school_of(tied[::-1])


def test_responses_of_another_school_are_refused_naming_them(small_framework: Framework) -> None:
    other = School(id="S2", name="Other School")
    items = [
        ("a.yaml", response(small_framework, "teachers", {"A1.1": 1})),
        ("b.yaml", response(small_framework, "teachers", {"A1.1": 1})),
        ("c.jsonl:4", response(small_framework, "teachers", {"A1.1": 1}, school=other)),
    ]
    with pytest.raises(ComparisonError) as caught:
        voices(small_framework, items)
    [diagnostic] = caught.value.diagnostics
    assert (diagnostic.file, diagnostic.line, diagnostic.path) == ("c.jsonl", 4, "school.id")
    assert diagnostic.code == "different-schools"
    assert "school S2" in diagnostic.message
    assert "a.yaml and 1 other(s) are for school S1" in diagnostic.message


def test_a_response_of_another_school_named_with_digits_that_are_not_a_line_is_refused_there(
    small_framework: Framework,
) -> None:
    """A file named `other:²` (its name's own text after a colon, not a line of JSON
    Lines) is refused as that file, with no line, where `int("²")` used to end `voices` in
    an internal error; and one other file is named alone, not as "and 0 other(s)"."""
    other = School(id="S2", name="Other School")
    items = [
        ("a.yaml", response(small_framework, "teachers", {"A1.1": 1})),
        ("other:²", response(small_framework, "teachers", {"A1.1": 1}, school=other)),
    ]
    with pytest.raises(ComparisonError) as caught:
        voices(small_framework, items)
    [diagnostic] = caught.value.diagnostics
    assert (diagnostic.file, diagnostic.line, diagnostic.path) == ("other:²", None, "school.id")
    assert "school S2, but a.yaml is for school S1:" in diagnostic.message


def test_between_two_schools_as_many_the_first_is_compared(small_framework: Framework) -> None:
    other = School(id="S0", name="Other School")
    items = [
        ("first.yaml", response(small_framework, "teachers", {"A1.1": 1}, school=other)),
        ("second.yaml", response(small_framework, "teachers", {"A1.1": 1})),
    ]
    with pytest.raises(ComparisonError) as caught:
        voices(small_framework, items)
    assert [d.file for d in caught.value.diagnostics] == ["second.yaml"]
    with pytest.raises(ComparisonError) as swapped:
        voices(small_framework, items[::-1])
    assert [d.file for d in swapped.value.diagnostics] == ["first.yaml"]


def test_responses_to_another_framework_or_version_are_refused(
    small_framework: Framework, becta: Framework
) -> None:
    other_version = response(small_framework, "teachers", {"A1.1": 1}).model_copy(
        update={"framework": "small@2"}
    )
    for stray in (other_version, response(becta, "teachers", {"1a1": 1})):
        items = [("a.yaml", response(small_framework, "teachers", {"A1.1": 1})), ("b.yaml", stray)]
        with pytest.raises(ComparisonError) as caught:
            voices(small_framework, items)
        assert [d.file for d in caught.value.diagnostics] == ["b.yaml"]
        assert caught.value.first.code == "different-frameworks"


def test_a_file_without_respondent_or_no_responses_at_all_is_refused(
    small_framework: Framework,
) -> None:
    own = response(small_framework, "x", {"A1.1": 1}).model_copy(update={"respondent": None})
    with pytest.raises(SelfReviewError) as caught:
        voices(small_framework, [("own.yaml", own)])
    assert caught.value.first.code == "not-a-response"
    assert caught.value.first.file == "own.yaml"
    with pytest.raises(SelfReviewError, match="no responses"):
        voices(small_framework, [])
    answers = response(small_framework, "teachers", {"A1.1": 1})
    with pytest.raises(SelfReviewError) as not_own:
        voices(small_framework, [answers], own=("mine.yaml", answers))
    assert not_own.value.first.code == "not-own-review"
    assert "group teachers" in not_own.value.first.message
    with pytest.raises(ValueError, match="min_group"):
        voices(small_framework, [own], min_group=0)


def test_a_response_that_does_not_fit_its_framework_is_refused(small_framework: Framework) -> None:
    bad = response(small_framework, "teachers", {"A1.1": 1}).model_copy(
        update={"judgements": {"A1.1": Judgement(level=9)}}
    )
    with pytest.raises(SelfReviewError, match="outside the scale"):
        voices(small_framework, [bad])


def test_mirroring_the_scale_mirrors_every_level_shown(small_framework: Framework) -> None:
    items = many(small_framework, "teachers", "A1.1", [0, 1, 1, 2, 3, 3])
    items += many(small_framework, "pupils", "A1.1", [3, 3, 2, 3, 3])
    mirrored = mirror_framework(small_framework)
    scale = small_framework.scale
    found = voices(small_framework, items)
    back = voices(mirrored, [mirror_assessment(small_framework, a) for a in items])
    for group, other in zip(found.strands[0].groups, back.strands[0].groups, strict=True):
        assert other.median == scale.mirror_level(group.median or 0)
        assert (other.worst, other.best) == (
            scale.mirror_level(group.worst or 0),
            scale.mirror_level(group.best or 0),
        )
        assert other.spread == group.spread
    assert back.strands[0].disagreement == found.strands[0].disagreement


def test_json_round_trips(becta: Framework) -> None:
    items = many(becta, "teachers", "1b5", [3] * 5) + many(becta, "pupils", "1b5", [5] * 6)
    found = voices(becta, items)
    assert Voices.model_validate_json(found.model_dump_json()) == found


def test_group_cells() -> None:
    from selfreview_core.model.voices import GroupView

    assert group_cell(GroupView(group="g", count=0)) == "-"
    assert group_cell(GroupView(group="g", count=3)) == "n=3"
    shown = GroupView(group="g", count=7, median=3, worst=4, best=2, spread=2)
    assert group_cell(shown) == "3 [4..2] n=7"
    same = GroupView(group="g", count=5, median=3, worst=3, best=3, spread=0)
    assert group_cell(same) == "3 [3] n=5"


# -- selfreview voices -----------------------------------------------------------------------


def test_the_examples_are_valid_made_up_responses() -> None:
    result = run("validate", str(RESPONDENTS))
    assert result.exit_code == 0, result.output
    assert "a response of governors" in result.output
    readme = (RESPONDENTS / "README.md").read_text(encoding="utf-8")
    assert "made up" in readme


def test_voices_of_the_examples_in_a_table() -> None:
    result = run("voices", str(RESPONDENTS))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith(
        "Example Primary School (100000): 23 responses to becta-srf@2010 (teachers 7, "
        "support-staff 5, governors 2, pupils 6, parents 3)."
    )
    rows = {line.split()[0]: line for line in out.splitlines() if line[:3] in ("1a1", "1b3")}
    assert "3 [4..2] n=7" in rows["1a1"]
    assert "n=2" in rows["1a1"]  # governors: a count, no level
    assert "n=3" in rows["1b3"]  # three of the five support staff judged the budget
    assert "Worth discussing (2, ⚑):" in out
    assert "1b5 Safeguarding: pupils (median 5) and teachers (median 3) are 2 levels apart" in out
    assert "school" not in out.splitlines()[3]  # no own review given: no school column


def test_the_schools_own_review_stands_beside_the_groups() -> None:
    result = run("voices", str(RESPONDENTS), str(OWN))
    assert result.exit_code == 0, result.output
    assert "school" in result.stdout.splitlines()[3]
    assert "the school's own judgement (3) is 2 or more levels from the median of pupils 5" in (
        result.stdout
    )


def test_two_own_reviews_are_refused(root: Path) -> None:
    result = run(
        "voices", str(RESPONDENTS), str(OWN), str(root / "examples/example-primary-2025.yaml")
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("give at most one") == 2
    assert "example-primary-2025.yaml" in result.stderr


def test_voices_json_holds_counts_and_medians_only() -> None:
    result = run("voices", str(RESPONDENTS), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["respondents"] == 23
    assert data["min_group"] == 5
    governors = [g for s in data["strands"] for g in s["groups"] if g["group"] == "governors"]
    assert all(g["median"] is None and g["count"] == 2 for g in governors)
    assert "assessed_on" not in result.stdout  # no date of any response
    assert "evidence" not in result.stdout
    # indented two spaces a level, as a report's JSON is: a file kept under version
    # control changes only where the figures do
    assert result.stdout.startswith('{\n  "')
    assert {len(line) - len(line.lstrip(" ")) for line in result.stdout.splitlines()} <= set(
        range(0, 40, 2)
    )


def test_voices_csv_has_a_row_per_strand_and_group() -> None:
    result = run("voices", str(RESPONDENTS), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(BOM)
    rows = list(csv.reader(io.StringIO(result.stdout.removeprefix(BOM), newline="")))
    assert tuple(rows[0]) == VOICES_COLUMNS
    assert len(rows) == 1 + 12 * 5
    by_key = {(r[0], r[3]): dict(zip(VOICES_COLUMNS, r, strict=True)) for r in rows[1:]}
    assert by_key["1b5", "pupils"]["median"] == "5"
    assert by_key["1b5", "pupils"]["disagreement"] == "yes"
    assert by_key["1b5", "parents"]["median"] == ""
    assert by_key["1b5", "parents"]["answered"] == "3"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_voices_html_is_one_page_with_a_chart_per_aspect(tmp_path: Path) -> None:
    target = tmp_path / "voices.html"
    result = run("voices", str(RESPONDENTS), str(OWN), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Wrote {target} (html).\n"
    page = target.read_text(encoding="utf-8")
    parsed = _Tags()
    parsed.feed(page)
    assert "script" not in parsed.tags
    assert page.count('class="chart voices-chart"') == 3  # becta-srf@2010 has three aspects
    assert "Content-Security-Policy" in page
    text = "".join(parsed.text)
    assert "governors (too few answers to show)" in text
    assert "Worth discussing" in text


def test_the_format_follows_o_and_an_unknown_suffix_is_a_usage_error(tmp_path: Path) -> None:
    for suffix, start in ((".json", "{"), (".csv", BOM), (".txt", "Example Primary")):
        target = tmp_path / f"voices{suffix}"
        assert run("voices", str(RESPONDENTS), "-o", str(target)).exit_code == 0
        assert target.read_text(encoding="utf-8").startswith(start)
    result = run("voices", str(RESPONDENTS), "-o", str(tmp_path / "voices.pdf"))
    assert result.exit_code == 2
    assert "give --format" in result.stderr


def test_o_naming_a_response_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    target = tmp_path / "teachers.jsonl"
    target.write_bytes((RESPONDENTS / "teachers.jsonl").read_bytes())
    before = target.read_bytes()
    result = run("voices", str(tmp_path), "--format", "json", "-o", str(target))
    assert result.exit_code == 2
    assert "which this command reads" in result.stderr
    assert target.read_bytes() == before


def test_min_group_changes_what_is_shown() -> None:
    result = run("voices", str(RESPONDENTS), "--min-group", "2", "--format", "json")
    data = json.loads(result.stdout)
    assert data["min_group"] == 2
    governors = [g for s in data["strands"] for g in s["groups"] if g["group"] == "governors"]
    assert all(g["median"] is not None for g in governors)
    assert run("voices", str(RESPONDENTS), "--min-group", "0").exit_code == 2


def test_a_bad_file_is_reported_located_and_nothing_is_shown(tmp_path: Path) -> None:
    (tmp_path / "teachers.jsonl").write_text(
        (RESPONDENTS / "teachers.jsonl").read_text(encoding="utf-8")
        + '{"kind": "assessment", "framework": "becta-srf@2010", "school": {"id": "100000", '
        '"name": "Example Primary School"}, "respondent": {"grup": "teachers"}, '
        '"assessed_on": "2026-09-01", "judgements": {}}\n',
        encoding="utf-8",
    )
    result = run("voices", str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "teachers.jsonl:8:" in result.stderr
    assert "respondent.grup: unknown key `grup` (did you mean `group`?)" in result.stderr


def test_another_schools_response_is_refused_at_its_line(tmp_path: Path, root: Path) -> None:
    stray = root / "examples" / "cohort" / "primary-1-2025.yaml"
    data = (
        (stray)
        .read_text(encoding="utf-8")
        .replace("kind: assessment", "kind: assessment\nrespondent: {group: pupils}")
    )
    (tmp_path / "stray.yaml").write_text(data, encoding="utf-8")
    result = run("voices", str(RESPONDENTS), str(tmp_path / "stray.yaml"))
    assert result.exit_code == 1
    assert result.stdout == ""
    [line, unwritten] = result.stderr.splitlines()
    assert unwritten == "the responses were refused (errors above); nothing was written"
    assert line.startswith(f"{tmp_path / 'stray.yaml'}:")
    assert ": error: school.id: a response for school 900001" in line


def test_responses_to_two_versions_are_refused(tmp_path: Path) -> None:
    other = ROOT / "examples" / "migration"
    lines = [
        dump_json(response_of_version("example-srf@1", "1a1", 2)),
        dump_json(response_of_version("example-srf@2", "1a1", 2)),
    ]
    target = tmp_path / "mixed.jsonl"
    target.write_text("\n".join(line.replace("\n", "") for line in lines) + "\n")
    result = run(
        "voices",
        str(target),
        "--framework",
        str(other / "example-srf-1.yaml"),
        "--framework",
        str(other / "example-srf-2.yaml"),
    )
    assert result.exit_code == 1
    assert "mixed.jsonl:2:" in result.stderr
    assert "a response to example-srf@2, but the first one answers example-srf@1" in result.stderr


def response_of_version(ref: str, strand: str, level: int) -> Assessment:
    return Assessment(
        framework=ref,
        school=SCHOOL,
        respondent=Respondent(group="teachers"),
        assessed_on=dt.date(2026, 9, 1),
        judgements={strand: Judgement(level=level)},
    )


def test_a_response_named_twice_counts_once(tmp_path: Path) -> None:
    (tmp_path / "teachers.jsonl").symlink_to(RESPONDENTS / "teachers.jsonl")
    again = str(RESPONDENTS / "." / "teachers.jsonl")
    result = run("voices", str(RESPONDENTS), again, str(tmp_path), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["respondents"] == 23


def test_an_empty_directory_is_a_usage_error(tmp_path: Path) -> None:
    result = run("voices", str(tmp_path))
    assert result.exit_code == 2
    assert "no YAML, JSON or JSON Lines files" in result.stderr


def test_yaml_responses_read_as_their_json(tmp_path: Path, becta: Framework) -> None:
    made = response(becta, "teachers", {"1a1": 2})
    (tmp_path / "a.yaml").write_text(dump_yaml(made), encoding="utf-8")
    (tmp_path / "b.json").write_text(dump_json(made), encoding="utf-8")
    result = run("voices", str(tmp_path), "--format", "json", "--min-group", "1")
    assert result.exit_code == 0, result.output
    [teachers] = json.loads(result.stdout)["strands"][0]["groups"]
    assert (teachers["count"], teachers["median"]) == (2, 2)


# -- hostile text (SPEC section 7) ---------------------------------------------------------------

#: A group id may hold markup (ids have no spaces and no `@`, nothing more).
MARKUP_GROUP = "<script>alert(1)</script>"


def test_hostile_groups_and_school_names_stay_text_in_every_format(
    small_framework: Framework,
) -> None:
    from selfreview_core.exporters.voices import FORMATS, render_voices
    from selfreview_core.testing import TERMINAL_ATTACKS
    from test_escaping import assert_terminal_safe

    school = School(id="S1", name=" ".join(TERMINAL_ATTACKS) + ' "><img src=x>', authority=None)
    items = [response(small_framework, MARKUP_GROUP, {"A1.1": 2}, school=school)] * 5
    items += [response(small_framework, "x\u202egnp", {"A1.1": 0}, school=school)] * 5
    view = voices(small_framework, items)
    assert view.strands[0].disagreement
    for fmt in FORMATS:
        text = render_voices(small_framework, view, fmt)
        assert_terminal_safe(text.replace("\r\n", "\n"))
        if fmt == "html":
            parsed = _Tags()
            parsed.feed(text)
            assert "script" not in parsed.tags
            assert "img" not in parsed.tags
            assert MARKUP_GROUP in "".join(parsed.text)
            assert "<script>" not in text
    from selfreview_core.exporters.markdown import escape
    from selfreview_core.voices.views import voices_markdown

    markdown = "\n".join(voices_markdown(small_framework, view, escape))
    assert "<script>" not in markdown
    assert "&lt;script&gt;" in markdown
    assert_terminal_safe(markdown)


def test_a_group_that_looks_like_a_formula_is_neutralised_in_csv(
    small_framework: Framework,
) -> None:
    from selfreview_core.exporters.voices import render_voices

    formula = '=HYPERLINK("http://x")'
    view = voices(small_framework, [response(small_framework, formula, {"A1.1": 2})] * 5)
    text = render_voices(small_framework, view, "csv")
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM), newline="")))
    assert {r[3] for r in rows[1:]} == {"'" + formula}


# -- groups that look alike --------------------------------------------------------------------


def _teachers_as(tmp_path: Path, names: list[str]) -> Path:
    """The example's teachers, the n-th answering as the n-th of `names` (the rest as
    `teachers`)."""
    lines = (RESPONDENTS / "teachers.jsonl").read_text(encoding="utf-8").splitlines()
    for number, name in enumerate(names):
        data = json.loads(lines[number])
        data["respondent"]["group"] = name
        lines[number] = json.dumps(data, ensure_ascii=False)
    folder = tmp_path / "responses"
    folder.mkdir()
    (folder / "teachers.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("command", ["voices", "combine", "report"])
def test_groups_that_look_alike_are_said_once_and_compared_apart(
    tmp_path: Path, command: str
) -> None:
    """`Teachers`, a Cyrillic e (U+0435) or a zero-width space beside `teachers` split one
    group into several that print alike, each of which may fall under `--min-group`: one
    warning names them all, with what is odd in each, and each is still a group of its
    own (SPEC section 9: any id is a group). Before round 40 nothing was said. The
    zero-width space is shown escaped, as in the voices' table (round 65: it was raw, so
    two names printed the same)."""
    folder = _teachers_as(tmp_path, ["Teachers", "t\u0435achers", "teachers\u200b"])
    if command == "report":  # `report --voices`
        result = run("report", str(OWN), "--voices", str(folder), "--format", "json")
    elif command == "voices":
        result = run("voices", str(folder), "--format", "json")
    else:
        result = run("combine", str(folder), "-o", str(tmp_path / "draft.yaml"))
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [
        "warning: the groups `Teachers`, `t\u0435achers`, `teachers\\u200b`, `teachers` look alike"
        " (`t\u0435achers` holds U+0435; `teachers\\u200b` holds U+200B): each is compared as a"
        " group of its own; give one name to all of them if they are one group"
    ]
    if command == "voices":
        shown_groups = json.loads(result.stdout)["groups"]
        assert {"Teachers", "t\u0435achers", "teachers\u200b", "teachers"} <= {
            g["group"] if isinstance(g, dict) else g for g in shown_groups
        }


def test_groups_that_only_differ_by_more_than_looks_are_not_warned_of(tmp_path: Path) -> None:
    folder = _teachers_as(tmp_path, ["teacher", "support-staff"])
    result = run("voices", str(folder))
    assert result.exit_code == 0, result.output
    assert "look alike" not in result.stderr


def test_voices_refuses_a_file_named_with_digits_int_refuses_by_name_and_exits_1(
    tmp_path: Path,
) -> None:
    """Through the command: `other:²`, a response of another school, is named as that file
    at the line of its school id, exit 1, where `voices` ended in an internal error."""
    examples = Path(__file__).resolve().parents[2] / "examples" / "respondents"
    text = (examples / "governor-1.yaml").read_text(encoding="utf-8")
    (tmp_path / "governor-2.yaml").write_bytes((examples / "governor-2.yaml").read_bytes())
    (tmp_path / "other:²").write_text(text.replace('id: "100000"', 'id: "999"'), encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["voices", str(tmp_path / "governor-2.yaml"), str(tmp_path / "other:²")]
    )
    assert result.exit_code == 1
    assert "internal error" not in result.output
    assert f"{tmp_path / 'other:²'}:5:14: error: school.id: a response for school 999" in (
        result.stderr
    )
