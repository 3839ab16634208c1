"""Round 54's attacks on the surfaces rounds 52 and 53 added, each break pinned here where
no module's own tests hold it better.

A framework file or rule pack found in a folder given that is a file given already (named
among the paths or by `--framework`/`--rules`, or reached again through a link in the
folder) is that file, once: before round 54 every command said it was "given twice", and
`report --strict` stopped on that warning after 0 reports for the commonest layout there is,
a folder holding its framework, named with `--framework` too."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_folder_frameworks import COMMANDS, RULES, _folder, _run


@pytest.fixture(scope="module")
def v1() -> str:
    return (
        Path(__file__).resolve().parents[2] / "examples" / "migration" / "example-srf-1.yaml"
    ).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_framework_in_a_folder_given_already_is_given_once(
    tmp_path: Path, name: str, v1: str
) -> None:
    command = COMMANDS[name]
    folder = _folder(tmp_path, command, {"framework.yaml": v1}, "example-srf@1")
    plain = _run(command, folder)
    assert plain.exit_code == 0, plain.stderr
    (folder / "linked.yaml").symlink_to("framework.yaml")
    for extra in (
        (),
        ("--framework", str(folder / "framework.yaml")),
        ("--framework", str(folder / "linked.yaml")),
        ("--framework", f"{folder}/../{folder.name}/framework.yaml"),
    ):
        found = _run(command, folder, *extra)
        assert found.exit_code == 0, (extra, found.stderr)
        assert "given twice" not in found.stderr, (extra, found.stderr)
        assert "also provided" not in found.stderr, (extra, found.stderr)
        assert found.output == plain.output, extra


def test_report_strict_takes_a_folder_with_its_framework_and_rules_also_named(
    tmp_path: Path, v1: str
) -> None:
    """`report --strict` fails on a problem: a file named twice is none (it stopped after 0
    reports, exit 1, writing nothing)."""
    command = COMMANDS["report"]
    folder = _folder(
        tmp_path, command, {"framework.yaml": v1, "rules.yaml": RULES}, "example-srf@1"
    )
    plain = _run(command, folder, "--strict")
    assert plain.exit_code == 0, plain.stderr
    for extra in (
        ("--framework", str(folder / "framework.yaml")),
        ("--rules", str(folder / "rules.yaml")),
        (str(folder / "framework.yaml"),),
        ("--jobs", "2", "--rules", f"{folder}/./rules.yaml"),
    ):
        found = _run(command, folder, "--strict", *extra)
        assert found.exit_code == 0, (extra, found.stderr)
        assert "given twice" not in found.stderr
        assert found.output == plain.output
    # Two files of one framework (the same id and version, other words) are still two.
    (tmp_path / "copy.yaml").write_text(v1.replace("\ntitle: ", "\ntitle: Copy of ", 1), "utf-8")
    two = _run(command, folder, "--strict", "--framework", str(tmp_path / "copy.yaml"))
    assert two.exit_code == 1
    assert "framework example-srf@1 is given twice, in " in two.stderr
    assert two.output in (None, "")


@pytest.mark.parametrize("name", ["report", "support"])
def test_a_rule_pack_in_a_folder_reached_through_a_link_is_applied_once(
    tmp_path: Path, name: str, v1: str
) -> None:
    command = COMMANDS[name]
    folder = _folder(
        tmp_path, command, {"framework.yaml": v1, "rules.yaml": RULES}, "example-srf@1"
    )
    plain = _run(command, folder)
    (folder / "z-linked-rules.yaml").symlink_to("rules.yaml")
    found = _run(command, folder, "--rules", str(folder / "z-linked-rules.yaml"))
    assert found.exit_code == 0, found.stderr
    assert "given twice" not in found.stderr
    assert found.output == plain.output
