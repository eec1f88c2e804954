#!/usr/bin/python3
"""CI report formats and the baseline (one ctest per `test_<name>` function).

Usage: report_test.py --relcheck BIN --include DIR --multitool BIN
                      --multitool-config FILE --golden DIR --schema FILE
                      --version X NAME...

Each test writes small models and a compile_commands.json into a fresh temp
directory and runs the relcheck binary:
- --format=sarif: validated with Microsoft's SARIF multitool (installed from
  npm into test/tools by scripts/install-deps.sh), a golden file for the
  structure, and targeted checks (paths, UTF-16 columns, fixes, fingerprints);
- --format=rdjsonl: reviewdog's diagnostic lines and suggestions;
- --baseline / --write-baseline: matching survives moved lines, renamed files
  and reformatted annotations; new findings fail; fixed entries are listed.
Set RELCHECK_UPDATE_GOLDEN=1 to rewrite the golden files.
"""

import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.realpath(__file__)),
                                os.pardir, "support"))
import relcheck_harness as harness  # noqa: E402
from relcheck_harness import (TestFailure, Result, check, check_eq,  # noqa: E402
                              relcheck, write, read)

ARGS = None
NO_NETWORK_PREFIX = []


def tmpdir():
    return harness.tmpdir(prefix="relcheck-report-")


def write_cdb(directory, files):
    entries = [{"directory": directory, "file": f,
                "arguments": ["clang++-19", "-std=c++17", "-I", ARGS.include,
                              "-c", f, "-o", os.devnull]}
               for f in files]
    write(os.path.join(directory, "compile_commands.json"),
          json.dumps(entries, indent=2))


# User.addresses uses backref= (relcheck-legacy-backref; its fix edits this
# file only). Line 6 holds the relationship.
BACKREF_LINE = 6


def backref_header(prefix="", before_rel="", annotation=None):
    annotation = annotation or '"%sAddress", backref="owner"' % prefix
    return (
        "#include <relcheck/orm.hpp>\n"                                   # 1
        "#include <vector>\n"                                             # 2
        "struct %(p)sAddress;\n"                                          # 3
        "struct ORM_MODEL(\"%(t)suser\") %(p)sUser {\n"                   # 4
        "  ORM_COLUMN(Integer, primary_key=True) int id;\n"               # 5
        "  %(b)sORM_RELATIONSHIP(%(a)s) std::vector<%(p)sAddress*> addresses;\n"
        "};\n"                                                            # 7
        "struct ORM_MODEL(\"%(t)saddress\") %(p)sAddress {\n"             # 8
        "  ORM_COLUMN(Integer, primary_key=True) int id;\n"               # 9
        "  ORM_COLUMN(Integer, ForeignKey(\"%(t)suser.id\")) int user_id;\n"
        "};\n" % {"p": prefix, "t": prefix.lower() + ("_" if prefix else ""),
                  "b": before_rel, "a": annotation})


def project(headers, extra_files=None):
    """A temp project: headers {name: text}, one main.cpp including them all,
    and compile_commands.json. Returns the directory."""
    d = tmpdir()
    for name, text in headers.items():
        write(os.path.join(d, name), text)
    main = write(os.path.join(d, "main.cpp"),
                 "".join('#include "%s"\n' % n for n in sorted(headers)))
    for name, text in (extra_files or {}).items():
        write(os.path.join(d, name), text)
    write_cdb(d, [main])
    return d


def run_json(d, *extra):
    r = relcheck("-p", d, "--format=json", *extra)
    check(r.rc in (0, 1), "json run", r)
    return json.loads(r.out)


def run_sarif(d, *extra, rc=1):
    r = relcheck("-p", d, "--format=sarif", *extra)
    check_eq(r.rc, rc, "exit status of the SARIF run", r)
    return json.loads(r.out), r


# --- SARIF validation ------------------------------------------------------------

def multitool_validate(sarif_path):
    """Runs `sarif-multitool validate` and returns (errors, warnings, notes)
    as lists of 'ruleId: message'. The multitool exits 0 even when the log is
    invalid, so its own SARIF output is read."""
    check(os.path.isfile(ARGS.multitool),
          "the SARIF multitool is not installed at %s: run scripts/install-deps.sh "
          "(npm ci in test/tools)" % ARGS.multitool)
    out = sarif_path + ".validation.sarif"
    if os.path.exists(out):
        os.remove(out)
    # SARIF2006 (URIs reachable) would fetch the URIs over the network: the
    # configuration disables it, and a network namespace without network
    # (when this machine allows one) guarantees nothing leaves the machine.
    config = ARGS.multitool_config
    # "Gh;Sarif": GitHub code scanning's ingestion rules (GH1xxx/GH2xxx,
    # what an upload is rejected or degraded for) besides SARIF's own.
    cmd = [ARGS.multitool, "validate", "--config", config,
           "--rule-kind", "Gh;Sarif",
           "--level", "Error;Warning;Note", "--output", out, sarif_path]
    if NO_NETWORK_PREFIX:
        cmd = NO_NETWORK_PREFIX + cmd
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=240)
    result = Result(cmd, proc)
    check_eq(proc.returncode, 0, "multitool exit status", result)
    log = json.loads(read(out, "rb").decode("utf-8-sig"))
    errors, warnings, notes = [], [], []
    for run in log["runs"]:
        notifications = [n for inv in run.get("invocations", [])
                         for n in inv.get("toolExecutionNotifications", []) +
                         inv.get("toolConfigurationNotifications", [])]
        for n in notifications:
            if n.get("level") == "error":
                errors.append("tool: " + n["message"]["text"])
        rules = run["tool"]["driver"].get("rules", [])
        for res in run.get("results", []):
            text = "%s: %s" % (res.get("ruleId"), res["message"].get(
                "text", json.dumps(res["message"].get("arguments"))))
            # A result without a level has its rule's default level, else
            # "warning" (SARIF 3.27.10).
            default = "warning"
            if "ruleIndex" in res and res["ruleIndex"] < len(rules):
                default = rules[res["ruleIndex"]].get(
                    "defaultConfiguration", {}).get("level", "warning")
            level = res.get("level", default)
            if level == "error":
                errors.append(text)
            elif level == "warning":
                warnings.append(text)
            elif level == "note":
                notes.append(text)
    return errors, warnings, notes


def richest_project():
    """Findings with notes (related locations), fixes in one file and across
    files, a non-ASCII line, a header in a subdirectory and one outside."""
    d = project({
        "models/one.hpp": backref_header("One", before_rel="/* \u00e9\U00010400 */ "),
        "models/mismatch.hpp": (
            "#include <relcheck/orm.hpp>\n"
            "#include <vector>\n"
            "struct Child;\n"
            "struct ORM_MODEL(\"parent\") Parent {\n"
            "  ORM_COLUMN(Integer, primary_key=True) int id;\n"
            "  ORM_RELATIONSHIP(\"Child\", back_populates=\"parent\") "
            "std::vector<Child*> children;\n"
            "};\n"
            "struct ORM_MODEL(\"child\") Child {\n"
            "  ORM_COLUMN(Integer, primary_key=True) int id;\n"
            "  ORM_COLUMN(Integer, ForeignKey(\"parent.id\")) int parent_id;\n"
            "  ORM_RELATIONSHIP(\"Parent\", back_populates=\"kids\") Parent* parent;\n"
            "};\n"),
        "models/bad.hpp": (
            "#include <relcheck/orm.hpp>\n"
            "struct ORM_MODEL(\"bad\") Bad {\n"
            "  ORM_COLUMN(Integer, primary_key=True, no_such_option=1) int id;\n"
            "};\n"),
    })
    return d


def test_sarif_validates_with_the_microsoft_multitool():
    d = richest_project()
    out = os.path.join(d, "report.sarif")
    r = relcheck("-p", d, "--format=sarif", "-o", out)
    check_eq(r.rc, 1, "findings", r)
    sarif = json.loads(read(out))
    results = sarif["runs"][0]["results"]
    rules = {res["ruleId"] for res in results}
    check(len(rules) >= 3, "several rules fire: %r" % rules)
    check(any(res.get("relatedLocations") for res in results), "related locations")
    check(any(res.get("fixes") for res in results), "fixes")
    errors, warnings, notes = multitool_validate(out)
    check_eq(errors, [], "SARIF multitool errors")
    print("sarif-multitool: %d results validated: %d errors, %d warnings, %d notes"
          % (len(results), len(errors), len(warnings), len(notes)))
    for w in warnings:
        print("  warning " + w)
    for rule in sorted({n.split(":")[0] for n in notes}):
        print("  note %s (x%d)" % (rule, sum(n.startswith(rule + ":") for n in notes)))
    # With a baseline (baselineState on every result; the fixed entry and
    # the accepted finding left out) and with tool errors (notifications)
    # the log is valid too.
    baseline = os.path.join(d, "baseline.json")
    check_eq(relcheck("-p", d, "--write-baseline", baseline, "--quiet").rc, 0,
             "write baseline")
    write(os.path.join(d, "models/one.hpp"), backref_header("One").replace(
        'backref="owner"', 'lazy="joined", backref="owner"'))
    out2 = os.path.join(d, "baseline.sarif")
    r = relcheck("-p", d, "--format=sarif", "--baseline", baseline, "-o", out2,
                 os.path.join(d, "main.cpp"), os.path.join(d, "missing.cpp"))
    check_eq(r.rc, 2, "input error wins", r)
    log = json.loads(read(out2))
    states = sorted({res.get("baselineState") for res in log["runs"][0]["results"]})
    check_eq(states, ["new"], "baseline states")
    check_eq(log["runs"][0]["invocations"][0]["executionSuccessful"], False,
             "executionSuccessful")
    errors, warnings, notes = multitool_validate(out2)
    check_eq(errors, [], "SARIF multitool errors (baseline, tool errors)")
    print("sarif-multitool (baseline + tool error): %d errors, %d warnings, %d notes"
          % (len(errors), len(warnings), len(notes)))


def test_multitool_reports_errors_in_an_invalid_log():
    # The validation above must be able to fail: a log without a tool name
    # and with a bad level is reported.
    d = tmpdir()
    bad = write(os.path.join(d, "bad.sarif"), json.dumps({
        "version": "2.1.0", "runs": [{"tool": {"driver": {}},
                                      "results": [{"level": "bogus",
                                                   "message": {"text": "x."}}]}]}))
    errors, _, _ = multitool_validate(bad)
    check(len(errors) >= 2, "errors reported: %r" % errors)


# --- SARIF structure ---------------------------------------------------------------

def normalize_for_golden(sarif, d):
    # The help is the rule's page (test_sarif_rule_help_is_the_rule_page):
    # an edit of a page must not change the golden file.
    for rule in sarif["runs"][0]["tool"]["driver"]["rules"]:
        for key in rule.get("help", {}):
            rule["help"][key] = "<docs/rules page, %s>" % key
    text = json.dumps(sarif, indent=2, ensure_ascii=False)
    text = text.replace(d, "<DIR>").replace(ARGS.version, "<VERSION>")
    return text + "\n"


def test_sarif_golden_structure():
    d = project({"models.hpp": backref_header()})
    sarif, r = run_sarif(d)
    text = normalize_for_golden(sarif, d)
    golden = os.path.join(ARGS.golden, "backref.sarif")
    if os.environ.get("RELCHECK_UPDATE_GOLDEN"):
        write(golden, text)
    expected = read(golden)
    if text != expected:
        import difflib
        diff = "".join(difflib.unified_diff(expected.splitlines(True),
                                            text.splitlines(True),
                                            "golden", "actual"))
        raise TestFailure("SARIF differs from %s (RELCHECK_UPDATE_GOLDEN=1 "
                          "rewrites it):\n%s" % (golden, diff))


def test_sarif_rules_results_and_locations():
    d = richest_project()
    sarif, r = run_sarif(d)
    check_eq(sarif["version"], "2.1.0", "version")
    check_eq(len(sarif["runs"]), 1, "one run")
    run = sarif["runs"][0]
    driver = run["tool"]["driver"]
    check_eq((driver["name"], driver["version"]), ("relcheck", ARGS.version), "driver")
    check(driver["informationUri"].startswith("https://"), "informationUri")
    listed = [line.split()[0] for line in relcheck("--list-rules").out.splitlines()]
    # Every rule --list-rules knows, relcheck-nolint included.
    check("relcheck-nolint" in listed, "--list-rules lists relcheck-nolint")
    check_eq([rule["id"] for rule in driver["rules"]], listed,
             "one rules[] entry per rule")
    for rule in driver["rules"]:
        for key in ("shortDescription", "fullDescription", "help"):
            check(rule[key]["text"], "%s of %s" % (key, rule["id"]))
        doc = "docs/rules/"
        check(rule["helpUri"].endswith(".md") and doc in rule["helpUri"],
              "helpUri points at the rule's doc: %s" % rule["helpUri"])
        check(rule["defaultConfiguration"]["level"] in ("note", "warning", "error"),
              "default level")
    check_eq(run["columnKind"], "utf16CodeUnits", "columnKind")
    check_eq(run["originalUriBaseIds"]["SRCROOT"]["uri"], "file://" + d + "/",
             "SRCROOT is the database directory (the default base dir)")
    check_eq(run["invocations"][0]["executionSuccessful"], True, "executionSuccessful")

    report = run_json(d)
    check_eq(len(run["results"]), len(report["findings"]), "one result per finding")
    for res, finding in zip(run["results"], report["findings"]):
        check_eq(res["ruleId"], finding["rule"], "ruleId")
        check_eq(driver["rules"][res["ruleIndex"]]["id"], res["ruleId"], "ruleIndex")
        check_eq(res["level"], finding["severity"], "level")
        check_eq(res["message"]["text"].rstrip("."), finding["message"], "message")
        loc = res["locations"][0]["physicalLocation"]
        check_eq(loc["artifactLocation"]["uriBaseId"], "SRCROOT", "uriBaseId")
        check_eq(os.path.join(d, loc["artifactLocation"]["uri"]), finding["file"],
                 "relative uri")
        check_eq((loc["region"]["startLine"], loc["region"]["endLine"]),
                 (finding["line"], finding["endLine"]), "region lines")
        check_eq(len(res.get("relatedLocations", [])), len(finding["related"]),
                 "related locations")
        for rel, note in zip(res.get("relatedLocations", []), finding["related"]):
            check_eq(rel["physicalLocation"]["region"]["startLine"], note["line"],
                     "related line")
            check_eq(rel["message"]["text"].rstrip("."), note["message"], "related message")
        # Fixes carry exactly the report's replacements, as byte regions.
        sarif_edits = [(os.path.join(d, ch["artifactLocation"]["uri"]),
                        rep["deletedRegion"]["byteOffset"],
                        rep["deletedRegion"]["byteLength"],
                        rep.get("insertedContent", {}).get("text", ""))
                       for fix in res.get("fixes", [])
                       for ch in fix["artifactChanges"] for rep in ch["replacements"]]
        json_edits = [(rep["file"], rep["offset"], rep["length"], rep["text"])
                      for fix in finding["fixes"] for rep in fix["replacements"]]
        check_eq(sorted(sarif_edits), sorted(json_edits), "fix replacements")
        fp = res["partialFingerprints"]["relcheck/v1"]
        check(re.fullmatch(r"[0-9a-f]{16}", fp) is not None, "fingerprint %r" % fp)
        check("baselineState" not in res, "no baselineState without --baseline")


def test_sarif_columns_are_utf16_code_units():
    # "/* é𐐀 */ " before ORM_RELATIONSHIP: é is 2 UTF-8 bytes / 1 UTF-16
    # unit, 𐐀 4 bytes / 2 units, so the backref= column shifts by 3.
    d = project({"models.hpp": backref_header(before_rel="/* \u00e9\U00010400 */ ")})
    sarif, _ = run_sarif(d)
    finding = run_json(d)["findings"][0]
    region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    line = read(os.path.join(d, "models.hpp"), "rb").split(b"\n")[BACKREF_LINE - 1]

    def utf16(byte_col):
        return len(line[:byte_col - 1].decode("utf-8").encode("utf-16-le")) // 2 + 1

    check_eq(finding["column"] - utf16(finding["column"]), 3, "byte vs UTF-16 shift")
    check_eq((region["startColumn"], region["endColumn"]),
             (utf16(finding["column"]), utf16(finding["endColumn"])), "UTF-16 columns")
    # And the UTF-16 region selects what the byte columns select.
    text = line.decode("utf-8").encode("utf-16-le")
    selected = text[2 * (region["startColumn"] - 1):2 * (region["endColumn"] - 1)]
    by_bytes = line[finding["column"] - 1:finding["endColumn"] - 1].decode("utf-8")
    check(by_bytes.startswith("backref"), "the finding is on backref=")
    check_eq(selected.decode("utf-16-le"), by_bytes, "selected text")


def test_sarif_paths_relative_to_base_dir_and_absolute_outside():
    d = project({"src/models.hpp": backref_header(),
                 "other/more.hpp": backref_header("More")})
    sarif, _ = run_sarif(d, "--base-dir", os.path.join(d, "src"))
    run = sarif["runs"][0]
    check_eq(run["originalUriBaseIds"]["SRCROOT"]["uri"], "file://%s/src/" % d,
             "SRCROOT from --base-dir")
    locations = sorted(json.dumps(res["locations"][0]["physicalLocation"]["artifactLocation"],
                                  sort_keys=True) for res in run["results"])
    check_eq(locations, sorted([
        json.dumps({"uri": "models.hpp", "uriBaseId": "SRCROOT"}, sort_keys=True),
        json.dumps({"uri": "file://%s/other/more.hpp" % d}, sort_keys=True)]),
        "relative under the base dir, absolute file:// outside")
    # Special characters are percent-encoded.
    d2 = project({"my models/a#1.hpp": backref_header()})
    sarif, _ = run_sarif(d2)
    uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
        "artifactLocation"]["uri"]
    check_eq(uri, "my%20models/a%231.hpp", "percent-encoded uri")


def test_sarif_default_base_dir_is_the_work_tree_above_the_database():
    # CMake's usual layout: the database in build/, the sources beside it,
    # in a git work tree. Without --base-dir, URIs are relative to the work
    # tree's top (%SRCROOT%), as code scanning maps them.
    d = project({"src/models.hpp": backref_header()})
    os.makedirs(os.path.join(d, "build"))
    os.rename(os.path.join(d, "compile_commands.json"),
              os.path.join(d, "build", "compile_commands.json"))
    os.makedirs(os.path.join(d, ".git"))
    sarif, _ = run_sarif(os.path.join(d, "build"))
    run = sarif["runs"][0]
    check_eq(run["originalUriBaseIds"]["SRCROOT"]["uri"], "file://%s/" % d,
             "SRCROOT is the work tree")
    check_eq([res["locations"][0]["physicalLocation"]["artifactLocation"]
              for res in run["results"]],
             [{"uri": "src/models.hpp", "uriBaseId": "SRCROOT"}], "relative uri")
    # A worktree's or submodule's .git is a file; -p may name the file.
    os.rmdir(os.path.join(d, ".git"))
    write(os.path.join(d, ".git"), "gitdir: /elsewhere\n")
    sarif, _ = run_sarif(os.path.join(d, "build", "compile_commands.json"))
    check_eq(sarif["runs"][0]["originalUriBaseIds"]["SRCROOT"]["uri"],
             "file://%s/" % d, "SRCROOT with a .git file")
    # --base-dir still wins, and rdjsonl uses the same default.
    r = relcheck("-p", os.path.join(d, "build"), "--format=rdjsonl")
    check_eq(json.loads(r.out.splitlines()[0])["location"]["path"], "src/models.hpp",
             "rdjsonl path", r)


def embedded_doc(rule_id):
    name = rule_id[len("relcheck-"):]
    return read(os.path.join(os.path.dirname(ARGS.golden), os.pardir, os.pardir,
                             "docs", "rules", name + ".md"))


def test_sarif_rule_help_is_the_rule_page():
    d = project({"models.hpp": backref_header()})
    sarif, _ = run_sarif(d)
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    # Every rule has its page: the SARIF lists exactly the pages' rules.
    pages = os.path.join(os.path.dirname(ARGS.golden), os.pardir, os.pardir,
                         "docs", "rules")
    check_eq(sorted(r["id"] for r in rules),
             sorted("relcheck-" + n[:-3] for n in os.listdir(pages)
                    if n.endswith(".md")), "rules")
    docs = sarif["runs"][0]["tool"]["driver"]["informationUri"]
    for rule in rules:
        page = embedded_doc(rule["id"])
        markdown, text = rule["help"]["markdown"], rule["help"]["text"]
        check(markdown.startswith("# " + rule["id"] + "\n"), "markdown is the page: %r"
              % markdown[:80])
        # The page, but with its relative links made absolute: a SARIF viewer
        # has no repository to resolve "../fixes.md" against.
        relative = re.findall(r"\]\((?!https?://)([^)]*)\)", page)
        check(not re.findall(r"\]\((?!https?://)([^)]*)\)", markdown),
              "relative links left in %s's help" % rule["id"])
        for target in relative:
            resolved = os.path.normpath(os.path.join("docs/rules", target))
            check("](%s/blob/main/%s)" % (docs, resolved) in markdown,
                  "%s: link %s resolved to %s" % (rule["id"], target, resolved))
        check_eq(len(markdown.splitlines()), len(page.splitlines()),
                 "%s: every line of the page" % rule["id"])
        check("```" not in text and "**" not in text and "](" not in text,
              "%s: plain help text" % rule["id"])
        first = [l for l in page.splitlines() if l.startswith("Every ") or
                 l.startswith("Problems ")][:1]
        for line in first:
            check(line.replace("`", "") in text, "%s: text has %r" % (rule["id"], line))


def test_nolint_rule_is_selected_like_any_rule():
    d = project({"models.hpp": "// NOLINTBEGIN(relcheck-legacy-backref)\n"
                 + backref_header()})
    r = relcheck("--rules=-*,relcheck-nolint", "--list-rules")
    check_eq((r.rc, [l.split()[0] for l in r.out.splitlines()]),
             (0, ["relcheck-nolint"]), "--rules selects relcheck-nolint", r)
    # (As in clang-tidy, blocks are examined only in a file with a finding.)
    r = relcheck("-p", d, "--rules=-*,relcheck-nolint,relcheck-legacy-backref")
    check_eq(r.rc, 1, "the unmatched block is an error", r)
    check_eq(re.findall(r"\[([a-z-]+)\]$", r.out, re.M),
             ["relcheck-nolint", "relcheck-legacy-backref"], "both rules' findings", r)
    r = relcheck("-p", d, "--rules=-relcheck-nolint")
    check_eq(re.findall(r"\[([a-z-]+)\]$", r.out, re.M), ["relcheck-legacy-backref"],
             "relcheck-nolint disabled", r)
    write(os.path.join(d, ".relcheck.yaml"), "Rules: '-relcheck-nolint'\n")
    r = relcheck("-p", d, cwd=d)
    check_eq(re.findall(r"\[([a-z-]+)\]$", r.out, re.M), ["relcheck-legacy-backref"],
             "relcheck-nolint disabled by .relcheck.yaml", r)


# GitLab's Code Quality report: the fields GitLab requires of each issue
# (docs.gitlab.com, "Code Quality report format"), as a JSON schema.
CODE_QUALITY_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity",
                     "location"],
        "properties": {
            "type": {"const": "issue"},
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "categories": {"type": "array", "items": {"type": "string"}},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "pattern": "^[^/]"},
                    "lines": {"type": "object", "required": ["begin"],
                              "properties": {"begin": {"type": "integer",
                                                       "minimum": 1}}},
                },
            },
        },
    },
}


def test_codequality_has_the_fields_gitlab_requires():
    d = richest_project()
    # Two identical findings (one fingerprint): GitLab needs unique ones.
    write(os.path.join(d, "models/twice.hpp"),
          "#include <relcheck/orm.hpp>\n"
          "struct ORM_MODEL(\"twice\") Twice {\n"
          "  ORM_COLUMN(Integer, primary_key=True, bogus_one=1, bogus_two=2) int id;\n"
          "};\n")
    write(os.path.join(d, "main.cpp"), read(os.path.join(d, "main.cpp")) +
          '#include "models/twice.hpp"\n')
    out = os.path.join(d, "gl-code-quality-report.json")
    r = relcheck("-p", d, "--format=codequality", "-o", out)
    check_eq(r.rc, 1, "findings", r)
    issues = json.loads(read(out))
    import jsonschema
    jsonschema.Draft202012Validator(CODE_QUALITY_SCHEMA).validate(issues)
    report = run_json(d)
    check_eq(len(issues), len(report["findings"]), "one issue per finding")
    fingerprints = [i["fingerprint"] for i in issues]
    check_eq(len(set(fingerprints)), len(fingerprints), "unique fingerprints")
    check(any(f.endswith("-2") for f in fingerprints),
          "the identical findings are told apart: %r" % fingerprints)
    for issue, finding in zip(issues, report["findings"]):
        check_eq(issue["check_name"], finding["rule"], "check_name")
        check_eq(os.path.join(d, issue["location"]["path"]), finding["file"], "path")
        check_eq(issue["location"]["lines"]["begin"], finding["line"], "line")
        check(issue["description"].startswith(finding["message"]), "description")
        check_eq(issue["severity"], {"error": "critical", "warning": "major",
                                     "note": "info"}[finding["severity"]], "severity")
    # The schema test can fail: a report without a path is rejected.
    broken = [dict(issues[0], location={"lines": {"begin": 1}})]
    try:
        jsonschema.Draft202012Validator(CODE_QUALITY_SCHEMA).validate(broken)
        raise TestFailure("the schema accepts an issue without location.path")
    except jsonschema.ValidationError:
        pass
    # With --baseline, the new findings only, as in the other formats.
    baseline = os.path.join(d, "baseline.json")
    relcheck("-p", d, "--write-baseline", baseline, "--quiet")
    r = relcheck("-p", d, "--format=codequality", "--baseline", baseline)
    check_eq((r.rc, json.loads(r.out)), (0, []), "nothing new", r)


def test_sarif_tool_errors_are_notifications():
    d = project({"models.hpp": backref_header()})
    missing = os.path.join(d, "missing.cpp")
    r = relcheck("-p", d, "--format=sarif", os.path.join(d, "main.cpp"), missing)
    check_eq(r.rc, 2, "input error", r)
    inv = json.loads(r.out)["runs"][0]["invocations"][0]
    check_eq(inv["executionSuccessful"], False, "executionSuccessful", r)
    notes = inv["toolExecutionNotifications"]
    check_eq(len(notes), 1, "one notification", r)
    check_eq(notes[0]["level"], "error", "notification level")
    check("missing.cpp" in notes[0]["message"]["text"], "message names the file")
    check_eq(notes[0]["locations"][0]["physicalLocation"]["artifactLocation"],
             {"uri": "missing.cpp", "uriBaseId": "SRCROOT"}, "notification location")


def fingerprints(d, *extra):
    sarif, _ = run_sarif(d, *extra)
    return sorted(res["partialFingerprints"]["relcheck/v1"]
                  for res in sarif["runs"][0]["results"])


def test_sarif_fingerprints_survive_unrelated_edits_only():
    d = project({"models.hpp": backref_header()})
    header = os.path.join(d, "models.hpp")
    before = fingerprints(d)
    check_eq(len(before), 1, "one finding")
    # Lines inserted above, the annotation reformatted: same fingerprint.
    write(header, "// a comment\n\n" + backref_header(
        annotation='\n      "Address" ,   backref = "owner"  '))
    check_eq(fingerprints(d), before, "moved + reformatted")
    # A different annotation argument: a different finding.
    write(header, backref_header(annotation='"Address", backref="owner", lazy="joined"'))
    after = fingerprints(d)
    check(after != before, "edited annotation changes the fingerprint")


# --- rdjsonl --------------------------------------------------------------------

def rdjsonl(d, *extra):
    r = relcheck("-p", d, "--format=rdjsonl", *extra)
    check_eq(r.rc, 1, "findings", r)
    check(r.out.endswith("\n"), "final newline", r)
    return [json.loads(line) for line in r.out.splitlines()], r


def apply_suggestions(text_bytes, suggestions):
    """Applies rdjson suggestions (1-based lines, UTF-8 byte columns,
    exclusive end) to the bytes, last first."""
    lines = text_bytes.split(b"\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def offset(pos):
        return starts[pos["line"] - 1] + pos["column"] - 1

    edits = sorted(((offset(s["range"]["start"]), offset(s["range"]["end"]),
                     s["text"].encode("utf-8")) for s in suggestions), reverse=True)
    for begin, end, new in edits:
        text_bytes = text_bytes[:begin] + new + text_bytes[end:]
    return text_bytes


def test_rdjsonl_diagnostics_and_suggestions():
    d = project({"src/models.hpp": backref_header(before_rel="/* \u00e9 */ ")})
    diags, r = rdjsonl(d)
    report = run_json(d)
    check_eq(len(diags), len(report["findings"]), "one line per finding", r)
    diag, finding = diags[0], report["findings"][0]
    check_eq(diag["location"]["path"], "src/models.hpp", "path relative to base dir", r)
    check_eq(diag["location"]["range"],
             {"start": {"line": finding["line"], "column": finding["column"]},
              "end": {"line": finding["endLine"], "column": finding["endColumn"]}},
             "range in UTF-8 byte columns", r)
    check_eq(diag["severity"], "WARNING", "severity", r)
    check_eq(diag["code"]["value"], "relcheck-legacy-backref", "code", r)
    check(diag["code"]["url"].endswith("docs/rules/legacy-backref.md"), "code url", r)
    check(diag["message"].startswith(finding["message"]), "message", r)
    # The suggestions are the first fix: applying them gives what applying
    # the report's replacements gives.
    check(diag.get("suggestions"), "suggestions present", r)
    original = read(os.path.join(d, "src/models.hpp"), "rb")
    fixed = original
    for rep in sorted(finding["fixes"][0]["replacements"], key=lambda x: -x["offset"]):
        fixed = (fixed[:rep["offset"]] + rep["text"].encode("utf-8") +
                 fixed[rep["offset"] + rep["length"]:])
    check(fixed != original, "the fix changes the file")
    check_eq(apply_suggestions(original, diag["suggestions"]).decode("utf-8"),
             fixed.decode("utf-8"), "suggestions == fix")


def test_rdjsonl_cross_file_fix_is_not_suggested():
    # User in one header, Address in another: the legacy-backref fix edits
    # both, which a review comment on one file cannot suggest.
    full = backref_header()
    user_part, address_part = full.split("struct ORM_MODEL(\"address\")")
    d = project({"a_user.hpp": user_part,
                 "b_address.hpp": "#include <relcheck/orm.hpp>\n"
                                  "struct ORM_MODEL(\"address\")" + address_part})
    report = run_json(d)
    files = {rep["file"] for fix in report["findings"][0]["fixes"]
             for rep in fix["replacements"]}
    check_eq(len(files), 2, "the fix spans two files")
    diags, r = rdjsonl(d)
    check("suggestions" not in diags[0], "no suggestions for a cross-file fix", r)


# --- baseline ---------------------------------------------------------------------

def write_baseline(d, name="baseline.json"):
    path = os.path.join(d, name)
    r = relcheck("-p", d, "--write-baseline", path)
    check_eq(r.rc, 0, "--write-baseline exits 0 once written", r)
    return path


def test_baseline_file_format():
    d = project({"models.hpp": backref_header(), "more.hpp": backref_header("More")})
    path = write_baseline(d)
    data = json.loads(read(path))
    check_eq((data["tool"], data["version"]), ("relcheck", 1), "header")
    entries = data["entries"]
    check_eq([(e["rule"], e["model"], e["attribute"]) for e in entries],
             [("relcheck-legacy-backref", "MoreUser", "addresses"),
              ("relcheck-legacy-backref", "User", "addresses")], "sorted entries")
    for e in entries:
        check_eq(sorted(e), ["attribute", "fingerprint", "model", "rule"], "entry keys")
    check_eq(sorted(e["fingerprint"] for e in entries), fingerprints(d),
             "baseline fingerprints == SARIF partialFingerprints")
    check_eq(read(path), json.dumps(data, indent=2, ensure_ascii=False) + "\n",
             "two-space indent, final newline")


def test_baseline_accepts_recorded_findings_after_moved_lines():
    d = project({"models.hpp": backref_header()})
    baseline = write_baseline(d)
    write(os.path.join(d, "models.hpp"),
          "// inserted\n// lines\n\n" + backref_header())
    r = relcheck("-p", d, "--baseline", baseline)
    check_eq((r.rc, r.out, r.err), (0, "", ""), "nothing new", r)


def test_baseline_survives_a_renamed_file():
    d = project({"models.hpp": backref_header()})
    baseline = write_baseline(d)
    os.rename(os.path.join(d, "models.hpp"), os.path.join(d, "renamed_models.hpp"))
    write(os.path.join(d, "main.cpp"), '#include "renamed_models.hpp"\n')
    r = relcheck("-p", d, "--baseline", baseline)
    check_eq((r.rc, r.out, r.err), (0, "", ""), "renamed header still matches", r)


def test_baseline_survives_a_reformatted_annotation():
    d = project({"models.hpp": backref_header()})
    baseline = write_baseline(d)
    write(os.path.join(d, "models.hpp"), backref_header(
        annotation='"Address",\n      backref = "owner" /* why */'))
    r = relcheck("-p", d, "--baseline", baseline)
    check_eq((r.rc, r.out, r.err), (0, "", ""), "reformatted annotation matches", r)


def test_baseline_reports_new_findings_and_fails():
    d = project({"models.hpp": backref_header()})
    baseline = write_baseline(d)
    write(os.path.join(d, "more.hpp"), backref_header("More"))
    write(os.path.join(d, "main.cpp"), '#include "models.hpp"\n#include "more.hpp"\n')
    r = relcheck("-p", d, "--baseline", baseline)
    check_eq(r.rc, 1, "a new finding fails", r)
    reported = re.findall(r"^(/[^:]+):(\d+):\d+: warning: .*\[([a-z-]+)\]$", r.out, re.M)
    check_eq(reported, [(os.path.join(d, "more.hpp"), str(BACKREF_LINE),
                         "relcheck-legacy-backref")], "only the new finding", r)
    check_eq(r.err, "1 warning generated.\n", "summary counts new findings only", r)
    # The same in SARIF: the new finding only, marked new. The accepted one
    # is left out: code scanning ignores baselineState (and suppressions),
    # so every uploaded result would be an alert.
    sarif, _ = run_sarif(d, "--baseline", baseline)
    results = sarif["runs"][0]["results"]
    check_eq([(res["baselineState"], res["properties"]["model"]) for res in results],
             [("new", "MoreUser")], "baselineState")


def test_baseline_lists_fixed_entries():
    d = project({"models.hpp": backref_header(), "more.hpp": backref_header("More")})
    baseline = write_baseline(d)
    # Fix More's finding: back_populates on both sides.
    write(os.path.join(d, "more.hpp"), backref_header(
        "More", annotation='"MoreAddress", back_populates="owner"').replace(
        "int user_id;\n",
        "int user_id;\n  ORM_RELATIONSHIP(\"MoreUser\", back_populates=\"addresses\") "
        "MoreUser* owner;\n"))
    r = relcheck("-p", d, "--baseline", baseline)
    check_eq((r.rc, r.out), (0, ""), "nothing new", r)
    check_eq(r.err, "relcheck: 1 baseline entry no longer matches (fixed): "
                    "relcheck-legacy-backref on 'MoreUser.addresses'\n",
             "fixed entry listed", r)
    # SARIF: neither the accepted finding nor the fixed entry (a baseline
    # records no location, and GitHub rejects a result without one).
    sarif, _ = run_sarif(d, "--baseline", baseline, rc=0)
    check_eq(sarif["runs"][0]["results"], [], "no result", r)
    # The JSON report lists the fixed entry and counts the accepted finding.
    r = relcheck("-p", d, "--baseline", baseline, "--format=json")
    report = json.loads(r.out)
    import jsonschema
    jsonschema.Draft202012Validator(json.loads(read(ARGS.schema))).validate(report)
    check_eq(report["findings"], [], "no new finding in JSON", r)
    check_eq(report["baseline"]["unchanged"], 1, "accepted finding counted", r)
    check_eq([(e["model"], e["attribute"], e["count"]) for e in report["baseline"]["fixed"]],
             [("MoreUser", "addresses", 1)], "fixed entry in JSON", r)
    check("baseline" not in run_json(d), "no baseline member without --baseline")
    # Rewriting the baseline shrinks it.
    r = relcheck("-p", d, "--baseline", baseline, "--write-baseline", baseline,
                 "--quiet")
    check_eq(r.rc, 0, "rewrite", r)
    check_eq([e["model"] for e in json.loads(read(baseline))["entries"]], ["User"],
             "shrunk baseline")


def test_baseline_counts_identical_findings():
    # Two unknown keywords on one attribute: two findings with one
    # fingerprint, recorded as count 2.
    header = ("#include <relcheck/orm.hpp>\n"
              "struct ORM_MODEL(\"thing\") Thing {\n"
              "  ORM_COLUMN(Integer, primary_key=True, bogus_one=1, bogus_two=2) int id;\n"
              "};\n")
    d = project({"thing.hpp": header})
    baseline = write_baseline(d)
    entries = json.loads(read(baseline))["entries"]
    check_eq([(e["model"], e["attribute"], e.get("count")) for e in entries],
             [("Thing", "id", 2)], "one entry, count 2")
    r = relcheck("-p", d, "--baseline", baseline)
    check_eq((r.rc, r.out), (0, ""), "both accepted", r)
    data = json.loads(read(baseline))
    del data["entries"][0]["count"]
    write(baseline, json.dumps(data))
    r = relcheck("-p", d, "--baseline", baseline, "--format=json")
    check_eq(r.rc, 1, "the second identical finding is new", r)
    check_eq(len(json.loads(r.out)["findings"]), 1, "one reported", r)


def test_baseline_errors_name_the_file_and_exit_2():
    d = project({"models.hpp": backref_header()})
    bad = write(os.path.join(d, "bad.json"), '{\n  "version": 1,\n  "entries": [,]\n}\n')
    r = relcheck("-p", d, "--baseline", bad)
    check_eq((r.rc, r.out), (2, ""), "malformed JSON", r)
    check(re.fullmatch(r"relcheck: error: invalid baseline %s:3:15: invalid JSON: "
                       r"syntax error[^\n]*\n" % re.escape(bad), r.err) is not None,
          "file:line:column in the message", r)
    shape = write(os.path.join(d, "shape.json"), json.dumps(
        {"version": 1, "entries": [{"rule": "r", "model": "M", "attribute": "a",
                                    "fingerprint": "xyz"}]}))
    r = relcheck("-p", d, "--baseline", shape)
    check_eq((r.rc, r.out), (2, ""), "wrong shape", r)
    check_eq(r.err, "relcheck: error: invalid baseline %s: entries[0].fingerprint: "
                    "expected 16 lowercase hex digits, got 'xyz'\n" % shape, "shape message", r)
    version = write(os.path.join(d, "v2.json"), '{"version": 2, "entries": []}')
    r = relcheck("-p", d, "--baseline", version)
    check_eq(r.rc, 2, "unknown version", r)
    check("unsupported baseline version 2" in r.err, "version message", r)
    r = relcheck("-p", d, "--baseline", os.path.join(d, "nope.json"))
    check_eq(r.rc, 2, "missing file", r)
    check(r.err.startswith("relcheck: error: cannot read baseline '%s': "
                           % os.path.join(d, "nope.json")), "missing file message", r)


def test_write_baseline_refuses_with_input_errors_and_is_atomic():
    d = project({"models.hpp": backref_header()})
    baseline = write_baseline(d)
    before = read(baseline)
    r = relcheck("-p", d, "--write-baseline", baseline, os.path.join(d, "main.cpp"),
                 os.path.join(d, "missing.cpp"))
    check_eq(r.rc, 2, "input error", r)
    check("relcheck: error: not writing baseline '%s': the analysis had input errors"
          % baseline in r.err, "message", r)
    check_eq(read(baseline), before, "previous baseline kept")
    check_eq(sorted(os.listdir(d)), sorted(["baseline.json", "compile_commands.json",
                                            "main.cpp", "models.hpp"]),
             "no temporary file left")


def test_help_lists_the_options_and_bad_format_names_them():
    r = relcheck("--help")
    check_eq(r.rc, 0, "--help", r)
    for option in ("--base-dir", "--baseline", "--write-baseline"):
        check(re.search(r"^\s+%s[ =<]" % re.escape(option), r.out, re.M) is not None,
              "--help lists %s" % option, r)
    check("text|json|sarif|rdjsonl|codequality" in r.out, "--format values in --help", r)
    r = relcheck("--format=sarif2", "x.cpp")
    check_eq((r.rc, r.out), (2, ""), "bad format", r)
    check("'sarif', 'rdjsonl' or 'codequality'" in r.err,
          "format message lists sarif, rdjsonl and codequality", r)


def test_sarif_describes_the_nolint_rule():
    # relcheck-nolint findings come from no registered rule; the SARIF run
    # must still describe the rule id every result names.
    d = project({"models.hpp": "// NOLINTBEGIN(relcheck-legacy-backref)\n"
                 + backref_header()})
    out = os.path.join(d, "report.sarif")
    r = relcheck("-p", d, "--format=sarif", "-o", out)
    check_eq(r.rc, 1, "findings", r)
    run = json.loads(read(out))["runs"][0]
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    results = run["results"]
    check("relcheck-nolint" in [res["ruleId"] for res in results],
          "the unmatched NOLINTBEGIN is reported: %r" % results)
    for res in results:
        check(res["ruleId"] in ids, "rule %s described in %r" % (res["ruleId"], ids))
        check_eq(ids[res["ruleIndex"]], res["ruleId"], "ruleIndex")
    errors, _, _ = multitool_validate(out)
    check_eq(errors, [], "SARIF multitool errors")


def main():
    global ARGS
    parser = harness.argument_parser()
    parser.add_argument("--multitool", required=True)
    parser.add_argument("--multitool-config", required=True)
    parser.add_argument("--golden", required=True)
    parser.add_argument("--schema", required=True)
    parser.add_argument("--version", required=True)
    ARGS = harness.parse_args(parser)
    global NO_NETWORK_PREFIX
    if subprocess.run(["unshare", "--net", "true"], stdout=subprocess.DEVNULL,
                      stderr=subprocess.DEVNULL).returncode == 0:
        NO_NETWORK_PREFIX = ["unshare", "--net"]
    return harness.run_tests(globals(), ARGS)


if __name__ == "__main__":
    sys.exit(main())
