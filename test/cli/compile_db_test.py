#!/usr/bin/env python3
"""Compile databases as real tools write them (docs/cli.md#compile-databases).

A copy of examples/shop is built for g++ with a g++-only flag, and its
database written by CMake, by Bear (from a plain Makefile, relative paths
in the arguments) and by `ninja -t compdb`: each must give the report and
the TU counts of CMake's database for clang++-19. Hand-written databases
cover shell-quoted commands, relative directories and files, response files,
--remove-arg and the configuration's CompileFlags.
"""
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "support"))
from relcheck_harness import (TestFailure, argument_parser, check, check_eq,  # noqa: E402
                              parse_args, read, relcheck, run, run_tests,
                              tmpdir, write)

ARGS = None
GXX_ONLY_FLAG = "-fconcepts-diagnostics-depth=2"
NOTE = ("relcheck: note: dropped '%s' from the compile commands: clang does "
        "not know it (drop it yourself with --remove-arg or CompileFlags: "
        "Remove)")

MAKEFILE = """\
CXXFLAGS = -std=c++17 %(flag)s -I. -I%(include)s
OBJS = src/main.o src/catalog.o src/checkout.o
shop_demo: $(OBJS)
\t%(gxx)s -o $@ $(OBJS)
src/%%.o: src/%%.cpp
\t%(gxx)s $(CXXFLAGS) -c src/$*.cpp -o $@
"""


def shop_copy():
    root = tmpdir()
    shop = os.path.join(root, "shop")
    shutil.copytree(ARGS.shop, shop,
                    ignore=shutil.ignore_patterns("compile_commands.json*"))
    return root, shop


def cmake_configure(shop, build, compiler, flags=""):
    result = run([ARGS.cmake, "-S", shop, "-B", build, "-G", "Ninja",
                  "-DCMAKE_MAKE_PROGRAM=" + ARGS.ninja,
                  "-DCMAKE_CXX_COMPILER=" + compiler,
                  "-DCMAKE_CXX_FLAGS=" + flags,
                  "-DRELCHECK_INCLUDE_DIR=" + ARGS.include])
    check_eq(result.rc, 0, "cmake configure", result)


def analyze(database):
    """The report, the TU counts line and the other stderr lines."""
    result = relcheck("-p", database, "--no-cache", "--tu-stats", "-j1")
    stats = [l for l in result.err.splitlines() if l.startswith("relcheck: parsed")]
    check_eq(len(stats), 1, "one --tu-stats line", result)
    counts = re.sub(r"; graph and rules .*$", "", stats[0])
    rest = [l for l in result.err.splitlines() if l != stats[0]]
    return result, counts, rest


def check_same_as_clang(root, shop, database, what):
    clang_build = os.path.join(root, "clang-build")
    cmake_configure(shop, clang_build, ARGS.clangxx)
    expected, expected_counts, expected_rest = analyze(clang_build)
    check_eq(expected.rc, 1, "clang database: findings, no error", expected)
    result, counts, rest = analyze(database)
    check_eq(result.rc, 1, what + ": findings, no input error", result)
    check_eq(result.out, expected.out, what + ": the clang database's report", result)
    check_eq(counts, expected_counts, what + ": the clang database's TU counts", result)
    check_eq(rest, [NOTE % GXX_ONLY_FLAG] + expected_rest,
             what + ": one note for the g++ flag, then clang's summary", result)
    check("parsed 1 of 3 TUs" in counts, "the cover parses one TU", result)


def test_gxx_cmake_database():
    root, shop = shop_copy()
    build = os.path.join(root, "gxx-build")
    cmake_configure(shop, build, ARGS.gxx, GXX_ONLY_FLAG)
    check(GXX_ONLY_FLAG in read(os.path.join(build, "compile_commands.json")),
          "CMake wrote the g++ flag into the database")
    check_same_as_clang(root, shop, build, "CMake g++ database")


def test_bear_database():
    # Absolute "file", arguments naming the source relative to "directory":
    # the cover must still see the main file (it used to parse every TU).
    root, shop = shop_copy()
    write(os.path.join(shop, "Makefile"), MAKEFILE % {
        "flag": GXX_ONLY_FLAG, "include": ARGS.include, "gxx": ARGS.gxx})
    build = os.path.join(root, "bear-build")
    os.makedirs(build)
    database = os.path.join(build, "compile_commands.json")
    result = run([ARGS.bear, "--output", database, "--", ARGS.make, "-j1"], cwd=shop)
    check_eq(result.rc, 0, "bear -- make", result)
    check('"src/main.cpp"' in read(database),
          "Bear recorded the relative source path")
    check_same_as_clang(root, shop, build, "Bear database")


def test_ninja_compdb_database():
    # `ninja -t compdb` also lists link steps and phony targets.
    root, shop = shop_copy()
    build = os.path.join(root, "gxx-build")
    cmake_configure(shop, build, ARGS.gxx, GXX_ONLY_FLAG)
    result = run([ARGS.ninja, "-C", build, "-t", "compdb"])
    check_eq(result.rc, 0, "ninja -t compdb", result)
    check('"command": ""' in result.out, "ninja lists phony targets too", result)
    database = write(os.path.join(root, "ninja-db", "compile_commands.json"),
                     result.out)
    check_same_as_clang(root, shop, os.path.dirname(database), "ninja -t compdb database")


# A TU that compiles only with the right edits: BROKEN must be gone, OK set.
EDITED_SOURCE = """\
#include <relcheck/orm.hpp>
#include "inc/flag.h"
#ifdef BROKEN
#error BROKEN is defined
#endif
static_assert(FLAG == 2, "the header from the response file's -I");
struct ORM_MODEL("thing") Thing {
  ORM_COLUMN(Integer, primary_key=True) int id;
};
"""


def edited_project(command):
    root = tmpdir()
    write(os.path.join(root, "src", "a.cpp"), EDITED_SOURCE)
    write(os.path.join(root, "src", "inc", "flag.h"), "#define FLAG TWO_WORDS\n")
    write(os.path.join(root, "build", "flags.rsp"), "-I../src -I%s\n" % ARGS.include)
    write(os.path.join(root, "build", "compile_commands.json"),
          '[{"directory": ".", "file": "../src/a.cpp", "command": %s}]\n'
          % json_string(command))
    return root


def json_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_command_string_relative_directory_and_response_file():
    # "directory" relative to the database, "file" relative to it, a
    # shell-quoted define with a space, and @file holding the -I flags.
    root = edited_project(
        "/usr/bin/g++ -std=c++17 '-DTWO_WORDS=1 + 1' \"-DQUOTED=\\\"a b\\\"\" "
        "@flags.rsp %s -c ../src/a.cpp -o a.o" % GXX_ONLY_FLAG)
    result = relcheck("-p", os.path.join(root, "build"), "--no-cache", cwd="/")
    check_eq(result.rc, 0, "compiles, no finding", result)
    check_eq(result.err.splitlines(), [NOTE % GXX_ONLY_FLAG], "one note", result)


def test_remove_arg_forms():
    root = edited_project(
        "clang++ -std=c++17 -DTWO_WORDS=2 -DBROKEN -D BROKEN=1 -DBROKEN_TOO "
        "--define-macro=BROKEN @flags.rsp -c ../src/a.cpp")
    build = os.path.join(root, "build")
    result = relcheck("-p", build, "--no-cache")
    check_eq(result.rc, 2, "BROKEN defined: does not compile", result)
    check("BROKEN is defined" in result.err, "the #error", result)
    # -D names the flag: every form goes, with its value; -DTWO_WORDS=2
    # comes back through --extra-arg.
    result = relcheck("-p", build, "--no-cache", "--remove-arg=-D",
                      "--extra-arg=-DTWO_WORDS=2")
    check_eq(result.rc, 0, "--remove-arg=-D removes every -D form", result)
    # A glob: every argument with the prefix, a separate value included.
    result = relcheck("-p", build, "--no-cache", "--remove-arg=-D*",
                      "--remove-arg=--define-macro*", "--extra-arg=-DTWO_WORDS=2")
    check_eq(result.rc, 0, "--remove-arg=-D* removes -D and its value", result)
    # An exact argument removes only itself.
    result = relcheck("-p", build, "--no-cache", "--remove-arg=-DBROKEN")
    check_eq(result.rc, 2, "-D BROKEN=1 is left", result)
    # Removing a flag clang does not know silences its note.
    root = edited_project("g++ -std=c++17 -DTWO_WORDS=2 @flags.rsp %s -c ../src/a.cpp"
                          % GXX_ONLY_FLAG)
    result = relcheck("-p", os.path.join(root, "build"), "--no-cache",
                      "--remove-arg=" + GXX_ONLY_FLAG)
    check_eq((result.rc, result.err), (0, ""), "removed: no note", result)


def test_config_compile_flags():
    root = edited_project(
        "g++ -std=c++17 -DBROKEN -Wall -Wextra @flags.rsp %s -c ../src/a.cpp"
        % GXX_ONLY_FLAG)
    build = os.path.join(root, "build")
    write(os.path.join(root, "src", ".relcheck.yaml"),
          "CompileFlags:\n  Add: [-DTWO_WORDS=2]\n  Remove: [-DBROKEN, '-W*', %s]\n"
          % GXX_ONLY_FLAG)
    result = relcheck("-p", build, "--no-cache")
    check_eq((result.rc, result.err), (0, ""), "edited by .relcheck.yaml", result)
    result = relcheck("--dump-config", os.path.join(root, "src", "a.cpp"))
    check("CompileFlags:\n  Add: ['-DTWO_WORDS=2']\n"
          "  Remove: ['-DBROKEN', '-W*', '%s']\n" % GXX_ONLY_FLAG in result.out,
          "--dump-config shows CompileFlags", result)
    write(os.path.join(root, "src", ".relcheck.yaml"),
          "CompileFlags:\n  Append: [-DX]\n")
    result = relcheck("-p", build, "--no-cache")
    check_eq(result.rc, 2, "an unknown CompileFlags key", result)
    check("1:1" not in result.err and
          "unknown key 'Append' in CompileFlags; known keys: Add, Remove" in result.err,
          "names the key", result)


def main():
    global ARGS
    parser = argument_parser()
    for tool in ("shop", "cmake", "ninja", "make", "bear", "gxx", "clangxx"):
        parser.add_argument("--" + tool, required=True)
    ARGS = parse_args(parser)
    return run_tests(globals(), ARGS)


if __name__ == "__main__":
    sys.exit(main())
