"""Round 55's attack on what landed that day: the rule pack passed by with a note, the
signal watcher around a cohort's connection, and the plugin manager's count of changes."""

from __future__ import annotations

import os
import signal
import tempfile
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core import hookimpl
from selfreview_core.cli import cli

from .test_escaping import _EntryPoint, install
from .test_folder_frameworks import COMMANDS, RULES, _folder, _run
from .test_rule_pack_passed_by import V1


def test_a_rule_pack_passed_by_is_named_as_every_file_name_is(tmp_path: Path) -> None:
    """The note named the file as text (`shown`), not as a name (`shown_name`): a zero-width
    space in `rules\\u200b.yaml` was written raw, the note reading `rules.yaml`, a file that
    is not there; a bad assessment's name in the same run is shown `bad\\u200b.yaml`."""
    command = COMMANDS["benchmark"]
    folder = _folder(tmp_path, command, {"framework.yaml": V1.read_text("utf-8")}, "example-srf@1")
    plain = _run(command, folder)
    for name in ("rules\u200b.yaml", "rules\u202e\t\n\x1b.yaml"):
        (folder / name).write_text(RULES, encoding="utf-8")
    found = _run(command, folder)
    assert found.exit_code == 0, found.stderr
    assert found.output == plain.output
    notes = found.stderr.splitlines()[:2]
    tail = ": note: a rule pack, not read: `benchmark` applies none"
    assert sorted(notes) == sorted(
        [f"{folder}/rules\\u200b.yaml{tail}", f"{folder}/rules\\u202e\\t\\n\\x1b.yaml{tail}"]
    )
    assert found.stderr.removeprefix("\n".join(notes) + "\n") == plain.stderr


@pytest.mark.parametrize("name", ["benchmark", "collect", "voices", "combine", "report"])
def test_a_folder_of_rule_packs_alone_is_said_to_hold_no_assessment(
    tmp_path: Path, name: str
) -> None:
    """A folder holding only a rule pack was told "give the assessments as well as their
    framework", naming a framework nobody gave; it names the rule pack now. Exit 2, no
    note (nothing was passed by: the command did not run), nothing written."""
    folder = tmp_path / "packs"
    folder.mkdir()
    (folder / "rules.yaml").write_text(RULES, encoding="utf-8")
    out = tmp_path / COMMANDS[name].output
    args = [*COMMANDS[name].args, str(folder), "-o", str(out)]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 2, result.stderr
    assert result.stderr.endswith("\nError: give the assessments as well as their rule pack\n"), (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    assert not out.exists()
    assert [p.name for p in folder.iterdir()] == ["rules.yaml"]


def test_a_plugin_closing_the_wakeup_descriptor_it_set_loses_no_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`support` runs the plugins' hooks while its cohort's connection is open. A plugin
    that set a wakeup descriptor of its own and closed it had the command end in "Error:
    Bad file descriptor", exit 1, no report written and DuckDB's spill folder left: the
    descriptor was put back as the connection closed. Now none is put back."""
    command = COMMANDS["support"]
    folder = _folder(tmp_path, command, {"framework.yaml": V1.read_text("utf-8")}, "example-srf@1")
    module = types.ModuleType("wakeup_plugin")
    hostile: list[bool] = []

    @hookimpl
    def selfreview_recommend(assessment: object) -> list[object]:
        del assessment
        if not hostile:
            return []
        read, write = os.pipe()
        os.set_blocking(write, False)
        signal.set_wakeup_fd(write)
        os.close(read)
        os.close(write)
        return []

    module.selfreview_recommend = selfreview_recommend  # type: ignore[attr-defined]
    install(monkeypatch, _EntryPoint("wakeup", module))
    plain = _run(command, folder)
    assert plain.exit_code == 0, plain.stderr
    hostile.append(True)
    spill = tmp_path / "tmp"
    spill.mkdir()
    monkeypatch.setenv("TMPDIR", str(spill))
    monkeypatch.setattr(tempfile, "tempdir", None)
    try:
        found = _run(command, folder)
    finally:
        signal.set_wakeup_fd(-1)
    assert (found.exit_code, found.output, found.stderr) == (0, plain.output, plain.stderr)
    assert list(spill.iterdir()) == []
