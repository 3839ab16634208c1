"""`voices` and `combine` load plugins (for the frameworks they provide), so misbehaving
plugins must not break them and `--disable` / `SELFREVIEW_DISABLE` must leave them out, as on
every other command (SPEC section 4)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

# The hostile plugins, installed as entry points for this module too (fixtures by import).
from isolation.test_plugin_isolation import (  # noqa: F401 - fixtures are found by name
    ROOT,
    _installed,
    hostile_site,
    run,
)

RESPONDENTS = str(ROOT / "examples" / "respondents")
BAD = "hostile-exits-at-import"


@pytest.mark.parametrize(
    "args",
    [
        ("voices", RESPONDENTS, "--format", "json"),
        ("combine", RESPONDENTS, "-o", "-"),
        ("report", str(ROOT / "examples" / "example-primary-2026.yaml"), "--voices", RESPONDENTS),
    ],
    ids=["voices", "combine", "report-voices"],
)
def test_disable_and_the_environment_leave_a_plugin_out(args: tuple[str, ...]) -> None:
    with_it = run(*args)
    assert with_it.exit_code == 0, with_it.output
    assert BAD in with_it.stderr
    for result in (run(*args, "--disable", BAD), run(*args, env={"SELFREVIEW_DISABLE": BAD})):
        assert result.exit_code == 0, result.output
        assert BAD not in result.stderr + result.stdout
        if args[0] != "report":  # a report lists its plugins' problems; the others do not
            assert result.stdout == with_it.stdout


def test_misbehaving_plugins_do_not_change_the_comparison(tmp_path: Path) -> None:
    found = json.loads(run("voices", RESPONDENTS, "--format", "json").stdout)
    assert found["respondents"] == 23
    assert [s["strand"] for s in found["strands"] if s["disagreement"]] == ["1b5", "1c3"]
