"""`selfreview_core.__version__` and `selfreview --version` from a source tree that is not
installed (`PYTHONPATH=src`). Before round 45 both raised `PackageNotFoundError` (the
command: click's `RuntimeError: 'selfreview-core' is not installed`, a traceback and exit
1), so even `hasattr(selfreview_core, "__version__")` failed. Now the version says it is
unknown, as `setuptools-scm` and `versioneer` say it: `0+unknown`."""

from __future__ import annotations

import os
import subprocess
import sysconfig
from pathlib import Path

import pytest
from click.testing import CliRunner

from program import decoded, python

ROOT = Path(__file__).resolve().parents[1]


def _from_source(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Python run with the source tree and every installed package but this project's own
    (no `.dist-info` of `selfreview-core`, no editable finder): as a clone on `PYTHONPATH`
    runs it. `-S` leaves the site folder (and its `.pth` files) out; its entries are linked."""
    site = tmp_path / "site"
    site.mkdir()
    own = ("selfreview", "_editable_impl_selfreview", "__editable__")
    for entry in Path(sysconfig.get_paths()["purelib"]).iterdir():
        if not entry.name.lower().startswith(own) and entry.suffix != ".pth":
            (site / entry.name).symlink_to(entry)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(site)]))
    env.pop("SELFREVIEW_DISABLE", None)
    return decoded(python(["-S", *args], env=env, cwd=tmp_path))


def test_an_uninstalled_package_says_its_version_is_unknown(tmp_path: Path) -> None:
    code = (
        "import importlib.metadata, selfreview_core\n"
        "try:\n    importlib.metadata.version('selfreview-core')\n"
        "except importlib.metadata.PackageNotFoundError:\n    print('not installed')\n"
        "print(hasattr(selfreview_core, '__version__'), selfreview_core.__version__)\n"
        "print('__version__' in dir(selfreview_core), selfreview_core.__file__)"
    )
    done = _from_source(tmp_path, "-c", code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "not installed",
        "True 0+unknown",
        f"True {ROOT / 'src' / 'selfreview_core' / '__init__.py'}",
    ]


def test_the_version_option_of_an_uninstalled_program_says_it_is_unknown(
    tmp_path: Path,
) -> None:
    done = _from_source(tmp_path, "-m", "selfreview_core", "--version")
    assert (done.returncode, done.stdout, done.stderr) == (0, "selfreview, version 0+unknown\n", "")


@pytest.mark.parametrize("metadata", ["Metadata-Version: 2.1\nName: selfreview-core\n", ""])
def test_a_dist_info_without_a_version_says_it_is_unknown(
    metadata: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An installed `.dist-info` whose METADATA has no `Version:` line (or is empty):
    `importlib.metadata.version` finds it and gives None, which `--version` printed as
    `selfreview, version None` and `__version__` was. Now both say `0+unknown`."""
    import importlib.metadata

    import selfreview_core
    from selfreview_core.cli import cli

    info = tmp_path / "selfreview_core-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(metadata, encoding="utf-8")
    broken = importlib.metadata.Distribution.at(info)
    assert broken.version is None  # what the standard library gives for it

    def version(name: str) -> str | None:
        assert name == "selfreview-core"
        return broken.version

    monkeypatch.setattr(importlib.metadata, "version", version)
    monkeypatch.delitem(vars(selfreview_core), "__version__", raising=False)
    result = CliRunner().invoke(cli, ["--version"], catch_exceptions=False)
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "selfreview, version 0+unknown\n",
        "",
    )
    assert selfreview_core.__version__ == "0+unknown"
