"""`-` where standard input is open for writing alone (`0>file`, `cli._terminal.InputPath`,
`files.stdin.stdin_unreadable`): a usage error as a closed one is (round 67), not an
output's failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from program import selfreview


@pytest.mark.parametrize(
    ("args", "param"),
    [
        (["report", "-", "--format", "json"], "'ASSESSMENT...'"),
        (["validate", "-"], "'PATHS...'"),
        (["show", "-"], "FRAMEWORK"),
        (["report", "examples/example-primary-2025.yaml", "--framework", "-"], "'--framework'"),
    ],
    ids=lambda given: " ".join(given) if isinstance(given, list) else given,
)
def test_a_standard_input_open_for_writing_only_is_a_usage_error(
    args: list[str], param: str, root: Path, tmp_path: Path
) -> None:
    """Round 68's pass: `selfreview report - 0>file` said "Error: Bad file descriptor",
    exit 1, as the program says standard output failed, naming neither `-` nor standard
    input. It is a usage error, exit 2, nothing on standard output, and the file written
    to stays as it was."""
    held = tmp_path / "held.txt"
    held.write_bytes(b"kept\n")
    with held.open("ab") as writing_only:
        done = selfreview(args, cwd=root, stdin=writing_only)
    assert (done.returncode, done.stdout) == (2, b""), done.stderr
    assert done.stderr.decode().splitlines()[-1] == (
        f"Error: Invalid value for {param}: `-` reads standard input, which is open for "
        "writing only: pipe a file in, or name it"
    )
    assert held.read_bytes() == b"kept\n"


def test_standard_input_failing_as_it_is_read_is_named_as_a_file_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where reading `-` fails all the same, the error names `<stdin>` and why, as for a
    file that cannot be read, not a bare "Bad file descriptor" (round 68's pass)."""
    from selfreview_core.errors import InvalidDocument
    from selfreview_core.files import source, stdin

    def failing(cap: int) -> bytes:
        raise OSError(9, "Bad file descriptor")

    monkeypatch.setattr(source, "stdin_bytes", failing)
    stdin.claim_stdin()
    try:
        with pytest.raises(InvalidDocument) as refused:
            source.read_bytes("<stdin>")
    finally:
        stdin.release_stdin()
    assert str(refused.value) == "<stdin>: cannot read: Bad file descriptor"
