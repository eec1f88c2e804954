#!/usr/bin/env bash
# The declared style, enforced (issue 16; run by scripts/run-tests.sh):
#   format  every project source is as clang-format-19 formats it with the
#           root .clang-format (a diff is printed for each file that is not);
#   tidy    clang-tidy-19 with the root .clang-tidy reports nothing on the
#           C++ sources changed since BASE (a header changed alone is
#           checked through one source that includes it).
# Project sources: the C++ files under lib/ rules/ tool/ fuzz/ test/unit/
# test/lsp/. Fixtures, examples and other test inputs are not formatted:
# their lines and columns are what their expectations name.
#
# Usage: scripts/check-style.sh [format|tidy|all] [--base REV] [--build-dir DIR]
#   --base REV       what "changed" is measured against (default: the
#                    merge base with origin/main, or HEAD~1 when HEAD is
#                    that merge base, as in CI's clone)
#   --build-dir DIR  where compile_commands.json is (default: <repo>/build)
#   RELCHECK_FIX_FORMAT=1 rewrites the files instead of failing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WHAT=all BASE= BUILD_DIR="$ROOT/build"
while [[ $# -gt 0 ]]; do
  case "$1" in
    format | tidy | all) WHAT=$1 ;;
    --base) BASE=$2; shift ;;
    --build-dir) BUILD_DIR=$2; shift ;;
    *) echo "check-style: error: unknown argument '$1'" >&2; exit 2 ;;
  esac
  shift
done
cd "$ROOT"

# "1 file", "2 files".
files() { [[ $1 -eq 1 ]] && echo "1 file" || echo "$1 files"; }

need() {
  command -v "$1" > /dev/null || {
    echo "check-style: error: $1 not found (scripts/install-deps.sh installs it)" >&2
    exit 2
  }
}

project_sources() {
  git ls-files -- lib rules tool fuzz test/unit test/lsp |
    grep -E '\.(cpp|h|hpp)$' || true
}

check_format() {
  need clang-format-19
  local files bad=0 count=0
  mapfile -t files < <(project_sources)
  for f in "${files[@]}"; do
    count=$((count + 1))
    if [[ "${RELCHECK_FIX_FORMAT:-0}" == 1 ]]; then
      clang-format-19 -i "$f"
    elif ! clang-format-19 "$f" | diff -u --label "$f" --label "$f (clang-format-19)" "$f" -; then
      bad=$((bad + 1))
    fi
  done
  if [[ $bad -gt 0 ]]; then
    echo "check-style: error: $bad of $(files "$count") not formatted as clang-format-19 formats them (diffs above; RELCHECK_FIX_FORMAT=1 $0 format rewrites them)" >&2
    return 1
  fi
  if [[ "${RELCHECK_FIX_FORMAT:-0}" == 1 ]]; then
    echo "check-style: format: $(files "$count") formatted in place"
  else
    echo "check-style: format: $(files "$count"), all formatted"
  fi
}

changed_sources() {
  local base=$BASE
  if [[ -z "$base" ]]; then
    base=$(git merge-base HEAD origin/main 2> /dev/null || true)
    if [[ -z "$base" || "$base" == "$(git rev-parse HEAD)" ]]; then
      base=$(git rev-parse --verify -q HEAD~1 || true)
    fi
  fi
  [[ -n "$base" ]] || return 0
  echo "check-style: tidy: sources changed since $(git rev-parse --short "$base")" >&2
  local changed f
  changed=$(git diff --name-only --diff-filter=d "$base" -- | grep -Fx -f <(project_sources) || true)
  for f in $changed; do
    case "$f" in
      *.cpp) echo "$f" ;;
      *)
        # A header: the first source in the build that includes it.
        grep -lE "#include [\"<](.*/)?$(basename "$f")[\">]" $(project_sources | grep '\.cpp$') 2> /dev/null | head -1 || true
        ;;
    esac
  done | sort -u
}

check_tidy() {
  need clang-tidy-19
  [[ -f "$BUILD_DIR/compile_commands.json" ]] || {
    echo "check-style: error: no $BUILD_DIR/compile_commands.json (configure the build first)" >&2
    exit 2
  }
  local files
  mapfile -t files < <(changed_sources)
  # Fuzz targets are built only with libFuzzer; a source the database does
  # not know cannot be checked with the flags it is built with.
  local known=() f
  for f in "${files[@]}"; do
    [[ -n "$f" ]] || continue
    if grep -qE "\"file\": ?\"$ROOT/$f\"" "$BUILD_DIR/compile_commands.json"; then
      known+=("$f")
    else
      echo "check-style: tidy: $f is not in $BUILD_DIR/compile_commands.json, not checked" >&2
    fi
  done
  if [[ ${#known[@]} -eq 0 ]]; then
    echo "check-style: tidy: no changed C++ source to check"
    return 0
  fi
  echo "check-style: tidy: $(files ${#known[@]}): ${known[*]}"
  printf '%s\0' "${known[@]}" |
    xargs -0 -n1 -P "${JOBS:-2}" clang-tidy-19 -p "$BUILD_DIR" --quiet \
      --warnings-as-errors='*' || {
    echo "check-style: error: clang-tidy-19 found problems in the changed sources (above)" >&2
    return 1
  }
}

case "$WHAT" in
  format) check_format ;;
  tidy) check_tidy ;;
  all) check_format && check_tidy ;;
esac
