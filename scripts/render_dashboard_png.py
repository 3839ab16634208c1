"""Render docs/images/ pictures of the authority's dashboard and support list from the real output.

    python scripts/render_dashboard_png.py [--output-dir docs/images]

Runs `selfreview benchmark examples/cohort/ --all-reviews --format html -o <tmp>/dashboard.html`
(and the same with `--school 900003`, and `--anonymise`; and `selfreview support
examples/cohort/ --reached 2 --format html`) with the Python running this script,
then has a headless Chromium take a screenshot of each page, as
`scripts/render_report_png.py` does for the report. Nothing is drawn by hand: regenerate the
pictures whenever the dashboard changes.

Needs Chromium (Debian: `apt-get install chromium`); give another Chrome-like browser with
`--browser PATH` or the CHROME environment variable.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from render_report_png import find_browser

ROOT = Path(__file__).resolve().parents[1]
COHORT = "examples/cohort/"
#: Each picture, the command and its options.
PAGES = {
    "dashboard.png": ("benchmark", "--all-reviews"),
    "dashboard-school.png": ("benchmark", "--school", "900003"),
    "dashboard-anonymised.png": ("benchmark", "--all-reviews", "--anonymise"),
    "support.png": ("support", "--reached", "2", "--disable", "next-steps"),
}


def shoot(browser: str, page: Path, shot: Path, width: int, height: int, work: Path) -> None:
    command = [
        browser,
        "--headless",
        "--disable-gpu",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        f"--user-data-dir={work / 'profile'}",
        f"--window-size={width},{height}",
        f"--screenshot={shot}",
        page.as_uri(),
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.insert(1, "--no-sandbox")  # Chromium refuses root otherwise; our own file
    subprocess.run(
        command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180
    )
    if not shot.is_file() or shot.stat().st_size == 0:
        sys.exit(f"{browser} wrote no screenshot")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=1500)
    parser.add_argument("--browser", help="Chromium or Chrome executable")
    parser.add_argument("--only", choices=PAGES, help="Render this picture only")
    args = parser.parse_args()
    browser = find_browser(args.browser)
    args.output_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="selfreview-png-") as folder:
        work = Path(folder)
        for name, (verb, *options) in PAGES.items():
            if args.only not in (None, name):
                continue
            page = work / f"{Path(name).stem}.html"
            command = [sys.executable, "-m", "selfreview_core", verb, COHORT, *options]
            command += ["--format", "html", "-o", str(page)]
            subprocess.run(command, cwd=ROOT, check=True, stderr=subprocess.DEVNULL)
            shot = work / name
            shoot(browser, page, shot, args.width, args.height, work)
            shutil.copyfile(shot, args.output_dir / name)
            print(f"Wrote {args.output_dir / name} ({shot.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
