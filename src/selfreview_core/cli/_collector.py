"""The collector's thresholds, for the commands: the `selfreview` program (`.._launch`)
raises them while it starts; a batch puts them back before its first report."""

from __future__ import annotations

from .._collector import as_usual

__all__ = ["as_usual"]
