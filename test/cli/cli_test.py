#!/usr/bin/python3
"""CLI behaviour tests for relcheck (one ctest per `test_<name>` function).

Usage: cli_test.py --relcheck BIN --include DIR --schema FILE --version X NAME

Each test writes small models into a fresh temp directory, runs the relcheck
binary and asserts exact exit codes and exact (or tightly matched) output.
Findings used here need only a `backref=` (relcheck-legacy-backref fires on
every backref), so the tests do not depend on the other rules' details.
"""

import json
import os
import re
import stat
import subprocess
import sys
import threading

sys.path.insert(0, os.path.join(os.path.dirname(os.path.realpath(__file__)),
                                os.pardir, "support"))
import relcheck_harness as harness  # noqa: E402
from relcheck_harness import check, check_eq, read, relcheck, write  # noqa: E402

ARGS = None

# `/abs/path:12:3: warning: message [rule-id]`
DIAG_RE = re.compile(r"^(?P<path>/[^:]*):(?P<line>\d+):(?P<col>\d+): "
                     r"(?P<sev>warning|error|note): (?P<text>.*)$")
CARET_RE = re.compile(r"^[ \t]*\^~*$")


def compile_args(*extra):
    return ["-std=c++17", "-I", ARGS.include] + list(extra)


def write_cdb(directory, files, extra=()):
    """compile_commands.json listing files (absolute) in the given order."""
    entries = [{"directory": directory, "file": f,
                "arguments": ["clang++-19"] + compile_args(*extra) +
                             ["-c", f, "-o", os.devnull]}
               for f in files]
    return write(os.path.join(directory, "compile_commands.json"),
                 json.dumps(entries, indent=2))


# Line 6 holds the backref; everything else is a plain, valid mapping.
BACKREF_LINE = 6


def backref_model(prefix, guard=""):
    table = prefix.lower()
    return (
        "#include <relcheck/orm.hpp>\n"                                   # 1
        "#include <vector>\n"                                             # 2
        "struct %(p)sAddress;%(guard)s\n"                                 # 3
        "struct ORM_MODEL(\"%(t)s_user\") %(p)sUser {\n"                  # 4
        "  ORM_COLUMN(Integer, primary_key=True) int id;\n"               # 5
        "  ORM_RELATIONSHIP(\"%(p)sAddress\", backref=\"owner\") "
        "std::vector<%(p)sAddress*> addresses;\n"                         # 6
        "};\n"                                                            # 7
        "struct ORM_MODEL(\"%(t)s_address\") %(p)sAddress {\n"            # 8
        "  ORM_COLUMN(Integer, primary_key=True) int id;\n"               # 9
        "  ORM_COLUMN(Integer, ForeignKey(\"%(t)s_user.id\")) int user_id;\n"
        "};\n" % {"p": prefix, "t": table, "guard": guard})


def clean_model(prefix):
    table = prefix.lower()
    return (
        "#include <relcheck/orm.hpp>\n"
        "#include <vector>\n"
        "struct %(p)sAddress;\n"
        "struct ORM_MODEL(\"%(t)s_user\") %(p)sUser {\n"
        "  ORM_COLUMN(Integer, primary_key=True) int id;\n"
        "  ORM_RELATIONSHIP(\"%(p)sAddress\", back_populates=\"owner\") "
        "std::vector<%(p)sAddress*> addresses;\n"
        "};\n"
        "struct ORM_MODEL(\"%(t)s_address\") %(p)sAddress {\n"
        "  ORM_COLUMN(Integer, primary_key=True) int id;\n"
        "  ORM_COLUMN(Integer, ForeignKey(\"%(t)s_user.id\")) int user_id;\n"
        "  ORM_RELATIONSHIP(\"%(p)sUser\", back_populates=\"addresses\") "
        "%(p)sUser* owner;\n"
        "};\n" % {"p": prefix, "t": table})


# Does not compile at 3:14 ("expected expression"); the backref after the
# error must not produce a finding (partial facts are not analyzed).
BROKEN_LINE, BROKEN_COL = 3, 14


def broken_model(prefix):
    return ("#include <relcheck/orm.hpp>\n"
            "#include <vector>\n"
            "int broken = ;\n" + backref_model(prefix).split("\n", 2)[2])


def parse_text(result, files_must_exist=True):
    """Checks the clang-style structure of the text output strictly and
    returns [(path, line, col, severity, text)] for every diagnostic."""
    lines = result.out.split("\n")
    check_eq(lines[-1], "", "stdout ends with a newline", result)
    lines = lines[:-1]
    diags = []
    i = 0
    while i < len(lines):
        m = DIAG_RE.match(lines[i])
        check(m is not None, "line %d is not a diagnostic: %r" % (i + 1, lines[i]),
              result)
        path, line, col = m.group("path"), int(m.group("line")), int(m.group("col"))
        diags.append((path, line, col, m.group("sev"), m.group("text")))
        with open(path) as handle:
            source = handle.read().split("\n")
        check(i + 2 < len(lines) + 1, "source and caret lines follow", result)
        check_eq(lines[i + 1], source[line - 1], "source line of %s:%d" % (path, line),
                 result)
        caret = lines[i + 2]
        check(CARET_RE.match(caret) is not None, "caret line %r" % caret, result)
        check_eq(caret.index("^"), col - 1, "caret position (ASCII, no tabs)", result)
        check(len(caret) <= len(source[line - 1]) + 1, "range within the line", result)
        i += 3
        # clang prints a fix-it's replacement text under the caret line.
        if i < len(lines) and not DIAG_RE.match(lines[i]):
            check(lines[i].strip() != "", "fix-it hint line %r" % lines[i], result)
            i += 1
    return diags


def warnings_of(diags):
    return [d for d in diags if d[3] in ("warning", "error")]


def expect_single_backref_warning(result, path, line=BACKREF_LINE):
    diags = parse_text(result)
    found = warnings_of(diags)
    check_eq([(d[0], d[1], d[3]) for d in found], [(path, line, "warning")],
             "findings", result)
    check(found[0][4].endswith(" [relcheck-legacy-backref]"),
          "rule id suffix in %r" % found[0][4], result)
    check(not found[0][4][0].isupper(), "message does not start uppercase", result)


def tmpdir():
    return harness.tmpdir(prefix="relcheck-cli-")


def validate_report(result_text):
    import jsonschema
    with open(ARGS.schema) as handle:
        schema = json.load(handle)
    report = json.loads(result_text)
    jsonschema.Draft202012Validator(schema).validate(report)
    return report


# --- exit codes and findings -------------------------------------------------

def test_clean_model_exits_0():
    d = tmpdir()
    a = write(os.path.join(d, "a.cpp"), clean_model("A"))
    r = relcheck(a, "--", *compile_args())
    check_eq((r.rc, r.out, r.err), (0, "", ""), "clean run", r)


def test_backref_warning_exits_1():
    d = tmpdir()
    a = write(os.path.join(d, "a.cpp"), backref_model("A"))
    r = relcheck(a, "--", *compile_args())
    check_eq(r.rc, 1, "exit code", r)
    expect_single_backref_warning(r, a)
    check_eq(r.err, "1 warning generated.\n", "summary line", r)


def test_quiet_suppresses_summary():
    d = tmpdir()
    a = write(os.path.join(d, "a.cpp"), backref_model("A"))
    r = relcheck("--quiet", a, "--", *compile_args())
    check_eq((r.rc, r.err), (1, ""), "exit code and stderr", r)
    expect_single_backref_warning(r, a)


def test_memory_is_linear_in_one_large_annotation():
    """Issue 12, defect 6: one ORM_RELATIONSHIP with 10,000 unknown
    keywords has 10,000 findings; each used to hold its own normalized copy
    of the whole annotation (1.7 GB). Now they share one: well under 1 GB of
    address space."""
    import resource
    d = tmpdir()
    args = ", ".join("x%d=1" % i for i in range(10000))
    a = write(os.path.join(d, "a.cpp"), backref_model("A").replace(
        'backref="', args + ', backref="', 1))
    limit = 1 << 30

    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    proc = subprocess.run([ARGS.relcheck, "--no-cache", "--format=json", a,
                           "--"] + compile_args(), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, preexec_fn=cap,
                          timeout=240)
    check(proc.returncode == 1, "findings, no crash: exit %d\n%s" %
          (proc.returncode, proc.stderr[-2000:].decode(errors="replace")))
    findings = json.loads(proc.stdout)["findings"]
    check(len(findings) >= 10000, "one finding per keyword: %d" %
          len(findings))


def test_relative_path_is_reported_absolute():
    d = tmpdir()
    a = write(os.path.join(d, "sub", "a.cpp"), backref_model("A"))
    r = relcheck("./sub/../sub/a.cpp", "--", *compile_args(), cwd=d)
    check_eq(r.rc, 1, "exit code", r)
    expect_single_backref_warning(r, a)


def test_files_order_does_not_change_output():
    d = tmpdir()
    a = write(os.path.join(d, "a.cpp"), backref_model("A"))
    b = write(os.path.join(d, "b.cpp"), backref_model("B"))
    r1 = relcheck(a, b, "--", *compile_args())
    r2 = relcheck(b, a, "--", *compile_args())
    check_eq(r1.rc, 1, "exit code", r1)
    check_eq(r1.out, r2.out, "same output whatever the order", r2)
    found = warnings_of(parse_text(r1))
    check_eq([(f[0], f[1]) for f in found], [(a, BACKREF_LINE), (b, BACKREF_LINE)],
             "findings sorted by file", r1)
    check_eq(r1.err, "2 warnings generated.\n", "summary", r1)


def test_header_shared_by_two_tus_is_reported_once():
    d = tmpdir()
    h = write(os.path.join(d, "include", "models.hpp"),
              "#pragma once\n" + backref_model("H"))
    a = write(os.path.join(d, "a.cpp"), '#include "models.hpp"\nint a;\n')
    b = write(os.path.join(d, "b.cpp"), '#include "models.hpp"\nint b;\n')
    write_cdb(d, [a, b], extra=("-I", os.path.join(d, "include")))
    r = relcheck("-p", d, "--format=json")
    check_eq(r.rc, 1, "exit code", r)
    report = validate_report(r.out)
    check_eq(report["summary"]["translationUnits"], 2, "two TUs", r)
    check_eq([(f["file"], f["line"]) for f in report["findings"]],
             [(h, BACKREF_LINE + 1)], "one finding in the header", r)


# --- input errors ------------------------------------------------------------

def test_names_with_invalid_bytes_are_invalid_annotations():
    """Issue 12, deliverable 4: a string that is not UTF-8 (a raw 0xFF
    byte) or holds a NUL byte is an invalid annotation, not a name."""
    d = tmpdir()
    a = write(os.path.join(d, "a.cpp"), (
        b'#include <relcheck/orm.hpp>\n#include <vector>\nstruct B;\n'
        b'struct ORM_MODEL("a") A {\n'
        b'  ORM_COLUMN(Integer, primary_key=True) int id;\n'
        b'  ORM_RELATIONSHIP("B", back_populates="a\xffx") '
        b'std::vector<B*> bs;\n'
        b'  ORM_RELATIONSHIP("B", back_populates="a\\x00y") '
        b'std::vector<B*> cs;\n};\n'
        b'struct ORM_MODEL("b") B {\n'
        b'  ORM_COLUMN(Integer, primary_key=True) int id;\n'
        b'  ORM_COLUMN(Integer, ForeignKey("a.id")) int a_id;\n};\n'), "wb")
    r = relcheck("--no-cache", "--format=json", a, "--", *compile_args())
    check_eq(r.rc, 1, "exit code", r)
    found = {(f["line"], f["message"].split(":")[0])
             for f in json.loads(r.out)["findings"]
             if f["rule"] == "relcheck-invalid-annotation"}
    check({(6, "this string holds bytes that are not UTF-8 (Python source "
               "is UTF-8)"), (7, "this string holds a NUL byte")} <= found,
          "findings: %r" % found, r)


def test_sources_that_are_not_regular_files():
    """Issue 12, defect 7: a FIFO or /dev/zero as a source (on the command
    line or in the database) is an input error naming it, not a hang."""
    d = tmpdir()
    fifo = os.path.join(d, "fifo.cpp")
    os.mkfifo(fifo)
    good = write(os.path.join(d, "a.cpp"), backref_model("A"))
    for source in (fifo, "/dev/zero"):
        r = harness.run([ARGS.relcheck, "--no-cache", source, good, "--",
                         *compile_args()], timeout=60)
        check_eq(r.rc, 2, "exit code", r)
        check("relcheck: error: not a source file: '%s' is not a regular "
              "file" % source in r.err, "error names the file", r)
        check(":%d:" % BACKREF_LINE in r.out, "the good file is analyzed", r)
    write_cdb(d, [fifo, good])
    r = harness.run([ARGS.relcheck, "--no-cache", "-p", d], timeout=60)
    check_eq(r.rc, 2, "exit code with a database", r)
    check("'%s' is not a regular file" % fifo in r.err, "database entry", r)


def test_response_files_that_never_end():
    """Issue 12: an @file argument in compile_commands.json that is
    /dev/zero, a FIFO, /dev/stdin, a file that includes itself or one that
    includes another file over and over: Clang's expansion read /dev/zero
    until it ran out of memory and blocked on a FIFO. Each such entry is
    an error naming the database, the entry and the response file; the
    other entries are analyzed."""
    d = tmpdir()
    good = write(os.path.join(d, "good.cpp"), backref_model("G"))
    fifo = os.path.join(d, "flags.fifo")
    os.mkfifo(fifo)
    write(os.path.join(d, "self.rsp"), "-DX @self.rsp\n")
    # 2**40 arguments if expanded: each file names the next one twice.
    for i in range(40):
        write(os.path.join(d, "r%d.rsp" % i), "@r%d.rsp @r%d.rsp\n" % (i + 1, i + 1))
    write(os.path.join(d, "r40.rsp"), "-DDEEP\n")
    write(os.path.join(d, "nested.rsp"), "-DY @%s\n" % fifo)
    write(os.path.join(d, "ok.rsp"), "-DOK\n")
    bad = {"zero": "/dev/zero", "fifo": fifo, "stdin": "/dev/stdin",
           "self": "self.rsp", "many": "r0.rsp", "nested": "nested.rsp"}
    entries = [{"directory": d, "file": good,
                "arguments": ["clang++-19", *compile_args(), "@ok.rsp",
                              "-c", good]}]
    for name, rsp in sorted(bad.items()):
        src = write(os.path.join(d, name + ".cpp"), backref_model(name.title()))
        entries.append({"directory": d, "file": src,
                        "arguments": ["clang++-19", *compile_args(),
                                      "@" + rsp, "-c", src]})
    db = write(os.path.join(d, "compile_commands.json"), json.dumps(entries))

    # stdin a pipe nobody writes to: reading /dev/stdin would block.
    r = run_bounded([ARGS.relcheck, "--no-cache", "-p", d], timeout=60,
                    stdin=subprocess.PIPE)
    check_eq(r.rc, 2, "exit code", r)
    check(":%d:" % BACKREF_LINE in r.out and "good.cpp" in r.out,
          "the good entry is analyzed", r)
    expected = {
        "zero": "response file '/dev/zero' is not a regular file",
        "fifo": "response file '%s' is not a regular file" % fifo,
        "stdin": "response file '/dev/stdin' is not a regular file",
        "nested": "response file '%s' is not a regular file" % fifo,
        "self": "recursive expansion of",
        "many": "more than 1000 response files",
    }
    for name, why in sorted(expected.items()):
        src = os.path.join(d, name + ".cpp")
        check_eq(r.err.count("relcheck: error: %s: the entry for '%s' "
                             "(directory '%s'): " % (db, src, d)), 1,
                 "the entry of %s is named, once" % name, r)
        check(why in r.err, "says why for %s" % name, r)
        check("%s:%d:" % (src, BACKREF_LINE) not in r.out,
              "%s is not analyzed" % name, r)
    check("no compile command" not in r.err, "no second error", r)

    # compile_flags.txt, which Clang reads to its end, as a FIFO: blocked.
    flags_dir = tmpdir()
    os.mkfifo(os.path.join(flags_dir, "compile_flags.txt"))
    r = run_bounded([ARGS.relcheck, "--no-cache", "-p", flags_dir, good],
                    timeout=30)
    check_eq(r.rc, 2, "exit code with a FIFO compile_flags.txt", r)
    check("compile_flags.txt: not a regular file" in r.err, "says why", r)


def test_includes_that_never_end():
    """Issue 12: Clang reads what it opens to its end: #include "/dev/zero"
    ran relcheck out of memory (LLVM ERROR: out of memory) and an #include
    of a FIFO blocked the run (in the dependency scan, then in the parse).
    Each is now a compile error of its TU, at the #include; the other TUs
    are analyzed."""
    d = tmpdir()
    good = write(os.path.join(d, "good.cpp"), backref_model("G"))
    fifo = os.path.join(d, "header.fifo")
    os.mkfifo(fifo)
    zero = write(os.path.join(d, "zero.cpp"),
                 '#include "/dev/zero"\n' + backref_model("Z"))
    blocked = write(os.path.join(d, "fifo.cpp"),
                    '#include "header.fifo"\n' + backref_model("F"))
    r = run_bounded([ARGS.relcheck, "--no-cache", zero, blocked, good, "--",
                     *compile_args()], timeout=60)
    check_eq(r.rc, 2, "exit code", r)
    check("good.cpp:%d:" % BACKREF_LINE in r.out, "the good TU is analyzed", r)
    for src, header in ((zero, "/dev/zero"), (blocked, fifo)):
        check("relcheck: error: '%s' does not compile: %s:1:10: cannot open "
              "file '%s'" % (src, src, header) in r.err,
              "the #include of %s is the error" % header, r)


def test_merged_facts_naming_a_fifo():
    """Issue 12: a shard file (or cache entry) is anyone's to write; its
    facts name the source files whose lines a report quotes. A FIFO named
    there blocked `relcheck merge` (text, SARIF and rdjsonl reports read
    the line). The finding is reported without its source line."""
    d = tmpdir()
    a = write(os.path.join(d, "a.cpp"), backref_model("A"))
    shard = os.path.join(d, "s.json")
    r = relcheck("--no-cache", "--shard=0/1", "--facts-out=" + shard, a,
                 "--", *compile_args())
    check(os.path.isfile(shard), "the shard is written", r)
    fifo = os.path.join(d, "f.cpp")
    os.mkfifo(fifo)
    tampered = write(os.path.join(d, "t.json"),
                     read(shard).replace(json.dumps(a)[1:-1],
                                         json.dumps(fifo)[1:-1]))
    for fmt in ("text", "sarif", "rdjsonl"):
        r = run_bounded([ARGS.relcheck, "merge", "--format=" + fmt, tampered],
                        timeout=30)
        check_eq(r.rc, 1, "merge with --format=%s ends" % fmt, r)
        check("f.cpp" in r.out, "the finding names the file", r)


def run_bounded(cmd, timeout=60, stdin=None):
    """Runs cmd with its address space capped at 4 GiB: a relcheck that
    reads /dev/zero without bound then dies at once instead of taking the
    machine's memory (7.3 GB in 10 s)."""
    import resource
    import subprocess

    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
    proc = subprocess.run([str(a) for a in cmd], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=timeout,
                          preexec_fn=cap, stdin=stdin)
    return harness.Result([str(a) for a in cmd], proc)


def test_baseline_config_and_shards_that_never_end():
    # A checked-in symlink to /dev/zero as baseline.json or .relcheck.yaml
    # ran relcheck out of memory (abort); so did `relcheck merge /dev/zero`,
    # and a FIFO as a shard file blocked. Baselines and configurations may
    # still come through a FIFO (`--baseline=<(git show main:b.json)`).
    import threading
    d = tmpdir()
    good = write(os.path.join(d, "a.cpp"), backref_model("A"))
    r = run_bounded([ARGS.relcheck, "--no-cache", "--baseline=/dev/zero",
                     good, "--", *compile_args()])
    check_eq(r.rc, 2, "exit code", r)
    check("cannot read baseline '/dev/zero': larger than 64 MiB" in r.err,
          "says why", r)
    r = run_bounded([ARGS.relcheck, "--no-cache", "--config-file=/dev/zero",
                     good, "--", *compile_args()])
    check_eq(r.rc, 2, "exit code", r)
    check("cannot read configuration '/dev/zero': larger than 64 KiB" in r.err,
          "says why", r)

    fifo = os.path.join(d, "baseline.fifo")
    os.mkfifo(fifo)

    def feed():
        with open(fifo, "w") as h:
            h.write('{"tool": "relcheck", "version": 1, "entries": []}\n')
    writer = threading.Thread(target=feed)
    writer.start()
    r = run_bounded([ARGS.relcheck, "--no-cache", "--baseline=" + fifo, good,
                     "--", *compile_args()])
    writer.join()
    check_eq(r.rc, 1, "a baseline through a FIFO is read", r)
    check(":%d:" % BACKREF_LINE in r.out, "the finding is new", r)

    shard_fifo = os.path.join(d, "shard.fifo")
    os.mkfifo(shard_fifo)
    for shard in ("/dev/zero", shard_fifo):
        r = run_bounded([ARGS.relcheck, "merge", shard], timeout=30)
        check_eq(r.rc, 2, "merge exit code", r)
        check("'%s': not a regular file" % shard in r.err, "says why", r)


def test_cache_manifest_that_is_a_fifo_is_replaced():
    # The project manifests under <cache>/projects/ were read with no check:
    # a FIFO there (the cache directory is anyone's to write) hung every
    # run that used the cache.
    d = tmpdir()
    good = write(os.path.join(d, "a.cpp"), backref_model("A"))
    cache = os.path.join(d, "cache")
    cmd = [ARGS.relcheck, "--cache-dir=" + cache, good, "--", *compile_args()]
    r = harness.run(cmd, timeout=60)
    check_eq(r.rc, 1, "cold run", r)
    by_file = os.path.join(cache, "projects", "by-file")
    manifests = os.listdir(by_file)
    check_eq(len(manifests), 1, "one main file, one manifest", r)
    fifo = os.path.join(by_file, manifests[0])
    os.remove(fifo)
    os.mkfifo(fifo)
    r = harness.run(cmd, timeout=30)
    check_eq(r.rc, 1, "a run with a FIFO manifest ends", r)
    check(":%d:" % BACKREF_LINE in r.out, "and reports", r)
    check(os.path.isfile(fifo), "the FIFO is replaced by a manifest", r)


def test_models_in_function_bodies_are_reported():
    """Issue 12, defect 11: a model in a function body (here a header's
    inline function, and a lambda in the main file) is reported, with and
    without --exhaustive, cold and from the cache."""
    d = tmpdir()
    write(os.path.join(d, "local.hpp"),
          '#include <relcheck/orm.hpp>\n'
          'inline void f() {\n'
          '  struct ORM_MODEL("local") Local {\n'
          '    ORM_COLUMN(Integer, primary_key=True, ) int id;\n  };\n}\n')
    a = write(os.path.join(d, "a.cpp"),
              '#include "local.hpp"\n'
              'auto g = [] { struct ORM_MODEL("l") L {}; return 0; };\n')
    write_cdb(d, [a])
    cache = os.path.join(d, "cache")
    for extra in ([], ["--exhaustive"], ["--cache-dir", cache], ["--cache-dir", cache]):
        r = relcheck("-p", d, *(extra or ["--no-cache"]))
        check_eq(r.rc, 1, "exit code", r)
        found = sorted((os.path.basename(m.group("path")), int(m.group("line")))
                       for m in map(DIAG_RE.match, r.out.splitlines())
                       if m and "in a function body" in m.group(0))
        check_eq(found, [("a.cpp", 2), ("local.hpp", 3), ("local.hpp", 4)],
                 "reported with %r" % extra, r)


def test_missing_file():
    d = tmpdir()
    r = relcheck("nothere.cpp", "--", *compile_args(), cwd=d)
    check_eq((r.rc, r.out, r.err),
             (2, "", "relcheck: error: no such file: 'nothere.cpp'\n"),
             "missing file", r)


def test_missing_file_among_good_ones_still_analyzes_them():
    d = tmpdir()
    a = write(os.path.join(d, "a.cpp"), backref_model("A"))
    r = relcheck("nothere.cpp", a, "--", *compile_args(), cwd=d)
    check_eq(r.rc, 2, "exit code (input error wins over findings)", r)
    expect_single_backref_warning(r, a)
    check_eq(r.err, "relcheck: error: no such file: 'nothere.cpp'\n"
                    "1 warning generated.\n", "stderr", r)


def test_broken_compile_commands_names_file_and_position():
    d = tmpdir()
    write(os.path.join(d, "a.cpp"), backref_model("A"))
    db = write(os.path.join(d, "compile_commands.json"),
               '[\n'
               '  {"directory": "%s", "file": "a.cpp", "command": "clang++ -c a.cpp"}\n'
               '  {"directory": "%s", "file": "b.cpp", "command": "clang++ -c b.cpp"}\n'
               ']\n' % (d, d))
    r = relcheck("-p", d)
    check_eq((r.rc, r.out), (2, ""), "exit code and stdout", r)
    check_eq(r.err, "relcheck: error: cannot load compilation database from '%s': "
                    "%s:3:3: invalid JSON: expected , or ] after array element\n"
             % (d, db), "stderr", r)


def test_compile_commands_nested_too_deeply_or_not_a_file():
    """50,000 nested '[' crashed inside llvm::json (SIGSEGV); a FIFO as
    compile_commands.json hung the run (issue 12, defects 7 and 8)."""
    d = tmpdir()
    write(os.path.join(d, "compile_commands.json"), "[" * 50000 + "]" * 50000)
    r = relcheck("-p", d)
    check_eq(r.rc, 2, "exit code", r)
    check("compile_commands.json:1:257: invalid JSON: nested deeper than 256"
          in r.err, "names file, line and column", r)
    fifo_dir = tmpdir()
    os.mkfifo(os.path.join(fifo_dir, "compile_commands.json"))
    r = harness.run([ARGS.relcheck, "-p", fifo_dir], timeout=60)
    check_eq(r.rc, 2, "a FIFO database is an error, not a hang", r)
    check("not a regular file" in r.err, "says why", r)


def test_compile_commands_with_wrong_shape():
    d = tmpdir()
    db = write(os.path.join(d, "compile_commands.json"), '{"file": "a.cpp"}\n')
    r = relcheck("-p", d)
    check_eq((r.rc, r.out), (2, ""), "exit code and stdout", r)
    check_eq(r.err, "relcheck: error: cannot load compilation database from '%s': "
                    "%s: expected array\n" % (d, db), "stderr", r)


def test_missing_compile_commands():
    d = tmpdir()
    build = os.path.join(d, "build")
    os.makedirs(build)
    write(os.path.join(d, "a.cpp"), backref_model("A"))
    r = relcheck("-p", "build", "a.cpp", cwd=d)
    check_eq((r.rc, r.out), (2, ""), "exit code and stdout", r)
    check_eq(r.err, "relcheck: error: cannot load compilation database from 'build': "
                    "no compile_commands.json in '%s'\n" % build, "stderr", r)


def test_missing_build_directory():
    d = tmpdir()
    r = relcheck("-p", "nobuild", cwd=d)
    check_eq((r.rc, r.out, r.err),
             (2, "", "relcheck: error: cannot load compilation database from "
                     "'nobuild': no such directory\n"), "missing -p dir", r)


def test_empty_compile_commands():
    d = tmpdir()
    db = write(os.path.join(d, "compile_commands.json"), "[]\n")
    r = relcheck("-p", d)
    check_eq((r.rc, r.out, r.err),
             (2, "", "relcheck: error: no input files: '%s' lists no source file\n"
                     % db), "empty database", r)


def test_database_entry_for_missing_file():
    d = tmpdir()
    a = write(os.path.join(d, "a.cpp"), backref_model("A"))
    gone = os.path.join(d, "gone.cpp")
    write_cdb(d, [gone, a])
    r = relcheck("-p", d)
    check_eq(r.rc, 2, "exit code", r)
    expect_single_backref_warning(r, a)
    check_eq(r.err, "relcheck: error: no such file: '%s'\n1 warning generated.\n"
             % gone, "stderr", r)


def test_tu_that_does_not_compile_among_good_ones():
    d = tmpdir()
    a = write(os.path.join(d, "a.cpp"), backref_model("A"))
    b = write(os.path.join(d, "b.cpp"), broken_model("B"))
    c = write(os.path.join(d, "c.cpp"), clean_model("C"))
    write_cdb(d, [c, b, a])
    r = relcheck("-p", d)
    check_eq(r.rc, 2, "exit code", r)
    # b's backref (after its error) is not reported: its facts are unused.
    expect_single_backref_warning(r, a)
    err = r.err.split("\n")
    check_eq(len(err), 3, "two stderr lines", r)
    check(re.fullmatch(r"relcheck: error: '%s' does not compile: %s:%d:%d: "
                       r"expected expression" % (re.escape(b), re.escape(b),
                                                 BROKEN_LINE, BROKEN_COL),
                       err[0]) is not None, "compile error line", r)
    check_eq(err[1:], ["1 warning generated.", ""], "summary", r)


def test_no_database_found_without_p():
    d = tmpdir()
    a = write(os.path.join(d, "deep", "a.cpp"), backref_model("A"))
    r = relcheck(a)
    check_eq((r.rc, r.out), (2, ""), "exit code and stdout", r)
    check_eq(r.err, "relcheck: error: no compilation database found for '%s' in its "
                    "directory or any parent (use -p BUILD_DIR, or '--' followed by "
                    "compiler arguments)\n" % a, "stderr", r)


def test_database_found_from_source_directory():
    d = tmpdir()
    a = write(os.path.join(d, "src", "a.cpp"), backref_model("A"))
    write_cdb(d, [a])
    r = relcheck(a)
    check_eq(r.rc, 1, "exit code", r)
    expect_single_backref_warning(r, a)


def test_no_input_is_a_usage_error():
    r = relcheck()
    check_eq((r.rc, r.out), (2, ""), "exit code", r)
    check(r.err.startswith("relcheck: error: no input files"), "message", r)
    check_eq(r.err.count("\n"), 1, "one line", r)


def test_dashdash_without_files_is_a_usage_error():
    r = relcheck("--", "-std=c++17")
    check_eq((r.rc, r.out), (2, ""), "exit code", r)
    check(r.err.startswith("relcheck: error: no input files"), "message", r)


def test_p_and_dashdash_conflict():
    d = tmpdir()
    a = write(os.path.join(d, "a.cpp"), backref_model("A"))
    r = relcheck("-p", d, a, "--", "-std=c++17")
    check_eq((r.rc, r.out), (2, ""), "exit code", r)
    check_eq(r.err, "relcheck: error: '-p' and '--' cannot be combined: use a "
                    "compilation database or compiler arguments after '--'\n",
             "stderr", r)


def test_unknown_option_and_bad_format_are_usage_errors():
    r = relcheck("--no-such-option", "x.cpp")
    check_eq((r.rc, r.out), (2, ""), "unknown option", r)
    check(r.err.startswith("relcheck: error: unknown command line argument "
                           "'--no-such-option'"), "unknown option message", r)
    r = relcheck("--format=xml", "x.cpp")
    check_eq((r.rc, r.out), (2, ""), "bad format", r)
    check_eq(r.err, "relcheck: error: --format: unknown format 'xml' (expected "
                    "'text', 'json', 'sarif', 'rdjsonl' or 'codequality')\n",
             "format message", r)


# --- database modes -------------------------------------------------------------

def test_p_without_files_analyzes_every_tu_in_sorted_order():
    d = tmpdir()
    a = write(os.path.join(d, "a.cpp"), backref_model("A"))
    y = write(os.path.join(d, "y.cpp"), broken_model("Y"))
    z = write(os.path.join(d, "z.cpp"), broken_model("Z"))
    b = write(os.path.join(d, "b.cpp"), backref_model("B"))
    write_cdb(d, [z, b, y, a])  # unsorted on purpose
    r = relcheck("-p", d, "--format=json")
    check_eq(r.rc, 2, "exit code", r)
    err = r.err.split("\n")
    check_eq([e.split(" does not compile")[0] for e in err[:2]],
             ["relcheck: error: '%s'" % y, "relcheck: error: '%s'" % z],
             "errors in sorted TU order", r)
    report = validate_report(r.out)
    check_eq(report["summary"]["translationUnits"], 2, "TUs analyzed", r)
    files = [f["file"] for f in report["findings"]
             if f["rule"] == "relcheck-legacy-backref"]
    check_eq(files, [a, b], "both good TUs analyzed, sorted", r)


def test_p_with_files_analyzes_only_those():
    d = tmpdir()
    a = write(os.path.join(d, "a.cpp"), backref_model("A"))
    b = write(os.path.join(d, "b.cpp"), backref_model("B"))
    write_cdb(d, [a, b])
    r = relcheck("-p", d, "b.cpp", cwd=d)
    check_eq(r.rc, 1, "exit code", r)
    expect_single_backref_warning(r, b)


def test_p_file_not_in_database_uses_inferred_command():
    d = tmpdir()
    a = write(os.path.join(d, "a.cpp"), clean_model("A"))
    c = write(os.path.join(d, "c.cpp"), backref_model("C"))
    write_cdb(d, [a])  # c.cpp borrows a.cpp's flags (-I include), silently
    r = relcheck("-p", d, c)
    check_eq(r.rc, 1, "exit code", r)
    expect_single_backref_warning(r, c)
    check_eq(r.err, "1 warning generated.\n", "no error about the missing entry", r)


def test_p_accepts_the_database_file_itself():
    d = tmpdir()
    a = write(os.path.join(d, "a.cpp"), backref_model("A"))
    db = write_cdb(d, [a])
    r = relcheck("-p", db)
    check_eq(r.rc, 1, "exit code", r)
    expect_single_backref_warning(r, a)


def test_database_less_run():
    d = tmpdir()
    a = write(os.path.join(d, "a.cpp"), backref_model("A"))
    r = relcheck(a, "--", "-std=c++17", "-I" + ARGS.include)
    check_eq(r.rc, 1, "exit code", r)
    expect_single_backref_warning(r, a)
    # Without the include path, the TU does not compile.
    r = relcheck(a, "--", "-std=c++17")
    check_eq((r.rc, r.out), (2, ""), "exit code without -I", r)
    check(re.fullmatch(r"relcheck: error: '%s' does not compile: %s:1:10: "
                       r"'relcheck/orm.hpp' file not found\n"
                       % (re.escape(a), re.escape(a)), r.err) is not None,
          "missing include reported", r)


def test_extra_arg_and_extra_arg_before():
    d = tmpdir()
    guard = "\n#ifndef RELCHECK_CLI_FLAG\n#error flag missing\n#endif"
    a = write(os.path.join(d, "a.cpp"), backref_model("A", guard))
    line = BACKREF_LINE + 3
    r = relcheck(a, "--", *compile_args())
    check_eq(r.rc, 2, "without the flag", r)
    check(re.fullmatch(r"relcheck: error: '%s' does not compile: %s:5:2: "
                       r"flag missing\n" % (re.escape(a), re.escape(a)), r.err)
          is not None, "error line", r)
    for option in ("--extra-arg=-DRELCHECK_CLI_FLAG",
                   "--extra-arg-before=-DRELCHECK_CLI_FLAG"):
        r = relcheck(option, a, "--", *compile_args())
        check_eq(r.rc, 1, option, r)
        expect_single_backref_warning(r, a, line)
    write_cdb(d, [a])
    r = relcheck("-p", d, "--extra-arg", "-DRELCHECK_CLI_FLAG")
    check_eq(r.rc, 1, "--extra-arg with -p", r)
    expect_single_backref_warning(r, a, line)


# --- rules ---------------------------------------------------------------------

KNOWN_RULES = ["relcheck-back-populates-mismatch", "relcheck-invalid-annotation",
               "relcheck-legacy-backref", "relcheck-one-way-filtered-collection"]
LIST_RE = re.compile(r"^(relcheck-[a-z-]+) +(error|warning|note) +(\S.*)$")


def test_list_rules():
    r = relcheck("--list-rules")
    check_eq((r.rc, r.err), (0, ""), "exit code and stderr", r)
    rows = [LIST_RE.match(l) for l in r.out.splitlines()]
    check(all(rows), "every line is 'id severity summary'", r)
    ids = [m.group(1) for m in rows]
    check_eq(ids, sorted(ids), "sorted by id", r)
    for rule in KNOWN_RULES:
        check(rule in ids, "lists %s" % rule, r)
    check_eq(dict((m.group(1), m.group(2)) for m in rows)["relcheck-legacy-backref"],
             "warning", "legacy-backref default severity", r)
    # Columns are aligned: the severity starts at the same offset everywhere.
    check_eq(len({m.start(2) for m in rows}), 1, "aligned columns", r)


def test_list_rules_honours_rules_filter():
    r = relcheck("--list-rules", "--rules=-*,relcheck-legacy-*")
    check_eq(r.rc, 0, "exit code", r)
    check_eq([l.split()[0] for l in r.out.splitlines()], ["relcheck-legacy-backref"],
             "filtered list", r)


def test_rules_filtering():
    d = tmpdir()
    a = write(os.path.join(d, "a.cpp"), backref_model("A"))
    r = relcheck("--rules=-relcheck-legacy-backref", a, "--", *compile_args())
    check_eq((r.rc, r.out, r.err), (0, "", ""), "legacy-backref disabled", r)
    r = relcheck("--rules=-*,relcheck-legacy-backref", a, "--", *compile_args())
    check_eq(r.rc, 1, "only legacy-backref", r)
    expect_single_backref_warning(r, a)
    r = relcheck("--rules=-*,relcheck-back-populates-mismatch", a, "--",
                 *compile_args())
    check_eq((r.rc, r.out, r.err), (0, "", ""), "another rule only", r)


def test_rules_errors():
    r = relcheck("--rules=-*,relcheck-legacy-backrf", "x.cpp", "--")
    check_eq((r.rc, r.out, r.err),
             (2, "", "relcheck: error: --rules: unknown rule "
                     "'relcheck-legacy-backrf' (see --list-rules)\n"), "typo", r)
    r = relcheck("--rules=-*", "x.cpp", "--")
    check_eq((r.rc, r.out, r.err),
             (2, "", "relcheck: error: --rules: '-*' enables no rule\n"),
             "nothing enabled", r)


# --- output --------------------------------------------------------------------

def test_json_report_validates_against_schema():
    d = tmpdir()
    a = write(os.path.join(d, "a.cpp"), backref_model("A"))
    b = write(os.path.join(d, "b.cpp"), broken_model("B"))
    c = write(os.path.join(d, "c.cpp"), clean_model("C"))
    write_cdb(d, [a, b, c])
    r = relcheck("--format=json", "-p", d)
    check_eq(r.rc, 2, "exit code", r)
    report = validate_report(r.out)
    check_eq(report["schemaVersion"], 1, "schemaVersion", r)
    check_eq(report["tool"], {"name": "relcheck", "version": ARGS.version}, "tool", r)
    backrefs = [f for f in report["findings"] if f["rule"] == "relcheck-legacy-backref"]
    check_eq([(f["file"], f["line"], f["severity"]) for f in backrefs],
             [(a, BACKREF_LINE, "warning")], "backref finding", r)
    check_eq(backrefs[0]["model"], "AUser", "model", r)
    check_eq(backrefs[0]["attribute"], "addresses", "attribute", r)
    check_eq([e["file"] for e in report["errors"]], [b], "error file", r)
    check(report["errors"][0]["message"].startswith(
        "'%s' does not compile: %s:%d:%d: " % (b, b, BROKEN_LINE, BROKEN_COL)),
        "error message", r)
    s = report["summary"]
    check_eq((s["translationUnits"], s["toolErrors"], s["findings"]),
             (2, 1, len(report["findings"])), "summary", r)
    check_eq(s["warnings"] + s["errors"] + s["notes"], s["findings"], "counts add up", r)
    # The error lines on stderr are the same messages.
    check(r.err.startswith("relcheck: error: " + report["errors"][0]["message"] + "\n"),
          "stderr repeats the error", r)


def test_json_clean_and_error_reports_validate():
    d = tmpdir()
    a = write(os.path.join(d, "a.cpp"), clean_model("A"))
    r = relcheck("--format=json", a, "--", *compile_args())
    check_eq((r.rc, r.err), (0, ""), "clean", r)
    report = validate_report(r.out)
    check_eq((report["findings"], report["errors"], report["summary"]["translationUnits"]),
             ([], [], 1), "empty report", r)
    r = relcheck("--format=json", "-p", os.path.join(d, "nothere"))
    check_eq(r.rc, 2, "database error", r)
    report = validate_report(r.out)
    check_eq(len(report["errors"]), 1, "one error", r)
    check_eq(report["summary"]["translationUnits"], 0, "no TU", r)


def test_output_file_is_written():
    d = tmpdir()
    a = write(os.path.join(d, "a.cpp"), backref_model("A"))
    out = os.path.join(d, "out", "report.txt")
    os.makedirs(os.path.dirname(out))
    write(out, "stale content\n")
    plain = relcheck(a, "--", *compile_args())
    r = relcheck("-o", out, a, "--", *compile_args())
    check_eq((r.rc, r.out, r.err), (1, "", "1 warning generated.\n"), "-o run", r)
    with open(out) as handle:
        check_eq(handle.read(), plain.out, "file content = stdout of a plain run", r)
    r = relcheck("--format=json", "--output=" + out, a, "--", *compile_args())
    check_eq((r.rc, r.out), (1, ""), "--output run", r)
    with open(out) as handle:
        validate_report(handle.read())
    check_eq(os.listdir(os.path.dirname(out)), ["report.txt"], "no temp files left", r)


def test_output_file_unwritable():
    d = tmpdir()
    a = write(os.path.join(d, "a.cpp"), backref_model("A"))
    out = os.path.join(d, "no", "such", "dir", "report.txt")
    r = relcheck("-o", out, a, "--", *compile_args())
    check_eq((r.rc, r.out), (2, ""), "exit code", r)
    check(r.err.startswith("relcheck: error: cannot write '%s': " % out), "message", r)


# Every option that writes a file, as (its arguments for PATH, whether it
# needs --fix-dry-run to have something to write). Each goes through one
# writer (lib/driver/OutputFile.cpp); each is tested, so none can bypass it.
FILE_OUTPUTS = {
    "report": lambda path: ["-o", path],
    "facts": lambda path: ["--dump-facts=" + path, "--quiet"],
    "baseline": lambda path: ["--write-baseline=" + path, "--quiet"],
    "fixes": lambda path: ["--export-fixes=" + path, "--quiet"],
}
# Writing a baseline accepts the findings it records: exit 0.
EXIT_WITH = {"report": 1, "facts": 1, "baseline": 0, "fixes": 1}


def reference_outputs(d, a):
    """What each option writes to a regular file: what every other kind of
    destination must receive too."""
    expected = {}
    for name, args in FILE_OUTPUTS.items():
        path = os.path.join(d, "reference-" + name)
        r = relcheck(*args(path), a, "--", *compile_args())
        check_eq(r.rc, EXIT_WITH[name], "reference run of " + name, r)
        expected[name] = harness.read(path)
        check(expected[name], "%s wrote something" % name, r)
        os.remove(path)
    return expected


def null_device(d):
    """A character device like /dev/null: a node of our own where we may
    create one (root, as in CI), so that a regression cannot clobber the
    machine's; /dev/null itself otherwise (no permission to replace it
    then, so a regression still fails: 'cannot write')."""
    node = os.path.join(d, "null")
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        with open(node, "w") as handle:  # nodev mounts refuse to open it
            handle.write("")
        return node
    except OSError:
        if os.path.exists(node):
            os.remove(node)
        return os.devnull


def test_output_files_write_through_devices():
    """`relcheck -o /dev/null` as root replaced the machine's /dev/null with a
    regular file (issue 12, item 1): a device is written through, never
    renamed over, and nothing is left beside it."""
    d = tmpdir()
    a = write(os.path.join(d, "a.cpp"), backref_model("A"))
    reference_outputs(d, a)
    device = null_device(d)
    for name, args in FILE_OUTPUTS.items():
        r = relcheck(*args(device), a, "--", *compile_args())
        check_eq(r.rc, EXIT_WITH[name], name + " to a device", r)
        check(stat.S_ISCHR(os.lstat(device).st_mode),
              "%s: %s is still a character device" % (name, device), r)
        if device != os.devnull:
            check_eq(sorted(os.listdir(d)), ["a.cpp", "null"],
                     name + ": no temporary file beside the device", r)


def test_output_files_write_to_fifos_and_own_streams():
    """A FIFO receives the output (a reader sees all of it and it stays a
    FIFO); /dev/stdout and /dev/fd/1 mean this process's standard output."""
    d = tmpdir()
    a = write(os.path.join(d, "a.cpp"), backref_model("A"))
    expected = reference_outputs(d, a)
    fifo = os.path.join(d, "fifo")
    os.mkfifo(fifo)
    for name, args in FILE_OUTPUTS.items():
        received = []
        reader = threading.Thread(
            target=lambda: received.append(harness.read(fifo)), daemon=True)
        reader.start()
        r = relcheck(*args(fifo), a, "--", *compile_args())
        reader.join(timeout=60)
        check_eq(r.rc, EXIT_WITH[name], name + " to a FIFO", r)
        check(stat.S_ISFIFO(os.lstat(fifo).st_mode), name + ": still a FIFO", r)
        check_eq(received, [expected[name]], name + ": the reader got it all", r)
        for stream in ("/dev/stdout", "/dev/fd/1"):
            r = relcheck(*args(stream), a, "--", *compile_args())
            check_eq(r.rc, EXIT_WITH[name], "%s to %s" % (name, stream), r)
            if name == "report":
                check_eq(r.out, expected[name], "the report on stdout", r)
            else:  # The report is printed too.
                check(expected[name] in r.out,
                      "%s printed to %s" % (name, stream), r)
    check_eq(sorted(os.listdir(d)), ["a.cpp", "fifo"], "no temporary files", r)


def test_output_files_follow_symlinks():
    """A symlink's target is replaced atomically and keeps its mode; the
    link stays a link; a dangling relative link creates its target."""
    d = tmpdir()
    a = write(os.path.join(d, "a.cpp"), backref_model("A"))
    expected = reference_outputs(d, a)
    os.makedirs(os.path.join(d, "real"))
    for name, args in FILE_OUTPUTS.items():
        target = write(os.path.join(d, "real", name), "stale\n")
        os.chmod(target, 0o640)
        link = os.path.join(d, "link-" + name)
        os.symlink(target, link)
        r = relcheck(*args(link), a, "--", *compile_args())
        check_eq(r.rc, EXIT_WITH[name], name + " through a symlink", r)
        check(os.path.islink(link), name + ": the link is still a link", r)
        check_eq(harness.read(target), expected[name], name + ": target written", r)
        check_eq(stat.S_IMODE(os.stat(target).st_mode), 0o640,
                 name + ": the target keeps its mode", r)
        dangling = os.path.join(d, "dangling-" + name)
        os.symlink(os.path.join("real", "new-" + name), dangling)
        r = relcheck(*args(dangling), a, "--", *compile_args())
        check_eq(r.rc, EXIT_WITH[name], name + " through a dangling symlink", r)
        check(os.path.islink(dangling), name + ": the dangling link stays", r)
        check_eq(harness.read(os.path.join(d, "real", "new-" + name)),
                 expected[name], name + ": the link's target is created", r)
    check_eq(sorted(os.listdir(os.path.join(d, "real"))),
             sorted(list(FILE_OUTPUTS) + ["new-" + n for n in FILE_OUTPUTS]),
             "no temporary files", r)


def test_output_file_that_is_a_directory():
    d = tmpdir()
    a = write(os.path.join(d, "a.cpp"), backref_model("A"))
    for name, args in FILE_OUTPUTS.items():
        r = relcheck(*args(d), a, "--", *compile_args())
        check_eq(r.rc, 2, name + " to a directory", r)
        check("relcheck: error: cannot write '%s': is a directory\n" % d in r.err,
              name + ": message", r)
        check(os.path.isdir(d), name + ": still a directory", r)


def test_dump_facts():
    d = tmpdir()
    a = write(os.path.join(d, "a.cpp"), backref_model("A"))
    b = write(os.path.join(d, "b.cpp"), broken_model("B"))
    facts = os.path.join(d, "facts.json")
    r = relcheck("--dump-facts=" + facts, "--quiet", b, a, "--", *compile_args())
    check_eq(r.rc, 2, "exit code", r)
    with open(facts) as handle:
        doc = json.load(handle)
    units = doc["translationUnits"]
    check_eq([u["mainFile"] for u in units], [a, b], "every TU, sorted", r)
    check_eq([m["name"] for m in units[0]["models"]], ["AUser", "AAddress"],
             "models of a.cpp", r)
    check_eq(units[0]["compileErrors"], [], "a.cpp compiled", r)
    check(len(units[1]["compileErrors"]) > 0, "b.cpp's compile errors are kept", r)
    # '-' writes the facts to stdout (the report goes to -o).
    r = relcheck("--dump-facts=-", "-o", os.path.join(d, "report.txt"), a, "--",
                 *compile_args())
    check_eq(r.rc, 1, "exit code", r)
    check_eq([u["mainFile"] for u in json.loads(r.out)["translationUnits"]], [a],
             "facts on stdout", r)


def test_version_and_help():
    r = relcheck("--version")
    check_eq((r.rc, r.err), (0, ""), "--version", r)
    check(re.fullmatch(r"relcheck version %s \(LLVM 19\.[0-9.]+[a-z0-9]*\)\n"
                       % re.escape(ARGS.version), r.out) is not None,
          "version line", r)
    r = relcheck("--help")
    check_eq(r.rc, 0, "--help", r)
    for option in ("-p", "--extra-arg", "--extra-arg-before", "--format",
                   "--output", "--rules", "--list-rules", "--dump-facts", "--quiet"):
        check(re.search(r"^\s+%s[ =<]" % re.escape(option), r.out, re.M) is not None,
              "--help lists %s" % option, r)


ESC = "\033["


def test_color_always_colours_as_clang_and_auto_does_not_when_piped():
    d = tmpdir()
    a = write(os.path.join(d, "a.cpp"), backref_model("A"))
    plain = relcheck(a, "--", *compile_args())
    check(ESC not in plain.out, "no colour when piped (auto)", plain)
    check_eq(relcheck("--color=never", a, "--", *compile_args()).out, plain.out,
             "--color=never", plain)
    check_eq(relcheck("--use-color=false", a, "--", *compile_args()).out, plain.out,
             "--use-color=false", plain)
    for spelling in (["--color=always"], ["--color"], ["--use-color"],
                     ["--use-color=true"], ["--color=never", "--use-color"]):
        r = relcheck(*spelling, a, "--", *compile_args())
        check_eq(r.rc, 1, "exit code with %s" % spelling, r)
        # clang's bytes (clang++-19 -fcolor-diagnostics): bold location,
        # bold magenta "warning: ", bold message, bold cyan "note: ", bold
        # green caret line, green fix-it hint line.
        first = r.out.splitlines()[0]
        check(first.startswith(ESC + "1m%s:%d:" % (a, BACKREF_LINE)),
              "bold location with %s" % spelling, r)
        check(ESC + "0m" + ESC + "0;1;35mwarning: " + ESC + "0m" + ESC + "1m" in first,
              "warning word then bold message", r)
        check(first.endswith("[relcheck-legacy-backref]" + ESC + "0m"), "reset", r)
        check(ESC + "0;1;36mnote: " + ESC + "0m" in r.out, "note word", r)
        check(re.search(r"\n\033\[0;1;32m *\^~*\n\033\[0m", r.out) is not None,
              "caret line", r)
        check(re.sub(r"\033\[[0-9;]*m", "", r.out) == plain.out,
              "the same text without the escapes", r)
    r = relcheck("--color=sometimes", a, "--", *compile_args())
    check_eq((r.rc, r.err), (2, "relcheck: error: --color: unknown value 'sometimes' "
                                "(expected 'auto', 'always' or 'never')\n"), "bad value", r)
    r = relcheck("--color=always", "--format=json", a, "--", *compile_args())
    check(ESC not in r.out, "JSON is never coloured", r)


def help_option_names(text):
    """The option names of `relcheck --help`-style output ("  --fix  - ...")."""
    return set(re.findall(r"^  (-{1,2}[A-Za-z][\w-]*)", text, re.M))


def documented_option_names():
    """Every option named in the first column of docs/cli.md's Options table."""
    doc = harness.read(os.path.join(os.path.dirname(os.path.realpath(__file__)),
                                    os.pardir, os.pardir, "docs", "cli.md"))
    table = doc[doc.index("## Options"):]
    table = table[:table.index("\n## ")]
    names = set()
    for row in table.splitlines():
        if row.startswith("| `"):
            first = row.split(" | ")[0]
            names |= set(re.findall(r"`(-{1,2}[A-Za-z][\w-]*)", first))
    return names


def test_every_help_option_is_documented_in_cli_md():
    shown = relcheck("--help")
    check_eq(shown.rc, 0, "--help", shown)
    printed = help_option_names(shown.out)
    documented = documented_option_names()
    check(len(printed) > 25, "options parsed from --help: %r" % sorted(printed))
    check_eq(sorted(printed - documented), [],
             "options --help prints that docs/cli.md's Options table lacks")
    # And nothing documented that the binary does not have (aliases such as
    # -o and --diff are hidden from --help, not from --help-hidden).
    hidden = help_option_names(relcheck("--help-hidden").out)
    # `relcheck graph`'s own view options (--focus, ...) are in the table
    # too, marked graph-only: its --help prints them.
    graph_only = help_option_names(relcheck("graph", "--help").out)
    check_eq(sorted(documented - hidden - graph_only - {"--"}), [],
             "options docs/cli.md documents that relcheck does not have")

def test_subcommands_have_their_own_help():
    main = relcheck("--help")
    for usage in ("relcheck graph [--format=dot|mermaid]", "relcheck merge <facts-file>...",
                  "relcheck lsp"):
        check(usage in main.out, "relcheck --help lists %r" % usage, main)
    graph = relcheck("graph", "--help")
    check_eq(graph.rc, 0, "graph --help", graph)
    check(graph.out.startswith("USAGE: relcheck graph"), "graph's usage first", graph)
    shown = help_option_names(graph.out)
    for invalid in ("--fix", "--fix-dry-run", "--export-fixes", "--parseable-fixits",
                    "--list-rules", "--fix-exact-only"):
        check(invalid not in shown, "graph --help does not list %s" % invalid, graph)
        r = relcheck("graph", invalid, "a.cpp", "--", "-std=c++17")
        check_eq(r.rc, 2, "%s is refused by graph" % invalid, r)
    check("--rules" in shown and "--output" in shown, "analysis options listed", graph)
    check_eq(sorted(shown - documented_option_names()), [],
             "graph --help options documented in docs/cli.md", graph)
    merge = relcheck("merge", "--help")
    check_eq(merge.rc, 0, "merge --help", merge)
    check(merge.out.startswith("USAGE: relcheck merge <facts-file>..."),
          "merge's usage first, not the main help", merge)
    shown = help_option_names(merge.out)
    for invalid in ("-p", "--shard", "--facts-out", "--fix", "--extra-arg"):
        check(invalid not in shown, "merge --help does not list %s" % invalid, merge)
    check("--format" in shown and "--baseline" in shown, "report options listed", merge)


def fenced_blocks(doc, language):
    return re.findall(r"^```%s\n(.*?)^```" % language, doc, re.M | re.S)


def test_ci_recipes_are_consistent():
    """docs/ci.md: the workflows parse, use upload-sarif v4 with the
    permissions it needs, run the binary the build recipe builds, and the
    GitLab job hands its --format=codequality file to artifacts:reports."""
    import yaml
    doc = harness.read(os.path.join(os.path.dirname(os.path.realpath(__file__)),
                                    os.pardir, os.pardir, "docs", "ci.md"))
    build = re.search(r"cmake -S tools/relcheck -B (\S+)", doc)
    check(build is not None, "a build recipe in docs/ci.md")
    binary = build.group(1) + "/tool/relcheck"
    for used in re.findall(r"([\w./-]*/tool/relcheck)\b", doc):
        check_eq(used, binary, "every recipe runs the built binary")
    workflows = [yaml.safe_load(b) for b in fenced_blocks(doc, "yaml")]
    github = [w for w in workflows if isinstance(w, dict) and "jobs" in w][0]
    check_eq(github["permissions"], {"contents": "read", "security-events": "write",
                                     "actions": "read"}, "GitHub permissions")
    uses = [step.get("uses", "") for job in github["jobs"].values()
            for step in job["steps"]]
    check("github/codeql-action/upload-sarif@v4" in uses, "upload-sarif v4: %r" % uses)
    gitlab = [w for w in workflows if isinstance(w, dict) and "relcheck" in w
              and "script" in w["relcheck"]][0]["relcheck"]
    script = " ".join(gitlab["script"])
    report = re.search(r"--format=codequality -o (\S+)", script)
    check(report is not None, "the GitLab job writes --format=codequality: %s" % script)
    check_eq(gitlab["artifacts"]["reports"]["codequality"], report.group(1),
             "artifacts:reports:codequality")
    check_eq(gitlab["artifacts"]["when"], "always", "the report also when findings fail")
    hooks = [w for w in workflows if isinstance(w, dict) and "repos" in w][0]
    entry = hooks["repos"][0]["hooks"][0]["entry"]
    check(entry.startswith(binary + " "), "pre-commit entry %r runs %s" % (entry, binary))

def main():
    global ARGS
    parser = harness.argument_parser()
    parser.add_argument("--schema", required=True)
    parser.add_argument("--version", required=True)
    ARGS = harness.parse_args(parser)
    return harness.run_tests(globals(), ARGS)


if __name__ == "__main__":
    sys.exit(main())
