"""The hypothesis profiles of tests/conftest.py and `scaled`: how deep each profile looks,
checked in a fresh process as the README's commands start one."""

from __future__ import annotations

import ast
import json
import os
from pathlib import Path

import pytest

from program import decoded, python

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
#: Loads conftest.py as pytest would, then reports the active settings and `scaled`.
REPORT = """
import json, runpy
runpy.run_path("conftest.py")
from hypothesis import HealthCheck, settings
from scaled import scaled
active = settings()
print(json.dumps({
    "max_examples": active.max_examples,
    "deadline": active.deadline,
    "derandomize": active.derandomize,
    "print_blob": active.print_blob,
    "too_slow_suppressed": HealthCheck.too_slow in active.suppress_health_check,
    "scaled": [scaled(40), scaled(150), scaled(1)],
}))
"""


def active(profile: str | None) -> dict[str, object]:
    """The settings a test process starts with, under $HYPOTHESIS_PROFILE (or none), on CI."""
    env = {k: v for k, v in os.environ.items() if k != "HYPOTHESIS_PROFILE"}
    env["CI"] = "true"  # hypothesis loads its own `ci` profile then; ours must win
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS), env.get("PYTHONPATH", "")])
    if profile:
        env["HYPOTHESIS_PROFILE"] = profile
    done = decoded(python(["-c", REPORT], cwd=TESTS, env=env))
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


@pytest.mark.parametrize(
    ("profile", "examples", "scaled"),
    [
        (None, 100, [40, 150, 1]),  # the README's command: `ci`
        ("ci", 100, [40, 150, 1]),
        ("deep", 1000, [400, 1500, 10]),
        ("dev", 20, [8, 30, 1]),
    ],
)
def test_each_profile_runs_its_share_of_every_tests_examples(
    profile: str | None, examples: int, scaled: list[int]
) -> None:
    """A count written with `scaled` is CI's; `deep` runs ten times it, `dev` a fifth, and
    never fewer than one example. No profile has a deadline or a fixed random start."""
    assert active(profile) == {
        "max_examples": examples,
        "deadline": None,
        "derandomize": False,
        "print_blob": True,
        "too_slow_suppressed": True,
        "scaled": scaled,
    }


def test_an_unknown_profile_is_refused_by_name() -> None:
    with pytest.raises(AssertionError, match="deeep"):
        active("deeep")


def test_no_test_fixes_its_count_of_examples_past_the_profiles() -> None:
    """Every `max_examples=` in the suite goes through `scaled` or the profile's own count
    (`settings().max_examples`): a bare number would ignore `deep` and `dev`."""
    fixed = [
        f"{path.relative_to(ROOT)}:{node.value.lineno}"
        for path in [*TESTS.rglob("*.py"), *ROOT.glob("plugins/*/tests/*.py")]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.keyword)
        and node.arg == "max_examples"
        and isinstance(node.value, ast.Constant)
    ]
    assert fixed == []
