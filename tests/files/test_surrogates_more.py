"""After the first `MOST_SURROGATES` lone surrogates of one document, one problem says how
many more, at the place of the first not shown, by one rule for the three readers that
tell them (`surrogates.more_from_here`): raw surrogates in a `str`, YAML's escapes and
JSON's keys and texts. Until round 78 JSON's stood at no line or column (a JSON Lines
line's at its line, no column), so an editor could not go to it, where YAML's and the raw
ones stood where the mending goes next."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from files.test_yaml_surrogates import _strings
from fuzz.harness import check_error
from selfreview_core.cli import cli
from selfreview_core.errors import InvalidDocument
from selfreview_core.files import json_problems, surrogates, yaml_surrogates
from selfreview_core.files.json_problems import MOST_SURROGATES
from selfreview_core.files.source import parse_text
from selfreview_core.testing.strategies import frameworks

SAID = "not valid Unicode text: an escaped lone surrogate (half of a `\\uD83D\\uDE00` pair)"
Told = tuple[Any, ...]


def _problems(text: str, file: str) -> list[Told]:
    with pytest.raises(InvalidDocument) as raised:
        parse_text(text, file)
    check_error(raised.value, file, text)  # each has a line and column inside the text
    return [(d.line, d.column, d.path, d.code, d.message) for d in raised.value.diagnostics]


def test_json_tells_how_many_more_at_the_first_not_shown() -> None:
    items = ",\n".join(['"\\ud800"'] * (MOST_SURROGATES + 3))
    problems = _problems(f'{{"kind": "x", "l": [\n{items}]}}', "school.json")
    assert len(problems) == MOST_SURROGATES + 1
    assert problems[:-1] == [(2 + n, 1, f"l[{n}]", "encoding", SAID) for n in range(20)]
    assert problems[-1] == (
        2 + MOST_SURROGATES,
        1,
        "",
        "encoding",
        "3 more keys or texts holding an escaped lone surrogate from here, not shown",
    )
    # a key not shown is placed at the key, as a key shown is
    keys = ", ".join(f'"k{n}\\udc00": 1' for n in range(MOST_SURROGATES + 1))
    text = f'{{"kind": "x", {keys}}}'
    *_, more = _problems(text, "school.json")
    assert more == (
        1,
        text.index(f'"k{MOST_SURROGATES}') + 1,
        "",
        "encoding",
        "1 more key or text holding an escaped lone surrogate from here, not shown",
    )


def test_validate_names_the_place_exits_1_and_checks_the_next_file(tmp_path: Path) -> None:
    items = ",\n".join(['"\\udbff"'] * (MOST_SURROGATES + 2))
    bad = tmp_path / "bad.json"
    bad.write_text(f'{{"kind": "assessment",\n"l": [\n{items}]}}', encoding="ascii")
    lines = tmp_path / "many.jsonl"
    lines.write_text(f'{{"kind": "assessment"}}\n{{"l": [{items.replace(chr(10), "")}]}}\n')
    good = tmp_path / "plan.json"
    good.write_text(json.dumps({"kind": "assessment"}), encoding="ascii")
    result = CliRunner().invoke(cli, ["validate", str(bad), str(lines), str(good)])
    assert result.exit_code == 1
    more = "2 more keys or texts holding an escaped lone surrogate from here, not shown"
    assert f"{bad}:3:1: error: l[0]: {SAID}" in result.output
    assert f"{bad}:22:1: error: l[19]: {SAID}" in result.output
    assert f"{bad}:23:1: error: {more}\n" in result.output
    # a JSON Lines line's problems stand at the file's line, their columns the line's
    assert f"{lines}:2:{8 + 9 * 19}: error: l[19]: {SAID}" in result.output
    assert f"{lines}:2:{8 + 9 * 20}: error: {more}\n" in result.output
    assert f"{good}:1:1: error: missing required key" in result.output  # the next is checked
    assert "Traceback" not in result.output


@contextmanager
def _at_most(limit: int) -> Iterator[None]:
    """`MOST_SURROGATES` as `limit` for each reader that tells them."""
    with pytest.MonkeyPatch.context() as patch:
        for module in (surrogates, json_problems, yaml_surrogates):
            patch.setattr(module, "MOST_SURROGATES", limit)
        yield


#: JSON's escape of a pair, which YAML reads as two halves: written as its character.
_PAIR = re.compile(r"\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})")


def _joined(pair: re.Match[str]) -> str:
    high, low = int(pair.group(1), 16), int(pair.group(2), 16)
    return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


@given(frameworks(), st.data())
def test_the_more_stands_where_the_first_not_shown_would(
    framework: Any, data: st.DataObject
) -> None:
    """A framework (of either scale direction) with lone surrogates in some of its texts,
    written raw (a `str`) or escaped (JSON, read as JSON and as YAML): told with at most
    `limit` one by one, the problems are the first `limit` of those told with no limit,
    then how many more at the place the first not shown has there, with no path."""
    document = {"kind": "framework", **framework.model_dump(mode="json")}
    slots = _strings(document)
    chosen = data.draw(st.sets(st.sampled_from(range(len(slots))), min_size=1, max_size=12))
    for n in chosen:
        holder, key = slots[n]
        at = data.draw(st.integers(0, len(holder[key])))
        holder[key] = (
            holder[key][:at] + data.draw(st.characters(categories=["Cs"])) + holder[key][at:]
        )
    escaped = _PAIR.sub(_joined, json.dumps(document, indent=1))
    raw = json.dumps(document, indent=1, ensure_ascii=False)
    limit = data.draw(st.integers(1, 6))
    for text, file in ((raw, "r.yaml"), (escaped, "e.json"), (escaped, "e.yaml")):
        with _at_most(10_000):
            every = _problems(text, file)
        with _at_most(limit):
            told = _problems(text, file)
        if len(every) <= limit:
            assert told == every
            continue
        more = len(every) - limit
        noun = told[-1][4].split(" from here")[0].removeprefix(f"{more:,} more ")
        assert told == [
            *every[:limit],
            (*every[limit][:2], "", "encoding", f"{more:,} more {noun} from here, not shown"),
        ]
        assert noun in {
            "lone surrogate" if more == 1 else "lone surrogates",
            "escaped surrogate" if more == 1 else "escaped surrogates",
            f"key{'' if more == 1 else 's'} or text{'' if more == 1 else 's'} holding an "
            "escaped lone surrogate",
        }
