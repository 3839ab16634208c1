"""SPEC section 5: batch commands "give the same output, in the same order, whatever N",
with bad inputs mixed in: `benchmark` and `support` over good reviews, broken files of
every kind and a JSON Lines file with bad lines among good ones say the same messages in
the same order, with the same exit code, for one job, two, and more jobs than inputs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from selfreview_core.cli import cli

COHORT = Path(__file__).resolve().parents[2] / "examples" / "cohort"
BROKEN = {
    "a-no-school.yaml": b"kind: assessment\nframework: becta-srf\n",
    "m-level.yaml": b'kind: assessment\nframework: becta-srf@2010\nschool: {id: "9", name: X}\n'
    b"assessed_on: 2025-01-01\njudgements: {1a1: 9}\n",
    "n-json.json": b"{{{",
    "o-utf16.yaml": b"\xff\xfek\x00",
    "p-framework.yaml": b"kind: framework\n",
}


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("mixed")
    for file in sorted(COHORT.glob("*.yaml")):
        shutil.copy(file, folder / file.name)
    for name, data in BROKEN.items():
        (folder / name).write_bytes(data)
    lines = []
    for number, file in enumerate(sorted(COHORT.glob("*.yaml"))[:4]):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        data["assessed_on"] = data["assessed_on"].isoformat()
        data["school"]["id"] = f"L{number}"
        lines.append(json.dumps(data))
    lines[1:1] = ['{"kind": "assessment"}', "not json"]
    (folder / "lines.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.mark.slow  # workers are started
@pytest.mark.parametrize(("command", "form"), [("benchmark", "json"), ("support", "csv")])
def test_bad_inputs_are_said_alike_whatever_the_jobs(mixed: Path, command: str, form: str) -> None:
    found = [
        run(command, str(mixed), "--format", form, "--jobs", jobs) for jobs in ("1", "2", "1000")
    ]
    first = found[0]
    assert first.exit_code == 1  # inputs skipped
    for other in found[1:]:
        assert (other.exit_code, other.stdout, other.stderr) == (
            first.exit_code,
            first.stdout,
            first.stderr,
        )
    said = [line.split(":")[0].rsplit("/", 1)[-1] for line in first.stderr.splitlines()]
    assert [name for name in said if name in BROKEN or name == "lines.jsonl"] == [
        # A framework file in a folder given is read first, as a framework (round 53): each
        # key it lacks (id, version, title, scale, elements), located.
        *("p-framework.yaml",) * 5,
        *("a-no-school.yaml",) * 3,
        *("lines.jsonl",) * 5,  # in the order of the paths, as one process reads them
        "m-level.yaml",
        "n-json.json",
        "o-utf16.yaml",
    ]
    assert first.stdout
