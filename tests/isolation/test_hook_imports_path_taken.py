"""A hook that takes the program's own folders off the import path (`sys.path[:] =
[folder]`, `sys.path = [folder]`, `del sys.path[0]`) has them put back, first and in their
order, the folders it added kept after them, and is named in a warning (round 82). Before,
round 81 moved only folders put before the program's: with the program's taken away the
standard library's modules imported later were not found, `report --format html` failed
naming the standard exporter ("ImportError"), and with `--jobs 2` the command ended in
"internal error: ModuleNotFoundError: No module named 'multiprocessing'", naming no plugin."""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest

from selfreview_core.isolation import hook_imports, process_state
from selfreview_core.isolation.calls import PluginCall
from selfreview_core.model.problem import Problem

TAKEN = (
    "warning: plugin hostile took {} off the import path (`sys.path`); put back, so that the"
    " modules the program imports are found"
)
ONE = "`/program-first`, the program's own,"
MANY = "3 of the program's own folders (`/program-first` first)"


def _emptied() -> None:
    sys.path[:] = ["/its-helpers"]


def _replaced() -> None:
    sys.path = ["/its-helpers"]


def _first_taken() -> None:
    del sys.path[0]


@pytest.mark.usefixtures("unkept")
@pytest.mark.parametrize(
    ("take", "gone", "added"),
    [
        (_emptied, MANY, ["/its-helpers"]),
        (_replaced, MANY, ["/its-helpers"]),
        (_first_taken, ONE, []),
    ],
    ids=["emptied", "replaced", "first-taken"],
)
def test_the_programs_folders_taken_off_the_path_by_a_hook_are_put_back_and_said(
    take: Callable[[], None],
    gone: str,
    added: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    own = ["/program-first", "/program-stdlib", "/program-site"]
    monkeypatch.setattr(sys, "path", list(own))
    process_state.keep()
    hook_imports.hold(process_state.kept)  # as once the plugins are imported

    def hook() -> str:
        take()
        return "its work"

    problems: list[Problem] = []
    assert PluginCall("hostile", "{}", problems).run(hook) == "its work"
    assert (problems, sys.path) == ([], [*own, *added])
    assert capsys.readouterr().err.splitlines() == [TAKEN.format(gone)]
    kept = process_state.kept
    assert kept is not None
    assert kept.imports is not None
    assert not kept.imports.changed()  # held anew: nothing more to say


@pytest.mark.usefixtures("unkept")
def test_what_is_no_folder_put_on_the_path_by_a_hook_is_taken_out_not_a_failure(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A list first on the path and a dict after a folder put first: the checks of the path
    raised `TypeError: unhashable type` (the first inside the program, naming no plugin; the
    second as the plugin's failure, its folder left first). Python's import ignores what is
    not text there, so it is taken out; the folder is moved after the program's (round 82,
    the lead)."""
    own = ["/program-first", "/program-stdlib", "/program-site"]
    monkeypatch.setattr(sys, "path", list(own))
    process_state.keep()
    hook_imports.hold(process_state.kept)

    def listed() -> str:
        sys.path.insert(0, ["/in-a-list"])  # type: ignore[arg-type]
        return "its work"

    def taken_with_a_dict() -> str:
        sys.path[:] = ["/its-helpers", {"a": 1}]  # type: ignore[list-item]
        return "its work"

    problems: list[Problem] = []
    assert PluginCall("hostile", "{}", problems).run(listed) == "its work"
    assert (problems, sys.path) == ([], own)
    assert capsys.readouterr().err.splitlines() == [
        "warning: plugin hostile put `['/in-a-list']` before the program's own on the import"
        " path (`sys.path`); what cannot name a folder taken out (Python's import ignores"
        " it); moved after them, so that the modules the program imports are its own"
    ]
    assert PluginCall("other", "{}", problems).run(taken_with_a_dict) == "its work"
    assert (problems, sys.path) == ([], [*own, "/its-helpers"])
    assert capsys.readouterr().err == ""  # the path's change is said once a run
