#!/usr/bin/python3
"""Configuration (.relcheck.yaml) and NOLINT suppression tests for the CLI.

Usage: config_test.py --relcheck BIN --include DIR [--clang-tidy BIN
       --plugin SO] NAME...

One ctest per `test_<name>` function (test/config/CMakeLists.txt). Reuses
the model writers and the strict text-output parser of test/cli/cli_test.py.
"""

import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.realpath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "support"))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "cli"))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "fixtures"))
import relcheck_harness as harness  # noqa: E402
from relcheck_harness import check, check_eq, relcheck, write  # noqa: E402
import cli_test  # noqa: E402
from cli_test import (compile_args, backref_model, parse_text,  # noqa: E402
                      warnings_of, tmpdir, BACKREF_LINE)
import run_fixture  # noqa: E402

ARGS = None
RULE = "relcheck-legacy-backref"
KNOWN_KEYS = ("CheckOptions, CompileFlags, FailOn, HeaderFilterRegex, InheritParentConfig, "
              "Rules, Severity")


def tu_including(directory, header_names):
    """main.cpp in directory including the given headers (relative)."""
    return write(os.path.join(directory, "main.cpp"),
                 "".join('#include "%s"\n' % h for h in header_names))


def run_on(source, *options, cwd=None):
    return relcheck(*options, source, "--", *compile_args(), cwd=cwd)


def findings(result):
    """[(path, line, severity, rule)] of top-level findings."""
    out = []
    for d in warnings_of(parse_text(result)) + [
            x for x in parse_text(result) if x[3] == "note" and
            re.search(r"\[[a-z0-9-]+\]$", x[4])]:
        m = re.search(r"\[([a-z0-9-]+)\]$", d[4])
        out.append((d[0], d[1], d[3], m.group(1) if m else None))
    return sorted(out)


# --- lookup ------------------------------------------------------------------

def test_config_upward_lookup_nearest_file_wins():
    root = tmpdir()
    off = write(os.path.join(root, "a", "off.hpp"), backref_model("Off"))
    err = write(os.path.join(root, "a", "b", "err.hpp"), backref_model("Err"))
    plain = write(os.path.join(root, "c", "plain.hpp"), backref_model("Plain"))
    write(os.path.join(root, "a", ".relcheck.yaml"),
          "Rules: '-%s'\n" % RULE)
    write(os.path.join(root, "a", "b", ".relcheck.yaml"),
          "# no InheritParentConfig: a/'s Rules do not apply here\n"
          "Severity:\n  %s: error\n" % RULE)
    tu = tu_including(root, ["a/off.hpp", "a/b/err.hpp", "c/plain.hpp"])
    r = run_on(tu, cwd=root)
    check_eq(findings(r), [(err, BACKREF_LINE, "error", RULE),
                           (plain, BACKREF_LINE, "warning", RULE)],
             "each finding governed by its own file's nearest config", r)
    check_eq(r.rc, 1, "exit", r)
    check(off not in r.out, "a/off.hpp's finding is disabled", r)


def test_config_inherit_parent_config():
    root = tmpdir()
    hdr = write(os.path.join(root, "a", "b", "m.hpp"), backref_model("M"))
    write(os.path.join(root, "a", ".relcheck.yaml"),
          "Severity:\n  'relcheck-*': error\n")
    child = write(os.path.join(root, "a", "b", ".relcheck.yaml"),
                  "InheritParentConfig: true\nFailOn: error\n")
    tu = tu_including(root, ["a/b/m.hpp"])
    r = run_on(tu, cwd=root)
    check_eq(findings(r), [(hdr, BACKREF_LINE, "error", RULE)],
             "parent's Severity inherited", r)
    write(child, "InheritParentConfig: false\n")
    r = run_on(tu, cwd=root)
    check_eq(findings(r), [(hdr, BACKREF_LINE, "warning", RULE)],
             "without inheritance the parent does not apply", r)


def test_config_file_option_forces_one_file():
    root = tmpdir()
    hdr = write(os.path.join(root, "a", "m.hpp"), backref_model("M"))
    write(os.path.join(root, "a", ".relcheck.yaml"), "Rules: '-*,%s'\n" % RULE)
    forced = write(os.path.join(root, "ci.yaml"),
                   "Severity:\n  %s: note\n" % RULE)
    tu = tu_including(root, ["a/m.hpp"])
    r = run_on(tu, "--config-file=" + forced, cwd=root)
    check_eq(findings(r), [(hdr, BACKREF_LINE, "note", RULE)],
             "--config-file replaces the looked-up files", r)
    check_eq(r.rc, 0, "a note does not fail", r)
    write(forced, "Severity: {}\nRulez: '*'\n")
    r = run_on(tu, "--config-file=" + forced, cwd=root)
    check_eq(r.err, "relcheck: error: %s:2:1: unknown key 'Rulez' in ci.yaml; "
             "known keys: %s\n" % (forced, KNOWN_KEYS),
             "the forced file's own name in the message", r)
    r = run_on(tu, "--config-file=" + os.path.join(root, "missing.yaml"),
               cwd=root)
    check_eq(r.rc, 2, "missing --config-file", r)
    check(r.err.startswith("relcheck: error: cannot read configuration '%s'"
                           % os.path.join(root, "missing.yaml")),
          "missing file named", r)


# --- errors --------------------------------------------------------------------

def expect_config_error(text, line, col, message, name=".relcheck.yaml"):
    root = tmpdir()
    cfg = write(os.path.join(root, name), text)
    hdr = write(os.path.join(root, "m.hpp"), backref_model("M"))
    tu = tu_including(root, ["m.hpp"])
    r = run_on(tu, cwd=root)
    check_eq(r.rc, 2, "exit status of a broken configuration", r)
    check_eq(r.out, "", "nothing analyzed", r)
    check_eq(r.err, "relcheck: error: %s:%d:%d: %s\n" % (cfg, line, col,
                                                         message),
             "error names file, line, column", r)
    return hdr


def test_config_unknown_key_is_an_error():
    expect_config_error("Rules: '*'\nChecks: 'relcheck-*'\n", 2, 1,
                        "unknown key 'Checks' in .relcheck.yaml; known keys: "
                        + KNOWN_KEYS)


def test_config_broken_document_is_an_error_not_a_crash():
    """Found by fuzz/ConfigYamlFuzzer: a node made up by the YAML parser's
    recovery pointed outside the text; reporting it crashed (SIGSEGV)."""
    root = tmpdir()
    cfg = write(os.path.join(root, ".relcheck.yaml"),
                "Rules: '*'HeaderFilterRegex\n%gee")
    write(os.path.join(root, "m.hpp"), backref_model("M"))
    r = run_on(tu_including(root, ["m.hpp"]), cwd=root)
    check_eq(r.rc, 2, "exit status of a broken configuration", r)
    check(r.err.startswith("relcheck: error: %s" % cfg), "error names it", r)


def test_config_bad_yaml_syntax():
    root = tmpdir()
    cfg = write(os.path.join(root, ".relcheck.yaml"), "Rules: [\n  'a',\n")
    tu = tu_including(root, [])
    r = run_on(tu, cwd=root)
    check_eq(r.rc, 2, "exit", r)
    check(re.match(r"^relcheck: error: %s:\d+:\d+: invalid YAML: .+\n$"
                   % re.escape(cfg), r.err) is not None,
          "YAML syntax error with position", r)


def test_config_that_is_no_regular_file_is_an_error():
    """A .relcheck.yaml that is there but is no regular file was skipped
    without a word (its rules not applied, exit 0); a FIFO would block."""
    cases = [("a symlink to /dev/zero", "a device",
              lambda p: os.symlink("/dev/zero", p)),
             ("a FIFO", "a FIFO", os.mkfifo),
             ("a directory", "a directory", os.mkdir),
             ("a dangling symlink", "a dangling symlink",
              lambda p: os.symlink("missing.yaml", p))]
    for what, kind, make in cases:
        root = tmpdir()
        write(os.path.join(root, "m.hpp"), backref_model("M"))
        cfg = os.path.join(root, ".relcheck.yaml")
        make(cfg)
        tu = tu_including(root, ["m.hpp"])
        r = harness.run([ARGS.relcheck, tu, "--"] + compile_args(), cwd=root,
                        timeout=60)
        check_eq(r.rc, 2, "exit status with %s as .relcheck.yaml" % what, r)
        check_eq(r.out, "", "nothing analyzed", r)
        check_eq(r.err, "relcheck: error: cannot read configuration '%s': "
                 "%s, not a regular file\n" % (cfg, kind),
                 "the file and what it is named (%s)" % what, r)


CONFIG_LIMIT = 64 * 1024

# Texts that make llvm::yaml's parser recurse once per byte or two: 20,000
# commas overflowed an 8 MiB stack (SIGSEGV). The first is fuzz_config_yaml's
# input, byte for byte (docs/fuzzing.md); the others fill the size limit.
HOSTILE_CONFIGS = [
    ("fuzz_config_yaml's input", b"[\ne#" + b"," * 17450 + b"\x19(,`,-{"),
    ("empty flow entries", b"Rules: [" + b"," * (CONFIG_LIMIT - 9) + b"]"),
    ("empty flow entries between comments",
     b"Rules: [" + b",#\n" * ((CONFIG_LIMIT - 9) // 3) + b"]"),
    ("empty flow mapping entries",
     b"Rules: {" + b"," * (CONFIG_LIMIT - 9) + b"}"),
    ("nested flow sequences",
     b"Rules: " + b"[" * (CONFIG_LIMIT // 2 - 4) + b"]" * (CONFIG_LIMIT // 2 - 4)),
    ("nested flow keys", b"Rules: " + b"[? " * ((CONFIG_LIMIT - 7) // 3)),
    ("compact block sequences", b"Rules: " + b"- " * ((CONFIG_LIMIT - 7) // 2)),
    ("compact block keys", b"Rules: " + b"? " * ((CONFIG_LIMIT - 7) // 2)),
    ("document end markers",
     b"Rules: '*'\n" + b"...\n" * ((CONFIG_LIMIT - 11) // 4)),
]


def test_config_hostile_shapes_at_the_size_limit():
    """Each text gets one error naming the file and a position (the document
    end markers, valid YAML, their dump): no crash. Before the parse ran on
    a large stack, all but the document end markers died with SIGSEGV."""
    for what, text in HOSTILE_CONFIGS:
        check(len(text) <= CONFIG_LIMIT, "%s: within the limit" % what)
        root = tmpdir()
        cfg = os.path.join(root, ".relcheck.yaml")
        with open(cfg, "wb") as h:
            h.write(text)
        r = relcheck("--dump-config", cwd=root)
        if what == "document end markers":
            check_eq(r.rc, 0, "exit status with %s" % what, r)
            check("Rules: '*'" in r.out, "the configuration dumped", r)
            continue
        check_eq(r.rc, 2, "exit status with %s" % what, r)
        check(re.match(r"relcheck: error: %s:\d+:\d+: [^\n]+\n\Z"
                       % re.escape(cfg), r.err) is not None,
              "one error naming the file and a position (%s)" % what, r)


def test_config_size_limit_is_64_kib():
    root = tmpdir()
    cfg = os.path.join(root, ".relcheck.yaml")
    padded = "Rules: '*'\n#" + "x" * (CONFIG_LIMIT - 13) + "\n"
    write(cfg, padded)
    r = relcheck("--dump-config", cwd=root)
    check_eq((r.rc, len(padded)), (0, CONFIG_LIMIT), "64 KiB is read", r)
    write(cfg, padded + "\n")
    r = relcheck("--dump-config", cwd=root)
    check_eq(r.rc, 2, "exit status one byte over", r)
    check_eq(r.err, "relcheck: error: cannot read configuration '%s': larger "
             "than 64 KiB\n" % cfg, "says why", r)


def test_config_bad_values_name_their_position():
    expect_config_error("Severity:\n  %s: fatal\n" % RULE, 2, 28,
                        "unknown severity 'fatal' (expected error, warning "
                        "or note)")
    expect_config_error("FailOn: never\n", 1, 9,
                        "FailOn: unknown value 'never' (expected error or "
                        "warning)")
    expect_config_error("Rules: '-*,relcheck-legacy-backrf'\n", 1, 8,
                        "Rules: unknown rule 'relcheck-legacy-backrf' (see "
                        "relcheck --list-rules)")
    expect_config_error("CheckOptions:\n  relcheck-legacy-backref.Scalar: 'T'\n",
                        2, 3, "CheckOptions: unknown option "
                        "'relcheck-legacy-backref.Scalar' (known: "
                        "relcheck-legacy-backref.ScalarTemplate, "
                        "relcheck-legacy-backref.CollectionTemplate)")
    expect_config_error("HeaderFilterRegex: '(unclosed'\n", 1, 20,
                        "HeaderFilterRegex: invalid regular expression: "
                        "parentheses not balanced")
    expect_config_error("Rules: '*'\nRules: '-*'\n", 2, 1,
                        "duplicate key 'Rules'")
    expect_config_error("- Rules\n", 1, 1,
                        "a configuration must be a mapping of keys (" +
                        KNOWN_KEYS + ")")


# --- what the keys do -------------------------------------------------------------

def test_config_rules_disable_and_command_line_reenables():
    root = tmpdir()
    hdr = write(os.path.join(root, "m.hpp"), backref_model("M"))
    write(os.path.join(root, ".relcheck.yaml"), "Rules: '-%s'\n" % RULE)
    tu = tu_including(root, ["m.hpp"])
    r = run_on(tu, cwd=root)
    check_eq((r.rc, r.out), (0, ""), "disabled by the configuration", r)
    r = relcheck("--list-rules", cwd=root)
    check(RULE not in r.out and "relcheck-invalid-annotation" in r.out,
          "--list-rules follows the configuration", r)
    r = run_on(tu, "--rules=" + RULE, cwd=root)
    check_eq(findings(r), [(hdr, BACKREF_LINE, "warning", RULE)],
             "--rules applies after the file's Rules", r)


def test_config_rules_none_for_a_directory():
    # "Rules: '-*'" silences a directory (vendored code); only a run that
    # enables no rule at all is an error.
    root = tmpdir()
    write(os.path.join(root, "vendor", "v.hpp"), backref_model("V"))
    write(os.path.join(root, "vendor", ".relcheck.yaml"), "Rules: '-*'\n")
    own = write(os.path.join(root, "own.hpp"), backref_model("Own"))
    tu = tu_including(root, ["vendor/v.hpp", "own.hpp"])
    r = run_on(tu, cwd=root)
    check_eq(findings(r), [(own, BACKREF_LINE, "warning", RULE)],
             "vendor/ silenced, the rest analyzed", r)
    r = run_on(tu, cwd=os.path.join(root, "vendor"))
    check_eq((r.rc, r.out, r.err),
             (2, "", "relcheck: error: Rules of %s: '-*' enables no rule\n"
              % os.path.join(root, "vendor", ".relcheck.yaml")),
             "a run from vendor/ enables nothing", r)


def test_config_severity_override_changes_output_and_exit():
    root = tmpdir()
    hdr = write(os.path.join(root, "m.hpp"), backref_model("M"))
    cfg = os.path.join(root, ".relcheck.yaml")
    tu = tu_including(root, ["m.hpp"])
    for severity, rc, summary in (("error", 1, "1 error generated.\n"),
                                  ("note", 0, ""),
                                  ("warning", 1, "1 warning generated.\n")):
        write(cfg, "Severity:\n  'relcheck-*': error\n  %s: %s\n"
              % (RULE, severity))
        r = run_on(tu, cwd=root)
        check_eq(findings(r), [(hdr, BACKREF_LINE, severity, RULE)],
                 "severity %s" % severity, r)
        check_eq((r.rc, r.err), (rc, summary), "exit and summary", r)


def test_fail_on_error_with_only_warnings_exits_0():
    root = tmpdir()
    write(os.path.join(root, "m.hpp"), backref_model("M"))
    tu = tu_including(root, ["m.hpp"])
    r = run_on(tu, "--fail-on=error", cwd=root)
    check_eq(r.rc, 0, "--fail-on=error, one warning", r)
    check(" warning: " in r.out, "the warning is still printed", r)
    cfg = write(os.path.join(root, ".relcheck.yaml"), "FailOn: error\n")
    check_eq(run_on(tu, cwd=root).rc, 0, "FailOn: error in the file", r)
    r = run_on(tu, "--fail-on=warning", cwd=root)
    check_eq(r.rc, 1, "the command line overrides FailOn", r)
    write(cfg, "FailOn: error\nSeverity:\n  %s: error\n" % RULE)
    check_eq(run_on(tu, cwd=root).rc, 1, "an error still fails", r)
    r = run_on(tu, "--fail-on=never", cwd=root)
    check_eq((r.rc, r.err), (2, "relcheck: error: --fail-on: unknown severity "
                                "'never' (expected 'error' or 'warning')\n"),
             "bad --fail-on", r)


def test_check_options_template_used_by_fix():
    root = tmpdir()
    hdr = write(os.path.join(root, "m.hpp"), backref_model("M"))
    tu = tu_including(root, ["m.hpp"])
    r = run_on(tu, "--fix-dry-run", cwd=root)
    check("+  ORM_RELATIONSHIP(\"MUser\", back_populates=\"addresses\") "
          "MUser *owner;" in r.out, "default ScalarTemplate 'T*' (formatted)", r)
    write(os.path.join(root, ".relcheck.yaml"),
          "CheckOptions:\n  relcheck-legacy-backref.ScalarTemplate: "
          "'std::shared_ptr<T>'\n")
    r = run_on(tu, "--fix-dry-run", cwd=root)
    check("+  std::shared_ptr<MUser> owner;" in r.out and
          "MUser *owner" not in r.out,
          "ScalarTemplate from CheckOptions", r)
    r = run_on(tu, "--fix", cwd=root)
    with open(hdr) as handle:
        check("std::shared_ptr<MUser> owner;" in handle.read(),
              "--fix writes the configured member type", r)


def test_header_filter_hides_other_headers():
    root = tmpdir()
    shown = write(os.path.join(root, "inc", "shown.hpp"), backref_model("S"))
    write(os.path.join(root, "other", "hidden.hpp"), backref_model("H"))
    main = write(os.path.join(root, "main.cpp"),
                 '#include "inc/shown.hpp"\n#include "other/hidden.hpp"\n' +
                 backref_model("Main").split("\n", 2)[2])
    write(os.path.join(root, ".relcheck.yaml"),
          "HeaderFilterRegex: '.*/inc/.*'\n")
    r = run_on(main, cwd=root)
    check_eq(findings(r), sorted([(shown, BACKREF_LINE, "warning", RULE),
                                  (main, BACKREF_LINE, "warning", RULE)]),
             "the main file and matching headers only", r)
    check_eq(r.err, "2 warnings generated.\n"
                    "Suppressed 1 warning (1 in non-user code).\n",
             "hidden findings counted as clang-tidy does", r)
    r = run_on(main, "--header-filter=.*", cwd=root)
    check_eq(len(findings(r)), 3, "--header-filter overrides the file", r)
    r = run_on(main, "--header-filter=(", cwd=root)
    check_eq(r.rc, 2, "invalid --header-filter", r)
    check(r.err.startswith("relcheck: error: --header-filter: invalid "
                           "regular expression '('"), "message", r)


def test_dump_config_round_trip():
    root = tmpdir()
    write(os.path.join(root, ".relcheck.yaml"),
          "Rules: '-*,relcheck-legacy-backref'\n"
          "Severity:\n  'relcheck-*': note\n  %s: error\n"
          "FailOn: error\n"
          "HeaderFilterRegex: '.*/include/.*'\n"
          "CheckOptions:\n  %s.ScalarTemplate: 'QPointer<T>'\n" % (RULE, RULE))
    write(os.path.join(root, "sub", ".relcheck.yaml"),
          "InheritParentConfig: true\nFailOn: warning\n")
    expected = ("---\n"
                "Rules: '-*,relcheck-legacy-backref'\n"
                "Severity:\n  'relcheck-*': note\n  %s: error\n"
                "FailOn: error\n"
                "HeaderFilterRegex: '.*/include/.*'\n"
                "CheckOptions:\n"
                "  %s.CollectionTemplate: 'std::vector<T*>'\n"
                "  %s.ScalarTemplate: 'QPointer<T>'\n"
                "...\n" % (RULE, RULE, RULE))
    r = relcheck("--dump-config", cwd=root)
    check_eq((r.rc, r.out), (0, expected), "dump for the current directory", r)
    r = relcheck("--dump-config", "sub/x.cpp", cwd=root)
    check_eq(r.out, expected.replace("FailOn: error", "FailOn: warning"),
             "dump for a file: its own (inheriting) configuration", r)
    r = relcheck("--dump-config", "--rules=-relcheck-legacy-backref,"
                 "relcheck-invalid-annotation", "--fail-on=warning", cwd=root)
    check("Rules: '-*,relcheck-legacy-backref,-relcheck-legacy-backref,"
          "relcheck-invalid-annotation'\n" in r.out and
          "FailOn: warning\n" in r.out, "command-line options included", r)
    dumped = write(os.path.join(tmpdir(), "dumped.yaml"), expected)
    r = relcheck("--dump-config", "--config-file=" + dumped, cwd=root)
    check_eq(r.out, expected, "the dump is a valid configuration meaning the "
                              "same", r)
    r = relcheck("--dump-config", cwd=tmpdir())
    check("Rules: '*'\n" in r.out and "Severity: {}\n" in r.out and
          "HeaderFilterRegex: '.*'\n" in r.out, "defaults", r)


def test_check_options_per_directory():
    # Each finding's fix uses the options of its own file's configuration.
    root = tmpdir()
    for sub, template in (("qt", "QPointer<T>"), ("std", "std::shared_ptr<T>")):
        write(os.path.join(root, sub, "m.hpp"), backref_model(sub.title()))
        write(os.path.join(root, sub, ".relcheck.yaml"),
              "CheckOptions:\n  %s.ScalarTemplate: '%s'\n" % (RULE, template))
    write(os.path.join(root, "plain", "m.hpp"), backref_model("Plain"))
    tu = tu_including(root, ["qt/m.hpp", "std/m.hpp", "plain/m.hpp"])
    r = run_on(tu, "--fix-dry-run", cwd=root)
    for member in ("QPointer<QtUser> owner;", "std::shared_ptr<StdUser> owner;",
                   "PlainUser *owner;"):
        check(member in r.out, "fix declares %r" % member, r)


def test_broken_header_config_found_after_analysis():
    root = tmpdir()
    hdr = write(os.path.join(root, "inc", "m.hpp"), backref_model("M"))
    cfg = write(os.path.join(root, "inc", ".relcheck.yaml"), "Colour: red\n")
    tu = tu_including(root, ["inc/m.hpp"])
    r = run_on(tu, cwd=root)
    check_eq(r.rc, 2, "a broken configuration is a tool error", r)
    check(r.err.startswith(
        "relcheck: error: %s:1:1: unknown key 'Colour' in .relcheck.yaml; "
        "known keys: %s\n" % (cfg, KNOWN_KEYS)), "named once, first", r)
    check_eq(findings(r), [(hdr, BACKREF_LINE, "warning", RULE)],
             "the header's findings under the run's configuration", r)


def test_help_lists_config_options():
    r = relcheck("--help")
    for option in ("--config-file", "--dump-config", "--fail-on",
                   "--header-filter", "--report-unused-suppressions"):
        check(re.search(r"^\s+%s[ =<]" % re.escape(option), r.out, re.M)
              is not None, "--help lists %s" % option, r)


# --- NOLINT ----------------------------------------------------------------------

def tidy_cases():
    return os.path.join(os.path.dirname(HERE), "tidy", "cases")


def relcheck_nolint_model():
    """A model whose warnings are silenced by each NOLINT form."""
    return (
        "#include <relcheck/orm.hpp>\n"                                     # 1
        "#include <vector>\n"                                               # 2
        "struct A; struct B; struct C; struct D;\n"                         # 3
        "struct ORM_MODEL(\"u\") U {\n"                                     # 4
        "  ORM_COLUMN(Integer, primary_key=True) int id;\n"                 # 5
        "  ORM_RELATIONSHIP(\"A\", backref=\"u\") std::vector<A*> as; // NOLINT\n"
        "  // NOLINTNEXTLINE(relcheck-*)\n"                                 # 7
        "  ORM_RELATIONSHIP(\"B\", backref=\"u\") std::vector<B*> bs;\n"    # 8
        "  // NOLINTBEGIN( relcheck-legacy-backref )\n"                     # 9
        "  ORM_RELATIONSHIP(\"C\", backref=\"u\") std::vector<C*> cs;\n"    # 10
        "  // NOLINTEND(relcheck-legacy-backref)\n"                         # 11
        "  ORM_RELATIONSHIP(\"D\", backref=\"u\") std::vector<D*> ds; // NOLINT(-relcheck-*)\n"
        "};\n" +
        "".join("struct ORM_MODEL(\"%s\") %s { ORM_COLUMN(Integer, "
                "primary_key=True) int id; ORM_COLUMN(Integer, "
                "ForeignKey(\"u.id\")) int u_id; };\n" % (n.lower(), n)
                for n in "ABCD"))


def test_nolint_forms_suppress_in_the_cli():
    root = tmpdir()
    src = write(os.path.join(root, "m.cpp"), relcheck_nolint_model())
    r = run_on(src, cwd=root)
    check_eq(findings(r), [(src, 12, "warning", RULE)],
             "NOLINT, NOLINTNEXTLINE(glob), NOLINTBEGIN/END (blanks in the "
             "list); a negative glob suppresses nothing", r)
    check_eq(r.err, "1 warning generated.\nSuppressed 3 warnings (3 NOLINT).\n",
             "clang-tidy's summary", r)
    r = run_on(src, "--quiet", cwd=root)
    check_eq(r.err, "", "--quiet", r)


def test_nolint_suppression_precedes_severity_override():
    # clang-tidy suppresses before WarningsAsErrors; relcheck suppresses
    # before Severity: a warning raised to error is still suppressible.
    root = tmpdir()
    src = write(os.path.join(root, "m.cpp"), relcheck_nolint_model())
    write(os.path.join(root, ".relcheck.yaml"),
          "Severity:\n  %s: error\n" % RULE)
    r = run_on(src, cwd=root)
    check_eq(findings(r), [(src, 12, "error", RULE)], "only line 12", r)


def test_unmatched_nolintbegin_is_an_error():
    root = tmpdir()
    text = relcheck_nolint_model().replace(
        "  // NOLINTEND(relcheck-legacy-backref)\n",
        "  // NOLINTEND(relcheck-*)\n")
    src = write(os.path.join(root, "m.cpp"), text)
    r = run_on(src, cwd=root)
    diags = parse_text(r)
    check_eq([(d[1], d[2], d[3], d[4]) for d in warnings_of(diags)],
             [(9, 6, "error", "unmatched 'NOLINTBEGIN' comment without a "
               "subsequent 'NOLINTEND' comment [relcheck-nolint]"),
              (10, 25, "warning", "'U.cs' uses the legacy backref= "
               "parameter, which implicitly generates the many-to-one 'C.u' "
               "(uselist=False); use back_populates=\"u\" here and declare "
               "ORM_RELATIONSHIP(\"U\", back_populates=\"cs\") U* u; on 'C' "
               "[relcheck-legacy-backref]"),
              (11, 6, "error", "unmatched 'NOLINTEND' comment without a "
               "previous 'NOLINTBEGIN' comment [relcheck-nolint]"),
              (12, 25, "warning", warnings_of(diags)[-1][4])],
             "unmatched pair: both ends are errors, the region is not "
             "suppressed", r)
    check_eq(r.rc, 1, "exit", r)
    r = run_on(src, "--format=json", "--report-unused-suppressions", cwd=root)
    report = cli_test.validate_report(r.out)
    check_eq(sorted((f["rule"], f["severity"], f["line"])
                    for f in report["findings"] if f["rule"] == "relcheck-nolint"),
             [("relcheck-nolint", "error", 9), ("relcheck-nolint", "error", 11)],
             "NOLINT findings in the JSON report (schema-valid)", r)


def test_report_unused_suppressions():
    root = tmpdir()
    src = write(os.path.join(root, "m.cpp"), (
        "#include <relcheck/orm.hpp>\n"                                     # 1
        "#include <vector>\n"                                               # 2
        "struct A;\n"                                                       # 3
        "struct ORM_MODEL(\"u\") U {\n"                                     # 4
        "  ORM_COLUMN(Integer, primary_key=True) int id; // NOLINT(relcheck-legacy-backref)\n"
        "  // NOLINTNEXTLINE(relcheck-*)\n"                                 # 6
        "  ORM_RELATIONSHIP(\"A\", backref=\"u\") std::vector<A*> as;\n"    # 7
        "  int x; // NOLINT\n"                                              # 8
        "  int y; // NOLINT(bugprone-*)\n"                                  # 9
        "  // NOLINTBEGIN(relcheck-legacy-backref)\n"                       # 10
        "  int z;\n"                                                        # 11
        "  // NOLINTEND(relcheck-legacy-backref)\n"                         # 12
        "  ORM_RELATIONSHIP(\"A\", bakref=\"u\") std::vector<A*> more; // NOLINT(relcheck-invalid-annotation)\n"
        "  int w; // NOLINT(relcheck-one-way-filtered-collection)\n"        # 14
        "};\n"
        "struct ORM_MODEL(\"a\") A { ORM_COLUMN(Integer, primary_key=True) "
        "int id; ORM_COLUMN(Integer, ForeignKey(\"u.id\")) int u_id; };\n"))
    r = run_on(src, cwd=root)
    check_eq([d[3] for d in warnings_of(parse_text(r))], ["error"],
             "without the option: only the invalid-annotation error", r)
    r = run_on(src, "--report-unused-suppressions",
               "--rules=-relcheck-one-way-filtered-collection", cwd=root)
    got = [(d[1], d[2], d[3], d[4]) for d in warnings_of(parse_text(r))]
    check_eq(got, [
        (5, 52, "warning", "unused NOLINT(relcheck-legacy-backref): it "
         "suppresses no relcheck finding on its line [relcheck-nolint]"),
        (10, 6, "warning", "unused NOLINTBEGIN(relcheck-legacy-backref): it "
         "suppresses no relcheck finding before its 'NOLINTEND' "
         "[relcheck-nolint]"),
        (13, 25, "error", "relationship() got an unexpected keyword argument "
         "'bakref'; did you mean 'backref'? [relcheck-invalid-annotation]"),
        (13, 62, "warning", "unused NOLINT(relcheck-invalid-annotation): it "
         "suppresses no relcheck finding on its line (findings of severity "
         "error cannot be suppressed) [relcheck-nolint]")],
        "only directives naming enabled relcheck rules: not the used "
        "NOLINTNEXTLINE, the bare NOLINT, bugprone-*, or the disabled rule's",
        r)
    check_eq((r.rc, r.err), (1, "3 warnings and 1 error generated.\n"
                                "Suppressed 1 warning (1 NOLINT).\n"),
             "exit and summary", r)


DIAG = re.compile(r"^(?P<path>/[^:]*):(?P<line>\d+):(?P<col>\d+): "
                  r"(?P<sev>warning|error|note|remark): (?P<text>.*?)"
                  r"(?: \[(?P<id>[a-z0-9-]+(?:,-warnings-as-errors)?)\])?$")


def diagnostics(stdout, ids=("relcheck-", "clang-tidy-nolint")):
    """{(path, line, col, severity, message)} of top-level relcheck
    diagnostics and NOLINT errors; the NOLINT id normalized."""
    out = set()
    for line in stdout.splitlines():
        m = DIAG.match(line)
        if not m or not m.group("id") or not m.group("id").startswith(ids):
            continue
        # Notes are not compared: clang-tidy prints a block's unmatched-
        # comment errors between a warning and its notes, and then tags
        # those notes with the warning's id.
        if m.group("sev") in ("note", "remark"):
            continue
        out.add((os.path.realpath(m.group("path")), int(m.group("line")),
                 int(m.group("col")), m.group("sev"), m.group("text")))
    return out


def parity(fixture):
    """The CLI and clang-tidy-19 + plugin report the same diagnostics."""
    check(ARGS.clang_tidy and ARGS.plugin, "--clang-tidy and --plugin given")
    cwd = os.path.dirname(fixture)
    args = compile_args()
    cli = relcheck(fixture, "--", *args, cwd=cwd)
    tidy = subprocess.run(
        [ARGS.clang_tidy, "--load=" + ARGS.plugin, "-checks=-*,relcheck-*",
         "--header-filter=.*", fixture, "--"] + args, cwd=cwd,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=240)
    tidy_out = tidy.stdout.decode("utf-8", "replace")
    got_cli = diagnostics(cli.out)
    got_tidy = diagnostics(tidy_out)
    check(got_cli == got_tidy,
          "%s: CLI and clang-tidy differ\n  only CLI:   %s\n  only tidy:  %s"
          "\n--- clang-tidy stdout:\n%s" % (
              fixture, sorted(got_cli - got_tidy), sorted(got_tidy - got_cli),
              tidy_out), cli)
    return got_cli, cli, tidy


def test_nolint_parity_with_clang_tidy_plugin():
    # The plugin's own NOLINT cases (test/tidy/cases) and the CLI's
    # (test/config/nolint): the same fixture, the same diagnostics.
    fixtures = sorted(
        [os.path.join(tidy_cases(), f) for f in os.listdir(tidy_cases())
         if f.endswith(".cpp")] +
        [os.path.join(HERE, "nolint", f)
         for f in os.listdir(os.path.join(HERE, "nolint"))
         if f.endswith(".cpp")])
    check(len(fixtures) >= 6, "fixtures found: %r" % fixtures)
    total = 0
    for fixture in fixtures:
        got, _, _ = parity(fixture)
        total += len(got)
    print("parity: %d fixtures, %d diagnostics, identical" %
          (len(fixtures), total))


def test_unmatched_nolint_parity_with_clang_tidy_plugin():
    got, cli, tidy = parity(os.path.join(HERE, "nolint", "unmatched.cpp"))
    check_eq(sorted((d[1], d[3]) for d in got if "unmatched" in d[4]),
             [(9, "error"), (19, "error"), (23, "error")],
             "unmatched NOLINTBEGIN/END errors", cli)
    check(b"[clang-tidy-nolint]" in tidy.stdout and
          "[relcheck-nolint]" in cli.out, "each host's own id", cli)


def main():
    global ARGS
    parser = harness.argument_parser()
    parser.add_argument("--clang-tidy")
    parser.add_argument("--plugin")
    parser.add_argument("--schema", help="docs/json-report.schema.json")
    ARGS = harness.parse_args(parser)
    if ARGS.clang_tidy and ARGS.plugin:
        ARGS.clang_tidy = os.path.realpath(ARGS.clang_tidy)
        ARGS.plugin = os.path.realpath(ARGS.plugin)
    cli_test.ARGS = ARGS
    return harness.run_tests(globals(), ARGS)


if __name__ == "__main__":
    sys.exit(main())
