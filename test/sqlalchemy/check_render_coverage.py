#!/usr/bin/python3
"""Renders every documented example and every fixture, and executes each.

scripts/render_sqlalchemy.py must render everything docs/annotations.md
documents (issue 15). The agreement tests cannot prove it: a rendering that
dies with a NameError in a class body looks to them like SQLAlchemy refusing
the models, and a fixture with an error finding then "agrees". So this test
renders, per item, through `relcheck --dump-facts` exactly as
check_agreement.py does, executes the module and calls configure_mappers()
in a fresh /usr/bin/python3, and fails when:

  * a documented example (each ```cpp block of docs/annotations.md, written
    to a file of its own) does not render completely (a model or table
    skipped, an annotation issue, a compile error) or does not configure:
    the vocabulary page documents valid models;
  * any item's module fails while its class bodies run (before
    configure_mappers(), which evaluates the join strings) with an error
    only the rendering can cause there: NameError (a name the module never
    imports or defines), SyntaxError (text that is no Python), ImportError,
    or an AttributeError on the sqlalchemy modules it imports;
  * a keyword of the `ORM_RELATIONSHIP` keyword table of docs/annotations.md
    is written (`keyword=`) by no item whose class bodies ran: a documented
    keyword nobody renders could hide the next NameError.

Fixtures with `// SQLALCHEMY: skip` or `// CHECK-EXIT: 2` are skipped, as in
the agreement test. Exit status: 0 pass, 1 fail.
"""
import argparse
import concurrent.futures
import os
import re
import sys
import tempfile

sys.dont_write_bytecode = True  # keep the source tree clean

HERE = os.path.dirname(os.path.realpath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import check_agreement  # noqa: E402  (run_relcheck, configure, render)

run_fixture = check_agreement.run_fixture
render_sqlalchemy = check_agreement.render_sqlalchemy

# Errors in executing a rendered module that only the rendering can cause.
RENDERER_ERRORS = ("NameError", "SyntaxError", "ImportError",
                   "ModuleNotFoundError", "UnboundLocalError")



def cpp_blocks(markdown_path):
    """(first line number, text) of each ```cpp block."""
    blocks, current, start = [], None, 0
    with open(markdown_path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            stripped = line.strip()
            if current is None:
                if re.match(r"^```(cpp|c\+\+)\s*$", stripped):
                    current, start = [], number + 1
            elif stripped.startswith("```"):
                blocks.append((start, "".join(current)))
                current = None
            else:
                current.append(line)
    return blocks


def documented_keywords(markdown_path):
    """The first column of the `ORM_RELATIONSHIP` keywords table."""
    with open(markdown_path, encoding="utf-8") as handle:
        text = handle.read()
    match = re.search(r"^## `ORM_RELATIONSHIP` keywords$(.*?)^## ", text,
                      re.M | re.S)
    if not match:
        return []
    return re.findall(r"^\| `([A-Za-z_][A-Za-z_0-9]*)` \|", match.group(1),
                      re.M)


def source_text(path):
    """All C++ text of a fixture (a file, or a directory's sources)."""
    paths = [path]
    if os.path.isdir(path):
        paths = sorted(os.path.join(d, f) for d, _, files in os.walk(path)
                       for f in files if f.endswith((".cpp", ".hpp", ".h")))
    chunks = []
    for p in paths:
        with open(p, encoding="utf-8", errors="replace") as handle:
            chunks.append(handle.read())
    return "\n".join(chunks)


def fixture_paths(fixtures_dir):
    """Every fixture: fixtures/<rule>/<case>.cpp and <case>/ directories."""
    found = []
    for rule in sorted(os.listdir(fixtures_dir)):
        rule_dir = os.path.join(fixtures_dir, rule)
        if not os.path.isdir(rule_dir):
            continue
        for case in sorted(os.listdir(rule_dir)):
            path = os.path.join(rule_dir, case)
            if case.endswith(".cpp") and os.path.isfile(path):
                found.append(path)
            elif os.path.isdir(path) and os.path.isfile(
                    os.path.join(path, "main.cpp")):
                found.append(path)
    return found


class Item:
    def __init__(self, name, path, documented):
        self.name = name
        self.path = path
        self.documented = documented


def examine(item, args):
    """Returns (name, list of problems, note, whether the class bodies
    ran)."""
    try:
        fixture = run_fixture.read_fixture(item.path)
    except run_fixture.FixtureError as err:
        return item.name, ["malformed: %s" % err], "", False
    if not item.documented and (fixture.sqlalchemy_skip is not None or
                                fixture.exit_code == 2):
        return (item.name, [], "skipped (SQLALCHEMY: skip or CHECK-EXIT: 2)",
                False)
    problems = []
    with tempfile.TemporaryDirectory(prefix="relcheck-render-") as tmpdir:
        try:
            facts = check_agreement.relcheck_facts(fixture, args, tmpdir)
            rendering = render_sqlalchemy.render(facts)
            outcome = check_agreement.configure(rendering, tmpdir)
        except check_agreement.Failure as failure:
            return item.name, [str(failure)], "", False
        except Exception as exc:  # the renderer itself crashed
            return item.name, ["render_sqlalchemy raised %s: %s" % (
                type(exc).__name__, exc)], "", False
        error = outcome["error"]
        in_body = error is not None and error["phase"] == "class body"
        if item.documented:
            for line in rendering.problems + rendering.skipped:
                problems.append("not rendered completely: " + line)
            if error is not None:
                problems.append("SQLAlchemy does not configure it: %s: %s" % (
                    error["type"], error["message"]))
        elif in_body and (error["type"] in RENDERER_ERRORS or (
                error["type"] == "AttributeError" and
                "sqlalchemy" in error["message"])):
            problems.append("executing the rendering raises %s: %s" % (
                error["type"], error["message"]))
        if problems:
            problems.append("--- rendered module ---\n" +
                            check_agreement.numbered(rendering.source))
            if error is not None:
                problems.append("--- traceback ---\n" +
                                error.get("traceback", "").rstrip())
    return item.name, problems, "", not in_body


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--relcheck", required=True)
    parser.add_argument("--include", required=True)
    parser.add_argument("--docs", default=os.path.join(ROOT, "docs",
                                                       "annotations.md"))
    parser.add_argument("--fixtures", default=os.path.join(ROOT, "fixtures"))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", choices=("docs", "fixtures"),
                        help="check only the documented examples or only "
                             "the fixtures")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="relcheck-doc-examples-") as docs:
        items = []
        if args.only != "fixtures":
            blocks = cpp_blocks(args.docs)
            if not blocks:
                print("FAIL: no ```cpp block in %s" % args.docs)
                return 1
            for line, text in blocks:
                path = os.path.join(docs, "annotations-md-line-%d.cpp" % line)
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(text)
                items.append(Item("%s:%d" % (os.path.relpath(args.docs, ROOT),
                                             line), path, True))
        if args.only != "docs":
            for path in fixture_paths(args.fixtures):
                name = os.path.relpath(path, args.fixtures)
                name = re.sub(r"\.cpp$", "", name)
                items.append(Item(name, path, False))

        failed = 0
        rendered_text = []
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            results = pool.map(lambda i: (i, examine(i, args)), items)
            for item, (name, problems, note, ran) in results:
                if ran:
                    rendered_text.append(source_text(item.path))
                if problems:
                    failed += 1
                    print("FAIL: %s" % name)
                    for problem in problems:
                        print("  " + problem.replace("\n", "\n  "))
                else:
                    print("PASS: %s%s" % (name, " (%s)" % note if note else ""))
        if args.only is None:
            keywords = documented_keywords(args.docs)
            if not keywords:
                print("FAIL: no `ORM_RELATIONSHIP` keywords table in %s" %
                      args.docs)
                failed += 1
            everything = "\n".join(rendered_text)
            for word in keywords:
                if not re.search(r"\b%s\s*=" % re.escape(word), everything):
                    print("FAIL: keyword %s (documented in %s) is written by "
                          "no example or fixture whose rendering ran" %
                          (word, os.path.relpath(args.docs, ROOT)))
                    failed += 1
    print("%d of %d item(s) failed" % (failed, len(items)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
