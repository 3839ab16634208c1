"""The one guarded path every call into any plugin takes.

A plugin is code selfreview does not control. Whatever it does short of killing the process
(raise any `BaseException`, call `sys.exit`, fail at import, return a generator that raises
part-way, print) must become a problem naming it, while every other plugin's work stands
(SPEC section 4). So no plugin code runs except through `PluginCall.run` (one call: a hook,
an import, a render, or our own checks of what it gave, which may touch its objects) and
`PluginCall.collect` (iterating what it gave, one guarded step at a time). Only a user's
Ctrl-C (`KeyboardInterrupt`, where it can be told from a plugin's own: `interrupts`) goes
through. While plugin code runs, its standard output goes
to standard error (`output`).
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Concatenate, Final, Literal, ParamSpec, TypeVar

from ..errors import EndRefused, Refused
from ..model.problem import Problem
from .interrupts import the_users
from .output import plugin_output
from .plugin_code import callers

__all__ = [
    "ENGINE_NAMES",
    "FAILED",
    "MAX_ITEMS",
    "MAX_MESSAGE",
    "MAX_PROBLEMS",
    "Failed",
    "PluginCall",
    "clean",
    "describe",
]

P = ParamSpec("P")
T = TypeVar("T")
R = TypeVar("R")

#: Items taken from one plugin's answer to one hook call; an endless generator stops here.
MAX_ITEMS: Final = 100_000


#: Problems recorded for one plugin's answer to one hook call; one more line says the rest
#: are not shown, so a plugin returning a million wrong things cannot flood a report.
MAX_PROBLEMS: Final = 20


#: The severities a problem can have (`Problem.severity`).
_SEVERITIES: Final = ("error", "warning")

#: Characters of a plugin's exception message kept in a problem.
MAX_MESSAGE: Final = 500


class Failed(enum.Enum):
    """What a guarded call gives when the plugin failed (its problem is recorded)."""

    FAILED = "failed"


FAILED: Final = Failed.FAILED


def clean(text: str) -> str:
    """`text` with lone surrogates written as `\\udxxx`, so that it can always be encoded."""
    if text.isascii():
        return text
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _clip(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE else f"{text[:MAX_MESSAGE]}… ({len(text)} characters)"


def describe(error: BaseException) -> str:
    """`Type: message` for a plugin's exception, safe to show whatever the exception does
    (`sys.exit(code)` for `SystemExit`, `os._exit(code)` for the one refused in its place;
    a message that cannot be made is left out). The class's name is read as plain `str`:
    a class can be given a `str` subclass for a name, whose own methods may fail."""
    name = clean(str.__str__(type(error).__name__))
    try:
        if isinstance(error, SystemExit):  # `os._exit`, refused, ended its call as `sys.exit`
            name, call = (
                ("SystemExit", "os._exit") if isinstance(error, EndRefused) else (name, "sys.exit")
            )
            return f"{name}: {call}({_clip(clean(repr(error.code)))})"
        text = _clip(clean(str(error)))
    except KeyboardInterrupt:
        if the_users():
            raise
        return f"{name} (its message cannot be shown)"
    except BaseException:  # an exception whose message itself fails
        return f"{name} (its message cannot be shown)"
    return f"{name}: {text}" if text else name


class PluginCall:
    """One plugin's part in one call (a hook, an import, a render): the only way its code
    runs. Problems go to `problems`, at most `MAX_PROBLEMS` of them."""

    __slots__ = ("_recorded", "failure", "plugin", "problems", "trusted")

    def __init__(
        self, plugin: str, failure: str, problems: list[Problem], *, trusted: bool = False
    ) -> None:
        #: The plugin's name, credited with every problem.
        self.plugin = clean(plugin)
        #: How a failure reads, `{}` standing for the exception (`describe`).
        self.failure = failure
        self.problems = problems
        #: A built-in: its results are our own code's, so they are not validated again.
        self.trusted = trusted
        self._recorded = 0

    @property
    def recorded(self) -> int:
        """How many problems this call has had so far."""
        return self._recorded

    def problem(self, message: str, severity: Literal["error", "warning"] = "error") -> None:
        """Record a problem of this plugin (the first `MAX_PROBLEMS` of this call)."""
        self._recorded += 1
        if self._recorded <= MAX_PROBLEMS:
            self.problems.append(
                Problem(source=self.plugin, message=clean(message), severity=severity)
            )
        elif self._recorded == MAX_PROBLEMS + 1:
            self.problems.append(
                Problem(
                    source=self.plugin,
                    message=f"more than {MAX_PROBLEMS} problems in one call; the rest not shown",
                )
            )

    def failed(self, error: BaseException) -> None:
        """Record `error`, raised by the plugin's code, as its problem: one of our checks'
        `Refused` as it says; anything else as `failure` describes it, a `Refused` the
        plugin made itself included when it is not one a problem can hold (a message that
        is not plain text, a severity that is not one: a plugin may raise ours too)."""
        if type(error) is Refused:
            message = getattr(error, "message", None)
            severity = getattr(error, "severity", None)
            if type(message) is str and type(severity) is str and severity in _SEVERITIES:
                self.problem(message, severity)  # type: ignore[arg-type]  # one of the two
                return
        self.problem(self.failure.format(describe(error)))

    def run(self, function: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T | Failed:
        """`function(*args, **kwargs)` with the plugin's output on standard error; `FAILED`
        (and a problem) if it raises anything but `KeyboardInterrupt`."""
        try:
            with plugin_output():
                return function(*args, **kwargs)
        except KeyboardInterrupt as error:
            if the_users():
                raise
            self.failed(error)  # the plugin's own raise (`interrupts`)
        except BaseException as error:  # SPEC 4: all but a user's Ctrl-C is a problem
            self.failed(error)
        return FAILED

    def run_inside(
        self, function: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs
    ) -> T | Failed:
        """`run`, for a caller that already holds `plugin_output()` around its calls: the
        same guard without a redirection of its own (the hot path of every report)."""
        try:
            return function(*args, **kwargs)
        except KeyboardInterrupt as error:
            if the_users():
                raise
            self.failed(error)  # the plugin's own raise (`interrupts`)
        except BaseException as error:  # SPEC 4: all but a user's Ctrl-C is a problem
            self.failed(error)
        return FAILED

    def collect(
        self,
        result: object,
        convert: Callable[Concatenate[PluginCall, object, P], R],
        /,
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> list[R]:
        """`convert(self, item, ...)` of each item of `result`, an iterable a plugin gave.
        Iterating it runs the plugin's code (a generator's body), so each step is guarded:
        one that raises part-way keeps the items before it; an item `convert` refuses is
        lost alone; more than `MAX_ITEMS` stop with a problem. One redirection of standard
        output covers the whole loop, which keeps the cost per item small."""
        made: list[R] = []
        with plugin_output():
            # A plain list or tuple runs no plugin code to iterate; anything else may.
            plain = type(result) is list or type(result) is tuple
            iterator = _iterate(result) if plain else self.run(_iterate, result)
            if iterator is FAILED:
                return made
            end = object()
            for count in itertools.count():
                try:
                    item = next(iterator, end)
                except KeyboardInterrupt as error:
                    if the_users():
                        raise
                    self.failed(error)
                    break
                except BaseException as error:  # SPEC 4, as in `run`
                    self.failed(error)
                    break
                if item is end:
                    break
                if count == MAX_ITEMS:
                    self.problem(f"gave more than {MAX_ITEMS} items; the rest are ignored")
                    self.run(_close, iterator)  # a generator's `finally` is plugin code too
                    break
                try:
                    made.append(convert(self, item, *args, **kwargs))
                except KeyboardInterrupt as error:
                    if the_users():
                        raise
                    self.failed(error)
                except BaseException as error:  # SPEC 4, as in `run`
                    self.failed(error)
        return made


#: The names of calls made for the engine's own work on plugins (reading their names, listing
#: them), not for one plugin: a change made meanwhile is no named plugin's. No plugin may
#: take one (`plugins.PluginHost`).
ENGINE_NAMES: Final = frozenset({"engine", "entry points"})


def _its_plugin(frame: FrameType, ended: bool) -> str | None:
    """The plugin of the `PluginCall` whose method runs in `frame` (`plugin_code.calling`):
    one call, one plugin, whether its block has ended or not."""
    call = frame.f_locals.get("self")
    if isinstance(call, PluginCall) and call.plugin not in ENGINE_NAMES:
        return call.plugin
    return None


def _recommending(frame: FrameType, ended: bool) -> str | None:
    """The recommender the engine's loop (`Engine._recommendations`, one block around them
    all) is calling in `frame`; at the block's end, only if it called one alone."""
    names = frame.f_locals
    name = names.get("name")
    if type(name) is not str or (ended and len(names.get("recommenders", ())) != 1):
        return None
    return clean(name)


callers.update(
    {f"{__name__}:PluginCall.{method}": _its_plugin for method in ("run", "run_inside", "collect")},
)
callers["selfreview_core.engine:Engine._recommendations"] = _recommending


def _iterate(result: object) -> Iterator[object]:
    iterator: Iterator[object] = iter(result)  # type: ignore[call-overload]  # else: guarded
    return iterator


def _close(iterator: object) -> None:
    close = getattr(iterator, "close", None)
    if callable(close):
        close()
