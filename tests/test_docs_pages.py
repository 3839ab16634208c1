"""The README's tour and the reference pages work exactly as written, as
docs/improvement-cycle.md does: every `$ selfreview ...` line of their examples, run in order
in a fresh folder beside the examples, exits as the page says (0, or `# exit N`) and prints
what the page shows under it. A line `...` of its own stands for lines left out, and a line
ending in `...` for the rest of that line. The files a page names as the reader's own
(`my-advice.yaml`, `our-reviews/`, `assessments/`) are made first, from the examples. So
are the examples' READMEs, the drawing of the layers in docs/architecture.md and the error
docs/command-line.md shows for the configuration file (round 59: a new user's journey).
"""

from __future__ import annotations

import json
import re
import shlex
import sys
import types
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from selfreview_core.cli import cli
from test_docs import blocks, console_steps

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

#: What a page shows but a test cannot run: setting up, installing, the test suite itself.
NOT_RUN = (
    *("pip ", "pytest ", "HYPOTHESIS_PROFILE=", "git clone ", "echo "),
    *("python scripts/", "scripts/", "pre-commit "),
)

#: A framework file with the three mistakes docs/framework-format.md shows `validate` find.
MY_FRAMEWORK = """\
kind: framework
id: my-framework
version: "1"
title: My framework
scale: {best: 1, worst: 3}
elements:
  - id: A
    title: Teaching
    aspects:
      - id: A1
        title: Planning
        strands:
          - id: A1.1
            titel: Schemes of work
            levels: {1: All year groups., 2: Most year groups., 3: None yet.}
          - id: A1.2
            title: Assessment
            levels:
              1: All year groups.
              3: None yet.
"""


def shows(output: str, shown: str) -> bool:
    """Whether `output` is what a page shows, `...` standing for what it leaves out."""
    pattern = ""
    for line in shown.splitlines(keepends=True):
        text = line.removesuffix("\n")
        if text.strip() == "...":
            pattern += r"(?:.*\n)*?"
        elif text.endswith("..."):  # and the lines it wraps onto, indented further
            deeper = " " * (len(text) - len(text.lstrip()) + 1)
            pattern += re.escape(text.removesuffix("...")) + rf".*\n(?:{deeper}.*\n)*"
        else:
            pattern += re.escape(line)
    return re.fullmatch(pattern, output) is not None


@pytest.mark.parametrize(
    ("output", "shown", "expected"),
    [
        ("a\nb\nc\n", "a\nb\nc\n", True),
        ("a\nb\nc\n", "a\n...\nc\n", True),
        ("a\nb\nc\n", "a\n  ...\n", True),
        ("a long line\n", "a long...\n", True),
        ("a\nb\nc\n", "a\nc\n", False),  # a line left out is shown as left out
        ("a\nb\n", "a\nb\nc\n", False),
        ("x a\n", "a...\n", False),
        (" a b\n  c\n d\n", " a...\n d\n", True),  # and what it wraps onto
        (" a b\n c\n", " a...\n", False),
    ],
)
def test_what_a_page_shows_is_matched_line_by_line(output: str, shown: str, expected: bool) -> None:
    assert shows(output, shown) is expected


def _fenced_console(text: str) -> str:
    """docs/benchmarking.md's examples are plain fenced blocks opening with `$ `: the same
    as console blocks, written as one."""
    plain = re.findall(r"^```\n(\$ .*?)^```", text, flags=re.DOTALL | re.MULTILINE)
    return "".join(f"```console\n{block}```\n" for block in plain)


def _jsonl(folder: Path, target: Path) -> None:
    reviews = sorted(folder.glob("*.yaml"))
    lines = [json.dumps(yaml.safe_load(p.read_text("utf-8")), default=str) for p in reviews]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _readers_files(folder: Path) -> None:
    """The files the pages name as the reader's own, made from the examples."""
    guide = (ROOT / "docs" / "writing-plugins.md").read_text(encoding="utf-8")
    (folder / "my-advice.yaml").write_text(blocks(guide, "yaml")[0], encoding="utf-8")
    for name in ("review.yaml", "school.yaml"):
        (folder / name).write_bytes((EXAMPLES / "example-primary-2026.yaml").read_bytes())
    awards = EXAMPLES / "awards"
    for place in ("cohort", "our-reviews"):
        (folder / place).mkdir()
        (folder / place / "school.yaml").write_bytes((awards / "example-school.yaml").read_bytes())
    framework = (awards / "illustrative-award-framework.yaml").read_bytes()
    (folder / "my-framework.yaml").write_bytes(framework)
    (folder / "our-reviews" / "framework.yaml").write_bytes(framework)
    (folder / "assessments").symlink_to(EXAMPLES / "cohort")
    _jsonl(EXAMPLES / "cohort", folder / "all-schools.jsonl")
    (folder / "frameworks").mkdir()
    (folder / "frameworks" / "my-framework.yaml").write_text(MY_FRAMEWORK, encoding="utf-8")
    (folder / "docs" / "schema").mkdir(parents=True)


def _guides_plugin(monkeypatch: pytest.MonkeyPatch, folder: Path) -> Callable[[], None]:
    """The plugin of docs/writing-plugins.md, as `pip install -e .` would install it: an
    entry point `my-authority` of version 0.1.0, and no other plugin (the guide's reader
    installed the core alone)."""
    guide = (ROOT / "docs" / "writing-plugins.md").read_text(encoding="utf-8")
    module = types.ModuleType("my_authority_advice")
    module.__file__ = str(folder / "my_authority_advice.py")
    exec(compile(blocks(guide, "python")[0], module.__file__, "exec"), module.__dict__)
    monkeypatch.setitem(sys.modules, "my_authority_advice", module)
    point = types.SimpleNamespace(
        name="my-authority",
        value="my_authority_advice",
        group="selfreview",
        dist=types.SimpleNamespace(version="0.1.0"),
        load=lambda: module,
    )
    installed: list[object] = []
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: list(installed))
    return lambda: installed.append(point)


#: Each page, and the width of the terminal its examples were shown at.
PAGES = {
    "README.md": 100,
    "docs/framework-format.md": 100,
    "docs/writing-plugins.md": 100,
    "docs/command-line.md": 100,
    "docs/reports.md": 100,
    "docs/benchmarking.md": 80,
}


@pytest.mark.parametrize("page", PAGES)
def test_every_command_of_the_page_prints_what_it_shows(
    page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("examples", "tests"):
        (tmp_path / name).symlink_to(ROOT / name)
    _readers_files(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", str(PAGES[page]))
    monkeypatch.delenv("SELFREVIEW_DISABLE", raising=False)
    install = _guides_plugin(monkeypatch, tmp_path) if page.endswith("plugins.md") else None
    text = (ROOT / page).read_text(encoding="utf-8")
    ran = 0
    for command, code, shown in console_steps(text + _fenced_console(text)):
        if command.startswith(NOT_RUN):
            if command.startswith("pip install -e .") and install is not None:
                install()
            continue
        words = shlex.split(command)
        environment = {}
        while "=" in words[0]:
            name, _, value = words.pop(0).partition("=")
            environment[name] = value
        program, *args = words
        assert program == "selfreview", command
        args, _, into = (args[: args.index(">")], ">", args[-1]) if ">" in args else (args, "", "")
        answers = "123456\nOur School\n\n\n3\nOur vision is shared with staff.\nq\n"
        result = CliRunner().invoke(
            cli,
            args,
            env=environment,
            input=answers if args[0] == "assess" else None,
            prog_name="selfreview",
        )
        assert result.exit_code == code, (command, result.output, result.exception)
        if into:
            (tmp_path / into).write_text(result.stdout, encoding="utf-8")
        if shown.strip():
            shown = shown.rstrip("\n") + "\n"  # a blank line before the next command is layout
            printed = result.stderr if into else result.output
            assert shows(printed, shown), (command, printed)
        ran += 1
    assert ran >= 2


def _examples_commands(readme: Path) -> list[list[str]]:
    """The `selfreview` lines of an examples folder's README (plain fenced blocks; a line
    ending in `\\` goes on on the next)."""
    text = readme.read_text(encoding="utf-8")
    found = re.findall(r"^```\n(.*?)^```", text, flags=re.DOTALL | re.MULTILINE)
    lines = re.sub(r" *\\\n *", " ", "".join(found)).splitlines()
    return [shlex.split(line)[1:] for line in lines if line.startswith("selfreview ")]


@pytest.mark.parametrize("folder", ["cohort", "migration", "plan", "respondents"])
def test_the_commands_of_each_examples_readme_run(
    folder: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from a copy of the repository's examples (the plan's README writes the example
    plan again), each exits 0; the copy's plan is the one kept in the repository."""
    import shutil

    shutil.copytree(EXAMPLES, tmp_path / "examples")
    shutil.copytree(ROOT / "docs" / "schema", tmp_path / "docs" / "schema")
    monkeypatch.chdir(tmp_path)
    commands = _examples_commands(EXAMPLES / folder / "README.md")
    assert len(commands) >= 3
    for args in commands:
        result = CliRunner().invoke(cli, args, prog_name="selfreview")
        assert result.exit_code == 0, (args, result.output)
    plan = Path("examples", "plan", "example-primary-plan.yaml").read_bytes()
    assert plan == (EXAMPLES / "plan" / "example-primary-plan.yaml").read_bytes()


def test_assess_after_migrate_asks_for_the_strands_the_migration_readme_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """examples/migration/README.md: `assess` on the migrated review asks for the split and
    merged strands, "and the new one (2b2)" (before round 59 it said "exactly those")."""
    (tmp_path / "examples").symlink_to(EXAMPLES)
    monkeypatch.chdir(tmp_path)
    readme = EXAMPLES / "migration" / "README.md"
    [migrate] = [args for args in _examples_commands(readme) if args[0] == "migrate"]
    assert CliRunner().invoke(cli, migrate).exit_code == 0
    framework = "examples/migration/example-srf-2.yaml"
    asked = CliRunner().invoke(
        cli, ["assess", framework, "-o", "example-school-v2.yaml"], input="\n" * 4
    )
    headings = re.findall(r"^Strand (\S+) \(\d of (\d)\)", asked.output, flags=re.MULTILINE)
    assert headings == [("1b1", "4"), ("1b2", "4"), ("2a1", "4"), ("2b2", "4")]
    said = " ".join(readme.read_text(encoding="utf-8").split())
    assert "the split strand (1b1) and the merged ones (2a1, 2a2)" in said
    assert "asks for exactly those strands, and the new one (2b2)." in said


def test_a_misspelt_setting_is_named_as_the_command_line_page_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/command-line.md shows the error of a misspelt key at line 2, the file named by its
    whole path (before round 59 the page showed `selfreview.toml:2:1`, a name no command
    prints)."""
    page = (ROOT / "docs" / "command-line.md").read_text(encoding="utf-8")
    [shown] = re.findall(r"^(/home/adviser/reviews/selfreview\.toml:.*\n)", page, re.MULTILINE)
    folder = tmp_path / "reviews"
    (folder / ".git").mkdir(parents=True)
    written = '# selfreview.toml\nframwork = ["frameworks/our-framework.yaml"]\n'
    (folder / "selfreview.toml").write_text(written, encoding="utf-8")
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(cli, ["config"])
    assert result.exit_code == 1
    assert result.output == shown.replace("/home/adviser/reviews", str(Path.cwd()))


def test_the_architecture_page_draws_every_module_at_its_layer() -> None:
    """docs/architecture.md's drawing of the layers names each top-level module (`x.py`)
    and folder (`x/`) of the package at the layer tests/test_structure.py holds it to. Before
    round 59 seven were missing (`engine_inputs.py`, `migrating.py`, `plugin_checks.py`,
    `found_frameworks.py`, `_held.py`, `_stopping.py`, `_followed.py`)."""
    from test_structure import LAYERS

    package = ROOT / "src" / "selfreview_core"
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    [drawing] = re.findall(r"## The layers\n\n```\n(.*?)```", page, flags=re.DOTALL)
    drawn: dict[str, int] = {}
    layer = -1
    for line in drawing.splitlines():
        number = re.match(r" *(\d+) ", line)
        layer = int(number[1]) if number else layer
        for name, kind in re.findall(r"(?<![\w./`])([A-Za-z_]\w*)(\.py|/)(?![\w'])", line):
            if name in LAYERS and (kind == "/") == (package / name).is_dir():
                drawn.setdefault(name, layer)
    assert drawn == {name: at for name, at in LAYERS.items() if name}
