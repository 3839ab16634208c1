"""The configuration file (`config/settings.py`), what `tests/cli/test_config.py` did not hold: a
mistake located at its own line whatever surrounds it (a blank line before it, another
tool's table in `pyproject.toml` with a key of the same name), and a file saved with a byte
order mark read as any other (round 42)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from program import decoded, python
from selfreview_core.cli import cli
from selfreview_core.config.settings import find_config, read_config


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        # A blank line before it: the mistake was put on the blank line, column 2.
        ("selfreview.toml", 'policy = "mean"\n\nframwork = 1\n', ":3:1: error: framwork:"),
        ("selfreview.toml", 'policy = "mean"\n\n\n   rules = 3\n', ":4:12: error: rules:"),
        ("selfreview.toml", "policy = 'mean'\n'rules' = 3\n", ":2:11: error: rules:"),
        # Another tool's `disable` first: the mistake was put on pylint's line.
        (
            "pyproject.toml",
            '[tool.pylint]\ndisable = ["C0114"]\n\n[tool.selfreview]\n\ndisable = 3\n',
            ":6:11: error: tool.selfreview.disable:",
        ),
        (
            "pyproject.toml",
            '[tool.selfreview]\npolicy = "mean"\n[tool.other]\nrules = 1\n[tool.selfreview.x]\n',
            ":5:1: error: tool.selfreview.x: unknown key `x`",  # its header (round 50)
        ),
    ],
)
def test_a_mistake_is_located_at_its_own_line_whatever_is_around_it(
    repo_at_root: Path, name: str, text: str, where: str
) -> None:
    (repo_at_root / name).write_text(text, encoding="utf-8")
    result = run("config")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("error:") == 1
    assert f"{repo_at_root / name}{where}" in result.stderr


@pytest.mark.parametrize("name", ["selfreview.toml", "pyproject.toml"])
def test_a_file_saved_with_a_byte_order_mark_is_read(repo_at_root: Path, name: str) -> None:
    """Notepad saves one; it was "invalid TOML: Invalid statement (at line 1, column 1)"
    in `selfreview.toml`, and a `pyproject.toml` so saved was passed by in silence."""
    table = "[tool.selfreview]\n" if name == "pyproject.toml" else ""
    (repo_at_root / name).write_bytes(f'\ufeff{table}policy = "mean"\n'.encode())
    assert find_config() == (repo_at_root / name, name)
    assert read_config().values == {"policy": "mean"}
    result = run("config", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["settings"]["policy"]["value"] == "mean"
    (repo_at_root / name).write_bytes(f"\ufeff{table}\nframwork = 1\n".encode())
    result = run("config")
    assert result.exit_code == 1
    assert f"{repo_at_root / name}:{3 if table else 2}:1: error: " in result.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "rules = [3]\n",
            "rules: a file or a list of them (strings), not a list holding the number 3",
        ),
        (
            'framework = ["fw.yaml", 1]\n',
            "framework: a file or a list of them (strings), not a list holding the number 1",
        ),
        (
            'framework = [""]\n',
            "framework: a file or a list of them (strings), not a list holding empty text",
        ),
        (
            'disable = ["next-steps", ""]\n',
            "disable: a name or a list of them (strings), not a list holding empty text",
        ),
        (
            "disable = [true]\n",
            "disable: a name or a list of them (strings), not a list holding `true`",
        ),
        ("disable = true\n", "disable: a name or a list of them (strings), not `true`"),
        ('rules = ""\n', "rules: a file or a list of them (strings), not empty text"),
        ("rules = {a = 1}\n", "rules: a file or a list of them (strings), not a table"),
        ('policy = ["mean"]\n', "policy: `policy` is one of median, mean, weakest, not a list"),
        ("policy = true\n", "policy: `policy` is one of median, mean, weakest, not `true`"),
        # As written, not Python's 1.5 (round 68).
        (
            "policy = 1.50\n",
            "policy: `policy` is one of median, mean, weakest, not the number 1.50",
        ),
        (
            "policy = 2026-01-01\n",
            "policy: `policy` is one of median, mean, weakest, not the date 2026-01-01",
        ),
        (
            'policy = "Mean"\n',
            "policy: `policy` is one of median, mean, weakest, not the text `Mean`",
        ),
    ],
)
def test_a_list_holding_anything_but_text_is_refused_whole(
    repo_at_root: Path, text: str, message: str
) -> None:
    """An empty name, a number or a boolean among the files or names: the same located
    error as a value of the wrong type, never a file "" looked for, nor a crash. What was
    given is named in the words the file kinds use (round 51: Python's `['mean']`, `True`,
    `datetime.date(2026, 1, 1)`, or nothing, where the file wrote TOML)."""
    (repo_at_root / "fw.yaml").write_text("kind: framework\n", encoding="utf-8")
    (repo_at_root / "selfreview.toml").write_text(text, encoding="utf-8")
    result = run("config")
    assert result.exit_code == 1
    # At the value, or at the list's item that is wrong: its last here.
    column = text.index("= ") + 3
    if "a list holding" in message:
        column = text.rindex(", ") + 3 if ", " in text else text.index("[") + 2
    assert result.stderr == f"{repo_at_root / 'selfreview.toml'}:1:{column}: error: {message}\n"


def test_what_the_configuration_says_cannot_be_changed(repo_at_root: Path) -> None:
    (repo_at_root / "selfreview.toml").write_text('policy = "mean"\n', encoding="utf-8")
    config = read_config()
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.source = "defaults"  # type: ignore[misc]
    assert config.setting("policy", {}) == (
        "mean",
        f"selfreview.toml ({repo_at_root / 'selfreview.toml'})",
    )


@pytest.mark.parametrize(
    "text",
    [
        '[tool]\nselfreview.policy = "mean"\n',
        '[ "tool" . "selfreview" ]\npolicy = "mean"\n',
        "[tool.'selfreview']\npolicy = 'mean'\n",
        'tool.selfreview = {policy = "mean"}\n',
        'tool . "selfreview" . policy = "mean"\n',
        '[project.scripts]\nselfreview = "x:main"\n'
        '[ \'tool\' ]\n"selfreview" = {policy = "mean"}\n',
        # An inline table of tables (round 68): passed by, its settings lost.
        'tool = {selfreview = {policy = "mean"}}\n',
        'tool = {black = {line-length = 99}, "selfreview" = {policy = "mean"}}\n[project]\n',
    ],
)
def test_the_table_in_pyproject_is_found_however_toml_spells_it(
    repo_at_root: Path, text: str
) -> None:
    """Each is `[tool.selfreview]` to TOML; each was passed by in silence, its settings
    lost (the defaults applied, "Configuration file: none found")."""
    (repo_at_root / "pyproject.toml").write_text(text, encoding="utf-8")
    assert find_config() == (repo_at_root / "pyproject.toml", "pyproject.toml")
    assert read_config().values == {"policy": "mean"}


@pytest.mark.parametrize(
    "text",
    [
        '[project]\nname = "school-tools"\ndependencies = ["selfreview-core>=1"]\n',
        '[project.urls]\nhome = "http://selfreview.becta.org.uk"\n',
        '[tool.other]\nselfreview = "not ours"\nx = [\n',  # not TOML: passed by, as ever
    ],
)
def test_a_pyproject_that_only_mentions_selfreview_is_passed_by(
    repo_at_root: Path, text: str
) -> None:
    (repo_at_root / "pyproject.toml").write_text(text, encoding="utf-8")
    assert find_config() is None


def test_a_tool_selfreview_that_is_not_a_table_is_located(repo_at_root: Path) -> None:
    (repo_at_root / "pyproject.toml").write_text("[tool]\nselfreview = 3\n", encoding="utf-8")
    result = run("config")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{repo_at_root / 'pyproject.toml'}:2:14: error: tool.selfreview: a table of settings, "
        "not the number 3\n"
    )


def test_a_pyproject_with_the_table_that_is_not_toml_is_located_not_passed_by(
    repo_at_root: Path,
) -> None:
    (repo_at_root / "pyproject.toml").write_text(
        '[tool.selfreview]\npolicy = "mean\n', encoding="utf-8"
    )
    result = run("config")
    assert result.exit_code == 1
    assert f"{repo_at_root / 'pyproject.toml'}:2:" in result.stderr
    assert "invalid TOML" in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        '[project]\nname = "selfreview-core"\n',
        # This project's own command: a first, looser check (round 42) read it as TOML at
        # every `validate` in the checkout, against the cold start of tests/test_bench_smoke.py.
        '[project.scripts]\nselfreview = "selfreview_core.cli:main"\n',
        '[tool.poetry.dependencies]\nselfreview = "^1"\n',
        '[tool]\nother = 1\n[project]\nname = "selfreview-core"\n',
    ],
)
def test_a_pyproject_without_the_table_is_passed_by_without_reading_toml(
    repo_at_root: Path, text: str
) -> None:
    """Every command looks for the file: one that never names the table is not parsed
    (no `tomllib` imported at start)."""
    (repo_at_root / "pyproject.toml").write_text(text, "utf-8")
    script = (
        "import sys\nfrom selfreview_core.config.settings import find_config\n"
        "print(find_config(), 'tomllib' in sys.modules)"
    )
    done = decoded(python(["-c", script], cwd=repo_at_root))
    assert done.returncode == 0, done.stderr
    assert done.stdout == "None False\n"


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        # Cut short: tomllib says "at end of document", which was no place at all (and,
        # placed, the place said twice before round 71).
        (b'policy = "mean', ":1:15: error: invalid TOML: Unterminated string: the file ends there"),
        (
            b'policy = "mean"\nrules = [\n',
            ":2:10: error: invalid TOML: Invalid value: the file ends",
        ),
        (
            b'policy = "mean"\r\nrules = [\r\n',
            ":2:10: error: invalid TOML: Invalid value: the file",
        ),
        (b'x = """\r\nabc', ":2:4: error: invalid TOML: Unterminated string: the file ends there"),
        # Not UTF-8: Python's "cannot read: 'utf-8' codec can't decode byte 0xff in position 10".
        (
            b'policy = "\xff"\n',
            ":1:11: error: not valid UTF-8 (byte 0xff) (save the file as UTF-8)",
        ),
        (b'\xef\xbb\xbfpolicy = 1\r\n "\xe9"\n', ":2:3: error: not valid UTF-8 (byte 0xe9)"),
        # A key written dotted or as a table: it was named with no place.
        (b"rules = []\n  policy.x = 1\n", ":2:3: error: policy: `policy` is one of median"),
        (b'"policy" . x = 1\n', ":1:1: error: policy: `policy` is one of median"),
        (b"rules = []\n\n  [[policy]]\n", ":3:3: error: policy: `policy` is one of median"),
        (b"rules = []\n['b'.c]\nd = 2\n", ":2:1: error: b: unknown key `b` for selfreview"),
        (b"\nrules = []\n[b]\n", ":3:1: error: b: unknown key `b` for selfreview"),
    ],
)
def test_a_configuration_cut_short_mangled_or_tabled_is_placed(
    repo_at_root: Path, raw: bytes, where: str
) -> None:
    (repo_at_root / "selfreview.toml").write_bytes(raw)
    result = run("config")
    assert result.exit_code == 1
    [said] = [line for line in result.stderr.splitlines() if "error:" in line]
    assert said.startswith(f"{repo_at_root / 'selfreview.toml'}{where}")


def test_a_pyprojects_settings_table_of_its_own_is_placed_at_its_header(repo_at_root: Path) -> None:
    text = '[tool.selfreview]\nrules = []\n[tool.other]\npolicy = 2\n[ tool."selfreview".policy ]'
    (repo_at_root / "pyproject.toml").write_text(text, encoding="utf-8")
    result = run("config")
    assert result.exit_code == 1
    assert (
        f"{repo_at_root / 'pyproject.toml'}:5:1: error: tool.selfreview.policy: `policy`"
        in result.stderr
    )


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("07:32:00", "the time 07:32:00"),
        ("2026-01-01T07:32:00", "the time 2026-01-01T07:32:00"),
        ("2026-01-01", "the date 2026-01-01"),
    ],
)
def test_a_time_or_a_date_given_for_a_word_is_named_as_toml_writes_it(
    repo_at_root: Path, value: str, said: str
) -> None:
    """A setting given a TOML time, date-time or date where a word belongs is named as the file
    writes it ("not the time 07:32:00"), never as Python's `datetime.time(7, 32)`."""
    (repo_at_root / "selfreview.toml").write_text(f"policy = {value}\n", encoding="utf-8")
    result = run("config")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{repo_at_root / 'selfreview.toml'}:1:10: error: policy: `policy` is one of median, mean, "
        f"weakest, not {said}\n"
    )


def test_a_toml_mistake_within_the_file_is_placed_where_tomllib_says(repo_at_root: Path) -> None:
    """A syntax error before the file's end is at the line and column TOML's reader gives,
    not at the end of the file (where a text cut short is placed)."""
    (repo_at_root / "selfreview.toml").write_text(
        'policy = "mean"\nx = [1,\n  2 3]\n\n', encoding="utf-8"
    )
    result = run("config")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"{repo_at_root / 'selfreview.toml'}:3:5: error: invalid TOML: "
    )


def test_the_search_for_pyprojects_passed_by_stops_at_a_configuration_file(
    repo_at_root: Path,
) -> None:
    """A `selfreview.toml` ends the search: a `pyproject.toml` above it is not read, so it
    is not among the files no output may replace (`passed_by`); one below it is."""
    from selfreview_core.config.settings import passed_by

    (repo_at_root / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    inner = repo_at_root / "inner"
    (inner / "deeper").mkdir(parents=True)
    (inner / "selfreview.toml").write_text('policy = "mean"\n', encoding="utf-8")
    (inner / "deeper" / "pyproject.toml").write_text('[project]\nname = "y"\n', encoding="utf-8")
    assert passed_by(inner) == []
    assert passed_by(inner / "deeper") == [(inner / "deeper" / "pyproject.toml").resolve()]
    assert passed_by(repo_at_root) == [(repo_at_root / "pyproject.toml").resolve()]


def test_a_pyproject_naming_the_command_but_holding_no_table_of_ours_is_passed_by(
    repo_at_root: Path,
) -> None:
    """A `pyproject.toml` with a `[tool]` table of other tools and `selfreview = ...` as its
    command (`[project.scripts]`) is read as TOML to be sure, and holds no settings of ours:
    it is passed by, and no configuration is found."""
    from selfreview_core.config.settings import passed_by

    (repo_at_root / "pyproject.toml").write_text(
        '[tool]\nblack = {}\n\n[project.scripts]\nselfreview = "x:y"\n', encoding="utf-8"
    )
    assert find_config() is None
    assert passed_by() == [(repo_at_root / "pyproject.toml").resolve()]


def test_the_search_for_pyprojects_passed_by_stops_at_one_holding_our_table(
    repo_at_root: Path,
) -> None:
    """A `pyproject.toml` with `[tool.selfreview]` is the configuration: the search ends
    there, and a `pyproject.toml` above it is not among those passed by."""
    from selfreview_core.config.settings import passed_by

    (repo_at_root / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (repo_at_root / "inner").mkdir()
    (repo_at_root / "inner" / "pyproject.toml").write_text(
        '[tool.selfreview]\npolicy = "mean"\n', encoding="utf-8"
    )
    assert passed_by(repo_at_root / "inner") == []


def test_a_pyproject_that_is_no_toml_is_passed_by_not_read_as_settings(repo_at_root: Path) -> None:
    """A broken `pyproject.toml` that only names the command (`selfreview = ...` under
    `[project.scripts]`, beside a `[tool]` table) holds no settings of ours: it is passed
    by, and the command runs with no configuration rather than failing on another tool's
    file."""
    from selfreview_core.config.settings import passed_by

    (repo_at_root / "pyproject.toml").write_text(
        '[tool]\nblack = {\n\n[project.scripts]\nselfreview = "x:y"\n', encoding="utf-8"
    )
    assert find_config() is None
    assert passed_by() == [(repo_at_root / "pyproject.toml").resolve()]
    assert run("config").exit_code == 0


#: Each configuration with a wrong value, the place its error names marked `»` (taken out
#: before it is written), and the start of the message.
MARKED = {
    'policy = »"best"\n': "policy: `policy` is one of median, mean, weakest, not",
    '  policy   =   »"best"\n': "policy: `policy` is one of median",
    "rules = »3\n": "rules: a file or a list of them (strings), not the number 3",
    'rules = »"missing.yaml"\n': "rules: no such file: missing.yaml",
    "framework = »{a = 1}\n": "framework: a file or a list of them (strings), not",
    'policy = »"""\nbest"""\n': "policy: `policy` is one of median",
    '"\\u0070olicy" = »1\n': "policy: `policy` is one of median",
    # The item of a list that is wrong, not the list.
    "disable = [»1]\n": "disable: a name or a list of them (strings), not a list",
    'disable = ["a", »"", "b"]\n': "disable: a name or a list of them",
    'disable = ["a,]", \'b"\', »[2]]\n': "disable: a name or a list of them",
    'rules = ["fw.yaml", »"missing.yaml"]\n': "rules: no such file: missing.yaml",
    'rules = [ # the files, "in order"\n  "fw.yaml", # [first], \n\n  »"missing.yaml",\n]\n': (
        "rules: no such file: missing.yaml"
    ),
    'disable = [\n  \'\'\'a\n,b\'\'\',\n  """c\\"d""",\n  »{x = 1}]\n': "disable:",
    # A key of keys, a table of its own: no value to point at but the key.
    "rules = []\n  »policy.x = 1\n": "policy: `policy` is one of median",
    "»[policy]\n": "policy: `policy` is one of median",
}


def _place(marked: str) -> str:
    """`:LINE:COLUMN:` of the `»` in `marked`, where an error is to be placed."""
    before = marked[: marked.index("»")]
    return f":{before.count(chr(10)) + 1}:{len(before) - before.rfind(chr(10))}:"


def _one_error(file: Path, marked: str) -> str:
    """`config` with `marked` (its `»` taken out) in `file`: it fails, exit 1, saying one
    error and nothing on standard output; what it said, from `FILE:LINE:COLUMN: error: `
    of the `»` on."""
    file.write_text(marked.replace("»", ""), encoding="utf-8")
    result = run("config")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("error:") == 1
    start = f"{file}{_place(marked)} error: "
    assert result.stderr.startswith(start), result.stderr
    return result.stderr.removeprefix(start)


@pytest.mark.parametrize("marked", MARKED)
def test_a_wrong_value_is_located_at_the_value_not_its_key(repo_at_root: Path, marked: str) -> None:
    """Round 65 put every wrong value at column 1 of its key's line (`disable = [1]` at
    1:1), where an editor jumping there shows the key, not what is wrong with it (tomllib
    places its syntax errors alone)."""
    (repo_at_root / "fw.yaml").write_text("kind: framework\n", encoding="utf-8")
    assert _one_error(repo_at_root / "selfreview.toml", marked).startswith(MARKED[marked])


def test_a_pyproject_value_is_located_in_its_own_table(repo_at_root: Path) -> None:
    """A `disable` of another tool's table first, and the item on a line of its own."""
    text = '[tool.pylint]\ndisable = [1]\n[tool.selfreview]\ndisable = ["a",\n    false]\n'
    (repo_at_root / "pyproject.toml").write_text(text, encoding="utf-8")
    result = run("config")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{repo_at_root / 'pyproject.toml'}:5:5: error: tool.selfreview.disable: a name or a list "
        "of them (strings), not a list holding `false`\n"
    )


@pytest.mark.parametrize(
    ("text", "where"),
    [
        # Another tool's `selfreview` first: the error was placed at it (2:14), not at 5:14.
        ('[tool.black]\nselfreview = "x"\n\n[tool]\nselfreview = 3\n', "5:14"),
        ('[project.scripts]\nselfreview = "x:y"\n[tool]\nselfreview = 3\n', "4:14"),
        # Before any table, as a dotted key: at its value, as under `[tool]` (round 68).
        ('tool.selfreview = 3\n[tool.black]\nselfreview = "x"\n', "1:19"),
        # After other keys of `[tool]`, a list.
        ("[tool.black]\nselfreview = 1\n[tool]\nisort = {}\nselfreview = [1]\n", "5:14"),
    ],
)
def test_a_tool_selfreview_that_is_not_a_table_is_located_where_it_is_written(
    repo_at_root: Path, text: str, where: str
) -> None:
    """Found by round 67's pass: `tool.selfreview` that is no table was placed at the first
    `selfreview =` anywhere in the file, another tool's key or a project script."""
    (repo_at_root / "pyproject.toml").write_text(text, encoding="utf-8")
    result = run("config")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"{repo_at_root / 'pyproject.toml'}:{where}: error: tool.selfreview:"
    )
    assert "a table of settings, not" in result.stderr


#: Settings written otherwise than under `[tool.selfreview]`, the place each error names
#: marked `»` (taken out before it is written), and the error's key and message.
WRITTEN_OTHERWISE = {
    'tool = {selfreview = {policy = »"meen"}}\n': "tool.selfreview.policy: `policy` is one of",
    'tool = {black = {policy = 1}, selfreview = {»polcy = "mean"}}\n': (
        "tool.selfreview.polcy: unknown key `polcy` for selfreview"
    ),
    'tool = {selfreview = {disable = ["a", »true]}}\n': "tool.selfreview.disable: a name or",
    'tool.selfreview = {policy = »"meen"}\n': "tool.selfreview.policy: `policy` is one of",
    '[tool]\nblack = {policy = 2}\nselfreview = {policy = »"meen"}\n': (
        "tool.selfreview.policy: `policy` is one of"
    ),
    '[tool]\npolicy = 2\nselfreview.policy = »"meen"\n': "tool.selfreview.policy: `policy` is",
    '# [tool]\n["tool"."selfreview"]\npolicy = »"meen"\n': "tool.selfreview.policy: `policy`",
    "[ tool . 'selfreview' ]\nrules = »'x.yaml'\n": "tool.selfreview.rules: no such file: x.yaml",
    "tool = {selfreview = »3}\n": "tool.selfreview: a table of settings, not the number 3",
    '[tool.black]\nselfreview = 2\n»[[ "tool" . selfreview ]]\n': (
        "tool.selfreview: a table of settings, not a list"
    ),
}


@pytest.mark.parametrize("marked", WRITTEN_OTHERWISE)
def test_settings_written_otherwise_than_under_their_header_are_placed(
    repo_at_root: Path, marked: str
) -> None:
    """Round 68's pass: settings in an inline table (`tool = {selfreview = {...}}`) were
    passed by in silence, the defaults applied; under a quoted header
    (`["tool"."selfreview"]`), as `tool.selfreview = {...}` or as `[tool]`'s
    `selfreview.policy`, a mistake in them was named with no line or column. Each is placed
    at its value (at its key, for an unknown key), and is the one error said."""
    said = _one_error(repo_at_root / "pyproject.toml", marked)
    assert said.startswith(WRITTEN_OTHERWISE[marked]), said


def test_a_header_of_ours_quoted_in_another_tools_string_is_no_table_of_ours(
    repo_at_root: Path,
) -> None:
    """Round 68's pass: `[tool.selfreview]` on a line of another tool's multi-line string
    made the file the configuration (named by `config`, the search stopped there), though
    it holds no settings of ours: it is passed by, as a file without the table is."""
    from selfreview_core.config.settings import passed_by

    text = "[tool.other]\ntemplate = '''\n[tool.selfreview]\npolicy = 3'''\n"
    (repo_at_root / "pyproject.toml").write_text(text, encoding="utf-8")
    assert find_config() is None
    assert passed_by() == [(repo_at_root / "pyproject.toml").resolve()]
    result = run("config", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["file"] is None


#: A number or a time given for a setting, the place its error names marked `»`, and the
#: end of the message: the value as written.
AS_WRITTEN = {
    "disable = [»1e3]\n": "not a list holding the number 1e3",
    'disable = ["a", »1_000]\n': "not a list holding the number 1_000",
    "policy = »0x1F\n": "not the number 0x1F",
    "policy = »+inf\n": "not the number +inf",
    "rules = »5E-1\n": "not the number 5E-1",
    "policy = »1979-05-27 07:32:00Z\n": "not the time 1979-05-27 07:32:00Z",
    "rules = [\n  »1979-05-27t07:32:00.50-08:00]\n": (
        "not a list holding the time 1979-05-27t07:32:00.50-08:00"
    ),
}


@pytest.mark.parametrize("marked", AS_WRITTEN)
def test_a_number_or_a_time_is_named_as_the_file_writes_it(repo_at_root: Path, marked: str) -> None:
    """Round 68's pass: `disable = [1e3]` was "the number 1000.0", `0x1F` "31", and
    `1979-05-27 07:32:00Z` "1979-05-27T07:32:00+00:00", forms the user never wrote and
    may not know for theirs. Each is named as written, at its place, the one error."""
    said = _one_error(repo_at_root / "selfreview.toml", marked)
    assert said.startswith(f"{marked.split(' ')[0]}: ")
    assert said.endswith(f", {AS_WRITTEN[marked]}\n")
