#!/usr/bin/python3
"""Tests scripts/render_sqlalchemy.py on one hand-written case.

A case (test/fixtures/selftest/render/*.cpp, or a directory with main.cpp) is
a fixture whose models are rendered from `relcheck --dump-facts` and
configured with SQLAlchemy 1.4; its directives say what must come out:

  // RENDER-EXPECT: <python expression>   true after configure_mappers(), in
                                          the rendered module's namespace
  // RENDER-EXPECT-REFUSAL: <text>        configuring fails; "Type: message"
                                          contains <text>
  // RENDER-EXPECT-SOURCE: <text>         the rendered module contains <text>
  // RENDER-EXPECT-SKIPPED: <text>        a skipped-model comment contains it

Exit status: 0 pass, 1 fail.
"""
import argparse
import json
import os
import re
import sys

sys.dont_write_bytecode = True  # keep the source tree clean
import tempfile

HERE = os.path.dirname(os.path.realpath(__file__))
sys.path.insert(0, HERE)
import check_agreement  # noqa: E402  (loads run_fixture and the renderer)

DIRECTIVE_RE = re.compile(
    r"//\s*RENDER-EXPECT(?:-(REFUSAL|SOURCE|SKIPPED))?:\s?(.*?)\s*$")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--relcheck", required=True)
    parser.add_argument("--include", required=True)
    parser.add_argument("case")
    args = parser.parse_args(argv)

    fixture = check_agreement.run_fixture.read_fixture(args.case)
    expect = {None: [], "REFUSAL": [], "SOURCE": [], "SKIPPED": []}
    for path in fixture.files:
        with open(path) as handle:
            for line in handle:
                match = DIRECTIVE_RE.search(line)
                if match:
                    expect[match.group(1)].append(match.group(2))
    problems = []
    with tempfile.TemporaryDirectory(prefix="relcheck-render-") as tmpdir:
        try:
            facts = check_agreement.relcheck_facts(fixture, args, tmpdir)
            rendering = check_agreement.render_sqlalchemy.render(facts)
            outcome = check_agreement.configure_with(rendering, tmpdir,
                                                     expect[None])
        except check_agreement.Failure as failure:
            print("FAIL: %s\n%s" % (args.case, failure))
            return 1
    error = outcome["error"]
    refusal = error and "%s: %s" % (error["type"], error["message"])
    for text in expect["REFUSAL"]:
        if not refusal or text not in refusal:
            problems.append("expected a refusal containing %r" % text)
    if refusal and not expect["REFUSAL"]:
        problems.append("SQLAlchemy refused: %s (%s)" % (refusal, error["phase"]))
    for check in outcome.get("checks", []):
        if not check["ok"]:
            problems.append("RENDER-EXPECT %s is not true (%s)" %
                            (check["expression"], check["value"]))
    for text in expect["SOURCE"]:
        if text not in rendering.source:
            problems.append("rendered module lacks %r" % text)
    for text in expect["SKIPPED"]:
        if not any(text in s for s in rendering.skipped):
            problems.append("no skipped model matches %r" % text)
    if rendering.skipped and not expect["SKIPPED"]:
        problems.append("unexpected skipped models: %s" % rendering.skipped)
    checked = sum(len(v) for v in expect.values())
    if not checked:
        problems.append("the case states no RENDER-EXPECT")
    print("%s: %s (%d expectations)" % ("FAIL" if problems else "PASS",
                                        args.case, checked))
    for problem in problems:
        print("  " + problem)
    for warning in outcome["warnings"]:
        print("SQLAlchemy %s: %s" % (warning["category"], warning["message"]))
    if problems:
        if error:
            print(error.get("traceback", ""))
        print("--- rendered module ---")
        print(check_agreement.numbered(rendering.source))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
