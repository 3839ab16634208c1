"""A configuration file naming a folder, a named pipe or a device (SPEC section 7: special
files are refused without blocking, and every reader says what the file is).

`rules = "/dev/zero"` or a named pipe in `selfreview.toml` was refused without blocking, but
said "no such file: /dev/zero" of a file that is there: the user looked for a missing file.
Now the refusal says what it is, as the command line's readers do ("is a named pipe (FIFO),
not a regular file"), located in the configuration file, exit 1; a file that is missing is
still "no such file".
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SCHOOL = ROOT / "examples" / "example-primary-2026.yaml"


def _pipe(repo_at_root: Path) -> str:
    os.mkfifo(repo_at_root / "pipe.yaml")
    return "pipe.yaml"


def _folder(repo_at_root: Path) -> str:
    (repo_at_root / "rules.yaml").mkdir()
    return "rules.yaml"


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (_pipe, "pipe.yaml is a named pipe (FIFO), not a regular file"),
        (_folder, "rules.yaml is a folder, not a file"),
        (lambda repo: "missing.yaml", "no such file: missing.yaml"),
    ]
    + (
        [(lambda repo: "/dev/zero", "/dev/zero is a character device, not a regular file")]
        if Path("/dev/zero").exists()
        else []
    ),
)
@pytest.mark.parametrize("key", ["rules", "framework", "migration"])
def test_a_setting_naming_what_is_no_file_says_what_it_is(
    repo_at_root: Path, make: Callable[[Path], str], said: str, key: str
) -> None:
    name = make(repo_at_root)
    (repo_at_root / "selfreview.toml").write_text(f'policy = "mean"\n{key} = ["{name}"]\n')
    for args in (["config"], ["report", str(SCHOOL)]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1, result.output
        at = f"2:{len(key) + 5}"  # the list's item (round 66)
        assert f"{repo_at_root / 'selfreview.toml'}:{at}: error: {key}: {said}" in result.stderr
        assert result.stdout == ""
        assert "no such file" not in result.stderr or said.startswith("no such file")
