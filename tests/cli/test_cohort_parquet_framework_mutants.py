"""`benchmark` of a cohort file with `--framework`, round 56's sweep of round 55's
`cli/_cohort.open_cohort`: a version the file does not hold is a usage error naming the
versions it does, and nothing is written (round 55's surviving mutant: `--framework` not
looked up for a cohort file, which benchmarked the first version the file holds, exit 0,
under the name of one the user did not ask for)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from selfreview_core.cli import cli


def test_a_version_the_cohort_file_does_not_hold_is_refused(root: Path, tmp_path: Path) -> None:
    cohort = tmp_path / "c.parquet"
    runner = CliRunner()
    made = runner.invoke(cli, ["collect", str(root / "examples" / "cohort"), "-o", str(cohort)])
    assert made.exit_code == 0, made.output
    before = cohort.read_bytes()
    out = tmp_path / "out.json"
    asked = ["benchmark", str(cohort), "--framework", "becta-srf@2008", "-o", str(out)]
    result = runner.invoke(cli, asked)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for --framework: no framework `becta-srf@2008` is available "
        "(available versions: 2010)"
    )
    assert "Traceback" not in result.output
    assert not out.exists()
    assert cohort.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.parquet"]
    shown = runner.invoke(cli, ["benchmark", str(cohort), "--framework", "becta-srf@2010"])
    assert shown.exit_code == 0, shown.output
