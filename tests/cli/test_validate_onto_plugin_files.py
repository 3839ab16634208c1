"""`validate` printing onto a file a plugin gives (SPEC section 7: no output ever overwrites
an input).

`validate f.yaml v1.yaml >> .../rules.txt`, a framework first, then an assessment whose
framework only a plugin gives: the framework's line went onto the end of the plugin's rule
pack before the engine, built only for the assessment, could check standard output (round
78's limit). Round 79 built the engine before the first line where standard output's name
ended as a plugin's file may (`.yaml`, `.json`, ...): `validate f.yaml --format json >
out.json` paid for an engine it did not need (415 M instructions to 1,107 M) and said the
plugins' problems, and a pack by another suffix (`rules.txt`) still took the line. Since
round 80 `validate` holds what it prints into a file until an engine is built, which
checks standard output against every file its plugins give, whatever its name, before any
of it goes (`cli/validate._Held`); a run that builds no engine reads no plugin's file, is
as cold as into a pipe (tests/cli/test_cold_imports.py), and is not checked against them.

Run as a user runs it, in a process of its own with the plugin installed as pip would
(`program.with_plugin`): only there is standard output a file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import click
import pytest

from cli.test_stdout_onto_plugin_files import EXAMPLES, FILES, MODULE, appended, kit, said
from program import selfreview
from selfreview_core.cli import validate as validating
from test_outputs import snapshot

__all__ = ["kit"]  # the fixture, from its own tests

#: The problem the plugin `kit` gives once its rule packs are collected.
ALSO = (
    b"warning: plugin becta-leadership: rule pack becta-leadership is also provided by "
    b"kit; using kit's\n"
)

#: `validate` printing a line before its engine is built: `f.yaml` needs none, `v1.yaml`
#: (a review against `example-srf@1`, which only the plugin gives) does.
LATE = {
    "a framework, then an assessment": "validate f.yaml v1.yaml",
    "as JSON": "validate f.yaml v1.yaml --format json",
    "quietly, with a warning": "validate f.yaml f.yaml v1.yaml -q",
    "a broken file first": "validate broken.yaml v1.yaml",
}


@pytest.fixture
def late(kit: tuple[Path, Path, dict[str, str]]) -> tuple[Path, Path, dict[str, str]]:
    """`kit`, its rule pack named `rules.txt` (the loader reads a file by its first
    character, so a plugin may), and in the working folder `v1.yaml` and `broken.yaml`."""
    site, work, env = kit
    (site / "kit/rules.yaml").rename(site / "kit/rules.txt")
    module = MODULE.replace('"rules.yaml"', '"rules.txt"')
    assert module != MODULE
    (site / "kitfiles.py").write_text(module, encoding="utf-8")
    shutil.copy(EXAMPLES / "migration/example-school-v1.yaml", work / "v1.yaml")
    (work / "broken.yaml").write_text("kind: framework\nid: [\n", encoding="utf-8")
    return site, work, env


#: Each of the plugin's files in `late`, and what the refusal calls it.
LATE_FILES = {"kit/rules.txt": FILES["kit/rules.yaml"]} | {
    name: what for name, what in FILES.items() if name != "kit/rules.yaml"
}


@pytest.mark.parametrize("case", list(LATE))
@pytest.mark.parametrize("target", list(LATE_FILES))
def test_validate_onto_a_plugins_file_is_refused_before_its_first_line(
    late: tuple[Path, Path, dict[str, str]], case: str, target: str
) -> None:
    """Exit 2 before any line, naming standard output, the file and the plugin, whatever the
    file's name (the pack is `rules.txt`); every file of the plugin and of the working
    folder as it was, none added (`appended`)."""
    message = appended(late, LATE[case], target)
    assert message == said(LATE_FILES[target], late[0] / target, instead=False)


def test_validate_onto_a_plugins_file_by_a_hard_link_or_a_symbolic_link_is_refused(
    late: tuple[Path, Path, dict[str, str]],
) -> None:
    """`>> said.txt`, a hard link to the pack, and `>> l.log`, a symbolic link to it:
    refused as the pack, by the file's identity, not its name."""
    site, work, env = late
    pack = site / "kit/rules.txt"
    os.link(pack, work / "said.txt")
    (work / "l.log").symlink_to(pack)
    for name in ("said.txt", "l.log"):
        before = snapshot(site, work)
        with (work / name).open("ab") as out:
            done = selfreview(LATE["as JSON"].split(), cwd=work, env=env, stdout=out)
        stderr = done.stderr.decode("utf-8")
        assert done.returncode == 2, stderr
        assert " ".join(stderr.split("Error: ")[-1].split()) == said(
            LATE_FILES["kit/rules.txt"], pack, instead=False
        )
        assert snapshot(site, work) == before


#: What `validate f.yaml` and its JSON print into a pipe with `kit` installed, by the
#: arguments: the same for every name below (`f.yaml` is the bundled framework, named
#: relative to the working folder), so run once a worker, not once a name (round 82).
_PIPED: dict[str, subprocess.CompletedProcess[bytes]] = {}


@pytest.mark.parametrize("args", ["validate f.yaml", "validate f.yaml --format json"])
@pytest.mark.parametrize("name", ["out.yaml", "out.json", "out.yaml.twin", "out.py", "said"])
def test_validate_needing_no_engine_into_any_file_builds_none(
    kit: tuple[Path, Path, dict[str, str]], name: str, args: str
) -> None:
    """A framework alone needs no engine: into a file of any name (`> out.json` too), what it
    prints into a pipe, byte for byte, exit 0, and nothing on standard error, as no engine
    is built to say the plugins' problems (`kit` gives a pack named as becta-leadership's).
    Before round 80 a name ending as a plugin's file may built one, and said them."""
    site, work, env = kit
    before = snapshot(site)
    (work / name).write_bytes(b"kept\n")
    with (work / name).open("ab") as out:
        filed = selfreview(args.split(), cwd=work, env=env, stdout=out)
    if args not in _PIPED:
        _PIPED[args] = selfreview(args.split(), cwd=work, env=env)
    piped = _PIPED[args]
    assert (filed.returncode, piped.returncode) == (0, 0), filed.stderr
    assert (work / name).read_bytes() == b"kept\n" + piped.stdout
    assert piped.stdout.startswith(b"f.yaml: ok: framework" if "json" not in args else b"{")
    assert (filed.stderr, piped.stderr) == (b"", b"")
    assert snapshot(site) == before


@pytest.mark.parametrize("case", list(LATE))
def test_validate_building_its_engine_late_into_a_file_that_is_none_is_written(
    late: tuple[Path, Path, dict[str, str]], case: str
) -> None:
    """Into a file that is no input, what was held goes once the engine is built: the file
    takes what a pipe takes, byte for byte, with the same exit code; standard error is the
    same but for the plugins' problems (`kit` gives a pack named as becta-leadership's),
    said once the rule packs are collected to check the file, as `report`'s are."""
    site, work, env = late
    before = snapshot(site)
    with (work / "out.txt").open("ab") as out:
        filed = selfreview(LATE[case].split(), cwd=work, env=env, stdout=out)
    piped = selfreview(LATE[case].split(), cwd=work, env=env)
    assert filed.returncode == piped.returncode == (1 if "broken" in case else 0), filed.stderr
    assert (work / "out.txt").read_bytes() == piped.stdout
    assert piped.stdout.count(b"\n") >= (2 if "quietly" not in case else 0)
    assert filed.stderr.count(ALSO) == 1  # its rule packs collected for the check
    assert filed.stderr.replace(ALSO, b"") == piped.stderr
    assert snapshot(site) == before


def test_a_run_that_reads_no_plugins_file_may_print_onto_one(
    kit: tuple[Path, Path, dict[str, str]],
) -> None:
    """`validate f.yaml >> .../rules.yaml`, a framework alone: the run builds no engine,
    reads no file of the plugins', and so has none of them among its inputs; what it
    prints is appended, as by any program, exit 0 (round 79 refused it by the name's
    suffix, at the engine's cost for every `> out.json`; a name of another suffix it did
    not). A pin of the decision, beside the refusals above."""
    site, work, env = kit
    pack = site / "kit/rules.yaml"
    kept = pack.read_bytes()
    with pack.open("ab") as out:
        done = selfreview(["validate", "f.yaml"], cwd=work, env=env, stdout=out)
    assert (done.returncode, done.stderr) == (0, b"")
    assert pack.read_bytes().startswith(kept + b"f.yaml: ok: framework")


class _State:
    """A stand-in for the command's `State`: counts the engines built, or refuses."""

    def __init__(self, refused: bool = False) -> None:
        self.built, self.refused = 0, refused

    def engine(self) -> str:
        self.built += 1
        if self.refused:
            raise click.UsageError("standard output is a plugin's file")
        return "engine"


def test_what_is_held_goes_in_order_once_the_engine_is_built(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Lines and warnings held, in their order, until the engine is built; then each goes to
    its stream; later ones at once; the engine built once."""
    state = _State()
    held = validating._Held(state, holding=True)  # type: ignore[arg-type]
    held.echo("a: ok")
    held.echo("warning: w", err=True)
    held.echo("b: ok")
    assert capsys.readouterr() == ("", "")
    assert held.engine() == "engine"  # type: ignore[comparison-overlap]
    assert capsys.readouterr() == ("a: ok\nb: ok\n", "warning: w\n")
    held.echo("c: ok")
    held.let_go()
    assert capsys.readouterr() == ("c: ok\n", "")
    assert state.built == 1


def test_nothing_held_goes_where_the_engine_refuses_standard_output(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The engine's refusal drops what was held: not a line of it, even at the end."""
    held = validating._Held(_State(refused=True), holding=True)  # type: ignore[arg-type]
    held.echo("a: ok")
    with pytest.raises(click.UsageError):
        held.engine()
    held.let_go()
    assert capsys.readouterr() == ("", "")


def test_more_than_is_held_at_most_builds_the_engine_to_let_it_go(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long run into a file holds no more than `HELD_AT_MOST` characters: past it, the
    engine is built (and checks standard output), and everything goes."""
    monkeypatch.setattr(validating, "HELD_AT_MOST", 10)
    state = _State()
    held = validating._Held(state, holding=True)  # type: ignore[arg-type]
    held.echo("0123456789")
    assert (state.built, capsys.readouterr()) == (0, ("", ""))
    held.echo("x")
    assert (state.built, capsys.readouterr().out) == (1, "0123456789\nx\n")


def test_nothing_is_held_printing_into_a_pipe(capsys: pytest.CaptureFixture[str]) -> None:
    """Standard output not a file: each line goes at once, and no engine is built."""
    state = _State()
    held = validating._Held(state, holding=False)  # type: ignore[arg-type]
    held.echo("a: ok")
    assert capsys.readouterr().out == "a: ok\n"
    assert state.built == 0


@pytest.mark.parametrize("into", ["a file", "a pipe"])
def test_a_warning_told_as_the_files_are_read_goes_to_standard_error(
    kit: tuple[Path, Path, dict[str, str]], into: str
) -> None:
    """`--framework g.yaml`, the framework `f.yaml` gives too: the warning is on standard
    error, held with the lines or not, never in what is printed."""
    _site, work, env = kit
    shutil.copy(work / "f.yaml", work / "g.yaml")
    args = ["validate", "f.yaml", "--framework", "g.yaml"]
    if into == "a file":
        with (work / "out.txt").open("wb") as out:
            done = selfreview(args, cwd=work, env=env, stdout=out)
        printed = (work / "out.txt").read_bytes()
    else:
        done = selfreview(args, cwd=work, env=env)
        printed = done.stdout
    assert done.returncode == 0, done.stderr
    assert done.stderr == (
        b"warning: framework becta-srf@2010 is given twice, in f.yaml and g.yaml; using f.yaml\n"
    )
    assert printed.startswith(b"f.yaml: ok: framework")
    assert b"warning" not in printed
