"""A plugin that closes the program's own standard output or error (`sys.__stdout__`,
`sys.__stderr__`, past the stand-ins it is given) at import and in its hook: the stream is
opened again on its descriptor, said once, and every school's report is written whole,
with the other files' errors told and the exit status theirs
(`isolation.stream_stand_ins.Owned`)."""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO, cast

import pytest

from program import reports_whole, selfreview, with_plugin
from selfreview_core.isolation.output import _OneThread, _Proxy, _Unfailing

if sys.platform == "win32":  # pragma: no cover - descriptors 1 and 2 as POSIX has them
    pytest.skip("POSIX descriptors", allow_module_level=True)

EXAMPLES = ("example-primary-2025.yaml", "example-primary-2026.yaml")


def _closing(tmp_path: Path, how: str) -> dict[str, str]:
    """The program's environment with `hostile-closes` installed alone, doing `how`, and
    its streams buffered as a user's are (not `PYTHONUNBUFFERED`)."""
    env = with_plugin(tmp_path / "site", "hostile-closes", "selfreview_hostile.closes")
    env.pop("PYTHONUNBUFFERED", None)
    return dict(env, SELFREVIEW_HOSTILE_CLOSES=how)


def _warnings(how: str) -> list[str]:
    closed = {"output": ["output"], "detach": ["output"], "error": ["error"]}
    names = [name for word in how.split(",") for name in closed[word]]
    return [f"warning: a plugin closed standard {name}; opened again" for name in names]


@pytest.mark.parametrize("how", ["output", "detach", "error", "error,output"])
def test_every_report_reaches_standard_output_whatever_stream_a_plugin_closed(
    how: str, root: Path, tmp_path: Path
) -> None:
    """Before, no report was written (status 120, a traceback), or Python aborted."""
    (tmp_path / "bad.yaml").write_text("kind: assessment\n", encoding="utf-8")
    schools = [str(root / "examples" / name) for name in EXAMPLES]
    args = ["report", *schools, "bad.yaml", "--format", "json"]
    done = selfreview(args, cwd=tmp_path, env=_closing(tmp_path, how))
    told = done.stderr.decode()
    assert done.returncode == 1, told  # the bad file's, and only its
    assert "Traceback" not in told, told
    assert "lost sys.stderr" not in told, told
    assert "bad.yaml:1:1: error: missing required key" in told, told
    for warning in _warnings(how):
        assert told.count(warning) == 1, told  # once, though closed for every school
    reports = reports_whole(done.stdout, schools, "hostile-closes-kept")
    for report in reports:
        assert report["problems"] == []


@pytest.mark.parametrize("how", ["output", "error"])
def test_a_report_written_to_its_file_ends_the_command_with_success(
    how: str, root: Path, tmp_path: Path
) -> None:
    """Before, the report was written and the command still ended with a traceback and
    status 120, as it flushed a standard output the plugin had closed."""
    school = str(root / "examples" / EXAMPLES[1])
    done = selfreview(
        ["report", school, "-o", "out.json"], cwd=tmp_path, env=_closing(tmp_path, how)
    )
    told = done.stderr.decode()
    assert done.returncode == 0, told
    assert done.stdout == b""
    assert sorted(told.splitlines()) == sorted([*_warnings(how), "Wrote out.json (json)."]), told
    report = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert "hostile-closes-kept" in [rec["id"] for rec in report["recommendations"]]
    assert os.path.getsize(tmp_path / "out.json") > 1000


# The stand-ins themselves, in this process, on a file's descriptor.


@pytest.fixture
def descriptor(tmp_path: Path) -> Iterator[int]:
    """A file's descriptor, open for writing, as standard output's is."""
    number = os.open(tmp_path / "out.txt", os.O_WRONLY | os.O_CREAT)
    yield number
    os.close(number)


def _text(number: int, encoding: str = "utf-8") -> io.TextIOWrapper:
    return open(number, "w", encoding=encoding, closefd=False)


@pytest.mark.parametrize("how", ["write", "writelines", "buffer", "detach"])
def test_a_closed_stream_of_the_programs_is_opened_again_and_takes_the_write(
    how: str, descriptor: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = _text(descriptor)
    stream = _OneThread(real)
    real.write("before ")
    real.detach() if how == "detach" else real.close()
    if how == "writelines":
        stream.writelines(iter(["af", "ter"]))  # an iterator: written whole, once
        stream.writelines(["!"])
    else:
        written = stream.buffer.write(b"after!") if how in ("buffer", "detach") else None
        written = stream.write("after!") if how == "write" else written
        assert written == 6  # as the stream it stands for counts
    stream.flush()
    stream.buffer.flush()
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "before after!"
    assert stream.real is not real
    assert capsys.readouterr().err == "warning: a plugin closed standard output; opened again\n"


def test_the_binary_stream_taken_before_the_close_writes_on(
    descriptor: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stream = _OneThread(_text(descriptor))
    binary = stream.buffer
    stream.real.close()
    assert binary.write(b"after") == 5
    binary.flush()
    assert (tmp_path / "out.txt").read_bytes() == b"after"
    assert capsys.readouterr().err.count("opened again") == 1


def test_a_write_the_stream_refuses_is_no_close(descriptor: int, tmp_path: Path) -> None:
    """A character the stream's encoding has no place for (a `ValueError` too) is told
    as it is, not taken for a closed stream opened again (and refused again, for ever)."""
    stream = _OneThread(_text(descriptor, encoding="ascii"))
    with pytest.raises(UnicodeEncodeError):
        stream.write("Ŵ")
    with pytest.raises(UnicodeEncodeError):
        stream.writelines(["Ŵ"])
    stream.write("ok")
    stream.flush()
    assert (tmp_path / "out.txt").read_text(encoding="ascii") == "ok"


def _in_memory() -> TextIO:
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8")


def test_a_stream_with_no_descriptor_or_not_the_programs_stays_closed() -> None:
    """A program's own stream (an IDE's, a test's: no descriptor) and a program embedding
    the engine (`_Proxy`, which owns no stream) see the close as it is."""
    for stream in (_OneThread(_in_memory()), _Proxy(_in_memory())):
        stream.real.close()
        with pytest.raises(ValueError, match="closed file"):
            stream.write("x")
        with pytest.raises(ValueError, match="closed file"):
            stream.flush()


def test_another_threads_stream_is_not_opened_again_as_the_programs(
    descriptor: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """A thread other than the command's writes to standard error: a failure there is not
    one of the stream stood in for."""
    stream = _OneThread(_text(descriptor))
    stream.owner = -1  # the command runs in another thread
    closed = io.StringIO()
    closed.close()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stderr", closed)
        with pytest.raises(ValueError, match="closed file"):
            stream.write("x")
    assert capsys.readouterr().err == ""


def test_standard_error_closed_is_opened_again_and_closed_for_good_is_dropped(
    descriptor: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    error = _Unfailing(_text(descriptor))
    error.real.close()
    assert error.write("told\n") == 5
    error.writelines(["and ", "this\n"])
    error.flush()
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "told\nand this\n"
    assert capsys.readouterr().err == "warning: a plugin closed standard error; opened again\n"
    gone = _Unfailing(_in_memory())
    gone.real.close()
    assert gone.write("lost") == 4  # dropped: telling must not fail
    gone.writelines(["lost"])
    gone.flush()


def test_the_warning_is_said_once_however_often_the_stream_is_closed(
    descriptor: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stream = _OneThread(_text(descriptor))
    for word in ("one ", "two"):
        stream.real.close()
        stream.write(word)
    stream.flush()
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "one two"
    assert capsys.readouterr().err.count("opened again") == 1


def test_a_flush_of_the_binary_stream_after_a_close_opens_it_again(
    descriptor: int, capsys: pytest.CaptureFixture[str]
) -> None:
    stream = _OneThread(_text(descriptor))
    binary = stream.buffer
    stream.real.close()
    binary.flush()  # no error: opened again
    assert not stream.real.closed
    assert capsys.readouterr().err.count("opened again") == 1
    memory = _OneThread(_in_memory())
    binary = memory.buffer
    memory.real.close()
    with pytest.raises(ValueError, match="closed file"):
        binary.flush()


def test_a_descriptor_closed_too_is_told_as_the_closed_stream(descriptor: int) -> None:
    """Nothing to open again: the stream's own error, once, not a loop."""
    copy = os.dup(descriptor)
    stream = _OneThread(_text(copy))
    stream.real.close()
    os.close(copy)
    with pytest.raises(ValueError, match="closed file"):
        stream.write("lost")


def test_what_the_stand_in_does_not_define_is_the_real_streams(descriptor: int) -> None:
    real = _text(descriptor)
    stream = cast(Any, _OneThread(real))
    assert (stream.name, stream.mode) == (real.name, real.mode)
