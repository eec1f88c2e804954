#!/usr/bin/python3
"""Keeps docs/sqlalchemy-coverage.md true against SQLAlchemy and relcheck.

The page lists every error and warning SQLAlchemy 1.4.46 raises in the
configure-time modules of sqlalchemy/orm, one table row per raise site
(`file.py:LINE`), each either covered (a relcheck rule and case id, and the
fixtures that show it), out of scope (with a reason) or a gap. This test
fails when:

  * SQLAlchemy is not 1.4.46 (the lines are that version's);
  * a raise site of the scanned files has no row, or a row of the main
    section names a line that is no raise site (the inventory is complete
    and exact);
  * a row outside the scanned sites names a line that does not exist;
  * a row is neither covered, out of scope with a reason, nor a gap with
    one;
  * a covered row names no fixture, names one that does not exist, or a
    fixture it names does not make relcheck (--format=json, the fixture
    runner's command line) report a finding of that rule with that
    sqlalchemyCase: the inventory names a case id relcheck does not emit.

Exit status: 0 pass, 1 fail.
"""
import argparse
import concurrent.futures
import json
import os
import re
import sys
import tempfile

sys.dont_write_bytecode = True  # keep the source tree clean

HERE = os.path.dirname(os.path.realpath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import check_agreement  # noqa: E402  (the fixture runner's command line)

run_fixture = check_agreement.run_fixture

SQLALCHEMY_VERSION = "1.4.46"
# The modules whose raise sites the page must list, in sqlalchemy/orm.
SCANNED = ("relationships.py", "mapper.py", "decl_base.py", "decl_api.py",
           "clsregistry.py", "strategies.py", "dynamic.py", "interfaces.py",
           "properties.py")
RAISE_SITE = re.compile(
    r"^\s*(raise (sa_exc|exc|orm_exc)\.\w+"
    r"|raise (TypeError|ValueError|AttributeError|NotImplementedError)\b"
    r"|util\.raise_\(|util\.warn\(|util\.warn_limited\("
    r"|util\.warn_deprecated(_20)?\()")
COVERED = re.compile(r"^`(relcheck-[a-z-]+)` ([EJRSW][0-9]+)$")



class Row:
    def __init__(self, line, section, cells):
        self.line = line          # line of the page
        self.section = section    # the "## " heading above it
        self.site = cells[0].strip().strip("`")
        self.status = cells[-2].strip()
        self.fixtures = re.findall(r"`([^`]+)`", cells[-1])


def split_cells(line):
    cells = re.split(r"(?<!\\)\|", line.strip())
    return [c.replace("\\|", "|") for c in cells[1:-1]]


def parse(page):
    rows, section = [], ""
    with open(page, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.startswith("## "):
                section = line[3:].strip()
            elif line.startswith("| `"):
                cells = split_cells(line)
                if len(cells) < 4:
                    raise SystemExit("%s:%d: a row needs at least four cells"
                                     % (page, number))
                rows.append(Row(number, section, cells))
    return rows


def raise_sites(orm_dir):
    sites = set()
    for name in SCANNED:
        with open(os.path.join(orm_dir, name), encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if RAISE_SITE.search(line):
                    sites.add("%s:%d" % (name, number))
    return sites


def findings_of(fixture_path, args):
    """(rule, sqlalchemyCase) pairs relcheck reports for a fixture."""
    fixture = run_fixture.read_fixture(fixture_path)
    with tempfile.TemporaryDirectory(prefix="relcheck-coverage-") as tmpdir:
        report = os.path.join(tmpdir, "report.json")
        cmd, cwd = run_fixture.relcheck_command(
            fixture, os.path.realpath(args.relcheck),
            os.path.realpath(args.include),
            ["--format=json", "--output=" + report], tmpdir)
        result = run_fixture.run_relcheck(cmd, cwd)
        if not os.path.exists(report):
            raise RuntimeError("relcheck wrote no report (exit %d): %s" % (
                result.returncode, check_agreement.decode(result.stderr)))
        with open(report) as handle:
            found = json.load(handle)["findings"]
    return {(f.get("rule"), f.get("sqlalchemyCase")) for f in found}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--relcheck", required=True)
    parser.add_argument("--include", required=True)
    parser.add_argument("--page", default=os.path.join(
        ROOT, "docs", "sqlalchemy-coverage.md"))
    parser.add_argument("--fixtures", default=os.path.join(ROOT, "fixtures"))
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)

    import sqlalchemy
    problems = []
    if sqlalchemy.__version__ != SQLALCHEMY_VERSION:
        print("FAIL: the inventory is of SQLAlchemy %s, this is %s (%s)" % (
            SQLALCHEMY_VERSION, sqlalchemy.__version__, sqlalchemy.__file__))
        return 1
    orm_dir = os.path.join(os.path.dirname(sqlalchemy.__file__), "orm")
    page = os.path.relpath(args.page, ROOT)
    rows = parse(args.page)
    if not rows:
        print("FAIL: no inventory rows in %s" % page)
        return 1

    # Complete and exact: the main section's rows are the raise sites.
    sites = raise_sites(orm_dir)
    listed = {}
    for row in rows:
        if row.section != "Raised while configuring":
            continue
        if row.site in listed:
            problems.append("%s:%d: %s is listed twice" % (page, row.line,
                                                            row.site))
        listed[row.site] = row
        if row.site not in sites:
            problems.append("%s:%d: %s is no raise site of SQLAlchemy %s" % (
                page, row.line, row.site, SQLALCHEMY_VERSION))
    for site in sorted(sites - set(listed),
                       key=lambda s: (s.split(":")[0], int(s.split(":")[1]))):
        problems.append("%s has no row in %s" % (site, page))

    # Rows elsewhere: the named line exists.
    for row in rows:
        match = re.match(r"^([\w./]+\.py):([0-9]+)$", row.site)
        if row.section in ("Raised while configuring", "Accepted silently"):
            continue
        if not match:
            problems.append("%s:%d: '%s' is not FILE.py:LINE" % (
                page, row.line, row.site))
            continue
        path = os.path.normpath(os.path.join(orm_dir, match.group(1)))
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read().split("\n")
        except OSError as err:
            problems.append("%s:%d: %s" % (page, row.line, err))
            continue
        number = int(match.group(2))
        if not 0 < number <= len(text) or not text[number - 1].strip():
            problems.append("%s:%d: %s names no line of %s" % (
                page, row.line, row.site, path))

    # Statuses, and the fixtures of covered rows.
    wanted = {}  # fixture path -> [(row, rule, case)]
    for row in rows:
        covered = COVERED.match(row.status)
        if covered:
            rule, case = covered.groups()
            if not row.fixtures:
                problems.append("%s:%d: %s is covered by %s %s but names no "
                                "fixture" % (page, row.line, row.site, rule,
                                             case))
            for name in row.fixtures:
                path = os.path.join(args.fixtures, name)
                if not os.path.exists(path):
                    problems.append("%s:%d: fixture %s does not exist" % (
                        page, row.line, name))
                    continue
                wanted.setdefault(path, []).append((row, rule, case))
        elif row.status.startswith("out of scope:"):
            if not row.status[len("out of scope:"):].strip():
                problems.append("%s:%d: %s is out of scope without a reason" %
                                (page, row.line, row.site))
        elif row.status.startswith("**gap**:"):
            if not row.status[len("**gap**:"):].strip():
                problems.append("%s:%d: %s is a gap without a description" %
                                (page, row.line, row.site))
        else:
            problems.append("%s:%d: %s: '%s' is not `rule` CASE, 'out of "
                            "scope: reason' or '**gap**: what'" % (
                                page, row.line, row.site, row.status))

    def run(path):
        try:
            return path, findings_of(path, args), None
        except Exception as err:  # reported as a problem of its rows
            return path, set(), err

    checked = 0
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for path, found, err in pool.map(run, sorted(wanted)):
            name = os.path.relpath(path, args.fixtures)
            for row, rule, case in wanted[path]:
                checked += 1
                if err is not None:
                    problems.append("%s:%d: %s: %s" % (page, row.line, name,
                                                       err))
                elif (rule, case) not in found:
                    problems.append(
                        "%s:%d: %s says %s reports %s, but relcheck reports "
                        "on %s only %s" % (
                            page, row.line, row.site, rule, case, name,
                            ", ".join("%s %s" % (r, c) for r, c in
                                      sorted(found, key=str)) or "nothing"))

    for problem in problems:
        print("FAIL: " + problem)
    print("%d rows, %d fixture checks (%d fixtures), %d problem(s)" % (
        len(rows), checked, len(wanted), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
