#!/usr/bin/python3
"""Smoke tests of the relcheck clang-tidy plugin as a clang-tidy module.

  plugin_test.py CASE --clang-tidy BIN --plugin SO --include DIR [--source-dir D]

CASE is one of:
  list-checks    --list-checks shows exactly the relcheck rules' checks
  dump-config    --dump-config works with the plugin loaded; any relcheck
                 option it lists belongs to a relcheck check; CheckOptions
                 for relcheck checks are accepted and do not change findings
  version-guard  loaded into another clang-tidy major (BIN is then e.g.
                 /usr/bin/clang-tidy, v14): one clear line, no checks, no crash
  once-per-tu    the analysis runs once per TU with all four checks enabled
  compile-error  a TU that does not compile: clang's error, no relcheck
                 finding, no crash
  fix            clang-tidy -fix applies the rules' fix-its; the fixed file
                 is clean for clang-tidy and for the CLI (--relcheck)
  wrapper        relcheck-clang-tidy (--wrapper) lists the checks and finds
                 the plugin next to itself
  partial-program  TU-local soundness: on projects whose TUs each see part
                 of the models (test/tidy/partial, examples/shop), every TU's
                 findings are findings the CLI reports for the whole project.
                 Needs --relcheck. Skipped (77), listing the false positives,
                 while the graph has no partial-program mode.

Exit status: 0 pass, 1 fail, 77 skipped (the host to test is absent).
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import atexit
import shutil

# Every rule has its page in docs/rules/ (relcheck-nolint is the CLI's
# report about suppressions, not a check): adding a rule adds its check here
# without editing this test.
RULE_DOCS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.realpath(__file__)))), "docs", "rules")
CHECKS = sorted("relcheck-" + name[:-3] for name in os.listdir(RULE_DOCS)
                if name.endswith(".md") and name != "nolint.md")
CRASH_MARKERS = ("PLEASE submit a bug report", "Stack dump:",
                 "Segmentation fault")
SKIP = 77

LEGACY_MODELS = """\
#include <relcheck/orm.hpp>
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


EMPTY_CACHE = tempfile.mkdtemp(prefix="relcheck-tidy-no-cache-")
atexit.register(shutil.rmtree, EMPTY_CACHE, True)


def run(cmd, cwd=None, env=None):
    # clang-tidy in its one-TU mode: an empty fact cache, whatever earlier
    # CLI runs left in the default one (the CLI here runs --no-cache).
    env = dict(os.environ if env is None else env, RELCHECK_CACHE_DIR=EMPTY_CACHE)
    result = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, timeout=300)
    out = result.stdout.decode("utf-8", errors="replace")
    err = result.stderr.decode("utf-8", errors="replace")
    return result.returncode, out, err


def crashed(code, err):
    return code < 0 or any(m in err for m in CRASH_MARKERS)


def fail(message, out="", err=""):
    print("FAIL: " + message)
    if out:
        print("--- stdout ---\n" + out)
    if err:
        print("--- stderr ---\n" + err)
    return 1


def tidy(args, extra, files, compile_args=None):
    cmd = [args.clang_tidy, "--load=" + args.plugin, "-checks=-*,relcheck-*",
           "--header-filter=.*"] + extra + files
    if compile_args is not None:
        cmd += ["--"] + compile_args
    return cmd


def compile_args(args):
    return ["-std=c++17", "-I", args.include]


def findings_of(out):
    return re.findall(r"^(\S+:\d+:\d+): (warning|error): (.*)$", out, re.M)


def case_list_checks(args, tmp):
    code, out, err = run(tidy(args, ["--list-checks"], []))
    if crashed(code, err) or code != 0:
        return fail("--list-checks exited %d" % code, out, err)
    listed = sorted(l.strip() for l in out.splitlines()
                    if l.strip().startswith("relcheck-"))
    if listed != CHECKS:
        return fail("listed %s, expected %s" % (listed, CHECKS), out, err)
    print("PASS: --list-checks shows %s" % ", ".join(listed))
    return 0


def case_dump_config(args, tmp):
    code, out, err = run(tidy(args, ["--dump-config"], []))
    if crashed(code, err) or code != 0:
        return fail("--dump-config exited %d" % code, out, err)
    if "relcheck-*" not in out:
        return fail("--dump-config does not show the relcheck checks", out, err)
    keys = re.findall(r"^\s*(relcheck-[a-z0-9-]+)\.([A-Za-z0-9]+):", out, re.M)
    bad = [k for k in keys if k[0] not in CHECKS]
    if bad:
        return fail("options of unknown checks: %s" % bad, out, err)
    print("relcheck options in --dump-config: %s" %
          (", ".join("%s.%s" % k for k in keys) or "none (no rule has options)"))

    # CheckOptions addressed to relcheck checks (the CLI's future config
    # keys) are read by the checks without changing what they report.
    source = os.path.join(tmp, "models.cpp")
    with open(source, "w") as handle:
        handle.write(LEGACY_MODELS)
    _, plain, _ = run(tidy(args, [], [source], compile_args(args)), cwd=tmp)
    config = ("{CheckOptions: {relcheck-legacy-backref.ExampleOption: 'x', "
              "relcheck-invalid-annotation.ExampleOption: 'y'}}")
    code, out, err = run(tidy(args, ["--config=" + config], [source],
                              compile_args(args)), cwd=tmp)
    if crashed(code, err):
        return fail("crash with CheckOptions", out, err)
    if findings_of(out) != findings_of(plain) or not findings_of(out):
        return fail("CheckOptions changed the findings", out, err)
    # --verify-config knows every option the enabled checks declare through
    # storeOptions: the relcheck checks themselves must be known, and an
    # option no relcheck rule declares must be flagged. (Once a rule
    # declares options, they are listed by --dump-config above.)
    with open(os.path.join(tmp, ".clang-tidy"), "w") as handle:
        handle.write("Checks: '-*,relcheck-*'\nCheckOptions:\n"
                     "  relcheck-legacy-backref.ExampleOption: x\n")
    code, out, err = run([args.clang_tidy, "--load=" + args.plugin,
                          "--verify-config"], cwd=tmp)
    if crashed(code, err):
        return fail("--verify-config crashed", out, err)
    if "unknown check 'relcheck-" in out + err:
        return fail("--verify-config does not know the relcheck checks", out,
                    err)
    if "unknown check option 'relcheck-legacy-backref.ExampleOption'" not in \
            out + err:
        return fail("--verify-config did not flag an undeclared relcheck "
                    "option", out, err)
    code, out, err = run(tidy(args, ["--config=" + config, "--dump-config"],
                              [source], compile_args(args)), cwd=tmp)
    if crashed(code, err) or code != 0:
        return fail("--dump-config with CheckOptions exited %d" % code, out, err)
    print("PASS: --dump-config and CheckOptions")
    return 0


def case_version_guard(args, tmp):
    if not os.path.exists(args.clang_tidy):
        print("SKIP: %s not installed" % args.clang_tidy)
        return SKIP
    _, version, _ = run([args.clang_tidy, "--version"])
    if re.search(r"version 19\.", version):
        print("SKIP: %s is clang-tidy 19, no mismatch to test" % args.clang_tidy)
        return SKIP
    source = os.path.join(tmp, "models.cpp")
    with open(source, "w") as handle:
        handle.write(LEGACY_MODELS)
    code, out, err = run(tidy(args, [], [source], compile_args(args)), cwd=tmp)
    if crashed(code, err):
        return fail("the mismatched clang-tidy crashed", out, err)
    lines = [l for l in (out + err).splitlines() if "relcheck-tidy:" in l]
    if len(lines) != 1 or not re.search(
            r"^relcheck-tidy: built for clang-tidy 19\.1\.x but loaded by .*"
            r"version 1?\d.*; use clang-tidy-19$", lines[0]):
        return fail("expected exactly one version-mismatch line", out, err)
    if findings_of(out):
        return fail("checks ran in a mismatched clang-tidy", out, err)
    code, out, err = run(tidy(args, ["--list-checks"], []))
    if crashed(code, err) or "relcheck-" in re.sub(r"relcheck-tidy:.*", "", out):
        return fail("--list-checks lists relcheck checks in a mismatched "
                    "clang-tidy", out, err)
    print("PASS: " + lines[0])
    return 0


def case_once_per_tu(args, tmp):
    sources = []
    for name in ("a.cpp", "b.cpp"):
        path = os.path.join(tmp, name)
        with open(path, "w") as handle:
            handle.write(LEGACY_MODELS)
        sources.append(path)
    env = dict(os.environ, RELCHECK_TIDY_TRACE="1")
    code, out, err = run(tidy(args, [], sources, compile_args(args)), cwd=tmp,
                         env=env)
    if crashed(code, err):
        return fail("crash", out, err)
    traces = [l for l in err.splitlines()
              if l.startswith("relcheck-tidy: analyzed translation unit")]
    per_tu = {s: sum(1 for t in traces if "'%s'" % s in t) for s in sources}
    if len(traces) != 2 or any(n != 1 for n in per_tu.values()):
        return fail("expected one analysis per TU with four checks enabled, "
                    "got %s" % per_tu, out, err)
    legacy = [f for f in findings_of(out) if "[relcheck-legacy-backref]" in f[2]]
    if len(legacy) != 2:
        return fail("expected the legacy-backref finding in each TU", out, err)
    print("PASS: one analysis per TU (%d TUs, %d checks)" % (len(sources),
                                                            len(CHECKS)))
    return 0


def case_compile_error(args, tmp):
    source = os.path.join(tmp, "broken.cpp")
    with open(source, "w") as handle:
        handle.write(LEGACY_MODELS + "\nint broken( { return 0; }\n")
    code, out, err = run(tidy(args, [], [source], compile_args(args)), cwd=tmp)
    if crashed(code, err):
        return fail("crash on a TU that does not compile", out, err)
    if "[clang-diagnostic-error]" not in out:
        return fail("no clang error reported", out, err)
    if "[relcheck-" in out:
        return fail("relcheck findings on a TU that does not compile "
                    "(the CLI leaves such TUs out)", out, err)
    # A warning turned into an error by -Werror breaks nothing: the AST is
    # complete and the CLI (which adds -Wno-error) analyses the TU, so the
    # plugin must too.
    werror = os.path.join(tmp, "werror.cpp")
    with open(werror, "w") as handle:
        handle.write(LEGACY_MODELS + "\nint f() { int unused; return 0; }\n")
    code, out, err = run(tidy(args, [], [werror], compile_args(args) +
                              ["-Wall", "-Werror"]), cwd=tmp)
    if crashed(code, err):
        return fail("crash on a -Werror TU", out, err)
    if "[relcheck-legacy-backref]" not in out:
        return fail("a TU whose only errors come from -Werror was not "
                    "analysed", out, err)
    print("PASS: compile error reported by clang, relcheck silent; "
          "-Werror warnings do not stop the analysis")
    return 0


DIAG_LINE = re.compile(r"^(/\S+:\d+:\d+): (warning|error): (.*\[relcheck-[a-z-]+\])$",
                       re.M)


def partial_projects(args, tmp):
    """(name, [(tu, compile args, cwd)]) for each project to check."""
    here = os.path.dirname(os.path.realpath(__file__))
    partial = os.path.join(here, "partial")
    projects = [("test/tidy/partial", [
        (os.path.join(partial, tu), compile_args(args), partial)
        for tu in ("main.cpp", "only_address.cpp", "only_user.cpp")])]
    shop = os.path.join(args.source_dir, "examples", "shop")
    template = os.path.join(shop, "compile_commands.json.in")
    if os.path.exists(template):
        with open(template) as handle:
            entries = json.loads(handle.read().replace("@DIR@", args.source_dir))
        tus = []
        for entry in entries:
            command = entry["arguments"]
            flags = [a for a in command[1:] if a.startswith(("-std", "-I", "-D"))]
            tus.append((entry["file"], flags, entry["directory"]))
        projects.append(("examples/shop", tus))
    return projects


def case_partial_program(args, tmp):
    if not args.relcheck:
        return fail("partial-program needs --relcheck")
    false_positives = []
    mode = ""
    for name, tus in partial_projects(args, tmp):
        # The CLI over the whole project: what may be reported at all.
        cli = ([args.relcheck, "--no-cache"] + [tu for tu, _, _ in tus] +
               ["--"] + tus[0][1])
        code, out, err = run(cli, cwd=tus[0][2])
        if code not in (0, 1):
            return fail("%s: the CLI failed (exit %d)" % (name, code), out, err)
        allowed = set(DIAG_LINE.findall(out))
        for tu, flags, cwd in tus:
            env = dict(os.environ, RELCHECK_TIDY_TRACE="1")
            code, out, err = run(tidy(args, [], [tu], flags), cwd=cwd, env=env)
            if crashed(code, err):
                return fail("%s: crash" % tu, out, err)
            mode = mode or "".join(re.findall(r"relcheck-tidy: analyzed.*\((.*)\)$",
                                              err, re.M)[:1])
            for diag in DIAG_LINE.findall(out):
                if diag not in allowed:
                    false_positives.append("%s: %s: %s: %s" %
                                           ((os.path.basename(tu),) + diag))
    if not false_positives:
        print("PASS: every TU-local finding is a whole-project finding (%s)" % mode)
        return 0
    print("TU-local findings the CLI does not report for the whole project:")
    for line in sorted(set(false_positives)):
        print("  " + line)
    if "unavailable" in mode:
        print("SKIP: the model graph has no partial-program mode yet "
              "(GraphBuildOptions{PartialProgram}); these are the false "
              "positives it must silence")
        return SKIP
    return fail("TU-local false positives in partial-program mode")


def case_fix(args, tmp):
    source = os.path.join(tmp, "models.cpp")
    with open(source, "w") as handle:
        handle.write(LEGACY_MODELS)
    code, out, err = run(tidy(args, ["-fix"], [source], compile_args(args)),
                         cwd=tmp)
    if crashed(code, err) or "[relcheck-legacy-backref]" not in out:
        return fail("-fix run", out, err)
    with open(source) as handle:
        fixed = handle.read()
    if fixed == LEGACY_MODELS or "backref=" in fixed:
        return fail("-fix did not rewrite the backref:\n" + fixed, out, err)
    code, out, err = run(tidy(args, [], [source], compile_args(args)), cwd=tmp)
    if crashed(code, err) or findings_of(out):
        return fail("findings remain after -fix:\n" + fixed, out, err)
    if args.relcheck:
        code, out, err = run([args.relcheck, source, "--"] + compile_args(args),
                             cwd=tmp)
        if code != 0:
            return fail("the CLI still reports the fixed file (exit %d):\n%s"
                        % (code, fixed), out, err)
    print("PASS: -fix rewrote the legacy backref; clang-tidy and the CLI "
          "report nothing on the result")
    return 0


# Two backrefs into Address: both fixes insert a member at the same place.
TWO_BACKREF_MODELS = """\
#pragma once
#include <relcheck/orm.hpp>
#include <vector>
struct Address;
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address", backref="owner", foreign_keys="Address.user_id")
  std::vector<Address*> addresses;
  ORM_RELATIONSHIP("Address", backref="creator", foreign_keys="Address.creator_id")
  std::vector<Address*> created;
};
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int creator_id;
};
"""


def two_tu_project(root, args):
    """include/models.hpp, included by src/a.cpp and src/b.cpp, with its
    compile_commands.json; returns the header's path."""
    header = os.path.join(root, "include", "models.hpp")
    os.makedirs(os.path.dirname(header))
    os.makedirs(os.path.join(root, "src"))
    with open(header, "w") as handle:
        handle.write(TWO_BACKREF_MODELS)
    entries = []
    for tu in ("a.cpp", "b.cpp"):
        path = os.path.join(root, "src", tu)
        with open(path, "w") as handle:
            handle.write('#include "models.hpp"\n')
        entries.append({"directory": os.path.join(root, "src"), "file": path,
                        "arguments": ["clang++-19"] + compile_args(args) +
                        ["-I", os.path.dirname(header), "-c", path]})
    with open(os.path.join(root, "compile_commands.json"), "w") as handle:
        json.dump(entries, handle)
    return header


def case_merged_export(args, tmp):
    """run-clang-tidy -export-fixes merges both TUs' fixes into one
    document; clang-apply-replacements must apply each fix once, as
    clang-tidy -fix on one of the TUs does."""
    if not (args.run_clang_tidy and args.apply_replacements):
        return fail("merged-export needs --run-clang-tidy and "
                    "--apply-replacements")
    expected_root = os.path.join(tmp, "one-tu")
    header = two_tu_project(expected_root, args)
    code, out, err = run(tidy(args, ["-fix", "-p", expected_root],
                              [os.path.join(expected_root, "src", "a.cpp")]))
    with open(header) as handle:
        expected = handle.read()
    if crashed(code, err) or expected == TWO_BACKREF_MODELS:
        return fail("clang-tidy -fix on one TU", out, err)
    for member in ("User* owner;", "User* creator;"):
        if expected.count(member) != 1:
            return fail("-fix on one TU: %r not once:\n%s" % (member, expected))
    root = os.path.join(tmp, "tidy")
    header = two_tu_project(root, args)
    merged = os.path.join(root, "fixes", "merged.yaml")
    os.makedirs(os.path.dirname(merged))
    code, out, err = run([args.run_clang_tidy, "-clang-tidy-binary",
                          args.clang_tidy, "-load", args.plugin,
                          "-checks=-*,relcheck-*", "-header-filter=.*",
                          "-p", root, "-export-fixes", merged, "-quiet"], cwd=root)
    if crashed(code, err) or not os.path.exists(merged):
        return fail("run-clang-tidy exited %d" % code, out, err)
    with open(merged) as handle:
        exported = handle.read()
    if len(re.findall(r"DiagnosticName: +relcheck-legacy-backref", exported)) != 4:
        return fail("expected 2 findings from each of 2 TUs:\n" + exported)
    code, out, err = run([args.apply_replacements, os.path.dirname(merged)],
                         cwd=root)
    with open(header) as handle:
        applied = handle.read()
    if code != 0 or applied != expected:
        return fail("clang-apply-replacements on the merged export (exit %d) "
                    "gives:\n%s\n--fix gives:\n%s\nexport:\n%s"
                    % (code, applied, expected, exported), out, err)
    print("PASS: the merged export of 2 TUs applies each fix once")
    return 0


def case_wrapper(args, tmp):
    if not args.wrapper:
        return fail("wrapper needs --wrapper")
    code, out, err = run([args.wrapper, "-checks=-*,relcheck-*", "--list-checks"])
    listed = sorted(l.strip() for l in out.splitlines()
                    if l.strip().startswith("relcheck-"))
    if crashed(code, err) or code != 0 or listed != CHECKS:
        return fail("relcheck-clang-tidy --list-checks: %s" % listed, out, err)
    source = os.path.join(tmp, "models.cpp")
    with open(source, "w") as handle:
        handle.write(LEGACY_MODELS)
    code, out, err = run([args.wrapper, "-checks=-*,relcheck-*", source, "--"] +
                         compile_args(args), cwd=tmp)
    if crashed(code, err) or "[relcheck-legacy-backref]" not in out:
        return fail("relcheck-clang-tidy did not run the checks", out, err)
    print("PASS: relcheck-clang-tidy")
    return 0


CASES = {
    "list-checks": case_list_checks,
    "dump-config": case_dump_config,
    "version-guard": case_version_guard,
    "once-per-tu": case_once_per_tu,
    "compile-error": case_compile_error,
    "partial-program": case_partial_program,
    "wrapper": case_wrapper,
    "fix": case_fix,
    "merged-export": case_merged_export,
}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("case", choices=sorted(CASES))
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--include", required=True)
    parser.add_argument("--relcheck", help="the relcheck CLI (partial-program)")
    parser.add_argument("--wrapper", help="relcheck-clang-tidy (wrapper)")
    parser.add_argument("--run-clang-tidy", help="run-clang-tidy-19 (merged-export)")
    parser.add_argument("--apply-replacements",
                        help="clang-apply-replacements-19 (merged-export)")
    parser.add_argument("--source-dir", default=os.path.dirname(os.path.dirname(
        os.path.dirname(os.path.realpath(__file__)))), help="repository root")
    args = parser.parse_args(argv)
    args.plugin = os.path.realpath(args.plugin)
    args.include = os.path.realpath(args.include)
    with tempfile.TemporaryDirectory(prefix="relcheck-tidy-") as tmp:
        return CASES[args.case](args, tmp)


if __name__ == "__main__":
    sys.exit(main())
