"""`selfreview validate` gives one key one name and one place (round 45, second pass):

- a text key of digits (`"7":`) is `judgements.7` in the reader's problems as in
  validation's (the reader said `judgements[7]`, a list's place, in YAML and JSON alike);
- a text key and a key that is not text written alike (`"True":` and `true:`, `"1.5":` and
  `1.5:`, `"5":` and `5:`) each have their own line (the second was placed at the first);
- a very long key is cut as a value is (its first 37 characters and `...`), in the path and
  the message (it was printed whole, twice: 20 kB on one line for a 10,000-character key);
- an empty key is "an empty key" (it was "unknown key ``" and "`` is not a strand");
- JSON's `"<<"` is only a key: no hint at YAML's merge keys.

Each test checks the whole output, the summary and the exit code: nothing else is lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from cli.test_validate_keys import _TEXT
from program import selfreview_here

_HEAD = _TEXT.split("  true: 3\n")[0]  # a review of one strand judged, keys to follow
_JSON_HEAD = (
    '{"kind": "assessment", "framework": "becta-srf", "school": {"id": "1", "name": "S"},\n'
    ' "assessed_on": "2026-01-01", "judgements": {"1a1": 3,\n'
)
_KEYS = "(expected one of: `kind`, `framework`, `school`, `respondent`, `assessed_on`, " + (
    "`assessor`, `judgements`, `review`)"
)


def _validate(tmp_path: Path, files: dict[str, str], errors: int) -> list[str]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = selfreview_here(["validate", *files], cwd=tmp_path)
    assert result.returncode == 1
    count = len(files)
    summary = f"{count} file{'s' if count > 1 else ''} checked: 0 valid, {count} invalid"
    assert result.stderr.decode() == f"{summary} ({errors} errors)\n"
    return result.stdout.decode().splitlines()


def test_a_text_key_of_digits_has_one_name_in_the_readers_problems_and_validations(
    tmp_path: Path,
) -> None:
    files = {
        "a.yaml": _HEAD + '  "7": {level: 1, level: 2}\n',
        "a.json": _JSON_HEAD + ' "7": {"level": 1, "level": 2}}}\n',
    }
    assert _validate(tmp_path, files, 4) == [
        "a.yaml:7:3: error: judgements.7: `7` is not a strand of becta-srf@2010",
        "a.yaml:7:19: error: judgements.7: duplicate key `level` (first at line 7) "
        "(each key may appear once in a mapping)",
        "a.json:3:2: error: judgements.7: `7` is not a strand of becta-srf@2010",
        "a.json:3:20: error: judgements.7: duplicate key `level` "
        "(each key may appear once in an object)",
    ]


def test_a_whole_number_key_is_named_as_a_strands_levels_are_and_text_digits_as_text(
    tmp_path: Path,
) -> None:
    """SPEC's `levels[5]` for YAML's `5:`; JSON's `"5"` is text, `levels.5`, in the reader's
    problems as in validation's."""
    strand = "elements[0].aspects[0].strands[0].levels"
    framework = Path(__file__).resolve().parents[2] / "examples/migration/example-srf-1.yaml"
    text = framework.read_text(encoding="utf-8")
    vision = "2: Senior leaders are writing a vision for ICT."
    assert vision in text
    data = json.loads(json.dumps(yaml.safe_load(text)))  # keys as JSON's text
    written = json.dumps(data, indent=1).replace(
        '"2": "Senior leaders are writing a vision for ICT."', '"2": {"a": 1, "a": 2}'
    )
    files = {"f.yaml": text.replace(vision, "2: {a: 1, a: 2}"), "f.json": written}
    assert _validate(tmp_path, files, 4) == [
        f"f.yaml:23:18: error: {strand}[2]: expected text, got a mapping",
        f"f.yaml:23:25: error: {strand}[2]: duplicate key `a` (first at line 23) "
        "(each key may appear once in a mapping)",
        f"f.json:32:14: error: {strand}.2: expected text, got a mapping",
        f"f.json:32:23: error: {strand}.2: duplicate key `a` "
        "(each key may appear once in an object)",
    ]


@pytest.mark.parametrize("text_first", [True, False])
def test_a_text_key_and_a_key_that_is_not_text_written_alike_each_have_their_place(
    tmp_path: Path, text_first: bool
) -> None:
    pairs = [('"True"', "true"), ('"1.5"', "1.5"), ('"5"', "5")]
    lines = [f"  {a}: 3\n  {b}: 3\n" if text_first else f"  {b}: 3\n  {a}: 3\n" for a, b in pairs]
    got = _validate(tmp_path, {"a.yaml": _HEAD + "".join(lines)}, 6)
    text = {
        '"True"': "judgements.True: `True` is not a strand of becta-srf@2010",
        "true": "judgements[true]: expected a text key (an id), got `true`",
        '"1.5"': 'judgements["1.5"]: `1.5` is not a strand of becta-srf@2010 (did you mean `1b5`?)',
        "1.5": "judgements[1.5]: expected a text key (an id), got the number 1.5",
        '"5"': "judgements.5: `5` is not a strand of becta-srf@2010",
        "5": "judgements[5]: expected a text key (an id), got the number 5 "
        '(write it in quotes: "5")',
    }
    order = [k for a, b in pairs for k in ((a, b) if text_first else (b, a))]
    assert got == [f"a.yaml:{7 + n}:3: error: {text[key]}" for n, key in enumerate(order)]


def test_a_problem_below_a_text_key_is_placed_under_it_not_under_its_look_alike(
    tmp_path: Path,
) -> None:
    text = _HEAD + '  5: {level: 1}\n  "5": {level: x}\n  true: 2\n  "True": {level: y}\n'
    got = _validate(tmp_path, {"a.yaml": text}, 6)
    assert got[1] == "a.yaml:8:3: error: judgements.5: `5` is not a strand of becta-srf@2010"
    assert (
        got[2]
        == "a.yaml:8:16: error: judgements.5.level: expected a whole number, got the text `x`"
    )
    assert got[4] == "a.yaml:10:3: error: judgements.True: `True` is not a strand of becta-srf@2010"
    assert got[5] == (
        "a.yaml:10:19: error: judgements.True.level: expected a whole number, got the text `y`"
    )


def test_a_very_long_key_is_cut_as_a_value_is_and_placed_at_itself(tmp_path: Path) -> None:
    strand, top = "k" * 10_000, "x" * 10_000
    yaml_text = _HEAD + f"  ? {strand}\n  : 3\n? {top}\n: 1\n"
    data = {"kind": "assessment", "framework": "becta-srf", "school": {"id": "1", "name": "S"}}
    json_text = json.dumps(data | {"assessed_on": "2026-01-01", "judgements": {strand: 3}, top: 1})
    got = _validate(tmp_path, {"a.yaml": yaml_text, "a.json": json_text}, 4)
    k, x = "k" * 37 + "...", "x" * 37 + "..."
    quoted = json.dumps
    assert got == [
        f'a.yaml:7:5: error: judgements["{k}"]: `{k}` is not a strand of becta-srf@2010',
        f'a.yaml:9:3: error: ["{x}"]: unknown key `{x}` {_KEYS}',
        f'a.json:1:{json_text.index(quoted(strand)) + 1}: error: judgements["{k}"]: '
        f"`{k}` is not a strand of becta-srf@2010",
        f'a.json:1:{json_text.index(quoted(top)) + 1}: error: ["{x}"]: unknown key `{x}` {_KEYS}',
    ]


def test_a_long_number_as_a_key_is_cut_as_a_value_is(tmp_path: Path) -> None:
    """In the hint to quote it too (round 46: the hint gave the key's 100 digits whole)."""
    got = _validate(tmp_path, {"a.yaml": _HEAD + f"  {'1' * 100}: 3\n  1.{'0' * 300}1: x\n"}, 3)
    assert got == [
        f"a.yaml:7:3: error: judgements[{'1' * 37}...]: expected a text key (an id), "
        f'got the number {"1" * 37}... (write it in quotes: "{"1" * 37}...")',
        f"a.yaml:8:3: error: judgements[1.{'0' * 35}...]: expected a text key (an id), "
        f"got the number 1.{'0' * 35}...",  # as read, `1.0`, before round 48
        f"a.yaml:8:308: error: judgements[1.{'0' * 35}...]: expected a level or a mapping "
        "with `level`, got the text `x`",
    ]


def test_a_long_duplicated_key_is_cut_in_the_readers_message(tmp_path: Path) -> None:
    long = "a" * 5_000
    json_text = _JSON_HEAD + f' "1a2": {{"{long}": 1, "{long}": 2}}}}}}\n'
    files = {"a.yaml": _HEAD + f"  1a2: {{? {long}: 1, ? {long}: 2}}\n", "a.json": json_text}
    got = _validate(tmp_path, files, 4)
    cut = "a" * 37 + "..."
    second = json_text.rindex(f'"{long}"') - json_text.index(' "1a2"') + 1
    known = "(expected one of: `level`, `answers`, `applicable`, `evidence`, `judged_on`)"
    assert got == [
        f'a.yaml:7:11: error: judgements.1a2["{cut}"]: unknown key `{cut}` {known}',
        f"a.yaml:7:{11 + 5_007}: error: judgements.1a2: duplicate key `{cut}` (first at line 7) "
        "(each key may appear once in a mapping)",
        f'a.json:3:10: error: judgements.1a2["{cut}"]: unknown key `{cut}` {known}',
        f"a.json:3:{second}: error: judgements.1a2: duplicate key `{cut}` "
        "(each key may appear once in an object)",
    ]


def test_an_empty_key_is_said_to_be_empty(tmp_path: Path) -> None:
    files = {
        "a.yaml": _HEAD + '  "": 3\n  "": 2\n"": 1\n',
        "a.json": _JSON_HEAD + ' "": 3, "": 2},\n "": 1}\n',
    }
    assert _validate(tmp_path, files, 6) == [
        'a.yaml:7:3: error: judgements[""]: an empty key is not a strand of becta-srf@2010',
        "a.yaml:8:3: error: judgements: duplicate key: an empty key (first at line 7) "
        "(each key may appear once in a mapping)",
        f'a.yaml:9:1: error: [""]: unknown key: an empty key {_KEYS}',
        'a.json:3:2: error: judgements[""]: an empty key is not a strand of becta-srf@2010',
        "a.json:3:9: error: judgements: duplicate key: an empty key "
        "(each key may appear once in an object)",
        f'a.json:4:2: error: [""]: unknown key: an empty key {_KEYS}',
    ]


def test_json_is_not_told_about_yamls_merge_keys(tmp_path: Path) -> None:
    framework = Path(__file__).resolve().parents[1] / "data" / "good" / "tiny-framework.yaml"
    files = {
        "a.yaml": _HEAD + "  <<: 3\n<<: 1\n",
        "a.json": _JSON_HEAD + ' "<<": 3},\n "<<": 1}\n',
        "f.json": json.dumps(
            json.loads(json.dumps(yaml.safe_load(framework.read_text("utf-8"))))
        ).replace('"3": "All."', '"3": "All.", "<<": "x"', 1),
    }
    merge = "(YAML's merge keys are not read here: write the keys out in full)"
    got = _validate(tmp_path, files, 5)
    assert got[:2] == [
        f'a.yaml:7:3: error: judgements["<<"]: `<<` is not a strand of becta-srf@2010 {merge}',
        f'a.yaml:8:1: error: ["<<"]: unknown key `<<` {merge}',
    ]
    assert got[2:4] == [
        'a.json:3:2: error: judgements["<<"]: `<<` is not a strand of becta-srf@2010',
        f'a.json:4:2: error: ["<<"]: unknown key `<<` {_KEYS}',
    ]
    assert "expected a whole-number key, got the text `<<`" in got[4]
    assert got[4].startswith("f.json:1:")
    assert "merge" not in got[4]


_TINY = Path(__file__).resolve().parents[1] / "data" / "good" / "tiny-framework.yaml"
_STRAND = "elements[0].aspects[0].strands[1].levels"


def test_a_level_outside_the_scale_is_placed_and_named_at_its_own_key(tmp_path: Path) -> None:
    """Round 46: each level key outside the scale at itself, named as written. Before, the
    check named the level by its number: YAML's `"7":` was placed at a `7:` beside it (and
    said once for the two), `"09":` and `0x8:` at the strand's first level, `levels[9]`.
    Since round 49 the message names a number key as written too (`level 0x8`)."""
    text = _TINY.read_text(encoding="utf-8")
    second = "levels: {0: None yet., 1: Some., 2: Most., 3: All.}\n"
    assert text.endswith(second)
    levels = ["0: n", "1: s", "2: m", "3: a", '"7": a', '"09": b', "0x8: c", "7: d"]
    files = {
        "f.yaml": text.removesuffix(second)
        + "levels:\n"
        + "".join(f"{' ' * 14}{k}\n" for k in levels)
    }
    data = json.loads(json.dumps(yaml.safe_load(text)))
    data["elements"][0]["aspects"][0]["strands"][1]["levels"].update({"7": "a", "09": "b"})
    files["f.json"] = json.dumps(data, indent=1)
    json_line = files["f.json"][: files["f.json"].index('"7": "a"')].count("\n") + 1
    outside = "is outside the scale 3 (best) .. 0 (worst)"
    twice = '`"7"` and `7` name the same level (give each level once)'
    assert _validate(tmp_path, files, 7) == [
        f"f.yaml:24:15: error: {_STRAND}.7: level 7 {outside}",
        f"f.yaml:25:15: error: {_STRAND}.09: level 9 {outside}",
        f"f.yaml:26:15: error: {_STRAND}[0x8]: level 0x8 {outside}",
        f"f.yaml:27:15: error: {_STRAND}[7]: level 7 is given twice: {twice}",
        f"f.yaml:27:15: error: {_STRAND}[7]: level 7 {outside}",
        f"f.json:{json_line}:9: error: {_STRAND}.7: level 7 {outside}",
        f"f.json:{json_line + 1}:9: error: {_STRAND}.09: level 9 {outside}",
    ]


def test_an_empty_id_kind_or_value_is_said_to_be_empty(tmp_path: Path) -> None:
    """Round 46: "`` is not a strand", "unknown kind ``", "got the text ``" and "duplicate
    rule id ``" (an empty id already refused as empty) showed nothing in backticks."""
    rules = (
        "kind: rules\nid: p\nframework: becta-srf\nrules:\n"
        '  - id: ""\n    when: {strand: ""}\n'
        '    recommend: {title: T, action: A, targets: [""]}\n'
        '  - id: ""\n    when: {strand: 1b1, level: 4}\n    recommend: {title: T, action: A}\n'
    )
    files = {"k.yaml": 'kind: ""\n', "r.yaml": rules, "a.yaml": _HEAD + '  1a2: {level: ""}\n'}
    empty = "must not be empty"
    assert _validate(tmp_path, files, 8) == [
        "k.yaml:1:7: error: kind: unknown kind: an empty name "
        "(one of: framework, assessment, rules, migration, plan)",
        f"r.yaml:5:9: error: rules[0].id: {empty}",
        "r.yaml:6:20: error: rules[0].when.strand: an empty id is not a strand of becta-srf@2010",
        f"r.yaml:6:20: error: rules[0].when.strand: {empty}",
        "r.yaml:7:48: error: rules[0].recommend.targets[0]: an empty id is not an element, "
        "aspect or strand of becta-srf@2010",
        f"r.yaml:7:48: error: rules[0].recommend.targets[0]: {empty}",
        f"r.yaml:8:9: error: rules[1].id: {empty}",
        "a.yaml:7:16: error: judgements.1a2.level: expected a whole number, got empty text",
    ]
