"""A batch of `selfreview report` says each of the engine's own problems (a plugin that
failed to load, an exporter refused when collected) once, where it first happened, not once
per school: a million schools would print a million lines. A plugin's problem with one
school is still said with that school's report, and every report still carries all of its
problems (a report file says what its engine lacked)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from program import selfreview, with_plugin
from selfreview_core import Assessment, Engine, Exporter, Recommendation, Report, hookimpl
from selfreview_core.batch import reports as batch_module
from selfreview_core.batch.reports import AssessmentStream, BatchEvents, ReportBatch
from selfreview_core.batch.work import Made, to_tell
from selfreview_core.cli._said import named
from selfreview_core.model.problem import Problem

ROOT = Path(__file__).resolve().parents[2]
COHORT = ROOT / "examples" / "cohort"
SCHOOLS = len(list(COHORT.glob("*.yaml")))

#: What the engine of the three plugins below has against it, each said once.
ENGINE_LINES = [
    "error: plugin broken: failed to load from `selfreview_hostile.exits_at_import`: "
    "SystemExit: sys.exit(3)",
    "error: plugin careless: exporter hostile-empty: extension '' cannot end a file name "
    "(give one such as `.txt`, without spaces or path separators)",
    "error: plugin careless: exporter hostile-escape: extension '../../escape' cannot end a "
    "file name (give one such as `.txt`, without spaces or path separators)",
]
#: What one school's report has against it, said with that school's, after its file.
PICKY = "error: plugin picky: selfreview_recommend raised RuntimeError: no advice for 900003"
#: The review of that school (900003), and its line in `as_json_lines`' file.
PICKED = COHORT / "primary-3-2025.yaml"
PICKED_LINE = sorted(COHORT.glob("*.yaml")).index(PICKED) + 1


def picky(where: object) -> str:
    """PICKY as a batch says it: after the file, or `file:line`, of that school's review."""
    return f"{where}: {PICKY}"


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A plugin that fails to load, one whose exporters are refused when collected, and one
    whose hook fails for one school (900003) only."""
    site = tmp_path_factory.mktemp("site")
    with_plugin(site, "broken", "selfreview_hostile.exits_at_import")
    with_plugin(site, "careless", "selfreview_hostile.extension")
    return with_plugin(site, "picky", "selfreview_hostile.picky")


def as_json_lines(target: Path) -> Path:
    lines = []
    for file in sorted(COHORT.glob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        data["assessed_on"] = data["assessed_on"].isoformat()
        lines.append(json.dumps(data))
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def problems_of(report: dict[str, Any]) -> list[str]:
    return [f"{p['severity']}: plugin {p['source']}: {p['message']}" for p in report["problems"]]


def carried(report: dict[str, Any]) -> None:
    """A report keeps every problem: the engine's, and its school's own."""
    mine = [PICKY] if report["assessment"]["school"]["id"] == "900003" else []
    assert problems_of(report) == [*ENGINE_LINES, *mine]


def folder(out: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(out.iterdir())]


def lines(data: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in data.splitlines()]


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("given", ["a folder", "files", "JSON Lines"])
def test_into_a_folder_each_engine_problem_is_said_once_and_each_file_keeps_it(
    env: dict[str, str], tmp_path: Path, jobs: str, given: str
) -> None:
    where: object = PICKED
    if given == "a folder":
        inputs = [str(COHORT)]
    elif given == "files":
        inputs = [str(p) for p in sorted(COHORT.glob("*.yaml"))]
    else:
        inputs = [str(as_json_lines(tmp_path / "cohort.jsonl"))]
        where = f"{inputs[0]}:{PICKED_LINE}"
    out = tmp_path / "out"
    done = selfreview(["report", *inputs, "--output-dir", str(out), "--jobs", jobs], env=env)
    assert done.returncode == 0, done.stderr
    said = done.stderr.decode().splitlines()
    assert said == [*ENGINE_LINES, picky(where), f"{SCHOOLS} reports written in {out}"]
    reports = folder(out)
    assert len(reports) == SCHOOLS
    for report in reports:
        carried(report)


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("to_file", [False, True])
def test_a_json_lines_stream_says_each_engine_problem_once_and_each_line_keeps_it(
    env: dict[str, str], tmp_path: Path, jobs: str, to_file: bool
) -> None:
    target = tmp_path / "all.jsonl"
    out = ["-o", str(target)] if to_file else []
    done = selfreview(["report", str(COHORT), "--format", "json", "--jobs", jobs, *out], env=env)
    assert done.returncode == 0, done.stderr
    where = f" to {target}" if to_file else ""
    said = done.stderr.decode().splitlines()
    assert said == [*ENGINE_LINES, picky(PICKED), f"{SCHOOLS} reports written{where}"]
    reports = lines(target.read_bytes() if to_file else done.stdout)
    assert len(reports) == SCHOOLS
    for report in reports:
        carried(report)


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_tables_into_one_file_say_each_engine_problem_once(
    env: dict[str, str], tmp_path: Path, jobs: str
) -> None:
    target = tmp_path / "all.txt"
    done = selfreview(["report", str(COHORT), "-o", str(target), "--jobs", jobs], env=env)
    assert done.returncode == 0, done.stderr
    said = done.stderr.decode().splitlines()
    assert said == [*ENGINE_LINES, picky(PICKED), f"{SCHOOLS} reports written to {target}"]
    tables = target.read_text(encoding="utf-8")
    assert tables.count("failed to load from") == SCHOOLS  # every table keeps it
    assert tables.count("no advice for 900003") == 1


def test_strict_says_the_engine_problems_once_and_stops(
    env: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    done = selfreview(["report", str(COHORT), "--output-dir", str(out), "--strict"], env=env)
    assert done.returncode == 1
    said = done.stderr.decode().splitlines()
    assert said == [*ENGINE_LINES, "--strict: stopped after 0 report(s)"]
    assert not out.exists() or not list(out.iterdir())


# -- the batch as a library runs it ---------------------------------------------------------------


def _render(report: Report) -> str:
    return report.assessment.school.id


class _Troubled:
    """An exporter refused when collected (the engine's problem), and a hook that fails
    for one school in the same words each time (that school's problem)."""

    name = "troubled"  # not the object's id: the same in an engine built again

    @hookimpl
    def selfreview_exporters(self) -> list[Exporter]:
        return [Exporter("troubled", "", "text/plain", _render)]

    @hookimpl
    def selfreview_recommend(self, assessment: Assessment) -> list[Recommendation]:
        if assessment.school.id in {"900003", "900008"}:
            raise RuntimeError("no advice")
        return []


def _said(
    engine: Engine, files: list[str], jobs: int, factory: Any = None
) -> tuple[list[str], bytes]:
    """What a JSON Lines batch of `files` says, and writes."""
    told: list[str] = []
    out: list[bytes] = []
    events = BatchEvents(
        lambda s: told.append(f"skipped {s.file}"),
        lambda p, where: told.append(
            p.message if where is None else f"{named(where)}: {p.message}"
        ),
        lambda e: None,
        lambda n: None,
    )
    stream = AssessmentStream(files, engine.framework_names())
    batch = ReportBatch(engine, stream, "json", events, jobs=jobs, engine_factory=factory)
    counts = batch.into_stream(None, out.append)
    assert (counts.reported, counts.skipped) == (3 * SCHOOLS, 3)
    return told, b"".join(out)


def _files(tmp_path: Path) -> list[str]:
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: assessment\n", encoding="utf-8")
    return [str(bad), *map(str, sorted(COHORT.glob("*.yaml")))] * 3


@pytest.mark.slow
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_batch_tells_the_engines_problem_at_its_first_report_and_a_schools_each_time(
    tmp_path: Path, jobs: int
) -> None:
    """The order: a file skipped before any report is said first; the engine's problem
    with the first report; a school's problem with each of its reports, even in the same
    words as before (another school's, or the same school's again)."""
    engine = Engine(plugins=[_Troubled()], entry_points=False)
    told, _ = _said(engine, _files(tmp_path), jobs)
    refused = [m for m in told if "cannot end a file name" in m]
    assert len(refused) == 1
    assert told.index(refused[0]) == 1  # after the first skipped file, before all else
    assert told[0].startswith("skipped ")
    assert sum(m.endswith("raised RuntimeError: no advice") for m in told) == 2 * 3
    # Each school's problem after its review's file (which of many schools), the engine's
    # after none: the same whether one process or workers made the reports.
    schools = [m.split(": ")[0] for m in told if m.endswith("no advice")]
    assert schools == [str(PICKED), str(COHORT / "primary-8-2025.yaml")] * 3
    assert refused[0].startswith("exporter troubled")


@pytest.mark.slow
def test_workers_with_an_engine_of_their_own_tell_its_problems_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where workers are not forked, each builds its own engine (`engine_factory`): the
    same problems, other objects; said once all the same. Each worker's engine collects
    its exporters as the batch's did: its reports carry the exporter refused, byte for
    byte as one process writes them (before, a JSON Lines worker's lacked it)."""

    def built() -> Engine:
        return Engine(plugins=[_Troubled()], entry_points=False)

    _, alone = _said(built(), _files(tmp_path), 1)
    monkeypatch.setattr(batch_module, "forks", lambda fresh=False: False)
    told, data = _said(built(), _files(tmp_path), 2, built)
    assert data == alone
    assert data.count(b"cannot end a file name") == 3 * SCHOOLS
    assert sum("cannot end a file name" in m for m in told) == 1
    assert sum(m.endswith("raised RuntimeError: no advice") for m in told) == 2 * 3


def test_only_the_engines_own_problems_are_said_once() -> None:
    """`Made.shared` first problems are the engine's: each said the first time, by value (a
    worker's copy is another object); the rest are the school's, said every time."""
    engine = Problem(source="p", message="failed to load")
    school = Problem(source="q", message="no advice")
    told: set[Problem] = set()
    first = Made((engine, school), b"", "", shared=1)
    again = Made((engine.model_copy(), school.model_copy()), b"", "", shared=1)
    assert to_tell(first, told) == [engine, school]
    assert to_tell(again, told) == [school]
    assert to_tell(Made((engine,), b"", ""), told) == [engine]  # none of it the engine's


class _Late:
    """For every school: a problem of its own (in the same words each time), and a problem
    of the engine's found while its report is made, as another thread sharing the engine
    records one (a first use collecting migrations, say)."""

    name = "late"

    def __init__(self) -> None:
        self.engine: Engine | None = None

    @hookimpl
    def selfreview_recommend(self, assessment: Assessment) -> list[Recommendation]:
        assert self.engine is not None
        found = len(self.engine.problems)
        self.engine.problems.append(Problem(source="other", message=f"found late {found}"))
        raise RuntimeError("no advice")


def test_a_problem_the_engine_records_while_a_report_is_made_leaves_the_schools_own_told(
    tmp_path: Path,
) -> None:
    """Only the problems the report copied from its engine, the very objects, are the
    engine's: one the engine records after the copy is not in this report, and this
    school's own after the copy are still told, each time."""
    late = _Late()
    engine = Engine(plugins=[late], entry_points=False)
    late.engine = engine
    told: list[str] = []
    events = BatchEvents(lambda s: None, lambda p, where: told.append(p.message), print, print)
    files = [str(p) for p in sorted(COHORT.glob("*.yaml"))[:4]]
    stream = AssessmentStream(files, engine.framework_names())
    counts = ReportBatch(engine, stream, "json", events).into_stream(None, lambda data: None)
    assert counts.reported == 4
    failed = "selfreview_recommend raised RuntimeError: no advice"
    assert told == [failed, "found late 0", failed, "found late 1", failed, "found late 2", failed]


# -- no report made: the engine's problems are told all the same ---------------------------------


@pytest.fixture
def unknown(tmp_path: Path) -> Path:
    """A school's review of a framework no plugin gives (the one that failed to load might)."""
    text = (COHORT / "primary-1-2025.yaml").read_text(encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    target = folder / "a.yaml"
    target.write_text(text.replace("framework: becta-srf", "framework: lea-framework"), "utf-8")
    return target


def _unknown_line(path: Path) -> str:
    return f"{path}:6:12: error: framework: unknown framework `lea-framework@2010` (name its file"


def test_one_report_not_made_is_told_after_the_engines_problems(
    env: dict[str, str], unknown: Path
) -> None:
    """The plugin that failed to load may be why the framework is unknown: before round 45
    only the error was said."""
    done = selfreview(["report", str(unknown)], env=env)
    assert done.returncode == 1
    said = done.stderr.decode().splitlines()
    assert said[:-1] == ENGINE_LINES
    assert said[-1].startswith(_unknown_line(unknown))
    assert done.stdout == b""


@pytest.mark.parametrize("strict", [False, True])
def test_a_batch_of_no_report_tells_the_engines_problems_at_its_end(
    env: dict[str, str], unknown: Path, tmp_path: Path, strict: bool
) -> None:
    out = tmp_path / "out"
    args = ["report", str(unknown.parent), "--output-dir", str(out)]
    done = selfreview([*args, "--strict"] if strict else args, env=env)
    assert done.returncode == 1
    said = done.stderr.decode().splitlines()
    assert said[0].startswith(_unknown_line(unknown))
    last = (
        "--strict: stopped after 0 report(s)"
        if strict
        else f"0 reports written in {out}; 1 assessment skipped (errors above)"
    )
    assert said[1:] == [*ENGINE_LINES, last]


def test_a_batch_tells_them_with_its_first_report_after_a_file_skipped(
    env: dict[str, str], unknown: Path, tmp_path: Path
) -> None:
    good = unknown.parent / "b.yaml"
    good.write_text((COHORT / "primary-1-2025.yaml").read_text(encoding="utf-8"), "utf-8")
    out = tmp_path / "out"
    done = selfreview(["report", str(unknown.parent), "--output-dir", str(out)], env=env)
    assert done.returncode == 1
    said = done.stderr.decode().splitlines()
    assert said[0].startswith(_unknown_line(unknown))
    summary = f"1 report written in {out}; 1 assessment skipped (errors above)"
    assert said[1:] == [*ENGINE_LINES, summary]


# -- which school: a school's problem named by its review's file -------------------------------


def test_a_schools_problem_is_named_by_its_file_shown_escaped(
    env: dict[str, str], tmp_path: Path
) -> None:
    """Among many schools, a plugin's problem with one says which (before, the same line
    came for each school it failed on, none named); a file name's control characters are
    shown escaped, on the one line."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a\x1b[2J\nb.yaml").write_bytes(PICKED.read_bytes())
    (folder / "other.yaml").write_bytes((COHORT / "primary-1-2025.yaml").read_bytes())
    out = tmp_path / "out"
    done = selfreview(["report", str(folder), "--output-dir", str(out)], env=env)
    assert done.returncode == 0, done.stderr
    said = done.stderr.decode().splitlines()
    assert said == [
        *ENGINE_LINES,
        picky(f"{folder}/a\\x1b[2J\\nb.yaml"),
        f"2 reports written in {out}",
    ]
    assert len(list(out.iterdir())) == 2
