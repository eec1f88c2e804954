#!/usr/bin/python3
"""The bench/ scripts in their tiny modes (issue 18).

Usage: bench_test.py --relcheck BIN --include DIR --plugin SO NAME

A benchmark that prints a figure from a failed measurement (or calls a
target "met" when one side was never measured) is worse than none. Each
script runs here on a few TUs, once: its ratio lines must be numbers; then
with a forced failure (a plugin that is no plugin, a relcheck or a
clang-tidy that fails) it must exit non-zero, say why, and print no "met".
"""

import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.realpath(__file__)),
                                os.pardir, "support"))
import relcheck_harness as harness  # noqa: E402
from relcheck_harness import check, write  # noqa: E402

ARGS = None
ROOT = os.path.realpath(os.path.join(os.path.dirname(__file__), os.pardir,
                                     os.pardir))
BENCH = os.path.join(ROOT, "bench")
NUMBER = r"[0-9]+(?:\.[0-9]+)?"


def bench(script, *args, env=None, timeout=240):
    cmd = [os.path.join(BENCH, script)] + [str(a) for a in args]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=timeout, env=dict(os.environ, **(env or {})))
    result = harness.Result(cmd, proc)
    print(result.out)
    return result


def failing(result, what):
    """A forced failure: non-zero exit, the script's own error message
    ("tidy-overhead: error: ..."), no "met"."""
    script = os.path.splitext(os.path.basename(result.cmd[0]))[0]
    check(result.rc != 0, "%s: the script succeeded" % what, result)
    check(script + ": error: " in result.err, "%s: no error message" % what,
          result)
    check(not re.search(r"\bmet\b", result.out),
          "%s: a target called met" % what, result)


def not_a_plugin():
    return write(os.path.join(harness.tmpdir(prefix="relcheck-bench-test-"),
                              "not-a-plugin.so"), "not a shared object\n")


def failing_program(exit_code=3):
    path = write(os.path.join(harness.tmpdir(prefix="relcheck-bench-test-"),
                              "fails"), "#!/bin/sh\nexit %d\n" % exit_code)
    os.chmod(path, 0o755)
    return path


def clang_tidy_failing_after(calls):
    """A clang-tidy-19 that works for its first `calls` runs, then fails:
    the bench's sanity runs pass and a measured run fails (issue 18's case:
    GNU time then wrote "Command exited with non-zero status 1")."""
    d = harness.tmpdir(prefix="relcheck-bench-test-")
    path = write(os.path.join(d, "clang-tidy"),
                 "#!/bin/sh\n"
                 "n=$(cat '%(d)s/count' 2>/dev/null || echo 0)\n"
                 "echo $((n + 1)) > '%(d)s/count'\n"
                 "[ \"$n\" -lt %(calls)d ] || exit 1\n"
                 "exec clang-tidy-19 \"$@\"\n" % {"d": d, "calls": calls})
    os.chmod(path, 0o755)
    return path


def test_tidy_overhead_tiny():
    r = bench("tidy-overhead.sh", "--tiny", ARGS.plugin)
    check(r.rc == 0, "tiny run failed", r)
    check(re.search(r"overhead ratio \(median wall relcheck / baseline\): "
                    + NUMBER + r"x  \(target <= 1\.10x: (met|NOT met)\)",
                    r.out), "no overhead ratio", r)
    check(re.search(r"CPU \(user\+sys\) ratio.*: " + NUMBER + "x", r.out),
          "no CPU ratio", r)
    check(re.search(r"--enable-check-profile\): " + NUMBER + " ms total",
                    r.out), "no check profile", r)


def test_tidy_overhead_tiny_gnu_time():
    r = bench("tidy-overhead.sh", "--tiny", ARGS.plugin, env={"TIMER": "time"})
    check(r.rc == 0, "tiny run failed", r)
    check(re.search(r"overhead ratio \(median wall relcheck / baseline\): "
                    + NUMBER + r"x  \(target <= 1\.10x: (met|NOT met)\)",
                    r.out), "no overhead ratio", r)


def test_tidy_overhead_fails_when_a_measurement_fails():
    failing(bench("tidy-overhead.sh", "--tiny", not_a_plugin()),
            "a plugin that is no plugin")
    # The sanity runs (relcheck, baseline) pass, the measured runs fail.
    for timer in ("time", "hyperfine"):
        r = bench("tidy-overhead.sh", "--tiny", ARGS.plugin,
                  env={"TIMER": timer,
                       "CLANG_TIDY": clang_tidy_failing_after(2)})
        failing(r, "a measured run failing (%s)" % timer)


def test_whole_project_tiny():
    r = bench("whole-project.py", "--tiny", "--relcheck", ARGS.relcheck,
              "--plugin", ARGS.plugin)
    check(r.rc == 0, "tiny run failed", r)
    check(re.search(r"ratios: cold/syntax %s \(target <= 0\.25\), warm/syntax "
                    r"%s" % (NUMBER, NUMBER), r.out), "no ratios", r)
    check(re.search(r"cold/tidy " + NUMBER, r.out), "no tidy ratio", r)
    check(re.search(r"peak memory: relcheck %sx" % NUMBER, r.out),
          "no memory ratio", r)
    check(re.search(r"graph \+ rules: %s s" % NUMBER, r.out),
          "no graph time", r)


def test_whole_project_fails_when_a_measurement_fails():
    failing(bench("whole-project.py", "--tiny", "--relcheck", ARGS.relcheck,
                  "--plugin", not_a_plugin()), "a plugin that is no plugin")
    failing(bench("whole-project.py", "--tiny", "--relcheck",
                  failing_program(), "--no-tidy"), "a relcheck that fails")
    # Exit code 1 is relcheck's "findings": the missing stats line tells.
    failing(bench("whole-project.py", "--tiny", "--relcheck",
                  failing_program(1), "--no-tidy"),
            "a relcheck that exits 1 silently")


def test_lsp_project_tiny():
    r = bench("lsp-project.py", "--tiny", "--relcheck", ARGS.relcheck)
    check(r.rc == 0, "tiny run failed", r)
    for label in (r"lsp warm \(after the CLI\)", r"lsp no cache"):
        check(re.search(r"%s +%s s +ratio %s" % (label, NUMBER, NUMBER),
                        r.out), "no ratio for %s" % label, r)
    check(re.search(r"didChange -> diagnostics +-?%s ms" % NUMBER, r.out),
          "no didChange time", r)


def relcheck_with_late_stderr(seconds):
    """relcheck whose language server's stderr reaches the reader `seconds`
    late: the order a loaded CI machine produced, where the diagnostics
    (stdout) came before the start-up line (stderr) was read."""
    path = write(os.path.join(harness.tmpdir(prefix="relcheck-bench-test-"),
                              "relcheck"),
                 "#!/bin/bash\n"
                 "[ \"$1\" = lsp ] && exec 2> >(sleep %d; exec cat >&2)\n"
                 "exec '%s' \"$@\"\n" % (seconds, ARGS.relcheck))
    os.chmod(path, 0o755)
    return path


def test_lsp_project_tiny_with_late_stderr():
    r = bench("lsp-project.py", "--tiny", "--relcheck",
              relcheck_with_late_stderr(2))
    check(r.rc == 0, "tiny run failed", r)
    check(len(re.findall(r"relcheck: indexed \d+ translation units", r.out))
          == 2, "no start-up line for each server", r)


def test_lsp_project_fails_when_a_measurement_fails():
    failing(bench("lsp-project.py", "--tiny", "--relcheck",
                  failing_program(), timeout=120), "a relcheck that fails")


def test_lsp_latency_tiny():
    r = bench("lsp-latency.sh", "--tiny", ARGS.relcheck)
    check(r.rc == 0, "tiny run failed", r)
    check(re.search(r"didSave  -> diagnostics: median %s ms" % NUMBER, r.out),
          "no didSave time", r)
    check(re.search(r"server, quick pass: +median %s ms wall" % NUMBER, r.out),
          "no quick pass", r)


def test_lsp_latency_fails_when_a_measurement_fails():
    failing(bench("lsp-latency.sh", "--tiny", failing_program(), timeout=120),
            "a relcheck that fails")


def test_fix_planning_tiny():
    r = bench("fix-planning.py", "--tiny", "--relcheck", ARGS.relcheck)
    check(r.rc == 0, "tiny run failed", r)
    check(re.search(r"^ +20 +%s +%s +%s +%s$" % ((NUMBER,) * 4), r.out, re.M),
          "no row of figures for 20 fixes", r)


def test_fix_planning_fails_when_a_measurement_fails():
    failing(bench("fix-planning.py", "--tiny", "--relcheck",
                  failing_program()), "a relcheck that fails")
    failing(bench("fix-planning.py", "--tiny", "--relcheck",
                  failing_program(1)), "a relcheck that exits 1 silently")


def main():
    global ARGS
    parser = harness.argument_parser()
    parser.add_argument("--plugin", required=True)
    ARGS = harness.parse_args(parser)
    return harness.run_tests(globals(), ARGS)


if __name__ == "__main__":
    sys.exit(main())
