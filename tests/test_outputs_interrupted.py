"""A batch's files interrupted (Ctrl-C, or `kill`, which the program turns into one) at
every step of their making leave no temporary file behind.

Round 37 found `tests/cli/test_signals.py::test_a_stopped_batch_of_files_leaves_no_temporary_file`
failing in most runs on a quiet machine: a signal comes while the process waits in a
system call (making the file, flushing the group) and Python raises it at the next call,
which was before the new file was noted, or after the group had been taken off the list
of what to remove."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from selfreview_core.outputs import writing as outputs
from selfreview_core.outputs.atomic import temporary_beside
from selfreview_core.outputs.writing import BatchWriter


def _interrupted_after(real: Callable[..., Any]) -> Callable[..., Any]:
    def step(*args: Any, **kwargs: Any) -> Any:
        real(*args, **kwargs)
        raise KeyboardInterrupt

    return step


def _five_files(folder: Path) -> None:
    """A batch of five files in groups of two, as `report --output-dir` writes them."""
    with BatchWriter(folder, group=2) as writer:
        for number in range(5):
            writer.write(f"school-{number}", ".json", b"{}\n")
            if writer.due():
                writer.flush()
        writer.flush()


def _left(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


@pytest.mark.parametrize(
    "step", ["temporary_beside", "write_all", "sync_filesystem", "synced_each", "replace_over"]
)
def test_an_interrupt_after_any_step_leaves_no_temporary_file(
    step: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The files written before the interrupt's group stay; nothing half-made does."""
    monkeypatch.setattr(outputs, step, _interrupted_after(getattr(outputs, step)))
    if step == "synced_each":  # the way of a system that cannot flush a whole filesystem
        monkeypatch.setattr(outputs, "can_sync_filesystem", lambda: False)
    with pytest.raises(KeyboardInterrupt):
        _five_files(tmp_path)
    assert [name for name in _left(tmp_path) if name.endswith(".tmp")] == []
    assert all(name.startswith("school-") for name in _left(tmp_path))


def test_a_batch_stopped_as_it_makes_a_file_removes_that_file_and_no_other_batchs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two batches writing into one folder (two terminals, two scheduled jobs): the one
    stopped (Ctrl-C, `kill`) just as it makes a file removes that file alone. Before round
    59 it removed every temporary file of the target's name, the other batch's report
    waiting to be renamed among them, and that report was lost ("No such file or
    directory", exit 1)."""
    with BatchWriter(tmp_path) as other:
        other.write("school-1", ".json", b"theirs\n")
        interrupted = _interrupted_after(temporary_beside)
        monkeypatch.setattr(outputs, "temporary_beside", interrupted)
        with pytest.raises(KeyboardInterrupt), BatchWriter(tmp_path) as stopped:
            stopped.write("school-1", ".json", b"mine\n")
        monkeypatch.undo()
        assert other.flush() == []
    assert (tmp_path / "school-1.json").read_bytes() == b"theirs\n"
    assert _left(tmp_path) == ["school-1.json"]


@pytest.mark.parametrize("how", ["write_atomic", "open_atomic", "write_new"])
def test_one_file_interrupted_as_its_temporary_file_is_made_leaves_none(
    how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`-o FILE` (and a session's file saved beside a changed one) stopped by Ctrl-C just
    as its temporary file is made, before the name reaches the code that removes it: the
    file is removed, the target as it was. Before round 59 a hidden `.NAME.*.tmp` was left."""
    import os

    from selfreview_core.outputs import atomic

    target = tmp_path / "report.html"
    target.write_bytes(b"old")
    real_open = os.open

    def opened(path: Any, flags: int, mode: int = 0o777) -> int:
        handle = real_open(path, flags, mode)
        if str(path).endswith(".tmp"):
            os.close(handle)
            raise KeyboardInterrupt
        return handle

    def stream_new() -> None:
        with atomic.open_atomic(target) as stream:
            stream.write(b"new")

    write: Callable[[], object] = {
        "write_atomic": lambda: atomic.write_atomic(target, "new"),
        "open_atomic": stream_new,
        "write_new": lambda: atomic.write_new([tmp_path / "beside.html"], "new"),
    }[how]
    monkeypatch.setattr(os, "open", opened)  # the module `atomic` calls it from
    with pytest.raises(KeyboardInterrupt):
        write()
    monkeypatch.undo()
    assert _left(tmp_path) == ["report.html"]
    assert target.read_bytes() == b"old"
