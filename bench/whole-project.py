#!/usr/bin/python3
"""Whole-project benchmark: relcheck (cold and warm cache) against
clang++-19 -fsyntax-only and run-clang-tidy-19 with the relcheck plugin, on
the same generated project, with the same number of jobs.

  bench/whole-project.py [--sizes small,medium,large] [--jobs 2]
                         [--relcheck build/tool/relcheck]
                         [--plugin build/tool/relcheck-tidy.so] [--no-tidy]
                         [--max-baseline-tus N] [--skip-exhaustive] [--keep]
                         [--tiny]

Sizes (TUs / models): small 50/200, medium 500/2000, large 2000/10000.
Each project: models spread over headers (20 per header, each with a
back_populates pair or a legacy backref; class names unique project-wide,
as SQLAlchemy's registry needs them), TUs that include <map>, <string>,
<vector>, <memory>, <algorithm> and three model headers and define real
functions, and 30% of TUs that include no model at all.

Measured, per size:
  cold     relcheck -j J with an empty fact cache (prefilter on, the default)
  warm     relcheck -j J after one model header was touched (cache warm)
  syntax   clang++-19 -fsyntax-only over every TU, J at a time (xargs -P)
  tidy     run-clang-tidy-19 -j J -load relcheck-tidy.so -checks=-*,relcheck-*
Peak memory: relcheck's max RSS against the largest single clang++
-fsyntax-only max RSS (GNU time). Graph+rules: relcheck's --tu-stats.
With several sizes, a last table shows how cost grows: cold time per TU
and graph+rules time per model (flat columns: linear growth).
--max-baseline-tus N times the baselines on the first N TUs only and scales
them linearly to all TUs (said so in the output), for sizes where running
them in full takes too long here.
--tiny: the size "tiny" (4 TUs, 20 models) with -j1 and no --exhaustive
run: the test suite's check that the script works (test/bench).
A run that fails (relcheck exits other than 0 or 1, clang++ or
run-clang-tidy fails) or a figure that parses to nothing (no --tu-stats
line, a zero time) is an error: the script says which and exits 1, and no
target is called met.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIZES = {"tiny": (4, 20), "small": (50, 200), "medium": (500, 2000), "large": (2000, 10000)}
MODELS_PER_HEADER = 20
NO_MODEL_SHARE = 0.3


def generate(work, tus, models):
    inc = os.path.join(work, "inc")
    os.makedirs(inc)
    headers = max(1, models // MODELS_PER_HEADER)
    for h in range(headers):
        lines = ["#pragma once", "#include <relcheck/orm.hpp>",
                 "#include <string>", "#include <vector>",
                 "namespace m%d {" % h]
        pairs = MODELS_PER_HEADER // 2
        for i in range(pairs):
            lines.append("struct Child%d_%d;" % (h, i))
        for i in range(pairs):
            legacy = i == 0
            lines += [
                'struct ORM_MODEL("parent_%d_%d") Parent%d_%d {' % (h, i, h, i),
                "  ORM_COLUMN(Integer, primary_key=True) int id;",
                "  ORM_COLUMN(String(50)) std::string name;",
                ('  ORM_RELATIONSHIP("Child%d_%d", backref="parent") '
                 "std::vector<Child%d_%d*> children;" % (h, i, h, i)) if legacy
                else ('  ORM_RELATIONSHIP("Child%d_%d", back_populates="parent")'
                      " std::vector<Child%d_%d*> children;" % (h, i, h, i)),
                "  int total() const { int t = 0; for (int k = 0; k < id; ++k)"
                " t += k; return t; }",
                "};",
                'struct ORM_MODEL("child_%d_%d") Child%d_%d {' % (h, i, h, i),
                "  ORM_COLUMN(Integer, primary_key=True) int id;",
                '  ORM_COLUMN(Integer, ForeignKey("parent_%d_%d.id")) '
                "int parent_id;" % (h, i)]
            if not legacy:
                lines.append('  ORM_RELATIONSHIP("Parent%d_%d", back_populates='
                             '"children") Parent%d_%d* parent;' % (h, i, h, i))
            lines.append("};")
        lines.append("} // namespace m%d" % h)
        with open(os.path.join(inc, "models%d.hpp" % h), "w") as f:
            f.write("\n".join(lines) + "\n")
    files = []
    no_model_every = round(1 / NO_MODEL_SHARE)
    for t in range(tus):
        path = os.path.join(work, "tu%04d.cpp" % t)
        lines = ["#include <algorithm>", "#include <map>", "#include <memory>",
                 "#include <string>", "#include <vector>"]
        if t % no_model_every != 0:
            # Every header is reached by some TU: TU t includes t, t+1, t+2.
            for k in range(3):
                lines.append('#include "models%d.hpp"' % ((t + k) % headers))
        lines += [
            "namespace tu%d {" % t,
            "int work(const std::vector<std::string> &In) {",
            "  std::map<std::string, int> Count;",
            "  for (const std::string &S : In) if (!S.empty()) ++Count[S];",
            "  std::vector<std::unique_ptr<int>> Owned;",
            "  for (auto &KV : Count) Owned.push_back(std::make_unique<int>(KV.second));",
            "  std::sort(Owned.begin(), Owned.end(), [](auto &A, auto &B) { return *A < *B; });",
            "  return static_cast<int>(Owned.size());",
            "}",
            "} // namespace tu%d" % t]
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        files.append(path)
    cdb = [{"directory": work, "file": f,
            "arguments": ["clang++-19", "-std=c++17", "-I",
                          os.path.join(ROOT, "lib", "include"), "-I", inc,
                          "-c", f, "-o", "/dev/null"]} for f in files]
    with open(os.path.join(work, "compile_commands.json"), "w") as f:
        json.dump(cdb, f)
    return files, headers


def fail(message):
    sys.exit("whole-project: error: " + message)


def timed(cmd, ok=(0,), **kw):
    """(wall seconds, max RSS KiB, stderr) of cmd under GNU time; an exit
    code not in ok is an error."""
    rss_file = tempfile.mktemp(prefix="relcheck-bench-rss-")
    start = time.monotonic()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss_file] + cmd,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          **kw)
    wall = time.monotonic() - start
    err = proc.stderr.decode("utf-8", "replace")
    if proc.returncode not in ok:
        fail("exit code %d: %s\n%s" % (proc.returncode, " ".join(cmd),
                                        err[-2000:]))
    with open(rss_file) as f:
        last = f.read().split()
    os.unlink(rss_file)
    if not last or not last[-1].isdigit():
        fail("no peak memory from /usr/bin/time for %s" % cmd[0])
    return wall, int(last[-1]), err


def syntax_only(work, files, jobs):
    """Wall time of clang++-19 -fsyntax-only over files, jobs at a time, and
    the largest max RSS of one clang++."""
    rss_dir = tempfile.mkdtemp(prefix="relcheck-bench-rss-")
    script = ('f="$1"; /usr/bin/time -f %M -o "' + rss_dir +
              '/$(basename "$f").rss" clang++-19 -std=c++17 -fsyntax-only '
              '-I ' + os.path.join(ROOT, "lib", "include") + ' -I ' +
              os.path.join(work, "inc") + ' "$f"')
    start = time.monotonic()
    proc = subprocess.run(["xargs", "-P", str(jobs), "-n", "1", "sh", "-c",
                           script, "sh"], input="\n".join(files).encode(),
                          stdout=subprocess.DEVNULL)
    if proc.returncode != 0:
        fail("clang++-19 -fsyntax-only failed on a TU (xargs exit %d)"
             % proc.returncode)
    wall = time.monotonic() - start
    peak = 0
    for name in os.listdir(rss_dir):
        with open(os.path.join(rss_dir, name)) as f:
            peak = max(peak, int(f.read().split()[-1]))
    if peak <= 0:
        fail("no peak memory for clang++-19 -fsyntax-only")
    shutil.rmtree(rss_dir)
    return wall, peak


def bench(size, args):
    tus, models = SIZES[size]
    work = tempfile.mkdtemp(prefix="relcheck-bench-%s-" % size)
    files, headers = generate(work, tus, models)
    cache = os.path.join(work, "cache")
    rel = [args.relcheck, "-p", work, "-j", str(args.jobs), "--quiet",
           "--tu-stats", "--cache-dir", cache]
    # Exit code 1: findings (the project has legacy backrefs).
    cold, cold_rss, cold_err = timed(rel, ok=(0, 1))
    # Touch one model header (a comment: the facts stay the same).
    with open(os.path.join(work, "inc", "models0.hpp"), "a") as f:
        f.write("// touched\n")
    warm, warm_rss, warm_err = timed(rel, ok=(0, 1))
    ex_cold = ex_rss = None
    if not args.skip_exhaustive:
        ex_cold, ex_rss, _ = timed(
            [args.relcheck, "-p", work, "-j", str(args.jobs), "--quiet",
             "--tu-stats", "--no-cache", "--exhaustive"], ok=(0, 1))
    graph = re.search(r"graph and rules ([0-9.]+) s", cold_err)

    base_files = files
    scale = 1.0
    if args.max_baseline_tus and len(files) > args.max_baseline_tus:
        base_files = files[: args.max_baseline_tus]
        scale = len(files) / len(base_files)
    syn, syn_peak = syntax_only(work, base_files, args.jobs)
    syn *= scale
    tidy = None
    if not args.no_tidy:
        if not os.path.isfile(args.plugin):
            fail("no plugin at %s (build target relcheck-tidy)" % args.plugin)
        tidy, _, _ = timed(["run-clang-tidy-19", "-quiet", "-p", work, "-j",
                            str(args.jobs), "-load", args.plugin,
                            "-checks=-*,relcheck-*"] +
                           [re.escape(f) for f in base_files])
        tidy *= scale

    def stat_line(err):
        m = re.search(r"relcheck: parsed .*", err)
        if not m:
            fail("relcheck printed no --tu-stats line:\n" + err[-2000:])
        return m.group(0)

    if not graph:
        fail("no graph and rules time in --tu-stats:\n" + cold_err[-2000:])
    for name, value in (("relcheck cold", cold), ("relcheck warm", warm),
                        ("clang++ -fsyntax-only", syn), ("run-clang-tidy", tidy)):
        if value is not None and value <= 0:
            fail("%s took no time: not a measurement" % name)

    print("== %s: %d TUs, %d models in %d headers, -j%d ==" %
          (size, tus, models, headers, args.jobs))
    if scale != 1.0:
        print("   (baselines timed on the first %d TUs and scaled x%.1f)" %
              (len(base_files), scale))
    print("   relcheck cold          %8.2f s  peak %7.1f MiB   %s" %
          (cold, cold_rss / 1024, stat_line(cold_err)))
    print("   relcheck warm (touch)  %8.2f s  peak %7.1f MiB   %s" %
          (warm, warm_rss / 1024, stat_line(warm_err)))
    if ex_cold is not None:
        print("   relcheck --exhaustive  %8.2f s  peak %7.1f MiB   (no cache)"
              % (ex_cold, ex_rss / 1024))
    print("   clang++ -fsyntax-only  %8.2f s  largest single clang++ %.1f MiB" %
          (syn, syn_peak / 1024))
    if tidy is not None:
        print("   run-clang-tidy plugin  %8.2f s" % tidy)
    print("   ratios: cold/syntax %.3f (target <= 0.25), warm/syntax %.4f "
          "(target <= 0.03)" % (cold / syn, warm / syn))
    if ex_cold is not None:
        print("           exhaustive/syntax %.3f" % (ex_cold / syn))
    if tidy:
        print("           cold/tidy %.3f" % (cold / tidy))
    print("   peak memory: relcheck %.2fx the largest clang++ (target <= 1.5)"
          % (max(cold_rss, warm_rss) / syn_peak))
    print("   graph + rules: %s s" % (graph.group(1) if graph else "?"))
    sys.stdout.flush()
    row = {"size": size, "tus": tus, "models": models, "cold": cold,
           "warm": warm, "syntax": syn, "tidy": tidy,
           "peak": max(cold_rss, warm_rss) / syn_peak,
           "graph": float(graph.group(1)) if graph else None,
           "parsed": re.search(r"parsed (\d+)", cold_err)}
    if not args.keep:
        shutil.rmtree(work)
    else:
        print("   kept: " + work)
    return row


def print_curve(rows):
    """How cost grows: per TU for the cold run (parsing), per model for
    graph + rules. Flat columns mean linear growth."""
    print("== growth ==")
    print("   %-7s %6s %7s %9s %11s %9s %13s" %
          ("size", "TUs", "models", "cold s", "cold ms/TU", "parsed",
           "graph us/model"))
    for r in rows:
        parsed = r["parsed"].group(1) if r["parsed"] else "?"
        per_model = ("%.1f" % (r["graph"] * 1e6 / r["models"])
                     if r["graph"] is not None else "?")
        print("   %-7s %6d %7d %9.2f %11.1f %9s %13s" %
              (r["size"], r["tus"], r["models"], r["cold"],
               r["cold"] * 1000 / r["tus"], parsed, per_model))


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--sizes", default="small,medium")
    p.add_argument("--jobs", type=int, default=os.cpu_count())
    p.add_argument("--relcheck", default=os.path.join(ROOT, "build", "tool",
                                                      "relcheck"))
    p.add_argument("--plugin", default=os.path.join(ROOT, "build", "tool",
                                                    "relcheck-tidy.so"))
    p.add_argument("--no-tidy", action="store_true")
    p.add_argument("--max-baseline-tus", type=int, default=0)
    p.add_argument("--skip-exhaustive", action="store_true",
                   help="do not time relcheck --exhaustive --no-cache")
    p.add_argument("--keep", action="store_true")
    p.add_argument("--tiny", action="store_true",
                   help="size tiny, -j1, no --exhaustive run")
    args = p.parse_args()
    if args.tiny:
        args.sizes, args.jobs, args.skip_exhaustive = "tiny", 1, True
    for size in args.sizes.split(","):
        if size not in SIZES:
            fail("unknown size %r (sizes: %s)" % (size, ", ".join(SIZES)))
    if not os.access(args.relcheck, os.X_OK):
        fail("no relcheck at %s (build target relcheck)" % args.relcheck)
    rows = [bench(size, args) for size in args.sizes.split(",")]
    if len(rows) > 1:
        print_curve(rows)


if __name__ == "__main__":
    main()
