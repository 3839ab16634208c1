"""What `selfreview migrate` (`cli/migrate.py`) does that its other tests did not pin: found
by the round-71 mutation pass over the module. A note the review held already is told on
its one line, and a review read from standard input that would migrate too large is refused
at its longest evidence, placed, as a named file's is."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from click.testing import CliRunner

from selfreview_core.cli import cli
from test_outputs import snapshot

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "migration"
SCHOOL = EXAMPLES / "example-school-v1.yaml"
OPTIONS = [
    "--to",
    "example-srf@2",
    "--migration",
    str(EXAMPLES / "example-srf-1-to-2.yaml"),
    "--framework",
    str(EXAMPLES / "example-srf-1.yaml"),
    "--framework",
    str(EXAMPLES / "example-srf-2.yaml"),
]


def test_a_note_of_many_lines_the_review_held_is_told_on_its_one_line(tmp_path: Path) -> None:
    """A strand already awaiting review (an earlier migration's, its note edited by hand
    over two lines) comes along as it is, and `migrate`'s summary tells its note on the
    strand's one line, the line break shown as `\\n`: a note's second line that looks like
    a summary line of its own is never printed as one. The note is written unchanged."""
    data = yaml.safe_load(SCHOOL.read_text(encoding="utf-8"))
    del data["judgements"]["1a1"]
    note = "Judge it again.\n  1 retired strand dropped: none"
    data["review"] = {"1a1": {"reason": "split", "note": note, "evidence": "Vision agreed."}}
    school = tmp_path / "school.yaml"
    school.write_text(yaml.safe_dump(data), encoding="utf-8")
    out = tmp_path / "v2.yaml"
    result = CliRunner().invoke(cli, ["migrate", str(school), *OPTIONS, "-o", str(out)])
    assert (result.exit_code, result.stdout) == (0, ""), result.output
    told = result.stderr.splitlines()
    assert "    1a1 (split): Judge it again.\\n  1 retired strand dropped: none" in told
    assert [line for line in told if "retired strand" in line] == [
        "    1a1 (split): Judge it again.\\n  1 retired strand dropped: none",
        "  1 retired strand dropped: 2b1 of example-srf@1 (level 3)",
    ]
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["review"]["1a1"]["note"] == note


def test_a_review_from_standard_input_too_large_once_migrated_is_refused_at_its_evidence(
    tmp_path: Path,
) -> None:
    """`migrate - ...` of a review of 6 MB, 6 MB of it the evidence of 1b1 (split in two):
    refused, exit 1, nothing written, at `<stdin>`'s line and column of that evidence, as
    the same review in a file is refused at its own. Standard input is kept as it was read
    (`files.stdin`), so it can be pointed into: before round 71 only `<stdin>` was named,
    with no line, and the user was left to find the evidence to shorten."""
    evidence = "E" * 6_000_000
    text = SCHOOL.read_text(encoding="utf-8").replace(
        "Equipment list for the next two years; nothing yet on teaching.", evidence
    )
    line = next(n for n, ln in enumerate(text.splitlines(), 1) if evidence in ln)
    column = text.splitlines()[line - 1].index(evidence) + 1
    before = snapshot(tmp_path)
    for to in (["-o", str(tmp_path / "v2.yaml")], []):
        result = CliRunner().invoke(cli, ["migrate", "-", *OPTIONS, *to], input=text)
        assert result.exit_code == 1, result.output[:500]
        assert result.stdout == ""
        assert re.fullmatch(
            f"<stdin>:{line}:{column}: error: judgements\\.1b1\\.evidence: the migrated review "
            "would be 12,[0-9]{3},[0-9]{3} bytes, over the 10,485,760 a file may hold, so no "
            "command could read it back; nothing was written \\(a split strand's evidence goes "
            "to each strand it became: shorten the longest\\)\n",
            result.stderr,
        ), result.stderr[:500]
        assert snapshot(tmp_path) == before
