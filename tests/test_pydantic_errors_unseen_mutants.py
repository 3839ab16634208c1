"""A key of a mapping of ids that prints as nothing (a word joiner U+2060 as the id of a
judgement's answer): a mutation pass (round 71) found no test of `pydantic_errors`' words
for it. It is told as an empty key is ("an empty key is not a valid id"), with what it
holds, at the key; never "is not a valid id (ids have no spaces and no `@`)", which is
about text that holds a space or an `@`, and this holds neither."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ROOT / "examples" / "questions" / "technology-standards.yaml"
REVIEW = (
    '{"kind": "assessment", "framework": "example-tech-standards",\n'
    ' "school": {"id": "1", "name": "S"}, "assessed_on": "2026-01-01",\n'
    ' "judgements": {"L-G-1": {"answers": {"KEY": "yes"}}}}\n'
)


def test_an_answer_key_that_prints_as_nothing_is_told_as_an_empty_key(tmp_path: Path) -> None:
    bad = tmp_path / "a.json"
    bad.write_text(REVIEW.replace("KEY", "\\u2060"), encoding="utf-8")
    good = tmp_path / "b.json"
    good.write_text(REVIEW.replace("KEY", "L-G-1-a"), encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["validate", "--framework", str(QUESTIONS), str(bad), str(good)],
        catch_exceptions=False,
    )
    assert result.exit_code == 1
    where = f'{bad}:3:39: error: judgements.L-G-1.answers["\\u2060"]'
    assert result.stdout.splitlines() == [
        f"{where}: `\\u2060` is not a question of `L-G-1` (its questions: L-G-1-a, L-G-1-b, "
        "L-G-1-c)",
        f"{where}: an empty key is not a valid id (the text `\\u2060` holds only characters "
        "that print as nothing)",
        f"{good}: ok: assessment of example-tech-standards for S (1) on 2026-01-01: 1 of 8 "
        "strands judged",
    ]
    assert result.stderr == "2 files checked: 1 valid, 1 invalid (2 errors)\n"
