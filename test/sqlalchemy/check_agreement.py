#!/usr/bin/python3
"""SQLAlchemy agreement test for one fixture.

Renders the fixture's models as SQLAlchemy 1.4 declarative Python (from
`relcheck --dump-facts`, scripts/render_sqlalchemy.py), configures them in a
fresh /usr/bin/python3 (configure_rendered.py), runs `relcheck
--format=json`, and checks that the two agree:

  * SQLAlchemy refuses the configuration (an exception in a class body or in
    configure_mappers()) -> relcheck reports at least one `error` whose
    sqlalchemyCase starts with E or J (the notes' refusal catalog) or R
    (refusals outside it: vocabulary, name resolution, expression syntax;
    listed in docs/rules/invalid-annotation.md);
  * SQLAlchemy accepts it -> every relcheck `error` carries a sqlalchemyCase
    starting with S (a documented silent-but-broken case).

  * SQLAlchemy accepts it -> its overlapping-writers warnings (W1, "will
    copy column ... which conflicts with relationship(s)", code qzyx) and
    relcheck's relcheck-overlapping-writers findings are the same list: the
    same relationships, columns and conflicts, and the same overlaps= advice.

  * SQLAlchemy accepts it -> the warnings relationship() gives about option
    values (W2: a persistence-only flag on a viewonly relationship; W5:
    omit_join=True) and relcheck's findings of those cases are the same
    texts, as many times.

Other SAWarnings are printed for information, never asserted.

Exit status: 0 agree, 1 disagree or broken, 77 skipped (`// SQLALCHEMY: skip
<reason>`, `// CHECK-EXIT: 2`, or facts the rendering cannot express:
annotations that do not parse, compile errors).
"""
import argparse
import importlib.util
import json
import os
import re
import shlex
import subprocess
import sys

sys.dont_write_bytecode = True  # keep the source tree clean
import tempfile

HERE = os.path.dirname(os.path.realpath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SKIP = 77
PYTHON = "/usr/bin/python3"  # Debian's: the one with python3-sqlalchemy


def load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


run_fixture = load_module("run_fixture",
                          os.path.join(ROOT, "test", "fixtures", "run_fixture.py"))
overlap_messages = load_module(
    "overlap_messages", os.path.join(ROOT, "test", "support",
                                     "overlap_messages.py"))
render_sqlalchemy = load_module(
    "render_sqlalchemy", os.path.join(ROOT, "scripts", "render_sqlalchemy.py"))


def show_command(cmd, cwd):
    return "(cd %s && %s)" % (shlex.quote(cwd), " ".join(shlex.quote(c) for c in cmd))


def numbered(text):
    return "\n".join("%4d  %s" % (i, line)
                     for i, line in enumerate(text.splitlines(), 1))


def decode(data):
    return data.decode("utf-8", errors="replace")


class Failure(Exception):
    pass


def run_relcheck(fixture, args, tmpdir, want_report=True):
    """One relcheck run writing the facts (--dump-facts) and, if asked, the
    JSON report (--format=json). Returns (facts, findings, command text)."""
    facts_path = os.path.join(tmpdir, "facts.json")
    report_path = os.path.join(tmpdir, "report.json")
    tool_args = ["--dump-facts=" + facts_path]
    if want_report:
        tool_args += ["--format=json", "--output=" + report_path]
    cmd, cwd = run_fixture.relcheck_command(
        fixture, os.path.realpath(args.relcheck), os.path.realpath(args.include),
        tool_args, tmpdir)
    result = run_fixture.run_relcheck(cmd, cwd)
    text = show_command(cmd, cwd)
    details = "command: %s\nexit: %d\nstdout:\n%s\nstderr:\n%s" % (
        text, result.returncode, decode(result.stdout), decode(result.stderr))
    if not os.path.exists(facts_path):
        raise Failure("relcheck --dump-facts wrote no facts\n" + details)
    facts = load_json(facts_path, "facts", details)
    if not want_report:
        return facts, None, text
    if result.returncode not in (0, 1) or not os.path.exists(report_path):
        raise Failure("relcheck --format=json failed\n" + details)
    report = load_json(report_path, "JSON report", details)
    findings = report.get("findings") if isinstance(report, dict) else report
    if not isinstance(findings, list):
        raise Failure("relcheck's JSON report has no findings list\n" + details)
    return facts, findings, text


def load_json(path, what, details):
    with open(path) as handle:
        try:
            return json.load(handle)
        except ValueError as err:
            raise Failure("relcheck's %s does not parse: %s\n%s" %
                          (what, err, details))


def relcheck_facts(fixture, args, tmpdir):
    return run_relcheck(fixture, args, tmpdir, want_report=False)[0]


def configure(rendering, tmpdir):
    return configure_with(rendering, tmpdir, [])


def configure_with(rendering, tmpdir, expressions):
    """Configures the rendering in a fresh interpreter; see
    configure_rendered.py for the result's shape."""
    module_path = os.path.join(tmpdir, "rendered_models.py")
    with open(module_path, "w") as handle:
        handle.write(rendering.source)
    cmd = [PYTHON, os.path.join(HERE, "configure_rendered.py"), module_path,
           json.dumps(rendering.declared), json.dumps(expressions)]
    try:
        result = subprocess.run(cmd, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, timeout=120)
    except subprocess.TimeoutExpired:
        raise Failure("configuring the rendered models timed out")
    lines = decode(result.stdout).strip().splitlines()
    try:
        return json.loads(lines[-1])
    except (IndexError, ValueError):
        raise Failure("configure_rendered.py crashed (exit %d):\n%s\n%s" % (
            result.returncode, decode(result.stdout), decode(result.stderr)))


SENTENCE = (r"relationship '(?P<name>[^']*)' will copy column \S+ to column \S+, "
            r"which conflicts with relationship\(s\): ")
SA_OVERLAP_RE = re.compile(
    r"^(?P<sentence>" + SENTENCE + r".*?)\. If this is not the intention.*"
    r"add the parameter 'overlaps=\"(?P<keys>[^\"]*)\"' to the '[^']*' "
    r"relationship\.", re.S)


def overlap_disagreement(outcome, findings):
    """Problem lines where SQLAlchemy's W1 warnings and relcheck's findings
    differ: the same sentences (relcheck gives one finding per relationship,
    its further columns' sentences as notes), and per relationship the same
    overlaps= keys (relcheck's silence all of SQLAlchemy's warnings about
    it)."""
    sqlalchemy, relcheck = [], []
    sa_keys, relcheck_keys = {}, {}
    for warning in outcome["warnings"]:
        message = warning["message"]
        if "which conflicts with relationship(s)" not in message:
            continue
        match = SA_OVERLAP_RE.match(message)
        if not match:
            return ["SQLAlchemy's overlap warning has an unknown form: " + message]
        sqlalchemy.append(match["sentence"])
        sa_keys.setdefault(match["name"], set()).update(match["keys"].split(","))
    for finding in findings:
        if finding.get("rule") != overlap_messages.RULE:
            continue
        try:
            found = overlap_messages.sentences(finding)
        except overlap_messages.UnknownForm:
            return ["relcheck's finding has an unknown form: " +
                    format_finding(finding)]
        relcheck += [sentence for _, sentence in found]
        relcheck_keys[found[0][0]] = overlap_messages.overlaps_keys(finding)
    problems = []
    for sentence in sorted(sqlalchemy):
        if sentence in relcheck:
            relcheck.remove(sentence)
        else:
            problems.append("SQLAlchemy warns, relcheck does not report: " +
                            sentence)
    problems += ["relcheck reports, SQLAlchemy does not warn: " + sentence
                 for sentence in sorted(relcheck)]
    for name in sorted(set(sa_keys) | set(relcheck_keys)):
        if sa_keys.get(name) != relcheck_keys.get(name):
            problems.append("overlaps= keys for %s: SQLAlchemy %s, relcheck %s"
                            % (name, sorted(sa_keys.get(name, ())),
                               sorted(relcheck_keys.get(name, ()))))
    return problems


# relationship()'s own warnings about option values (W2, W5): relcheck
# quotes them word for word, so the two lists are compared as texts.
OPTION_WARNING_RE = re.compile(
    r"^(Setting \w+ on relationship\(\) while also setting viewonly=True "
    r"|setting omit_join to True is not supported)")


def option_warning_disagreement(outcome, findings):
    """Problem lines where SQLAlchemy's W2/W5 warnings and relcheck's
    warnings of those cases differ (as lists of texts)."""
    sqlalchemy = sorted(w["message"] for w in outcome["warnings"]
                        if OPTION_WARNING_RE.match(w["message"]))
    relcheck = sorted(f.get("message", "") for f in findings
                      if f.get("sqlalchemyCase") in ("W2", "W5"))
    problems = []
    for message in sqlalchemy:
        if message in relcheck:
            relcheck.remove(message)
        else:
            problems.append("SQLAlchemy warns, relcheck does not report: " +
                            message)
    problems += ["relcheck reports, SQLAlchemy does not warn: " + message
                 for message in relcheck]
    return problems


def format_finding(finding):
    return "%s:%s:%s: %s: %s [%s] (sqlalchemyCase: %s)" % (
        finding.get("file"), finding.get("line"), finding.get("column"),
        finding.get("severity"), finding.get("message"), finding.get("rule"),
        finding.get("sqlalchemyCase"))


def check(args):
    try:
        fixture = run_fixture.read_fixture(args.fixture)
    except run_fixture.FixtureError as err:
        print("check_agreement: malformed fixture: %s" % err)
        return 1
    name = os.path.relpath(fixture.path, os.path.join(ROOT, "fixtures"))
    if name.startswith(".."):
        name = os.path.relpath(fixture.path)
    if fixture.sqlalchemy_skip is not None:
        print("SKIP: %s: SQLALCHEMY: skip %s" % (name, fixture.sqlalchemy_skip))
        return SKIP
    if fixture.exit_code == 2:
        print("SKIP: %s: CHECK-EXIT: 2 (the fixture is not meant to compile "
              "or to be analyzed)" % name)
        return SKIP

    with tempfile.TemporaryDirectory(prefix="relcheck-sqlalchemy-") as tmpdir:
        try:
            facts, findings, command = run_relcheck(fixture, args, tmpdir)
            rendering = render_sqlalchemy.render(facts)
            if rendering.problems or rendering.skipped:
                print("SKIP: %s: the rendering cannot express these models:" % name)
                for line in rendering.problems + rendering.skipped:
                    print("  " + line)
                return SKIP
            outcome = configure(rendering, tmpdir)
        except Failure as failure:
            print("FAIL: %s\n%s" % (name, failure))
            return 1

    error = outcome["error"]
    refused = error is not None and error["phase"] in ("class body", "configure")
    errors = [f for f in findings if f.get("severity") == "error"]
    cases = [(f.get("sqlalchemyCase") or "") for f in errors]

    problems = []
    if error is not None and not refused:
        problems.append("inspecting the configured models failed (a bug in "
                        "configure_rendered.py)")
    elif refused:
        if not any(c[:1] in ("E", "J", "R") for c in cases):
            problems.append(
                "SQLAlchemy refuses the models, but relcheck reports no error "
                "with an E*, J* or R* sqlalchemyCase")
    else:
        for finding in errors:
            if not (finding.get("sqlalchemyCase") or "").startswith("S"):
                problems.append(
                    "SQLAlchemy accepts the models, but relcheck reports an "
                    "error without an S* sqlalchemyCase: " + format_finding(finding))
        problems += overlap_disagreement(outcome, findings)
        problems += option_warning_disagreement(outcome, findings)

    verdict = "FAIL" if problems else "PASS"
    if refused:
        sqlalchemy_side = "refuses (%s, %s): %s: %s" % (
            error["phase"], error["module"], error["type"], error["message"])
    else:
        sqlalchemy_side = "accepts"
    print("%s: %s: SQLAlchemy %s %s" % (verdict, name, outcome["sqlalchemy"],
                                        sqlalchemy_side))
    print("relcheck findings (%d):" % len(findings))
    for finding in findings:
        print("  " + format_finding(finding))
    for warning in outcome["warnings"]:
        print("SQLAlchemy %s (information): %s" % (warning["category"],
                                                   warning["message"]))
    if args.verbose or problems:
        for rel in outcome["relationships"]:
            print("  mapped %s%s.%s -> %s %s uselist=%s back_populates=%s%s" % (
                "" if rel["module"] == "__main__" else rel["module"] + ".",
                rel["class"], rel["key"], rel["target"], rel["direction"],
                rel["uselist"], rel["back_populates"],
                " (generated)" if rel["generated"] else ""))
    if problems:
        for problem in problems:
            print("disagreement: " + problem)
        if error is not None:
            print("--- SQLAlchemy traceback ---")
            print(error.get("traceback", "").rstrip())
        print("--- relcheck command ---\n" + command)
    if problems or args.verbose:
        print("--- rendered module ---")
        print(numbered(rendering.source))
    return 1 if problems else 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--relcheck", required=True)
    parser.add_argument("--include", required=True)
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="print the rendered module and mapped "
                             "relationships even when both sides agree")
    parser.add_argument("fixture")
    return check(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
