"""A path a plugin gives (a framework, rule pack or migration file) whatever it holds: a line
break, a NUL, nothing at all, a character no file name can hold. Before round 45:

- a line break in the file's name split the problem's located line in two (the command
  line prints each line of a problem on its own, and took the name's for one);
- a NUL was blamed on the plugin's code (`selfreview_frameworks raised ValueError:
  embedded null byte`), the file not named, and a caller's own such path raised that
  `ValueError` out of `Engine`;
- an empty path was told as `cannot read: No such file or directory`, naming nothing;
- one framework given twice by a plugin (in two of its files) named neither file, so in a
  plugin's folder the file that sorts first won in silence.

Each is now one located problem of that plugin's file, on its lines, and every other item
the plugin gives is still kept."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from program import selfreview, with_plugin
from selfreview_core import Engine, InvalidDocument
from selfreview_core.escaping import shown
from test_engine import plugin_module

ROOT = Path(__file__).resolve().parents[1]
MIGRATION = ROOT / "examples" / "migration"
PACK = ROOT / "plugins" / "becta-leadership" / "src" / "selfreview_becta_leadership"
#: A file name a careless or hostile plugin may give: a line break, ESC and a bidi override.
ODD = "a\u202eb\nc\x1b[31m.yaml"
#: Each collecting hook that takes paths, the words its problem starts with, and a file
#: that the same plugin gives beside the bad one and that loads.
HOOKS = [
    ("selfreview_frameworks", "framework file", MIGRATION / "example-srf-2.yaml"),
    ("selfreview_rule_packs", "rule pack", PACK / "becta-leadership.yaml"),
    ("selfreview_migrations", "migration", MIGRATION / "example-srf-1-to-2.yaml"),
]
MISSING_KIND = "missing required key `kind` (one of: framework, assessment, rules, migration, plan)"


def _engine(hook: str, *paths: str) -> Engine:
    """An engine whose one plugin, `giver`, gives `paths` through `hook` (and, for a
    migration, both of its frameworks)."""
    hooks: dict[str, Any] = {hook: lambda: list(paths)}
    if hook == "selfreview_migrations":
        hooks["selfreview_frameworks"] = lambda: [
            str(MIGRATION / "example-srf-1.yaml"),
            str(MIGRATION / "example-srf-2.yaml"),
        ]
    return Engine(entry_points=False, plugins=[plugin_module("giver", **hooks)])


def _kept(engine: Engine, hook: str) -> list[str | None]:
    """The paths of what `giver` gave through `hook` that the engine kept."""
    entries: Any = {
        "selfreview_frameworks": engine.frameworks,
        "selfreview_rule_packs": engine.rule_packs,
        "selfreview_migrations": engine.migrations,
    }[hook]()
    return [e.path for e in entries if e.provider == "giver"]


@pytest.mark.parametrize(("hook", "what", "good"), HOOKS, ids=[h[1] for h in HOOKS])
def test_a_line_break_in_a_plugins_file_name_stays_on_its_located_line(
    tmp_path: Path, hook: str, what: str, good: Path
) -> None:
    bad = tmp_path / ODD
    bad.write_text("x: 1\n", encoding="utf-8")
    engine = _engine(hook, str(bad), str(good))
    assert _kept(engine, hook) == [str(good)]  # the good file is kept beside it
    [problem] = engine.problems
    assert (problem.source, problem.severity) == ("giver", "error")
    assert problem.message.split("\n") == [
        f"{what} does not load:",
        f"{shown(str(bad), newline=False)}:1:1: {MISSING_KIND}",
    ]
    assert "a\\u202eb\\nc\\x1b[31m.yaml:1:1" in problem.message


@pytest.mark.parametrize(("hook", "what", "good"), HOOKS, ids=[h[1] for h in HOOKS])
@pytest.mark.parametrize(
    ("path", "said"),
    [
        (
            "no\0where.yaml",
            "no\\x00where.yaml: is not a possible file name: it holds a NUL character",
        ),
        (
            "\ud800.yaml",
            "\\ud800.yaml: is not a possible file name: it holds a character no file name can hold",
        ),
        ("", "the path is empty: it names no file"),
    ],
    ids=["nul", "lone-surrogate", "empty"],
)
def test_a_path_no_file_can_have_is_a_problem_of_that_plugins_file_saying_why(
    hook: str, what: str, good: Path, path: str, said: str
) -> None:
    engine = _engine(hook, path, str(good))
    assert _kept(engine, hook) == [str(good)]
    assert [(p.source, p.severity, p.message) for p in engine.problems] == [
        ("giver", "error", f"{what} does not load:\n{said}")
    ]


@pytest.mark.parametrize("kind", ["frameworks", "rule_packs", "migrations"])
@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("no\0where.yaml", "is not a possible file name: it holds a NUL character"),
        ("", "the path is empty: it names no file"),
    ],
    ids=["nul", "empty"],
)
def test_a_callers_path_no_file_can_have_raises_invalid_document_naming_it(
    kind: str, path: str, message: str
) -> None:
    """The caller's own file is the caller's input: it raises, as every file that cannot be
    read raises (a NUL raised a bare `ValueError` before round 45)."""
    with pytest.raises(InvalidDocument) as raised:
        Engine(entry_points=False, **{kind: [path]})
    [diagnostic] = raised.value.diagnostics
    assert (diagnostic.message, diagnostic.file, diagnostic.code) == (message, path, "unreadable")


def test_a_framework_a_plugin_gives_in_two_files_names_both_and_uses_the_first(
    tmp_path: Path,
) -> None:
    first, second = tmp_path / "aa.yaml", tmp_path / "b\nsrf.yaml"
    for copy in (first, second):
        shutil.copy(MIGRATION / "example-srf-1.yaml", copy)
    engine = _engine("selfreview_frameworks", str(first), str(second))
    assert _kept(engine, "selfreview_frameworks") == [str(first)]
    assert [(p.source, p.severity, p.message) for p in engine.problems] == [
        (
            "giver",
            "warning",
            f"framework example-srf@1 is given twice by this plugin, in {first} and "
            f"{tmp_path}/b\\nsrf.yaml; using {first}",
        )
    ]


def test_the_command_line_tells_each_bad_path_on_its_own_lines_and_lists_the_rest(
    tmp_path: Path,
) -> None:
    """As a user sees it: `selfreview frameworks` with an installed plugin that gives a file
    whose name holds a line break, a NUL path and an empty one, beside a good file."""
    (tmp_path / ODD).write_text("x: 1\n", encoding="utf-8")
    site = tmp_path / "site"
    env = with_plugin(site, "giver", "giver_paths")
    (site / "giver_paths.py").write_text(
        "import json, os\n"
        "from selfreview_core import hookimpl\n"
        "@hookimpl\n"
        "def selfreview_frameworks():\n"
        "    return json.loads(os.environ['GIVER_PATHS'])\n",
        encoding="utf-8",
    )
    paths = [ODD, "x\0.yaml", "", str(MIGRATION / "example-srf-1.yaml")]
    env["GIVER_PATHS"] = json.dumps(paths)
    done = selfreview(["frameworks"], cwd=tmp_path, env=env)
    err = done.stderr.decode()
    assert done.returncode == 0, err
    assert "Traceback" not in err
    assert err.splitlines() == [
        "error: plugin giver: framework file does not load:",
        f"  a\\u202eb\\nc\\x1b[31m.yaml:1:1: {MISSING_KIND}",
        "error: plugin giver: framework file does not load:",
        "  x\\x00.yaml: is not a possible file name: it holds a NUL character",
        "error: plugin giver: framework file does not load:",
        "  the path is empty: it names no file",
    ]
    out = done.stdout.decode()
    assert "becta-srf" in out  # nothing else lost
    assert "example-srf" in out
