"""scripts/mutate.py, the mutation passes' tool (round 35): each operator of a chained
comparison is mutated in its own place, and `--skip-sample` leaves out exactly what an
earlier `--sample` pass drew."""

from __future__ import annotations

import ast
import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "mutate.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mutate_script", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_each_operator_of_a_chained_comparison_is_mutated_in_its_own_place() -> None:
    """`0 < n < limit` gives two mutants, `0 <= n < limit` and `0 < n <= limit` (the second
    operator, a threshold, was never mutated before: the first was, twice)."""
    mutate = _script()
    tree = ast.parse("hidden = 0 < n < limit\n")
    found = [
        ast.unparse(mutate._apply(tree, index, position)).strip()
        for index, _, _, position in mutate._candidates(tree)
        if isinstance(next(n for i, n in enumerate(ast.walk(tree)) if i == index), ast.Compare)
    ]
    assert found == ["hidden = 0 <= n < limit", "hidden = 0 < n <= limit"]


def test_skip_sample_leaves_out_exactly_what_the_earlier_sample_drew() -> None:
    mutate = _script()
    mutants = [mutate.Mutant(i, i, "x") for i in range(40)]
    drawn = set(random.Random(34).sample(mutants, 12))
    left = mutate._without_tried(mutants, 12, 34)
    assert len(left) == 28
    assert set(left) == set(mutants) - drawn
    assert left == sorted(left, key=lambda m: m.index)  # in the module's order
    assert mutate._without_tried(mutants, 0, 34) == mutants


def test_a_return_that_gives_none_already_makes_no_mutant() -> None:
    """Making `return None` give None changes nothing: such a mutant always survived
    (round 36: 7 of 277 in one pass), a question with its answer known."""
    mutate = _script()
    tree = ast.parse(
        "def f(x):\n    if x:\n        return x\n    return None\n\ndef g():\n    return\n"
    )
    returns = [
        what for _, node, what, _ in mutate._candidates(tree) if isinstance(node, ast.Return)
    ]
    assert returns == ["return None"]  # `return x` only
