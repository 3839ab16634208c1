"""The JSON Lines fast paths attacked: hostile lines, read by `selfreview report` with every
shortcut on, give byte for byte what the slow path gives with every shortcut off.

The shortcuts (`quick_assessment`: pydantic's decoder, the key counts, the fit by sets;
`assessment_json.canonical_text`: the line written back as it came; `report_line_bytes`:
the recommendations' JSON kept by identity) promise the same output and the same errors
as the located reader, `Engine.report` and `shown_json(report_json(..., indent=None))`.
Here the same file is reported twice, once as shipped and once with those three replaced
by the slow path, and the report lines, the skipped lines' messages (file, line, column,
path), the summary and the exit code must be the same, in one process, with `--jobs 2`
and into a folder. Lines are written by hand (duplicates hidden by escapes, controls,
white space, numbers and dates on the edge) and drawn by hypothesis.
"""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core.cli import cli
from selfreview_core.escaping import shown_json
from selfreview_core.report import Report, report_json

ROOT = Path(__file__).resolve().parents[2]
#: One school's line as this package writes it (pydantic's compact form).
BASE: dict[str, Any] = {
    "kind": "assessment",
    "framework": "becta-srf@2010",
    "school": {"id": "100000", "name": "Frome School", "authority": "Frome LEA"},
    "respondent": None,
    "assessed_on": "2025-03-29",
    "assessor": "Deputy headteacher",
    "judgements": {
        "1a1": {"level": 3, "evidence": None, "judged_on": None},
        "1a2": {"level": 4, "evidence": "Termly review: budget.", "judged_on": None},
        "1b1": {"level": 2, "evidence": "Plan", "judged_on": "2025-03-01"},
        "1c1": {"level": 5, "evidence": None, "judged_on": None},
    },
    "review": None,
}
_ENTRY = '"1a1":{"level":3,"evidence":null,"judged_on":null}'


def _line(**changes: Any) -> str:
    data = json.loads(json.dumps(BASE))
    for key, value in changes.items():
        if key in data["school"] and key not in data:
            data["school"][key] = value
        else:
            data[key] = value
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def _evidence(text: str, *, ascii_only: bool = False) -> str:
    data = json.loads(json.dumps(BASE))
    data["judgements"]["1a2"]["evidence"] = text
    return json.dumps(data, separators=(",", ":"), ensure_ascii=ascii_only)


def _hostile() -> Iterator[str]:
    """Lines that each tempt a shortcut: valid ones it must write back exactly, and invalid
    ones it must leave to the located reader."""
    base = _line()
    yield base
    yield base  # the same line twice
    yield _line(id="100001")  # another school, then the same school again
    yield _line(id="100001")
    yield json.dumps(BASE)  # spaces after separators
    yield json.dumps(BASE, indent=None, separators=(" , ", " : "))  # space before colons
    yield base.replace('":', '":\t')
    yield "  " + base + "   "  # white space around the document
    yield base + "\r"  # a CRLF line
    yield "\ufeff" + base  # a byte order mark on a line
    # Duplicates at every level, plain and hidden by escapes.
    yield base.replace('{"kind":"assessment",', '{"kind":"assessment","\\u006bind":"assessment",')
    yield base.replace('"authority":"Frome LEA"', '"authority":"Frome LEA","n\\u0061me":"X"')
    yield base.replace('"1a1":{"level":3,', '"1a1":{"level":3,"le\\u0076el":3,')
    yield base.replace('"1a2":{', f"{_ENTRY},{_ENTRY},".replace("1a1", "1a\\u0031", 1) + '"1a2":{')
    yield base.replace('"1a2":{', _ENTRY + ',"1a2":{', 1)  # a strand twice, as pydantic writes
    yield base.replace('"1a2":{', '"1a\\u0031":3,"1a2":{', 1)  # twice: once in the short form
    yield base.replace(
        '"1a2":{', '"1a1":{"level":3,"evidence":"a: b\\"c","judged_on":null},"1a2":{'
    )
    yield base.replace('"1a1":{"level":3,', '"1a1":{"level":3,"answers":{"q":"a","q":"b"},')
    yield base.replace('"respondent":null', '"respondent":{"group":"pupils","group":"x"}')
    yield base.replace('"review":null', '"review":{"9z9":{"reason":"split","note":"n","note":"m"}}')
    review = '"review":{"1b3":{"reason":"split","note":"n: m","evidence":null}}'
    yield base.replace('"review":null', review)
    yield base.replace('"review":null', review.replace('"evidence"', '"n\\u006fte":"o","evidence"'))
    yield base.replace('"review":null', review.replace(",", ',"reason":"merge",', 1))
    yield base.replace('"respondent":null', '"respondent":{"group":"pupils"}')
    # Keys and values that hold what the counts count.
    yield _evidence('Note: "quoted": {"level":3} \\ back')
    yield _evidence('":{"level":')
    yield base.replace('"1a1":{"level":3,"evidence":null,"judged_on":null}', '"1a1":3')  # short
    yield base.replace('"1a1":{"level":3,', '"1a1":{"level":3,"applicable":true,')
    yield base.replace('"1a1":{"level":3,', '"1a1":{"level":3,"applicable":null,"answers":null,')
    # Characters the written-back line must escape as `shown_json` does, or leave alone.
    for char in ("\x7f", "\x85", "\x9b", "\u202e", "\u200f", "\u2028", "\U0001f600", "\xa0"):
        yield _evidence(f"a{char}b")
        yield _evidence(f"a{char}b", ascii_only=True)
        yield _line(name=f"S{char}")
    for char in ("\x00", "\x01", "\t", "\x1f"):
        yield _evidence(f"a{char}b")  # escaped by JSON
        yield _evidence(f"a{char}b").replace(json.dumps(char)[1:-1], char)  # raw: invalid
    yield _evidence("\\ud800")  # a lone surrogate, escaped (its backslash escaped too)
    yield _evidence("x").replace('"x"', '"\\ud800"')
    yield _evidence("x").replace('"x"', '"\\ud83d\\ude00"')
    yield _evidence("x").replace('"x"', '"a\\/b"')
    # Numbers and dates on the edge.
    for level in ("true", "3.0", "3e0", "-0", "0", "03", '"3"', "9" * 5000, "NaN", "null"):
        yield base.replace('"1a1":{"level":3', f'"1a1":{{"level":{level}')
    yield base.replace('"1a1":{"level":3,"evidence":null,"judged_on":null}', '"1a1":' + "9" * 50)
    for day in ("2025-02-30", "2025-02-28T00:00:00", "2025-02-28T00:00:00Z", "20250228"):
        yield base.replace('"2025-03-29"', json.dumps(day), 1)
    yield base.replace('"2025-03-29"', "1700000000", 1)
    # Fields: extra, missing, null where optional, reordered.
    yield base.replace('{"kind":"assessment",', '{"kind":"assessment","x":[[[[1]]]],')
    yield base.replace('{"kind":"assessment",', "{")
    yield base.replace(',"review":null', "").replace(',"respondent":null', "")
    yield base.replace('"assessor":"Deputy headteacher"', '"assessor":null')
    yield json.dumps(dict(reversed(list(BASE.items()))), separators=(",", ":"))
    yield base.replace('"becta-srf@2010"', '"becta-srf"')
    yield base.replace('"1a1":', '"9z9":')  # a strand the framework has not
    # Depth at and past the limit, and not JSON at all.
    yield base[:-1] + ',"x":' + "[" * 70 + "]" * 70 + "}"
    yield base[:-1] + ',"x":' + "[" * 63 + "]" * 63 + "}"
    yield base[:-1]
    yield "[1, 2]"
    yield base + base


#: A school judged by answers (`examples/questions`, given with `--framework`): the keys of
#: `answers` are counted too.
_ANSWERED = (
    '{"kind":"assessment","framework":"example-tech-standards@1","school":{"id":"9","name":"A"},'
    '"assessed_on":"2025-01-01","judgements":{"L-G-1":{"answers":{ANSWERS}},"L-G-2":{"level":1,"evidence":"e"}}'
    "REVIEW}"
)


def _answered() -> Iterator[str]:
    answers = '"L-G-1-a":"yes","L-G-1-b":"partly","L-G-1-c":"no"'
    review = ',"review":{"C-N-1":{"reason":"split","note":"n: m"NOTE}}'
    for written, then in ((answers, ""), (answers, review), (answers.replace("c", "a"), "")):
        yield _ANSWERED.replace("ANSWERS", written).replace("REVIEW", then.replace("NOTE", ""))
    yield _ANSWERED.replace("ANSWERS", answers).replace(
        "REVIEW", review.replace("NOTE", ',"note":"o"')
    )
    yield _ANSWERED.replace("ANSWERS", answers + ',"L-G-1-\\u0061":"no"').replace("REVIEW", "")


def _lines(drawn: list[str]) -> str:
    """The file: hostile lines, drawn ones, blank lines between; no newline at the end."""
    lines = [*_hostile(), *_answered(), *drawn]
    random.Random(len(drawn)).shuffle(lines)
    return "\n".join([*lines[:3], "", "   ", *lines[3:]])


def _slow(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every JSON Lines shortcut off: the located reader, and the report's JSON by
    `report_json` whole (so no line written back, no recommendation kept)."""

    def whole(report: Report, end: bytes = b"") -> bytes:
        return shown_json(report_json(report, indent=None)).encode("utf-8") + end

    monkeypatch.setattr("selfreview_core.batch.work.quick_assessment", lambda *a: None)
    monkeypatch.setattr("selfreview_core.loader.quick_assessment", lambda *a: None)
    monkeypatch.setattr("selfreview_core.batch.work.report_line_bytes", whole)


def _run(path: Path, out: Path, *options: str) -> tuple[Result, bytes | list[tuple[str, bytes]]]:
    command = ["report", str(path), "--format", "json", *options]
    command[2:2] = ["--framework", "examples/questions/technology-standards.yaml"]
    if "--output-dir" in options:
        command.append(str(out))
        result = CliRunner().invoke(cli, command, catch_exceptions=False)
        written = sorted((p.name, p.read_bytes()) for p in out.iterdir())
        return result, written
    result = CliRunner().invoke(cli, [*command, "-o", str(out)], catch_exceptions=False)
    return result, out.read_bytes() if out.exists() else b""


@pytest.mark.parametrize(
    "options", [(), ("--jobs", "2"), ("--no-evidence", "--policy", "weakest"), ("--output-dir",)]
)
@settings(
    max_examples=scaled(3),
    deadline=None,
    phases=[Phase.explicit, Phase.generate],  # a failure is read, not shrunk
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(drawn=st.lists(st.builds(_evidence, st.text(max_size=12)), max_size=8))
def test_every_shortcut_gives_what_the_slow_path_gives(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    options: tuple[str, ...],
    drawn: list[str],
) -> None:
    folder = tmp_path_factory.mktemp("attack")
    monkeypatch.chdir(ROOT)
    path = folder / "cohort.jsonl"
    path.write_text(_lines(drawn), encoding="utf-8", errors="surrogatepass")
    quick, quick_out = _run(path, folder / "out", *options)
    shutil.rmtree(folder / "out", ignore_errors=True)
    (folder / "out").unlink(missing_ok=True)
    with monkeypatch.context() as patched:
        _slow(patched)
        slow, slow_out = _run(path, folder / "out", *options)
    assert quick_out == slow_out
    assert quick.output == slow.output
    assert quick.exit_code == slow.exit_code == 1  # some lines are skipped
    reported = quick_out if isinstance(quick_out, list) else quick_out.splitlines()
    assert len(reported) > 30  # most lines were reported
