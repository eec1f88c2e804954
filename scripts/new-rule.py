#!/usr/bin/python3
"""Scaffolds a relcheck rule: its source, its registry line, its doc page,
its fixtures, and its rows in the rule tables.

Usage: scripts/new-rule.py [--root DIR] --summary TEXT [--severity S] NAME

NAME is the short name, `relcheck-` left off: `dangling-widget` makes

  rules/DanglingWidgetRule.cpp        the rule; run() reports nothing yet
  rules/Rules.def                     + its one registry line, RELCHECK_RULE(...)
  docs/rules/dangling-widget.md       the page, section headings to fill in
  fixtures/dangling-widget/reported.cpp, not-reported.cpp
                                      a case to report and its near miss
                                      (RegistryTest wants at least two)
  README.md, docs/README.md, docs/editor.md
                                      + the rule's row in each rule table
                                      (test/docs checks them against
                                      `relcheck --list-rules`)

The result builds and passes its tests as generated (the fixtures expect no
finding, as run() makes none); then write run(), the fixtures' CHECK-MESSAGES
and the page. Re-run cmake: sources and fixtures are globbed. Refuses to
overwrite anything that exists. Standard library only.
"""

import argparse
import os
import re
import sys

REGISTRY = "rules/Rules.def"

SOURCE = """\
//===- {camel}Rule.cpp - relcheck-{name} {dashes}===//
//
// {summary_comment}
// See docs/rules/{name}.md.
//
//===----------------------------------------------------------------------===//
#include "rules/Rule.h"

#include <vector>

namespace relcheck {{
namespace {{

class {camel}Rule final : public Rule {{
public:
  const RuleInfo &info() const override {{
    static const RuleInfo Info{{
        "relcheck-{name}", "{camel}",
        {summary_literal},
        Severity::{severity_enum}, "docs/rules/{name}.md", {{}}}};
    return Info;
  }}

  void run(const ModelGraph &Graph, const RuleOptions &,
           std::vector<Finding> &Out) const override {{
    // Read only Graph; append one Finding per problem (RuleId, Sev,
    // Message, Range, Model, Attribute, and CaseId when it rests on a
    // SQLAlchemy case of docs/sqlalchemy-semantics.md).
    (void)Graph;
    (void)Out;
  }}
}};

}} // namespace

const Rule &{factory}() {{
  static const {camel}Rule Instance;
  return Instance;
}}

}} // namespace relcheck
"""

DOC = """\
# relcheck-{name}

**Severity:** {severity}

{summary_sentence}

## What it finds, and why

## Examples

## Fixes

None.

## Options

None.
"""

FIXTURE_REPORTED = """\
// A case relcheck-{name} reports: add its CHECK-MESSAGES when run() does.
#include <relcheck/orm.hpp>

struct ORM_MODEL("widget") Widget {{
  ORM_COLUMN(Integer, primary_key=True) int id;
}};
"""

FIXTURE_NOT_REPORTED = """\
// The near miss: relcheck-{name} stays silent.
#include <relcheck/orm.hpp>

struct ORM_MODEL("widget") Widget {{
  ORM_COLUMN(Integer, primary_key=True) int id;
}};
"""

# (file, the heading of its rule table, the row)
TABLES = [
    ("README.md", "## Rules",
     "| [`relcheck-{name}`](docs/rules/{name}.md) | {severity} | {summary} |"),
    ("docs/README.md", "## Rules",
     "| `relcheck-{name}` | [rules/{name}.md](rules/{name}.md) |"),
    ("docs/editor.md", "## The clang-tidy plugin",
     "| `relcheck-{name}` | [rules/{name}.md](rules/{name}.md) |"),
]


class ScaffoldError(Exception):
    pass


def c_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def camel_case(name):
    return "".join(part.capitalize() for part in name.split("-"))


def write_new(root, rel, text):
    path = os.path.join(root, rel)
    if os.path.exists(path):
        raise ScaffoldError("%s exists" % rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def insert_after_last(lines, pattern, new_line, what):
    """Inserts new_line after the last line matching pattern."""
    last = max((i for i, l in enumerate(lines) if re.match(pattern, l)),
               default=None)
    if last is None:
        raise ScaffoldError("%s: found no %s" % (REGISTRY, what))
    lines.insert(last + 1, new_line)


def register(root, factory):
    """The factory's line in the rule list (Registry.cpp expands it into the
    declaration and the entry of allRules())."""
    path = os.path.join(root, REGISTRY)
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    line = "RELCHECK_RULE(%s)" % factory
    if line in lines:
        raise ScaffoldError("%s already registers %s" % (REGISTRY, factory))
    insert_after_last(lines, r"^RELCHECK_RULE\(\w+Rule\)$", line,
                      "RELCHECK_RULE(...) line")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))


def add_table_row(root, rel, heading, row):
    """Appends row to the table under heading (after its last row)."""
    path = os.path.join(root, rel)
    if not os.path.exists(path):
        return  # a partial tree (the scaffold's own test copies what it needs)
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    start = lines.index(heading) if heading in lines else None
    if start is None:
        raise ScaffoldError("%s: no heading %r" % (rel, heading))
    last_row = None
    for i in range(start + 1, len(lines)):
        if lines[i].startswith("#"):
            break
        if lines[i].startswith("| ") and "relcheck-" in lines[i]:
            last_row = i
    if last_row is None:
        raise ScaffoldError("%s: no rule table under %r" % (rel, heading))
    lines.insert(last_row + 1, row)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))


def scaffold(root, name, summary, severity):
    if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", name):
        raise ScaffoldError("NAME must be lower-case words joined by '-', "
                            "without 'relcheck-': %r" % name)
    if name.startswith("relcheck-"):
        raise ScaffoldError("leave 'relcheck-' off NAME")
    camel = camel_case(name)
    factory = camel[0].lower() + camel[1:] + "Rule"
    title = "//===- %sRule.cpp - relcheck-%s " % (camel, name)
    fields = dict(
        name=name, camel=camel, factory=factory, severity=severity,
        severity_enum=severity.capitalize(), summary=summary,
        dashes="-" * max(3, 80 - len(title) - len("===//")),
        summary_comment=summary[0].upper() + summary[1:] + ".",
        summary_literal=c_string(summary),
        summary_sentence=summary[0].upper() + summary[1:] + ".")
    sources = [
        ("rules/%sRule.cpp" % camel, SOURCE),
        ("docs/rules/%s.md" % name, DOC),
        ("fixtures/%s/reported.cpp" % name, FIXTURE_REPORTED),
        ("fixtures/%s/not-reported.cpp" % name, FIXTURE_NOT_REPORTED),
    ]
    for rel, _ in sources:  # all or nothing
        if os.path.exists(os.path.join(root, rel)):
            raise ScaffoldError("%s exists" % rel)
    register(root, factory)
    for rel, template in sources:
        write_new(root, rel, template.format(**fields))
    for rel, heading, row in TABLES:
        add_table_row(root, rel, heading, row.format(**fields))
    return [rel for rel, _ in sources]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", default=os.path.dirname(os.path.dirname(
        os.path.realpath(__file__))), help="the source tree (default: this one)")
    parser.add_argument("--summary", required=True,
                        help="one line, for --list-rules and SARIF")
    parser.add_argument("--severity", choices=("warning", "error"),
                        default="warning")
    parser.add_argument("name", help="short name: dangling-widget")
    args = parser.parse_args(argv)
    try:
        written = scaffold(args.root, args.name, args.summary, args.severity)
    except ScaffoldError as err:
        print("new-rule.py: %s" % err, file=sys.stderr)
        return 1
    for rel in written + [REGISTRY]:
        print(rel)
    return 0


if __name__ == "__main__":
    sys.exit(main())
