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
        return f"{self.severity}: {self.source}: {self.message}"
