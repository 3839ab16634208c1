"""A plugin that puts back Python's own hooks for errors no caller can handle, at import
and in its hook: the program's are put back when its code has run, said once, and every
failing thread and freed object is told in one line, never a traceback
(`isolation.error_hooks`)."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

from program import reports_whole, selfreview, with_plugin
from selfreview_core.isolation.error_hooks import Hooks

EXAMPLES = ("example-primary-2025.yaml", "example-primary-2026.yaml")
PUT_BACK = (
    "warning: plugin hostile-hooks replaced how an error that ends a thread, or is raised while an"
    " object is freed, is told; put back, so that each is told in one line, not a traceback"
)
HINT = "set SELFREVIEW_DEBUG=1 to see where"


def test_every_failure_is_one_line_whoever_replaced_the_hooks(root: Path, tmp_path: Path) -> None:
    """Before round 49, `hostile-hooks` had each school's failing thread and freed object
    printed with Python's traceback ("Exception in thread sender", "Exception ignored
    in")."""
    env = with_plugin(tmp_path / "site", "hostile-hooks", "selfreview_hostile.hooks")
    schools = [str(root / "examples" / name) for name in EXAMPLES]
    done = selfreview([*("report", *schools), "--format", "json"], cwd=tmp_path, env=env)
    told = done.stderr.decode()
    assert done.returncode == 0, told
    assert told.splitlines() == [
        PUT_BACK,  # once, though put back after its import and after each school
        "warning: thread `sender` ended with an error (ValueError: no answer from the"
        f" server); {HINT}",
        "warning: `selfreview_hostile.hooks.Connection.__del__` failed, and was ignored"
        f" (RuntimeError: could not close its connection); {HINT}",
        "2 reports written",
    ]
    assert "Traceback" not in told
    reports_whole(done.stdout, schools, "hostile-hooks-kept")


@pytest.mark.parametrize("which", ["thread", "unraisable"])
def test_either_hook_replaced_is_put_back(which: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each hook is looked at alone, and put back alone as it was."""
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(sys, "unraisablehook", sys.unraisablehook)
    hooks = Hooks.here()
    assert not hooks.replaced()
    assert hooks.back() is None
    module, name = (threading, "excepthook") if which == "thread" else (sys, "unraisablehook")
    setattr(module, name, print)
    assert hooks.replaced()
    assert hooks.back() == PUT_BACK.replace("warning: plugin hostile-hooks", "a plugin")
    assert (threading.excepthook, sys.unraisablehook) == (hooks.thread, hooks.unraisable)
    assert not hooks.replaced()
