"""Fuzzing the CLI: mutated valid files through validate, report, benchmark and show.

However broken the file, no command shows a traceback or an internal error, and each exits
0, 1 or 2. Smaller than the loaders' run: each example starts four commands.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzz.harness import check_cli
from fuzz.mutations import json_lines, mutate, seeds

#: Each test draws many generated frameworks or files: seconds, not milliseconds.
pytestmark = pytest.mark.slow

EXAMPLES = settings().max_examples


@settings(max_examples=EXAMPLES)
@given(
    st.sampled_from(seeds()),
    st.randoms(use_true_random=False),
    st.integers(min_value=1, max_value=4),
    st.sampled_from(("", ".yaml", ".json")),
)
def test_cli_on_mutated_files(
    seed: tuple[str, bytes], rng: random.Random, count: int, suffix: str
) -> None:
    name, raw = seed
    data = mutate(name, raw, rng, count)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / (Path(name).stem + (suffix or Path(name).suffix))
        path.write_bytes(data)
        check_cli(path)


@settings(max_examples=EXAMPLES // 2)
@given(st.binary(max_size=500))
def test_cli_on_random_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "random.yaml"
        path.write_bytes(data)
        check_cli(path)


@settings(max_examples=EXAMPLES // 2)
@given(st.randoms(use_true_random=False), st.integers(min_value=0, max_value=3))
def test_cli_on_json_lines(rng: random.Random, count: int) -> None:
    """`report` reads JSON Lines, one assessment a line: a bad line is skipped, cleanly."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "many.jsonl"
        path.write_bytes(json_lines(rng, count))
        check_cli(path)
