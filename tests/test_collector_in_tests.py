"""The test process's collector (conftest.py): full passes rarer than Python's default."""

from __future__ import annotations

import gc


def test_the_oldest_generation_is_collected_ten_times_more_rarely() -> None:
    """Every worker holds the whole collected suite, which each full pass walks."""
    assert gc.get_threshold()[2] == 100
