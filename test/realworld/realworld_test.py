#!/usr/bin/python3
"""relcheck on the real-world corpus (test/realworld/README.md).

Each project of projects.json is translated from its SQLAlchemy model
modules (CORPUS/<project>/, see scripts/import_realworld_corpus.py) by
scripts/translate_sqlalchemy_models.py into a temporary directory, then
checked with the real relcheck binary, clang++-19, g++ and SQLAlchemy 1.4.
One ctest per check, over every project:

  backrefs_found        every backref of the translated models is reported
                        by relcheck-legacy-backref
  no_false_errors       no relcheck error where SQLAlchemy configures the
                        rendered models cleanly
  compiles              before any fix, every TU compiles (clang++, g++)
  fixed_compiles        after `relcheck --fix`, every TU compiles (both)
  fixed_configures      after `relcheck --fix`, SQLAlchemy configures the
                        models (when it configured them before)
  exact_fixes_equivalent  after `--fix` with only relcheck-legacy-backref
                        (every fix exact), SQLAlchemy configures the same
                        relationship properties and warnings as before
  second_fix_noop       a second `relcheck --fix` changes no byte
  legacy_only_no_backref  after `--fix --rules='-*,relcheck-legacy-backref'`
                        no backref= is left and none is reported
  overlaps_agree        relcheck-overlapping-writers reports exactly the
                        overlapping relationships SQLAlchemy warns about
                        (when it configures the models)
  fixed_no_overlaps     after `relcheck --fix`, SQLAlchemy warns about no
                        overlapping relationships

known_gaps.json lists the (project, check) pairs that fail today because of
a known defect, each with its reason (an issue-11 item). A listed pair must
fail (strict, like lit's XFAIL): one that passes fails the test with "remove
this entry"; an unlisted failure fails the test.

`--figures` prints the per-project figures table instead (README.md).
Without the corpus directory every test fails.
"""

import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.realpath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(HERE, os.pardir, "support"))
sys.path.insert(0, os.path.join(HERE, os.pardir, "fixes"))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import relcheck_harness as harness  # noqa: E402
from relcheck_harness import TestFailure  # noqa: E402
import check_fixes  # noqa: E402  (sqlalchemy_difference, as the fix tests compare)
import overlap_messages  # noqa: E402
import sqlalchemy_properties  # noqa: E402  (normalized_warnings)
import translate_sqlalchemy_models as translator  # noqa: E402

PROPERTIES = os.path.join(HERE, os.pardir, "fixes", "sqlalchemy_properties.py")
RENDER = os.path.join(ROOT, "scripts", "render_sqlalchemy.py")
LEGACY_ONLY = "--rules=-*,relcheck-legacy-backref"
ARGS = None


class ToolError(Exception):
    """relcheck could not analyze the project (exit 2): a problem of the
    project's check, not of the test."""


class Project:
    """One project translated into a fresh directory, with cached runs."""

    def __init__(self, name, description):
        self.name = name
        self.description = description
        self.work = harness.tmpdir("relcheck-realworld-%s-" % name)
        self.original = os.path.join(self.work, "original")
        files, self.summary = translator.translate(
            description, os.path.join(ARGS.corpus, name))
        self.tus = translator.write_tree(files, self.original, ARGS.include)
        self.files = files

    def copy(self, tag):
        target = os.path.join(self.work, tag)
        if os.path.exists(target):
            shutil.rmtree(target)
        shutil.copytree(self.original, target)
        # The compilation database names the original directory.
        with open(os.path.join(target, "compile_commands.json")) as handle:
            text = handle.read()
        harness.write(os.path.join(target, "compile_commands.json"),
                      text.replace(self.original, target))
        return target

    def relcheck(self, directory, *args, quiet=True):
        result = harness.run([ARGS.relcheck, "-p", directory] +
                             (["--quiet"] if quiet else []) + list(args),
                             cwd=directory, timeout=600)
        if result.rc not in (0, 1):
            lines = [l for l in (result.err + result.out).splitlines()
                     if "error" in l or "does not compile" in l]
            raise ToolError("relcheck %s exited %d: %s" % (
                " ".join(args), result.rc, (lines[0] if lines else "").replace(
                    directory + "/", "")[:300]))
        return result

    def findings(self, directory, *args):
        result = self.relcheck(directory, "--format=json", *args)
        return json.loads(result.out)["findings"]

    def fix(self, directory, *args):
        """Runs --fix; returns how many fixes it applied."""
        # Not --quiet: that drops the "applied N of M" line too.
        result = self.relcheck(directory, "--fix", *args, quiet=False)
        match = re.search(r"applied (\d+) of (\d+) suggested fix", result.err)
        return int(match.group(1)) if match else 0

    def compile_failures(self, directory, compiler):
        failures = []
        for tu in sorted(t for t in snapshot(directory) if t.endswith(".cpp")):
            cmd = [compiler, "-fsyntax-only", "-std=c++17", "-I", directory,
                   "-I", ARGS.include, os.path.join(directory, tu)]
            result = harness.run(cmd, cwd=directory)
            if result.rc != 0:
                first = next((l for l in result.err.splitlines() if "error" in l),
                             result.err.strip()[:300])
                failures.append("%s: %s" % (tu, first.replace(directory + "/", "")))
        return failures

    def sqlalchemy(self, directory, tag):
        facts = os.path.join(self.work, "facts-%s.json" % tag)
        module = os.path.join(self.work, "models_%s.py" % tag)
        self.relcheck(directory, "--dump-facts=" + facts)
        rendered = harness.run([ARGS.python, RENDER, facts, "-o", module])
        if rendered.rc != 0:
            raise TestFailure("rendering failed:\n%s" % rendered)
        configured = harness.run([ARGS.python, PROPERTIES, module])
        if configured.rc != 0:
            raise TestFailure("configuring failed:\n%s" % configured)
        return json.loads(configured.out.strip().splitlines()[-1])


def snapshot(directory):
    files = {}
    for root, _, names in os.walk(directory):
        for name in names:
            if name.endswith((".hpp", ".cpp")):
                path = os.path.join(root, name)
                files[os.path.relpath(path, directory)] = harness.read(path)
    return files


def load_projects():
    with open(os.path.join(HERE, "projects.json")) as handle:
        projects = json.load(handle)["projects"]
    return sorted(projects.items())


def known_gaps():
    with open(os.path.join(HERE, "known_gaps.json")) as handle:
        gaps = json.load(handle)["gaps"]
    return {(g["project"], g["check"]): g["reason"] for g in gaps}


# ---------------------------------------------------------------------------
# The checks: each returns a list of problems for one project (empty: pass).

def check_backrefs_found(project):
    findings = project.findings(project.original, LEGACY_ONLY)
    reported = {"%s.%s" % (f.get("model"), f.get("attribute")) for f in findings
                if f["rule"] == "relcheck-legacy-backref"}
    missing = sorted(set(project.summary["backrefs"]) - reported)
    extra = sorted(reported - set(project.summary["backrefs"]))
    return (["backref not reported: " + m for m in missing] +
            ["reported, but no backref there: " + e for e in extra])


def check_no_false_errors(project):
    configured = project.sqlalchemy(project.original, "before")
    if configured["error"]:
        return []
    return ["relcheck error although SQLAlchemy configures: %s:%s: %s [%s]" % (
        os.path.relpath(f.get("file") or "", project.original), f.get("line"),
        f["message"][:200], f["rule"])
        for f in project.findings(project.original) if f["severity"] == "error"]


def check_compiles(project):
    return (project.compile_failures(project.original, ARGS.cxx) +
            project.compile_failures(project.original, ARGS.gxx))


def check_fixed_compiles(project):
    fixed = project.copy("fixed")
    project.fix(fixed)
    return ["clang++: " + f for f in project.compile_failures(fixed, ARGS.cxx)] + \
           ["g++: " + f for f in project.compile_failures(fixed, ARGS.gxx)]


def check_fixed_configures(project):
    before = project.sqlalchemy(project.original, "before")
    fixed = project.copy("fixed")
    project.fix(fixed)
    after = project.sqlalchemy(fixed, "after")
    if after["error"] and not before["error"]:
        return ["SQLAlchemy refuses the fixed models: " + after["error"][:400]]
    return []


def check_exact_fixes_equivalent(project):
    before = project.sqlalchemy(project.original, "before")
    fixed = project.copy("exact")
    project.fix(fixed, LEGACY_ONLY)
    after = project.sqlalchemy(fixed, "after")
    if before == after:
        return []
    return ["SQLAlchemy configures differently after the exact fixes:\n" +
            check_fixes.sqlalchemy_difference(before, after)[:3000]]


def check_second_fix_noop(project):
    fixed = project.copy("twice")
    project.fix(fixed)
    first = snapshot(fixed)
    project.fix(fixed)
    second = snapshot(fixed)
    return ["a second --fix changed %s" % name for name in sorted(first)
            if first[name] != second.get(name)]


def check_legacy_only_no_backref(project):
    fixed = project.copy("legacy")
    project.fix(fixed, LEGACY_ONLY)
    problems = []
    for name, text in sorted(snapshot(fixed).items()):
        count = len(re.findall(r"\bbackref\s*=", text))
        if count:
            problems.append("%s: %d backref= left" % (name, count))
    left = [f for f in project.findings(fixed, LEGACY_ONLY)]
    if left:
        problems.append("%d relcheck-legacy-backref finding(s) left, e.g. %s"
                        % (len(left), left[0]["message"][:200]))
    return problems


OVERLAPPING = "SAWarning: overlapping relationships: "


def reported_overlaps(findings):
    """relcheck's overlap findings as sqlalchemy_properties.py normalizes
    SQLAlchemy's warnings: one line per conflicting pair."""
    messages = ["SAWarning: %s. If this is not the intention" % sentence
                for finding in findings if finding["rule"] == overlap_messages.RULE
                for _, sentence in overlap_messages.sentences(finding)]
    return set(sqlalchemy_properties.normalized_warnings(messages))


def check_overlaps_agree(project):
    configured = project.sqlalchemy(project.original, "before")
    if configured["error"]:
        return []
    warned = {w for w in configured["warnings"] if w.startswith(OVERLAPPING)}
    reported = reported_overlaps(project.findings(project.original))
    return (["SQLAlchemy warns, relcheck does not report: " + w[len(OVERLAPPING):]
             for w in sorted(warned - reported)] +
            ["relcheck reports, SQLAlchemy does not warn: " + w[len(OVERLAPPING):]
             for w in sorted(reported - warned)])


def check_fixed_no_overlaps(project):
    fixed = project.copy("fixed")
    project.fix(fixed)
    after = project.sqlalchemy(fixed, "after")
    return ["after --fix SQLAlchemy still warns: " + w[len(OVERLAPPING):]
            for w in after["warnings"] if w.startswith(OVERLAPPING)]


def strict(check_name):
    """Runs one check over every project against known_gaps.json."""
    if not os.path.isdir(ARGS.corpus):
        raise harness.TestFailure(
            "no corpus at %s (scripts/import_realworld_corpus.py makes one)"
            % ARGS.corpus)
    check = globals()["check_" + check_name]
    gaps = known_gaps()
    errors = []
    for name, description in load_projects():
        if not os.path.isdir(os.path.join(ARGS.corpus, name)):
            errors.append("%s: not in the corpus %s" % (name, ARGS.corpus))
            continue
        try:
            problems = check(Project(name, description))
        except ToolError as err:
            problems = [str(err)]
        gap = gaps.get((name, check_name))
        if problems and gap:
            print("XFAIL %s/%s (%s): %d problem(s), first: %s" % (
                name, check_name, gap, len(problems), problems[0][:300]))
        elif problems:
            errors.append("%s: %d problem(s):\n    %s" % (
                name, len(problems), "\n    ".join(problems[:20])))
        elif gap:
            errors.append("%s: passes, but known_gaps.json lists it (%s): "
                          "remove this entry" % (name, gap))
        else:
            print("PASS %s/%s" % (name, check_name))
    if errors:
        raise TestFailure("\n  ".join([""] + errors))


def test_backrefs_found():
    strict("backrefs_found")


def test_no_false_errors():
    strict("no_false_errors")


def test_compiles():
    strict("compiles")


def test_fixed_compiles():
    strict("fixed_compiles")


def test_fixed_configures():
    strict("fixed_configures")


def test_exact_fixes_equivalent():
    strict("exact_fixes_equivalent")


def test_second_fix_noop():
    strict("second_fix_noop")


def test_legacy_only_no_backref():
    strict("legacy_only_no_backref")


def test_overlaps_agree():
    strict("overlaps_agree")


def test_fixed_no_overlaps():
    strict("fixed_no_overlaps")


# ---------------------------------------------------------------------------
# Figures (README.md).

def figures():
    rows = []
    for name, description in load_projects():
        project = Project(name, description)
        summary = project.summary
        tus = len(project.tus)
        fixed = project.copy("fixed")
        applied = project.fix(fixed)
        clang_ok = tus - len(project.compile_failures(fixed, ARGS.cxx))
        gxx_ok = tus - len(project.compile_failures(fixed, ARGS.gxx))
        before = project.sqlalchemy(project.original, "before")
        exact = project.copy("exact")
        exact_applied = project.fix(exact, LEGACY_ONLY)
        props = before["properties"]
        try:
            after = project.sqlalchemy(exact, "after")
            same = sum(1 for k, v in props.items()
                       if after["properties"].get(k) == v)
            note = "" if before["warnings"] == after["warnings"] else \
                " (warnings differ)"
        except ToolError:
            same, note = 0, " (a fixed TU does not compile)"
        declared = summary["relationships"]
        rows.append([
            name, "%d / %d" % (declared, summary["source_relationships"]),
            "%d / %d" % (len(summary["backrefs"]), summary["source_backrefs"]),
            str(applied), "%d / %d" % (clang_ok, tus), "%d / %d" % (gxx_ok, tus),
            str(exact_applied),
            "%d / %d%s" % (same, len(props), note)])
    head = ["project", "relationships (translated / in source)",
            "backrefs (translated / in source)", "fixes applied (--fix)",
            "TUs compiling after --fix, clang++-19", "same, g++",
            "fixes applied (legacy-backref only)",
            "relationships SQLAlchemy-equivalent after the exact fixes"]
    total = ["total"]
    for column in range(1, len(head)):
        numbers = [re.findall(r"\d+", row[column]) for row in rows]
        sums = [sum(int(n[i]) for n in numbers) for i in range(len(numbers[0]))]
        total.append(" / ".join(str(s) for s in sums))
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in rows + [total]]
    print("\n".join(lines))


def main():
    global ARGS
    parser = harness.argument_parser()
    parser.add_argument("--corpus", default=os.environ.get(
        "RELCHECK_REALWORLD_CORPUS", ""))
    parser.add_argument("--cxx", default="clang++-19")
    parser.add_argument("--gxx", default="g++")
    parser.add_argument("--python", default="/usr/bin/python3")
    parser.add_argument("--figures", action="store_true")
    ARGS = harness.parse_args(parser)
    ARGS.corpus = os.path.realpath(ARGS.corpus) if ARGS.corpus else "/nonexistent"
    if ARGS.figures:
        figures()
        return 0
    return harness.run_tests(globals(), ARGS,
                             failures=(subprocess.TimeoutExpired,))


if __name__ == "__main__":
    sys.exit(main())
