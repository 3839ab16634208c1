"""A plugin that lifts the limit on the digits of a number read
(`sys.set_int_max_str_digits(0)`, at import and in its hook): put back when its code has
run, said once, so that a file's number too long is refused as it is without the plugin
(`isolation.number_digits`)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from program import reports_whole, selfreview, with_plugin
from selfreview_core.isolation.number_digits import Digits

EXAMPLES = ("example-primary-2025.yaml", "example-primary-2026.yaml")
WARNING = (
    "warning: plugin hostile-unsettles changed the longest number read (to 0 digits, 0: any);"
    " put back to 4300, which keeps a file's long number from taking minutes to read"
)


def test_a_number_too_long_is_refused_whatever_limit_a_plugin_lifted(
    root: Path, tmp_path: Path
) -> None:
    """Before round 48, the number was parsed (for minutes, were it long enough) and the
    file told of its other errors instead."""
    env = with_plugin(tmp_path / "site", "hostile-unsettles", "selfreview_hostile.unsettles")
    (tmp_path / "long.json").write_text('{"kind": "assessment", "x": ' + "9" * 5000 + "}\n")
    schools = [str(root / "examples" / name) for name in EXAMPLES]
    done = selfreview(
        ["report", schools[0], "long.json", schools[1], "--format", "json"],
        cwd=tmp_path,
        env=dict(env, SELFREVIEW_HOSTILE_UNSETTLES="digits", PYTHONINTMAXSTRDIGITS="4300"),
    )
    assert done.returncode == 1, done.stderr  # the long file's, and only its
    assert done.stderr.decode().splitlines() == [
        WARNING,
        "long.json:1:29: error: x: a number 5,000 characters long is too long",
        "2 reports written; 1 assessment skipped (errors above)",
    ]
    reports_whole(done.stdout, schools, "hostile-unsettles-kept")


@pytest.mark.usefixtures("unkept")  # Python's own function and the limit back after it
def test_the_limit_is_noted_before_its_first_change_only() -> None:
    before = sys.get_int_max_str_digits()
    noted: list[None] = []
    digits = Digits()
    digits.note(lambda what: noted.append(None))
    sys.set_int_max_str_digits(before + 1)
    sys.set_int_max_str_digits(before + 2)
    assert noted == [None]  # once
    assert digits.back() is not None
    assert sys.get_int_max_str_digits() == before  # as before the first
    assert digits.back() is None  # nothing more to put back
    sys.set_int_max_str_digits(before)
    assert digits.back() is None  # changed to what it was: nothing said
    assert noted == [None, None]
