"""A name to disable that no plugin has (`disabled_names`): the warning names the plugin
most likely meant, a name drawn like it included, and nothing is disabled on a guess."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from program import selfreview
from selfreview_core import Engine

BUILT_INS = ["bundled-frameworks", "next-steps", "standard-exporters"]


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("next\u02d7steps", "U+02D7 MODIFIER LETTER MINUS SIGN"),
        ("Next\u2796Steps", "U+2796 HEAVY MINUS SIGN"),
        ("next\u2cbasteps", "U+2CBA COPTIC CAPITAL LETTER DIALECT-P NI"),
        ("next\u00adsteps", "U+00AD SOFT HYPHEN"),
        ("ne\u0445t-steps", "U+0445 CYRILLIC SMALL LETTER HA"),
    ],
)
def test_a_name_drawn_like_a_plugins_is_named_with_the_character_that_differs(
    name: str, hint: str
) -> None:
    """Before round 67 a dash confusables.txt reads as `-` (U+02D7, U+2796, ...) was found by
    spelling alone: `did you mean `next-steps`?`, the character that differs unnamed,
    where a Cyrillic letter or U+2010 was named."""
    engine = Engine(entry_points=False, disable=[name])
    assert [(p.source, p.message, p.severity) for p in engine.problems] == [
        (
            "engine",
            f"no plugin named `{name}` to disable (did you mean `next-steps`? What was typed "
            f"holds {hint})",
            "warning",
        )
    ]
    assert [p.name for p in engine.plugins()] == BUILT_INS  # nothing disabled on a guess


def test_a_name_like_none_still_gets_the_closest_by_spelling() -> None:
    engine = Engine(entry_points=False, disable=["n\u00e9xt-stepz"])
    assert [p.message for p in engine.problems] == [
        "no plugin named `n\u00e9xt-stepz` to disable (did you mean `next-steps`?)"
    ]


def test_the_small_coptic_ni_is_no_hyphen_and_is_hinted_by_spelling() -> None:
    """Round 68's pass: `next` U+2CBB `steps` was said to hold a look-alike of the hyphen,
    U+2CBB named, as its capital U+2CBA is; Unicode's confusables map the capital alone to
    `-`. The closest by spelling is hinted, and nothing is disabled on a guess."""
    engine = Engine(entry_points=False, disable=["next\u2cbbsteps"])
    assert [(p.message, p.severity) for p in engine.problems] == [
        ("no plugin named `next\u2cbbsteps` to disable (did you mean `next-steps`?)", "warning")
    ]
    assert [p.name for p in engine.plugins()] == BUILT_INS


def test_a_name_holding_a_line_end_is_named_on_one_line(root: Path) -> None:
    """Round 68's pass: `--disable $'lea-support\\n'` (a name pasted with its line end) was
    named with the line end raw, and the warning, split at it, read "no plugin named
    `lea-support" then "  ` to disable (...)". The name is on the warning's one line, its
    line end shown; the report is made, every plugin in it."""
    from click.testing import CliRunner

    from selfreview_core.cli import cli

    example = root / "examples" / "example-primary-2026.yaml"
    args = ["report", str(example), "--format", "json", "--disable", "lea-support\n"]
    result = CliRunner().invoke(cli, args, env={"SELFREVIEW_DISABLE": ""})
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "warning: no plugin named `lea-support\\n` to disable (did you mean `lea-support`?)\n"
    )
    report = json.loads(result.stdout)
    assert {"next-steps", "lea-support"} <= {r["source"] for r in report["recommendations"]}


def test_disable_with_a_modifier_minus_on_the_command_line_names_it_and_loses_nothing(
    root: Path,
) -> None:
    env = dict(os.environ)
    env.pop("SELFREVIEW_DISABLE", None)
    example = root / "examples" / "example-primary-2026.yaml"
    args = ["report", str(example), "--format", "json", "--disable", "lea\u02d7support"]
    result = selfreview(args, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr.decode() == (
        "warning: no plugin named `lea\u02d7support` to disable (did you mean `lea-support`? "
        "What was typed holds U+02D7 MODIFIER LETTER MINUS SIGN)\n"
    )
    report = json.loads(result.stdout)
    assert {"next-steps", "lea-support"} <= {r["source"] for r in report["recommendations"]}
