"""`batch.work.load_unit`: a batch's JSON Lines line read the quick way at once, with the
located reader's outcome for anything the quick path refuses, asked once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import selfreview_core.batch.work as batch_work
import selfreview_core.loader as loader
from selfreview_core import Assessment, Framework, InvalidDocument, load_assessment
from selfreview_core.errors import Skipped
from selfreview_core.files.json_lines import at_line
from selfreview_core.model.assessment_json import written_json
from selfreview_core.quick_assessment import quick_assessment

_ENTRY = '"A1.1":{"level":1,"evidence":null,"judged_on":null}'
_WRITTEN = (
    '{{"kind":"assessment","framework":"small","school":{{"id":"1","name":"S",'
    '"authority":null}},"respondent":null,"assessed_on":"2025-01-01","assessor":null,'
    '"judgements":{{{entries}}},"review":null}}\n'
)
_LINES = {
    "as pydantic writes it": _WRITTEN.format(entries=_ENTRY),
    "written otherwise": _WRITTEN.format(entries=_ENTRY).replace(",", ", "),
    "short form": _WRITTEN.format(entries='"A1.1":1'),
    "a strand twice": _WRITTEN.format(entries=f"{_ENTRY},{_ENTRY}"),
    "not a strand": _WRITTEN.format(entries=_ENTRY.replace("A1.1", "Z9")),
    "off the scale": _WRITTEN.format(entries=_ENTRY.replace(":1,", ":7,")),
    "not JSON": '{"kind":"assessment",\n',
    "another framework": _WRITTEN.format(entries=_ENTRY).replace('"small"', '"other"'),
}


def _as_before(line: bytes, lookup: Any) -> Assessment | Skipped:
    """What `load_unit` gave before it asked the quick path itself."""
    try:
        return load_assessment("c.jsonl", lookup, text=line)
    except InvalidDocument as error:
        said = batch_work.of_school(error.diagnostics, line)  # the school named (round 81)
        return Skipped("c.jsonl:3", at_line(said, "c.jsonl", 3))


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Every call of the quick path, from the batch or from the loader."""
    asked: list[bytes] = []
    real = quick_assessment

    def quick(text: Any, *args: Any) -> Assessment | None:
        asked.append(text)
        return real(text, *args)

    monkeypatch.setattr(batch_work, "quick_assessment", quick)
    monkeypatch.setattr(loader, "quick_assessment", quick)
    return asked


@pytest.mark.parametrize("name", sorted(_LINES))
@pytest.mark.parametrize("lookup", ["dict", "callable"])
def test_a_line_reads_as_it_did_and_the_quick_path_is_asked_once(
    small_framework: Framework, monkeypatch: pytest.MonkeyPatch, name: str, lookup: str
) -> None:
    line = _LINES[name].encode("utf-8")
    names = {"small": small_framework, small_framework.ref: small_framework}
    frameworks: dict[str, Framework] | Callable[[str], Framework | None] = (
        names if lookup == "dict" else names.get
    )
    expected = _as_before(line, frameworks)
    asked = _counted(monkeypatch)
    found = batch_work.load_unit(("c.jsonl", 3, line), frameworks)
    assert found == expected
    assert len(asked) == 1
    valid = {"as pydantic writes it", "written otherwise", "short form"}
    assert isinstance(found, Assessment) == (name in valid)


def test_a_batch_line_with_a_dict_of_frameworks_is_read_by_the_batch_itself(
    small_framework: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The batch asks the quick path directly; the loader's way is left for other lookups
    and other files' names."""
    line = _LINES["as pydantic writes it"].encode("utf-8")
    frameworks = {"small": small_framework}
    asked: list[str] = []
    real = load_assessment

    def loaded(*args: Any, **kwargs: Any) -> Assessment:
        asked.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(batch_work, "load_assessment", loaded)
    found = batch_work.load_unit(("c.jsonl", 1, line), frameworks)
    assert isinstance(found, Assessment)
    assert asked == []
    # Read the quick way: its report takes the line as it came.
    assert written_json(found) == line.decode("utf-8").rstrip("\n")
    assert isinstance(batch_work.load_unit(("c.json", 1, line), frameworks), Assessment)
    assert isinstance(batch_work.load_unit(("c.jsonl", 1, line), frameworks.get), Assessment)
    assert asked == ["c.json", "c.jsonl"]
