"""The pre-commit hook, run for real: pre-commit installs it from a git repository holding
this working tree and runs it in a framework author's repository (docs/framework-format.md,
Pre-commit), by `pre-commit try-repo` and by `pre-commit run` with the docs' configurations.

Slow: pre-commit builds the hook's environment (a virtualenv and a pip install of this
package and its dependencies from the package index): `try-repo` every time it runs, `run`
once per test process.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
HOOK = "selfreview-validate"
#: What the hook's repository leaves out of the copy of this tree: not needed to install
#: the package, and large (a virtualenv) or about to change (caches).
LEFT_OUT = shutil.ignore_patterns(
    ".git", ".venv", "venv", "tests", "docs", "examples", "bench", "plugins", "dist", "build",
    "__pycache__", "*.egg-info", ".*_cache", ".hypothesis",
)  # fmt: skip

FRAMEWORK = """\
kind: framework
id: my-framework
version: "1"
title: My framework
scale: {best: 3, worst: 0}
elements:
  - id: A
    title: Leadership
    aspects:
      - id: A1
        title: Vision
        strands:
          - id: A1.1
            title: The vision
            levels: {0: None yet., 1: Some., 2: Most., 3: All.}
"""
GOOD = """\
kind: assessment
framework: my-framework
school: {id: "1", name: Our School}
assessed_on: 2026-10-01
judgements:
  A1.1: 2
"""
#: A judgement for a strand the framework lacks, on line 7, column 3.
BAD = GOOD + "  A1.2: 1\n"


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=ENVIRONMENT, check=True, capture_output=True)


#: The environment of every git and pre-commit run: nothing from a git hook that may be
#: running these tests (GIT_DIR, GIT_INDEX_FILE ...), no SKIP of hooks, a known identity.
ENVIRONMENT = {
    **{k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))},
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
    # The hook's environment installed without compiling every module of its dependencies
    # to bytecode (pydantic's, DuckDB's ...) and without asking for a newer pip: the hook
    # runs the same, compiling what it imports (round 82: some 3 s of processor time).
    "PIP_NO_COMPILE": "1",
    "PIP_DISABLE_PIP_VERSION_CHECK": "1",
}
ENVIRONMENT.pop("SKIP", None)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """This working tree, uncommitted changes included, committed to a git repository of
    its own, as pre-commit needs a hook's repository to be; with its commit."""
    repo = tmp_path_factory.mktemp("selfreview-core")
    shutil.copytree(ROOT, repo, ignore=LEFT_OUT, symlinks=True, dirs_exist_ok=True)
    git(repo, "init", "--quiet")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--message", "the working tree under test")
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=repo, env=ENVIRONMENT, check=True, capture_output=True
    )
    return str(repo), head.stdout.decode().strip()


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> str:
    """pre-commit's cache, shared by this module's tests: the hook is installed once."""
    return str(tmp_path_factory.mktemp("pre-commit-home"))


@pytest.fixture
def author(tmp_path: Path) -> Path:
    """A framework author's repository: their framework, a good and a bad assessment, and
    a YAML file outside the folders the hook checks."""
    files = {
        "frameworks/my-framework.yaml": FRAMEWORK,
        "assessments/our-school.yaml": GOOD,
        "assessments/bad.yaml": BAD,
        "notes/bad.yaml": BAD,
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    git(tmp_path, "init", "--quiet")
    git(tmp_path, "add", "--all")
    git(tmp_path, "commit", "--quiet", "--message", "our framework and reviews")
    return tmp_path


def pre_commit(cwd: Path, home: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args, "--color=never"],
        cwd=cwd,
        env={**ENVIRONMENT, "PRE_COMMIT_HOME": home},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def try_repo(
    author: Path, hook_repo: tuple[str, str], home: str, *files: str
) -> subprocess.CompletedProcess[str]:
    """`pre-commit try-repo` as the docs show it: the hook as shipped, without `args:`."""
    repo, commit = hook_repo
    return pre_commit(
        author, home, "try-repo", repo, HOOK, "--ref", commit, "--verbose", "--files", *files
    )


def status(run: subprocess.CompletedProcess[str]) -> str:
    """The hook's verdict on pre-commit's line for it: Passed, Failed or Skipped."""
    found = re.search(r"^selfreview validate\.*(?:\(no files to check\))?(\w+)$", run.stdout, re.M)
    assert found, run.stdout + run.stderr
    return found[1]


def test_try_repo_fails_a_bad_assessment_at_its_line_and_column_and_checks_the_rest(
    author: Path, hook_repo: tuple[str, str], home: str
) -> None:
    """The hook as shipped, by `try-repo` (which installs it afresh every time: one run)."""
    files = ("frameworks/my-framework.yaml", "assessments/our-school.yaml", "assessments/bad.yaml")
    run = try_repo(author, hook_repo, home, *files)
    assert (run.returncode, status(run)) == (1, "Failed"), run.stdout
    [error] = [line for line in run.stdout.splitlines() if ": error: " in line]
    assert error.startswith("assessments/bad.yaml:7:3: error: ")
    assert "`A1.2` is not a strand of my-framework@1" in error
    assert "assessments/our-school.yaml: ok: " in run.stdout  # the good file is still checked
    assert "3 files checked: 2 valid, 1 invalid (1 error)" in run.stdout


# -- the docs' two configurations, by `pre-commit run` (its environment installed once) -----


def pre_commit_section() -> str:
    docs = (ROOT / "docs" / "framework-format.md").read_text(encoding="utf-8")
    return docs[docs.index("## Pre-commit") : docs.index("## Error codes")]


def documented_config(hook_repo: tuple[str, str], *, with_args: bool) -> str:
    """The docs' configuration without `args:` or the one with, pointing at the hook's
    repository and commit."""
    section = pre_commit_section()
    blocks = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", section, re.DOTALL)]
    [config] = [b for b in blocks if ("args" in b["repos"][0]["hooks"][0]) == with_args]
    [entry] = config["repos"]
    [hook] = entry["hooks"]
    args = {"args": ["--framework", "frameworks/my-framework.yaml"]} if with_args else {}
    assert hook == {"id": HOOK, **args}
    entry["repo"], entry["rev"] = hook_repo
    return yaml.safe_dump(config)


def configure(author: Path, hook_repo: tuple[str, str], *, with_args: bool) -> Path:
    config = documented_config(hook_repo, with_args=with_args)
    (author / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    git(author, "add", ".pre-commit-config.yaml")
    return author


@pytest.fixture
def plain(author: Path, hook_repo: tuple[str, str]) -> Path:
    """The author's repository, configured as the docs first show: no `args:`."""
    return configure(author, hook_repo, with_args=False)


@pytest.fixture
def configured(author: Path, hook_repo: tuple[str, str]) -> Path:
    """The author's repository, configured with `args: [--framework, ...]`."""
    return configure(author, hook_repo, with_args=True)


def run_hook(repository: Path, home: str, *files: str) -> subprocess.CompletedProcess[str]:
    return pre_commit(repository, home, "run", "--verbose", "--files", *files)


def test_a_framework_and_its_assessment_changed_together_pass(plain: Path, home: str) -> None:
    run = run_hook(plain, home, "frameworks/my-framework.yaml", "assessments/our-school.yaml")
    assert (run.returncode, status(run)) == (0, "Passed"), run.stdout + run.stderr
    assert "2 files checked: 2 valid, 0 invalid" in run.stdout


def test_without_args_an_assessment_changed_alone_fails_and_says_how_to_name_the_framework(
    plain: Path, home: str
) -> None:
    """The trap the docs warn of: the framework is not among the files passed."""
    run = run_hook(plain, home, "assessments/our-school.yaml")
    assert (run.returncode, status(run)) == (1, "Failed"), run.stdout + run.stderr
    [error] = [line for line in run.stdout.splitlines() if ": error: " in line]
    assert error.startswith("assessments/our-school.yaml:2:12: error: framework: ")
    assert "unknown framework `my-framework`" in error
    assert "--framework" in error
    assert [error] == re.findall(r"```text\n(.*?)\n```", pre_commit_section())  # as documented


def test_files_outside_the_hooks_folders_and_other_types_are_not_checked(
    plain: Path, home: str
) -> None:
    (plain / "assessments" / "README.txt").write_text("not a document\n", encoding="utf-8")
    run = run_hook(plain, home, "notes/bad.yaml", "assessments/README.txt")
    assert (run.returncode, status(run)) == (0, "Skipped"), run.stdout + run.stderr


def test_with_the_documented_args_an_assessment_changed_alone_is_checked(
    configured: Path, home: str
) -> None:
    run = run_hook(configured, home, "assessments/our-school.yaml")
    assert (run.returncode, status(run)) == (0, "Passed"), run.stdout + run.stderr
    assert "assessments/our-school.yaml: ok: assessment of my-framework" in run.stdout

    run = run_hook(configured, home, "assessments/bad.yaml")
    assert (run.returncode, status(run)) == (1, "Failed"), run.stdout + run.stderr
    [error] = [line for line in run.stdout.splitlines() if ": error: " in line]
    assert error.startswith("assessments/bad.yaml:7:3: error: ")
    assert "`A1.2` is not a strand of my-framework@1" in error


def test_with_the_documented_args_a_changed_framework_is_checked_once_and_used(
    configured: Path, home: str
) -> None:
    """The framework both named in `args:` and among the changed files."""
    files = ("frameworks/my-framework.yaml", "assessments/our-school.yaml")
    run = run_hook(configured, home, *files)
    assert (run.returncode, status(run)) == (0, "Passed"), run.stdout + run.stderr
    assert "2 files checked: 2 valid, 0 invalid" in run.stdout


def test_with_the_documented_args_a_broken_framework_fails_at_its_own_line(
    configured: Path, home: str
) -> None:
    framework = configured / "frameworks" / "my-framework.yaml"
    framework.write_text(FRAMEWORK.replace(", 3: All.}", "}"), encoding="utf-8")
    run = run_hook(configured, home, "frameworks/my-framework.yaml", "assessments/our-school.yaml")
    assert (run.returncode, status(run)) == (1, "Failed"), run.stdout + run.stderr
    [error] = [line for line in run.stdout.splitlines() if ": error: " in line]
    assert error.startswith("frameworks/my-framework.yaml:15:21: error: ")
    assert "no descriptor for level 3" in error
