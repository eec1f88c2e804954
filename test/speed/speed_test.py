#!/usr/bin/python3
"""Tests of relcheck's whole-project speed features (docs/performance.md).

Usage: speed_test.py --relcheck BIN --include DIR NAME

Each test generates a small multi-TU project in a temp directory and checks,
through the real binary, that the fast paths (-j, the fact cache, the
dependency-scan prefilter, --shard + merge) report byte for byte what the
plain path reports, and that they really took the fast path (--tu-stats).
"""

import json
import os
import re
import shutil
import subprocess
import sys

ARGS = None
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.realpath(__file__)),
                                os.pardir, "support"))
import relcheck_harness as harness  # noqa: E402
from relcheck_harness import check, write  # noqa: E402
STATS_RE = re.compile(
    r"relcheck: parsed (\d+) of (\d+) TUs? \((\d+) from cache, (\d+) skipped: "
    r"(\d+) without annotations and (\d+) covered by other TUs, (\d+) scanned "
    r"in this run and (\d+) on a cached scan; (\d+) dependency scans?, "
    r"(\d+) corrupt cache entr(?:y|ies)\)")


class Result(harness.Result):
    def stats(self):
        m = STATS_RE.search(self.err)
        check(m is not None, "no --tu-stats line:\n%s" % self)
        keys = ["parsed", "total", "cached", "skipped", "noann", "covered",
                "skipped_scanned", "skipped_scan_cached", "scans", "corrupt"]
        s = dict(zip(keys, (int(g) for g in m.groups())))
        # Every TU is accounted for, once by what happened to it and once
        # more, for the skipped ones, by why and by where its file list
        # came from (issue 18).
        check(s["parsed"] + s["cached"] + s["skipped"] == s["total"],
              "parsed + cached + skipped != total: %s" % m.group(0))
        check(s["noann"] + s["covered"] == s["skipped"],
              "without annotations + covered != skipped: %s" % m.group(0))
        check(s["skipped_scanned"] + s["skipped_scan_cached"] == s["skipped"],
              "scanned + cached scans != skipped: %s" % m.group(0))
        return s


def relcheck(*args, cwd=None):
    return harness.run([ARGS.relcheck] + list(args), cwd=cwd, result_type=Result)


def tmpdir():
    return harness.tmpdir(prefix="relcheck-speed-")


def write_cdb(directory, entries):
    """entries: (file, extra flags) pairs; one compile command each."""
    cdb = [{"directory": directory, "file": f,
            "arguments": ["clang++-19", "-std=c++17", "-I", ARGS.include,
                          "-I", os.path.join(directory, "inc")] + list(extra) +
                         ["-c", f, "-o", os.devnull]}
           for f, extra in entries]
    write(os.path.join(directory, "compile_commands.json"), json.dumps(cdb))


def model_header(name, partner, legacy):
    """A pair of models in one header; legacy=True adds a backref warning."""
    rel = ('backref="%s_parent"' % name.lower()) if legacy else \
        'back_populates="parent"'
    child_rel = "" if legacy else \
        ('  ORM_RELATIONSHIP("%s", back_populates="children") %s* parent;\n'
         % (name, name))
    return ("#pragma once\n#include <relcheck/orm.hpp>\n#include <vector>\n"
            "struct %(c)s;\n"
            "struct ORM_MODEL(\"%(t)s\") %(n)s {\n"
            "  ORM_COLUMN(Integer, primary_key=True) int id;\n"
            "  ORM_RELATIONSHIP(\"%(c)s\", %(rel)s) std::vector<%(c)s*> children;\n"
            "};\n"
            "struct ORM_MODEL(\"%(ct)s\") %(c)s {\n"
            "  ORM_COLUMN(Integer, primary_key=True) int id;\n"
            "  ORM_COLUMN(Integer, ForeignKey(\"%(t)s.id\")) int parent_id;\n"
            "%(child)s"
            "};\n" % {"n": name, "c": partner, "t": name.lower(),
                      "ct": partner.lower(), "rel": rel, "child": child_rel})


def make_project(d, variant_flags=False):
    """8 TUs over 4 model headers: 2 TUs without any model, one TU with a
    model in its main file, headers shared by several TUs, and (optionally)
    a second flag group (-DVARIANT) under which one header declares more."""
    for i in range(4):
        write(os.path.join(d, "inc", "m%d.hpp" % i),
              model_header("P%d" % i, "C%d" % i, legacy=(i % 2 == 0)))
    write(os.path.join(d, "inc", "variant.hpp"),
          "#pragma once\n#include <relcheck/orm.hpp>\n"
          "#ifdef VARIANT\n"
          "struct ORM_MODEL(\"v\") V {\n"
          "  ORM_COLUMN(Integer, primary_key=True) int id;\n"
          "  ORM_RELATIONSHIP(\"P0\", backref=\"vs\") struct P0* p;\n"
          "};\n#endif\n")
    sources = {
        "a.cpp": '#include "m0.hpp"\n#include "m1.hpp"\nint a() { return 1; }\n',
        "b.cpp": '#include "m1.hpp"\n#include "m2.hpp"\nint b() { return 2; }\n',
        "c.cpp": '#include "m0.hpp"\n#include "m1.hpp"\n#include "m2.hpp"\n'
                 '#include "m3.hpp"\n#include "variant.hpp"\n',
        "d.cpp": '#include "m3.hpp"\n',
        "plain1.cpp": "#include <string>\nstd::string f() { return \"x\"; }\n",
        "plain2.cpp": "int g(int x) { return x * 2; }\n",
        "main_model.cpp": '#include "m0.hpp"\n'
                          'struct ORM_MODEL("local") Local {\n'
                          '  ORM_COLUMN(Integer, primary_key=True) int id;\n'
                          '  ORM_RELATIONSHIP("P0", backref="locals") P0* p;\n'
                          '};\n',
        "e.cpp": '#include "m2.hpp"\n#include "variant.hpp"\n',
    }
    entries = []
    for name, text in sorted(sources.items()):
        path = write(os.path.join(d, name), text)
        entries.append((path, []))
    if variant_flags:
        entries = [(f, ["-DVARIANT"] if f.endswith("e.cpp") else [])
                   for f, _ in entries]
    write_cdb(d, entries)
    return [f for f, _ in entries]


def run_all(d, *extra):
    text = relcheck("-p", d, "--tu-stats", *extra)
    js = relcheck("-p", d, "--tu-stats", "--format=json", *extra)
    return text, js


# ---------------------------------------------------------------------------


def test_jobs_output_is_byte_identical():
    d = tmpdir()
    make_project(d, variant_flags=True)
    outputs = {}
    for jobs in ["1", "2", "8"]:
        for mode in (["--exhaustive"], []):
            text, js = run_all(d, "-j" + jobs, "--no-cache", *mode)
            check(text.rc == 1 and js.rc == 1, "expected findings:\n%s" % text)
            outputs[(jobs, tuple(mode))] = (text.out, js.out)
    base = outputs[("1", ("--exhaustive",))]
    check("warning:" in base[0], "no warning in the text report")
    for key, value in outputs.items():
        check(value == base, "output of %s differs from -j1 --exhaustive" %
              (key,))
    # "-j 2" (separate value) is accepted too.
    r = relcheck("-p", d, "-j", "2", "--no-cache")
    check(r.out == base[0], "-j 2 output differs")


def test_prefilter_matches_exhaustive_and_skips():
    d = tmpdir()
    make_project(d, variant_flags=True)
    ex_text, ex_json = run_all(d, "--exhaustive", "--no-cache")
    pf_text, pf_json = run_all(d, "--no-cache")
    check(ex_json.out == pf_json.out,
          "JSON differs:\n--- exhaustive\n%s\n--- prefilter\n%s"
          % (ex_json.out, pf_json.out))
    check(ex_text.out == pf_text.out, "text differs")
    ex, pf = ex_text.stats(), pf_text.stats()
    check(ex["parsed"] == 8 and ex["scans"] == 0, "exhaustive: %s" % ex)
    # plain1/plain2 hold no annotation; a.cpp, b.cpp, d.cpp are covered by
    # c.cpp (same flags); main_model.cpp and e.cpp (-DVARIANT) are parsed.
    check(pf["noann"] == 2, "TUs without annotations: %s" % pf)
    check(pf["covered"] == 3, "covered TUs: %s" % pf)
    check(pf["parsed"] == 3, "parsed TUs: %s" % pf)
    check("'V.p'" in pf_text.out or "V.p" in pf_text.out,
          "the -DVARIANT-only model was lost:\n%s" % pf_text.out)
    # The summary counts every TU as analyzed, as the exhaustive run does.
    check(json.loads(pf_json.out)["summary"]["translationUnits"] == 8,
          "translationUnits: %s" % pf_json.out)


def test_cache_reuses_facts_and_reparses_only_includers():
    d = tmpdir()
    make_project(d)
    cache = os.path.join(d, "cache")
    reference = relcheck("-p", d, "--no-cache", "--exhaustive",
                         "--format=json").out
    cold = relcheck("-p", d, "--cache-dir", cache, "--exhaustive",
                    "--tu-stats", "--format=json")
    check(cold.out == reference, "cold cached run differs")
    check(cold.stats()["parsed"] == 8 and cold.stats()["cached"] == 0,
          "cold: %s" % cold.err)
    warm = relcheck("-p", d, "--cache-dir", cache, "--exhaustive",
                    "--tu-stats", "--format=json")
    check(warm.out == reference, "warm run differs")
    check(warm.stats()["parsed"] == 0 and warm.stats()["cached"] == 8,
          "warm: %s" % warm.err)
    # m3.hpp is included by c.cpp and d.cpp only.
    with open(os.path.join(d, "inc", "m3.hpp"), "a") as h:
        h.write("// touched\n")
    touched = relcheck("-p", d, "--cache-dir", cache, "--exhaustive",
                       "--tu-stats", "--format=json")
    check(touched.stats()["parsed"] == 2 and touched.stats()["cached"] == 6,
          "after touching m3.hpp: %s" % touched.err)
    check(touched.out == reference, "output after touch differs")
    # A real change is seen: m3's pair becomes a legacy backref.
    write(os.path.join(d, "inc", "m3.hpp"), model_header("P3", "C3", True))
    changed = relcheck("-p", d, "--cache-dir", cache, "--tu-stats")
    fresh = relcheck("-p", d, "--no-cache", "--exhaustive")
    check(changed.out == fresh.out and "P3.children" in changed.out,
          "changed header not re-analyzed:\n%s\n---\n%s" % (changed, fresh))
    # The command line is part of the key.
    other = relcheck("-p", d, "--cache-dir", cache, "--exhaustive",
                     "--tu-stats", "--extra-arg=-DSOMETHING")
    check(other.stats()["cached"] == 0, "--extra-arg reused the cache")


def test_cache_corrupt_entries_are_detected_and_rewritten():
    d = tmpdir()
    make_project(d)
    cache = os.path.join(d, "cache")
    reference = relcheck("-p", d, "--no-cache", "--exhaustive").out
    relcheck("-p", d, "--cache-dir", cache, "--exhaustive")
    # The fact entries (projects/ holds the project manifest).
    entries = sorted(os.path.join(r, f) for r, _, fs in os.walk(cache)
                     for f in fs
                     if os.path.relpath(r, cache).split(os.sep)[0] != "projects")
    check(len(entries) == 8, "expected 8 cache entries, got %d" % len(entries))
    # 1: truncated. 2: same length, one byte of the facts changed (a model
    # name), so only the checksum can tell. 3: garbage.
    with open(entries[0], "rb") as h:
        data = h.read()
    with open(entries[0], "wb") as h:
        h.write(data[: len(data) // 2])
    tampered = False
    for path in entries[1:]:
        with open(path, "rb") as h:
            data = h.read()
        if b'"name":"P' in data:
            data = data.replace(b'"name":"P', b'"name":"Q', 1)
            with open(path, "wb") as h:
                h.write(data)
            tampered = True
            break
    check(tampered, "no entry with a model to tamper with")
    with open(entries[-1], "wb") as h:
        h.write(b"\x00\x01 not a cache entry")
    r = relcheck("-p", d, "--cache-dir", cache, "--exhaustive", "--tu-stats")
    check(r.out == reference, "corrupt cache changed the report:\n%s" % r)
    s = r.stats()
    check(s["corrupt"] == 3 and s["parsed"] == 3 and s["cached"] == 5,
          "stats: %s" % r.err)
    again = relcheck("-p", d, "--cache-dir", cache, "--exhaustive",
                     "--tu-stats")
    check(again.stats()["cached"] == 8 and again.stats()["corrupt"] == 0,
          "corrupt entries were not rewritten: %s" % again.err)
    check(again.out == reference, "rewritten cache changed the report")


def test_prefilter_with_warm_cache_parses_nothing():
    d = tmpdir()
    make_project(d, variant_flags=True)
    cache = os.path.join(d, "cache")
    reference = relcheck("-p", d, "--no-cache", "--exhaustive").out
    cold = relcheck("-p", d, "--cache-dir", cache, "--tu-stats")
    warm = relcheck("-p", d, "--cache-dir", cache, "--tu-stats")
    check(cold.out == reference and warm.out == reference, "reports differ")
    s = warm.stats()
    check(s["parsed"] == 0 and s["scans"] == 0,
          "warm prefiltered run parsed or scanned: %s" % warm.err)


def test_cover_groups_tus_that_name_their_file_relatively():
    """CMake writes "file" absolute and "-c src/a.cpp" relative: the two
    TUs still share a flag group, so one parse covers the header both
    include (before: each TU was its own group and both were parsed)."""
    d = tmpdir()
    write(os.path.join(d, "inc", "m.hpp"), model_header("Owner", "Pet", True))
    for name in ("a", "b"):
        write(os.path.join(d, "src", name + ".cpp"), '#include "m.hpp"\n')
    cdb = [{"directory": d, "file": os.path.join(d, "src", name + ".cpp"),
            "arguments": ["clang++-19", "-std=c++17", "-I", ARGS.include,
                          "-I", os.path.join(d, "inc"), "-c",
                          "src/%s.cpp" % name, "-o", os.devnull]}
           for name in ("a", "b")]
    write(os.path.join(d, "compile_commands.json"), json.dumps(cdb))
    reference = relcheck("-p", d, "--no-cache", "--exhaustive").out
    r = relcheck("-p", d, "--no-cache", "--tu-stats")
    check(r.out == reference, "report differs from --exhaustive")
    s = r.stats()
    check(s["parsed"] == 1 and s["covered"] == 1,
          "one TU parsed, one covered: %s" % r.err)


def test_tu_stats_account_for_every_tu_cold_warm_touched():
    """--tu-stats counts every TU on every run: cold (all scanned), warm
    (the skipped TUs' scans come from the cache: before, a warm run
    reported "0 dependency scans" and its cached scans nowhere) and after a
    header is touched."""
    d = tmpdir()
    make_project(d, variant_flags=True)
    cache = os.path.join(d, "cache")
    cold = relcheck("-p", d, "--cache-dir", cache, "--tu-stats").stats()
    print("cold:    ", cold)
    check(cold["total"] == 8 and cold["parsed"] == 3 and cold["cached"] == 0
          and cold["skipped"] == 5 and cold["skipped_scanned"] == 5
          and cold["skipped_scan_cached"] == 0 and cold["scans"] == 8,
          "cold: %s" % cold)
    warm = relcheck("-p", d, "--cache-dir", cache, "--tu-stats").stats()
    print("warm:    ", warm)
    check(warm["parsed"] == 0 and warm["cached"] == 3 and warm["skipped"] == 5
          and warm["skipped_scan_cached"] == 5 and warm["scans"] == 0,
          "warm: %s" % warm)
    # m3.hpp: read by c.cpp (parsed) and d.cpp (covered by c.cpp).
    with open(os.path.join(d, "inc", "m3.hpp"), "a") as h:
        h.write("// touched\n")
    touched = relcheck("-p", d, "--cache-dir", cache, "--tu-stats").stats()
    print("touched: ", touched)
    check(touched["parsed"] == 1 and touched["cached"] == 2
          and touched["skipped_scanned"] == 1
          and touched["skipped_scan_cached"] == 4 and touched["scans"] == 1,
          "touched: %s" % touched)


def test_counts_are_singular_or_plural():
    """"1 model declaration", "1 TU", "1 dependency scan": not "1 model
    declarations" (issue 18)."""
    d = tmpdir()
    write(os.path.join(d, "one.cpp"),
          '#include <relcheck/orm.hpp>\n'
          'struct ORM_MODEL("thing") Thing {\n'
          '  ORM_COLUMN(Integer, primary_key=True) int id;\n};\n')
    write_cdb(d, [(os.path.join(d, "one.cpp"), [])])
    r = relcheck("-p", d, "--no-cache", "--tu-stats")
    check("parsed 1 of 1 TU (0 from cache" in r.err and
          "1 dependency scan," in r.err and "0 corrupt cache entries" in r.err,
          "--tu-stats of one TU:\n%s" % r.err)
    err = stderr_on_a_terminal(["-p", d, "--no-cache", "--exhaustive"])
    check("[1/1] TUs, 1 model declaration, 0 from cache" in err,
          "progress line of one model:\n%r" % err)
    make_project(os.path.join(d, "many"))
    err = stderr_on_a_terminal(["-p", os.path.join(d, "many"), "--no-cache",
                                "--exhaustive", "-j1"])
    check(re.search(r"\[8/8\] TUs, \d\d+ model declarations, 0 from cache",
                    err),
          "progress line of 8 models:\n%r" % err)


def test_prefilter_reparses_stale_facts_without_scanning_them():
    d = tmpdir()
    make_project(d)
    cache = os.path.join(d, "cache")
    reference = relcheck("-p", d, "--no-cache", "--exhaustive").out
    relcheck("-p", d, "--cache-dir", cache)
    # m3.hpp is read by c.cpp (parsed: it covers m0-m3) and d.cpp (covered).
    with open(os.path.join(d, "inc", "m3.hpp"), "a") as h:
        h.write("// touched\n")
    touched = relcheck("-p", d, "--cache-dir", cache, "--tu-stats")
    check(touched.out == reference, "report after touch differs")
    s = touched.stats()
    # c.cpp's facts went stale: parsed again straight away, not scanned
    # first; only d.cpp's dependency list is scanned again.
    check(s["parsed"] == 1 and s["scans"] == 1 and s["cached"] == 1,
          "after touching m3.hpp: %s" % touched.err)
    # A real edit is seen the same way.
    write(os.path.join(d, "inc", "m3.hpp"), model_header("P3", "C3", True))
    changed = relcheck("-p", d, "--cache-dir", cache)
    fresh = relcheck("-p", d, "--no-cache", "--exhaustive")
    check(changed.out == fresh.out and "P3.children" in changed.out,
          "edited header not re-analyzed:\n%s\n---\n%s" % (changed, fresh))


def test_fix_dry_run_from_cache_matches_fresh():
    d = tmpdir()
    make_project(d)
    cache = os.path.join(d, "cache")
    fresh = relcheck("-p", d, "--no-cache", "--fix-dry-run")
    check("@@" in fresh.out, "no diff:\n%s" % fresh)
    relcheck("-p", d, "--cache-dir", cache)
    cached = relcheck("-p", d, "--cache-dir", cache, "--fix-dry-run",
                      "--tu-stats")
    check(cached.stats()["parsed"] == 0, "not from cache: %s" % cached.err)
    check(cached.out == fresh.out, "diff from cache differs:\n%s\n---\n%s"
          % (cached.out, fresh.out))
    # --fix from cached facts edits the files like a fresh run would.
    copy = tmpdir()
    shutil.rmtree(copy)
    shutil.copytree(d, copy, ignore=shutil.ignore_patterns("cache"))
    make_project(copy)  # same sources, paths rewritten for the copy
    relcheck("-p", d, "--cache-dir", cache, "--fix")
    relcheck("-p", copy, "--no-cache", "--fix")
    for name in sorted(os.listdir(os.path.join(d, "inc"))):
        with open(os.path.join(d, "inc", name)) as a, \
                open(os.path.join(copy, "inc", name)) as b:
            check(a.read() == b.read(), "--fix from cache differs in " + name)


def bytes_project(d):
    """Issue 12, defect 10: source bytes that are not UTF-8 in the facts (a
    backref name, a doc string: invalid annotations) next to an ordinary
    backref with a fix in the same file."""
    write(os.path.join(d, "inc", "models.hpp"), (
        b'#pragma once\n#include <relcheck/orm.hpp>\n#include <vector>\n'
        b'struct Address;\nstruct Phone;\n'
        b'struct ORM_MODEL("user") User {\n'
        b'  ORM_COLUMN(Integer, primary_key=True) int id;\n'
        b'  ORM_RELATIONSHIP("Address", backref="us\xffer", doc="caf\xe9") '
        b'std::vector<Address*> addresses;\n'
        b'  ORM_RELATIONSHIP("Phone", backref="owner") '
        b'std::vector<Phone*> phones;\n};\n'
        b'struct ORM_MODEL("address") Address {\n'
        b'  ORM_COLUMN(Integer, primary_key=True) int id;\n'
        b'  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;\n};\n'
        b'struct ORM_MODEL("phone") Phone {\n'
        b'  ORM_COLUMN(Integer, primary_key=True) int id;\n'
        b'  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;\n};\n'),
        "wb")
    write(os.path.join(d, "a.cpp"), '#include "models.hpp"\n')
    write_cdb(d, [(os.path.join(d, "a.cpp"), [])])


def test_cache_keeps_bytes_that_are_not_utf8():
    d = tmpdir()
    bytes_project(d)
    cache = os.path.join(d, "cache")
    cold = {f: relcheck("-p", d, "--no-cache", "--format=" + f).out
            for f in ("text", "json")}
    cold_diff = relcheck("-p", d, "--no-cache", "--fix-dry-run")
    check("back_populates" in cold_diff.out, "no fix:\n%s" % cold_diff)
    check("not UTF-8" in cold["text"], "0xFF not reported:\n%s" % cold["text"])
    relcheck("-p", d, "--cache-dir", cache)
    for f in ("text", "json"):
        warm = relcheck("-p", d, "--cache-dir", cache, "--tu-stats",
                        "--format=" + f)
        check(warm.stats()["cached"] == 1, "not from cache: %s" % warm.err)
        check(warm.out == cold[f], "warm %s report differs:\n%s\n---\n%s"
              % (f, warm.out, cold[f]))
    warm_diff = relcheck("-p", d, "--cache-dir", cache, "--fix-dry-run")
    check(warm_diff.out == cold_diff.out and "changed while" not in
          warm_diff.err, "warm --fix-dry-run differs:\n%s" % warm_diff)
    # The shards' facts file keeps the bytes too.
    shard = os.path.join(d, "shard.json")
    relcheck("-p", d, "--no-cache", "--shard=0/1", "--facts-out=" + shard)
    merged = relcheck("merge", shard)
    check(merged.out == cold["text"], "merged report differs:\n%s" % merged)


def test_cache_write_failures_warn_once():
    """Issue 12, defect 13: a cache that cannot be written (as a full disk
    would refuse it; these fail for root too) gives one warning naming the
    directory and the reason; the report is unchanged."""
    d = tmpdir()
    make_project(d)
    reference = relcheck("-p", d, "--no-cache")
    blocker = write(os.path.join(d, "not-a-directory"), "")
    for cache in (os.path.join(blocker, "cache"), os.path.join(d, "cache")):
        if cache.startswith(d + "/cache"):
            # Entries that cannot be replaced: a directory where each is.
            relcheck("-p", d, "--cache-dir", cache, "--exhaustive")
            for root, _, files in os.walk(cache):
                for f in files:
                    if f.endswith(".json") and "projects" not in root:
                        os.remove(os.path.join(root, f))
                        os.makedirs(os.path.join(root, f, "x"))
        r = relcheck("-p", d, "--cache-dir", cache, "--exhaustive")
        warnings = [l for l in r.err.splitlines()
                    if l.startswith("relcheck: warning: cannot write the fact "
                                    "cache in '%s': " % cache)]
        check(len(warnings) == 1, "expected one warning:\n%s" % r)
        check(r.out == reference.out and r.rc == reference.rc,
              "report changed:\n%s" % r)
    ok = relcheck("-p", d, "--cache-dir", os.path.join(d, "fresh"))
    check("warning: cannot write" not in ok.err, "warned wrongly:\n%s" % ok)


def test_cache_entries_that_are_not_regular_files():
    """Issue 12, defect 7: a FIFO where a cache entry belongs is ignored
    with a warning naming it (not read: that blocked forever) and
    replaced by a regular entry."""
    d = tmpdir()
    make_project(d)
    cache = os.path.join(d, "cache")
    reference = relcheck("-p", d, "--no-cache", "--exhaustive")
    relcheck("-p", d, "--cache-dir", cache, "--exhaustive")
    fifos = []
    for root, _, files in os.walk(cache):
        for f in files:
            if f.endswith(".json") and "projects" not in root:
                os.remove(os.path.join(root, f))
                os.mkfifo(os.path.join(root, f))
                fifos.append(os.path.join(root, f))
    r = harness.run([ARGS.relcheck, "-p", d, "--cache-dir", cache,
                     "--exhaustive", "--tu-stats"], timeout=60,
                    result_type=Result)
    check(r.out == reference.out, "report changed:\n%s" % r)
    check(re.search(r"relcheck: warning: ignored fact cache entry '%s/"
                    r"[^']*': not a regular file" % re.escape(cache), r.err),
          "no warning:\n%s" % r)
    check(r.stats()["corrupt"] == len(fifos), "stats: %s" % r.err)
    again = relcheck("-p", d, "--cache-dir", cache, "--exhaustive",
                     "--tu-stats")
    check(again.stats()["cached"] == len(fifos) and "ignored fact" not in
          again.err, "entries not replaced:\n%s" % again)


def test_shard_merge_equals_single_run():
    d = tmpdir()
    make_project(d, variant_flags=True)
    write(os.path.join(d, "broken.cpp"), '#include "m1.hpp"\nint x = ;\n')
    with open(os.path.join(d, "compile_commands.json")) as h:
        cdb = json.load(h)
    cdb.append(dict(cdb[0], file=os.path.join(d, "broken.cpp"),
                    arguments=[a if not a.endswith(".cpp") else
                               os.path.join(d, "broken.cpp")
                               for a in cdb[0]["arguments"]]))
    cdb.append(dict(cdb[0], file=os.path.join(d, "gone.cpp")))
    write(os.path.join(d, "compile_commands.json"), json.dumps(cdb))
    for fmt, mode in [("text", []), ("json", []), ("json", ["--exhaustive"]),
                      ("text", ["--exhaustive"])]:
        single = relcheck("-p", d, "--no-cache", "--format=" + fmt, *mode)
        check(single.rc == 2, "expected the broken TU to fail:\n%s" % single)
        files = []
        for i in range(3):
            out = os.path.join(d, "shard%d.json" % i)
            relcheck("-p", d, "--no-cache", "--shard=%d/3" % i,
                     "--facts-out", out, "--quiet", *mode)
            files.append(out)
            shard = relcheck("-p", d, "--no-cache", "--shard=%d/3" % i,
                             "--facts-out", out + ".again", *mode)
            check(shard.out == "" and shard.rc == 2,
                  "a shard reports nothing itself (exit 2: input errors):\n%s"
                  % shard)
        merged = relcheck("merge", *reversed(files), "--format=" + fmt)
        check(merged.out == single.out,
              "merge differs from single run (%s):\n%s\n---\n%s"
              % (fmt, merged, single))
        check(merged.err == single.err and merged.rc == single.rc,
              "merge stderr/exit differ:\n%s\n---\n%s" % (merged, single))
    missing = relcheck("merge", files[0], files[2])
    check(missing.rc == 2 and "shard 1/3 is missing" in missing.err,
          "missing shard not reported:\n%s" % missing)
    bad = relcheck("--shard=3/3", "-p", d, "--facts-out", files[0])
    check(bad.rc == 2 and "--shard" in bad.err, "bad --shard accepted")
    alone = relcheck("--shard=1/3", "-p", d)
    check(alone.rc == 2 and "--facts-out" in alone.err,
          "--shard without --facts-out accepted")


def test_cross_tu_back_populates_pair():
    d = tmpdir()
    src = os.path.join(HERE, "projects", "cross-tu")
    for name in os.listdir(src):
        shutil.copy(os.path.join(src, name), d)
    write_cdb(d, [(os.path.join(d, "user.cpp"), []),
                  (os.path.join(d, "address.cpp"), [])])
    # Expected diagnostics from the fixture's `// EXPECT:` lines.
    expected = []
    for name in sorted(os.listdir(d)):
        if not name.endswith(".hpp"):
            continue
        with open(os.path.join(d, name)) as h:
            for no, line in enumerate(h, 1):
                m = re.search(r"// EXPECT: :\[\[@LINE-1\]\]:(\d+): (.*)$", line)
                if m:
                    expected.append("%s:%d:%s: %s" % (os.path.join(d, name),
                                                      no - 1, m.group(1),
                                                      m.group(2)))
    check(expected, "fixture has no EXPECT line")
    for extra in (["--exhaustive"], [], ["-j1"]):
        r = relcheck("-p", d, "--no-cache", *extra)
        diags = [l for l in r.out.splitlines() if re.match(r"^/.*: (error|warning): ", l)]
        check(len(diags) == len(expected) and
              all(a.startswith(e) for a, e in zip(diags, expected)),
              "cross-TU finding missing:\n%s\nexpected: %s" % (r, expected))
    # Neither TU alone sees the pair.
    for tu in ("user.cpp", "address.cpp"):
        alone = relcheck("-p", d, "--no-cache", os.path.join(d, tu))
        check("names 'Address.owner'" not in alone.out,
              "%s alone should not see both classes" % tu)


def stderr_on_a_terminal(args):
    """relcheck's stderr when stderr is a terminal (a pty), decoded."""
    import pty
    master, slave = pty.openpty()
    proc = subprocess.Popen([ARGS.relcheck] + args, stdout=subprocess.PIPE,
                            stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:  # EIO once the child closed its end
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=240)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_only_on_a_terminal():
    d = tmpdir()
    make_project(d)
    r = relcheck("-p", d, "--no-cache")
    check("\r" not in r.err and "TUs," not in r.err,
          "progress printed to a pipe:\n%s" % r.err)
    err = stderr_on_a_terminal(["-p", d, "--no-cache", "--exhaustive", "-j1"])
    check("[8/8] TUs" in err, "no progress line on a terminal:\n%r" % err)
    # --quiet silences it.
    err = stderr_on_a_terminal(["-p", d, "--no-cache", "--quiet"])
    check("TUs," not in err, "--quiet still shows progress:\n%r" % err)


def main():
    global ARGS
    ARGS = harness.parse_args(harness.argument_parser())
    return harness.run_tests(globals(), ARGS)


if __name__ == "__main__":
    sys.exit(main())
