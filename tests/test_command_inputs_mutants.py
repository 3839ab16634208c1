"""What `Inputs` counts as read when a library caller builds it alone (`command_inputs`,
moved from `output_checks` in round 76): pinned by round 77's sweep, which passed over the
moved lines too. A folder counted as walked that the caller did not walk itself is walked
to find the folders it reaches through a symbolic link; a file counted as read makes its
folder one no folder of reports may be, unless the caller says otherwise (`folders=False`,
the configuration file's)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from selfreview_core.errors import OutputRefused
from selfreview_core.outputs.writing import Inputs, check_folder, check_target


def test_an_output_in_a_folder_linked_from_a_walked_one_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "inputs").mkdir()
    (tmp_path / "other").mkdir()
    os.symlink("../other", tmp_path / "inputs" / "elsewhere")
    inputs = Inputs().walk("PATHS", "inputs")  # no walk of the caller's recorded
    with pytest.raises(OutputRefused) as raised:
        check_target("other/report.yaml", inputs)
    assert raised.value.file == "other/report.yaml"
    assert raised.value.first.code == "output-is-input"
    assert str(raised.value).startswith(
        "other/report.yaml: `other/report.yaml` is inside `inputs/elsewhere` (PATHS), whose "
        "every folder this command reads"
    )
    assert list((tmp_path / "other").iterdir()) == []


def test_a_folder_holding_a_file_read_is_no_folder_for_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "f.yaml").write_text("kind: framework\n", encoding="utf-8")
    with pytest.raises(OutputRefused) as raised:
        check_folder(".", Inputs().add("--framework", "f.yaml"))
    assert raised.value.file == "."
    assert raised.value.first.code == "output-is-input"
    assert "`.` holds `f.yaml` (--framework), which this command reads" in str(raised.value)
    assert check_folder(".", Inputs().add("--framework", "f.yaml", folders=False)) == Path(".")
