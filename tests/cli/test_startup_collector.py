"""The collector while `selfreview` starts (`cli._collector`, issue 15): its youngest
generation's threshold is raised from the moment the `cli` package is imported, before
click is, and put back before a batch's first report and when the command ends, so that
the reports and the program that ran the command collect garbage as usual. Each case runs
in a fresh interpreter: the package is imported once a process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from selfreview_core import load_assessment

ROOT = Path(__file__).resolve().parents[2]

#: Imports the command and runs it as a program running commands does (`main(argv)`),
#: recording the thresholds when the package is imported, when the batch starts writing
#: its reports and when the command has ended; and whether the collector was told first.
_RUN = """
import gc, json, sys
gc.set_threshold(*{before!r})
from selfreview_core.cli import main
seen = {{'imported': gc.get_threshold()}}
order = list(sys.modules)
imported_before = order.index('selfreview_core.cli._collector') < order.index('click')
from selfreview_core import batch
into_stream = batch.ReportBatch.into_stream
def recording(self, *args, **kwargs):
    seen['batch'] = gc.get_threshold()
    return into_stream(self, *args, **kwargs)
batch.ReportBatch.into_stream = recording
{meanwhile}
code = 0
try:
    main(sys.argv[1:])
except SystemExit as done:  # the command's exit code
    code = done.code
seen['ended'] = gc.get_threshold()
print(json.dumps([code, imported_before, seen]))
"""


def _run(
    tmp_path: Path, *args: str, before: tuple[int, ...] = (700, 10, 10), meanwhile: str = ""
) -> tuple[object, dict[str, tuple[int, ...]], str]:
    code = _RUN.format(before=before, meanwhile=meanwhile)
    done = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    result, imported_before, seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert imported_before is True  # told before click was imported
    return result, {k: tuple(v) for k, v in seen.items()}, done.stderr


def _lines(tmp_path: Path) -> Path:
    schools = sorted((ROOT / "examples" / "cohort").glob("*.yaml"))[:3]
    lines = [load_assessment(file).model_dump_json(by_alias=True) for file in schools]
    path = tmp_path / "cohort.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_a_batch_starts_with_rare_collections_and_reports_with_the_usual_ones(
    tmp_path: Path,
) -> None:
    from selfreview_core.cli._collector import START_UP

    source, out = _lines(tmp_path), tmp_path / "out.jsonl"
    code, seen, said = _run(tmp_path, "report", str(source), "--format", "json", "-o", str(out))
    assert code == 0
    assert seen == {
        "imported": (START_UP, 10, 10),  # the older generations' thresholds kept
        "batch": (700, 10, 10),
        "ended": (700, 10, 10),
    }
    assert said.splitlines()[-1] == f"3 reports written to {out}"
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3


def test_a_command_without_a_batch_puts_them_back_when_it_ends(tmp_path: Path) -> None:
    """`validate` (its whole work with the threshold raised), and the program's own
    thresholds, whatever they were, are what it has after."""
    framework = ROOT / "frameworks" / "becta-srf.yaml"
    code, seen, _ = _run(tmp_path, "validate", str(framework), before=(500, 7, 3))
    assert code == 0
    assert seen["ended"] == (500, 7, 3)
    assert seen["imported"][1:] == (7, 3)


def test_thresholds_the_program_set_meanwhile_are_its_own(tmp_path: Path) -> None:
    """Set between the import and the command's end (a program tuning its collector):
    never overwritten with those found at the import."""
    framework = ROOT / "frameworks" / "becta-srf.yaml"
    meanwhile = "gc.set_threshold(2000, 20, 20)"
    code, seen, _ = _run(tmp_path, "validate", str(framework), meanwhile=meanwhile)
    assert code == 0
    assert seen["ended"] == (2000, 20, 20)


def test_a_failed_command_puts_them_back_too(tmp_path: Path) -> None:
    """A usage error (exit 2) and an invalid file (exit 1) end the command as usual."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [\n", encoding="utf-8")
    code, seen, said = _run(tmp_path, "validate", str(bad))
    assert code == 1
    assert said == "1 file checked: 0 valid, 1 invalid (1 error)\n"
    assert seen["ended"] == (700, 10, 10)
    code, seen, said = _run(tmp_path, "report", "--jobs", "x", str(bad))
    assert code == 2
    assert "--jobs" in said
    assert seen["ended"] == (700, 10, 10)
