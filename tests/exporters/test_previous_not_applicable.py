"""`report --previous OLD` where OLD judged a strand not applicable (SPEC section 10): every
format says so (`n/a`, as `voices` does for the school's own n/a), and never shows it as a
strand the old review left unjudged (`-`). Before round 51 every format showed `-`: the
comparison keeps no record of the old n/a, only the previous review does."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
NEW = str(ROOT / "examples" / "example-primary-2026.yaml")

#: Aspect 1a (strands 1a1, 1a2) did not apply in the old review; 1b4 it left unjudged.
OLD_CHANGES = {
    "  1a2: 5\n": "  1a2: {applicable: false, evidence: No vision statement yet}\n",
    "  1a1:\n    level: 4\n": "  1a1:\n    applicable: false\n",
}


@pytest.fixture(scope="module")
def old(tmp_path_factory: pytest.TempPathFactory) -> str:
    text = (ROOT / "examples" / "example-primary-2025.yaml").read_text(encoding="utf-8")
    for before, after in OLD_CHANGES.items():
        assert before in text
        text = text.replace(before, after)
    assert "  1b4" not in text  # the strand left unjudged, the `-` beside the n/a
    path = tmp_path_factory.mktemp("old") / "old.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def report(old: str, name: str) -> str:
    result = CliRunner().invoke(
        cli, ["report", NEW, "--previous", old, "--format", name], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_table_says_n_a_for_a_strand_not_applicable_before(old: str) -> None:
    lines = report(old, "table").splitlines()[:20]
    rows = {words[0]: words for words in map(str.split, lines) if words}
    assert rows["1a2"][-1] == "n/a"
    assert rows["1a1"][-1] == "n/a"
    assert rows["1b4"][-1] == "-"  # unjudged before, as before
    assert rows["1b1"][-6:] == ["4", "4", "unchanged", "at", "level", "4"]


def test_markdown_says_n_a_for_a_strand_not_applicable_before(old: str) -> None:
    cells = {
        row.split(" | ")[0].strip("| "): row.split(" | ")
        for row in report(old, "markdown").splitlines()
        if row.startswith("| 1")
    }
    assert cells["1a2"][-2] == "n/a"
    assert cells["1b4"][-2] == "–"


def test_html_says_n_a_for_a_strand_not_applicable_before(old: str) -> None:
    page = report(old, "html")
    before = dict(
        re.findall(r'<th scope="row">(\w+) [^<]*</th>.*?data-label="Before">(.*?)</td>', page)
    )
    assert before["1a2"] == '<span class="none">n/a</span>'
    assert before["1b4"] == '<span class="none">–</span>'
    assert "1a2 Reviewing the vision: level 4; previously not applicable</title>" in page
    assert "1b4 Environmental impact: level 5; previously not judged</title>" in page


def test_csv_says_which_strands_were_not_applicable_before(old: str) -> None:
    """`previous_level` stays a plain integer column; `previous_applicable` says `no`."""
    text = report(old, "csv").lstrip("\ufeff").split("\r\n\r\n")[0]
    rows = {row["strand"]: row for row in csv.DictReader(io.StringIO(text))}
    assert (rows["1a2"]["previous_level"], rows["1a2"]["previous_applicable"]) == ("", "no")
    assert (rows["1b4"]["previous_level"], rows["1b4"]["previous_applicable"]) == ("", "yes")
    assert (rows["1b1"]["previous_level"], rows["1b1"]["previous_applicable"]) == ("4", "yes")


def test_the_json_keeps_the_previous_review_s_n_a(old: str) -> None:
    data = json.loads(report(old, "json"))
    assert data["previous"]["judgements"]["1a2"]["applicable"] is False
    assert "1a2" not in data["comparison"]["strands"]


def test_the_governors_page_says_n_a_for_an_aspect_not_applicable_before(old: str) -> None:
    page = report(old, "summary")
    rows = re.findall(r'<tr><th scope="row">(\w+) [^<]*</th><td>.*?</td><td>(.*?)</td>', page)
    before = dict(rows)
    assert before["1a"] == "n/a"
    assert before["1b"] != "n/a"


def test_no_format_says_n_a_without_a_previous_review_marking_one(old: str) -> None:
    """The n/a comes from the old review, never from a strand merely unjudged in it."""
    plain = str(ROOT / "examples" / "example-primary-2025.yaml")
    for name in ("table", "markdown", "html", "summary"):
        result = CliRunner().invoke(
            cli, ["report", NEW, "--previous", plain, "--format", name], catch_exceptions=False
        )
        assert "n/a" not in result.stdout, name


def test_history_says_n_a_for_an_aspect_not_applicable_in_a_review(old: str) -> None:
    """`report --history`: aspect 1a did not apply in the old review; `-` stays for an
    aspect not judged, and the note under the table says what each means."""
    result = CliRunner().invoke(cli, ["report", NEW, "--history", old], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    history = result.stdout.split("Review by review\n")[1]
    rows = {words[0]: words[-2:] for words in map(str.split, history.splitlines()) if words}
    assert rows["1a"] == ["n/a", "4"]
    assert rows["1b"] == ["4", "4"]
    assert history.rstrip().endswith("- means not judged, n/a not applicable.")


def test_the_history_in_html_says_n_a(old: str) -> None:
    result = CliRunner().invoke(
        cli, ["report", NEW, "--history", old, "--format", "html"], catch_exceptions=False
    )
    section = result.stdout.split('<section id="history">')[1]
    cells = re.findall(r'<th scope="row">(\w+) [^<]*</th><td class="num">(.*?)</td>', section)
    assert dict(cells)["1a"] == "n/a"
    assert dict(cells)["1b"] == "4"
