"""A plugin that closes the DuckDB connection a cohort command works in, which no guard can
keep from it (plugin code can reach any object of the process): the command says so in one
line, exit 1, and writes nothing, rather than ending in an internal error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from program import selfreview, with_plugin

#: More schools below the level than `support` reads from DuckDB at a time (512).
SCHOOLS = 600


def _cohort(root: Path, tmp_path: Path) -> Path:
    """A JSON Lines cohort of `SCHOOLS` schools, each below the middle level somewhere."""
    data = yaml.safe_load((root / "examples" / "cohort" / "primary-1-2025.yaml").read_text())
    data = json.loads(json.dumps(data, default=str))
    lines = []
    for number in range(SCHOOLS):
        data["school"]["id"] = str(800000 + number)
        lines.append(json.dumps(data))
    cohort = tmp_path / "cohort.jsonl"
    cohort.write_text("\n".join(lines) + "\n", "utf-8")
    return cohort


@pytest.mark.parametrize("where", [[], ["-o", "list.json"]])
def test_a_plugin_closing_the_cohorts_database_is_said_in_one_line(
    where: list[str], root: Path, tmp_path: Path
) -> None:
    """Before round 51, `support` ended in "Error: internal error: InvalidInputException:
    Invalid Input Error: No open result set / This is a bug in selfreview or a plugin"."""
    cohort = _cohort(root, tmp_path)
    env = with_plugin(tmp_path / "site", "hostile-cohort-work", "selfreview_hostile.cohort_work")
    args = ["support", cohort.name, "--format", "json", *where]
    done = selfreview(args, cwd=tmp_path, env=env)
    assert done.returncode == 1
    assert done.stderr.decode().splitlines() == [
        "Error: the cohort's database was closed while plugins made their reports (by a"
        " plugin?); the list was not made"
    ]
    assert done.stdout == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cohort.jsonl", "site"]
