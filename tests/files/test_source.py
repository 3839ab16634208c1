"""Reading files: anything but a regular file is refused, saying what it is, and never blocks.

SPEC 7: "Special files (FIFOs, devices) are refused without blocking." Every reader goes
through `source.open_regular`; each test that could block runs under the fuzz harness's
hang guard, so a regression fails the test instead of hanging the suite.
"""

from __future__ import annotations

import io
import os
import socket
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from fuzz.harness import hang_guard
from selfreview_core.errors import InvalidDocument
from selfreview_core.files import json_lines, source
from selfreview_core.loader import load

POSIX = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
NOT_AS_ROOT = pytest.mark.skipif(AS_ROOT, reason="root reads whatever the permission bits say")

FIFO = "is a named pipe (FIFO), not a regular file"

#: Every way a file is read: whole (as text, a document, a typed document) and by lines.
READERS: dict[str, Callable[[str], Any]] = {
    "read_bytes": source.read_bytes,
    "read_source": source.read_source,
    "load": load,
    "read_lines": lambda file: list(json_lines.read_lines(file)),
}


def refusal(read: Callable[[str], Any], file: str) -> str:
    """The one diagnostic reading `file` gives: whole-file, unlocated, code `unreadable`."""
    with hang_guard(10, waits=True), pytest.raises(InvalidDocument) as raised:
        read(file)
    [diagnostic] = raised.value.diagnostics
    assert (diagnostic.file, diagnostic.line, diagnostic.column) == (file, None, None)
    assert diagnostic.code == "unreadable"
    return diagnostic.message + (f" ({diagnostic.hint})" if diagnostic.hint else "")


@pytest.fixture
def fifo(tmp_path: Path) -> str:
    if not hasattr(os, "mkfifo"):
        pytest.skip("named pipes are POSIX")
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return str(path)


def open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.parametrize("reader", READERS, ids=list(READERS))
def test_a_named_pipe_is_refused_without_blocking(reader: str, fifo: str) -> None:
    """No writer ever opens it: reading it would wait for ever."""
    message = refusal(READERS[reader], fifo)
    assert message.startswith(FIFO)
    assert "save the text to a file" in message


@pytest.fixture
def pretend_regular(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """`os.stat` says the file is regular: as if it were replaced between check and open."""
    real = os.stat

    def install(file: str) -> None:
        def fake(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
            if os.fspath(path) == file:
                return os.stat_result((stat.S_IFREG | 0o644, 1, 1, 1, 0, 0, 10, 0, 0, 0))
            return real(path, *args, **kwargs)

        monkeypatch.setattr(os, "stat", fake)

    return install


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts descriptors in /proc")
@pytest.mark.parametrize("reader", READERS, ids=list(READERS))
def test_a_pipe_swapped_in_after_the_check_is_opened_without_blocking_and_refused(
    reader: str, fifo: str, pretend_regular: Callable[[str], None]
) -> None:
    """The race: the `stat` check passes, then a pipe is opened. It is opened non-blocking
    and checked again on the open descriptor, which is then closed."""
    pretend_regular(fifo)
    before = open_descriptors()
    assert refusal(READERS[reader], fifo).startswith(FIFO)
    assert open_descriptors() == before


def test_a_regular_file_is_read_in_blocking_mode(tmp_path: Path) -> None:
    """Non-blocking is only for opening: cleared before anything is read."""
    path = tmp_path / "a.yaml"
    path.write_text("kind: rules\n")
    with source.open_regular(str(path)) as handle:
        assert os.get_blocking(handle.fileno())
        assert handle.read() == b"kind: rules\n"


@pytest.mark.parametrize(
    ("mode", "what"),
    [
        (stat.S_IFIFO, "a named pipe (FIFO)"),
        (stat.S_IFCHR, "a character device"),
        (stat.S_IFBLK, "a block device"),
        (stat.S_IFSOCK, "a socket"),
        (0, "a special file"),
    ],
)
def test_each_kind_of_special_file_is_named(
    mode: int, what: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refused on `stat`, before any `open` (opening some devices does something)."""
    path = tmp_path / "special.yaml"
    path.write_text("kind: rules\n")
    real = os.stat

    def fake(name: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        if os.fspath(name) == str(path):
            return os.stat_result((mode | 0o644, 1, 1, 1, 0, 0, 0, 0, 0, 0))
        return real(name, *args, **kwargs)

    def no_open(*args: Any, **kwargs: Any) -> int:
        raise AssertionError("opened")

    monkeypatch.setattr(os, "stat", fake)
    monkeypatch.setattr(os, "open", no_open)
    assert refusal(source.read_bytes, str(path)).startswith(f"is {what}, not a regular file")


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_a_real_device_is_refused() -> None:
    assert refusal(source.read_bytes, "/dev/null").startswith("is a character device")


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="UNIX sockets are POSIX")
def test_a_real_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    with socket.socket(socket.AF_UNIX) as server:
        try:
            server.bind(str(path))
        except OSError as error:  # a path too long for a socket address
            pytest.skip(f"cannot bind a socket here: {error}")
        assert refusal(source.read_bytes, str(path)).startswith("is a socket, not a regular")


@POSIX
@pytest.mark.parametrize("reader", READERS, ids=list(READERS))
def test_symbolic_links_that_lead_nowhere_say_so(reader: str, tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").symlink_to("gone.yaml")
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    read = READERS[reader]
    assert refusal(read, str(tmp_path / "broken.yaml")) == (
        "is a broken symbolic link (to `gone.yaml`, which does not exist)"
    )
    assert refusal(read, str(tmp_path / "loop.yaml")) == (
        "is a symbolic link that loops: it never reaches a file"
    )


def test_a_missing_file_cannot_be_read(tmp_path: Path) -> None:
    assert refusal(source.read_bytes, str(tmp_path / "missing.yaml")) == (
        "cannot read: No such file or directory"
    )


def test_a_symbolic_link_to_a_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "real.yaml").write_text("kind: rules\n")
    (tmp_path / "link.yaml").symlink_to("real.yaml")
    assert source.read_bytes(str(tmp_path / "link.yaml")) == b"kind: rules\n"


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    assert refusal(source.read_bytes, str(tmp_path)) == "is a directory, not a file"


@POSIX
def test_a_link_back_to_a_folder_that_holds_it_is_named_a_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What `expand_paths` passes on instead of walking round a loop: reading it says so,
    whether the name is absolute, relative or starts at `.`."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "back").symlink_to("..")
    (tmp_path / "sub" / "here").symlink_to(".")
    back = tmp_path / "sub" / "back"
    assert refusal(source.read_bytes, str(back)) == (
        f"leads back to {tmp_path}, a folder that holds it: not followed, it would loop"
    )
    here = f"{tmp_path / 'sub'}"
    assert refusal(source.read_bytes, str(tmp_path / "sub" / "here")).startswith(
        f"leads back to {here},"
    )
    monkeypatch.chdir(tmp_path)  # a walk from `.` names what it finds `./...`
    assert refusal(source.read_bytes, "./sub/back").startswith("leads back to .,")
    assert refusal(source.read_bytes, "sub/back/sub/here").startswith("leads back to sub/back/sub,")
    monkeypatch.chdir(tmp_path / "sub")
    assert refusal(source.read_bytes, "./here").startswith("leads back to .,")
    assert refusal(source.read_bytes, "../sub/back/sub/back").startswith(
        "leads back to ../sub/back,"
    )


def deny(monkeypatch: pytest.MonkeyPatch, name: str, *paths: Path) -> None:
    """`os.<name>` fails with "Permission denied" for `paths`: what a user without the
    permission gets (tests may run as root, whom permission bits do not stop)."""
    real = getattr(os, name)
    denied = {str(p) for p in paths}

    def fake(path: Any, *args: Any, **kwargs: Any) -> Any:
        if os.fspath(path) in denied:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, name, fake)


def test_a_folder_that_cannot_be_listed_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deny(monkeypatch, "scandir", tmp_path)
    assert refusal(source.read_bytes, str(tmp_path)) == (
        "is a folder that cannot be read: Permission denied"
    )


@pytest.mark.parametrize("reader", READERS, ids=list(READERS))
def test_a_file_without_permission_to_read_says_so(
    reader: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("kind: rules\n")
    deny(monkeypatch, "open", path)
    assert refusal(READERS[reader], str(path)) == "cannot read: Permission denied"


@NOT_AS_ROOT
def test_permission_bits_are_obeyed(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("kind: rules\n")
    path.chmod(0)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        assert refusal(source.read_bytes, str(path)) == "cannot read: Permission denied"
        assert refusal(source.read_bytes, str(locked)) == (
            "is a folder that cannot be read: Permission denied"
        )
    finally:
        locked.chmod(0o700)


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="no /proc")
def test_a_file_that_says_it_is_empty_is_read_to_its_end() -> None:
    """`/proc` files are regular and of size 0, yet hold text: read on, up to the cap."""
    assert b"Name:" in source.read_bytes("/proc/self/status")


def test_a_file_that_grows_past_the_cap_while_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "growing.yaml"
    path.write_bytes(b"x" * 100)
    real = os.fstat

    def smaller(descriptor: int) -> os.stat_result:
        status = real(descriptor)
        values = list(status[:10])
        values[stat.ST_SIZE] = 10  # it was 10 bytes when looked at
        return os.stat_result(values)

    monkeypatch.setattr(os, "fstat", smaller)
    with pytest.raises(InvalidDocument) as refused:  # read to one past the cap, no further
        source.read_bytes(str(path), source.Limits(max_bytes=50))
    # Neither the size it was looked at (10) nor what was read (51): only that it is more.
    assert refused.value.first.message == "the file is more than 50 bytes; the limit is 50"


def _lines(file: str) -> Iterator[tuple[int, bytes | None]]:
    return json_lines.read_lines(file)


def test_reading_lines_opens_nothing_until_asked(tmp_path: Path) -> None:
    """Lines are read as they are asked for: the refusal comes with the first."""
    lines = _lines(str(tmp_path / "missing.jsonl"))
    with pytest.raises(InvalidDocument, match="cannot read"):
        next(lines)


def test_an_error_while_reading_lines_is_a_refusal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk error half-way: the lines read stand, then the file's refusal."""

    class Failing(io.BytesIO):
        def readline(self, size: int | None = -1) -> bytes:
            if self.tell():
                raise OSError(5, "Input/output error")
            return super().readline(size)

    monkeypatch.setattr(json_lines, "open_regular", lambda file: Failing(b'{"a": 1}\n{"b": 2}\n'))
    lines = _lines(str(tmp_path / "x.jsonl"))
    assert next(lines) == (1, b'{"a": 1}\n')
    with pytest.raises(InvalidDocument, match="cannot read: Input/output error"):
        next(lines)


@pytest.mark.parametrize(
    ("raw", "hint"),
    [
        (b"PAR1\x15\x04\x00rest", "a cohort file? Its name must end in .parquet"),
        (b"PAR\x00", None),
        (b"\x89PNG\r\n\x1a\n\x00", None),
    ],
)
def test_a_binary_file_that_begins_as_parquet_does_is_told_how_to_name_it(
    raw: bytes, hint: str | None, tmp_path: Path
) -> None:
    """A cohort file renamed (or collected) as `cohort.csv` reaches the assessment reader,
    which only sees binary bytes: Parquet's magic number says what it is likely to be."""
    path = tmp_path / "cohort.csv"
    path.write_bytes(raw)
    with pytest.raises(InvalidDocument) as raised:
        source.read_source(path)
    [problem] = raised.value.diagnostics
    assert (problem.message, problem.code) == (
        "this is a binary file, not YAML or JSON text",
        "binary",
    )
    assert problem.hint == hint
