#!/usr/bin/python3
"""Runs the relcheck clang-tidy plugin on one fixture and checks it.

The same fixtures and inline expectations as the CLI (see docs/testing.md and
test/fixtures/run_fixture.py, whose parser this script reuses), run through
the real `clang-tidy-19 --load=relcheck-tidy.so -checks='-*,relcheck-*'
--header-filter='.*'`:

  * a single-TU fixture must give exactly the CLI's expectations: every
    CHECK-MESSAGES / CHECK-NOTES matched by its own diagnostic, and every
    relcheck warning/error matched by a CHECK-MESSAGES (parity);
  * a directory fixture is run one TU at a time. The plugin is TU-local, so
    each TU must report a SUBSET of the fixture's expected findings (nothing
    the CLI would not report), and never crash;
  * `// CHECK-EXIT: 2` (the CLI refuses the input, e.g. a TU that does not
    compile): clang-tidy must report a clang error and no relcheck finding.

clang-tidy's exit code and its "N warnings generated" / "Suppressed ..."
stderr lines are ignored; a crash (signal, stack dump) always fails.
CHECK-STDERR is about the CLI's own messages and is not checked here.

Exit status: 0 pass, 1 fail, 2 the fixture or the command line is malformed.
"""

import argparse
import atexit
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from typing import Dict, List, Optional, Tuple

HERE = os.path.dirname(os.path.realpath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "fixtures"))
import run_fixture  # noqa: E402  (the CLI runner: fixture format, parsing)

TIMEOUT_SECONDS = 300
EMPTY_CACHE = tempfile.mkdtemp(prefix="relcheck-tidy-no-cache-")
atexit.register(shutil.rmtree, EMPTY_CACHE, True)
RELCHECK_RULE = re.compile(r"\[(relcheck-[a-z0-9-]+)\]$")
CLANG_ERROR = re.compile(r"\[clang-diagnostic-[a-z0-9-]+\]$")
CRASH_MARKERS = ("PLEASE submit a bug report", "Stack dump:",
                 "Segmentation fault", "Assertion `")


def tidy_command(clang_tidy: str, plugin: str, fixture, include: str,
                 tu: str, extra: List[str]) -> List[str]:
    return ([clang_tidy, "--load=" + plugin, "-checks=-*,relcheck-*",
             "--header-filter=.*"] + extra + [tu, "--"] +
            run_fixture.compile_args(fixture, include, tu))


def run_tidy(cmd: List[str], cwd: str,
             env: Optional[dict] = None) -> subprocess.CompletedProcess:
    # The one-TU (partial-program) mode these expectations describe: an
    # empty fact cache, so that no earlier CLI run puts the plugin in
    # whole-program mode (tested by whole_program_test.py).
    env = dict(os.environ if env is None else env,
               RELCHECK_CACHE_DIR=EMPTY_CACHE)
    try:
        return subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=TIMEOUT_SECONDS,
                              env=env)
    except subprocess.TimeoutExpired as err:
        return subprocess.CompletedProcess(
            cmd, -9, err.stdout or b"",
            (err.stderr or b"") + b"\nrun_tidy_fixture: timed out\n")


# clang-tidy ignores a plugin it cannot load and, with only relcheck checks
# asked for, runs none: a fixture that expects no finding would then pass
# without the plugin ever running.
NOT_LOADED_MARKERS = ("-load request ignored", "Error: no checks enabled")


def crash_reason(result: subprocess.CompletedProcess) -> Optional[str]:
    stderr = result.stderr.decode("utf-8", errors="replace")
    for marker in NOT_LOADED_MARKERS:
        if marker in stderr:
            return "the relcheck plugin did not run (%r on stderr)" % marker
    if result.returncode < 0:
        return "clang-tidy died with signal %d" % -result.returncode
    for marker in CRASH_MARKERS:
        if marker in stderr:
            return "clang-tidy crashed (%r on stderr)" % marker
    return None


def classify(diagnostics) -> Tuple[list, list, list, list]:
    """(relcheck findings, notes, clang errors, other warnings/errors)."""
    findings, notes, clang_errors, other = [], [], [], []
    for diag in diagnostics:
        if not diag.is_finding():
            notes.append(diag)
        elif RELCHECK_RULE.search(diag.text):
            findings.append(diag)
        elif diag.severity == "error" and CLANG_ERROR.search(diag.text):
            clang_errors.append(diag)
        else:
            other.append(diag)
    return findings, notes, clang_errors, other


def check_exact(fixture, findings, notes) -> List[str]:
    """Parity for a single-TU fixture: the CLI's expectations, exactly."""
    failures = []
    for kind, diags in (("MESSAGES", findings), ("NOTES", notes)):
        # One TU cannot prove whole-program findings: the plugin must not
        # report them (an unmatched finding fails below).
        exps = [e for e in fixture.expectations
                if e.kind == kind and not e.whole_program]
        matched = run_fixture.match_expectations(exps, diags)
        missing = [exps[i] for i in range(len(exps)) if i not in matched]
        if missing:
            lines = ["missing CHECK-%s (no distinct diagnostic matches):" % kind]
            for exp in missing:
                lines.append("  %s: expects %s" % (exp.where(), exp.describe()))
                lines.extend(run_fixture.explain_miss(exp, diags))
            failures.append("\n".join(lines))
        if kind == "MESSAGES":
            used = set(matched.values())
            extra = [d for i, d in enumerate(diags) if i not in used]
            if extra:
                failures.append("\n".join(
                    ["findings the CLI does not report (no CHECK-MESSAGES):"] +
                    ["  " + d.raw for d in extra]))
    return failures


def check_subset(fixture, findings) -> Tuple[List[str], set]:
    """A TU of a directory fixture: each finding is one the CLI reports.

    Returns the failures and the indices of the expectations it matched."""
    exps = [e for e in fixture.expectations
            if e.kind == "MESSAGES" and not e.whole_program]
    matched = run_fixture.match_expectations(exps, findings)
    used = set(matched.values())
    extra = [d for i, d in enumerate(findings) if i not in used]
    if not extra:
        return [], set(matched)
    return ["\n".join(
        ["findings the CLI does not report for this fixture (a TU-local "
         "false positive?):"] + ["  " + d.raw for d in extra])], set(matched)


def exported_edits(path: str) -> List[tuple]:
    """clang-tidy --export-fixes YAML -> sorted edits of the diagnostics' own
    fixes (the ones -fix applies): (file, offset, length, text)."""
    import yaml  # python3-yaml; Debian's interpreter has it
    if not os.path.exists(path):
        return []
    with open(path) as handle:
        data = yaml.safe_load(handle) or {}
    edits = []
    for diag in data.get("Diagnostics") or []:
        for r in (diag.get("DiagnosticMessage") or {}).get("Replacements") or []:
            edits.append((os.path.realpath(r["FilePath"]), r["Offset"],
                          r["Length"], r["ReplacementText"]))
    return sorted(edits)


FIXIT_RE = re.compile(r'^fix-it:"(?P<file>(?:[^"\\]|\\.)*)":'
                      r"\{(?P<l1>\d+):(?P<c1>\d+)-(?P<l2>\d+):(?P<c2>\d+)\}:"
                      r'"(?P<text>(?:[^"\\]|\\.)*)"$')


def unescape(text: str) -> str:
    """llvm::raw_ostream::write_escaped, reversed."""
    out, i = bytearray(), 0
    raw = text.encode("utf-8")
    while i < len(raw):
        c = raw[i]
        if c == 0x5C and i + 1 < len(raw):
            n = chr(raw[i + 1])
            if n in "01234567":
                out.append(int(raw[i + 1:i + 4], 8))
                i += 4
                continue
            out += {"n": b"\n", "t": b"\t", "\\": b"\\", '"': b'"'}.get(
                n, n.encode())
            i += 2
            continue
        out.append(c)
        i += 1
    return out.decode("utf-8", errors="replace")


def offset_of(path: str, line: int, col: int, cache: dict) -> int:
    if path not in cache:
        with open(path, "rb") as handle:
            starts, pos = [0], 0
            for chunk in handle.read().split(b"\n"):
                pos += len(chunk) + 1
                starts.append(pos)
            cache[path] = starts
    return cache[path][line - 1] + col - 1


def cli_edits(stdout: str, cwd: str, fixture=None) -> List[tuple]:
    """relcheck --parseable-fixits -> sorted raw edits (file, offset,
    length, text): the rules' fixes as written, before any formatting.
    The fix-its of findings only a whole program proves
    (CHECK-MESSAGES-WHOLE-PROGRAM) are left out: one TU must not report
    those findings, so the plugin cannot offer their fixes."""
    whole = [e for e in (fixture.expectations if fixture else ())
             if e.kind == "MESSAGES" and e.whole_program]
    edits, cache = [], {}
    skipping = False
    for line in stdout.splitlines():
        m = FIXIT_RE.match(line)
        if not m:
            # Each finding's fix-its follow its diagnostic line.
            for diag in run_fixture.parse_diagnostics(line, cwd):
                if diag.is_finding():
                    skipping = any(run_fixture.expectation_accepts(e, diag)
                                   for e in whole)
            continue
        if skipping:
            continue
        path = os.path.realpath(os.path.join(cwd, unescape(m.group("file"))))
        begin = offset_of(path, int(m.group("l1")), int(m.group("c1")), cache)
        end = offset_of(path, int(m.group("l2")), int(m.group("c2")), cache)
        edits.append((path, begin, end - begin, unescape(m.group("text"))))
    return sorted(edits)


def apply_edits(edits: List[tuple]) -> Optional[Dict[str, bytes]]:
    """The files after the edits, or None when edits overlap."""
    result = {}
    for path in sorted({e[0] for e in edits}):
        with open(path, "rb") as handle:
            data = handle.read()
        end = len(data) + 1
        for _, offset, length, text in sorted(
                (e for e in edits if e[0] == path),
                key=lambda e: (e[1], e[2]), reverse=True):
            if offset + length > end:
                return None
            data = data[:offset] + text.encode("utf-8") + data[offset + length:]
            end = offset
        result[path] = data
    return result


def unanchor(edits: List[tuple], cli: set) -> List[tuple]:
    """The plugin writes an insertion as the replacement of a neighbouring
    byte by that byte plus the text (tool/tidy/InsertionAnchor.h): maps
    such an edit back to the CLI's insertion it stands for."""
    out = []
    for edit in edits:
        path, offset, length, text = edit
        if length == 1 and len(text) > 1:
            with open(path, "rb") as handle:
                handle.seek(offset)
                byte = handle.read(1).decode("latin-1")
            for candidate in ((path, offset + 1, 0, text[1:]) if text[0] == byte else None,
                              (path, offset, 0, text[:-1]) if text[-1] == byte else None):
                if candidate in cli:
                    edit = candidate
                    break
        out.append(edit)
    return sorted(out)


def check_fix_parity(fixture, relcheck: str, clang_tidy: str, plugin: str,
                     include: str, tu: str) -> List[str]:
    """clang-tidy offers exactly the CLI's fix-its, edit for edit."""
    cwd = os.path.dirname(tu)
    cli = subprocess.run([relcheck, "--parseable-fixits", tu, "--"] +
                         run_fixture.compile_args(fixture, include, tu),
                         cwd=cwd, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, timeout=TIMEOUT_SECONDS)
    with tempfile.TemporaryDirectory(prefix="relcheck-tidy-fixes-") as tmp:
        tidy_yaml = os.path.join(tmp, "fixes.yaml")
        run_tidy(tidy_command(clang_tidy, plugin, fixture, include, tu,
                              ["--export-fixes=" + tidy_yaml]), cwd)
        tidy = exported_edits(tidy_yaml)
    expected = cli_edits(cli.stdout.decode("utf-8", errors="replace"), cwd,
                         fixture)
    tidy = unanchor(tidy, set(expected))
    if expected == tidy:
        print("fix-its: %d edits, the same as the CLI's" % len(tidy))
        return []
    # clang-tidy merges touching edits of one fix ([a,b) + [b,c) -> [a,c)):
    # what counts is the text after applying them.
    applied_cli, applied_tidy = apply_edits(expected), apply_edits(tidy)
    if applied_cli is not None and applied_cli == applied_tidy:
        print("fix-its: %d edits (CLI: %d), the same result as the CLI's" %
              (len(tidy), len(expected)))
        return []
    lines = ["fix-its differ from the CLI's (--parseable-fixits):"]
    lines += ["  only CLI:        %r" % (e,) for e in expected if e not in tidy]
    lines += ["  only clang-tidy: %r" % (e,) for e in tidy if e not in expected]
    return ["\n".join(lines)]


def show(cmd: List[str], cwd: str, result: subprocess.CompletedProcess) -> None:
    print("command: (cd %s && %s)" % (shlex.quote(cwd),
                                     " ".join(shlex.quote(c) for c in cmd)))
    for name, data in (("stdout", result.stdout), ("stderr", result.stderr)):
        text = data.decode("utf-8", errors="replace")
        print("--- clang-tidy %s (%d lines) ---" % (name, len(text.splitlines())))
        sys.stdout.write(text)
        if text and not text.endswith("\n"):
            sys.stdout.write("\n")
    print("--- end of clang-tidy output ---")


def run(args: argparse.Namespace) -> int:
    try:
        fixture = run_fixture.read_fixture(args.fixture)
    except run_fixture.FixtureError as err:
        print("run_tidy_fixture: malformed fixture: %s" % err)
        return 2
    clang_tidy = os.path.realpath(args.clang_tidy)
    plugin = os.path.realpath(args.plugin)
    include = os.path.realpath(args.include)
    tus = fixture.tus
    if fixture.is_directory and args.main_only:
        tus = [t for t in tus if os.path.basename(t) == "main.cpp"]
    expect_refusal = fixture.exit_code == 2

    verdict = 0
    seen = set()
    for tu in tus:
        cmd = tidy_command(clang_tidy, plugin, fixture, include, tu,
                           args.tidy_arg or [])
        cwd = os.path.dirname(tu)
        result = run_tidy(cmd, cwd)
        stdout = result.stdout.decode("utf-8", errors="replace")
        findings, notes, clang_errors, other = classify(
            run_fixture.parse_diagnostics(stdout, cwd))
        failures = []
        crash = crash_reason(result)
        if crash:
            failures.append(crash)
        if other:
            failures.append("\n".join(["unexpected non-relcheck diagnostics:"] +
                                      ["  " + d.raw for d in other]))
        if expect_refusal:
            if not clang_errors and not crash:
                failures.append("CHECK-EXIT: 2, but clang-tidy reported no "
                                "compile error")
            if findings:
                failures.append("\n".join(
                    ["relcheck findings on a TU that does not compile:"] +
                    ["  " + d.raw for d in findings]))
        else:
            if clang_errors:
                failures.append("\n".join(["the TU does not compile:"] +
                                          ["  " + d.raw for d in clang_errors]))
            if fixture.is_directory:
                subset_failures, matched = check_subset(fixture, findings)
                failures += subset_failures
                seen |= matched
            else:
                failures += check_exact(fixture, findings, notes)
                relcheck = getattr(args, "relcheck", None)
                if relcheck and not failures:
                    failures += check_fix_parity(
                        fixture, os.path.realpath(relcheck), clang_tidy,
                        plugin, include, tu)
        name = tu if fixture.is_directory else fixture.path
        if failures:
            print("FAIL: %s" % name)
            for failure in failures:
                print(failure)
            show(cmd, cwd, result)
            verdict = 1
        else:
            print("PASS: %s (%d relcheck findings)" % (name, len(findings)))
            if args.verbose:
                show(cmd, cwd, result)
    if fixture.is_directory and not verdict and not expect_refusal:
        expected = sum(1 for e in fixture.expectations if e.kind == "MESSAGES")
        print("note: %d of the fixture's %d expected findings were reported "
              "by at least one TU (TU-local subset)" %
              (len(seen), expected))
    for notice in fixture.notices:
        print("note: %s" % notice)
    if fixture.stderr:
        print("note: CHECK-STDERR is about the CLI and is not checked here")
    return verdict


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clang-tidy", required=True,
                        help="clang-tidy binary (clang-tidy-19)")
    parser.add_argument("--plugin", required=True, help="relcheck-tidy.so")
    parser.add_argument("--include", required=True,
                        help="directory holding relcheck/orm.hpp")
    parser.add_argument("--relcheck",
                        help="the CLI: single-TU fixtures must also offer "
                             "the CLI's fix-its, edit for edit")
    parser.add_argument("--main-only", action="store_true",
                        help="directory fixtures: run main.cpp only")
    parser.add_argument("--tidy-arg", action="append",
                        help="extra clang-tidy argument (repeatable)")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("fixture", help="fixture .cpp file or directory")
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
