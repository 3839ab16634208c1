"""What a cold command imports, in a process of its own: each command imports what it uses
(issue 15, goals (c) and (e)), so that a later change cannot quietly bring back a heavy
import. `validate` reads framework files without pydantic, pluggy or the plugins; `report X.jsonl
--format json -o OUT` imports
no YAML reader (the bundled files are read through their JSON twins), no other exporter, no
cohort, plan, session or voices code, and no process pool."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

from program import python
from selfreview_core.loader import load_assessment

#: Run as `python -c`: the command, and on its way out (its exit functions run, even when it
#: ends without teardown) the names of the modules imported, to the file `$MODULES_TO` (as
#: words, not JSON: the `json` module is one that `validate` must not import).
_RUN = (
    "import atexit, os, sys\n"
    "to = os.environ.pop('MODULES_TO')\n"
    "atexit.register(lambda: open(to, 'w').write(' '.join(sorted(sys.modules))))\n"
    "sys.argv[0] = 'selfreview'\n"
    "from selfreview_core.cli import main\n"
    "main()\n"
)
#: Never imported by `selfreview validate FILES` (nor anything under them).
VALIDATE_NEVER = (
    *("pydantic", "pydantic_core", "pluggy", "importlib.metadata", "email", "tempfile"),
    *("shutil", "secrets", "hmac", "selfreview_core.engine", "selfreview_core.batch.reports"),
    *("selfreview_core.model.framework", "selfreview_core.cli._folder_frameworks"),
    *("json", "selfreview_core.jobs.spool"),  # YAML needs no JSON module; no spans are read
    *("resource", "selfreview_core.isolation.plugin_guards"),  # guards of plugin code: none
)
#: Never imported by `selfreview report X.jsonl --format json -o OUT`.
REPORT_NEVER = (
    *("yaml", "multiprocessing", "concurrent.futures"),
    *("sqlite3", "selfreview_core.cohort", "selfreview_core.plans", "selfreview_core.session"),
    *("selfreview_core.voices", "selfreview_core.model.plan", "selfreview_core.model.migration"),
    *("selfreview_core.exporters.html", "selfreview_core.exporters.markdown"),
    *("selfreview_core.exporters.table", "selfreview_core.dump"),
    *("selfreview_core.migrating", "selfreview_core.migrations"),  # only with --previous
)


def _imported(
    args: Sequence[str], where: Path, printed_to: Path | None = None
) -> tuple[set[str], str]:
    """The modules `selfreview ARGS` imported, and what it told on standard error; its
    standard output a pipe, or the file `printed_to` (`> FILE`, which the command checks)."""
    to = where / "modules.json"
    env = dict(os.environ, MODULES_TO=str(to))
    with ExitStack() as files:
        done = python(
            ["-c", _RUN, *args],
            stdout=subprocess.PIPE
            if printed_to is None
            else files.enter_context(printed_to.open("wb")),
            env=env,
            cwd=where,
        )
    assert done.returncode == 0, done.stderr.decode()
    return set(to.read_text(encoding="utf-8").split()), done.stderr.decode()


def _under(modules: set[str], names: Sequence[str]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(f"{n}.") for n in names))


def test_a_cold_validate_of_frameworks_imports_no_model_plugin_or_temporary_file_code(
    root: Path, tmp_path: Path
) -> None:
    """Goal (e): `selfreview validate frameworks/*.yaml`."""
    files = sorted(str(p) for p in (root / "frameworks").glob("*.yaml"))
    modules, _ = _imported(["validate", *files], tmp_path)
    assert "selfreview_core.validation.files" in modules  # it did run
    assert _under(modules, VALIDATE_NEVER) == []


def test_a_cold_validate_printed_to_a_file_checks_it_without_importing_secrets(
    root: Path, tmp_path: Path
) -> None:
    """`validate FILES > OUT` checks that OUT is none of its inputs (`output_checks`, which
    imports `atomic`): `atomic` makes its temporary names without `secrets` (its `hmac` and
    `hashlib`, about 15 million instructions of such a start-up)."""
    out = tmp_path / "said.txt"
    modules, _ = _imported(["validate", str(root / "frameworks" / "becta-srf.yaml")], tmp_path, out)
    assert "selfreview_core.outputs.atomic" in modules  # the output was checked
    assert _under(modules, VALIDATE_NEVER) == []
    assert out.read_text(encoding="utf-8").endswith("1 file checked: 1 valid, 0 invalid\n")


def test_a_cold_json_lines_report_imports_only_what_it_uses(root: Path, tmp_path: Path) -> None:
    school = load_assessment(root / "examples" / "example-primary-2025.yaml")
    (tmp_path / "cohort.jsonl").write_bytes(school.model_dump_json(by_alias=True).encode() + b"\n")
    args = ["report", "cohort.jsonl", "--format", "json", "-o", "out.json"]
    modules, told = _imported(args, tmp_path)
    assert told == "1 report written to out.json\n"
    assert json.loads((tmp_path / "out.json").read_bytes())["framework"]["id"] == "becta-srf"
    assert _under(modules, REPORT_NEVER) == []
    assert {"selfreview_core.engine", "selfreview_core.batch.reports"} <= modules
