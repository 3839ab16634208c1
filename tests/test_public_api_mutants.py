"""What `import selfreview_core` gives before anything else is imported: none of its own
modules, yet a module that defines public names is an attribute of the package on first
use (the module itself), and `dir()` lists every public name before any is used (a
mutation pass over the public table, `__init__.py`, round 45). Each check runs in a fresh
interpreter: in the test process every module is already imported, and the package's lazy
lookup is never asked."""

from __future__ import annotations

import json

import selfreview_core
from program import python

MODULES = """
import json, sys
import selfreview_core as package
before = sorted(m for m in sys.modules if m.startswith("selfreview_core."))
comparison = package.comparison
errors = package.errors
print(json.dumps({
    "before": before,
    "comparison": comparison.__name__,
    "compare": comparison.compare is package.compare,
    "errors": errors.__name__,
    "error": errors.SelfReviewError is package.SelfReviewError,
}))
"""


LISTED = """
import json
import selfreview_core as package
print(json.dumps(dir(package)))
"""


def _fresh(probe: str) -> object:
    """What `probe` prints as JSON, run in a fresh interpreter."""
    done = python(["-c", probe])
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(done.stdout)


def test_a_module_of_the_table_is_an_attribute_of_the_package_on_first_use() -> None:
    found = _fresh(MODULES)
    assert isinstance(found, dict)
    assert found["before"] == []  # asked of the package, not imported with it
    assert found["comparison"] == "selfreview_core.comparison"
    assert found["errors"] == "selfreview_core.errors"
    assert found["compare"] is True
    assert found["error"] is True


def test_dir_lists_every_public_name_before_any_is_used() -> None:
    listed = _fresh(LISTED)
    assert isinstance(listed, list)
    assert set(selfreview_core.__all__) | {"__version__"} <= set(listed)
    assert listed == sorted(listed)
