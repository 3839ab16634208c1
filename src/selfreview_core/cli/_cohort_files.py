"""The framework files the cohort commands (`benchmark`, `support`) build their engines with.

Their `--framework` names the cohort's framework (one file), where every other command's
adds files before the available ones; so the configuration file's `framework` (a list of
files) cannot be that option's default. It is what it is everywhere else instead: frameworks
available to the assessments, the configuration's ones before the installed ones, for the
command's engine and its worker processes alike (SPEC section 5).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._common import State

__all__ = ["framework_files"]


def framework_files(
    state: State, framework: str | None, to: str | None, found: Sequence[str] = ()
) -> tuple[str, ...]:
    """`--framework` and `--to` where each names a file (the cohort's framework stands first),
    then the framework files `found` in the folders among PATHS (`_folder_frameworks`), then
    the configuration's framework files, unless a framework file is named on the command
    line (by `--framework` or among PATHS): that replaces the configuration's, as
    `--framework FILE` does for every command."""
    given = tuple(n for n in (framework, to) if n is not None and os.path.isfile(n))
    named = framework is not None and os.path.isfile(framework)
    configured = () if state.config is None or named else state.config.values.get("framework")
    return (*given, *found, *(configured or ()))
