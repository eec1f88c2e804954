#!/usr/bin/python3
"""Golden digests of every fixture's report, one sha256 per fixture x format.

Usage:
  report_digests.py --relcheck BIN --include DIR --golden FILE
                    [--part I/N] [--update] [--save DIR] [-j N]

Runs relcheck on every fixture under fixtures/ (the command lines of
test/fixtures/run_fixture.py, the same compile databases and flags) in the
formats below and compares the sha256 of each report's stdout (and its exit
code) with FILE. Any changed byte of any report fails the test and names
the fixture and format. --part I/N checks only every N-th fixture starting
at the I-th (CMake registers N ctests, so ctest -j2 runs them side by side
and each stays short).

When a report changes on purpose (a new fixture, a reworded message, an
edited rule document: SARIF embeds the rule documentation), regenerate:

  test/reports/report_digests.py --relcheck build/tool/relcheck \\
      --include lib/include --golden test/reports/digests.txt --update

and review the diff of digests.txt together with the change (the lines name
each fixture and format that changed). --save DIR writes the reports too,
for a diff of the text itself before and after a change.

Paths are written relative to the source tree (every absolute path of the
checkout becomes <src>), and the version number becomes <version>, so the
digests do not depend on where the tree is checked out or on version bumps.
Standard library only.
"""

import argparse
import concurrent.futures
import hashlib
import os
import re
import sys
import tempfile

HERE = os.path.dirname(os.path.realpath(__file__))
SOURCE_DIR = os.path.realpath(os.path.join(HERE, os.pardir, os.pardir))
sys.path.insert(0, os.path.join(SOURCE_DIR, "test", "fixtures"))
import run_fixture  # noqa: E402

# name -> extra relcheck arguments. `text-color` covers the colour escapes and
# `--parseable-fixits`, which the plain text format does not print.
FORMATS = {
    "text": [],
    "text-color": ["--color=always", "--parseable-fixits"],
    "json": ["--format=json"],
    "sarif": ["--format=sarif"],
}


def fixtures():
    """(name, path) of every fixture, as test/fixtures/CMakeLists.txt finds
    them: fixtures/<rule>/<case>.cpp, or the directory fixtures/<rule>/<case>/
    holding main.cpp."""
    root = os.path.join(SOURCE_DIR, "fixtures")
    found = []
    for rule_dir in sorted(os.listdir(root)):
        full_rule = os.path.join(root, rule_dir)
        if not os.path.isdir(full_rule):
            continue
        for case in sorted(os.listdir(full_rule)):
            path = os.path.join(full_rule, case)
            if os.path.isdir(path):
                found.append(("%s/%s" % (rule_dir, case), path))
            elif case.endswith(".cpp"):
                found.append(("%s/%s" % (rule_dir, case[:-4]), path))
    return found


def normalize(data, version):
    data = data.replace(SOURCE_DIR.encode(), b"<src>")
    if version:
        data = data.replace(b'"%s"' % version.encode(), b'"<version>"')
    return data


def run_one(relcheck, include, name, path, fmt, cache_dir, version):
    fixture = run_fixture.read_fixture(path)
    with tempfile.TemporaryDirectory(prefix="relcheck-digest-") as tmpdir:
        args = FORMATS[fmt] + ["--cache-dir=" + cache_dir, "--quiet"]
        cmd, cwd = run_fixture.relcheck_command(fixture, relcheck, include,
                                                args, tmpdir)
        result = run_fixture.run_relcheck(cmd, cwd)
        out = normalize(result.stdout.replace(tmpdir.encode(), b"<tmp>"),
                        version)
    return name, fmt, result.returncode, out


def read_golden(path):
    golden = {}
    if os.path.exists(path):
        with open(path) as handle:
            for line in handle:
                if line.startswith("#") or not line.strip():
                    continue
                digest, rc, fmt, name = line.split()
                golden[(name, fmt)] = (digest, int(rc))
    return golden


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relcheck", required=True)
    parser.add_argument("--include", required=True)
    parser.add_argument("--golden", required=True)
    parser.add_argument("--version", default="",
                        help="relcheck's version, replaced by <version>")
    parser.add_argument("--part", default="0/1",
                        help="I/N: only every N-th fixture from the I-th")
    parser.add_argument("--update", action="store_true",
                        help="rewrite the golden file from this build")
    parser.add_argument("--save", help="also write every report into DIR")
    parser.add_argument("-j", type=int, default=2)
    args = parser.parse_args()
    relcheck = os.path.realpath(args.relcheck)
    include = os.path.realpath(args.include)
    if not args.version:
        # `relcheck --version` prints e.g. "relcheck version 0.1.0".
        out = run_fixture.run_relcheck([relcheck, "--version"], SOURCE_DIR)
        match = re.search(rb"(\d+\.\d+\.\d+)", out.stdout)
        args.version = match.group(1).decode() if match else ""

    part, parts = (int(x) for x in args.part.split("/"))
    cases = fixtures()
    if not args.update:
        cases = cases[part::parts]
    if not cases:
        print("report_digests: no fixtures in part %s" % args.part)
        return 1
    results = {}
    # One cache per fixture: the first format parses, the others read the
    # facts (the cache itself is part of what the digests check).
    with tempfile.TemporaryDirectory(prefix="relcheck-digest-cache-") as cache:
        with concurrent.futures.ThreadPoolExecutor(max(1, args.j)) as pool:
            def run_fixture_formats(case):
                name, path = case
                cache_dir = os.path.join(cache, name.replace("/", "+"))
                return [run_one(relcheck, include, name, path, fmt, cache_dir,
                                args.version) for fmt in FORMATS]
            for outputs in pool.map(run_fixture_formats, cases):
                for name, fmt, rc, out in outputs:
                    results[(name, fmt)] = (hashlib.sha256(out).hexdigest(),
                                            rc, out)

    if args.save:
        for (name, fmt), (_, rc, out) in results.items():
            target = os.path.join(args.save, name + "." + fmt)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(out)

    if args.update:
        with open(args.golden, "w") as handle:
            handle.write("# sha256 exit format fixture: every fixture's report "
                         "(test/reports/report_digests.py --update)\n")
            for (name, fmt) in sorted(results):
                digest, rc, _ = results[(name, fmt)]
                handle.write("%s %d %s %s\n" % (digest, rc, fmt, name))
        print("report_digests: wrote %d digests to %s" %
              (len(results), args.golden))
        return 0

    golden = read_golden(args.golden)
    names = set(name for name, _ in cases)
    if parts > 1:
        # A golden entry whose fixture is gone is reported by part 0 only.
        all_names = set(name for name, _ in fixtures())
        golden = {k: v for k, v in golden.items()
                  if k[0] in names or (part == 0 and k[0] not in all_names)}
    failures = []
    for key in sorted(set(golden) | set(results)):
        name, fmt = key
        if key not in golden:
            failures.append("%s [%s]: no golden digest (a new fixture? run "
                            "with --update)" % (name, fmt))
        elif key not in results:
            failures.append("%s [%s]: golden digest of a fixture that no "
                            "longer exists (run with --update)" % (name, fmt))
        elif results[key][:2] != golden[key]:
            failures.append("%s [%s]: the report changed (exit %d, golden "
                            "exit %d; sha256 %s, golden %s)" %
                            (name, fmt, results[key][1], golden[key][1],
                             results[key][0][:12], golden[key][0][:12]))
    for failure in failures:
        print("FAIL " + failure)
    print("report_digests: %d reports of %d fixtures, %d changed" %
          (len(results), len(cases), len(failures)))
    if failures:
        print("If the change is intended: rerun with --update (see the "
              "script's docstring) and commit test/reports/digests.txt.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
