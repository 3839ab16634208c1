"""A plugin that exits while it is imported: once, `validate`, `show` and `frameworks` died."""

from __future__ import annotations

import sys

sys.exit(3)
