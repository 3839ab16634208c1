"""Awards: hand-written cases in both scale directions, evidence, validation, the CLI and
every exporter's awards section."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from pydantic import ValidationError

from selfreview_core import (
    Assessment,
    Award,
    AwardResult,
    Engine,
    Framework,
    Judgement,
    Report,
    School,
    awards,
    load_assessment,
    load_framework,
    score,
)
from selfreview_core.award_check import required_strands
from selfreview_core.cli import cli
from selfreview_core.exporters.chart import award_marks, profile_chart
from selfreview_core.report import read_report
from selfreview_core.testing import mirror_assessment, mirror_framework

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_FRAMEWORK = ROOT / "examples" / "awards" / "illustrative-award-framework.yaml"
EXAMPLE_SCHOOL = ROOT / "examples" / "awards" / "example-school.yaml"
SCHOOL = School(id="T1", name="Test School")

# small_framework: best 3, worst 0. Element A = aspects A1 (A1.1, A1.2) and A2 (A2.1);
# element B = aspect B1 (B1.1). Aspect and element levels are medians, a tie to the worse.
Judged = dict[str, int | tuple[int, str | None]]
Missing = list[tuple[str, str | None, int | None, int | None]]  # kind, id, level, needed

CASES: list[tuple[dict[str, Any], bool, Judged, Missing]] = [
    ({"strand": "A1.1", "reached": 2}, False, {"A1.1": 2}, []),
    ({"strand": "A1.1", "reached": 2}, False, {"A1.1": 3}, []),
    ({"strand": "A1.1", "reached": 2}, False, {"A1.1": 1}, [("level", "A1.1", 1, 2)]),
    ({"strand": "A1.1", "reached": 2}, False, {}, [("level", "A1.1", None, 2)]),
    ({"aspect": "A1", "reached": 2}, False, {"A1.1": 3, "A1.2": 2}, []),
    ({"aspect": "A1", "reached": 2}, False, {"A1.1": 3, "A1.2": 1}, [("level", "A1", 1, 2)]),
    ({"element": "B", "reached": 3}, False, {"B1.1": 3}, []),
    (
        {"all": [{"strand": "A1.1", "reached": 2}, {"element": "B", "reached": 3}]},
        False,
        {"A1.1": 1, "B1.1": 2},
        [("level", "A1.1", 1, 2), ("level", "B", 2, 3)],
    ),
    (
        {"all": [{"strand": "A1.1", "reached": 2}, {"element": "B", "reached": 3}]},
        False,
        {"A1.1": 2, "B1.1": 2},
        [("level", "B", 2, 3)],
    ),
    ({"all": []}, False, {}, []),
    # `any` and `not`: no single level is "the" one missing, so the condition in words.
    (
        {"any": [{"strand": "A1.1", "reached": 3}, {"strand": "B1.1", "reached": 3}]},
        False,
        {"A1.1": 2},
        [("condition", None, None, None)],
    ),
    (
        {"any": [{"strand": "A1.1", "reached": 3}, {"strand": "B1.1", "reached": 3}]},
        False,
        {"B1.1": 3},
        [],
    ),
    ({"not": {"strand": "A2.1", "unjudged": True}}, False, {}, [("condition", None, None, None)]),
    ({"strand": "A2.1", "level": [1, 2]}, False, {"A2.1": 3}, [("condition", None, None, None)]),
    # Evidence: every strand named, and every strand under a named aspect or element.
    ({"aspect": "A1", "reached": 1}, True, {"A1.1": (2, "Minutes."), "A1.2": (2, "Plan.")}, []),
    (
        {"aspect": "A1", "reached": 1},
        True,
        {"A1.1": (2, "Minutes."), "A1.2": (2, None)},
        [("evidence", "A1.2", 2, None)],
    ),
    (
        {"strand": "A1.1", "reached": 1},
        True,
        {"A1.1": (2, "  \n ")},  # blank evidence is no evidence
        [("evidence", "A1.1", 2, None)],
    ),
    (
        {"element": "A", "reached": 2},
        True,
        {"A1.1": (1, "Minutes."), "A1.2": (2, "Plan.")},
        [("level", "A", 1, 2), ("evidence", "A2.1", None, None)],
    ),
    (
        {"not": {"strand": "B1.1", "below": 1}},  # names B1.1: its evidence is required
        True,
        {"B1.1": 2},
        [("evidence", "B1.1", 2, None)],
    ),
]


def with_awards(framework: Framework, *awards: dict[str, Any]) -> Framework:
    data = framework.model_dump(exclude={"awards"})
    return Framework.model_validate({**data, "awards": list(awards)})


def assessment_of(framework: Framework, judged: Judged) -> Assessment:
    judgements = {}
    for strand_id, value in judged.items():
        level, evidence = value if isinstance(value, tuple) else (value, None)
        judgements[strand_id] = Judgement(level=level, evidence=evidence)
    return Assessment(
        framework=framework.ref,
        school=SCHOOL,
        assessed_on=dt.date(2026, 10, 1),
        judgements=judgements,
    )


def summary(result: AwardResult) -> Missing:
    return [(s.kind, s.id, s.level, s.needed) for s in result.missing]


@pytest.mark.parametrize(("require", "evidence", "judged", "missing"), CASES)
def test_hand_written_cases_in_both_scale_directions(
    small_framework: Framework,
    require: dict[str, Any],
    evidence: bool,
    judged: Judged,
    missing: Missing,
) -> None:
    framework = with_awards(
        small_framework,
        {"id": "mark", "title": "Mark", "require": require, "evidence_required": evidence},
    )
    assessment = assessment_of(framework, judged)
    (result,) = awards(framework, assessment)
    assert summary(result) == missing
    assert result.met is (not missing)
    assert all(s.text for s in result.missing)

    # Mirrored (best 0, worst 3): the same verdict, every level mirrored with the scale.
    mirror = mirror_framework(framework)
    assert mirror.scale.best == 0
    (mirrored,) = awards(mirror, mirror_assessment(framework, assessment))
    flip = framework.scale.mirror_level
    assert mirrored.met is result.met
    assert summary(mirrored) == [
        (
            kind,
            node_id,
            None if level is None else flip(level),
            None if need is None else flip(need),
        )
        for kind, node_id, level, need in missing
    ]


def test_what_is_missing_says_it_in_words(small_framework: Framework) -> None:
    framework = with_awards(
        small_framework,
        {
            "id": "mark",
            "title": "Mark",
            "require": {"all": [{"aspect": "A1", "reached": 2}, {"strand": "B1.1", "reached": 3}]},
            "evidence_required": True,
        },
    )
    assessment = assessment_of(framework, {"A1.1": (3, "Minutes."), "A1.2": 1})
    (result,) = awards(framework, assessment)
    texts = [s.text for s in result.missing]
    assert texts == [
        "aspect A1 is at level 1 (median of its judged strands); needs level 2 or better; "
        "below it: A1.2 (level 1)",
        "B1.1 is not judged; needs level 3 or better",
        "A1.2 has no written evidence",
        "B1.1 has no written evidence (not judged)",
    ]
    assert result.requirement == (
        "aspect A1 has reached level 2 and B1.1 has reached level 3; "
        "written evidence for each strand it names"
    )


def test_any_falls_back_to_the_condition_in_words(small_framework: Framework) -> None:
    require = {"any": [{"strand": "A1.1", "reached": 3}, {"strand": "B1.1", "reached": 3}]}
    framework = with_awards(small_framework, {"id": "m", "title": "M", "require": require})
    (result,) = awards(framework, assessment_of(framework, {}))
    assert [s.text for s in result.missing] == [
        "needs: A1.1 has reached level 3 or B1.1 has reached level 3"
    ]


def test_awards_keep_their_order_and_use_a_given_profile(small_framework: Framework) -> None:
    framework = with_awards(
        small_framework,
        {"id": "first", "title": "First", "require": {"element": "A", "reached": 1}},
        {"id": "second", "title": "Second", "require": {"element": "A", "reached": 3}},
    )
    assessment = assessment_of(framework, {"A1.1": 3, "A1.2": 0, "A2.1": 3})
    assert [(r.id, r.met) for r in awards(framework, assessment)] == [
        ("first", True),  # median of 3, 0, 3 is 3
        ("second", True),
    ]
    weakest = score(framework, assessment, "weakest")
    assert [r.met for r in awards(framework, assessment, profile=weakest)] == [False, False]


def test_a_framework_without_awards_gives_none(small_framework: Framework) -> None:
    assert small_framework.awards == ()
    assert awards(small_framework, assessment_of(small_framework, {"A1.1": 3})) == ()


def test_required_strands_cover_aspects_and_elements_in_framework_order(
    small_framework: Framework,
) -> None:
    award = Award.model_validate(
        {
            "id": "m",
            "title": "M",
            "require": {"any": [{"strand": "B1.1", "reached": 1}, {"aspect": "A1", "reached": 1}]},
        }
    )
    assert required_strands(small_framework, award.require) == ("A1.1", "A1.2", "B1.1")


def test_an_award_result_is_met_exactly_when_nothing_is_missing() -> None:
    with pytest.raises(ValidationError, match="nothing is missing"):
        AwardResult(id="m", title="M", met=False, requirement="always")


@pytest.mark.parametrize(
    ("award", "words"),
    [
        ({"require": {"strand": "A1.9", "reached": 2}}, "`A1.9` is not a strand of small@1"),
        ({"require": {"aspect": "A1", "reached": 7}}, "level 7 is outside the scale"),
        ({"require": {"strand": "A1", "reached": 2}}, "`A1` is an aspect of small@1"),
    ],
)
def test_frameworks_built_in_python_check_their_awards(
    small_framework: Framework, award: dict[str, Any], words: str
) -> None:
    with pytest.raises(ValidationError, match=words):
        with_awards(small_framework, {"id": "m", "title": "M", **award})


def test_duplicate_award_ids_are_refused(small_framework: Framework) -> None:
    award = {"id": "m", "title": "M", "require": {"all": []}}
    with pytest.raises(ValidationError, match="duplicate award id `m`"):
        with_awards(small_framework, award, award)


def test_the_bundled_becta_framework_carries_no_award(becta: Framework) -> None:
    assert becta.awards == ()


# -- the illustrative example, the CLI ------------------------------------------------------


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_the_illustrative_award_is_named_as_such() -> None:
    framework = load_framework(EXAMPLE_FRAMEWORK)
    assert "made up" in framework.title
    assert [a.title for a in framework.awards] == ["Illustrative mark (made up, not a real award)"]


def test_cli_awards_says_what_is_missing_and_exits_0() -> None:
    result = run("awards", str(EXAMPLE_SCHOOL), "--framework", str(EXAMPLE_FRAMEWORK))
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.output.splitlines()]
    assert "0 of 1 award(s) met." in lines
    assert "Illustrative mark (made up, not a real award) (illustrative-mark): not met" in lines
    assert "Missing: 1b1 is at level 1; needs level 2 or better" in lines
    assert "Missing: 2a2 has no written evidence (not judged)" in lines


def test_cli_awards_json(tmp_path: Path) -> None:
    result = run(
        "awards", str(EXAMPLE_SCHOOL), "--framework", str(EXAMPLE_FRAMEWORK), "--format", "json"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["framework"] == "example-awards@1"
    (award,) = data["awards"]
    assert award["met"] is False
    assert [(m["kind"], m["id"]) for m in award["missing"]] == [
        ("level", "1a"),
        ("level", "1b1"),
        ("evidence", "1a2"),
        ("evidence", "2a2"),
    ]
    assert AwardResult.model_validate(award).met is False


def test_cli_awards_met_still_exits_0(tmp_path: Path) -> None:
    judgements = {
        "1a1": {"level": 3, "evidence": "Minutes."},
        "1a2": {"level": 2, "evidence": "Cycle."},
        "1b1": {"level": 2, "evidence": "Policy."},
        "2a1": {"level": 1, "evidence": "Plans."},
        "2a2": {"level": 1, "evidence": "Work."},
    }
    school = tmp_path / "school.json"
    school.write_text(
        json.dumps(
            {
                "kind": "assessment",
                "framework": "example-awards",
                "school": {"id": "X", "name": "X School"},
                "assessed_on": "2026-10-01",
                "judgements": judgements,
            }
        )
    )
    result = run("awards", str(school), "--framework", str(EXAMPLE_FRAMEWORK))
    assert result.exit_code == 0, result.output
    assert "1 of 1 award(s) met." in result.output
    assert "Missing" not in result.output


def test_cli_awards_of_a_framework_without_awards() -> None:
    result = run("awards", str(ROOT / "examples" / "example-primary-2026.yaml"))
    assert result.exit_code == 0, result.output
    assert "becta-srf@2010 declares no awards." in result.output


def test_cli_awards_rejects_invalid_input_with_a_location(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(EXAMPLE_SCHOOL.read_text().replace("  1a2: 1", "  1a9: 1"))
    result = run("awards", str(bad), "--framework", str(EXAMPLE_FRAMEWORK))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"{bad}:" in result.output
    assert "`1a9` is not a strand of example-awards@1" in result.output
    result = run("awards", str(EXAMPLE_SCHOOL))  # its framework is not available
    assert result.exit_code == 1
    assert "unknown framework `example-awards@1`" in result.output


def test_the_format_reference_shows_real_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.chdir(ROOT)
    docs = (ROOT / "docs" / "framework-format.md").read_text(encoding="utf-8")
    section = docs.split("## Awards", 1)[1].split("\n## ", 1)[0]
    [(command, shown)] = re.findall(r"```console\n\$ selfreview (.*?)\n(.*?)```", section, re.S)
    result = run(*command.split())
    assert result.exit_code == 0, result.output
    assert result.output == shown
    [example] = re.findall(r"```yaml\n(awards:.*?)```", section, re.S)
    framework = yaml.safe_load(EXAMPLE_FRAMEWORK.read_text())
    documented = yaml.safe_load(example)["awards"][0]
    assert documented["require"] == framework["awards"][0]["require"]


def test_validate_accepts_the_examples() -> None:
    result = run("validate", str(ROOT / "examples"))
    assert result.exit_code == 0, result.output


# -- the report and its exporters ------------------------------------------------------------


@pytest.fixture
def report() -> Report:
    framework = load_framework(EXAMPLE_FRAMEWORK)
    # Hostile text in an award's title must come out as text everywhere.
    hostile = framework.awards[0].model_copy(update={"id": "x", "title": "<b>Mark</b> & =cmd"})
    framework = Framework.model_validate(
        {**framework.model_dump(exclude={"awards"}), "awards": [*framework.awards, hostile]}
    )
    assessment = load_assessment(EXAMPLE_SCHOOL, framework)
    return Engine(entry_points=False).report(assessment, framework=framework)


def test_the_report_carries_the_awards(report: Report) -> None:
    assert [a.met for a in report.awards] == [False, False]
    assert report.awards == awards(report.framework, report.assessment, profile=report.profile)


def test_table_has_an_awards_section(report: Report) -> None:
    text = Engine(entry_points=False).export(report, "table")
    assert isinstance(text, str)
    assert "Awards (0 of 2 met)" in text
    assert "Missing: 1b1 is at level 1; needs level 2 or better" in text


def test_markdown_has_an_awards_section(report: Report) -> None:
    text = Engine(entry_points=False).export(report, "markdown")
    assert isinstance(text, str)
    assert "## Awards" in text
    assert "### Illustrative mark (made up, not a real award): not met" in text
    assert "- 1b1 is at level 1; needs level 2 or better" in text
    assert "<b>" not in text
    assert text.index("## Awards") < text.index("## Recommendations")


def test_csv_has_an_awards_section(report: Report) -> None:
    text = Engine(entry_points=False).export(report, "csv")
    assert isinstance(text, str)
    sections = text.removeprefix("\ufeff").split("\r\n\r\n")
    assert len(sections) == 3
    rows = list(csv.reader(io.StringIO(sections[2])))
    assert rows[0][:5] == ["award", "title", "met", "requirement", "missing"]
    assert rows[1][:3] == [
        "illustrative-mark",
        "Illustrative mark (made up, not a real award)",
        "no",
    ]
    missing = "1b1 is at level 1; needs level 2 or better"
    assert rows[3][:5] == ["illustrative-mark", "", "", "", missing]
    assert rows[3][5:] == ["strand", "1b1", "1", "2"]
    assert any(row[1] == "<b>Mark</b> & =cmd" for row in rows)  # starts with `<`: not a formula


def test_html_has_an_awards_section_and_marks_thresholds(report: Report) -> None:
    text = Engine(entry_points=False).export(report, "html")
    assert isinstance(text, str)
    assert '<section id="awards">' in text
    assert "Illustrative mark (made up, not a real award): " in text
    assert "<b>Mark</b>" not in text
    assert "&lt;b&gt;Mark&lt;/b&gt; &amp; =cmd" in text
    chart = profile_chart(report)
    # One mark per strand and level (5 strands named); its title names both awards.
    assert chart.count('class="award-mark"') == 5
    assert "&lt;b&gt;Mark&lt;/b&gt; &amp; =cmd: 1b1 needs level 2" in chart
    assert "an award's threshold" in chart


def test_award_marks_name_each_strand_and_level(report: Report) -> None:
    marks = award_marks(report.framework)
    assert sorted(marks) == ["1a1", "1a2", "1b1", "2a1", "2a2"]
    assert marks["1b1"] == {
        2: [
            "Illustrative mark (made up, not a real award): 1b1 needs level 2",
            "<b>Mark</b> & =cmd: 1b1 needs level 2",
        ]
    }


def test_json_round_trips_and_matches_the_documented_schema(report: Report) -> None:
    text = Engine(entry_points=False).export(report, "json")
    assert isinstance(text, str)
    assert read_report(text, lambda ref: report.framework) == report
    assert json.loads(text)["awards"][0]["id"] == "illustrative-mark"
    schema = json.loads((ROOT / "docs" / "schema" / "report.json").read_text())
    jsonschema.validate(json.loads(text), schema, cls=jsonschema.Draft202012Validator)


def test_reports_without_awards_have_no_awards_section(
    small_framework: Framework, assessment: Assessment
) -> None:
    engine = Engine(entry_points=False)
    made = engine.report(assessment, framework=small_framework)
    assert made.awards == ()
    for name in ("table", "markdown", "html"):
        rendered = engine.export(made, name)
        assert isinstance(rendered, str)
        assert "Awards" not in rendered
        assert "award-mark" not in rendered
    rendered = engine.export(made, "csv")
    assert isinstance(rendered, str)
    assert "award," not in rendered
