"""The settings file swapped while the search looks at it (SPEC section 7: special files are
refused without blocking). The search finds `selfreview.toml` or `pyproject.toml` by a look
at it (`is_file`), then reads it: swapped for a named pipe in between, the read blocked the
command for good before round 77, waiting for a writer. Now every read of a settings file
opens it without waiting and looks at what it opened (`config_text.bounded`): a named pipe
is refused, naming the file, exit 1, nothing done. And what is read of it, bounded by the
limit, is read through that one descriptor: a file grown past the limit after its size was
looked at was read whole to find its table."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import pytest

from program import WAIT, python
from selfreview_core.config import text as config_text
from selfreview_core.config.settings import find_config, passed_by, read_config
from selfreview_core.errors import InvalidDocument

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes: POSIX")

LIMIT = 10 * 1024 * 1024
SCHOOL = Path(__file__).resolve().parents[2] / "examples" / "example-primary-2025.yaml"
HINT = "the settings are read from a file, not a stream or a device"

#: The program, the named settings file swapped for a named pipe just after the search's
#: look at it (`Path.is_file`, as the search makes it): the instant an attacker, or a tool
#: that makes the file a pipe, would need.
_SWAPPED_AFTER_THE_LOOK = """
import os, sys, pathlib
name = sys.argv[1]
looked = pathlib.Path.is_file
def is_file(self):
    answer = looked(self)
    if answer and self.name == name and not os.environ.get("SWAPPED"):
        os.environ["SWAPPED"] = "1"
        os.unlink(self)
        os.mkfifo(self)
    return answer
pathlib.Path.is_file = is_file
from selfreview_core.cli import main
sys.argv = ["selfreview", "report", sys.argv[2], "--format", "json"]
main()
"""


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("selfreview.toml", 'policy = "mean"\n'),
        ("pyproject.toml", '[tool.selfreview]\npolicy = "mean"\n'),
        ("pyproject.toml", '[project]\nname = "another tool\'s"\n'),
    ],
    ids=["selfreview.toml", "pyproject.toml", "pyproject.toml-without-table"],
)
def test_a_settings_file_swapped_for_a_named_pipe_after_the_search_looked_is_refused(
    repo_at_root: Path, name: str, text: str
) -> None:
    """Refused at the file, exit 1, nothing printed, nothing made; never waited on. A
    `pyproject.toml` that was another tool's is refused too: it cannot be read to find
    out whether it holds the settings, and no settings read is no reason to apply the
    defaults without a word."""
    settings = repo_at_root / name
    settings.write_text(text)
    env = {**os.environ, "HOME": str(repo_at_root.parent)}
    env.pop("SWAPPED", None)
    done = python(["-c", _SWAPPED_AFTER_THE_LOOK, name, str(SCHOOL)], cwd=repo_at_root, env=env)
    stderr = done.stderr.decode()
    assert done.returncode == 1, stderr
    assert done.stdout == b""
    assert stderr.splitlines()[-1] == (
        f"{settings}: error: is a named pipe (FIFO), not a regular file ({HINT})"
    )
    assert "Traceback" not in stderr
    assert sorted(p.name for p in repo_at_root.iterdir()) == [".git", name]
    assert settings.is_fifo()


def test_a_named_pipe_met_by_the_library_is_refused_with_its_place(repo_at_root: Path) -> None:
    """`read_config` of a `selfreview.toml` found and then made a pipe: the error's file,
    message, hint and code, as a library caller gets them."""
    settings = repo_at_root / "selfreview.toml"
    os.mkfifo(settings)
    got: list[BaseException | bytes] = []

    def read() -> None:
        try:
            got.append(config_text.settings_bytes(settings, os.fspath(settings)))
        except InvalidDocument as error:
            got.append(error)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(WAIT)
    if reader.is_alive():  # it waits for a writer: one that writes nothing releases it
        os.close(os.open(settings, os.O_WRONLY | os.O_NONBLOCK))
        reader.join()
        pytest.fail("the read waited for a writer to the named pipe")
    (error,) = got
    assert isinstance(error, InvalidDocument)
    assert (error.file, error.line, error.column) == (str(settings), None, None)
    assert error.first.message == "is a named pipe (FIFO), not a regular file"
    assert error.first.hint == HINT
    assert error.first.code == "unreadable"


class _Grown:
    """`os` as `config_text` sees it: `fstat` says the file `by` bytes smaller than it is
    (it grew between the look at its size and the read), and what `read` returns counted."""

    def __init__(self, by: int) -> None:
        self.by = by
        self.read: list[int] = []

    def fstat(self, handle: int) -> os.stat_result:
        found = os.fstat(handle)
        return os.stat_result((*found[:6], found.st_size - self.by, *found[7:]))

    def fdopen(self, *args: Any, **kwargs: Any) -> object:
        stream = os.fdopen(*args, **kwargs)
        original = stream.read

        def counted(size: int = -1) -> bytes:
            data: bytes = original(size)
            self.read.append(len(data))
            return data

        stream.read = counted
        return stream

    def __getattr__(self, name: str) -> object:  # the rest as `os` has it
        return getattr(os, name)


def test_a_pyproject_grown_past_the_limit_as_the_search_read_it_is_not_read_whole(
    repo_at_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Within the limit by its size when looked at, 64 MB when read: the search reads
    one byte past the limit, takes it as the settings' file, and `read_config` refuses
    it, naming it. Before round 77 the search read all of it (`read_text`) to find a
    table, having looked at its size by another call."""
    pyproject = repo_at_root / "pyproject.toml"
    with pyproject.open("wb") as handle:
        handle.write(b'[project]\nname = "x"\n')
        handle.truncate(64 << 20)
    grown = _Grown((64 << 20) - 100)
    monkeypatch.setattr(config_text, "os", grown)
    assert find_config() == (pyproject, "pyproject.toml")
    assert sum(grown.read) == LIMIT + 1
    assert passed_by() == []
    with pytest.raises(InvalidDocument) as raised:
        read_config()
    assert raised.value.file == str(pyproject)
    assert (
        raised.value.first.message
        == f"the file is more than {LIMIT:,} bytes; the limit is {LIMIT:,}"
    )


def test_line_ends_are_read_as_before_to_find_the_table(repo_at_root: Path) -> None:
    """The search reads a `pyproject.toml` as `read_text` did: any line end (CR LF, a CR
    alone) ends a line for its patterns, and a byte-order mark anywhere is passed by."""
    pyproject = repo_at_root / "pyproject.toml"
    pyproject.write_bytes(b'\xef\xbb\xbf[project]\rname = "x"\r\n[tool.self\xef\xbb\xbfreview]\r\n')
    assert find_config() == (pyproject, "pyproject.toml")
    pyproject.write_bytes(b'[project]\r\n# [tool.selfreview]\rname = "x"\r')
    assert find_config() is None
    assert passed_by() == [pyproject]


def test_the_search_of_a_file_not_utf8_passes_it_by(repo_at_root: Path) -> None:
    (repo_at_root / "pyproject.toml").write_bytes(b'[tool.selfreview]\npolicy = "\xff"\n')
    assert find_config() is None


def test_a_settings_file_swapped_for_a_folder_is_refused_as_one(repo_at_root: Path) -> None:
    """Made a folder after the search's look: said as a directory, not a special file."""
    settings = repo_at_root / "selfreview.toml"
    settings.mkdir()
    with pytest.raises(InvalidDocument) as raised:
        config_text.settings_bytes(settings, os.fspath(settings))
    assert raised.value.file == str(settings)
    assert raised.value.first.message == "is a directory, not a regular file"
    assert raised.value.first.code == "unreadable"
