"""A plugin whose frameworks come from a generator that raises after the first one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from selfreview_core import hookimpl

#: The framework given before the failure: it must be available all the same.
KEPT = Path(__file__).with_name("kept-framework.yaml")


@hookimpl
def selfreview_frameworks() -> Iterator[Path]:
    yield KEPT
    raise ValueError("lost the connection half way")
