"""Plain names the models and the command line share, each defined once.

The models take their `Literal` types from here (`Policy`, `Priority`, `Status`,
`FileKind`) and the command line takes its choices and defaults, so the two cannot drift
apart. Nothing here imports pydantic or click: `selfreview --help` and `selfreview
validate` read these at start-up without the models' cost.
"""

from __future__ import annotations

from os import PathLike
from typing import TYPE_CHECKING, Final, Literal, TypeVar, get_args

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "AUDIENCES",
    "DEFAULT_MIN_GROUP",
    "DISABLE_ENV",
    "DISTRIBUTION",
    "FILE_KINDS",
    "FILE_SUFFIXES",
    "JSON_LINES",
    "JSON_SUFFIX",
    "LEVEL_KEY",
    "MAX_LEVELS",
    "POLICIES",
    "PRIORITIES",
    "PROGRESS_FILES",
    "PROJECT",
    "RESPONDENT_GROUPS",
    "SCHEMA_KINDS",
    "STATUSES",
    "STDIN_NAME",
    "UNKNOWN_VERSION",
    "YAML_SUFFIXES",
    "FileKind",
    "Policy",
    "Priority",
    "Status",
    "Where",
    "installed_version",
    "listed",
]

#: A level as a mapping key in text (JSON's keys are all text): a sign, then at most 18
#: ASCII digits, the whole key. What the models read as a level (`model.base.Level`), and
#: what the check of two keys of one level counts (`model.findings`).
LEVEL_KEY: Final = r"[-+]?[0-9]{1,18}"

#: The pluggy project name, which is also the entry-point group plugins are found in.
PROJECT: Final = "selfreview"
#: The distribution's name, whose installed version `__version__` and `--version` tell.
DISTRIBUTION: Final = "selfreview-core"
#: The version told where the distribution is not installed (a source tree on `PYTHONPATH`):
#: one PEP 440 accepts, below every release, saying it is not known (as `setuptools-scm`
#: and `versioneer` say it).
UNKNOWN_VERSION: Final = "0+unknown"


def installed_version() -> str:
    """The installed distribution's version, else `UNKNOWN_VERSION`: never an exception, so
    that `hasattr(selfreview_core, "__version__")` and `selfreview --version` cannot fail.
    A `.dist-info` whose METADATA lost its `Version:` line (a copy cut short, an edit) is
    found, but `version` gives None there: unknown too, not the word `None`."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        found: str | None = version(DISTRIBUTION)
    except PackageNotFoundError:
        return UNKNOWN_VERSION
    return found or UNKNOWN_VERSION  # None, or an empty `Version:`


#: Plugins not to use, comma separated, for every command (merged with `--disable`).
DISABLE_ENV: Final = "SELFREVIEW_DISABLE"

#: How strand levels combine into aspect, element and overall levels (`scoring`).
Policy = Literal["median", "mean", "weakest"]
POLICIES: Final[tuple[str, ...]] = get_args(Policy)

#: A recommendation's priority, the highest first.
Priority = Literal["high", "medium", "low"]
PRIORITIES: Final[tuple[str, ...]] = get_args(Priority)
#: The audiences reports group recommendations by; any other text is allowed too.
AUDIENCES: Final = ("senior leadership", "governors", "parents", "local authority")

#: Where an action of a plan stands.
Status = Literal["planned", "doing", "done", "dropped"]
STATUSES: Final[tuple[Status, ...]] = get_args(Status)

#: The `kind` of every file the loader reads, in the order messages list them.
FileKind = Literal["framework", "assessment", "rules", "migration", "plan"]
FILE_KINDS: Final[tuple[str, ...]] = get_args(FileKind)
#: The same kinds in the order `selfreview schema` offers them: assessments first.
SCHEMA_KINDS: Final = ("assessment", *(kind for kind in FILE_KINDS if kind != "assessment"))

#: The suffixes of YAML files.
YAML_SUFFIXES: Final = (".yaml", ".yml")
#: The suffix of a file read and written as JSON (any case); any other is YAML.
JSON_SUFFIX: Final = ".json"
#: The suffixes of the files a folder is searched for by default: YAML and JSON.
FILE_SUFFIXES: Final = (*YAML_SUFFIXES, JSON_SUFFIX)
#: The suffixes of JSON Lines files: one document per line.
JSON_LINES: Final = (".jsonl",)

#: The name standard input goes by, in every message about it (a command line's `-`).
STDIN_NAME: Final = "<stdin>"
#: Where a review was read: its file, and its line in a JSON Lines file (None for a whole
#: file). Apart, never glued as `file:line` where a file is to be opened again: a file
#: named `rv.jsonl:2` beside `rv.jsonl` is another file.
Where = tuple[str, int | None]

#: Scales longer than this are refused: every strand needs a descriptor per level.
MAX_LEVELS: Final = 100

#: Above this many files, `benchmark` and `report` show a progress bar (on stderr).
PROGRESS_FILES: Final = 20
#: The fewest a figure may stand for, by default (`--min-group`): schools in an anonymised
#: cohort (SPEC section 7), a group's answers on a strand before its levels are shown
#: (section 9, `model.voices`).
DEFAULT_MIN_GROUP: Final = 5
#: The groups SPEC section 9 names, in the order views show them; any other id is allowed
#: (`model.assessment.Respondent`; `assess --group` notes one close to these).
RESPONDENT_GROUPS: Final = (
    "leaders",
    "teachers",
    "support-staff",
    "governors",
    "pupils",
    "parents",
)

T = TypeVar("T")


def listed(given: Iterable[T], parameter: str) -> Iterable[T]:
    """`given`, unless it is one name or path where a list of them is meant. A string is an
    iterable of its characters (and mypy takes a `str` as an `Iterable[str]`), so
    `Engine(frameworks="f.yaml")` looked for a file `f`, `report_many("folder")` for files
    `f`, `o`, ..., and `Engine(disable="next-steps")` warned of ten plugins it had not.
    `TypeError`, as for any argument of the wrong type."""
    if isinstance(given, str | bytes | PathLike):
        raise TypeError(f"`{parameter}` takes a list, not one name or path: write [{given!r}]")
    return given
