#!/usr/bin/env bash
# Builds relcheck and runs the whole test suite (what CI runs, via .ci/run):
#   1. install the missing build dependencies (apt-get, only when needed),
#   2. configure with CMake + Ninja and clang++-19,
#   3. build everything (tool, unit tests),
#   4. ctest --output-on-failure -j2,
#   5. the unit and fixture tests again, built with ASan+UBSan (the asan
#      preset, in <repo>/build-asan; docs/fuzzing.md): about 5 minutes on
#      2 cores, the suite's budget allows it.
# Exits non-zero when any step or any test fails.
#
# Usage: scripts/run-tests.sh     (from anywhere; paths are resolved)
# Environment:
#   BUILD_DIR  build directory (default: <repo>/build)
#   JOBS       parallel build jobs (default: number of CPUs)
#   RELCHECK_ASAN=0  skip step 5
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
JOBS="${JOBS:-$(nproc 2>/dev/null || echo 2)}"

step() { printf '\n==> %s\n' "$*"; }

step "[1/5] Dependencies"
"$ROOT/scripts/install-deps.sh"

step "[2/5] Configure ($BUILD_DIR)"
if [[ -f "$BUILD_DIR/CMakeCache.txt" ]]; then
  # Keep the existing configuration (generator, compiler, options).
  cmake -S "$ROOT" -B "$BUILD_DIR"
else
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja \
    -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCMAKE_PREFIX_PATH=/usr/lib/llvm-19
fi

step "[3/5] Build"
cmake --build "$BUILD_DIR" -j "$JOBS"

step "[4/5] Test"
ctest --test-dir "$BUILD_DIR" --output-on-failure -j2

step "[5/5] ASan+UBSan: unit and fixture tests (build-asan)"
if [[ "${RELCHECK_ASAN:-1}" == 0 ]]; then
  echo "skipped (RELCHECK_ASAN=0)"
else
  # The presets name the build directory relative to the source directory.
  cd "$ROOT"
  cmake --preset asan
  cmake --build --preset asan -j "$JOBS"
  ctest --preset asan -j2
fi
