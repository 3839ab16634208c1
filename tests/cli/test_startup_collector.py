"""The collector while `selfreview` starts (`_collector`, `_launch`; issue 15): the program
that is the command (the console script, `python -m selfreview_core`) raises the youngest
generation's threshold before click is imported, and puts it back before a batch's first
report and when the command ends. Importing a module of ours changes nothing: a program
that imports `selfreview_core.cli` (to call `main`, or a tool looking around) keeps its
collector as it set it. Each case runs in a fresh interpreter."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from program import decoded, python
from selfreview_core import load_assessment
from selfreview_core._collector import START_UP

ROOT = Path(__file__).resolve().parents[2]

#: How each program runs the command: the console script as pip writes it, `python -m`
#: (as `runpy` runs it), and a program calling `cli.main` with its own arguments.
SCRIPT = "from selfreview_core._launch import main\nsys.exit(main())"
MODULE = "import runpy\nrunpy.run_module('selfreview_core', run_name='__main__', alter_sys=True)"
EMBEDDED = "from selfreview_core.cli import main\nmain(sys.argv[1:])"

#: Records the thresholds when click is imported (the command starting), when the batch
#: starts writing its reports, and when the process ends (exit functions run however the
#: command ends: `end_now` too); `meanwhile` runs at click's import (a program, or a
#: plugin, tuning the collector while the command starts).
_RUN = """
import atexit, gc, json, sys
gc.set_threshold(*{before!r})
seen = {{}}
def watch(event, args):
    if event == 'import' and args[0] == 'click' and 'click' not in seen:
        seen['click'] = gc.get_threshold()
        {meanwhile}
sys.addaudithook(watch)
from selfreview_core.batch import reports as batch
into_stream = batch.ReportBatch.into_stream
def recording(self, *args, **kwargs):
    seen['batch'] = gc.get_threshold()
    return into_stream(self, *args, **kwargs)
batch.ReportBatch.into_stream = recording
def ended():
    seen['ended'] = gc.get_threshold()
    print(json.dumps(seen), flush=True)
atexit.register(ended)
{run}
"""


def _run(
    tmp_path: Path,
    run: str,
    *args: str,
    before: tuple[int, ...] = (700, 10, 10),
    meanwhile: str = "pass",
) -> tuple[int, dict[str, tuple[int, ...]], str]:
    code = _RUN.format(before=before, meanwhile=meanwhile, run=run)
    done = decoded(python(["-c", code, *args], cwd=tmp_path))
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    return done.returncode, {k: tuple(v) for k, v in seen.items()}, done.stderr


def _lines(tmp_path: Path) -> Path:
    schools = sorted((ROOT / "examples" / "cohort").glob("*.yaml"))[:3]
    lines = [load_assessment(file).model_dump_json(by_alias=True) for file in schools]
    path = tmp_path / "cohort.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_the_console_script_and_python_m_name_the_launcher() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"] == {"selfreview": "selfreview_core._launch:main"}
    main = (ROOT / "src" / "selfreview_core" / "__main__.py").read_text(encoding="utf-8")
    assert "from ._launch import main" in main


@pytest.mark.parametrize("run", [SCRIPT, MODULE], ids=["script", "python-m"])
def test_a_batch_starts_with_rare_collections_and_reports_with_the_usual_ones(
    tmp_path: Path, run: str
) -> None:
    source, out = _lines(tmp_path), tmp_path / "out.jsonl"
    args = ("report", str(source), "--format", "json", "-o", str(out))
    code, seen, said = _run(tmp_path, run, *args)
    assert code == 0, said
    assert seen == {
        "click": (START_UP, 10, 10),  # raised before click; the older generations' kept
        "batch": (700, 10, 10),
        "ended": (700, 10, 10),
    }
    assert said.splitlines()[-1] == f"3 reports written to {out}"
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3


@pytest.mark.parametrize("run", [SCRIPT, MODULE], ids=["script", "python-m"])
def test_a_command_without_a_batch_puts_them_back_when_it_ends(tmp_path: Path, run: str) -> None:
    """`validate` (its whole work with the threshold raised), and the program's own
    thresholds, whatever they were, are what it has after."""
    framework = ROOT / "frameworks" / "becta-srf.yaml"
    code, seen, said = _run(tmp_path, run, "validate", str(framework), before=(500, 7, 3))
    assert code == 0, said
    assert seen == {"click": (START_UP, 7, 3), "ended": (500, 7, 3)}


def test_thresholds_set_while_the_command_starts_are_kept(tmp_path: Path) -> None:
    """Set after the launcher raised them (a plugin, or the program, tuning its
    collector): never overwritten with those found before."""
    framework = ROOT / "frameworks" / "becta-srf.yaml"
    meanwhile = "gc.set_threshold(2000, 20, 20)"
    code, seen, _ = _run(tmp_path, SCRIPT, "validate", str(framework), meanwhile=meanwhile)
    assert code == 0
    assert seen == {"click": (START_UP, 10, 10), "ended": (2000, 20, 20)}


def test_a_failed_command_puts_them_back_too(tmp_path: Path) -> None:
    """A usage error (exit 2) and an invalid file (exit 1) end the command as usual."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [\n", encoding="utf-8")
    code, seen, said = _run(tmp_path, SCRIPT, "validate", str(bad))
    assert code == 1
    assert said == "1 file checked: 0 valid, 1 invalid (1 error)\n"
    assert seen["ended"] == (700, 10, 10)
    code, seen, said = _run(tmp_path, SCRIPT, "report", "--jobs", "x", str(bad))
    assert code == 2
    assert "--jobs" in said
    assert seen["ended"] == (700, 10, 10)


def test_importing_the_command_line_changes_nothing() -> None:
    """Every module of the package imported (but `__main__`, which runs the command):
    the program's thresholds as it set them, the default ones or its own."""
    program = (
        "import gc, importlib, pkgutil, selfreview_core\n"
        "gc.set_threshold({})\n"
        "import selfreview_core.cli, selfreview_core._launch\n"
        "for info in pkgutil.walk_packages(selfreview_core.__path__, 'selfreview_core.'):\n"
        "    if info.name != 'selfreview_core.__main__':\n"
        "        importlib.import_module(info.name)\n"
        "print(gc.get_threshold())"
    )
    for thresholds in ("700, 10, 10", "1234, 5, 6"):
        done = decoded(python(["-c", program.format(thresholds)]))
        assert done.returncode == 0, done.stderr
        assert done.stdout == f"({thresholds})\n"


def test_a_program_calling_main_keeps_its_collector_throughout(tmp_path: Path) -> None:
    """`cli.main(argv)` in a program's own process: its thresholds while the command
    starts, while the batch reports, and after."""
    source, out = _lines(tmp_path), tmp_path / "out.jsonl"
    args = ("report", str(source), "--format", "json", "-o", str(out))
    code, seen, said = _run(tmp_path, EMBEDDED, *args, before=(900, 9, 9))
    assert code == 0, said
    assert seen == {"click": (900, 9, 9), "batch": (900, 9, 9), "ended": (900, 9, 9)}
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
