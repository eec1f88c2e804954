#!/usr/bin/env bash
# From a fresh Debian 12 machine to relcheck's first findings:
#   1. install the missing build dependencies (apt-get, only when needed),
#   2. configure with CMake + Ninja and clang++-19,
#   3. build the relcheck executable,
#   4. run relcheck on the bundled example project (examples/shop).
#
# Usage: scripts/setup.sh         (from anywhere; paths are resolved)
# Environment:
#   BUILD_DIR  build directory (default: <repo>/build)
#   JOBS       parallel build jobs (default: number of CPUs)
#
# The example contains deliberate problems, so relcheck exiting 1 ("found
# problems") is the expected outcome; exit 2 (usage or input error) or a
# crash fails this script.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
JOBS="${JOBS:-$(nproc 2>/dev/null || echo 2)}"

step() { printf '\n==> %s\n' "$*"; }

step "[1/4] Dependencies"
"$ROOT/scripts/install-deps.sh"

step "[2/4] Configure ($BUILD_DIR)"
if [[ -f "$BUILD_DIR/CMakeCache.txt" ]]; then
  # Keep the existing configuration (generator, compiler, options).
  cmake -S "$ROOT" -B "$BUILD_DIR"
else
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja \
    -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCMAKE_PREFIX_PATH=/usr/lib/llvm-19
fi

step "[3/4] Build relcheck"
cmake --build "$BUILD_DIR" --target relcheck -j "$JOBS"
RELCHECK="$BUILD_DIR/tool/relcheck"

step "[4/4] relcheck on the example project (examples/shop)"
# The example ships a compilation database template with @DIR@ standing for
# the repository root; instantiate it in the build tree, never in the sources.
EXAMPLE_DB_DIR="$BUILD_DIR/examples/shop"
mkdir -p "$EXAMPLE_DB_DIR"
ROOT_SED="$(printf '%s' "$ROOT" | sed 's/[&|\\]/\\&/g')"  # a literal replacement
sed "s|@DIR@|$ROOT_SED|g" "$ROOT/examples/shop/compile_commands.json.in" \
  > "$EXAMPLE_DB_DIR/compile_commands.json"
echo "\$ $RELCHECK -p $EXAMPLE_DB_DIR"
status=0
"$RELCHECK" -p "$EXAMPLE_DB_DIR" || status=$?
case "$status" in
  0) echo "relcheck found no problems (unexpected: the example has deliberate ones)" ;;
  1) echo "relcheck found the example's deliberate problems (exit status 1, as expected)" ;;
  *) echo "error: relcheck failed with exit status $status" >&2
     exit 1 ;;
esac

cat <<DONE

Setup complete. relcheck is $RELCHECK
  Analyze your project:  $RELCHECK -p <your-build-dir>
  Run the tests:         scripts/run-tests.sh
DONE
