#!/usr/bin/env bash
# Builds relcheck and runs the whole test suite (what CI runs, via .ci/run):
#   1. install the missing build dependencies (apt-get, only when needed),
#   2. configure with CMake + Ninja and clang++-19, warnings as errors,
#   3. build everything (tool, unit tests),
#   4. the declared style: clang-format-19 on every project source,
#      clang-tidy-19 on the sources changed since the merge base
#      (scripts/check-style.sh), and every relcheck source through g++
#      -Werror (scripts/check-gcc-warnings.py),
#   5. ctest --output-on-failure -j2,
#   6. the unit and fixture tests again, built with ASan+UBSan (the asan
#      preset, in <repo>/build-asan; docs/fuzzing.md): about 5 minutes on
#      2 cores, the suite's budget allows it.
# Exits non-zero when any step or any test fails.
#
# Usage: scripts/run-tests.sh     (from anywhere; paths are resolved)
# Environment:
#   BUILD_DIR  build directory (default: <repo>/build)
#   JOBS       parallel build jobs (default: number of CPUs)
#   RELCHECK_ASAN=0  skip step 6
#   RELCHECK_STYLE=0 skip step 4 (for a quick local run; CI runs it)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
JOBS="${JOBS:-$(nproc 2>/dev/null || echo 2)}"
export JOBS

step() { printf '\n==> %s\n' "$*"; }

step "[1/6] Dependencies"
"$ROOT/scripts/install-deps.sh"

step "[2/6] Configure ($BUILD_DIR)"
if [[ -f "$BUILD_DIR/CMakeCache.txt" ]]; then
  # Keep the existing configuration (generator, compiler, options).
  cmake -S "$ROOT" -B "$BUILD_DIR" -DRELCHECK_WERROR=ON
else
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja \
    -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCMAKE_PREFIX_PATH=/usr/lib/llvm-19 \
    -DRELCHECK_WERROR=ON
fi

step "[3/6] Build"
cmake --build "$BUILD_DIR" -j "$JOBS"

step "[4/6] Style: clang-format-19, clang-tidy-19 on changed sources, g++ -Werror"
if [[ "${RELCHECK_STYLE:-1}" == 0 ]]; then
  echo "skipped (RELCHECK_STYLE=0)"
else
  "$ROOT/scripts/check-style.sh" all --build-dir "$BUILD_DIR"
  "$ROOT/scripts/check-gcc-warnings.py" --build-dir "$BUILD_DIR" --jobs "$JOBS"
fi

step "[5/6] Test"
ctest --test-dir "$BUILD_DIR" --output-on-failure -j2

step "[6/6] ASan+UBSan: unit and fixture tests (build-asan)"
if [[ "${RELCHECK_ASAN:-1}" == 0 ]]; then
  echo "skipped (RELCHECK_ASAN=0)"
else
  # The presets name the build directory relative to the source directory.
  cd "$ROOT"
  cmake --preset asan
  cmake --build --preset asan -j "$JOBS"
  ctest --preset asan -j2
fi
