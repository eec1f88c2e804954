#!/usr/bin/python3
"""Runs relcheck on examples/shop and checks its exact findings.

Usage:
  check_shop_example.py --relcheck BIN --source-root DIR --work-dir DIR template
  check_shop_example.py --relcheck BIN --source-root DIR --work-dir DIR \
      cmake --cmake CMAKE --cxx CLANGXX

  check_shop_example.py --relcheck BIN --source-root DIR --work-dir DIR \
      fix --cxx CLANGXX [--python PY]

template: instantiates examples/shop/compile_commands.json.in into WORK_DIR
          with sed (as scripts/setup.sh does) and runs `relcheck -p WORK_DIR`.
fix:      copies the example (and lib/include) into WORK_DIR, runs
          `relcheck --fix` on the copy: every finding of the example has a
          fix, so all three are applied and it exits 0; then a re-run reports
          zero findings, every TU compiles with clang++ -Werror, a second
          --fix changes nothing, and (with --python) SQLAlchemy 1.4
          configures the fixed models without an error or a warning.
cmake:    configures and builds examples/shop/CMakeLists.txt into WORK_DIR
          with clang++, runs the demo, then `relcheck -p WORK_DIR` on the
          compile_commands.json CMake exported.

The example carries exactly three deliberate problems (README.md quotes them),
each with a fix-it; any other finding, a missing one, a tool error or a
changed exit code fails the test, so the example cannot rot silently.
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


def snapshot(root):
    files = {}
    for base, _, names in os.walk(root):
        for name in names:
            path = os.path.join(base, name)
            with open(path, "rb") as handle:
                files[os.path.relpath(path, root)] = handle.read()
    return files


def check_fix(relcheck, root, work_dir, cxx, python):
    """Every finding of the example is fixable: --fix leaves none."""
    fresh_dir(work_dir)
    copy_root = os.path.join(work_dir, "root")
    shutil.copytree(os.path.join(root, "examples", "shop"),
                    os.path.join(copy_root, "examples", "shop"))
    shutil.copytree(os.path.join(root, "lib", "include"),
                    os.path.join(copy_root, "lib", "include"))
    db_dir = os.path.join(work_dir, "db")
    instantiate_template(copy_root, db_dir)
    shop = os.path.join(copy_root, "examples", "shop")
    original = snapshot(shop)

    proc = run([relcheck, "-p", db_dir, "--fix"])
    if proc.returncode != 0:
        fail("relcheck --fix should fix every finding of the example and "
             "exit 0", proc)
    wanted = "applied %d of %d suggested fixes" % (len(EXPECTED), len(EXPECTED))
    if wanted not in proc.stderr:
        fail("relcheck --fix did not report '%s'" % wanted, proc)
    fixed = snapshot(shop)
    changed = sorted(name for name in fixed if fixed[name] != original.get(name))
    if not changed:
        fail("relcheck --fix changed no file", proc)

    again = run([relcheck, "-p", db_dir, "--format=json"])
    if again.returncode != 0:
        fail("after --fix, relcheck still reports findings", again)
    report = json.loads(again.stdout)
    if report.get("findings") or report.get("errors"):
        fail("after --fix: findings %r, errors %r"
             % (report.get("findings"), report.get("errors")), again)

    with open(os.path.join(db_dir, "compile_commands.json")) as handle:
        entries = json.load(handle)
    for entry in entries:
        args = [a for a in entry["arguments"][1:]]
        if "-o" in args:
            at = args.index("-o")
            del args[at:at + 2]
        args = [a for a in args if a != "-c"]
        compiled = run([cxx, "-fsyntax-only", "-Werror"] + args,
                       cwd=entry["directory"])
        if compiled.returncode != 0:
            fail("the fixed example does not compile: %s" % entry["file"],
                 compiled)

    second = run([relcheck, "-p", db_dir, "--fix"])
    if second.returncode != 0 or snapshot(shop) != fixed:
        fail("a second --fix changed the fixed example", second)

    if python:
        facts = os.path.join(work_dir, "facts.json")
        module = os.path.join(work_dir, "models.py")
        dumped = run([relcheck, "-p", db_dir, "--quiet",
                      "--dump-facts=" + facts])
        if dumped.returncode != 0:
            fail("relcheck --dump-facts failed", dumped)
        rendered = run([python, os.path.join(root, "scripts",
                                             "render_sqlalchemy.py"),
                        facts, "-o", module])
        if rendered.returncode != 0:
            fail("rendering the fixed example failed", rendered)
        configured = run([python, os.path.join(root, "test", "fixes",
                                               "sqlalchemy_properties.py"),
                          module])
        if configured.returncode != 0:
            fail("configuring the fixed example failed", configured)
        result = json.loads(configured.stdout.strip().splitlines()[-1])
        if result["error"] or result["warnings"]:
            fail("SQLAlchemy on the fixed example: error %r, warnings %r"
                 % (result["error"], result["warnings"]), configured)
    print("ok: --fix fixed all %d findings (%s); no finding remains, every "
          "TU compiles" % (len(EXPECTED), ", ".join(changed)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--relcheck", required=True)
    parser.add_argument("--source-root", required=True)
    parser.add_argument("--work-dir", required=True)
    parser.add_argument("--cmake")
    parser.add_argument("--cxx")
    parser.add_argument("--python", help="a Python with SQLAlchemy 1.4 "
                        "(fix mode: configure the fixed models)")
    parser.add_argument("mode", choices=["template", "cmake", "fix"])
    args = parser.parse_args()
    root = os.path.realpath(args.source_root)
    work_dir = os.path.abspath(args.work_dir)
    if args.mode == "fix":
        if not args.cxx:
            parser.error("fix mode needs --cxx")
        check_fix(args.relcheck, root, work_dir, args.cxx, args.python)
        return
    if args.mode == "template":
        instantiate_template(root, work_dir)
    else:
        if not args.cmake or not args.cxx:
            parser.error("cmake mode needs --cmake and --cxx")
        build_with_cmake(root, work_dir, args.cmake, args.cxx)
    check_findings(args.relcheck, root, work_dir)


if __name__ == "__main__":
    main()
