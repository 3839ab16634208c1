"""The docs are part of the contract: README commands are what CI runs, snippets execute."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from selfreview_core import Engine, Framework, load_assessment, load_plan, load_rules
from selfreview_core.testing import misquoted

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.DOTALL)


def test_readme_has_exactly_two_setup_commands_and_ci_runs_them() -> None:
    commands = [b.strip() for b in blocks(README, "sh")]
    assert len(commands) == 2
    install, test = commands
    assert install.startswith("python3 -m venv .venv")
    assert "pip install ." in install
    assert test.endswith("&& pytest -n auto")  # every core (pytest-xdist)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert install in ci
    assert test in ci


@pytest.mark.parametrize("index", range(len(blocks(README, "python"))))
def test_readme_python_snippets_run(index: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    exec(compile(blocks(README, "python")[index], f"README.md[{index}]", "exec"), {})


def _doc(name: str) -> str:
    return (ROOT / "docs" / name).read_text(encoding="utf-8")


def test_the_rule_pack_example_in_the_format_reference_loads(becta: Framework) -> None:
    [example] = [b for b in blocks(_doc("framework-format.md"), "yaml") if "kind: rules" in b]
    pack = load_rules("framework-format.md", becta, text=example)
    assert pack.rules[0].id == "involve-slt"


@pytest.mark.slow
def test_the_plugin_guide_works_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, becta: Framework
) -> None:
    """The guide's pack, plugin module and tests, saved as files and run."""
    guide = _doc("writing-plugins.md")
    [pack] = blocks(guide, "yaml")
    module, tests = blocks(guide, "python")
    (tmp_path / "my-advice.yaml").write_text(pack, encoding="utf-8")
    (tmp_path / "my_authority_advice.py").write_text(module, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "my_authority_advice", raising=False)
    namespace: dict[str, Any] = {}
    exec(compile(tests, "writing-plugins.md[tests]", "exec"), namespace)
    namespace["test_three_weak_strands_get_a_support_visit"](becta)
    namespace["test_never_fails_on_any_framework"]()
    # The plugin's own pack comes with it, and its rules fire.
    plugin = sys.modules["my_authority_advice"]
    engine = Engine(plugins=[plugin], entry_points=False)
    assert [e.pack.id for e in engine.rule_packs()] == ["my-authority"]
    weak = load_assessment(ROOT / "examples" / "example-primary-2026.yaml", becta)
    ids = [r.id for r in engine.report(weak).recommendations]
    assert "my-authority-slt" in ids


@pytest.mark.slow
def test_every_python_example_type_checks_as_a_users_script(tmp_path: Path) -> None:
    """Each Python example of the README and docs/ that uses the library passes `mypy
    --strict` with pydantic's plugin (as the README says a program is checked), saved as a
    user's own script: a `float | None` passed to `round`, a cohort that may be None, a
    level that may be None (a strand not applicable) are each an error there. The plugin
    guide's module is saved under the name its tests import; examples of other libraries
    alone (DuckDB, Polars) are theirs to type. Needs mypy, of the `dev` extra: CI runs it
    with the type checks, after the suite (`.ci/run`)."""
    pytest.importorskip("mypy", reason="mypy is not installed: pip install -e '.[dev]'")
    pages = {"README": README} | {
        path.stem: path.read_text(encoding="utf-8") for path in sorted((ROOT / "docs").glob("*.md"))
    }
    files = []
    for page, text in pages.items():
        for index, block in enumerate(blocks(text, "python")):
            if "selfreview_core" in block:
                name = f"{page.replace('-', '_')}_{index}.py"
                if page == "writing-plugins" and index == 0:
                    name = "my_authority_advice.py"  # what the guide's tests import
                (tmp_path / name).write_text(block, encoding="utf-8")
                files.append(name)
    assert len(files) >= 10
    (tmp_path / "mypy.ini").write_text(
        "[mypy]\nstrict = True\nplugins = pydantic.mypy\n", encoding="utf-8"
    )
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", "mypy.ini", "--cache-dir", "cache", *files],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.startswith(f"Success: no issues found in {len(files)} source files")


def console_steps(text: str) -> list[tuple[str, int, str]]:
    """(command, exit code, output shown) for each `$ ` line of each console block; a
    trailing `# exit N` gives a command's expected exit code (0 otherwise); a line ending
    in `\\` goes on on the next, as in a shell."""
    steps: list[tuple[str, int, str]] = []
    for block in blocks(text, "console"):
        for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            chunk = re.sub(r" *\\\n *", " ", chunk)
            command, _, shown = chunk.partition("\n")
            command, _, comment = command.partition("  # ")
            code = re.fullmatch(r"exit (\d)", comment.strip())
            steps.append((command, int(code[1]) if code else 0, shown))
    return steps


def run_as_written(text: str) -> int:
    """Run each command of `text`'s console blocks (`console_steps`) in order, in the
    current folder: each exits with its code and prints what the page shows (a block
    ending in `...` shows the start). How many ran, so that a page cannot lose its
    commands unseen."""
    import shlex

    from click.testing import CliRunner

    from selfreview_core.cli import cli

    steps = console_steps(text)
    for command, code, shown in steps:
        program, *args = shlex.split(command)
        assert program == "selfreview", command
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == code, (command, result.output)
        if shown.endswith("...\n"):
            assert result.output.startswith(shown.removesuffix("...\n")), command
        else:
            assert result.output == shown, command
    return len(steps)


def test_the_improvement_cycle_works_exactly_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every command of docs/improvement-cycle.md, run in order in a fresh directory beside
    the examples, prints what the page shows (a block ending in `...` shows the start)."""
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")
    assert run_as_written(_doc("improvement-cycle.md")) >= 12
    assert (tmp_path / "report-2025.html").read_text(encoding="utf-8").startswith("<!DOCTYPE")
    plan = load_plan(tmp_path / "plan.yaml")
    assert [a.id for a in plan.actions][-1] == "examine-environmental-impact"


def test_the_improvement_cycle_quotes_the_example_plan_as_it_is() -> None:
    [excerpt] = blocks(_doc("improvement-cycle.md"), "yaml")
    plan = (ROOT / "examples" / "plan" / "example-primary-plan.yaml").read_text(encoding="utf-8")
    assert excerpt in plan


def _hooks() -> dict[str, ast.FunctionDef]:
    """The hooks `hookspecs.py` declares, by name, as written there."""
    source = (ROOT / "src" / "selfreview_core" / "hookspecs.py").read_text(encoding="utf-8")
    return {
        node.name: node
        for node in ast.parse(source).body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("selfreview_")
    }


def test_every_hook_is_documented_with_its_exact_signature() -> None:
    """As datasette's docs test does: each hook of `hookspecs.py` is in the plugin guide's
    table with its arguments, and in its list of declarations exactly as declared (every
    argument, annotation and return type); the guide names no hook that is not one."""
    from selfreview_core import hookspecs

    guide = _doc("writing-plugins.md")
    [declared] = blocks(guide, "pyi")
    hooks = _hooks()
    assert set(hooks) == {n for n in dir(hookspecs) if n.startswith("selfreview_")}
    for name, node in hooks.items():
        arguments = ", ".join(a.arg for a in node.args.args)
        assert f"| `{name}({arguments})` |" in guide, name
        returns = ast.unparse(node.returns) if node.returns else "None"
        assert f"def {name}({ast.unparse(node.args)}) -> {returns}: ...\n" in declared, name
    written = set(re.findall(r"\bdef (selfreview_\w+)\(", declared))
    listed = set(re.findall(r"^\| `(selfreview_\w+)\(", guide, flags=re.MULTILINE))
    assert written == listed == set(hooks)


#: The copies of the documents the project draws on, beside the repository in CI.
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are beside the repository in CI")
def test_what_the_readme_quotes_from_becta_is_word_for_word() -> None:
    """The descriptors the opening quotes (Becta, 2010) and the terms of Becta's 2003
    report are the documents' own words."""
    opening = README.split("\n\n")[1]
    passages = README.split('"')[1::2]
    terms = " ".join(f'"{p}"' for p in passages if "Becta 2003" in p or "You may reproduce" in p)
    assert terms.count('"') == 4
    descriptors = (SEEDS / "004_36050ad6e1528efb.txt").read_text(encoding="utf-8")
    report = (SEEDS / "001_dfd8f04cfe4aee72.txt").read_text(encoding="utf-8")
    assert opening.count('"') == 4
    assert misquoted(opening, descriptors) == []
    assert misquoted(terms, report) == []
