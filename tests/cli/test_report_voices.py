"""`report --voices PATH`: the respondents' view beside the school's own judgement in every
report format, with disagreements called out (SPEC sections 5 and 9)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner, Result

from selfreview_core.cli import cli
from selfreview_core.exporters.csv import BOM
from selfreview_core.report import ReportJson
from selfreview_core.voices.views import VOICES_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
NEW = str(ROOT / "examples" / "example-primary-2026.yaml")
OLD = str(ROOT / "examples" / "example-primary-2025.yaml")
RESPONDENTS = str(ROOT / "examples" / "respondents")
#: Words only respondents' files hold: a teacher's and a pupil's evidence.
THEIR_WORDS = ("the weekly bulletin rarely mentions ICT", "not sure who to tell")


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def report(fmt: str, *more: str) -> str:
    result = run("report", NEW, "--voices", RESPONDENTS, "--format", fmt, *more)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_table_shows_the_groups_beside_the_school() -> None:
    out = report("table")
    assert "23 responses to becta-srf@2010" in out
    assert "Worth discussing (2, ⚑):" in out
    assert "the school's own judgement (3) is 2 or more levels from the median of pupils 5" in out
    assert out.index("Worth discussing") < out.index("Recommendations (")


def test_the_json_carries_the_view_and_matches_the_schema() -> None:
    out = report("json")
    data = json.loads(out)
    assert data["voices"]["respondents"] == 23
    assert data["voices"]["own_review"] is True
    schema = json.loads((ROOT / "docs" / "schema" / "report.json").read_text())
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    made = ReportJson.model_validate_json(out)  # the framework is a reference (SPEC 5)
    assert made.voices is not None
    assert [s.strand for s in made.voices.flagged] == ["1b5", "1c3"]
    assert json.loads(report("json", "--no-evidence"))["voices"] == data["voices"]
    assert json.loads(run("report", NEW, "--format", "json").stdout)["voices"] is None


def test_the_csv_adds_a_section_of_rows_per_strand_and_group() -> None:
    out = report("csv")
    rows = list(csv.reader(io.StringIO(out.removeprefix(BOM), newline="")))
    start = rows.index(list(VOICES_COLUMNS))
    assert rows[start - 1] == []
    section = rows[start + 1 :]
    assert len(section) == 12 * 5
    safeguarding = {r[3]: r for r in section if r[0] == "1b5"}
    assert safeguarding["pupils"][5] == "5"
    assert safeguarding["pupils"][9] == "3"  # the school's own level
    assert safeguarding["pupils"][11] == "yes"
    assert safeguarding["governors"][5] == ""


def test_markdown_and_html_have_the_section() -> None:
    markdown = report("markdown")
    assert "## What the respondents said" in markdown
    assert "### Worth discussing" in markdown
    assert markdown.index("## What the respondents said") < markdown.index("## Recommendations")
    html = report("html")
    assert '<section id="voices">' in html
    assert html.count('class="chart voices-chart"') == 3
    assert html.index('id="voices"') < html.index('id="recommendations"')


def test_the_summary_calls_out_the_disagreements() -> None:
    html = report("summary")
    assert '<section id="voices">' in html
    assert "<strong>1b5 Safeguarding</strong>" in html


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown", "html", "summary"])
def test_no_format_shows_a_respondents_words(fmt: str) -> None:
    out = report(fmt)
    for words in THEIR_WORDS:
        assert words not in out
    assert "2026-09-" not in out  # no date of any response


def test_min_group_applies_to_voices_only() -> None:
    data = json.loads(report("json", "--min-group", "2"))
    assert data["voices"]["min_group"] == 2
    refused = run("report", NEW, "--min-group", "2")
    assert refused.exit_code == 2
    assert "--min-group applies to --voices" in refused.stderr


def test_voices_need_a_single_assessment(tmp_path: Path) -> None:
    result = run("report", NEW, OLD, "--voices", RESPONDENTS, "--output-dir", str(tmp_path / "o"))
    assert result.exit_code == 2
    assert "Invalid value for --voices: needs a single ASSESSMENT file" in result.stderr


def test_responses_of_another_school_are_refused(tmp_path: Path) -> None:
    other = (ROOT / "examples" / "cohort" / "primary-1-2025.yaml").read_text(encoding="utf-8")
    stray = tmp_path / "stray.yaml"
    stray.write_text(other.replace("judgements:", "respondent: {group: pupils}\njudgements:", 1))
    result = run("report", NEW, "--voices", RESPONDENTS, "--voices", str(stray))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{stray}:" in result.stderr
    assert "a response for school 900001" in result.stderr


def test_a_schools_own_review_among_the_voices_is_refused() -> None:
    result = run("report", NEW, "--voices", RESPONDENTS, "--voices", OLD)
    assert result.exit_code == 1
    assert "the report's own review is ASSESSMENT" in result.stderr


def test_a_response_given_as_the_schools_own_review_is_refused() -> None:
    response = str(ROOT / "examples" / "respondents" / "governor-1.yaml")
    result = run("report", response, "--voices", RESPONDENTS)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "one respondent's answers (group governors), not the school's own review" in (
        result.stderr
    )


def test_o_over_a_response_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "governor.json"
    copy.write_text(json.dumps({"placeholder": True}))
    result = run("report", NEW, "--voices", RESPONDENTS, "--voices", str(copy), "-o", str(copy))
    assert result.exit_code == 2
    assert "--voices" in result.stderr
    assert json.loads(copy.read_text()) == {"placeholder": True}


def test_csv_on_stdout_keeps_its_line_ends() -> None:
    """CRLF ends each CSV row on a terminal too, as in a file; a lone carriage return in a
    cell is still shown escaped (`\\r`)."""
    result = run("report", NEW, "--voices", RESPONDENTS, "--format", "csv")
    data = result.stdout_bytes
    assert b"\\r" not in data
    assert data.count(b"\r\n") == data.count(b"\n") > 100
