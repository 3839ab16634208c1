"""What the engine says of a name to disable that no plugin has (`--disable`,
`SELFREVIEW_DISABLE`, `disable` in the configuration): nothing is disabled on a guess, and
the warning names the plugin most likely meant: the name in capitals, with a space around
it, or drawn alike (`lea\u02d7support` with a modifier letter minus, which prints as
`lea-support`; the hint names the character), or how to give two names.
"""

from __future__ import annotations

from collections.abc import Iterable

from .errors import cut
from .escaping import shown_line
from .model.base import did_you_mean
from .model.problem import Problem

__all__ = ["unknown_disabled"]


def unknown_disabled(unknown: Iterable[str], names: set[str]) -> list[Problem]:
    """A warning for each of the `unknown` names to disable, with a hint among the plugins'
    `names`: one looking like it as plugin names are told alike (`_lookalikes.
    looking_alike`'s `ascii_alike`), else the closest (`did_you_mean`)."""
    said = []
    for name in unknown:
        message = (  # the name on one line, a newline in it `\n`: a message's lines are split;
            f"no plugin named `{shown_line(cut(name))}` to disable"  # cut as a file's value
            if name
            else "no plugin has an empty name: nothing to disable"
        )
        said.append(
            Problem(source="engine", message=_with(message, _hint(name, names)), severity="warning")
        )
    return said


def _hint(name: str, names: set[str]) -> str | None:
    """How to give two names, the plugin `name` looks like, or the closest to it."""
    if "," in name:
        return "one name to each: `--disable a --disable b`, or `SELFREVIEW_DISABLE=a,b`"
    if not name.isascii():
        from ._lookalikes import look_alike  # only for a name outside ASCII

        looks = look_alike(name.strip(), sorted(names), ascii_alike=True)
        if looks is not None:
            return looks
    return did_you_mean(name.strip(), sorted(names))


def _with(message: str, hint: str | None) -> str:
    return f"{message} ({hint})" if hint else message
