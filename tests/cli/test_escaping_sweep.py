"""A sweep of SPEC section 7 over every command and format, with text drawn at random.

`test_escaping` feeds each command one fixed attack. Here hypothesis draws the text: any
character of any category (controls C0 and C1, bidirectional and other format characters,
separators, private use, unassigned), with a terminal attack in it, for each string field
of a framework, a school's review and a plugin's recommendation, and ids holding any
control or format character that is not white space; the files themselves are named with
bytes that are not UTF-8 (lone surrogates to Python). Every command then runs in each of its
formats: text, tables and Markdown must show no unsafe character raw, on either stream;
JSON must be UTF-8, valid, free of raw controls, and read back to the very text written.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import types
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli.test_escaping import _EntryPoint, assessment_data, framework_data, install, write
from scaled import scaled
from selfreview_core import Recommendation, hookimpl
from selfreview_core.cli import cli
from selfreview_core.testing import hostile_texts
from test_escaping import assert_terminal_safe

pytestmark = pytest.mark.skipif(
    sys.platform != "linux", reason="file names of any bytes: Linux filesystems"
)


@cache
def _ids() -> st.SearchStrategy[str]:
    """Ids of every control, format and separator character that an id may hold (no white
    space): the characters found when a test first draws, not as every worker collects the
    module (a pass over all of Unicode, round 82)."""
    invisible = "".join(
        c
        for c in map(chr, range(sys.maxunicode + 1))
        if not c.isspace() and c != "@" and unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")
    )
    return st.text(st.sampled_from(invisible), min_size=1, max_size=3)


#: A file name's own bytes: letters, and bytes that are not UTF-8 on their own.
NAME_BYTES = st.lists(st.sampled_from([*b"ab", 0x1B, 0x9B, 0xFF, 0xC3, 0x80]), max_size=4)


@dataclass(frozen=True)
class Case:
    """The texts of one example: `texts` go into every free-text field, `mark` ends ids."""

    texts: tuple[str, ...]
    mark: str
    name: bytes

    def text(self, n: int) -> str:
        return self.texts[n % len(self.texts)]


@st.composite
def cases(draw: st.DrawFn) -> Case:
    texts = tuple(draw(st.lists(hostile_texts(), min_size=1, max_size=4)))
    return Case(texts, draw(_ids()), bytes(draw(NAME_BYTES)))


def framework(case: Case) -> dict[str, Any]:
    """`test_escaping`'s framework, each text field drawn, each id ending in `mark`."""
    data = framework_data()
    m = case.mark
    for n, key in enumerate(("title", "publisher", "source", "licence", "notes")):
        data[key] = case.text(n)
    data["id"] = f"fw{m}"
    data["scale"]["labels"] = {"0": case.text(5), "3": case.text(6)}
    element = data["elements"][0]
    element.update(id=f"1{m}", title=case.text(7))
    aspect = element["aspects"][0]
    aspect.update(id=f"1a{m}", title=case.text(8))
    for n, strand in enumerate(aspect["strands"]):
        strand.update(id=f"1a{n + 1}{m}", title=case.text(9 + n))
        strand["levels"] = {str(level): case.text(level + n) for level in range(4)}
    award = data["awards"][0]
    award.update(id=f"mark{m}", title=case.text(11))
    award["require"] = {"all": [{"strand": f"1a1{m}", "reached": 3}]}
    return data


def review(case: Case, school: str) -> dict[str, Any]:
    data = assessment_data(f"{school}{case.mark}", {f"1a1{case.mark}": 1})
    data["framework"] = f"fw{case.mark}@1"
    data["school"].update(name=case.text(12), authority=case.text(13))
    data["assessor"] = case.text(14)
    data["judgements"][f"1a1{case.mark}"] = {"level": 1, "evidence": case.text(15)}
    return data


def advice(case: Case) -> types.ModuleType:
    """A plugin advising every school in the drawn words, under a drawn name."""
    module = types.ModuleType("advice")

    def recommend() -> list[Recommendation]:
        return [
            Recommendation(
                id=f"rec{case.mark}",
                title=case.text(16),
                action=case.text(17),
                audience=case.text(18),
                rationale=case.text(19),
                targets=(f"1a1{case.mark}",),
            )
        ]

    module.selfreview_recommend = hookimpl(recommend)  # type: ignore[attr-defined]
    return module


@contextmanager
def written(case: Case) -> Iterator[dict[str, Path]]:
    """The framework, two schools' reviews (in a folder of their own) and a plan path, in a
    fresh folder, each file named with the drawn bytes; the plugin installed."""
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        here = Path(folder)
        install(patch, _EntryPoint(f"advice{case.mark}", advice(case)))

        def named(stem: str, suffix: str) -> Path:
            return here / os.fsdecode(stem.encode() + case.name + suffix.encode())

        schools = here / "schools"
        schools.mkdir()
        paths = {
            "framework": write(named("framework", ".json"), framework(case)),
            "plan": named("plan", ".yaml"),
            "schools": schools,
        }
        for n, school in enumerate(("100", "200")):
            name = os.fsdecode(f"{school}".encode() + case.name + b".json")
            paths[f"school{n}"] = write(schools / name, review(case, school))
        yield paths


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def assert_shown(result: Result, *, csv: bool = False) -> None:
    """Nothing unsafe raw on either stream (a CSV's own CRLF line ends aside)."""
    assert "Traceback" not in result.output
    for stream in (result.stdout, result.stderr):
        assert_terminal_safe(stream.replace("\r\n", "\n") if csv else stream)


def read_json(result: Result, *, lines: bool = False) -> Any:
    """The JSON printed, which must be UTF-8 and hold no control character raw."""
    text = result.stdout_bytes.decode("utf-8")  # strictly: a raw surrogate fails here
    assert_terminal_safe(text)
    return [json.loads(line) for line in text.splitlines()] if lines else json.loads(text)


@settings(max_examples=scaled(5), suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_no_command_lets_drawn_text_through_raw_and_json_keeps_it(case: Case) -> None:
    """SPEC 7: control characters "shown escaped, never passed through", in every command
    and text format; JSON (SPEC 5) loses nothing: the words read back as written."""
    with written(case) as paths:
        framework_file, school = paths["framework"], paths["school0"]
        fw = ("--framework", framework_file)
        school_name = case.text(12)

        result = run("validate", framework_file, paths["schools"])
        assert_shown(result)
        assert result.exit_code == 0, result.output
        result = run("validate", framework_file, paths["schools"], "--format", "json")
        assert result.exit_code == 0, result.output
        files = read_json(result)["files"]
        assert [f["file"] for f in files] == [
            str(p) for p in (framework_file, paths["school0"], paths["school1"])
        ]  # each name exactly, its bytes that are not UTF-8 too

        for args in (("show", framework_file), ("plugins",), ("frameworks",)):
            result = run(*args)
            assert_shown(result)
            assert result.exit_code == 0, result.output
        assert read_json(run("show", framework_file, "--format", "json"))["title"] == (case.text(0))
        plugins = read_json(run("plugins", "--format", "json"))["plugins"]
        assert plugins[-1]["name"] == f"advice{case.mark}"

        for output in ("table", "markdown", "csv"):
            result = run("report", school, *fw, "--format", output)
            assert_shown(result, csv=output == "csv")
            assert result.exit_code == 0, result.output
        document = read_json(run("report", school, *fw, "--format", "json"))
        assert document["assessment"]["school"]["name"] == school_name
        assert document["recommendations"][0]["action"] == case.text(17)
        batch = run("report", paths["schools"], *fw, "--format", "json")
        assert batch.exit_code == 0, batch.output
        assert [d["assessment"]["school"]["id"] for d in read_json(batch, lines=True)] == [
            f"100{case.mark}",
            f"200{case.mark}",
        ]

        result = run("awards", school, *fw)
        assert_shown(result)
        assert result.exit_code == 0, result.output
        assert read_json(run("awards", school, *fw, "--format", "json"))["awards"][0][
            "title"
        ] == case.text(11)

        for command in ("benchmark", "support"):
            for output in ("table", "csv"):
                result = run(command, paths["schools"], *fw, "--format", output)
                assert_shown(result, csv=output == "csv")
                assert result.exit_code == 0, result.output
            data = read_json(run(command, paths["schools"], *fw, "--format", "json"))
            assert data["framework"] == f"fw{case.mark}@1"
        result = run("benchmark", paths["schools"], *fw, "--school", f"100{case.mark}")
        assert_shown(result)
        assert result.exit_code == 0, result.output

        result = run("plan", school, *fw, "-o", paths["plan"])
        assert_shown(result)
        assert result.exit_code == 0, result.output
        result = run("plan", "--status", paths["plan"], *fw)
        assert_shown(result)
        assert result.exit_code == 0, result.output
        status = read_json(run("plan", "--status", paths["plan"], *fw, "--format", "json"))
        assert status["school"]["name"] == school_name
