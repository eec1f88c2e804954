"""The shared harness of relcheck's CTest-driven Python test scripts.

Each script (test/cli/cli_test.py, test/report/report_test.py, ...) is one
ctest per `def test_<name>` function; CMake finds the names with a regex and
runs `script.py --relcheck BIN --include DIR [options] NAME`. What every such
script needs lives here once: the failure type and assertions, running a
process, temp directories removed at exit, file helpers, and the main loop
that runs tests by name. Script-specific helpers stay in the scripts.

Scripts import it with
    sys.path.insert(0, os.path.join(<script dir>, os.pardir, "support"))
    import relcheck_harness as harness
so the ctest command lines need no PYTHONPATH. Python 3.11 stdlib only.
"""

import argparse
import atexit
import os
import shutil
import subprocess
import sys
import tempfile

# The parsed command line (parse_args); relcheck() reads the binary from it.
ARGS = None
TEMP_DIRS = []


class TestFailure(Exception):
    pass


class Result:
    """A finished process: its command, exit code and decoded output."""

    def __init__(self, cmd, proc):
        self.cmd = cmd
        self.rc = proc.returncode
        self.out = proc.stdout.decode("utf-8", "replace")
        self.err = proc.stderr.decode("utf-8", "replace")

    def __str__(self):
        return ("command: %s\nexit: %d\nstdout:\n%s\nstderr:\n%s"
                % (" ".join(self.cmd), self.rc, self.out, self.err))


def check(cond, what, result=None):
    """Fails the test with `what`, and the process's command and output when
    a Result is given (the output is what explains most failures)."""
    if not cond:
        detail = ""
        if result is not None:
            detail = ("\n--- command: %s\n--- exit: %d\n--- stdout:\n%s--- stderr:\n%s"
                      % (" ".join(result.cmd), result.rc, result.out, result.err))
        raise TestFailure(what + detail)


def check_eq(actual, expected, what, result=None):
    check(actual == expected, "%s: expected %r, got %r" % (what, expected, actual),
          result)


def run(cmd, cwd=None, timeout=240, result_type=Result):
    """Runs cmd to completion with captured output; never raises on a
    non-zero exit (the tests assert exit codes themselves)."""
    cmd = [str(a) for a in cmd]
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=timeout)
    return result_type(cmd, proc)


def relcheck(*args, cwd=None):
    """Runs the relcheck binary under test (--relcheck) with args."""
    return run([ARGS.relcheck] + list(args), cwd=cwd)


def _remove_temp_dirs():
    for path in TEMP_DIRS:
        shutil.rmtree(path, ignore_errors=True)


atexit.register(_remove_temp_dirs)


def tmpdir(prefix="relcheck-test-"):
    """A fresh directory (symlinks resolved, as relcheck prints real paths),
    removed when the script exits."""
    path = os.path.realpath(tempfile.mkdtemp(prefix=prefix))
    TEMP_DIRS.append(path)
    return path


def write(path, text, mode="w"):
    """Writes text (bytes with mode "wb"), creating parent directories."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    encoding = None if "b" in mode else "utf-8"
    with open(path, mode, encoding=encoding) as handle:
        handle.write(text)
    return path


def read(path, mode="r"):
    encoding = None if "b" in mode else "utf-8"
    with open(path, mode, encoding=encoding) as handle:
        return handle.read()


def argument_parser():
    """The options every script takes; scripts add their own."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--relcheck", required=True)
    parser.add_argument("--include", required=True)
    parser.add_argument("tests", nargs="*", help="test names (default: all)")
    return parser


def parse_args(parser, argv=None):
    """Parses the command line, resolves the relcheck binary and include
    directory to real paths, and makes the result this module's ARGS."""
    global ARGS
    args = parser.parse_args(argv)
    args.relcheck = os.path.realpath(args.relcheck)
    args.include = os.path.realpath(args.include)
    ARGS = args
    return args


def run_tests(namespace, args, failures=(), on_failure=None):
    """Runs the `test_<name>` functions of namespace (a script's globals())
    named in args.tests (all when none), printing PASS/FAIL for each.

    failures: exception types besides TestFailure that count as a test
    failure; on_failure(): called after a failure is printed (e.g. to show a
    server's log). Returns the exit code: 0 all passed, 1 a test failed,
    2 an unknown test name."""
    names = args.tests or sorted(n[5:] for n in namespace if n.startswith("test_"))
    failed = 0
    for name in names:
        func = namespace.get("test_" + name)
        if func is None:
            print("no such test: %s" % name)
            return 2
        try:
            func()
            print("PASS %s" % name)
        except (TestFailure,) + tuple(failures) as err:
            failed += 1
            print("FAIL %s: %s" % (name, err))
            if on_failure is not None:
                on_failure()
        sys.stdout.flush()
    return 1 if failed else 0
