"""`selfreview validate` names a key that is not text as the file writes it, at its own line
and column, with every other problem of the file kept and the exit code 1 (round 45: it
printed `judgements[1]` for `true:`, placed at the line above, and `judgements.None`)."""

from __future__ import annotations

from pathlib import Path

from program import selfreview

ROOT = Path(__file__).resolve().parents[2]

_TEXT = """\
kind: assessment
framework: becta-srf
school: {id: '1', name: S}
assessed_on: 2026-01-01
judgements:
  1a1: 3
  true: 3
  ~: 2
  0o12: {level: x}
  1a2: 9
true: x
"""


def test_validate_names_each_key_that_is_not_text_as_written(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(_TEXT, encoding="utf-8")
    result = selfreview(["validate", "a.yaml"], cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.decode() == "1 file checked: 0 valid, 1 invalid (6 errors)\n"
    assert result.stdout.decode().splitlines() == [
        "a.yaml:7:3: error: judgements[true]: expected a text key (an id), got `true`",
        "a.yaml:8:3: error: judgements[~]: expected a text key (an id), got nothing (null)",
        "a.yaml:9:3: error: judgements[0o12]: expected a text key (an id), got the number 10 "
        '(write it in quotes: "0o12")',
        "a.yaml:9:17: error: judgements[0o12].level: expected a whole number, got the text `x`",
        "a.yaml:10:8: error: judgements.1a2: level 9 is outside the scale 1 (best) .. 5 (worst)",
        "a.yaml:11:1: error: [true]: unknown key `true` (expected one of: `kind`, `framework`, "
        "`school`, `respondent`, `assessed_on`, `assessor`, `judgements`, `review`)",
    ]


def test_validate_json_names_text_keys_as_before(tmp_path: Path) -> None:
    """JSON's keys are all text: `"true"` is the key `true`, named `judgements.true`."""
    text = (
        '{"kind": "assessment", "framework": "becta-srf", "school": {"id": "1", "name": "S"},\n'
        ' "assessed_on": "2026-01-01", "judgements": {"true": "x", "1.5": "x"}}\n'
    )
    (tmp_path / "a.json").write_text(text, encoding="utf-8")
    result = selfreview(["validate", "a.json"], cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.decode().splitlines() == [
        "a.json:2:46: error: judgements.true: `true` is not a strand of becta-srf@2010",
        "a.json:2:54: error: judgements.true: expected a level or a mapping with `level`, "
        "got the text `x`",
        'a.json:2:59: error: judgements["1.5"]: `1.5` is not a strand of becta-srf@2010 '
        "(did you mean `1b5`?)",
        'a.json:2:66: error: judgements["1.5"]: expected a level or a mapping with `level`, '
        "got the text `x`",
    ]


def test_validate_says_a_merge_key_is_not_read_wherever_it_is_a_key(tmp_path: Path) -> None:
    """Among the judgements and among a strand's levels too, not only among named keys
    (before round 45: "`<<` is not a strand" and "expected a whole-number key", no more)."""
    text = _TEXT.replace("  true: 3\n  ~: 2\n  0o12: {level: x}\n  1a2: 9\ntrue: x\n", "")
    (tmp_path / "a.yaml").write_text(text + "  <<: {1a2: 3}\n", encoding="utf-8")
    framework = (ROOT / "tests" / "data" / "good" / "tiny-framework.yaml").read_text("utf-8")
    (tmp_path / "f.yaml").write_text(framework.replace("3: All.}", "3: All., <<: {}}"), "utf-8")
    result = selfreview(["validate", "a.yaml", "f.yaml"], cwd=tmp_path)
    assert result.returncode == 1
    merge = "(YAML's merge keys are not read here: write the keys out in full)"
    lines = result.stdout.decode().splitlines()
    assert (
        lines[0]
        == f'a.yaml:7:3: error: judgements["<<"]: `<<` is not a strand of becta-srf@2010 {merge}'
    )
    assert lines[1].startswith('a.yaml:7:8: error: judgements["<<"].1a2: unknown key `1a2`')
    levels = "f.yaml:16:65: error: elements[0].aspects[0].strands[0].levels"
    assert f'{levels}["<<"]: expected a whole-number key, got the text `<<` {merge}' in lines
