#!/usr/bin/env bash
# Build the wheel and sdist of selfreview-core and of each first-party plugin, check them with
# `twine check --strict`, and put them in dist/ (or --outdir DIR).
#
# Needs the release extra: pip install -e '.[release]'. Any other option goes to `python -m
# build`, for example --no-isolation to build with the hatchling already installed instead of
# fetching it from the package index. Nothing is uploaded: selfreview-core is not on PyPI.
#
#   scripts/build_wheels.sh
#   scripts/build_wheels.sh --outdir /tmp/wheels --no-isolation
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-python3}"
outdir="$root/dist"
build_options=()
while (($#)); do
    case "$1" in
        --outdir) outdir="${2:?--outdir needs a folder}"; shift 2 ;;
        --outdir=*) outdir="${1#*=}"; shift ;;
        -h | --help) sed -n '2,10s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) build_options+=("$1"); shift ;;
    esac
done

# Built into a fresh folder and checked there, so that twine checks exactly these files
# and not an older build left in the output folder.
fresh="$(mktemp -d)"
trap 'rm -rf "$fresh"' EXIT
for project in . plugins/becta-leadership plugins/lea-support plugins/parental-engagement; do
    echo "== $project"
    "$python" -m build ${build_options[@]+"${build_options[@]}"} --outdir "$fresh" "$root/$project"
done
"$python" -m twine check --strict "$fresh"/*
mkdir -p "$outdir"
mv -f "$fresh"/* "$outdir"/
echo "== built and checked, in $outdir:"
(cd "$outdir" && ls -1 selfreview_*)
