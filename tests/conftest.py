"""Shared fixtures: the ones plugin authors get from `selfreview_core.testing`, plus paths;
and the hypothesis profiles every test runs under."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

pytest_plugins = ["selfreview_core.testing"]

# The profiles, by how deep they look: `ci` is the default (the README's command and CI);
# `deep` runs ten times its examples (`HYPOTHESIS_PROFILE=deep pytest` or
# `pytest --hypothesis-profile=deep`); `dev` a fifth, for a quick check while editing.
# A test with a count of its own writes it with `scaled` (tests/scaled.py), so every profile
# reaches it too. All of them: no deadline (speed is measured in bench/, never asserted in
# tests), a fresh random start each run (hypothesis's own `ci` profile, which it loads when
# $CI is set, would derandomize), and a blob to reproduce any failure.
_BUILT_IN_DEFAULT = settings.get_profile("default")
for _name, _examples in (("ci", 100), ("deep", 1000), ("dev", 20)):
    settings.register_profile(
        _name,
        parent=_BUILT_IN_DEFAULT,
        max_examples=_examples,
        deadline=None,
        derandomize=False,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# The collector's full passes ten times rarer than Python's default in the test process:
# every worker holds the whole collected suite (some 8,500 tests, their modules and
# hypothesis's strategies), which each full pass walks. On tests/property/test_score_fitted.py,
# test_rule_units.py and the YAML tests, the collector took 2.5 of 14.9 s of processor time,
# 1.4 of 13.9 s with this. A test that needs garbage gone collects it itself (`gc.collect()`);
# the program's own thresholds are tested in processes of their own (test_startup_collector).
gc.set_threshold(*gc.get_threshold()[:2], 100)

# Bytecode written by every program the tests start (`python -m selfreview_core`, some 400 of
# them; the scripts; the workers'), as in a user's install, whatever the shell says: with
# `PYTHONDONTWRITEBYTECODE=1` (set in some sandboxes and CI images) in a fresh clone, each
# start compiled every module of ours it imported from source, a third more processor time
# (`validate` of an assessment 0.36 s against 0.23; docs/testing.md, "How long the suite
# takes"). Set here, before pytest-xdist starts its workers, so theirs is the same.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _no_terminal_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """Output as for a pipe, whoever runs the tests: pytest-xdist sets `COLUMNS` in its
    workers, which tables and headings fit (`text_tables.fitting_width`). A test that wants a
    width sets it. Also out of the C environment, which `os.environ` may not show: importing
    `readline` (pytest does, under `-n 0`) sets `COLUMNS` there alone, so a child started with
    `env=None` inherited a width of 80 its sibling given `dict(os.environ)` did not (round 81)."""
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)
    os.unsetenv("COLUMNS")
    os.unsetenv("LINES")


@pytest.fixture
def no_future_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "Today" as 2100-12-31 (`review_dates.today`), for a test in this process whose reviews
    are dated in 2027 and must not be warned of as dated after today, whenever it runs."""
    import datetime as dt

    from selfreview_core import review_dates

    monkeypatch.setattr(review_dates, "today", lambda: dt.date(2100, 12, 31))


@pytest.fixture
def data() -> Path:
    return DATA


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def cohort_dir() -> Path:
    """The example cohort (`examples/cohort`), read only: a test that adds files copies it."""
    return ROOT / "examples" / "cohort"


@pytest.fixture
def frozen_heap() -> Iterator[None]:
    """Everything alive before the test set aside from the garbage collector (`gc.freeze`),
    for tests that collect and count what is alive many times: each `gc.collect()` and
    `gc.get_objects()` then sees only what the test made, not the whole suite's heap, and
    takes microseconds instead of a tenth of a second."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@pytest.fixture
def no_entry_points(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the built-in plugins, whatever is installed in this environment: no plugin a
    developer installed changes what a test of the built-ins sees."""
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [])


@pytest.fixture
def repo_at_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository (it has `.git`), run from its root, with no settings but its own to
    find: no home's (`HOME` the folder above it) and no plugins disabled."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path.parent))
    monkeypatch.delenv("SELFREVIEW_DISABLE", raising=False)
    return tmp_path


@pytest.fixture
def repo(repo_at_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository as `repo_at_root` is, run from a folder inside it (`work`): where the
    configuration tests put `selfreview.toml` and `pyproject.toml`."""
    (repo_at_root / "work").mkdir()
    monkeypatch.chdir(repo_at_root / "work")
    return repo_at_root


@pytest.fixture
def workers_killed() -> Iterator[None]:
    """The test's own forked workers that it left running killed at its end (one still
    waiting for its turn when an assertion failed): `multiprocessing`'s exit joins every
    worker, so one left waiting for ever would hang the whole run instead of failing the
    one test."""
    yield
    import multiprocessing

    for child in multiprocessing.active_children():
        child.kill()
        child.join()
