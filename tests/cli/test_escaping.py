"""Nothing a file or a plugin says can take over the terminal (SPEC section 7).

Every command that prints text from files or plugins is fed OSC 52 (sets the clipboard),
OSC 8 (plants a link), CSI clear screen, the 8-bit CSI and OSC, BEL, bidirectional controls,
a carriage return and a newline that tries to forge an "ok" line: in titles, descriptors,
labels, evidence, school names, ids, rule titles and actions, plugin names and problem
messages, and file names. No raw control character may reach stdout or stderr, and the
escaped form must be visible.
"""

from __future__ import annotations

import json
import os
import sys
import types
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from selfreview_core import Exporter, Framework, Recommendation, hookimpl, load_assessment
from selfreview_core.cli import cli
from selfreview_core.cli._common import echo_problem
from selfreview_core.escaping import shown
from selfreview_core.loader import load_framework
from selfreview_core.model.problem import Problem
from test_escaping import assert_terminal_safe

#: Every attack at once, in one piece of text (a title, a descriptor, a name, ...).
ATTACK = (
    "\x1b]52;c;aGFja2Vk\x07 \x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\ "
    "\x1b[2J\x1b[H \x9b2J \x9d0;x\x9c bell\x07 \u202eevil \u2066iso\u2069 \ufdd0\ufffe\U0010ffff"
    "\rok: forged\nok: forged line"
)
#: What a reader sees of it: each control character as its escape.
VISIBLE = "\\x1b]52;c;aGFja2Vk\\x07"
C1_VISIBLE = "\\x9b2J"  # the same in every format (Markdown escapes the `]` above)
BIDI_VISIBLE = "\\u202eevil"
#: An id may hold no whitespace and no `@`, but control characters it may.
X = "\x1b[2J\x9b1m\u202e"
FRAMEWORK_ID = f"evil{X}"
STRAND, OTHER, NEW_STRAND = f"1a1{X}", f"1a2{X}", f"1a3{X}"
SCHOOL_ID = f"100{X}"
X_VISIBLE = "\\x1b[2J\\x9b1m\\u202e"


def run(*args: str | Path, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


def assert_safe(result: Result, *, lines: bool = True) -> None:
    """No raw control character on either stream, no traceback and (unless the output is a
    document whose text may span lines, CSV or HTML) no line begun by a file's newline."""
    for stream in (result.stdout, result.stderr):
        assert_terminal_safe(stream)
        assert "Traceback" not in stream
        for line in stream.splitlines() if lines else ():
            assert not line.startswith("ok: forged"), line


# -- hostile files ---------------------------------------------------------------------------


def framework_data(version: str = "1", *, third: bool = False) -> dict[str, Any]:
    levels = {str(n): f"{ATTACK} level {n}" for n in range(4)}
    strands = [{"id": s, "title": ATTACK, "levels": levels} for s in (STRAND, OTHER)]
    if third:
        strands.append({"id": NEW_STRAND, "title": ATTACK, "levels": levels})
    return {
        "kind": "framework",
        "id": FRAMEWORK_ID,
        "version": version,
        "title": ATTACK,
        "publisher": ATTACK,
        "source": ATTACK,
        "licence": ATTACK,
        "notes": ATTACK,
        "scale": {"best": 3, "worst": 0, "labels": {"0": ATTACK, "3": ATTACK}},
        "elements": [
            {
                "id": f"1{X}",
                "title": ATTACK,
                "aspects": [{"id": f"1a{X}", "title": ATTACK, "strands": strands}],
            }
        ],
        "awards": [
            {
                "id": f"mark{X}",
                "title": ATTACK,
                "require": {"all": [{"strand": STRAND, "reached": 3}]},
                "evidence_required": True,
            }
        ],
    }


def assessment_data(
    school: str = SCHOOL_ID, judgements: dict[str, Any] | None = None
) -> dict[str, Any]:
    return {
        "kind": "assessment",
        "framework": f"{FRAMEWORK_ID}@1",
        "school": {"id": school, "name": ATTACK, "authority": ATTACK},
        "assessed_on": "2026-10-01",
        "assessor": ATTACK,
        "judgements": judgements or {STRAND: {"level": 1, "evidence": ATTACK}},
    }


PACK = {
    "kind": "rules",
    "id": f"pack{X}",
    "framework": FRAMEWORK_ID,
    "rules": [
        {
            "id": f"rule{X}",
            "when": {"strand": STRAND, "below": 3},
            "recommend": {
                "title": ATTACK,
                "action": ATTACK,
                "audience": ATTACK,
                "priority": "high",
                "links": [f"https://example.org/{X}"],
            },
        }
    ],
}


def write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(json.dumps(data), encoding="ascii")  # JSON escapes every control
    return path


class Files(types.SimpleNamespace):
    framework: Path
    assessment: Path
    pack: Path


@pytest.fixture
def files(tmp_path: Path, installed: Any) -> Files:
    installed()  # no plugins but the built-ins
    return Files(
        framework=write(tmp_path / "framework.json", framework_data()),
        assessment=write(tmp_path / "assessment.json", assessment_data()),
        pack=write(tmp_path / "pack.json", PACK),
    )


# -- hostile plugins -------------------------------------------------------------------------


class _EntryPoint:
    """Stands in for an installed distribution's entry point."""

    def __init__(self, name: str, target: object = None, error: Exception | None = None):
        self.name, self.value, self.group = name, f"{name}_module", "selfreview"
        self._target, self._error = target, error
        self.dist = types.SimpleNamespace(version=f"6.6{X}")

    def load(self) -> object:
        if self._error is not None:
            raise self._error
        return self._target


def install(monkeypatch: pytest.MonkeyPatch, *points: _EntryPoint) -> None:
    """Makes `points` the installed plugins, wherever the library looks them up."""
    from importlib import metadata

    def entry_points(group: str) -> list[_EntryPoint]:
        return list(points) if group == "selfreview" else []

    for name, module in list(sys.modules.items()):
        if name.startswith("selfreview_core") and (
            getattr(module, "entry_points", None) is metadata.entry_points
        ):
            monkeypatch.setattr(module, "entry_points", entry_points)


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch) -> Any:
    """`install`, as a function of the plugins alone."""
    return lambda *points: install(monkeypatch, *points)


def _raise(*args: object) -> Any:
    raise RuntimeError(ATTACK)


def hostile_plugin() -> types.ModuleType:
    """A plugin whose every word is an attack: a framework, a pack, recommendations, an
    exporter with such a name, and a hook that raises with such a message."""
    module = types.ModuleType("hostile")

    def frameworks() -> list[Framework]:
        return [Framework.model_validate(framework_data(f"9{X}"))]

    def recommend() -> list[Recommendation]:
        return [
            Recommendation(
                id=f"rec{X}", title=ATTACK, action=ATTACK, targets=(STRAND,), rationale=ATTACK
            )
        ]

    def exporters() -> list[Exporter]:
        return [Exporter(f"fmt{X}", ".evil", "text/plain", lambda report: "x")]

    module.selfreview_frameworks = hookimpl(frameworks)  # type: ignore[attr-defined]
    module.selfreview_recommend = hookimpl(recommend)  # type: ignore[attr-defined]
    module.selfreview_exporters = hookimpl(exporters)  # type: ignore[attr-defined]
    module.selfreview_migrations = hookimpl(_raise)  # type: ignore[attr-defined]
    return module


@pytest.fixture
def plugins(installed: Any) -> None:
    installed(
        _EntryPoint(f"hostile{X}", hostile_plugin()),
        _EntryPoint(f"broken{X}", error=ImportError(ATTACK)),
    )


# -- validate --------------------------------------------------------------------------------


def test_validate_shows_titles_names_and_ids_escaped(files: Files) -> None:
    result = run("validate", files.framework, files.assessment, files.pack)
    assert_safe(result)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 4  # one ok line per file, and the summary
    assert all(ln.startswith(str(files.framework.parent)) for ln in lines[:3])
    assert f'ok: framework evil{X_VISIBLE}@1 "{VISIBLE}' in result.stdout
    assert f"for {VISIBLE}" in result.stdout  # the school's name
    assert f"rule pack pack{X_VISIBLE} for evil{X_VISIBLE}" in result.stdout


def test_validate_shows_diagnostics_quoting_file_content_escaped(files: Files) -> None:
    bad = assessment_data(judgements={f"1a9{X}": 1})
    bad["school"]["evil\x1b]8;;x\x07key"] = 1
    path = write(files.assessment.parent / "bad.json", bad)
    result = run("validate", files.framework, path)
    assert_safe(result)
    assert result.exit_code == 1
    errors = [ln for ln in result.stdout.splitlines() if ln.startswith(f"{path}:")]
    assert len(errors) == 2, result.stdout
    assert any("unknown key `evil\\x1b]8;;x\\x07key`" in ln for ln in errors)
    assert any(f"`1a9{X_VISIBLE}`" in ln for ln in errors)
    assert any(f"(did you mean `1a2{X_VISIBLE}`?)" in ln for ln in errors)  # the hint too


def test_a_file_name_cannot_forge_an_ok_line(tmp_path: Path, installed: Any) -> None:
    """A file named `a<newline>b.yaml: ok: fake...` in a directory given to validate."""
    installed()
    folder = tmp_path / "reviews"
    folder.mkdir()
    framework = (Path(__file__).parents[1] / "data" / "good" / "tiny-framework.yaml").read_text()
    (folder / "a\nb.yaml: ok: fake.yaml").write_text(framework)
    (folder / "c\rok: forged\x1b[2J.yaml").write_text("kind: [")
    (folder / "d\u202eLMTH.yaml").write_text(framework.replace("id: tiny", "id: tiny2"))
    result = run("validate", folder)
    assert_safe(result)
    assert result.exit_code == 1
    *files, summary = result.output.splitlines()
    assert summary == "3 files checked: 2 valid, 1 invalid (1 error)"
    assert len(files) == 3
    assert all(line.startswith(f"{folder}/") for line in files), files
    assert f"{folder}/a\\nb.yaml: ok: fake.yaml: ok: framework tiny@1" in result.output
    assert f"{folder}/c\\rok: forged\\x1b[2J.yaml:1:8: error:" in result.output
    assert f"{folder}/d\\u202eLMTH.yaml: ok:" in result.output


@pytest.mark.skipif(sys.platform != "linux", reason="file names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_is_shown_escaped(tmp_path: Path, installed: Any) -> None:
    installed()
    name = os.fsdecode(b"school\xff\x9b.yaml")  # bytes 0xff, 0x9b: surrogates
    (tmp_path / name).write_text("kind: [")
    result = run("validate", tmp_path)
    assert_safe(result)
    assert result.exit_code == 1
    assert "school\\udcff\\udc9b.yaml:1:8: error:" in result.output


def test_names_differing_by_an_invisible_character_are_told_apart(
    tmp_path: Path, installed: Any
) -> None:
    """Two strands `1a1` and `1a1` + zero-width space, and a file named with one: each id
    and file name shows the format character escaped (before round 46 the two rows of the
    report read `1a1` alike), while titles keep the joiners their script needs."""
    installed()
    title = "\U0001f469\u200d\U0001f4bb \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    data = framework_data()
    data["id"] = "plain"
    strands = data["elements"][0]["aspects"][0]["strands"]
    strands[0].update(id="1a1", title=title)
    strands[1].update(id="1a1\u200b", title=title)
    data["awards"] = []
    framework = write(tmp_path / "fw\u2060.json", data)
    review = assessment_data(judgements={"1a1": 1, "1a1\u200b": 2})
    review["framework"] = "plain@1"
    assessment = write(tmp_path / "review.json", review)
    result = run("validate", framework, assessment)
    assert_safe(result)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{tmp_path}/fw\\u2060.json: ok: framework plain@1")
    result = run("report", assessment, "--framework", framework)
    assert_safe(result)
    assert result.exit_code == 0, result.output
    rows = [ln for ln in result.stdout.splitlines() if ln.startswith("1a1")]
    assert [row.split("  ")[0] for row in rows] == ["1a1", "1a1\\u200b"]
    assert all(title in row for row in rows)  # the titles, as written
    result = run("show", framework)
    assert_safe(result)
    assert f"Strand 1a1: {title}" in result.stdout
    assert f"Strand 1a1\\u200b: {title}" in result.stdout
    for command, column in (("benchmark", 0), ("support", 1)):  # support: `strand ID ...`
        result = run(command, assessment, "--framework", framework)
        assert_safe(result)
        assert result.exit_code == 0, result.output
        cells = [ln.split() for ln in result.stdout.splitlines() if title in ln]
        assert [row[column] for row in cells[:2]] == ["1a1", "1a1\\u200b"], result.stdout
    (tmp_path / "bad\ufeff.yaml").write_text("kind: [")
    result = run("validate", tmp_path / "bad\ufeff.yaml", framework)
    assert_safe(result)
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{tmp_path}/bad\\ufeff.yaml:1:8: error:")
    assert f"{tmp_path}/fw\\u2060.json: ok:" in result.stdout  # the other, still checked


# -- show, frameworks, plugins ---------------------------------------------------------------


def test_show_prints_every_descriptor_escaped(files: Files) -> None:
    result = run("show", files.framework)
    assert_safe(result)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith(f"{VISIBLE}")
    for words in (
        f"Publisher: {VISIBLE}",
        "Source: \\x1b]52",
        f"Element 1{X_VISIBLE}: {VISIBLE}",
        f"Aspect 1a{X_VISIBLE}: {VISIBLE}",
        f"Strand {STRAND.replace(X, X_VISIBLE)}: {VISIBLE}",
        "level 3",
    ):
        assert words in out, words
    assert out.count(BIDI_VISIBLE) >= 8


def test_show_one_strand_and_an_unknown_id_are_escaped(files: Files) -> None:
    result = run("show", files.framework, STRAND)
    assert_safe(result)
    assert result.exit_code == 0, result.output
    assert f"Element 1{X_VISIBLE}: {VISIBLE}" in result.stdout
    result = run("show", files.framework, f"1a1{X[:-1]}")
    assert_safe(result)
    assert result.exit_code == 2
    # The strand meant, which differs only by the invisible override the id typed lacks.
    assert f"did you mean `1a1{X_VISIBLE}`?" in result.stderr


def test_show_json_escapes_controls_and_keeps_the_text(files: Files) -> None:
    result = run("show", files.framework, "--format", "json")
    assert_safe(result)
    assert json.loads(result.stdout)["title"] == ATTACK  # the same text, read back
    assert "\\u202e" in result.stdout


@pytest.mark.usefixtures("plugins")
def test_frameworks_lists_a_plugins_framework_escaped() -> None:
    result = run("frameworks")
    assert_safe(result)
    assert result.exit_code == 0, result.output
    [row] = [ln for ln in result.stdout.splitlines() if ln.startswith("evil")]
    assert row.split()[:2] == [f"evil{X_VISIBLE}", f"9{X_VISIBLE}"]
    assert VISIBLE in row
    assert row.endswith(f"hostile{X_VISIBLE}")  # the plugin's name
    assert f"plugin broken{X_VISIBLE}: failed to load" in result.stderr
    assert VISIBLE in result.stderr  # the import error's message


@pytest.mark.usefixtures("plugins")
def test_plugins_table_and_problems_are_escaped() -> None:
    result = run("plugins")
    assert_safe(result)
    assert result.exit_code == 0, result.output
    [row] = [ln for ln in result.stdout.splitlines() if ln.startswith("hostile")]
    assert row.split()[:2] == [f"hostile{X_VISIBLE}", f"6.6{X_VISIBLE}"]
    # `plugins` lists its problems in its own output, as a table.
    [problem] = [ln for ln in result.stdout.splitlines() if ln.startswith(f"broken{X_VISIBLE}")]
    assert "error" in problem
    assert "failed to load" in problem
    assert json.loads(run("plugins", "--format", "json").stdout)["plugins"][-1]["name"] == (
        f"hostile{X}"
    )


def test_a_plugins_name_and_version_with_line_breaks_read_the_same_everywhere(
    installed: Any,
) -> None:
    """A plugin's name and version are one line wherever they are shown: the `plugins`
    table showed `ho\\nstile` while the problem printed on standard error broke the name in
    two (`error: plugin ho` and, on a line of its own, `  stile: ...`), before round 46."""
    module = types.ModuleType("raising")
    module.selfreview_frameworks = hookimpl(_raise)  # type: ignore[attr-defined]
    raising = _EntryPoint("ho\nstile", module)
    raising.dist = types.SimpleNamespace(version="1\n2")
    broken = _EntryPoint("bro\nken", error=ImportError("no module"))
    broken.value = "broken_module"
    installed(raising, broken)
    listed = run("plugins")
    assert_safe(listed)
    assert listed.exit_code == 0, listed.output
    [row] = [ln for ln in listed.stdout.splitlines() if ln.startswith("ho")]
    assert row.split()[:3] == ["ho\\nstile", "1\\n2", "selfreview_frameworks"]
    [problem] = [ln for ln in listed.stdout.splitlines() if ln.startswith("bro")]
    assert problem.split()[:2] == ["bro\\nken", "error"]
    result = run("frameworks")
    assert_safe(result)
    assert result.exit_code == 0, result.output
    assert "becta-srf" in result.stdout  # the bundled framework, still listed
    said = result.stderr.splitlines()
    assert said[0] == (
        "error: plugin bro\\nken: failed to load from `broken_module`: ImportError: no module"
    )
    assert said[1] == (
        f"error: plugin ho\\nstile: selfreview_frameworks raised RuntimeError: "
        f"{shown(ATTACK.split(chr(10))[0], newline=False)}"
    )
    assert said[2] == "  ok: forged line"  # the message's own next line, indented
    assert len(said) == 3


def test_a_plugins_rule_pack_is_listed_escaped(installed: Any, tmp_path: Path) -> None:
    pack = write(tmp_path / "pack.json", PACK)
    framework = write(tmp_path / "framework.json", framework_data())
    module = types.ModuleType("packs")
    module.selfreview_frameworks = hookimpl(lambda: [framework])  # type: ignore[attr-defined]
    module.selfreview_rule_packs = hookimpl(lambda: [pack])  # type: ignore[attr-defined]
    installed(_EntryPoint(f"packs{X}", module))
    result = run("plugins")
    assert_safe(result)
    assert f"pack{X_VISIBLE}  evil{X_VISIBLE}" in result.stdout


# -- report ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["table", "markdown", "csv", "html"])
def test_report_prints_every_format_escaped(files: Files, name: str) -> None:
    args = ("--framework", files.framework, "--rules", files.pack, "--format", name)
    result = run("report", files.assessment, *args)
    assert_safe(result, lines=name in ("table", "markdown"))
    assert result.exit_code == 0, result.output
    assert result.stdout.count(C1_VISIBLE) >= 10
    assert result.stdout.count(BIDI_VISIBLE) >= 10


def test_report_json_escapes_controls_and_reads_back_the_same(files: Files) -> None:
    args = ("--framework", files.framework, "--rules", files.pack, "--format", "json")
    result = run("report", files.assessment, *args)
    assert_safe(result)
    data = json.loads(result.stdout)
    assert data["assessment"]["school"]["name"] == ATTACK
    assert data["recommendations"][0]["title"] == ATTACK


@pytest.mark.usefixtures("plugins")
def test_report_shows_a_plugins_problems_and_advice_escaped(files: Files) -> None:
    result = run("report", files.assessment, "--framework", files.framework)
    assert_safe(result)
    assert result.exit_code == 0, result.output
    assert f"plugin broken{X_VISIBLE}: failed to load" in result.stderr
    assert f"From: hostile{X_VISIBLE}" in result.stdout
    assert result.stdout.count(VISIBLE) >= 5


@pytest.mark.usefixtures("plugins")
def test_report_usage_errors_name_plugin_exporters_escaped(files: Files, tmp_path: Path) -> None:
    """An exporter whose name holds control characters is refused (a name `--format` cannot
    take); the problem that says so, and the usage errors that follow, are shown escaped."""
    result = run("report", files.assessment, "--framework", files.framework, "--format", "fmt")
    assert_safe(result)
    assert result.exit_code == 2
    assert "no exporter `fmt`" in result.stderr
    result = run("report", files.assessment, "-o", tmp_path / "out.evil")
    assert_safe(result)
    assert result.exit_code == 2
    assert "cannot tell the format from `.evil`" in result.stderr
    result = run("report", files.assessment, "--framework", files.framework)
    assert_safe(result)
    assert f"fmt{X_VISIBLE}" in result.stderr  # the refused exporter, named escaped


def test_a_plugin_exporters_text_is_shown_escaped_on_a_terminal(
    installed: Any, tmp_path: Path
) -> None:
    """A third-party exporter may return anything: printed, its control characters are
    shown escaped; written to a file with -o, the file holds exactly what it returned."""
    module = types.ModuleType("raw_exporter")
    raw = Exporter("raw", ".raw", "text/plain", lambda report: f"{ATTACK}\n")
    module.selfreview_exporters = hookimpl(lambda: [raw])  # type: ignore[attr-defined]
    installed(_EntryPoint("raw-exporter", module))
    framework = write(tmp_path / "framework.json", framework_data())
    assessment = write(tmp_path / "assessment.json", assessment_data())
    result = run("report", assessment, "--framework", framework, "--format", "raw")
    assert result.exit_code == 0, result.output
    assert_safe(result, lines=False)  # a document: its own newlines stand
    assert VISIBLE in result.stdout
    target = tmp_path / "out.raw"
    written = run("report", assessment, "--framework", framework, "-o", target)
    assert written.exit_code == 0, written.output
    assert target.read_bytes() == f"{ATTACK}\n".encode()


def test_report_names_the_file_it_wrote_escaped(files: Files, tmp_path: Path) -> None:
    out = tmp_path / "report\x1b[2J.md"
    result = run("report", files.assessment, "--framework", files.framework, "-o", out)
    assert_safe(result)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == f"Wrote {shown(out)} (markdown)."


def test_report_of_many_files_escapes_names_and_json_lines(files: Files, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    write(folder / "one.json", assessment_data())
    (folder / "bad\n\x1b[2Jok: forged.yaml").write_text("kind: [")
    args = ("--framework", files.framework, "--rules", files.pack)
    result = run("report", folder, *args, "--format", "json")
    assert_safe(result)
    assert result.exit_code == 1
    [line] = result.stdout.splitlines()
    assert json.loads(line)["assessment"]["school"]["name"] == ATTACK
    assert f"{folder}/bad\\n\\x1b[2Jok: forged.yaml:1:8: error:" in result.stderr
    result = run("report", folder, *args)
    assert_safe(result)
    assert result.stdout.count(VISIBLE) >= 10


# -- awards, benchmark -----------------------------------------------------------------------


def test_awards_are_shown_escaped(files: Files) -> None:
    result = run("awards", files.assessment, "--framework", files.framework)
    assert_safe(result)
    assert result.exit_code == 0, result.output
    first, *_ = result.stdout.splitlines()
    assert first.startswith(f"{VISIBLE}")
    assert f"({SCHOOL_ID.replace(X, X_VISIBLE)})" in first
    assert f"{VISIBLE}" in result.stdout.split("award(s) met.")[1]
    assert f"Missing: 1a1{X_VISIBLE} is at level 1" in result.stdout
    result = run("awards", files.assessment, "--framework", files.framework, "--format", "json")
    assert_safe(result)
    assert json.loads(result.stdout)["awards"][0]["title"] == ATTACK
    write(files.framework, {**framework_data(), "awards": []})
    result = run("awards", files.assessment, "--framework", files.framework)
    assert_safe(result)
    assert result.stdout.splitlines()[-1] == f"evil{X_VISIBLE}@1 declares no awards."


@pytest.mark.parametrize("output", ["table", "csv", "json"])
def test_benchmark_prints_the_cohort_escaped(files: Files, output: str) -> None:
    other = write(files.assessment.parent / "other.json", assessment_data(f"200{X}"))
    args = ("--framework", files.framework, "--format", output)
    result = run("benchmark", files.assessment, other, *args)
    assert_safe(result, lines=output != "csv")
    assert result.exit_code == 0, result.output
    if output == "json":
        assert json.loads(result.stdout)["framework"] == f"{FRAMEWORK_ID}@1"
    else:
        assert X_VISIBLE in result.stdout
    result = run("benchmark", files.assessment, other, *args, "--school", SCHOOL_ID)
    assert_safe(result, lines=output != "csv")
    assert result.exit_code == 0, result.output
    if output == "table":
        assert result.stdout.startswith(VISIBLE)  # the school's name


def test_benchmark_unknown_school_hint_is_escaped(files: Files) -> None:
    result = run(
        "benchmark", files.assessment, "--framework", files.framework, "--school", "100\x1b[2J"
    )
    assert_safe(result)
    assert result.exit_code == 2
    assert f"did you mean `100{X_VISIBLE}`" in result.stderr


# -- plan, migrate, assess -------------------------------------------------------------------


def test_plan_lines_and_status_are_escaped(files: Files, tmp_path: Path) -> None:
    plan = tmp_path / "plan\x1b[2J.yaml"
    named = shown(plan)
    # An owner's control characters are refused (round 69); a right-to-left mark is kept
    made = ("--framework", files.framework, "--rules", files.pack, "--owner", "I\u200fT")
    result = run("plan", files.assessment, "-o", plan, *made, "--priority", "high")
    assert_safe(result)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Wrote {named}: 1 action(s)")
    result = run("plan", files.assessment, "-o", plan, *made)
    assert_safe(result)
    assert result.exit_code == 0, result.output
    assert f"Added 1 action(s) to {named}:" in result.stdout
    assert f"Next step for {STRAND.replace(X, X_VISIBLE)} {VISIBLE}" in result.stdout
    result = run("plan", files.assessment, "-o", plan, *made)
    assert_safe(result)
    assert result.stdout.startswith(f"Nothing to add to {named}:")
    later = write(
        tmp_path / "later.json",
        assessment_data(judgements={STRAND: 3, OTHER: 2}) | {"assessed_on": "2027-10-01"},
    )
    result = run("plan", "--status", plan, "--framework", files.framework, "--review", later)
    assert_safe(result)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(VISIBLE)
    assert "I\\u200fT" in result.stdout  # the owner
    assert f"1a1{X_VISIBLE}: 1 → 3" in result.stdout  # a target, planned → now
    result = run("plan", "--status", plan, "--framework", files.framework, "--format", "json")
    assert_safe(result)
    assert json.loads(result.stdout)["school"]["name"] == ATTACK


def test_plan_interactive_questions_show_recommendations_escaped(
    files: Files, tmp_path: Path
) -> None:
    plan = tmp_path / "plan.yaml"
    made = ("--framework", files.framework, "--rules", files.pack, "--priority", "high")
    answers = "y\n\nnot a date\x1b[2J\n\n"
    result = run(
        "plan", files.assessment, "-o", plan, *made, "--owner", "ICT\u200f", "-i", input=answers
    )
    typed = "not a date\x1b[2J"  # echoed by the test's terminal, as a real one would
    assert_terminal_safe(result.stdout.replace(typed, ""))
    assert_terminal_safe(result.stderr)
    assert result.exit_code == 0, result.output
    assert f"\n(1 of 1) {VISIBLE}" in result.stdout
    assert f"high priority; 1a1{X_VISIBLE}; from pack{X_VISIBLE}" in result.stdout
    assert "  Owner [ICT\\u200f]: " in result.stdout  # typed on the command line
    assert "`not a date\\x1b[2J` is not a date" in result.stderr


class Versions(types.SimpleNamespace):
    v1: Path
    v2: Path
    migration: Path
    school: Path
    options: tuple[str | Path, ...]


@pytest.fixture
def versions(tmp_path: Path, installed: Any) -> Versions:
    """Two versions of the hostile framework, a migration that splits a strand (so the
    school's judgement of it waits for review, with the migration's note), and a school."""
    installed()
    v1 = write(tmp_path / "v1.json", framework_data("1"))
    v2 = write(tmp_path / "v2.json", framework_data("2", third=True))
    migration = write(
        tmp_path / "migration.json",
        {
            "kind": "migration",
            "id": f"move{X}",
            "title": ATTACK,
            "from": f"{FRAMEWORK_ID}@1",
            "to": f"{FRAMEWORK_ID}@2",
            "strands": {STRAND: STRAND, OTHER: [OTHER, NEW_STRAND]},
        },
    )
    judgements = {
        STRAND: {"level": 1, "evidence": ATTACK},
        OTHER: {"level": 2, "evidence": ATTACK},
    }
    school = write(tmp_path / "school.json", assessment_data(judgements=judgements))
    options = ("--framework", v1, "--framework", v2, "--migration", migration)
    return Versions(v1=v1, v2=v2, migration=migration, school=school, options=options)


def test_migrate_says_what_it_did_escaped_and_writes_a_readable_file(versions: Versions) -> None:
    school = versions.school
    result = run("migrate", school, "--to", f"{FRAMEWORK_ID}@2", *versions.options)
    assert_safe(result)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"Carried {school} from evil{X_VISIBLE}@1")
    assert f"via move{X_VISIBLE}" in result.stderr
    assert f"{OTHER.replace(X, X_VISIBLE)} (split)" in result.stderr
    assert result.stdout.startswith(f"# Carried from evil{X_VISIBLE}@1 to evil{X_VISIBLE}@2")
    names = {f.ref: f for f in map(load_framework, (versions.v1, versions.v2))}
    migrated = load_assessment("out.yaml", names, text=result.stdout)  # the comment is text
    assert migrated.school.name == ATTACK
    out = school.parent / "v2\x1b[2J.yaml"
    result = run("migrate", school, "--to", f"{FRAMEWORK_ID}@2", *versions.options, "-o", out)
    assert_safe(result)
    assert result.stderr.splitlines()[-1] == f"Wrote {shown(out)}."


def test_migrate_to_an_unknown_version_hints_escaped(versions: Versions) -> None:
    result = run("migrate", versions.school, "--to", "evil\x1b[2J\x9b1m", *versions.options)
    assert_safe(result)
    assert result.exit_code == 2
    assert f"(did you mean `evil{X_VISIBLE}`?)" in result.stderr


def test_report_says_what_a_migration_left_escaped(versions: Versions) -> None:
    migrated = versions.school.parent / "migrated.yaml"
    to = ("--to", f"{FRAMEWORK_ID}@2")
    assert run("migrate", versions.school, *to, *versions.options, "-o", migrated).exit_code == 0
    result = run("report", migrated, "--previous", versions.school, *versions.options)
    assert_safe(result)
    assert result.exit_code == 0, result.output
    assert f"The previous review (evil{X_VISIBLE}@1) was carried to evil{X_VISIBLE}@2" in (
        result.stderr
    )
    assert f"to judge: {OTHER.replace(X, X_VISIBLE)}, {NEW_STRAND.replace(X, X_VISIBLE)}" in (
        result.stderr
    )


def test_assess_shows_what_a_migration_left_to_judge_escaped(versions: Versions) -> None:
    migrated = versions.school.parent / "migrated.yaml"
    to = ("--to", f"{FRAMEWORK_ID}@2")
    assert run("migrate", versions.school, *to, *versions.options, "-o", migrated).exit_code == 0
    result = run("assess", versions.v2, "-o", migrated, input="q\n")
    assert_safe(result)
    assert result.exit_code == 0, result.output
    assert f"To judge afresh (split): `{OTHER.replace(X, X_VISIBLE)}` (level 2)" in result.stdout
    assert f"Evidence carried over: {VISIBLE}" in result.stdout
    assert f"Continuing the review of {VISIBLE}" in result.stdout  # the school's name


def test_benchmark_says_what_it_carried_escaped(versions: Versions) -> None:
    later = write(
        versions.school.parent / "later.json",
        {**assessment_data(f"200{X}"), "framework": f"{FRAMEWORK_ID}@2"},
    )
    result = run(
        "benchmark",
        versions.school,
        later,
        "--framework",
        versions.v1,
        "--to",
        versions.v2,
        "--migration",
        versions.migration,
    )
    assert_safe(result)
    assert result.exit_code == 0, result.output
    assert f"1 assessment(s) of other versions carried to evil{X_VISIBLE}@2;" in result.stderr


def test_assess_shows_the_framework_and_the_file_escaped(files: Files, tmp_path: Path) -> None:
    out = tmp_path / "review.yaml"
    start = ("assess", files.framework, "-o", out, "--date", "2026-10-01")
    result = run(*start, "--school-id", "1", "--school-name", "S", input="1\nfirst\n2\n\n")
    assert_safe(result)
    assert result.exit_code == 0, result.output
    assert f"Strand 1a1{X_VISIBLE} (1 of 2): {VISIBLE}" in result.stdout
    assert f"Element 1{X_VISIBLE} {VISIBLE}" in result.stdout
    assert f"0 (worst) {VISIBLE}" in result.stdout  # the scale's label
    assert f"      {VISIBLE}" in result.stdout  # a descriptor
    # Evidence with control characters, carried as the default answer: shown escaped, and
    # kept exactly as it was when the default is taken.
    data = yaml.safe_load(out.read_text())
    data["judgements"][STRAND]["evidence"] = ATTACK
    out.write_text(yaml.safe_dump(data))
    result = run(*start, "--all", input="\n\n\n\n")
    assert_safe(result)
    assert result.exit_code == 0, result.output
    # The default is shown cut to fit the terminal's line; Enter keeps all of it.
    assert f"several lines) [{shown(ATTACK, newline=False)[:20]}" in result.stdout
    assert "…]: " in result.stdout
    said = " ".join(result.stdout.split())  # a long path may be put on a line of its own
    assert f"Continuing the review of S (1) in {out}" in said
    names = {f.ref: f for f in [load_framework(files.framework)]}
    assert load_assessment(out, names).judgements[STRAND].evidence == ATTACK


# -- errors ----------------------------------------------------------------------------------


def test_an_unexpected_error_is_one_escaped_line(
    files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("selfreview_core.listing.frameworks_table", _raise)
    monkeypatch.delenv("SELFREVIEW_DEBUG", raising=False)
    result = run("frameworks")
    assert_safe(result)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"Error: internal error: RuntimeError: {shown(ATTACK, newline=False)}"
    )


def test_an_unknown_framework_hint_is_escaped(installed: Any) -> None:
    installed(_EntryPoint("hostile", hostile_plugin()))
    result = run("show", "evil\x1b[2J\x9b1m")
    assert_safe(result)
    assert result.exit_code == 2
    assert f"did you mean `evil{X_VISIBLE}`" in result.stderr


def test_an_os_error_is_one_escaped_line(files: Files, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> Any:
        raise PermissionError(13, f"Permission denied{X}", f"/srv/{ATTACK}")

    monkeypatch.setattr("selfreview_core.listing.frameworks_table", refuse)
    result = run("frameworks")
    assert_safe(result)
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {shown(f'/srv/{ATTACK}', newline=False)}: Permission denied{X_VISIBLE}\n"
    )


def test_a_directory_with_nothing_to_check_is_named_escaped(tmp_path: Path, installed: Any) -> None:
    installed()
    empty = tmp_path / f"empty{X}\nok: forged"
    empty.mkdir()
    result = run("validate", empty)
    assert_safe(result)
    assert result.exit_code == 2
    assert f"no YAML, JSON or JSON Lines files under {shown(empty, newline=False)}" in result.stderr


def test_a_problem_of_several_lines_keeps_them_each_indented_and_escaped(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A file a plugin gives that does not load is one problem with its located errors
    on lines of their own (before round 40 they were one line, joined by a visible `\\n`).
    A line break is the one control character a terminal may show (SPEC section 7): each
    further line is indented, so that no line of a plugin's message passes for one of the
    program's own, and every other control character is still shown escaped."""
    echo_problem(
        Problem(
            source="broken\x1b[2J",
            message="framework file does not load:\n/x.yaml:3:1: error: bad\nok: forged\x07\r",
        )
    )
    assert capsys.readouterr().err == (
        "error: plugin broken\\x1b[2J: framework file does not load:\n"
        "  /x.yaml:3:1: error: bad\n"
        "  ok: forged\\x07\\r\n"
    )


def test_the_engines_own_problem_is_not_said_to_be_a_plugins(
    capsys: pytest.CaptureFixture[str],
) -> None:
    echo_problem(
        Problem(source="engine", message="no plugin named `x` to disable", severity="warning")
    )
    assert capsys.readouterr().err == "warning: no plugin named `x` to disable\n"


#: A plugin's exception quoting an id that holds invisible characters, and prose around it.
QUOTING = (
    "no strand `1a1\u200b` nor `1a1\ufeff`; prose keeps its joiner: \u0645\u06cc\u200c\u062e"
    " \u202eevil \u2066iso\u2069 nel\x85 csi\x9b2J"
)


def test_an_id_a_plugins_exception_quotes_reads_apart_everywhere_it_is_shown(
    installed: Any, tmp_path: Path
) -> None:
    """On the terminal, in Markdown and in HTML an id quoted in backticks is shown as a name
    (`1a1\\u200b`, before round 49 `1a1` followed by an invisible space: another strand's id
    to the reader); the prose around it keeps its joiners; bidirectional and C1 controls
    are escaped; `--format json` keeps the message as the plugin wrote it."""
    module = types.ModuleType("quoting")

    def recommend() -> list[Recommendation]:
        raise RuntimeError(QUOTING)

    module.selfreview_recommend = hookimpl(recommend)  # type: ignore[attr-defined]
    installed(_EntryPoint("quoting", module))
    framework = write(tmp_path / "framework.json", framework_data())
    assessment = write(tmp_path / "assessment.json", assessment_data())
    ids = "no strand `1a1\\u200b` nor `1a1\\ufeff`; prose keeps its joiner: \u0645\u06cc\u200c"
    for name in ("report.md", "report.html"):
        result = run("report", assessment, "--framework", framework, "-o", tmp_path / name)
        assert_safe(result)
        assert result.exit_code == 0, result.output
        assert f"{ids}\u062e \\u202eevil \\u2066iso\\u2069 nel\\x85 csi\\x9b2J" in result.stderr
        written = (tmp_path / name).read_text(encoding="utf-8")
        assert not {"\u200b", "\ufeff", "\x9b"} & set(written)
        assert ids.replace("`", "\\`" if name.endswith(".md") else "`") in written
    result = run("report", assessment, "--framework", framework, "--format", "json")
    [problem] = json.loads(result.stdout)["problems"]
    assert problem["message"] == f"selfreview_recommend raised RuntimeError: {QUOTING}"
