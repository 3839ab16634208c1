"""`assess` and `plan -i` in a real 80x24 pseudo-terminal: no line wider than 80 columns,
the strand's heading right above the question, `b` back, evidence over several lines,
"Enter keeps level N", "n of N", and Ctrl-C keeping what was accepted.

The command runs as a user runs it: its own process, its standard streams a terminal of 80
columns and 24 lines (`TIOCSWINSZ`), that terminal its controlling terminal, so that Ctrl-C
typed (`\\x03`) is the terminal's interrupt, not a signal the test sends.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
import yaml

from program import Bound, asleep, ended, waits_in

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals")

COLUMNS, LINES = 80, 24
#: Seconds by the clock between reads of the terminal, the command's work looked at
#: between them (`program.Bound`): a wait for what it shows is bounded by its work, not
#: by the clock, which a loaded machine stretches.
LOOK = 0.25
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


#: Whether a process can be seen waiting (`program.asleep` reads `/proc`).
_PROC = Path("/proc/self/stat").exists()


class Missed(AssertionError):
    """The command waits for input, and what was expected is not shown: a Ctrl-C typed
    before its read began, which the read never saw."""


def _shown(master: int) -> bool:
    """Whether the terminal has more of what the command wrote, not yet read."""
    return bool(select.select([master], [], [], 0)[0])


class Terminal:
    """A process on an 80x24 pseudo-terminal: type into it, wait for what it shows."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
        env["TERM"] = "xterm"

        def controlling_terminal() -> None:  # in the child, before the command runs
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)
            # Python turns Ctrl-C into KeyboardInterrupt only if SIGINT is not ignored when
            # it starts, and an ignored signal stays ignored across exec (a test runner's
            # worker may ignore it): the user's shell leaves it at its default.
            signal.signal(signal.SIGINT, signal.SIG_DFL)

        self.process = subprocess.Popen(
            [sys.executable, "-m", "selfreview_core", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=cwd,
            env=env,
            preexec_fn=controlling_terminal,  # a test's own child
            close_fds=True,
        )
        os.close(slave)
        self.master = master
        self.seen = ""  # everything shown so far
        self.received = b""  # the same, as the bytes the terminal received
        self._read_to = 0  # how much of it `expect` has consumed

    def expect(self, text: str, wait: float | None = None, missed: str | None = None) -> str:
        """Read until `text` is shown (after what was expected before); what came until it.
        The wait bounded by the command's work (`program.Bound`: it hangs, or runs away),
        or, given `wait`, by that many seconds of the clock. Given `missed` (where the
        command waits as it reads its terminal, `_reading`), `Missed` once it waits there
        again with nothing more to show: a Ctrl-C it did not see."""
        bound, since = Bound(self.process), time.monotonic()
        while True:
            found = self.seen.find(text, self._read_to)
            if found >= 0:
                before = self.seen[self._read_to : found]
                self._read_to = found + len(text)
                return before
            ready, _, _ = select.select([self.master], [], [], LOOK)
            if not ready:
                if missed is not None and self._waits_in(missed) and not _shown(self.master):
                    raise Missed(text)
                try:
                    if wait is None:
                        bound.check()  # kills it when it fails
                    elif time.monotonic() - since >= wait:
                        raise AssertionError(f"not in {wait} s")
                except AssertionError as why:
                    raise AssertionError(
                        f"{text!r} never shown ({why}); the screen ends:\n{self.seen[-2000:]}"
                    ) from None
                continue
            try:
                data = os.read(self.master, 65536)
            except OSError:  # the process ended: the terminal is closed
                data = b""
            if not data:
                raise AssertionError(f"ended before {text!r}; it showed:\n{self.seen[-2000:]}")
            self.received += data
            self.seen += data.decode("utf-8", "replace")

    def interrupt(self, then: str) -> None:
        """Type Ctrl-C until `then` is shown, as a user would. A Ctrl-C that comes between
        the prompt being written and Python starting to read is not seen by the read
        (Python's `input` checks for it only when a read is interrupted): the user presses
        it again. The first press comes once the command waits at its prompt; another only
        once it waits there again with nothing more shown, never while a press is acted on,
        however slowly on a loaded machine (5 s of the clock guessed that, and a second
        press would stop what the first began). Where there is no `/proc` to see where it
        waits, 5 s of the clock still."""
        reading = self._reading()
        for _ in range(5):
            self.type("\x03")
            try:
                if reading is None:  # pragma: no cover - no /proc
                    self.expect(then, wait=5.0)
                else:
                    self.expect(then, missed=reading)
                return
            except Missed:
                continue
            except AssertionError:  # pragma: no cover - no /proc: not shown in 5 s
                if reading is not None:
                    raise
        self.expect(then)

    def _reading(self) -> str | None:
        """Where the command waits in the system as it reads its terminal at a prompt (its
        `wchan`), once it does; None where there is no `/proc` to say."""
        if not _PROC:  # pragma: no cover - no /proc
            return None
        assert asleep(self.process), "ended before it read its terminal"
        return self._wchan()

    def _waits_in(self, reading: str) -> bool:
        """Whether the command waits (`program.asleep`) where it waits reading its terminal."""
        return asleep(self.process) and self._wchan() == reading

    def _wchan(self) -> str | None:
        try:
            with open(f"/proc/{self.process.pid}/wchan", encoding="ascii") as found:
                return found.read().strip()
        except OSError:  # it ended
            return None

    def type(self, text: str) -> None:
        os.write(self.master, text.encode("utf-8"))

    def line(self, text: str = "") -> None:
        self.type(text + "\r")  # Enter: the terminal makes it a newline

    def finish(self) -> int:
        """Read to the end; the exit code. The wait bounded by the command's work."""
        bound = Bound(self.process)
        while True:
            ready, _, _ = select.select([self.master], [], [], LOOK)
            if not ready:
                try:
                    bound.check()  # kills it when it fails
                except AssertionError as why:
                    raise AssertionError(
                        f"never ended ({why}); the screen ends:\n{self.seen[-2000:]}"
                    ) from None
                continue
            try:
                data = os.read(self.master, 65536)
            except OSError:
                break
            if not data:
                break
            self.received += data
            self.seen += data.decode("utf-8", "replace")
        os.close(self.master)
        return ended(self.process).returncode

    def lines(self) -> list[str]:
        """Every line shown, colours taken out."""
        return _ANSI.sub("", self.seen).replace("\r\n", "\n").replace("\r", "\n").split("\n")


def assert_fits(terminal: Terminal) -> None:
    wide = [line for line in terminal.lines() if len(line) > COLUMNS]
    assert wide == [], "\n".join(wide)


def asked_to_add(terminal: Terminal, number: int) -> None:
    """Wait for `plan -i` to offer recommendation `number` of the 32 it makes."""
    terminal.expect(f"({number} of 32) ")
    terminal.expect("Add it to the plan? [Y/n/q]:")


def the_question_and_the_lines_above(before: str) -> list[str]:
    """The lines between the previous answer and a question, as shown."""
    return [line for line in before.replace("\r\n", "\n").split("\n") if line.strip()]


def test_assess_fits_80_columns_keeps_the_heading_by_the_question_goes_back_and_takes_paragraphs(
    tmp_path: Path,
) -> None:
    terminal = Terminal(
        [
            "assess",
            "becta-srf",
            "-o",
            "review.yaml",
            "--school-id",
            "100001",
            "--school-name",
            "Example Primary School",
            "--date",
            "2026-10-01",
        ],
        tmp_path,
    )
    before = terminal.expect("Level (")
    terminal.expect("5 worst .. 1 best; Enter skips, q stops)")
    # The question is asked right under its strand's heading: it never scrolled off.
    assert the_question_and_the_lines_above(before)[-1] == "-- 1a1 (1 of 12): The vision"
    terminal.line("4")
    terminal.expect('Evidence (optional; """ for several lines)')
    terminal.line('"""')
    terminal.expect('a line of """ alone ends it.')
    terminal.line("Governors agreed the vision in May.")
    terminal.line("")
    terminal.line("Staff meeting minutes, 12 June.")
    terminal.line('"""')
    before = terminal.expect("Level (")
    terminal.expect("Enter skips, b back, q stops)")
    assert the_question_and_the_lines_above(before)[-1] == (
        "-- 1a2 (2 of 12): Reviewing the vision"
    )
    terminal.line("b")  # back to 1a1: judged now, so Enter keeps its level
    before = terminal.expect("Level (")
    terminal.expect("5 worst .. 1 best; Enter keeps level 4, s skips, q stops)")
    assert "Strand 1a1 (1 of 12): The vision" in before
    assert "Currently judged at level 4." in before
    assert the_question_and_the_lines_above(before)[-1] == "-- 1a1 (1 of 12): The vision"
    terminal.line("")  # Enter keeps level 4
    terminal.expect("Evidence (optional;")
    terminal.line("")  # and the evidence
    terminal.expect("-- 1a2 (2 of 12)")
    terminal.line("q")
    assert terminal.finish() == 0
    assert_fits(terminal)
    saved = yaml.safe_load((tmp_path / "review.yaml").read_text(encoding="utf-8"))
    assert saved["judgements"]["1a1"] == {
        "level": 4,
        "evidence": "Governors agreed the vision in May.\n\nStaff meeting minutes, 12 June.",
        "judged_on": saved["judgements"]["1a1"]["judged_on"],
    }
    assert list(saved["judgements"]) == ["1a1"]


def test_assess_ctrl_c_keeps_every_answer_given(tmp_path: Path) -> None:
    terminal = Terminal(
        ["assess", "becta-srf", "-o", "review.yaml", "--school-id", "1", "--school-name", "S"],
        tmp_path,
    )
    terminal.expect("q stops)")
    terminal.line("3")
    terminal.expect("Evidence (optional;")
    terminal.line("")
    terminal.expect("-- 1a2 (2 of 12)")
    terminal.expect("q stops)")
    terminal.interrupt(then="Stopped. Your answers so far are in review.yaml")
    assert terminal.finish() == 1
    assert_fits(terminal)
    saved = yaml.safe_load((tmp_path / "review.yaml").read_text(encoding="utf-8"))
    assert saved["judgements"]["1a1"]["level"] == 3


def test_plan_interactive_counts_its_questions_and_ctrl_c_keeps_what_was_accepted(
    tmp_path: Path, root: Path
) -> None:
    review = root / "examples" / "example-primary-2025.yaml"
    terminal = Terminal(["plan", str(review), "-o", "plan.yaml", "-i"], tmp_path)
    asked_to_add(terminal, 1)
    terminal.line("y")
    terminal.expect("Owner")
    terminal.line("Headteacher")
    terminal.expect("Due date")
    terminal.line("2027-03-31")
    asked_to_add(terminal, 2)
    terminal.line("n")
    asked_to_add(terminal, 3)
    terminal.line("")  # yes, the default
    terminal.expect("Owner")
    terminal.line("")
    terminal.expect("Due date")
    terminal.line("")
    asked_to_add(terminal, 4)
    terminal.interrupt(then="Stopped at 4 of 32: the 2 action(s) accepted are kept")
    assert terminal.finish() == 1
    assert_fits(terminal)
    plan = yaml.safe_load((tmp_path / "plan.yaml").read_text(encoding="utf-8"))
    assert len(plan["actions"]) == 2
    assert plan["actions"][0]["owner"] == "Headteacher"
    assert str(plan["actions"][0]["due"]) == "2027-03-31"


def test_plan_interactive_ctrl_c_before_accepting_writes_nothing(
    tmp_path: Path, root: Path
) -> None:
    review = root / "examples" / "example-primary-2025.yaml"
    terminal = Terminal(["plan", str(review), "-o", "plan.yaml", "-i"], tmp_path)
    asked_to_add(terminal, 1)
    terminal.line("n")
    asked_to_add(terminal, 2)
    terminal.interrupt(then="Stopped before anything was written.")
    assert terminal.finish() == 1
    assert not (tmp_path / "plan.yaml").exists()


def test_plan_interactive_ctrl_c_at_the_owner_keeps_the_action_accepted(
    tmp_path: Path, root: Path
) -> None:
    """A real Ctrl-C at the first owner asked: before round 46 "Stopped before anything was
    written", the "yes" lost; now the action is written, with the due date given by
    `--due`, and the note says what was not asked."""
    review = root / "examples" / "example-primary-2025.yaml"
    args = ["plan", str(review), "-o", "plan.yaml", "-i", "--due", "2027-03-31"]
    terminal = Terminal(args, tmp_path)
    asked_to_add(terminal, 1)
    terminal.line("y")
    terminal.expect("Owner")
    terminal.interrupt(then="the 1 action(s) accepted are kept (the last stopped at its")
    assert terminal.finish() == 1
    plan = yaml.safe_load((tmp_path / "plan.yaml").read_text(encoding="utf-8"))
    assert [(a.get("owner"), str(a["due"])) for a in plan["actions"]] == [(None, "2027-03-31")]


def test_plan_status_fits_80_columns(tmp_path: Path, root: Path) -> None:
    plan = root / "examples" / "plan" / "example-primary-plan.yaml"
    review = root / "examples" / "example-primary-2026.yaml"
    terminal = Terminal(["plan", "--status", str(plan), "--review", str(review)], tmp_path)
    assert terminal.finish() == 0
    assert "1a2: 5 → 4" in terminal.seen  # the table is there, its rows wrapped to fit
    assert_fits(terminal)


def _hostile_school(tmp_path: Path, root: Path) -> Path:
    """The example review, its school named with the clipboard-setting and screen-clearing
    escapes a file can carry."""
    data = yaml.safe_load((root / "examples" / "example-primary-2026.yaml").read_text("utf-8"))
    data["school"]["name"] = "Evil \x1b]52;c;cHduZWQ=\x07 \x1b[2J School"
    path = tmp_path / "evil.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("output", ["-", "/dev/tty", "/dev/stdout"])
def test_collect_never_writes_its_binary_file_to_a_terminal(
    output: str, tmp_path: Path, root: Path
) -> None:
    """Parquet's bytes hold the schools' names raw: on a terminal, a name's escapes would
    set the clipboard or clear the screen, where every text shown has them escaped."""
    school = _hostile_school(tmp_path, root)
    before = sorted(tmp_path.iterdir())
    terminal = Terminal(["collect", str(school), "-o", output], tmp_path)
    assert terminal.finish() == 2
    shown = " ".join(" ".join(terminal.lines()).split())
    assert (
        "Error: Invalid value for -o: a cohort file (Parquet) is binary, not for a terminal: "
        "give a file name, or redirect standard output to one"
    ) in shown
    assert "PAR1" not in terminal.seen
    assert "\x1b]52" not in terminal.seen
    assert "\x1b[2J" not in terminal.seen
    assert "Traceback" not in terminal.seen
    assert sorted(tmp_path.iterdir()) == before  # nothing written, nothing left behind


def test_collect_on_a_terminal_still_writes_a_file_or_dev_null(tmp_path: Path, root: Path) -> None:
    school = _hostile_school(tmp_path, root)
    for output in (str(tmp_path / "cohort.parquet"), "/dev/null"):
        terminal = Terminal(["collect", str(school), "-o", output], tmp_path)
        assert terminal.finish() == 0, terminal.seen
        assert f"Collected 1 review (12 rows) into {output}." in terminal.seen
    assert (tmp_path / "cohort.parquet").read_bytes().startswith(b"PAR1")


def test_what_counts_as_a_terminal_to_write_to(tmp_path: Path) -> None:
    """Asked of a name without writing to it, and never waiting: a named pipe with no
    reader is not opened at all."""
    from selfreview_core.cli._terminal import writes_to_terminal

    (tmp_path / "file").write_bytes(b"")
    os.mkfifo(tmp_path / "pipe")
    assert not writes_to_terminal(str(tmp_path / "file"))
    assert not writes_to_terminal(str(tmp_path / "pipe"))
    assert not writes_to_terminal(str(tmp_path / "missing"))
    assert not writes_to_terminal("/dev/null")
    master, slave = os.openpty()
    try:
        assert writes_to_terminal(os.ttyname(slave))
    finally:
        os.close(master)
        os.close(slave)


def test_asking_whether_a_named_pipe_is_a_terminal_never_opens_it(tmp_path: Path) -> None:
    """Only a character device is opened to ask: opening a pipe's writing end would wake a
    reader waiting on it, and closing it would end that reader's input."""
    import threading

    from selfreview_core.cli._terminal import writes_to_terminal

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    woken = threading.Event()

    def reader() -> None:
        with open(pipe, "rb"):  # waits for a writer
            woken.set()

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    try:
        # The reader waits for a writer (were it not, no open could wake it), seen in the
        # system where it can be, at any load; else given a few tenths of a second.
        waiting = waits_in(thread, "wait_for_partner")
        if waiting is None:  # pragma: no cover - no /proc
            time.sleep(0.3)
        else:
            assert waiting, "the reader never waited for a writer"
        assert not writes_to_terminal(str(pipe))
        if waiting is None:  # pragma: no cover - no /proc
            woken.wait(1.0)
        else:  # still waiting: woken, it would leave the pipe's open at once
            assert waits_in(thread, "wait_for_partner"), "the reader was woken"
        assert not woken.is_set()
    finally:
        _let_the_reader_go(pipe)
        thread.join(120.0)  # a guard against a hang, not a measure: the reader is let go


def _let_the_reader_go(pipe: Path) -> None:
    """Open the pipe's writing end if a reader still waits on it, and close it: the reader
    sees the end of its input. Without waiting: once the reader has gone (woken by the
    open the test looks for), a blocking open would wait for a reader for ever, and the
    test that should fail would hang instead."""
    try:
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
    except OSError as error:
        if error.errno != errno.ENXIO:  # ENXIO: no reader waits, it has gone already
            raise
