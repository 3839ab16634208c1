"""The contract: the package's public names come from one table, and the three places that
list them agree with it and with SPEC.md section 6.

`selfreview_core.__init__` holds `_PUBLIC` (name -> module). `__all__` is derived from it,
names are imported from it on first use, and the imports for type checkers (under
`TYPE_CHECKING`, written `X as X`) must name the same names from the same modules, or a
type checker and the running code would disagree about what `from selfreview_core import X`
gives.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from importlib.metadata import version
from pathlib import Path

import pytest

import selfreview_core

ROOT = Path(__file__).resolve().parents[1]
INIT = ROOT / "src" / "selfreview_core" / "__init__.py"
SPEC = ROOT.parent / "shared" / "SPEC.md"


def _type_checking_imports() -> dict[str, str]:
    """name -> module (relative to the package) of every import under `if TYPE_CHECKING:`."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for statement in node.body:
                if isinstance(statement, ast.ImportFrom):
                    assert statement.level == 1, ast.unparse(statement)
                    assert statement.module, ast.unparse(statement)
                    for alias in statement.names:
                        assert alias.asname == alias.name, f"`{alias.name}` is not re-exported"
                        assert alias.name not in found, f"`{alias.name}` imported twice"
                        found[alias.name] = statement.module
    return found


def test_the_table_and_the_type_checkers_imports_agree() -> None:
    assert _type_checking_imports() == selfreview_core._PUBLIC


def test_all_is_the_table() -> None:
    assert selfreview_core.__all__ == sorted(selfreview_core._PUBLIC)
    assert len(selfreview_core.__all__) == len(set(selfreview_core.__all__))


@pytest.mark.parametrize("name", sorted(selfreview_core._PUBLIC))
def test_every_name_is_defined_in_the_module_the_table_gives(name: str) -> None:
    """Imported from its module, not re-exported through another: the table says where a
    reader finds it."""
    module = importlib.import_module(f"selfreview_core.{selfreview_core._PUBLIC[name]}")
    value = getattr(selfreview_core, name)
    assert getattr(module, name) is value
    if inspect.isclass(value) or inspect.isfunction(value):
        assert value.__module__ == module.__name__, name


def test_the_version_is_the_installed_distributions() -> None:
    assert selfreview_core.__version__ == version("selfreview-core")
    assert "__version__" in dir(selfreview_core)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'Engin'"):
        _ = selfreview_core.Engin


@pytest.mark.skipif(not SPEC.exists(), reason="SPEC.md is beside the repository in CI")
def test_every_name_spec_section_6_imports_is_public() -> None:
    """SPEC.md section 6: "The names a developer imports from `selfreview_core` (more may
    exist; these must)"."""
    section = SPEC.read_text(encoding="utf-8").split("## 6.", 1)[1].split("\n## ", 1)[0]
    [block] = re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)
    imports = [
        node
        for node in ast.walk(ast.parse(block))
        if isinstance(node, ast.ImportFrom) and node.module == "selfreview_core"
    ]
    names = {alias.name for node in imports for alias in node.names}
    assert len(names) == 17
    assert names <= set(selfreview_core.__all__)
