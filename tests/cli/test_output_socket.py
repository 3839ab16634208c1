"""A socket named as -o (SPEC section 7: an output is checked before any work).

`report a.yaml -o sock.json`, `sock.json` a Unix socket, did all the work and then failed
opening it ("No such device or address", exit 1); `plan -o` called it "a device or a named
pipe". Nothing can open a socket to write, so it is refused with the other checks of -o,
before any work (exit 2, naming it as a socket); the socket is left where it was.
Run as a user runs it, in a process of its own (`program.selfreview`).
"""

from __future__ import annotations

import os
import shutil
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from program import selfreview

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

pytestmark = pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="Unix sockets")

#: Commands writing a file named by -o, with their inputs in the work folder.
WRITERS = {
    "report": ["report", "a.yaml", "--format", "json"],
    "report --previous": ["report", "a.yaml", "--previous", "old.yaml", "--format", "json"],
    "benchmark": ["benchmark", "a.yaml", "--format", "json"],
    "migrate": ["migrate", "a.yaml", "--to", "becta-srf"],
    "plan": ["plan", "a.yaml"],
}


@pytest.fixture
def work(tmp_path: Path) -> Iterator[Path]:
    """A folder with a review `a.yaml`, an earlier one `old.yaml` and a listening Unix
    socket `s.json` (a short relative name: a socket's path has a short limit)."""
    shutil.copy(EXAMPLES / "example-primary-2026.yaml", tmp_path / "a.yaml")
    shutil.copy(EXAMPLES / "example-primary-2025.yaml", tmp_path / "old.yaml")
    here = os.getcwd()
    os.chdir(tmp_path)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind("s.json")
    finally:
        os.chdir(here)
    try:
        yield tmp_path
    finally:
        server.close()


@pytest.mark.parametrize("command", list(WRITERS))
def test_a_socket_as_the_output_is_refused_before_any_work(work: Path, command: str) -> None:
    before = {p.name: p.read_bytes() for p in work.glob("*.yaml")}
    done = selfreview([*WRITERS[command], "-o", "s.json"], cwd=work)
    message = " ".join(done.stderr.decode("utf-8").split())
    assert done.returncode == 2, message
    assert (
        "Invalid value for -o: `s.json` is a socket, not a file: it cannot be written to; "
        "nothing was done (give a file name)"
    ) in message
    assert "Traceback" not in message
    assert done.stdout == b""
    assert stat.S_ISSOCK(os.stat(work / "s.json").st_mode)
    assert {p.name: p.read_bytes() for p in work.glob("*.yaml")} == before
    assert sorted(p.name for p in work.iterdir()) == ["a.yaml", "old.yaml", "s.json"]


def test_a_symbolic_link_to_a_socket_is_refused_by_its_name(work: Path) -> None:
    """The link is followed, as for every -o: what it points to is what would be written."""
    (work / "link.json").symlink_to("s.json")
    done = selfreview(["report", "a.yaml", "--format", "json", "-o", "link.json"], cwd=work)
    assert done.returncode == 2, done.stderr
    assert b"`link.json` is a socket, not a file" in done.stderr
