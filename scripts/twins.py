"""Make (or, with --check, check) the JSON twins of the bundled framework and rule packs.

    python scripts/twins.py           # rewrite each twin (FILE.twin beside FILE)
    python scripts/twins.py --check   # exit 1 if any twin is missing or stale

The files: `frameworks/*.yaml` and the rule packs the first-party plugins ship. Run after
editing one of them: until its twin is made again, the file is read as YAML (correct, only
slower at start-up; see `selfreview_core.twins`). `tests/test_twins.py` fails while a
twin is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from selfreview_core.twins import twin_path, twin_text

ROOT = Path(__file__).resolve().parents[1]
#: The folders whose YAML documents have twins (a plugin's `src/<package>`: its packs).
FOLDERS = (
    ROOT / "frameworks",
    ROOT / "plugins" / "becta-leadership" / "src" / "selfreview_becta_leadership",
    ROOT / "plugins" / "parental-engagement" / "src" / "selfreview_parental_engagement",
)


def twinned() -> list[Path]:
    """Every file that has a twin."""
    return [path for folder in FOLDERS for path in sorted(folder.glob("*.yaml"))]


def main(argv: list[str]) -> int:
    check = argv == ["--check"]
    stale = []
    for path in twinned():
        twin, text = twin_path(path), twin_text(path).encode()
        if twin.exists() and twin.read_bytes() == text:
            continue
        stale.append(twin.name)
        if not check:
            twin.write_bytes(text)
    verb = "stale or missing" if check else "written"
    print(f"{verb}: {', '.join(stale)}" if stale else "every twin is up to date")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
