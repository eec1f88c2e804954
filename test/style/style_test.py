#!/usr/bin/python3
"""scripts/check-style.sh rejects what the declared style forbids.

Usage: style_test.py --relcheck BIN --include DIR --source-dir DIR NAME

Each test copies the script, .clang-format and .clang-tidy of this tree
into a new git repository with a few sources of its own, so what the gate
does is seen on files made to fail it (the tree itself is checked by
.ci/run's style step):
- rejects_misformatted_file: a source under lib/ that clang-format-19 would
  change fails `check-style.sh format` with its diff; formatted, it passes;
  a fixture-like file outside the project's source directories is left
  alone.
- rejects_tidy_finding_in_changed_source: a source changed since the base
  commit with a finding of .clang-tidy fails `check-style.sh tidy`; a
  finding in a source the change does not touch is not reported; fixed, it
  passes.
"""

import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.realpath(__file__)),
                                os.pardir, "support"))
import relcheck_harness as harness  # noqa: E402
from relcheck_harness import check, write  # noqa: E402

ARGS = None

FORMATTED = "int twice(int Value) { return Value * 2; }\n"
MISFORMATTED = "int  twice( int Value ){return Value*2;}\n"
# readability-isolate-declaration, one of .clang-tidy's checks.
TWO_DECLARATIONS = "int sum() {\n  int A = 1, B = 2;\n  return A + B;\n}\n"
ONE_EACH = "int sum() {\n  int A = 1;\n  int B = 2;\n  return A + B;\n}\n"


def repository():
    root = harness.tmpdir(prefix="relcheck-style-test-")
    os.makedirs(os.path.join(root, "scripts"))
    shutil.copy(os.path.join(ARGS.source_dir, "scripts", "check-style.sh"),
                os.path.join(root, "scripts"))
    for name in (".clang-format", ".clang-tidy"):
        shutil.copy(os.path.join(ARGS.source_dir, name), root)
    git(root, "init", "-q")
    return root


def git(root, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t"] +
                   list(args), cwd=root, check=True)


def commit(root, message):
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def style(root, *args):
    cmd = [os.path.join(root, "scripts", "check-style.sh")] + list(args)
    proc = subprocess.run(cmd, cwd=root, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=240)
    result = harness.Result(cmd, proc)
    print(result.out, result.err)
    return result


def compile_commands(root, sources):
    write(os.path.join(root, "build", "compile_commands.json"),
          "[%s]\n" % ",".join(
              '{"directory": "%s", "file": "%s", "command": '
              '"clang++-19 -std=c++17 -c %s"}'
              % (root, os.path.join(root, s), os.path.join(root, s))
              for s in sources))


def test_rejects_misformatted_file():
    root = repository()
    write(os.path.join(root, "lib", "Good.cpp"), FORMATTED)
    write(os.path.join(root, "lib", "Bad.cpp"), MISFORMATTED)
    write(os.path.join(root, "fixtures", "input.cpp"), MISFORMATTED)
    commit(root, "sources")
    r = style(root, "format")
    check(r.rc == 1, "a misformatted source passed", r)
    check("+++ lib/Bad.cpp (clang-format-19)" in r.out, "no diff for it", r)
    check("lib/Good.cpp" not in r.out and "fixtures/" not in r.out,
          "a formatted source or a fixture was reported", r)
    check("1 of 2 files not formatted" in r.err, "no count", r)
    write(os.path.join(root, "lib", "Bad.cpp"), FORMATTED)
    r = style(root, "format")
    check(r.rc == 0 and "2 files, all formatted" in r.out,
          "a formatted tree was rejected", r)


def test_rejects_tidy_finding_in_changed_source():
    root = repository()
    write(os.path.join(root, "lib", "Old.cpp"),
          TWO_DECLARATIONS.replace("sum", "old"))
    write(os.path.join(root, "lib", "Changed.cpp"), ONE_EACH)
    compile_commands(root, ["lib/Old.cpp", "lib/Changed.cpp"])
    commit(root, "base")
    write(os.path.join(root, "lib", "Changed.cpp"), TWO_DECLARATIONS)
    commit(root, "change")
    r = style(root, "tidy", "--build-dir", os.path.join(root, "build"))
    check(r.rc == 1, "a finding in a changed source passed", r)
    check("lib/Changed.cpp:2:3" in r.out + r.err and
          "readability-isolate-declaration" in r.out + r.err,
          "the finding is not shown", r)
    check("Old.cpp" not in r.out + r.err, "an unchanged source was checked",
          r)
    write(os.path.join(root, "lib", "Changed.cpp"), ONE_EACH)
    commit(root, "fixed")
    r = style(root, "tidy", "--build-dir", os.path.join(root, "build"))
    check(r.rc == 0, "the fixed source was rejected", r)


def main():
    global ARGS
    parser = harness.argument_parser()
    parser.add_argument("--source-dir", required=True)
    ARGS = harness.parse_args(parser)
    return harness.run_tests(globals(), ARGS)


if __name__ == "__main__":
    sys.exit(main())
