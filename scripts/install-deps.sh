#!/usr/bin/env bash
# Installs relcheck's build and test dependencies on Debian 12 (bookworm) with
# apt-get, but only those that are missing: when everything is present it
# touches neither the network nor the package database. Shared by
# scripts/setup.sh and scripts/run-tests.sh; safe to run again.
set -euo pipefail

readonly PACKAGES=(
  clang-19 clang-tidy-19 clang-tools-19 libclang-19-dev llvm-19-dev
  # The style gate (scripts/check-style.sh, test/style): clang-format-19.
  clang-format-19
  # header/clangd-check: clangd's code actions work on model classes.
  clangd-19
  # lsp/neovim: a real editor (Neovim 0.7, headless) as the LSP client.
  neovim
  nlohmann-json3-dev googletest libgtest-dev
  cmake ninja-build
  python3 python3-sqlalchemy python3-jsonschema
  # The header tests compile <relcheck/orm.hpp> with g++ too, where the
  # macros expand to nothing (test/examples).
  g++
  # The `relcheck graph` tests render its DOT output with dot (test/graph).
  graphviz
  # The fix tests apply --fix-dry-run's diff with patch and git apply
  # (test/fixes); the plugin's version guard loads it into Debian's other
  # clang-tidy major (test/tidy).
  patch git clang-tidy
  # The compile-database tests record a Makefile build with Bear and run
  # make (test/cli/compile_db_test.py).
  bear make
  # The install tests (test/install): readelf checks the installed binaries
  # are stripped, groff renders the man page, bash and zsh run the
  # completions, cpack's DEB generator needs dpkg-shlibdeps, and the test
  # unpacks the .deb with dpkg-deb and resolves it with apt-get --simulate;
  # install/clean_root installs it into a clean Debian 12 root made by
  # mmdebstrap, and lintian checks the package.
  binutils groff-base bash zsh dpkg dpkg-dev apt mmdebstrap lintian
  # The bench/ scripts time with hyperfine and GNU time's /usr/bin/time
  # (test/bench runs them in their tiny modes).
  hyperfine time
  # libFuzzer and the sanitizer runtimes: the fuzz targets (fuzz/,
  # docs/fuzzing.md) and the asan preset.
  libclang-rt-19-dev
)
# Every program a test CMakeLists.txt requires (relcheck_require_program, in
# cmake/RelcheckTestTools.cmake) comes from a package listed here: a missing
# one fails the configure (test/deps checks the two lists agree).

# Test-only npm tools (test/tools/package.json, pinned by its
# package-lock.json) go to test/tools/node_modules, git-ignored: Microsoft's
# SARIF multitool validates --format=sarif output (test/report). Installed
# only when missing.
install_test_tools() {
  local tools
  tools="$(cd "$(dirname "${BASH_SOURCE[0]}")/../test/tools" && pwd)"
  local multitool="$tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
  if [[ -x "$multitool" ]]; then
    echo "npm test tools are installed; skipping npm"
    return
  fi
  (cd "$tools" && npm ci --no-audit --no-fund)
  # The package's postinstall only sets the executable bit; newer npm
  # versions do not run install scripts unless approved.
  chmod u+x "$multitool"
}

missing=()
for package in "${PACKAGES[@]}"; do
  # "ii " = installed; anything else (absent, half-installed, removed with
  # its configuration left behind) needs apt.
  status="$(dpkg-query -W -f='${db:Status-Abbrev}' "$package" 2>/dev/null || true)"
  if [[ "$status" != ii* ]]; then
    missing+=("$package")
  fi
done

# Node.js may come from elsewhere (NodeSource on some images): only when no
# npm is on PATH at all does Debian's nodejs + npm get installed.
if ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

if ((${#missing[@]} == 0)); then
  echo "all ${#PACKAGES[@]} required packages are installed; skipping apt-get"
  install_test_tools
  exit 0
fi

echo "missing packages: ${missing[*]}"
apt=(apt-get)
if [[ "$(id -u)" -ne 0 ]]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "error: installing packages needs root (run as root, or install sudo)" >&2
    exit 1
  fi
  apt=(sudo apt-get)
fi
export DEBIAN_FRONTEND=noninteractive
"${apt[@]}" update
"${apt[@]}" install -y --no-install-recommends "${missing[@]}"
install_test_tools
