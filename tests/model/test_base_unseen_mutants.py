"""`model.base.unseen_hint` (round 70) on an id of marks alone: a mutation pass (round 71)
found no test of the hint without its tail. An id of nothing but marks on nothing holds no
character that prints as nothing, so the hint names the first mark and says no more; only
an id that holds such characters beside the marks is told it holds those too."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from selfreview_core.cli import cli
from selfreview_core.model.base import unseen_hint, unseen_only

ROOT = Path(__file__).resolve().parents[2]
REVIEW = ROOT / "examples" / "example-primary-2026.yaml"


def test_marks_alone_are_named_without_saying_they_hold_anything_else() -> None:
    assert unseen_only("\u0301\u0300")
    assert unseen_hint("\u0301\u0300", "x") == ("the text holds only marks on nothing, here U+0301")
    assert unseen_hint("\u20dd\u200b", "x") == (
        "the text holds only marks on nothing, here U+20DD, and characters that print as nothing"
    )


def test_validate_tells_a_school_id_of_two_marks_only_what_it_holds(tmp_path: Path) -> None:
    text = REVIEW.read_text(encoding="utf-8")
    old = 'id: "100000"'
    at = text.index(old)
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace(old, 'id: "\\u0301\\u0300"'), encoding="utf-8")
    good = tmp_path / "good.yaml"
    good.write_text(text, encoding="utf-8")
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at) + 4
    result = CliRunner().invoke(cli, ["validate", str(bad), str(good)], catch_exceptions=False)
    assert result.exit_code == 1
    error, ok = result.stdout.splitlines()
    assert error == (
        f"{bad}:{line}:{column}: error: school.id: must not be empty (the text holds only "
        "marks on nothing, here U+0301)"
    )
    assert ok.startswith(f"{good}: ok: ")
    assert result.stderr == "2 files checked: 1 valid, 1 invalid (1 error)\n"
