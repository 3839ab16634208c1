"""`session/saving.py`: an `assess` session saves its file only while it is as the session
last read or wrote it (SPEC section 7: `assess` "refuses to save over a file that changed on
disk"). Before round 71 that was checked before the new file was written and flushed, and
not again: another program saving in between (a second `assess` on the same file, `combine`,
an editor) had its save replaced without a word. Now the check is made again once the new
file is on disk, just before the rename (`atomic.write_atomic`'s `unchanged`, as `combine
-o` does since round 70): the other program's save is kept, the session's answers are saved
beside the file, and the session stops saying where they are, exit 1."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from program import selfreview
from selfreview_core import Framework, load_assessment
from selfreview_core.cli import cli
from selfreview_core.outputs import atomic

HEADER = ["--school-id", "100001", "--school-name", "Piped School", "--date", "2026-11-01"]
CHANGED = (
    "{out} was changed by another program since this session read it (another `selfreview "
    "assess` or `combine`, an editor, a sync tool), so this session did not save over it. "
    "Your answers are in {beside}."
)
COMPARE = (
    "Compare the two files, keep what you want in {out}, then run the same command again to go on."
)


def assess(*args: str, answers: list[str]) -> Result:
    text = "".join(f"{a}\n" for a in answers)
    result = CliRunner().invoke(cli, ["assess", *args], input=text, catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def at_the_rename(
    monkeypatch: pytest.MonkeyPatch, out: Path, meanwhile: Callable[[], object]
) -> None:
    """`meanwhile` runs once, as the session's next save of `out` is being written: after
    the session has compared the file with what it read, before it renames the new one."""
    made = atomic.temporary_beside
    pending: list[Callable[[], object]] = [meanwhile]

    def temporary_beside(target: Path, noted: object = None) -> tuple[int, Path]:
        if pending and target == out.resolve():
            pending.pop()()
        return made(target, noted)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic, "temporary_beside", temporary_beside)


def other_save(tmp_path: Path, out: Path, answers: list[str]) -> bytes:
    """The file another `assess` session saves, judging as `answers` say: made on a copy."""
    copy = tmp_path / "elsewhere" / out.name
    copy.parent.mkdir()
    copy.write_bytes(out.read_bytes())
    assert assess("becta-srf", "-o", str(copy), answers=answers).exit_code == 0
    return copy.read_bytes()


def beside(out: Path) -> list[Path]:
    return sorted(p for p in out.parent.iterdir() if p.is_file() and p != out)


def test_a_save_made_as_the_session_writes_its_own_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, becta: Framework
) -> None:
    """Two `assess` sessions on one file: the other judges 1a2 at 5 and saves while this one
    writes its 3 for 1a2. The other's save stays; this session's answer is in the file beside,
    which it names; exit 1, and the question of evidence is never asked."""
    out = tmp_path / "review.yaml"
    assert assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "first", "q"]).exit_code == 0
    theirs = other_save(tmp_path, out, ["5", "theirs", "q"])
    at_the_rename(monkeypatch, out, lambda: out.write_bytes(theirs))
    result = assess("becta-srf", "-o", str(out), answers=["3", "mine", "q"])
    assert result.exit_code == 1
    [kept] = beside(out)
    assert kept.name.startswith("review.yaml.conflict-")
    assert kept.suffix == ".yaml"
    assert result.stderr.splitlines()[-2:] == [
        CHANGED.format(out=out, beside=kept),
        COMPARE.format(out=out),
    ]
    assert "Evidence" not in result.stdout.split("Level (")[-1]  # it stopped at the save
    assert out.read_bytes() == theirs
    mine = load_assessment(kept, becta)
    assert (mine.level("1a1"), mine.level("1a2")) == (4, 3)
    assert mine.judgements["1a1"].evidence == "first"


def test_a_new_file_another_session_starts_meanwhile_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, becta: Framework
) -> None:
    """The first save of a new review (once its header is complete): another session made
    the same file as this one wrote it. Before, this one's empty review replaced it."""
    out = tmp_path / "review.yaml"
    elsewhere = tmp_path / "theirs.yaml"
    header = ["--school-id", "100002", "--school-name", "Their School", "--date", "2026-11-01"]
    assert assess("becta-srf", "-o", str(elsewhere), *header, answers=["5", "", "q"]).exit_code == 0
    theirs = elsewhere.read_bytes()
    elsewhere.unlink()
    at_the_rename(monkeypatch, out, lambda: out.write_bytes(theirs))
    result = assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "", "q"])
    assert result.exit_code == 1
    [kept] = beside(out)
    assert result.stderr.splitlines()[-2:] == [
        CHANGED.format(out=out, beside=kept),
        COMPARE.format(out=out),
    ]
    assert out.read_bytes() == theirs
    mine = load_assessment(kept, becta)
    assert mine.school.id == "100001"
    assert len(mine.judgements) == 0


def test_a_file_removed_as_the_session_writes_is_not_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, becta: Framework
) -> None:
    """Moved away (a sync tool, `mv`) as the session saved: the session does not put a file
    back where the user moved one from; its answers are beside, the hint says to move them."""
    out = tmp_path / "review.yaml"
    assert assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "", "q"]).exit_code == 0
    moved = tmp_path / "moved" / "review.yaml"
    moved.parent.mkdir()
    at_the_rename(monkeypatch, out, lambda: out.rename(moved))
    result = assess("becta-srf", "-o", str(out), answers=["3", "", "q"])
    assert result.exit_code == 1
    assert not out.exists()
    [kept] = beside(out)
    assert result.stderr.splitlines()[-2:] == [
        f"{out} was removed or renamed by another program since this session read it. "
        f"Your answers are in {kept}.",
        f"Move {kept} to {out} (or give it as -o), then run the command again.",
    ]
    assert load_assessment(moved, becta).level("1a2") is None
    assert load_assessment(kept, becta).level("1a2") == 3


def test_a_second_assess_process_saving_meanwhile_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, becta: Framework
) -> None:
    """The other session is a real second process (`python -m selfreview_core assess`) on
    the same file, run to its end while this one writes: both answers are on disk."""
    out = tmp_path / "review.yaml"
    assert assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "", "q"]).exit_code == 0

    def second() -> None:
        done = selfreview(
            ["assess", "becta-srf", "-o", str(out)],
            input=b"5\ntheirs\nq\n",
            env={**os.environ, "COLUMNS": "80"},
        )
        assert done.returncode == 0, done.stderr

    at_the_rename(monkeypatch, out, second)
    result = assess("becta-srf", "-o", str(out), answers=["3", "mine", "q"])
    assert result.exit_code == 1
    [kept] = beside(out)
    assert CHANGED.format(out=out, beside=kept) in result.stderr
    theirs = load_assessment(out, becta)
    assert (theirs.level("1a2"), theirs.judgements["1a2"].evidence) == (5, "theirs")
    assert load_assessment(kept, becta).level("1a2") == 3


def test_combine_run_again_as_a_session_confirms_its_draft_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, becta: Framework
) -> None:
    """`assess --all` confirming combine's draft while `combine` (a real second process)
    drafts the file again with more responses: the new draft is kept, and what was
    confirmed is beside it. The session names combine among the programs that may have."""
    respondents = Path(__file__).resolve().parents[2] / "examples" / "respondents"
    teachers, parents = respondents / "teachers.jsonl", respondents / "parents.jsonl"
    out = tmp_path / "draft.yaml"
    draft = ["combine", str(teachers), "-o", str(out), "--min-group", "1"]
    assert CliRunner().invoke(cli, draft, catch_exceptions=False).exit_code == 0

    def again() -> None:
        done = selfreview([*draft[:2], str(parents), *draft[2:]])
        assert done.returncode == 0, done.stderr

    at_the_rename(monkeypatch, out, again)
    result = assess("becta-srf@2010", "-o", str(out), "--all", answers=["2", "confirmed", "q"])
    assert result.exit_code == 1
    [kept] = beside(out)
    assert result.stderr.splitlines()[-2:] == [
        CHANGED.format(out=out, beside=kept),
        COMPARE.format(out=out),
    ]
    assert "from 10 responses" in out.read_text(encoding="utf-8")  # combine's second draft
    assert load_assessment(kept, becta).level("1a1") == 2


def _swapped_as_saved(
    monkeypatch: pytest.MonkeyPatch, out: Path, swap: Callable[[], object]
) -> None:
    """`swap` runs once, at the session's second save of this run (the first writes the
    name checked at the start, `output_targets.fix`), after the session has compared `out`
    with what it read and before the save opens anything: where round 74 left a swap unseen."""
    from selfreview_core.session import saving

    write = saving.write_atomic  # type: ignore[attr-defined]
    saves: list[Path] = []

    def swapped(path: Path, *args: object, **kwargs: object) -> None:
        saves.append(path)
        if len(saves) == 2:
            swap()
        write(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(saving, "write_atomic", swapped)


def _to_device(out: Path) -> None:
    out.unlink()
    out.symlink_to(os.devnull)


def _to_pipe(out: Path) -> None:
    out.unlink()
    os.mkfifo(out)


@pytest.mark.parametrize(
    ("swap", "what"),
    [(_to_device, "a device"), (_to_pipe, "a named pipe")],
    ids=["a link to a device", "a pipe"],
)
def test_a_file_swapped_to_a_device_or_a_pipe_as_it_is_saved_loses_no_answer(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    becta: Framework,
    swap: Callable[[Path], None],
    what: str,
) -> None:
    """The session's file made a device (a link to `/dev/null`) or a named pipe nothing
    reads just as the evidence is saved. Before round 75 that save was streamed there:
    into `/dev/null`, exit 0, the answer lost; into the pipe, waited for for ever. Now a save
    of a file the session read is never streamed: its answers are kept beside, the thing
    there left as it is, exit 1, saying what is there (round 81: told as another program's
    change before, "Compare the two files", tests/session/test_saving_not_a_file.py)."""
    out = tmp_path / "review.yaml"
    assert assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "first", "q"]).exit_code == 0
    release = _released_after(out, 5.0) if swap is _to_pipe else None
    _swapped_as_saved(monkeypatch, out, lambda: swap(out))
    try:
        result = assess("becta-srf", "-o", str(out), answers=["3", "mine", "q"])
    finally:
        if release is not None:
            release.cancel()
    assert result.exit_code == 1
    [kept] = beside(out)
    assert kept.name.startswith("review.yaml.conflict-")
    assert result.stderr.splitlines()[-2:] == [
        f"{out} was replaced by {what} since this session read it, so this session did not "
        f"save there. Your answers are in {kept}.",
        f"Move {kept} to {out} (or give it as -o), then run the command again.",
    ]
    mine = load_assessment(kept, becta)
    assert (mine.level("1a1"), mine.level("1a2")) == (4, 3)
    assert (mine.judgements["1a1"].evidence, mine.judgements["1a2"].evidence) == ("first", "mine")
    assert out.is_symlink() if swap is _to_device else out.is_fifo()


def _released_after(fifo: Path, seconds: float) -> threading.Timer:
    """A reader opened on `fifo` after `seconds`, once: a save that waits for one (the old
    code) is let go, to fail the test rather than hang it."""

    def read() -> None:
        with open(fifo, "rb") as reader:
            reader.read()

    timer = threading.Timer(seconds, read)
    timer.daemon = True
    timer.start()
    return timer
