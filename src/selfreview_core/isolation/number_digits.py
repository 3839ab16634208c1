"""The longest whole number, in digits, that the program's readers turn into one, which
plugin code may not leave changed.

The JSON reader refuses a number longer than `sys.get_int_max_str_digits()` ("a number
5,000 characters long is too long"), as Python's own limit (4,300 digits) is there to keep
a hostile file from taking minutes of the processor: turning text into a whole number takes
time growing with the square of its length. A plugin that lifted the limit
(`sys.set_int_max_str_digits(0)`, at import or in a hook) had every later file read with no
such bound, a number millions of digits long parsed for minutes; one that lowered it (to
640, the least Python allows) had a file read differently than without the plugin.

So the program's `sys.set_int_max_str_digits` (`note`, from `process_state.keep`) notes the
limit as it was before the first change, and when plugin code has run the limit is put
back, said once. Noting costs nothing on the way of a report. The program never changes the
limit itself, so a change is noted whoever makes it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import Final

__all__ = ["Digits", "release"]

#: Python's own function, as it is before `Digits.note` makes it note.
_set_digits: Final = sys.set_int_max_str_digits


class Digits:
    """The limit as it was before plugin code changed it (None: unchanged since put back)."""

    __slots__ = ("before",)

    def __init__(self) -> None:
        self.before: int | None = None

    def back(self) -> str | None:
        """The limit as it was, and the message saying so; None if it was not changed."""
        before, self.before = self.before, None
        if before is None or (now := sys.get_int_max_str_digits()) == before:
            return None
        _set_digits(before)
        return (
            f"a plugin changed the longest number read (to {now} digits, 0: any); put back"
            f" to {before}, which keeps a file's long number from taking minutes to read"
        )

    def note(self, changed: Callable[[str], None]) -> None:
        """From now on `sys.set_int_max_str_digits` notes the limit before its first
        change, and calls `changed` (which has the program put it back when plugin code
        has run)."""

        @wraps(_set_digits)
        def set_int_max_str_digits(maxdigits: int) -> None:
            before = sys.get_int_max_str_digits()
            _set_digits(maxdigits)
            if self.before is None:
                self.before = before
                changed("digits")

        sys.set_int_max_str_digits = set_int_max_str_digits


def release() -> None:
    """Python's own `sys.set_int_max_str_digits` back (a forked process's)."""
    sys.set_int_max_str_digits = _set_digits
