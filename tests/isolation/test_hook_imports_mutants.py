"""Each module the program imports again later is put back when a hook removed or replaced
it, not only `json` and `pydantic` (round 81's hook imports;
tests/isolation/test_hook_imports.py names those two).

`yaml` set to None by a hook had the program's next YAML read or written fail ("internal
error: ImportError", naming no plugin), and a stand-in `tabulate` drew every later text
table; each is a module the program imports at a command's first use of it.
"""

from __future__ import annotations

import importlib
import sys
import types

import pytest

from selfreview_core.isolation import process_state
from selfreview_core.isolation.calls import PluginCall
from selfreview_core.model.problem import Problem
from selfreview_core.plugins import PluginHost

PUT_BACK = (
    "warning: plugin hostile removed or replaced 1 of the program's modules in `sys.modules`"
    " (`{}` first) in its hook; put back"
)


@pytest.mark.usefixtures("unkept")
@pytest.mark.parametrize(
    ("name", "stand_in"),
    [("yaml", None), ("tabulate", types.ModuleType("tabulate"))],
    ids=["yaml-removed", "tabulate-replaced"],
)
def test_a_module_the_program_imports_later_is_put_back_after_a_hook_and_said(
    name: str,
    stand_in: types.ModuleType | None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The hook's work kept, no problem, the program's own module back, said once."""
    module = importlib.import_module(name)  # imported by the time plugins are
    monkeypatch.setattr(sys, "path", list(sys.path))
    process_state.keep()
    PluginHost([]).load_entry_points(list)  # the plugins imported: held from now on

    def hook() -> str:
        sys.modules[name] = stand_in  # type: ignore[assignment]
        return "its work"

    problems: list[Problem] = []
    try:
        done = PluginCall("hostile", "{}", problems).run(hook)
        after = sys.modules.get(name)
    finally:
        sys.modules[name] = module
    assert (done, problems, after is module) == ("its work", [], True)
    assert capsys.readouterr().err.splitlines() == [PUT_BACK.format(name)]
