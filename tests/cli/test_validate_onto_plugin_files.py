"""`validate` printing onto a file a plugin gives (SPEC section 7: no output ever overwrites
an input).

`validate f.yaml a.yaml >> .../rules.yaml`, a framework first, then an assessment: the
framework's line went onto the end of the plugin's rule pack before the engine, built only
for the assessment, could check standard output (round 78's limit), and every later run
warned that the pack did not load. A cold `validate` into a file imports no engine
(tests/cli/test_cold_imports.py); so `validate` builds its engine before its first line
only where standard output may be a plugin's file: a name that ends as one does (`.yaml`,
`.json`, `.twin`, `.py`, ...), or a file with another name (a hard link).

Run as a user runs it, in a process of its own with the plugin installed as pip would
(`program.with_plugin`): only there is standard output a file.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cli.test_stdout_onto_plugin_files import FILES, appended, kit, said
from program import selfreview
from selfreview_core.twins import TWIN_SUFFIX
from test_outputs import snapshot

__all__ = ["kit"]  # the fixture, from its own tests

#: The problem the plugin `kit` gives once its rule packs are collected.
ALSO = (
    b"warning: plugin becta-leadership: rule pack becta-leadership is also provided by "
    b"kit; using kit's\n"
)

#: `validate` of files that need no engine, one of them or all: each prints its lines before
#: an engine is built, where it is built at all.
COLD = {
    "a framework": "validate f.yaml",
    "a framework, then an assessment": "validate f.yaml a.yaml",
    "a framework as JSON": "validate f.yaml --format json",
    "a framework, quietly": "validate f.yaml a.yaml -q",
}


@pytest.mark.parametrize("case", list(COLD))
def test_validate_of_a_framework_onto_a_plugins_rule_pack_is_refused(
    kit: tuple[Path, Path, dict[str, str]], case: str
) -> None:
    """Exit 2 before any line, naming standard output, the pack and the plugin; every file
    of the plugin and of the working folder as it was (`appended`)."""
    message = appended(kit, COLD[case], "kit/rules.yaml")
    assert message == said(FILES["kit/rules.yaml"], kit[0] / "kit/rules.yaml", instead=False)


@pytest.mark.parametrize("target", list(FILES))
def test_validate_of_a_framework_onto_any_file_a_plugin_gives_is_refused(
    kit: tuple[Path, Path, dict[str, str]], target: str
) -> None:
    """A framework, a migration, the plugin's own module: each refused so."""
    message = appended(kit, "validate f.yaml", target)
    assert message == said(FILES[target], kit[0] / target, instead=False)


def test_validate_onto_a_plugins_file_by_a_hard_link_or_a_symbolic_link_is_refused(
    kit: tuple[Path, Path, dict[str, str]],
) -> None:
    """`>> said.txt`, a hard link to the pack (a name no plugin's file has), and `>> l.log`,
    a symbolic link to it (the system holds the pack's own name): refused as the pack."""
    site, work, env = kit
    pack = site / "kit/rules.yaml"
    os.link(pack, work / "said.txt")
    (work / "l.log").symlink_to(pack)
    for name in ("said.txt", "l.log"):
        before = snapshot(site, work)
        with (work / name).open("ab") as out:
            done = selfreview(["validate", "f.yaml"], cwd=work, env=env, stdout=out)
        stderr = done.stderr.decode("utf-8")
        assert done.returncode == 2, stderr
        assert " ".join(stderr.split("Error: ")[-1].split()) == said(
            FILES["kit/rules.yaml"], pack, instead=False
        )
        assert snapshot(site, work) == before


@pytest.mark.parametrize("args", ["validate f.yaml a.yaml", "validate a.yaml"])
@pytest.mark.parametrize("name", ["out.yaml", "out.json", "out.yaml.twin", "out.py", "said"])
def test_validate_onto_a_file_named_as_a_plugins_file_may_be_that_is_none_is_written(
    kit: tuple[Path, Path, dict[str, str]], name: str, args: str
) -> None:
    """A file that is no input, whatever its name, takes what `validate` prints into a pipe,
    byte for byte, exit 0. Standard error is as it is then but for the plugins' problems,
    said once where the engine is built to check the file (`kit` gives a rule pack named as
    becta-leadership's), as `show` and `report` say them printing into a file; `said`, a
    name no plugin's file has, builds no engine for `f.yaml a.yaml` and says none."""
    site, work, env = kit
    before = snapshot(site)
    (work / name).write_bytes(b"kept\n")
    with (work / name).open("ab") as out:
        filed = selfreview(args.split(), cwd=work, env=env, stdout=out)
    piped = selfreview(args.split(), cwd=work, env=env)
    assert (filed.returncode, piped.returncode) == (0, 0), filed.stderr
    assert (work / name).read_bytes() == b"kept\n" + piped.stdout
    assert piped.stdout.startswith(b"f.yaml: ok: framework" if "f.yaml" in args else b"a.yaml")
    assert piped.stderr == b""
    engine = name != "said" or "f.yaml" not in args  # `a.yaml` alone needs one anyway
    assert filed.stderr.count(b"also provided") == engine
    assert filed.stderr.replace(ALSO, b"") == b""
    assert snapshot(site) == before


def test_the_twins_suffix_is_the_one_looked_for() -> None:
    """`_unnamed_inputs` names the twins' suffix without importing `twins` (which imports
    the models, at start-up): the two agree."""
    from selfreview_core.cli._unnamed_inputs import _PLUGINS_SUFFIXES

    assert TWIN_SUFFIX in _PLUGINS_SUFFIXES


def test_standard_output_whose_name_cannot_be_read_may_be_a_plugins_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the system keeps no table of names (`/proc`, not on every system), or standard
    output's cannot be read, the file is looked at as if it may be a plugin's, at the
    engine's cost, rather than printed onto one unchecked; read, its name decides."""
    from selfreview_core.cli import _unnamed_inputs

    (tmp_path / "said.txt").write_text("", encoding="utf-8")
    found = os.stat(tmp_path / "said.txt")  # a file of one name
    monkeypatch.setattr(os, "fstat", lambda number: found)
    monkeypatch.setattr(os, "readlink", lambda name: str(tmp_path / "said.txt"))
    assert _unnamed_inputs.may_be_a_plugins_file() is False
    monkeypatch.setattr(os, "readlink", lambda name: str(tmp_path / "rules.YAML"))
    assert _unnamed_inputs.may_be_a_plugins_file() is True

    def unread(name: str) -> str:
        raise FileNotFoundError(name)

    monkeypatch.setattr(os, "readlink", unread)
    assert _unnamed_inputs.may_be_a_plugins_file() is True
