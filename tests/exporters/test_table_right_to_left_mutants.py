"""The report's heading isolates each right-to-left name on it (U+2068 ... U+2069,
`text_tables.isolated`), not only the school's: the authority, the framework's title and
the assessor (`exporters.table.report_text`). Pinned by round 76's sweep over round 75's
lines (calls the mutation script does not change, taken out by hand: nothing failed). Not
isolated, a terminal that orders text by the bidirectional algorithm drew the line's ids
and date on the wrong side of such a name."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
REVIEW = ROOT / "examples" / "example-primary-2025.yaml"
FRAMEWORK = ROOT / "frameworks" / "becta-srf.yaml"
FSI, PDI = "\u2068", "\u2069"
HEBREW = "\u05de\u05e1\u05d2\u05e8\u05ea"  # "framework"
ARABIC = "\u0645\u062f\u064a\u0631 \u0627\u0644\u0645\u062f\u0631\u0633\u0629"  # "head"
PERSIAN = "\u0627\u062f\u0627\u0631\u0647 \u0622\u0645\u0648\u0632\u0634"  # "education office"


def _replaced(source: Path, out: Path, *pairs: tuple[str, str]) -> Path:
    text = source.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text
        text = text.replace(old, new, 1)
    out.write_text(text, encoding="utf-8")
    return out


def test_the_report_heading_isolates_a_right_to_left_authority_title_and_assessor(
    tmp_path: Path,
) -> None:
    review = _replaced(
        REVIEW,
        tmp_path / "review.yaml",
        ("authority: Example LEA", f'authority: "{PERSIAN}"'),
        ("assessor: Deputy headteacher", f'assessor: "{ARABIC}"'),
    )
    framework = _replaced(
        FRAMEWORK, tmp_path / "framework.yaml", ("title: Self-review framework", f"title: {HEBREW}")
    )
    result = CliRunner().invoke(cli, ["report", str(review), "--framework", str(framework)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.split("\n")
    assert lines[0] == f"Example Primary School (100000), {FSI}{PERSIAN}{PDI}"
    assert lines[1] == (
        f"{FSI}{HEBREW}{PDI} (becta-srf@2010), reviewed 2025-10-06 by {FSI}{ARABIC}{PDI}"
    )
