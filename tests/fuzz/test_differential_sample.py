"""A fast seeded sample of round 50's differential run (`random.Random(50)`): edits
of the examples and the bundled framework that cut a text short, break its lines, add
bytes a reader refuses, YAML's tags, merge keys and numbers, through the commands that read
them. Each error or warning naming the edited file is placed (file:line:column) within
the text, as its reader counts lines: before round 50 a text cut short was placed on the
line after its final line end (YAML), or at column 1 of its line (a JSON Lines line).
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "example-primary-2026.yaml"
FRAMEWORK = ROOT / "frameworks" / "becta-srf.yaml"
#: What ends a line for each reader (`files.positions.BREAKS`).
BREAKS = {".yaml": "\r\n|[\r\n]", ".json": "\r\n|[\r\n]", ".jsonl": "\n"}
PIECES: tuple[bytes, ...] = (
    b"\r",
    b"\n",
    b"\r\n",
    b"\x00",
    b"\xff",
    b"\xc2\x85",
    b"\xe2\x80\xa8",
    b"\xef\xbb\xbf",
)
PIECES += (b"\x1b", b"\xe2\x80\xae", b"{", b"[", b'"', b"'", b"0o12", b"1e1", b".nan", b"*a")
PIECES += (b"&a ", b"<<: *a\n", b"!!python/object:os.system ", b"\\u12", b"999999999999999999999")
PLACED = re.compile(r"^(.*?)(?::(\d+))?(?::(\d+))?: (?:error|warning): ", re.M)


def _edited(data: bytes, rng: random.Random) -> bytes:
    """`data` with one to three edits: bytes deleted or inserted, the text cut short, its
    line ends changed, a line repeated."""
    edited = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(edited) + 1)
        edit = rng.randrange(5)
        if edit == 0:
            del edited[at : at + rng.choice((1, 2, 16))]
        elif edit == 1:
            edited[at:at] = rng.choice(PIECES)
        elif edit == 2:
            del edited[at:]
        elif edit == 3:
            edited = bytearray(edited.replace(b"\n", rng.choice((b"\r", b"\r\n"))))
        else:
            lines = bytes(edited).split(b"\n")
            lines.insert(rng.randrange(len(lines)), rng.choice(lines))
            edited = bytearray(b"\n".join(lines))
    return bytes(edited)


def _seeds(tmp_path: Path) -> list[tuple[Path, list[list[str]]]]:
    """Each file edited, and the commands it is read by (FILE where it goes)."""
    review = json.dumps(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")), default=str)
    lines = tmp_path / "schools.jsonl"
    lines.write_text(f"{review}\n{review}\n", encoding="utf-8")
    twin = tmp_path / "school.json"
    twin.write_text(json.dumps(json.loads(review), indent=2), encoding="utf-8")
    school = [["validate", "FILE"], ["report", "FILE", "--format", "csv"], ["awards", "FILE"]]
    return [
        (EXAMPLE, school),
        (twin, school),
        (lines, [["validate", "FILE"], ["benchmark", "FILE"]]),
        (FRAMEWORK, [["validate", "FILE"], ["show", "FILE"]]),
    ]


@pytest.mark.parametrize("draw", range(8))
def test_every_problem_of_an_edited_file_is_placed_within_it(tmp_path: Path, draw: int) -> None:
    rng = random.Random(50 * 1000 + draw)
    for seed, commands in _seeds(tmp_path):
        edited = tmp_path / f"edited{seed.suffix}"
        data = _edited(seed.read_bytes(), rng)
        edited.write_bytes(data)
        text = data.decode("utf-8", "replace").removeprefix("\ufeff")
        lines = re.split(BREAKS[seed.suffix], text)
        for command in commands:
            args = [str(edited) if arg == "FILE" else arg for arg in command]
            result = CliRunner().invoke(cli, args, catch_exceptions=False)
            shown = f"selfreview {' '.join(command)} -> {result.exit_code}\n{result.output}"
            assert result.exit_code in (0, 1), shown
            for found in PLACED.finditer(result.output):
                if found[1] != str(edited):
                    continue
                assert found[3] is not None, shown  # a line and a column
                line, column = int(found[2]), int(found[3])
                assert line <= len(lines), shown
                assert column <= len(lines[line - 1]) + 1, shown
