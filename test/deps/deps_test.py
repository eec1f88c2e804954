#!/usr/bin/python3
"""The test suite registers the same tests wherever it is configured.

Usage: deps_test.py --relcheck BIN --include DIR --source-dir DIR
         --build-dir DIR --cmake BIN --ctest BIN --cxx BIN --llvm-dir DIR NAME

A test CMakeLists.txt that probes for a tool and registers its tests only
when it is found makes a machine without the tool run fewer tests, and still
pass (issue 14: 140 fix tests vanished without `patch`). So every tool goes
through relcheck_require_program (cmake/RelcheckTestTools.cmake), which
fails the configure, and scripts/install-deps.sh installs its package.
"""

import glob
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.realpath(__file__)),
                                os.pardir, "support"))
import relcheck_harness as harness  # noqa: E402
from relcheck_harness import check, read, run  # noqa: E402

ARGS = None


def cmake_files_of_tests():
    files = glob.glob(os.path.join(ARGS.source_dir, "test", "**",
                                   "CMakeLists.txt"), recursive=True)
    return sorted(f for f in files if "/realworld/" not in f)


def required_packages():
    """{package: [file, ...]} named by relcheck_require_program and
    relcheck_missing_test_tool calls in the test CMakeLists files."""
    packages = {}
    call = re.compile(r"relcheck_(?:require_program|missing_test_tool)\(([^)]*)\)")
    for path in cmake_files_of_tests():
        for args in call.findall(read(path)):
            match = re.search(r"PACKAGE\s+(\S+)", args)
            if match is None:  # relcheck_missing_test_tool("<what>" <package>)
                match = re.search(r"\"\s+(\S+)\s*$", args.strip())
            check(match is not None, "%s: no package in %r" % (path, args))
            packages.setdefault(match.group(1), []).append(path)
    return packages


def install_deps_words():
    """The words of scripts/install-deps.sh outside comments."""
    text = read(os.path.join(ARGS.source_dir, "scripts", "install-deps.sh"))
    code = "\n".join(line.split("#", 1)[0] for line in text.splitlines())
    return set(re.findall(r"[A-Za-z0-9][A-Za-z0-9+.-]*", code))


def test_install_deps_installs_every_required_tool():
    packages = required_packages()
    for expected in ("patch", "g++", "graphviz", "clang-tools-19"):
        check(expected in packages,
              "no test CMakeLists.txt requires package %s: %s"
              % (expected, sorted(packages)))
    words = install_deps_words()
    missing = sorted(p for p in packages if p not in words)
    check(not missing, "scripts/install-deps.sh does not install %s, which %s "
          "require" % (missing, sorted({f for p in missing for f in packages[p]})))


def test_no_test_is_registered_conditionally_on_a_probe():
    """find_program outside relcheck_require_program can only be followed
    by code that decides on its result: that is the pattern to avoid."""
    offenders = []
    for path in cmake_files_of_tests():
        for number, line in enumerate(read(path).splitlines(), 1):
            code = line.split("#", 1)[0]
            if re.search(r"\bfind_program\s*\(|\bfind_package\s*\([^)]*QUIET", code):
                offenders.append("%s:%d: %s" % (path, number, line.strip()))
    check(not offenders, "probes outside relcheck_require_program:\n"
          + "\n".join(offenders))


def configure(build_dir, *extra):
    return run([ARGS.cmake, "-S", ARGS.source_dir, "-B", build_dir, "-G", "Ninja",
                "-DCMAKE_CXX_COMPILER=" + ARGS.cxx,
                "-DLLVM_DIR=" + ARGS.llvm_dir,
                "-DCMAKE_PREFIX_PATH=/usr/lib/llvm-19"] + list(extra),
               timeout=600)


def registered(build_dir, regex):
    result = run([ARGS.ctest, "--test-dir", build_dir, "-N", "-R", regex])
    check(result.rc == 0, "ctest -N failed", result)
    return sorted(re.findall(r"Test\s+#\d+: (\S+)", result.out))


def test_missing_tool_fails_the_configure():
    build = harness.tmpdir("relcheck-deps-")
    missing = "/nonexistent/relcheck-test/patch"
    result = configure(build, "-DRELCHECK_PATCH=" + missing)
    check(result.rc != 0, "the configure succeeded without patch", result)
    err = " ".join(result.err.split())  # CMake wraps its messages
    check("the tests need patch (Debian package patch)" in err
          and "scripts/install-deps.sh" in err,
          "the error does not name patch and install-deps.sh", result)

    # The developers' opt-out configures, and registers the same fix tests
    # as the real build: they fail then, naming the tool, instead of vanishing.
    result = configure(build, "-DRELCHECK_PATCH=" + missing,
                       "-DRELCHECK_ALLOW_MISSING_TEST_TOOLS=ON")
    check(result.rc == 0, "the opt-out did not configure", result)
    check("RELCHECK_ALLOW_MISSING_TEST_TOOLS is ON" in " ".join(result.err.split()),
          "the opt-out configured without a warning", result)
    expected = registered(ARGS.build_dir, "^fixes/")
    check(len(expected) > 100, "the build registers only %d fix tests" % len(expected))
    check(registered(build, "^fixes/") == expected,
          "the opt-out registered other fix tests than the build")


def main():
    global ARGS
    parser = harness.argument_parser()
    for option in ("--source-dir", "--build-dir", "--cmake", "--ctest", "--cxx",
                   "--llvm-dir"):
        parser.add_argument(option, required=True)
    ARGS = harness.parse_args(parser)
    return harness.run_tests(globals(), ARGS)


if __name__ == "__main__":
    sys.exit(main())
