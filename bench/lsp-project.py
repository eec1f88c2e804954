#!/usr/bin/python3
"""`relcheck lsp` against the CLI on the same generated projects, same run.

  bench/lsp-project.py [--sizes 200,2000] [--jobs 2]
                       [--relcheck build/tool/relcheck] [--keep]

Projects come from whole-project.py's generator: N TUs (30% without a
model), models 20 per header; 200 TUs get 50 models (the project of issue
13), 2,000 TUs get 500. Measured per size, each from a fresh process:

  cli cold    relcheck -p . -j J with an empty fact cache
  lsp warm    relcheck lsp after that CLI run (its cache): spawn ->
              initialize -> didOpen of a model header -> its diagnostics
  lsp none    the same with an empty cache directory
  change      didChange of that header (warm server) -> its diagnostics

Targets (issue 13): lsp warm <= 0.15 x cli cold; lsp none <= 1.3 x cli
cold. The server's own start-up line (what it parsed) is printed too.
Not part of the test suite: it prints numbers, it does not pass or fail.
"""

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "test", "lsp"))
import lsp_client  # noqa: E402

_spec = importlib.util.spec_from_file_location(
    "whole_project", os.path.join(ROOT, "bench", "whole-project.py"))
whole_project = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(whole_project)

MODELS = {200: 50, 2000: 500}


def cli_cold(relcheck, work, cache, jobs):
    start = time.monotonic()
    subprocess.run([relcheck, "-p", work, "-j", str(jobs), "--cache-dir",
                    cache, "--quiet", "--format=json", "-o", os.devnull],
                   check=False, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.monotonic() - start


def first_diagnostics(relcheck, work, cache, header):
    """Seconds from spawning the server to the header's diagnostics, the
    server's start-up line, and the running client."""
    start = time.monotonic()
    client = lsp_client.Client([relcheck, "lsp", "-p", work,
                                "--cache-dir", cache])
    client.initialize(work)
    client.open(header)
    params, _ = client.diagnostics(header, timeout=1800)
    seconds = time.monotonic() - start
    indexed = [l.strip() for l in client.stderr if "indexed" in l]
    return seconds, (indexed[-1] if indexed else "?"), client, params


def median(values):
    values = sorted(values)
    return values[len(values) // 2] if values else float("nan")


def did_change(client, header, rounds=5):
    """Median ms from a didChange of header to its new diagnostics (the
    server waits for a quiet 400 ms before analyzing: subtracted), and the
    server's own log of that quick pass: the medians of its wall and CPU
    time and of its phases, the last round's line."""
    text = open(header, encoding="utf-8").read()
    times, quick = [], []
    for n in range(rounds):
        text += "// edit %d\n" % n
        logged = len(client.stderr)
        client.notify("textDocument/didChange", {
            "textDocument": {"uri": lsp_client.uri(header), "version": n + 2},
            "contentChanges": [{"text": text}]})
        sent = time.monotonic()
        client.diagnostics(header, timeout=1800)
        times.append((time.monotonic() - sent) * 1000 - 400)
        client.drain(0.5)  # The complete pass, if any.
        lines = [l for l in client.stderr[logged:] if "analyzed in" in l]
        if lines:
            quick.append(lines[0].strip())
    figures = [[int(x) for x in re.findall(r"(\d+) ms", l)] for l in quick]
    server = [median([f[i] for f in figures if len(f) > i])
              for i in range(5)]
    return median(times), server, (quick[-1] if quick else "?")


def bench(tus, args):
    work = tempfile.mkdtemp(prefix="relcheck-lsp-project-")
    try:
        whole_project.generate(work, tus, MODELS[tus])
        header = os.path.join(work, "inc", "models0.hpp")
        warm_cache = os.path.join(work, "cache-warm")
        cold = cli_cold(args.relcheck, work, warm_cache, args.jobs)
        warm, warm_line, client, params = first_diagnostics(
            args.relcheck, work, warm_cache, header)
        change, server, quick_line = did_change(client, header)
        client.shutdown()
        none, none_line, client, _ = first_diagnostics(
            args.relcheck, work, os.path.join(work, "cache-none"), header)
        client.shutdown()
        print("%d TUs, %d models:" % (tus, MODELS[tus]))
        print("  cli cold                  %8.2f s" % cold)
        print("  lsp warm (after the CLI)  %8.2f s   ratio %.3f (target <= 0.15)"
              "   %d diagnostics" % (warm, warm / cold,
                                     len(params["diagnostics"])))
        print("      %s" % warm_line)
        print("  lsp no cache              %8.2f s   ratio %.3f (target <= 1.3)"
              % (none, none / cold))
        print("      %s" % none_line)
        print("  didChange -> diagnostics  %8.0f ms (median, 400 ms debounce "
              "subtracted)" % change)
        print("      server, quick pass: %.0f ms wall, %.0f ms CPU (changes %.0f,"
              " extraction %.0f, graph and rules %.0f; medians)" % tuple(server))
        print("      %s" % quick_line)
        print("      load average %.1f" % os.getloadavg()[0])
        sys.stdout.flush()
    finally:
        if args.keep:
            print("  kept %s" % work)
        else:
            shutil.rmtree(work, ignore_errors=True)


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--sizes", default="200,2000")
    p.add_argument("--jobs", type=int, default=os.cpu_count())
    p.add_argument("--relcheck",
                   default=os.path.join(ROOT, "build", "tool", "relcheck"))
    p.add_argument("--keep", action="store_true")
    args = p.parse_args()
    for size in args.sizes.split(","):
        bench(int(size), args)


if __name__ == "__main__":
    main()
