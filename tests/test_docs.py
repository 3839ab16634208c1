"""The docs are part of the contract: README commands are what CI runs, snippets execute."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

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
    assert test.endswith("pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert install in ci
    assert test in ci


@pytest.mark.parametrize("index", range(len(blocks(README, "python"))))
def test_readme_python_snippets_run(index: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    exec(compile(blocks(README, "python")[index], f"README.md[{index}]", "exec"), {})
