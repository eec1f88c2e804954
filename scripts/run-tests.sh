#!/usr/bin/env bash
# Builds relcheck and runs the whole test suite (what CI runs, via .ci/run):
#   1. install the missing build dependencies (apt-get, only when needed),
#   2. configure with CMake + Ninja and clang++-19,
#   3. build everything (tool, unit tests),
#   4. ctest --output-on-failure -j2.
# Exits non-zero when any step or any test fails.
#
# Usage: scripts/run-tests.sh     (from anywhere; paths are resolved)
# Environment:
#   BUILD_DIR  build directory (default: <repo>/build)
#   JOBS       parallel build jobs (default: number of CPUs)
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

step "[3/4] Build"
cmake --build "$BUILD_DIR" -j "$JOBS"

step "[4/4] Test"
ctest --test-dir "$BUILD_DIR" --output-on-failure -j2
