"""A request for a worker started afresh that this process has no room for fails before it
reaches the fork server (round 78). The request connects first, then opens two pipes:
under a `ulimit -n` with room for the socket but not the pipes (21, for `support --jobs
2`), the fork server read an empty request and died printing CPython's own `EOFError`
traceback on the command's standard error, after the command's one line."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from program import python, selfreview

if sys.platform != "linux":
    pytest.skip("a fork server, and RLIMIT_NOFILE", allow_module_level=True)

import resource

COHORT = Path(__file__).resolve().parents[2] / "examples" / "cohort"

#: Run first in each child below: `holding(free)` takes every descriptor this process may
#: still open but `free` of them, and gives back those it holds (to close afterwards).
_HOLDING = """
import os
def holding(free):
    held = []
    try:
        while True:
            held.append(os.dup(0))
    except OSError:
        pass
    for descriptor in held[:free]:
        os.close(descriptor)
    return held[free:]
"""

#: Asks the fork server for a worker with 0 to 5 descriptors free (fewer than a request
#: needs), then with all free; prints what each ask raised, and the worker's exit code.
_ASK = """
import errno, os, sys, multiprocessing
from multiprocessing import forkserver
from selfreview_core.cohort.worker_sockets import whole_requests
whole_requests()
whole_requests()  # once is enough: not wrapped twice
forkserver.ensure_running()
for free in range(5):
    held = holding(free)
    try:
        forkserver.connect_to_new_process([])
    except OSError as error:
        print(free, errno.errorcode[error.errno], flush=True)
    finally:
        for descriptor in held:
            os.close(descriptor)
worker = multiprocessing.get_context("forkserver").Process(target=int)
worker.start()
worker.join()
print("worker", worker.exitcode, flush=True)
"""


def test_a_request_without_room_fails_here_and_the_fork_server_lives_on(tmp_path: Path) -> None:
    """Without `whole_requests` (multiprocessing's own request) the fork server prints
    `EOFError`'s traceback here, and dies."""
    done = python(["-c", _HOLDING + _ASK], env={**os.environ, "TMPDIR": str(tmp_path)})
    said = done.stdout.decode().splitlines()
    assert said == [f"{free} EMFILE" for free in range(5)] + ["worker 0"], done
    assert done.stderr.decode() == ""  # no fork server's traceback
    assert done.returncode == 0


def test_support_under_each_low_limit_says_one_line_and_no_traceback(tmp_path: Path) -> None:
    """Around the limit where the request was half-sent (21 here, round 77): one line, exit
    1, nothing left, until there is room."""
    done_at = None
    for limit in range(16, 27):
        work = tmp_path / f"t{limit}"
        work.mkdir()
        done = selfreview(
            ["support", str(COHORT), "--jobs", "2"],
            env={**os.environ, "TMPDIR": str(work)},
            preexec_fn=lambda limit=limit: resource.setrlimit(  # type: ignore[misc]
                resource.RLIMIT_NOFILE, (limit, limit)
            ),
        )
        said = done.stderr.decode().splitlines()
        assert list(work.iterdir()) == [], (limit, said)
        if done.returncode == 0:
            done_at = done_at or limit
            assert said == [], (limit, said)
            continue
        assert done_at is None, (limit, said)
        assert (done.returncode, len(said)) == (1, 1), (limit, said)
        assert said[0].startswith(f"Error: Too many open files: this command may hold {limit}")
        assert done.stdout == b"", limit
    assert done_at is not None


#: A request through `whole_requests` (multiprocessing's own replaced by one that records
#: it) with 4, then 5, descriptors free under a limit of 64; then `whole_requests` again.
_ROOM = """
import os, resource
from multiprocessing import forkserver
from selfreview_core.cohort.worker_sockets import whole_requests
forkserver.ensure_running = lambda: None
forkserver.connect_to_new_process = lambda fds: ("asked", fds)
asked = forkserver.connect_to_new_process
whole_requests()
whole_requests()
wrapped = forkserver.connect_to_new_process
print("once", wrapped.__wrapped__ is asked)
resource.setrlimit(resource.RLIMIT_NOFILE, (64, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))
for free in (4, 5):
    held = holding(free)
    try:
        print(free, wrapped([7]))
    except OSError as error:
        print(free, error.strerror)
    for descriptor in held:
        os.close(descriptor)
"""


def test_a_request_is_made_with_exactly_the_room_it_needs_and_wrapped_once() -> None:
    """Five descriptors free are enough (its socket, and two pipes' four ends), four are
    not; `whole_requests` once per process however often a command stages: wrapped again
    each time, a long-lived process's requests went through ever more layers."""
    done = python(["-c", _HOLDING + _ROOM])
    assert done.stdout.decode().splitlines() == [
        "once True",
        "4 Too many open files",
        "5 ('asked', [7])",
    ], done
    assert (done.stderr, done.returncode) == (b"", 0)
