"""An exporter object that runs code when the engine reads it (`isolation.results.exporter`,
through `catalogue_entries.exporter_entry`): a field that exits, raises or prints is a problem of
that exporter, named with its plugin (and its name where that can be read), not of the
hook that gave it; the plugin's other exporters are kept. Text of a `str` subclass is kept
as plain text, so that none of its methods runs later, outside any guard.

Before round 45 each was told as `selfreview_exporters raised SystemExit: sys.exit(3)`, and
an extension of a `str` subclass ended every `report -o` in "internal error"."""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from program import HOSTILE, selfreview, with_plugin
from selfreview_core import Engine

ROOT = Path(__file__).resolve().parents[2]
REVIEW = ROOT / "examples" / "example-primary-2026.yaml"
PRINTED = "HOSTILE PRINT from an extension"

#: What the engine says of the plugin `fields`, in order.
PROBLEMS = [
    "exporter fields-exits: reading its extension raised SystemExit: sys.exit(3); the "
    "exporter is left out",
    "exporter fields-raises: reading its extension raised LookupError: no extension today; "
    "the exporter is left out",
    "an exporter: reading its name raised RuntimeError: who am I; the exporter is left out",
]
KEPT = {"fields-prints": ".printed", "fields-odd": ".odd", "fields-odd-extension": ".oddx"}


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return with_plugin(
        tmp_path_factory.mktemp("site"), "fields", "selfreview_hostile.exporter_fields"
    )


@pytest.fixture
def fields(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    """The hostile plugin's module, imported here (and forgotten after)."""
    monkeypatch.syspath_prepend(str(HOSTILE))
    yield importlib.import_module("selfreview_hostile.exporter_fields")
    for name in [n for n in sys.modules if n.split(".")[0] == "selfreview_hostile"]:
        del sys.modules[name]


def test_a_field_that_fails_when_read_is_its_exporters_problem_and_the_rest_are_kept(
    fields: ModuleType, capfd: pytest.CaptureFixture[str]
) -> None:
    engine = Engine(entry_points=False, plugins=[fields])
    exporters = engine.exporters()
    assert [(p.source, p.message, p.severity) for p in engine.problems] == [
        ("selfreview_hostile.exporter_fields", message, "error") for message in PROBLEMS
    ]
    mine = {name: e.extension for name, e in exporters.items() if name.startswith("fields")}
    assert mine == KEPT
    out, err = capfd.readouterr()
    assert (out, err) == ("", f"{PRINTED}\n")  # read once, its print on standard error


def test_an_exporters_text_is_kept_as_plain_text(fields: ModuleType) -> None:
    exporters = Engine(entry_points=False, plugins=[fields]).exporters()
    for name in ("fields-odd", "fields-odd-extension"):
        exporter = exporters[name]
        text = (exporter.name, exporter.extension, exporter.media_type)
        assert text == (name, KEPT[name], "text/plain")
        assert [type(part) for part in text] == [str, str, str]


def lines(data: bytes) -> list[str]:
    return data.decode().splitlines()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("extension", "name"), [(".oddx", "fields-odd-extension"), (".odd", "fields-odd")]
)
def test_report_o_chooses_an_exporter_of_odd_text_and_names_the_failing_ones(
    env: dict[str, str], tmp_path: Path, extension: str, name: str
) -> None:
    target = tmp_path / f"r{extension}"
    done = selfreview(["report", str(REVIEW), "-o", str(target)], env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout == b""
    assert lines(done.stderr) == [
        PRINTED,
        *(f"error: plugin fields: {message}" for message in PROBLEMS),
        f"Wrote {target} ({name}).",
    ]
    assert target.read_text(encoding="utf-8") == "Example Primary School\n"


@pytest.mark.slow
def test_the_report_carries_the_exporters_problems_and_strict_fails_on_them(
    env: dict[str, str],
) -> None:
    done = selfreview(["report", str(REVIEW), "--format", "json"], env=env)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert [p["message"] for p in report["problems"]] == PROBLEMS
    assert {p["source"] for p in report["problems"]} == {"fields"}
    strict = selfreview(["report", str(REVIEW), "--format", "json", "--strict"], env=env)
    assert strict.returncode == 1
    assert lines(strict.stderr)[-1] == "--strict: 3 problem(s)"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--format", "fields-exits"], "Invalid value for --format: no exporter `fields-exits`"),
        (["-o", "r.unknown"], "Invalid value for -o: cannot tell the format from `.unknown`"),
    ],
)
def test_a_format_that_cannot_be_chosen_is_told_after_the_exporters_refused(
    env: dict[str, str], tmp_path: Path, args: list[str], error: str
) -> None:
    """The refused exporter is why its name is unknown: told before the usage error, which
    no report follows to tell it (exit 2, nothing written)."""
    done = selfreview(["report", str(REVIEW), *args], env=env, cwd=tmp_path)
    assert done.returncode == 2
    said = lines(done.stderr)
    assert said[: 1 + len(PROBLEMS)] == [
        PRINTED,
        *(f"error: plugin fields: {message}" for message in PROBLEMS),
    ]
    assert said[-1].startswith(f"Error: {error}")
    assert done.stdout == b""
    assert list(tmp_path.iterdir()) == []


class _NoRepr:
    def __repr__(self) -> str:
        raise RuntimeError("repr")


class _Text(str):
    def __repr__(self) -> str:
        raise RuntimeError("repr")


@pytest.mark.parametrize(
    ("name", "said"),
    [
        (_NoRepr(), "exporter name of type _NoRepr is not a name"),
        (_Text("two words"), "exporter name 'two words' is not a name"),
        (None, "exporter name None is not a name"),
        (2.5, "exporter name 2.5 is not a name"),
    ],
)
def test_a_name_refused_is_said_without_running_the_plugins_repr(name: object, said: str) -> None:
    from selfreview_core import Exporter
    from test_engine import plugin_module

    exporter = Exporter(name, ".x", "text/plain", str)  # type: ignore[arg-type]
    plugin = plugin_module("giver", selfreview_exporters=lambda: [exporter])
    engine = Engine(entry_points=False, plugins=[plugin])
    assert "x" not in engine.exporters()
    [problem] = engine.problems
    assert (problem.source, problem.message.split(" `--format`")[0]) == ("giver", said)


class _Pretender:
    """Claims to be an `Exporter` through `__class__`, which `isinstance` would ask."""

    @property  # type: ignore[misc]  # read-only on purpose: asking it raises
    def __class__(self) -> type:
        raise RuntimeError("asked who I am")


@pytest.mark.parametrize("kind", ["dict", "_Pretender"])
def test_what_is_no_exporter_is_said_to_be_none_without_asking_it(kind: str) -> None:
    from test_engine import plugin_module

    item = {"name": "x"} if kind == "dict" else _Pretender()
    plugin = plugin_module("giver", selfreview_exporters=lambda: [item])
    engine = Engine(entry_points=False, plugins=[plugin])
    assert set(engine.exporters()) == {"table", "json", "csv", "markdown", "html", "summary"}
    assert [(p.source, p.message) for p in engine.problems] == [
        ("giver", f"selfreview_exporters gave {kind}, not Exporter")
    ]
