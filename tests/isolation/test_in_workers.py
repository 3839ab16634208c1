"""What a plugin does in a `--jobs` worker gives what it gives in the command itself.

`report --jobs 2` makes the first schools in the command's process and the rest in forked
workers, each calling the plugins again: a plugin that prints, ends its call with
`sys.exit` or `os._exit`, or closes or replaces standard output there must leave the
batch's output as `--jobs 1` leaves it (SPEC section 5: the output is the same whatever
the number of jobs), each school's problem said at its line, and no worker lost.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from isolation.test_exit_functions import _batch
from program import selfreview, with_plugin

if sys.platform == "win32":  # pragma: no cover - workers are forked on Linux only
    pytest.skip("forked workers", allow_module_level=True)

#: Enough schools that the workers make most of them (the command makes the first order).
SCHOOLS = 150


def _told(stderr: bytes) -> list[str]:
    """The command's own lines on standard error, in order: a plugin's prints from two
    workers at once may be interleaved, and are the plugin's."""
    lines = stderr.decode().splitlines()
    return [line for line in lines if ": error: " in line or line.startswith(("warning", "150"))]


@pytest.mark.parametrize(
    ("name", "module", "how"),
    [
        ("hostile-prints", "selfreview_hostile.prints", ""),
        ("hostile-exits", "selfreview_hostile.exits", ""),
        ("hostile-ends", "selfreview_hostile.ends", "end"),
        ("hostile-descriptors", "selfreview_hostile.descriptors", "close-output"),
        ("hostile-descriptors", "selfreview_hostile.descriptors", "fdopen-output"),
        ("hostile-descriptors", "selfreview_hostile.descriptors", "output"),
    ],
)
@pytest.mark.parametrize("where", [[], ["-o", "out.jsonl"]])
def test_a_plugin_misbehaving_in_workers_leaves_the_batch_as_one_process_does(
    name: str, module: str, how: str, where: list[str], root: Path, tmp_path: Path
) -> None:
    batch = _batch(root, tmp_path, SCHOOLS)
    env = with_plugin(tmp_path / "site", name, module)
    variable = f"SELFREVIEW_HOSTILE_{module.rsplit('.', 1)[1].upper()}"  # as the plugin reads it
    env = dict(env, **{variable: how}) if how else env
    done = {}
    for jobs in ("1", "2"):
        args = ["report", batch.name, "--format", "json", "--jobs", jobs, *where]
        run = selfreview(args, cwd=tmp_path, env=env)
        written = (tmp_path / "out.jsonl").read_bytes() if where else b""
        done[jobs] = (run.returncode, run.stdout, written, _told(run.stderr))
    assert done["2"] == done["1"]
    code, stdout, written, told = done["1"]
    assert code == 0, told
    reports = (written if where else stdout).splitlines()
    assert len(reports) == SCHOOLS
    assert all(f'"{name}' in line.decode() for line in reports)  # its work, or its problem
    assert told[-1] == f"{SCHOOLS} reports written" + (" to out.jsonl" if where else "")
