#!/usr/bin/python3
"""Compiles every relcheck source with g++ and -Werror (issue 16: the code
must be warning-free with clang++-19 and g++; the clang++-19 build itself
runs with -DRELCHECK_WERROR=ON in CI).

  scripts/check-gcc-warnings.py [--build-dir build] [--jobs N] [--compiler g++]

The commands are the clang build's own (compile_commands.json): the same
defines, include paths and warning flags, with g++ instead of clang++-19
and -fsyntax-only instead of an object file, which takes about a third of a
g++ build's time (a CI budget matter). Warnings that only g++'s optimizers
give (-Wmaybe-uninitialized and the like) need the full build:
  cmake -S . -B build-gcc -G Ninja -DCMAKE_CXX_COMPILER=g++ \\
    -DCMAKE_PREFIX_PATH=/usr/lib/llvm-19 -DRELCHECK_WERROR=ON
Only relcheck's own targets are checked: the ones built with its warning
flags (-Wall), which leaves out the fuzz targets (clang-only libFuzzer).
Exit 1 when any source gives a warning or an error, 2 on bad usage.
"""

import argparse
import concurrent.futures
import json
import os
import shlex
import subprocess
import sys


def commands(build_dir, compiler):
    path = os.path.join(build_dir, "compile_commands.json")
    try:
        with open(path, encoding="utf-8") as h:
            entries = json.load(h)
    except (OSError, ValueError) as e:
        sys.exit("check-gcc-warnings: error: %s: %s (configure the build "
                 "first)" % (path, e))
    for entry in entries:
        args = (entry["arguments"] if "arguments" in entry
                else shlex.split(entry["command"]))
        if "-Wall" not in args:
            continue
        out, skip = [compiler, "-fsyntax-only", "-Werror"], False
        for arg in args[1:]:
            if skip:
                skip = False
            elif arg == "-o":
                skip = True
            elif arg != "-c":
                out.append(arg)
        yield entry["file"], entry["directory"], out


def check(job):
    source, directory, cmd = job
    result = subprocess.run(cmd, cwd=directory, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, check=False)
    return source, result.returncode, result.stdout.decode("utf-8", "replace")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build-dir", default="build")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--compiler", default="g++")
    args = parser.parse_args()
    jobs = list(commands(args.build_dir, args.compiler))
    if not jobs:
        sys.exit("check-gcc-warnings: error: no relcheck source in %s's "
                 "compile_commands.json" % args.build_dir)
    failed = []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for n, (source, status, output) in enumerate(pool.map(check, jobs), 1):
            if status != 0 or output.strip():
                failed.append(source)
                sys.stdout.write(output)
                print("[%d/%d] %s  FAILED" % (n, len(jobs),
                                             os.path.relpath(source)),
                      flush=True)
    if failed:
        print("check-gcc-warnings: error: %d of %d sources do not compile "
              "cleanly with %s -Werror:\n  %s"
              % (len(failed), len(jobs), args.compiler, "\n  ".join(failed)))
        return 1
    print("check-gcc-warnings: %d sources, no warning from %s"
          % (len(jobs), args.compiler))
    return 0


if __name__ == "__main__":
    sys.exit(main())
