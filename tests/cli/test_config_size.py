"""A configuration file larger than any input may be (`files.limits`, 10 MB): before
round 76 `pyproject.toml` was read whole by every command, however large (gigabytes, a
file filled by mistake), `selfreview.toml` too. Now refused, located at the file, its size
and the limit said, exit 1 as any invalid configuration, nothing done; one the search would
pass by is refused too, rather than read whole to find out (a `[tool.selfreview]` past the
limit would be missed, and the defaults applied without a word)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli
from selfreview_core.config.settings import find_config, passed_by, read_config
from selfreview_core.errors import InvalidDocument

LIMIT = 10 * 1024 * 1024
SCHOOL = Path(__file__).resolve().parents[2] / "examples" / "example-primary-2025.yaml"


def _padded(path: Path, size: int, head: str = '[tool.selfreview]\npolicy = "mean"\n') -> None:
    """`head`, then comment lines up to `size` bytes: TOML that reads, if read at all."""
    line = "#" + "x" * 1022 + "\n"
    body = head + line * ((size - len(head)) // len(line))
    path.write_text(body + "#" * (size - len(body)))
    assert path.stat().st_size == size


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        (
            "pyproject.toml",
            " (put the settings in a selfreview.toml beside it, which is read instead)",
        ),
        ("selfreview.toml", ""),
    ],
)
def test_a_settings_file_past_the_limit_is_refused_saying_its_size(
    repo_at_root: Path, name: str, hint: str
) -> None:
    head = (
        '[tool.selfreview]\npolicy = "mean"\n' if name == "pyproject.toml" else 'policy = "mean"\n'
    )
    settings = repo_at_root / name
    _padded(settings, LIMIT + 1, head)
    result = CliRunner().invoke(cli, ["report", str(SCHOOL), "--format", "json"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        f"{settings}: error: the file is {LIMIT + 1:,} bytes; the limit is {LIMIT:,}{hint}"
    )
    assert "Traceback" not in result.output
    assert settings.stat().st_size == LIMIT + 1  # left as it was
    assert sorted(p.name for p in repo_at_root.iterdir()) == [".git", name]


def test_a_file_at_the_limit_is_read(repo_at_root: Path) -> None:
    _padded(repo_at_root / "pyproject.toml", LIMIT)
    assert read_config().values == {"policy": "mean"}


def test_a_pyproject_of_gigabytes_is_not_read_to_find_its_table(repo_at_root: Path) -> None:
    """A sparse file of 4 GB (no disk used): read whole, as before, it took gigabytes of
    memory; refused now from its size, as the settings' file, even with no table in it."""
    pyproject = repo_at_root / "pyproject.toml"
    with pyproject.open("wb") as handle:
        handle.truncate(4 << 30)
    assert find_config() == (pyproject, "pyproject.toml")
    assert passed_by() == []
    with pytest.raises(InvalidDocument) as raised:
        read_config()
    error = raised.value
    assert (error.file, error.line, error.column) == (str(pyproject), None, None)
    assert error.first.message == f"the file is {4 << 30:,} bytes; the limit is {LIMIT:,}"
    assert error.first.code == "too-large"


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="a file of no size: /proc")
def test_a_file_of_no_size_is_read_up_to_the_limit(repo_at_root: Path) -> None:
    """A `/proc` file says size 0 and holds more: read as it comes, bounded."""
    from selfreview_core.config.text import settings_bytes

    raw = settings_bytes(Path("/proc/self/status"), "status")
    assert raw.startswith(b"Name:")
    assert os.path.getsize("/proc/self/status") == 0


def test_a_pyproject_at_the_limit_without_a_table_is_passed_by(repo_at_root: Path) -> None:
    _padded(repo_at_root / "pyproject.toml", LIMIT, '[project]\nname = "x"\n')
    assert find_config() is None
    assert passed_by() == [repo_at_root / "pyproject.toml"]


def test_a_pyproject_gone_is_passed_by_as_one_that_cannot_be_read(tmp_path: Path) -> None:
    from selfreview_core.config.settings import _has_table

    assert _has_table(tmp_path / "pyproject.toml") is False


class _Shrunk:
    """`os` as `config_text` sees it, its `fstat` saying a file `by` bytes smaller than it
    is: a file that grew between the look at its size and the read."""

    def __init__(self, by: int) -> None:
        self.by = by

    def fstat(self, handle: int) -> os.stat_result:
        found = os.fstat(handle)
        return os.stat_result((*found[:6], found.st_size - self.by, *found[7:]))

    def __getattr__(self, name: str) -> object:  # the rest as `os` has it
        return getattr(os, name)


@pytest.mark.parametrize("by", [1, 4096])
def test_a_file_that_grew_as_it_was_read_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, by: int
) -> None:
    from selfreview_core.config import text as config_text

    settings = tmp_path / "selfreview.toml"
    _padded(settings, 3 * 4096, 'policy = "mean"\n')
    monkeypatch.setattr(config_text, "os", _Shrunk(by))
    assert config_text.settings_bytes(settings, "s") == settings.read_bytes()


@pytest.mark.parametrize("size", [LIMIT + 1, LIMIT + 4096])
def test_a_file_that_grew_past_the_limit_as_it_was_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    from selfreview_core.config import text as config_text

    settings = tmp_path / "pyproject.toml"
    _padded(settings, size)
    monkeypatch.setattr(config_text, "os", _Shrunk(size - LIMIT + 10))
    with pytest.raises(InvalidDocument) as raised:
        config_text.settings_bytes(settings, "p")
    assert (
        raised.value.first.message
        == f"the file is more than {LIMIT:,} bytes; the limit is {LIMIT:,}"
    )
    assert raised.value.file == "p"


def test_a_file_exactly_at_the_limit_that_grew_by_nothing_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selfreview_core.config import text as config_text

    settings = tmp_path / "selfreview.toml"
    _padded(settings, LIMIT, 'policy = "mean"\n')
    monkeypatch.setattr(config_text, "os", _Shrunk(100))
    assert len(config_text.settings_bytes(settings, "s")) == LIMIT


def test_at_most_one_byte_past_the_limit_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file of 4 GB (sparse) that said it was empty when asked (`/proc`'s files do):
    what is read of it is bounded, one byte past the limit, however large it is."""
    from selfreview_core.config import text as config_text

    big = tmp_path / "selfreview.toml"
    with big.open("wb") as handle:
        handle.truncate(4 << 30)
    read: list[int] = []

    class Counted(_Shrunk):
        def fdopen(self, *args: Any, **kwargs: Any) -> object:
            stream = os.fdopen(*args, **kwargs)
            original = stream.read

            def counted(size: int = -1) -> bytes:
                data: bytes = original(size)
                read.append(len(data))
                return data

            stream.read = counted
            return stream

    monkeypatch.setattr(config_text, "os", Counted(4 << 30))
    with pytest.raises(InvalidDocument, match="more than"):
        config_text.settings_bytes(big, "s")
    assert sum(read) == LIMIT + 1
