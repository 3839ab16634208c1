"""The fixtures plugin authors get from `selfreview_core.testing`.

They are imported rather than named in `pytest_plugins`: pytest refuses `pytest_plugins` in
a conftest below the top-level one, and this directory sits below the repository's root
when the whole repository is tested (`pytest tests plugins`).
"""

from __future__ import annotations

from selfreview_core.testing import becta, engine, small_framework

__all__ = ["becta", "engine", "small_framework"]
