"""`-o` naming a symbolic link to nothing (`out.json -> gone.json`): refused before any work,
exit 2, by every command that writes `-o`.

Before round 79 `report`, `migrate`, `combine`, `benchmark`, `support`, `collect` and `voices`
made `gone.json` where the link led, as the shell's `>` does, and said "Wrote out.json";
`plan` made the plan, then said the file had been "made by another program while this plan
was being made" and left it in a conflict file; `assess` read it as the review to go on with
and stopped at "is a broken symbolic link", exit 1. A link to nowhere may be an old one or
someone else's (the file it leads to need not be where the user looks, nor theirs to make);
`--output-dir` and every input already refused one, so `-o` does too, naming the link and
where it leads. A link to a file that is there is written through as before, and stays a
link; a report in a folder (`--output-dir`) replaces a link at its name, to nothing or not,
never what it leads to.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli
from selfreview_core.errors import OutputRefused
from selfreview_core.outputs.checks import Inputs, check_target
from test_outputs import snapshot, temporary_files

pytestmark = pytest.mark.skipif(os.name == "nt", reason="symbolic links: POSIX")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

#: Each command that writes `-o`, run in a folder holding two reviews, `a.yaml` and `b.yaml`,
#: and a respondent's answers, `r.yaml`.
WRITERS = {
    "report": "report a.yaml --format json -o dl.json",
    "report, one stream of two": "report a.yaml b.yaml --format json -o dl.json",
    "report as HTML": "report a.yaml -o dl.json",
    "plan": "plan a.yaml -o dl.json",
    "assess": "assess becta-srf -o dl.json",
    "migrate": "migrate a.yaml --to becta-srf -o dl.json",
    "combine": "combine a.yaml b.yaml --min-group 1 -o dl.json",
    "benchmark": "benchmark a.yaml b.yaml -o dl.json",
    "support": "support a.yaml b.yaml -o dl.json",
    "collect": "collect a.yaml b.yaml -o dl.json",
    "voices": "voices r.yaml -o dl.json",
}


def said(link: str, leads: str) -> str:
    return (
        f"Error: Invalid value for -o: `{link}` is a broken symbolic link (to `{leads}`, which "
        "does not exist): the output would be made where it leads, not where it is named, so "
        "nothing was done (name the file it leads to, or remove the link)"
    )


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The working folder: two reviews, `a.yaml` and `b.yaml`, and `r.yaml`."""
    review = (EXAMPLES / "example-primary-2026.yaml").read_text(encoding="utf-8")
    respondent = review.replace("assessor: Deputy headteacher\n", "respondent:\n  group: staff\n")
    (tmp_path / "r.yaml").write_text(respondent, encoding="utf-8")
    shutil.copy(EXAMPLES / "example-primary-2026.yaml", tmp_path / "a.yaml")
    shutil.copy(EXAMPLES / "example-primary-2025.yaml", tmp_path / "b.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def refused(work: Path, args: str) -> str:
    """`selfreview ARGS`, once it has exited 2 with nothing on standard output and no
    traceback, leaving every file as it was (the link a link to nothing, no file where it
    leads, no temporary file); its message, on one line."""
    before = snapshot(work)
    result = CliRunner().invoke(cli, args.split(), input="")
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert snapshot(work) == before
    assert temporary_files(work) == []
    return " ".join(result.stderr.split())


@pytest.mark.parametrize("command", list(WRITERS))
def test_o_naming_a_link_to_nothing_is_refused_before_any_work(work: Path, command: str) -> None:
    (work / "dl.json").symlink_to("gone.json")
    assert refused(work, WRITERS[command]).endswith(said("dl.json", "gone.json"))
    assert not os.path.lexists(work / "gone.json")
    assert os.readlink(work / "dl.json") == "gone.json"


def test_a_link_to_nothing_in_a_folder_that_is_not_there_is_said_as_a_link(work: Path) -> None:
    """`dl.json -> nowhere/gone.json`: the link is what the user named, so it is what is
    said (before, "the folder `nowhere` does not exist", of a folder never named)."""
    (work / "dl.json").symlink_to("nowhere/gone.json")
    message = refused(work, WRITERS["report"])
    assert message.endswith(said("dl.json", "nowhere/gone.json"))
    assert not (work / "nowhere").exists()


def test_a_chain_of_links_to_nothing_is_said_by_its_first_link(work: Path) -> None:
    (work / "dl.json").symlink_to("l2.json")
    (work / "l2.json").symlink_to("gone.json")
    assert refused(work, WRITERS["migrate"]).endswith(said("dl.json", "l2.json"))


def test_the_library_says_the_same(tmp_path: Path) -> None:
    """`check_target`'s `OutputRefused`: the link as its file, code `output-not-a-file`, the
    hint; nothing made."""
    (tmp_path / "dl.json").symlink_to(tmp_path / "gone.json")
    with pytest.raises(OutputRefused) as raised:
        check_target(tmp_path / "dl.json", Inputs())
    error = raised.value
    assert error.first.message == (
        f"`{tmp_path / 'dl.json'}` is a broken symbolic link (to `{tmp_path / 'gone.json'}`, "
        "which does not exist): the output would be made where it leads, not where it is "
        "named, so nothing was done"
    )
    assert error.hint == "name the file it leads to, or remove the link"
    assert error.first.code == "output-not-a-file"
    assert error.first.file == os.fspath(tmp_path / "dl.json")
    assert sorted(os.listdir(tmp_path)) == ["dl.json"]


def test_a_link_to_a_file_that_is_there_is_written_through_and_stays_a_link(work: Path) -> None:
    """The pin beside the refusal: `dl.json -> kept.json`, a file, takes the report and
    stays a link; so does a new name, which is no link."""
    (work / "kept.json").write_text("old\n", encoding="utf-8")
    (work / "dl.json").symlink_to("kept.json")
    for name in ("dl.json", "new.json"):
        result = CliRunner().invoke(cli, ["report", "a.yaml", "--format", "json", "-o", name])
        assert result.exit_code == 0, result.output
        assert result.stderr == f"Wrote {name} (json).\n"
    assert os.readlink(work / "dl.json") == "kept.json"
    assert (work / "kept.json").read_bytes() == (work / "new.json").read_bytes()
    assert (work / "kept.json").read_text(encoding="utf-8").startswith("{")


def test_a_report_in_a_folder_replaces_a_link_to_nothing_at_its_name(work: Path) -> None:
    """`--output-dir out`, where a report's name is a link to nothing: the report is put
    at that name (the link replaced, as a link to a file there is), and nothing is made
    where the link led; the other report is written as it was."""
    args = ["report", "a.yaml", "b.yaml", "--format", "json", "--output-dir", "out"]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    names = sorted(os.listdir(work / "out"))
    written = {name: (work / "out" / name).read_bytes() for name in names}
    (work / "out" / names[0]).unlink()
    (work / "out" / names[0]).symlink_to("../gone.json")
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 0, again.output
    assert not (work / "out" / names[0]).is_symlink()
    assert {name: (work / "out" / name).read_bytes() for name in names} == written
    assert not os.path.lexists(work / "gone.json")
