"""`selfreview validate` names a key that is not text as the file writes it, at its own line
and column, with every other problem of the file kept and the exit code 1 (round 45: it
printed `judgements[1]` for `true:`, placed at the line above, and `judgements.None`)."""

from __future__ import annotations

from pathlib import Path

from program import selfreview_here

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
    result = selfreview_here(["validate", "a.yaml"], cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.decode() == "1 file checked: 0 valid, 1 invalid (6 errors)\n"
    assert result.stdout.decode().splitlines() == [
        "a.yaml:7:3: error: judgements[true]: expected a text key (an id), got `true`",
        "a.yaml:8:3: error: judgements[~]: expected a text key (an id), got nothing (null)",
        "a.yaml:9:3: error: judgements[0o12]: expected a text key (an id), got the number 0o12 "
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
    result = selfreview_here(["validate", "a.json"], cwd=tmp_path)
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
    result = selfreview_here(["validate", "a.yaml", "f.yaml"], cwd=tmp_path)
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


def test_validate_says_an_id_key_with_a_space_an_at_or_nothing_is_not_a_valid_id(
    tmp_path: Path,
) -> None:
    """An answer set's name, a question's id among a judgement's answers and a migration's
    strand are ids: a key with a space or `@`, or an empty one, is "not a valid id" (before
    round 47: "expected a whole-number key", which is said of a strand's levels only), at
    the key, with every other problem and file kept and the exit code 1."""
    framework = (ROOT / "examples" / "questions" / "technology-standards.yaml").read_text("utf-8")
    assert framework.count("  yes-no:\n") == 1
    (tmp_path / "f.yaml").write_text(
        framework.replace(
            "  yes-no:\n", '  "yes no":\n    - {id: a, text: A, value: 1}\n  yes-no:\n'
        ).replace("  extent:\n", '  "":\n    - {id: a, text: A, value: 1}\n  extent:\n'),
        "utf-8",
    )
    (tmp_path / "a.json").write_text(
        '{"kind": "assessment", "framework": "example-tech-standards",\n'
        ' "school": {"id": "1", "name": "S"}, "assessed_on": "2026-01-01",\n'
        ' "judgements": {"L-G-1": {"answers": {"L-G-1@a": "yes", "": "yes"}}}}\n',
        "utf-8",
    )
    (tmp_path / "m.yaml").write_text(
        "kind: migration\nfrom: becta-srf@2010\nto: becta-srf@2010\n"
        'strands: {"1a 1": 1a1, 1a2: 1a2}\n',
        "utf-8",
    )
    (tmp_path / "ok.yaml").write_text(_TEXT.split("  true: 3")[0], "utf-8")
    questions = str(ROOT / "examples" / "questions" / "technology-standards.yaml")
    files = ["f.yaml", "a.json", "m.yaml", "ok.yaml"]
    result = selfreview_here(["validate", "--framework", questions, *files], cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.decode() == "4 files checked: 1 valid, 3 invalid (10 errors)\n"
    lines = result.stdout.decode().splitlines()
    spaces = "(ids have no spaces and no `@`)"
    answers = "judgements.L-G-1.answers"
    assert [line for line in lines if "valid id" in line] == [
        'f.yaml:20:3: error: answer_sets[""]: an empty key is not a valid id',
        f'f.yaml:27:3: error: answer_sets["yes no"]: the text `yes no` is not a valid id {spaces}',
        f'a.json:3:39: error: {answers}["L-G-1@a"]: the text `L-G-1@a` is not a valid id {spaces}',
        f'a.json:3:57: error: {answers}[""]: an empty key is not a valid id',
        f'm.yaml:4:11: error: strands["1a 1"]: the text `1a 1` is not a valid id {spaces}',
    ]
    assert not [line for line in lines if "whole-number" in line]
    assert f'a.json:3:39: error: {answers}["L-G-1@a"]: `L-G-1@a` is not a question' in "\n".join(
        lines
    )
    assert lines[-1] == (
        "ok.yaml: ok: assessment of becta-srf for S (1) on 2026-01-01: 1 of 12 strands judged"
    )
