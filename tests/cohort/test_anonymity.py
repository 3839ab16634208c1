"""`anonymise` as a program uses it: what it returns is read-only, and survives a pickle
(to a worker, to a cache) and a deep copy whole."""

from __future__ import annotations

import copy
import pickle
import random
from pathlib import Path
from typing import Any

import pytest

from selfreview_core import Engine, anonymise, benchmark, load_assessment

COHORT = Path(__file__).resolve().parents[2] / "examples" / "cohort"


def test_an_anonymised_cohort_pickles_copies_and_keeps_its_labels_read_only() -> None:
    """Its maps were a dict anyone holding it could change (then `school()` showed a
    school under another's label) and a `MappingProxyType`, which neither `pickle` nor
    `copy.deepcopy` takes."""
    engine = Engine(entry_points=False)
    names = engine.framework_names()
    reviews = [load_assessment(path, names) for path in sorted(COHORT.glob("*.yaml"))]
    cohort = benchmark(engine.framework("becta-srf"), reviews)
    made = anonymise(cohort, rng=random.Random(7))
    school = reviews[0].school.id
    seen = made.school(school)  # fills its cache of positions: no part of equality
    for again in (pickle.loads(pickle.dumps(made)), copy.deepcopy(made)):
        assert again == made
        assert hash(again) == hash(made)
        assert again.labels == made.labels
        assert again.school(school) == seen
    labels: Any = made.labels
    other = next(label for key, label in labels.items() if key != school)
    with pytest.raises(TypeError, match="read-only"):
        labels[school] = other
    assert made.school(school).school.id == made.labels[school] != other


def test_an_anonymised_cohorts_repr_shows_no_school() -> None:
    """Printed, or logged, it shows the anonymised cohort alone: not the labels' key, the
    cohort it was made from, or what its plans hold."""
    engine = Engine(entry_points=False)
    names = engine.framework_names()
    reviews = [load_assessment(path, names) for path in sorted(COHORT.glob("*.yaml"))]
    made = anonymise(benchmark(engine.framework("becta-srf"), reviews), rng=random.Random(7))
    shown = repr(made)
    assert shown.startswith("Anonymised(cohort=Cohort(")
    for review in reviews:
        assert review.school.id not in shown
        assert review.school.name not in shown
    assert "_plans" not in shown
