"""A plugin returning the wrong types from every hook."""

from __future__ import annotations

from typing import Any

from selfreview_core import hookimpl


@hookimpl
def selfreview_recommend() -> Any:
    return [None, 42, "text", b"bytes", {"junk": 1}, [1, 2], object()]


@hookimpl
def selfreview_frameworks() -> Any:
    return 42


@hookimpl
def selfreview_rule_packs() -> Any:
    return [3.5]


@hookimpl
def selfreview_migrations() -> Any:
    return {"a": object()}


@hookimpl
def selfreview_exporters() -> Any:
    return ["not an exporter"]
