"""What `selfreview assess` (`cli/assess.py`) says on saving that its other tests did not
pin: found by the round-71 mutation pass over the module. A strand judged not applicable
is counted apart, out of both the strands judged and the strands there are."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from selfreview_core.cli import cli

HEADER = ["--school-id", "100001", "--school-name", "Piped School", "--date", "2026-11-01"]


def test_a_strand_not_applicable_is_counted_apart_when_saved(tmp_path: Path) -> None:
    """Becta's first strand answered `n` (not applicable, with why), the other eleven given
    levels: "11 of 11 strands judged, 1 not applicable", exit 0, and the file holds it."""
    answers = ["n", "No ICT budget this year."]
    for level in (4, 4, 3, 5, 3, 4, 2, 3, 2, 3, 3):
        answers += [str(level), ""]
    out = tmp_path / "review.yaml"
    result = CliRunner().invoke(
        cli,
        ["assess", "becta-srf", "-o", str(out), *HEADER],
        input="".join(f"{answer}\n" for answer in answers),
    )
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    assert result.stdout.endswith(f"\nSaved {out}: 11 of 11 strands judged, 1 not applicable.\n")
    judgements = yaml.safe_load(out.read_text(encoding="utf-8"))["judgements"]
    assert len(judgements) == 12
    assert sum(1 for j in judgements.values() if isinstance(j, dict) and "level" not in j) == 1
