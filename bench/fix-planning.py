#!/usr/bin/python3
"""Fix planning against the report, many fixes in one file (issue 12,
defect 12): relcheck FILE (report) and relcheck --fix-dry-run FILE on one
generated file with N legacy backrefs (N fixes, 2N edits, each child class
gaining a member), printing both times and their ratio. The goal: within
2x the report at N = 10,000.

  bench/fix-planning.py [--relcheck build/tool/relcheck] [--sizes 500,2000,10000]
                        [--tiny]

--tiny: one size of 20 fixes (the test suite's check that the script works).
A run that fails, or whose output does not hold the N findings (report) or
the N fixes (dry run), is an error: the script says which and exits 1.
"""

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def generate(path, n):
    lines = ["#include <relcheck/orm.hpp>", "#include <vector>"]
    for i in range(n):
        lines.append("struct Child%d;" % i)
    for i in range(n):
        lines += ['struct ORM_MODEL("parent%d") Parent%d {' % (i, i),
                  "  ORM_COLUMN(Integer, primary_key=True) int id;",
                  '  ORM_RELATIONSHIP("Child%d", backref="parent") '
                  "std::vector<Child%d*> children;" % (i, i),
                  "};",
                  'struct ORM_MODEL("child%d") Child%d {' % (i, i),
                  "  ORM_COLUMN(Integer, primary_key=True) int id;",
                  '  ORM_COLUMN(Integer, ForeignKey("parent%d.id")) '
                  "int parent_id;" % i,
                  "};"]
    with open(path, "w") as handle:
        handle.write("\n".join(lines) + "\n")


def fail(message):
    sys.exit("fix-planning: error: " + message)


def timed(cmd):
    """(wall seconds, peak MB, stdout) of cmd; exit 1 means findings."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    result = subprocess.run(cmd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, universal_newlines=True)
    elapsed = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 1):
        fail("exit code %d: %s\n%s" % (result.returncode, " ".join(cmd),
                                        result.stderr))
    return (elapsed, max(after.ru_maxrss, before.ru_maxrss) / 1024.0,
            result.stdout)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--relcheck",
                        default=os.path.join(ROOT, "build", "tool", "relcheck"))
    parser.add_argument("--sizes", default="500,2000,10000")
    parser.add_argument("--tiny", action="store_true",
                        help="one size of 20 fixes")
    args = parser.parse_args()
    if args.tiny:
        args.sizes = "20"
    if not os.access(args.relcheck, os.X_OK):
        fail("no relcheck at %s (build target relcheck)" % args.relcheck)
    work = tempfile.mkdtemp(prefix="relcheck-bench-fixes-")
    try:
        print("%8s %10s %12s %7s %9s" %
              ("fixes", "report s", "dry-run s", "ratio", "peak MB"))
        for n in [int(s) for s in args.sizes.split(",")]:
            path = os.path.join(work, "models%d.cpp" % n)
            generate(path, n)
            base = [args.relcheck, "--no-cache"]
            tail = [path, "--", "-std=c++17",
                    "-I", os.path.join(ROOT, "lib", "include")]
            report, _, out = timed(base + tail)
            # Exit code 1 is also how a crash-free failure looks: the
            # output must hold what was measured.
            found = out.count("[relcheck-legacy-backref]")
            if found != n:
                fail("the report holds %d legacy-backref findings, not %d"
                     % (found, n))
            dry, peak, diff = timed(base + ["--fix-dry-run"] + tail)
            if diff.count("\n+") < n:
                fail("the dry run's diff holds fewer than %d added lines" % n)
            if report <= 0 or dry <= 0:
                fail("a time is zero")
            print("%8d %10.2f %12.2f %7.2f %9.0f" %
                  (n, report, dry, dry / report, peak))
            sys.stdout.flush()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
