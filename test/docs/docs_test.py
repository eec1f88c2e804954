#!/usr/bin/python3
"""The documentation that lists the rules agrees with the registry.

Usage: docs_test.py --relcheck BIN --include DIR --source-dir DIR [--cxx CXX]
                    NAME...

One ctest per `test_<name>` function (test/docs/CMakeLists.txt):
- rule_tables: the rule tables of README.md, docs/README.md and
  docs/editor.md name exactly the rules `relcheck --list-rules` prints
  (docs/editor.md lists the clang-tidy checks: every rule but
  relcheck-nolint, which clang-tidy's own NOLINT handling replaces), each
  linking its own page;
- new_rule_scaffold: scripts/new-rule.py, run on a temporary copy of the
  files it edits, writes the rule's source, doc page and two fixtures, adds
  the factory's declaration and list entry to rules/Registry.cpp and one row
  to each rule table, and refuses to run twice; the generated source and
  registry pass `-fsyntax-only` against this tree's headers and the
  generated fixtures pass run_fixture.py. It does not build and link a copy
  of the tree (minutes on CI's two cores): that the rule then registers is
  left to RegistryTest and the fixture tests once a rule is in the tree.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

ARGS = None

# `| [`relcheck-x`](docs/rules/x.md) | ...` or `| `relcheck-x` | [..](rules/x.md) |`.
ROW_RE = re.compile(r"^\|\s*\[?`(?P<id>relcheck-[a-z0-9-]+)`\]?(?P<rest>.*)$")


class TestFailure(Exception):
    pass


def listed_rules():
    out = subprocess.run([ARGS.relcheck, "--list-rules"], check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    return [line.split()[0] for line in out.splitlines() if line.strip()]


def table_rules(path, heading):
    """(id, rest of the row) of the table under `heading` in path."""
    rows, inside = [], False
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                inside = line.strip() == heading
                continue
            match = ROW_RE.match(line) if inside else None
            if match:
                rows.append((match.group("id"), match.group("rest")))
    if not rows:
        raise TestFailure("%s: no rule table under %r" % (path, heading))
    return rows


def check_table(path, heading, expected):
    rows = table_rules(os.path.join(ARGS.source_dir, path), heading)
    ids = [rule for rule, _ in rows]
    if sorted(ids) != sorted(expected):
        raise TestFailure(
            "%s (%s) lists %s; relcheck --list-rules has %s (missing: %s; "
            "extra: %s)" % (path, heading, sorted(ids), sorted(expected),
                            sorted(set(expected) - set(ids)),
                            sorted(set(ids) - set(expected))))
    for rule, rest in rows:
        page = "rules/%s.md" % rule[len("relcheck-"):]
        if page not in rest:
            raise TestFailure("%s: the row of %s does not link %s" %
                              (path, rule, page))


def test_rule_tables():
    rules = listed_rules()
    check_table("README.md", "## Rules", rules)
    check_table("docs/README.md", "## Rules", rules)
    check_table("docs/editor.md", "## The clang-tidy plugin",
                [r for r in rules if r != "relcheck-nolint"])


# What scripts/new-rule.py edits: copied, so the tree is untouched.
SCAFFOLD_EDITS = ["rules/Rules.def", "README.md", "docs/README.md",
                  "docs/editor.md"]


def run_scaffold(tree):
    return subprocess.run(
        [sys.executable, os.path.join(ARGS.source_dir, "scripts/new-rule.py"),
         "--root", tree, "--summary", "a widget nothing points to",
         "dangling-widget"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)


def added_lines(tree, rel):
    before = open(os.path.join(ARGS.source_dir, rel)).read().splitlines()
    after = open(os.path.join(tree, rel)).read().splitlines()
    return [line for line in after if line not in before]


def test_new_rule_scaffold():
    with tempfile.TemporaryDirectory(prefix="relcheck-new-rule-") as tree:
        for rel in SCAFFOLD_EDITS:
            os.makedirs(os.path.dirname(os.path.join(tree, rel)), exist_ok=True)
            shutil.copy(os.path.join(ARGS.source_dir, rel),
                        os.path.join(tree, rel))
        result = run_scaffold(tree)
        if result.returncode != 0:
            raise TestFailure("new-rule.py failed: %s" % result.stderr)
        created = ["rules/DanglingWidgetRule.cpp",
                   "docs/rules/dangling-widget.md",
                   "fixtures/dangling-widget/reported.cpp",
                   "fixtures/dangling-widget/not-reported.cpp"]
        written = sorted(os.path.relpath(os.path.join(d, f), tree)
                         for d, _, fs in os.walk(tree) for f in fs)
        if written != sorted(SCAFFOLD_EDITS + created):
            raise TestFailure("files after the scaffold: %s" % written)
        source = open(os.path.join(tree, created[0])).read()
        for needle in ('"relcheck-dangling-widget"',
                       '"a widget nothing points to"',
                       '"docs/rules/dangling-widget.md"',
                       "const Rule &danglingWidgetRule() {"):
            if needle not in source:
                raise TestFailure("%s lacks %s" % (created[0], needle))
        registry = added_lines(tree, "rules/Rules.def")
        if registry != ["RELCHECK_RULE(danglingWidgetRule)"]:
            raise TestFailure("Rules.def: expected one registry line, got %r"
                              % registry)
        for rel in SCAFFOLD_EDITS[1:]:
            rows = added_lines(tree, rel)
            if len(rows) != 1 or "`relcheck-dangling-widget`" not in rows[0] \
                    or "rules/dangling-widget.md" not in rows[0]:
                raise TestFailure("%s: expected one table row, got %r" %
                                  (rel, rows))
        # The rule tables of the copy still parse, with the new row in them.
        saved = ARGS.source_dir
        ARGS.source_dir = tree
        try:
            expected = listed_rules() + ["relcheck-dangling-widget"]
            check_table("README.md", "## Rules", expected)
            check_table("docs/README.md", "## Rules", expected)
        finally:
            ARGS.source_dir = saved
        # Cheap stand-ins for building the copy: the generated source and
        # registry compile (syntax and types, against this tree's headers,
        # with the project's warnings; Registry.cpp reads the copy's
        # Rules.def, -I tree comes first), and the fixtures are well-formed
        # and pass as generated.
        for path in (os.path.join(tree, created[0]),
                     os.path.join(ARGS.source_dir, "rules/Registry.cpp")):
            compiled = subprocess.run(
                [ARGS.cxx, "-fsyntax-only", "-std=c++17", "-Wall", "-Wextra",
                 "-Wpedantic", "-Werror", "-I", tree,
                 "-I", os.path.join(ARGS.source_dir, "lib"),
                 "-I", ARGS.source_dir, path],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            if compiled.returncode != 0:
                raise TestFailure("%s does not compile:\n%s" %
                                  (path, compiled.stdout))
        for rel in created[2:]:
            fixture = subprocess.run(
                [sys.executable, os.path.join(ARGS.source_dir,
                                              "test/fixtures/run_fixture.py"),
                 "--relcheck", ARGS.relcheck, "--include", ARGS.include,
                 os.path.join(tree, rel)],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            if fixture.returncode != 0:
                raise TestFailure("%s does not pass:\n%s" % (rel, fixture.stdout))
        # A second run refuses: the rule exists.
        if run_scaffold(tree).returncode == 0:
            raise TestFailure("new-rule.py ran twice for one rule")


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--relcheck", required=True)
    parser.add_argument("--include", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--cxx", default="clang++-19",
                        help="compiler for the scaffold's syntax check")
    parser.add_argument("names", nargs="+")
    ARGS = parser.parse_args()
    failed = 0
    for name in ARGS.names:
        try:
            globals()["test_" + name]()
            print("PASS: %s" % name)
        except TestFailure as err:
            print("FAIL: %s: %s" % (name, err))
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
