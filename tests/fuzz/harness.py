"""The contract every fuzz input is held to, shared by the tests, the corpus and the long run.

Every loader, given any bytes or text, returns a document or raises `SelfReviewError` whose
every diagnostic names the file (and a line within the text, where it has one); nothing
hangs. The CLI never shows a traceback and exits 0, 1 or 2.
"""

from __future__ import annotations

import math
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from types import FrameType
from typing import Any

from click.testing import CliRunner

from selfreview_core.errors import SelfReviewError
from selfreview_core.files.limits import DEFAULT_LIMITS, Limits
from selfreview_core.files.source import parse_text
from selfreview_core.files.yaml_events import parse_events, parse_yaml
from selfreview_core.files.yaml_fast import text_size
from selfreview_core.loader import load, load_assessment, load_framework, load_rules
from selfreview_core.model.framework import Framework

ROOT = Path(__file__).resolve().parents[2]
#: Seconds of processor time one input may take before it counts as a hang (a detector,
#: not a speed test).
HANG_SECONDS = 5.0
#: Diagnostics that are about the file as a whole, so carry no line.
WHOLE_FILE_CODES = frozenset({"too-large", "unreadable"})
#: What the CLI runs on every input (FILE is replaced by the input's path).
COMMANDS: tuple[tuple[str, ...], ...] = (
    ("validate", "FILE"),
    ("report", "FILE"),
    ("benchmark", "FILE"),
    ("show", "FILE"),
)


class Hang(BaseException):
    """An input ran past the hang guard's limit.

    A BaseException, so that no `except Exception` on the way (the CLI's own catch-all
    included) can swallow it.
    """


@contextmanager
def hang_guard(seconds: float = HANG_SECONDS, *, waits: bool = False) -> Iterator[None]:
    """Raise `Hang` in the block if it runs longer than `seconds` (main thread, POSIX).

    By default `seconds` are the process's processor time (`ITIMER_PROF`): what the guard
    catches is a loader that loops, which spends processor time, and a loaded machine does
    not make that time longer. Measured by the clock on the wall, as it was, a fuzzed
    document past 5 s at load 17 failed a test that had not hung (round 81), the alarm
    raised inside a weakref callback where Python can only ignore it. A block that may hang
    by waiting (a read from a FIFO no one writes) spends none, so it asks for the wall
    clock with `waits=True`.
    """
    on_main_thread = threading.current_thread() is threading.main_thread()
    if not hasattr(signal, "setitimer") or not on_main_thread:
        yield
        return

    def alarm(signum: int, frame: FrameType | None) -> None:
        clock = "s" if waits else "s of processor time"
        raise Hang(f"no result after {seconds} {clock}")

    timer, number = (
        (signal.ITIMER_REAL, signal.SIGALRM) if waits else (signal.ITIMER_PROF, signal.SIGPROF)
    )
    previous = signal.signal(number, alarm)
    signal.setitimer(timer, seconds)
    try:
        yield
    finally:
        signal.setitimer(timer, 0)
        signal.signal(number, previous)


@cache
def frameworks() -> dict[str, Framework]:
    """Every framework a fuzzed assessment or rule pack may name, by id and by id@version."""
    found = [
        load_framework(ROOT / "frameworks" / "becta-srf.yaml"),
        load_framework(ROOT / "tests" / "data" / "good" / "tiny-framework.yaml"),
    ]
    return {name: f for f in found for name in (f.id, f.ref)}


def _text_of(data: str | bytes) -> str:
    if isinstance(data, bytes):
        return data.decode("utf-8-sig", "replace")
    return data


def check_error(error: SelfReviewError, name: str, data: str | bytes) -> None:
    """Each diagnostic names `name`, and a line and column inside the text when it has one."""
    text = _text_of(data)
    # libyaml also breaks lines at \r, NEL, LS and PS; splitlines breaks at those and more.
    last_line = len(text.splitlines()) + 1
    assert error.diagnostics
    for diagnostic in error.diagnostics:
        assert diagnostic.file == name, diagnostic
        assert diagnostic.message, diagnostic
        if diagnostic.line is None:
            assert diagnostic.code in WHOLE_FILE_CODES, f"no line: {diagnostic}"
            continue
        assert 1 <= diagnostic.line <= last_line, f"line outside the text: {diagnostic}"
        assert diagnostic.column is not None, diagnostic
        assert 1 <= diagnostic.column <= len(text) + 1, f"column outside the text: {diagnostic}"
        str(diagnostic)  # renders: no value in it too big to print


def loaders() -> tuple[tuple[str, Callable[[str, str | bytes], Any]], ...]:
    lookup = frameworks()
    becta = lookup["becta-srf"]
    return (
        ("parse_text", lambda name, data: parse_text(data, name)),
        ("load", lambda name, data: load(name, text=data)),
        ("load+frameworks", lambda name, data: load(name, text=data, framework=lookup)),
        ("load_framework", lambda name, data: load_framework(name, text=data)),
        ("load_assessment", lambda name, data: load_assessment(name, lookup, text=data)),
        ("load_assessment-", lambda name, data: load_assessment(name, text=data)),
        ("load_rules", lambda name, data: load_rules(name, becta, text=data)),
        ("load_rules-", lambda name, data: load_rules(name, text=data)),
    )


def check_loaders(name: str, data: str | bytes) -> None:
    """Every loader on `data` (named `name`): a result or a clean `SelfReviewError`; and
    both YAML readers agree on it."""
    for _, loader in loaders():
        with hang_guard():
            try:
                loader(name, data)
            except SelfReviewError as error:
                check_error(error, name, data)
    with hang_guard():
        check_yaml_readers_agree(data)
        check_text_limit_edge(data)


def check_yaml_readers_agree(data: str | bytes, limits: Limits = DEFAULT_LIMITS) -> None:
    """The fast YAML reader gives exactly what the event reader gives: the same data (types
    and all), the same problems and the same positions; or it leaves the text to it."""
    text = _text_of(data)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # `parse_text` refuses these before any YAML reader
        return
    fast, fast_problems = parse_yaml(text, "f.yaml", limits)
    slow, slow_problems = parse_events(text, "f.yaml", limits)
    assert fast_problems == slow_problems
    assert same_data(fast.data, slow.data), (fast.data, slow.data)
    assert fast.values == slow.values
    assert fast.keys == slow.keys


def check_text_limit_edge(data: str | bytes) -> None:
    """At the edge of `Limits.max_expanded_chars`, for a document without problems: with
    the limit at exactly the text it expands to (aliases in full), both readers accept it;
    one character less, the event reader refuses it at that limit alone, and the fast
    reader agrees. So the two readers, and `text_size`, count the same characters.

    Without an alias (no `*`), the text a document expands to is never longer than the text
    that writes it: the fast reader relies on that to skip counting."""
    text = _text_of(data)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return
    tree, problems = parse_events(text, "f.yaml")
    if problems or tree.data is None:
        return
    size = text_size(tree.data, sys.maxsize)
    if "*" not in text:
        assert size <= len(text), (size, len(text))
        return
    exact = Limits(max_expanded_chars=size)
    assert parse_events(text, "f.yaml", exact)[1] == []
    check_yaml_readers_agree(text, exact)
    if size:
        under = Limits(max_expanded_chars=size - 1)
        [problem] = parse_events(text, "f.yaml", under)[1]
        assert problem.code == "too-large", problem
        assert "characters of text" in problem.message, problem
        check_yaml_readers_agree(text, under)


def same_data(a: Any, b: Any) -> bool:
    """Equal and of the same types all the way down (`1`, `1.0` and `True` differ), NaN
    equal to NaN, keys in the same order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(
            same_data(x, y) for x, y in zip(a.items(), b.items(), strict=True)
        )
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(same_data(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def check_cli(path: Path) -> None:
    """Every command on the file at `path`: no traceback, no internal error, exit 0, 1 or 2."""
    runner = CliRunner()
    for command in COMMANDS:
        args = [str(path) if arg == "FILE" else arg for arg in command]
        with hang_guard():
            result = runner.invoke(cli(), args, catch_exceptions=False)
        shown = f"selfreview {' '.join(args)} -> {result.exit_code}\n{result.output}"
        assert result.exit_code in (0, 1, 2), shown
        assert "Traceback" not in result.output, shown
        assert "internal error" not in result.output, shown


def cli() -> Any:
    from selfreview_core.cli import cli as command

    return command
