"""A hypothesis test's own count of examples, scaled by the active profile (conftest.py)."""

from __future__ import annotations

from typing import Final

from hypothesis import settings

#: The `ci` profile's `max_examples`: a count written with `scaled` is what CI runs.
CI_EXAMPLES: Final = 100


def scaled(examples: int) -> int:
    """`examples` under the `ci` profile, ten times as many under `deep`, a fifth under `dev`.

    A fixed `@settings(max_examples=40)` would ignore the profile: a slow test written so
    would be no deeper in a deep run. Called when the test module is imported, after the
    profile is loaded (by conftest.py, or by pytest's `--hypothesis-profile`)."""
    return max(1, round(examples * settings().max_examples / CI_EXAMPLES))
