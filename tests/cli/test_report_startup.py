"""What `selfreview report X.jsonl --format json -o OUT` imports (issue 15, goal (c)): its
start-up is paid once per batch, and a module it loads that no JSON Lines batch needs is
paid by every batch. Pinned by what a real run leaves in `sys.modules`, not by timing it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from program import decoded, python
from selfreview_core import load_assessment

ROOT = Path(__file__).resolve().parents[2]

#: Loaded by no step of a JSON Lines batch written as JSON: the prompts of `plan` (and the
#: session view, `shutil`'s width they ask for), `html` (its table of entities: only pages
#: escape markup), the page, table and plan code, the cohort database, TOML (no config
#: file), and the worker pools of `--jobs`. Nor does a batch build the validators of the
#: condition models (rule packs are compiled from what their plugins validated) or of
#: `Terms` on its own (the framework's default words are made without validation). Nor
#: the plan and migration models, nor the migration code (`migrations.versions`: every
#: school of the batch is of its framework's version), nor the patterns (compiled on first
#: use) of `escaping` (nothing in the output needs escaping), of `json_text` (for located
#: diagnostics of bad JSON) and of `kinds` (no file on the command line is asked its kind).
#: Nor PyYAML: the bundled framework and the first-party rule packs are read from their
#: JSON twins (`twins`), by the validators of `Framework` and `RulePack`.
NOT_FOR_A_BATCH = (
    "selfreview_core.model.plan",
    "selfreview_core.model.migration",
    "selfreview_core.model.migration_checks",
    "selfreview_core.migrations.apply",
    "html",
    "html.entities",
    "selfreview_core.cli._plan_questions",
    "selfreview_core.session.view",
    "selfreview_core.text_tables",
    "selfreview_core.exporters.page",
    "selfreview_core.plans",
    "selfreview_core.cohort",
    "tabulate",
    "ruamel",
    "tomllib",
    "multiprocessing",
    "yaml",
)

_RUN = """
import json, sys
from selfreview_core.cli import main
try:
    main(sys.argv[1:])
except SystemExit as done:
    code = done.code
else:
    code = 0
heavy = {heavy!r}
loaded = sorted(m for m in heavy if m in sys.modules or any(
    n.startswith(m + '.') for n in sys.modules))
from selfreview_core.model import conditions, questions
models = (conditions.AllOf, conditions.AnyOf, conditions.NotOf, questions.Terms)
built = [m.__name__ for m in models if m.__pydantic_complete__]
from selfreview_core import escaping
from selfreview_core.files import json_problems, json_text, kinds
patterns = (escaping._pattern, json_text._scanner, json_problems._number_or_string,
    json_problems.surrogate_escape, json_problems._brackets, kinds._kinds)
built += [p.__qualname__ for p in patterns if p.cache_info().currsize]
print(json.dumps([code, loaded, built]))
"""


def _lines(tmp_path: Path) -> tuple[Path, int]:
    schools = sorted((ROOT / "examples" / "cohort").glob("*.yaml"))
    lines = [load_assessment(file).model_dump_json(by_alias=True) for file in schools]
    path = tmp_path / "cohort.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path, len(lines)


def _report(tmp_path: Path, source: Path) -> tuple[object, list[str], Path]:
    out = tmp_path / "out.jsonl"
    code = _RUN.format(heavy=NOT_FOR_A_BATCH)
    command = ["-c", code, "report", str(source), "--format", "json"]
    done = decoded(python([*command, "-o", str(out)], cwd=tmp_path))
    assert done.returncode == 0, done.stderr
    result, loaded, built = json.loads(done.stdout.strip().splitlines()[-1])
    assert built == [], f"validators or patterns built that no JSON Lines batch uses: {built}"
    return result, loaded, out


def test_a_json_lines_batch_loads_no_module_it_does_not_use(tmp_path: Path) -> None:
    source, count = _lines(tmp_path)
    code, loaded, out = _report(tmp_path, source)
    assert code == 0
    assert loaded == []
    reports = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(reports) == count > 1
    assert all(r["framework"]["id"] == "becta-srf" for r in reports)
    assert all(r["recommendations"] for r in reports)  # the plugins ran


def test_an_empty_batch_starts_the_same_way(tmp_path: Path) -> None:
    """The start-up `bench.goals.jsonl` measures (the command on an empty file)."""
    source = tmp_path / "empty.jsonl"
    source.write_bytes(b"")
    code, loaded, out = _report(tmp_path, source)
    assert (code, loaded) == (0, [])
    assert out.read_bytes() == b""


def test_the_plan_questions_are_still_there_for_the_commands_that_ask(tmp_path: Path) -> None:
    """`_common` gives `PlanAsker` when first asked (PEP 562), the same object `_plan_questions`
    defines, and so the walk's frameworks (`_folder_frameworks`, which `validate` never
    asks for); a name it does not have is still an AttributeError."""
    from selfreview_core.cli import _common, _folder_frameworks, _plan_questions

    assert _common.PlanAsker is _plan_questions.PlanAsker
    for name in ("FolderFrameworks", "folder_frameworks", "frameworks_named"):  # not validate's
        assert getattr(_common, name) is getattr(_folder_frameworks, name)
    with pytest.raises(AttributeError, match="no_such_name"):
        _common.__getattr__("no_such_name")
