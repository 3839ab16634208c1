"""Built-in plugin `bundled-frameworks`: the framework files shipped with the package."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from .._names import FILE_SUFFIXES
from ..hookspecs import hookimpl

__all__ = ["frameworks_dir", "selfreview_frameworks"]


def frameworks_dir() -> Path:
    """Where the bundled framework files are.

    In a wheel they are package data (`selfreview_core/frameworks`); in a source checkout
    (an editable install) they are the repository's `frameworks/` directory.
    """
    packaged = Path(str(files("selfreview_core"))) / "frameworks"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "frameworks"


@hookimpl
def selfreview_frameworks() -> list[Path]:
    root = frameworks_dir()
    return sorted(p for p in root.iterdir() if p.suffix in FILE_SUFFIXES)
