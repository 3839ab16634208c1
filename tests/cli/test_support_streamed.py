"""`selfreview support` writes its JSON and CSV a part at a time (round 61: SPEC section 8's
memory at a million schools), and `-o` stays atomic: a Ctrl-C or an error in the middle of
the writing leaves the file given as it was, and no temporary file beside it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfreview_core.cli import cli
from selfreview_core.cohort import support_views

ROOT = Path(__file__).resolve().parents[2]
COHORT = ROOT / "examples" / "cohort"
BEFORE = b"the list of last week\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(scope="module")
def cohort_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    file = tmp_path_factory.mktemp("cohort") / "cohort.parquet"
    assert run("collect", str(COHORT), "-o", str(file)).exit_code == 0
    return file


def _failing_after(
    parts: int, error: BaseException, monkeypatch: pytest.MonkeyPatch, name: str
) -> list[str]:
    """`support_views.<name>`'s first `parts` parts passed on, then `error` raised in place
    of the next; the parts given back are those passed on."""
    made: Callable[..., Iterator[str]] = getattr(support_views, name)
    given: list[str] = []

    def failing(*args: object, **kwargs: object) -> Iterator[str]:
        for part in made(*args, **kwargs):
            if len(given) == parts:
                raise error
            given.append(part)
            yield part

    monkeypatch.setattr(support_views, name, failing)
    return given


@pytest.mark.parametrize(
    ("name", "suffix"), [("support_json", "json"), ("support_csv_lines", "csv")]
)
@pytest.mark.parametrize("error", [KeyboardInterrupt(), RuntimeError("broken")], ids=repr)
def test_an_output_cut_short_while_written_leaves_the_file_as_it_was(
    cohort_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    suffix: str,
    error: BaseException,
) -> None:
    out = tmp_path / f"support.{suffix}"
    out.write_bytes(BEFORE)
    given = _failing_after(3, error, monkeypatch, name)
    result = run("support", str(cohort_file), "-o", str(out))
    assert len(given) == 3  # parts were written before the end came
    # As click's runner ends a command so (the program's own `main` says more, and exits 130
    # for a Ctrl-C: tests/cli/test_signals.py).
    assert result.exit_code == 1, result.output
    if isinstance(error, KeyboardInterrupt):
        assert result.stderr == "\nAborted!\n"
    else:
        assert result.stderr == (
            "Error: internal error: RuntimeError: broken\n"
            "This is a bug in selfreview or a plugin; set SELFREVIEW_DEBUG=1 to see where.\n"
        )
    assert "Wrote" not in result.stderr
    assert out.read_bytes() == BEFORE
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]
