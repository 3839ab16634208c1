"""A name the system will not look at (longer than a name's 255 bytes, or a path's 4,096),
given to the library's checks of an output (`output_checks.check_target`,
`check_folder`): the library's own `OutputRefused`, naming the path, before anything is
made. Before round 76 a library caller got the raw `OSError` ("File name too long"),
which only the CLI turned into a usage error."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfreview_core import SelfReviewError
from selfreview_core.outputs.writing import Inputs, check_folder, check_target

TOO_LONG = {
    "a name past 255 bytes": "a" * 300 + ".json",
    "a path past 4,096 bytes": "d/" * 2100 + "x.json",
}


@pytest.mark.parametrize("name", TOO_LONG.values(), ids=TOO_LONG.keys())
@pytest.mark.parametrize("inputs", [None, Inputs()], ids=["no inputs", "inputs"])
def test_a_file_name_too_long_is_refused_by_the_library_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, inputs: Inputs | None
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SelfReviewError) as raised:
        check_target(name, inputs)
    error = raised.value
    assert type(error).__name__ == "OutputRefused"
    assert error.file == name
    assert (error.line, error.column, error.path) == (None, None, "")
    assert (
        error.first.message
        == f"`{name}` cannot be written (File name too long), so nothing was done"
    )
    assert error.hint == "give a shorter file name"
    assert error.first.code == "output-name"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["a" * 300, "d/" * 2100 + "x"], ids=["a name", "a path"])
def test_a_folder_name_too_long_is_refused_by_the_library_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SelfReviewError) as raised:
        check_folder(name, Inputs(), read_back=True)
    error = raised.value
    assert type(error).__name__ == "OutputRefused"
    assert error.file == name
    assert (
        error.first.message
        == f"`{name}` cannot be written (File name too long), so nothing was done"
    )
    assert error.hint == "give a shorter folder name"
    assert list(tmp_path.iterdir()) == []


def test_a_name_refused_for_another_system_reason_has_no_hint_of_length(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A NUL can be no file's name (`ValueError`, not `OSError`) is another matter; an
    `OSError` of another kind than length keeps its reason and gives no hint of length."""
    import errno

    from selfreview_core.outputs.checks import unusable

    refused = unusable("x.json", OSError(errno.EACCES, "Permission denied"), "file")
    assert (
        refused.first.message
        == "`x.json` cannot be written (Permission denied), so nothing was done"
    )
    assert refused.hint is None
