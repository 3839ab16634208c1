"""`--jobs N` with workers started fresh, by a fork server, not forked from the command
(round 66). Python 3.14 makes the fork server Linux's default start method; `parallel`
asks for `fork` by name where it forks, but a platform, a later change or a caller
(`fresh`: `collect` holding DuckDB's threads) may start them fresh: each worker then
imports the library and builds its own engine, and nothing of the command's process is
inherited. Every command that takes `--jobs` gives what `--jobs 1` gives, byte for byte."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli
from selfreview_core.jobs import parallel

#: More files than a work order, so that workers make reports, not this process alone.
_SCHOOLS = 40


@pytest.fixture
def folder(root: Path, tmp_path: Path) -> Path:
    """`_SCHOOLS` reviews of schools of their own, in a folder."""
    text = (root / "examples" / "example-primary-2025.yaml").read_text(encoding="utf-8")
    reviews = tmp_path / "reviews"
    reviews.mkdir()
    for number in range(_SCHOOLS):
        school = f'id: "{100000 + number}"'
        (reviews / f"s{number:02}.yaml").write_text(text.replace('id: "100000"', school))
    return reviews


def _made(args: list[str], jobs: str, output: Path | None) -> bytes:
    """What the command writes, on standard output or into `output`."""
    extra = ["-o", str(output)] if output is not None else []
    result = CliRunner().invoke(cli, [*args, "--jobs", jobs, *extra])
    assert result.exit_code == 0, result.output
    return output.read_bytes() if output is not None else result.stdout_bytes


@pytest.mark.parametrize(
    ("command", "options", "into"),
    [
        ("report", ["--format", "json"], None),
        ("benchmark", ["--format", "json"], None),
        ("support", ["--format", "json"], None),
        ("collect", [], "cohort.parquet"),
    ],
)
def test_fresh_workers_give_what_one_process_gives(
    command: str,
    options: list[str],
    into: str | None,
    folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    args = [command, str(folder), *options]
    alone = _made(args, "1", tmp_path / f"1-{into}" if into else None)
    server = multiprocessing.get_context("forkserver")
    pools: list[bool] = []

    def fresh_always(fresh: bool) -> object:
        pools.append(fresh)
        return server

    monkeypatch.setattr(parallel, "_context", fresh_always)
    assert _made(args, "2", tmp_path / f"2-{into}" if into else None) == alone
    assert pools  # workers were started: by the fork server, asked for fresh or not
    assert parallel.forks() is False
