#!/usr/bin/python3
"""The CLI's fix options, end to end on small projects (docs/fixes.md).

Usage: cli_fix_test.py --relcheck BIN --include DIR TEST_NAME
Each test_* function is one ctest. Exit status: 0 pass, 1 fail.
"""

import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.realpath(__file__)),
                                os.pardir, "support"))
import relcheck_harness as harness  # noqa: E402
from relcheck_harness import TestFailure, read, write  # noqa: E402

ARGS = None

BACKREF_MODEL = """#include <relcheck/orm.hpp>
#include <vector>
struct Address;
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address", backref="user") std::vector<Address*> addresses;
};
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
};
"""

# back_populates="user" is longer than backref="user": the edited line would
# pass the column limit (80), so the member goes to the next line.
FIXED_MODEL = BACKREF_MODEL.replace('backref="user") ',
                                    'back_populates="user")\n  ') \
    .replace("int user_id;\n",
             'int user_id;\n  ORM_RELATIONSHIP("User", back_populates='
             '"addresses") User *user;\n')

# A backref whose name is already mapped (E6): reported, never fixed.
COLLISION_MODEL = BACKREF_MODEL.replace('backref="user"', 'backref="user_id"')


def check(condition, message, result=None):
    if not condition:
        if result is not None:
            message += "\n--- exit %d\n--- stdout\n%s--- stderr\n%s" % (
                result.returncode, result.stdout, result.stderr)
        raise TestFailure(message)


def project(content):
    directory = harness.tmpdir(prefix="relcheck-cli-fix-")
    path = write(os.path.join(directory, "models.cpp"), content)
    return directory, path


def relcheck(path, *options, cwd=None):
    cmd = [ARGS.relcheck] + list(options) + [path, "--", "-std=c++17",
                                             "-I", ARGS.include]
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=300,
                          cwd=cwd or os.path.dirname(path))


def test_fix_writes_and_exits_clean():
    directory, path = project(BACKREF_MODEL)
    result = relcheck(path, "--fix")
    check(result.returncode == 0, "every finding fixed: exit 0", result)
    check(read(path) == FIXED_MODEL, "fixed content:\n" + read(path))
    check("relcheck: applied 1 of 1 suggested fix (1 file)" in result.stderr,
          "summary on stderr", result)
    check(sorted(os.listdir(directory)) == ["models.cpp"],
          "no temporary left: %r" % os.listdir(directory))
    again = relcheck(path, "--fix")
    check(again.returncode == 0 and again.stdout == "", "nothing left", again)
    check(read(path) == FIXED_MODEL, "a second --fix changes nothing")


def test_fix_beside_an_annotation_nested_5000_deep():
    """Issue 12, defect 5: clang-format recursed once per bracket level of
    an annotation (macro arguments, which compile at any depth) and --fix
    died with SIGSEGV. Now the file's edits are applied unformatted, with a
    warning that says why."""
    deep = "(" * 5000 + "1" + ")" * 5000
    # In the class the fix inserts a member into: formatted together.
    model = BACKREF_MODEL.replace(
        'int user_id;\n',
        'int user_id;\n  ORM_RELATIONSHIP("User", viewonly=True, order_by=%s) '
        'User* owner;\n' % deep)
    check(model != BACKREF_MODEL, "the test model has the deep annotation")
    _, path = project(model)
    result = relcheck(path, "--fix")
    check(result.returncode in (0, 1), "no crash: exit 0 or 1", result)
    check("back_populates=" in read(path), "the backref is fixed", result)
    check("are not formatted: its brackets nest 5002 deep" in result.stderr,
          "the warning says why the edits are not formatted", result)
    dry = relcheck(path, "--fix-dry-run")
    check(dry.returncode in (0, 1), "--fix-dry-run: no crash", dry)


def test_fix_exits_1_when_findings_remain():
    _, path = project(COLLISION_MODEL)
    result = relcheck(path, "--fix")
    check(result.returncode == 1, "unfixable findings remain: exit 1", result)
    check(read(path) == COLLISION_MODEL, "nothing written")


def test_dry_run_prints_a_diff_and_writes_nothing():
    directory, path = project(BACKREF_MODEL)
    report = os.path.join(directory, "report.txt")
    result = relcheck(path, "--fix-dry-run", "-o", report)
    check(result.returncode == 1, "findings: exit 1", result)
    check(read(path) == BACKREF_MODEL, "--fix-dry-run writes no source")
    # git-style paths relative to the base directory (here the current
    # one), so `git apply` and `patch -p1` apply it there.
    check(result.stdout.startswith("--- a/models.cpp\n+++ b/models.cpp\n@@ "),
          "a unified diff on stdout", result)
    check('+  ORM_RELATIONSHIP("User", back_populates="addresses") User *user;'
          in result.stdout, "the inserted line", result)
    check("[relcheck-legacy-backref]" in read(report), "the report in -o")
    check("--fix would apply 1 of 1 suggested fix" in result.stderr,
          "summary", result)
    alias = relcheck(path, "--diff")
    check(alias.stdout == result.stdout, "--diff is --fix-dry-run", alias)


def repository_project():
    """A git work tree as users have it: the models in include/, two TUs
    including them, the database in build/ (CMake's layout)."""
    root = harness.tmpdir(prefix="relcheck-cli-fix-repo-")
    subprocess.run(["git", "init", "-q", root], check=True)
    write(os.path.join(root, "include", "models.hpp"), BACKREF_MODEL)
    for tu in ("a.cpp", "b.cpp"):
        write(os.path.join(root, "src", tu), '#include "models.hpp"\n')
    entries = [{"directory": os.path.join(root, "build"),
                "file": os.path.join(root, "src", tu),
                "arguments": ["clang++-19", "-std=c++17", "-I", ARGS.include,
                              "-I", os.path.join(root, "include"), "-c",
                              os.path.join(root, "src", tu)]}
               for tu in ("a.cpp", "b.cpp")]
    write(os.path.join(root, "build", "compile_commands.json"), json.dumps(entries))
    return root


def sources(root):
    return {name: read(os.path.join(root, name))
            for name in ("include/models.hpp", "src/a.cpp", "src/b.cpp")}


def documented_recipe():
    """The command lines of docs/fixes.md's "Applying fixes from the CLI"
    block, comments removed."""
    doc = read(os.path.join(os.path.dirname(os.path.realpath(__file__)),
                            os.pardir, os.pardir, "docs", "fixes.md"))
    section = doc[doc.index("## Applying fixes from the CLI"):]
    block = section[section.index("```sh\n") + 6:]
    block = block[:block.index("```")]
    return [line.split("  #")[0].strip() for line in block.splitlines()]


def run_shell(line, root):
    """One documented command line, with this relcheck first on PATH."""
    bindir = harness.tmpdir(prefix="relcheck-cli-fix-bin-")
    os.symlink(ARGS.relcheck, os.path.join(bindir, "relcheck"))
    env = dict(os.environ, PATH=bindir + os.pathsep + os.environ["PATH"])
    return subprocess.run(["sh", "-c", line], cwd=root, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=300)


def test_documented_recipes_apply_what_fix_writes():
    lines = documented_recipe()
    fixed = repository_project()
    result = run_shell(lines[0], fixed)
    check(lines[0].startswith("relcheck --fix ") and result.returncode == 0,
          "%s: every finding fixed" % lines[0], result)
    expected = sources(fixed)
    check(expected["include/models.hpp"] == FIXED_MODEL,
          "the header member is inserted once:\n" + expected["include/models.hpp"])
    # The dry-run diff, applied with git apply as documented, and with
    # patch -p1; the export applied with clang-apply-replacements.
    groups = [[l for l in lines if "fix-dry-run" in l or "git apply" in l],
              [l for l in lines if "fix-dry-run" in l] + ["patch -p1 < fixes.diff"],
              [l for l in lines if "export-fixes" in l]]
    for group in groups:
        check(group and all(group), "recipe lines in docs/fixes.md: %r" % lines)
        root = repository_project()
        for line in group:
            result = run_shell(line, root)
            # relcheck itself exits 1: it found what the recipe applies.
            allowed = (0, 1) if line.startswith("relcheck ") else (0,)
            check(result.returncode in allowed, "%r fails in %s" % (line, root),
                  result)
        check(sources(root) == expected, "%r gives other bytes than --fix:\n%s"
              % (group, sources(root)))


def test_export_fixes_with_fix():
    directory, path = project(BACKREF_MODEL)
    exported = os.path.join(directory, "fixes.yaml")
    result = relcheck(path, "--fix", "--export-fixes=" + exported)
    check(result.returncode == 0, "exit 0", result)
    yaml = read(exported)
    check("DiagnosticName:  relcheck-legacy-backref" in yaml, "yaml:\n" + yaml)
    # The edit and the line break the column limit asks for are one
    # replacement: YAML writes it double-quoted.
    check('back_populates=\\"user\\")\\n  std::vector' in yaml,
          "yaml:\n" + yaml)


# A filtered collection with a backref (SQLAlchemy's "tony" example): the
# one-way fix (a behaviour change) or the exact two-way rewrite.
FILTERED_BACKREF_MODEL = """#include <relcheck/orm.hpp>
#include <string>
#include <vector>
struct Address;
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address",
                   primaryjoin="and_(User.id == Address.user_id, Address.email.startswith('tony'))",
                   backref="user")
  std::vector<Address*> addresses;
};
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(String) std::string email;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
};
"""


def test_fix_exact_only_keeps_a_filtered_backref_two_way():
    """--fix applies the one-way fix; --fix-exact-only the exact rewrite
    (both sides linked, the filter copied as the backref copied it); with
    relcheck-one-way-filtered-collection disabled, --fix applies the exact
    rewrite too: no backref is left without a fix."""
    _, path = project(FILTERED_BACKREF_MODEL)
    result = relcheck(path, "--fix", "--quiet")
    fixed = read(path)
    check("backref=" not in fixed, "one-way: backref gone", result)
    check('ORM_RELATIONSHIP("User") User' in fixed.replace(" *", "* ")
          or 'ORM_RELATIONSHIP("User")' in fixed,
          "one-way: the partner names no back_populates:\n" + fixed, result)
    for options in (["--fix-exact-only"],
                    ["--rules=-*,relcheck-legacy-backref"]):
        _, path = project(FILTERED_BACKREF_MODEL)
        result = relcheck(path, "--fix", *options)
        fixed = read(path)
        check("backref=" not in fixed, "%s: backref gone:\n%s" % (options, fixed),
              result)
        check('back_populates="addresses"' in fixed and
              'back_populates="user"' in fixed,
              "%s: both sides linked:\n%s" % (options, fixed), result)
    _, path = project(FILTERED_BACKREF_MODEL)
    result = relcheck(path, "--fix-exact-only")
    check(result.returncode == 2 and "--fix-exact-only" in result.stderr,
          "--fix-exact-only alone is a usage error", result)


def test_parseable_fixits():
    _, path = project(BACKREF_MODEL)
    result = relcheck(path, "--parseable-fixits")
    lines = result.stdout.splitlines()
    fixits = [l for l in lines if l.startswith("fix-it:")]
    check(fixits == [
        'fix-it:"%s":{6:31-6:45}:"back_populates=\\"user\\""' % path,
        'fix-it:"%s":{10:58-10:58}:"\\n  ORM_RELATIONSHIP(\\"User\\", '
        'back_populates=\\"addresses\\") User* user;"' % path],
        "fix-it lines: %r" % fixits, result)
    # Without the option: the replacement under the caret line, as clang.
    plain = relcheck(path).stdout.splitlines()
    check(plain[3] == " " * 30 + 'back_populates="user"',
          "hint line %r" % plain[3:4])


def test_output_without_fixes_is_unchanged():
    _, path = project(COLLISION_MODEL)
    with_fixits = relcheck(path, "--parseable-fixits")
    plain = relcheck(path)
    check(with_fixits.stdout == plain.stdout, "no fix, no extra line", plain)
    check(not any(l.startswith("fix-it:") or l.startswith(" " * 30 + "back")
                  for l in plain.stdout.splitlines()), "no hint", plain)


def test_fix_and_dry_run_conflict():
    _, path = project(BACKREF_MODEL)
    result = relcheck(path, "--fix", "--fix-dry-run")
    check(result.returncode == 2, "usage error: exit 2", result)
    check("relcheck: error: '--fix' and '--fix-dry-run' cannot be combined"
          in result.stderr, "message", result)
    check(read(path) == BACKREF_MODEL, "nothing written")


def test_formatting_follows_clang_format_file():
    directory, path = project(BACKREF_MODEL)
    with open(os.path.join(directory, ".clang-format"), "w") as handle:
        handle.write("BasedOnStyle: LLVM\nPointerAlignment: Left\n")
    result = relcheck(path, "--fix")
    check(result.returncode == 0, "exit 0", result)
    check('back_populates="addresses") User* user;\n' in read(path),
          "left pointer alignment from .clang-format:\n" + read(path))


def test_fix_writes_the_target_of_a_symlink():
    directory, path = project('#include "models.hpp"\n')
    real = write(os.path.join(directory, "real", "models.hpp"), BACKREF_MODEL)
    link = os.path.join(directory, "models.hpp")
    os.symlink(os.path.join("real", "models.hpp"), link)
    os.chmod(real, 0o640)
    result = relcheck(path, "--fix")
    check(result.returncode == 0, "every finding fixed: exit 0", result)
    check(os.path.islink(link), "the symlink stays a symlink")
    check(read(real) == FIXED_MODEL, "the target is fixed:\n" + read(real))
    check(os.stat(real).st_mode & 0o777 == 0o640, "the target keeps its mode")
    check(sorted(os.listdir(os.path.join(directory, "real"))) ==
          ["models.hpp"], "no temporary left")


def test_fix_keeps_hard_links():
    directory, path = project('#include "models.hpp"\n')
    header = write(os.path.join(directory, "models.hpp"), BACKREF_MODEL)
    other = os.path.join(directory, "copy.hpp")
    os.link(header, other)
    result = relcheck(path, "--fix")
    check(result.returncode == 0, "every finding fixed: exit 0", result)
    check(read(header) == FIXED_MODEL, "fixed:\n" + read(header))
    check(os.path.samefile(header, other) and os.stat(header).st_nlink == 2,
          "the hard link is kept (one file, two names)")


def main():
    global ARGS
    ARGS = harness.parse_args(harness.argument_parser())
    return harness.run_tests(globals(), ARGS)


if __name__ == "__main__":
    sys.exit(main())
