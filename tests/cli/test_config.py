"""The configuration file (`selfreview.toml`, `pyproject.toml [tool.selfreview]`): found
from the current folder upward, paths relative to it, unknown keys located, and precedence:
the command line, then `SELFREVIEW_DISABLE`, then `selfreview.toml`, then `pyproject.toml`,
then the defaults (docs/command-line.md)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from program import selfreview
from selfreview_core.cli import cli
from selfreview_core.config.settings import find_config, read_config

ROOT = Path(__file__).resolve().parents[2]
AWARDS = ROOT / "examples" / "awards" / "illustrative-award-framework.yaml"
SCHOOL = ROOT / "examples" / "awards" / "example-school.yaml"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository (it has `.git`) with a framework file, run from a folder inside it."""
    (tmp_path / ".git").mkdir()
    shutil.copy(AWARDS, tmp_path / "fw.yaml")
    (tmp_path / "work" / "deeper").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "work" / "deeper")
    monkeypatch.setenv("HOME", str(tmp_path.parent))
    monkeypatch.delenv("SELFREVIEW_DISABLE", raising=False)
    return tmp_path


def run(*args: str, **env: str) -> Result:
    return CliRunner(env=env or None).invoke(cli, list(args), catch_exceptions=False)


def settings() -> dict[str, dict[str, object]]:
    result = run("config", "--format", "json")
    assert result.exit_code == 0, result.output
    data: dict[str, dict[str, object]] = json.loads(result.stdout)["settings"]
    return data


def test_no_file_means_the_defaults(repo: Path) -> None:
    assert find_config() is None
    assert settings()["policy"] == {"value": "median", "from": "default"}
    assert "Configuration file: none found" in run("config").stdout


def test_selfreview_toml_is_found_upward_and_its_paths_are_its_own(repo: Path) -> None:
    (repo / "selfreview.toml").write_text('framework = "fw.yaml"\npolicy = "mean"\n')
    assert settings()["framework"]["value"] == [str(repo / "fw.yaml")]
    result = run("report", str(SCHOOL), "--format", "json")  # its framework from the file
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["profile"]["policy"] == "mean"


def test_the_command_line_wins_over_the_file(repo: Path) -> None:
    (repo / "selfreview.toml").write_text('framework = "fw.yaml"\npolicy = "mean"\n')
    result = run("report", str(SCHOOL), "--format", "json", "--policy", "weakest")
    assert json.loads(result.stdout)["profile"]["policy"] == "weakest"
    other = repo / "other.yaml"
    other.write_text(AWARDS.read_text().replace("Illustrative mark", "Other mark"))
    result = run("report", str(SCHOOL), "--format", "json", "--framework", str(other))
    assert result.exit_code == 0, result.output
    assert "Other mark" in result.stdout  # the command line's file, not the configured one


def test_selfreview_toml_wins_over_pyproject_in_the_same_folder(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[tool.selfreview]\npolicy = "weakest"\n')
    assert settings()["policy"]["value"] == "weakest"
    assert "pyproject.toml [tool.selfreview]" in str(settings()["policy"]["from"])
    (repo / "selfreview.toml").write_text('policy = "mean"\n')
    assert settings()["policy"]["value"] == "mean"


def test_a_pyproject_without_the_table_is_passed_by(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[tool.selfreview]\npolicy = "weakest"\n')
    (repo / "work" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert settings()["policy"]["value"] == "weakest"


def test_the_search_stops_at_the_repository_root(repo: Path) -> None:
    (repo.parent / "selfreview.toml").write_text('policy = "mean"\n')
    try:
        assert settings()["policy"]["value"] == "median"
    finally:
        (repo.parent / "selfreview.toml").unlink()


def test_the_environment_wins_over_the_files_disable(repo: Path) -> None:
    (repo / "selfreview.toml").write_text('disable = ["next-steps"]\n')
    assert settings()["disable"]["value"] == ["next-steps"]
    result = run("plugins", "--format", "json")
    assert "next-steps" not in result.stdout
    result = run("config", "--format", "json", SELFREVIEW_DISABLE="lea-support")
    assert json.loads(result.stdout)["settings"]["disable"] == {
        "value": ["lea-support"],
        "from": "$SELFREVIEW_DISABLE",
    }
    assert "next-steps" in run("plugins", "--format", "json", SELFREVIEW_DISABLE="x").stdout


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            'policy = "mean"\nframwork = "fw.yaml"\n',
            "2:1",
            "unknown key `framwork` for selfreview (did you mean `framework`?)",
        ),
        ('policy = "best"\n', "1:10", "`policy` is one of median, mean, weakest, not the text"),
        ("rules = 3\n", "1:9", "a file or a list of them"),
        ('rules = ["missing.yaml"]\n', "1:10", "no such file: missing.yaml"),
    ],
)
def test_a_bad_setting_is_located_in_the_file_and_every_command_stops(
    repo: Path, text: str, where: str, message: str
) -> None:
    """At the key unknown, at the value (the list's item) of the wrong type (round 66)."""
    (repo / "selfreview.toml").write_text(text)
    for args in (["config"], ["report", str(SCHOOL)]):
        result = run(*args)
        assert result.exit_code == 1
        assert f"{repo / 'selfreview.toml'}:{where}: error: " in result.stderr
        assert message in result.stderr
        assert "Traceback" not in result.output


def test_invalid_toml_is_located(repo: Path) -> None:
    (repo / "selfreview.toml").write_text('policy = "mean\n')
    result = run("config")
    assert result.exit_code == 1
    assert "invalid TOML" in result.stderr
    assert f"{repo / 'selfreview.toml'}:1:" in result.stderr


def test_read_config_says_where_each_setting_comes_from(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[tool.selfreview]\nrules = []\ndisable = "a"\n')
    config = read_config()
    assert config.values == {"rules": [], "disable": ["a"]}
    assert config.setting("disable", {}) == (
        ["a"],
        f"pyproject.toml [tool.selfreview] ({repo / 'pyproject.toml'})",
    )
    assert config.setting("policy", {}) == ("median", "default")


def test_a_pyproject_that_cannot_be_read_as_text_is_passed_by(repo: Path) -> None:
    (repo / "selfreview.toml").write_text('policy = "mean"\n')
    (repo / "work" / "pyproject.toml").write_bytes(b"[tool.selfreview]\npolicy = \xff\n")
    assert settings()["policy"]["value"] == "mean"


def test_an_unknown_table_is_placed_at_its_header_not_at_a_made_up_line(repo: Path) -> None:
    """Before round 50 it was named with no place at all."""
    (repo / "selfreview.toml").write_text('policy = "mean"\n\n[extra]\nx = 1\n')
    result = run("config")
    assert result.exit_code == 1
    assert f"{repo / 'selfreview.toml'}:3:1: error: extra: unknown key `extra`" in result.stderr


def in_removed_folder(tmp_path: Path, name: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`selfreview ARGS` run from the folder `name` of `tmp_path`, removed once the program's
    process is in it, before the program starts (a shell left in a folder since deleted)."""

    def in_it_removed() -> None:  # in the child, after it has moved to `tmp_path`
        os.mkdir(name)
        os.chdir(name)
        os.rmdir(os.path.join(os.pardir, name))

    here = {**os.environ, "PWD": os.fspath(tmp_path / name)}  # as the shell says it
    done = selfreview(args, cwd=tmp_path, env=here, preexec_fn=in_it_removed)
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode(), done.stderr.decode()
    )


@pytest.mark.skipif(sys.platform == "win32", reason="a folder in use cannot be removed")
def test_a_current_folder_removed_is_named_not_an_unnamed_missing_file(tmp_path: Path) -> None:
    """A shell left in a folder since deleted: no folder to look for the file from. Every
    command says so, naming it, exit 1; before, each said only "No such file or
    directory", naming nothing."""
    done = in_removed_folder(tmp_path, "gone", "validate", str(SCHOOL))
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        f"Error: the current folder, {tmp_path / 'gone'}, no longer exists (deleted or "
        "moved): change to a folder that does, and run the command again\n"
    )


@pytest.mark.skipif(sys.platform == "win32", reason="a folder in use cannot be removed")
def test_a_commands_help_is_given_in_a_current_folder_removed(tmp_path: Path) -> None:
    """A command's `--help` needs no folder, as it needs no configuration file (round 70):
    before round 71 it said the folder was gone, exit 1. The command itself, run or given
    a path that cannot be found there (`x.yaml`, relative), still stops at the folder,
    exit 1, having done nothing: "does not exist" would not say why."""
    helped = in_removed_folder(tmp_path, "gone", "report", "--help")
    assert (helped.returncode, helped.stderr) == (0, "")
    assert helped.stdout.startswith("Usage: selfreview report [OPTIONS] ASSESSMENT...\n")
    for args in ([str(SCHOOL), "-o", "../out.json"], ["x.yaml"]):
        ran = in_removed_folder(tmp_path, "gone", "report", *args)
        assert (ran.returncode, ran.stdout) == (1, "")
        assert ran.stderr == (
            f"Error: the current folder, {tmp_path / 'gone'}, no longer exists (deleted or "
            "moved): change to a folder that does, and run the command again\n"
        )
    assert os.listdir(tmp_path) == []


def test_the_json_names_the_file_as_written_two_spaces_a_level(repo: Path) -> None:
    """`file` is the configuration's path (null when none); the text non-ASCII as written,
    indented two spaces (a mutation pass over `cli/config.py`, round 44)."""
    assert json.loads(run("config", "--format", "json").stdout)["file"] is None
    folder = repo / "café"
    folder.mkdir()
    shutil.copy(AWARDS, folder / "fw.yaml")
    (repo / "selfreview.toml").write_text('framework = "café/fw.yaml"\n', encoding="utf-8")
    result = run("config", "--format", "json")
    assert json.loads(result.stdout)["file"] == str(repo / "selfreview.toml")
    assert result.stdout.startswith('{\n  "file": ')
    assert f'"{folder / "fw.yaml"}"' in result.stdout  # "café", not "caf\\u00e9"
    assert "[default: table]" in " ".join(run("config", "--help").stdout.split())


def test_the_table_names_the_file_on_one_line(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    odd = repo / "odd\nok: forged"
    odd.mkdir()
    (odd / ".git").mkdir()
    shutil.copy(AWARDS, odd / "fw.yaml")
    (odd / "selfreview.toml").write_text('framework = "fw.yaml"\n', "utf-8")
    monkeypatch.chdir(odd)
    result = run("config")
    assert result.exit_code == 0, result.output
    assert "\nok: forged" not in result.stdout
    assert result.stdout.splitlines()[0] == (
        f"Configuration file: {repo}/odd\\nok: forged/selfreview.toml (selfreview.toml)"
    )


def test_a_key_that_needs_quotes_is_named_in_quotes_at_its_line(repo: Path) -> None:
    """`"a.b" = 1` is one key, not `a` holding `b`; a key written with escapes is found at
    its line. Before round 45: `tool.selfreview.a.b`, `tool.selfreview.` for `""`, and no
    line for `"x\\ny"` or `"\\u202eevil"`."""
    text = '[tool.selfreview]\n"a.b" = 1\n"x\\ny" = 2\n  "\\u202eevil" = 3\n"" = 4\npolicy = 5\n'
    (repo / "pyproject.toml").write_text(text, encoding="utf-8")
    result = run("config")
    assert result.exit_code == 1
    file = repo / "pyproject.toml"
    keys = "(the keys are framework, rules, migration, disable, policy)"
    assert result.stderr.splitlines() == [
        f'{file}:2:1: error: tool.selfreview["a.b"]: unknown key `a.b` for selfreview {keys}',
        f'{file}:3:1: error: tool.selfreview["x\\ny"]: unknown key `x\\ny` for selfreview {keys}',
        f'{file}:4:3: error: tool.selfreview["\\u202eevil"]: unknown key `\\u202eevil` for '
        f"selfreview {keys}",
        f'{file}:5:1: error: tool.selfreview[""]: unknown key for selfreview: an empty key {keys}',
        f"{file}:6:10: error: tool.selfreview.policy: `policy` is one of median, mean, weakest, "
        "not the number 5",
    ]
    (repo / "selfreview.toml").write_text('"a b" = 1\npolicy = "mean"\n', encoding="utf-8")
    result = run("config")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f'{repo / "selfreview.toml"}:1:1: error: ["a b"]: unknown key `a b` for selfreview'
    )


@pytest.mark.parametrize("command", ["benchmark", "support"])
def test_the_cohort_commands_find_the_assessments_framework_in_the_configured_files(
    repo: Path, command: str
) -> None:
    """Their `--framework` is the cohort's framework (one file), so the file's `framework`
    is what it is for every command: frameworks available before the installed ones. They
    used to pass it by: "unknown framework `example-awards@1`", no usable assessments."""
    (repo / "selfreview.toml").write_text('framework = "fw.yaml"\n')
    cohort = repo / "cohort.parquet"
    assert run("collect", str(SCHOOL), "-o", str(cohort)).exit_code == 0
    for inputs in ([str(SCHOOL)], [str(SCHOOL), "--jobs", "2"], [str(cohort)]):
        result = run(command, *inputs, "--format", "json")
        assert result.exit_code == 0, result.output
        assert result.stderr == ""
        assert json.loads(result.stdout)["framework"] == "example-awards@1"
        assert json.loads(result.stdout)["size"] == 1
    refused = run(command, str(SCHOOL), "--format", "json", "-o", str(repo / "fw.yaml"))
    assert refused.exit_code == 2  # the configured framework is an input: never written over
    assert f"`{repo / 'fw.yaml'}` is --framework" in refused.stderr
    assert (repo / "fw.yaml").read_text() == AWARDS.read_text()


def test_a_framework_file_on_the_cohort_commands_line_replaces_the_configured_ones(
    repo: Path,
) -> None:
    (repo / "fw.yaml").write_text("kind: framework\n")  # read, it is reported
    (repo / "selfreview.toml").write_text('framework = "fw.yaml"\n')
    named = repo / "named.yaml"
    shutil.copy(AWARDS, named)
    for command in ("benchmark", "support"):
        result = run(command, str(SCHOOL), "--framework", str(named), "--format", "json")
        assert result.exit_code == 0, result.output
        assert result.stderr == ""
        assert json.loads(result.stdout)["framework"] == "example-awards@1"
        configured = run(command, str(SCHOOL), "--format", "json")
        assert configured.exit_code == 1
        assert f"{repo / 'fw.yaml'}:1:1: error: " in configured.stderr


def test_the_cohort_workers_carry_with_the_configured_frameworks(repo: Path) -> None:
    """`--jobs` workers build their own engine to carry an assessment to the newest version:
    the configured frameworks reach it too (without them it was a worker's traceback)."""
    folder = ROOT / "examples" / "migration"
    for name in ("example-srf-1.yaml", "example-srf-2.yaml", "example-srf-1-to-2.yaml"):
        shutil.copy(folder / name, repo / name)
    (repo / "selfreview.toml").write_text(
        'framework = ["example-srf-1.yaml", "example-srf-2.yaml"]\n'
        'migration = ["example-srf-1-to-2.yaml"]\n'
    )
    reviews = [str(folder / "example-school-v1.yaml"), str(folder / "example-school-v2-2026.yaml")]
    for command in ("benchmark", "support"):
        result = run(command, *reviews, "--jobs", "2", "--format", "json")
        assert result.exit_code == 0, result.output
        assert result.stderr == (
            "1 assessment(s) of other versions carried to example-srf@2; split and merged "
            "strands count as not judged.\n"
        )
        assert json.loads(result.stdout)["framework"] == "example-srf@2"


def test_the_table_shows_an_invisible_character_of_a_name_escaped(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plugin name or a file name in the table is a name, shown as every command shows
    one (`shown_name`): `lea-supp\\u200bort`, which disables nothing, is not drawn as
    `lea-support`, which the user then believes disabled (before round 65 the table showed
    the zero-width space raw, while `report` warned of the name escaped). The folder and
    file the table names are names too; every name stays on its own line."""
    odd = repo / "odd\u200b"
    odd.mkdir()
    (odd / ".git").mkdir()
    shutil.copy(AWARDS, odd / "fw\u2060.yaml")
    (odd / "selfreview.toml").write_text(
        'framework = "fw\\u2060.yaml"\ndisable = ["lea-supp\\u200bort", "next-steps"]\n', "utf-8"
    )
    monkeypatch.chdir(odd)
    result = run("config")
    assert result.exit_code == 0, result.output
    toml = f"{repo}/odd\\u200b/selfreview.toml"
    lines = result.stdout.splitlines()
    assert lines[0] == f"Configuration file: {toml} (selfreview.toml)"
    assert not {"\u200b", "\u2060"} & set(result.stdout)
    [framework] = [line.split() for line in lines if line.startswith("framework ")]
    assert framework == [
        "framework",
        f"{repo}/odd\\u200b/fw\\u2060.yaml",
        "selfreview.toml",
        f"({toml})",
    ]
    [at] = [n for n, line in enumerate(lines) if line.startswith("disable ")]
    assert lines[at].split() == ["disable", "lea-supp\\u200bort", "selfreview.toml", f"({toml})"]
    assert lines[at + 1].split() == ["next-steps"]


@pytest.mark.parametrize(
    ("text", "pyproject", "where"),
    [
        ('framework = """\ndisable = 1\n"""\ndisable = 5\n', False, "4:11"),
        ("framework = '''\n  \"disable\" = 1\n'''\n\"disable\" = 5\n", False, "4:13"),
        ('framework = ["""\n[x]\ndisable = [1]""",\n]\ndisable = [2]\n', False, "5:12"),
        (
            '[tool.other]\nx = """\n[tool.selfreview]\ndisable = 1\n"""\n[tool.selfreview]\n'
            'framework = """\n[other]\n"""\ndisable = 5\n',
            True,
            "10:11",
        ),
    ],
)
def test_a_key_written_in_an_earlier_multi_line_string_is_not_taken_for_the_key(
    repo: Path, text: str, pyproject: bool, where: str
) -> None:
    """A line of a multi-line string that reads as a key (or a table's header) is text:
    the error is at the key itself, and the string's own error is kept. Before round 67:
    the line in the string (`2:11`), or no place for a header in it."""
    file = repo / ("pyproject.toml" if pyproject else "selfreview.toml")
    file.write_text(text, encoding="utf-8")
    result = run("config")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2, result.stderr
    assert ": error: " in lines[0]
    assert "framework: no such file: " in lines[0]
    prefix = "tool.selfreview." if pyproject else ""
    assert lines[1].startswith(f"{file}:{where}: error: {prefix}disable: a name or a list of")
    assert "Traceback" not in result.output


def _every_command_stops_at(repo: Path, name: str, text: str, where: str, said: str) -> None:
    """`text` written to `name`: `config` and `frameworks` each stop, exit 1, nothing on
    standard output, the one error `said` placed at `where` in the file."""
    (repo / name).write_text(text, encoding="utf-8")
    for args in (["config"], ["frameworks"]):
        result = run(*args)
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr == f"{repo / name}:{where}: error: invalid TOML: {said}\n"


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("selfreview.toml", "disable = " + "[" * 5000 + "]" * 5000 + "\n", "1:111"),
        (
            "pyproject.toml",
            '[tool.selfreview]\npolicy = "mean"  # [[[\nx = '
            + "{a = " * 3000
            + "1"
            + "}" * 3000
            + "\n",
            "3:505",
        ),
    ],
    ids=["lists", "inline tables"],
)
def test_lists_or_tables_nested_past_what_toml_reads_are_placed(
    repo: Path, name: str, text: str, where: str
) -> None:
    """Some 300 deep, `tomllib` runs out of Python's stack: every command stopped with
    "internal error: RecursionError", exit 1, no file named (round 69). The mistake is
    placed at the 101st list or table inside the others, brackets in a comment aside."""
    _every_command_stops_at(
        repo, name, text, where, "lists or tables nested more than 100 deep, too deep to read"
    )


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            'tool = {selfreview = {policy = "mean", policy = "weakest"}}\n',
            "1:40: error: invalid TOML: Duplicate inline table key `policy`",
        ),
        (
            '[tool]\nselfreview.policy = "mean"\nselfreview.policy = "weakest"\n',
            "3:1: error: invalid TOML: Cannot overwrite a value",
        ),
        (
            '[tool]\nselfreview = {policy = "mean"}\n\n[tool.selfreview.rules]\n',
            "4:1: error: invalid TOML: Cannot declare `tool.selfreview.rules` twice",
        ),
        (
            'tool.selfreview = {policy = "mean"}\ntool.selfreview.rules = "x"\n',
            "2:1: error: invalid TOML: Cannot mutate immutable namespace `tool.selfreview`",
        ),
        (
            "tool.selfreview.policy = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n",
            "1:526: error: invalid TOML: lists or tables nested more than 100 deep, too deep "
            "to read",
        ),
    ],
    ids=["inline", "dotted", "inline then header", "dotted inline", "nested"],
)
def test_settings_written_without_their_header_in_a_pyproject_that_is_no_toml_are_placed(
    repo: Path, text: str, said: str
) -> None:
    """The settings written as round 68 reads them (no `[tool.selfreview]` header), in a
    file that is no TOML: before round 69 the file was passed by as another tool's broken
    one, in silence, and every command ran with the defaults (`config`: "none found",
    exit 0). TOML's reader names a key in TOML's words, not Python's `('tool',
    'selfreview')`."""
    (repo / "pyproject.toml").write_text(text, encoding="utf-8")
    for args in (["config"], ["frameworks"]):
        result = run(*args)
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr == f"{repo / 'pyproject.toml'}:{said}\n"


def test_a_header_given_twice_is_named_in_tomls_words(repo: Path) -> None:
    text = '[tool.selfreview]\npolicy = "mean"\n\n[tool.selfreview]\nrules = "x"\n'
    (repo / "pyproject.toml").write_text(text, encoding="utf-8")
    result = run("config")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{repo / 'pyproject.toml'}:4:1: error: invalid TOML: Cannot declare "
        "`tool.selfreview` twice\n"
    )


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("selfreview.toml", "policy = 1" + "0" * 5000 + "\n", "1:10"),
        (
            "pyproject.toml",
            "[tool.black]\nline-length = -1_"
            + "0" * 5000
            + "\n[tool]\nselfreview.policy = 'mean'\n",
            "2:15",
        ),
        ("selfreview.toml", "1" * 5000 + " = 1\npolicy = 1" + "0" * 5000 + "\n", "2:10"),
        ("selfreview.toml", "[" + "1" * 5000 + "]\nx = [{a = 1}, [2" + "0" * 5000 + "]]\n", "2:16"),
        ("selfreview.toml", "x = {" + "1" * 50 + " = 1, b=2" + "0" * 5000 + "}\n", "1:64"),
        ("selfreview.toml", "policy=1" + "0" * 5000 + "\n", "1:8"),
    ],
    ids=["ours", "another tool's, beside ours", "a key of digits", "a header", "inline", "glued"],
)
def test_a_whole_number_longer_than_python_reads_is_placed(
    repo: Path, name: str, text: str, where: str
) -> None:
    """Python reads no whole number of more than 4,300 digits: every command stopped with
    "internal error: ValueError: Exceeds the limit (4300 digits) ...", exit 1, no file
    named (round 69), a pyproject's other tool's number too, where it names our table."""
    _every_command_stops_at(
        repo, name, text, where, "a whole number of more than 4,300 digits, too long to read"
    )


_CR = (
    "a carriage return (CR) alone, which ends no line in TOML (LF or CR LF do) (save the "
    "file with LF or CR LF line ends)"
)


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("selfreview.toml", 'policy = "mean"\rrules = "x"\n', "1:16"),
        ("selfreview.toml", '# old Mac\r\npolicy = "me\ran"\r\n', "2:13"),
        ("selfreview.toml", 'disable = ["a"] # x\rpolicy = 1\n', "1:20"),
        ("pyproject.toml", '[tool.selfreview]\npolicy = """\nmean\r"""\n', "3:5"),
        ("pyproject.toml", '[tool.selfreview]\rpolicy = "mean"\r', "1:18"),
        ("selfreview.toml", 'policy = "mean"\r\n\r\r\nrules = []\r\n', "2:1"),
    ],
    ids=[
        "between settings",
        "in a string",
        "after a comment",
        "multi-line",
        "pyproject",
        "CR CR LF",
    ],
)
def test_a_carriage_return_alone_is_refused_at_it_as_toml_does(
    repo: Path, name: str, text: str, where: str
) -> None:
    """TOML ends a line at LF or CR LF only, and `tomllib` refuses a CR alone; before round
    70 each was read as a line end first, so a file TOML refuses was read (`policy =
    "mean"` then `rules = "x"`, each a setting) or its mistakes placed on lines TOML does
    not count. Now every command stops at the CR, placed by TOML's lines, exit 1. A CR
    before a CR LF too (as Windows' text mode saves a CR LF text written again): before
    round 71 the file was read, its settings applied, `config` exit 0."""
    (repo / name).write_bytes(text.encode())
    _every_command_stops_at(repo, name, text, where, _CR)


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("selfreview.toml", '\ufeff\ufeffpolicy = "mean"\n', "1:1"),
        ("selfreview.toml", 'policy = "mean"\n\ufeffrules = []\n', "2:1"),
        ("selfreview.toml", 'policy = \ufeff"mean"\n', "1:10"),
        ("pyproject.toml", '\ufeff\ufeff[tool.selfreview]\npolicy = "mean"\n', "1:1"),
        ("pyproject.toml", '[tool.\ufeffselfreview]\npolicy = "mean"\n', "1:7"),
        ("pyproject.toml", '[ \ufefftool.selfreview]\npolicy = "mean"\n', "1:3"),
    ],
    ids=[
        "two at the start",
        "a line's start",
        "before a value",
        "pyproject",
        "in the header",
        "opening the header",
    ],
)
def test_a_byte_order_mark_past_the_first_character_is_said_at_it(
    repo: Path, name: str, text: str, where: str
) -> None:
    """One byte-order mark at the start is passed by, as Notepad saves one; another (a
    file saved by two editors that each add one) is refused by TOML. Before round 73 it
    was told as "Invalid statement" (or "Invalid value"), which says nothing of a
    character no editor shows. Now named at its place, columns counted past the first
    mark, every command, exit 1. One inside `[tool.selfreview]`'s brackets: before round
    74 the file was passed by as another tool's, `config` said "none found", exit 0."""
    _every_command_stops_at(
        repo,
        name,
        text,
        where,
        "a byte-order mark (U+FEFF) that is not the file's first character: TOML passes by "
        "only that one (remove it: a file saved with two marks at its start has one too "
        "many)",
    )


_MARK_SAID = (
    "a byte-order mark (U+FEFF) that is not the file's first character: TOML passes by only "
    "that one (remove it: a file saved with two marks at its start has one too many)"
)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("[tool\ufeff]\nselfreview = {policy = 3}\n", "1:6"),
        ("[ tool\ufeff . selfreview ]\npolicy = 3\n", "1:7"),
        ('[\ufeff"tool".selfreview]\npolicy = 3\n', "1:2"),
        ('["tool".\ufeffselfreview]\npolicy = 3\n', "1:9"),
        ('["tool\ufeff".selfreview]\npolicy = 3\n', "1:7"),
        ("tool.\ufeffselfreview.policy = 3\n", "1:6"),
        ("tool\ufeff = {selfreview = {policy = 3}}\n", "1:5"),
        ("[tool]\n\ufeffselfreview.policy = 3\n", "2:1"),
        ("[tool]\nselfreview\ufeff = {policy = 3}\n", "2:11"),
    ],
    ids=[
        "after tool",
        "spaced",
        "before a quoted key",
        "after a quoted key",
        "in a quoted key",
        "dotted",
        "inline",
        "under tool",
        "under tool after the key",
    ],
)
def test_a_byte_order_mark_in_the_settings_key_however_written_is_said_at_it(
    repo: Path, text: str, where: str
) -> None:
    """The settings' key written with a mark in it, however TOML lets the key be spelt:
    before round 75 each such `pyproject.toml` was passed by as another tool's, `config`
    said "none found", exit 0, the settings (here a wrong policy) never read. Now the mark is
    named at its place, exit 1, every command; in quotes too, where TOML reads another key
    (`"tool\ufeff"`), which no editor shows."""
    _every_command_stops_at(repo, "pyproject.toml", text, where, _MARK_SAID)


def test_a_mark_in_another_tools_pyproject_or_in_a_string_is_passed_by_as_before(
    repo: Path,
) -> None:
    """Guards: a mark where TOML allows it is no mistake of ours. Another tool's table with
    one (in a key in quotes, in a string) is passed by, none found; the settings read beside
    a mark in another table's string."""
    other = '[tool.black]\n"x\ufeff" = "selfreview\ufeff"\n["tool\ufeff".other]\na = 1\n'
    (repo / "pyproject.toml").write_text(other, encoding="utf-8")
    result = run("config")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "Configuration file: none found"
    (repo / "pyproject.toml").write_text(
        f'{other}[tool.selfreview]\npolicy = "mean"\n', encoding="utf-8"
    )
    result = run("config")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.splitlines()[0] == (
        f"Configuration file: {repo / 'pyproject.toml'} (pyproject.toml [tool.selfreview])"
    )
    assert "mean" in result.stdout


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        (
            "selfreview.toml",
            'policy = "mean"\n\n  policy = """\nweakest\n"""  # again\n',
            "3:3: error: invalid TOML: Cannot overwrite a value",
        ),
        (
            "selfreview.toml",
            'rules = [\n  "a.yaml",\n]\ndisable = {x = 1, x = 2}\n',
            "4:19: error: invalid TOML: Duplicate inline table key `x`",
        ),
        (
            "pyproject.toml",
            '[tool.selfreview]\npolicy = "mean"\n[tool.other]\n[tool.selfreview]\n',
            "4:1: error: invalid TOML: Cannot declare `tool.selfreview` twice",
        ),
        (
            "pyproject.toml",
            '[tool.selfreview]\ndisable = [\n  "a",\n]\ndisable = [\n  "b",\n]\n',
            "5:1: error: invalid TOML: Cannot overwrite a value",
        ),
    ],
    ids=["multi-line string", "inline table", "header", "multi-line list"],
)
def test_a_key_given_twice_is_placed_at_the_key_given_again(
    repo: Path, name: str, text: str, said: str
) -> None:
    """`tomllib` places a key declared twice after its value: at the end of the line, or
    lines below it where the value is a multi-line string or list (round 69: "4:4" for
    the `policy` of line 3), with its own place in its words too. Now at the key given
    again (a header's bracket), as every other mistake of a setting is (SPEC section 7's
    file:line:col), its words without a second place."""
    (repo / name).write_text(text, encoding="utf-8")
    for args in (["config"], ["frameworks"]):
        result = run(*args)
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr == f"{repo / name}:{said}\n"


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        ("selfreview.toml", "rules = []\npolicy = \n", "2:10: error: invalid TOML: Invalid value"),
        (
            "pyproject.toml",
            '[tool.selfreview]\npolicy = "me\tan\x01"\n',
            "2:16: error: invalid TOML: Illegal character '\\x01'",
        ),
        (
            "selfreview.toml",
            'policy = "mean"\r\nrules = [\r\n',
            "2:10: error: invalid TOML: Invalid value: the file ends there",
        ),
        (
            "selfreview.toml",
            'rules = []\npolicy = "mean',
            "2:15: error: invalid TOML: Unterminated string: the file ends there",
        ),
    ],
    ids=["a value missing", "a control character", "a list cut short", "a string cut short"],
)
def test_tomls_own_place_is_said_once(repo: Path, name: str, text: str, said: str) -> None:
    """Our place (file:line:col, SPEC section 7) is `tomllib`'s own: before round 71 the
    message ended with it again in `tomllib`'s words, "...: Invalid value (at line 2,
    column 10)", or "(at end of document)", now said as the file ending there."""
    (repo / name).write_text(text, encoding="utf-8")
    for args in (["config"], ["report", str(SCHOOL)]):
        result = run(*args)
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr == f"{repo / name}:{said}\n"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("selfreview.toml", "policy = 3\n"),
        ("selfreview.toml", 'policy = "mean\n'),
        ("pyproject.toml", "[tool.selfreview]\nframwork = 'x'\n"),
    ],
    ids=["a wrong value", "no TOML", "a pyproject's unknown key"],
)
def test_every_commands_help_is_given_with_a_broken_configuration(
    repo: Path, name: str, text: str
) -> None:
    """A user asking how to run a command gets its help whatever the configuration file
    says: before round 70 a broken `selfreview.toml` stopped `selfreview report --help`
    (every command's), exit 1, at the file's mistake. The help is the one given without a
    file (no setting of the file shows a default in it); the command itself, run, still
    stops at the mistake, placed, exit 1, having done nothing."""
    from selfreview_core.cli import COMMANDS

    helps = {command: run(command, "--help") for command in COMMANDS}
    (repo / name).write_text(text, encoding="utf-8")
    for command, plain in helps.items():
        for flag in ("--help", "-h"):
            given = run(command, flag)
            assert (given.exit_code, given.stderr) == (0, ""), (command, given.output)
            assert given.stdout == plain.stdout != ""
    for args in (["config"], ["frameworks"], ["schema", "plan"], ["report", str(SCHOOL)]):
        stopped = run(*args)
        assert stopped.exit_code == 1
        assert stopped.stdout == ""
        assert stopped.stderr.startswith(f"{repo / name}:")
        assert ": error: " in stopped.stderr


def test_a_command_a_program_adds_stops_at_a_broken_configuration_too(repo: Path) -> None:
    """A command added to the group (`cli.add_command`) is held to the configuration as
    the group's own are: its `--help` given, its run stopped at the file's mistake."""
    import click

    from selfreview_core.cli import cli as group

    ran: list[str] = []
    group.add_command(click.Command("added", callback=lambda: ran.append("ran")))
    try:
        (repo / "selfreview.toml").write_text("policy = 3\n", encoding="utf-8")
        assert run("added", "--help").exit_code == 0
        stopped = run("added")
        assert stopped.exit_code == 1
        assert stopped.stderr.startswith(f"{repo / 'selfreview.toml'}:1:10: error: policy: ")
        assert ran == []
    finally:
        del group.commands["added"]


@pytest.mark.parametrize("callback", [False, True], ids=["no callback", "a callback"])
def test_a_group_a_program_adds_stops_at_a_broken_configuration_as_ours_do(
    repo: Path, callback: bool
) -> None:
    """A program's group (`tools`, added with `cli.add_command`) holds its commands to the
    configuration as the group's own are: `tools hello` stops at the file's mistake,
    placed, exit 1, having done nothing, and `tools hello --help` is given. Before round
    72 a group with no callback ran `hello` despite the broken file (exit 0), and one with
    a callback refused `hello --help` (exit 1). A path of its commands is named as ours."""
    import click

    from selfreview_core.cli import cli as group

    ran: list[str] = []
    tools = click.Group("tools", callback=(lambda: ran.append("group")) if callback else None)

    @tools.command()
    @click.option("--out", type=click.Path(exists=True))
    def hello(out: str | None) -> None:
        ran.append("hello")

    group.add_command(tools)
    try:
        (repo / "selfreview.toml").write_text("policy = 3\n", encoding="utf-8")
        stopped = run("tools", "hello")
        assert (stopped.exit_code, stopped.stdout) == (1, "")
        assert stopped.stderr == (
            f"{repo / 'selfreview.toml'}:1:10: error: policy: `policy` is one of median, "
            "mean, weakest, not the number 3\n"
        )
        assert ran == (["group"] if callback else [])  # `hello` never ran
        helped = run("tools", "hello", "--help")
        assert (helped.exit_code, helped.stderr) == (0, "")
        assert helped.stdout.startswith("Usage: cli tools hello [OPTIONS]")
        (repo / "selfreview.toml").unlink()
        missing = run("tools", "hello", "--out", "school\udcff.yaml")
        assert missing.exit_code == 2
        assert "Path 'school\\udcff.yaml' does not exist." in missing.stderr
        assert "hello" not in ran
    finally:
        del group.commands["tools"]
