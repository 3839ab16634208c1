"""An assessment of a framework version no one has given is refused with a hint that,
followed, works: `migrate --to ID@NEW` needs the review's own version to read it by, and the
hint names it and the option that gives it. Round 80: the hint said "`selfreview migrate
--to becta-srf@2010` carries it to that version", and that command, run as written, was
refused in the very same words, hint and all, exit 1: a new user went round in a circle."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from selfreview_core.cli import cli

MIGRATION = Path(__file__).resolve().parents[2] / "examples" / "migration"
REVIEW = MIGRATION / "example-school-v1.yaml"
OLD = MIGRATION / "example-srf-1.yaml"
NEW = MIGRATION / "example-srf-2.yaml"
PAIRING = MIGRATION / "example-srf-1-to-2.yaml"


def _migrate(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["migrate", str(REVIEW), "--to", "example-srf@2", *args])
    return result.exit_code, result.stdout, result.stderr


def test_the_hint_names_the_version_migrate_needs_and_following_it_carries_the_review() -> None:
    code, out, err = _migrate("--framework", str(NEW))
    assert code == 1
    assert out == ""
    assert err.splitlines()[0] == (
        f"{REVIEW}:5:12: error: framework: assessment is of version 1, but example-srf is "
        "version 2 (`selfreview migrate --to example-srf@2` carries it to that version, given "
        "the framework of version 1 by `--framework FILE` where no plugin provides it)"
    )
    # The hint followed: the framework of version 1 given, the refusal is another, the next
    # step (a migration), said as the command's own.
    code, out, err = _migrate("--framework", str(NEW), "--framework", str(OLD))
    assert code == 1
    assert "assessment is of version" not in err
    assert "give a migration file (`kind: migration`) with --migration" in err
    code, out, err = _migrate(
        "--framework", str(NEW), "--framework", str(OLD), "--migration", str(PAIRING)
    )
    assert code == 0, err
    assert "framework: example-srf@2" in out


def test_a_rule_pack_of_another_version_gets_no_hint_to_migrate(tmp_path: Path) -> None:
    """A rule pack of another version has no hint: it cannot be migrated."""
    pack = tmp_path / "pack.yaml"
    pack.write_text("kind: rules\nid: p\nframework: example-srf@1\nrules: []\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["validate", "--framework", str(NEW), str(pack)], prog_name="selfreview"
    )
    assert result.exit_code == 1
    assert result.output == (
        f"{pack}:3:12: error: framework: rule pack is of version 1, but example-srf is "
        "version 2\n1 file checked: 0 valid, 1 invalid (1 error)\n"
    )
