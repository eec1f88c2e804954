#!/usr/bin/python3
"""`relcheck lsp` against the CLI on the same generated projects, same run.

  bench/lsp-project.py [--sizes 200,2000] [--jobs 2]
                       [--relcheck build/tool/relcheck] [--keep] [--tiny]

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
--tiny: 10 TUs (20 models), one edit: the test suite's check that the
script works (test/bench). A CLI run that fails, a server that gives no
diagnostics or no log of its passes, or a figure that parses to nothing is
an error: the script says which and exits 1.
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


def fail(message):
    sys.exit("lsp-project: error: " + message)


def models_for(tus):
    """Issue 13's sizes; others get one model per four TUs, at least a
    header's worth."""
    return MODELS.get(tus, max(whole_project.MODELS_PER_HEADER, tus // 4))


def cli_cold(relcheck, work, cache, jobs):
    start = time.monotonic()
    proc = subprocess.run([relcheck, "-p", work, "-j", str(jobs),
                           "--cache-dir", cache, "--quiet", "--format=json",
                           "-o", os.devnull],
                          check=False, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE)
    seconds = time.monotonic() - start
    # Exit code 1: findings (the project has legacy backrefs).
    if proc.returncode not in (0, 1):
        fail("the CLI run failed (exit code %d):\n%s"
             % (proc.returncode, proc.stderr.decode("utf-8", "replace")))
    return seconds


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
    # The start-up line is read from the server's window/logMessage, which
    # shares stdout with the diagnostics and so arrives in order: stderr is
    # read by another thread that may not have seen it yet (CI failed so).
    try:
        line = client.wait_notification(
            lambda m: m.get("method") == "window/logMessage"
            and "indexed" in m["params"]["message"], timeout=60)
        indexed = line["params"]["message"].strip()
    except TimeoutError:
        indexed = "?"
    return seconds, indexed, client, params


def median(values):
    values = sorted(values)
    return values[len(values) // 2] if values else float("nan")


def did_change(client, header, rounds):
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
        line = client.wait_stderr("analyzed in", since=logged, timeout=60)
        if line:
            quick.append(line.strip())
        client.drain(0.5)  # The complete pass, if any.
    if not quick:
        fail("the server logged no analysis pass after didChange")
    figures = [[int(x) for x in re.findall(r"(\d+) ms", l)] for l in quick]
    if any(len(f) < 5 for f in figures):
        fail("the server's pass log has fewer than 5 timings: %r" % quick)
    server = [median([f[i] for f in figures if len(f) > i])
              for i in range(5)]
    return median(times), server, (quick[-1] if quick else "?")


def bench(tus, args):
    work = tempfile.mkdtemp(prefix="relcheck-lsp-project-")
    try:
        whole_project.generate(work, tus, models_for(tus))
        header = os.path.join(work, "inc", "models0.hpp")
        warm_cache = os.path.join(work, "cache-warm")
        cold = cli_cold(args.relcheck, work, warm_cache, args.jobs)
        warm, warm_line, client, params = first_diagnostics(
            args.relcheck, work, warm_cache, header)
        change, server, quick_line = did_change(client, header, args.rounds)
        client.shutdown()
        none, none_line, client, _ = first_diagnostics(
            args.relcheck, work, os.path.join(work, "cache-none"), header)
        client.shutdown()
        if cold <= 0 or warm <= 0 or none <= 0:
            fail("a time is zero: cli %.3f, lsp warm %.3f, lsp none %.3f"
                 % (cold, warm, none))
        if "parsed" not in warm_line or "parsed" not in none_line:
            fail("no start-up line from the server: %r, %r"
                 % (warm_line, none_line))
        print("%d TUs, %d models:" % (tus, models_for(tus)))
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
    p.add_argument("--rounds", type=int, default=5,
                   help="didChange edits timed (default 5)")
    p.add_argument("--tiny", action="store_true",
                   help="10 TUs, -j1, one edit")
    args = p.parse_args()
    if args.tiny:
        args.sizes, args.jobs, args.rounds = "10", 1, 1
    if not os.access(args.relcheck, os.X_OK):
        fail("no relcheck at %s (build target relcheck)" % args.relcheck)
    for size in args.sizes.split(","):
        try:
            bench(int(size), args)
        except Exception as e:  # noqa: BLE001 (SystemExit passes)
            # A server that died or timed out: one clear line.
            fail("the server failed: %s: %s" % (type(e).__name__, e))


if __name__ == "__main__":
    main()
