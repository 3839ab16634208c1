"""Right-to-left names in `report`, `plan --status`, `awards` and `show`: each is isolated
(U+2068 ... U+2069, `text_tables.isolated`) where it sits on a line with other text, so a
terminal that orders text by the bidirectional algorithm keeps the line left to right and
a level's digits in their column; everything else is as it is for a name in Latin letters.

Until round 75 a school named in Hebrew, first on the report's line, turned the line right
to left (`שלום (100000), Example LEA` read with the id on the name's left).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
REVIEW = ROOT / "examples" / "example-primary-2025.yaml"
FSI, PDI = "\u2068", "\u2069"
HEBREW = "בית ספר שלום"
ARABIC = "مدير المدرسة"


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def _named(tmp_path: Path, name: str) -> Path:
    out = tmp_path / f"review-{len(name)}.yaml"
    text = REVIEW.read_text(encoding="utf-8")
    out.write_text(text.replace("name: Example Primary School", f'name: "{name}"'), "utf-8")
    return out


def test_a_report_isolates_a_right_to_left_school_name_and_loses_nothing(tmp_path: Path) -> None:
    hebrew = run("report", str(_named(tmp_path, HEBREW)))
    latin = run("report", str(_named(tmp_path, "Latin")))
    assert hebrew.exit_code == latin.exit_code == 0
    first = hebrew.stdout.split("\n")[0]
    assert first == f"{FSI}{HEBREW}{PDI} (100000), Example LEA"
    assert hebrew.stdout.replace(f"{FSI}{HEBREW}{PDI}", "Latin") == latin.stdout
    assert "\\u2068" not in hebrew.stdout


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("Ysgol \\u202eloohcS", "Ysgol \\u202eloohcS"),
        ("\\u2068Ysgol\\u2069", "\\u2068Ysgol\\u2069"),
        (f"\\u2068{HEBREW}\\u2069", f"{FSI}\\u2068{HEBREW}\\u2069{PDI}"),
    ],
)
def test_a_report_still_escapes_bidirectional_controls_written_in_a_name(
    tmp_path: Path, written: str, shown: str
) -> None:
    """The report's isolates are kept as the table printed is escaped; those of the file
    are not: an override, or an isolate, in a school's name is shown as its escape."""
    result = run("report", str(_named(tmp_path, written)))
    assert result.exit_code == 0, result.output
    assert result.stdout.split("\n")[0] == f"{shown} (100000), Example LEA"


def test_awards_isolate_a_right_to_left_school_name(tmp_path: Path) -> None:
    result = run("awards", str(_named(tmp_path, HEBREW)))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{FSI}{HEBREW}{PDI} (100000), ")


def test_plan_status_isolates_right_to_left_cells_on_each_line(tmp_path: Path) -> None:
    review = _named(tmp_path, HEBREW)
    plan = tmp_path / "plan.yaml"
    assert run("plan", str(review), "-o", str(plan)).exit_code == 0
    text = plan.read_text(encoding="utf-8")
    first = "  status: planned\n"
    plan.write_text(text.replace(first, f"  owner: {ARABIC}\n  due: 2027-01-15\n{first}", 1))
    result = run("plan", "--status", str(plan))
    assert result.exit_code == 0, result.output
    lines = result.stdout.split("\n")
    assert lines[0] == f"{FSI}{HEBREW}{PDI} (100000): action plan for becta-srf@2010"
    (row,) = [line for line in lines if ARABIC in line]
    assert f"{FSI}{ARABIC}{PDI}" in row
    assert row.rstrip().endswith("2027-01-15  planned")
    for line in lines:
        assert line.count(FSI) == line.count(PDI)


def test_show_isolates_a_right_to_left_descriptor_line_by_line(tmp_path: Path) -> None:
    framework = tmp_path / "framework.yaml"
    text = (ROOT / "frameworks" / "becta-srf.yaml").read_text(encoding="utf-8")
    said = "The school's overall vision takes no account of ICT."
    framework.write_text(text.replace(said, f"{HEBREW} {HEBREW} {HEBREW}.", 1), "utf-8")
    result = run("show", str(framework), "1a1")
    assert result.exit_code == 0, result.output
    (row,) = [line for line in result.stdout.split("\n") if HEBREW in line]
    assert f"{FSI}{HEBREW} {HEBREW} {HEBREW}.{PDI}" in row
    assert row.startswith("│ 5 (worst) │ ")
    plain = run("show", "becta-srf", "1a1").stdout
    assert FSI not in plain
