"""Standard output that is a file a plugin gives (SPEC section 7: no output ever overwrites
an input).

`report school.yaml >> .../rules.yaml`, where `rules.yaml` is the rule pack an installed
plugin gives (or its framework, its migration, its Python module), wrote the report onto
the end of the pack, exit 0, and every later run failed on it ("rule pack does not load").
Standard output was checked before any work against the files the command line and the
settings name, but the plugins' files are known only once the engine has collected them.
They are checked then now, before the command prints (`_unnamed_inputs.engine_built`):
exit 2, the same words as for an input named on the command line, every file as it was.
`frameworks` and `plugins`, which read the plugins' files, and `config`, which reads the
settings, print nothing over them either. (`validate` prints a line a file as it goes and
builds its engine only at the first file that needs it: lines printed before that are not
checked, as a cold `validate` into a file imports no engine, tests/cli/test_cold_imports.)

Run as a user runs it, in a process of its own with the plugin installed as pip would
(`program.with_plugin`): only there is standard output a file.
"""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import click
import pytest

from program import selfreview, with_plugin
from selfreview_core.cli import cli
from selfreview_core.cli._common import State
from selfreview_core.cli._unnamed_inputs import engine_built, printed_onto_input
from selfreview_core.command_inputs import Inputs
from selfreview_core.engine import Engine
from test_engine import plugin_module
from test_outputs import snapshot, temporary_files

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
LEADERSHIP = ROOT / "plugins/becta-leadership/src/selfreview_becta_leadership/becta-leadership.yaml"

#: The plugin `kit`: its module, which gives the files in KIT (beside it, in `site`).
MODULE = """\
from pathlib import Path

from selfreview_core import hookimpl

KIT = Path(__file__).with_name("kit")


@hookimpl
def selfreview_frameworks():
    return [KIT / "srf-1.yaml", KIT / "srf-2.yaml"]


@hookimpl
def selfreview_rule_packs():
    return [KIT / "rules.yaml"]


@hookimpl
def selfreview_migrations():
    return [KIT / "mig.yaml"]
"""

#: Each of the plugin's files, under `site`, and what the refusal calls it.
FILES = {
    "kit/rules.yaml": "the rule pack file of plugin kit",
    "kit/srf-1.yaml": "the framework file of plugin kit",
    "kit/mig.yaml": "the migration file of plugin kit",
    "kitfiles.py": "a Python file of plugin kit",
}

#: Each command that prints what it makes (or what it found), and whether its -o would
#: take the output (the refusal suggests it only then).
PRINTERS = {
    "report": ("report a.yaml --format json", True),
    "report -o -": ("report a.yaml --format json -o -", True),
    "report batch --jobs 2": ("report a.yaml b.yaml --format json --jobs 2", True),
    "benchmark": ("benchmark a.yaml b.yaml --format json", True),
    "support": ("support a.yaml b.yaml --format csv", True),
    "voices": ("voices r.yaml", True),
    "combine -o -": ("combine r.yaml --min-group 1 -o -", True),
    "migrate": ("migrate a.yaml --to becta-srf", True),
    "awards": ("awards a.yaml", False),
    "plan --status": ("plan --status p.yaml", False),
    "validate": ("validate a.yaml", False),
    "show": ("show example-srf", False),
    "frameworks": ("frameworks", False),
    "plugins": ("plugins --format json", False),
}


@pytest.fixture
def kit(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """(site, work, env): the plugin `kit` installed in `site` with its files in
    `site/kit`; `work`, the working folder, with two schools' reviews `a.yaml` and
    `b.yaml`, a respondent's answers `r.yaml`, an action plan `p.yaml` and a framework
    `f.yaml`; and the environment that has the plugin."""
    site = tmp_path / "site"
    (site / "kit").mkdir(parents=True)
    (site / "kitfiles.py").write_text(MODULE, encoding="utf-8")
    shutil.copy(EXAMPLES / "migration/example-srf-1.yaml", site / "kit/srf-1.yaml")
    shutil.copy(EXAMPLES / "migration/example-srf-2.yaml", site / "kit/srf-2.yaml")
    shutil.copy(EXAMPLES / "migration/example-srf-1-to-2.yaml", site / "kit/mig.yaml")
    shutil.copy(LEADERSHIP, site / "kit/rules.yaml")
    env = dict(with_plugin(site, "kit", "kitfiles"), PYTHONDONTWRITEBYTECODE="1")  # no cache
    work = tmp_path / "work"
    work.mkdir()
    review = (EXAMPLES / "example-primary-2026.yaml").read_text(encoding="utf-8")
    (work / "a.yaml").write_text(review, encoding="utf-8")
    shutil.copy(EXAMPLES / "example-primary-2025.yaml", work / "b.yaml")
    respondent = review.replace("assessor: Deputy headteacher\n", "respondent:\n  group: staff\n")
    (work / "r.yaml").write_text(respondent, encoding="utf-8")
    shutil.copy(EXAMPLES / "plan/example-primary-plan.yaml", work / "p.yaml")
    shutil.copy(ROOT / "frameworks/becta-srf.yaml", work / "f.yaml")
    return site, work, env


def appended(kit: tuple[Path, Path, dict[str, str]], args: str, target: str) -> str:
    """`selfreview ARGS >> site/TARGET`, once it has exited 2 with no traceback, leaving
    every file of the plugin and of the working folder as it was and adding none; its last
    message, on one line."""
    site, work, env = kit
    before = snapshot(site, work)
    with (site / target).open("ab") as out:
        done = selfreview(args.split(), cwd=work, env=env, stdout=out)
    stderr = done.stderr.decode("utf-8")
    assert done.returncode == 2, stderr
    assert "Traceback" not in stderr
    assert snapshot(site, work) == before
    assert temporary_files(site, work) == []
    return " ".join(stderr.split("Error: ")[-1].split())


def said(what: str, path: Path, *, instead: bool) -> str:
    return (
        f"standard output is {what} (`{path}`), which this command reads: writing there "
        "would replace it, so nothing was written (send it to another file"
        f"{', or give -o one' if instead else ''})"
    )


@pytest.mark.parametrize("command", list(PRINTERS))
def test_standard_output_appended_to_a_plugins_rule_pack_is_refused(
    kit: tuple[Path, Path, dict[str, str]], command: str
) -> None:
    """`COMMAND >> rules.yaml`, the plugin's rule pack: exit 2 before anything is printed,
    naming standard output, the pack and the plugin."""
    args, instead = PRINTERS[command]
    message = appended(kit, args, "kit/rules.yaml")
    assert message == said(FILES["kit/rules.yaml"], kit[0] / "kit/rules.yaml", instead=instead)


@pytest.mark.parametrize("target", list(FILES))
def test_standard_output_appended_to_any_file_a_plugin_gives_is_refused(
    kit: tuple[Path, Path, dict[str, str]], target: str
) -> None:
    """A framework, a migration, the plugin's own module: each refused so."""
    message = appended(kit, "report a.yaml --format json", target)
    assert message == said(FILES[target], kit[0] / target, instead=True)


def test_standard_output_to_a_copy_of_a_plugins_file_is_written(
    kit: tuple[Path, Path, dict[str, str]],
) -> None:
    """A file that is no input (a copy of the plugin's pack) takes the report, exit 0; a
    file takes what `validate` prints into a pipe, byte for byte, and standard error is as
    it is then; the plugin's files are as they were."""
    site, work, env = kit
    shutil.copy(site / "kit/rules.yaml", work / "copy.yaml")
    before = snapshot(site)
    with (work / "copy.yaml").open("ab") as out:
        done = selfreview(["report", "a.yaml", "--format", "json"], cwd=work, env=env, stdout=out)
    assert done.returncode == 0, done.stderr
    written = (work / "copy.yaml").read_bytes()
    assert written.startswith(LEADERSHIP.read_bytes())
    assert b'"assessment"' in written[len(LEADERSHIP.read_bytes()) :]
    with (work / "log.txt").open("ab") as out:
        checked = selfreview(["validate", "f.yaml"], cwd=work, env=env, stdout=out)
    piped = selfreview(["validate", "f.yaml"], cwd=work, env=env)
    assert (checked.returncode, piped.returncode) == (0, 0), checked.stderr
    assert (work / "log.txt").read_bytes() == piped.stdout  # as it prints into a pipe
    assert piped.stdout.startswith(b"f.yaml: ok: framework becta-srf@2010")
    assert checked.stderr == piped.stderr
    assert snapshot(site) == before


def test_config_onto_the_settings_it_shows_is_refused(tmp_path: Path) -> None:
    """`config >> selfreview.toml`: the settings it reads, refused as every other command
    refuses standard output onto them (before round 78 the table went onto their end, exit
    0, and every later command in the folder refused them as TOML)."""
    (tmp_path / "selfreview.toml").write_text('policy = "weakest"\n', encoding="utf-8")
    before = snapshot(tmp_path)
    with (tmp_path / "selfreview.toml").open("ab") as out:
        done = selfreview(["config"], cwd=tmp_path, stdout=out)
    message = " ".join(done.stderr.decode("utf-8").split("Error: ")[-1].split())
    assert done.returncode == 2, message
    assert message == said("the configuration file", tmp_path / "selfreview.toml", instead=False)
    assert snapshot(tmp_path) == before


def test_standard_output_checked_after_the_engine_is_built_is_checked_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A command that looks at its standard output once its engine is built has it
    checked against the plugins' files then and there (`printed_onto_input`), as an
    output named after it (`note`) is."""
    rules = tmp_path / "rules.yaml"
    shutil.copy(LEADERSHIP, rules)
    module = plugin_module("kit", selfreview_rule_packs=lambda: [rules])
    engine = Engine(plugins=[module], entry_points=False)
    with rules.open("ab") as out, click.Context(cli, obj=State()):
        monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(out))
        engine_built(engine)
        with pytest.raises(click.UsageError) as raised:
            printed_onto_input(Inputs(), named_output=False)
        monkeypatch.undo()
    assert raised.value.message == said("the rule pack file of plugin kit", rules, instead=False)
    assert rules.read_bytes() == LEADERSHIP.read_bytes()


def test_a_command_printing_into_a_pipe_collects_no_rule_pack_for_the_check(
    kit: tuple[Path, Path, dict[str, str]],
) -> None:
    """Standard output a pipe: the plugins' rule packs and migrations are not collected to
    check it (`show` needs neither), so a rule pack that does not load is not said; a file
    as standard output collects them, and says it."""
    site, work, env = kit
    (site / "kit/rules.yaml").write_text("kind: rules\n: broken\n", encoding="utf-8")
    piped = selfreview(["show", "becta-srf", "--format", "json"], cwd=work, env=env)
    assert piped.returncode == 0, piped.stderr
    assert b"does not load" not in piped.stderr
    with (work / "log.txt").open("ab") as out:
        filed = selfreview(["show", "becta-srf", "--format", "json"], cwd=work, env=env, stdout=out)
    assert filed.returncode == 0, filed.stderr
    assert b"rule pack does not load" in filed.stderr
    assert (work / "log.txt").read_bytes() == piped.stdout


#: Files the engine reads that the command line or the settings name, and how the refusal
#: names each: settings' keys are read as the options they stand for, made absolute from
#: the settings' folder; a rule pack in a folder given is read as a --rules file.
NAMED = {
    "--rules": ("report a.yaml --rules r.yaml", "", "--rules", "r.yaml", False),
    "settings' rules": ("report a.yaml", 'rules = "r.yaml"\n', "--rules", "r.yaml", True),
    "settings' framework": (
        "report a.yaml",
        'framework = "f.yaml"\n',
        "--framework",
        "f.yaml",
        True,
    ),
    "a rule pack in a folder given": ("report d", "", "--rules", "d/r.yaml", False),
}


@pytest.mark.parametrize("case", list(NAMED))
def test_standard_output_onto_a_file_the_engine_is_given_by_name_is_refused(
    case: str, tmp_path: Path
) -> None:
    """Refused before any work, as before round 78 (a pin beside the plugins' files, which
    round 78 adds): exit 2, the option that names the file, every file as it was."""
    args, settings, option, name, absolute = NAMED[case]
    (tmp_path / "d").mkdir()
    shutil.copy(EXAMPLES / "example-primary-2026.yaml", tmp_path / "a.yaml")
    shutil.copy(EXAMPLES / "example-primary-2026.yaml", tmp_path / "d/a.yaml")
    shutil.copy(LEADERSHIP, tmp_path / "r.yaml")
    shutil.copy(LEADERSHIP, tmp_path / "d/r.yaml")
    shutil.copy(ROOT / "frameworks/becta-srf.yaml", tmp_path / "f.yaml")
    if settings:
        (tmp_path / "selfreview.toml").write_text(settings, encoding="utf-8")
    target = tmp_path / name
    before = snapshot(tmp_path)
    with target.open("ab") as out:
        done = selfreview(args.split(), cwd=tmp_path, stdout=out)
    message = " ".join(done.stderr.decode("utf-8").split("Error: ")[-1].split())
    assert done.returncode == 2, message
    assert message == said(option, target if absolute else Path(name), instead=True)
    assert snapshot(tmp_path) == before
