"""The caps every reader enforces (`files/limits.py`): what a mutation pass (round 46) found
no test held, pinned by what a caller and a person reading a refusal see."""

from __future__ import annotations

import dataclasses

import pytest

from selfreview_core.files.limits import DEFAULT_LIMITS, Limits
from selfreview_core.files.yaml_events import parse_yaml


def test_the_limits_every_reader_shares_cannot_be_changed_in_place() -> None:
    """One caller setting a cap on the shared defaults would change it for every reader in
    the process: they are frozen, compare and hash as values, and a caller makes its own."""
    limits: object = DEFAULT_LIMITS
    with pytest.raises(dataclasses.FrozenInstanceError):
        limits.max_bytes = 1  # type: ignore[attr-defined]
    assert Limits() == DEFAULT_LIMITS
    assert {DEFAULT_LIMITS: 1}[Limits()] == 1
    assert dataclasses.replace(DEFAULT_LIMITS, max_nodes=5) == Limits(max_nodes=5)


def test_an_alias_bomb_is_refused_at_the_million_nodes_the_defaults_allow() -> None:
    """Eight lines of aliases, each repeating the one before ten times, would expand to a
    hundred million values: refused at the alias that crosses a million, where it is."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 8)]
    _, problems = parse_yaml("\n".join(lines) + "\n", "bomb.yaml")
    assert [(p.code, p.message, p.file, p.line, p.column, p.path) for p in problems] == [
        (
            "too-large",
            "the document expands to more than 1,000,000 nodes",
            "bomb.yaml",
            6,
            45,
            "a5[7]",
        )
    ]
