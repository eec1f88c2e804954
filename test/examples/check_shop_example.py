#!/usr/bin/python3
"""Runs relcheck on examples/shop and checks its exact findings.

Usage:
  check_shop_example.py --relcheck BIN --source-root DIR --work-dir DIR template
  check_shop_example.py --relcheck BIN --source-root DIR --work-dir DIR \
      cmake --cmake CMAKE --cxx CLANGXX

template: instantiates examples/shop/compile_commands.json.in into WORK_DIR
          with sed (as scripts/setup.sh does) and runs `relcheck -p WORK_DIR`.
cmake:    configures and builds examples/shop/CMakeLists.txt into WORK_DIR
          with clang++, runs the demo, then `relcheck -p WORK_DIR` on the
          compile_commands.json CMake exported.

The example carries exactly three deliberate problems (README.md quotes them);
any other finding, a missing one, a tool error or a changed exit code fails
the test, so the example cannot rot silently.
"""

import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys

# (rule, severity, file relative to examples/shop, line)
EXPECTED = {
    ("relcheck-legacy-backref", "warning", "models/customer.hpp", 21),
    ("relcheck-one-way-filtered-collection", "warning", "models/customer.hpp", 30),
    ("relcheck-back-populates-mismatch", "error", "models/order.hpp", 48),
}
TRANSLATION_UNITS = 3


def fail(message, proc=None):
    sys.stderr.write("FAIL: %s\n" % message)
    if proc is not None:
        sys.stderr.write("--- command: %s\n--- exit: %d\n--- stdout:\n%s\n--- stderr:\n%s\n"
                         % (" ".join(proc.args), proc.returncode, proc.stdout,
                            proc.stderr))
    sys.exit(1)


def run(cmd, **kwargs):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=600, **kwargs)


def fresh_dir(path):
    if os.path.isdir(path):
        shutil.rmtree(path)
    os.makedirs(path)


def instantiate_template(root, work_dir):
    fresh_dir(work_dir)
    template = os.path.join(root, "examples", "shop", "compile_commands.json.in")
    literal = re.sub(r"([&|\\])", r"\\\1", root)
    proc = run(["sed", "s|@DIR@|%s|g" % literal, template])
    if proc.returncode != 0:
        fail("sed failed", proc)
    with open(os.path.join(work_dir, "compile_commands.json"), "w") as f:
        f.write(proc.stdout)
    # The database must list every TU of the example, and only existing ones.
    entries = json.loads(proc.stdout)
    listed = sorted(e["file"] for e in entries)
    present = sorted(glob.glob(os.path.join(root, "examples", "shop", "src", "*.cpp")))
    if listed != present:
        fail("compile_commands.json.in lists %s, but examples/shop/src has %s"
             % (listed, present))


def build_with_cmake(root, work_dir, cmake, cxx):
    fresh_dir(work_dir)
    source = os.path.join(root, "examples", "shop")
    configure = [cmake, "-S", source, "-B", work_dir,
                 "-DCMAKE_CXX_COMPILER=%s" % cxx,
                 "-DCMAKE_CXX_FLAGS=-Werror"]
    if shutil.which("ninja"):
        configure += ["-G", "Ninja"]
    for cmd in (configure, [cmake, "--build", work_dir, "-j", "2"]):
        proc = run(cmd)
        if proc.returncode != 0:
            fail("building the example failed", proc)
    demo = run([os.path.join(work_dir, "shop_demo")])
    if demo.returncode != 0 or "1 open order(s)" not in demo.stdout:
        fail("the example's demo program misbehaved", demo)


def check_findings(relcheck, root, work_dir):
    proc = run([relcheck, "-p", work_dir, "--format=json"])
    if proc.returncode != 1:
        fail("expected exit code 1 (findings), got %d" % proc.returncode, proc)
    try:
        report = json.loads(proc.stdout)
    except ValueError as e:
        fail("relcheck printed invalid JSON: %s" % e, proc)
    if report.get("errors"):
        fail("relcheck reported tool errors: %s" % report["errors"], proc)
    units = report.get("summary", {}).get("translationUnits")
    if units != TRANSLATION_UNITS:
        fail("expected %d translation units, relcheck analyzed %r"
             % (TRANSLATION_UNITS, units), proc)
    shop = os.path.join(root, "examples", "shop") + os.sep
    actual = set()
    for f in report.get("findings", []):
        path = f.get("file") or ""
        rel = path[len(shop):] if path.startswith(shop) else path
        actual.add((f.get("rule"), f.get("severity"), rel, f.get("line")))
    if actual != EXPECTED or len(report["findings"]) != len(EXPECTED):
        lines = ["findings differ from the example's deliberate problems"]
        for item in sorted(EXPECTED - actual):
            lines.append("  missing:    %s %s %s:%d" % item)
        for item in sorted(actual - EXPECTED, key=str):
            lines.append("  unexpected: %s %s %s:%s" % item)
        if actual == EXPECTED:
            lines.append("  (a finding is reported more than once)")
        fail("\n".join(lines), proc)
    print("ok: %d findings, as expected" % len(EXPECTED))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--relcheck", required=True)
    parser.add_argument("--source-root", required=True)
    parser.add_argument("--work-dir", required=True)
    parser.add_argument("--cmake")
    parser.add_argument("--cxx")
    parser.add_argument("mode", choices=["template", "cmake"])
    args = parser.parse_args()
    root = os.path.realpath(args.source_root)
    work_dir = os.path.abspath(args.work_dir)
    if args.mode == "template":
        instantiate_template(root, work_dir)
    else:
        if not args.cmake or not args.cxx:
            parser.error("cmake mode needs --cmake and --cxx")
        build_with_cmake(root, work_dir, args.cmake, args.cxx)
    check_findings(args.relcheck, root, work_dir)


if __name__ == "__main__":
    main()
