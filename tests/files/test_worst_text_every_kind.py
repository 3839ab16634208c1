"""The kinds of file round 79 did not feed, fed the worst text (round 80): a plan
(`plan --status`), a migration (`migrate --migration`), a rule pack (`report --rules`), a
respondent's YAML and JSON Lines (`voices`, `combine`), a session file (`assess -o`) and
`selfreview.toml`. Each is refused at the file, line and column of what is wrong, with the
document's path where there is one, escaped and cut, exit 1, no traceback, nothing written,
the file as it was. Found so already (a pin: each was seen to hold before the round's
changes); the cohort's Parquet refusals, found wanting, are tests/cohort/test_long_ids_cut.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
PLAN = """\
kind: plan
framework: becta-srf@2010
school: {id: '100000', name: Example Primary School}
created_on: 2025-10-20
actions:
- id: ID
  recommendation: one
  title: Do a thing
  targets: [1a2]
  owner: OWNER
  status: planned
"""
MIGRATION = """\
kind: migration
id: one-to-two
from: example-srf@1
to: example-srf@2
strands:
  1a1: 1a1
  1a2: 1a2
  1b1: [1b1, 1b2]
  2a1: 2a1
  2a2: 2a1
  2b2: NEW
retired: [2b1]
"""
RULES = """\
kind: rules
id: ID
framework: becta-srf@2010
rules:
  - id: one
    when: {strand: 1a1, level: 5}
    recommend: {title: A title, action: An action}
"""
RESPONDENT = """\
kind: assessment
framework: becta-srf@2010
school: {id: "100000", name: Example Primary School}
respondent: {group: GROUP}
assessed_on: 2026-09-21
judgements: {1a1: 3}
"""
#: An alias bomb: nine aliases of nine aliases, eight deep.
BOMB = "\n".join(
    ["b0: &b0 [x, x, x, x, x, x, x, x, x]"]
    + [f"b{i}: &b{i} [" + ", ".join([f"*b{i - 1}"] * 9) + "]" for i in range(1, 9)]
)
NOT_AN_ID = "is not a valid id (ids have no spaces and no `@`)"

MIGRATE = [
    "migrate",
    str(ROOT / "examples" / "migration" / "example-school-v1.yaml"),
    "--to",
    str(ROOT / "examples" / "migration" / "example-srf-2.yaml"),
    "--framework",
    str(ROOT / "examples" / "migration" / "example-srf-1.yaml"),
    "--migration",
    "m.yaml",
]
LINE = json.dumps(
    {
        "kind": "assessment",
        "framework": "becta-srf@2010",
        "school": {"id": "100000", "name": "Example Primary School"},
        "respondent": {"group": "GROUP"},
        "assessed_on": "2026-09-08",
        "judgements": {"1a1": 3},
    }
)
GROUP_AT = LINE.index("GROUP") + 1  # the column of the group's text, after its quote
REPORT = ["report", str(ROOT / "examples" / "example-primary-2026.yaml"), "--rules", "r.yaml"]
BOMBED = "(aliases that repeat aliases multiply; this looks like an alias bomb)"

#: Each case: the file's name and text, the command, and its standard error's first line.
CASES: dict[str, tuple[str, str, list[str], str]] = {
    "plan, NUL": (
        "plan.yaml",
        PLAN.replace("OWNER", '"a\x00b"'),
        ["plan", "--status", "plan.yaml"],
        "plan.yaml:10:12: error: this is a binary file, not YAML or JSON text",
    ),
    "plan, a raw surrogate": (
        "plan.yaml",
        PLAN.replace("OWNER", '"a\udc80b"'),
        ["plan", "--status", "plan.yaml"],
        "plan.yaml:10:12: error: not valid UTF-8 (byte 0xed) (save the file as UTF-8)",
    ),
    "plan, CR alone in an id": (
        "plan.yaml",
        PLAN.replace("ID", '"a\rb"'),
        ["plan", "--status", "plan.yaml"],
        f"plan.yaml:6:7: error: actions[0].id: the text `a b` {NOT_AN_ID}",
    ),
    "plan, U+2028 in an id": (
        "plan.yaml",
        PLAN.replace("ID", '"a\u2028b"'),
        ["plan", "--status", "plan.yaml"],
        f"plan.yaml:6:7: error: actions[0].id: the text `a\\u2028b` {NOT_AN_ID}",
    ),
    "plan, an alias bomb": (
        "plan.yaml",
        PLAN + BOMB + "\n",
        ["plan", "--status", "plan.yaml"],
        "plan.yaml:18:10: error: b6[0]: the document expands to more than 1,000,000 nodes "
        + BOMBED,
    ),
    "migration, a bidirectional override": (
        "m.yaml",
        MIGRATION.replace("NEW", '"a\u202eb"'),
        MIGRATE,
        "m.yaml:11:8: error: strands.2b2: `a\\u202eb` is not a strand of example-srf@2",
    ),
    "migration, a line of a million characters": (
        "m.yaml",
        MIGRATION.replace("NEW", "a" * 1_000_000),
        MIGRATE,
        f"m.yaml:11:8: error: strands.2b2: `{'a' * 37}...` is not a strand of example-srf@2",
    ),
    "migration, 10,000 nested lists": (
        "m.yaml",
        MIGRATION.replace("NEW", "[" * 10_000 + "]" * 10_000),
        MIGRATE,
        "m.yaml:11:1006: error: invalid YAML: exceeded maximum nesting depth (while increasing "
        "flow level started at line 11, column 1006)",
    ),
    "migration, a key repeated": (
        "m.yaml",
        MIGRATION.replace("  1a2: 1a2", "  1a2: 1a2\n  1a2: 1a2"),
        MIGRATE,
        "m.yaml:8:3: error: strands: duplicate key `1a2` (first at line 7) "
        "(each key may appear once in a mapping)",
    ),
    "rule pack, U+2029 in its id": (
        "r.yaml",
        RULES.replace("ID", '"a\u2029b"'),
        REPORT,
        f"r.yaml:2:5: error: id: the text `a\\u2029b` {NOT_AN_ID}",
    ),
    "respondent, U+2028 in the group": (
        "g.yaml",
        RESPONDENT.replace("GROUP", '"a\u2028b"'),
        ["voices", "g.yaml"],
        f"g.yaml:4:21: error: respondent.group: the text `a\\u2028b` {NOT_AN_ID}",
    ),
    "respondent, CR alone in the group": (
        "g.yaml",
        RESPONDENT.replace("GROUP", '"a\rb"'),
        ["combine", "g.yaml", "-o", "d.yaml"],
        f"g.yaml:4:21: error: respondent.group: the text `a b` {NOT_AN_ID}",
    ),
    "respondents' JSON Lines, CR alone": (
        "t.jsonl",
        LINE.replace("GROUP", "t") + "\n" + LINE.replace("GROUP", "a\rb") + "\n",
        ["combine", "t.jsonl", "-o", "d.yaml"],
        f"t.jsonl:2:{GROUP_AT + 1}: error: respondent.group: invalid JSON: control character "
        "U+000D inside a string (write it as \\u000d)",
    ),
    "session, NUL": (
        "s.yaml",
        RESPONDENT.replace("GROUP", '"a\x00b"'),
        ["assess", "becta-srf", "-o", "s.yaml"],
        "s.yaml:4:23: error: this is a binary file, not YAML or JSON text",
    ),
    "session, an alias bomb": (
        "s.yaml",
        RESPONDENT + BOMB + "\n",
        ["assess", "becta-srf", "-o", "s.yaml"],
        "s.yaml:13:10: error: b6[0]: the document expands to more than 1,000,000 nodes " + BOMBED,
    ),
    "settings, CR alone": (
        "selfreview.toml",
        'disable = ["a\rb"]\n',
        ["frameworks"],
        "{toml}:1:14: error: invalid TOML: a carriage return (CR) alone, which ends no line in "
        "TOML (LF or CR LF do) (save the file with LF or CR LF line ends)",
    ),
    "settings, 10,000 nested lists": (
        "selfreview.toml",
        "disable = " + "[" * 10_000 + "]" * 10_000 + "\n",
        ["frameworks"],
        "{toml}:1:111: error: invalid TOML: lists or tables nested more than 100 deep, too deep "
        "to read",
    ),
    "settings, a raw surrogate": (
        "selfreview.toml",
        'disable = ["a\udc80b"]\n',
        ["frameworks"],
        "{toml}:1:14: error: not valid UTF-8 (byte 0xed) (save the file as UTF-8)",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_worst_text_is_refused_at_its_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    name, text, args, said = CASES[case]
    file = tmp_path / name
    file.write_bytes(text.encode("utf-8", "surrogatepass"))
    given = file.read_bytes()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, args, input="q\n", env={"SELFREVIEW_DISABLE": ""})
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[0] == said.replace("{toml}", str(file))
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    assert len(result.stderr) < 2000
    assert file.read_bytes() == given
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
