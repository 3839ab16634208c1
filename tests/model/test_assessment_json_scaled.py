"""The canonical pattern given a scale's levels (`canonical_text(text, levels)`): it takes a
line as pydantic writes it exactly when every judgement's level is one of the scale's, so
that the quick reader need not read each level in Python (`fits_as_written`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core import Assessment, Engine
from selfreview_core.cli import cli
from selfreview_core.model.assessment import Judgement, School
from selfreview_core.model.assessment_json import canonical_text
from selfreview_core.model.scale import Scale

_ENGINE = Engine()

_LINE = (
    '{{"kind":"assessment","framework":"small","school":{{"id":"1","name":"S",'
    '"authority":null}},"respondent":null,"assessed_on":"2025-01-01","assessor":null,'
    '"judgements":{{"A1.1":{{"level":3,"evidence":null,"judged_on":null}},'
    '"A1.2":{{"level":{level},"evidence":"e","judged_on":null}}}},"review":null}}'
)


@pytest.mark.parametrize(
    ("best", "worst"),
    [(1, 5), (5, 1), (0, 3), (3, 8), (-2, 3), (1, 12), (10, 19), (-12, -9)],
)
def test_a_line_is_taken_with_a_scale_exactly_when_its_levels_are_the_scales(
    best: int, worst: int
) -> None:
    """Digits (a character class), and levels of two digits or with a sign (each written
    out): every level of the scale is taken, and the nearest levels off it, a level
    written with more digits and one that only starts like a level of it are not."""
    levels = Scale(best=best, worst=worst).levels
    low, high = min(levels), max(levels)
    for level in levels:
        text = _LINE.format(level=level).replace('"level":3', f'"level":{low}')
        assert canonical_text(text, levels) == text, level
        assert canonical_text(text + "\n", levels) == text
    for level in (low - 1, high + 1, high * 10, high * 10 + low % 10, -high if high else -1):
        if level in levels:
            continue
        text = _LINE.format(level=level).replace('"level":3', f'"level":{low}')
        assert canonical_text(text) == text  # as pydantic writes it, of another scale
        assert canonical_text(text, levels) is None, level


def test_one_level_off_the_scale_among_many_on_it_is_seen() -> None:
    levels = Scale(best=1, worst=4).levels
    text = _LINE.format(level=5).replace('"level":3', '"level":1')
    assert canonical_text(text, levels) is None
    assert canonical_text(text.replace('"level":5', '"level":4'), levels) is not None
    # The first judgement's level off it: the pattern looks at each, not the last alone.
    assert (
        canonical_text(
            text.replace('"level":5', '"level":2').replace('"level":1', '"level":0'), levels
        )
        is None
    )


@pytest.mark.parametrize("level", [0, 6, 55, -1])
def test_a_line_as_pydantic_writes_it_with_a_level_off_the_scale_is_said_where(
    tmp_path: Path, level: int
) -> None:
    """The pattern refuses the line on the quick path, and the located reader says what is
    wrong and where, as for any line; the lines around it are reported."""
    framework = _ENGINE.framework("becta-srf")
    strand = framework.strand_ids[1]
    assessment = Assessment(
        framework=framework.ref,
        school=School(id="1", name="S"),
        assessed_on="2025-01-02",
        judgements={framework.strand_ids[0]: Judgement(level=2), strand: Judgement(level=3)},
    )
    line = assessment.model_dump_json(by_alias=True)
    bad = line.replace(f'"{strand}":{{"level":3', f'"{strand}":{{"level":{level}')
    assert canonical_text(bad) == bad
    file = tmp_path / "cohort.jsonl"
    file.write_text(f"{line}\n{bad}\n{line}\n", "utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["report", str(file), "--format", "json", "-o", str(out)])
    assert result.exit_code == 1
    column = bad.index(f'"level":{level}') + len('"level":') + 1
    assert (
        f"{file}:2:{column}: error: judgements.{strand}.level: level {level} is outside "
        "the scale" in result.output
    )
    assert "2 reports written" in result.output
    assert len(out.read_bytes().splitlines()) == 2
