"""What a framework promises that round 41's mutation pass of model/framework.py found no
test pinning: a strand's descriptor by level; a score's level clamped to the scale, the
best reached by a full score, in either direction; a framework built in Python keeps every
problem its checks found when it also has awards; and a malformed `awards` list is located,
not a traceback. Round 59's sweep: a framework's dump names its words `terms`. Round 60's:
an award's requirement under `not`, on a framework built in Python, is checked."""

from __future__ import annotations

import pickle
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given

from program import selfreview_here
from selfreview_core import Framework, load_framework
from selfreview_core.model.framework import award_findings
from selfreview_core.model.questions import Terms
from selfreview_core.testing import frameworks, mirror_framework


@pytest.mark.parametrize("mirrored", [False, True], ids=["best-3", "best-0"])
def test_a_strands_descriptor_is_the_text_of_that_level(
    small_framework: Framework, mirrored: bool
) -> None:
    framework = mirror_framework(small_framework) if mirrored else small_framework
    strand = framework.strands[0]
    for level in framework.scale.levels:
        assert strand.descriptor(level) == strand.levels[level]
    beyond = framework.scale.best + (1 if framework.scale.best > 0 else -1)
    with pytest.raises(KeyError) as told:
        strand.descriptor(beyond)
    assert told.value.args == (beyond,)


@given(frameworks())
def test_a_scores_level_is_clamped_to_the_scale_and_a_full_score_is_the_best(
    framework: Framework,
) -> None:
    """A strand's score runs from 0 (the worst level) to one per level above the worst: the
    full score is the best level, and nothing past either end leaves the scale."""
    scale = framework.scale
    top = scale.size - 1
    assert framework.level_at(Fraction(top)) == scale.best
    assert framework.level_at(Fraction(top) - Fraction(1, 4)) == scale.from_rank(top - 1)
    assert framework.level_at(top + 5) == scale.best
    assert framework.level_at(1_000_000.5) == scale.best
    assert framework.level_at(0) == scale.worst
    assert framework.level_at(Fraction(-3, 2)) == scale.worst


def test_a_framework_built_in_python_with_awards_is_refused_for_its_other_problems(
    small_framework: Framework,
) -> None:
    """The awards' checks run only on an otherwise sound framework; a valid award must not
    hide a duplicate id or a missing descriptor found before them."""
    data: dict[str, Any] = small_framework.model_dump(exclude={"awards"})
    strand = data["elements"][0]["aspects"][0]["strands"][1]
    strand["id"] = data["elements"][0]["aspects"][0]["strands"][0]["id"]
    award = {"id": "mark", "title": "Mark", "require": {"aspect": "A1", "reached": 2}}
    with pytest.raises(ValueError, match=r"duplicate id `A1\.1`"):
        Framework.model_validate({**data, "awards": [award]})


@pytest.mark.parametrize("raw", [None, "mark", 5, {"id": "mark"}], ids=repr)
def test_award_findings_on_an_awards_value_that_is_not_a_list_find_nothing(
    small_framework: Framework, raw: object
) -> None:
    """Field validation reports the wrong type; the raw-data check neither repeats it nor
    fails on it."""
    assert award_findings(small_framework, raw) == []
    assert award_findings(None, raw) == []


FRAMEWORK = """\
kind: framework
id: t
version: "1"
title: T
scale: {best: 0, worst: 3}
elements:
  - id: e
    title: E
    aspects:
      - id: a
        title: A
        strands:
          - id: s
            title: S
            levels: {0: a, 1: b, 2: c, 3: d}
awards:
  - 5
  - {id: m, title: M, require: {strand: zz, reached: 1}}
"""


def test_an_award_that_is_not_a_mapping_is_located_and_the_next_awards_are_still_checked(
    tmp_path: Path,
) -> None:
    (tmp_path / "f.yaml").write_text(FRAMEWORK, encoding="utf-8")
    done = selfreview_here(["validate", "--strict", "f.yaml"], cwd=tmp_path)
    out = done.stdout.decode()
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr.decode()
    assert "f.yaml:17:5: error: awards[0]: expected a mapping, got the number 5" in out
    assert "f.yaml:18:41: error: awards[1].require.strand: `zz` is not a strand of t@1" in out


def test_a_frameworks_dump_names_its_words_terms_as_its_files_do(
    small_framework: Framework, tmp_path: Path
) -> None:
    """A library user who writes a framework out from `model_dump()` (no `by_alias`) gets
    the key its files and the docs use, `terms`, never the field's inner name
    `declared_terms`; the file loads again with the same words (round 59's sweep: dropping
    the rename was unheld)."""
    words = Terms(subject="setting", subjects="settings", review="check")
    framework = small_framework.model_copy(update={"declared_terms": words})
    for dumped in (framework.model_dump(), framework.model_dump(mode="json", by_alias=True)):
        assert "declared_terms" not in dumped
        assert Terms.model_validate(dumped["terms"]) == words
    data = framework.model_dump(mode="json", exclude_none=True)
    written = tmp_path / "f.yaml"
    written.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert "\nterms:\n" in written.read_text(encoding="utf-8")
    assert load_framework(written).terms == words


def test_each_typed_getter_gives_the_node_of_that_id(becta: Framework) -> None:
    """`element`, `aspect` and `strand` give the very node `find` gives for an id of their
    kind (the assess screen reads an element's title through `element`; round 59's sweep:
    `element` returning nothing was unheld outside that screen)."""
    element = becta.elements[0]
    aspect = element.aspects[0]
    strand = aspect.strands[0]
    assert becta.element(element.id) is element is becta.find(element.id)
    assert becta.aspect(aspect.id) is aspect is becta.find(aspect.id)
    assert becta.strand(strand.id) is strand is becta.find(strand.id)
    assert becta.element(element.id).title == element.title


def test_validating_a_validated_framework_again_gives_it_back(small_framework: Framework) -> None:
    """`Framework.model_validate(framework)` of a framework already validated gives that
    framework back (not checked again), as pydantic does for any model instance; a library
    user revalidating what `load_framework` gave never gets `None` (round 59's sweep: the
    shortcut's `return self` was unheld)."""
    assert small_framework.is_checked()
    again = Framework.model_validate(small_framework)
    assert again is small_framework
    assert Framework.model_validate(again).ref == small_framework.ref


def test_a_framework_built_in_python_is_refused_for_its_awards_requirements(
    small_framework: Framework,
) -> None:
    """A framework built in Python (not read from a file, whose loader checks the awards
    on the raw data) is refused when an award requires an id it lacks or a level off its
    scale, every such problem named at its path (round 59's sweep: the awards' check on
    the model was unheld)."""
    data: dict[str, Any] = small_framework.model_dump(exclude={"awards"})
    awards = [
        {"id": "m", "title": "M", "require": {"strand": "zz", "reached": 2}},
        {"id": "n", "title": "N", "require": {"aspect": "A1", "reached": 9}},
    ]
    with pytest.raises(ValueError, match="is not a strand") as refused:
        Framework.model_validate({**data, "awards": awards})
    said = str(refused.value)
    assert "awards[0].require.strand: `zz` is not a strand of small@1" in said
    assert "awards[1].require.reached: level 9 is outside the scale 3 (best) .. 0 (worst)" in said


def test_an_unpickled_framework_takes_the_check_only_of_a_checked_equal_one(
    small_framework: Framework,
) -> None:
    """A framework unpickled in a worker is never validated: it counts as checked once given
    the check of a framework just validated with equal fields, and not from an unchecked
    equal one or a checked one of other fields (round 59's sweep: `checked_as` doing
    nothing, or taking either half, was unheld)."""
    unpickled = pickle.loads(pickle.dumps(small_framework))
    assert not unpickled.is_checked()
    unpickled.checked_as(pickle.loads(pickle.dumps(small_framework)))
    assert not unpickled.is_checked()
    other = small_framework.model_copy(update={"title": "Other"})
    assert other.is_checked()
    unpickled.checked_as(other)
    assert not unpickled.is_checked()
    unpickled.checked_as(small_framework)
    assert unpickled.is_checked()


def test_the_strands_under_a_strand_are_that_strand(becta: Framework) -> None:
    """`strands_under` a strand's id is that strand alone (an award needing evidence for a
    strand reads it so; round 59's sweep: the strand's case was held only through awards)."""
    for strand in becta.strands:
        assert becta.strands_under(strand.id) == (strand,)
    aspect = becta.aspects[0]
    assert becta.strands_under(aspect.id) == aspect.strands


def test_a_framework_built_in_python_is_refused_for_a_requirement_under_not(
    small_framework: Framework,
) -> None:
    """An award's `not` is checked as its other conditions are: a strand it lacks or a level
    off its scale under `not` is named at its path (round 60's sweep: the check read the
    model's own field names, where `not` is `not_`, and saw nothing under it)."""
    data: dict[str, Any] = small_framework.model_dump(exclude={"awards"})
    require = {"all": [{"strand": "A1.1", "reached": 1}, {"not": {"strand": "zz", "below": 9}}]}
    with pytest.raises(ValueError, match="is not a strand") as refused:
        Framework.model_validate(
            {**data, "awards": [{"id": "m", "title": "M", "require": require}]}
        )
    said = str(refused.value)
    assert "awards[0].require.all[1].not.strand: `zz` is not a strand of small@1" in said
