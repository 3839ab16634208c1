"""Problems: what went wrong in a plugin or a file without stopping everyone else's work."""

from __future__ import annotations

from typing import Literal

from .base import Model

__all__ = ["Problem"]


class Problem(Model):
    """Reported with the results instead of raised; `--strict` makes any error fatal."""

    source: str
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        """`severity: source: message`, the plugin's words as it gave them: data, as every
        field of a model is, not text made safe for a terminal. What prints it escapes it
        where it is laid out (the CLI, the exporters: `escaping.shown`)."""
        return f"{self.severity}: {self.source}: {self.message}"
