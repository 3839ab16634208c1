"""What a cohort command out of open files says where its own limit cannot be told (the
soft limit unlimited, or no `resource` module): no count it may hold, and the advice to
raise the limit to 1,024, the floor of what it advises. Pinned by round 78's sweep over
round 77's lines (`open_files._said`): the floor was otherwise reached only through four
times a known limit."""

from __future__ import annotations

import errno
import resource
import sys

import pytest

from selfreview_core.cohort import open_files
from selfreview_core.cohort.open_files import out_of_files

if sys.platform == "win32":
    pytest.skip("POSIX limits of open files", allow_module_level=True)

#: The words said where the limit is not known.
UNKNOWN = (
    "Too many open files: this command may hold no more (`ulimit -n`), and needed more: "
    "raise that limit (`ulimit -n 1024`), or give fewer --jobs, and run it again"
)


def test_an_unlimited_soft_limit_advises_a_thousand_and_names_no_count(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    unlimited = (resource.RLIM_INFINITY, resource.RLIM_INFINITY)
    monkeypatch.setattr(resource, "getrlimit", lambda _: unlimited)
    told = out_of_files(OSError(errno.EMFILE, "Too many open files", "/schools/a.yaml"))
    assert told is not None
    assert (told.errno, told.filename, told.strerror) == (
        errno.EMFILE,
        "/schools/a.yaml",
        UNKNOWN,
    )


def test_a_limit_that_cannot_be_told_is_said_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(open_files, "_limit", lambda: None)
    told = out_of_files(OSError(errno.EMFILE, "Too many open files"))
    assert told is not None
    assert (told.filename, told.strerror) == (None, UNKNOWN)
